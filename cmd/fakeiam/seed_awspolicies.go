package main

import (
	"fmt"
	"strings"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// AWS managed policies in a seed file, in an account's
// "awsManagedPolicies": each names one by its ARN and attaches it to users
// and groups of the account, by name:
//
//	"awsManagedPolicies": [{"arn": "arn:aws:iam::aws:policy/ReadOnlyAccess",
//	                        "users": ["Bob"], "groups": ["admins"]}]
//
// Checked with the builders' rules (fakeiam.AWSManagedPolicy): an ARN the
// fake's catalog does not hold, or of a policy not attachable, a user or
// group the account does not have or named twice, an ARN seeded twice, and
// the quotas of attached policies counted with "managedPolicies"', each
// problem at its place.

// awsManagedPolicySeed attaches an AWS managed policy.
type awsManagedPolicySeed struct {
	ARN    string   `json:"arn"`
	Users  []string `json:"users"`
	Groups []string `json:"groups"`
}

// awsPolicyOptions are the account's AWS managed policy attachments, each
// checked alone in its account, its users and groups against the
// account's (users: lowercase name → index).
func (a accountSeed) awsPolicyOptions(at, account string, users map[string]int, errs *[]error) []fakeiam.Option {
	if len(a.AWSManagedPolicies) == 0 {
		return nil
	}
	groups := map[string]bool{}
	for _, g := range a.Groups {
		groups[strings.ToLower(g.Name)] = true
	}
	// What "managedPolicies" already attaches to each user and group.
	attached := map[string]int{}
	for _, p := range a.ManagedPolicies {
		for _, n := range p.Users {
			attached["users:"+strings.ToLower(n)]++
		}
		for _, n := range p.Groups {
			attached["groups:"+strings.ToLower(n)]++
		}
	}
	perUser, perGroup := orDefault(a.PoliciesPerUser, 10), orDefault(a.PoliciesPerGroup, 10)
	var opts []fakeiam.Option
	arns := map[string]int{}
	for i, p := range a.AWSManagedPolicies {
		where := fmt.Sprintf("%sawsManagedPolicies[%d]", at, i)
		if p.ARN == "" {
			*errs = append(*errs, fmt.Errorf("%s.arn: required (arn:aws:iam::aws:policy/<path><name>)", where))
			continue
		}
		if j, dup := arns[p.ARN]; dup {
			*errs = append(*errs, fmt.Errorf("%s.arn: %q is the ARN of %sawsManagedPolicies[%d]: name its users and groups there", where, p.ARN, at, j))
			continue
		}
		arns[p.ARN] = i
		seed := fakeiam.AWSManagedPolicy(p.ARN)
		before := len(*errs)
		checkPrincipal(account, []fakeiam.Option{seed}, where+".arn", errs)
		if len(*errs) > before {
			continue
		}
		for _, side := range []struct {
			field  string
			names  []string
			known  func(string) bool
			quota  int
			attach func(*fakeiam.AWSManagedPolicySeed, string) *fakeiam.AWSManagedPolicySeed
		}{
			{"users", p.Users, func(n string) bool { _, ok := users[n]; return ok }, perUser,
				func(s *fakeiam.AWSManagedPolicySeed, n string) *fakeiam.AWSManagedPolicySeed {
					return s.AttachedToUsers(n)
				}},
			{"groups", p.Groups, func(n string) bool { return groups[n] }, perGroup,
				func(s *fakeiam.AWSManagedPolicySeed, n string) *fakeiam.AWSManagedPolicySeed {
					return s.AttachedToGroups(n)
				}},
		} {
			named := map[string]int{}
			for j, n := range side.names {
				at := fmt.Sprintf("%s.%s[%d]", where, side.field, j)
				key := strings.ToLower(n)
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
