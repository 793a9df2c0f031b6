package fakeiam_test

// docs/contract.md, "Temporary credentials" and "Enforcement": with
// Enforce, AssumeRole needs the trust policy and (unless the trust policy
// names the caller) the caller's own policies; a session is limited by its
// session policies and carries its tags and MFA into the request's context.

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// seedSessionEnforcement: Bob holds no policy; the role ci trusts him by
// name and may read users; the role ops trusts the account (so a caller's
// own policy must allow it) and may list users when the session's tag team
// is blue; Alice may assume ops; Carol may read users only with MFA.
func seedSessionEnforcement() []fakeiam.Option {
	return seedSessions(
		fakeiam.Enforce(),
		fakeiam.Role("ops").TrustPolicy(trustOf("arn:aws:iam::"+acctID+":root", `["sts:AssumeRole","sts:TagSession"]`, "")).
			InlinePolicy("team-blue", `{"Version":"2012-10-17","Statement":{"Sid":"Blue","Effect":"Allow","Action":"iam:ListUsers","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"blue"}}}}`),
		fakeiam.User("Carol").InlinePolicy("mfa-reads", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:GetUser","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}}`),
		fakeiam.VirtualMFADevice("carol-phone").Seed(mfaSeed).EnabledFor("Carol"),
		fakeiam.ManagedPolicy("may-assume-ops", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["sts:AssumeRole","sts:TagSession"],"Resource":"arn:aws:iam::`+acctID+`:role/ops"}}`).AttachedToUsers("Alice"),
		fakeiam.ManagedPolicy("read-users", `{"Version":"2012-10-17","Statement":{"Sid":"Read","Effect":"Allow","Action":["iam:GetUser","iam:ListUsers"],"Resource":"*"}}`).AttachedToRoles("ci"),
	)
}

func TestSessionEnforcement(t *testing.T) {
	opsARN := "arn:aws:iam::" + acctID + ":role/ops"
	ciSession := "arn:aws:sts::" + acctID + ":assumed-role/ci/build"
	denied := func(caller, action, resource, reason string) *fakeiam.Error {
		return &fakeiam.Error{Code: "AccessDenied", Status: 403,
			Message: "User: " + caller + " is not authorized to perform: " + action + " on resource: " + resource + " " + reason}
	}
	onlyGetUser := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}}`
	withPolicy := func(in *sts.AssumeRoleInput, doc string) *sts.AssumeRoleInput { in.Policy = &doc; return in }
	tagged := func(in *sts.AssumeRoleInput, value string) *sts.AssumeRoleInput {
		in.Tags = []ststypes.Tag{{Key: aws.String("team"), Value: aws.String(value)}}
		return in
	}
	listUsers := callOf((*iam.Client).ListUsers, &iam.ListUsersInput{})
	runScenarios(t, seedSessionEnforcement(), []scenario{
		// AssumeRole.
		{name: "a trust policy naming the user: no policy of his own needed", as: asUser("Bob"),
			call: assumeRole(assumeInput(ciRoleARN, "build")), want: assumed("ci", "build", time.Hour)},
		{name: "a trust policy naming the account: the user's policy must allow it", as: asUser("Bob"),
			call:    assumeRole(assumeInput(opsARN, "build")),
			wantErr: denied(bobARN, "sts:AssumeRole", opsARN, "because no identity-based policy allows the sts:AssumeRole action")},
		{name: "the account's trust and the user's policy", as: asUser("Alice"),
			call: assumeRole(assumeInput(opsARN, "build")), want: assumed("ops", "build", time.Hour)},
		{name: "a trust policy that does not trust the user: the classic text", as: asUser("Alice"),
			call: assumeRole(assumeInput(ciRoleARN, "build")), wantErr: notAuthorized(userARN("/eng/", "Alice"), "sts:AssumeRole", ciRoleARN)},

		// What a session may do.
		{name: "the role's policies decide the session's calls", steps: []change{assumeStep("ci", nil, assumeInput(ciRoleARN, "build"))},
			as: asSession("ci", nil), call: getUser(bob), want: &iam.GetUserOutput{User: bobUser}},
		{name: "and what they do not allow is denied", steps: []change{assumeStep("ci", nil, assumeInput(ciRoleARN, "build"))},
			as: asSession("ci", nil), call: callOf((*iam.Client).ListRoles, &iam.ListRolesInput{}),
			wantErr: denied(ciSession, "iam:ListRoles", "arn:aws:iam::"+acctID+":role/", "because no identity-based policy allows the iam:ListRoles action")},
		{name: "a session policy narrows the role's", steps: []change{assumeStep("ci", nil, withPolicy(assumeInput(ciRoleARN, "build"), onlyGetUser))},
			as: asSession("ci", nil), call: listUsers,
			wantErr: denied(ciSession, "iam:ListUsers", "arn:aws:iam::"+acctID+":user/", "because no session policy allows the iam:ListUsers action")},
		{name: "what both allow is allowed", steps: []change{assumeStep("ci", nil, withPolicy(assumeInput(ciRoleARN, "build"), onlyGetUser))},
			as: asSession("ci", nil), call: getUser(bob), want: &iam.GetUserOutput{User: bobUser}},
		{name: "an explicit deny in a session policy",
			steps: []change{assumeStep("ci", nil, withPolicy(assumeInput(ciRoleARN, "build"),
				`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"iam:GetUser","Resource":"*"}]}`))},
			as: asSession("ci", nil), call: getUser(bob),
			wantErr: denied(ciSession, "iam:GetUser", "user Bob", "with an explicit deny in a session policy")},
		{name: "a session policy grants nothing the role lacks",
			steps: []change{assumeStep("ci", nil, withPolicy(assumeInput(ciRoleARN, "build"), `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`))},
			as:    asSession("ci", nil), call: callOf((*iam.Client).ListRoles, &iam.ListRolesInput{}),
			wantErr: denied(ciSession, "iam:ListRoles", "arn:aws:iam::"+acctID+":role/", "because no identity-based policy allows the iam:ListRoles action")},
		{name: "a session tag is the principal's tag", steps: []change{assumeStep("ops", asUser("Alice"), tagged(assumeInput(opsARN, "blue"), "blue"))},
			as: asSession("ops", nil), call: listUsers, want: listUsersOf(t)},
		{name: "another value of the tag", steps: []change{assumeStep("ops", asUser("Alice"), tagged(assumeInput(opsARN, "red"), "red"))},
			as: asSession("ops", nil), call: listUsers,
			wantErr: denied("arn:aws:sts::"+acctID+":assumed-role/ops/red", "iam:ListUsers", "arn:aws:iam::"+acctID+":user/", "because no identity-based policy allows the iam:ListUsers action")},

		// MFA.
		{name: "long-term keys: aws:MultiFactorAuthPresent absent", as: asUser("Carol"), call: getUser(nil),
			wantErr: denied(userARN("/", "Carol"), "iam:GetUser", "user Carol", "because no identity-based policy allows the iam:GetUser action")},
		{name: "a session token with MFA: present, true",
			steps: []change{func(r *run) {
				out, err := r.f.User("Carol").STSClient().GetSessionToken(context.Background(), &sts.GetSessionTokenInput{
					SerialNumber: aws.String("arn:aws:iam::" + acctID + ":mfa/carol-phone"), TokenCode: mfaCode(t, 0)})
				if err != nil {
					r.t.Fatal(err)
				}
				keepSession(r, "carol", out.Credentials)
			}},
			as: asSession("carol", nil), call: getUser(nil), want: &iam.GetUserOutput{User: carolUser()}},
	})
}

// listUsersOf is ListUsers' answer on seedSessionEnforcement, as the
// account's root (whom no policy limits) gets it: the contract of
// ListUsers is tested elsewhere, here only who may call it.
func listUsersOf(t *testing.T) *iam.ListUsersOutput {
	f := newFake(seedSessionEnforcement()...)
	out, err := f.Client().ListUsers(context.Background(), &iam.ListUsersInput{})
	if err != nil {
		t.Fatal(err)
	}
	return &iam.ListUsersOutput{Users: out.Users, IsTruncated: out.IsTruncated}
}

func carolUser() *types.User {
	return &types.User{Path: aws.String("/"), UserName: aws.String("Carol"), UserId: aws.String("<id of Carol>"),
		Arn: aws.String(userARN("/", "Carol")), CreateDate: aws.Time(testNow)}
}

// TestSessionWhy: the call log keeps a session's decisions, naming its
// session policy.
func TestSessionWhy(t *testing.T) {
	f := newFake(seedSessionEnforcement()...)
	s, err := f.User("Bob").AssumeRole(&sts.AssumeRoleInput{RoleArn: aws.String("ci"), RoleSessionName: aws.String("build"),
		Policy: aws.String(`{"Version":"2012-10-17","Statement":{"Sid":"NoGet","Effect":"Deny","Action":"iam:GetUser","Resource":"*"}}`)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Client().GetUser(context.Background(), &iam.GetUserInput{UserName: aws.String("Bob")}); err == nil {
		t.Fatal("GetUser: allowed, want the session policy's deny")
	}
	calls := logged(t, f, fakeiam.GetUser)
	if len(calls) != 1 {
		t.Fatalf("%d GetUser calls logged, want 1", len(calls))
	}
	want := &fakeiam.Authorization{Action: "iam:GetUser", Resource: "arn:aws:iam::" + acctID + ":user/Bob", Decision: "explicitDeny",
		DeniedBy: "session policy", Statements: []fakeiam.DecidingStatement{{Policy: "session", Session: true, Sid: "NoGet"}}}
	if diff := cmp.Diff(want, calls[0].Authorization); diff != "" {
		t.Errorf("the decision (-want +got):\n%s", diff)
	}
	if got := calls[0].Caller; got.ARN != "arn:aws:sts::"+acctID+":assumed-role/ci/build" || got.RoleName != "ci" || got.SessionName != "build" {
		t.Errorf("the caller %+v, want the session's", got)
	}
	if s.ARN != calls[0].Caller.ARN {
		t.Errorf("Session.ARN %q, want %q", s.ARN, calls[0].Caller.ARN)
	}
}

// TestSessionRoleLastUsed: a session's request is its role's use, as
// GetRole's RoleLastUsed reports it.
func TestSessionRoleLastUsed(t *testing.T) {
	f := newFake(seedSessions()...)
	s, err := f.User("Bob").AssumeRole(assumeInput(ciRoleARN, "build"))
	if err != nil {
		t.Fatal(err)
	}
	before, err := f.Client().GetRole(context.Background(), &iam.GetRoleInput{RoleName: aws.String("ci")})
	if err != nil {
		t.Fatal(err)
	}
	if before.Role.RoleLastUsed != nil && before.Role.RoleLastUsed.LastUsedDate != nil {
		t.Fatalf("RoleLastUsed before any use: %v", before.Role.RoleLastUsed.LastUsedDate)
	}
	if err := f.Advance(5 * time.Minute); err != nil {
		t.Fatal(err)
	}
	if _, err := s.STSClient().GetCallerIdentity(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	after, err := f.Client().GetRole(context.Background(), &iam.GetRoleInput{RoleName: aws.String("ci")})
	if err != nil {
		t.Fatal(err)
	}
	if got := after.Role.RoleLastUsed; got == nil || got.LastUsedDate == nil || !got.LastUsedDate.Equal(testNow.Add(5*time.Minute)) {
		t.Errorf("RoleLastUsed after the session's request: %+v, want %v", got, testNow.Add(5*time.Minute))
	}
}
