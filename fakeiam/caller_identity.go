package fakeiam

import (
	"crypto/sha256"
	"encoding/base32"
	"encoding/binary"

	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// Who am I: STS's GetCallerIdentity (docs/contract.md, "Caller identity").
// STS is the fake's second service (services.go): the operation is
// registered like IAM's, answered by the same core through both doors, and
// reads the same model: the caller is the owner of the access key that
// signed, as IAM sees it now (a renamed user's new ARN). Its tests:
// caller_identity_test.go.

// GetCallerIdentity is STS's "who am I".
const GetCallerIdentity Operation = "GetCallerIdentity"

func init() {
	register(opSpec[sts.GetCallerIdentityInput, sts.GetCallerIdentityOutput]{
		Name: GetCallerIdentity, Handle: (*Fake).getCallerIdentity, Service: serviceSTS,
		// "No permissions are required to perform this operation" (its API
		// reference); a Deny of * does not stop it (docs/contract.md,
		// "Enforcement").
		NoPermission: true,
	})
}

// RoleSessionName is the session name of every role's credentials in the
// fake: a role signs as the assumed-role session
// arn:aws:sts::<account>:assumed-role/<role>/fakeiam, whose UserId is
// "<role id>:fakeiam" (IAM's aws:userid for an assumed role).
const RoleSessionName = "fakeiam"

// identity is what GetCallerIdentity answers.
type identity struct{ arn, userID, account string }

// getCallerIdentity: the caller, as it is now. It needs no permission and no
// input; a key of a state a Reset dropped is not valid any more.
func (f *Fake) getCallerIdentity(a *attempt, _ *sts.GetCallerIdentityInput) (result[sts.GetCallerIdentityOutput], *Error) {
	var none result[sts.GetCallerIdentityOutput]
	f.mu.RLock()
	defer f.mu.RUnlock()
	if f.accounts[a.caller.account.id] != a.caller.account {
		return none, errInvalidClientTokenIDOf(serviceSTS)
	}
	return answerWith(identityOf(a.caller, a.session), func(id identity) *sts.GetCallerIdentityOutput {
		return &sts.GetCallerIdentityOutput{Arn: &id.arn, UserId: &id.userID, Account: &id.account}
	}), nil
}

// identityOf is who p is, for GetCallerIdentity, signing with the
// temporary credentials of s (nil: its own keys); under the lock.
func identityOf(p *principal, s *session) identity {
	id := identity{arn: p.arn, userID: p.userID, account: p.account.id}
	switch {
	case s != nil && s.arn != "": // an assumed role's session
		id.arn, id.userID = s.arn, s.userID
	case p.kind == kindRole:
		id.userID = p.userID + ":" + RoleSessionName
	}
	return id
}

// roleID is the RoleId of a seeded role: AROA and 17 characters, derived
// from the fake's seed, the account and the role's name, so that seeding a
// role changes no other generated id.
func roleID(seed uint64, account, name string) string {
	h := sha256.New()
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], seed)
	h.Write(b[:])
	h.Write([]byte("role\x00" + account + "\x00" + name))
	sum := h.Sum(nil)
	var out [32]byte
	base32.StdEncoding.Encode(out[:], sum[:20])
	return "AROA" + string(out[:17])
}
