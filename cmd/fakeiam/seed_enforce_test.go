package main

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// TestSeedEnforce: "enforce" is the top level's (the endpoint's), a
// boolean; true makes the fake authorize each call.
func TestSeedEnforce(t *testing.T) {
	for _, tc := range []struct {
		name, seed string
		want       []string
	}{
		{name: "in an account", seed: `{"accounts": [{"id": "210987654321", "enforce": true}]}`,
			want: []string{`line 1, column 38: accounts[0].enforce: unknown field`}},
		{name: "not a boolean", seed: `{"enforce": "yes"}`,
			want: []string{`line 1, column 13: enforce: want boolean, got JSON string`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := seedProblems(t, writeFiles(t, map[string]string{"seed.json": tc.seed}))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
	opts, err := parseSeed([]byte(`{"enforce": true, "users": [{"name": "Bob"}]}`), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f, err := fakeiam.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.User("Bob").Client().ListUsers(context.Background(), &iam.ListUsersInput{MaxItems: aws.Int32(1)}); err == nil {
		t.Error(`ListUsers by Bob, who holds no policy, under "enforce": true: allowed, want AccessDenied`)
	}
}
