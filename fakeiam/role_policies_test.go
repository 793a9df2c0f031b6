package fakeiam_test

// docs/contract.md, "Role policies": PutRolePolicy, GetRolePolicy,
// ListRolePolicies, DeleteRolePolicy, AttachRolePolicy, DetachRolePolicy,
// ListAttachedRolePolicies and the roles of ListEntitiesForPolicy, each row
// through the differential harness (both doors and the SDK's decoding of
// IAM's XML); the seeds.

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

func seedRolePolicies(more ...fakeiam.Option) []fakeiam.Option {
	return append([]fakeiam.Option{
		fakeiam.Role("Deployer").AccessKey(roleKey).InlinePolicy("s3", s3Doc).InlinePolicy("Pretty", prettyDoc),
		fakeiam.Role("Empty"),
		fakeiam.User("Bob"),
		fakeiam.Root().AccessKey(rootKey),
	}, more...)
}

func rolePolicy(role, name, encoded string) *iam.GetRolePolicyOutput {
	return &iam.GetRolePolicyOutput{RoleName: aws.String(role), PolicyName: aws.String(name), PolicyDocument: aws.String(encoded)}
}

func rolePolicyNames(marker string, names ...string) *iam.ListRolePoliciesOutput {
	out := &iam.ListRolePoliciesOutput{PolicyNames: append([]string{}, names...)}
	if marker != "" {
		out.IsTruncated, out.Marker = true, aws.String(marker)
	}
	return out
}

func TestPutRolePolicySpec(t *testing.T) {
	runScenarios(t, seedRolePolicies(), []scenario{
		{name: "stored", call: putRolePolicy("Empty", "s3", s3Doc), want: &iam.PutRolePolicyOutput{}},
		{name: "then answered URL-encoded", steps: []change{do(putRolePolicy("Empty", "s3", s3Doc))}, call: getRolePolicy("Empty", "s3"), want: rolePolicy("Empty", "s3", s3DocEncoded)},
		{name: "byte for byte", steps: []change{do(putRolePolicy("Empty", "p", prettyDoc))}, call: getRolePolicy("Empty", "p"), want: rolePolicy("Empty", "p", prettyDocEncoded)},
		{name: "a second put replaces", steps: []change{do(putRolePolicy("Deployer", "s3", prettyDoc))}, call: getRolePolicy("Deployer", "s3"), want: rolePolicy("Deployer", "s3", prettyDocEncoded)},
		{name: "as the role itself", as: asKey(roleKey.ID), call: putRolePolicy("Deployer", "more", s3Doc), want: &iam.PutRolePolicyOutput{}},
		{name: "no such role", call: putRolePolicy("Nobody", "s3", s3Doc), wantErr: noSuchRole("Nobody")},
		{name: "the role before the document", call: putRolePolicy("Nobody", "s3", "{"), wantErr: noSuchRole("Nobody")},
		{name: "not JSON", call: putRolePolicy("Empty", "s3", "{"), wantErr: malformedPolicy("Syntax errors in policy.")},
		{name: "a Principal", call: putRolePolicy("Empty", "s3", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}`),
			wantErr: malformedPolicy("Policy document should not specify a principal.")},
		{name: "10,240 bytes", call: putRolePolicy("Empty", "full", sizedDoc(10240, 0)), want: &iam.PutRolePolicyOutput{}},
		{name: "10,240 bytes and white space", call: putRolePolicy("Empty", "full", sizedDoc(10240, 900)), want: &iam.PutRolePolicyOutput{}},
		{name: "10,241 bytes", call: putRolePolicy("Empty", "full", sizedDoc(10241, 0)), wantErr: policySizeExceeded(10240, "role", "Empty")},
		{name: "the quota is the sum of the role's policies", steps: []change{do(putRolePolicy("Empty", "a", sizedDoc(5120, 0)))},
			call: putRolePolicy("Empty", "b", sizedDoc(5121, 0)), wantErr: policySizeExceeded(10240, "role", "Empty")},
		{name: "a replaced policy counts once", steps: []change{do(putRolePolicy("Empty", "a", sizedDoc(10000, 0)))},
			call: putRolePolicy("Empty", "a", sizedDoc(10240, 0)), want: &iam.PutRolePolicyOutput{}},
		{name: "RoleName is required", call: callOf((*iam.Client).PutRolePolicy, &iam.PutRolePolicyInput{PolicyName: aws.String("p"), PolicyDocument: aws.String(s3Doc)}),
			wantErr: failedConstraints("roleName", "Member must not be null")},
		{name: "a role name of 65", call: putRolePolicy(strings.Repeat("r", 65), "s3", s3Doc), wantErr: failedConstraints("roleName", maxLength(64))},
		{name: "a policy name with a space", call: putRolePolicy("Empty", "a b", s3Doc), wantErr: failedConstraints("policyName", pattern(`[\w+=,.@-]+`))},
	})
}

func TestGetListDeleteRolePolicySpec(t *testing.T) {
	runScenarios(t, seedRolePolicies(), []scenario{
		{name: "get", call: getRolePolicy("Deployer", "Pretty"), want: rolePolicy("Deployer", "Pretty", prettyDocEncoded)},
		{name: "get: no such policy", call: getRolePolicy("Deployer", "nope"), wantErr: noSuchInlinePolicy("role", "nope")},
		{name: "get: the name's case matters", call: getRolePolicy("Deployer", "pretty"), wantErr: noSuchInlinePolicy("role", "pretty")},
		{name: "get: no such role", call: getRolePolicy("Nobody", "s3"), wantErr: noSuchRole("Nobody")},
		{name: "get: a user's name is no role", call: getRolePolicy("Bob", "s3"), wantErr: noSuchRole("Bob")},
		{name: "list: by name, in byte order", call: listRolePolicies("Deployer", nil, nil), want: rolePolicyNames("", "Pretty", "s3")},
		{name: "list: none", call: listRolePolicies("Empty", nil, nil), want: rolePolicyNames("")},
		{name: "list: a page of 1", call: listRolePolicies("Deployer", nil, aws.Int32(1)), want: rolePolicyNames("<marker>", "Pretty")},
		{name: "list: no such role", call: listRolePolicies("Nobody", nil, nil), wantErr: noSuchRole("Nobody")},
		{name: "delete", call: deleteRolePolicy("Deployer", "s3"), want: &iam.DeleteRolePolicyOutput{}},
		{name: "delete, then listed without it", steps: []change{do(deleteRolePolicy("Deployer", "s3"))}, call: listRolePolicies("Deployer", nil, nil), want: rolePolicyNames("", "Pretty")},
		{name: "delete twice", steps: []change{do(deleteRolePolicy("Deployer", "s3"))}, call: deleteRolePolicy("Deployer", "s3"), wantErr: noSuchInlinePolicy("role", "s3")},
		{name: "delete frees the quota", steps: []change{do(putRolePolicy("Empty", "a", sizedDoc(10240, 0))), do(deleteRolePolicy("Empty", "a"))},
			call: putRolePolicy("Empty", "b", sizedDoc(10240, 0)), want: &iam.PutRolePolicyOutput{}},
		{name: "delete: no such role", call: deleteRolePolicy("Nobody", "s3"), wantErr: noSuchRole("Nobody")},
	})
}

func TestRoleInlinePolicySeeds(t *testing.T) {
	tests := []struct {
		name string
		seed fakeiam.Option
		want string
	}{
		{"a malformed document", fakeiam.Role("R").InlinePolicy("p", `{"Statement":[]}`),
			`account 123456789012: role "R": inline policy 1 "p": MalformedPolicyDocument: Syntax errors in policy.`},
		{"a name twice", fakeiam.Role("R").InlinePolicy("p", s3Doc).InlinePolicy("p", s3Doc), `role "R": inline policy 2 "p" seeded twice`},
		{"over the role's quota", fakeiam.Role("R").InlinePolicy("a", sizedDoc(6000, 0)).InlinePolicy("b", sizedDoc(5000, 0)),
			`role "R": inline policy 2 "b": the inline policies come to 11000 bytes, over the quota of 10240`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newFakeE(tt.seed)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if !strings.Contains(got, tt.want) {
				t.Error(cmp.Diff(tt.want, got))
			}
		})
	}
}

// seedRoleAttachments is seedPolicies (Deployer a role of it) with the
// role Empty and the policy RoleOnly attached to Deployer alone.
func seedRoleAttachments(more ...fakeiam.Option) []fakeiam.Option {
	return seedPolicies(append([]fakeiam.Option{
		fakeiam.Role("Empty").AccessKey(fakeiam.AccessKey{ID: "ASIAEMPTYROLEEXAMPLE", Secret: "empty-secret"}),
		fakeiam.ManagedPolicy("RoleOnly", docList).CreatedAt(readCreated).AttachedToRoles("Deployer"),
	}, more...)...)
}

var roleOnlyARN = arnOf("/", "RoleOnly")

func rolePoliciesPage(ps ...types.Policy) *iam.ListAttachedRolePoliciesOutput {
	out := &iam.ListAttachedRolePoliciesOutput{AttachedPolicies: []types.AttachedPolicy{}}
	for _, p := range ps {
		out.AttachedPolicies = append(out.AttachedPolicies, attached(p))
	}
	return out
}

func attachedToRole(role string) call {
	return listAttachedRolePolicies(&iam.ListAttachedRolePoliciesInput{RoleName: aws.String(role)})
}

func policyRole(name string) types.PolicyRole {
	return types.PolicyRole{RoleName: aws.String(name), RoleId: aws.String("<id of role " + name + ">")}
}

// entitiesWithRoles is ListEntitiesForPolicy's complete answer.
func entitiesWithRoles(groups []types.PolicyGroup, users []types.PolicyUser, roles []types.PolicyRole) *iam.ListEntitiesForPolicyOutput {
	out := entities(groups, users)
	if roles != nil {
		out.PolicyRoles = roles
	}
	return out
}

func TestAttachRolePolicySpec(t *testing.T) {
	roleOnly := iamPolicy("/", "RoleOnly", "<id of policy RoleOnly>", "v1", 1, readCreated, readCreated)
	tenMore := func() []fakeiam.Option {
		var opts []fakeiam.Option
		for i := range 10 {
			opts = append(opts, fakeiam.ManagedPolicy(fmt.Sprintf("p%02d", i), docList).AttachedToRoles("Empty"))
		}
		return opts
	}
	runScenarios(t, seedRoleAttachments(), []scenario{
		{name: "attach", call: attachRolePolicy("Empty", readOnlyARN), want: &iam.AttachRolePolicyOutput{}},
		{name: "attach, then listed", steps: []change{do(attachRolePolicy("Deployer", readOnlyARN))}, call: attachedToRole("Deployer"),
			want: rolePoliciesPage(readOnlyPolicy, roleOnly)},
		{name: "attach twice: once", steps: []change{do(attachRolePolicy("Deployer", roleOnlyARN))}, call: attachedToRole("Deployer"), want: rolePoliciesPage(roleOnly)},
		{name: "as the role itself", as: asKey(roleKey.ID), call: attachRolePolicy("Deployer", unusedARN), want: &iam.AttachRolePolicyOutput{}},
		{name: "no such role", call: attachRolePolicy("Nobody", readOnlyARN), wantErr: noSuchRole("Nobody")},
		{name: "the role before the policy", call: attachRolePolicy("Nobody", arnOf("/", "nope")), wantErr: noSuchRole("Nobody")},
		{name: "a policy that does not exist", call: attachRolePolicy("Empty", arnOf("/", "nope")), wantErr: notAttachable(arnOf("/", "nope"))},
		{name: "at another path", call: attachRolePolicy("Empty", arnOf("/x/", "ReadOnly")), wantErr: notAttachable(arnOf("/x/", "ReadOnly"))},
		{name: "not an ARN", call: attachRolePolicy("Empty", "longpolicynamebutnoarn"), wantErr: invalidARN("longpolicynamebutnoarn")},
		{name: "a policy's name for its ARN", call: attachRolePolicy("Empty", "RoleOnlyRoleOnlyRoleOnly"), wantErr: invalidARN("RoleOnlyRoleOnlyRoleOnly")},
		{name: "AttachUserPolicy: not an ARN", call: attachUserPolicy("Bob", "longpolicynamebutnoarn"), wantErr: invalidARN("longpolicynamebutnoarn")},
		{name: "an 11th policy", seed: seedRoleAttachments(tenMore()...), call: attachRolePolicy("Empty", readOnlyARN), wantErr: quotaExceeded("PoliciesPerRole", 10)},
		{name: "PoliciesPerRole lifts the quota", seed: seedRoleAttachments(append(tenMore(), fakeiam.PoliciesPerRole(11))...),
			call: attachRolePolicy("Empty", readOnlyARN), want: &iam.AttachRolePolicyOutput{}},
		{name: "AttachmentCount counts roles", steps: []change{do(attachRolePolicy("Empty", readOnlyARN))}, call: getPolicy(readOnlyARN),
			want: got(iamPolicy("/", "ReadOnly", "<id of policy ReadOnly>", "v1", 3, readCreated, readCreated), "reads buckets", tag("team", "eng"))},
		{name: "DeletePolicy refused while attached to a role", call: deletePolicy(roleOnlyARN), wantErr: policyAttached},
		{name: "RoleName is required", call: callOf((*iam.Client).AttachRolePolicy, &iam.AttachRolePolicyInput{PolicyArn: aws.String(readOnlyARN)}),
			wantErr: failedConstraints("roleName", "Member must not be null")},
	})
}

func TestDetachListRolePoliciesSpec(t *testing.T) {
	runScenarios(t, seedRoleAttachments(), []scenario{
		{name: "detach", call: detachRolePolicy("Deployer", roleOnlyARN), want: &iam.DetachRolePolicyOutput{}},
		{name: "detach, then listed without it", steps: []change{do(detachRolePolicy("Deployer", roleOnlyARN))}, call: attachedToRole("Deployer"), want: rolePoliciesPage()},
		{name: "detach, then deletable", steps: []change{do(detachRolePolicy("Deployer", roleOnlyARN))}, call: deletePolicy(roleOnlyARN), want: &iam.DeletePolicyOutput{}},
		{name: "detach one not attached", call: detachRolePolicy("Empty", roleOnlyARN), wantErr: noSuchPolicy(roleOnlyARN)},
		{name: "detach: no such role", call: detachRolePolicy("Nobody", roleOnlyARN), wantErr: noSuchRole("Nobody")},
		{name: "list: none", call: attachedToRole("Empty"), want: rolePoliciesPage()},
		{name: "list: PathPrefix", steps: []change{do(attachRolePolicy("Deployer", deployARN))},
			call: listAttachedRolePolicies(&iam.ListAttachedRolePoliciesInput{RoleName: aws.String("Deployer"), PathPrefix: aws.String("/ops/")}), want: rolePoliciesPage(deployPolicy)},
		{name: "list: no such role", call: attachedToRole("Nobody"), wantErr: noSuchRole("Nobody")},
		{name: "ListEntitiesForPolicy: the roles after the groups and users", steps: []change{do(attachRolePolicy("Empty", readOnlyARN)), do(attachRolePolicy("Deployer", readOnlyARN))},
			call: listEntitiesForPolicy(&iam.ListEntitiesForPolicyInput{PolicyArn: aws.String(readOnlyARN)}),
			want: entitiesWithRoles([]types.PolicyGroup{policyGroup("admins")}, []types.PolicyUser{policyUser("Bob")}, []types.PolicyRole{policyRole("Deployer"), policyRole("Empty")})},
		{name: "ListEntitiesForPolicy: EntityFilter Role", steps: []change{do(attachRolePolicy("Empty", readOnlyARN))},
			call: listEntitiesForPolicy(&iam.ListEntitiesForPolicyInput{PolicyArn: aws.String(readOnlyARN), EntityFilter: types.EntityTypeRole}),
			want: entitiesWithRoles(nil, nil, []types.PolicyRole{policyRole("Empty")})},
		{name: "ListEntitiesForPolicy: EntityFilter User leaves roles out", call: listEntitiesForPolicy(&iam.ListEntitiesForPolicyInput{PolicyArn: aws.String(roleOnlyARN), EntityFilter: types.EntityTypeUser}),
			want: entitiesWithRoles(nil, nil, nil)},
		{name: "ListEntitiesForPolicy: a page of 2 of 3", steps: []change{do(attachRolePolicy("Empty", readOnlyARN))},
			call: listEntitiesForPolicy(&iam.ListEntitiesForPolicyInput{PolicyArn: aws.String(readOnlyARN), MaxItems: aws.Int32(2)}),
			want: func() *iam.ListEntitiesForPolicyOutput {
				out := entitiesWithRoles([]types.PolicyGroup{policyGroup("admins")}, []types.PolicyUser{policyUser("Bob")}, nil)
				out.IsTruncated, out.Marker = true, aws.String("<marker>")
				return out
			}()},
		{name: "GetAccountSummary: AttachedPoliciesPerRoleQuota as set", seed: []fakeiam.Option{fakeiam.PoliciesPerRole(12)},
			call: getAccountSummary(), want: summary(map[string]int32{"AttachedPoliciesPerRoleQuota": 12, "AccountAccessKeysPresent": 1})},
	})
}

func TestRoleAttachmentSeeds(t *testing.T) {
	tests := []struct {
		name string
		seed []fakeiam.Option
		want string
	}{
		{"no such role", []fakeiam.Option{fakeiam.ManagedPolicy("p", docList).AttachedToRoles("nope")},
			`account 123456789012: managed policy "p": attached to role "nope": no such role in the account`},
		{"a role twice", []fakeiam.Option{fakeiam.Role("R"), fakeiam.ManagedPolicy("p", docList).AttachedToRoles("R", "R")},
			`managed policy "p": attached to role "R" twice`},
		{"over the quota", []fakeiam.Option{fakeiam.Role("R"), fakeiam.PoliciesPerRole(1), fakeiam.ManagedPolicy("p", docList).AttachedToRoles("R"), fakeiam.ManagedPolicy("q", docList).AttachedToRoles("R")},
			`account 123456789012: role "R": 2 managed policies attached, over the quota of 1 per role (PoliciesPerRole lifts it)`},
		{"a negative quota", []fakeiam.Option{fakeiam.PoliciesPerRole(-1)}, `PoliciesPerRole(-1): a quota is at least 0`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newFakeE(tt.seed...)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if !strings.Contains(got, tt.want) {
				t.Error(cmp.Diff(tt.want, got))
			}
		})
	}
}
