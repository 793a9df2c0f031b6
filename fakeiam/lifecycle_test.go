package fakeiam_test

// IAM-SPEC rows for UploadSigningCertificate, UpdateSigningCertificate and
// DeleteSigningCertificate, each through the differential harness, plus what
// the call did to the fake's state and what the next list shows.

import (
	"context"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/fakeaws/fakeaws/fakeiam"
)

const (
	lcBobKey   = "AKIALIFECYCLEBOB0001"
	lcAliceKey = "AKIALIFECYCLEALICE01"
	lcRootKey  = "AKIALIFECYCLEROOT001"
	lcRoleKey  = "ASIALIFECYCLEROLE001"
	lcCarolKey = "AKIALIFECYCLECAROL01"

	lcOtherAccount = "210987654321"
	lcRootOwner    = "(root)" // lcState's key for the default account's root
)

var (
	lcDate   = time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	lcBob1   = fakeiam.SigningCertificate{ID: "BOBCERTONE000000000000000001", Body: fakeiam.CertificatePEM("lifecycle bob 1"), UploadDate: lcDate}
	lcBob2   = fakeiam.SigningCertificate{ID: "BOBCERTTWO000000000000000002", Body: fakeiam.CertificatePEM("lifecycle bob 2"), Status: types.StatusTypeInactive, UploadDate: lcDate.Add(time.Hour)}
	lcAlice1 = fakeiam.SigningCertificate{ID: "ALICECERTONE0000000000000001", Body: fakeiam.CertificatePEM("lifecycle alice 1"), UploadDate: lcDate}
	lcAlice2 = fakeiam.SigningCertificate{ID: "ALICECERTTWO0000000000000002", Body: fakeiam.CertificatePEM("lifecycle alice 2"), UploadDate: lcDate.Add(2 * time.Hour)}
	lcRoot1  = fakeiam.SigningCertificate{ID: "ROOTCERTONE00000000000000001", Body: fakeiam.CertificatePEM("lifecycle root 1"), UploadDate: lcDate}
	lcCarol1 = fakeiam.SigningCertificate{ID: "CAROLCERTONE0000000000000001", Body: fakeiam.CertificatePEM("lifecycle carol 1"), UploadDate: lcDate}

	lcNew = fakeiam.CertificatePEM("lifecycle new")
	// lcFromNow and lcInAnHour become valid at testNow and an hour later.
	lcFromNow  = fakeiam.CertificatePEMWithValidity("lifecycle from now", testNow, testNow.AddDate(1, 0, 0))
	lcInAnHour = fakeiam.CertificatePEMWithValidity("lifecycle in an hour", testNow.Add(time.Hour), testNow.AddDate(1, 0, 0))
)

// lcSeed is the default account with Bob, Alice, the root and a role, each
// with a known access key, plus more.
func lcSeed(bobCerts, aliceCerts []fakeiam.SigningCertificate, more ...fakeiam.Option) []fakeiam.Option {
	return append([]fakeiam.Option{
		fakeiam.User("Bob").AccessKey(fakeiam.AccessKey{ID: lcBobKey, Secret: "bob-secret"}).SigningCertificate(bobCerts...),
		fakeiam.User("Alice").AccessKey(fakeiam.AccessKey{ID: lcAliceKey, Secret: "alice-secret"}).SigningCertificate(aliceCerts...),
		fakeiam.Root().AccessKey(fakeiam.AccessKey{ID: lcRootKey, Secret: "root-secret"}),
		fakeiam.Role("Deployer").AccessKey(fakeiam.AccessKey{ID: lcRoleKey, Secret: "role-secret"}),
	}, more...)
}

func lcCerts(c ...fakeiam.SigningCertificate) []fakeiam.SigningCertificate { return c }

// lcCarol is a second account whose user Carol holds certs.
func lcCarol(certs ...fakeiam.SigningCertificate) fakeiam.Option {
	return fakeiam.Account(lcOtherAccount, fakeiam.User("Carol").AccessKey(fakeiam.AccessKey{ID: lcCarolKey, Secret: "carol-secret"}).SigningCertificate(certs...))
}

func lcAs(key string) func(*fakeiam.Fake) *iam.Client {
	return func(f *fakeiam.Fake) *iam.Client { return f.ClientWithAccessKey(key) }
}

var (
	lcAsBob   = lcAs(lcBobKey)
	lcAsRoot  = lcAs(lcRootKey)
	lcAsRole  = lcAs(lcRoleKey)
	lcAsCarol = lcAs(lcCarolKey)
)

// lcNewCert is an uploaded certificate as IAM returns it, id left out.
func lcNewCert(user, body string, uploaded time.Time) *types.SigningCertificate {
	return &types.SigningCertificate{UserName: aws.String(user), CertificateBody: aws.String(body),
		Status: types.StatusTypeActive, UploadDate: aws.Time(uploaded)}
}

// Error texts of IAM-SPEC.md.

func lcNoSuchUser(name string) *fakeiam.Error {
	return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "The user with name " + name + " cannot be found."}
}

func lcNoSuchCert(id string) *fakeiam.Error {
	return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "The Certificate with id " + id + " cannot be found."}
}

func lcMalformed(body string) *fakeiam.Error {
	return &fakeiam.Error{Code: "MalformedCertificate", Status: 400, Message: "Certificate " + body + " is malformed."}
}

// lcExpired is IAM's text for a certificate whose NotAfter has passed.
var lcExpired = &fakeiam.Error{Code: "MalformedCertificate", Status: 400, Message: "Certificate is no longer valid. The 'Not After' date restriction on the certificate has passed."}

// lcNotYetValid is the fake's text (a choice: IAM's is unknown) for a
// certificate whose NotBefore is still in the future.
var lcNotYetValid = &fakeiam.Error{Code: "MalformedCertificate", Status: 400, Message: "Certificate is not valid yet. The 'Not Before' date restriction on the certificate has not been reached."}

func lcQuota(n string) *fakeiam.Error {
	return &fakeiam.Error{Code: "LimitExceeded", Status: 409, Message: "Cannot exceed quota for CertificatesPerUser: " + n}
}

func lcDuplicate(existingID string) *fakeiam.Error {
	return &fakeiam.Error{Code: "DuplicateCertificate", Status: 409, Message: "The Certificate with id " + existingID + " already exists."}
}

var (
	lcExpiredStatus = &fakeiam.Error{Code: "InvalidInput", Status: 400, Message: "Status Expired is not valid for signing certificates."}
	lcNonUser       = &fakeiam.Error{Code: "ValidationError", Status: 400, Message: "Must specify userName when calling with non-User credentials"}
	// lcUserText is IAM's own text for a userName failing its pattern: the
	// whole message, and only when no other constraint fails (validate.go).
	lcUserText = &fakeiam.Error{Code: "ValidationError", Status: 400, Message: "The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-"}
)

// lcInvalid is a ValidationError listing "Value at 'member' failed to
// satisfy constraint: phrase" for each member/phrase pair, in order.
func lcInvalid(pairs ...string) *fakeiam.Error {
	var parts []string
	for i := 0; i < len(pairs); i += 2 {
		parts = append(parts, "Value at '"+pairs[i]+"' failed to satisfy constraint: "+pairs[i+1])
	}
	head := "1 validation error detected: "
	if len(parts) > 1 {
		head = strconv.Itoa(len(parts)) + " validation errors detected: "
	}
	return &fakeiam.Error{Code: "ValidationError", Status: 400, Message: head + strings.Join(parts, "; ")}
}

const (
	lcMinLen1     = "Member must have length greater than or equal to 1"
	lcMinLen24    = "Member must have length greater than or equal to 24"
	lcMaxLen128   = "Member must have length less than or equal to 128"
	lcMaxLen16384 = "Member must have length less than or equal to 16384"
	lcBodyPattern = `Member must satisfy regular expression pattern: [\u0009\u000A\u000D\u0020-\u00FF]+`
	lcIDPattern   = `Member must satisfy regular expression pattern: [\w]+`
	lcStatusEnum  = "Member must satisfy enum value set"
	lcUnknownID   = "UNKNOWNCERT00000000000000001"
	lcBadDashedID = "bad-id-with-dashes......"
	lcWordID      = "lower_case_id_is_a_word_id"
)

func lcUp(user *string, body string) *iam.UploadSigningCertificateInput {
	return &iam.UploadSigningCertificateInput{UserName: user, CertificateBody: aws.String(body)}
}

func lcUpd(user *string, id string, status types.StatusType) *iam.UpdateSigningCertificateInput {
	return &iam.UpdateSigningCertificateInput{UserName: user, CertificateId: aws.String(id), Status: status}
}

func lcDel(user *string, id string) *iam.DeleteSigningCertificateInput {
	return &iam.DeleteSigningCertificateInput{UserName: user, CertificateId: aws.String(id)}
}

var (
	lcUserBob   = aws.String("Bob")
	lcUserAlice = aws.String("Alice")
)

// lcRow is one call of Upload, Update or Delete against seeded state.
type lcRow struct {
	name  string
	seed  []fakeiam.Option
	as    func(*fakeiam.Fake) *iam.Client     // the caller; nil: the default account's root (f.Client())
	setup func(t *testing.T, f *fakeiam.Fake) // steps before the call
	in    any                                 // *iam.Upload/Update/DeleteSigningCertificateInput
	// On success: owner is whose certificates change (Bob, Alice, lcRootOwner,
	// or "" for another account), and for Upload want is the new
	// certificate without its id, which must be new and IAM-shaped.
	owner   string
	want    *types.SigningCertificate
	wantErr *fakeiam.Error
	// dupOf: Upload must fail with DuplicateCertificate naming the
	// certificate with the same body that setup uploaded for this user.
	dupOf string
}

// lcState is the default account's certificates by owner, in list order.
type lcState map[string][]types.SigningCertificate

func lcSnapshot(t *testing.T, f *fakeiam.Fake) lcState {
	t.Helper()
	st := lcState{lcRootOwner: mustCertificates(t, f.Root())}
	for _, name := range []string{"Bob", "Alice"} {
		if certs, err := f.User(name).SigningCertificates(); err == nil {
			st[name] = certs
		}
	}
	return st
}

var lcCmp = cmp.Options{cmpopts.IgnoreUnexported(types.SigningCertificate{}), cmpopts.EquateEmpty()}

func (r lcRow) client(f *fakeiam.Fake) *iam.Client {
	if r.as == nil {
		return f.Client()
	}
	return r.as(f)
}

func (r lcRow) run(t *testing.T) {
	t.Helper()
	if r.dupOf != "" { // the id is checked against the state below
		r.wantErr = lcDuplicate(anyCertificateID)
	}
	var call func(context.Context, *iam.Client) (any, error)
	var want any
	switch in := r.in.(type) {
	case *iam.UploadSigningCertificateInput:
		call = uploadCall(in)
		if r.wantErr == nil {
			c := *r.want
			c.CertificateId = aws.String(anyCertificateID)
			want = &iam.UploadSigningCertificateOutput{Certificate: &c}
		}
	case *iam.UpdateSigningCertificateInput:
		call, want = updateCall(in), &iam.UpdateSigningCertificateOutput{}
	case *iam.DeleteSigningCertificateInput:
		call, want = deleteCall(in), &iam.DeleteSigningCertificateOutput{}
	default:
		t.Fatalf("row input %T", r.in)
	}
	if r.wantErr != nil {
		want = nil
	}
	var before lcState
	got, f := runScenario(t, scenario{
		name: r.name,
		seed: r.seed,
		client: func(f *fakeiam.Fake) *iam.Client {
			if r.setup != nil {
				r.setup(t, f)
			}
			before = lcSnapshot(t, f)
			return r.client(f)
		},
		call:    call,
		want:    want,
		wantErr: r.wantErr,
	})
	wantAfter := before
	if r.wantErr == nil {
		wantAfter = r.apply(t, before, got.out)
	}
	if up, ok := got.out.(*iam.UploadSigningCertificateOutput); ok {
		// A new id: none of the certificates held before has it.
		for _, certs := range before {
			for _, c := range certs {
				if *c.CertificateId == *up.Certificate.CertificateId {
					t.Errorf("new certificate id %s repeats an existing one", *c.CertificateId)
				}
			}
		}
	}
	if r.dupOf != "" {
		// DuplicateCertificate names the certificate dupOf held with that body.
		body := *r.in.(*iam.UploadSigningCertificateInput).CertificateBody
		i := slices.IndexFunc(before[r.dupOf], func(c types.SigningCertificate) bool { return *c.CertificateBody == body })
		if i < 0 {
			t.Fatalf("setup did not give %s the body", r.dupOf)
		}
		if want := lcDuplicate(*before[r.dupOf][i].CertificateId).Message; !strings.Contains(got.err.Error(), want) {
			t.Errorf("error %v, want %q", got.err, want)
		}
	}
	after := lcSnapshot(t, f)
	if diff := cmp.Diff(wantAfter, after, lcCmp); diff != "" {
		t.Errorf("certificates held by the fake after the call (-want +got):\n%s", diff)
	}
	if r.wantErr == nil {
		r.checkNextList(t, f, got.out, wantAfter)
	}
}

// apply is the state a successful call leads to.
func (r lcRow) apply(t *testing.T, before lcState, out any) lcState {
	t.Helper()
	after := lcState{}
	for k, v := range before {
		after[k] = slices.Clone(v)
	}
	if r.owner == "" {
		return after
	}
	certs, ok := after[r.owner]
	if !ok {
		t.Fatalf("row owner %q is not in the state", r.owner)
	}
	switch in := r.in.(type) {
	case *iam.UploadSigningCertificateInput:
		certs = append(certs, *out.(*iam.UploadSigningCertificateOutput).Certificate)
		slices.SortStableFunc(certs, func(a, b types.SigningCertificate) int {
			if c := a.UploadDate.Compare(*b.UploadDate); c != 0 {
				return c
			}
			return strings.Compare(*a.CertificateId, *b.CertificateId)
		})
	case *iam.UpdateSigningCertificateInput:
		i := slices.IndexFunc(certs, func(c types.SigningCertificate) bool { return *c.CertificateId == *in.CertificateId })
		if i < 0 {
			t.Fatalf("row: %s holds no certificate %s", r.owner, *in.CertificateId)
		}
		c := certs[i]
		c.Status = in.Status
		certs[i] = c
	case *iam.DeleteSigningCertificateInput:
		n := len(certs)
		certs = slices.DeleteFunc(certs, func(c types.SigningCertificate) bool { return *c.CertificateId == *in.CertificateId })
		if len(certs) != n-1 {
			t.Fatalf("row: %s holds no certificate %s", r.owner, *in.CertificateId)
		}
	}
	after[r.owner] = certs
	return after
}

// checkNextList lists as the same caller, for the same user argument, and
// requires the change to show at once.
func (r lcRow) checkNextList(t *testing.T, f *fakeiam.Fake, out any, wantAfter lcState) {
	t.Helper()
	var user *string
	var id string
	switch in := r.in.(type) {
	case *iam.UploadSigningCertificateInput:
		user, id = in.UserName, *out.(*iam.UploadSigningCertificateOutput).Certificate.CertificateId
	case *iam.UpdateSigningCertificateInput:
		user, id = in.UserName, *in.CertificateId
	case *iam.DeleteSigningCertificateInput:
		user, id = in.UserName, *in.CertificateId
	}
	listed := lcListAll(t, r.client(f), user)
	if r.owner != "" {
		if diff := cmp.Diff(wantAfter[r.owner], listed, lcCmp); diff != "" {
			t.Errorf("next list (-want +got):\n%s", diff)
		}
		return
	}
	i := slices.IndexFunc(listed, func(c types.SigningCertificate) bool { return *c.CertificateId == id })
	switch in := r.in.(type) {
	case *iam.UploadSigningCertificateInput:
		if i < 0 {
			t.Errorf("next list does not show uploaded certificate %s", id)
		} else if diff := cmp.Diff(*out.(*iam.UploadSigningCertificateOutput).Certificate, listed[i], lcCmp); diff != "" {
			t.Errorf("next list shows the upload differently (-upload +list):\n%s", diff)
		}
	case *iam.UpdateSigningCertificateInput:
		if i < 0 || listed[i].Status != in.Status {
			t.Errorf("next list does not show %s as %s: %v", id, in.Status, listed)
		}
	case *iam.DeleteSigningCertificateInput:
		if i >= 0 {
			t.Errorf("next list still shows deleted certificate %s", id)
		}
	}
}

// lcListAll lists every page for user (nil: the caller).
func lcListAll(t *testing.T, c *iam.Client, user *string) []types.SigningCertificate {
	t.Helper()
	var all []types.SigningCertificate
	p := iam.NewListSigningCertificatesPaginator(c, &iam.ListSigningCertificatesInput{UserName: user})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatalf("list: %v", err)
		}
		all = append(all, page.Certificates...)
	}
	return all
}

// Setup steps.

func lcDo(call func(context.Context, *iam.Client) (any, error), as func(*fakeiam.Fake) *iam.Client) func(*testing.T, *fakeiam.Fake) {
	return func(t *testing.T, f *fakeiam.Fake) {
		t.Helper()
		c := f.Client()
		if as != nil {
			c = as(f)
		}
		if _, err := call(context.Background(), c); err != nil {
			t.Fatalf("setup: %v", err)
		}
	}
}

func lcAdvance(d time.Duration) func(*testing.T, *fakeiam.Fake) {
	return func(_ *testing.T, f *fakeiam.Fake) { f.Advance(d) }
}

func lcSteps(steps ...func(*testing.T, *fakeiam.Fake)) func(*testing.T, *fakeiam.Fake) {
	return func(t *testing.T, f *fakeiam.Fake) {
		for _, s := range steps {
			s(t, f)
		}
	}
}

// Bodies that are not certificates.
var (
	lcPublicKeyPEM   = string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: lcDER("lifecycle key")}))
	lcGarbageDERPEM  = string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte("this is not DER at all")}))
	lcTruncatedPEM   = string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: lcDER("lifecycle truncated")[:100]}))
	lcXMLSpecialBody = "-----BEGIN CERTIFICATE-----\r\n<&>\"'&amp;]]>\r\nMIIB\r\n-----END CERTIFICATE-----\n"
	lcCRLFBody       = strings.ReplaceAll(fakeiam.CertificatePEM("lifecycle crlf"), "\n", "\r\n")
)

// lcDER is the DER of a generated certificate.
func lcDER(subject string) []byte {
	block, _ := pem.Decode([]byte(fakeiam.CertificatePEM(subject)))
	return block.Bytes
}

func TestUploadSigningCertificateSpec(t *testing.T) {
	full := lcCerts(lcBob1, lcBob2)
	inactiveFull := lcCerts(lcBob1, fakeiam.SigningCertificate{ID: "BOBCERTTHREE0000000000000003", Body: fakeiam.CertificatePEM("lifecycle bob 3"), Status: types.StatusTypeInactive, UploadDate: lcDate})
	inactiveFull[0].Status = types.StatusTypeInactive
	soon := fakeiam.CertificatePEMWithValidity("lifecycle soon", testNow.Add(-time.Hour), testNow.Add(time.Hour))
	a16384 := strings.Repeat("A", 16384)
	e16384 := strings.Repeat("é", 16384) // 32768 bytes, 16384 characters
	for _, r := range []lcRow{
		// Success.
		{name: "named user", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, lcNew),
			owner: "Bob", want: lcNewCert("Bob", lcNew, testNow)},
		{name: "second certificate", seed: lcSeed(lcCerts(lcBob1), nil), in: lcUp(lcUserBob, lcNew),
			owner: "Bob", want: lcNewCert("Bob", lcNew, testNow)},
		{name: "body with CRLF line endings stored byte-identical", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, lcCRLFBody),
			owner: "Bob", want: lcNewCert("Bob", lcCRLFBody, testNow)},
		{name: "upload date from the injected clock", in: lcUp(lcUserBob, lcNew),
			seed:  lcSeed(nil, nil, fakeiam.WithClock(func() time.Time { return time.Date(2031, 7, 8, 9, 10, 11, 0, time.UTC) })),
			owner: "Bob", want: lcNewCert("Bob", lcNew, time.Date(2031, 7, 8, 9, 10, 11, 0, time.UTC))},
		{name: "upload date in whole seconds, UTC", in: lcUp(lcUserBob, lcNew),
			seed: lcSeed(nil, nil, fakeiam.WithClock((func() time.Time {
				return time.Date(2031, 7, 8, 11, 10, 11, 750_000_000, time.FixedZone("UTC+2", 2*3600))
			}))),
			owner: "Bob", want: lcNewCert("Bob", lcNew, time.Date(2031, 7, 8, 9, 10, 11, 0, time.UTC))},
		{name: "upload date follows Advance", seed: lcSeed(nil, nil), setup: lcAdvance(36 * time.Hour), in: lcUp(lcUserBob, lcNew),
			owner: "Bob", want: lcNewCert("Bob", lcNew, testNow.Add(36*time.Hour))},
		{name: "upload date follows Advance between uploads", seed: lcSeed(nil, nil),
			setup: lcSteps(lcDo(uploadCall(lcUp(lcUserBob, fakeiam.CertificatePEM("lifecycle first"))), nil), lcAdvance(90*time.Second)),
			in:    lcUp(lcUserBob, lcNew), owner: "Bob", want: lcNewCert("Bob", lcNew, testNow.Add(90*time.Second))},
		{name: "certificate valid until exactly now", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, soon),
			setup: lcAdvance(time.Hour), owner: "Bob", want: lcNewCert("Bob", soon, testNow.Add(time.Hour))},

		// Implicit caller.
		{name: "implicit caller: user key", seed: lcSeed(nil, nil), as: lcAsBob, in: lcUp(nil, lcNew),
			owner: "Bob", want: lcNewCert("Bob", lcNew, testNow)},
		{name: "implicit caller: root key uploads root's own", seed: lcSeed(nil, nil), as: lcAsRoot, in: lcUp(nil, lcNew),
			owner: lcRootOwner, want: lcNewCert(fakeiam.DefaultRootUserName, lcNew, testNow)},
		{name: "implicit caller: root of an account without users", seed: []fakeiam.Option{fakeiam.Root().AccessKey(fakeiam.AccessKey{ID: lcRootKey, Secret: "s"})},
			in: lcUp(nil, lcNew), owner: lcRootOwner, want: lcNewCert(fakeiam.DefaultRootUserName, lcNew, testNow)},
		{name: "implicit caller: root with RootUserName", seed: lcSeed(nil, nil, fakeiam.RootUserName("root-of-123456789012")),
			in: lcUp(nil, lcNew), owner: lcRootOwner, want: lcNewCert("root-of-123456789012", lcNew, testNow)},
		{name: "implicit caller: role key", seed: lcSeed(nil, nil), as: lcAsRole, in: lcUp(nil, lcNew), wantErr: lcNonUser},
		{name: "implicit caller: role key, checked before the body", seed: lcSeed(nil, nil), as: lcAsRole, in: lcUp(nil, "junk"), wantErr: lcNonUser},
		{name: "role key naming a user", seed: lcSeed(nil, nil), as: lcAsRole, in: lcUp(lcUserBob, lcNew),
			owner: "Bob", want: lcNewCert("Bob", lcNew, testNow)},
		{name: "user key naming another user", seed: lcSeed(nil, nil), as: lcAsBob, in: lcUp(lcUserAlice, lcNew),
			owner: "Alice", want: lcNewCert("Alice", lcNew, testNow)},

		// Validation, before any lookup.
		{name: "body empty", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, ""), wantErr: lcInvalid("certificateBody", lcMinLen1)},
		{name: "body 16385 characters", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, a16384+"A"), wantErr: lcInvalid("certificateBody", lcMaxLen16384)},
		{name: "body 16384 characters passes validation", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, a16384), wantErr: lcMalformed(a16384)},
		{name: "body length counts characters, not bytes", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, e16384), wantErr: lcMalformed(e16384)},
		{name: "body 16385 Latin-1 characters", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, e16384+"é"), wantErr: lcInvalid("certificateBody", lcMaxLen16384)},
		{name: "body with U+0001", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, "ab\x01"), wantErr: lcInvalid("certificateBody", lcBodyPattern)},
		{name: "body with U+0100", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, "\u0100"), wantErr: lcInvalid("certificateBody", lcBodyPattern)},
		{name: "body with NUL", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, lcNew+"\x00"), wantErr: lcInvalid("certificateBody", lcBodyPattern)},
		{name: "body with invalid UTF-8", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, "\xff"), wantErr: lcInvalid("certificateBody", lcBodyPattern)},
		{name: "body too long and outside the charset", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, a16384+"\x01"),
			wantErr: lcInvalid("certificateBody", lcMaxLen16384, "certificateBody", lcBodyPattern)},
		{name: "tab, LF and CR are in the charset", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, "\t\r\n"), wantErr: lcMalformed("\t\r\n")},
		{name: "userName empty", seed: lcSeed(nil, nil), in: lcUp(aws.String(""), lcNew), wantErr: lcInvalid("userName", lcMinLen1)},
		{name: "userName 129 characters", seed: lcSeed(nil, nil), in: lcUp(aws.String(strings.Repeat("u", 129)), lcNew), wantErr: lcInvalid("userName", lcMaxLen128)},
		{name: "userName 128 characters passes validation", seed: lcSeed(nil, nil), in: lcUp(aws.String(strings.Repeat("u", 128)), lcNew), wantErr: lcNoSuchUser(strings.Repeat("u", 128))},
		{name: "userName with a space", seed: lcSeed(nil, nil), in: lcUp(aws.String("bad name"), lcNew), wantErr: lcUserText},
		{name: "userName with punctuation IAM allows", seed: lcSeed(nil, nil), in: lcUp(aws.String("a+b=c,d.e@f-g_h"), lcNew), wantErr: lcNoSuchUser("a+b=c,d.e@f-g_h")},
		{name: "userName pattern yields to a certificateBody failure", seed: lcSeed(nil, nil), in: lcUp(aws.String("bad name"), ""),
			wantErr: &fakeiam.Error{Code: "ValidationError", Status: 400, Message: `1 validation error detected: Value at 'certificateBody' failed to satisfy constraint: Member must have length greater than or equal to 1`}},
		{name: "three failures in member order", seed: lcSeed(nil, nil), in: lcUp(aws.String(""), a16384+"\u0100"),
			wantErr: lcInvalid("userName", lcMinLen1, "certificateBody", lcMaxLen16384, "certificateBody", lcBodyPattern)},
		{name: "validation before the user lookup", seed: lcSeed(nil, nil), in: lcUp(aws.String("Nobody"), ""), wantErr: lcInvalid("certificateBody", lcMinLen1)},
		{name: "validation before implicit caller resolution", seed: lcSeed(nil, nil), as: lcAsRole, in: lcUp(nil, ""), wantErr: lcInvalid("certificateBody", lcMinLen1)},

		// The user is looked up before anything about the certificate.
		{name: "unknown user", seed: lcSeed(nil, nil), in: lcUp(aws.String("Nobody"), lcNew), wantErr: lcNoSuchUser("Nobody")},
		{name: "unknown user, body not PEM", seed: lcSeed(nil, nil), in: lcUp(aws.String("Nobody"), "junk"), wantErr: lcNoSuchUser("Nobody")},
		{name: "unknown user, body expired", seed: lcSeed(nil, nil), in: lcUp(aws.String("Nobody"), expiredPEM("x")), wantErr: lcNoSuchUser("Nobody")},
		{name: "unknown user, body duplicate", seed: lcSeed(lcCerts(lcBob1), nil), in: lcUp(aws.String("Nobody"), lcBob1.Body), wantErr: lcNoSuchUser("Nobody")},
		{name: "user of another account", seed: lcSeed(nil, nil, lcCarol()), as: lcAsCarol, in: lcUp(lcUserBob, lcNew), wantErr: lcNoSuchUser("Bob")},

		// MalformedCertificate echoes the whole body.
		{name: "body not PEM", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, "hello"), wantErr: lcMalformed("hello")},
		{name: "text before the PEM block", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, "junk\n"+lcNew), wantErr: lcMalformed("junk\n" + lcNew)},
		{name: "white space around the PEM block", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, "\n  "+lcNew+"\n\n"),
			owner: "Bob", want: lcNewCert("Bob", "\n  "+lcNew+"\n\n", testNow)},
		{name: "body only whitespace", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, " \n "), wantErr: lcMalformed(" \n ")},
		{name: "PEM block that is not a certificate", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, lcPublicKeyPEM), wantErr: lcMalformed(lcPublicKeyPEM)},
		{name: "garbage DER in a CERTIFICATE block", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, lcGarbageDERPEM), wantErr: lcMalformed(lcGarbageDERPEM)},
		{name: "truncated DER in a CERTIFICATE block", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, lcTruncatedPEM), wantErr: lcMalformed(lcTruncatedPEM)},
		{name: "CR/LF, trailing newline and XML-special characters echoed exactly", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, lcXMLSpecialBody), wantErr: lcMalformed(lcXMLSpecialBody)},
		{name: "Latin-1 characters echoed exactly", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, "zertifikat ÄÖÜ ÿ\t"), wantErr: lcMalformed("zertifikat ÄÖÜ ÿ\t")},
		{name: "expired certificate", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, expiredPEM("lifecycle old")),
			wantErr: lcExpired},
		{name: "expired one second ago", seed: lcSeed(nil, nil),
			in:      lcUp(lcUserBob, fakeiam.CertificatePEMWithValidity("lifecycle 1s", testNow.AddDate(-1, 0, 0), testNow.Add(-time.Second))),
			wantErr: lcExpired},
		{name: "expired after Advance past NotAfter", seed: lcSeed(nil, nil), setup: lcAdvance(time.Hour + time.Second), in: lcUp(lcUserBob, soon), wantErr: lcExpired},
		{name: "not yet valid", seed: lcSeed(nil, nil),
			in: lcUp(lcUserBob, fakeiam.CertificatePEMWithValidity("lifecycle later", testNow.Add(time.Second), testNow.AddDate(1, 0, 0))), wantErr: lcNotYetValid},
		{name: "valid from exactly now", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, lcFromNow), owner: "Bob", want: lcNewCert("Bob", lcFromNow, testNow)},
		{name: "not yet valid, then valid after Advance", seed: lcSeed(nil, nil), setup: lcAdvance(time.Hour),
			in: lcUp(lcUserBob, lcInAnHour), owner: "Bob", want: lcNewCert("Bob", lcInAnHour, testNow.Add(time.Hour))},
		{name: "malformed before quota", seed: lcSeed(full, nil), in: lcUp(lcUserBob, "hello"), wantErr: lcMalformed("hello")},
		{name: "expired before quota", seed: lcSeed(full, nil), in: lcUp(lcUserBob, expiredPEM("q")), wantErr: lcExpired},
		{name: "malformed before duplicate", in: lcUp(lcUserBob, "verbatim seeded body"), wantErr: lcMalformed("verbatim seeded body"),
			seed: lcSeed(nil, lcCerts(fakeiam.SigningCertificate{ID: "ALICEVERBATIM000000000000001", Body: "verbatim seeded body"}))},

		// Quota: Active and Inactive count.
		{name: "quota: Active and Inactive", seed: lcSeed(full, nil), in: lcUp(lcUserBob, lcNew), wantErr: lcQuota("2")},
		{name: "quota: two Inactive", seed: lcSeed(inactiveFull, nil), in: lcUp(lcUserBob, lcNew), wantErr: lcQuota("2")},
		{name: "quota: implicit caller", seed: lcSeed(full, nil), as: lcAsBob, in: lcUp(nil, lcNew), wantErr: lcQuota("2")},
		{name: "quota: root", seed: lcSeed(nil, nil, fakeiam.Root().SigningCertificate(lcRoot1, fakeiam.SigningCertificate{})), in: lcUp(nil, lcNew), wantErr: lcQuota("2")},
		{name: "quota: before duplicate on the same user", seed: lcSeed(full, nil), in: lcUp(lcUserBob, lcBob1.Body), wantErr: lcQuota("2")},
		{name: "quota: before duplicate on another user", seed: lcSeed(full, lcCerts(lcAlice1)), in: lcUp(lcUserBob, lcAlice1.Body), wantErr: lcQuota("2")},
		{name: "quota: per user", seed: lcSeed(lcCerts(lcBob1), lcCerts(lcAlice1, lcAlice2)), in: lcUp(lcUserBob, lcNew),
			owner: "Bob", want: lcNewCert("Bob", lcNew, testNow)},
		{name: "quota: freed by a delete", seed: lcSeed(full, nil), setup: lcDo(deleteCall(lcDel(lcUserBob, lcBob2.ID)), nil), in: lcUp(lcUserBob, lcNew),
			owner: "Bob", want: lcNewCert("Bob", lcNew, testNow)},
		{name: "quota: CertificatesPerUser(3) reached", in: lcUp(lcUserBob, lcNew), wantErr: lcQuota("3"),
			seed: lcSeed(lcCerts(lcBob1, lcBob2, fakeiam.SigningCertificate{}), nil, fakeiam.CertificatesPerUser(3))},
		{name: "quota: CertificatesPerUser(3) lifts it", seed: lcSeed(full, nil, fakeiam.CertificatesPerUser(3)), in: lcUp(lcUserBob, lcNew),
			owner: "Bob", want: lcNewCert("Bob", lcNew, testNow)},

		// Duplicate bodies in the account.
		{name: "duplicate: same user", seed: lcSeed(lcCerts(lcBob1), nil), in: lcUp(lcUserBob, lcBob1.Body), wantErr: lcDuplicate(lcBob1.ID)},
		{name: "duplicate: another user", seed: lcSeed(nil, lcCerts(lcAlice1)), in: lcUp(lcUserBob, lcAlice1.Body), wantErr: lcDuplicate(lcAlice1.ID)},
		{name: "duplicate: Inactive certificate", seed: lcSeed(nil, lcCerts(lcAlice1, lcAlice2)), setup: lcDo(updateCall(lcUpd(lcUserAlice, lcAlice2.ID, types.StatusTypeInactive)), nil),
			in: lcUp(lcUserBob, lcAlice2.Body), wantErr: lcDuplicate(lcAlice2.ID)},
		{name: "duplicate: root's", seed: lcSeed(nil, nil, fakeiam.Root().SigningCertificate(lcRoot1)), in: lcUp(lcUserBob, lcRoot1.Body), wantErr: lcDuplicate(lcRoot1.ID)},
		{name: "duplicate: root uploading a user's body", seed: lcSeed(lcCerts(lcBob1), nil), in: lcUp(nil, lcBob1.Body), wantErr: lcDuplicate(lcBob1.ID)},
		{name: "duplicate: uploaded earlier by a client", seed: lcSeed(nil, nil), setup: lcDo(uploadCall(lcUp(lcUserAlice, lcNew)), nil), in: lcUp(lcUserBob, lcNew),
			dupOf: "Alice"},
		// The same certificate (DER) in another PEM encoding is a duplicate.
		{name: "duplicate: CRLF line ends", seed: lcSeed(lcCerts(lcBob1), nil), in: lcUp(lcUserAlice, strings.ReplaceAll(lcBob1.Body, "\n", "\r\n")), wantErr: lcDuplicate(lcBob1.ID)},
		{name: "duplicate: no trailing newline", seed: lcSeed(lcCerts(lcBob1), nil), in: lcUp(lcUserAlice, strings.TrimSuffix(lcBob1.Body, "\n")), wantErr: lcDuplicate(lcBob1.ID)},
		{name: "duplicate: leading spaces and blank lines", seed: lcSeed(lcCerts(lcBob1), nil), in: lcUp(lcUserAlice, "  \n\n"+lcBob1.Body+"\n\n"), wantErr: lcDuplicate(lcBob1.ID)},
		{name: "duplicate: other line width", seed: lcSeed(lcCerts(lcBob1), nil), in: lcUp(lcUserAlice, lcRewrap(lcBob1.Body, 76)), wantErr: lcDuplicate(lcBob1.ID)},
		{name: "not a duplicate across accounts", seed: lcSeed(nil, nil, lcCarol(lcCarol1)), in: lcUp(lcUserBob, lcCarol1.Body),
			owner: "Bob", want: lcNewCert("Bob", lcCarol1.Body, testNow)},
		{name: "not a duplicate across accounts, other way", seed: lcSeed(lcCerts(lcBob1), nil, lcCarol()), as: lcAsCarol, in: lcUp(nil, lcBob1.Body),
			want: lcNewCert("Carol", lcBob1.Body, testNow)},
		{name: "not a duplicate once deleted", seed: lcSeed(nil, lcCerts(lcAlice1)), setup: lcDo(deleteCall(lcDel(lcUserAlice, lcAlice1.ID)), nil),
			in: lcUp(lcUserBob, lcAlice1.Body), owner: "Bob", want: lcNewCert("Bob", lcAlice1.Body, testNow)},

		// Where moto is wrong (IAM-SPEC.md, last section).
		{name: "moto: duplicate bodies refused", seed: lcSeed(lcCerts(lcBob1), nil), in: lcUp(lcUserAlice, lcBob1.Body), wantErr: lcDuplicate(lcBob1.ID)},
		{name: "moto: MalformedCertificate message keeps its period", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, "not a cert"),
			wantErr: &fakeiam.Error{Code: "MalformedCertificate", Status: 400, Message: "Certificate not a cert is malformed."}},
		{name: "moto: implicit caller resolved, not \"user with name None\"", seed: lcSeed(nil, nil), as: lcAsBob, in: lcUp(nil, lcNew),
			owner: "Bob", want: lcNewCert("Bob", lcNew, testNow)},
		{name: "moto: body constraints validated", seed: lcSeed(nil, nil), in: lcUp(lcUserBob, "\u20ac"), wantErr: lcInvalid("certificateBody", lcBodyPattern)},
	} {
		t.Run(r.name, r.run)
	}
}

func TestUpdateSigningCertificateSpec(t *testing.T) {
	seed := lcSeed(lcCerts(lcBob1, lcBob2), lcCerts(lcAlice1), fakeiam.Root().SigningCertificate(lcRoot1), lcCarol(lcCarol1))
	for _, r := range []lcRow{
		{name: "Active to Inactive", in: lcUpd(lcUserBob, lcBob1.ID, types.StatusTypeInactive), owner: "Bob"},
		{name: "Inactive to Active", in: lcUpd(lcUserBob, lcBob2.ID, types.StatusTypeActive), owner: "Bob"},
		{name: "Active to Active", in: lcUpd(lcUserBob, lcBob1.ID, types.StatusTypeActive), owner: "Bob"},
		{name: "Inactive twice", setup: lcDo(updateCall(lcUpd(lcUserBob, lcBob1.ID, types.StatusTypeInactive)), nil),
			in: lcUpd(lcUserBob, lcBob1.ID, types.StatusTypeInactive), owner: "Bob"},
		{name: "back and forth", setup: lcSteps(
			lcDo(updateCall(lcUpd(lcUserBob, lcBob1.ID, types.StatusTypeInactive)), nil),
			lcDo(updateCall(lcUpd(lcUserBob, lcBob1.ID, types.StatusTypeActive)), nil)),
			in: lcUpd(lcUserBob, lcBob1.ID, types.StatusTypeInactive), owner: "Bob"},
		{name: "Alice's", in: lcUpd(lcUserAlice, lcAlice1.ID, types.StatusTypeInactive), owner: "Alice"},

		// Implicit caller.
		{name: "implicit caller: user key", as: lcAsBob, in: lcUpd(nil, lcBob1.ID, types.StatusTypeInactive), owner: "Bob"},
		{name: "implicit caller: root key updates root's own", in: lcUpd(nil, lcRoot1.ID, types.StatusTypeInactive), owner: lcRootOwner},
		{name: "implicit caller: role key", as: lcAsRole, in: lcUpd(nil, lcBob1.ID, types.StatusTypeInactive), wantErr: lcNonUser},
		{name: "role key naming a user", as: lcAsRole, in: lcUpd(lcUserBob, lcBob1.ID, types.StatusTypeInactive), owner: "Bob"},
		{name: "implicit caller: user key, another user's id", as: lcAsBob, in: lcUpd(nil, lcAlice1.ID, types.StatusTypeInactive), wantErr: lcNoSuchCert(lcAlice1.ID)},
		{name: "implicit caller: root key, a user's id", in: lcUpd(nil, lcBob1.ID, types.StatusTypeInactive), wantErr: lcNoSuchCert(lcBob1.ID)},
		{name: "implicit caller: another account's key, this account's id", as: lcAsCarol, in: lcUpd(nil, lcBob1.ID, types.StatusTypeInactive), wantErr: lcNoSuchCert(lcBob1.ID)},
		{name: "another account's user", as: lcAsCarol, in: lcUpd(lcUserBob, lcBob1.ID, types.StatusTypeInactive), wantErr: lcNoSuchUser("Bob")},
		{name: "another account's key, its own certificate", as: lcAsCarol, in: lcUpd(nil, lcCarol1.ID, types.StatusTypeInactive)},

		// Status.
		{name: "status Bogus", in: lcUpd(lcUserBob, lcBob1.ID, "Bogus"), wantErr: lcInvalid("status", lcStatusEnum)},
		{name: "status is case-sensitive", in: lcUpd(lcUserBob, lcBob1.ID, "inactive"), wantErr: lcInvalid("status", lcStatusEnum)},
		{name: "status Expired", in: lcUpd(lcUserBob, lcBob1.ID, types.StatusTypeExpired), wantErr: lcExpiredStatus},
		{name: "status Expired on an Inactive certificate", in: lcUpd(lcUserBob, lcBob2.ID, types.StatusTypeExpired), wantErr: lcExpiredStatus},
		{name: "status Expired checked before the certificate lookup (choice)", in: lcUpd(lcUserBob, "UNKNOWNCERTIFICATEID00000000", types.StatusTypeExpired), wantErr: lcExpiredStatus},

		// CertificateId validation.
		{name: "id 23 characters", in: lcUpd(lcUserBob, strings.Repeat("A", 23), types.StatusTypeInactive), wantErr: lcInvalid("certificateId", lcMinLen24)},
		{name: "id 129 characters", in: lcUpd(lcUserBob, strings.Repeat("A", 129), types.StatusTypeInactive), wantErr: lcInvalid("certificateId", lcMaxLen128)},
		{name: "id empty", in: lcUpd(lcUserBob, "", types.StatusTypeInactive), wantErr: lcInvalid("certificateId", lcMinLen24)},
		{name: "id with dashes", in: lcUpd(lcUserBob, lcBadDashedID, types.StatusTypeInactive), wantErr: lcInvalid("certificateId", lcIDPattern)},
		{name: "id short and with dashes", in: lcUpd(lcUserBob, "bad-id", types.StatusTypeInactive), wantErr: lcInvalid("certificateId", lcMinLen24, "certificateId", lcIDPattern)},
		{name: "id 24 characters passes validation", in: lcUpd(lcUserBob, strings.Repeat("A", 24), types.StatusTypeInactive), wantErr: lcNoSuchCert(strings.Repeat("A", 24))},
		{name: "id 128 characters passes validation", in: lcUpd(lcUserBob, strings.Repeat("A", 128), types.StatusTypeInactive), wantErr: lcNoSuchCert(strings.Repeat("A", 128))},
		{name: "id of lower case and underscore passes validation", in: lcUpd(lcUserBob, lcWordID, types.StatusTypeInactive), wantErr: lcNoSuchCert(lcWordID)},
		{name: "certificateId and status in member order, userName pattern yields", in: lcUpd(aws.String("bad name"), "short", "Bogus"),
			wantErr: lcInvalid("certificateId", lcMinLen24, "status", lcStatusEnum)},
		{name: "Expired is in the enum: only the id fails", in: lcUpd(lcUserBob, lcBadDashedID, types.StatusTypeExpired), wantErr: lcInvalid("certificateId", lcIDPattern)},
		{name: "validation before the user lookup", in: lcUpd(aws.String("Nobody"), lcBob1.ID, "Bogus"), wantErr: lcInvalid("status", lcStatusEnum)},
		{name: "validation before implicit caller resolution", as: lcAsRole, in: lcUpd(nil, "short", types.StatusTypeInactive), wantErr: lcInvalid("certificateId", lcMinLen24)},

		// Lookups: the user first.
		{name: "unknown user", in: lcUpd(aws.String("Nobody"), lcUnknownID, types.StatusTypeInactive), wantErr: lcNoSuchUser("Nobody")},
		{name: "unknown user, existing id", in: lcUpd(aws.String("Nobody"), lcBob1.ID, types.StatusTypeInactive), wantErr: lcNoSuchUser("Nobody")},
		{name: "unknown user, status Expired", in: lcUpd(aws.String("Nobody"), lcBob1.ID, types.StatusTypeExpired), wantErr: lcNoSuchUser("Nobody")},
		{name: "unknown id", in: lcUpd(lcUserBob, lcUnknownID, types.StatusTypeInactive), wantErr: lcNoSuchCert(lcUnknownID)},
		{name: "another user's id", in: lcUpd(lcUserBob, lcAlice1.ID, types.StatusTypeInactive), wantErr: lcNoSuchCert(lcAlice1.ID)},
		{name: "root's id named for a user", in: lcUpd(lcUserBob, lcRoot1.ID, types.StatusTypeInactive), wantErr: lcNoSuchCert(lcRoot1.ID)},
		{name: "deleted id", setup: lcDo(deleteCall(lcDel(lcUserBob, lcBob1.ID)), nil), in: lcUpd(lcUserBob, lcBob1.ID, types.StatusTypeInactive), wantErr: lcNoSuchCert(lcBob1.ID)},

		// Where moto is wrong.
		{name: "moto: Status=Bogus refused", in: lcUpd(lcUserBob, lcBob1.ID, "Bogus"), wantErr: lcInvalid("status", lcStatusEnum)},
		{name: "moto: CertificateId constraints validated", in: lcUpd(lcUserBob, lcBadDashedID, types.StatusTypeInactive), wantErr: lcInvalid("certificateId", lcIDPattern)},
		{name: "moto: implicit caller resolved, not \"user with name None\"", as: lcAsBob, in: lcUpd(nil, lcBob2.ID, types.StatusTypeActive), owner: "Bob"},
	} {
		r.seed = seed
		t.Run(r.name, r.run)
	}
}

func TestDeleteSigningCertificateSpec(t *testing.T) {
	seed := lcSeed(lcCerts(lcBob1, lcBob2), lcCerts(lcAlice1), fakeiam.Root().SigningCertificate(lcRoot1), lcCarol(lcCarol1))
	for _, r := range []lcRow{
		{name: "Active certificate", in: lcDel(lcUserBob, lcBob1.ID), owner: "Bob"},
		{name: "Inactive certificate", in: lcDel(lcUserBob, lcBob2.ID), owner: "Bob"},
		{name: "last certificate of a user", in: lcDel(lcUserAlice, lcAlice1.ID), owner: "Alice"},
		{name: "after the other one", setup: lcDo(deleteCall(lcDel(lcUserBob, lcBob1.ID)), nil), in: lcDel(lcUserBob, lcBob2.ID), owner: "Bob"},
		{name: "uploaded by a client", setup: lcDo(uploadCall(lcUp(lcUserAlice, lcNew)), nil), in: lcDel(lcUserAlice, lcAlice1.ID), owner: "Alice"},

		// Implicit caller.
		{name: "implicit caller: user key", as: lcAsBob, in: lcDel(nil, lcBob1.ID), owner: "Bob"},
		{name: "implicit caller: root key deletes root's own", in: lcDel(nil, lcRoot1.ID), owner: lcRootOwner},
		{name: "implicit caller: role key", as: lcAsRole, in: lcDel(nil, lcBob1.ID), wantErr: lcNonUser},
		{name: "role key naming a user", as: lcAsRole, in: lcDel(lcUserBob, lcBob1.ID), owner: "Bob"},
		{name: "implicit caller: user key, another user's id", as: lcAsBob, in: lcDel(nil, lcAlice1.ID), wantErr: lcNoSuchCert(lcAlice1.ID)},
		{name: "implicit caller: root key, a user's id", in: lcDel(nil, lcBob1.ID), wantErr: lcNoSuchCert(lcBob1.ID)},
		{name: "implicit caller: another account's key, this account's id", as: lcAsCarol, in: lcDel(nil, lcBob1.ID), wantErr: lcNoSuchCert(lcBob1.ID)},
		{name: "another account's user", as: lcAsCarol, in: lcDel(lcUserBob, lcBob1.ID), wantErr: lcNoSuchUser("Bob")},
		{name: "another account's key, its own certificate", as: lcAsCarol, in: lcDel(nil, lcCarol1.ID)},

		// Validation.
		{name: "id 23 characters", in: lcDel(lcUserBob, strings.Repeat("A", 23)), wantErr: lcInvalid("certificateId", lcMinLen24)},
		{name: "id 129 characters", in: lcDel(lcUserBob, strings.Repeat("A", 129)), wantErr: lcInvalid("certificateId", lcMaxLen128)},
		{name: "id empty", in: lcDel(lcUserBob, ""), wantErr: lcInvalid("certificateId", lcMinLen24)},
		{name: "id with dashes", in: lcDel(lcUserBob, lcBadDashedID), wantErr: lcInvalid("certificateId", lcIDPattern)},
		{name: "id of lower case and underscore passes validation", in: lcDel(lcUserBob, lcWordID), wantErr: lcNoSuchCert(lcWordID)},
		{name: "userName and certificateId in member order", in: lcDel(aws.String(strings.Repeat("u", 129)), lcBadDashedID),
			wantErr: lcInvalid("userName", lcMaxLen128, "certificateId", lcIDPattern)},
		{name: "validation before the user lookup", in: lcDel(aws.String("Nobody"), "short"), wantErr: lcInvalid("certificateId", lcMinLen24)},
		{name: "validation before implicit caller resolution", as: lcAsRole, in: lcDel(nil, "short"), wantErr: lcInvalid("certificateId", lcMinLen24)},

		// Lookups: the user first.
		{name: "unknown user", in: lcDel(aws.String("Nobody"), lcUnknownID), wantErr: lcNoSuchUser("Nobody")},
		{name: "unknown user, existing id", in: lcDel(aws.String("Nobody"), lcBob1.ID), wantErr: lcNoSuchUser("Nobody")},
		{name: "unknown id", in: lcDel(lcUserBob, lcUnknownID), wantErr: lcNoSuchCert(lcUnknownID)},
		{name: "another user's id", in: lcDel(lcUserBob, lcAlice1.ID), wantErr: lcNoSuchCert(lcAlice1.ID)},
		{name: "root's id named for a user", in: lcDel(lcUserBob, lcRoot1.ID), wantErr: lcNoSuchCert(lcRoot1.ID)},
		{name: "delete twice", setup: lcDo(deleteCall(lcDel(lcUserBob, lcBob1.ID)), nil), in: lcDel(lcUserBob, lcBob1.ID), wantErr: lcNoSuchCert(lcBob1.ID)},
		{name: "delete twice, implicit caller", setup: lcDo(deleteCall(lcDel(nil, lcBob1.ID)), lcAsBob), as: lcAsBob, in: lcDel(nil, lcBob1.ID), wantErr: lcNoSuchCert(lcBob1.ID)},

		// Where moto is wrong.
		{name: "moto: implicit caller resolved, not \"user with name None\"", as: lcAsBob, in: lcDel(nil, lcBob2.ID), owner: "Bob"},
		{name: "moto: CertificateId constraints validated", in: lcDel(lcUserBob, strings.Repeat("A", 23)), wantErr: lcInvalid("certificateId", lcMinLen24)},
	} {
		r.seed = seed
		t.Run(r.name, r.run)
	}
}

// TestSigningCertificateRequestIDs: every answer, success or error, carries
// a fresh request id.
func TestSigningCertificateRequestIDs(t *testing.T) {
	f := newFake(lcSeed(lcCerts(lcBob1), nil)...)
	c := f.Client()
	ctx := context.Background()
	seen := map[string]string{}
	for _, step := range []struct {
		name string
		call func(context.Context, *iam.Client) (any, error)
		ok   bool
	}{
		{"upload", uploadCall(lcUp(lcUserBob, lcNew)), true},
		{"upload refused", uploadCall(lcUp(lcUserBob, lcNew)), false},
		{"update", updateCall(lcUpd(lcUserBob, lcBob1.ID, types.StatusTypeInactive)), true},
		{"update again", updateCall(lcUpd(lcUserBob, lcBob1.ID, types.StatusTypeInactive)), true},
		{"update refused", updateCall(lcUpd(lcUserBob, lcBob1.ID, types.StatusTypeExpired)), false},
		{"delete", deleteCall(lcDel(lcUserBob, lcBob1.ID)), true},
		{"delete refused", deleteCall(lcDel(lcUserBob, lcBob1.ID)), false},
	} {
		out, err := step.call(ctx, c)
		if (err == nil) != step.ok {
			t.Fatalf("%s: err = %v, want success %v", step.name, err, step.ok)
		}
		id := requestIDOf(outcome{out: out, err: err})
		if id == "" {
			t.Errorf("%s: no request id", step.name)
		} else if prev, dup := seen[id]; dup {
			t.Errorf("%s: request id %s already answered %s", step.name, id, prev)
		}
		seen[id] = step.name
	}
}

// TestListContinuesAcrossWrites: a listing continued with a marker taken
// before deletes and uploads never repeats a certificate, never skips one
// that existed throughout, and never shows one after it was deleted.
func TestListContinuesAcrossWrites(t *testing.T) {
	type change func(w *lcWriter)
	for _, tc := range []struct {
		name      string
		afterPage int // 1: after the first page only; 0: after every page
		change    change
	}{
		{"nothing", 0, func(*lcWriter) {}},
		{"delete the marker's certificate", 1, func(w *lcWriter) { w.del(w.listed[len(w.listed)-1]) }},
		{"delete every listed", 1, func(w *lcWriter) {
			for _, id := range w.listed {
				w.del(id)
			}
		}},
		{"delete the next unlisted", 1, func(w *lcWriter) { w.del(w.unlisted()[0]) }},
		{"delete one in the middle of the rest", 1, func(w *lcWriter) { u := w.unlisted(); w.del(u[len(u)/2]) }},
		{"delete the last", 1, func(w *lcWriter) { u := w.unlisted(); w.del(u[len(u)-1]) }},
		{"delete all the rest", 1, func(w *lcWriter) {
			for _, id := range w.unlisted() {
				w.del(id)
			}
		}},
		{"upload one at the same time", 1, func(w *lcWriter) { w.upload() }},
		{"upload five at the same time", 1, func(w *lcWriter) {
			for range 5 {
				w.upload()
			}
		}},
		{"upload one later", 1, func(w *lcWriter) { w.f.Advance(time.Hour); w.upload() }},
		{"upload one earlier", 1, func(w *lcWriter) { w.f.Advance(-48 * time.Hour); w.upload() }},
		{"upload one and delete it", 1, func(w *lcWriter) { w.del(w.upload()) }},
		{"delete the marker's and upload", 1, func(w *lcWriter) { w.del(w.listed[len(w.listed)-1]); w.upload() }},
		{"every page: delete the marker's and upload", 0, func(w *lcWriter) { w.del(w.listed[len(w.listed)-1]); w.upload() }},
		{"every page: delete the next unlisted", 0, func(w *lcWriter) {
			if u := w.unlisted(); len(u) > 0 {
				w.del(u[0])
			}
		}},
		{"every page: upload one at the same time", 0, func(w *lcWriter) { w.upload() }},
		{"every page: upload one later", 0, func(w *lcWriter) { w.f.Advance(time.Second); w.upload() }},
		{"every page: delete a listed one, upload one earlier", 0, func(w *lcWriter) {
			for _, id := range w.listed {
				if !w.deleted[id] {
					w.del(id)
					break
				}
			}
			w.f.Advance(-time.Hour)
			w.upload()
		}},
	} {
		for _, dates := range []struct {
			name string
			date func(i int) time.Time
		}{
			{"same upload date", func(int) time.Time { return time.Time{} }}, // the clock's: ties by id
			{"distinct upload dates", func(i int) time.Time { return testNow.Add(time.Duration(i-10) * time.Hour) }},
		} {
			t.Run(tc.name+"/"+dates.name, func(t *testing.T) {
				var certs []fakeiam.SigningCertificate
				for i := range 7 {
					certs = append(certs, fakeiam.SigningCertificate{UploadDate: dates.date(i)})
				}
				f := newFake(fakeiam.CertificatesPerUser(100), fakeiam.User("Bob").SigningCertificate(certs...))
				w := &lcWriter{t: t, f: f, c: f.Client(), deleted: map[string]bool{}, uploaded: map[string]bool{}}
				initial := w.current()
				seen := map[string]int{}
				var marker *string
				for page := 1; ; page++ {
					if page > 40 {
						t.Fatalf("listing did not end after 40 pages")
					}
					out, err := w.c.ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{
						UserName: lcUserBob, MaxItems: aws.Int32(2), Marker: marker})
					if err != nil {
						t.Fatalf("page %d: %v", page, err)
					}
					for _, c := range out.Certificates {
						id := *c.CertificateId
						seen[id]++
						if w.deleted[id] {
							t.Errorf("page %d shows %s, deleted before it was asked for", page, id)
						}
						w.listed = append(w.listed, id)
					}
					if out.Marker == nil {
						break
					}
					if tc.afterPage == 0 || tc.afterPage == page {
						tc.change(w)
					}
					marker = out.Marker
				}
				var throughout []string
				for _, id := range initial {
					if !w.deleted[id] {
						throughout = append(throughout, id)
					}
				}
				for id, n := range seen {
					if n > 1 {
						t.Errorf("%s listed %d times", id, n)
					}
					if !slices.Contains(initial, id) && !w.uploaded[id] {
						t.Errorf("%s listed but never held", id)
					}
				}
				// Certificates that existed throughout: each once, in list order.
				var gotThroughout []string
				for _, id := range w.listed {
					if slices.Contains(throughout, id) && !slices.Contains(gotThroughout, id) {
						gotThroughout = append(gotThroughout, id)
					}
				}
				if diff := cmp.Diff(throughout, gotThroughout); diff != "" {
					t.Errorf("certificates that existed throughout, as the listing showed them (-want +got):\n%s", diff)
				}
			})
		}
	}
}

// lcWriter changes Bob's certificates between pages and remembers what it did.
type lcWriter struct {
	t        *testing.T
	f        *fakeiam.Fake
	c        *iam.Client
	listed   []string // ids the listing showed so far, in order
	deleted  map[string]bool
	uploaded map[string]bool
	n        int
}

// current is Bob's certificate ids in list order.
func (w *lcWriter) current() []string {
	w.t.Helper()
	certs, err := w.f.User("Bob").SigningCertificates()
	if err != nil {
		w.t.Fatal(err)
	}
	ids := make([]string, len(certs))
	for i, c := range certs {
		ids[i] = *c.CertificateId
	}
	return ids
}

// unlisted is Bob's ids the listing has not shown yet, in list order.
func (w *lcWriter) unlisted() []string {
	return slices.DeleteFunc(w.current(), func(id string) bool { return slices.Contains(w.listed, id) })
}

func (w *lcWriter) del(id string) {
	w.t.Helper()
	if _, err := w.c.DeleteSigningCertificate(context.Background(), lcDel(lcUserBob, id)); err != nil {
		w.t.Fatalf("delete %s: %v", id, err)
	}
	w.deleted[id] = true
}

func (w *lcWriter) upload() string {
	w.t.Helper()
	w.n++
	out, err := w.c.UploadSigningCertificate(context.Background(), lcUp(lcUserBob, fakeiam.CertificatePEM("between pages "+strconv.Itoa(w.n))))
	if err != nil {
		w.t.Fatalf("upload: %v", err)
	}
	id := *out.Certificate.CertificateId
	w.uploaded[id] = true
	return id
}

// FuzzUploadSigningCertificate: whatever the body, Upload either stores it
// byte-identical or refuses it with ValidationError or MalformedCertificate
// echoing the whole body.
func FuzzUploadSigningCertificate(f *testing.F) {
	for _, s := range []string{"", "hello", "\t\r\n", "\x01", "\u0100", "é", lcNew, lcCRLFBody, lcXMLSpecialBody,
		lcGarbageDERPEM, lcPublicKeyPEM, expiredPEM("fuzz"), lcNew + "junk", lcNew + lcBob1.Body} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		fake := newFake(fakeiam.User("Bob")) // fresh: the same input, the same outcome
		c := fake.Client()
		out, err := c.UploadSigningCertificate(context.Background(), lcUp(lcUserBob, body))
		switch code := outcomeOf(err); code {
		case "ok":
			if got := aws.ToString(out.Certificate.CertificateBody); got != body {
				t.Errorf("returned body %q, uploaded %q", got, body)
			}
			certs, err := fake.User("Bob").SigningCertificates()
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(certs, func(c types.SigningCertificate) bool { return *c.CertificateId == *out.Certificate.CertificateId })
			if i < 0 || *certs[i].CertificateBody != body || certs[i].Status != types.StatusTypeActive {
				t.Errorf("stored certificate %+v, uploaded %q", certs, body)
			}
		case "MalformedCertificate":
			// Either the body echoed, or a certificate that parses but is
			// outside its validity at the fake's time, with IAM's texts.
			var me *types.MalformedCertificateException
			errors.As(err, &me)
			var validity string
			if block, rest := pem.Decode([]byte(body)); block != nil && strings.TrimSpace(string(rest)) == "" {
				if x, err := x509.ParseCertificate(block.Bytes); err == nil {
					switch now := fake.Now(); {
					case now.After(x.NotAfter):
						validity = lcExpired.Message
					case now.Before(x.NotBefore):
						validity = lcNotYetValid.Message
					}
				}
			}
			if me == nil || (me.ErrorMessage() != "Certificate "+body+" is malformed." && (validity == "" || me.ErrorMessage() != validity)) {
				t.Errorf("MalformedCertificate %v: neither echoes the body %q nor says why its dates are refused", err, body)
			}
		case "ValidationError":
			var ae smithy.APIError
			errors.As(err, &ae)
			if !strings.Contains(ae.ErrorMessage(), "Value at 'certificateBody' failed to satisfy constraint") {
				t.Errorf("ValidationError %q is not about certificateBody", ae.ErrorMessage())
			}
		default:
			t.Errorf("upload of %q: unexpected error %v", body, err)
		}
	})
}

// lcRewrap re-encodes a PEM body's base64 at another line width: the same
// certificate, other text.
func lcRewrap(body string, width int) string {
	block, _ := pem.Decode([]byte(body))
	b64 := base64.StdEncoding.EncodeToString(block.Bytes)
	var out strings.Builder
	out.WriteString("-----BEGIN CERTIFICATE-----\n")
	for len(b64) > width {
		out.WriteString(b64[:width] + "\n")
		b64 = b64[width:]
	}
	out.WriteString(b64 + "\n-----END CERTIFICATE-----\n")
	return out.String()
}
