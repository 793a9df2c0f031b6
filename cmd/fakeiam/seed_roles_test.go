package main

import (
	"context"
	"net/url"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// A seed file's roles are real roles: GetRole answers each with the
// fields the file gives, its trust policy as the file writes it.
func TestSeedRoles(t *testing.T) {
	seed := `{"roles": [{"name": "deployer", "path": "/ci/", "description": "deploys", "maxSessionDuration": 7200,
   "trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
   "tags": [{"key": "team", "value": "ops"}], "createDate": "2020-02-03T04:05:06Z"},
  {"name": "plain"},
  {"name": "quoted", "trustPolicy": "{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"sts:AssumeRole\"}}"}]}`
	opts, err := parseSeed([]byte(seed), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f, err := fakeiam.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	type role struct {
		Arn, Description, Trust string
		MaxSession              int32
		Tags                    int
	}
	var got []role
	for _, name := range []string{"deployer", "plain", "quoted"} {
		out, err := f.Client().GetRole(context.Background(), &iam.GetRoleInput{RoleName: aws.String(name)})
		if err != nil {
			t.Fatal(err)
		}
		r := out.Role
		trust, err := url.QueryUnescape(*r.AssumeRolePolicyDocument)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, role{*r.Arn, aws.ToString(r.Description), trust, *r.MaxSessionDuration, len(r.Tags)})
	}
	want := []role{
		{"arn:aws:iam::123456789012:role/ci/deployer", "deploys",
			`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}`, 7200, 1},
		{"arn:aws:iam::123456789012:role/plain", "",
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}`, 3600, 0},
		{"arn:aws:iam::123456789012:role/quoted", "", `{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}}`, 3600, 0},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the seeded roles (-want +got):\n%s", diff)
	}
}

// Every problem of a file's roles is named once, at its place.
func TestSeedRoleProblems(t *testing.T) {
	for _, tc := range []struct {
		name, seed string
		want       []string
	}{
		{name: "names, trust policies, durations, role-only fields",
			seed: `{"users": [{"name": "Bob", "trustPolicy": "{}", "maxSessionDuration": 3600}], "roles": [
  {"name": "app"},
  {"name": "APP"},
  {"name": "a role"},
  {"name": "web", "trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole"}]}},
  {"name": "api", "trustPolicy": "not json"},
  {"name": "job", "maxSessionDuration": 60},
  {"name": "cli", "tags": [{"key": "a", "value": "1"}, {"key": "A", "value": "2"}]}],
 "root": {"description": "x"}}`,
			want: []string{
				`root.description: a role's field (only roles have one)`,
				`users[0].trustPolicy: a role's field (only roles have one)`,
				`users[0].maxSessionDuration: a role's field (only roles have one)`,
				`roles[1].name: "APP" is the name of roles[0] ("app"): IAM role names are unique regardless of case`,
				`roles[2]: role "a role": 1 validation error detected: Value at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+`,
				`roles[3].trustPolicy: role "web": MalformedPolicyDocument: Missing required field Principal`,
				`roles[4].trustPolicy: role "api": MalformedPolicyDocument: This policy contains invalid Json`,
				`roles[5].maxSessionDuration: role "job": 1 validation error detected: Value at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600`,
				`roles[6].tags: role "cli": InvalidInput: Duplicate tag keys found. Please note that Tag keys are case insensitive.`,
			}},
		{name: "over the quota", seed: `{"rolesPerAccount": 1, "roles": [{"name": "a"}, {"name": "b"}]}`,
			want: []string{`roles: 2 roles exceed the quota of 1 per account`}},
		{name: "a negative quota", seed: `{"rolesPerAccount": -1}`, want: []string{"rolesPerAccount: -1: a quota is at least 0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := seedProblems(t, writeFiles(t, map[string]string{"seed.json": tc.seed}))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}
