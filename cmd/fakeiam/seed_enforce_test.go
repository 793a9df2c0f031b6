package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
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
	_, err = f.User("Bob").Client().ListUsers(context.Background(), &iam.ListUsersInput{MaxItems: aws.Int32(1)})
	if !strings.Contains(fmt.Sprint(err), "AccessDenied: User: arn:aws:iam::123456789012:user/Bob is not authorized to perform: iam:ListUsers") {
		t.Errorf(`ListUsers by Bob, who holds no policy, under "enforce": true: %v, want AccessDenied`, err)
	}
}

// TestEnforceFlag: -enforce turns enforcement on for any seed.
func TestEnforceFlag(t *testing.T) {
	dir := writeFiles(t, map[string]string{"seed.json": `{"users": [{"name": "Bob", "accessKeys": [{"id": "AKIABOBEXAMPLE000001", "secret": "bob-secret"}]}]}`})
	for _, tc := range []struct {
		flags  []string
		denied bool
	}{{nil, false}, {[]string{"-enforce"}, true}} {
		s := start(t, append([]string{"-quiet", "-seed", filepath.Join(dir, "seed.json")}, tc.flags...)...)
		_, err := s.clientAs("AKIABOBEXAMPLE000001", "bob-secret").ListUsers(context.Background(), &iam.ListUsersInput{})
		if denied := strings.Contains(fmt.Sprint(err), "AccessDenied"); denied != tc.denied {
			t.Errorf("flags %q: ListUsers by Bob, who holds no policy: %v, want denied %v", tc.flags, err, tc.denied)
		}
	}
}
