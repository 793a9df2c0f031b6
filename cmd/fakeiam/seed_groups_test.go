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

// A seed file's groups hold their members, named by user name in any case.
func TestSeedGroups(t *testing.T) {
	seed := `{"users": [{"name": "Bob"}, {"name": "Alice"}],
 "groups": [{"name": "admins", "path": "/ops/", "createDate": "2020-02-03T04:05:06Z", "members": ["bob", "Alice"]}, {"name": "empty"}],
 "accounts": [{"id": "210987654321", "users": [{"name": "Carol"}], "groups": [{"name": "admins", "members": ["Carol"]}]}]}`
	opts, err := parseSeed([]byte(seed), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f, err := fakeiam.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	out, err := f.Client().GetGroup(context.Background(), &iam.GetGroupInput{GroupName: aws.String("admins")})
	if err != nil {
		t.Fatal(err)
	}
	var members []string
	for _, u := range out.Users {
		members = append(members, *u.UserName)
	}
	got := fmt.Sprint(*out.Group.Path, *out.Group.GroupName, " ", out.Group.CreateDate.Format(time.RFC3339), " ", members)
	if diff := cmp.Diff("/ops/admins 2020-02-03T04:05:06Z [Alice Bob]", got); diff != "" {
		t.Errorf("the seeded group (-want +got):\n%s", diff)
	}
}

// Every problem of a file's groups is named once, at its place.
func TestSeedGroupProblems(t *testing.T) {
	var eleven []string
	for i := range 11 {
		eleven = append(eleven, fmt.Sprintf(`{"name": "g%02d", "members": ["Bob"]}`, i))
	}
	for _, tc := range []struct {
		name, seed string
		want       []string
	}{
		{name: "members, names and paths",
			seed: `{"users": [{"name": "Bob"}], "groups": [
  {"name": "admins", "members": ["Bob", "Carol", "BOB"]},
  {"name": "Admins"},
  {"name": "dev ops"},
  {"name": "ops", "path": "ops", "createDate": "yesterday"}],
 "accounts": [{"id": "210987654321", "groups": [{"name": "x", "members": ["Bob"]}]}]}`,
			want: []string{
				`groups[0].members[1]: "Carol" is no user of the account (users lists them)`,
				`groups[0].members[2]: "BOB" is named twice (members[0])`,
				`groups[1].name: "Admins" is the name of groups[0] ("admins"): IAM group names are unique regardless of case`,
				`groups[2]: group "dev ops": The specified value for groupName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-`,
				`groups[3].createDate: "yesterday" is not an RFC 3339 time such as 2013-06-06T21:40:08Z`,
				`groups[3]: group "ops": The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`,
				`accounts[0].groups[0].members[0]: "Bob" is no user of the account (users lists them)`,
			}},
		{name: "a user in eleven groups", seed: `{"users": [{"name": "Bob"}], "groups": [` + strings.Join(eleven, ",") + `]}`,
			want: []string{`groups[10].members[0]: "Bob" would be in 11 groups, over the quota of 10 per user`}},
		{name: "a user in two groups under a quota of one", seed: `{"groupsPerUser": 1, "users": [{"name": "Bob"}], "groups": [` + strings.Join(eleven[:2], ",") + `]}`,
			want: []string{`groups[1].members[0]: "Bob" would be in 2 groups, over the quota of 1 per user`}},
		{name: "a negative quota, named at its place", seed: `{"groupsPerAccount": -1, "accessKeysPerUser": -2, "users": [{"name": "Bob"}], "accounts": [{"id": "210987654321", "certificatesPerUser": -3}]}`,
			want: []string{"accessKeysPerUser: -2: a quota is at least 0", "groupsPerAccount: -1: a quota is at least 0", "accounts[0].certificatesPerUser: -3: a quota is at least 0"}},
		{name: "members of the wrong JSON type", seed: `{"groups": [{"name": "a", "members": "Bob"}]}`,
			want: []string{`line 1, column 38: groups[0].members: want array, got JSON string`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := seedProblems(t, writeFiles(t, map[string]string{"seed.json": tc.seed}))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
	// 301 groups: the account's quota.
	var many []string
	for i := range 301 {
		many = append(many, fmt.Sprintf(`{"name": "g%03d"}`, i))
	}
	got := seedProblems(t, writeFiles(t, map[string]string{"seed.json": `{"groups": [` + strings.Join(many, ",") + `]}`}))
	if diff := cmp.Diff([]string{"groups: 301 groups exceed the quota of 300 per account"}, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	// The quotas the seed file lifts: 301 groups, a user in eleven.
	for _, seed := range []string{
		`{"groupsPerAccount": 301, "groups": [` + strings.Join(many, ",") + `]}`,
		`{"groupsPerUser": 11, "users": [{"name": "Bob"}], "groups": [` + strings.Join(eleven, ",") + `]}`,
	} {
		opts, err := parseSeed([]byte(seed), t.TempDir())
		if err == nil {
			_, err = fakeiam.New(opts...)
		}
		if err != nil {
			t.Errorf("%.40s...: %v, want a fake", seed, err)
		}
	}
}
