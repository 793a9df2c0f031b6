package fakeiam

import (
	"strings"
	"testing"
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
