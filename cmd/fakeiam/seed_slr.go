package main

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// Service-linked roles in a seed file, in an account's
// "serviceLinkedRoles", and the services they may name beside the fake's
// catalog, in the top level's "linkedServices" (they are the endpoint's,
// for every account):
//
//	"serviceLinkedRoles": [{"service": "ecs.amazonaws.com", "description": "...",
//	                        "tags": [{"key": "team", "value": "ops"}], "createDate": "2020-02-03T04:05:06Z",
//	                        "accessKeys": [...]},
//	                       {"service": "autoscaling.amazonaws.com", "customSuffix": "batch"}],
//	"linkedServices": [{"service": "example.amazonaws.com", "roleName": "AWSServiceRoleForExample",
//	                    "policies": ["arn:aws:iam::aws:policy/ReadOnlyAccess"], "customSuffix": true}]
//
// A service-linked role is the role CreateServiceLinkedRole would make
// (fakeiam.ServiceLinkedRole): its name, path, trust policy and policies
// are IAM's, so a seed gives none of them. Its name is unique among the
// account's roles ignoring case, it counts in rolesPerAccount, and no
// instance profile or managed policy of the file may name it (IAM refuses
// every such change to it). Each is checked with the builders' rules, each
// problem at its place.

// serviceLinkedRoleSeed is a service-linked role of an account.
type serviceLinkedRoleSeed struct {
	Service      string    `json:"service"`      // a service principal: "ecs.amazonaws.com"
	CustomSuffix *string   `json:"customSuffix"` // the role is then <name>_<suffix>, for a service that takes one
	Description  *string   `json:"description"`
	Tags         []tagSeed `json:"tags"`
	CreateDate   string    `json:"createDate"` // RFC 3339; default: when the endpoint starts
	AccessKeys   []keySeed `json:"accessKeys"`
}

// linkedServiceSeed is a service that CreateServiceLinkedRole and the
// file's service-linked roles accept (fakeiam.LinkedService), or new facts
// about one of the fake's catalog.
type linkedServiceSeed struct {
	Service      string   `json:"service"`
	RoleName     string   `json:"roleName"`
	Policies     []string `json:"policies"` // ARNs of AWS managed policies the fake knows
	CustomSuffix bool     `json:"customSuffix"`
}

// linkedServices are the services the file's service-linked roles may
// name: the file's "linkedServices" (declared by opts, which go to New
// beside the accounts) and the fake's catalog.
type linkedServices struct {
	opts     []fakeiam.Option
	declared map[string]fakeiam.LinkedService
	catalog  []fakeiam.LinkedService // fakeiam.LinkedServiceCatalog, read on the first lookup
}

// lookup is what the fake knows of the service principal svc.
func (l *linkedServices) lookup(svc string) (fakeiam.LinkedService, bool) {
	if s, ok := l.declared[svc]; ok {
		return s, true
	}
	if l.catalog == nil {
		l.catalog = fakeiam.LinkedServiceCatalog()
	}
	i, ok := slices.BinarySearchFunc(l.catalog, svc, func(s fakeiam.LinkedService, svc string) int { return strings.Compare(s.Service, svc) })
	if !ok {
		return fakeiam.LinkedService{}, false
	}
	return l.catalog[i], true
}

// linkedServiceOptions are the top level's linked services, each checked
// alone (fakeiam.LinkedServices), each problem at its place; a refused one
// is left out, so that the roles naming it are not refused for its sake.
func (a accountSeed) linkedServiceOptions(errs *[]error) *linkedServices {
	l := &linkedServices{declared: map[string]fakeiam.LinkedService{}}
	var valid []fakeiam.LinkedService
	first := map[string]int{} // service → index
	for i, s := range a.LinkedServices {
		where := fmt.Sprintf("linkedServices[%d]", i)
		if j, dup := first[s.Service]; dup {
			*errs = append(*errs, fmt.Errorf("%s.service: %q is the service of linkedServices[%d]: declare a service once", where, s.Service, j))
			continue
		}
		first[s.Service] = i
		ls := fakeiam.LinkedService{Service: s.Service, RoleName: s.RoleName, Policies: s.Policies, CustomSuffix: s.CustomSuffix}
		if _, err := fakeiam.New(fakeiam.LinkedServices(ls)); err != nil {
			for _, line := range strings.Split(strings.TrimPrefix(err.Error(), "fakeiam: "), "\n") {
				*errs = append(*errs, fmt.Errorf("%s%s: %s", where, s.linkedServicePlace(line), line))
			}
			continue
		}
		l.declared[s.Service] = ls
		valid = append(valid, ls)
	}
	if len(valid) > 0 {
		l.opts = []fakeiam.Option{fakeiam.LinkedServices(valid...)}
	}
	return l
}

// linkedServicePlace is the member of s a builders' problem line
// ("LinkedService "x": ...") is about.
func (s linkedServiceSeed) linkedServicePlace(line string) string {
	_, rest, _ := strings.Cut(line, ": ")
	switch {
	case strings.HasPrefix(rest, "service: "):
		return ".service"
	case strings.HasPrefix(rest, "role name"):
		return ".roleName"
	case strings.HasPrefix(rest, "policy "):
		for j, arn := range s.Policies {
			if strings.HasPrefix(rest, fmt.Sprintf("policy %q ", arn)) {
				return fmt.Sprintf(".policies[%d]", j)
			}
		}
		return ".policies"
	}
	return ""
}

// linkedRoles are an account's service-linked roles: the account's place
// in the file ("" or "accounts[i].") and the roles' names, by index in its
// "serviceLinkedRoles" ("": a seed that names no role, its problem said).
type linkedRoles struct {
	at    string
	names []string
}

// index is the index of the service-linked role named name (ignoring case
// when fold), or -1.
func (l linkedRoles) index(name string, fold bool) int {
	return slices.IndexFunc(l.names, func(n string) bool { return n != "" && (n == name || fold && strings.EqualFold(n, name)) })
}

// protected is the problem, at where, of naming (as name) the i-th
// service-linked role in a change IAM refuses to such a role.
func (l linkedRoles) protected(where, name string, i int) error {
	return fmt.Errorf("%s: %q is %sserviceLinkedRoles[%d]: Cannot perform the operation on the protected role '%s' - this role is only modifiable by AWS",
		where, name, l.at, i, l.names[i])
}

// serviceLinkedRoleOptions are the account's service-linked roles, each
// checked with the builders' rules alone in its account (with settings and
// the file's linked services), its name unique among the account's roles
// ignoring case, and the account's role quota, each problem at its place;
// and their names.
func (a accountSeed) serviceLinkedRoleOptions(at, account string, settings []fakeiam.Option, linked *linkedServices, files *bodyFiles, errs *[]error) ([]fakeiam.Option, linkedRoles) {
	var opts []fakeiam.Option
	quota := orDefault(a.RolesPerAccount, rolesPerAccount)
	if n := len(a.Roles) + len(a.ServiceLinkedRoles); len(a.Roles) <= quota && n > quota && quota >= 0 {
		// (More roles alone: said at roles.)
		*errs = append(*errs, fmt.Errorf("%sserviceLinkedRoles: %d service-linked roles and %d roles exceed the quota of %d roles per account", at, len(a.ServiceLinkedRoles), len(a.Roles), quota))
	}
	roles := map[string]int{} // lowercase name → index in roles: IAM role names ignore case
	for i, r := range a.Roles {
		if _, dup := roles[strings.ToLower(r.Name)]; !dup {
			roles[strings.ToLower(r.Name)] = i
		}
	}
	names := linkedRoles{at: at, names: make([]string, len(a.ServiceLinkedRoles))}
	for i, s := range a.ServiceLinkedRoles {
		where := fmt.Sprintf("%sserviceLinkedRoles[%d]", at, i)
		if s.Service == "" {
			*errs = append(*errs, fmt.Errorf("%s.service: missing (a service principal, such as ecs.amazonaws.com)", where))
			continue
		}
		seed := fakeiam.ServiceLinkedRole(s.Service)
		if s.CustomSuffix != nil {
			seed = seed.CustomSuffix(*s.CustomSuffix)
		}
		if s.Description != nil {
			seed = seed.Description(*s.Description)
		}
		seed = principalSeed{Tags: s.Tags, CreateDate: s.CreateDate, AccessKeys: s.AccessKeys}.seed(seed, where, files, errs)
		var found []error
		checkSeeds(linked.opts, account, append(slices.Clone(settings), seed), where, &found)
		named := true // the role's name is known: the service and the suffix are fine
		for _, e := range found {
			line := e.Error()
			if strings.Contains(line, "(RolesPerAccount lifts it)") {
				continue // the account's quota: said once above, for the whole list
			}
			line = strings.Replace(linkedRolePlace(line), "(LinkedServices adds services)", "(the top level's linkedServices adds services)", 1)
			if w, _, _ := strings.Cut(line, ": "); w == where+".service" || w == where+".customSuffix" {
				named = false
			}
			*errs = append(*errs, errors.New(line))
		}
		opts = append(opts, seed)
		svc, ok := linked.lookup(s.Service)
		if !named || !ok {
			continue
		}
		name, member := svc.RoleName, ".service"
		if s.CustomSuffix != nil {
			name, member = name+"_"+*s.CustomSuffix, ".customSuffix"
		}
		if j, dup := roles[strings.ToLower(name)]; dup {
			*errs = append(*errs, fmt.Errorf("%s%s: the role %q is the name of %sroles[%d] (%q): IAM role names are unique regardless of case", where, member, name, at, j, a.Roles[j].Name))
			continue
		}
		if j := names.index(name, true); j >= 0 {
			*errs = append(*errs, fmt.Errorf("%s%s: the role %q is that of %sserviceLinkedRoles[%d]: IAM role names are unique regardless of case", where, member, name, at, j))
			continue
		}
		names.names[i] = name
	}
	return opts, names
}

// linkedRolePlace puts a builders' problem line ("<where>: service-linked
// role of "ecs.amazonaws.com": ..." or "<where>: role "AWSServiceRoleForECS": ...")
// at the member it is about.
func linkedRolePlace(line string) string {
	where, rest, _ := strings.Cut(line, ": ")
	for _, p := range linkedRolePlaces {
		if p.re.MatchString(rest) {
			return where + "." + p.member + ": " + rest
		}
	}
	return line
}

var linkedRolePlaces = []struct {
	re     *regexp.Regexp
	member string
}{
	{regexp.MustCompile(`does not have a service-linked role|managed policies attached`), "service"},
	{regexp.MustCompile(`Custom suffix|'customSuffix'|is longer than 64 characters`), "customSuffix"},
	{regexp.MustCompile(`'description'`), "description"},
	{regexp.MustCompile(`'tags|[Tt]ag keys`), "tags"},
}
