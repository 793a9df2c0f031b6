package fakeiam_test

// docs/contract.md, "STS preferences": SetSecurityTokenServicePreferences
// and GetAccountSummary's GlobalEndpointTokenVersion, through both doors;
// the seed option.

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

func setSTSPreferences(v types.GlobalEndpointTokenVersion) call {
	return func(ctx context.Context, c *iam.Client, _ *run) (any, error) {
		return c.SetSecurityTokenServicePreferences(ctx, &iam.SetSecurityTokenServicePreferencesInput{GlobalEndpointTokenVersion: v})
	}
}

func TestSetSecurityTokenServicePreferences(t *testing.T) {
	runScenarios(t, seedUsers(), []scenario{
		{name: "v2Token", call: setSTSPreferences(types.GlobalEndpointTokenVersionV2Token), want: &iam.SetSecurityTokenServicePreferencesOutput{}},
		{name: "the summary then says 2", steps: []change{do(setSTSPreferences(types.GlobalEndpointTokenVersionV2Token))},
			call: getAccountSummary(), want: summary(with(seededSummary, map[string]int32{"GlobalEndpointTokenVersion": 2}))},
		{name: "v1Token again: 1", steps: []change{do(setSTSPreferences(types.GlobalEndpointTokenVersionV2Token)), do(setSTSPreferences(types.GlobalEndpointTokenVersionV1Token))},
			call: getAccountSummary(), want: summary(seededSummary)},
		{name: "seeded v2Token", seed: seedUsers(fakeiam.GlobalEndpointTokenVersion(types.GlobalEndpointTokenVersionV2Token)),
			call: getAccountSummary(), want: summary(with(seededSummary, map[string]int32{"GlobalEndpointTokenVersion": 2}))},
		{name: "another account's is its own", seed: seedUsers(otherAccountSeed(fakeiam.GlobalEndpointTokenVersion(types.GlobalEndpointTokenVersionV2Token))),
			call: getAccountSummary(), want: summary(seededSummary)},
		{name: "and the other account holds it", seed: seedUsers(otherAccountSeed(fakeiam.GlobalEndpointTokenVersion(types.GlobalEndpointTokenVersionV2Token))),
			as: asKey(otherRootKey.ID), call: getAccountSummary(),
			want: summary(map[string]int32{"Users": 1, "AccountAccessKeysPresent": 1, "GlobalEndpointTokenVersion": 2})},
		{name: "given to New: every account's that sets none", seed: seedUsers(fakeiam.GlobalEndpointTokenVersion(types.GlobalEndpointTokenVersionV2Token), otherAccountSeed()),
			as: asKey(otherRootKey.ID), call: getAccountSummary(),
			want: summary(map[string]int32{"Users": 1, "AccountAccessKeysPresent": 1, "GlobalEndpointTokenVersion": 2})},
		{name: "a value not in the model's enum", call: setSTSPreferences("v3Token"),
			wantErr: failedConstraints("globalEndpointTokenVersion", "Member must satisfy enum value set")},
		{name: "a user may call it", as: asKey(bobKey.ID), call: setSTSPreferences(types.GlobalEndpointTokenVersionV2Token),
			want: &iam.SetSecurityTokenServicePreferencesOutput{}},
		{name: "a user's change is the account's", steps: []change{doAs(asKey(bobKey.ID), setSTSPreferences(types.GlobalEndpointTokenVersionV2Token))},
			call: getAccountSummary(), want: summary(with(seededSummary, map[string]int32{"GlobalEndpointTokenVersion": 2}))},
		{name: "AccessDenied names *",
			steps: []change{inject(fakeiam.Rule{Operation: fakeiam.SetSecurityTokenServicePreferences, Then: fakeiam.AccessDenied()})},
			call:  setSTSPreferences(types.GlobalEndpointTokenVersionV2Token), wantErr: ruleDenied(rootARN, fakeiam.SetSecurityTokenServicePreferences, "*")},
	})
}

// TestGlobalEndpointTokenVersionSeed: the seed option refuses a value the
// model does not have, naming it and the account (an empty value, which
// the SDK refuses before sending, is checked here).
func TestGlobalEndpointTokenVersionSeed(t *testing.T) {
	for _, tc := range []struct {
		opts []fakeiam.Option
		want string
	}{
		{[]fakeiam.Option{fakeiam.GlobalEndpointTokenVersion("v3")}, `GlobalEndpointTokenVersion("v3"): 1 validation error detected: Value at 'globalEndpointTokenVersion' failed to satisfy constraint: Member must satisfy enum value set`},
		{[]fakeiam.Option{fakeiam.Account("210987654321", fakeiam.GlobalEndpointTokenVersion(""))}, `account 210987654321: GlobalEndpointTokenVersion(""): 1 validation error detected: Value null at 'globalEndpointTokenVersion' failed to satisfy constraint: Member must not be null`},
	} {
		_, err := fakeiam.New(tc.opts...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New: %v, want an error holding %q", err, tc.want)
		}
	}
}

// TestSTSPreferencesReset: Reset restores the seeded preference, and drops
// one set through the API.
func TestSTSPreferencesReset(t *testing.T) {
	ctx := context.Background()
	version := func(f *fakeiam.Fake) int32 {
		t.Helper()
		out, err := f.Client().GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
		if err != nil {
			t.Fatal(err)
		}
		return out.SummaryMap["GlobalEndpointTokenVersion"]
	}
	for _, tc := range []struct {
		name   string
		seed   []fakeiam.Option
		set    types.GlobalEndpointTokenVersion
		before int32
	}{
		{"seeded v2Token, set v1Token", []fakeiam.Option{fakeiam.GlobalEndpointTokenVersion(types.GlobalEndpointTokenVersionV2Token)}, types.GlobalEndpointTokenVersionV1Token, 2},
		{"unseeded, set v2Token", nil, types.GlobalEndpointTokenVersionV2Token, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(tc.seed...)
			if _, err := f.Client().SetSecurityTokenServicePreferences(ctx, &iam.SetSecurityTokenServicePreferencesInput{GlobalEndpointTokenVersion: tc.set}); err != nil {
				t.Fatal(err)
			}
			if got := version(f); got == tc.before {
				t.Fatalf("after the set: %d, want it changed", got)
			}
			f.Reset()
			if got := version(f); got != tc.before {
				t.Errorf("after Reset: %d, want %d", got, tc.before)
			}
		})
	}
}
