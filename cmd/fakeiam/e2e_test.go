package main

// End-to-end: clients no one here wrote, the AWS CLI and boto3, against
// the command started in-process, configured only by what it prints. Every
// end-to-end test (these, e2e_*_test.go, terraform_test.go) runs in
// parallel with the others: each starts its own endpoint and gives each
// client process its own HOME, and most of a test's time is spent waiting
// on a client process, so two run at once on a machine of two cores.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// clientEnv is the whole environment of a client process: PATH, a fresh
// HOME, no config or credentials file, and the AWS variables the command
// exported, signing with the key id and secret given.
func (s *server) clientEnv(t *testing.T, keyID, secret string) []string {
	return []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + t.TempDir(),
		"AWS_CONFIG_FILE=/dev/null",
		"AWS_SHARED_CREDENTIALS_FILE=/dev/null",
		"AWS_ENDPOINT_URL_IAM=" + s.env["AWS_ENDPOINT_URL_IAM"],
		"AWS_ENDPOINT_URL_STS=" + s.env["AWS_ENDPOINT_URL_STS"],
		"AWS_ACCESS_KEY_ID=" + keyID,
		"AWS_SECRET_ACCESS_KEY=" + secret,
		"AWS_DEFAULT_REGION=" + s.env["AWS_DEFAULT_REGION"],
	}
}

// command runs name with args in env and returns its stdout, stderr and
// exit status.
func command(t *testing.T, env []string, name string, args ...string) (string, string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return stdout.String(), stderr.String(), exit.ExitCode()
	case err != nil:
		t.Fatalf("%s %q: %v", name, args, err)
	}
	return stdout.String(), stderr.String(), 0
}

// boto3Python finds python3 with boto3, or skips the test.
func boto3Python(t *testing.T) string {
	t.Helper()
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not on PATH: skipping the boto3 end-to-end test")
	}
	if out, err := exec.Command(python, "-c", "import boto3").CombinedOutput(); err != nil {
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		t.Skipf("python3 cannot import boto3 (%v: %s): skipping its end-to-end test", err, lines[len(lines)-1])
	}
	return python
}

// boto3Prelude starts every script boto3Run runs: boto3, its ClientError,
// and error(call, **kw), IAM's refusal of a call as the tests compare it
// (its code, message and HTTP status; None when the call succeeds).
const boto3Prelude = `import json
import boto3
from botocore.exceptions import ClientError

def error(call, **kw):
    try:
        call(**kw)
    except ClientError as e:
        return {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"],
                "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
    return None
`

// boto3Run runs boto3Prelude and script with python (boto3Python's) as
// the endpoint's root, args after the script's path, and decodes the JSON
// the script prints into out, failing the test on a non-zero exit or
// other output.
func (s *server) boto3Run(t *testing.T, python, script string, out any, args ...string) {
	t.Helper()
	s.boto3RunEnv(t, nil, python, script, out, args...)
}

// boto3RunEnv is boto3Run with env added to the script's environment.
func (s *server) boto3RunEnv(t *testing.T, env []string, python, script string, out any, args ...string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "workflow.py")
	if err := os.WriteFile(path, []byte(boto3Prelude+script), 0o600); err != nil {
		t.Fatal(err)
	}
	env = append(s.clientEnv(t, s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"]), env...)
	stdout, stderr, code := command(t, env, python, append([]string{path}, args...)...)
	if code != 0 {
		t.Fatalf("the boto3 script: exit %d\n%s", code, stderr)
	}
	if err := json.Unmarshal([]byte(stdout), out); err != nil {
		t.Fatalf("the script's output %q: %v", stdout, err)
	}
}

// cliRefuses runs "aws iam args..." with env and checks that the CLI
// reports IAM's refusal as it reports any service error: its exit status
// for one (cliErrorExit), nothing on stdout, and line alone on stderr.
func cliRefuses(t *testing.T, aws string, env []string, line string, args ...string) {
	t.Helper()
	stdout, stderr, code := command(t, env, aws, append([]string{"iam"}, args...)...)
	if want := cliErrorExit(t, aws, env); code != want || stdout != "" || strings.TrimSpace(stderr) != line {
		t.Errorf("aws iam %s: exit %d, stdout %q, stderr %q; want exit %d and\n%s", strings.Join(args, " "), code, stdout, stderr, want, line)
	}
}

// cliErrorExits holds cliErrorExit's answer for each CLI asked.
var cliErrorExits sync.Map // path → int

// cliErrorExit is the AWS CLI's exit status for a service error: 255 in
// version 1, 254 in version 2 (asked once of each CLI).
func cliErrorExit(t *testing.T, aws string, env []string) int {
	t.Helper()
	if code, ok := cliErrorExits.Load(aws); ok {
		return code.(int)
	}
	code := 254
	if version, _, _ := command(t, env, aws, "--version"); strings.HasPrefix(version, "aws-cli/1.") {
		code = 255
	}
	cliErrorExits.Store(aws, code)
	return code
}

// awsCLI finds the AWS CLI, or skips the test.
func awsCLI(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("aws")
	if err != nil {
		t.Skip("the AWS CLI (aws) is not on PATH: skipping its end-to-end test")
	}
	return path
}

// cli runs `aws iam ...` with JSON output and, when it succeeds, decodes
// its stdout into out (if not nil).
func cli(t *testing.T, aws string, env []string, out any, args ...string) {
	t.Helper()
	stdout, stderr, code := command(t, env, aws, append([]string{"iam", "--output", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("aws iam %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
	}
	if out != nil {
		if err := json.Unmarshal([]byte(stdout), out); err != nil {
			t.Fatalf("aws iam %s: stdout %q: %v", strings.Join(args, " "), stdout, err)
		}
	} else if stdout != "" {
		t.Errorf("aws iam %s printed %q, want nothing", strings.Join(args, " "), stdout)
	}
}

// Shapes of the CLI's and boto3's JSON (the SDKs' output members).
type (
	userOut struct {
		User struct{ Path, UserName, UserId, Arn string }
	}
	keyOut struct {
		AccessKey struct{ UserName, AccessKeyId, SecretAccessKey, Status string }
	}
	certOutput struct{ UserName, CertificateId, CertificateBody, Status, UploadDate string }
	certOut    struct{ Certificate certOutput }
	certsOut   struct {
		Certificates []certOutput
		IsTruncated  bool
		Marker       string
	}
	tagOutput struct{ Key, Value string }
	tagsOut   struct {
		Tags        []tagOutput
		IsTruncated bool
	}
	taggedUserOut struct {
		User struct{ Tags []tagOutput }
	}
)

// certificateFiles writes a PEM body per name into a new directory and
// returns the directory and the bodies.
func certificateFiles(t *testing.T, names ...string) (string, map[string]string) {
	files := map[string]string{}
	for _, n := range names {
		files[n] = fakeiam.CertificatePEM("e2e " + n)
	}
	return writeFiles(t, files), files
}

// loggedCall is an attempt as GET /_fakeiam/calls returns it.
type loggedCall struct {
	Operation string
	Attempt   int
	Input     map[string]any
	Error     *struct{ Code string }
	// Authorization is enforcement's decision (-enforce), as the control
	// API shows it.
	Authorization map[string]any
	// Caller is who signed, as the control API shows it.
	Caller map[string]any
}

func (s *server) calls(t *testing.T, op string) []loggedCall {
	t.Helper()
	var all, out []loggedCall
	if err := json.Unmarshal([]byte(s.control(t, "GET", "/_fakeiam/calls", "")), &all); err != nil {
		t.Fatal(err)
	}
	for _, c := range all {
		if c.Operation == op {
			out = append(out, c)
		}
	}
	return out
}

// certificateIDs lists the certificates' ids, in order.
func certificateIDs(certs []certOutput) []string {
	var ids []string
	for _, c := range certs {
		ids = append(ids, c.CertificateId)
	}
	return ids
}

// listOrder is the order a list of certificates takes: upload order (certs
// are in upload order; a stable sort by date keeps those of one second so).
func listOrder(certs []certOutput) []certOutput {
	sorted := slices.Clone(certs)
	slices.SortStableFunc(sorted, func(a, b certOutput) int { return strings.Compare(a.UploadDate, b.UploadDate) })
	return sorted
}

func TestAWSCLI(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	s := start(t, "-quiet")
	root := s.clientEnv(t, s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"])
	dir, bodies := certificateFiles(t, "c1.pem", "c2.pem", "c3.pem")

	var user userOut
	cli(t, aws, root, &user, "create-user", "--user-name", "Carol")
	if u := user.User; u.UserName != "Carol" || u.Path != "/" || u.Arn != "arn:aws:iam::123456789012:user/Carol" {
		t.Errorf("create-user: %+v", u)
	}
	// Tags: one set, sorted by key in ListUserTags (the CLI pages it),
	// first-given order in GetUser; keys ignore case.
	cli(t, aws, root, nil, "tag-user", "--user-name", "Carol", "--tags", `[{"Key":"team","Value":"eng"},{"Key":"Cost","Value":"12"},{"Key":"b","Value":""}]`)
	cli(t, aws, root, nil, "tag-user", "--user-name", "Carol", "--tags", "Key=TEAM,Value=ops")
	var tags tagsOut
	cli(t, aws, root, &tags, "list-user-tags", "--user-name", "Carol", "--page-size", "1")
	if diff := gocmp.Diff(tagsOut{Tags: []tagOutput{{"Cost", "12"}, {"b", ""}, {"team", "ops"}}}, tags); diff != "" {
		t.Errorf("list-user-tags --page-size 1 (-want +got):\n%s", diff)
	}
	if pages := s.calls(t, "ListUserTags"); len(pages) != 3 || pages[2].Input["marker"] == nil {
		t.Errorf("the CLI's list-user-tags requests: %+v; want three pages, following Marker", pages)
	}
	cli(t, aws, root, nil, "untag-user", "--user-name", "Carol", "--tag-keys", "COST", "absent")
	var tagged taggedUserOut
	cli(t, aws, root, &tagged, "get-user", "--user-name", "Carol")
	if diff := gocmp.Diff([]tagOutput{{"team", "ops"}, {"b", ""}}, tagged.User.Tags); diff != "" {
		t.Errorf("get-user's Tags after untag-user (-want +got):\n%s", diff)
	}

	var key keyOut
	cli(t, aws, root, &key, "create-access-key", "--user-name", "Carol")
	if k := key.AccessKey; k.UserName != "Carol" || k.Status != "Active" || len(k.SecretAccessKey) != 40 {
		t.Errorf("create-access-key: %+v", k)
	}

	var uploaded []certOutput
	for _, name := range []string{"c1.pem", "c2.pem"} {
		var up certOut
		cli(t, aws, root, &up, "upload-signing-certificate", "--user-name", "Carol", "--certificate-body", "file://"+filepath.Join(dir, name))
		if c := up.Certificate; c.CertificateBody != bodies[name] || c.Status != "Active" || c.UserName != "Carol" || len(c.CertificateId) < 24 {
			t.Errorf("upload %s: %+v, want the file's body byte for byte, Active", name, c)
		}
		uploaded = append(uploaded, up.Certificate)
	}
	ids := certificateIDs(uploaded)

	// The CLI's own pagination: one certificate per request, following Marker.
	var list certsOut
	cli(t, aws, root, &list, "list-signing-certificates", "--user-name", "Carol", "--page-size", "1")
	if diff := gocmp.Diff(listOrder(uploaded), list.Certificates); diff != "" {
		t.Errorf("list --page-size 1 (-want +got):\n%s", diff)
	}
	pages := s.calls(t, "ListSigningCertificates")
	if len(pages) != 2 || pages[0].Input["maxItems"] != 1.0 || pages[0].Input["marker"] != nil ||
		pages[1].Input["maxItems"] != 1.0 || pages[1].Input["marker"] == nil {
		t.Errorf("the CLI's list requests: %+v; want two of MaxItems 1, the second with a Marker", pages)
	}

	cli(t, aws, root, nil, "update-signing-certificate", "--user-name", "Carol", "--certificate-id", ids[0], "--status", "Inactive")

	// The implicit caller: Carol's new key, no --user-name.
	carol := s.clientEnv(t, key.AccessKey.AccessKeyId, key.AccessKey.SecretAccessKey)
	var own certsOut
	cli(t, aws, carol, &own, "list-signing-certificates")
	uploaded[0].Status = "Inactive"
	if diff := gocmp.Diff(listOrder(uploaded), own.Certificates); diff != "" {
		t.Errorf("list-signing-certificates with Carol's key (-want +got):\n%s", diff)
	}

	// Errors: IAM's code and message on stderr (cliRefuses).
	t.Run("errors", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			args []string
			line string
		}{
			{"NoSuchEntity", []string{"delete-user", "--user-name", "Nobody"},
				"An error occurred (NoSuchEntity) when calling the DeleteUser operation: The user with name Nobody cannot be found."},
			{"ValidationError", []string{"list-signing-certificates", "--user-name", "Bad/Name"},
				"An error occurred (ValidationError) when calling the ListSigningCertificates operation: The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-"},
			{"LimitExceeded", []string{"upload-signing-certificate", "--user-name", "Carol", "--certificate-body", "file://" + filepath.Join(dir, "c3.pem")},
				"An error occurred (LimitExceeded) when calling the UploadSigningCertificate operation: Cannot exceed quota for CertificatesPerUser: 2"},
			{"DeleteConflict", []string{"delete-user", "--user-name", "Carol"},
				"An error occurred (DeleteConflict) when calling the DeleteUser operation: Cannot delete entity, must delete access keys first."},
			{"InvalidInput", []string{"tag-user", "--user-name", "Carol", "--tags", "Key=dup,Value=1", "Key=DUP,Value=2"},
				"An error occurred (InvalidInput) when calling the TagUser operation: Duplicate tag keys found. Please note that Tag keys are case insensitive."},
			{"NoSuchEntity tags", []string{"list-user-tags", "--user-name", "Nobody"},
				"An error occurred (NoSuchEntity) when calling the ListUserTags operation: The user with name Nobody cannot be found."},
		} {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				cliRefuses(t, aws, root, tc.line, tc.args...)
			})
		}
	})

	for _, id := range ids {
		cli(t, aws, root, nil, "delete-signing-certificate", "--user-name", "Carol", "--certificate-id", id)
	}
	cli(t, aws, root, nil, "delete-access-key", "--user-name", "Carol", "--access-key-id", key.AccessKey.AccessKeyId)
	cli(t, aws, root, nil, "delete-user", "--user-name", "Carol")
	if _, stderr, code := command(t, root, aws, "iam", "get-user", "--user-name", "Carol"); code != cliErrorExit(t, aws, root) || !strings.Contains(stderr, "(NoSuchEntity)") {
		t.Errorf("get-user of the deleted user: exit %d, %s", code, stderr)
	}
}

// boto3Script is the same workflow in boto3, with the paginator and a
// ServiceFailure rule added through the control API. It prints what it
// saw as JSON. time.sleep is replaced so that boto3's backoff between
// retries is recorded, not waited.
const boto3Script = `
import json, os, time, urllib.request
import boto3
from botocore.exceptions import ClientError

slept = []
time.sleep = lambda seconds: slept.append(seconds)
d = os.environ["CERT_DIR"]
body = lambda name: open(os.path.join(d, name)).read()
iam = boto3.client("iam")

def error(call, **kw):
    try:
        call(**kw)
    except ClientError as e:
        return {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"],
                "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
                "retries": e.response["ResponseMetadata"].get("RetryAttempts", 0)}
    return None

def control(method, path, rule=None):
    req = urllib.request.Request(os.environ["AWS_ENDPOINT_URL_IAM"] + path, method=method,
        data=None if rule is None else json.dumps(rule).encode(),
        headers={"Authorization": "Bearer " + os.environ["FAKEIAM_TOKEN"], "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as resp:
        data = resp.read()
        return json.loads(data) if data else None

out = {"user": iam.create_user(UserName="Dave")["User"]["Arn"]}
key = iam.create_access_key(UserName="Dave")["AccessKey"]
ids = []
for name in ("c1.pem", "c2.pem"):
    cert = iam.upload_signing_certificate(UserName="Dave", CertificateBody=body(name))["Certificate"]
    assert cert["CertificateBody"] == body(name), cert
    ids.append([cert["CertificateId"], cert["UploadDate"].isoformat()])
iam.tag_user(UserName="Dave", Tags=[{"Key": "team", "Value": "eng"}, {"Key": "Cost", "Value": "12"}, {"Key": "b", "Value": ""}])
iam.tag_user(UserName="Dave", Tags=[{"Key": "TEAM", "Value": "ops"}])
out["tagPages"] = [[[t["Key"], t["Value"]] for t in page["Tags"]]
                   for page in iam.get_paginator("list_user_tags").paginate(UserName="Dave", PaginationConfig={"PageSize": 2})]
iam.untag_user(UserName="Dave", TagKeys=["cost", "absent"])
out["userTags"] = [[t["Key"], t["Value"]] for t in iam.get_user(UserName="Dave")["User"]["Tags"]]
paginator = iam.get_paginator("list_signing_certificates")
out["pages"] = [[c["CertificateId"] for c in page["Certificates"]]
                for page in paginator.paginate(UserName="Dave", PaginationConfig={"PageSize": 1})]
iam.update_signing_certificate(UserName="Dave", CertificateId=ids[0][0], Status="Inactive")
dave = boto3.client("iam", aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
out["implicit"] = [[c["UserName"], c["CertificateId"], c["Status"]] for c in dave.list_signing_certificates()["Certificates"]]
out["errors"] = {
    "NoSuchEntity": error(iam.delete_user, UserName="Nobody"),
    "ValidationError": error(iam.list_signing_certificates, UserName="Bad/Name"),
    "LimitExceeded": error(iam.upload_signing_certificate, UserName="Dave", CertificateBody=body("c3.pem")),
    "DeleteConflict": error(iam.delete_user, UserName="Dave"),
    "InvalidInput": error(iam.tag_user, UserName="Dave", Tags=[{"Key": "dup", "Value": "1"}, {"Key": "DUP", "Value": "2"}]),
    "TagsValidation": error(iam.tag_user, UserName="Nobody", Tags=[{"Key": "k%d" % i, "Value": "v"} for i in range(51)]),
}
rule = control("POST", "/_fakeiam/faults", {"operation": "GetUser", "effect": "ServiceFailure"})
out["serviceFailure"] = error(iam.get_user, UserName="Dave")
out["slept"] = slept
control("DELETE", "/_fakeiam/faults/" + rule["id"])
for i, _ in ids:
    iam.delete_signing_certificate(UserName="Dave", CertificateId=i)
iam.delete_access_key(UserName="Dave", AccessKeyId=key["AccessKeyId"])
iam.delete_user(UserName="Dave")
out["deleted"] = error(iam.get_user, UserName="Dave")
out["ids"] = ids
print(json.dumps(out))
`

type boto3Error struct {
	Code, Message string
	Status        int
	Retries       int
}

func TestBoto3(t *testing.T) {
	t.Parallel()
	python := boto3Python(t)
	s := start(t, "-quiet")
	dir, _ := certificateFiles(t, "c1.pem", "c2.pem", "c3.pem")
	var got struct {
		User           string
		IDs            [][2]string // id, upload date
		Pages          [][]string
		Implicit       [][]string
		Errors         map[string]*boto3Error
		ServiceFailure *boto3Error
		Slept          []float64
		Deleted        *boto3Error
		TagPages       [][][2]string
		UserTags       [][2]string
	}
	s.boto3RunEnv(t, []string{"CERT_DIR=" + dir, "FAKEIAM_TOKEN=" + s.env["FAKEIAM_TOKEN"]}, python, boto3Script, &got)
	if got.User != "arn:aws:iam::123456789012:user/Dave" || len(got.IDs) != 2 {
		t.Fatalf("user %s, certificates %v", got.User, got.IDs)
	}
	uploaded := []certOutput{
		{UserName: "Dave", CertificateId: got.IDs[0][0], UploadDate: got.IDs[0][1], Status: "Inactive"},
		{UserName: "Dave", CertificateId: got.IDs[1][0], UploadDate: got.IDs[1][1], Status: "Active"},
	}
	var wantPages, wantImplicit [][]string
	for _, c := range listOrder(uploaded) {
		wantPages = append(wantPages, []string{c.CertificateId})
		wantImplicit = append(wantImplicit, []string{c.UserName, c.CertificateId, c.Status})
	}
	if diff := gocmp.Diff(wantPages, got.Pages); diff != "" {
		t.Errorf("paginator pages with PageSize 1 (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff(wantImplicit, got.Implicit); diff != "" {
		t.Errorf("list_signing_certificates() with Dave's key (-want +got):\n%s", diff)
	}
	wantErrors := map[string]*boto3Error{
		"NoSuchEntity":    {Code: "NoSuchEntity", Status: 404, Message: "The user with name Nobody cannot be found."},
		"ValidationError": {Code: "ValidationError", Status: 400, Message: "The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-"},
		"LimitExceeded":   {Code: "LimitExceeded", Status: 409, Message: "Cannot exceed quota for CertificatesPerUser: 2"},
		"DeleteConflict":  {Code: "DeleteConflict", Status: 409, Message: "Cannot delete entity, must delete access keys first."},
		"InvalidInput":    {Code: "InvalidInput", Status: 400, Message: "Duplicate tag keys found. Please note that Tag keys are case insensitive."},
		"TagsValidation": {Code: "ValidationError", Status: 400,
			Message: "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50"},
	}
	if diff := gocmp.Diff([][][2]string{{{"Cost", "12"}, {"b", ""}}, {{"team", "ops"}}}, got.TagPages); diff != "" {
		t.Errorf("list_user_tags paginator pages with PageSize 2 (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff([][2]string{{"team", "ops"}, {"b", ""}}, got.UserTags); diff != "" {
		t.Errorf("get_user's Tags after untag_user (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff(wantErrors, got.Errors); diff != "" {
		t.Errorf("ClientErrors (-want +got):\n%s", diff)
	}
	if got.Deleted == nil || got.Deleted.Code != "NoSuchEntity" {
		t.Errorf("get_user of the deleted user: %+v", got.Deleted)
	}

	// The ServiceFailure: retried by boto3, every attempt logged as an
	// attempt of one call, then surfaced as a ClientError.
	sf := got.ServiceFailure
	if sf == nil || sf.Code != "ServiceFailure" || sf.Status != 500 ||
		sf.Message != "The request processing has failed because of an unknown error, exception or failure." || sf.Retries < 1 {
		t.Fatalf("get_user under a ServiceFailure rule: %+v; want a retried ClientError ServiceFailure (500)", sf)
	}
	var attempts []int
	for _, c := range s.calls(t, "GetUser") {
		if c.Error != nil && c.Error.Code == "ServiceFailure" {
			attempts = append(attempts, c.Attempt)
		}
	}
	var wantAttempts []int
	for i := range sf.Retries + 1 {
		wantAttempts = append(wantAttempts, i+1)
	}
	if diff := gocmp.Diff(wantAttempts, attempts); diff != "" {
		t.Errorf("ServiceFailure attempts in the call log, numbered from boto3's amz-sdk-request header (-want +got):\n%s", diff)
	}
	if len(got.Slept) != sf.Retries {
		t.Errorf("boto3 backed off %d times (%v) for %d retries", len(got.Slept), got.Slept, sf.Retries)
	}
	t.Logf("boto3: ServiceFailure after %d attempts; backoffs it asked for: %v s", sf.Retries+1, got.Slept)
}

// Passwords: login profiles, change-password signed as the user, the
// account's password policy, and no password in the call log.

// rawCalls is GET /_fakeiam/calls as it is sent.
func (s *server) rawCalls(t *testing.T) string {
	t.Helper()
	return s.control(t, "GET", "/_fakeiam/calls", "")
}

// control sends a request of the control API with the endpoint's token
// and returns the body of its 200 answer, failing the test on any other.
func (s *server) control(t *testing.T, method, path, body string) string {
	t.Helper()
	req, err := http.NewRequest(method, s.url+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+s.env["FAKEIAM_TOKEN"])
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: HTTP %d %s %v", method, path, resp.StatusCode, answer, err)
	}
	return string(answer)
}

// e2ePasswords are the passwords the password workflows send: none may
// appear in the call log.
var e2ePasswords = []string{"Erin-pass-01!", "Erin-pass-02!", "Erin-pass-03!", "Wrong-pass-9!", "short"}

func TestAWSCLIPasswords(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	s := start(t, "-quiet")
	root := s.clientEnv(t, s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"])
	fails := func(env []string, line string, args ...string) {
		t.Helper()
		cliRefuses(t, aws, env, line, args...)
	}
	type profileOut struct {
		LoginProfile struct {
			UserName              string
			CreateDate            string
			PasswordResetRequired bool
		}
	}

	var user userOut
	cli(t, aws, root, &user, "create-user", "--user-name", "Erin")
	var key keyOut
	cli(t, aws, root, &key, "create-access-key", "--user-name", "Erin")
	erin := s.clientEnv(t, key.AccessKey.AccessKeyId, key.AccessKey.SecretAccessKey)

	// The account's policy: none, then one, read back with the defaults
	// of the members left out.
	fails(root, "An error occurred (NoSuchEntity) when calling the GetAccountPasswordPolicy operation: The Password Policy with domain name 123456789012 cannot be found.",
		"get-account-password-policy")
	cli(t, aws, root, nil, "update-account-password-policy", "--minimum-password-length", "10", "--require-symbols", "--password-reuse-prevention", "2")
	var policy map[string]any
	cli(t, aws, root, &policy, "get-account-password-policy")
	wantPolicy := map[string]any{"PasswordPolicy": map[string]any{"MinimumPasswordLength": 10.0, "RequireSymbols": true, "RequireNumbers": false,
		"RequireUppercaseCharacters": false, "RequireLowercaseCharacters": false, "AllowUsersToChangePassword": false, "ExpirePasswords": false,
		"PasswordReusePrevention": 2.0}}
	if diff := gocmp.Diff(wantPolicy, policy); diff != "" {
		t.Errorf("get-account-password-policy (-want +got):\n%s", diff)
	}

	// A login profile: created, read (no password in it), updated.
	var created, got profileOut
	cli(t, aws, root, &created, "create-login-profile", "--user-name", "Erin", "--password", e2ePasswords[0], "--password-reset-required")
	if p := created.LoginProfile; p.UserName != "Erin" || !p.PasswordResetRequired || p.CreateDate == "" {
		t.Errorf("create-login-profile: %+v", p)
	}
	cli(t, aws, root, &got, "get-login-profile", "--user-name", "Erin")
	if diff := gocmp.Diff(created, got); diff != "" {
		t.Errorf("get-login-profile (-created +got):\n%s", diff)
	}
	cli(t, aws, root, nil, "update-login-profile", "--user-name", "Erin", "--no-password-reset-required")
	cli(t, aws, erin, &got, "get-login-profile") // the implicit caller
	if got.LoginProfile.PasswordResetRequired || got.LoginProfile.UserName != "Erin" {
		t.Errorf("get-login-profile after --no-password-reset-required, as Erin: %+v", got.LoginProfile)
	}
	fails(root, "An error occurred (PasswordPolicyViolation) when calling the UpdateLoginProfile operation: Password should have a minimum length of 10",
		"update-login-profile", "--user-name", "Erin", "--password", e2ePasswords[4])
	fails(root, "An error occurred (EntityAlreadyExists) when calling the CreateLoginProfile operation: Login Profile for user Erin already exists.",
		"create-login-profile", "--user-name", "Erin", "--password", e2ePasswords[1])

	// change-password, signed as Erin.
	cli(t, aws, erin, nil, "change-password", "--old-password", e2ePasswords[0], "--new-password", e2ePasswords[1])
	fails(erin, "An error occurred (AccessDenied) when calling the ChangePassword operation: The old password is incorrect.",
		"change-password", "--old-password", e2ePasswords[3], "--new-password", e2ePasswords[2])
	fails(erin, "An error occurred (PasswordPolicyViolation) when calling the ChangePassword operation: Password should not be one of your previous 2 passwords",
		"change-password", "--old-password", e2ePasswords[1], "--new-password", e2ePasswords[0])
	fails(root, "An error occurred (InvalidUserType) when calling the ChangePassword operation: Only IAM users can change their own password.",
		"change-password", "--old-password", e2ePasswords[1], "--new-password", e2ePasswords[2])

	// Offboarding: DeleteUser refuses while the profile remains.
	fails(root, "An error occurred (DeleteConflict) when calling the DeleteUser operation: Cannot delete entity, must delete login profile first.",
		"delete-user", "--user-name", "Erin")
	cli(t, aws, root, nil, "delete-login-profile", "--user-name", "Erin")
	fails(root, "An error occurred (NoSuchEntity) when calling the DeleteLoginProfile operation: Login Profile for User Erin cannot be found.",
		"delete-login-profile", "--user-name", "Erin")
	fails(root, "An error occurred (NoSuchEntity) when calling the GetLoginProfile operation: Login Profile for User Erin cannot be found.",
		"get-login-profile", "--user-name", "Erin")
	cli(t, aws, root, nil, "delete-account-password-policy")
	fails(root, "An error occurred (NoSuchEntity) when calling the DeleteAccountPasswordPolicy operation: The account policy with name PasswordPolicy cannot be found.",
		"delete-account-password-policy")
	cli(t, aws, root, nil, "delete-access-key", "--user-name", "Erin", "--access-key-id", key.AccessKey.AccessKeyId)
	cli(t, aws, root, nil, "delete-user", "--user-name", "Erin")

	log := s.rawCalls(t)
	for _, p := range e2ePasswords {
		if strings.Contains(log, p) {
			t.Errorf("the call log holds a password the CLI sent (%q)", p)
		}
	}
	if n := len(s.calls(t, "ChangePassword")); n != 4 {
		t.Errorf("%d ChangePassword calls logged, want 4", n)
	}
}

// boto3PasswordsScript is the password workflow in boto3.
const boto3PasswordsScript = `
import json, os
import boto3
from botocore.exceptions import ClientError

iam = boto3.client("iam")
pw = json.loads(os.environ["PASSWORDS"])

def profile(p):
    return [p["UserName"], p["PasswordResetRequired"], "CreateDate" in p, "Password" in p]

out = {"errors": {}}
iam.create_user(UserName="Frank")
key = iam.create_access_key(UserName="Frank")["AccessKey"]
frank = boto3.client("iam", aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
out["errors"]["noPolicy"] = error(iam.get_account_password_policy)
iam.update_account_password_policy(AllowUsersToChangePassword=True, HardExpiry=True, MaxPasswordAge=60, MinimumPasswordLength=10,
                                   PasswordReusePrevention=3, RequireLowercaseCharacters=True, RequireNumbers=True,
                                   RequireSymbols=True, RequireUppercaseCharacters=True)
out["custom"] = iam.get_account_password_policy()["PasswordPolicy"]
iam.update_account_password_policy()
out["defaults"] = iam.get_account_password_policy()["PasswordPolicy"]
out["created"] = profile(iam.create_login_profile(UserName="Frank", Password=pw[0], PasswordResetRequired=True)["LoginProfile"])
out["got"] = profile(iam.get_login_profile(UserName="Frank")["LoginProfile"])
iam.update_login_profile(UserName="Frank", PasswordResetRequired=False)
out["own"] = profile(frank.get_login_profile()["LoginProfile"])
frank.change_password(OldPassword=pw[0], NewPassword=pw[1])
out["errors"]["wrongOld"] = error(frank.change_password, OldPassword=pw[3], NewPassword=pw[2])
out["errors"]["tooShort"] = error(frank.change_password, OldPassword=pw[1], NewPassword=pw[4])
out["errors"]["root"] = error(iam.change_password, OldPassword=pw[1], NewPassword=pw[2])
out["errors"]["exists"] = error(iam.create_login_profile, UserName="Frank", Password=pw[2])
out["errors"]["deleteUser"] = error(iam.delete_user, UserName="Frank")
iam.delete_login_profile(UserName="Frank")
out["errors"]["noProfile"] = error(iam.delete_login_profile, UserName="Frank")
iam.delete_account_password_policy()
out["errors"]["noAccountPolicy"] = error(iam.delete_account_password_policy)
out["errors"]["defaultPolicy"] = error(iam.create_login_profile, UserName="Frank", Password="abcdefgh")
iam.delete_access_key(UserName="Frank", AccessKeyId=key["AccessKeyId"])
iam.delete_user(UserName="Frank")
print(json.dumps(out))
`

func TestBoto3Passwords(t *testing.T) {
	t.Parallel()
	python := boto3Python(t)
	s := start(t, "-quiet")
	passwords, err := json.Marshal(e2ePasswords)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Custom, Defaults map[string]any
		Created, Got     []any
		Own              []any
		Errors           map[string]*boto3Error
	}
	s.boto3RunEnv(t, []string{"PASSWORDS=" + string(passwords)}, python, boto3PasswordsScript, &got)
	// IAM's answers, recorded (docs/contract.md, "Passwords").
	wantCustom := map[string]any{"AllowUsersToChangePassword": true, "ExpirePasswords": true, "HardExpiry": true, "MaxPasswordAge": 60.0,
		"MinimumPasswordLength": 10.0, "PasswordReusePrevention": 3.0, "RequireLowercaseCharacters": true, "RequireNumbers": true,
		"RequireSymbols": true, "RequireUppercaseCharacters": true}
	wantDefaults := map[string]any{"AllowUsersToChangePassword": false, "ExpirePasswords": false, "MinimumPasswordLength": 6.0,
		"RequireLowercaseCharacters": false, "RequireNumbers": false, "RequireSymbols": false, "RequireUppercaseCharacters": false}
	if diff := gocmp.Diff(wantCustom, got.Custom); diff != "" {
		t.Errorf("get_account_password_policy after every member (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff(wantDefaults, got.Defaults); diff != "" {
		t.Errorf("get_account_password_policy after none (-want +got):\n%s", diff)
	}
	// [UserName, PasswordResetRequired, has CreateDate, has Password]
	for name, p := range map[string][]any{"create_login_profile": got.Created, "get_login_profile": got.Got} {
		if diff := gocmp.Diff([]any{"Frank", true, true, false}, p); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
	if diff := gocmp.Diff([]any{"Frank", false, true, false}, got.Own); diff != "" {
		t.Errorf("get_login_profile() as Frank, after update_login_profile (-want +got):\n%s", diff)
	}
	wantErrors := map[string]*boto3Error{
		"noPolicy":        {Code: "NoSuchEntity", Status: 404, Message: "The Password Policy with domain name 123456789012 cannot be found."},
		"wrongOld":        {Code: "AccessDenied", Status: 403, Message: "The old password is incorrect."},
		"tooShort":        {Code: "PasswordPolicyViolation", Status: 400, Message: "Password should have a minimum length of 6"},
		"root":            {Code: "InvalidUserType", Status: 400, Message: "Only IAM users can change their own password."},
		"exists":          {Code: "EntityAlreadyExists", Status: 409, Message: "Login Profile for user Frank already exists."},
		"deleteUser":      {Code: "DeleteConflict", Status: 409, Message: "Cannot delete entity, must delete login profile first."},
		"noProfile":       {Code: "NoSuchEntity", Status: 404, Message: "Login Profile for User Frank cannot be found."},
		"noAccountPolicy": {Code: "NoSuchEntity", Status: 404, Message: "The account policy with name PasswordPolicy cannot be found."},
		"defaultPolicy": {Code: "PasswordPolicyViolation", Status: 400,
			Message: "Password should have at least three of the following: uppercase letters, lowercase letters, numbers and symbols"},
	}
	if diff := gocmp.Diff(wantErrors, got.Errors); diff != "" {
		t.Errorf("ClientErrors (-want +got):\n%s", diff)
	}
	log := s.rawCalls(t)
	for _, p := range append(e2ePasswords, "abcdefgh") {
		if strings.Contains(log, p) {
			t.Errorf("the call log holds a password boto3 sent (%q)", p)
		}
	}
}
