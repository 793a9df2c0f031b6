package main

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// A seed file's globalEndpointTokenVersion: the account's STS preference,
// which GetAccountSummary reports; a value IAM does not have is named at
// its place in the file.
func TestSeedGlobalEndpointTokenVersion(t *testing.T) {
	opts, err := parseSeed([]byte(`{"globalEndpointTokenVersion": "v2Token",
 "accounts": [{"id": "210987654321", "globalEndpointTokenVersion": "v1Token"}]}`), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f, err := fakeiam.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		client *iam.Client
		want   int32
	}{
		{f.Client(), 2},
		{f.Principal("arn:aws:iam::210987654321:root").Client(), 1},
	} {
		out, err := tc.client.GetAccountSummary(context.Background(), &iam.GetAccountSummaryInput{})
		if err != nil {
			t.Fatal(err)
		}
		if got := out.SummaryMap["GlobalEndpointTokenVersion"]; got != tc.want {
			t.Errorf("GlobalEndpointTokenVersion %d, want %d", got, tc.want)
		}
	}

	for _, tc := range []struct {
		seed string
		want []string
	}{
		{`{"accounts": [{"id": "210987654321", "globalEndpointTokenVersion": "v3Token"}]}`,
			[]string{"accounts[0].globalEndpointTokenVersion: 1 validation error detected: Value at 'globalEndpointTokenVersion' failed to satisfy constraint: Member must satisfy enum value set"}},
		// A value holding what the message's prefix ends with.
		{`{"globalEndpointTokenVersion": "a): b"}`,
			[]string{"globalEndpointTokenVersion: 1 validation error detected: Value at 'globalEndpointTokenVersion' failed to satisfy constraint: Member must satisfy enum value set"}},
		// A bad account id is the id's problem, not its settings'.
		{`{"accounts": [{"id": "21098765432", "globalEndpointTokenVersion": "v2Token", "passwordPolicy": {"minimumPasswordLength": 12}}]}`,
			[]string{`account "21098765432": an account id is 12 digits`}},
	} {
		got := seedProblems(t, writeFiles(t, map[string]string{"seed.json": tc.seed}))
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s: problems (-want +got):\n%s", tc.seed, diff)
		}
	}
}
