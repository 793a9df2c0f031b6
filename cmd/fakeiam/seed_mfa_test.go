package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// A seed file's MFA devices: one enabled for a user with a known seed (its
// codes enable nothing twice, but resync it), one unassigned and tagged.
func TestSeedMFADevices(t *testing.T) {
	seed := `{"users": [{"name": "Bob"}],
 "mfaDevices": [{"name": "bob-phone", "seed": "JBSWY3DPEHPK3PXP", "user": "bob", "enableDate": "2020-02-03T04:05:06Z"},
                {"name": "spare", "path": "/ops/", "tags": [{"key": "team", "value": "ops"}]}]}`
	opts, err := parseSeed([]byte(seed), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f, err := fakeiam.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c := f.Client()
	out, err := c.ListVirtualMFADevices(ctx, &iam.ListVirtualMFADevicesInput{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range out.VirtualMFADevices {
		line := *d.SerialNumber
		if d.User != nil {
			line += " " + *d.User.UserName + " " + d.EnableDate.Format(time.RFC3339)
		}
		got = append(got, line)
	}
	want := []string{"arn:aws:iam::123456789012:mfa/bob-phone Bob 2020-02-03T04:05:06Z", "arn:aws:iam::123456789012:mfa/ops/spare"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the seeded devices (-want +got):\n%s", diff)
	}
	c1, _ := fakeiam.MFACode("JBSWY3DPEHPK3PXP", f.Now().Add(-30*time.Second))
	c2, _ := fakeiam.MFACode("JBSWY3DPEHPK3PXP", f.Now())
	if _, err := c.ResyncMFADevice(ctx, &iam.ResyncMFADeviceInput{UserName: aws.String("Bob"), SerialNumber: aws.String("arn:aws:iam::123456789012:mfa/bob-phone"),
		AuthenticationCode1: &c1, AuthenticationCode2: &c2}); err != nil {
		t.Errorf("resync with the seed's codes: %v", err)
	}
	tags, err := c.ListMFADeviceTags(ctx, &iam.ListMFADeviceTagsInput{SerialNumber: aws.String("arn:aws:iam::123456789012:mfa/ops/spare")})
	if err != nil || len(tags.Tags) != 1 || *tags.Tags[0].Key != "team" {
		t.Errorf("the spare's tags: %v, %v", tags, err)
	}
}

// Every problem of a file's MFA devices is named once, at its place.
func TestSeedMFADeviceProblems(t *testing.T) {
	var nine []string
	for i := range 9 {
		nine = append(nine, fmt.Sprintf(`{"name": "d%d", "user": "Bob"}`, i))
	}
	for _, tc := range []struct {
		name, seed string
		want       []string
	}{
		{name: "names, paths, seeds, users, tags",
			seed: `{"users": [{"name": "Bob"}], "mfaDevices": [
  {"name": "phone", "user": "Carol"},
  {"name": "PHONE"},
  {"name": "bad name"},
  {"name": "p", "path": "ops", "seed": "not base32"},
  {"name": "q", "enableDate": "2020-02-03T04:05:06Z", "tags": [{"key": "aws:x", "value": "1"}]},
  {"name": "r", "user": "Bob", "enableDate": "yesterday"}]}`,
			want: []string{
				`mfaDevices[0].user: "Carol" is no user of the account (users lists them)`,
				`mfaDevices[1].name: "PHONE" is the name of mfaDevices[0] ("phone"): device names are unique regardless of case`,
				`mfaDevices[2]: virtual MFA device "bad name": 1 validation error detected: Value at 'virtualMFADeviceName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+`,
				`mfaDevices[3]: virtual MFA device "p": The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`,
				`mfaDevices[3]: virtual MFA device "p": seed "not base32": a seed is Base32, upper case A-Z and 2-7, without padding`,
				`mfaDevices[4]: virtual MFA device "q": Tag keys beginning with aws: are reserved for AWS use.`,
				`mfaDevices[4].enableDate: a device enabled for no user (user) has no enable date`,
				`mfaDevices[5].enableDate: "yesterday" is not an RFC 3339 time such as 2013-06-06T21:40:08Z`,
			}},
		{name: "a user with nine devices", seed: `{"users": [{"name": "Bob"}], "mfaDevices": [` + strings.Join(nine, ",") + `]}`,
			want: []string{`mfaDevices[8].user: "Bob" would have 9 MFA devices, over the quota of 8 per user`}},
		{name: "a negative quota", seed: `{"mfaDevicesPerUser": -1}`, want: []string{"mfaDevicesPerUser: -1: a quota is at least 0"}},
		{name: "an unknown field", seed: `{"mfaDevices": [{"name": "a", "serial": "x"}]}`, want: []string{`line 1, column 31: mfaDevices[0].serial: unknown field`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := seedProblems(t, writeFiles(t, map[string]string{"seed.json": tc.seed}))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
	// The quota the seed file lifts: nine devices for one user.
	opts, err := parseSeed([]byte(`{"mfaDevicesPerUser": 9, "users": [{"name": "Bob"}], "mfaDevices": [`+strings.Join(nine, ",")+`]}`), t.TempDir())
	if err == nil {
		_, err = fakeiam.New(opts...)
	}
	if err != nil {
		t.Errorf("nine devices under a quota of nine: %v, want a fake", err)
	}
}
