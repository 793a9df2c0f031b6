package policyeval

import (
	"encoding/binary"
	"slices"
	"strings"
)

// Request is what a decision is about: an action (service:Action), the
// resource it acts on (an ARN, or * when none), the request's context
// keys, and who makes it (Caller, an ARN: what a resource-based policy's
// Principal is matched with; Bounded, the caller has a permissions
// boundary).
type Request struct {
	Action, Resource string
	Context          Context
	Caller           string
	// CallerRole is the role's ARN when Caller is an assumed-role
	// session: a Principal naming the role names its sessions too.
	CallerRole string
	// Federated is the identity provider a federated caller comes from
	// (an OIDC provider's ARN): a Principal's Federated naming it matches.
	Federated string
	Bounded   bool
}

// Decision is an evaluation's outcome, as IAM's simulator names them.
type Decision string

const (
	Allowed      Decision = "allowed"
	ExplicitDeny Decision = "explicitDeny"
	ImplicitDeny Decision = "implicitDeny"
)

// Match names a statement that decided: its policy (an index into the
// policies evaluated) and its place in the policy.
type Match struct {
	Policy, Statement int
}

// Result is a decision and the statements that made it (the denying ones
// for an explicit deny, the allowing ones for an allow, none for an
// implicit deny).
type Result struct {
	Decision Decision
	Matched  []Match
}

// Evaluate decides r against policies (a principal's identity-based
// policies, or one kind of policy): an explicit deny wins, then an allow;
// nothing that applies is an implicit deny.
func Evaluate(policies []*Policy, r Request) Result {
	return Prepare(policies, r.Action).Evaluate(r)
}

// Prepared is a set of policies narrowed to the statements of one action,
// which then decide requests for it on any resource (the simulator decides
// an action on each of its resources).
type Prepared struct {
	policies []*Policy
	stmts    []Match // the statements whose Action (NotAction) takes the action
}

// Prepare narrows policies to the statements of action.
func Prepare(policies []*Policy, action string) Prepared {
	p := Prepared{policies: policies}
	for pi, pol := range policies {
		for _, si := range pol.statementsFor(action) {
			p.stmts = append(p.stmts, Match{pi, si})
		}
	}
	return p
}

// AppendKey appends to b what names p's statements: two Prepared of the
// same policies with the same key decide every request alike, whatever
// their actions (a decision reads the statements' resources, principals
// and conditions, not the action again).
func (p Prepared) AppendKey(b []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(p.stmts))) // so that keys appended one after another stay apart
	for _, m := range p.stmts {
		b = binary.AppendUvarint(b, uint64(m.Policy))
		b = binary.AppendUvarint(b, uint64(m.Statement))
	}
	return b
}

// statementsFor are the places of the statements whose Action (or
// NotAction) takes action, found once per action.
func (pol *Policy) statementsFor(action string) []int {
	pol.mu.Lock()
	idx, ok := pol.byAction[action]
	pol.mu.Unlock()
	if ok {
		return idx
	}
	for si := range pol.Statements {
		if pol.Statements[si].matchesAction(action) {
			idx = append(idx, si)
		}
	}
	pol.mu.Lock()
	if pol.byAction == nil {
		pol.byAction = map[string][]int{}
	}
	if len(pol.byAction) < maxCachedActions {
		pol.byAction[action] = idx
	}
	pol.mu.Unlock()
	return idx
}

// Evaluate decides r (its Action the one p was prepared for), with every
// statement that made the decision (as the simulator lists them).
func (p Prepared) Evaluate(r Request) Result { return p.evaluate(r, false) }

// Decide decides r as Evaluate does, but an allow names only its first
// allowing statement (in policy order): every statement is read for a
// deny, and the allowing ones only until one applies. Enforcement decides
// with it; the decision is Evaluate's.
func (p Prepared) Decide(r Request) Result { return p.evaluate(r, true) }

func (p Prepared) evaluate(r Request, firstAllow bool) Result {
	var allows, denies []Match
	for _, m := range p.stmts {
		s := &p.policies[m.Policy].Statements[m.Statement]
		if !s.Deny && firstAllow && len(allows) > 0 {
			continue // an allow is known: only a deny can change the decision
		}
		if !s.applies(r) {
			continue
		}
		if s.Deny {
			denies = append(denies, m)
		} else {
			allows = append(allows, m)
		}
	}
	switch {
	case len(denies) > 0:
		return Result{Decision: ExplicitDeny, Matched: denies}
	case len(allows) > 0:
		return Result{Decision: Allowed, Matched: allows}
	}
	return Result{Decision: ImplicitDeny}
}

// applies: the statement (its action already matched) applies to r. A
// policy variable with no value (one value) and no default makes the
// resource entry or condition value it is in match nothing, not the whole
// statement (reference_policies_variables, "Policy variables with no
// value": "the resource that includes a policy variable with no value will
// not match any resource"; "Inverted condition operators ... do match
// against a null value"): a Resource list's other entries still match, a
// NotResource entry excludes nothing, a negated operator holds
// (matchesResource, Condition.holds).
func (s *Statement) applies(r Request) bool {
	return s.matchesPrincipal(r) && s.matchesResource(r) && s.conditionsHold(r.Context)
}

// MissingKeys are the context keys policies read (ContextKeys: any
// statement, whatever its action) that ctx does not carry, as the
// simulator's MissingContextValues lists them (recorded: boto/boto3#3111,
// aws/aws-sdk-java-v2#1751).
func MissingKeys(policies []*Policy, ctx Context) []string {
	var missing []string
	for _, k := range ContextKeys(policies) {
		if _, found := ctx.lookup(k); !found {
			missing = append(missing, k)
		}
	}
	return missing
}

// matchesPrincipal: an identity-based statement (no Principal) applies to
// its principal; a resource-based one to the callers its Principal names:
// "*" anyone, an account (its id, or arn:aws:iam::<id>:root) every
// principal of the account, an ARN that principal. NotPrincipal applies to
// every caller it does not name exactly (an account names its root only),
// and a Deny with NotPrincipal to every caller with a permissions boundary
// (reference_policies_elements_notprincipal, access_policies_boundaries).
func (s *Statement) matchesPrincipal(r Request) bool {
	if s.Principals == nil {
		return true
	}
	if s.NotPrincipal {
		if s.Deny && r.Bounded {
			return true
		}
		for _, p := range s.Principals.AWS {
			if p == r.Caller || r.CallerRole != "" && p == r.CallerRole || isAccount(p) && r.Caller == "arn:aws:iam::"+AccountOf(p)+":root" {
				return false
			}
		}
		return true
	}
	named := s.Principals.Any || r.Federated != "" && slices.Contains(s.Principals.Federated, r.Federated)
	for _, p := range s.Principals.AWS {
		named = named || p == "*" || p == r.Caller || r.CallerRole != "" && p == r.CallerRole || isAccount(p) && AccountOf(p) != "" && AccountOf(p) == AccountOf(r.Caller)
	}
	return named
}

// AccountOf is the account an ARN or a bare account id names, "" for
// neither.
func AccountOf(arnOrID string) string {
	if len(arnOrID) == 12 && strings.Trim(arnOrID, "0123456789") == "" {
		return arnOrID
	}
	// arn:partition:service:region:account:resource, cut without
	// allocating: simulations ask once for each resource of each action.
	rest, ok := strings.CutPrefix(arnOrID, "arn:")
	for i := 0; ok && i < 3; i++ {
		_, rest, ok = strings.Cut(rest, ":")
	}
	account, _, found := strings.Cut(rest, ":")
	if !ok || !found {
		return ""
	}
	return account
}

// isAccount: p names a whole account (a bare id, or its root's ARN).
func isAccount(p string) bool {
	return !strings.HasPrefix(p, "arn:") || strings.HasSuffix(p, ":root")
}

// matchesAction: the action is one of Action's patterns (ignoring case),
// or none of NotAction's.
func (s *Statement) matchesAction(action string) bool {
	in := false
	for i := range s.Actions {
		if s.Actions[i].match.glob(action, true) {
			in = true
			break
		}
	}
	return in != s.NotAction
}

// matchesResource: the resource is one of Resource's patterns (ARNs
// matched part by part, variables resolved from the request's context),
// or none of NotResource's; a statement naming neither applies to every
// resource.
func (s *Statement) matchesResource(r Request) bool {
	if s.AnyResource {
		return true
	}
	in := false
	for i := range s.Resources {
		m, ok := s.Resources[i].resolve(r.Context)
		if ok && (resourceMatch(m, r.Resource) || r.Resource == "*" && m.text == "*") {
			in = true
			break
		}
	}
	return in != s.NotResource
}

// conditionsHold: every condition of the statement holds.
func (s *Statement) conditionsHold(ctx Context) bool {
	for i := range s.Conditions {
		if !s.Conditions[i].holds(ctx) {
			return false
		}
	}
	return true
}

// ContextKeys are the context keys policies read (their conditions' keys
// and the policy variables of their resources and condition values), by
// their names as first written, in the order the policies name them, each
// once (ignoring case).
func ContextKeys(policies []*Policy) []string {
	var keys []string
	for _, p := range policies {
		for _, k := range p.keys {
			if !slices.ContainsFunc(keys, func(seen string) bool { return strings.EqualFold(seen, k) }) {
				keys = append(keys, k)
			}
		}
	}
	return keys
}

// contextKeysOf is ContextKeys read from the statements themselves (Parse
// keeps each policy's).
func contextKeysOf(policies []*Policy) []string {
	var keys []string
	seen := map[string]bool{}
	add := func(key string) {
		if !seen[strings.ToLower(key)] {
			seen[strings.ToLower(key)] = true
			keys = append(keys, key)
		}
	}
	for _, p := range policies {
		for si := range p.Statements {
			p.Statements[si].contextKeys(add)
		}
	}
	return keys
}

// contextKeys calls each for the keys s reads: its resources' policy
// variables, then its conditions' keys and their values' variables.
func (s *Statement) contextKeys(each func(key string)) {
	for i := range s.Resources {
		s.Resources[i].variables(each)
	}
	for ci := range s.Conditions {
		c := &s.Conditions[ci]
		each(c.Key)
		for i := range c.Values {
			c.Values[i].variables(each)
		}
	}
}

// MatchAction reports whether action matches the Action pattern as IAM
// matches actions: ignoring case, * any run of characters, ? one.
func MatchAction(pattern, action string) bool {
	m := compile(pattern, false).match
	return m.glob(action, true)
}
