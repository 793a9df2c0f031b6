package fakeiam

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// Seeding: what a Fake holds when New returns. Seeds are Options; New checks
// them as IAM would check the same state and names every problem it finds.

// Option configures a Fake: a seed (User, Root, Role, Account) or a setting
// (WithClock, WithSeed, RootUserName, CertificatesPerUser).
type Option interface {
	apply(*config) error
}

type optionFunc func(*config) error

func (fn optionFunc) apply(c *config) error { return fn(c) }

// DefaultAccountID is the account that seeds outside Account(...) belong to,
// and whose root Client signs as.
const DefaultAccountID = "123456789012"

// DefaultRootUserName is the UserName reported on the root user's own signing
// certificates: the name IAM's credential report gives the root row.
const DefaultRootUserName = "<root_account>"

type config struct {
	clock    Clock
	seed     uint64
	rootName string
	quota    int
	logLimit int
	accounts []*accountSeed
	current  *accountSeed // where principal seeds go
}

type accountSeed struct {
	id    string
	root  *PrincipalSeed
	users []*PrincipalSeed
	roles []*PrincipalSeed
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
// methods add to it and return it, so a seed reads as one expression.
type PrincipalSeed struct {
	kind  principalKind
	name  string
	keys  []AccessKey
	certs []Certificate
}

// AccessKey is an access key pair a principal signs requests with.
type AccessKey struct {
	ID     string
	Secret string
}

// Certificate is a signing certificate to seed. Zero fields get defaults: a
// generated PEM X.509 body (crypto/x509 parses it), a new IAM-shaped id,
// status Active, and the fake's current time as upload date. Given fields are
// stored verbatim, so documentation examples reproduce exactly.
type Certificate struct {
	ID         string
	Body       string
	Status     types.StatusType
	UploadDate time.Time
}

// User seeds an IAM user in the enclosing account (the default account
// outside Account). Without AccessKey it gets a generated key pair.
func User(name string) *PrincipalSeed { return &PrincipalSeed{kind: kindUser, name: name} }

// Root seeds the account root user's access keys and signing certificates.
// Every account has a root, seeded or not; Root given twice for one account
// adds to the same root.
func Root() *PrincipalSeed { return &PrincipalSeed{kind: kindRoot} }

// Role seeds a role whose temporary credentials can call IAM: a non-user
// caller, which must name the user it acts on. Roles hold no certificates.
func Role(name string) *PrincipalSeed { return &PrincipalSeed{kind: kindRole, name: name} }

// AccessKey returns the seed with an access key pair the principal signs
// with added. The first key is the one ClientAs uses. Like SigningCertificate
// it leaves s unchanged, so one seed can be shared by many tests.
func (s *PrincipalSeed) AccessKey(id, secret string) *PrincipalSeed {
	c := s.clone()
	c.keys = append(c.keys, AccessKey{ID: id, Secret: secret})
	return c
}

// SigningCertificate returns the seed with signing certificates added, in
// upload order; s is unchanged.
func (s *PrincipalSeed) SigningCertificate(certs ...Certificate) *PrincipalSeed {
	c := s.clone()
	c.certs = append(c.certs, certs...)
	return c
}

func (s *PrincipalSeed) clone() *PrincipalSeed {
	if s == nil {
		return &PrincipalSeed{kind: kindUser} // a nil seed stays invalid: apply reports it
	}
	c := *s
	c.keys = slices.Clone(s.keys)
	c.certs = slices.Clone(s.certs)
	return &c
}

func (s *PrincipalSeed) apply(c *config) error {
	if s == nil {
		return errors.New("nil seed")
	}
	a := c.current
	switch s.kind {
	case kindRoot:
		if a.root == nil {
			a.root = &PrincipalSeed{kind: kindRoot}
		}
		a.root.keys = append(a.root.keys, s.keys...)
		a.root.certs = append(a.root.certs, s.certs...)
	case kindUser:
		a.users = append(a.users, s)
	case kindRole:
		a.roles = append(a.roles, s)
	}
	return nil
}

// Account seeds a further account with its own root, users and roles. Keys of
// one account never see another account's users or certificates.
func Account(id string, seeds ...Option) Option {
	return optionFunc(func(c *config) error {
		if !validAccountID(id) {
			return fmt.Errorf("account %q: an account id is 12 digits", id)
		}
		outer := c.current
		c.current = c.account(id)
		defer func() { c.current = outer }()
		return applyAll(c, seeds)
	})
}

// WithClock makes the fake read time from clock (upload dates, certificate
// expiry). Set it once; Fake.Advance moves any clock forward.
func WithClock(clock Clock) Option {
	return optionFunc(func(c *config) error {
		if fn, isFunc := clock.(ClockFunc); clock == nil || (isFunc && fn == nil) {
			return errors.New("WithClock: nil clock")
		}
		c.clock = clock
		return nil
	})
}

// WithSeed changes the seed of generated ids, keys, bodies, request ids and
// markers. The same seed and the same calls give the same values.
func WithSeed(seed uint64) Option {
	return optionFunc(func(c *config) error { c.seed = seed; return nil })
}

// RootUserName sets the UserName reported on the root user's own signing
// certificates (default DefaultRootUserName; real IAM's value is unknown).
func RootUserName(name string) Option {
	return optionFunc(func(c *config) error {
		if name == "" {
			return errors.New("RootUserName: empty name")
		}
		c.rootName = name
		return nil
	})
}

// CertificatesPerUser lifts (or lowers) IAM's quota of 2 signing certificates
// per user, for seeds and uploads alike.
func CertificatesPerUser(n int) Option {
	return optionFunc(func(c *config) error {
		if n < 0 {
			return fmt.Errorf("CertificatesPerUser(%d): a quota is at least 0", n)
		}
		c.quota = n
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
		if err := o.apply(c); err != nil {
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
// refuse. Called by New before the fake is shared: no lock needed.
func (f *Fake) build(c *config) error {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	now := f.now()
	for _, as := range c.accounts {
		a := &account{id: as.id, users: map[string]*principal{}, folded: map[string]*principal{}, roles: map[string]*principal{}, bodies: map[string]*certificate{}}
		f.accounts[a.id] = a
		rootSeed := as.root
		if rootSeed == nil {
			rootSeed = &PrincipalSeed{kind: kindRoot}
		}
		a.root = &principal{kind: kindRoot, account: a, arn: "arn:aws:iam::" + a.id + ":root"}
		f.seedPrincipal(a.root, rootSeed, now, fail)
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
			p := &principal{kind: kindUser, name: us.name, account: a, arn: "arn:aws:iam::" + a.id + ":user/" + us.name}
			a.users[us.name] = p
			a.folded[strings.ToLower(us.name)] = p
			f.seedPrincipal(p, us, now, fail)
		}
		for _, rs := range as.roles {
			if !validUserName(rs.name) || len(rs.name) > 64 {
				fail("account %s: role %q: IAM role names are 1 to 64 characters of letters, digits and +=,.@_-", a.id, rs.name)
				continue
			}
			if _, dup := a.roles[rs.name]; dup {
				fail("account %s: role %q seeded twice", a.id, rs.name)
				continue
			}
			if len(rs.certs) > 0 {
				fail("account %s: role %q: roles have no signing certificates", a.id, rs.name)
			}
			p := &principal{kind: kindRole, name: rs.name, account: a, arn: "arn:aws:sts::" + a.id + ":assumed-role/" + rs.name + "/fakeiam"}
			a.roles[rs.name] = p
			f.seedPrincipal(p, &PrincipalSeed{kind: kindRole, name: rs.name, keys: rs.keys}, now, fail)
		}
	}
	return errors.Join(errs...)
}

// seedPrincipal adds s's access keys (or a generated one) and certificates to p.
func (f *Fake) seedPrincipal(p *principal, s *PrincipalSeed, now time.Time, fail func(string, ...any)) {
	who := f.describe(p)
	keys := s.keys
	if len(keys) == 0 {
		id := f.ids.accessKeyID()
		if p.kind == kindRole {
			id = "ASIA" + id[4:]
		}
		keys = []AccessKey{{ID: id, Secret: f.ids.secretKey()}}
	}
	for _, k := range keys {
		switch {
		case len(k.ID) < 16 || len(k.ID) > 128 || !isWordString(k.ID):
			fail("%s: access key id %q: IAM key ids are 16 to 128 letters, digits or _", who, k.ID)
		case k.Secret == "":
			fail("%s: access key %s: empty secret", who, k.ID)
		case f.keys[k.ID] != nil:
			fail("%s: access key %s seeded twice", who, k.ID)
		default:
			ak := &accessKey{id: k.ID, secret: k.Secret, owner: p}
			f.keys[k.ID] = ak
			p.keys = append(p.keys, ak)
		}
	}
	if p.kind == kindRole {
		return
	}
	if len(s.certs) > f.quota {
		fail("%s: %d signing certificates exceed the quota of %d per user (CertificatesPerUser lifts it)", who, len(s.certs), f.quota)
		return
	}
	for i, sc := range s.certs {
		c := &certificate{id: sc.ID, body: sc.Body, status: sc.Status, uploaded: sc.UploadDate.UTC().Truncate(time.Second), owner: p}
		if c.id == "" {
			c.id = f.newCertificateIDLocked()
		} else if !validCertificateID(c.id) {
			fail("%s: certificate id %q: IAM certificate ids are 24 to 128 letters, digits or _", who, c.id)
			continue
		}
		if c.body == "" {
			subject := "fakeiam " + p.arn + " #" + strconv.Itoa(i+1) + " seed " + strconv.FormatUint(f.ids.seed, 10) // the ARN: unique per principal
			c.body = CertificatePEMValid(subject, now.Add(-24*time.Hour), now.AddDate(10, 0, 0))
		} else {
			var v violations
			v.certificateBody(&c.body)
			if v.err() != nil {
				fail("%s: certificate %s: IAM stores bodies of 1 to 16384 characters of tab, newline, carriage return and U+0020 to U+00FF", who, c.id)
				continue
			}
		}
		switch c.status {
		case "":
			c.status = types.StatusTypeActive
		case types.StatusTypeActive, types.StatusTypeInactive:
		default:
			fail("%s: certificate %s: status %q: signing certificates are Active or Inactive", who, c.id, c.status)
			continue
		}
		if c.uploaded.IsZero() {
			c.uploaded = now
		}
		if _, dup := f.certIDs[c.id]; dup {
			fail("%s: certificate id %s seeded twice", who, c.id)
			continue
		}
		if dup, ok := p.account.bodies[c.body]; ok {
			fail("%s: certificate %s has the same body as certificate %s (IAM refuses duplicate bodies in an account)", who, c.id, dup.id)
			continue
		}
		f.insertCertificate(c)
	}
}

// describe names a principal in seeding errors.
func (f *Fake) describe(p *principal) string {
	switch p.kind {
	case kindRoot:
		return "account " + p.account.id + ": root"
	case kindRole:
		return "account " + p.account.id + ": role " + strconv.Quote(p.name)
	}
	return "account " + p.account.id + ": user " + strconv.Quote(p.name)
}

func isWordString(s string) bool {
	for _, r := range s {
		if !isWordRune(r) {
			return false
		}
	}
	return true
}
