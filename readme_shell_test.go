//go:build unix

package fakeaws_test

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReadmeShell runs the README's shell lines for the endpoint as a
// user pastes them ("Use it from the AWS CLI, boto3 or any SDK"): the
// script recipe that builds cmd/fakeiam and sources its export lines, then
// the commands shown "in that shell", in a copy of the repository (the
// recipe builds into bin/ and writes fakeiam.env where it runs). It fails
// when a line fails or an answer is not what the lines promise; it skips
// only where a client the lines call is missing.
func TestReadmeShell(t *testing.T) {
	if testing.Short() {
		t.Skip("builds cmd/fakeiam and runs the AWS CLI: not in -short")
	}
	for _, tool := range []string{"bash", "go", "aws", "python3", "openssl"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed: the README's shell lines call it", tool)
		}
	}
	if err := exec.Command("python3", "-c", "import boto3").Run(); err != nil {
		t.Skip("python3 has no boto3: the README's shell lines call it")
	}
	readme := readFile(t, "README.md")
	_, section, ok := strings.Cut(readme, "## Use it from the AWS CLI, boto3 or any SDK")
	if !ok {
		t.Fatal(`README.md has no section "Use it from the AWS CLI, boto3 or any SDK"`)
	}
	recipe := indentedBlockAfter(t, section, "keep the lines in a file and source it once it has\nall six:")
	commands := indentedBlockAfter(t, section, "Then, in that shell")

	dir := copyRepo(t)
	// No AWS configuration but the exported lines; the Go caches stay
	// the runner's (HOME too): the build reads modules from the cache.
	aws := t.TempDir()
	// The trap comes first: whatever line fails, the endpoint the recipe
	// started is stopped with the script.
	script := "set -euo pipefail\ntrap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n" + recipe + "\n" + commands + "\n"
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-c", script)
	cmd.Dir = dir
	// Its own process group, killed whole at the deadline: the endpoint
	// too, which a kill of bash alone would leave listening.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	t.Cleanup(func() { // a test run cut short: nothing of the group outlives it
		if cmd.Process != nil {
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		}
	})
	// -trimpath: the copy's directory then does not change what the build
	// cache holds, so a second run builds nothing; GOPROXY=off: no module
	// is fetched (the tests' own build put every one in the cache).
	cmd.Env = append(withoutAWS(os.Environ()), "AWS_CONFIG_FILE="+filepath.Join(aws, "config"),
		"AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(aws, "credentials"), "GOFLAGS=-trimpath", "GOPROXY=off")
	cmd.WaitDelay = 10 * time.Second
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the README's lines failed: %v\nscript:\n%s\noutput:\n%s", err, script, out)
	}
	for _, want := range []string{
		`"CertificateId": "TA7SMP42TDN5Z26OBPJE7EXAMPLE"`, // list-signing-certificates --user-name Bob
		`"UserName": "Alice"`,                             // create-user
		`"CertificateBody": "-----BEGIN CERTIFICATE-----`, // upload-signing-certificate: Alice's certificate
		`'UserName': 'Bob'`,                               // boto3's list_users
		`"Arn": "arn:aws:iam::123456789012:root"`,         // sts get-caller-identity
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the output has no %s:\n%s", want, out)
		}
	}
}

// indentedBlockAfter is the block of lines indented by four spaces that
// follows the first line of text holding after, without the indent.
func indentedBlockAfter(t *testing.T, text, after string) string {
	t.Helper()
	_, rest, ok := strings.Cut(text, after)
	if !ok {
		t.Fatalf("README.md has no %q", after)
	}
	var lines []string
	for _, line := range strings.Split(rest, "\n")[1:] {
		switch {
		case strings.HasPrefix(line, "    "):
			lines = append(lines, strings.TrimPrefix(line, "    "))
		case line == "" && len(lines) == 0:
		default:
			if len(lines) == 0 {
				t.Fatalf("README.md: no indented block after %q", after)
			}
			return strings.Join(lines, "\n")
		}
	}
	return strings.Join(lines, "\n")
}

// copyRepo copies the repository's files (not .git, test binaries or what
// the README's recipe makes) into a new directory, and returns it.
func copyRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range repoFiles(t) {
		if strings.HasSuffix(name, ".test") || strings.HasPrefix(name, "bin/") || name == "fakeiam.env" || name == "cmd/fakeiam/fakeiam" {
			continue
		}
		dst := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := copyFile(name, dst); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// withoutAWS is env without the AWS_ variables of whoever runs the tests:
// the README's lines export their own.
func withoutAWS(env []string) []string {
	var kept []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "AWS_") {
			kept = append(kept, kv)
		}
	}
	return kept
}
