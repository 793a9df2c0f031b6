package fakeiam_test

// docs/contract.md, "Passwords": login profiles, ChangePassword and the
// account's password policy, each row through the differential harness
// (both doors and the SDK's decoding of IAM's XML); then seeding, the call
// log's redaction, faults and Sweep.

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// Carol has a password (seedPasswords); Bob and Alice have none.
const carolPassword = "Carol-pass-1"

var (
	carol          = aws.String("Carol")
	carolLoginDate = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
)

// seedPasswords is seedUsers with Carol, who has carolKey and a login
// profile (carolPassword, created at carolLoginDate), plus more.
func seedPasswords(more ...fakeiam.Option) []fakeiam.Option {
	return seedUsers(append([]fakeiam.Option{fakeiam.User("Carol").CreatedAt(bobCreated).AccessKey(carolKey).
		LoginProfile(fakeiam.LoginProfile{Password: carolPassword, CreateDate: carolLoginDate})}, more...)...)
}

func profileOf(user string, created time.Time, reset bool) *types.LoginProfile {
	return &types.LoginProfile{UserName: aws.String(user), CreateDate: aws.Time(created), PasswordResetRequired: reset}
}

func gotProfile(user string, created time.Time, reset bool) *iam.GetLoginProfileOutput {
	return &iam.GetLoginProfileOutput{LoginProfile: profileOf(user, created, reset)}
}

func TestCreateLoginProfileSpec(t *testing.T) {
	strict := updateAccountPasswordPolicy(&iam.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: aws.Int32(12), RequireSymbols: true, RequireNumbers: true,
		RequireUppercaseCharacters: true, RequireLowercaseCharacters: true})
	runScenarios(t, seedPasswords(), []scenario{
		{name: "created", call: createLoginProfile(bob, "Str0ng-pass", false),
			want: &iam.CreateLoginProfileOutput{LoginProfile: profileOf("Bob", testNow, false)}},
		{name: "reset required", call: createLoginProfile(bob, "Str0ng-pass", true),
			want: &iam.CreateLoginProfileOutput{LoginProfile: profileOf("Bob", testNow, true)}},
		{name: "then GetLoginProfile shows it", steps: []change{do(createLoginProfile(bob, "Str0ng-pass", true))}, call: getLoginProfile(bob),
			want: gotProfile("Bob", testNow, true)},
		{name: "the user named in another case: its own name", call: createLoginProfile(aws.String("bOB"), "Str0ng-pass", false),
			want: &iam.CreateLoginProfileOutput{LoginProfile: profileOf("Bob", testNow, false)}},
		{name: "implicit: the calling user", as: asKey(bobKey.ID), call: createLoginProfile(nil, "Str0ng-pass", false),
			want: &iam.CreateLoginProfileOutput{LoginProfile: profileOf("Bob", testNow, false)}},
		{name: "implicit: the root must name a user", as: asKey(rootKey.ID), call: createLoginProfile(nil, "Str0ng-pass", false), wantErr: mustSpecifyUserName},
		{name: "implicit: a role must name a user", as: asKey(roleKey.ID), call: createLoginProfile(nil, "Str0ng-pass", false), wantErr: mustSpecifyUserName},
		{name: "as a role, for a user", as: asKey(roleKey.ID), call: createLoginProfile(bob, "Str0ng-pass", false),
			want: &iam.CreateLoginProfileOutput{LoginProfile: profileOf("Bob", testNow, false)}},

		// Refusals, in IAM's order: validation, the user, its profile, the password.
		{name: "the user has one", call: createLoginProfile(carol, "Str0ng-pass", false), wantErr: loginProfileExists("Carol")},
		{name: "the profile before the policy", call: createLoginProfile(carol, "x", false), wantErr: loginProfileExists("Carol")},
		{name: "no such user", call: createLoginProfile(aws.String("Nobody"), "Str0ng-pass", false), wantErr: noSuchUser("Nobody")},
		{name: "no password", call: callOf((*iam.Client).CreateLoginProfile, &iam.CreateLoginProfileInput{UserName: bob}),
			wantErr: validationError("1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null")},
		{name: "an empty password", call: createLoginProfile(aws.String("Nobody"), "", false), wantErr: failedConstraints("password", minLength(1))},
		{name: "129 characters", call: createLoginProfile(bob, strings.Repeat("Aa1!", 32)+"x", false), wantErr: failedConstraints("password", maxLength(128))},
		{name: "128 characters", call: createLoginProfile(bob, strings.Repeat("Aa1!", 32), false),
			want: &iam.CreateLoginProfileOutput{LoginProfile: profileOf("Bob", testNow, false)}},
		{name: "a character past U+00FF", call: createLoginProfile(bob, "Passw0rd-€", false), wantErr: failedConstraints("password", pattern(passwordPattern))},
		{name: "Latin-1 letters and a tab are allowed", call: createLoginProfile(bob, "Pässwörd\t1", false),
			want: &iam.CreateLoginProfileOutput{LoginProfile: profileOf("Bob", testNow, false)}},
		{name: "userName of 65: the profile's limit is 64", call: createLoginProfile(aws.String(strings.Repeat("b", 65)), "Str0ng-pass", false),
			wantErr: failedConstraints("userName", maxLength(64))},

		// IAM's default policy, while the account has none.
		{name: "default policy: 7 characters", call: createLoginProfile(bob, "Sh0rt-p", false), wantErr: tooShortFor(8)},
		{name: "default policy: 8 characters of three kinds", call: createLoginProfile(bob, "Sh0rt-pa", false),
			want: &iam.CreateLoginProfileOutput{LoginProfile: profileOf("Bob", testNow, false)}},
		{name: "default policy: two kinds", call: createLoginProfile(bob, "lowercase123", false), wantErr: fewerThanThreeKinds},
		{name: "default policy: one kind", call: createLoginProfile(bob, "alllowercase", false), wantErr: fewerThanThreeKinds},
		{name: "default policy: a symbol counts as a kind", call: createLoginProfile(bob, "lowercase-123", false),
			want: &iam.CreateLoginProfileOutput{LoginProfile: profileOf("Bob", testNow, false)}},
		{name: "default policy: a space is no symbol", call: createLoginProfile(bob, "lowercase 123", false), wantErr: fewerThanThreeKinds},

		// The account's policy.
		{name: "policy: the minimum length", steps: []change{do(strict)}, call: createLoginProfile(bob, "Sh0rt-pass!", false), wantErr: tooShortFor(12)},
		{name: "policy: an uppercase letter", steps: []change{do(strict)}, call: createLoginProfile(bob, "long-enough-1", false),
			wantErr: passwordPolicyViolation("Password should have at least one uppercase letter")},
		{name: "policy: a lowercase letter", steps: []change{do(strict)}, call: createLoginProfile(bob, "LONG-ENOUGH-1", false),
			wantErr: passwordPolicyViolation("Password should have at least one lowercase letter")},
		{name: "policy: a number", steps: []change{do(strict)}, call: createLoginProfile(bob, "Long-Enough-x", false),
			wantErr: passwordPolicyViolation("Password should have at least one number")},
		{name: "policy: a symbol", steps: []change{do(strict)}, call: createLoginProfile(bob, "LongEnough123", false),
			wantErr: passwordPolicyViolation("Password should have at least one symbol")},
		{name: "policy: the length first", steps: []change{do(strict)}, call: createLoginProfile(bob, "short", false), wantErr: tooShortFor(12)},
		{name: "policy: met", steps: []change{do(strict)}, call: createLoginProfile(bob, "Long-Enough-1", false),
			want: &iam.CreateLoginProfileOutput{LoginProfile: profileOf("Bob", testNow, false)}},
		{name: "policy: a minimum of 6 replaces the default's 8", steps: []change{do(updateAccountPasswordPolicy(&iam.UpdateAccountPasswordPolicyInput{}))},
			call: createLoginProfile(bob, "abcdef", false), want: &iam.CreateLoginProfileOutput{LoginProfile: profileOf("Bob", testNow, false)}},
		{name: "policy deleted: the default again", steps: []change{do(updateAccountPasswordPolicy(&iam.UpdateAccountPasswordPolicyInput{})), do(deleteAccountPasswordPolicy())},
			call: createLoginProfile(bob, "abcdef", false), wantErr: tooShortFor(8)},
	})
}

func TestGetLoginProfileSpec(t *testing.T) {
	runScenarios(t, seedPasswords(), []scenario{
		{name: "seeded", call: getLoginProfile(carol), want: gotProfile("Carol", carolLoginDate, false)},
		{name: "implicit: the calling user", as: asKey(carolKey.ID), call: getLoginProfile(nil), want: gotProfile("Carol", carolLoginDate, false)},
		{name: "as the user, for itself", as: asKey(carolKey.ID), call: getLoginProfile(carol), want: gotProfile("Carol", carolLoginDate, false)},
		{name: "implicit: the root must name a user", as: asKey(rootKey.ID), call: getLoginProfile(nil), wantErr: mustSpecifyUserName},
		{name: "implicit: a role must name a user", as: asKey(roleKey.ID), call: getLoginProfile(nil), wantErr: mustSpecifyUserName},
		{name: "after a rename: the new name", steps: []change{do(updateUser(&iam.UpdateUserInput{UserName: carol, NewUserName: aws.String("Caroline")}))},
			call: getLoginProfile(aws.String("Caroline")), want: gotProfile("Caroline", carolLoginDate, false)},
		{name: "a user without one", call: getLoginProfile(bob), wantErr: noSuchLoginProfile("Bob")},
		{name: "a user without one, named in another case", call: getLoginProfile(aws.String("BOB")), wantErr: noSuchLoginProfile("Bob")},
		{name: "no such user", call: getLoginProfile(aws.String("Nobody")), wantErr: noSuchUser("Nobody")},
		{name: "a user deleted and created again has none", steps: []change{do(deleteLoginProfile(carol)), do(deleteAccessKey(carol, carolKey.ID)),
			do(deleteUser("Carol")), do(createUser(&iam.CreateUserInput{UserName: carol}))}, call: getLoginProfile(carol), wantErr: noSuchLoginProfile("Carol")},
		{name: "userName off the pattern", call: getLoginProfile(aws.String("Bob!")), wantErr: invalidName("userName")},
	})
}

func TestUpdateLoginProfileSpec(t *testing.T) {
	reuse2 := updateAccountPasswordPolicy(&iam.UpdateAccountPasswordPolicyInput{PasswordReusePrevention: aws.Int32(2)})
	update := func(user *string, password *string, reset *bool) call {
		return updateLoginProfile(&iam.UpdateLoginProfileInput{UserName: user, Password: password, PasswordResetRequired: reset})
	}
	runScenarios(t, seedPasswords(), []scenario{
		{name: "an empty result", call: update(carol, aws.String("New-pass-1"), nil), want: &iam.UpdateLoginProfileOutput{}},
		{name: "reset required", steps: []change{do(update(carol, nil, aws.Bool(true)))}, call: getLoginProfile(carol),
			want: gotProfile("Carol", carolLoginDate, true)},
		{name: "a password alone keeps the reset flag and the date", steps: []change{do(update(carol, nil, aws.Bool(true))), advance(time.Hour),
			do(update(carol, aws.String("New-pass-1"), nil))}, call: getLoginProfile(carol), want: gotProfile("Carol", carolLoginDate, true)},
		{name: "nothing given: nothing changes", steps: []change{do(update(carol, nil, nil))}, call: getLoginProfile(carol),
			want: gotProfile("Carol", carolLoginDate, false)},
		{name: "the new password is the one ChangePassword checks", steps: []change{do(update(carol, aws.String("New-pass-1"), nil))},
			as: asKey(carolKey.ID), call: changePassword("New-pass-1", "Newer-pass-2"), want: &iam.ChangePasswordOutput{}},
		{name: "the old one no longer is", steps: []change{do(update(carol, aws.String("New-pass-1"), nil))},
			as: asKey(carolKey.ID), call: changePassword(carolPassword, "Newer-pass-2"), wantErr: wrongOldPassword},
		{name: "a user without one", call: update(bob, aws.String("New-pass-1"), nil), wantErr: noSuchLoginProfile("Bob")},
		{name: "no such user", call: update(aws.String("Nobody"), aws.String("New-pass-1"), nil), wantErr: noSuchUser("Nobody")},
		{name: "the default policy", call: update(carol, aws.String("short"), nil), wantErr: tooShortFor(8)},
		{name: "refused: nothing changes", steps: []change{try(update(carol, aws.String("short"), aws.Bool(true)))}, call: getLoginProfile(carol),
			want: gotProfile("Carol", carolLoginDate, false)},
		{name: "reuse: the current password", steps: []change{do(reuse2)}, call: update(carol, aws.String(carolPassword), nil),
			wantErr: passwordPolicyViolation("Password should not be one of your previous 2 passwords")},
		{name: "reuse: the one before", steps: []change{do(reuse2), do(update(carol, aws.String("New-pass-1"), nil))},
			call: update(carol, aws.String(carolPassword), nil), wantErr: passwordPolicyViolation("Password should not be one of your previous 2 passwords")},
		{name: "reuse: older than remembered", steps: []change{do(reuse2), do(update(carol, aws.String("New-pass-1"), nil)), do(update(carol, aws.String("New-pass-2"), nil))},
			call: update(carol, aws.String(carolPassword), nil), want: &iam.UpdateLoginProfileOutput{}},
		{name: "without a policy, reuse is allowed", call: update(carol, aws.String(carolPassword), nil), want: &iam.UpdateLoginProfileOutput{}},
		{name: "a password of 129", call: update(carol, aws.String(strings.Repeat("a", 129)), nil), wantErr: failedConstraints("password", maxLength(128))},
	})
}

func TestDeleteLoginProfileSpec(t *testing.T) {
	runScenarios(t, seedPasswords(), []scenario{
		{name: "an empty result", call: deleteLoginProfile(carol), want: &iam.DeleteLoginProfileOutput{}},
		{name: "then gone", steps: []change{do(deleteLoginProfile(carol))}, call: getLoginProfile(carol), wantErr: noSuchLoginProfile("Carol")},
		{name: "implicit: the calling user", as: asKey(carolKey.ID), call: deleteLoginProfile(nil), want: &iam.DeleteLoginProfileOutput{}},
		{name: "implicit: the root must name a user", as: asKey(rootKey.ID), call: deleteLoginProfile(nil), wantErr: mustSpecifyUserName},
		{name: "a user without one (what offboarding tools expect)", call: deleteLoginProfile(bob), wantErr: noSuchLoginProfile("Bob")},
		{name: "twice", steps: []change{do(deleteLoginProfile(carol))}, call: deleteLoginProfile(carol), wantErr: noSuchLoginProfile("Carol")},
		{name: "no such user", call: deleteLoginProfile(aws.String("Nobody")), wantErr: noSuchUser("Nobody")},
		{name: "created again after", steps: []change{do(deleteLoginProfile(carol))}, call: createLoginProfile(carol, carolPassword, false),
			want: &iam.CreateLoginProfileOutput{LoginProfile: profileOf("Carol", testNow, false)}},
		{name: "the user's earlier passwords stay remembered", steps: []change{do(deleteLoginProfile(carol)),
			do(updateAccountPasswordPolicy(&iam.UpdateAccountPasswordPolicyInput{PasswordReusePrevention: aws.Int32(1)}))},
			call: createLoginProfile(carol, carolPassword, false), wantErr: passwordPolicyViolation("Password should not be one of your previous 1 passwords")},
	})
}

func TestChangePasswordSpec(t *testing.T) {
	seed := seedPasswords(fakeiam.User("Dan").AccessKey(fakeiam.AccessKey{ID: "AKIADANEXAMPLE000001", Secret: "dan-secret"}).
		LoginProfile(fakeiam.LoginProfile{Password: "Dan-pass-1", PasswordResetRequired: true}))
	asCarol, asDan := asKey(carolKey.ID), asKey("AKIADANEXAMPLE000001")
	runScenarios(t, seed, []scenario{
		{name: "an empty result", as: asCarol, call: changePassword(carolPassword, "New-pass-1"), want: &iam.ChangePasswordOutput{}},
		{name: "then the new one is the password", steps: []change{doAs(asCarol, changePassword(carolPassword, "New-pass-1"))},
			as: asCarol, call: changePassword("New-pass-1", "Newer-pass-2"), want: &iam.ChangePasswordOutput{}},
		{name: "and the old one is not", steps: []change{doAs(asCarol, changePassword(carolPassword, "New-pass-1"))},
			as: asCarol, call: changePassword(carolPassword, "Newer-pass-2"), wantErr: wrongOldPassword},
		{name: "the profile keeps its date", steps: []change{advance(time.Hour), doAs(asCarol, changePassword(carolPassword, "New-pass-1"))},
			call: getLoginProfile(carol), want: gotProfile("Carol", carolLoginDate, false)},
		{name: "no longer to be reset", steps: []change{doAs(asDan, changePassword("Dan-pass-1", "New-pass-1"))}, call: getLoginProfile(aws.String("Dan")),
			want: gotProfile("Dan", testNow, false)},
		{name: "a wrong old password", as: asCarol, call: changePassword("Carol-pass-2", "New-pass-1"), wantErr: wrongOldPassword},
		{name: "the old password's case matters", as: asCarol, call: changePassword(strings.ToUpper(carolPassword), "New-pass-1"), wantErr: wrongOldPassword},
		{name: "the old password before the new one's policy", as: asCarol, call: changePassword("wrong", "x"), wantErr: wrongOldPassword},
		{name: "the new one's policy", as: asCarol, call: changePassword(carolPassword, "short"), wantErr: tooShortFor(8)},
		{name: "refused: the old one stays", steps: []change{tryAs(asCarol, changePassword(carolPassword, "short"))},
			as: asCarol, call: changePassword(carolPassword, "New-pass-1"), want: &iam.ChangePasswordOutput{}},
		{name: "reuse prevention", steps: []change{do(updateAccountPasswordPolicy(&iam.UpdateAccountPasswordPolicyInput{PasswordReusePrevention: aws.Int32(24)}))},
			as: asCarol, call: changePassword(carolPassword, carolPassword), wantErr: passwordPolicyViolation("Password should not be one of your previous 24 passwords")},
		{name: "a user without a profile", as: asKey(bobKey.ID), call: changePassword("Any-pass-1", "New-pass-1"), wantErr: noSuchLoginProfile("Bob")},
		{name: "the root user", as: asKey(rootKey.ID), call: changePassword("Any-pass-1", "New-pass-1"), wantErr: notIAMUser},
		{name: "a role", as: asKey(roleKey.ID), call: changePassword("Any-pass-1", "New-pass-1"), wantErr: notIAMUser},
		{name: "an empty old password", as: asCarol, call: changePassword("", "New-pass-1"), wantErr: failedConstraints("oldPassword", minLength(1))},
		{name: "both too long, in model order", as: asCarol, call: changePassword(strings.Repeat("a", 129), strings.Repeat("b", 129)),
			wantErr: failedConstraints("oldPassword", maxLength(128), "newPassword", maxLength(128))},
	})
}

// tryAs is try for another caller: the call's outcome is ignored.
func tryAs(as func(*run) *iam.Client, c call) change {
	return func(r *run) { c(context.Background(), as(r), r) }
}

func TestAccountPasswordPolicySpec(t *testing.T) {
	defaults := &types.PasswordPolicy{MinimumPasswordLength: aws.Int32(6)}
	custom := &iam.UpdateAccountPasswordPolicyInput{AllowUsersToChangePassword: true, HardExpiry: aws.Bool(true), MaxPasswordAge: aws.Int32(60),
		MinimumPasswordLength: aws.Int32(10), PasswordReusePrevention: aws.Int32(3), RequireLowercaseCharacters: true, RequireNumbers: true,
		RequireSymbols: true, RequireUppercaseCharacters: true}
	customPolicy := &types.PasswordPolicy{AllowUsersToChangePassword: true, ExpirePasswords: true, HardExpiry: aws.Bool(true), MaxPasswordAge: aws.Int32(60),
		MinimumPasswordLength: aws.Int32(10), PasswordReusePrevention: aws.Int32(3), RequireLowercaseCharacters: true, RequireNumbers: true,
		RequireSymbols: true, RequireUppercaseCharacters: true}
	policy := func(p *types.PasswordPolicy) *iam.GetAccountPasswordPolicyOutput {
		return &iam.GetAccountPasswordPolicyOutput{PasswordPolicy: p}
	}
	runScenarios(t, append(seedPasswords(), otherAccountSeed()), []scenario{
		{name: "none set", call: getAccountPasswordPolicy(), wantErr: noPasswordPolicy(fakeiam.DefaultAccountID)},
		{name: "deleting none", call: deleteAccountPasswordPolicy(), wantErr: noAccountPolicy},
		{name: "set with no members: the defaults", steps: []change{do(updateAccountPasswordPolicy(&iam.UpdateAccountPasswordPolicyInput{}))},
			call: getAccountPasswordPolicy(), want: policy(defaults)},
		{name: "an empty result", call: updateAccountPasswordPolicy(custom), want: &iam.UpdateAccountPasswordPolicyOutput{}},
		{name: "every member", steps: []change{do(updateAccountPasswordPolicy(custom))}, call: getAccountPasswordPolicy(), want: policy(customPolicy)},
		{name: "no partial update: members left out return to their defaults", steps: []change{do(updateAccountPasswordPolicy(custom)),
			do(updateAccountPasswordPolicy(&iam.UpdateAccountPasswordPolicyInput{RequireSymbols: true}))},
			call: getAccountPasswordPolicy(), want: policy(&types.PasswordPolicy{MinimumPasswordLength: aws.Int32(6), RequireSymbols: true})},
		{name: "HardExpiry false is shown", steps: []change{do(updateAccountPasswordPolicy(&iam.UpdateAccountPasswordPolicyInput{HardExpiry: aws.Bool(false)}))},
			call: getAccountPasswordPolicy(), want: policy(&types.PasswordPolicy{MinimumPasswordLength: aws.Int32(6), HardExpiry: aws.Bool(false)})},
		{name: "deleted: an empty result", steps: []change{do(updateAccountPasswordPolicy(custom))}, call: deleteAccountPasswordPolicy(),
			want: &iam.DeleteAccountPasswordPolicyOutput{}},
		{name: "deleted: then none", steps: []change{do(updateAccountPasswordPolicy(custom)), do(deleteAccountPasswordPolicy())},
			call: getAccountPasswordPolicy(), wantErr: noPasswordPolicy(fakeiam.DefaultAccountID)},
		{name: "any principal reads it: a user", steps: []change{do(updateAccountPasswordPolicy(custom))}, as: asKey(bobKey.ID),
			call: getAccountPasswordPolicy(), want: policy(customPolicy)},
		{name: "any principal reads it: a role", steps: []change{do(updateAccountPasswordPolicy(custom))}, as: asKey(roleKey.ID),
			call: getAccountPasswordPolicy(), want: policy(customPolicy)},
		{name: "each account its own", steps: []change{do(updateAccountPasswordPolicy(custom))}, as: asKey(otherRootKey.ID),
			call: getAccountPasswordPolicy(), wantErr: noPasswordPolicy(otherAccount)},
		{name: "MinimumPasswordLength 5", call: updateAccountPasswordPolicy(&iam.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: aws.Int32(5)}),
			wantErr: failedConstraints("minimumPasswordLength", minValue(6))},
		{name: "MaxPasswordAge 0", call: updateAccountPasswordPolicy(&iam.UpdateAccountPasswordPolicyInput{MaxPasswordAge: aws.Int32(0)}),
			wantErr: failedConstraints("maxPasswordAge", minValue(1))},
		{name: "three out of range, in model order", call: updateAccountPasswordPolicy(&iam.UpdateAccountPasswordPolicyInput{MaxPasswordAge: aws.Int32(1096),
			MinimumPasswordLength: aws.Int32(129), PasswordReusePrevention: aws.Int32(25)}),
			wantErr: failedConstraints("minimumPasswordLength", maxValue(128), "maxPasswordAge", maxValue(1095), "passwordReusePrevention", maxValue(24))},
		{name: "AccessDenied names no user: resource *", steps: []change{inject(fakeiam.Rule{Operation: fakeiam.GetAccountPasswordPolicy, Then: fakeiam.AccessDenied()})},
			as: asKey(bobKey.ID), call: getAccountPasswordPolicy(), wantErr: &fakeiam.Error{Code: "AccessDenied", Status: 403,
				Message: "User: arn:aws:iam::123456789012:user/Bob is not authorized to perform: iam:GetAccountPasswordPolicy on resource: *"}},
		{name: "refused: the policy stays", steps: []change{do(updateAccountPasswordPolicy(custom)),
			try(updateAccountPasswordPolicy(&iam.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: aws.Int32(5)}))},
			call: getAccountPasswordPolicy(), want: policy(customPolicy)},
	})
}

func TestDeleteUserWithLoginProfile(t *testing.T) {
	runScenarios(t, seedPasswords(fakeiam.User("Dan").LoginProfile(fakeiam.LoginProfile{Password: "Dan-pass-1"})), []scenario{
		{name: "refused", call: deleteUser("Dan"), wantErr: deleteConflict("login profile")},
		{name: "the login profile before access keys", call: deleteUser("Carol"), wantErr: deleteConflict("login profile")},
		{name: "then the keys", steps: []change{do(deleteLoginProfile(carol))}, call: deleteUser("Carol"), wantErr: deleteConflict("access keys")},
		{name: "deleted once the profile is gone", steps: []change{do(deleteLoginProfile(aws.String("Dan")))}, call: deleteUser("Dan"),
			want: &iam.DeleteUserOutput{}},
	})
}

// TestSeededLoginProfiles: seeding refuses what CreateLoginProfile and the
// account's policy refuse, naming the user and the rule.
func TestSeededLoginProfiles(t *testing.T) {
	for _, tc := range []struct {
		name string
		seed []fakeiam.Option
		want string // "" when New succeeds
	}{
		{"meets the default policy", []fakeiam.Option{fakeiam.User("Bob").LoginProfile(fakeiam.LoginProfile{Password: "Bob-pass-1"})}, ""},
		{"too short for the default policy", []fakeiam.Option{fakeiam.User("Bob").LoginProfile(fakeiam.LoginProfile{Password: "Bob-p1"})},
			`account 123456789012: user "Bob": login profile: Password should have a minimum length of 8 (IAM's default password policy: the account has none)`},
		{"too short for the account's policy", []fakeiam.Option{fakeiam.PasswordPolicy(iam.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: aws.Int32(14)}),
			fakeiam.User("Bob").LoginProfile(fakeiam.LoginProfile{Password: "Bob-pass-1"})},
			`account 123456789012: user "Bob": login profile: Password should have a minimum length of 14 (the account's password policy)`},
		{"the policy of its own account", []fakeiam.Option{fakeiam.Account(otherAccount, fakeiam.PasswordPolicy(iam.UpdateAccountPasswordPolicyInput{RequireSymbols: true}),
			fakeiam.User("Bob").LoginProfile(fakeiam.LoginProfile{Password: "BobPass1"}))},
			`account 210987654321: user "Bob": login profile: Password should have at least one symbol (the account's password policy)`},
		{"a policy elsewhere does not apply", []fakeiam.Option{fakeiam.Account(otherAccount, fakeiam.PasswordPolicy(iam.UpdateAccountPasswordPolicyInput{RequireSymbols: true})),
			fakeiam.User("Bob").LoginProfile(fakeiam.LoginProfile{Password: "BobPass1"})}, ""},
		{"no password", []fakeiam.Option{fakeiam.User("Bob").LoginProfile(fakeiam.LoginProfile{})},
			`account 123456789012: user "Bob": login profile: 1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length greater than or equal to 1`},
		{"a character IAM refuses", []fakeiam.Option{fakeiam.User("Bob").LoginProfile(fakeiam.LoginProfile{Password: "Bob-pass-€"})},
			`user "Bob": login profile: 1 validation error detected: Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern`},
		{"two", []fakeiam.Option{fakeiam.User("Bob").LoginProfile(fakeiam.LoginProfile{Password: "Bob-pass-1"}).LoginProfile(fakeiam.LoginProfile{Password: "Bob-pass-2"})},
			`user "Bob": login profile: seeded 2 times: a user has at most one`},
		{"before its user", []fakeiam.Option{fakeiam.User("Bob").CreatedAt(bobCreated).LoginProfile(fakeiam.LoginProfile{Password: "Bob-pass-1", CreateDate: bobCreated.Add(-time.Second)})},
			`user "Bob": login profile: CreateDate 2024-05-06T07:08:08Z is before the user's creation, 2024-05-06T07:08:09Z`},
		{"a user name too long for a login profile", []fakeiam.Option{fakeiam.User(strings.Repeat("b", 65)).LoginProfile(fakeiam.LoginProfile{Password: "Bob-pass-1"})},
			"login profile: 1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64"},
		{"the root", []fakeiam.Option{fakeiam.Root().LoginProfile(fakeiam.LoginProfile{Password: "Root-pass-1"})},
			"account 123456789012: root: the root user's password is not an IAM login profile"},
		{"a role", []fakeiam.Option{fakeiam.Role("Deployer").LoginProfile(fakeiam.LoginProfile{Password: "Role-pass-1"})},
			`account 123456789012: role "Deployer": roles have no login profile`},
		{"a policy out of range", []fakeiam.Option{fakeiam.PasswordPolicy(iam.UpdateAccountPasswordPolicyInput{PasswordReusePrevention: aws.Int32(25)})},
			"PasswordPolicy: 1 validation error detected: Value at 'passwordReusePrevention' failed to satisfy constraint: Member must have value less than or equal to 24"},
		{"a policy out of range, in an account", []fakeiam.Option{fakeiam.Account(otherAccount, fakeiam.PasswordPolicy(iam.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: aws.Int32(5)}))},
			"account 210987654321: PasswordPolicy: 1 validation error detected: Value at 'minimumPasswordLength'"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newFakeE(tc.seed...)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("New: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("New: %v, want an error saying %q", err, tc.want)
			}
		})
	}
}

// TestSeededPasswordAndPolicy: a seeded password is the one ChangePassword
// checks, its profile reads back as seeded, and a seeded policy is the
// account's, in one expression.
func TestSeededPasswordAndPolicy(t *testing.T) {
	created := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	f := newFake(
		fakeiam.PasswordPolicy(iam.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: aws.Int32(10), RequireSymbols: true, PasswordReusePrevention: aws.Int32(5)}),
		fakeiam.User("Bob").CreatedAt(bobCreated).AccessKey(bobKey).LoginProfile(fakeiam.LoginProfile{Password: "Bob-pass-01", PasswordResetRequired: true, CreateDate: created}),
	)
	ctx := context.Background()
	for _, d := range doors {
		t.Run(d.name, func(t *testing.T) {
			f.Reset()
			root := d.client(t, f, f.Client())
			got, err := root.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: bob})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(profileOf("Bob", created, true), got.LoginProfile, cmpOutputs); diff != "" {
				t.Errorf("seeded profile (-want +got):\n%s", diff)
			}
			pol, err := root.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
			if err != nil {
				t.Fatal(err)
			}
			want := &types.PasswordPolicy{MinimumPasswordLength: aws.Int32(10), RequireSymbols: true, PasswordReusePrevention: aws.Int32(5)}
			if diff := cmp.Diff(want, pol.PasswordPolicy, cmpOutputs); diff != "" {
				t.Errorf("seeded policy (-want +got):\n%s", diff)
			}
			asBob := d.client(t, f, f.ClientWithAccessKey(bobKey.ID))
			_, err = asBob.ChangePassword(ctx, &iam.ChangePasswordInput{OldPassword: aws.String("Bob-pass-01"), NewPassword: aws.String("Bob-pass-01")})
			var violation *types.PasswordPolicyViolationException
			if !errors.As(err, &violation) {
				t.Errorf("ChangePassword to the seeded password: %v, want PasswordPolicyViolation (reuse)", err)
			}
			if _, err := asBob.ChangePassword(ctx, &iam.ChangePasswordInput{OldPassword: aws.String("Bob-pass-01"), NewPassword: aws.String("Bob-pass-02")}); err != nil {
				t.Errorf("ChangePassword from the seeded password: %v", err)
			}
		})
	}
}

// TestPasswordsNeverLogged: no password reaches the call log, read through
// Calls or the control API, whatever the outcome; what was sent shows as
// RedactedPassword.
func TestPasswordsNeverLogged(t *testing.T) {
	secrets := []string{"Secret-one-1", "Secret-two-2", "Secret-three-3", "Wrong-old-4", "sh0rt"}
	c := newControlled(t, seedPasswords()...)
	ctx := context.Background()
	asCarol := overHTTP(c.f.ClientWithAccessKey(carolKey.ID), c.base)
	for _, cl := range []*iam.Client{c.f.Client(), c.iam} { // the SDK door, then HTTP
		c.f.Reset()
		cl.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: bob, Password: aws.String(secrets[0])})
		cl.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: alice, Password: aws.String(secrets[4])}) // refused
		cl.UpdateLoginProfile(ctx, &iam.UpdateLoginProfileInput{UserName: bob, Password: aws.String(secrets[1])})
		for _, as := range []*iam.Client{c.f.ClientWithAccessKey(carolKey.ID), asCarol} {
			as.ChangePassword(ctx, &iam.ChangePasswordInput{OldPassword: aws.String(carolPassword), NewPassword: aws.String(secrets[2])})
			as.ChangePassword(ctx, &iam.ChangePasswordInput{OldPassword: aws.String(secrets[3]), NewPassword: aws.String(secrets[2])})
		}
		calls := logged(t, c.f, fakeiam.CreateLoginProfile, fakeiam.UpdateLoginProfile, fakeiam.ChangePassword)
		if len(calls) != 7 {
			t.Fatalf("%d password calls logged, want 7", len(calls))
		}
		for _, call := range calls {
			var sent []*string
			switch in := call.Input.(type) {
			case *iam.CreateLoginProfileInput:
				sent = []*string{in.Password}
			case *iam.UpdateLoginProfileInput:
				sent = []*string{in.Password}
			case *iam.ChangePasswordInput:
				sent = []*string{in.OldPassword, in.NewPassword}
			}
			for _, p := range sent {
				if diff := cmp.Diff(fakeiam.RedactedPassword, aws.ToString(p)); diff != "" {
					t.Errorf("%s's logged password (-want +got):\n%s", call.Operation, diff)
				}
			}
		}
		all := string(mustJSON(t, calls))
		body := c.getCalls(t, "")
		control := string(mustJSON(t, body))
		for _, s := range append(secrets, carolPassword) {
			if strings.Contains(all, s) || strings.Contains(control, s) {
				t.Errorf("a password (%q) is in the call log", s)
			}
		}
		if !strings.Contains(control, `"newPassword":"`+fakeiam.RedactedPassword+`"`) {
			t.Errorf("the control API's calls do not show the redacted newPassword: %s", control)
		}
	}
}

// TestPasswordsFaultsAndSweep: the password operations are in the
// operation table, so fault rules target them and Sweep fails each in turn.
func TestPasswordsFaultsAndSweep(t *testing.T) {
	f := newFake(seedPasswords()...)
	f.Inject(fakeiam.Rule{Operation: fakeiam.DeleteLoginProfile, Then: fakeiam.Fail(&fakeiam.Error{Code: "EntityTemporarilyUnmodifiable", Status: 409,
		Message: "Login Profile for User Carol cannot be modified while login profile is being created."})})
	_, err := f.Client().DeleteLoginProfile(context.Background(), &iam.DeleteLoginProfileInput{UserName: carol})
	var busy *types.EntityTemporarilyUnmodifiableException
	if !errors.As(err, &busy) {
		t.Errorf("DeleteLoginProfile under a rule: %v, want EntityTemporarilyUnmodifiableException", err)
	}

	var failed []fakeiam.Operation
	fakeiam.Sweep(t, fakeiam.ServiceFailure(), func(t *testing.T, f *fakeiam.Fake, failing *fakeiam.SweepCall) {
		c, ctx := f.Client(), context.Background()
		errs := []error{}
		_, err := c.UpdateAccountPasswordPolicy(ctx, &iam.UpdateAccountPasswordPolicyInput{})
		errs = append(errs, err)
		_, err = c.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
		errs = append(errs, err)
		_, err = c.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: bob, Password: aws.String("Bob-pass-1")})
		errs = append(errs, err)
		_, err = c.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: bob})
		errs = append(errs, err)
		_, err = c.UpdateLoginProfile(ctx, &iam.UpdateLoginProfileInput{UserName: bob, PasswordResetRequired: aws.Bool(true)})
		errs = append(errs, err)
		_, err = f.ClientWithAccessKey(bobKey.ID).ChangePassword(ctx, &iam.ChangePasswordInput{OldPassword: aws.String("Bob-pass-1"), NewPassword: aws.String("Bob-pass-2")})
		errs = append(errs, err)
		_, err = c.DeleteLoginProfile(ctx, &iam.DeleteLoginProfileInput{UserName: bob})
		errs = append(errs, err)
		_, err = c.DeleteAccountPasswordPolicy(ctx, &iam.DeleteAccountPasswordPolicyInput{})
		errs = append(errs, err)
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
	}, fakeiam.User("Bob").AccessKey(bobKey))
	want := []fakeiam.Operation{fakeiam.UpdateAccountPasswordPolicy, fakeiam.GetAccountPasswordPolicy, fakeiam.CreateLoginProfile, fakeiam.GetLoginProfile,
		fakeiam.UpdateLoginProfile, fakeiam.ChangePassword, fakeiam.DeleteLoginProfile, fakeiam.DeleteAccountPasswordPolicy}
	if diff := cmp.Diff(want, failed); diff != "" {
		t.Errorf("calls swept (-want +got):\n%s", diff)
	}
}

// mustJSON is v as JSON, for searching a log for what it must not hold.
func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPasswordsControlAPIFaults: a fault rule added through the control API
// targets a password operation by name.
func TestPasswordsControlAPIFaults(t *testing.T) {
	c := newControlled(t, seedPasswords()...)
	c.addRule(t, `{"operation":"GetLoginProfile","effect":"ServiceFailure"}`)
	_, err := c.iam.GetLoginProfile(context.Background(), &iam.GetLoginProfileInput{UserName: carol})
	var sf *types.ServiceFailureException
	if !errors.As(err, &sf) {
		t.Errorf("GetLoginProfile under a control API rule: %v, want ServiceFailureException", err)
	}
	if _, err := c.iam.GetAccountPasswordPolicy(context.Background(), &iam.GetAccountPasswordPolicyInput{}); errors.As(err, &sf) {
		t.Errorf("GetAccountPasswordPolicy failed with the rule for GetLoginProfile: %v", err)
	}
}

// FuzzPasswordPolicy: whatever password CreateLoginProfile is given, the
// fake answers as an oracle written here from docs/contract.md answers
// (the model's constraints, then the account's policy), never panics, and
// logs the password redacted.
func FuzzPasswordPolicy(f *testing.F) {
	for _, s := range []string{"Str0ng-pass!x", "short", "", "Pässwörd\t1!Ab", "€uro-Pass1!", strings.Repeat("Aa1!", 33), "NoSymbols123", "nosymbolsorupper1!"} {
		f.Add(s)
	}
	fake := newFake(fakeiam.PasswordPolicy(iam.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: aws.Int32(10), RequireSymbols: true,
		RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true}), fakeiam.User("Bob"))
	c := fake.Client()
	f.Fuzz(func(t *testing.T, pw string) {
		fake.Reset()
		_, err := c.CreateLoginProfile(context.Background(), &iam.CreateLoginProfileInput{UserName: bob, Password: aws.String(pw)})
		want := passwordOracle(pw)
		var got *fakeiam.Error
		if err != nil {
			var api smithy.APIError
			if !errors.As(err, &api) {
				t.Fatalf("CreateLoginProfile(%q): %v, not an API error", pw, err)
			}
			got = &fakeiam.Error{Code: api.ErrorCode(), Message: api.ErrorMessage()}
		}
		if want != nil {
			want = &fakeiam.Error{Code: want.Code, Message: want.Message}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("CreateLoginProfile(%q) (-oracle +fake):\n%s", pw, diff)
		}
		for _, call := range logged(t, fake, fakeiam.CreateLoginProfile) {
			if in := call.Input.(*iam.CreateLoginProfileInput); aws.ToString(in.Password) != fakeiam.RedactedPassword {
				t.Errorf("logged password %q, want it redacted", aws.ToString(in.Password))
			}
		}
	})
}

// passwordOracle is IAM's answer to CreateLoginProfile for pw under
// FuzzPasswordPolicy's policy: nil for success.
func passwordOracle(pw string) *fakeiam.Error {
	units := 0
	latin1 := true
	for _, r := range pw {
		units += utf16.RuneLen(r)
		if r > 0xFF || (r < 0x20 && r != '\t' && r != '\n' && r != '\r') {
			latin1 = false
		}
	}
	if !utf8.ValidString(pw) {
		latin1 = false
	}
	switch {
	case units == 0:
		return failedConstraints("password", minLength(1))
	case units > 128 && !latin1:
		return failedConstraints("password", maxLength(128), "password", pattern(passwordPattern))
	case units > 128:
		return failedConstraints("password", maxLength(128))
	case !latin1:
		return failedConstraints("password", pattern(passwordPattern))
	case utf8.RuneCountInString(pw) < 10:
		return tooShortFor(10)
	case !strings.ContainsAny(pw, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"):
		return passwordPolicyViolation("Password should have at least one uppercase letter")
	case !strings.ContainsAny(pw, "abcdefghijklmnopqrstuvwxyz"):
		return passwordPolicyViolation("Password should have at least one lowercase letter")
	case !strings.ContainsAny(pw, "0123456789"):
		return passwordPolicyViolation("Password should have at least one number")
	case !strings.ContainsAny(pw, "!@#$%^&*()_+-=[]{}|'"):
		return passwordPolicyViolation("Password should have at least one symbol")
	}
	return nil
}

// TestCloudCustodianUserDeleteOptions ports cloud-custodian's iam-user
// delete action (c7n/resources/iam.py, UserDelete.process_user) with the
// options console-access, access-keys and signing-certificates, its calls
// unchanged and in its order: DeleteLoginProfile, whose NoSuchEntity it
// treats as "nothing to delete", then each listed key and certificate. Run
// on a user with a password and one without, through both doors, it must
// leave both users holding nothing, so that DeleteUser then succeeds.
func TestCloudCustodianUserDeleteOptions(t *testing.T) {
	seed := seedPasswords(fakeiam.User("Dan").SigningCertificate(fakeiam.SigningCertificate{}))
	for _, d := range doors {
		t.Run(d.name, func(t *testing.T) {
			f := newFake(seed...)
			client, ctx := d.client(t, f, f.Client()), context.Background()
			deleteConsoleAccess := func(user string) error {
				_, err := client.DeleteLoginProfile(ctx, &iam.DeleteLoginProfileInput{UserName: &user})
				var api smithy.APIError
				if errors.As(err, &api) && api.ErrorCode() == "NoSuchEntity" {
					return nil
				}
				return err
			}
			deleteAccessKeys := func(user string) error {
				out, err := client.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: &user})
				if err != nil {
					return err
				}
				for _, k := range out.AccessKeyMetadata {
					if _, err := client.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: &user, AccessKeyId: k.AccessKeyId}); err != nil {
						return err
					}
				}
				return nil
			}
			deleteSigningCertificates := func(user string) error {
				out, err := client.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: &user})
				if err != nil {
					return err
				}
				for _, c := range out.Certificates {
					if _, err := client.DeleteSigningCertificate(ctx, &iam.DeleteSigningCertificateInput{UserName: &user, CertificateId: c.CertificateId}); err != nil {
						return err
					}
				}
				return nil
			}
			for _, user := range []string{"Carol", "Dan"} {
				for _, step := range []func(string) error{deleteConsoleAccess, deleteAccessKeys, deleteSigningCertificates} {
					if err := step(user); err != nil {
						t.Fatalf("%s: %v", user, err)
					}
				}
				if _, err := client.DeleteUser(ctx, &iam.DeleteUserInput{UserName: &user}); err != nil {
					t.Errorf("DeleteUser(%s) after the options: %v", user, err)
				}
			}
			want := []fakeiam.Operation{fakeiam.DeleteLoginProfile, fakeiam.ListAccessKeys, fakeiam.DeleteAccessKey, fakeiam.ListSigningCertificates,
				fakeiam.DeleteUser, fakeiam.DeleteLoginProfile, fakeiam.ListAccessKeys, fakeiam.ListSigningCertificates, fakeiam.DeleteSigningCertificate, fakeiam.DeleteUser}
			var got []fakeiam.Operation
			for _, c := range logged(t, f) {
				got = append(got, c.Operation)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("the calls (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSeededPolicyIsTheFakesOwn: a seeded policy is copied when it is
// given; the caller's later writes to its members change nothing, Reset
// included.
func TestSeededPolicyIsTheFakesOwn(t *testing.T) {
	in := iam.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: aws.Int32(10), RequireNumbers: true}
	f := newFake(fakeiam.PasswordPolicy(in))
	*in.MinimumPasswordLength = 20
	f.Reset()
	out, err := f.Client().GetAccountPasswordPolicy(context.Background(), &iam.GetAccountPasswordPolicyInput{})
	if err != nil {
		t.Fatal(err)
	}
	if got := aws.ToInt32(out.PasswordPolicy.MinimumPasswordLength); got != 10 {
		t.Errorf("MinimumPasswordLength after Reset = %d, want the seeded 10", got)
	}
}
