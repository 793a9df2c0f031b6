package fakeiam

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// Managed policies attached to users and groups: AttachUserPolicy,
// DetachUserPolicy, ListAttachedUserPolicies, AttachGroupPolicy,
// DetachGroupPolicy, ListAttachedGroupPolicies, ListEntitiesForPolicy
// (docs/contract.md, "Managed policies"). An attachment is kept on both
// sides, by name ignoring case: the policy's users and groups, and each
// user's and group's policies; roles' below.
// Their tests: policy_attachments_test.go.

// The attachment operations.
const (
	AttachUserPolicy          Operation = "AttachUserPolicy"
	DetachUserPolicy          Operation = "DetachUserPolicy"
	ListAttachedUserPolicies  Operation = "ListAttachedUserPolicies"
	AttachGroupPolicy         Operation = "AttachGroupPolicy"
	DetachGroupPolicy         Operation = "DetachGroupPolicy"
	ListAttachedGroupPolicies Operation = "ListAttachedGroupPolicies"
	ListEntitiesForPolicy     Operation = "ListEntitiesForPolicy"
)

func init() {
	register(opSpec[iam.AttachUserPolicyInput, iam.AttachUserPolicyOutput]{Name: AttachUserPolicy, Handle: (*Fake).attachUserPolicy})
	register(opSpec[iam.DetachUserPolicyInput, iam.DetachUserPolicyOutput]{Name: DetachUserPolicy, Handle: (*Fake).detachUserPolicy})
	register(opSpec[iam.ListAttachedUserPoliciesInput, iam.ListAttachedUserPoliciesOutput]{Name: ListAttachedUserPolicies, Handle: (*Fake).listAttachedUserPolicies})
	register(opSpec[iam.AttachGroupPolicyInput, iam.AttachGroupPolicyOutput]{Name: AttachGroupPolicy, Handle: (*Fake).attachGroupPolicy,
		Named: named{"GroupName", "group "}})
	register(opSpec[iam.DetachGroupPolicyInput, iam.DetachGroupPolicyOutput]{Name: DetachGroupPolicy, Handle: (*Fake).detachGroupPolicy,
		Named: named{"GroupName", "group "}})
	register(opSpec[iam.ListAttachedGroupPoliciesInput, iam.ListAttachedGroupPoliciesOutput]{Name: ListAttachedGroupPolicies, Handle: (*Fake).listAttachedGroupPolicies,
		Named: named{"GroupName", "group "}})
	register(opSpec[iam.ListEntitiesForPolicyInput, iam.ListEntitiesForPolicyOutput]{Name: ListEntitiesForPolicy, Handle: (*Fake).listEntitiesForPolicy,
		Named: named{"PolicyArn", ""}})
}

// defaultAttachedPolicies is IAM's quota of managed policies attached to
// one user, and to one group (AttachedPoliciesPerUserQuota,
// AttachedPoliciesPerGroupQuota in GetAccountSummary).
const defaultAttachedPolicies = 10

// insertByName puts item into items (sorted by name ignoring case) in its
// place, in a new slice: a kept answer never shares the array written.
func insertByName[T any](items []T, item T, name func(T) string) []T {
	return addByName(slices.Clip(items), item, name)
}

func managedPolicyName(p *customerPolicy) string { return p.name }
func groupName(g *group) string                  { return g.name }
func userName(u *principal) string               { return u.name }

// attachToUser attaches p to u, both sides.
func attachToUser(p *customerPolicy, u *principal) {
	u.policies = insertByName(u.policies, p, managedPolicyName)
	p.users = insertByName(p.users, u, userName)
}

// detachFromUser ends the attachment of p to u, both sides.
func detachFromUser(p *customerPolicy, u *principal) {
	u.policies = slices.DeleteFunc(slices.Clone(u.policies), func(e *customerPolicy) bool { return e == p })
	p.users = slices.DeleteFunc(slices.Clone(p.users), func(e *principal) bool { return e == u })
}

// attachToGroup attaches p to g, both sides.
func attachToGroup(p *customerPolicy, g *group) {
	g.policies = insertByName(g.policies, p, managedPolicyName)
	p.groups = insertByName(p.groups, g, groupName)
}

// detachFromGroup ends the attachment of p to g, both sides.
func detachFromGroup(p *customerPolicy, g *group) {
	g.policies = slices.DeleteFunc(slices.Clone(g.policies), func(e *customerPolicy) bool { return e == p })
	p.groups = slices.DeleteFunc(slices.Clone(p.groups), func(e *group) bool { return e == g })
}

// resortAttached puts a renamed user or group back in its place among the
// users or groups of each policy it holds: UpdateUser and UpdateGroup
// call them after a rename.
func resortAttachedUser(u *principal) {
	resortBounded(u) // its boundary (permissions_boundaries.go)
	for _, p := range u.policies {
		p.users = slices.DeleteFunc(slices.Clone(p.users), func(e *principal) bool { return e == u })
		p.users = insertByName(p.users, u, userName)
	}
}

func resortAttachedGroup(g *group) {
	for _, p := range g.policies {
		p.groups = slices.DeleteFunc(slices.Clone(p.groups), func(e *group) bool { return e == g })
		p.groups = insertByName(p.groups, g, groupName)
	}
}

// attachablePolicy finds the policy an Attach call names, or IAM's
// NoSuchEntity "does not exist or is not attachable" (recorded); an ARN
// that does not parse is IAM's ValidationError (recorded). An AWS managed
// policy's record is kept in the account from here on
// (aws_managed_policies.go). A service-linked role's policy (under
// /aws-service-role/) is for its service's role only: IAM refuses it to
// the customer's entities, to (what the Attach call attaches it to:
// "Role", "User", "Group"). Call with f.mu held for writing.
func attachablePolicy(acct *account, arn, to string) (*customerPolicy, *Error) {
	if !parsableARN(arn) {
		return nil, errInvalidARN(arn)
	}
	p := acct.policyByARN(arn)
	if p == nil || p.unattachable {
		return nil, errPolicyNotAttachable(arn)
	}
	if p.aws && strings.HasPrefix(arn, awsServiceRolePolicy) {
		return nil, errServiceRolePolicy(to)
	}
	if p.aws {
		acct.keepAWSPolicy(p)
	}
	return p, nil
}

// attachUserPolicy: (validation) → user exists → policy attachable →
// already attached: nothing to do → the user's quota → attached.
func (f *Fake) attachUserPolicy(a *attempt, in *iam.AttachUserPolicyInput) (result[iam.AttachUserPolicyOutput], *Error) {
	var none result[iam.AttachUserPolicyOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	u, err := f.resolveUser(a.caller, in.UserName)
	if err != nil {
		return none, err
	}
	p, err := attachablePolicy(u.account, *in.PolicyArn, "User")
	if err != nil {
		return none, err
	}
	if slices.Contains(u.policies, p) {
		return answerEmpty[iam.AttachUserPolicyOutput](), nil
	}
	if quota := u.account.policiesPerUser; len(u.policies) >= quota {
		return none, errAttachedPoliciesQuota("PoliciesPerUser", quota)
	}
	attachToUser(p, u)
	return answerEmpty[iam.AttachUserPolicyOutput](), nil
}

// detachUserPolicy: (validation) → user exists → the policy attached to
// it (else "Policy <arn> was not found.", choice) → detached.
func (f *Fake) detachUserPolicy(a *attempt, in *iam.DetachUserPolicyInput) (result[iam.DetachUserPolicyOutput], *Error) {
	var none result[iam.DetachUserPolicyOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	u, err := f.resolveUser(a.caller, in.UserName)
	if err != nil {
		return none, err
	}
	i := slices.IndexFunc(u.policies, func(p *customerPolicy) bool { return p.arn == *in.PolicyArn })
	if i < 0 {
		return none, errNoSuchPolicy(*in.PolicyArn)
	}
	detachFromUser(u.policies[i], u)
	return answerEmpty[iam.DetachUserPolicyOutput](), nil
}

// attachedPage is a page of attached policies as an answer captured it:
// each one's name and ARN.
type attachedPage struct {
	names, arns []string
	marker      string
}

// heldBytes is what keptBytes's reflective sizer counts for the page,
// without its reflection (as policiesPage's; TestAttachedPageHeldBytes
// keeps the two equal): on a page of ten it was some 0.01 of the
// ListAttached*Policies rows' ratios to their floors.
func (l *attachedPage) heldBytes() int {
	n := len(l.marker) + (cap(l.names)+cap(l.arns))*int(unsafe.Sizeof(""))
	for i := range l.names {
		n += len(l.names[i])
	}
	for i := range l.arns {
		n += len(l.arns[i])
	}
	return n
}

func (l attachedPage) sdk() []types.AttachedPolicy {
	out := make([]types.AttachedPolicy, len(l.names))
	strs := make([]string, 2*len(l.names))
	for i := range l.names {
		strs[2*i], strs[2*i+1] = l.names[i], l.arns[i]
		out[i] = types.AttachedPolicy{PolicyName: &strs[2*i], PolicyArn: &strs[2*i+1]}
	}
	return out
}

// attachedPolicies is a page of policies (sorted by name ignoring case)
// whose path starts with prefix, from marker: bound to op, the account and
// owner (the user's or group's id) and the prefix.
func attachedPolicies(f *Fake, op Operation, acct, owner string, policies []*customerPolicy, prefix string, marker *string, limit int) (attachedPage, *Error) {
	keep := pathFilter(prefix, func(p *customerPolicy) string { return p.path })
	var bound string // what a marker is bound to: made only when a marker is read or may be written
	if marker != nil || len(policies) > limit {
		bound = owner + "/" + prefix
	}
	start, err := nameStart(f, op, acct, bound, policies, managedPolicyName, marker)
	if err != nil {
		return attachedPage{}, err
	}
	end, next := nameEnd(f, op, acct, bound, policies, managedPolicyName, keep, start, limit)
	texts := make([]string, 0, 2*(end-start)) // the names, then the ARNs: one allocation
	l := attachedPage{marker: next}
	for _, p := range policies[start:end] {
		if keeps(keep, p) {
			texts = append(texts, p.name)
		}
	}
	l.names = texts[:len(texts):len(texts)]
	for _, p := range policies[start:end] {
		if keeps(keep, p) {
			texts = append(texts, p.arn)
		}
	}
	l.arns = texts[len(l.names):]
	return l, nil
}

// attachedKey is what an attached-policy list's shared answer was asked:
// a whole list (no marker), with that prefix and page size.
type attachedKey struct {
	prefix string
	limit  int
}

// attachedAnswer is the answer listing policies, a holder's, from marker
// with prefix and limit: a whole list asked for again while the model is
// unchanged is the answer kept in listed (sharedAnswer). Call with
// Fake.mu read-locked.
func attachedAnswer[Out any](f *Fake, op Operation, acct, owner string, policies []*customerPolicy, prefix string, marker *string, limit int,
	listed *atomic.Pointer[sharedAnswer[attachedKey]], build func(attachedPage) *Out) (result[Out], *Error) {
	gen, key := f.mu.gen.Load(), attachedKey{prefix, limit}
	if marker == nil {
		if r, ok := answerShared[Out](listed, gen, key); ok {
			return r, nil
		}
	}
	l, err := attachedPolicies(f, op, acct, owner, policies, prefix, marker, limit)
	if err != nil {
		return result[Out]{}, err
	}
	r := answerWith(l, build)
	if marker == nil && l.marker == "" {
		keepShared(listed, gen, key, r)
	}
	return r, nil
}

// listAttachedUserPolicies: (validation) → user exists → marker (bound to
// the user and PathPrefix) → its policies whose path starts with
// PathPrefix, by name ignoring case.
func (f *Fake) listAttachedUserPolicies(a *attempt, in *iam.ListAttachedUserPoliciesInput) (result[iam.ListAttachedUserPoliciesOutput], *Error) {
	var none result[iam.ListAttachedUserPoliciesOutput]
	limit := pageLimit(in.MaxItems, a)
	f.mu.RLock()
	defer f.mu.RUnlock()
	u, err := f.resolveUser(a.caller, in.UserName)
	if err != nil {
		return none, err
	}
	return attachedAnswer(f, ListAttachedUserPolicies, u.account.id, u.userID, u.policies, pathOr(in.PathPrefix), in.Marker, limit, &u.attachedListed,
		func(l attachedPage) *iam.ListAttachedUserPoliciesOutput {
			out := &iam.ListAttachedUserPoliciesOutput{AttachedPolicies: l.sdk()}
			out.IsTruncated, out.Marker = pageEnd(l.marker)
			return out
		})
}

// attachGroupPolicy: (validation) → group exists → policy attachable →
// already attached: nothing to do → the group's quota → attached.
func (f *Fake) attachGroupPolicy(a *attempt, in *iam.AttachGroupPolicyInput) (result[iam.AttachGroupPolicyOutput], *Error) {
	var none result[iam.AttachGroupPolicyOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	g, err := f.resolveGroup(a.caller, *in.GroupName)
	if err != nil {
		return none, err
	}
	p, err := attachablePolicy(g.account, *in.PolicyArn, "Group")
	if err != nil {
		return none, err
	}
	if slices.Contains(g.policies, p) {
		return answerEmpty[iam.AttachGroupPolicyOutput](), nil
	}
	if quota := g.account.policiesPerGroup; len(g.policies) >= quota {
		return none, errAttachedPoliciesQuota("PoliciesPerGroup", quota)
	}
	attachToGroup(p, g)
	return answerEmpty[iam.AttachGroupPolicyOutput](), nil
}

// detachGroupPolicy: (validation) → group exists → the policy attached to
// it → detached.
func (f *Fake) detachGroupPolicy(a *attempt, in *iam.DetachGroupPolicyInput) (result[iam.DetachGroupPolicyOutput], *Error) {
	var none result[iam.DetachGroupPolicyOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	g, err := f.resolveGroup(a.caller, *in.GroupName)
	if err != nil {
		return none, err
	}
	i := slices.IndexFunc(g.policies, func(p *customerPolicy) bool { return p.arn == *in.PolicyArn })
	if i < 0 {
		return none, errNoSuchPolicy(*in.PolicyArn)
	}
	detachFromGroup(g.policies[i], g)
	return answerEmpty[iam.DetachGroupPolicyOutput](), nil
}

// listAttachedGroupPolicies: as listAttachedUserPolicies, for a group.
func (f *Fake) listAttachedGroupPolicies(a *attempt, in *iam.ListAttachedGroupPoliciesInput) (result[iam.ListAttachedGroupPoliciesOutput], *Error) {
	var none result[iam.ListAttachedGroupPoliciesOutput]
	limit := pageLimit(in.MaxItems, a)
	f.mu.RLock()
	defer f.mu.RUnlock()
	g, err := f.resolveGroup(a.caller, *in.GroupName)
	if err != nil {
		return none, err
	}
	return attachedAnswer(f, ListAttachedGroupPolicies, g.account.id, g.id, g.policies, pathOr(in.PathPrefix), in.Marker, limit, &g.attachedListed,
		func(l attachedPage) *iam.ListAttachedGroupPoliciesOutput {
			out := &iam.ListAttachedGroupPoliciesOutput{AttachedPolicies: l.sdk()}
			out.IsTruncated, out.Marker = pageEnd(l.marker)
			return out
		})
}

// policyEntity is a user, group or role a policy is attached to (or
// bounds), as ListEntitiesForPolicy pages them: groups first, then users,
// then roles, each by name ignoring case (choice); key sorts them so. The
// path filter is applied before a page is cut, so a page keeps no paths:
// two strings an entity, which the call log holds for every page.
type policyEntity struct {
	name, id string
	kind     entityKind
}

// entityKind is which of a group, a user and a role a policyEntity is, in
// ListEntitiesForPolicy's order.
type entityKind uint8

const (
	entityGroup entityKind = iota + 1
	entityUser
	entityRole
)

// key is e's place in ListEntitiesForPolicy's order: its kind's digit
// ("1" a group, "2" a user, "3" a role), then its name.
func (e policyEntity) key() string { return string('0'+rune(e.kind)) + e.name }

// entitiesPage is a page of ListEntitiesForPolicy as captured.
type entitiesPage struct {
	page   []policyEntity
	marker string
}

// heldBytes is what keptBytes's reflective sizer counts for the page
// (strings' bytes, the slice's capacity), without its reflection, which
// over a 100-entity page was most of ListEntitiesForPolicy's share over
// its floor (BenchmarkPairedRatios/op/ListEntitiesForPolicy).
// TestEntitiesPageHeldBytes keeps the two counts equal.
func (l *entitiesPage) heldBytes() int {
	n := len(l.marker) + cap(l.page)*int(unsafe.Sizeof(policyEntity{}))
	for i := range l.page {
		e := &l.page[i]
		n += len(e.name) + len(e.id)
	}
	return n
}

// listEntitiesForPolicy: (validation) → policy exists → marker (bound to
// the policy and the filters) → the groups, then the users, then the roles
// it is attached to (PolicyUsageFilter PermissionsPolicy) or whose
// permissions boundary it is (PermissionsBoundary; neither: both, each
// entity once) (EntityFilter: one kind; LocalManagedPolicy,
// AWSManagedPolicy: none), whose path starts with PathPrefix.
func (f *Fake) listEntitiesForPolicy(a *attempt, in *iam.ListEntitiesForPolicyInput) (result[iam.ListEntitiesForPolicyOutput], *Error) {
	var none result[iam.ListEntitiesForPolicyOutput]
	limit := pageLimit(in.MaxItems, a)
	prefix := pathOr(in.PathPrefix)
	f.mu.RLock()
	defer f.mu.RUnlock()
	p, err := f.policyOf(a.caller, *in.PolicyArn)
	if err != nil {
		if err.Code == "NoSuchEntity" { // its own text (recorded: LocalStack's test_list_entities_for_policy_errors)
			err = errPolicyNotAttachable(*in.PolicyArn)
		}
		return none, err
	}
	var items []policyEntity
	groups := in.EntityFilter == "" || in.EntityFilter == types.EntityTypeGroup
	users := in.EntityFilter == "" || in.EntityFilter == types.EntityTypeUser
	roles := in.EntityFilter == "" || in.EntityFilter == types.EntityTypeRole
	if in.PolicyUsageFilter != types.PolicyUsageTypePermissionsBoundary {
		items = make([]policyEntity, 0, len(p.groups)+len(p.users)+len(p.roles))
		if groups {
			for _, g := range p.groups {
				if strings.HasPrefix(g.path, prefix) {
					items = append(items, policyEntity{name: g.name, id: g.id, kind: entityGroup})
				}
			}
		}
		if users {
			for _, u := range p.users {
				if strings.HasPrefix(entityPath(u), prefix) {
					items = append(items, policyEntity{name: u.name, id: u.userID, kind: entityUser})
				}
			}
		}
		if roles { // policy_attachments.go, role attachments
			for _, r := range p.roles {
				if strings.HasPrefix(entityPath(r), prefix) {
					items = append(items, roleEntity(r))
				}
			}
		}
	}
	if in.PolicyUsageFilter != types.PolicyUsageTypePermissionsPolicy && len(p.bounded) > 0 { // permissions_boundaries.go
		items = withBounded(items, p.bounded, users, roles, prefix)
	}
	bound := p.id + "/" + string(in.EntityFilter) + "/" + string(in.PolicyUsageFilter) + "/" + prefix
	start, err := nameStart(f, ListEntitiesForPolicy, p.account.id, bound, items, policyEntity.key, in.Marker)
	if err != nil {
		return none, err
	}
	end, next := nameEnd(f, ListEntitiesForPolicy, p.account.id, bound, items, policyEntity.key, nil, start, limit)
	l := entitiesPage{page: ownArray(items[start:end:end], len(items)), marker: next}
	return answerWith(l, func(l entitiesPage) *iam.ListEntitiesForPolicyOutput {
		users, roles := 0, 0
		for _, e := range l.page {
			switch e.kind {
			case entityUser:
				users++
			case entityRole:
				roles++
			}
		}
		out := &iam.ListEntitiesForPolicyOutput{PolicyGroups: make([]types.PolicyGroup, 0, len(l.page)-users-roles),
			PolicyUsers: make([]types.PolicyUser, 0, users), PolicyRoles: make([]types.PolicyRole, 0, roles)}
		strs := make([]string, 2*len(l.page)) // one allocation for every name and id
		for i, e := range l.page {
			name, id := &strs[2*i], &strs[2*i+1]
			*name, *id = e.name, e.id
			switch e.kind {
			case entityUser:
				out.PolicyUsers = append(out.PolicyUsers, types.PolicyUser{UserName: name, UserId: id})
			case entityRole:
				out.PolicyRoles = append(out.PolicyRoles, types.PolicyRole{RoleName: name, RoleId: id})
			default:
				out.PolicyGroups = append(out.PolicyGroups, types.PolicyGroup{GroupName: name, GroupId: id})
			}
		}
		out.IsTruncated, out.Marker = pageEnd(l.marker)
		return out
	}), nil
}

// Seeding.

// ManagedPolicySeed describes a customer managed policy to seed, its
// versions and what it is attached to (users and groups seeded in the same
// account):
//
//	fakeiam.ManagedPolicy("ReadOnly", `{"Version":"2012-10-17","Statement":[...]}`).
//		Path("/ops/").AttachedToUsers("Bob").AttachedToGroups("admins")
//
// Its methods return a new seed, as GroupSeed's do. New refuses what
// CreatePolicy, CreatePolicyVersion and the Attach calls would: a bad name,
// path or description, a name taken (ignoring case), more than five
// versions, an attachment to no user or group of the account or named
// twice, and the quotas of attached policies (PoliciesPerUser,
// PoliciesPerGroup lift them).
type ManagedPolicySeed struct {
	name, description string
	path              *string
	documents         []string // v1, v2, ...
	defaultVersion    string   // "": the last
	created           time.Time
	tags              []types.Tag
	users, groups     []string
	roles             []string // AttachedToRoles (role attachments, below)
}

// ManagedPolicy seeds a customer managed policy in the enclosing account
// (the default account outside Account) with document as its v1, the
// default, path "/", created when New runs, attached to nothing.
func ManagedPolicy(name, document string) *ManagedPolicySeed {
	return &ManagedPolicySeed{name: name, documents: []string{document}}
}

func (s *ManagedPolicySeed) clone() *ManagedPolicySeed {
	if s == nil {
		return &ManagedPolicySeed{}
	}
	c := *s
	c.documents, c.tags = slices.Clone(s.documents), slices.Clone(s.tags)
	c.users, c.groups = slices.Clone(s.users), slices.Clone(s.groups)
	c.roles = slices.Clone(s.roles)
	return &c
}

// Path returns the seed with its path set (default "/").
func (s *ManagedPolicySeed) Path(path string) *ManagedPolicySeed {
	c := s.clone()
	c.path = &path
	return c
}

// Description returns the seed with its description set.
func (s *ManagedPolicySeed) Description(d string) *ManagedPolicySeed {
	c := s.clone()
	c.description = d
	return c
}

// CreatedAt returns the seed with its creation date set (default: the
// fake's time when New runs); every version is dated so.
func (s *ManagedPolicySeed) CreatedAt(t time.Time) *ManagedPolicySeed {
	c := s.clone()
	c.created = t
	return c
}

// Versions returns the seed with more versions (v2, v3, ...) after its
// first; the last one is the default.
func (s *ManagedPolicySeed) Versions(documents ...string) *ManagedPolicySeed {
	c := s.clone()
	c.documents = append(c.documents, documents...)
	return c
}

// DefaultVersion returns the seed with its default version set (default:
// the last, "v<n>" of n documents).
func (s *ManagedPolicySeed) DefaultVersion(id string) *ManagedPolicySeed {
	c := s.clone()
	c.defaultVersion = id
	return c
}

// validVersionID says whether id names one of n versions: v1 to v<n>.
func validVersionID(id string, n int) bool {
	for i := 1; i <= n; i++ {
		if id == "v"+strconv.Itoa(i) {
			return true
		}
	}
	return false
}

// Tag returns the seed with a tag added.
func (s *ManagedPolicySeed) Tag(key, value string) *ManagedPolicySeed {
	c := s.clone()
	c.tags = append(c.tags, types.Tag{Key: &key, Value: &value})
	return c
}

// AttachedToUsers returns the seed attached to these users, by name.
func (s *ManagedPolicySeed) AttachedToUsers(users ...string) *ManagedPolicySeed {
	c := s.clone()
	c.users = append(c.users, users...)
	return c
}

// AttachedToGroups returns the seed attached to these groups, by name.
func (s *ManagedPolicySeed) AttachedToGroups(groups ...string) *ManagedPolicySeed {
	c := s.clone()
	c.groups = append(c.groups, groups...)
	return c
}

func (s *ManagedPolicySeed) configure(c *config) error {
	if s == nil {
		return errNilPolicySeed
	}
	c.current.policies = append(c.current.policies, s)
	return nil
}

// seedPolicies adds the account's seeded policies, their versions and
// attachments, after its users and groups, naming every problem of each.
func (f *Fake) seedPolicies(a *account, seeds []*ManagedPolicySeed, now time.Time, fail func(string, ...any)) {
	if len(seeds) > a.policyQuota {
		fail("account %s: %d managed policies exceed the quota of %d per account (PoliciesPerAccount lifts it)", a.id, len(seeds), a.policyQuota)
		return
	}
	for _, ps := range seeds {
		who := "account " + a.id + ": managed policy " + quote(ps.name)
		name := ps.name
		in := &iam.CreatePolicyInput{PolicyName: &name, Path: ps.path, Tags: ps.tags}
		if len(ps.documents) > 0 {
			in.PolicyDocument = &ps.documents[0]
		}
		if ps.description != "" {
			in.Description = &ps.description
		}
		bad := false
		if err := lookupOperation(CreatePolicy).check.check(in); err != nil {
			fail("%s: %s", who, err.Message)
			bad = true
		} else if err := checkCaseKeptTagRules(ps.tags); err != nil {
			fail("%s: tags: %s", who, err.Message)
			bad = true
		}
		for i, doc := range ps.documents {
			arn := policyARN(a.id, pathOr(ps.path), ps.name)
			if i > 0 {
				if err := lookupOperation(CreatePolicyVersion).check.check(&iam.CreatePolicyVersionInput{PolicyArn: &arn, PolicyDocument: &doc}); err != nil {
					fail("%s: version v%d: %s", who, i+1, err.Message)
					bad = true
					continue
				}
			} else if doc == "" {
				continue // the model's check above named it
			}
			if err := checkManagedDocument(doc); err != nil {
				fail("%s: version v%d: %s: %s", who, i+1, err.Code, err.Message)
				bad = true
			}
		}
		if len(ps.documents) > a.versionQuota {
			fail("%s: %d versions, over the quota of %d per policy (VersionsPerPolicy lifts it)", who, len(ps.documents), a.versionQuota)
			bad = true
		}
		if ps.defaultVersion != "" && !validVersionID(ps.defaultVersion, len(ps.documents)) {
			fail("%s: default version %q: the seed has v1 to v%d", who, ps.defaultVersion, len(ps.documents))
			bad = true
		}
		if dup := a.policies[strings.ToLower(ps.name)]; dup != nil {
			if dup.name == ps.name {
				fail("%s seeded twice", who)
			} else {
				fail("%s and managed policy %q: IAM policy names are unique regardless of case", who, dup.name)
			}
			bad = true
		}
		if bad {
			continue
		}
		created := now
		if !ps.created.IsZero() {
			created = ps.created.UTC().Truncate(time.Second)
		}
		p := &customerPolicy{name: ps.name, path: pathOr(ps.path), id: f.newPolicyIDLocked(), created: created, account: a,
			description: ps.description, tags: slices.Clone(ps.tags)}
		p.arn = policyARN(a.id, p.path, p.name)
		def := ps.defaultVersion
		if def == "" {
			def = "v" + strconv.Itoa(len(ps.documents))
		}
		for i, doc := range ps.documents {
			p.addVersion(doc, created, "v"+strconv.Itoa(i+1) == def)
		}
		a.addPolicy(p)
		seedAttachments(a, p, who, ps.users, ps.groups, fail)
	}
	checkAttachmentQuotas(a, nil, fail)
}

// seedAttachments attaches seeded policy p to the account's users and
// groups named, naming each that is none of the account's or named twice.
func seedAttachments(a *account, p *customerPolicy, who string, users, groups []string, fail func(string, ...any)) {
	for _, n := range users {
		u := a.user(n)
		switch {
		case u == nil:
			fail("%s: attached to user %q: no such user in the account", who, n)
		case slices.Contains(u.policies, p):
			fail("%s: attached to user %q twice", who, n)
		default:
			attachToUser(p, u)
		}
	}
	for _, n := range groups {
		g := a.group(n)
		switch {
		case g == nil:
			fail("%s: attached to group %q: no such group in the account", who, n)
		case slices.Contains(g.policies, p):
			fail("%s: attached to group %q twice", who, n)
		default:
			attachToGroup(p, g)
		}
	}
}

// checkAttachmentQuotas names each user and group of the account with more
// managed policies attached than its quota, but those over already (said
// by an earlier check).
func checkAttachmentQuotas(a *account, over map[any]bool, fail func(string, ...any)) {
	for _, u := range a.userList {
		if !over[u] && len(u.policies) > a.policiesPerUser {
			fail("%s: %d managed policies attached, over the quota of %d per user (PoliciesPerUser lifts it)", describePrincipal(u), len(u.policies), a.policiesPerUser)
		}
	}
	for _, g := range a.groupList {
		if !over[g] && len(g.policies) > a.policiesPerGroup {
			fail("account %s: group %q: %d managed policies attached, over the quota of %d per group (PoliciesPerGroup lifts it)", a.id, g.name, len(g.policies), a.policiesPerGroup)
		}
	}
}

var errNilPolicySeed = errors.New("nil managed policy seed")

func quote(s string) string { return strconv.Quote(s) }

// PoliciesPerAccount lifts (or lowers) IAM's quota of 1,500 customer
// managed policies per account, for seeds and CreatePolicy alike.
func PoliciesPerAccount(n int) Option {
	return policyQuotaOption("PoliciesPerAccount", n, func(s *accountSettings) **int { return &s.policyQuota })
}

// PoliciesPerUser lifts (or lowers) IAM's quota of 10 managed policies
// attached to one user, for seeds and AttachUserPolicy alike.
func PoliciesPerUser(n int) Option {
	return policyQuotaOption("PoliciesPerUser", n, func(s *accountSettings) **int { return &s.policiesPerUser })
}

// PoliciesPerGroup lifts (or lowers) IAM's quota of 10 managed policies
// attached to one group, for seeds and AttachGroupPolicy alike.
func PoliciesPerGroup(n int) Option {
	return policyQuotaOption("PoliciesPerGroup", n, func(s *accountSettings) **int { return &s.policiesPerGroup })
}

// VersionsPerPolicy lifts (or lowers) IAM's quota of 5 versions of one
// managed policy, for seeds and CreatePolicyVersion alike.
func VersionsPerPolicy(n int) Option {
	return policyQuotaOption("VersionsPerPolicy", n, func(s *accountSettings) **int { return &s.versionQuota })
}

func policyQuotaOption(name string, n int, field func(*accountSettings) **int) Option {
	return accountOption(func(s *accountSettings) error {
		if n < 0 {
			return fmt.Errorf("%s(%d): a quota is at least 0", name, n)
		}
		*field(s) = &n
		return nil
	})
}

// applyPolicyQuotas sets a's policy quotas that s sets.
func (s *accountSettings) applyPolicyQuotas(a *account) {
	for _, q := range []struct {
		set *int
		to  *int
	}{{s.policyQuota, &a.policyQuota}, {s.policiesPerUser, &a.policiesPerUser}, {s.policiesPerGroup, &a.policiesPerGroup}, {s.versionQuota, &a.versionQuota}, {s.policiesPerRole, &a.policiesPerRole}} {
		if q.set != nil {
			*q.to = *q.set
		}
	}
}

// Managed policies attached to roles: AttachRolePolicy, DetachRolePolicy,
// ListAttachedRolePolicies (docs/contract.md, "Role policies"), as the
// users' and groups' above; the roles among ListEntitiesForPolicy's
// entities. DeleteRole refuses while one remains (its check reads
// principal.policies). Seeding: ManagedPolicySeed.AttachedToRoles. Their
// tests: role_policies_test.go.

// The role attachment operations.
const (
	AttachRolePolicy         Operation = "AttachRolePolicy"
	DetachRolePolicy         Operation = "DetachRolePolicy"
	ListAttachedRolePolicies Operation = "ListAttachedRolePolicies"
)

func init() {
	register(opSpec[iam.AttachRolePolicyInput, iam.AttachRolePolicyOutput]{Name: AttachRolePolicy, Handle: (*Fake).attachRolePolicy,
		Named: named{"RoleName", "role "}})
	register(opSpec[iam.DetachRolePolicyInput, iam.DetachRolePolicyOutput]{Name: DetachRolePolicy, Handle: (*Fake).detachRolePolicy,
		Named: named{"RoleName", "role "}})
	register(opSpec[iam.ListAttachedRolePoliciesInput, iam.ListAttachedRolePoliciesOutput]{Name: ListAttachedRolePolicies, Handle: (*Fake).listAttachedRolePolicies,
		Named: named{"RoleName", "role "}})
}

// arnParts are an ARN's parts: arn:partition:service:region:account:resource.
type arnParts struct{ partition, service, region, account, resource string }

// splitARN reads arn as strings.SplitN(arn, ":", 6) would, without
// allocating its slice (a role's ARN is read on every AssumeRole): ok when
// arn has six parts, the first "arn".
func splitARN(arn string) (p arnParts, ok bool) {
	rest, ok := strings.CutPrefix(arn, "arn:")
	if !ok {
		return arnParts{}, false
	}
	for _, f := range [...]*string{&p.partition, &p.service, &p.region, &p.account} {
		if *f, rest, ok = strings.Cut(rest, ":"); !ok {
			return arnParts{}, false
		}
	}
	p.resource = rest
	return p, true
}

// parsableARN says whether arn has an ARN's six parts
// (arn:partition:service:region:account:resource); IAM refuses the rest
// before looking for the policy (recorded).
func parsableARN(arn string) bool {
	p, ok := splitARN(arn)
	return ok && p.partition != "" && p.service != "" && p.resource != ""
}

// entityPath is the path of a user or role as ListEntitiesForPolicy filters
// it: "/" for a seeded role, which has none yet.
func entityPath(p *principal) string {
	if p.path == "" {
		return "/"
	}
	return p.path
}

// roleEntity is r as ListEntitiesForPolicy lists it.
func roleEntity(r *principal) policyEntity {
	return policyEntity{name: r.name, id: r.userID, kind: entityRole}
}

// attachToRole attaches p to r, both sides.
func attachToRole(p *customerPolicy, r *principal) {
	r.policies = insertByName(r.policies, p, managedPolicyName)
	p.roles = insertByName(p.roles, r, userName)
}

// detachFromRole ends the attachment of p to r, both sides.
func detachFromRole(p *customerPolicy, r *principal) {
	r.policies = slices.DeleteFunc(slices.Clone(r.policies), func(e *customerPolicy) bool { return e == p })
	p.roles = slices.DeleteFunc(slices.Clone(p.roles), func(e *principal) bool { return e == r })
}

// detachAllFromRole ends every attachment of r: the roles resource may call
// it when a role goes (DeleteRole refuses while any remains, so only a
// forced removal needs it).
func detachAllFromRole(r *principal) {
	for _, p := range r.policies {
		detachFromRole(p, r)
	}
}

// attachRolePolicy: (validation) → role exists → policy ARN parses →
// policy attachable → already attached: nothing to do → the role's quota →
// attached.
func (f *Fake) attachRolePolicy(a *attempt, in *iam.AttachRolePolicyInput) (result[iam.AttachRolePolicyOutput], *Error) {
	var none result[iam.AttachRolePolicyOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	r, err := f.roleToChange(a.caller, *in.RoleName)
	if err != nil {
		return none, err
	}
	p, err := attachablePolicy(r.account, *in.PolicyArn, "Role")
	if err != nil {
		return none, err
	}
	if slices.Contains(r.policies, p) {
		return answerEmpty[iam.AttachRolePolicyOutput](), nil
	}
	if quota := r.account.policiesPerRole; len(r.policies) >= quota {
		return none, errAttachedPoliciesQuota("PoliciesPerRole", quota)
	}
	attachToRole(p, r)
	return answerEmpty[iam.AttachRolePolicyOutput](), nil
}

// detachRolePolicy: (validation) → role exists → the policy attached to it
// (a policy that is only its permissions boundary is not) → detached.
func (f *Fake) detachRolePolicy(a *attempt, in *iam.DetachRolePolicyInput) (result[iam.DetachRolePolicyOutput], *Error) {
	var none result[iam.DetachRolePolicyOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	r, err := f.roleToChange(a.caller, *in.RoleName)
	if err != nil {
		return none, err
	}
	i := slices.IndexFunc(r.policies, func(p *customerPolicy) bool { return p.arn == *in.PolicyArn })
	if i < 0 {
		return none, errNoSuchPolicy(*in.PolicyArn)
	}
	detachFromRole(r.policies[i], r)
	return answerEmpty[iam.DetachRolePolicyOutput](), nil
}

// listAttachedRolePolicies: as listAttachedUserPolicies, for a role.
func (f *Fake) listAttachedRolePolicies(a *attempt, in *iam.ListAttachedRolePoliciesInput) (result[iam.ListAttachedRolePoliciesOutput], *Error) {
	var none result[iam.ListAttachedRolePoliciesOutput]
	limit := pageLimit(in.MaxItems, a)
	f.mu.RLock()
	defer f.mu.RUnlock()
	r, err := f.resolveRole(a.caller, *in.RoleName)
	if err != nil {
		return none, err
	}
	return attachedAnswer(f, ListAttachedRolePolicies, r.account.id, r.userID, r.policies, pathOr(in.PathPrefix), in.Marker, limit, &r.attachedListed,
		func(l attachedPage) *iam.ListAttachedRolePoliciesOutput {
			out := &iam.ListAttachedRolePoliciesOutput{AttachedPolicies: l.sdk()}
			out.IsTruncated, out.Marker = pageEnd(l.marker)
			return out
		})
}

// PoliciesPerRole lifts (or lowers) IAM's quota of 10 managed policies
// attached to one role, for seeds and AttachRolePolicy alike.
func PoliciesPerRole(n int) Option {
	return policyQuotaOption("PoliciesPerRole", n, func(s *accountSettings) **int { return &s.policiesPerRole })
}

// AttachedToRoles returns the seed attached to these roles, by name (roles
// seeded in the same account).
func (s *ManagedPolicySeed) AttachedToRoles(roles ...string) *ManagedPolicySeed {
	c := s.clone()
	c.roles = append(c.roles, roles...)
	return c
}

// seedRoleAttachments attaches the account's seeded policies to the roles
// they name, after its roles are seeded, naming every problem of each, and
// checks the quota of each role.
func seedRoleAttachments(a *account, seeds []*ManagedPolicySeed, fail func(string, ...any)) {
	for _, ps := range seeds {
		if len(ps.roles) == 0 {
			continue
		}
		p := a.policies[strings.ToLower(ps.name)]
		if p == nil || p.name != ps.name {
			continue // refused, and named, by seedPolicies
		}
		who := "account " + a.id + ": managed policy " + quote(ps.name)
		for _, n := range ps.roles {
			r := a.role(n)
			switch {
			case r == nil:
				fail("%s: attached to role %q: no such role in the account", who, n)
			case r.role.linked != "":
				fail("%s: attached to role %q: %s", who, n, errProtectedRole(r.name).Message)
			case slices.Contains(r.policies, p):
				fail("%s: attached to role %q twice", who, n)
			default:
				attachToRole(p, r)
			}
		}
	}
	for _, r := range a.roles {
		if r.role.linked != "" {
			continue // its service's policies are the service's, outside the quota (as CreateServiceLinkedRole)
		}
		if len(r.policies) > a.policiesPerRole {
			fail("account %s: role %q: %d managed policies attached, over the quota of %d per role (PoliciesPerRole lifts it)", a.id, r.name, len(r.policies), a.policiesPerRole)
		}
	}
}
