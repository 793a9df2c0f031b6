package fakeiam_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go/middleware"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// cmpCalls compares logged calls: inputs and outputs by their exported
// fields, errors by identity.
var cmpCalls = cmp.Options{
	cmpOutputs,
	cmpopts.IgnoreUnexported(
		iam.ListSigningCertificatesInput{}, iam.UploadSigningCertificateInput{},
		iam.UpdateSigningCertificateInput{}, iam.DeleteSigningCertificateInput{},
	),
	cmp.Comparer(func(a, b error) bool { return a == b }),
}

func TestCallLogRecordsEveryAttempt(t *testing.T) {
	const roleKey = "ASIADEPLOYEREXAMPLE1"
	f := newFake(bobWithDocCert(), fakeiam.User("Alice"), fakeiam.Role("Deployer").AccessKey(fakeiam.AccessKey{ID: roleKey, Secret: "deployer-secret"}))
	f.Inject(fakeiam.Rule{Operation: fakeiam.UploadSigningCertificate, Attempts: fakeiam.FirstN(1), Then: fakeiam.Throttle()})
	ctx := context.Background()
	body := fakeiam.CertificatePEM("bob's second")
	bogusID := "NOSUCHCERTIFICATEEXAMPLE1"

	uploaded, err := f.User("Bob").Client().UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{CertificateBody: aws.String(body)})
	if err != nil {
		t.Fatal(err)
	}
	listed, err := f.Client().ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")})
	if err != nil {
		t.Fatal(err)
	}
	roleListed, err := f.ClientWithAccessKey(roleKey).ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: aws.String("Alice")})
	if err != nil {
		t.Fatal(err)
	}
	_, deleteErr := f.Client().DeleteSigningCertificate(ctx, &iam.DeleteSigningCertificateInput{UserName: aws.String("Bob"), CertificateId: aws.String(bogusID)})
	if deleteErr == nil {
		t.Fatal("deleting a certificate that does not exist succeeded")
	}

	bobKeys, _ := f.User("Bob").AccessKeys()
	rootKeys, _ := f.Root().AccessKeys()
	bob := fakeiam.Caller{Account: fakeiam.DefaultAccountID, ARN: bobARN, AccessKeyID: bobKeys[0].ID, UserName: "Bob"}
	root := fakeiam.Caller{Account: fakeiam.DefaultAccountID, ARN: "arn:aws:iam::123456789012:root", AccessKeyID: rootKeys[0].ID}
	role := fakeiam.Caller{Account: fakeiam.DefaultAccountID, ARN: "arn:aws:sts::123456789012:assumed-role/Deployer/fakeiam", AccessKeyID: roleKey, RoleName: "Deployer", SessionName: "fakeiam"}
	calls := logged(t, f)
	want := []fakeiam.Call{
		{Operation: fakeiam.UploadSigningCertificate, Input: &iam.UploadSigningCertificateInput{CertificateBody: aws.String(body)}, Caller: bob, Attempt: 1},
		{Operation: fakeiam.UploadSigningCertificate, Input: &iam.UploadSigningCertificateInput{CertificateBody: aws.String(body)}, Caller: bob, Attempt: 2, Output: uploaded},
		{Operation: fakeiam.ListSigningCertificates, Input: &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")}, Caller: root, Attempt: 1, Output: listed},
		{Operation: fakeiam.ListSigningCertificates, Input: &iam.ListSigningCertificatesInput{UserName: aws.String("Alice")}, Caller: role, Attempt: 1, Output: roleListed},
		{Operation: fakeiam.DeleteSigningCertificate, Input: &iam.DeleteSigningCertificateInput{UserName: aws.String("Bob"), CertificateId: aws.String(bogusID)}, Caller: root, Attempt: 1},
	}
	if diff := cmp.Diff(want, calls, cmpCalls, cmpopts.IgnoreFields(fakeiam.Call{}, "RequestID", "Err")); diff != "" {
		t.Fatalf("call log (-want +got):\n%s", diff)
	}

	// Outcomes and request ids: each attempt's error is what the SDK got
	// for it, and its request id is the one the SDK reported.
	wantOutcomes := []string{"Throttling", "ok", "ok", "ok", "NoSuchEntity"}
	var gotOutcomes []string
	for _, c := range calls {
		gotOutcomes = append(gotOutcomes, outcomeOf(c.Err))
	}
	if diff := cmp.Diff(wantOutcomes, gotOutcomes); diff != "" {
		t.Errorf("outcomes (-want +got):\n%s", diff)
	}
	// The logged error is the one the SDK got below its retry loop: the
	// same chain, of the same types, saying the same.
	var re, kept *awshttp.ResponseError
	if !errors.As(deleteErr, &re) || !errors.As(calls[4].Err, &kept) || calls[4].Err.Error() != re.Error() {
		t.Errorf("the logged error %v is not the one the SDK returned, %v", calls[4].Err, deleteErr)
	} else if diff := cmp.Diff(errorFacts(re), errorFacts(calls[4].Err)); diff != "" {
		t.Errorf("the logged error (-SDK's +logged):\n%s", diff)
	}
	wantIDs := []string{requestIDOf(outcome{err: calls[0].Err}), requestIDOfOut(uploaded.ResultMetadata), requestIDOfOut(listed.ResultMetadata),
		requestIDOfOut(roleListed.ResultMetadata), re.ServiceRequestID()}
	var gotIDs []string
	for _, c := range calls {
		gotIDs = append(gotIDs, c.RequestID)
	}
	if diff := cmp.Diff(wantIDs, gotIDs); diff != "" {
		t.Errorf("request ids (-SDK's +logged):\n%s", diff)
	}
	seen := map[string]bool{}
	for _, id := range gotIDs {
		if id == "" || seen[id] {
			t.Errorf("request id %q is empty or repeated in %q", id, gotIDs)
		}
		seen[id] = true
	}
}

func requestIDOfOut(md middleware.Metadata) string {
	id, _ := awsmiddleware.GetRequestIDMetadata(md)
	return id
}

func TestCallLogHoldsCopies(t *testing.T) {
	f := newFake(bobWithDocCert())
	ctx := context.Background()
	in := &iam.ListSigningCertificatesInput{UserName: aws.String("Bob"), MaxItems: aws.Int32(10)}
	out, err := f.Client().ListSigningCertificates(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	before := logged(t, f)

	// The caller changes its input and output after the call...
	*in.UserName, *in.MaxItems = "Mallory", 99
	*out.Certificates[0].CertificateId = "CHANGEDBYTHECALLEREXAMPLE"
	out.Certificates[0].Status = types.StatusTypeInactive
	// ...and a reader changes what Calls returned.
	got := logged(t, f)
	gotIn := got[0].Input.(*iam.ListSigningCertificatesInput)
	*gotIn.UserName = "Eve"
	gotOut := got[0].Output.(*iam.ListSigningCertificatesOutput)
	*gotOut.Certificates[0].UserName = "Eve"
	gotOut.Certificates = nil
	got[0].Attempt = 7

	if diff := cmp.Diff(before, logged(t, f), cmpCalls); diff != "" {
		t.Errorf("the log changed (-before +after):\n%s", diff)
	}
	wantIn := &iam.ListSigningCertificatesInput{UserName: aws.String("Bob"), MaxItems: aws.Int32(10)}
	if diff := cmp.Diff(wantIn, before[0].Input, cmpCalls); diff != "" {
		t.Errorf("logged input (-want +got):\n%s", diff)
	}
	wantOut := &iam.ListSigningCertificatesOutput{Certificates: []types.SigningCertificate{sc("Bob", docID, docBody, types.StatusTypeActive, docDate)}}
	if diff := cmp.Diff(wantOut, before[0].Output, cmpCalls); diff != "" {
		t.Errorf("logged output (-want +got):\n%s", diff)
	}
}

func TestCallsFilterAndReset(t *testing.T) {
	f := newFake(bobWithDocCert())
	ctx := context.Background()
	ops := []fakeiam.Operation{fakeiam.ListSigningCertificates, fakeiam.UploadSigningCertificate, fakeiam.ListSigningCertificates, fakeiam.DeleteSigningCertificate}
	for i, op := range ops {
		if err := (step{op: op, user: "Bob"}).run(ctx, f, i); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		filter []fakeiam.Operation
		want   []string
	}{
		{nil, []string{"ListSigningCertificates #1 ok", "UploadSigningCertificate #1 ok", "ListSigningCertificates #1 ok", "DeleteSigningCertificate #1 ok"}},
		{[]fakeiam.Operation{fakeiam.ListSigningCertificates}, []string{"ListSigningCertificates #1 ok", "ListSigningCertificates #1 ok"}},
		{[]fakeiam.Operation{fakeiam.DeleteSigningCertificate, fakeiam.UploadSigningCertificate}, []string{"UploadSigningCertificate #1 ok", "DeleteSigningCertificate #1 ok"}},
		{[]fakeiam.Operation{fakeiam.UpdateSigningCertificate}, []string{}},
	} {
		if diff := cmp.Diff(tc.want, logLines(logged(t, f, tc.filter...))); diff != "" {
			t.Errorf("Calls(%v) (-want +got):\n%s", tc.filter, diff)
		}
	}
	// A typo matches nothing: it is refused, naming the operation and where
	// the known ones are listed, as Inject refuses it.
	for _, filter := range [][]fakeiam.Operation{{"ListUser"}, {fakeiam.ListSigningCertificates, "listSigningCertificates"}, {""}} {
		calls, err := f.Calls(filter...)
		var unknown *fakeiam.UnknownOperationError
		if !errors.As(err, &unknown) || unknown.Operation != filter[len(filter)-1] || calls != nil ||
			!strings.Contains(err.Error(), strconv.Quote(string(unknown.Operation))) || !strings.Contains(err.Error(), "Operations()") {
			t.Errorf("Calls(%q): %d calls, %v; want an *UnknownOperationError naming %q and Operations()", filter, len(calls), err, filter[len(filter)-1])
		}
	}
	f.ResetCalls()
	if n := len(logged(t, f)); n != 0 {
		t.Errorf("after ResetCalls: %d calls", n)
	}
	if err := (step{op: fakeiam.ListSigningCertificates, user: "Bob"}).run(ctx, f, 0); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"ListSigningCertificates #1 ok"}, logLines(logged(t, f))); diff != "" {
		t.Errorf("after ResetCalls and one call (-want +got):\n%s", diff)
	}
}

func TestCallLogBytes(t *testing.T) {
	// Each of these calls logs the same input and output sizes, so a budget
	// of a few entries keeps exactly the oldest that fit.
	for _, tc := range []struct {
		name      string
		opts      []fakeiam.Option
		wantItems []int32 // MaxItems of the kept calls, oldest first
	}{
		{"default keeps all", nil, []int32{1, 2, 3, 4, 5}},
		{"a small budget keeps the oldest", []fakeiam.Option{fakeiam.CallLogBytes(1000)}, nil}, // nil: a prefix, not all
		{"0 keeps nothing", []fakeiam.Option{fakeiam.CallLogBytes(0)}, []int32{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(append([]fakeiam.Option{bobWithDocCert()}, tc.opts...)...)
			for i := int32(1); i <= 5; i++ {
				if _, err := f.Client().ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{UserName: aws.String("Bob"), MaxItems: aws.Int32(i)}); err != nil {
					t.Fatal(err)
				}
			}
			calls, err := f.Calls()
			got := []int32{}
			for _, c := range calls {
				got = append(got, *c.Input.(*iam.ListSigningCertificatesInput).MaxItems)
			}
			want := tc.wantItems
			if want == nil { // the oldest that fit, at least one and not all
				want = []int32{1, 2, 3, 4, 5}[:max(1, min(len(got), 4))]
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("kept calls' MaxItems (-want +got):\n%s", diff)
			}
			// Never silent: what was not kept is reported, and kept + dropped
			// is every attempt.
			var full *fakeiam.CallLogFullError
			switch dropped := 5 - len(want); {
			case dropped == 0 && err != nil:
				t.Errorf("Calls() error = %v, want nil", err)
			case dropped > 0 && (!errors.As(err, &full) || full.Kept != len(want) || full.Dropped != dropped):
				t.Errorf("Calls() error = %#v, want *CallLogFullError{Kept: %d, Dropped: %d}", err, len(want), dropped)
			}
			f.ResetCalls()
			if calls, err := f.Calls(); len(calls) != 0 || err != nil {
				t.Errorf("after ResetCalls: %d calls, error %v; want none, nil", len(calls), err)
			}
		})
	}
	// What the log holds is bounded in bytes: refused uploads of 1 MiB
	// bodies (the SDK sends them; IAM answers ValidationError) fill an 8 MiB
	// log after a few, and the rest are counted, not kept.
	f := newFake(fakeiam.User("Bob"), fakeiam.CallLogBytes(8<<20))
	big := strings.Repeat("A", 1<<20)
	for range 40 {
		if _, err := f.Client().UploadSigningCertificate(context.Background(), &iam.UploadSigningCertificateInput{UserName: aws.String("Bob"), CertificateBody: aws.String(big)}); err == nil {
			t.Fatal("a 1 MiB body was accepted")
		}
	}
	calls, err := f.Calls()
	var full *fakeiam.CallLogFullError
	if !errors.As(err, &full) || len(calls) > 8 || len(calls)+full.Dropped != 40 {
		t.Errorf("40 uploads of 1 MiB into an 8 MiB log: kept %d, error %v; want at most 8 kept and the rest reported", len(calls), err)
	}
	if _, err := newFakeE(fakeiam.CallLogBytes(-1)); err == nil || err.Error() != "fakeiam: CallLogBytes(-1): a limit is at least 0" {
		t.Errorf("New(CallLogBytes(-1)) error = %v", err)
	}
}

// TestLoggedOutputsDoNotChange: what the log says a call got stays what it
// got, whatever later calls do to the state and whatever the caller does to
// its own output. It fails if an operation's answer reads the model when
// the log rebuilds it (a record written in place, a user renamed).
func TestLoggedOutputsDoNotChange(t *testing.T) {
	ctx := context.Background()
	f := newFake(fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{}, fakeiam.SigningCertificate{}).Tag("team", "a"),
		fakeiam.CertificatesPerUser(3))
	c := f.Client()
	bob := aws.String("Bob")
	steps := []func() (any, error){
		func() (any, error) {
			return c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: bob})
		},
		func() (any, error) { return c.GetUser(ctx, &iam.GetUserInput{UserName: bob}) },
		func() (any, error) { return c.ListUsers(ctx, &iam.ListUsersInput{}) },
		func() (any, error) { return c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: bob}) },
		func() (any, error) { return c.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: bob}) },
	}
	var got []any
	for i, step := range steps {
		out, err := step()
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		got = append(got, out)
	}
	before := logged(t, f)

	// The caller scribbles on its outputs; later calls change everything.
	lso := got[0].(*iam.ListSigningCertificatesOutput)
	*lso.Certificates[0].CertificateId = "scribbled"
	lso.Certificates[0].Status = types.StatusTypeInactive
	*got[1].(*iam.GetUserOutput).User.UserName = "scribbled"
	keys := got[3].(*iam.CreateAccessKeyOutput)
	certs := mustCertificates(t, f.User("Bob"))
	for _, step := range []func() error{
		func() error {
			_, err := c.UpdateSigningCertificate(ctx, &iam.UpdateSigningCertificateInput{UserName: bob, CertificateId: certs[0].CertificateId, Status: types.StatusTypeInactive})
			return err
		},
		func() error { // shifts the page's second certificate into the first's place
			_, err := c.DeleteSigningCertificate(ctx, &iam.DeleteSigningCertificateInput{UserName: bob, CertificateId: certs[0].CertificateId})
			return err
		},
		func() error {
			_, err := c.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{UserName: bob, CertificateBody: aws.String(fakeiam.CertificatePEM("later"))})
			return err
		},
		func() error {
			_, err := c.UpdateAccessKey(ctx, &iam.UpdateAccessKeyInput{UserName: bob, AccessKeyId: keys.AccessKey.AccessKeyId, Status: types.StatusTypeInactive})
			return err
		},
		func() error {
			_, err := c.UpdateUser(ctx, &iam.UpdateUserInput{UserName: bob, NewUserName: aws.String("Robert"), NewPath: aws.String("/moved/")})
			return err
		},
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	after := logged(t, f)[:len(before)]
	if diff := cmp.Diff(before, after, cmpCalls, cmpopts.IgnoreFields(fakeiam.Call{}, "Err")); diff != "" {
		t.Errorf("logged calls changed after the fact (-before +after):\n%s", diff)
	}
	if id := *before[0].Output.(*iam.ListSigningCertificatesOutput).Certificates[0].CertificateId; id == "scribbled" {
		t.Errorf("the log shares the caller's output")
	}
}
