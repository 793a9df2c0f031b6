package fakeiam_test

// The control API (control.go): fault rules, the call log and a reset as
// JSON, for tests that are not written in Go.

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

const controlToken = "test-control-token"

// controlled is a fake served with the control API, an SDK client over
// HTTP signing as the root, and the base URL.
type controlled struct {
	f    *fakeiam.Fake
	iam  *iam.Client
	base string
}

func newControlled(t *testing.T, seeds ...fakeiam.Option) controlled {
	f := newFake(seeds...)
	base := f.Endpoint(t, fakeiam.WithControlToken(controlToken))
	return controlled{f: f, iam: overHTTP(f.Client(), base), base: base}
}

// do sends a control request with token (none when empty) and returns the
// status and body, checking that every answer with a body is JSON.
func (c controlled) do(t *testing.T, method, path, token, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, c.base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp := send(t, req)
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) > 0 && resp.Header.Get("Content-Type") != "application/json" {
		t.Errorf("%s %s: Content-Type %q, want application/json", method, path, resp.Header.Get("Content-Type"))
	}
	return resp.StatusCode, out
}

// addRule adds a rule by its JSON and returns its id.
func (c controlled) addRule(t *testing.T, rule string) string {
	t.Helper()
	status, body := c.do(t, "POST", "/_fakeiam/faults", controlToken, rule)
	var created struct{ ID string }
	if err := json.Unmarshal(body, &created); status != http.StatusCreated || err != nil || created.ID == "" {
		t.Fatalf("adding %s: HTTP %d %s (%v), want 201 and an id", rule, status, body, err)
	}
	return created.ID
}

// mustSucceed is a control request that must answer want with no body.
func (c controlled) mustSucceed(t *testing.T, method, path string, want int) {
	t.Helper()
	if status, body := c.do(t, method, path, controlToken, ""); status != want {
		t.Fatalf("%s %s: HTTP %d %s, want %d", method, path, status, body, want)
	}
}

// getUser is GetUser of Bob over HTTP: "ok" or the error's code.
func (c controlled) getUser(ctx context.Context) (string, error) {
	_, err := c.iam.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("Bob")})
	return outcomeOf(err), err
}

// controlError reads the control API's JSON error and checks it says want.
func controlError(t *testing.T, body []byte, want string) {
	t.Helper()
	var e struct{ Error string }
	if err := json.Unmarshal(body, &e); err != nil || e.Error == "" {
		t.Fatalf("error body %s: want {\"error\": \"...\"} (%v)", body, err)
	}
	if !strings.Contains(e.Error, want) {
		t.Errorf("error %q does not say %q", e.Error, want)
	}
}

func TestControlNeedsTheToken(t *testing.T) {
	c := newControlled(t, bobWithDocCert())
	for _, token := range []string{"", "wrong", controlToken + "x"} {
		for _, req := range [][2]string{{"GET", "/_fakeiam/calls"}, {"POST", "/_fakeiam/reset"}, {"DELETE", "/_fakeiam/faults"}, {"POST", "/_fakeiam/faults"}} {
			status, body := c.do(t, req[0], req[1], token, `{"effect":"ServiceFailure"}`)
			if status != http.StatusUnauthorized {
				t.Errorf("%s %s with token %q: HTTP %d, want 401", req[0], req[1], token, status)
			}
			controlError(t, body, "token")
		}
	}
	if got, err := c.getUser(context.Background()); got != "ok" {
		t.Errorf("GetUser after refused control requests: %v, want no rule installed", err)
	}
	// Bearer is the scheme; the token alone is not enough.
	req, _ := http.NewRequest("GET", c.base+"/_fakeiam/calls", nil)
	req.Header.Set("Authorization", controlToken)
	if resp := send(t, req); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("Authorization without Bearer: HTTP %d, want 401", resp.StatusCode)
	}
}

func TestControlEffects(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, rule string
		// check runs the calls the rule acts on and says what went wrong.
		check func(t *testing.T, c controlled)
	}{
		{"ServiceFailure", `{"operation":"GetUser","effect":"ServiceFailure"}`, func(t *testing.T, c controlled) {
			got, err := c.getUser(ctx)
			var me *retry.MaxAttemptsError
			if got != "ServiceFailure" || !errors.As(err, &me) || me.Attempt != 3 {
				t.Errorf("GetUser: %v, want ServiceFailure after 3 attempts", err)
			}
		}},
		{"Throttle", `{"effect":"Throttle"}`, func(t *testing.T, c controlled) {
			if got, err := c.getUser(ctx); got != "Throttling" || !strings.Contains(err.Error(), "Rate exceeded") {
				t.Errorf("GetUser: %v, want Throttling: Rate exceeded", err)
			}
		}},
		{"AccessDenied", `{"operation":"GetUser","effect":"AccessDenied"}`, func(t *testing.T, c controlled) {
			_, err := c.getUser(ctx)
			var ae smithy.APIError
			want := "User: arn:aws:iam::123456789012:root is not authorized to perform: iam:GetUser on resource: user Bob"
			if !errors.As(err, &ae) || ae.ErrorCode() != "AccessDenied" || ae.ErrorMessage() != want {
				t.Errorf("GetUser: %v, want AccessDenied: %s", err, want)
			}
		}},
		{"Error", `{"operation":"GetUser","effect":"Error","code":"EntityTemporarilyUnmodifiable","status":409,"message":"Not now."}`, func(t *testing.T, c controlled) {
			_, err := c.getUser(ctx)
			var ae smithy.APIError
			if !errors.As(err, &ae) || ae.ErrorCode() != "EntityTemporarilyUnmodifiable" || ae.ErrorMessage() != "Not now." {
				t.Errorf("GetUser: %v, want EntityTemporarilyUnmodifiable: Not now.", err)
			}
		}},
		{"Latency", `{"operation":"GetUser","effect":"Latency","latency":"30ms"}`, func(t *testing.T, c controlled) {
			start := time.Now()
			got, err := c.getUser(ctx)
			if elapsed := time.Since(start); got != "ok" || elapsed < 30*time.Millisecond {
				t.Errorf("GetUser: %v after %v, want success after at least 30ms", err, elapsed)
			}
		}},
		{"ShortPage", `{"operation":"ListUsers","effect":"ShortPage","pageSize":1}`, func(t *testing.T, c controlled) {
			out, err := c.iam.ListUsers(ctx, &iam.ListUsersInput{})
			if err != nil || len(out.Users) != 1 || !out.IsTruncated || out.Marker == nil {
				t.Errorf("ListUsers: %+v, %v; want one user, truncated, with a marker", out, err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newControlled(t, bobWithDocCert(), fakeiam.User("Alice"))
			c.addRule(t, tc.rule)
			tc.check(t, c)
		})
	}
}

func TestControlFirstNThenRemoveAndClear(t *testing.T) {
	ctx := context.Background()
	c := newControlled(t, bobWithDocCert())

	c.addRule(t, `{"operation":"GetUser","effect":"ServiceFailure","firstN":2}`)
	if got, err := c.getUser(ctx); got != "ok" {
		t.Errorf("GetUser with its first 2 attempts failing: %v, want the third to succeed", err)
	}
	want := []string{"GetUser #1 ServiceFailure", "GetUser #2 ServiceFailure", "GetUser #3 ok"}
	if diff := cmp.Diff(want, logLines(logged(t, c.f))); diff != "" {
		t.Errorf("call log (-want +got):\n%s", diff)
	}

	id := c.addRule(t, `{"operation":"GetUser","effect":"Throttle"}`)
	if got, _ := c.getUser(ctx); got != "Throttling" {
		t.Errorf("GetUser with a Throttle rule: %s", got)
	}
	c.mustSucceed(t, "DELETE", "/_fakeiam/faults/"+id, http.StatusNoContent)
	if got, err := c.getUser(ctx); got != "ok" {
		t.Errorf("GetUser after removing the rule: %v", err)
	}
	status, body := c.do(t, "DELETE", "/_fakeiam/faults/"+id, controlToken, "")
	if status != http.StatusNotFound {
		t.Errorf("removing rule %s twice: HTTP %d, want 404", id, status)
	}
	controlError(t, body, id)

	// Newest rule wins; clearing removes both.
	c.addRule(t, `{"effect":"ServiceFailure"}`)
	c.addRule(t, `{"operation":"GetUser","effect":"AccessDenied"}`)
	if got, _ := c.getUser(ctx); got != "AccessDenied" {
		t.Errorf("GetUser with ServiceFailure then AccessDenied added: %s, want AccessDenied (newest wins)", got)
	}
	c.mustSucceed(t, "DELETE", "/_fakeiam/faults", http.StatusNoContent)
	if got, err := c.getUser(ctx); got != "ok" {
		t.Errorf("GetUser after clearing: %v", err)
	}
}

// controlCall is a logged attempt as the control API returns it, with its
// input and output left as JSON.
type controlCall struct {
	Operation string          `json:"operation"`
	Attempt   int             `json:"attempt"`
	Caller    fakeiam.Caller  `json:"caller"`
	RequestID string          `json:"requestId"`
	Input     json.RawMessage `json:"input"`
	Output    json.RawMessage `json:"output"`
	Error     *struct {
		Code    string `json:"code"`
		Status  int    `json:"status"`
		Message string `json:"message"`
	} `json:"error"`
}

func TestControlCalls(t *testing.T) {
	ctx := context.Background()
	c := newControlled(t, bobWithDocCert())
	out, err := c.iam.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: aws.String("Bob"), MaxItems: aws.Int32(1)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.iam.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String("Nobody")})
	var re interface{ ServiceRequestID() string }
	if !errors.As(err, &re) {
		t.Fatalf("DeleteUser Nobody: %v, want an IAM error", err)
	}

	status, body := c.do(t, "GET", "/_fakeiam/calls", controlToken, "")
	if status != http.StatusOK {
		t.Fatalf("GET calls: HTTP %d %s", status, body)
	}
	var calls []controlCall
	if err := json.Unmarshal(body, &calls); err != nil || len(calls) != 2 {
		t.Fatalf("calls %s: %v; want 2", body, err)
	}
	root := rootCredentials(t, c.f)
	wantCaller := fakeiam.Caller{Account: "123456789012", ARN: "arn:aws:iam::123456789012:root", AccessKeyID: root.AccessKeyID}
	list, del := calls[0], calls[1]
	if list.Operation != "ListSigningCertificates" || list.Attempt != 1 || list.Caller != wantCaller || list.Error != nil {
		t.Errorf("first call %+v, want ListSigningCertificates #1 by the root, no error", list)
	}
	if reqID, _ := awsmiddleware.GetRequestIDMetadata(out.ResultMetadata); list.RequestID != reqID || reqID == "" {
		t.Errorf("first call's request id %q, want the response's %q", list.RequestID, reqID)
	}
	var in struct {
		UserName string
		MaxItems int
	}
	var o struct {
		Certificates []struct{ CertificateId string }
		IsTruncated  bool
	}
	if json.Unmarshal(list.Input, &in); in.UserName != "Bob" || in.MaxItems != 1 {
		t.Errorf("first call's input %s, want UserName Bob, MaxItems 1", list.Input)
	}
	if json.Unmarshal(list.Output, &o); len(o.Certificates) != 1 || o.Certificates[0].CertificateId != docID || o.IsTruncated {
		t.Errorf("first call's output %s, want Bob's certificate %s, not truncated", list.Output, docID)
	}
	if del.Operation != "DeleteUser" || del.Error == nil || del.Error.Code != "NoSuchEntity" || del.Error.Status != 404 ||
		del.Error.Message != "The user with name Nobody cannot be found." || del.RequestID != re.ServiceRequestID() {
		t.Errorf("second call %+v (error %+v), want DeleteUser's NoSuchEntity 404 with request id %s", del, del.Error, re.ServiceRequestID())
	}
}

func TestControlResetToSeed(t *testing.T) {
	ctx := context.Background()
	c := newControlled(t, bobWithDocCert())
	if _, err := c.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("Carol")}); err != nil {
		t.Fatal(err)
	}
	c.addRule(t, `{"operation":"GetUser","effect":"Throttle"}`)
	c.mustSucceed(t, "POST", "/_fakeiam/reset", http.StatusNoContent)

	if n := len(logged(t, c.f)); n != 0 {
		t.Errorf("%d attempts logged after reset, want none", n)
	}
	if got, err := c.getUser(ctx); got != "ok" {
		t.Errorf("GetUser Bob after reset: %v, want the seeded user and no rule", err)
	}
	_, err := c.iam.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("Carol")})
	if got := outcomeOf(err); got != "NoSuchEntity" {
		t.Errorf("GetUser Carol after reset: %v, want NoSuchEntity", err)
	}
	// Rule ids of before the reset are gone.
	if status, _ := c.do(t, "DELETE", "/_fakeiam/faults/1", controlToken, ""); status != http.StatusNotFound {
		t.Errorf("removing a rule of before the reset: HTTP %d, want 404", status)
	}
}

func TestControlRefusals(t *testing.T) {
	c := newControlled(t)
	for _, tc := range []struct {
		name, method, path, body string
		status                   int
		says                     string
	}{
		{"bad JSON", "POST", "/_fakeiam/faults", `{"effect":`, 400, "fault rule"},
		{"not an object", "POST", "/_fakeiam/faults", `["ServiceFailure"]`, 400, "fault rule"},
		{"unknown effect", "POST", "/_fakeiam/faults", `{"effect":"Explode"}`, 400, "Explode"},
		{"no effect", "POST", "/_fakeiam/faults", `{"operation":"GetUser"}`, 400, "effect"},
		{"unknown field", "POST", "/_fakeiam/faults", `{"effect":"Throttle","times":2}`, 400, "times"},
		{"unknown operation", "POST", "/_fakeiam/faults", `{"operation":"GetUsr","effect":"Throttle"}`, 400, "GetUsr"},
		{"negative firstN", "POST", "/_fakeiam/faults", `{"effect":"Throttle","firstN":-1}`, 400, "firstN"},
		{"bad latency", "POST", "/_fakeiam/faults", `{"effect":"Latency","latency":"soon"}`, 400, "soon"},
		{"Error without a code", "POST", "/_fakeiam/faults", `{"effect":"Error","status":400}`, 400, "Code"},
		{"Error with status 200", "POST", "/_fakeiam/faults", `{"effect":"Error","code":"X","status":200}`, 400, "200"},
		{"ShortPage of a call that does not page", "POST", "/_fakeiam/faults", `{"operation":"GetUser","effect":"ShortPage","pageSize":1}`, 400, "GetUser"},
		{"ShortPage of 0", "POST", "/_fakeiam/faults", `{"effect":"ShortPage"}`, 400, "ShortPage"},
		{"wrong method", "GET", "/_fakeiam/faults", "", 405, "GET"},
		{"wrong method for reset", "GET", "/_fakeiam/reset", "", 405, "GET"},
		{"unknown endpoint", "GET", "/_fakeiam/rules", "", 404, "/_fakeiam/rules"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := c.do(t, tc.method, tc.path, controlToken, tc.body)
			if status != tc.status {
				t.Errorf("HTTP %d %s, want %d", status, body, tc.status)
			}
			controlError(t, body, tc.says)
		})
	}
	if got, err := c.getUser(context.Background()); got != "NoSuchEntity" {
		t.Errorf("GetUser Bob (not seeded) after refused rules: %v, want NoSuchEntity and no rule installed", err)
	}
}
