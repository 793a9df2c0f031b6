package fakeiam_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// aliases is ListAccountAliases' answer, not truncated.
func aliases(names ...string) *iam.ListAccountAliasesOutput {
	if names == nil {
		names = []string{}
	}
	return &iam.ListAccountAliasesOutput{AccountAliases: names}
}

var listAliases = listAccountAliases(&iam.ListAccountAliasesInput{})

func TestAccountAliases(t *testing.T) {
	withAlias := seedUsers(fakeiam.AccountAlias("example-corp"))
	runScenarios(t, seedUsers(), []scenario{
		{name: "an account without an alias lists none", call: listAliases, want: aliases()},
		{name: "a seeded alias is listed", seed: withAlias, call: listAliases, want: aliases("example-corp")},
		{name: "a created alias is listed", steps: []change{do(createAccountAlias("example-corp"))},
			call: listAliases, want: aliases("example-corp")},
		{name: "create answers nothing", call: createAccountAlias("example-corp"), want: &iam.CreateAccountAliasOutput{}},
		{name: "a second alias replaces the first", seed: withAlias, steps: []change{do(createAccountAlias("example-2"))},
			call: listAliases, want: aliases("example-2")},
		{name: "the account's own alias again: it exists", seed: withAlias,
			call: createAccountAlias("example-corp"), wantErr: aliasExists("example-corp")},
		{name: "another account's alias: it exists", seed: seedUsers(otherAccountSeed(fakeiam.AccountAlias("other-corp"))),
			call: createAccountAlias("other-corp"), wantErr: aliasExists("other-corp")},
		{name: "another account's alias is not listed", seed: seedUsers(otherAccountSeed(fakeiam.AccountAlias("other-corp"))),
			call: listAliases, want: aliases()},
		{name: "the other account lists its own", seed: seedUsers(otherAccountSeed(fakeiam.AccountAlias("other-corp"))),
			as: asKey(otherRootKey.ID), call: listAliases, want: aliases("other-corp")},
		{name: "delete the alias", seed: withAlias, call: deleteAccountAlias("example-corp"), want: &iam.DeleteAccountAliasOutput{}},
		{name: "after delete none is listed", seed: withAlias, steps: []change{do(deleteAccountAlias("example-corp"))},
			call: listAliases, want: aliases()},
		{name: "a deleted alias is free again", seed: withAlias,
			steps: []change{do(deleteAccountAlias("example-corp")), do(createAccountAlias("example-corp"))},
			call:  listAliases, want: aliases("example-corp")},
		{name: "delete another alias than the account's", seed: withAlias,
			call: deleteAccountAlias("example-2"), wantErr: noSuchAlias("example-2")},
		{name: "delete with no alias", call: deleteAccountAlias("example-corp"), wantErr: noSuchAlias("example-corp")},
		{name: "delete another account's alias", seed: seedUsers(otherAccountSeed(fakeiam.AccountAlias("other-corp"))),
			call: deleteAccountAlias("other-corp"), wantErr: noSuchAlias("other-corp")},
		{name: "a user may call them", as: asKey(bobKey.ID), call: createAccountAlias("bobs-corp"), want: &iam.CreateAccountAliasOutput{}},
		// The model's constraints: 3 to 63 characters; its pattern bounds
		// the length too, so a short or long value breaks both.
		{name: "too short: length and pattern", call: createAccountAlias("ab"),
			wantErr: failedConstraints("accountAlias", minLength(3), "accountAlias", pattern(aliasPattern))},
		{name: "too long: length and pattern", call: createAccountAlias(strings.Repeat("a", 64)),
			wantErr: failedConstraints("accountAlias", maxLength(63), "accountAlias", pattern(aliasPattern))},
		{name: "63 characters", call: createAccountAlias(strings.Repeat("a-", 31) + "b"), want: &iam.CreateAccountAliasOutput{}},
		{name: "upper case", call: createAccountAlias("Example"), wantErr: failedConstraints("accountAlias", pattern(aliasPattern))},
		{name: "two hyphens in a row", call: createAccountAlias("a--b"), wantErr: failedConstraints("accountAlias", pattern(aliasPattern))},
		{name: "a hyphen first", call: createAccountAlias("-ab"), wantErr: failedConstraints("accountAlias", pattern(aliasPattern))},
		{name: "a hyphen last", call: createAccountAlias("ab-"), wantErr: failedConstraints("accountAlias", pattern(aliasPattern))},
		{name: "delete checks the pattern first", call: deleteAccountAlias("A"),
			wantErr: failedConstraints("accountAlias", minLength(3), "accountAlias", pattern(aliasPattern))},
		{name: "a marker the fake did not issue", seed: withAlias,
			call: listAccountAliases(&iam.ListAccountAliasesInput{Marker: aws.String("bogus")}), wantErr: invalidMarker},
		{name: "MaxItems 1 holds the one alias", seed: withAlias,
			call: listAccountAliases(&iam.ListAccountAliasesInput{MaxItems: aws.Int32(1)}), want: aliases("example-corp")},
		{name: "a fault naming the operation answers instead",
			steps: []change{inject(fakeiam.Rule{Operation: fakeiam.ListAccountAliases, Then: fakeiam.ServiceFailure()})},
			call:  listAliases, wantErr: serviceFailure},
	})
}

// TestAccountAliasSeeds: New names every alias IAM would refuse.
func TestAccountAliasSeeds(t *testing.T) {
	for _, tc := range []struct {
		name string
		seed []fakeiam.Option
		want string // in New's error; "" for none
	}{
		{"one alias", []fakeiam.Option{fakeiam.AccountAlias("example-corp")}, ""},
		{"one per account", []fakeiam.Option{fakeiam.AccountAlias("corp-a"), fakeiam.Account(otherAccount, fakeiam.AccountAlias("corp-b"))}, ""},
		{"off the pattern", []fakeiam.Option{fakeiam.AccountAlias("Corp")},
			`account 123456789012: account alias "Corp": IAM's aliases are 3 to 63 characters`},
		{"too short", []fakeiam.Option{fakeiam.Account(otherAccount, fakeiam.AccountAlias("ab"))},
			`account 210987654321: account alias "ab": IAM's aliases are 3 to 63 characters`},
		{"two for one account", []fakeiam.Option{fakeiam.AccountAlias("corp-a"), fakeiam.AccountAlias("corp-b")},
			`account 123456789012: account alias "corp-b": the account already has the alias "corp-a" (IAM allows one per account)`},
		{"one alias for two accounts", []fakeiam.Option{fakeiam.AccountAlias("corp"), fakeiam.Account(otherAccount, fakeiam.AccountAlias("corp"))},
			`account 210987654321: account alias "corp": account 123456789012 holds it already (an alias names one account)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := fakeiam.New(tc.seed...)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("New: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("New: %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// TestAccountAliasReset: Reset brings the seeded alias back.
func TestAccountAliasReset(t *testing.T) {
	f := newFake(fakeiam.AccountAlias("example-corp"))
	ctx := context.Background()
	if _, err := f.Client().CreateAccountAlias(ctx, &iam.CreateAccountAliasInput{AccountAlias: aws.String("renamed")}); err != nil {
		t.Fatal(err)
	}
	f.Reset()
	out, err := f.Client().ListAccountAliases(ctx, &iam.ListAccountAliasesInput{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"example-corp"}, out.AccountAliases); diff != "" {
		t.Errorf("aliases after Reset (-want +got):\n%s", diff)
	}
}

// TestWhichAccount: the two calls account tools (aws-nuke among them) make
// before anything else: sts:GetCallerIdentity for the account id, then
// iam:ListAccountAliases, whose first alias names the account, through
// clients built from one aws.Config.
func TestWhichAccount(t *testing.T) {
	f := newFake(fakeiam.AccountAlias("sandbox-nuke"))
	cfg := f.Config()
	ctx := context.Background()
	identity, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	out, err := iam.NewFromConfig(cfg).ListAccountAliases(ctx, &iam.ListAccountAliasesInput{})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{aws.ToString(identity.Account)}
	got = append(got, out.AccountAliases...)
	if diff := cmp.Diff([]string{fakeiam.DefaultAccountID, "sandbox-nuke"}, got); diff != "" {
		t.Errorf("account id and aliases (-want +got):\n%s", diff)
	}
}
