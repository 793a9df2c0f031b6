package fakeiam_test

// The control API (control.go): fault rules, the call log and a reset as
// JSON, for tests that are not written in Go.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
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

// getCalls reads GET /_fakeiam/calls with query, as generic JSON, checking
// that every key at every depth is lowerCamel.
func (c controlled) getCalls(t *testing.T, query string) []map[string]any {
	t.Helper()
	status, body := c.do(t, "GET", "/_fakeiam/calls"+query, controlToken, "")
	if status != http.StatusOK {
		t.Fatalf("GET calls%s: HTTP %d %s", query, status, body)
	}
	var calls []map[string]any
	if err := json.Unmarshal(body, &calls); err != nil {
		t.Fatalf("calls %s: %v", body, err)
	}
	var check func(path string, v any)
	check = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				if k == "" || strings.ToLower(k[:1]) != k[:1] || k == "resultMetadata" {
					t.Errorf("key %s.%s: want lowerCamel keys and no resultMetadata", path, k)
				}
				check(path+"."+k, e)
			}
		case []any:
			for i, e := range v {
				check(fmt.Sprintf("%s[%d]", path, i), e)
			}
		}
	}
	check("calls", calls)
	return calls
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
	listID, _ := awsmiddleware.GetRequestIDMetadata(out.ResultMetadata)
	root := rootCredentials(t, c.f)
	caller := map[string]any{"account": "123456789012", "arn": "arn:aws:iam::123456789012:root", "accessKeyId": root.AccessKeyID, "userName": "", "roleName": ""}
	list := map[string]any{
		"operation": "ListSigningCertificates", "attempt": 1.0, "caller": caller, "requestId": listID,
		"input": map[string]any{"userName": "Bob", "maxItems": 1.0},
		"output": map[string]any{"isTruncated": false, "certificates": []any{map[string]any{
			"userName": "Bob", "certificateId": docID, "certificateBody": docBody, "status": "Active", "uploadDate": "2013-06-06T21:40:08Z"}}},
	}
	del := map[string]any{
		"operation": "DeleteUser", "attempt": 1.0, "caller": caller, "requestId": re.ServiceRequestID(),
		"input": map[string]any{"userName": "Nobody"},
		"error": map[string]any{"code": "NoSuchEntity", "status": 404.0, "message": "The user with name Nobody cannot be found."},
	}
	for _, tc := range []struct {
		query string
		want  []map[string]any
	}{
		{"", []map[string]any{list, del}},
		{"?operation=DeleteUser", []map[string]any{del}},
		{"?operation=ListSigningCertificates", []map[string]any{list}},
		{"?operation=DeleteUser,ListSigningCertificates", []map[string]any{list, del}},
		{"?operation=DeleteUser&operation=ListSigningCertificates", []map[string]any{list, del}},
		{"?operation=GetUser", []map[string]any{}},
	} {
		if diff := cmp.Diff(tc.want, c.getCalls(t, tc.query)); diff != "" {
			t.Errorf("GET /_fakeiam/calls%s (-want +got):\n%s", tc.query, diff)
		}
	}
}

func TestControlOperations(t *testing.T) {
	c := newControlled(t)
	status, body := c.do(t, "GET", "/_fakeiam/operations", controlToken, "")
	var got []fakeiam.Operation
	if err := json.Unmarshal(body, &got); status != http.StatusOK || err != nil {
		t.Fatalf("GET operations: HTTP %d %s (%v)", status, body, err)
	}
	if diff := cmp.Diff(fakeiam.Operations(), got); diff != "" {
		t.Errorf("GET /_fakeiam/operations (-Operations() +got):\n%s", diff)
	}
}

// TestControlListsRules: GET /_fakeiam/faults lists the rules added through
// the control API that are still installed, oldest first, as they were given.
func TestControlListsRules(t *testing.T) {
	c := newControlled(t, bobWithDocCert())
	rules := func() string {
		t.Helper()
		status, body := c.do(t, "GET", "/_fakeiam/faults", controlToken, "")
		if status != http.StatusOK {
			t.Fatalf("GET faults: HTTP %d %s", status, body)
		}
		return strings.TrimSpace(string(body))
	}
	if got := rules(); got != "[]" {
		t.Errorf("rules of a new fake: %s, want []", got)
	}
	c.addRule(t, `{"operation":"GetUser","effect":"ServiceFailure","firstN":2}`)
	second := c.addRule(t, `{"effect":"Latency","latency":"250ms"}`)
	c.addRule(t, `{"operation":"GetUser","effect":"Error","code":"EntityTemporarilyUnmodifiable","status":409,"message":"Not now."}`)
	want := `[{"id":"1","operation":"GetUser","effect":"ServiceFailure","firstN":2},` +
		`{"id":"2","effect":"Latency","latency":"250ms"},` +
		`{"id":"3","operation":"GetUser","effect":"Error","code":"EntityTemporarilyUnmodifiable","status":409,"message":"Not now."}]`
	if diff := cmp.Diff(want, rules()); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
	c.mustSucceed(t, "DELETE", "/_fakeiam/faults/"+second, http.StatusNoContent)
	want = `[{"id":"1","operation":"GetUser","effect":"ServiceFailure","firstN":2},` +
		`{"id":"3","operation":"GetUser","effect":"Error","code":"EntityTemporarilyUnmodifiable","status":409,"message":"Not now."}]`
	if diff := cmp.Diff(want, rules()); diff != "" {
		t.Errorf("rules after removing rule %s (-want +got):\n%s", second, diff)
	}
	// Rules cleared by the Go API are gone from the list too, and their ids
	// with them.
	c.f.ClearFaults()
	if got := rules(); got != "[]" {
		t.Errorf("rules after ClearFaults: %s, want []", got)
	}
	if status, _ := c.do(t, "DELETE", "/_fakeiam/faults/1", controlToken, ""); status != http.StatusNotFound {
		t.Errorf("removing a cleared rule: HTTP %d, want 404", status)
	}
	c.addRule(t, `{"effect":"Throttle"}`)
	c.f.Reset()
	if got := rules(); got != "[]" {
		t.Errorf("rules after Reset: %s, want []", got)
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
		{"Error without a code", "POST", "/_fakeiam/faults", `{"effect":"Error","status":400}`, 400, `needs "code"`},
		{"Error with status 200", "POST", "/_fakeiam/faults", `{"effect":"Error","code":"X","status":200}`, 400, "200"},
		{"Error without a status", "POST", "/_fakeiam/faults", `{"effect":"Error","code":"X"}`, 400, `needs "status"`},
		{"ShortPage of a call that does not page", "POST", "/_fakeiam/faults", `{"operation":"GetUser","effect":"ShortPage","pageSize":1}`, 400, "GetUser does not page"},
		{"ShortPage of 0", "POST", "/_fakeiam/faults", `{"effect":"ShortPage"}`, 400, `needs "pageSize"`},
		{"negative latency", "POST", "/_fakeiam/faults", `{"effect":"Latency","latency":"-1s"}`, 400, "at least 0"},
		{"a member of another effect", "POST", "/_fakeiam/faults", `{"effect":"Throttle","latency":"1s"}`, 400, `"latency" belongs to effect Latency`},
		{"unknown operation, in the API's terms", "POST", "/_fakeiam/faults", `{"operation":"ListUser","effect":"Throttle"}`, 400, "GET /_fakeiam/operations lists them"},
		{"two rules in one body", "POST", "/_fakeiam/faults", `{"effect":"Throttle"}{"effect":"ServiceFailure"}`, 400, "more follows"},
		{"garbage after the rule", "POST", "/_fakeiam/faults", `{"effect":"Throttle"}}`, 400, "more follows"},
		{"a body over the limit", "POST", "/_fakeiam/faults", `{"effect":"Throttle","message":"` + strings.Repeat("x", 2<<20) + `"}`, 413, "over"},
		{"wrong method", "PUT", "/_fakeiam/faults", "", 405, "GET, POST or DELETE"},
		{"wrong method for a rule", "GET", "/_fakeiam/faults/1", "", 405, "DELETE"},
		{"wrong method for reset", "GET", "/_fakeiam/reset", "", 405, "POST"},
		{"wrong method for the operations", "POST", "/_fakeiam/operations", "", 405, "GET"},
		{"unknown endpoint", "GET", "/_fakeiam/rules", "", 404, "/_fakeiam/rules"},
		{"unknown operation in the calls filter", "GET", "/_fakeiam/calls?operation=ListUser", "", 400, `"ListUser" is not an IAM operation (GET /_fakeiam/operations lists those the fake implements)`},
		{"unknown operation in a list", "GET", "/_fakeiam/calls?operation=GetUser,getUser", "", 400, `"getUser"`},
		{"unknown calls parameter", "GET", "/_fakeiam/calls?op=GetUser", "", 400, `"operation", not "op"`},
		{"an unreadable calls query", "GET", "/_fakeiam/calls?operation=%zz", "", 400, "the query string cannot be read"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := c.do(t, tc.method, tc.path, controlToken, tc.body)
			if status != tc.status {
				t.Errorf("HTTP %d %.200s, want %d", status, body, tc.status)
			}
			controlError(t, body, tc.says)
			if strings.Contains(string(body), "see Operations") {
				t.Errorf("error %s names a Go function to a curl user", body)
			}
		})
	}
	if got, err := c.getUser(context.Background()); got != "NoSuchEntity" {
		t.Errorf("GetUser Bob (not seeded) after refused rules: %v, want NoSuchEntity and no rule installed", err)
	}
}

// meteredWriter is a response writer that counts the body and discards it,
// recording the most the heap held, after a collection, at any write.
type meteredWriter struct {
	header  http.Header
	status  int
	written int
	peak    uint64
}

func (m *meteredWriter) Header() http.Header { return m.header }
func (m *meteredWriter) WriteHeader(status int) {
	m.status = status
}

func (m *meteredWriter) Write(p []byte) (int, error) {
	m.written += len(p)
	m.peak = max(m.peak, liveHeap())
	return len(p), nil
}

// liveHeap is the bytes the heap holds after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestControlCallsStreams: reading the call log holds about one attempt's
// JSON at a time, not the whole log again.
func TestControlCallsStreams(t *testing.T) {
	f := newFake(bobWithDocCert())
	c := f.Client()
	for range 5000 {
		if _, err := c.ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")}); err != nil {
			t.Fatal(err)
		}
	}
	h := f.Handler(fakeiam.WithControlToken(controlToken))
	req := httptest.NewRequest("GET", "/_fakeiam/calls", nil)
	req.Header.Set("Authorization", "Bearer "+controlToken)
	w := &meteredWriter{header: http.Header{}}
	before := liveHeap()
	h.ServeHTTP(w, req)
	if w.status != http.StatusOK || w.written < 1<<20 {
		t.Fatalf("GET calls: HTTP %d, %d bytes; want 200 and the log (over 1 MiB)", w.status, w.written)
	}
	grew := int64(w.peak) - int64(before)
	t.Logf("read %d bytes; the heap grew by at most %d", w.written, grew)
	if grew > int64(w.written)/8 {
		t.Errorf("reading %d bytes of call log grew the heap by %d bytes: want a stream, not a copy of the log", w.written, grew)
	}
}
