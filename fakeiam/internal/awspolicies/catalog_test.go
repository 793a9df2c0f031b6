package awspolicies

import (
	"regexp"
	"strings"
	"testing"
)

// TestCatalog checks the committed catalog's facts: its count, every
// ARN its path and name, ids as IAM's, dates in order, and the policies
// the recordings name (docs/contract.md, "AWS managed policies") as
// recorded.
func TestCatalog(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(c.Policies), 1452; got != want {
		t.Errorf("%d policies, want %d (the snapshot's ListPolicies Scope=AWS)", got, want)
	}
	if !strings.Contains(c.Snapshot, "commit 0387244e53a3dbe038810ef3463489c2c6836f06") {
		t.Errorf("snapshot line %q names another commit than the docs", c.Snapshot)
	}
	id := regexp.MustCompile(`^ANPA[A-Z2-7]{17}$`)
	path := regexp.MustCompile(`^/([\x21-\x7e]+/)?$`)
	version := regexp.MustCompile(`^v[1-9][0-9]*$`)
	ids := map[string]bool{}
	for i, p := range c.Policies {
		if p.ARN != "arn:aws:iam::aws:policy"+p.Path+p.Name || c.Index(p.ARN) != i {
			t.Errorf("%s: ARN %s, index %d", p.Name, p.ARN, c.Index(p.ARN))
		}
		if !id.MatchString(p.ID) || ids[p.ID] {
			t.Errorf("%s: id %q not IAM's form or twice", p.Name, p.ID)
		}
		ids[p.ID] = true
		if !path.MatchString(p.Path) || !version.MatchString(p.DefaultVersion) {
			t.Errorf("%s: path %q, default version %q", p.Name, p.Path, p.DefaultVersion)
		}
		if p.Updated.Before(p.Created) || p.Created.Year() < 2014 || p.Document == "" {
			t.Errorf("%s: created %v, updated %v, document %d bytes", p.Name, p.Created, p.Updated, len(p.Document))
		}
	}
	// The first page of ListPolicies Scope=AWS as recorded (LocalStack,
	// test_list_policies_scope_aws, 2026-02-12): its default versions.
	for i, want := range []string{"v1", "v12"} {
		if got := c.Policies[i].DefaultVersion; got != want {
			t.Errorf("policy %d (%s): default %s, want %s", i, c.Policies[i].Name, got, want)
		}
	}
	for _, arn := range []string{"arn:aws:iam::aws:policy/IAMUserChangePassword",
		"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
		"arn:aws:iam::aws:policy/job-function/SystemAdministrator"} {
		if c.Index(arn) < 0 {
			t.Errorf("%s not in the catalog", arn)
		}
	}
}

// TestLoadOnce: every call answers the same catalog.
func TestLoadOnce(t *testing.T) {
	a, _ := Load()
	b, _ := Load()
	if a != b {
		t.Error("Load read the catalog twice")
	}
}

// TestParseCorrupt: a damaged catalog is an error, never a panic.
func TestParseCorrupt(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("not gzip"), compressed[:len(compressed)/2]} {
		if _, err := parse(data); err == nil {
			t.Errorf("parse(%d bytes): no error", len(data))
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := parse(compressed); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzParse: any bytes are a catalog or an error, never a panic; a
// catalog's ARNs are each its path and name.
func FuzzParse(f *testing.F) {
	f.Add(compressed)
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := parse(data)
		if err != nil {
			return
		}
		for _, p := range c.Policies {
			if p.ARN != "arn:aws:iam::aws:policy"+p.Path+p.Name {
				t.Errorf("%q: ARN %q", p.Name, p.ARN)
			}
		}
	})
}
