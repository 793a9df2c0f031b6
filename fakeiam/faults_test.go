package fakeiam_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

const bobARN = "arn:aws:iam::123456789012:user/Bob"

func TestInjectedErrorsAreIAMs(t *testing.T) {
	seed := []fakeiam.Option{bobWithDocCert(), fakeiam.User("Alice")}
	upload := uploadSigningCertificate(&iam.UploadSigningCertificateInput{UserName: aws.String("Alice"), CertificateBody: aws.String(fakeiam.CertificatePEM("alice"))})
	for _, tc := range []struct {
		scenario
		wantAttempts int
		wantType     string // the dynamic type errors.As finds for smithy.APIError
	}{
		{
			scenario: scenario{
				name:    "ServiceFailure on every attempt",
				steps:   []change{inject(fakeiam.Rule{Operation: fakeiam.ListSigningCertificates, Then: fakeiam.ServiceFailure()})},
				call:    listSigningCertificates(aws.String("Bob"), nil, nil),
				wantErr: serviceFailure,
			},
			wantAttempts: 3, wantType: "*types.ServiceFailureException",
		},
		{
			scenario: scenario{
				name:    "Throttling on every attempt",
				steps:   []change{inject(fakeiam.Rule{Operation: fakeiam.UploadSigningCertificate, Then: fakeiam.Throttle()})},
				call:    upload,
				wantErr: throttling,
			},
			wantAttempts: 3, wantType: "*smithy.GenericAPIError",
		},
		{
			scenario: scenario{
				name:  "AccessDenied names the caller, action and user",
				steps: []change{inject(fakeiam.Rule{Operation: fakeiam.UploadSigningCertificate, Then: fakeiam.AccessDenied()})}, as: asUser("Bob"),
				call: upload,
				wantErr: &fakeiam.Error{Code: "AccessDenied", Status: 403,
					Message: "User: " + bobARN + " is not authorized to perform: iam:UploadSigningCertificate on resource: user Alice"},
			},
			wantAttempts: 1, wantType: "*smithy.GenericAPIError",
		},
		{
			scenario: scenario{
				name:  "AccessDenied on the caller's own certificates",
				steps: []change{inject(fakeiam.Rule{Then: fakeiam.AccessDenied()})}, as: asUser("Bob"),
				call: listSigningCertificates(nil, nil, nil),
				wantErr: &fakeiam.Error{Code: "AccessDenied", Status: 403,
					Message: "User: " + bobARN + " is not authorized to perform: iam:ListSigningCertificates on resource: user Bob"},
			},
			wantAttempts: 1, wantType: "*smithy.GenericAPIError",
		},
		{
			scenario: scenario{
				name:  "AccessDenied on the root user's own certificates",
				steps: []change{inject(fakeiam.Rule{Then: fakeiam.AccessDenied()})},
				call:  listSigningCertificates(nil, nil, nil),
				wantErr: &fakeiam.Error{Code: "AccessDenied", Status: 403,
					Message: "User: arn:aws:iam::123456789012:root is not authorized to perform: iam:ListSigningCertificates on resource: user <root_account>"},
			},
			wantAttempts: 1, wantType: "*smithy.GenericAPIError",
		},
		{
			scenario: scenario{
				name:    "Fail with a modeled code: EntityAlreadyExists",
				steps:   []change{inject(fakeiam.Rule{Operation: fakeiam.UploadSigningCertificate, Then: fakeiam.Fail(&fakeiam.Error{Code: "EntityAlreadyExists", Status: 409, Message: "It is there."})})},
				call:    upload,
				wantErr: &fakeiam.Error{Code: "EntityAlreadyExists", Status: 409, Message: "It is there."},
			},
			wantAttempts: 1, wantType: "*types.EntityAlreadyExistsException",
		},
		{
			scenario: scenario{
				name:    "Fail with a modeled code: LimitExceeded",
				steps:   []change{inject(fakeiam.Rule{Operation: fakeiam.DeleteSigningCertificate, Then: fakeiam.Fail(&fakeiam.Error{Code: "LimitExceeded", Status: 409, Message: "Too many."})})},
				call:    deleteSigningCertificate(&iam.DeleteSigningCertificateInput{UserName: aws.String("Bob"), CertificateId: aws.String(docID)}),
				wantErr: &fakeiam.Error{Code: "LimitExceeded", Status: 409, Message: "Too many."},
			},
			wantAttempts: 1, wantType: "*types.LimitExceededException",
		},
		{
			scenario: scenario{
				name:    "Fail with an unmodeled code",
				steps:   []change{inject(fakeiam.Rule{Operation: fakeiam.UpdateSigningCertificate, Then: fakeiam.Fail(&fakeiam.Error{Code: "RequestExpired", Status: 400, Message: "Request has expired."})})},
				call:    updateSigningCertificate(&iam.UpdateSigningCertificateInput{UserName: aws.String("Bob"), CertificateId: aws.String(docID), Status: types.StatusTypeInactive}),
				wantErr: &fakeiam.Error{Code: "RequestExpired", Status: 400, Message: "Request has expired."},
			},
			wantAttempts: 1, wantType: "*smithy.GenericAPIError",
		},
		{
			scenario: scenario{
				name:    "Fail with an unmodeled 5xx is retried",
				steps:   []change{inject(fakeiam.Rule{Then: fakeiam.Fail(&fakeiam.Error{Code: "InternalFailure", Status: 503, Message: "Try later."})})},
				call:    listSigningCertificates(aws.String("Bob"), nil, nil),
				wantErr: &fakeiam.Error{Code: "InternalFailure", Status: 503, Message: "Try later."},
			},
			wantAttempts: 3, wantType: "*smithy.GenericAPIError",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.seed = seed
			got, f := runScenario(t, tc.scenario)
			var ae smithy.APIError
			if !errors.As(got.err, &ae) {
				t.Fatalf("error %v has no smithy.APIError", got.err)
			}
			if typ := fmt.Sprintf("%T", ae); typ != tc.wantType {
				t.Errorf("API error type = %s, want %s", typ, tc.wantType)
			}
			var me *retry.MaxAttemptsError
			if retried := errors.As(got.err, &me); retried != (tc.wantAttempts > 1) {
				t.Errorf("MaxAttemptsError in chain = %v, want %v", retried, tc.wantAttempts > 1)
			}
			if n := len(logged(t, f)); n != tc.wantAttempts {
				t.Errorf("call log holds %d attempts, want %d", n, tc.wantAttempts)
			}
		})
	}
}

// outcomeOf names an attempt's or a call's outcome, the one way these tests
// describe an error: "ok", the IAM error code, "UnsupportedOperation" or
// "RuleError" for the fake's own refusals, or the Go type of any other error.
func outcomeOf(err error) string {
	if err == nil {
		return "ok"
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	var ue *fakeiam.UnsupportedOperationError
	if errors.As(err, &ue) {
		return "UnsupportedOperation"
	}
	var re *fakeiam.RuleError
	if errors.As(err, &re) {
		return "RuleError"
	}
	return fmt.Sprintf("%T", err)
}

// logLines renders the call log as "<Operation> #<attempt> <outcome>".
func logLines(calls []fakeiam.Call) []string {
	lines := make([]string, len(calls))
	for i, c := range calls {
		lines[i] = fmt.Sprintf("%s #%d %s", c.Operation, c.Attempt, outcomeOf(c.Err))
	}
	return lines
}

func TestFirstTwoAttemptsFailThenTheCallSucceeds(t *testing.T) {
	f := newFake(bobWithDocCert())
	f.Inject(fakeiam.Rule{Operation: fakeiam.ListSigningCertificates, Attempts: fakeiam.FirstN(2), Then: fakeiam.ServiceFailure()})
	out, err := f.Client().ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")})
	if err != nil {
		t.Fatalf("ListSigningCertificates: %v", err)
	}
	want := &iam.ListSigningCertificatesOutput{Certificates: []types.SigningCertificate{sc("Bob", docID, docBody, types.StatusTypeActive, docDate)}}
	if diff := cmp.Diff(want, out, cmpOutputs); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
	calls := logged(t, f)
	wantLines := []string{"ListSigningCertificates #1 ServiceFailure", "ListSigningCertificates #2 ServiceFailure", "ListSigningCertificates #3 ok"}
	if diff := cmp.Diff(wantLines, logLines(calls)); diff != "" {
		t.Fatalf("call log (-want +got):\n%s", diff)
	}
	if calls[0].Output != nil || calls[1].Output != nil {
		t.Errorf("failed attempts carry outputs: %v, %v", calls[0].Output, calls[1].Output)
	}
	if diff := cmp.Diff(out, calls[2].Output, cmpOutputs); diff != "" {
		t.Errorf("third attempt's logged output differs from the returned one (-returned +logged):\n%s", diff)
	}
}

// step is one SDK call of a pickers test.
type step struct {
	as   string // caller: a user name, or "" for the root
	op   fakeiam.Operation
	user string // the input's UserName; "" omits it
}

func (s step) run(ctx context.Context, f *fakeiam.Fake, n int) error {
	c := f.Client()
	if s.as != "" {
		c = f.User(s.as).Client()
	}
	var user *string
	if s.user != "" {
		user = aws.String(s.user)
	}
	var err error
	switch s.op {
	case fakeiam.ListSigningCertificates:
		_, err = c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: user})
	case fakeiam.UploadSigningCertificate:
		body := fakeiam.CertificatePEM("step " + strconv.Itoa(n))
		_, err = c.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{UserName: user, CertificateBody: &body})
	case fakeiam.UpdateSigningCertificate:
		_, err = c.UpdateSigningCertificate(ctx, &iam.UpdateSigningCertificateInput{UserName: user, CertificateId: aws.String(docID), Status: types.StatusTypeInactive})
	case fakeiam.DeleteSigningCertificate:
		_, err = c.DeleteSigningCertificate(ctx, &iam.DeleteSigningCertificateInput{UserName: user, CertificateId: aws.String(docID)})
	}
	return err
}

func TestRulesPickAttempts(t *testing.T) {
	list := func(user string) step {
		return step{op: fakeiam.ListSigningCertificates, user: user}
	}
	bob3 := []step{list("Bob"), list("Bob"), list("Bob")}
	const (
		L  = "ListSigningCertificates"
		U  = "UploadSigningCertificate"
		SF = "ServiceFailure"
	)
	for _, tc := range []struct {
		name  string
		rule  fakeiam.Rule
		steps []step
		want  []string // the call log, as logLines renders it
	}{
		{
			name:  "FirstN counts attempts across calls",
			rule:  fakeiam.Rule{Operation: fakeiam.ListSigningCertificates, Attempts: fakeiam.FirstN(2), Then: fakeiam.ServiceFailure()},
			steps: []step{list("Bob"), list("Bob")},
			want:  []string{L + " #1 " + SF, L + " #2 " + SF, L + " #3 ok", L + " #1 ok"},
		},
		{
			name:  "Nth",
			rule:  fakeiam.Rule{Operation: fakeiam.ListSigningCertificates, Attempts: fakeiam.Nth(2), Then: fakeiam.ServiceFailure()},
			steps: bob3,
			want:  []string{L + " #1 ok", L + " #1 " + SF, L + " #2 ok", L + " #1 ok"},
		},
		{
			name:  "EveryNth",
			rule:  fakeiam.Rule{Operation: fakeiam.ListSigningCertificates, Attempts: fakeiam.EveryNth(2), Then: fakeiam.ServiceFailure()},
			steps: bob3,
			want:  []string{L + " #1 ok", L + " #1 " + SF, L + " #2 ok", L + " #1 " + SF, L + " #2 ok"},
		},
		{
			name:  "NthCall fails every attempt of one call",
			rule:  fakeiam.Rule{Operation: fakeiam.ListSigningCertificates, Attempts: fakeiam.NthCall(2), Then: fakeiam.ServiceFailure()},
			steps: bob3,
			want:  []string{L + " #1 ok", L + " #1 " + SF, L + " #2 " + SF, L + " #3 " + SF, L + " #1 ok"},
		},
		{
			name:  "NthCall counts only the calls the rule sees",
			rule:  fakeiam.Rule{Operation: fakeiam.ListSigningCertificates, Attempts: fakeiam.NthCall(2), Then: fakeiam.AccessDenied()},
			steps: []step{list("Bob"), {op: fakeiam.UploadSigningCertificate, user: "Bob"}, list("Bob"), list("Bob")},
			want:  []string{L + " #1 ok", U + " #1 ok", L + " #1 AccessDenied", L + " #1 ok"},
		},
		{
			name:  "If over the input's user",
			rule:  fakeiam.Rule{If: func(c fakeiam.Call) bool { return userOf(c) == "Alice" }, Then: fakeiam.AccessDenied()},
			steps: []step{list("Bob"), list("Alice"), list("Bob")},
			want:  []string{L + " #1 ok", L + " #1 AccessDenied", L + " #1 ok"},
		},
		{
			name:  "If over the caller",
			rule:  fakeiam.Rule{If: func(c fakeiam.Call) bool { return c.Caller.UserName == "Bob" }, Then: fakeiam.Throttle()},
			steps: []step{{as: "Bob", op: fakeiam.ListSigningCertificates}, list("Bob"), {as: "Alice", op: fakeiam.ListSigningCertificates, user: "Bob"}},
			want:  []string{L + " #1 Throttling", L + " #2 Throttling", L + " #3 Throttling", L + " #1 ok", L + " #1 ok"},
		},
		{
			name:  "If over the attempt",
			rule:  fakeiam.Rule{If: func(c fakeiam.Call) bool { return c.Attempt == 1 }, Then: fakeiam.ServiceFailure()},
			steps: []step{list("Bob"), list("Alice")},
			want:  []string{L + " #1 " + SF, L + " #2 ok", L + " #1 " + SF, L + " #2 ok"},
		},
		{
			name: "an empty Operation matches every operation",
			rule: fakeiam.Rule{Then: fakeiam.Fail(&fakeiam.Error{Code: "Outage", Status: 400, Message: "No."})},
			steps: []step{list("Bob"), {op: fakeiam.UploadSigningCertificate, user: "Bob"},
				{op: fakeiam.UpdateSigningCertificate, user: "Bob"}, {op: fakeiam.DeleteSigningCertificate, user: "Bob"}},
			want: []string{L + " #1 Outage", U + " #1 Outage", "UpdateSigningCertificate #1 Outage", "DeleteSigningCertificate #1 Outage"},
		},
		{
			name:  "an Operation matches only itself",
			rule:  fakeiam.Rule{Operation: fakeiam.UploadSigningCertificate, Then: fakeiam.AccessDenied()},
			steps: []step{list("Bob"), {op: fakeiam.UploadSigningCertificate, user: "Bob"}, {op: fakeiam.DeleteSigningCertificate, user: "Bob"}},
			want:  []string{L + " #1 ok", U + " #1 AccessDenied", "DeleteSigningCertificate #1 ok"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(bobWithDocCert(), fakeiam.User("Alice"))
			f.Inject(tc.rule)
			for i, s := range tc.steps {
				s.run(context.Background(), f, i)
			}
			if diff := cmp.Diff(tc.want, logLines(logged(t, f))); diff != "" {
				t.Errorf("call log (-want +got):\n%s", diff)
			}
		})
	}
}

// userOf is the UserName in a call's input, or "".
func userOf(c fakeiam.Call) string {
	switch in := c.Input.(type) {
	case *iam.ListSigningCertificatesInput:
		return aws.ToString(in.UserName)
	case *iam.UploadSigningCertificateInput:
		return aws.ToString(in.UserName)
	}
	return ""
}

func TestNewestRuleWinsAndRemovingRestores(t *testing.T) {
	f := newFake(bobWithDocCert())
	var got []string
	list := func() {
		_, err := f.Client().ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")})
		got = append(got, outcomeOf(err))
	}
	deny := fakeiam.Rule{Operation: fakeiam.ListSigningCertificates, Then: fakeiam.AccessDenied()}
	throttle := fakeiam.Rule{Operation: fakeiam.ListSigningCertificates, Then: fakeiam.Throttle()}
	failAll := fakeiam.Rule{Then: fakeiam.ServiceFailure()}

	list()
	removeThrottle := f.Inject(throttle)
	list()
	removeDeny := f.Inject(deny)
	list()
	removeDeny()
	list()
	removeDeny() // twice: a no-op, the throttle stays
	list()
	removeBoth := f.Inject(deny, failAll) // of one Inject, the last is newest
	list()
	removeBoth()
	list()
	f.Inject(deny)
	f.ClearFaults()
	list()
	removeThrottle() // after ClearFaults: a no-op
	list()
	want := []string{"ok", "Throttling", "AccessDenied", "Throttling", "Throttling", "ServiceFailure", "Throttling", "ok", "ok"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("outcomes (-want +got):\n%s", diff)
	}
}

func TestBrokenRulesFailLoudly(t *testing.T) {
	list := fakeiam.ListSigningCertificates
	for _, tc := range []struct {
		name       string
		rule       fakeiam.Rule
		op         fakeiam.Operation // the call made
		wantReason string
	}{
		{"no Then", fakeiam.Rule{Operation: list}, list, "rule for ListSigningCertificates has no Then"},
		{"no Then, no Operation", fakeiam.Rule{}, fakeiam.DeleteSigningCertificate, "rule for every operation has no Then"},
		{"no Then, If never asked", fakeiam.Rule{If: func(fakeiam.Call) bool { return false }}, list, "rule for every operation has no Then"},
		{"ShortPage(0)", fakeiam.Rule{Operation: list, Then: fakeiam.ShortPage(0)}, list, "ShortPage(0): a page holds at least 1 item"},
		{"ShortPage on Upload", fakeiam.Rule{Operation: fakeiam.UploadSigningCertificate, Then: fakeiam.ShortPage(1)}, fakeiam.UploadSigningCertificate, "its effect does nothing to UploadSigningCertificate"},
		{"Fail(nil)", fakeiam.Rule{Then: fakeiam.Fail(nil)}, list, "Fail(nil)"},
		{"Fail without a code", fakeiam.Rule{Then: fakeiam.Fail(&fakeiam.Error{Status: 400})}, list, "Fail: an IAM error needs a Code"},
		{"Fail with status 200", fakeiam.Rule{Then: fakeiam.Fail(&fakeiam.Error{Code: "Oops", Status: 200})}, list, "Fail(Oops): HTTP status 200 is not an error status (400 to 599)"},
		{"FirstN(0)", fakeiam.Rule{Attempts: fakeiam.FirstN(0), Then: fakeiam.Throttle()}, list, "FirstN(0): counts start at 1"},
		{"Nth(0)", fakeiam.Rule{Attempts: fakeiam.Nth(0), Then: fakeiam.Throttle()}, list, "Nth(0): counts start at 1"},
		{"EveryNth(0)", fakeiam.Rule{Attempts: fakeiam.EveryNth(0), Then: fakeiam.Throttle()}, list, "EveryNth(0): counts start at 1"},
		{"NthCall(-1)", fakeiam.Rule{Attempts: fakeiam.NthCall(-1), Then: fakeiam.Throttle()}, list, "NthCall(-1): counts start at 1"},
		{"negative Latency", fakeiam.Rule{Then: fakeiam.Latency(-time.Second)}, list, "Latency(-1s): a delay is at least 0"},
		{"an operation the fake lacks fails every call", fakeiam.Rule{Operation: "ListSigningCertificate", Then: fakeiam.Throttle()}, fakeiam.UploadSigningCertificate,
			`Operation "ListSigningCertificate" is not one the fake implements (see Operations)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(bobWithDocCert())
			f.Inject(tc.rule)
			err := step{op: tc.op, user: "Bob"}.run(context.Background(), f, 0)
			var re *fakeiam.RuleError
			if !errors.As(err, &re) {
				t.Fatalf("err = %v, want a *fakeiam.RuleError", err)
			}
			if re.Reason != tc.wantReason {
				t.Errorf("Reason = %q, want %q", re.Reason, tc.wantReason)
			}
			if diff := cmp.Diff([]string{string(tc.op) + " #1 RuleError"}, logLines(logged(t, f))); diff != "" {
				t.Errorf("attempts (-want +got): a broken rule must fail once, not be retried:\n%s", diff)
			}
		})
	}
}

func TestShortPage(t *testing.T) {
	seed := []fakeiam.Option{fakeiam.CertificatesPerUser(3),
		fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{}, fakeiam.SigningCertificate{}, fakeiam.SigningCertificate{})}
	ctx := context.Background()
	bob := &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")}

	f := newFake(seed...)
	seeded, err := f.User("Bob").SigningCertificates()
	if err != nil {
		t.Fatal(err)
	}
	all := certificateIDs(seeded)
	if n, err := firstPage(ctx, f.Client(), "Bob"); err != nil || n != len(all) {
		t.Fatalf("without ShortPage the first page should hold all %d certificates", len(all))
	}

	f.Inject(fakeiam.Rule{Then: fakeiam.ShortPage(2)})
	out, err := f.Client().ListSigningCertificates(ctx, bob)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(all[:2], certificateIDs(out.Certificates)); diff != "" {
		t.Errorf("short page (-want +got):\n%s", diff)
	}
	if !out.IsTruncated || out.Marker == nil {
		t.Errorf("short page: IsTruncated=%v Marker=%v, want true and a marker", out.IsTruncated, out.Marker)
	}
	last, err := f.Client().ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: aws.String("Bob"), Marker: out.Marker})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(all[2:], certificateIDs(last.Certificates)); diff != "" {
		t.Errorf("last page (-want +got):\n%s", diff)
	}
	if last.IsTruncated || last.Marker != nil {
		t.Errorf("last page: IsTruncated=%v Marker=%v, want false and none", last.IsTruncated, last.Marker)
	}
	small, err := f.Client().ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: aws.String("Bob"), MaxItems: aws.Int32(1)})
	if err != nil {
		t.Fatal(err)
	}
	if len(small.Certificates) != 1 {
		t.Errorf("MaxItems 1 under ShortPage(2): got %d certificates, want 1", len(small.Certificates))
	}

	f.Inject(fakeiam.Rule{Then: fakeiam.ShortPage(1)})
	if diff := cmp.Diff(all, certificateIDs(listAllCertificates(t, f.Client(), aws.String("Bob")))); diff != "" {
		t.Errorf("the paginator must still collect everything (-want +got):\n%s", diff)
	}
	if n, _ := firstPage(ctx, f.Client(), "Bob"); n == len(all) {
		t.Errorf("code that reads one page got all %d certificates: ShortPage did not catch it", n)
	}

	// A ShortPage rule for every operation sees only List: an older rule
	// still decides uploads.
	g := newFake(seed...)
	g.Inject(fakeiam.Rule{Operation: fakeiam.UploadSigningCertificate, Then: fakeiam.Throttle()})
	g.Inject(fakeiam.Rule{Then: fakeiam.ShortPage(1)})
	err = step{op: fakeiam.UploadSigningCertificate, user: "Bob"}.run(ctx, g, 0)
	if got := outcomeOf(err); got != "Throttling" {
		t.Errorf("upload under a ShortPage rule: %s, want the older rule's Throttling", got)
	}
}

// blockingHTTP is what net/http does with a request whose context ends
// before an answer: it returns the context's error inside a *url.Error.
type blockingHTTP struct {
	sent   *atomic.Int32
	onSend func() // runs when the request is sent
}

func (b blockingHTTP) Do(r *http.Request) (*http.Response, error) {
	b.sent.Add(1)
	b.onSend()
	<-r.Context().Done()
	return nil, &url.Error{Op: r.Method, URL: r.URL.String(), Err: r.Context().Err()}
}

// sendFacts is what errors.As and errors.Is tell about a failed send.
type sendFacts struct {
	Facts            errFacts
	Canceled         bool // *smithy.CanceledError
	RequestSendError bool // *smithyhttp.RequestSendError
	DeadlineExceeded bool
	ContextCanceled  bool
}

func sendFactsOf(err error) sendFacts {
	var ce *smithy.CanceledError
	var se *smithyhttp.RequestSendError
	return sendFacts{
		Facts:            errorFacts(err),
		Canceled:         errors.As(err, &ce),
		RequestSendError: errors.As(err, &se),
		DeadlineExceeded: errors.Is(err, context.DeadlineExceeded),
		ContextCanceled:  errors.Is(err, context.Canceled),
	}
}

// TestLatencyEndsWithTheContext compares the fake's Latency, cut short, with
// an SDK client whose HTTP client waits for the context as net/http does.
func TestLatencyEndsWithTheContext(t *testing.T) {
	for _, tc := range []struct {
		name     string
		deadline bool // the context has a short deadline; else it is cancelled in flight
		want     error
	}{
		{name: "deadline", deadline: true, want: context.DeadlineExceeded},
		{name: "cancelled in flight", want: context.Canceled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// newCtx returns a fresh context for one call and the function
			// to run once its request is in flight.
			newCtx := func() (context.Context, context.CancelFunc, func()) {
				if tc.deadline {
					ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
					return ctx, cancel, func() {}
				}
				ctx, cancel := context.WithCancel(context.Background())
				return ctx, cancel, cancel
			}
			in := &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")}

			f := newFake(bobWithDocCert())
			ctx, cancel, inFlight := newCtx()
			defer cancel()
			f.Inject(fakeiam.Rule{If: func(fakeiam.Call) bool { inFlight(); return true }, Then: fakeiam.Latency(time.Hour)})
			start := time.Now()
			_, got := f.Client().ListSigningCertificates(ctx, in)
			if elapsed := time.Since(start); elapsed > time.Minute {
				t.Errorf("the call took %v: Latency did not end with the context", elapsed)
			}

			var sent atomic.Int32
			ctx, cancel, inFlight = newCtx()
			defer cancel()
			ref := f.Client(func(o *iam.Options) { o.APIOptions = nil; o.HTTPClient = blockingHTTP{&sent, inFlight} })
			_, want := ref.ListSigningCertificates(ctx, in)

			if got == nil || want == nil {
				t.Fatalf("fake err = %v, reference err = %v; want both to fail", got, want)
			}
			if !errors.Is(got, tc.want) {
				t.Errorf("errors.Is(%v, %v) = false", got, tc.want)
			}
			if got.Error() != want.Error() {
				t.Errorf("err.Error() differs:\nreference: %s\nfake:      %s", want, got)
			}
			if diff := cmp.Diff(sendFactsOf(want), sendFactsOf(got)); diff != "" {
				t.Errorf("error chain differs from a real cancelled send (-reference +fake):\n%s", diff)
			}
			if n := sent.Load(); n != 1 {
				t.Errorf("the reference sent %d requests, want 1 (the SDK does not retry a cancelled send)", n)
			}
			calls := logged(t, f)
			if diff := cmp.Diff([]string{"ListSigningCertificates #1 *http.ResponseError"}, logLines(calls)); diff != "" {
				t.Errorf("attempts (-want +got):\n%s", diff)
			}
			if len(calls) == 1 && calls[0].RequestID != "" {
				t.Errorf("a cancelled attempt logged request id %q; nothing answered it", calls[0].RequestID)
			}
		})
	}
}

func TestShortLatencyProceeds(t *testing.T) {
	f := newFake(bobWithDocCert())
	f.Inject(fakeiam.Rule{Then: fakeiam.Latency(time.Millisecond)})
	out, err := f.Client().ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{docID}, certificateIDs(out.Certificates)); diff != "" {
		t.Errorf("certificates after latency (-want +got):\n%s", diff)
	}
}

func TestHooksRunOutsideTheFakesLocks(t *testing.T) {
	f := newFake(bobWithDocCert())
	var seen []string
	f.Inject(fakeiam.Rule{
		If: func(c fakeiam.Call) bool {
			// Every kind of re-entry a hook might make: read the log, read
			// the state, add and remove a rule, move the clock.
			certs, err := f.User("Bob").SigningCertificates()
			remove := f.Inject(fakeiam.Rule{Operation: fakeiam.DeleteSigningCertificate, Then: fakeiam.Throttle()})
			remove()
			f.Advance(0)
			seen = append(seen, fmt.Sprintf("attempt %d: %d logged, %d certs, err %v", c.Attempt, len(logged(t, f)), len(certs), err))
			return true
		},
		Attempts: fakeiam.FirstN(1),
		Then:     fakeiam.ServiceFailure(),
	})
	done := make(chan error, 1)
	go func() {
		_, err := f.Client().ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")})
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("ListSigningCertificates: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("deadlock: a hook that calls the fake never returned")
	}
	want := []string{"attempt 1: 0 logged, 1 certs, err <nil>", "attempt 2: 1 logged, 1 certs, err <nil>"}
	if diff := cmp.Diff(want, seen); diff != "" {
		t.Errorf("what the hook saw (-want +got):\n%s", diff)
	}
}

func TestRulesChangeWhileCallsRun(t *testing.T) {
	f := newFake(bobWithDocCert(), fakeiam.CallLogBytes(1<<30))
	const workers, callsEach = 8, 40
	stop := make(chan struct{})
	var changer sync.WaitGroup
	changer.Add(1)
	go func() {
		defer changer.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			r1 := f.Inject(fakeiam.Rule{Operation: fakeiam.ListSigningCertificates, Attempts: fakeiam.EveryNth(2), Then: fakeiam.Throttle()})
			r2 := f.Inject(fakeiam.Rule{If: func(c fakeiam.Call) bool { return c.Attempt < 3 }, Attempts: fakeiam.NthCall(1 + i%3), Then: fakeiam.ServiceFailure()})
			r1()
			if i%5 == 0 {
				f.ClearFaults()
			}
			r2()
		}
	}()
	var wg sync.WaitGroup
	errs := make(chan string, workers*callsEach)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := f.Client()
			for i := 0; i < callsEach; i++ {
				out, err := c.ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")})
				switch {
				case err != nil && outcomeOf(err) != "Throttling" && outcomeOf(err) != "ServiceFailure":
					errs <- err.Error()
				case err == nil && len(out.Certificates) != 1:
					errs <- fmt.Sprintf("%d certificates", len(out.Certificates))
				}
			}
		}()
	}
	wg.Wait()
	close(stop)
	changer.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	first := 0
	for _, c := range logged(t, f) {
		if c.Attempt == 1 {
			first++
		}
	}
	if first != workers*callsEach {
		t.Errorf("the log has %d first attempts, want one per call: %d", first, workers*callsEach)
	}
}

// TestFailMessageCharacters: what Fail's documentation promises about the
// message, through both doors (the harness runs each row through the SDK
// door and over HTTP): XML 1.0's characters arrive unchanged, the others as
// U+FFFD.
func TestFailMessageCharacters(t *testing.T) {
	for _, tc := range []struct{ name, sent, arrives string }{
		{"markup and quotes", `<a href="x">&amp;'</a>`, `<a href="x">&amp;'</a>`},
		{"tab, LF, CRLF, lone CR", "a\tb\nc\r\nd\re", "a\tb\nc\r\nd\re"},
		{"Latin-1, DEL, C1, astral", "é\u007f\u0085\U0001F600", "é\u007f\u0085\U0001F600"},
		{"NUL and other C0 controls", "a\x00b\x01c\x1fd", "a\uFFFDb\uFFFDc\uFFFDd"},
		{"invalid UTF-8", "a\xffb\xc3c", "a\uFFFDb\uFFFDc"},
		{"U+FFFE and U+FFFF", "a\uFFFEb\uFFFFc", "a\uFFFDb\uFFFDc"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rule := fakeiam.Rule{Then: fakeiam.Fail(&fakeiam.Error{Code: "Outage", Status: 400, Message: tc.sent})}
			runScenario(t, scenario{
				seed:    []fakeiam.Option{bobWithDocCert()},
				steps:   []change{inject(rule)},
				call:    listSigningCertificates(aws.String("Bob"), nil, nil),
				wantErr: &fakeiam.Error{Code: "Outage", Status: 400, Message: tc.arrives},
			})
		})
	}
}
