package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

var seedSSHNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// sshTestKey is a public key of fakeiam's test data (made by ssh-keygen).
func sshTestKey(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "fakeiam", "testdata", "ssh", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A user's SSH public keys in the seed file: a body inline, a body from a
// file (bodyFile, the rules of certificates' bodyFile), or the builders'
// default; the account's quota setting.
func TestSeedSSHPublicKeys(t *testing.T) {
	keyA, keyBPEM := strings.TrimSpace(sshTestKey(t, "a.pub")), sshTestKey(t, "b.pem")
	dir := writeFiles(t, map[string]string{
		"seed.json": `{"sshPublicKeysPerUser": 6, "users": [{"name": "Bob", "sshPublicKeys": [
  {"id": "APKABOBSSHKEY0000001", "body": ` + quote(keyA) + `, "status": "Inactive", "uploadDate": "2020-02-03T04:05:06Z"},
  {"id": "APKABOBSSHKEY0000002", "bodyFile": "b.pem"}, {}, {}, {}, {}]}]}`,
		"b.pem": keyBPEM,
	})
	opts, err := loadSeed(filepath.Join(dir, "seed.json"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := fakeiam.New(append(opts, fakeiam.WithFixedTime(seedSSHNow))...)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	list, err := f.Client().ListSSHPublicKeys(ctx, &iam.ListSSHPublicKeysInput{UserName: aws.String("Bob")})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.SSHPublicKeys) != 6 {
		t.Fatalf("%d keys seeded, want 6 (sshPublicKeysPerUser lifts the quota of 5)", len(list.SSHPublicKeys))
	}
	var got []string
	for _, id := range []string{"APKABOBSSHKEY0000001", "APKABOBSSHKEY0000002"} {
		out, err := f.Client().GetSSHPublicKey(ctx, &iam.GetSSHPublicKeyInput{UserName: aws.String("Bob"), SSHPublicKeyId: aws.String(id), Encoding: types.EncodingTypeSsh})
		if err != nil {
			t.Fatal(err)
		}
		k := out.SSHPublicKey
		got = append(got, string(k.Status), k.UploadDate.Format("2006-01-02T15:04:05Z"), *k.Fingerprint)
	}
	want := []string{"Inactive", "2020-02-03T04:05:06Z", "9f:dc:f9:35:20:6e:d3:e3:5c:0f:6e:f2:e3:46:ad:5c",
		"Active", seedSSHNow.Format("2006-01-02T15:04:05Z"), "ee:fb:f4:1f:f0:be:8e:7c:2a:04:dc:06:7f:33:49:1d"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("seeded keys: status, upload date, fingerprint (-want +got):\n%s", diff)
	}
}

// Every problem of a seed's SSH public keys is named once, with its place.
func TestSeedSSHPublicKeyProblems(t *testing.T) {
	ed := strings.TrimSpace(sshTestKey(t, "ed.pub"))
	six := strings.Repeat(`{}, `, 5) + `{}`
	dir := writeFiles(t, map[string]string{"seed.json": `{"users": [
  {"name": "Bob", "sshPublicKeys": [{"status": "Expired"}, {"body": ` + quote(ed) + `}, {"bodyFile": "nope.pub"},
    {"body": "x", "bodyFile": "nope.pub"}, {"uploadDate": "today"}]},
  {"name": "Carol", "sshPublicKeys": [` + six + `]}],
 "root": {"sshPublicKeys": [{}]},
 "roles": [{"name": "deployer", "sshPublicKeys": [{}]}]}`})
	want := []string{
		"root.sshPublicKeys: SSH public keys belong to IAM users, not the root user",
		`users[0].sshPublicKeys[0].status: "Expired" is not Active or Inactive`,
		`users[0].sshPublicKeys[2].bodyFile: "nope.pub": no such file or directory`,
		"users[0].sshPublicKeys[3]: body and bodyFile: give one",
		`users[0].sshPublicKeys[3].bodyFile: "nope.pub": no such file or directory`,
		`users[0].sshPublicKeys[4].uploadDate: "today" is not an RFC 3339 time such as 2013-06-06T21:40:08Z`,
		`users[0]: user "Bob": SSH public key 2: body: UnrecognizedPublicKeyEncoding: The public key encoding format is unsupported or unrecognized. (IAM takes an RSA key of 2048 to 16384 bits, in OpenSSH form or PEM)`,
		`users[1]: user "Carol": 6 SSH public keys exceed the quota of 5 per user (SSHPublicKeysPerUser lifts it)`,
		"roles[0].sshPublicKeys: roles have no SSH public keys",
	}
	if diff := cmp.Diff(want, seedProblems(t, dir)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
