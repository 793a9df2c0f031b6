package fakeiam

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
)

// STS's GetFederationToken (docs/contract.md, "Temporary credentials"): a
// user (or an account's root) asks for the credentials of a federated
// user it names: arn:aws:sts::<account>:federated-user/<Name>. In STS's
// order: (with Enforce, sts:GetFederationToken on the federated user's
// ARN, first, as for every operation: core.go) → validation → session
// credentials refused → session tags → session policies checked → the
// duration (12 hours by default, up to 36; the root's one hour at most) →
// the session (sessions.go). A federated user's credentials call no IAM operation
// (InvalidClientTokenId, as GetSessionToken's without MFA) and no STS
// operation but GetCallerIdentity. Its tests: federation_token_test.go.

// GetFederationToken is STS's GetFederationToken.
const GetFederationToken Operation = "GetFederationToken"

func init() {
	register(opSpec[sts.GetFederationTokenInput, sts.GetFederationTokenOutput]{
		Name: GetFederationToken, Handle: (*Fake).getFederationToken, Service: serviceSTS,
		Resource: func(_ *Fake, a *attempt, in *sts.GetFederationTokenInput) string {
			if a.caller == nil || a.caller.account == nil {
				return "*"
			}
			return federatedUserARN(a.caller.account.id, deref(in.Name))
		},
	})
}

// msgFederationWithSession is STS's refusal of session credentials
// (recorded: hashicorp/vault#4108).
const msgFederationWithSession = "Cannot call GetFederationToken with session credentials"

// federatedUserARN is the ARN of account's federated user name.
func federatedUserARN(account, name string) string {
	return "arn:aws:sts::" + account + ":federated-user/" + name
}

// getFederationToken issues a federated user's session for the caller.
func (f *Fake) getFederationToken(a *attempt, in *sts.GetFederationTokenInput) (result[sts.GetFederationTokenOutput], *Error) {
	var none result[sts.GetFederationTokenOutput]
	if a.session != nil || a.caller.kind == kindRole {
		return none, &Error{"AccessDenied", 403, msgFederationWithSession}
	}
	tags, err := sessionTags(in.Tags, nil)
	if err != nil {
		return none, err
	}
	if err := checkSessionPolicyInput(in.Policy, in.PolicyArns); err != nil {
		return none, err
	}
	duration := defaultTokenDuration
	if in.DurationSeconds != nil {
		duration = time.Duration(*in.DurationSeconds) * time.Second
	}
	if a.caller.kind == kindRoot {
		duration = min(duration, rootTokenLimit)
	}
	now := f.nowFor(a)
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.liveCaller(a) {
		return none, errInvalidClientTokenIDOf(serviceSTS)
	}
	acct := a.caller.account
	name := *in.Name
	s := &session{principal: a.caller, name: name, issued: now, expires: now.Add(duration).Truncate(time.Second),
		arn: federatedUserARN(acct.id, name), userID: acct.id + ":" + name, federated: true, tags: tags.tags}
	if err := f.sessionPolicies(s, acct, in.Policy, in.PolicyArns); err != nil {
		return none, err
	}
	packed, err := packedSize(in.Policy, in.PolicyArns, s.tags)
	if err != nil {
		return none, err
	}
	k := f.newSessionLocked(s)
	out := assumed{id: k.id, secret: k.secret, token: s.token, expires: s.expires, roleID: s.userID, arn: s.arn, packed: packed}
	return answerWith(out, func(v assumed) *sts.GetFederationTokenOutput {
		return &sts.GetFederationTokenOutput{
			Credentials:      v.credentials(),
			FederatedUser:    &ststypes.FederatedUser{FederatedUserId: &v.roleID, Arn: &v.arn},
			PackedPolicySize: &v.packed,
		}
	}), nil
}

// FederationToken gets the credentials of a federated user through STS's
// GetFederationToken, called as p (a user, or the root): in names the
// federated user (Name) and may carry its session policies, tags and
// DurationSeconds. A federated user calls no IAM operation; its
// Session.STSClient answers GetCallerIdentity.
func (p Principal) FederationToken(in *sts.GetFederationTokenInput) (Session, error) {
	out, err := p.STSClient().GetFederationToken(context.Background(), in)
	if err != nil {
		return Session{}, err
	}
	return p.f.Session(out.Credentials), nil
}
