package sigv4

import (
	"cmp"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"net/http"
	"net/textproto"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/aws/smithy-go/encoding/httpbinding"
)

// PayloadHash is the SigV4 payload hash of a request body: hex SHA-256.
func PayloadHash(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// Verify recomputes the signature of r with secret and reports whether it is
// the one s carries; s comes from Read(r). bodyHash is PayloadHash of the
// body r carries (on a server, of the body received; in a client, the hash
// its signer computed of the body it sends).
//
// The signature must cover what the server executes: it is recomputed over
// bodyHash, whatever hash the request states in X-Amz-Content-Sha256 (a
// stated hash counts only as a signed header, when it is one). A signature
// over UNSIGNED-PAYLOAD (S3's presigners) is accepted only when the body is
// empty, so no parameter of an unsigned body is ever executed.
//
// cache holds the derived signing key of the access key, for the last scope
// it signed.
func (s Signature) Verify(r *http.Request, secret, bodyHash string, cache *KeyCache) bool {
	if s.matches(r, secret, bodyHash, cache) {
		return true
	}
	return bodyHash == EmptyPayloadHash && s.matches(r, secret, UnsignedPayload, cache)
}

// matches computes the signature of r over payloadHash and compares it with
// s.Hex.
func (s Signature) matches(r *http.Request, secret, payloadHash string, cache *KeyCache) bool {
	var stack [1024]byte // the canonical request of an IAM call fits
	canonicalHash := sha256.Sum256(appendCanonicalRequest(stack[:0], r, s, payloadHash))

	// crypto/hmac reads the string to sign through an interface, which
	// would put it on the heap: it is built in the pooled HMAC state's own
	// buffer.
	key := cache.signingKey(secret, s)
	st := key.state()
	b := append(st.buf[:0], Algorithm+"\n"...)
	b = append(b, s.AmzDate...)
	b = append(b, '\n')
	b = append(b, s.Scope...)
	b = append(b, '\n')
	b = hex.AppendEncode(b, canonicalHash[:])
	st.buf = b
	st.mac.Write(b)
	var want [2 * sha256.Size]byte
	hex.Encode(want[:], st.mac.Sum(st.sum[:0]))
	key.release(st)
	return hmac.Equal(want[:], []byte(s.Hex))
}

// KeyCache holds the SigV4 signing key one access key derived last, for the
// scope it signed: the steady state of a test's calls derives it once a day.
// The zero value is empty and ready; it is safe for concurrent use.
type KeyCache struct {
	last atomic.Pointer[derivedKey]
}

// derivedKey is a signing key for one secret and scope. Its key is not
// modified once stored.
type derivedKey struct {
	scope  string
	secret string
	key    [sha256.Size]byte
	// macs holds HMAC-SHA256 states keyed with key, for reuse: hmac.New
	// allocates its two SHA-256 states and pads per call (7 allocations,
	// 656 bytes), a Reset restores the keyed state without any.
	macs sync.Pool // of *macState
}

// macState is an HMAC-SHA256 state keyed with a signing key, with room for
// the string to sign and the sum.
type macState struct {
	mac hash.Hash
	buf []byte
	sum [sha256.Size]byte
}

// state returns an HMAC state keyed with the signing key, reset, for one
// signature; release gives it back.
func (d *derivedKey) state() *macState {
	if st, ok := d.macs.Get().(*macState); ok {
		st.mac.Reset()
		return st
	}
	return &macState{mac: hmac.New(sha256.New, d.key[:]), buf: make([]byte, 0, 128)}
}

func (d *derivedKey) release(st *macState) { d.macs.Put(st) }

// signingKey derives the SigV4 signing key of secret for s's scope, or takes
// it from the cache. The key it returns is shared: not to be modified.
func (c *KeyCache) signingKey(secret string, s Signature) *derivedKey {
	if d := c.last.Load(); d != nil && d.scope == s.Scope && d.secret == secret {
		return d
	}
	kDate := hmacSHA256([]byte("AWS4"+secret), []byte(s.Date))
	kRegion := hmacSHA256(kDate, []byte(s.Region))
	kService := hmacSHA256(kRegion, []byte(s.Service))
	d := &derivedKey{scope: strings.Clone(s.Scope), secret: secret}
	copy(d.key[:], hmacSHA256(kService, []byte(terminator)))
	c.last.Store(d)
	return d
}
func hmacSHA256(key, data []byte) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write(data)
	return mac.Sum(nil)
}

// appendCanonicalRequest appends SigV4's canonical request:
//
//	method \n uri \n query \n header lines, each ending in \n \n signed headers \n payload hash
func appendCanonicalRequest(b []byte, r *http.Request, s Signature, payloadHash string) []byte {
	b = append(b, r.Method...)
	b = append(b, '\n')
	b = appendCanonicalURI(b, r.URL)
	b = append(b, '\n')
	b = appendCanonicalQuery(b, r.URL.RawQuery, s.Presigned)
	b = append(b, '\n')
	b = appendCanonicalHeaders(b, r, s.SignedHeaders)
	b = append(b, '\n')
	b = append(b, s.SignedHeaders...)
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
