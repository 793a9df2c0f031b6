package main

import (
	"encoding/json"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

// End to end for STS's GetCallerIdentity and the account alias: the AWS
// CLI and boto3 against cmd/fakeiam, which serves STS on the IAM endpoint
// (AWS_ENDPOINT_URL_STS).

// identityOut is GetCallerIdentity's JSON, as the CLI and boto3 print it.
type identityOut struct{ UserId, Account, Arn string }

// awsJSON runs `aws <service> ... --output json` and decodes stdout into
// out (when not nil); it returns the exit status and stderr.
func awsJSON(t *testing.T, aws string, env []string, out any, service string, args ...string) (int, string) {
	t.Helper()
	stdout, stderr, code := command(t, env, aws, append([]string{service, "--output", "json"}, args...)...)
	if code == 0 && out != nil {
		if err := json.Unmarshal([]byte(stdout), out); err != nil {
			t.Fatalf("aws %s %s: stdout %q: %v", service, strings.Join(args, " "), stdout, err)
		}
	}
	return code, stderr
}

func TestAWSCLIWhoAmIAndAlias(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	s := start(t, "-quiet")
	root := s.clientEnv(t, s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"])
	mustAWS := func(env []string, out any, service string, args ...string) {
		t.Helper()
		if code, stderr := awsJSON(t, aws, env, out, service, args...); code != 0 {
			t.Fatalf("aws %s %s: exit %d\n%s", service, strings.Join(args, " "), code, stderr)
		}
	}

	var me identityOut
	mustAWS(root, &me, "sts", "get-caller-identity")
	if diff := gocmp.Diff(identityOut{"123456789012", "123456789012", "arn:aws:iam::123456789012:root"}, me); diff != "" {
		t.Errorf("sts get-caller-identity as the root (-want +got):\n%s", diff)
	}

	// A user's key: the user, and the new name after a rename.
	var user userOut
	mustAWS(root, &user, "iam", "create-user", "--user-name", "Erin")
	var key keyOut
	mustAWS(root, &key, "iam", "create-access-key", "--user-name", "Erin")
	erin := s.clientEnv(t, key.AccessKey.AccessKeyId, key.AccessKey.SecretAccessKey)
	mustAWS(erin, &me, "sts", "get-caller-identity")
	if diff := gocmp.Diff(identityOut{user.User.UserId, "123456789012", "arn:aws:iam::123456789012:user/Erin"}, me); diff != "" {
		t.Errorf("sts get-caller-identity as Erin (-want +got):\n%s", diff)
	}
	mustAWS(root, nil, "iam", "update-user", "--user-name", "Erin", "--new-user-name", "Erin2", "--new-path", "/ops/")
	mustAWS(erin, &me, "sts", "get-caller-identity")
	if diff := gocmp.Diff(identityOut{user.User.UserId, "123456789012", "arn:aws:iam::123456789012:user/ops/Erin2"}, me); diff != "" {
		t.Errorf("sts get-caller-identity after the rename (-want +got):\n%s", diff)
	}
	// A key the fake does not know: STS's refusal.
	if code, stderr := awsJSON(t, aws, s.clientEnv(t, "AKIAUNKNOWNKEY000001", "x"), nil, "sts", "get-caller-identity"); code == 0 ||
		!strings.Contains(stderr, "(InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid") {
		t.Errorf("an unknown key: exit %d\n%s", code, stderr)
	}

	// The account alias.
	type aliasesOut struct{ AccountAliases []string }
	var aliases aliasesOut
	mustAWS(root, &aliases, "iam", "list-account-aliases")
	if diff := gocmp.Diff(aliasesOut{[]string{}}, aliases); diff != "" {
		t.Errorf("list-account-aliases, none (-want +got):\n%s", diff)
	}
	mustAWS(root, nil, "iam", "create-account-alias", "--account-alias", "example-corp")
	mustAWS(root, &aliases, "iam", "list-account-aliases", "--page-size", "1")
	if diff := gocmp.Diff(aliasesOut{[]string{"example-corp"}}, aliases); diff != "" {
		t.Errorf("list-account-aliases (-want +got):\n%s", diff)
	}
	if code, stderr := awsJSON(t, aws, root, nil, "iam", "create-account-alias", "--account-alias", "example-corp"); code == 0 ||
		!strings.Contains(stderr, "(EntityAlreadyExists) when calling the CreateAccountAlias operation: The account alias example-corp already exists.") {
		t.Errorf("create-account-alias again: exit %d\n%s", code, stderr)
	}
	if code, stderr := awsJSON(t, aws, root, nil, "iam", "create-account-alias", "--account-alias", "Bad--Alias"); code == 0 ||
		!strings.Contains(stderr, "(ValidationError) when calling the CreateAccountAlias operation: 1 validation error detected: Value at 'accountAlias' failed to satisfy constraint: Member must satisfy regular expression pattern") {
		t.Errorf("create-account-alias off the pattern: exit %d\n%s", code, stderr)
	}
	if code, stderr := awsJSON(t, aws, root, nil, "iam", "delete-account-alias", "--account-alias", "other-corp"); code == 0 ||
		!strings.Contains(stderr, "(NoSuchEntity) when calling the DeleteAccountAlias operation: The account alias other-corp cannot be found.") {
		t.Errorf("delete-account-alias of another name: exit %d\n%s", code, stderr)
	}
	mustAWS(root, nil, "iam", "delete-account-alias", "--account-alias", "example-corp")
	mustAWS(root, &aliases, "iam", "list-account-aliases")
	if len(aliases.AccountAliases) != 0 {
		t.Errorf("list-account-aliases after delete: %v", aliases.AccountAliases)
	}
}

// boto3WhoAmIScript drives STS and the alias operations with boto3, the
// list through its paginator, and prints what it saw as JSON.
const boto3WhoAmIScript = `
import json, os, boto3, botocore

sts, iam = boto3.client("sts"), boto3.client("iam")
out = {"root": sts.get_caller_identity()}
out["root"].pop("ResponseMetadata")
user = iam.create_user(UserName="Frank")["User"]
key = iam.create_access_key(UserName="Frank")["AccessKey"]
frank = boto3.client("sts", aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
out["userId"] = user["UserId"]
out["frank"] = frank.get_caller_identity()["Arn"]
iam.update_user(UserName="Frank", NewUserName="Francis")
renamed = frank.get_caller_identity()
out["renamed"] = [renamed["Arn"], renamed["UserId"]]

iam.create_account_alias(AccountAlias="example-corp")
pages = iam.get_paginator("list_account_aliases").paginate(PaginationConfig={"PageSize": 1})
out["aliases"] = [page["AccountAliases"] for page in pages]
try:
    iam.create_account_alias(AccountAlias="example-corp")
except botocore.exceptions.ClientError as e:
    out["again"] = [e.response["Error"]["Code"], e.response["Error"]["Message"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
iam.delete_account_alias(AccountAlias="example-corp")
try:
    iam.delete_account_alias(AccountAlias="example-corp")
except iam.exceptions.NoSuchEntityException as e:
    out["gone"] = [e.response["Error"]["Code"], e.response["Error"]["Message"]]
out["after"] = iam.list_account_aliases()["AccountAliases"]
print(json.dumps(out))
`

func TestBoto3WhoAmIAndAlias(t *testing.T) {
	t.Parallel()
	python := boto3Python(t)
	s := start(t, "-quiet")
	var got struct {
		Root    identityOut
		UserID  string
		Frank   string
		Renamed []string
		Aliases [][]string
		Again   []any
		Gone    []string
		After   []string
	}
	s.boto3Run(t, python, boto3WhoAmIScript, &got)
	want := got
	want.Root = identityOut{"123456789012", "123456789012", "arn:aws:iam::123456789012:root"}
	want.Frank = "arn:aws:iam::123456789012:user/Frank"
	want.Renamed = []string{"arn:aws:iam::123456789012:user/Francis", got.UserID}
	want.Aliases = [][]string{{"example-corp"}}
	want.Again = []any{"EntityAlreadyExists", "The account alias example-corp already exists.", 409.0}
	want.Gone = []string{"NoSuchEntity", "The account alias example-corp cannot be found."}
	want.After = []string{}
	if diff := gocmp.Diff(want, got); diff != "" || !strings.HasPrefix(got.UserID, "AIDA") {
		t.Errorf("boto3 (-want +got):\n%s\nuser id %q", diff, got.UserID)
	}
}
