package fakeiam

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"

	"github.com/fakeaws/fakeaws/fakeiam/internal/policyeval"
)

// STS's AssumeRole (docs/contract.md, "Temporary credentials"): a user or a
// role session asks for a role's credentials; the role's trust policy,
// evaluated as a resource-based policy, and (with Enforce) the caller's
// own policies decide, in STS's order: validation → RoleArn → session tags
// → session policy → the root user refused → the MFA code → authorization
// (the trust policy and the caller's policies, for sts:AssumeRole, then
// sts:TagSession when tags are passed, sts:SetSourceIdentity when a source
// identity is) → duration → the session (sessions.go). Its tests:
// assume_role_test.go.

// AssumeRole is STS's AssumeRole.
const AssumeRole Operation = "AssumeRole"

func init() {
	register(opSpec[sts.AssumeRoleInput, sts.AssumeRoleOutput]{
		Name: AssumeRole, Handle: (*Fake).assumeRole, Service: serviceSTS, Authorizes: true,
		Resource: func(_ *Fake, _ *attempt, in *sts.AssumeRoleInput) string { return deref(in.RoleArn) },
	})
}

// STS's session quotas and defaults.
const (
	defaultSessionDuration = time.Hour // AssumeRole's without DurationSeconds
	chainedSessionLimit    = time.Hour // a session's AssumeRole (role chaining)
	sessionPolicyChars     = 2048      // the plaintext of the session policies
	sessionPolicyARNs      = 10
)

// STS's texts (docs/contract.md, "Temporary credentials", with their
// sources).
const (
	msgRootCannotAssume  = "Roles may not be assumed by root accounts."
	msgExceedsMaxSession = "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."
	msgExceedsChained    = "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."
	msgTransitiveNotTag  = "The specified transitive tag key must be included in the requested tags."
	msgDuplicateTagKeys  = "Duplicate tag keys found. Please note that Tag keys are case insensitive."
	msgTransitiveClash   = "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session."
)

func errInvalidParameterValue(msg string) *Error { return &Error{"InvalidParameterValue", 400, msg} }

// assumeRole issues a session of the role RoleArn names.
func (f *Fake) assumeRole(a *attempt, in *sts.AssumeRoleInput) (result[sts.AssumeRoleOutput], *Error) {
	var none result[sts.AssumeRoleOutput]
	roleARN := *in.RoleArn
	acctID, roleName, ok := splitRoleARN(roleARN)
	if !ok {
		return none, errValidation(roleARN + " is invalid")
	}
	tags, err := sessionTags(in.Tags, in.TransitiveTagKeys)
	if err != nil {
		return none, err
	}
	if err := tags.clash(a.session); err != nil {
		return none, err
	}
	if err := checkSessionPolicyInput(in.Policy, in.PolicyArns); err != nil {
		return none, err
	}
	if a.session != nil && a.session.federated { // it calls no STS operation but GetCallerIdentity (federation_token.go); the root's too
		return none, errNotAuthorized(a.who.ARN, "sts:AssumeRole", roleARN)
	}
	if a.caller.kind == kindRoot {
		return none, &Error{"AccessDenied", 403, msgRootCannotAssume}
	}
	now := f.nowFor(a)
	code, err := f.verifyMFA(a.caller, in.SerialNumber, in.TokenCode, now)
	if err != nil {
		return none, err
	}
	mfa := code != nil
	a.mfa = mfa

	// Authorization: the trust policy for every action the request needs,
	// then, with Enforce, the caller's own policies.
	actions := []string{"sts:AssumeRole"}
	if len(in.Tags) > 0 || len(in.TransitiveTagKeys) > 0 {
		actions = append(actions, "sts:TagSession")
	}
	if in.SourceIdentity != nil || a.session != nil && a.session.sourceIdentity != "" {
		// A chained session carries its caller's source identity: the
		// next role's trust policy must allow it too (id_credentials_temp_control-access_monitor).
		actions = append(actions, "sts:SetSourceIdentity")
	}
	f.mu.RLock()
	role, named, denied := f.trusts(a, acctID, roleName, roleARN, actions)
	f.mu.RUnlock()
	if denied != "" {
		if f.enforce { // the call log says why
			a.authz = &Authorization{Action: denied, Resource: roleARN, Decision: string(policyeval.ImplicitDeny), DeniedBy: "resource-based policy"}
		}
		return none, errNotAuthorized(a.who.ARN, denied, roleARN)
	}
	if f.enforce {
		for i, action := range actions {
			authz, reason, err := f.decide(a.req, a, action, roleARN, named[i])
			if err != nil {
				return none, err
			}
			if i == 0 || reason != "" {
				a.authz = authz
			}
			if reason != "" {
				return none, errAccessDeniedBecause(a.who.ARN, action, roleARN, reason)
			}
		}
	}

	f.mu.Lock()
	defer f.mu.Unlock()
	if f.roleNamed(acctID, roleName, roleARN) != role || !f.liveCaller(a) {
		return none, errNotAuthorized(a.who.ARN, "sts:AssumeRole", roleARN) // gone meanwhile
	}
	chained := a.session != nil || a.caller.kind == kindRole
	s := &session{principal: role, name: *in.RoleSessionName, issued: now, chained: chained,
		mfa: mfa || a.session != nil && a.session.mfa, tags: tags.tags, transitive: tags.transitive}
	if s.mfa {
		s.mfaAt = now
		if !mfa {
			s.mfaAt = a.session.mfaAt
		}
	}
	out, err := f.issueRoleSessionLocked(s, in.DurationSeconds, in.Policy, in.PolicyArns, func() *Error {
		if err := inherit(s, a.session, in); err != nil {
			return err
		}
		return code.spend()
	})
	if err != nil {
		return none, err
	}
	if in.Policy == nil && len(in.PolicyArns) == 0 && len(in.Tags) == 0 {
		out.packed = -1
	}
	return answerWith(out, func(v assumed) *sts.AssumeRoleOutput {
		o := &sts.AssumeRoleOutput{
			Credentials:     v.credentials(),
			AssumedRoleUser: &ststypes.AssumedRoleUser{AssumedRoleId: &v.roleID, Arn: &v.arn},
		}
		if v.packed >= 0 {
			o.PackedPolicySize = &v.packed
		}
		if v.sourceIdentity != "" {
			o.SourceIdentity = &v.sourceIdentity
		}
		return o
	}), nil
}

// issueRoleSessionLocked issues s, a session of its principal (a role),
// in STS's order once the caller is authorized: the duration (an hour by
// default; at most an hour for a chained session, at most the role's
// maximum), then more (nil: nothing; AssumeRole's inherited tags and
// source identity, its MFA code spent), the session policies, their
// packed size, the credentials. Call with Fake.mu write-locked.
func (f *Fake) issueRoleSessionLocked(s *session, seconds *int32, policy *string, arns []ststypes.PolicyDescriptorType, more func() *Error) (assumed, *Error) {
	role := s.principal
	duration := defaultSessionDuration
	if seconds != nil {
		duration = time.Duration(*seconds) * time.Second
		if s.chained && duration > chainedSessionLimit {
			return assumed{}, errValidation(msgExceedsChained)
		}
		if duration > time.Duration(role.role.maxSession)*time.Second {
			return assumed{}, errValidation(msgExceedsMaxSession)
		}
	}
	s.expires = s.issued.Add(duration).Truncate(time.Second)
	s.arn = "arn:aws:sts::" + role.account.id + ":assumed-role/" + role.name + "/" + s.name
	s.userID = role.userID + ":" + s.name
	if more != nil {
		if err := more(); err != nil {
			return assumed{}, err
		}
	}
	if err := f.sessionPolicies(s, role.account, policy, arns); err != nil {
		return assumed{}, err
	}
	packed, err := packedSize(policy, arns, s.tags)
	if err != nil {
		return assumed{}, err
	}
	k := f.newSessionLocked(s)
	return assumed{id: k.id, secret: k.secret, token: s.token, expires: s.expires, roleID: s.userID, arn: s.arn,
		sourceIdentity: s.sourceIdentity, packed: packed}, nil
}

// assumed is what an AssumeRole answer shows.
type assumed struct {
	id, secret, token, roleID, arn, sourceIdentity string
	expires                                        time.Time
	packed                                         int32 // -1: not shown
}

func (v *assumed) credentials() *ststypes.Credentials {
	return &ststypes.Credentials{AccessKeyId: &v.id, SecretAccessKey: &v.secret, SessionToken: &v.token, Expiration: &v.expires}
}

// splitRoleARN reads a RoleArn: arn:<partition>:iam::<account>:role/<path><name>.
// STS refuses what is not an ARN at all ("<value> is invalid"); an ARN of
// anything but one of the fake's roles names no role it can assume.
func splitRoleARN(arn string) (account, name string, ok bool) {
	p, ok := splitARN(arn)
	if !ok || p.partition == "" || p.service == "" || p.resource == "" {
		return "", "", false
	}
	if p.service != "iam" || p.region != "" || !strings.HasPrefix(p.resource, "role/") {
		return p.account, "", true // a well-formed ARN of no role
	}
	return p.account, p.resource[strings.LastIndexByte(p.resource, '/')+1:], true
}

// liveCaller reports whether a's caller still exists: a user deleted
// since the request was authenticated asks for nothing. Call with Fake.mu
// held.
func (f *Fake) liveCaller(a *attempt) bool { return f.exists(a.caller) }

// trusts evaluates the trust policy of the role named (account, name,
// ARN as given) for a's caller and each action: the role, and for each
// action whether the policy names the caller by its own ARN (then, within
// the account, the caller's policies need not allow it); denied is the
// first action the policy does not allow ("" when it allows all). A role
// that does not exist is denied as one that does not trust the caller.
// Call with Fake.mu held.
func (f *Fake) trusts(a *attempt, account, name, arn string, actions []string) (role *principal, named []bool, denied string) {
	role = f.roleNamed(account, name, arn)
	if role == nil {
		return nil, nil, actions[0]
	}
	req := policyeval.Request{Resource: arn, Caller: a.who.ARN}
	if a.caller.kind == kindRole {
		req.CallerRole = a.caller.role.arn
	}
	exact := ""
	if a.caller.account == role.account {
		exact = a.who.ARN
	}
	named, denied = trustDecides(role, req, func(key string) ([]string, bool) { return f.contextValue(a.req, a, arn, key) }, actions, exact)
	if denied != "" {
		return nil, nil, denied
	}
	return role, named, ""
}

// roleNamed is the role of account whose ARN is arn (name: the ARN's
// last part); nil when there is none. Call with Fake.mu held.
func (f *Fake) roleNamed(account, name, arn string) *principal {
	if acct := f.accounts[account]; acct != nil && name != "" {
		return acct.roleByARN(arn)
	}
	return nil
}

// trustDecides evaluates role's trust policy for req (who asks: its
// Caller, CallerRole or Federated) and each action, with the context
// values value gives for the keys the policy reads (in lower case): for
// each action whether an allowing statement names exact (an ARN) in its
// Principal; denied is the first action the policy does not allow.
func trustDecides(role *principal, req policyeval.Request, value func(lower string) ([]string, bool), actions []string, exact string) (named []bool, denied string) {
	trust, err := compiledOnce(role.role.trust, &role.role.compiled)
	if err != nil {
		return nil, actions[0]
	}
	keys := role.role.trustKeys.Load()
	if keys == nil { // the keys it reads, in lower case, once a trust policy
		folded := policyeval.ContextKeys([]*policyeval.Policy{trust})
		for i, k := range folded {
			folded[i] = strings.ToLower(k)
		}
		keys = &folded
		role.role.trustKeys.Store(keys)
	}
	ctx := make(policyeval.Context, len(*keys))
	for _, key := range *keys {
		if values, ok := value(key); ok {
			ctx.Set(key, values...) // in lower case already: Set keeps it
		}
	}
	req.Context = ctx
	named = make([]bool, len(actions))
	for i, action := range actions {
		req.Action = action
		r := policyeval.Evaluate([]*policyeval.Policy{trust}, req)
		if r.Decision != policyeval.Allowed {
			return nil, action
		}
		for _, m := range r.Matched {
			if st := trust.Statements[m.Statement]; exact != "" && st.Principals != nil && !st.NotPrincipal {
				named[i] = named[i] || slices.Contains(st.Principals.AWS, exact)
			}
		}
	}
	return named, ""
}

// taggedSession is what a session's tags are: the tags (IAM's type) and
// the keys of the transitive ones.
type taggedSession struct {
	tags       []types.Tag
	transitive []string
}

// sessionTags checks AssumeRole's Tags and TransitiveTagKeys as STS does
// (keys unique ignoring case; every transitive key one of the tags').
func sessionTags(tags []ststypes.Tag, transitive []string) (taggedSession, *Error) {
	var t taggedSession
	seen := map[string]bool{}
	for _, tag := range tags {
		k := strings.ToLower(deref(tag.Key))
		if seen[k] {
			return t, errInvalidParameterValue(msgDuplicateTagKeys)
		}
		seen[k] = true
		t.tags = append(t.tags, types.Tag{Key: tag.Key, Value: tag.Value})
	}
	for _, k := range transitive {
		if !seen[strings.ToLower(k)] {
			return t, errInvalidParameterValue(msgTransitiveNotTag)
		}
		t.transitive = append(t.transitive, k)
	}
	return t, nil
}

// clash refuses session tags that would set again a transitive tag of the
// calling session (role chaining: "If you pass a session tag with the
// same key as an inherited tag, the operation fails").
func (t taggedSession) clash(caller *session) *Error {
	if caller == nil {
		return nil
	}
	for _, k := range caller.transitive {
		for _, tag := range t.tags {
			if strings.EqualFold(deref(tag.Key), k) {
				return errInvalidParameterValue(msgTransitiveClash)
			}
		}
	}
	return nil
}

// inherit gives s what its caller's session passes on (role chaining):
// its transitive tags (clash checked the request sets none again) and its
// source identity, which it may not change. Call with Fake.mu held.
func inherit(s *session, caller *session, in *sts.AssumeRoleInput) *Error {
	if in.SourceIdentity != nil {
		s.sourceIdentity = *in.SourceIdentity
	}
	if caller == nil {
		return nil
	}
	if caller.sourceIdentity != "" {
		if s.sourceIdentity != "" && s.sourceIdentity != caller.sourceIdentity {
			return errNotAuthorized(caller.arn, "sts:SetSourceIdentity", deref(in.RoleArn)) // it cannot change (choice)
		}
		s.sourceIdentity = caller.sourceIdentity
	}
	for _, k := range caller.transitive {
		for _, t := range caller.tags {
			if strings.EqualFold(deref(t.Key), k) {
				s.tags = append(s.tags, t)
				s.transitive = append(s.transitive, k)
			}
		}
	}
	return nil
}

// checkSessionPolicyInput checks the session policies' plaintext as STS
// documents it: at most 2,048 characters of inline policy, at most 10
// managed policies (the model bounds neither: the model's texts, choice).
func checkSessionPolicyInput(policy *string, arns []ststypes.PolicyDescriptorType) *Error {
	var v violations
	if policy != nil && len(*policy) > sessionPolicyChars {
		v.add("policy", "Member must have length less than or equal to "+strconv.Itoa(sessionPolicyChars))
	}
	if len(arns) > sessionPolicyARNs {
		v.add("policyArns", "Member must have length less than or equal to "+strconv.Itoa(sessionPolicyARNs))
	}
	if err := v.err(); err != nil {
		return err
	}
	if policy != nil {
		return checkPolicyDocument(*policy, inlinePolicy)
	}
	return nil
}

// sessionPolicies compiles s's session policies: the inline one, named
// "session", then each managed policy of PolicyArns (of the role's account,
// or AWS's) by name, its default version as it is now. Call with Fake.mu
// held.
func (f *Fake) sessionPolicies(s *session, acct *account, policy *string, arns []ststypes.PolicyDescriptorType) *Error {
	if policy != nil {
		p, err := policyeval.Parse(*policy)
		if err != nil {
			return errMalformedPolicy(err.Error())
		}
		s.policies, s.ids = append(s.policies, p), append(s.ids, "session")
	}
	for _, d := range arns {
		arn := deref(d.Arn)
		cp := acct.policyByARN(arn)
		if cp == nil {
			return errInvalidParameterValue("Policy " + arn + " does not exist or is not attachable.") // choice: docs/contract.md
		}
		p, err := compiledOnce(cp.def.document, &cp.def.compiled)
		if err != nil {
			return err
		}
		s.policies, s.ids = append(s.policies, p), append(s.ids, cp.name)
	}
	s.keys = policyeval.ContextKeys(s.policies)
	for _, k := range s.keys {
		s.folded = append(s.folded, strings.ToLower(k))
	}
	return nil
}

// packedSize is PackedPolicySize: the share, in percent rounded up, of the
// packed space the session policies and the session tags take. STS packs
// them in a compressed form it does not publish; the fake counts the
// plaintext (the policy's size as IAM counts it, each ARN's characters)
// against the 2,048 characters STS documents, and the tags' keys and
// values against the same (choice: docs/contract.md). Over 100 is
// PackedPolicyTooLarge with STS's texts.
func packedSize(policy *string, arns []ststypes.PolicyDescriptorType, tags []types.Tag) (int32, *Error) {
	policyChars := 0
	if policy != nil {
		policyChars = policySize(*policy)
	}
	for _, d := range arns {
		policyChars += len(deref(d.Arn))
	}
	tagChars := 0
	for _, t := range tags {
		tagChars += len(deref(t.Key)) + len(deref(t.Value))
	}
	percent := func(n int) int { return (n*100 + sessionPolicyChars - 1) / sessionPolicyChars }
	if p := percent(policyChars); p > 100 {
		return 0, &Error{"PackedPolicyTooLarge", 400, "Packed policy consumes " + strconv.Itoa(p) + "% of allotted space, please use smaller policy."}
	}
	if p := percent(tagChars); p > 100 {
		return 0, &Error{"PackedPolicyTooLarge", 400, "Packed size of session tags consumes " + strconv.Itoa(p) + "% of allotted space."}
	}
	return int32(max(percent(policyChars), percent(tagChars))), nil
}

// AssumeRole assumes a role as p, through STS's AssumeRole (so the role's
// trust policy and, with Enforce, p's policies decide, and the call log
// keeps the call): in names the role and the session (RoleArn,
// RoleSessionName) and may carry what AssumeRole takes (DurationSeconds,
// Policy, Tags, an MFA code, ...). A role name alone in RoleArn is the role
// of p's account of that name.
func (p Principal) AssumeRole(in *sts.AssumeRoleInput) (Session, error) {
	if in == nil {
		in = &sts.AssumeRoleInput{}
	}
	if arn := deref(in.RoleArn); arn != "" && !strings.HasPrefix(arn, "arn:") && p.f != nil && p.f.wire != nil {
		copied := *in
		p.f.mu.RLock()
		if a := p.f.accounts[p.account]; a != nil && a.role(arn) != nil {
			full := a.role(arn).role.arn
			copied.RoleArn = &full
		}
		p.f.mu.RUnlock()
		in = &copied
	}
	out, err := p.STSClient().AssumeRole(context.Background(), in)
	if err != nil {
		return Session{}, err
	}
	return p.f.Session(out.Credentials), nil
}
