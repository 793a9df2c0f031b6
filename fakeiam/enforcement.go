package fakeiam

import (
	"encoding/json"
	"net"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"

	"github.com/fakeaws/fakeaws/fakeiam/internal/policyeval"
)

// Enforcement (docs/contract.md, "Enforcement"): with Enforce, every call
// through either door is authorized as AWS authorizes a request within one
// account, before the operation acts: the caller's identity-based policies
// (a user's own and its groups', a role's own) and its permissions
// boundary decide the action on the resource it acts on, with the request's
// context keys; the root user is not limited. The evaluation is
// internal/policyeval's, the simulator's (policy_simulator.go). core.go
// calls authorize after the fault rules, before the operation validates
// its input. Tests: enforcement_test.go.

// Enforce makes the fake authorize every call as IAM does (off by default:
// every known principal may then call every operation on its account).
// A denied call is IAM's AccessDenied, whose text says why; the call log
// keeps each decision (Call.Authorization).
func Enforce() Option {
	return fakeOption("Enforce", func(c *config) error {
		c.enforce = true
		return nil
	})
}

// Authorization is how enforcement decided an attempt.
type Authorization struct {
	Action   string // the action authorized: iam:CreateAccessKey
	Resource string // the resource the policies were matched against: an ARN, or * where the action names none
	// Decision is the simulator's word for it: "allowed", "explicitDeny"
	// or "implicitDeny".
	Decision string
	// DeniedBy is the kind of policy a denial names: "identity-based
	// policy", "permissions boundary" or "session policy"; "resource-based
	// policy" for a role's trust policy that does not allow AssumeRole;
	// "" when allowed.
	DeniedBy string
	// Statements are the statements that decided: the allowing ones of
	// an allow, the denying ones of an explicit deny, none for an implicit
	// deny.
	Statements []DecidingStatement
	// MissingContextKeys are the keys the caller's policies read that the
	// request did not carry.
	MissingContextKeys []string
}

// DecidingStatement is a statement that decided, named as the policy
// simulator names its policy (SourcePolicyId: user_Bob_s3 for an inline
// policy, a managed policy's name).
type DecidingStatement struct {
	Policy    string
	Boundary  bool // the policy is the principal's permissions boundary
	Session   bool // the policy is a session policy: "session" for AssumeRole's Policy, a managed policy's name for its PolicyArns
	Statement int  // its place in the policy's Statement list, from 0
	Sid       string
}

// authorize decides r's operation for its caller; nil, nil when
// enforcement is off or does not apply (the root user, an action that needs
// no permission, an operation that authorizes itself, no caller).
func (f *Fake) authorize(r *request, op *operation, a *attempt) (*Authorization, *Error) {
	if !f.enforce || op.open || op.authorizes {
		return nil, nil
	}
	display := op.resource(f, a, r.input) // as IAM's AccessDenied text names it
	authz, reason, err := f.decide(r, a, op.action, display, false)
	if err != nil || reason == "" {
		return authz, err
	}
	return authz, errAccessDeniedBecause(a.who.ARN, op.action, display, reason)
}

// decide is how the policies of a's caller decide action on display (the
// resource as IAM's AccessDenied text names it): its identity-based
// policies, its permissions boundary and its session's policies; reason
// is the AccessDenied text's why, "" when allowed. named: a resource-based
// policy allows the caller by its own ARN (a role's trust policy naming
// the user), which then no implicit deny overrides, only an explicit one
// (policy evaluation within one account: docs/contract.md,
// "Enforcement"). The root user is not limited: nil, "".
func (f *Fake) decide(r *request, a *attempt, action, display string, named bool) (*Authorization, string, *Error) {
	f.mu.RLock()
	p, s := a.caller, a.session
	if p == nil || p.kind == kindRoot || p.account == nil {
		f.mu.RUnlock()
		return nil, "", nil
	}
	d, err := f.decidingPolicies(p)
	if err != nil {
		f.mu.RUnlock()
		return nil, "", err
	}
	src, boundary := d.src, d.boundary
	authz := &Authorization{Action: action, Resource: resourceARN(p.account, display)}
	resource := authz.Resource
	// Only the keys the policies read are looked up.
	ctx := make(policyeval.Context, len(d.keys))
	lookup := func(keys, folded []string) {
		for i, key := range folded {
			if values, ok := f.contextValue(r, a, display, key); ok {
				ctx.Set(key, values...) // in lower case already: Set keeps it
			} else {
				authz.MissingContextKeys = append(authz.MissingContextKeys, keys[i])
			}
		}
	}
	lookup(d.keys, d.folded)
	sessionPolicies := s != nil && len(s.policies) > 0
	if sessionPolicies {
		lookup(s.keys, s.folded)
	}
	f.mu.RUnlock()
	req := policyeval.Request{Action: action, Resource: resource, Context: ctx, Caller: a.who.ARN, Bounded: boundary != nil}
	identityP, boundaryP := d.prepared(action)
	identity := identityP.Decide(req)
	var bounded, session policyeval.Result
	if boundary != nil {
		bounded = boundaryP.Decide(req)
	}
	if sessionPolicies {
		session = s.prepare(action).Decide(req)
	}
	// One reason names one kind of policy (troubleshoot_access-denied: "If
	// multiple policy types deny an authorization request, AWS includes
	// only one"): an explicit deny first, the identity policies' before
	// the boundary's before the session's.
	var reason string
	switch {
	case identity.Decision == policyeval.ExplicitDeny:
		authz.DeniedBy, reason = "identity-based policy", "with an explicit deny in an identity-based policy"
		authz.add(identity, src.policies, src.ids, false)
	case bounded.Decision == policyeval.ExplicitDeny:
		authz.DeniedBy, reason = "permissions boundary", "with an explicit deny in a permissions boundary"
		authz.add(bounded, boundary, []string{src.boundaryID}, true)
	case session.Decision == policyeval.ExplicitDeny:
		authz.DeniedBy, reason = "session policy", "with an explicit deny in a session policy"
		authz.addSession(session, s)
	case named:
		authz.Decision = string(policyeval.Allowed) // by the resource-based policy
		return authz, "", nil
	case identity.Decision != policyeval.Allowed:
		authz.DeniedBy, reason = "identity-based policy", "because no identity-based policy allows the "+action+" action"
	case boundary != nil && bounded.Decision != policyeval.Allowed:
		authz.DeniedBy, reason = "permissions boundary", "because no permissions boundary allows the "+action+" action"
	case sessionPolicies && session.Decision != policyeval.Allowed:
		authz.DeniedBy, reason = "session policy", "because no session policy allows the "+action+" action"
	default:
		authz.Decision = string(policyeval.Allowed)
		authz.add(identity, src.policies, src.ids, false)
		return authz, "", nil
	}
	if authz.Decision = string(policyeval.ImplicitDeny); len(authz.Statements) > 0 {
		authz.Decision = string(policyeval.ExplicitDeny)
	}
	return authz, reason, nil
}

// decidingPolicies are a principal's policies as enforcement reads them:
// its identity-based policies, its boundary (nil: none) and the context
// keys they read.
type decidingPolicies struct {
	gen      uint64 // the model's generation they were gathered at
	src      sourcedPolicies
	boundary []*policyeval.Policy
	keys     []string // as the policies write them
	folded   []string // keys in lower case
	// byAction are the policies prepared for an action (both kinds), by
	// action: prepared once while the policies stay.
	byAction sync.Map // string → [2]policyeval.Prepared
}

// prepared are the identity policies and the boundary prepared for action.
func (d *decidingPolicies) prepared(action string) (identity, boundary policyeval.Prepared) {
	if v, ok := d.byAction.Load(action); ok {
		p := v.([2]policyeval.Prepared)
		return p[0], p[1]
	}
	p := [2]policyeval.Prepared{policyeval.Prepare(d.src.policies, action), policyeval.Prepare(d.boundary, action)}
	d.byAction.Store(action, p) // one entry an operation at most
	return p[0], p[1]
}

// decidingPolicies are p's, gathered again only when the model changed
// since they last were. Call with Fake.mu read-locked (the generation
// cannot move).
func (f *Fake) decidingPolicies(p *principal) (*decidingPolicies, *Error) {
	gen := f.mu.gen.Load()
	if d := p.decides.Load(); d != nil && d.gen == gen {
		return d, nil
	}
	d := &decidingPolicies{gen: gen}
	if err := d.src.addPrincipal(p); err != nil {
		return nil, err
	}
	if pol := p.account.passwordPolicy; p.kind == kindUser && pol != nil && pol.allowChange {
		grant, err := policyeval.Parse(changeOwnPassword(p))
		if err != nil { // the fake's own document, its ARN escaped: TestEnforcementAllowUsersToChangePassword's odd paths
			return nil, &Error{"InternalFailure", 500, "fakeiam: AllowUsersToChangePassword's policy for " + p.arn + ": " + err.Error()}
		}
		d.src.policies = append(d.src.policies, grant)
		d.src.ids = append(d.src.ids, changeOwnPasswordID)
	}
	all := d.src.policies
	if d.src.boundary != nil {
		d.boundary = []*policyeval.Policy{d.src.boundary}
		all = append(all[:len(all):len(all)], d.src.boundary)
	}
	d.keys = policyeval.ContextKeys(all)
	for _, k := range d.keys {
		d.folded = append(d.folded, strings.ToLower(k))
	}
	p.decides.Store(d)
	return d, nil
}

// changeOwnPasswordID names the account-level grant of
// AllowUsersToChangePassword where Authorization names a deciding policy
// (choice).
const changeOwnPasswordID = "AllowUsersToChangePassword"

// changeOwnPassword is the policy document of what an account password policy with
// AllowUsersToChangePassword grants user u: iam:ChangePassword on u alone
// and iam:GetAccountPasswordPolicy (the model: "applied at the
// account-level for all users by IAM", no policy attached). Enforcement
// reads it as one more identity-based policy of u's, so an explicit deny
// and a permissions boundary limit it as they limit u's own (choice:
// docs/contract.md, "Enforcement").
func changeOwnPassword(u *principal) string {
	// A path may hold the policy language's $, * and ?: each stands for
	// itself (${$}, ${*}, ${?}), then the JSON string's escapes.
	arn, _ := json.Marshal(policyLiteral.Replace(u.arn)) // a string: always marshals
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ChangePassword","Resource":` + string(arn) +
		`},{"Effect":"Allow","Action":"iam:GetAccountPasswordPolicy","Resource":"*"}]}`
}

// policyLiteral writes text as a policy's Resource matching it alone.
var policyLiteral = strings.NewReplacer("$", "${$}", "*", "${*}", "?", "${?}")

// clone is a copy of z for a reader of the call log; nil for nil.
func (z *Authorization) clone() *Authorization {
	if z == nil {
		return nil
	}
	c := *z
	c.Statements = slices.Clone(z.Statements)
	c.MissingContextKeys = slices.Clone(z.MissingContextKeys)
	return &c
}

// add records the statements of r.
func (z *Authorization) add(r policyeval.Result, policies []*policyeval.Policy, ids []string, boundary bool) {
	for _, m := range r.Matched {
		z.Statements = append(z.Statements, DecidingStatement{Policy: ids[m.Policy], Boundary: boundary, Statement: m.Statement,
			Sid: policies[m.Policy].Statements[m.Statement].Sid})
	}
}

// addSession records the statements of r, a decision of s's session
// policies.
func (z *Authorization) addSession(r policyeval.Result, s *session) {
	for _, m := range r.Matched {
		z.Statements = append(z.Statements, DecidingStatement{Policy: s.ids[m.Policy], Session: true, Statement: m.Statement,
			Sid: s.policies[m.Policy].Statements[m.Statement].Sid})
	}
}

// resourceARN is the ARN an action on display acts on (display: the
// resource as IAM's AccessDenied text names it, "user Bob", an ARN or *):
// the entity's own ARN, with its path, when it exists; else the ARN it
// would have at the root path. Call with Fake.mu held.
func resourceARN(acct *account, display string) string {
	if display == "*" {
		return display
	}
	if strings.HasPrefix(display, "arn:") {
		// A server certificate's AccessDenied text names it at the root
		// path (docs/contract.md, "Server certificates"): the ARN is its
		// own.
		if _, name, ok := strings.Cut(display, ":server-certificate/"); ok && !strings.Contains(name, "/") && policyeval.AccountOf(display) == acct.id {
			if c := acct.serverCert(name); c != nil {
				return c.arn
			}
		}
		return display
	}
	switch kind, name, _ := strings.Cut(display, " "); kind {
	case "user":
		if u := acct.user(name); u != nil {
			return u.arn
		}
		return "arn:aws:iam::" + acct.id + ":user/" + name
	case "group":
		if g := acct.group(name); g != nil {
			return g.arn
		}
		return "arn:aws:iam::" + acct.id + ":group/" + name
	case "role":
		if r := acct.role(name); r != nil {
			return r.role.arn
		}
		return "arn:aws:iam::" + acct.id + ":role/" + name
	case "policy": // an AWS managed policy's writes: "policy <arn>"
		return name
	case "instance":
		name = strings.TrimPrefix(name, "profile ")
		if ip := acct.instanceProfile(name); ip != nil {
			return ip.arn
		}
		return "arn:aws:iam::" + acct.id + ":instance-profile/" + name
	}
	return "*" // an access key: the action names no resource the fake resolves (docs/contract.md)
}

// The values of the keys every request carries alike (read-only: the
// evaluator never changes a value).
var (
	secureTransport = []string{"true"}      // IAM answers HTTPS only: the fake's endpoint stands in for it
	requestedRegion = []string{"us-east-1"} // IAM's global endpoint's region
	loopbackIP      = []string{"127.0.0.1"}
	boolTrue        = []string{"true"}
	boolFalse       = []string{"false"}
)

// contextValue is the value of the condition key lower (in lower case) that r
// carries for a's caller: the caller and its session, the resource's tags,
// and what any request carries (requestValue); false when r carries none.
// Call with Fake.mu held.
func (f *Fake) contextValue(r *request, a *attempt, display, lower string) ([]string, bool) {
	p, s := a.caller, a.session
	switch lower {
	case "aws:principalaccount":
		return []string{p.account.id}, true
	case "aws:principalarn":
		if p.kind == kindRole {
			return []string{p.role.arn}, true
		}
		return []string{p.arn}, true
	case "aws:principaltype":
		switch {
		case p.kind == kindRole:
			return []string{"AssumedRole"}, true
		case p.kind == kindRoot:
			return []string{"Account"}, true
		}
		return []string{"User"}, true
	case "aws:username":
		return []string{p.name}, p.kind == kindUser
	case "aws:userid":
		switch {
		case s != nil && s.userID != "":
			return []string{s.userID}, true
		case p.kind == kindRole:
			return []string{p.userID + ":" + p.arn[strings.LastIndexByte(p.arn, '/')+1:]}, true
		}
		return []string{p.userID}, true
	case "aws:multifactorauthpresent":
		// Absent for long-term keys; true or false for temporary
		// credentials (a role's own are too); true for a request that
		// carries a valid MFA code (AssumeRole's SerialNumber, TokenCode).
		switch {
		case a.mfa || s != nil && s.mfa:
			return boolTrue, true
		case s != nil || p.kind == kindRole:
			return boolFalse, true
		}
		return nil, false
	case "aws:multifactorauthage":
		switch {
		case a.mfa:
			return []string{"0"}, true
		case s != nil && s.mfa:
			return []string{strconv.FormatInt(int64(f.nowFor(a).Sub(s.mfaAt)/time.Second), 10)}, true
		}
		return nil, false
	case "aws:tokenissuetime":
		if s != nil {
			return []string{s.issued.UTC().Format(time.RFC3339)}, true
		}
		return nil, false
	case "aws:sourceidentity":
		if s != nil && s.sourceIdentity != "" {
			return []string{s.sourceIdentity}, true
		}
		return nil, false
	case "aws:federatedprovider":
		if s != nil && s.federatedProvider != "" {
			return []string{s.federatedProvider}, true
		}
		return nil, false
	}
	if tag, ok := strings.CutPrefix(lower, "aws:principaltag/"); ok {
		if s != nil { // session tags replace the role's of the same key
			for _, t := range s.tags {
				if strings.EqualFold(deref(t.Key), tag) {
					return []string{deref(t.Value)}, true
				}
			}
		}
		for _, t := range p.tags {
			if strings.EqualFold(deref(t.Key), tag) {
				return []string{deref(t.Value)}, true
			}
		}
		return nil, false
	}
	tag, ok := strings.CutPrefix(lower, "aws:resourcetag/")
	if !ok {
		tag, ok = strings.CutPrefix(lower, "iam:resourcetag/")
	}
	if ok {
		for _, t := range resourceTags(p.account, display) {
			if strings.EqualFold(deref(t.Key), tag) {
				return []string{deref(t.Value)}, true
			}
		}
		return nil, false
	}
	return f.requestValue(r, lower)
}

// requestValue is the value of the condition key lower that any request
// carries, whoever makes it: the fake's clock, the transport, and what the
// input says (its tags, IAM's and STS's own keys); false when r carries
// none.
func (f *Fake) requestValue(r *request, lower string) ([]string, bool) {
	switch lower {
	case "aws:currenttime":
		return f.contextTimes().current, true
	case "aws:epochtime":
		return f.contextTimes().epoch, true
	case "aws:securetransport":
		return secureTransport, true
	case "aws:requestedregion":
		return requestedRegion, true
	case "aws:sourceip":
		if ip := sourceIP(r); ip != "127.0.0.1" {
			return []string{ip}, true
		}
		return loopbackIP, true
	case "aws:tagkeys":
		if keys := inputTagKeys(r.input); len(keys) > 0 {
			return keys, true
		}
	case "iam:policyarn":
		return inputString(r.input, "PolicyArn")
	case "iam:permissionsboundary":
		return inputString(r.input, "PermissionsBoundary")
	case "sts:externalid":
		return inputString(r.input, "ExternalId")
	case "sts:rolesessionname":
		return inputString(r.input, "RoleSessionName")
	case "sts:sourceidentity":
		return inputString(r.input, "SourceIdentity")
	case "sts:transitivetagkeys":
		if v := inputField(r.input, "TransitiveTagKeys"); v.IsValid() {
			if keys, _ := v.Interface().([]string); len(keys) > 0 {
				return keys, true
			}
		}
	}
	if tag, ok := strings.CutPrefix(lower, "aws:requesttag/"); ok {
		for _, t := range inputTags(r.input) {
			if strings.EqualFold(deref(t.Key), tag) {
				return []string{deref(t.Value)}, true
			}
		}
	}
	return nil, false
}

// resourceTags are the tags of what the call acts on (display, as the
// AccessDenied text names it): a user, role, customer managed policy,
// instance profile, OIDC or SAML provider, server certificate or virtual
// MFA device of the account; none for anything else (groups have none).
// Call with Fake.mu held.
func resourceTags(acct *account, display string) []types.Tag {
	kind, name, _ := strings.Cut(display, " ")
	switch {
	case kind == "user":
		if u := acct.user(name); u != nil {
			return u.tags
		}
	case kind == "role":
		if r := acct.role(name); r != nil {
			return r.tags
		}
	case kind == "instance":
		if ip := acct.instanceProfile(strings.TrimPrefix(name, "profile ")); ip != nil {
			return ip.tags
		}
	case strings.HasPrefix(display, "arn:aws:iam::"+acct.id+":role/"): // AssumeRole's RoleArn
		if r := acct.roleByARN(display); r != nil {
			return r.tags
		}
	case strings.HasPrefix(display, "arn:aws:iam::"+acct.id+":policy/"):
		if pol := acct.policyByARN(display); pol != nil {
			return pol.tags
		}
	case strings.HasPrefix(display, "arn:aws:iam::"+acct.id+":oidc-provider/"):
		if o := acct.idp.oidcByARN(acct.id, display); o != nil {
			return o.tags
		}
	case strings.HasPrefix(display, "arn:aws:iam::"+acct.id+":saml-provider/"):
		if sp := acct.idp.samlByARN(acct.id, display); sp != nil {
			return sp.tags
		}
	case strings.HasPrefix(display, "arn:aws:iam::"+acct.id+":server-certificate/"):
		if c := acct.serverCert(display[strings.LastIndexByte(display, '/')+1:]); c != nil {
			return c.tags
		}
	case strings.HasPrefix(display, "arn:aws:iam::"+acct.id+":mfa/"):
		if d := acct.mfaDevice(display); d != nil {
			return d.tags
		}
	}
	return nil
}

// contextTimes are the fake's time now as aws:CurrentTime and
// aws:EpochTime carry it, made once a second (read-only: calls share them).
type contextTimes struct {
	sec            int64
	current, epoch []string
}

func (f *Fake) contextTimes() *contextTimes {
	now := f.now()
	if c := f.ctxTimes.Load(); c != nil && c.sec == now.Unix() {
		return c
	}
	c := &contextTimes{sec: now.Unix(), current: []string{now.UTC().Format(time.RFC3339)}, epoch: []string{strconv.FormatInt(now.Unix(), 10)}}
	f.ctxTimes.Store(c)
	return c
}

// inputField is the member name of in, an SDK input (*XxxInput); invalid
// when it has none.
func inputField(in any, name string) reflect.Value {
	v := reflect.ValueOf(in)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return reflect.Value{}
	}
	return v.Elem().FieldByName(name)
}

// inputTags are the input's Tags (TagUser, CreateRole, ...; STS's
// session tags, AssumeRole's, as IAM's type).
func inputTags(in any) []types.Tag {
	if v := inputField(in, "Tags"); v.IsValid() {
		switch tags := v.Interface().(type) {
		case []types.Tag:
			return tags
		case []ststypes.Tag:
			out := make([]types.Tag, len(tags))
			for i, t := range tags {
				out[i] = types.Tag{Key: t.Key, Value: t.Value}
			}
			return out
		}
	}
	return nil
}

// inputTagKeys are the keys the request's tags name, or its TagKeys
// (UntagUser, ...): aws:TagKeys.
func inputTagKeys(in any) []string {
	var keys []string
	for _, t := range inputTags(in) {
		keys = append(keys, deref(t.Key))
	}
	if v := inputField(in, "TagKeys"); v.IsValid() {
		given, _ := v.Interface().([]string)
		keys = append(keys, given...)
	}
	return keys
}

// inputString is the input's string member name, when set.
func inputString(in any, name string) ([]string, bool) {
	if v := inputField(in, name); v.IsValid() {
		if s, ok := v.Interface().(*string); ok && s != nil {
			return []string{*s}, true
		}
	}
	return nil, false
}

// sourceIP is the address the request came from: the HTTP door's peer,
// 127.0.0.1 in-process (the SDK door sends nothing over a network).
func sourceIP(r *request) string {
	if r.signed != nil && r.signed.RemoteAddr != "" {
		if host, _, err := net.SplitHostPort(r.signed.RemoteAddr); err == nil && net.ParseIP(host) != nil {
			return host
		}
	}
	return "127.0.0.1"
}
