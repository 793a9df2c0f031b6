package fakeiam_test

// The HTTP door as clients other than the Go SDK meet it: bad and odd
// requests sent with net/http and signed with the SDK's SigV4 signer, and
// the call identity, faults and call log of SDK calls that go over HTTP.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

const iamNamespace = "https://iam.amazonaws.com/doc/2010-05-08/"

// iamErrorDocument is IAM's query-protocol error document (docs/contract.md,
// "Wire format").
type iamErrorDocument struct {
	XMLName xml.Name `xml:"https://iam.amazonaws.com/doc/2010-05-08/ ErrorResponse"`
	Error   struct {
		Type    string `xml:"Type"`
		Code    string `xml:"Code"`
		Message string `xml:"Message"`
	} `xml:"Error"`
	RequestID string `xml:"RequestId"`
}

// readIAMError reads resp as an IAM error response: text/xml, the error
// document, a request id in the body equal to the X-Amzn-Requestid header,
// and Type Receiver for 5xx, Sender otherwise.
func readIAMError(t *testing.T, resp *http.Response) iamErrorDocument {
	t.Helper()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the response: %v", err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/xml" {
		t.Errorf("Content-Type = %q, want text/xml", ct)
	}
	var doc iamErrorDocument
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatalf("the body is not IAM's error document: %v\n%s", err, body)
	}
	wantType := "Sender"
	if resp.StatusCode >= 500 {
		wantType = "Receiver"
	}
	if doc.Error.Type != wantType {
		t.Errorf("Type = %q, want %q (HTTP %d)", doc.Error.Type, wantType, resp.StatusCode)
	}
	if doc.RequestID == "" || doc.RequestID != resp.Header.Get("X-Amzn-Requestid") {
		t.Errorf("RequestId %q, X-Amzn-Requestid header %q: want the same, not empty", doc.RequestID, resp.Header.Get("X-Amzn-Requestid"))
	}
	return doc
}

// rootCredentials are the default account root's key, as a client holds it.
func rootCredentials(t testing.TB, f *fakeiam.Fake) aws.Credentials {
	t.Helper()
	keys, err := f.Root().AccessKeys()
	if err != nil || len(keys) == 0 {
		t.Fatalf("root's access keys: %v, %v", keys, err)
	}
	return aws.Credentials{AccessKeyID: keys[0].ID, SecretAccessKey: keys[0].Secret}
}

// iamRequest is a request to the endpoint at base: a POST of form (a GET
// with form as its query string when method is GET), signed with creds
// for IAM in us-east-1 unless creds is the zero value.
func iamRequest(t *testing.T, base, method, form string, creds aws.Credentials) *http.Request {
	t.Helper()
	target, body := base+"/", form
	if method != http.MethodPost {
		target, body = base+"/?"+form, ""
	}
	req, err := http.NewRequest(method, target, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	}
	if creds != (aws.Credentials{}) {
		if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, sha256Hex(body), "iam", "us-east-1", time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	return req
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// send sends req with a deadline, so that a server that never answers
// fails the test instead of hanging it.
func send(t *testing.T, req *http.Request) *http.Response {
	t.Helper()
	ctx, cancel := context.WithTimeout(req.Context(), 20*time.Second)
	t.Cleanup(cancel)
	resp, err := fakeiam.WireClient().Do(req.WithContext(ctx))
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// withVersion ends a form with the API version.
const withVersion = "&Version=2010-05-08"

func TestHTTPBadRequests(t *testing.T) {
	f := newFake(bobWithDocCert())
	base := f.Endpoint(t)
	root := rootCredentials(t, f)
	stranger := aws.Credentials{AccessKeyID: "AKIAUNKNOWNEXAMPLE01", SecretAccessKey: "whatever"}
	wrongSecret := aws.Credentials{AccessKeyID: root.AccessKeyID, SecretAccessKey: "not-" + root.SecretAccessKey}
	for _, tc := range []struct {
		name   string
		req    func(t *testing.T) *http.Request
		status int
		code   string
		// message is the whole message when docs/contract.md (or the issue)
		// gives it; otherwise contains lists what it must say.
		message  string
		contains []string
	}{
		{
			name: "unknown action",
			req: func(t *testing.T) *http.Request {
				return iamRequest(t, base, "POST", "Action=ListBananas"+withVersion, root)
			},
			status: 400, code: "InvalidAction", message: "Could not find operation ListBananas for version 2010-05-08",
		},
		{
			name: "action names are case-sensitive",
			req: func(t *testing.T) *http.Request {
				return iamRequest(t, base, "POST", "Action=listusers"+withVersion, root)
			},
			status: 400, code: "InvalidAction", message: "Could not find operation listusers for version 2010-05-08",
		},
		{
			name: "IAM action the fake does not implement",
			req: func(t *testing.T) *http.Request {
				return iamRequest(t, base, "POST", "Action=GenerateServiceLastAccessedDetails&Arn=r"+withVersion, root)
			},
			status: 501, code: "NotImplemented", contains: []string{"fakeiam does not implement the IAM operation GenerateServiceLastAccessedDetails (nothing was done); it implements ",
				" IAM operations (fakeiam.Operations lists them; the endpoint's control API, GET /_fakeiam/operations)."},
		},
		{
			name:   "missing Action",
			req:    func(t *testing.T) *http.Request { return iamRequest(t, base, "POST", "UserName=Bob"+withVersion, root) },
			status: 400, code: "MissingAction", contains: []string{"Action"},
		},
		{
			name:   "missing Version",
			req:    func(t *testing.T) *http.Request { return iamRequest(t, base, "POST", "Action=ListUsers", root) },
			status: 400, code: "MissingParameter", contains: []string{"Version"},
		},
		{
			name: "wrong Version",
			req: func(t *testing.T) *http.Request {
				return iamRequest(t, base, "POST", "Action=ListUsers&Version=2009-01-01", root)
			},
			status: 400, code: "InvalidAction", message: "Could not find operation ListUsers for version 2009-01-01",
		},
		{
			name: "MaxItems not a number",
			req: func(t *testing.T) *http.Request {
				return iamRequest(t, base, "POST", "Action=ListSigningCertificates&UserName=Bob&MaxItems=abc"+withVersion, root)
			},
			status: 400, code: "ValidationError", // IAM's validation texts do not echo the value (docs/contract.md).
			contains: []string{"1 validation error detected: Value at 'maxItems' failed to satisfy constraint: "},
		},
		{
			name: "required member missing",
			req: func(t *testing.T) *http.Request {
				return iamRequest(t, base, "POST", "Action=DeleteUser"+withVersion, root)
			},
			status: 400, code: "ValidationError",
			message: "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null",
		},
		{
			name: "required member missing: a service-linked role's service",
			req: func(t *testing.T) *http.Request {
				return iamRequest(t, base, "POST", "Action=CreateServiceLinkedRole"+withVersion, root)
			},
			status: 400, code: "ValidationError",
			message: "1 validation error detected: Value null at 'aWSServiceName' failed to satisfy constraint: Member must not be null",
		},
		{
			name: "required member missing: a deletion task",
			req: func(t *testing.T) *http.Request {
				return iamRequest(t, base, "POST", "Action=GetServiceLinkedRoleDeletionStatus"+withVersion, root)
			},
			status: 400, code: "ValidationError",
			message: "1 validation error detected: Value null at 'deletionTaskId' failed to satisfy constraint: Member must not be null",
		},
		{
			name: "required members missing: a simulation's policies and actions",
			req: func(t *testing.T) *http.Request {
				return iamRequest(t, base, "POST", "Action=SimulateCustomPolicy"+withVersion, root)
			},
			status: 400, code: "ValidationError",
			message: "2 validation errors detected: Value null at 'policyInputList' failed to satisfy constraint: Member must not be null; Value null at 'actionNames' failed to satisfy constraint: Member must not be null",
		},
		{
			name: "required member of a list item missing",
			req: func(t *testing.T) *http.Request {
				return iamRequest(t, base, "POST", "Action=CreateUser&UserName=Carol&Tags.member.1.Value=x"+withVersion, root)
			},
			status: 400, code: "ValidationError",
			message: "1 validation error detected: Value null at 'tags.1.member.key' failed to satisfy constraint: Member must not be null",
		},
		{
			name: "malformed form encoding",
			req: func(t *testing.T) *http.Request {
				return iamRequest(t, base, "POST", "Action=ListSigningCertificates&UserName=%zz"+withVersion, root)
			},
			status: 400, code: "MalformedQueryString", contains: []string{"malformed"},
		},
		{
			name: "malformed query string",
			req: func(t *testing.T) *http.Request {
				// Unsigned: the signer would re-encode the query, dropping the
				// pair, and the form is read before the signature.
				return iamRequest(t, base, "GET", "Action=ListUsers;Version=2010-05-08", aws.Credentials{})
			},
			status: 400, code: "MalformedQueryString", contains: []string{"malformed"},
		},
		{
			name: "body that is not a form",
			req: func(t *testing.T) *http.Request {
				req := iamRequest(t, base, "POST", "Action=ListUsers"+withVersion, aws.Credentials{})
				req.Header.Set("Content-Type", "application/json")
				signRequest(t, req, "Action=ListUsers"+withVersion, root)
				return req
			},
			status: 415, code: "UnsupportedMediaType", contains: []string{"application/json"},
		},
		{
			name: "unsigned",
			req: func(t *testing.T) *http.Request {
				return iamRequest(t, base, "POST", "Action=ListUsers"+withVersion, aws.Credentials{})
			},
			status: 403, code: "MissingAuthenticationToken", message: missingAuthToken.Message,
		},
		{
			name: "unknown access key",
			req: func(t *testing.T) *http.Request {
				return iamRequest(t, base, "POST", "Action=ListUsers"+withVersion, stranger)
			},
			status: 403, code: "InvalidClientTokenId", message: invalidToken.Message,
		},
		{
			name: "wrong secret",
			req: func(t *testing.T) *http.Request {
				return iamRequest(t, base, "POST", "Action=ListUsers"+withVersion, wrongSecret)
			},
			status: 403, code: "SignatureDoesNotMatch",
			message: signatureMismatch.Message,
		},
		{
			name: "body changed after signing",
			req: func(t *testing.T) *http.Request {
				req := iamRequest(t, base, "POST", "Action=ListSigningCertificates&UserName=Bob"+withVersion, root)
				body := "Action=ListSigningCertificates&UserName=Eve" + withVersion // same length
				req.Body, req.ContentLength = io.NopCloser(strings.NewReader(body)), int64(len(body))
				return req
			},
			status: 403, code: "SignatureDoesNotMatch",
			message: signatureMismatch.Message,
		},
		{
			name: "presigned URL signed with the wrong secret",
			req: func(t *testing.T) *http.Request {
				return presigned(t, base, "Action=ListUsers"+withVersion, wrongSecret)
			},
			status: 403, code: "SignatureDoesNotMatch",
			message: signatureMismatch.Message,
		},
		{
			name: "PUT",
			req: func(t *testing.T) *http.Request {
				return iamRequest(t, base, "PUT", "Action=ListUsers"+withVersion, root)
			},
			status: 405, code: "InvalidHttpRequest", contains: []string{"PUT"},
		},
		{
			name: "DELETE",
			req: func(t *testing.T) *http.Request {
				return iamRequest(t, base, "DELETE", "Action=ListUsers"+withVersion, root)
			},
			status: 405, code: "InvalidHttpRequest", contains: []string{"DELETE"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := send(t, tc.req(t))
			if resp.StatusCode != tc.status {
				t.Errorf("HTTP status %d, want %d", resp.StatusCode, tc.status)
			}
			if resp.StatusCode == http.StatusMethodNotAllowed {
				// RFC 9110, 15.5.6: a 405 says which methods are allowed.
				if allow := resp.Header.Get("Allow"); allow != "GET, POST" {
					t.Errorf("Allow header %q, want \"GET, POST\"", allow)
				}
			}
			doc := readIAMError(t, resp)
			if doc.Error.Code != tc.code {
				t.Errorf("Code = %q, want %q (message %q)", doc.Error.Code, tc.code, doc.Error.Message)
			}
			if tc.message != "" && doc.Error.Message != tc.message {
				t.Errorf("Message:\n got %q\nwant %q", doc.Error.Message, tc.message)
			}
			for _, s := range tc.contains {
				if !strings.Contains(doc.Error.Message, s) {
					t.Errorf("Message %q does not say %q", doc.Error.Message, s)
				}
			}
		})
	}
}

// signRequest signs req, whose body is body, with creds.
func signRequest(t *testing.T, req *http.Request, body string, creds aws.Credentials) {
	t.Helper()
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, sha256Hex(body), "iam", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
}

// presigned is a GET of query presigned with creds, valid for 5 minutes.
func presigned(t *testing.T, base, query string, creds aws.Credentials) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, base+"/?"+query+"&X-Amz-Expires=300", nil)
	if err != nil {
		t.Fatal(err)
	}
	uri, header, err := v4.NewSigner().PresignHTTP(context.Background(), creds, req, sha256Hex(""), "iam", "us-east-1", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if req, err = http.NewRequest(http.MethodGet, uri, nil); err != nil {
		t.Fatal(err)
	}
	for k, vs := range header {
		if k != "Host" {
			req.Header[k] = vs
		}
	}
	if req.Header.Get("Authorization") != "" || !strings.Contains(uri, "X-Amz-Signature=") {
		t.Fatalf("PresignHTTP gave %s with headers %v: want the signature in the query string", uri, header)
	}
	return req
}

// listUsersDocument is the part of IAM's ListUsers response these tests read.
type listUsersDocument struct {
	XMLName xml.Name `xml:"https://iam.amazonaws.com/doc/2010-05-08/ ListUsersResponse"`
	Result  struct {
		Users       []string `xml:"Users>member>UserName"`
		IsTruncated string   `xml:"IsTruncated"`
	} `xml:"ListUsersResult"`
	RequestID string `xml:"ResponseMetadata>RequestId"`
}

func TestHTTPSignedGETs(t *testing.T) {
	f := newFake(bobWithDocCert(), fakeiam.User("Alice"))
	base := f.Endpoint(t)
	root := rootCredentials(t, f)
	for _, tc := range []struct {
		name string
		req  func(t *testing.T) *http.Request
	}{
		{"query string signed in the Authorization header", func(t *testing.T) *http.Request {
			return iamRequest(t, base, "GET", "Action=ListUsers"+withVersion, root)
		}},
		{"presigned URL", func(t *testing.T) *http.Request { return presigned(t, base, "Action=ListUsers"+withVersion, root) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := send(t, tc.req(t))
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("HTTP %d, want 200:\n%s", resp.StatusCode, body)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "text/xml" {
				t.Errorf("Content-Type = %q, want text/xml", ct)
			}
			var doc listUsersDocument
			if err := xml.Unmarshal(body, &doc); err != nil {
				t.Fatalf("not IAM's ListUsers response: %v\n%s", err, body)
			}
			want := listUsersDocument{XMLName: xml.Name{Space: iamNamespace, Local: "ListUsersResponse"}, RequestID: resp.Header.Get("X-Amzn-Requestid")}
			want.Result.Users, want.Result.IsTruncated = []string{"Alice", "Bob"}, "false"
			if diff := cmp.Diff(want, doc); diff != "" || doc.RequestID == "" {
				t.Errorf("response (-want +got):\n%s", diff)
			}
			calls := logged(t, f, fakeiam.ListUsers)
			if last := calls[len(calls)-1]; last.Caller.ARN != "arn:aws:iam::123456789012:root" || last.RequestID != doc.RequestID {
				t.Errorf("logged caller %q, request id %q; want the root, %q", last.Caller.ARN, last.RequestID, doc.RequestID)
			}
		})
	}
}

// slowBody is a request body that hands out its first chunk, then nothing
// until released, counting the bytes it gave.
type slowBody struct {
	first   []byte
	release chan struct{}
	read    atomic.Int64
}

func (b *slowBody) Read(p []byte) (int, error) {
	if len(b.first) > 0 {
		n := copy(p, b.first)
		b.first = b.first[n:]
		b.read.Add(int64(n))
		return n, nil
	}
	<-b.release
	return 0, errors.New("slowBody: released")
}

func TestHTTPBodyOver1MiBIsRefusedUnread(t *testing.T) {
	f := newFake()
	base := f.Endpoint(t)
	root := rootCredentials(t, f)
	const declared = 1<<20 + 1
	form := "Action=ListUsers" + withVersion + "&Padding="
	body := &slowBody{first: []byte(form + strings.Repeat("x", 16<<10)), release: make(chan struct{})}
	defer close(body.release)
	req, err := http.NewRequest(http.MethodPost, base+"/", body)
	if err != nil {
		t.Fatal(err)
	}
	req.ContentLength = declared
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	signRequest(t, req, form, root) // the signature does not matter: the size is checked first
	resp := send(t, req)            // returns only if the server answers before the body is all sent
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("HTTP %d, want 413", resp.StatusCode)
	}
	doc := readIAMError(t, resp)
	if doc.Error.Code != "RequestEntityTooLarge" || !strings.Contains(doc.Error.Message, "1048576") {
		t.Errorf("error %s: %q, want RequestEntityTooLarge naming the limit", doc.Error.Code, doc.Error.Message)
	}
	if n := body.read.Load(); n >= declared {
		t.Errorf("the client sent the whole body (%d bytes) before the answer", n)
	}
	if n := len(logged(t, f)); n != 0 {
		t.Errorf("%d attempts logged, want none: the request never reached the core", n)
	}
}

// failingBody sends first, then fails with err.
type failingBody struct {
	first []byte
	err   error
}

func (b *failingBody) Read(p []byte) (int, error) {
	if len(b.first) == 0 {
		return 0, b.err
	}
	n := copy(p, b.first)
	b.first = b.first[n:]
	return n, nil
}

// TestHTTPBodyTimeout: a body that stops arriving before the server's read
// deadline (the server's listener sets it: cmd/fakeiam) is RequestTimeout,
// not a malformed form; another failure to read it stays
// MalformedQueryString (docs/contract.md, "Wire format").
func TestHTTPBodyTimeout(t *testing.T) {
	for _, tc := range []struct {
		name      string
		err       error
		code, msg string
	}{
		{"the read deadline passed", os.ErrDeadlineExceeded, "RequestTimeout", "The request body did not arrive before the server's read deadline."},
		{"the connection broke", io.ErrUnexpectedEOF, "MalformedQueryString", "The request body could not be read."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake()
			req := httptest.NewRequest(http.MethodPost, "/", &failingBody{first: []byte("Action=ListUsers"), err: tc.err})
			req.ContentLength = 100
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			w := httptest.NewRecorder()
			f.Handler().ServeHTTP(w, req)
			resp := w.Result()
			if resp.StatusCode != http.StatusBadRequest {
				t.Errorf("HTTP %d, want 400", resp.StatusCode)
			}
			if doc := readIAMError(t, resp); doc.Error.Code != tc.code || doc.Error.Message != tc.msg {
				t.Errorf("error %s %q, want %s %q", doc.Error.Code, doc.Error.Message, tc.code, tc.msg)
			}
		})
	}
}

func TestHTTPChunkedBodyOver1MiB(t *testing.T) {
	f := newFake()
	base := f.Endpoint(t)
	// No Content-Length: the limit is found while reading.
	body := io.MultiReader(strings.NewReader("Action=ListUsers"+withVersion+"&Padding="), strings.NewReader(strings.Repeat("x", 1<<20)))
	req, err := http.NewRequest(http.MethodPost, base+"/", body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp := send(t, req)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || req.ContentLength != 0 {
		t.Errorf("HTTP %d (Content-Length %d), want 413 for a chunked body", resp.StatusCode, req.ContentLength)
	}
	if doc := readIAMError(t, resp); doc.Error.Code != "RequestEntityTooLarge" {
		t.Errorf("Code %q, want RequestEntityTooLarge", doc.Error.Code)
	}
}

func TestHTTPRetriesOfOneSDKCallAreOneCall(t *testing.T) {
	f := newFake(bobWithDocCert())
	f.Inject(fakeiam.Rule{Operation: fakeiam.ListSigningCertificates, Attempts: fakeiam.NthCall(2), Then: fakeiam.ServiceFailure()})
	c := overHTTP(f.Client(), f.Endpoint(t))
	var got []string
	for range 3 {
		_, err := c.ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")})
		var me *retry.MaxAttemptsError
		if errors.As(err, &me) {
			got = append(got, outcomeOf(err)+" after "+strconv.Itoa(me.Attempt))
		} else {
			got = append(got, outcomeOf(err))
		}
	}
	if diff := cmp.Diff([]string{"ok", "ServiceFailure after 3", "ok"}, got); diff != "" {
		t.Errorf("the three calls (-want +got):\n%s", diff)
	}
	want := []string{
		"ListSigningCertificates #1 ok",
		"ListSigningCertificates #1 ServiceFailure",
		"ListSigningCertificates #2 ServiceFailure",
		"ListSigningCertificates #3 ServiceFailure",
		"ListSigningCertificates #1 ok",
	}
	if diff := cmp.Diff(want, logLines(logged(t, f))); diff != "" {
		t.Errorf("call log (-want +got):\n%s", diff)
	}
}

func TestHTTPRequestsWithoutInvocationIDsAreCallsOfTheirOwn(t *testing.T) {
	f := newFake(bobWithDocCert())
	f.Inject(fakeiam.Rule{Operation: fakeiam.ListUsers, Attempts: fakeiam.NthCall(2), Then: fakeiam.ServiceFailure()})
	base := f.Endpoint(t)
	root := rootCredentials(t, f)
	var got []int
	for range 3 {
		resp := send(t, iamRequest(t, base, "POST", "Action=ListUsers"+withVersion, root))
		got = append(got, resp.StatusCode)
	}
	if diff := cmp.Diff([]int{200, 500, 200}, got); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
}

func TestSweepOverHTTP(t *testing.T) {
	runs := 0
	fakeiam.Sweep(t, fakeiam.ServiceFailure(), func(t *testing.T, f *fakeiam.Fake, failing *fakeiam.SweepCall) {
		runs++
		err := rotate(context.Background(), overHTTP(f.User("Bob").Client(), f.Endpoint(t)))
		if (err != nil) != (failing != nil) {
			t.Fatalf("rotate with %v failing: err = %v", failing, err)
		}
		if failing == nil {
			return
		}
		if code := outcomeOf(err); code != "ServiceFailure" {
			t.Errorf("rotate with %v failing: %v, want ServiceFailure", failing, err)
		}
		var attempts []int
		for _, c := range logged(t, f, failing.Operation) {
			if outcomeOf(c.Err) == "ServiceFailure" {
				attempts = append(attempts, c.Attempt)
			}
		}
		if diff := cmp.Diff([]int{1, 2, 3}, attempts); diff != "" {
			t.Errorf("failed attempts of %v (-want +got):\n%s", failing, diff)
		}
	}, fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{}))
	if runs != 4 {
		t.Errorf("the sweep ran the scenario %d times, want 4 (clean, then each of 3 calls failing)", runs)
	}
}

// loggedCall is what a test can observe of a logged attempt.
type loggedCall struct {
	Operation fakeiam.Operation
	Attempt   int
	Caller    fakeiam.Caller
	RequestID string
	Input     any
	Output    any
	Err       string
}

func TestHTTPFaultsAndCallLogAreAsInProcess(t *testing.T) {
	const denied = "User: arn:aws:iam::123456789012:user/Bob is not authorized to perform: iam:UploadSigningCertificate on resource: user Bob"
	ctx := context.Background()
	logs := map[string][]loggedCall{}
	for _, d := range doors {
		t.Run(d.name, func(t *testing.T) {
			f := newFake(bobWithDocCert())
			f.Inject(
				fakeiam.Rule{Operation: fakeiam.ListSigningCertificates, Attempts: fakeiam.FirstN(2), Then: fakeiam.Throttle()},
				fakeiam.Rule{Operation: fakeiam.UploadSigningCertificate, Then: fakeiam.AccessDenied()},
			)
			c := d.client(t, f, f.User("Bob").Client())
			out, err := c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{MaxItems: aws.Int32(5)})
			if err != nil || len(out.Certificates) != 1 {
				t.Errorf("list after two throttles: %v certificates, %v; want Bob's one", out, err)
			}
			_, err = c.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{CertificateBody: aws.String(fakeiam.CertificatePEM("bob 2"))})
			var ae smithy.APIError
			if !errors.As(err, &ae) || ae.ErrorCode() != "AccessDenied" || ae.ErrorMessage() != denied {
				t.Errorf("upload: %v, want AccessDenied: %s", err, denied)
			}
			_, err = c.UpdateSigningCertificate(ctx, &iam.UpdateSigningCertificateInput{CertificateId: aws.String(docID), Status: types.StatusTypeInactive})
			if err != nil {
				t.Errorf("update: %v", err)
			}
			_, err = c.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("Nobody")})
			if code := outcomeOf(err); code != "NoSuchEntity" {
				t.Errorf("GetUser Nobody: %v, want NoSuchEntity", err)
			}
			for _, call := range logged(t, f) {
				lc := loggedCall{Operation: call.Operation, Attempt: call.Attempt, Caller: call.Caller, RequestID: call.RequestID, Input: call.Input, Output: call.Output}
				if call.Err != nil {
					lc.Err = call.Err.Error()
				}
				logs[d.name] = append(logs[d.name], lc)
			}
			want := []string{
				"ListSigningCertificates #1 Throttling",
				"ListSigningCertificates #2 Throttling",
				"ListSigningCertificates #3 ok",
				"UploadSigningCertificate #1 AccessDenied",
				"UpdateSigningCertificate #1 ok",
				"GetUser #1 NoSuchEntity",
			}
			if diff := cmp.Diff(want, logLines(logged(t, f))); diff != "" {
				t.Errorf("call log (-want +got):\n%s", diff)
			}
		})
	}
	if diff := cmp.Diff(logs["sdk"], logs["http"], cmpOutputs); diff != "" {
		t.Errorf("call log through the SDK door (-) and over HTTP (+):\n%s", diff)
	}
}

func TestHTTPRequestLog(t *testing.T) {
	f := newFake(bobWithDocCert())
	lines := make(chan string, 10)
	base := f.Endpoint(t, fakeiam.WithRequestLog(func(line string) { lines <- line }))
	root := rootCredentials(t, f)
	send(t, iamRequest(t, base, "POST", "Action=GetUser&UserName=Bob"+withVersion, root))
	send(t, iamRequest(t, base, "POST", "Action=GetUser&UserName=Nobody"+withVersion, root))
	send(t, iamRequest(t, base, "POST", "Action=GetUser"+withVersion, aws.Credentials{}))
	send(t, iamRequest(t, base, "POST", "Action=Nonsense"+withVersion, root))
	want := []string{
		"GetUser arn:aws:iam::123456789012:root 200",
		"GetUser arn:aws:iam::123456789012:root 404",
		"GetUser - 403",
		"- - 400",
	}
	for i, w := range want {
		var line string
		select {
		case line = <-lines:
		case <-time.After(10 * time.Second):
			t.Fatalf("no log line %d, want %q", i, w)
		}
		fields := strings.Fields(line)
		if len(fields) != 4 || strings.Join(fields[:3], " ") != w {
			t.Errorf("log line %d = %q, want %q and a duration", i, line, w)
		} else if _, err := time.ParseDuration(fields[3]); err != nil {
			t.Errorf("log line %d = %q: duration: %v", i, line, err)
		}
	}
}

// The control API's path is not an IAM request, whatever its form says.
func TestHTTPControlPathWithoutToken(t *testing.T) {
	f := newFake()
	base := f.Endpoint(t)
	req, err := http.NewRequest(http.MethodGet, base+"/_fakeiam/calls", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp := send(t, req)
	if resp.StatusCode != http.StatusNotFound || resp.Header.Get("Content-Type") != "application/json" {
		t.Errorf("HTTP %d %s, want 404 application/json: the control API is off without a token", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

// TestHTTPStatedPayloadHashMustBeTheBodys: a request signed for one body,
// stating that body's hash, but sending another, fails the signature check
// and changes nothing.
func TestHTTPStatedPayloadHashMustBeTheBodys(t *testing.T) {
	f := newFake(fakeiam.User("Alice"), fakeiam.User("Carol"))
	url := f.Endpoint(t)
	signed := "Action=DeleteUser&UserName=Alice" + withVersion
	sent := "Action=DeleteUser&UserName=Carol" + withVersion // the same length: only the body differs
	req, err := http.NewRequest(http.MethodPost, url+"/", strings.NewReader(signed))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Amz-Content-Sha256", sha256Hex(signed))
	signRequest(t, req, signed, rootCredentials(t, f))
	req.Body = io.NopCloser(strings.NewReader(sent))
	req.ContentLength = int64(len(sent))
	resp := send(t, req)
	if got := readIAMError(t, resp); resp.StatusCode != http.StatusForbidden || got.Error.Code != "SignatureDoesNotMatch" {
		t.Errorf("status %d, error %+v; want 403 SignatureDoesNotMatch", resp.StatusCode, got)
	}
	if _, err := f.User("Carol").SigningCertificates(); err != nil {
		t.Errorf("Carol is gone: %v", err)
	}
}
