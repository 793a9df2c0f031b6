package main

// End-to-end for enforcement (docs/contract.md, "Enforcement"): the
// command started with a seed file that turns it on, the AWS CLI and boto3
// signing as a user whose policy lets it manage its own access keys only,
// as the IAM User Guide's example policy does; the denial's text is IAM's,
// and the control API's call log says what decided.

import (
	"path/filepath"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

// enforceE2E starts the command enforcing, with Bob (key
// AKIABOBEXAMPLE000001, secret bob-secret) allowed to manage his own access
// keys only, and Alice.
func enforceE2E(t *testing.T) *server {
	dir := writeFiles(t, map[string]string{"seed.json": `{"enforce": true,
  "users": [{"name": "Bob", "accessKeys": [{"id": "AKIABOBEXAMPLE000001", "secret": "bob-secret"}],
             "inlinePolicies": [{"name": "own-keys", "document": {"Version": "2012-10-17", "Statement": [{"Sid": "ManageOwnAccessKeys",
               "Effect": "Allow", "Action": ["iam:ListAccessKeys", "iam:CreateAccessKey", "iam:DeleteAccessKey"],
               "Resource": "arn:aws:iam::*:user/${aws:username}"}]}}]},
            {"name": "Alice"}]}`})
	return start(t, "-quiet", "-seed", filepath.Join(dir, "seed.json"))
}

func TestAWSCLIEnforcement(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	s := enforceE2E(t)
	bob := s.clientEnv(t, "AKIABOBEXAMPLE000001", "bob-secret")
	root := s.clientEnv(t, s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"])

	var keys struct {
		AccessKeyMetadata []struct{ UserName, AccessKeyId string }
	}
	cli(t, aws, bob, &keys, "list-access-keys")
	if len(keys.AccessKeyMetadata) != 1 || keys.AccessKeyMetadata[0].AccessKeyId != "AKIABOBEXAMPLE000001" {
		t.Errorf("list-access-keys as Bob: %+v, want his one key", keys)
	}
	cliRefuses(t, aws, bob, "An error occurred (AccessDenied) when calling the ListAccessKeys operation: User: arn:aws:iam::123456789012:user/Bob "+
		"is not authorized to perform: iam:ListAccessKeys on resource: user Alice because no identity-based policy allows the iam:ListAccessKeys action",
		"list-access-keys", "--user-name", "Alice")
	cliRefuses(t, aws, bob, "An error occurred (AccessDenied) when calling the ListUsers operation: User: arn:aws:iam::123456789012:user/Bob "+
		"is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::123456789012:user/ because no identity-based policy allows the iam:ListUsers action",
		"list-users")
	cli(t, aws, root, &struct{}{}, "list-users") // the root user is not limited

	got := s.calls(t, "ListAccessKeys")
	if len(got) != 2 {
		t.Fatalf("ListAccessKeys logged %d times, want 2", len(got))
	}
	want := []map[string]any{
		{"action": "iam:ListAccessKeys", "resource": "arn:aws:iam::123456789012:user/Bob", "decision": "allowed", "deniedBy": "",
			"statements": []any{map[string]any{"policy": "user_Bob_own-keys", "boundary": false, "session": false, "statement": float64(0), "sid": "ManageOwnAccessKeys"}}},
		{"action": "iam:ListAccessKeys", "resource": "arn:aws:iam::123456789012:user/Alice", "decision": "implicitDeny", "deniedBy": "identity-based policy"},
	}
	if diff := gocmp.Diff(want, []map[string]any{got[0].Authorization, got[1].Authorization}); diff != "" {
		t.Errorf("the call log's decisions (-want +got):\n%s", diff)
	}
}

// boto3EnforceScript: Bob rotates his own key, as the IAM User Guide's
// example policy lets him, and meets IAM's refusal for Alice's.
const boto3EnforceScript = `
iam = boto3.client("iam")
created = iam.create_access_key()["AccessKey"]
iam.delete_access_key(AccessKeyId=created["AccessKeyId"])
print(json.dumps({"own": created["UserName"], "alice": error(iam.create_access_key, UserName="Alice")}))
`

func TestBoto3Enforcement(t *testing.T) {
	t.Parallel()
	python := boto3Python(t)
	s := enforceE2E(t)
	var got map[string]any
	s.boto3RunEnv(t, []string{"AWS_ACCESS_KEY_ID=AKIABOBEXAMPLE000001", "AWS_SECRET_ACCESS_KEY=bob-secret"}, python, boto3EnforceScript, &got)
	want := map[string]any{"own": "Bob", "alice": map[string]any{"code": "AccessDenied", "status": float64(403),
		"message": "User: arn:aws:iam::123456789012:user/Bob is not authorized to perform: iam:CreateAccessKey on resource: user Alice " +
			"because no identity-based policy allows the iam:CreateAccessKey action"}}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("boto3 as Bob (-want +got):\n%s", diff)
	}
}
