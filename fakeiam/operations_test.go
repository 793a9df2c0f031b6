package fakeiam

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestOperationsAreDeclaredOnce counts where each operation lives: its name
// and its SDK input and output types appear in at most two non-test files
// of the package (its resource's file, and one that refers to it), so that
// adding an operation is one handler and one registration.
func TestOperationsAreDeclaredOnce(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	sources := map[string]string{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		sources[name] = string(b)
	}
	if len(Operations()) < 14 {
		t.Fatalf("%d operations registered, want at least 14", len(Operations()))
	}
	for _, op := range Operations() {
		name := regexp.QuoteMeta(string(op))
		mention := regexp.MustCompile(`\b(` + name + `|` + name + `Input|` + name + `Output)\b`)
		var in []string
		for file, src := range sources {
			if mention.MatchString(src) {
				in = append(in, file)
			}
		}
		slices.Sort(in)
		if len(in) > 2 {
			t.Errorf("%s appears in %d files, want at most 2: %v", op, len(in), in)
		}
	}
}
