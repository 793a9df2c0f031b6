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
func (v *violations) str(member string, s *string, minLen, maxLen int, pattern string, ok func(rune) bool) {
	if s == nil {
		return
	}
	n, allOK := 0, true
	for i := 0; i < len(*s); {
		r, size := rune((*s)[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString((*s)[i:]) // invalid UTF-8: U+FFFD, outside every pattern
		}
		i += size
		n += utf16Len(r)
		if allOK && !ok(r) {
			allOK = false
		}
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

func (v *violations) userName(s *string) {
	v.str("userName", s, 1, 128, patternUserName, isUserNameRune)
}

func (v *violations) marker(s *string) {
	v.str("marker", s, 1, 320, patternMarker, isLatin1Printable)
}

func (v *violations) certificateBody(s *string) {
	v.str("certificateBody", s, 1, 16384, patternBody, isBodyRune)
}

func (v *violations) certificateID(s *string) {
	v.str("certificateId", s, 24, 128, patternCertID, isWordRune)
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

func isUserNameRune(r rune) bool {
	return isWordRune(r) || strings.ContainsRune("+=,.@-", r)
}

func isLatin1Printable(r rune) bool { return r >= 0x20 && r <= 0xFF }

func isBodyRune(r rune) bool { return r == '\t' || r == '\n' || r == '\r' || isLatin1Printable(r) }

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
