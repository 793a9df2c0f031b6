package fakeiam

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// GetAccountAuthorizationDetails: the account's users, groups, roles and
// managed policies with what each holds, in one paged answer
// (docs/contract.md, "Account authorization details"). The four lists are
// one sequence for paging, in the order users, groups, roles, policies,
// each by name ignoring case; an item (for MaxItems and the marker) is one
// user, group, role or policy, whatever it holds. Filter keeps the kinds it
// names (none: every kind). Documents are URL-encoded, as IAM answers them.
// Each kind's detail is made in one place (userDetail, groupDetail,
// roleDetail, policyDetail): what a kind holds is added there. Its tests:
// account_authorization_details_test.go.

// GetAccountAuthorizationDetails is the operation's name.
const GetAccountAuthorizationDetails Operation = "GetAccountAuthorizationDetails"

func init() {
	// AccessDenied's resource: "*", as the account-wide operations.
	register(opSpec[iam.GetAccountAuthorizationDetailsInput, iam.GetAccountAuthorizationDetailsOutput]{Name: GetAccountAuthorizationDetails,
		Handle: (*Fake).getAccountAuthorizationDetails, Resource: aliasResource[iam.GetAccountAuthorizationDetailsInput]})
}

// detailKind is a kind of entity the operation lists, in the order of its
// lists; a marker names the kind of the last item it returned.
type detailKind uint8

const (
	detailUsers detailKind = iota
	detailGroups
	detailRoles
	detailLocalPolicies
	detailAWSPolicies
	detailKinds
)

// detailFilter is the set of kinds a call asks for, one bit per kind.
type detailFilter uint8

// filterOf is the kinds Filter names; none named is every kind.
func filterOf(entities []types.EntityType) detailFilter {
	var f detailFilter
	for _, e := range entities {
		switch e {
		case types.EntityTypeUser:
			f |= 1 << detailUsers
		case types.EntityTypeGroup:
			f |= 1 << detailGroups
		case types.EntityTypeRole:
			f |= 1 << detailRoles
		case types.EntityTypeLocalManagedPolicy:
			f |= 1 << detailLocalPolicies
		case types.EntityTypeAWSManagedPolicy:
			f |= 1 << detailAWSPolicies
		}
	}
	if f == 0 {
		f = 1<<detailKinds - 1
	}
	return f
}

func (f detailFilter) has(k detailKind) bool { return f&(1<<k) != 0 }

// detailItems are the account's entities of each kind, each in listing
// order (by name ignoring case), and the name each is ordered by.
type detailItems struct {
	users, roles []*principal
	groups       []*group
	local, aws   []*customerPolicy
}

func (d *detailItems) len(k detailKind) int {
	switch k {
	case detailUsers:
		return len(d.users)
	case detailGroups:
		return len(d.groups)
	case detailRoles:
		return len(d.roles)
	case detailLocalPolicies:
		return len(d.local)
	default:
		return len(d.aws)
	}
}

func (d *detailItems) name(k detailKind, i int) string {
	switch k {
	case detailUsers:
		return d.users[i].name
	case detailGroups:
		return d.groups[i].name
	case detailRoles:
		return d.roles[i].name
	case detailLocalPolicies:
		return d.local[i].name
	default:
		return d.aws[i].name
	}
}

// accountDetailItems are acct's entities as the operation lists them.
// Roles are kept by name in a map: sorted here. AWS managed policies: none
// yet (the lead's merge of AWS managed policies fills aws, those attached
// in the account, by name ignoring case).
func accountDetailItems(acct *account) detailItems {
	d := detailItems{users: acct.userList, groups: acct.groupList, local: acct.policyList}
	if len(acct.roles) > 0 {
		d.roles = make([]*principal, 0, len(acct.roles))
		for _, r := range acct.roles {
			d.roles = append(d.roles, r)
		}
		slices.SortFunc(d.roles, func(x, y *principal) int { return byName(x.name, y.name) })
	}
	return d
}

// detailsPage is a page as the answer captured it: values, and slices of
// records no write changes (inline policies, policy versions).
type detailsPage struct {
	users    []userDetailView
	groups   []groupDetailView
	roles    []roleDetailView
	policies []policyDetailView
	marker   string
}

// entityView is what every detail shows of its entity.
type entityView struct {
	path, name, id, arn string
	created             time.Time
}

// attachedView is an attached managed policy as a detail shows it.
type attachedView struct{ name, arn string }

func viewAttached(ps []*customerPolicy) []attachedView {
	out := make([]attachedView, len(ps))
	for i, p := range ps {
		out[i] = attachedView{p.name, p.arn}
	}
	return out
}

type userDetailView struct {
	entityView
	inline   []*namedPolicy // immutable records; the slice is replaced on write
	groups   []string
	attached []attachedView
	tags     []types.Tag // replaced whole, never written
	boundary *attachedView
}

// userDetail is what a user's detail shows. Call with f.mu held.
func userDetail(u *principal) userDetailView {
	v := userDetailView{entityView: entityView{u.path, u.name, u.userID, u.arn, u.created},
		inline: u.inline.list, groups: make([]string, len(u.groups)), attached: viewAttached(u.policies), tags: u.tags}
	for i, g := range u.groups {
		v.groups[i] = g.name
	}
	// Permissions boundaries (the lead's merge): v.boundary from the
	// user's boundary policy, its name and ARN.
	return v
}

type groupDetailView struct {
	entityView
	inline   []*namedPolicy
	attached []attachedView
}

// groupDetail is what a group's detail shows. Call with f.mu held.
func groupDetail(g *group) groupDetailView {
	return groupDetailView{entityView: entityView{g.path, g.name, g.id, g.arn, g.created},
		inline: g.inline.list, attached: viewAttached(g.policies)}
}

type roleDetailView struct {
	entityView
	trust    *namedPolicy // its trust policy (AssumeRolePolicyDocument); nil: none
	inline   []*namedPolicy
	attached []attachedView
	tags     []types.Tag
	boundary *attachedView
	// lastUsed is when and in which region the role was last used; zero:
	// never (RoleLastUsed is then empty).
	lastUsed       time.Time
	lastUsedRegion string
	profiles       []instanceProfileView
}

// instanceProfileView is an instance profile as a role's detail lists it,
// with its roles (each as GetInstanceProfile shows a role).
type instanceProfileView struct {
	entityView
	roles []roleView
}

// roleView is a role as an instance profile lists it.
type roleView struct {
	entityView
	trust *namedPolicy
}

// roleDetail is what a role's detail shows. Call with f.mu held. Today a
// role is a seeded caller: its name, RoleId, path and creation date. The
// lead's merge of roles, role policies and instance profiles fills the
// rest here: trust (the role's trust policy as a *namedPolicy, so that its
// URL-encoded form is made once), tags (in the order given), the role's
// inline and attached policies if they are kept elsewhere than inline and
// policies, boundary, lastUsed and lastUsedRegion, and profiles (each
// instance profile holding the role, with its roles).
func roleDetail(r *principal) roleDetailView {
	path := r.path
	if path == "" {
		path = "/"
	}
	return roleDetailView{entityView: entityView{path, r.name, r.userID, "arn:aws:iam::" + r.account.id + ":role" + path + r.name, r.created},
		inline: r.inline.list, attached: viewAttached(r.policies), tags: r.tags}
}

type policyDetailView struct {
	customerPolicyView
	versions []*policyVersion // newest first; immutable records, the slice replaced on write
	def      *policyVersion
	// boundaries is its PermissionsBoundaryUsageCount: 0 until boundaries
	// are merged (the lead fills it from the policy's boundary users).
	boundaries int32
}

// policyDetail is what a managed policy's detail shows. Call with f.mu
// held. An AWS managed policy (the lead's merge) is a *customerPolicy too.
func policyDetail(p *customerPolicy) policyDetailView {
	return policyDetailView{customerPolicyView: viewPolicy(p), versions: p.versions, def: p.def}
}

// getAccountAuthorizationDetails: (validation) → the caller's account →
// marker (bound to the account and the kinds asked for) → up to MaxItems
// entities from there, users then groups then roles then policies.
func (f *Fake) getAccountAuthorizationDetails(a *attempt, in *iam.GetAccountAuthorizationDetailsInput) (result[iam.GetAccountAuthorizationDetailsOutput], *Error) {
	var none result[iam.GetAccountAuthorizationDetailsOutput]
	limit := pageLimit(in.MaxItems, a)
	filter := filterOf(in.Filter)
	bound := string(rune('0' + filter)) // the kinds asked for: a marker of other kinds is refused
	f.mu.RLock()
	defer f.mu.RUnlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	acct := a.caller.account
	d := accountDetailItems(acct)
	kind, start := detailUsers, 0
	if in.Marker != nil {
		pos, ok := f.decodeMarker(GetAccountAuthorizationDetails, acct.id, bound, *in.Marker)
		if !ok || pos.seq >= uint64(detailKinds) {
			return none, errValidation(msgInvalidMarker)
		}
		kind = detailKind(pos.seq)
		start = sort.Search(d.len(kind), func(i int) bool { return strings.ToLower(d.name(kind, i)) > pos.id })
	}
	var page detailsPage
	n := 0
	lastKind, last := kind, -1
	for ; kind < detailKinds; kind, start = kind+1, 0 {
		if !filter.has(kind) {
			continue
		}
		end := min(d.len(kind), start+limit-n)
		for i := start; i < end; i++ {
			switch kind {
			case detailUsers:
				page.users = append(page.users, userDetail(d.users[i]))
			case detailGroups:
				page.groups = append(page.groups, groupDetail(d.groups[i]))
			case detailRoles:
				page.roles = append(page.roles, roleDetail(d.roles[i]))
			case detailLocalPolicies:
				page.policies = append(page.policies, policyDetail(d.local[i]))
			default:
				page.policies = append(page.policies, policyDetail(d.aws[i]))
			}
		}
		if end > start {
			n, lastKind, last = n+end-start, kind, end-1
		}
		if n == limit {
			break
		}
	}
	if n == limit && moreDetails(&d, filter, lastKind, last) {
		page.marker = f.encodeMarker(GetAccountAuthorizationDetails, acct.id, bound,
			markerPos{date: time.Unix(0, 0), seq: uint64(lastKind), id: strings.ToLower(d.name(lastKind, last))})
	}
	return answerWith(page, detailsPage.sdk), nil
}

// moreDetails says whether an item the filter keeps follows item i of kind.
func moreDetails(d *detailItems, filter detailFilter, kind detailKind, i int) bool {
	if i+1 < d.len(kind) {
		return true
	}
	for k := kind + 1; k < detailKinds; k++ {
		if filter.has(k) && d.len(k) > 0 {
			return true
		}
	}
	return false
}

// sdk is the page as the SDK's output, fresh. Every list is present (empty
// when none); a user's UserPolicyList is left out when it has none, as
// IAM's answer leaves it out (recorded).
func (p detailsPage) sdk() *iam.GetAccountAuthorizationDetailsOutput {
	out := &iam.GetAccountAuthorizationDetailsOutput{
		UserDetailList:  make([]types.UserDetail, len(p.users)),
		GroupDetailList: make([]types.GroupDetail, len(p.groups)),
		RoleDetailList:  make([]types.RoleDetail, len(p.roles)),
		Policies:        make([]types.ManagedPolicyDetail, len(p.policies)),
	}
	for i := range p.users {
		out.UserDetailList[i] = p.users[i].sdk()
	}
	for i := range p.groups {
		out.GroupDetailList[i] = p.groups[i].sdk()
	}
	for i := range p.roles {
		out.RoleDetailList[i] = p.roles[i].sdk()
	}
	for i := range p.policies {
		out.Policies[i] = p.policies[i].sdk()
	}
	out.IsTruncated, out.Marker = pageEnd(p.marker)
	return out
}

// fresh is the entity's fields as fresh pointers: one allocation.
func (e *entityView) fresh() (path, name, id, arn *string, created *time.Time) {
	s := new(struct {
		path, name, id, arn string
		created             time.Time
	})
	s.path, s.name, s.id, s.arn, s.created = e.path, e.name, e.id, e.arn, e.created
	return &s.path, &s.name, &s.id, &s.arn, &s.created
}

// policyDetails are inline policies as a detail lists them: name and
// URL-encoded document.
func policyDetails(ps []*namedPolicy) []types.PolicyDetail {
	out := make([]types.PolicyDetail, len(ps))
	strs := make([]string, 2*len(ps))
	for i, p := range ps {
		strs[2*i], strs[2*i+1] = p.name, p.encodedDoc()
		out[i] = types.PolicyDetail{PolicyName: &strs[2*i], PolicyDocument: &strs[2*i+1]}
	}
	return out
}

func attachedPolicyList(as []attachedView) []types.AttachedPolicy {
	out := make([]types.AttachedPolicy, len(as))
	strs := make([]string, 2*len(as))
	for i, a := range as {
		strs[2*i], strs[2*i+1] = a.name, a.arn
		out[i] = types.AttachedPolicy{PolicyName: &strs[2*i], PolicyArn: &strs[2*i+1]}
	}
	return out
}

// freshTags is a copy of tags with fresh strings; empty, not nil, when none.
func freshTags(tags []types.Tag) []types.Tag {
	out := make([]types.Tag, len(tags))
	strs := make([]string, 2*len(tags))
	for i, t := range tags {
		strs[2*i], strs[2*i+1] = *t.Key, *t.Value
		out[i] = types.Tag{Key: &strs[2*i], Value: &strs[2*i+1]}
	}
	return out
}

// boundaryOf is a permissions boundary as a detail shows it; nil: none.
func boundaryOf(b *attachedView) *types.AttachedPermissionsBoundary {
	if b == nil {
		return nil
	}
	arn := b.arn
	return &types.AttachedPermissionsBoundary{PermissionsBoundaryArn: &arn, PermissionsBoundaryType: types.PermissionsBoundaryAttachmentTypePolicy}
}

func (v *userDetailView) sdk() types.UserDetail {
	path, name, id, arn, created := v.fresh()
	out := types.UserDetail{Path: path, UserName: name, UserId: id, Arn: arn, CreateDate: created,
		GroupList: slices.Clone(v.groups), AttachedManagedPolicies: attachedPolicyList(v.attached),
		PermissionsBoundary: boundaryOf(v.boundary), Tags: freshTags(v.tags)}
	if out.GroupList == nil {
		out.GroupList = []string{}
	}
	if len(v.inline) > 0 {
		out.UserPolicyList = policyDetails(v.inline)
	}
	return out
}

func (v *groupDetailView) sdk() types.GroupDetail {
	path, name, id, arn, created := v.fresh()
	return types.GroupDetail{Path: path, GroupName: name, GroupId: id, Arn: arn, CreateDate: created,
		GroupPolicyList: policyDetails(v.inline), AttachedManagedPolicies: attachedPolicyList(v.attached)}
}

func (v *roleDetailView) sdk() types.RoleDetail {
	path, name, id, arn, created := v.fresh()
	out := types.RoleDetail{Path: path, RoleName: name, RoleId: id, Arn: arn, CreateDate: created,
		InstanceProfileList: make([]types.InstanceProfile, len(v.profiles)),
		RolePolicyList:      policyDetails(v.inline), AttachedManagedPolicies: attachedPolicyList(v.attached),
		PermissionsBoundary: boundaryOf(v.boundary), Tags: freshTags(v.tags), RoleLastUsed: &types.RoleLastUsed{}}
	if v.trust != nil {
		doc := v.trust.encodedDoc()
		out.AssumeRolePolicyDocument = &doc
	}
	if !v.lastUsed.IsZero() {
		s := new(struct {
			date   time.Time
			region string
		})
		s.date, s.region = v.lastUsed, v.lastUsedRegion
		out.RoleLastUsed.LastUsedDate, out.RoleLastUsed.Region = &s.date, &s.region
	}
	for i := range v.profiles {
		out.InstanceProfileList[i] = v.profiles[i].sdk()
	}
	return out
}

// sdk is the instance profile as a role's detail lists it: its roles with
// their trust policies, as GetInstanceProfile lists them (recorded).
func (v *instanceProfileView) sdk() types.InstanceProfile {
	path, name, id, arn, created := v.fresh()
	out := types.InstanceProfile{Path: path, InstanceProfileName: name, InstanceProfileId: id, Arn: arn, CreateDate: created,
		Roles: make([]types.Role, len(v.roles))}
	for i := range v.roles {
		r := &v.roles[i]
		path, name, id, arn, created := r.fresh()
		out.Roles[i] = types.Role{Path: path, RoleName: name, RoleId: id, Arn: arn, CreateDate: created}
		if r.trust != nil {
			doc := r.trust.encodedDoc()
			out.Roles[i].AssumeRolePolicyDocument = &doc
		}
	}
	return out
}

// sdk is the policy's detail: the policy as GetPolicy shows it but its
// tags (the description when it has one), and every version with its
// document URL-encoded, newest first.
func (v *policyDetailView) sdk() types.ManagedPolicyDetail {
	s := new(struct {
		name, path, id, arn, description, def string
		created, updated                      time.Time
		attachments, boundaries               int32
	})
	s.name, s.path, s.id, s.arn, s.description, s.def = v.name, v.path, v.id, v.arn, v.description, v.defaultVersion
	s.created, s.updated, s.attachments, s.boundaries = v.created, v.updated, v.attachments, v.boundaries
	out := types.ManagedPolicyDetail{PolicyName: &s.name, Path: &s.path, PolicyId: &s.id, Arn: &s.arn, DefaultVersionId: &s.def,
		CreateDate: &s.created, UpdateDate: &s.updated, AttachmentCount: &s.attachments, PermissionsBoundaryUsageCount: &s.boundaries,
		IsAttachable: true, PolicyVersionList: make([]types.PolicyVersion, len(v.versions))}
	if v.description != "" {
		out.Description = &s.description
	}
	strs := make([]string, 2*len(v.versions))
	dates := make([]time.Time, len(v.versions))
	for i, pv := range v.versions {
		strs[2*i], strs[2*i+1], dates[i] = pv.id, pv.encodedDoc(), pv.created
		out.PolicyVersionList[i] = types.PolicyVersion{VersionId: &strs[2*i], Document: &strs[2*i+1], CreateDate: &dates[i], IsDefaultVersion: pv == v.def}
	}
	return out
}

// encodedDoc is the version's document as IAM answers it, URL-encoded:
// made once, by the first answer that shows it.
func (v *policyVersion) encodedDoc() string {
	if e := v.encoded.Load(); e != nil {
		return *e
	}
	e := encodePolicyDocument(v.document)
	v.encoded.Store(&e)
	return e
}
