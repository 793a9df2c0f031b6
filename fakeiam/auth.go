package fakeiam

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"

	"github.com/aws/smithy-go/encoding/httpbinding"
)

// The caller of a request is the owner of the access key that signed it, read
// from the SigV4 Authorization header after the SDK signed the request, as
// IAM reads it. The signature is checked against the key's secret, so a
// client with the wrong secret gets SignatureDoesNotMatch as from IAM.

const sigV4Algorithm = "AWS4-HMAC-SHA256"

// sigV4Auth is a parsed Authorization header.
type sigV4Auth struct {
	accessKeyID   string
	scope         string // date/region/service/aws4_request
	date          string // yyyymmdd
	region        string
	service       string
	signedHeaders string // lowercase names joined by ';', sorted
	signature     string // hex
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
			id, scope, ok := strings.Cut(val, "/")
			if !ok {
				return a, false
			}
			a.accessKeyID, a.scope = id, scope
			a.date, scope, _ = strings.Cut(scope, "/")
			a.region, scope, _ = strings.Cut(scope, "/")
			a.service, scope, _ = strings.Cut(scope, "/")
			if scope != "aws4_request" {
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

// derivedKey caches the SigV4 signing key of one access key for one scope.
type derivedKey struct {
	scope string
	key   [32]byte
}

// verifySigV4 recomputes the request's signature with secret and compares it
// with the one in the header. payloadHash is the hash the SDK signed (hex).
func verifySigV4(req *http.Request, a sigV4Auth, secret, payloadHash string, k *accessKey) bool {
	var stack [2048]byte
	b := append(stack[:0], req.Method...)
	b = append(b, '\n')
	b = append(b, canonicalURI(req.URL)...)
	b = append(b, '\n')
	if req.URL.RawQuery != "" {
		b = append(b, strings.ReplaceAll(req.URL.Query().Encode(), "+", "%20")...)
	}
	b = append(b, '\n')
	for names := a.signedHeaders; names != ""; {
		var name string
		name, names, _ = strings.Cut(names, ";")
		b = append(b, name...)
		b = append(b, ':')
		switch name {
		case "host":
			host := req.URL.Host
			if req.Host != "" {
				host = req.Host
			}
			b = appendTrimmedValue(b, host)
		case "content-length":
			if req.ContentLength > 0 {
				b = strconv.AppendInt(b, req.ContentLength, 10)
				break
			}
			b = appendHeaderValues(b, req.Header, name)
		default:
			b = appendHeaderValues(b, req.Header, name)
		}
		b = append(b, '\n')
	}
	b = append(b, '\n')
	b = append(b, a.signedHeaders...)
	b = append(b, '\n')
	b = append(b, payloadHash...)
	canonicalHash := sha256.Sum256(b)

	amzDate := req.Header.Get("X-Amz-Date")
	s := append(stack[:0], sigV4Algorithm+"\n"...)
	s = append(s, amzDate...)
	s = append(s, '\n')
	s = append(s, a.scope...)
	s = append(s, '\n')
	s = hex.AppendEncode(s, canonicalHash[:])

	key := signingKey(k, secret, a)
	sig := hmacSHA256(key[:], s)
	var hexSig [64]byte
	hex.Encode(hexSig[:], sig[:])
	return string(hexSig[:]) == a.signature
}

// signingKey derives (or takes from the key's cache) the SigV4 signing key.
func signingKey(k *accessKey, secret string, a sigV4Auth) [32]byte {
	if d := k.derived.Load(); d != nil && d.scope == a.scope {
		return d.key
	}
	kDate := hmacSHA256([]byte("AWS4"+secret), []byte(a.date))
	kRegion := hmacSHA256(kDate[:], []byte(a.region))
	kService := hmacSHA256(kRegion[:], []byte(a.service))
	kSigning := hmacSHA256(kService[:], []byte("aws4_request"))
	k.derived.Store(&derivedKey{scope: a.scope, key: kSigning})
	return kSigning
}

// hmacSHA256 is HMAC-SHA256 on stack buffers (crypto/hmac allocates per use).
func hmacSHA256(key, msg []byte) [32]byte {
	const block = 64
	var k [block]byte
	if len(key) > block {
		sum := sha256.Sum256(key)
		copy(k[:], sum[:])
	} else {
		copy(k[:], key)
	}
	var stack [512]byte
	in := stack[:0]
	for _, c := range k {
		in = append(in, c^0x36)
	}
	in = append(in, msg...)
	inner := sha256.Sum256(in)
	out := stack[:0]
	for _, c := range k {
		out = append(out, c^0x5c)
	}
	out = append(out, inner[:]...)
	return sha256.Sum256(out)
}

func canonicalURI(u *url.URL) string {
	p := u.Opaque
	if p == "" {
		p = u.EscapedPath()
	}
	if p == "" {
		return "/"
	}
	for i := 0; i < len(p); i++ {
		if c := p[i]; !(c == '/' || c == '-' || c == '_' || c == '.' || c == '~' ||
			('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')) {
			return httpbinding.EscapePath(p, false)
		}
	}
	return p // nothing to escape: IAM's "/" and most custom endpoints
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

// appendTrimmedValue appends v without leading and trailing spaces and with
// runs of spaces collapsed to one, as SigV4 canonicalizes header values.
func appendTrimmedValue(b []byte, v string) []byte {
	v = strings.TrimSpace(v)
	space := false
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c == ' ' {
			if space {
				continue
			}
			space = true
		} else {
			space = false
		}
		b = append(b, c)
	}
	return b
}
