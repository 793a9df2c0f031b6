package fakeiam

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam/internal/policyeval"
)

// IAM roles: CreateRole, GetRole, ListRoles, UpdateRole,
// UpdateRoleDescription, UpdateAssumeRolePolicy, DeleteRole, and their tags
// (TagRole, UntagRole, ListRoleTags), with IAM's checks in IAM's order
// (docs/contract.md, "Roles"). A role is a principal: the credentials the
// fake gives it sign calls as its assumed-role session (caller_identity.go),
// and each signed call is the role's last use (GetRole's RoleLastUsed).
// Seeded roles (Role, builders.go) and created ones are the same. Their
// tests: roles_test.go.

// The role operations.
const (
	CreateRole             Operation = "CreateRole"
	GetRole                Operation = "GetRole"
	ListRoles              Operation = "ListRoles"
	UpdateRole             Operation = "UpdateRole"
	UpdateRoleDescription  Operation = "UpdateRoleDescription"
	UpdateAssumeRolePolicy Operation = "UpdateAssumeRolePolicy"
	DeleteRole             Operation = "DeleteRole"
	TagRole                Operation = "TagRole"
	UntagRole              Operation = "UntagRole"
	ListRoleTags           Operation = "ListRoleTags"
)

func init() {
	// AccessDenied (a fault) names "role <name>", as the role's policy
	// operations do; the role's ARN for CreateRole (its path known), the
	// ARN prefix for ListRoles (choice: docs/contract.md, "Roles").
	register(opSpec[iam.CreateRoleInput, iam.CreateRoleOutput]{Name: CreateRole, Handle: (*Fake).createRole,
		Resource: func(_ *Fake, a *attempt, in *iam.CreateRoleInput) string {
			return "arn:aws:iam::" + a.who.Account + ":role" + pathOr(in.Path) + deref(in.RoleName)
		}})
	register(opSpec[iam.GetRoleInput, iam.GetRoleOutput]{Name: GetRole, Handle: (*Fake).getRole,
		Named: named{"RoleName", "role "}})
	register(opSpec[iam.ListRolesInput, iam.ListRolesOutput]{Name: ListRoles, Handle: (*Fake).listRoles,
		Resource: func(_ *Fake, a *attempt, in *iam.ListRolesInput) string {
			return "arn:aws:iam::" + a.who.Account + ":role" + pathOr(in.PathPrefix)
		}})
	register(opSpec[iam.UpdateRoleInput, iam.UpdateRoleOutput]{Name: UpdateRole, Handle: (*Fake).updateRole,
		Named: named{"RoleName", "role "}})
	register(opSpec[iam.UpdateRoleDescriptionInput, iam.UpdateRoleDescriptionOutput]{Name: UpdateRoleDescription, Handle: (*Fake).updateRoleDescription,
		Named: named{"RoleName", "role "}})
	register(opSpec[iam.UpdateAssumeRolePolicyInput, iam.UpdateAssumeRolePolicyOutput]{Name: UpdateAssumeRolePolicy, Handle: (*Fake).updateAssumeRolePolicy,
		Named: named{"RoleName", "role "}})
	register(opSpec[iam.DeleteRoleInput, iam.DeleteRoleOutput]{Name: DeleteRole, Handle: (*Fake).deleteRole,
		Named: named{"RoleName", "role "}})
	register(opSpec[iam.TagRoleInput, iam.TagRoleOutput]{Name: TagRole, Handle: (*Fake).tagRole,
		Named: named{"RoleName", "role "}})
	register(opSpec[iam.UntagRoleInput, iam.UntagRoleOutput]{Name: UntagRole, Handle: (*Fake).untagRole,
		Named: named{"RoleName", "role "}})
	register(opSpec[iam.ListRoleTagsInput, iam.ListRoleTagsOutput]{Name: ListRoleTags, Handle: (*Fake).listRoleTags,
		Named: named{"RoleName", "role "}})
}

// IAM's role quotas and defaults.
const (
	defaultRolesPerAccount    = 1000 // RolesQuota; RolesPerAccount changes it
	tagsPerRole               = 50
	defaultMaxSessionDuration = 3600 // seconds
	// roleLastUsedRegion is the Region of RoleLastUsed: the fake is IAM's
	// global endpoint, whose region is us-east-1 (as access keys' last use).
	roleLastUsedRegion = "us-east-1"
)

// roleInfo is what a role has beyond a principal's (its name, path, id,
// creation date and tags are the principal's). Written under Fake.mu;
// answers capture a roleView, never this.
type roleInfo struct {
	arn   string // arn:aws:iam::<account>:role<path><name>
	trust string // the trust policy, byte for byte as given
	// compiled is trust as AssumeRole evaluates it, made at its first use
	// (setTrust drops it).
	compiled    atomic.Pointer[policyeval.Policy]
	trustKeys   atomic.Pointer[[]string] // the context keys compiled reads, in lower case
	encoded     string                   // trust URL-encoded, as IAM answers it
	description string                   // "" when none
	maxSession  int32                    // seconds
	// linked is the service principal of a service-linked role
	// (service_linked_roles.go); "" for the others.
	linked string
	// profiles are the instance profiles holding the role, by name
	// ignoring case (instance_profiles.go); replaced whole on a change.
	profiles []*instanceProfile
	// lastUsed is the minute (Unix seconds) of the newest call signed with
	// the role's credentials; 0: never. Written by authenticate without
	// the lock.
	lastUsed atomic.Int64
	// view is the role as answers show it (lastUsed aside), made by the
	// first answer after a change and shared by the answers until the
	// next: every write of the role drops it (changed).
	view atomic.Pointer[roleView]
}

// changed drops r's shared view: call after every write of the role (its
// fields above, or the principal's tags). Call with Fake.mu held.
func (r *roleInfo) changed() { r.view.Store(nil) }

// roleARN is the ARN of the role name at path in account a.
func roleARN(a *account, path, name string) string {
	return "arn:aws:iam::" + a.id + ":role" + path + name
}

// defaultTrustPolicy is the trust policy of a role seeded without one: the
// account's own principals may assume it (a choice: the fake's roles are
// callers of their account, docs/contract.md, "Roles").
func defaultTrustPolicy(accountID string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + accountID + `:root"},"Action":"sts:AssumeRole"}]}`
}

// newRole makes a role principal of account a (not yet in its indexes).
func newRole(a *account, name, path, id string, created time.Time, trust string) *principal {
	p := &principal{kind: kindRole, name: name, account: a, path: path, userID: id, created: created,
		arn: "arn:aws:sts::" + a.id + ":assumed-role/" + name + "/" + RoleSessionName}
	p.role = &roleInfo{arn: roleARN(a, path, name), maxSession: defaultMaxSessionDuration}
	p.role.setTrust(trust)
	return p
}

func (r *roleInfo) setTrust(doc string) {
	r.trust, r.encoded = doc, encodePolicyDocument(doc)
	r.compiled.Store(nil)
	r.trustKeys.Store(nil)
}

// role finds a role by name, ignoring case as IAM does; nil when there is
// none.
func (a *account) role(name string) *principal { return a.roles[strings.ToLower(name)] }

// roleByARN finds the role whose ARN is arn, its path included; nil when
// none has it.
func (a *account) roleByARN(arn string) *principal {
	if r := a.role(arn[strings.LastIndexByte(arn, '/')+1:]); r != nil && r.role.arn == arn {
		return r
	}
	return nil
}

// addRole puts r into its account's indexes, in listing order.
func (a *account) addRole(r *principal) {
	a.roles[strings.ToLower(r.name)] = r
	a.roleList = addByName(a.roleList, r, userName) // in place (state.go: account)
}

// removeRole takes r out of its account's indexes, its credentials out
// of the fake's (they no longer sign), and its permissions boundary off
// the policy's count (a boundary does not keep a role: IAM's DeleteRole
// lists none among its conflicts).
func (f *Fake) removeRole(r *principal) {
	a := r.account
	setBoundary(r, nil)
	delete(a.roles, strings.ToLower(r.name))
	a.roleList = removeFrom(a.roleList, r)
	for _, k := range r.keys {
		delete(f.keys, k.id)
	}
	r.keys = nil
}

// resolveRole finds the role of the caller's account named name (IAM role
// names ignore case), or IAM's NoSuchEntity. Call with f.mu held.
func (f *Fake) resolveRole(caller *principal, name string) (*principal, *Error) {
	if err := f.current(caller); err != nil {
		return nil, err
	}
	r := caller.account.role(name)
	if r == nil {
		return nil, errNoSuchRole(name)
	}
	return r, nil
}

// noteRoleUse records a call signed with a role's credentials at minute
// (Unix seconds) as the role's last use (authenticate calls it, without
// the lock): a change advances mu's generation, as a write does, so that
// no page captured before it is answered again.
func noteRoleUse(mu *modelLock, owner *principal, minute int64) {
	if owner.role != nil && owner.role.lastUsed.Swap(minute) != minute {
		mu.gen.Add(1)
	}
}

func (f *Fake) newRoleIDLocked() string {
	for {
		id := "AROA" + f.ids.next("role", 17)
		if !f.userIDs[id] {
			f.userIDs[id] = true
			return id
		}
	}
}

// roleView is a role as answers show it: values, never written once made
// (answers and the call log share it).
type roleView struct {
	name, path, id, arn, trust, description string
	boundary                                string // its ARN; "" when none
	created                                 time.Time
	maxSession                              int32
	tags                                    []types.Tag // never written: replaced whole (setUserTags)
}

// viewRole is r's shared view, made if r changed since the last. Call with
// Fake.mu held (read or write).
func viewRole(r *principal) *roleView {
	if v := r.role.view.Load(); v != nil {
		return v
	}
	v := &roleView{name: r.name, path: r.path, id: r.userID, arn: r.role.arn, trust: r.role.encoded, description: r.role.description,
		boundary: boundaryARN(r), created: r.created, maxSession: r.role.maxSession, tags: r.tags}
	r.role.view.Store(v)
	return v
}

// roleAnswer is what an answer about one role keeps: its view and its last
// use then.
type roleAnswer struct {
	v        *roleView
	lastUsed int64
}

func answerRole(r *principal) roleAnswer { return roleAnswer{viewRole(r), r.role.lastUsed.Load()} }

// roleFields says which of a role's fields an answer shows: IAM's answers
// differ (docs/contract.md, "Roles").
type roleFields uint8

const (
	roleCreated   roleFields = iota // CreateRole: no Description, MaxSessionDuration or RoleLastUsed; Tags when any
	roleGot                         // GetRole: everything; Tags when any
	roleListed                      // ListRoles: no Tags, no RoleLastUsed
	roleDescribed                   // UpdateRoleDescription: Description, no MaxSessionDuration or RoleLastUsed; Tags when any
	roleInProfile                   // an instance profile's roles: name, path, id, ARN, date and trust policy only (instance_profiles.go)
)

// roleHolder holds a Role an answer builds and the values it points to:
// one allocation a role (a list allocates them together).
type roleHolder struct {
	role                                    types.Role
	name, path, id, arn, trust, description string
	boundary                                string
	created, used                           time.Time
	maxSession                              int32
	last                                    types.RoleLastUsed
	region                                  string
	bound                                   types.AttachedPermissionsBoundary
}

// sdk is the SDK's Role, fresh.
func (a roleAnswer) sdk(fields roleFields) *types.Role {
	h := new(roleHolder)
	a.v.fill(h, fields, a.lastUsed)
	return &h.role
}

// fill makes h.role the SDK's Role showing fields of v, last used at
// lastUsed (GetRole).
func (v *roleView) fill(h *roleHolder, fields roleFields, lastUsed int64) {
	h.name, h.path, h.id, h.arn, h.trust, h.description = v.name, v.path, v.id, v.arn, v.trust, v.description
	h.created, h.maxSession = v.created, v.maxSession
	h.role = types.Role{RoleName: &h.name, Path: &h.path, RoleId: &h.id, Arn: &h.arn, CreateDate: &h.created,
		AssumeRolePolicyDocument: &h.trust}
	if fields != roleCreated && fields != roleInProfile && v.description != "" {
		h.role.Description = &h.description
	}
	if fields == roleGot || fields == roleListed {
		h.role.MaxSessionDuration = &h.maxSession
	}
	if fields != roleListed && fields != roleInProfile && v.boundary != "" { // ListRoles leaves it out (recorded)
		h.boundary = v.boundary // the answer's own copy: v is shared by every answer
		h.bound = types.AttachedPermissionsBoundary{PermissionsBoundaryArn: &h.boundary, PermissionsBoundaryType: boundaryType}
		h.role.PermissionsBoundary = &h.bound
	}
	if fields == roleGot {
		h.role.RoleLastUsed = &h.last
		if lastUsed != 0 {
			h.used, h.region = time.Unix(lastUsed, 0).UTC(), roleLastUsedRegion
			h.last = types.RoleLastUsed{LastUsedDate: &h.used, Region: &h.region}
		}
	}
	if fields != roleListed && fields != roleInProfile && len(v.tags) > 0 {
		h.role.Tags = freshTags(v.tags)
	}
}

// freshTags is a copy of tags the caller may keep: one allocation for the
// tags, one for their strings.
func freshTags(tags []types.Tag) []types.Tag {
	out := make([]types.Tag, len(tags))
	strs := make([]string, 2*len(tags))
	for i, t := range tags {
		strs[2*i], strs[2*i+1] = *t.Key, *t.Value
		out[i] = types.Tag{Key: &strs[2*i], Value: &strs[2*i+1]}
	}
	return out
}

// createRole: (validation) → the trust policy (checkTrustPolicy) → the
// tags' rules → name taken → the account's quota → the permissions
// boundary (boundaryFor) → the role.
func (f *Fake) createRole(a *attempt, in *iam.CreateRoleInput) (result[iam.CreateRoleOutput], *Error) {
	var none result[iam.CreateRoleOutput]
	if err := checkTrustPolicy(*in.AssumeRolePolicyDocument); err != nil {
		return none, err
	}
	if err := checkTagRules(in.Tags); err != nil {
		return none, err
	}
	now := f.nowFor(a)
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	acct := a.caller.account
	if acct.role(*in.RoleName) != nil {
		return none, errRoleExists(*in.RoleName)
	}
	if len(acct.roleList) >= acct.roleQuota {
		return none, errRoleQuota(acct.roleQuota)
	}
	var boundary *customerPolicy
	if in.PermissionsBoundary != nil {
		var err *Error
		if boundary, err = boundaryFor(acct, *in.PermissionsBoundary); err != nil {
			return none, err
		}
	}
	r := newRole(acct, *in.RoleName, pathOr(in.Path), f.newRoleIDLocked(), now, *in.AssumeRolePolicyDocument)
	r.role.description = deref(in.Description)
	if in.MaxSessionDuration != nil {
		r.role.maxSession = *in.MaxSessionDuration
	}
	setUserTags(r, freshTags(in.Tags))
	setBoundary(r, boundary)
	acct.addRole(r)
	return answerWith(answerRole(r), func(v roleAnswer) *iam.CreateRoleOutput { return &iam.CreateRoleOutput{Role: v.sdk(roleCreated)} }), nil
}

// getRole: (validation) → role exists.
func (f *Fake) getRole(a *attempt, in *iam.GetRoleInput) (result[iam.GetRoleOutput], *Error) {
	var none result[iam.GetRoleOutput]
	f.mu.RLock()
	defer f.mu.RUnlock()
	r, err := f.resolveRole(a.caller, *in.RoleName)
	if err != nil {
		return none, err
	}
	return answerWith(answerRole(r), func(v roleAnswer) *iam.GetRoleOutput { return &iam.GetRoleOutput{Role: v.sdk(roleGot)} }), nil
}

// listRoles: (validation) → marker → the roles whose path starts with
// PathPrefix, by name ignoring case, without tags or last use.
func (f *Fake) listRoles(a *attempt, in *iam.ListRolesInput) (result[iam.ListRolesOutput], *Error) {
	var none result[iam.ListRolesOutput]
	limit := pageLimit(in.MaxItems, a)
	prefix := pathOr(in.PathPrefix)
	f.mu.RLock()
	defer f.mu.RUnlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	acct := a.caller.account
	roles, name := acct.roleList, func(r *principal) string { return r.name }
	start, err := nameStart(f, ListRoles, acct.id, "", roles, name, in.Marker)
	if err != nil {
		return none, err
	}
	keep := pathFilter(prefix, func(r *principal) string { return r.path })
	end, next := nameEnd(f, ListRoles, acct.id, "", roles, name, keep, start, limit)
	type page struct {
		roles  []*roleView // shared views, never written
		marker string
	}
	p := page{roles: make([]*roleView, 0, end-start), marker: next}
	for _, r := range roles[start:end] {
		if keeps(keep, r) {
			p.roles = append(p.roles, viewRole(r))
		}
	}
	return answerWith(p, func(p page) *iam.ListRolesOutput {
		out := &iam.ListRolesOutput{Roles: make([]types.Role, len(p.roles))}
		held := make([]roleHolder, len(p.roles))
		for i := range p.roles {
			p.roles[i].fill(&held[i], roleListed, 0)
			out.Roles[i] = held[i].role
		}
		out.IsTruncated, out.Marker = pageEnd(p.marker)
		return out
	}), nil
}

// updateRole: (validation) → role exists → the Description and
// MaxSessionDuration given replace the role's; those not given stay.
func (f *Fake) updateRole(a *attempt, in *iam.UpdateRoleInput) (result[iam.UpdateRoleOutput], *Error) {
	var none result[iam.UpdateRoleOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	r, err := f.resolveRole(a.caller, *in.RoleName)
	if err != nil {
		return none, err
	}
	if r.role.linked != "" && in.MaxSessionDuration != nil {
		return none, errProtectedRole(r.name) // its description only (choice: docs/contract.md)
	}
	if in.Description != nil {
		r.role.description = *in.Description
	}
	if in.MaxSessionDuration != nil {
		r.role.maxSession = *in.MaxSessionDuration
	}
	r.role.changed()
	return answerEmpty[iam.UpdateRoleOutput](), nil
}

// updateRoleDescription: (validation) → role exists → the description
// replaced; the answer is the role.
func (f *Fake) updateRoleDescription(a *attempt, in *iam.UpdateRoleDescriptionInput) (result[iam.UpdateRoleDescriptionOutput], *Error) {
	var none result[iam.UpdateRoleDescriptionOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	r, err := f.resolveRole(a.caller, *in.RoleName)
	if err != nil {
		return none, err
	}
	r.role.description = *in.Description
	r.role.changed()
	return answerWith(answerRole(r), func(v roleAnswer) *iam.UpdateRoleDescriptionOutput {
		return &iam.UpdateRoleDescriptionOutput{Role: v.sdk(roleDescribed)}
	}), nil
}

// updateAssumeRolePolicy: (validation) → the trust policy
// (checkTrustPolicy) → role exists → replaced. The document before the
// role: choice, as CreateRole checks it before the name.
func (f *Fake) updateAssumeRolePolicy(a *attempt, in *iam.UpdateAssumeRolePolicyInput) (result[iam.UpdateAssumeRolePolicyOutput], *Error) {
	var none result[iam.UpdateAssumeRolePolicyOutput]
	if err := checkTrustPolicy(*in.PolicyDocument); err != nil {
		return none, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	r, err := f.roleToChange(a.caller, *in.RoleName)
	if err != nil {
		return none, err
	}
	r.role.setTrust(*in.PolicyDocument)
	r.role.changed()
	return answerEmpty[iam.UpdateAssumeRolePolicyOutput](), nil
}

// deleteRole: (validation) → role exists → no inline policies → no
// attached managed policies → in no instance profile (the order of the
// list in API_DeleteRole: a choice, docs/contract.md) → gone, with its
// credentials.
func (f *Fake) deleteRole(a *attempt, in *iam.DeleteRoleInput) (result[iam.DeleteRoleOutput], *Error) {
	var none result[iam.DeleteRoleOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	r, err := f.roleToChange(a.caller, *in.RoleName)
	if err != nil {
		return none, err
	}
	switch {
	case len(r.inline.list) > 0:
		return none, errDeleteConflict("policies")
	case len(r.policies) > 0:
		return none, errDeleteConflictPolicies()
	case len(r.role.profiles) > 0:
		return none, errDeleteConflictProfileRoles()
	}
	f.removeRole(r)
	return answerEmpty[iam.DeleteRoleOutput](), nil
}

// tagRole: (validation) → role exists → the request's tag rules → the
// quota on the merged set → tagged. Keys ignore case, as users' do.
func (f *Fake) tagRole(a *attempt, in *iam.TagRoleInput) (result[iam.TagRoleOutput], *Error) {
	var none result[iam.TagRoleOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	r, err := f.resolveRole(a.caller, *in.RoleName)
	if err != nil {
		return none, err
	}
	if err := checkTagRules(in.Tags); err != nil {
		return none, err
	}
	merged := mergeTags(r.tags, in.Tags)
	if len(merged) > tagsPerRole {
		return none, errRoleTagQuota(tagsPerRole)
	}
	setUserTags(r, merged)
	r.role.changed()
	return answerEmpty[iam.TagRoleOutput](), nil
}

// mergeTags is tags with more added: a key tags has (in any case) gets the
// new value in its place and keeps its spelling; a new key comes last.
// tags is not written (a kept answer may hold it).
func mergeTags(tags, more []types.Tag) []types.Tag {
	merged := append([]types.Tag(nil), tags...)
	for _, t := range more {
		value := *t.Value // the fake's own: the SDK door hands it the caller's values
		if i := tagIndex(merged, *t.Key); i >= 0 {
			merged[i] = types.Tag{Key: merged[i].Key, Value: &value}
		} else {
			key := *t.Key
			merged = append(merged, types.Tag{Key: &key, Value: &value})
		}
	}
	return merged
}

// untagRole: (validation) → role exists → the keys removed, ignoring case;
// a key the role does not have is no error.
func (f *Fake) untagRole(a *attempt, in *iam.UntagRoleInput) (result[iam.UntagRoleOutput], *Error) {
	var none result[iam.UntagRoleOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	r, err := f.resolveRole(a.caller, *in.RoleName)
	if err != nil {
		return none, err
	}
	kept := make([]types.Tag, 0, len(r.tags))
	for _, t := range r.tags {
		if !containsFold(in.TagKeys, *t.Key) {
			kept = append(kept, t)
		}
	}
	if len(kept) != len(r.tags) {
		setUserTags(r, kept)
		r.role.changed()
	}
	return answerEmpty[iam.UntagRoleOutput](), nil
}

func containsFold(list []string, s string) bool {
	for _, e := range list {
		if strings.EqualFold(e, s) {
			return true
		}
	}
	return false
}

// listRoleTags: (validation) → role exists → marker (bound to the
// operation, account and role) → the tags sorted by key, as ListUserTags.
func (f *Fake) listRoleTags(a *attempt, in *iam.ListRoleTagsInput) (result[iam.ListRoleTagsOutput], *Error) {
	var none result[iam.ListRoleTagsOutput]
	limit := pageLimit(in.MaxItems, a)
	f.mu.RLock()
	defer f.mu.RUnlock()
	r, err := f.resolveRole(a.caller, *in.RoleName)
	if err != nil {
		return none, err
	}
	s := roleTagPages
	items := r.tagsByKey
	start := 0
	if in.Marker != nil {
		pos, ok := f.decodeMarker(s.op, r.account.id, r.userID, *in.Marker)
		if !ok {
			return none, errValidation(msgInvalidMarker)
		}
		start = sort.Search(len(items), func(i int) bool { return s.after(items[i], pos) })
	}
	end := min(start+limit, len(items))
	var next string
	if end < len(items) {
		next = f.encodeMarker(s.op, r.account.id, r.userID, s.pos(items[end-1]))
	}
	type listed struct {
		page   []sortedTag // the set's sorted slice is replaced whole on a change, never written
		marker string
	}
	return answerWith(listed{items[start:end:end], next}, func(l listed) *iam.ListRoleTagsOutput {
		out := &iam.ListRoleTagsOutput{Tags: make([]types.Tag, len(l.page))}
		strs := make([]string, 2*len(l.page))
		for i, t := range l.page {
			strs[2*i], strs[2*i+1] = t.key, t.value
			out.Tags[i] = types.Tag{Key: &strs[2*i], Value: &strs[2*i+1]}
		}
		out.IsTruncated, out.Marker = pageEnd(l.marker)
		return out
	}), nil
}

// roleTagPages: a role's tags sorted by key, paged as a user's.
var roleTagPages = pageSpec[sortedTag]{op: ListRoleTags, items: userTagPages.items, pos: userTagPages.pos, after: userTagPages.after}

// Seeding roles: Role (builders.go) and these methods of its seed.

// roleSeed holds a role seed's own fields; nil: IAM's default.
type roleSeed struct {
	trust, description *string
	maxSession         *time.Duration
	// linked is the service principal of a service-linked role seed
	// (ServiceLinkedRole), suffix its CustomSuffix; nil: none.
	linked, suffix *string
}

func (r roleSeed) given() bool {
	return r.trust != nil || r.description != nil || r.maxSession != nil || r.suffix != nil
}

const msgRoleFieldsOnly = "a trust policy, description, maximum session duration and custom suffix are a role's (Role, ServiceLinkedRole), not a user's or the root's"

// TrustPolicy returns the role seed with its trust policy (the
// AssumeRolePolicyDocument of CreateRole), checked as CreateRole checks it.
// Without it, a seeded role trusts its own account:
// {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::<account>:root"},"Action":"sts:AssumeRole"}]}.
func (s *PrincipalSeed) TrustPolicy(doc string) *PrincipalSeed {
	c := s.clone()
	c.role.trust = &doc
	return c
}

// Description returns the role seed with its description.
func (s *PrincipalSeed) Description(text string) *PrincipalSeed {
	c := s.clone()
	c.role.description = &text
	return c
}

// MaxSessionDuration returns the role seed with its maximum session
// duration: whole seconds from 1 to 12 hours (IAM's default: 1 hour).
func (s *PrincipalSeed) MaxSessionDuration(d time.Duration) *PrincipalSeed {
	c := s.clone()
	c.role.maxSession = &d
	return c
}

// refuseRoleFields names a user seed given a role's fields.
func refuseRoleFields(p *principal, s *PrincipalSeed, fail func(string, ...any)) {
	if s.role.given() {
		fail("%s: %s", describePrincipal(p), msgRoleFieldsOnly)
	}
}

// seedRoles builds account a's seeded roles, naming every problem IAM
// would refuse (CreateRole's checks: the model's constraints, the trust
// policy, the tags' rules, names unique ignoring case, the account's
// quota), and hands each role and its seed to add: their keys are seeded
// with the other principals'.
func (f *Fake) seedRoles(a *account, seeds []*PrincipalSeed, now time.Time, fail func(string, ...any), add func(*principal, *PrincipalSeed)) {
	if len(seeds) > a.roleQuota {
		fail("account %s: %d roles exceed the quota of %d per account (RolesPerAccount lifts it)", a.id, len(seeds), a.roleQuota)
	}
	for _, rs := range seeds {
		var linked *LinkedService // a service-linked role's service
		if rs.role.linked == nil && rs.role.suffix != nil {
			fail("account %s: role %q: a custom suffix is a service-linked role's (ServiceLinkedRole)", a.id, rs.name)
			continue
		}
		if rs.role.linked != nil {
			svc, name, err := f.seedLinkedRole(a, rs)
			if err != nil {
				fail("%v", err)
				continue
			}
			linked, rs = svc, rs.clone() // the seed is New's: Reset reads it again
			rs.name = name
		}
		who := "account " + a.id + ": role " + strconv.Quote(rs.name)
		if dup := a.role(rs.name); dup != nil {
			if dup.name == rs.name {
				fail("%s seeded twice", who)
			} else {
				fail("%s and role %q: IAM role names are unique regardless of case", who, dup.name)
			}
			continue
		}
		trust := defaultTrustPolicy(a.id)
		if rs.role.trust != nil {
			trust = *rs.role.trust
		}
		if linked != nil {
			trust = linkedTrustPolicy(linked.Service)
		}
		in := &iam.CreateRoleInput{RoleName: &rs.name, Path: rs.path, AssumeRolePolicyDocument: &trust, Description: rs.role.description, Tags: rs.tags}
		if d := rs.role.maxSession; d != nil {
			if *d%time.Second != 0 || *d < time.Second || *d > 1<<31*time.Second {
				fail("%s: maximum session duration %v: whole seconds from 1h to 12h", who, *d)
				continue
			}
			secs := int32(*d / time.Second)
			in.MaxSessionDuration = &secs
		}
		if err := lookupOperation(CreateRole).check.check(in); err != nil {
			fail("%s: %s", who, err.Message)
			continue
		}
		problems := false
		for _, check := range []func() *Error{
			func() *Error { return checkTrustPolicy(trust) },
			func() *Error { return checkTagRules(rs.tags) },
		} {
			if err := check(); err != nil {
				fail("%s: %s: %s", who, err.Code, err.Message)
				problems = true
			}
		}
		if len(rs.certs) > 0 {
			fail("%s: roles have no signing certificates", who)
		}
		if len(rs.logins) > 0 {
			fail("%s: roles have no login profile", who)
		}
		if problems {
			continue
		}
		created := now
		if !rs.created.IsZero() {
			created = rs.created.UTC().Truncate(time.Second)
		}
		var p *principal
		if linked != nil {
			p = newLinkedRole(a, linked, rs.name, roleID(f.ids.seed, a.id, rs.name), created)
		} else {
			p = newRole(a, rs.name, pathOr(rs.path), roleID(f.ids.seed, a.id, rs.name), created, trust)
		}
		p.role.description = deref(rs.role.description)
		if in.MaxSessionDuration != nil {
			p.role.maxSession = *in.MaxSessionDuration
		}
		setUserTags(p, freshTags(rs.tags))
		f.userIDs[p.userID] = true
		a.addRole(p)
		add(p, rs)
	}
}

// RolesPerAccount lifts (or lowers) IAM's quota of 1,000 roles per
// account, for seeds and CreateRole alike.
func RolesPerAccount(n int) Option {
	return accountOption(func(s *accountSettings) error {
		if n < 0 {
			return fmt.Errorf("RolesPerAccount(%d): a quota is at least 0", n)
		}
		s.roleQuota = &n
		return nil
	})
}
