package main

import (
	"encoding/base64"
	"path/filepath"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

// End to end for the credential report: the AWS CLI (which prints Content
// as base64) and boto3 (which hands bytes) generate and read the report of
// a seeded account, and meet IAM's ReportNotPresent, ReportInProgress and
// ReportExpired.

// reportSeedFile is the default account with Bob (a password under a
// 90-day policy, an inactive key and an active one, an inactive
// certificate and an active one), an account whose report is four hours
// old, and one whose reports take ten seconds to make.
const reportSeedFile = `{
  "passwordPolicy": {"maxPasswordAge": 90},
  "users": [{"name": "Bob", "createDate": "2025-01-02T03:04:05Z",
    "loginProfile": {"password": "Bob-password-1", "createDate": "2025-01-03T00:00:00Z"},
    "accessKeys": [{"id": "AKIABOBE2EREPORT0001", "secret": "bob-1", "status": "Inactive", "createDate": "2025-01-04T00:00:00Z"},
                   {"id": "AKIABOBE2EREPORT0002", "secret": "bob-2", "createDate": "2025-01-05T00:00:00Z"}],
    "signingCertificates": [{"status": "Inactive", "uploadDate": "2025-01-06T00:00:00Z"}, {"uploadDate": "2025-01-07T00:00:00Z"}]}],
  "accounts": [
    {"id": "210987654321", "credentialReport": {"generatedAt": "2025-12-31T20:00:00Z"},
     "root": {"accessKeys": [{"id": "AKIAROOTE2EEXPIRED01", "secret": "expired"}]}},
    {"id": "310987654321", "credentialReport": {"generationTime": "10s"},
     "root": {"accessKeys": [{"id": "AKIAROOTE2ESLOW00001", "secret": "slow"}]}}]
}`

// reportFixedTime is the fake's time in these tests.
const reportFixedTime = "2026-01-01T00:00:00Z"

// reportRecords is the default account's report after Bob's second key
// signed a request and the root generated it, at reportFixedTime.
var reportRecords = [][]string{
	strings.Split("user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,"+
		"access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"+
		"access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,"+
		"cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated", ","),
	{"<root_account>", "arn:aws:iam::123456789012:root", "2026-01-01T00:00:00+00:00", "not_supported", "no_information", "not_supported", "not_supported", "false",
		"true", "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00", "us-east-1", "iam",
		"false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "false", "N/A"},
	{"Bob", "arn:aws:iam::123456789012:user/Bob", "2025-01-02T03:04:05+00:00", "true", "no_information", "2025-01-03T00:00:00+00:00", "2025-04-03T00:00:00+00:00", "false",
		"true", "2025-01-05T00:00:00+00:00", "2026-01-01T00:00:00+00:00", "us-east-1", "iam",
		"false", "2025-01-04T00:00:00+00:00", "N/A", "N/A", "N/A",
		"true", "2025-01-07T00:00:00+00:00", "false", "2025-01-06T00:00:00+00:00"},
}

// reportCSVText is reportRecords as the report's bytes.
func reportCSVText() string {
	var b strings.Builder
	for _, r := range reportRecords {
		b.WriteString(strings.Join(r, ",") + "\n")
	}
	return b.String()
}

func startReport(t *testing.T) *server {
	dir := writeFiles(t, map[string]string{"seed.json": reportSeedFile})
	return start(t, "-quiet", "-fixed-time", reportFixedTime, "-seed", filepath.Join(dir, "seed.json"))
}

func TestAWSCLICredentialReport(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	s := startReport(t)
	root := s.clientEnv(t, s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"])
	bob := s.clientEnv(t, "AKIABOBE2EREPORT0002", "bob-2")
	mustAWS := func(env []string, out any, args ...string) {
		t.Helper()
		if code, stderr := awsJSON(t, aws, env, out, "iam", args...); code != 0 {
			t.Fatalf("aws iam %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
		}
	}
	// IAM's report errors carry no message: the CLI says Unknown.
	cliRefuses(t, aws, root, "An error occurred (ReportNotPresent) when calling the GetCredentialReport operation: Unknown", "get-credential-report")
	mustAWS(bob, nil, "get-user")
	type state struct{ State, Description string }
	var got []state
	for range 2 {
		var st state
		mustAWS(root, &st, "generate-credential-report")
		got = append(got, st)
	}
	want := []state{{"STARTED", "No report exists. Starting a new report generation task"}, {State: "COMPLETE"}}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("generate-credential-report twice (-want +got):\n%s", diff)
	}
	var report struct{ Content, ReportFormat, GeneratedTime string }
	mustAWS(root, &report, "get-credential-report")
	content, err := base64.StdEncoding.DecodeString(report.Content)
	if err != nil {
		t.Fatalf("Content %q is not base64: %v", report.Content, err)
	}
	if diff := gocmp.Diff(reportCSVText(), string(content)); diff != "" {
		t.Errorf("the report's CSV (-want +got):\n%s", diff)
	}
	if report.ReportFormat != "text/csv" || report.GeneratedTime != "2026-01-01T00:00:00Z" { // as the CLI example of the API reference prints it
		t.Errorf("ReportFormat %q, GeneratedTime %q; want text/csv, 2026-01-01T00:00:00Z", report.ReportFormat, report.GeneratedTime)
	}

	expired := s.clientEnv(t, "AKIAROOTE2EEXPIRED01", "expired")
	cliRefuses(t, aws, expired, "An error occurred (ReportExpired) when calling the GetCredentialReport operation: Unknown", "get-credential-report")
	// (Each CLI run takes seconds: what follows an expired or unfinished
	// report is left to the Go and boto3 tests.)
	slow := s.clientEnv(t, "AKIAROOTE2ESLOW00001", "slow")
	mustAWS(slow, nil, "generate-credential-report")
	cliRefuses(t, aws, slow, "An error occurred (ReportInProgress) when calling the GetCredentialReport operation: Unknown", "get-credential-report")
}

// boto3ReportScript drives the report as cloud-custodian and prowler do
// (generate, then get), reads Content with Python's csv module, and prints
// what it saw as JSON.
const boto3ReportScript = `
import csv, io, json, os, boto3
from botocore.exceptions import ClientError

def client(key, secret):
    return boto3.client("iam", aws_access_key_id=key, aws_secret_access_key=secret)

def error_of(call):
    try:
        call()
    except ClientError as e:
        return [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"].get("Message")]
    return None

iam = boto3.client("iam")
out = {"before": error_of(iam.get_credential_report)}
client("AKIABOBE2EREPORT0002", "bob-2").get_user()
out["states"] = []
for _ in range(2):
    r = iam.generate_credential_report()
    out["states"].append([r["State"], r.get("Description")])
r = iam.get_credential_report()
out["records"] = list(csv.reader(io.StringIO(r["Content"].decode("utf-8"))))
out["format"] = r["ReportFormat"]
out["generated"] = r["GeneratedTime"].isoformat()
expired = client("AKIAROOTE2EEXPIRED01", "expired")
out["expired"] = error_of(expired.get_credential_report)
out["after_expiry"] = expired.generate_credential_report()["State"]
slow = client("AKIAROOTE2ESLOW00001", "slow")
slow.generate_credential_report()
out["in_progress"] = error_of(slow.get_credential_report)
out["generating"] = slow.generate_credential_report()["State"]
print(json.dumps(out))
`

func TestBoto3CredentialReport(t *testing.T) {
	t.Parallel()
	python := boto3Python(t)
	s := startReport(t)
	type seen struct {
		Before     []any      `json:"before"`
		States     [][]any    `json:"states"`
		Records    [][]string `json:"records"`
		Format     string     `json:"format"`
		Generated  string     `json:"generated"`
		Expired    []any      `json:"expired"`
		InProgress []any      `json:"in_progress"`
		AfterExp   string     `json:"after_expiry"`
		Generating string     `json:"generating"`
	}
	var got seen
	s.boto3Run(t, python, boto3ReportScript, &got)
	want := seen{
		Before:     []any{"ReportNotPresent", 410.0, nil},
		States:     [][]any{{"STARTED", "No report exists. Starting a new report generation task"}, {"COMPLETE", nil}},
		Records:    reportRecords,
		Format:     "text/csv",
		Generated:  "2026-01-01T00:00:00+00:00",
		Expired:    []any{"ReportExpired", 410.0, nil},
		InProgress: []any{"ReportInProgress", 404.0, nil},
		AfterExp:   "STARTED",
		Generating: "INPROGRESS",
	}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("boto3's credential report (-want +got):\n%s", diff)
	}
}
