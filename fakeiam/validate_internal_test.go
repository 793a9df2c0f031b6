package fakeiam

import (
	"context"
	"encoding/pem"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam/internal/iammodel"
)

// The model's checks of the members the fake's operations take, one by
// one, as the validator runs them for an operation's input.

func memberOf(t testing.TB, op Operation, member string) *memberCheck {
	for i, c := range lookupOperation(op).check.members {
		if c.member == member {
			return &lookupOperation(op).check.members[i]
		}
	}
	t.Fatalf("%s has no member %s", op, member)
	return nil
}

func checkString(op Operation, member string) func(*violations, *string) {
	return func(v *violations, s *string) {
		if s != nil {
			v.str(member, *s, memberOf(nil, op, member).str)
		}
	}
}

func checkUserName(v *violations, s *string)       { checkString(GetUser, "userName")(v, s) }
func checkCreateUserName(v *violations, s *string) { checkString(CreateUser, "userName")(v, s) }
func checkNewUserName(v *violations, s *string)    { checkString(UpdateUser, "newUserName")(v, s) }
func checkPath(v *violations, s *string)           { checkString(CreateUser, "path")(v, s) }
func checkNewPath(v *violations, s *string)        { checkString(UpdateUser, "newPath")(v, s) }
func checkPathPrefix(v *violations, s *string)     { checkString(ListUsers, "pathPrefix")(v, s) }
func checkAccessKeyID(v *violations, s *string)    { checkString(UpdateAccessKey, "accessKeyId")(v, s) }
func checkCertificateID(v *violations, s *string) {
	checkString(UpdateSigningCertificate, "certificateId")(v, s)
}
func checkMarker(v *violations, s *string) { checkString(ListUsers, "marker")(v, s) }
func checkBodyMember(v *violations, s *string) {
	checkString(UploadSigningCertificate, "certificateBody")(v, s)
}
func checkStatus(v *violations, s string) {
	st := types.StatusType(s)
	v.value(reflect.ValueOf(st), "status", memberOf(nil, UpdateAccessKey, "status"))
}
func checkMaxItems(v *violations, n *int32) {
	if n != nil {
		v.value(reflect.ValueOf(*n), "maxItems", memberOf(nil, ListUsers, "maxItems"))
	}
}
func checkTags(v *violations, tags []types.Tag) {
	v.value(reflect.ValueOf(tags), "tags", memberOf(nil, CreateUser, "tags"))
}

// Expected texts, written from docs/contract.md "Parameters" and "Users and
// access keys", independently of validate.go.

const (
	textUserName    = "The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-"
	textNewUserName = "The specified value for newUserName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-"
	textPath        = "The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters."
	textNewPath     = "The specified value for newPath is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters."
	textPathPrefix  = "The specified value for pathPrefix is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters."
)

// fail is one standard failure: "Value at 'member' failed to satisfy
// constraint: phrase".
func fail(member, phrase string) string {
	return "Value at '" + member + "' failed to satisfy constraint: " + phrase
}

func minLen(n int) string {
	return "Member must have length greater than or equal to " + strconv.Itoa(n)
}
func maxLen(n int) string { return "Member must have length less than or equal to " + strconv.Itoa(n) }
func pattern(p string) string {
	return "Member must satisfy regular expression pattern: " + p
}

// detected is the message listing standard failures.
func detected(fails ...string) string {
	if len(fails) == 1 {
		return "1 validation error detected: " + fails[0]
	}
	return strconv.Itoa(len(fails)) + " validation errors detected: " + strings.Join(fails, "; ")
}

// message runs checks on one violations and returns its error message, ""
// when every check passed, after checking the error's code and status.
func message(t *testing.T, checks ...func(*violations)) string {
	t.Helper()
	var v violations
	for _, c := range checks {
		c(&v)
	}
	err := v.err()
	if err == nil {
		if !v.ok() {
			t.Error("err is nil but ok is false")
		}
		return ""
	}
	if err.Code != "ValidationError" || err.Status != 400 {
		t.Errorf("got %s %d, want ValidationError 400", err.Code, err.Status)
	}
	if v.ok() {
		t.Error("err is set but ok is true")
	}
	return err.Message
}

type strCase struct {
	name string
	in   *string
	want string
}

func repeat(s string, n int) *string { return aws.String(strings.Repeat(s, n)) }

const astral = "\U0001D400" // MATHEMATICAL BOLD CAPITAL A: a letter (Lu), two UTF-16 code units

func TestStringConstraints(t *testing.T) {
	userName := []strCase{
		{"nil", nil, ""},
		{"length 0", aws.String(""), detected(fail("userName", minLen(1)))},
		{"length 1", aws.String("a"), ""},
		{"length 128", repeat("a", 128), ""},
		{"length 129", repeat("a", 129), detected(fail("userName", maxLen(128)))},
		{"every allowed character", aws.String("azAZ09_+=,.@-"), ""},
		{"space", aws.String("bad name"), textUserName},
		{"slash", aws.String("Bob/Alice"), textUserName},
		{"Latin-1 letter", aws.String("Bjørn"), textUserName},
		{"beyond Latin-1", aws.String("Ā"), textUserName},
		{"invalid UTF-8", aws.String("a\xff"), textUserName},
		{"64 astral characters: 128 code units, pattern only", repeat(astral, 64), textUserName},
		{"65 astral characters: 130 code units", repeat(astral, 65), detected(fail("userName", maxLen(128)))},
		{"length 129 and pattern: the length alone", aws.String(strings.Repeat("a", 128) + "!"), detected(fail("userName", maxLen(128)))},
	}
	createUserName := []strCase{
		{"nil", nil, ""},
		{"length 0", aws.String(""), detected(fail("userName", minLen(1)))},
		{"length 1", aws.String("a"), ""},
		{"length 64", repeat("a", 64), ""},
		{"length 65", repeat("a", 65), detected(fail("userName", maxLen(64)))},
		{"32 astral characters", repeat(astral, 32), textUserName},
		{"33 astral characters", repeat(astral, 33), detected(fail("userName", maxLen(64)))},
		{"pattern", aws.String("a b"), textUserName},
	}
	newUserName := []strCase{
		{"nil", nil, ""},
		{"length 0", aws.String(""), detected(fail("newUserName", minLen(1)))},
		{"length 1", aws.String("a"), ""},
		{"length 64", repeat("a", 64), ""},
		{"length 65", repeat("a", 65), detected(fail("newUserName", maxLen(64)))},
		{"length 65 and pattern", aws.String(strings.Repeat("a", 64) + " "), detected(fail("newUserName", maxLen(64)))},
		{"pattern", aws.String("a*b"), textNewUserName},
	}
	path := func(member, text string) []strCase {
		return []strCase{
			{"nil", nil, ""},
			{"length 0", aws.String(""), detected(fail(member, minLen(1)))},
			{"length 1: /", aws.String("/"), ""},
			{"length 1: not /", aws.String("a"), text},
			{"// has nothing between the slashes", aws.String("//"), text},
			{"///", aws.String("///"), ""},
			{"/a/", aws.String("/a/"), ""},
			{"every printable ASCII character", aws.String("/!~ab/09/"), ""},
			{"no leading slash", aws.String("a/"), text},
			{"no trailing slash", aws.String("/a"), text},
			{"space", aws.String("/a b/"), text},
			{"DEL", aws.String("/\x7f/"), text},
			{"Latin-1", aws.String("/é/"), text},
			{"invalid UTF-8", aws.String("/\xff/"), text},
			{"length 512", aws.String("/" + strings.Repeat("a", 510) + "/"), ""},
			{"length 513", aws.String("/" + strings.Repeat("a", 511) + "/"), detected(fail(member, maxLen(512)))},
			{"length 513 and pattern", repeat("a", 513), detected(fail(member, maxLen(512)))},
			{"256 astral characters between slashes: 514 code units", aws.String("/" + strings.Repeat(astral, 256) + "/"), detected(fail(member, maxLen(512)))},
		}
	}
	pathPrefix := []strCase{
		{"nil", nil, ""},
		{"length 0", aws.String(""), detected(fail("pathPrefix", minLen(1)))},
		{"length 1: /", aws.String("/"), ""},
		{"length 1: not /", aws.String("a"), textPathPrefix},
		{"no trailing slash needed", aws.String("/division_abc"), ""},
		{"DEL is in", aws.String("/\x7f"), ""},
		{"U+0080 is out", aws.String("/\u0080"), textPathPrefix},
		{"space", aws.String("/ "), textPathPrefix},
		{"no leading slash", aws.String("a/"), textPathPrefix},
		{"length 512", aws.String("/" + strings.Repeat("a", 511)), ""},
		{"length 513", aws.String("/" + strings.Repeat("a", 512)), detected(fail("pathPrefix", maxLen(512)))},
	}
	accessKeyID := []strCase{
		{"nil", nil, ""},
		{"length 0", aws.String(""), detected(fail("accessKeyId", minLen(16)))},
		{"length 15", repeat("A", 15), detected(fail("accessKeyId", minLen(16)))},
		{"length 16", repeat("A", 16), ""},
		{"length 128", repeat("A", 128), ""},
		{"length 129", repeat("A", 129), detected(fail("accessKeyId", maxLen(128)))},
		{"lower case and underscore", aws.String("akia_lower_case_0"), ""},
		{"dash", aws.String("AKIA-EXAMPLE-EXAMPLE"), detected(fail("accessKeyId", pattern(`[\w]+`)))},
		{"short and dash", aws.String("AKIA-"), detected(fail("accessKeyId", minLen(16)), fail("accessKeyId", pattern(`[\w]+`)))},
		{"Latin-1 letter", aws.String("AKIAEXAMPLEEXAMPLÉ"), detected(fail("accessKeyId", pattern(`[\w]+`)))},
	}
	certificateID := []strCase{
		{"nil", nil, ""},
		{"length 23", repeat("A", 23), detected(fail("certificateId", minLen(24)))},
		{"length 24", repeat("A", 24), ""},
		{"length 128", repeat("A", 128), ""},
		{"length 129", repeat("A", 129), detected(fail("certificateId", maxLen(128)))},
		{"dash", aws.String(strings.Repeat("A", 23) + "-"), detected(fail("certificateId", pattern(`[\w]+`)))},
	}
	markerPattern := fail("marker", pattern(`[\u0020-\u00FF]+`))
	marker := []strCase{
		{"nil", nil, ""},
		{"length 0", aws.String(""), detected(fail("marker", minLen(1)))},
		{"length 1", aws.String(" "), ""},
		{"length 320 of U+00FF", repeat("\u00ff", 320), ""},
		{"length 321", repeat("A", 321), detected(fail("marker", maxLen(320)))},
		{"U+0100", aws.String("\u0100"), detected(markerPattern)},
		{"newline", aws.String("abc\n"), detected(markerPattern)},
		{"invalid UTF-8", aws.String("\xff"), detected(markerPattern)},
		{"321 invalid bytes count one each", repeat("\xff", 321), detected(fail("marker", maxLen(320)), markerPattern)},
		{"160 astral characters: 320 code units", repeat(astral, 160), detected(markerPattern)},
		{"161 astral characters: 322 code units", repeat(astral, 161), detected(fail("marker", maxLen(320)), markerPattern)},
	}
	bodyPattern := fail("certificateBody", pattern(`[\u0009\u000A\u000D\u0020-\u00FF]+`))
	body := []strCase{
		{"nil", nil, ""},
		{"length 0", aws.String(""), detected(fail("certificateBody", minLen(1)))},
		{"length 1", aws.String("A"), ""},
		{"tab, LF, CR", aws.String("\t\n\r"), ""},
		{"length 16384 of Latin-1", repeat("é", 16384), ""},
		{"length 16385", repeat("A", 16385), detected(fail("certificateBody", maxLen(16384)))},
		{"U+0001", aws.String("ab\x01"), detected(bodyPattern)},
		{"vertical tab", aws.String("ab\v"), detected(bodyPattern)},
		{"U+0100 after a long ASCII run", aws.String(strings.Repeat("A", 100) + "\u0100"), detected(bodyPattern)},
		{"invalid UTF-8", aws.String("\xff"), detected(bodyPattern)},
		{"length 16385 and U+0001", aws.String(strings.Repeat("A", 16384) + "\x01"), detected(fail("certificateBody", maxLen(16384)), bodyPattern)},
		{"a PEM body", aws.String(benchBody()), ""},
	}
	members := []struct {
		name  string
		check func(*violations, *string)
		cases []strCase
	}{
		{"userName", checkUserName, userName},
		{"createUserName", checkCreateUserName, createUserName},
		{"newUserName", checkNewUserName, newUserName},
		{"path", checkPath, path("path", textPath)},
		{"newPath", checkNewPath, path("newPath", textNewPath)},
		{"pathPrefix", checkPathPrefix, pathPrefix},
		{"accessKeyId", checkAccessKeyID, accessKeyID},
		{"certificateId", checkCertificateID, certificateID},
		{"marker", checkMarker, marker},
		{"certificateBody", checkBodyMember, body},
	}
	for _, m := range members {
		for _, c := range m.cases {
			t.Run(m.name+"/"+c.name, func(t *testing.T) {
				got := message(t, func(v *violations) { m.check(v, c.in) })
				if diff := cmp.Diff(c.want, got); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			})
		}
	}
}

func TestEnumAndRanges(t *testing.T) {
	enum := detected("Value at 'status' failed to satisfy constraint: Member must satisfy enum value set")
	tooSmall := detected("Value at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1")
	tooLarge := detected("Value at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000")
	for _, c := range []struct {
		name  string
		check func(*violations)
		want  string
	}{
		{"status Active", func(v *violations) { checkStatus(v, "Active") }, ""},
		{"status Inactive", func(v *violations) { checkStatus(v, "Inactive") }, ""},
		{"status Expired is in the enum", func(v *violations) { checkStatus(v, "Expired") }, ""},
		{"status Bogus", func(v *violations) { checkStatus(v, "Bogus") }, enum},
		{"status is case-sensitive", func(v *violations) { checkStatus(v, "active") }, enum},
		{"status empty", func(v *violations) { checkStatus(v, "") }, enum},
		{"maxItems nil", func(v *violations) { checkMaxItems(v, nil) }, ""},
		{"maxItems -1", func(v *violations) { checkMaxItems(v, aws.Int32(-1)) }, tooSmall},
		{"maxItems 0", func(v *violations) { checkMaxItems(v, aws.Int32(0)) }, tooSmall},
		{"maxItems 1", func(v *violations) { checkMaxItems(v, aws.Int32(1)) }, ""},
		{"maxItems 1000", func(v *violations) { checkMaxItems(v, aws.Int32(1000)) }, ""},
		{"maxItems 1001", func(v *violations) { checkMaxItems(v, aws.Int32(1001)) }, tooLarge},
	} {
		t.Run(c.name, func(t *testing.T) {
			if diff := cmp.Diff(c.want, message(t, c.check)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func tag(k, v string) types.Tag { return types.Tag{Key: aws.String(k), Value: aws.String(v)} }

func nTags(n int) []types.Tag {
	tags := make([]types.Tag, n)
	for i := range tags {
		tags[i] = tag("k"+strconv.Itoa(i), "v")
	}
	return tags
}

func TestTags(t *testing.T) {
	keyPattern := pattern(`[\p{L}\p{Z}\p{N}_.:/=+\-@]+`)
	valuePattern := pattern(`[\p{L}\p{Z}\p{N}_.:/=+\-@]*`)
	for _, c := range []struct {
		name string
		tags []types.Tag
		want string
	}{
		{"none", nil, ""},
		{"50 tags", nTags(50), ""},
		{"51 tags", nTags(51), "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50"},
		{"51 tags, the last with a bad key", append(nTags(50), tag("a!", "v")),
			detected(fail("tags", maxLen(50)), fail("tags.51.member.key", keyPattern))},
		{"every allowed kind of character", []types.Tag{tag("aZ é Ω 9 ٣ Ⅻ ½ \u00a0\u2028_.:/=+-@"+astral, "aZ é Ω 9 ٣ Ⅻ ½ \u00a0_.:/=+-@")}, ""},
		{"key length 0", []types.Tag{tag("", "v")}, detected(fail("tags.1.member.key", minLen(1)))},
		{"key length 1", []types.Tag{tag("k", "v")}, ""},
		{"key length 128", []types.Tag{tag(strings.Repeat("k", 128), "v")}, ""},
		{"key length 129", []types.Tag{tag(strings.Repeat("k", 129), "v")}, detected(fail("tags.1.member.key", maxLen(128)))},
		{"key of 64 astral letters", []types.Tag{tag(strings.Repeat(astral, 64), "v")}, ""},
		{"key of 65 astral letters", []types.Tag{tag(strings.Repeat(astral, 65), "v")}, detected(fail("tags.1.member.key", maxLen(128)))},
		{"key with !", []types.Tag{tag("a!", "v")}, detected(fail("tags.1.member.key", keyPattern))},
		{"key with a tab", []types.Tag{tag("a\tb", "v")}, detected(fail("tags.1.member.key", keyPattern))},
		{"key with invalid UTF-8", []types.Tag{tag("a\xff", "v")}, detected(fail("tags.1.member.key", keyPattern))},
		{"value length 0", []types.Tag{tag("k", "")}, ""},
		{"value length 256", []types.Tag{tag("k", strings.Repeat("v", 256))}, ""},
		{"value length 257", []types.Tag{tag("k", strings.Repeat("v", 257))}, detected(fail("tags.1.member.value", maxLen(256)))},
		{"value of 129 astral letters", []types.Tag{tag("k", strings.Repeat(astral, 129))}, detected(fail("tags.1.member.value", maxLen(256)))},
		{"value with a symbol", []types.Tag{tag("k", "a€")}, detected(fail("tags.1.member.value", valuePattern))},
		{"second tag, key then value", []types.Tag{tag("k", "v"), tag("", strings.Repeat("v", 257)+"!")},
			detected(fail("tags.2.member.key", minLen(1)), fail("tags.2.member.value", maxLen(256)), fail("tags.2.member.value", valuePattern))},
		{"nil key and value are missing", []types.Tag{{}}, detected(
			"Value null at 'tags.1.member.key' failed to satisfy constraint: Member must not be null",
			"Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null")},
	} {
		t.Run(c.name, func(t *testing.T) {
			if diff := cmp.Diff(c.want, message(t, func(v *violations) { checkTags(v, c.tags) })); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestViolationsCombine pins the combination rule (validate.go, type
// violations): standard failures together, in the caller's member order;
// a custom-text failure only when there is none, the first one winning.
func TestViolationsCombine(t *testing.T) {
	for _, c := range []struct {
		name   string
		checks []func(*violations)
		want   string
	}{
		{"nothing checked", nil, ""},
		{"two standard failures",
			[]func(*violations){func(v *violations) { checkUserName(v, aws.String("")) }, func(v *violations) { checkMaxItems(v, aws.Int32(0)) }},
			"2 validation errors detected: Value at 'userName' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
				"Value at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"member order is the caller's",
			[]func(*violations){func(v *violations) { checkMaxItems(v, aws.Int32(0)) }, func(v *violations) { checkUserName(v, aws.String("")) }},
			"2 validation errors detected: Value at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
				"Value at 'userName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"three standard failures",
			[]func(*violations){
				func(v *violations) { checkAccessKeyID(v, aws.String("A-")) },
				func(v *violations) { checkStatus(v, "Bogus") },
			},
			"3 validation errors detected: Value at 'accessKeyId' failed to satisfy constraint: Member must have length greater than or equal to 16; " +
				"Value at 'accessKeyId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w]+; " +
				"Value at 'status' failed to satisfy constraint: Member must satisfy enum value set"},
		{"custom then standard: the standard alone",
			[]func(*violations){func(v *violations) { checkUserName(v, aws.String("bad name")) }, func(v *violations) { checkMarker(v, aws.String("")) }},
			"1 validation error detected: Value at 'marker' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"standard then custom: the standard alone",
			[]func(*violations){func(v *violations) { checkAccessKeyID(v, aws.String("short")) }, func(v *violations) { checkNewPath(v, aws.String("nope")) }},
			"1 validation error detected: Value at 'accessKeyId' failed to satisfy constraint: Member must have length greater than or equal to 16"},
		{"a member's own length failure beats its custom text",
			[]func(*violations){func(v *violations) { checkPath(v, aws.String(strings.Repeat("a", 513))) }},
			"1 validation error detected: Value at 'path' failed to satisfy constraint: Member must have length less than or equal to 512"},
		{"one custom failure is the whole message",
			[]func(*violations){func(v *violations) { checkCreateUserName(v, aws.String("a b")) }, func(v *violations) { checkPath(v, aws.String("/")) }},
			textUserName},
		{"two custom failures: the first",
			[]func(*violations){func(v *violations) { checkUserName(v, aws.String("a b")) }, func(v *violations) { checkNewPath(v, aws.String("x")) }},
			textUserName},
		{"two custom failures, other order: the first",
			[]func(*violations){func(v *violations) { checkNewPath(v, aws.String("x")) }, func(v *violations) { checkUserName(v, aws.String("a b")) }},
			textNewPath},
		{"three custom failures",
			[]func(*violations){
				func(v *violations) { checkPathPrefix(v, aws.String("x")) },
				func(v *violations) { checkUserName(v, aws.String("a b")) },
				func(v *violations) { checkNewUserName(v, aws.String("c d")) },
			},
			textPathPrefix},
		{"two custom and one standard failure: the standard",
			[]func(*violations){
				func(v *violations) { checkUserName(v, aws.String("a b")) },
				func(v *violations) { checkPath(v, aws.String("x")) },
				func(v *violations) { checkTags(v, nTags(51)) },
			},
			"1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if diff := cmp.Diff(c.want, message(t, c.checks...)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestValidHelpers(t *testing.T) {
	for name, want := range map[string]bool{"Bob": true, "a+b=c,d.e@f-g_h": true, strings.Repeat("u", 128): true, "": false, "bad name": false, strings.Repeat("u", 129): false} {
		if got := validUserName(name); got != want {
			t.Errorf("validUserName(%q) = %v, want %v", name, got, want)
		}
	}
	for id, want := range map[string]bool{strings.Repeat("A", 24): true, "lower_case_id_is_a_word_id": true, strings.Repeat("A", 23): false, "bad-id-with-dashes......": false} {
		if got := validCertificateID(id); got != want {
			t.Errorf("validCertificateID(%q) = %v, want %v", id, got, want)
		}
	}
}

// Passing checks allocate nothing. (A plain PEM body is decoded by its
// shortcut instead, for the upload: that allocates its DER, once, in place
// of the handler; the body here is scanned.)
func TestViolationsPassingAllocatesNothing(t *testing.T) {
	name, path, body, status := "Bob", "/division/", strings.ReplaceAll(benchBody(), "\n", "\r\n"), "Active"
	tags := nTags(3)
	allocs := testing.AllocsPerRun(100, func() {
		var v violations
		checkUserName(&v, &name)
		checkPath(&v, &path)
		checkBodyMember(&v, &body)
		checkStatus(&v, status)
		checkMaxItems(&v, aws.Int32(10))
		checkTags(&v, tags[:1])
		if v.err() != nil {
			t.Fatal(v.err())
		}
	})
	// A valid tag's member names ("tags.1.member.key") are never built.
	if allocs > 0 {
		t.Errorf("%v allocations, want none", allocs)
	}
}

// The oracle for FuzzViolations: Go regular expressions compiled from the
// model's patterns as IAM prints them (Java syntax: \uXXXX becomes \x{XXXX};
// \w and \p{..} mean the same in both), and UTF-16 code units.

var javaEscape = regexp.MustCompile(`\\u([0-9A-Fa-f]{4})`)

func modelRE(javaPattern string) *regexp.Regexp {
	return regexp.MustCompile(`\A(?:` + javaEscape.ReplaceAllString(javaPattern, `\x{$1}`) + `)\z`)
}

type oracleRule struct {
	member         string
	minLen, maxLen int
	pattern        string // the model's pattern
	re             *regexp.Regexp
	custom         string // IAM's own text for a pattern failure, or ""
	check          func(*violations, *string)
}

func oracleRules() []oracleRule {
	rule := func(member string, minLen, maxLen int, p, custom string, check func(*violations, *string)) oracleRule {
		return oracleRule{member, minLen, maxLen, p, modelRE(p), custom, check}
	}
	return []oracleRule{
		rule("userName", 1, 128, `[\w+=,.@-]+`, textUserName, checkUserName),
		rule("userName", 1, 64, `[\w+=,.@-]+`, textUserName, checkCreateUserName),
		rule("newUserName", 1, 64, `[\w+=,.@-]+`, textNewUserName, checkNewUserName),
		rule("path", 1, 512, `(\u002F)|(\u002F[\u0021-\u007E]+\u002F)`, textPath, checkPath),
		rule("newPath", 1, 512, `(\u002F)|(\u002F[\u0021-\u007E]+\u002F)`, textNewPath, checkNewPath),
		rule("pathPrefix", 1, 512, `\u002F[\u0021-\u007F]*`, textPathPrefix, checkPathPrefix),
		rule("accessKeyId", 16, 128, `[\w]+`, "", checkAccessKeyID),
		rule("certificateId", 24, 128, `[\w]+`, "", checkCertificateID),
		rule("marker", 1, 320, `[\u0020-\u00FF]+`, "", checkMarker),
		rule("certificateBody", 1, 16384, `[\u0009\u000A\u000D\u0020-\u00FF]+`, "", checkBodyMember),
		rule("tags.1.member.key", 1, 128, `[\p{L}\p{Z}\p{N}_.:/=+\-@]+`, "", func(v *violations, s *string) {
			checkTags(v, []types.Tag{{Key: s, Value: aws.String("")}})
		}),
		rule("tags.1.member.value", 0, 256, `[\p{L}\p{Z}\p{N}_.:/=+\-@]*`, "", func(v *violations, s *string) {
			checkTags(v, []types.Tag{{Key: aws.String("k"), Value: s}})
		}),
	}
}

// oracle adds r's failures for s to std (standard) and custom (the first
// custom text).
func (r oracleRule) oracle(s string, std *[]string, custom *string) {
	n := len(utf16.Encode([]rune(s)))
	switch {
	case n < r.minLen:
		*std = append(*std, fail(r.member, minLen(r.minLen)))
		if n == 0 {
			return // empty: the length check only (choice)
		}
	case n > r.maxLen:
		*std = append(*std, fail(r.member, maxLen(r.maxLen)))
	}
	if r.re.MatchString(s) {
		return
	}
	if r.custom == "" {
		*std = append(*std, fail(r.member, pattern(r.pattern)))
	} else if *custom == "" {
		*custom = r.custom
	}
}

func oracleMessage(std []string, custom string) string {
	if len(std) > 0 {
		return detected(std...)
	}
	return custom
}

func FuzzViolations(f *testing.F) {
	rules := oracleRules()
	for _, s := range []string{
		"", "a", "/", "//", "///", "/a/", "a/", "/a", "/\x7f/", "/\x7f", "é", "\u0100", "\xff", "\xed\xa0\x80", astral,
		"a b", "\t\n\r", "\v", "k:v=1+2@x_y.z-", "½Ⅻ٣", "\u00a0\u2028", strings.Repeat("a", 16), strings.Repeat("A", 24),
		strings.Repeat("a", 64), strings.Repeat("a", 65), strings.Repeat("a", 128), strings.Repeat("a", 129),
		strings.Repeat(astral, 64), strings.Repeat(astral, 65), "/" + strings.Repeat("a", 510) + "/", strings.Repeat("\u00ff", 321),
	} {
		f.Add(s, "/")
		f.Add(s, "a b")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		// Each rule alone on a, then every pair (a, b) in one request.
		for _, r := range rules {
			var std []string
			var custom string
			r.oracle(a, &std, &custom)
			got := message(t, func(v *violations) { r.check(v, &a) })
			if diff := cmp.Diff(oracleMessage(std, custom), got); diff != "" {
				t.Fatalf("%s %q (-want +got):\n%s", r.member, a, diff)
			}
		}
		for _, r1 := range rules {
			for _, r2 := range rules {
				var std []string
				var custom string
				r1.oracle(a, &std, &custom)
				r2.oracle(b, &std, &custom)
				got := message(t, func(v *violations) { r1.check(v, &a) }, func(v *violations) { r2.check(v, &b) })
				if diff := cmp.Diff(oracleMessage(std, custom), got); diff != "" {
					t.Fatalf("%s %q, %s %q (-want +got):\n%s", r1.member, a, r2.member, b, diff)
				}
			}
		}
	})
}

// benchBody is a 1.5 KB PEM certificate body, the size of a typical
// 2048-bit RSA signing certificate.
func benchBody() string {
	der := make([]byte, 1100)
	for i := range der {
		der[i] = byte(i * 7)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

// Measure with:
//
//	go test -run '^$' -bench 'BenchmarkValidate' -benchmem -count 10 ./fakeiam/
func BenchmarkValidateBody(b *testing.B) {
	body := benchBody()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		var v violations
		checkBodyMember(&v, &body)
		if v.err() != nil {
			b.Fatal(v.err())
		}
	}
}

func BenchmarkValidateUserName(b *testing.B) {
	name := "build-agent.ci+eu-west-1@example.com"
	for b.Loop() {
		var v violations
		checkUserName(&v, &name)
		if v.err() != nil {
			b.Fatal(v.err())
		}
	}
}

// BenchmarkCheck is the table-driven validator on whole inputs, as every
// call runs it before its handler.
//
//	go test -run '^$' -bench 'BenchmarkCheck' -benchmem -count 10 ./fakeiam/
func BenchmarkCheck(b *testing.B) {
	body := benchBody()
	crlf := strings.ReplaceAll(body, "\n", "\r\n")
	for _, c := range []struct {
		name string
		op   Operation
		in   any
	}{
		{"ListSigningCertificates", ListSigningCertificates, &iam.ListSigningCertificatesInput{UserName: aws.String("build-agent.ci+eu-west-1@example.com"), MaxItems: aws.Int32(100)}},
		{"GetUser", GetUser, &iam.GetUserInput{UserName: aws.String("build-agent.ci+eu-west-1@example.com")}},
		{"UploadSigningCertificate", UploadSigningCertificate, &iam.UploadSigningCertificateInput{UserName: aws.String("Bob"), CertificateBody: &body}},
		// A body the shortcut leaves to the character scan: CRLF line ends.
		{"UploadSigningCertificate/scanned", UploadSigningCertificate, &iam.UploadSigningCertificateInput{UserName: aws.String("Bob"), CertificateBody: &crlf}},
		{"CreateUser", CreateUser, &iam.CreateUserInput{UserName: aws.String("Bob"), Path: aws.String("/division/"), Tags: nTags(2)}},
	} {
		check := lookupOperation(c.op).check
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if err := check.check(c.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestEveryModelOperationBinds: the table binds to the SDK's input type of
// every IAM operation the SDK has, so that registering any of them needs
// no validation code, except those with a pattern Go's regexp cannot run
// (needsOverlay), which are refused until an overlay stands in for it.
func TestEveryModelOperationBinds(t *testing.T) {
	ctxType := reflect.TypeFor[context.Context]()
	client := reflect.TypeFor[*iam.Client]()
	bound := 0
	for i := range client.NumMethod() {
		m := client.Method(i)
		if m.Type.NumIn() < 3 || m.Type.In(1) != ctxType || m.Type.In(2).Kind() != reflect.Pointer || m.Type.In(2).Elem().Name() != m.Name+"Input" {
			continue
		}
		if iammodel.IAM.Operation(m.Name) == nil {
			t.Logf("%s: the SDK has it, the model of this table not (another model version)", m.Name)
			continue
		}
		_, err := newPlan(iammodel.IAM, m.Name, m.Type.In(2).Elem())
		switch {
		case err != nil:
			t.Errorf("%s: %v", m.Name, err)
		}
		bound++
	}
	if bound < 150 {
		t.Errorf("%d operations bound, want every IAM operation the SDK has", bound)
	}
}

// TestRegisterRefusesAnUnrunnablePattern: wiring an operation with a model
// pattern Go cannot compile, and no overlay, fails (register panics at init
// with newPlan's error) with a message that says so, instead of leaving the
// member unchecked. AccountAlias's pattern has an overlay, so the test
// takes it away for the duration.
func TestRegisterRefusesAnUnrunnablePattern(t *testing.T) {
	const aliasPattern = `^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$`
	patterns.Lock()
	overlay, compiledAlias := patternOverlays[aliasPattern], patterns.m[aliasPattern]
	delete(patternOverlays, aliasPattern)
	delete(patterns.m, aliasPattern)
	patterns.Unlock()
	t.Cleanup(func() {
		patterns.Lock()
		patternOverlays[aliasPattern], patterns.m[aliasPattern] = overlay, compiledAlias
		patterns.Unlock()
	})
	_, err := newPlan(iammodel.IAM, "CreateAccountAlias", reflect.TypeFor[iam.CreateAccountAliasInput]())
	for _, want := range []string{"CreateAccountAlias", "AccountAlias", "(?!", "overlay"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("newPlan(CreateAccountAlias) without its overlay: %v, want an error naming %q", err, want)
		}
	}
}

// TestAccountAliasOverlay: the overlay of AccountAlias's pattern accepts
// exactly the strings the model's Java pattern accepts, for every string of
// up to 7 characters over letters, digits, '-' and a character outside the
// class, and for lengths around the bounds (3 and 63, where a longer string
// is refused by the length constraint checked beside it).
func TestAccountAliasOverlay(t *testing.T) {
	const model = `^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$`
	p, err := compiled(model)
	if err != nil {
		t.Fatal(err)
	}
	// javaMatches is the model pattern's meaning, written out.
	javaMatches := func(s string) bool {
		alnum := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }
		if len(s) < 3 || len(s) > 63 || !alnum(s[0]) || !alnum(s[len(s)-1]) {
			return false
		}
		for i := 1; i < len(s)-1; i++ {
			if !alnum(s[i]) && (s[i] != '-' || s[i+1] == '-') {
				return false
			}
		}
		return true
	}
	alphabet := "a0-A"
	var walk func(prefix string)
	checked := 0
	walk = func(s string) {
		if got, want := p.MatchString(s), javaMatches(s); got != want {
			t.Errorf("%q: overlay matches %v, the model's pattern %v", s, got, want)
		}
		checked++
		if len(s) == 7 {
			return
		}
		for i := range alphabet {
			walk(s + alphabet[i:i+1])
		}
	}
	walk("")
	for _, n := range []int{61, 62, 63} {
		for _, s := range []string{strings.Repeat("a", n), "a-" + strings.Repeat("b", n-2), strings.Repeat("a-", n/2) + strings.Repeat("b", n%2+1)} {
			s = s[:min(len(s), n)]
			if got, want := p.MatchString(s), javaMatches(s); got != want {
				t.Errorf("%d characters %q: overlay matches %v, the model's pattern %v", len(s), s, got, want)
			}
		}
	}
	if p.Text != model {
		t.Errorf("the pattern prints as %q, want the model's %q", p.Text, model)
	}
	t.Logf("%d strings checked", checked)
}
