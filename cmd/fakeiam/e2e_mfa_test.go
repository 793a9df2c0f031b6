package main

// End-to-end for virtual MFA devices: the AWS CLI and boto3 create devices
// (the CLI writes the seed or the QR code PNG to a file; the QR code, read
// by an independent decoder, gives the seed too), enable and resync them
// with RFC 6238 codes computed by the client's side, list them (the CLI's
// and botocore's paginators for ListMFADevices and ListVirtualMFADevices,
// a page of one at a time), get, tag, untag, deactivate and delete them,
// and meet IAM's refusals.

import (
	"bytes"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"github.com/fakeaws/fakeaws/fakeiam"
)

type (
	mfaCreated struct {
		VirtualMFADevice struct {
			SerialNumber string
			Tags         []struct{ Key, Value string }
		}
	}
	mfaListedOut struct {
		MFADevices []struct{ UserName, SerialNumber string }
	}
	virtualListedOut struct {
		VirtualMFADevices []struct {
			SerialNumber string
			User         *struct{ UserName string }
		}
	}
	mfaTagsOut struct {
		Tags []struct{ Key, Value string }
	}
)

// mfaE2E starts the command with user Dana holding a device of a known
// seed, and an unassigned device.
func mfaE2E(t *testing.T) *server {
	dir := writeFiles(t, map[string]string{"seed.json": `{"users": [{"name": "Dana"}],
 "mfaDevices": [{"name": "dana-phone", "seed": "JBSWY3DPEHPK3PXP", "user": "Dana"}, {"name": "spare"}]}`})
	return start(t, "-quiet", "-seed", filepath.Join(dir, "seed.json"))
}

// codesNow are two consecutive codes of seed at the machine's time (the
// command's clock is the real time).
func codesNow(t *testing.T, seed string) (string, string) {
	t.Helper()
	now := time.Now()
	c1, err := fakeiam.MFACode(seed, now.Add(-30*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	c2, _ := fakeiam.MFACode(seed, now)
	return c1, c2
}

// qrSecret reads a QR code PNG with an independent decoder and returns its
// otpauth URI and the secret in it.
func qrSecret(t *testing.T, file string) (string, string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s is not a PNG: %v", file, err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("%s holds no QR code: %v", file, err)
	}
	u, err := url.Parse(res.GetText())
	if err != nil {
		t.Fatal(err)
	}
	return res.GetText(), u.Query().Get("secret")
}

var base32Seed = regexp.MustCompile(`^[A-Z2-7]{64}$`)

func TestAWSCLIMFADevices(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	s := mfaE2E(t)
	root := s.clientEnv(t, s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"])
	dir := t.TempDir()
	const acct = "arn:aws:iam::123456789012:mfa/"

	var user userOut
	cli(t, aws, root, &user, "create-user", "--user-name", "Erin")
	var key keyOut
	cli(t, aws, root, &key, "create-access-key", "--user-name", "Erin")
	var phone, qr mfaCreated
	seedFile, qrFile := filepath.Join(dir, "seed.txt"), filepath.Join(dir, "qr.png")
	cli(t, aws, root, &phone, "create-virtual-mfa-device", "--virtual-mfa-device-name", "erin-phone", "--tags", "Key=team,Value=ops",
		"--outfile", seedFile, "--bootstrap-method", "Base32StringSeed")
	cli(t, aws, root, &qr, "create-virtual-mfa-device", "--virtual-mfa-device-name", "erin-qr", "--path", "/qr/", "--outfile", qrFile, "--bootstrap-method", "QRCodePNG")
	want := []mfaCreated{phone, qr}
	want[0].VirtualMFADevice.SerialNumber, want[1].VirtualMFADevice.SerialNumber = acct+"erin-phone", acct+"qr/erin-qr"
	want[0].VirtualMFADevice.Tags = []struct{ Key, Value string }{{"team", "ops"}}
	if diff := gocmp.Diff(want, []mfaCreated{phone, qr}); diff != "" {
		t.Errorf("create-virtual-mfa-device (-want +got):\n%s", diff)
	}
	seedBytes, err := os.ReadFile(seedFile)
	if err != nil {
		t.Fatal(err)
	}
	seed := string(seedBytes)
	if !base32Seed.MatchString(seed) {
		t.Fatalf("--bootstrap-method Base32StringSeed wrote %q, want 64 Base32 characters", seed)
	}
	uri, qrSeed := qrSecret(t, qrFile)
	if diff := gocmp.Diff("otpauth://totp/Amazon%20Web%20Services:erin-qr@123456789012?secret="+qrSeed+"&issuer=Amazon%20Web%20Services", uri); diff != "" || !base32Seed.MatchString(qrSeed) {
		t.Errorf("the QR code's URI (-want +got):\n%s", diff)
	}

	c1, c2 := codesNow(t, seed)
	cli(t, aws, root, nil, "enable-mfa-device", "--user-name", "Erin", "--serial-number", acct+"erin-phone", "--authentication-code1", c1, "--authentication-code2", c2)
	c1, c2 = codesNow(t, qrSeed)
	cli(t, aws, root, nil, "enable-mfa-device", "--user-name", "Erin", "--serial-number", acct+"qr/erin-qr", "--authentication-code1", c1, "--authentication-code2", c2)
	c1, c2 = codesNow(t, seed)
	cli(t, aws, root, nil, "resync-mfa-device", "--user-name", "Erin", "--serial-number", acct+"erin-phone", "--authentication-code1", c1, "--authentication-code2", c2)

	// The CLI's paginators, a page of one at a time; the implicit caller.
	var named, own mfaListedOut
	cli(t, aws, root, &named, "list-mfa-devices", "--user-name", "Erin", "--page-size", "1")
	cli(t, aws, s.clientEnv(t, key.AccessKey.AccessKeyId, key.AccessKey.SecretAccessKey), &own, "list-mfa-devices", "--page-size", "1")
	wantListed := mfaListedOut{MFADevices: []struct{ UserName, SerialNumber string }{{"Erin", acct + "erin-phone"}, {"Erin", acct + "qr/erin-qr"}}}
	if diff := gocmp.Diff([]mfaListedOut{wantListed, wantListed}, []mfaListedOut{named, own}); diff != "" {
		t.Errorf("list-mfa-devices: named, the caller's own (-want +got):\n%s", diff)
	}
	var all virtualListedOut
	cli(t, aws, root, &all, "list-virtual-mfa-devices", "--page-size", "1")
	var got []string
	for _, d := range all.VirtualMFADevices {
		line := d.SerialNumber
		if d.User != nil {
			line += " " + d.User.UserName
		}
		got = append(got, line)
	}
	if diff := gocmp.Diff([]string{acct + "dana-phone Dana", acct + "spare", acct + "erin-phone Erin", acct + "qr/erin-qr Erin"}, got); diff != "" {
		t.Errorf("list-virtual-mfa-devices, Any by default, in creation order (-want +got):\n%s", diff)
	}
	var dev struct{ UserName, SerialNumber, EnableDate string }
	cli(t, aws, root, &dev, "get-mfa-device", "--user-name", "Erin", "--serial-number", acct+"erin-phone")
	if dev.UserName != "Erin" || dev.SerialNumber != acct+"erin-phone" || dev.EnableDate == "" {
		t.Errorf("get-mfa-device: %+v", dev)
	}
	cli(t, aws, root, nil, "tag-mfa-device", "--serial-number", acct+"erin-phone", "--tags", "Key=env,Value=prod")
	cli(t, aws, root, nil, "untag-mfa-device", "--serial-number", acct+"erin-phone", "--tag-keys", "team")
	var tags mfaTagsOut
	cli(t, aws, root, &tags, "list-mfa-device-tags", "--serial-number", acct+"erin-phone")
	if diff := gocmp.Diff(mfaTagsOut{Tags: []struct{ Key, Value string }{{"env", "prod"}}}, tags); diff != "" {
		t.Errorf("list-mfa-device-tags (-want +got):\n%s", diff)
	}

	cli(t, aws, root, nil, "delete-access-key", "--user-name", "Erin", "--access-key-id", key.AccessKey.AccessKeyId)
	for _, tc := range []struct {
		name string
		args []string
		line string
	}{
		{"InvalidAuthenticationCode", []string{"resync-mfa-device", "--user-name", "Erin", "--serial-number", acct + "erin-phone", "--authentication-code1", "000000", "--authentication-code2", "000001"},
			"An error occurred (InvalidAuthenticationCode) when calling the ResyncMFADevice operation: Authentication code for device is not valid."},
		{"DeleteConflict, device", []string{"delete-virtual-mfa-device", "--serial-number", acct + "erin-phone"},
			"An error occurred (DeleteConflict) when calling the DeleteVirtualMFADevice operation: Cannot delete entity, must deactivate MFA device first."},
		{"DeleteConflict, user", []string{"delete-user", "--user-name", "Erin"},
			"An error occurred (DeleteConflict) when calling the DeleteUser operation: Cannot delete entity, must delete MFA device first."},
	} {
		t.Run(tc.name, func(t *testing.T) { cliRefuses(t, aws, root, tc.line, tc.args...) })
	}
	for _, serial := range []string{acct + "erin-phone", acct + "qr/erin-qr"} {
		cli(t, aws, root, nil, "deactivate-mfa-device", "--user-name", "Erin", "--serial-number", serial)
		cli(t, aws, root, nil, "delete-virtual-mfa-device", "--serial-number", serial)
	}
	cli(t, aws, root, nil, "delete-user", "--user-name", "Erin")
}

// boto3MFAScript is the same life in boto3, with RFC 6238 codes computed by
// Python's standard library (as pyotp does) and the paginators of
// list_mfa_devices and list_virtual_mfa_devices a page of one at a time.
// It prints what it saw as JSON.
const boto3MFAScript = `
import base64, hashlib, hmac, json, struct, time
import boto3
from botocore.exceptions import ClientError

iam = boto3.client("iam")
ACCT = "arn:aws:iam::123456789012:mfa/"

def totp(seed, t):
    key = base64.b32decode(seed + "=" * (-len(seed) % 8))
    mac = hmac.new(key, struct.pack(">Q", int(t) // 30), hashlib.sha1).digest()
    off = mac[-1] & 15
    return "%06d" % ((struct.unpack(">I", mac[off:off + 4])[0] & 0x7fffffff) % 1000000)

def codes(seed):
    now = time.time()
    return {"AuthenticationCode1": totp(seed, now - 30), "AuthenticationCode2": totp(seed, now)}

out = {}
iam.create_user(UserName="Frank")
made = iam.create_virtual_mfa_device(VirtualMFADeviceName="frank-phone", Tags=[{"Key": "team", "Value": "ops"}])["VirtualMFADevice"]
seed = made["Base32StringSeed"].decode()
out["created"] = {"serial": made["SerialNumber"], "seedLength": len(seed), "png": made["QRCodePNG"][:8].hex(), "tags": made.get("Tags")}
second = iam.create_virtual_mfa_device(VirtualMFADeviceName="frank-tablet", Path="/t/")["VirtualMFADevice"]
iam.enable_mfa_device(UserName="Frank", SerialNumber=made["SerialNumber"], **codes(seed))
iam.enable_mfa_device(UserName="Frank", SerialNumber=second["SerialNumber"], **codes(second["Base32StringSeed"].decode()))
iam.resync_mfa_device(UserName="Frank", SerialNumber=made["SerialNumber"], **codes(seed))
out["paginators"] = [iam.can_paginate("list_mfa_devices"), iam.can_paginate("list_virtual_mfa_devices")]
out["mfaDevices"] = [[d["UserName"], d["SerialNumber"]]
    for page in iam.get_paginator("list_mfa_devices").paginate(UserName="Frank", PaginationConfig={"PageSize": 1})
    for d in page["MFADevices"]]
out["virtual"] = [[d["SerialNumber"], d.get("User", {}).get("UserName", ""), "EnableDate" in d, "Base32StringSeed" in d]
    for page in iam.get_paginator("list_virtual_mfa_devices").paginate(PaginationConfig={"PageSize": 1})
    for d in page["VirtualMFADevices"]]
got = iam.get_mfa_device(UserName="Frank", SerialNumber=made["SerialNumber"])
out["get"] = [got["UserName"], got["SerialNumber"], "EnableDate" in got]
iam.tag_mfa_device(SerialNumber=made["SerialNumber"], Tags=[{"Key": "env", "Value": "prod"}])
iam.untag_mfa_device(SerialNumber=made["SerialNumber"], TagKeys=["team"])
out["tags"] = iam.list_mfa_device_tags(SerialNumber=made["SerialNumber"])["Tags"]
out["errors"] = {
    "InvalidAuthenticationCode": error(iam.resync_mfa_device, UserName="Frank", SerialNumber=made["SerialNumber"], AuthenticationCode1="000000", AuthenticationCode2="000001"),
    "DeleteConflict": error(iam.delete_virtual_mfa_device, SerialNumber=made["SerialNumber"]),
    "DeleteUser": error(iam.delete_user, UserName="Frank"),
    "NoSuchEntity": error(iam.get_mfa_device, UserName="Frank", SerialNumber=ACCT + "none"),
    "EntityAlreadyExists": error(iam.create_virtual_mfa_device, VirtualMFADeviceName="spare"),
    "InUse": error(iam.enable_mfa_device, UserName="Frank", SerialNumber=ACCT + "dana-phone", AuthenticationCode1="000000", AuthenticationCode2="000001"),
}
for d in (made, second):
    iam.deactivate_mfa_device(UserName="Frank", SerialNumber=d["SerialNumber"])
    iam.delete_virtual_mfa_device(SerialNumber=d["SerialNumber"])
out["afterDelete"] = iam.list_mfa_devices(UserName="Frank")["MFADevices"]
iam.delete_user(UserName="Frank")
print(json.dumps(out))
`

func TestBoto3MFADevices(t *testing.T) {
	t.Parallel()
	python := boto3Python(t)
	s := mfaE2E(t)
	type kv struct{ Key, Value string }
	var got struct {
		Created struct {
			Serial     string
			SeedLength int
			PNG        string
			Tags       []kv
		}
		Paginators  []bool
		MFADevices  [][]string
		Virtual     [][]any
		Get         []any
		Tags        []kv
		Errors      map[string]*boto3Error
		AfterDelete []any
	}
	s.boto3Run(t, python, boto3MFAScript, &got)
	const acct = "arn:aws:iam::123456789012:mfa/"
	wantCreated := got.Created
	wantCreated.Serial, wantCreated.SeedLength, wantCreated.PNG, wantCreated.Tags = acct+"frank-phone", 64, "89504e470d0a1a0a", []kv{{"team", "ops"}}
	if diff := gocmp.Diff(wantCreated, got.Created); diff != "" {
		t.Errorf("create_virtual_mfa_device: serial, seed length, the PNG signature, tags (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff([]bool{true, true}, got.Paginators); diff != "" {
		t.Errorf("botocore's paginators (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff([][]string{{"Frank", acct + "frank-phone"}, {"Frank", acct + "t/frank-tablet"}}, got.MFADevices); diff != "" {
		t.Errorf("list_mfa_devices, paginated (-want +got):\n%s", diff)
	}
	wantVirtual := [][]any{{acct + "dana-phone", "Dana", true, false}, {acct + "spare", "", false, false},
		{acct + "frank-phone", "Frank", true, false}, {acct + "t/frank-tablet", "Frank", true, false}}
	if diff := gocmp.Diff(wantVirtual, got.Virtual); diff != "" {
		t.Errorf("list_virtual_mfa_devices, paginated: serial, user, enable date, seed (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff([]any{"Frank", acct + "frank-phone", true}, got.Get); diff != "" {
		t.Errorf("get_mfa_device (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff([]kv{{"env", "prod"}}, got.Tags); diff != "" {
		t.Errorf("list_mfa_device_tags (-want +got):\n%s", diff)
	}
	wantErrors := map[string]*boto3Error{
		"InvalidAuthenticationCode": {Code: "InvalidAuthenticationCode", Status: 403, Message: "Authentication code for device is not valid."},
		"DeleteConflict":            {Code: "DeleteConflict", Status: 409, Message: "Cannot delete entity, must deactivate MFA device first."},
		"DeleteUser":                {Code: "DeleteConflict", Status: 409, Message: "Cannot delete entity, must delete MFA device first."},
		"NoSuchEntity":              {Code: "NoSuchEntity", Status: 404, Message: "MFA Device with serial number " + acct + "none does not exist."},
		"EntityAlreadyExists":       {Code: "EntityAlreadyExists", Status: 409, Message: "MFA device already exists."},
		"InUse":                     {Code: "EntityAlreadyExists", Status: 409, Message: "MFA Device is already in use."},
	}
	if diff := gocmp.Diff(wantErrors, got.Errors); diff != "" {
		t.Errorf("ClientErrors (-want +got):\n%s", diff)
	}
	if got.AfterDelete == nil || len(got.AfterDelete) != 0 {
		t.Errorf("list_mfa_devices after deleting both: %v, want an empty list", got.AfterDelete)
	}
}
