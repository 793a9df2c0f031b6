package fakeiam_test

// docs/contract.md, "MFA devices": CreateVirtualMFADevice,
// EnableMFADevice, ResyncMFADevice, DeactivateMFADevice,
// DeleteVirtualMFADevice, ListMFADevices, ListVirtualMFADevices,
// GetMFADevice, TagMFADevice, UntagMFADevice and ListMFADeviceTags, each
// row through the differential harness (both doors and the SDK's decoding
// of IAM's XML); the TOTP codes against RFC 6238's test vectors; the QR
// code decoded by an independent decoder.

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/csv"
	"errors"
	"fmt"
	"image/png"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"github.com/fakeaws/fakeaws/fakeiam"
)

const (
	mfaAccount = "123456789012"
	// bobSeed is Bob's phone's secret: Base32, as IAM's seeds are (IAM's
	// own are 64 characters; any Base32 seed works).
	bobSeed = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	// spareSeed is the unassigned device's.
	spareSeed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
)

var (
	bobPhone   = "arn:aws:iam::" + mfaAccount + ":mfa/bob-phone"
	spare      = "arn:aws:iam::" + mfaAccount + ":mfa/ops/spare"
	bobEnabled = time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
)

// seedMFA is an account where Bob has a phone enabled (a known seed) and
// an unassigned, tagged device waits at /ops/.
func seedMFA(more ...fakeiam.Option) []fakeiam.Option {
	return append([]fakeiam.Option{
		fakeiam.User("Bob").CreatedAt(bobCreated).AccessKey(bobKey),
		fakeiam.User("Alice").Path("/eng/").CreatedAt(aliceCreated),
		fakeiam.VirtualMFADevice("bob-phone").Seed(bobSeed).EnabledFor("Bob").EnabledAt(bobEnabled),
		fakeiam.VirtualMFADevice("spare").Path("/ops/").Seed(spareSeed).Tag("team", "ops").Tag("Team", "Ops"),
		fakeiam.Root().AccessKey(rootKey),
		fakeiam.Role("Deployer").AccessKey(roleKey),
	}, more...)
}

// code is the code seed shows `steps` steps from testNow (the fake's time).
func code(t *testing.T, seed string, steps int) string {
	t.Helper()
	c, err := fakeiam.MFACode(seed, testNow.Add(time.Duration(steps)*30*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func createMFA(name string, path *string, tags ...types.Tag) call {
	return checkedCreate(callOf((*iam.Client).CreateVirtualMFADevice, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String(name), Path: path, Tags: tags}), name)
}

func enableMFA(user, serial, code1, code2 string) call {
	return callOf((*iam.Client).EnableMFADevice, &iam.EnableMFADeviceInput{UserName: aws.String(user), SerialNumber: aws.String(serial), AuthenticationCode1: aws.String(code1), AuthenticationCode2: aws.String(code2)})
}

func resyncMFA(user, serial, code1, code2 string) call {
	return callOf((*iam.Client).ResyncMFADevice, &iam.ResyncMFADeviceInput{UserName: aws.String(user), SerialNumber: aws.String(serial), AuthenticationCode1: aws.String(code1), AuthenticationCode2: aws.String(code2)})
}

func deactivateMFA(user *string, serial string) call {
	return callOf((*iam.Client).DeactivateMFADevice, &iam.DeactivateMFADeviceInput{UserName: user, SerialNumber: aws.String(serial)})
}

func deleteMFA(serial string) call {
	return callOf((*iam.Client).DeleteVirtualMFADevice, &iam.DeleteVirtualMFADeviceInput{SerialNumber: aws.String(serial)})
}

func listMFA(user *string, marker *string, maxItems *int32) call {
	return callOf((*iam.Client).ListMFADevices, &iam.ListMFADevicesInput{UserName: user, Marker: marker, MaxItems: maxItems})
}

func listVirtualMFA(status types.AssignmentStatusType, maxItems *int32) call {
	return callOf((*iam.Client).ListVirtualMFADevices, &iam.ListVirtualMFADevicesInput{AssignmentStatus: status, MaxItems: maxItems})
}

func getMFA(user *string, serial string) call {
	return callOf((*iam.Client).GetMFADevice, &iam.GetMFADeviceInput{UserName: user, SerialNumber: aws.String(serial)})
}

func tagMFA(serial string, tags ...types.Tag) call {
	return callOf((*iam.Client).TagMFADevice, &iam.TagMFADeviceInput{SerialNumber: aws.String(serial), Tags: tags})
}

func untagMFA(serial string, keys ...string) call {
	return callOf((*iam.Client).UntagMFADevice, &iam.UntagMFADeviceInput{SerialNumber: aws.String(serial), TagKeys: keys})
}

func listMFATags(serial string, marker *string, maxItems *int32) call {
	return callOf((*iam.Client).ListMFADeviceTags, &iam.ListMFADeviceTagsInput{SerialNumber: aws.String(serial), Marker: marker, MaxItems: maxItems})
}

// The two secrets of a created device stand in a scenario's expectation as
// these texts: checkedCreate checks the real ones (a 64-character Base32
// seed; a PNG whose QR code says IAM's otpauth URI with that seed) and puts
// the texts in their place. What the reference client decodes from IAM's
// XML already holds the texts and is left as it is.
const (
	seedShape = "<64 Base32 characters>"
	uriShape  = "otpauth://totp/Amazon%20Web%20Services:<name>@<account>?secret=<seed>&issuer=Amazon%20Web%20Services"
)

var seed64 = regexp.MustCompile(`^[A-Z2-7]{64}$`)

func checkedCreate(c call, name string) call {
	return func(ctx context.Context, cl *iam.Client, r *run) (any, error) {
		got, err := c(ctx, cl, r)
		if err != nil {
			return got, err
		}
		d := got.(*iam.CreateVirtualMFADeviceOutput).VirtualMFADevice
		if string(d.Base32StringSeed) == seedShape {
			return got, nil // the reference's
		}
		seed := string(d.Base32StringSeed)
		if !seed64.MatchString(seed) {
			return nil, fmt.Errorf("Base32StringSeed %q: not 64 Base32 characters", seed)
		}
		uri, err := decodeQR(d.QRCodePNG)
		if err != nil {
			return nil, err
		}
		d.Base32StringSeed, d.QRCodePNG = []byte(seedShape), []byte(strings.Replace(uri, "secret="+seed+"&", "secret=<seed>&", 1))
		return got, nil
	}
}

// decodeQR reads the QR code of a PNG with an independent decoder (ZXing's
// port), never the encoder's own.
func decodeQR(pngBytes []byte) (string, error) {
	img, err := png.Decode(bytes.NewReader(pngBytes))
	if err != nil {
		return "", fmt.Errorf("QRCodePNG is not a PNG: %v", err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return "", err
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		return "", fmt.Errorf("QRCodePNG holds no QR code: %v", err)
	}
	return res.GetText(), nil
}

func createdMFA(serial, name, account string, tags ...types.Tag) *iam.CreateVirtualMFADeviceOutput {
	return &iam.CreateVirtualMFADeviceOutput{VirtualMFADevice: &types.VirtualMFADevice{SerialNumber: aws.String(serial),
		Base32StringSeed: []byte(seedShape), QRCodePNG: []byte(strings.NewReplacer("<name>", name, "<account>", account).Replace(uriShape)), Tags: tags}}
}

func mfaListed(user, serial string, enabled time.Time) types.MFADevice {
	return types.MFADevice{UserName: aws.String(user), SerialNumber: aws.String(serial), EnableDate: aws.Time(enabled)}
}

func mfaPage(marker string, ds ...types.MFADevice) *iam.ListMFADevicesOutput {
	if ds == nil {
		ds = []types.MFADevice{}
	}
	out := &iam.ListMFADevicesOutput{MFADevices: ds}
	if marker != "" {
		out.IsTruncated, out.Marker = true, aws.String(marker)
	}
	return out
}

func virtualPage(marker string, ds ...types.VirtualMFADevice) *iam.ListVirtualMFADevicesOutput {
	if ds == nil {
		ds = []types.VirtualMFADevice{}
	}
	out := &iam.ListVirtualMFADevicesOutput{VirtualMFADevices: ds}
	if marker != "" {
		out.IsTruncated, out.Marker = true, aws.String(marker)
	}
	return out
}

func unassigned(serial string) types.VirtualMFADevice {
	return types.VirtualMFADevice{SerialNumber: aws.String(serial)}
}

func assignedTo(serial string, user *types.User, enabled time.Time) types.VirtualMFADevice {
	return types.VirtualMFADevice{SerialNumber: aws.String(serial), User: user, EnableDate: aws.Time(enabled)}
}

func mfaTagsPage(marker string, tags ...types.Tag) *iam.ListMFADeviceTagsOutput {
	if tags == nil {
		tags = []types.Tag{}
	}
	out := &iam.ListMFADeviceTagsOutput{Tags: tags}
	if marker != "" {
		out.IsTruncated, out.Marker = true, aws.String(marker)
	}
	return out
}

var (
	noSuchMFA = func(serial string) *fakeiam.Error {
		return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "MFA Device with serial number " + serial + " does not exist."}
	}
	mfaExists       = &fakeiam.Error{Code: "EntityAlreadyExists", Status: 409, Message: "MFA device already exists."}
	mfaInUse        = &fakeiam.Error{Code: "EntityAlreadyExists", Status: 409, Message: "MFA Device is already in use."}
	badCodes        = &fakeiam.Error{Code: "InvalidAuthenticationCode", Status: 403, Message: "Authentication code for device is not valid."}
	mfaAssigned     = &fakeiam.Error{Code: "DeleteConflict", Status: 409, Message: "Cannot delete entity, must deactivate MFA device first."}
	userHasMFA      = &fakeiam.Error{Code: "DeleteConflict", Status: 409, Message: "Cannot delete entity, must delete MFA device first."}
	mfaUserQuota    = &fakeiam.Error{Code: "LimitExceeded", Status: 409, Message: "Cannot exceed quota for MFADevicesPerUser: 8"}
	mfaTagQuota     = &fakeiam.Error{Code: "LimitExceeded", Status: 409, Message: "Cannot exceed quota for TagsPerMFADevice: 50"}
	mfaDuplicateTag = &fakeiam.Error{Code: "InvalidInput", Status: 400, Message: "Duplicate tag keys found."}
)

// TestMFACodeRFC6238 checks the codes against RFC 6238's Appendix B (the
// SHA1 rows, key "12345678901234567890"): six digits are the last six of
// the RFC's eight (the same truncated value modulo 10^6).
func TestMFACodeRFC6238(t *testing.T) {
	const rfcKey = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" // Base32 of "12345678901234567890"
	tests := []struct {
		unix  int64
		eight string
	}{
		{59, "94287082"},
		{1111111109, "07081804"},
		{1111111111, "14050471"},
		{1234567890, "89005924"},
		{2000000000, "69279037"},
		{20000000000, "65353130"},
	}
	for _, tt := range tests {
		got, err := fakeiam.MFACode(rfcKey, time.Unix(tt.unix, 0))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.eight[2:], got); diff != "" {
			t.Errorf("T=%d (-want +got):\n%s", tt.unix, diff)
		}
	}
	// The seed in lower case, with padding and spaces, is the same key.
	got, err := fakeiam.MFACode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", time.Unix(59, 0))
	if err != nil || got != "287082" {
		t.Errorf("lower case with spaces: %q, %v; want 287082", got, err)
	}
	if _, err := fakeiam.MFACode("not base32!", time.Unix(59, 0)); err == nil {
		t.Error("a seed that is not Base32: no error")
	}
}

// TestCreateVirtualMFADeviceQRCode: through both doors, QRCodePNG is a PNG
// (image/png reads it) whose QR code (read by ZXing's decoder) is IAM's
// otpauth URI with the seed returned, and the account's alias once it has
// one.
func TestCreateVirtualMFADeviceQRCode(t *testing.T) {
	for _, d := range doors {
		t.Run(d.name, func(t *testing.T) {
			f := newFake()
			c := d.client(t, f, f.Client())
			ctx := context.Background()
			for _, tt := range []struct{ name, known string }{{"dev+mfa@x", mfaAccount}, {"second", "example-corp"}} {
				if tt.known != mfaAccount {
					if _, err := c.CreateAccountAlias(ctx, &iam.CreateAccountAliasInput{AccountAlias: aws.String(tt.known)}); err != nil {
						t.Fatal(err)
					}
				}
				out, err := c.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String(tt.name), Path: aws.String("/users/")})
				if err != nil {
					t.Fatal(err)
				}
				seed := string(out.VirtualMFADevice.Base32StringSeed)
				if !seed64.MatchString(seed) {
					t.Errorf("seed %q: not 64 Base32 characters", seed)
				}
				uri, err := decodeQR(out.VirtualMFADevice.QRCodePNG)
				if err != nil {
					t.Fatal(err)
				}
				escaped := strings.NewReplacer("+", "%2B", "@", "%40").Replace(tt.name)
				want := "otpauth://totp/Amazon%20Web%20Services:" + escaped + "@" + tt.known + "?secret=" + seed + "&issuer=Amazon%20Web%20Services"
				if diff := cmp.Diff(want, uri); diff != "" {
					t.Errorf("the QR code's URI (-want +got):\n%s", diff)
				}
				// The seed works: the device enables with its codes.
				c1, _ := fakeiam.MFACode(seed, f.Now().Add(-30*time.Second))
				c2, _ := fakeiam.MFACode(seed, f.Now())
				if _, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("u-" + tt.known)}); err != nil {
					t.Fatal(err)
				}
				if _, err := c.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{UserName: aws.String("u-" + tt.known), SerialNumber: out.VirtualMFADevice.SerialNumber,
					AuthenticationCode1: &c1, AuthenticationCode2: &c2}); err != nil {
					t.Errorf("enable with the seed's codes: %v", err)
				}
			}
		})
	}
}

func TestCreateVirtualMFADeviceSpec(t *testing.T) {
	long := "/" + strings.Repeat("a", 512) + "/"
	runScenarios(t, seedMFA(), []scenario{
		{name: "default path: serial arn:...:mfa/<name>; a seed and a QR code, no user, no date", call: createMFA("new-phone", nil),
			want: createdMFA("arn:aws:iam::"+mfaAccount+":mfa/new-phone", "new-phone", mfaAccount)},
		{name: "a path: in the serial without its leading slash; the QR names the device without it", call: createMFA("new-phone", aws.String("/test-path/")),
			want: createdMFA("arn:aws:iam::"+mfaAccount+":mfa/test-path/new-phone", "new-phone", mfaAccount)},
		{name: "an empty segment kept", call: createMFA("d", aws.String("/test//double/")), want: createdMFA("arn:aws:iam::"+mfaAccount+":mfa/test//double/d", "d", mfaAccount)},
		{name: "tags: returned as given", call: createMFA("t", nil, tag("b", "2"), tag("a", "1")),
			want: createdMFA("arn:aws:iam::"+mfaAccount+":mfa/t", "t", mfaAccount, tag("b", "2"), tag("a", "1"))},
		{name: "the account's alias in the QR code", steps: []change{do(createAccountAlias("example-corp"))}, call: createMFA("n", nil),
			want: createdMFA("arn:aws:iam::"+mfaAccount+":mfa/n", "n", "example-corp")},
		{name: "then listed, unassigned, after the seeded", steps: []change{do(createMFA("new-phone", nil))}, call: listVirtualMFA(types.AssignmentStatusTypeUnassigned, nil),
			want: virtualPage("", unassigned(spare), unassigned("arn:aws:iam::"+mfaAccount+":mfa/new-phone"))},
		{name: "a name taken", call: createMFA("spare", nil), wantErr: mfaExists},
		{name: "a name taken, in another case and path", call: createMFA("SPARE", aws.String("/x/")), wantErr: mfaExists},
		{name: "a path without its leading slash", call: createMFA("d", aws.String("invalid-path/")), wantErr: invalidPath("path")},
		{name: "a path without its trailing slash", call: createMFA("d", aws.String("/invalid-path")), wantErr: invalidPath("path")},
		{name: "a path of 514", call: createMFA("d", aws.String(long)), wantErr: failedConstraints("path", maxLength(512))},
		{name: "a bad name", call: createMFA("bad name", nil), wantErr: failedConstraints("virtualMFADeviceName", pattern(`[\w+=,.@-]+`))},
		{name: "tag keys are case sensitive", call: createMFA("t", nil, tag("k", "1"), tag("K", "2")),
			want: createdMFA("arn:aws:iam::"+mfaAccount+":mfa/t", "t", mfaAccount, tag("k", "1"), tag("K", "2"))},
		{name: "a tag key twice", call: createMFA("t", nil, tag("k", "1"), tag("k", "2")), wantErr: mfaDuplicateTag},
		{name: "a reserved tag key", call: createMFA("t", nil, tag("aws:x", "1")), wantErr: reservedTag},
		{name: "the tags before the name", call: createMFA("spare", nil, tag("aws:x", "1")), wantErr: reservedTag},
	})
}

func TestEnableMFADeviceSpec(t *testing.T) {
	sp := func(steps int) string { return code(t, spareSeed, steps) }
	alice := "Alice"
	aliceSpare := assignedTo(spare, iamUser("/eng/", "Alice", "<id of Alice>", aliceCreated), testNow)
	eight := make([]fakeiam.Option, 0, 8)
	for i := range 8 {
		eight = append(eight, fakeiam.VirtualMFADevice(fmt.Sprint("alice-", i)).EnabledFor("Alice"))
	}
	runScenarios(t, seedMFA(), []scenario{
		{name: "the previous step's code and the current one", call: enableMFA(alice, spare, sp(-1), sp(0)), want: &iam.EnableMFADeviceOutput{}},
		{name: "then assigned to the user, enabled now", steps: []change{do(enableMFA(alice, spare, sp(-1), sp(0)))}, call: listVirtualMFA(types.AssignmentStatusTypeAssigned, nil),
			want: virtualPage("", assignedTo(bobPhone, userAt("/", "Bob"), bobEnabled), aliceSpare)},
		{name: "then in the user's list", steps: []change{do(enableMFA(alice, spare, sp(-1), sp(0)))}, call: listMFA(&alice, nil, nil), want: mfaPage("", mfaListed("Alice", spare, testNow))},
		{name: "the current code and the next (a device clock a little fast)", call: enableMFA(alice, spare, sp(0), sp(1)), want: &iam.EnableMFADeviceOutput{}},
		{name: "a pair ten steps old (five minutes)", call: enableMFA(alice, spare, sp(-10), sp(-9)), want: &iam.EnableMFADeviceOutput{}},
		{name: "a pair eleven steps old", call: enableMFA(alice, spare, sp(-11), sp(-10)), wantErr: badCodes},
		{name: "codes in the wrong order", call: enableMFA(alice, spare, sp(0), sp(-1)), wantErr: badCodes},
		{name: "two steps apart", call: enableMFA(alice, spare, sp(-2), sp(0)), wantErr: badCodes},
		{name: "the same code twice", call: enableMFA(alice, spare, sp(0), sp(0)), wantErr: badCodes},
		{name: "another device's codes", call: enableMFA(alice, spare, code(t, bobSeed, -1), code(t, bobSeed, 0)), wantErr: badCodes},
		{name: "the user before the codes", call: enableMFA("Nobody", spare, "123456", "654321"), wantErr: noSuchUser("Nobody")},
		{name: "no such device", call: enableMFA(alice, "arn:aws:iam::"+mfaAccount+":mfa/nonexistent", sp(-1), sp(0)), wantErr: noSuchMFA("arn:aws:iam::" + mfaAccount + ":mfa/nonexistent")},
		{name: "a device in use (by another user)", call: enableMFA(alice, bobPhone, code(t, bobSeed, -1), code(t, bobSeed, 0)), wantErr: mfaInUse},
		{name: "a device in use (by the same user)", call: enableMFA("Bob", bobPhone, code(t, bobSeed, -1), code(t, bobSeed, 0)), wantErr: mfaInUse},
		{name: "in use before the codes", call: enableMFA("Bob", bobPhone, "000000", "111111"), wantErr: mfaInUse},
		{name: "a ninth device", seed: seedMFA(eight...), call: enableMFA(alice, spare, sp(-1), sp(0)), wantErr: mfaUserQuota},
		{name: "a code of 5 digits", call: enableMFA(alice, spare, "12345", sp(0)), wantErr: failedConstraints("authenticationCode1", minLength(6))},
		{name: "a code with a letter", call: enableMFA(alice, spare, "12345a", sp(0)), wantErr: failedConstraints("authenticationCode1", pattern(`[\d]+`))},
	})
}

func TestResyncDeactivateMFADeviceSpec(t *testing.T) {
	bc := func(steps int) string { return code(t, bobSeed, steps) }
	runScenarios(t, seedMFA(), []scenario{
		{name: "resync with two consecutive codes", call: resyncMFA("Bob", bobPhone, bc(-1), bc(0)), want: &iam.ResyncMFADeviceOutput{}},
		{name: "resync with a stale pair", call: resyncMFA("Bob", bobPhone, bc(-5), bc(-4)), want: &iam.ResyncMFADeviceOutput{}},
		{name: "resync with wrong codes", call: resyncMFA("Bob", bobPhone, "000000", "111111"), wantErr: badCodes},
		{name: "resync: another user's device", call: resyncMFA("Alice", bobPhone, bc(-1), bc(0)), wantErr: noSuchMFA(bobPhone)},
		{name: "resync: an unassigned device", call: resyncMFA("Bob", spare, code(t, spareSeed, -1), code(t, spareSeed, 0)), wantErr: noSuchMFA(spare)},
		{name: "resync: the user before the device", call: resyncMFA("Nobody", spare, "000000", "111111"), wantErr: noSuchUser("Nobody")},
		{name: "deactivate", call: deactivateMFA(bob, bobPhone), want: &iam.DeactivateMFADeviceOutput{}},
		{name: "deactivate, then the user's list is empty", steps: []change{do(deactivateMFA(bob, bobPhone))}, call: listMFA(bob, nil, nil), want: mfaPage("")},
		{name: "deactivate, then unassigned, its place kept", steps: []change{do(deactivateMFA(bob, bobPhone))}, call: listVirtualMFA(types.AssignmentStatusTypeUnassigned, nil),
			want: virtualPage("", unassigned(bobPhone), unassigned(spare))},
		{name: "deactivate, then enabled again with its codes", steps: []change{do(deactivateMFA(bob, bobPhone))}, call: enableMFA("Alice", bobPhone, bc(-1), bc(0)), want: &iam.EnableMFADeviceOutput{}},
		{name: "deactivate the caller's own (UserName omitted)", as: asKey(bobKey.ID), call: deactivateMFA(nil, bobPhone), want: &iam.DeactivateMFADeviceOutput{}},
		{name: "deactivate: a role must name the user", as: asKey(roleKey.ID), call: deactivateMFA(nil, bobPhone), wantErr: mustSpecifyUserName},
		{name: "deactivate: no such user", call: deactivateMFA(aws.String("nonexistent-user"), bobPhone), wantErr: noSuchUser("nonexistent-user")},
		{name: "deactivate: no such device", call: deactivateMFA(bob, "arn:aws:iam::"+mfaAccount+":mfa/nonexistent-mfa"), wantErr: noSuchMFA("arn:aws:iam::" + mfaAccount + ":mfa/nonexistent-mfa")},
		{name: "deactivate: another user's", call: deactivateMFA(aws.String("Alice"), bobPhone), wantErr: noSuchMFA(bobPhone)},
		{name: "deactivate twice", steps: []change{do(deactivateMFA(bob, bobPhone))}, call: deactivateMFA(bob, bobPhone), wantErr: noSuchMFA(bobPhone)},
	})
}

func TestDeleteVirtualMFADeviceSpec(t *testing.T) {
	runScenarios(t, seedMFA(), []scenario{
		{name: "an unassigned device", call: deleteMFA(spare), want: &iam.DeleteVirtualMFADeviceOutput{}},
		{name: "then not listed", steps: []change{do(deleteMFA(spare))}, call: listVirtualMFA("", nil), want: virtualPage("", assignedTo(bobPhone, userAt("/", "Bob"), bobEnabled))},
		{name: "then its name is free", steps: []change{do(deleteMFA(spare))}, call: createMFA("spare", nil), want: createdMFA("arn:aws:iam::"+mfaAccount+":mfa/spare", "spare", mfaAccount)},
		{name: "an assigned device", call: deleteMFA(bobPhone), wantErr: mfaAssigned},
		{name: "once deactivated", steps: []change{do(deactivateMFA(bob, bobPhone))}, call: deleteMFA(bobPhone), want: &iam.DeleteVirtualMFADeviceOutput{}},
		{name: "no such device", call: deleteMFA("arn:aws:iam::" + mfaAccount + ":mfa/nonexistent-device"), wantErr: noSuchMFA("arn:aws:iam::" + mfaAccount + ":mfa/nonexistent-device")},
		{name: "a serial of 8", call: deleteMFA("arn:aws:"), wantErr: failedConstraints("serialNumber", minLength(9))},
		{name: "DeleteUser refused while a device is enabled", seed: seedMFA(fakeiam.User("Carol"), fakeiam.VirtualMFADevice("c").EnabledFor("Carol")), call: deleteUser("Carol"), wantErr: userHasMFA},
		{name: "DeleteUser: access keys before MFA devices", seed: seedMFA(fakeiam.User("Carol").AccessKey(fakeiam.AccessKey{}), fakeiam.VirtualMFADevice("c").EnabledFor("Carol")),
			call: deleteUser("Carol"), wantErr: &fakeiam.Error{Code: "DeleteConflict", Status: 409, Message: "Cannot delete entity, must delete access keys first."}},
		{name: "DeleteUser: MFA devices before groups", seed: seedMFA(fakeiam.User("Carol"), fakeiam.VirtualMFADevice("c").EnabledFor("Carol"), fakeiam.Group("g").Members("Carol")),
			call: deleteUser("Carol"), wantErr: userHasMFA},
		{name: "DeleteUser once deactivated (the device stays)", seed: seedMFA(fakeiam.User("Carol"), fakeiam.VirtualMFADevice("c").EnabledFor("Carol")),
			steps: []change{do(deactivateMFA(aws.String("Carol"), "arn:aws:iam::"+mfaAccount+":mfa/c"))}, call: deleteUser("Carol"), want: &iam.DeleteUserOutput{}},
	})
}

func TestListMFADevicesSpec(t *testing.T) {
	sp := func(steps int) string { return code(t, spareSeed, steps) }
	runScenarios(t, seedMFA(), []scenario{
		{name: "a user's", call: listMFA(bob, nil, nil), want: mfaPage("", mfaListed("Bob", bobPhone, bobEnabled))},
		{name: "none", call: listMFA(aws.String("Alice"), nil, nil), want: mfaPage("")},
		{name: "the caller's own", as: asKey(bobKey.ID), call: listMFA(nil, nil, nil), want: mfaPage("", mfaListed("Bob", bobPhone, bobEnabled))},
		{name: "the root's own: none", call: listMFA(nil, nil, nil), want: mfaPage("")},
		{name: "in the order enabled, a page of 1", steps: []change{do(enableMFA("Bob", spare, sp(-1), sp(0)))}, call: listMFA(bob, nil, aws.Int32(1)),
			want: mfaPage("<marker>", mfaListed("Bob", bobPhone, bobEnabled))},
		{name: "the next page", steps: []change{do(enableMFA("Bob", spare, sp(-1), sp(0)))},
			call: listThen((*iam.Client).ListMFADevices, iam.ListMFADevicesInput{UserName: bob, MaxItems: aws.Int32(1)}, nil, nil, iam.ListMFADevicesInput{UserName: bob}),
			want: mfaPage("", mfaListed("Bob", spare, testNow))},
		{name: "a renamed user's name", steps: []change{do(updateUser(&iam.UpdateUserInput{UserName: bob, NewUserName: aws.String("Robert")}))}, call: listMFA(aws.String("Robert"), nil, nil),
			want: mfaPage("", mfaListed("Robert", bobPhone, bobEnabled))},
		{name: "a role must name the user", as: asKey(roleKey.ID), call: listMFA(nil, nil, nil), wantErr: mustSpecifyUserName},
		{name: "no such user", call: listMFA(aws.String("Nobody"), nil, nil), wantErr: noSuchUser("Nobody")},
		{name: "a bad marker", call: listMFA(bob, aws.String("bad"), nil), wantErr: invalidMarker},
	})
}

func TestListVirtualMFADevicesSpec(t *testing.T) {
	bobs := assignedTo(bobPhone, userAt("/", "Bob"), bobEnabled)
	runScenarios(t, seedMFA(fakeiam.VirtualMFADevice("zz-last")), []scenario{
		{name: "without a status: Any, in creation order", call: listVirtualMFA("", nil), want: virtualPage("", bobs, unassigned(spare), unassigned("arn:aws:iam::"+mfaAccount+":mfa/zz-last"))},
		{name: "Any", call: listVirtualMFA(types.AssignmentStatusTypeAny, nil), want: virtualPage("", bobs, unassigned(spare), unassigned("arn:aws:iam::"+mfaAccount+":mfa/zz-last"))},
		{name: "Assigned: with the user and enable date", call: listVirtualMFA(types.AssignmentStatusTypeAssigned, nil), want: virtualPage("", bobs)},
		{name: "Unassigned: the serial number only (no seed, QR code or tags)", call: listVirtualMFA(types.AssignmentStatusTypeUnassigned, nil), want: virtualPage("", unassigned(spare), unassigned("arn:aws:iam::"+mfaAccount+":mfa/zz-last"))},
		{name: "Unassigned, a page of 1", call: listVirtualMFA(types.AssignmentStatusTypeUnassigned, aws.Int32(1)), want: virtualPage("<marker>", unassigned(spare))},
		{name: "Unassigned, the next page", call: listThen((*iam.Client).ListVirtualMFADevices, iam.ListVirtualMFADevicesInput{AssignmentStatus: types.AssignmentStatusTypeUnassigned, MaxItems: aws.Int32(1)}, nil, nil,
			iam.ListVirtualMFADevicesInput{AssignmentStatus: types.AssignmentStatusTypeUnassigned}), want: virtualPage("", unassigned("arn:aws:iam::"+mfaAccount+":mfa/zz-last"))},
		{name: "a marker of another status", call: listThen((*iam.Client).ListVirtualMFADevices, iam.ListVirtualMFADevicesInput{AssignmentStatus: types.AssignmentStatusTypeUnassigned, MaxItems: aws.Int32(1)}, nil, nil,
			iam.ListVirtualMFADevicesInput{AssignmentStatus: types.AssignmentStatusTypeAny}), wantErr: invalidMarker},
		{name: "Assigned with none", seed: []fakeiam.Option{fakeiam.VirtualMFADevice("a")}, call: listVirtualMFA(types.AssignmentStatusTypeAssigned, nil), want: virtualPage("")},
		{name: "a bad marker", call: callOf((*iam.Client).ListVirtualMFADevices, &iam.ListVirtualMFADevicesInput{Marker: aws.String("bad")}), wantErr: invalidMarker},
		{name: "a bad status", call: listVirtualMFA("Some", nil), wantErr: failedConstraints("assignmentStatus", enumValueSet)},
	})
}

// TestVirtualMFAPagesFollowChanges: ListVirtualMFADevices answered again
// after a device or a user changes shows the change (the fake shares the
// whole list's answer until then), and one asked another way is
// answered for that way.
func TestVirtualMFAPagesFollowChanges(t *testing.T) {
	sp := func(steps int) string { return code(t, spareSeed, steps) }
	listed := func(then ...change) []change { return append([]change{do(listVirtualMFA("", nil))}, then...) }
	bobs := assignedTo(bobPhone, userAt("/", "Bob"), bobEnabled)
	newPhone := "arn:aws:iam::" + mfaAccount + ":mfa/new-phone"
	runScenarios(t, seedMFA(), []scenario{
		{name: "a device created", steps: listed(do(createMFA("new-phone", nil))), call: listVirtualMFA("", nil),
			want: virtualPage("", bobs, unassigned(spare), unassigned(newPhone))},
		{name: "a device enabled", steps: listed(do(enableMFA("Alice", spare, sp(-1), sp(0)))), call: listVirtualMFA("", nil),
			want: virtualPage("", bobs, assignedTo(spare, iamUser("/eng/", "Alice", "<id of Alice>", aliceCreated), testNow))},
		{name: "a device deactivated", steps: listed(do(deactivateMFA(bob, bobPhone))), call: listVirtualMFA("", nil),
			want: virtualPage("", unassigned(bobPhone), unassigned(spare))},
		{name: "a device deleted", steps: listed(do(deleteMFA(spare))), call: listVirtualMFA("", nil), want: virtualPage("", bobs)},
		{name: "its user renamed", steps: listed(do(updateUser(&iam.UpdateUserInput{UserName: bob, NewUserName: aws.String("Robert")}))),
			call: listVirtualMFA("", nil), want: virtualPage("", assignedTo(bobPhone, iamUser("/", "Robert", "<id of Bob>", bobCreated), bobEnabled), unassigned(spare))},
		{name: "its user moved", steps: listed(do(updateUser(&iam.UpdateUserInput{UserName: bob, NewPath: aws.String("/x/")}))),
			call: listVirtualMFA("", nil), want: virtualPage("", assignedTo(bobPhone, iamUser("/x/", "Bob", "<id of Bob>", bobCreated), bobEnabled), unassigned(spare))},
		{name: "another status", steps: listed(), call: listVirtualMFA(types.AssignmentStatusTypeAssigned, nil), want: virtualPage("", bobs)},
		{name: "a page of one after the whole list", steps: listed(), call: listVirtualMFA("", aws.Int32(1)), want: virtualPage("<marker>", bobs)},
		{name: "a bad marker after the whole list", steps: listed(), call: callOf((*iam.Client).ListVirtualMFADevices, &iam.ListVirtualMFADevicesInput{Marker: aws.String("bogus")}),
			wantErr: invalidMarker},
	})
}

func TestGetMFADeviceSpec(t *testing.T) {
	runScenarios(t, seedMFA(), []scenario{
		{name: "a user's device (choice: IAM answers for FIDO keys only)", call: getMFA(bob, bobPhone),
			want: &iam.GetMFADeviceOutput{UserName: bob, SerialNumber: aws.String(bobPhone), EnableDate: aws.Time(bobEnabled)}},
		{name: "the caller's own", as: asKey(bobKey.ID), call: getMFA(nil, bobPhone),
			want: &iam.GetMFADeviceOutput{UserName: bob, SerialNumber: aws.String(bobPhone), EnableDate: aws.Time(bobEnabled)}},
		{name: "an unassigned device", call: getMFA(bob, spare), wantErr: noSuchMFA(spare)},
		{name: "another user's", call: getMFA(aws.String("Alice"), bobPhone), wantErr: noSuchMFA(bobPhone)},
		{name: "no such user", call: getMFA(aws.String("Nobody"), bobPhone), wantErr: noSuchUser("Nobody")},
		{name: "a user name of 65 (userNameType)", call: getMFA(aws.String(strings.Repeat("a", 65)), bobPhone), wantErr: failedConstraints("userName", maxLength(64))},
	})
}

func TestMFADeviceTagsSpec(t *testing.T) {
	fifty := make([]types.Tag, 49)
	for i := range fifty {
		fifty[i] = tag(fmt.Sprintf("k%02d", i), "v")
	}
	runScenarios(t, seedMFA(), []scenario{
		{name: "list: sorted by key (byte order: upper case first)", call: listMFATags(spare, nil, nil), want: mfaTagsPage("", tag("Team", "Ops"), tag("team", "ops"))},
		{name: "list: none", call: listMFATags(bobPhone, nil, nil), want: mfaTagsPage("")},
		{name: "list: a page of 1", call: listMFATags(spare, nil, aws.Int32(1)), want: mfaTagsPage("<marker>", tag("Team", "Ops"))},
		{name: "list: the next page", call: listThen((*iam.Client).ListMFADeviceTags, iam.ListMFADeviceTagsInput{SerialNumber: aws.String(spare), MaxItems: aws.Int32(1)}, nil, nil,
			iam.ListMFADeviceTagsInput{SerialNumber: aws.String(spare)}), want: mfaTagsPage("", tag("team", "ops"))},
		{name: "list: no such device", call: listMFATags("arn:aws:iam::"+mfaAccount+":mfa/none", nil, nil), wantErr: noSuchMFA("arn:aws:iam::" + mfaAccount + ":mfa/none")},
		{name: "tag: a new key and a new value for one (case sensitive)", steps: []change{do(tagMFA(spare, tag("team", "dev"), tag("env", "prod")))}, call: listMFATags(spare, nil, nil),
			want: mfaTagsPage("", tag("Team", "Ops"), tag("env", "prod"), tag("team", "dev"))},
		{name: "tag an assigned device", steps: []change{do(tagMFA(bobPhone, tag("owner", "bob")))}, call: listMFATags(bobPhone, nil, nil), want: mfaTagsPage("", tag("owner", "bob"))},
		{name: "tag: over 50 on the device", call: tagMFA(spare, fifty...), wantErr: mfaTagQuota},
		{name: "tag: 50 on the device", call: tagMFA(spare, fifty[:48]...), want: &iam.TagMFADeviceOutput{}},
		{name: "tag: a key twice", call: tagMFA(spare, tag("x", "1"), tag("x", "2")), wantErr: mfaDuplicateTag},
		{name: "tag: aws: reserved", call: tagMFA(spare, tag("AWS:x", "1")), wantErr: reservedTag},
		{name: "tag: the device before the tags", call: tagMFA("arn:aws:iam::"+mfaAccount+":mfa/none", tag("aws:x", "1")), wantErr: noSuchMFA("arn:aws:iam::" + mfaAccount + ":mfa/none")},
		{name: "untag: by exact key; an unknown key is no error", steps: []change{do(untagMFA(spare, "team", "nothing"))}, call: listMFATags(spare, nil, nil), want: mfaTagsPage("", tag("Team", "Ops"))},
		{name: "untag: no such device", call: untagMFA("arn:aws:iam::"+mfaAccount+":mfa/none", "k"), wantErr: noSuchMFA("arn:aws:iam::" + mfaAccount + ":mfa/none")},
		{name: "tags are not in ListVirtualMFADevices", call: listVirtualMFA(types.AssignmentStatusTypeUnassigned, nil), want: virtualPage("", unassigned(spare))},
	})
}

// TestAccountSummaryCountsMFADevices: MFADevices counts the account's
// virtual devices, MFADevicesInUse the enabled ones.
func TestAccountSummaryCountsMFADevices(t *testing.T) {
	f := newFake(seedMFA(fakeiam.Account("210987654321", fakeiam.VirtualMFADevice("elsewhere")))...)
	ctx := context.Background()
	c := f.Client()
	read := func() [2]int32 {
		out, err := c.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
		if err != nil {
			t.Fatal(err)
		}
		return [2]int32{out.SummaryMap["MFADevices"], out.SummaryMap["MFADevicesInUse"]}
	}
	steps := []struct {
		name string
		do   func() error
		want [2]int32
	}{
		{"seeded: two, one in use", func() error { return nil }, [2]int32{2, 1}},
		{"a new device", func() error {
			_, err := c.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("n")})
			return err
		}, [2]int32{3, 1}},
		{"the spare enabled", func() error {
			c1, c2, err := f.MFACodes(spare)
			if err != nil {
				return err
			}
			_, err = c.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{UserName: aws.String("Alice"), SerialNumber: aws.String(spare), AuthenticationCode1: &c1, AuthenticationCode2: &c2})
			return err
		}, [2]int32{3, 2}},
		{"Bob's deactivated", func() error {
			_, err := c.DeactivateMFADevice(ctx, &iam.DeactivateMFADeviceInput{UserName: bob, SerialNumber: aws.String(bobPhone)})
			return err
		}, [2]int32{3, 1}},
		{"Bob's deleted", func() error {
			_, err := c.DeleteVirtualMFADevice(ctx, &iam.DeleteVirtualMFADeviceInput{SerialNumber: aws.String(bobPhone)})
			return err
		}, [2]int32{2, 1}},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if diff := cmp.Diff(s.want, read()); diff != "" {
			t.Errorf("%s: [MFADevices MFADevicesInUse] (-want +got):\n%s", s.name, diff)
		}
	}
}

// TestMFACodesFollowTheFakesClock: MFACodes gives what EnableMFADevice
// accepts at the fake's time, whatever the machine's clock says, and
// follows Advance.
func TestMFACodesFollowTheFakesClock(t *testing.T) {
	f := newFake(seedMFA(fakeiam.WithFixedTime(time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)))...)
	c1, c2, err := f.MFACodes(spare)
	if err != nil {
		t.Fatal(err)
	}
	at := f.Now()
	w1, _ := fakeiam.MFACode(spareSeed, at.Add(-30*time.Second))
	w2, _ := fakeiam.MFACode(spareSeed, at)
	if diff := cmp.Diff([2]string{w1, w2}, [2]string{c1, c2}); diff != "" {
		t.Errorf("MFACodes (-want +got):\n%s", diff)
	}
	if err := f.Advance(time.Hour); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	_, err = f.Client().EnableMFADevice(ctx, &iam.EnableMFADeviceInput{UserName: aws.String("Alice"), SerialNumber: aws.String(spare), AuthenticationCode1: &c1, AuthenticationCode2: &c2})
	if diff := cmp.Diff(badCodes.Message, errorMessage(err)); diff != "" {
		t.Errorf("an hour-old pair (-want +got):\n%s", diff)
	}
	c1, c2, _ = f.MFACodes(spare)
	if _, err := f.Client().EnableMFADevice(ctx, &iam.EnableMFADeviceInput{UserName: aws.String("Alice"), SerialNumber: aws.String(spare), AuthenticationCode1: &c1, AuthenticationCode2: &c2}); err != nil {
		t.Errorf("the codes after Advance: %v", err)
	}
	if _, _, err := f.MFACodes("arn:aws:iam::" + mfaAccount + ":mfa/none"); err == nil {
		t.Error("MFACodes of no device: no error")
	}
}

func errorMessage(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ErrorMessage()
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestMFADeviceSeeds(t *testing.T) {
	tests := []struct {
		name string
		seed []fakeiam.Option
		want []string
	}{
		{"a bad name", []fakeiam.Option{fakeiam.VirtualMFADevice("bad name")}, []string{`virtual MFA device "bad name": 1 validation error detected: Value at 'virtualMFADeviceName'`}},
		{"a bad path", []fakeiam.Option{fakeiam.VirtualMFADevice("d").Path("x")}, []string{`virtual MFA device "d": The specified value for path is invalid`}},
		{"a name twice, ignoring case", []fakeiam.Option{fakeiam.VirtualMFADevice("d"), fakeiam.VirtualMFADevice("D")}, []string{`virtual MFA device "D": and "d": device names are unique regardless of case`}},
		{"a seed that is not Base32", []fakeiam.Option{fakeiam.VirtualMFADevice("d").Seed("jbswy3dp")}, []string{`virtual MFA device "d": seed "jbswy3dp": a seed is Base32`}},
		{"a user not in the account", []fakeiam.Option{fakeiam.VirtualMFADevice("d").EnabledFor("Nobody")}, []string{`virtual MFA device "d": enabled for "Nobody": no such user in the account`}},
		{"an enable date without a user", []fakeiam.Option{fakeiam.VirtualMFADevice("d").EnabledAt(testNow)}, []string{`virtual MFA device "d": an enable date without a user`}},
		{"a reserved tag", []fakeiam.Option{fakeiam.VirtualMFADevice("d").Tag("aws:k", "v")}, []string{`virtual MFA device "d": Tag keys beginning with aws: are reserved`}},
		{"every problem named", []fakeiam.Option{fakeiam.VirtualMFADevice("d").Seed("1").EnabledFor("X")}, []string{`seed "1"`, `enabled for "X"`}},
	}
	nine := []fakeiam.Option{fakeiam.User("Bob")}
	for i := range 9 {
		nine = append(nine, fakeiam.VirtualMFADevice(fmt.Sprint("d", i)).EnabledFor("Bob"))
	}
	tests = append(tests, struct {
		name string
		seed []fakeiam.Option
		want []string
	}{"a ninth device for a user", nine, []string{`virtual MFA device "d8": enabled for "Bob": over the quota of 8 MFA devices per user`}})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newFakeE(tt.seed...)
			if err == nil {
				t.Fatal("New: no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("New: %v\nwant it to say %q", err, w)
				}
			}
		})
	}
}

// ExampleMFACode: a test seeds a device with a known secret and computes
// the codes its production code would read from a phone, at the fake's
// time.
func ExampleMFACode() {
	f := fakeiam.MustNew(
		fakeiam.WithFixedTime(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)),
		fakeiam.User("Bob"),
		fakeiam.VirtualMFADevice("bob-phone").Seed("JBSWY3DPEHPK3PXP"),
	)
	code1, code2, err := f.MFACodes("arn:aws:iam::123456789012:mfa/bob-phone")
	if err != nil {
		panic(err)
	}
	_, err = f.Client().EnableMFADevice(context.Background(), &iam.EnableMFADeviceInput{
		UserName: aws.String("Bob"), SerialNumber: aws.String("arn:aws:iam::123456789012:mfa/bob-phone"),
		AuthenticationCode1: aws.String(code1), AuthenticationCode2: aws.String(code2),
	})
	now, _ := fakeiam.MFACode("JBSWY3DPEHPK3PXP", f.Now())
	fmt.Println(code1, code2, now == code2, err)
	// Output: 849280 260025 true <nil>
}

// The MFA lists' rows of listOperations (list_behaviors_test.go).
var (
	// ListMFADevices: the devices enabled for the user, in the order
	// enabled; a new one enabled comes last, a deactivated one leaves.
	mfaDevicesListed = listOperation{op: fakeiam.ListMFADevices, perUser: true,
		named: func(owner string, n int) []fakeiam.Option {
			opts := []fakeiam.Option{fakeiam.MFADevicesPerUser(n + 10)}
			for i := range n {
				opts = append(opts, fakeiam.VirtualMFADevice(fmt.Sprintf("%s-d%03d", owner, 2*i)).EnabledFor(owner))
			}
			return opts
		},
		list: func(user string, m *string, n *int32) call { return listMFA(&user, m, n) },
		ids:  itemIDs("MFADevices", "SerialNumber"),
		add: func(user string, i int) call {
			return func(ctx context.Context, c *iam.Client, r *run) (any, error) {
				out, err := c.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String(fmt.Sprintf("%s-d%03d", user, 2*i+1))})
				if err != nil {
					return nil, err
				}
				c1, c2, err := r.f.MFACodes(*out.VirtualMFADevice.SerialNumber)
				if err != nil {
					return nil, err
				}
				return c.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{UserName: &user, SerialNumber: out.VirtualMFADevice.SerialNumber, AuthenticationCode1: &c1, AuthenticationCode2: &c2})
			}
		},
		remove: func(user, id string) call { return deactivateMFA(&user, id) }}
	// ListVirtualMFADevices: the account's devices in creation order.
	virtualMFADevicesListed = listOperation{op: fakeiam.ListVirtualMFADevices,
		named: func(_ string, n int) []fakeiam.Option {
			var opts []fakeiam.Option
			for i := range n {
				opts = append(opts, fakeiam.VirtualMFADevice(fmt.Sprintf("dev%03d", 2*i)))
			}
			return opts
		},
		list: func(_ string, m *string, n *int32) call {
			return callOf((*iam.Client).ListVirtualMFADevices, &iam.ListVirtualMFADevicesInput{Marker: m, MaxItems: n})
		},
		ids: itemIDs("VirtualMFADevices", "SerialNumber"),
		add: func(_ string, i int) call {
			return callOf((*iam.Client).CreateVirtualMFADevice, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String(fmt.Sprintf("dev%03dx", 2*i+1))})
		},
		remove: func(_, id string) call { return deleteMFA(id) }}
	// ListMFADeviceTags: the tags of the device named as the owner, in the
	// caller's account, sorted by key.
	mfaDeviceTagsListed = listOperation{op: fakeiam.ListMFADeviceTags, perUser: true, most: 50,
		named: func(owner string, n int) []fakeiam.Option {
			d := fakeiam.VirtualMFADevice(owner)
			for i := range n {
				d = d.Tag(fmt.Sprintf("key%03d", 2*i), "v")
			}
			return []fakeiam.Option{d}
		},
		list: func(owner string, m *string, n *int32) call {
			return onDevice(owner, func(serial string) call { return listMFATags(serial, m, n) })
		},
		ids: itemIDs("Tags", "Key"),
		add: func(owner string, i int) call {
			return onDevice(owner, func(serial string) call { return tagMFA(serial, tag(fmt.Sprintf("key%03d", 2*i+1), "v")) })
		},
		remove: func(owner, id string) call {
			return onDevice(owner, func(serial string) call { return untagMFA(serial, id) })
		}}
)

// onDevice calls c with the serial number of the device name in the
// caller's account: the other account's when the client signs with
// otherRootKey (no call is made to ask: the reference client answers only
// the call under test).
func onDevice(name string, c func(serial string) call) call {
	return func(ctx context.Context, cl *iam.Client, r *run) (any, error) {
		acct := mfaAccount
		if p := cl.Options().Credentials; p != nil { // the reference client has none: the serial is not read
			creds, err := p.Retrieve(ctx)
			if err != nil {
				return nil, err
			}
			if creds.AccessKeyID == otherRootKey.ID {
				acct = otherAccount
			}
		}
		return c("arn:aws:iam::"+acct+":mfa/"+name)(ctx, cl, r)
	}
}

// TestMFADevicesFaultsCallsAndSweep: the operations are in the operation
// table, so fault rules target them, the call log keeps their answers
// (Create's seed and QR code included, as CreateAccessKey's secret: the
// log is the test's own record of what its code was told), the control
// API shows a logged Create as the SDK answer has it and nothing more, and
// Sweep fails each call of a device's life in turn.
func TestMFADevicesFaultsCallsAndSweep(t *testing.T) {
	ctx := context.Background()
	c := newControlled(t, seedMFA()...)
	c.f.Inject(fakeiam.Rule{Operation: fakeiam.EnableMFADevice, Then: fakeiam.Fail(&fakeiam.Error{Code: "ConcurrentModification", Status: 409, Message: "busy"})})
	c1, c2, err := c.f.MFACodes(spare)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.iam.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{UserName: aws.String("Alice"), SerialNumber: aws.String(spare), AuthenticationCode1: &c1, AuthenticationCode2: &c2})
	var cm *types.ConcurrentModificationException
	if !errors.As(err, &cm) {
		t.Errorf("EnableMFADevice under a rule: %v, want ConcurrentModificationException", err)
	}
	c.f.ClearFaults()
	made, err := c.iam.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("logged")})
	if err != nil {
		t.Fatal(err)
	}
	calls := logged(t, c.f, fakeiam.CreateVirtualMFADevice)
	if len(calls) != 1 {
		t.Fatalf("%d creates logged, want 1", len(calls))
	}
	if diff := cmp.Diff(made.VirtualMFADevice, calls[0].Output.(*iam.CreateVirtualMFADeviceOutput).VirtualMFADevice, cmpOutputs); diff != "" {
		t.Errorf("logged CreateVirtualMFADevice output (-want +got):\n%s", diff)
	}
	shown := c.getCalls(t, "?operation=CreateVirtualMFADevice")
	if len(shown) != 1 {
		t.Fatalf("control API: %d creates, want 1", len(shown))
	}
	want := map[string]any{"virtualMFADevice": map[string]any{
		"serialNumber":     *made.VirtualMFADevice.SerialNumber,
		"base32StringSeed": base64.StdEncoding.EncodeToString(made.VirtualMFADevice.Base32StringSeed),
		"qRCodePNG":        base64.StdEncoding.EncodeToString(made.VirtualMFADevice.QRCodePNG), // the control API's rule: the first letter lowered
	}}
	if diff := cmp.Diff(want, shown[0]["output"]); diff != "" {
		t.Errorf("control API's logged create (-want +got):\n%s", diff)
	}

	var failed []fakeiam.Operation
	fakeiam.Sweep(t, fakeiam.ServiceFailure(), func(t *testing.T, f *fakeiam.Fake, failing *fakeiam.SweepCall) {
		c := f.Client()
		serial := aws.String("arn:aws:iam::" + mfaAccount + ":mfa/swept")
		_, err1 := c.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("swept")})
		c1, c2, _ := f.MFACodes(*serial)
		errs := []error{err1}
		for _, call := range []func() error{
			func() error {
				_, err := c.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{UserName: bob, SerialNumber: serial, AuthenticationCode1: &c1, AuthenticationCode2: &c2})
				return err
			},
			func() error {
				_, err := c.ResyncMFADevice(ctx, &iam.ResyncMFADeviceInput{UserName: bob, SerialNumber: serial, AuthenticationCode1: &c1, AuthenticationCode2: &c2})
				return err
			},
			func() error { _, err := c.ListMFADevices(ctx, &iam.ListMFADevicesInput{UserName: bob}); return err },
			func() error { _, err := c.ListVirtualMFADevices(ctx, &iam.ListVirtualMFADevicesInput{}); return err },
			func() error {
				_, err := c.GetMFADevice(ctx, &iam.GetMFADeviceInput{UserName: bob, SerialNumber: serial})
				return err
			},
			func() error {
				_, err := c.TagMFADevice(ctx, &iam.TagMFADeviceInput{SerialNumber: serial, Tags: []types.Tag{tag("k", "v")}})
				return err
			},
			func() error {
				_, err := c.ListMFADeviceTags(ctx, &iam.ListMFADeviceTagsInput{SerialNumber: serial})
				return err
			},
			func() error {
				_, err := c.UntagMFADevice(ctx, &iam.UntagMFADeviceInput{SerialNumber: serial, TagKeys: []string{"k"}})
				return err
			},
			func() error {
				_, err := c.DeactivateMFADevice(ctx, &iam.DeactivateMFADeviceInput{UserName: bob, SerialNumber: serial})
				return err
			},
			func() error {
				_, err := c.DeleteVirtualMFADevice(ctx, &iam.DeleteVirtualMFADeviceInput{SerialNumber: serial})
				return err
			},
		} {
			errs = append(errs, call())
		}
		if failing == nil {
			if err := errors.Join(errs...); err != nil {
				t.Errorf("clean run: %v", err)
			}
			return
		}
		failed = append(failed, failing.Operation)
		if errs[failing.N-1] == nil {
			t.Errorf("%v: no error", failing)
		}
	}, fakeiam.User("Bob"), fakeiam.WithFixedTime(testNow))
	wantOps := []fakeiam.Operation{fakeiam.CreateVirtualMFADevice, fakeiam.EnableMFADevice, fakeiam.ResyncMFADevice, fakeiam.ListMFADevices, fakeiam.ListVirtualMFADevices,
		fakeiam.GetMFADevice, fakeiam.TagMFADevice, fakeiam.ListMFADeviceTags, fakeiam.UntagMFADevice, fakeiam.DeactivateMFADevice, fakeiam.DeleteVirtualMFADevice}
	if diff := cmp.Diff(wantOps, failed); diff != "" {
		t.Errorf("calls swept (-want +got):\n%s", diff)
	}
}

// FuzzMFACode: any seed text and time give six digits or an error, never a
// panic; a seed and its lower-case, spaced form give the same code.
func FuzzMFACode(f *testing.F) {
	f.Add("JBSWY3DPEHPK3PXP", int64(59))
	f.Add("gezd gnbv gy3t qojq", int64(-1))
	f.Add("====", int64(1<<62))
	f.Add("", int64(0))
	six := regexp.MustCompile(`^[0-9]{6}$`)
	f.Fuzz(func(t *testing.T, seed string, unix int64) {
		at := time.Unix(unix, 0)
		code, err := fakeiam.MFACode(seed, at)
		if err != nil {
			return
		}
		if !six.MatchString(code) {
			t.Fatalf("MFACode(%q, %d) = %q, want six digits", seed, unix, code)
		}
		if again, err := fakeiam.MFACode(" "+strings.ToLower(seed)+" ", at); err != nil || again != code {
			t.Fatalf("MFACode of the lower-case seed: %q, %v; want %q", again, err, code)
		}
	})
}

// TestMFAAccessDenied: what AccessDenied names for each MFA operation.
func TestMFAAccessDenied(t *testing.T) {
	deny := func(op fakeiam.Operation) []change {
		return []change{inject(fakeiam.Rule{Operation: op, Then: fakeiam.AccessDenied()})}
	}
	runScenarios(t, seedMFA(), []scenario{
		{name: "CreateVirtualMFADevice: the ARN it would have", steps: deny(fakeiam.CreateVirtualMFADevice), call: createMFA("n", aws.String("/p/")),
			wantErr: ruleDenied(rootARN, fakeiam.CreateVirtualMFADevice, "arn:aws:iam::"+mfaAccount+":mfa/p/n")},
		{name: "DeleteVirtualMFADevice: the serial number", steps: deny(fakeiam.DeleteVirtualMFADevice), call: deleteMFA(spare),
			wantErr: ruleDenied(rootARN, fakeiam.DeleteVirtualMFADevice, spare)},
		{name: "TagMFADevice", steps: deny(fakeiam.TagMFADevice), call: tagMFA(spare, tag("k", "v")), wantErr: ruleDenied(rootARN, fakeiam.TagMFADevice, spare)},
		{name: "UntagMFADevice", steps: deny(fakeiam.UntagMFADevice), call: untagMFA(spare, "k"), wantErr: ruleDenied(rootARN, fakeiam.UntagMFADevice, spare)},
		{name: "ListMFADeviceTags", steps: deny(fakeiam.ListMFADeviceTags), call: listMFATags(spare, nil, nil), wantErr: ruleDenied(rootARN, fakeiam.ListMFADeviceTags, spare)},
		{name: "ListVirtualMFADevices: *", steps: deny(fakeiam.ListVirtualMFADevices), call: listVirtualMFA("", nil), wantErr: ruleDenied(rootARN, fakeiam.ListVirtualMFADevices, "*")},
		{name: "EnableMFADevice: the user", steps: deny(fakeiam.EnableMFADevice), call: enableMFA("Alice", spare, "000000", "000001"),
			wantErr: ruleDenied(rootARN, fakeiam.EnableMFADevice, "user Alice")},
		{name: "ResyncMFADevice: the user", steps: deny(fakeiam.ResyncMFADevice), call: resyncMFA("Bob", bobPhone, "000000", "000001"),
			wantErr: ruleDenied(rootARN, fakeiam.ResyncMFADevice, "user Bob")},
		{name: "DeactivateMFADevice: the user", steps: deny(fakeiam.DeactivateMFADevice), call: deactivateMFA(bob, bobPhone), wantErr: ruleDenied(rootARN, fakeiam.DeactivateMFADevice, "user Bob")},
		{name: "ListMFADevices: the user", steps: deny(fakeiam.ListMFADevices), call: listMFA(bob, nil, nil), wantErr: ruleDenied(rootARN, fakeiam.ListMFADevices, "user Bob")},
		{name: "GetMFADevice: the user", steps: deny(fakeiam.GetMFADevice), call: getMFA(bob, bobPhone), wantErr: ruleDenied(rootARN, fakeiam.GetMFADevice, "user Bob")},
	})
}

// TestCredentialReportMFAActive: the report's mfa_active is true for a user
// with a device enabled, false for the others and the root.
func TestCredentialReportMFAActive(t *testing.T) {
	f := newFake(seedMFA()...)
	ctx := context.Background()
	if _, err := f.Client().GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{}); err != nil {
		t.Fatal(err)
	}
	out, err := f.Client().GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(bytes.NewReader(out.Content)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(records[0], "mfa_active")
	got := map[string]string{}
	for _, r := range records[1:] {
		got[r[0]] = r[col]
	}
	if diff := cmp.Diff(map[string]string{"<root_account>": "false", "Alice": "false", "Bob": "true"}, got); diff != "" {
		t.Errorf("mfa_active (-want +got):\n%s", diff)
	}
}

// TestVirtualMFAListAnswersKeep: the account's list of virtual MFA
// devices is written in place (state.go), so what a ListVirtualMFADevices
// answered, to the caller and in the call log, must not be the list: a
// deletion that shifts the devices after it, then creations into the
// room it left, change neither.
func TestVirtualMFAListAnswersKeep(t *testing.T) {
	ctx := context.Background()
	f := newFake(fakeiam.VirtualMFADevice("a"), fakeiam.VirtualMFADevice("b"), fakeiam.VirtualMFADevice("c"))
	c := f.Client()
	serials := func(out *iam.ListVirtualMFADevicesOutput) []string {
		var s []string
		for _, d := range out.VirtualMFADevices {
			s = append(s, *d.SerialNumber)
		}
		return s
	}
	held, err := c.ListVirtualMFADevices(ctx, &iam.ListVirtualMFADevicesInput{})
	if err != nil {
		t.Fatal(err)
	}
	want := serials(held)
	if len(want) != 3 {
		t.Fatalf("listed %v, want the 3 seeded", want)
	}
	if _, err := c.DeleteVirtualMFADevice(ctx, &iam.DeleteVirtualMFADeviceInput{SerialNumber: aws.String(want[0])}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"d", "e"} {
		if _, err := c.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String(name)}); err != nil {
			t.Fatal(err)
		}
	}
	calls := logged(t, f, fakeiam.ListVirtualMFADevices)
	if len(calls) != 1 {
		t.Fatalf("%d ListVirtualMFADevices calls logged, want 1", len(calls))
	}
	if diff := cmp.Diff(want, serials(calls[0].Output.(*iam.ListVirtualMFADevicesOutput))); diff != "" {
		t.Errorf("the logged answer changed (-answered +logged now):\n%s", diff)
	}
	if diff := cmp.Diff(want, serials(held)); diff != "" {
		t.Errorf("the caller's answer changed (-answered +held now):\n%s", diff)
	}
	now, err := c.ListVirtualMFADevices(ctx, &iam.ListVirtualMFADevicesInput{})
	if err != nil {
		t.Fatal(err)
	}
	acct := "arn:aws:iam::123456789012:mfa/"
	if diff := cmp.Diff([]string{acct + "b", acct + "c", acct + "d", acct + "e"}, serials(now)); diff != "" {
		t.Errorf("listed after the changes (-want +got):\n%s", diff)
	}
}
