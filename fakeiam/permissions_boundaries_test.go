package fakeiam_test

// docs/contract.md, "Permissions boundaries": Put/Delete User/Role
// PermissionsBoundary, CreateUser's PermissionsBoundary, GetUser's and
// ListUsers' answers, GetPolicy's PermissionsBoundaryUsageCount,
// ListEntitiesForPolicy's and ListPolicies' PolicyUsageFilter, DeletePolicy
// while a policy bounds an entity, each row through the differential
// harness; the seeds.

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

var boundaryARN = arnOf("/", "Boundary")

// seedBoundaries is seedRoleAttachments with the policy Boundary, the
// permissions boundary of user Carol and role Bounded.
func seedBoundaries(more ...fakeiam.Option) []fakeiam.Option {
	return seedRoleAttachments(append([]fakeiam.Option{
		fakeiam.ManagedPolicy("Boundary", docDeny).CreatedAt(readCreated),
		fakeiam.User("Carol").CreatedAt(bobCreated).PermissionsBoundary(boundaryARN),
		fakeiam.Role("Bounded").PermissionsBoundary(boundaryARN),
	}, more...)...)
}

// bounded is u with its permissions boundary, of type "Policy" as IAM
// answers it (recorded; the model's enum says PermissionsBoundaryPolicy).
func bounded(u *types.User, arn string) *types.User {
	c := *u
	c.PermissionsBoundary = &types.AttachedPermissionsBoundary{PermissionsBoundaryArn: aws.String(arn), PermissionsBoundaryType: "Policy"}
	return &c
}

// boundaryPolicy is the policy Boundary as GetPolicy answers it, bounding
// n entities.
func boundaryPolicy(n int32) *iam.GetPolicyOutput {
	p := iamPolicy("/", "Boundary", "<id of policy Boundary>", "v1", 0, readCreated, readCreated)
	p.PermissionsBoundaryUsageCount = aws.Int32(n)
	return got(p, "")
}

func TestUserPermissionsBoundarySpec(t *testing.T) {
	carol := iamUser("/", "Carol", "<id of Carol>", bobCreated)
	runScenarios(t, seedBoundaries(), []scenario{
		{name: "put", call: putUserBoundary("Bob", boundaryARN), want: &iam.PutUserPermissionsBoundaryOutput{}},
		{name: "put, then GetUser shows it", steps: []change{do(putUserBoundary("Bob", boundaryARN))}, call: getUser(aws.String("Bob")),
			want: &iam.GetUserOutput{User: bounded(bobUser, boundaryARN)}},
		{name: "GetUser of a seeded boundary", call: getUser(aws.String("Carol")), want: &iam.GetUserOutput{User: bounded(carol, boundaryARN)}},
		{name: "GetUser without one: no PermissionsBoundary", call: getUser(aws.String("Bob")), want: &iam.GetUserOutput{User: bobUser}},
		{name: "ListUsers leaves it out", call: listUsers(&iam.ListUsersInput{PathPrefix: aws.String("/"), MaxItems: aws.Int32(1), Marker: nil}),
			want: &iam.ListUsersOutput{Users: []types.User{*iamUser("/eng/", "Alice", "<id of Alice>", aliceCreated)}, IsTruncated: true, Marker: aws.String("<marker>")}},
		{name: "ListUsers: Carol without it", call: listUsers(&iam.ListUsersInput{PathPrefix: aws.String("/"), MaxItems: aws.Int32(3)}),
			want: &iam.ListUsersOutput{Users: []types.User{*iamUser("/eng/", "Alice", "<id of Alice>", aliceCreated), *bobUser, *carol}}},
		{name: "put another: replaced", steps: []change{do(putUserBoundary("Carol", readOnlyARN))}, call: getUser(aws.String("Carol")),
			want: &iam.GetUserOutput{User: bounded(carol, readOnlyARN)}},
		{name: "put another: the old one's count drops", steps: []change{do(putUserBoundary("Carol", readOnlyARN))}, call: getPolicy(boundaryARN), want: boundaryPolicy(1)},
		{name: "as the user itself", as: asKey(bobKey.ID), call: putUserBoundary("Bob", boundaryARN), want: &iam.PutUserPermissionsBoundaryOutput{}},
		{name: "no such user", call: putUserBoundary("Nobody", boundaryARN), wantErr: noSuchUser("Nobody")},
		{name: "the user before the policy", call: putUserBoundary("Nobody", arnOf("/", "nope")), wantErr: noSuchUser("Nobody")},
		{name: "a policy that does not exist", call: putUserBoundary("Bob", arnOf("/", "nope")), wantErr: boundaryNotAttachable(arnOf("/", "nope"))},
		{name: "a user's ARN", call: putUserBoundary("Bob", "arn:aws:iam::123456789012:user/Carol"), wantErr: notAPolicyARN("arn:aws:iam::123456789012:user/Carol")},
		{name: "an ARN of no resource type IAM has (recorded)", call: putRoleBoundary("Empty", "arn:aws:iam::123456789012:not_a_policy/invalid"),
			wantErr: notAPolicyARN("arn:aws:iam::123456789012:not_a_policy/invalid")},
		{name: "not an ARN", call: putUserBoundary("Bob", "longpolicynamebutnoarn"), wantErr: invalidARN("longpolicynamebutnoarn")},
		{name: "too short", call: putUserBoundary("Bob", "arn:aws:iam::1:p"), wantErr: failedConstraints("permissionsBoundary", minLength(20))},
		{name: "UserName is required", call: callOf((*iam.Client).PutUserPermissionsBoundary, &iam.PutUserPermissionsBoundaryInput{PermissionsBoundary: aws.String(boundaryARN)}),
			wantErr: failedConstraints("userName", "Member must not be null")},
		{name: "delete", call: deleteUserBoundary("Carol"), want: &iam.DeleteUserPermissionsBoundaryOutput{}},
		{name: "delete, then GetUser without it", steps: []change{do(deleteUserBoundary("Carol"))}, call: getUser(aws.String("Carol")), want: &iam.GetUserOutput{User: carol}},
		{name: "delete one the user does not have", call: deleteUserBoundary("Bob"), want: &iam.DeleteUserPermissionsBoundaryOutput{}},
		{name: "delete: no such user", call: deleteUserBoundary("Nobody"), wantErr: noSuchUser("Nobody")},
		{name: "CreateUser with one", call: createUser(&iam.CreateUserInput{UserName: aws.String("Dan"), PermissionsBoundary: aws.String(boundaryARN)}),
			want: &iam.CreateUserOutput{User: bounded(iamUser("/", "Dan", "<new user id>", testNow), boundaryARN)}},
		{name: "CreateUser with one, then counted", steps: []change{do(createUser(&iam.CreateUserInput{UserName: aws.String("Dan"), PermissionsBoundary: aws.String(boundaryARN)}))},
			call: getPolicy(boundaryARN), want: boundaryPolicy(3)},
		{name: "CreateUser: a policy that does not exist", call: createUser(&iam.CreateUserInput{UserName: aws.String("Dan"), PermissionsBoundary: aws.String(arnOf("/", "nope"))}),
			wantErr: boundaryNotAttachable(arnOf("/", "nope"))},
		{name: "CreateUser: not an ARN", call: createUser(&iam.CreateUserInput{UserName: aws.String("Dan"), PermissionsBoundary: aws.String("longpolicynamebutnoarn")}), wantErr: invalidARN("longpolicynamebutnoarn")},
		{name: "CreateUser: the name taken before the boundary", call: createUser(&iam.CreateUserInput{UserName: aws.String("Bob"), PermissionsBoundary: aws.String(arnOf("/", "nope"))}),
			wantErr: userExists("Bob")},
		{name: "DeleteUser with one: deleted, its count drops", steps: []change{do(deleteUser("Carol"))}, call: getPolicy(boundaryARN), want: boundaryPolicy(1)},
		{name: "a renamed user keeps it", steps: []change{do(updateUser(&iam.UpdateUserInput{UserName: aws.String("Carol"), NewUserName: aws.String("Caroline")}))},
			call: getUser(aws.String("Caroline")), want: &iam.GetUserOutput{User: bounded(iamUser("/", "Caroline", "<id of Carol>", bobCreated), boundaryARN)}},
	})
}

func TestRolePermissionsBoundarySpec(t *testing.T) {
	runScenarios(t, seedBoundaries(), []scenario{
		{name: "put", call: putRoleBoundary("Empty", boundaryARN), want: &iam.PutRolePermissionsBoundaryOutput{}},
		{name: "put, then counted", steps: []change{do(putRoleBoundary("Empty", boundaryARN))}, call: getPolicy(boundaryARN), want: boundaryPolicy(3)},
		{name: "put twice: counted once", steps: []change{do(putRoleBoundary("Bounded", boundaryARN))}, call: getPolicy(boundaryARN), want: boundaryPolicy(2)},
		{name: "no such role", call: putRoleBoundary("Nobody", boundaryARN), wantErr: noSuchRole("Nobody")},
		{name: "a policy that does not exist", call: putRoleBoundary("Empty", arnOf("/", "nope")), wantErr: boundaryNotAttachable(arnOf("/", "nope"))},
		{name: "not an ARN", call: putRoleBoundary("Empty", "longpolicynamebutnoarn"), wantErr: invalidARN("longpolicynamebutnoarn")},
		{name: "a boundary is no attachment", steps: []change{do(putRoleBoundary("Empty", boundaryARN))}, call: attachedToRole("Empty"), want: rolePoliciesPage()},
		{name: "DetachRolePolicy of its boundary", call: detachRolePolicy("Bounded", boundaryARN), wantErr: noSuchPolicy(boundaryARN)},
		{name: "delete", call: deleteRoleBoundary("Bounded"), want: &iam.DeleteRolePermissionsBoundaryOutput{}},
		{name: "delete, then the count drops", steps: []change{do(deleteRoleBoundary("Bounded"))}, call: getPolicy(boundaryARN), want: boundaryPolicy(1)},
		{name: "delete one the role does not have", call: deleteRoleBoundary("Empty"), want: &iam.DeleteRolePermissionsBoundaryOutput{}},
		{name: "delete: no such role", call: deleteRoleBoundary("Nobody"), wantErr: noSuchRole("Nobody")},
		{name: "GetRole of a seeded boundary", call: getRole("Bounded"), want: &iam.GetRoleOutput{Role: boundedRole(gotRole(boundedSeeded, 3600, ""), boundaryARN)}},
		{name: "put, then GetRole shows it", steps: []change{do(putRoleBoundary("Bounded", readOnlyARN))}, call: getRole("Bounded"),
			want: &iam.GetRoleOutput{Role: boundedRole(gotRole(boundedSeeded, 3600, ""), readOnlyARN)}},
		{name: "delete, then GetRole without it", steps: []change{do(deleteRoleBoundary("Bounded"))}, call: getRole("Bounded"),
			want: &iam.GetRoleOutput{Role: gotRole(boundedSeeded, 3600, "")}},
		{name: "ListRoles leaves it out", call: listRoles(&iam.ListRolesInput{PathPrefix: aws.String("/"), MaxItems: aws.Int32(1)}),
			want: &iam.ListRolesOutput{Roles: []types.Role{listedRole(gotRole(boundedSeeded, 3600, ""))}, IsTruncated: true, Marker: aws.String("<marker>")}},
		{name: "CreateRole with one", call: createRole(roleWithBoundary("web", boundaryARN)),
			want: &iam.CreateRoleOutput{Role: boundedRole(createdRole("/", "web", "<new role id>", testNow, trustEC2), boundaryARN)}},
		{name: "CreateRole with one, then counted", steps: []change{do(createRole(roleWithBoundary("web", boundaryARN)))}, call: getPolicy(boundaryARN), want: boundaryPolicy(3)},
		{name: "CreateRole: a policy that does not exist", call: createRole(roleWithBoundary("web", arnOf("/", "nope"))), wantErr: boundaryNotAttachable(arnOf("/", "nope"))},
		{name: "CreateRole: not an ARN", call: createRole(roleWithBoundary("web", "longpolicynamebutnoarn")), wantErr: invalidARN("longpolicynamebutnoarn")},
		{name: "CreateRole: the name taken before the boundary", call: createRole(roleWithBoundary("Bounded", arnOf("/", "nope"))), wantErr: roleExists("Bounded")},
		{name: "DeleteRole with one: deleted, its count drops", steps: []change{do(deleteRole("Bounded"))}, call: getPolicy(boundaryARN), want: boundaryPolicy(1)},
	})
}

// boundedSeeded is the role Bounded of seedBoundaries as CreateRole would
// show it.
var boundedSeeded = createdRole("/", "Bounded", "<id of role Bounded>", testNow, trustDefault)

// boundedRole is r with its permissions boundary, of type "Policy".
func boundedRole(r *types.Role, arn string) *types.Role {
	c := *r
	c.PermissionsBoundary = &types.AttachedPermissionsBoundary{PermissionsBoundaryArn: aws.String(arn), PermissionsBoundaryType: "Policy"}
	return &c
}

func roleWithBoundary(name, arn string) *iam.CreateRoleInput {
	in := newRoleInput(name, trustEC2)
	in.PermissionsBoundary = aws.String(arn)
	return in
}

func TestBoundaryUsageSpec(t *testing.T) {
	boundaryListed := iamPolicy("/", "Boundary", "<id of policy Boundary>", "v1", 0, readCreated, readCreated)
	boundaryListed.PermissionsBoundaryUsageCount = aws.Int32(2)
	roleOnly := iamPolicy("/", "RoleOnly", "<id of policy RoleOnly>", "v1", 1, readCreated, readCreated)
	entitiesOf := func(usage types.PolicyUsageType, filter types.EntityType) call {
		return listEntitiesForPolicy(&iam.ListEntitiesForPolicyInput{PolicyArn: aws.String(boundaryARN), PolicyUsageFilter: usage, EntityFilter: filter})
	}
	runScenarios(t, seedBoundaries(), []scenario{
		{name: "GetPolicy: PermissionsBoundaryUsageCount", call: getPolicy(boundaryARN), want: boundaryPolicy(2)},
		{name: "ListEntitiesForPolicy: PermissionsBoundary", call: entitiesOf(types.PolicyUsageTypePermissionsBoundary, ""),
			want: entitiesWithRoles(nil, []types.PolicyUser{policyUser("Carol")}, []types.PolicyRole{policyRole("Bounded")})},
		{name: "ListEntitiesForPolicy: PermissionsBoundary, roles only", call: entitiesOf(types.PolicyUsageTypePermissionsBoundary, types.EntityTypeRole),
			want: entitiesWithRoles(nil, nil, []types.PolicyRole{policyRole("Bounded")})},
		{name: "ListEntitiesForPolicy: PermissionsPolicy leaves boundaries out", call: entitiesOf(types.PolicyUsageTypePermissionsPolicy, ""), want: entitiesWithRoles(nil, nil, nil)},
		{name: "ListEntitiesForPolicy: no filter, both, each once", steps: []change{do(attachUserPolicy("Carol", boundaryARN)), do(attachUserPolicy("Bob", boundaryARN))},
			call: entitiesOf("", ""), want: entitiesWithRoles(nil, []types.PolicyUser{policyUser("Bob"), policyUser("Carol")}, []types.PolicyRole{policyRole("Bounded")})},
		{name: "ListEntitiesForPolicy: a boundary's attachments only with PermissionsPolicy", steps: []change{do(attachUserPolicy("Bob", boundaryARN))},
			call: entitiesOf(types.PolicyUsageTypePermissionsPolicy, ""), want: entitiesWithRoles(nil, []types.PolicyUser{policyUser("Bob")}, nil)},
		{name: "ListEntitiesForPolicy: the boundary's page of 1", call: listEntitiesForPolicy(&iam.ListEntitiesForPolicyInput{PolicyArn: aws.String(boundaryARN), MaxItems: aws.Int32(1)}),
			want: func() *iam.ListEntitiesForPolicyOutput {
				out := entitiesWithRoles(nil, []types.PolicyUser{policyUser("Carol")}, nil)
				out.IsTruncated, out.Marker = true, aws.String("<marker>")
				return out
			}()},
		{name: "ListPolicies: OnlyAttached, PermissionsBoundary", call: listPolicies(&iam.ListPoliciesInput{OnlyAttached: true, PolicyUsageFilter: types.PolicyUsageTypePermissionsBoundary}),
			want: policiesPage(boundaryListed)},
		{name: "ListPolicies: OnlyAttached, PermissionsPolicy", call: listPolicies(&iam.ListPoliciesInput{OnlyAttached: true, PolicyUsageFilter: types.PolicyUsageTypePermissionsPolicy}),
			want: policiesPage(readOnlyPolicy, roleOnly)},
		{name: "ListPolicies: OnlyAttached, either", call: listPolicies(&iam.ListPoliciesInput{OnlyAttached: true}),
			want: policiesPage(boundaryListed, readOnlyPolicy, roleOnly)},
		{name: "DeletePolicy refused while it bounds an entity", call: deletePolicy(boundaryARN), wantErr: policyAttached},
		{name: "an AWS managed policy as a boundary", call: putUserBoundary("Bob", awsReadOnlyARN), want: &iam.PutUserPermissionsBoundaryOutput{}},
		{name: "an AWS managed policy's boundary entities", steps: []change{do(putUserBoundary("Bob", awsReadOnlyARN))},
			call: listEntitiesForPolicy(&iam.ListEntitiesForPolicyInput{PolicyArn: aws.String(awsReadOnlyARN), PolicyUsageFilter: types.PolicyUsageTypePermissionsBoundary}),
			want: entitiesWithRoles(nil, []types.PolicyUser{policyUser("Bob")}, nil)},
		{name: "an AWS managed policy the catalog does not hold", call: putRoleBoundary("Empty", "arn:aws:iam::aws:policy/NoSuchPolicyAtAll"),
			wantErr: boundaryNotAttachable("arn:aws:iam::aws:policy/NoSuchPolicyAtAll")},
		{name: "DeletePolicy once no entity is bounded", steps: []change{do(deleteRoleBoundary("Bounded")), do(deleteUserBoundary("Carol"))}, call: deletePolicy(boundaryARN),
			want: &iam.DeletePolicyOutput{}},
	})
}

func TestBoundarySeeds(t *testing.T) {
	tests := []struct {
		name string
		seed []fakeiam.Option
		want string
	}{
		{"no such policy", []fakeiam.Option{fakeiam.User("Bob").PermissionsBoundary(arnOf("/", "nope"))},
			`account 123456789012: user "Bob": permissions boundary "arn:aws:iam::123456789012:policy/nope": Scope ARN: arn:aws:iam::123456789012:policy/nope does not exist or is not attachable. (seed the managed policy in the same account)`},
		{"not an ARN", []fakeiam.Option{fakeiam.Role("R").PermissionsBoundary("longpolicynamebutnoarn")},
			`role "R": permissions boundary "longpolicynamebutnoarn": ARN longpolicynamebutnoarn is not valid.`},
		// No hint to seed a policy: no policy would do.
		{"a role's ARN", []fakeiam.Option{fakeiam.Role("R"), fakeiam.Role("S").PermissionsBoundary("arn:aws:iam::123456789012:role/R")},
			`role "S": permissions boundary "arn:aws:iam::123456789012:role/R": ARN arn:aws:iam::123456789012:role/R is not valid.` + "\n"},
		{"too short", []fakeiam.Option{fakeiam.User("Bob").PermissionsBoundary("arn:aws:iam::1:p")},
			`user "Bob": permissions boundary "arn:aws:iam::1:p": 1 validation error detected: Value at 'permissionsBoundary' failed to satisfy constraint: Member must have length greater than or equal to 20`},
		{"another account's policy", []fakeiam.Option{fakeiam.ManagedPolicy("B", docList), fakeiam.Account("210987654321", fakeiam.User("Bob").PermissionsBoundary(arnOf("/", "B")))},
			`account 210987654321: user "Bob": permissions boundary`},
		{"on the root", []fakeiam.Option{fakeiam.ManagedPolicy("B", docList), fakeiam.Root().PermissionsBoundary(arnOf("/", "B"))}, `root: permissions boundary "arn:aws:iam::123456789012:policy/B": the root user has no permissions boundary`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newFakeE(tt.seed...)
			got := ""
			if err != nil {
				got = err.Error() + "\n" // a want ending in a line feed is the problem's whole line
			}
			if !strings.Contains(got, tt.want) {
				t.Error(cmp.Diff(tt.want, got))
			}
		})
	}
}
