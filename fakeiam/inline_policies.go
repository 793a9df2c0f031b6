package fakeiam

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/fakeaws/fakeaws/fakeiam/internal/policyeval"
)

// Inline policies of users and groups: PutUserPolicy, GetUserPolicy,
// ListUserPolicies, DeleteUserPolicy and their group twins
// (docs/contract.md, "Inline policies"). A policy is a name and a document
// embedded in its user or group: the document is checked as IAM checks an
// inline policy (policy_documents.go), stored byte for byte, counted
// against its owner's aggregate quota (2,048 for a user, 5,120 for a
// group), and answered URL-encoded as IAM answers it. DeleteUser and
// DeleteGroup refuse while one remains. Seeding:
// PrincipalSeed.InlinePolicy, GroupSeed.InlinePolicy. Their tests:
// inline_policies_test.go.

// The inline policy operations.
const (
	PutUserPolicy     Operation = "PutUserPolicy"
	GetUserPolicy     Operation = "GetUserPolicy"
	ListUserPolicies  Operation = "ListUserPolicies"
	DeleteUserPolicy  Operation = "DeleteUserPolicy"
	PutGroupPolicy    Operation = "PutGroupPolicy"
	GetGroupPolicy    Operation = "GetGroupPolicy"
	ListGroupPolicies Operation = "ListGroupPolicies"
	DeleteGroupPolicy Operation = "DeleteGroupPolicy"
)

func init() {
	register(opSpec[iam.PutUserPolicyInput, iam.PutUserPolicyOutput]{Name: PutUserPolicy, Handle: (*Fake).putUserPolicy})
	register(opSpec[iam.GetUserPolicyInput, iam.GetUserPolicyOutput]{Name: GetUserPolicy, Handle: (*Fake).getUserPolicy})
	register(opSpec[iam.ListUserPoliciesInput, iam.ListUserPoliciesOutput]{Name: ListUserPolicies, Handle: (*Fake).listUserPolicies})
	register(opSpec[iam.DeleteUserPolicyInput, iam.DeleteUserPolicyOutput]{Name: DeleteUserPolicy, Handle: (*Fake).deleteUserPolicy})
	// AccessDenied's resource for a group's policies: "group <name>", as
	// the group operations (groups.go).
	register(opSpec[iam.PutGroupPolicyInput, iam.PutGroupPolicyOutput]{Name: PutGroupPolicy, Handle: (*Fake).putGroupPolicy,
		Named: named{"GroupName", "group "}})
	register(opSpec[iam.GetGroupPolicyInput, iam.GetGroupPolicyOutput]{Name: GetGroupPolicy, Handle: (*Fake).getGroupPolicy,
		Named: named{"GroupName", "group "}})
	register(opSpec[iam.ListGroupPoliciesInput, iam.ListGroupPoliciesOutput]{Name: ListGroupPolicies, Handle: (*Fake).listGroupPolicies,
		Named: named{"GroupName", "group "}})
	register(opSpec[iam.DeleteGroupPolicyInput, iam.DeleteGroupPolicyOutput]{Name: DeleteGroupPolicy, Handle: (*Fake).deleteGroupPolicy,
		Named: named{"GroupName", "group "}})
}

// namedPolicy is an inline policy, immutable once stored: a put replaces
// it (answers kept by the call log may hold it).
type namedPolicy struct {
	name string
	doc  string // as put, byte for byte
	size int    // policySize(doc)
	// encoded is doc URL-encoded, as Get answers it: made by the first Get
	// (a put need not pay for it), the same string ever after.
	encoded atomic.Pointer[string]
	// compiled is doc as the evaluator reads it, made by the first
	// simulation that reads it (policy_simulator.go), shared after.
	compiled atomic.Pointer[policyeval.Policy]
}

// encodedDoc is the policy's document as IAM answers it.
func (p *namedPolicy) encodedDoc() string {
	if e := p.encoded.Load(); e != nil {
		return *e
	}
	e := encodePolicyDocument(p.doc)
	p.encoded.Store(&e)
	return e
}

// inlinePolicies are a user's or a group's inline policies, by name in
// byte order, and the sum of their sizes. A write replaces the slice: a
// kept page may share its array.
type inlinePolicies struct {
	list []*namedPolicy
	size int
}

// newNamedPolicy is the record of a document already checked, of size
// (policySize).
func newNamedPolicy(name, doc string, size int) *namedPolicy {
	return &namedPolicy{name: name, doc: doc, size: size}
}

// find is the index of the policy named name, and whether there is one.
func (ps *inlinePolicies) find(name string) (int, bool) {
	return slices.BinarySearchFunc(ps.list, name, func(p *namedPolicy, name string) int { return strings.Compare(p.name, name) })
}

// sizeWith is the aggregate size the owner would have with p put (a
// policy of the same name replaced).
func (ps *inlinePolicies) sizeWith(p *namedPolicy) int {
	n := ps.size + p.size
	if i, ok := ps.find(p.name); ok {
		n -= ps.list[i].size
	}
	return n
}

// put stores p, replacing a policy of the same name.
func (ps *inlinePolicies) put(p *namedPolicy) {
	ps.size = ps.sizeWith(p)
	i, ok := ps.find(p.name)
	if ok {
		ps.list = slices.Clone(ps.list)
		ps.list[i] = p
		return
	}
	ps.list = slices.Insert(slices.Clip(ps.list), i, p)
}

// remove deletes the policy at index i.
func (ps *inlinePolicies) remove(i int) {
	ps.size -= ps.list[i].size
	ps.list = slices.Delete(slices.Clone(ps.list), i, i+1)
}

// policyOwner is a user or a group as an operation on its inline policies
// finds it: its policies, what IAM calls it ("user", "group") and its name
// now, and its aggregate quota.
type policyOwner struct {
	policies *inlinePolicies
	kind     string
	name     string
	quota    int
}

// userPolicies finds the user an operation on inline policies names. Call
// with f.mu held.
func (f *Fake) userPolicies(caller *principal, userName *string) (policyOwner, *Error) {
	u, err := f.resolveUser(caller, userName)
	if err != nil {
		return policyOwner{}, err
	}
	return policyOwner{&u.inline, "user", u.name, userPolicySizeQuota}, nil
}

// groupPolicies finds the caller's account's group named name. Call with
// f.mu held.
func (f *Fake) groupPolicies(caller *principal, name *string) (policyOwner, *Error) {
	g, err := f.resolveGroup(caller, *name)
	if err != nil {
		return policyOwner{}, err
	}
	return policyOwner{&g.inline, "group", g.name, groupPolicySizeQuota}, nil
}

// putPolicy: (validated before) → the owner exists → the document (IAM's
// checks for an inline policy) → the owner's aggregate quota → stored,
// replacing a policy of the same name. The document is checked before the
// lock is taken; its result is reported in IAM's order.
func (f *Fake) putPolicy(find func() (policyOwner, *Error), name, doc string) *Error {
	size, bad := checkPolicy(doc, inlinePolicy)
	p := newNamedPolicy(name, doc, size)
	f.mu.Lock()
	defer f.mu.Unlock()
	o, err := find()
	switch {
	case err != nil:
		return err
	case bad != nil:
		return bad
	case o.policies.sizeWith(p) > o.quota:
		return errPolicySizeQuota(o.quota, o.kind, o.name)
	}
	o.policies.put(p)
	return nil
}

// getPolicy: (validated before) → the owner exists → its policy exists →
// the policy as Get answers it.
func (f *Fake) getPolicy(find func() (policyOwner, *Error), name string) (policyView, *Error) {
	f.mu.RLock()
	defer f.mu.RUnlock()
	o, err := find()
	if err != nil {
		return policyView{}, err
	}
	i, ok := o.policies.find(name)
	if !ok {
		return policyView{}, errNoSuchInlinePolicy(o.kind, name)
	}
	return policyView{o.name, o.policies.list[i]}, nil
}

// deletePolicy: (validated before) → the owner exists → its policy exists
// → gone.
func (f *Fake) deletePolicy(find func() (policyOwner, *Error), name string) *Error {
	f.mu.Lock()
	defer f.mu.Unlock()
	o, err := find()
	if err != nil {
		return err
	}
	i, ok := o.policies.find(name)
	if !ok {
		return errNoSuchInlinePolicy(o.kind, name)
	}
	o.policies.remove(i)
	return nil
}

func (f *Fake) putUserPolicy(a *attempt, in *iam.PutUserPolicyInput) (result[iam.PutUserPolicyOutput], *Error) {
	find := func() (policyOwner, *Error) { return f.userPolicies(a.caller, in.UserName) }
	return answerEmpty[iam.PutUserPolicyOutput](), f.putPolicy(find, *in.PolicyName, *in.PolicyDocument)
}

func (f *Fake) getUserPolicy(a *attempt, in *iam.GetUserPolicyInput) (result[iam.GetUserPolicyOutput], *Error) {
	v, err := f.getPolicy(func() (policyOwner, *Error) { return f.userPolicies(a.caller, in.UserName) }, *in.PolicyName)
	if err != nil {
		return result[iam.GetUserPolicyOutput]{}, err
	}
	return answerWith(v, func(v policyView) *iam.GetUserPolicyOutput {
		s := v.strings()
		return &iam.GetUserPolicyOutput{UserName: &s[0], PolicyName: &s[1], PolicyDocument: &s[2]}
	}), nil
}

// listUserPolicies: (validation) → user exists → marker → the names of the
// user's policies in byte order.
func (f *Fake) listUserPolicies(a *attempt, in *iam.ListUserPoliciesInput) (result[iam.ListUserPoliciesOutput], *Error) {
	return userPage(f, userPolicyPages, a, in.UserName, in.Marker, in.MaxItems,
		func(owner *principal, start, end int, next string) result[iam.ListUserPoliciesOutput] {
			return answerWith(policyNamesPage{owner.inline.list[start:end:end], next}, func(p policyNamesPage) *iam.ListUserPoliciesOutput {
				out := &iam.ListUserPoliciesOutput{PolicyNames: p.names()}
				out.IsTruncated, out.Marker = pageEnd(p.next)
				return out
			})
		})
}

// userPolicyPages: a user's inline policies by name; a marker carries the
// last name.
var userPolicyPages = pageSpec[*namedPolicy]{
	op:    ListUserPolicies,
	items: func(p *principal) []*namedPolicy { return p.inline.list },
	pos:   func(p *namedPolicy) markerPos { return markerPos{date: time.Unix(0, 0), id: p.name} },
	after: func(p *namedPolicy, pos markerPos) bool { return p.name > pos.id },
}

func (f *Fake) deleteUserPolicy(a *attempt, in *iam.DeleteUserPolicyInput) (result[iam.DeleteUserPolicyOutput], *Error) {
	find := func() (policyOwner, *Error) { return f.userPolicies(a.caller, in.UserName) }
	return answerEmpty[iam.DeleteUserPolicyOutput](), f.deletePolicy(find, *in.PolicyName)
}

func (f *Fake) putGroupPolicy(a *attempt, in *iam.PutGroupPolicyInput) (result[iam.PutGroupPolicyOutput], *Error) {
	find := func() (policyOwner, *Error) { return f.groupPolicies(a.caller, in.GroupName) }
	return answerEmpty[iam.PutGroupPolicyOutput](), f.putPolicy(find, *in.PolicyName, *in.PolicyDocument)
}

func (f *Fake) getGroupPolicy(a *attempt, in *iam.GetGroupPolicyInput) (result[iam.GetGroupPolicyOutput], *Error) {
	v, err := f.getPolicy(func() (policyOwner, *Error) { return f.groupPolicies(a.caller, in.GroupName) }, *in.PolicyName)
	if err != nil {
		return result[iam.GetGroupPolicyOutput]{}, err
	}
	return answerWith(v, func(v policyView) *iam.GetGroupPolicyOutput {
		s := v.strings()
		return &iam.GetGroupPolicyOutput{GroupName: &s[0], PolicyName: &s[1], PolicyDocument: &s[2]}
	}), nil
}

// listGroupPolicies: (validation) → group exists → marker (bound to the
// group) → the names of the group's policies in byte order.
func (f *Fake) listGroupPolicies(a *attempt, in *iam.ListGroupPoliciesInput) (result[iam.ListGroupPoliciesOutput], *Error) {
	var none result[iam.ListGroupPoliciesOutput]
	limit := pageLimit(in.MaxItems, a)
	f.mu.RLock()
	defer f.mu.RUnlock()
	g, err := f.resolveGroup(a.caller, *in.GroupName)
	if err != nil {
		return none, err
	}
	items := g.inline.list
	start := 0
	if in.Marker != nil {
		pos, ok := f.decodeMarker(ListGroupPolicies, g.account.id, g.id, *in.Marker)
		if !ok {
			return none, errValidation(msgInvalidMarker)
		}
		start, _ = slices.BinarySearchFunc(items, pos.id, func(p *namedPolicy, after string) int {
			if p.name <= after {
				return -1
			}
			return 1
		})
	}
	end := min(start+limit, len(items))
	var next string
	if end < len(items) {
		next = f.encodeMarker(ListGroupPolicies, g.account.id, g.id, markerPos{date: time.Unix(0, 0), id: items[end-1].name})
	}
	return answerWith(policyNamesPage{items[start:end:end], next}, func(p policyNamesPage) *iam.ListGroupPoliciesOutput {
		out := &iam.ListGroupPoliciesOutput{PolicyNames: p.names()}
		out.IsTruncated, out.Marker = pageEnd(p.next)
		return out
	}), nil
}

func (f *Fake) deleteGroupPolicy(a *attempt, in *iam.DeleteGroupPolicyInput) (result[iam.DeleteGroupPolicyOutput], *Error) {
	find := func() (policyOwner, *Error) { return f.groupPolicies(a.caller, in.GroupName) }
	return answerEmpty[iam.DeleteGroupPolicyOutput](), f.deletePolicy(find, *in.PolicyName)
}

// policyView is a policy as Get answers it: its owner's name then, and the
// immutable record.
type policyView struct {
	owner string
	p     *namedPolicy
}

// strings are the owner's name, the policy's name and its encoded
// document, fresh: one allocation.
func (v policyView) strings() *[3]string {
	return &[3]string{v.owner, v.p.name, v.p.encodedDoc()}
}

// policyNamesPage is a page of policy names as captured: records never
// written, in a slice no write changes (inlinePolicies replaces it).
type policyNamesPage struct {
	page []*namedPolicy
	next string
}

// names are the page's policy names, fresh.
func (p policyNamesPage) names() []string {
	out := make([]string, len(p.page))
	for i, np := range p.page {
		out[i] = np.name
	}
	return out
}

// errNoSuchInlinePolicy: kind is "user", "group" or "role".
func errNoSuchInlinePolicy(kind, name string) *Error {
	return &Error{"NoSuchEntity", 404, "The " + kind + " policy with name " + name + " cannot be found."}
}

// encodePolicyDocument is doc as IAM answers a policy document: URL-encoded
// by RFC 3986, every byte but letters, digits and -._~ as %XX in
// uppercase hex.
func encodePolicyDocument(doc string) string { return percentEncode(doc) }

// percentEncode is s with every byte but RFC 3986's unreserved ones
// (letters, digits, -._~) as %XX in uppercase hex: net/url's query
// escaping, which leaves the same bytes and writes a space as "+", with
// that "+" made "%20" (a "+" of s is "%2B" by then). Policy documents and
// the otpauth URI's device name (mfa_codes.go) are encoded so.
func percentEncode(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// Seeding (builders.go).

// policySeed is an inline policy to seed: its name and document.
type policySeed struct{ name, doc string }

// InlinePolicy returns the user or role seed with an inline policy added,
// as PutUserPolicy (PutRolePolicy) adds one: New checks the name and the
// document as IAM does (MalformedPolicyDocument's texts) and the aggregate
// quota, 2,048 bytes for a user and 10,240 for a role (white space between
// tokens not counted), and stores the document byte for byte.
func (s *PrincipalSeed) InlinePolicy(name, document string) *PrincipalSeed {
	c := s.clone()
	c.inline = append(c.inline, policySeed{name, document})
	return c
}

// InlinePolicy returns the group seed with an inline policy added, as
// PutGroupPolicy adds one (the group's aggregate quota: 5,120 bytes).
func (s *GroupSeed) InlinePolicy(name, document string) *GroupSeed {
	c := s.clone()
	c.inline = append(c.inline, policySeed{name, document})
	return c
}

// seedUserPolicies gives p, a user, its seeded inline policies.
func seedUserPolicies(p *principal, seeds []policySeed, fail func(string, ...any)) {
	if len(seeds) == 0 {
		return
	}
	switch p.kind {
	case kindUser:
		seedPolicies(describePrincipal(p), &p.inline, seeds, userPolicySizeQuota, fail)
	case kindRole: // PutRolePolicy's quota (role policies, below)
		seedPolicies(describePrincipal(p), &p.inline, seeds, rolePolicySizeQuota, fail)
	default:
		fail("%s: inline policies are seeded on IAM users, groups and roles", describePrincipal(p))
	}
}

// seedPolicies stores seeds in ps, naming every problem of each with who,
// the policy's place among them (from 1) and its name: the name and document IAM's model refuses, a
// document IAM's checks refuse, a name given twice, and the aggregate
// quota.
func seedPolicies(who string, ps *inlinePolicies, seeds []policySeed, quota int, fail func(string, ...any)) {
	for i, s := range seeds {
		what := who + ": inline policy " + strconv.Itoa(i+1) + " " + strconv.Quote(s.name)
		switch {
		case !validMember(PutUserPolicy, "policyName", s.name):
			fail("%s: IAM policy names are 1 to 128 letters, digits and +=,.@_-", what)
		case !validMember(PutUserPolicy, "policyDocument", s.doc):
			fail("%s: the document is required, 1 to 131072 characters of tab, line feed, carriage return and U+0020 to U+00FF", what)
		default:
			if _, dup := ps.find(s.name); dup {
				fail("%s seeded twice", what)
				continue
			}
			size, bad := checkPolicy(s.doc, inlinePolicy)
			if bad != nil {
				fail("%s: MalformedPolicyDocument: %s", what, bad.Message)
				continue
			}
			p := newNamedPolicy(s.name, s.doc, size)
			if n := ps.sizeWith(p); n > quota {
				fail("%s: the inline policies come to %d bytes, over the quota of %d (white space between tokens not counted)", what, n, quota)
				continue
			}
			ps.put(p)
		}
	}
}

// Inline policies of roles: PutRolePolicy, GetRolePolicy, ListRolePolicies,
// DeleteRolePolicy (docs/contract.md, "Role policies"), on the put, get and
// delete above (policyOwner); a role's aggregate quota is 10,240 bytes.
// DeleteRole refuses while one remains (its check reads principal.inline).
// Seeding: Role(name).InlinePolicy. Their tests: role_policies_test.go.

// The role inline policy operations.
const (
	PutRolePolicy    Operation = "PutRolePolicy"
	GetRolePolicy    Operation = "GetRolePolicy"
	ListRolePolicies Operation = "ListRolePolicies"
	DeleteRolePolicy Operation = "DeleteRolePolicy"
)

func init() {
	register(opSpec[iam.PutRolePolicyInput, iam.PutRolePolicyOutput]{Name: PutRolePolicy, Handle: (*Fake).putRolePolicy,
		Named: named{"RoleName", "role "}})
	register(opSpec[iam.GetRolePolicyInput, iam.GetRolePolicyOutput]{Name: GetRolePolicy, Handle: (*Fake).getRolePolicy,
		Named: named{"RoleName", "role "}})
	register(opSpec[iam.ListRolePoliciesInput, iam.ListRolePoliciesOutput]{Name: ListRolePolicies, Handle: (*Fake).listRolePolicies,
		Named: named{"RoleName", "role "}})
	register(opSpec[iam.DeleteRolePolicyInput, iam.DeleteRolePolicyOutput]{Name: DeleteRolePolicy, Handle: (*Fake).deleteRolePolicy,
		Named: named{"RoleName", "role "}})
}

// rolePolicies finds the caller's account's role named name. Call with
// f.mu held.
func (f *Fake) rolePolicies(caller *principal, name *string, change bool) (policyOwner, *Error) {
	resolve := f.resolveRole
	if change {
		resolve = f.roleToChange // a service-linked role's policies are IAM's
	}
	r, err := resolve(caller, *name)
	if err != nil {
		return policyOwner{}, err
	}
	return policyOwner{&r.inline, "role", r.name, rolePolicySizeQuota}, nil
}

func (f *Fake) putRolePolicy(a *attempt, in *iam.PutRolePolicyInput) (result[iam.PutRolePolicyOutput], *Error) {
	find := func() (policyOwner, *Error) { return f.rolePolicies(a.caller, in.RoleName, true) }
	return answerEmpty[iam.PutRolePolicyOutput](), f.putPolicy(find, *in.PolicyName, *in.PolicyDocument)
}

func (f *Fake) getRolePolicy(a *attempt, in *iam.GetRolePolicyInput) (result[iam.GetRolePolicyOutput], *Error) {
	v, err := f.getPolicy(func() (policyOwner, *Error) { return f.rolePolicies(a.caller, in.RoleName, false) }, *in.PolicyName)
	if err != nil {
		return result[iam.GetRolePolicyOutput]{}, err
	}
	return answerWith(v, func(v policyView) *iam.GetRolePolicyOutput {
		s := v.strings()
		return &iam.GetRolePolicyOutput{RoleName: &s[0], PolicyName: &s[1], PolicyDocument: &s[2]}
	}), nil
}

// listRolePolicies: (validation) → role exists → marker (bound to the
// role) → the names of the role's policies in byte order.
func (f *Fake) listRolePolicies(a *attempt, in *iam.ListRolePoliciesInput) (result[iam.ListRolePoliciesOutput], *Error) {
	var none result[iam.ListRolePoliciesOutput]
	limit := pageLimit(in.MaxItems, a)
	f.mu.RLock()
	defer f.mu.RUnlock()
	r, err := f.resolveRole(a.caller, *in.RoleName)
	if err != nil {
		return none, err
	}
	page, next, err := f.policyNames(ListRolePolicies, r.account.id, r.userID, r.inline.list, in.Marker, limit)
	if err != nil {
		return none, err
	}
	return answerWith(policyNamesPage{page, next}, func(p policyNamesPage) *iam.ListRolePoliciesOutput {
		out := &iam.ListRolePoliciesOutput{PolicyNames: p.names()}
		out.IsTruncated, out.Marker = pageEnd(p.next)
		return out
	}), nil
}

// policyNames is a page of items (by name in byte order) from marker,
// bound to op, the account and the owner's id, and the next page's
// marker ("" at the end).
func (f *Fake) policyNames(op Operation, acct, owner string, items []*namedPolicy, marker *string, limit int) ([]*namedPolicy, string, *Error) {
	start := 0
	if marker != nil {
		pos, ok := f.decodeMarker(op, acct, owner, *marker)
		if !ok {
			return nil, "", errValidation(msgInvalidMarker)
		}
		start, _ = slices.BinarySearchFunc(items, pos.id, func(p *namedPolicy, after string) int {
			if p.name <= after {
				return -1
			}
			return 1
		})
	}
	end := min(start+limit, len(items))
	var next string
	if end < len(items) {
		next = f.encodeMarker(op, acct, owner, markerPos{date: time.Unix(0, 0), id: items[end-1].name})
	}
	return items[start:end:end], next, nil
}

func (f *Fake) deleteRolePolicy(a *attempt, in *iam.DeleteRolePolicyInput) (result[iam.DeleteRolePolicyOutput], *Error) {
	find := func() (policyOwner, *Error) { return f.rolePolicies(a.caller, in.RoleName, true) }
	return answerEmpty[iam.DeleteRolePolicyOutput](), f.deletePolicy(find, *in.PolicyName)
}
