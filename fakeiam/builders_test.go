package fakeiam_test

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"math"
	"regexp"
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

// badSeeds are seeds IAM itself would refuse, and what New's error must say.
var badSeeds = []struct {
	name string
	seed []fakeiam.Option
	want []string // substrings of the error, all required
}{
	{"bad user name", []fakeiam.Option{fakeiam.User("bad name")}, []string{`user "bad name"`, "1 to 128 characters"}},
	{"empty user name", []fakeiam.Option{fakeiam.User("")}, []string{`user ""`}},
	{"129-character user name", []fakeiam.Option{fakeiam.User(strings.Repeat("u", 129))}, []string{`user "` + strings.Repeat("u", 129) + `"`, "1 to 128 characters"}},
	{"duplicate user", []fakeiam.Option{fakeiam.User("Bob"), fakeiam.User("Bob")}, []string{`user "Bob" seeded twice`}},
	{"users differing only in case", []fakeiam.Option{fakeiam.User("Bob"), fakeiam.User("BOB")},
		[]string{`user "Bob" and user "BOB": IAM user names are unique regardless of case`}},
	{"3 certificates on a user", []fakeiam.Option{fakeiam.User("Bob").SigningCertificate(certs(1, 4)...)},
		[]string{`user "Bob"`, "3 signing certificates exceed the quota of 2", "CertificatesPerUser"}},
	{"3 certificates on the root", []fakeiam.Option{fakeiam.Root().SigningCertificate(certs(1, 4)...)},
		[]string{"root", "3 signing certificates exceed the quota of 2"}},
	{"3 certificates across two Root seeds", []fakeiam.Option{fakeiam.Root().SigningCertificate(cert(1), cert(2)), fakeiam.Root().SigningCertificate(cert(3))},
		[]string{"root", "3 signing certificates exceed the quota of 2"}},
	{"CertificatesPerUser below the seeds", []fakeiam.Option{fakeiam.CertificatesPerUser(1), fakeiam.User("Bob").SigningCertificate(certs(1, 3)...)},
		[]string{"2 signing certificates exceed the quota of 1"}},
	{"negative CertificatesPerUser", []fakeiam.Option{fakeiam.CertificatesPerUser(-1)}, []string{"CertificatesPerUser(-1)"}},
	{"duplicate certificate id, two users", []fakeiam.Option{
		fakeiam.User("Bob").SigningCertificate(cert(1)),
		fakeiam.User("Alice").SigningCertificate(fakeiam.SigningCertificate{ID: cert(1).ID, Body: "other"})},
		[]string{"(\"" + cert(1).ID + "\"): id seeded twice"}},
	{"duplicate certificate id across accounts", []fakeiam.Option{
		fakeiam.User("Bob").SigningCertificate(cert(1)),
		fakeiam.Account(otherAccount, fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{ID: cert(1).ID, Body: "other"}))},
		[]string{"(\"" + cert(1).ID + "\"): id seeded twice"}},
	{"duplicate body in an account", []fakeiam.Option{
		fakeiam.User("Bob").SigningCertificate(cert(1)),
		fakeiam.User("Alice").SigningCertificate(fakeiam.SigningCertificate{ID: cert(2).ID, Body: cert(1).Body})},
		[]string{cert(2).ID, "the same certificate as " + cert(1).ID}},
	{"duplicate body on one user", []fakeiam.Option{fakeiam.User("Bob").SigningCertificate(
		fakeiam.SigningCertificate{Body: "same"}, fakeiam.SigningCertificate{Body: "same"})}, []string{"the same certificate as"}},
	{"certificate id too short", []fakeiam.Option{fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{ID: "SHORT"})},
		[]string{`certificate 1 ("SHORT"): id:`, "24 to 128"}},
	{"certificate id with a dash", []fakeiam.Option{fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{ID: "TA7SMP42TDN5Z26OBPJE7-EXAMPLE"})},
		[]string{`certificate 1 ("TA7SMP42TDN5Z26OBPJE7-EXAMPLE"): id:`}},
	{"certificate id of 129 characters", []fakeiam.Option{fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{ID: strings.Repeat("A", 129)})},
		[]string{"24 to 128"}},
	{"status Bogus", []fakeiam.Option{fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{Status: "Bogus"})},
		[]string{`status "Bogus"`, "Active, Inactive or Expired"}},
	{"every problem of one certificate", []fakeiam.Option{fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{ID: "short", Status: "Bogus", Body: "\u0100"})},
		[]string{`certificate 1 ("short"): id: IAM certificate ids are 24 to 128`, "; body: IAM stores bodies", `; status "Bogus"`}},
	{"body with a character IAM refuses", []fakeiam.Option{fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{Body: "\u0100"})},
		[]string{"bodies of 1 to 16384 characters"}},
	{"account id too short", []fakeiam.Option{fakeiam.Account("12345")}, []string{`account "12345"`, "12 digits"}},
	{"account id not digits", []fakeiam.Option{fakeiam.Account("abcdefghijkl")}, []string{`account "abcdefghijkl"`}},
	{"duplicate access key, two users", []fakeiam.Option{
		fakeiam.User("Bob").AccessKey(fakeiam.AccessKey{ID: bobKey.ID, Secret: "s1"}), fakeiam.User("Alice").AccessKey(fakeiam.AccessKey{ID: bobKey.ID, Secret: "s2"})},
		[]string{"access key \"" + bobKey.ID + "\": seeded twice"}},
	{"duplicate access key across accounts", []fakeiam.Option{
		fakeiam.User("Bob").AccessKey(fakeiam.AccessKey{ID: bobKey.ID, Secret: "s1"}), fakeiam.Account(otherAccount, fakeiam.Root().AccessKey(fakeiam.AccessKey{ID: bobKey.ID, Secret: "s2"}))},
		[]string{"access key \"" + bobKey.ID + "\": seeded twice"}},
	{"access key id too short", []fakeiam.Option{fakeiam.User("Bob").AccessKey(fakeiam.AccessKey{ID: "AKIA", Secret: "s"})}, []string{`access key "AKIA": IAM key ids are 16 to 128`}},
	{"role with a certificate", []fakeiam.Option{fakeiam.Role("Deployer").SigningCertificate(cert(1))}, []string{`role "Deployer"`, "no signing certificates"}},
	{"nil option", []fakeiam.Option{fakeiam.User("Bob"), nil}, []string{"option 1 is nil"}},
	{"nil seed", []fakeiam.Option{(*fakeiam.PrincipalSeed)(nil)}, []string{"nil seed"}},
	{"nil option inside Account", []fakeiam.Option{fakeiam.Account(otherAccount, nil)}, []string{"option 0 is nil"}},
	{"nil clock", []fakeiam.Option{fakeiam.WithClock(nil)}, []string{"nil clock"}},
	{"nil clock function", []fakeiam.Option{fakeiam.WithClock((nil))}, []string{"nil clock"}},
	{"empty RootUserName", []fakeiam.Option{fakeiam.RootUserName("")}, []string{"RootUserName"}},
	{"every problem is named", []fakeiam.Option{fakeiam.User("bad name"), fakeiam.User("Bob"), fakeiam.User("Bob")},
		[]string{`user "bad name"`, `user "Bob" seeded twice`}},
}

func TestNewRefusesBadSeeds(t *testing.T) {
	for _, tc := range badSeeds {
		t.Run(tc.name, func(t *testing.T) {
			f, err := fakeiam.New(tc.seed...)
			if err == nil {
				t.Fatalf("New succeeded, want an error naming %q", tc.want)
			}
			if f != nil {
				t.Errorf("New returned a fake with its error")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "fakeiam: ") {
				t.Errorf("error %q does not start with fakeiam:", msg)
			}
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not contain %q", msg, w)
				}
			}
		})
	}
}

func TestMustNewPanicsOnBadSeeds(t *testing.T) {
	for _, tc := range badSeeds {
		t.Run(tc.name, func(t *testing.T) {
			msg := func() (msg string) {
				defer func() {
					r := recover()
					if r == nil {
						return
					}
					if err, ok := r.(error); ok {
						msg = err.Error()
					} else {
						msg = fmt.Sprint(r)
					}
				}()
				fakeiam.MustNew(tc.seed...)
				return ""
			}()
			if msg == "" {
				t.Fatal("MustNew did not panic")
			}
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("panic %q does not contain %q", msg, w)
				}
			}
		})
	}
}

func TestGoodSeeds(t *testing.T) {
	for _, tc := range []struct {
		name  string
		seed  []fakeiam.Option
		user  string // "" for the root
		want  []types.SigningCertificate
		other string // other account user's certificates checked via a client
	}{
		{name: "CertificatesPerUser lifts the quota", seed: []fakeiam.Option{fakeiam.CertificatesPerUser(3), fakeiam.User("Bob").SigningCertificate(certs(1, 4)...)},
			user: "Bob", want: listedCertificates("Bob", certs(1, 4)...)},
		{name: "CertificatesPerUser lifts the root's quota", seed: []fakeiam.Option{fakeiam.CertificatesPerUser(3), fakeiam.Root().SigningCertificate(certs(1, 4)...)},
			want: listedCertificates("<root_account>", certs(1, 4)...)},
		{name: "two Root seeds add up", seed: []fakeiam.Option{fakeiam.Root().SigningCertificate(cert(1)), fakeiam.Root().SigningCertificate(cert(2))},
			want: listedCertificates("<root_account>", cert(1), cert(2))},
		{name: "quota counts per user", seed: []fakeiam.Option{fakeiam.User("Bob").SigningCertificate(cert(1), cert(2)), fakeiam.User("Alice").SigningCertificate(cert(3), cert(4))},
			user: "Alice", want: listedCertificates("Alice", cert(3), cert(4))},
		{name: "the same body in two accounts", seed: []fakeiam.Option{
			fakeiam.User("Bob").SigningCertificate(cert(1)),
			fakeiam.Account(otherAccount, fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{ID: cert(2).ID, Body: cert(1).Body}))},
			user: "Bob", want: listedCertificates("Bob", cert(1))},
		{name: "the same user name in two accounts", seed: []fakeiam.Option{fakeiam.User("Bob"), fakeiam.Account(otherAccount, fakeiam.User("Bob"))},
			user: "Bob", want: []types.SigningCertificate{}},
		{name: "Inactive status kept", seed: []fakeiam.Option{fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{ID: docID, Body: docBody, UploadDate: docDate, Status: types.StatusTypeInactive})},
			user: "Bob", want: []types.SigningCertificate{sc("Bob", docID, docBody, types.StatusTypeInactive, docDate)}},
		{name: "bodies stored verbatim, trailing newline and CRLF included",
			seed: []fakeiam.Option{fakeiam.User("Bob").SigningCertificate(
				fakeiam.SigningCertificate{ID: cert(1).ID, Body: "-----BEGIN CERTIFICATE-----\r\n\tx y \r\n-----END CERTIFICATE-----\n\n", UploadDate: t0})},
			user: "Bob", want: []types.SigningCertificate{sc("Bob", cert(1).ID, "-----BEGIN CERTIFICATE-----\r\n\tx y \r\n-----END CERTIFICATE-----\n\n", types.StatusTypeActive, t0)}},
		{name: "upload dates are whole seconds in UTC",
			seed: []fakeiam.Option{fakeiam.User("Bob").SigningCertificate(
				fakeiam.SigningCertificate{ID: cert(1).ID, Body: "b", UploadDate: t0.Add(999 * time.Millisecond).In(time.FixedZone("X", 3600))})},
			user: "Bob", want: []types.SigningCertificate{sc("Bob", cert(1).ID, "b", types.StatusTypeActive, t0)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := newFakeE(tc.seed...)
			if err != nil {
				t.Fatal(err)
			}
			var got []types.SigningCertificate
			if tc.user == "" {
				got = mustCertificates(t, f.Root())
			} else if got, err = f.User(tc.user).SigningCertificates(); err != nil {
				t.Fatal(err)
			}
			opts := cmpopts.IgnoreUnexported(types.SigningCertificate{})
			if diff := cmp.Diff(tc.want, got, opts); diff != "" {
				t.Errorf("state (-want +got):\n%s", diff)
			}
			// The client lists the same thing.
			in := &iam.ListSigningCertificatesInput{}
			if tc.user != "" {
				in.UserName = aws.String(tc.user)
			}
			out, err := f.Client().ListSigningCertificates(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, out.Certificates, opts); diff != "" {
				t.Errorf("listed (-want +got):\n%s", diff)
			}
		})
	}
}

var iamID = regexp.MustCompile(`^[A-Z0-9]{24,}$`)

func TestSeedDefaults(t *testing.T) {
	f := newFake(
		fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{}, fakeiam.SigningCertificate{Status: types.StatusTypeInactive}),
		fakeiam.User("Alice").SigningCertificate(fakeiam.SigningCertificate{}),
		fakeiam.Root().SigningCertificate(fakeiam.SigningCertificate{}),
		fakeiam.Account(otherAccount, fakeiam.User("Bob").AccessKey(otherBobKey).SigningCertificate(fakeiam.SigningCertificate{})),
	)
	bob, _ := f.User("Bob").SigningCertificates()
	alice, _ := f.User("Alice").SigningCertificates()
	all := append(append(bob, alice...), mustCertificates(t, f.Root())...)
	out, err := f.ClientWithAccessKey(otherBobKey.ID).ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")})
	if err != nil {
		t.Fatal(err)
	}
	all = append(all, out.Certificates...)
	if len(all) != 5 {
		t.Fatalf("got %d certificates, want 5", len(all))
	}
	seenIDs, seenBodies := map[string]bool{}, map[string]bool{}
	for i, c := range all {
		id, body := aws.ToString(c.CertificateId), aws.ToString(c.CertificateBody)
		if !iamID.MatchString(id) {
			t.Errorf("cert %d: id %q is not 24+ uppercase letters and digits", i, id)
		}
		if seenIDs[id] || seenBodies[body] {
			t.Errorf("cert %d: id or body repeated", i)
		}
		seenIDs[id], seenBodies[body] = true, true
		block, rest := pem.Decode([]byte(body))
		if block == nil || block.Type != "CERTIFICATE" || strings.TrimSpace(string(rest)) != "" {
			t.Errorf("cert %d: body is not one PEM CERTIFICATE block: %q", i, body)
			continue
		}
		x, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			t.Errorf("cert %d: x509: %v", i, err)
			continue
		}
		if now := testNow; now.Before(x.NotBefore) || now.After(x.NotAfter) {
			t.Errorf("cert %d: valid %v..%v, not at %v", i, x.NotBefore, x.NotAfter, now)
		}
		if !c.UploadDate.Equal(testNow) {
			t.Errorf("cert %d: UploadDate %v, want DefaultTime() %v", i, c.UploadDate, testNow)
		}
	}
	wantStatus := []types.StatusType{types.StatusTypeActive, types.StatusTypeInactive, types.StatusTypeActive, types.StatusTypeActive, types.StatusTypeActive}
	var gotStatus []types.StatusType
	for _, c := range all {
		gotStatus = append(gotStatus, c.Status)
	}
	// Bob's two certificates share the upload date, so they are listed by
	// id: find the Inactive one among them.
	if bob[0].Status == types.StatusTypeInactive {
		wantStatus[0], wantStatus[1] = wantStatus[1], wantStatus[0]
	}
	if diff := cmp.Diff(wantStatus, gotStatus); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	// The root has a generated key; a user seeded without one has none
	// until a client first signs as it, which creates one (as an
	// administrator would), and that key signs.
	if keys := mustKeys(t, f, "Bob"); len(keys) != 0 {
		t.Errorf("Bob's access keys before any client: %q, want none", keys)
	}
	for _, user := range []string{"", "Bob", "Alice"} {
		p := f.Root()
		if user != "" {
			p = f.User(user)
		}
		if _, err := p.Client().ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{}); err != nil {
			t.Errorf("user %q: %v", user, err)
		}
		keys := mustKeys(t, f, user)
		if len(keys) != 1 || !regexp.MustCompile(`^AKIA[A-Z2-7]{16}$`).MatchString(keys[0]) {
			t.Errorf("user %q: generated access keys %q, want one AKIA key", user, keys)
		}
	}
	if _, err := f.User("Nobody").AccessKeys(); err == nil || !strings.Contains(err.Error(), `"Nobody"`) {
		t.Errorf("AccessKeys(Nobody) = %v, want an error naming the user", err)
	}
	if _, err := f.User("Nobody").SigningCertificates(); err == nil || !strings.Contains(err.Error(), `"Nobody"`) {
		t.Errorf("SigningCertificates(Nobody) = %v, want an error naming the user", err)
	}
}

// seedsForDeterminism uses every kind of generated value.
func seedsForDeterminism(extra ...fakeiam.Option) []fakeiam.Option {
	return append([]fakeiam.Option{
		fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{}, fakeiam.SigningCertificate{}),
		fakeiam.User("Alice").SigningCertificate(fakeiam.SigningCertificate{}),
		fakeiam.Root().SigningCertificate(fakeiam.SigningCertificate{}),
		fakeiam.Role("Deployer"),
	}, extra...)
}

// snapshot is every generated value of a fake a test can observe.
type snapshot struct {
	Bob, Alice, Root []types.SigningCertificate
	Keys             [][]string
	Marker           string
	Uploaded         types.SigningCertificate
}

func takeSnapshot(t *testing.T, f *fakeiam.Fake) snapshot {
	t.Helper()
	var s snapshot
	var err error
	if s.Bob, err = f.User("Bob").SigningCertificates(); err != nil {
		t.Fatal(err)
	}
	if s.Alice, err = f.User("Alice").SigningCertificates(); err != nil {
		t.Fatal(err)
	}
	s.Root = mustCertificates(t, f.Root())
	for _, u := range []string{"Bob", "Alice"} {
		f.User(u).Client() // gives the user its generated key
	}
	for _, u := range []string{"", "Bob", "Alice"} {
		s.Keys = append(s.Keys, mustKeys(t, f, u))
	}
	ctx := context.Background()
	out, err := f.Client().ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: aws.String("Bob"), MaxItems: aws.Int32(1)})
	if err != nil {
		t.Fatal(err)
	}
	s.Marker = aws.ToString(out.Marker)
	up, err := f.User("Alice").Client().UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{CertificateBody: aws.String(fakeiam.CertificatePEM("determinism"))})
	if err != nil {
		t.Fatal(err)
	}
	s.Uploaded = *up.Certificate
	return s
}

func TestSameSeedSameValues(t *testing.T) {
	opts := cmpopts.IgnoreUnexported(types.SigningCertificate{})
	a := takeSnapshot(t, newFake(seedsForDeterminism()...))
	b := takeSnapshot(t, newFake(seedsForDeterminism()...))
	if diff := cmp.Diff(a, b, opts); diff != "" {
		t.Errorf("two fakes from the same seeds differ (-first +second):\n%s", diff)
	}
	c := takeSnapshot(t, newFake(seedsForDeterminism(fakeiam.WithSeed(1))...))
	d := takeSnapshot(t, newFake(seedsForDeterminism(fakeiam.WithSeed(1))...))
	if diff := cmp.Diff(c, d, opts); diff != "" {
		t.Errorf("two fakes WithSeed(1) differ (-first +second):\n%s", diff)
	}
	// A different seed changes every generated value.
	for _, p := range []struct {
		what string
		a, c string
	}{
		{"Bob's first id", aws.ToString(a.Bob[0].CertificateId), aws.ToString(c.Bob[0].CertificateId)},
		{"Bob's first body", aws.ToString(a.Bob[0].CertificateBody), aws.ToString(c.Bob[0].CertificateBody)},
		{"the root's id", aws.ToString(a.Root[0].CertificateId), aws.ToString(c.Root[0].CertificateId)},
		{"the root's key", a.Keys[0][0], c.Keys[0][0]},
		{"Bob's key", a.Keys[1][0], c.Keys[1][0]},
		{"the marker", a.Marker, c.Marker},
		{"the uploaded id", aws.ToString(a.Uploaded.CertificateId), aws.ToString(c.Uploaded.CertificateId)},
	} {
		if p.a == p.c {
			t.Errorf("%s is %q with seed 0 and with seed 1", p.what, p.a)
		}
	}
}

func TestClock(t *testing.T) {
	ctx := context.Background()
	start := time.Date(2030, 5, 6, 7, 8, 9, 500_000_000, time.FixedZone("CEST", 2*3600))
	startUTC := time.Date(2030, 5, 6, 5, 8, 9, 0, time.UTC) // whole seconds, UTC
	atStart := fakeiam.WithClock((func() time.Time { return start }))
	for _, tc := range []struct {
		name    string
		opts    []fakeiam.Option
		seeded  time.Time // the default UploadDate of a seeded certificate
		advance time.Duration
		now     time.Time // Now() and the UploadDate of an upload after Advance
	}{
		{name: "default clock", seeded: testNow, now: testNow},
		{name: "default clock, advanced", seeded: testNow, advance: 36 * time.Hour, now: testNow.Add(36 * time.Hour)},
		{name: "advanced backwards", seeded: testNow, advance: -24 * time.Hour, now: testNow.Add(-24 * time.Hour)},
		{name: "WithClock", opts: []fakeiam.Option{atStart}, seeded: startUTC, now: startUTC},
		{name: "WithClock, advanced past a second boundary", opts: []fakeiam.Option{atStart}, seeded: startUTC,
			advance: time.Minute + 600*time.Millisecond, now: time.Date(2030, 5, 6, 5, 9, 10, 0, time.UTC)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(append(tc.opts, fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{}))...)
			seeded, _ := f.User("Bob").SigningCertificates()
			if !seeded[0].UploadDate.Equal(tc.seeded) {
				t.Errorf("seeded UploadDate %v, want %v", seeded[0].UploadDate, tc.seeded)
			}
			f.Advance(tc.advance)
			if got := f.Now(); !got.Equal(tc.now) || got.Location() != time.UTC {
				t.Errorf("Now() = %v, want %v UTC", got, tc.now)
			}
			up, err := f.User("Bob").Client().UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{CertificateBody: aws.String(fakeiam.CertificatePEM("clock"))})
			if err != nil {
				t.Fatal(err)
			}
			if got := *up.Certificate.UploadDate; !got.Equal(tc.now) {
				t.Errorf("uploaded at %v, want %v", got, tc.now)
			}
		})
	}
}

// TestSeedsAreValues: adding to a seed returns a new seed, so one seed can be
// shared by table rows without rows leaking into each other.
func TestSeedsAreValues(t *testing.T) {
	bob := fakeiam.User("Bob")
	withOne := bob.SigningCertificate(fakeiam.SigningCertificate{})
	withTwo := withOne.SigningCertificate(fakeiam.SigningCertificate{})
	for _, tc := range []struct {
		name string
		seed *fakeiam.PrincipalSeed
		want int
	}{{"bare", bob, 0}, {"one", withOne, 1}, {"two", withTwo, 2}, {"bare again", bob, 0}} {
		f, err := newFakeE(tc.seed)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got, err := f.User("Bob").SigningCertificates()
		if err != nil || len(got) != tc.want {
			t.Errorf("%s: %d certificates, %v; want %d", tc.name, len(got), err, tc.want)
		}
	}
}

// TestDefaultBodiesDifferPerPrincipal: generated bodies never collide, even
// when RootUserName gives the root a user's name.
func TestDefaultBodiesDifferPerPrincipal(t *testing.T) {
	f, err := newFakeE(fakeiam.RootUserName("Bob"),
		fakeiam.Root().SigningCertificate(fakeiam.SigningCertificate{}),
		fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{}))
	if err != nil {
		t.Fatal(err)
	}
	bob, err := f.User("Bob").SigningCertificates()
	if err != nil {
		t.Fatal(err)
	}
	root := mustCertificates(t, f.Root())
	if len(bob) != 1 || len(root) != 1 || *bob[0].CertificateBody == *root[0].CertificateBody {
		t.Errorf("Bob's and root's default bodies: %d and %d certificates, equal bodies", len(bob), len(root))
	}
}

// The default clock is the real time: a certificate made from time.Now()
// that expired yesterday is refused, one valid now is accepted, and upload
// dates are now, in whole seconds, UTC.
func TestDefaultClockIsTheRealTime(t *testing.T) {
	f := fakeiam.MustNew(fakeiam.User("Bob"))
	ctx := context.Background()
	now := time.Now()
	expired := fakeiam.CertificatePEMWithValidity("expired yesterday", now.AddDate(0, -1, 0), now.AddDate(0, 0, -1))
	_, err := f.User("Bob").Client().UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{CertificateBody: aws.String(expired)})
	var mc *types.MalformedCertificateException
	if !errors.As(err, &mc) || mc.ErrorMessage() != "Certificate is no longer valid. The 'Not After' date restriction on the certificate has passed." {
		t.Errorf("a certificate that expired yesterday: %v, want IAM's 'no longer valid' MalformedCertificate", err)
	}
	valid := fakeiam.CertificatePEMWithValidity("valid now", now.AddDate(0, 0, -1), now.AddDate(1, 0, 0))
	out, err := f.User("Bob").Client().UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{CertificateBody: aws.String(valid)})
	if err != nil {
		t.Fatalf("a certificate valid now: %v", err)
	}
	if d := out.Certificate.UploadDate.Sub(now.Truncate(time.Second)); d < 0 || d > time.Minute || out.Certificate.UploadDate.Nanosecond() != 0 || out.Certificate.UploadDate.Location() != time.UTC {
		t.Errorf("UploadDate %v, want now (%v) in whole seconds, UTC", out.Certificate.UploadDate, now)
	}
}

// Advance never wraps: moving past what a time.Duration holds is an error
// and leaves the time as it was.
func TestAdvanceDoesNotOverflow(t *testing.T) {
	f := newFake()
	start := f.Now()
	if err := f.Advance(math.MaxInt64); err != nil {
		t.Fatalf("Advance(MaxInt64) once: %v", err)
	}
	moved := f.Now()
	if err := f.Advance(math.MaxInt64); err == nil {
		t.Errorf("Advance(MaxInt64) twice succeeded; time now %v", f.Now())
	}
	if got := f.Now(); !got.Equal(moved) || !got.After(start) {
		t.Errorf("after a refused Advance the time is %v, want %v", got, moved)
	}
	if err := f.Advance(math.MinInt64); err != nil { // back, within range
		t.Errorf("Advance(MinInt64) after MaxInt64: %v", err)
	}
	if err := f.Advance(math.MinInt64); err == nil {
		t.Errorf("Advance(MinInt64) past the range succeeded")
	}
}
