package fakeiam_test

// docs/contract.md, "Role policies": PutRolePolicy, GetRolePolicy,
// ListRolePolicies, DeleteRolePolicy, AttachRolePolicy, DetachRolePolicy,
// ListAttachedRolePolicies and the roles of ListEntitiesForPolicy, each row
// through the differential harness (both doors and the SDK's decoding of
// IAM's XML); the seeds.

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
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
