package fakeiam

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam/internal/deepcopy"
)

// Seeding: what a Fake holds when New returns. Seeds are Options; New checks
// them as IAM would check the same state and names every problem it finds.

// Option configures a Fake: a seed (User, Root, Role, Group, Account) or a setting.
// Settings of the whole fake (WithClock, WithFixedTime, WithSeed,
// CallLogBytes) are refused inside Account; settings of an account
// (RootUserName, CertificatesPerUser, AccessKeysPerUser, SSHPublicKeysPerUser,
// PasswordPolicy, GroupsPerAccount, GroupsPerUser, GlobalEndpointTokenVersion) given inside Account apply to that
// account only, and given to New apply to every account that does not set
// its own.
type Option interface {
	configure(*config) error // adds the seed or setting to c
}

type optionFunc func(*config) error

func (fn optionFunc) configure(c *config) error { return fn(c) }

// fakeOption is a setting of the whole fake.
func fakeOption(name string, fn func(*config) error) Option {
	return optionFunc(func(c *config) error {
		if c.current != nil && c.current.inner {
			return fmt.Errorf("account %s: %s applies to the whole fake: give it to New, not inside Account", c.current.id, name)
		}
		return fn(c)
	})
}

// accountOption is a setting of an account: of the enclosing Account, or at
// top level of every account without its own. A problem inside Account
// names the account.
func accountOption(fn func(*accountSettings) error) Option {
	return optionFunc(func(c *config) error {
		if !c.current.inner {
			return fn(&c.settings)
		}
		if err := fn(&c.current.settings); err != nil {
			return fmt.Errorf("account %s: %w", c.current.id, err)
		}
		return nil
	})
}

// DefaultAccountID is the account that seeds outside Account(...) belong to,
// and whose root Client signs as.
const DefaultAccountID = "123456789012"

// DefaultRootUserName is the UserName reported on the root user's own signing
// certificates: the name IAM's credential report gives the root row.
const DefaultRootUserName = "<root_account>"

type config struct {
	now      func() time.Time // nil: the real time
	seed     uint64
	logLimit int
	settings accountSettings // defaults for every account
	accounts []*accountSeed
	current  *accountSeed // where principal seeds go
	// linked are the services LinkedServices declares, by principal
	// (service_linked_roles.go); nil: none.
	linked map[string]*LinkedService
	// enforce: Enforce was given (enforcement.go).
	enforce bool
}

// accountSettings are the per-account settings; nil fields are unset.
type accountSettings struct {
	rootName  *string
	certQuota *int
	keyQuota  *int
	sshQuota  *int
	sscQuota  *int // service-specific credentials per user per service
	// passwordPolicy is the account's password policy (PasswordPolicy).
	passwordPolicy *iam.UpdateAccountPasswordPolicyInput
	// tokenVersion is the account's STS preference (GlobalEndpointTokenVersion).
	tokenVersion *types.GlobalEndpointTokenVersion
	// groups (GroupsPerAccount, GroupsPerUser)
	groupQuota, groupsPerUser *int
	mfaQuota                  *int // MFA devices per user (mfa_devices.go)
	// managed policies (PoliciesPerAccount, PoliciesPerUser, PoliciesPerGroup)
	policyQuota, policiesPerUser, policiesPerGroup, versionQuota *int
	policiesPerRole                                              *int // PoliciesPerRole (policy_attachments.go)
	serverCertQuota                                              *int // ServerCertificatesPerAccount
	roleQuota                                                    *int // RolesPerAccount (roles.go)
	profileQuota                                                 *int // InstanceProfilesPerAccount (instance_profiles.go)
	// identity providers (oidc_providers.go)
	providerQuotas providerQuotas
	// the credential report (CredentialReportGenerationTime,
	// CredentialReportGeneratedAt)
	reportGeneration *time.Duration
	reportAt         *time.Time
}

type accountSeed struct {
	id       string
	inner    bool     // seeds given inside Account(...)
	aliases  []string // AccountAlias seeds, in the order given (one is allowed)
	settings accountSettings
	root     *PrincipalSeed
	users    []*PrincipalSeed
	roles    []*PrincipalSeed
	groups   []*GroupSeed
	mfa      []*MFADeviceSeed     // virtual MFA devices (mfa_devices.go)
	policies []*ManagedPolicySeed // managed policies (policy_attachments.go)
	// awsPolicies attach AWS managed policies (aws_managed_policies.go).
	awsPolicies []*AWSManagedPolicySeed
	// serverCerts are the ServerCertificate seeds (server_certificates.go).
	serverCerts []*ServerCertificateSeed
	// oidc and saml are the identity provider seeds (oidc_providers.go,
	// saml_providers.go).
	oidc []*OIDCProviderSeed
	saml []*SAMLProviderSeed
	// profiles are the InstanceProfile seeds (instance_profiles.go).
	profiles []*InstanceProfileSeed
}

func (c *config) account(id string) *accountSeed {
	for _, a := range c.accounts {
		if a.id == id {
			return a
		}
	}
	a := &accountSeed{id: id}
	c.accounts = append(c.accounts, a)
	return a
}

// PrincipalSeed describes a user, the account root or a role to seed. Its
// methods return a new seed with more added, so a seed reads as one
// expression and one seed can be shared by many tests.
type PrincipalSeed struct {
	kind    principalKind
	name    string
	path    *string
	tags    []types.Tag
	created time.Time
	keys    []AccessKey
	certs   []SigningCertificate
	sshKeys []SSHPublicKey
	logins  []LoginProfile // at most one is valid (seedLogin)
	sscs    []ServiceCredential
	inline  []policySeed // inline_policies.go
	role    roleSeed     // roles.go: a role's own fields
	// boundary is the ARN of its permissions boundary; nil: none
	// (permissions_boundaries.go).
	boundary *string
}

// AccessKey is an access key pair a principal signs requests with: seed one
// with PrincipalSeed.AccessKey, read them with Principal.AccessKeys. Zero
// fields get defaults: an IAM-shaped id (AKIA and 16 characters; ASIA for a
// role) and secret (40 characters), the same for the same seed (WithSeed),
// status Active and the principal's creation date.
type AccessKey struct {
	ID         string
	Secret     string
	Status     types.StatusType
	CreateDate time.Time
}

// SigningCertificate is a signing certificate to seed. Zero fields get
// defaults: a generated PEM X.509 body (crypto/x509 parses it; valid from
// 1970 to 9999), a new IAM-shaped id, status Active, and the fake's current
// time as upload date. Given fields are stored verbatim, so documentation
// examples reproduce exactly.
type SigningCertificate struct {
	ID         string
	Body       string
	Status     types.StatusType
	UploadDate time.Time
}

// SSHPublicKey is an SSH public key to seed on a user. Zero fields get
// defaults: a generated 2048-bit RSA public key in OpenSSH form, a new
// IAM-shaped id (APKA and 16 characters), status Active, and the fake's
// current time as upload date. A given body is checked as
// UploadSSHPublicKey checks it (an RSA key of 2048 to 16384 bits, in
// OpenSSH form or PEM) and stored as IAM stores it: without the comment of
// the OpenSSH form and without whitespace around it.
type SSHPublicKey struct {
	ID         string
	Body       string
	Status     types.StatusType
	UploadDate time.Time
}

// LoginProfile is a user's console password to seed (PrincipalSeed.
// LoginProfile). Password is required and must meet the account's password
// policy (PasswordPolicy), or IAM's default policy when the account has
// none: the fake keeps only a hash of it. CreateDate defaults to the user's.
type LoginProfile struct {
	Password              string
	PasswordResetRequired bool
	CreateDate            time.Time
}

// User seeds an IAM user in the enclosing account (the default account
// outside Account). Without AccessKey it has no key until a client signs as
// it: Principal.Client then creates one, as an administrator would.
func User(name string) *PrincipalSeed { return &PrincipalSeed{kind: kindUser, name: name} }

// Root seeds the account root user's access keys and signing certificates.
// Every account has a root, seeded or not; Root given twice for one account
// adds to the same root.
func Root() *PrincipalSeed { return &PrincipalSeed{kind: kindRoot} }

// Role seeds a role whose temporary credentials can call IAM: a non-user
// caller, which must name the user it acts on. Roles hold no certificates.
func Role(name string) *PrincipalSeed { return &PrincipalSeed{kind: kindRole, name: name} }

// AccessKey returns the seed with access keys added. The first is the one
// Principal.Client signs with.
func (s *PrincipalSeed) AccessKey(keys ...AccessKey) *PrincipalSeed {
	c := s.clone()
	c.keys = append(c.keys, keys...)
	return c
}

// Path returns the user seed with its path set (default "/"), as in
// creating a user through the API: "/division_abc/subdivision_xyz/".
func (s *PrincipalSeed) Path(path string) *PrincipalSeed {
	c := s.clone()
	c.path = &path
	return c
}

// Tag returns the user seed with a tag added.
func (s *PrincipalSeed) Tag(key, value string) *PrincipalSeed {
	c := s.clone()
	c.tags = append(c.tags, types.Tag{Key: &key, Value: &value})
	return c
}

// CreatedAt returns the seed with its creation date set (default: the
// fake's time when New runs).
func (s *PrincipalSeed) CreatedAt(t time.Time) *PrincipalSeed {
	c := s.clone()
	c.created = t
	return c
}

// SigningCertificate returns the seed with signing certificates added, in
// upload order.
func (s *PrincipalSeed) SigningCertificate(certs ...SigningCertificate) *PrincipalSeed {
	c := s.clone()
	c.certs = append(c.certs, certs...)
	return c
}

// SSHPublicKey returns the user seed with SSH public keys added, in upload
// order (IAM's quota: 5 a user).
func (s *PrincipalSeed) SSHPublicKey(keys ...SSHPublicKey) *PrincipalSeed {
	c := s.clone()
	c.sshKeys = append(c.sshKeys, keys...)
	return c
}

// LoginProfile returns the user seed with a login profile (a console
// password), as CreateLoginProfile makes one.
func (s *PrincipalSeed) LoginProfile(p LoginProfile) *PrincipalSeed {
	c := s.clone()
	c.logins = append(c.logins, p)
	return c
}

func (s *PrincipalSeed) clone() *PrincipalSeed {
	if s == nil {
		return &PrincipalSeed{kind: kindUser} // a nil seed stays invalid: configure reports it
	}
	c := *s
	c.keys = slices.Clone(s.keys)
	c.certs = slices.Clone(s.certs)
	c.tags = slices.Clone(s.tags)
	c.sshKeys = slices.Clone(s.sshKeys)
	c.logins = slices.Clone(s.logins)
	c.sscs = slices.Clone(s.sscs)
	c.inline = slices.Clone(s.inline)
	return &c
}

func (s *PrincipalSeed) configure(c *config) error {
	if s == nil {
		return errors.New("nil seed")
	}
	a := c.current
	switch s.kind {
	case kindRoot:
		if s.role.given() {
			return fmt.Errorf("account %s: root: %s", a.id, msgRoleFieldsOnly) // roles.go
		}
		if a.root == nil {
			a.root = &PrincipalSeed{kind: kindRoot}
		}
		a.root.keys = append(a.root.keys, s.keys...)
		a.root.certs = append(a.root.certs, s.certs...)
		a.root.sshKeys = append(a.root.sshKeys, s.sshKeys...)
		a.root.logins = append(a.root.logins, s.logins...)
		a.root.sscs = append(a.root.sscs, s.sscs...)
		a.root.inline = append(a.root.inline, s.inline...) // refused: inline_policies.go
		if s.boundary != nil {
			a.root.boundary = s.boundary // refused: permissions_boundaries.go
		}
	case kindUser:
		a.users = append(a.users, s)
	case kindRole:
		a.roles = append(a.roles, s)
	}
	return nil
}

// Account seeds a further account with its own root, users and roles, and
// settings that apply to it alone. Keys of one account never see another
// account's users or certificates.
func Account(id string, seeds ...Option) Option {
	return optionFunc(func(c *config) error {
		if c.current.inner {
			return fmt.Errorf("account %s: Account(%q) inside another Account", c.current.id, id)
		}
		if !validAccountID(id) {
			return fmt.Errorf("account %q: an account id is 12 digits", id)
		}
		outer := c.current
		c.current = c.account(id)
		c.current.inner = true
		defer func() { c.current.inner = false; c.current = outer }()
		return applyAll(c, seeds)
	})
}

// WithClock makes the fake read the time from now (upload dates,
// certificate validity). The default is the real time, as IAM's is; see
// WithFixedTime for golden outputs. Fake.Advance moves either forward.
func WithClock(now func() time.Time) Option {
	return fakeOption("WithClock", func(c *config) error {
		if now == nil {
			return errors.New("WithClock: nil clock")
		}
		c.now = now
		return nil
	})
}

// WithFixedTime stops the fake's clock at t (in whole seconds, UTC), so that
// dates in outputs are the same on every run; only Fake.Advance moves it.
func WithFixedTime(t time.Time) Option {
	return fakeOption("WithFixedTime", func(c *config) error {
		c.now = func() time.Time { return t }
		return nil
	})
}

// WithSeed changes the seed of generated ids, keys, bodies, request ids and
// markers. The same seed and the same calls give the same values.
func WithSeed(seed uint64) Option {
	return fakeOption("WithSeed", func(c *config) error { c.seed = seed; return nil })
}

// RootUserName sets the UserName reported on the root user's own signing
// certificates (default DefaultRootUserName; real IAM's value is unknown).
func RootUserName(name string) Option {
	return accountOption(func(s *accountSettings) error {
		if name == "" {
			return errors.New("RootUserName: empty name")
		}
		s.rootName = &name
		return nil
	})
}

// CertificatesPerUser lifts (or lowers) IAM's quota of 2 signing certificates
// per user, for seeds and uploads alike.
func CertificatesPerUser(n int) Option {
	return accountOption(func(s *accountSettings) error {
		if n < 0 {
			return fmt.Errorf("CertificatesPerUser(%d): a quota is at least 0", n)
		}
		s.certQuota = &n
		return nil
	})
}

// AccessKeysPerUser lifts (or lowers) IAM's quota of 2 access keys per
// user, for seeds and keys created through the API alike.
func AccessKeysPerUser(n int) Option {
	return accountOption(func(s *accountSettings) error {
		if n < 0 {
			return fmt.Errorf("AccessKeysPerUser(%d): a quota is at least 0", n)
		}
		s.keyQuota = &n
		return nil
	})
}

// SSHPublicKeysPerUser lifts (or lowers) IAM's quota of 5 SSH public keys
// per user, for seeds and uploads alike.
func SSHPublicKeysPerUser(n int) Option {
	return accountOption(func(s *accountSettings) error {
		if n < 0 {
			return fmt.Errorf("SSHPublicKeysPerUser(%d): a quota is at least 0", n)
		}
		s.sshQuota = &n
		return nil
	})
}

// ServiceCredentialsPerService lifts (or lowers) IAM's quota of 2
// service-specific credentials per user per service (CreateServiceSpecificCredential).
func ServiceCredentialsPerService(n int) Option {
	return accountOption(func(s *accountSettings) error {
		if n < 0 {
			return fmt.Errorf("ServiceCredentialsPerService(%d): a quota is at least 0", n)
		}
		s.sscQuota = &n
		return nil
	})
}

// AccountAlias seeds the account alias of the enclosing account (the
// default account outside Account): ListAccountAliases lists it, and no
// other account may hold it. IAM's rules are checked: 3 to 63 characters of
// a-z, 0-9 and '-', beginning and ending with a letter or digit, no "--";
// one alias per account; an alias names one account.
func AccountAlias(alias string) Option {
	return optionFunc(func(c *config) error {
		c.current.aliases = append(c.current.aliases, alias)
		return nil
	})
}

// PasswordPolicy sets the account's password policy, as
// UpdateAccountPasswordPolicy with in would: a member left out takes IAM's
// default. Seeded passwords and every password set through the API must
// meet it. Without it, the account has no policy and IAM's default applies
// (at least 8 characters, three kinds of character).
func PasswordPolicy(in iam.UpdateAccountPasswordPolicyInput) Option {
	in = deepcopy.Value(in) // the fake's own, now: New and Reset apply it
	return accountOption(func(s *accountSettings) error {
		if err := lookupOperation(UpdateAccountPasswordPolicy).check.check(&in); err != nil {
			return fmt.Errorf("PasswordPolicy: %s", err.Message)
		}
		policy := in
		s.passwordPolicy = &policy
		return nil
	})
}

func applyAll(c *config, opts []Option) error {
	var errs []error
	for i, o := range opts {
		if o == nil {
			errs = append(errs, fmt.Errorf("option %d is nil", i))
			continue
		}
		if err := o.configure(c); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func validAccountID(id string) bool {
	if len(id) != 12 {
		return false
	}
	for _, r := range id {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// build fills the new fake's model from the seeds, checking what IAM would
// refuse. Called by New before the fake is shared: no lock needed. Seeded
// keys and certificate ids are registered before any is generated, so a
// generated id never collides with a seeded one.
func (f *Fake) build(c *config) error {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	now := f.seededAt
	type pending struct {
		p    *principal
		seed *PrincipalSeed
	}
	var all []pending
	var reports []seededReport
	for _, as := range c.accounts {
		a := &account{id: as.id, users: map[string]*principal{}, roles: map[string]*principal{}, bodies: map[string]*certificate{},
			rootName: DefaultRootUserName, certQuota: 2, keyQuota: 2, sshQuota: sshKeysPerUser, sscQuota: serviceCredentialsPerService,
			groups: map[string]*group{}, groupQuota: defaultGroupsPerAccount, groupsPerUser: defaultGroupsPerUser,
			policyQuota: defaultPoliciesPerAccount, policiesPerUser: defaultAttachedPolicies, policiesPerGroup: defaultAttachedPolicies, versionQuota: versionsPerPolicy,
			serverCertQuota: defaultServerCertsQuota, mfaQuota: mfaDevicesPerUser, roleQuota: defaultRolesPerAccount,
			profileQuota: defaultInstanceProfilesQuota}
		a.idp = newIdentityProviders() // oidc_providers.go
		a.policiesPerRole = defaultAttachedPolicies
		for _, s := range []accountSettings{c.settings, as.settings} {
			if s.rootName != nil {
				a.rootName = *s.rootName
			}
			if s.certQuota != nil {
				a.certQuota = *s.certQuota
			}
			if s.keyQuota != nil {
				a.keyQuota = *s.keyQuota
			}
			if s.sscQuota != nil {
				a.sscQuota = *s.sscQuota
			}
			if s.sshQuota != nil {
				a.sshQuota = *s.sshQuota
			}
			if s.passwordPolicy != nil {
				a.passwordPolicy = policyOf(s.passwordPolicy)
			}
			if s.tokenVersion != nil {
				a.tokenV2 = *s.tokenVersion == types.GlobalEndpointTokenVersionV2Token
			}
			if s.groupQuota != nil {
				a.groupQuota = *s.groupQuota
			}
			if s.groupsPerUser != nil {
				a.groupsPerUser = *s.groupsPerUser
			}
			if s.mfaQuota != nil {
				a.mfaQuota = *s.mfaQuota
			}
			s.applyPolicyQuotas(a)
			if s.serverCertQuota != nil {
				a.serverCertQuota = *s.serverCertQuota
			}
			s.providerQuotas.apply(&a.idp) // oidc_providers.go
			if s.reportGeneration != nil {
				a.reportGeneration = *s.reportGeneration
			}
			if s.roleQuota != nil {
				a.roleQuota = *s.roleQuota
			}
			if s.profileQuota != nil {
				a.profileQuota = *s.profileQuota
			}
		}
		if at := as.settings.reportAt; at != nil { // credential_report.go
			reports = append(reports, seededReport{a, *at})
		} else if at := c.settings.reportAt; at != nil {
			reports = append(reports, seededReport{a, *at})
		}
		f.accounts[a.id] = a
		f.seedAlias(a, as.aliases, fail)
		rootSeed := as.root
		if rootSeed == nil {
			rootSeed = &PrincipalSeed{kind: kindRoot}
		}
		a.root = &principal{kind: kindRoot, account: a, arn: "arn:aws:iam::" + a.id + ":root", userID: a.id, created: now}
		all = append(all, pending{a.root, rootSeed})
		for _, us := range as.users {
			if !validUserName(us.name) {
				fail("account %s: user %q: IAM user names are 1 to 128 characters of letters, digits and +=,.@_-", a.id, us.name)
				continue
			}
			if dup := a.user(us.name); dup != nil {
				if dup.name == us.name {
					fail("account %s: user %q seeded twice", a.id, us.name)
				} else {
					fail("account %s: user %q and user %q: IAM user names are unique regardless of case", a.id, dup.name, us.name)
				}
				continue
			}
			p := &principal{kind: kindUser, name: us.name, account: a, path: "/", userID: f.newUserIDLocked(), created: now}
			f.seedUser(p, us, fail)
			refuseRoleFields(p, us, fail) // roles.go
			p.arn = userARN(a, p.path, p.name)
			a.users[strings.ToLower(p.name)] = p
			a.userList = append(a.userList, p) // sorted once the account is built
			all = append(all, pending{p, us})
		}
		a.sortUsers()
		f.seedGroups(a, as.groups, now, fail)
		f.seedMFADevices(a, as.mfa, now, fail) // mfa_devices.go
		f.seedPolicies(a, as.policies, now, fail)
		f.seedAWSPolicies(a, as.awsPolicies, fail)                                                                     // aws_managed_policies.go
		f.seedServerCertificates(a, as.serverCerts, now, fail)                                                         // server_certificates.go
		f.seedProviders(a, as.oidc, as.saml, now, fail)                                                                // oidc_providers.go
		f.seedRoles(a, as.roles, now, fail, func(p *principal, s *PrincipalSeed) { all = append(all, pending{p, s}) }) // roles.go
		seedRoleAttachments(a, as.policies, fail)                                                                      // policy_attachments.go
		f.seedInstanceProfiles(a, as.profiles, now, fail)                                                              // instance_profiles.go
	}
	for _, x := range all {
		f.seedKeys(x.p, x.seed.keys, fail)
		for _, sc := range x.seed.certs {
			if sc.ID != "" {
				f.seededCertIDs[sc.ID] = true
			}
		}
		for _, k := range x.seed.sshKeys {
			if k.ID == "" {
				continue
			}
			if f.sshKeyIDs[k.ID] {
				fail("%s: SSH public key %q seeded twice", describePrincipal(x.p), k.ID)
			}
			f.sshKeyIDs[k.ID] = true
		}
	}
	certIDs := map[string]bool{} // the seeded ids seen so far
	for _, x := range all {
		// The root and roles can always sign: they get a key if seeded
		// without one. A user gets one when a client first signs as it
		// (Principal.Client), as an administrator would create it.
		if len(x.p.keys) == 0 && x.p.kind != kindUser {
			f.newAccessKeyLocked(x.p, now)
		}
		if x.p.kind != kindRole {
			f.seedCertificates(x.p, x.seed.certs, now, certIDs, fail)
		}
		f.seedSSHKeys(x.p, x.seed.sshKeys, now, fail)
		f.seedServiceCredentials(x.p, x.seed.sscs, now, fail) // service_specific_credentials.go
		seedUserPolicies(x.p, x.seed.inline, fail)            // inline_policies.go
		seedBoundary(x.p, x.seed.boundary, fail)              // permissions_boundaries.go
		if x.p.kind == kindRoot && len(x.seed.logins) > 0 {
			fail("account %s: root: the root user's password is not an IAM login profile", x.p.account.id)
		}
	}
	for _, r := range reports {
		seedCredentialReport(r, now, fail) // credential_report.go
	}
	return errors.Join(errs...)
}

// seedKeys adds seeded access keys to p, naming every problem of each.
func (f *Fake) seedKeys(p *principal, keys []AccessKey, fail func(string, ...any)) {
	who := describePrincipal(p)
	if quota := p.account.keyQuota; p.kind == kindUser && len(keys) > quota {
		fail("%s: %d access keys exceed the quota of %d per user (AccessKeysPerUser lifts it)", who, len(keys), quota)
		return
	}
	for _, k := range keys {
		if k.ID == "" {
			k.ID = f.newAccessKeyIDLocked(p.kind)
		}
		if k.Secret == "" {
			k.Secret = f.ids.secretKey()
		}
		var problems []string
		if !validAccessKeyID(k.ID) {
			problems = append(problems, "IAM key ids are 16 to 128 letters, digits or _")
		}
		if f.keys[k.ID] != nil {
			problems = append(problems, "seeded twice")
		}
		switch k.Status {
		case "", types.StatusTypeActive, types.StatusTypeInactive:
		default:
			problems = append(problems, "status "+strconv.Quote(string(k.Status))+": access keys are seeded Active or Inactive")
		}
		if len(problems) > 0 {
			fail("%s: access key %q: %s", who, k.ID, strings.Join(problems, "; "))
			continue
		}
		ak := &accessKey{id: k.ID, secret: k.Secret, owner: p, status: k.Status, created: k.CreateDate.UTC().Truncate(time.Second)}
		if ak.status == "" {
			ak.status = types.StatusTypeActive
		}
		if ak.created.IsZero() {
			ak.created = p.created
		}
		f.keys[k.ID] = ak
		p.addKey(ak)
	}
}

// seedUser applies a user seed's path, tags and creation date to p.
func (f *Fake) seedUser(p *principal, s *PrincipalSeed, fail func(string, ...any)) {
	who := describePrincipal(p)
	if s.path != nil {
		p.path = *s.path
	}
	if err := checkUserSeed(s.path, s.tags); err != nil {
		fail("%s: %s", who, err.Message)
	} else if err := checkTagRules(s.tags); err != nil {
		fail("%s: %s", who, err.Message)
	}
	if !s.created.IsZero() {
		p.created = s.created.UTC().Truncate(time.Second)
	}
	setUserTags(p, slices.Clone(s.tags))
	seedLogin(p, s.logins, fail)
}

// seedLogin gives p its seeded login profile, checked as CreateLoginProfile
// would check it: the password's model constraints, then the account's
// password policy (or IAM's default).
func seedLogin(p *principal, logins []LoginProfile, fail func(string, ...any)) {
	if len(logins) == 0 {
		return
	}
	who := describePrincipal(p) + ": login profile"
	if len(logins) > 1 {
		fail("%s: seeded %d times: a user has at most one", who, len(logins))
		return
	}
	l := logins[0]
	name := p.name
	if err := lookupOperation(CreateLoginProfile).check.check(&iam.CreateLoginProfileInput{UserName: &name, Password: &l.Password}); err != nil {
		fail("%s: %s", who, err.Message)
		return
	}
	if err := checkPassword(p.account.passwordPolicy, l.Password, nil); err != nil {
		fail("%s: %s (%s)", who, err.Message, policyName(p.account))
		return
	}
	created := l.CreateDate.UTC().Truncate(time.Second)
	if l.CreateDate.IsZero() {
		created = p.created
	} else if created.Before(p.created) {
		fail("%s: CreateDate %s is before the user's creation, %s", who, created.Format(time.RFC3339), p.created.Format(time.RFC3339))
		return
	}
	p.login = &loginProfile{created: created, resetRequired: l.PasswordResetRequired}
	setPassword(p, l.Password, created)
}

// policyName says which password policy a seeded password failed.
func policyName(a *account) string {
	if a.passwordPolicy == nil {
		return "IAM's default password policy: the account has none"
	}
	return "the account's password policy"
}

// seedCertificates adds seeded signing certificates to p, with defaults for
// zero fields, naming every problem of every certificate. The certificates
// are sorted once at the end, so seeding n of them is O(n log n).
func (f *Fake) seedCertificates(p *principal, certs []SigningCertificate, now time.Time, seen map[string]bool, fail func(string, ...any)) {
	who := describePrincipal(p)
	if quota := p.account.certQuota; len(certs) > quota {
		fail("%s: %d signing certificates exceed the quota of %d per user (CertificatesPerUser lifts it)", who, len(certs), quota)
		return
	}
	seeded := make([]*certificate, 0, len(certs))
	for i, sc := range certs {
		c := &certificate{id: sc.ID, seq: f.nextCertSeqLocked(), body: sc.Body, status: sc.Status, uploaded: sc.UploadDate.UTC().Truncate(time.Second), owner: p}
		name := "certificate " + strconv.Itoa(i+1)
		if c.id != "" {
			name += " (" + strconv.Quote(c.id) + ")"
		}
		var problems []string
		if c.id == "" {
			c.id = f.newCertificateIDLocked()
		} else if !validCertificateID(c.id) {
			problems = append(problems, "id: IAM certificate ids are 24 to 128 letters, digits or _")
		} else if seen[c.id] {
			problems = append(problems, "id seeded twice")
		}
		switch {
		case c.body == "":
			c.body, c.fingerprint = defaultCertificate(f.ids.seed, p.arn, i+1)
		case !validCertificateBody(c.body):
			problems = append(problems, "body: IAM stores bodies of 1 to 16384 characters of tab, newline, carriage return and U+0020 to U+00FF")
		default:
			c.fingerprint = bodyFingerprint(c.body)
		}
		switch c.status {
		case "":
			c.status = types.StatusTypeActive
		case types.StatusTypeActive, types.StatusTypeInactive, types.StatusTypeExpired:
		default:
			problems = append(problems, "status "+strconv.Quote(string(c.status))+": signing certificates are Active, Inactive or Expired")
		}
		if c.uploaded.IsZero() {
			c.uploaded = now
		}
		if dup, ok := p.account.bodies[c.fingerprint]; ok && c.fingerprint != "" {
			problems = append(problems, "the same certificate as "+dup.id+" (IAM refuses a certificate already in the account)")
		}
		if len(problems) > 0 {
			fail("%s: %s: %s", who, name, strings.Join(problems, "; "))
			continue
		}
		p.account.bodies[c.fingerprint] = c
		seen[c.id] = true
		seeded = append(seeded, c)
	}
	p.certs = append(p.certs, seeded...)
	slices.SortStableFunc(p.certs, func(a, b *certificate) int {
		if a.before(b.uploaded, b.seq) {
			return -1
		}
		if b.before(a.uploaded, a.seq) {
			return 1
		}
		return 0
	})
}

// seedSSHKeys adds seeded SSH public keys to p, a user, with defaults for
// zero fields, naming every problem of every key: the rules of
// UploadSSHPublicKey (its texts for a body it refuses), its quota, and ids
// of IAM's shape. Seeded ids were reserved by build.
func (f *Fake) seedSSHKeys(p *principal, keys []SSHPublicKey, now time.Time, fail func(string, ...any)) {
	who := describePrincipal(p)
	switch {
	case len(keys) == 0:
		return
	case p.kind != kindUser:
		fail("%s: SSH public keys belong to IAM users", who)
		return
	case len(keys) > p.account.sshQuota:
		fail("%s: %d SSH public keys exceed the quota of %d per user (SSHPublicKeysPerUser lifts it)", who, len(keys), p.account.sshQuota)
		return
	}
	for i, sk := range keys {
		name := "SSH public key " + strconv.Itoa(i+1)
		if sk.ID != "" {
			name += " (" + strconv.Quote(sk.ID) + ")"
		}
		var problems []string
		if sk.ID == "" {
			sk.ID = f.newSSHKeyIDLocked()
		} else if !validSSHKeyID(sk.ID) {
			problems = append(problems, "id: IAM SSH public key ids are 20 to 128 letters, digits or _")
		}
		if sk.Body == "" {
			sk.Body = defaultSSHPublicKey(f.ids.seed, p.arn, i+1)
		}
		k, bad := parseSSHPublicKey(sk.Body)
		switch {
		case !validMember(UploadSSHPublicKey, "sSHPublicKeyBody", sk.Body):
			problems = append(problems, "body: IAM stores bodies of 1 to 16384 characters of tab, newline, carriage return and U+0020 to U+00FF")
		case bad != nil:
			problems = append(problems, "body: "+bad.Code+": "+bad.Message+" (IAM takes an RSA key of 2048 to 16384 bits, in OpenSSH form or PEM)")
		case slices.ContainsFunc(p.sshKeys, func(e *sshKey) bool { return e.fingerprint == k.fingerprint }):
			problems = append(problems, "the same key as "+p.sshKeys[slices.IndexFunc(p.sshKeys, func(e *sshKey) bool { return e.fingerprint == k.fingerprint })].id+" (IAM refuses a key the user already has)")
		}
		switch sk.Status {
		case "":
			sk.Status = types.StatusTypeActive
		case types.StatusTypeActive, types.StatusTypeInactive:
		default:
			problems = append(problems, "status "+strconv.Quote(string(sk.Status))+": SSH public keys are Active or Inactive")
		}
		if len(problems) > 0 {
			fail("%s: %s: %s", who, name, strings.Join(problems, "; "))
			continue
		}
		k.id, k.status, k.uploaded = sk.ID, sk.Status, sk.UploadDate.UTC().Truncate(time.Second)
		if k.uploaded.IsZero() {
			k.uploaded = now
		}
		f.addSSHKey(p, &k)
	}
}

// validSSHKeyID reports whether id has the model's shape of an SSH public
// key id: 20 to 128 letters, digits or _.
func validSSHKeyID(id string) bool {
	return validMember(DeleteSSHPublicKey, "sSHPublicKeyId", id)
}

// describePrincipal names a principal in seeding errors.
func describePrincipal(p *principal) string {
	switch p.kind {
	case kindRoot:
		return "account " + p.account.id + ": root"
	case kindRole:
		return "account " + p.account.id + ": role " + strconv.Quote(p.name)
	}
	return "account " + p.account.id + ": user " + strconv.Quote(p.name)
}

// seedAlias gives a its seeded alias, naming what IAM would refuse: a
// value off AccountAlias's constraints, a second alias, an alias another
// account holds.
func (f *Fake) seedAlias(a *account, aliases []string, fail func(string, ...any)) {
	for i, alias := range aliases {
		switch {
		case i > 0:
			fail("account %s: account alias %q: the account already has the alias %q (IAM allows one per account)", a.id, alias, aliases[0])
			continue
		case !validAccountAlias(alias):
			fail("account %s: account alias %q: IAM's aliases are 3 to 63 characters of a-z, 0-9 and '-', beginning and ending with a letter or digit, without \"--\"", a.id, alias)
			continue
		}
		if other := f.aliasHolder(alias); other != nil {
			fail("account %s: account alias %q: account %s holds it already (an alias names one account)", a.id, alias, other.id)
			continue
		}
		a.alias = alias
	}
}

// validAccountAlias reports whether alias meets CreateAccountAlias's
// constraints, checked by the validator's own compiled pattern.
func validAccountAlias(alias string) bool {
	p, err := compiled(accountAliasPattern)
	return err == nil && len(alias) >= 3 && len(alias) <= 63 && p.MatchString(alias)
}

// Groups.

// GroupSeed describes an IAM group to seed and its members, users seeded in
// the same account (in any order):
//
//	fakeiam.Group("admins").Path("/ops/").Members("Bob", "Alice")
//
// Its methods return a new seed, as PrincipalSeed's do. New refuses what
// CreateGroup and AddUserToGroup would: a bad name or path, a name taken
// (ignoring case), a member that is no user of the account or named twice,
// and the quotas (GroupsPerAccount, GroupsPerUser lift them).
type GroupSeed struct {
	name    string
	path    *string
	created time.Time
	members []string
	inline  []policySeed // inline_policies.go
}

// Group seeds an IAM group in the enclosing account (the default account
// outside Account), with path "/", created when New runs, and no members.
func Group(name string) *GroupSeed { return &GroupSeed{name: name} }

// Path returns the group seed with its path set (default "/").
func (s *GroupSeed) Path(path string) *GroupSeed {
	c := s.clone()
	c.path = &path
	return c
}

// CreatedAt returns the group seed with its creation date set (default:
// the fake's time when New runs).
func (s *GroupSeed) CreatedAt(t time.Time) *GroupSeed {
	c := s.clone()
	c.created = t
	return c
}

// Members returns the group seed with users added to it, by name.
func (s *GroupSeed) Members(users ...string) *GroupSeed {
	c := s.clone()
	c.members = append(c.members, users...)
	return c
}

func (s *GroupSeed) clone() *GroupSeed {
	if s == nil {
		return &GroupSeed{}
	}
	c := *s
	c.members = slices.Clone(s.members)
	c.inline = slices.Clone(s.inline)
	return &c
}

func (s *GroupSeed) configure(c *config) error {
	if s == nil {
		return errors.New("nil group seed")
	}
	c.current.groups = append(c.current.groups, s)
	return nil
}

// GroupsPerAccount lifts (or lowers) IAM's quota of 300 groups per account,
// for seeds and CreateGroup alike.
func GroupsPerAccount(n int) Option {
	return accountOption(func(s *accountSettings) error {
		if n < 0 {
			return fmt.Errorf("GroupsPerAccount(%d): a quota is at least 0", n)
		}
		s.groupQuota = &n
		return nil
	})
}

// GroupsPerUser lifts (or lowers) IAM's quota of 10 groups a user can be in,
// for seeds and AddUserToGroup alike.
func GroupsPerUser(n int) Option {
	return accountOption(func(s *accountSettings) error {
		if n < 0 {
			return fmt.Errorf("GroupsPerUser(%d): a quota is at least 0", n)
		}
		s.groupsPerUser = &n
		return nil
	})
}

// seedGroups adds the account's seeded groups and their members, after its
// users, naming every problem of each.
func (f *Fake) seedGroups(a *account, seeds []*GroupSeed, now time.Time, fail func(string, ...any)) {
	if len(seeds) > a.groupQuota {
		fail("account %s: %d groups exceed the quota of %d per account (GroupsPerAccount lifts it)", a.id, len(seeds), a.groupQuota)
		return
	}
	for _, gs := range seeds {
		who := "account " + a.id + ": group " + strconv.Quote(gs.name)
		name := gs.name
		if err := lookupOperation(CreateGroup).check.check(&iam.CreateGroupInput{GroupName: &name, Path: gs.path}); err != nil {
			fail("%s: %s", who, err.Message)
			continue
		}
		if dup := a.group(gs.name); dup != nil {
			if dup.name == gs.name {
				fail("%s seeded twice", who)
			} else {
				fail("%s and group %q: IAM group names are unique regardless of case", who, dup.name)
			}
			continue
		}
		g := &group{name: gs.name, path: pathOr(gs.path), id: f.newGroupIDLocked(), created: now, account: a}
		if !gs.created.IsZero() {
			g.created = gs.created.UTC().Truncate(time.Second)
		}
		g.arn = groupARN(a.id, g.path, g.name)
		a.addGroup(g)
		seedPolicies(who, &g.inline, gs.inline, groupPolicySizeQuota, fail) // inline_policies.go
		for _, m := range gs.members {
			u := a.user(m)
			switch {
			case u == nil:
				fail("%s: member %q: no such user in the account", who, m)
			case isMember(g, u):
				fail("%s: member %q named twice", who, m)
			default:
				join(g, u)
			}
		}
	}
	for _, u := range a.userList {
		if len(u.groups) > a.groupsPerUser {
			fail("%s: in %d groups, over the quota of %d per user (GroupsPerUser lifts it)", describePrincipal(u), len(u.groups), a.groupsPerUser)
		}
	}
}
