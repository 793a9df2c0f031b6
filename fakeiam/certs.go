package fakeiam

import (
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
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
// holds one DER X.509 certificate (certificateNotAfter), still valid at now.
func checkCertificateBody(body string, now time.Time) *Error {
	const begin, end = "-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----"
	trimmed := strings.TrimSpace(body)
	if len(trimmed) < len(begin)+len(end) || !strings.HasPrefix(trimmed, begin) || !strings.HasSuffix(trimmed, end) {
		return errMalformedCertificate(body)
	}
	var stack [2048]byte // a typical certificate is 0.5 to 1.5 KB of DER
	der, ok := decodeBase64Lines(stack[:0], trimmed[len(begin):len(trimmed)-len(end)])
	if !ok || len(der) == 0 {
		return errMalformedCertificate(body)
	}
	notAfter, ok := certificateNotAfter(der)
	if !ok || now.After(notAfter) {
		return errMalformedCertificate(body)
	}
	return nil
}

// base64Values maps the standard base64 alphabet to its values, PEM's white
// space to b64Space, '=' to b64Pad, and every other byte to b64Bad. Built
// once, never changed.
var base64Values = func() (t [256]byte) {
	for i := range t {
		t[i] = b64Bad
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for i := range len(alphabet) {
		t[alphabet[i]] = byte(i)
	}
	t[' '], t['\t'], t['\r'], t['\n'] = b64Space, b64Space, b64Space, b64Space
	t['='] = b64Pad
	return t
}()

const (
	b64Space = 0xFD
	b64Pad   = 0xFE
	b64Bad   = 0xFF
)

// decodeBase64Lines decodes standard, padded base64 split over lines, white
// space ignored, with strict padding (no data after '=', unused bits zero):
// a PEM body in one pass, appended to out.
func decodeBase64Lines(out []byte, s string) ([]byte, bool) {
	var acc uint32
	data, pad := 0, 0
	for i := 0; i < len(s); i++ {
		v := base64Values[s[i]]
		if v < 64 && pad == 0 {
			acc = acc<<6 | uint32(v)
			data++
			if data%4 == 0 {
				out = append(out, byte(acc>>16), byte(acc>>8), byte(acc))
				acc = 0
			}
			continue
		}
		switch v {
		case b64Space:
		case b64Pad:
			pad++
		default: // a bad byte, or data after padding
			return nil, false
		}
	}
	switch {
	case (data+pad)%4 != 0 || pad > 2:
		return nil, false
	case pad == 1 && data%4 == 3: // 18 bits: 2 bytes, 2 unused bits
		if acc&0x3 != 0 {
			return nil, false
		}
		out = append(out, byte(acc>>10), byte(acc>>2))
	case pad == 2 && data%4 == 2: // 12 bits: 1 byte, 4 unused bits
		if acc&0xF != 0 {
			return nil, false
		}
		out = append(out, byte(acc>>4))
	case pad != 0:
		return nil, false
	}
	return out, true
}
