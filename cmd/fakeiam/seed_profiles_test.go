package main

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// A seed file's instance profiles are real profiles, in their account:
// GetInstanceProfile answers each with the fields the file gives and the
// role it holds (named in any case), ListInstanceProfilesForRole finds it
// from the role, and the account's quota is the file's.
func TestSeedInstanceProfiles(t *testing.T) {
	seed := `{"roles": [{"name": "web-server", "path": "/app/"}, {"name": "idle"}],
 "instanceProfiles": [
  {"name": "web", "path": "/app/", "role": "Web-Server", "createDate": "2020-02-03T04:05:06Z",
   "tags": [{"key": "team", "value": "web"}, {"key": "Team", "value": "ops"}]},
  {"name": "empty"}],
 "instanceProfilesPerAccount": 5,
 "accounts": [{"id": "210987654321", "roles": [{"name": "batch"}],
   "instanceProfiles": [{"name": "web", "role": "batch"}]}]}`
	opts, err := parseSeed([]byte(seed), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f, err := fakeiam.New(append(opts, fakeiam.WithFixedTime(now))...)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	type profile struct {
		Arn, Path, Created string
		Roles, Tags        []string // role ARNs; key=value
	}
	get := func(c *iam.Client, name string) profile {
		t.Helper()
		out, err := c.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String(name)})
		if err != nil {
			t.Fatalf("GetInstanceProfile %s: %v", name, err)
		}
		p := out.InstanceProfile
		got := profile{Arn: *p.Arn, Path: *p.Path, Created: p.CreateDate.Format(time.RFC3339), Roles: []string{}, Tags: []string{}}
		for _, r := range p.Roles {
			got.Roles = append(got.Roles, *r.Arn)
		}
		for _, tag := range p.Tags {
			got.Tags = append(got.Tags, *tag.Key+"="+*tag.Value)
		}
		return got
	}
	other := f.Principal("arn:aws:iam::210987654321:root").Client()
	got := []profile{get(f.Client(), "web"), get(f.Client(), "empty"), get(other, "web")}
	want := []profile{
		{"arn:aws:iam::123456789012:instance-profile/app/web", "/app/", "2020-02-03T04:05:06Z",
			[]string{"arn:aws:iam::123456789012:role/app/web-server"}, []string{"Team=ops", "team=web"}}, // by key; keys keep case
		{"arn:aws:iam::123456789012:instance-profile/empty", "/", "2026-01-01T00:00:00Z", []string{}, []string{}},
		{"arn:aws:iam::210987654321:instance-profile/web", "/", "2026-01-01T00:00:00Z", []string{"arn:aws:iam::210987654321:role/batch"}, []string{}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the seeded instance profiles (-want +got):\n%s", diff)
	}

	var held []string
	for _, role := range []string{"web-server", "idle"} {
		out, err := f.Client().ListInstanceProfilesForRole(ctx, &iam.ListInstanceProfilesForRoleInput{RoleName: aws.String(role)})
		if err != nil {
			t.Fatalf("ListInstanceProfilesForRole %s: %v", role, err)
		}
		for _, p := range out.InstanceProfiles {
			held = append(held, role+" in "+*p.InstanceProfileName)
		}
	}
	if diff := cmp.Diff([]string{"web-server in web"}, held); diff != "" {
		t.Errorf("ListInstanceProfilesForRole (-want +got):\n%s", diff)
	}

	summary, err := f.Client().GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil {
		t.Fatal(err)
	}
	if got := [2]int32{summary.SummaryMap["InstanceProfiles"], summary.SummaryMap["InstanceProfilesQuota"]}; got != [2]int32{2, 5} {
		t.Errorf("InstanceProfiles, InstanceProfilesQuota: %v, want [2 5]", got)
	}
}

// Every problem of a file's instance profiles is named once, at its place.
func TestSeedInstanceProfileProblems(t *testing.T) {
	for _, tc := range []struct {
		name, seed string
		want       []string
	}{
		{name: "names, paths, tags, dates, roles",
			seed: `{"roles": [{"name": "builder"}], "instanceProfiles": [
  {"name": "web", "role": "builder"},
  {"name": "WEB"},
  {"name": "a profile"},
  {"name": "p", "path": "app"},
  {"name": "t", "tags": [{"key": "k", "value": "1"}, {"key": "k", "value": "2"}]},
  {"name": "cased", "tags": [{"key": "Env", "value": "1"}, {"key": "env", "value": "2"}]},
  {"name": "u", "tags": [{"key": "aws:x", "value": "1"}]},
  {"name": "d", "createDate": "today"},
  {"name": "r", "role": "nope"}],
 "accounts": [{"id": "210987654321", "instanceProfiles": [{"name": "web", "role": "builder"}]}]}`,
			want: []string{
				`instanceProfiles[1].name: "WEB" is the name of instanceProfiles[0] ("web"): instance profile names are unique regardless of case`,
				`instanceProfiles[2].name: instance profile "a profile": 1 validation error detected: Value at 'instanceProfileName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+`,
				`instanceProfiles[3].path: instance profile "p": The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`,
				`instanceProfiles[4].tags: instance profile "t": Duplicate tag keys found.`,
				`instanceProfiles[6].tags: instance profile "u": Tag keys beginning with aws: are reserved for AWS use.`,
				`instanceProfiles[7].createDate: "today" is not an RFC 3339 time such as 2013-06-06T21:40:08Z`,
				`instanceProfiles[8].role: "nope" is none of the account's roles`,
				`accounts[0].instanceProfiles[0].role: "builder" is none of the account's roles`,
			}},
		{name: "unknown and mistyped members",
			seed: `{"roles": [{"name": "a"}],
 "instanceProfiles": [{"name": "x", "roles": ["a"]}, {"name": "y", "role": ["a"]}]}`,
			want: []string{
				"line 2, column 37: instanceProfiles[0].roles: unknown field",
				"line 2, column 76: instanceProfiles[1].role: want string, got JSON array",
			}},
		{name: "over the quota", seed: `{"instanceProfilesPerAccount": 1, "instanceProfiles": [{"name": "a"}, {"name": "b"}]}`,
			want: []string{`instanceProfiles: 2 instance profiles exceed the quota of 1 per account`}},
		{name: "a negative quota", seed: `{"instanceProfilesPerAccount": -1}`, want: []string{"instanceProfilesPerAccount: -1: a quota is at least 0"}},
		{name: "a quota of 0: said once, and each profile's own problems too",
			seed: `{"instanceProfilesPerAccount": 0, "instanceProfiles": [{"name": "p", "path": "app"}]}`,
			want: []string{
				`instanceProfiles: 1 instance profiles exceed the quota of 0 per account`,
				`instanceProfiles[0].path: instance profile "p": The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`,
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
