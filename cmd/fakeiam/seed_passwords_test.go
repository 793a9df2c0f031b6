package main

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// A seed file's login profiles and password policies: read into the
// builders, their problems named at their place in the file.
func TestSeedPasswords(t *testing.T) {
	opts, err := parseSeed([]byte(`{
 "passwordPolicy": {"minimumPasswordLength": 12, "requireSymbols": true, "passwordReusePrevention": 5, "hardExpiry": false},
 "users": [{"name": "Bob", "createDate": "2024-01-01T00:00:00Z", "loginProfile": {"password": "Bob-password-1", "passwordResetRequired": true, "createDate": "2025-01-02T03:04:05Z"}}],
 "accounts": [{"id": "210987654321", "users": [{"name": "Bob", "loginProfile": {"password": "Bob-pass-1"}}]}]}`), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f, err := fakeiam.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c := f.Client()
	profile, err := c.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: aws.String("Bob")})
	if err != nil {
		t.Fatal(err)
	}
	ignore := cmpopts.IgnoreUnexported(types.LoginProfile{}, types.PasswordPolicy{})
	want := &types.LoginProfile{UserName: aws.String("Bob"), CreateDate: aws.Time(time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)), PasswordResetRequired: true}
	if diff := cmp.Diff(want, profile.LoginProfile, ignore); diff != "" {
		t.Errorf("seeded profile (-want +got):\n%s", diff)
	}
	policy, err := c.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
	if err != nil {
		t.Fatal(err)
	}
	wantPolicy := &types.PasswordPolicy{MinimumPasswordLength: aws.Int32(12), RequireSymbols: true, PasswordReusePrevention: aws.Int32(5), HardExpiry: aws.Bool(false)}
	if diff := cmp.Diff(wantPolicy, policy.PasswordPolicy, ignore); diff != "" {
		t.Errorf("seeded policy (-want +got):\n%s", diff)
	}
}

func TestSeedPasswordProblems(t *testing.T) {
	for _, tc := range []struct {
		name, seed string
		want       []string
	}{
		{name: "the default policy",
			seed: `{"users": [{"name": "Bob", "loginProfile": {"password": "short"}}, {"name": "Alice", "loginProfile": {"password": "lowercase123"}}]}`,
			want: []string{
				`users[0].loginProfile.password: user "Bob": login profile: Password should have a minimum length of 8 (IAM's default password policy: the account has none)`,
				`users[1].loginProfile.password: user "Alice": login profile: Password should have at least three of the following: uppercase letters, lowercase letters, numbers and symbols (IAM's default password policy: the account has none)`,
			}},
		{name: "the account's policy",
			seed: `{"accounts": [{"id": "210987654321", "passwordPolicy": {"requireSymbols": true}, "users": [{"name": "Bob", "loginProfile": {"password": "BobPass1"}}]}]}`,
			want: []string{
				`accounts[0].users[0].loginProfile.password: user "Bob": login profile: Password should have at least one symbol (the account's password policy)`,
			}},
		{name: "a policy out of range, and a password checked against the default then",
			seed: `{"passwordPolicy": {"minimumPasswordLength": 5, "maxPasswordAge": 1096}, "users": [{"name": "Bob", "loginProfile": {"password": "abcde"}}]}`,
			want: []string{
				"passwordPolicy: 2 validation errors detected: Value at 'minimumPasswordLength' failed to satisfy constraint: Member must have value greater than or equal to 6; " +
					"Value at 'maxPasswordAge' failed to satisfy constraint: Member must have value less than or equal to 1095",
				`users[0].loginProfile.password: user "Bob": login profile: Password should have a minimum length of 8 (IAM's default password policy: the account has none)`,
			}},
		{name: "no password, a bad date, a role's and the root's",
			seed: `{"users": [{"name": "Bob", "loginProfile": {}}, {"name": "Alice", "loginProfile": {"password": "Alice-pass-1", "createDate": "soon"}}],
 "roles": [{"name": "deployer", "loginProfile": {"password": "x"}}], "root": {"loginProfile": {"password": "x"}}}`,
			want: []string{
				"root.loginProfile: the root user's password is not an IAM login profile",
				`users[0].loginProfile.password: user "Bob": login profile: 1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length greater than or equal to 1`,
				`users[1].loginProfile.createDate: "soon" is not an RFC 3339 time such as 2013-06-06T21:40:08Z`,
				"roles[0].loginProfile: roles have no login profile",
			}},
		{name: "created before its user",
			seed: `{"users": [{"name": "Bob", "createDate": "2024-01-01T00:00:00Z", "loginProfile": {"password": "Bob-pass-1", "createDate": "2023-12-31T23:59:59Z"}}]}`,
			want: []string{
				`users[0].loginProfile.createDate: user "Bob": login profile: CreateDate 2023-12-31T23:59:59Z is before the user's creation, 2024-01-01T00:00:00Z`,
			}},
		{name: "wrong JSON types",
			seed: `{"passwordPolicy": {"minimumPasswordLength": "12", "requireSymbols": 1}, "users": [{"name": "Bob", "loginProfile": {"password": 12345678}}]}`,
			want: []string{
				"line 1, column 46: passwordPolicy.minimumPasswordLength: want number (an integer), got JSON string",
				"line 1, column 70: passwordPolicy.requireSymbols: want boolean, got JSON number",
				"line 1, column 129: users[0].loginProfile.password: want string, got JSON number",
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := seedProblems(t, writeFiles(t, map[string]string{"seed.json": tc.seed}))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}
