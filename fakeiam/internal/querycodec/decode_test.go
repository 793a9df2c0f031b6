package querycodec

import (
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/schemas"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
)

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

// tagForm is CreateUser's form with n tags, as the SDK sends it.
func tagForm(n int) url.Values {
	form := url.Values{"Action": {"CreateUser"}, "Version": {"2010-05-08"}, "UserName": {"Bob"}}
	for i := 1; i <= n; i++ {
		k := "Tags.member." + strconv.Itoa(i)
		form[k+".Key"] = []string{"k" + strconv.Itoa(i)}
		form[k+".Value"] = []string{"v"}
	}
	return form
}

// TestDecodeIsLinear: decoding examines each parameter a bounded number of
// times, however many list elements the form has. (Scanning every
// parameter for each element made CreateUser with 4,000 tags cost 130 ms, and
// an unsigned request paid it before its 403.) The count is the decoder's
// own, so the test does not depend on the machine's speed.
func TestDecodeIsLinear(t *testing.T) {
	for _, n := range []int{10, 1000, 4000} {
		form := tagForm(n)
		var in iam.CreateUserInput
		d := decoder{form: form}
		if err := d.decode(schemaOf(reflect.TypeOf(&in)), reflect.ValueOf(&in).Elem()); err != nil {
			t.Fatal(err)
		}
		if len(in.Tags) != n {
			t.Fatalf("%d tags: decoded %d", n, len(in.Tags))
		}
		if limit := 8 * len(form); d.examined > limit {
			t.Errorf("%d tags (%d parameters): examined %d parameters, want at most %d", n, len(form), d.examined, limit)
		}
		t.Logf("%d tags (%d parameters): examined %d", n, len(form), d.examined)
	}
}

// BenchmarkDecodeTags reports the cost per tag of decoding CreateUser with
// 1,000 and 4,000 tags: the same at both sizes when decoding is linear.
func BenchmarkDecodeTags(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		form := tagForm(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := DecodeInput(form, &iam.CreateUserInput{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/tag")
		})
	}
}
