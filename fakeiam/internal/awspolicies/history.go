package awspolicies

import (
	_ "embed" // the history
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

//go:embed history.tsv.gz
var historyCompressed []byte

// Version is an older version of an AWS managed policy: not its default.
type Version struct {
	ID       string // "v<n>"
	Document string // compact JSON, as the catalog's documents
	Created  time.Time
}

// history is the older versions' text, read the first time a policy's
// are asked for: each policy's lines by name.
var history struct {
	once  sync.Once
	lines map[string]string
	err   error
}

// Older is the older versions of the i-th policy that the snapshot's
// history holds, newest first (none: nil), rebuilt at each call: a caller
// keeps what it needs (the fake keeps each policy's, aws_managed_policies.go).
// Its error says the embedded history is corrupt (a test of this package
// reads all of it).
func (c *Catalog) Older(i int) ([]Version, error) {
	if i < 0 || i >= len(c.Policies) {
		return nil, fmt.Errorf("awspolicies: no policy %d", i)
	}
	history.once.Do(func() { history.lines, history.err = parseHistory(historyCompressed) })
	if history.err != nil {
		return nil, history.err
	}
	vs, err := rebuild(c.Policies[i].Document, history.lines[c.Policies[i].Name])
	if err != nil {
		return nil, fmt.Errorf("awspolicies: %s: %v", c.Policies[i].Name, err)
	}
	return vs, nil
}

// parseHistory reads a gzip'd history into each policy's lines (the
// generator writes a policy's lines together).
func parseHistory(data []byte) (map[string]string, error) {
	_, rest, err := gunzip(data, "history")
	if err != nil {
		return nil, err
	}
	lines := map[string]string{}
	for rest != "" {
		name, _, ok := strings.Cut(rest, "\t")
		if !ok {
			return nil, fmt.Errorf("awspolicies: history: a line without fields")
		}
		prefix := rest[:len(name)+1] // the name and its tab
		end := 0
		for end < len(rest) && strings.HasPrefix(rest[end:], prefix) {
			nl := strings.IndexByte(rest[end:], '\n')
			if nl < 0 {
				return nil, fmt.Errorf("awspolicies: history: %s: a line without its end", name)
			}
			end += nl + 1
		}
		if _, twice := lines[name]; twice || end == 0 {
			return nil, fmt.Errorf("awspolicies: history: %s's lines are not together", name)
		}
		lines[name], rest = rest[:end], rest[end:]
	}
	return lines, nil
}

// rebuild makes a policy's older versions from its lines: each line
// (name, version id, CreateDate in Unix seconds, ops) a delta from the
// version before it, the first from the default.
func rebuild(def, lines string) ([]Version, error) {
	var vs []Version
	base := def
	for lines != "" {
		var line string
		line, lines, _ = strings.Cut(lines, "\n")
		f := strings.SplitN(line, "\t", 4)
		if len(f) != 4 {
			return nil, fmt.Errorf("a line of %d fields, want 4", len(f))
		}
		secs, err := strconv.ParseInt(f[2], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f[1], err)
		}
		doc, err := Apply(base, f[3])
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f[1], err)
		}
		vs = append(vs, Version{ID: f[1], Document: doc, Created: time.Unix(secs, 0).UTC()})
		base = doc
	}
	return vs, nil
}

// OpSep separates a delta's ops. Compact JSON never holds it.
const OpSep = "\x1f"

// Tokens splits a document after each of , [ ] { }: the units a delta
// copies. Joined, they are the document.
func Tokens(doc string) []string {
	ts := make([]string, 0, strings.Count(doc, ",")+strings.Count(doc, "{")*2+strings.Count(doc, "[")*2+1)
	start := 0
	for i := 0; i < len(doc); i++ {
		switch doc[i] {
		case ',', '[', ']', '{', '}':
			ts = append(ts, doc[start:i+1])
			start = i + 1
		}
	}
	if start < len(doc) {
		ts = append(ts, doc[start:])
	}
	return ts
}

// Apply rebuilds a document from base and a delta's ops, separated by
// OpSep: "=<i>,<n>" copies base's tokens i to i+n, "+<text>" inserts text.
func Apply(base, ops string) (string, error) {
	ts := Tokens(base)
	var b strings.Builder
	b.Grow(len(base) + len(ops)) // about its size: a version differs little from the next
	for op := range strings.SplitSeq(ops, OpSep) {
		if text, ok := strings.CutPrefix(op, "+"); ok {
			b.WriteString(text)
			continue
		}
		from, count, ok := strings.Cut(strings.TrimPrefix(op, "="), ",")
		i, err1 := strconv.Atoi(from)
		n, err2 := strconv.Atoi(count)
		if !ok || !strings.HasPrefix(op, "=") || err1 != nil || err2 != nil || i < 0 || n < 0 || i+n > len(ts) || i+n < i {
			return "", fmt.Errorf("bad op %.40q", op)
		}
		for _, t := range ts[i : i+n] {
			b.WriteString(t)
		}
	}
	return b.String(), nil
}
