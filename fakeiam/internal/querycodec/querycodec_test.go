package querycodec

import (
	"bytes"
	"context"
	"go/token"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/schemas"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/aws/smithy-go/transport/http/protocol/awsquery"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// sdkView compare SDK values as a caller sees them: exported fields only,
// without the ResultMetadata the SDK's client (not its decoder) fills in.
var sdkView = cmp.Options{
	cmp.FilterPath(func(p cmp.Path) bool {
		sf, ok := p.Last().(cmp.StructField)
		return ok && !token.IsExported(sf.Name())
	}, cmp.Ignore()),
	cmpopts.IgnoreTypes(middleware.Metadata{}),
}

// iamNamespace is the XML namespace of IAM's documents.
const iamNamespace = "https://iam.amazonaws.com/doc/2010-05-08/"

func iamProtocol() *awsquery.Protocol { return awsquery.New(schemas.AWSIdentityManagementV20100508) }

// sdkDecode decodes body as the SDK decodes IAM's answer to op.
func sdkDecode(t testing.TB, op *smithy.OperationSchema, body []byte, out smithy.Deserializable) {
	t.Helper()
	resp := &smithyhttp.Response{Response: &http.Response{
		StatusCode: 200,
		Header:     http.Header{"Content-Type": {"text/xml"}},
		Body:       io.NopCloser(bytes.NewReader(body)),
	}}
	if err := iamProtocol().DeserializeResponse(context.Background(), op, iam.TypeRegistry, resp, out); err != nil {
		t.Fatalf("SDK decode: %v\n%s", err, body)
	}
}

// sdkEncode serializes in as the SDK sends it, and parses the form body.
func sdkEncode(t testing.TB, op *smithy.OperationSchema, in smithy.Serializable) url.Values {
	t.Helper()
	req := smithyhttp.NewStackRequest().(*smithyhttp.Request)
	if err := iamProtocol().SerializeRequest(context.Background(), op, in, req); err != nil {
		t.Fatalf("SDK encode: %v", err)
	}
	body, err := io.ReadAll(req.GetStream())
	if err != nil {
		t.Fatal(err)
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		t.Fatalf("parse %q: %v", body, err)
	}
	return form
}

func encode(t testing.TB, op string, out smithy.Serializable) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := EncodeResponse(&buf, iamNamespace, op, out, "req-1"); err != nil {
		t.Fatalf("encode: %v", err)
	}
	return buf.Bytes()
}

// pemBody is a certificate-shaped body: 64-character base64 lines.
func pemBody(seed int) string {
	var b strings.Builder
	b.WriteString("-----BEGIN CERTIFICATE-----\n")
	r := rand.New(rand.NewPCG(uint64(seed), 1))
	const alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for line := 0; line < 16; line++ {
		for i := 0; i < 64; i++ {
			b.WriteByte(alpha[r.IntN(64)])
		}
		b.WriteByte('\n')
	}
	b.WriteString("-----END CERTIFICATE-----\n")
	return b.String()
}

var uploaded = time.Date(2013, 6, 6, 21, 40, 8, 0, time.UTC)

func cert(i int, body string) types.SigningCertificate {
	return types.SigningCertificate{
		UserName:        aws.String("Bob"),
		CertificateId:   aws.String("TA7SMP42TDN5Z26OBPJE7EXAMPLE" + strconv.Itoa(i)),
		CertificateBody: aws.String(body),
		Status:          types.StatusTypeActive,
		UploadDate:      aws.Time(uploaded.Add(time.Duration(i) * time.Hour)),
	}
}

func certs(n int) []types.SigningCertificate {
	cs := make([]types.SigningCertificate, n)
	for i := range cs {
		cs[i] = cert(i, pemBody(i))
	}
	return cs
}

// TestEncodeOutputs round-trips outputs through the SDK's own decoder.
func TestEncodeOutputs(t *testing.T) {
	op := func(o, in, out *smithy.Schema) *smithy.OperationSchema { return smithy.NewOperationSchema(o, in, out) }
	listOp := op(schemas.ListSigningCertificates, schemas.ListSigningCertificatesRequest, schemas.ListSigningCertificatesResponse)
	tricky := "<a & b>\n\"quoted\" 'single'\r\nCRLF\ttab\rCR\u00e9\u00ff\u00a0 Latin-1 ]]> end"
	created := time.Date(2012, 9, 21, 23, 3, 13, 0, time.UTC)
	user := &types.User{
		Arn: aws.String("arn:aws:iam::123456789012:user/division/Bob"), CreateDate: &created,
		Path: aws.String("/division/"), UserId: aws.String("AIDACKCEVSQ6C2EXAMPLE"), UserName: aws.String("Bob"),
		PasswordLastUsed: aws.Time(created.Add(48 * time.Hour)),
		PermissionsBoundary: &types.AttachedPermissionsBoundary{
			PermissionsBoundaryArn:  aws.String("arn:aws:iam::aws:policy/PowerUserAccess"),
			PermissionsBoundaryType: types.PermissionsBoundaryAttachmentTypePolicy,
		},
		Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("a&b")}, {Key: aws.String("empty"), Value: aws.String("")}},
	}
	key := func(i int, st types.StatusType) types.AccessKeyMetadata {
		return types.AccessKeyMetadata{AccessKeyId: aws.String("AKIAIOSFODNN7EXAMPL" + strconv.Itoa(i)), CreateDate: &created, Status: st, UserName: aws.String("Bob")}
	}
	cases := []struct {
		name string
		op   *smithy.OperationSchema
		out  interface {
			smithy.Serializable
			smithy.Deserializable
		}
		fresh func() smithy.Deserializable
	}{
		{"List/0", listOp, &iam.ListSigningCertificatesOutput{Certificates: []types.SigningCertificate{}}, nil},
		{"List/1", listOp, &iam.ListSigningCertificatesOutput{Certificates: certs(1)}, nil},
		{"List/3+Marker", listOp, &iam.ListSigningCertificatesOutput{Certificates: certs(3), IsTruncated: true, Marker: aws.String("AAE&<marker>=")}, nil},
		{"List/tricky", listOp, &iam.ListSigningCertificatesOutput{Certificates: []types.SigningCertificate{cert(0, tricky), cert(1, "")}}, nil},
		{"List/nil", listOp, &iam.ListSigningCertificatesOutput{}, nil},
		{"Upload", op(schemas.UploadSigningCertificate, schemas.UploadSigningCertificateRequest, schemas.UploadSigningCertificateResponse),
			&iam.UploadSigningCertificateOutput{Certificate: &types.SigningCertificate{CertificateBody: aws.String(pemBody(9)), CertificateId: aws.String("ID"), Status: types.StatusTypeInactive, UploadDate: &uploaded, UserName: aws.String("Bob")}}, nil},
		{"Update", op(schemas.UpdateSigningCertificate, schemas.UpdateSigningCertificateRequest, nil), &iam.UpdateSigningCertificateOutput{}, nil},
		{"CreateUser", op(schemas.CreateUser, schemas.CreateUserRequest, schemas.CreateUserResponse), &iam.CreateUserOutput{User: user}, nil},
		{"GetUser", op(schemas.GetUser, schemas.GetUserRequest, schemas.GetUserResponse), &iam.GetUserOutput{User: user}, nil},
		{"ListUsers", op(schemas.ListUsers, schemas.ListUsersRequest, schemas.ListUsersResponse),
			&iam.ListUsersOutput{Users: []types.User{*user, {UserName: aws.String("Alice"), Tags: []types.Tag{}}}, IsTruncated: true, Marker: aws.String("m")}, nil},
		{"CreateAccessKey", op(schemas.CreateAccessKey, schemas.CreateAccessKeyRequest, schemas.CreateAccessKeyResponse),
			&iam.CreateAccessKeyOutput{AccessKey: &types.AccessKey{AccessKeyId: aws.String("AKIAIOSFODNN7EXAMPLE"), SecretAccessKey: aws.String("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY+/="), Status: types.StatusTypeActive, UserName: aws.String("Bob"), CreateDate: &created}}, nil},
		{"ListAccessKeys", op(schemas.ListAccessKeys, schemas.ListAccessKeysRequest, schemas.ListAccessKeysResponse),
			&iam.ListAccessKeysOutput{AccessKeyMetadata: []types.AccessKeyMetadata{key(1, types.StatusTypeActive), key(2, types.StatusTypeInactive)}}, nil},
		{"GetAccessKeyLastUsed", op(schemas.GetAccessKeyLastUsed, schemas.GetAccessKeyLastUsedRequest, schemas.GetAccessKeyLastUsedResponse),
			&iam.GetAccessKeyLastUsedOutput{UserName: aws.String("Bob"), AccessKeyLastUsed: &types.AccessKeyLastUsed{LastUsedDate: &created, Region: aws.String("N/A"), ServiceName: aws.String("N/A")}}, nil},
		{"GetAccessKeyLastUsed/empty", op(schemas.GetAccessKeyLastUsed, schemas.GetAccessKeyLastUsedRequest, schemas.GetAccessKeyLastUsedResponse),
			&iam.GetAccessKeyLastUsedOutput{}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := encode(t, c.op.ID().Name, c.out)
			got := reflect.New(reflect.TypeOf(c.out).Elem()).Interface().(smithy.Deserializable)
			sdkDecode(t, c.op, body, got)
			if d := cmp.Diff(c.out, got, sdkView); d != "" {
				t.Errorf("round trip (-sent +decoded):\n%s\n%s", d, body)
			}
		})
	}
}

// TestEncodeDocument checks the document's layout against IAM's.
func TestEncodeDocument(t *testing.T) {
	const ns = `xmlns="https://iam.amazonaws.com/doc/2010-05-08/"`
	for _, c := range []struct {
		name string
		op   string
		out  smithy.Serializable
		want string
	}{
		{"empty list and IsTruncated false", "ListSigningCertificates", &iam.ListSigningCertificatesOutput{Certificates: []types.SigningCertificate{}},
			`<ListSigningCertificatesResponse ` + ns + `><ListSigningCertificatesResult><Certificates></Certificates><IsTruncated>false</IsTruncated></ListSigningCertificatesResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></ListSigningCertificatesResponse>`},
		{"one certificate", "ListSigningCertificates", &iam.ListSigningCertificatesOutput{Certificates: []types.SigningCertificate{cert(0, "a\r\nb\tc<&>")}, IsTruncated: true, Marker: aws.String("m")},
			`<ListSigningCertificatesResponse ` + ns + `><ListSigningCertificatesResult><Certificates><member><CertificateBody>a&#xD;
b&#x9;c&lt;&amp;&gt;</CertificateBody><CertificateId>TA7SMP42TDN5Z26OBPJE7EXAMPLE0</CertificateId><Status>Active</Status><UploadDate>2013-06-06T21:40:08Z</UploadDate><UserName>Bob</UserName></member></Certificates><IsTruncated>true</IsTruncated><Marker>m</Marker></ListSigningCertificatesResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></ListSigningCertificatesResponse>`},
		{"no members: no Result", "UpdateSigningCertificate", &iam.UpdateSigningCertificateOutput{},
			`<UpdateSigningCertificateResponse ` + ns + `><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></UpdateSigningCertificateResponse>`},
		{"nil output: no Result", "DeleteSigningCertificate", nil,
			`<DeleteSigningCertificateResponse ` + ns + `><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></DeleteSigningCertificateResponse>`},
		{"map entries in key order", "GetAccountSummary", &iam.GetAccountSummaryOutput{SummaryMap: map[string]int32{"Users": 3, "Groups": 0, "MFADevices": 1, "AccessKeysPerUserQuota": 2}},
			`<GetAccountSummaryResponse ` + ns + `><GetAccountSummaryResult><SummaryMap><entry><key>AccessKeysPerUserQuota</key><value>2</value></entry><entry><key>Groups</key><value>0</value></entry><entry><key>MFADevices</key><value>1</value></entry><entry><key>Users</key><value>3</value></entry></SummaryMap></GetAccountSummaryResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></GetAccountSummaryResponse>`},
	} {
		t.Run(c.name, func(t *testing.T) {
			for range 3 { // map order is random: the output must not be
				if got := string(encode(t, c.op, c.out)); got != c.want {
					t.Fatalf("got\n%s\nwant\n%s", got, c.want)
				}
			}
		})
	}
}

// TestEncodeTimestamps: IAM's whole seconds, a fraction only when the
// time has one, always UTC; the SDK reads all of them back exactly.
func TestEncodeTimestamps(t *testing.T) {
	op := smithy.NewOperationSchema(schemas.UploadSigningCertificate, schemas.UploadSigningCertificateRequest, schemas.UploadSigningCertificateResponse)
	for _, c := range []struct {
		in   time.Time
		want string
	}{
		{uploaded, "2013-06-06T21:40:08Z"},
		{uploaded.In(time.FixedZone("X", -7*3600)), "2013-06-06T21:40:08Z"},
		{uploaded.Add(120 * time.Millisecond), "2013-06-06T21:40:08.12Z"},
		{uploaded.Add(1), "2013-06-06T21:40:08.000000001Z"},
		{time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), "0001-01-01T00:00:00Z"},
		{time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), "9999-12-31T23:59:59Z"},
	} {
		out := &iam.UploadSigningCertificateOutput{Certificate: &types.SigningCertificate{UploadDate: aws.Time(c.in)}}
		body := encode(t, "UploadSigningCertificate", out)
		if !bytes.Contains(body, []byte("<UploadDate>"+c.want+"</UploadDate>")) {
			t.Errorf("%v: %s, want %s", c.in, body, c.want)
		}
		var got iam.UploadSigningCertificateOutput
		sdkDecode(t, op, body, &got)
		if !got.Certificate.UploadDate.Equal(c.in) || got.Certificate.UploadDate.Location() != time.UTC {
			t.Errorf("%v: SDK decoded %v", c.in, got.Certificate.UploadDate)
		}
	}
}

// TestEncodeRefusals: what the encoder cannot write well, it refuses.
func TestEncodeRefusals(t *testing.T) {
	for _, c := range []struct {
		name string
		op   string
		out  smithy.Serializable
	}{
		{"five-digit year", "UploadSigningCertificate", &iam.UploadSigningCertificateOutput{Certificate: &types.SigningCertificate{UploadDate: aws.Time(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))}}},
		{"negative year", "UploadSigningCertificate", &iam.UploadSigningCertificateOutput{Certificate: &types.SigningCertificate{UploadDate: aws.Time(time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC))}}},
		{"operation not a name", "List<x>", &iam.ListUsersOutput{}},
		{"empty operation", "", &iam.ListUsersOutput{}},
	} {
		var buf bytes.Buffer
		if err := EncodeResponse(&buf, iamNamespace, c.op, c.out, "r"); err == nil || buf.Len() != 0 {
			t.Errorf("%s: err %v, wrote %q", c.name, err, buf.Bytes())
		}
	}
	var buf bytes.Buffer // a typed nil output is a unit output
	if err := EncodeResponse(&buf, iamNamespace, "DeleteUser", (*iam.DeleteUserOutput)(nil), "r"); err != nil || bytes.Contains(buf.Bytes(), []byte("Result")) {
		t.Errorf("typed nil: %v, %s", err, buf.Bytes())
	}
}

// xmlCarried is what an XML 1.0 document can carry of s, as encoding/xml
// writes it: every rune outside XML's Char production, and every byte of
// invalid UTF-8, becomes U+FFFD.
func xmlCarried(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		ok := r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
		if !ok || r == utf8.RuneError && n == 1 {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestEncodeCharacters records what survives XML 1.0.
func TestEncodeCharacters(t *testing.T) {
	op := smithy.NewOperationSchema(schemas.ListSigningCertificates, schemas.ListSigningCertificatesRequest, schemas.ListSigningCertificatesResponse)
	for _, c := range []struct {
		name, in, want string
	}{
		{"markup", `<&>"'`, `<&>"'`},
		{"CRLF, CR, LF, tab", "a\r\nb\rc\nd\te", "a\r\nb\rc\nd\te"},
		{"Latin-1, DEL, C1", "\u00e9\u00ff\u007f\u0085\u009f", "\u00e9\u00ff\u007f\u0085\u009f"},
		{"U+2028, U+FFFD, astral", "\u2028\ufffd\U0001F600", "\u2028\ufffd\U0001F600"},
		{"NUL", "a\x00b", "a\ufffdb"},
		{"C0 controls", "\x01\x08\x0b\x0c\x0e\x1f", strings.Repeat("\ufffd", 6)},
		{"U+FFFE, U+FFFF", "\ufffe\uffff", "\ufffd\ufffd"},
		{"invalid UTF-8", "a\xffb\xc3", "a\ufffdb\ufffd"},
		{"surrogate bytes", "\xed\xa0\x80", "\ufffd\ufffd\ufffd"},
		{"whitespace only", " \n ", " \n "},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := xmlCarried(c.in); got != c.want {
				t.Fatalf("xmlCarried(%q) = %q, want %q", c.in, got, c.want)
			}
			out := &iam.ListSigningCertificatesOutput{Certificates: []types.SigningCertificate{{CertificateBody: aws.String(c.in)}}, Marker: aws.String(c.in)}
			body := encode(t, "ListSigningCertificates", out)
			var got iam.ListSigningCertificatesOutput
			sdkDecode(t, op, body, &got)
			if b, m := *got.Certificates[0].CertificateBody, *got.Marker; b != c.want || m != c.want {
				t.Errorf("decoded %q and %q, want %q\n%s", b, m, c.want, body)
			}
		})
	}
}

// TestDecodeInputs round-trips inputs through the SDK's own encoder.
func TestDecodeInputs(t *testing.T) {
	op := func(o, in, out *smithy.Schema) *smithy.OperationSchema { return smithy.NewOperationSchema(o, in, out) }
	cases := []struct {
		name string
		op   *smithy.OperationSchema
		in   smithy.Serializable
	}{
		{"ListSigningCertificates", op(schemas.ListSigningCertificates, schemas.ListSigningCertificatesRequest, schemas.ListSigningCertificatesResponse),
			&iam.ListSigningCertificatesInput{UserName: aws.String("Bob"), MaxItems: aws.Int32(1), Marker: aws.String("a b&c=d+e%f\n")}},
		{"ListSigningCertificates/empty", op(schemas.ListSigningCertificates, schemas.ListSigningCertificatesRequest, schemas.ListSigningCertificatesResponse),
			&iam.ListSigningCertificatesInput{}},
		{"ListSigningCertificates/extremes", op(schemas.ListSigningCertificates, schemas.ListSigningCertificatesRequest, schemas.ListSigningCertificatesResponse),
			&iam.ListSigningCertificatesInput{UserName: aws.String(""), MaxItems: aws.Int32(-2147483648)}},
		{"UploadSigningCertificate", op(schemas.UploadSigningCertificate, schemas.UploadSigningCertificateRequest, schemas.UploadSigningCertificateResponse),
			&iam.UploadSigningCertificateInput{UserName: aws.String("Bob"), CertificateBody: aws.String(pemBody(1) + "\r\n\t\u00e9\x00")}},
		{"UpdateSigningCertificate", op(schemas.UpdateSigningCertificate, schemas.UpdateSigningCertificateRequest, nil),
			&iam.UpdateSigningCertificateInput{UserName: aws.String("Bob"), CertificateId: aws.String("ID"), Status: types.StatusTypeInactive}},
		{"DeleteSigningCertificate", op(schemas.DeleteSigningCertificate, schemas.DeleteSigningCertificateRequest, nil),
			&iam.DeleteSigningCertificateInput{CertificateId: aws.String("ID")}},
		{"CreateUser", op(schemas.CreateUser, schemas.CreateUserRequest, schemas.CreateUserResponse),
			&iam.CreateUserInput{UserName: aws.String("Bob"), Path: aws.String("/a/"), PermissionsBoundary: aws.String("arn:aws:iam::aws:policy/X"),
				Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}, {Key: aws.String("k2"), Value: aws.String("")}, {Key: aws.String("only-key")}}}},
		{"CreateUser/no tags", op(schemas.CreateUser, schemas.CreateUserRequest, schemas.CreateUserResponse),
			&iam.CreateUserInput{UserName: aws.String("Bob")}},
		{"CreateUser/empty tags", op(schemas.CreateUser, schemas.CreateUserRequest, schemas.CreateUserResponse),
			&iam.CreateUserInput{UserName: aws.String("Bob"), Tags: []types.Tag{}}},
		{"UpdateUser", op(schemas.UpdateUser, schemas.UpdateUserRequest, nil),
			&iam.UpdateUserInput{UserName: aws.String("Bob"), NewUserName: aws.String("Robert"), NewPath: aws.String("/b/")}},
		{"ListUsers", op(schemas.ListUsers, schemas.ListUsersRequest, schemas.ListUsersResponse),
			&iam.ListUsersInput{PathPrefix: aws.String("/"), MaxItems: aws.Int32(1000), Marker: aws.String("m")}},
		{"CreateAccessKey", op(schemas.CreateAccessKey, schemas.CreateAccessKeyRequest, schemas.CreateAccessKeyResponse),
			&iam.CreateAccessKeyInput{UserName: aws.String("Bob")}},
		{"UpdateAccessKey", op(schemas.UpdateAccessKey, schemas.UpdateAccessKeyRequest, nil),
			&iam.UpdateAccessKeyInput{UserName: aws.String("Bob"), AccessKeyId: aws.String("AKIA"), Status: types.StatusTypeExpired}},
		{"DeleteAccessKey", op(schemas.DeleteAccessKey, schemas.DeleteAccessKeyRequest, nil),
			&iam.DeleteAccessKeyInput{UserName: aws.String("Bob"), AccessKeyId: aws.String("AKIA")}},
		{"GetAccessKeyLastUsed", op(schemas.GetAccessKeyLastUsed, schemas.GetAccessKeyLastUsedRequest, schemas.GetAccessKeyLastUsedResponse),
			&iam.GetAccessKeyLastUsedInput{AccessKeyId: aws.String("AKIA")}},
		{"ListAccessKeys", op(schemas.ListAccessKeys, schemas.ListAccessKeysRequest, schemas.ListAccessKeysResponse),
			&iam.ListAccessKeysInput{UserName: aws.String("Bob"), MaxItems: aws.Int32(2), Marker: aws.String("m")}},
		{"GetUser", op(schemas.GetUser, schemas.GetUserRequest, schemas.GetUserResponse), &iam.GetUserInput{UserName: aws.String("Bob")}},
		{"GetUser/implicit", op(schemas.GetUser, schemas.GetUserRequest, schemas.GetUserResponse), &iam.GetUserInput{}},
		{"DeleteUser", op(schemas.DeleteUser, schemas.DeleteUserRequest, nil), &iam.DeleteUserInput{UserName: aws.String("Bob")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			form := sdkEncode(t, c.op, c.in)
			got := reflect.New(reflect.TypeOf(c.in).Elem()).Interface().(smithy.Serializable)
			if err := DecodeInput(form, got); err != nil {
				t.Fatalf("decode %v: %v", form, err)
			}
			if d := cmp.Diff(c.in, got, sdkView); d != "" {
				t.Errorf("round trip (-sent +decoded):\n%s\nform: %v", d, form)
			}
		})
	}
}

// TestDecodeIgnored: unknown, protocol and presigning parameters are not
// members; the first of repeated values counts.
func TestDecodeIgnored(t *testing.T) {
	form := url.Values{
		"Action": {"CreateUser"}, "Version": {"2010-05-08"}, "X-Amz-Signature": {"abc"}, "x-amz-date": {"now"},
		"UserName": {"Bob", "Alice"}, "Bogus": {"1"}, "UserName.x": {"y"}, "Tags.member.1.Key": {"k"},
		"Tags.member.1.Bogus": {"z"}, "Tags.member.2.Bogus": {"only unknown"}, "Path.member.1": {"p"},
	}
	var got iam.CreateUserInput
	if err := DecodeInput(form, &got); err != nil {
		t.Fatal(err)
	}
	want := iam.CreateUserInput{UserName: aws.String("Bob"), Tags: []types.Tag{{Key: aws.String("k")}}}
	if d := cmp.Diff(want, got, sdkView); d != "" {
		t.Error(d)
	}
}

// TestDecodeBadValues: what does not parse answers ValidationError.
func TestDecodeBadValues(t *testing.T) {
	for _, c := range []struct {
		name string
		in   smithy.Serializable
		form string
		want DecodeError
	}{
		{"MaxItems not a number", &iam.ListSigningCertificatesInput{}, "MaxItems=abc", DecodeError{"maxItems", "abc", mustBeNumber}},
		{"MaxItems overflows int32", &iam.ListSigningCertificatesInput{}, "MaxItems=99999999999", DecodeError{"maxItems", "99999999999", mustBeNumber}},
		{"MaxItems 2^31", &iam.ListSigningCertificatesInput{}, "MaxItems=2147483648", DecodeError{"maxItems", "2147483648", mustBeNumber}},
		{"MaxItems decimal", &iam.ListSigningCertificatesInput{}, "MaxItems=1.0", DecodeError{"maxItems", "1.0", mustBeNumber}},
		{"MaxItems empty", &iam.ListSigningCertificatesInput{}, "MaxItems=", DecodeError{"maxItems", "", mustBeNumber}},
		{"MaxItems spaces", &iam.ListSigningCertificatesInput{}, "MaxItems=+1+", DecodeError{"maxItems", " 1 ", mustBeNumber}},
		{"bool not true/false", &iam.CreatePolicyVersionInput{}, "SetAsDefault=yes", DecodeError{"setAsDefault", "yes", mustBeBoolean}},
		{"bool 1", &iam.CreatePolicyVersionInput{}, "SetAsDefault=1", DecodeError{"setAsDefault", "1", mustBeBoolean}},
		{"value-typed bool", &iam.CreateDelegationRequestInput{}, "NotificationChannel=x&OnlySendByOwner=maybe", DecodeError{"onlySendByOwner", "maybe", mustBeBoolean}},
		{"member.0", &iam.CreateUserInput{}, "Tags.member.0.Key=k", DecodeError{"tags", "Tags.member.0.Key", mustBeIndexed}},
		{"gap", &iam.CreateUserInput{}, "Tags.member.1.Key=a&Tags.member.3.Key=c", DecodeError{"tags", "Tags.member.3", mustBeIndexed}},
		{"starts at 2", &iam.CreateUserInput{}, "Tags.member.2.Key=b", DecodeError{"tags", "Tags.member.2", mustBeIndexed}},
		{"non-numeric", &iam.CreateUserInput{}, "Tags.member.x.Key=k", DecodeError{"tags", "Tags.member.x.Key", mustBeIndexed}},
		{"leading zero", &iam.CreateUserInput{}, "Tags.member.01.Key=k", DecodeError{"tags", "Tags.member.01.Key", mustBeIndexed}},
		{"signed index", &iam.CreateUserInput{}, "Tags.member.%2B1.Key=k", DecodeError{"tags", "Tags.member.+1.Key", mustBeIndexed}},
		{"huge index", &iam.CreateUserInput{}, "Tags.member.123456789.Key=k", DecodeError{"tags", "Tags.member.123456789.Key", mustBeIndexed}},
		{"smallest bad key named", &iam.CreateUserInput{}, "Tags.member.z.Key=k&Tags.member.a.Key=k&Tags.member.1.Key=k", DecodeError{"tags", "Tags.member.a.Key", mustBeIndexed}},
		{"scalar for a list", &iam.CreateUserInput{}, "Tags=k", DecodeError{"tags", "k", mustBeList}},
		{"string list gap", &iam.GetContextKeysForCustomPolicyInput{}, "PolicyInputList.member.2=p", DecodeError{"policyInputList", "PolicyInputList.member.2", mustBeIndexed}},
		{"nested list", &iam.SimulateCustomPolicyInput{}, "ContextEntries.member.1.ContextKeyValues.member.2=v", DecodeError{"contextEntries.1.member.contextKeyValues", "ContextEntries.member.1.ContextKeyValues.member.2", mustBeIndexed}},
		{"int beside lists of structs", &iam.SimulateCustomPolicyInput{}, "MaxItems=5x", DecodeError{"maxItems", "5x", mustBeNumber}},
		{"union with two members", &iam.SimulatePrincipalPolicyInput{}, "PolicyExclusionList.member.1.PolicyArn=a&PolicyExclusionList.member.1.PolicyType=b", DecodeError{"policyExclusionList.1.member", "PolicyExclusionList.member.1", mustBeOneMember}},
		{"map gap", &iam.AcquireRoleInput{}, "ReplacementValues.entry.2.key=k", DecodeError{"replacementValues", "ReplacementValues.entry.2", mustBeIndexed}},
		{"value-typed int beside a map", &iam.AcquireRoleInput{}, "TemplateMinorVersion=x", DecodeError{"templateMinorVersion", "x", mustBeNumber}},
	} {
		t.Run(c.name, func(t *testing.T) {
			form, err := url.ParseQuery(c.form)
			if err != nil {
				t.Fatal(err)
			}
			got := DecodeInput(form, c.in)
			if got == nil {
				t.Fatalf("no error; decoded %+v", c.in)
			}
			if *got != c.want {
				t.Errorf("got %#v\nwant %#v", *got, c.want)
			}
		})
	}
	e := &DecodeError{"maxItems", "abc", mustBeNumber}
	if got, want := e.Error(), "1 validation error detected: Value at 'maxItems' failed to satisfy constraint: Member must be a number"; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
}

// TestDecodeTimestamps: timestamps in the forms the SDK and other
// clients send. (No IAM input has a timestamp; the codec still reads them.)
func TestDecodeTimestamps(t *testing.T) {
	s := smithy.NewSchema(smithy.ShapeID{Name: "T"}, smithy.ShapeTypeStructure, 1)
	m := s.AddMember("When", smithy.NewSchema(smithy.ShapeID{Name: "ts"}, smithy.ShapeTypeTimestamp, 0))
	for _, c := range []struct {
		raw  string
		want time.Time
		ok   bool
	}{
		{"2013-06-06T21:40:08Z", uploaded, true},
		{"2013-06-06T21:40:08.5Z", uploaded.Add(500 * time.Millisecond), true},
		{"2013-06-06T23:40:08+02:00", uploaded, true},
		{"2013-06-06T21:40:08", uploaded, true},
		{"2013-06-06", time.Time{}, false},
		{"1370554808", time.Time{}, false},
		{"yesterday", time.Time{}, false},
	} {
		var v *time.Time
		err := setScalar("when", c.raw, m, reflect.ValueOf(&v).Elem())
		switch {
		case c.ok && (err != nil || v == nil || !v.Equal(c.want)):
			t.Errorf("%q: %v, %v; want %v", c.raw, v, err, c.want)
		case !c.ok && (err == nil || *err != DecodeError{"when", c.raw, mustBeTimestamp}):
			t.Errorf("%q: error %v, want a timestamp error", c.raw, err)
		}
	}
}

// --- every IAM operation, generically ---

type operation struct {
	name    string
	in, out reflect.Type // pointer types
}

// iamOperations lists every operation of *iam.Client: (ctx, *XInput,
// ...func(*Options)) (*XOutput, error).
func iamOperations() []operation {
	ct := reflect.TypeFor[*iam.Client]()
	ctxT := reflect.TypeFor[context.Context]()
	var ops []operation
	for i := 0; i < ct.NumMethod(); i++ {
		m := ct.Method(i)
		if m.Type.NumIn() != 4 || m.Type.In(1) != ctxT || m.Type.NumOut() != 2 {
			continue
		}
		ops = append(ops, operation{m.Name, m.Type.In(2), m.Type.Out(0)})
	}
	return ops
}

func rootSchema(v smithy.Serializable) *smithy.Schema {
	r := &schemaRecorder{}
	v.Serialize(r)
	return r.first
}

// filler fills SDK values at random, driven by their schemas.
type filler struct {
	t     *testing.T
	r     *rand.Rand
	input bool // inputs: value-typed members nonzero (the SDK omits zeros)
}

const alphabet = "abcXYZ019 _-+=,.@/:%&<>\"'\n\r\t\u00e9\u00ff\u4e16\U0001F600"

func (f *filler) str() string {
	rs := []rune(alphabet)
	n := f.r.IntN(12)
	var b strings.Builder
	for range n {
		b.WriteRune(rs[f.r.IntN(len(rs))])
	}
	return b.String()
}

func (f *filler) fill(path string, s *smithy.Schema, v reflect.Value, depth int) {
	t := v.Type()
	if t.Kind() == reflect.Pointer && s.Type() != smithy.ShapeTypeUnion {
		p := reflect.New(t.Elem())
		f.fill(path, s, p.Elem(), depth)
		v.Set(p)
		return
	}
	switch s.Type() {
	case smithy.ShapeTypeStructure:
		// Each optional member (pointer, slice, map, union) is left out one
		// time in five, and all of them below depth 6. A nested input
		// structure keeps at least one member: with none, the SDK sends
		// nothing for it, and it cannot come back.
		plan := planFor(t, s)
		filled := 0
		for i, m := range plan.members {
			if m.field == nil {
				f.t.Errorf("%s.%s: no Go field in %v", path, m.schema.MemberName(), t)
				continue
			}
			fv := v.FieldByIndex(m.field)
			switch fv.Kind() {
			case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
				last := i == len(plan.members)-1
				if (depth > 6 || f.r.IntN(5) == 0) && !(f.input && depth > 0 && last && filled == 0) {
					continue
				}
			}
			f.fill(path+"."+m.schema.MemberName(), m.schema, fv, depth+1)
			filled++
		}
	case smithy.ShapeTypeList, smithy.ShapeTypeSet:
		n := f.r.IntN(4)
		sl := reflect.MakeSlice(t, n, n)
		for i := range n {
			f.fill(path+"[]", s.ListMember(), sl.Index(i), depth+1)
		}
		v.Set(sl)
	case smithy.ShapeTypeMap:
		n := 1 + f.r.IntN(3)
		mp := reflect.MakeMap(t)
		for i := range n {
			ev := reflect.New(t.Elem()).Elem()
			f.fill(path+"{}", s.MapValue(), ev, depth+1)
			mp.SetMapIndex(reflect.ValueOf("k"+strconv.Itoa(i)+f.str()).Convert(t.Key()), ev)
		}
		v.Set(mp)
	case smithy.ShapeTypeUnion:
		variants := variantsOf(t)
		if len(variants) == 0 {
			f.t.Errorf("%s: union %v has no variants in unionVariants", path, t)
			return
		}
		names := slices.Sorted(func(yield func(string) bool) {
			for k := range variants {
				if !yield(k) {
					return
				}
			}
		})
		name := names[f.r.IntN(len(names))]
		vt := variants[name]
		nv := reflect.New(vt.Elem())
		f.fill(path+"."+name, s.Member(name), nv.Elem().Field(vt.valueField), depth+1)
		v.Set(nv)
	case smithy.ShapeTypeString, smithy.ShapeTypeEnum:
		v.SetString(f.str())
	case smithy.ShapeTypeBoolean:
		v.SetBool(f.input || f.r.IntN(2) == 0)
	case smithy.ShapeTypeInteger, smithy.ShapeTypeLong, smithy.ShapeTypeShort, smithy.ShapeTypeByte, smithy.ShapeTypeIntEnum:
		n := int64(f.r.Int32())
		if f.r.IntN(3) == 0 {
			n = -n
		}
		if n == 0 && f.input {
			n = 1
		}
		v.SetInt(n)
	case smithy.ShapeTypeFloat, smithy.ShapeTypeDouble:
		v.SetFloat(float64(f.r.IntN(1000)) / 8)
	case smithy.ShapeTypeTimestamp:
		v.Set(reflect.ValueOf(time.Unix(f.r.Int64N(4e9), 0).UTC()))
	case smithy.ShapeTypeBlob:
		b := make([]byte, 1+f.r.IntN(20))
		for i := range b {
			b[i] = byte(f.r.IntN(256))
		}
		v.SetBytes(b)
	default:
		f.t.Errorf("%s: shape type %v not filled", path, s.Type())
	}
}

// TestEveryOperation round-trips random inputs and outputs of
// every IAM operation through the SDK's own encoder and decoder.
func TestEveryOperation(t *testing.T) {
	ops := iamOperations()
	if len(ops) < 150 {
		t.Fatalf("found %d operations on *iam.Client", len(ops))
	}
	for _, op := range ops {
		t.Run(op.name, func(t *testing.T) {
			inSchema := rootSchema(reflect.New(op.in.Elem()).Interface().(smithy.Serializable))
			outSchema := rootSchema(reflect.New(op.out.Elem()).Interface().(smithy.Serializable))
			opSchema := smithy.NewOperationSchema(smithy.NewSchema(smithy.ShapeID{Namespace: "com.amazonaws.iam", Name: op.name}, smithy.ShapeTypeOperation, 0), inSchema, outSchema)
			for seed := range uint64(8) {
				r := rand.New(rand.NewPCG(seed, 7))
				in := reflect.New(op.in.Elem())
				if inSchema != nil {
					(&filler{t: t, r: r, input: true}).fill(op.name, inSchema, in.Elem(), 0)
				}
				form := sdkEncode(t, opSchema, in.Interface().(smithy.Serializable))
				gotIn := reflect.New(op.in.Elem())
				if err := DecodeInput(form, gotIn.Interface().(smithy.Serializable)); err != nil {
					t.Fatalf("decode input: %v\nform: %v", err, form)
				}
				if d := cmp.Diff(in.Interface(), gotIn.Interface(), sdkView); d != "" {
					t.Fatalf("input round trip (-sent +decoded):\n%s\nform: %v", d, form)
				}

				out := reflect.New(op.out.Elem())
				if outSchema != nil {
					(&filler{t: t, r: r}).fill(op.name, outSchema, out.Elem(), 0)
				}
				body := encode(t, op.name, out.Interface().(smithy.Serializable))
				gotOut := reflect.New(op.out.Elem())
				sdkDecode(t, opSchema, body, gotOut.Interface().(smithy.Deserializable))
				if d := cmp.Diff(out.Interface(), gotOut.Interface(), sdkView); d != "" {
					t.Fatalf("output round trip (-sent +decoded):\n%s\n%s", d, body)
				}
			}
		})
	}
}

// --- fuzzing ---

// fuzzInputs are the input types FuzzDecodeInput decodes into.
var fuzzInputs = []struct {
	op  *smithy.OperationSchema
	new func() smithy.Serializable
}{
	{smithy.NewOperationSchema(schemas.ListSigningCertificates, schemas.ListSigningCertificatesRequest, schemas.ListSigningCertificatesResponse),
		func() smithy.Serializable { return &iam.ListSigningCertificatesInput{} }},
	{smithy.NewOperationSchema(schemas.UpdateSigningCertificate, schemas.UpdateSigningCertificateRequest, nil),
		func() smithy.Serializable { return &iam.UpdateSigningCertificateInput{} }},
	{smithy.NewOperationSchema(schemas.CreateUser, schemas.CreateUserRequest, schemas.CreateUserResponse),
		func() smithy.Serializable { return &iam.CreateUserInput{} }},
	{smithy.NewOperationSchema(schemas.CreatePolicyVersion, schemas.CreatePolicyVersionRequest, schemas.CreatePolicyVersionResponse),
		func() smithy.Serializable { return &iam.CreatePolicyVersionInput{} }},
	{smithy.NewOperationSchema(schemas.SimulatePrincipalPolicy, schemas.SimulatePrincipalPolicyRequest, schemas.SimulatePolicyResponse),
		func() smithy.Serializable { return &iam.SimulatePrincipalPolicyInput{} }},
	{smithy.NewOperationSchema(schemas.AcquireRole, schemas.AcquireRoleRequest, schemas.AcquireRoleResponse),
		func() smithy.Serializable { return &iam.AcquireRoleInput{} }},
}

func FuzzDecodeInput(f *testing.F) {
	for _, s := range []string{
		"Action=ListSigningCertificates&Version=2010-05-08&UserName=Bob&MaxItems=1&Marker=m",
		"UserName=Bob&CertificateId=ID&Status=Inactive",
		"UserName=Bob&Path=%2F&Tags.member.1.Key=k&Tags.member.1.Value=v&Tags.member.2.Key=k2",
		"Tags=&UserName=",
		"Tags.member.1.Key=a&Tags.member.3.Key=c",
		"MaxItems=abc",
		"SetAsDefault=TRUE&PolicyArn=a&PolicyDocument=%7B%7D",
		"PolicySourceArn=a&ActionNames.member.1=s3%3AGet&ContextEntries.member.1.ContextKeyName=k&ContextEntries.member.1.ContextKeyValues.member.1=v&PolicyExclusionList.member.1.PolicyArn=x&PolicyExclusionList.member.2.InlinePolicyIdentifier.PolicyName=p",
		"ReplacementValues.entry.1.key=k&ReplacementValues.entry.1.value.Values.member.1=v&TemplateMinorVersion=3",
		"Tags.member.1.Bogus=x&Tags.member.2.Key=y",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		form, _ := url.ParseQuery(s) // on error, the pairs that did parse
		for _, c := range fuzzInputs {
			in := c.new()
			if err := DecodeInput(form, in); err != nil {
				if !strings.HasPrefix(err.Error(), "1 validation error detected: Value at '") || err.Constraint == "" {
					t.Fatalf("malformed error %q", err.Error())
				}
				continue
			}
			again := c.new()
			form2 := sdkEncode(t, c.op, in)
			if err := DecodeInput(form2, again); err != nil {
				t.Fatalf("re-encoded form %v does not decode: %v", form2, err)
			}
			if d := cmp.Diff(in, again, sdkView); d != "" {
				t.Fatalf("%q: decoded, re-encoded as %v, decoded (-first +second):\n%s", s, form2, d)
			}
		}
	})
}

func FuzzEncodeResponse(f *testing.F) {
	f.Add("Bob", pemBody(0), "marker", true, int64(1370554808))
	f.Add("", "<&>\r\n\t\x00\xff\ufffe", "", false, int64(0))
	f.Add("\u00e9", "]]>", "&amp;", true, int64(-62135596800))
	f.Add("\xae", "\xd8", "0", true, int64(0)) // two invalid bytes that join into one character
	op := smithy.NewOperationSchema(schemas.ListSigningCertificates, schemas.ListSigningCertificatesRequest, schemas.ListSigningCertificatesResponse)
	f.Add("", "", "", false, int64(253402300800)) // 10000-01-01: refused
	f.Fuzz(func(t *testing.T, user, body, marker string, truncated bool, unix int64) {
		when := time.Unix(unix, 0).UTC()
		cert := func(u, b string) types.SigningCertificate {
			return types.SigningCertificate{UserName: aws.String(u), CertificateId: aws.String(u + b), CertificateBody: aws.String(b), Status: types.StatusType(marker), UploadDate: &when}
		}
		out := &iam.ListSigningCertificatesOutput{Certificates: []types.SigningCertificate{cert(user, body), cert(body, user)}, IsTruncated: truncated, Marker: aws.String(marker)}
		var buf bytes.Buffer
		err := EncodeResponse(&buf, iamNamespace, "ListSigningCertificates", out, user)
		if y := when.Year(); y < 0 || y > 9999 {
			if err == nil || buf.Len() != 0 {
				t.Fatalf("year %d: err %v, wrote %d bytes; want an error and nothing written", y, err, buf.Len())
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		var got iam.ListSigningCertificatesOutput
		sdkDecode(t, op, buf.Bytes(), &got)
		// What XML carries of each value (not of each piece: two invalid
		// bytes can make one valid character).
		carry := func(p *string) *string { return aws.String(xmlCarried(*p)) }
		want := &iam.ListSigningCertificatesOutput{IsTruncated: truncated, Marker: carry(out.Marker)}
		for _, c := range out.Certificates {
			want.Certificates = append(want.Certificates, types.SigningCertificate{
				UserName: carry(c.UserName), CertificateId: carry(c.CertificateId), CertificateBody: carry(c.CertificateBody),
				Status: types.StatusType(xmlCarried(string(c.Status))), UploadDate: c.UploadDate,
			})
		}
		if d := cmp.Diff(want, &got, sdkView); d != "" {
			t.Fatalf("(-carried +decoded):\n%s\n%s", d, buf.Bytes())
		}
	})
}

// --- benchmarks ---

func BenchmarkEncodeResponse(b *testing.B) {
	for _, n := range []int{2, 100} {
		out := &iam.ListSigningCertificatesOutput{Certificates: certs(n), IsTruncated: true, Marker: aws.String("AAEAAAAAAAAAAQ")}
		b.Run(strconv.Itoa(n)+"certs", func(b *testing.B) {
			var buf bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				if err := EncodeResponse(&buf, iamNamespace, "ListSigningCertificates", out, "c2f0f9d1-0000-4000-8000-000000000000"); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(int64(buf.Len()))
		})
	}
}

func BenchmarkDecodeInput(b *testing.B) {
	for _, c := range []struct {
		name string
		form string
		new  func() smithy.Serializable
	}{
		{"ListSigningCertificates", "Action=ListSigningCertificates&Version=2010-05-08&UserName=Bob&MaxItems=100&Marker=AAEAAAAAAAAAAQ",
			func() smithy.Serializable { return &iam.ListSigningCertificatesInput{} }},
		{"CreateUser+2tags", "Action=CreateUser&Version=2010-05-08&UserName=Bob&Path=%2F&Tags.member.1.Key=a&Tags.member.1.Value=b&Tags.member.2.Key=c&Tags.member.2.Value=d",
			func() smithy.Serializable { return &iam.CreateUserInput{} }},
	} {
		form, err := url.ParseQuery(c.form)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := DecodeInput(form, c.new()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
