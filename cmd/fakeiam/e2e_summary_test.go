package main

import (
	"maps"
	"path/filepath"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

// End to end for GetAccountSummary: the AWS CLI and boto3 read the
// fake's <entry><key/><value/></entry> map as IAM's, and the counted keys
// follow the users, groups and keys created.

// startSummary is what cmd/fakeiam's default account answers: IAM's
// values for an empty account but its one user, and the root holding the
// key it signs with and a signing certificate.
var startSummary = map[string]int{
	"AccessKeysPerUserQuota": 2, "AccountAccessKeysPresent": 1, "AccountMFAEnabled": 0, "AccountPasswordPresent": 0,
	"AccountSigningCertificatesPresent": 1, "AssumeRolePolicySizeQuota": 2048, "AttachedPoliciesPerGroupQuota": 10,
	"AttachedPoliciesPerRoleQuota": 10, "AttachedPoliciesPerUserQuota": 10, "GlobalEndpointTokenVersion": 1,
	"GroupPolicySizeQuota": 5120, "Groups": 0, "GroupsPerUserQuota": 10, "GroupsQuota": 300, "InstanceProfiles": 0,
	"InstanceProfilesQuota": 1000, "MFADevices": 0, "MFADevicesInUse": 0, "Policies": 0, "PoliciesQuota": 1500,
	"PolicySizeQuota": 6144, "PolicyVersionsInUse": 0, "PolicyVersionsInUseQuota": 10000, "Providers": 0,
	"RolePolicySizeQuota": 10240, "Roles": 0, "RolesQuota": 1000, "ServerCertificates": 0, "ServerCertificatesQuota": 20,
	"SigningCertificatesPerUserQuota": 2, "UserPolicySizeQuota": 2048, "Users": 1, "UsersQuota": 5000, "VersionsPerPolicyQuota": 5,
}

// afterSummary is startSummary after two users, a group, a user's key
// and the STS preference v2Token.
func afterSummary() map[string]int {
	m := maps.Clone(startSummary)
	m["Users"], m["Groups"], m["GlobalEndpointTokenVersion"] = 3, 1, 2
	return m
}

type summaryOut struct{ SummaryMap map[string]int }

func TestAWSCLIAccountSummary(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	s := start(t, "-quiet")
	root := s.clientEnv(t, s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"])
	mustAWS := func(out any, service string, args ...string) {
		t.Helper()
		if code, stderr := awsJSON(t, aws, root, out, service, args...); code != 0 {
			t.Fatalf("aws %s %s: exit %d\n%s", service, strings.Join(args, " "), code, stderr)
		}
	}
	var got summaryOut
	mustAWS(&got, "iam", "get-account-summary")
	if diff := gocmp.Diff(summaryOut{startSummary}, got); diff != "" {
		t.Errorf("get-account-summary at the start (-want +got):\n%s", diff)
	}
	mustAWS(nil, "iam", "create-user", "--user-name", "Erin")
	mustAWS(nil, "iam", "create-user", "--user-name", "Gus")
	mustAWS(nil, "iam", "create-group", "--group-name", "devs")
	mustAWS(nil, "iam", "add-user-to-group", "--group-name", "devs", "--user-name", "Erin")
	mustAWS(nil, "iam", "create-access-key", "--user-name", "Erin")
	mustAWS(nil, "iam", "set-security-token-service-preferences", "--global-endpoint-token-version", "v2Token")
	got = summaryOut{}
	mustAWS(&got, "iam", "get-account-summary")
	if diff := gocmp.Diff(summaryOut{afterSummary()}, got); diff != "" {
		t.Errorf("get-account-summary after two users, a group, a key, v2Token (-want +got):\n%s", diff)
	}
	stdout, stderr, code := command(t, root, aws, "iam", "set-security-token-service-preferences", "--global-endpoint-token-version", "v3Token")
	const refused = "An error occurred (ValidationError) when calling the SetSecurityTokenServicePreferences operation: 1 validation error detected: " +
		"Value at 'globalEndpointTokenVersion' failed to satisfy constraint: Member must satisfy enum value set"
	if code == 0 || stdout != "" || strings.TrimSpace(stderr) != refused {
		t.Errorf("set-security-token-service-preferences v3Token: exit %d, stdout %q, stderr %q; want\n%s", code, stdout, stderr, refused)
	}
}

// boto3SummaryScript reads the summary before and after creating users, a
// group and a key, and prints both maps as JSON.
const boto3SummaryScript = `
import json, boto3

iam = boto3.client("iam")
out = {"start": iam.get_account_summary()["SummaryMap"]}
iam.create_user(UserName="Frank")
iam.create_user(UserName="Gus")
iam.create_group(GroupName="devs")
iam.add_user_to_group(GroupName="devs", UserName="Frank")
iam.create_access_key(UserName="Frank")
iam.set_security_token_service_preferences(GlobalEndpointTokenVersion="v2Token")
out["after"] = iam.get_account_summary()["SummaryMap"]
print(json.dumps(out))
`

func TestBoto3AccountSummary(t *testing.T) {
	t.Parallel()
	python := boto3Python(t)
	s := start(t, "-quiet")
	var got struct{ Start, After map[string]int }
	s.boto3Run(t, python, boto3SummaryScript, &got)
	want := struct{ Start, After map[string]int }{startSummary, afterSummary()}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("boto3 get_account_summary (-want +got):\n%s", diff)
	}
}

// TestAWSCLIAccountSummarySeeded: a seed file's quota, role and groups are
// what get-account-summary reports (the root seeded without a
// certificate holds none).
func TestAWSCLIAccountSummarySeeded(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	dir := writeFiles(t, map[string]string{"seed.json": `{"certificatesPerUser": 5,
		"users": [{"name": "Bob"}, {"name": "Alice"}],
		"roles": [{"name": "deployer"}],
		"groups": [{"name": "admins", "members": ["Bob", "Alice"]}, {"name": "ops"}]}`})
	s := start(t, "-quiet", "-seed", filepath.Join(dir, "seed.json"))
	root := s.clientEnv(t, s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"])
	var got summaryOut
	if code, stderr := awsJSON(t, aws, root, &got, "iam", "get-account-summary"); code != 0 {
		t.Fatalf("get-account-summary: exit %d\n%s", code, stderr)
	}
	want := maps.Clone(startSummary)
	want["Users"], want["Groups"], want["Roles"] = 2, 2, 1
	want["SigningCertificatesPerUserQuota"], want["AccountSigningCertificatesPresent"] = 5, 0
	if diff := gocmp.Diff(summaryOut{want}, got); diff != "" {
		t.Errorf("get-account-summary of the seed file (-want +got):\n%s", diff)
	}
}
