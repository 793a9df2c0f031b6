package fakeiam_test

// docs/contract.md, "Temporary credentials", GetFederationToken: a user (or
// the root) asks for a federated user's credentials; they call no IAM
// operation and no STS operation but GetCallerIdentity. Through both doors.

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

func getFederationToken(in *sts.GetFederationTokenInput) call {
	return func(ctx context.Context, c *iam.Client, _ *run) (any, error) {
		return stsOf(c).GetFederationToken(ctx, in)
	}
}

// federationStep gets a federated user's credentials as user (the root
// for "") and keeps them as name, for asSession.
func federationStep(name, user string, in *sts.GetFederationTokenInput) change {
	return func(r *run) {
		r.t.Helper()
		p := r.f.Root()
		if user != "" {
			p = r.f.User(user)
		}
		out, err := p.STSClient().GetFederationToken(context.Background(), in)
		if err != nil {
			r.t.Fatalf("step: GetFederationToken: %v", err)
		}
		keepSession(r, name, out.Credentials)
	}
}

// federated is GetFederationToken's answer for the federated user name,
// expiring after d, its PackedPolicySize packed.
func federated(name string, d time.Duration, packed int32) *sts.GetFederationTokenOutput {
	exp := testNow.Add(d)
	return &sts.GetFederationTokenOutput{
		Credentials: &ststypes.Credentials{AccessKeyId: aws.String("<new session key id>"), SecretAccessKey: aws.String("<new secret>"),
			SessionToken: aws.String("<new session token>"), Expiration: &exp},
		FederatedUser: &ststypes.FederatedUser{FederatedUserId: aws.String(acctID + ":" + name),
			Arn: aws.String("arn:aws:sts::" + acctID + ":federated-user/" + name)},
		PackedPolicySize: aws.Int32(packed),
	}
}

func federationInput(name string, edit ...func(*sts.GetFederationTokenInput)) *sts.GetFederationTokenInput {
	in := &sts.GetFederationTokenInput{Name: aws.String(name)}
	for _, e := range edit {
		e(in)
	}
	return in
}

func TestGetFederationToken(t *testing.T) {
	appARN := "arn:aws:sts::" + acctID + ":federated-user/app"
	getApp := federationStep("app", "Bob", federationInput("app"))
	invalidIAM := &fakeiam.Error{Code: "InvalidClientTokenId", Status: 403, Message: "The security token included in the request is invalid."}
	withSession := &fakeiam.Error{Code: "AccessDenied", Status: 403, Message: "Cannot call GetFederationToken with session credentials"}
	readObjects := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}` // 87 characters: 5% of 2,048
	runScenarios(t, seedSessions(), []scenario{
		// The answer.
		{name: "a user's: twelve hours by default, PackedPolicySize 0", as: asUser("Bob"),
			call: getFederationToken(federationInput("app")), want: federated("app", 12*time.Hour, 0)},
		{name: "DurationSeconds", as: asUser("Bob"),
			call: getFederationToken(federationInput("app", func(in *sts.GetFederationTokenInput) { in.DurationSeconds = aws.Int32(900) })),
			want: federated("app", 15*time.Minute, 0)},
		{name: "up to 36 hours", as: asUser("Bob"),
			call: getFederationToken(federationInput("app", func(in *sts.GetFederationTokenInput) { in.DurationSeconds = aws.Int32(129600) })),
			want: federated("app", 36*time.Hour, 0)},
		{name: "the root's: an hour at most",
			call: getFederationToken(federationInput("ops", func(in *sts.GetFederationTokenInput) { in.DurationSeconds = aws.Int32(7200) })),
			want: federated("ops", time.Hour, 0)},
		{name: "a session policy: PackedPolicySize", as: asUser("Bob"),
			call: getFederationToken(federationInput("app", func(in *sts.GetFederationTokenInput) { in.Policy = aws.String(readObjects) })),
			want: federated("app", 12*time.Hour, 5)},
		{name: "session tags: PackedPolicySize", as: asUser("Bob"),
			call: getFederationToken(federationInput("app", func(in *sts.GetFederationTokenInput) {
				in.Tags = []ststypes.Tag{{Key: aws.String("team"), Value: aws.String("blue")}}
			})),
			want: federated("app", 12*time.Hour, 1)},

		// Refusals, in STS's order.
		{name: "a name of one character", as: asUser("Bob"),
			call: getFederationToken(federationInput("a")), wantErr: failedConstraints("name", minLength(2))},
		{name: "a name off the pattern", as: asUser("Bob"),
			call:    getFederationToken(federationInput("app:1")),
			wantErr: failedConstraints("name", `Member must satisfy regular expression pattern: [\w+=,.@-]*`)},
		{name: "DurationSeconds under 15 minutes", as: asUser("Bob"),
			call:    getFederationToken(federationInput("app", func(in *sts.GetFederationTokenInput) { in.DurationSeconds = aws.Int32(899) })),
			wantErr: failedConstraints("durationSeconds", minValue(900))},
		{name: "session credentials", steps: []change{assumeStep("ci", nil, assumeInput(ciRoleARN, "build"))}, as: asSession("ci", nil),
			call: getFederationToken(federationInput("app")), wantErr: withSession},
		{name: "a role's own credentials", as: asKey(roleKey.ID),
			call: getFederationToken(federationInput("app")), wantErr: withSession},
		{name: "a federated user's credentials", steps: []change{getApp}, as: asSession("app", nil),
			call: getFederationToken(federationInput("app2")), wantErr: withSession},
		{name: "tag keys repeated, ignoring case", as: asUser("Bob"),
			call: getFederationToken(federationInput("app", func(in *sts.GetFederationTokenInput) {
				in.Tags = []ststypes.Tag{{Key: aws.String("Team"), Value: aws.String("a")}, {Key: aws.String("team"), Value: aws.String("b")}}
			})),
			wantErr: invalidParameterValue("Duplicate tag keys found. Please note that Tag keys are case insensitive.")},
		{name: "a session policy IAM would refuse", as: asUser("Bob"),
			call:    getFederationToken(federationInput("app", func(in *sts.GetFederationTokenInput) { in.Policy = aws.String(`{"Version":"2012-10-17"}`) })),
			wantErr: &fakeiam.Error{Code: "MalformedPolicyDocument", Status: 400, Message: "Syntax errors in policy."}},

		// What the credentials do.
		{name: "GetCallerIdentity: the federated user", steps: []change{getApp}, as: asSession("app", nil),
			call: getCallerIdentity(), want: identity(appARN, acctID+":app", acctID)},
		{name: "an IAM call: InvalidClientTokenId", steps: []change{getApp}, as: asSession("app", nil),
			call: getUser(bob), wantErr: invalidIAM},
		{name: "AssumeRole: not authorized", steps: []change{getApp}, as: asSession("app", nil),
			call: assumeRole(assumeInput(ciRoleARN, "bb")), wantErr: notAuthorized(appARN, "sts:AssumeRole", ciRoleARN)},
		{name: "AssumeRole by the root's federated user: not authorized, as any federated user", steps: []change{federationStep("ops", "", federationInput("ops"))},
			as: asSession("ops", nil), call: assumeRole(assumeInput(ciRoleARN, "bb")),
			wantErr: notAuthorized("arn:aws:sts::"+acctID+":federated-user/ops", "sts:AssumeRole", ciRoleARN)},
		{name: "GetSessionToken: session credentials", steps: []change{getApp}, as: asSession("app", nil),
			call: getSessionToken(nil), wantErr: &fakeiam.Error{Code: "AccessDenied", Status: 403, Message: "Cannot call GetSessionToken with session credentials"}},
		{name: "expired: STS's ExpiredToken", steps: []change{getApp, advance(12 * time.Hour)}, as: asSession("app", nil),
			call: getCallerIdentity(), wantErr: &fakeiam.Error{Code: "ExpiredToken", Status: 403, Message: "The security token included in the request is expired"}},
	})
}

// TestFederationTokenHelper: Principal.FederationToken's session answers
// GetCallerIdentity as the federated user, and the call log names it.
func TestFederationTokenHelper(t *testing.T) {
	f := newFake(fakeiam.User("Bob"))
	s, err := f.User("Bob").FederationToken(&sts.GetFederationTokenInput{Name: aws.String("app")})
	if err != nil {
		t.Fatal(err)
	}
	const arn = "arn:aws:sts::" + acctID + ":federated-user/app"
	if s.ARN != arn {
		t.Errorf("Session.ARN %q, want %q", s.ARN, arn)
	}
	out, err := s.STSClient().GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	if err != nil || *out.Arn != arn || *out.UserId != acctID+":app" {
		t.Fatalf("GetCallerIdentity: %v, %v; want %s", out, err, arn)
	}
	calls, err := f.Calls(fakeiam.GetCallerIdentity)
	if err != nil || len(calls) != 1 {
		t.Fatalf("Calls: %d, %v", len(calls), err)
	}
	c := calls[0].Caller
	if c.ARN != arn || c.UserName != "Bob" || c.SessionName != "app" || c.IsRoot() {
		t.Errorf("the caller logged: %+v; want the federated user app, asked for by Bob", c)
	}
	root, err := f.Root().FederationToken(&sts.GetFederationTokenInput{Name: aws.String("ops")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := root.STSClient().GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{}); err != nil {
		t.Fatal(err)
	}
	calls, _ = f.Calls(fakeiam.GetCallerIdentity)
	if c := calls[1].Caller; c.IsRoot() || c.SessionName != "ops" {
		t.Errorf("the root's federated user logged as %+v: IsRoot %v, want false", c, c.IsRoot())
	}
}

// TestGetFederationTokenEnforced: with Enforce, the caller's policies must
// allow sts:GetFederationToken on the federated user's ARN (the service
// authorization reference's resource for the action).
func TestGetFederationTokenEnforced(t *testing.T) {
	const allowApps = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:GetFederationToken","Resource":"arn:aws:sts::*:federated-user/app-*"}]}`
	carol := "arn:aws:iam::" + acctID + ":user/Carol"
	runScenarios(t, []fakeiam.Option{fakeiam.Enforce(), fakeiam.User("Carol").InlinePolicy("apps", allowApps)}, []scenario{
		{name: "a name the policy allows", as: asUser("Carol"),
			call: getFederationToken(federationInput("app-1")), want: federated("app-1", 12*time.Hour, 0)},
		{name: "a name it does not", as: asUser("Carol"),
			call: getFederationToken(federationInput("ops")),
			wantErr: &fakeiam.Error{Code: "AccessDenied", Status: 403, Message: "User: " + carol + " is not authorized to perform: sts:GetFederationToken on resource: arn:aws:sts::" +
				acctID + ":federated-user/ops because no identity-based policy allows the sts:GetFederationToken action"}},
	})
}
