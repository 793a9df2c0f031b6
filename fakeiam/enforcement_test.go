package fakeiam_test

// docs/contract.md, "Enforcement": with Enforce, each call is authorized
// by the caller's policies before the operation acts, through both doors.

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// ownCredentials is the IAM User Guide's example policy "IAM: Allows IAM
// users to rotate their own credentials programmatically and in the
// console" (reference_policies_examples_iam_credentials_console), its
// access key statement: ${aws:username} names the caller.
const ownCredentials = `{"Version":"2012-10-17","Statement":[{"Sid":"ManageOwnAccessKeys","Effect":"Allow",` +
	`"Action":["iam:CreateAccessKey","iam:DeleteAccessKey","iam:GetAccessKeyLastUsed","iam:GetUser","iam:ListAccessKeys","iam:UpdateAccessKey","iam:TagUser"],` +
	`"Resource":"arn:aws:iam::*:user/${aws:username}"}]}`

// The enforcing fake's seed: Bob may manage his own keys (an inline
// policy) and read users (his group's managed policy), but not delete
// anyone (a deny); Carol, within a boundary of reads only, holds
// iam:* on everything; Dan holds a policy that reads the request's tags;
// role deployer may only list roles.
func seedEnforcement() []fakeiam.Option {
	return []fakeiam.Option{
		fakeiam.Enforce(),
		fakeiam.User("Bob").InlinePolicy("own-keys", ownCredentials),
		fakeiam.Group("readers").Members("Bob").InlinePolicy("no-deletes",
			`{"Version":"2012-10-17","Statement":{"Sid":"NoDeletes","Effect":"Deny","Action":"iam:Delete*","Resource":"*"}}`),
		fakeiam.ManagedPolicy("read-users", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["iam:GetUser","iam:ListUsers","iam:DeleteUser"],"Resource":"*"}}`).AttachedToGroups("readers"),
		fakeiam.User("Alice"),
		fakeiam.ManagedPolicy("reads-only", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:Get*","iam:List*"],"Resource":"*"},`+
			`{"Sid":"KeepGroups","Effect":"Deny","Action":"iam:ListGroups","Resource":"*"}]}`),
		fakeiam.User("Carol").InlinePolicy("admin", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:*","Resource":"*"}}`).
			PermissionsBoundary("arn:aws:iam::123456789012:policy/reads-only"),
		fakeiam.User("Dan").InlinePolicy("tag-team", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:TagUser","Resource":"*",`+
			`"Condition":{"StringEquals":{"aws:RequestTag/team":"blue"},"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}}}`),
		fakeiam.Role("deployer").InlinePolicy("list", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*"}}`),
		// ABAC, as the IAM User Guide's tutorial writes it
		// (tutorial_attribute-based-access-control): a user may tag the
		// users of its own team.
		fakeiam.User("Erin").Tag("team", "blue").InlinePolicy("own-team", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:TagUser",`+
			`"Resource":"arn:aws:iam::*:user/*","Condition":{"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}}}`),
		fakeiam.User("Fay").Tag("team", "blue"),
		fakeiam.User("Gus").Tag("team", "red"),
	}
}

func TestEnforcementSpec(t *testing.T) {
	bob, carol := "arn:aws:iam::123456789012:user/Bob", "arn:aws:iam::123456789012:user/Carol"
	denied := func(caller, action, resource, reason string) *fakeiam.Error {
		return &fakeiam.Error{Code: "AccessDenied", Status: 403,
			Message: "User: " + caller + " is not authorized to perform: " + action + " on resource: " + resource + " " + reason}
	}
	noIdentity := func(action string) string { return "because no identity-based policy allows the " + action + " action" }
	tag := func(user, key, value string) call {
		return callOf((*iam.Client).TagUser, &iam.TagUserInput{UserName: aws.String(user), Tags: []types.Tag{{Key: aws.String(key), Value: aws.String(value)}}})
	}
	runScenarios(t, seedEnforcement(), []scenario{
		{name: "allowed: his own user, by ${aws:username}", as: asUser("Bob"), call: tag("Bob", "team", "red"), want: &iam.TagUserOutput{}},
		{name: "implicit deny: another user (the resource is Alice's ARN)", as: asUser("Bob"), call: tag("Alice", "team", "red"),
			wantErr: denied(bob, "iam:TagUser", "user Alice", noIdentity("iam:TagUser"))},
		{name: "his own user, without UserName", as: asUser("Bob"), call: callOf((*iam.Client).GetUser, &iam.GetUserInput{}),
			want: &iam.GetUserOutput{User: &types.User{Path: aws.String("/"), UserName: aws.String("Bob"), UserId: aws.String("<id of Bob>"),
				Arn: aws.String(bob), CreateDate: aws.Time(testNow)}}},
		{name: "an explicit deny wins over the group's allow", as: asUser("Bob"), call: callOf((*iam.Client).DeleteUser, &iam.DeleteUserInput{UserName: aws.String("Alice")}),
			wantErr: denied(bob, "iam:DeleteUser", "user Alice", "with an explicit deny in an identity-based policy")},
		{name: "an action no policy names", as: asUser("Bob"), call: callOf((*iam.Client).ListRoles, &iam.ListRolesInput{}),
			wantErr: denied(bob, "iam:ListRoles", "arn:aws:iam::123456789012:role/", noIdentity("iam:ListRoles"))},
		{name: "authorized before validation (choice)", as: asUser("Bob"), call: callOf((*iam.Client).ListRoles, &iam.ListRolesInput{MaxItems: aws.Int32(0)}),
			wantErr: denied(bob, "iam:ListRoles", "arn:aws:iam::123456789012:role/", noIdentity("iam:ListRoles"))},
		{name: "within the boundary", as: asUser("Carol"), call: callOf((*iam.Client).ListUsers, &iam.ListUsersInput{MaxItems: aws.Int32(1)}),
			want: &iam.ListUsersOutput{IsTruncated: true, Marker: aws.String("<marker>"), Users: []types.User{{Path: aws.String("/"), UserName: aws.String("Alice"),
				UserId: aws.String("<id of Alice>"), Arn: aws.String("arn:aws:iam::123456789012:user/Alice"), CreateDate: aws.Time(testNow)}}}},
		{name: "outside the boundary", as: asUser("Carol"), call: callOf((*iam.Client).CreateUser, &iam.CreateUserInput{UserName: aws.String("Eve")}),
			wantErr: denied(carol, "iam:CreateUser", "arn:aws:iam::123456789012:user/Eve", "because no permissions boundary allows the iam:CreateUser action")},
		{name: "the boundary's explicit deny", as: asUser("Carol"), call: callOf((*iam.Client).ListGroups, &iam.ListGroupsInput{}),
			wantErr: denied(carol, "iam:ListGroups", "arn:aws:iam::123456789012:group/", "with an explicit deny in a permissions boundary")},
		{name: "the request's tags: the one allowed", as: asUser("Dan"), call: tag("Dan", "team", "blue"), want: &iam.TagUserOutput{}},
		{name: "the request's tags: another value", as: asUser("Dan"), call: tag("Dan", "team", "red"),
			wantErr: denied("arn:aws:iam::123456789012:user/Dan", "iam:TagUser", "user Dan", noIdentity("iam:TagUser"))},
		{name: "the request's tags: another key", as: asUser("Dan"), call: tag("Dan", "cost", "blue"),
			wantErr: denied("arn:aws:iam::123456789012:user/Dan", "iam:TagUser", "user Dan", noIdentity("iam:TagUser"))},
		{name: "the resource's tag is the caller's: allowed", as: asUser("Erin"), call: tag("Fay", "k", "v"), want: &iam.TagUserOutput{}},
		{name: "the resource's tag is another team's", as: asUser("Erin"), call: tag("Gus", "k", "v"),
			wantErr: denied("arn:aws:iam::123456789012:user/Erin", "iam:TagUser", "user Gus", noIdentity("iam:TagUser"))},
		{name: "a resource without the tag", as: asUser("Erin"), call: tag("Alice", "k", "v"),
			wantErr: denied("arn:aws:iam::123456789012:user/Erin", "iam:TagUser", "user Alice", noIdentity("iam:TagUser"))},
		{name: "a role's session", as: func(r *run) *iam.Client { return r.f.Role("deployer").Client() },
			call:    callOf((*iam.Client).ListUsers, &iam.ListUsersInput{}),
			wantErr: denied("arn:aws:sts::123456789012:assumed-role/deployer/fakeiam", "iam:ListUsers", "arn:aws:iam::123456789012:user/", noIdentity("iam:ListUsers"))},
		{name: "a role's session, allowed", as: func(r *run) *iam.Client { return r.f.Role("deployer").Client() },
			call: callOf((*iam.Client).ListRoles, &iam.ListRolesInput{PathPrefix: aws.String("/nowhere/")}), want: &iam.ListRolesOutput{Roles: []types.Role{}}},
		{name: "the root user is not limited", call: callOf((*iam.Client).DeleteUser, &iam.DeleteUserInput{UserName: aws.String("Alice")}), want: &iam.DeleteUserOutput{}},
		{name: "a fault rule's AccessDenied comes first, in its own words", as: asUser("Bob"),
			steps: []change{inject(fakeiam.Rule{Operation: fakeiam.ListAccessKeys, Then: fakeiam.AccessDenied()})},
			call:  callOf((*iam.Client).ListAccessKeys, &iam.ListAccessKeysInput{UserName: aws.String("Bob")}), wantErr: ruleDenied(bob, fakeiam.ListAccessKeys, "user Bob")},
	})
}

// TestEnforcementIsOptIn: the same seed without Enforce lets Bob do what
// his policies deny.
func TestEnforcementIsOptIn(t *testing.T) {
	f := newFake(seedEnforcement()[1:]...)
	if _, err := f.User("Bob").Client().DeleteUser(context.Background(), &iam.DeleteUserInput{UserName: aws.String("Alice")}); err != nil {
		t.Errorf("DeleteUser without Enforce: %v, want it done", err)
	}
	if calls, err := f.Calls(fakeiam.DeleteUser); err != nil || len(calls) != 1 || calls[0].Authorization != nil {
		t.Errorf("the call log: %+v, %v; want one call without an Authorization", calls, err)
	}
}

// TestEnforcementWhoAmI: GetCallerIdentity needs no permission, whatever
// denies all.
func TestEnforcementWhoAmI(t *testing.T) {
	f := newFake(fakeiam.Enforce(), fakeiam.User("Bob").InlinePolicy("deny-all", `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}`))
	out, err := f.User("Bob").STSClient().GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	if err != nil || aws.ToString(out.Arn) != "arn:aws:iam::123456789012:user/Bob" {
		t.Errorf("GetCallerIdentity under a Deny of *: %v, %v; want Bob's identity", out, err)
	}
}

// TestEnforcementLogsWhy: the call log says what decided, for a denial and
// for an allow.
func TestEnforcementLogsWhy(t *testing.T) {
	f := newFake(seedEnforcement()...)
	c, ctx := f.User("Bob").Client(), context.Background()
	if _, err := c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String("Alice")}); err == nil {
		t.Fatal("DeleteUser: allowed, want denied")
	}
	if _, err := c.ListAccessKeys(ctx, &iam.ListAccessKeysInput{}); err != nil {
		t.Fatal(err)
	}
	calls, err := f.Calls()
	if err != nil {
		t.Fatal(err)
	}
	var got []*fakeiam.Authorization
	for _, c := range calls {
		got = append(got, c.Authorization)
	}
	want := []*fakeiam.Authorization{
		{Action: "iam:DeleteUser", Resource: "arn:aws:iam::123456789012:user/Alice", Decision: "explicitDeny", DeniedBy: "identity-based policy",
			Statements: []fakeiam.DecidingStatement{{Policy: "group_readers_no-deletes", Statement: 0, Sid: "NoDeletes"}}},
		{Action: "iam:ListAccessKeys", Resource: "arn:aws:iam::123456789012:user/Bob", Decision: "allowed",
			Statements: []fakeiam.DecidingStatement{{Policy: "user_Bob_own-keys", Statement: 0, Sid: "ManageOwnAccessKeys"}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the call log's decisions (-want +got):\n%s", diff)
	}
}

// TestEnforcementFollowsChanges: calls decided while the root changes the
// caller's policies see each change once it is made (run with -race: the
// policies a principal's calls read are cached by the model's generation).
func TestEnforcementFollowsChanges(t *testing.T) {
	f := newFake(seedEnforcement()...)
	ctx := context.Background()
	bob, root := f.User("Bob").Client(), f.Client()
	deny := `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"iam:TagUser","Resource":"*"}}`
	tagged := func() error {
		_, err := bob.TagUser(ctx, &iam.TagUserInput{UserName: aws.String("Bob"), Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}})
		return err
	}
	done := make(chan struct{})
	go func() { // calls racing the changes below: allowed or denied, never anything else
		defer close(done)
		for range 200 {
			if err := tagged(); err != nil && !strings.Contains(err.Error(), "AccessDenied") {
				t.Errorf("TagUser during changes: %v", err)
				return
			}
		}
	}()
	for i := range 20 {
		doc := ownCredentials
		if i%2 == 0 {
			doc = deny
		}
		if _, err := root.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("Bob"), PolicyName: aws.String("toggle"), PolicyDocument: aws.String(doc)}); err != nil {
			t.Fatal(err)
		}
	}
	<-done
	// The last put allows (ownCredentials): TagUser is allowed now; with
	// the deny put again, it is denied at once.
	if err := tagged(); err != nil {
		t.Errorf("TagUser after the allowing put: %v", err)
	}
	if _, err := root.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("Bob"), PolicyName: aws.String("toggle"), PolicyDocument: aws.String(deny)}); err != nil {
		t.Fatal(err)
	}
	if err := tagged(); err == nil || !strings.Contains(err.Error(), "with an explicit deny in an identity-based policy") {
		t.Errorf("TagUser after the denying put: %v, want an explicit deny", err)
	}
}

// TestEnforcementContextKeys: the keys a request carries, each read by a
// condition that holds only for its value (docs/contract.md,
// "Enforcement"); a key the request does not carry is logged missing.
func TestEnforcementContextKeys(t *testing.T) {
	conditions := `{"StringEquals":{"aws:PrincipalType":"User","aws:PrincipalArn":"arn:aws:iam::123456789012:user/ops/Ann",` +
		`"aws:PrincipalAccount":"123456789012","aws:username":"Ann","aws:userid":"${aws:userid}","aws:PrincipalTag/team":"blue",` +
		`"aws:RequestedRegion":"us-east-1"},"Bool":{"aws:SecureTransport":"true"},"IpAddress":{"aws:SourceIp":"127.0.0.0/8"},` +
		`"DateEquals":{"aws:CurrentTime":"2026-01-01T00:00:00Z"},"NumericEquals":{"aws:EpochTime":"1767225600"}}`
	f := newFake(fakeiam.Enforce(), fakeiam.ManagedPolicy("keys", `{"Version":"2012-10-17","Statement":[`+
		`{"Sid":"EveryKey","Effect":"Allow","Action":"iam:GetUser","Resource":"*","Condition":`+conditions+`},`+
		`{"Sid":"PolicyArn","Effect":"Allow","Action":["iam:AttachUserPolicy","iam:PutUserPermissionsBoundary"],"Resource":"*",`+
		`"Condition":{"ArnEquals":{"iam:PolicyARN":"arn:aws:iam::123456789012:policy/keys"}}},`+
		`{"Sid":"Boundary","Effect":"Allow","Action":"iam:PutUserPermissionsBoundary","Resource":"*",`+
		`"Condition":{"StringEquals":{"iam:PermissionsBoundary":"arn:aws:iam::123456789012:policy/keys"}}},`+
		`{"Sid":"NoMFA","Effect":"Deny","Action":"iam:DeleteUser","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}]}`).AttachedToUsers("Ann"),
		fakeiam.User("Ann").Path("/ops/").Tag("team", "blue"),
		fakeiam.ManagedPolicy("other", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`))
	ann, ctx := f.User("Ann").Client(), context.Background()
	if _, err := ann.GetUser(ctx, &iam.GetUserInput{}); err != nil {
		t.Errorf("GetUser under a condition on every key: %v", err)
	}
	if _, err := ann.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("Ann"), PolicyArn: aws.String("arn:aws:iam::123456789012:policy/keys")}); err != nil {
		t.Errorf("AttachUserPolicy of the policy iam:PolicyARN names: %v", err)
	}
	if _, err := ann.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("Ann"), PolicyArn: aws.String("arn:aws:iam::123456789012:policy/other")}); err == nil {
		t.Error("AttachUserPolicy of another policy: allowed, want denied")
	}
	if _, err := ann.PutUserPermissionsBoundary(ctx, &iam.PutUserPermissionsBoundaryInput{UserName: aws.String("Ann"),
		PermissionsBoundary: aws.String("arn:aws:iam::123456789012:policy/keys")}); err != nil {
		t.Errorf("PutUserPermissionsBoundary of the boundary iam:PermissionsBoundary names: %v", err)
	}
	// aws:MultiFactorAuthPresent: long-term keys carry none, so the Bool
	// deny does not apply; the key is logged missing.
	if _, err := ann.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String("Nobody")}); err == nil || !strings.Contains(err.Error(), "because no identity-based policy allows") {
		t.Errorf("DeleteUser: %v, want an implicit deny", err)
	}
	calls := logged(t, f, fakeiam.DeleteUser)
	if got := calls[len(calls)-1].Authorization; got == nil || !slices.Contains(got.MissingContextKeys, "aws:MultiFactorAuthPresent") {
		t.Errorf("DeleteUser's authorization %+v: want aws:MultiFactorAuthPresent among the missing keys", got)
	}
}

// TestEnforcementLogsBoundary: a boundary's explicit deny is logged as the
// boundary's statement.
func TestEnforcementLogsBoundary(t *testing.T) {
	f := newFake(seedEnforcement()...)
	if _, err := f.User("Carol").Client().ListGroups(context.Background(), &iam.ListGroupsInput{}); err == nil {
		t.Fatal("ListGroups: allowed, want the boundary's deny")
	}
	calls := logged(t, f, fakeiam.ListGroups)
	want := &fakeiam.Authorization{Action: "iam:ListGroups", Resource: "arn:aws:iam::123456789012:group/", Decision: "explicitDeny", DeniedBy: "permissions boundary",
		Statements: []fakeiam.DecidingStatement{{Policy: "reads-only", Boundary: true, Statement: 1, Sid: "KeepGroups"}}}
	if diff := cmp.Diff(want, calls[0].Authorization); diff != "" {
		t.Errorf("the boundary's denial (-want +got):\n%s", diff)
	}
}

// TestEnforcementServerCertificatePath: a server certificate is
// authorized by its own ARN, its path included.
func TestEnforcementServerCertificatePath(t *testing.T) {
	f := newFake(fakeiam.Enforce(), fakeiam.ServerCertificate("web").Path("/batch/"),
		fakeiam.User("Bob").InlinePolicy("batch-certs", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:GetServerCertificate","Resource":"arn:aws:iam::123456789012:server-certificate/batch/*"}}`))
	if _, err := f.User("Bob").Client().GetServerCertificate(context.Background(), &iam.GetServerCertificateInput{ServerCertificateName: aws.String("web")}); err != nil {
		t.Errorf("GetServerCertificate of a certificate under /batch/: %v", err)
	}
}

// TestEnforcementResourceTags: aws:ResourceTag reads the tags of what the
// call names, whatever kind of tagged resource it is.
func TestEnforcementResourceTags(t *testing.T) {
	prodOnly := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["iam:GetOpenIDConnectProvider","iam:ListMFADeviceTags","iam:GetRole"],` +
		`"Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/env":"prod"}}}}`
	f := newFake(fakeiam.Enforce(), fakeiam.User("Bob").InlinePolicy("prod-only", prodOnly),
		fakeiam.OIDCProvider("https://token.actions.githubusercontent.com").Tag("env", "prod"),
		fakeiam.OIDCProvider("https://gitlab.example.com").Tag("env", "dev"),
		fakeiam.VirtualMFADevice("prod-phone").Tag("env", "prod"),
		fakeiam.VirtualMFADevice("dev-phone").Tag("env", "dev"),
		fakeiam.Role("prod-role").Tag("env", "prod"),
		fakeiam.Role("dev-role"))
	bob, ctx := f.User("Bob").Client(), context.Background()
	for _, tc := range []struct {
		name    string
		call    func() error
		allowed bool
	}{
		{"an OIDC provider tagged prod", func() error {
			_, err := bob.GetOpenIDConnectProvider(ctx, &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com")})
			return err
		}, true},
		{"one tagged dev", func() error {
			_, err := bob.GetOpenIDConnectProvider(ctx, &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String("arn:aws:iam::123456789012:oidc-provider/gitlab.example.com")})
			return err
		}, false},
		{"an MFA device tagged prod", func() error {
			_, err := bob.ListMFADeviceTags(ctx, &iam.ListMFADeviceTagsInput{SerialNumber: aws.String("arn:aws:iam::123456789012:mfa/prod-phone")})
			return err
		}, true},
		{"one tagged dev", func() error {
			_, err := bob.ListMFADeviceTags(ctx, &iam.ListMFADeviceTagsInput{SerialNumber: aws.String("arn:aws:iam::123456789012:mfa/dev-phone")})
			return err
		}, false},
		{"a role tagged prod", func() error {
			_, err := bob.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("prod-role")})
			return err
		}, true},
		{"an untagged role", func() error {
			_, err := bob.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("dev-role")})
			return err
		}, false},
	} {
		if err := tc.call(); (err == nil) != tc.allowed {
			t.Errorf("%s: %v, want allowed %v", tc.name, err, tc.allowed)
		}
	}
}

// TestEnforcementAllowUsersToChangePassword: an account password policy
// with AllowUsersToChangePassword grants every IAM user iam:ChangePassword
// on itself and iam:GetAccountPasswordPolicy, with no policy attached (the
// model's PasswordPolicy.AllowUsersToChangePassword); an explicit deny and
// a permissions boundary limit it as they limit a user's own policies
// (choice), and roles get nothing from it (docs/contract.md,
// "Enforcement").
func TestEnforcementAllowUsersToChangePassword(t *testing.T) {
	const denyChange = `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"iam:ChangePassword","Resource":"*"}}`
	const trustBob = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/staff/Bob"},"Action":"sts:AssumeRole"}}`
	login := fakeiam.LoginProfile{Password: "Old-password-1"}
	seed := func(allow bool) []fakeiam.Option {
		return []fakeiam.Option{
			fakeiam.Enforce(),
			fakeiam.PasswordPolicy(iam.UpdateAccountPasswordPolicyInput{AllowUsersToChangePassword: allow}),
			fakeiam.User("Bob").Path("/staff/").LoginProfile(login),
			// A path with the policy language's $, {}, * and ?: the grant's
			// Resource matches it literally (unescaped, ${aws:username}
			// would read as a variable and deny; * and ? would match
			// themselves anyway).
			fakeiam.User("Odd").Path("/${aws:username}/*?/").LoginProfile(login),
			fakeiam.User("Dora").LoginProfile(login).InlinePolicy("no-change", denyChange),
			fakeiam.ManagedPolicy("reads-only", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:List*","Resource":"*"}}`),
			fakeiam.User("Eve").LoginProfile(login).PermissionsBoundary("arn:aws:iam::123456789012:policy/reads-only"),
			fakeiam.Role("deployer").TrustPolicy(trustBob),
		}
	}
	change := func(c *iam.Client) error {
		_, err := c.ChangePassword(context.Background(), &iam.ChangePasswordInput{OldPassword: aws.String(login.Password), NewPassword: aws.String("New-password-2")})
		return err
	}
	readPolicy := func(c *iam.Client) error {
		_, err := c.GetAccountPasswordPolicy(context.Background(), &iam.GetAccountPasswordPolicyInput{})
		return err
	}
	changeCall := callOf((*iam.Client).ChangePassword, &iam.ChangePasswordInput{OldPassword: aws.String(login.Password), NewPassword: aws.String("New-password-2")})
	readCall := callOf((*iam.Client).GetAccountPasswordPolicy, &iam.GetAccountPasswordPolicyInput{})
	denied := func(user, action, resource, reason string) *fakeiam.Error {
		return &fakeiam.Error{Code: "AccessDenied", Status: 403,
			Message: "User: arn:aws:iam::123456789012:user/" + user + " is not authorized to perform: " + action + " on resource: " + resource + " " + reason}
	}
	runScenarios(t, seed(true), []scenario{
		{name: "ChangePassword, allowed by the account", as: asUser("Bob"), call: changeCall, want: &iam.ChangePasswordOutput{}},
		{name: "GetAccountPasswordPolicy, allowed by the account", as: asUser("Bob"), call: readCall,
			want: &iam.GetAccountPasswordPolicyOutput{PasswordPolicy: &types.PasswordPolicy{AllowUsersToChangePassword: true, MinimumPasswordLength: aws.Int32(6)}}},
		{name: "ChangePassword, not allowed by the account", seed: seed(false), as: asUser("Bob"), call: changeCall,
			wantErr: denied("staff/Bob", "iam:ChangePassword", "user Bob", "because no identity-based policy allows the iam:ChangePassword action")},
		{name: "GetAccountPasswordPolicy, not allowed by the account", seed: seed(false), as: asUser("Bob"), call: readCall,
			wantErr: denied("staff/Bob", "iam:GetAccountPasswordPolicy", "*", "because no identity-based policy allows the iam:GetAccountPasswordPolicy action")},
		{name: "ChangePassword at a path of $, *, ?", as: asUser("Odd"), call: changeCall, want: &iam.ChangePasswordOutput{}},
		{name: "ChangePassword under an explicit deny", as: asUser("Dora"), call: changeCall,
			wantErr: denied("Dora", "iam:ChangePassword", "user Dora", "with an explicit deny in an identity-based policy")},
		{name: "ChangePassword outside a boundary", as: asUser("Eve"), call: changeCall,
			wantErr: denied("Eve", "iam:ChangePassword", "user Eve", "because no permissions boundary allows the iam:ChangePassword action")},
	})

	t.Run("the call log names the grant", func(t *testing.T) {
		f := newFake(seed(true)...)
		if err := change(f.User("Bob").Client()); err != nil {
			t.Fatal(err)
		}
		calls, err := f.Calls(fakeiam.ChangePassword)
		if err != nil || len(calls) != 1 {
			t.Fatalf("Calls: %d, %v; want 1", len(calls), err)
		}
		want := &fakeiam.Authorization{Action: "iam:ChangePassword", Resource: "arn:aws:iam::123456789012:user/staff/Bob", Decision: "allowed",
			Statements: []fakeiam.DecidingStatement{{Policy: "AllowUsersToChangePassword", Statement: 0}}}
		if diff := cmp.Diff(want, calls[0].Authorization); diff != "" {
			t.Errorf("the decision (-want +got):\n%s", diff)
		}
	})

	t.Run("a role session gets nothing from it", func(t *testing.T) {
		f := newFake(seed(true)...)
		s, err := f.User("Bob").AssumeRole(&sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::123456789012:role/deployer"), RoleSessionName: aws.String("ci")})
		if err != nil {
			t.Fatal(err)
		}
		const want = "because no identity-based policy allows the iam:GetAccountPasswordPolicy action"
		if err := readPolicy(s.Client()); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("GetAccountPasswordPolicy as the role: %v, want AccessDenied %q", err, want)
		}
	})

	t.Run("the account's change is seen at once", func(t *testing.T) {
		f := newFake(seed(false)...)
		bob := f.User("Bob").Client()
		if err := readPolicy(bob); err == nil {
			t.Fatal("GetAccountPasswordPolicy before the change: allowed, want denied")
		}
		if _, err := f.Client().UpdateAccountPasswordPolicy(context.Background(), &iam.UpdateAccountPasswordPolicyInput{AllowUsersToChangePassword: true}); err != nil {
			t.Fatal(err)
		}
		if err := readPolicy(bob); err != nil {
			t.Errorf("GetAccountPasswordPolicy after the change: %v, want allowed", err)
		}
	})
}
