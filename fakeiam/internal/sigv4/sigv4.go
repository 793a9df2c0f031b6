package fakeiam

import (
	"cmp"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/textproto"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/smithy-go/encoding/httpbinding"
)

// The caller of a request is the owner of the access key that signed it, as
// IAM reads it: from the SigV4 Authorization header, or from the X-Amz-*
// query parameters of a presigned URL. The signature is recomputed with the
// key's secret, so a client with the wrong secret gets SignatureDoesNotMatch
// as from IAM. Both doors use the same two calls:
//
//	sig, state := readSignature(r)
//	ok := verifySignature(r, sig, secret, payloadHash, &key.derived)
//
// The SDK door passes the *http.Request the SDK signed and the payload hash
// the SDK computed; the HTTP door passes the request it received and
// payloadHashOf(body), or the X-Amz-Content-Sha256 header when present.
//
// Canonicalization follows the SDK's signer (aws/signer/v4), which is what
// IAM accepts from every client built on it:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html

const (
	sigV4Algorithm  = "AWS4-HMAC-SHA256"
	unsignedPayload = "UNSIGNED-PAYLOAD"

	// maxPresignedExpiry is SigV4's limit on X-Amz-Expires: seven days.
	maxPresignedExpiry = 7 * 24 * time.Hour
)

// signatureState says how a request carries its signature.
type signatureState uint8

const (
	// signatureNone: no Authorization header and no X-Amz-Signature query
	// parameter. IAM answers MissingAuthenticationToken.
	signatureNone signatureState = iota
	// signatureMalformed: a signature is there but cannot be read (another
	// scheme, a missing part, two Authorization headers, or both forms).
	signatureMalformed
	// signatureHeader: a SigV4 Authorization header.
	signatureHeader
	// signaturePresigned: SigV4 query parameters (a presigned URL).
	signaturePresigned
)

func (s signatureState) String() string {
	switch s {
	case signatureNone:
		return "none"
	case signatureMalformed:
		return "malformed"
	case signatureHeader:
		return "header"
	case signaturePresigned:
		return "presigned"
	}
	return "signatureState(" + strconv.Itoa(int(s)) + ")"
}

// sigV4Auth is what a request says about its SigV4 signature.
type sigV4Auth struct {
	accessKeyID   string
	scope         string // date/region/service/aws4_request
	date          string // yyyymmdd
	region        string
	service       string
	signedHeaders string // lowercase names joined by ';', sorted
	signature     string // hex

	// Set by readSignature, not by parseAuthorization.
	presigned   bool          // read from the query string, not the Authorization header
	amzDate     string        // X-Amz-Date (header, or query when presigned): yyyymmddThhmmssZ
	expires     time.Duration // presigned: X-Amz-Expires; 0 when absent
	payloadHash string        // presigned: the X-Amz-Content-Sha256 the request states, if any
}

// readSignature reads the SigV4 signature of r, from its Authorization header
// or, for a presigned URL, from its X-Amz-* query parameters. It does not
// check the signature (see verifySignature) nor the dates.
func readSignature(r *http.Request) (sig sigV4Auth, state signatureState) {
	authz := r.Header.Values("Authorization")
	if len(authz) == 1 && authz[0] == "" {
		authz = nil // an empty header is no header
	}
	presigned := queryHas(r.URL.RawQuery, "X-Amz-Signature")
	switch {
	case len(authz) > 1, len(authz) == 1 && presigned:
		return sigV4Auth{}, signatureMalformed
	case len(authz) == 1:
		a, ok := parseAuthorization(authz[0])
		if !ok {
			return sigV4Auth{}, signatureMalformed
		}
		a.amzDate = r.Header.Get("X-Amz-Date")
		return a, signatureHeader
	case presigned:
		a, ok := readPresigned(r)
		if !ok {
			return sigV4Auth{}, signatureMalformed
		}
		return a, signaturePresigned
	}
	return sigV4Auth{}, signatureNone
}

// readPresigned reads the X-Amz-* query parameters of a presigned request.
// Each must appear once; X-Amz-Expires is optional (the SDK's signer does not
// add it), and must be 1 to 604800 seconds when present.
func readPresigned(r *http.Request) (sigV4Auth, bool) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return sigV4Auth{}, false
	}
	param := func(key string) string { // "" when absent, empty or repeated
		if v := q[key]; len(v) == 1 {
			return v[0]
		}
		return ""
	}
	sig := sigV4Auth{
		presigned:     true,
		amzDate:       param("X-Amz-Date"),
		signedHeaders: param("X-Amz-SignedHeaders"),
		signature:     param("X-Amz-Signature"),
	}
	if param("X-Amz-Algorithm") != sigV4Algorithm || !parseCredential(&sig, param("X-Amz-Credential")) ||
		sig.amzDate == "" || sig.signedHeaders == "" || sig.signature == "" {
		return sigV4Auth{}, false
	}
	if _, ok := q["X-Amz-Expires"]; ok {
		secs, err := strconv.ParseInt(param("X-Amz-Expires"), 10, 64)
		if err != nil || secs < 1 || secs > int64(maxPresignedExpiry/time.Second) {
			return sigV4Auth{}, false
		}
		sig.expires = time.Duration(secs) * time.Second
	}
	sig.payloadHash = r.Header.Get("X-Amz-Content-Sha256")
	if sig.payloadHash == "" {
		sig.payloadHash = q.Get("X-Amz-Content-Sha256")
	}
	return sig, true
}

// parseAuthorization parses "AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/iam/aws4_request,
// SignedHeaders=host;x-amz-date, Signature=hex". It allocates nothing.
func parseAuthorization(h string) (sigV4Auth, bool) {
	var a sigV4Auth
	rest, ok := strings.CutPrefix(h, sigV4Algorithm+" ")
	if !ok {
		return a, false
	}
	for rest != "" {
		var part string
		part, rest, _ = strings.Cut(rest, ",")
		part = strings.TrimSpace(part)
		key, val, _ := strings.Cut(part, "=")
		switch key {
		case "Credential":
			if !parseCredential(&a, val) {
				return a, false
			}
		case "SignedHeaders":
			a.signedHeaders = val
		case "Signature":
			a.signature = val
		}
	}
	ok = a.accessKeyID != "" && a.date != "" && a.signedHeaders != "" && a.signature != ""
	return a, ok
}

// parseCredential parses "AKID/yyyymmdd/region/service/aws4_request" into a.
func parseCredential(a *sigV4Auth, credential string) bool {
	id, scope, ok := strings.Cut(credential, "/")
	if !ok || id == "" {
		return false
	}
	a.accessKeyID, a.scope = id, scope
	a.date, scope, _ = strings.Cut(scope, "/")
	a.region, scope, _ = strings.Cut(scope, "/")
	a.service, scope, _ = strings.Cut(scope, "/")
	return a.date != "" && scope == "aws4_request"
}

// payloadHashOf is the SigV4 payload hash of a request body: hex SHA-256.
func payloadHashOf(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// verifySignature recomputes the signature of r with secret and reports
// whether it is the one sig carries. sig comes from readSignature(r).
// payloadHash is the hex SHA-256 of the body: the hash the SDK signed, or
// payloadHashOf(body) on a server. A presigned request signs the payload hash
// it states in X-Amz-Content-Sha256; if it states none, UNSIGNED-PAYLOAD (S3's
// presigners) or else payloadHash (botocore's and the SDK's presigners for
// other services sign the hash of the empty body). cache holds the derived
// signing key of the access key, for the last scope it signed.
func verifySignature(r *http.Request, sig sigV4Auth, secret, payloadHash string, cache *atomic.Pointer[derivedKey]) bool {
	// The credential's date must be the day of X-Amz-Date, as IAM checks.
	if len(sig.amzDate) < len("yyyymmdd") || sig.amzDate[:len("yyyymmdd")] != sig.date {
		return false
	}
	if !sig.presigned {
		return signatureMatches(r, sig, secret, payloadHash, cache)
	}
	if sig.payloadHash != "" {
		return signatureMatches(r, sig, secret, sig.payloadHash, cache)
	}
	return signatureMatches(r, sig, secret, unsignedPayload, cache) ||
		signatureMatches(r, sig, secret, payloadHash, cache)
}

// signatureMatches computes the signature of r over payloadHash and compares
// it with sig.signature.
func signatureMatches(r *http.Request, sig sigV4Auth, secret, payloadHash string, cache *atomic.Pointer[derivedKey]) bool {
	var stack [1024]byte // the canonical request of an IAM call fits
	canonicalHash := sha256.Sum256(appendCanonicalRequest(stack[:0], r, sig, payloadHash))

	// crypto/hmac reads the string to sign through an interface, which puts
	// it on the heap: give it its own buffer, of the right size.
	toSign := make([]byte, 0, len(sigV4Algorithm)+len(sig.amzDate)+len(sig.scope)+3+hex.EncodedLen(sha256.Size))
	toSign = append(toSign, sigV4Algorithm+"\n"...)
	toSign = append(toSign, sig.amzDate...)
	toSign = append(toSign, '\n')
	toSign = append(toSign, sig.scope...)
	toSign = append(toSign, '\n')
	toSign = hex.AppendEncode(toSign, canonicalHash[:])

	var want [2 * sha256.Size]byte
	hex.Encode(want[:], hmacSHA256(signingKey(cache, secret, sig), toSign))
	return hmac.Equal(want[:], []byte(sig.signature))
}

// derivedKey caches the SigV4 signing key of one access key for one scope.
// It is not modified once stored.
type derivedKey struct {
	scope  string
	secret string
	key    [sha256.Size]byte
}

// signingKey derives the SigV4 signing key of secret for sig's scope, or
// takes it from cache. The key it returns is shared: not to be modified.
func signingKey(cache *atomic.Pointer[derivedKey], secret string, sig sigV4Auth) []byte {
	if d := cache.Load(); d != nil && d.scope == sig.scope && d.secret == secret {
		return d.key[:]
	}
	kDate := hmacSHA256([]byte("AWS4"+secret), []byte(sig.date))
	kRegion := hmacSHA256(kDate, []byte(sig.region))
	kService := hmacSHA256(kRegion, []byte(sig.service))
	d := &derivedKey{scope: strings.Clone(sig.scope), secret: secret}
	copy(d.key[:], hmacSHA256(kService, []byte("aws4_request")))
	cache.Store(d)
	return d.key[:]
}

func hmacSHA256(key, data []byte) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write(data)
	return mac.Sum(nil)
}

// appendCanonicalRequest appends SigV4's canonical request:
//
//	method \n uri \n query \n header lines, each ending in \n \n signed headers \n payload hash
func appendCanonicalRequest(b []byte, r *http.Request, sig sigV4Auth, payloadHash string) []byte {
	b = append(b, r.Method...)
	b = append(b, '\n')
	b = appendCanonicalURI(b, r.URL)
	b = append(b, '\n')
	b = appendCanonicalQuery(b, r.URL.RawQuery, sig.presigned)
	b = append(b, '\n')
	b = appendCanonicalHeaders(b, r, sig.signedHeaders)
	b = append(b, '\n')
	b = append(b, sig.signedHeaders...)
	b = append(b, '\n')
	return append(b, payloadHash...)
}

// appendCanonicalURI appends the escaped path of u escaped once more, as the
// SDK's signer does for every service but S3: "/a%20b" signs as "/a%2520b".
func appendCanonicalURI(b []byte, u *url.URL) []byte {
	p := u.EscapedPath()
	if u.Opaque != "" { // "//host/path?query" or "path": the path starts at the first '/'
		p, _, _ = strings.Cut(u.Opaque, "?")
		p = strings.TrimPrefix(p, "//")
		if i := strings.IndexByte(p, '/'); i >= 0 {
			p = p[i:]
		} else {
			p = ""
		}
	}
	if p == "" {
		return append(b, '/')
	}
	for i := 0; i < len(p); i++ {
		if c := p[i]; c != '/' && !unreserved(c) {
			return append(b, httpbinding.EscapePath(p, false)...)
		}
	}
	return append(b, p...) // nothing to escape: IAM's "/" and most custom endpoints
}

// appendCanonicalQuery appends SigV4's canonical query string: every pair of
// rawQuery, decoded as url.ParseQuery decodes it (a '+' is a space, a pair
// with a ';' or a bad escape is dropped), each key and value encoded per
// RFC 3986 (a space is %20), sorted by encoded key, then encoded value. The
// signature of a presigned request is not part of what it signs.
func appendCanonicalQuery(b []byte, rawQuery string, presigned bool) []byte {
	type pair struct{ key, value string }
	var stack [16]pair
	pairs := stack[:0]
	for key, value := range queryPairs(rawQuery) {
		key, ok1 := canonicalQueryComponent(key)
		value, ok2 := canonicalQueryComponent(value)
		if !ok1 || !ok2 || presigned && key == "X-Amz-Signature" {
			continue
		}
		pairs = append(pairs, pair{key, value})
	}
	// The order is that of the encoded forms: "a%2Fb" sorts before "a-b".
	slices.SortFunc(pairs, func(x, y pair) int {
		return cmp.Or(strings.Compare(x.key, y.key), strings.Compare(x.value, y.value))
	})
	for i, p := range pairs {
		if i > 0 {
			b = append(b, '&')
		}
		b = append(b, p.key...)
		b = append(b, '=')
		b = append(b, p.value...)
	}
	return b
}

// queryPairs yields the key and value, still escaped, of every pair of
// rawQuery that url.ParseQuery would keep as far as splitting goes: not
// empty, without a ';'. A pair without '=' has an empty value.
func queryPairs(rawQuery string) func(yield func(key, value string) bool) {
	return func(yield func(key, value string) bool) {
		for rest := rawQuery; rest != ""; {
			var p string
			p, rest, _ = strings.Cut(rest, "&")
			if p == "" || strings.Contains(p, ";") {
				continue
			}
			key, value, _ := strings.Cut(p, "=")
			if !yield(key, value) {
				return
			}
		}
	}
}

// queryHas reports whether rawQuery has a parameter named key (decoded).
func queryHas(rawQuery, key string) bool {
	for k, v := range queryPairs(rawQuery) {
		if k != key {
			var err error
			if k, err = url.QueryUnescape(k); err != nil || k != key {
				continue
			}
		}
		if _, err := url.QueryUnescape(v); err == nil {
			return true
		}
	}
	return false
}

// canonicalQueryComponent decodes an escaped query key or value and encodes
// it again as SigV4 wants: every byte but A-Z a-z 0-9 - _ . ~ as %XX with
// uppercase hex. Most components are already in that form and are returned
// as they are, without allocating.
func canonicalQueryComponent(s string) (string, bool) {
	if isCanonicalQueryComponent(s) {
		return s, true
	}
	decoded, err := url.QueryUnescape(s)
	if err != nil {
		return "", false
	}
	// QueryEscape escapes the same bytes, but writes a space as '+' (and a
	// '+' as %2B, so every '+' left is a space).
	return strings.ReplaceAll(url.QueryEscape(decoded), "+", "%20"), true
}

// isCanonicalQueryComponent reports whether s decodes and re-encodes to itself.
func isCanonicalQueryComponent(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case unreserved(c):
		case c == '%' && i+2 < len(s) && isUpperHex(s[i+1]) && isUpperHex(s[i+2]):
			if unreserved(unhex(s[i+1])<<4 | unhex(s[i+2])) {
				return false // "%41" encodes "A", which must appear as itself
			}
			i += 2
		default:
			return false
		}
	}
	return true
}

// unreserved reports whether c is an RFC 3986 unreserved character, which
// SigV4 never escapes.
func unreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}

func isUpperHex(c byte) bool { return '0' <= c && c <= '9' || 'A' <= c && c <= 'F' }

func unhex(c byte) byte {
	if c <= '9' {
		return c - '0'
	}
	return c - 'A' + 10
}

// appendCanonicalHeaders appends "name:value\n" for every signed header, in
// the order of signedHeaders (which SigV4 sorts).
func appendCanonicalHeaders(b []byte, r *http.Request, signedHeaders string) []byte {
	for names := signedHeaders; names != ""; {
		var name string
		name, names, _ = strings.Cut(names, ";")
		b = append(b, name...)
		b = append(b, ':')
		switch {
		case name == "host":
			host := r.URL.Host
			if r.Host != "" { // a server's request, or a client's that overrides the URL
				host = r.Host
			}
			b = appendTrimmedValue(b, host)
		case name == "content-length" && r.ContentLength > 0:
			// The SDK signs the request's length, set or not in the header.
			b = strconv.AppendInt(b, r.ContentLength, 10)
		default:
			b = appendHeaderValues(b, r.Header, name)
		}
		b = append(b, '\n')
	}
	return b
}

// appendHeaderValues appends the canonical value of the header named by the
// lowercase name: every value, trimmed, joined by commas.
func appendHeaderValues(b []byte, h http.Header, name string) []byte {
	for i, v := range h[canonicalHeaderKey(name)] {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendTrimmedValue(b, v)
	}
	return b
}

// canonicalHeaderKey is textproto's canonical form of a lowercase header
// name, without allocating for the headers the SDK signs.
func canonicalHeaderKey(name string) string {
	switch name {
	case "amz-sdk-invocation-id":
		return "Amz-Sdk-Invocation-Id"
	case "amz-sdk-request":
		return "Amz-Sdk-Request"
	case "content-type":
		return "Content-Type"
	case "content-length":
		return "Content-Length"
	case "x-amz-date":
		return "X-Amz-Date"
	case "x-amz-security-token":
		return "X-Amz-Security-Token"
	case "x-amz-content-sha256":
		return "X-Amz-Content-Sha256"
	}
	return textproto.CanonicalMIMEHeaderKey(name)
}

// appendTrimmedValue appends v without leading and trailing whitespace and
// with runs of spaces collapsed to one, as the SDK's signer canonicalizes
// header values (it leaves a tab inside a value as it is).
func appendTrimmedValue(b []byte, v string) []byte {
	v = strings.TrimSpace(v)
	space := false
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c == ' ' && space {
			continue
		}
		space = c == ' '
		b = append(b, c)
	}
	return b
}
