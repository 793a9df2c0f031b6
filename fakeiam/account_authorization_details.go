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

// accountDetailItems are acct's entities as the operation lists them, each
// kind by name ignoring case; the AWS managed policies are those attached
// in the account (aws_managed_policies.go: the account's records of them).
func accountDetailItems(acct *account) detailItems {
	d := detailItems{users: acct.userList, groups: acct.groupList, roles: acct.roleList, local: acct.policyList}
	for _, p := range acct.awsPolicies {
		if p.attachments() > 0 {
			d.aws = append(d.aws, p)
		}
	}
	slices.SortFunc(d.aws, func(x, y *customerPolicy) int { return byName(x.name, y.name) })
	return d
}

// detailsPage is a page as the answer captured it, compactly: every
// string it shows in one text and every number (where each string ends,
// dates in Unix seconds, counts) in one block, read back in the order
// written; documents as the immutable records that hold them. The call log
// keeps a page for every call it logs: kept as a thousand structs of
// strings and slices, a page was some ten thousand pointers for the
// garbage collector to mark on every cycle, which made a 1,000-item page
// cost four times its floor (BenchmarkPairedRatios/op/
// GetAccountAuthorizationDetails).
type detailsPage struct {
	text                           string
	nums                           []int64
	docs                           []*namedPolicy   // inline and trust policies, in the order written
	versions                       []*policyVersion // policy versions, in the order written
	users, groups, roles, policies int
	marker                         string
}

// detailWriter captures a page (under the read lock); detailReader reads
// it back, in the same order, into the SDK's types.
// A writer runs twice over a page: measuring, then writing into blocks of
// the exact size (the call log keeps them: no slack).
type detailWriter struct {
	measuring                       bool
	textLen, numsLen, docsLen, vLen int
	text                            strings.Builder
	nums                            []int64
	docs                            []*namedPolicy
	versions                        []*policyVersion
}

// sized ends the measuring run: the blocks for the writing run.
func (w *detailWriter) sized() {
	w.measuring = false
	w.text.Grow(w.textLen)
	w.nums = make([]int64, 0, w.numsLen)
	w.docs = make([]*namedPolicy, 0, w.docsLen)
	w.versions = make([]*policyVersion, 0, w.vLen)
}

func (w *detailWriter) str(s string) {
	if w.measuring {
		w.textLen, w.numsLen = w.textLen+len(s), w.numsLen+1
		return
	}
	w.text.WriteString(s)
	w.nums = append(w.nums, int64(w.text.Len()))
}

func (w *detailWriter) num(n int) {
	if w.measuring {
		w.numsLen++
		return
	}
	w.nums = append(w.nums, int64(n))
}

// date writes t in Unix seconds: the model's dates are whole seconds, UTC.
func (w *detailWriter) date(t time.Time) { w.num(int(t.Unix())) }

// doc writes a document's record (an inline or trust policy).
func (w *detailWriter) doc(ps ...*namedPolicy) {
	if w.measuring {
		w.docsLen += len(ps)
		return
	}
	w.docs = append(w.docs, ps...)
}

// policyVersions writes a managed policy's versions' records.
func (w *detailWriter) policyVersions(vs []*policyVersion) {
	if w.measuring {
		w.vLen += len(vs)
		return
	}
	w.versions = append(w.versions, vs...)
}

func (w *detailWriter) flag(b bool) {
	if b {
		w.num(1)
	} else {
		w.num(0)
	}
}

func (w *detailWriter) entity(path, name, id, arn string, created time.Time) {
	w.str(path)
	w.str(name)
	w.str(id)
	w.str(arn)
	w.date(created)
}

func (w *detailWriter) inline(ps []*namedPolicy) {
	w.num(len(ps))
	w.doc(ps...)
}

func (w *detailWriter) attached(ps []*customerPolicy) {
	w.num(len(ps))
	for _, p := range ps {
		w.str(p.name)
		w.str(p.arn)
	}
}

func (w *detailWriter) tags(tags []types.Tag) {
	w.num(len(tags))
	for _, t := range tags {
		w.str(*t.Key)
		w.str(*t.Value)
	}
}

// boundary writes a permissions boundary's ARN; nil: none.
func (w *detailWriter) boundary(p *customerPolicy) {
	w.flag(p != nil)
	if p != nil {
		w.str(p.arn)
	}
}

// trust writes a role's trust policy, URL-encoded as IAM answers it.
func (w *detailWriter) trust(encoded string) { w.str(encoded) }

type detailReader struct {
	page     *detailsPage
	at       int
	from     int64
	doc, ver int
}

func (r *detailReader) str() string {
	end := r.page.nums[r.at]
	s := r.page.text[r.from:end]
	r.at, r.from = r.at+1, end
	return s
}

func (r *detailReader) num() int {
	n := r.page.nums[r.at]
	r.at++
	return int(n)
}

func (r *detailReader) date() time.Time {
	t := time.Unix(r.page.nums[r.at], 0).UTC()
	r.at++
	return t
}

func (r *detailReader) flag() bool { return r.num() != 0 }

// entity reads an entity's path, name, id, Arn and date as fresh pointers:
// one allocation.
func (r *detailReader) entity() (path, name, id, arn *string, created *time.Time) {
	s := new(struct {
		path, name, id, arn string
		created             time.Time
	})
	s.path, s.name, s.id, s.arn, s.created = r.str(), r.str(), r.str(), r.str(), r.date()
	return &s.path, &s.name, &s.id, &s.arn, &s.created
}

// inline reads inline policies as a detail lists them: name and
// URL-encoded document.
func (r *detailReader) inline() []types.PolicyDetail {
	ps := r.page.docs[r.doc : r.doc+r.num()]
	r.doc += len(ps)
	out := make([]types.PolicyDetail, len(ps))
	strs := make([]string, 2*len(ps))
	for i, p := range ps {
		strs[2*i], strs[2*i+1] = p.name, p.encodedDoc()
		out[i] = types.PolicyDetail{PolicyName: &strs[2*i], PolicyDocument: &strs[2*i+1]}
	}
	return out
}

func (r *detailReader) attached() []types.AttachedPolicy {
	out := make([]types.AttachedPolicy, r.num())
	strs := make([]string, 2*len(out))
	for i := range out {
		strs[2*i], strs[2*i+1] = r.str(), r.str()
		out[i] = types.AttachedPolicy{PolicyName: &strs[2*i], PolicyArn: &strs[2*i+1]}
	}
	return out
}

func (r *detailReader) tags() []types.Tag {
	out := make([]types.Tag, r.num())
	strs := make([]string, 2*len(out))
	for i := range out {
		strs[2*i], strs[2*i+1] = r.str(), r.str()
		out[i] = types.Tag{Key: &strs[2*i], Value: &strs[2*i+1]}
	}
	return out
}

func (r *detailReader) boundary() *types.AttachedPermissionsBoundary {
	if !r.flag() {
		return nil
	}
	arn := r.str()
	return &types.AttachedPermissionsBoundary{PermissionsBoundaryArn: &arn, PermissionsBoundaryType: boundaryType}
}

// trust reads a role's trust policy, URL-encoded.
func (r *detailReader) trust() *string {
	doc := r.str()
	return &doc
}

// The details of each kind: what a detail shows is written by its kind's
// write function and read back, in the same order, by its read function.

// userDetail writes u's detail. Call with f.mu held.
func userDetail(w *detailWriter, u *principal) {
	w.entity(u.path, u.name, u.userID, u.arn, u.created)
	w.inline(u.inline.list)
	w.num(len(u.groups))
	for _, g := range u.groups {
		w.str(g.name)
	}
	w.attached(u.policies)
	w.boundary(u.boundary)
	w.tags(u.tags)
}

// readUserDetail: a user's UserPolicyList is left out when it has none, as
// IAM's answer leaves it out (recorded); its other lists are empty.
func readUserDetail(r *detailReader) types.UserDetail {
	var d types.UserDetail
	d.Path, d.UserName, d.UserId, d.Arn, d.CreateDate = r.entity()
	if inline := r.inline(); len(inline) > 0 {
		d.UserPolicyList = inline
	}
	d.GroupList = make([]string, r.num())
	for i := range d.GroupList {
		d.GroupList[i] = r.str()
	}
	d.AttachedManagedPolicies = r.attached()
	d.PermissionsBoundary = r.boundary()
	d.Tags = r.tags()
	return d
}

// groupDetail writes g's detail. Call with f.mu held.
func groupDetail(w *detailWriter, g *group) {
	w.entity(g.path, g.name, g.id, g.arn, g.created)
	w.inline(g.inline.list)
	w.attached(g.policies)
}

func readGroupDetail(r *detailReader) types.GroupDetail {
	var d types.GroupDetail
	d.Path, d.GroupName, d.GroupId, d.Arn, d.CreateDate = r.entity()
	d.GroupPolicyList = r.inline()
	d.AttachedManagedPolicies = r.attached()
	return d
}

// roleDetail writes r's detail. Call with f.mu held.
func roleDetail(w *detailWriter, r *principal) {
	w.entity(r.path, r.name, r.userID, r.role.arn, r.created)
	w.trust(r.role.encoded)
	w.inline(r.inline.list)
	w.attached(r.policies)
	w.boundary(r.boundary)
	w.tags(r.tags)
	if minute := r.role.lastUsed.Load(); minute != 0 {
		w.date(time.Unix(minute, 0))
		w.str(roleLastUsedRegion)
	} else {
		w.date(time.Time{}) // never
		w.str("")
	}
	w.num(len(r.role.profiles)) // instance_profiles.go
	for _, p := range r.role.profiles {
		w.entity(p.path, p.name, p.id, p.arn, p.created)
		w.flag(p.role != nil)
		if pr := p.role; pr != nil {
			w.entity(pr.path, pr.name, pr.userID, pr.role.arn, pr.created)
			w.trust(pr.role.encoded)
		}
	}
}

// profiles reads a role's instance profiles as a detail lists them: each
// with its roles (name, path, id, Arn, date and trust policy: recorded)
// and no tags (choice: the recorded profile had none).
func (r *detailReader) profiles() []types.InstanceProfile {
	out := make([]types.InstanceProfile, r.num())
	for i := range out {
		p := &out[i]
		p.Path, p.InstanceProfileName, p.InstanceProfileId, p.Arn, p.CreateDate = r.entity()
		p.Roles = make([]types.Role, r.num())
		for j := range p.Roles {
			role := &p.Roles[j]
			role.Path, role.RoleName, role.RoleId, role.Arn, role.CreateDate = r.entity()
			role.AssumeRolePolicyDocument = r.trust()
		}
	}
	return out
}

// readRoleDetail: RoleLastUsed is empty for a role never used (recorded).
func readRoleDetail(r *detailReader) types.RoleDetail {
	var d types.RoleDetail
	d.Path, d.RoleName, d.RoleId, d.Arn, d.CreateDate = r.entity()
	d.AssumeRolePolicyDocument = r.trust()
	d.RolePolicyList = r.inline()
	d.AttachedManagedPolicies = r.attached()
	d.PermissionsBoundary = r.boundary()
	d.Tags = r.tags()
	d.RoleLastUsed = &types.RoleLastUsed{}
	if used, region := r.date(), r.str(); !used.Equal(time.Time{}) {
		d.RoleLastUsed.LastUsedDate, d.RoleLastUsed.Region = &used, &region
	}
	d.InstanceProfileList = r.profiles()
	return d
}

// policyDetail writes a managed policy's detail. Call with f.mu held. An
// AWS managed policy is a *customerPolicy too (the account's record of
// it), its versions the catalog's (versionList).
func policyDetail(w *detailWriter, p *customerPolicy) {
	w.str(p.name)
	w.str(p.path)
	w.str(p.id)
	w.str(p.arn)
	if p.aws { // IAM's answer leaves an AWS managed policy's out (recorded: docs/contract.md)
		w.str("")
	} else {
		w.str(p.description)
	}
	w.str(p.def.id)
	w.date(p.created)
	w.date(p.updated)
	w.num(p.attachments())
	w.num(len(p.bounded)) // PermissionsBoundaryUsageCount
	w.flag(!p.unattachable)
	versions := p.versionList()
	w.num(len(versions))
	for _, v := range versions {
		w.flag(v == p.def)
	}
	w.policyVersions(versions)
}

// readPolicyDetail: the policy as GetPolicy shows it but its tags (its
// description when it has one), and every version with its document
// URL-encoded, newest first.
func readPolicyDetail(r *detailReader) types.ManagedPolicyDetail {
	s := new(struct {
		name, path, id, arn, description, def string
		created, updated                      time.Time
		attachments, boundaries               int32
	})
	s.name, s.path, s.id, s.arn, s.description, s.def = r.str(), r.str(), r.str(), r.str(), r.str(), r.str()
	s.created, s.updated = r.date(), r.date()
	s.attachments, s.boundaries = int32(min(r.num(), 1<<31-1)), int32(r.num())
	d := types.ManagedPolicyDetail{PolicyName: &s.name, Path: &s.path, PolicyId: &s.id, Arn: &s.arn, DefaultVersionId: &s.def,
		CreateDate: &s.created, UpdateDate: &s.updated, AttachmentCount: &s.attachments, PermissionsBoundaryUsageCount: &s.boundaries,
		IsAttachable: r.flag()}
	if s.description != "" {
		d.Description = &s.description
	}
	d.PolicyVersionList = make([]types.PolicyVersion, r.num())
	strs := make([]string, 2*len(d.PolicyVersionList))
	dates := make([]time.Time, len(d.PolicyVersionList))
	for i := range d.PolicyVersionList {
		v := r.page.versions[r.ver]
		r.ver++
		strs[2*i], strs[2*i+1], dates[i] = v.id, v.encodedDoc(), v.created
		d.PolicyVersionList[i] = types.PolicyVersion{VersionId: &strs[2*i], Document: &strs[2*i+1], CreateDate: &dates[i], IsDefaultVersion: r.flag()}
	}
	return d
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
	// A page asked for again while nothing changed is the page captured
	// before: shared, not captured afresh.
	key := detailsKey{acct: acct, gen: f.mu.gen.Load(), filter: filter, limit: limit, marked: in.Marker != nil}
	if in.Marker != nil {
		key.marker = *in.Marker
	}
	if c := f.details.Load(); c != nil && c.detailsKey == key {
		return answerWith(c.page, detailsPage.sdk), nil
	}
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
	// The page's range of each kind, then its details.
	var ranges [detailKinds]struct{ start, end int }
	n := 0
	lastKind, last := kind, -1
	for ; kind < detailKinds && n < limit; kind, start = kind+1, 0 {
		if !filter.has(kind) {
			continue
		}
		end := min(d.len(kind), start+limit-n)
		if end > start {
			ranges[kind].start, ranges[kind].end = start, end
			n, lastKind, last = n+end-start, kind, end-1
		}
	}
	local, aws := d.local[ranges[detailLocalPolicies].start:ranges[detailLocalPolicies].end], d.aws[ranges[detailAWSPolicies].start:ranges[detailAWSPolicies].end]
	write := func(w *detailWriter) {
		for _, u := range d.users[ranges[detailUsers].start:ranges[detailUsers].end] {
			userDetail(w, u)
		}
		for _, g := range d.groups[ranges[detailGroups].start:ranges[detailGroups].end] {
			groupDetail(w, g)
		}
		for _, r := range d.roles[ranges[detailRoles].start:ranges[detailRoles].end] {
			roleDetail(w, r)
		}
		for _, p := range local {
			policyDetail(w, p)
		}
		for _, p := range aws {
			policyDetail(w, p)
		}
	}
	w := detailWriter{measuring: true}
	write(&w)
	w.sized()
	write(&w)
	policies := len(local) + len(aws)
	page := detailsPage{text: w.text.String(), nums: w.nums, docs: w.docs, versions: w.versions,
		users: ranges[detailUsers].end - ranges[detailUsers].start, groups: ranges[detailGroups].end - ranges[detailGroups].start,
		roles: ranges[detailRoles].end - ranges[detailRoles].start, policies: policies}
	if n == limit && moreDetails(&d, filter, lastKind, last) {
		page.marker = f.encodeMarker(GetAccountAuthorizationDetails, acct.id, bound,
			markerPos{date: time.Unix(0, 0), seq: uint64(lastKind), id: strings.ToLower(d.name(lastKind, last))})
	}
	f.details.Store(&detailsCached{key, page})
	return answerWith(page, detailsPage.sdk), nil
}

// detailsKey is what a captured page answers: a page of that account, of
// those kinds and size, from that marker, while the model is at that
// generation.
type detailsKey struct {
	acct   *account
	gen    uint64
	filter detailFilter
	limit  int
	marked bool
	marker string
}

// detailsCached is the last page captured (Fake.details), which answers
// the same call again while the model has not changed: a page of a
// thousand items costs its capture once, and the call log keeps one page
// for all the calls that share it.
type detailsCached struct {
	detailsKey
	page detailsPage
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

// sdk is the page as the SDK's output, fresh. Every list is present
// (empty when none).
func (p detailsPage) sdk() *iam.GetAccountAuthorizationDetailsOutput {
	out := &iam.GetAccountAuthorizationDetailsOutput{
		UserDetailList:  make([]types.UserDetail, p.users),
		GroupDetailList: make([]types.GroupDetail, p.groups),
		RoleDetailList:  make([]types.RoleDetail, p.roles),
		Policies:        make([]types.ManagedPolicyDetail, p.policies),
	}
	r := detailReader{page: &p}
	for i := range out.UserDetailList {
		out.UserDetailList[i] = readUserDetail(&r)
	}
	for i := range out.GroupDetailList {
		out.GroupDetailList[i] = readGroupDetail(&r)
	}
	for i := range out.RoleDetailList {
		out.RoleDetailList[i] = readRoleDetail(&r)
	}
	for i := range out.Policies {
		out.Policies[i] = readPolicyDetail(&r)
	}
	out.IsTruncated, out.Marker = pageEnd(p.marker)
	return out
}

// encodedDoc is the version's document as IAM answers it, URL-encoded:
// made once, by the first answer that shows it.
func (v *policyVersion) encodedDoc() string {
	if v.encoded != "" {
		return v.encoded
	}
	if e := v.lazy.Load(); e != nil {
		return *e
	}
	e := encodePolicyDocument(v.document)
	v.lazy.Store(&e)
	return e
}
