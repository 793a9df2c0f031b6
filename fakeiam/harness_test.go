package fakeiam_test

// The differential harness. A scenario is one IAM call and what IAM answers.
// runScenario answers it through every door of the fake (the SDK middleware,
// and the real SDK over loopback HTTP to the fake's Handler), each on a fresh
// fake from the same seeds, and once more by an innermost Deserialize
// responder that returns IAM's XML for the expected answer, so the SDK's own
// deserializers, error wrappers and retryer build the reference result. All
// must be equal: the same err.Error() string, the same errors.As results,
// cmp.Diff-equal outputs.

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"go/token"
	"io"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// testNow is the time most tests run at: their fakes' clocks stand still
// there (WithFixedTime), so expectations can name dates.
var testNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// newFake is MustNew at testNow; later options (another clock) win.
func newFake(opts ...fakeiam.Option) *fakeiam.Fake {
	return fakeiam.MustNew(append([]fakeiam.Option{fakeiam.WithFixedTime(testNow)}, opts...)...)
}

// newFakeE is New at testNow.
func newFakeE(opts ...fakeiam.Option) (*fakeiam.Fake, error) {
	return fakeiam.New(append([]fakeiam.Option{fakeiam.WithFixedTime(testNow)}, opts...)...)
}

// logged is the call log, failing the test if it dropped attempts.
func logged(t testing.TB, f *fakeiam.Fake, ops ...fakeiam.Operation) []fakeiam.Call {
	t.Helper()
	calls, err := f.Calls(ops...)
	if err != nil {
		t.Fatal(err)
	}
	return calls
}

// mustCertificates is a principal's certificates, failing the test if it
// has none to give.
func mustCertificates(t testing.TB, p fakeiam.Principal) []types.SigningCertificate {
	t.Helper()
	certs, err := p.SigningCertificates()
	if err != nil {
		t.Fatal(err)
	}
	return certs
}

// expiredPEM is a certificate whose validity ended in 2001.
func expiredPEM(subject string) string {
	return fakeiam.CertificatePEMWithValidity(subject, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC))
}

// scenario is one IAM call against seeded state and IAM's expected answer:
// wantErr, or else want (an output pointer such as
// *iam.ListSigningCertificatesOutput, ResultMetadata left zero).
type scenario struct {
	name    string
	seed    []fakeiam.Option
	client  func(f *fakeiam.Fake) *iam.Client // nil: f.Client() (the root)
	call    func(ctx context.Context, c *iam.Client) (any, error)
	want    any
	wantErr *fakeiam.Error
	// sdkOnly marks a scenario whose outcome is the fake's own (not IAM's),
	// which only the SDK door can deliver as a Go error.
	sdkOnly bool
}

// Placeholders stand, in an expected output or error message, for values
// the contract fixes only by their shape (a new id, an opaque marker): the
// harness checks the fake's value against the shape and takes it in the
// placeholder's place, for the comparison and for the reference's XML.
const (
	anyCertificateID = "<a certificate id>"
	anyMarker        = "<a marker>"
	anyUserID        = "<a user id>"
	anyAccessKeyID   = "<an access key id>"
	anySecret        = "<a secret access key>"
)

var placeholderShapes = map[string]string{
	anyCertificateID: `[A-Z0-9]{24,128}`,
	anyMarker:        `[\x20-\x7e]{1,320}`,
	anyUserID:        `AIDA[A-Z2-7]{17}`,
	anyAccessKeyID:   `AKIA[A-Z2-7]{16}`,
	anySecret:        `[A-Za-z0-9+/]{40}`,
}

// resolve returns want with each placeholder string replaced by the string
// at the same place in got, when that matches the placeholder's shape; a
// placeholder got does not fill stays, and the comparison shows it.
func resolve(t *testing.T, want, got any) any {
	t.Helper()
	if want == nil || got == nil {
		return want
	}
	w, g := reflect.ValueOf(want), reflect.ValueOf(got)
	if w.Type() != g.Type() {
		return want
	}
	return resolveValue(t, w, g).Interface()
}

func resolveValue(t *testing.T, w, g reflect.Value) reflect.Value {
	switch w.Kind() {
	case reflect.Pointer:
		if w.IsNil() || g.IsNil() {
			return w
		}
		c := reflect.New(w.Type().Elem())
		c.Elem().Set(resolveValue(t, w.Elem(), g.Elem()))
		return c
	case reflect.Struct:
		c := reflect.New(w.Type()).Elem()
		c.Set(w)
		for i := range w.NumField() {
			if c.Field(i).CanSet() {
				c.Field(i).Set(resolveValue(t, w.Field(i), g.Field(i)))
			}
		}
		return c
	case reflect.Slice:
		if w.IsNil() || w.Len() != g.Len() {
			return w
		}
		c := reflect.MakeSlice(w.Type(), w.Len(), w.Len())
		for i := range w.Len() {
			c.Index(i).Set(resolveValue(t, w.Index(i), g.Index(i)))
		}
		return c
	case reflect.String:
		if shape, ok := placeholderShapes[w.String()]; ok {
			if regexp.MustCompile(`^` + shape + `$`).MatchString(g.String()) {
				return g
			}
			t.Errorf("%q is not %s", g.String(), w.String())
		}
	}
	return w
}

// resolveMessage is want with the placeholders in its message filled from
// got's message, when got's matches with each placeholder in its shape.
func resolveMessage(t *testing.T, want *fakeiam.Error, got error) *fakeiam.Error {
	t.Helper()
	var ae smithy.APIError
	if want == nil || !errors.As(got, &ae) {
		return want
	}
	pattern, filled := regexp.QuoteMeta(want.Message), false
	for p, shape := range placeholderShapes {
		if q := regexp.QuoteMeta(p); strings.Contains(pattern, q) {
			pattern, filled = strings.ReplaceAll(pattern, q, shape), true
		}
	}
	if !filled || !regexp.MustCompile(`^`+pattern+`$`).MatchString(ae.ErrorMessage()) {
		return want
	}
	resolved := *want
	resolved.Message = ae.ErrorMessage()
	return &resolved
}

// door is a way into the fake: it turns the client a scenario would use
// into one that reaches f through that door.
type door struct {
	name   string
	client func(t *testing.T, f *fakeiam.Fake, c *iam.Client) *iam.Client
}

// doors are the fake's two doors. The HTTP door's client is the scenario's
// own client (same credentials, retryer, region) without the fake's
// middleware, sending real requests to f.Endpoint.
var doors = []door{
	{"sdk", func(_ *testing.T, _ *fakeiam.Fake, c *iam.Client) *iam.Client { return c }},
	{"http", func(t *testing.T, f *fakeiam.Fake, c *iam.Client) *iam.Client { return overHTTP(c, f.Endpoint(t)) }},
}

// overHTTP is c (its credentials, retryer, region) without the fake's
// middleware, sending real requests to the endpoint at url.
func overHTTP(c *iam.Client, url string) *iam.Client {
	return iam.New(c.Options(), func(o *iam.Options) {
		o.APIOptions = nil // the fake's middleware: this client goes over the wire
		o.BaseEndpoint = aws.String(url)
		o.HTTPClient = &http.Client{}
	})
}

// outcome is what a client returned for a scenario.
type outcome struct {
	out any
	err error
}

// cmpOutputs compares SDK outputs without their ResultMetadata (the real
// pipeline stores the raw HTTP response there, which a fake cannot) and
// without the SDK's unexported fields.
var cmpOutputs = cmp.Options{
	cmp.FilterPath(func(p cmp.Path) bool {
		sf, ok := p.Last().(cmp.StructField)
		return ok && (sf.Name() == "ResultMetadata" || !token.IsExported(sf.Name()))
	}, cmp.Ignore()),
}

// runScenario answers sc through every door and by the reference, checks
// that all agree with each other and with sc's expectation, and returns the
// SDK door's outcome and its fake for further assertions.
func runScenario(t *testing.T, sc scenario) (outcome, *fakeiam.Fake) {
	t.Helper()
	var first outcome
	var firstFake *fakeiam.Fake
	for _, d := range doors {
		if sc.sdkOnly && d.name != "sdk" {
			continue
		}
		got, f := runThrough(t, sc, d)
		if firstFake == nil {
			first, firstFake = got, f
		}
	}
	return first, firstFake
}

// runThrough answers sc through one door on a fresh fake.
func runThrough(t *testing.T, sc scenario, d door) (outcome, *fakeiam.Fake) {
	t.Helper()
	f, err := newFakeE(sc.seed...)
	if err != nil {
		t.Fatalf("seed: %v", err)
	}
	client := f.Client()
	if sc.client != nil {
		client = sc.client(f)
	}
	client = d.client(t, f, client)
	ctx := context.Background()
	got := call(ctx, sc, client)
	sc.want = resolve(t, sc.want, got.out)
	sc.wantErr = resolveMessage(t, sc.wantErr, got.err)
	if sc.wantErr == nil {
		if got.err != nil {
			t.Fatalf("%s door: unexpected error: %v", d.name, got.err)
		}
		if diff := cmp.Diff(sc.want, got.out, cmpOutputs); diff != "" {
			t.Errorf("%s door: output (-want +got):\n%s", d.name, diff)
		}
		if id, ok := awsmiddleware.GetRequestIDMetadata(resultMetadata(got.out)); !ok || id == "" {
			t.Errorf("%s door: output carries no request id", d.name)
		}
	} else if got.err == nil {
		t.Fatalf("%s door: got output %+v, want error %v", d.name, got.out, sc.wantErr)
	}

	ref := call(ctx, sc, referenceClient(sc, requestIDOf(got)))
	assertSameOutcome(t, d.name, ref, got)
	return got, f
}

// call runs sc's call, returning a nil output interface on error.
func call(ctx context.Context, sc scenario, c *iam.Client) outcome {
	out, err := sc.call(ctx, c)
	if err != nil || reflect.ValueOf(out).IsNil() {
		return outcome{err: err}
	}
	return outcome{out: out}
}

// requestIDOf is the request id the fake answered with (the last attempt's).
func requestIDOf(o outcome) string {
	if o.err != nil {
		var re *awshttp.ResponseError
		if errors.As(o.err, &re) {
			return re.ServiceRequestID()
		}
		return ""
	}
	id, _ := awsmiddleware.GetRequestIDMetadata(resultMetadata(o.out))
	return id
}

func resultMetadata(out any) middleware.Metadata {
	v := reflect.ValueOf(out)
	if !v.IsValid() || v.IsNil() {
		return middleware.Metadata{}
	}
	md, _ := v.Elem().FieldByName("ResultMetadata").Interface().(middleware.Metadata)
	return md
}

// assertSameOutcome requires the fake's outcome to equal the reference's in
// every way a caller can observe.
func assertSameOutcome(t *testing.T, door string, ref, got outcome) {
	t.Helper()
	if (ref.err == nil) != (got.err == nil) {
		t.Fatalf("%s door: reference error %v, fake error %v", door, ref.err, got.err)
	}
	if ref.err == nil {
		if diff := cmp.Diff(ref.out, got.out, cmpOutputs); diff != "" {
			t.Errorf("%s door: output differs from the SDK's decoding of IAM's XML (-reference +fake):\n%s", door, diff)
		}
		return
	}
	if r, g := ref.err.Error(), got.err.Error(); r != g {
		t.Errorf("%s door: err.Error() differs:\nreference: %s\nfake:      %s", door, r, g)
	}
	if diff := cmp.Diff(errorFacts(ref.err), errorFacts(got.err)); diff != "" {
		t.Errorf("%s door: errors.As results differ (-reference +fake):\n%s", door, diff)
	}
}

// errFacts is what errors.As tells a caller about an error.
type errFacts struct {
	OperationError bool
	Service, Op    string
	MaxAttempts    int // 0 when not *retry.MaxAttemptsError
	ResponseError  bool
	HTTPStatus     int
	RequestID      string
	APIError       bool
	Code, Message  string
	Fault          string
	APIErrorType   string
	APIErrorValue  string
}

func errorFacts(err error) errFacts {
	var f errFacts
	var oe *smithy.OperationError
	if errors.As(err, &oe) {
		f.OperationError, f.Service, f.Op = true, oe.ServiceID, oe.OperationName
	}
	var me *retry.MaxAttemptsError
	if errors.As(err, &me) {
		f.MaxAttempts = me.Attempt
	}
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		f.ResponseError, f.HTTPStatus, f.RequestID = true, re.HTTPStatusCode(), re.ServiceRequestID()
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		f.APIError, f.Code, f.Message, f.Fault = true, ae.ErrorCode(), ae.ErrorMessage(), ae.ErrorFault().String()
		f.APIErrorType = fmt.Sprintf("%T", ae)
		f.APIErrorValue = fmt.Sprintf("%+v", ae)
	}
	return f
}

// referenceClient is an IAM client whose every attempt is answered, below the
// SDK's deserializers, with IAM's XML for sc's expected answer.
func referenceClient(sc scenario, requestID string) *iam.Client {
	var status int
	var body []byte
	if sc.wantErr != nil {
		status, body = sc.wantErr.Status, errorXML(sc.wantErr, requestID)
	} else {
		status, body = http.StatusOK, successXML(sc.want, requestID)
	}
	responder := middleware.DeserializeMiddlewareFunc("ReferenceIAM",
		func(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
			h := http.Header{}
			h.Set("X-Amzn-Requestid", requestID)
			h.Set("Content-Type", "text/xml")
			return middleware.DeserializeOutput{RawResponse: &smithyhttp.Response{Response: &http.Response{
				StatusCode: status, Header: h, ContentLength: int64(len(body)),
				Body: io.NopCloser(bytes.NewReader(body)),
			}}}, middleware.Metadata{}, nil
		})
	return iam.New(iam.Options{
		Region:      "us-east-1",
		Credentials: aws.AnonymousCredentials{},
		Retryer: retry.NewStandard(func(o *retry.StandardOptions) {
			o.Backoff = zeroBackoff{}
			o.RateLimiter = ratelimit.None
		}),
		HTTPClient: failHTTP{},
		APIOptions: []func(*middleware.Stack) error{func(s *middleware.Stack) error {
			return s.Deserialize.Add(responder, middleware.After)
		}},
	})
}

type zeroBackoff struct{}

func (zeroBackoff) BackoffDelay(int, error) (time.Duration, error) { return 0, nil }

// failHTTP fails any request that reaches it: nothing in these tests may.
type failHTTP struct{}

func (failHTTP) Do(r *http.Request) (*http.Response, error) {
	panic("test reached the network: " + r.URL.String())
}

// errorXML is IAM's query-protocol error document, written here by hand
// from the spec, independently of the fake's own encoder.
func errorXML(e *fakeiam.Error, requestID string) []byte {
	typ := "Sender"
	if e.Status >= 500 {
		typ = "Receiver"
	}
	return []byte(`<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>` + typ +
		`</Type><Code>` + esc(e.Code) + `</Code><Message>` + esc(e.Message) + `</Message></Error><RequestId>` +
		requestID + `</RequestId></ErrorResponse>`)
}

// successXML is IAM's success document for an expected output, written
// here from the wire format in IAM-SPEC.md by walking the output's exported
// fields (member names are field names, list items <member>), independently
// of the fake's own encoder.
func successXML(want any, requestID string) []byte {
	v := reflect.ValueOf(want).Elem()
	op := strings.TrimSuffix(v.Type().Name(), "Output")
	var members bytes.Buffer
	writeMembers(&members, v)
	var b bytes.Buffer
	b.WriteString(`<` + op + `Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/">`)
	if members.Len() > 0 {
		b.WriteString(`<` + op + `Result>` + members.String() + `</` + op + `Result>`)
	}
	b.WriteString(`<ResponseMetadata><RequestId>` + requestID + `</RequestId></ResponseMetadata></` + op + `Response>`)
	return b.Bytes()
}

// writeMembers writes a structure's members as elements.
func writeMembers(b *bytes.Buffer, v reflect.Value) {
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if !f.IsExported() || f.Name == "ResultMetadata" {
			continue
		}
		writeElement(b, f.Name, v.Field(i))
	}
}

// writeElement writes one member named name; nil members are left out, as
// IAM leaves them out.
func writeElement(b *bytes.Buffer, name string, v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		if t, ok := v.Interface().(*time.Time); ok {
			b.WriteString(`<` + name + `>` + t.UTC().Format(time.RFC3339) + `</` + name + `>`)
			return
		}
		writeElement(b, name, v.Elem())
	case reflect.Slice:
		if v.IsNil() {
			return
		}
		b.WriteString(`<` + name + `>`)
		for i := range v.Len() {
			writeElement(b, "member", v.Index(i))
		}
		b.WriteString(`</` + name + `>`)
	case reflect.Struct:
		b.WriteString(`<` + name + `>`)
		writeMembers(b, v)
		b.WriteString(`</` + name + `>`)
	case reflect.String:
		if v.Len() == 0 { // an unset enum
			return
		}
		b.WriteString(`<` + name + `>` + esc(v.String()) + `</` + name + `>`)
	default: // bool, int32
		b.WriteString(`<` + name + `>` + fmt.Sprint(v.Interface()) + `</` + name + `>`)
	}
}

func esc(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// Call helpers for scenario tables.

func listCall(in *iam.ListSigningCertificatesInput) func(context.Context, *iam.Client) (any, error) {
	return func(ctx context.Context, c *iam.Client) (any, error) { return c.ListSigningCertificates(ctx, in) }
}

func uploadCall(in *iam.UploadSigningCertificateInput) func(context.Context, *iam.Client) (any, error) {
	return func(ctx context.Context, c *iam.Client) (any, error) { return c.UploadSigningCertificate(ctx, in) }
}

func updateCall(in *iam.UpdateSigningCertificateInput) func(context.Context, *iam.Client) (any, error) {
	return func(ctx context.Context, c *iam.Client) (any, error) { return c.UpdateSigningCertificate(ctx, in) }
}

func deleteCall(in *iam.DeleteSigningCertificateInput) func(context.Context, *iam.Client) (any, error) {
	return func(ctx context.Context, c *iam.Client) (any, error) { return c.DeleteSigningCertificate(ctx, in) }
}

// sc is a signing certificate as the SDK returns it.
func sc(user, id, body string, status types.StatusType, uploaded time.Time) types.SigningCertificate {
	return types.SigningCertificate{UserName: aws.String(user), CertificateId: aws.String(id),
		CertificateBody: aws.String(body), Status: status, UploadDate: aws.Time(uploaded)}
}
