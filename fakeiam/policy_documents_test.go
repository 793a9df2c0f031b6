package fakeiam

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The rows: IAM's answers to documents, as docs/contract.md ("Policy
// documents") records them with their sources: most are IAM's recorded
// answers to CreatePolicy for the same documents (LocalStack's AWS-validated
// snapshots of test_create_policy_invalid_document and
// test_create_policy_valid_document), the rest answers quoted in public
// reports. want is IAM's message, "" when IAM stores the document.

// policyDoc is a 2012-10-17 document of statements.
func policyDoc(statements string) string {
	return `{"Version":"2012-10-17","Statement":` + statements + `}`
}

// IAM's texts as its answers give them, written out here so that the rows
// pin IAM's wording rather than the fake's constants.
const (
	wantIAMPath     = `IAM resource path must either be "*", root, or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/.`
	wantVendorGlob  = "Action vendors (e.g., aws, ec2, etc.) must not contain wildcards"
	wantInvalidJSON = "This policy contains invalid Json"
)

const okPolicyStatement = `{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket"}`

func TestCheckPolicyDocument(t *testing.T) {
	rows := []struct {
		name string
		kind policyKind
		doc  string
		want string
	}{
		// Grammar.
		{"not JSON", inlinePolicy, "This is not a json document", msgPolicySyntax},
		{"null", inlinePolicy, "null", msgPolicySyntax},
		{"array", inlinePolicy, "[]", msgPolicySyntax},
		{"trailing garbage", inlinePolicy, policyDoc(okPolicyStatement) + "x", msgPolicySyntax},
		{"unknown version", inlinePolicy, `{"Version":"2013-10-17","Statement":` + okPolicyStatement + `}`, msgPolicySyntax},
		{"version not a string", inlinePolicy, `{"Version":2012,"Statement":` + okPolicyStatement + `}`, msgPolicySyntax},
		{"no statement", inlinePolicy, `{"Version":"2012-10-17"}`, msgPolicySyntax},
		{"empty statement array", inlinePolicy, policyDoc(`[]`), msgPolicySyntax},
		{"statement a string", inlinePolicy, policyDoc(`["afd"]`), msgPolicySyntax},
		{"extra top-level element", inlinePolicy, `{"Version":"2012-10-17","Statement":` + okPolicyStatement + `,"Extra field":"value"}`, msgPolicySyntax},
		{"extra statement element", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Extra field":"value"}`), msgPolicySyntax},
		{"Id an array", inlinePolicy, `{"Version":"2012-10-17","Id":["x"],"Statement":` + okPolicyStatement + `}`, msgPolicySyntax},
		{"Id an object", inlinePolicy, `{"Version":"2012-10-17","Id":{},"Statement":` + okPolicyStatement + `}`, msgPolicySyntax},
		{"Effect unknown", inlinePolicy, policyDoc(`{"Effect":"invalid","Action":"s3:ListBucket","Resource":"*"}`), msgPolicySyntax},
		{"Effect missing", inlinePolicy, policyDoc(`{"Action":"s3:ListBucket","Resource":"*"}`), msgPolicySyntax},
		{"Resource an object", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":{"a":"arn:aws:s3:::b"}}`), msgPolicySyntax},
		{"Resource null", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":null}`), msgPolicySyntax},
		{"Resource array with an object", inlinePolicy, policyDoc(`{"Effect":"Deny","Action":"s3:ListBucket","Resource":["adfdf",{}]}`), msgPolicySyntax},
		{"Resource and NotResource", inlinePolicy, policyDoc(`{"Effect":"Allow","NotAction":"s3:ListBucket","Resource":"*","NotResource":[]}`), msgPolicySyntax},
		{"Action and NotAction", inlinePolicy, policyDoc(`{"Effect":"Allow","NotAction":"s3:ListBucket","Action":"iam:dsf","Resource":"*"}`), msgPolicySyntax},
		{"Action nested array", inlinePolicy, policyDoc(`{"Effect":"Deny","Action":[[]],"Resource":"*"}`), msgPolicySyntax},
		{"Action an object", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":{},"Resource":"*"}`), msgPolicySyntax},
		{"Condition an array", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":[]}`), msgPolicySyntax},
		{"Condition a string", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":"a"}`), msgPolicySyntax},
		{"Condition operator a string", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"DateGreaterThan":"b"}}`), msgPolicySyntax},
		{"Condition value an object", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"DateGreaterThan":{"a":{}}}}`), msgPolicySyntax},
		{"unknown operator", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"x":{"a":"1"}}}`), msgPolicySyntax},
		{"operator with a double colon", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"ForAnyValue::StringEqualsIfExists":{"a":"asf"}}}`), msgPolicySyntax},
		{"Sid an object", inlinePolicy, policyDoc(`{"Sid":{},"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}`), msgPolicySyntax},
		{"Sid an array", inlinePolicy, policyDoc(`{"Sid":[],"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}`), msgPolicySyntax},

		// Principal in an identity policy.
		{"Principal inline", inlinePolicy, policyDoc(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:ListBucket","Resource":"*"}`), msgPolicyPrincipal},
		{"NotPrincipal managed", managedPolicy, policyDoc(`{"Effect":"Allow","NotPrincipal":{"AWS":"*"},"Action":"s3:ListBucket","Resource":"*"}`), msgPolicyPrincipal},
		{"trust policy not JSON", trustPolicy, "not valid json", wantInvalidJSON},
		{"trust policy with a trailing comma", trustPolicy, `{"Version":"2012-10-17","Statement":[{"Action":"sts:AssumeRole","Principal":"*","Effect":"Allow",}]}`, wantInvalidJSON},
		{"Principal in a trust policy", trustPolicy, policyDoc(`{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}`), ""},

		// Version.
		{"managed without version", managedPolicy, `{"Statement":` + okPolicyStatement + `}`, msgPolicyVersion},
		{"managed 2008", managedPolicy, `{"Version":"2008-10-17","Statement":` + okPolicyStatement + `}`, msgPolicyVersion},
		{"managed without version, before legacy", managedPolicy, `{"Statement":{"Effect":"denY","Action":"s3:ListBucket","Resource":"*"}}`, msgPolicyVersion},
		{"managed without version, before Sids", managedPolicy, `{"Statement":[{"Sid":"sdf","Effect":"Allow","Action":"s3:ListBucket","Resource":"*"},{"Sid":"sdf","Effect":"Allow"}]}`, msgPolicyVersion},
		{"inline without version", inlinePolicy, `{"Statement":` + okPolicyStatement + `}`, ""},
		{"inline 2008", inlinePolicy, `{"Version":"2008-10-17","Statement":` + okPolicyStatement + `}`, ""},

		// Legacy parsing.
		{"Effect's case", inlinePolicy, policyDoc(`{"Effect":"denY","Action":"s3:ListBucket","Resource":"*"}`), msgPolicyLegacy},
		{"Effect's case before Sids", inlinePolicy, policyDoc(`[{"Sid":"sdf","Effect":"aLLow","Action":"s3:ListBucket","Resource":"*"},{"Sid":"sdf","Effect":"Allow"}]`), msgPolicyLegacy},
		{"bad date", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"DateGreaterThan":{"a":"sdfdsf"}}}`), msgPolicyLegacy},
		{"bad date before actions", inlinePolicy, policyDoc(`{"Effect":"Allow","Condition":{"DateGreaterThan":{"a":"sdfdsf"}}}`), msgPolicyLegacy},
		{"bad date before resource format", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:error:s3:::b","Condition":{"DateGreaterThan":{"a":"sdfdsf"}}}`), msgPolicyLegacy},
		{"month 13", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"DateLessThanEquals":{"a":"234-13"}}}`), msgPolicyLegacy},
		{"one-digit zone", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"DateLessThanEquals":{"a":"2016-12-13t2:00:00.593194+1"}}}`), msgPolicyLegacy},
		{"ten fraction digits", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"DateLessThanEquals":{"a":"2016-12-13t2:00:00.1999999999+10:59"}}}`), msgPolicyLegacy},
		{"epoch past int64", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"DateLessThan":{"a":"9223372036854775808"}}}`), msgPolicyLegacy},
		{"resource with :: and five fields", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3::example_bucket"}`), msgPolicyLegacy},
		{"resource legacy before actions", inlinePolicy, policyDoc(`{"Effect":"Allow","Resource":"arn:aws:s3::example_bucket"}`), msgPolicyLegacy},
		{"resource with no service", inlinePolicy, policyDoc(`{"Effect":"Allow","NotAction":"s3:ListBucket","Resource":"arn:aws::::example_bucket"}`), msgPolicyLegacy},
		{"short resource with ::", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws::fdsasf"}`), msgPolicyLegacy},
		{"NotResource legacy", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","NotResource":"arn:aws:s3::example_bucket"}`), msgPolicyLegacy},

		// Sids, actions.
		{"Sids repeated", inlinePolicy, policyDoc(`[{"Sid":"sdf","Effect":"Allow","Action":"s3:ListBucket","Resource":"*"},{"Sid":"sdf","Effect":"Allow"}]`), msgPolicySidUnique},
		{"no action", inlinePolicy, policyDoc(`{"Effect":"Allow","Resource":"*"}`), msgPolicyNoActions},
		{"empty action array", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":[],"Resource":"*"}`), msgPolicyNoActions},
		{"no action nor resource", inlinePolicy, policyDoc(`{"Effect":"Allow"}`), msgPolicyNoActions},
		{"no action in the first statement", inlinePolicy, policyDoc(`[{"Effect":"Deny"},` + okPolicyStatement + `]`), msgPolicyNoActions},

		// Resources present, before their formats and actions' vendors.
		{"no resource", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket"}`), msgPolicyNoResources},
		{"empty resource array", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":[]}`), msgPolicyNoResources},
		{"resources present before vendor", managedPolicy, policyDoc(`{"Effect":"Allow","Action":"invalid"}`), msgPolicyNoResources},

		// Resource formats.
		{"resource not an ARN", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"invalid resource"}`), `Resource invalid resource must be in ARN format or "*".`},
		{"empty resource", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":""}`), `Resource  must be in ARN format or "*".`},
		{"resource format before action", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s:3:ListBucket","Resource":"sdfsadf"}`), `Resource sdfsadf must be in ARN format or "*".`},
		{"first bad resource of an array", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":["arn:error:s3:::example_bucket","arn:error:s3::example_bucket"]}`), `Partition "error" is not valid for resource "arn:error:s3:::example_bucket".`},
		{"resource in an array", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":["adf"]}`), `Resource adf must be in ARN format or "*".`},
		{"partition", inlinePolicy, policyDoc(`{"Effect":"Allow","NotAction":"s3s:ListBucket","Resource":"a:bsdfdsafsad"}`), `Partition "bsdfdsafsad" is not valid for resource "arn:bsdfdsafsad:*:*:*:*".`},
		{"partition, three fields", inlinePolicy, policyDoc(`{"Effect":"Allow","NotAction":"s3s:ListBucket","Resource":"a:b:cadfsdf"}`), `Partition "b" is not valid for resource "arn:b:cadfsdf:*:*:*".`},
		{"partition, eight fields", inlinePolicy, policyDoc(`{"Effect":"Allow","NotAction":"s3s:ListBucket","Resource":"a:b:c:d:e:f:g:h"}`), `Partition "b" is not valid for resource "arn:b:c:d:e:f:g:h".`},
		{"no arn prefix", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"aws:s3:::example_bucket"}`), `Partition "s3" is not valid for resource "arn:s3:::example_bucket:*".`},
		{"vendor missing", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws"}`), msgPolicyVendorRegexp},
		{"IAM resource path", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:iam:::example_bucket"}`), wantIAMPath},
		{"IAM account-alias path", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"iam:CreateAccountAlias","Resource":"arn:aws:iam::123456789012:account-alias/*"}`), wantIAMPath},
		{"IAM region", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:iam:us-east-1::example_bucket"}`), "IAM resource arn:aws:iam:us-east-1::example_bucket cannot contain region information."},
		{"S3 region", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:us-east-1::example_bucket"}`), "Resource arn:aws:s3:us-east-1::example_bucket can not contain region information."},
		{"S3 region with an account", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:us-west-2:123456789:test/athena"}`), "Resource arn:aws:s3:us-west-2:123456789:test/athena can not contain region information."},

		// Actions' vendors.
		{"action without vendor", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"invalid","Resource":"*"}`), msgPolicyVendor},
		{"empty NotAction", inlinePolicy, policyDoc(`{"Effect":"Allow","NotAction":"","Resource":"*"}`), msgPolicyVendor},
		{"wildcard vendor", managedPolicy, policyDoc(`{"Effect":"Allow","Action":["*:Untag*","s3:GetObject"],"Resource":"*"}`), wantVendorGlob},
		{"vendor with a space", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"a a:ListBucket","Resource":"*"}`), "Vendor a a is not valid"},
		{"two colons", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:List:Bucket","Resource":"*"}`), msgPolicyOneColon},
		{"two colons in a later statement", inlinePolicy, policyDoc(`[{"Effect":"Allow","Action":"s3s:ListBucket","Resource":"*"},{"Effect":"Allow","Action":"s:3s:ListBucket","Resource":"*"}]`), msgPolicyOneColon},

		// Stored.
		{"array of resources", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":["arn:aws:s3:::b","*"]}`), ""},
		{"action with spaces", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"iam: asdf safdsf af ","Resource":"*"}`), ""},
		{"any action", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"*","Resource":"*"}`), ""},
		{"IAM user ARN", managedPolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:iam:::user/x"}`), ""},
		{"IAM root and any", managedPolicy, policyDoc(`{"Effect":"Allow","Action":"iam:GetUser","Resource":["arn:aws:iam::123456789012:root","arn:aws:iam::123456789012:*"]}`), ""},
		{"S3 access point with a region", managedPolicy, policyDoc(`{"Sid":"","Effect":"Allow","Action":["s3:*"],"Resource":["arn:aws:s3:us-west-2:123456789012:accesspoint/my-access-point","arn:aws:s3:us-west-2:123456789012:accesspoint/my-access-point/object/*"]}`), ""},
		{"unknown service", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:invalid-service:us-east-1::b"}`), ""},
		{"short ARN", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:fdsasf"}`), ""},
		{"empty condition", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{}}`), ""},
		{"unknown operator, empty", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"x":{},"y":{}}}`), ""},
		{"set operator", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":"Department"}}}`), ""},
		{"IfExists", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"ForAnyValue:StringEqualsIfExists":{"a":"asf"},"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}`), ""},
		{"dates", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"DateGreaterThan":{"a":"01T","b":"2019-07-01T13:20:15Z"},"DateLessThanEquals":{"c":["2016-12-13T21:20:37.593194+00:00","2016-12-13t2:00:00.593194+23"]},"DateLessThan":{"d":"-292275054"}}}`), ""},
		{"booleans and numbers", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"kms:CreateGrant","Resource":"*","Condition":{"Bool":{"kms:GrantIsForAWSResource":true},"Null":{"kms:GrantOperations":false},"NumericLessThan":{"n":[1,2.5]}}}`), ""},
		{"null in a resource array", inlinePolicy, policyDoc(`{"Effect":"Allow","Action":"kms:CreateGrant","Resource":["arn:aws:kms:*:123456789012:key/*",null]}`), ""},
		{"NotAction with NotResource", inlinePolicy, policyDoc(`{"Effect":"Allow","NotAction":"s3:ListBucket","NotResource":"*"}`), ""},
		{"Id and Sids", managedPolicy, `{"Version":"2012-10-17","Id":"x","Statement":[{"Sid":"a","Effect":"Allow","Action":"s3:*","Resource":"*"},{"Sid":"","Effect":"Deny","Action":"s3:*","Resource":"*"},{"Sid":"","Effect":"Deny","Action":"s3:*","Resource":"*"}]}`, ""},
		{"white space", inlinePolicy, "\n {\n\t\"Version\" : \"2012-10-17\",\r\n \"Statement\" : " + okPolicyStatement + " }\n", ""},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			var got string
			if err := checkPolicyDocument(r.doc, r.kind); err != nil {
				if err.Code != "MalformedPolicyDocument" || err.Status != 400 {
					t.Fatalf("error %s %d, want MalformedPolicyDocument 400", err.Code, err.Status)
				}
				got = err.Message
			}
			if diff := cmp.Diff(r.want, got); diff != "" {
				t.Errorf("checkPolicyDocument(%s) message (-want +got):\n%s", r.doc, diff)
			}
		})
	}
}

// TestPolicySize: IAM counts a document without the white space between
// its tokens; white space inside its strings counts.
func TestPolicySize(t *testing.T) {
	rows := []struct {
		doc  string
		want int
	}{
		{`{}`, 2},
		{" {\n\t\"a\" : \"b\" }\r\n", 9},
		{`{"a":"b c"}`, 11},
		{`{"a":"\" x"}`, 12},
		{`{"a":"\\", "b" : 1}`, 16},
		{policyDoc(okPolicyStatement), len(policyDoc(okPolicyStatement))},
	}
	for _, r := range rows {
		if got := policySize(r.doc); got != r.want {
			t.Errorf("policySize(%q) = %d, want %d", r.doc, got, r.want)
		}
	}
}

// FuzzCheckPolicyDocument: any document gets an answer, never a panic: nil
// or a MalformedPolicyDocument; white space added between tokens changes
// neither the answer nor the size.
func FuzzCheckPolicyDocument(f *testing.F) {
	f.Add(policyDoc(okPolicyStatement), uint8(0))
	f.Add(policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"DateGreaterThan":{"a":"2016-12-13t2:00:00.1+10:59"}}}`), uint8(1))
	f.Add(policyDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"a:b:c:d:e:f:g:h"}`), uint8(2))
	f.Add(`{"Statement":[{"Sid":"a","Effect":"Allow","Principal":"*"}]}`, uint8(0))
	f.Fuzz(func(t *testing.T, d string, k uint8) {
		kind := policyKind(k % 3)
		err := checkPolicyDocument(d, kind)
		if err != nil && (err.Code != "MalformedPolicyDocument" || err.Status != 400 || err.Message == "") {
			t.Fatalf("checkPolicyDocument(%q) = %+v", d, err)
		}
		want := msgPolicySyntax
		if kind == trustPolicy {
			want = wantInvalidJSON
		}
		if !json.Valid([]byte(d)) && (err == nil || err.Message != want) {
			t.Fatalf("checkPolicyDocument(%q) of no JSON = %+v, want %q", d, err, want)
		}
		if size, err := checkPolicy(d, kind); err == nil && size != policySize(d) {
			t.Errorf("checkPolicy(%q) size %d, policySize %d", d, size, policySize(d))
		}
		if err == nil {
			spaced := strings.ReplaceAll(d, `":`, "\" :\n")
			if checkPolicyDocument(spaced, kind) == nil && policySize(spaced) != policySize(d) {
				t.Errorf("policySize changed with white space: %d vs %d for %q", policySize(spaced), policySize(d), d)
			}
		}
	})
}
