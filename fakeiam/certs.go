package fakeiam

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/binary"
	"encoding/pem"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The validity of CertificatePEM's certificates and of the fake's default
// bodies: from the Unix epoch to the last second X.509 can write, so that
// they are valid under any clock a test may use, the real time included.
var (
	certificatesValidFrom  = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	certificatesValidUntil = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
)

// CertificatePEM returns a PEM-encoded, self-signed X.509 certificate for
// subject, valid from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z: a body
// an upload accepts under any clock. The same subject gives
// the same bytes; different subjects give different bodies (IAM refuses a
// body already uploaded).
func CertificatePEM(subject string) string {
	return CertificatePEMWithValidity(subject, certificatesValidFrom, certificatesValidUntil)
}

// CertificatePEMWithValidity returns a PEM-encoded, self-signed X.509
// certificate for subject valid from notBefore to notAfter (whole seconds,
// UTC), deterministic for the same arguments. Upload refuses it with
// MalformedCertificate while the fake's clock is before notBefore or after
// notAfter; with Fake.Advance it tests code around expiry. A date X.509
// cannot write (a year outside 0 to 9999) gives "", which Upload's
// validation refuses.
func CertificatePEMWithValidity(subject string, notBefore, notAfter time.Time) string {
	notBefore, notAfter = notBefore.UTC(), notAfter.UTC()
	// The serial comes from the subject as given, so subjects that differ
	// only in invalid UTF-8 still give different bodies; the name is valid UTF-8.
	serial := serialNumber([]byte("fakeiam serial\x00" + subject + "\x00" +
		notBefore.Format(time.RFC3339Nano) + "\x00" + notAfter.Format(time.RFC3339Nano)))
	k := theCertificateKey()
	tmpl := k.template(serial, strings.ToValidUTF8(subject, "?"), notBefore, notAfter)
	// Ed25519 signatures are deterministic, so the bytes are too.
	der, err := x509.CreateCertificate(nil, tmpl, tmpl, k.private.Public(), k.private)
	if err != nil {
		return "" // only for dates X.509 cannot write
	}
	return certificatePEM(der)
}

// defaultCertificate is the body of the n-th (from 1) default
// certificate of the principal ownerARN in a fake seeded with seed: a real
// PEM X.509 certificate, self-signed with ed25519.Sign, valid like
// CertificatePEM's, with subject "fakeiam <ownerARN> #<n> seed <seed>".
// Different arguments give different bodies, the same arguments the same.
//
// A body made is remembered (defaultCertificates): a test suite builds
// the same fakes again and again, the same users under the same seed, and
// signing the bodies was most of New (BenchmarkNew: quickstart-vs-list,
// where every New after the first finds its two bodies, against
// quickstart-new-seed-vs-list, where each New signs its own).
func defaultCertificate(seed uint64, ownerARN string, n int) (body, fingerprint string) {
	made := defaultCertificates.get(defaultCertificateKey{seed, ownerARN, n}, func() [2]string {
		body, fingerprint := makeDefaultCertificate(seed, ownerARN, n)
		return [2]string{body, fingerprint}
	})
	return made[0], made[1]
}

// defaultCertificates are the default certificates (body, fingerprint)
// made last, by what they were made of: at most 1,024 (a body is some 700
// bytes).
var defaultCertificates = memo[defaultCertificateKey, [2]string]{most: 1024}

type defaultCertificateKey struct {
	seed     uint64
	ownerARN string
	n        int
}

// makeDefaultCertificate makes what defaultCertificate answers.
//
// It is built with encoding/asn1 rather than x509.CreateCertificate, for
// the budget (docs/architecture.md: New with one user and two default certificates ≤ 3
// × one SDK call of ~30 µs; 10,000 users × 2 default certificates ≤ 1 s).
// Medians of 3 runs on this machine's 2 vCPUs on 2026-12-06, with
//
//	go test -run '^$' -bench 'CertificateSigning|DefaultCertificateBody' -benchmem -count 3 ./fakeiam/
//
// a body through x509.CreateCertificate costs ~84 µs and 240 allocations
// (it signs, then verifies its own signature): two of them alone are 5 ×
// a List call. The same TBSCertificate marshalled whole with encoding/asn1
// and signed with ed25519.Sign costs ~25 µs and 61 allocations; made from
// its layout (below), ~22 µs and 10, of which ed25519.Sign is ~19 µs.
// TestDefaultCertificateBody checks that the TBSCertificate is byte for
// byte the one x509.CreateCertificate writes for the same fields, and
// that crypto/x509 verifies the signature.
//
// encoding/asn1 marshals a shape once per subject length
// (certificateLayoutFor); a body is that DER with its serial number,
// subject and signature written in (TestCertificateLayout: the same bytes
// as marshalled whole).
func makeDefaultCertificate(seed uint64, ownerARN string, n int) (body, fingerprint string) {
	var in [16]byte
	binary.BigEndian.PutUint64(in[0:], seed)
	binary.BigEndian.PutUint64(in[8:], uint64(n))
	serial := serialBytes(append(in[:], ownerARN...))
	subject := "fakeiam " + strings.ToValidUTF8(ownerARN, "?") + " #" + strconv.Itoa(n) + " seed " + strconv.FormatUint(seed, 10)
	der := certificateLayoutFor(len(subject)).certificate(serial, subject)
	return certificatePEM(der), derFingerprint(der)
}

// certificateLayout is a default body's DER for subjects of one length,
// and where in it the bytes that differ between such bodies are: the
// serial number's 16, the subject's (twice: issuer and subject, the
// certificate is self-signed) and the signature's 64. Every other byte,
// the lengths included, depends only on the subject's length: a subject
// holds "#" (makeDefaultCertificate), so encoding/asn1 writes it as a
// UTF8String, its bytes as they are.
type certificateLayout struct {
	der           []byte
	tbsAt, tbsEnd int // the TBSCertificate, which the signature signs
	serialAt      int
	subjectAt     [2]int
	signatureAt   int
}

// certificate is the DER of the certificate of that serial number and
// subject (len(subject) bytes, as l's), signed with theCertificateKey.
func (l *certificateLayout) certificate(serial [16]byte, subject string) []byte {
	der := slices.Clone(l.der)
	copy(der[l.serialAt:], serial[:])
	copy(der[l.subjectAt[0]:], subject)
	copy(der[l.subjectAt[1]:], subject)
	copy(der[l.signatureAt:], ed25519.Sign(theCertificateKey().private, der[l.tbsAt:l.tbsEnd]))
	return der
}

// certificateLayouts are the layouts made, by subject length: at most
// 1,024 (under 2 KB each). A subject is some 50 to 650 bytes long (an
// ARN's path is at most 512 characters, a name 64), so every length a
// process meets is kept.
var certificateLayouts = memo[int, *certificateLayout]{most: 1024}

// certificateLayoutFor is the layout of subjects n bytes long.
func certificateLayoutFor(n int) *certificateLayout {
	return certificateLayouts.get(n, func() *certificateLayout { return newCertificateLayout(n) })
}

// newCertificateLayout makes the layout of subjects n bytes long by
// marshalling two certificates whose serial numbers, subjects and
// signatures differ in every byte, the rest alike, and taking where they
// differ.
func newCertificateLayout(n int) *certificateLayout {
	k := theCertificateKey()
	marshal := func(serial, subject, signature byte) (der, tbs []byte) {
		s := bytes.Repeat([]byte{serial}, 16)
		tbs = k.tbsCertificate(new(big.Int).SetBytes(s), strings.Repeat(string(subject), n))
		return k.signedCertificate(tbs, bytes.Repeat([]byte{signature}, ed25519.SignatureSize)), tbs
	}
	// Serial numbers positive and of 16 bytes (as serialBytes makes them),
	// subjects that are no PrintableString, signatures of any bytes.
	a, tbs := marshal(0x55, '#', 0x00)
	b, _ := marshal(0x6a, '%', 0xff)
	if len(a) != len(b) {
		panic("fakeiam: certificate layout: lengths differ")
	}
	var runs [][2]int // where a and b differ: [start, end)
	for i := range a {
		if a[i] == b[i] {
			continue
		}
		if last := len(runs) - 1; last >= 0 && runs[last][1] == i {
			runs[last][1]++
		} else {
			runs = append(runs, [2]int{i, i + 1})
		}
	}
	tbsAt := bytes.Index(a, tbs)
	want := []int{16, n, n, ed25519.SignatureSize}
	if len(runs) != len(want) || tbsAt < 0 || runs[3][0] < tbsAt+len(tbs) {
		panic("fakeiam: certificate layout: not the expected shape")
	}
	for i, r := range runs {
		if r[1]-r[0] != want[i] {
			panic("fakeiam: certificate layout: not the expected shape")
		}
	}
	return &certificateLayout{der: a, tbsAt: tbsAt, tbsEnd: tbsAt + len(tbs),
		serialAt: runs[0][0], subjectAt: [2]int{runs[1][0], runs[2][0]}, signatureAt: runs[3][0]}
}

// certificatePEM is der as a PEM CERTIFICATE block, as pem.EncodeToMemory
// writes it, into a string of the right size from the start.
func certificatePEM(der []byte) string {
	const header, footer = "-----BEGIN CERTIFICATE-----\n", "-----END CERTIFICATE-----\n"
	b64 := base64.StdEncoding.EncodedLen(len(der))
	var out strings.Builder
	out.Grow(len(header) + b64 + (b64+63)/64 + len(footer)) // 64 characters a line
	if err := pem.Encode(&out, &pem.Block{Type: "CERTIFICATE", Bytes: der}); err != nil {
		panic("fakeiam: generated certificate: " + err.Error()) // a strings.Builder does not fail
	}
	return out.String()
}

// serialNumber is a positive 16-byte serial number derived from b.
func serialNumber(b []byte) *big.Int {
	s := serialBytes(b)
	return new(big.Int).SetBytes(s[:])
}

// serialBytes are serialNumber's bytes: its DER content.
func serialBytes(b []byte) [16]byte {
	sum := sha256.Sum256(b)
	sum[0] = sum[0]&0x3f | 0x40 // positive, and always 16 bytes of DER
	return [16]byte(sum[:16])
}

// certificateKey is the one Ed25519 key that every generated certificate
// holds and is self-signed with, and the DER that all default bodies share.
// It is a test fixture, not a secret: its seed is in this file.
type certificateKey struct {
	private ed25519.PrivateKey
	public  ed25519.PublicKey
	skid    []byte // SubjectKeyId, given so that it does not depend on GODEBUG

	// DER of the TBSCertificate fields that every default body shares: all
	// but the serial number and the subject's common name.
	version, algorithm, organization, commonNameType, validity, publicKeyInfo, extensions []byte
}

// theCertificateKey is built once per process and never changed afterwards,
// so every fake may share it.
var theCertificateKey = sync.OnceValue(newCertificateKey)

func newCertificateKey() *certificateKey {
	seed := sha256.Sum256([]byte("fakeiam certificate key"))
	private := ed25519.NewKeyFromSeed(seed[:])
	public := private.Public().(ed25519.PublicKey)
	skid := sha256.Sum256(public)
	k := &certificateKey{
		private: private,
		public:  public,
		skid:    skid[:20],
	}
	var err error
	if k.publicKeyInfo, err = x509.MarshalPKIXPublicKey(public); err != nil {
		panic("fakeiam: certificate key: " + err.Error())
	}
	k.version = mustMarshalDER(asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: mustMarshalDER(2)}) // v3
	k.algorithm = mustMarshalDER(pkix.AlgorithmIdentifier{Algorithm: asn1.ObjectIdentifier{1, 3, 101, 112}})                        // Ed25519, RFC 8410
	// The RDNs of certificateSubject, as pkix.Name.ToRDNSequence orders them.
	organization := certificateSubject("").Organization[0]
	k.organization = mustMarshalDER(pkix.RelativeDistinguishedNameSET{{Type: asn1.ObjectIdentifier{2, 5, 4, 10}, Value: organization}})
	k.commonNameType = mustMarshalDER(asn1.ObjectIdentifier{2, 5, 4, 3})
	k.validity = mustMarshalDER(struct{ NotBefore, NotAfter time.Time }{certificatesValidFrom, certificatesValidUntil})
	// The extensions x509.CreateCertificate writes for k.template, in its order.
	keyUsage := mustMarshalDER(asn1.BitString{Bytes: []byte{0x84}, BitLength: 6}) // digitalSignature, keyCertSign
	basicConstraints := mustMarshalDER(struct {
		IsCA bool `asn1:"optional"`
	}{true})
	k.extensions = mustMarshalDER(asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 3, IsCompound: true,
		Bytes: mustMarshalDER([]pkix.Extension{
			{Id: asn1.ObjectIdentifier{2, 5, 29, 15}, Critical: true, Value: keyUsage},
			{Id: asn1.ObjectIdentifier{2, 5, 29, 19}, Critical: true, Value: basicConstraints},
			{Id: asn1.ObjectIdentifier{2, 5, 29, 14}, Value: mustMarshalDER(k.skid)},
		})})
	return k
}

// template is the certificate CertificatePEMWithValidity asks
// x509.CreateCertificate for; tbsCertificate writes the same fields.
func (k *certificateKey) template(serial *big.Int, subject string, notBefore, notAfter time.Time) *x509.Certificate {
	return &x509.Certificate{
		SerialNumber: serial,
		Subject:      certificateSubject(subject),
		NotBefore:    notBefore,
		NotAfter:     notAfter,
		// A CA, so that cert.CheckSignatureFrom(cert) accepts the self-signature.
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
		SubjectKeyId:          k.skid,
	}
}

func certificateSubject(commonName string) pkix.Name {
	return pkix.Name{CommonName: commonName, Organization: []string{"fakeiam test certificate"}}
}

// tbsCertificate is the DER of the TBSCertificate (RFC 5280, section 4.1)
// of k.template(serial, subject, certificatesValidFrom,
// certificatesValidUntil); subject must be valid UTF-8. Only the serial
// and the name are marshalled here, the rest was once per process
// (asn1.Marshal of the whole structure costs ~3 times as much, in reflection).
func (k *certificateKey) tbsCertificate(serial *big.Int, subject string) []byte {
	// asn1.Marshal writes a string as pkix.Name's does: PrintableString when it can, else UTF8String.
	commonName := derSet(derSequence(k.commonNameType, mustMarshalDER(subject)))
	name := derSequence(k.organization, commonName) // issuer and subject: self-signed
	return derSequence(k.version, mustMarshalDER(serial), k.algorithm, name, k.validity, name, k.publicKeyInfo, k.extensions)
}

// signedCertificate is the DER of the Certificate made of tbs and its Ed25519 signature.
func (k *certificateKey) signedCertificate(tbs, signature []byte) []byte {
	return derSequence(tbs, k.algorithm, mustMarshalDER(asn1.BitString{Bytes: signature, BitLength: 8 * len(signature)}))
}

// derSequence and derSet are the DER of a SEQUENCE or SET of elements,
// given as DER; encoding/asn1 writes the header.
func derSequence(elements ...[]byte) []byte {
	return mustMarshalDER(asn1.RawValue{Tag: asn1.TagSequence, IsCompound: true, Bytes: slices.Concat(elements...)})
}

func derSet(elements ...[]byte) []byte {
	return mustMarshalDER(asn1.RawValue{Tag: asn1.TagSet, IsCompound: true, Bytes: slices.Concat(elements...)})
}

// mustMarshalDER is asn1.Marshal for values that always marshal: fixed
// shapes, valid UTF-8 strings, dates within X.509's years.
func mustMarshalDER(v any) []byte {
	b, err := asn1.Marshal(v)
	if err != nil {
		panic("fakeiam: generated certificate: " + err.Error())
	}
	return b
}

// pemSpace is what may surround a body's PEM block: PEM's white space.
// (U+0085 and U+00A0, which IAM's charset admits, are not white space here.)
const pemSpace = " \t\r\n"

// certificateBody is a body as an upload reads it, decoded once: der is its
// DER when the body is plain PEM (see plainPEM), else nil and the body is
// pem.Decode's to judge.
type certificateBody struct {
	body string
	der  []byte
}

// plainPEMShortcut is validation's shortcut for a certificate body
// (validate.go: shortcut): a body plainPEM decodes holds nothing but PEM
// white space, the BEGIN and END lines and base64, and its decoding is the
// certificateBody the upload then checks. TestPlainPEMIsInBodyClass and
// FuzzCheckCertificateBody hold it to its alphabet.
var plainPEMShortcut = shortcut{
	alphabet: pemSpace + "-ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=",
	decode: func(body string) ([]byte, bool) {
		cb := readCertificateBody(body)
		return cb.der, cb.der != nil
	},
}

func readCertificateBody(body string) certificateBody {
	if der, ok := plainPEM(strings.TrimLeft(body, pemSpace)); ok {
		return certificateBody{body: body, der: der}
	}
	return certificateBody{body: body}
}

// parseCertificateBody returns the certificate body holds if body is exactly
// one PEM block of type CERTIFICATE, without headers, with only pemSpace
// before and after it, whose bytes crypto/x509 parses (which refuses data
// after the certificate). Line ends, line width and white space at the
// ends of lines are pem.Decode's business; it accepts them all.
func parseCertificateBody(body string) (*x509.Certificate, bool) {
	return readCertificateBody(body).parse()
}

func (b certificateBody) parse() (*x509.Certificate, bool) {
	if b.der != nil {
		cert, err := x509.ParseCertificate(b.der)
		return cert, err == nil
	}
	blocks, ok := pemBlocks(b.body)
	if !ok || len(blocks) != 1 || blocks[0].Type != "CERTIFICATE" {
		return nil, false
	}
	cert, err := x509.ParseCertificate(blocks[0].Bytes)
	if err != nil {
		return nil, false
	}
	return cert, true
}

// pemBlocks returns the PEM blocks text holds, one after another with only
// pemSpace before, between and after them, none with headers (an
// encrypted key's Proc-Type among them); false when text holds anything
// else, or no block. A certificate body is one block; a server
// certificate's key one; its chain one or more.
func pemBlocks(text string) ([]*pem.Block, bool) {
	var blocks []*pem.Block
	rest := []byte(strings.TrimLeft(text, pemSpace))
	for len(rest) > 0 {
		block, after := pem.Decode(rest)
		if block == nil || len(block.Headers) != 0 {
			return nil, false
		}
		// pem.Decode skips any text, and any block it cannot decode, before
		// the block it returns: that block must be the first thing in the
		// text. (Headerless PEM holds "-----BEGIN" only in its first line.)
		if bytes.LastIndex(rest[:len(rest)-len(after)], []byte("-----BEGIN")) != 0 {
			return nil, false
		}
		blocks = append(blocks, block)
		rest = bytes.TrimLeft(after, pemSpace)
	}
	return blocks, len(blocks) > 0
}

// plainPEM decodes the common case, a CERTIFICATE block that is nothing but
// its BEGIN line, lines of base64, and its END line, with
// encoding/base64 (which skips line ends) instead of encoding/pem, for the
// upload's budget: pem.Decode costs ~2.4 µs of a ~35 µs call
// (BenchmarkCertificateCheck), base64 alone ~0.6 µs. Anything else (spaces,
// headers, text around the block, another type) is pem.Decode's to judge;
// FuzzCheckCertificateBody checks that both paths agree.
func plainPEM(text string) ([]byte, bool) {
	const begin, end = "-----BEGIN CERTIFICATE-----\n", "\n-----END CERTIFICATE-----"
	inner, ok := strings.CutPrefix(text, begin)
	if !ok {
		return nil, false
	}
	// The END line, and only PEM white space after it: looked for at the
	// end rather than searched for through the body.
	inner, ok = strings.CutSuffix(strings.TrimRight(inner, pemSpace), end)
	if !ok {
		return nil, false
	}
	// DecodeString refuses every byte but base64's and line ends: a space,
	// a header, a second END line or any other text leaves the body to
	// pem.Decode.
	der, err := base64.StdEncoding.DecodeString(inner)
	return der, err == nil && len(der) > 0
}

// checkCertificateBody applies IAM's upload checks to a body that passed
// validation: body must hold one certificate as parseCertificateBody says,
// valid at now (NotBefore ≤ now ≤ NotAfter). It returns the certificate's
// fingerprint (see bodyFingerprint), or IAM's MalformedCertificate error:
// the expired or not-yet-valid text when only the dates fail, else the one
// that echoes the whole body.
// A typical body costs ~7 µs, x509.ParseCertificate ~5 µs of it
// (BenchmarkCertificateCheck).
func checkCertificateBody(body string, now time.Time) (fingerprint string, err *Error) {
	return readCertificateBody(body).check(now)
}

func (b certificateBody) check(now time.Time) (fingerprint string, err *Error) {
	cert, ok := b.parse()
	if !ok {
		return "", errMalformedCertificate(b.body)
	}
	if err := checkValidity(cert, now); err != nil {
		return "", err
	}
	return derFingerprint(cert.Raw), nil
}

// checkValidity is IAM's refusal of a certificate that is not valid at now
// (NotBefore ≤ now ≤ NotAfter), for signing and server certificates alike:
// nil when it is valid.
func checkValidity(cert *x509.Certificate, now time.Time) *Error {
	return validityError(cert.NotBefore, cert.NotAfter, now)
}

// validityError is checkValidity's answer for a certificate valid from
// notBefore to notAfter.
func validityError(notBefore, notAfter, now time.Time) *Error {
	switch {
	case now.After(notAfter):
		return errCertificateExpired()
	case now.Before(notBefore):
		return errCertificateNotYetValid()
	}
	return nil
}

// bodyFingerprint identifies a seeded body, which may be any text: the
// certificate's DER fingerprint ("x509-sha256:" and the SHA-256 of the DER,
// raw) when parseCertificateBody accepts the body, whatever its validity
// dates, so that every PEM encoding of one certificate has one fingerprint;
// else "text:" and the verbatim body, which never equals a DER fingerprint.
func bodyFingerprint(body string) string {
	if cert, ok := parseCertificateBody(body); ok {
		return derFingerprint(cert.Raw)
	}
	return textFingerprintPrefix + body
}

const (
	derFingerprintPrefix  = "x509-sha256:"
	textFingerprintPrefix = "text:"
)

// derFingerprint is the certificate's identity: the SHA-256 of its DER, as
// raw bytes (hex would double the key; the DER itself costs a 0.5 KB copy).
func derFingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	var key [len(derFingerprintPrefix) + sha256.Size]byte
	copy(key[:], derFingerprintPrefix)
	copy(key[len(derFingerprintPrefix):], sum[:])
	return string(key[:])
}

// errCertificateExpired is IAM's text for a certificate whose NotAfter has
// passed (docs/contract.md; recorded for server certificates).
func errCertificateExpired() *Error {
	return &Error{"MalformedCertificate", 400, "Certificate is no longer valid. The 'Not After' date restriction on the certificate has passed."}
}

// errCertificateNotYetValid refuses a certificate whose NotBefore is still
// in the future, as IAM does (docs/contract.md). IAM's text is unknown; this one
// is our choice, in the style of errCertificateExpired's.
func errCertificateNotYetValid() *Error {
	return &Error{"MalformedCertificate", 400, "Certificate is not valid yet. The 'Not Before' date restriction on the certificate has not been reached."}
}
