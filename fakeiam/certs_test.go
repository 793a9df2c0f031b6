package fakeiam_test

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// parsePEMCertificate parses body as exactly one PEM CERTIFICATE block, with
// nothing after it, holding a self-signed X.509 certificate whose signature
// crypto/x509 verifies.
func parsePEMCertificate(t *testing.T, body string) *x509.Certificate {
	t.Helper()
	if !strings.HasSuffix(body, "-----END CERTIFICATE-----\n") {
		t.Fatalf("body does not end with the PEM footer and a newline:\n%s", body)
	}
	block, rest := pem.Decode([]byte(body))
	if block == nil {
		t.Fatalf("no PEM block in %q", body)
	}
	if block.Type != "CERTIFICATE" || len(rest) != 0 || len(block.Headers) != 0 {
		t.Fatalf("PEM block type %q, %d headers, %d bytes after it; want one CERTIFICATE block and nothing else", block.Type, len(block.Headers), len(rest))
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatalf("crypto/x509 cannot parse the certificate: %v", err)
	}
	if err := cert.CheckSignatureFrom(cert); err != nil {
		t.Errorf("certificate is not self-signed: %v", err)
	}
	return cert
}

func TestCertificatePEMHelpers(t *testing.T) {
	y2000 := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	y2001 := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	epoch := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)      // CertificatePEM's validity,
	y9999 := time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC) // as documented
	from := time.Date(2025, 12, 31, 23, 0, 0, 0, time.UTC)
	until := time.Date(2026, 1, 1, 1, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name      string
		body      func() string
		wantCN    string
		notBefore time.Time
		notAfter  time.Time
	}{
		{"valid", func() string { return fakeiam.CertificatePEM("bob laptop") }, "bob laptop", epoch, y9999},
		{"valid, empty subject", func() string { return fakeiam.CertificatePEM("") }, "", epoch, y9999},
		{"valid, non-ASCII subject", func() string { return fakeiam.CertificatePEM("Zoë — 證書") }, "Zoë — 證書", epoch, y9999},
		{"valid, long subject", func() string { return fakeiam.CertificatePEM(strings.Repeat("s", 300)) }, strings.Repeat("s", 300), epoch, y9999},
		{"expired", func() string { return fakeiam.CertificatePEMWithValidity("old", y2000, y2001) }, "old", y2000, y2001},
		{"not yet valid", func() string { return fakeiam.CertificatePEMWithValidity("later", y9999.AddDate(-1, 0, 0), y9999) }, "later", y9999.AddDate(-1, 0, 0), y9999},
		{"sub-second dates", func() string {
			return fakeiam.CertificatePEMWithValidity("nanos", from.Add(time.Nanosecond), until.Add(999*time.Millisecond))
		}, "nanos", from, until},
		{"custom window", func() string { return fakeiam.CertificatePEMWithValidity("window", from, until) }, "window", from, until},
		{"custom window, other zone", func() string {
			return fakeiam.CertificatePEMWithValidity("zoned", from.In(time.FixedZone("X", 3600)), until.In(time.FixedZone("Y", -7200)))
		}, "zoned", from, until},
		{"invalid UTF-8 subject", func() string { return fakeiam.CertificatePEM("bad\xffsubject") }, "bad?subject", epoch, y9999},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := tc.body()
			cert := parsePEMCertificate(t, body)
			if !utf8.ValidString(cert.Subject.CommonName) {
				t.Errorf("subject CN %q is not valid UTF-8", cert.Subject.CommonName)
			}
			got := struct {
				CN                  string
				NotBefore, NotAfter time.Time
			}{cert.Subject.CommonName, cert.NotBefore, cert.NotAfter}
			want := struct {
				CN                  string
				NotBefore, NotAfter time.Time
			}{tc.wantCN, tc.notBefore, tc.notAfter}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("certificate (-want +got):\n%s", diff)
			}
			if again := tc.body(); again != body {
				t.Errorf("not deterministic: second call gave a different body")
			}
		})
	}
}

// TestCertificatePEMDistinct: IAM refuses a body already in the account, so
// every different input must give a different body.
func TestCertificatePEMDistinct(t *testing.T) {
	t0 := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	bodies := map[string]string{
		"a":                fakeiam.CertificatePEM("a"),
		"b":                fakeiam.CertificatePEM("b"),
		"A":                fakeiam.CertificatePEM("A"),
		"a ":               fakeiam.CertificatePEM("a "),
		"empty":            fakeiam.CertificatePEM(""),
		"bad?":             fakeiam.CertificatePEM("bad?"),
		"bad\\xff":         fakeiam.CertificatePEM("bad\xff"),
		"bad\\xfe":         fakeiam.CertificatePEM("bad\xfe"),
		"bad\\uFFFD":       fakeiam.CertificatePEM("bad\uFFFD"),
		"a 2000..2001":     fakeiam.CertificatePEMWithValidity("a", t0.AddDate(-20, 0, 0), t0.AddDate(-19, 0, 0)),
		"a 2020..2030":     fakeiam.CertificatePEMWithValidity("a", t0, t0.AddDate(10, 0, 0)),
		"a 2020..2031":     fakeiam.CertificatePEMWithValidity("a", t0, t0.AddDate(11, 0, 0)),
		"a 2020+1s..2030":  fakeiam.CertificatePEMWithValidity("a", t0.Add(time.Second), t0.AddDate(10, 0, 0)),
		"b 2020..2030":     fakeiam.CertificatePEMWithValidity("b", t0, t0.AddDate(10, 0, 0)),
		"long subject":     fakeiam.CertificatePEM(strings.Repeat("x", 64)),
		"longer subject":   fakeiam.CertificatePEM(strings.Repeat("x", 65)),
		"newline subject":  fakeiam.CertificatePEM("a\n"),
		"nul subject":      fakeiam.CertificatePEM("a\x00"),
		"unicode subject":  fakeiam.CertificatePEM("ä"),
		"unicode subject2": fakeiam.CertificatePEM("a\u0308"),
	}
	seen := map[string]string{}
	for name, body := range bodies {
		if body == "" {
			t.Errorf("%s: empty body", name)
			continue
		}
		if other, dup := seen[body]; dup {
			t.Errorf("%s and %s give the same body", name, other)
		}
		seen[body] = name
	}
}

// TestCertificatePEMUploadable: every helper body passes IAM's upload
// validation (charset, length) and its PEM check, except the expired one.
func TestCertificatePEMUploadable(t *testing.T) {
	for _, tc := range []struct {
		name     string
		body     string
		wantCode string // "ok" for success
	}{
		{"valid", fakeiam.CertificatePEM("uploadable"), "ok"},
		{"invalid UTF-8 subject", fakeiam.CertificatePEM("bad\xff"), "ok"},
		{"non-Latin-1 subject", fakeiam.CertificatePEM("證書"), "ok"},
		{"window around the fake's clock", fakeiam.CertificatePEMWithValidity("w", testNow.Add(-time.Hour), testNow.Add(time.Hour)), "ok"},
		{"expired", fakeiam.CertificatePEMWithValidity("uploadable", time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)), "MalformedCertificate"},
		{"not yet valid", fakeiam.CertificatePEMWithValidity("uploadable", testNow.Add(time.Second), testNow.AddDate(1, 0, 0)), "MalformedCertificate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(fakeiam.User("Bob"))
			_, err := f.Client().UploadSigningCertificate(context.Background(), &iam.UploadSigningCertificateInput{
				UserName: aws.String("Bob"), CertificateBody: aws.String(tc.body)})
			if diff := cmp.Diff(tc.wantCode, outcomeOf(err)); diff != "" {
				t.Errorf("error code (-want +got):\n%s\nerror: %v", diff, err)
			}
		})
	}
}

// Upload's errors for a certificate outside its validity (docs/contract.md: the
// first is IAM's text; IAM's for the second is unknown, this is the fake's).
var (
	wantCertExpired     = &fakeiam.Error{Code: "MalformedCertificate", Status: 400, Message: "Certificate is no longer valid. The 'Not After' date restriction on the certificate has passed."}
	wantCertNotYetValid = &fakeiam.Error{Code: "MalformedCertificate", Status: 400, Message: "Certificate is not valid yet. The 'Not Before' date restriction on the certificate has not been reached."}
)

// TestUploadCertificateValidity: Upload judges validity by the fake's clock,
// NotBefore ≤ now ≤ NotAfter, and refuses a certificate outside it with
// MalformedCertificate 400 and the date texts, not the text echoing the body.
func TestUploadCertificateValidity(t *testing.T) {
	now := testNow
	expired, notYetValid := wantCertExpired.Message, wantCertNotYetValid.Message
	for _, tc := range []struct {
		name        string
		body        string
		wantMessage string // "" for success
	}{
		{"expired one second ago", fakeiam.CertificatePEMWithValidity("v1", now.AddDate(-1, 0, 0), now.Add(-time.Second)), expired},
		{"expired in 2001", fakeiam.CertificatePEMWithValidity("v2", time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)), expired},
		{"valid until exactly now", fakeiam.CertificatePEMWithValidity("v3", now.AddDate(-1, 0, 0), now), ""},
		{"valid from exactly now", fakeiam.CertificatePEMWithValidity("v4", now, now.AddDate(1, 0, 0)), ""},
		{"valid from one second from now", fakeiam.CertificatePEMWithValidity("v5", now.Add(time.Second), now.AddDate(1, 0, 0)), notYetValid},
		{"CertificatePEM", fakeiam.CertificatePEM("v6"), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(fakeiam.User("Bob"))
			_, err := f.Client().UploadSigningCertificate(context.Background(), &iam.UploadSigningCertificateInput{
				UserName: aws.String("Bob"), CertificateBody: aws.String(tc.body)})
			type refusal struct {
				Code, Message string
				Status        int
			}
			var got, want refusal
			var me *types.MalformedCertificateException
			var re *awshttp.ResponseError
			if errors.As(err, &me) && errors.As(err, &re) {
				got.Code, got.Message, got.Status = me.ErrorCode(), me.ErrorMessage(), re.HTTPStatusCode()
			} else if err != nil {
				t.Fatalf("upload: %v; want a MalformedCertificate response error or success", err)
			}
			if tc.wantMessage != "" {
				want.Code, want.Message, want.Status = "MalformedCertificate", tc.wantMessage, 400
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("upload (-want +got):\n%s", diff)
			}
		})
	}
}

func FuzzCertificatePEM(f *testing.F) {
	for _, s := range []string{"", "a", "bad\xff", "證書", "a\x00b", strings.Repeat("z", 200)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, subject string) {
		body := fakeiam.CertificatePEM(subject)
		cert := parsePEMCertificate(t, body)
		if from, until := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC); !cert.NotBefore.Equal(from) || !cert.NotAfter.Equal(until) {
			t.Errorf("valid %v..%v, want %v..%v", cert.NotBefore, cert.NotAfter, from, until)
		}
		if want := strings.ToValidUTF8(subject, "?"); cert.Subject.CommonName != want {
			t.Errorf("CN = %q, want %q", cert.Subject.CommonName, want)
		}
		if body != fakeiam.CertificatePEM(subject) {
			t.Errorf("not deterministic")
		}
		if body == fakeiam.CertificatePEM(subject+"x") {
			t.Errorf("subjects %q and %q give the same body", subject, subject+"x")
		}
	})
}

// TestInspectionReturnsCopies: what SigningCertificates and
// RootSigningCertificates return can be changed freely; the fake, as the next
// list and the next inspection see it, does not change.
func TestInspectionReturnsCopies(t *testing.T) {
	date := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	bobCerts := []fakeiam.SigningCertificate{
		{ID: "BOBCERT1AAAAAAAAAAAAAAAAAAAA", Body: fakeiam.CertificatePEM("bob 1"), UploadDate: date},
		{ID: "BOBCERT2AAAAAAAAAAAAAAAAAAAA", Body: fakeiam.CertificatePEM("bob 2"), Status: types.StatusTypeInactive, UploadDate: date.Add(time.Hour)},
	}
	rootCert := fakeiam.SigningCertificate{ID: "ROOTCERT1AAAAAAAAAAAAAAAAAAA", Body: fakeiam.CertificatePEM("root 1"), UploadDate: date}
	wantBob := []types.SigningCertificate{
		sc("Bob", bobCerts[0].ID, bobCerts[0].Body, types.StatusTypeActive, date),
		sc("Bob", bobCerts[1].ID, bobCerts[1].Body, types.StatusTypeInactive, date.Add(time.Hour)),
	}
	wantRoot := []types.SigningCertificate{
		sc(fakeiam.DefaultRootUserName, rootCert.ID, rootCert.Body, types.StatusTypeActive, date),
	}
	mutations := []struct {
		name   string
		mutate func(certs []types.SigningCertificate) []types.SigningCertificate
	}{
		{"strings through pointers", func(c []types.SigningCertificate) []types.SigningCertificate {
			*c[0].UserName, *c[0].CertificateId, *c[0].CertificateBody = "Mallory", "CHANGED", "changed"
			return c
		}},
		{"status", func(c []types.SigningCertificate) []types.SigningCertificate {
			c[0].Status = types.StatusTypeExpired
			return c
		}},
		{"date through pointer", func(c []types.SigningCertificate) []types.SigningCertificate {
			*c[0].UploadDate = time.Time{}
			return c
		}},
		{"pointers replaced", func(c []types.SigningCertificate) []types.SigningCertificate {
			c[0].UserName, c[0].CertificateBody, c[0].UploadDate = nil, nil, nil
			return c
		}},
		{"elements replaced and appended", func(c []types.SigningCertificate) []types.SigningCertificate {
			c[0] = types.SigningCertificate{}
			return append(c, types.SigningCertificate{CertificateId: aws.String("APPENDED")})
		}},
		{"slice truncated", func(c []types.SigningCertificate) []types.SigningCertificate { return c[:0] }},
	}
	for _, m := range mutations {
		t.Run(m.name, func(t *testing.T) {
			f := newFake(
				fakeiam.User("Bob").SigningCertificate(bobCerts...),
				fakeiam.Root().SigningCertificate(rootCert),
			)
			bob, err := f.User("Bob").SigningCertificates()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(wantBob, bob, cmpopts.IgnoreUnexported(types.SigningCertificate{})); diff != "" {
				t.Fatalf("SigningCertificates(Bob) (-want +got):\n%s", diff)
			}
			root := mustCertificates(t, f.Root())
			if diff := cmp.Diff(wantRoot, root, cmpopts.IgnoreUnexported(types.SigningCertificate{})); diff != "" {
				t.Fatalf("RootSigningCertificates() (-want +got):\n%s", diff)
			}
			m.mutate(bob)
			m.mutate(root)

			ctx := context.Background()
			listBob, err := f.Client().ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")})
			if err != nil {
				t.Fatal(err)
			}
			listRoot, err := f.Client().ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{})
			if err != nil {
				t.Fatal(err)
			}
			bobAgain, err := f.User("Bob").SigningCertificates()
			if err != nil {
				t.Fatal(err)
			}
			for name, got := range map[string][]types.SigningCertificate{
				"list Bob": listBob.Certificates, "SigningCertificates(Bob) again": bobAgain,
			} {
				if diff := cmp.Diff(wantBob, got, cmpopts.IgnoreUnexported(types.SigningCertificate{})); diff != "" {
					t.Errorf("%s after mutating a returned copy (-want +got):\n%s", name, diff)
				}
			}
			for name, got := range map[string][]types.SigningCertificate{
				"list root": listRoot.Certificates, "RootSigningCertificates() again": mustCertificates(t, f.Root()),
			} {
				if diff := cmp.Diff(wantRoot, got, cmpopts.IgnoreUnexported(types.SigningCertificate{})); diff != "" {
					t.Errorf("%s after mutating a returned copy (-want +got):\n%s", name, diff)
				}
			}
		})
	}
}

// TestInspectionFollowsWrites: inspection sees what clients did, at once.
func TestInspectionFollowsWrites(t *testing.T) {
	f := newFake(fakeiam.User("Bob"))
	ctx := context.Background()
	body := fakeiam.CertificatePEM("inspect me")
	up, err := f.User("Bob").Client().UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{CertificateBody: aws.String(body)})
	if err != nil {
		t.Fatal(err)
	}
	id := aws.ToString(up.Certificate.CertificateId)
	steps := []struct {
		name string
		do   func() error
		want []types.SigningCertificate
	}{
		{"after upload", func() error { return nil },
			[]types.SigningCertificate{sc("Bob", id, body, types.StatusTypeActive, testNow)}},
		{"after deactivate", func() error {
			_, err := f.Client().UpdateSigningCertificate(ctx, &iam.UpdateSigningCertificateInput{UserName: aws.String("Bob"), CertificateId: aws.String(id), Status: types.StatusTypeInactive})
			return err
		}, []types.SigningCertificate{sc("Bob", id, body, types.StatusTypeInactive, testNow)}},
		{"after delete", func() error {
			_, err := f.User("Bob").Client().DeleteSigningCertificate(ctx, &iam.DeleteSigningCertificateInput{CertificateId: aws.String(id)})
			return err
		}, []types.SigningCertificate{}},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		got, err := f.User("Bob").SigningCertificates()
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if diff := cmp.Diff(s.want, got, cmpopts.IgnoreUnexported(types.SigningCertificate{}), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: SigningCertificates(Bob) (-want +got):\n%s", s.name, diff)
		}
		if root := mustCertificates(t, f.Root()); len(root) != 0 {
			t.Errorf("%s: root holds %d certificates, want 0", s.name, len(root))
		}
	}
}

func TestInspectionUnknownUser(t *testing.T) {
	f := newFake(
		fakeiam.User("Bob"),
		fakeiam.Role("Deployer"),
		fakeiam.Account("210987654321", fakeiam.User("Carol")),
	)
	for _, name := range []string{"Nobody", "Bobby", "", "Deployer", "Carol", fakeiam.DefaultRootUserName} {
		t.Run(name, func(t *testing.T) {
			got, err := f.User(name).SigningCertificates()
			if err == nil {
				t.Fatalf("SigningCertificates(%q) = %v, nil; want an error", name, got)
			}
			if !strings.Contains(err.Error(), `"`+name+`"`) {
				t.Errorf("error %q does not name the user %q", err, name)
			}
			if got != nil {
				t.Errorf("SigningCertificates(%q) returned %v with its error", name, got)
			}
		})
	}
	// IAM user names ignore case: "bob" and "BOB" are Bob.
	for _, name := range []string{"Bob", "bob", "BOB"} {
		if _, err := f.User(name).SigningCertificates(); err != nil {
			t.Errorf("SigningCertificates(%q): %v", name, err)
		}
	}
}
