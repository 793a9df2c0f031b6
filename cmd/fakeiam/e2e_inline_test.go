package main

// End-to-end for inline policies: the AWS CLI and boto3 put, get, list
// (a page at a time, through botocore's paginators) and delete the inline
// policies of a user and a group against the command, see documents as
// IAM's answers make them (decoded by botocore from the URL-encoded
// form, a %3A inside a value kept), and meet IAM's refusals.

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	gocmp "github.com/google/go-cmp/cmp"
)

// inlineDoc has white space, a %3A inside a value (IAM encodes the whole
// document once: a client decodes it once) and characters RFC 3986
// encodes.
const inlineDoc = `{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Tags", "Effect": "Allow", "Action": ["apigateway:PUT"],
    "Resource": ["arn:aws:apigateway:us-east-1::/tags/arn%3Aaws%3Aapigateway%3Aus-east-1%3A%3A%2Frestapis%2Fa~b*"]}]
}`

// inlineE2E starts the command with user Full at 2,000 of its 2,048 bytes
// of inline policies, and user Erin and group ops holding policy "a" each.
func inlineE2E(t *testing.T) *server {
	pad := strings.Repeat("a", 2000-len(`{"Statement":{"Sid":"","Effect":"Allow","Action":"*","Resource":"*"}}`))
	small := `{"name": "a", "document": {"Statement": {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}}}`
	dir := writeFiles(t, map[string]string{"seed.json": `{"users": [{"name": "Full", "inlinePolicies": [
  {"name": "big", "document": {"Statement": {"Sid": "` + pad + `", "Effect": "Allow", "Action": "*", "Resource": "*"}}}]},
  {"name": "Erin", "inlinePolicies": [` + small + `]}],
  "groups": [{"name": "ops", "inlinePolicies": [` + small + `]}]}`})
	return start(t, "-quiet", "-seed", filepath.Join(dir, "seed.json"))
}

// jsonValue is s parsed as JSON.
func jsonValue(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestAWSCLIInlinePolicies runs each of the eight operations once or
// twice (every AWS CLI run costs seconds; the package runs under a
// ten-minute limit).
func TestAWSCLIInlinePolicies(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	s := inlineE2E(t)
	root := s.clientEnv(t, s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"])

	cli(t, aws, root, nil, "put-user-policy", "--user-name", "Erin", "--policy-name", "tags", "--policy-document", inlineDoc)
	cli(t, aws, root, nil, "put-group-policy", "--group-name", "ops", "--policy-name", "tags", "--policy-document", inlineDoc)
	type policyOut struct {
		UserName, GroupName, PolicyName string
		PolicyDocument                  any
	}
	var user, group policyOut
	cli(t, aws, root, &user, "get-user-policy", "--user-name", "Erin", "--policy-name", "tags")
	cli(t, aws, root, &group, "get-group-policy", "--group-name", "ops", "--policy-name", "tags")
	want := []policyOut{{UserName: "Erin", PolicyName: "tags", PolicyDocument: jsonValue(t, inlineDoc)},
		{GroupName: "ops", PolicyName: "tags", PolicyDocument: jsonValue(t, inlineDoc)}}
	if diff := gocmp.Diff(want, []policyOut{user, group}); diff != "" {
		t.Errorf("get-user-policy, get-group-policy: the document as a JSON object (-want +got):\n%s", diff)
	}
	// --page-size 1: the CLI asks for pages of one and follows IAM's markers.
	type namesOut struct{ PolicyNames []string }
	var users, groups namesOut
	cli(t, aws, root, &users, "list-user-policies", "--user-name", "Erin", "--page-size", "1")
	cli(t, aws, root, &groups, "list-group-policies", "--group-name", "ops", "--page-size", "1")
	names := []string{"a", "tags"}
	if diff := gocmp.Diff([]namesOut{{names}, {names}}, []namesOut{users, groups}); diff != "" {
		t.Errorf("list-user-policies, list-group-policies (-want +got):\n%s", diff)
	}

	for _, tc := range []struct {
		name string
		args []string
		line string
	}{
		{"MalformedPolicyDocument", []string{"put-user-policy", "--user-name", "Erin", "--policy-name", "x", "--policy-document", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}`},
			"An error occurred (MalformedPolicyDocument) when calling the PutUserPolicy operation: Policy document should not specify a principal."},
		{"LimitExceeded", []string{"put-user-policy", "--user-name", "Full", "--policy-name", "more", "--policy-document", `{"Statement":{"Effect":"Deny","Action":"iam:*","Resource":"*"}}`},
			"An error occurred (LimitExceeded) when calling the PutUserPolicy operation: Maximum policy size of 2048 bytes exceeded for user Full"},
		{"NoSuchEntity", []string{"delete-group-policy", "--group-name", "ops", "--policy-name", "nope"},
			"An error occurred (NoSuchEntity) when calling the DeleteGroupPolicy operation: The group policy with name nope cannot be found."},
		{"DeleteConflict", []string{"delete-user", "--user-name", "Erin"},
			"An error occurred (DeleteConflict) when calling the DeleteUser operation: Cannot delete entity, must delete policies first."},
	} {
		t.Run(tc.name, func(t *testing.T) { cliRefuses(t, aws, root, tc.line, tc.args...) })
	}
	cli(t, aws, root, nil, "delete-user-policy", "--user-name", "Erin", "--policy-name", "tags")
	cli(t, aws, root, nil, "delete-group-policy", "--group-name", "ops", "--policy-name", "tags")
	ctx := context.Background()
	left, err := s.client().ListUserPolicies(ctx, &iam.ListUserPoliciesInput{UserName: awssdk.String("Erin")})
	if err != nil || !slices.Equal(left.PolicyNames, []string{"a"}) {
		t.Errorf("Erin's policies after delete-user-policy tags: %+v, %v; want [a]", left, err)
	}
	leftG, err := s.client().ListGroupPolicies(ctx, &iam.ListGroupPoliciesInput{GroupName: awssdk.String("ops")})
	if err != nil || !slices.Equal(leftG.PolicyNames, []string{"a"}) {
		t.Errorf("ops's policies after delete-group-policy tags: %+v, %v; want [a]", leftG, err)
	}
}

// boto3InlineScript is the same workflow in boto3, lists through botocore's
// paginators a page of one at a time. It prints what it saw as JSON.
const boto3InlineScript = `
import json, sys
import boto3
from botocore.exceptions import ClientError

iam = boto3.client("iam")
doc = sys.argv[1]
small = '{"Statement":{"Effect":"Deny","Action":"iam:*","Resource":"*"}}'

def pages(op, **kw):
    return [p["PolicyNames"] for p in iam.get_paginator(op).paginate(PaginationConfig={"PageSize": 1}, **kw)]

iam.create_user(UserName="Frank")
iam.create_group(GroupName="eng")
iam.delete_user_policy(UserName="Erin", PolicyName="a")
for name in ("tags", "b", "a"):
    iam.put_user_policy(UserName="Frank", PolicyName=name, PolicyDocument=doc if name == "tags" else small)
    iam.put_group_policy(GroupName="eng", PolicyName=name, PolicyDocument=doc if name == "tags" else small)
u = iam.get_user_policy(UserName="Frank", PolicyName="tags")
g = iam.get_group_policy(GroupName="eng", PolicyName="tags")
out = {
    "user": [u["UserName"], u["PolicyName"], u["PolicyDocument"]],
    "group": [g["GroupName"], g["PolicyName"], g["PolicyDocument"]],
    "userPages": pages("list_user_policies", UserName="Frank"),
    "groupPages": pages("list_group_policies", GroupName="eng"),
    "errors": {
        "MalformedPolicyDocument": error(iam.put_user_policy, UserName="Frank", PolicyName="x", PolicyDocument="{"),
        "LimitExceeded": error(iam.put_user_policy, UserName="Full", PolicyName="more", PolicyDocument=small),
        "NoSuchEntity": error(iam.get_group_policy, GroupName="eng", PolicyName="nope"),
        "DeleteConflict": error(iam.delete_group, GroupName="eng"),
    },
}
for name in ("a", "b", "tags"):
    iam.delete_user_policy(UserName="Frank", PolicyName=name)
    iam.delete_group_policy(GroupName="eng", PolicyName=name)
out["afterDelete"] = [iam.list_user_policies(UserName="Frank")["PolicyNames"], iam.list_group_policies(GroupName="eng")["PolicyNames"]]
iam.delete_user(UserName="Frank")
iam.delete_group(GroupName="eng")
print(json.dumps(out))
`

func TestBoto3InlinePolicies(t *testing.T) {
	t.Parallel()
	python := boto3Python(t)
	s := inlineE2E(t)
	var got struct {
		User, Group           []any
		UserPages, GroupPages [][]string
		Errors                map[string]*boto3Error
		AfterDelete           [][]string
	}
	s.boto3Run(t, python, boto3InlineScript, &got, inlineDoc)
	doc := jsonValue(t, inlineDoc)
	if diff := gocmp.Diff([][]any{{"Frank", "tags", doc}, {"eng", "tags", doc}}, [][]any{got.User, got.Group}); diff != "" {
		t.Errorf("get_user_policy, get_group_policy: the document as a dict (-want +got):\n%s", diff)
	}
	onePerPage := [][]string{{"a"}, {"b"}, {"tags"}}
	if diff := gocmp.Diff([][][]string{onePerPage, onePerPage}, [][][]string{got.UserPages, got.GroupPages}); diff != "" {
		t.Errorf("the list_user_policies and list_group_policies paginators, PageSize 1 (-want +got):\n%s", diff)
	}
	wantErrors := map[string]*boto3Error{
		"MalformedPolicyDocument": {Code: "MalformedPolicyDocument", Status: 400, Message: "Syntax errors in policy."},
		"LimitExceeded":           {Code: "LimitExceeded", Status: 409, Message: "Maximum policy size of 2048 bytes exceeded for user Full"},
		"NoSuchEntity":            {Code: "NoSuchEntity", Status: 404, Message: "The group policy with name nope cannot be found."},
		"DeleteConflict":          {Code: "DeleteConflict", Status: 409, Message: "Cannot delete entity, must delete policies first."},
	}
	if diff := gocmp.Diff(wantErrors, got.Errors); diff != "" {
		t.Errorf("ClientErrors (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff([][]string{{}, {}}, got.AfterDelete); diff != "" {
		t.Errorf("lists after deleting them all (-want +got):\n%s", diff)
	}
}
