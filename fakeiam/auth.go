package fakeiam

import (
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam/internal/sigv4"
)

// The caller of a request is the owner of the access key that signed it, as
// IAM reads it: from the SigV4 Authorization header, or from the X-Amz-*
// query parameters of a presigned URL (package sigv4). What is verified, and
// what is not, is docs/authentication.md.
//
// Both doors use checkSignature: the SDK door with the *http.Request the SDK
// signed and the payload hash the SDK computed, the HTTP door with the
// request it received and the hash of the body it read.

// expectSignature is what svc requires of a signature before it looks at
// the key: the scope's service is svc's (iam, sts); any region (a client given an
// endpoint URL signs with its own region, where IAM's own endpoint makes the
// SDKs sign with us-east-1); X-Amz-Date within 15 minutes of the real clock.
// The fake's clock (WithFixedTime, Advance) dates IAM's data, not requests:
// clients sign with the machine's clock, as they do for IAM.
func (f *Fake) expectSignature(svc *service, received time.Time) sigv4.Expect {
	return sigv4.Expect{Service: svc.name, Now: received, Dates: &f.dates}
}

// signer is the outcome of checking a request's signature: the key that
// signed it, or IAM's refusal and the key id the request named.
type signer struct {
	key   *accessKey
	keyID string
	err   *Error
	at    time.Time // when the request was received: the real time
}

// checkSignature checks the SigV4 signature of signed, whose body hashes to
// payloadHash, as IAM does, in IAM's order (docs/authentication.md). Every
// request's form (scope, date, signed headers) is checked. The signature
// itself is recomputed and compared, unless the SDK signed with credentials
// the fake itself issued for that very key and secret (the SDK's signer
// then computed it from the right secret).
func (f *Fake) checkSignature(svc *service, signed *http.Request, payloadHash string, issued *issuedCredentials) signer {
	received := time.Now() // read once: the fake's time is this too, unless a clock was given
	s := f.verify(svc, signed, payloadHash, issued, received)
	s.at = received
	return s
}

// verify is checkSignature for a request received at received.
func (f *Fake) verify(svc *service, signed *http.Request, payloadHash string, issued *issuedCredentials, received time.Time) signer {
	sig, form := sigv4.Read(signed)
	switch form {
	case sigv4.Unsigned, sigv4.Malformed:
		return signer{err: errMissingAuthenticationToken()}
	}
	if refused := sig.Check(f.expectSignature(svc, received)); refused != nil {
		return signer{keyID: sig.AccessKeyID, err: &Error{Code: refused.Code, Status: refused.Status, Message: refused.Message}}
	}
	f.mu.RLock()
	key := f.keys[sig.AccessKeyID]
	active := key != nil && key.status == types.StatusTypeActive
	var refused *Error
	switch {
	case active && key.session != nil: // temporary credentials: their token, their time (sessions.go)
		refused = f.checkSession(svc, key, requestToken(signed), f.nowAt(received))
		if refused == nil && !key.session.alive(f) {
			refused = errInvalidClientTokenIDOf(svc)
		}
	case !active && strings.HasPrefix(sig.AccessKeyID, "ASIA") && f.expiredToken(sig.AccessKeyID, requestToken(signed), f.nowAt(received)):
		refused = errExpiredToken() // a session dropped since it expired
	case !active: // unknown, deleted or Inactive
		refused = errInvalidClientTokenIDOf(svc)
	}
	f.mu.RUnlock()
	if refused != nil {
		return signer{keyID: sig.AccessKeyID, err: refused}
	}
	if !issued.attests(f, key) && !sig.Verify(signed, key.secret, payloadHash, &key.derived) {
		return signer{keyID: key.id, err: errSignatureDoesNotMatch()}
	}
	return signer{key: key, keyID: key.id}
}
