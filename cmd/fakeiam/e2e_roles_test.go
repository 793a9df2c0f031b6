package main

// End-to-end for roles (docs/contract.md, "Roles"): the AWS CLI and boto3
// (its list_roles and list_role_tags paginators) against the command,
// every role operation, the refusals they meet on the way, and a seeded
// role's last use.

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

// The trust policies of the workflows, and the seed that gives role
// deployer a key to sign with.
const (
	e2eTrustEC2    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	e2eTrustLambda = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	e2eRolesSeed   = `{"roles": [{"name": "deployer", "description": "deploys",
  "accessKeys": [{"id": "ASIADEPLOYERE2E00001", "secret": "deployer-secret"}]}]}`
)

type (
	// roleOutput is a role as the CLI prints it: the trust policy decoded
	// into JSON (botocore decodes IAM's URL-encoded documents).
	roleOutput struct {
		Path, RoleName, RoleId, Arn, Description string
		AssumeRolePolicyDocument                 map[string]any
		MaxSessionDuration                       int
		Tags                                     []struct{ Key, Value string }
		RoleLastUsed                             *struct{ LastUsedDate, Region string }
	}
	roleOut  struct{ Role roleOutput }
	rolesOut struct {
		Roles       []roleOutput
		IsTruncated bool
	}
	roleTagsOut struct {
		Tags        []struct{ Key, Value string }
		IsTruncated bool
	}
)

var roleIDShape = regexp.MustCompile(`^AROA[A-Z2-7]{17}$`)

func roleNames(roles []roleOutput) []string {
	names := []string{}
	for _, r := range roles {
		names = append(names, r.Path+r.RoleName)
	}
	return names
}

// decoded is doc as botocore hands it over: parsed JSON.
func decoded(t *testing.T, doc string) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestAWSCLIRoles(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	dir := writeFiles(t, map[string]string{"seed.json": e2eRolesSeed, "trust.json": e2eTrustEC2, "lambda.json": e2eTrustLambda})
	s := start(t, "-quiet", "-seed", filepath.Join(dir, "seed.json"))
	root := s.clientEnv(t, s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"])

	var web roleOut
	cli(t, aws, root, &web, "create-role", "--role-name", "web", "--path", "/app/", "--description", "serves",
		"--max-session-duration", "7200", "--assume-role-policy-document", "file://"+filepath.Join(dir, "trust.json"),
		"--tags", "Key=team,Value=web")
	if r := web.Role; r.Arn != "arn:aws:iam::123456789012:role/app/web" || !roleIDShape.MatchString(r.RoleId) || r.Description != "" ||
		r.MaxSessionDuration != 0 || len(r.Tags) != 1 || !gocmp.Equal(decoded(t, e2eTrustEC2), r.AssumeRolePolicyDocument) {
		t.Errorf("create-role: %+v", r)
	}
	for _, name := range []string{"api", "Batch"} {
		var created roleOut
		cli(t, aws, root, &created, "create-role", "--role-name", name, "--assume-role-policy-document", e2eTrustLambda)
	}

	var got roleOut
	cli(t, aws, root, &got, "get-role", "--role-name", "WEB")
	if r := got.Role; r.RoleId != web.Role.RoleId || r.Description != "serves" || r.MaxSessionDuration != 7200 || r.RoleLastUsed == nil ||
		r.RoleLastUsed.Region != "" || len(r.Tags) != 1 {
		t.Errorf("get-role: %+v", r)
	}

	// The CLI pages each list itself, following Marker.
	var roles rolesOut
	cli(t, aws, root, &roles, "list-roles", "--page-size", "1")
	if diff := gocmp.Diff([]string{"/api", "/Batch", "/deployer", "/app/web"}, roleNames(roles.Roles)); diff != "" {
		t.Fatalf("list-roles --page-size 1 (-want +got):\n%s", diff)
	}
	if r := roles.Roles[3]; r.Tags != nil || r.RoleLastUsed != nil || r.MaxSessionDuration != 7200 || r.Description != "serves" {
		t.Errorf("list-roles shows %+v; want no tags, no last use, its session duration and description", r)
	}
	cli(t, aws, root, &roles, "list-roles", "--path-prefix", "/app/")
	if diff := gocmp.Diff([]string{"/app/web"}, roleNames(roles.Roles)); diff != "" {
		t.Errorf("list-roles --path-prefix /app/ (-want +got):\n%s", diff)
	}

	cli(t, aws, root, nil, "update-role", "--role-name", "web", "--max-session-duration", "3600")
	var described roleOut
	cli(t, aws, root, &described, "update-role-description", "--role-name", "web", "--description", "renewed")
	if r := described.Role; r.Description != "renewed" || r.MaxSessionDuration != 0 {
		t.Errorf("update-role-description: %+v", r)
	}
	cli(t, aws, root, nil, "update-assume-role-policy", "--role-name", "web", "--policy-document", "file://"+filepath.Join(dir, "lambda.json"))
	var updated roleOut
	cli(t, aws, root, &updated, "get-role", "--role-name", "web")
	if r := updated.Role; r.Description != "renewed" || r.MaxSessionDuration != 3600 || !gocmp.Equal(decoded(t, e2eTrustLambda), r.AssumeRolePolicyDocument) {
		t.Errorf("get-role after the updates: %+v", r)
	}

	cli(t, aws, root, nil, "tag-role", "--role-name", "web", "--tags", "Key=b,Value=2", "Key=a,Value=1", "Key=TEAM,Value=ops")
	var tags roleTagsOut
	cli(t, aws, root, &tags, "list-role-tags", "--role-name", "web", "--max-items", "1")
	if len(tags.Tags) != 1 || tags.Tags[0].Key != "a" {
		t.Errorf("list-role-tags --max-items 1: %+v", tags)
	}
	cli(t, aws, root, nil, "untag-role", "--role-name", "web", "--tag-keys", "A", "b")
	cli(t, aws, root, &tags, "list-role-tags", "--role-name", "web")
	if diff := gocmp.Diff(roleTagsOut{Tags: []struct{ Key, Value string }{{"team", "ops"}}}, tags); diff != "" {
		t.Errorf("list-role-tags after untag-role (-want +got):\n%s", diff)
	}

	// The seeded role signs; its last use shows in get-role.
	deployer := s.clientEnv(t, "ASIADEPLOYERE2E00001", "deployer-secret")
	var users struct{ Users []any }
	cli(t, aws, deployer, &users, "list-users")
	var used roleOut
	cli(t, aws, root, &used, "get-role", "--role-name", "deployer")
	if r := used.Role; r.Description != "deploys" || r.RoleLastUsed == nil || r.RoleLastUsed.Region != "us-east-1" || r.RoleLastUsed.LastUsedDate == "" {
		t.Errorf("get-role of the seeded role after its call: %+v", r)
	}

	t.Run("errors", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			args []string
			line string
		}{
			{"EntityAlreadyExists", []string{"create-role", "--role-name", "API", "--assume-role-policy-document", e2eTrustEC2},
				"An error occurred (EntityAlreadyExists) when calling the CreateRole operation: Role with name API already exists."},
			{"MalformedPolicyDocument JSON", []string{"create-role", "--role-name", "x", "--assume-role-policy-document", "not valid json"},
				"An error occurred (MalformedPolicyDocument) when calling the CreateRole operation: This policy contains invalid Json"},
			{"MalformedPolicyDocument Resource", []string{"update-assume-role-policy", "--role-name", "api", "--policy-document",
				`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}`},
				"An error occurred (MalformedPolicyDocument) when calling the UpdateAssumeRolePolicy operation: Has prohibited field Resource"},
			{"NoSuchEntity", []string{"get-role", "--role-name", "nope"},
				"An error occurred (NoSuchEntity) when calling the GetRole operation: The role with name nope cannot be found."},
			{"NoSuchEntity UpdateRole", []string{"update-role", "--role-name", "nope", "--description", "x"},
				"An error occurred (NoSuchEntity) when calling the UpdateRole operation: The role with name nope cannot be found."},
			{"ValidationError", []string{"get-role", "--role-name", "a role"},
				`An error occurred (ValidationError) when calling the GetRole operation: 1 validation error detected: Value at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+`},
		} {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				cliRefuses(t, aws, root, tc.line, tc.args...)
			})
		}
	})

	for _, name := range []string{"web", "api", "Batch", "deployer"} {
		cli(t, aws, root, nil, "delete-role", "--role-name", name)
	}
	cli(t, aws, root, &roles, "list-roles")
	if len(roles.Roles) != 0 || roles.IsTruncated {
		t.Errorf("list-roles at the end: %+v", roles)
	}
	cliRefuses(t, aws, deployer, "An error occurred (InvalidClientTokenId) when calling the ListUsers operation: The security token included in the request is invalid.", "list-users")
}

// boto3RolesScript: the roles workflow in boto3, its paginators at small
// page sizes. It prints what it saw as JSON.
const boto3RolesScript = `
import json
import boto3
from botocore.exceptions import ClientError

iam = boto3.client("iam")
trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}

created = iam.create_role(RoleName="web", Path="/app/", AssumeRolePolicyDocument=json.dumps(trust),
                          Description="serves", Tags=[{"Key": "team", "Value": "web"}])["Role"]
out = {"created": {k: created[k] for k in ("Path", "RoleName", "Arn", "AssumeRolePolicyDocument", "Tags")},
       "createdKeys": sorted(created.keys())}
for name in ("r1", "R2", "r3", "r4"):
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust))
got = iam.get_role(RoleName="web")["Role"]
out["gotKeys"] = sorted(got.keys())
out["got"] = {"Description": got["Description"], "MaxSessionDuration": got["MaxSessionDuration"], "RoleLastUsed": got["RoleLastUsed"]}
out["listRolesPages"] = [[r["RoleName"] for r in page["Roles"]]
                         for page in iam.get_paginator("list_roles").paginate(PaginationConfig={"PageSize": 2})]
out["listedKeys"] = sorted(iam.list_roles(PathPrefix="/app/")["Roles"][0].keys())
iam.update_role(RoleName="web", Description="renewed", MaxSessionDuration=43200)
described = iam.update_role_description(RoleName="web", Description="again")["Role"]
out["describedKeys"] = sorted(described.keys())
iam.update_assume_role_policy(RoleName="web", PolicyDocument=json.dumps({"Statement": {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}}))
got = iam.get_role(RoleName="web")["Role"]
out["updated"] = {"Description": got["Description"], "MaxSessionDuration": got["MaxSessionDuration"], "AssumeRolePolicyDocument": got["AssumeRolePolicyDocument"]}
iam.tag_role(RoleName="web", Tags=[{"Key": "k%d" % i, "Value": "v"} for i in range(5)])
out["tagPages"] = [[t["Key"] for t in page["Tags"]]
                   for page in iam.get_paginator("list_role_tags").paginate(RoleName="web", PaginationConfig={"PageSize": 4})]
iam.untag_role(RoleName="web", TagKeys=["K0", "k1", "TEAM"])
out["tagsLeft"] = [t["Key"] for t in iam.list_role_tags(RoleName="web")["Tags"]]
out["errors"] = {
    "CreateRole": error(iam.create_role, RoleName="WEB", AssumeRolePolicyDocument=json.dumps(trust)),
    "CreateRoleTrust": error(iam.create_role, RoleName="x", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:InvalidAction"}]})),
    "GetRole": error(iam.get_role, RoleName="nope"),
    "TagRole": error(iam.tag_role, RoleName="web", Tags=[{"Key": "dupkey", "Value": "1"}, {"Key": "DupKey", "Value": "2"}]),
    "DeleteRole": error(iam.delete_role, RoleName="nope"),
}
for name in ("web", "r1", "R2", "r3", "r4"):
    iam.delete_role(RoleName=name)
out["left"] = iam.list_roles()["Roles"]
print(json.dumps(out))
`

func TestBoto3Roles(t *testing.T) {
	t.Parallel()
	python := boto3Python(t)
	s := start(t, "-quiet")
	var got struct {
		Created                                         map[string]any
		CreatedKeys, GotKeys, ListedKeys, DescribedKeys []string
		Got, Updated                                    map[string]any
		ListRolesPages, TagPages                        [][]string
		TagsLeft                                        []string
		Errors                                          map[string]*boto3Error
		Left                                            []any
	}
	s.boto3Run(t, python, boto3RolesScript, &got)
	trust := map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{"Effect": "Allow",
		"Principal": map[string]any{"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}}}
	for _, tc := range []struct {
		name      string
		want, got any
	}{
		{"create_role", map[string]any{"Path": "/app/", "RoleName": "web", "Arn": "arn:aws:iam::123456789012:role/app/web",
			"AssumeRolePolicyDocument": trust, "Tags": []any{map[string]any{"Key": "team", "Value": "web"}}}, got.Created},
		{"create_role's keys", []string{"Arn", "AssumeRolePolicyDocument", "CreateDate", "Path", "RoleId", "RoleName", "Tags"}, got.CreatedKeys},
		{"get_role's keys", []string{"Arn", "AssumeRolePolicyDocument", "CreateDate", "Description", "MaxSessionDuration", "Path", "RoleId", "RoleLastUsed", "RoleName", "Tags"}, got.GotKeys},
		{"get_role", map[string]any{"Description": "serves", "MaxSessionDuration": float64(3600), "RoleLastUsed": map[string]any{}}, got.Got},
		{"list_roles paginator, PageSize 2", [][]string{{"r1", "R2"}, {"r3", "r4"}, {"web"}}, got.ListRolesPages},
		{"list_roles' keys", []string{"Arn", "AssumeRolePolicyDocument", "CreateDate", "Description", "MaxSessionDuration", "Path", "RoleId", "RoleName"}, got.ListedKeys},
		{"update_role_description's keys", []string{"Arn", "AssumeRolePolicyDocument", "CreateDate", "Description", "Path", "RoleId", "RoleName", "Tags"}, got.DescribedKeys},
		{"get_role after the updates", map[string]any{"Description": "again", "MaxSessionDuration": float64(43200),
			"AssumeRolePolicyDocument": map[string]any{"Statement": map[string]any{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}}}, got.Updated},
		{"list_role_tags paginator, PageSize 4", [][]string{{"k0", "k1", "k2", "k3"}, {"k4", "team"}}, got.TagPages},
		{"list_role_tags after untag_role", []string{"k2", "k3", "k4"}, got.TagsLeft},
		{"list_roles at the end", []any{}, got.Left},
	} {
		if diff := gocmp.Diff(tc.want, tc.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
	wantErrors := map[string]*boto3Error{
		"CreateRole":      {Code: "EntityAlreadyExists", Status: 409, Message: "Role with name WEB already exists."},
		"CreateRoleTrust": {Code: "MalformedPolicyDocument", Status: 400, Message: "AssumeRole policy may only specify STS AssumeRole actions."},
		"GetRole":         {Code: "NoSuchEntity", Status: 404, Message: "The role with name nope cannot be found."},
		"TagRole":         {Code: "InvalidInput", Status: 400, Message: "Duplicate tag keys found. Please note that Tag keys are case insensitive."},
		"DeleteRole":      {Code: "NoSuchEntity", Status: 404, Message: "The role with name nope cannot be found."},
	}
	if diff := gocmp.Diff(wantErrors, got.Errors); diff != "" {
		t.Errorf("ClientErrors (-want +got):\n%s", diff)
	}
}
