package fakeiam

import (
	"regexp"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam/internal/policyeval"
)

// IAM's policy simulator for policies given in the request:
// SimulateCustomPolicy and GetContextKeysForCustomPolicy, with IAM's
// checks in IAM's order (docs/contract.md, "Policy simulator"). The
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
		if err := checkPolicyDocument(doc, inlinePolicy); err != nil {
			return nil, nil, err
		}
		p, err := policyeval.Parse(doc)
		if err != nil {
			return nil, nil, errMalformedPolicy(msgPolicySyntax)
		}
		policies = append(policies, p)
		ids = append(ids, list+"."+strconv.Itoa(i+1))
	}
	return policies, ids, nil
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
	// theirs in their ARN: ResourceOwner's, else the caller's.
	owner string
	// missing are the context keys the policies read that the request
	// does not give: the same for every action and resource.
	missing []string
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
	if sim.boundary, sim.boundaryIDs, err = simulatedPolicies("PermissionsBoundaryPolicyInputList", in.PermissionsBoundaryPolicyInputList); err != nil {
		return none, err
	}
	if in.ResourcePolicy != nil {
		p, perr := policyeval.Parse(*in.ResourcePolicy)
		if perr != nil {
			return none, errMalformedPolicy(msgPolicySyntax)
		}
		if in.CallerArn == nil {
			return none, errSimulationNoCaller()
		}
		sim.resource = p
	}
	sim.caller = deref(in.CallerArn)
	if in.CallerArn != nil && !iamUserARN.MatchString(sim.caller) {
		return none, errSimulationCallerNotUser()
	}
	if sim.caller == "" {
		sim.caller = a.who.ARN
	}
	sim.owner = policyeval.AccountOf(sim.caller)
	if in.ResourceOwner != nil {
		sim.owner = policyeval.AccountOf(*in.ResourceOwner)
	}
	// ResourceArns of "*" alone is none given (API_EvaluationResult).
	sim.resources = in.ResourceArns
	sim.all = len(in.ResourceArns) == 0 || len(in.ResourceArns) == 1 && in.ResourceArns[0] == "*"
	if sim.all {
		sim.resources = []string{"*"}
	}
	sim.ctx = policyeval.Context{}
	for _, e := range in.ContextEntries {
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
	if in.Marker != nil {
		pos, ok := f.decodeMarker(SimulateCustomPolicy, a.who.Account, "", *in.Marker)
		if !ok || pos.seq > uint64(len(in.ActionNames)) {
			return none, errValidation(msgInvalidMarker)
		}
		start = int(pos.seq)
	}
	end := min(start+pageLimit(in.MaxItems, a), len(in.ActionNames))
	page := simulatedPage{results: make([]simulatedAction, 0, end-start)}
	for _, action := range in.ActionNames[start:end] {
		page.results = append(page.results, sim.action(action))
	}
	if end < len(in.ActionNames) {
		page.marker = f.encodeMarker(SimulateCustomPolicy, a.who.Account, "", markerPos{date: time.Unix(0, 0), seq: uint64(end), id: in.ActionNames[end-1]})
	}
	return answerWith(page, func(p simulatedPage) *iam.SimulateCustomPolicyOutput {
		out := &iam.SimulateCustomPolicyOutput{EvaluationResults: make([]types.EvaluationResult, len(p.results))}
		for i := range p.results {
			out.EvaluationResults[i] = p.results[i].sdk()
		}
		out.IsTruncated, out.Marker = pageEnd(p.marker)
		return out
	}), nil
}

// iamUserARN is the form of a CallerArn: an IAM user's ARN
// (API_SimulateCustomPolicy: "You can specify only the ARN of an IAM
// user").
var iamUserARN = regexp.MustCompile(`^arn:aws:iam::\d{12}:user/`)

// simulatedPage is a page of SimulateCustomPolicy's results and the marker
// of what follows.
type simulatedPage struct {
	results []simulatedAction
	marker  string
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
	for i, res := range sim.resources {
		d := sim.decide(p, action, res)
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

// decide is AWS's evaluation within one account (or, with a ResourceOwner
// of another, across two): an explicit deny in any policy wins; else the
// identity policies' allow, within the permissions boundary, or the
// resource policy's allow (in one account, alone; across accounts, both
// are needed).
func (sim *simulation) decide(p prepared, action, resource string) simulatedDecision {
	req := policyeval.Request{Action: action, Resource: resource, Context: sim.ctx, Caller: sim.caller, Bounded: len(sim.boundary) > 0}
	identity := p.identity.Evaluate(req)
	owner := policyeval.AccountOf(resource)
	if owner == "" { // the ARN names no account (S3's): ResourceOwner's, else the caller's
		owner = sim.owner
	}
	d := simulatedDecision{resource: resource, missing: sim.missing, cross: owner != policyeval.AccountOf(sim.caller)}
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
		for i, d := range r.perResource {
			name := d.resource
			rs := types.ResourceSpecificResult{EvalResourceName: &name, EvalResourceDecision: types.PolicyEvaluationDecisionType(d.decision),
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
	for i, m := range d.matched {
		id := m.source
		out[i] = types.Statement{SourcePolicyId: &id, SourcePolicyType: types.PolicySourceType(m.kind),
			StartPosition: &types.Position{Line: int32(m.start.Line), Column: int32(m.start.Column)},
			EndPosition:   &types.Position{Line: int32(m.end.Line), Column: int32(m.end.Column)}}
	}
	return out
}
