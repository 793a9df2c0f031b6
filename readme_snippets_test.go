package fakeaws_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The README's Go blocks are tested as a reader uses them. Its convention:
// every ```go block is a whole Go file but for its package clause (its
// imports shown, its code in functions), and a block other than the
// quickstart follows a marker <!-- snippet: NAME --> naming it.
// TestReadmeSnippets follows the README's Install lines in a new module
// beside this checkout, pastes each block there as the only file of a
// package of its own, and runs go vet and go test on them.

// readmeBlock is one ```go block of the README.
type readmeBlock struct {
	name string // the marker's name; "quickstart" for the Quickstart's block
	code string
}

// readmeGoBlocks returns the README's ```go blocks, failing on a block
// without a name.
func readmeGoBlocks(t *testing.T, readme string) []readmeBlock {
	t.Helper()
	var blocks []readmeBlock
	seen := map[string]bool{}
	for i, m := range regexp.MustCompile("(?s)(<!-- snippet: ([\\w-]+) -->\n)?```go\n(.*?)```\n").FindAllStringSubmatch(readme, -1) {
		name := m[2]
		if name == "" && i == 0 && strings.Contains(readme[:strings.Index(readme, m[0])], "## Quickstart") {
			name = "quickstart"
		}
		if name == "" {
			line, _, _ := strings.Cut(m[3], "\n")
			t.Errorf("README Go block %d (%q...) has no <!-- snippet: NAME --> marker", i, line)
			continue
		}
		if seen[name] {
			t.Errorf("README has two snippets named %s", name)
		}
		seen[name] = true
		blocks = append(blocks, readmeBlock{name: name, code: m[3]})
	}
	if len(blocks) == 0 {
		t.Fatal("README has no Go blocks")
	}
	return blocks
}

// installCommands returns the go commands of the README's Install section,
// one per line, comments cut.
func installCommands(t *testing.T, readme string) [][]string {
	t.Helper()
	_, section, ok := strings.Cut(readme, "## Install\n")
	if !ok {
		t.Fatal("README has no Install section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	var cmds [][]string
	for _, line := range strings.Split(section, "\n") {
		line, _, _ = strings.Cut(line, "#")
		if args := strings.Fields(line); len(args) > 0 && args[0] == "go" && strings.HasPrefix(line, "    ") {
			cmds = append(cmds, args)
		}
	}
	if len(cmds) == 0 {
		t.Fatal("README's Install section has no go command")
	}
	return cmds
}

// offline matches the go command's words for a module proxy it cannot reach.
var offline = regexp.MustCompile(`dial tcp|no such host|connection refused|i/o timeout|GOPROXY=off|network is unreachable|TLS handshake`)

// copyPath is where the README's Install section says the reader's copy of
// this repository is; the test puts this checkout there.
const copyPath = "../fakeaws"

func TestReadmeSnippets(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests a module of the README's snippets with the go command: skipped in -short mode")
	}
	t.Parallel()
	goCmd := goCommand(t)
	readme := readFile(t, "README.md")
	blocks := readmeGoBlocks(t, readme)
	cmds := installCommands(t, readme)
	repo, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}

	// Offline: the module cache holds what this module's own tests need.
	// go mod tidy takes the versions fakeaws's go.mod requires (service/iam
	// v1.65.0), as it would online: the snippets are tested against those;
	// sdkversions_test.go runs the fakeiam tests against v1.68.0.
	//
	// go mod tidy also loads the tests of every package it keeps (go-qr's
	// test imports testify), which go test never downloads: on a fresh
	// machine the cache lacks them. Fetch this module's whole module graph
	// first, through the environment's own proxy as go test itself just did,
	// so the offline steps find what a reader's online tidy would; in a
	// copy of go.mod and go.sum, so the checkout's go.sum stays as it is.
	graph := t.TempDir()
	for _, name := range []string{"go.mod", "go.sum"} {
		if err := os.WriteFile(filepath.Join(graph, name), []byte(readFile(t, name)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	download := exec.Command(goCmd, "mod", "download", "all")
	download.Dir, download.Env = graph, append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod "+os.Getenv("GOFLAGS"))
	if out, err := download.CombinedOutput(); err != nil {
		if offline.Match(out) {
			t.Skipf("go mod download all could not reach the Go module proxy, which a fresh module cache needs for go mod tidy (the test runs offline after it): %v\n%s", err, out)
		}
		t.Fatalf("go mod download all (to fill the module cache before the offline steps): %v\n%s", err, out)
	}
	env := append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod "+os.Getenv("GOFLAGS"), "GOPROXY=off", "GOSUMDB=off")
	dir := t.TempDir()
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(goCmd, args[1:]...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run("go", "mod", "init", "example.com/yourmodule")
	for _, b := range blocks {
		pkg := strings.ReplaceAll(b.name, "-", "")
		if err := os.Mkdir(filepath.Join(dir, b.name), 0o755); err != nil {
			t.Fatal(err)
		}
		src := fmt.Sprintf("package %s\n\n%s", pkg, b.code)
		if err := os.WriteFile(filepath.Join(dir, b.name, pkg+"_test.go"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	replaced := false
	for _, args := range cmds {
		for i, a := range args {
			if strings.Contains(a, copyPath) {
				args[i] = strings.ReplaceAll(a, copyPath, repo)
				replaced = true
			}
		}
		run(args...)
	}
	if !replaced {
		t.Fatalf("README's Install section never names the copy of the repository (%s): %q", copyPath, cmds)
	}
	// What the README says the snippets are tested against.
	if got := strings.Fields(run("go", "list", "-m", "github.com/aws/aws-sdk-go-v2/service/iam")); len(got) != 2 || got[1] != requiredIAM(t) {
		t.Errorf("the snippets' module uses service/iam %q, want %s (go.mod's, as the README says)", got, requiredIAM(t))
	}
	run("go", "vet", "./...")
	out := run("go", "test", "-count=1", "./...")
	for _, b := range blocks {
		if !strings.Contains(out, "ok  \texample.com/yourmodule/"+b.name+"\t") {
			t.Errorf("snippet %s did not pass:\n%s", b.name, out)
		}
	}
}

// goCommand returns the go command that runs this test (go test puts its
// GOROOT/bin first on PATH), or skips.
func goCommand(t *testing.T) string {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command on PATH: %v", err)
	}
	return goCmd
}
