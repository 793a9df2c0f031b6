package fakeiam_test

// docs/contract.md, "Service-linked roles": the three operations, the
// refusal of every change to a service-linked role, the seeds and
// LinkedServices, each row through the differential harness (both doors
// and the SDK's decoding of IAM's XML).

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// Calls.

func createServiceLinkedRole(service string, suffix, description *string) call {
	return callOf((*iam.Client).CreateServiceLinkedRole, &iam.CreateServiceLinkedRoleInput{AWSServiceName: aws.String(service), CustomSuffix: suffix, Description: description})
}

func deleteServiceLinkedRole(name string) call {
	return callOf((*iam.Client).DeleteServiceLinkedRole, &iam.DeleteServiceLinkedRoleInput{RoleName: aws.String(name)})
}

func deletionStatus(id string) call {
	return callOf((*iam.Client).GetServiceLinkedRoleDeletionStatus, &iam.GetServiceLinkedRoleDeletionStatusInput{DeletionTaskId: aws.String(id)})
}

// deletedTask is a step deleting role as a service-linked role: its
// deletion task is "<task>" to statusOfTask, as a tool polls it.
func deletedTask(role string) change {
	return func(r *run) {
		r.t.Helper()
		out, err := r.root().DeleteServiceLinkedRole(context.Background(), &iam.DeleteServiceLinkedRoleInput{RoleName: aws.String(role)})
		if err != nil {
			r.t.Fatalf("DeleteServiceLinkedRole %s: %v", role, err)
		}
		r.name("<task>", *out.DeletionTaskId)
	}
}

// statusOfTask asks the status of the task deletedTask made.
func statusOfTask(ctx context.Context, c *iam.Client, r *run) (any, error) {
	return c.GetServiceLinkedRoleDeletionStatus(ctx, &iam.GetServiceLinkedRoleDeletionStatusInput{DeletionTaskId: aws.String(r.named["<task>"])})
}

// Expected values.

// linkedTrust is the trust policy IAM gives a service's role (recorded).
func linkedTrust(service string) string {
	return `{"Version":"2012-10-17","Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"` + service + `"}}]}`
}

// linkedRole is a service-linked role as CreateServiceLinkedRole answers
// it (CreateRole's fields).
func linkedRole(service, name, id string) *types.Role {
	return createdRole("/aws-service-role/"+service+"/", name, id, testNow, linkedTrust(service))
}

func createdLinkedRole(service, name string) *iam.CreateServiceLinkedRoleOutput {
	return &iam.CreateServiceLinkedRoleOutput{Role: linkedRole(service, name, "<new role id>")}
}

func attachedPage(policies ...types.AttachedPolicy) *iam.ListAttachedRolePoliciesOutput {
	return &iam.ListAttachedRolePoliciesOutput{AttachedPolicies: append([]types.AttachedPolicy{}, policies...)}
}

func awsServiceRolePolicy(name string) types.AttachedPolicy {
	return types.AttachedPolicy{PolicyName: aws.String(name), PolicyArn: aws.String("arn:aws:iam::aws:policy/aws-service-role/" + name)}
}

// IAM's texts (docs/contract.md, "Service-linked roles").

func linkedRoleTaken(name string) *fakeiam.Error {
	return &fakeiam.Error{Code: "InvalidInput", Status: 400, Message: "Service role name " + name + " has been taken in this account, please try a different suffix."}
}

func customSuffixNotAllowed(service string) *fakeiam.Error {
	return &fakeiam.Error{Code: "InvalidInput", Status: 400, Message: "Custom suffix is not allowed for " + service}
}

func protectedRole(name string) *fakeiam.Error {
	return &fakeiam.Error{Code: "UnmodifiableEntity", Status: 400, Message: "Cannot perform the operation on the protected role '" + name + "' - this role is only modifiable by AWS"}
}

// The fake's own texts where IAM's are unknown (choices).

func noLinkedService(service string) *fakeiam.Error {
	return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "Service " + service + " does not have a service-linked role."}
}

func notServiceLinked(name string) *fakeiam.Error {
	return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "The role with name " + name + " is not a service-linked role."}
}

// seedLinked is seedRoles with the ECS service-linked role and the
// managed policy p, plus more.
func seedLinked(more ...fakeiam.Option) []fakeiam.Option {
	return seedRoles(append([]fakeiam.Option{fakeiam.ServiceLinkedRole("ecs.amazonaws.com"), fakeiam.ManagedPolicy("p", trustedDoc)}, more...)...)
}

var ecsRole = linkedRole("ecs.amazonaws.com", "AWSServiceRoleForECS", "<id of role AWSServiceRoleForECS>")

func TestCreateServiceLinkedRoleSpec(t *testing.T) {
	atQuota := seedRoles(fakeiam.RolesPerAccount(3))
	runScenarios(t, seedRoles(), []scenario{
		{name: "IAM's name, path and trust policy (recorded)", call: createServiceLinkedRole("ecs.amazonaws.com", nil, nil),
			want: createdLinkedRole("ecs.amazonaws.com", "AWSServiceRoleForECS")},
		{name: "another service's name (recorded)", call: createServiceLinkedRole("es.amazonaws.com", nil, nil),
			want: createdLinkedRole("es.amazonaws.com", "AWSServiceRoleForAmazonElasticsearchService")},
		{name: "a custom suffix where the service takes one", call: createServiceLinkedRole("autoscaling.amazonaws.com", aws.String("debug"), nil),
			want: createdLinkedRole("autoscaling.amazonaws.com", "AWSServiceRoleForAutoScaling_debug")},
		{name: "a description: not in the answer, as CreateRole's (choice)", call: createServiceLinkedRole("ecs.amazonaws.com", nil, aws.String("for ECS")),
			want: createdLinkedRole("ecs.amazonaws.com", "AWSServiceRoleForECS")},
		{name: "then GetRole shows it all, description and an hour's session", steps: []change{do(createServiceLinkedRole("ecs.amazonaws.com", nil, aws.String("for ECS")))},
			call: getRole("AWSServiceRoleForECS"), want: &iam.GetRoleOutput{Role: gotRole(linkedRole("ecs.amazonaws.com", "AWSServiceRoleForECS", "<new role id>"), 3600, "for ECS")}},
		{name: "then the service's policy is attached", steps: []change{do(createServiceLinkedRole("ecs.amazonaws.com", nil, nil))},
			call: listAttachedRolePolicies(&iam.ListAttachedRolePoliciesInput{RoleName: aws.String("AWSServiceRoleForECS")}),
			want: attachedPage(awsServiceRolePolicy("AmazonECSServiceRolePolicy"))},
		{name: "then listed among the roles", steps: []change{do(createServiceLinkedRole("ecs.amazonaws.com", nil, nil))},
			call: listRoles(&iam.ListRolesInput{PathPrefix: aws.String("/aws-service-role/")}),
			want: rolesPage(listedRole(gotRole(linkedRole("ecs.amazonaws.com", "AWSServiceRoleForECS", "<new role id>"), 3600, "")))},
		{name: "twice: the name taken (recorded)", steps: []change{do(createServiceLinkedRole("ecs.amazonaws.com", nil, nil))},
			call: createServiceLinkedRole("ecs.amazonaws.com", nil, nil), wantErr: linkedRoleTaken("AWSServiceRoleForECS")},
		{name: "a role of that name made by CreateRole", steps: []change{do(createRole(newRoleInput("awsserviceroleforamazonelasticsearchservice", trustEC2)))},
			call: createServiceLinkedRole("es.amazonaws.com", nil, nil), wantErr: linkedRoleTaken("AWSServiceRoleForAmazonElasticsearchService")},
		{name: "a second suffix is a second role", steps: []change{do(createServiceLinkedRole("autoscaling.amazonaws.com", aws.String("a"), nil))},
			call: createServiceLinkedRole("autoscaling.amazonaws.com", aws.String("b"), nil), want: createdLinkedRole("autoscaling.amazonaws.com", "AWSServiceRoleForAutoScaling_b")},
		{name: "a suffix the service does not take (recorded)", call: createServiceLinkedRole("es.amazonaws.com", aws.String("x"), nil), wantErr: customSuffixNotAllowed("es.amazonaws.com")},
		{name: "the suffix before the name", steps: []change{do(createServiceLinkedRole("es.amazonaws.com", nil, nil))},
			call: createServiceLinkedRole("es.amazonaws.com", aws.String("x"), nil), wantErr: customSuffixNotAllowed("es.amazonaws.com")},
		{name: "a service principal the fake does not know (choice)", call: createServiceLinkedRole("nothing.example.com", nil, nil), wantErr: noLinkedService("nothing.example.com")},
		{name: "service principals are case-sensitive", call: createServiceLinkedRole("ECS.amazonaws.com", nil, nil), wantErr: noLinkedService("ECS.amazonaws.com")},
		{name: "a suffix making the name over 64 (choice)", call: createServiceLinkedRole("autoscaling.amazonaws.com", aws.String(strings.Repeat("s", 40)), nil),
			wantErr: &fakeiam.Error{Code: "InvalidInput", Status: 400, Message: "The role name AWSServiceRoleForAutoScaling_" + strings.Repeat("s", 40) + " is longer than 64 characters."}},
		{name: "the account's role quota", seed: atQuota, call: createServiceLinkedRole("ecs.amazonaws.com", nil, nil), wantErr: quotaExceeded("RolesPerAccount", 3)},
		{name: "the name taken before the quota", seed: seedRoles(fakeiam.RolesPerAccount(4), fakeiam.ServiceLinkedRole("ecs.amazonaws.com")), call: createServiceLinkedRole("ecs.amazonaws.com", nil, nil), wantErr: linkedRoleTaken("AWSServiceRoleForECS")},
		{name: "a suffix off the pattern", call: createServiceLinkedRole("autoscaling.amazonaws.com", aws.String("a b"), nil),
			wantErr: failedConstraints("customSuffix", pattern(`[\w+=,.@-]+`))},
		{name: "a LinkedServices service", seed: seedRoles(fakeiam.LinkedServices(fakeiam.LinkedService{Service: "example.amazonaws.com", RoleName: "AWSServiceRoleForExample",
			Policies: []string{"arn:aws:iam::aws:policy/ReadOnlyAccess"}, CustomSuffix: true})),
			call: createServiceLinkedRole("example.amazonaws.com", aws.String("x"), nil), want: createdLinkedRole("example.amazonaws.com", "AWSServiceRoleForExample_x")},
	})
}

func TestServiceLinkedRolesAreProtected(t *testing.T) {
	const policyARN = "arn:aws:iam::123456789012:policy/p"
	runScenarios(t, seedLinked(), []scenario{
		{name: "DeleteRole (inferred from IAM's protected roles)", call: deleteRole("AWSServiceRoleForECS"), wantErr: protectedRole("AWSServiceRoleForECS")},
		{name: "DetachRolePolicy of the service's policy (recorded)", call: detachRolePolicy("AWSServiceRoleForECS", "arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy"),
			wantErr: protectedRole("AWSServiceRoleForECS")},
		{name: "AttachRolePolicy", call: attachRolePolicy("AWSServiceRoleForECS", policyARN), wantErr: protectedRole("AWSServiceRoleForECS")},
		{name: "PutRolePolicy (inferred from IAM's protected roles)", call: putRolePolicy("AWSServiceRoleForECS", "x", trustedDoc), wantErr: protectedRole("AWSServiceRoleForECS")},
		{name: "DeleteRolePolicy (recorded)", call: deleteRolePolicy("AWSServiceRoleForECS", "x"), wantErr: protectedRole("AWSServiceRoleForECS")},
		{name: "UpdateAssumeRolePolicy", call: updateAssumeRolePolicy("AWSServiceRoleForECS", trustEC2), wantErr: protectedRole("AWSServiceRoleForECS")},
		{name: "PutRolePermissionsBoundary", call: putRoleBoundary("AWSServiceRoleForECS", policyARN), wantErr: protectedRole("AWSServiceRoleForECS")},
		{name: "DeleteRolePermissionsBoundary", call: deleteRoleBoundary("AWSServiceRoleForECS"), wantErr: protectedRole("AWSServiceRoleForECS")},
		{name: "AddRoleToInstanceProfile", seed: seedLinked(fakeiam.InstanceProfile("ip")), call: addRoleToInstanceProfile("ip", "AWSServiceRoleForECS"),
			wantErr: protectedRole("AWSServiceRoleForECS")},
		{name: "named in another case: IAM's name in the text", call: deleteRole("awsservicerole" + "forecs"), wantErr: protectedRole("AWSServiceRoleForECS")},
		{name: "no such role before protection", call: deleteRole("AWSServiceRoleForEKS"), wantErr: noSuchRole("AWSServiceRoleForEKS")},
		{name: "its description may change", steps: []change{do(updateRoleDescription("AWSServiceRoleForECS", "mine"))}, call: getRole("AWSServiceRoleForECS"),
			want: &iam.GetRoleOutput{Role: gotRole(ecsRole, 3600, "mine")}},
		{name: "UpdateRole may change its description (choice)", steps: []change{do(updateRole(&iam.UpdateRoleInput{RoleName: aws.String("AWSServiceRoleForECS"), Description: aws.String("d")}))},
			call: getRole("AWSServiceRoleForECS"), want: &iam.GetRoleOutput{Role: gotRole(ecsRole, 3600, "d")}},
		{name: "UpdateRole may not change its session (choice)", call: updateRole(&iam.UpdateRoleInput{RoleName: aws.String("AWSServiceRoleForECS"), MaxSessionDuration: aws.Int32(7200)}),
			wantErr: protectedRole("AWSServiceRoleForECS")},
		{name: "UpdateAssumeRolePolicy checks the document before the role", call: updateAssumeRolePolicy("AWSServiceRoleForECS", "{"), wantErr: malformedPolicy("This policy contains invalid Json")},
		{name: "its tags may change", steps: []change{do(tagRole("AWSServiceRoleForECS", tag("team", "ops")))}, call: getRole("AWSServiceRoleForECS"),
			want: &iam.GetRoleOutput{Role: gotRole(withRoleTags(ecsRole, tag("team", "ops")), 3600, "")}},
		{name: "its policies may be read", call: listAttachedRolePolicies(&iam.ListAttachedRolePoliciesInput{RoleName: aws.String("AWSServiceRoleForECS")}),
			want: attachedPage(awsServiceRolePolicy("AmazonECSServiceRolePolicy"))},
	})
}

// withRoleTags is r with tags.
func withRoleTags(r *types.Role, tags ...types.Tag) *types.Role {
	c := *r
	c.Tags = tags
	return &c
}

func TestDeleteServiceLinkedRoleSpec(t *testing.T) {
	runScenarios(t, seedLinked(), []scenario{
		{name: "a deletion task named after the role (recorded form)", call: deleteServiceLinkedRole("AWSServiceRoleForECS"),
			want: &iam.DeleteServiceLinkedRoleOutput{DeletionTaskId: aws.String("<new ecs deletion task>")}},
		{name: "named in another case", call: deleteServiceLinkedRole("awsservicerole" + "forecs"),
			want: &iam.DeleteServiceLinkedRoleOutput{DeletionTaskId: aws.String("<new ecs deletion task>")}},
		{name: "then the role is gone", steps: []change{do(deleteServiceLinkedRole("AWSServiceRoleForECS"))}, call: getRole("AWSServiceRoleForECS"),
			wantErr: noSuchRole("AWSServiceRoleForECS")},
		{name: "then its policy's attachment with it", steps: []change{do(deleteServiceLinkedRole("AWSServiceRoleForECS"))},
			call: listEntitiesForPolicy(&iam.ListEntitiesForPolicyInput{PolicyArn: aws.String("arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy")}),
			want: &iam.ListEntitiesForPolicyOutput{PolicyGroups: []types.PolicyGroup{}, PolicyUsers: []types.PolicyUser{}, PolicyRoles: []types.PolicyRole{}}},
		{name: "then it may be made again", steps: []change{do(deleteServiceLinkedRole("AWSServiceRoleForECS"))}, call: createServiceLinkedRole("ecs.amazonaws.com", nil, nil),
			want: createdLinkedRole("ecs.amazonaws.com", "AWSServiceRoleForECS")},
		{name: "its task succeeded", steps: []change{deletedTask("AWSServiceRoleForECS")}, call: statusOfTask,
			want: &iam.GetServiceLinkedRoleDeletionStatusOutput{Status: types.DeletionTaskStatusTypeSucceeded}},
		{name: "twice: no such role", steps: []change{do(deleteServiceLinkedRole("AWSServiceRoleForECS"))}, call: deleteServiceLinkedRole("AWSServiceRoleForECS"),
			wantErr: noSuchRole("AWSServiceRoleForECS")},
		{name: "a role CreateRole made (choice)", call: deleteServiceLinkedRole("Builder"), wantErr: notServiceLinked("Builder")},
		{name: "a role CreateRole made under the service path is not linked", steps: []change{do(createRole(&iam.CreateRoleInput{RoleName: aws.String("impostor"),
			Path: aws.String("/aws-service-role/ecs.amazonaws.com/"), AssumeRolePolicyDocument: aws.String(trustEC2)}))},
			call: deleteServiceLinkedRole("impostor"), wantErr: notServiceLinked("impostor")},
		{name: "no such role", call: deleteServiceLinkedRole("nope"), wantErr: noSuchRole("nope")},
	})
}

func TestGetServiceLinkedRoleDeletionStatusSpec(t *testing.T) {
	const unknown = "task/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS/00000000-0000-4000-8000-000000000000"
	runScenarios(t, seedLinked(), []scenario{
		{name: "a task of the account: SUCCEEDED", steps: []change{deletedTask("AWSServiceRoleForECS")}, call: statusOfTask,
			want: &iam.GetServiceLinkedRoleDeletionStatusOutput{Status: types.DeletionTaskStatusTypeSucceeded}},
		{name: "a task never made (choice)", call: deletionStatus(unknown),
			wantErr: &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "Deletion task " + unknown + " cannot be found."}},
		{name: "not a task's form (choice)", call: deletionStatus("task/nope"),
			wantErr: &fakeiam.Error{Code: "InvalidInput", Status: 400, Message: "Invalid deletion task id task/nope."}},
		{name: "DeletionTaskId of 1001", call: deletionStatus(strings.Repeat("t", 1001)), wantErr: failedConstraints("deletionTaskId", maxLength(1000))},
	})
}

func TestServiceLinkedRoleSeeds(t *testing.T) {
	runScenarios(t, seedLinked(), []scenario{
		{name: "seeded as CreateServiceLinkedRole makes it", call: getRole("AWSServiceRoleForECS"), want: &iam.GetRoleOutput{Role: gotRole(ecsRole, 3600, "")}},
		{name: "with its policy attached", call: listAttachedRolePolicies(&iam.ListAttachedRolePoliciesInput{RoleName: aws.String("AWSServiceRoleForECS")}),
			want: attachedPage(awsServiceRolePolicy("AmazonECSServiceRolePolicy"))},
		{name: "a suffix and a description", seed: seedRoles(fakeiam.ServiceLinkedRole("autoscaling.amazonaws.com").CustomSuffix("a").Description("d")),
			call: getRole("AWSServiceRoleForAutoScaling_a"),
			want: &iam.GetRoleOutput{Role: gotRole(linkedRole("autoscaling.amazonaws.com", "AWSServiceRoleForAutoScaling_a", "<id of role AWSServiceRoleForAutoScaling_a>"), 3600, "d")}},
		{name: "then CreateServiceLinkedRole finds the name taken", call: createServiceLinkedRole("ecs.amazonaws.com", nil, nil), wantErr: linkedRoleTaken("AWSServiceRoleForECS")},
		{name: "a seeded one may be deleted", steps: []change{deletedTask("AWSServiceRoleForECS")}, call: statusOfTask,
			want: &iam.GetServiceLinkedRoleDeletionStatusOutput{Status: types.DeletionTaskStatusTypeSucceeded}},
	})
}

func TestServiceLinkedRoleSeedsRefused(t *testing.T) {
	ecs := fakeiam.ServiceLinkedRole("ecs.amazonaws.com")
	for _, tc := range []struct {
		name  string
		seeds []fakeiam.Option
		want  string // in New's error
	}{
		{"a service the fake does not know", []fakeiam.Option{fakeiam.ServiceLinkedRole("nothing.example.com")},
			`service-linked role of "nothing.example.com": Service nothing.example.com does not have a service-linked role. (LinkedServices adds services)`},
		{"a suffix the service does not take", []fakeiam.Option{ecs.CustomSuffix("x")}, "InvalidInput: Custom suffix is not allowed for ecs.amazonaws.com"},
		{"a suffix off the pattern", []fakeiam.Option{fakeiam.ServiceLinkedRole("autoscaling.amazonaws.com").CustomSuffix("a b")}, "customSuffix"},
		{"a path", []fakeiam.Option{ecs.Path("/x/")}, "its path, trust policy and session duration are IAM's"},
		{"a trust policy", []fakeiam.Option{ecs.TrustPolicy(trustEC2)}, "its path, trust policy and session duration are IAM's"},
		{"an inline policy", []fakeiam.Option{ecs.InlinePolicy("x", trustedDoc)}, "Cannot perform the operation on the protected role 'AWSServiceRoleForECS'"},
		{"attached by a managed policy seed", []fakeiam.Option{ecs, fakeiam.ManagedPolicy("p", trustedDoc).AttachedToRoles("AWSServiceRoleForECS")},
			`role "AWSServiceRoleForECS": Cannot perform the operation on the protected role`},
		{"held by an instance profile seed", []fakeiam.Option{ecs, fakeiam.InstanceProfile("ip").Role("AWSServiceRoleForECS")},
			`role "AWSServiceRoleForECS": Cannot perform the operation on the protected role`},
		{"seeded twice", []fakeiam.Option{ecs, ecs}, `role "AWSServiceRoleForECS" seeded twice`},
		{"a role's name taken", []fakeiam.Option{fakeiam.Role("AWSServiceRoleForECS"), ecs}, `role "AWSServiceRoleForECS" seeded twice`},
		{"a custom suffix on a plain role", []fakeiam.Option{fakeiam.Role("r").CustomSuffix("x")}, "a custom suffix is a service-linked role's"},
		{"a custom suffix on a user", []fakeiam.Option{fakeiam.User("u").CustomSuffix("x")}, "custom suffix are a role's (Role, ServiceLinkedRole), not a user's"},
		{"LinkedServices: a policy the fake does not know", []fakeiam.Option{fakeiam.LinkedServices(fakeiam.LinkedService{Service: "x.amazonaws.com", RoleName: "R",
			Policies: []string{"arn:aws:iam::aws:policy/Nope"}})}, `policy "arn:aws:iam::aws:policy/Nope" is not an AWS managed policy the fake knows`},
		{"LinkedServices: a role name off the pattern", []fakeiam.Option{fakeiam.LinkedServices(fakeiam.LinkedService{Service: "x.amazonaws.com", RoleName: "a b"})},
			`role name "a b"`},
		{"LinkedServices: no service", []fakeiam.Option{fakeiam.LinkedServices(fakeiam.LinkedService{RoleName: "R"})}, "service: 1 validation error detected: Value at 'aWSServiceName'"},
		{"LinkedServices: a policy twice", []fakeiam.Option{fakeiam.LinkedServices(fakeiam.LinkedService{Service: "x.amazonaws.com", RoleName: "R",
			Policies: []string{"arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"}})}, `policy "arn:aws:iam::aws:policy/ReadOnlyAccess" listed twice`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := fakeiam.New(tc.seeds...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("New: %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// TestLinkedServiceCatalog checks the catalog's facts through the API:
// every service's role is made with IAM's name, path and trust, and its
// policies exist and are attached.
func TestLinkedServiceCatalog(t *testing.T) {
	ctx := context.Background()
	f := fakeiam.MustNew()
	c := f.Client()
	name := regexp.MustCompile(`^AWSServiceRoleFor[\w+=,.@-]+$`)
	n := 0
	for _, svc := range fakeiam.LinkedServiceCatalog() {
		n++
		out, err := c.CreateServiceLinkedRole(ctx, &iam.CreateServiceLinkedRoleInput{AWSServiceName: aws.String(svc.Service)})
		if err != nil {
			t.Errorf("%s: %v", svc.Service, err)
			continue
		}
		r := out.Role
		if *r.RoleName != svc.RoleName || !name.MatchString(*r.RoleName) || *r.Path != "/aws-service-role/"+svc.Service+"/" {
			t.Errorf("%s: role %s at %s", svc.Service, *r.RoleName, *r.Path)
		}
		attached, err := c.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: r.RoleName})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range attached.AttachedPolicies {
			got = append(got, *p.PolicyArn)
		}
		if diff := cmp.Diff(svc.Policies, got); diff != "" || len(got) == 0 {
			t.Errorf("%s: attached policies (-catalog +attached):\n%s", svc.Service, diff)
		}
		_, err = c.CreateServiceLinkedRole(ctx, &iam.CreateServiceLinkedRoleInput{AWSServiceName: aws.String(svc.Service), CustomSuffix: aws.String("s")})
		var suffixRefused *types.InvalidInputException
		if refused := errors.As(err, &suffixRefused); refused == svc.CustomSuffix {
			t.Errorf("%s: CustomSuffix %v; the catalog says taken: %v", svc.Service, err, svc.CustomSuffix)
		}
	}
	if n != 78 {
		t.Errorf("the catalog has %d services, the sources 78", n)
	}
}

// TestServiceLinkedRoleAccessDenied: what AccessDenied (a fault) names:
// the role's ARN as it would be for CreateServiceLinkedRole (reported),
// "role NAME" for DeleteServiceLinkedRole, the role a task names for its
// status (choices).
func TestServiceLinkedRoleAccessDenied(t *testing.T) {
	deny := func(op fakeiam.Operation) []change {
		return []change{inject(fakeiam.Rule{Operation: op, Then: fakeiam.AccessDenied()})}
	}
	acct := "arn:aws:iam::" + fakeiam.DefaultAccountID
	const task = "task/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS/00000000-0000-4000-8000-000000000000"
	runScenarios(t, seedLinked(), []scenario{
		{name: "CreateServiceLinkedRole: the role's ARN", steps: deny(fakeiam.CreateServiceLinkedRole), call: createServiceLinkedRole("elasticloadbalancing.amazonaws.com", nil, nil),
			wantErr: ruleDenied(rootARN, fakeiam.CreateServiceLinkedRole, acct+":role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing")},
		{name: "CreateServiceLinkedRole with a suffix", steps: deny(fakeiam.CreateServiceLinkedRole), call: createServiceLinkedRole("autoscaling.amazonaws.com", aws.String("x"), nil),
			wantErr: ruleDenied(rootARN, fakeiam.CreateServiceLinkedRole, acct+":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling_x")},
		{name: "CreateServiceLinkedRole of an unknown service: its path", steps: deny(fakeiam.CreateServiceLinkedRole), call: createServiceLinkedRole("nothing.example.com", nil, nil),
			wantErr: ruleDenied(rootARN, fakeiam.CreateServiceLinkedRole, acct+":role/aws-service-role/nothing.example.com/")},
		{name: "DeleteServiceLinkedRole", steps: deny(fakeiam.DeleteServiceLinkedRole), call: deleteServiceLinkedRole("AWSServiceRoleForECS"),
			wantErr: ruleDenied(rootARN, fakeiam.DeleteServiceLinkedRole, "role AWSServiceRoleForECS")},
		{name: "GetServiceLinkedRoleDeletionStatus: the task's role", steps: deny(fakeiam.GetServiceLinkedRoleDeletionStatus), call: deletionStatus(task),
			wantErr: ruleDenied(rootARN, fakeiam.GetServiceLinkedRoleDeletionStatus, acct+":role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS")},
	})
}

// TestServiceLinkedRoleInTheAccount: a service-linked role is counted and
// listed wherever the account's roles and policies are (the summary, the
// authorization details, the AWS managed policy's attachments), from its
// creation until its deletion; Reset brings back the seeded one and
// forgets the deletion tasks.
func TestServiceLinkedRoleInTheAccount(t *testing.T) {
	ctx := context.Background()
	const ecsPolicy = "arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy"
	f := fakeiam.MustNew(fakeiam.ServiceLinkedRole("ecs.amazonaws.com"), fakeiam.PoliciesPerRole(0))
	c := f.Client()
	type seen struct {
		Roles, Attachments int32
		Entities           []string
		OnlyAttached       []string
		Details            []string // role: its attached policies
		DetailPolicies     []string // policy: its attachment count
	}
	look := func() seen {
		t.Helper()
		var s seen
		sum, err := c.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
		if err != nil {
			t.Fatal(err)
		}
		s.Roles = sum.SummaryMap["Roles"]
		p, err := c.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(ecsPolicy)})
		if err != nil {
			t.Fatal(err)
		}
		s.Attachments = *p.Policy.AttachmentCount
		ents, err := c.ListEntitiesForPolicy(ctx, &iam.ListEntitiesForPolicyInput{PolicyArn: aws.String(ecsPolicy)})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range ents.PolicyRoles {
			s.Entities = append(s.Entities, *r.RoleName)
		}
		attached, err := c.ListPolicies(ctx, &iam.ListPoliciesInput{OnlyAttached: true, Scope: types.PolicyScopeTypeAws})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range attached.Policies {
			s.OnlyAttached = append(s.OnlyAttached, *p.Arn)
		}
		details, err := c.GetAccountAuthorizationDetails(ctx, &iam.GetAccountAuthorizationDetailsInput{})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range details.RoleDetailList {
			for _, p := range r.AttachedManagedPolicies {
				s.Details = append(s.Details, *r.Path+*r.RoleName+": "+*p.PolicyArn)
			}
		}
		for _, p := range details.Policies {
			s.DetailPolicies = append(s.DetailPolicies, fmt.Sprintf("%s: %d", *p.Arn, *p.AttachmentCount))
		}
		return s
	}
	// The service's policies are outside PoliciesPerRole (0 here), for the
	// seed and for CreateServiceLinkedRole alike (choice).
	with := seen{Roles: 1, Attachments: 1, Entities: []string{"AWSServiceRoleForECS"}, OnlyAttached: []string{ecsPolicy},
		Details:        []string{"/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS: " + ecsPolicy},
		DetailPolicies: []string{ecsPolicy + ": 1"}}
	if diff := cmp.Diff(with, look()); diff != "" {
		t.Errorf("seeded (-want +got):\n%s", diff)
	}
	out, err := c.DeleteServiceLinkedRole(ctx, &iam.DeleteServiceLinkedRoleInput{RoleName: aws.String("AWSServiceRoleForECS")})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(seen{}, look()); diff != "" {
		t.Errorf("deleted (-want +got):\n%s", diff)
	}
	if _, err := c.CreateServiceLinkedRole(ctx, &iam.CreateServiceLinkedRoleInput{AWSServiceName: aws.String("ecs.amazonaws.com")}); err != nil {
		t.Fatalf("CreateServiceLinkedRole under PoliciesPerRole(0): %v", err)
	}
	if diff := cmp.Diff(with, look()); diff != "" {
		t.Errorf("created again (-want +got):\n%s", diff)
	}
	f.Reset()
	if diff := cmp.Diff(with, look()); diff != "" {
		t.Errorf("after Reset (-want +got):\n%s", diff)
	}
	var gone *types.NoSuchEntityException
	if _, err := c.GetServiceLinkedRoleDeletionStatus(ctx, &iam.GetServiceLinkedRoleDeletionStatusInput{DeletionTaskId: out.DeletionTaskId}); !errors.As(err, &gone) {
		t.Errorf("a task from before Reset: %v, want NoSuchEntity", err)
	}
}

// TestServiceRolePoliciesAreTheServicesOwn: a service-linked role's AWS
// managed policy is not attachable to the customer's roles (recorded:
// "PolicyNotAttachable: Cannot attach a Service Role Policy to a Customer
// Role.", aws/aws-cdk#6131), users or groups (choice: the same text).
func TestServiceRolePoliciesAreTheServicesOwn(t *testing.T) {
	const esPolicy = "arn:aws:iam::aws:policy/aws-service-role/AmazonElasticsearchServiceRolePolicy"
	notAttachable := func(to string) *fakeiam.Error {
		return &fakeiam.Error{Code: "PolicyNotAttachable", Status: 400, Message: "Cannot attach a Service Role Policy to a Customer " + to + "."}
	}
	runScenarios(t, seedRoles(fakeiam.Group("ops")), []scenario{
		{name: "to a role (recorded)", call: attachRolePolicy("app", esPolicy), wantErr: notAttachable("Role")},
		{name: "to a user", call: attachUserPolicy("Bob", esPolicy), wantErr: notAttachable("User")},
		{name: "to a group", call: attachGroupPolicy("ops", esPolicy), wantErr: notAttachable("Group")},
		{name: "another AWS managed policy is", call: attachRolePolicy("app", "arn:aws:iam::aws:policy/ReadOnlyAccess"), want: &iam.AttachRolePolicyOutput{}},
	})
	if _, err := fakeiam.New(fakeiam.User("u"), fakeiam.AWSManagedPolicy(esPolicy).AttachedToUsers("u")); err == nil ||
		!strings.Contains(err.Error(), "Cannot attach a Service Role Policy to a Customer User.") {
		t.Errorf("a seed attaching it to a user: %v", err)
	}
}
