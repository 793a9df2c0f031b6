package main

// End-to-end for SSH public keys: the AWS CLI and boto3 upload (OpenSSH
// form and PEM), read in both encodings, page, update and delete keys
// against the command, and meet IAM's refusals. The keys are fakeiam's
// test data, made by ssh-keygen, which also gave their fingerprints and
// PEM forms.

import (
	"path/filepath"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

type (
	sshKeyOutput struct {
		UserName, SSHPublicKeyId, Fingerprint, SSHPublicKeyBody, Status, UploadDate string
	}
	sshKeyOut    struct{ SSHPublicKey sshKeyOutput }
	sshKeyListed struct{ UserName, SSHPublicKeyId, Status, UploadDate string }
	sshKeysOut   struct {
		SSHPublicKeys []sshKeyListed
		IsTruncated   bool
	}
)

const (
	e2eFingerprintA = "9f:dc:f9:35:20:6e:d3:e3:5c:0f:6e:f2:e3:46:ad:5c"
	e2eFingerprintB = "ee:fb:f4:1f:f0:be:8e:7c:2a:04:dc:06:7f:33:49:1d"
)

// bare is an OpenSSH-form key as IAM stores it: type and key, no comment.
func bare(key string) string { return strings.Join(strings.Fields(key)[:2], " ") }

// sshE2E starts the command with user Full holding five keys (IAM's quota)
// and returns it with a directory holding the test keys.
func sshE2E(t *testing.T) (*server, string) {
	dir := writeFiles(t, map[string]string{"seed.json": `{"users": [{"name": "Full", "sshPublicKeys": [{}, {}, {}, {}, {}]}]}`})
	for _, name := range []string{"a.pub", "a.pem", "b.pub", "b.pem", "short.pub", "ed.pub"} {
		write(t, filepath.Join(dir, name), sshTestKey(t, name))
	}
	return start(t, "-quiet", "-seed", filepath.Join(dir, "seed.json")), dir
}

func TestAWSCLISSHPublicKeys(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	s, dir := sshE2E(t)
	root := s.clientEnv(t, s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"])
	file := func(name string) string { return "file://" + filepath.Join(dir, name) }

	var user userOut
	cli(t, aws, root, &user, "create-user", "--user-name", "Erin")
	var key keyOut
	cli(t, aws, root, &key, "create-access-key", "--user-name", "Erin")
	var a, b sshKeyOut
	cli(t, aws, root, &a, "upload-ssh-public-key", "--user-name", "Erin", "--ssh-public-key-body", file("a.pub"))
	cli(t, aws, root, &b, "upload-ssh-public-key", "--user-name", "Erin", "--ssh-public-key-body", file("b.pem"))
	ka, kb := a.SSHPublicKey, b.SSHPublicKey
	if !strings.HasPrefix(ka.SSHPublicKeyId, "APKA") || len(ka.SSHPublicKeyId) != 20 || ka.UploadDate == "" {
		t.Errorf("upload-ssh-public-key: id %q, upload date %q", ka.SSHPublicKeyId, ka.UploadDate)
	}
	wantA := sshKeyOutput{"Erin", ka.SSHPublicKeyId, e2eFingerprintA, bare(sshTestKey(t, "a.pub")), "Active", ka.UploadDate}
	wantB := sshKeyOutput{"Erin", kb.SSHPublicKeyId, e2eFingerprintB, strings.TrimSpace(sshTestKey(t, "b.pem")), "Active", kb.UploadDate}
	if diff := gocmp.Diff([]sshKeyOutput{wantA, wantB}, []sshKeyOutput{ka, kb}); diff != "" {
		t.Errorf("upload-ssh-public-key: the body as IAM stores it, its MD5 fingerprint (-want +got):\n%s", diff)
	}

	// Each key in the other encoding: a.pub as PEM is ssh-keygen's PKIX
	// form; b.pem in OpenSSH form is "ssh-rsa" and the key.
	var aPEM, bSSH sshKeyOut
	cli(t, aws, root, &aPEM, "get-ssh-public-key", "--user-name", "Erin", "--ssh-public-key-id", ka.SSHPublicKeyId, "--encoding", "PEM")
	cli(t, aws, root, &bSSH, "get-ssh-public-key", "--user-name", "Erin", "--ssh-public-key-id", kb.SSHPublicKeyId, "--encoding", "SSH")
	wantA.SSHPublicKeyBody = strings.TrimSpace(sshTestKey(t, "a.pem"))
	wantB.SSHPublicKeyBody = bare(sshTestKey(t, "b.pub"))
	if diff := gocmp.Diff([]sshKeyOutput{wantA, wantB}, []sshKeyOutput{aPEM.SSHPublicKey, bSSH.SSHPublicKey}); diff != "" {
		t.Errorf("get-ssh-public-key in the other encoding (-want +got):\n%s", diff)
	}

	cli(t, aws, root, nil, "update-ssh-public-key", "--user-name", "Erin", "--ssh-public-key-id", ka.SSHPublicKeyId, "--status", "Inactive")
	var list sshKeysOut
	cli(t, aws, root, &list, "list-ssh-public-keys", "--user-name", "Erin", "--page-size", "1")
	want := sshKeysOut{SSHPublicKeys: []sshKeyListed{{"Erin", ka.SSHPublicKeyId, "Inactive", ka.UploadDate}, {"Erin", kb.SSHPublicKeyId, "Active", kb.UploadDate}}}
	if diff := gocmp.Diff(want, list); diff != "" {
		t.Errorf("list-ssh-public-keys --page-size 1 (-want +got):\n%s", diff)
	}
	if pages := s.calls(t, "ListSSHPublicKeys"); len(pages) != 2 || pages[1].Input["marker"] == nil {
		t.Errorf("the CLI's list-ssh-public-keys requests: %+v; want two pages, following Marker", pages)
	}
	// The implicit caller: Erin's own key, no --user-name.
	var own sshKeysOut
	cli(t, aws, s.clientEnv(t, key.AccessKey.AccessKeyId, key.AccessKey.SecretAccessKey), &own, "list-ssh-public-keys")
	if diff := gocmp.Diff(want, own); diff != "" {
		t.Errorf("list-ssh-public-keys with Erin's key (-want +got):\n%s", diff)
	}

	cli(t, aws, root, nil, "delete-access-key", "--user-name", "Erin", "--access-key-id", key.AccessKey.AccessKeyId)
	for _, tc := range []struct {
		name string
		args []string
		line string
	}{
		{"DuplicateSSHPublicKey", []string{"upload-ssh-public-key", "--user-name", "Erin", "--ssh-public-key-body", file("a.pem")},
			"An error occurred (DuplicateSSHPublicKey) when calling the UploadSSHPublicKey operation: The SSH public key is already associated with the specified IAM user."},
		{"UnrecognizedPublicKeyEncoding", []string{"upload-ssh-public-key", "--user-name", "Erin", "--ssh-public-key-body", file("ed.pub")},
			"An error occurred (UnrecognizedPublicKeyEncoding) when calling the UploadSSHPublicKey operation: The public key encoding format is unsupported or unrecognized."},
		{"InvalidPublicKey", []string{"upload-ssh-public-key", "--user-name", "Erin", "--ssh-public-key-body", file("short.pub")},
			"An error occurred (InvalidPublicKey) when calling the UploadSSHPublicKey operation: The public key is malformed or otherwise invalid."},
		{"LimitExceeded", []string{"upload-ssh-public-key", "--user-name", "Full", "--ssh-public-key-body", file("a.pub")},
			"An error occurred (LimitExceeded) when calling the UploadSSHPublicKey operation: Cannot exceed quota for SSHPublicKeysPerUser: 5"},
		{"NoSuchEntity", []string{"get-ssh-public-key", "--user-name", "Erin", "--ssh-public-key-id", "APKAXXXXXXXXXXXXXXXXX", "--encoding", "SSH"},
			"An error occurred (NoSuchEntity) when calling the GetSSHPublicKey operation: The Public Key with id APKAXXXXXXXXXXXXXXXXX cannot be found."},
		{"InvalidInput", []string{"update-ssh-public-key", "--user-name", "Erin", "--ssh-public-key-id", ka.SSHPublicKeyId, "--status", "Expired"},
			"An error occurred (InvalidInput) when calling the UpdateSSHPublicKey operation: Status Expired is not valid for SSH public keys."},
		{"DeleteConflict", []string{"delete-user", "--user-name", "Erin"},
			"An error occurred (DeleteConflict) when calling the DeleteUser operation: Cannot delete entity, must remove referenced objects first."},
	} {
		t.Run(tc.name, func(t *testing.T) { cliRefuses(t, aws, root, tc.line, tc.args...) })
	}
	for _, id := range []string{ka.SSHPublicKeyId, kb.SSHPublicKeyId} {
		cli(t, aws, root, nil, "delete-ssh-public-key", "--user-name", "Erin", "--ssh-public-key-id", id)
	}
	cli(t, aws, root, nil, "delete-user", "--user-name", "Erin")
}

// boto3SSHScript is the same workflow in boto3, with the
// list_ssh_public_keys paginator. It prints what it saw as JSON.
const boto3SSHScript = `
import json, os
import boto3
from botocore.exceptions import ClientError

d = os.environ["KEY_DIR"]
body = lambda name: open(os.path.join(d, name)).read()
iam = boto3.client("iam")

def key(k):
    return [k["UserName"], k["SSHPublicKeyId"], k.get("Fingerprint", ""), k.get("SSHPublicKeyBody", ""), k["Status"]]

iam.create_user(UserName="Frank")
a = iam.upload_ssh_public_key(UserName="Frank", SSHPublicKeyBody=body("b.pub"))["SSHPublicKey"]
b = iam.upload_ssh_public_key(UserName="Frank", SSHPublicKeyBody=body("a.pem"))["SSHPublicKey"]
out = {"uploaded": [key(a), key(b)]}
out["got"] = [key(iam.get_ssh_public_key(UserName="Frank", SSHPublicKeyId=a["SSHPublicKeyId"], Encoding="PEM")["SSHPublicKey"]),
              key(iam.get_ssh_public_key(UserName="Frank", SSHPublicKeyId=b["SSHPublicKeyId"], Encoding="SSH")["SSHPublicKey"])]
iam.update_ssh_public_key(UserName="Frank", SSHPublicKeyId=b["SSHPublicKeyId"], Status="Inactive")
out["pages"] = [[key(k) for k in page["SSHPublicKeys"]]
                for page in iam.get_paginator("list_ssh_public_keys").paginate(UserName="Frank", PaginationConfig={"PageSize": 1})]
out["errors"] = {
    "DuplicateSSHPublicKey": error(iam.upload_ssh_public_key, UserName="Frank", SSHPublicKeyBody=body("b.pem")),
    "UnrecognizedPublicKeyEncoding": error(iam.upload_ssh_public_key, UserName="Frank", SSHPublicKeyBody=body("ed.pub")),
    "InvalidPublicKey": error(iam.upload_ssh_public_key, UserName="Frank", SSHPublicKeyBody=body("short.pub")),
    "LimitExceeded": error(iam.upload_ssh_public_key, UserName="Full", SSHPublicKeyBody=body("a.pub")),
    "NoSuchEntity": error(iam.delete_ssh_public_key, UserName="Frank", SSHPublicKeyId="APKAXXXXXXXXXXXXXXXXX"),
    "ValidationError": error(iam.get_ssh_public_key, UserName="Frank", SSHPublicKeyId="APKA-XXXXXXXXXXXXXXXX", Encoding="SSH"),
    "DeleteConflict": error(iam.delete_user, UserName="Frank"),
}
for k in (a, b):
    iam.delete_ssh_public_key(UserName="Frank", SSHPublicKeyId=k["SSHPublicKeyId"])
out["afterDelete"] = iam.list_ssh_public_keys(UserName="Frank")["SSHPublicKeys"]
iam.delete_user(UserName="Frank")
print(json.dumps(out))
`

func TestBoto3SSHPublicKeys(t *testing.T) {
	t.Parallel()
	python := boto3Python(t)
	s, dir := sshE2E(t)
	var got struct {
		Uploaded, Got [][]string
		Pages         [][][]string
		Errors        map[string]*boto3Error
		AfterDelete   []any
	}
	s.boto3RunEnv(t, []string{"KEY_DIR=" + dir}, python, boto3SSHScript, &got)
	if len(got.Uploaded) != 2 {
		t.Fatalf("uploaded %v", got.Uploaded)
	}
	idA, idB := got.Uploaded[0][1], got.Uploaded[1][1]
	want := [][]string{{"Frank", idA, e2eFingerprintB, bare(sshTestKey(t, "b.pub")), "Active"}, {"Frank", idB, e2eFingerprintA, strings.TrimSpace(sshTestKey(t, "a.pem")), "Active"}}
	if diff := gocmp.Diff(want, got.Uploaded); diff != "" {
		t.Errorf("upload_ssh_public_key (-want +got):\n%s", diff)
	}
	want = [][]string{{"Frank", idA, e2eFingerprintB, strings.TrimSpace(sshTestKey(t, "b.pem")), "Active"},
		{"Frank", idB, e2eFingerprintA, bare(sshTestKey(t, "a.pub")), "Active"}}
	if diff := gocmp.Diff(want, got.Got); diff != "" {
		t.Errorf("get_ssh_public_key in the other encoding (-want +got):\n%s", diff)
	}
	wantPages := [][][]string{{{"Frank", idA, "", "", "Active"}}, {{"Frank", idB, "", "", "Inactive"}}}
	if diff := gocmp.Diff(wantPages, got.Pages); diff != "" {
		t.Errorf("list_ssh_public_keys paginator pages with PageSize 1 (-want +got):\n%s", diff)
	}
	wantErrors := map[string]*boto3Error{
		"DuplicateSSHPublicKey":         {Code: "DuplicateSSHPublicKey", Status: 400, Message: "The SSH public key is already associated with the specified IAM user."},
		"UnrecognizedPublicKeyEncoding": {Code: "UnrecognizedPublicKeyEncoding", Status: 400, Message: "The public key encoding format is unsupported or unrecognized."},
		"InvalidPublicKey":              {Code: "InvalidPublicKey", Status: 400, Message: "The public key is malformed or otherwise invalid."},
		"LimitExceeded":                 {Code: "LimitExceeded", Status: 409, Message: "Cannot exceed quota for SSHPublicKeysPerUser: 5"},
		"NoSuchEntity":                  {Code: "NoSuchEntity", Status: 404, Message: "The Public Key with id APKAXXXXXXXXXXXXXXXXX cannot be found."},
		"ValidationError": {Code: "ValidationError", Status: 400,
			Message: `1 validation error detected: Value at 'sSHPublicKeyId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w]+`},
		"DeleteConflict": {Code: "DeleteConflict", Status: 409, Message: "Cannot delete entity, must remove referenced objects first."},
	}
	if diff := gocmp.Diff(wantErrors, got.Errors); diff != "" {
		t.Errorf("ClientErrors (-want +got):\n%s", diff)
	}
	if got.AfterDelete == nil || len(got.AfterDelete) != 0 {
		t.Errorf("list_ssh_public_keys after deleting both: %v, want an empty list", got.AfterDelete)
	}
}
