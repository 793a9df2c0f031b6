package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// Roles in the seed file: a role is a principal seed (name, path, tags,
// createDate, accessKeys) with its own fields, checked with the builders'
// rules (fakeiam.Role and its TrustPolicy, Description and
// MaxSessionDuration), each problem at its place.

// roleFields are a role's own members of a principal seed.
type roleFields struct {
	// TrustPolicy is the role's trust policy: a JSON string holding the
	// document, or the document itself (kept as the file writes it). None:
	// the role trusts its own account (fakeiam.Role).
	TrustPolicy        json.RawMessage `json:"trustPolicy"`
	Description        *string         `json:"description"`
	MaxSessionDuration *int            `json:"maxSessionDuration"` // seconds, 3600 to 43200
}

// rolesPerAccount is IAM's quota (fakeiam.RolesPerAccount), unless the
// account's rolesPerAccount changes it.
const rolesPerAccount = 1000

// refuseRoleFields names, at where, each role field a user's or the root
// user's seed gives.
func (p principalSeed) refuseRoleFields(where string, errs *[]error) {
	for _, f := range []struct {
		name  string
		given bool
	}{
		{"trustPolicy", len(p.TrustPolicy) > 0},
		{"description", p.Description != nil},
		{"maxSessionDuration", p.MaxSessionDuration != nil},
	} {
		if f.given {
			*errs = append(*errs, fmt.Errorf("%s.%s: a role's field (only roles have one)", where, f.name))
		}
	}
}

// roleOptions are the account's roles, each checked with the builders'
// rules alone in its account (check), names unique ignoring case and the
// account's quota, each problem at its place.
func (a accountSeed) roleOptions(at, account string, check func(fakeiam.Option, string, *[]error), files *bodyFiles, errs *[]error) []fakeiam.Option {
	var opts []fakeiam.Option
	if quota := orDefault(a.RolesPerAccount, rolesPerAccount); len(a.Roles) > quota && quota >= 0 {
		*errs = append(*errs, fmt.Errorf("%sroles: %d roles exceed the quota of %d per account", at, len(a.Roles), quota))
	}
	roles := map[string]int{} // lowercase name → index: IAM role names ignore case
	for i, r := range a.Roles {
		where := fmt.Sprintf("%sroles[%d]", at, i)
		if j, dup := roles[strings.ToLower(r.Name)]; dup {
			*errs = append(*errs, fmt.Errorf("%s.name: %q is the name of %sroles[%d] (%q): IAM role names are unique regardless of case", where, r.Name, at, j, a.Roles[j].Name))
			continue
		}
		roles[strings.ToLower(r.Name)] = i
		for _, f := range []struct {
			name  string
			given bool
		}{
			{"loginProfile", r.LoginProfile != nil},
			{"signingCertificates", len(r.SigningCertificates) > 0},
			{"sshPublicKeys", len(r.SSHPublicKeys) > 0},
			{"serviceCredentials", len(r.ServiceCredentials) > 0},
		} {
			if f.given {
				*errs = append(*errs, fmt.Errorf("%s.%s: roles have no %s", where, f.name, roleLacks[f.name]))
			}
		}
		r.LoginProfile, r.SigningCertificates, r.SSHPublicKeys, r.ServiceCredentials = nil, nil, nil, nil // said once
		role := r.seed(fakeiam.Role(r.Name), where, files, errs)
		if len(r.TrustPolicy) > 0 {
			role = role.TrustPolicy(inlinePolicySeed{Document: r.TrustPolicy}.document(where+".trustPolicy", errs))
		}
		if r.Description != nil {
			role = role.Description(*r.Description)
		}
		if r.MaxSessionDuration != nil {
			role = role.MaxSessionDuration(time.Duration(*r.MaxSessionDuration) * time.Second)
		}
		var problems []error
		check(role, where, &problems)
		for _, p := range problems {
			*errs = append(*errs, rolePlace(p))
		}
		opts = append(opts, a.withBoundary(role, r.PermissionsBoundary, where, account, errs)) // seed_policies.go
	}
	return opts
}

// roleLacks says what a role has none of, by the seed member that gives it.
var roleLacks = map[string]string{"loginProfile": "login profile", "signingCertificates": "signing certificates",
	"sshPublicKeys": "SSH public keys", "serviceCredentials": "service-specific credentials"}

// rolePlace moves a role's problem from the role to the member it is
// about: "roles[0]: role \"x\": MalformedPolicyDocument: ..." is at
// roles[0].trustPolicy.
func rolePlace(err error) error {
	msg := err.Error()
	where, line, ok := strings.Cut(msg, ": ")
	if !ok || !strings.HasSuffix(where, "]") || strings.Contains(line, ": inline policy ") {
		return err // placed already (an inline policy's, a boundary's)
	}
	for _, p := range rolePlaces {
		if p.re.MatchString(line) {
			return fmt.Errorf("%s.%s: %s", where, p.member, line)
		}
	}
	return err
}

var rolePlaces = []struct {
	re     *regexp.Regexp
	member string
}{
	{regexp.MustCompile(`MalformedPolicyDocument|ACLSizePerRole|'assumeRolePolicyDocument'`), "trustPolicy"},
	{regexp.MustCompile(`maximum session duration|'maxSessionDuration'`), "maxSessionDuration"},
	{regexp.MustCompile(`'description'`), "description"},
	{regexp.MustCompile(`'tags|[Tt]ag keys`), "tags"},
	{regexp.MustCompile(`'path'|value for path`), "path"},
}
