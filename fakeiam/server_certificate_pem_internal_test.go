package fakeiam

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// FuzzCheckServerCertificate: any certificate body, private key and chain
// give IAM's MalformedCertificate or KeyPairMismatch, or are accepted, never
// a panic; what is accepted, crypto/tls's own key-pair check accepts too
// (an oracle independent of parsePrivateKey), and its Expiration is the
// body's NotAfter.
func FuzzCheckServerCertificate(f *testing.F) {
	body, key, chain := ServerCertificatePEM("fuzz")
	otherBody, otherKey, _ := ServerCertificatePEM("other")
	f.Add(body, key, chain, true)
	f.Add(body, key, "", false)
	f.Add(body, otherKey, "", false)
	f.Add(otherBody, otherKey, body, true)
	f.Add(body, key+key, chain+chain, true)
	f.Add("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n", "x", true)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, body, key, chain string, withChain bool) {
		var c *string
		if withChain {
			c = &chain
		}
		expires, err := checkServerCertificate(readCertificateBody(body), key, c, now)
		if err != nil {
			if err.Code != "MalformedCertificate" && err.Code != "KeyPairMismatch" || err.Status != 400 {
				t.Fatalf("refused with %+v", err)
			}
			return
		}
		if _, terr := tls.X509KeyPair([]byte(body), []byte(key)); terr != nil {
			t.Fatalf("accepted a pair crypto/tls refuses: %v", terr)
		}
		block, _ := pem.Decode([]byte(body))
		cert, ok := parseCertificateBody(body)
		if block == nil || !ok || !expires.Equal(cert.NotAfter.UTC().Truncate(time.Second)) {
			t.Fatalf("Expiration %v, body's NotAfter %v", expires, cert)
		}
	})
}

// BenchmarkCheckServerCertificate is what Upload's checks cost by key
// kind: crypto/x509 derives an ECDSA key's public point (a scalar
// multiplication) and validates an RSA key when it parses one.
func BenchmarkCheckServerCertificate(b *testing.B) {
	ecBody, ecKey, _ := ServerCertificatePEM("bench")
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		b.Fatal(err)
	}
	rsaBody := selfSigned(b, rsaKey)
	pkcs1 := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(rsaKey)}))
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ name, body, key string }{{"ECDSA-P256-SEC1", ecBody, ecKey}, {"RSA-2048-PKCS1", rsaBody, pkcs1}} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := checkServerCertificate(readCertificateBody(tc.body), tc.key, nil, now); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(tc.name+"/remembered", func(b *testing.B) {
			for b.Loop() {
				if _, err := checkedServerCertificate(readCertificateBody(tc.body), tc.key, nil, now); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestCheckedServerCertificate: the remembered checks answer what the
// checks answer, the first time and again: for a good pair at times
// before, within and after its validity (the dates are checked at every
// call), a pair that does not match, a malformed body and key, a chain
// given or not (two uploads), an empty chain, the chain's bytes moved
// into the key (another digest), a long key; and they remember no more
// than their bound.
func TestCheckedServerCertificate(t *testing.T) {
	body, key, chain := ServerCertificatePEM("memo")
	_, otherKey, _ := ServerCertificatePEM("memo-other")
	long := key + strings.Repeat("\n", 100<<10)
	type answer struct {
		Expires time.Time
		Err     *Error
	}
	nows := []time.Time{{}, certificatesValidFrom.Add(-time.Hour), certificatesValidFrom.Add(time.Hour), certificatesValidUntil.Add(time.Hour)}
	for _, tc := range []struct {
		name, body, key string
		chain           *string
	}{
		{"good", body, key, nil},
		{"good, with its chain", body, key, &chain},
		{"good, with a bad chain", body, key, &body},
		{"not its key", body, otherKey, nil},
		{"a malformed body", "x", key, nil},
		{"a malformed key", body, "x", nil},
		{"a key followed by 100 KB of new lines", body, long, nil},
		{"the chain's bytes moved into the key", body, key + chain, nil},
		{"an empty chain", body, key, new(string)},
	} {
		for _, now := range nows {
			want, wantErr := checkServerCertificate(readCertificateBody(tc.body), tc.key, tc.chain, now)
			for i := range 2 {
				got, err := checkedServerCertificate(readCertificateBody(tc.body), tc.key, tc.chain, now)
				if diff := cmp.Diff(answer{want, wantErr}, answer{got, err}); diff != "" {
					t.Errorf("%s at %v, call %d (-checks +remembered):\n%s", tc.name, now, i, diff)
				}
				if err != nil {
					err.Message = "scribbled" // the caller's own
				}
			}
		}
	}
	for i := range serverCertMemoSize + 10 {
		b, k, _ := ServerCertificatePEM(fmt.Sprintf("memo-%d", i))
		if _, err := checkedServerCertificate(readCertificateBody(b), k, nil, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	if n := checkedServerCerts.len(); n > serverCertMemoSize {
		t.Errorf("%d uploads remembered, want at most %d", n, serverCertMemoSize)
	}
}

// TestServerCertificateKeyChecksOrder: the key is read before its kind is
// judged, and its kind before whether it is the body's, the answers
// written out (not taken from the checks themselves): a P-224 body, which
// IAM does not take, with a malformed key is MalformedCertificate's key
// text; with its own key, the unsupported kind; a P-256 body with that
// P-224 key, KeyPairMismatch. Remembered or not, the same.
func TestServerCertificateKeyChecksOrder(t *testing.T) {
	p224, err := ecdsa.GenerateKey(elliptic.P224(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	sec1, err := x509.MarshalECPrivateKey(p224)
	if err != nil {
		t.Fatal(err)
	}
	p224Body, p224Key := selfSigned(t, p224), string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: sec1}))
	p256Body, _, _ := ServerCertificatePEM("order")
	for _, tc := range []struct {
		name, body, key string
		want            *Error
	}{
		{"a P-224 body, a malformed key", p224Body, "x", errMalformedPrivateKey()},
		{"a P-224 body, its key", p224Body, p224Key, errUnsupportedServerKey()},
		{"a P-256 body, the P-224 key", p256Body, p224Key, errKeyPairMismatch()},
	} {
		for _, check := range []func(certificateBody, string, *string, time.Time) (time.Time, *Error){checkServerCertificate, checkedServerCertificate, checkedServerCertificate} {
			_, err := check(readCertificateBody(tc.body), tc.key, nil, time.Time{})
			if diff := cmp.Diff(tc.want, err); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.name, diff)
			}
		}
	}
}

// selfSigned is a PEM certificate of key's public key, signed by key, valid
// from certificatesValidFrom to certificatesValidUntil.
func selfSigned(tb testing.TB, key crypto.Signer) string {
	tb.Helper()
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), NotBefore: certificatesValidFrom, NotAfter: certificatesValidUntil}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		tb.Fatal(err)
	}
	return certificatePEM(der)
}
