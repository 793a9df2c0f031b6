package fakeiam

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"

	"github.com/fakeaws/fakeaws/fakeiam/internal/policyeval"
)

// STS's AssumeRoleWithWebIdentity (docs/contract.md, "Web identity"): a
// caller with no AWS credentials presents an OpenID Connect ID token (a
// JWT) from an identity provider the role's account trusts (an OIDC
// provider of the fake), and gets the role's session. The request is not
// signed; the token is the credential. STS's order: validation → RoleArn →
// session policy → the token read → the account's provider for its
// issuer → its signature → its expiry → its audience → the trust policy
// (Principal Federated, conditions on the token's claims) → duration → the
// session (sessions.go).
//
// The fake cannot fetch an issuer's keys (it never uses the network): it
// verifies a token with the key it signs its own tokens with
// (WebIdentityToken mints them, with the claims a test chooses), or with
// public keys a seed gives (OIDCProviderSeed.SigningKey), for tokens a
// test signs itself (RS256, ES256). Its tests: web_identity_test.go.

// AssumeRoleWithWebIdentity is STS's AssumeRoleWithWebIdentity.
const AssumeRoleWithWebIdentity Operation = "AssumeRoleWithWebIdentity"

func init() {
	register(opSpec[sts.AssumeRoleWithWebIdentityInput, sts.AssumeRoleWithWebIdentityOutput]{
		Name: AssumeRoleWithWebIdentity, Handle: (*Fake).assumeRoleWithWebIdentity, Service: serviceSTS,
		// "Calling AssumeRoleWithWebIdentity does not require the use of
		// AWS security credentials": the token and the trust policy decide.
		Anonymous: true,
		Resource:  func(_ *Fake, _ *attempt, in *sts.AssumeRoleWithWebIdentityInput) string { return deref(in.RoleArn) },
	})
}

// STS's web identity texts (docs/contract.md, "Web identity").
const (
	msgWebIdentityDenied = "Not authorized to perform sts:AssumeRoleWithWebIdentity"
	msgNotAJWT           = "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)"
	msgNoVerificationKey = "Couldn't retrieve verification key from your identity provider, please reference AssumeRoleWithWebIdentity documentation for requirements"
	msgWrongAudience     = "Incorrect token audience"
	msgMissingAudience   = "Missing a required claim: aud"
	msgMissingExpiry     = "Missing a required claim: exp" // choice: as aud's
)

func errInvalidIdentityToken(msg string) *Error { return &Error{"InvalidIdentityToken", 400, msg} }

// webIdentityClaims are the claims STS maps to condition keys, as
// <provider URL>:<claim> (reference_policies_iam-condition-keys, "Available
// keys for OIDC federation").
var webIdentityClaims = []string{"aud", "sub", "amr", "azp", "oaud", "email"}

// webToken is a JWT as read: its header's algorithm and key id, its
// claims, and what its signature covers.
type webToken struct {
	raw       string // as sent
	url       string // its issuer's, without the scheme, once verified
	key       string // oidcKey(url): the account's providers are found by it
	aud       []string
	sub       string
	alg, kid  string
	claims    map[string]any
	signed    []byte // header.payload, as sent
	signature []byte
}

// parseWebToken reads a compact JWT: three base64url parts, a JSON header
// and a JSON object of claims; nil when it is not one.
func parseWebToken(s string) *webToken {
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return nil
	}
	var raw [3][]byte
	for i, p := range parts {
		b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(p, "="))
		if err != nil {
			return nil
		}
		raw[i] = b
	}
	var header struct{ Alg, Kid string }
	t := &webToken{raw: s, signed: []byte(parts[0] + "." + parts[1]), signature: raw[2]}
	if json.Unmarshal(raw[0], &header) != nil || json.Unmarshal(raw[1], &t.claims) != nil || t.claims == nil {
		return nil
	}
	t.alg, t.kid = header.Alg, header.Kid
	t.aud, t.sub = t.claimStrings("aud"), strings.Join(t.claimStrings("sub"), "")
	return t
}

// A fake's verifiedTokens (a memo, by the token as sent) are the last
// tokens whose signature verified, so that a token presented again (a
// test's, a retried call's) is not parsed and verified again: an RSA
// verification is most of the operation's time
// (BenchmarkPairedRatios/op/AssumeRoleWithWebIdentity: 3.9x its floor
// without the memo, in README "Performance"). A token verifies once for
// good: the keys that verify it never change (issuerKey is the process's;
// seeded keys are added only as the fake is built).

// tokenMemoSize bounds the memo: past it, the memo starts afresh.
const tokenMemoSize = 256

// claimStrings are claim name's values: a string, or an array's strings.
func (t *webToken) claimStrings(name string) []string {
	switch v := t.claims[name].(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, e := range v {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// claimTime is a NumericDate claim (seconds since the epoch).
func (t *webToken) claimTime(name string) (time.Time, bool) {
	n, ok := t.claims[name].(float64)
	if !ok {
		return time.Time{}, false
	}
	return time.Unix(int64(n), 0), true
}

// verifiedBy reports whether key signed t: ES256 with a P-256 key, RS256
// with an RSA key.
func (t *webToken) verifiedBy(key crypto.PublicKey) bool {
	sum := sha256.Sum256(t.signed)
	switch k := key.(type) {
	case *ecdsa.PublicKey:
		if t.alg != "ES256" || len(t.signature) != 64 || k.Curve != elliptic.P256() {
			return false
		}
		r, s := new(big.Int).SetBytes(t.signature[:32]), new(big.Int).SetBytes(t.signature[32:])
		return ecdsa.Verify(k, sum[:], r, s)
	case *rsa.PublicKey:
		return t.alg == "RS256" && rsa.VerifyPKCS1v15(k, crypto.SHA256, sum[:], t.signature) == nil
	}
	return false
}

// issuerKey is the key WebIdentityToken signs with (RS256, as GitHub's
// and most issuers' tokens are), made once for the process at the first
// token: it stands for the issuers outside AWS, so every fake accepts the
// tokens any fake minted, as every AWS account accepts an issuer's, and
// the same claims make the same token.
var issuerKey = sync.OnceValues(func() (*rsa.PrivateKey, error) { return rsa.GenerateKey(rand.Reader, 2048) })

// issuerKeys are the public keys seeds gave an issuer
// (OIDCProviderSeed.SigningKey), which the fake verifies its tokens with
// besides issuerKey.
type issuerKeys struct {
	mu     sync.Mutex
	seeded []crypto.PublicKey
}

// issuer is the seeded keys of the issuer at url (without its scheme),
// made by the seed that gives the first; they outlive Reset.
func (f *Fake) issuer(url string) *issuerKeys {
	k, _ := f.issuers.LoadOrStore(oidcKey(url), &issuerKeys{})
	return k.(*issuerKeys)
}

// verifies reports whether the fake's own key, or a key seeded for the
// issuer at url, verifies t. It only reads: a token naming an issuer no
// seed gave a key adds nothing to the fake (an unsigned request could
// otherwise grow it without bound).
func (f *Fake) verifies(url string, t *webToken) bool {
	if own, err := issuerKey(); err == nil && t.verifiedBy(&own.PublicKey) {
		return true
	}
	v, ok := f.issuers.Load(oidcKey(url))
	if !ok {
		return false
	}
	k := v.(*issuerKeys)
	k.mu.Lock()
	keys := slices.Clone(k.seeded)
	k.mu.Unlock()
	for _, key := range keys {
		if t.verifiedBy(key) {
			return true
		}
	}
	return false
}

// WebIdentityToken mints an OpenID Connect ID token of the issuer (an OIDC
// provider's URL, with or without https://) that the fake's
// AssumeRoleWithWebIdentity accepts: a JWT signed (RS256) with the key
// the fake stands for every issuer with, carrying claims (aud and sub,
// say, and any other), plus iss, iat and exp (an hour on the fake's clock)
// unless claims give them. It does not need the provider to exist: a
// token of an issuer no provider trusts is STS's to refuse. The first
// token a process mints makes the key (an RSA key: some tens of
// milliseconds).
func (f *Fake) WebIdentityToken(issuer string, claims map[string]any) (string, error) {
	if f == nil || f.wire == nil {
		return "", errZeroFake
	}
	if !strings.Contains(issuer, "://") {
		issuer = "https://" + issuer
	}
	url, ok := oidcURL(issuer)
	if !ok {
		return "", fmt.Errorf("fakeiam: WebIdentityToken: issuer %q is not an OIDC provider's URL (https://host[/path])", issuer)
	}
	now := f.now()
	all := map[string]any{"iss": "https://" + url, "iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}
	for k, v := range claims {
		all[k] = v
	}
	payload, err := json.Marshal(all) // keys sorted: the same claims, the same token
	if err != nil {
		return "", fmt.Errorf("fakeiam: WebIdentityToken: the claims: %w", err)
	}
	key, err := issuerKey()
	if err != nil {
		return "", fmt.Errorf("fakeiam: WebIdentityToken: %w", err)
	}
	signed := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"RS256","typ":"JWT","kid":"fakeiam"}`)) + "." + base64.RawURLEncoding.EncodeToString(payload)
	sum := sha256.Sum256([]byte(signed))
	sig, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, sum[:])
	if err != nil {
		return "", fmt.Errorf("fakeiam: WebIdentityToken: %w", err)
	}
	return signed + "." + base64.RawURLEncoding.EncodeToString(sig), nil
}

// SigningKey returns the seed with a public key (an *rsa.PublicKey for
// RS256, an *ecdsa.PublicKey on P-256 for ES256) that signs the issuer's
// tokens: AssumeRoleWithWebIdentity accepts tokens a test signs with its
// private key, as STS accepts those the issuer's published keys verify.
func (s *OIDCProviderSeed) SigningKey(key crypto.PublicKey) *OIDCProviderSeed {
	c := s.clone()
	c.signingKeys = append(c.signingKeys, key)
	return c
}

// checkSigningKeys refuses a seeded key the fake cannot verify with.
func checkSigningKeys(keys []crypto.PublicKey) error {
	for i, k := range keys {
		switch k := k.(type) {
		case *rsa.PublicKey:
			if k == nil || k.N == nil {
				return fmt.Errorf("SigningKey %d: a nil RSA key", i+1)
			}
		case *ecdsa.PublicKey:
			if k == nil || k.Curve != elliptic.P256() {
				return fmt.Errorf("SigningKey %d: an ECDSA key must be on P-256 (ES256)", i+1)
			}
		default:
			return fmt.Errorf("SigningKey %d: %T is neither an *rsa.PublicKey nor an *ecdsa.PublicKey", i+1, k)
		}
	}
	return nil
}

// assumeRoleWithWebIdentity issues a session of the role for the token's
// subject.
func (f *Fake) assumeRoleWithWebIdentity(a *attempt, in *sts.AssumeRoleWithWebIdentityInput) (result[sts.AssumeRoleWithWebIdentityOutput], *Error) {
	var none result[sts.AssumeRoleWithWebIdentityOutput]
	roleARN := *in.RoleArn
	acctID, roleName, ok := splitRoleARN(roleARN)
	if !ok {
		return none, errValidation(roleARN + " is invalid")
	}
	if err := checkSessionPolicyInput(in.Policy, in.PolicyArns); err != nil {
		return none, err
	}
	tok, verified := f.verifiedTokens.lookup(*in.WebIdentityToken)
	if tok == nil {
		tok = parseWebToken(*in.WebIdentityToken)
	}
	if tok == nil {
		return none, errInvalidIdentityToken(msgNotAJWT)
	}
	iss := tok.claimStrings("iss")
	if len(iss) != 1 {
		return none, errInvalidIdentityToken(msgNotAJWT)
	}
	now := f.nowFor(a)
	// The signature is checked before the model is locked (an RSA
	// verification, the first token may make the key); its refusal is
	// answered in its place, after the provider's.
	url, urlOK := tok.url, verified
	if !verified {
		url, urlOK = oidcURL(iss[0])
		verified = urlOK && f.verifies(url, tok)
		if verified {
			tok.url, tok.key = url, oidcKey(url)
			f.verifiedTokens.remember(tok.raw, tok)
		}
	}
	f.mu.RLock()
	role, provider, err := f.webIdentityRole(a.req, acctID, roleName, roleARN, iss[0], url, urlOK, tok, verified, now)
	f.mu.RUnlock()
	if err != nil {
		return none, err
	}

	f.mu.Lock()
	defer f.mu.Unlock()
	acct := role.account
	if f.roleNamed(acctID, roleName, roleARN) != role || acct.idp.oidc[tok.key] != provider {
		return none, &Error{"AccessDenied", 403, msgWebIdentityDenied} // gone meanwhile
	}
	s := &session{principal: role, name: *in.RoleSessionName, issued: now, federatedProvider: provider.arn}
	assumed, err := f.issueRoleSessionLocked(s, in.DurationSeconds, in.Policy, in.PolicyArns, nil)
	if err != nil {
		return none, err
	}
	if in.Policy == nil && len(in.PolicyArns) == 0 {
		assumed.packed = -1
	}
	out := webAssumed{assumed: assumed, subject: tok.sub, audience: matchedAudience(tok, provider.clientIDs), provider: iss[0]}
	return answerWith(out, func(v webAssumed) *sts.AssumeRoleWithWebIdentityOutput {
		o := &sts.AssumeRoleWithWebIdentityOutput{
			Credentials:                 v.credentials(),
			AssumedRoleUser:             &ststypes.AssumedRoleUser{AssumedRoleId: &v.roleID, Arn: &v.arn},
			SubjectFromWebIdentityToken: &v.subject, Audience: &v.audience, Provider: &v.provider,
		}
		if v.packed >= 0 {
			o.PackedPolicySize = &v.packed
		}
		return o
	}), nil
}

// webAssumed is what an AssumeRoleWithWebIdentity answer shows.
type webAssumed struct {
	assumed
	subject, audience, provider string
}

// webIdentityRole checks the token against the role's account, in STS's
// order: a provider for its issuer (url, the issuer without its scheme,
// when urlOK), its signature (verified), its expiry, its audience, then
// the role's trust policy. Call with Fake.mu held.
func (f *Fake) webIdentityRole(r *request, acctID, roleName, roleARN, iss, url string, urlOK bool, tok *webToken, verified bool, now time.Time) (*principal, *oidcProvider, *Error) {
	noProvider := func() *Error {
		return errInvalidIdentityToken("No OpenIDConnect provider found in your account for " + iss)
	}
	acct := f.accounts[acctID]
	if !urlOK || acct == nil {
		return nil, nil, noProvider()
	}
	if tok.key == "" {
		tok.key = oidcKey(url)
	}
	provider := acct.idp.oidc[tok.key]
	if provider == nil {
		return nil, nil, noProvider()
	}
	if !verified {
		return nil, nil, errInvalidIdentityToken(msgNoVerificationKey)
	}
	exp, ok := tok.claimTime("exp")
	if !ok {
		return nil, nil, errInvalidIdentityToken(msgMissingExpiry)
	}
	if !now.Before(exp) {
		return nil, nil, &Error{"ExpiredTokenException", 400, "Token expired: current date/time " + strconv.FormatInt(now.Unix(), 10) +
			" must be before the expiration date/time " + strconv.FormatInt(exp.Unix(), 10)}
	}
	switch {
	case len(tok.aud) == 0:
		return nil, nil, errInvalidIdentityToken(msgMissingAudience)
	case matchedAudience(tok, provider.clientIDs) == "":
		return nil, nil, errInvalidIdentityToken(msgWrongAudience)
	}
	role := f.roleNamed(acctID, roleName, roleARN)
	if role == nil {
		return nil, nil, &Error{"AccessDenied", 403, msgWebIdentityDenied}
	}
	req := policyeval.Request{Resource: roleARN, Federated: provider.arn}
	value := func(lower string) ([]string, bool) {
		if claim, ok := strings.CutPrefix(lower, strings.ToLower(url)+":"); ok {
			for _, c := range webIdentityClaims {
				if claim == c {
					values := tok.claimStrings(c)
					return values, len(values) > 0
				}
			}
			return nil, false
		}
		if lower == "aws:federatedprovider" {
			return []string{provider.arn}, true
		}
		return f.requestValue(r, lower)
	}
	if _, denied := trustDecides(role, req, value, []string{"sts:AssumeRoleWithWebIdentity"}, ""); denied != "" {
		return nil, nil, &Error{"AccessDenied", 403, msgWebIdentityDenied}
	}
	return role, provider, nil
}

// matchedAudience is the token's audience among the provider's client
// ids, "" when none is.
func matchedAudience(tok *webToken, clientIDs []string) string {
	for _, aud := range tok.aud {
		for _, id := range clientIDs {
			if aud == id {
				return aud
			}
		}
	}
	return ""
}
