package main

import (
	"context"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/google/go-cmp/cmp"
)

// A seed file's service-linked roles are the roles IAM makes for their
// services (docs/contract.md, "Service-linked roles"): through the server,
// GetRole answers each with IAM's name, path and trust policy and the
// file's description, tags and date, ListAttachedRolePolicies with the
// service's policies, and a role's seeded key signs; a service of the
// top level's linkedServices serves every account.
func TestSeedServiceLinkedRoles(t *testing.T) {
	dir := writeFiles(t, map[string]string{"seed.json": `{
 "root": {"accessKeys": [{"id": "AKIAROOTEXAMPLE00001", "secret": "root-secret"}]},
 "serviceLinkedRoles": [
  {"service": "ecs.amazonaws.com", "description": "for ECS", "createDate": "2020-02-03T04:05:06Z",
   "tags": [{"key": "team", "value": "ops"}],
   "accessKeys": [{"id": "AKIAECSROLEEXAMPLE01", "secret": "ecs-secret"}]},
  {"service": "autoscaling.amazonaws.com", "customSuffix": "batch"}],
 "linkedServices": [{"service": "example.amazonaws.com", "roleName": "AWSServiceRoleForExample",
   "policies": ["arn:aws:iam::aws:policy/ReadOnlyAccess"], "customSuffix": true}],
 "accounts": [{"id": "210987654321", "root": {"accessKeys": [{"id": "AKIAOTHEREXAMPLE0001", "secret": "other-secret"}]},
   "serviceLinkedRoles": [{"service": "example.amazonaws.com", "customSuffix": "x"}]}]}`})
	s := start(t, "-quiet", "-fixed-time", "2026-01-01T00:00:00Z", "-seed", filepath.Join(dir, "seed.json"))
	ctx := context.Background()
	type role struct {
		Arn, Path, Trust, Description, Created string
		MaxSession                             int32
		Tags, Policies                         []string // key=value; attached policies' ARNs
	}
	get := func(c *iam.Client, name string) role {
		t.Helper()
		out, err := c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
		if err != nil {
			t.Fatalf("GetRole %s: %v", name, err)
		}
		r := out.Role
		trust, err := url.QueryUnescape(aws.ToString(r.AssumeRolePolicyDocument))
		if err != nil {
			t.Fatal(err)
		}
		got := role{Arn: aws.ToString(r.Arn), Path: aws.ToString(r.Path), Trust: trust, Description: aws.ToString(r.Description),
			Created: r.CreateDate.Format(time.RFC3339), MaxSession: aws.ToInt32(r.MaxSessionDuration), Tags: []string{}, Policies: []string{}}
		for _, tag := range r.Tags {
			got.Tags = append(got.Tags, *tag.Key+"="+*tag.Value)
		}
		attached, err := c.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String(name)})
		if err != nil {
			t.Fatalf("ListAttachedRolePolicies %s: %v", name, err)
		}
		for _, p := range attached.AttachedPolicies {
			got.Policies = append(got.Policies, *p.PolicyArn)
		}
		return got
	}
	// IAM's trust policy for a service's role (recorded).
	trust := func(service string) string {
		return `{"Version":"2012-10-17","Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"` + service + `"}}]}`
	}
	other := s.clientAs("AKIAOTHEREXAMPLE0001", "other-secret")
	got := []role{
		get(s.client(), "AWSServiceRoleForECS"),
		get(s.client(), "awsservicerolefor"+"autoscaling_batch"), // role names ignore case
		get(other, "AWSServiceRoleForExample_x"),
	}
	want := []role{
		{"arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS", "/aws-service-role/ecs.amazonaws.com/",
			trust("ecs.amazonaws.com"), "for ECS", "2020-02-03T04:05:06Z", 3600, []string{"team=ops"},
			[]string{"arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy"}},
		{"arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling_batch", "/aws-service-role/autoscaling.amazonaws.com/",
			trust("autoscaling.amazonaws.com"), "", "2026-01-01T00:00:00Z", 3600, []string{},
			[]string{"arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy"}},
		{"arn:aws:iam::210987654321:role/aws-service-role/example.amazonaws.com/AWSServiceRoleForExample_x", "/aws-service-role/example.amazonaws.com/",
			trust("example.amazonaws.com"), "", "2026-01-01T00:00:00Z", 3600, []string{},
			[]string{"arn:aws:iam::aws:policy/ReadOnlyAccess"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the seeded service-linked roles (-want +got):\n%s", diff)
	}

	// The role's seeded key signs (an unknown key would be refused).
	if _, err := s.clientAs("AKIAECSROLEEXAMPLE01", "ecs-secret").GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("AWSServiceRoleForECS")}); err != nil {
		t.Errorf("GetRole signed with the role's seeded key: %v", err)
	}
	// The file's service serves CreateServiceLinkedRole too, in any account.
	out, err := s.client().CreateServiceLinkedRole(ctx, &iam.CreateServiceLinkedRoleInput{AWSServiceName: aws.String("example.amazonaws.com")})
	if err != nil {
		t.Fatalf("CreateServiceLinkedRole of a linkedServices service: %v", err)
	}
	if got, want := aws.ToString(out.Role.Arn), "arn:aws:iam::123456789012:role/aws-service-role/example.amazonaws.com/AWSServiceRoleForExample"; got != want {
		t.Errorf("CreateServiceLinkedRole: role %s, want %s", got, want)
	}
}

// Every problem of a file's service-linked roles and linked services is
// named once, at its place, in the builders' words (IAM's where IAM has
// some: docs/contract.md).
func TestSeedServiceLinkedRoleProblems(t *testing.T) {
	const doc = `{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}`
	for _, tc := range []struct {
		name, seed string
		want       []string
	}{
		{name: "services, suffixes, descriptions, tags, dates, keys, names",
			seed: `{"roles": [{"name": "awsservicerolefor` + `ecs"}], "serviceLinkedRoles": [
  {"service": "ecs.amazonaws.com"},
  {"service": "nothing.example.com"},
  {"description": "no service"},
  {"service": "es.amazonaws.com", "customSuffix": "x"},
  {"service": "autoscaling.amazonaws.com", "customSuffix": "a b"},
  {"service": "autoscaling.amazonaws.com", "customSuffix": "` + strings.Repeat("s", 40) + `"},
  {"service": "autoscaling.amazonaws.com", "description": "` + strings.Repeat("d", 1001) + `"},
  {"service": "autoscaling.amazonaws.com", "customSuffix": "b"},
  {"service": "autoscaling.amazonaws.com", "customSuffix": "B"},
  {"service": "es.amazonaws.com", "tags": [{"key": "a", "value": "1"}, {"key": "A", "value": "2"}]},
  {"service": "spot.amazonaws.com", "createDate": "today"},
  {"service": "guardduty.amazonaws.com", "accessKeys": [{"id": "AKIAGUARDEXAMPLE0001", "secret": "s", "status": "Bogus"}]}]}`,
			want: []string{
				`serviceLinkedRoles[0].service: the role "AWSServiceRoleForECS" is the name of roles[0] ("awsserviceroleforecs"): IAM role names are unique regardless of case`,
				`serviceLinkedRoles[1].service: service-linked role of "nothing.example.com": Service nothing.example.com does not have a service-linked role. (the top level's linkedServices adds services)`,
				`serviceLinkedRoles[2].service: missing (a service principal, such as ecs.amazonaws.com)`,
				`serviceLinkedRoles[3].customSuffix: service-linked role of "es.amazonaws.com": InvalidInput: Custom suffix is not allowed for es.amazonaws.com`,
				`serviceLinkedRoles[4].customSuffix: service-linked role of "autoscaling.amazonaws.com": 1 validation error detected: Value at 'customSuffix' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+`,
				`serviceLinkedRoles[5].customSuffix: service-linked role of "autoscaling.amazonaws.com": InvalidInput: The role name AWSServiceRoleForAutoScaling_` + strings.Repeat("s", 40) + ` is longer than 64 characters.`,
				`serviceLinkedRoles[6].description: role "AWSServiceRoleForAutoScaling": 1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000`,
				`serviceLinkedRoles[8].customSuffix: the role "AWSServiceRoleForAutoScaling_B" is that of serviceLinkedRoles[7]: IAM role names are unique regardless of case`,
				`serviceLinkedRoles[9].tags: role "AWSServiceRoleForAmazonElasticsearchService": InvalidInput: Duplicate tag keys found. Please note that Tag keys are case insensitive.`,
				`serviceLinkedRoles[10].createDate: "today" is not an RFC 3339 time such as 2013-06-06T21:40:08Z`,
				`serviceLinkedRoles[11].accessKeys[0].status: "Bogus" is not Active or Inactive`,
			}},
		{name: "a role's fields IAM decides, and unknown members",
			seed: `{"serviceLinkedRoles": [{"service": "ecs.amazonaws.com", "name": "x", "path": "/x/",
  "trustPolicy": {}, "maxSessionDuration": 7200, "inlinePolicies": [], "permissionsBoundary": "arn"}]}`,
			want: []string{
				"line 1, column 58: serviceLinkedRoles[0].name: unknown field",
				"line 1, column 71: serviceLinkedRoles[0].path: unknown field",
				"line 2, column 3: serviceLinkedRoles[0].trustPolicy: unknown field",
				"line 2, column 22: serviceLinkedRoles[0].maxSessionDuration: unknown field",
				"line 2, column 50: serviceLinkedRoles[0].inlinePolicies: unknown field",
				"line 2, column 72: serviceLinkedRoles[0].permissionsBoundary: unknown field",
			}},
		{name: "mistyped members",
			seed: `{"serviceLinkedRoles": [{"service": ["ecs.amazonaws.com"]}, {"service": "autoscaling.amazonaws.com", "customSuffix": true}],
 "linkedServices": [{"service": "x.amazonaws.com", "roleName": "X", "policies": "arn:aws:iam::aws:policy/ReadOnlyAccess", "customSuffix": "yes"}]}`,
			want: []string{
				"line 1, column 37: serviceLinkedRoles[0].service: want string, got JSON array",
				"line 1, column 118: serviceLinkedRoles[1].customSuffix: want string, got JSON boolean",
				"line 2, column 81: linkedServices[0].policies: want array, got JSON string",
				"line 2, column 139: linkedServices[0].customSuffix: want boolean, got JSON string",
			}},
		{name: "linked services",
			seed: `{"linkedServices": [
  {"service": "example.amazonaws.com", "roleName": "AWSServiceRoleForExample"},
  {"service": "example.amazonaws.com", "roleName": "Other"},
  {"roleName": "R"},
  {"service": "x.amazonaws.com", "roleName": "a b"},
  {"service": "y.amazonaws.com", "roleName": "R", "policies": ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/Nope"]}],
 "serviceLinkedRoles": [{"service": "example.amazonaws.com", "customSuffix": "s"}, {"service": "y.amazonaws.com"}],
 "accounts": [{"id": "210987654321", "linkedServices": [{"service": "z.amazonaws.com", "roleName": "Z"}]}]}`,
			want: []string{
				`linkedServices[1].service: "example.amazonaws.com" is the service of linkedServices[0]: declare a service once`,
				`linkedServices[2].service: LinkedService "": service: 1 validation error detected: Value at 'aWSServiceName' failed to satisfy constraint: Member must have length greater than or equal to 1`,
				`linkedServices[3].roleName: LinkedService "x.amazonaws.com": role name "a b": 1 validation error detected: Value at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+`,
				`linkedServices[4].policies[1]: LinkedService "y.amazonaws.com": policy "arn:aws:iam::aws:policy/Nope" is not an AWS managed policy the fake knows`,
				`serviceLinkedRoles[0].customSuffix: service-linked role of "example.amazonaws.com": InvalidInput: Custom suffix is not allowed for example.amazonaws.com`,
				`serviceLinkedRoles[1].service: service-linked role of "y.amazonaws.com": Service y.amazonaws.com does not have a service-linked role. (the top level's linkedServices adds services)`,
				`accounts[0].linkedServices: the services are the endpoint's, for every account: give them at the top level`,
			}},
		{name: "held by a profile, attached by a policy: IAM refuses both (recorded)",
			seed: `{"serviceLinkedRoles": [{"service": "ecs.amazonaws.com"}],
 "instanceProfiles": [{"name": "ip", "role": "awsservicerolefor` + `ecs"}],
 "managedPolicies": [{"name": "p", "document": "` + doc + `", "roles": ["AWSServiceRoleForECS"]}],
 "accounts": [{"id": "210987654321", "serviceLinkedRoles": [{"service": "es.amazonaws.com"}],
   "instanceProfiles": [{"name": "ip", "role": "AWSServiceRoleForAmazonElasticsearchService"}]}]}`,
			want: []string{
				`managedPolicies[0].roles[0]: "AWSServiceRoleForECS" is serviceLinkedRoles[0]: Cannot perform the operation on the protected role 'AWSServiceRoleForECS' - this role is only modifiable by AWS`,
				`instanceProfiles[0].role: "awsserviceroleforecs" is serviceLinkedRoles[0]: Cannot perform the operation on the protected role 'AWSServiceRoleForECS' - this role is only modifiable by AWS`,
				`accounts[0].instanceProfiles[0].role: "AWSServiceRoleForAmazonElasticsearchService" is accounts[0].serviceLinkedRoles[0]: Cannot perform the operation on the protected role 'AWSServiceRoleForAmazonElasticsearchService' - this role is only modifiable by AWS`,
			}},
		{name: "over the role quota with the roles",
			seed: `{"rolesPerAccount": 2, "roles": [{"name": "a"}], "serviceLinkedRoles": [{"service": "ecs.amazonaws.com"}, {"service": "es.amazonaws.com"}]}`,
			want: []string{`serviceLinkedRoles: 2 service-linked roles and 1 roles exceed the quota of 2 roles per account`}},
		{name: "a quota of 0: said once",
			seed: `{"rolesPerAccount": 0, "serviceLinkedRoles": [{"service": "ecs.amazonaws.com"}]}`,
			want: []string{`serviceLinkedRoles: 1 service-linked roles and 0 roles exceed the quota of 0 roles per account`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := seedProblems(t, writeFiles(t, map[string]string{"seed.json": tc.seed}))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}
