package fakeiam_test

// The differential harness. A scenario is one IAM call and what IAM answers.
// run answers it twice: once by the fake, once by an innermost Deserialize
// responder that returns IAM's XML for the expected answer, so the SDK's own
// deserializers, error wrappers and retryer build the reference result. Both
// must be equal: the same err.Error() string, the same errors.As results,
// cmp.Diff-equal outputs.

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
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
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/fakeaws/fakeaws/fakeiam"
)

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
	cmpopts.IgnoreFields(iam.ListSigningCertificatesOutput{}, "ResultMetadata"),
	cmpopts.IgnoreFields(iam.UploadSigningCertificateOutput{}, "ResultMetadata"),
	cmpopts.IgnoreFields(iam.UpdateSigningCertificateOutput{}, "ResultMetadata"),
	cmpopts.IgnoreFields(iam.DeleteSigningCertificateOutput{}, "ResultMetadata"),
	cmpopts.IgnoreUnexported(
		iam.ListSigningCertificatesOutput{}, iam.UploadSigningCertificateOutput{},
		iam.UpdateSigningCertificateOutput{}, iam.DeleteSigningCertificateOutput{},
		types.SigningCertificate{},
		types.NoSuchEntityException{}, types.LimitExceededException{}, types.MalformedCertificateException{},
		types.DuplicateCertificateException{}, types.InvalidInputException{}, types.ServiceFailureException{},
		types.InvalidCertificateException{}, types.EntityAlreadyExistsException{},
	),
}

// runScenario answers sc by the fake and by the reference, checks that both
// agree with each other and with sc's expectation, and returns the fake's
// outcome and the fake for further assertions.
func runScenario(t *testing.T, sc scenario) (outcome, *fakeiam.Fake) {
	t.Helper()
	f, err := fakeiam.New(sc.seed...)
	if err != nil {
		t.Fatalf("seed: %v", err)
	}
	client := f.Client()
	if sc.client != nil {
		client = sc.client(f)
	}
	ctx := context.Background()
	got := call(ctx, sc, client)
	if sc.wantErr == nil {
		if got.err != nil {
			t.Fatalf("fake: unexpected error: %v", got.err)
		}
		if diff := cmp.Diff(sc.want, got.out, cmpOutputs); diff != "" {
			t.Errorf("fake output (-want +got):\n%s", diff)
		}
		if id, ok := awsmiddleware.GetRequestIDMetadata(resultMetadata(got.out)); !ok || id == "" {
			t.Errorf("fake output carries no request id")
		}
	} else if got.err == nil {
		t.Fatalf("fake: got output %+v, want error %v", got.out, sc.wantErr)
	}

	ref := call(ctx, sc, referenceClient(sc, requestIDOf(got)))
	assertSameOutcome(t, ref, got)
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
func assertSameOutcome(t *testing.T, ref, got outcome) {
	t.Helper()
	if (ref.err == nil) != (got.err == nil) {
		t.Fatalf("reference error %v, fake error %v", ref.err, got.err)
	}
	if ref.err == nil {
		if diff := cmp.Diff(ref.out, got.out, cmpOutputs); diff != "" {
			t.Errorf("output differs from the SDK's decoding of IAM's XML (-reference +fake):\n%s", diff)
		}
		return
	}
	if r, g := ref.err.Error(), got.err.Error(); r != g {
		t.Errorf("err.Error() differs:\nreference: %s\nfake:      %s", r, g)
	}
	if diff := cmp.Diff(errorFacts(ref.err), errorFacts(got.err)); diff != "" {
		t.Errorf("errors.As results differ (-reference +fake):\n%s", diff)
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

// successXML is IAM's success document for an expected output.
func successXML(want any, requestID string) []byte {
	var b bytes.Buffer
	meta := `<ResponseMetadata><RequestId>` + requestID + `</RequestId></ResponseMetadata>`
	const ns = ` xmlns="https://iam.amazonaws.com/doc/2010-05-08/"`
	switch w := want.(type) {
	case *iam.ListSigningCertificatesOutput:
		b.WriteString(`<ListSigningCertificatesResponse` + ns + `><ListSigningCertificatesResult><Certificates>`)
		for _, c := range w.Certificates {
			b.WriteString(`<member>` + certXML(c) + `</member>`)
		}
		b.WriteString(`</Certificates><IsTruncated>` + strconv.FormatBool(w.IsTruncated) + `</IsTruncated>`)
		if w.Marker != nil {
			b.WriteString(`<Marker>` + esc(*w.Marker) + `</Marker>`)
		}
		b.WriteString(`</ListSigningCertificatesResult>` + meta + `</ListSigningCertificatesResponse>`)
	case *iam.UploadSigningCertificateOutput:
		b.WriteString(`<UploadSigningCertificateResponse` + ns + `><UploadSigningCertificateResult><Certificate>` +
			certXML(*w.Certificate) + `</Certificate></UploadSigningCertificateResult>` + meta + `</UploadSigningCertificateResponse>`)
	case *iam.UpdateSigningCertificateOutput:
		b.WriteString(`<UpdateSigningCertificateResponse` + ns + `>` + meta + `</UpdateSigningCertificateResponse>`)
	case *iam.DeleteSigningCertificateOutput:
		b.WriteString(`<DeleteSigningCertificateResponse` + ns + `>` + meta + `</DeleteSigningCertificateResponse>`)
	default:
		panic(fmt.Sprintf("successXML: no XML for %T", want))
	}
	return b.Bytes()
}

func certXML(c types.SigningCertificate) string {
	return `<UserName>` + esc(aws.ToString(c.UserName)) + `</UserName><CertificateId>` + esc(aws.ToString(c.CertificateId)) +
		`</CertificateId><CertificateBody>` + esc(aws.ToString(c.CertificateBody)) + `</CertificateBody><Status>` +
		string(c.Status) + `</Status><UploadDate>` + c.UploadDate.UTC().Format(time.RFC3339) + `</UploadDate>`
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
