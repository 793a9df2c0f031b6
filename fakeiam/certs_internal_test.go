package fakeiam

// Tests of what the fake reads from and writes into certificate bodies: the
// upload check, the fingerprints that identify bodies, and the default
// bodies. Expected values come from docs/contract.md and from crypto/x509,
// encoding/pem and crypto/ed25519, never from the code under test.

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam/internal/iammodel"
)

// Upload's MalformedCertificate texts (docs/contract.md). The not-yet-valid text
// is unknown for IAM; it is ours, documented on errCertificateNotYetValid.
var (
	wantExpired     = &Error{Code: "MalformedCertificate", Status: 400, Message: "Certificate is no longer valid. The 'Not After' date restriction on the certificate has passed."}
	wantNotYetValid = &Error{Code: "MalformedCertificate", Status: 400, Message: "Certificate is not valid yet. The 'Not Before' date restriction on the certificate has not been reached."}
)

func wantMalformed(body string) *Error {
	return &Error{Code: "MalformedCertificate", Status: 400, Message: "Certificate " + body + " is malformed."}
}

// wantFingerprint is the documented DER fingerprint: "x509-sha256:" and
// the SHA-256 of the DER, as raw bytes.
func wantFingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	return "x509-sha256:" + string(sum[:])
}

// derOf is the DER of the first PEM block of body.
func derOf(t testing.TB, body string) []byte {
	t.Helper()
	block, _ := pem.Decode([]byte(body))
	if block == nil {
		t.Fatalf("no PEM block in %q", body)
	}
	return block.Bytes
}

// pemLines is der as a PEM CERTIFICATE block with base64 lines of width
// characters (0: one line), ending every line with eol.
func pemLines(der []byte, width int, eol string) string {
	b64 := base64.StdEncoding.EncodeToString(der)
	var lines []string
	for width > 0 && len(b64) > width {
		lines = append(lines, b64[:width])
		b64 = b64[width:]
	}
	lines = append(lines, b64)
	return "-----BEGIN CERTIFICATE-----" + eol + strings.Join(lines, eol) + eol + "-----END CERTIFICATE-----" + eol
}

type checked struct {
	Fingerprint string
	Err         *Error
}

func TestCheckCertificateBody(t *testing.T) {
	now := certTestNow
	valid := CertificatePEM("check")
	der := derOf(t, valid)
	other := CertificatePEM("check other")
	expired := CertificatePEMWithValidity("expired 1s", now.AddDate(-1, 0, 0), now.Add(-time.Second))
	untilNow := CertificatePEMWithValidity("until now", now.AddDate(-1, 0, 0), now)
	fromNow := CertificatePEMWithValidity("from now", now, now.AddDate(1, 0, 0))
	future := CertificatePEMWithValidity("in 1s", now.Add(time.Second), now.AddDate(1, 0, 0))
	withHeader := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Headers: map[string]string{"Comment": "laptop"}, Bytes: der}))
	ok := func(body string) checked { return checked{Fingerprint: wantFingerprint(derOf(t, body))} }
	same := checked{Fingerprint: wantFingerprint(der)}
	bad := func(body string) checked { return checked{Err: wantMalformed(body)} }
	for _, tc := range []struct {
		name string
		body string
		want checked
	}{
		// One certificate, any PEM encoding of it: one fingerprint.
		{"canonical", valid, same},
		{"CRLF line ends", strings.ReplaceAll(valid, "\n", "\r\n"), same},
		{"CR/LF mixed", strings.Replace(valid, "\n", "\r\n", 3), same},
		{"no trailing newline", strings.TrimSuffix(valid, "\n"), same},
		{"lines of 76", pemLines(der, 76, "\n"), same},
		{"one base64 line", pemLines(der, 0, "\n"), same},
		{"lines of 16, CRLF, no final line end", strings.TrimSuffix(pemLines(der, 16, "\r\n"), "\r\n"), same},
		{"leading spaces", "   " + valid, same},
		{"leading blank lines and tabs", "\n\t \r\n" + valid, same},
		{"trailing white space", valid + " \n\t\r\n\n", same},
		{"spaces and tabs at the ends of lines", strings.ReplaceAll(valid, "\n", " \t\n"), same},
		{"another certificate", other, ok(other)},

		// Not one PEM CERTIFICATE block with only white space around it.
		{"empty", "", bad("")},
		{"white space only", " \r\n\t", bad(" \r\n\t")},
		{"not PEM", "hello", bad("hello")},
		{"text before the block", "junk\n" + valid, bad("junk\n" + valid)},
		{"text on the BEGIN line, before it", "x" + valid, bad("x" + valid)},
		{"no-break space before the block", "\u00a0" + valid, bad("\u00a0" + valid)},
		{"text after the block", valid + "junk", bad(valid + "junk")},
		{"text after the END marker, same line", strings.Replace(valid, "END CERTIFICATE-----", "END CERTIFICATE----- junk", 1), bad(strings.Replace(valid, "END CERTIFICATE-----", "END CERTIFICATE----- junk", 1))},
		{"two blocks, same certificate", valid + valid, bad(valid + valid)},
		{"two blocks, two certificates", valid + other, bad(valid + other)},
		{"an undecodable block before a good one", "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n" + valid,
			bad("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n" + valid)},
		{"a BEGIN line without END before a good one", "-----BEGIN CERTIFICATE-----\n" + valid, bad("-----BEGIN CERTIFICATE-----\n" + valid)},
		{"PEM headers", withHeader, bad(withHeader)},
		{"empty block", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n", bad("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")},
		{"BEGIN line only", "-----BEGIN CERTIFICATE-----\n", bad("-----BEGIN CERTIFICATE-----\n")},
		{"no END line", strings.TrimSuffix(valid, "-----END CERTIFICATE-----\n"), bad(strings.TrimSuffix(valid, "-----END CERTIFICATE-----\n"))},
		{"END type differs", strings.Replace(valid, "END CERTIFICATE", "END X509 CRL", 1), bad(strings.Replace(valid, "END CERTIFICATE", "END X509 CRL", 1))},
		{"PUBLIC KEY block", strings.ReplaceAll(valid, " CERTIFICATE-----", " PUBLIC KEY-----"), bad(strings.ReplaceAll(valid, " CERTIFICATE-----", " PUBLIC KEY-----"))},
		{"TRUSTED CERTIFICATE block", strings.ReplaceAll(valid, " CERTIFICATE-----", " TRUSTED CERTIFICATE-----"), bad(strings.ReplaceAll(valid, " CERTIFICATE-----", " TRUSTED CERTIFICATE-----"))},
		{"lowercase type", strings.ReplaceAll(valid, " CERTIFICATE-----", " certificate-----"), bad(strings.ReplaceAll(valid, " CERTIFICATE-----", " certificate-----"))},
		{"bad base64", strings.Replace(valid, "\nM", "\n!", 1), bad(strings.Replace(valid, "\nM", "\n!", 1))},
		{"not DER", pemLines([]byte("not DER at all"), 64, "\n"), bad(pemLines([]byte("not DER at all"), 64, "\n"))},
		{"DER with a byte after the certificate", pemLines(append(der[:len(der):len(der)], 0), 64, "\n"), bad(pemLines(append(der[:len(der):len(der)], 0), 64, "\n"))},
		{"DER truncated", pemLines(der[:len(der)-1], 64, "\n"), bad(pemLines(der[:len(der)-1], 64, "\n"))},

		// Validity at now: NotBefore ≤ now ≤ NotAfter.
		{"expired one second ago", expired, checked{Err: wantExpired}},
		{"expired, CRLF", strings.ReplaceAll(expired, "\n", "\r\n"), checked{Err: wantExpired}},
		{"valid until exactly now", untilNow, ok(untilNow)},
		{"valid from exactly now", fromNow, ok(fromNow)},
		{"valid from one second from now", future, checked{Err: wantNotYetValid}},
		{"expired, with text before it: malformed first", "junk" + expired, bad("junk" + expired)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fp, err := checkCertificateBody(tc.body, now)
			if diff := cmp.Diff(tc.want, checked{fp, err}); diff != "" {
				t.Errorf("checkCertificateBody (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBodyFingerprint(t *testing.T) {
	valid := CertificatePEM("fingerprint")
	der := derOf(t, valid)
	expired := CertificatePEMWithValidity("fingerprint expired", time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC))
	future := CertificatePEMWithValidity("fingerprint future", time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(3001, 1, 1, 0, 0, 0, 0, time.UTC))
	docExample := "-----BEGIN CERTIFICATE-----<certificate-body>-----END CERTIFICATE-----"
	for _, tc := range []struct {
		name, body, want string
	}{
		{"certificate", valid, wantFingerprint(der)},
		{"CRLF", strings.ReplaceAll(valid, "\n", "\r\n"), wantFingerprint(der)},
		{"lines of 76, no final newline", strings.TrimSuffix(pemLines(der, 76, "\n"), "\n"), wantFingerprint(der)},
		{"leading spaces", "  " + valid, wantFingerprint(der)},
		{"expired: dates are not checked", expired, wantFingerprint(derOf(t, expired))},
		{"not yet valid: likewise", future, wantFingerprint(derOf(t, future))},
		{"documentation example", docExample, "text:" + docExample},
		{"verbatim text", "verbatim seeded body", "text:verbatim seeded body"},
		{"text before a certificate", "junk\n" + valid, "text:junk\n" + valid},
		{"CRLF of the text before a certificate", "junk\r\n" + valid, "text:junk\r\n" + valid},
		{"a body that is a DER fingerprint", wantFingerprint(der), "text:" + wantFingerprint(der)},
		{"empty", "", "text:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, bodyFingerprint(tc.body)); diff != "" {
				t.Errorf("bodyFingerprint (-want +got):\n%s", diff)
			}
		})
	}
	// An uploaded body and a seeded one holding the same certificate meet.
	if fp, err := checkCertificateBody(strings.ReplaceAll(valid, "\n", "\r\n"), certTestNow); err != nil || fp != bodyFingerprint(valid) {
		t.Errorf("checkCertificateBody = %q, %v; bodyFingerprint of the same certificate = %q", fp, err, bodyFingerprint(valid))
	}
}

// TestDefaultCertificateBody: every default body is one PEM block holding a
// real, self-signed certificate crypto/x509 parses and verifies, written as
// x509.CreateCertificate writes it; distinct, and the same for the same
// arguments.
func TestDefaultCertificateBody(t *testing.T) {
	epoch := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
	owners := []string{
		"arn:aws:iam::123456789012:user/Bob",
		"arn:aws:iam::123456789012:user/bob",
		"arn:aws:iam::123456789012:root",
		"arn:aws:iam::210987654321:user/Bob",
		"arn:aws:iam::123456789012:user/division/team #2 seed 7/Alice+ops=1,x.y@example-com_z",
		"",
	}
	seen := map[string]string{}
	for _, seed := range []uint64{0, 1, 42, math.MaxUint64} {
		for _, owner := range owners {
			for _, n := range []int{1, 2, 3, 1000} {
				name := fmt.Sprintf("seed %d, %q, #%d", seed, owner, n)
				body, _ := defaultCertificate(seed, owner, n)
				if prev, dup := seen[body]; dup {
					t.Errorf("%s and %s give the same body", name, prev)
				}
				seen[body] = name
				t.Run(name, func(t *testing.T) {
					t.Parallel() // the key is shared by every fake: under -race, concurrent use
					if again, _ := makeDefaultCertificate(seed, owner, n); again != body {
						t.Errorf("not deterministic (or the body remembered is not the one made)")
					}
					block, rest := pem.Decode([]byte(body))
					if block == nil || block.Type != "CERTIFICATE" || len(block.Headers) != 0 || len(rest) != 0 || !strings.HasSuffix(body, "-----END CERTIFICATE-----\n") {
						t.Fatalf("not one PEM CERTIFICATE block ending in a newline: %q", body)
					}
					cert, err := x509.ParseCertificate(block.Bytes)
					if err != nil {
						t.Fatalf("crypto/x509: %v", err)
					}
					if err := cert.CheckSignatureFrom(cert); err != nil {
						t.Errorf("self-signature: %v", err)
					}
					if !ed25519.Verify(cert.PublicKey.(ed25519.PublicKey), cert.RawTBSCertificate, cert.Signature) {
						t.Errorf("ed25519.Verify refuses the signature")
					}
					got := struct {
						Subject, Issuer     pkix.Name
						NotBefore, NotAfter time.Time
					}{cert.Subject, cert.Issuer, cert.NotBefore, cert.NotAfter}
					subject := pkix.Name{CommonName: fmt.Sprintf("fakeiam %s #%d seed %d", owner, n, seed), Organization: []string{"fakeiam test certificate"}}
					want := struct {
						Subject, Issuer     pkix.Name
						NotBefore, NotAfter time.Time
					}{subject, subject, epoch, end}
					if diff := cmp.Diff(want, got, cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Names" }, cmp.Ignore())); diff != "" {
						t.Errorf("certificate (-want +got):\n%s", diff)
					}
					// The same fields through x509.CreateCertificate: the same TBSCertificate.
					tmpl := &x509.Certificate{
						SerialNumber: cert.SerialNumber, Subject: subject, NotBefore: epoch, NotAfter: end,
						KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
						BasicConstraintsValid: true, IsCA: true, SubjectKeyId: cert.SubjectKeyId,
					}
					ref, err := x509.CreateCertificate(nil, tmpl, tmpl, cert.PublicKey, theCertificateKey().private)
					if err != nil {
						t.Fatal(err)
					}
					refCert, err := x509.ParseCertificate(ref)
					if err != nil {
						t.Fatal(err)
					}
					if diff := cmp.Diff(refCert.RawTBSCertificate, cert.RawTBSCertificate); diff != "" {
						t.Errorf("TBSCertificate (-x509.CreateCertificate +defaultCertificate):\n%s", diff)
					}
					// Upload accepts it under any clock.
					for _, now := range []time.Time{epoch, certTestNow, time.Now(), end} {
						if _, err := checkCertificateBody(body, now); err != nil {
							t.Errorf("refused at %v: %v", now, err)
						}
					}
				})
			}
		}
	}
}

// FuzzCheckCertificateBody: never panics, and accepts exactly the bodies
// the rule accepts, written here with pem and crypto/x509 alone: after
// PEM white space is trimmed, one headerless CERTIFICATE block that
// pem.Decode decodes, starting at the first byte and nothing after it,
// whose bytes crypto/x509 parses, valid at now.
func FuzzCheckCertificateBody(f *testing.F) {
	now := certTestNow
	valid := CertificatePEM("fuzz")
	for _, body := range []string{
		valid, strings.ReplaceAll(valid, "\n", "\r\n"), "  " + valid + "\n", valid + valid, "junk" + valid,
		CertificatePEMWithValidity("fuzz expired", now.AddDate(-1, 0, 0), now.Add(-time.Second)),
		CertificatePEMWithValidity("fuzz future", now.Add(time.Second), now.AddDate(1, 0, 0)),
		string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Headers: map[string]string{"A": "b"}, Bytes: derOf(f, valid)})),
		"-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n", "-----BEGIN CERTIFICATE-----\n!\n-----END CERTIFICATE-----\n" + valid,
		"", "hello", "-----BEGIN CERTIFICATE-----<certificate-body>-----END CERTIFICATE-----",
	} {
		for _, at := range []time.Time{now, time.Unix(0, 0), time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)} {
			f.Add(body, at.Unix())
		}
	}
	f.Fuzz(func(t *testing.T, body string, unix int64) {
		now := time.Unix(unix, 0).UTC()
		fp, err := checkCertificateBody(body, now)

		text := strings.Trim(body, " \t\r\n")
		var cert *x509.Certificate
		block, rest := pem.Decode([]byte(text))
		if strings.HasPrefix(text, "-----BEGIN") && strings.Count(text, "-----BEGIN") == 1 &&
			block != nil && block.Type == "CERTIFICATE" && len(block.Headers) == 0 && len(rest) == 0 {
			cert, _ = x509.ParseCertificate(block.Bytes)
		}
		var want checked
		switch {
		case cert == nil:
			want.Err = wantMalformed(body)
		case now.After(cert.NotAfter):
			want.Err = wantExpired
		case now.Before(cert.NotBefore):
			want.Err = wantNotYetValid
		default:
			want.Fingerprint = wantFingerprint(block.Bytes)
		}
		if diff := cmp.Diff(want, checked{fp, err}); diff != "" {
			t.Fatalf("checkCertificateBody(%q, %v) (-want +got):\n%s", body, now, diff)
		}
		if cert != nil {
			if got := bodyFingerprint(body); got != wantFingerprint(block.Bytes) {
				t.Errorf("bodyFingerprint = %q, want the DER fingerprint", got)
			}
		} else if got := bodyFingerprint(body); got != "text:"+body {
			t.Errorf("bodyFingerprint = %q, want the text key", got)
		}
		checkPlainValidation(t, body)
	})
}

// checkPlainValidation holds plainPEMShortcut to what validation assumes
// of it: it recognizes what readCertificateBody decodes as plain PEM, with
// the same DER; such a body holds only bytes of the shortcut's alphabet;
// and validation through the shortcut says what the full character scan
// says.
func checkPlainValidation(t *testing.T, body string) {
	t.Helper()
	der, ok := plainPEMShortcut.decode(body)
	if want := readCertificateBody(body).der; ok != (want != nil) || !bytes.Equal(der, want) {
		t.Errorf("shortcut of %q: %x, %v; want %x", body, der, ok, want)
	}
	if !ok {
		return
	}
	if i := strings.IndexFunc(body, func(r rune) bool { return !strings.ContainsRune(plainPEMShortcut.alphabet, r) }); i >= 0 {
		t.Errorf("plain PEM %q holds %q, outside the shortcut's alphabet", body, body[i])
	}
	rule := *memberOf(t, UploadSigningCertificate, "certificateBody").str
	scanned := rule
	scanned.shortcut = nil
	var viaShortcut, viaScan violations
	viaShortcut.str("certificateBody", body, &rule)
	viaScan.str("certificateBody", body, &scanned)
	if diff := cmp.Diff(viaScan.err(), viaShortcut.err()); diff != "" {
		t.Errorf("plain PEM %q (-scan +shortcut):\n%s", body, diff)
	}
	if got, want := viaShortcut.ok(), len(body) <= 16384; got != want {
		t.Errorf("plain PEM %q: valid %v, want %v (its length decides)", body, got, want)
	}
}

// TestValidationHandsOnThePlainBody: validation decodes a plain PEM body
// once, and hands its DER on for the handler; a body the shortcut does not
// recognize, or an input that fails, hands on nothing.
func TestValidationHandsOnThePlainBody(t *testing.T) {
	valid := CertificatePEM("handed on")
	crlf := strings.ReplaceAll(valid, "\n", "\r\n")
	long := strings.Repeat("\n", 16384) + valid
	bad := "Bob!"
	check := lookupOperation(UploadSigningCertificate).check
	for _, tc := range []struct {
		name    string
		in      *iam.UploadSigningCertificateInput
		wantDER []byte
		wantErr bool
	}{
		{"plain", &iam.UploadSigningCertificateInput{CertificateBody: &valid}, derOf(t, valid), false},
		{"CRLF is scanned", &iam.UploadSigningCertificateInput{CertificateBody: &crlf}, nil, false},
		{"too long", &iam.UploadSigningCertificateInput{CertificateBody: &long}, nil, true},
		{"another member fails", &iam.UploadSigningCertificateInput{UserName: &bad, CertificateBody: &valid}, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			der, err := check.validate(tc.in)
			if diff := cmp.Diff(tc.wantDER, der); diff != "" || (err != nil) != tc.wantErr {
				t.Errorf("DER (-want +got):\n%s\nerror %v, want one: %v", diff, err, tc.wantErr)
			}
		})
	}
}

// TestShortcutAlphabetIsInTheClass: a shortcut whose alphabet leaves its
// member's class does not bind, so no operation registers with it.
func TestShortcutAlphabetIsInTheClass(t *testing.T) {
	in := reflect.TypeFor[iam.UploadSigningCertificateInput]()
	if _, err := newPlan(iammodel.IAM, string(UploadSigningCertificate), in); err != nil {
		t.Fatalf("with plainPEMShortcut: %v", err)
	}
	saved := shortcuts["certificateBody"]
	defer func() { shortcuts["certificateBody"] = saved }()
	shortcuts["certificateBody"] = &shortcut{alphabet: plainPEMShortcut.alphabet + "\x00", decode: plainPEMShortcut.decode}
	if _, err := newPlan(iammodel.IAM, string(UploadSigningCertificate), in); err == nil {
		t.Error("a shortcut admitting NUL bound to certificateBody")
	}
}

// TestPlainPEMIsInBodyClass: every body the plain-PEM path decodes is in
// certificateBody's character class, so validation may skip the scan for it.
func TestPlainPEMIsInBodyClass(t *testing.T) {
	valid := CertificatePEM("plain")
	long := strings.Repeat("\n", 16384) + valid // plain PEM, over the length limit
	for _, tc := range []struct {
		name  string
		body  string
		plain bool
	}{
		{"plain", valid, true},
		{"leading and trailing space", " \t\r\n" + valid + "\r\n \t", true},
		{"CRLF is pem.Decode's", strings.ReplaceAll(valid, "\n", "\r\n"), false},
		{"too long", long, true},
		{"headers are not plain", string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Headers: map[string]string{"A": "b"}, Bytes: derOf(t, valid)})), false},
		{"Latin-1 text after is not plain", valid + "\u00e9", false},
		{"a control character is not plain", strings.Replace(valid, "\n", "\n\x01", 2), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := readCertificateBody(tc.body).der != nil; got != tc.plain {
				t.Fatalf("decoded as plain PEM: %v, want %v", got, tc.plain)
			}
			checkPlainValidation(t, tc.body)
		})
	}
	err := lookupOperation(UploadSigningCertificate).check.check(&iam.UploadSigningCertificateInput{CertificateBody: &long})
	if diff := cmp.Diff(&Error{Code: "ValidationError", Status: 400, Message: "1 validation error detected: Value at 'certificateBody' failed to satisfy constraint: Member must have length less than or equal to 16384"}, err); diff != "" {
		t.Errorf("a too long plain body (-want +got):\n%s", diff)
	}
}

// certTestNow is a time inside every generated certificate's validity.
var certTestNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// TestDefaultCertificatesKept: the bodies remembered are the ones made,
// fingerprints too, and no more than defaultCertificates.most are kept.
func TestDefaultCertificatesKept(t *testing.T) {
	const owner = "arn:aws:iam::123456789012:user/kept"
	for n := 1; n <= defaultCertificates.most+10; n++ {
		body, fp := defaultCertificate(7, owner, n)
		if n%250 == 1 {
			if wb, wfp := makeDefaultCertificate(7, owner, n); body != wb || fp != wfp {
				t.Fatalf("#%d: remembered body or fingerprint differs from the one made", n)
			}
			again, againFP := defaultCertificate(7, owner, n)
			if again != body || againFP != fp {
				t.Fatalf("#%d: asked again, another body", n)
			}
			if unsafe.StringData(again) != unsafe.StringData(body) {
				t.Errorf("#%d: asked again, the body was made again, not remembered", n)
			}
		}
	}
	if n := defaultCertificates.len(); n > defaultCertificates.most {
		t.Errorf("%d bodies kept, want at most %d", n, defaultCertificates.most)
	}
}

// TestCertificateLayout: a certificate made from its subject length's
// layout is byte for byte the DER encoding/asn1 marshals whole for the
// same serial number and subject, signed over the TBSCertificate
// marshalled whole (so the layout signs its own TBSCertificate): for
// subjects whose DER length takes one to four bytes, certificates whose
// length takes two and three, and those where the certificate's takes
// three while its TBSCertificate's takes two.
func TestCertificateLayout(t *testing.T) {
	k := theCertificateKey()
	lengths := []int{1, 2, 127, 128, 129, 255, 256, 257, 32545, 32546, 32600, 32645, 32646, 65535, 65536, 70000}
	for n := 3; n <= 700; n++ {
		lengths = append(lengths, n)
	}
	for _, n := range lengths {
		serial := serialBytes([]byte(strconv.Itoa(n)))
		subject := strings.Repeat("é", n/2) + strings.Repeat("#", n%2)
		if n >= 10 {
			subject = "fakeiam #" + strings.Repeat("x", n-9)
		}
		tbs := k.tbsCertificate(new(big.Int).SetBytes(serial[:]), subject)
		want := k.signedCertificate(tbs, ed25519.Sign(k.private, tbs))

		l := certificateLayoutFor(len(subject))
		if got := l.certificate(serial, subject); !bytes.Equal(got, want) {
			t.Errorf("subject of %d bytes: the layout's certificate differs from encoding/asn1's", n)
		}
	}
	if n := certificateLayouts.len(); n > certificateLayouts.most {
		t.Errorf("%d layouts kept, want at most %d", n, certificateLayouts.most)
	}
}
