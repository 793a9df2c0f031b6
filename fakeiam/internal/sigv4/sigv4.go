// Package sigv4 verifies AWS Signature Version 4 on the server side: it reads
// a request's signature from its Authorization header or from the X-Amz-*
// parameters of a presigned URL (Read), refuses what AWS refuses before it
// looks at the key, with AWS's codes and texts (Signature.Check: date format,
// clock skew, signed host, credential scope), and recomputes the signature
// with the key's secret (Signature.Verify). It knows nothing of IAM: the
// caller says which service and region a request must be scoped to.
//
// Canonicalization follows the SDK's signer (aws/signer/v4), which is what
// AWS accepts from every client built on it:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
package sigv4

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

const (
	// Algorithm is the only signing algorithm SigV4 verification accepts.
	Algorithm = "AWS4-HMAC-SHA256"
	// UnsignedPayload is the payload hash of a request whose body is not
	// signed.
	UnsignedPayload = "UNSIGNED-PAYLOAD"
	// EmptyPayloadHash is the payload hash of an empty body.
	EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

	// MaxPresignedExpiry is SigV4's limit on X-Amz-Expires: seven days.
	MaxPresignedExpiry = 7 * 24 * time.Hour

	terminator = "aws4_request"
)

// Form says how a request carries its signature.
type Form uint8

const (
	// Unsigned: no Authorization header and no X-Amz-Signature query
	// parameter. AWS answers MissingAuthenticationToken.
	Unsigned Form = iota
	// Malformed: a signature is there but cannot be read (another scheme, a
	// missing part, two Authorization headers, or both forms).
	Malformed
	// InHeader: a SigV4 Authorization header.
	InHeader
	// Presigned: SigV4 query parameters (a presigned URL).
	Presigned
)

func (f Form) String() string {
	switch f {
	case Unsigned:
		return "unsigned"
	case Malformed:
		return "malformed"
	case InHeader:
		return "in header"
	case Presigned:
		return "presigned"
	}
	return "Form(" + strconv.Itoa(int(f)) + ")"
}

// Signature is what a request says about its SigV4 signature. Its strings
// may slice the request's header: clone what outlives the request.
type Signature struct {
	AccessKeyID   string
	Scope         string // date/region/service/terminator
	Date          string // the scope's date: yyyymmdd
	Region        string // the scope's region
	Service       string // the scope's service
	Terminator    string // the scope's last element: aws4_request
	SignedHeaders string // lowercase names joined by ';', sorted
	Hex           string // the signature as sent: hex

	Presigned bool          // read from the query string, not the Authorization header
	AmzDate   string        // X-Amz-Date (header, or query when presigned): yyyymmddThhmmssZ
	Expires   time.Duration // presigned: X-Amz-Expires; 0 when absent
}

// Read reads the SigV4 signature of r, from its Authorization header or,
// for a presigned URL, from its X-Amz-* query parameters. It checks only that
// the signature can be read (see Signature.Check and Signature.Verify).
func Read(r *http.Request) (Signature, Form) {
	authz := r.Header["Authorization"] // canonical keys: Header.Values without canonicalizing again
	if len(authz) == 1 && authz[0] == "" {
		authz = nil // an empty header is no header
	}
	presigned := queryHas(r.URL.RawQuery, "X-Amz-Signature")
	switch {
	case len(authz) > 1, len(authz) == 1 && presigned:
		return Signature{}, Malformed
	case len(authz) == 1:
		s, ok := parseAuthorization(authz[0])
		if !ok {
			return Signature{}, Malformed
		}
		if d := r.Header["X-Amz-Date"]; len(d) > 0 {
			s.AmzDate = d[0]
		}
		return s, InHeader
	case presigned:
		s, ok := readPresigned(r)
		if !ok {
			return Signature{}, Malformed
		}
		return s, Presigned
	}
	return Signature{}, Unsigned
}

// readPresigned reads the X-Amz-* query parameters of a presigned request.
// Each must appear once; X-Amz-Expires is optional (the SDK's signer does not
// add it), and must be 1 to 604800 seconds when present.
func readPresigned(r *http.Request) (Signature, bool) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return Signature{}, false
	}
	param := func(key string) string { // "" when absent, empty or repeated
		if v := q[key]; len(v) == 1 {
			return v[0]
		}
		return ""
	}
	s := Signature{
		Presigned:     true,
		AmzDate:       param("X-Amz-Date"),
		SignedHeaders: param("X-Amz-SignedHeaders"),
		Hex:           param("X-Amz-Signature"),
	}
	if param("X-Amz-Algorithm") != Algorithm || !parseCredential(&s, param("X-Amz-Credential")) ||
		s.AmzDate == "" || s.SignedHeaders == "" || s.Hex == "" {
		return Signature{}, false
	}
	if _, ok := q["X-Amz-Expires"]; ok {
		secs, err := strconv.ParseInt(param("X-Amz-Expires"), 10, 64)
		if err != nil || secs < 1 || secs > int64(MaxPresignedExpiry/time.Second) {
			return Signature{}, false
		}
		s.Expires = time.Duration(secs) * time.Second
	}
	return s, true
}

// parseAuthorization parses "AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/iam/aws4_request,
// SignedHeaders=host;x-amz-date, Signature=hex". It allocates nothing.
func parseAuthorization(h string) (Signature, bool) {
	var s Signature
	rest, ok := strings.CutPrefix(h, Algorithm+" ")
	if !ok {
		return s, false
	}
	for rest != "" {
		var part string
		part, rest, _ = strings.Cut(rest, ",")
		part = strings.TrimSpace(part)
		key, val, _ := strings.Cut(part, "=")
		switch key {
		case "Credential":
			if !parseCredential(&s, val) {
				return s, false
			}
		case "SignedHeaders":
			s.SignedHeaders = val
		case "Signature":
			s.Hex = val
		}
	}
	ok = s.AccessKeyID != "" && s.Date != "" && s.SignedHeaders != "" && s.Hex != ""
	return s, ok
}

// parseCredential parses "AKID/yyyymmdd/region/service/terminator" into s:
// five elements, the key id and date not empty. Whether the scope is the
// right one is Check's question.
func parseCredential(s *Signature, credential string) bool {
	id, scope, ok := strings.Cut(credential, "/")
	if !ok || id == "" || strings.Count(scope, "/") != 3 {
		return false
	}
	s.AccessKeyID, s.Scope = id, scope
	s.Date, scope, _ = strings.Cut(scope, "/")
	s.Region, scope, _ = strings.Cut(scope, "/")
	s.Service, s.Terminator, _ = strings.Cut(scope, "/")
	return s.Date != ""
}
