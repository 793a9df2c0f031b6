package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// Instance profiles in a seed file, in an account's "instanceProfiles":
//
//	"instanceProfiles": [{"name": "web", "path": "/app/", "role": "web-server",
//	                      "createDate": "2020-02-03T04:05:06Z", "tags": [{"key": "team", "value": "web"}]},
//	                     {"name": "empty"}],
//	"instanceProfilesPerAccount": 1000
//
// "role" names the role the profile holds (none: it holds no role), a role
// of the same account, in its "roles" (its name in any case, as IAM finds
// roles): not a role of another account, nor a service-linked role (IAM
// refuses to add one to a profile). Each profile is checked with the
// builders' rules (fakeiam.InstanceProfile), names unique ignoring case,
// tag keys keeping case, at most instanceProfilesPerAccount of them (IAM's
// quota: 1,000), each problem at its place.

// instanceProfileSeed is an instance profile of an account.
type instanceProfileSeed struct {
	Name       string    `json:"name"`
	Path       string    `json:"path"`       // default "/"
	Role       string    `json:"role"`       // a role of the same account; none: no role
	CreateDate string    `json:"createDate"` // RFC 3339; default: when the endpoint starts
	Tags       []tagSeed `json:"tags"`
}

// instanceProfilesPerAccount is IAM's quota (fakeiam.InstanceProfilesPerAccount),
// unless the account's instanceProfilesPerAccount changes it.
const instanceProfilesPerAccount = 1000

// instanceProfileOptions are the account's instance profiles, each checked
// with the builders' rules alone in its account (with settings), its role
// against the account's roles (linked: its service-linked roles, which a
// profile cannot hold), names unique ignoring case and the account's
// quota, each problem at its place.
func (a accountSeed) instanceProfileOptions(at, account string, settings []fakeiam.Option, linked linkedRoles, errs *[]error) []fakeiam.Option {
	var opts []fakeiam.Option
	if quota := orDefault(a.InstanceProfilesPerAccount, instanceProfilesPerAccount); len(a.InstanceProfiles) > quota && quota >= 0 {
		*errs = append(*errs, fmt.Errorf("%sinstanceProfiles: %d instance profiles exceed the quota of %d per account", at, len(a.InstanceProfiles), quota))
	}
	roles := map[string]bool{} // lowercase role name: the fake finds a profile's role ignoring case
	for _, r := range a.Roles {
		roles[strings.ToLower(r.Name)] = true
	}
	names := map[string]int{} // lowercase name → index: names ignore case
	for i, p := range a.InstanceProfiles {
		where := fmt.Sprintf("%sinstanceProfiles[%d]", at, i)
		if j, dup := names[strings.ToLower(p.Name)]; dup {
			*errs = append(*errs, fmt.Errorf("%s.name: %q is the name of %sinstanceProfiles[%d] (%q): instance profile names are unique regardless of case", where, p.Name, at, j, a.InstanceProfiles[j].Name))
			continue
		}
		names[strings.ToLower(p.Name)] = i
		seed := fakeiam.InstanceProfile(p.Name)
		if p.Path != "" {
			seed = seed.Path(p.Path)
		}
		if p.CreateDate != "" {
			seed = seed.CreatedAt(parseTime(where+".createDate", p.CreateDate, errs))
		}
		for _, t := range p.Tags {
			seed = seed.Tag(t.Key, t.Value)
		}
		// Checked without its role, which is the account's (not in the
		// check's account): the role is checked here.
		var found []error
		checkPrincipal(account, append(slices.Clone(settings), seed), where, &found)
		for _, e := range found {
			if strings.Contains(e.Error(), "(InstanceProfilesPerAccount lifts it)") {
				continue // the account's quota: said once above, for the whole list
			}
			*errs = append(*errs, errors.New(instanceProfilePlace(e.Error())))
		}
		if p.Role != "" {
			if j := linked.index(p.Role, true); j >= 0 {
				*errs = append(*errs, linked.protected(where+".role", p.Role, j)) // seed_slr.go
			} else if !roles[strings.ToLower(p.Role)] {
				*errs = append(*errs, fmt.Errorf("%s.role: %q is none of the account's roles", where, p.Role))
			}
			seed = seed.Role(p.Role)
		}
		opts = append(opts, seed)
	}
	return opts
}

// instanceProfilePlace puts a builders' problem line ("<where>: instance
// profile "web": ...") at the member it is about.
func instanceProfilePlace(line string) string {
	where, rest, _ := strings.Cut(line, ": ")
	member := ""
	switch {
	case strings.Contains(rest, "'instanceProfileName'"):
		member = ".name"
	case strings.Contains(rest, "'path'") || strings.Contains(rest, "value for path"):
		member = ".path"
	case strings.Contains(rest, "'tags") || strings.Contains(rest, "ag key") || strings.Contains(rest, "number of tags"):
		member = ".tags"
	}
	return where + member + ": " + rest
}
