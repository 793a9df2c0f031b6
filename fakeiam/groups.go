package fakeiam

import (
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// IAM groups: CreateGroup, GetGroup, ListGroups, UpdateGroup, DeleteGroup,
// AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser, with IAM's checks
// in IAM's order (docs/contract.md, "Groups"). A group is the account's; its
// members are users of the account, and a user's groups are the same
// memberships seen from the user (both sides kept in step here). Names ignore
// case, as user names do; groups, a group's users and a user's groups are
// listed by name ignoring case. Their tests: groups_test.go.

// The group operations.
const (
	CreateGroup         Operation = "CreateGroup"
	GetGroup            Operation = "GetGroup"
	ListGroups          Operation = "ListGroups"
	UpdateGroup         Operation = "UpdateGroup"
	DeleteGroup         Operation = "DeleteGroup"
	AddUserToGroup      Operation = "AddUserToGroup"
	RemoveUserFromGroup Operation = "RemoveUserFromGroup"
	ListGroupsForUser   Operation = "ListGroupsForUser"
)

func init() {
	// AccessDenied's resource: "group <name>" (recorded for GetGroup and
	// AddUserToGroup), the group's ARN for CreateGroup and the account's
	// group ARN prefix for ListGroups (recorded), "user <name>" for
	// ListGroupsForUser (recorded: the default).
	byGroup := func(name *string) string { return "group " + deref(name) }
	register(opSpec[iam.CreateGroupInput, iam.CreateGroupOutput]{Name: CreateGroup, Handle: (*Fake).createGroup,
		Resource: func(_ *Fake, a *attempt, in *iam.CreateGroupInput) string {
			return groupARN(a.who.Account, pathOr(in.Path), deref(in.GroupName))
		}})
	register(opSpec[iam.GetGroupInput, iam.GetGroupOutput]{Name: GetGroup, Handle: (*Fake).getGroup,
		Resource: func(_ *Fake, _ *attempt, in *iam.GetGroupInput) string { return byGroup(in.GroupName) }})
	register(opSpec[iam.ListGroupsInput, iam.ListGroupsOutput]{Name: ListGroups, Handle: (*Fake).listGroups,
		Resource: func(_ *Fake, a *attempt, in *iam.ListGroupsInput) string {
			return groupARN(a.who.Account, pathOr(in.PathPrefix), "")
		}})
	register(opSpec[iam.UpdateGroupInput, iam.UpdateGroupOutput]{Name: UpdateGroup, Handle: (*Fake).updateGroup,
		Resource: func(_ *Fake, _ *attempt, in *iam.UpdateGroupInput) string { return byGroup(in.GroupName) }})
	register(opSpec[iam.DeleteGroupInput, iam.DeleteGroupOutput]{Name: DeleteGroup, Handle: (*Fake).deleteGroup,
		Resource: func(_ *Fake, _ *attempt, in *iam.DeleteGroupInput) string { return byGroup(in.GroupName) }})
	register(opSpec[iam.AddUserToGroupInput, iam.AddUserToGroupOutput]{Name: AddUserToGroup, Handle: (*Fake).addUserToGroup,
		Resource: func(_ *Fake, _ *attempt, in *iam.AddUserToGroupInput) string { return byGroup(in.GroupName) }})
	register(opSpec[iam.RemoveUserFromGroupInput, iam.RemoveUserFromGroupOutput]{Name: RemoveUserFromGroup, Handle: (*Fake).removeUserFromGroup,
		Resource: func(_ *Fake, _ *attempt, in *iam.RemoveUserFromGroupInput) string { return byGroup(in.GroupName) }})
	register(opSpec[iam.ListGroupsForUserInput, iam.ListGroupsForUserOutput]{Name: ListGroupsForUser, Handle: (*Fake).listGroupsForUser})
}

// IAM's quotas on groups (docs: "IAM and AWS STS quotas"; GroupsQuota and
// GroupsPerUserQuota in GetAccountSummary, recorded).
const (
	defaultGroupsPerAccount = 300
	defaultGroupsPerUser    = 10
)

// group is an IAM group of an account. Its members are sorted as GetGroup
// lists them. Answers capture what they show under the lock (captureUsers,
// captureGroups), so no slice of the model escapes and changes write in
// place.
type group struct {
	name, path, id, arn string
	created             time.Time
	account             *account
	members             []*principal
	// listed is the last GetGroup page captured, shared by answers asking
	// for it again until the group or its members change (changed).
	listed atomic.Pointer[listedPage[groupMembersPage]]
}

// listedPage is a page captured for a listing from start, at most limit
// items (with prefix, for ListGroups), which answers listing the same
// again share while what it shows has not changed: the lead's ListUsers
// cache (account.listed), for the group lists. Capturing a 100-item page
// afresh costs about 1.8 × the floor (BenchmarkPairedRatios/list/
// users=100/after-a-change); shared, it costs what the call costs.
type listedPage[P any] struct {
	start, limit int
	prefix       string
	page         P
}

// changed drops every captured page that shows g: its own, the account's
// groups, and each member's groups.
func (g *group) changed() {
	g.listed.Store(nil)
	g.account.groupsListed.Store(nil)
	for _, u := range g.members {
		u.groupsListed.Store(nil)
	}
}

func groupARN(acct, path, name string) string {
	return "arn:aws:iam::" + acct + ":group" + path + name
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// pathOr is path, or IAM's default "/".
func pathOr(path *string) string {
	if path == nil {
		return "/"
	}
	return *path
}

// byName orders groups and users as the group operations list them: by
// name ignoring case (names are unique ignoring case).
func byName(x, y string) int { return strings.Compare(strings.ToLower(x), strings.ToLower(y)) }

// group finds a group by name ignoring case; nil when there is none.
func (a *account) group(name string) *group { return a.groups[strings.ToLower(name)] }

// addGroup puts g into its account's indexes, in listing order.
func (a *account) addGroup(g *group) {
	if a.groups == nil {
		a.groups = map[string]*group{}
	}
	a.groups[strings.ToLower(g.name)] = g
	i, _ := slices.BinarySearchFunc(a.groupList, g.name, func(e *group, name string) int { return byName(e.name, name) })
	a.groupList = slices.Insert(a.groupList, i, g)
	a.groupsListed.Store(nil)
}

// removeGroup takes g out of its account's indexes.
func (a *account) removeGroup(g *group) {
	delete(a.groups, strings.ToLower(g.name))
	if i, ok := slices.BinarySearchFunc(a.groupList, g.name, func(e *group, name string) int { return byName(e.name, name) }); ok {
		a.groupList = slices.Delete(a.groupList, i, i+1)
	}
	a.groupsListed.Store(nil)
}

// join makes u a member of g, both sides in listing order.
func join(g *group, u *principal) {
	g.listed.Store(nil)
	u.groupsListed.Store(nil)
	i, _ := slices.BinarySearchFunc(g.members, u.name, func(e *principal, name string) int { return byName(e.name, name) })
	g.members = slices.Insert(g.members, i, u)
	j, _ := slices.BinarySearchFunc(u.groups, g.name, func(e *group, name string) int { return byName(e.name, name) })
	u.groups = slices.Insert(u.groups, j, g)
}

// leave ends u's membership of g, both sides.
func leave(g *group, u *principal) {
	g.listed.Store(nil)
	u.groupsListed.Store(nil)
	g.members = slices.DeleteFunc(g.members, func(e *principal) bool { return e == u })
	u.groups = slices.DeleteFunc(u.groups, func(e *group) bool { return e == g })
}

// regroupUser puts a renamed user back in its place among each of its
// groups' members. UpdateUser calls it after a rename.
func regroupUser(u *principal) {
	for _, g := range u.groups {
		g.listed.Store(nil) // its page shows the user's name, path and Arn
		g.members = slices.DeleteFunc(g.members, func(e *principal) bool { return e == u })
		i, _ := slices.BinarySearchFunc(g.members, u.name, func(e *principal, name string) int { return byName(e.name, name) })
		g.members = slices.Insert(g.members, i, u)
	}
}

// isMember says whether u is in g.
func isMember(g *group, u *principal) bool { return slices.Contains(u.groups, g) }

// newGroupIDLocked is a new group id: AGPA and 17 characters of A-Z and
// 2-7, as IAM's. Ids are never seeded, and generated ones do not repeat
// (ids.next).
func (f *Fake) newGroupIDLocked() string { return "AGPA" + f.ids.next("group", 17) }

// groupView is a group as an answer captured it: values, not the model's
// group, which later calls rename and move.
type groupView struct {
	path, name, id, arn string
	created             time.Time
}

func viewGroup(g *group) groupView {
	return groupView{path: g.path, name: g.name, id: g.id, arn: g.arn, created: g.created}
}

// sdk is the SDK's Group, fresh: one allocation.
func (v *groupView) sdk() *types.Group {
	s := new(struct {
		group               types.Group
		path, name, id, arn string
		created             time.Time
	})
	s.path, s.name, s.id, s.arn, s.created = v.path, v.name, v.id, v.arn, v.created
	s.group = types.Group{Path: &s.path, GroupName: &s.name, GroupId: &s.id, Arn: &s.arn, CreateDate: &s.created}
	return &s.group
}

// createGroup: (validation) → name taken → the account's quota → the group.
// Order of the last two: choice (docs/contract.md).
func (f *Fake) createGroup(a *attempt, in *iam.CreateGroupInput) (result[iam.CreateGroupOutput], *Error) {
	var none result[iam.CreateGroupOutput]
	now := f.now()
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	acct := a.caller.account
	if acct.group(*in.GroupName) != nil {
		return none, errGroupExists(*in.GroupName)
	}
	if len(acct.groupList) >= acct.groupQuota {
		return none, errGroupQuota(acct.groupQuota)
	}
	g := &group{name: *in.GroupName, path: pathOr(in.Path), id: f.newGroupIDLocked(), created: now, account: acct}
	g.arn = groupARN(acct.id, g.path, g.name)
	acct.addGroup(g)
	return answerWith(viewGroup(g), func(v groupView) *iam.CreateGroupOutput { return &iam.CreateGroupOutput{Group: v.sdk()} }), nil
}

// getGroup: (validation) → group exists → marker (bound to the group) → the
// group and a page of its users, by name ignoring case, without tags.
func (f *Fake) getGroup(a *attempt, in *iam.GetGroupInput) (result[iam.GetGroupOutput], *Error) {
	var none result[iam.GetGroupOutput]
	limit := pageLimit(in.MaxItems, a)
	f.mu.RLock()
	defer f.mu.RUnlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	acct := a.caller.account
	g := acct.group(*in.GroupName)
	if g == nil {
		return none, errNoSuchGroup(*in.GroupName)
	}
	start, end, next, err := namePage(f, GetGroup, acct.id, g.id, g.members, func(u *principal) string { return u.name }, nil, in.Marker, limit)
	if err != nil {
		return none, err
	}
	if l := g.listed.Load(); l != nil && l.start == start && l.limit == limit {
		return answerWith(l.page, groupMembersPage.sdk), nil
	}
	// The users as ListUsers captures them (users.go: usersPage), without
	// tags (choice).
	k := groupMembersPage{group: viewGroup(g), users: captureUsers(g.members[start:end]), marker: next}
	g.listed.Store(&listedPage[groupMembersPage]{start: start, limit: limit, page: k})
	return answerWith(k, groupMembersPage.sdk), nil
}

// groupMembersPage is GetGroup's answer as captured: the group, and a page
// of its users in ListUsers' compact form.
type groupMembersPage struct {
	group  groupView
	users  usersPage
	marker string
}

func (p *groupMembersPage) allocSlack() int { return p.users.allocSlack() }

func (p groupMembersPage) sdk() *iam.GetGroupOutput {
	out := &iam.GetGroupOutput{Group: p.group.sdk(), Users: p.users.sdk().Users}
	if p.marker != "" {
		marker := p.marker // each output its own
		out.IsTruncated, out.Marker = true, &marker
	}
	return out
}

// captureUsers is users as a ListUsers page holds them: their Arns and
// UserIds in one string, where each is in one block of numbers.
func captureUsers(users []*principal) usersPage {
	size := 0
	for _, u := range users {
		size += len(u.arn) + len(u.userID)
	}
	page := usersPage{nums: make([]int64, 0, 5*len(users))}
	var text strings.Builder
	text.Grow(size)
	for _, u := range users {
		text.WriteString(u.arn)
		arnEnd := int64(text.Len())
		nameStart := arnEnd - int64(len(u.name))
		text.WriteString(u.userID)
		page.nums = append(page.nums, nameStart-int64(len(u.path)), nameStart, arnEnd, int64(text.Len()), u.created.Unix())
	}
	page.text = text.String()
	return page
}

// listGroups: (validation) → marker → the groups whose path starts with
// PathPrefix, by name ignoring case.
func (f *Fake) listGroups(a *attempt, in *iam.ListGroupsInput) (result[iam.ListGroupsOutput], *Error) {
	var none result[iam.ListGroupsOutput]
	limit := pageLimit(in.MaxItems, a)
	prefix := pathOr(in.PathPrefix)
	f.mu.RLock()
	defer f.mu.RUnlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	acct := a.caller.account
	keep := func(g *group) bool { return strings.HasPrefix(g.path, prefix) }
	start, end, next, err := namePage(f, ListGroups, acct.id, "", acct.groupList, func(g *group) string { return g.name }, keep, in.Marker, limit)
	if err != nil {
		return none, err
	}
	l := acct.groupsListed.Load()
	if l == nil || l.start != start || l.limit != limit || l.prefix != prefix {
		l = &listedPage[groupsPage]{start: start, limit: limit, prefix: prefix, page: captureGroups(acct.groupList[start:end], keep, next)}
		acct.groupsListed.Store(l)
	}
	return answerWith(l.page, func(p groupsPage) *iam.ListGroupsOutput {
		groups, truncated, marker := p.sdk()
		return &iam.ListGroupsOutput{Groups: groups, IsTruncated: truncated, Marker: marker}
	}), nil
}

// listGroupsForUser: (validation) → user exists → marker (bound to the
// user) → the user's groups, by name ignoring case.
func (f *Fake) listGroupsForUser(a *attempt, in *iam.ListGroupsForUserInput) (result[iam.ListGroupsForUserOutput], *Error) {
	return userPage(f, userGroupPages, a, in.UserName, in.Marker, in.MaxItems,
		func(owner *principal, start, end int, next string) result[iam.ListGroupsForUserOutput] {
			l := owner.groupsListed.Load()
			if l == nil || l.start != start || l.limit != end-start {
				l = &listedPage[groupsPage]{start: start, limit: end - start, page: captureGroups(owner.groups[start:end], nil, next)}
				owner.groupsListed.Store(l)
			}
			return answerWith(l.page, func(p groupsPage) *iam.ListGroupsForUserOutput {
				groups, truncated, marker := p.sdk()
				return &iam.ListGroupsForUserOutput{Groups: groups, IsTruncated: truncated, Marker: marker}
			})
		})
}

// userGroupPages: a user's groups by name ignoring case; a marker carries
// the last group's lowercase name.
var userGroupPages = pageSpec[*group]{
	op:    ListGroupsForUser,
	items: func(p *principal) []*group { return p.groups },
	pos:   func(g *group) markerPos { return markerPos{date: time.Unix(0, 0), id: strings.ToLower(g.name)} },
	after: func(g *group, pos markerPos) bool { return strings.ToLower(g.name) > pos.id },
}

// groupsPage is a page of groups as an answer captured it, in the form
// of a ListUsers page (users.go: usersPage, which says why): their Arns
// (which end with their path and name) and GroupIds in one string, where
// each is and their dates in one block of numbers.
type groupsPage struct {
	text   string
	nums   []int64 // 5 a group: path start, name start, Arn end, GroupId end, CreateDate (Unix)
	marker string  // "" on the last page
}

func (p *groupsPage) allocSlack() int { return (&usersPage{text: p.text}).allocSlack() }

// captureGroups captures groups (those keep accepts, when set) and the
// marker of what follows.
func captureGroups(groups []*group, keep func(*group) bool, next string) groupsPage {
	size, n := 0, 0
	for _, g := range groups {
		if keep == nil || keep(g) {
			size, n = size+len(g.arn)+len(g.id), n+1
		}
	}
	page := groupsPage{nums: make([]int64, 0, 5*n), marker: next}
	var text strings.Builder
	text.Grow(size)
	for _, g := range groups {
		if keep == nil || keep(g) {
			text.WriteString(g.arn)
			arnEnd := int64(text.Len())
			nameStart := arnEnd - int64(len(g.name))
			text.WriteString(g.id)
			page.nums = append(page.nums, nameStart-int64(len(g.path)), nameStart, arnEnd, int64(text.Len()), g.created.Unix())
		}
	}
	page.text = text.String()
	return page
}

// sdk is the page's groups, fresh: one allocation per kind of field for the
// whole page; its strings are slices of text, which nothing writes.
func (p groupsPage) sdk() (groups []types.Group, truncated bool, marker *string) {
	n := len(p.nums) / 5
	groups = make([]types.Group, n)
	strs, dates := make([]string, 4*n), make([]time.Time, n)
	var from int64
	for i := range groups {
		g, s := p.nums[5*i:5*i+5:5*i+5], strs[4*i:4*i+4:4*i+4]
		pathStart, nameStart, arnEnd, idEnd := g[0], g[1], g[2], g[3]
		s[0], s[1], s[2], s[3] = p.text[pathStart:nameStart], p.text[nameStart:arnEnd], p.text[arnEnd:idEnd], p.text[from:arnEnd]
		from, dates[i] = idEnd, time.Unix(g[4], 0).UTC()
		groups[i] = types.Group{Path: &s[0], GroupName: &s[1], GroupId: &s[2], Arn: &s[3], CreateDate: &dates[i]}
	}
	if p.marker != "" {
		m := p.marker // each output its own
		return groups, true, &m
	}
	return groups, false, nil
}

// namePage finds a page of items sorted by name ignoring case (only those
// keep accepts, when keep is set): up to limit of them after the marker's
// name, whether or not that item still exists, all in items[start:end],
// and the marker of what follows ("" when nothing does). Markers are bound
// to op, the account and owner (a group's id for its users; "" for the
// account's groups).
func namePage[T any](f *Fake, op Operation, acct, owner string, items []T, name func(T) string, keep func(T) bool,
	marker *string, limit int) (start, end int, next string, err *Error) {
	if marker != nil {
		pos, ok := f.decodeMarker(op, acct, owner, *marker)
		if !ok {
			return 0, 0, "", errValidation(msgInvalidMarker)
		}
		start, _ = slices.BinarySearchFunc(items, pos.id, func(item T, after string) int {
			if strings.ToLower(name(item)) <= after {
				return -1
			}
			return 1
		})
	}
	n, i := 0, start
	var last T
	for ; i < len(items) && n < limit; i++ {
		if keep == nil || keep(items[i]) {
			n, last = n+1, items[i]
		}
	}
	end = i
	for ; i < len(items); i++ { // is there more?
		if keep == nil || keep(items[i]) {
			return start, end, f.encodeMarker(op, acct, owner, markerPos{date: time.Unix(0, 0), id: strings.ToLower(name(last))}), nil
		}
	}
	return start, end, "", nil
}

// updateGroup: (validation) → group exists → new name taken by another
// group → renamed and/or moved. GroupId, CreateDate and the members stay;
// the Arn follows.
func (f *Fake) updateGroup(a *attempt, in *iam.UpdateGroupInput) (result[iam.UpdateGroupOutput], *Error) {
	var none result[iam.UpdateGroupOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	acct := a.caller.account
	g := acct.group(*in.GroupName)
	if g == nil {
		return none, errNoSuchGroup(*in.GroupName)
	}
	name, path := g.name, g.path
	if in.NewGroupName != nil {
		if other := acct.group(*in.NewGroupName); other != nil && other != g {
			return none, errGroupExists(*in.NewGroupName)
		}
		name = *in.NewGroupName
	}
	if in.NewPath != nil {
		path = *in.NewPath
	}
	acct.removeGroup(g)
	g.name, g.path, g.arn = name, path, groupARN(acct.id, path, name)
	acct.addGroup(g)
	g.changed()
	for _, u := range g.members { // its place among each member's groups
		u.groups = slices.DeleteFunc(u.groups, func(e *group) bool { return e == g })
		j, _ := slices.BinarySearchFunc(u.groups, g.name, func(e *group, name string) int { return byName(e.name, name) })
		u.groups = slices.Insert(u.groups, j, g)
	}
	return answerEmpty[iam.UpdateGroupOutput](), nil
}

// deleteGroup: (validation) → group exists → no members → gone.
func (f *Fake) deleteGroup(a *attempt, in *iam.DeleteGroupInput) (result[iam.DeleteGroupOutput], *Error) {
	var none result[iam.DeleteGroupOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	acct := a.caller.account
	g := acct.group(*in.GroupName)
	if g == nil {
		return none, errNoSuchGroup(*in.GroupName)
	}
	if len(g.members) > 0 {
		return none, errDeleteConflictMembers()
	}
	// Policies hook: a group's inline and attached policies come with the
	// policies resource ("Roles and policies"). Their DeleteConflict checks
	// ("must delete policies first", "must detach all policies first") go
	// here, after the members' (docs/contract.md, "Groups": order a choice).
	acct.removeGroup(g)
	return answerEmpty[iam.DeleteGroupOutput](), nil
}

// addUserToGroup: (validation) → user exists → group exists → already a
// member: nothing to do → the user's quota of groups → a member.
func (f *Fake) addUserToGroup(a *attempt, in *iam.AddUserToGroupInput) (result[iam.AddUserToGroupOutput], *Error) {
	var none result[iam.AddUserToGroupOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	g, u, err := f.membership(a.caller, in.GroupName, in.UserName)
	if err != nil {
		return none, err
	}
	if isMember(g, u) {
		return answerEmpty[iam.AddUserToGroupOutput](), nil
	}
	if quota := u.account.groupsPerUser; len(u.groups) >= quota {
		return none, errGroupsPerUserQuota(quota)
	}
	join(g, u)
	return answerEmpty[iam.AddUserToGroupOutput](), nil
}

// removeUserFromGroup: (validation) → user exists → group exists → no
// longer a member; a user who was not one is no error (recorded).
func (f *Fake) removeUserFromGroup(a *attempt, in *iam.RemoveUserFromGroupInput) (result[iam.RemoveUserFromGroupOutput], *Error) {
	var none result[iam.RemoveUserFromGroupOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	g, u, err := f.membership(a.caller, in.GroupName, in.UserName)
	if err != nil {
		return none, err
	}
	if isMember(g, u) {
		leave(g, u)
	}
	return answerEmpty[iam.RemoveUserFromGroupOutput](), nil
}

// membership finds the user, then the group, of a membership call: IAM
// checks the user first (recorded for RemoveUserFromGroup; AddUserToGroup
// alike, choice). Call with f.mu held.
func (f *Fake) membership(caller *principal, groupName, userName *string) (*group, *principal, *Error) {
	u, err := f.resolveUser(caller, userName)
	if err != nil {
		return nil, nil, err
	}
	g := caller.account.group(*groupName)
	if g == nil {
		return nil, nil, errNoSuchGroup(*groupName)
	}
	return g, u, nil
}
