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
	register(opSpec[iam.CreateGroupInput, iam.CreateGroupOutput]{Name: CreateGroup, Handle: (*Fake).createGroup,
		Resource: func(_ *Fake, a *attempt, in *iam.CreateGroupInput) string {
			return groupARN(a.who.Account, pathOr(in.Path), deref(in.GroupName))
		}})
	register(opSpec[iam.GetGroupInput, iam.GetGroupOutput]{Name: GetGroup, Handle: (*Fake).getGroup,
		Named: named{"GroupName", "group "}})
	register(opSpec[iam.ListGroupsInput, iam.ListGroupsOutput]{Name: ListGroups, Handle: (*Fake).listGroups,
		Resource: func(_ *Fake, a *attempt, in *iam.ListGroupsInput) string {
			return groupARN(a.who.Account, pathOr(in.PathPrefix), "")
		}})
	register(opSpec[iam.UpdateGroupInput, iam.UpdateGroupOutput]{Name: UpdateGroup, Handle: (*Fake).updateGroup,
		Named: named{"GroupName", "group "}})
	register(opSpec[iam.DeleteGroupInput, iam.DeleteGroupOutput]{Name: DeleteGroup, Handle: (*Fake).deleteGroup,
		Named: named{"GroupName", "group "}})
	register(opSpec[iam.AddUserToGroupInput, iam.AddUserToGroupOutput]{Name: AddUserToGroup, Handle: (*Fake).addUserToGroup,
		Named: named{"GroupName", "group "}})
	register(opSpec[iam.RemoveUserFromGroupInput, iam.RemoveUserFromGroupOutput]{Name: RemoveUserFromGroup, Handle: (*Fake).removeUserFromGroup,
		Named: named{"GroupName", "group "}})
	register(opSpec[iam.ListGroupsForUserInput, iam.ListGroupsForUserOutput]{Name: ListGroupsForUser, Handle: (*Fake).listGroupsForUser})
}

// IAM's quotas on groups (docs: "IAM and AWS STS quotas"; GroupsQuota and
// GroupsPerUserQuota in GetAccountSummary, recorded).
const (
	defaultGroupsPerAccount = 300
	defaultGroupsPerUser    = 10
)

// group is an IAM group of an account. Its members are sorted as GetGroup
// lists them. Answers capture what they show under the lock (captureEntities,
// pages.go), so no slice of the model escapes and changes write in
// place.
type group struct {
	name, path, id, arn string
	created             time.Time
	account             *account
	members             []*principal
	inline              inlinePolicies // inline_policies.go
	// listed is the last GetGroup page captured, shared by answers asking
	// for it again until the group or its members change (changed).
	listed atomic.Pointer[listedPage[groupMembersPage]]
	// policies are the managed policies attached to it, by name ignoring
	// case (policy_attachments.go); a write replaces the slice.
	// attachedListed is the last ListAttachedGroupPolicies answer shared
	// for them (attachedAnswer).
	policies       []*customerPolicy
	attachedListed atomic.Pointer[sharedAnswer[attachedKey]]
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
	a.groupList = addByName(a.groupList, g, groupName)
	a.groupsListed.Store(nil)
}

// removeGroup takes g out of its account's indexes.
func (a *account) removeGroup(g *group) {
	delete(a.groups, strings.ToLower(g.name))
	a.groupList = removeFrom(a.groupList, g)
	a.groupsListed.Store(nil)
}

// join makes u a member of g, both sides in listing order.
func join(g *group, u *principal) {
	g.listed.Store(nil)
	u.groupsListed.Store(nil)
	g.members = addByName(g.members, u, userName)
	u.groups = addByName(u.groups, g, groupName)
}

// leave ends u's membership of g, both sides.
func leave(g *group, u *principal) {
	g.listed.Store(nil)
	u.groupsListed.Store(nil)
	g.members = removeFrom(g.members, u)
	u.groups = removeFrom(u.groups, g)
}

// regroupUser puts a renamed user back in its place among each of its
// groups' members. UpdateUser calls it after a rename.
func regroupUser(u *principal) {
	for _, g := range u.groups {
		g.listed.Store(nil) // its page shows the user's name, path and Arn
		g.members = addByName(removeFrom(g.members, u), u, userName)
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
	now := f.nowFor(a)
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
	g, err := f.resolveGroup(a.caller, *in.GroupName)
	if err != nil {
		return none, err
	}
	acct := g.account
	name := func(u *principal) string { return u.name }
	start, err := nameStart(f, GetGroup, acct.id, g.id, g.members, name, in.Marker)
	if err != nil {
		return none, err
	}
	if l := g.listed.Load(); l != nil && l.start == start && l.limit == limit {
		return answerWith(l.page, groupMembersPage.sdk), nil
	}
	end, next := nameEnd(f, GetGroup, acct.id, g.id, g.members, name, nil, start, limit)
	// The users as ListUsers captures them, without tags (choice).
	k := groupMembersPage{group: viewGroup(g), users: captureEntities(g.members[start:end], nil, userEntity, next)}
	g.listed.Store(&listedPage[groupMembersPage]{start: start, limit: limit, page: k})
	return answerWith(k, groupMembersPage.sdk), nil
}

// groupMembersPage is GetGroup's answer as captured: the group, and a page
// of its users.
type groupMembersPage struct {
	group groupView
	users entityPage
}

func (p *groupMembersPage) allocSlack() int { return p.users.allocSlack() }

func (p groupMembersPage) sdk() *iam.GetGroupOutput {
	out := &iam.GetGroupOutput{Group: p.group.sdk(), Users: pageUsers(p.users)}
	out.IsTruncated, out.Marker = p.users.next()
	return out
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
	keep := pathFilter(prefix, func(g *group) string { return g.path })
	name := func(g *group) string { return g.name }
	start, err := nameStart(f, ListGroups, acct.id, "", acct.groupList, name, in.Marker)
	if err != nil {
		return none, err
	}
	l := acct.groupsListed.Load()
	if l == nil || l.start != start || l.limit != limit || l.prefix != prefix {
		end, next := nameEnd(f, ListGroups, acct.id, "", acct.groupList, name, keep, start, limit)
		l = &listedPage[entityPage]{start: start, limit: limit, prefix: prefix, page: captureEntities(acct.groupList[start:end], keep, groupEntity, next)}
		acct.groupsListed.Store(l)
	}
	return answerWith(l.page, func(p entityPage) *iam.ListGroupsOutput {
		out := &iam.ListGroupsOutput{Groups: pageGroups(p)}
		out.IsTruncated, out.Marker = p.next()
		return out
	}), nil
}

// listGroupsForUser: (validation) → user exists → marker (bound to the
// user) → the user's groups, by name ignoring case.
func (f *Fake) listGroupsForUser(a *attempt, in *iam.ListGroupsForUserInput) (result[iam.ListGroupsForUserOutput], *Error) {
	return userPage(f, userGroupPages, a, in.UserName, in.Marker, in.MaxItems,
		func(owner *principal, start, end int, next string) result[iam.ListGroupsForUserOutput] {
			l := owner.groupsListed.Load()
			if l == nil || l.start != start || l.limit != end-start {
				l = &listedPage[entityPage]{start: start, limit: end - start, page: captureEntities(owner.groups[start:end], nil, groupEntity, next)}
				owner.groupsListed.Store(l)
			}
			return answerWith(l.page, func(p entityPage) *iam.ListGroupsForUserOutput {
				out := &iam.ListGroupsForUserOutput{Groups: pageGroups(p)}
				out.IsTruncated, out.Marker = p.next()
				return out
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

// groupEntity is what a page of groups shows of g (entityFunc). A group's
// Arn ends with its path and name (groupARN).
func groupEntity(g *group) (arn, id string, nameLen, pathLen int, created int64) {
	return g.arn, g.id, len(g.name), len(g.path), g.created.Unix()
}

// pageGroups is a page's groups, fresh.
func pageGroups(p entityPage) []types.Group {
	strs, dates := p.fields()
	out := make([]types.Group, len(dates))
	for i := range out {
		s := strs[4*i : 4*i+4 : 4*i+4]
		out[i] = types.Group{Path: &s[0], GroupName: &s[1], GroupId: &s[2], Arn: &s[3], CreateDate: &dates[i]}
	}
	return out
}

// updateGroup: (validation) → group exists → new name taken by another
// group → renamed and/or moved. GroupId, CreateDate and the members stay;
// the Arn follows.
func (f *Fake) updateGroup(a *attempt, in *iam.UpdateGroupInput) (result[iam.UpdateGroupOutput], *Error) {
	var none result[iam.UpdateGroupOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	g, err := f.resolveGroup(a.caller, *in.GroupName)
	if err != nil {
		return none, err
	}
	acct := g.account
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
		u.groups = addByName(removeFrom(u.groups, g), g, groupName)
	}
	resortAttachedGroup(g) // its place among its policies' groups
	return answerEmpty[iam.UpdateGroupOutput](), nil
}

// deleteGroup: (validation) → group exists → no members → gone.
func (f *Fake) deleteGroup(a *attempt, in *iam.DeleteGroupInput) (result[iam.DeleteGroupOutput], *Error) {
	var none result[iam.DeleteGroupOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	g, err := f.resolveGroup(a.caller, *in.GroupName)
	if err != nil {
		return none, err
	}
	acct := g.account
	if len(g.members) > 0 {
		return none, errDeleteConflictMembers()
	}
	if len(g.inline.list) > 0 { // inline_policies.go
		return none, errDeleteConflict("policies")
	}
	if len(g.policies) > 0 { // then attached managed policies (policy_attachments.go)
		return none, errDeleteConflictPolicies()
	}
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
