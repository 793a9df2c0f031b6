package fakeaws_test

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestReadmeQuickstart keeps the README's quickstart identical to
// quickstart_test.go (from its import block on), so the code a user pastes
// is code this suite compiles and runs.
func TestReadmeQuickstart(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("quickstart_test.go")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(readme), "## Quickstart")
	if !ok {
		t.Fatal("README.md has no Quickstart section")
	}
	_, block, ok = strings.Cut(block, "```go\n")
	block, _, ok2 := strings.Cut(block, "```\n")
	if !ok || !ok2 {
		t.Fatal("README.md's Quickstart has no ```go block")
	}
	i := strings.Index(string(src), "import (")
	if i < 0 {
		t.Fatal("quickstart_test.go has no import block")
	}
	if diff := cmp.Diff(string(src[i:]), block); diff != "" {
		t.Errorf("README quickstart differs from quickstart_test.go (-file +README):\n%s", diff)
	}
}
