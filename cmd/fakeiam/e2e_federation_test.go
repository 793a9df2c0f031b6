package main

// End to end for GetFederationToken (docs/contract.md, "Temporary
// credentials"): the AWS CLI and boto3 get a federated user's credentials
// as Bob, sign with them (AWS_SESSION_TOKEN), and meet IAM's and STS's
// refusals of a federated user.

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
)

// federationE2E starts the command with Bob (key AKIABOBEXAMPLE000001,
// secret bob-secret), not enforcing.
func federationE2E(t *testing.T) *server {
	dir := writeFiles(t, map[string]string{"seed.json": `{"users": [{"name": "Bob", "accessKeys": [{"id": "AKIABOBEXAMPLE000001", "secret": "bob-secret"}]}]}`})
	return start(t, "-quiet", "-seed", filepath.Join(dir, "seed.json"))
}

// federationOut is GetFederationToken's answer as the CLI prints it.
type federationOut struct {
	Credentials      struct{ AccessKeyId, SecretAccessKey, SessionToken, Expiration string }
	FederatedUser    struct{ FederatedUserId, Arn string }
	PackedPolicySize int
}

func TestAWSCLIFederationToken(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	s := federationE2E(t)
	bob := s.clientEnv(t, "AKIABOBEXAMPLE000001", "bob-secret")
	var fed federationOut
	if code, stderr := awsJSON(t, aws, bob, &fed, "sts", "get-federation-token", "--name", "app", "--duration-seconds", "900",
		"--policy", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`); code != 0 {
		t.Fatalf("get-federation-token: exit %d\n%s", code, stderr)
	}
	const arn = "arn:aws:sts::123456789012:federated-user/app"
	if fed.FederatedUser.Arn != arn || fed.FederatedUser.FederatedUserId != "123456789012:app" || fed.PackedPolicySize != 5 ||
		!strings.HasPrefix(fed.Credentials.AccessKeyId, "ASIA") || !strings.HasPrefix(fed.Credentials.SessionToken, "IQoJb3JpZ2luX2Vj") {
		t.Errorf("get-federation-token: %+v", fed)
	}
	if exp, err := time.Parse(time.RFC3339, fed.Credentials.Expiration); err != nil || time.Until(exp) < 14*time.Minute || time.Until(exp) > 15*time.Minute {
		t.Errorf("Expiration %q: want 15 minutes from now", fed.Credentials.Expiration)
	}
	env := append(s.clientEnv(t, fed.Credentials.AccessKeyId, fed.Credentials.SecretAccessKey), "AWS_SESSION_TOKEN="+fed.Credentials.SessionToken)
	var me identityOut
	if code, stderr := awsJSON(t, aws, env, &me, "sts", "get-caller-identity"); code != 0 {
		t.Fatalf("get-caller-identity as the federated user: exit %d\n%s", code, stderr)
	}
	if diff := gocmp.Diff(identityOut{"123456789012:app", "123456789012", arn}, me); diff != "" {
		t.Errorf("get-caller-identity as the federated user (-want +got):\n%s", diff)
	}
	for _, tc := range []struct {
		args []string
		line string
	}{
		{[]string{"iam", "get-user", "--user-name", "Bob"},
			"An error occurred (InvalidClientTokenId) when calling the GetUser operation: The security token included in the request is invalid."},
		{[]string{"sts", "get-federation-token", "--name", "again"},
			"An error occurred (AccessDenied) when calling the GetFederationToken operation: Cannot call GetFederationToken with session credentials"},
	} {
		stdout, stderr, code := command(t, env, aws, tc.args...)
		if code == 0 || stdout != "" || strings.TrimSpace(stderr) != tc.line {
			t.Errorf("aws %s as the federated user: exit %d, stdout %q, stderr %q; want\n%s", strings.Join(tc.args, " "), code, stdout, stderr, tc.line)
		}
	}
	// The call log names the federated user.
	calls := s.calls(t, "GetCallerIdentity")
	if len(calls) != 1 || calls[0].Caller["arn"] != arn || calls[0].Caller["sessionName"] != "app" || calls[0].Caller["userName"] != "Bob" {
		t.Errorf("the call log's GetCallerIdentity: %+v, want the federated user app, asked for by Bob", calls)
	}
}

// boto3FederationScript: boto3 gets a federated user's credentials with a
// session tag, asks who it is with them, and reads IAM's refusal.
const boto3FederationScript = `
out = boto3.client("sts").get_federation_token(Name="py", Tags=[{"Key": "team", "Value": "blue"}])
c = out["Credentials"]
session = boto3.session.Session(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
me = session.client("sts").get_caller_identity()
print(json.dumps({"user": out["FederatedUser"], "packed": out["PackedPolicySize"], "arn": me["Arn"], "userId": me["UserId"],
    "iam": error(lambda: session.client("iam").list_users())}))
`

func TestBoto3FederationToken(t *testing.T) {
	t.Parallel()
	python := boto3Python(t)
	s := federationE2E(t)
	var got map[string]any
	s.boto3RunEnv(t, []string{"AWS_ACCESS_KEY_ID=AKIABOBEXAMPLE000001", "AWS_SECRET_ACCESS_KEY=bob-secret"}, python, boto3FederationScript, &got)
	const arn = "arn:aws:sts::123456789012:federated-user/py"
	want := map[string]any{
		"user":   map[string]any{"FederatedUserId": "123456789012:py", "Arn": arn},
		"packed": float64(1), "arn": arn, "userId": "123456789012:py",
		"iam": map[string]any{"code": "InvalidClientTokenId", "status": float64(403), "message": "The security token included in the request is invalid."},
	}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("boto3 (-want +got):\n%s", diff)
	}
}
