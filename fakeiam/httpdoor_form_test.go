package fakeiam_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// TestHTTPFormSources: a request's parameters are its query string and, for
// a POST, its form body, in that order (a parameter given in both counts
// once, from the query string); a body is a form whatever the spelling of
// its media type and parameters.
func TestHTTPFormSources(t *testing.T) {
	f := newFake(bobWithDocCert(), fakeiam.User("Alice"))
	base := f.Endpoint(t)
	root := rootCredentials(t, f)
	for _, tc := range []struct {
		name, query, body, contentType string
		wantStatus                     int
		wantCert                       bool // Bob's certificate is listed
	}{
		{name: "body alone, the Go SDK's media type", body: "Action=ListSigningCertificates&UserName=Bob" + withVersion,
			contentType: "application/x-www-form-urlencoded", wantStatus: 200, wantCert: true},
		{name: "body alone, boto3's media type", body: "Action=ListSigningCertificates&UserName=Bob" + withVersion,
			contentType: "application/x-www-form-urlencoded; charset=utf-8", wantStatus: 200, wantCert: true},
		{name: "body alone, media type in capitals", body: "Action=ListSigningCertificates&UserName=Bob" + withVersion,
			contentType: "Application/X-WWW-Form-URLEncoded", wantStatus: 200, wantCert: true},
		{name: "body alone, no media type", body: "Action=ListSigningCertificates&UserName=Bob" + withVersion,
			wantStatus: 200, wantCert: true},
		{name: "query and body", query: "Action=ListSigningCertificates" + withVersion, body: "UserName=Bob",
			contentType: "application/x-www-form-urlencoded", wantStatus: 200, wantCert: true},
		{name: "in both, the query string's counts", query: "Action=ListSigningCertificates&UserName=Bob" + withVersion,
			body: "UserName=Alice", contentType: "application/x-www-form-urlencoded", wantStatus: 200, wantCert: true},
		{name: "in both, the query string's counts (Alice)", query: "Action=ListSigningCertificates&UserName=Alice" + withVersion,
			body: "UserName=Bob", contentType: "application/x-www-form-urlencoded", wantStatus: 200},
		{name: "query alone, empty body", query: "Action=ListSigningCertificates&UserName=Bob" + withVersion,
			contentType: "application/x-www-form-urlencoded", wantStatus: 200, wantCert: true},
		{name: "media type not a form", body: "Action=ListSigningCertificates&UserName=Bob" + withVersion,
			contentType: "text/plain", wantStatus: 415},
	} {
		t.Run(tc.name, func(t *testing.T) {
			target := base + "/"
			if tc.query != "" {
				target += "?" + tc.query
			}
			req, err := http.NewRequest(http.MethodPost, target, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			if tc.contentType != "" {
				req.Header.Set("Content-Type", tc.contentType)
			}
			signRequest(t, req, tc.body, root)
			resp := send(t, req)
			got, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			type outcome struct {
				Status int
				Cert   bool
			}
			want := outcome{tc.wantStatus, tc.wantCert}
			if diff := cmp.Diff(want, outcome{resp.StatusCode, strings.Contains(string(got), "<CertificateId>"+docID+"</CertificateId>")}); diff != "" {
				t.Errorf("(-want +got):\n%s\n%s", diff, got)
			}
		})
	}
}
