package fakeiam_test

// docs/contract.md, "SSH public keys": UploadSSHPublicKey, GetSSHPublicKey,
// ListSSHPublicKeys, UpdateSSHPublicKey and DeleteSSHPublicKey, each row
// through the differential harness (both doors and the SDK's decoding of
// IAM's XML). Their paging is in listOperations (list_behaviors_test.go).
// The keys are testdata/ssh's, made with OpenSSH's ssh-keygen, which also
// printed their fingerprints and PEM forms: the expected values here are
// OpenSSH's, not the fake's.

import (
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// sshTestKey is a file of testdata/ssh.
func sshTestKey(name string) string {
	b, err := os.ReadFile("testdata/ssh/" + name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

var (
	keyA       = strings.TrimSpace(sshTestKey("a.pub")) // "ssh-rsa AAAA... a@example", 2048 bits
	keyAPEM    = sshTestKey("a.pem")                    // the same key, PKIX PEM, as ssh-keygen -e -m PKCS8 writes it
	keyAPKCS1  = sshTestKey("a.rsa.pem")                // the same key, PKCS #1 PEM
	keyB       = strings.TrimSpace(sshTestKey("b.pub")) // 3072 bits
	keyBPEM    = sshTestKey("b.pem")
	keyShort   = strings.TrimSpace(sshTestKey("short.pub")) // 1024 bits
	keyEd25519 = strings.TrimSpace(sshTestKey("ed.pub"))
	keyECDSA   = strings.TrimSpace(sshTestKey("ec.pub"))
	keyECPEM   = sshTestKey("ec.pem")

	// The fingerprints `ssh-keygen -l -E md5` prints for a and b.
	fingerprintA = "9f:dc:f9:35:20:6e:d3:e3:5c:0f:6e:f2:e3:46:ad:5c"
	fingerprintB = "ee:fb:f4:1f:f0:be:8e:7c:2a:04:dc:06:7f:33:49:1d"

	// What IAM stores and answers for each: the OpenSSH form without its
	// comment, a PEM block without its final newline.
	keyABare  = strings.Join(strings.Fields(keyA)[:2], " ")
	keyBBare  = strings.Join(strings.Fields(keyB)[:2], " ")
	keyAPEMs  = strings.TrimSpace(keyAPEM)
	keyBPEMs  = strings.TrimSpace(keyBPEM)
	keyAPKCSs = strings.TrimSpace(keyAPKCS1)

	bobSSHKey   = fakeiam.SSHPublicKey{ID: "APKABOBSSHKEY0000001", Body: keyA, UploadDate: certDate}
	bobPEMKey   = fakeiam.SSHPublicKey{ID: "APKABOBSSHKEY0000002", Body: keyBPEM, Status: types.StatusTypeInactive, UploadDate: certDate.Add(time.Hour)}
	sshKeyIDBob = bobSSHKey.ID
)

// seedSSHKeys is seedUsers with Bob holding bobSSHKey and bobPEMKey.
func seedSSHKeys(more ...fakeiam.Option) []fakeiam.Option {
	return append([]fakeiam.Option{
		fakeiam.User("Bob").CreatedAt(bobCreated).AccessKey(bobKey).SSHPublicKey(bobSSHKey, bobPEMKey),
		fakeiam.User("Alice").Path("/eng/").CreatedAt(aliceCreated).Tag("team", "eng"),
		fakeiam.Root().AccessKey(rootKey),
		fakeiam.Role("Deployer").AccessKey(roleKey),
	}, more...)
}

func sshKeyOf(user, id, fingerprint, body string, status types.StatusType, uploaded time.Time) *types.SSHPublicKey {
	return &types.SSHPublicKey{UserName: aws.String(user), SSHPublicKeyId: aws.String(id), Fingerprint: aws.String(fingerprint),
		SSHPublicKeyBody: aws.String(body), Status: status, UploadDate: aws.Time(uploaded)}
}

func uploadedSSHKey(user, fingerprint, body string) *iam.UploadSSHPublicKeyOutput {
	return &iam.UploadSSHPublicKeyOutput{SSHPublicKey: sshKeyOf(user, "<new ssh key id>", fingerprint, body, types.StatusTypeActive, testNow)}
}

func gotSSHKey(user, id, fingerprint, body string, status types.StatusType, uploaded time.Time) *iam.GetSSHPublicKeyOutput {
	return &iam.GetSSHPublicKeyOutput{SSHPublicKey: sshKeyOf(user, id, fingerprint, body, status, uploaded)}
}

func sshKeyListed(user, id string, status types.StatusType, uploaded time.Time) types.SSHPublicKeyMetadata {
	return types.SSHPublicKeyMetadata{UserName: aws.String(user), SSHPublicKeyId: aws.String(id), Status: status, UploadDate: aws.Time(uploaded)}
}

func sshKeysPage(keys ...types.SSHPublicKeyMetadata) *iam.ListSSHPublicKeysOutput {
	if keys == nil {
		keys = []types.SSHPublicKeyMetadata{}
	}
	return &iam.ListSSHPublicKeysOutput{SSHPublicKeys: keys}
}

// sshWire is an OpenSSH-form body of the SSH strings parts (RFC 4251).
func sshWire(parts ...[]byte) string {
	var b []byte
	for _, p := range parts {
		b = binary.BigEndian.AppendUint32(b, uint32(len(p)))
		b = append(b, p...)
	}
	return "ssh-rsa " + base64.StdEncoding.EncodeToString(b)
}

// md5Fingerprint is the MD5 of an OpenSSH-form body's key, as ssh-keygen
// -l -E md5 prints it: for keys made here, which ssh-keygen never saw.
func md5Fingerprint(body string) string {
	blob, err := base64.StdEncoding.DecodeString(strings.Fields(body)[1])
	if err != nil {
		panic(err)
	}
	sum := md5.Sum(blob)
	hexed := make([]string, len(sum))
	for i, b := range sum {
		hexed[i] = fmt.Sprintf("%02x", b)
	}
	return strings.Join(hexed, ":")
}

// sshKeyNamed is a 2048-bit RSA key in OpenSSH form, its modulus derived
// from name: different names, different keys.
func sshKeyNamed(name string) string {
	var n []byte
	for i := byte(0); len(n) < 256; i++ {
		sum := md5.Sum(append([]byte(name), i))
		n = append(n, sum[:]...)
	}
	n[0] |= 0x80
	n[255] |= 1
	return sshWire([]byte("ssh-rsa"), []byte{1, 0, 1}, append([]byte{0}, n...))
}

// rsaModulus is a modulus of bits bits (top bit set, odd): what IAM sees of
// a key of that size.
func rsaModulus(bits int) []byte {
	n := make([]byte, (bits+7)/8)
	for i := range n {
		n[i] = byte(i*7 + 1)
	}
	n[0] = 1 << ((bits - 1) % 8)
	if bits%8 == 0 {
		n[0] = 0x80
	}
	n[len(n)-1] |= 1
	if n[0]&0x80 != 0 {
		n = append([]byte{0}, n...) // an mpint: a high bit set needs a zero byte before it
	}
	return n
}

// fiveSSHKeys are five keys on Carol: a's and four of sizes 2048 to 2051.
var fiveSSHKeys = fakeiam.User("Carol").SSHPublicKey(
	fakeiam.SSHPublicKey{Body: keyA},
	fakeiam.SSHPublicKey{Body: sshWire([]byte("ssh-rsa"), []byte{1, 0, 1}, rsaModulus(2049))},
	fakeiam.SSHPublicKey{Body: sshWire([]byte("ssh-rsa"), []byte{1, 0, 1}, rsaModulus(2050))},
	fakeiam.SSHPublicKey{Body: sshWire([]byte("ssh-rsa"), []byte{1, 0, 1}, rsaModulus(2051))},
	fakeiam.SSHPublicKey{Body: sshWire([]byte("ssh-rsa"), []byte{1, 0, 1}, rsaModulus(2052))},
)

func TestUploadSSHPublicKeySpec(t *testing.T) {
	e := []byte{1, 0, 1}
	edBlob, _ := base64.StdEncoding.DecodeString(strings.Fields(keyEd25519)[1])
	aBlob, _ := base64.StdEncoding.DecodeString(strings.Fields(keyA)[1])
	big := sshWire([]byte("ssh-rsa"), e, rsaModulus(16384))
	runScenarios(t, seedSSHKeys(fiveSSHKeys), []scenario{
		{name: "OpenSSH form: stored without its comment, Active, its MD5 fingerprint", call: uploadSSHKey("Alice", keyA+"\n"), want: uploadedSSHKey("Alice", fingerprintA, keyABare)},
		{name: "PEM (PKIX): the same fingerprint as the key's OpenSSH form; stored without the final newline", call: uploadSSHKey("Alice", keyAPEM),
			want: uploadedSSHKey("Alice", fingerprintA, keyAPEMs)},
		{name: "PEM (PKCS #1)", call: uploadSSHKey("Alice", keyAPKCS1), want: uploadedSSHKey("Alice", fingerprintA, keyAPKCSs)},
		{name: "3072 bits", call: uploadSSHKey("Alice", keyB), want: uploadedSSHKey("Alice", fingerprintB, keyBBare)},
		{name: "whitespace around and inside", call: uploadSSHKey("Alice", " \t"+strings.Replace(keyA, " ", "\t ", 1)+" \r\n"), want: uploadedSSHKey("Alice", fingerprintA, keyABare)},
		{name: "16384 bits", call: uploadSSHKey("Alice", big), want: uploadedSSHKey("Alice", md5Fingerprint(big), big)},
		{name: "the same key on another user", call: uploadSSHKey("Alice", keyBPEM), want: uploadedSSHKey("Alice", fingerprintB, keyBPEMs)},
		{name: "as the user itself", as: asKey(bobKey.ID), call: uploadSSHKey("Bob", big), want: uploadedSSHKey("Bob", md5Fingerprint(big), big)},
		{name: "as a role", as: asKey(roleKey.ID), call: uploadSSHKey("Bob", big), want: uploadedSSHKey("Bob", md5Fingerprint(big), big)},
		{name: "then listed, after the seeded ones", steps: []change{do(uploadSSHKey("Bob", big))},
			call: listSSHKeys(bob, nil, nil), want: sshKeysPage(
				sshKeyListed("Bob", bobSSHKey.ID, types.StatusTypeActive, certDate),
				sshKeyListed("Bob", bobPEMKey.ID, types.StatusTypeInactive, certDate.Add(time.Hour)),
				sshKeyListed("Bob", "<new ssh key id>", types.StatusTypeActive, testNow))},

		// Refusals, in IAM's order: validation, the user, the key, the
		// quota, the same key.
		{name: "Ed25519", call: uploadSSHKey("Alice", keyEd25519), wantErr: unrecognizedPublicKey},
		{name: "ECDSA", call: uploadSSHKey("Alice", keyECDSA), wantErr: unrecognizedPublicKey},
		{name: "ECDSA as PEM", call: uploadSSHKey("Alice", keyECPEM), wantErr: unrecognizedPublicKey},
		{name: "a certificate", call: uploadSSHKey("Alice", fakeiam.CertificatePEM("not a key")), wantErr: unrecognizedPublicKey},
		{name: "text in neither form", call: uploadSSHKey("Alice", "hello"), wantErr: unrecognizedPublicKey},
		{name: "an authorized_keys line with options", call: uploadSSHKey("Alice", `from="10.0.0.1" `+keyA), wantErr: unrecognizedPublicKey},
		{name: "ssh-rsa alone", call: uploadSSHKey("Alice", "ssh-rsa"), wantErr: invalidPublicKey},
		{name: "not base64", call: uploadSSHKey("Alice", "ssh-rsa not-base64!"), wantErr: invalidPublicKey},
		{name: "cut short", call: uploadSSHKey("Alice", keyA[:200]), wantErr: invalidPublicKey},
		{name: "an Ed25519 key called ssh-rsa", call: uploadSSHKey("Alice", "ssh-rsa "+strings.Fields(keyEd25519)[1]), wantErr: invalidPublicKey},
		{name: "bytes after the key", call: uploadSSHKey("Alice", "ssh-rsa "+base64.StdEncoding.EncodeToString(append(aBlob, 0))), wantErr: invalidPublicKey},
		{name: "the Ed25519 wire form", call: uploadSSHKey("Alice", "ssh-rsa "+base64.StdEncoding.EncodeToString(edBlob)), wantErr: invalidPublicKey},
		{name: "1024 bits: under IAM's minimum", call: uploadSSHKey("Alice", keyShort), wantErr: invalidPublicKey},
		{name: "2047 bits", call: uploadSSHKey("Alice", sshWire([]byte("ssh-rsa"), e, rsaModulus(2047))), wantErr: invalidPublicKey},
		{name: "16385 bits", call: uploadSSHKey("Alice", sshWire([]byte("ssh-rsa"), e, rsaModulus(16385))), wantErr: invalidPublicKey},
		{name: "an even exponent", call: uploadSSHKey("Alice", sshWire([]byte("ssh-rsa"), []byte{1, 0, 0}, rsaModulus(2048))), wantErr: invalidPublicKey},
		{name: "a negative modulus", call: uploadSSHKey("Alice", sshWire([]byte("ssh-rsa"), e, rsaModulus(2048)[1:])), wantErr: invalidPublicKey},
		{name: "a needless zero byte", call: uploadSSHKey("Alice", sshWire([]byte("ssh-rsa"), e, append([]byte{0}, rsaModulus(2047)...))), wantErr: invalidPublicKey},
		{name: "PEM that does not decode", call: uploadSSHKey("Alice", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"), wantErr: invalidPublicKey},
		{name: "PEM without its end", call: uploadSSHKey("Alice", keyAPEM[:100]), wantErr: invalidPublicKey},
		{name: "quota: a sixth key", call: uploadSSHKey("Carol", keyB), wantErr: sshKeyQuota},
		{name: "the quota before the same key", call: uploadSSHKey("Carol", keyA), wantErr: sshKeyQuota},
		{name: "the same key again", call: uploadSSHKey("Bob", keyA), wantErr: duplicateSSHKey},
		{name: "the same key in another form", call: uploadSSHKey("Bob", keyAPEM), wantErr: duplicateSSHKey},
		{name: "the same key, another comment", call: uploadSSHKey("Bob", keyABare+" other"), wantErr: duplicateSSHKey},
		{name: "the key before the quota", call: uploadSSHKey("Carol", "hello"), wantErr: unrecognizedPublicKey},
		{name: "no such user", call: uploadSSHKey("Nobody", keyA), wantErr: noSuchUser("Nobody")},
		{name: "the user before the key", call: uploadSSHKey("Nobody", "hello"), wantErr: noSuchUser("Nobody")},
		{name: "an empty body", call: uploadSSHKey("Nobody", ""), wantErr: failedConstraints("sSHPublicKeyBody", minLength(1))},
		{name: "a body off the pattern", call: uploadSSHKey("Bob", "ssh-rsa \x01"), wantErr: failedConstraints("sSHPublicKeyBody", pattern(bodyPattern))},
		{name: "a body of 16385", call: uploadSSHKey("Bob", strings.Repeat("a", 16385)), wantErr: failedConstraints("sSHPublicKeyBody", maxLength(16384))},
		{name: "userName off the pattern", call: uploadSSHKey("Bob!", keyA), wantErr: invalidName("userName")},
	})
}

func TestGetSSHPublicKeySpec(t *testing.T) {
	pkcs1 := fakeiam.User("Carol").SSHPublicKey(fakeiam.SSHPublicKey{ID: "APKACAROLSSHKEY00001", Body: keyAPKCS1, UploadDate: certDate})
	runScenarios(t, seedSSHKeys(pkcs1), []scenario{
		{name: "SSH, of a key uploaded so: as stored, no comment", call: getSSHKey("Bob", bobSSHKey.ID, types.EncodingTypeSsh),
			want: gotSSHKey("Bob", bobSSHKey.ID, fingerprintA, keyABare, types.StatusTypeActive, certDate)},
		{name: "PEM, of a key uploaded in OpenSSH form: PKIX, as ssh-keygen writes it, no final newline", call: getSSHKey("Bob", bobSSHKey.ID, types.EncodingTypePem),
			want: gotSSHKey("Bob", bobSSHKey.ID, fingerprintA, keyAPEMs, types.StatusTypeActive, certDate)},
		{name: "PEM, of a key uploaded so: as stored", call: getSSHKey("Bob", bobPEMKey.ID, types.EncodingTypePem),
			want: gotSSHKey("Bob", bobPEMKey.ID, fingerprintB, keyBPEMs, types.StatusTypeInactive, certDate.Add(time.Hour))},
		{name: "SSH, of a key uploaded as PEM: ssh-rsa and the key, no comment", call: getSSHKey("Bob", bobPEMKey.ID, types.EncodingTypeSsh),
			want: gotSSHKey("Bob", bobPEMKey.ID, fingerprintB, strings.Join(strings.Fields(keyB)[:2], " "), types.StatusTypeInactive, certDate.Add(time.Hour))},
		{name: "SSH, of a PKCS #1 key", call: getSSHKey("Carol", "APKACAROLSSHKEY00001", types.EncodingTypeSsh),
			want: gotSSHKey("Carol", "APKACAROLSSHKEY00001", fingerprintA, keyABare, types.StatusTypeActive, certDate)},
		{name: "PEM, of a PKCS #1 key: as stored", call: getSSHKey("Carol", "APKACAROLSSHKEY00001", types.EncodingTypePem),
			want: gotSSHKey("Carol", "APKACAROLSSHKEY00001", fingerprintA, keyAPKCSs, types.StatusTypeActive, certDate)},
		{name: "the user named in another case", call: getSSHKey("bOB", bobSSHKey.ID, types.EncodingTypeSsh),
			want: gotSSHKey("Bob", bobSSHKey.ID, fingerprintA, keyABare, types.StatusTypeActive, certDate)},
		{name: "after an update", steps: []change{do(updateSSHKey("Bob", bobSSHKey.ID, types.StatusTypeInactive))}, call: getSSHKey("Bob", bobSSHKey.ID, types.EncodingTypeSsh),
			want: gotSSHKey("Bob", bobSSHKey.ID, fingerprintA, keyABare, types.StatusTypeInactive, certDate)},
		{name: "an upload, read back", steps: []change{do(uploadSSHKey("Alice", keyAPEM))}, call: listSSHKeys(alice, nil, nil),
			want: sshKeysPage(sshKeyListed("Alice", "<new ssh key id>", types.StatusTypeActive, testNow))},
		{name: "as the user itself", as: asKey(bobKey.ID), call: getSSHKey("Bob", bobSSHKey.ID, types.EncodingTypeSsh),
			want: gotSSHKey("Bob", bobSSHKey.ID, fingerprintA, keyABare, types.StatusTypeActive, certDate)},
		{name: "no such key", call: getSSHKey("Bob", "APKAXXXXXXXXXXXXXXXXX", types.EncodingTypeSsh), wantErr: noSuchSSHKey("APKAXXXXXXXXXXXXXXXXX")},
		{name: "another user's key", call: getSSHKey("Alice", bobSSHKey.ID, types.EncodingTypeSsh), wantErr: noSuchSSHKey(bobSSHKey.ID)},
		{name: "a key deleted", steps: []change{do(deleteSSHKey("Bob", bobSSHKey.ID))}, call: getSSHKey("Bob", bobSSHKey.ID, types.EncodingTypePem), wantErr: noSuchSSHKey(bobSSHKey.ID)},
		{name: "no such user", call: getSSHKey("Nobody", bobSSHKey.ID, types.EncodingTypeSsh), wantErr: noSuchUser("Nobody")},
		{name: "an encoding IAM does not know", call: getSSHKey("Nobody", bobSSHKey.ID, "DER"),
			wantErr: failedConstraints("encoding", enumValueSet)},
		{name: "an id of 19", call: getSSHKey("Bob", "APKA123456789012345", types.EncodingTypeSsh), wantErr: failedConstraints("sSHPublicKeyId", minLength(20))},
		{name: "an id off the pattern", call: getSSHKey("Bob", "APKA-123456789012345", types.EncodingTypeSsh), wantErr: failedConstraints("sSHPublicKeyId", pattern(wordPattern))},
	})
}

func TestListSSHPublicKeysSpec(t *testing.T) {
	runScenarios(t, seedSSHKeys(), []scenario{
		{name: "upload order, no bodies", call: listSSHKeys(bob, nil, nil), want: sshKeysPage(
			sshKeyListed("Bob", bobSSHKey.ID, types.StatusTypeActive, certDate),
			sshKeyListed("Bob", bobPEMKey.ID, types.StatusTypeInactive, certDate.Add(time.Hour)))},
		{name: "none: an empty list", call: listSSHKeys(alice, nil, nil), want: sshKeysPage()},
		{name: "the caller's own, without UserName", as: asKey(bobKey.ID), call: listSSHKeys(nil, nil, nil), want: sshKeysPage(
			sshKeyListed("Bob", bobSSHKey.ID, types.StatusTypeActive, certDate),
			sshKeyListed("Bob", bobPEMKey.ID, types.StatusTypeInactive, certDate.Add(time.Hour)))},
		{name: "the root's own: none", call: listSSHKeys(nil, nil, nil), want: sshKeysPage()},
		{name: "a role must name the user", as: asKey(roleKey.ID), call: listSSHKeys(nil, nil, nil), wantErr: mustSpecifyUserName},
		{name: "a page", call: listSSHKeys(bob, nil, aws.Int32(1)), want: &iam.ListSSHPublicKeysOutput{
			SSHPublicKeys: []types.SSHPublicKeyMetadata{sshKeyListed("Bob", bobSSHKey.ID, types.StatusTypeActive, certDate)}, IsTruncated: true, Marker: aws.String("<marker>")}},
		{name: "the next page", call: listThen((*iam.Client).ListSSHPublicKeys, iam.ListSSHPublicKeysInput{UserName: bob, MaxItems: aws.Int32(1)}, nil, nil,
			iam.ListSSHPublicKeysInput{UserName: bob}), want: sshKeysPage(sshKeyListed("Bob", bobPEMKey.ID, types.StatusTypeInactive, certDate.Add(time.Hour)))},
		{name: "after a delete", steps: []change{do(deleteSSHKey("Bob", bobSSHKey.ID))}, call: listSSHKeys(bob, nil, nil),
			want: sshKeysPage(sshKeyListed("Bob", bobPEMKey.ID, types.StatusTypeInactive, certDate.Add(time.Hour)))},
		{name: "after a rename, under the new name", steps: []change{do(updateUser(&iam.UpdateUserInput{UserName: bob, NewUserName: aws.String("Robert")}))},
			call: listSSHKeys(aws.String("Robert"), nil, nil), want: sshKeysPage(
				sshKeyListed("Robert", bobSSHKey.ID, types.StatusTypeActive, certDate),
				sshKeyListed("Robert", bobPEMKey.ID, types.StatusTypeInactive, certDate.Add(time.Hour)))},
		{name: "no such user", call: listSSHKeys(aws.String("Nobody"), nil, nil), wantErr: noSuchUser("Nobody")},
		{name: "MaxItems 0", call: listSSHKeys(aws.String("Nobody"), nil, aws.Int32(0)), wantErr: failedConstraints("maxItems", minValue(1))},
	})
}

func TestUpdateSSHPublicKeySpec(t *testing.T) {
	runScenarios(t, seedSSHKeys(), []scenario{
		{name: "an empty result", call: updateSSHKey("Bob", bobSSHKey.ID, types.StatusTypeInactive), want: &iam.UpdateSSHPublicKeyOutput{}},
		{name: "then listed Inactive", steps: []change{do(updateSSHKey("Bob", bobSSHKey.ID, types.StatusTypeInactive))}, call: listSSHKeys(bob, nil, nil), want: sshKeysPage(
			sshKeyListed("Bob", bobSSHKey.ID, types.StatusTypeInactive, certDate),
			sshKeyListed("Bob", bobPEMKey.ID, types.StatusTypeInactive, certDate.Add(time.Hour)))},
		{name: "Active again", steps: []change{do(updateSSHKey("Bob", bobPEMKey.ID, types.StatusTypeActive))}, call: getSSHKey("Bob", bobPEMKey.ID, types.EncodingTypePem),
			want: gotSSHKey("Bob", bobPEMKey.ID, fingerprintB, keyBPEMs, types.StatusTypeActive, certDate.Add(time.Hour))},
		{name: "the status it has: no error", call: updateSSHKey("Bob", bobSSHKey.ID, types.StatusTypeActive), want: &iam.UpdateSSHPublicKeyOutput{}},
		{name: "as the user itself", as: asKey(bobKey.ID), call: updateSSHKey("Bob", bobSSHKey.ID, types.StatusTypeInactive), want: &iam.UpdateSSHPublicKeyOutput{}},
		{name: "Expired", call: updateSSHKey("Bob", bobSSHKey.ID, types.StatusTypeExpired), wantErr: statusExpiredRefused("SSH public keys")},
		{name: "Expired before the key", call: updateSSHKey("Bob", "APKAXXXXXXXXXXXXXXXXX", types.StatusTypeExpired), wantErr: statusExpiredRefused("SSH public keys")},
		{name: "no such key", call: updateSSHKey("Bob", "APKAXXXXXXXXXXXXXXXXX", types.StatusTypeInactive), wantErr: noSuchSSHKey("APKAXXXXXXXXXXXXXXXXX")},
		{name: "another user's key", call: updateSSHKey("Alice", bobSSHKey.ID, types.StatusTypeInactive), wantErr: noSuchSSHKey(bobSSHKey.ID)},
		{name: "no such user, before Expired", call: updateSSHKey("Nobody", bobSSHKey.ID, types.StatusTypeExpired), wantErr: noSuchUser("Nobody")},
		{name: "a status IAM does not know", call: updateSSHKey("Nobody", bobSSHKey.ID, "Revoked"),
			wantErr: failedConstraints("status", enumValueSet)},
	})
}

func TestDeleteSSHPublicKeySpec(t *testing.T) {
	runScenarios(t, seedSSHKeys(), []scenario{
		{name: "an empty result", call: deleteSSHKey("Bob", bobSSHKey.ID), want: &iam.DeleteSSHPublicKeyOutput{}},
		{name: "both gone: an empty list", steps: []change{do(deleteSSHKey("Bob", bobSSHKey.ID)), do(deleteSSHKey("Bob", bobPEMKey.ID))}, call: listSSHKeys(bob, nil, nil),
			want: sshKeysPage()},
		{name: "the key can be uploaded again", steps: []change{do(deleteSSHKey("Bob", bobSSHKey.ID))}, call: uploadSSHKey("Bob", keyA),
			want: uploadedSSHKey("Bob", fingerprintA, keyABare)},
		{name: "twice", steps: []change{do(deleteSSHKey("Bob", bobSSHKey.ID))}, call: deleteSSHKey("Bob", bobSSHKey.ID), wantErr: noSuchSSHKey(bobSSHKey.ID)},
		{name: "another user's key", call: deleteSSHKey("Alice", bobSSHKey.ID), wantErr: noSuchSSHKey(bobSSHKey.ID)},
		{name: "no such user", call: deleteSSHKey("Nobody", bobSSHKey.ID), wantErr: noSuchUser("Nobody")},
		{name: "an id of 129", call: deleteSSHKey("Bob", strings.Repeat("A", 129)), wantErr: failedConstraints("sSHPublicKeyId", maxLength(128))},
	})
}

// TestDeleteUserWithSSHKeys: DeleteUser refuses a user holding SSH public
// keys with IAM's text, after its checks for the login profile, access keys
// and signing certificates (the order of DeleteUser's documented list).
func TestDeleteUserWithSSHKeys(t *testing.T) {
	withAll := fakeiam.User("Carol").AccessKey(fakeiam.AccessKey{}).SigningCertificate(fakeiam.SigningCertificate{}).SSHPublicKey(fakeiam.SSHPublicKey{})
	withCert := fakeiam.User("Dan").SigningCertificate(fakeiam.SigningCertificate{}).SSHPublicKey(fakeiam.SSHPublicKey{})
	withLogin := fakeiam.User("Erin").LoginProfile(fakeiam.LoginProfile{Password: "Erin-password-1"}).SSHPublicKey(fakeiam.SSHPublicKey{})
	inGroup := fakeiam.User("Fay").SSHPublicKey(fakeiam.SSHPublicKey{ID: "APKAFAYSSHKEY0000001"})
	runScenarios(t, seedSSHKeys(withAll, withCert, withLogin, inGroup, fakeiam.Group("staff").Members("Fay")), []scenario{
		{name: "SSH keys before groups", call: deleteUser("Fay"), wantErr: deleteConflictSSHKeys},
		{name: "groups after SSH keys", call: deleteUser("Fay"), steps: []change{do(deleteSSHKey("Fay", "APKAFAYSSHKEY0000001"))}, wantErr: mustRemoveUsers},
		{name: "the login profile before SSH keys", call: deleteUser("Erin"), wantErr: deleteConflict("login profile")},
		{name: "SSH public keys", call: deleteUser("Bob"), steps: []change{do(deleteAccessKeyOf("Bob", bobKey.ID))}, wantErr: deleteConflictSSHKeys},
		{name: "access keys first", call: deleteUser("Carol"), wantErr: deleteConflict("access keys")},
		{name: "certificates before SSH keys", call: deleteUser("Dan"), wantErr: deleteConflict("certificates")},
		{name: "gone once its keys are", steps: []change{do(deleteAccessKeyOf("Bob", bobKey.ID)), do(deleteSSHKey("Bob", bobSSHKey.ID)), do(deleteSSHKey("Bob", bobPEMKey.ID))},
			call: deleteUser("Bob"), want: &iam.DeleteUserOutput{}},
		{name: "created again, it has none", steps: []change{do(deleteAccessKeyOf("Bob", bobKey.ID)), do(deleteSSHKey("Bob", bobSSHKey.ID)), do(deleteSSHKey("Bob", bobPEMKey.ID)),
			do(deleteUser("Bob")), do(createUser(&iam.CreateUserInput{UserName: bob}))}, call: listSSHKeys(bob, nil, nil), want: sshKeysPage()},
	})
}

func deleteAccessKeyOf(user, id string) call {
	return callOf((*iam.Client).DeleteAccessKey, &iam.DeleteAccessKeyInput{UserName: aws.String(user), AccessKeyId: aws.String(id)})
}

// TestSeededSSHKeys: a seeded key's zero fields get defaults IAM would
// give, and what it gives reads back.
func TestSeededSSHKeys(t *testing.T) {
	f := newFake(fakeiam.User("Bob").SSHPublicKey(fakeiam.SSHPublicKey{}, fakeiam.SSHPublicKey{Body: keyAPEM, Status: types.StatusTypeInactive, UploadDate: certDate}))
	ctx := context.Background()
	c := f.Client()
	list, err := c.ListSSHPublicKeys(ctx, &iam.ListSSHPublicKeysInput{UserName: bob})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.SSHPublicKeys) != 2 {
		t.Fatalf("%d keys listed, want 2", len(list.SSHPublicKeys))
	}
	def, err := c.GetSSHPublicKey(ctx, &iam.GetSSHPublicKeyInput{UserName: bob, SSHPublicKeyId: list.SSHPublicKeys[0].SSHPublicKeyId, Encoding: types.EncodingTypeSsh})
	if err != nil {
		t.Fatal(err)
	}
	k := def.SSHPublicKey
	if !strings.HasPrefix(*k.SSHPublicKeyId, "APKA") || len(*k.SSHPublicKeyId) != 20 {
		t.Errorf("default id %q, want APKA and 16 characters", *k.SSHPublicKeyId)
	}
	if diff := cmp.Diff(md5Fingerprint(*k.SSHPublicKeyBody), *k.Fingerprint); diff != "" {
		t.Errorf("default key's fingerprint (-want +got):\n%s", diff)
	}
	got := []any{k.Status, *k.UploadDate, list.SSHPublicKeys[1].Status, *list.SSHPublicKeys[1].UploadDate}
	if diff := cmp.Diff([]any{types.StatusTypeActive, testNow, types.StatusTypeInactive, certDate}, got); diff != "" {
		t.Errorf("statuses and dates (-want +got):\n%s", diff)
	}
	// The default body is a key IAM takes: uploading it to another user works.
	if _, err := newFake(fakeiam.User("Alice")).Client().UploadSSHPublicKey(ctx, &iam.UploadSSHPublicKeyInput{UserName: alice, SSHPublicKeyBody: k.SSHPublicKeyBody}); err != nil {
		t.Errorf("the default body uploaded: %v", err)
	}
	// Different users and seeds get different keys; the same, the same.
	bodyOf := func(f *fakeiam.Fake, user string) string {
		l, err := f.Client().ListSSHPublicKeys(ctx, &iam.ListSSHPublicKeysInput{UserName: aws.String(user)})
		if err != nil || len(l.SSHPublicKeys) == 0 {
			t.Fatalf("listing %s's keys: %v", user, err)
		}
		g, err := f.Client().GetSSHPublicKey(ctx, &iam.GetSSHPublicKeyInput{UserName: aws.String(user), SSHPublicKeyId: l.SSHPublicKeys[0].SSHPublicKeyId, Encoding: types.EncodingTypeSsh})
		if err != nil {
			t.Fatal(err)
		}
		return *g.SSHPublicKey.SSHPublicKeyBody
	}
	two := newFake(fakeiam.User("Bob").SSHPublicKey(fakeiam.SSHPublicKey{}), fakeiam.User("Carol").SSHPublicKey(fakeiam.SSHPublicKey{}))
	other := newFake(fakeiam.WithSeed(7), fakeiam.User("Bob").SSHPublicKey(fakeiam.SSHPublicKey{}))
	bodies := map[string]bool{*k.SSHPublicKeyBody: true, bodyOf(two, "Carol"): true, bodyOf(other, "Bob"): true}
	if len(bodies) != 3 || bodyOf(two, "Bob") != *k.SSHPublicKeyBody {
		t.Errorf("default bodies: want one per user and seed, the same for the same: %d distinct, same again %v", len(bodies), bodyOf(two, "Bob") == *k.SSHPublicKeyBody)
	}
}

// TestSeededSSHKeyRules: seeding refuses what IAM refuses, naming the user,
// the key and the problem.
func TestSeededSSHKeyRules(t *testing.T) {
	six := fakeiam.User("Bob")
	for range 6 {
		six = six.SSHPublicKey(fakeiam.SSHPublicKey{})
	}
	for _, tc := range []struct {
		name string
		seed []fakeiam.Option
		want string
	}{
		{"six keys", []fakeiam.Option{six}, `user "Bob": 6 SSH public keys exceed the quota of 5 per user (SSHPublicKeysPerUser lifts it)`},
		{"an Ed25519 key", []fakeiam.Option{fakeiam.User("Bob").SSHPublicKey(fakeiam.SSHPublicKey{Body: keyEd25519})},
			`user "Bob": SSH public key 1: body: UnrecognizedPublicKeyEncoding: The public key encoding format is unsupported or unrecognized.`},
		{"a short key", []fakeiam.Option{fakeiam.User("Bob").SSHPublicKey(fakeiam.SSHPublicKey{}, fakeiam.SSHPublicKey{ID: "APKASHORT00000000001", Body: keyShort})},
			`user "Bob": SSH public key 2 ("APKASHORT00000000001"): body: InvalidPublicKey: The public key is malformed or otherwise invalid. (IAM takes an RSA key of 2048 to 16384 bits, in OpenSSH form or PEM)`},
		{"the same key twice", []fakeiam.Option{fakeiam.User("Bob").SSHPublicKey(fakeiam.SSHPublicKey{ID: "APKAFIRST00000000001", Body: keyA}, fakeiam.SSHPublicKey{Body: keyAPEM})},
			`user "Bob": SSH public key 2: the same key as APKAFIRST00000000001 (IAM refuses a key the user already has)`},
		{"a body off the model", []fakeiam.Option{fakeiam.User("Bob").SSHPublicKey(fakeiam.SSHPublicKey{Body: "ssh-rsa \x01"})},
			`user "Bob": SSH public key 1: body: IAM stores bodies of 1 to 16384 characters`},
		{"an id too short", []fakeiam.Option{fakeiam.User("Bob").SSHPublicKey(fakeiam.SSHPublicKey{ID: "APKA1"})},
			`user "Bob": SSH public key 1 ("APKA1"): id: IAM SSH public key ids are 20 to 128 letters, digits or _`},
		{"an id seeded twice", []fakeiam.Option{fakeiam.User("Bob").SSHPublicKey(fakeiam.SSHPublicKey{ID: "APKATWICE00000000001"}), fakeiam.User("Carol").SSHPublicKey(fakeiam.SSHPublicKey{ID: "APKATWICE00000000001"})},
			`SSH public key "APKATWICE00000000001" seeded twice`},
		{"status Expired", []fakeiam.Option{fakeiam.User("Bob").SSHPublicKey(fakeiam.SSHPublicKey{Status: types.StatusTypeExpired})},
			`user "Bob": SSH public key 1: status "Expired": SSH public keys are Active or Inactive`},
		{"on the root", []fakeiam.Option{fakeiam.Root().SSHPublicKey(fakeiam.SSHPublicKey{})}, `root: SSH public keys belong to IAM users`},
		{"on a role", []fakeiam.Option{fakeiam.Role("Deployer").SSHPublicKey(fakeiam.SSHPublicKey{})}, `role "Deployer": SSH public keys belong to IAM users`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newFakeE(tc.seed...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("New: %v, want an error saying %q", err, tc.want)
			}
		})
	}
}

// TestSSHKeysFaultsCallsAndSweep: the SSH key operations are in the
// operation table, so fault rules target them, the call log names them and
// Sweep fails each in turn.
func TestSSHKeysFaultsCallsAndSweep(t *testing.T) {
	ctx := context.Background()
	f := newFake(seedSSHKeys()...)
	f.Inject(fakeiam.Rule{Operation: fakeiam.UploadSSHPublicKey, Then: fakeiam.Fail(&fakeiam.Error{Code: "ConcurrentModification", Status: 409, Message: "busy"})})
	c := f.Client()
	_, err := c.UploadSSHPublicKey(ctx, &iam.UploadSSHPublicKeyInput{UserName: alice, SSHPublicKeyBody: aws.String(keyA)})
	var cm *types.ConcurrentModificationException
	if !errors.As(err, &cm) {
		t.Errorf("UploadSSHPublicKey under a rule: %v, want ConcurrentModificationException", err)
	}
	if _, err := c.GetSSHPublicKey(ctx, &iam.GetSSHPublicKeyInput{UserName: bob, SSHPublicKeyId: aws.String(sshKeyIDBob), Encoding: types.EncodingTypePem}); err != nil {
		t.Fatal(err)
	}
	calls := logged(t, f, fakeiam.UploadSSHPublicKey, fakeiam.GetSSHPublicKey)
	if len(calls) != 2 {
		t.Fatalf("%d calls logged, want 2", len(calls))
	}
	out, ok := calls[1].Output.(*iam.GetSSHPublicKeyOutput)
	if !ok {
		t.Fatalf("GetSSHPublicKey logged output %T", calls[1].Output)
	}
	if diff := cmp.Diff(sshKeyOf("Bob", sshKeyIDBob, fingerprintA, keyAPEMs, types.StatusTypeActive, certDate), out.SSHPublicKey, cmpOutputs); diff != "" {
		t.Errorf("logged GetSSHPublicKey output (-want +got):\n%s", diff)
	}

	var failed []fakeiam.Operation
	fakeiam.Sweep(t, fakeiam.ServiceFailure(), func(t *testing.T, f *fakeiam.Fake, failing *fakeiam.SweepCall) {
		c := f.Client()
		up, err1 := c.UploadSSHPublicKey(ctx, &iam.UploadSSHPublicKeyInput{UserName: bob, SSHPublicKeyBody: aws.String(keyA)})
		id := aws.String("APKAXXXXXXXXXXXXXXXXX")
		if err1 == nil {
			id = up.SSHPublicKey.SSHPublicKeyId
		}
		_, err2 := c.GetSSHPublicKey(ctx, &iam.GetSSHPublicKeyInput{UserName: bob, SSHPublicKeyId: id, Encoding: types.EncodingTypeSsh})
		_, err3 := c.ListSSHPublicKeys(ctx, &iam.ListSSHPublicKeysInput{UserName: bob})
		_, err4 := c.UpdateSSHPublicKey(ctx, &iam.UpdateSSHPublicKeyInput{UserName: bob, SSHPublicKeyId: id, Status: types.StatusTypeInactive})
		_, err5 := c.DeleteSSHPublicKey(ctx, &iam.DeleteSSHPublicKeyInput{UserName: bob, SSHPublicKeyId: id})
		if failing == nil {
			if err := errors.Join(err1, err2, err3, err4, err5); err != nil {
				t.Errorf("clean run: %v", err)
			}
			return
		}
		failed = append(failed, failing.Operation)
		if err := []error{err1, err2, err3, err4, err5}[failing.N-1]; err == nil {
			t.Errorf("%v: no error", failing)
		}
	}, fakeiam.User("Bob"))
	want := []fakeiam.Operation{fakeiam.UploadSSHPublicKey, fakeiam.GetSSHPublicKey, fakeiam.ListSSHPublicKeys, fakeiam.UpdateSSHPublicKey, fakeiam.DeleteSSHPublicKey}
	if diff := cmp.Diff(want, failed); diff != "" {
		t.Errorf("calls swept (-want +got):\n%s", diff)
	}
}

// TestResetSSHKeys: Reset brings back the seeded keys and forgets the
// uploaded ones; the same upload then gets the same id again.
func TestResetSSHKeys(t *testing.T) {
	f := newFake(seedSSHKeys()...)
	ctx := context.Background()
	c := f.Client()
	up := func() string {
		out, err := c.UploadSSHPublicKey(ctx, &iam.UploadSSHPublicKeyInput{UserName: alice, SSHPublicKeyBody: aws.String(keyA)})
		if err != nil {
			t.Fatal(err)
		}
		return *out.SSHPublicKey.SSHPublicKeyId
	}
	first := up()
	if _, err := c.DeleteSSHPublicKey(ctx, &iam.DeleteSSHPublicKeyInput{UserName: bob, SSHPublicKeyId: aws.String(bobSSHKey.ID)}); err != nil {
		t.Fatal(err)
	}
	f.Reset()
	ids := func(user *string) []string {
		out, err := c.ListSSHPublicKeys(ctx, &iam.ListSSHPublicKeysInput{UserName: user})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, k := range out.SSHPublicKeys {
			ids = append(ids, *k.SSHPublicKeyId)
		}
		return ids
	}
	if diff := cmp.Diff([]string{bobSSHKey.ID, bobPEMKey.ID}, ids(bob)); diff != "" {
		t.Errorf("Bob's keys after Reset (-want +got):\n%s", diff)
	}
	if got := ids(alice); len(got) != 0 {
		t.Errorf("Alice's keys after Reset: %v, want none", got)
	}
	if again := up(); again != first {
		t.Errorf("the same upload after Reset got id %s, want %s again", again, first)
	}
}
