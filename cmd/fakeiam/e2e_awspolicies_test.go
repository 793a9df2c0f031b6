package main

// End-to-end for AWS managed policies (docs/contract.md, "AWS managed
// policies"): the AWS CLI and boto3 against the command: get-policy,
// get-policy-version (the document decoded), list-policies --scope AWS
// through each client's paginator (the whole catalog, in IAM's order),
// list-policy-versions, attaching one to a user and a group, the entities
// and counts that follow, and the writes IAM refuses.

import (
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

const (
	e2eAWSReadOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess"
	e2eAWSLambda   = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
	// AWSLambdaBasicExecutionRole's v1 in the snapshot of 2026-03-07.
	e2eAWSLambdaDoc = `{"Version":"2012-10-17","Statement":[{"Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*","Effect":"Allow"}]}`
	// AmazonS3ReadOnlyAccess's v1, from the snapshot's history (IAM's
	// guide quoted it until 2021).
	e2eAWSS3ReadOnly   = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
	e2eAWSS3ReadOnlyV1 = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"*"}]}`
	// e2eAWSReadOnlyVersions is how many versions of ReadOnlyAccess the
	// snapshot holds: v178, the default, and 94 older ones.
	e2eAWSReadOnlyVersions = 95
	// e2eAWSCatalog is how many AWS managed policies the snapshot holds.
	e2eAWSCatalog = 1452
)

func TestAWSCLIAWSManagedPolicies(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	s := start(t, "-quiet")
	root := s.clientEnv(t, s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"])
	cli(t, aws, root, new(any), "create-user", "--user-name", "Ann")
	cli(t, aws, root, new(any), "create-group", "--group-name", "ops")

	var got policyOut
	cli(t, aws, root, &got, "get-policy", "--policy-arn", e2eAWSLambda)
	if p := got.Policy; p.PolicyName != "AWSLambdaBasicExecutionRole" || p.PolicyId != "ANPAJNCQGXC42545SKXIK" || p.Path != "/service-role/" ||
		p.DefaultVersionId != "v1" || !p.IsAttachable || p.AttachmentCount != 0 || p.Tags == nil || len(p.Tags) != 0 {
		t.Errorf("get-policy: %+v", p)
	}
	var v versionOut
	cli(t, aws, root, &v, "get-policy-version", "--policy-arn", e2eAWSLambda, "--version-id", "v1")
	if diff := gocmp.Diff(jsonOf(t, e2eAWSLambdaDoc), v.PolicyVersion.Document); diff != "" || !v.PolicyVersion.IsDefaultVersion {
		t.Errorf("get-policy-version: default %v, the document (-want +got):\n%s", v.PolicyVersion.IsDefaultVersion, diff)
	}
	if got.Policy.Description != "Provides write permissions to CloudWatch Logs." {
		t.Errorf("get-policy: description %q", got.Policy.Description)
	}
	cli(t, aws, root, &v, "get-policy-version", "--policy-arn", e2eAWSS3ReadOnly, "--version-id", "v1")
	if diff := gocmp.Diff(jsonOf(t, e2eAWSS3ReadOnlyV1), v.PolicyVersion.Document); diff != "" || v.PolicyVersion.IsDefaultVersion {
		t.Errorf("get-policy-version of an older version: default %v, the document (-want +got):\n%s", v.PolicyVersion.IsDefaultVersion, diff)
	}
	// The CLI pages the versions, 20 a page.
	var versions versionsOut
	cli(t, aws, root, &versions, "list-policy-versions", "--policy-arn", e2eAWSReadOnly, "--page-size", "20")
	if n := len(versions.Versions); n != e2eAWSReadOnlyVersions || versions.Versions[0].VersionId != "v178" || !versions.Versions[0].IsDefaultVersion ||
		versions.Versions[1].VersionId != "v159" || versions.Versions[1].IsDefaultVersion {
		t.Errorf("list-policy-versions: %d versions, first %+v", n, versions.Versions[:min(n, 2)])
	}
	if pages := s.calls(t, "ListPolicyVersions"); len(pages) != 5 {
		t.Errorf("the CLI's ListPolicyVersions requests: %d; want 5 pages of 20", len(pages))
	}

	// The CLI pages the whole catalog, 100 a page.
	var policies policiesOut
	cli(t, aws, root, &policies, "list-policies", "--scope", "AWS", "--page-size", "100")
	if n := len(policies.Policies); n != e2eAWSCatalog || policies.Policies[0].PolicyName != "AdministratorAccess" || policies.Policies[1].PolicyName != "PowerUserAccess" {
		t.Errorf("list-policies --scope AWS: %d policies, first %+v", n, policies.Policies[:min(n, 2)])
	}
	if pages := s.calls(t, "ListPolicies"); len(pages) != 15 || pages[14].Input["marker"] == nil {
		t.Errorf("the CLI's ListPolicies requests: %d; want 15 pages, following Marker", len(pages))
	}

	cli(t, aws, root, nil, "attach-user-policy", "--user-name", "Ann", "--policy-arn", e2eAWSReadOnly)
	cli(t, aws, root, nil, "attach-group-policy", "--group-name", "ops", "--policy-arn", e2eAWSReadOnly)
	var attached attachedOut
	cli(t, aws, root, &attached, "list-attached-user-policies", "--user-name", "Ann")
	if len(attached.AttachedPolicies) != 1 || attached.AttachedPolicies[0].PolicyArn != e2eAWSReadOnly || attached.AttachedPolicies[0].PolicyName != "ReadOnlyAccess" {
		t.Errorf("list-attached-user-policies: %+v", attached)
	}
	var entities entitiesOut
	cli(t, aws, root, &entities, "list-entities-for-policy", "--policy-arn", e2eAWSReadOnly)
	if len(entities.PolicyGroups) != 1 || entities.PolicyGroups[0].GroupName != "ops" || len(entities.PolicyUsers) != 1 || entities.PolicyUsers[0].UserName != "Ann" {
		t.Errorf("list-entities-for-policy: %+v", entities)
	}
	cli(t, aws, root, &policies, "list-policies", "--scope", "AWS", "--only-attached")
	if len(policies.Policies) != 1 || policies.Policies[0].PolicyName != "ReadOnlyAccess" || policies.Policies[0].AttachmentCount != 2 {
		t.Errorf("list-policies --scope AWS --only-attached: %+v", policies)
	}

	t.Run("errors", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			args []string
			line string
		}{
			{"DeletePolicy", []string{"delete-policy", "--policy-arn", e2eAWSReadOnly},
				"An error occurred (AccessDenied) when calling the DeletePolicy operation: Cannot delete policies outside your own account."},
			{"CreatePolicyVersion", []string{"create-policy-version", "--policy-arn", e2eAWSReadOnly, "--policy-document", e2eDocList},
				"An error occurred (AccessDenied) when calling the CreatePolicyVersion operation: User: arn:aws:iam::123456789012:root is not authorized to perform: iam:CreatePolicyVersion on resource: policy " + e2eAWSReadOnly},
			{"GetPolicy not in the catalog", []string{"get-policy", "--policy-arn", "arn:aws:iam::aws:policy/NoSuchAccess"},
				"An error occurred (NoSuchEntity) when calling the GetPolicy operation: Policy arn:aws:iam::aws:policy/NoSuchAccess was not found."},
			{"AttachUserPolicy not attachable", []string{"attach-user-policy", "--user-name", "Ann", "--policy-arn", "arn:aws:iam::aws:policy/service-role/AWSConfigRole"},
				"An error occurred (NoSuchEntity) when calling the AttachUserPolicy operation: Policy arn:aws:iam::aws:policy/service-role/AWSConfigRole does not exist or is not attachable."},
			{"DeleteUser attached", []string{"delete-user", "--user-name", "Ann"},
				"An error occurred (DeleteConflict) when calling the DeleteUser operation: Cannot delete entity, must detach all policies first."},
		} {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				cliRefuses(t, aws, root, tc.line, tc.args...)
			})
		}
	})

	cli(t, aws, root, nil, "detach-user-policy", "--user-name", "Ann", "--policy-arn", e2eAWSReadOnly)
	cli(t, aws, root, nil, "detach-group-policy", "--group-name", "ops", "--policy-arn", e2eAWSReadOnly)
	cli(t, aws, root, nil, "delete-user", "--user-name", "Ann")
	cli(t, aws, root, &got, "get-policy", "--policy-arn", e2eAWSReadOnly)
	if got.Policy.AttachmentCount != 0 || got.Policy.DefaultVersionId != "v178" {
		t.Errorf("get-policy at the end: %+v", got.Policy)
	}
}

// boto3AWSPoliciesScript: the AWS managed policies through boto3, the
// list_policies paginator over the whole catalog. It prints what it saw
// as JSON.
const boto3AWSPoliciesScript = `
import json
import boto3
from botocore.exceptions import ClientError

iam = boto3.client("iam")

RO = "arn:aws:iam::aws:policy/ReadOnlyAccess"
LAMBDA = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
iam.create_user(UserName="u1")
iam.create_group(GroupName="g1")
iam.create_policy(PolicyName="Mine", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}))
p = iam.get_policy(PolicyArn=LAMBDA)["Policy"]
out = {"got": {k: p[k] for k in ("PolicyName", "PolicyId", "Path", "DefaultVersionId", "IsAttachable", "AttachmentCount", "Tags")}}
out["document"] = iam.get_policy_version(PolicyArn=LAMBDA, VersionId="v1")["PolicyVersion"]["Document"]
out["description"] = p["Description"]
out["older"] = iam.get_policy_version(PolicyArn="arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", VersionId="v1")["PolicyVersion"]["Document"]
vpages = list(iam.get_paginator("list_policy_versions").paginate(PolicyArn=RO, PaginationConfig={"PageSize": 50}))
out["versionPages"] = [len(page["Versions"]) for page in vpages]
out["versions"] = [v["VersionId"] for page in vpages for v in page["Versions"]][:3]
pages = list(iam.get_paginator("list_policies").paginate(Scope="AWS", PaginationConfig={"PageSize": 500}))
out["awsPages"] = [len(page["Policies"]) for page in pages]
out["awsFirst"] = [q["PolicyName"] for q in pages[0]["Policies"][:3]]
every = [q["PolicyName"] for page in iam.get_paginator("list_policies").paginate() for q in page["Policies"]]
out["allCount"], out["allLast"] = len(every), every[-1]
iam.attach_user_policy(UserName="u1", PolicyArn=RO)
iam.attach_group_policy(GroupName="g1", PolicyArn=RO)
out["attached"] = [q["PolicyArn"] for q in iam.list_attached_group_policies(GroupName="g1")["AttachedPolicies"]]
out["onlyAttached"] = [[q["PolicyName"], q["AttachmentCount"]] for q in iam.list_policies(Scope="AWS", OnlyAttached=True)["Policies"]]
e = iam.list_entities_for_policy(PolicyArn=RO)
out["entities"] = [[g["GroupName"] for g in e["PolicyGroups"]], [u["UserName"] for u in e["PolicyUsers"]]]
out["errors"] = {
    "DeletePolicyVersion": error(iam.delete_policy_version, PolicyArn=RO, VersionId="v1"),
    "SetDefaultPolicyVersion": error(iam.set_default_policy_version, PolicyArn=RO, VersionId="v178"),
    "GetPolicyVersion": error(iam.get_policy_version, PolicyArn=RO, VersionId="v1"),
}
iam.detach_user_policy(UserName="u1", PolicyArn=RO)
iam.detach_group_policy(GroupName="g1", PolicyArn=RO)
out["count"] = iam.get_policy(PolicyArn=RO)["Policy"]["AttachmentCount"]
print(json.dumps(out))
`

func TestBoto3AWSManagedPolicies(t *testing.T) {
	t.Parallel()
	python := boto3Python(t)
	s := start(t, "-quiet")
	var got struct {
		Got          map[string]any
		Document     any
		Description  string
		Older        any
		VersionPages []int
		Versions     []string
		AWSPages     []int
		AWSFirst     []string
		AllCount     int
		AllLast      string
		Attached     []string
		OnlyAttached [][]any
		Entities     [][]string
		Errors       map[string]*boto3Error
		Count        int
	}
	s.boto3Run(t, python, boto3AWSPoliciesScript, &got)
	ro := "arn:aws:iam::aws:policy/ReadOnlyAccess"
	for _, tc := range []struct {
		name      string
		want, got any
	}{
		{"get_policy", map[string]any{"PolicyName": "AWSLambdaBasicExecutionRole", "PolicyId": "ANPAJNCQGXC42545SKXIK", "Path": "/service-role/",
			"DefaultVersionId": "v1", "IsAttachable": true, "AttachmentCount": 0.0, "Tags": []any{}}, got.Got},
		{"get_policy_version: the document decoded", jsonOf(t, e2eAWSLambdaDoc), got.Document},
		{"get_policy: Description", "Provides write permissions to CloudWatch Logs.", got.Description},
		{"get_policy_version of an older version", jsonOf(t, e2eAWSS3ReadOnlyV1), got.Older},
		{"list_policy_versions paginator, PageSize 50", []int{50, e2eAWSReadOnlyVersions - 50}, got.VersionPages},
		{"list_policy_versions: newest first", []string{"v178", "v159", "v140"}, got.Versions},
		{"list_policies Scope AWS paginator, PageSize 500", []int{500, 500, 452}, got.AWSPages},
		{"IAM's order", []string{"AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess"}, got.AWSFirst},
		{"list_policies paginator, Scope All: AWS's, then the account's", e2eAWSCatalog + 1, got.AllCount},
		{"the account's last", "Mine", got.AllLast},
		{"list_attached_group_policies", []string{ro}, got.Attached},
		{"list_policies OnlyAttached", [][]any{{"ReadOnlyAccess", 2.0}}, got.OnlyAttached},
		{"list_entities_for_policy", [][]string{{"g1"}, {"u1"}}, got.Entities},
		{"AttachmentCount after detaching", 0, got.Count},
	} {
		if diff := gocmp.Diff(tc.want, tc.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
	wantErrors := map[string]*boto3Error{
		"DeletePolicyVersion":     {Code: "AccessDenied", Status: 403, Message: "Cannot delete policy versions for policies outside your own account."},
		"SetDefaultPolicyVersion": {Code: "AccessDenied", Status: 403, Message: "Cannot update policies outside your own account."},
		// Older than the snapshot's history (docs/contract.md: a limit).
		"GetPolicyVersion": {Code: "NoSuchEntity", Status: 404, Message: "Policy " + ro + " version v1 does not exist or is not attachable."},
	}
	if diff := gocmp.Diff(wantErrors, got.Errors); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}
