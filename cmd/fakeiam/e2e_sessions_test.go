package main

// End to end for temporary credentials (docs/contract.md, "Temporary
// credentials"): the AWS CLI and boto3 assume a role whose trust policy
// names Bob, sign with the session (AWS_SESSION_TOKEN), chain, get a
// session token with an MFA code, and meet STS's and IAM's refusals.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

const sessionsMFASeed = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

// sessionsE2E starts the command enforcing, with Bob (key
// AKIABOBEXAMPLE000001, secret bob-secret), who holds no policy and an MFA
// device; the role ci trusts him and itself by name and may read users
// and assume roles.
func sessionsE2E(t *testing.T) *server {
	dir := writeFiles(t, map[string]string{"seed.json": `{"enforce": true,
  "users": [{"name": "Bob", "accessKeys": [{"id": "AKIABOBEXAMPLE000001", "secret": "bob-secret"}]}],
  "mfaDevices": [{"name": "bob-phone", "user": "Bob", "seed": "` + sessionsMFASeed + `"}],
  "roles": [{"name": "ci", "maxSessionDuration": 7200,
    "trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::123456789012:user/Bob", "arn:aws:iam::123456789012:role/ci"]},
      "Action": ["sts:AssumeRole", "sts:TagSession"]}]},
    "inlinePolicies": [{"name": "read-users", "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Action": ["iam:GetUser", "iam:ListUsers", "sts:AssumeRole"], "Resource": "*"}]}}]}]}`})
	return start(t, "-quiet", "-seed", filepath.Join(dir, "seed.json"))
}

// credentialsOut is STS's Credentials as the CLI prints them.
type credentialsOut struct {
	Credentials     struct{ AccessKeyId, SecretAccessKey, SessionToken, Expiration string }
	AssumedRoleUser struct{ AssumedRoleId, Arn string }
}

// withToken is env signing with c.
func withToken(s *server, t *testing.T, c credentialsOut) []string {
	return append(s.clientEnv(t, c.Credentials.AccessKeyId, c.Credentials.SecretAccessKey), "AWS_SESSION_TOKEN="+c.Credentials.SessionToken)
}

func TestAWSCLISessions(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	s := sessionsE2E(t)
	bob := s.clientEnv(t, "AKIABOBEXAMPLE000001", "bob-secret")
	must := func(env []string, out any, service string, args ...string) {
		t.Helper()
		if code, stderr := awsJSON(t, aws, env, out, service, args...); code != 0 {
			t.Fatalf("aws %s %s: exit %d\n%s", service, strings.Join(args, " "), code, stderr)
		}
	}
	refused := func(env []string, line string, service string, args ...string) {
		t.Helper()
		stdout, stderr, code := command(t, env, aws, append([]string{service}, args...)...)
		if code == 0 || stdout != "" || strings.TrimSpace(stderr) != line {
			t.Errorf("aws %s %s: exit %d, stdout %q, stderr %q; want\n%s", service, strings.Join(args, " "), code, stdout, stderr, line)
		}
	}

	// Bob assumes ci: the trust policy names him, so no policy of his own
	// is needed.
	var ci credentialsOut
	must(bob, &ci, "sts", "assume-role", "--role-arn", "arn:aws:iam::123456789012:role/ci", "--role-session-name", "build",
		"--duration-seconds", "7200", "--tags", "Key=team,Value=blue")
	if !strings.HasPrefix(ci.Credentials.AccessKeyId, "ASIA") || ci.AssumedRoleUser.Arn != "arn:aws:sts::123456789012:assumed-role/ci/build" ||
		!strings.HasSuffix(ci.AssumedRoleUser.AssumedRoleId, ":build") || !strings.HasPrefix(ci.Credentials.SessionToken, "IQoJb3JpZ2luX2Vj") {
		t.Errorf("assume-role: %+v", ci)
	}
	if exp, err := time.Parse(time.RFC3339, ci.Credentials.Expiration); err != nil || exp.Sub(time.Now()) < 119*time.Minute || exp.Sub(time.Now()) > 2*time.Hour {
		t.Errorf("Expiration %q: want two hours from now", ci.Credentials.Expiration)
	}
	session := withToken(s, t, ci)
	var me identityOut
	must(session, &me, "sts", "get-caller-identity")
	if diff := gocmp.Diff(identityOut{ci.AssumedRoleUser.AssumedRoleId, "123456789012", ci.AssumedRoleUser.Arn}, me); diff != "" {
		t.Errorf("get-caller-identity as the session (-want +got):\n%s", diff)
	}
	var user userOut
	must(session, &user, "iam", "get-user", "--user-name", "Bob")
	if user.User.UserName != "Bob" {
		t.Errorf("get-user as the session: %+v", user)
	}
	refused(session, "An error occurred (AccessDenied) when calling the ListRoles operation: User: arn:aws:sts::123456789012:assumed-role/ci/build "+
		"is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::123456789012:role/ because no identity-based policy allows the iam:ListRoles action",
		"iam", "list-roles")
	// Without its token, and with another, the key is nobody's.
	refused(s.clientEnv(t, ci.Credentials.AccessKeyId, ci.Credentials.SecretAccessKey),
		"An error occurred (InvalidClientTokenId) when calling the GetUser operation: The security token included in the request is invalid.", "iam", "get-user", "--user-name", "Bob")
	// Role chaining: at most an hour.
	refused(session, "An error occurred (ValidationError) when calling the AssumeRole operation: The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
		"sts", "assume-role", "--role-arn", "arn:aws:iam::123456789012:role/ci", "--role-session-name", "again", "--duration-seconds", "3700")
	// Bob's own policies allow nothing.
	refused(bob, "An error occurred (AccessDenied) when calling the ListUsers operation: User: arn:aws:iam::123456789012:user/Bob "+
		"is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::123456789012:user/ because no identity-based policy allows the iam:ListUsers action",
		"iam", "list-users")

	// A session token: without MFA IAM refuses it; with a code, it is Bob.
	var plain credentialsOut
	must(bob, &plain, "sts", "get-session-token")
	refused(withToken(s, t, plain), "An error occurred (InvalidClientTokenId) when calling the GetUser operation: The security token included in the request is invalid.",
		"iam", "get-user")
	code, err := fakeiam.MFACode(sessionsMFASeed, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var withMFA credentialsOut
	must(bob, &withMFA, "sts", "get-session-token", "--serial-number", "arn:aws:iam::123456789012:mfa/bob-phone", "--token-code", code)
	must(withToken(s, t, withMFA), &me, "sts", "get-caller-identity")
	if me.Arn != "arn:aws:iam::123456789012:user/Bob" {
		t.Errorf("get-caller-identity with Bob's session token: %+v", me)
	}
	refused(withToken(s, t, withMFA), "An error occurred (AccessDenied) when calling the GetSessionToken operation: Cannot call GetSessionToken with session credentials",
		"sts", "get-session-token")

	// The call log names the session.
	calls := s.calls(t, "GetUser")
	if len(calls) == 0 || calls[0].Caller["sessionName"] != "build" || calls[0].Caller["roleName"] != "ci" {
		t.Errorf("the call log's first GetUser: %+v, want the session build of ci", calls)
	}
}

// boto3SessionsScript: boto3 assumes ci as Bob, signs with the session,
// and reads the refusal of a session policy.
const boto3SessionsScript = `
sts = boto3.client("sts")
out = sts.assume_role(RoleArn="arn:aws:iam::123456789012:role/ci", RoleSessionName="py",
    Policy=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*"}]}))
c = out["Credentials"]
session = boto3.session.Session(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
iam = session.client("iam")
me = session.client("sts").get_caller_identity()
print(json.dumps({"arn": me["Arn"], "packed": out["PackedPolicySize"], "user": iam.get_user(UserName="Bob")["User"]["UserName"],
    "list": error(iam.list_users)}))
`

func TestBoto3Sessions(t *testing.T) {
	t.Parallel()
	python := boto3Python(t)
	s := sessionsE2E(t)
	var got map[string]any
	s.boto3RunEnv(t, []string{"AWS_ACCESS_KEY_ID=AKIABOBEXAMPLE000001", "AWS_SECRET_ACCESS_KEY=bob-secret"}, python, boto3SessionsScript, &got)
	want := map[string]any{"arn": "arn:aws:sts::123456789012:assumed-role/ci/py", "packed": float64(5), "user": "Bob",
		"list": map[string]any{"code": "AccessDenied", "status": float64(403),
			"message": "User: arn:aws:sts::123456789012:assumed-role/ci/py is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::123456789012:user/ because no session policy allows the iam:ListUsers action"}}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("boto3 (-want +got):\n%s", diff)
	}
}

// webIdentityE2E starts the command with GitHub's OIDC provider and the
// role gha its workflows of example/app may assume.
func webIdentityE2E(t *testing.T) *server {
	dir := writeFiles(t, map[string]string{"seed.json": `{
  "oidcProviders": [{"url": "https://token.actions.githubusercontent.com", "clientIds": ["sts.amazonaws.com"]}],
  "roles": [{"name": "gha",
    "trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
                    "StringLike": {"token.actions.githubusercontent.com:sub": "repo:example/app:*"}}}]}}]}`})
	return start(t, "-quiet", "-seed", filepath.Join(dir, "seed.json"))
}

// webIdentityToken mints a token through the control API.
func (s *server) webIdentityToken(t *testing.T, sub string) string {
	t.Helper()
	body := `{"issuer": "https://token.actions.githubusercontent.com", "claims": {"aud": "sts.amazonaws.com", "sub": "` + sub + `"}}`
	var out struct{ Token string }
	if err := json.Unmarshal([]byte(s.control(t, "POST", "/_fakeiam/web-identity-token", body)), &out); err != nil || out.Token == "" {
		t.Fatalf("POST /_fakeiam/web-identity-token: %+v, %v", out, err)
	}
	return out.Token
}

// TestAWSCLIWebIdentity: a CI job's federation, as GitHub's action runs
// it: the CLI trades the job's token for the role's session, unsigned (no
// AWS credentials in its environment).
func TestAWSCLIWebIdentity(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	s := webIdentityE2E(t)
	anonymous := s.clientEnv(t, "", "")
	anonymous = slices.DeleteFunc(anonymous, func(e string) bool {
		return strings.HasPrefix(e, "AWS_ACCESS_KEY_ID=") || strings.HasPrefix(e, "AWS_SECRET_ACCESS_KEY=")
	})
	var session credentialsOut
	code, stderr := awsJSON(t, aws, anonymous, &session, "sts", "assume-role-with-web-identity", "--role-arn", "arn:aws:iam::123456789012:role/gha",
		"--role-session-name", "run-7", "--web-identity-token", s.webIdentityToken(t, "repo:example/app:ref:refs/heads/main"))
	if code != 0 {
		t.Fatalf("assume-role-with-web-identity: exit %d\n%s", code, stderr)
	}
	var me identityOut
	if code, stderr := awsJSON(t, aws, withToken(s, t, session), &me, "sts", "get-caller-identity"); code != 0 || me.Arn != "arn:aws:sts::123456789012:assumed-role/gha/run-7" {
		t.Errorf("get-caller-identity as the session: exit %d %s, %+v", code, stderr, me)
	}
	stdout, stderr, code := command(t, anonymous, aws, "sts", "assume-role-with-web-identity", "--role-arn", "arn:aws:iam::123456789012:role/gha",
		"--role-session-name", "run-8", "--web-identity-token", s.webIdentityToken(t, "repo:example/other:ref:refs/heads/main"))
	if want := "An error occurred (AccessDenied) when calling the AssumeRoleWithWebIdentity operation: Not authorized to perform sts:AssumeRoleWithWebIdentity"; code == 0 || stdout != "" || strings.TrimSpace(stderr) != want {
		t.Errorf("another repository's token: exit %d, stdout %q, stderr %q; want\n%s", code, stdout, stderr, want)
	}
}

// boto3WebIdentityScript: boto3's own web identity credential provider
// (AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE), as EKS and CI jobs use it.
const boto3WebIdentityScript = `
import boto3
me = boto3.client("sts").get_caller_identity()
print(json.dumps({"arn": me["Arn"]}))
`

func TestBoto3WebIdentity(t *testing.T) {
	t.Parallel()
	python := boto3Python(t)
	s := webIdentityE2E(t)
	tokenFile := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tokenFile, []byte(s.webIdentityToken(t, "repo:example/app:ref:refs/heads/main")), 0o600); err != nil {
		t.Fatal(err)
	}
	// No static keys: boto3 finds the token file and assumes the role.
	env := []string{"AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY=", "AWS_ROLE_ARN=arn:aws:iam::123456789012:role/gha",
		"AWS_WEB_IDENTITY_TOKEN_FILE=" + tokenFile, "AWS_ROLE_SESSION_NAME=boto3-run"}
	var got map[string]any
	s.boto3RunEnv(t, env, python, boto3WebIdentityScript, &got)
	if got["arn"] != "arn:aws:sts::123456789012:assumed-role/gha/boto3-run" {
		t.Errorf("boto3 with a web identity token file: %v", got)
	}
}
