package fakeaws_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestReadmeQuickstart keeps the README's quickstart identical to
// quickstart_test.go (from its import block on), so the code a user pastes
// is code this suite compiles and runs.
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

// TestReadmeSnippets keeps every other ```go block of the README identical
// to the snippet of readme_snippets_test.go its marker names, one tab of
// indentation aside, so every snippet compiles and runs as shown.
func TestReadmeSnippets(t *testing.T) {
	readme := readFile(t, "README.md")
	src := readFile(t, "readme_snippets_test.go")
	snippets := map[string]string{}
	for _, m := range regexp.MustCompile(`(?s)// snippet: ([\w-]+)\n(.*?)\t// end snippet`).FindAllStringSubmatch(src, -1) {
		lines := strings.Split(strings.TrimSuffix(m[2], "\n"), "\n")
		for i, l := range lines {
			lines[i] = strings.TrimPrefix(l, "\t")
		}
		snippets[m[1]] = strings.Join(lines, "\n") + "\n"
	}
	blocks := regexp.MustCompile("(?s)(<!-- snippet: ([\\w-]+) -->\n)?```go\n(.*?)```\n").FindAllStringSubmatch(readme, -1)
	seen := map[string]bool{}
	for i, b := range blocks {
		if i == 0 && b[2] == "" { // the quickstart, checked above
			continue
		}
		name := b[2]
		want, ok := snippets[name]
		if !ok {
			t.Errorf("README Go block %d (%q...) has no snippet marker naming a snippet of readme_snippets_test.go", i, firstLine(b[3]))
			continue
		}
		seen[name] = true
		if diff := cmp.Diff(want, b[3]); diff != "" {
			t.Errorf("README snippet %s differs from readme_snippets_test.go (-file +README):\n%s", name, diff)
		}
	}
	for name := range snippets {
		if !seen[name] {
			t.Errorf("snippet %s is not in the README", name)
		}
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
