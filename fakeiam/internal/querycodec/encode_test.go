package querycodec

import (
	"bytes"
	"reflect"
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
	"github.com/google/go-cmp/cmp"
)

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

// TestEncodeNamespace: the namespace is the caller's, so STS's documents
// come from the same encoder; it is escaped as any text.
func TestEncodeNamespace(t *testing.T) {
	for _, c := range []struct{ ns, want string }{
		{"https://sts.amazonaws.com/doc/2011-06-15/", `<GetUserResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetUserResult><User><UserName>Bob</UserName></User></GetUserResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetUserResponse>`},
		{`a"<&`, `<GetUserResponse xmlns="a&#34;&lt;&amp;"><GetUserResult><User><UserName>Bob</UserName></User></GetUserResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetUserResponse>`},
	} {
		var buf bytes.Buffer
		if err := EncodeResponse(&buf, c.ns, "GetUser", &iam.GetUserOutput{User: &types.User{UserName: aws.String("Bob")}}, "r"); err != nil {
			t.Fatal(err)
		}
		if got := buf.String(); got != c.want {
			t.Errorf("got\n%s\nwant\n%s", got, c.want)
		}
	}
}

// TestEncodeUnion: a union is the element of its one variant. (IAM's
// outputs have no union; its one union, PolicyIdentifier, is an input's,
// written here as a document would carry it.)
func TestEncodeUnion(t *testing.T) {
	in := &iam.SimulatePrincipalPolicyInput{PolicySourceArn: aws.String("s"), PolicyExclusionList: []types.PolicyIdentifier{
		&types.PolicyIdentifierMemberPolicyArn{Value: "arn"},
		&types.PolicyIdentifierMemberPolicyType{Value: ""},
		&types.PolicyIdentifierMemberInlinePolicyIdentifier{Value: types.InlinePolicyIdentifierType{PolicyName: aws.String("p")}},
	}}
	want := `<XResponse xmlns="` + iamNamespace + `"><XResult><PolicyExclusionList>` +
		`<member><PolicyArn>arn</PolicyArn></member><member><PolicyType></PolicyType></member>` +
		`<member><InlinePolicyIdentifier><PolicyName>p</PolicyName></InlinePolicyIdentifier></member>` +
		`</PolicyExclusionList><PolicySourceArn>s</PolicySourceArn></XResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></XResponse>`
	if got := string(encode(t, "X", in)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	var buf bytes.Buffer
	unknown := &iam.SimulatePrincipalPolicyInput{PolicyExclusionList: []types.PolicyIdentifier{&types.UnknownUnionMember{Tag: "x"}}}
	if err := EncodeResponse(&buf, iamNamespace, "X", unknown, "r"); err == nil || buf.Len() != 0 {
		t.Errorf("unknown variant: err %v, wrote %q", err, buf.Bytes())
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
