package main

// End-to-end for service-specific credentials: the AWS CLI and boto3
// create, list (by service, a page at a time: botocore has no paginator
// for it, so Marker is followed by hand), update, reset and delete them
// against the command, and meet IAM's refusals.

import (
	"path/filepath"
	"regexp"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

type (
	sscOutput struct {
		UserName, ServiceSpecificCredentialId, ServiceName, ServiceUserName, ServicePassword, Status, CreateDate string
	}
	sscOut    struct{ ServiceSpecificCredential sscOutput }
	sscListed struct {
		UserName, ServiceSpecificCredentialId, ServiceName, ServiceUserName, Status, CreateDate string
	}
	sscsOut struct {
		ServiceSpecificCredentials []sscListed
		IsTruncated                bool
		Marker                     string
	}
)

var (
	sscIDShape       = regexp.MustCompile(`^ACCA[A-Z2-7]{17}$`)
	sscPasswordShape = regexp.MustCompile(`^[A-Za-z0-9+/]{43}=$`)
)

// sscE2E starts the command with user Full holding IAM's quota of
// CodeCommit credentials.
func sscE2E(t *testing.T) *server {
	dir := writeFiles(t, map[string]string{"seed.json": `{"users": [{"name": "Full", "serviceCredentials": [
  {"service": "codecommit.amazonaws.com"}, {"service": "codecommit.amazonaws.com"}]}]}`})
	return start(t, "-quiet", "-seed", filepath.Join(dir, "seed.json"))
}

func TestAWSCLIServiceSpecificCredentials(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	s := sscE2E(t)
	root := s.clientEnv(t, s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"])

	var user userOut
	cli(t, aws, root, &user, "create-user", "--user-name", "Erin")
	var key keyOut
	cli(t, aws, root, &key, "create-access-key", "--user-name", "Erin")
	var a, b sscOut
	cli(t, aws, root, &a, "create-service-specific-credential", "--user-name", "Erin", "--service-name", "codecommit.amazonaws.com")
	cli(t, aws, root, &b, "create-service-specific-credential", "--user-name", "Erin", "--service-name", "cassandra.amazonaws.com")
	ca, cb := a.ServiceSpecificCredential, b.ServiceSpecificCredential
	for _, c := range []sscOutput{ca, cb} {
		if !sscIDShape.MatchString(c.ServiceSpecificCredentialId) || !sscPasswordShape.MatchString(c.ServicePassword) || c.CreateDate == "" {
			t.Errorf("create-service-specific-credential: id %q, password %q, create date %q", c.ServiceSpecificCredentialId, c.ServicePassword, c.CreateDate)
		}
	}
	wantA := sscOutput{"Erin", ca.ServiceSpecificCredentialId, "codecommit.amazonaws.com", "Erin-at-123456789012", ca.ServicePassword, "Active", ca.CreateDate}
	if diff := gocmp.Diff(wantA, ca); diff != "" {
		t.Errorf("create-service-specific-credential (-want +got):\n%s", diff)
	}

	cli(t, aws, root, nil, "update-service-specific-credential", "--user-name", "Erin", "--service-specific-credential-id", ca.ServiceSpecificCredentialId, "--status", "Inactive")
	var reset sscOut
	cli(t, aws, root, &reset, "reset-service-specific-credential", "--user-name", "Erin", "--service-specific-credential-id", ca.ServiceSpecificCredentialId)
	if r := reset.ServiceSpecificCredential; r.ServicePassword == ca.ServicePassword || !sscPasswordShape.MatchString(r.ServicePassword) || r.Status != "Inactive" {
		t.Errorf("reset-service-specific-credential: %+v; want a new password, status kept", r)
	}
	listedA := sscListed{"Erin", ca.ServiceSpecificCredentialId, "codecommit.amazonaws.com", "Erin-at-123456789012", "Inactive", ca.CreateDate}
	listedB := sscListed{"Erin", cb.ServiceSpecificCredentialId, "cassandra.amazonaws.com", "Erin-at-123456789012", "Active", cb.CreateDate}
	var page1, page2, filtered, own sscsOut
	cli(t, aws, root, &page1, "list-service-specific-credentials", "--user-name", "Erin", "--max-items", "1")
	if !page1.IsTruncated || page1.Marker == "" {
		t.Fatalf("list-service-specific-credentials --max-items 1: %+v, want a truncated page", page1)
	}
	cli(t, aws, root, &page2, "list-service-specific-credentials", "--user-name", "Erin", "--marker", page1.Marker)
	cli(t, aws, root, &filtered, "list-service-specific-credentials", "--user-name", "Erin", "--service-name", "cassandra.amazonaws.com")
	// The implicit caller: Erin's own, no --user-name.
	cli(t, aws, s.clientEnv(t, key.AccessKey.AccessKeyId, key.AccessKey.SecretAccessKey), &own, "list-service-specific-credentials")
	page1.Marker = ""
	want := []sscsOut{{ServiceSpecificCredentials: []sscListed{listedA}, IsTruncated: true}, {ServiceSpecificCredentials: []sscListed{listedB}},
		{ServiceSpecificCredentials: []sscListed{listedB}}, {ServiceSpecificCredentials: []sscListed{listedA, listedB}}}
	if diff := gocmp.Diff(want, []sscsOut{page1, page2, filtered, own}); diff != "" {
		t.Errorf("list-service-specific-credentials: two pages, by service, the caller's own (-want +got):\n%s", diff)
	}

	cli(t, aws, root, nil, "delete-access-key", "--user-name", "Erin", "--access-key-id", key.AccessKey.AccessKeyId)
	for _, tc := range []struct {
		name string
		args []string
		line string
	}{
		{"NotSupportedService", []string{"create-service-specific-credential", "--user-name", "Erin", "--service-name", "s3.amazonaws.com"},
			"An error occurred (NoSuchEntity) when calling the CreateServiceSpecificCredential operation: No such service s3.amazonaws.com is supported for Service Specific Credentials"},
		{"LimitExceeded", []string{"create-service-specific-credential", "--user-name", "Full", "--service-name", "codecommit.amazonaws.com"},
			"An error occurred (LimitExceeded) when calling the CreateServiceSpecificCredential operation: Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: 2"},
		{"NoSuchEntity", []string{"delete-service-specific-credential", "--user-name", "Erin", "--service-specific-credential-id", "ACCAXXXXXXXXXXXXXXXXX"},
			"An error occurred (NoSuchEntity) when calling the DeleteServiceSpecificCredential operation: No such credential ACCAXXXXXXXXXXXXXXXXX exists"},
		{"DeleteConflict", []string{"delete-user", "--user-name", "Erin"},
			"An error occurred (DeleteConflict) when calling the DeleteUser operation: Cannot delete entity, must remove referenced objects first."},
	} {
		t.Run(tc.name, func(t *testing.T) { cliRefuses(t, aws, root, tc.line, tc.args...) })
	}
	for _, id := range []string{ca.ServiceSpecificCredentialId, cb.ServiceSpecificCredentialId} {
		cli(t, aws, root, nil, "delete-service-specific-credential", "--user-name", "Erin", "--service-specific-credential-id", id)
	}
	cli(t, aws, root, nil, "delete-user", "--user-name", "Erin")
}

// boto3SSCScript is the same workflow in boto3; Marker is followed by hand
// (botocore has no list_service_specific_credentials paginator). It prints
// what it saw as JSON.
const boto3SSCScript = `
import json
import boto3
from botocore.exceptions import ClientError

iam = boto3.client("iam")

def cred(c):
    return [c["UserName"], c["ServiceSpecificCredentialId"], c["ServiceName"], c.get("ServiceUserName", ""), c.get("ServicePassword", ""), c["Status"]]

out = {"paginator": iam.can_paginate("list_service_specific_credentials")}
iam.create_user(UserName="Frank")
a = iam.create_service_specific_credential(UserName="Frank", ServiceName="codecommit.amazonaws.com")["ServiceSpecificCredential"]
b = iam.create_service_specific_credential(UserName="Frank", ServiceName="codecommit.amazonaws.com")["ServiceSpecificCredential"]
out["created"] = [cred(a), cred(b)]
iam.update_service_specific_credential(UserName="Frank", ServiceSpecificCredentialId=b["ServiceSpecificCredentialId"], Status="Inactive")
r = iam.reset_service_specific_credential(UserName="Frank", ServiceSpecificCredentialId=b["ServiceSpecificCredentialId"])["ServiceSpecificCredential"]
out["reset"] = cred(r)
pages, kw = [], {"UserName": "Frank", "MaxItems": 1}
while True:
    page = iam.list_service_specific_credentials(**kw)
    pages.append([cred(c) for c in page["ServiceSpecificCredentials"]])
    if not page.get("IsTruncated"):
        break
    kw["Marker"] = page["Marker"]
out["pages"] = pages
out["errors"] = {
    "NotSupportedService": error(iam.list_service_specific_credentials, UserName="Frank", ServiceName="s3.amazonaws.com"),
    "LimitExceeded": error(iam.create_service_specific_credential, UserName="Frank", ServiceName="codecommit.amazonaws.com"),
    "NoSuchEntity": error(iam.reset_service_specific_credential, UserName="Frank", ServiceSpecificCredentialId="ACCAXXXXXXXXXXXXXXXXX"),
    "DeleteConflict": error(iam.delete_user, UserName="Frank"),
}
for c in (a, b):
    iam.delete_service_specific_credential(UserName="Frank", ServiceSpecificCredentialId=c["ServiceSpecificCredentialId"])
out["afterDelete"] = iam.list_service_specific_credentials(UserName="Frank")["ServiceSpecificCredentials"]
iam.delete_user(UserName="Frank")
print(json.dumps(out))
`

func TestBoto3ServiceSpecificCredentials(t *testing.T) {
	t.Parallel()
	python := boto3Python(t)
	s := sscE2E(t)
	var got struct {
		Paginator   bool
		Created     [][]string
		Reset       []string
		Pages       [][][]string
		Errors      map[string]*boto3Error
		AfterDelete []any
	}
	s.boto3Run(t, python, boto3SSCScript, &got)
	if len(got.Created) != 2 || len(got.Reset) != 6 {
		t.Fatalf("created %v, reset %v", got.Created, got.Reset)
	}
	idA, idB, passA, passB, passR := got.Created[0][1], got.Created[1][1], got.Created[0][4], got.Created[1][4], got.Reset[4]
	for _, p := range []string{passA, passB, passR} {
		if !sscPasswordShape.MatchString(p) {
			t.Errorf("password %q is not 44 characters of base64", p)
		}
	}
	if passR == passB {
		t.Errorf("reset gave the same password")
	}
	wantCreated := [][]string{{"Frank", idA, "codecommit.amazonaws.com", "Frank-at-123456789012", passA, "Active"},
		{"Frank", idB, "codecommit.amazonaws.com", "Frank+1-at-123456789012", passB, "Active"}}
	if diff := gocmp.Diff(wantCreated, got.Created); diff != "" {
		t.Errorf("create_service_specific_credential (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff([]string{"Frank", idB, "codecommit.amazonaws.com", "Frank+1-at-123456789012", passR, "Inactive"}, got.Reset); diff != "" {
		t.Errorf("reset_service_specific_credential (-want +got):\n%s", diff)
	}
	wantPages := [][][]string{{{"Frank", idA, "codecommit.amazonaws.com", "Frank-at-123456789012", "", "Active"}},
		{{"Frank", idB, "codecommit.amazonaws.com", "Frank+1-at-123456789012", "", "Inactive"}}}
	if diff := gocmp.Diff(wantPages, got.Pages); diff != "" {
		t.Errorf("list_service_specific_credentials, MaxItems 1, following Marker (-want +got):\n%s", diff)
	}
	wantErrors := map[string]*boto3Error{
		"NotSupportedService": {Code: "NoSuchEntity", Status: 404, Message: "No such service s3.amazonaws.com is supported for Service Specific Credentials"},
		"LimitExceeded":       {Code: "LimitExceeded", Status: 409, Message: "Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: 2"},
		"NoSuchEntity":        {Code: "NoSuchEntity", Status: 404, Message: "No such credential ACCAXXXXXXXXXXXXXXXXX exists"},
		"DeleteConflict":      {Code: "DeleteConflict", Status: 409, Message: "Cannot delete entity, must remove referenced objects first."},
	}
	if diff := gocmp.Diff(wantErrors, got.Errors); diff != "" {
		t.Errorf("ClientErrors (-want +got):\n%s", diff)
	}
	if got.Paginator {
		t.Errorf("botocore has a list_service_specific_credentials paginator now: page with it")
	}
	if got.AfterDelete == nil || len(got.AfterDelete) != 0 {
		t.Errorf("list_service_specific_credentials after deleting both: %v, want an empty list", got.AfterDelete)
	}
}
