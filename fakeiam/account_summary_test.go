package fakeiam_test

import (
	"context"
	"errors"
	"maps"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// emptyAccountSummary is IAM's SummaryMap for an account that holds
// nothing, with IAM's default quotas: every key of the model's
// summaryKeyType, the quotas recorded by LocalStack's AWS-validated
// test_iam_account_summary.snapshot.json (test_get_account_summary_format).
var emptyAccountSummary = map[string]int32{
	"AccessKeysPerUserQuota":            2,
	"AccountAccessKeysPresent":          0,
	"AccountMFAEnabled":                 0,
	"AccountPasswordPresent":            0,
	"AccountSigningCertificatesPresent": 0,
	"AssumeRolePolicySizeQuota":         2048,
	"AttachedPoliciesPerGroupQuota":     10,
	"AttachedPoliciesPerRoleQuota":      10,
	"AttachedPoliciesPerUserQuota":      10,
	"GlobalEndpointTokenVersion":        1,
	"GroupPolicySizeQuota":              5120,
	"Groups":                            0,
	"GroupsPerUserQuota":                10,
	"GroupsQuota":                       300,
	"InstanceProfiles":                  0,
	"InstanceProfilesQuota":             1000,
	"MFADevices":                        0,
	"MFADevicesInUse":                   0,
	"Policies":                          0,
	"PoliciesQuota":                     1500,
	"PolicySizeQuota":                   6144,
	"PolicyVersionsInUse":               0,
	"PolicyVersionsInUseQuota":          10000,
	"Providers":                         0,
	"RolePolicySizeQuota":               10240,
	"Roles":                             0,
	"RolesQuota":                        1000,
	"ServerCertificates":                0,
	"ServerCertificatesQuota":           20,
	"SigningCertificatesPerUserQuota":   2,
	"UserPolicySizeQuota":               2048,
	"Users":                             0,
	"UsersQuota":                        5000,
	"VersionsPerPolicyQuota":            5,
}

// summary is GetAccountSummary's answer: the empty account's map with
// the given keys changed.
func summary(changed map[string]int32) *iam.GetAccountSummaryOutput {
	m := maps.Clone(emptyAccountSummary)
	maps.Copy(m, changed)
	return &iam.GetAccountSummaryOutput{SummaryMap: m}
}

// seededSummary is the summary of seedUsers: Bob and Alice, the root's
// key, the Deployer role.
var seededSummary = map[string]int32{"Users": 2, "AccountAccessKeysPresent": 1, "Roles": 1}

// with is base with more keys changed.
func with(base map[string]int32, more map[string]int32) map[string]int32 {
	m := maps.Clone(base)
	maps.Copy(m, more)
	return m
}

// TestSummaryKeysAreTheModels: the map holds exactly the model's keys (the
// SDK's SummaryKeyType values, generated from it).
func TestSummaryKeysAreTheModels(t *testing.T) {
	var want []string
	for _, k := range types.SummaryKeyType("").Values() {
		want = append(want, string(k))
	}
	var got []string
	for k := range emptyAccountSummary {
		got = append(got, k)
	}
	if diff := cmp.Diff(want, got, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Errorf("summary keys (-model +test):\n%s", diff)
	}
}

func TestGetAccountSummary(t *testing.T) {
	groups := []fakeiam.Option{fakeiam.Group("admins").Members("Bob", "Alice"), fakeiam.Group("ops").Members("Bob")}
	runScenarios(t, seedUsers(), []scenario{
		{name: "an account without anything but its root's key", seed: []fakeiam.Option{fakeiam.Root().AccessKey(rootKey)},
			call: getAccountSummary(), want: summary(map[string]int32{"AccountAccessKeysPresent": 1})},
		{name: "the seeded users, root key and role", call: getAccountSummary(), want: summary(seededSummary)},
		{name: "seeded groups count", seed: seedUsers(groups...), call: getAccountSummary(),
			want: summary(with(seededSummary, map[string]int32{"Groups": 2}))},
		{name: "a created user and group count", steps: []change{do(createUser(&iam.CreateUserInput{UserName: aws.String("Carol")})), do(createGroup("devs", nil))},
			call: getAccountSummary(), want: summary(with(seededSummary, map[string]int32{"Users": 3, "Groups": 1}))},
		{name: "a deleted user no longer counts", steps: []change{do(deleteUser("Alice"))},
			call: getAccountSummary(), want: summary(with(seededSummary, map[string]int32{"Users": 1}))},
		{name: "a user's access key is not the account's", steps: []change{do(createAccessKey(aws.String("Alice")))},
			call: getAccountSummary(), want: summary(seededSummary)},
		{name: "an unseeded root holds the key the fake gives it", seed: []fakeiam.Option{fakeiam.User("Bob").AccessKey(bobKey)}, as: asKey(bobKey.ID),
			call: getAccountSummary(), want: summary(map[string]int32{"Users": 1, "AccountAccessKeysPresent": 1})},
		{name: "the root's key deleted", steps: []change{do(deleteAccessKey(nil, rootKey.ID))}, as: asKey(bobKey.ID),
			call: getAccountSummary(), want: summary(with(seededSummary, map[string]int32{"AccountAccessKeysPresent": 0}))},
		{name: "the root's certificate", seed: seedUsers(fakeiam.Root().SigningCertificate(fakeiam.SigningCertificate{})),
			call: getAccountSummary(), want: summary(with(seededSummary, map[string]int32{"AccountSigningCertificatesPresent": 1}))},
		{name: "a user's certificate is not the account's", seed: seedUsers(fakeiam.User("Carol").SigningCertificate(fakeiam.SigningCertificate{})),
			call: getAccountSummary(), want: summary(with(seededSummary, map[string]int32{"Users": 3}))},
		{name: "seeded quotas", seed: seedUsers(fakeiam.CertificatesPerUser(5), fakeiam.AccessKeysPerUser(3), fakeiam.GroupsPerAccount(400), fakeiam.GroupsPerUser(20), fakeiam.SSHPublicKeysPerUser(7)),
			call: getAccountSummary(), want: summary(with(seededSummary, map[string]int32{
				"SigningCertificatesPerUserQuota": 5, "AccessKeysPerUserQuota": 3, "GroupsQuota": 400, "GroupsPerUserQuota": 20}))},
		{name: "each account its own", seed: seedUsers(otherAccountSeed(fakeiam.Group("x"), fakeiam.GroupsPerUser(3))), as: asKey(otherRootKey.ID),
			call: getAccountSummary(), want: summary(map[string]int32{"Users": 1, "Groups": 1, "GroupsPerUserQuota": 3, "AccountAccessKeysPresent": 1})},
		{name: "the other account's things are not counted here", seed: seedUsers(otherAccountSeed(fakeiam.Group("x"))),
			call: getAccountSummary(), want: summary(seededSummary)},
		{name: "a user may call it", as: asKey(bobKey.ID), call: getAccountSummary(), want: summary(seededSummary)},
		{name: "a role session may call it", as: asKey(roleKey.ID), call: getAccountSummary(), want: summary(seededSummary)},
		{name: "a fault naming the operation answers instead",
			steps: []change{inject(fakeiam.Rule{Operation: fakeiam.GetAccountSummary, Then: fakeiam.ServiceFailure()})},
			call:  getAccountSummary(), wantErr: serviceFailure},
		{name: "AccessDenied names *",
			steps: []change{inject(fakeiam.Rule{Operation: fakeiam.GetAccountSummary, Then: fakeiam.AccessDenied()})},
			call:  getAccountSummary(), wantErr: ruleDenied(rootARN, fakeiam.GetAccountSummary, "*")},
	})
}

// TestAccountSummaryMapIsTheCallers: answers of one summary clone one map
// the fake remembers (account_summary.go), so a caller writing into its
// map changes no other answer, and fakes answering different summaries by
// turns each answer their own.
func TestAccountSummaryMapIsTheCallers(t *testing.T) {
	ctx := context.Background()
	one, two := newFake(seedUsers()...).Client(), newFake(seedUsers(fakeiam.Group("x"))...).Client()
	for i := range 3 {
		for _, tc := range []struct {
			c    *iam.Client
			want map[string]int32
		}{{one, summary(seededSummary).SummaryMap}, {two, summary(with(seededSummary, map[string]int32{"Groups": 1})).SummaryMap}} {
			for range 3 { // the second and third answer from the memory
				out, err := tc.c.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tc.want, out.SummaryMap); diff != "" {
					t.Fatalf("round %d (-want +got):\n%s", i, diff)
				}
				clear(out.SummaryMap) // the caller's own
				out.SummaryMap["Users"] = -1
			}
		}
	}
}

// TestAccountSummaryCallsAndSweep: the call log keeps the summary as it
// was answered (later changes do not reach it); Sweep fails the summary
// call as any other.
func TestAccountSummaryCallsAndSweep(t *testing.T) {
	f := newFake(seedUsers()...)
	c := f.Client()
	ctx := context.Background()
	if _, err := c.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("Carol")}); err != nil {
		t.Fatal(err)
	}
	calls := logged(t, f, fakeiam.GetAccountSummary)
	if len(calls) != 1 {
		t.Fatalf("%d calls logged, want 1", len(calls))
	}
	out, ok := calls[0].Output.(*iam.GetAccountSummaryOutput)
	if !ok {
		t.Fatalf("logged output %T", calls[0].Output)
	}
	if diff := cmp.Diff(summary(seededSummary).SummaryMap, out.SummaryMap); diff != "" {
		t.Errorf("logged summary (-want +got):\n%s", diff)
	}

	var failed []fakeiam.Operation
	fakeiam.Sweep(t, fakeiam.ServiceFailure(), func(t *testing.T, f *fakeiam.Fake, failing *fakeiam.SweepCall) {
		c := f.Client()
		_, err1 := c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("Carol")})
		_, err2 := c.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
		errs := []error{err1, err2}
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
	})
	if diff := cmp.Diff([]fakeiam.Operation{fakeiam.CreateUser, fakeiam.GetAccountSummary}, failed); diff != "" {
		t.Errorf("calls swept (-want +got):\n%s", diff)
	}
}

// TestControlAccountSummary: the control API injects a fault into
// GetAccountSummary by name and logs its output as JSON (the map by key).
func TestControlAccountSummary(t *testing.T) {
	ctx := context.Background()
	c := newControlled(t, seedUsers()...)
	if _, err := c.iam.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{}); err != nil {
		t.Fatal(err)
	}
	c.addRule(t, `{"operation":"GetAccountSummary","effect":"AccessDenied"}`)
	_, err := c.iam.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	var denied interface{ ErrorCode() string }
	if !errors.As(err, &denied) || denied.ErrorCode() != "AccessDenied" {
		t.Errorf("GetAccountSummary under an AccessDenied rule: %v", err)
	}
	calls := c.getCalls(t, "?operation=GetAccountSummary")
	if len(calls) != 2 {
		t.Fatalf("logged calls: %+v, want 2", calls)
	}
	m, _ := calls[0]["output"].(map[string]any)["summaryMap"].(map[string]any)
	got := map[string]any{"Users": m["Users"], "GroupsQuota": m["GroupsQuota"], "keys": float64(len(m))}
	if diff := cmp.Diff(map[string]any{"Users": float64(2), "GroupsQuota": float64(300), "keys": float64(34)}, got); diff != "" {
		t.Errorf("logged summary (-want +got):\n%s", diff)
	}
	if e, _ := calls[1]["error"].(map[string]any); e["code"] != "AccessDenied" {
		t.Errorf("the denied call's log: %+v", calls[1])
	}
}
