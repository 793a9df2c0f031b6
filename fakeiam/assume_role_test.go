package fakeiam_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// Temporary credentials' contract (docs/contract.md, "Temporary
// credentials"): AssumeRole's checks in STS's order with STS's texts, and
// what a session's credentials can do, through both doors.

const (
	acctID      = fakeiam.DefaultAccountID
	mfaSeed     = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	bobMFA      = "arn:aws:iam::" + acctID + ":mfa/bob-phone"
	ciRoleARN   = "arn:aws:iam::" + acctID + ":role/ci"
	deployerARN = "arn:aws:iam::" + acctID + ":role/Deployer"
)

// trustOf is a trust policy allowing principal (an ARN) the actions.
func trustOf(principal string, actions string, condition string) string {
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + principal + `"},"Action":` + actions
	if condition != "" {
		doc += `,"Condition":` + condition
	}
	return doc + `}]}`
}

// seedSessions: the users' seed, and roles to assume: ci trusts Bob by
// name (and lets him tag sessions), for up to two hours; external wants an
// external id; mfa wants MFA; ec2 trusts a service only. Bob has an MFA
// device.
func seedSessions(more ...fakeiam.Option) []fakeiam.Option {
	return append(seedUsers(
		fakeiam.Role("ci").TrustPolicy(trustOf(userARN("/", "Bob"), `["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"]`, "")).MaxSessionDuration(2*time.Hour),
		fakeiam.Role("external").TrustPolicy(trustOf("arn:aws:iam::"+acctID+":root", `"sts:AssumeRole"`, `{"StringEquals":{"sts:ExternalId":"xyz-123"}}`)),
		fakeiam.Role("mfa").TrustPolicy(trustOf("arn:aws:iam::"+acctID+":root", `"sts:AssumeRole"`, `{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`)),
		fakeiam.Role("ec2").TrustPolicy(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`),
		fakeiam.VirtualMFADevice("bob-phone").Seed(mfaSeed).EnabledFor("Bob"),
	), more...)
}

// assumeRole calls STS's AssumeRole.
func assumeRole(in *sts.AssumeRoleInput) call {
	return func(ctx context.Context, c *iam.Client, _ *run) (any, error) {
		return stsOf(c).AssumeRole(ctx, in)
	}
}

func getSessionToken(in *sts.GetSessionTokenInput) call {
	return func(ctx context.Context, c *iam.Client, _ *run) (any, error) {
		return stsOf(c).GetSessionToken(ctx, in)
	}
}

func assumeInput(roleARN, session string) *sts.AssumeRoleInput {
	return &sts.AssumeRoleInput{RoleArn: aws.String(roleARN), RoleSessionName: aws.String(session)}
}

// assumed is AssumeRole's answer for role's session name, expiring after d.
func assumed(role, name string, d time.Duration) *sts.AssumeRoleOutput {
	exp := testNow.Add(d)
	return &sts.AssumeRoleOutput{
		Credentials: &ststypes.Credentials{AccessKeyId: aws.String("<new session key id>"), SecretAccessKey: aws.String("<new secret>"),
			SessionToken: aws.String("<new session token>"), Expiration: &exp},
		AssumedRoleUser: &ststypes.AssumedRoleUser{AssumedRoleId: aws.String("<assumed role id>"),
			Arn: aws.String("arn:aws:sts::" + acctID + ":assumed-role/" + role + "/" + name)},
	}
}

func notAuthorized(caller, action, resource string) *fakeiam.Error {
	return &fakeiam.Error{Code: "AccessDenied", Status: 403, Message: "User: " + caller + " is not authorized to perform: " + action + " on resource: " + resource}
}

func invalidParameterValue(msg string) *fakeiam.Error {
	return &fakeiam.Error{Code: "InvalidParameterValue", Status: 400, Message: msg}
}

// mfaCode is the code Bob's device shows at the fake's time plus d.
func mfaCode(t testing.TB, d time.Duration) *string {
	code, err := fakeiam.MFACode(mfaSeed, testNow.Add(d))
	if err != nil {
		t.Fatal(err)
	}
	return &code
}

// assumeStep assumes a role as the caller (nil: Bob) through the SDK
// door and keeps the session's credentials as name, for asSession.
func assumeStep(name string, as func(*run) *iam.Client, in *sts.AssumeRoleInput) change {
	return func(r *run) {
		r.t.Helper()
		c := r.f.User("Bob").Client()
		if as != nil {
			c = as(r)
		}
		out, err := stsOf(c).AssumeRole(context.Background(), in)
		if err != nil {
			r.t.Fatalf("step: AssumeRole: %v", err)
		}
		keepSession(r, name, out.Credentials)
	}
}

// tokenStep gets a session token as Bob and keeps it as name.
func tokenStep(name string, in *sts.GetSessionTokenInput) change {
	return func(r *run) {
		r.t.Helper()
		out, err := r.f.User("Bob").STSClient().GetSessionToken(context.Background(), in)
		if err != nil {
			r.t.Fatalf("step: GetSessionToken: %v", err)
		}
		keepSession(r, name, out.Credentials)
	}
}

func keepSession(r *run, name string, c *ststypes.Credentials) {
	r.named["<session "+name+" key>"] = *c.AccessKeyId
	r.named["<session "+name+" secret>"] = *c.SecretAccessKey
	r.named["<session "+name+" token>"] = *c.SessionToken
}

// asSession signs with the session kept as name; token, when not nil,
// replaces its token.
func asSession(name string, token func(string) string) func(*run) *iam.Client {
	return func(r *run) *iam.Client {
		c := &ststypes.Credentials{AccessKeyId: aws.String(r.named["<session "+name+" key>"]),
			SecretAccessKey: aws.String(r.named["<session "+name+" secret>"]), SessionToken: aws.String(r.named["<session "+name+" token>"])}
		if token != nil {
			c.SessionToken = aws.String(token(*c.SessionToken))
		}
		return r.f.Session(c).Client()
	}
}

func TestAssumeRole(t *testing.T) {
	withTags := func(in *sts.AssumeRoleInput, kv ...string) *sts.AssumeRoleInput {
		for i := 0; i < len(kv); i += 2 {
			in.Tags = append(in.Tags, ststypes.Tag{Key: aws.String(kv[i]), Value: aws.String(kv[i+1])})
		}
		return in
	}
	with := func(in *sts.AssumeRoleInput, edit func(*sts.AssumeRoleInput)) *sts.AssumeRoleInput {
		edit(in)
		return in
	}
	packed := func(out *sts.AssumeRoleOutput, n int32) *sts.AssumeRoleOutput {
		out.PackedPolicySize = &n
		return out
	}
	runScenarios(t, seedSessions(), []scenario{
		// The answer.
		{name: "a user the trust policy names: a session of an hour", as: asUser("Bob"),
			call: assumeRole(assumeInput(ciRoleARN, "build")), want: assumed("ci", "build", time.Hour)},
		{name: "DurationSeconds up to the role's maximum", as: asUser("Bob"),
			call: assumeRole(with(assumeInput(ciRoleARN, "build"), func(in *sts.AssumeRoleInput) { in.DurationSeconds = aws.Int32(7200) })),
			want: assumed("ci", "build", 2*time.Hour)},
		{name: "a user of the account the trust policy names", as: asUser("Alice"),
			call: assumeRole(assumeInput(deployerARN, "deploy")), want: assumed("Deployer", "deploy", time.Hour)},
		{name: "session tags: PackedPolicySize shown", as: asUser("Bob"),
			call: assumeRole(withTags(assumeInput(ciRoleARN, "build"), "team", "blue")), want: packed(assumed("ci", "build", time.Hour), 1)},
		{name: "a session policy: PackedPolicySize shown", as: asUser("Bob"),
			call: assumeRole(with(assumeInput(ciRoleARN, "build"), func(in *sts.AssumeRoleInput) {
				in.Policy = aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]}`)
			})), want: packed(assumed("ci", "build", time.Hour), 5)},
		{name: "a source identity is answered", as: asUser("Bob"),
			call: assumeRole(with(assumeInput(ciRoleARN, "build"), func(in *sts.AssumeRoleInput) { in.SourceIdentity = aws.String("bob@example.com") })),
			want: with2(assumed("ci", "build", time.Hour), func(o *sts.AssumeRoleOutput) { o.SourceIdentity = aws.String("bob@example.com") })},
		{name: "the external id the trust policy wants", as: asUser("Bob"),
			call: assumeRole(with(assumeInput("arn:aws:iam::"+acctID+":role/external", "xx"), func(in *sts.AssumeRoleInput) { in.ExternalId = aws.String("xyz-123") })),
			want: assumed("external", "xx", time.Hour)},
		{name: "an MFA code makes aws:MultiFactorAuthPresent true", as: asUser("Bob"),
			call: assumeRole(with(assumeInput("arn:aws:iam::"+acctID+":role/mfa", "xx"), func(in *sts.AssumeRoleInput) {
				in.SerialNumber, in.TokenCode = aws.String(bobMFA), mfaCode(t, 0)
			})), want: assumed("mfa", "xx", time.Hour)},

		// Validation, then STS's own checks, in order.
		{name: "validation: the session name's pattern", as: asUser("Bob"),
			call: assumeRole(assumeInput("nothing valid, and long enough", "a:b")), wantErr: failedConstraints("roleSessionName", pattern(`[\w+=,.@-]*`))},
		{name: "validation: DurationSeconds below 900", as: asUser("Bob"),
			call:    assumeRole(with(assumeInput(ciRoleARN, "bb"), func(in *sts.AssumeRoleInput) { in.DurationSeconds = aws.Int32(899) })),
			wantErr: failedConstraints("durationSeconds", minValue(900))},
		{name: "a RoleArn that is no ARN", as: asUser("Bob"),
			call: assumeRole(assumeInput("nothing-valid-in-here", "bb")), wantErr: validationError("nothing-valid-in-here is invalid")},
		{name: "an ARN with no resource", as: asUser("Bob"),
			call: assumeRole(assumeInput("arn:a:a::aaaaaaaaaa:", "bb")), wantErr: validationError("arn:a:a::aaaaaaaaaa: is invalid")},
		{name: "tag keys repeated, ignoring case", as: asUser("Bob"),
			call: assumeRole(withTags(assumeInput(ciRoleARN, "bb"), "Team", "a", "team", "b")), wantErr: invalidParameterValue("Duplicate tag keys found. Please note that Tag keys are case insensitive.")},
		{name: "a transitive key that is no tag's", as: asUser("Bob"),
			call:    assumeRole(with(withTags(assumeInput(ciRoleARN, "bb"), "team", "a"), func(in *sts.AssumeRoleInput) { in.TransitiveTagKeys = []string{"project"} })),
			wantErr: invalidParameterValue("The specified transitive tag key must be included in the requested tags.")},
		{name: "a session policy over 2,048 characters", as: asUser("Bob"),
			call: assumeRole(with(assumeInput(ciRoleARN, "bb"), func(in *sts.AssumeRoleInput) {
				in.Policy = aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*","Sid":"` + strings.Repeat("a", 2000) + `"}]}`)
			})), wantErr: failedConstraints("policy", maxLength(2048))},
		{name: "a session policy IAM would refuse", as: asUser("Bob"),
			call:    assumeRole(with(assumeInput(ciRoleARN, "bb"), func(in *sts.AssumeRoleInput) { in.Policy = aws.String(`{"Version":"2012-10-17"}`) })),
			wantErr: &fakeiam.Error{Code: "MalformedPolicyDocument", Status: 400, Message: "Syntax errors in policy."}},
		{name: "the root user",
			call: assumeRole(assumeInput(deployerARN, "bb")), wantErr: &fakeiam.Error{Code: "AccessDenied", Status: 403, Message: "Roles may not be assumed by root accounts."}},
		{name: "an MFA serial without a code", as: asUser("Bob"),
			call:    assumeRole(with(assumeInput(ciRoleARN, "bb"), func(in *sts.AssumeRoleInput) { in.SerialNumber = aws.String(bobMFA) })),
			wantErr: &fakeiam.Error{Code: "AccessDenied", Status: 403, Message: "MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code."}},
		{name: "an MFA device not the caller's", as: asUser("Alice"),
			call: assumeRole(with(assumeInput(deployerARN, "bb"), func(in *sts.AssumeRoleInput) {
				in.SerialNumber, in.TokenCode = aws.String(bobMFA), mfaCode(t, 0)
			})), wantErr: &fakeiam.Error{Code: "AccessDenied", Status: 403, Message: "MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user."}},
		{name: "a wrong MFA code", as: asUser("Bob"),
			call: assumeRole(with(assumeInput(ciRoleARN, "bb"), func(in *sts.AssumeRoleInput) {
				in.SerialNumber, in.TokenCode = aws.String(bobMFA), mfaCode(t, 10*time.Minute)
			})), wantErr: &fakeiam.Error{Code: "AccessDenied", Status: 403, Message: "MultiFactorAuthentication failed with invalid MFA one time pass code."}},
		{name: "an MFA code used before", as: asUser("Bob"),
			steps: []change{assumeStep("first", nil, with(assumeInput(ciRoleARN, "bb"), func(in *sts.AssumeRoleInput) {
				in.SerialNumber, in.TokenCode = aws.String(bobMFA), mfaCode(t, 0)
			}))},
			call: assumeRole(with(assumeInput(ciRoleARN, "bb"), func(in *sts.AssumeRoleInput) {
				in.SerialNumber, in.TokenCode = aws.String(bobMFA), mfaCode(t, 0)
			})), wantErr: &fakeiam.Error{Code: "AccessDenied", Status: 403, Message: "MultiFactorAuthentication failed with invalid MFA one time pass code."}},

		// Authorization: the trust policy.
		{name: "a user the trust policy does not name", as: asUser("Alice"),
			call: assumeRole(assumeInput(ciRoleARN, "bb")), wantErr: notAuthorized(userARN("/eng/", "Alice"), "sts:AssumeRole", ciRoleARN)},
		{name: "a role that does not exist: the same AccessDenied", as: asUser("Bob"),
			call:    assumeRole(assumeInput("arn:aws:iam::"+acctID+":role/nobody", "bb")),
			wantErr: notAuthorized(bobARN, "sts:AssumeRole", "arn:aws:iam::"+acctID+":role/nobody")},
		{name: "a role's ARN with another path names no role", as: asUser("Bob"),
			call:    assumeRole(assumeInput("arn:aws:iam::"+acctID+":role/ops/ci", "bb")),
			wantErr: notAuthorized(bobARN, "sts:AssumeRole", "arn:aws:iam::"+acctID+":role/ops/ci")},
		{name: "a role only a service may assume", as: asUser("Bob"),
			call:    assumeRole(assumeInput("arn:aws:iam::"+acctID+":role/ec2", "bb")),
			wantErr: notAuthorized(bobARN, "sts:AssumeRole", "arn:aws:iam::"+acctID+":role/ec2")},
		{name: "without the external id", as: asUser("Bob"),
			call:    assumeRole(assumeInput("arn:aws:iam::"+acctID+":role/external", "xx")),
			wantErr: notAuthorized(bobARN, "sts:AssumeRole", "arn:aws:iam::"+acctID+":role/external")},
		{name: "another external id", as: asUser("Bob"),
			call:    assumeRole(with(assumeInput("arn:aws:iam::"+acctID+":role/external", "xx"), func(in *sts.AssumeRoleInput) { in.ExternalId = aws.String("abc") })),
			wantErr: notAuthorized(bobARN, "sts:AssumeRole", "arn:aws:iam::"+acctID+":role/external")},
		{name: "MFA wanted, none given", as: asUser("Bob"),
			call:    assumeRole(assumeInput("arn:aws:iam::"+acctID+":role/mfa", "xx")),
			wantErr: notAuthorized(bobARN, "sts:AssumeRole", "arn:aws:iam::"+acctID+":role/mfa")},
		{name: "tags on a role whose trust policy does not allow sts:TagSession", as: asUser("Bob"),
			call:    assumeRole(withTags(assumeInput(deployerARN, "bb"), "team", "blue")),
			wantErr: notAuthorized(bobARN, "sts:TagSession", deployerARN)},
		{name: "a source identity the trust policy does not allow", as: asUser("Bob"),
			call:    assumeRole(with(assumeInput(deployerARN, "bb"), func(in *sts.AssumeRoleInput) { in.SourceIdentity = aws.String("bob") })),
			wantErr: notAuthorized(bobARN, "sts:SetSourceIdentity", deployerARN)},

		// The duration, after authorization.
		{name: "DurationSeconds over the role's maximum", as: asUser("Bob"),
			call:    assumeRole(with(assumeInput(ciRoleARN, "bb"), func(in *sts.AssumeRoleInput) { in.DurationSeconds = aws.Int32(7201) })),
			wantErr: validationError("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")},
		{name: "role chaining: a session's AssumeRole for over an hour",
			steps: []change{assumeStep("ci", nil, assumeInput(ciRoleARN, "build"))}, as: asSession("ci", nil),
			call:    assumeRole(with(assumeInput(deployerARN, "chained"), func(in *sts.AssumeRoleInput) { in.DurationSeconds = aws.Int32(3601) })),
			wantErr: validationError("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.")},
		{name: "role chaining: an hour", steps: []change{assumeStep("ci", nil, assumeInput(ciRoleARN, "build"))}, as: asSession("ci", nil),
			call: assumeRole(assumeInput(deployerARN, "chained")), want: assumed("Deployer", "chained", time.Hour)},
		{name: "role chaining: a transitive tag cannot be set again",
			steps: []change{assumeStep("ci", nil, with(withTags(assumeInput(ciRoleARN, "build"), "team", "blue"), func(in *sts.AssumeRoleInput) {
				in.TransitiveTagKeys = []string{"team"}
			}))},
			as:      asSession("ci", nil),
			call:    assumeRole(withTags(assumeInput(ciRoleARN, "again"), "Team", "red")),
			wantErr: invalidParameterValue("One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.")},

		{name: "a code refused with its request is not spent", as: asUser("Bob"),
			steps: []change{func(r *run) {
				in := with(assumeInput(ciRoleARN, "bb"), func(in *sts.AssumeRoleInput) {
					in.SerialNumber, in.TokenCode, in.DurationSeconds = aws.String(bobMFA), mfaCode(t, 0), aws.Int32(7201)
				})
				if _, err := stsOf(r.f.User("Bob").Client()).AssumeRole(context.Background(), in); err == nil {
					r.t.Fatal("step: AssumeRole over the role's maximum: allowed")
				}
			}},
			call: assumeRole(with(assumeInput("arn:aws:iam::"+acctID+":role/mfa", "xx"), func(in *sts.AssumeRoleInput) {
				in.SerialNumber, in.TokenCode = aws.String(bobMFA), mfaCode(t, 0)
			})), want: assumed("mfa", "xx", time.Hour)},
		{name: "role chaining: the source identity carried needs sts:SetSourceIdentity",
			steps: []change{assumeStep("ci", nil, with(assumeInput(ciRoleARN, "build"), func(in *sts.AssumeRoleInput) { in.SourceIdentity = aws.String("bob") }))},
			as:    asSession("ci", nil), call: assumeRole(assumeInput(deployerARN, "chained")),
			wantErr: notAuthorized("arn:aws:sts::"+acctID+":assumed-role/ci/build", "sts:SetSourceIdentity", deployerARN)},

		// Faults.
		{name: "a fault naming AssumeRole answers instead", as: asUser("Bob"),
			steps:   []change{inject(fakeiam.Rule{Operation: fakeiam.AssumeRole, Then: fakeiam.AccessDenied()})},
			call:    assumeRole(assumeInput(ciRoleARN, "bb")),
			wantErr: notAuthorized(bobARN, "sts:AssumeRole", ciRoleARN)},
	})
}

func with2[T any](v T, edit func(T)) T {
	edit(v)
	return v
}

// TestSessions: what temporary credentials can do, and when they stop.
func TestSessions(t *testing.T) {
	ciSession := "arn:aws:sts::" + acctID + ":assumed-role/ci/build"
	assumeCI := assumeStep("ci", nil, assumeInput(ciRoleARN, "build"))
	invalidIAM := &fakeiam.Error{Code: "InvalidClientTokenId", Status: 403, Message: "The security token included in the request is invalid."}
	expired := &fakeiam.Error{Code: "ExpiredToken", Status: 403, Message: "The security token included in the request is expired"}
	runScenarios(t, seedSessions(), []scenario{
		{name: "GetCallerIdentity: the session's ARN, RoleId:session", steps: []change{assumeCI}, as: asSession("ci", nil),
			call: getCallerIdentity(), want: identity(ciSession, "<assumed role id>", acctID)},
		{name: "an IAM call as the session", steps: []change{assumeCI}, as: asSession("ci", nil),
			call: getUser(bob), want: &iam.GetUserOutput{User: bobUser}},
		{name: "a role session must name the user", steps: []change{assumeCI}, as: asSession("ci", nil),
			call: listAccessKeys(nil), wantErr: mustSpecifyUserName},
		{name: "valid until its last second", steps: []change{assumeCI, advance(time.Hour - time.Second)}, as: asSession("ci", nil),
			call: getCallerIdentity(), want: identity(ciSession, "<assumed role id>", acctID)},
		{name: "expired: IAM's ExpiredToken", steps: []change{assumeCI, advance(time.Hour)}, as: asSession("ci", nil),
			call: getUser(bob), wantErr: expired},
		{name: "expired: STS's ExpiredToken", steps: []change{assumeCI, advance(time.Hour)}, as: asSession("ci", nil),
			call: getCallerIdentity(), wantErr: expired},
		{name: "another token", steps: []change{assumeCI}, as: asSession("ci", func(s string) string { return s[:len(s)-2] + "AA" }),
			call: getUser(bob), wantErr: invalidIAM},
		{name: "no token", steps: []change{assumeCI}, as: asSession("ci", func(string) string { return "" }),
			call: getUser(bob), wantErr: invalidIAM},
		{name: "the role deleted", steps: []change{assumeCI, do(deleteRole("ci"))}, as: asSession("ci", nil),
			call: getCallerIdentity(), wantErr: invalidTokenSTS},

		// GetSessionToken.
		{name: "GetSessionToken: twelve hours by default", as: asUser("Bob"),
			call: getSessionToken(nil), want: sessionToken(12 * time.Hour)},
		{name: "GetSessionToken: DurationSeconds", as: asUser("Bob"),
			call: getSessionToken(&sts.GetSessionTokenInput{DurationSeconds: aws.Int32(900)}), want: sessionToken(15 * time.Minute)},
		{name: "GetSessionToken: the root's is an hour at most",
			call: getSessionToken(&sts.GetSessionTokenInput{DurationSeconds: aws.Int32(7200)}), want: sessionToken(time.Hour)},
		{name: "GetSessionToken: validation", as: asUser("Bob"),
			call:    getSessionToken(&sts.GetSessionTokenInput{DurationSeconds: aws.Int32(129601)}),
			wantErr: failedConstraints("durationSeconds", maxValue(129600))},
		{name: "GetSessionToken: a wrong MFA code", as: asUser("Bob"),
			call:    getSessionToken(&sts.GetSessionTokenInput{SerialNumber: aws.String(bobMFA), TokenCode: mfaCode(t, time.Hour)}),
			wantErr: &fakeiam.Error{Code: "AccessDenied", Status: 403, Message: "MultiFactorAuthentication failed with invalid MFA one time pass code."}},
		{name: "GetSessionToken with session credentials", steps: []change{assumeCI}, as: asSession("ci", nil),
			call: getSessionToken(nil), wantErr: &fakeiam.Error{Code: "AccessDenied", Status: 403, Message: "Cannot call GetSessionToken with session credentials"}},
		{name: "GetSessionToken with a role's own credentials", as: asKey(roleKey.ID),
			call: getSessionToken(nil), wantErr: &fakeiam.Error{Code: "AccessDenied", Status: 403, Message: "Cannot call GetSessionToken with session credentials"}},
		{name: "a session token: the user's identity", steps: []change{tokenStep("t", nil)}, as: asSession("t", nil),
			call: getCallerIdentity(), want: identity(bobARN, "<id of Bob>", acctID)},
		{name: "a session token without MFA: IAM refuses it", steps: []change{tokenStep("t", nil)}, as: asSession("t", nil),
			call: getUser(bob), wantErr: invalidIAM},
		{name: "a session token with MFA: IAM answers",
			steps: []change{func(r *run) {
				tokenStep("t", &sts.GetSessionTokenInput{SerialNumber: aws.String(bobMFA), TokenCode: mfaCode(t, 0)})(r)
			}}, as: asSession("t", nil),
			call: getUser(nil), want: &iam.GetUserOutput{User: bobUser}},
		{name: "a session token's AssumeRole is role chaining",
			steps: []change{tokenStep("t", nil)}, as: asSession("t", nil),
			call:    assumeRole(with2(assumeInput(ciRoleARN, "bb"), func(in *sts.AssumeRoleInput) { in.DurationSeconds = aws.Int32(7200) })),
			wantErr: validationError("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.")},
		{name: "a session token's AssumeRole as the user", steps: []change{tokenStep("t", nil)}, as: asSession("t", nil),
			call: assumeRole(assumeInput(ciRoleARN, "bb")), want: assumed("ci", "bb", time.Hour)},
	})
}

// sessionToken is GetSessionToken's answer, expiring after d.
func sessionToken(d time.Duration) *sts.GetSessionTokenOutput {
	exp := testNow.Add(d)
	return &sts.GetSessionTokenOutput{Credentials: &ststypes.Credentials{AccessKeyId: aws.String("<new session key id>"),
		SecretAccessKey: aws.String("<new secret>"), SessionToken: aws.String("<new session token>"), Expiration: &exp}}
}
