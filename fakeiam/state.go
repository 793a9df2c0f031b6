package fakeiam

import (
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam/internal/sigv4"
)

// The in-memory IAM: where state lives, and the changes that keep its
// invariants (indexes in step, listing order, immutable records, unique
// ids). Everything here is guarded by Fake.mu; nothing here calls user
// code. Reads hand out copies, never pointers into this model. The request
// flow that reaches it is in core.go; the operations, one file per
// resource (signing_certificates.go, ...); seeding, builders.go.

type principalKind uint8

const (
	kindRoot principalKind = iota
	kindUser
	kindRole
)

// An account's lists of users, groups, roles, customer managed
// policies, instance profiles, server certificates and virtual MFA
// devices are written in place under the fake's lock: no page, answer or
// log entry holds one (they copy what they show), so a write costs no
// copy of the list (a new array per CreatePolicy was most of what the fake
// allocated for it, with a thousand policies; per CreateVirtualMFADevice,
// 4 KB on average over a batch of 1,024). Its lists of providers, and a
// principal's own lists, are replaced whole on a write, as answers share
// them.
type account struct {
	id       string
	root     *principal
	users    map[string]*principal // by lowercase name: IAM user names ignore case
	userList []*principal          // sorted by lowercase name, as they are listed
	// listed is the last ListUsers page captured, which answers listing it
	// again share until the users change: addUser and removeUser drop it.
	listed atomic.Pointer[listedPage[entityPage]]
	roles  map[string]*principal // by lowercase name: IAM role names ignore case (roles.go)
	bodies map[string]*certificate
	alias  string // the account alias; "" when none (account_aliases.go)
	// Groups (groups.go): by lowercase name, and in listing order (by name
	// ignoring case).
	groups    map[string]*group
	groupList []*group
	// groupsListed is the last ListGroups page captured, shared by answers
	// listing it again until the groups change (as listed for users).
	groupsListed atomic.Pointer[listedPage[entityPage]]

	// Settings of this account, from New's options.
	rootName  string // UserName reported on the root's own certificates
	certQuota int    // signing certificates per user
	keyQuota  int    // access keys per user
	sshQuota  int    // SSH public keys per user
	sscQuota  int    // service-specific credentials per user per service

	// passwordPolicy is the account's password policy (passwords.go); nil:
	// none set, IAM's default applies.
	passwordPolicy *passwordPolicy
	// tokenV2 is the account's STS preference: the global endpoint issues
	// version 2 tokens (sts_preferences.go); false: version 1, IAM's default.
	tokenV2 bool
	// groupQuota is the most groups the account holds; groupsPerUser the
	// most groups a user is in (groups.go).
	groupQuota, groupsPerUser int
	// sscMade numbers the account's service-specific credentials in
	// creation order, deleted ones included (service_specific_credentials.go).
	sscMade uint64
	// Virtual MFA devices (mfa_devices.go): by serial number, by lowercase
	// name, and in creation order (written in place); mfaMade
	// numbers them as created, mfaEnabled their enablings. mfaListed is
	// the last whole ListVirtualMFADevices answer shared (sharedAnswer).
	mfaDevices          map[string]*mfaDevice
	mfaNames            map[string]*mfaDevice
	mfaList             []*mfaDevice
	mfaMade, mfaEnabled uint64
	mfaListed           atomic.Pointer[sharedAnswer[mfaListKey]]
	mfaQuota            int // MFA devices per user

	// Customer managed policies (managed_policies.go): by lowercase name,
	// and in listing order (by name ignoring case); policyQuota is the most
	// the account holds, policiesPerUser and policiesPerGroup the most
	// attached to one user or group (policy_attachments.go).
	policies                                       map[string]*customerPolicy
	policyList                                     []*customerPolicy
	policyQuota, policiesPerUser, policiesPerGroup int
	versionQuota                                   int // versions per policy
	// policiesPerRole is the most managed policies attached to one role
	// (policy_attachments.go, PoliciesPerRole).
	policiesPerRole int
	// awsPolicies are the account's records of AWS managed policies, by
	// ARN, kept from their first attachment (aws_managed_policies.go).
	awsPolicies map[string]*customerPolicy
	// Server certificates (server_certificates.go): by lowercase name, in
	// listing order (by name ignoring case), and the most the account
	// holds.
	serverCerts     map[string]*serverCert
	serverCertList  []*serverCert
	serverCertQuota int
	// Identity providers (oidc_providers.go, saml_providers.go): OIDC and
	// SAML providers and their quotas.
	idp identityProviders
	// The credential report (credential_report.go): the account's latest
	// (nil: none yet), and how long generating one takes on the fake's
	// clock.
	report           *credentialReport
	reportGeneration time.Duration
	// Roles (roles.go): in listing order (by name ignoring case), and the
	// most the account holds.
	roleList  []*principal
	roleQuota int
	// Instance profiles (instance_profiles.go): by lowercase name, in
	// listing order (by name ignoring case), and the most the account
	// holds.
	profiles     map[string]*instanceProfile
	profileList  []*instanceProfile
	profileQuota int
	// deletionTasks are the ids of the account's service-linked role
	// deletions (service_linked_roles.go); nil until the first.
	deletionTasks map[string]bool
}

// principal is an identity that can hold access keys: the account root, an
// IAM user, or a role (temporary credentials).
type principal struct {
	kind    principalKind
	name    string // user or role name; "" for root
	account *account
	arn     string
	userID  string // AIDA... for users, the account id for root, AROA... (RoleId) for roles; kept across renames
	path    string // users: "/" or "/division/"
	created time.Time
	tags    []types.Tag    // users, in the order first given (setUserTags writes them)
	keys    []*accessKey   // in creation order
	made    uint64         // keys it has been given, deleted ones included: numbers them
	certs   []*certificate // sorted by (upload date, seq): upload order; roles have none
	// certsShared is set once a List page aliasing certs' array was handed
	// out (the call log keeps it): the next write copies certs first, so a
	// kept page never changes (see certPage, writableCerts).
	certsShared atomic.Bool
	// tagsByKey is tags sorted by key, as ListUserTags lists them.
	tagsByKey []sortedTag
	// sshKeys are a user's SSH public keys in upload order; a write
	// replaces the slice (a kept page may share its array).
	sshKeys []*sshKey
	sshMade uint64 // SSH keys it has been given, deleted ones included: numbers them
	// sscs are a user's service-specific credentials in creation order
	// (service_specific_credentials.go); a write replaces the slice.
	sscs []*serviceCredential
	// sscListed is the last whole ListServiceSpecificCredentials answer
	// shared for sscs (listServiceCredentials, sharedAnswer).
	sscListed atomic.Pointer[sharedAnswer[sscListKey]]
	// inline are a user's inline policies (inline_policies.go).
	inline inlinePolicies

	// Passwords (passwords.go): the user's login profile (nil: none), and
	// the hashes of its latest passwords, oldest first, for reuse
	// prevention.
	login         *loginProfile
	usedPasswords []passwordHash
	// groups are the groups a user is in, by name ignoring case (groups.go:
	// join, leave); groupsListed is the last
	// ListGroupsForUser page captured, until they change.
	groups       []*group
	groupsListed atomic.Pointer[listedPage[entityPage]]
	// mfa are the MFA devices enabled for a user, in the order enabled
	// (mfa_devices.go); a write replaces the slice.
	mfa []*mfaDevice
	// policies are the managed policies attached to a user, by name
	// ignoring case (policy_attachments.go); a write replaces the slice.
	// attachedListed is the last ListAttached{User,Role}Policies answer
	// shared for them (attachedAnswer).
	policies       []*customerPolicy
	attachedListed atomic.Pointer[sharedAnswer[attachedKey]]
	// role is what a role has beyond a principal's (roles.go); nil for
	// users and the root.
	role *roleInfo
	// boundary is a user's or role's permissions boundary (nil: none;
	// permissions_boundaries.go).
	boundary *customerPolicy
	// decides are the policies that decide its calls, as enforcement last
	// gathered them (enforcement.go): current while the model's generation
	// is the one they were gathered at.
	decides atomic.Pointer[decidingPolicies]
}

// certPage returns p.certs[start:end] for a page the call log may keep,
// without copying it: a page retained as a copy costs a pointer per
// certificate, which the garbage collector marks on every cycle for as long
// as the log holds it (1.7 × the SDK's own cost per 100-certificate List
// once the log holds some 20,000 pages: BenchmarkListSigningCertificates).
// A kept page keeps the whole array it shares alive: 8 bytes per
// certificate the user had then. Called under the read lock.
func (p *principal) certPage(start, end int) []*certificate {
	p.certsShared.Store(true)
	return p.certs[start:end:end]
}

// writableCerts makes p.certs safe to write in place: a copy if a page
// shares its array. Every write of p.certs calls it first (under the
// write lock); TestLoggedOutputsDoNotChange fails if one does not.
func (p *principal) writableCerts() {
	if p.certsShared.Load() {
		p.certs = slices.Clone(p.certs)
		p.certsShared.Store(false)
	}
}

type accessKey struct {
	id       string
	secret   string
	owner    *principal
	status   types.StatusType
	created  time.Time
	seq      uint64         // its place in its owner's creation order, from 1 (addKey)
	lastUsed atomic.Int64   // Unix seconds, cut to the minute; 0: never used
	derived  sigv4.KeyCache // SigV4 signing key cache
	// session, for temporary credentials (sessions.go): what STS issued
	// them with. A session key is in Fake.keys but in no owner's keys.
	session *session
}

// certificate is a signing certificate, immutable once inserted: an update
// replaces it. The call log's answers (see result) may hold it, so a record
// written in place would rewrite what the log says an earlier call got
// (TestLoggedOutputsDoNotChange fails if one is).
type certificate struct {
	id          string
	body        string
	fingerprint string // identifies the certificate (its DER) for duplicate checks
	status      types.StatusType
	uploaded    time.Time // whole seconds, UTC
	seq         uint64    // its place in the fake's upload order (Fake.certSeq): orders uploads of one second
	owner       *principal
}

// before orders certificates as IAM lists them: in upload order, by upload
// date, then by seq within a second.
func (c *certificate) before(date time.Time, seq uint64) bool {
	if !c.uploaded.Equal(date) {
		return c.uploaded.Before(date)
	}
	return c.seq < seq
}

// nextCertSeqLocked numbers a new certificate, seeded or uploaded, in upload
// order. Call with f.mu held (or from New).
func (f *Fake) nextCertSeqLocked() uint64 {
	f.certSeq++
	return f.certSeq
}

// insertCertificate adds c to its owner and the account's indexes, and
// returns its index in the owner's certs. An upload is the newest, so it
// usually appends.
func (f *Fake) insertCertificate(c *certificate) int {
	p := c.owner
	i := len(p.certs)
	if i > 0 && !p.certs[i-1].before(c.uploaded, c.seq) {
		i, _ = slices.BinarySearchFunc(p.certs, c, func(e, t *certificate) int {
			if e.before(t.uploaded, t.seq) {
				return -1
			}
			return 1
		})
	}
	p.writableCerts()
	p.certs = slices.Insert(p.certs, i, c)
	p.account.bodies[c.fingerprint] = c
	return i
}

// replaceCertificate puts next where old was.
func (f *Fake) replaceCertificate(old, next *certificate) {
	p := old.owner
	p.writableCerts()
	p.certs[slices.Index(p.certs, old)] = next
	p.account.bodies[next.fingerprint] = next
}

func (f *Fake) removeCertificate(c *certificate) {
	p := c.owner
	p.writableCerts()
	p.certs = slices.DeleteFunc(p.certs, func(e *certificate) bool { return e == c })
	delete(p.account.bodies, c.fingerprint)
}

// ownerName is the UserName IAM reports for p's resources, and the user an
// AccessDenied message names when p acts on itself.
func (f *Fake) ownerName(p *principal) string {
	if p == nil {
		return ""
	}
	if p.kind == kindRoot {
		return p.account.rootName
	}
	return p.name
}

// userARN is the ARN of the user name at path in account a.
func userARN(a *account, path, name string) string {
	return "arn:aws:iam::" + a.id + ":user" + path + name
}

// addUser puts u into its account's indexes.
func (a *account) addUser(u *principal) {
	a.users[strings.ToLower(u.name)] = u
	a.userList = addByName(a.userList, u, userName)
	a.listed.Store(nil)
}

// sortUsers puts userList in listing order, after seeding.
func (a *account) sortUsers() {
	slices.SortFunc(a.userList, func(x, y *principal) int { return strings.Compare(strings.ToLower(x.name), strings.ToLower(y.name)) })
}

// removeUser takes u out of its account's indexes.
func (a *account) removeUser(u *principal) {
	delete(a.users, strings.ToLower(u.name))
	a.userList = removeFrom(a.userList, u)
	a.listed.Store(nil)
}

// addByName puts item into list, sorted by name ignoring case (byName),
// in its place: in place when list has room (an account's lists), in a
// new array when it is clipped (insertByName).
func addByName[T any](list []T, item T, name func(T) string) []T {
	key := strings.ToLower(name(item))
	i, _ := slices.BinarySearchFunc(list, key, func(e T, k string) int { return strings.Compare(strings.ToLower(name(e)), k) })
	return slices.Insert(list, i, item)
}

// removeFrom takes item out of list, in place.
func removeFrom[T comparable](list []T, item T) []T {
	if i := slices.Index(list, item); i >= 0 {
		return slices.Delete(list, i, i+1)
	}
	return list
}

// user finds a user by name, ignoring case as IAM does ("Bob" and "BOB" are
// one user); nil when there is none.
func (a *account) user(name string) *principal {
	return a.users[strings.ToLower(name)]
}

// addKey gives p the key k, after every key p was given before.
func (p *principal) addKey(k *accessKey) {
	p.made++
	k.seq = p.made
	p.keys = append(p.keys, k)
}

// newAccessKeyLocked gives p a new Active access key created at now.
func (f *Fake) newAccessKeyLocked(p *principal, now time.Time) *accessKey {
	ak := &accessKey{id: f.newAccessKeyIDLocked(p.kind), secret: f.ids.secretKey(), owner: p, status: types.StatusTypeActive, created: now}
	f.keys[ak.id] = ak
	p.addKey(ak)
	return ak
}

// removeAccessKey takes k from its owner and the fake's index: it no
// longer signs.
func (f *Fake) removeAccessKey(k *accessKey) {
	u := k.owner
	u.keys = slices.DeleteFunc(u.keys, func(e *accessKey) bool { return e == k })
	delete(f.keys, k.id)
}

// newCertificateIDLocked returns an id no certificate of this fake has.
func (f *Fake) newCertificateIDLocked() string {
	// Generated ids do not repeat (ids.next): only a seeded one can be taken.
	for {
		id := f.ids.certificateID()
		if !f.seededCertIDs[id] {
			return id
		}
	}
}

// newAccessKeyIDLocked returns an access key id no key of this fake has,
// with IAM's prefix for the principal (AKIA, or ASIA for temporary
// credentials).
func (f *Fake) newAccessKeyIDLocked(kind principalKind) string {
	for {
		id := f.ids.accessKeyID()
		if kind == kindRole {
			id = "ASIA" + id[4:]
		}
		if _, taken := f.keys[id]; !taken {
			return id
		}
	}
}

// newUserIDLocked returns a user id no principal of this fake has: AIDA and
// 17 characters of A-Z and 2-7, as IAM's.
func (f *Fake) newUserIDLocked() string {
	for {
		id := "AIDA" + f.ids.next("user", 17)
		if !f.userIDs[id] {
			f.userIDs[id] = true
			return id
		}
	}
}
