package main

// End-to-end for customer managed policies and their attachments
// (docs/contract.md, "Managed policies"): the AWS CLI and boto3 (its
// list_policies, list_policy_versions, list_attached_user_policies,
// list_attached_group_policies and list_entities_for_policy paginators)
// against the command, every operation, the refusals they meet. Both
// decode the URL-encoded documents IAM answers: a document must come back
// as the JSON it was.

import (
	"encoding/json"
	"fmt"
	"regexp"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

// Two documents: the second with white space and line breaks, which must
// survive the round trip.
const (
	e2eDocList = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}`
	e2eDocPut  = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": {\"Sid\": \"Put it\", \"Effect\": \"Allow\", \"Action\": \"s3:PutObject\", \"Resource\": \"arn:aws:s3:::b/*\"}\n}"
)

var policyIDShape = regexp.MustCompile(`^ANPA[A-Z2-7]{17}$`)

type (
	policyOutput struct {
		PolicyName, PolicyId, Arn, Path, DefaultVersionId, Description string
		AttachmentCount, PermissionsBoundaryUsageCount                 int
		IsAttachable                                                   bool
		Tags                                                           []struct{ Key, Value string }
	}
	policyOut   struct{ Policy policyOutput }
	policiesOut struct {
		Policies    []policyOutput
		IsTruncated bool
	}
	versionOutput struct {
		VersionId        string
		IsDefaultVersion bool
		Document         any
	}
	versionOut  struct{ PolicyVersion versionOutput }
	versionsOut struct{ Versions []versionOutput }
	attachedOut struct {
		AttachedPolicies []struct{ PolicyName, PolicyArn string }
	}
	entitiesOut struct {
		PolicyGroups []struct{ GroupName string }
		PolicyUsers  []struct{ UserName string }
		PolicyRoles  []any
	}
)

// jsonOf is a document as a decoded JSON value, to compare with what a
// client decoded.
func jsonOf(t *testing.T, doc string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestAWSCLIManagedPolicies(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	s := start(t, "-quiet")
	root := s.clientEnv(t, s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"])
	cli(t, aws, root, new(any), "create-user", "--user-name", "Ann")
	cli(t, aws, root, new(any), "create-group", "--group-name", "ops")

	var created policyOut
	cli(t, aws, root, &created, "create-policy", "--policy-name", "ReadOnly", "--path", "/ops/", "--policy-document", e2eDocList,
		"--description", "reads", "--tags", "Key=team,Value=ops")
	arn := "arn:aws:iam::123456789012:policy/ops/ReadOnly"
	if p := created.Policy; p.Arn != arn || p.Path != "/ops/" || !policyIDShape.MatchString(p.PolicyId) || p.DefaultVersionId != "v1" || !p.IsAttachable ||
		p.Description != "" || len(p.Tags) != 1 {
		t.Errorf("create-policy: %+v", p)
	}
	var got policyOut
	cli(t, aws, root, &got, "get-policy", "--policy-arn", arn)
	if p := got.Policy; p.PolicyId != created.Policy.PolicyId || p.Description != "reads" || len(p.Tags) != 1 || p.Tags[0].Key != "team" {
		t.Errorf("get-policy: %+v", p)
	}

	// Versions: the documents come back as the JSON they were.
	var v versionOut
	cli(t, aws, root, &v, "create-policy-version", "--policy-arn", arn, "--policy-document", e2eDocPut, "--set-as-default")
	if v.PolicyVersion.VersionId != "v2" || !v.PolicyVersion.IsDefaultVersion || v.PolicyVersion.Document != nil {
		t.Errorf("create-policy-version: %+v", v)
	}
	for _, tc := range []struct{ id, doc string }{{"v1", e2eDocList}, {"v2", e2eDocPut}} {
		cli(t, aws, root, &v, "get-policy-version", "--policy-arn", arn, "--version-id", tc.id)
		if diff := gocmp.Diff(jsonOf(t, tc.doc), v.PolicyVersion.Document); diff != "" {
			t.Errorf("get-policy-version %s: the document (-want +got):\n%s", tc.id, diff)
		}
	}
	var versions versionsOut
	cli(t, aws, root, &versions, "list-policy-versions", "--policy-arn", arn, "--page-size", "1")
	if len(versions.Versions) != 2 || versions.Versions[0].VersionId != "v2" || !versions.Versions[0].IsDefaultVersion {
		t.Errorf("list-policy-versions: %+v", versions)
	}
	cli(t, aws, root, nil, "set-default-policy-version", "--policy-arn", arn, "--version-id", "v1")
	cli(t, aws, root, nil, "delete-policy-version", "--policy-arn", arn, "--version-id", "v2")

	for _, n := range []string{"Zeta", "alpha"} {
		cli(t, aws, root, new(any), "create-policy", "--policy-name", n, "--policy-document", e2eDocList)
	}
	var policies policiesOut
	cli(t, aws, root, &policies, "list-policies", "--scope", "Local", "--page-size", "1")
	var names []string
	for _, p := range policies.Policies {
		names = append(names, p.PolicyName)
	}
	if diff := gocmp.Diff([]string{"alpha", "ReadOnly", "Zeta"}, names); diff != "" {
		t.Errorf("list-policies --page-size 1 (-want +got):\n%s", diff)
	}
	if pages := s.calls(t, "ListPolicies"); len(pages) != 3 || pages[2].Input["marker"] == nil {
		t.Errorf("the CLI's ListPolicies requests: %+v; want three pages, following Marker", pages)
	}

	// Attachments.
	alpha := "arn:aws:iam::123456789012:policy/alpha"
	cli(t, aws, root, nil, "attach-user-policy", "--user-name", "Ann", "--policy-arn", arn)
	cli(t, aws, root, nil, "attach-user-policy", "--user-name", "Ann", "--policy-arn", alpha)
	cli(t, aws, root, nil, "attach-group-policy", "--group-name", "ops", "--policy-arn", arn)
	var attached attachedOut
	cli(t, aws, root, &attached, "list-attached-user-policies", "--user-name", "Ann", "--page-size", "1")
	if len(attached.AttachedPolicies) != 2 || attached.AttachedPolicies[0].PolicyArn != alpha || attached.AttachedPolicies[1].PolicyArn != arn {
		t.Errorf("list-attached-user-policies: %+v", attached)
	}
	cli(t, aws, root, &attached, "list-attached-group-policies", "--group-name", "ops")
	if len(attached.AttachedPolicies) != 1 || attached.AttachedPolicies[0].PolicyName != "ReadOnly" {
		t.Errorf("list-attached-group-policies: %+v", attached)
	}
	var entities entitiesOut
	cli(t, aws, root, &entities, "list-entities-for-policy", "--policy-arn", arn)
	if len(entities.PolicyGroups) != 1 || entities.PolicyGroups[0].GroupName != "ops" || len(entities.PolicyUsers) != 1 || entities.PolicyUsers[0].UserName != "Ann" ||
		len(entities.PolicyRoles) != 0 {
		t.Errorf("list-entities-for-policy: %+v", entities)
	}
	cli(t, aws, root, &policies, "list-policies", "--only-attached")
	if len(policies.Policies) != 2 || policies.Policies[1].AttachmentCount != 2 {
		t.Errorf("list-policies --only-attached: %+v", policies)
	}

	t.Run("errors", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			args []string
			line string
		}{
			{"DeletePolicy attached", []string{"delete-policy", "--policy-arn", arn},
				"An error occurred (DeleteConflict) when calling the DeletePolicy operation: Cannot delete a policy attached to entities."},
			{"DeleteUser attached", []string{"delete-user", "--user-name", "Ann"},
				"An error occurred (DeleteConflict) when calling the DeleteUser operation: Cannot delete entity, must detach all policies first."},
			{"CreatePolicy taken", []string{"create-policy", "--policy-name", "readonly", "--policy-document", e2eDocList},
				"An error occurred (EntityAlreadyExists) when calling the CreatePolicy operation: A policy called readonly already exists. Duplicate names are not allowed."},
			{"CreatePolicy malformed", []string{"create-policy", "--policy-name", "bad", "--policy-document", `{"Statement":[]}`},
				"An error occurred (MalformedPolicyDocument) when calling the CreatePolicy operation: Syntax errors in policy."},
			{"GetPolicy missing", []string{"get-policy", "--policy-arn", "arn:aws:iam::123456789012:policy/nope"},
				"An error occurred (NoSuchEntity) when calling the GetPolicy operation: Policy arn:aws:iam::123456789012:policy/nope was not found."},
			{"AttachUserPolicy missing", []string{"attach-user-policy", "--user-name", "Ann", "--policy-arn", "arn:aws:iam::123456789012:policy/nope"},
				"An error occurred (NoSuchEntity) when calling the AttachUserPolicy operation: Policy arn:aws:iam::123456789012:policy/nope does not exist or is not attachable."},
			{"DetachGroupPolicy not attached", []string{"detach-group-policy", "--group-name", "ops", "--policy-arn", alpha},
				"An error occurred (NoSuchEntity) when calling the DetachGroupPolicy operation: Policy arn:aws:iam::123456789012:policy/alpha was not found."},
			{"GetPolicyVersion missing", []string{"get-policy-version", "--policy-arn", arn, "--version-id", "v9"},
				"An error occurred (NoSuchEntity) when calling the GetPolicyVersion operation: Policy " + arn + " version v9 does not exist or is not attachable."},
			{"DeletePolicyVersion default", []string{"delete-policy-version", "--policy-arn", arn, "--version-id", "v1"},
				"An error occurred (DeleteConflict) when calling the DeletePolicyVersion operation: Cannot delete the default version of a policy."},
		} {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				cliRefuses(t, aws, root, tc.line, tc.args...)
			})
		}
	})

	cli(t, aws, root, nil, "detach-user-policy", "--user-name", "Ann", "--policy-arn", arn)
	cli(t, aws, root, nil, "detach-user-policy", "--user-name", "Ann", "--policy-arn", alpha)
	cli(t, aws, root, nil, "detach-group-policy", "--group-name", "ops", "--policy-arn", arn)
	for _, p := range []string{arn, alpha, "arn:aws:iam::123456789012:policy/Zeta"} {
		cli(t, aws, root, nil, "delete-policy", "--policy-arn", p)
	}
	cli(t, aws, root, nil, "delete-user", "--user-name", "Ann")
	cli(t, aws, root, nil, "delete-group", "--group-name", "ops")
	cli(t, aws, root, &policies, "list-policies", "--scope", "Local")
	if len(policies.Policies) != 0 || policies.IsTruncated {
		t.Errorf("list-policies at the end: %+v", policies)
	}
}

// boto3PoliciesScript: the managed-policy workflow in boto3, its
// paginators at small page sizes. It prints what it saw as JSON.
const boto3PoliciesScript = `
import json
import boto3
from botocore.exceptions import ClientError

iam = boto3.client("iam")

DOC_LIST = %s
DOC_PUT = %s
users = ["u%%02d" %% i for i in range(3)]
for u in users:
    iam.create_user(UserName=u)
iam.create_group(GroupName="g1")
p = iam.create_policy(PolicyName="Main", Path="/x/", PolicyDocument=DOC_LIST, Description="main")["Policy"]
arn = p["Arn"]
out = {"created": {k: p[k] for k in ("PolicyName", "Arn", "Path", "DefaultVersionId", "AttachmentCount", "IsAttachable")}}
out["got"] = {k: v for k, v in iam.get_policy(PolicyArn=arn)["Policy"].items() if k in ("Description", "Tags")}
for name in ("b2", "A1", "c3"):
    iam.create_policy(PolicyName=name, PolicyDocument=DOC_LIST)
iam.create_policy_version(PolicyArn=arn, PolicyDocument=DOC_PUT, SetAsDefault=False)
iam.create_policy_version(PolicyArn=arn, PolicyDocument=DOC_PUT, SetAsDefault=True)
iam.set_default_policy_version(PolicyArn=arn, VersionId="v2")
iam.delete_policy_version(PolicyArn=arn, VersionId="v3")
out["document"] = iam.get_policy_version(PolicyArn=arn, VersionId="v2")["PolicyVersion"]["Document"]
out["versionsPages"] = [[[v["VersionId"], v["IsDefaultVersion"]] for v in page["Versions"]]
                        for page in iam.get_paginator("list_policy_versions").paginate(PolicyArn=arn, PaginationConfig={"PageSize": 1})]
out["policiesPages"] = [[q["PolicyName"] for q in page["Policies"]]
                        for page in iam.get_paginator("list_policies").paginate(Scope="Local", PaginationConfig={"PageSize": 3})]
for u in users:
    iam.attach_user_policy(UserName=u, PolicyArn=arn)
iam.attach_group_policy(GroupName="g1", PolicyArn=arn)
for name in ("b2", "A1"):
    iam.attach_user_policy(UserName="u00", PolicyArn=iam.get_policy(PolicyArn=arn.replace("/x/Main", "/" + name))["Policy"]["Arn"])
out["attachedPages"] = [[q["PolicyName"] for q in page["AttachedPolicies"]]
                        for page in iam.get_paginator("list_attached_user_policies").paginate(UserName="u00", PaginationConfig={"PageSize": 2})]
out["groupAttached"] = [[q["PolicyName"] for q in page["AttachedPolicies"]]
                        for page in iam.get_paginator("list_attached_group_policies").paginate(GroupName="g1")]
out["entitiesPages"] = [[[g["GroupName"] for g in page["PolicyGroups"]], [u["UserName"] for u in page["PolicyUsers"]], page["PolicyRoles"]]
                        for page in iam.get_paginator("list_entities_for_policy").paginate(PolicyArn=arn, PaginationConfig={"PageSize": 2})]
out["count"] = iam.get_policy(PolicyArn=arn)["Policy"]["AttachmentCount"]
out["errors"] = {
    "DeletePolicy": error(iam.delete_policy, PolicyArn=arn),
    "DeleteGroup": error(iam.delete_group, GroupName="g1"),
    "CreatePolicyVersion": error(iam.create_policy_version, PolicyArn=arn, PolicyDocument='{"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}'),
    "SetDefaultPolicyVersion": error(iam.set_default_policy_version, PolicyArn=arn, VersionId="v3"),
    "ListEntitiesForPolicy": error(iam.list_entities_for_policy, PolicyArn=arn + "x"),
    "DetachUserPolicy": error(iam.detach_user_policy, UserName="u01", PolicyArn=arn.replace("/x/Main", "/c3")),
}
for u in users:
    iam.detach_user_policy(UserName=u, PolicyArn=arn)
iam.detach_group_policy(GroupName="g1", PolicyArn=arn)
for name in ("b2", "A1"):
    iam.detach_user_policy(UserName="u00", PolicyArn=arn.replace("/x/Main", "/" + name))
out["deleteWithVersions"] = error(iam.delete_policy, PolicyArn=arn)
iam.delete_policy_version(PolicyArn=arn, VersionId="v1")
for q in [arn] + [arn.replace("/x/Main", "/" + n) for n in ("b2", "A1", "c3")]:
    iam.delete_policy(PolicyArn=q)
for u in users:
    iam.delete_user(UserName=u)
iam.delete_group(GroupName="g1")
out["left"] = iam.list_policies(Scope="Local")["Policies"]
print(json.dumps(out))
`

func TestBoto3ManagedPolicies(t *testing.T) {
	t.Parallel()
	python := boto3Python(t)
	s := start(t, "-quiet")
	quoted := func(doc string) string {
		b, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	var got struct {
		Created            map[string]any
		Got                map[string]any
		Document           any
		VersionsPages      [][][]any
		PoliciesPages      [][]string
		AttachedPages      [][]string
		GroupAttached      [][]string
		EntitiesPages      [][][]any
		Count              int
		Errors             map[string]*boto3Error
		DeleteWithVersions *boto3Error
		Left               []any
	}
	s.boto3Run(t, python, fmt.Sprintf(boto3PoliciesScript, quoted(e2eDocList), quoted(e2eDocPut)), &got)
	arn := "arn:aws:iam::123456789012:policy/x/Main"
	for _, tc := range []struct {
		name      string
		want, got any
	}{
		{"create_policy", map[string]any{"PolicyName": "Main", "Arn": arn, "Path": "/x/", "DefaultVersionId": "v1", "AttachmentCount": 0.0, "IsAttachable": true}, got.Created},
		{"get_policy: description, empty tags", map[string]any{"Description": "main", "Tags": []any{}}, got.Got},
		{"get_policy_version: the document decoded", jsonOf(t, e2eDocPut), got.Document},
		{"list_policy_versions paginator, PageSize 1", [][][]any{{{"v2", true}}, {{"v1", false}}}, got.VersionsPages},
		{"list_policies paginator, PageSize 3", [][]string{{"A1", "b2", "c3"}, {"Main"}}, got.PoliciesPages},
		{"list_attached_user_policies paginator, PageSize 2", [][]string{{"A1", "b2"}, {"Main"}}, got.AttachedPages},
		{"list_attached_group_policies paginator", [][]string{{"Main"}}, got.GroupAttached},
		{"list_entities_for_policy paginator, PageSize 2", [][][]any{{{"g1"}, {"u00"}, {}}, {{}, {"u01", "u02"}, {}}}, got.EntitiesPages},
		{"AttachmentCount", 4, got.Count},
		{"list_policies at the end", []any{}, got.Left},
	} {
		if diff := gocmp.Diff(tc.want, tc.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
	wantErrors := map[string]*boto3Error{
		"DeletePolicy":            {Code: "DeleteConflict", Status: 409, Message: "Cannot delete a policy attached to entities."},
		"DeleteGroup":             {Code: "DeleteConflict", Status: 409, Message: "Cannot delete entity, must detach all policies first."},
		"CreatePolicyVersion":     {Code: "MalformedPolicyDocument", Status: 400, Message: "Policy document must be version 2012-10-17 or greater."},
		"SetDefaultPolicyVersion": {Code: "NoSuchEntity", Status: 404, Message: "Policy " + arn + " version v3 does not exist or is not attachable."},
		"ListEntitiesForPolicy":   {Code: "NoSuchEntity", Status: 404, Message: "Policy " + arn + "x does not exist or is not attachable."},
		"DetachUserPolicy":        {Code: "NoSuchEntity", Status: 404, Message: "Policy arn:aws:iam::123456789012:policy/c3 was not found."},
	}
	if diff := gocmp.Diff(wantErrors, got.Errors); diff != "" {
		t.Errorf("ClientErrors (-want +got):\n%s", diff)
	}
	wantVersions := &boto3Error{Code: "DeleteConflict", Status: 409,
		Message: "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy."}
	if diff := gocmp.Diff(wantVersions, got.DeleteWithVersions); diff != "" {
		t.Errorf("delete_policy with versions (-want +got):\n%s", diff)
	}
}
