package fakeiam_test

// docs/contract.md, "Groups": the eight group operations and DeleteUser's
// refusal while a user is in a group, each row through the differential
// harness (both doors and the SDK's decoding of IAM's XML). Their paging is
// in listOperations (list_behaviors_test.go).

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

var (
	adminsCreated = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	opsCreated    = time.Date(2025, 2, 3, 4, 5, 6, 0, time.UTC)
)

// seedGroups is seedUsers with groups admins (Bob and Alice), Ops (path
// /ops/, Alice) and empty (created at testNow, no members), plus more.
func seedGroups(more ...fakeiam.Option) []fakeiam.Option {
	return seedUsers(append([]fakeiam.Option{
		fakeiam.Group("admins").CreatedAt(adminsCreated).Members("Bob", "Alice"),
		fakeiam.Group("Ops").Path("/ops/").CreatedAt(opsCreated).Members("Alice"),
		fakeiam.Group("empty"),
	}, more...)...)
}

// iamGroup is a Group as IAM answers it, in the default account.
func iamGroup(path, name, id string, created time.Time) types.Group {
	return types.Group{Path: aws.String(path), GroupName: aws.String(name), GroupId: aws.String(id),
		Arn: aws.String("arn:aws:iam::" + fakeiam.DefaultAccountID + ":group" + path + name), CreateDate: aws.Time(created)}
}

// The seeded groups, as IAM answers them.
var (
	adminsGroup = iamGroup("/", "admins", "<id of group admins>", adminsCreated)
	opsGroup    = iamGroup("/ops/", "Ops", "<id of group Ops>", opsCreated)
	emptyGroup  = iamGroup("/", "empty", "<id of group empty>", testNow)
	// The users as GetGroup lists them: without tags.
	aliceMember = *iamUser("/eng/", "Alice", "<id of Alice>", aliceCreated)
	bobMember   = *iamUser("/", "Bob", "<id of Bob>", bobCreated)
)

// groupPage is GetGroup's complete answer: the group and its users.
func groupPage(g types.Group, users ...types.User) *iam.GetGroupOutput {
	if users == nil {
		users = []types.User{}
	}
	return &iam.GetGroupOutput{Group: &g, Users: users}
}

func groupsPage(groups ...types.Group) *iam.ListGroupsOutput {
	if groups == nil {
		groups = []types.Group{}
	}
	return &iam.ListGroupsOutput{Groups: groups}
}

func userGroupsPage(groups ...types.Group) *iam.ListGroupsForUserOutput {
	if groups == nil {
		groups = []types.Group{}
	}
	return &iam.ListGroupsForUserOutput{Groups: groups}
}

// numberedGroups are n groups g00..., each with members.
func numberedGroups(n int, members ...string) []fakeiam.Option {
	var opts []fakeiam.Option
	for i := range n {
		opts = append(opts, fakeiam.Group(fmt.Sprintf("g%02d", i)).Members(members...))
	}
	return opts
}

var (
	groupsPerAccountQuota = quotaExceeded("GroupsPerAccount", 300)
	groupsPerUserQuota    = quotaExceeded("GroupsPerUser", 10)
)

func TestCreateGroupSpec(t *testing.T) {
	atQuota := seedUsers(append(numberedGroups(299), fakeiam.Group("last"))...)
	runScenarios(t, seedGroups(), []scenario{
		{name: "the group, path /", call: createGroup("devs", nil),
			want: &iam.CreateGroupOutput{Group: ptr(iamGroup("/", "devs", "<new group id>", testNow))}},
		{name: "with a path", call: createGroup("devs", aws.String("/some/location/")),
			want: &iam.CreateGroupOutput{Group: ptr(iamGroup("/some/location/", "devs", "<new group id>", testNow))}},
		{name: "then it has no users", steps: []change{do(createGroup("devs", nil))}, call: getGroup("devs", nil, nil),
			want: groupPage(iamGroup("/", "devs", "<new group id>", testNow))},
		{name: "a user's name is no group's", call: createGroup("Bob", nil),
			want: &iam.CreateGroupOutput{Group: ptr(iamGroup("/", "Bob", "<new group id>", testNow))}},
		{name: "as a role", as: asKey(roleKey.ID), call: createGroup("devs", nil),
			want: &iam.CreateGroupOutput{Group: ptr(iamGroup("/", "devs", "<new group id>", testNow))}},
		{name: "the name taken", call: createGroup("admins", nil), wantErr: groupExists("admins")},
		{name: "the name taken in another case", call: createGroup("ADMINS", nil), wantErr: groupExists("ADMINS")},
		{name: "the 301st group", seed: atQuota, call: createGroup("more", nil), wantErr: groupsPerAccountQuota},
		{name: "the name taken before the quota", seed: atQuota, call: createGroup("last", nil), wantErr: groupExists("last")},
		{name: "a lower quota", seed: seedGroups(fakeiam.GroupsPerAccount(3)), call: createGroup("more", nil), wantErr: quotaExceeded("GroupsPerAccount", 3)},
		{name: "room again after a delete", seed: atQuota, steps: []change{do(deleteGroup("last"))}, call: createGroup("more", nil),
			want: &iam.CreateGroupOutput{Group: ptr(iamGroup("/", "more", "<new group id>", testNow))}},
		{name: "another account's name is free", seed: append(seedGroups(), otherAccountSeed()), as: asKey(otherRootKey.ID), call: createGroup("admins", nil),
			want: &iam.CreateGroupOutput{Group: &types.Group{Path: aws.String("/"), GroupName: aws.String("admins"), GroupId: aws.String("<new group id>"),
				Arn: aws.String("arn:aws:iam::" + otherAccount + ":group/admins"), CreateDate: aws.Time(testNow)}}},
		{name: "groupName of 129", call: createGroup(strings.Repeat("g", 129), nil), wantErr: failedConstraints("groupName", maxLength(128))},
		{name: "groupName off the pattern", call: createGroup("dev ops", nil), wantErr: invalidName("groupName")},
		{name: "a path off the pattern", call: createGroup("devs", aws.String("ops")), wantErr: invalidPath("path")},
		{name: "validation before the name", call: createGroup("admins", aws.String("ops")), wantErr: invalidPath("path")},
	})
}

func TestGetGroupSpec(t *testing.T) {
	runScenarios(t, seedGroups(), []scenario{
		{name: "its users by name ignoring case, without tags", call: getGroup("admins", nil, nil), want: groupPage(adminsGroup, aliceMember, bobMember)},
		{name: "no users: an empty list", call: getGroup("empty", nil, nil), want: groupPage(emptyGroup)},
		{name: "with its path", call: getGroup("Ops", nil, nil), want: groupPage(opsGroup, aliceMember)},
		{name: "named in another case: its own spelling", call: getGroup("OPS", nil, nil), want: groupPage(opsGroup, aliceMember)},
		{name: "a page", call: getGroup("admins", nil, aws.Int32(1)),
			want: &iam.GetGroupOutput{Group: &adminsGroup, Users: []types.User{aliceMember}, IsTruncated: true, Marker: aws.String("<marker>")}},
		{name: "the next page", call: listThen((*iam.Client).GetGroup, iam.GetGroupInput{GroupName: aws.String("admins"), MaxItems: aws.Int32(1)}, nil, nil,
			iam.GetGroupInput{GroupName: aws.String("admins")}), want: groupPage(adminsGroup, bobMember)},
		{name: "a member renamed: in its new place", steps: []change{do(updateUser(&iam.UpdateUserInput{UserName: aws.String("Alice"), NewUserName: aws.String("Zoe")}))},
			call: getGroup("admins", nil, nil), want: groupPage(adminsGroup, bobMember, *iamUser("/eng/", "Zoe", "<id of Alice>", aliceCreated))},
		{name: "a member added", steps: []change{do(createUser(&iam.CreateUserInput{UserName: aws.String("Carol")})), do(addUserToGroup("empty", "Carol"))},
			call: getGroup("empty", nil, nil), want: groupPage(emptyGroup, *iamUser("/", "Carol", "<new user id>", testNow))},
		{name: "as a user", as: asKey(bobKey.ID), call: getGroup("empty", nil, nil), want: groupPage(emptyGroup)},
		{name: "no such group", call: getGroup("nope", nil, nil), wantErr: noSuchGroup("nope")},
		{name: "MaxItems 0", call: getGroup("nope", nil, aws.Int32(0)), wantErr: failedConstraints("maxItems", minValue(1))},
		{name: "groupName off the pattern", call: getGroup("iamgroup*", nil, nil), wantErr: invalidName("groupName")},
	})
}

func TestListGroupsSpec(t *testing.T) {
	runScenarios(t, seedGroups(), []scenario{
		{name: "by name ignoring case", call: listGroups(&iam.ListGroupsInput{}), want: groupsPage(adminsGroup, emptyGroup, opsGroup)},
		{name: "PathPrefix", call: listGroups(&iam.ListGroupsInput{PathPrefix: aws.String("/ops/")}), want: groupsPage(opsGroup)},
		{name: "PathPrefix is a plain prefix", call: listGroups(&iam.ListGroupsInput{PathPrefix: aws.String("/o")}), want: groupsPage(opsGroup)},
		{name: "PathPrefix matching none", call: listGroups(&iam.ListGroupsInput{PathPrefix: aws.String("/nothing/")}), want: groupsPage()},
		{name: "none", seed: seedUsers(), call: listGroups(&iam.ListGroupsInput{}), want: groupsPage()},
		{name: "a page", call: listGroups(&iam.ListGroupsInput{MaxItems: aws.Int32(2)}),
			want: &iam.ListGroupsOutput{Groups: []types.Group{adminsGroup, emptyGroup}, IsTruncated: true, Marker: aws.String("<marker>")}},
		{name: "the next page", call: listThen((*iam.Client).ListGroups, iam.ListGroupsInput{MaxItems: aws.Int32(2)}, nil, nil, iam.ListGroupsInput{}),
			want: groupsPage(opsGroup)},
		{name: "a page of PathPrefix's: no marker when no more match", call: listGroups(&iam.ListGroupsInput{PathPrefix: aws.String("/"), MaxItems: aws.Int32(3)}),
			want: groupsPage(adminsGroup, emptyGroup, opsGroup)},
		{name: "another account's groups are its own", seed: append(seedGroups(), otherAccountSeed()), as: asKey(otherRootKey.ID),
			call: listGroups(&iam.ListGroupsInput{}), want: groupsPage()},
		{name: "a PathPrefix off the pattern", call: listGroups(&iam.ListGroupsInput{PathPrefix: aws.String("ops")}), wantErr: invalidPath("pathPrefix")},
	})
}

func TestUpdateGroupSpec(t *testing.T) {
	rename := func(from, to string) call {
		return updateGroup(&iam.UpdateGroupInput{GroupName: aws.String(from), NewGroupName: aws.String(to)})
	}
	runScenarios(t, seedGroups(), []scenario{
		{name: "an empty result", call: rename("admins", "staff"), want: &iam.UpdateGroupOutput{}},
		{name: "renamed: its id, date and members stay, the Arn follows", steps: []change{do(rename("admins", "staff"))}, call: getGroup("staff", nil, nil),
			want: groupPage(iamGroup("/", "staff", "<id of group admins>", adminsCreated), aliceMember, bobMember)},
		{name: "the old name is gone", steps: []change{do(rename("admins", "staff"))}, call: getGroup("admins", nil, nil), wantErr: noSuchGroup("admins")},
		{name: "renamed: in its new place in the list", steps: []change{do(rename("admins", "zeta"))}, call: listGroups(&iam.ListGroupsInput{}),
			want: groupsPage(emptyGroup, opsGroup, iamGroup("/", "zeta", "<id of group admins>", adminsCreated))},
		{name: "renamed: its members' lists follow", steps: []change{do(rename("admins", "zeta"))}, call: listGroupsForUser("Alice", nil, nil),
			want: userGroupsPage(opsGroup, iamGroup("/", "zeta", "<id of group admins>", adminsCreated))},
		{name: "moved", steps: []change{do(updateGroup(&iam.UpdateGroupInput{GroupName: aws.String("admins"), NewPath: aws.String("/new-path/")}))},
			call: getGroup("admins", nil, nil), want: groupPage(iamGroup("/new-path/", "admins", "<id of group admins>", adminsCreated), aliceMember, bobMember)},
		{name: "its own name in another case", steps: []change{do(rename("admins", "Admins"))}, call: listGroups(&iam.ListGroupsInput{PathPrefix: aws.String("/")}),
			want: groupsPage(iamGroup("/", "Admins", "<id of group admins>", adminsCreated), emptyGroup, opsGroup)},
		{name: "the new name taken", call: rename("admins", "empty"), wantErr: groupExists("empty")},
		{name: "the new name taken in another case", call: rename("admins", "OPS"), wantErr: groupExists("OPS")},
		{name: "nothing changes when refused", steps: []change{try(rename("admins", "empty"))}, call: getGroup("admins", nil, nil),
			want: groupPage(adminsGroup, aliceMember, bobMember)},
		{name: "no such group", call: rename("nope", "staff"), wantErr: noSuchGroup("nope")},
		{name: "no such group before the new name", call: rename("nope", "empty"), wantErr: noSuchGroup("nope")},
		{name: "newGroupName off the pattern", call: rename("admins", "st aff"), wantErr: invalidName("newGroupName")},
		{name: "newPath off the pattern", call: updateGroup(&iam.UpdateGroupInput{GroupName: aws.String("admins"), NewPath: aws.String("x")}), wantErr: invalidPath("newPath")},
	})
}

func TestDeleteGroupSpec(t *testing.T) {
	runScenarios(t, seedGroups(), []scenario{
		{name: "an empty result", call: deleteGroup("empty"), want: &iam.DeleteGroupOutput{}},
		{name: "gone", steps: []change{do(deleteGroup("empty"))}, call: getGroup("empty", nil, nil), wantErr: noSuchGroup("empty")},
		{name: "gone from the list", steps: []change{do(deleteGroup("empty"))}, call: listGroups(&iam.ListGroupsInput{}), want: groupsPage(adminsGroup, opsGroup)},
		{name: "named in another case", call: deleteGroup("EMPTY"), want: &iam.DeleteGroupOutput{}},
		{name: "while it has members", call: deleteGroup("Ops"), wantErr: mustRemoveUsers},
		{name: "once its members are removed", steps: []change{do(removeUserFromGroup("Ops", "Alice"))}, call: deleteGroup("Ops"), want: &iam.DeleteGroupOutput{}},
		{name: "twice", steps: []change{do(deleteGroup("empty"))}, call: deleteGroup("empty"), wantErr: noSuchGroup("empty")},
		{name: "no such group", call: deleteGroup("nope"), wantErr: noSuchGroup("nope")},
		{name: "created again: a new id", steps: []change{do(deleteGroup("empty")), do(createGroup("empty", nil))}, call: getGroup("empty", nil, nil),
			want: groupPage(iamGroup("/", "empty", "<new group id>", testNow))},
	})
}

func TestAddUserToGroupSpec(t *testing.T) {
	tenGroups := seedUsers(append(numberedGroups(10, "Bob"), fakeiam.Group("eleventh"))...)
	runScenarios(t, seedGroups(), []scenario{
		{name: "an empty result", call: addUserToGroup("empty", "Bob"), want: &iam.AddUserToGroupOutput{}},
		{name: "then a member", steps: []change{do(addUserToGroup("Ops", "Bob"))}, call: getGroup("Ops", nil, nil), want: groupPage(opsGroup, aliceMember, bobMember)},
		{name: "then in the user's groups", steps: []change{do(addUserToGroup("empty", "Bob"))}, call: listGroupsForUser("Bob", nil, nil),
			want: userGroupsPage(adminsGroup, emptyGroup)},
		{name: "twice: once a member", steps: []change{do(addUserToGroup("empty", "Bob")), do(addUserToGroup("empty", "Bob"))},
			call: listGroupsForUser("Bob", nil, nil), want: userGroupsPage(adminsGroup, emptyGroup)},
		{name: "twice: one removal ends it", steps: []change{do(addUserToGroup("empty", "Bob")), do(addUserToGroup("empty", "Bob")), do(removeUserFromGroup("empty", "Bob"))},
			call: listGroupsForUser("Bob", nil, nil), want: userGroupsPage(adminsGroup)},
		{name: "names in another case", steps: []change{do(addUserToGroup("EMPTY", "bob"))}, call: getGroup("empty", nil, nil), want: groupPage(emptyGroup, bobMember)},
		{name: "as a role", as: asKey(roleKey.ID), call: addUserToGroup("empty", "Bob"), want: &iam.AddUserToGroupOutput{}},
		{name: "no such user", call: addUserToGroup("empty", "Nobody"), wantErr: noSuchUser("Nobody")},
		{name: "no such group", call: addUserToGroup("nope", "Bob"), wantErr: noSuchGroup("nope")},
		{name: "neither: the user first", call: addUserToGroup("nope", "Nobody"), wantErr: noSuchUser("Nobody")},
		{name: "an 11th group", seed: tenGroups, call: addUserToGroup("eleventh", "Bob"), wantErr: groupsPerUserQuota},
		{name: "at the quota, a group it is in: no error", seed: tenGroups, call: addUserToGroup("g03", "Bob"), want: &iam.AddUserToGroupOutput{}},
		{name: "room again after a removal", seed: tenGroups, steps: []change{do(removeUserFromGroup("g03", "Bob"))}, call: addUserToGroup("eleventh", "Bob"),
			want: &iam.AddUserToGroupOutput{}},
		{name: "a lower quota", seed: seedGroups(fakeiam.GroupsPerUser(2)), call: addUserToGroup("empty", "Alice"), wantErr: quotaExceeded("GroupsPerUser", 2)},
		{name: "the group before the quota", seed: tenGroups, call: addUserToGroup("nope", "Bob"), wantErr: noSuchGroup("nope")},
		{name: "groupName off the pattern", call: addUserToGroup("em pty", "Bob"), wantErr: invalidName("groupName")},
		{name: "userName off the pattern", call: addUserToGroup("empty", "Bob!"), wantErr: invalidName("userName")},
		{name: "both off the pattern: groupName's text", call: addUserToGroup("em pty", "Bob!"), wantErr: invalidName("groupName")},
	})
}

func TestRemoveUserFromGroupSpec(t *testing.T) {
	runScenarios(t, seedGroups(), []scenario{
		{name: "an empty result", call: removeUserFromGroup("admins", "Bob"), want: &iam.RemoveUserFromGroupOutput{}},
		{name: "gone from the group", steps: []change{do(removeUserFromGroup("admins", "Bob"))}, call: getGroup("admins", nil, nil), want: groupPage(adminsGroup, aliceMember)},
		{name: "gone from the user's groups", steps: []change{do(removeUserFromGroup("admins", "Alice"))}, call: listGroupsForUser("Alice", nil, nil),
			want: userGroupsPage(opsGroup)},
		{name: "not a member: no error", call: removeUserFromGroup("Ops", "Bob"), want: &iam.RemoveUserFromGroupOutput{}},
		{name: "names in another case", steps: []change{do(removeUserFromGroup("ADMINS", "bob"))}, call: getGroup("admins", nil, nil), want: groupPage(adminsGroup, aliceMember)},
		{name: "no such user", call: removeUserFromGroup("admins", "Nobody"), wantErr: noSuchUser("Nobody")},
		{name: "no such group", call: removeUserFromGroup("nope", "Bob"), wantErr: noSuchGroup("nope")},
		{name: "neither: the user first", call: removeUserFromGroup("non-existent-group", "any-user"), wantErr: noSuchUser("any-user")},
	})
}

func TestListGroupsForUserSpec(t *testing.T) {
	runScenarios(t, seedGroups(), []scenario{
		{name: "by name ignoring case", call: listGroupsForUser("Alice", nil, nil), want: userGroupsPage(adminsGroup, opsGroup)},
		{name: "none: an empty list", seed: seedUsers(), call: listGroupsForUser("Bob", nil, nil), want: userGroupsPage()},
		{name: "named in another case", call: listGroupsForUser("ALICE", nil, nil), want: userGroupsPage(adminsGroup, opsGroup)},
		{name: "a page", call: listGroupsForUser("Alice", nil, aws.Int32(1)),
			want: &iam.ListGroupsForUserOutput{Groups: []types.Group{adminsGroup}, IsTruncated: true, Marker: aws.String("<marker>")}},
		{name: "the next page", call: listThen((*iam.Client).ListGroupsForUser, iam.ListGroupsForUserInput{UserName: aws.String("Alice"), MaxItems: aws.Int32(1)}, nil, nil,
			iam.ListGroupsForUserInput{UserName: aws.String("Alice")}), want: userGroupsPage(opsGroup)},
		{name: "a group moved", steps: []change{do(updateGroup(&iam.UpdateGroupInput{GroupName: aws.String("Ops"), NewPath: aws.String("/x/")}))},
			call: listGroupsForUser("Alice", nil, nil), want: userGroupsPage(adminsGroup, iamGroup("/x/", "Ops", "<id of group Ops>", opsCreated))},
		{name: "after a rename, under the new name", steps: []change{do(updateUser(&iam.UpdateUserInput{UserName: aws.String("Alice"), NewUserName: aws.String("Zoe")}))},
			call: listGroupsForUser("Zoe", nil, nil), want: userGroupsPage(adminsGroup, opsGroup)},
		{name: "as the user itself", as: asKey(bobKey.ID), call: listGroupsForUser("Bob", nil, nil), want: userGroupsPage(adminsGroup)},
		{name: "no such user", call: listGroupsForUser("Nobody", nil, nil), wantErr: noSuchUser("Nobody")},
		{name: "a user deleted and created again is in none", steps: []change{do(removeUserFromGroup("admins", "Bob")), do(deleteAccessKey(bob, bobKey.ID)),
			do(deleteUser("Bob")), do(createUser(&iam.CreateUserInput{UserName: bob}))}, call: listGroupsForUser("Bob", nil, nil), want: userGroupsPage()},
		{name: "MaxItems 1001", call: listGroupsForUser("Nobody", nil, aws.Int32(1001)), wantErr: failedConstraints("maxItems", maxValue(1000))},
	})
}

// TestDeleteUserInAGroup: DeleteUser refuses while the user is in a group,
// with DeleteGroup's text, after the access keys and certificates.
func TestDeleteUserInAGroup(t *testing.T) {
	runScenarios(t, seedGroups(), []scenario{
		{name: "in a group", call: deleteUser("Alice"), wantErr: mustRemoveUsers},
		{name: "out of every group", steps: []change{do(removeUserFromGroup("admins", "Alice")), do(removeUserFromGroup("Ops", "Alice"))},
			call: deleteUser("Alice"), want: &iam.DeleteUserOutput{}},
		{name: "out of one of two", steps: []change{do(removeUserFromGroup("admins", "Alice"))}, call: deleteUser("Alice"), wantErr: mustRemoveUsers},
		{name: "access keys first", call: deleteUser("Bob"), wantErr: deleteConflict("access keys")},
		{name: "then the group", steps: []change{do(deleteAccessKey(bob, bobKey.ID))}, call: deleteUser("Bob"), wantErr: mustRemoveUsers},
		{name: "the group's list after the user is gone", steps: []change{do(removeUserFromGroup("admins", "Alice")), do(removeUserFromGroup("Ops", "Alice")),
			do(deleteUser("Alice"))}, call: getGroup("admins", nil, nil), want: groupPage(adminsGroup, bobMember)},
	})
}

// TestGroupAccessDenied: what AccessDenied names for each group operation.
func TestGroupAccessDenied(t *testing.T) {
	deny := func(op fakeiam.Operation) []change {
		return []change{inject(fakeiam.Rule{Operation: op, Then: fakeiam.AccessDenied()})}
	}
	acct := "arn:aws:iam::" + fakeiam.DefaultAccountID
	runScenarios(t, seedGroups(), []scenario{
		{name: "CreateGroup: the group's ARN", steps: deny(fakeiam.CreateGroup), call: createGroup("devs", aws.String("/x/")),
			wantErr: ruleDenied(rootARN, fakeiam.CreateGroup, acct+":group/x/devs")},
		{name: "ListGroups: the account's groups", steps: deny(fakeiam.ListGroups), call: listGroups(&iam.ListGroupsInput{}),
			wantErr: ruleDenied(rootARN, fakeiam.ListGroups, acct+":group/")},
		{name: "GetGroup: group NAME", steps: deny(fakeiam.GetGroup), call: getGroup("admins", nil, nil), wantErr: ruleDenied(rootARN, fakeiam.GetGroup, "group admins")},
		{name: "UpdateGroup", steps: deny(fakeiam.UpdateGroup), call: updateGroup(&iam.UpdateGroupInput{GroupName: aws.String("admins")}),
			wantErr: ruleDenied(rootARN, fakeiam.UpdateGroup, "group admins")},
		{name: "DeleteGroup", steps: deny(fakeiam.DeleteGroup), call: deleteGroup("admins"), wantErr: ruleDenied(rootARN, fakeiam.DeleteGroup, "group admins")},
		{name: "AddUserToGroup: the group", steps: deny(fakeiam.AddUserToGroup), call: addUserToGroup("admins", "Bob"),
			wantErr: ruleDenied(rootARN, fakeiam.AddUserToGroup, "group admins")},
		{name: "RemoveUserFromGroup: the group", steps: deny(fakeiam.RemoveUserFromGroup), call: removeUserFromGroup("admins", "Bob"),
			wantErr: ruleDenied(rootARN, fakeiam.RemoveUserFromGroup, "group admins")},
		{name: "ListGroupsForUser: the user", steps: deny(fakeiam.ListGroupsForUser), call: listGroupsForUser("Bob", nil, nil),
			wantErr: ruleDenied(rootARN, fakeiam.ListGroupsForUser, "user Bob")},
	})
}

// TestSeededGroups: a seeded group holds its members, on both sides.
func TestSeededGroups(t *testing.T) {
	f := newFake(seedGroups(fakeiam.Group("late").Path("/l/").Members("carol"), fakeiam.User("Carol"))...)
	c := f.Client()
	ctx := context.Background()
	out, err := c.ListGroupsForUser(ctx, &iam.ListGroupsForUserInput{UserName: aws.String("Carol")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range out.Groups {
		got = append(got, *g.Path+*g.GroupName)
	}
	if diff := cmp.Diff([]string{"/l/late"}, got); diff != "" {
		t.Errorf("Carol's groups, seeded before her (-want +got):\n%s", diff)
	}
	gg, err := c.GetGroup(ctx, &iam.GetGroupInput{GroupName: aws.String("admins")})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(adminsCreated, aws.ToTime(gg.Group.CreateDate)); diff != "" {
		t.Errorf("seeded CreateDate (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(*gg.Group.GroupId, "AGPA") || len(*gg.Group.GroupId) != 21 {
		t.Errorf("GroupId %q is not AGPA and 17 characters", *gg.Group.GroupId)
	}
}

// TestSeededGroupProblems: seeding refuses what CreateGroup and
// AddUserToGroup refuse, naming the group and the problem.
func TestSeededGroupProblems(t *testing.T) {
	for _, tc := range []struct {
		name string
		seed []fakeiam.Option
		want []string
	}{
		{"an unknown member", []fakeiam.Option{fakeiam.User("Bob"), fakeiam.Group("admins").Members("Bob", "Carol")},
			[]string{`account 123456789012: group "admins": member "Carol": no such user in the account`}},
		{"a member named twice", []fakeiam.Option{fakeiam.User("Bob"), fakeiam.Group("admins").Members("Bob", "BOB")},
			[]string{`group "admins": member "BOB" named twice`}},
		{"a group seeded twice", []fakeiam.Option{fakeiam.Group("admins"), fakeiam.Group("admins")}, []string{`group "admins" seeded twice`}},
		{"names differing in case", []fakeiam.Option{fakeiam.Group("admins"), fakeiam.Group("Admins")},
			[]string{`group "Admins" and group "admins": IAM group names are unique regardless of case`}},
		{"a bad name", []fakeiam.Option{fakeiam.Group("dev ops")},
			[]string{`group "dev ops": The specified value for groupName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-`}},
		{"a bad path", []fakeiam.Option{fakeiam.Group("ops").Path("ops")},
			[]string{`group "ops": The specified value for path is invalid.`}},
		{"a user in 11 groups", append([]fakeiam.Option{fakeiam.User("Bob")}, numberedGroups(11, "Bob")...),
			[]string{`user "Bob": in 11 groups, over the quota of 10 per user (GroupsPerUser lifts it)`}},
		{"301 groups", numberedGroups301(), []string{`301 groups exceed the quota of 300 per account (GroupsPerAccount lifts it)`}},
		{"in another account, its own users", []fakeiam.Option{fakeiam.User("Bob"), fakeiam.Account(otherAccount, fakeiam.Group("admins").Members("Bob"))},
			[]string{`account ` + otherAccount + `: group "admins": member "Bob": no such user in the account`}},
		{"every problem named", []fakeiam.Option{fakeiam.Group("a b"), fakeiam.Group("x").Members("Nobody"), fakeiam.Group("X")},
			[]string{`group "a b": The specified value`, `group "x": member "Nobody"`, `group "X" and group "x"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newFakeE(tc.seed...)
			if err == nil {
				t.Fatalf("New: no error, want one saying %q", tc.want)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("New: %v\nwant it to say %q", err, w)
				}
			}
		})
	}
	// The quota options lift the limits.
	if _, err := newFakeE(append([]fakeiam.Option{fakeiam.User("Bob"), fakeiam.GroupsPerUser(11), fakeiam.GroupsPerAccount(301)},
		append(numberedGroups301()[:300], numberedGroups(11, "Bob")[10])...)...); err != nil {
		t.Errorf("New with lifted quotas: %v", err)
	}
}

func numberedGroups301() []fakeiam.Option {
	var opts []fakeiam.Option
	for i := range 301 {
		opts = append(opts, fakeiam.Group(fmt.Sprintf("many%03d", i)))
	}
	return opts
}

// TestGroupsFaultsAndCalls: the group operations are in the operation
// table, so fault rules target them and the call log names them.
func TestGroupsFaultsAndCalls(t *testing.T) {
	f := newFake(seedGroups()...)
	f.Inject(fakeiam.Rule{Operation: fakeiam.ListGroupsForUser, Then: fakeiam.ServiceFailure()})
	c := f.Client()
	ctx := context.Background()
	_, err := c.ListGroupsForUser(ctx, &iam.ListGroupsForUserInput{UserName: bob})
	var sf *types.ServiceFailureException
	if !errors.As(err, &sf) {
		t.Errorf("ListGroupsForUser under a rule: %v, want ServiceFailureException", err)
	}
	if _, err := c.GetGroup(ctx, &iam.GetGroupInput{GroupName: aws.String("Ops")}); err != nil {
		t.Fatal(err)
	}
	calls := logged(t, f, fakeiam.ListGroupsForUser, fakeiam.GetGroup)
	if len(calls) != 4 { // three attempts of the failing call, one GetGroup
		t.Fatalf("%d calls logged, want 4", len(calls))
	}
	out, ok := calls[3].Output.(*iam.GetGroupOutput)
	if !ok {
		t.Fatalf("GetGroup logged output %T", calls[3].Output)
	}
	if diff := cmp.Diff([]string{"Alice"}, []string{*out.Users[0].UserName}); diff != "" || len(out.Users) != 1 {
		t.Errorf("logged GetGroup users (-want +got):\n%s", diff)
	}
	// What the log keeps does not change when the group does.
	if _, err := c.UpdateUser(ctx, &iam.UpdateUserInput{UserName: alice, NewUserName: aws.String("Zoe")}); err != nil {
		t.Fatal(err)
	}
	calls = logged(t, f, fakeiam.GetGroup)
	if got := *calls[0].Output.(*iam.GetGroupOutput).Users[0].UserName; got != "Alice" {
		t.Errorf("logged GetGroup user after a rename: %q, want Alice", got)
	}
}

// TestSweepGroups: Sweep fails each group call in turn, as it does any
// operation in the table.
func TestSweepGroups(t *testing.T) {
	var failed []fakeiam.Operation
	fakeiam.Sweep(t, fakeiam.ServiceFailure(), func(t *testing.T, f *fakeiam.Fake, failing *fakeiam.SweepCall) {
		c := f.Client()
		ctx := context.Background()
		_, err1 := c.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String("devs")})
		_, err2 := c.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: aws.String("devs"), UserName: bob})
		_, err3 := c.ListGroupsForUser(ctx, &iam.ListGroupsForUserInput{UserName: bob})
		_, err4 := c.RemoveUserFromGroup(ctx, &iam.RemoveUserFromGroupInput{GroupName: aws.String("devs"), UserName: bob})
		_, err5 := c.DeleteGroup(ctx, &iam.DeleteGroupInput{GroupName: aws.String("devs")})
		errs := []error{err1, err2, err3, err4, err5}
		if failing == nil {
			if err := errors.Join(errs...); err != nil {
				t.Errorf("clean run: %v", err)
			}
			return
		}
		failed = append(failed, failing.Operation)
		if errs[failing.N-1] == nil {
			t.Errorf("%v: no error", failing)
		}
	}, fakeiam.User("Bob"))
	want := []fakeiam.Operation{fakeiam.CreateGroup, fakeiam.AddUserToGroup, fakeiam.ListGroupsForUser, fakeiam.RemoveUserFromGroup, fakeiam.DeleteGroup}
	if diff := cmp.Diff(want, failed); diff != "" {
		t.Errorf("calls swept (-want +got):\n%s", diff)
	}
}

func ptr[T any](v T) *T { return &v }

// TestGroupPagesFollowChanges: a page listed again after a change shows the
// change (the fake shares a captured page only until what it shows
// changes).
func TestGroupPagesFollowChanges(t *testing.T) {
	listed := func(c call, then ...change) []change { return append([]change{do(c)}, then...) }
	moveAlice := do(updateUser(&iam.UpdateUserInput{UserName: aws.String("Alice"), NewPath: aws.String("/x/")}))
	renameAdmins := do(updateGroup(&iam.UpdateGroupInput{GroupName: aws.String("admins"), NewGroupName: aws.String("staff")}))
	staff := iamGroup("/", "staff", "<id of group admins>", adminsCreated)
	runScenarios(t, seedGroups(), []scenario{
		{name: "GetGroup: a member moved", steps: listed(getGroup("admins", nil, nil), moveAlice), call: getGroup("admins", nil, nil),
			want: groupPage(adminsGroup, *iamUser("/x/", "Alice", "<id of Alice>", aliceCreated), bobMember)},
		{name: "GetGroup: the group renamed", steps: listed(getGroup("admins", nil, nil), renameAdmins), call: getGroup("staff", nil, nil),
			want: groupPage(staff, aliceMember, bobMember)},
		{name: "GetGroup: a member removed", steps: listed(getGroup("admins", nil, nil), do(removeUserFromGroup("admins", "Bob"))), call: getGroup("admins", nil, nil),
			want: groupPage(adminsGroup, aliceMember)},
		{name: "GetGroup: a member added", steps: listed(getGroup("Ops", nil, nil), do(addUserToGroup("Ops", "Bob"))), call: getGroup("Ops", nil, nil),
			want: groupPage(opsGroup, aliceMember, bobMember)},
		{name: "ListGroups: a group renamed", steps: listed(listGroups(&iam.ListGroupsInput{}), renameAdmins), call: listGroups(&iam.ListGroupsInput{}),
			want: groupsPage(emptyGroup, opsGroup, staff)},
		{name: "ListGroups: a group created", steps: listed(listGroups(&iam.ListGroupsInput{}), do(createGroup("b", nil))), call: listGroups(&iam.ListGroupsInput{}),
			want: groupsPage(adminsGroup, iamGroup("/", "b", "<new group id>", testNow), emptyGroup, opsGroup)},
		{name: "ListGroups: another prefix", steps: listed(listGroups(&iam.ListGroupsInput{})), call: listGroups(&iam.ListGroupsInput{PathPrefix: aws.String("/ops")}),
			want: groupsPage(opsGroup)},
		{name: "ListGroupsForUser: a group renamed", steps: listed(listGroupsForUser("Alice", nil, nil), renameAdmins), call: listGroupsForUser("Alice", nil, nil),
			want: userGroupsPage(opsGroup, staff)},
		{name: "ListGroupsForUser: removed from one", steps: listed(listGroupsForUser("Alice", nil, nil), do(removeUserFromGroup("Ops", "Alice"))),
			call: listGroupsForUser("Alice", nil, nil), want: userGroupsPage(adminsGroup)},
		{name: "ListGroupsForUser: another user's", steps: listed(listGroupsForUser("Alice", nil, nil)), call: listGroupsForUser("Bob", nil, nil),
			want: userGroupsPage(adminsGroup)},
	})
}

// TestControlGroups: the control API injects a fault into a group
// operation by name (a ShortPage into GetGroup, which pages) and logs its
// calls with their JSON input and output.
func TestControlGroups(t *testing.T) {
	ctx := context.Background()
	c := newControlled(t, seedGroups()...)
	c.addRule(t, `{"operation":"GetGroup","effect":"ShortPage","pageSize":1}`)
	out, err := c.iam.GetGroup(ctx, &iam.GetGroupInput{GroupName: aws.String("admins")})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Users) != 1 || !out.IsTruncated || out.Marker == nil {
		t.Errorf("GetGroup under ShortPage(1): %d users, truncated %v; want 1 and a marker", len(out.Users), out.IsTruncated)
	}
	c.addRule(t, `{"operation":"CreateGroup","effect":"Error","code":"LimitExceeded","status":409}`)
	if _, err := c.iam.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String("devs")}); !strings.Contains(fmt.Sprint(err), "LimitExceeded") {
		t.Errorf("CreateGroup under an Error rule: %v", err)
	}
	calls := c.getCalls(t, "?operation=GetGroup,CreateGroup")
	if len(calls) != 2 {
		t.Fatalf("logged calls: %+v, want 2", calls)
	}
	if diff := cmp.Diff(map[string]any{"groupName": "admins"}, calls[0]["input"]); diff != "" {
		t.Errorf("GetGroup's logged input (-want +got):\n%s", diff)
	}
	users, _ := calls[0]["output"].(map[string]any)["users"].([]any)
	if len(users) != 1 || users[0].(map[string]any)["userName"] != "Alice" {
		t.Errorf("GetGroup's logged output: %+v", calls[0]["output"])
	}
	if e, _ := calls[1]["error"].(map[string]any); e["code"] != "LimitExceeded" {
		t.Errorf("CreateGroup's logged error: %+v", calls[1])
	}
}
