package fakeiam

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// FuzzCheckSAMLMetadata: any document gives IAM's refusal or is accepted,
// never a panic; what is accepted holds an EntityDescriptor and an
// X509Certificate, and an accepted validUntil is whole seconds in UTC.
func FuzzCheckSAMLMetadata(f *testing.F) {
	doc := SAMLMetadata("https://fuzz.example.com")
	f.Add(doc)
	f.Add(strings.Replace(doc, "entityID=", `validUntil="2030-01-02T03:04:05.5+02:00" entityID=`, 1))
	f.Add(strings.Replace(doc, `use="signing"`, `use="encryption"`, 1))
	f.Add(doc + "<x/>")
	f.Add(`<!DOCTYPE x [<!ENTITY a "b">]><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">&a;</md:EntityDescriptor>`)
	f.Add("")
	f.Fuzz(func(t *testing.T, doc string) {
		until, err := checkSAMLMetadata(doc)
		if err != nil {
			if *err != *errSAMLMetadata() {
				t.Fatalf("refused with %+v", err)
			}
			return
		}
		if !strings.Contains(doc, "EntityDescriptor") || !strings.Contains(doc, "X509Certificate") {
			t.Fatalf("accepted a document without an EntityDescriptor or a certificate: %q", doc)
		}
		if until.Location().String() != "UTC" || until.Nanosecond() != 0 {
			t.Fatalf("validUntil %v: not whole seconds in UTC", until)
		}
	})
}

// TestCheckedSAMLMetadata: the remembered check answers what the check
// answers, the first time and again, for documents it accepts and refuses
// and for one too long to remember; it remembers no more than its bound.
func TestCheckedSAMLMetadata(t *testing.T) {
	good := SAMLMetadata("https://memo.example.com")
	until := strings.Replace(good, "entityID=", `validUntil="2030-01-02T03:04:05Z" entityID=`, 1)
	long := strings.Replace(good, "</md:EntityDescriptor>", "<!--"+strings.Repeat("x", samlMemoDocBytes)+"--></md:EntityDescriptor>", 1)
	type answer struct {
		Until time.Time
		Err   *Error
	}
	for _, doc := range []string{good, until, good + "<x/>", "", "<a/>", long, long + "<x/>"} {
		want, wantErr := checkSAMLMetadata(doc)
		for i := range 2 {
			got, err := checkedSAMLMetadata(doc)
			if diff := cmp.Diff(answer{want, wantErr}, answer{got, err}); diff != "" {
				t.Errorf("document of %d bytes, call %d (-check +remembered):\n%s", len(doc), i, diff)
			}
		}
	}
	if _, ok := checkedSAMLDocs.lookup(long); ok {
		t.Errorf("a document of %d bytes was remembered, above %d", len(long), samlMemoDocBytes)
	}
	for i := range samlMemoSize + 10 {
		if _, err := checkedSAMLMetadata(SAMLMetadata(fmt.Sprintf("https://%d.example.com", i))); err != nil {
			t.Fatal(err)
		}
	}
	if n := checkedSAMLDocs.len(); n > samlMemoSize {
		t.Errorf("%d documents remembered, want at most %d", n, samlMemoSize)
	}
}

// BenchmarkSAMLMetadata: a metadata document checked for the first time
// (the check alone) and again (remembered).
func BenchmarkSAMLMetadata(b *testing.B) {
	doc := SAMLMetadata("https://bench.example.com")
	b.Run("first-time", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := checkSAMLMetadata(doc); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("remembered", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := checkedSAMLMetadata(doc); err != nil {
				b.Fatal(err)
			}
		}
	})
}
