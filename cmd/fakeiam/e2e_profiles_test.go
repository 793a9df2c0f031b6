package main

// End-to-end for instance profiles (docs/contract.md, "Instance
// profiles"): the AWS CLI against the command creates a profile with a
// path and tags, puts a role in it, meets IAM's refusals on the way (a
// second role, deleting the role or the profile while one holds the
// other), lists profiles by path and by role (a page at a time), tags,
// untags and lists the tags, takes the role out and deletes the profile.
// Its JSON output is compared whole, ids and dates checked for their
// shape and then set aside. boto3 runs the workflow again, its paginators
// at small page sizes.

import (
	"maps"
	"path/filepath"
	"regexp"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

// e2eProfilesSeed holds the roles the workflow puts in profiles and a
// seeded profile, seeded, holding role batch.
const e2eProfilesSeed = `{"roles": [{"name": "web-server", "path": "/app/", "description": "serves", "trustPolicy": ` + e2eTrustEC2 + `},
  {"name": "batch"}],
 "instanceProfiles": [{"name": "seeded", "path": "/ops/", "role": "batch", "tags": [{"key": "team", "value": "ops"}]}]}`

var (
	profileIDShape = regexp.MustCompile(`^AIPA[A-Z2-7]{17}$`)
	// cliDateShape is a date as the CLI (v1 and v2) prints one.
	cliDateShape = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$`)
)

// settled is the CLI's JSON output v with each id and date checked for
// its shape and replaced by the shape's name: what is left is compared
// whole.
func settled(t *testing.T, v any) any {
	t.Helper()
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range v {
			shape := map[string]*regexp.Regexp{"InstanceProfileId": profileIDShape, "RoleId": roleIDShape, "CreateDate": cliDateShape}[k]
			if s, ok := e.(string); ok && shape != nil {
				if !shape.MatchString(s) {
					t.Errorf("%s %q is not of the shape %s", k, s, shape)
				}
				out[k] = k
				continue
			}
			out[k] = settled(t, e)
		}
		return out
	case []any:
		out := []any{}
		for _, e := range v {
			out = append(out, settled(t, e))
		}
		return out
	}
	return v
}

func TestAWSCLIInstanceProfiles(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	dir := writeFiles(t, map[string]string{"seed.json": e2eProfilesSeed})
	s := start(t, "-quiet", "-seed", filepath.Join(dir, "seed.json"))
	root := s.clientEnv(t, s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"])
	// run runs the CLI and compares its JSON output, settled, with want.
	run := func(want any, args ...string) {
		t.Helper()
		var got any
		cli(t, aws, root, &got, args...)
		if diff := gocmp.Diff(want, settled(t, got)); diff != "" {
			t.Errorf("aws iam %s (-want +got):\n%s", args[0], diff)
		}
	}
	type m = map[string]any
	type l = []any
	webServer := m{"Path": "/app/", "RoleName": "web-server", "RoleId": "RoleId", "Arn": "arn:aws:iam::123456789012:role/app/web-server",
		"CreateDate": "CreateDate", "AssumeRolePolicyDocument": decoded(t, e2eTrustEC2)}
	batch := m{"Path": "/", "RoleName": "batch", "RoleId": "RoleId", "Arn": "arn:aws:iam::123456789012:role/batch", "CreateDate": "CreateDate",
		"AssumeRolePolicyDocument": decoded(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}`)}
	profile := func(path, name string, roles l) m {
		return m{"Path": path, "InstanceProfileName": name, "InstanceProfileId": "InstanceProfileId",
			"Arn": "arn:aws:iam::123456789012:instance-profile" + path + name, "CreateDate": "CreateDate", "Roles": roles}
	}
	// with is p with member k set to v.
	with := func(p m, k string, v any) m {
		c := maps.Clone(p)
		c[k] = v
		return c
	}
	web, seeded := profile("/app/", "web", l{}), profile("/ops/", "seeded", l{batch})

	run(m{"InstanceProfile": with(web, "Tags", l{m{"Key": "Env", "Value": "prod"}, m{"Key": "team", "Value": "web"}})},
		"create-instance-profile", "--instance-profile-name", "web", "--path", "/app/", "--tags", "Key=team,Value=web", "Key=Env,Value=prod")
	cli(t, aws, root, nil, "add-role-to-instance-profile", "--instance-profile-name", "web", "--role-name", "web-server")
	web["Roles"] = l{webServer}
	run(m{"InstanceProfile": with(web, "Tags", l{m{"Key": "Env", "Value": "prod"}, m{"Key": "team", "Value": "web"}})},
		"get-instance-profile", "--instance-profile-name", "web")
	cliRefuses(t, aws, root, "An error occurred (LimitExceeded) when calling the AddRoleToInstanceProfile operation: Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1",
		"add-role-to-instance-profile", "--instance-profile-name", "web", "--role-name", "batch")

	// The CLI pages each list itself, following Marker (and prints no
	// IsTruncated); lists show no tags.
	run(m{"InstanceProfiles": l{seeded, web}}, "list-instance-profiles", "--page-size", "1")
	run(m{"InstanceProfiles": l{web}}, "list-instance-profiles", "--path-prefix", "/app/")
	run(m{"InstanceProfiles": l{web}}, "list-instance-profiles-for-role", "--role-name", "web-server")
	run(m{"InstanceProfiles": l{seeded}}, "list-instance-profiles-for-role", "--role-name", "batch")

	cliRefuses(t, aws, root, "An error occurred (DeleteConflict) when calling the DeleteRole operation: Cannot delete entity, must remove roles from instance profile first.",
		"delete-role", "--role-name", "web-server")
	cliRefuses(t, aws, root, "An error occurred (DeleteConflict) when calling the DeleteInstanceProfile operation: Cannot delete entity, must remove roles from instance profile first.",
		"delete-instance-profile", "--instance-profile-name", "web")

	// Tag keys keep their case: env is a key of its own beside Env.
	cli(t, aws, root, nil, "tag-instance-profile", "--instance-profile-name", "web", "--tags", "Key=env,Value=dev", "Key=team,Value=api")
	cli(t, aws, root, nil, "untag-instance-profile", "--instance-profile-name", "web", "--tag-keys", "team", "nope")
	run(m{"Tags": l{m{"Key": "Env", "Value": "prod"}, m{"Key": "env", "Value": "dev"}}},
		"list-instance-profile-tags", "--instance-profile-name", "web")

	t.Run("errors", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			args []string
			line string
		}{
			{"EntityAlreadyExists", []string{"create-instance-profile", "--instance-profile-name", "WEB"},
				"An error occurred (EntityAlreadyExists) when calling the CreateInstanceProfile operation: Instance Profile WEB already exists."},
			{"NoSuchEntity role", []string{"add-role-to-instance-profile", "--instance-profile-name", "seeded", "--role-name", "nope"},
				"An error occurred (NoSuchEntity) when calling the AddRoleToInstanceProfile operation: The role with name nope cannot be found."},
			{"NoSuchEntity role in profile", []string{"remove-role-from-instance-profile", "--instance-profile-name", "seeded", "--role-name", "web-server"},
				"An error occurred (NoSuchEntity) when calling the RemoveRoleFromInstanceProfile operation: Role web-server in Instance Profile seeded cannot be found."},
			{"NoSuchEntity tags", []string{"list-instance-profile-tags", "--instance-profile-name", "nope"},
				"An error occurred (NoSuchEntity) when calling the ListInstanceProfileTags operation: Instance Profile nope cannot be found."},
			{"InvalidInput", []string{"tag-instance-profile", "--instance-profile-name", "seeded", "--tags", "Key=aws:x,Value=1"},
				"An error occurred (InvalidInput) when calling the TagInstanceProfile operation: Tag keys beginning with aws: are reserved for AWS use."},
		} {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				cliRefuses(t, aws, root, tc.line, tc.args...)
			})
		}
	})

	cli(t, aws, root, nil, "remove-role-from-instance-profile", "--instance-profile-name", "web", "--role-name", "web-server")
	run(m{"InstanceProfiles": l{}}, "list-instance-profiles-for-role", "--role-name", "web-server")
	cli(t, aws, root, nil, "delete-instance-profile", "--instance-profile-name", "web")
	cliRefuses(t, aws, root, "An error occurred (NoSuchEntity) when calling the GetInstanceProfile operation: Instance Profile web cannot be found.",
		"get-instance-profile", "--instance-profile-name", "web")
	cli(t, aws, root, nil, "delete-role", "--role-name", "web-server")
	run(m{"InstanceProfiles": l{seeded}}, "list-instance-profiles")
}

// boto3ProfilesScript: the instance profile workflow in boto3, its
// paginators at small page sizes. It prints what it saw as JSON.
const boto3ProfilesScript = `
import json
import boto3
from botocore.exceptions import ClientError

iam = boto3.client("iam")
trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}

iam.create_role(RoleName="web-server", AssumeRolePolicyDocument=json.dumps(trust), Description="serves")
created = iam.create_instance_profile(InstanceProfileName="web", Path="/app/", Tags=[{"Key": "team", "Value": "web"}])["InstanceProfile"]
out = {"created": {k: created[k] for k in ("Path", "InstanceProfileName", "Arn", "Roles", "Tags")},
       "createdKeys": sorted(created.keys())}
for name in ("p1", "P2", "p3"):
    iam.create_instance_profile(InstanceProfileName=name)
iam.add_role_to_instance_profile(InstanceProfileName="web", RoleName="web-server")
got = iam.get_instance_profile(InstanceProfileName="WEB")["InstanceProfile"]
out["gotKeys"] = sorted(got.keys())
out["gotRoleKeys"] = sorted(got["Roles"][0].keys())
out["gotRole"] = {k: got["Roles"][0][k] for k in ("Path", "RoleName", "Arn", "AssumeRolePolicyDocument")}
out["listPages"] = [[p["InstanceProfileName"] for p in page["InstanceProfiles"]]
                    for page in iam.get_paginator("list_instance_profiles").paginate(PaginationConfig={"PageSize": 3})]
out["listedKeys"] = sorted(iam.list_instance_profiles(PathPrefix="/app/")["InstanceProfiles"][0].keys())
out["forRole"] = [p["InstanceProfileName"] for p in iam.list_instance_profiles_for_role(RoleName="web-server")["InstanceProfiles"]]
iam.tag_instance_profile(InstanceProfileName="web", Tags=[{"Key": "k%d" % i, "Value": "v"} for i in range(4)] + [{"Key": "Team", "Value": "w"}])
out["tagPages"] = [[t["Key"] for t in page["Tags"]]
                   for page in iam.get_paginator("list_instance_profile_tags").paginate(InstanceProfileName="web", PaginationConfig={"PageSize": 4})]
iam.untag_instance_profile(InstanceProfileName="web", TagKeys=["K0", "k1", "team"])
out["tagsLeft"] = [t["Key"] for t in iam.list_instance_profile_tags(InstanceProfileName="web")["Tags"]]
out["errors"] = {
    "CreateInstanceProfile": error(iam.create_instance_profile, InstanceProfileName="P1"),
    "AddRoleToInstanceProfile": error(iam.add_role_to_instance_profile, InstanceProfileName="web", RoleName="web-server"),
    "DeleteRole": error(iam.delete_role, RoleName="web-server"),
    "DeleteInstanceProfile": error(iam.delete_instance_profile, InstanceProfileName="web"),
    "RemoveRoleFromInstanceProfile": error(iam.remove_role_from_instance_profile, InstanceProfileName="p1", RoleName="web-server"),
    "GetInstanceProfile": error(iam.get_instance_profile, InstanceProfileName="nope"),
}
iam.remove_role_from_instance_profile(InstanceProfileName="web", RoleName="web-server")
out["forRoleAfter"] = iam.list_instance_profiles_for_role(RoleName="web-server")["InstanceProfiles"]
for name in ("web", "p1", "P2", "p3"):
    iam.delete_instance_profile(InstanceProfileName=name)
iam.delete_role(RoleName="web-server")
out["left"] = iam.list_instance_profiles()["InstanceProfiles"]
print(json.dumps(out))
`

func TestBoto3InstanceProfiles(t *testing.T) {
	t.Parallel()
	python := boto3Python(t)
	s := start(t, "-quiet")
	var got struct {
		Created, GotRole                              map[string]any
		CreatedKeys, GotKeys, GotRoleKeys, ListedKeys []string
		ListPages, TagPages                           [][]string
		ForRole, TagsLeft                             []string
		Errors                                        map[string]*boto3Error
		ForRoleAfter, Left                            []any
	}
	s.boto3Run(t, python, boto3ProfilesScript, &got)
	trust := map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{"Effect": "Allow",
		"Principal": map[string]any{"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}}}
	for _, tc := range []struct {
		name      string
		want, got any
	}{
		{"create_instance_profile", map[string]any{"Path": "/app/", "InstanceProfileName": "web", "Arn": "arn:aws:iam::123456789012:instance-profile/app/web",
			"Roles": []any{}, "Tags": []any{map[string]any{"Key": "team", "Value": "web"}}}, got.Created},
		{"create_instance_profile's keys", []string{"Arn", "CreateDate", "InstanceProfileId", "InstanceProfileName", "Path", "Roles", "Tags"}, got.CreatedKeys},
		{"get_instance_profile's keys", []string{"Arn", "CreateDate", "InstanceProfileId", "InstanceProfileName", "Path", "Roles", "Tags"}, got.GotKeys},
		{"a role in a profile: its keys (no Description)", []string{"Arn", "AssumeRolePolicyDocument", "CreateDate", "Path", "RoleId", "RoleName"}, got.GotRoleKeys},
		{"a role in a profile", map[string]any{"Path": "/", "RoleName": "web-server", "Arn": "arn:aws:iam::123456789012:role/web-server",
			"AssumeRolePolicyDocument": trust}, got.GotRole},
		{"list_instance_profiles paginator, PageSize 3", [][]string{{"p1", "P2", "p3"}, {"web"}}, got.ListPages},
		{"list_instance_profiles' keys (no Tags)", []string{"Arn", "CreateDate", "InstanceProfileId", "InstanceProfileName", "Path", "Roles"}, got.ListedKeys},
		{"list_instance_profiles_for_role", []string{"web"}, got.ForRole},
		{"list_instance_profile_tags paginator, PageSize 4 (keys keep case: Team and team)", [][]string{{"Team", "k0", "k1", "k2"}, {"k3", "team"}}, got.TagPages},
		{"list_instance_profile_tags after untag (exact keys)", []string{"Team", "k0", "k2", "k3"}, got.TagsLeft},
		{"list_instance_profiles_for_role after the removal", []any{}, got.ForRoleAfter},
		{"list_instance_profiles at the end", []any{}, got.Left},
	} {
		if diff := gocmp.Diff(tc.want, tc.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
	mustRemove := &boto3Error{Code: "DeleteConflict", Status: 409, Message: "Cannot delete entity, must remove roles from instance profile first."}
	wantErrors := map[string]*boto3Error{
		"CreateInstanceProfile":         {Code: "EntityAlreadyExists", Status: 409, Message: "Instance Profile P1 already exists."},
		"AddRoleToInstanceProfile":      {Code: "LimitExceeded", Status: 409, Message: "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1"},
		"DeleteRole":                    mustRemove,
		"DeleteInstanceProfile":         mustRemove,
		"RemoveRoleFromInstanceProfile": {Code: "NoSuchEntity", Status: 404, Message: "Role web-server in Instance Profile p1 cannot be found."},
		"GetInstanceProfile":            {Code: "NoSuchEntity", Status: 404, Message: "Instance Profile nope cannot be found."},
	}
	if diff := gocmp.Diff(wantErrors, got.Errors); diff != "" {
		t.Errorf("ClientErrors (-want +got):\n%s", diff)
	}
}
