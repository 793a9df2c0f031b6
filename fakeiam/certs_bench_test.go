package fakeiam

// Benchmarks of certificate bodies: the upload check, the default bodies and
// what they cost New. The numbers quoted beside defaultCertificate come
// from
//
//	go test -run '^$' -bench 'CertificateSigning|DefaultCertificateBody|BenchmarkNew' -benchmem -count 5 ./fakeiam/

import (
	"crypto/ed25519"
	"crypto/x509"
	"encoding/pem"
	"math/big"
	"strconv"
	"testing"
	"time"
)

func BenchmarkCertificateCheck(b *testing.B) {
	body := CertificatePEM("bench") // a typical body: 64-column lines, 0.5 KB of DER
	der := derOf(b, body)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	b.Run("checkCertificateBody", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if _, err := checkCertificateBody(body, now); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("checkCertificateBody/malformed", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if _, err := checkCertificateBody("junk"+body, now); err == nil {
				b.Fatal("accepted")
			}
		}
	})
	b.Run("bodyFingerprint", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			bodyFingerprint(body)
		}
	})
	// Its parts, for scale.
	b.Run("pem.Decode", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if block, _ := pem.Decode([]byte(body)); block == nil {
				b.Fatal("no block")
			}
		}
	})
	b.Run("x509.ParseCertificate", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if _, err := x509.ParseCertificate(der); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkDefaultCertificateBody(b *testing.B) {
	theCertificateKey() // once per process, not per body
	b.ReportAllocs()
	for i := range b.N {
		makeDefaultCertificate(1, "arn:aws:iam::123456789012:user/Bob", i+1)
	}
}

// BenchmarkCertificateSigning compares ways of making one default body: what
// x509.CreateCertificate costs, what ed25519.Sign costs, and what
// defaultCertificate does instead.
func BenchmarkCertificateSigning(b *testing.B) {
	k := theCertificateKey()
	const owner = "arn:aws:iam::123456789012:user/Bob"
	serial := func(i int) *big.Int { return big.NewInt(int64(i) + 1) }
	subject := func(i int) string { return "fakeiam " + owner + " #" + strconv.Itoa(i) + " seed 1" }
	encode := func(der []byte) string {
		return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	}
	b.Run("body/x509.CreateCertificate", func(b *testing.B) {
		b.ReportAllocs()
		for i := range b.N {
			tmpl := k.template(serial(i), subject(i), certificatesValidFrom, certificatesValidUntil)
			der, err := x509.CreateCertificate(nil, tmpl, tmpl, k.public, k.private)
			if err != nil {
				b.Fatal(err)
			}
			encode(der)
		}
	})
	b.Run("body/asn1+ed25519.Sign", func(b *testing.B) {
		b.ReportAllocs()
		for i := range b.N {
			tbs := k.tbsCertificate(serial(i), subject(i))
			encode(k.signedCertificate(tbs, ed25519.Sign(k.private, tbs)))
		}
	})
	tbs := k.tbsCertificate(serial(0), subject(0))
	b.Run("sign/ed25519.Sign", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			ed25519.Sign(k.private, tbs)
		}
	})
}
