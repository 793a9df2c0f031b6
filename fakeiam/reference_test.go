package fakeiam_test

// The reference of the differential harness: an IAM client whose every
// attempt is answered, below the SDK's deserializers, with IAM's XML for a
// scenario's expected answer, written here by hand from the wire format,
// independently of the fake's encoder; and what a caller can observe of an
// outcome, compared between the fake and the reference.

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

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
	message := `<Message>` + esc(e.Message) + `</Message>`
	if e.Message == "" { // IAM leaves it out (the credential report's errors)
		message = ""
	}
	return []byte(`<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>` + typ +
		`</Type><Code>` + esc(e.Code) + `</Code>` + message + `</Error><RequestId>` +
		requestID + `</RequestId></ErrorResponse>`)
}

// successXML is IAM's success document for an expected output, written
// here from the wire format in docs/contract.md by walking the output's exported
// fields (member names are field names, list items <member>), independently
// of the fake's own encoder.
func successXML(want any, requestID string) []byte {
	v := reflect.ValueOf(want).Elem()
	op := strings.TrimSuffix(v.Type().Name(), "Output")
	var members bytes.Buffer
	writeMembers(&members, v)
	var b bytes.Buffer
	namespace := "https://iam.amazonaws.com/doc/2010-05-08/"
	if strings.HasSuffix(v.Type().PkgPath(), "/service/sts") { // STS's documents
		namespace = "https://sts.amazonaws.com/doc/2011-06-15/"
	}
	b.WriteString(`<` + op + `Response xmlns="` + namespace + `">`)
	// UpdateRole is IAM's one operation whose output is a modeled empty
	// structure: its answer holds an empty Result, which the SDK requires.
	if members.Len() > 0 || op == "UpdateRole" {
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
		if s, ok := v.Interface().(*string); ok { // set, even empty (a tag's value)
			b.WriteString(`<` + name + `>` + esc(*s) + `</` + name + `>`)
			return
		}
		writeElement(b, name, v.Elem())
	case reflect.Slice:
		if v.IsNil() {
			return
		}
		if blob, ok := v.Interface().([]byte); ok { // a blob: base64 (GetCredentialReport's Content, the MFA seed and QR code)
			b.WriteString(`<` + name + `>` + base64.StdEncoding.EncodeToString(blob) + `</` + name + `>`)
			return
		}
		b.WriteString(`<` + name + `>`)
		for i := range v.Len() {
			writeElement(b, "member", v.Index(i))
		}
		b.WriteString(`</` + name + `>`)
	case reflect.Map: // IAM's maps (SummaryMap): <entry><key/><value/></entry>, as the API reference's GetAccountSummary example
		if v.IsNil() {
			return
		}
		b.WriteString(`<` + name + `>`)
		keys := v.MapKeys()
		slices.SortFunc(keys, func(x, y reflect.Value) int { return strings.Compare(x.String(), y.String()) })
		for _, k := range keys {
			b.WriteString(`<entry><key>` + esc(k.String()) + `</key>`)
			writeElement(b, "value", v.MapIndex(k))
			b.WriteString(`</entry>`)
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
