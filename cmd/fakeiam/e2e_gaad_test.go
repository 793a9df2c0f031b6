package main

// End-to-end for GetAccountAuthorizationDetails (docs/contract.md,
// "Account authorization details"): the AWS CLI (which pages by itself)
// and boto3 (its paginator, and Marker by hand) read a seeded account's
// users with inline and attached policies, groups, a role and a policy
// with two versions, documents decoded by botocore from IAM's URL-encoded
// form (a %3A inside a value kept: decoded once).

import (
	"context"
	"encoding/json"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	gocmp "github.com/google/go-cmp/cmp"
)

// gaadE2E starts the command with users Ann (an inline policy, group ops,
// policy ReadOnly attached, two tags) and Bob (nothing), group ops (an
// inline policy, ReadOnly attached), role deployer, and policy ReadOnly
// with two versions, v2 the default.
func gaadE2E(t *testing.T) *server {
	dir := writeFiles(t, map[string]string{"seed.json": `{
  "users": [
    {"name": "Ann", "tags": [{"key": "team", "value": "ops"}, {"key": "cost", "value": "42"}],
     "inlinePolicies": [{"name": "tags", "document": ` + inlineDoc + `}]},
    {"name": "Bob"}],
  "groups": [{"name": "ops", "members": ["Ann"],
    "inlinePolicies": [{"name": "deny", "document": {"Statement": {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}}}]}],
  "roles": [{"name": "deployer"}],
  "managedPolicies": [{"name": "ReadOnly", "path": "/ops/", "document": ` + jsonString(e2eDocList) + `,
    "versions": [` + jsonString(e2eDocPut) + `], "users": ["Ann"], "groups": ["ops"]}]}`})
	return start(t, "-quiet", "-seed", filepath.Join(dir, "seed.json"))
}

// Shapes of the answer as the CLI and boto3 print it (what the tests
// compare: dates and ids are checked in fakeiam's own tests).
type (
	namedDoc struct {
		PolicyName     string
		PolicyDocument any
	}
	attachedRef struct{ PolicyName, PolicyArn string }
	keyValue    struct{ Key, Value string }
	detailsOut  struct {
		UserDetailList []struct {
			UserName, Path          string
			UserPolicyList          []namedDoc
			GroupList               []string
			AttachedManagedPolicies []attachedRef
			Tags                    []keyValue
		}
		GroupDetailList []struct {
			GroupName               string
			GroupPolicyList         []namedDoc
			AttachedManagedPolicies []attachedRef
		}
		RoleDetailList []struct {
			RoleName, Arn           string
			RolePolicyList          []namedDoc
			AttachedManagedPolicies []attachedRef
			InstanceProfileList     []any
			Tags                    []keyValue
			RoleLastUsed            map[string]any
		}
		Policies []struct {
			PolicyName, Arn, DefaultVersionId string
			AttachmentCount                   int
			PolicyVersionList                 []struct {
				VersionId        string
				IsDefaultVersion bool
				Document         any
			}
		}
	}
)

// wantDetails is the whole seeded account as both clients show it:
// documents as JSON values, Bob without UserPolicyList (IAM leaves an
// empty one out), every other list present.
func wantDetails(t *testing.T) detailsOut {
	var want detailsOut
	readOnly := attachedRef{"ReadOnly", "arn:aws:iam::123456789012:policy/ops/ReadOnly"}
	raw := `{
  "UserDetailList": [
    {"UserName": "Ann", "Path": "/", "UserPolicyList": [{"PolicyName": "tags", "PolicyDocument": ` + inlineDoc + `}],
     "GroupList": ["ops"], "AttachedManagedPolicies": [{"PolicyName": "ReadOnly", "PolicyArn": "` + readOnly.PolicyArn + `"}],
     "Tags": [{"Key": "team", "Value": "ops"}, {"Key": "cost", "Value": "42"}]},
    {"UserName": "Bob", "Path": "/", "GroupList": [], "AttachedManagedPolicies": [], "Tags": []}],
  "GroupDetailList": [
    {"GroupName": "ops", "GroupPolicyList": [{"PolicyName": "deny", "PolicyDocument": {"Statement": {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}}}],
     "AttachedManagedPolicies": [{"PolicyName": "ReadOnly", "PolicyArn": "` + readOnly.PolicyArn + `"}]}],
  "RoleDetailList": [
    {"RoleName": "deployer", "Arn": "arn:aws:iam::123456789012:role/deployer", "RolePolicyList": [], "AttachedManagedPolicies": [],
     "InstanceProfileList": [], "Tags": [], "RoleLastUsed": {}}],
  "Policies": [
    {"PolicyName": "ReadOnly", "Arn": "` + readOnly.PolicyArn + `", "DefaultVersionId": "v2", "AttachmentCount": 2,
     "PolicyVersionList": [{"VersionId": "v2", "IsDefaultVersion": true, "Document": ` + e2eDocPut + `},
                           {"VersionId": "v1", "IsDefaultVersion": false, "Document": ` + e2eDocList + `}]}]}`
	if err := json.Unmarshal([]byte(raw), &want); err != nil {
		t.Fatal(err)
	}
	return want
}

func TestAWSCLIAccountAuthorizationDetails(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	s := gaadE2E(t)
	root := s.clientEnv(t, s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"])

	// --page-size 2: the CLI asks for pages of two items (users, groups,
	// roles and policies alike) and follows IAM's markers to the end.
	var all detailsOut
	cli(t, aws, root, &all, "get-account-authorization-details", "--page-size", "2")
	if diff := gocmp.Diff(wantDetails(t), all); diff != "" {
		t.Errorf("get-account-authorization-details --page-size 2 (-want +got):\n%s", diff)
	}
	var filtered detailsOut
	cli(t, aws, root, &filtered, "get-account-authorization-details", "--filter", "Role", "LocalManagedPolicy", "--page-size", "1")
	want := wantDetails(t)
	want.UserDetailList, want.GroupDetailList = all.UserDetailList[:0], all.GroupDetailList[:0]
	if diff := gocmp.Diff(want, filtered); diff != "" {
		t.Errorf("get-account-authorization-details --filter Role LocalManagedPolicy (-want +got):\n%s", diff)
	}
	cliRefuses(t, aws, root, "An error occurred (ValidationError) when calling the GetAccountAuthorizationDetails operation: Invalid Marker.",
		"get-account-authorization-details", "--starting-token", "garbage")

	// The Go SDK hands the caller the document as IAM sent it, URL-encoded.
	out, err := s.client().GetAccountAuthorizationDetails(context.Background(), &iam.GetAccountAuthorizationDetailsInput{})
	if err != nil {
		t.Fatal(err)
	}
	if got := *out.UserDetailList[0].UserPolicyList[0].PolicyDocument; got != strings.ReplaceAll(url.QueryEscape(inlineDoc), "+", "%20") {
		t.Errorf("the Go SDK's UserPolicyList document: %q, want it URL-encoded", got)
	}
}

// boto3DetailsScript reads the account through botocore's paginator, pages
// of two, and by hand, a page of one and its Marker. It prints what it saw
// as JSON.
const boto3DetailsScript = `
import json
import boto3

iam = boto3.client("iam")
sizes = []
for page in iam.get_paginator("get_account_authorization_details").paginate(PaginationConfig={"PageSize": 2}):
    sizes.append(sum(len(page[k]) for k in ("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies")))
full = iam.get_paginator("get_account_authorization_details").paginate(PaginationConfig={"PageSize": 2}).build_full_result()
first = iam.get_account_authorization_details(Filter=["User"], MaxItems=1)
second = iam.get_account_authorization_details(Filter=["User"], MaxItems=1, Marker=first["Marker"])
print(json.dumps({"full": full, "sizes": sizes, "byHand": [
    [u["UserName"] for u in first["UserDetailList"]], first["IsTruncated"],
    [u["UserName"] for u in second["UserDetailList"]], second["IsTruncated"], "Marker" in second]}, default=str))
`

func TestBoto3AccountAuthorizationDetails(t *testing.T) {
	t.Parallel()
	python := boto3Python(t)
	s := gaadE2E(t)
	var got struct {
		Full   detailsOut
		Sizes  []int
		ByHand []any
	}
	s.boto3Run(t, python, boto3DetailsScript, &got)
	if diff := gocmp.Diff(wantDetails(t), got.Full); diff != "" {
		t.Errorf("the paginator's full result (-want +got):\n%s", diff)
	}
	// Two users, a group, a role and a policy: pages of two, two, one.
	if diff := gocmp.Diff([]int{2, 2, 1}, got.Sizes); diff != "" {
		t.Errorf("items per page (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff([]any{[]any{"Ann"}, true, []any{"Bob"}, false, false}, got.ByHand); diff != "" {
		t.Errorf("MaxItems 1, then its Marker (-want +got):\n%s", diff)
	}
}
