//go:build unix

package main

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
}

// A pipe as a bodyFile is refused at once: opening it would wait for a
// writer.
func TestBodyFileFIFO(t *testing.T) {
	dir := writeFiles(t, map[string]string{"seed.json": `{"users": [{"name": "Bob", "signingCertificates": [{"bodyFile": "fifo.pem"}]}]}`})
	mkfifo(t, filepath.Join(dir, "fifo.pem"))
	want := []string{`users[0].signingCertificates[0].bodyFile: "fifo.pem" is a named pipe, not a regular file`}
	if diff := cmp.Diff(want, seedProblems(t, dir)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// A seed file may be a pipe (-seed <(...)); while no one writes it, a stop
// (SIGINT or SIGTERM, which end run's context) ends run at once, as a
// clean stop.
func TestStopWhileLoadingTheSeed(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "seed.json")
	mkfifo(t, fifo)
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-seed", fifo}, &stdout, &stderr, nil) }()
	t.Cleanup(func() {
		// Let the load still waiting on the pipe end.
		if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
	})
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run stopped while loading the seed: %v, want nil", err)
		}
	case <-time.After(bound):
		t.Fatalf("run still loading the seed %v after its context ended", bound)
	}
	if got, want := stderr.String(), "fakeiam: stopped while loading the seed\n"; got != want {
		t.Errorf("stderr %q, want %q", got, want)
	}
	if stdout.String() != "" {
		t.Errorf("stdout %q, want nothing", stdout.String())
	}
}

// A bodyFile swapped for a pipe after its Stat is opened without waiting
// for a writer, and refused by the handle's mode.
func TestOpenRegularDoesNotWaitOnAPipe(t *testing.T) {
	dir := t.TempDir()
	mkfifo(t, filepath.Join(dir, "fifo.pem"))
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	done := make(chan error, 1)
	go func() {
		f, err := openRegular(root, "fifo.pem")
		if f != nil {
			f.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if want := `"fifo.pem" is a named pipe, not a regular file`; err == nil || err.Error() != want {
			t.Errorf("openRegular(fifo): %v, want %s", err, want)
		}
	case <-time.After(bound):
		// Let the open still waiting on the pipe end.
		if w, err := os.OpenFile(filepath.Join(dir, "fifo.pem"), os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
		t.Fatalf("openRegular(fifo) still waiting for a writer after %v", bound)
	}
}
