package fakeiam

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/google/go-cmp/cmp"
)

const testAuthHeader = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, " +
	"SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"

func TestParseAuthorization(t *testing.T) {
	good := sigV4Auth{accessKeyID: "AKIDEXAMPLE", scope: "20150830/us-east-1/iam/aws4_request", date: "20150830", region: "us-east-1",
		service: "iam", signedHeaders: "content-type;host;x-amz-date", signature: "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"}
	for _, tc := range []struct {
		name   string
		header string
		want   sigV4Auth
		ok     bool
	}{
		{"as the SDK writes it", testAuthHeader, good, true},
		{"no spaces after commas", strings.ReplaceAll(testAuthHeader, ", ", ","), good, true},
		{"parts in another order", "AWS4-HMAC-SHA256 Signature=" + good.signature + ", SignedHeaders=" + good.signedHeaders +
			", Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request", good, true},
		{"empty", "", sigV4Auth{}, false},
		{"another algorithm", strings.Replace(testAuthHeader, "AWS4-HMAC-SHA256", "AWS4-ECDSA-P256-SHA256", 1), sigV4Auth{}, false},
		{"SigV2", "AWS AKIDEXAMPLE:c2lnbmF0dXJl", sigV4Auth{}, false},
		{"algorithm only", "AWS4-HMAC-SHA256 ", sigV4Auth{}, false},
		{"no credential", "AWS4-HMAC-SHA256 SignedHeaders=host, Signature=abc", sigV4Auth{}, false},
		{"no signature", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=host", sigV4Auth{}, false},
		{"no signed headers", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, Signature=abc", sigV4Auth{}, false},
		{"scope not ended by aws4_request", strings.Replace(testAuthHeader, "aws4_request", "aws4_requests", 1), sigV4Auth{}, false},
		{"scope too short", strings.Replace(testAuthHeader, "/us-east-1/iam/aws4_request", "/aws4_request", 1), sigV4Auth{}, false},
		{"credential without scope", strings.Replace(testAuthHeader, "AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request", "AKIDEXAMPLE", 1), sigV4Auth{}, false},
		{"empty key id", strings.Replace(testAuthHeader, "AKIDEXAMPLE/", "/", 1), sigV4Auth{}, false},
		{"empty date", strings.Replace(testAuthHeader, "/20150830/", "//", 1), sigV4Auth{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := parseAuthorization(tc.header)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v (%+v)", ok, tc.ok, got)
			}
			if !ok {
				return
			}
			if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(sigV4Auth{})); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// signedRequest is an IAM request signed by the SDK's own SigV4 signer.
func signedRequest(t *testing.T, method, target, body string, secret string, mutate func(*http.Request)) (*http.Request, string) {
	t.Helper()
	req, err := http.NewRequest(method, target, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	req.Header.Add("X-Amz-Meta", " a   b ")
	req.Header.Add("X-Amz-Meta", "c")
	if mutate != nil {
		mutate(req)
	}
	sum := sha256.Sum256([]byte(body))
	hash := hex.EncodeToString(sum[:])
	creds := aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: secret}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hash, "iam", "us-east-1", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	return req, hash
}

func TestVerifySigV4(t *testing.T) {
	const secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
	form := "Action=ListSigningCertificates&Version=2010-05-08&UserName=Bob"
	for _, tc := range []struct {
		name   string
		method string
		target string
		signer string                          // the secret the request was signed with
		mutate func(*http.Request)             // before signing
		after  func(*http.Request, *sigV4Auth) // after signing: tampering
		hash   func(string) string             // the payload hash the fake is given
		want   bool
	}{
		{name: "POST form", method: "POST", target: "https://iam.amazonaws.com/", signer: secret, want: true},
		{name: "GET with a query", method: "GET", target: "https://iam.amazonaws.com/?Version=2010-05-08&Action=ListSigningCertificates&UserName=a%20b%2Bc", signer: secret, want: true},
		{name: "path with characters to escape", method: "POST", target: "https://iam.amazonaws.com/a%20b/c", signer: secret, want: true},
		{name: "Host header differs from the URL", method: "POST", target: "https://iam.amazonaws.com/", signer: secret,
			mutate: func(r *http.Request) { r.Host = "iam.example.com" }, want: true},
		{name: "wrong secret", method: "POST", target: "https://iam.amazonaws.com/", signer: "not-the-secret", want: false},
		{name: "date changed after signing", method: "POST", target: "https://iam.amazonaws.com/", signer: secret,
			after: func(r *http.Request, _ *sigV4Auth) { r.Header.Set("X-Amz-Date", "20260102T030406Z") }, want: false},
		{name: "signed header changed after signing", method: "POST", target: "https://iam.amazonaws.com/", signer: secret,
			after: func(r *http.Request, _ *sigV4Auth) { r.Header.Set("X-Amz-Meta", "d") }, want: false},
		{name: "method changed after signing", method: "POST", target: "https://iam.amazonaws.com/", signer: secret,
			after: func(r *http.Request, _ *sigV4Auth) { r.Method = "PUT" }, want: false},
		{name: "query changed after signing", method: "GET", target: "https://iam.amazonaws.com/?UserName=Bob", signer: secret,
			after: func(r *http.Request, _ *sigV4Auth) { r.URL.RawQuery = "UserName=Alice" }, want: false},
		{name: "other payload", method: "POST", target: "https://iam.amazonaws.com/", signer: secret,
			hash: func(string) string { s := sha256.Sum256([]byte("other")); return hex.EncodeToString(s[:]) }, want: false},
		{name: "signature of another scope", method: "POST", target: "https://iam.amazonaws.com/", signer: secret,
			after: func(_ *http.Request, a *sigV4Auth) {
				a.region = "eu-west-1"
				a.scope = strings.Replace(a.scope, "us-east-1", "eu-west-1", 1)
			}, want: false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, hash := signedRequest(t, tc.method, tc.target, form, tc.signer, tc.mutate)
			auth, ok := parseAuthorization(req.Header.Get("Authorization"))
			if !ok {
				t.Fatalf("the SDK's header does not parse: %q", req.Header.Get("Authorization"))
			}
			if auth.accessKeyID != "AKIDEXAMPLE" || auth.service != "iam" || auth.region != "us-east-1" || auth.date != "20260102" {
				t.Errorf("parsed %+v", auth)
			}
			if tc.after != nil {
				tc.after(req, &auth)
			}
			if tc.hash != nil {
				hash = tc.hash(hash)
			}
			if got := verifySigV4(req, auth, secret, hash, &accessKey{id: "AKIDEXAMPLE", secret: secret}); got != tc.want {
				t.Errorf("verify = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestSigningKeyCache: the derived key is cached per scope and recomputed
// for a new one, so a key used on two dates verifies on both.
func TestSigningKeyCache(t *testing.T) {
	const secret = "s3cr3t"
	k := &accessKey{id: "AKIDEXAMPLE", secret: secret}
	for _, day := range []int{2, 3, 2} {
		req, err := http.NewRequest("POST", "https://iam.amazonaws.com/", strings.NewReader(""))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(nil)
		hash := hex.EncodeToString(sum[:])
		creds := aws.Credentials{AccessKeyID: k.id, SecretAccessKey: secret}
		if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hash, "iam", "us-east-1", time.Date(2026, 1, day, 0, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		auth, _ := parseAuthorization(req.Header.Get("Authorization"))
		if !verifySigV4(req, auth, secret, hash, k) {
			t.Errorf("day %d: signature refused", day)
		}
	}
}

func FuzzParseAuthorization(f *testing.F) {
	for _, s := range []string{
		testAuthHeader, "", "AWS4-HMAC-SHA256 ", "AWS4-HMAC-SHA256 Credential=a/b/c/d/aws4_request,SignedHeaders=h,Signature=s",
		"AWS4-HMAC-SHA256 Credential=/,,,=", "AWS4-HMAC-SHA256 Credential=a/b/c/d/e/aws4_request, SignedHeaders=;, Signature==",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		a, ok := parseAuthorization(h)
		if !ok {
			return
		}
		if !strings.HasPrefix(h, sigV4Algorithm+" ") {
			t.Errorf("accepted %q without the algorithm", h)
		}
		if a.accessKeyID == "" || a.date == "" || a.signedHeaders == "" || a.signature == "" {
			t.Errorf("accepted %q with an empty part: %+v", h, a)
		}
		if want := a.date + "/" + a.region + "/" + a.service + "/aws4_request"; a.scope != want {
			t.Errorf("scope %q, want %q", a.scope, want)
		}
		for _, part := range []string{a.accessKeyID + "/" + a.scope, a.signedHeaders, a.signature} {
			if !strings.Contains(h, part) {
				t.Errorf("%q: parsed part %q is not in the header", h, part)
			}
		}
		// Verifying any parsed header against any request never panics.
		req, _ := http.NewRequest("POST", "https://iam.amazonaws.com/", nil)
		req.Header.Set("X-Amz-Date", "20260102T030405Z")
		verifySigV4(req, a, "secret", "", &accessKey{id: a.accessKeyID, secret: "secret"})
	})
}
