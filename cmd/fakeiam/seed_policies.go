package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// Customer managed policies in a seed file, in an account's
// "managedPolicies":
//
//	"managedPolicies": [{"name": "ReadOnly", "path": "/ops/", "description": "...",
//	                     "createDate": "2020-02-03T04:05:06Z",
//	                     "document": "{\"Version\":\"2012-10-17\",...}",
//	                     "versions": ["{...}"], "defaultVersion": "v2",
//	                     "tags": [{"key": "team", "value": "ops"}],
//	                     "users": ["Bob"], "groups": ["admins"], "roles": ["deployer"]}],
//	"policiesPerAccount": 1500, "policiesPerUser": 10, "policiesPerGroup": 10,
//	"policiesPerRole": 10, "versionsPerPolicy": 5
//
// and a user's or role's "permissionsBoundary": the ARN of one of them.
//
// "document" is v1; "versions" v2, v3, ...; the last is the default unless
// "defaultVersion" names one. "users", "groups" and "roles" attach it, by
// name, to users, groups and roles of the same account (not to a
// service-linked role: IAM refuses it). Each policy is checked with the
// builders' rules (fakeiam.ManagedPolicy), each problem at its place.

// managedPolicySeed is a customer managed policy of an account.
type managedPolicySeed struct {
	Name           string    `json:"name"`
	Path           string    `json:"path"` // default "/"
	Description    string    `json:"description"`
	CreateDate     string    `json:"createDate"` // RFC 3339; default: when the endpoint starts
	Document       string    `json:"document"`
	Versions       []string  `json:"versions"`
	DefaultVersion string    `json:"defaultVersion"`
	Tags           []tagSeed `json:"tags"`
	Users          []string  `json:"users"`
	Groups         []string  `json:"groups"`
	Roles          []string  `json:"roles"`
}

// policyQuotas are the account's quotas on managed policies.
type policyQuotas struct {
	PoliciesPerAccount *int `json:"policiesPerAccount"`
	PoliciesPerUser    *int `json:"policiesPerUser"`
	PoliciesPerGroup   *int `json:"policiesPerGroup"`
	VersionsPerPolicy  *int `json:"versionsPerPolicy"`
	PoliciesPerRole    *int `json:"policiesPerRole"`
}

// policyOptions are the account's managed policies and their quotas, each
// policy checked alone in its account (with the quotas), and its
// attachments against the account's users and groups (lowercase name →
// index) and roles (linked: its service-linked roles, which take no
// policy), each problem at its place.
func (a accountSeed) policyOptions(at, account string, users map[string]int, linked linkedRoles, errs *[]error) []fakeiam.Option {
	var settings []fakeiam.Option
	for _, q := range []struct {
		name  string
		value *int
		opt   func(int) fakeiam.Option
	}{
		{"policiesPerAccount", a.PoliciesPerAccount, fakeiam.PoliciesPerAccount},
		{"policiesPerUser", a.PoliciesPerUser, fakeiam.PoliciesPerUser},
		{"policiesPerGroup", a.PoliciesPerGroup, fakeiam.PoliciesPerGroup},
		{"versionsPerPolicy", a.VersionsPerPolicy, fakeiam.VersionsPerPolicy},
		{"policiesPerRole", a.PoliciesPerRole, fakeiam.PoliciesPerRole},
	} {
		switch {
		case q.value == nil:
		case *q.value < 0:
			*errs = append(*errs, fmt.Errorf("%s%s: %d: a quota is at least 0", at, q.name, *q.value))
		default:
			settings = append(settings, q.opt(*q.value))
		}
	}
	perAccount := orDefault(a.PoliciesPerAccount, 1500)
	perUser, perGroup := orDefault(a.PoliciesPerUser, 10), orDefault(a.PoliciesPerGroup, 10)
	if len(a.ManagedPolicies) > perAccount && perAccount >= 0 {
		*errs = append(*errs, fmt.Errorf("%smanagedPolicies: %d policies exceed the quota of %d per account", at, len(a.ManagedPolicies), perAccount))
	}
	groups := map[string]bool{}
	for _, g := range a.Groups {
		groups[strings.ToLower(g.Name)] = true
	}
	roles := map[string]bool{} // role names as seeded (the fake's seeded roles are found by exact name)
	for _, r := range a.Roles {
		roles[r.Name] = true
	}
	perRole := orDefault(a.PoliciesPerRole, 10)
	opts := slices.Clone(settings)
	names := map[string]int{}    // lowercase name → index: names ignore case
	attached := map[string]int{} // "user:<name>" or "group:<name>" → policies so far
	for i, p := range a.ManagedPolicies {
		where := fmt.Sprintf("%smanagedPolicies[%d]", at, i)
		if j, dup := names[strings.ToLower(p.Name)]; dup {
			*errs = append(*errs, fmt.Errorf("%s.name: %q is the name of %smanagedPolicies[%d] (%q): IAM policy names are unique regardless of case", where, p.Name, at, j, a.ManagedPolicies[j].Name))
			continue
		}
		names[strings.ToLower(p.Name)] = i
		seed := fakeiam.ManagedPolicy(p.Name, p.Document).Versions(p.Versions...)
		if p.Path != "" {
			seed = seed.Path(p.Path)
		}
		if p.Description != "" {
			seed = seed.Description(p.Description)
		}
		if p.DefaultVersion != "" {
			seed = seed.DefaultVersion(p.DefaultVersion)
		}
		for _, t := range p.Tags {
			seed = seed.Tag(t.Key, t.Value)
		}
		if p.CreateDate != "" {
			seed = seed.CreatedAt(parseTime(where+".createDate", p.CreateDate, errs))
		}
		checkPrincipal(account, append(slices.Clone(settings), seed), where, errs)
		for _, side := range []struct {
			field  string
			names  []string
			known  func(string) bool
			quota  int
			attach func(*fakeiam.ManagedPolicySeed, string) *fakeiam.ManagedPolicySeed
		}{
			{"users", p.Users, func(n string) bool { _, ok := users[n]; return ok }, perUser,
				func(s *fakeiam.ManagedPolicySeed, n string) *fakeiam.ManagedPolicySeed { return s.AttachedToUsers(n) }},
			{"groups", p.Groups, func(n string) bool { return groups[n] }, perGroup,
				func(s *fakeiam.ManagedPolicySeed, n string) *fakeiam.ManagedPolicySeed { return s.AttachedToGroups(n) }},
			{"roles", p.Roles, func(n string) bool { return roles[n] }, perRole,
				func(s *fakeiam.ManagedPolicySeed, n string) *fakeiam.ManagedPolicySeed { return s.AttachedToRoles(n) }},
		} {
			named := map[string]int{}
			for j, n := range side.names {
				at := fmt.Sprintf("%s.%s[%d]", where, side.field, j)
				key := strings.ToLower(n)
				if side.field == "roles" {
					key = n
				}
				if j := linked.index(n, false); side.field == "roles" && j >= 0 {
					*errs = append(*errs, linked.protected(at, n, j)) // seed_slr.go
					continue
				}
				if !side.known(key) {
					*errs = append(*errs, fmt.Errorf("%s: %q is none of the account's %s", at, n, side.field))
					continue
				}
				if k, twice := named[key]; twice {
					*errs = append(*errs, fmt.Errorf("%s: %q is named twice (%s[%d])", at, n, side.field, k))
					continue
				}
				named[key] = j
				if attached[side.field+":"+key]++; attached[side.field+":"+key] == side.quota+1 && side.quota >= 0 {
					*errs = append(*errs, fmt.Errorf("%s: %q would hold %d managed policies, over the quota of %d", at, n, side.quota+1, side.quota))
				}
				seed = side.attach(seed, n)
			}
		}
		opts = append(opts, seed)
	}
	return opts
}

// withBoundary is seed (a user or a role at where) with its
// "permissionsBoundary", which must be the ARN of one of the account's
// managed policies (fakeiam's PrincipalSeed.PermissionsBoundary), the
// problem named at where.permissionsBoundary.
func (a accountSeed) withBoundary(seed *fakeiam.PrincipalSeed, arn, where, account string, errs *[]error) *fakeiam.PrincipalSeed {
	if arn == "" {
		return seed
	}
	at := where + ".permissionsBoundary"
	if n := len(arn); n < 20 || n > 2048 {
		*errs = append(*errs, fmt.Errorf("%s: %q: a policy ARN is 20 to 2048 characters", at, arn))
		return seed
	}
	if strings.HasPrefix(arn, "arn:aws:iam::aws:policy/") { // an AWS managed policy: the catalog says
		probe := fakeiam.User("boundary-probe").PermissionsBoundary(arn)
		if _, err := fakeiam.New(fakeiam.Account(account, probe)); err != nil {
			*errs = append(*errs, fmt.Errorf("%s: %q is no AWS managed policy that can be a boundary", at, arn))
			return seed
		}
		return seed.PermissionsBoundary(arn)
	}
	for _, p := range a.ManagedPolicies {
		path := p.Path
		if path == "" {
			path = "/"
		}
		if arn == "arn:aws:iam::"+account+":policy"+path+p.Name {
			return seed.PermissionsBoundary(arn)
		}
	}
	*errs = append(*errs, fmt.Errorf("%s: %q is none of the account's managedPolicies", at, arn))
	return seed
}
