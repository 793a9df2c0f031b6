package fakeiam_test

// docs/contract.md, "Roles": the role operations, their tags, trust
// policies and the seeded role, each row through the differential harness
// (both doors and the SDK's decoding of IAM's XML). Their paging is in
// listOperations (list_behaviors_test.go).

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// Trust policies.
const (
	trustEC2 = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	// trustDefault is the trust policy of a role seeded without one.
	trustDefault = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}`
)

// trustWith is a one-statement trust policy whose statement is stmt.
func trustWith(stmt string) string { return `{"Version":"2012-10-17","Statement":[` + stmt + `]}` }

// urlEncoded is a document as IAM answers it.
func urlEncoded(doc string) string { return strings.ReplaceAll(url.QueryEscape(doc), "+", "%20") }

// createdRole is a Role as CreateRole answers it: no Description,
// MaxSessionDuration or RoleLastUsed; Tags when any.
func createdRole(path, name, id string, created time.Time, trust string, tags ...types.Tag) *types.Role {
	return &types.Role{Path: aws.String(path), RoleName: aws.String(name), RoleId: aws.String(id),
		Arn:        aws.String("arn:aws:iam::" + fakeiam.DefaultAccountID + ":role" + path + name),
		CreateDate: aws.Time(created), AssumeRolePolicyDocument: aws.String(urlEncoded(trust)), Tags: tags}
}

// gotRole is r as GetRole answers it: with MaxSessionDuration (seconds)
// and RoleLastUsed (empty: never used).
func gotRole(r *types.Role, maxSession int32, description string) *types.Role {
	c := *r
	c.MaxSessionDuration = aws.Int32(maxSession)
	c.RoleLastUsed = &types.RoleLastUsed{}
	if description != "" {
		c.Description = aws.String(description)
	}
	return &c
}

// listedRole is r as ListRoles lists it: no Tags, no RoleLastUsed.
func listedRole(r *types.Role) types.Role {
	c := *r
	c.Tags, c.RoleLastUsed = nil, nil
	return c
}

func rolesPage(roles ...types.Role) *iam.ListRolesOutput {
	if roles == nil {
		roles = []types.Role{}
	}
	return &iam.ListRolesOutput{Roles: roles}
}

func roleTagsPage(tags ...types.Tag) *iam.ListRoleTagsOutput {
	if tags == nil {
		tags = []types.Tag{}
	}
	return &iam.ListRoleTagsOutput{Tags: tags}
}

// deployer is seedUsers' role Deployer as CreateRole would show it.
var deployer = createdRole("/", "Deployer", "<id of role Deployer>", testNow, trustDefault)

// seedRoles is seedUsers (whose role Deployer signs with roleKey) with
// roles app (path /app/, trusting EC2, described, 2 hours, tagged) and
// Builder, plus more.
func seedRoles(more ...fakeiam.Option) []fakeiam.Option {
	return seedUsers(append([]fakeiam.Option{
		fakeiam.Role("app").Path("/app/").TrustPolicy(trustEC2).Description("the app").MaxSessionDuration(2*time.Hour).
			Tag("team", "eng").CreatedAt(bobCreated),
		fakeiam.Role("Builder"),
	}, more...)...)
}

var (
	appRole     = createdRole("/app/", "app", "<id of role app>", bobCreated, trustEC2, tag("team", "eng"))
	builderRole = createdRole("/", "Builder", "<id of role Builder>", testNow, trustDefault)
)

func newRoleInput(name, trust string) *iam.CreateRoleInput {
	return &iam.CreateRoleInput{RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(trust)}
}

func TestCreateRoleSpec(t *testing.T) {
	withAll := newRoleInput("web", trustEC2)
	withAll.Path, withAll.Description, withAll.MaxSessionDuration = aws.String("/web/"), aws.String("serves"), aws.Int32(43200)
	withAll.Tags = []types.Tag{tag("b", "2"), tag("a", "1")}
	withBoundary := newRoleInput("web", trustEC2)
	withBoundary.PermissionsBoundary = aws.String("arn:aws:iam::123456789012:policy/boundary")
	atQuota := seedUsers(fakeiam.RolesPerAccount(1))
	runScenarios(t, seedUsers(), []scenario{
		{name: "the role, path /", call: createRole(newRoleInput("web", trustEC2)),
			want: &iam.CreateRoleOutput{Role: createdRole("/", "web", "<new role id>", testNow, trustEC2)}},
		{name: "path and tags shown; description and session duration not", call: createRole(withAll),
			want: &iam.CreateRoleOutput{Role: createdRole("/web/", "web", "<new role id>", testNow, trustEC2, tag("b", "2"), tag("a", "1"))}},
		{name: "then GetRole shows everything", steps: []change{do(createRole(withAll))}, call: getRole("web"),
			want: &iam.GetRoleOutput{Role: gotRole(createdRole("/web/", "web", "<new role id>", testNow, trustEC2, tag("b", "2"), tag("a", "1")), 43200, "serves")}},
		{name: "the document byte for byte", call: createRole(newRoleInput("web", " {\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"sts:AssumeRole\"}}\n")),
			want: &iam.CreateRoleOutput{Role: createdRole("/", "web", "<new role id>", testNow, " {\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"sts:AssumeRole\"}}\n")}},
		{name: "a user's name is no role's", call: createRole(newRoleInput("Bob", trustEC2)),
			want: &iam.CreateRoleOutput{Role: createdRole("/", "Bob", "<new role id>", testNow, trustEC2)}},
		{name: "as a role", as: asKey(roleKey.ID), call: createRole(newRoleInput("web", trustEC2)),
			want: &iam.CreateRoleOutput{Role: createdRole("/", "web", "<new role id>", testNow, trustEC2)}},
		{name: "the name taken", call: createRole(newRoleInput("Deployer", trustEC2)), wantErr: roleExists("Deployer")},
		{name: "the name taken in another case", call: createRole(newRoleInput("DEPLOYER", trustEC2)), wantErr: roleExists("DEPLOYER")},
		{name: "the 2nd role with RolesPerAccount(1)", seed: atQuota, call: createRole(newRoleInput("web", trustEC2)), wantErr: quotaExceeded("RolesPerAccount", 1)},
		{name: "room again after a delete", seed: atQuota, steps: []change{do(deleteRole("Deployer"))}, call: createRole(newRoleInput("web", trustEC2)),
			want: &iam.CreateRoleOutput{Role: createdRole("/", "web", "<new role id>", testNow, trustEC2)}},
		{name: "the name taken before the quota", seed: atQuota, call: createRole(newRoleInput("Deployer", trustEC2)), wantErr: roleExists("Deployer")},
		{name: "duplicate tag keys", call: createRole(&iam.CreateRoleInput{RoleName: aws.String("web"), AssumeRolePolicyDocument: aws.String(trustEC2),
			Tags: []types.Tag{tag("dupkey", "1"), tag("DupKey", "2")}}), wantErr: duplicateTagKeys},
		{name: "the trust policy before the name", call: createRole(newRoleInput("Deployer", "{")), wantErr: malformedPolicy(msgTrustInvalidJSON)},
		{name: "PermissionsBoundary naming no policy, after the quota", seed: atQuota, call: createRole(withBoundary), wantErr: quotaExceeded("RolesPerAccount", 1)},
		{name: "roleName of 65", call: createRole(newRoleInput(strings.Repeat("r", 65), trustEC2)), wantErr: failedConstraints("roleName", maxLength(64))},
		{name: "MaxSessionDuration under an hour", call: createRole(&iam.CreateRoleInput{RoleName: aws.String("web"), AssumeRolePolicyDocument: aws.String(trustEC2),
			MaxSessionDuration: aws.Int32(3599)}), wantErr: failedConstraints("maxSessionDuration", minValue(3600))},
		{name: "MaxSessionDuration over 12 hours", call: createRole(&iam.CreateRoleInput{RoleName: aws.String("web"), AssumeRolePolicyDocument: aws.String(trustEC2),
			MaxSessionDuration: aws.Int32(43201)}), wantErr: failedConstraints("maxSessionDuration", maxValue(43200))},
	})
}

// TestTrustPolicySpec: a trust policy is checked as IAM checks one, the
// same in CreateRole and UpdateAssumeRolePolicy.
func TestTrustPolicySpec(t *testing.T) {
	big := trustWith(`{"Sid":"` + strings.Repeat("s", 2048) + `","Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}`)
	for _, tc := range []struct {
		name, doc string
		wantErr   *fakeiam.Error // nil: stored
	}{
		{"JSON that does not parse", "not valid json", malformedPolicy(msgTrustInvalidJSON)},
		{"a trailing comma", `{"Version":"2012-10-17","Statement":[{"Action":"sts:AssumeRole","Principal":"*","Effect":"Allow",}]}`, malformedPolicy(msgTrustInvalidJSON)},
		{"JSON off IAM's grammar", `{"Version":"2012-10-17","Statment":[]}`, malformedPolicy("Syntax errors in policy.")},
		{"a Resource", trustWith(`{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"arn:aws:s3:::example_bucket"}`),
			malformedPolicy("Has prohibited field Resource")},
		{"a NotResource", trustWith(`{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","NotResource":"*"}`), malformedPolicy("Has prohibited field NotResource")},
		{"no Principal", trustWith(`{"Effect":"Allow","Action":"sts:AssumeRole"}`), malformedPolicy(msgTrustNoPrincipal)},
		{"a Principal naming no one", trustWith(`{"Effect":"Allow","Principal":{"AWS":[]},"Action":"sts:AssumeRole"}`), malformedPolicy(msgTrustEmptyPrincipal)},
		{"an action of another service", trustWith(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}`), malformedPolicy(msgTrustAssumeRoleOnly)},
		{"an STS action that assumes no role", trustWith(`{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:InvalidAction"}`),
			malformedPolicy(msgTrustAssumeRoleOnly)},
		{"over 2,048 characters", big, trustPolicySizeQuota},
		{"Principal \"*\"", trustWith(`{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}`), nil},
		{"federation, with a condition and session tags", trustWith(`{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},` +
			`"Action":["sts:AssumeRoleWithWebIdentity","sts:TagSession"],"Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:o/r:*"}}}`), nil},
		{"actions in any case, and a wildcard", trustWith(`{"Effect":"Allow","Principal":"*","Action":["STS:assumerole","sts:AssumeRole*"]}`), nil},
		{"no Version", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}}`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			create := &iam.CreateRoleOutput{Role: createdRole("/", "web", "<new role id>", testNow, tc.doc)}
			update := &iam.UpdateAssumeRolePolicyOutput{}
			if tc.wantErr != nil {
				create, update = nil, nil
			}
			runScenarios(t, seedUsers(), []scenario{
				{name: "CreateRole", call: createRole(newRoleInput("web", tc.doc)), want: create, wantErr: tc.wantErr},
				{name: "UpdateAssumeRolePolicy", call: updateAssumeRolePolicy("Deployer", tc.doc), want: update, wantErr: tc.wantErr},
			})
		})
	}
}

func TestGetRoleSpec(t *testing.T) {
	runScenarios(t, seedRoles(), []scenario{
		{name: "the seeded role: its account trusts it, an hour, never used", call: getRole("Builder"),
			want: &iam.GetRoleOutput{Role: gotRole(builderRole, 3600, "")}},
		{name: "a seeded role's fields", call: getRole("app"), want: &iam.GetRoleOutput{Role: gotRole(appRole, 7200, "the app")}},
		{name: "named in another case", call: getRole("BUILDER"), want: &iam.GetRoleOutput{Role: gotRole(builderRole, 3600, "")}},
		{name: "its last use: a call signed with its credentials", steps: []change{advance(90 * time.Second), doAs(asKey(roleKey.ID), listUsers(nil))},
			call: getRole("Deployer"), want: &iam.GetRoleOutput{Role: withLastUse(gotRole(deployer, 3600, ""), testNow.Add(time.Minute))}},
		{name: "a refused call is a use too", steps: []change{func(r *run) { getUser(nil)(context.Background(), r.f.ClientWithAccessKey(roleKey.ID), r) }},
			call: getRole("Deployer"), want: &iam.GetRoleOutput{Role: withLastUse(gotRole(deployer, 3600, ""), testNow)}},
		{name: "another role's calls are not its use", steps: []change{doAs(asKey(roleKey.ID), listUsers(nil))},
			call: getRole("Builder"), want: &iam.GetRoleOutput{Role: gotRole(builderRole, 3600, "")}},
		{name: "as the role itself", as: asKey(roleKey.ID), call: getRole("Builder"), want: &iam.GetRoleOutput{Role: gotRole(builderRole, 3600, "")}},
		{name: "no such role", call: getRole("Nobody"), wantErr: noSuchRole("Nobody")},
		{name: "a user's name", call: getRole("Bob"), wantErr: noSuchRole("Bob")},
		{name: "another account's role", seed: append(seedRoles(), otherAccountSeed(fakeiam.Role("remote"))), call: getRole("remote"), wantErr: noSuchRole("remote")},
		{name: "roleName off the pattern: the standard text", call: getRole("a role"), wantErr: failedConstraints("roleName", pattern(`[\w+=,.@-]+`))},
	})
}

// withLastUse is r used last at the minute of at, in us-east-1.
func withLastUse(r *types.Role, at time.Time) *types.Role {
	c := *r
	c.RoleLastUsed = &types.RoleLastUsed{LastUsedDate: aws.Time(at.Truncate(time.Minute)), Region: aws.String("us-east-1")}
	return &c
}

func TestListRolesSpec(t *testing.T) {
	runScenarios(t, seedRoles(), []scenario{
		{name: "by name ignoring case; no tags, no last use", call: listRoles(&iam.ListRolesInput{}),
			want: rolesPage(listedRole(gotRole(appRole, 7200, "the app")), listedRole(gotRole(builderRole, 3600, "")), listedRole(gotRole(deployer, 3600, "")))},
		{name: "PathPrefix", call: listRoles(&iam.ListRolesInput{PathPrefix: aws.String("/app")}),
			want: rolesPage(listedRole(gotRole(appRole, 7200, "the app")))},
		{name: "a PathPrefix no role has", call: listRoles(&iam.ListRolesInput{PathPrefix: aws.String("/nonexistent-path/")}), want: rolesPage()},
		{name: "a created role among them", steps: []change{do(createRole(newRoleInput("Cache", trustEC2)))}, call: listRoles(&iam.ListRolesInput{PathPrefix: aws.String("/")}),
			want: rolesPage(listedRole(gotRole(appRole, 7200, "the app")), listedRole(gotRole(builderRole, 3600, "")),
				listedRole(gotRole(createdRole("/", "Cache", "<new role id>", testNow, trustEC2), 3600, "")), listedRole(gotRole(deployer, 3600, "")))},
		{name: "a deleted one is gone", steps: []change{do(deleteRole("Builder"))}, call: listRoles(&iam.ListRolesInput{}),
			want: rolesPage(listedRole(gotRole(appRole, 7200, "the app")), listedRole(gotRole(deployer, 3600, "")))},
		{name: "as a role", as: asKey(roleKey.ID), call: listRoles(&iam.ListRolesInput{PathPrefix: aws.String("/app/")}),
			want: rolesPage(listedRole(gotRole(appRole, 7200, "the app")))},
		{name: "another account's roles are not listed", seed: append(seedUsers(), otherAccountSeed(fakeiam.Role("remote"))), call: listRoles(&iam.ListRolesInput{}),
			want: rolesPage(listedRole(gotRole(deployer, 3600, "")))},
		{name: "a PathPrefix off the pattern", call: listRoles(&iam.ListRolesInput{PathPrefix: aws.String("app")}), wantErr: invalidPath("pathPrefix")},
	})
}

func TestUpdateRoleSpec(t *testing.T) {
	runScenarios(t, seedRoles(), []scenario{
		{name: "an empty result", call: updateRole(&iam.UpdateRoleInput{RoleName: aws.String("Builder"), Description: aws.String("builds")}),
			want: &iam.UpdateRoleOutput{}},
		{name: "description and session duration replaced",
			steps: []change{do(updateRole(&iam.UpdateRoleInput{RoleName: aws.String("app"), Description: aws.String("updated"), MaxSessionDuration: aws.Int32(3600)}))},
			call:  getRole("app"), want: &iam.GetRoleOutput{Role: gotRole(appRole, 3600, "updated")}},
		{name: "nothing given: nothing changes", steps: []change{do(updateRole(&iam.UpdateRoleInput{RoleName: aws.String("app")}))},
			call: getRole("app"), want: &iam.GetRoleOutput{Role: gotRole(appRole, 7200, "the app")}},
		{name: "an empty description removes it", steps: []change{do(updateRole(&iam.UpdateRoleInput{RoleName: aws.String("app"), Description: aws.String("")}))},
			call: getRole("app"), want: &iam.GetRoleOutput{Role: gotRole(appRole, 7200, "")}},
		{name: "no such role", call: updateRole(&iam.UpdateRoleInput{RoleName: aws.String("Nobody"), Description: aws.String("x")}), wantErr: noSuchRole("Nobody")},
		{name: "MaxSessionDuration over 12 hours", call: updateRole(&iam.UpdateRoleInput{RoleName: aws.String("Nobody"), MaxSessionDuration: aws.Int32(43201)}),
			wantErr: failedConstraints("maxSessionDuration", maxValue(43200))},
	})
}

func TestUpdateRoleDescriptionSpec(t *testing.T) {
	described := *appRole
	described.Description = aws.String("new")
	runScenarios(t, seedRoles(), []scenario{
		{name: "the role, with its description; no session duration or last use", call: updateRoleDescription("app", "new"),
			want: &iam.UpdateRoleDescriptionOutput{Role: &described}},
		{name: "then GetRole", steps: []change{do(updateRoleDescription("app", "new"))}, call: getRole("app"),
			want: &iam.GetRoleOutput{Role: gotRole(appRole, 7200, "new")}},
		{name: "no such role", call: updateRoleDescription("Nobody", "x"), wantErr: noSuchRole("Nobody")},
		{name: "a description of 1001", call: updateRoleDescription("app", strings.Repeat("d", 1001)), wantErr: failedConstraints("description", maxLength(1000))},
	})
}

func TestUpdateAssumeRolePolicySpec(t *testing.T) {
	runScenarios(t, seedRoles(), []scenario{
		{name: "an empty result", call: updateAssumeRolePolicy("Builder", trustEC2), want: &iam.UpdateAssumeRolePolicyOutput{}},
		{name: "then GetRole shows it", steps: []change{do(updateAssumeRolePolicy("Builder", trustEC2))}, call: getRole("Builder"),
			want: &iam.GetRoleOutput{Role: gotRole(createdRole("/", "Builder", "<id of role Builder>", testNow, trustEC2), 3600, "")}},
		{name: "no such role", call: updateAssumeRolePolicy("Nobody", trustEC2), wantErr: noSuchRole("Nobody")},
		{name: "the document before the role", call: updateAssumeRolePolicy("Nobody", "{"), wantErr: malformedPolicy(msgTrustInvalidJSON)},
		{name: "a refused document changes nothing", steps: []change{try(updateAssumeRolePolicy("Builder", "{"))}, call: getRole("Builder"),
			want: &iam.GetRoleOutput{Role: gotRole(builderRole, 3600, "")}},
	})
}

// trustedDoc is an identity policy for a role's inline or attached policy.
const trustedDoc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}`

func TestDeleteRoleSpec(t *testing.T) {
	runScenarios(t, seedRoles(), []scenario{
		{name: "an empty result", call: deleteRole("Builder"), want: &iam.DeleteRoleOutput{}},
		{name: "then gone", steps: []change{do(deleteRole("Builder"))}, call: getRole("Builder"), wantErr: noSuchRole("Builder")},
		{name: "named in another case", steps: []change{do(deleteRole("builder"))}, call: getRole("Builder"), wantErr: noSuchRole("Builder")},
		{name: "its credentials no longer sign", steps: []change{do(deleteRole("Deployer"))}, as: asKey(roleKey.ID), call: listUsers(nil),
			wantErr: &fakeiam.Error{Code: "InvalidClientTokenId", Status: 403, Message: "The security token included in the request is invalid."}},
		{name: "its name is free again", steps: []change{do(deleteRole("Builder"))}, call: createRole(newRoleInput("Builder", trustEC2)),
			want: &iam.CreateRoleOutput{Role: createdRole("/", "Builder", "<new role id>", testNow, trustEC2)}},
		{name: "with tags", call: deleteRole("app"), want: &iam.DeleteRoleOutput{}},
		{name: "with an inline policy", steps: []change{do(putRolePolicy("Builder", "p", trustedDoc))}, call: deleteRole("Builder"),
			wantErr: deleteConflict("policies")},
		{name: "with an attached policy", seed: seedRoles(fakeiam.ManagedPolicy("pol", trustedDoc)),
			steps: []change{do(attachRolePolicy("Builder", "arn:aws:iam::123456789012:policy/pol"))}, call: deleteRole("Builder"), wantErr: mustDetachPolicies},
		{name: "inline policies before attached ones", seed: seedRoles(fakeiam.ManagedPolicy("pol", trustedDoc)),
			steps: []change{do(attachRolePolicy("Builder", "arn:aws:iam::123456789012:policy/pol")), do(putRolePolicy("Builder", "p", trustedDoc))},
			call:  deleteRole("Builder"), wantErr: deleteConflict("policies")},
		{name: "no such role", call: deleteRole("Nobody"), wantErr: noSuchRole("Nobody")},
		{name: "twice", steps: []change{do(deleteRole("Builder"))}, call: deleteRole("Builder"), wantErr: noSuchRole("Builder")},
	})
}

func TestRoleTagsSpec(t *testing.T) {
	var fifty []types.Tag
	for i := range 50 {
		fifty = append(fifty, tag(fmt.Sprintf("k%02d", i), "v"))
	}
	runScenarios(t, seedRoles(), []scenario{
		{name: "TagRole: an empty result", call: tagRole("Builder", tag("somekey", "somevalue")), want: &iam.TagRoleOutput{}},
		{name: "then listed by key", steps: []change{do(tagRole("Builder", tag("someotherkey", "v2"), tag("somekey", "v1")))}, call: listRoleTags("Builder", nil, nil),
			want: roleTagsPage(tag("somekey", "v1"), tag("someotherkey", "v2"))},
		{name: "GetRole shows them in the order first given", steps: []change{do(tagRole("Builder", tag("b", "2"), tag("a", "1")))}, call: getRole("Builder"),
			want: &iam.GetRoleOutput{Role: gotRole(createdRole("/", "Builder", "<id of role Builder>", testNow, trustDefault, tag("b", "2"), tag("a", "1")), 3600, "")}},
		{name: "an existing key in another case: the kept spelling, the new value", steps: []change{do(tagRole("app", tag("TEAM", "ops")))}, call: listRoleTags("app", nil, nil),
			want: roleTagsPage(tag("team", "ops"))},
		{name: "an empty value", steps: []change{do(tagRole("Builder", tag("emptykey", "")))}, call: listRoleTags("Builder", nil, nil), want: roleTagsPage(tag("emptykey", ""))},
		{name: "51 after merging", call: tagRole("app", fifty...), wantErr: quotaExceeded("TagsPerRole", 50)},
		{name: "duplicate keys differing in case", call: tagRole("Builder", tag("mykey", "1"), tag("MyKey", "2")), wantErr: duplicateTagKeys},
		{name: "a key in the reserved aws: prefix", call: tagRole("Builder", tag("aws:x", "1")), wantErr: reservedTagKey},
		{name: "TagRole: no such role", call: tagRole("test-nonexistent-role", tag("a", "1")), wantErr: noSuchRole("test-nonexistent-role")},
		{name: "51 tags, even for no such role", call: tagRole("Nobody", append(fifty, tag("x", "y"))...), wantErr: failedConstraints("tags", maxLength(50))},
		{name: "UntagRole: an empty result", call: untagRole("app", "team"), want: &iam.UntagRoleOutput{}},
		{name: "then gone, keys ignoring case", steps: []change{do(untagRole("app", "TEAM", "unknown"))}, call: listRoleTags("app", nil, nil), want: roleTagsPage()},
		{name: "GetRole without tags after", steps: []change{do(untagRole("app", "team"))}, call: getRole("app"),
			want: &iam.GetRoleOutput{Role: gotRole(createdRole("/app/", "app", "<id of role app>", bobCreated, trustEC2), 7200, "the app")}},
		{name: "UntagRole: no such role", call: untagRole("Nobody", "a"), wantErr: noSuchRole("Nobody")},
		{name: "ListRoleTags: none", call: listRoleTags("Builder", nil, nil), want: roleTagsPage()},
		{name: "ListRoleTags: no such role", call: listRoleTags("Nobody", nil, nil), wantErr: noSuchRole("Nobody")},
	})
}

// TestRolesInTheAccountSummary: Roles counts the account's roles, seeded
// and created; RolesQuota is the account's quota.
func TestRolesInTheAccountSummary(t *testing.T) {
	ctx := context.Background()
	f, err := fakeiam.New(append(seedRoles(), fakeiam.RolesPerAccount(7))...)
	if err != nil {
		t.Fatal(err)
	}
	c := f.Client()
	if _, err := c.CreateRole(ctx, newRoleInput("web", trustEC2)); err != nil {
		t.Fatal(err)
	}
	out, err := c.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int32{"Roles": out.SummaryMap["Roles"], "RolesQuota": out.SummaryMap["RolesQuota"]}
	if diff := cmp.Diff(map[string]int32{"Roles": 4, "RolesQuota": 7}, got); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
}

// TestCreatedRoleSigns: a role CreateRole made is a caller too: its client
// signs as its assumed-role session, and that is its last use.
func TestCreatedRoleSigns(t *testing.T) {
	ctx := context.Background()
	f, err := fakeiam.New(append(seedUsers(), fakeiam.WithFixedTime(testNow))...)
	if err != nil {
		t.Fatal(err)
	}
	created, err := f.Client().CreateRole(ctx, newRoleInput("web", trustEC2))
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.Role("web").Client().GetUser(ctx, &iam.GetUserInput{})
	if got := apiErrorMessage(err); got != mustSpecifyUserName.Message {
		t.Errorf("GetUser as the role: %v, want %q", err, mustSpecifyUserName.Message)
	}
	calls, err := f.Calls()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := calls[len(calls)-1].Caller.ARN, "arn:aws:sts::123456789012:assumed-role/web/fakeiam"; got != want {
		t.Errorf("caller %q, want %q", got, want)
	}
	got, err := f.Client().GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("web")})
	if err != nil {
		t.Fatal(err)
	}
	want := &types.RoleLastUsed{LastUsedDate: aws.Time(testNow), Region: aws.String("us-east-1")}
	if diff := cmp.Diff(want, got.Role.RoleLastUsed, cmpopts.IgnoreUnexported(types.RoleLastUsed{})); diff != "" {
		t.Errorf("RoleLastUsed (-want +got):\n%s", diff)
	}
	if *got.Role.RoleId != *created.Role.RoleId {
		t.Errorf("RoleId %s, want the created %s", *got.Role.RoleId, *created.Role.RoleId)
	}
}

// TestRoleSeedProblems: New names every problem of a role seed, as
// CreateRole would refuse it, with the account and the role.
func TestRoleSeedProblems(t *testing.T) {
	for _, tc := range []struct {
		name  string
		seeds []fakeiam.Option
		want  string
	}{
		{"a name off the pattern", []fakeiam.Option{fakeiam.Role("a role")},
			`account 123456789012: role "a role": 1 validation error detected: Value at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+`},
		{"names equal ignoring case", []fakeiam.Option{fakeiam.Role("app"), fakeiam.Role("APP")},
			`account 123456789012: role "APP" and role "app": IAM role names are unique regardless of case`},
		{"seeded twice", []fakeiam.Option{fakeiam.Role("app"), fakeiam.Role("app")}, `account 123456789012: role "app" seeded twice`},
		{"a trust policy without Principal", []fakeiam.Option{fakeiam.Role("app").TrustPolicy(trustWith(`{"Effect":"Allow","Action":"sts:AssumeRole"}`))},
			`account 123456789012: role "app": MalformedPolicyDocument: Missing required field Principal`},
		{"a session under an hour", []fakeiam.Option{fakeiam.Role("app").MaxSessionDuration(time.Minute)},
			`account 123456789012: role "app": 1 validation error detected: Value at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600`},
		{"a session of a fraction of a second", []fakeiam.Option{fakeiam.Role("app").MaxSessionDuration(time.Hour + time.Millisecond)},
			`account 123456789012: role "app": maximum session duration 1h0m0.001s: whole seconds from 1h to 12h`},
		{"duplicate tag keys", []fakeiam.Option{fakeiam.Role("app").Tag("a", "1").Tag("A", "2")},
			`account 123456789012: role "app": InvalidInput: Duplicate tag keys found. Please note that Tag keys are case insensitive.`},
		{"over the quota", []fakeiam.Option{fakeiam.RolesPerAccount(1), fakeiam.Role("a"), fakeiam.Role("b")},
			`account 123456789012: 2 roles exceed the quota of 1 per account (RolesPerAccount lifts it)`},
		{"a user with a role's field", []fakeiam.Option{fakeiam.User("Bob").Description("x")},
			`account 123456789012: user "Bob": a trust policy, description, maximum session duration and custom suffix are a role's (Role, ServiceLinkedRole), not a user's or the root's`},
		{"the root with a role's field", []fakeiam.Option{fakeiam.Root().TrustPolicy(trustEC2)},
			`account 123456789012: root: a trust policy, description, maximum session duration and custom suffix are a role's (Role, ServiceLinkedRole), not a user's or the root's`},
		{"a role with a certificate", []fakeiam.Option{fakeiam.Role("app").SigningCertificate(fakeiam.SigningCertificate{})},
			`account 123456789012: role "app": roles have no signing certificates`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := fakeiam.New(tc.seeds...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("New: %v, want it to say %q", err, tc.want)
			}
		})
	}
}

// TestRolesFaultsCallsAndSweep: fault rules target the role operations,
// the call log keeps them, and Sweep fails each call of a role workflow in
// turn.
func TestRolesFaultsCallsAndSweep(t *testing.T) {
	ctx := context.Background()
	f := newFake(seedRoles()...)
	f.Inject(fakeiam.Rule{Operation: fakeiam.DeleteRole, Then: fakeiam.Fail(&fakeiam.Error{Code: "DeleteConflict", Status: 409,
		Message: "Cannot delete entity, must remove roles from instance profile first."})})
	_, err := f.Client().DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("Builder")})
	var conflict *types.DeleteConflictException
	if !errors.As(err, &conflict) {
		t.Errorf("DeleteRole under a rule: %v, want DeleteConflictException", err)
	}
	if calls := logged(t, f, fakeiam.DeleteRole); len(calls) != 1 || calls[0].Err == nil {
		t.Errorf("logged DeleteRole calls: %+v, want the refused one", calls)
	}

	var failed []fakeiam.Operation
	fakeiam.Sweep(t, fakeiam.ServiceFailure(), func(t *testing.T, f *fakeiam.Fake, failing *fakeiam.SweepCall) {
		c := f.Client()
		var errs []error
		record := func(_ any, err error) { errs = append(errs, err) }
		record(c.CreateRole(ctx, newRoleInput("web", trustEC2)))
		record(c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("web")}))
		record(c.ListRoles(ctx, &iam.ListRolesInput{}))
		record(c.UpdateRole(ctx, &iam.UpdateRoleInput{RoleName: aws.String("web"), MaxSessionDuration: aws.Int32(7200)}))
		record(c.UpdateRoleDescription(ctx, &iam.UpdateRoleDescriptionInput{RoleName: aws.String("web"), Description: aws.String("d")}))
		record(c.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String("web"), PolicyDocument: aws.String(trustDefault)}))
		record(c.TagRole(ctx, &iam.TagRoleInput{RoleName: aws.String("web"), Tags: []types.Tag{tag("a", "1")}}))
		record(c.ListRoleTags(ctx, &iam.ListRoleTagsInput{RoleName: aws.String("web")}))
		record(c.UntagRole(ctx, &iam.UntagRoleInput{RoleName: aws.String("web"), TagKeys: []string{"a"}}))
		record(c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("web")}))
		if failing == nil {
			if err := errors.Join(errs...); err != nil {
				t.Errorf("clean run: %v", err)
			}
			return
		}
		failed = append(failed, failing.Operation)
		if errs[failing.N-1] == nil {
			t.Errorf("%v: no error", failing)
		}
	})
	want := []fakeiam.Operation{fakeiam.CreateRole, fakeiam.GetRole, fakeiam.ListRoles, fakeiam.UpdateRole, fakeiam.UpdateRoleDescription,
		fakeiam.UpdateAssumeRolePolicy, fakeiam.TagRole, fakeiam.ListRoleTags, fakeiam.UntagRole, fakeiam.DeleteRole}
	if diff := cmp.Diff(want, failed); diff != "" {
		t.Errorf("calls swept (-want +got):\n%s", diff)
	}
}

// TestControlRoles: the control API's rules and call log reach the role
// operations.
func TestControlRoles(t *testing.T) {
	ctx := context.Background()
	c := newControlled(t, seedRoles()...)
	c.addRule(t, `{"operation":"ListRoles","effect":"ShortPage","pageSize":1}`)
	out, err := c.iam.ListRoles(ctx, &iam.ListRolesInput{})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Roles) != 1 || !out.IsTruncated || out.Marker == nil {
		t.Errorf("ListRoles under ShortPage(1): %d roles, truncated %v; want 1 and a marker", len(out.Roles), out.IsTruncated)
	}
	c.addRule(t, `{"operation":"CreateRole","effect":"Error","code":"LimitExceeded","status":409}`)
	if _, err := c.iam.CreateRole(ctx, newRoleInput("web", trustEC2)); !strings.Contains(fmt.Sprint(err), "LimitExceeded") {
		t.Errorf("CreateRole under an Error rule: %v", err)
	}
	calls := c.getCalls(t, "?operation=ListRoles,CreateRole")
	if len(calls) != 2 {
		t.Fatalf("logged calls: %+v, want 2", calls)
	}
	roles, _ := calls[0]["output"].(map[string]any)["roles"].([]any)
	if len(roles) != 1 || roles[0].(map[string]any)["roleName"] != "app" {
		t.Errorf("ListRoles' logged output: %+v", calls[0]["output"])
	}
	if diff := cmp.Diff(map[string]any{"roleName": "web", "assumeRolePolicyDocument": trustEC2}, calls[1]["input"]); diff != "" {
		t.Errorf("CreateRole's logged input (-want +got):\n%s", diff)
	}
}
