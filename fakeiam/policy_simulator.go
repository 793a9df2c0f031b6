package fakeiam

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam/internal/policyeval"
)

// IAM's policy simulator: SimulateCustomPolicy and
// GetContextKeysForCustomPolicy for policies given in the request,
// SimulatePrincipalPolicy and GetContextKeysForPrincipalPolicy for a
// user's, group's or role's own, with IAM's checks in IAM's order
// (docs/contract.md, "Policy simulator"). The
// evaluation is internal/policyeval's, the one AWS's evaluation logic of
// the fake. Tests: policy_simulator_test.go.

// The policy simulator's operations.
const (
	SimulateCustomPolicy          Operation = "SimulateCustomPolicy"
	GetContextKeysForCustomPolicy Operation = "GetContextKeysForCustomPolicy"
)

func init() {
	// AccessDenied names resource * (recorded: docs/contract.md).
	register(opSpec[iam.SimulateCustomPolicyInput, iam.SimulateCustomPolicyOutput]{Name: SimulateCustomPolicy, Handle: (*Fake).simulateCustomPolicy,
		Resource: func(*Fake, *attempt, *iam.SimulateCustomPolicyInput) string { return "*" }})
	register(opSpec[iam.GetContextKeysForCustomPolicyInput, iam.GetContextKeysForCustomPolicyOutput]{Name: GetContextKeysForCustomPolicy, Handle: (*Fake).getContextKeysForCustomPolicy,
		Resource: func(*Fake, *attempt, *iam.GetContextKeysForCustomPolicyInput) string { return "*" }})
}

// simulatedPolicies compiles the documents of one input list (named
// list, as SourcePolicyId names them: "PolicyInputList"), each checked as
// an inline identity policy is (policy_documents.go).
func simulatedPolicies(list string, docs []string) ([]*policyeval.Policy, []string, *Error) {
	policies := make([]*policyeval.Policy, 0, len(docs))
	ids := make([]string, 0, len(docs))
	for i, doc := range docs {
		p := simulatedDocuments.get(doc)
		if p == nil {
			if err := checkPolicyDocument(doc, inlinePolicy); err != nil {
				return nil, nil, err
			}
			var err error
			if p, err = policyeval.Parse(doc); err != nil {
				return nil, nil, errMalformedPolicy(msgPolicySyntax)
			}
			simulatedDocuments.put(doc, p)
		}
		policies = append(policies, p)
		ids = append(ids, list+"."+strconv.Itoa(i+1))
	}
	return policies, ids, nil
}

// simulatedDocuments are the documents the simulator last checked and
// compiled, by their exact text: a test asks about one policy again and
// again (an action at a time, its context keys, then the simulation), and
// a document is checked once. What a check refuses is not kept. Compiled
// policies are read-only (their caches guard themselves), so fakes share
// them.
var simulatedDocuments = &documentMemo{max: 1 << 20, byText: map[string]*policyeval.Policy{}}

// documentMemo keeps compiled documents up to max bytes of their text,
// dropping the oldest first.
type documentMemo struct {
	mu     sync.Mutex
	max    int
	size   int
	byText map[string]*policyeval.Policy
	order  []string // oldest first
}

func (m *documentMemo) get(doc string) *policyeval.Policy {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.byText[doc]
}

func (m *documentMemo) put(doc string, p *policyeval.Policy) {
	if len(doc) > m.max/8 { // a large document would push out many
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.byText[doc]; ok {
		return
	}
	for m.size+len(doc) > m.max && len(m.order) > 0 {
		oldest := m.order[0]
		m.order = m.order[1:]
		delete(m.byText, oldest)
		m.size -= len(oldest)
	}
	m.byText[doc] = p
	m.order = append(m.order, doc)
	m.size += len(doc)
}

// getContextKeysForCustomPolicy: (validation) → each document checked →
// the context keys they read, each once, in the order they name them.
func (f *Fake) getContextKeysForCustomPolicy(a *attempt, in *iam.GetContextKeysForCustomPolicyInput) (result[iam.GetContextKeysForCustomPolicyOutput], *Error) {
	var none result[iam.GetContextKeysForCustomPolicyOutput]
	policies, _, err := simulatedPolicies("PolicyInputList", in.PolicyInputList)
	if err != nil {
		return none, err
	}
	keys := policyeval.ContextKeys(policies)
	if keys == nil {
		keys = []string{}
	}
	return answerWith(keys, func(keys []string) *iam.GetContextKeysForCustomPolicyOutput {
		return &iam.GetContextKeysForCustomPolicyOutput{ContextKeyNames: append([]string{}, keys...)}
	}), nil
}

// simulation is what SimulateCustomPolicy decides from: the compiled
// policies of each input list with their SourcePolicyIds, and the
// request's resources, context and caller.
type simulation struct {
	identity, boundary []*policyeval.Policy
	identityIDs        []string
	boundaryIDs        []string
	resource           *policyeval.Policy // the resource-based policy; nil: none
	resources          []string           // ResourceArns; ["*"] when none given
	all                bool               // ResourceArns not given: *
	ctx                policyeval.Context
	caller             string
	// owner is the account of the simulated resources that do not name
	// theirs in their ARN: ResourceOwner's, else the caller's; cross says
	// of each resource whether its account is not the caller's.
	owner string
	cross []bool
	// decided are the decisions on every resource of the statements an
	// action selected, by the selection's key (action), which keyBuf
	// builds.
	decided map[string][]simulatedDecision
	keyBuf  []byte
	// missing are the context keys the policies read that the request
	// does not give: the same for every action and resource.
	missing []string
}

// simulationInput is what both simulations take besides their policies:
// SimulateCustomPolicy's and SimulatePrincipalPolicy's members of the same
// names.
type simulationInput struct {
	op                                    Operation
	boundaryDocs                          []string
	actions, resourceARNs                 []string
	resourcePolicy, resourceOwner, caller *string
	context                               []types.ContextEntry
	maxItems                              *int32
	marker                                *string
	// defaultCaller is the caller when CallerArn is not given; callerOK:
	// a ResourcePolicy may go without a CallerArn (SimulatePrincipalPolicy
	// of a user).
	defaultCaller string
	callerOK      bool
}

// simulateCustomPolicy: (validation) → each document checked (the
// identity policies, the boundaries, the resource policy) → a resource
// policy needs a CallerArn → the marker → a page of results, one per
// action.
func (f *Fake) simulateCustomPolicy(a *attempt, in *iam.SimulateCustomPolicyInput) (result[iam.SimulateCustomPolicyOutput], *Error) {
	var none result[iam.SimulateCustomPolicyOutput]
	var sim simulation
	var err *Error
	if sim.identity, sim.identityIDs, err = simulatedPolicies("PolicyInputList", in.PolicyInputList); err != nil {
		return none, err
	}
	page, err := f.simulate(a, &sim, simulationInput{op: SimulateCustomPolicy, boundaryDocs: in.PermissionsBoundaryPolicyInputList,
		actions: in.ActionNames, resourceARNs: in.ResourceArns, resourcePolicy: in.ResourcePolicy, resourceOwner: in.ResourceOwner,
		caller: in.CallerArn, context: in.ContextEntries, maxItems: in.MaxItems, marker: in.Marker, defaultCaller: a.who.ARN})
	if err != nil {
		return none, err
	}
	return answerWith(page, func(p simulatedPage) *iam.SimulateCustomPolicyOutput {
		out := &iam.SimulateCustomPolicyOutput{EvaluationResults: p.sdk()}
		out.IsTruncated, out.Marker = pageEnd(p.marker)
		return out
	}), nil
}

// simulate completes sim from in (its boundaries, resource policy, caller,
// resources and context) and decides a page of in's actions.
func (f *Fake) simulate(a *attempt, sim *simulation, in simulationInput) (simulatedPage, *Error) {
	var err *Error
	if len(in.boundaryDocs) > 0 { // given, they replace the principal's own (SimulatePrincipalPolicy)
		if sim.boundary, sim.boundaryIDs, err = simulatedPolicies("PermissionsBoundaryPolicyInputList", in.boundaryDocs); err != nil {
			return simulatedPage{}, err
		}
	}
	if in.resourcePolicy != nil {
		p, perr := policyeval.Parse(*in.resourcePolicy)
		if perr != nil {
			return simulatedPage{}, errMalformedPolicy(msgPolicySyntax)
		}
		if in.caller == nil && !in.callerOK {
			return simulatedPage{}, errSimulationNoCaller()
		}
		sim.resource = p
	}
	sim.caller = deref(in.caller)
	if in.caller != nil && !callerARN.MatchString(sim.caller) {
		return simulatedPage{}, errSimulationCaller()
	}
	if sim.caller == "" {
		sim.caller = in.defaultCaller
	}
	sim.owner = policyeval.AccountOf(sim.caller)
	if in.resourceOwner != nil {
		sim.owner = policyeval.AccountOf(*in.resourceOwner)
	}
	// ResourceArns of "*" alone is none given (API_EvaluationResult).
	sim.resources = in.resourceARNs
	sim.all = len(in.resourceARNs) == 0 || len(in.resourceARNs) == 1 && in.resourceARNs[0] == "*"
	if sim.all {
		sim.resources = []string{"*"}
	}
	// Whether each resource is another account's: once, not for each
	// action (the ARN names its account, else the owner's is).
	callerAccount := policyeval.AccountOf(sim.caller)
	sim.cross = make([]bool, len(sim.resources))
	for i, res := range sim.resources {
		owner := policyeval.AccountOf(res)
		if owner == "" { // the ARN names no account (S3's): ResourceOwner's, else the caller's
			owner = sim.owner
		}
		sim.cross[i] = owner != callerAccount
	}
	sim.ctx = policyeval.Context{}
	for _, e := range in.context {
		sim.ctx.Set(deref(e.ContextKeyName), e.ContextKeyValues...)
	}
	all := append(append([]*policyeval.Policy{}, sim.identity...), sim.boundary...)
	if sim.resource != nil {
		all = append(all, sim.resource)
	}
	if sim.missing = policyeval.MissingKeys(all, sim.ctx); sim.missing == nil {
		sim.missing = []string{}
	}

	start := 0
	if in.marker != nil {
		pos, ok := f.decodeMarker(in.op, a.who.Account, "", *in.marker)
		if !ok || pos.seq > uint64(len(in.actions)) {
			return simulatedPage{}, errValidation(msgInvalidMarker)
		}
		start = int(pos.seq)
	}
	end := min(start+pageLimit(in.maxItems, a), len(in.actions))
	page := simulatedPage{results: make([]simulatedAction, 0, end-start)}
	for _, action := range in.actions[start:end] {
		page.results = append(page.results, sim.action(action))
	}
	if end < len(in.actions) {
		page.marker = f.encodeMarker(in.op, a.who.Account, "", markerPos{date: time.Unix(0, 0), seq: uint64(end), id: in.actions[end-1]})
	}
	return page, nil
}

// sdk is the page's results as the SDK's, fresh.
func (p simulatedPage) sdk() []types.EvaluationResult {
	out := make([]types.EvaluationResult, len(p.results))
	for i := range p.results {
		out[i] = p.results[i].sdk()
	}
	return out
}

// callerARN is the form of a CallerArn: the ARN of an IAM user, group or
// role (the API reference of both simulations, as the SDK pinned in go.mod
// carries it; its older text allowed a user's only).
var callerARN = regexp.MustCompile(`^arn:aws:iam::\d{12}:(user|group|role)/`)

// simulatedPage is a page of SimulateCustomPolicy's results and the marker
// of what follows.
type simulatedPage struct {
	results []simulatedAction
	marker  string
}

// heldBytes is what p holds outside itself, counted as keptBytes' sizer
// counts it (strings' bytes, slices' capacity, what their elements hold;
// not what pointers point to), without its reflection: a simulation of
// 100 actions on 10 resources keeps some 1,100 decisions, and reflecting
// over them was a sixth of the operation's time (BenchmarkPairedRatios/
// op/SimulatePrincipalPolicy). TestSimulatedPageHeldBytes keeps the two
// counts equal.
func (p *simulatedPage) heldBytes() int {
	n := len(p.marker) + cap(p.results)*int(unsafe.Sizeof(simulatedAction{}))
	for i := range p.results {
		r := &p.results[i]
		n += len(r.action) + len(r.resource) + r.decision.heldBytes() + cap(r.perResource)*int(unsafe.Sizeof(simulatedDecision{}))
		for j := range r.perResource {
			n += r.perResource[j].heldBytes()
		}
	}
	return n
}

func (d *simulatedDecision) heldBytes() int {
	n := len(d.resource) + len(d.decision) + cap(d.matched)*int(unsafe.Sizeof(simulatedStatement{})) + cap(d.missing)*int(unsafe.Sizeof(""))
	for _, m := range d.matched {
		n += len(m.source) + len(m.kind)
	}
	for _, k := range d.missing {
		n += len(k)
	}
	return n
}

// simulatedAction is the result for one action: the aggregate over its
// resources and, when ResourceArns were given, each resource's.
type simulatedAction struct {
	action, resource string // EvalActionName, EvalResourceName
	decision         simulatedDecision
	perResource      []simulatedDecision // nil: ResourceArns not given
	details          bool                // EvalDecisionDetails present (empty): resource ARNs, one account
	boundary         *bool               // AllowedByPermissionsBoundary over every resource; nil: no boundary given
}

// simulatedDecision is one decision with the statements that made it and
// the context keys missing for it.
type simulatedDecision struct {
	resource string
	decision policyeval.Decision
	matched  []simulatedStatement
	missing  []string
	boundary *bool
	cross    bool // across accounts: the resource's is not the caller's
}

type simulatedStatement struct {
	source     string // SourcePolicyId
	kind       string // SourcePolicyType
	start, end policyeval.Position
}

// The SourcePolicyType of a given policy's statement: "IAM Policy", as
// IAM answers for PolicyInputList's (recorded: docs/contract.md); the
// boundaries' the same, the resource policy's "Resource Policy" (choices).
const (
	identityPolicyType = "IAM Policy"
	resourcePolicyType = "Resource Policy"
)

// restrictiveness orders decisions for the aggregate over resources: the
// most restrictive wins (API_EvaluationResult).
func restrictiveness(d policyeval.Decision) int {
	switch d {
	case policyeval.ExplicitDeny:
		return 2
	case policyeval.ImplicitDeny:
		return 1
	}
	return 0
}

// prepared are a simulation's policies narrowed to one action's
// statements.
type prepared struct{ identity, boundary, resource policyeval.Prepared }

// action decides action on every resource of the simulation.
func (sim *simulation) action(action string) simulatedAction {
	out := simulatedAction{action: action, resource: sim.resources[0], details: !sim.all}
	p := prepared{identity: policyeval.Prepare(sim.identity, action), boundary: policyeval.Prepare(sim.boundary, action)}
	if sim.resource != nil {
		p.resource = policyeval.Prepare([]*policyeval.Policy{sim.resource}, action)
	}
	if !sim.all {
		out.perResource = make([]simulatedDecision, 0, len(sim.resources))
	}
	// Actions that select the same statements are decided alike on every
	// resource: decided once (a simulation of 100 actions often has a
	// handful of distinct selections).
	sim.keyBuf = p.resource.AppendKey(p.boundary.AppendKey(p.identity.AppendKey(sim.keyBuf[:0])))
	key := string(sim.keyBuf)
	decided, known := sim.decided[key]
	if !known {
		decided = make([]simulatedDecision, len(sim.resources))
		for i, res := range sim.resources {
			decided[i] = sim.decide(p, action, res, sim.cross[i])
		}
		if sim.decided == nil {
			sim.decided = map[string][]simulatedDecision{}
		}
		sim.decided[key] = decided
	}
	for i := range sim.resources {
		d := decided[i]
		if i == 0 || restrictiveness(d.decision) > restrictiveness(out.decision.decision) {
			out.decision.decision, out.decision.matched = d.decision, d.matched
		}
		out.decision.missing = d.missing // every resource reads the same keys: the aggregate's too (API_EvaluationResult)
		if d.boundary != nil && (out.boundary == nil || *out.boundary) {
			out.boundary = d.boundary // allowed by the boundaries on every resource, or not
		}
		out.details = out.details && !d.cross
		if !sim.all {
			out.perResource = append(out.perResource, d)
		}
	}
	return out
}

// decide is AWS's evaluation within one account (or, cross, across two:
// the resource's account is not the caller's): an explicit deny in any policy wins; else the
// identity policies' allow, within the permissions boundary, or the
// resource policy's allow (in one account, alone; across accounts, both
// are needed).
func (sim *simulation) decide(p prepared, action, resource string, cross bool) simulatedDecision {
	req := policyeval.Request{Action: action, Resource: resource, Context: sim.ctx, Caller: sim.caller, Bounded: len(sim.boundary) > 0}
	identity := p.identity.Evaluate(req)
	d := simulatedDecision{resource: resource, missing: sim.missing, cross: cross}
	var boundary, res policyeval.Result
	if len(sim.boundary) > 0 {
		boundary = p.boundary.Evaluate(req)
		allowed := boundary.Decision == policyeval.Allowed
		d.boundary = &allowed
	}
	if sim.resource != nil {
		res = p.resource.Evaluate(req)
	}
	resourceIDs := []string{"ResourcePolicy"}
	resourcePolicies := []*policyeval.Policy{sim.resource}
	// Explicit denies, from every kind of policy.
	if identity.Decision == policyeval.ExplicitDeny || boundary.Decision == policyeval.ExplicitDeny || res.Decision == policyeval.ExplicitDeny {
		d.decision = policyeval.ExplicitDeny
		if identity.Decision == policyeval.ExplicitDeny {
			d.add(identity, sim.identity, sim.identityIDs)
		}
		if boundary.Decision == policyeval.ExplicitDeny {
			d.add(boundary, sim.boundary, sim.boundaryIDs)
		}
		if res.Decision == policyeval.ExplicitDeny {
			d.add(res, resourcePolicies, resourceIDs)
		}
		return d
	}
	identityAllows := identity.Decision == policyeval.Allowed && (d.boundary == nil || *d.boundary)
	resourceAllows := res.Decision == policyeval.Allowed
	if resourceAllows && d.boundary != nil && !*d.boundary && !grantsToUser(sim.resource, res, sim.caller) {
		// Only a grant to the IAM user's own ARN escapes an implicit deny
		// in the boundary; one to a role's ARN (or to *, or the account:
		// choice) does not (reference_policies_evaluation-logic_denyallow).
		resourceAllows = false
	}
	switch {
	case d.cross && identityAllows && resourceAllows, !d.cross && (identityAllows || resourceAllows):
		d.decision = policyeval.Allowed
		if identityAllows {
			d.add(identity, sim.identity, sim.identityIDs)
		}
		if resourceAllows {
			d.add(res, resourcePolicies, resourceIDs)
		}
	default:
		d.decision = policyeval.ImplicitDeny
	}
	return d
}

// grantsToUser reports whether an allowing statement of r, a decision of
// the resource policy pol, names caller, an IAM user's ARN, in its
// Principal.
func grantsToUser(pol *policyeval.Policy, r policyeval.Result, caller string) bool {
	rest, ok := strings.CutPrefix(caller, "arn:aws:iam::")
	if _, resource, found := strings.Cut(rest, ":"); !ok || !found || !strings.HasPrefix(resource, "user/") {
		return false
	}
	for _, m := range r.Matched {
		if st := &pol.Statements[m.Statement]; st.Principals != nil && !st.NotPrincipal && slices.Contains(st.Principals.AWS, caller) {
			return true
		}
	}
	return false
}

// add adds the statements that made r's decision to d's.
func (d *simulatedDecision) add(r policyeval.Result, policies []*policyeval.Policy, ids []string) {
	kind := identityPolicyType
	if ids[0] == "ResourcePolicy" {
		kind = resourcePolicyType
	}
	for _, m := range r.Matched {
		s := &policies[m.Policy].Statements[m.Statement]
		d.matched = append(d.matched, simulatedStatement{source: ids[m.Policy], kind: kind, start: s.Start, end: s.End})
	}
}

// sdk is the SDK's EvaluationResult for r, fresh.
func (r *simulatedAction) sdk() types.EvaluationResult {
	action, resource := r.action, r.resource
	out := types.EvaluationResult{EvalActionName: &action, EvalResourceName: &resource,
		EvalDecision:         types.PolicyEvaluationDecisionType(r.decision.decision),
		MatchedStatements:    r.decision.sdkStatements(),
		MissingContextValues: append([]string{}, r.decision.missing...)}
	if r.details {
		out.EvalDecisionDetails = map[string]types.PolicyEvaluationDecisionType{}
	}
	if r.boundary != nil {
		out.PermissionsBoundaryDecisionDetail = &types.PermissionsBoundaryDecisionDetail{AllowedByPermissionsBoundary: *r.boundary}
	}
	if r.perResource != nil {
		out.ResourceSpecificResults = make([]types.ResourceSpecificResult, len(r.perResource))
		names := make([]string, len(r.perResource)) // one allocation for all the pointers below
		for i, d := range r.perResource {
			names[i] = d.resource
			rs := types.ResourceSpecificResult{EvalResourceName: &names[i], EvalResourceDecision: types.PolicyEvaluationDecisionType(d.decision),
				MatchedStatements: d.sdkStatements(), MissingContextValues: append([]string{}, d.missing...)}
			if d.boundary != nil {
				rs.PermissionsBoundaryDecisionDetail = &types.PermissionsBoundaryDecisionDetail{AllowedByPermissionsBoundary: *d.boundary}
			}
			out.ResourceSpecificResults[i] = rs
		}
	}
	return out
}

func (d *simulatedDecision) sdkStatements() []types.Statement {
	out := make([]types.Statement, len(d.matched))
	if len(out) == 0 {
		return out
	}
	// One allocation each for the ids and the positions the statements
	// point to.
	ids, positions := make([]string, len(out)), make([]types.Position, 2*len(out))
	for i, m := range d.matched {
		ids[i] = m.source
		positions[2*i] = types.Position{Line: int32(m.start.Line), Column: int32(m.start.Column)}
		positions[2*i+1] = types.Position{Line: int32(m.end.Line), Column: int32(m.end.Column)}
		out[i] = types.Statement{SourcePolicyId: &ids[i], SourcePolicyType: types.PolicySourceType(m.kind),
			StartPosition: &positions[2*i], EndPosition: &positions[2*i+1]}
	}
	return out
}

// IAM's policy simulator for a principal's policies:
// SimulatePrincipalPolicy and GetContextKeysForPrincipalPolicy.
const (
	SimulatePrincipalPolicy          Operation = "SimulatePrincipalPolicy"
	GetContextKeysForPrincipalPolicy Operation = "GetContextKeysForPrincipalPolicy"
)

func init() {
	// AccessDenied names the PolicySourceArn as given (choice).
	register(opSpec[iam.SimulatePrincipalPolicyInput, iam.SimulatePrincipalPolicyOutput]{Name: SimulatePrincipalPolicy, Handle: (*Fake).simulatePrincipalPolicy,
		Resource: func(_ *Fake, _ *attempt, in *iam.SimulatePrincipalPolicyInput) string {
			return deref(in.PolicySourceArn)
		}})
	register(opSpec[iam.GetContextKeysForPrincipalPolicyInput, iam.GetContextKeysForPrincipalPolicyOutput]{Name: GetContextKeysForPrincipalPolicy,
		Handle: (*Fake).getContextKeysForPrincipalPolicy,
		Resource: func(_ *Fake, _ *attempt, in *iam.GetContextKeysForPrincipalPolicyInput) string {
			return deref(in.PolicySourceArn)
		}})
}

// sourcedPolicies are a principal's policies as the simulator includes
// them, compiled, with their SourcePolicyIds, and its permissions boundary.
type sourcedPolicies struct {
	policies   []*policyeval.Policy
	ids        []string
	boundary   *policyeval.Policy // nil: none
	boundaryID string
	arn        string
}

// add adds a stored policy as id: doc compiled once, the first time a
// simulation reads it, into cache (checked when it was stored, a document
// the evaluator cannot read is a PolicyEvaluation error).
func (s *sourcedPolicies) add(id, doc string, cache *atomic.Pointer[policyeval.Policy]) *Error {
	p, err := compiledOnce(doc, cache)
	if err != nil {
		return err
	}
	s.policies, s.ids = append(s.policies, p), append(s.ids, id)
	return nil
}

// compiledOnce is doc compiled, from cache when a simulation did it before
// (compiled policies are read-only: answers share them).
func compiledOnce(doc string, cache *atomic.Pointer[policyeval.Policy]) (*policyeval.Policy, *Error) {
	if p := cache.Load(); p != nil {
		return p, nil
	}
	p, err := policyeval.Parse(doc)
	if err != nil {
		return nil, errPolicyEvaluation()
	}
	cache.Store(p)
	return p, nil
}

// addEntity adds an entity's inline policies, as
// <kind>_<entity>_<policy> (recorded: docs/contract.md), then its attached
// managed policies' default versions, by name.
func (s *sourcedPolicies) addEntity(kind, name string, inline *inlinePolicies, attached []*customerPolicy) *Error {
	for _, p := range inline.list {
		if err := s.add(kind+"_"+name+"_"+p.name, p.doc, &p.compiled); err != nil {
			return err
		}
	}
	for _, p := range attached {
		if err := s.add(p.name, p.def.document, &p.def.compiled); err != nil {
			return err
		}
	}
	return nil
}

// principalPolicies gathers the policies of the user, group or role arn
// names, in the caller's account (its exact ARN: another account's, or
// another path, is no such entity): a user's own, then each of its groups'
// (by name), as the simulator takes them (API_SimulatePrincipalPolicy: "If
// you specify a user, the simulation also includes all policies that are
// attached to any groups the user belongs to"). Takes the read lock.
func (f *Fake) principalPolicies(caller *principal, arn string) (sourcedPolicies, *Error) {
	s := sourcedPolicies{arn: arn}
	parts, ok := splitARN(arn)
	if !ok || parts.service != "iam" {
		return s, errSimulationSource()
	}
	kind, rest, _ := strings.Cut(parts.resource, "/")
	name := rest[strings.LastIndexByte(rest, '/')+1:]
	if name == "" { // no entity named ("user", "role/"): not a principal's ARN
		return s, errSimulationSource()
	}
	f.mu.RLock()
	defer f.mu.RUnlock()
	if err := f.current(caller); err != nil {
		return s, err
	}
	acct := caller.account
	var err *Error
	switch kind {
	case "user":
		u := acct.user(name)
		if u == nil || u.arn != arn {
			return s, errNoSuchUser(name)
		}
		err = s.addPrincipal(u)
	case "group":
		g := acct.group(name)
		if g == nil || g.arn != arn {
			return s, errNoSuchGroup(name)
		}
		err = s.addEntity("group", g.name, &g.inline, g.policies)
	case "role":
		r := acct.role(name)
		if r == nil || r.role.arn != arn {
			return s, errNoSuchRole(name)
		}
		err = s.addPrincipal(r)
	default:
		return s, errSimulationSource()
	}
	return s, err
}

// addPrincipal adds a user's or role's policies: its own, then for a user
// each of its groups' (by name), and its permissions boundary. The
// simulator and enforcement (enforcement.go) read a principal's policies
// with it. Call with Fake.mu held.
func (s *sourcedPolicies) addPrincipal(p *principal) *Error {
	kind := "user"
	if p.kind == kindRole {
		kind = "role"
	}
	err := s.addEntity(kind, p.name, &p.inline, p.policies)
	for _, g := range p.groups {
		if err != nil {
			break
		}
		err = s.addEntity("group", g.name, &g.inline, g.policies)
	}
	return s.setBoundary(p.boundary, err)
}

// setBoundary compiles the principal's permissions boundary, named by its
// policy's name (choice), unless err.
func (s *sourcedPolicies) setBoundary(b *customerPolicy, err *Error) *Error {
	if err != nil || b == nil {
		return err
	}
	p, perr := compiledOnce(b.def.document, &b.def.compiled)
	if perr != nil {
		return perr
	}
	s.boundary, s.boundaryID = p, b.name
	return nil
}

// simulatePrincipalPolicy: (validation) → the principal exists → the
// documents given checked → as SimulateCustomPolicy, with the principal's
// policies before PolicyInputList's, its boundary unless
// PermissionsBoundaryPolicyInputList replaces it, and, for a user, the
// user as the caller when CallerArn is not given.
func (f *Fake) simulatePrincipalPolicy(a *attempt, in *iam.SimulatePrincipalPolicyInput) (result[iam.SimulatePrincipalPolicyOutput], *Error) {
	var none result[iam.SimulatePrincipalPolicyOutput]
	src, err := f.principalPolicies(a.caller, *in.PolicySourceArn)
	if err != nil {
		return none, err
	}
	extra, extraIDs, err := simulatedPolicies("PolicyInputList", in.PolicyInputList)
	if err != nil {
		return none, err
	}
	sim := simulation{identity: append(src.policies, extra...), identityIDs: append(src.ids, extraIDs...)}
	if src.boundary != nil {
		sim.boundary, sim.boundaryIDs = []*policyeval.Policy{src.boundary}, []string{src.boundaryID}
	}
	if len(in.PolicyExclusionList) > 0 {
		return none, errUnsupportedParameter(SimulatePrincipalPolicy, "PolicyExclusionList")
	}
	// CallerArn defaults to the user, group or role simulated
	// (API_SimulatePrincipalPolicy).
	page, err := f.simulate(a, &sim, simulationInput{op: SimulatePrincipalPolicy, boundaryDocs: in.PermissionsBoundaryPolicyInputList,
		actions: in.ActionNames, resourceARNs: in.ResourceArns, resourcePolicy: in.ResourcePolicy, resourceOwner: in.ResourceOwner,
		caller: in.CallerArn, context: in.ContextEntries, maxItems: in.MaxItems, marker: in.Marker, defaultCaller: src.arn, callerOK: true})
	if err != nil {
		return none, err
	}
	return answerWith(page, func(p simulatedPage) *iam.SimulatePrincipalPolicyOutput {
		out := &iam.SimulatePrincipalPolicyOutput{EvaluationResults: p.sdk()}
		out.IsTruncated, out.Marker = pageEnd(p.marker)
		return out
	}), nil
}

// getContextKeysForPrincipalPolicy: (validation) → the principal exists →
// the documents given checked → the context keys of its policies, then of
// PolicyInputList's, then of its boundary's, each once.
func (f *Fake) getContextKeysForPrincipalPolicy(a *attempt, in *iam.GetContextKeysForPrincipalPolicyInput) (result[iam.GetContextKeysForPrincipalPolicyOutput], *Error) {
	var none result[iam.GetContextKeysForPrincipalPolicyOutput]
	// A principal's own keys asked for again, the model unchanged, are the
	// answer shared (sharedAnswer), for a caller still current (Reset).
	// The generation is read before principalPolicies reads the model.
	own := len(in.PolicyInputList) == 0
	key := contextKeysKey{caller: a.caller, arn: *in.PolicySourceArn}
	f.mu.RLock()
	gen := f.mu.gen.Load()
	if own && f.current(a.caller) == nil {
		if r, ok := answerShared[iam.GetContextKeysForPrincipalPolicyOutput](&f.contextKeys, gen, key); ok {
			f.mu.RUnlock()
			return r, nil
		}
	}
	f.mu.RUnlock()
	src, err := f.principalPolicies(a.caller, *in.PolicySourceArn)
	if err != nil {
		return none, err
	}
	extra, _, err := simulatedPolicies("PolicyInputList", in.PolicyInputList)
	if err != nil {
		return none, err
	}
	all := append(src.policies, extra...)
	if src.boundary != nil { // its keys are missing values to SimulatePrincipalPolicy too
		all = append(all, src.boundary)
	}
	keys := policyeval.ContextKeys(all)
	if keys == nil {
		keys = []string{}
	}
	r := answerWith(keys, func(keys []string) *iam.GetContextKeysForPrincipalPolicyOutput {
		return &iam.GetContextKeysForPrincipalPolicyOutput{ContextKeyNames: append([]string{}, keys...)}
	})
	if own {
		keepShared(&f.contextKeys, gen, key, r)
	}
	return r, nil
}

// contextKeysKey is what a GetContextKeysForPrincipalPolicy shared answer
// for a principal's own policies was asked: by the caller (its account)
// for the principal's ARN.
type contextKeysKey struct {
	caller *principal
	arn    string
}
