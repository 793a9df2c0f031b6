package fakeiam_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go/middleware"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// Every principal of every account gets a client and can be inspected, by
// one convention: f.Root(), f.User(name), f.Role(name) in the default
// account, f.Principal(arn) anywhere.
func TestEveryPrincipalGetsAClient(t *testing.T) {
	f := newFake(
		fakeiam.User("Bob").SigningCertificate(cert(1)),
		fakeiam.Role("deployer"),
		fakeiam.Account(otherAccount,
			fakeiam.User("Carol").SigningCertificate(cert(2)),
			fakeiam.Role("auditor"),
			fakeiam.Root().SigningCertificate(cert(3))),
	)
	ctx := context.Background()
	for _, tc := range []struct {
		name    string
		p       fakeiam.Principal
		in      *iam.ListSigningCertificatesInput
		want    []types.SigningCertificate
		wantARN string
	}{
		{"default root", f.Root(), &iam.ListSigningCertificatesInput{}, listedCertificates(fakeiam.DefaultRootUserName), "arn:aws:iam::123456789012:root"},
		{"user", f.User("Bob"), &iam.ListSigningCertificatesInput{}, listedCertificates("Bob", cert(1)), "arn:aws:iam::123456789012:user/Bob"},
		{"user, another case", f.User("BOB"), &iam.ListSigningCertificatesInput{}, listedCertificates("Bob", cert(1)), "arn:aws:iam::123456789012:user/Bob"},
		{"role", f.Role("deployer"), &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")}, listedCertificates("Bob", cert(1)), "arn:aws:sts::123456789012:assumed-role/deployer/fakeiam"},
		{"other account's user", f.Principal("arn:aws:iam::" + otherAccount + ":user/Carol"), &iam.ListSigningCertificatesInput{}, listedCertificates("Carol", cert(2)), "arn:aws:iam::" + otherAccount + ":user/Carol"},
		{"other account's root", f.Principal("arn:aws:iam::" + otherAccount + ":root"), &iam.ListSigningCertificatesInput{}, listedCertificates(fakeiam.DefaultRootUserName, cert(3)), "arn:aws:iam::" + otherAccount + ":root"},
		{"other account's role", f.Principal("arn:aws:iam::" + otherAccount + ":role/auditor"), &iam.ListSigningCertificatesInput{UserName: aws.String("Carol")}, listedCertificates("Carol", cert(2)), "arn:aws:sts::" + otherAccount + ":assumed-role/auditor/fakeiam"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f.ResetCalls()
			out, err := tc.p.Client().ListSigningCertificates(ctx, tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, out.Certificates, cmpOutputs); diff != "" {
				t.Errorf("certificates (-want +got):\n%s", diff)
			}
			if got := logged(t, f)[0].Caller.ARN; got != tc.wantARN {
				t.Errorf("signed as %s, want %s", got, tc.wantARN)
			}
			if tc.in.UserName == nil { // inspection agrees with the client
				held, err := tc.p.SigningCertificates()
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tc.want, held, cmpOutputs); diff != "" {
					t.Errorf("SigningCertificates (-want +got):\n%s", diff)
				}
			}
			if keys, err := tc.p.AccessKeys(); err != nil || len(keys) != 1 {
				t.Errorf("AccessKeys() = %v, %v; want the key the client signed with", keys, err)
			}
		})
	}
	for _, p := range []fakeiam.Principal{f.User("Nobody"), f.Role("nobody"), f.Principal("arn:aws:iam::999999999999:root"), f.Principal("not an arn")} {
		if _, err := p.Client().ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{}); err == nil || !strings.Contains(err.Error(), "no such") {
			t.Errorf("%v: client error %v, want one saying there is no such principal", p, err)
		}
		if _, err := p.SigningCertificates(); err == nil {
			t.Errorf("%v: SigningCertificates succeeded", p)
		}
	}
}

// Settings given inside Account stay in that account.
func TestAccountSettingsStayInTheirAccount(t *testing.T) {
	f := newFake(fakeiam.User("Bob"), fakeiam.Account(otherAccount, fakeiam.CertificatesPerUser(0), fakeiam.RootUserName("other-root"), fakeiam.User("Carol")))
	ctx := context.Background()
	if _, err := f.Client().UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{UserName: aws.String("Bob"), CertificateBody: aws.String(fakeiam.CertificatePEM("bob"))}); err != nil {
		t.Errorf("default account: upload: %v (a quota of another account applied here)", err)
	}
	_, err := f.Principal("arn:aws:iam::"+otherAccount+":root").Client().UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{UserName: aws.String("Carol"), CertificateBody: aws.String(fakeiam.CertificatePEM("carol"))})
	var le *types.LimitExceededException
	if !errors.As(err, &le) || le.ErrorMessage() != "Cannot exceed quota for CertificatesPerUser: 0" {
		t.Errorf("other account: upload error %v, want its own quota of 0", err)
	}
	out, err := f.Client().UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{CertificateBody: aws.String(fakeiam.CertificatePEM("root"))})
	if err != nil || *out.Certificate.UserName != fakeiam.DefaultRootUserName {
		t.Errorf("default root's certificate: %v, %v; want UserName %s", out, err, fakeiam.DefaultRootUserName)
	}
	// Settings of the whole fake are refused inside Account.
	for _, opt := range []fakeiam.Option{fakeiam.WithSeed(1), fakeiam.WithFixedTime(testNow), fakeiam.CallLogBytes(1)} {
		if _, err := fakeiam.New(fakeiam.Account(otherAccount, opt)); err == nil || !strings.Contains(err.Error(), "applies to the whole fake") {
			t.Errorf("New(Account(%s, ...)) error = %v, want one saying the setting applies to the whole fake", otherAccount, err)
		}
	}
}

// A zero Fake says to use New, on every use, without panicking.
func TestZeroFake(t *testing.T) {
	var f fakeiam.Fake
	_, err := f.Client().ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{})
	if err == nil || !strings.Contains(err.Error(), "use fakeiam.New") {
		t.Errorf("zero Fake: client error %v, want one saying to use New", err)
	}
	if _, err := f.User("Bob").SigningCertificates(); err == nil || !strings.Contains(err.Error(), "use fakeiam.New") {
		t.Errorf("zero Fake: SigningCertificates error %v", err)
	}
	if _, err := f.Calls(); err != nil {
		t.Errorf("zero Fake: Calls error %v", err)
	}
}

// Generated key ids never collide with seeded ones, whatever the seeds.
func TestGeneratedKeysAvoidSeededOnes(t *testing.T) {
	// The key a fake generates first for the root, seeded for a user.
	probe := newFake()
	keys, err := probe.Root().AccessKeys()
	if err != nil {
		t.Fatal(err)
	}
	f, err := newFakeE(fakeiam.User("X").AccessKey(keys[0]), fakeiam.User("B"))
	if err != nil {
		t.Fatalf("seeding the id the fake would generate: %v", err)
	}
	root, _ := f.Root().AccessKeys()
	if root[0].ID == keys[0].ID {
		t.Errorf("the root was given the seeded key %s", keys[0].ID)
	}
	if _, err := f.User("B").Client().ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{}); err != nil {
		t.Errorf("B's generated key: %v", err)
	}
}

// Generated certificate ids never collide with seeded ones either: the id
// a fake generates for A's default certificate, seeded for a later user B,
// stays B's, and A's default takes another.
func TestGeneratedCertificateIDsAvoidSeededOnes(t *testing.T) {
	// The same principals, so that the fake generates the same ids in the
	// same order, until B's seeded id.
	probe := newFake(fakeiam.User("A").SigningCertificate(fakeiam.SigningCertificate{}), fakeiam.User("B"))
	certs, err := probe.User("A").SigningCertificates()
	if err != nil {
		t.Fatal(err)
	}
	taken := *certs[0].CertificateId
	f, err := newFakeE(fakeiam.User("A").SigningCertificate(fakeiam.SigningCertificate{}),
		fakeiam.User("B").SigningCertificate(fakeiam.SigningCertificate{ID: taken}))
	if err != nil {
		t.Fatalf("seeding the id the fake would generate: %v", err)
	}
	a, _ := f.User("A").SigningCertificates()
	b, _ := f.User("B").SigningCertificates()
	if len(a) != 1 || len(b) != 1 || *a[0].CertificateId == taken || *b[0].CertificateId != taken {
		t.Errorf("A's certificates %v, B's %v: want B to keep %s and A another id", certificateIDs(a), certificateIDs(b), taken)
	}
	// The reservation holds for uploads too: the fake's next id is not B's.
	out, err := f.User("A").Client().UploadSigningCertificate(context.Background(), &iam.UploadSigningCertificateInput{
		CertificateBody: aws.String(fakeiam.CertificatePEM("another"))})
	if err != nil {
		t.Fatal(err)
	}
	if *out.Certificate.CertificateId == taken {
		t.Errorf("an upload was given the seeded id %s", taken)
	}
}

// The fake answers what the SDK sends: an Initialize middleware added after
// the fake that replaces the input is what the fake sees, as IAM would.
func TestAnswersWhatTheSDKSends(t *testing.T) {
	f := newFake(fakeiam.User("Bob").SigningCertificate(cert(1)))
	replace := func(s *middleware.Stack) error {
		return s.Initialize.Add(middleware.InitializeMiddlewareFunc("ReplaceInput",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				in.Parameters = &iam.ListSigningCertificatesInput{UserName: aws.String("NoSuchUserXYZ")}
				return next.HandleInitialize(ctx, in)
			}), middleware.After)
	}
	_, err := f.Client(func(o *iam.Options) { o.APIOptions = append(o.APIOptions, replace) }).
		ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")})
	var nse *types.NoSuchEntityException
	if !errors.As(err, &nse) || nse.ErrorMessage() != "The user with name NoSuchUserXYZ cannot be found." {
		t.Errorf("error %v, want NoSuchEntity for the user the SDK sent", err)
	}
	if got := *logged(t, f)[0].Input.(*iam.ListSigningCertificatesInput).UserName; got != "NoSuchUserXYZ" {
		t.Errorf("logged input names %q, want what was sent", got)
	}
}

// A client that skips the SDK's own checks (here: its validation middleware
// removed) and leaves out a required member gets IAM's ValidationError, not
// a panic.
func TestMissingRequiredMembersWithoutTheSDKsChecks(t *testing.T) {
	f := newFake(fakeiam.User("Bob"))
	noValidation := func(o *iam.Options) {
		o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
			_, err := s.Initialize.Remove("OperationInputValidation")
			return err
		})
	}
	c := f.Client(noValidation)
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		call   func() error
		member string
	}{
		{"CreateUser", func() error { _, err := c.CreateUser(ctx, &iam.CreateUserInput{}); return err }, "userName"},
		{"UpdateUser", func() error { _, err := c.UpdateUser(ctx, &iam.UpdateUserInput{}); return err }, "userName"},
		{"DeleteUser", func() error { _, err := c.DeleteUser(ctx, &iam.DeleteUserInput{}); return err }, "userName"},
		{"UploadSigningCertificate", func() error {
			_, err := c.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{})
			return err
		}, "certificateBody"},
		{"DeleteSigningCertificate", func() error {
			_, err := c.DeleteSigningCertificate(ctx, &iam.DeleteSigningCertificateInput{})
			return err
		}, "certificateId"},
		{"UpdateAccessKey", func() error {
			_, err := c.UpdateAccessKey(ctx, &iam.UpdateAccessKeyInput{Status: types.StatusTypeActive})
			return err
		}, "accessKeyId"},
		{"GetAccessKeyLastUsed", func() error { _, err := c.GetAccessKeyLastUsed(ctx, &iam.GetAccessKeyLastUsedInput{}); return err }, "accessKeyId"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := "1 validation error detected: Value null at '" + tc.member + "' failed to satisfy constraint: Member must not be null"
			if got := apiErrorMessage(tc.call()); got != want {
				t.Errorf("message %q, want %q", got, want)
			}
		})
	}
}
