package policyeval

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// cliExample is the policy of the AWS CLI's documented examples of
// simulate-custom-policy (awscli/examples/iam/simulate-custom-policy.rst):
// DynamoDB after 2018-08-16 noon.
const cliExample = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}`

// keysExample is the policy of the AWS CLI's documented example of
// get-context-keys-for-custom-policy.
const keysExample = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2015-08-16T12:00:00Z"}}}}`

func mustParse(t *testing.T, doc string) *Policy {
	t.Helper()
	p, err := Parse(doc)
	if err != nil {
		t.Fatalf("Parse(%s): %v", doc, err)
	}
	return p
}

// stmt is a one-statement policy of version 2012-10-17.
func stmt(body string) string { return `{"Version":"2012-10-17","Statement":{` + body + `}}` }

func ctx(kv ...string) Context {
	c := Context{}
	for i := 0; i+1 < len(kv); i += 2 {
		c.Set(kv[i], strings.Split(kv[i+1], "|")...)
	}
	return c
}

func TestEvaluate(t *testing.T) {
	allowAll := `"Effect":"Allow","Action":"*","Resource":"*"`
	for _, tc := range []struct {
		name     string
		policies []string
		req      Request
		want     Decision
		missing  []string
	}{
		// The AWS CLI's documented examples (simulate-custom-policy.rst).
		{"CLI example 1: the date after the condition's", []string{cliExample},
			Request{Action: "dynamodb:CreateBackup", Resource: "*", Context: ctx("aws:CurrentTime", "2019-04-25T11:00:00Z")}, Allowed, nil},
		{"CLI example 2: the date before it", []string{cliExample},
			Request{Action: "dynamodb:CreateBackup", Resource: "*", Context: ctx("aws:CurrentTime", "2014-04-25T11:00:00Z")}, ImplicitDeny, nil},
		{"the date not given: missing, no match", []string{cliExample},
			Request{Action: "dynamodb:CreateBackup", Resource: "*"}, ImplicitDeny, []string{"aws:CurrentTime"}},
		// Action and NotAction (reference_policies_elements_action,
		// _notaction: action names are case-insensitive, * and ? wildcards).
		{"an action by its prefix wildcard", []string{stmt(`"Effect":"Allow","Action":"s3:Get*","Resource":"*"`)},
			Request{Action: "s3:GetObject", Resource: "*"}, Allowed, nil},
		{"action names ignore case", []string{stmt(`"Effect":"Allow","Action":"S3:getobject","Resource":"*"`)},
			Request{Action: "s3:GetObject", Resource: "*"}, Allowed, nil},
		{"? is one character", []string{stmt(`"Effect":"Allow","Action":"s3:GetObjec?","Resource":"*"`)},
			Request{Action: "s3:GetObjects", Resource: "*"}, ImplicitDeny, nil},
		{"another action", []string{stmt(`"Effect":"Allow","Action":"s3:Get*","Resource":"*"`)},
			Request{Action: "s3:PutObject", Resource: "*"}, ImplicitDeny, nil},
		{"a key another action's statement reads is missing too (recorded: boto/boto3#3111)",
			[]string{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example-bucket","Condition":{"StringLike":{"aws:PrincipalTag/allowed_service":"s3"}}},` +
				`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/${aws:username}"}]}`},
			Request{Action: "s3:ListBucket", Resource: "arn:aws:s3:::example-bucket"}, ImplicitDeny, []string{"aws:PrincipalTag/allowed_service", "aws:username"}},
		{"NotAction allows what it does not name", []string{stmt(`"Effect":"Allow","NotAction":"iam:*","Resource":"*"`)},
			Request{Action: "s3:GetObject", Resource: "*"}, Allowed, nil},
		{"NotAction not what it names", []string{stmt(`"Effect":"Allow","NotAction":"iam:*","Resource":"*"`)},
			Request{Action: "iam:CreateUser", Resource: "*"}, ImplicitDeny, nil},
		// Resource and NotResource (reference_policies_elements_resource:
		// wildcards within an ARN's segments, case-sensitive).
		{"a resource under a wildcard", []string{stmt(`"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::bucket/*"`)},
			Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/a/b.txt"}, Allowed, nil},
		{"the bucket is not its objects", []string{stmt(`"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::bucket/*"`)},
			Request{Action: "s3:ListBucket", Resource: "arn:aws:s3:::bucket"}, ImplicitDeny, nil},
		{"resources are case-sensitive", []string{stmt(`"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::Bucket/*"`)},
			Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/a"}, ImplicitDeny, nil},
		{"a wildcard segment", []string{stmt(`"Effect":"Allow","Action":"iam:*","Resource":"arn:aws:iam::*:user/*"`)},
			Request{Action: "iam:GetUser", Resource: "arn:aws:iam::123456789012:user/Bob"}, Allowed, nil},
		{"a * ending a segment expands beyond the colons", []string{stmt(`"Effect":"Allow","Action":"iam:*","Resource":"arn:aws:iam::123*"`)},
			Request{Action: "iam:GetUser", Resource: "arn:aws:iam::123456789012:user/Bob"}, Allowed, nil},
		{"and so does a * segment", []string{stmt(`"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:*"`)},
			Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"}, Allowed, nil},
		{"a * within a segment does not span a colon", []string{stmt(`"Effect":"Allow","Action":"iam:*","Resource":"arn:aws:iam::1*2:user/Bob"`)},
			Request{Action: "iam:GetUser", Resource: "arn:aws:iam::1:x:2:user/Bob"}, ImplicitDeny, nil},
		{"nor does an Arn operator's", []string{stmt(allowAll + `,"Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*"}}`)},
			Request{Action: "sqs:SendMessage", Resource: "*", Context: ctx("aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:topic")}, ImplicitDeny, nil},
		{"the last segment keeps its colons", []string{stmt(`"Effect":"Allow","Action":"logs:*","Resource":"arn:aws:logs:us-east-1:123456789012:log-group:*"`)},
			Request{Action: "logs:PutLogEvents", Resource: "arn:aws:logs:us-east-1:123456789012:log-group:app:log-stream:x"}, Allowed, nil},
		{"NotResource: every other resource", []string{stmt(`"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret/*"`)},
			Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::public/a"}, Allowed, nil},
		{"NotResource: not the one it names", []string{stmt(`"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret/*"`)},
			Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::secret/a"}, ImplicitDeny, nil},
		// An explicit deny wins (reference_policies_evaluation-logic).
		{"a deny beats an allow", []string{stmt(allowAll), stmt(`"Effect":"Deny","Action":"s3:*","Resource":"*"`)},
			Request{Action: "s3:GetObject", Resource: "*"}, ExplicitDeny, nil},
		{"a deny of another action", []string{stmt(allowAll), stmt(`"Effect":"Deny","Action":"s3:*","Resource":"*"`)},
			Request{Action: "ec2:RunInstances", Resource: "*"}, Allowed, nil},
		{"no policy: an implicit deny", nil, Request{Action: "s3:GetObject", Resource: "*"}, ImplicitDeny, nil},
		// Condition operators (reference_policies_elements_condition_operators).
		{"StringEquals, the key present", []string{stmt(allowAll + `,"Condition":{"StringEquals":{"aws:PrincipalTag/team":["eng","ops"]}}`)},
			Request{Action: "s3:GetObject", Resource: "*", Context: ctx("aws:PrincipalTag/team", "ops")}, Allowed, nil},
		{"StringEquals is case-sensitive", []string{stmt(allowAll + `,"Condition":{"StringEquals":{"aws:PrincipalTag/team":"eng"}}`)},
			Request{Action: "s3:GetObject", Resource: "*", Context: ctx("aws:PrincipalTag/team", "ENG")}, ImplicitDeny, nil},
		{"condition keys ignore case", []string{stmt(allowAll + `,"Condition":{"StringEquals":{"AWS:principaltag/team":"eng"}}`)},
			Request{Action: "s3:GetObject", Resource: "*", Context: ctx("aws:PrincipalTag/team", "eng")}, Allowed, nil},
		{"StringEqualsIgnoreCase", []string{stmt(allowAll + `,"Condition":{"StringEqualsIgnoreCase":{"aws:PrincipalTag/team":"eng"}}`)},
			Request{Action: "s3:GetObject", Resource: "*", Context: ctx("aws:PrincipalTag/team", "ENG")}, Allowed, nil},
		{"StringEquals, the key absent: false", []string{stmt(allowAll + `,"Condition":{"StringEquals":{"aws:PrincipalTag/team":"eng"}}`)},
			Request{Action: "s3:GetObject", Resource: "*"}, ImplicitDeny, []string{"aws:PrincipalTag/team"}},
		{"StringNotEquals, the key absent: true", []string{stmt(allowAll + `,"Condition":{"StringNotEquals":{"aws:PrincipalTag/team":"eng"}}`)},
			Request{Action: "s3:GetObject", Resource: "*"}, Allowed, []string{"aws:PrincipalTag/team"}},
		{"StringNotEquals, another value", []string{stmt(allowAll + `,"Condition":{"StringNotEquals":{"aws:PrincipalTag/team":"eng"}}`)},
			Request{Action: "s3:GetObject", Resource: "*", Context: ctx("aws:PrincipalTag/team", "ops")}, Allowed, nil},
		{"StringNotEquals, the value", []string{stmt(allowAll + `,"Condition":{"StringNotEquals":{"aws:PrincipalTag/team":"eng"}}`)},
			Request{Action: "s3:GetObject", Resource: "*", Context: ctx("aws:PrincipalTag/team", "eng")}, ImplicitDeny, nil},
		{"...IfExists, the key absent: true", []string{stmt(allowAll + `,"Condition":{"StringEqualsIfExists":{"aws:PrincipalTag/team":"eng"}}`)},
			Request{Action: "s3:GetObject", Resource: "*"}, Allowed, []string{"aws:PrincipalTag/team"}},
		{"...IfExists, another value: false", []string{stmt(allowAll + `,"Condition":{"StringEqualsIfExists":{"aws:PrincipalTag/team":"eng"}}`)},
			Request{Action: "s3:GetObject", Resource: "*", Context: ctx("aws:PrincipalTag/team", "ops")}, ImplicitDeny, nil},
		{"StringLike", []string{stmt(allowAll + `,"Condition":{"StringLike":{"s3:prefix":["home/*"]}}`)},
			Request{Action: "s3:ListBucket", Resource: "*", Context: ctx("s3:prefix", "home/bob/")}, Allowed, nil},
		{"StringNotLike", []string{stmt(allowAll + `,"Condition":{"StringNotLike":{"s3:prefix":["home/*"]}}`)},
			Request{Action: "s3:ListBucket", Resource: "*", Context: ctx("s3:prefix", "home/bob/")}, ImplicitDeny, nil},
		{"two keys of an operator: both", []string{stmt(allowAll + `,"Condition":{"StringEquals":{"aws:PrincipalTag/a":"1","aws:PrincipalTag/b":"2"}}`)},
			Request{Action: "s3:GetObject", Resource: "*", Context: ctx("aws:PrincipalTag/a", "1", "aws:PrincipalTag/b", "3")}, ImplicitDeny, nil},
		{"NumericLessThan", []string{stmt(allowAll + `,"Condition":{"NumericLessThan":{"s3:max-keys":"10"}}`)},
			Request{Action: "s3:ListBucket", Resource: "*", Context: ctx("s3:max-keys", "9")}, Allowed, nil},
		{"NumericLessThan, equal: false", []string{stmt(allowAll + `,"Condition":{"NumericLessThan":{"s3:max-keys":"10"}}`)},
			Request{Action: "s3:ListBucket", Resource: "*", Context: ctx("s3:max-keys", "10")}, ImplicitDeny, nil},
		{"NumericEquals, a decimal", []string{stmt(allowAll + `,"Condition":{"NumericEquals":{"k:n":1.50}}`)},
			Request{Action: "s3:ListBucket", Resource: "*", Context: ctx("k:n", "1.5")}, Allowed, nil},
		{"a number that is not one", []string{stmt(allowAll + `,"Condition":{"NumericEquals":{"k:n":"10"}}`)},
			Request{Action: "s3:ListBucket", Resource: "*", Context: ctx("k:n", "ten")}, ImplicitDeny, nil},
		{"a number past float64's range is none (parsed in bounded time)", []string{stmt(allowAll + `,"Condition":{"NumericEquals":{"k:n":"1e1000000"}}`)},
			Request{Action: "s3:ListBucket", Resource: "*", Context: ctx("k:n", "1e1000000")}, ImplicitDeny, nil},
		{"DateLessThan, epoch seconds", []string{stmt(allowAll + `,"Condition":{"DateLessThan":{"aws:EpochTime":"1700000000"}}`)},
			Request{Action: "s3:ListBucket", Resource: "*", Context: ctx("aws:EpochTime", "1600000000")}, Allowed, nil},
		{"Bool", []string{stmt(allowAll + `,"Condition":{"Bool":{"aws:SecureTransport":"false"}}`)},
			Request{Action: "s3:GetObject", Resource: "*", Context: ctx("aws:SecureTransport", "false")}, Allowed, nil},
		{"Bool reads no policy variable", []string{stmt(allowAll + `,"Condition":{"Bool":{"aws:SecureTransport":"${aws:username}"}}`)},
			Request{Action: "s3:GetObject", Resource: "*", Context: ctx("aws:SecureTransport", "bob", "aws:username", "bob")}, ImplicitDeny, nil},
		{"Bool, a JSON boolean", []string{stmt(allowAll + `,"Condition":{"Bool":{"aws:MultiFactorAuthPresent":true}}`)},
			Request{Action: "s3:GetObject", Resource: "*", Context: ctx("aws:MultiFactorAuthPresent", "true")}, Allowed, nil},
		{"BinaryEquals", []string{stmt(allowAll + `,"Condition":{"BinaryEquals":{"k:b":"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}`)},
			Request{Action: "s3:GetObject", Resource: "*", Context: ctx("k:b", "QmluYXJ5VmFsdWVJbkJhc2U2NA==")}, Allowed, nil},
		{"IpAddress, in the block", []string{stmt(allowAll + `,"Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`)},
			Request{Action: "s3:GetObject", Resource: "*", Context: ctx("aws:SourceIp", "203.0.113.7")}, Allowed, nil},
		{"NotIpAddress, in the block", []string{stmt(allowAll + `,"Condition":{"NotIpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:DB8:1234:5678::/64"]}}`)},
			Request{Action: "s3:GetObject", Resource: "*", Context: ctx("aws:SourceIp", "2001:db8:1234:5678::1")}, ImplicitDeny, nil},
		{"ArnLike, part by part", []string{stmt(allowAll + `,"Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:123456789012:*"}}`)},
			Request{Action: "sqs:SendMessage", Resource: "*", Context: ctx("aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:topic")}, Allowed, nil},
		{"ArnNotEquals", []string{stmt(allowAll + `,"Condition":{"ArnNotEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:123456789012:topic"}}`)},
			Request{Action: "sqs:SendMessage", Resource: "*", Context: ctx("aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:topic")}, ImplicitDeny, nil},
		{"Null true: the key absent", []string{stmt(allowAll + `,"Condition":{"Null":{"aws:TokenIssueTime":"true"}}`)},
			Request{Action: "s3:GetObject", Resource: "*"}, Allowed, []string{"aws:TokenIssueTime"}},
		{"Null true: the key present", []string{stmt(allowAll + `,"Condition":{"Null":{"aws:TokenIssueTime":"true"}}`)},
			Request{Action: "s3:GetObject", Resource: "*", Context: ctx("aws:TokenIssueTime", "2020-01-01T00:00:00Z")}, ImplicitDeny, nil},
		{"Null false: the key present", []string{stmt(allowAll + `,"Condition":{"Null":{"aws:TokenIssueTime":"false"}}`)},
			Request{Action: "s3:GetObject", Resource: "*", Context: ctx("aws:TokenIssueTime", "2020-01-01T00:00:00Z")}, Allowed, nil},
		// Set operators (reference_policies_condition-single-vs-multi-valued-context-keys).
		{"ForAllValues: every value allowed", []string{stmt(allowAll + `,"Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}`)},
			Request{Action: "iam:TagUser", Resource: "*", Context: ctx("aws:TagKeys", "env|team")}, Allowed, nil},
		{"ForAllValues: one value not", []string{stmt(allowAll + `,"Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}`)},
			Request{Action: "iam:TagUser", Resource: "*", Context: ctx("aws:TagKeys", "env|cost")}, ImplicitDeny, nil},
		{"ForAllValues: no key holds", []string{stmt(allowAll + `,"Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}`)},
			Request{Action: "iam:TagUser", Resource: "*"}, Allowed, []string{"aws:TagKeys"}},
		{"ForAnyValue: one value", []string{stmt(allowAll + `,"Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}`)},
			Request{Action: "iam:TagUser", Resource: "*", Context: ctx("aws:TagKeys", "cost|env")}, Allowed, nil},
		{"ForAnyValue: no key does not hold", []string{stmt(allowAll + `,"Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}`)},
			Request{Action: "iam:TagUser", Resource: "*"}, ImplicitDeny, []string{"aws:TagKeys"}},
		{"ForAllValues:StringNotEquals: none of the values", []string{stmt(allowAll + `,"Condition":{"ForAllValues:StringNotEquals":{"aws:TagKeys":["secret"]}}`)},
			Request{Action: "iam:TagUser", Resource: "*", Context: ctx("aws:TagKeys", "env|team")}, Allowed, nil},
		{"ForAnyValue:StringNotEquals: one value not", []string{stmt(allowAll + `,"Condition":{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["secret"]}}`)},
			Request{Action: "iam:TagUser", Resource: "*", Context: ctx("aws:TagKeys", "secret|env")}, Allowed, nil},
		// Policy variables (reference_policies_variables).
		{"a variable in a resource", []string{stmt(`"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::bucket/home/${aws:username}/*"`)},
			Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/home/bob/x", Context: ctx("aws:username", "bob")}, Allowed, nil},
		{"a variable's value is literal", []string{stmt(`"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::bucket/home/${aws:username}/x"`)},
			Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/home/bob/x", Context: ctx("aws:username", "b*")}, ImplicitDeny, nil},
		{"a variable without a value: no match", []string{stmt(`"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::bucket/home/${aws:username}/*"`)},
			Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/home/bob/x"}, ImplicitDeny, []string{"aws:username"}},
		{"a variable's default", []string{stmt(`"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::bucket/${aws:PrincipalTag/team, 'company-wide'}/*"`)},
			Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/company-wide/x"}, Allowed, []string{"aws:PrincipalTag/team"}},
		{"${*} is a literal *", []string{stmt(`"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::bucket/${*}"`)},
			Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/x"}, ImplicitDeny, nil},
		{"version 2008-10-17: ${...} is literal text", []string{`{"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::bucket/${aws:username}"}}`},
			Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/${aws:username}", Context: ctx("aws:username", "bob")}, Allowed, nil},
		{"a condition's variable without a value matches nothing: a negated operator holds (variables, 'Policy variables with no value')", []string{stmt(`"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:ResourceTag/owner":"${aws:username}"}}`)},
			Request{Action: "ec2:StopInstances", Resource: "*", Context: ctx("aws:ResourceTag/owner", "bob")}, ExplicitDeny, []string{"aws:username"}},
		{"and a positive one does not", []string{stmt(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/owner":"${aws:username}"}}`)},
			Request{Action: "ec2:StopInstances", Resource: "*", Context: ctx("aws:ResourceTag/owner", "bob")}, ImplicitDeny, []string{"aws:username"}},
		{"a NotResource entry with no value excludes nothing: the statement applies", []string{stmt(`"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::b/${aws:username}/*"`)},
			Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::other/k"}, Allowed, []string{"aws:username"}},
		{"a Resource list's other entries still match", []string{stmt(`"Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::public/*","arn:aws:s3:::home/${aws:username}/*"]`)},
			Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::public/x"}, Allowed, []string{"aws:username"}},
		{"the entry with no value matches nothing", []string{stmt(`"Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::public/*","arn:aws:s3:::home/${aws:username}/*"]`)},
			Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::home/${aws:username}/x"}, ImplicitDeny, []string{"aws:username"}},
		{"an unknown operator with nothing in it tests nothing", []string{stmt(allowAll + `,"Condition":{"FooBar":{}}`)},
			Request{Action: "s3:GetObject", Resource: "*"}, Allowed, nil},
		{"DateLessThan, a policy date of the legacy grammar (lower case, no seconds)", []string{stmt(allowAll + `,"Condition":{"DateLessThan":{"aws:CurrentTime":"2018-08-16t12:00"}}`)},
			Request{Action: "s3:GetObject", Resource: "*", Context: ctx("aws:CurrentTime", "2010-01-01T00:00:00Z")}, Allowed, nil},
		{"DateLessThan, digits alone are epoch seconds", []string{stmt(allowAll + `,"Condition":{"DateLessThan":{"aws:CurrentTime":"2018"}}`)},
			Request{Action: "s3:GetObject", Resource: "*", Context: ctx("aws:CurrentTime", "1970-01-01T00:30:00Z")}, Allowed, nil},
		{"DateLessThan, a zone offset", []string{stmt(allowAll + `,"Condition":{"DateLessThan":{"aws:CurrentTime":"2018-08-16T12:00:00+02"}}`)},
			Request{Action: "s3:GetObject", Resource: "*", Context: ctx("aws:CurrentTime", "2018-08-16T09:30:00Z")}, Allowed, nil},
		{"a variable in a condition value", []string{stmt(allowAll + `,"Condition":{"StringEquals":{"aws:ResourceTag/owner":"${aws:username}"}}`)},
			Request{Action: "ec2:StopInstances", Resource: "*", Context: ctx("aws:ResourceTag/owner", "bob", "aws:username", "bob")}, Allowed, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ps []*Policy
			for _, d := range tc.policies {
				ps = append(ps, mustParse(t, d))
			}
			got := Evaluate(ps, tc.req)
			if got.Decision != tc.want {
				t.Errorf("decision %s, want %s", got.Decision, tc.want)
			}
			if diff := cmp.Diff(tc.missing, MissingKeys(ps, tc.req.Context)); diff != "" {
				t.Errorf("missing keys (-want +got):\n%s", diff)
			}
			if (got.Decision == ImplicitDeny) != (len(got.Matched) == 0) {
				t.Errorf("matched %v for %s", got.Matched, got.Decision)
			}
		})
	}
}

func TestMatchedStatements(t *testing.T) {
	p := mustParse(t, `{"Version":"2012-10-17","Statement":[{"Sid":"a","Effect":"Allow","Action":"s3:*","Resource":"*"},`+
		`{"Sid":"b","Effect":"Deny","Action":"s3:Delete*","Resource":"*"},{"Sid":"c","Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}`)
	for _, tc := range []struct {
		action string
		want   Result
	}{
		{"s3:GetObject", Result{Decision: Allowed, Matched: []Match{{0, 0}, {0, 2}}}},
		{"s3:DeleteObject", Result{Decision: ExplicitDeny, Matched: []Match{{0, 1}}}}, // the deny alone (API_EvaluationResult)
		{"ec2:RunInstances", Result{Decision: ImplicitDeny}},
	} {
		if diff := cmp.Diff(tc.want, Evaluate([]*Policy{p}, Request{Action: tc.action, Resource: "*"})); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.action, diff)
		}
	}
}

// TestPositions: where a statement is, as the simulator reports it (the
// AWS CLI's documented example: StartPosition 1:38, EndPosition 1:167).
func TestPositions(t *testing.T) {
	p := mustParse(t, cliExample)
	if diff := cmp.Diff([]Position{{1, 38}, {1, 167}}, []Position{p.Statements[0].Start, p.Statements[0].End}); diff != "" {
		t.Errorf("the CLI example's statement (-want +got):\n%s", diff)
	}
	multi := mustParse(t, "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"s3:*\",\n      \"Resource\": \"*\"\n    },\n    {\"Effect\": \"Deny\", \"Action\": \"s3:Delete*\", \"Resource\": \"é*\"}\n  ]\n}")
	want := []Position{{4, 6}, {8, 6}, {9, 6}, {9, 65}} // 65: characters, not bytes (é is two)
	got := []Position{multi.Statements[0].Start, multi.Statements[0].End, multi.Statements[1].Start, multi.Statements[1].End}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("a pretty-printed policy's statements (-want +got):\n%s", diff)
	}
}

// TestContextKeys: the AWS CLI's documented example of
// get-context-keys-for-custom-policy, and each key once.
func TestContextKeys(t *testing.T) {
	for _, tc := range []struct {
		docs []string
		want []string
	}{
		{[]string{keysExample}, []string{"aws:username", "aws:CurrentTime"}},
		{[]string{keysExample, stmt(`"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"AWS:currenttime":"x"},"StringEquals":{"aws:SourceVpc":"${aws:PrincipalTag/vpc}"}}`)},
			[]string{"aws:username", "aws:CurrentTime", "aws:SourceVpc", "aws:PrincipalTag/vpc"}},
		{[]string{stmt(`"Effect":"Allow","Action":"*","Resource":"*"`)}, nil},
	} {
		var ps []*Policy
		for _, d := range tc.docs {
			ps = append(ps, mustParse(t, d))
		}
		if diff := cmp.Diff(tc.want, ContextKeys(ps)); diff != "" {
			t.Errorf("%v (-want +got):\n%s", tc.docs, diff)
		}
	}
}

func TestGlob(t *testing.T) {
	for _, tc := range []struct {
		pattern, s string
		fold, want bool
	}{
		{"*", "", false, true},
		{"a*b*c", "axxbyyc", false, true},
		{"a*b*c", "axxbyy", false, false},
		{"a?c", "abc", false, true},
		{"a?c", "ac", false, false},
		{"A*", "abc", true, true},
		{"A*", "abc", false, false},
		{"é?", "éé", false, true},
		{strings.Repeat("*a", 30) + "b", strings.Repeat("a", 60), false, false}, // no exponential backtracking
	} {
		if m := compile(tc.pattern, false).match; m.glob(tc.s, tc.fold) != tc.want {
			t.Errorf("glob(%q, %q, %v) = %v", tc.pattern, tc.s, tc.fold, !tc.want)
		}
	}
}

func FuzzEvaluate(f *testing.F) {
	f.Add(cliExample, "dynamodb:CreateBackup", "*", "aws:CurrentTime", "2019-04-25T11:00:00Z")
	f.Add(keysExample, "dynamodb:GetItem", "arn:aws:dynamodb:us-west-2:123456789012:table/bob", "aws:username", "bob")
	f.Fuzz(func(t *testing.T, doc, action, resource, key, value string) {
		p, err := Parse(doc)
		if err != nil {
			return
		}
		c := Context{}
		c.Set(key, value)
		req := Request{Action: action, Resource: resource, Context: c}
		r := Evaluate([]*Policy{p}, req)
		if r.Decision != Allowed && r.Decision != ExplicitDeny && r.Decision != ImplicitDeny {
			t.Fatalf("decision %q", r.Decision)
		}
		// Decide (enforcement's) decides as Evaluate does, twice (its
		// caches warm), an allow naming Evaluate's first statement.
		for range 2 {
			d := Prepare([]*Policy{p}, action).Decide(req)
			if d.Decision != r.Decision {
				t.Fatalf("Decide %q, Evaluate %q", d.Decision, r.Decision)
			}
			if want := r.Matched; r.Decision == Allowed && (len(d.Matched) != 1 || d.Matched[0] != want[0]) ||
				r.Decision == ExplicitDeny && !slices.Equal(d.Matched, want) {
				t.Fatalf("Decide matched %v, Evaluate %v", d.Matched, want)
			}
		}
		if keys, walked := ContextKeys([]*Policy{p}), contextKeysOf([]*Policy{p}); !slices.Equal(keys, walked) {
			t.Fatalf("ContextKeys %q, the statements' own %q", keys, walked)
		}
	})
}

// TestResolvedMemo: a one-variable pattern resolved from its memo matches
// as resolved afresh, per value, and with its default.
func TestResolvedMemo(t *testing.T) {
	p := mustParse(t, stmt(`"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username, 'nobody'}/*"`))
	for range 2 { // the second time from the memo
		for user, want := range map[string]Decision{"bob": Allowed, "alice": ImplicitDeny, "": ImplicitDeny} {
			c := Context{}
			if user != "" {
				c.Set("aws:username", user)
			}
			r := Prepare([]*Policy{p}, "s3:GetObject").Decide(Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/bob/k", Context: c})
			if r.Decision != want {
				t.Errorf("user %q: %s, want %s", user, r.Decision, want)
			}
		}
		c := Context{} // the default
		if r := Evaluate([]*Policy{p}, Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/nobody/k", Context: c}); r.Decision != Allowed {
			t.Errorf("the default's resource: %s, want allowed", r.Decision)
		}
	}
}

// TestMatchAction: actions as Action patterns match them, ignoring case
// (the trust policies' action check reads it too).
func TestMatchAction(t *testing.T) {
	for _, tc := range []struct {
		pattern, s string
		want       bool
	}{
		{"sts:assumerole", "sts:assumerole", true},
		{"sts:AssumeRole", "STS:ASSUMEROLE", true},
		{"sts:*", "sts:assumerole", true},
		{"*", "sts:tagsession", true},
		{"sts:assumerole*", "sts:assumerolewithsaml", true},
		{"sts:assume?ole", "sts:assumerole", true},
		{"sts:*saml", "sts:assumerole", false},
		{"s3:*", "sts:assumerole", false},
		{"sts:assumerole?", "sts:assumerole", false},
		{"**a*", "xxa", true},
	} {
		if got := MatchAction(tc.pattern, tc.s); got != tc.want {
			t.Errorf("MatchAction(%q, %q) = %v, want %v", tc.pattern, tc.s, got, tc.want)
		}
	}
}

// TestResourcePolicyPrincipals: a resource-based policy's statements apply
// to the callers their Principal names (reference_policies_elements_principal:
// "*", an account by id or root ARN, a principal by ARN; NotPrincipal the
// others).
func TestResourcePolicyPrincipals(t *testing.T) {
	const bob = "arn:aws:iam::123456789012:user/Bob"
	doc := func(principal string) string {
		return `{"Version":"2012-10-17","Statement":{"Effect":"Allow",` + principal + `,"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}`
	}
	for _, tc := range []struct {
		principal string
		want      Decision
	}{
		{`"Principal":"*"`, Allowed},
		{`"Principal":{"AWS":"*"}`, Allowed},
		{`"Principal":{"AWS":"123456789012"}`, Allowed},
		{`"Principal":{"AWS":"arn:aws:iam::123456789012:root"}`, Allowed},
		{`"Principal":{"AWS":["arn:aws:iam::123456789012:user/Alice","arn:aws:iam::123456789012:user/Bob"]}`, Allowed},
		{`"Principal":{"AWS":"arn:aws:iam::123456789012:user/Alice"}`, ImplicitDeny},
		{`"Principal":{"AWS":"111122223333"}`, ImplicitDeny},
		{`"Principal":{"Service":"ec2.amazonaws.com"}`, ImplicitDeny},
		{`"NotPrincipal":{"AWS":"arn:aws:iam::123456789012:user/Alice"}`, Allowed},
		{`"NotPrincipal":{"AWS":"arn:aws:iam::123456789012:user/Bob"}`, ImplicitDeny},
		{`"NotPrincipal":{"AWS":"arn:aws:iam::123456789012:root"}`, Allowed}, // an account names its root only here
	} {
		got := Evaluate([]*Policy{mustParse(t, doc(tc.principal))}, Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", Caller: bob})
		if got.Decision != tc.want {
			t.Errorf("%s: %s, want %s", tc.principal, got.Decision, tc.want)
		}
	}
	// The NotPrincipal page's example: a Deny to all but Bob and the
	// account's root denies Alice of the same account; and a Deny with
	// NotPrincipal denies every caller with a permissions boundary
	// (access_policies_boundaries), Bob too.
	deny := mustParse(t, `{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotPrincipal":{"AWS":["`+bob+`","arn:aws:iam::123456789012:root"]},"Action":"s3:*","Resource":"*"}}`)
	for _, tc := range []struct {
		caller  string
		bounded bool
		want    Decision
	}{
		{"arn:aws:iam::123456789012:user/Alice", false, ExplicitDeny},
		{bob, false, ImplicitDeny},
		{bob, true, ExplicitDeny},
	} {
		if got := Evaluate([]*Policy{deny}, Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", Caller: tc.caller, Bounded: tc.bounded}); got.Decision != tc.want {
			t.Errorf("Deny with NotPrincipal, caller %s, bounded %v: %s, want %s", tc.caller, tc.bounded, got.Decision, tc.want)
		}
	}
}

// TestParseDate: the dates IAM's policy grammar reads, and the instants
// they stand for.
func TestParseDate(t *testing.T) {
	utc := func(y, mo, d, h, mi, s, ns int) time.Time {
		return time.Date(y, time.Month(mo), d, h, mi, s, ns, time.UTC)
	}
	for _, tc := range []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2018-08-16T12:00:00Z", utc(2018, 8, 16, 12, 0, 0, 0), true},
		{"2018-08-16t12:00:00z", utc(2018, 8, 16, 12, 0, 0, 0), true},
		{"2018-08-16T12:00", utc(2018, 8, 16, 12, 0, 0, 0), true},
		{"2018-08-16T12", utc(2018, 8, 16, 12, 0, 0, 0), true},
		{"2018", utc(1970, 1, 1, 0, 33, 38, 0), true}, // digits alone: seconds since the epoch
		{"2018-8-16", utc(2018, 8, 16, 0, 0, 0, 0), true},
		{"2018-08-16T12:00:00.5Z", utc(2018, 8, 16, 12, 0, 0, 500000000), true},
		{"2018-08-16T12:00:00+02", utc(2018, 8, 16, 10, 0, 0, 0), true},
		{"2018-08-16T12:00:00+02:30", utc(2018, 8, 16, 9, 30, 0, 0), true},
		{"1534420800", utc(2018, 8, 16, 12, 0, 0, 0), true},
		{"2018-13-01", time.Time{}, false},
		{"2018-08-16T12:00:00-02", time.Time{}, false},
		{"-1", utc(-1, 1, 1, 0, 0, 0, 0), true}, // a date: the year -1
		{"soon", time.Time{}, false},
	} {
		got, ok := ParseDate(tc.in)
		if ok != tc.ok || ok && !got.Equal(tc.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// FuzzGlob: the fast paths (exact text, a prefix and a star) match as the
// general loop does.
func FuzzGlob(f *testing.F) {
	f.Add("s3:Get*", "s3:GetObject", true)
	f.Add("arn:aws:s3:::b/*", "arn:aws:s3:::b/k", false)
	f.Add("a?c*", "abcd", true)
	f.Fuzz(func(t *testing.T, pattern, s string, fold bool) {
		m := compile(pattern, false).match
		if got, want := m.glob(s, fold), globText(pattern, s, fold); got != want {
			t.Fatalf("glob(%q, %q, %v) = %v, the general loop %v", pattern, s, fold, got, want)
		}
	})
}

// FuzzARNMatch: the fast paths of ARN matching agree with the part by
// part loop.
func FuzzARNMatch(f *testing.F) {
	f.Add("arn:aws:s3:::b/*", "arn:aws:s3:::b/k:x")
	f.Add("arn:aws:iam::*:user/*", "arn:aws:iam::123:user/Bob")
	f.Add("arn:aws:s3:::b", "arn:aws:s3:::b")
	f.Fuzz(func(t *testing.T, pattern, arn string) {
		m := compile(pattern, false).match
		slow := m
		slow.shape, slow.prefix = general, ""
		if got, want := arnMatch(m, arn), arnMatch(slow, arn); got != want {
			t.Fatalf("arnMatch(%q, %q) = %v, the part by part loop %v", pattern, arn, got, want)
		}
	})
}

// TestAccountOf: the account is an ARN's fifth part, or a bare twelve-digit
// id; anything else names none.
func TestAccountOf(t *testing.T) {
	for in, want := range map[string]string{
		"123456789012":                             "123456789012",
		"arn:aws:iam::123456789012:user/a:b":       "123456789012",
		"arn:aws:s3:::bucket/key":                  "",
		"arn:aws-cn:sqs:cn-north-1:210987654321:q": "210987654321",
		"arn:aws:iam::123456789012":                "",
		"urn:aws:iam::123456789012:root":           "",
		"1234567890123":                            "",
		"":                                         "",
		"*":                                        "",
	} {
		if got := AccountOf(in); got != want {
			t.Errorf("AccountOf(%q) = %q, want %q", in, got, want)
		}
	}
}
