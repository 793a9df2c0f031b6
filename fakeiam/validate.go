package fakeiam

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// IAM's parameter constraints (the service model), checked in the order of the
// members in each request shape. The Go SDK checks only "required"; every
// other constraint reaches IAM and comes back as ValidationError.

const (
	patternUserName   = `[\w+=,.@-]+`
	patternMarker     = `[\u0020-\u00FF]+`
	patternBody       = `[\u0009\u000A\u000D\u0020-\u00FF]+`
	patternWord       = `[\w]+` // certificateId, accessKeyId
	patternPath       = `(\u002F)|(\u002F[\u0021-\u007E]+\u002F)`
	patternPathPrefix = `\u002F[\u0021-\u007F]*`
	patternTagKey     = `[\p{L}\p{Z}\p{N}_.:/=+\-@]+`
	patternTagValue   = `[\p{L}\p{Z}\p{N}_.:/=+\-@]*`

	maxItemsDefault = 100
	maxItemsLimit   = 1000
	maxTags         = 50
)

// IAM's own texts for some pattern failures, after "The specified value for
// <member>" (IAM-SPEC.md "Parameters"). IAM's recorded texts name userName and
// path; for newUserName, newPath and pathPrefix the text names the member
// itself (choice). pathPrefix keeps "and end with /" although its pattern
// does not require it: the text is IAM's, not derived from the pattern.
const (
	customUserName = " is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-"
	customPath     = " is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters."
)

// violations collects constraint failures in IAM's wording, in the member
// order of the caller's checks (the model's order). The zero value is ready
// and allocates nothing while every check passes.
//
// Two kinds of failure, and how they combine (choice: IAM-SPEC.md leaves it
// open). Standard failures (lengths, ranges, enums, model patterns without a
// text of their own) are listed together in "N validation error(s)
// detected: A; B". A pattern failure with IAM's own text (userName, path and
// their kin) is a whole message by itself, and is reported only when there is
// no standard failure: then the first one in member order is the message and
// any later ones are dropped. This fits IAM checking the model's constraints
// before the operation's own checks, which have the custom texts.
type violations struct {
	msgs   []string // standard failures
	custom string   // the first custom-text failure, or ""
}

func (v *violations) add(member, constraint string) {
	v.msgs = append(v.msgs, "Value at '"+member+"' failed to satisfy constraint: "+constraint)
}

// missing reports a required member the request left out, in IAM's words.
func (v *violations) missing(member string) {
	v.msgs = append(v.msgs, "Value null at '"+member+"' failed to satisfy constraint: Member must not be null")
}

// required reports member missing when p is nil: the SDKs refuse to send
// such a request, but a client may skip their checks, and a handler must not
// dereference what is not there.
func required[T any](v *violations, member string, p *T) {
	if p == nil {
		v.missing(member)
	}
}

func (v *violations) addCustom(msg string) {
	if v.custom == "" {
		v.custom = msg
	}
}

// err is nil when every check passed, else IAM's ValidationError: the
// standard failures if any, else the first custom-text one (see violations).
func (v *violations) err() *Error {
	switch len(v.msgs) {
	case 0:
		if v.custom != "" {
			return errValidation(v.custom)
		}
		return nil
	case 1:
		return errValidation("1 validation error detected: " + v.msgs[0])
	}
	return errValidation(strconv.Itoa(len(v.msgs)) + " validation errors detected: " + strings.Join(v.msgs, "; "))
}

// ok reports whether every check passed.
func (v *violations) ok() bool { return len(v.msgs) == 0 && v.custom == "" }

// strRule is a string member's model constraint: a length range, and a
// pattern that is a character class every character must be in, plus for
// paths a condition on the whole value (the slashes).
type strRule struct {
	minLen, maxLen int             // in UTF-16 code units, as IAM (Java) counts
	pattern        string          // the model's pattern, as IAM prints it
	class          func(rune) bool // the pattern's character class
	whole          func(string) bool
	custom         string // IAM's own text for a pattern failure (see customUserName), or ""

	ascii [utf8.RuneSelf]bool // class on ASCII, tabulated by newRule
}

func newRule(r strRule) *strRule {
	for c := range rune(utf8.RuneSelf) {
		r.ascii[c] = r.class(c)
	}
	return &r
}

var (
	ruleUserName       = newRule(strRule{minLen: 1, maxLen: 128, pattern: patternUserName, class: isUserNameRune, custom: customUserName})
	ruleCreateUserName = newRule(strRule{minLen: 1, maxLen: 64, pattern: patternUserName, class: isUserNameRune, custom: customUserName})
	rulePath           = newRule(strRule{minLen: 1, maxLen: 512, pattern: patternPath, class: isPathRune, whole: isSlashed, custom: customPath})
	rulePathPrefix     = newRule(strRule{minLen: 1, maxLen: 512, pattern: patternPathPrefix, class: isPathPrefixRune, whole: startsWithSlash, custom: customPath})
	ruleAccessKeyID    = newRule(strRule{minLen: 16, maxLen: 128, pattern: patternWord, class: isWordRune})
	ruleMarker         = newRule(strRule{minLen: 1, maxLen: 320, pattern: patternMarker, class: isLatin1Printable})
	ruleBody           = newRule(strRule{minLen: 1, maxLen: 16384, pattern: patternBody, class: isBodyRune})
	ruleCertificateID  = newRule(strRule{minLen: 24, maxLen: 128, pattern: patternWord, class: isWordRune})
	ruleTagKey         = newRule(strRule{minLen: 1, maxLen: 128, pattern: patternTagKey, class: isTagRune})
	ruleTagValue       = newRule(strRule{minLen: 0, maxLen: 256, pattern: patternTagValue, class: isTagRune})
)

// str checks an optional string member: length and then pattern. An empty
// value fails the length check only: the pattern adds nothing there (choice,
// see README). Invalid UTF-8 counts as U+FFFD per bad byte, which no class
// allows.
func (v *violations) str(member string, s *string, r *strRule) {
	if s == nil {
		return
	}
	// The allowed ASCII prefix, usually the whole value, byte by byte (one
	// code unit each) through the class's table; the rest rune by rune. The
	// table alone keeps a 1.5 KB body near 1 µs instead of several.
	i := 0
	for i < len(*s) && (*s)[i] < utf8.RuneSelf && r.ascii[(*s)[i]] {
		i++
	}
	n, inClass := i, true
	for _, c := range (*s)[i:] {
		n += utf16.RuneLen(c)
		inClass = inClass && r.class(c)
	}
	v.report(member, *s, n, inClass, r)
}

// report adds what s, of n UTF-16 code units, fails of r; inClass says
// whether every character is in r's class.
func (v *violations) report(member, s string, n int, inClass bool, r *strRule) {
	switch {
	case n < r.minLen:
		v.add(member, "Member must have length greater than or equal to "+strconv.Itoa(r.minLen))
		if n == 0 {
			return
		}
	case n > r.maxLen:
		v.add(member, "Member must have length less than or equal to "+strconv.Itoa(r.maxLen))
	}
	if inClass && (r.whole == nil || r.whole(s)) {
		return
	}
	if r.custom != "" {
		v.addCustom("The specified value for " + member + r.custom)
		return
	}
	v.add(member, "Member must satisfy regular expression pattern: "+r.pattern)
}

// userName is UserName of every operation but user creation (userNameType is
// 1..64 there: createUserName).
func (v *violations) userName(s *string)       { v.str("userName", s, ruleUserName) }
func (v *violations) createUserName(s *string) { v.str("userName", s, ruleCreateUserName) }
func (v *violations) newUserName(s *string)    { v.str("newUserName", s, ruleCreateUserName) }
func (v *violations) path(s *string)           { v.str("path", s, rulePath) }
func (v *violations) newPath(s *string)        { v.str("newPath", s, rulePath) }
func (v *violations) pathPrefix(s *string)     { v.str("pathPrefix", s, rulePathPrefix) }
func (v *violations) accessKeyID(s *string)    { v.str("accessKeyId", s, ruleAccessKeyID) }
func (v *violations) marker(s *string)         { v.str("marker", s, ruleMarker) }
func (v *violations) certificateBody(s *string) {
	v.str("certificateBody", s, ruleBody)
}

// plainCertificateBody checks a body that plainPEM decoded: every byte of
// it is then a PEM space, base64 or a BEGIN/END line, all ASCII in the
// body's class, so only its length can fail; the character scan would cost
// ~0.4 µs of an upload's ~12 µs (BenchmarkPairedRatios/upload).
// TestPlainPEMIsInBodyClass and FuzzCheckCertificateBody hold it to that.
func (v *violations) plainCertificateBody(s string) {
	v.report("certificateBody", s, len(s), true, ruleBody)
}
func (v *violations) certificateID(s *string) { v.str("certificateId", s, ruleCertificateID) }

func (v *violations) maxItems(n *int32) {
	switch {
	case n == nil:
	case *n < 1:
		v.add("maxItems", "Member must have value greater than or equal to 1")
	case *n > maxItemsLimit:
		v.add("maxItems", "Member must have value less than or equal to 1000")
	}
}

// status checks the statusType enum, shared by signing certificates and
// access keys. Expired is a member of the enum (IAM refuses it later, with
// InvalidInput). IAM does not list the allowed values in the text.
func (v *violations) status(s string) {
	switch s {
	case "Active", "Inactive", "Expired":
	default:
		v.add("status", "Member must satisfy enum value set")
	}
}

// tags checks a tag list: at most 50 tags, then each tag's key and value in
// list order. Members are named as IAM names them, 1-based:
// "tags.1.member.key", "tags.1.member.value". A nil Key or Value (required in
// the model) is the SDK's to refuse and is skipped here.
func (v *violations) tags(tags []types.Tag) {
	if len(tags) > maxTags {
		v.add("tags", "Member must have length less than or equal to "+strconv.Itoa(maxTags))
	}
	for i, t := range tags {
		prefix := "tags." + strconv.Itoa(i+1) + ".member."
		v.str(prefix+"key", t.Key, ruleTagKey)
		v.str(prefix+"value", t.Value, ruleTagValue)
	}
}

// The character classes of IAM's patterns, as Java reads them: \w is ASCII
// letters, digits and underscore; \p{L}, \p{Z} and \p{N} are Unicode
// categories.

func isWordRune(r rune) bool {
	return r == '_' || ('0' <= r && r <= '9') || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
}

func isUserNameRune(r rune) bool { return isWordRune(r) || strings.ContainsRune("+=,.@-", r) }

func isLatin1Printable(r rune) bool { return r >= 0x20 && r <= 0xFF }

func isBodyRune(r rune) bool { return r == '\t' || r == '\n' || r == '\r' || isLatin1Printable(r) }

func isPathRune(r rune) bool { return r >= 0x21 && r <= 0x7E }

func isPathPrefixRune(r rune) bool { return r >= 0x21 && r <= 0x7F }

func isTagRune(r rune) bool {
	return unicode.In(r, unicode.L, unicode.Z, unicode.N) || strings.ContainsRune("_.:/=+-@", r)
}

// isSlashed is the rest of patternPath for a value of isPathRune characters:
// "/" alone, or at least one character between two slashes ("//" fails).
func isSlashed(s string) bool {
	return s == "/" || (len(s) >= 3 && s[0] == '/' && s[len(s)-1] == '/')
}

func startsWithSlash(s string) bool { return strings.HasPrefix(s, "/") }

// validUserName reports whether IAM accepts name as a user name; seeding uses it.
func validUserName(name string) bool {
	var v violations
	v.userName(&name)
	return v.ok()
}

// validCertificateID reports whether IAM accepts id as a certificate id.
func validCertificateID(id string) bool {
	var v violations
	v.certificateID(&id)
	return v.ok()
}
