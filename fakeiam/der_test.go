package fakeiam

import (
	"bytes"
	"crypto/ed25519"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// derOf is the DER of a PEM body.
func derOf(t testing.TB, body string) []byte {
	t.Helper()
	block, _ := pem.Decode([]byte(body))
	if block == nil {
		t.Fatal("no PEM block")
	}
	return block.Bytes
}

// richCertificate is a v3 certificate with extensions (SANs, key usages,
// CA constraints) and dates across UTCTime and GeneralizedTime.
func richCertificate(t testing.TB, notBefore, notAfter time.Time) []byte {
	t.Helper()
	key := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(424242),
		Subject:               pkix.Name{CommonName: "rich", Organization: []string{"fakeiam"}, Country: []string{"DE"}},
		NotBefore:             notBefore,
		NotAfter:              notAfter,
		DNSNames:              []string{"a.example", "b.example"},
		EmailAddresses:        []string{"ops@example.com"},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(nil, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func TestCertificateNotAfter(t *testing.T) {
	gen := derOf(t, CertificatePEMValid("der", time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC), time.Date(2030, 6, 7, 8, 9, 10, 0, time.UTC)))
	rich := richCertificate(t, time.Date(1999, 12, 31, 23, 59, 59, 0, time.UTC), time.Date(2077, 2, 28, 0, 0, 0, 0, time.UTC))
	mutate := func(der []byte, f func([]byte) []byte) []byte { return f(append([]byte(nil), der...)) }
	for _, tc := range []struct {
		name   string
		der    []byte
		want   time.Time
		wantOK bool
	}{
		{"generated certificate", gen, time.Date(2030, 6, 7, 8, 9, 10, 0, time.UTC), true},
		{"v3 with extensions, GeneralizedTime after 2049", rich, time.Date(2077, 2, 28, 0, 0, 0, 0, time.UTC), true},
		{"empty", nil, time.Time{}, false},
		{"truncated by one byte", gen[:len(gen)-1], time.Time{}, false},
		{"trailing data after the certificate", append(append([]byte(nil), gen...), 0), time.Time{}, false},
		{"not a SEQUENCE", mutate(gen, func(b []byte) []byte { b[0] = 0x31; return b }), time.Time{}, false},
		{"indefinite length", mutate(gen, func(b []byte) []byte { b[1] = 0x80; return b }), time.Time{}, false},
		{"tbsCertificate is not a SEQUENCE", mutate(gen, func(b []byte) []byte { b[4] = 0x04; return b }), time.Time{}, false},
		{"only the tbsCertificate", gen[4 : 4+2+int(gen[5])], time.Time{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := certificateNotAfter(tc.der)
			if ok != tc.wantOK || !got.Equal(tc.want) {
				t.Errorf("certificateNotAfter = %v, %v; want %v, %v", got, ok, tc.want, tc.wantOK)
			}
			if _, err := x509.ParseCertificate(tc.der); (err == nil) != tc.wantOK {
				t.Errorf("crypto/x509 disagrees: %v", err)
			}
		})
	}
}

func TestParseASN1Time(t *testing.T) {
	for _, tc := range []struct {
		in          string
		generalized bool
		want        time.Time
		wantOK      bool
	}{
		{"491231235959Z", false, time.Date(2049, 12, 31, 23, 59, 59, 0, time.UTC), true},
		{"500101000000Z", false, time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{"20500101000000Z", true, time.Date(2050, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{"240229120000Z", false, time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC), true},
		{"230229120000Z", false, time.Time{}, false}, // no 29 February in 2023
		{"240230120000Z", false, time.Time{}, false},
		{"241301000000Z", false, time.Time{}, false},
		{"240101240000Z", false, time.Time{}, false},
		{"240101236000Z", false, time.Time{}, false},
		{"2401012359Z", false, time.Date(2024, 1, 1, 23, 59, 0, 0, time.UTC), true},       // minutes only: crypto/x509 accepts it
		{"240101120000+0130", false, time.Date(2024, 1, 1, 10, 30, 0, 0, time.UTC), true}, // offset: likewise
		{"20240101120000-0200", true, time.Date(2024, 1, 1, 14, 0, 0, 0, time.UTC), true}, // likewise
		{"240101120000+0000", false, time.Time{}, false},                                  // +0000 must be Z
		{"2401011200005Z", false, time.Time{}, false},
		{"24O101120000Z", false, time.Time{}, false},
		{"20240101120000.5Z", true, time.Time{}, false},
	} {
		got, ok := parseASN1Time([]byte(tc.in), tc.generalized)
		if ok != tc.wantOK || !got.Equal(tc.want) {
			t.Errorf("parseASN1Time(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.wantOK)
		}
	}
}

// FuzzCertificateNotAfter holds the fast check to its promise: it never
// refuses a certificate crypto/x509 parses, and reads the same NotAfter.
func FuzzCertificateNotAfter(f *testing.F) {
	f.Add(derOf(f, CertificatePEM("fuzz")))
	f.Add(derOf(f, ExpiredCertificatePEM("fuzz")))
	f.Add(richCertificate(f, time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2060, 1, 1, 0, 0, 0, 0, time.UTC)))
	f.Add([]byte{0x30, 0x03, 0x02, 0x01, 0x00})
	f.Fuzz(func(t *testing.T, der []byte) {
		got, ok := certificateNotAfter(der)
		cert, err := x509.ParseCertificate(der)
		if err != nil {
			return // the fast check may accept more; it must not refuse less
		}
		if !ok {
			t.Fatalf("crypto/x509 parses it, certificateNotAfter refuses it")
		}
		if diff := cmp.Diff(cert.NotAfter.UTC(), got.UTC()); diff != "" {
			t.Fatalf("NotAfter (-crypto/x509 +fast):\n%s", diff)
		}
	})
}

func BenchmarkCertificateCheck(b *testing.B) {
	body := CertificatePEM("bench")
	der := derOf(b, body)
	b.Run("checkCertificateBody", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if checkCertificateBody(body, DefaultTime()) != nil {
				b.Fatal("refused")
			}
		}
	})
	b.Run("certificateNotAfter", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if _, ok := certificateNotAfter(der); !ok {
				b.Fatal("refused")
			}
		}
	})
	b.Run("crypto-x509.ParseCertificate", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if _, err := x509.ParseCertificate(der); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// FuzzDecodeBase64Lines holds the PEM decoder to encoding/base64: with white
// space removed, both accept the same inputs and decode them alike.
func FuzzDecodeBase64Lines(f *testing.F) {
	body := CertificatePEM("base64")
	f.Add(body[len("-----BEGIN CERTIFICATE-----") : len(body)-len("-----END CERTIFICATE-----\n")])
	for _, s := range []string{"", "QQ==", "QUI=", "QUJD", "QR==", "QQ=", "Q===", "QQ==QQ==", " Q Q = = ", "QUJD\r\nRA==", "@@@@"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := decodeBase64Lines(nil, s)
		stripped := strings.Map(func(r rune) rune {
			if r == ' ' || r == '\t' || r == '\r' || r == '\n' {
				return -1
			}
			return r
		}, s)
		want, err := base64.StdEncoding.Strict().DecodeString(stripped)
		if ok != (err == nil) {
			t.Fatalf("decodeBase64Lines(%q) ok=%v, encoding/base64 err=%v", s, ok, err)
		}
		if ok && !bytes.Equal(got, want) {
			t.Fatalf("decodeBase64Lines(%q) = %x, want %x", s, got, want)
		}
	})
}
