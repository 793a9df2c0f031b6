package fakeiam

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"encoding/binary"
	"encoding/pem"
	"io"
	"strings"
	"time"
)

// A server certificate's PEM: IAM's checks of an upload's certificate
// body, private key and chain (checkServerCertificate), and the pairs the
// fake generates (ServerCertificatePEM). The body is read as a signing
// certificate's is (certs.go). Its tests: server_certificates_test.go,
// FuzzCheckServerCertificate.

// checkServerCertificate applies IAM's upload checks, in the fake's order
// (docs/contract.md): the body is one PEM certificate (the signing
// certificates' parsing, certificateBody.parse), valid at now; the key is
// one unencrypted PEM private key (PKCS #1, PKCS #8 or SEC 1) of a kind IAM
// takes, whose public key is the body's; the chain, when given, is one or
// more PEM certificates, the first of which signed the body and each of
// which was signed by the next. It returns the body's NotAfter (whole
// seconds, UTC), or IAM's error. Bad input is an error, never a panic
// (FuzzCheckServerCertificate).
//
// Seeding checks the same but the dates (now zero): a certificate uploaded
// while valid may have expired since.
//
// Its cost is crypto/x509's (BenchmarkCheckServerCertificate): parsing an
// ECDSA key derives its public point, parsing an RSA key validates it
// (several times the cost of an SDK call for RSA-2048). No hand-written
// parser replaces them: the keys are read as the standard library reads
// them.
func checkServerCertificate(cb certificateBody, key string, chain *string, now time.Time) (time.Time, *Error) {
	return serverCertificateFacts(cb, key, chain).answer(now)
}

// serverCertChecked is what checkServerCertificate finds in an upload,
// its dates aside: whether the body parsed, its dates, and the first of
// the checks after the dates that refuses it (nil: none).
type serverCertChecked struct {
	parsed              bool
	notBefore, notAfter time.Time
	err                 *Error // never handed out: answer copies it
}

// serverCertificateFacts makes checkServerCertificate's checks but the
// dates', in its order.
func serverCertificateFacts(cb certificateBody, key string, chain *string) serverCertChecked {
	cert, ok := cb.parse()
	if !ok {
		return serverCertChecked{err: errServerCertificateMalformed()}
	}
	c := serverCertChecked{parsed: true, notBefore: cert.NotBefore, notAfter: cert.NotAfter}
	private, ok := parsePrivateKey(key)
	switch {
	case !ok:
		c.err = errMalformedPrivateKey()
	case !acceptedServerKey(cert.PublicKey):
		c.err = errUnsupportedServerKey()
	default:
		if pub, ok := cert.PublicKey.(interface{ Equal(crypto.PublicKey) bool }); !ok || !pub.Equal(private.Public()) {
			c.err = errKeyPairMismatch()
		} else if chain != nil {
			c.err = checkChain(cert, *chain)
		}
	}
	return c
}

// answer is checkServerCertificate's answer at now (zero: the dates not
// checked).
func (c serverCertChecked) answer(now time.Time) (time.Time, *Error) {
	if c.parsed && !now.IsZero() {
		if err := validityError(c.notBefore, c.notAfter, now); err != nil {
			return time.Time{}, err
		}
	}
	if c.err != nil {
		e := *c.err
		return time.Time{}, &e
	}
	return c.notAfter.UTC().Truncate(time.Second), nil
}

// checkedServerCertificate is checkServerCertificate, remembered: what it
// found in the last uploads (up to serverCertMemoSize of them) in this
// process, by the SHA-256 of their body, key and chain, so that no key is
// kept; the dates are checked at every call. Tests upload a few pairs
// under many names, and crypto/x509 is most of an upload: parsing the
// ECDSA key (which derives its public point) and the certificate took
// some 21 µs of UploadServerCertificate's, against a floor of about 19
// (BenchmarkPairedRatios/op/UploadServerCertificate at 2.11). An upload
// seen for the first time costs what it did, and the digest:
// BenchmarkCheckServerCertificate.
func checkedServerCertificate(cb certificateBody, key string, chain *string, now time.Time) (time.Time, *Error) {
	return checkedServerCerts.get(serverCertDigest(cb.body, key, chain), func() serverCertChecked {
		return serverCertificateFacts(cb, key, chain)
	}).answer(now)
}

// serverCertDigest identifies an upload: the SHA-256 of its body, key and
// chain, each preceded by its length (and the chain by whether there is
// one), so that no two uploads share one.
func serverCertDigest(body, key string, chain *string) [sha256.Size]byte {
	h := sha256.New()
	var n [9]byte
	for _, s := range [2]string{body, key} {
		binary.BigEndian.PutUint64(n[:8], uint64(len(s)))
		h.Write(n[:8])
		io.WriteString(h, s)
	}
	if chain != nil {
		n[8] = 1
		binary.BigEndian.PutUint64(n[:8], uint64(len(*chain)))
		h.Write(n[:])
		io.WriteString(h, *chain)
	} else {
		h.Write(n[8:])
	}
	var d [sha256.Size]byte
	h.Sum(d[:0])
	return d
}

const serverCertMemoSize = 64

var checkedServerCerts = memo[[sha256.Size]byte, serverCertChecked]{most: serverCertMemoSize}

// parsePrivateKey reads the one PEM block of key: "RSA PRIVATE KEY" (PKCS
// #1), "PRIVATE KEY" (PKCS #8) or "EC PRIVATE KEY" (SEC 1), without
// headers (an encrypted key has them, or is "ENCRYPTED PRIVATE KEY"):
// IAM takes unencrypted PEM keys only (docs).
func parsePrivateKey(key string) (crypto.Signer, bool) {
	blocks, ok := pemBlocks(key)
	if !ok || len(blocks) != 1 {
		return nil, false
	}
	var parsed any
	var err error
	switch b := blocks[0]; b.Type {
	case "RSA PRIVATE KEY":
		parsed, err = x509.ParsePKCS1PrivateKey(b.Bytes)
	case "PRIVATE KEY":
		parsed, err = x509.ParsePKCS8PrivateKey(b.Bytes)
	case "EC PRIVATE KEY":
		parsed, err = x509.ParseECPrivateKey(b.Bytes)
	default:
		return nil, false
	}
	if err != nil {
		return nil, false
	}
	signer, ok := parsed.(crypto.Signer)
	return signer, ok
}

// acceptedServerKey reports whether IAM takes a server certificate holding
// pub: RSA of 1024 to 4096 bits (docs), or ECDSA on P-256 or P-384
// (choice: what load balancers serve).
func acceptedServerKey(pub any) bool {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return k.N.BitLen() >= 1024 && k.N.BitLen() <= 4096
	case *ecdsa.PublicKey:
		return k.Curve == elliptic.P256() || k.Curve == elliptic.P384()
	}
	return false
}

// checkChain checks a chain as IAM does: one or more PEM certificates, the
// first the body's issuer and each one's issuer the next. The index in
// the refusal is -1 when the first does not sign the body, else that of
// the certificate the next one does not sign (choice: IAM's meaning of
// other indexes is unknown).
func checkChain(cert *x509.Certificate, chain string) *Error {
	blocks, ok := pemBlocks(chain)
	if !ok {
		return errMalformedChain()
	}
	certs := make([]*x509.Certificate, len(blocks))
	for i, b := range blocks {
		c, err := x509.ParseCertificate(b.Bytes)
		if b.Type != "CERTIFICATE" || err != nil {
			return errMalformedChain()
		}
		certs[i] = c
	}
	if cert.CheckSignatureFrom(certs[0]) != nil {
		return errInvalidChain(-1)
	}
	for i := 0; i+1 < len(certs); i++ {
		if certs[i].CheckSignatureFrom(certs[i+1]) != nil {
			return errInvalidChain(i)
		}
	}
	return nil
}

// serverCertificateCA is the subject of the certificate authority that
// signs ServerCertificatePEM's certificates: CertificatePEM(serverCertificateCA)
// is its certificate.
const serverCertificateCA = "fakeiam server certificate CA"

// ServerCertificatePEM returns a server certificate for subject that
// UploadServerCertificate accepts under any clock: the PEM certificate
// (an ECDSA P-256 key, valid from 1970-01-01T00:00:00Z to
// 9999-12-31T23:59:59Z), its private key (PEM, SEC 1: "EC PRIVATE KEY"),
// and a chain for it (the PEM certificate of the authority that signed
// it, CertificatePEM("fakeiam server certificate CA")). The same subject
// gives the same values; different subjects give different keys. The keys
// are test fixtures, derived from the subject: never use them to protect
// anything.
func ServerCertificatePEM(subject string) (certificate, privateKey, chain string) {
	seed := sha256.Sum256([]byte("fakeiam server certificate key\x00" + subject))
	seed[0] &= 0x7f // below P-256's order, which is above 2^255
	der, err := asn1.Marshal(struct {
		Version    int
		PrivateKey []byte
		Curve      asn1.ObjectIdentifier `asn1:"optional,explicit,tag:0"`
	}{1, seed[:], asn1.ObjectIdentifier{1, 2, 840, 10045, 3, 1, 7}})
	if err != nil {
		panic("fakeiam: server certificate key: " + err.Error())
	}
	key, err := x509.ParseECPrivateKey(der) // derives the public key
	if err != nil {
		panic("fakeiam: server certificate key: " + err.Error())
	}
	k := theCertificateKey()
	issuer := k.template(nil, serverCertificateCA, certificatesValidFrom, certificatesValidUntil)
	leaf := &x509.Certificate{
		SerialNumber: serialNumber([]byte("fakeiam server certificate\x00" + subject)),
		Subject:      certificateSubject(strings.ToValidUTF8(subject, "?")),
		NotBefore:    certificatesValidFrom,
		NotAfter:     certificatesValidUntil,
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	// Ed25519 signatures are deterministic, so the bytes are too.
	cert, err := x509.CreateCertificate(nil, leaf, issuer, key.Public(), k.private)
	if err != nil {
		panic("fakeiam: server certificate: " + err.Error())
	}
	sec1, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		panic("fakeiam: server certificate key: " + err.Error())
	}
	return certificatePEM(cert), string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: sec1})), CertificatePEM(serverCertificateCA)
}
