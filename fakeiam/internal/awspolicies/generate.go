//go:build ignore

// The generator of catalog.tsv.gz and history.tsv.gz: see the package doc.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/fakeiam/internal/awspolicies"
)

func main() {
	snapshot := flag.String("snapshot", "", "a git clone of github.com/zoph-io/MAMIP (bare or not)")
	commit := flag.String("commit", "", "its commit")
	date := flag.String("date", "", "its commit's date (RFC 3339)")
	out := flag.String("out", "catalog.tsv.gz", "the catalog to write")
	history := flag.String("history", "history.tsv.gz", "the older versions to write")
	descriptions := flag.String("descriptions", "", "a git clone of github.com/udondan/iam-floyd (bare or not)")
	descCommits := flag.String("descriptions-commits", "", "its commits to read descriptions from, comma-separated: the first that has a policy's wins")
	flag.Parse()
	if *snapshot == "" {
		fmt.Println("awspolicies: no snapshot named (AWS_POLICIES_SNAPSHOT); the committed catalog is kept")
		return
	}
	if _, err := gitShow(*snapshot, *commit, "policies-list.json"); err != nil {
		fmt.Printf("awspolicies: %s holds no policies-list.json at %q (%v); the committed catalog is kept\n", *snapshot, *commit, err)
		return
	}
	if *commit == "" || *date == "" || *descriptions == "" || *descCommits == "" {
		fail(fmt.Errorf("-commit and -date name the snapshot's commit and its date; -descriptions and -descriptions-commits the descriptions' source"))
	}
	descs, err := readDescriptions(*descriptions, strings.Split(*descCommits, ","))
	if err != nil {
		fail(err)
	}
	head := fmt.Sprintf("source github.com/zoph-io/MAMIP commit %s date %s descriptions github.com/udondan/iam-floyd commits %s", *commit, *date, *descCommits)
	catalog, defaults, err := generate(*snapshot, *commit, head, descs)
	if err != nil {
		fail(err)
	}
	older, err := generateHistory(*snapshot, *commit, head, defaults)
	if err != nil {
		fail(err)
	}
	for name, data := range map[string][]byte{*out: catalog, *history: older} {
		if err := os.WriteFile(name, data, 0o644); err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "awspolicies:", err)
	os.Exit(1)
}

// gitShow is the file at path in commit of the git repository dir.
func gitShow(dir, commit, path string) ([]byte, error) {
	cmd := exec.Command("git", "-C", dir, "show", commit+":"+path)
	cmd.Stderr = os.Stderr
	return cmd.Output()
}

// readDescriptions reads each policy's Description from iam-floyd's
// generated list of AWS managed policies (GetPolicy's Description, as its
// nightly job wrote it: a one-line doc comment above each policy's path):
// name -> description, the first commit that has a name winning.
func readDescriptions(dir string, commits []string) (map[string]string, error) {
	const file = "lib/generated/aws-managed-policies/iam-floyd.ts"
	descs := map[string]string{}
	for _, commit := range commits {
		src, err := gitShow(dir, commit, file)
		if err != nil {
			return nil, fmt.Errorf("%s at %s: %v", file, commit, err)
		}
		pending, ok := "", false
		for _, line := range strings.Split(string(src), "\n") {
			if d, found := strings.CutPrefix(line, "    /** "); found && strings.HasSuffix(d, " */") {
				pending, ok = strings.TrimSuffix(d, " */"), true
				continue
			}
			if rest, found := strings.CutPrefix(line, "    public static "); found && ok {
				_, quoted, _ := strings.Cut(rest, " = '")
				path, closed := strings.CutSuffix(quoted, "';")
				if !closed || strings.ContainsAny(path, `'\`) {
					return nil, fmt.Errorf("%s at %s: unreadable line %q", file, commit, line)
				}
				name := path[strings.LastIndexByte(path, '/')+1:]
				if _, seen := descs[name]; !seen {
					descs[name] = pending
				}
			}
			ok = false
		}
	}
	return descs, nil
}

type listed struct {
	PolicyName, PolicyId, Arn, Path, DefaultVersionId string
	IsAttachable                                      bool
	CreateDate, UpdateDate                            time.Time
}

type version struct {
	PolicyVersion struct {
		CreateDate       time.Time
		VersionId        string
		IsDefaultVersion bool
		Document         json.RawMessage
	}
}

// generate is the catalog, and each policy's default version (for the
// history, in the catalog's order).
func generate(dir, commit, head string, descs map[string]string) ([]byte, []defaultVersion, error) {
	raw, err := gitShow(dir, commit, "policies-list.json")
	if err != nil {
		return nil, nil, err
	}
	var list struct{ Policies []listed }
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, nil, fmt.Errorf("policies-list.json: %v", err)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s policies %d\n", head, len(list.Policies))
	defaults := make([]defaultVersion, 0, len(list.Policies))
	for _, p := range list.Policies {
		if p.Arn != "arn:aws:iam::aws:policy"+p.Path+p.PolicyName {
			return nil, nil, fmt.Errorf("%s: ARN %s is not its path and name", p.PolicyName, p.Arn)
		}
		raw, err := gitShow(dir, commit, "policies/"+p.PolicyName)
		if err != nil {
			return nil, nil, err
		}
		var v version
		if err := json.Unmarshal(raw, &v); err != nil {
			return nil, nil, fmt.Errorf("policies/%s: %v", p.PolicyName, err)
		}
		if v.PolicyVersion.VersionId != p.DefaultVersionId || !v.PolicyVersion.IsDefaultVersion {
			return nil, nil, fmt.Errorf("policies/%s: version %s, but the list's default is %s", p.PolicyName, v.PolicyVersion.VersionId, p.DefaultVersionId)
		}
		var doc bytes.Buffer
		if err := json.Compact(&doc, v.PolicyVersion.Document); err != nil {
			return nil, nil, fmt.Errorf("policies/%s: %v", p.PolicyName, err)
		}
		attachable := "0"
		if p.IsAttachable {
			attachable = "1"
		}
		fields := []string{p.PolicyName, p.Path, p.PolicyId, p.DefaultVersionId,
			strconv.FormatInt(p.CreateDate.Unix(), 10), strconv.FormatInt(p.UpdateDate.Unix(), 10),
			strconv.FormatInt(v.PolicyVersion.CreateDate.Unix(), 10), attachable, descs[p.PolicyName], doc.String()}
		for _, f := range fields {
			if strings.ContainsAny(f, "\t\n") {
				return nil, nil, fmt.Errorf("%s: a field holds a tab or a newline", p.PolicyName)
			}
		}
		b.WriteString(strings.Join(fields, "\t"))
		b.WriteByte('\n')
		defaults = append(defaults, defaultVersion{name: p.PolicyName, id: p.DefaultVersionId, document: doc.String()})
	}
	return gzipped(b.Bytes()), defaults, nil
}

func gzipped(data []byte) []byte {
	var z bytes.Buffer
	w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	w.Write(data)
	w.Close()
	return z.Bytes()
}

// defaultVersion is a policy's default version in the catalog.
type defaultVersion struct{ name, id, document string }

// generateHistory is every older version of the catalog's policies that
// the snapshot's git history holds (MAMIP commits each policy's default
// version when it changes), newest first, each as a delta from the next
// newer one (the first from the default): see the package doc. A version
// the history holds in several texts (MAMIP re-ordered keys at times) has
// its newest.
func generateHistory(dir, commit, head string, defaults []defaultVersion) ([]byte, error) {
	cmd := exec.Command("git", "-C", dir, "log", "--format=C %H", "--raw", "--no-abbrev", "--no-renames", commit, "--", "policies/")
	cmd.Stderr = os.Stderr
	log, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git log: %v", err)
	}
	type change struct{ name, blob string }
	var changes []change // newest first
	seen := map[change]bool{}
	for _, line := range strings.Split(string(log), "\n") {
		meta, path, ok := strings.Cut(line, "\t")
		if !ok || !strings.HasPrefix(meta, ":") {
			continue
		}
		f := strings.Fields(meta)
		name, ok := strings.CutPrefix(path, "policies/")
		if len(f) < 4 || !ok || strings.Contains(name, "/") || strings.Trim(f[3], "0") == "" {
			continue
		}
		c := change{name, f[3]}
		if !seen[c] {
			seen[c] = true
			changes = append(changes, c)
		}
	}
	blobs, err := catFiles(dir, changes, func(c change) string { return c.blob })
	if err != nil {
		return nil, err
	}
	type older struct {
		id, document string
		created      int64
	}
	byName := map[string]map[string]older{}
	skipped := 0
	for i, c := range changes {
		var v version
		var doc bytes.Buffer
		if json.Unmarshal(blobs[i], &v) != nil || v.PolicyVersion.VersionId == "" || json.Compact(&doc, v.PolicyVersion.Document) != nil {
			skipped++ // a file MAMIP committed damaged: its version is in another commit, or lost
			continue
		}
		if byName[c.name] == nil {
			byName[c.name] = map[string]older{}
		}
		if _, newer := byName[c.name][v.PolicyVersion.VersionId]; !newer {
			byName[c.name][v.PolicyVersion.VersionId] = older{v.PolicyVersion.VersionId, doc.String(), v.PolicyVersion.CreateDate.Unix()}
		}
	}
	var b bytes.Buffer
	count := 0
	var lines bytes.Buffer
	for _, d := range defaults {
		var vs []older
		for id, o := range byName[d.name] {
			if id != d.id {
				vs = append(vs, o)
			}
		}
		slices.SortFunc(vs, func(x, y older) int { return number(y.id) - number(x.id) })
		base := d.document
		for _, o := range vs {
			if strings.ContainsAny(o.document, "\t\n"+awspolicies.OpSep) {
				return nil, fmt.Errorf("%s %s: the document holds a tab, a newline or the ops' separator", d.name, o.id)
			}
			ops := delta(awspolicies.Tokens(base), awspolicies.Tokens(o.document))
			if got, err := awspolicies.Apply(base, ops); err != nil || got != o.document {
				return nil, fmt.Errorf("%s %s: the delta does not rebuild the document", d.name, o.id)
			}
			fmt.Fprintf(&lines, "%s\t%s\t%d\t%s\n", d.name, o.id, o.created, ops)
			base = o.document
			count++
		}
	}
	fmt.Printf("awspolicies: %d older versions from %d files of the history (%d unreadable, skipped)\n", count, len(changes), skipped)
	fmt.Fprintf(&b, "# %s versions %d\n", head, count)
	b.Write(lines.Bytes())
	return gzipped(b.Bytes()), nil
}

// number is n of "v<n>".
func number(id string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(id, "v"))
	return n
}

// catFiles reads the blobs that key names, in order, with one git cat-file.
func catFiles[T any](dir string, items []T, key func(T) string) ([][]byte, error) {
	var in bytes.Buffer
	for _, it := range items {
		in.WriteString(key(it) + "\n")
	}
	cmd := exec.Command("git", "-C", dir, "cat-file", "--batch")
	cmd.Stdin, cmd.Stderr = &in, os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git cat-file: %v", err)
	}
	blobs := make([][]byte, len(items))
	for i := range items {
		nl := bytes.IndexByte(out, '\n')
		if nl < 0 {
			return nil, fmt.Errorf("git cat-file: short output")
		}
		f := strings.Fields(string(out[:nl]))
		out = out[nl+1:]
		if len(f) != 3 {
			continue // missing
		}
		size, err := strconv.Atoi(f[2])
		if err != nil || size+1 > len(out) {
			return nil, fmt.Errorf("git cat-file: bad header %q", f)
		}
		blobs[i], out = out[:size], out[size+1:]
	}
	return blobs, nil
}

// delta is the ops (see awspolicies.Apply) that make the tokens want from base: a
// shortest edit script (Myers' O(ND) algorithm), copies of base's runs
// and insertions of want's text; the whole text inserted when the
// documents share little.
func delta(base, want []string) string {
	n, m := len(base), len(want)
	maxD := min(n+m, 4000)
	off := maxD + 1
	v := make([]int, 2*maxD+3)
	var trace [][]int
	d := 0
search:
	for ; d <= maxD; d++ {
		trace = append(trace, slices.Clone(v))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && base[x] == want[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				break search
			}
		}
	}
	if d > maxD {
		return "+" + strings.Join(want, "")
	}
	// Walk back: each step's snake is a run of equal tokens.
	type run struct{ x, y, n int }
	var runs []run
	x, y := n, m
	for ; d > 0; d-- {
		vd := trace[d]
		k := x - y
		var pk int
		if k == -d || (k != d && vd[off+k-1] < vd[off+k+1]) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := vd[off+pk]
		py := px - pk
		sx, sy := px, py
		if pk == k+1 {
			sy++ // an insertion
		} else {
			sx++ // a deletion
		}
		if x > sx {
			runs = append(runs, run{sx, sy, x - sx})
		}
		x, y = px, py
	}
	if x > 0 {
		runs = append(runs, run{0, 0, x})
	}
	slices.Reverse(runs)
	var ops []string
	at := 0 // in want
	for _, r := range runs {
		if r.y > at {
			ops = append(ops, "+"+strings.Join(want[at:r.y], ""))
		}
		ops = append(ops, "="+strconv.Itoa(r.x)+","+strconv.Itoa(r.n))
		at = r.y + r.n
	}
	if at < m {
		ops = append(ops, "+"+strings.Join(want[at:], ""))
	}
	return strings.Join(ops, awspolicies.OpSep)
}
