package fakeiam

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// STS's GetSessionToken (docs/contract.md, "Temporary credentials"): a user
// (or an account's root) asks for temporary credentials of its own, with
// an MFA code to make aws:MultiFactorAuthPresent true. It needs no
// permission. In STS's order: validation → session credentials refused →
// the MFA code → the duration (a user's up to 36 hours, 12 by default; the
// root's one hour, longer asked for is one hour) → the session
// (sessions.go). A session without MFA cannot call IAM (sessions.go:
// checkSession). Its tests: session_token_test.go.

// GetSessionToken is STS's GetSessionToken.
const GetSessionToken Operation = "GetSessionToken"

func init() {
	register(opSpec[sts.GetSessionTokenInput, sts.GetSessionTokenOutput]{
		Name: GetSessionToken, Handle: (*Fake).getSessionToken, Service: serviceSTS,
		// "No permissions are required for users to perform this
		// operation" (its API reference).
		NoPermission: true,
	})
}

const (
	defaultTokenDuration = 12 * time.Hour
	rootTokenLimit       = time.Hour
	msgTokenWithSession  = "Cannot call GetSessionToken with session credentials"
)

func (f *Fake) getSessionToken(a *attempt, in *sts.GetSessionTokenInput) (result[sts.GetSessionTokenOutput], *Error) {
	var none result[sts.GetSessionTokenOutput]
	if a.session != nil || a.caller.kind == kindRole {
		return none, &Error{"AccessDenied", 403, msgTokenWithSession}
	}
	now := f.nowFor(a)
	code, err := f.verifyMFA(a.caller, in.SerialNumber, in.TokenCode, now)
	if err != nil {
		return none, err
	}
	mfa := code != nil
	duration := defaultTokenDuration
	if in.DurationSeconds != nil {
		duration = time.Duration(*in.DurationSeconds) * time.Second
	}
	if a.caller.kind == kindRoot {
		duration = min(duration, rootTokenLimit)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.liveCaller(a) {
		return none, errInvalidClientTokenIDOf(serviceSTS)
	}
	if err := code.spend(); err != nil {
		return none, err
	}
	s := &session{principal: a.caller, issued: now, expires: now.Add(duration).Truncate(time.Second), mfa: mfa, mfaAt: now, ownToken: true}
	k := f.newSessionLocked(s)
	out := assumed{id: k.id, secret: k.secret, token: s.token, expires: s.expires}
	return answerWith(out, func(v assumed) *sts.GetSessionTokenOutput {
		return &sts.GetSessionTokenOutput{Credentials: v.credentials()}
	}), nil
}

// SessionToken gets temporary credentials of p's own through STS's
// GetSessionToken; in may be nil, or carry DurationSeconds and an MFA code
// (SerialNumber, TokenCode: MFACode computes one).
func (p Principal) SessionToken(in *sts.GetSessionTokenInput) (Session, error) {
	out, err := p.STSClient().GetSessionToken(context.Background(), in)
	if err != nil {
		return Session{}, err
	}
	return p.f.Session(out.Credentials), nil
}
