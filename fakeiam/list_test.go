package fakeiam_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/fakeaws/fakeaws/fakeiam"
)

var (
	docDate = time.Date(2013, 6, 6, 21, 40, 8, 0, time.UTC)
	docBody = "-----BEGIN CERTIFICATE-----<certificate-body>-----END CERTIFICATE-----"
	docID   = "TA7SMP42TDN5Z26OBPJE7EXAMPLE"
)

func bobWithDocCert() fakeiam.Option {
	return fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{ID: docID, Body: docBody, UploadDate: docDate})
}

// Seeded access keys: tests that sign as someone other than the default
// account's root use these.
var (
	bobKey      = fakeiam.AccessKey{ID: "AKIABOBEXAMPLE000001", Secret: "bob-secret"}
	aliceKey    = fakeiam.AccessKey{ID: "AKIAALICEEXAMPLE0001", Secret: "alice-secret"}
	roleKey     = fakeiam.AccessKey{ID: "ASIADEPLOYEREXAMPLE1", Secret: "role-secret"}
	otherBobKey = fakeiam.AccessKey{ID: "AKIABOBOTHERACCOUNT1", Secret: "other-bob-secret"}
	otherRoot   = fakeiam.AccessKey{ID: "AKIAROOTOTHERACCOUNT", Secret: "other-root-secret"}
)

const otherAccount = "210987654321"

// t0 is the upload date of seeded certificate 0; certificate i is i minutes later.
var t0 = time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)

// cert is seeded certificate i: known id, body and upload date, so that
// expectations are written from the seeds, not read from the fake.
func cert(i int) fakeiam.SigningCertificate {
	return fakeiam.SigningCertificate{
		ID:         fmt.Sprintf("CERT%024d", i),
		Body:       fmt.Sprintf("-----BEGIN CERTIFICATE-----\nbody %d\n-----END CERTIFICATE-----\n", i),
		UploadDate: t0.Add(time.Duration(i) * time.Minute),
	}
}

// certs returns seeded certificates lo..hi-1.
func certs(lo, hi int) []fakeiam.SigningCertificate {
	var cs []fakeiam.SigningCertificate
	for i := lo; i < hi; i++ {
		cs = append(cs, cert(i))
	}
	return cs
}

// listed is how IAM lists seeded certificates of user.
func listed(user string, cs ...fakeiam.SigningCertificate) []types.SigningCertificate {
	out := []types.SigningCertificate{}
	for _, c := range cs {
		status := c.Status
		if status == "" {
			status = types.StatusTypeActive
		}
		out = append(out, sc(user, c.ID, c.Body, status, c.UploadDate))
	}
	return out
}

// page is a complete (last) page.
func page(certs []types.SigningCertificate) *iam.ListSigningCertificatesOutput {
	return &iam.ListSigningCertificatesOutput{Certificates: certs}
}

// truncated is a page with more to come. Markers are opaque: the contract
// fixes only their shape (anyMarker); that they continue where they should is
// what the paging tests check.
func truncated(certs []types.SigningCertificate) *iam.ListSigningCertificatesOutput {
	return &iam.ListSigningCertificatesOutput{Certificates: certs, IsTruncated: true, Marker: aws.String(anyMarker)}
}

func list(userName *string, marker *string, maxItems *int32) func(context.Context, *iam.Client) (any, error) {
	return listCall(&iam.ListSigningCertificatesInput{UserName: userName, Marker: marker, MaxItems: maxItems})
}

// withKey returns c signing with another seeded access key: the same fake
// (or reference) behind it, another caller.
func withKey(c *iam.Client, k fakeiam.AccessKey) *iam.Client {
	return iam.New(c.Options(), func(o *iam.Options) {
		o.Credentials = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: k.ID, SecretAccessKey: k.Secret}, nil
		})
	})
}

func asKey(k fakeiam.AccessKey) func(*fakeiam.Fake) *iam.Client {
	return func(f *fakeiam.Fake) *iam.Client { return f.ClientWithAccessKey(k.ID) }
}

// thenList returns a call that first lists `first` as `from` (a client of the
// same fake derived from the scenario's client; nil: the scenario's client),
// lets between run, and then lists `next` on the scenario's client with the
// marker `first` returned, passed through edit.
func thenList(from func(*iam.Client) *iam.Client, first iam.ListSigningCertificatesInput,
	between func(context.Context, *iam.Client) error, edit func(string) string,
	next iam.ListSigningCertificatesInput) func(context.Context, *iam.Client) (any, error) {
	return func(ctx context.Context, c *iam.Client) (any, error) {
		src := c
		if from != nil {
			src = from(c)
		}
		out, err := src.ListSigningCertificates(ctx, &first)
		if err != nil {
			return nil, err
		}
		if between != nil {
			if err := between(ctx, c); err != nil {
				return nil, err
			}
		}
		m := aws.ToString(out.Marker)
		if edit != nil {
			m = edit(m)
		}
		next.Marker = &m
		return c.ListSigningCertificates(ctx, &next)
	}
}

// runListScenarios runs each scenario through the differential harness and
// checks the shape rules every ListSigningCertificates answer follows.
func runListScenarios(t *testing.T, cases []scenario) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := runScenario(t, tc)
			if out, ok := got.out.(*iam.ListSigningCertificatesOutput); ok {
				checkListShape(t, out)
			}
		})
	}
}

// checkListShape checks what holds for every page: a non-nil certificate
// slice, a marker exactly when truncated, a marker of at most 320 printable
// ASCII characters.
func checkListShape(t *testing.T, out *iam.ListSigningCertificatesOutput) {
	t.Helper()
	if out.Certificates == nil {
		t.Errorf("Certificates is nil; IAM's <Certificates/> decodes to an empty non-nil slice")
	}
	if (out.Marker != nil) != out.IsTruncated {
		t.Errorf("IsTruncated = %v but Marker = %v: a marker comes exactly with a truncated page", out.IsTruncated, out.Marker)
	}
	if out.Marker != nil {
		checkMarkerShape(t, *out.Marker)
	}
}

func checkMarkerShape(t *testing.T, m string) {
	t.Helper()
	if len(m) == 0 || len(m) > 320 {
		t.Errorf("marker %q has %d characters, want 1..320", m, len(m))
	}
	for i := 0; i < len(m); i++ {
		if m[i] < 0x20 || m[i] > 0x7e {
			t.Errorf("marker %q has non-printable-ASCII byte %#x at %d", m, m[i], i)
			break
		}
	}
}

// Validation messages, phrase by phrase (IAM-SPEC.md "Parameters").
const (
	userNameTooShort = "Value at 'userName' failed to satisfy constraint: Member must have length greater than or equal to 1"
	userNameTooLong  = "Value at 'userName' failed to satisfy constraint: Member must have length less than or equal to 128"
	// userNameText is IAM's own text for a userName failing its pattern: the
	// whole message, and only when no other constraint fails (validate.go).
	userNameText     = "The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-"
	markerTooShort   = "Value at 'marker' failed to satisfy constraint: Member must have length greater than or equal to 1"
	markerTooLong    = "Value at 'marker' failed to satisfy constraint: Member must have length less than or equal to 320"
	markerPattern    = `Value at 'marker' failed to satisfy constraint: Member must satisfy regular expression pattern: [\u0020-\u00FF]+`
	maxItemsTooSmall = "Value at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1"
	maxItemsTooLarge = "Value at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000"
)

func validationError(msg string) *fakeiam.Error {
	return &fakeiam.Error{Code: "ValidationError", Status: 400, Message: msg}
}

func noSuchUser(name string) *fakeiam.Error {
	return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "The user with name " + name + " cannot be found."}
}

var invalidMarker = validationError("Invalid Marker.")

func TestListSigningCertificatesSpec(t *testing.T) {
	bob := aws.String("Bob")
	long := strings.Repeat("a", 128)
	runListScenarios(t, []scenario{
		{
			name: "documented example",
			seed: []fakeiam.Option{bobWithDocCert()},
			call: listCall(&iam.ListSigningCertificatesInput{UserName: aws.String("Bob")}),
			want: &iam.ListSigningCertificatesOutput{Certificates: []types.SigningCertificate{
				sc("Bob", docID, docBody, types.StatusTypeActive, docDate),
			}},
		},
		{
			name:    "no such user",
			seed:    []fakeiam.Option{bobWithDocCert()},
			call:    listCall(&iam.ListSigningCertificatesInput{UserName: aws.String("Alice")}),
			wantErr: &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "The user with name Alice cannot be found."},
		},
		{
			// IAM names ignore case; certificates report the user's own name (choice).
			name: "user name in another case",
			seed: []fakeiam.Option{bobWithDocCert()},
			call: listCall(&iam.ListSigningCertificatesInput{UserName: aws.String("BOB")}),
			want: &iam.ListSigningCertificatesOutput{Certificates: []types.SigningCertificate{
				sc("Bob", docID, docBody, types.StatusTypeActive, docDate),
			}},
		},
		{
			name:    "userName pattern yields to a maxItems failure",
			call:    listCall(&iam.ListSigningCertificatesInput{UserName: aws.String("bad name"), MaxItems: aws.Int32(1001)}),
			wantErr: &fakeiam.Error{Code: "ValidationError", Status: 400, Message: `1 validation error detected: Value at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000`},
		},

		// Constraints, one at a time, with IAM's exact text.
		{name: "userName length 0", call: list(aws.String(""), nil, nil),
			wantErr: validationError("1 validation error detected: " + userNameTooShort)},
		{name: "userName length 129", call: list(aws.String(long+"a"), nil, nil),
			wantErr: validationError("1 validation error detected: " + userNameTooLong)},
		{name: "userName pattern", call: list(aws.String("Bob/Alice"), nil, nil),
			wantErr: validationError(userNameText)},
		{name: "userName non-ASCII letter fails the pattern", call: list(aws.String("Bjørn"), nil, nil),
			wantErr: validationError(userNameText)},
		{name: "userName length 129 and pattern: the length alone", call: list(aws.String(long+"!"), nil, nil),
			wantErr: validationError("1 validation error detected: " + userNameTooLong)},
		{name: "userName length 128 is valid", seed: []fakeiam.Option{fakeiam.User(long)}, call: list(aws.String(long), nil, nil),
			want: page(listed(long))},
		{name: "userName with every allowed punctuation", seed: []fakeiam.Option{fakeiam.User("a+b=c,d.e@f-g_h")},
			call: list(aws.String("a+b=c,d.e@f-g_h"), nil, nil), want: page(listed("a+b=c,d.e@f-g_h"))},
		{name: "marker length 0", seed: []fakeiam.Option{bobWithDocCert()}, call: list(bob, aws.String(""), nil),
			wantErr: validationError("1 validation error detected: " + markerTooShort)},
		{name: "marker length 321", seed: []fakeiam.Option{bobWithDocCert()}, call: list(bob, aws.String(strings.Repeat("A", 321)), nil),
			wantErr: validationError("1 validation error detected: " + markerTooLong)},
		{name: "marker pattern", seed: []fakeiam.Option{bobWithDocCert()}, call: list(bob, aws.String("\u0100"), nil),
			wantErr: validationError("1 validation error detected: " + markerPattern)},
		{name: "marker control character fails the pattern", seed: []fakeiam.Option{bobWithDocCert()}, call: list(bob, aws.String("abc\n"), nil),
			wantErr: validationError("1 validation error detected: " + markerPattern)},
		{name: "marker length 321 and pattern", seed: []fakeiam.Option{bobWithDocCert()}, call: list(bob, aws.String(strings.Repeat("\u0100", 321)), nil),
			wantErr: validationError("2 validation errors detected: " + markerTooLong + "; " + markerPattern)},
		{name: "marker length 320 of Latin-1 passes validation", seed: []fakeiam.Option{bobWithDocCert()},
			call: list(bob, aws.String(strings.Repeat("\u00ff", 320)), nil), wantErr: invalidMarker},
		{name: "maxItems 0", call: list(nil, nil, aws.Int32(0)),
			wantErr: validationError("1 validation error detected: " + maxItemsTooSmall)},
		{name: "maxItems -1", call: list(nil, nil, aws.Int32(-1)),
			wantErr: validationError("1 validation error detected: " + maxItemsTooSmall)},
		{name: "maxItems 1001", call: list(nil, nil, aws.Int32(1001)),
			wantErr: validationError("1 validation error detected: " + maxItemsTooLarge)},
		{name: "maxItems 1000 is valid", seed: []fakeiam.Option{bobWithDocCert()}, call: list(bob, nil, aws.Int32(1000)),
			want: page(listed("Bob", fakeiam.SigningCertificate{ID: docID, Body: docBody, UploadDate: docDate}))},
		{name: "three failures in member order", call: list(aws.String(""), aws.String("\u0100"), aws.Int32(0)),
			wantErr: validationError("3 validation errors detected: " + userNameTooShort + "; " + markerPattern + "; " + maxItemsTooSmall)},
		{name: "three standard failures in member order, userName pattern dropped", call: list(aws.String(long+" "), aws.String(""), aws.Int32(5000)),
			wantErr: validationError("3 validation errors detected: " + userNameTooLong + "; " + markerTooShort + "; " + maxItemsTooLarge)},
		{name: "validation before the user lookup", call: list(aws.String("Nobody"), nil, aws.Int32(0)),
			wantErr: validationError("1 validation error detected: " + maxItemsTooSmall)},
		{name: "validation before the marker check", seed: []fakeiam.Option{bobWithDocCert()}, call: list(bob, aws.String("garbage"), aws.Int32(1001)),
			wantErr: validationError("1 validation error detected: " + maxItemsTooLarge)},

		// NoSuchEntity.
		{name: "no such user with a marker", seed: []fakeiam.Option{bobWithDocCert()}, call: list(aws.String("Carol"), aws.String("garbage"), nil),
			wantErr: noSuchUser("Carol")},

		// Order and shape.
		{
			name: "upload order, ties in seeding (upload) order",
			seed: []fakeiam.Option{fakeiam.CertificatesPerUser(4), fakeiam.User("Bob").SigningCertificate(
				fakeiam.SigningCertificate{ID: "ZZZZZZZZZZZZZZZZZZZZZZZZ0003", Body: "c3", UploadDate: t0.Add(time.Hour)},
				fakeiam.SigningCertificate{ID: "BBBBBBBBBBBBBBBBBBBBBBBB0002", Body: "c2", UploadDate: t0},
				fakeiam.SigningCertificate{ID: "AAAAAAAAAAAAAAAAAAAAAAAA0001", Body: "c1", UploadDate: t0},
				fakeiam.SigningCertificate{ID: "00000000000000000000000000000", Body: "c0", UploadDate: t0.Add(-time.Hour)},
			)},
			call: list(bob, nil, nil),
			want: page([]types.SigningCertificate{
				sc("Bob", "00000000000000000000000000000", "c0", types.StatusTypeActive, t0.Add(-time.Hour)),
				sc("Bob", "BBBBBBBBBBBBBBBBBBBBBBBB0002", "c2", types.StatusTypeActive, t0),
				sc("Bob", "AAAAAAAAAAAAAAAAAAAAAAAA0001", "c1", types.StatusTypeActive, t0),
				sc("Bob", "ZZZZZZZZZZZZZZZZZZZZZZZZ0003", "c3", types.StatusTypeActive, t0.Add(time.Hour)),
			}),
		},
		{
			name: "inactive certificates are listed with their status",
			seed: []fakeiam.Option{fakeiam.User("Bob").SigningCertificate(
				fakeiam.SigningCertificate{ID: cert(1).ID, Body: cert(1).Body, UploadDate: cert(1).UploadDate, Status: types.StatusTypeInactive}, cert(2))},
			call: list(bob, nil, nil),
			want: page(append(listed("Bob", fakeiam.SigningCertificate{ID: cert(1).ID, Body: cert(1).Body, UploadDate: cert(1).UploadDate, Status: types.StatusTypeInactive}),
				listed("Bob", cert(2))...)),
		},
		{name: "empty list: IsTruncated false, no marker, empty non-nil slice",
			seed: []fakeiam.Option{fakeiam.User("Bob")}, call: list(bob, nil, nil), want: page([]types.SigningCertificate{})},
		{name: "complete list: IsTruncated false, no marker",
			seed: []fakeiam.Option{fakeiam.User("Bob").SigningCertificate(certs(1, 3)...)}, call: list(bob, nil, nil),
			want: page(listed("Bob", certs(1, 3)...))},
		{name: "page exactly full: IsTruncated false, no marker",
			seed: []fakeiam.Option{fakeiam.User("Bob").SigningCertificate(certs(1, 3)...)}, call: list(bob, nil, aws.Int32(2)),
			want: page(listed("Bob", certs(1, 3)...))},
		{name: "other users' certificates are not listed",
			seed: []fakeiam.Option{fakeiam.User("Bob").SigningCertificate(cert(1)), fakeiam.User("Alice").SigningCertificate(cert(2))},
			call: list(aws.String("Alice"), nil, nil), want: page(listed("Alice", cert(2)))},
	})
}

func TestListSigningCertificatesPaging(t *testing.T) {
	bob := aws.String("Bob")
	many := []fakeiam.Option{fakeiam.CertificatesPerUser(150), fakeiam.User("Bob").SigningCertificate(certs(0, 150)...)}
	two := []fakeiam.Option{fakeiam.User("Bob").SigningCertificate(certs(1, 3)...)}
	five := []fakeiam.Option{fakeiam.CertificatesPerUser(5), fakeiam.User("Bob").AccessKey(bobKey).SigningCertificate(certs(1, 6)...)}
	deleteCert := func(i int) func(context.Context, *iam.Client) error {
		return func(ctx context.Context, c *iam.Client) error {
			_, err := c.DeleteSigningCertificate(ctx, &iam.DeleteSigningCertificateInput{UserName: bob, CertificateId: aws.String(cert(i).ID)})
			return err
		}
	}
	runListScenarios(t, []scenario{
		{name: "default MaxItems is 100", seed: many, call: list(bob, nil, nil),
			want: truncated(listed("Bob", certs(0, 100)...))},
		{name: "default MaxItems, second page", seed: many,
			call: thenList(nil, iam.ListSigningCertificatesInput{UserName: bob}, nil, nil, iam.ListSigningCertificatesInput{UserName: bob}),
			want: page(listed("Bob", certs(100, 150)...))},
		{name: "MaxItems 1000 returns all 150", seed: many, call: list(bob, nil, aws.Int32(1000)),
			want: page(listed("Bob", certs(0, 150)...))},
		{name: "MaxItems 149 of 150", seed: many, call: list(bob, nil, aws.Int32(149)),
			want: truncated(listed("Bob", certs(0, 149)...))},
		{name: "MaxItems 1, first page", seed: two, call: list(bob, nil, aws.Int32(1)),
			want: truncated(listed("Bob", cert(1)))},
		{name: "MaxItems 1, last page", seed: two,
			call: thenList(nil, iam.ListSigningCertificatesInput{UserName: bob, MaxItems: aws.Int32(1)}, nil, nil,
				iam.ListSigningCertificatesInput{UserName: bob, MaxItems: aws.Int32(1)}),
			want: page(listed("Bob", cert(2)))},
		{name: "the next page may use another MaxItems", seed: five,
			call: thenList(nil, iam.ListSigningCertificatesInput{UserName: bob, MaxItems: aws.Int32(1)}, nil, nil,
				iam.ListSigningCertificatesInput{UserName: bob, MaxItems: aws.Int32(3)}),
			want: truncated(listed("Bob", certs(2, 5)...))},
		{name: "implicit caller pages too", seed: five, client: asKey(bobKey),
			call: thenList(nil, iam.ListSigningCertificatesInput{MaxItems: aws.Int32(2)}, nil, nil,
				iam.ListSigningCertificatesInput{MaxItems: aws.Int32(2)}),
			want: truncated(listed("Bob", certs(3, 5)...))},
		{name: "marker of a named user continues the implicit caller's listing", seed: five, client: asKey(bobKey),
			call: thenList(nil, iam.ListSigningCertificatesInput{UserName: bob, MaxItems: aws.Int32(2)}, nil, nil,
				iam.ListSigningCertificatesInput{MaxItems: aws.Int32(10)}),
			want: page(listed("Bob", certs(3, 6)...))},
		// Continuing after changes: certificates that existed throughout are
		// neither repeated nor skipped.
		{name: "continue after deleting the last returned certificate", seed: five,
			call: thenList(nil, iam.ListSigningCertificatesInput{UserName: bob, MaxItems: aws.Int32(2)}, deleteCert(2), nil,
				iam.ListSigningCertificatesInput{UserName: bob, MaxItems: aws.Int32(2)}),
			want: truncated(listed("Bob", certs(3, 5)...))},
		{name: "continue after deleting an earlier certificate", seed: five,
			call: thenList(nil, iam.ListSigningCertificatesInput{UserName: bob, MaxItems: aws.Int32(2)}, deleteCert(1), nil,
				iam.ListSigningCertificatesInput{UserName: bob, MaxItems: aws.Int32(10)}),
			want: page(listed("Bob", certs(3, 6)...))},
		{name: "continue after uploading a certificate", seed: []fakeiam.Option{fakeiam.CertificatesPerUser(6), five[1]},
			call: thenList(nil, iam.ListSigningCertificatesInput{UserName: bob, MaxItems: aws.Int32(2)},
				func(ctx context.Context, c *iam.Client) error {
					// Uploaded now (DefaultTime()), after every seeded certificate.
					// The error is not returned: the reference answers every
					// call with the list's XML, which no upload decodes. The
					// want proves the upload happened: the new certificate is
					// what remains after the page (IsTruncated).
					c.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{UserName: bob, CertificateBody: aws.String(fakeiam.CertificatePEM("new"))})
					return nil
				}, nil,
				iam.ListSigningCertificatesInput{UserName: bob, MaxItems: aws.Int32(3)}),
			want: truncated(listed("Bob", certs(3, 6)...))},
	})
}

func TestListSigningCertificatesImplicitCaller(t *testing.T) {
	bobSeed := fakeiam.User("Bob").AccessKey(bobKey).SigningCertificate(cert(1))
	aliceSeed := fakeiam.User("Alice").AccessKey(aliceKey).SigningCertificate(cert(2))
	rootSeed := fakeiam.Root().SigningCertificate(cert(3), cert(4))
	roleSeed := fakeiam.Role("Deployer").AccessKey(roleKey)
	all := []fakeiam.Option{bobSeed, aliceSeed, rootSeed, roleSeed}
	runListScenarios(t, []scenario{
		{name: "user key: that user's certificates", seed: all, client: asKey(bobKey), call: list(nil, nil, nil),
			want: page(listed("Bob", cert(1)))},
		{name: "user client: that user's certificates", seed: all, client: func(f *fakeiam.Fake) *iam.Client { return f.User("Alice").Client() },
			call: list(nil, nil, nil), want: page(listed("Alice", cert(2)))},
		{name: "user key naming another user: that user's certificates (no policies)", seed: all, client: asKey(bobKey),
			call: list(aws.String("Alice"), nil, nil), want: page(listed("Alice", cert(2)))},
		{name: "root key: root's own certificates as <root_account>", seed: all, call: list(nil, nil, nil),
			want: page(listed("<root_account>", cert(3), cert(4)))},
		{name: "root key with RootUserName", seed: append([]fakeiam.Option{fakeiam.RootUserName("root")}, all...), call: list(nil, nil, nil),
			want: page(listed("root", cert(3), cert(4)))},
		{name: "root key in an account with no users", seed: []fakeiam.Option{rootSeed}, call: list(nil, nil, nil),
			want: page(listed("<root_account>", cert(3), cert(4)))},
		{name: "root key, no users and no certificates", call: list(nil, nil, nil), want: page([]types.SigningCertificate{})},
		{name: "root key pages its own certificates", seed: []fakeiam.Option{rootSeed}, call: list(nil, nil, aws.Int32(1)),
			want: truncated(listed("<root_account>", cert(3)))},
		{name: "root key, second page", seed: []fakeiam.Option{rootSeed},
			call: thenList(nil, iam.ListSigningCertificatesInput{MaxItems: aws.Int32(1)}, nil, nil, iam.ListSigningCertificatesInput{MaxItems: aws.Int32(1)}),
			want: page(listed("<root_account>", cert(4)))},
		{name: "root key naming a user", seed: all, call: list(aws.String("Bob"), nil, nil), want: page(listed("Bob", cert(1)))},
		{name: "role key without UserName", seed: all, client: asKey(roleKey), call: list(nil, nil, nil),
			wantErr: validationError("Must specify userName when calling with non-User credentials")},
		{name: "role key without UserName: validation first", seed: all, client: asKey(roleKey), call: list(nil, nil, aws.Int32(0)),
			wantErr: validationError("1 validation error detected: " + maxItemsTooSmall)},
		{name: "role key with UserName", seed: all, client: asKey(roleKey), call: list(aws.String("Bob"), nil, nil),
			want: page(listed("Bob", cert(1)))},
		{name: "unknown key", seed: all, client: asKey(fakeiam.AccessKey{ID: "AKIAUNKNOWNKEY000001"}), call: list(nil, nil, nil),
			wantErr: &fakeiam.Error{Code: "InvalidClientTokenId", Status: 403, Message: "The security token included in the request is invalid."}},
		{name: "unknown key: authentication before validation", seed: all, client: asKey(fakeiam.AccessKey{ID: "AKIAUNKNOWNKEY000001"}),
			call:    list(aws.String(""), nil, aws.Int32(0)),
			wantErr: &fakeiam.Error{Code: "InvalidClientTokenId", Status: 403, Message: "The security token included in the request is invalid."}},
		{name: "unsigned", seed: all,
			client: func(f *fakeiam.Fake) *iam.Client {
				return f.Client(func(o *iam.Options) { o.Credentials = aws.AnonymousCredentials{} })
			},
			call:    list(aws.String("Bob"), nil, aws.Int32(0)),
			wantErr: &fakeiam.Error{Code: "MissingAuthenticationToken", Status: 403, Message: "Request is missing Authentication Token"}},
		{name: "wrong secret", seed: all,
			client: func(f *fakeiam.Fake) *iam.Client {
				return iam.New(iam.Options{Region: "us-east-1", Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
					return aws.Credentials{AccessKeyID: bobKey.ID, SecretAccessKey: "not-" + bobKey.Secret}, nil
				})}, f.Attach)
			},
			call: list(nil, nil, nil),
			wantErr: &fakeiam.Error{Code: "SignatureDoesNotMatch", Status: 403, Message: "The request signature we calculated does not match the signature you provided. " +
				"Check your AWS Secret Access Key and signing method. Consult the service documentation for details."}},
		// The fake's own clients skip recomputing the signature only for the
		// credentials the fake issued; credentials replaced by an option are
		// verified like any others.
		{name: "wrong secret on a fake-built client", seed: all,
			client: func(f *fakeiam.Fake) *iam.Client {
				return f.ClientWithAccessKey(bobKey.ID, func(o *iam.Options) {
					o.Credentials = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
						return aws.Credentials{AccessKeyID: bobKey.ID, SecretAccessKey: "not-" + bobKey.Secret}, nil
					})
				})
			},
			call: list(nil, nil, nil),
			wantErr: &fakeiam.Error{Code: "SignatureDoesNotMatch", Status: 403, Message: "The request signature we calculated does not match the signature you provided. " +
				"Check your AWS Secret Access Key and signing method. Consult the service documentation for details."}},
		{name: "another fake's credentials for a key both know", seed: all,
			client: func(f *fakeiam.Fake) *iam.Client {
				other := newFake(fakeiam.User("Bob").AccessKey(fakeiam.AccessKey{ID: bobKey.ID, Secret: "other-fakes-secret"}))
				return f.ClientWithAccessKey(bobKey.ID, func(o *iam.Options) { o.Credentials = other.ClientWithAccessKey(bobKey.ID).Options().Credentials })
			},
			call: list(nil, nil, nil),
			wantErr: &fakeiam.Error{Code: "SignatureDoesNotMatch", Status: 403, Message: "The request signature we calculated does not match the signature you provided. " +
				"Check your AWS Secret Access Key and signing method. Consult the service documentation for details."}},
		{name: "another fake's credentials for the same key and secret", seed: all,
			client: func(f *fakeiam.Fake) *iam.Client {
				other := newFake(fakeiam.User("Bob").AccessKey(bobKey))
				return f.ClientWithAccessKey(bobKey.ID, func(o *iam.Options) { o.Credentials = other.ClientWithAccessKey(bobKey.ID).Options().Credentials })
			},
			call: list(nil, nil, nil),
			want: page(listed("Bob", cert(1)))},
		{name: "an empty key id", seed: all, client: func(f *fakeiam.Fake) *iam.Client { return f.ClientWithAccessKey("") },
			call:    list(nil, nil, nil),
			wantErr: &fakeiam.Error{Code: "MissingAuthenticationToken", Status: 403, Message: "Request is missing Authentication Token"}},
	})
}

func TestListSigningCertificatesMarkers(t *testing.T) {
	bob := aws.String("Bob")
	seed := []fakeiam.Option{
		fakeiam.User("Bob").AccessKey(bobKey).SigningCertificate(certs(1, 3)...),
		fakeiam.User("Alice").AccessKey(aliceKey).SigningCertificate(certs(3, 5)...),
		fakeiam.Root().SigningCertificate(certs(5, 7)...),
		fakeiam.Account(otherAccount,
			fakeiam.Root().AccessKey(otherRoot),
			fakeiam.User("Bob").AccessKey(otherBobKey).SigningCertificate(certs(11, 13)...)),
	}
	one := aws.Int32(1)
	bobFirst := iam.ListSigningCertificatesInput{UserName: bob, MaxItems: one}
	bobNext := iam.ListSigningCertificatesInput{UserName: bob, MaxItems: one}
	flip := func(i int) func(string) string { return func(m string) string { return flipChar(m, i) } }
	otherFake := func(opts ...fakeiam.Option) func(*iam.Client) *iam.Client {
		return func(*iam.Client) *iam.Client {
			return newFake(append(seed[:len(seed):len(seed)], opts...)...).Client()
		}
	}
	runListScenarios(t, []scenario{
		{name: "real marker", seed: seed, call: thenList(nil, bobFirst, nil, nil, bobNext), want: page(listed("Bob", cert(2)))},
		{name: "garbage", seed: seed, call: list(bob, aws.String("garbage"), nil), wantErr: invalidMarker},
		{name: "garbage of base64 shape", seed: seed, call: list(bob, aws.String(strings.Repeat("QUFB", 19)), nil), wantErr: invalidMarker},
		{name: "tampered: first character", seed: seed, call: thenList(nil, bobFirst, nil, flip(0), bobNext), wantErr: invalidMarker},
		{name: "tampered: middle character", seed: seed, call: thenList(nil, bobFirst, nil, flip(20), bobNext), wantErr: invalidMarker},
		{name: "tampered: last character", seed: seed, call: thenList(nil, bobFirst, nil, flip(-1), bobNext), wantErr: invalidMarker},
		{name: "truncated marker", seed: seed, call: thenList(nil, bobFirst, nil, func(m string) string { return m[:len(m)-4] }, bobNext), wantErr: invalidMarker},
		{name: "extended marker", seed: seed, call: thenList(nil, bobFirst, nil, func(m string) string { return m + "AAAA" }, bobNext), wantErr: invalidMarker},
		{name: "another user's marker", seed: seed,
			call: thenList(nil, iam.ListSigningCertificatesInput{UserName: aws.String("Alice"), MaxItems: one}, nil, nil, bobNext), wantErr: invalidMarker},
		{name: "the root's marker for a user", seed: seed,
			call: thenList(nil, iam.ListSigningCertificatesInput{MaxItems: one}, nil, nil, bobNext), wantErr: invalidMarker},
		{name: "a user's marker for the implicit root", seed: seed,
			call: thenList(nil, bobFirst, nil, nil, iam.ListSigningCertificatesInput{MaxItems: one}), wantErr: invalidMarker},
		{name: "the same user's marker from another account", seed: seed,
			call:    thenList(func(c *iam.Client) *iam.Client { return withKey(c, otherBobKey) }, iam.ListSigningCertificatesInput{MaxItems: one}, nil, nil, bobNext),
			wantErr: invalidMarker},
		{name: "another account's marker, implicit caller", seed: seed, client: asKey(bobKey),
			call: thenList(func(c *iam.Client) *iam.Client { return withKey(c, otherBobKey) }, iam.ListSigningCertificatesInput{MaxItems: one}, nil, nil,
				iam.ListSigningCertificatesInput{MaxItems: one}),
			wantErr: invalidMarker},
		{name: "the root's marker for a user of the name RootUserName gives the root",
			seed: []fakeiam.Option{fakeiam.RootUserName("Bob"), fakeiam.User("Bob").SigningCertificate(certs(1, 3)...), fakeiam.Root().SigningCertificate(certs(3, 5)...)},
			call: thenList(nil, iam.ListSigningCertificatesInput{MaxItems: one}, nil, nil, bobNext), wantErr: invalidMarker},
		{name: "a user's marker for the root when RootUserName is that user's name",
			seed: []fakeiam.Option{fakeiam.RootUserName("Bob"), fakeiam.User("Bob").SigningCertificate(certs(1, 3)...), fakeiam.Root().SigningCertificate(certs(3, 5)...)},
			call: thenList(nil, bobFirst, nil, nil, iam.ListSigningCertificatesInput{MaxItems: one}), wantErr: invalidMarker},
		{name: "a marker from a fake with another seed", seed: seed,
			call: thenList(otherFake(fakeiam.WithSeed(42)), bobFirst, nil, nil, bobNext), wantErr: invalidMarker},
		{name: "a marker from a fake with another state", seed: seed,
			call: thenList(func(*iam.Client) *iam.Client {
				return newFake(fakeiam.WithSeed(7), fakeiam.User("Bob").SigningCertificate(certs(1, 3)...)).Client()
			}, bobFirst, nil, nil, bobNext), wantErr: invalidMarker},
	})
}

// flipChar changes the character at i (from the end when negative) to
// another character of the base64url alphabet, differing in its lowest bit.
func flipChar(m string, i int) string {
	if i < 0 {
		i += len(m)
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	b := []byte(m)
	if j := strings.IndexByte(alphabet, b[i]); j >= 0 {
		b[i] = alphabet[j^1]
	} else {
		b[i] = 'A'
	}
	return string(b)
}

// TestMarkersRejectEverySingleCharacterChange flips every character of real
// markers (ids of several lengths, so base64 has 0, 2 and 4 padding bits)
// and requires each to be refused.
func TestMarkersRejectEverySingleCharacterChange(t *testing.T) {
	for _, idLen := range []int{24, 28, 32, 128} {
		t.Run(fmt.Sprint("id length ", idLen), func(t *testing.T) {
			id := func(i int) string { return fmt.Sprintf("%0*d", idLen, i) }
			f := newFake(fakeiam.User("Bob").SigningCertificate(
				fakeiam.SigningCertificate{ID: id(1), Body: "b1", UploadDate: t0},
				fakeiam.SigningCertificate{ID: id(2), Body: "b2", UploadDate: t0}))
			c := f.Client()
			ctx := context.Background()
			out, err := c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: aws.String("Bob"), MaxItems: aws.Int32(1)})
			if err != nil || out.Marker == nil {
				t.Fatalf("first page: %v, %+v", err, out)
			}
			m := *out.Marker
			checkMarkerShape(t, m)
			next, err := c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: aws.String("Bob"), Marker: &m})
			if err != nil {
				t.Fatalf("real marker refused: %v", err)
			}
			if diff := cmp.Diff([]string{id(2)}, certIDs(next.Certificates)); diff != "" {
				t.Errorf("real marker continues wrongly (-want +got):\n%s", diff)
			}
			for i := range m {
				tampered := flipChar(m, i)
				_, err := c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: aws.String("Bob"), Marker: &tampered})
				if got := apiErrorMessage(err); got != "Invalid Marker." {
					t.Errorf("marker with character %d changed (%q): got %v, want Invalid Marker.", i, tampered, err)
				}
			}
		})
	}
}

func TestListSigningCertificatesAccounts(t *testing.T) {
	seed := []fakeiam.Option{
		fakeiam.User("Bob").AccessKey(bobKey).SigningCertificate(cert(1)),
		fakeiam.User("Alice").SigningCertificate(cert(2)),
		fakeiam.Root().SigningCertificate(cert(3)),
		fakeiam.Account(otherAccount,
			fakeiam.Root().AccessKey(otherRoot).SigningCertificate(cert(13)),
			fakeiam.User("Bob").AccessKey(otherBobKey).SigningCertificate(cert(11))),
	}
	runListScenarios(t, []scenario{
		{name: "default account root sees its Bob", seed: seed, call: list(aws.String("Bob"), nil, nil), want: page(listed("Bob", cert(1)))},
		{name: "other account's Bob, implicit", seed: seed, client: asKey(otherBobKey), call: list(nil, nil, nil), want: page(listed("Bob", cert(11)))},
		{name: "other account's Bob, named", seed: seed, client: asKey(otherBobKey), call: list(aws.String("Bob"), nil, nil), want: page(listed("Bob", cert(11)))},
		{name: "other account's root sees its own Bob", seed: seed, client: asKey(otherRoot), call: list(aws.String("Bob"), nil, nil), want: page(listed("Bob", cert(11)))},
		{name: "other account's root, implicit", seed: seed, client: asKey(otherRoot), call: list(nil, nil, nil), want: page(listed("<root_account>", cert(13)))},
		{name: "other account never sees the default account's users", seed: seed, client: asKey(otherRoot), call: list(aws.String("Alice"), nil, nil),
			wantErr: noSuchUser("Alice")},
		{name: "default account never sees the other account's users", seed: []fakeiam.Option{fakeiam.Account(otherAccount, fakeiam.User("Carol"))},
			call: list(aws.String("Carol"), nil, nil), wantErr: noSuchUser("Carol")},
		{name: "another account declared with Account", seed: []fakeiam.Option{fakeiam.Account(otherAccount, fakeiam.User("Bob").AccessKey(otherBobKey).SigningCertificate(cert(11)))},
			client: asKey(otherBobKey), call: list(nil, nil, nil), want: page(listed("Bob", cert(11)))},
	})

	// Whose keys are whose: the call log names the account of each caller.
	f := newFake(seed...)
	ctx := context.Background()
	for _, c := range []*iam.Client{f.Client(), f.ClientWithAccessKey(otherRoot.ID), f.User("Bob").Client(), f.ClientWithAccessKey(otherBobKey.ID)} {
		if _, err := c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{}); err != nil {
			t.Fatal(err)
		}
	}
	var got []fakeiam.Caller
	for _, c := range logged(t, f) {
		got = append(got, c.Caller)
	}
	want := []fakeiam.Caller{
		{Account: "123456789012", ARN: "arn:aws:iam::123456789012:root", AccessKeyID: mustKeys(t, f, "")[0]},
		{Account: otherAccount, ARN: "arn:aws:iam::210987654321:root", AccessKeyID: otherRoot.ID},
		{Account: "123456789012", ARN: "arn:aws:iam::123456789012:user/Bob", AccessKeyID: bobKey.ID, UserName: "Bob"},
		{Account: otherAccount, ARN: "arn:aws:iam::210987654321:user/Bob", AccessKeyID: otherBobKey.ID, UserName: "Bob"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("callers (-want +got):\n%s", diff)
	}
}

// TestListSigningCertificatesMoto pins each place IAM-SPEC.md says moto gets
// ListSigningCertificates wrong. (moto answers MaxItems=abc with an HTML
// 500; in Go MaxItems is an *int32, so that input cannot be built.)
func TestListSigningCertificatesMoto(t *testing.T) {
	bob := aws.String("Bob")
	seed := []fakeiam.Option{fakeiam.User("Bob").AccessKey(bobKey).SigningCertificate(certs(1, 3)...)}
	runListScenarios(t, []scenario{
		{name: "moto: MaxItems honored", seed: seed, call: list(bob, nil, aws.Int32(1)), want: truncated(listed("Bob", cert(1)))},
		{name: "moto: Marker honored", seed: seed,
			call: thenList(nil, iam.ListSigningCertificatesInput{UserName: bob, MaxItems: aws.Int32(1)}, nil, nil, iam.ListSigningCertificatesInput{UserName: bob}),
			want: page(listed("Bob", cert(2)))},
		{name: "moto: IsTruncated present", seed: seed, call: list(bob, nil, aws.Int32(1)), want: truncated(listed("Bob", cert(1)))},
		{name: "moto: implicit caller resolved", seed: seed, client: asKey(bobKey), call: list(nil, nil, nil), want: page(listed("Bob", certs(1, 3)...))},
		{name: "moto: constraints validated", seed: seed, call: list(bob, nil, aws.Int32(0)),
			wantErr: validationError("1 validation error detected: " + maxItemsTooSmall)},
	})
}

func TestListSigningCertificatesPaginator(t *testing.T) {
	for _, tc := range []struct {
		name      string
		seed      []fakeiam.Option
		maxItems  *int32
		wantPages []int // certificates per page
		want      []types.SigningCertificate
	}{
		{name: "MaxItems 1", seed: []fakeiam.Option{fakeiam.CertificatesPerUser(5), fakeiam.User("Bob").SigningCertificate(certs(1, 6)...)},
			maxItems: aws.Int32(1), wantPages: []int{1, 1, 1, 1, 1}, want: listed("Bob", certs(1, 6)...)},
		{name: "MaxItems 2 of 5", seed: []fakeiam.Option{fakeiam.CertificatesPerUser(5), fakeiam.User("Bob").SigningCertificate(certs(1, 6)...)},
			maxItems: aws.Int32(2), wantPages: []int{2, 2, 1}, want: listed("Bob", certs(1, 6)...)},
		{name: "default MaxItems of 150", seed: []fakeiam.Option{fakeiam.CertificatesPerUser(150), fakeiam.User("Bob").SigningCertificate(certs(0, 150)...)},
			wantPages: []int{100, 50}, want: listed("Bob", certs(0, 150)...)},
		{name: "empty", seed: []fakeiam.Option{fakeiam.User("Bob")}, maxItems: aws.Int32(1), wantPages: []int{0}, want: []types.SigningCertificate{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(tc.seed...)
			p := iam.NewListSigningCertificatesPaginator(f.Client(), &iam.ListSigningCertificatesInput{UserName: aws.String("Bob"), MaxItems: tc.maxItems})
			got := []types.SigningCertificate{}
			var pages []int
			for p.HasMorePages() {
				out, err := p.NextPage(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				checkListShape(t, out)
				pages = append(pages, len(out.Certificates))
				got = append(got, out.Certificates...)
				if len(pages) > 1000 {
					t.Fatal("paginator does not stop")
				}
			}
			if diff := cmp.Diff(tc.wantPages, pages); diff != "" {
				t.Errorf("page sizes (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.want, got, cmpopts.IgnoreUnexported(types.SigningCertificate{})); diff != "" {
				t.Errorf("certificates (-want +got):\n%s", diff)
			}
			// The paginator sent the previous page's marker each time.
			calls := logged(t, f, fakeiam.ListSigningCertificates)
			if len(calls) != len(tc.wantPages) {
				t.Fatalf("%d calls, want %d", len(calls), len(tc.wantPages))
			}
			for i, c := range calls {
				in := c.Input.(*iam.ListSigningCertificatesInput)
				var want *string
				if i > 0 {
					want = calls[i-1].Output.(*iam.ListSigningCertificatesOutput).Marker
				}
				if diff := cmp.Diff(want, in.Marker); diff != "" {
					t.Errorf("call %d marker (-want +got):\n%s", i, diff)
				}
			}
		})
	}
}

func certIDs(cs []types.SigningCertificate) []string {
	ids := []string{}
	for _, c := range cs {
		ids = append(ids, aws.ToString(c.CertificateId))
	}
	return ids
}

// apiErrorMessage is the IAM error message err carries, or err's text when
// it is no API error ("" for nil).
func apiErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var ae interface{ ErrorMessage() string }
	if errors.As(err, &ae) {
		return ae.ErrorMessage()
	}
	return err.Error()
}

func mustKeys(t *testing.T, f *fakeiam.Fake, user string) []string {
	t.Helper()
	p := f.Root()
	if user != "" {
		p = f.User(user)
	}
	keys, err := p.AccessKeys()
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(keys))
	for i, k := range keys {
		ids[i] = k.ID
	}
	return ids
}
