package fakeiam

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// IAM's parameter constraints (the service model), checked in the order of the
// members in each request shape. The Go SDK checks only "required"; every
// other constraint reaches IAM and comes back as ValidationError.

const (
	patternUserName = `[\w+=,.@-]+`
	patternMarker   = `[\u0020-\u00FF]+`
	patternBody     = `[\u0009\u000A\u000D\u0020-\u00FF]+`
	patternCertID   = `[\w]+`

	maxItemsDefault = 100
	maxItemsLimit   = 1000
)

// violations collects constraint failures in IAM's wording. The zero value is
// ready and allocates nothing while every check passes.
type violations struct {
	msgs []string
}

func (v *violations) add(member, constraint string) {
	v.msgs = append(v.msgs, "Value at '"+member+"' failed to satisfy constraint: "+constraint)
}

// err is nil when every check passed, else IAM's ValidationError listing all
// failures: "N validation error(s) detected: A; B".
func (v *violations) err() *Error {
	switch len(v.msgs) {
	case 0:
		return nil
	case 1:
		return errValidation("1 validation error detected: " + v.msgs[0])
	}
	return errValidation(strconv.Itoa(len(v.msgs)) + " validation errors detected: " + strings.Join(v.msgs, "; "))
}

// str checks an optional string member: length (in UTF-16 code units, as IAM
// counts) and then pattern. An empty value fails the length check only: the
// pattern adds nothing there (choice, see README).
func (v *violations) str(member string, s *string, minLen, maxLen int, pattern string, allowed *charset) {
	if s == nil {
		return
	}
	str := *s
	// Fast path: the allowed ASCII prefix, usually all of it; eight bytes at
	// a time while they are all printable ASCII (U+0020 to U+007F), which
	// every class but \w allows, and byte by byte across the rest (newlines).
	i := 0
	for i < len(str) {
		if allowed.printableASCII && i+8 <= len(str) {
			w := uint64(str[i]) | uint64(str[i+1])<<8 | uint64(str[i+2])<<16 | uint64(str[i+3])<<24 |
				uint64(str[i+4])<<32 | uint64(str[i+5])<<40 | uint64(str[i+6])<<48 | uint64(str[i+7])<<56
			const ones, highs = 0x0101010101010101, 0x8080808080808080
			if (w|(w-0x20*ones))&highs == 0 { // no byte ≥ 0x80 or < 0x20
				i += 8
				continue
			}
		}
		if c := str[i]; c >= utf8.RuneSelf || !allowed.ascii[c] {
			break
		}
		i++
	}
	n, allOK := i, true
	for i < len(str) {
		c := str[i]
		if c < utf8.RuneSelf { // ASCII: one byte, one code unit
			i++
			n++
			allOK = allOK && allowed.ascii[c]
			continue
		}
		r, size := utf8.DecodeRuneInString(str[i:]) // invalid UTF-8: U+FFFD, outside every pattern
		i += size
		n += utf16Len(r)
		allOK = allOK && allowed.latin1High && r <= 0xFF
	}
	switch {
	case n < minLen:
		v.add(member, "Member must have length greater than or equal to "+strconv.Itoa(minLen))
		if n == 0 {
			return
		}
	case n > maxLen:
		v.add(member, "Member must have length less than or equal to "+strconv.Itoa(maxLen))
	}
	if !allOK {
		v.add(member, "Member must satisfy regular expression pattern: "+pattern)
	}
}

// charset is the set of characters a pattern's character class allows: an
// ASCII table, and whether U+0080 to U+00FF are in. No pattern here allows
// more than Latin-1.
type charset struct {
	ascii          [utf8.RuneSelf]bool
	latin1High     bool
	printableASCII bool // U+0020 to U+007F are all allowed
}

func newCharset(allows func(r rune) bool) *charset {
	cs := &charset{latin1High: allows(0x80) && allows(0xFF), printableASCII: true}
	for r := range rune(utf8.RuneSelf) {
		cs.ascii[r] = allows(r)
		if r >= 0x20 && !cs.ascii[r] {
			cs.printableASCII = false
		}
	}
	return cs
}

// The character classes of IAM's patterns, built once and never changed.
var (
	userNameChars = newCharset(func(r rune) bool { return isWordRune(r) || strings.ContainsRune("+=,.@-", r) })
	markerChars   = newCharset(isLatin1Printable)
	bodyChars     = newCharset(func(r rune) bool { return r == '\t' || r == '\n' || r == '\r' || isLatin1Printable(r) })
	wordChars     = newCharset(isWordRune)
)

func (v *violations) userName(s *string) {
	v.str("userName", s, 1, 128, patternUserName, userNameChars)
}

func (v *violations) marker(s *string) {
	v.str("marker", s, 1, 320, patternMarker, markerChars)
}

func (v *violations) certificateBody(s *string) {
	v.str("certificateBody", s, 1, 16384, patternBody, bodyChars)
}

func (v *violations) certificateID(s *string) {
	v.str("certificateId", s, 24, 128, patternCertID, wordChars)
}

func (v *violations) maxItems(n *int32) {
	switch {
	case n == nil:
	case *n < 1:
		v.add("maxItems", "Member must have value greater than or equal to 1")
	case *n > maxItemsLimit:
		v.add("maxItems", "Member must have value less than or equal to 1000")
	}
}

// status checks the statusType enum. Expired is a member of the enum (IAM
// refuses it later, with InvalidInput).
func (v *violations) status(s string) {
	switch s {
	case "Active", "Inactive", "Expired":
	default:
		v.add("status", "Member must satisfy enum value set: [Active, Inactive, Expired]")
	}
}

func utf16Len(r rune) int {
	if r >= 0x10000 && r <= utf8.MaxRune {
		return 2
	}
	return 1
}

// isWordRune is Java's \w: ASCII letters, digits and underscore.
func isWordRune(r rune) bool {
	return r == '_' || ('0' <= r && r <= '9') || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
}

func isLatin1Printable(r rune) bool { return r >= 0x20 && r <= 0xFF }

// validUserName reports whether IAM accepts name as a user name; seeding uses it.
func validUserName(name string) bool {
	var v violations
	v.userName(&name)
	return len(v.msgs) == 0
}

// validCertificateID reports whether IAM accepts id as a certificate id.
func validCertificateID(id string) bool {
	var v violations
	v.certificateID(&id)
	return len(v.msgs) == 0
}
