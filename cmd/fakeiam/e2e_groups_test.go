package main

// End-to-end for groups (docs/contract.md, "Groups"): the AWS CLI and boto3
// (its get_group, list_groups and list_groups_for_user paginators) against
// the command, every group operation, the refusals they meet on the way.

import (
	"regexp"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

type (
	groupOutput struct{ Path, GroupName, GroupId, Arn string }
	groupOut    struct{ Group groupOutput }
	groupsOut   struct {
		Groups      []groupOutput
		IsTruncated bool
	}
	groupUsersOut struct {
		Group       groupOutput
		Users       []struct{ UserName, Path string }
		IsTruncated bool
	}
)

var groupIDShape = regexp.MustCompile(`^AGPA[A-Z2-7]{17}$`)

func groupNames(groups []groupOutput) []string {
	names := []string{}
	for _, g := range groups {
		names = append(names, g.Path+g.GroupName)
	}
	return names
}

func TestAWSCLIGroups(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	s := start(t, "-quiet")
	root := s.clientEnv(t, s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"])
	for _, u := range []string{"Ann", "Ben"} {
		var created userOut
		cli(t, aws, root, &created, "create-user", "--user-name", u)
	}
	var admins groupOut
	cli(t, aws, root, &admins, "create-group", "--group-name", "admins", "--path", "/ops/")
	if g := admins.Group; g.Path != "/ops/" || g.GroupName != "admins" || g.Arn != "arn:aws:iam::123456789012:group/ops/admins" || !groupIDShape.MatchString(g.GroupId) {
		t.Errorf("create-group: %+v", g)
	}
	var devs groupOut
	cli(t, aws, root, &devs, "create-group", "--group-name", "devs")
	var zeta groupOut
	cli(t, aws, root, &zeta, "create-group", "--group-name", "zeta")
	for _, m := range [][2]string{{"admins", "Ben"}, {"admins", "Ann"}, {"devs", "Ann"}, {"devs", "Ann"}} {
		cli(t, aws, root, nil, "add-user-to-group", "--group-name", m[0], "--user-name", m[1])
	}

	// The CLI pages each list itself, following Marker.
	var members groupUsersOut
	cli(t, aws, root, &members, "get-group", "--group-name", "admins", "--page-size", "1")
	if members.Group != admins.Group || len(members.Users) != 2 || members.Users[0].UserName != "Ann" || members.Users[1].UserName != "Ben" {
		t.Errorf("get-group --page-size 1: %+v", members)
	}
	var groups groupsOut
	cli(t, aws, root, &groups, "list-groups", "--page-size", "1")
	if diff := gocmp.Diff([]string{"/ops/admins", "/devs", "/zeta"}, groupNames(groups.Groups)); diff != "" {
		t.Errorf("list-groups --page-size 1 (-want +got):\n%s", diff)
	}
	cli(t, aws, root, &groups, "list-groups", "--path-prefix", "/ops/")
	if diff := gocmp.Diff([]string{"/ops/admins"}, groupNames(groups.Groups)); diff != "" {
		t.Errorf("list-groups --path-prefix /ops/ (-want +got):\n%s", diff)
	}
	cli(t, aws, root, &groups, "list-groups-for-user", "--user-name", "Ann", "--page-size", "1")
	if diff := gocmp.Diff([]string{"/ops/admins", "/devs"}, groupNames(groups.Groups)); diff != "" {
		t.Errorf("list-groups-for-user --page-size 1 (-want +got):\n%s", diff)
	}
	for _, op := range []string{"GetGroup", "ListGroupsForUser"} {
		if pages := s.calls(t, op); len(pages) != 2 || pages[1].Input["marker"] == nil {
			t.Errorf("the CLI's %s requests: %+v; want two pages, following Marker", op, pages)
		}
	}

	cli(t, aws, root, nil, "update-group", "--group-name", "devs", "--new-group-name", "developers", "--new-path", "/eng/")
	cli(t, aws, root, &members, "get-group", "--group-name", "developers")
	if g := members.Group; g.GroupId != devs.Group.GroupId || g.Arn != "arn:aws:iam::123456789012:group/eng/developers" || len(members.Users) != 1 {
		t.Errorf("get-group after update-group: %+v", members)
	}

	t.Run("errors", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			args []string
			line string
		}{
			{"DeleteGroup DeleteConflict", []string{"delete-group", "--group-name", "admins"},
				"An error occurred (DeleteConflict) when calling the DeleteGroup operation: Cannot delete entity, must remove users from group first."},
			{"DeleteUser DeleteConflict", []string{"delete-user", "--user-name", "Ben"},
				"An error occurred (DeleteConflict) when calling the DeleteUser operation: Cannot delete entity, must remove users from group first."},
			{"EntityAlreadyExists", []string{"create-group", "--group-name", "ADMINS"},
				"An error occurred (EntityAlreadyExists) when calling the CreateGroup operation: Group with name ADMINS already exists."},
			{"NoSuchEntity group", []string{"get-group", "--group-name", "devs"},
				"An error occurred (NoSuchEntity) when calling the GetGroup operation: The group with name devs cannot be found."},
			{"NoSuchEntity user first", []string{"remove-user-from-group", "--group-name", "nope", "--user-name", "Nobody"},
				"An error occurred (NoSuchEntity) when calling the RemoveUserFromGroup operation: The user with name Nobody cannot be found."},
			{"ValidationError", []string{"get-group", "--group-name", "iamgroup*"},
				"An error occurred (ValidationError) when calling the GetGroup operation: The specified value for groupName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				cliRefuses(t, aws, root, tc.line, tc.args...)
			})
		}
	})

	// The offboarding: out of every group (again: no error), then gone.
	for _, m := range [][2]string{{"admins", "Ann"}, {"admins", "Ben"}, {"developers", "Ann"}, {"developers", "Ann"}} {
		cli(t, aws, root, nil, "remove-user-from-group", "--group-name", m[0], "--user-name", m[1])
	}
	for _, g := range []string{"admins", "developers", "zeta"} {
		cli(t, aws, root, nil, "delete-group", "--group-name", g)
	}
	for _, u := range []string{"Ann", "Ben"} {
		cli(t, aws, root, nil, "delete-user", "--user-name", u)
	}
	cli(t, aws, root, &groups, "list-groups")
	if len(groups.Groups) != 0 || groups.IsTruncated {
		t.Errorf("list-groups at the end: %+v", groups)
	}
}

// boto3GroupsScript: the groups workflow in boto3, its paginators at small
// page sizes. It prints what it saw as JSON.
const boto3GroupsScript = `
import json
import boto3
from botocore.exceptions import ClientError

iam = boto3.client("iam")

users = ["u%02d" % i for i in range(5)]
for u in users:
    iam.create_user(UserName=u)
out = {"created": iam.create_group(GroupName="Staff", Path="/corp/")["Group"]}
out["created"]["CreateDate"] = out["created"]["CreateDate"].isoformat()
for g in ("alpha", "Beta", "gamma"):
    iam.create_group(GroupName=g)
for u in reversed(users):
    iam.add_user_to_group(GroupName="Staff", UserName=u)
for g in ("gamma", "alpha"):
    iam.add_user_to_group(GroupName=g, UserName="u00")
iam.add_user_to_group(GroupName="alpha", UserName="u00")
out["getGroupPages"] = [[page["Group"]["GroupName"], [u["UserName"] for u in page["Users"]]]
                        for page in iam.get_paginator("get_group").paginate(GroupName="Staff", PaginationConfig={"PageSize": 2})]
out["listGroupsPages"] = [[g["GroupName"] for g in page["Groups"]]
                          for page in iam.get_paginator("list_groups").paginate(PaginationConfig={"PageSize": 3})]
out["prefixed"] = [g["Arn"] for g in iam.list_groups(PathPrefix="/corp")["Groups"]]
out["forUserPages"] = [[g["GroupName"] for g in page["Groups"]]
                       for page in iam.get_paginator("list_groups_for_user").paginate(UserName="u00", PaginationConfig={"PageSize": 1})]
iam.update_group(GroupName="Beta", NewGroupName="delta")
out["renamed"] = [g["GroupName"] for g in iam.list_groups()["Groups"]]
out["errors"] = {
    "DeleteGroup": error(iam.delete_group, GroupName="Staff"),
    "DeleteUser": error(iam.delete_user, UserName="u01"),
    "CreateGroup": error(iam.create_group, GroupName="STAFF"),
    "UpdateGroup": error(iam.update_group, GroupName="alpha", NewGroupName="Delta"),
    "AddUserToGroup": error(iam.add_user_to_group, GroupName="nope", UserName="u01"),
    "ListGroupsForUser": error(iam.list_groups_for_user, UserName="Nobody"),
}
for u in users:
    iam.remove_user_from_group(GroupName="Staff", UserName=u)
for g in ("gamma", "alpha", "alpha"):
    iam.remove_user_from_group(GroupName=g, UserName="u00")
for g in ("Staff", "alpha", "delta", "gamma"):
    iam.delete_group(GroupName=g)
for u in users:
    iam.delete_user(UserName=u)
out["left"] = iam.list_groups()["Groups"]
print(json.dumps(out))
`

func TestBoto3Groups(t *testing.T) {
	t.Parallel()
	python := boto3Python(t)
	s := start(t, "-quiet")
	var got struct {
		Created struct {
			Path, GroupName, GroupId, Arn, CreateDate string
		}
		GetGroupPages   [][]any
		ListGroupsPages [][]string
		Prefixed        []string
		ForUserPages    [][]string
		Renamed         []string
		Errors          map[string]*boto3Error
		Left            []any
	}
	s.boto3Run(t, python, boto3GroupsScript, &got)
	if c := got.Created; c.Path != "/corp/" || c.GroupName != "Staff" || c.Arn != "arn:aws:iam::123456789012:group/corp/Staff" ||
		!groupIDShape.MatchString(c.GroupId) || c.CreateDate == "" {
		t.Errorf("create_group: %+v", c)
	}
	for _, tc := range []struct {
		name      string
		want, got any
	}{
		{"get_group paginator, PageSize 2", [][]any{{"Staff", []any{"u00", "u01"}}, {"Staff", []any{"u02", "u03"}}, {"Staff", []any{"u04"}}}, got.GetGroupPages},
		{"list_groups paginator, PageSize 3", [][]string{{"alpha", "Beta", "gamma"}, {"Staff"}}, got.ListGroupsPages},
		{"list_groups PathPrefix", []string{"arn:aws:iam::123456789012:group/corp/Staff"}, got.Prefixed},
		{"list_groups_for_user paginator, PageSize 1", [][]string{{"alpha"}, {"gamma"}, {"Staff"}}, got.ForUserPages},
		{"list_groups after update_group", []string{"alpha", "delta", "gamma", "Staff"}, got.Renamed},
		{"list_groups at the end", []any{}, got.Left},
	} {
		if diff := gocmp.Diff(tc.want, tc.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
	conflict := &boto3Error{Code: "DeleteConflict", Status: 409, Message: "Cannot delete entity, must remove users from group first."}
	wantErrors := map[string]*boto3Error{
		"DeleteGroup":       conflict,
		"DeleteUser":        conflict,
		"CreateGroup":       {Code: "EntityAlreadyExists", Status: 409, Message: "Group with name STAFF already exists."},
		"UpdateGroup":       {Code: "EntityAlreadyExists", Status: 409, Message: "Group with name Delta already exists."},
		"AddUserToGroup":    {Code: "NoSuchEntity", Status: 404, Message: "The group with name nope cannot be found."},
		"ListGroupsForUser": {Code: "NoSuchEntity", Status: 404, Message: "The user with name Nobody cannot be found."},
	}
	if diff := gocmp.Diff(wantErrors, got.Errors); diff != "" {
		t.Errorf("ClientErrors (-want +got):\n%s", diff)
	}
}
