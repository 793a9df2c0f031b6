package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// The seed file: JSON describing what the endpoint starts with. Every field
// is optional. Top-level users, roles and root belong to the default account
// (123456789012); "accounts" adds others.
//
//	{
//	  "root":  {"accessKeys": [{"id": "AKIA...", "secret": "..."}],
//	            "signingCertificates": [{}]},
//	  "users": [{"name": "Bob", "path": "/engineering/", "createDate": "2020-02-03T04:05:06Z",
//	             "tags": [{"key": "team", "value": "payments"}],
//	             "accessKeys": [{"id": "AKIABOBEXAMPLE000001", "secret": "bob-secret",
//	                             "status": "Inactive", "createDate": "2021-01-01T00:00:00Z"}],
//	             "signingCertificates": [{"id": "...", "body": "-----BEGIN CERTIFICATE-----...",
//	                                      "status": "Active", "uploadDate": "2013-06-06T21:40:08Z"},
//	                                     {"bodyFile": "bob.pem"}],
//	             "loginProfile": {"password": "Bob-pass-1", "passwordResetRequired": true,
//	                              "createDate": "2021-01-01T00:00:00Z"},
//	             "sshPublicKeys": [{"id": "APKA...", "body": "ssh-rsa AAAA... bob@laptop",
//	                                "status": "Inactive", "uploadDate": "2020-02-03T04:05:06Z"},
//	                               {"bodyFile": "bob_rsa.pub"}, {}],
//	             "serviceCredentials": [{"service": "codecommit.amazonaws.com", "id": "ACCA...",
//	                                     "password": "...", "status": "Active",
//	                                     "createDate": "2020-02-03T04:05:06Z"}],
//	             "inlinePolicies": [{"name": "s3-read", "document": {"Version": "2012-10-17",
//	                                 "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]}}]}],
//	  "roles": [{"name": "deployer", "path": "/ci/", "description": "deploys", "maxSessionDuration": 7200,
//	             "trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
//	                             "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
//	             "tags": [{"key": "team", "value": "ops"}], "createDate": "2020-02-03T04:05:06Z",
//	             "accessKeys": [...]}],
//	  "rolesPerAccount": 1000,
//	  "instanceProfiles": [{"name": "web", "path": "/app/", "role": "deployer", "createDate": "2020-02-03T04:05:06Z",
//	                        "tags": [{"key": "team", "value": "web"}]}],
//	  "instanceProfilesPerAccount": 1000,
//	  "serviceLinkedRoles": [{"service": "ecs.amazonaws.com", "description": "...", "createDate": "2020-02-03T04:05:06Z",
//	                          "tags": [{"key": "team", "value": "ops"}], "accessKeys": [...]},
//	                         {"service": "autoscaling.amazonaws.com", "customSuffix": "batch"}],
//	  "linkedServices": [{"service": "example.amazonaws.com", "roleName": "AWSServiceRoleForExample",
//	                      "policies": ["arn:aws:iam::aws:policy/ReadOnlyAccess"], "customSuffix": true}],
//	  "groups": [{"name": "admins", "path": "/ops/", "createDate": "2020-02-03T04:05:06Z",
//	              "members": ["Bob"], "inlinePolicies": [{"name": "...", "document": "{...}"}]}],
//	  "mfaDevices": [{"name": "bob-phone", "path": "/", "seed": "JBSWY3DPEHPK3PXP", "user": "Bob",
//	                  "enableDate": "2020-02-03T04:05:06Z", "tags": [{"key": "team", "value": "ops"}]},
//	                 {"name": "spare"}],
//	  "mfaDevicesPerUser": 8,
//	  "serverCertificates": [{"name": "web", "path": "/cloudfront/", "uploadDate": "2020-02-03T04:05:06Z",
//	                          "body": "-----BEGIN CERTIFICATE-----...", "privateKey": "-----BEGIN EC PRIVATE KEY-----...",
//	                          "chain": "-----BEGIN CERTIFICATE-----...", "tags": [{"key": "env", "value": "prod"}]},
//	                         {"name": "api", "bodyFile": "api.pem", "privateKeyFile": "api.key", "chainFile": "chain.pem"},
//	                         {"name": "generated"}],
//	  "serverCertificatesPerAccount": 20,
//	  "certificatesPerUser": 2,
//	  "accessKeysPerUser": 2,
//	  "sshPublicKeysPerUser": 5,
//	  "groupsPerAccount": 300,
//	  "groupsPerUser": 10,
//	  "serviceCredentialsPerService": 2,
//	  "rootUserName": "<root_account>",
//	  "passwordPolicy": {"minimumPasswordLength": 12, "requireSymbols": true, "requireNumbers": true,
//	                     "requireUppercaseCharacters": true, "requireLowercaseCharacters": true,
//	                     "allowUsersToChangePassword": true, "maxPasswordAge": 90,
//	                     "passwordReusePrevention": 5, "hardExpiry": false},
//	  "accountAlias": "example-corp",
//	  "globalEndpointTokenVersion": "v2Token",
//	  "credentialReport": {"generatedAt": "2021-01-01T00:00:00Z", "generationTime": "10s"},
//	  "accounts": [{"id": "210987654321", "accountAlias": "example-dev", "users": [...], "roles": [...], "root": {...}}]
//	}
//
// A group lists its members by user name: users of the same account, in
// "users" (a group is the account's, and names its users as GetGroup
// does; a user does not list its groups). An instance profile's "role"
// names the role it holds, a role of the same account, in "roles"
// (seed_profiles.go). A service-linked role is the one IAM makes for its
// service, of the fake's catalog or of the top level's "linkedServices",
// which are the endpoint's (seed_slr.go). A virtual MFA device is the
// account's too: "user" names the user of the account it is enabled for
// (none: unassigned), "seed" its Base32 secret (none: a new one). A certificate's or key's zero
// fields get the builders' defaults (a
// generated body, an id, Active, the current time); "bodyFile" reads the
// body (of a certificate or an SSH public key) from a regular file in the
// seed file's directory or below it (see bodyFiles), as "privateKeyFile"
// and "chainFile" read a server certificate's key and chain; a server
// certificate without body and key gets fakeiam.ServerCertificatePEM's
// pair for its name. Every value is checked with the builders' rules; the error
// names the file, and each problem once with its place in it.
type seedFile struct {
	accountSeed
	Accounts []accountSeed `json:"accounts"`
	// Enforce: every call is authorized by its caller's policies
	// (fakeiam.Enforce; the -enforce flag does the same).
	Enforce bool `json:"enforce"`
}

type accountSeed struct {
	ID     string          `json:"id"`
	Root   *principalSeed  `json:"root"`
	Users  []principalSeed `json:"users"`
	Roles  []principalSeed `json:"roles"`
	Groups []groupSeed     `json:"groups"`
	// MFADevices are the account's virtual MFA devices (mfa.go).
	MFADevices []mfaDeviceSeed `json:"mfaDevices"`
	// ServerCertificates are the account's server certificates.
	ServerCertificates []serverCertificateSeed `json:"serverCertificates"`
	// IAM's quotas, lifted or lowered (fakeiam's options of the same names).
	CertificatesPerUser  *int `json:"certificatesPerUser"`
	AccessKeysPerUser    *int `json:"accessKeysPerUser"`
	SSHPublicKeysPerUser *int `json:"sshPublicKeysPerUser"`
	// ServiceCredentialsPerService: service-specific credentials per user
	// per service (IAM's quota: 2).
	ServiceCredentialsPerService *int            `json:"serviceCredentialsPerService"`
	GroupsPerAccount             *int            `json:"groupsPerAccount"`
	GroupsPerUser                *int            `json:"groupsPerUser"`
	MFADevicesPerUser            *int            `json:"mfaDevicesPerUser"`
	RootUserName                 *string         `json:"rootUserName"`
	PasswordPolicy               *passwordPolicy `json:"passwordPolicy"`
	AccountAlias                 *string         `json:"accountAlias"`
	// GlobalEndpointTokenVersion: the account's STS preference, v1Token
	// (IAM's default) or v2Token (SetSecurityTokenServicePreferences).
	GlobalEndpointTokenVersion *string `json:"globalEndpointTokenVersion"`
	// Customer managed policies and their quotas (seed_policies.go).
	ManagedPolicies []managedPolicySeed `json:"managedPolicies"`
	policyQuotas
	// AWS managed policies attached to users and groups (seed_awspolicies.go).
	AWSManagedPolicies []awsManagedPolicySeed `json:"awsManagedPolicies"`
	// ServerCertificatesPerAccount: IAM's quota is 20.
	ServerCertificatesPerAccount *int `json:"serverCertificatesPerAccount"`
	// RolesPerAccount: IAM's quota is 1,000 (seed_roles.go).
	RolesPerAccount *int `json:"rolesPerAccount"`
	// CredentialReport: the account's credential report (fakeiam's
	// CredentialReportGeneratedAt and CredentialReportGenerationTime).
	CredentialReport *credentialReportSeed `json:"credentialReport"`
	// Identity providers and their quotas (seed_providers.go).
	OIDCProviders []oidcProviderSeed `json:"oidcProviders"`
	SAMLProviders []samlProviderSeed `json:"samlProviders"`
	providerQuotas
	// Instance profiles (each holds at most one role, of this account) and
	// their quota, IAM's 1,000 (seed_profiles.go).
	InstanceProfiles           []instanceProfileSeed `json:"instanceProfiles"`
	InstanceProfilesPerAccount *int                  `json:"instanceProfilesPerAccount"`
	// Service-linked roles, and the services they may name beside the
	// fake's catalog: those the top level's only, as they are the
	// endpoint's (seed_slr.go).
	ServiceLinkedRoles []serviceLinkedRoleSeed `json:"serviceLinkedRoles"`
	LinkedServices     []linkedServiceSeed     `json:"linkedServices"`
}

// serverCertificateSeed is a server certificate of the account
// (fakeiam.ServerCertificate): "name" required; body and privateKey
// given together (or from files), or neither (a generated pair).
type serverCertificateSeed struct {
	Name           string    `json:"name"`
	Path           string    `json:"path"` // default "/"
	Body           string    `json:"body"`
	BodyFile       string    `json:"bodyFile"`
	PrivateKey     string    `json:"privateKey"`
	PrivateKeyFile string    `json:"privateKeyFile"`
	Chain          string    `json:"chain"`
	ChainFile      string    `json:"chainFile"`
	UploadDate     string    `json:"uploadDate"` // RFC 3339; default: when the endpoint starts
	Tags           []tagSeed `json:"tags"`
}

// credentialReportSeed is a seeded credential report and how long making
// one takes.
type credentialReportSeed struct {
	GeneratedAt    string `json:"generatedAt"`    // RFC 3339: a report of the seeded state, generated then; none when left out
	GenerationTime string `json:"generationTime"` // a Go duration such as "10s": how long generating one takes (default 0)
}

// options are the report's options, each problem named at where.
func (r *credentialReportSeed) options(where, account string, errs *[]error) []fakeiam.Option {
	var opts []fakeiam.Option
	if r.GenerationTime != "" {
		d, err := time.ParseDuration(r.GenerationTime)
		if err != nil {
			*errs = append(*errs, fmt.Errorf("%s.generationTime: %q is not a duration such as 10s", where, r.GenerationTime))
		} else {
			opt := fakeiam.CredentialReportGenerationTime(d)
			checkPrincipal(account, []fakeiam.Option{opt}, where+".generationTime", errs)
			opts = append(opts, opt)
		}
	}
	if r.GeneratedAt != "" {
		at := fmt.Sprintf("%s.generatedAt", where)
		if t := parseTime(at, r.GeneratedAt, errs); !t.IsZero() {
			opt := fakeiam.CredentialReportGeneratedAt(t)
			checkPrincipal(account, []fakeiam.Option{opt}, at, errs)
			opts = append(opts, opt)
		}
	}
	return opts
}

// passwordPolicy is the account's password policy, the members of
// UpdateAccountPasswordPolicy: one left out takes IAM's default.
type passwordPolicy struct {
	MinimumPasswordLength      *int32 `json:"minimumPasswordLength"`
	RequireSymbols             bool   `json:"requireSymbols"`
	RequireNumbers             bool   `json:"requireNumbers"`
	RequireUppercaseCharacters bool   `json:"requireUppercaseCharacters"`
	RequireLowercaseCharacters bool   `json:"requireLowercaseCharacters"`
	AllowUsersToChangePassword bool   `json:"allowUsersToChangePassword"`
	MaxPasswordAge             *int32 `json:"maxPasswordAge"`
	PasswordReusePrevention    *int32 `json:"passwordReusePrevention"`
	HardExpiry                 *bool  `json:"hardExpiry"`
}

// loginProfile is a user's console password; the fake keeps only its hash.
type loginProfile struct {
	Password              string `json:"password"`
	PasswordResetRequired bool   `json:"passwordResetRequired"`
	CreateDate            string `json:"createDate"` // RFC 3339; default: the user's
}

type principalSeed struct {
	Path                string        `json:"path"` // users: "/division/"; default "/"
	Tags                []tagSeed     `json:"tags"`
	CreateDate          string        `json:"createDate"` // RFC 3339; default: when the endpoint starts
	Name                string        `json:"name"`
	AccessKeys          []keySeed     `json:"accessKeys"`
	SigningCertificates []certificate `json:"signingCertificates"`
	SSHPublicKeys       []certificate `json:"sshPublicKeys"` // users: the same fields as a certificate's
	LoginProfile        *loginProfile `json:"loginProfile"`  // users only
	// ServiceCredentials: users only (service-specific credentials).
	ServiceCredentials []serviceCredentialSeed `json:"serviceCredentials"`
	// InlinePolicies: users and roles (and groups, groupSeed).
	InlinePolicies []inlinePolicySeed `json:"inlinePolicies"`
	// A role's own fields (seed_roles.go): roles only.
	roleFields
	// PermissionsBoundary: users and roles, the ARN of a managed policy of
	// the account (seed_policies.go).
	PermissionsBoundary string `json:"permissionsBoundary"`
}

// inlinePolicySeed is an inline policy of a user or a group: its name and
// its document, a JSON string holding the document or the document itself
// (kept as the file writes it, byte for byte).
type inlinePolicySeed struct {
	Name     string          `json:"name"`
	Document json.RawMessage `json:"document"`
}

// document is the policy's document text ("" when absent: the builders
// name the problem).
func (p inlinePolicySeed) document(where string, errs *[]error) string {
	raw := bytes.TrimSpace(p.Document)
	switch {
	case len(raw) == 0 || string(raw) == "null":
		return ""
	case raw[0] == '"':
		var doc string
		if err := json.Unmarshal(raw, &doc); err != nil {
			*errs = append(*errs, fmt.Errorf("%s.document: %v", where, err))
		}
		return doc
	}
	return string(raw)
}

// serviceCredentialSeed is a service-specific credential of a user:
// "service" required, the rest defaulted (fakeiam.ServiceCredential).
type serviceCredentialSeed struct {
	ID             string `json:"id"`
	Service        string `json:"service"`
	Password       string `json:"password"`
	Status         string `json:"status"`
	CreateDate     string `json:"createDate"`     // RFC 3339
	ExpirationDate string `json:"expirationDate"` // RFC 3339; API keys only
}

type groupSeed struct {
	Name       string   `json:"name"`
	Path       string   `json:"path"`       // default "/"
	CreateDate string   `json:"createDate"` // RFC 3339; default: when the endpoint starts
	Members    []string `json:"members"`    // user names of the same account
	// InlinePolicies are the group's inline policies.
	InlinePolicies []inlinePolicySeed `json:"inlinePolicies"`
}

type keySeed struct {
	ID         string `json:"id"`
	Secret     string `json:"secret"`
	Status     string `json:"status"`     // Active (default) or Inactive
	CreateDate string `json:"createDate"` // RFC 3339; default: the principal's
}

type tagSeed struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type certificate struct {
	ID         string `json:"id"`
	Body       string `json:"body"`
	BodyFile   string `json:"bodyFile"`
	Status     string `json:"status"`
	UploadDate string `json:"uploadDate"`
}

// maxSeedBytes bounds what a seed file may hold; a larger one, or a device
// that never ends, is refused after reading that much.
const maxSeedBytes = 16 << 20

// loadSeed reads a seed file into options. Errors name the file, the place
// in it and the problem.
func loadSeed(path string) ([]fakeiam.Option, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	tooLarge := func() error {
		return fmt.Errorf("%s: more than %d MiB: a seed file is at most that", path, maxSeedBytes>>20)
	}
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() && info.Size() > maxSeedBytes {
		return nil, tooLarge()
	}
	data, err := io.ReadAll(io.LimitReader(f, maxSeedBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if len(data) > maxSeedBytes {
		return nil, tooLarge()
	}
	opts, err := parseSeed(data, filepath.Dir(path))
	if err != nil {
		// One problem a line, each naming the file, as compilers do.
		lines := strings.Split(err.Error(), "\n")
		for i, l := range lines {
			lines[i] = path + ": " + l
		}
		return nil, errors.New(strings.Join(lines, "\n"))
	}
	return opts, nil
}

// parseSeed reads a seed file's content; bodyFile names a file in dir or
// below it. Its error names every problem once, each with its place: the
// file is checked to the end, past unknown fields and refused values. Only
// JSON that is not JSON, or a value of the wrong JSON type, stops the
// check of values (a half-read file would yield problems of its own).
func parseSeed(data []byte, dir string) ([]fakeiam.Option, error) {
	var sf seedFile
	dec := json.NewDecoder(bytes.NewReader(data))
	err := dec.Decode(&sf)
	var typeErr *json.UnmarshalTypeError
	if err != nil && !errors.As(err, &typeErr) {
		return nil, jsonError(data, dec, err)
	}
	var errs []error
	end := dec.InputOffset()
	if _, err := dec.Token(); err != io.EOF {
		errs = append(errs, fmt.Errorf("%s: more than one JSON value", position(data, valueStart(data, end))))
	}
	problems, mistyped := shapeProblems(data[:end], reflect.TypeFor[seedFile]())
	errs = append(errs, problems...)
	if typeErr != nil && !mistyped {
		// A type the walk does not see, such as 2.5 for an integer.
		errs = append(errs, jsonError(data, dec, typeErr))
		mistyped = true
	}
	if mistyped {
		return nil, errors.Join(errs...)
	}
	before := len(errs)
	if sf.ID != "" {
		errs = append(errs, errors.New(`id: the top level is the default account; put other accounts in "accounts"`))
	}
	files := &bodyFiles{dir: dir}
	defer files.close()
	// The endpoint's settings, then the top level as the default account,
	// its settings included.
	linked := sf.linkedServiceOptions(&errs) // seed_slr.go
	opts := slices.Clone(linked.opts)
	if sf.Enforce {
		opts = append(opts, fakeiam.Enforce())
	}
	opts = append(opts, fakeiam.Account(fakeiam.DefaultAccountID, sf.accountSeed.options("", fakeiam.DefaultAccountID, linked, files, &errs)...))
	for i, a := range sf.Accounts {
		at := fmt.Sprintf("accounts[%d]", i)
		if a.ID == "" {
			errs = append(errs, fmt.Errorf("%s.id: missing (12 digits)", at))
			continue
		}
		if len(a.LinkedServices) > 0 {
			errs = append(errs, fmt.Errorf("%s.linkedServices: the services are the endpoint's, for every account: give them at the top level", at))
		}
		opts = append(opts, fakeiam.Account(a.ID, a.options(at+".", a.ID, linked, files, &errs)...))
	}
	if len(errs) == before {
		// What no single principal shows (the same certificate or key id
		// on two of them) the builders check on the whole seed, naming
		// both. With a principal refused, this would name it again.
		if _, err := fakeiam.New(opts...); err != nil {
			errs = append(errs, errors.New(strings.TrimPrefix(err.Error(), "fakeiam: ")))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return opts, nil
}

// checkPrincipal runs the builders' checks on one principal's seed, alone
// in its account, and reports what they refuse at where, its place in the
// file.
func checkPrincipal(account string, seed []fakeiam.Option, where string, errs *[]error) {
	checkSeeds(nil, account, seed, where, errs)
}

// checkSeeds is checkPrincipal in a fake given fake, the endpoint's own
// settings (the file's linked services), beside the account.
func checkSeeds(fake []fakeiam.Option, account string, seed []fakeiam.Option, where string, errs *[]error) {
	_, err := fakeiam.New(append(slices.Clone(fake), fakeiam.Account(account, seed...))...)
	if err == nil {
		return
	}
	for _, line := range strings.Split(strings.TrimPrefix(err.Error(), "fakeiam: "), "\n") {
		// "account 123456789012: user \"Bob\": ..." → "user \"Bob\": ..."
		if rest, ok := strings.CutPrefix(line, "account "+account+": "); ok {
			line = rest
		}
		*errs = append(*errs, fmt.Errorf("%s: %s", inlinePolicyPlace(loginProfilePlace(where, line), line), line))
	}
}

// inlinePolicyPlace is where in a user's or group's seed the builders'
// problem line is: its inlinePolicies[i] when the line is about its i+1-th
// inline policy ("inline policy 2 ..."), else where.
func inlinePolicyPlace(where, line string) string {
	m := inlinePolicyLine.FindStringSubmatch(line)
	if m == nil {
		return where
	}
	n, _ := strconv.Atoi(m[1])
	return fmt.Sprintf("%s.inlinePolicies[%d]", where, n-1)
}

var inlinePolicyLine = regexp.MustCompile(`: inline policy (\d+) "`)

// loginProfilePlace is where in a user's seed the builders' problem line
// is: its loginProfile's password or createDate when the line is about
// them, else the user.
func loginProfilePlace(where, line string) string {
	_, rest, ok := strings.Cut(line, ": login profile: ")
	switch {
	case !ok:
		return where
	case strings.HasPrefix(rest, "Password should") || strings.Contains(rest, "'password'"):
		return where + ".loginProfile.password"
	case strings.HasPrefix(rest, "CreateDate"):
		return where + ".loginProfile.createDate"
	}
	return where + ".loginProfile"
}

func (a accountSeed) options(at, account string, linked *linkedServices, files *bodyFiles, errs *[]error) []fakeiam.Option {
	// The account's settings, which its principals are checked with.
	var settings []fakeiam.Option
	for _, q := range []struct {
		name  string
		value *int
		opt   func(int) fakeiam.Option
	}{
		{"certificatesPerUser", a.CertificatesPerUser, fakeiam.CertificatesPerUser},
		{"accessKeysPerUser", a.AccessKeysPerUser, fakeiam.AccessKeysPerUser},
		{"sshPublicKeysPerUser", a.SSHPublicKeysPerUser, fakeiam.SSHPublicKeysPerUser},
		{"serviceCredentialsPerService", a.ServiceCredentialsPerService, fakeiam.ServiceCredentialsPerService},
		{"groupsPerAccount", a.GroupsPerAccount, fakeiam.GroupsPerAccount},
		{"groupsPerUser", a.GroupsPerUser, fakeiam.GroupsPerUser},
		{"mfaDevicesPerUser", a.MFADevicesPerUser, fakeiam.MFADevicesPerUser},
		{"serverCertificatesPerAccount", a.ServerCertificatesPerAccount, fakeiam.ServerCertificatesPerAccount},
		{"rolesPerAccount", a.RolesPerAccount, fakeiam.RolesPerAccount},
		{"instanceProfilesPerAccount", a.InstanceProfilesPerAccount, fakeiam.InstanceProfilesPerAccount},
	} {
		switch {
		case q.value == nil:
		case *q.value < 0: // here, not at the first principal checked with it
			*errs = append(*errs, fmt.Errorf("%s%s: %d: a quota is at least 0", at, q.name, *q.value))
		default:
			settings = append(settings, q.opt(*q.value))
		}
	}
	if a.RootUserName != nil {
		settings = append(settings, fakeiam.RootUserName(*a.RootUserName))
	}
	if p := a.PasswordPolicy; p != nil {
		policy := fakeiam.PasswordPolicy(iam.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: p.MinimumPasswordLength,
			RequireSymbols: p.RequireSymbols, RequireNumbers: p.RequireNumbers, RequireUppercaseCharacters: p.RequireUppercaseCharacters,
			RequireLowercaseCharacters: p.RequireLowercaseCharacters, AllowUsersToChangePassword: p.AllowUsersToChangePassword,
			MaxPasswordAge: p.MaxPasswordAge, PasswordReusePrevention: p.PasswordReusePrevention, HardExpiry: p.HardExpiry})
		// Checked alone (not in the account, whose id may be the problem):
		// "fakeiam: PasswordPolicy: 1 validation error detected: ...".
		if _, err := fakeiam.New(policy); err != nil {
			*errs = append(*errs, fmt.Errorf("%spasswordPolicy: %s", at, settingProblem(err, "PasswordPolicy: ")))
		} else {
			settings = append(settings, policy)
		}
	}
	if v := a.GlobalEndpointTokenVersion; v != nil {
		pref := fakeiam.GlobalEndpointTokenVersion(types.GlobalEndpointTokenVersion(*v))
		// Checked alone, as the password policy.
		if _, err := fakeiam.New(pref); err != nil {
			*errs = append(*errs, fmt.Errorf("%sglobalEndpointTokenVersion: %s", at, settingProblem(err, fmt.Sprintf("GlobalEndpointTokenVersion(%q): ", *v))))
		} else {
			settings = append(settings, pref)
		}
	}
	opts := slices.Clone(settings)
	if a.AccountAlias != nil {
		alias := fakeiam.AccountAlias(*a.AccountAlias)
		checkPrincipal(account, []fakeiam.Option{alias}, at+"accountAlias", errs)
		opts = append(opts, alias)
	}
	if r := a.CredentialReport; r != nil {
		opts = append(opts, r.options(at+"credentialReport", account, errs)...)
	}
	checkPrincipal := func(seed fakeiam.Option, where string, errs *[]error) {
		checkPrincipal(account, append(slices.Clone(settings), seed), where, errs)
	}
	if a.Root != nil {
		if a.Root.Name != "" {
			*errs = append(*errs, fmt.Errorf("%sroot.name: the root user has no name", at))
		}
		if len(a.Root.SSHPublicKeys) > 0 {
			*errs = append(*errs, fmt.Errorf("%sroot.sshPublicKeys: SSH public keys belong to IAM users, not the root user", at))
			a.Root.SSHPublicKeys = nil // said once
		}
		if a.Root.LoginProfile != nil {
			*errs = append(*errs, fmt.Errorf("%sroot.loginProfile: the root user's password is not an IAM login profile", at))
			a.Root.LoginProfile = nil // said once
		}
		if len(a.Root.InlinePolicies) > 0 {
			*errs = append(*errs, fmt.Errorf("%sroot.inlinePolicies: inline policies belong to IAM users, groups and roles, not the root user", at))
			a.Root.InlinePolicies = nil // said once
		}
		a.Root.refuseRoleFields(at+"root", errs) // seed_roles.go
		if a.Root.PermissionsBoundary != "" {
			*errs = append(*errs, fmt.Errorf("%sroot.permissionsBoundary: the root user has no permissions boundary", at))
			a.Root.PermissionsBoundary = "" // said once
		}
		root := a.Root.seed(fakeiam.Root(), at+"root", files, errs)
		checkPrincipal(root, at+"root", errs)
		opts = append(opts, root)
	}
	users := map[string]int{} // IAM user names ignore case
	for i, u := range a.Users {
		where := fmt.Sprintf("%susers[%d]", at, i)
		if j, dup := users[strings.ToLower(u.Name)]; dup {
			*errs = append(*errs, fmt.Errorf("%s.name: %q is the name of %susers[%d] (%q): IAM user names are unique regardless of case", where, u.Name, at, j, a.Users[j].Name))
			continue
		}
		users[strings.ToLower(u.Name)] = i
		u.refuseRoleFields(where, errs) // seed_roles.go
		user := u.seed(fakeiam.User(u.Name), where, files, errs)
		checkPrincipal(user, where, errs)
		opts = append(opts, a.withBoundary(user, u.PermissionsBoundary, where, account, errs)) // seed_policies.go
	}
	opts = append(opts, a.roleOptions(at, account, checkPrincipal, files, errs)...)             // seed_roles.go
	slrs, linkedRoles := a.serviceLinkedRoleOptions(at, account, settings, linked, files, errs) // seed_slr.go
	opts = append(opts, slrs...)
	opts = append(opts, a.groupOptions(at, account, settings, users, errs)...)
	opts = append(opts, a.mfaOptions(at, account, settings, users, errs)...) // mfa.go
	opts = append(opts, a.policyOptions(at, account, users, linkedRoles, errs)...)
	opts = append(opts, a.awsPolicyOptions(at, account, users, errs)...)                       // seed_awspolicies.go
	opts = append(opts, a.providerOptions(at, account, files, errs)...)                        // seed_providers.go
	opts = append(opts, a.instanceProfileOptions(at, account, settings, linkedRoles, errs)...) // seed_profiles.go
	return append(opts, a.serverCertificateOptions(at, account, settings, files, errs)...)
}

// serverCertificatesPerAccount is IAM's quota (fakeiam.ServerCertificatesPerAccount),
// unless the account's serverCertificatesPerAccount changes it.
const serverCertificatesPerAccount = 20

// serverCertificateOptions are the account's server certificates, each
// checked with the builders' rules alone in its account, each problem at
// its place: the member of the certificate it is about.
func (a accountSeed) serverCertificateOptions(at, account string, settings []fakeiam.Option, files *bodyFiles, errs *[]error) []fakeiam.Option {
	var opts []fakeiam.Option
	if quota := orDefault(a.ServerCertificatesPerAccount, serverCertificatesPerAccount); len(a.ServerCertificates) > quota && quota >= 0 {
		*errs = append(*errs, fmt.Errorf("%sserverCertificates: %d server certificates exceed the quota of %d per account", at, len(a.ServerCertificates), quota))
	}
	names := map[string]int{} // lowercase name → index: names ignore case
	for i, sc := range a.ServerCertificates {
		where := fmt.Sprintf("%sserverCertificates[%d]", at, i)
		if j, dup := names[strings.ToLower(sc.Name)]; dup {
			*errs = append(*errs, fmt.Errorf("%s.name: %q is the name of %sserverCertificates[%d] (%q): server certificate names are unique regardless of case", where, sc.Name, at, j, a.ServerCertificates[j].Name))
			continue
		}
		names[strings.ToLower(sc.Name)] = i
		seed := fakeiam.ServerCertificate(sc.Name)
		if sc.Path != "" {
			seed = seed.Path(sc.Path)
		}
		body := files.body(where, sc.Body, sc.BodyFile, errs)
		key := files.bodyUpTo(where, "privateKey", sc.PrivateKey, sc.PrivateKeyFile, maxBodyChars, errs)
		if body != "" || key != "" {
			seed = seed.Body(body, key)
		}
		if sc.Chain != "" || sc.ChainFile != "" {
			seed = seed.Chain(files.bodyUpTo(where, "chain", sc.Chain, sc.ChainFile, maxChainChars, errs))
		}
		if sc.UploadDate != "" {
			seed = seed.UploadedAt(parseTime(where+".uploadDate", sc.UploadDate, errs))
		}
		for _, t := range sc.Tags {
			seed = seed.Tag(t.Key, t.Value)
		}
		var found []error
		checkPrincipal(account, append(slices.Clone(settings), seed), where, &found)
		for _, e := range found {
			*errs = append(*errs, errors.New(serverCertificatePlace(e.Error())))
		}
		opts = append(opts, seed)
	}
	return opts
}

// serverCertificatePlace puts a builders' problem line ("<where>:
// server certificate "web": ...") at the member it is about.
func serverCertificatePlace(line string) string {
	where, rest, _ := strings.Cut(line, ": ")
	member := ""
	switch {
	case strings.Contains(rest, "Unable to parse certificate.") || strings.Contains(rest, "'certificateBody'"):
		member = ".body"
	case strings.Contains(rest, "private key") || strings.Contains(rest, "'privateKey'") || strings.Contains(rest, "public key"):
		member = ".privateKey"
	case strings.Contains(rest, "chain") || strings.Contains(rest, "'certificateChain'"):
		member = ".chain"
	case strings.Contains(rest, "for path ") || strings.Contains(rest, "'path'"):
		member = ".path"
	case strings.Contains(rest, "Tag") || strings.Contains(rest, "'tags"):
		member = ".tags"
	case strings.Contains(rest, "serverCertificateName"):
		member = ".name"
	}
	return where + member + ": " + rest
}

// IAM's group quotas (fakeiam.GroupsPerAccount, GroupsPerUser), unless the
// account's groupsPerAccount and groupsPerUser change them.
const (
	groupsPerAccount = 300
	groupsPerUser    = 10
)

// orDefault is *v, or def when v is nil.
func orDefault(v *int, def int) int {
	if v != nil {
		return *v
	}
	return def
}

// groupOptions are the account's groups, each checked with the builders'
// rules alone in its account, and its members against the account's users
// (users: lowercase name → index), each problem at its place.
func (a accountSeed) groupOptions(at, account string, settings []fakeiam.Option, users map[string]int, errs *[]error) []fakeiam.Option {
	var opts []fakeiam.Option
	perAccount, perUser := orDefault(a.GroupsPerAccount, groupsPerAccount), orDefault(a.GroupsPerUser, groupsPerUser)
	if len(a.Groups) > perAccount && perAccount >= 0 {
		*errs = append(*errs, fmt.Errorf("%sgroups: %d groups exceed the quota of %d per account", at, len(a.Groups), perAccount))
	}
	groups := map[string]int{}   // lowercase name → index: names ignore case
	memberOf := map[string]int{} // lowercase user name → groups it is in so far
	for i, g := range a.Groups {
		where := fmt.Sprintf("%sgroups[%d]", at, i)
		if j, dup := groups[strings.ToLower(g.Name)]; dup {
			*errs = append(*errs, fmt.Errorf("%s.name: %q is the name of %sgroups[%d] (%q): IAM group names are unique regardless of case", where, g.Name, at, j, a.Groups[j].Name))
			continue
		}
		groups[strings.ToLower(g.Name)] = i
		seed := fakeiam.Group(g.Name)
		if g.Path != "" {
			seed = seed.Path(g.Path)
		}
		if g.CreateDate != "" {
			seed = seed.CreatedAt(parseTime(where+".createDate", g.CreateDate, errs))
		}
		for j, p := range g.InlinePolicies {
			seed = seed.InlinePolicy(p.Name, p.document(fmt.Sprintf("%s.inlinePolicies[%d]", where, j), errs))
		}
		checkPrincipal(account, append(slices.Clone(settings), seed), where, errs)
		named := map[string]int{} // lowercase member → its index here
		for j, m := range g.Members {
			at := fmt.Sprintf("%s.members[%d]", where, j)
			key := strings.ToLower(m)
			if _, ok := users[key]; !ok {
				*errs = append(*errs, fmt.Errorf("%s: %q is no user of the account (users lists them)", at, m))
				continue
			}
			if k, twice := named[key]; twice {
				*errs = append(*errs, fmt.Errorf("%s: %q is named twice (members[%d])", at, m, k))
				continue
			}
			named[key] = j
			if memberOf[key]++; memberOf[key] == perUser+1 && perUser >= 0 {
				*errs = append(*errs, fmt.Errorf("%s: %q would be in %d groups, over the quota of %d per user", at, m, perUser+1, perUser))
			}
			seed = seed.Members(m)
		}
		opts = append(opts, seed)
	}
	return opts
}

func (p principalSeed) seed(s *fakeiam.PrincipalSeed, at string, files *bodyFiles, errs *[]error) *fakeiam.PrincipalSeed {
	if p.Path != "" {
		s = s.Path(p.Path)
	}
	for _, t := range p.Tags {
		s = s.Tag(t.Key, t.Value)
	}
	if p.CreateDate != "" {
		s = s.CreatedAt(parseTime(at+".createDate", p.CreateDate, errs))
	}
	for i, k := range p.AccessKeys {
		where := fmt.Sprintf("%s.accessKeys[%d]", at, i)
		ak := fakeiam.AccessKey{ID: k.ID, Secret: k.Secret, Status: status(where, k.Status, keyStatuses, errs)}
		if k.CreateDate != "" {
			ak.CreateDate = parseTime(where+".createDate", k.CreateDate, errs)
		}
		s = s.AccessKey(ak)
	}
	for i, c := range p.SigningCertificates {
		where := fmt.Sprintf("%s.signingCertificates[%d]", at, i)
		sc := fakeiam.SigningCertificate{ID: c.ID, Body: files.body(where, c.Body, c.BodyFile, errs), Status: status(where, c.Status, types.StatusType("").Values(), errs)}
		if c.UploadDate != "" {
			sc.UploadDate = parseTime(where+".uploadDate", c.UploadDate, errs)
		}
		s = s.SigningCertificate(sc)
	}
	for i, k := range p.SSHPublicKeys {
		where := fmt.Sprintf("%s.sshPublicKeys[%d]", at, i)
		sk := fakeiam.SSHPublicKey{ID: k.ID, Body: files.body(where, k.Body, k.BodyFile, errs), Status: status(where, k.Status, keyStatuses, errs)}
		if k.UploadDate != "" {
			sk.UploadDate = parseTime(where+".uploadDate", k.UploadDate, errs)
		}
		s = s.SSHPublicKey(sk)
	}
	for i, c := range p.ServiceCredentials {
		where := fmt.Sprintf("%s.serviceCredentials[%d]", at, i)
		sc := fakeiam.ServiceCredential{ID: c.ID, Service: c.Service, Password: c.Password, Status: status(where, c.Status, keyStatuses, errs)}
		if c.CreateDate != "" {
			sc.CreateDate = parseTime(where+".createDate", c.CreateDate, errs)
		}
		if c.ExpirationDate != "" {
			sc.ExpirationDate = parseTime(where+".expirationDate", c.ExpirationDate, errs)
		}
		s = s.ServiceCredential(sc)
	}
	for i, ip := range p.InlinePolicies {
		s = s.InlinePolicy(ip.Name, ip.document(fmt.Sprintf("%s.inlinePolicies[%d]", at, i), errs))
	}
	if l := p.LoginProfile; l != nil {
		lp := fakeiam.LoginProfile{Password: l.Password, PasswordResetRequired: l.PasswordResetRequired}
		if l.CreateDate != "" {
			lp.CreateDate = parseTime(at+".loginProfile.createDate", l.CreateDate, errs)
		}
		s = s.LoginProfile(lp)
	}
	return s
}

// keyStatuses are the statuses an access key or an SSH public key can
// have (a certificate's can also be Expired).
var keyStatuses = []types.StatusType{types.StatusTypeActive, types.StatusTypeInactive}

// status is s, one of valid, or the default ("": Active) with a problem at
// where.status, which the builders then do not report a second time.
func status(where, s string, valid []types.StatusType, errs *[]error) types.StatusType {
	if s == "" || slices.Contains(valid, types.StatusType(s)) {
		return types.StatusType(s)
	}
	names := make([]string, len(valid))
	for i, v := range valid {
		names[i] = string(v)
	}
	last := len(names) - 1
	*errs = append(*errs, fmt.Errorf("%s.status: %q is not %s or %s", where, s, strings.Join(names[:last], ", "), names[last]))
	return ""
}

// parseTime reads an RFC 3339 time at where.
func parseTime(where, s string, errs *[]error) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		*errs = append(*errs, fmt.Errorf("%s: %q is not an RFC 3339 time such as 2013-06-06T21:40:08Z", where, s))
	}
	return t
}

// maxBodyChars is the longest body IAM accepts, in characters, for a
// signing certificate and for an SSH public key alike (and a server
// certificate's body and private key); maxChainChars, for a server
// certificate's chain.
const (
	maxBodyChars  = 16384
	maxChainChars = 2097152
)

// bodyFiles reads the bodies (certificates, SSH public keys) a seed names by "bodyFile": a
// relative path to a regular file in the seed file's directory or below it
// (symbolic links included, as long as they stay there), read up to what
// IAM accepts. What a seed can name is what its author could paste: not
// /etc/..., nor a device or a pipe that would never end.
type bodyFiles struct {
	dir  string
	root *os.Root // opened on the first bodyFile
	err  error
}

// body is the body a seed at where gives: body itself, or bodyFile's
// content (giving both is a problem, as is a file that cannot be read).
func (b *bodyFiles) body(where, body, bodyFile string, errs *[]error) string {
	return b.bodyUpTo(where, "body", body, bodyFile, maxBodyChars, errs)
}

// bodyUpTo is body for the member named member (its file: member+"File"),
// of at most maxChars characters.
func (b *bodyFiles) bodyUpTo(where, member, body, bodyFile string, maxChars int, errs *[]error) string {
	if bodyFile == "" {
		return body
	}
	if body != "" {
		*errs = append(*errs, fmt.Errorf("%s: %s and %sFile: give one", where, member, member))
	}
	read, err := b.read(bodyFile, maxChars)
	if err != nil {
		*errs = append(*errs, fmt.Errorf("%s.%sFile: %v", where, member, err))
	}
	return read
}

func (b *bodyFiles) read(name string, maxChars int) (string, error) {
	if !filepath.IsLocal(name) {
		return "", fmt.Errorf("%q: name a file in the seed file's directory or below it, by a relative path without \"..\"", name)
	}
	if b.root == nil && b.err == nil {
		b.root, b.err = os.OpenRoot(b.dir)
	}
	if b.err != nil {
		return "", b.err
	}
	// Stat before opening: opening a pipe would wait for a writer.
	info, err := b.root.Stat(name)
	if pe, ok := err.(*fs.PathError); ok {
		// "statat bob.pem: ...": the operation is no news to the reader.
		return "", fmt.Errorf("%q: %v", name, pe.Err)
	} else if err != nil {
		return "", err
	}
	if !info.Mode().IsRegular() {
		return "", fmt.Errorf("%q is %s, not a regular file", name, fileKind(info.Mode()))
	}
	f, err := openRegular(b.root, name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	// A character takes at most utf8.UTFMax bytes.
	data, err := io.ReadAll(io.LimitReader(f, int64(maxChars)*utf8.UTFMax+1))
	if err != nil {
		return "", err
	}
	if len(data) > maxChars*utf8.UTFMax || utf8.RuneCount(data) > maxChars {
		what := "a certificate or an SSH public key"
		if maxChars == maxChainChars {
			what = "a certificate chain"
		}
		return "", fmt.Errorf("%q: more than %d characters, the most IAM accepts for %s", name, maxChars, what)
	}
	return string(data), nil
}

// openRegular opens name, in root, if it is a regular file. It opens
// without waiting (openNoWait): the file may have been swapped for a pipe
// since the caller's Stat, and opening a pipe would wait for a writer. The
// handle's mode decides.
func openRegular(root *os.Root, name string) (*os.File, error) {
	f, err := root.OpenFile(name, os.O_RDONLY|openNoWait, 0)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	switch {
	case err != nil:
		f.Close()
		return nil, fmt.Errorf("%q: %v", name, err)
	case !info.Mode().IsRegular():
		f.Close()
		return nil, fmt.Errorf("%q is %s, not a regular file", name, fileKind(info.Mode()))
	}
	return f, nil
}

// fileKind names what a file that is not regular is.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "of mode " + m.Type().String()
}

func (b *bodyFiles) close() {
	if b.root != nil {
		b.root.Close()
	}
}

// settingProblem is what New said of a setting checked alone, without its
// "fakeiam: <setting>: " prefix; the whole error if it has another form.
func settingProblem(err error, setting string) string {
	if msg, ok := strings.CutPrefix(err.Error(), "fakeiam: "+setting); ok {
		return msg
	}
	return err.Error()
}
