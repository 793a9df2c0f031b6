// Package policyeval is AWS's evaluation of identity-based policies: it
// compiles a policy document once (Parse) and decides requests against a
// set of policies (Evaluate), as IAM's policy simulator and, later, the
// fake's enforcement do. The rules and their sources are
// docs/contract.md, "Policy evaluation"; each is a row of the tests
// beside this file.
//
// A document is parsed here as it is evaluated; whether IAM accepts it at
// all (its grammar, its texts) is the fake's policy checks'
// (fakeiam/policy_documents.go), which run first.
package policyeval

import (
	"errors"
	"strings"
	"sync"

	"github.com/fakeaws/fakeaws/fakeiam/internal/jsontree"
)

// Policy is a compiled policy document.
type Policy struct {
	// Version is the document's Version ("" when absent): policy
	// variables are read only in version 2012-10-17.
	Version    string
	Statements []Statement
	// keys are the context keys the policy reads (ContextKeys), found
	// once by Parse: a stored policy is read by every call it decides.
	keys []string
	// byAction are the statements whose Action (NotAction) takes an
	// action, by action, as Prepare finds them: found once an action,
	// since a stored policy decides call after call (enforcement); at most
	// maxCachedActions actions (a simulation may name any).
	mu       sync.Mutex
	byAction map[string][]int
}

const maxCachedActions = 1024

// Statement is one statement of a policy.
type Statement struct {
	Sid  string
	Deny bool // Effect: Deny; else Allow
	// Actions are the Action patterns, or the NotAction patterns when
	// NotAction is set.
	Actions   []pattern
	NotAction bool
	// Resources are the Resource patterns, or the NotResource patterns
	// when NotResource is set; AnyResource: the statement names neither
	// (a trust policy's, or a resource-based policy's).
	Resources   []pattern
	NotResource bool
	AnyResource bool
	Conditions  []Condition
	// Principals are whom a resource-based policy's statement names
	// (Principal, or NotPrincipal when NotPrincipal is set); nil for an
	// identity-based policy's, which names none.
	Principals   *Principals
	NotPrincipal bool
	// Start and End are where the statement is in the document, as IAM's
	// simulator reports them: the line and column just after its opening
	// brace and just after its closing one (lines and columns from 1).
	Start, End Position
}

// Principals is a statement's Principal element: "*" (Any), or the
// values of its AWS, Service, Federated and CanonicalUser members.
type Principals struct {
	Any                                bool
	AWS, Service, Federated, Canonical []string
}

// Position is a place in a document: its line and column, from 1, in
// characters.
type Position struct{ Line, Column int }

// Condition is one key of one operator of a statement's Condition block.
type Condition struct {
	Operator string // the operator as written: "ForAnyValue:StringLikeIfExists"
	op       operator
	ifExists bool
	set      setQualifier
	Key      string
	key      string    // Key in lower case: the context's key
	Values   []pattern // the policy's values, variables resolved per request
}

// setQualifier is a condition's ForAllValues: or ForAnyValue: prefix.
type setQualifier uint8

const (
	single setQualifier = iota
	forAllValues
	forAnyValue
)

// errNotAPolicy: the document is not one this package evaluates (its
// checks ran before: this is a document they accept only in a form the
// evaluator does not know).
var errNotAPolicy = errors.New("policyeval: not a policy document")

// Parse compiles doc. It refuses what is not a policy's shape; the texts
// IAM refuses a document with are the fake's policy checks'.
func Parse(doc string) (*Policy, error) {
	top, ok := jsontree.Parse(doc)
	if !ok || top.Kind != jsontree.Object {
		return nil, errNotAPolicy
	}
	p := &Policy{}
	var stmts *jsontree.Value
	for i, k := range top.Keys {
		switch k {
		case "Version":
			p.Version = top.Items[i].Text
		case "Statement":
			stmts = &top.Items[i]
		}
	}
	if stmts == nil {
		return nil, errNotAPolicy
	}
	list := []jsontree.Value{*stmts}
	if stmts.Kind == jsontree.Array {
		list = stmts.Items
	}
	lines := newLineIndex(doc)
	vars := p.Version == "2012-10-17"
	for i := range list {
		s, err := parseStatement(&list[i], vars)
		if err != nil {
			return nil, err
		}
		s.Start, s.End = lines.position(int(list[i].Start)+1), lines.position(int(list[i].End))
		p.Statements = append(p.Statements, s)
	}
	p.keys = contextKeysOf([]*Policy{p})
	return p, nil
}

func parseStatement(v *jsontree.Value, vars bool) (Statement, error) {
	var s Statement
	if v.Kind != jsontree.Object {
		return s, errNotAPolicy
	}
	resource := false
	for i, k := range v.Keys {
		e := &v.Items[i]
		switch k {
		case "Sid":
			s.Sid = e.Text
		case "Effect":
			s.Deny = strings.EqualFold(e.Text, "Deny")
		case "Action", "NotAction":
			s.NotAction = k == "NotAction"
			s.Actions = patterns(e, false)
		case "Resource", "NotResource":
			s.NotResource, resource = k == "NotResource", true
			s.Resources = patterns(e, vars)
		case "Condition":
			conds, err := parseConditions(e, vars)
			if err != nil {
				return s, err
			}
			s.Conditions = conds
		case "Principal", "NotPrincipal":
			s.NotPrincipal = k == "NotPrincipal"
			s.Principals = parsePrincipals(e)
		}
	}
	s.AnyResource = !resource
	return s, nil
}

// parsePrincipals reads a Principal element: "*", or an object of
// principal types, each a string or an array of strings.
func parsePrincipals(v *jsontree.Value) *Principals {
	p := &Principals{}
	if v.Kind == jsontree.String {
		p.Any = v.Text == "*"
		return p
	}
	for i, k := range v.Keys {
		var values []string
		for _, pt := range patterns(&v.Items[i], false) {
			values = append(values, pt.text)
		}
		switch k {
		case "AWS":
			p.AWS = append(p.AWS, values...)
		case "Service":
			p.Service = append(p.Service, values...)
		case "Federated":
			p.Federated = append(p.Federated, values...)
		case "CanonicalUser":
			p.Canonical = append(p.Canonical, values...)
		}
	}
	return p
}

// patterns reads a string or an array of strings (nulls skipped).
func patterns(v *jsontree.Value, vars bool) []pattern {
	if v.Kind == jsontree.String {
		return []pattern{compile(v.Text, vars)}
	}
	var out []pattern
	for i := range v.Items {
		if it := &v.Items[i]; it.Kind == jsontree.String {
			out = append(out, compile(it.Text, vars))
		}
	}
	return out
}

func parseConditions(v *jsontree.Value, vars bool) ([]Condition, error) {
	if v.Kind != jsontree.Object {
		return nil, errNotAPolicy
	}
	var out []Condition
	for i, name := range v.Keys {
		keys := &v.Items[i]
		if keys.Kind != jsontree.Object {
			return nil, errNotAPolicy
		}
		c := Condition{Operator: name}
		rest := name
		if r, ok := strings.CutPrefix(rest, "ForAllValues:"); ok {
			c.set, rest = forAllValues, r
		} else if r, ok := strings.CutPrefix(rest, "ForAnyValue:"); ok {
			c.set, rest = forAnyValue, r
		}
		if r, ok := strings.CutSuffix(rest, "IfExists"); ok && rest != "IfExists" {
			c.ifExists, rest = true, r
		}
		op, known := operators[rest]
		switch {
		case !known && len(keys.Keys) == 0:
			continue // an operator IAM does not know, with nothing in it: IAM accepts it (the policy checks), and it tests nothing
		case !known:
			return nil, errNotAPolicy
		}
		c.op = op
		for j, key := range keys.Keys {
			k := c
			k.Key, k.key = key, strings.ToLower(key)
			k.Values = conditionValues(&keys.Items[j], vars && op.vars)
			out = append(out, k)
		}
	}
	return out, nil
}

// conditionValues reads a condition key's value: a scalar or an array of
// scalars, each in its text form.
func conditionValues(v *jsontree.Value, vars bool) []pattern {
	items := []jsontree.Value{*v}
	if v.Kind == jsontree.Array {
		items = v.Items
	}
	out := make([]pattern, 0, len(items))
	for _, it := range items {
		out = append(out, compile(it.Text, vars))
	}
	return out
}

// lineIndex turns byte offsets of a document into positions.
type lineIndex struct {
	doc   string
	start []int // the offset of each line's first byte
}

func newLineIndex(doc string) lineIndex {
	l := lineIndex{doc: doc, start: []int{0}}
	for i := 0; i < len(doc); i++ {
		if doc[i] == '\n' {
			l.start = append(l.start, i+1)
		}
	}
	return l
}

// position is the line and column of offset: its line, and one more than
// the characters before it on that line.
func (l lineIndex) position(offset int) Position {
	line := 0
	for line+1 < len(l.start) && l.start[line+1] <= offset {
		line++
	}
	return Position{Line: line + 1, Column: len([]rune(l.doc[l.start[line]:offset])) + 1}
}
