package fakeiam

import (
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam/internal/deepcopy"
	"github.com/fakeaws/fakeaws/fakeiam/internal/policyeval"
)

// Customer managed policies: CreatePolicy, GetPolicy, ListPolicies,
// DeletePolicy and their versions (CreatePolicyVersion, GetPolicyVersion,
// ListPolicyVersions, DeletePolicyVersion, SetDefaultPolicyVersion), with
// IAM's checks in IAM's order (docs/contract.md, "Managed policies"). A
// policy is the account's, named uniquely ignoring case, and listed by name
// ignoring case; its ARN is arn:aws:iam::<account>:policy<path><name>.
// Attachments to users, groups and roles: policy_attachments.go;
// permissions boundaries: permissions_boundaries.go; tags: policy_tags.go.
// AWS managed policies (arn:aws:iam::aws:policy/...) resolve through the
// same lookup (policyByARN; aws_managed_policies.go). Their tests:
// managed_policies_test.go.

// The managed-policy operations.
const (
	CreatePolicy            Operation = "CreatePolicy"
	GetPolicy               Operation = "GetPolicy"
	ListPolicies            Operation = "ListPolicies"
	DeletePolicy            Operation = "DeletePolicy"
	CreatePolicyVersion     Operation = "CreatePolicyVersion"
	GetPolicyVersion        Operation = "GetPolicyVersion"
	ListPolicyVersions      Operation = "ListPolicyVersions"
	DeletePolicyVersion     Operation = "DeletePolicyVersion"
	SetDefaultPolicyVersion Operation = "SetDefaultPolicyVersion"
)

func init() {
	// AccessDenied's resource: the policy's ARN (CreatePolicy: the ARN it
	// would have; ListPolicies: the account's policy ARN prefix).
	register(opSpec[iam.CreatePolicyInput, iam.CreatePolicyOutput]{Name: CreatePolicy, Handle: (*Fake).createPolicy,
		Resource: func(_ *Fake, a *attempt, in *iam.CreatePolicyInput) string {
			return policyARN(a.who.Account, pathOr(in.Path), deref(in.PolicyName))
		}})
	register(opSpec[iam.GetPolicyInput, iam.GetPolicyOutput]{Name: GetPolicy, Handle: (*Fake).getManagedPolicy,
		Named: named{"PolicyArn", ""}})
	register(opSpec[iam.ListPoliciesInput, iam.ListPoliciesOutput]{Name: ListPolicies, Handle: (*Fake).listPolicies,
		Resource: func(_ *Fake, a *attempt, in *iam.ListPoliciesInput) string {
			return policyARN(a.who.Account, pathOr(in.PathPrefix), "")
		}})
	register(opSpec[iam.DeletePolicyInput, iam.DeletePolicyOutput]{Name: DeletePolicy, Handle: (*Fake).deleteManagedPolicy,
		Named: named{"PolicyArn", ""}})
	register(opSpec[iam.CreatePolicyVersionInput, iam.CreatePolicyVersionOutput]{Name: CreatePolicyVersion, Handle: (*Fake).createPolicyVersion,
		Named: named{"PolicyArn", ""}})
	register(opSpec[iam.GetPolicyVersionInput, iam.GetPolicyVersionOutput]{Name: GetPolicyVersion, Handle: (*Fake).getPolicyVersion,
		Named: named{"PolicyArn", ""}})
	register(opSpec[iam.ListPolicyVersionsInput, iam.ListPolicyVersionsOutput]{Name: ListPolicyVersions, Handle: (*Fake).listPolicyVersions,
		Named: named{"PolicyArn", ""}})
	register(opSpec[iam.DeletePolicyVersionInput, iam.DeletePolicyVersionOutput]{Name: DeletePolicyVersion, Handle: (*Fake).deletePolicyVersion,
		Named: named{"PolicyArn", ""}})
	register(opSpec[iam.SetDefaultPolicyVersionInput, iam.SetDefaultPolicyVersionOutput]{Name: SetDefaultPolicyVersion, Handle: (*Fake).setDefaultPolicyVersion,
		Named: named{"PolicyArn", ""}})
}

// IAM's quotas on customer managed policies (docs: "IAM and AWS STS
// quotas"; PoliciesQuota and VersionsPerPolicyQuota in GetAccountSummary).
const (
	defaultPoliciesPerAccount = 1500
	versionsPerPolicy         = 5
)

// customerPolicy is a customer managed policy of an account. Its fields are
// written in place under the write lock; answers capture values
// (customerPolicyView), never the record.
type customerPolicy struct {
	name, path, id, arn, description string
	created, updated                 time.Time
	account                          *account
	// versions newest first, as ListPolicyVersions lists them; made
	// numbers them (v1, v2, ...): a deleted version's number is never
	// given again. An AWS managed policy's holds its default alone: read
	// its versions with versionList.
	versions []*policyVersion
	made     int
	def      *policyVersion
	tags     []types.Tag // in the order given; replaced whole, never written
	// users and groups it is attached to, by name ignoring case
	// (policy_attachments.go).
	users  []*principal
	groups []*group
	// roles it is attached to, by name ignoring case
	// (policy_attachments.go); bounded: the users and roles whose
	// permissions boundary it is, by name ignoring case
	// (permissions_boundaries.go).
	roles, bounded []*principal
	// tagsByKey is tags sorted by key, made by the first ListPolicyTags
	// after they change (policy_tags.go); nil: not made yet.
	tagsByKey atomic.Pointer[[]sortedTag]
	// aws: an AWS managed policy's record in this account
	// (aws_managed_policies.go), awsIndex its place in the catalog;
	// unattachable: IsAttachable false.
	aws, unattachable bool
	awsIndex          int
}

// policyVersion is one version of a managed policy: immutable.
type policyVersion struct {
	id       string // "v<n>"
	document string // as the caller gave it, byte for byte
	created  time.Time
	encoded  string // when set, document URL-encoded (an AWS managed policy's: aws_managed_policies.go)
	// lazy is document URL-encoded when encoded is not set, made by the
	// first answer that shows it (GetPolicyVersion,
	// GetAccountAuthorizationDetails: encodedDoc).
	lazy atomic.Pointer[string]
	// compiled is document as the evaluator reads it, made by the first
	// simulation that reads it (policy_simulator.go), shared after: a
	// version's document never changes.
	compiled atomic.Pointer[policyeval.Policy]
}

func policyARN(acct, path, name string) string {
	return "arn:aws:iam::" + acct + ":policy" + path + name
}

// attachments is the policy's AttachmentCount.
func (p *customerPolicy) attachments() int { return len(p.users) + len(p.groups) + len(p.roles) }

// policyByARN finds the caller's account's policy with that ARN; nil when
// none has it (another account's, a malformed ARN). An AWS managed policy
// is the account's record of it, or a fresh one not kept (attachablePolicy
// keeps it).
func (a *account) policyByARN(arn string) *customerPolicy {
	if isAWSPolicyARN(arn) {
		return a.awsPolicyByARN(arn) // aws_managed_policies.go
	}
	// arn:aws:iam::<account>:policy<path><name>: the name is after the
	// last slash.
	i := strings.LastIndexByte(arn, '/')
	if i < 0 {
		return nil
	}
	p := a.policies[strings.ToLower(arn[i+1:])]
	if p == nil || p.arn != arn {
		return nil
	}
	return p
}

// addPolicy puts p into its account's indexes, in listing order.
func (a *account) addPolicy(p *customerPolicy) {
	if a.policies == nil {
		a.policies = map[string]*customerPolicy{}
	}
	a.policies[strings.ToLower(p.name)] = p
	a.policyList = addByName(a.policyList, p, managedPolicyName) // in place (state.go: account)
}

// removePolicy takes p out of its account's indexes.
func (a *account) removePolicy(p *customerPolicy) {
	delete(a.policies, strings.ToLower(p.name))
	a.policyList = removeFrom(a.policyList, p)
}

// addVersion gives p a new version, newest first, and makes it the default
// when asDefault.
func (p *customerPolicy) addVersion(document string, now time.Time, asDefault bool) *policyVersion {
	p.made++
	v := &policyVersion{id: "v" + strconv.Itoa(p.made), document: document, created: now}
	p.versions = slices.Insert(slices.Clone(p.versions), 0, v)
	if asDefault {
		p.def, p.updated = v, now
	}
	return v
}

// versionList is p's versions, newest first: an AWS managed policy's are
// the catalog's, its default and the older ones the snapshot's history
// holds (aws_managed_policies.go).
func (p *customerPolicy) versionList() []*policyVersion {
	if p.aws {
		return awsVersionList(p.awsIndex)
	}
	return p.versions
}

// version finds p's version by id; nil when there is none. The default
// first: an AWS managed policy's other versions are read from the
// catalog's history only when one is asked for.
func (p *customerPolicy) version(id string) *policyVersion {
	if p.def != nil && p.def.id == id {
		return p.def
	}
	for _, v := range p.versionList() {
		if v.id == id {
			return v
		}
	}
	return nil
}

// newPolicyIDLocked is a new policy id: ANPA and 17 characters of A-Z and
// 2-7, as IAM's.
func (f *Fake) newPolicyIDLocked() string { return "ANPA" + f.ids.next("policy", 17) }

// customerPolicyView is a policy as an answer captured it: values.
type customerPolicyView struct {
	name, path, id, arn, description, defaultVersion string
	created, updated                                 time.Time
	attachments                                      int32
	boundaries                                       int32       // users and roles it bounds (permissions_boundaries.go)
	tags                                             []types.Tag // never written: replaced whole
	unattachable                                     bool        // an AWS managed policy's IsAttachable false
}

func viewPolicy(p *customerPolicy) customerPolicyView {
	return customerPolicyView{name: p.name, path: p.path, id: p.id, arn: p.arn, description: p.description, defaultVersion: p.def.id,
		created: p.created, updated: p.updated, attachments: int32(min(p.attachments(), 1<<31-1)), tags: p.tags, unattachable: p.unattachable,
		boundaries: int32(min(len(p.bounded), 1<<31-1))}
}

// policyFields says which of a Policy's optional members an answer shows:
// GetPolicy shows the description and the tags (an empty list when none),
// CreatePolicy the tags it was given (recorded: not the description),
// ListPolicies neither.
type policyFields uint8

const (
	policyListed policyFields = iota
	policyCreated
	policyGot
)

// policyHolder holds what a fresh Policy's pointers point to.
type policyHolder struct {
	name, path, id, arn, description, def string
	created, updated                      time.Time
	attachments, boundaries               int32
	attachable                            bool
}

// sdk is the SDK's Policy, fresh: one allocation for its strings.
func (v *customerPolicyView) sdk(fields policyFields) types.Policy {
	return v.fill(new(policyHolder), fields)
}

// fill is the SDK's Policy, its pointers into s: a page's policies share
// one allocation (policiesPage.build).
func (v *customerPolicyView) fill(s *policyHolder, fields policyFields) types.Policy {
	s.name, s.path, s.id, s.arn, s.description, s.def = v.name, v.path, v.id, v.arn, v.description, v.defaultVersion
	s.created, s.updated, s.attachments, s.attachable = v.created, v.updated, v.attachments, !v.unattachable
	s.boundaries = v.boundaries
	p := types.Policy{PolicyName: &s.name, Path: &s.path, PolicyId: &s.id, Arn: &s.arn, DefaultVersionId: &s.def,
		CreateDate: &s.created, UpdateDate: &s.updated, AttachmentCount: &s.attachments,
		PermissionsBoundaryUsageCount: &s.boundaries, IsAttachable: s.attachable}
	switch fields {
	case policyGot:
		if v.description != "" {
			p.Description = &s.description
		}
		p.Tags = freshTags(v.tags) // [] when none
	case policyCreated:
		if len(v.tags) > 0 {
			p.Tags = freshTags(v.tags)
		}
	}
	return p
}

// createPolicy: (validation) → the document (IAM's checks for a managed
// policy, policy_documents.go) → its size quota → the tags' rules → name
// taken → the account's quota → the policy, its document as v1, the
// default. The order of the document and the name: choice.
func (f *Fake) createPolicy(a *attempt, in *iam.CreatePolicyInput) (result[iam.CreatePolicyOutput], *Error) {
	var none result[iam.CreatePolicyOutput]
	if err := checkManagedDocument(*in.PolicyDocument); err != nil {
		return none, err
	}
	if err := checkCaseKeptTagRules(in.Tags); err != nil {
		return none, err
	}
	now := f.nowFor(a)
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	acct := a.caller.account
	if acct.policies[strings.ToLower(*in.PolicyName)] != nil {
		return none, errPolicyExists(*in.PolicyName)
	}
	if len(acct.policyList) >= acct.policyQuota {
		return none, errPolicyQuota(acct.policyQuota)
	}
	p := &customerPolicy{name: *in.PolicyName, path: pathOr(in.Path), id: f.newPolicyIDLocked(), created: now, account: acct,
		description: deref(in.Description), tags: deepcopy.Value(in.Tags)}
	p.arn = policyARN(acct.id, p.path, p.name)
	p.addVersion(*in.PolicyDocument, now, true)
	acct.addPolicy(p)
	return answerWith(viewPolicy(p), func(v customerPolicyView) *iam.CreatePolicyOutput {
		pol := v.sdk(policyCreated)
		return &iam.CreatePolicyOutput{Policy: &pol}
	}), nil
}

// checkManagedDocument checks a managed policy's document as IAM does
// (policy_documents.go), then its size against IAM's quota of 6,144
// characters, white space between tokens not counted.
func checkManagedDocument(doc string) *Error {
	size, err := checkPolicy(doc, managedPolicy)
	if err != nil {
		return err
	}
	if size > managedPolicySizeQuota {
		return errManagedPolicySizeQuota(managedPolicySizeQuota)
	}
	return nil
}

// policyOf finds the caller's account's policy named by arn, or IAM's
// NoSuchEntity "Policy <arn> was not found." Call with f.mu held.
func (f *Fake) policyOf(caller *principal, arn string) (*customerPolicy, *Error) {
	if err := f.current(caller); err != nil {
		return nil, err
	}
	p := caller.account.policyByARN(arn)
	if p == nil {
		return nil, errNoSuchPolicy(arn)
	}
	return p, nil
}

// getManagedPolicy: (validation) → policy exists → the policy, with its
// description and tags.
func (f *Fake) getManagedPolicy(a *attempt, in *iam.GetPolicyInput) (result[iam.GetPolicyOutput], *Error) {
	var none result[iam.GetPolicyOutput]
	f.mu.RLock()
	defer f.mu.RUnlock()
	p, err := f.policyOf(a.caller, *in.PolicyArn)
	if err != nil {
		return none, err
	}
	return answerWith(viewPolicy(p), func(v customerPolicyView) *iam.GetPolicyOutput {
		pol := v.sdk(policyGot)
		return &iam.GetPolicyOutput{Policy: &pol}
	}), nil
}

// policiesPage is a page of policies as an answer captured it.
type policiesPage struct {
	page   []customerPolicyView
	marker string
}

// fitted is the page in an array of its own length when filters left
// much of the one reserved for it empty.
func (l policiesPage) fitted() policiesPage {
	l.page = ownArray(l.page, cap(l.page))
	return l
}

// build is ListPolicies' answer for the page: every policy's strings,
// dates and counts in one allocation.
func (l policiesPage) build() *iam.ListPoliciesOutput {
	out := &iam.ListPoliciesOutput{Policies: make([]types.Policy, len(l.page))}
	held := make([]policyHolder, len(l.page))
	for i := range l.page {
		out.Policies[i] = l.page[i].fill(&held[i], policyListed)
	}
	out.IsTruncated, out.Marker = pageEnd(l.marker)
	return out
}

// heldBytes is what keptBytes's reflective sizer counts for the page
// (strings' bytes, slices' capacity), without its reflection: over a
// 100-policy page the reflection was about a sixth of ListPolicies' share
// over its floor (BenchmarkPairedRatios/op/ListPolicies).
// TestPoliciesPageHeldBytes keeps the two counts equal.
func (l *policiesPage) heldBytes() int {
	n := len(l.marker) + cap(l.page)*int(unsafe.Sizeof(customerPolicyView{}))
	for i := range l.page {
		v := &l.page[i]
		n += len(v.name) + len(v.path) + len(v.id) + len(v.arn) + len(v.description) + len(v.defaultVersion) +
			cap(v.tags)*int(unsafe.Sizeof(types.Tag{}))
	}
	return n
}

// listPolicies: (validation) → marker → the account's policies (Scope
// Local; AWS and All: aws_managed_policies.go) whose path starts with
// PathPrefix, attached ones only with OnlyAttached, by name ignoring case,
// without description or tags.
func (f *Fake) listPolicies(a *attempt, in *iam.ListPoliciesInput) (result[iam.ListPoliciesOutput], *Error) {
	var none result[iam.ListPoliciesOutput]
	limit := pageLimit(in.MaxItems, a)
	prefix := pathOr(in.PathPrefix)
	onlyAttached := in.OnlyAttached
	boundaries := in.PolicyUsageFilter == types.PolicyUsageTypePermissionsBoundary
	f.mu.RLock()
	defer f.mu.RUnlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	acct := a.caller.account
	items := acct.policyList
	keep := func(p *customerPolicy) bool {
		if !strings.HasPrefix(p.path, prefix) {
			return false
		}
		if onlyAttached {
			// Attached as what the usage filter asks: as a permissions
			// policy, as a boundary, or (no filter) either.
			switch {
			case boundaries:
				return len(p.bounded) > 0
			case in.PolicyUsageFilter == types.PolicyUsageTypePermissionsPolicy:
				return p.attachments() > 0
			}
			return p.attachments() > 0 || len(p.bounded) > 0
		}
		return true
	}
	// The marker is bound to the filters: another listing's is refused.
	bound := string(in.Scope) + "/" + strconv.FormatBool(onlyAttached) + "/" + string(in.PolicyUsageFilter)
	if in.Scope != types.PolicyScopeTypeLocal { // AWS, All (the default): aws_managed_policies.go
		return f.listWithAWSPolicies(acct, in, keep, bound, limit)
	}
	name := func(p *customerPolicy) string { return p.name }
	start, err := nameStart(f, ListPolicies, acct.id, bound, items, name, in.Marker)
	if err != nil {
		return none, err
	}
	end, next := nameEnd(f, ListPolicies, acct.id, bound, items, name, keep, start, limit)
	l := policiesPage{page: make([]customerPolicyView, 0, end-start), marker: next}
	for _, p := range items[start:end] {
		if keep(p) {
			l.page = append(l.page, viewPolicy(p))
		}
	}
	return answerWith(l.fitted(), policiesPage.build), nil
}

// deleteManagedPolicy: (validation) → policy exists → not attached → no version
// but the default → gone, with its versions.
func (f *Fake) deleteManagedPolicy(a *attempt, in *iam.DeletePolicyInput) (result[iam.DeletePolicyOutput], *Error) {
	var none result[iam.DeletePolicyOutput]
	if err := refuseAWSPolicyWrite(a, DeletePolicy, *in.PolicyArn); err != nil {
		return none, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	p, err := f.policyOf(a.caller, *in.PolicyArn)
	if err != nil {
		return none, err
	}
	if p.attachments() > 0 || len(p.bounded) > 0 { // a boundary too (permissions_boundaries.go)
		return none, errPolicyAttached()
	}
	if len(p.versions) > 1 {
		return none, errPolicyHasVersions()
	}
	p.account.removePolicy(p)
	return answerEmpty[iam.DeletePolicyOutput](), nil
}

// policyVersionView is a version as an answer captured it.
type policyVersionView struct {
	id, document string // document already URL-encoded; "" in lists
	created      time.Time
	isDefault    bool
}

func viewVersion(p *customerPolicy, v *policyVersion, withDocument bool) policyVersionView {
	view := policyVersionView{id: v.id, created: v.created, isDefault: v == p.def}
	if withDocument {
		view.document = v.encodedDoc() // made once (account_authorization_details.go)
	}
	return view
}

// sdk is the SDK's PolicyVersion, fresh; the document only when captured.
func (v *policyVersionView) sdk() types.PolicyVersion {
	s := new(struct {
		id, document string
		created      time.Time
	})
	s.id, s.document, s.created = v.id, v.document, v.created
	out := types.PolicyVersion{VersionId: &s.id, CreateDate: &s.created, IsDefaultVersion: v.isDefault}
	if v.document != "" {
		out.Document = &s.document
	}
	return out
}

// createPolicyVersion: (validation) → policy exists → the document and its
// size quota → the quota of five versions → the new version (the default
// with SetAsDefault), numbered after every version the policy ever had.
// The document is checked before the lock is taken; its result is
// reported in that order.
func (f *Fake) createPolicyVersion(a *attempt, in *iam.CreatePolicyVersionInput) (result[iam.CreatePolicyVersionOutput], *Error) {
	var none result[iam.CreatePolicyVersionOutput]
	if err := refuseAWSPolicyWrite(a, CreatePolicyVersion, *in.PolicyArn); err != nil {
		return none, err
	}
	bad := checkManagedDocument(*in.PolicyDocument)
	now := f.nowFor(a)
	f.mu.Lock()
	defer f.mu.Unlock()
	p, err := f.policyOf(a.caller, *in.PolicyArn)
	if err != nil {
		return none, err
	}
	if bad != nil {
		return none, bad
	}
	if quota := p.account.versionQuota; len(p.versions) >= quota {
		return none, errPolicyVersionQuota(quota)
	}
	v := p.addVersion(*in.PolicyDocument, now, in.SetAsDefault)
	return answerWith(viewVersion(p, v, false), func(v policyVersionView) *iam.CreatePolicyVersionOutput {
		pv := v.sdk()
		return &iam.CreatePolicyVersionOutput{PolicyVersion: &pv}
	}), nil
}

// versionOf finds the version of the policy named by arn; either missing
// is IAM's NoSuchEntity naming both (recorded). Call with f.mu held.
func (f *Fake) versionOf(caller *principal, arn, id string) (*customerPolicy, *policyVersion, *Error) {
	if err := f.current(caller); err != nil {
		return nil, nil, err
	}
	p := caller.account.policyByARN(arn)
	if p == nil {
		return nil, nil, errNoSuchPolicyVersion(arn, id)
	}
	v := p.version(id)
	if v == nil {
		return nil, nil, errNoSuchPolicyVersion(arn, id)
	}
	return p, v, nil
}

// getPolicyVersion: (validation) → policy and version exist → the version
// with its document, URL-encoded as IAM answers it.
func (f *Fake) getPolicyVersion(a *attempt, in *iam.GetPolicyVersionInput) (result[iam.GetPolicyVersionOutput], *Error) {
	var none result[iam.GetPolicyVersionOutput]
	f.mu.RLock()
	defer f.mu.RUnlock()
	p, v, err := f.versionOf(a.caller, *in.PolicyArn, *in.VersionId)
	if err != nil {
		return none, err
	}
	return answerWith(viewVersion(p, v, true), func(v policyVersionView) *iam.GetPolicyVersionOutput {
		pv := v.sdk()
		return &iam.GetPolicyVersionOutput{PolicyVersion: &pv}
	}), nil
}

// policyVersionsPage is a page of versions as an answer captured it.
type policyVersionsPage struct {
	page   []policyVersionView
	marker string
}

// listPolicyVersions: (validation) → policy exists → marker (bound to the
// policy) → its versions newest first, without documents.
func (f *Fake) listPolicyVersions(a *attempt, in *iam.ListPolicyVersionsInput) (result[iam.ListPolicyVersionsOutput], *Error) {
	var none result[iam.ListPolicyVersionsOutput]
	limit := pageLimit(in.MaxItems, a)
	f.mu.RLock()
	defer f.mu.RUnlock()
	p, err := f.policyOf(a.caller, *in.PolicyArn)
	if err != nil {
		return none, err
	}
	acct, versions := p.account.id, p.versionList()
	start := 0
	if in.Marker != nil {
		pos, ok := f.decodeMarker(ListPolicyVersions, acct, p.id, *in.Marker)
		if !ok {
			return none, errValidation(msgInvalidMarker)
		}
		// Newest first: continue with the first version older than the
		// marker's.
		start = len(versions)
		if i := slices.IndexFunc(versions, func(v *policyVersion) bool { return versionNumber(v) < int(pos.seq) }); i >= 0 {
			start = i
		}
	}
	end := min(start+limit, len(versions))
	l := policyVersionsPage{page: make([]policyVersionView, end-start)}
	for i, v := range versions[start:end] {
		l.page[i] = viewVersion(p, v, false)
	}
	if end < len(versions) {
		last := versions[end-1]
		l.marker = f.encodeMarker(ListPolicyVersions, acct, p.id, markerPos{seq: uint64(versionNumber(last)), id: last.id})
	}
	return answerWith(l, func(l policyVersionsPage) *iam.ListPolicyVersionsOutput {
		out := &iam.ListPolicyVersionsOutput{Versions: make([]types.PolicyVersion, len(l.page))}
		for i := range l.page {
			out.Versions[i] = l.page[i].sdk()
		}
		out.IsTruncated, out.Marker = pageEnd(l.marker)
		return out
	}), nil
}

// versionNumber is n of a version id "v<n>".
func versionNumber(v *policyVersion) int {
	n, _ := strconv.Atoi(v.id[1:])
	return n
}

// deletePolicyVersion: (validation) → policy and version exist → not the
// default → gone (its number is not given again).
func (f *Fake) deletePolicyVersion(a *attempt, in *iam.DeletePolicyVersionInput) (result[iam.DeletePolicyVersionOutput], *Error) {
	var none result[iam.DeletePolicyVersionOutput]
	if err := refuseAWSPolicyWrite(a, DeletePolicyVersion, *in.PolicyArn); err != nil {
		return none, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	p, v, err := f.versionOf(a.caller, *in.PolicyArn, *in.VersionId)
	if err != nil {
		return none, err
	}
	if v == p.def {
		return none, errDeleteDefaultVersion()
	}
	p.versions = slices.DeleteFunc(slices.Clone(p.versions), func(e *policyVersion) bool { return e == v })
	return answerEmpty[iam.DeletePolicyVersionOutput](), nil
}

// setDefaultPolicyVersion: (validation) → policy and version exist → the
// default (already the default: nothing changes). The policy's UpdateDate
// is when its default last changed (choice).
func (f *Fake) setDefaultPolicyVersion(a *attempt, in *iam.SetDefaultPolicyVersionInput) (result[iam.SetDefaultPolicyVersionOutput], *Error) {
	var none result[iam.SetDefaultPolicyVersionOutput]
	if err := refuseAWSPolicyWrite(a, SetDefaultPolicyVersion, *in.PolicyArn); err != nil {
		return none, err
	}
	now := f.nowFor(a)
	f.mu.Lock()
	defer f.mu.Unlock()
	p, v, err := f.versionOf(a.caller, *in.PolicyArn, *in.VersionId)
	if err != nil {
		return none, err
	}
	if v != p.def {
		p.def, p.updated = v, now
	}
	return answerEmpty[iam.SetDefaultPolicyVersionOutput](), nil
}

// policyVersionsInUse is GetAccountSummary's PolicyVersionsInUse: every
// version of the account's customer managed policies (choice: IAM's
// definition is not documented beyond its quota's).
func policyVersionsInUse(a *account) int {
	n := 0
	for _, p := range a.policyList {
		n += len(p.versions)
	}
	return n
}
