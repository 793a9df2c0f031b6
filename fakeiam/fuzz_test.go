package fakeiam_test

import (
	"context"
	"errors"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// The fuzz targets check the fake against an oracle written here from
// docs/contract.md, independently of validate.go: regular expressions for the
// patterns, UTF-16 code units for the lengths.

var (
	userNameRE = regexp.MustCompile(`^[\w+=,.@-]+$`)
	markerRE   = regexp.MustCompile(`^[\x{20}-\x{FF}]+$`)
)

// oracleViolations lists IAM's standard constraint failures for a List
// input, in member order, as failedConstraints' member, phrase pairs, and
// IAM's own text for a userName failing its pattern, which is the whole
// message when there is no standard failure.
func oracleViolations(userName, marker *string, maxItems *int32) (v []string, custom string) {
	str := func(member string, s *string, maxLen int, re *regexp.Regexp) {
		if s == nil {
			return
		}
		n := 0
		for _, r := range *s {
			n += utf16.RuneLen(r)
		}
		switch {
		case n == 0:
			// Empty: the length check only (the fake's documented choice).
			v = append(v, member, minLength(1))
			return
		case n > maxLen:
			v = append(v, member, maxLength(maxLen))
		}
		if !re.MatchString(*s) && member == "userName" {
			custom = invalidName("userName").Message
		} else if !re.MatchString(*s) {
			v = append(v, member, pattern(map[string]string{"userName": `[\w+=,.@-]+`, "marker": markerPattern}[member]))
		}
	}
	str("userName", userName, 128, userNameRE)
	str("marker", marker, 320, markerRE)
	if maxItems != nil && *maxItems < 1 {
		v = append(v, "maxItems", minValue(1))
	}
	if maxItems != nil && *maxItems > 1000 {
		v = append(v, "maxItems", maxValue(1000))
	}
	return v, custom
}

var countPrefix = regexp.MustCompile(`^(\d+) validation (error|errors) detected: `)

// checkValidationFormat checks a ValidationError message's own arithmetic:
// its count matches the failures it lists, with the right plural.
func checkValidationFormat(t *testing.T, msg string) {
	t.Helper()
	m := countPrefix.FindStringSubmatch(msg)
	if m == nil {
		t.Fatalf("validation message %q has no count prefix", msg)
	}
	n, _ := strconv.Atoi(m[1])
	if parts := strings.Count(msg, "Value at '"); parts != n {
		t.Errorf("message %q says %d errors and lists %d", msg, n, parts)
	}
	if (n == 1) != (m[2] == "error") {
		t.Errorf("message %q: wrong plural", msg)
	}
}

// fuzzWorld is the state the fuzz targets list: users with 0, 1 and 5
// certificates and a root with 3, and every real marker of it.
type fuzzWorld struct {
	f       *fakeiam.Fake
	c       *iam.Client
	certs   map[string][]types.SigningCertificate // by user name; "" is the root
	markers map[string]map[string]int             // user → marker → index of the next certificate
}

func newFuzzWorld(tb testing.TB) *fuzzWorld {
	w := &fuzzWorld{
		f: newFake(fakeiam.CertificatesPerUser(5),
			fakeiam.User("Bob").SigningCertificate(certs(1, 6)...),
			fakeiam.User("Alice").SigningCertificate(cert(6)),
			fakeiam.User("Empty"),
			fakeiam.Root().SigningCertificate(certs(7, 10)...)),
		certs: map[string][]types.SigningCertificate{
			"Bob": listedCertificates("Bob", certs(1, 6)...), "Alice": listedCertificates("Alice", cert(6)),
			"Empty": {}, "": listedCertificates("<root_account>", certs(7, 10)...),
		},
		markers: map[string]map[string]int{},
	}
	w.c = w.f.Client()
	for user := range w.certs {
		w.markers[user] = map[string]int{}
		var name *string
		if user != "" {
			name = aws.String(user)
		}
		p := iam.NewListSigningCertificatesPaginator(w.c, &iam.ListSigningCertificatesInput{UserName: name, MaxItems: aws.Int32(1)})
		for i := 1; p.HasMorePages(); i++ {
			if i > len(w.certs[user])+1 {
				tb.Fatalf("paging %q does not end", user)
			}
			out, err := p.NextPage(context.Background())
			if err != nil {
				tb.Fatal(err)
			}
			if out.Marker != nil {
				w.markers[user][*out.Marker] = i
			}
		}
	}
	return w
}

// check lists in and requires exactly the oracle's answer.
func (w *fuzzWorld) check(t *testing.T, in *iam.ListSigningCertificatesInput) {
	t.Helper()
	out, err := w.c.ListSigningCertificates(context.Background(), in)

	v, custom := oracleViolations(in.UserName, in.Marker, in.MaxItems)
	if len(v) > 0 {
		w.wantError(t, err, "ValidationError", 400, failedConstraints(v...).Message)
		return
	}
	if custom != "" {
		w.wantError(t, err, "ValidationError", 400, custom)
		return
	}
	user := aws.ToString(in.UserName)
	for name := range w.certs { // IAM user names ignore case (valid names are ASCII)
		if in.UserName != nil && name != "" && strings.EqualFold(name, user) {
			user = name
		}
	}
	all, ok := w.certs[user]
	if !ok {
		w.wantError(t, err, "NoSuchEntity", 404, "The user with name "+user+" cannot be found.")
		return
	}
	start := 0
	if in.Marker != nil {
		if start, ok = w.markers[user][*in.Marker]; !ok {
			w.wantError(t, err, "ValidationError", 400, "Invalid Marker.")
			return
		}
	}
	if err != nil {
		t.Fatalf("%+v: unexpected error %v", in, err)
	}
	limit := 100
	if in.MaxItems != nil {
		limit = int(*in.MaxItems)
	}
	end := min(start+limit, len(all))
	want := &iam.ListSigningCertificatesOutput{Certificates: all[start:end], IsTruncated: end < len(all), Marker: out.Marker}
	if diff := cmp.Diff(want, out, cmpOutputs); diff != "" {
		t.Errorf("%+v (-want +got):\n%s", in, diff)
	}
	checkListShape(t, out)
	if out.Marker != nil && w.markers[user][*out.Marker] != end {
		t.Errorf("marker %q does not continue at %d", *out.Marker, end)
	}
}

func (w *fuzzWorld) wantError(t *testing.T, err error, code string, status int, msg string) {
	t.Helper()
	var ae smithy.APIError
	var re *awshttp.ResponseError
	if !errors.As(err, &ae) || !errors.As(err, &re) {
		t.Fatalf("got %v, want %s %q", err, code, msg)
	}
	if ae.ErrorCode() != code || ae.ErrorMessage() != msg || re.HTTPStatusCode() != status {
		t.Errorf("got %s %d %q\nwant %s %d %q", ae.ErrorCode(), re.HTTPStatusCode(), ae.ErrorMessage(), code, status, msg)
	}
	if code == "ValidationError" && msg != "Invalid Marker." && !strings.HasPrefix(msg, "The specified value for ") {
		checkValidationFormat(t, ae.ErrorMessage())
	}
}

func FuzzListInput(f *testing.F) {
	w := newFuzzWorld(f)
	type seed struct {
		user      string
		hasUser   bool
		marker    string
		hasMarker bool
		maxItems  int32
		hasMax    bool
	}
	seeds := []seed{
		{}, {user: "Bob", hasUser: true}, {user: "Alice", hasUser: true, maxItems: 1, hasMax: true},
		{user: "Nobody", hasUser: true}, {user: "", hasUser: true}, {user: "bad name", hasUser: true, maxItems: 1001, hasMax: true},
		{user: strings.Repeat("x", 129), hasUser: true}, {user: strings.Repeat("é", 129), hasUser: true, marker: "", hasMarker: true, maxItems: 0, hasMax: true},
		{user: "Bob", hasUser: true, marker: "garbage", hasMarker: true}, {marker: "\u0100", hasMarker: true, maxItems: -5, hasMax: true},
		{marker: strings.Repeat("m", 321), hasMarker: true}, {user: "Empty", hasUser: true, maxItems: 1000, hasMax: true},
		{user: "\xff", hasUser: true}, {user: "😀", hasUser: true}, {marker: "\x00", hasMarker: true},
	}
	for _, user := range slices.Sorted(maps.Keys(w.markers)) {
		for _, m := range slices.Sorted(maps.Keys(w.markers[user])) {
			seeds = append(seeds, seed{user: user, hasUser: user != "", marker: m, hasMarker: true, maxItems: 2, hasMax: true})
			seeds = append(seeds, seed{user: "Bob", hasUser: true, marker: m, hasMarker: true})
		}
	}
	for _, s := range seeds {
		f.Add(s.user, s.hasUser, s.marker, s.hasMarker, s.maxItems, s.hasMax)
	}
	f.Fuzz(func(t *testing.T, user string, hasUser bool, marker string, hasMarker bool, maxItems int32, hasMax bool) {
		in := &iam.ListSigningCertificatesInput{}
		if hasUser {
			in.UserName = &user
		}
		if hasMarker {
			in.Marker = &marker
		}
		if hasMax {
			in.MaxItems = &maxItems
		}
		w.check(t, in)
	})
}

func FuzzMarker(f *testing.F) {
	w := newFuzzWorld(f)
	for _, m := range []string{"", "garbage", "\u0100", strings.Repeat("A", 320), strings.Repeat("A", 321), "AQ", "AQAAAAA", "====", "\n"} {
		f.Add(m)
	}
	for _, user := range slices.Sorted(maps.Keys(w.markers)) {
		for _, m := range slices.Sorted(maps.Keys(w.markers[user])) {
			f.Add(m)
			f.Add(flipChar(m, len(m)-1))
			f.Add(m[:len(m)-1])
			f.Add(m + "\n")
		}
	}
	other := newFake(fakeiam.WithSeed(9), fakeiam.CertificatesPerUser(5), fakeiam.User("Bob").SigningCertificate(certs(1, 6)...))
	out, err := other.Client().ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{UserName: aws.String("Bob"), MaxItems: aws.Int32(1)})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(*out.Marker)
	f.Fuzz(func(t *testing.T, marker string) {
		w.check(t, &iam.ListSigningCertificatesInput{UserName: aws.String("Bob"), Marker: &marker, MaxItems: aws.Int32(2)})
	})
}
