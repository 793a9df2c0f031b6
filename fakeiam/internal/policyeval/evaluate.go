package policyeval

import "strings"

// Request is what a decision is about: an action (service:Action), the
// resource it acts on (an ARN, or * when none), and the request's context
// keys.
type Request struct {
	Action, Resource string
	Context          Context
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

// Result is a decision, the statements that made it (the denying ones
// for an explicit deny, the allowing ones for an allow, none for an
// implicit deny), and the context keys the policies read that the request
// does not carry, by their names as first written, in the order the
// policies name them.
type Result struct {
	Decision Decision
	Matched  []Match
	Missing  []string
}

// Evaluate decides r against policies (a principal's identity-based
// policies, or one kind of policy): an explicit deny wins, then an allow;
// nothing that applies is an implicit deny.
func Evaluate(policies []*Policy, r Request) Result {
	var allows, denies []Match
	var missing []string
	seen := map[string]bool{}
	note := func(key string) {
		if _, found := r.Context.lookup(key); !found && !seen[strings.ToLower(key)] {
			seen[strings.ToLower(key)] = true
			missing = append(missing, key)
		}
	}
	for pi, p := range policies {
		for si := range p.Statements {
			s := &p.Statements[si]
			if !s.matchesAction(r.Action) {
				continue
			}
			// The keys the statement reads, for MissingContextValues.
			for _, rp := range s.Resources {
				rp.variables(note)
			}
			for ci := range s.Conditions {
				c := &s.Conditions[ci]
				note(c.Key)
				for _, v := range c.Values {
					v.variables(note)
				}
			}
			if !s.matchesResource(r) || !s.conditionsHold(r.Context) {
				continue
			}
			if s.Deny {
				denies = append(denies, Match{pi, si})
			} else {
				allows = append(allows, Match{pi, si})
			}
		}
	}
	switch {
	case len(denies) > 0:
		return Result{Decision: ExplicitDeny, Matched: denies, Missing: missing}
	case len(allows) > 0:
		return Result{Decision: Allowed, Matched: allows, Missing: missing}
	}
	return Result{Decision: ImplicitDeny, Missing: missing}
}

// matchesAction: the action is one of Action's patterns (ignoring case),
// or none of NotAction's.
func (s *Statement) matchesAction(action string) bool {
	in := false
	for _, p := range s.Actions {
		if glob(p.tokens, action, true) {
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
	for _, p := range s.Resources {
		tokens, ok := p.resolve(r.Context)
		if ok && (arnMatch(tokens, r.Resource) || r.Resource == "*" && literalText(tokens) == "*") {
			in = true
			break
		}
	}
	return in != s.NotResource
}

// conditionsHold: every condition of the statement holds.
func (s *Statement) conditionsHold(ctx Context) bool {
	for i := range s.Conditions {
		if ok, _ := s.Conditions[i].holds(ctx); !ok {
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
	seen := map[string]bool{}
	add := func(key string) {
		if !seen[strings.ToLower(key)] {
			seen[strings.ToLower(key)] = true
			keys = append(keys, key)
		}
	}
	for _, p := range policies {
		for si := range p.Statements {
			s := &p.Statements[si]
			for _, rp := range s.Resources {
				rp.variables(add)
			}
			for ci := range s.Conditions {
				add(s.Conditions[ci].Key)
				for _, v := range s.Conditions[ci].Values {
					v.variables(add)
				}
			}
		}
	}
	return keys
}

// MatchAction reports whether action matches the Action pattern as IAM
// matches actions: ignoring case, * any run of characters, ? one.
func MatchAction(pattern, action string) bool {
	return glob(compile(pattern, false).tokens, action, true)
}
