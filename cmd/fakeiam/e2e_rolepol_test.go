package main

// End-to-end for role policies, role attachments, permissions boundaries
// and policy tags: the AWS CLI and boto3 run each operation against the
// command (lists a page at a time, boto3 through botocore's paginators),
// see IAM's answers (role policy documents decoded from the URL-encoded
// form) and meet IAM's refusals.

import (
	"context"
	"path/filepath"
	"testing"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	gocmp "github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

const (
	rolePolDoc = `{"Statement":{"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::b/a~b*"}}`
	rolePolARN = "arn:aws:iam::" + fakeiam.DefaultAccountID + ":policy/ReadOnly"
	boundARN   = "arn:aws:iam::" + fakeiam.DefaultAccountID + ":policy/Boundary"
)

// rolePolE2E starts the command with role deployer (inline policy "a",
// ReadOnly attached), user Bob, and policies ReadOnly (tagged team=eng,
// env=prod) and Boundary.
func rolePolE2E(t *testing.T) *server {
	small := `{"name": "a", "document": {"Statement": {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}}}`
	doc := `"{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:List*\",\"Resource\":\"*\"}}"`
	dir := writeFiles(t, map[string]string{"seed.json": `{"users": [{"name": "Bob"}],
  "roles": [{"name": "deployer", "inlinePolicies": [` + small + `]}, {"name": "ci"}],
  "managedPolicies": [{"name": "ReadOnly", "document": ` + doc + `, "roles": ["deployer"],
                       "tags": [{"key": "team", "value": "eng"}, {"key": "env", "value": "prod"}]},
                      {"name": "Boundary", "document": ` + doc + `}]}`})
	return start(t, "-quiet", "-seed", filepath.Join(dir, "seed.json"))
}

// TestAWSCLIRolePolicies runs each of the fourteen operations once, and
// one refusal (every AWS CLI run costs seconds; the package runs under a
// ten-minute limit): boto3 meets the others.
func TestAWSCLIRolePolicies(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	s := rolePolE2E(t)
	root := s.clientEnv(t, s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"])

	cli(t, aws, root, nil, "put-role-policy", "--role-name", "deployer", "--policy-name", "read", "--policy-document", rolePolDoc)
	var got struct {
		RoleName, PolicyName string
		PolicyDocument       any
	}
	cli(t, aws, root, &got, "get-role-policy", "--role-name", "deployer", "--policy-name", "read")
	if diff := gocmp.Diff(jsonValue(t, rolePolDoc), got.PolicyDocument); diff != "" || got.RoleName != "deployer" || got.PolicyName != "read" {
		t.Errorf("get-role-policy: %+v (the document -want +got):\n%s", got, diff)
	}
	var names struct{ PolicyNames []string }
	cli(t, aws, root, &names, "list-role-policies", "--role-name", "deployer", "--page-size", "1")
	if diff := gocmp.Diff([]string{"a", "read"}, names.PolicyNames); diff != "" {
		t.Errorf("list-role-policies (-want +got):\n%s", diff)
	}
	cli(t, aws, root, nil, "delete-role-policy", "--role-name", "deployer", "--policy-name", "read")

	cli(t, aws, root, nil, "attach-role-policy", "--role-name", "ci", "--policy-arn", rolePolARN)
	type attachedOut struct {
		AttachedPolicies []struct{ PolicyName, PolicyArn string }
	}
	var attached attachedOut
	cli(t, aws, root, &attached, "list-attached-role-policies", "--role-name", "ci", "--page-size", "1")
	if len(attached.AttachedPolicies) != 1 || attached.AttachedPolicies[0].PolicyArn != rolePolARN {
		t.Errorf("list-attached-role-policies: %+v, want ReadOnly", attached)
	}
	cli(t, aws, root, nil, "detach-role-policy", "--role-name", "ci", "--policy-arn", rolePolARN)

	cli(t, aws, root, nil, "put-user-permissions-boundary", "--user-name", "Bob", "--permissions-boundary", boundARN)
	ctx := context.Background()
	u, err := s.client().GetUser(ctx, &iam.GetUserInput{UserName: awssdk.String("Bob")})
	if err != nil || u.User.PermissionsBoundary == nil || awssdk.ToString(u.User.PermissionsBoundary.PermissionsBoundaryArn) != boundARN {
		t.Errorf("GetUser after put-user-permissions-boundary: %+v, %v", u, err)
	}
	cli(t, aws, root, nil, "delete-user-permissions-boundary", "--user-name", "Bob")
	cli(t, aws, root, nil, "put-role-permissions-boundary", "--role-name", "ci", "--permissions-boundary", boundARN)
	cli(t, aws, root, nil, "delete-role-permissions-boundary", "--role-name", "ci")

	cli(t, aws, root, nil, "tag-policy", "--policy-arn", rolePolARN, "--tags", "Key=a,Value=1")
	cli(t, aws, root, nil, "untag-policy", "--policy-arn", rolePolARN, "--tag-keys", "team")
	var tags struct{ Tags []struct{ Key, Value string } }
	cli(t, aws, root, &tags, "list-policy-tags", "--policy-arn", rolePolARN, "--page-size", "1")
	if diff := gocmp.Diff([]struct{ Key, Value string }{{"a", "1"}, {"env", "prod"}}, tags.Tags); diff != "" {
		t.Errorf("list-policy-tags (-want +got):\n%s", diff)
	}

	for _, tc := range []struct {
		name string
		args []string
		line string
	}{
		{"NoSuchEntity", []string{"put-role-permissions-boundary", "--role-name", "ci", "--permissions-boundary", boundARN + "x"},
			"An error occurred (NoSuchEntity) when calling the PutRolePermissionsBoundary operation: Scope ARN: " + boundARN + "x does not exist or is not attachable."},
	} {
		t.Run(tc.name, func(t *testing.T) { cliRefuses(t, aws, root, tc.line, tc.args...) })
	}
}

// boto3RolePolScript is the same workflow in boto3, lists through
// botocore's paginators a page of one at a time. It prints what it saw as
// JSON.
const boto3RolePolScript = `
import json, sys
import boto3
from botocore.exceptions import ClientError

iam = boto3.client("iam")
doc, arn, bound = sys.argv[1], sys.argv[2], sys.argv[3]

def pages(op, key, field=None, **kw):
    out = []
    for p in iam.get_paginator(op).paginate(PaginationConfig={"PageSize": 1}, **kw):
        out.append([i[field] if field else i for i in p[key]])
    return out

for name in ("c", "b"):
    iam.put_role_policy(RoleName="deployer", PolicyName=name, PolicyDocument=doc)
got = iam.get_role_policy(RoleName="deployer", PolicyName="b")
iam.attach_role_policy(RoleName="deployer", PolicyArn=bound)
iam.tag_policy(PolicyArn=arn, Tags=[{"Key": "a", "Value": "1"}])
out = {
    "get": [got["RoleName"], got["PolicyName"], got["PolicyDocument"]],
    "rolePolicyPages": pages("list_role_policies", "PolicyNames", RoleName="deployer"),
    "attachedPages": pages("list_attached_role_policies", "AttachedPolicies", "PolicyName", RoleName="deployer"),
    "tagPages": pages("list_policy_tags", "Tags", "Key", PolicyArn=arn),
}
iam.untag_policy(PolicyArn=arn, TagKeys=["a", "env"])
out["tagsAfterUntag"] = iam.list_policy_tags(PolicyArn=arn)["Tags"]
iam.detach_role_policy(RoleName="deployer", PolicyArn=bound)
iam.delete_role_policy(RoleName="deployer", PolicyName="c")
out["afterDelete"] = iam.list_role_policies(RoleName="deployer")["PolicyNames"]
iam.put_user_permissions_boundary(UserName="Bob", PermissionsBoundary=bound)
iam.put_role_permissions_boundary(RoleName="ci", PermissionsBoundary=bound)
u = iam.get_user(UserName="Bob")["User"]
p = iam.get_policy(PolicyArn=bound)["Policy"]
users = iam.list_users()["Users"]
out["boundary"] = [u["PermissionsBoundary"], p["PermissionsBoundaryUsageCount"], "PermissionsBoundary" in users[0]]
e = iam.list_entities_for_policy(PolicyArn=bound, PolicyUsageFilter="PermissionsBoundary")
out["entities"] = [[x["UserName"] for x in e["PolicyUsers"]], [x["RoleName"] for x in e["PolicyRoles"]]]
out["errors"] = {
    "DeleteConflict": error(iam.delete_policy, PolicyArn=bound),
    "ValidationError": error(iam.put_user_permissions_boundary, UserName="Bob", PermissionsBoundary="longpolicynamebutnoarn"),
    "NoSuchEntity": error(iam.get_role_policy, RoleName="deployer", PolicyName="nope"),
    "LimitExceeded": error(iam.tag_policy, PolicyArn=arn, Tags=[{"Key": "k%02d" % i, "Value": ""} for i in range(50)]),
}
iam.delete_user_permissions_boundary(UserName="Bob")
iam.delete_role_permissions_boundary(RoleName="ci")
out["usageAfterDelete"] = iam.get_policy(PolicyArn=bound)["Policy"]["PermissionsBoundaryUsageCount"]
print(json.dumps(out))
`

func TestBoto3RolePolicies(t *testing.T) {
	t.Parallel()
	python := boto3Python(t)
	s := rolePolE2E(t)
	var got struct {
		Get                                      []any
		RolePolicyPages, AttachedPages, TagPages [][]string
		TagsAfterUntag                           []map[string]string
		AfterDelete                              []string
		Boundary                                 []any
		Entities                                 [][]string
		Errors                                   map[string]*boto3Error
		UsageAfterDelete                         int
	}
	s.boto3Run(t, python, boto3RolePolScript, &got, rolePolDoc, rolePolARN, boundARN)
	if diff := gocmp.Diff([]any{"deployer", "b", jsonValue(t, rolePolDoc)}, got.Get); diff != "" {
		t.Errorf("get_role_policy: the document as a dict (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff([][]string{{"a"}, {"b"}, {"c"}}, got.RolePolicyPages); diff != "" {
		t.Errorf("the list_role_policies paginator, PageSize 1 (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff([][]string{{"Boundary"}, {"ReadOnly"}}, got.AttachedPages); diff != "" {
		t.Errorf("the list_attached_role_policies paginator, PageSize 1 (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff([][]string{{"a"}, {"env"}, {"team"}}, got.TagPages); diff != "" {
		t.Errorf("the list_policy_tags paginator, PageSize 1 (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff([]map[string]string{{"Key": "team", "Value": "eng"}}, got.TagsAfterUntag); diff != "" {
		t.Errorf("list_policy_tags after untag_policy (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff([]string{"a", "b"}, got.AfterDelete); diff != "" {
		t.Errorf("list_role_policies after delete_role_policy (-want +got):\n%s", diff)
	}
	wantBoundary := []any{map[string]any{"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": boundARN}, 2.0, false}
	if diff := gocmp.Diff(wantBoundary, got.Boundary); diff != "" {
		t.Errorf("get_user's boundary, get_policy's usage count, list_users without it (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff([][]string{{"Bob"}, {"ci"}}, got.Entities); diff != "" {
		t.Errorf("list_entities_for_policy PermissionsBoundary (-want +got):\n%s", diff)
	}
	wantErrors := map[string]*boto3Error{
		"DeleteConflict":  {Code: "DeleteConflict", Status: 409, Message: "Cannot delete a policy attached to entities."},
		"ValidationError": {Code: "ValidationError", Status: 400, Message: "ARN longpolicynamebutnoarn is not valid."},
		"NoSuchEntity":    {Code: "NoSuchEntity", Status: 404, Message: "The role policy with name nope cannot be found."},
		"LimitExceeded":   {Code: "LimitExceeded", Status: 409, Message: "Cannot exceed quota for TagsPerPolicy: 50"},
	}
	if diff := gocmp.Diff(wantErrors, got.Errors); diff != "" {
		t.Errorf("ClientErrors (-want +got):\n%s", diff)
	}
	if got.UsageAfterDelete != 0 {
		t.Errorf("PermissionsBoundaryUsageCount after deleting both boundaries: %d, want 0", got.UsageAfterDelete)
	}
}
