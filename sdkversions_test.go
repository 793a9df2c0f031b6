package fakeaws_test

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// newestIAM is the newest github.com/aws/aws-sdk-go-v2/service/iam this
// module is tested with; the oldest is the one go.mod requires, which the
// rest of the suite uses. The README's Install section names both.
const newestIAM = "v1.68.0"

// TestReadmeNamesTestedVersions keeps the README's Install section naming
// the versions of service/iam the suite tests.
func TestReadmeNamesTestedVersions(t *testing.T) {
	_, install, _ := strings.Cut(readFile(t, "README.md"), "## Install\n")
	install, _, _ = strings.Cut(install, "\n## ")
	for _, v := range []string{requiredIAM(t), newestIAM} {
		if !strings.Contains(install, v) {
			t.Errorf("README's Install section does not name service/iam %s, which the suite tests", v)
		}
	}
}

// TestNewestIAMVersion runs the fakeiam tests against the newest service/iam
// the module supports, in a copy of this checkout, as a consumer whose
// go mod tidy picks that version gets it.
func TestNewestIAMVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the fakeiam tests again against service/iam " + newestIAM + ": skipped in -short mode")
	}
	if requiredIAM(t) == newestIAM {
		t.Skip("go.mod requires " + newestIAM + ": the rest of the suite tests it")
	}
	t.Parallel()
	goCmd := goCommand(t)
	dir := t.TempDir()
	copyTree(t, ".", dir)
	env := append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod "+os.Getenv("GOFLAGS"))
	run := func(args ...string) (string, error) {
		cmd := exec.Command(goCmd, args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := run("get", "github.com/aws/aws-sdk-go-v2/service/iam@"+newestIAM); err != nil {
		if offline.MatchString(out) {
			t.Skipf("the Go module proxy is unreachable, so service/iam %s cannot be fetched: %s", newestIAM, out)
		}
		t.Fatalf("go get service/iam@%s: %v\n%s", newestIAM, err, out)
	}
	if out, err := run("list", "-m", "github.com/aws/aws-sdk-go-v2/service/iam"); err != nil || strings.TrimSpace(out) != "github.com/aws/aws-sdk-go-v2/service/iam "+newestIAM {
		t.Fatalf("after go get, service/iam is %q (%v), want %s", out, err, newestIAM)
	}
	if out, err := run("test", "-count=1", "./fakeiam/"); err != nil {
		t.Fatalf("the fakeiam tests against service/iam %s: %v\n%s", newestIAM, err, out)
	}
}

// requiredIAM returns the version of service/iam go.mod requires.
func requiredIAM(t *testing.T) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^\s*github\.com/aws/aws-sdk-go-v2/service/iam (v\S+)`).FindStringSubmatch(readFile(t, "go.mod"))
	if m == nil {
		t.Fatal("go.mod does not require github.com/aws/aws-sdk-go-v2/service/iam")
	}
	return m[1]
}

// copyTree copies the checkout's files (not its version control) to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dst, path)
		if d.Name() == ".git" { // a directory, or a worktree's file
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
