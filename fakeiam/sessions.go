package fakeiam

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"hash"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"

	"github.com/fakeaws/fakeaws/fakeiam/internal/policyeval"
)

// Temporary credentials (docs/contract.md, "Temporary credentials"): what
// STS's AssumeRole (assume_role.go), GetSessionToken (session_token.go) and
// GetFederationToken (federation_token.go) issue. A session is an ASIA access key, its secret and a session token,
// valid until it expires by the fake's clock (Advance moves it). The key is
// one of the fake's keys (Fake.keys), owned by the role or user it acts
// as, but none of that principal's access keys (ListAccessKeys does not
// show it). Every request signed with it must carry its token
// (X-Amz-Security-Token): none or another is InvalidClientTokenId, an
// expired session ExpiredToken, as AWS answers. A session carries what
// enforcement reads of it (enforcement.go): its session policies, session
// tags, MFA and source identity.

// session is one set of temporary credentials.
type session struct {
	principal *principal // the role assumed, or the user (root) that asked GetSessionToken or GetFederationToken
	name      string     // RoleSessionName, or GetFederationToken's Name; "" for GetSessionToken
	// arn and userID are an assumed role's session's
	// (arn:aws:sts::<acct>:assumed-role/<role>/<name>, "<RoleId>:<name>")
	// or a federated user's (arn:aws:sts::<acct>:federated-user/<name>,
	// "<acct>:<name>"); "" for GetSessionToken's, which act as the user
	// (root) is now.
	arn, userID string
	token       string
	issued      time.Time
	expires     time.Time
	// mfa: the session was issued on an MFA code (aws:MultiFactorAuthPresent),
	// at mfaAt (aws:MultiFactorAuthAge counts from it).
	mfa   bool
	mfaAt time.Time
	// chained: a role session issued it (role chaining: at most an hour).
	chained bool
	// ownToken: GetSessionToken issued it; without MFA, IAM refuses it.
	ownToken bool
	// federated: GetFederationToken issued it, for the federated user
	// arn names; IAM refuses it, and STS answers it GetCallerIdentity only.
	federated bool
	// policies are its session policies (the inline Policy first, then
	// PolicyArns' documents, as they were when it was issued), ids naming
	// them as DecidingStatement does; none: no session policy.
	policies []*policyeval.Policy
	ids      []string
	prepared sync.Map // action → policyeval.Prepared
	// keys are the context keys the session policies read, as written
	// and in lower case (enforcement looks them up).
	keys, folded []string
	// tags are its session tags, which replace the role's tags of the
	// same key (aws:PrincipalTag); transitive are the keys a chained
	// session inherits.
	tags           []types.Tag
	transitive     []string
	sourceIdentity string
	// federatedProvider is the OIDC provider's ARN of a web identity's
	// session (aws:FederatedProvider); "" for the others.
	federatedProvider string
}

// prepare is s's session policies narrowed to action, once per action.
func (s *session) prepare(action string) policyeval.Prepared {
	if v, ok := s.prepared.Load(action); ok {
		return v.(policyeval.Prepared)
	}
	p := policyeval.Prepare(s.policies, action)
	s.prepared.Store(action, p)
	return p
}

// alive reports whether what s acts as still exists: a deleted role's or
// user's sessions sign nothing (InvalidClientTokenId). Call with Fake.mu
// held.
func (s *session) alive(f *Fake) bool { return f.exists(s.principal) }

// exists reports whether p is still in the model: its account is the
// fake's (no Reset since), and it is its account's user, role or root.
// Call with Fake.mu held.
func (f *Fake) exists(p *principal) bool {
	if f.accounts[p.account.id] != p.account {
		return false
	}
	switch p.kind {
	case kindRole:
		return p.account.role(p.name) == p
	case kindUser:
		return p.account.user(p.name) == p
	}
	return true
}

// tokenPrefix begins every session token, as it begins the tokens STS
// issues today (the base64 of a version header): tools that look at a
// token see one of the usual form.
const tokenPrefix = "IQoJb3JpZ2luX2Vj"

// newSessionLocked issues s's credentials: an ASIA key owned by s's
// principal, a secret and a token that names its expiry (so that an
// expired token the fake no longer holds is still ExpiredToken). Call with
// Fake.mu write-locked.
func (f *Fake) newSessionLocked(s *session) *accessKey {
	f.purgeSessionsLocked(s.issued)
	id := "ASIA" + f.newAccessKeyIDLocked(kindUser)[4:]
	for f.keys[id] != nil {
		id = "ASIA" + f.newAccessKeyIDLocked(kindUser)[4:]
	}
	s.token = f.sessionToken(id, s.expires)
	k := &accessKey{id: id, secret: f.ids.secretKey(), owner: s.principal, status: types.StatusTypeActive, created: s.issued, session: s}
	f.keys[id] = k
	f.sessions++
	return k
}

// sessionToken is the token of key id, expiring at expires: the prefix,
// then base64 of the expiry (Unix seconds) and an HMAC of both under the
// fake's token key.
func (f *Fake) sessionToken(id string, expires time.Time) string {
	var b [8 + sha256.Size]byte
	binary.BigEndian.PutUint64(b[:8], uint64(expires.Unix()))
	mac, _ := f.tokenMACs.Get().(hash.Hash)
	if mac == nil {
		mac = hmac.New(sha256.New, f.tokenKey[:])
	}
	mac.Reset()
	mac.Write([]byte(id))
	mac.Write(b[:8])
	mac.Sum(b[:8])
	f.tokenMACs.Put(mac)
	return tokenPrefix + base64.RawURLEncoding.EncodeToString(b[:])
}

// expiredToken reports whether token is one the fake issued for key id
// that expired before now: a request with it is ExpiredToken even after
// the session was dropped.
func (f *Fake) expiredToken(id, token string, now time.Time) bool {
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(token, tokenPrefix))
	if err != nil || len(raw) != 8+sha256.Size {
		return false
	}
	expires := time.Unix(int64(binary.BigEndian.Uint64(raw[:8])), 0)
	return hmac.Equal([]byte(f.sessionToken(id, expires)), []byte(token)) && !now.Before(expires)
}

// requestToken is the session token a request carries: its
// X-Amz-Security-Token header, or that query parameter of a presigned URL.
func requestToken(r *http.Request) string {
	if t := r.Header.Get("X-Amz-Security-Token"); t != "" {
		return t
	}
	if r.URL != nil {
		return r.URL.Query().Get("X-Amz-Security-Token")
	}
	return ""
}

// checkSession is what IAM answers a request signed with session key k
// and carrying token at now: nil when the session is valid.
func (f *Fake) checkSession(svc *service, k *accessKey, token string, now time.Time) *Error {
	s := k.session
	if subtle.ConstantTimeCompare([]byte(token), []byte(s.token)) != 1 {
		return errInvalidClientTokenIDOf(svc)
	}
	if !now.Before(s.expires) {
		return errExpiredToken()
	}
	if s.ownToken && !s.mfa && svc == serviceIAM {
		// GetSessionToken's reference: "You cannot call any IAM API
		// operations unless MFA authentication information is included
		// in the request"; IAM answers InvalidClientTokenId.
		return errInvalidClientTokenIDOf(svc)
	}
	if s.federated && svc == serviceIAM {
		// GetFederationToken's reference: "You cannot call any IAM
		// operations using the CLI or the Amazon Web Services API"; IAM
		// answers InvalidClientTokenId, as for the above.
		return errInvalidClientTokenIDOf(svc)
	}
	return nil
}

// sessionsBetweenPurges: expired sessions are dropped when this many more
// were issued since the last purge, so a long-running endpoint keeps the
// live ones only (an expired token stays ExpiredToken: expiredToken).
const sessionsBetweenPurges = 1024

// purgeSessionsLocked drops the sessions expired at now once enough were
// issued since the last purge. Call with Fake.mu write-locked.
func (f *Fake) purgeSessionsLocked(now time.Time) {
	if f.sessions < f.sessionsKept+sessionsBetweenPurges {
		return
	}
	kept := 0
	for id, k := range f.keys {
		if k.session == nil {
			continue
		}
		if !now.Before(k.session.expires) {
			delete(f.keys, id)
			continue
		}
		kept++
	}
	f.sessions, f.sessionsKept = kept, kept
}

// STS's MFA texts (docs/contract.md, "Temporary credentials"); the first
// has two spaces after "code.", as STS writes it.
const (
	msgMFAUnknownDevice = "MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user."
	msgMFAInvalidCode   = "MultiFactorAuthentication failed with invalid MFA one time pass code."
	msgMFAIncomplete    = "MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code." // choice: docs/contract.md
)

// stsMFAWindow is how many steps from now a code given to STS may be
// (choice: one either way, for a device's clock a little off).
const stsMFAWindow = 1

// verifyMFA checks an MFA code given to STS (AssumeRole's, GetSessionToken's
// SerialNumber and TokenCode) for caller p at now: nil, nil when neither is
// given. The device must be one enabled for p; the code one it shows
// within a step of now, newer than any code it accepted before. The code
// is spent (mfaUse.spend) only when the session is issued: a request
// refused later leaves it unused. Refusals are STS's AccessDenied texts.
func (f *Fake) verifyMFA(p *principal, serial, code *string, now time.Time) (*mfaUse, *Error) {
	switch {
	case serial == nil && code == nil:
		return nil, nil
	case serial == nil || code == nil:
		return nil, &Error{"AccessDenied", 403, msgMFAIncomplete}
	}
	f.mu.RLock()
	defer f.mu.RUnlock()
	d := p.account.mfaDevice(*serial)
	if d == nil || d.user != p {
		return nil, &Error{"AccessDenied", 403, msgMFAUnknownDevice}
	}
	step := stepAt(now)
	for k := step - stsMFAWindow; k <= step+stsMFAWindow; k++ {
		if k > d.lastStep && totp(d.key, k, mfaDigits) == *code {
			return &mfaUse{device: d, step: k}, nil
		}
	}
	return nil, &Error{"AccessDenied", 403, msgMFAInvalidCode}
}

// mfaUse is a code verifyMFA accepted, at its time step.
type mfaUse struct {
	device *mfaDevice
	step   int64
}

// spend uses the code up; a request that used it meanwhile has it, and
// this one is refused as a reused code. Nil spends nothing. Call with
// Fake.mu write-locked.
func (u *mfaUse) spend() *Error {
	if u == nil {
		return nil
	}
	if u.device.lastStep >= u.step {
		return &Error{"AccessDenied", 403, msgMFAInvalidCode}
	}
	u.device.lastStep = u.step
	return nil
}

// Session is a set of temporary credentials the fake's STS issued (an
// assumed role's session, GetSessionToken's, or a federated user's):
// clients signing with them act as the session, until it expires by the
// fake's clock. Get one with Principal.AssumeRole, Principal.SessionToken
// or Principal.FederationToken, or from STS's answer with Fake.Session.
type Session struct {
	f *Fake
	// Credentials are the session's: AccessKeyID (ASIA...),
	// SecretAccessKey, SessionToken and, when known, Expires.
	Credentials aws.Credentials
	// ARN is who the session acts as: the assumed-role ARN
	// (arn:aws:sts::123456789012:assumed-role/deployer/ci), the federated
	// user's (arn:aws:sts::123456789012:federated-user/app), or the user's.
	ARN string
}

// Session is the session of credentials STS answered (AssumeRole's,
// GetSessionToken's or GetFederationToken's Credentials), for clients that
// sign with them.
func (f *Fake) Session(c *ststypes.Credentials) Session {
	s := Session{f: f}
	if c != nil {
		s.Credentials = aws.Credentials{AccessKeyID: deref(c.AccessKeyId), SecretAccessKey: deref(c.SecretAccessKey),
			SessionToken: deref(c.SessionToken), Source: "fakeiam"}
		if c.Expiration != nil {
			s.Credentials.CanExpire, s.Credentials.Expires = true, *c.Expiration
		}
	}
	if f != nil && f.wire != nil {
		f.mu.RLock()
		if k := f.keys[s.Credentials.AccessKeyID]; k != nil && k.session != nil {
			s.ARN = callerOf(k, k.id).ARN
		}
		f.mu.RUnlock()
	}
	return s
}

// provider is the session's credentials for a client the fake builds.
func (s Session) provider() aws.CredentialsProvider {
	c := s.Credentials
	return s.f.credentials(c.AccessKeyID, c.SecretAccessKey, c.SessionToken)
}

// Client returns a hermetic *iam.Client signing with the session's
// credentials, built as Principal.Client builds one.
func (s Session) Client(optFns ...func(*iam.Options)) *iam.Client {
	return s.f.clientFor(s.provider(), nil, optFns)
}

// STSClient returns a hermetic *sts.Client signing with the session's
// credentials: GetCallerIdentity answers the session's identity, and
// AssumeRole chains (a federated user's is refused, as STS refuses it).
func (s Session) STSClient(optFns ...func(*sts.Options)) *sts.Client {
	return s.f.stsClientFor(s.provider(), nil, optFns)
}
