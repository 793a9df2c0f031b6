package main

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDemo checks the demo's whole output against testdata/demo.golden: the
// fake is deterministic, so every id, date and request id is stable.
// Regenerate with: go run ./cmd/demo > cmd/demo/testdata/demo.golden
func TestDemo(t *testing.T) {
	var got bytes.Buffer
	if err := run(context.Background(), &got); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("testdata/demo.golden")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got.String()); diff != "" {
		t.Errorf("demo output (-want +got):\n%s", diff)
	}
}
