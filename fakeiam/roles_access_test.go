package fakeiam_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// TestRoleAccessDenied: what AccessDenied (a fault) names for each role
// operation (docs/contract.md, "Roles"): "role NAME", as the role's policy
// operations; the role's ARN for CreateRole; the ARN prefix for ListRoles.
func TestRoleAccessDenied(t *testing.T) {
	deny := func(op fakeiam.Operation) []change {
		return []change{inject(fakeiam.Rule{Operation: op, Then: fakeiam.AccessDenied()})}
	}
	acct := "arn:aws:iam::" + fakeiam.DefaultAccountID
	created := newRoleInput("web", trustEC2)
	created.Path = aws.String("/ci/")
	rows := []scenario{
		{name: "CreateRole: the role's ARN", steps: deny(fakeiam.CreateRole), call: createRole(created),
			wantErr: ruleDenied(rootARN, fakeiam.CreateRole, acct+":role/ci/web")},
		{name: "ListRoles: the account's roles under the prefix", steps: deny(fakeiam.ListRoles), call: listRoles(&iam.ListRolesInput{PathPrefix: aws.String("/app/")}),
			wantErr: ruleDenied(rootARN, fakeiam.ListRoles, acct+":role/app/")},
		{name: "GetRole", steps: deny(fakeiam.GetRole), call: getRole("app"), wantErr: ruleDenied(rootARN, fakeiam.GetRole, "role app")},
		{name: "UpdateRole", steps: deny(fakeiam.UpdateRole), call: updateRole(&iam.UpdateRoleInput{RoleName: aws.String("app")}),
			wantErr: ruleDenied(rootARN, fakeiam.UpdateRole, "role app")},
		{name: "UpdateRoleDescription", steps: deny(fakeiam.UpdateRoleDescription), call: updateRoleDescription("app", "d"),
			wantErr: ruleDenied(rootARN, fakeiam.UpdateRoleDescription, "role app")},
		{name: "UpdateAssumeRolePolicy", steps: deny(fakeiam.UpdateAssumeRolePolicy), call: updateAssumeRolePolicy("app", trustEC2),
			wantErr: ruleDenied(rootARN, fakeiam.UpdateAssumeRolePolicy, "role app")},
		{name: "DeleteRole", steps: deny(fakeiam.DeleteRole), call: deleteRole("Builder"), wantErr: ruleDenied(rootARN, fakeiam.DeleteRole, "role Builder")},
		{name: "TagRole", steps: deny(fakeiam.TagRole), call: tagRole("app", tag("k", "v")), wantErr: ruleDenied(rootARN, fakeiam.TagRole, "role app")},
		{name: "UntagRole", steps: deny(fakeiam.UntagRole), call: untagRole("app", "team"), wantErr: ruleDenied(rootARN, fakeiam.UntagRole, "role app")},
		{name: "ListRoleTags", steps: deny(fakeiam.ListRoleTags), call: listRoleTags("app", nil, nil), wantErr: ruleDenied(rootARN, fakeiam.ListRoleTags, "role app")},
	}
	runScenarios(t, seedRoles(), rows)
}
