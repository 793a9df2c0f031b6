package fakeaws_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// TestReadmeQuickstart keeps the README's quickstart identical to
// quickstart_test.go (from its import block on), so the code a user pastes
// is code this suite compiles and runs, under -race and -short too.
func TestReadmeQuickstart(t *testing.T) {
	readme := readFile(t, "README.md")
	src := readFile(t, "quickstart_test.go")
	_, block, ok := strings.Cut(readme, "## Quickstart")
	if !ok {
		t.Fatal("README.md has no Quickstart section")
	}
	_, block, ok = strings.Cut(block, "```go\n")
	block, _, ok2 := strings.Cut(block, "```\n")
	if !ok || !ok2 {
		t.Fatal("README.md's Quickstart has no ```go block")
	}
	i := strings.Index(src, "import (")
	if i < 0 {
		t.Fatal("quickstart_test.go has no import block")
	}
	if diff := cmp.Diff(src[i:], block); diff != "" {
		t.Errorf("README quickstart differs from quickstart_test.go (-file +README):\n%s", diff)
	}
}

// TestDocsNameFilesThatExist fails when the README or a document under
// docs/ names a file of this repository that is not in it: a path under one
// of the repository's top-level directories; another path to a .go or .md
// file, relative to the document or to a directory of the repository; or a
// .go or .md file named alone, which must exist somewhere in it. Test, fuzz,
// benchmark and example function names must be declared in a test file.
func TestDocsNameFilesThatExist(t *testing.T) {
	files := repoFiles(t)
	bases := map[string]bool{}
	for _, f := range files {
		bases[filepath.Base(f)] = true
	}
	topLevel := map[string]bool{}
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		topLevel[e.Name()] = true
	}
	var tests strings.Builder
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			tests.WriteString(readFile(t, f))
		}
	}
	declared := tests.String()

	docs := []string{"README.md"}
	for _, f := range files {
		if strings.HasPrefix(f, "docs/") && strings.HasSuffix(f, ".md") {
			docs = append(docs, f)
		}
	}
	for _, doc := range docs {
		for _, name := range namedFiles(readFile(t, doc)) {
			name = strings.TrimPrefix(name, "./")
			first, _, nested := strings.Cut(name, "/")
			switch {
			case topLevel[first]:
				if _, err := os.Stat(name); err != nil {
					t.Errorf("%s names %s, which is not in the repository", doc, name)
				}
			case !strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, ".md"):
				// prose such as "and/or", or a file of the reader's own
			case nested: // relative to the document, or to a directory it names (a table's "fakeiam/")
				if _, err := os.Stat(filepath.Join(filepath.Dir(doc), name)); err != nil && !slices.ContainsFunc(files, func(f string) bool {
					return strings.HasSuffix(f, "/"+strings.TrimPrefix(name, "../"))
				}) {
					t.Errorf("%s names %s, which is not in the repository", doc, name)
				}
			case !bases[name]:
				t.Errorf("%s names %s, which is not in the repository", doc, name)
			}
		}
		for _, m := range regexp.MustCompile("`((?:Test|Fuzz|Benchmark|Example)[A-Z]\\w*)`").FindAllStringSubmatch(readFile(t, doc), -1) {
			if !strings.Contains(declared, "func "+m[1]+"(") {
				t.Errorf("%s names %s, which no test file declares", doc, m[1])
			}
		}
	}
}

// namedFiles returns the words of a document that look like paths or file
// names (URLs and Go import paths aside).
func namedFiles(doc string) []string {
	doc = regexp.MustCompile(`https?://\S+`).ReplaceAllString(doc, "")
	var names []string
	for _, m := range regexp.MustCompile(`(?:^|[\s(\x60\[|,])(\.{0,2}/?[A-Za-z0-9.][\w.-]*(?:/[\w.-]+)*/?)`).FindAllStringSubmatch(doc, -1) {
		name := strings.TrimRight(m[1], ".,")
		if !strings.HasPrefix(name, "github.com/") && (!strings.Contains(name, "..") || strings.HasPrefix(name, "../")) {
			names = append(names, name)
		}
	}
	return names
}

// TestReadmeOperationCount fails when the README states a number of
// operations ("14 operations", "the fourteen operations above") other than
// the number the fake implements, or leaves one of them unnamed.
func TestReadmeOperationCount(t *testing.T) {
	readme := readFile(t, "README.md")
	ops := fakeiam.Operations()
	counts := regexp.MustCompile(`(?i)\b(\d+|[a-z]+(?:-[a-z]+)?)\s+(?:IAM\s+)?operations\b`).FindAllStringSubmatch(readme, -1)
	stated := 0
	for _, m := range counts {
		n, err := strconv.Atoi(m[1])
		if err != nil {
			n = numberWord(m[1])
			if n < 0 {
				continue // "the operations", "implemented operations": not a count
			}
		}
		stated++
		if n != len(ops) {
			t.Errorf("README says %q; the fake implements %d operations (fakeiam.Operations)", m[0], len(ops))
		}
	}
	if stated == 0 {
		t.Errorf("README states no number of operations; want one (%d)", len(ops))
	}
	for _, op := range ops {
		if !strings.Contains(readme, "`"+string(op)+"`") {
			t.Errorf("README does not name the operation %s", op)
		}
	}
}

// numberWord is the number an English word names, zero to ninety-nine
// ("seventeen", "thirty-three"); -1 for any other word.
func numberWord(w string) int {
	small := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	tens := []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	w = strings.ToLower(w)
	if n := slices.Index(small, w); n >= 0 {
		return n
	}
	ten, unit, hyphen := strings.Cut(w, "-")
	t := slices.Index(tens, ten)
	if t < 2 {
		return -1
	}
	if !hyphen {
		return 10 * t
	}
	if u := slices.Index(small, unit); u >= 1 && u <= 9 {
		return 10*t + u
	}
	return -1
}

// repoFiles lists the repository's files, relative to its root, without
// version-control and build output.
func repoFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "cache") {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			files = append(files, filepath.ToSlash(path))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestCodeCitesDocsThatExist fails when a Go file (code or test) names a
// Markdown document that is not in the repository: comments cite the
// contract (docs/contract.md) and the architecture (docs/architecture.md),
// and a citation of a file a reader cannot open is a broken promise.
func TestCodeCitesDocsThatExist(t *testing.T) {
	files := repoFiles(t)
	cited := regexp.MustCompile(`[\w./-]*[\w-]\.md\b`)
	for _, f := range files {
		if !strings.HasSuffix(f, ".go") {
			continue
		}
		for _, name := range cited.FindAllString(readFile(t, f), -1) {
			name = strings.TrimPrefix(name, "./")
			if !slices.ContainsFunc(files, func(r string) bool { return r == name || strings.HasSuffix(r, "/"+name) }) {
				t.Errorf("%s cites %s, which is not in the repository", f, name)
			}
		}
	}
}

func TestNumberWord(t *testing.T) {
	for _, tc := range []struct {
		word string
		want int
	}{
		{"zero", 0}, {"Seventeen", 17}, {"twenty", 20}, {"twenty-five", 25}, {"thirty-three", 33},
		{"ninety-nine", 99}, {"twenty-zero", -1}, {"ten-one", -1}, {"the", -1}, {"implemented", -1}, {"hundred", -1},
	} {
		if got := numberWord(tc.word); got != tc.want {
			t.Errorf("numberWord(%q) = %d, want %d", tc.word, got, tc.want)
		}
	}
}
