package fakeiam

import (
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"strings"
	"time"
)

// Validity windows of the generated test certificates.
var (
	longAgo    = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	farFuture  = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
	expiredEnd = time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
)

// CertificatePEM returns a PEM-encoded, self-signed X.509 certificate for
// subject, valid from 2000 to 2100: a body UploadSigningCertificate accepts.
// The same subject gives the same bytes; different subjects give different
// bodies (IAM refuses a body already uploaded).
func CertificatePEM(subject string) string {
	return CertificatePEMValid(subject, longAgo, farFuture)
}

// ExpiredCertificatePEM returns a PEM X.509 certificate for subject whose
// validity ended on 1 January 2001: UploadSigningCertificate refuses it with
// MalformedCertificate.
func ExpiredCertificatePEM(subject string) string {
	return CertificatePEMValid(subject, longAgo, expiredEnd)
}

// CertificatePEMValid returns a PEM X.509 certificate for subject valid from
// notBefore to notAfter, deterministic for the same arguments. Combined with
// Fake.Advance it tests code around expiry.
func CertificatePEMValid(subject string, notBefore, notAfter time.Time) string {
	// Key and serial come from the subject as given, so subjects that differ
	// only in invalid UTF-8 still give different bodies; the name is valid UTF-8.
	seed := sha256.Sum256([]byte("fakeiam key\x00" + subject))
	key := ed25519.NewKeyFromSeed(seed[:])
	serialSum := sha256.Sum256([]byte(subject + "\x00" + notBefore.UTC().String() + "\x00" + notAfter.UTC().String()))
	subject = strings.ToValidUTF8(subject, "?")
	serialSum[0] &= 0x7f // positive
	tmpl := &x509.Certificate{
		SerialNumber:          new(big.Int).SetBytes(serialSum[:16]),
		Subject:               pkix.Name{CommonName: subject, Organization: []string{"fakeiam test certificate"}},
		NotBefore:             notBefore.UTC(),
		NotAfter:              notAfter.UTC(),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
	}
	// Ed25519 signatures are deterministic, so the bytes are too.
	der, err := x509.CreateCertificate(nil, tmpl, tmpl, key.Public(), key)
	if err != nil {
		// Unreachable for any subject and dates: the template is fixed and the
		// subject is valid UTF-8. An empty body is refused by IAM's validation,
		// so a test that somehow got here fails with a clear ValidationError.
		return ""
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

// checkCertificateBody applies IAM's upload checks to a body that passed
// validation: one PEM "CERTIFICATE" block with nothing but white space
// around it, whose base64 (white space ignored, as Java's MIME decoder does)
// holds a DER X.509 certificate that crypto/x509 parses, still valid at now.
func checkCertificateBody(body string, now time.Time) *Error {
	const begin, end = "-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----"
	trimmed := strings.TrimSpace(body)
	if len(trimmed) < len(begin)+len(end) || !strings.HasPrefix(trimmed, begin) || !strings.HasSuffix(trimmed, end) {
		return errMalformedCertificate(body)
	}
	b64 := trimmed[len(begin) : len(trimmed)-len(end)]
	buf := make([]byte, 0, len(b64))
	for i := 0; i < len(b64); i++ {
		switch c := b64[i]; c {
		case ' ', '\t', '\r', '\n':
		default:
			buf = append(buf, c)
		}
	}
	der := make([]byte, base64.StdEncoding.DecodedLen(len(buf)))
	n, err := base64.StdEncoding.Strict().Decode(der, buf)
	if err != nil || n == 0 {
		return errMalformedCertificate(body)
	}
	cert, err := x509.ParseCertificate(der[:n])
	if err != nil || now.After(cert.NotAfter) {
		return errMalformedCertificate(body)
	}
	return nil
}
