package fakeiam

import (
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// IAM users: CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser, with
// IAM's checks in IAM's order (IAM-SPEC.md, "Users and access keys"). Their
// tests: users_test.go.

// The user operations.
const (
	CreateUser Operation = "CreateUser"
	GetUser    Operation = "GetUser"
	ListUsers  Operation = "ListUsers"
	UpdateUser Operation = "UpdateUser"
	DeleteUser Operation = "DeleteUser"
)

func init() {
	register(opSpec[iam.CreateUserInput, iam.CreateUserOutput]{Name: CreateUser, Handle: (*Fake).createUser})
	register(opSpec[iam.GetUserInput, iam.GetUserOutput]{Name: GetUser, Handle: (*Fake).getUser})
	register(opSpec[iam.ListUsersInput, iam.ListUsersOutput]{Name: ListUsers, Handle: (*Fake).listUsers,
		Resource: func(f *Fake, a *attempt, _ *iam.ListUsersInput) string { return "user " + f.ownerName(a.caller) }})
	register(opSpec[iam.UpdateUserInput, iam.UpdateUserOutput]{Name: UpdateUser, Handle: (*Fake).updateUser})
	register(opSpec[iam.DeleteUserInput, iam.DeleteUserOutput]{Name: DeleteUser, Handle: (*Fake).deleteUser})
}

// createUser: validation → PermissionsBoundary refused (not modeled) → name
// taken → the user.
func (f *Fake) createUser(a *attempt, in *iam.CreateUserInput) (*iam.CreateUserOutput, *Error) {
	var v violations
	v.createUserName(in.UserName)
	v.path(in.Path)
	v.tags(in.Tags)
	if err := v.err(); err != nil {
		return nil, err
	}
	if in.PermissionsBoundary != nil {
		return nil, errUnsupportedParameter("CreateUser", "PermissionsBoundary")
	}
	path := "/"
	if in.Path != nil {
		path = *in.Path
	}
	now := f.now()
	f.mu.Lock()
	defer f.mu.Unlock()
	acct := a.caller.account
	if acct.user(*in.UserName) != nil {
		return nil, errUserExists(*in.UserName)
	}
	u := &principal{kind: kindUser, name: *in.UserName, account: acct, path: path, userID: f.newUserIDLocked(), created: now, tags: slices.Clone(in.Tags)}
	u.arn = userARN(acct, u.path, u.name)
	acct.addUser(u)
	return &iam.CreateUserOutput{User: userOf(u, true)}, nil
}

// getUser: validation → implicit user (a role must name one) → user exists.
// The root user's own shape has no UserName and no Path.
func (f *Fake) getUser(a *attempt, in *iam.GetUserInput) (*iam.GetUserOutput, *Error) {
	var v violations
	v.userName(in.UserName)
	if err := v.err(); err != nil {
		return nil, err
	}
	f.mu.RLock()
	defer f.mu.RUnlock()
	u, err := f.resolveUser(a.caller, in.UserName)
	if err != nil {
		return nil, err
	}
	if u.kind == kindRoot {
		id, arn, created := u.userID, u.arn, u.created
		return &iam.GetUserOutput{User: &types.User{UserId: &id, Arn: &arn, CreateDate: &created}}, nil
	}
	return &iam.GetUserOutput{User: userOf(u, true)}, nil
}

// listUsers: validation → marker → the users whose path starts with
// PathPrefix, case-insensitively by name, without tags.
func (f *Fake) listUsers(a *attempt, in *iam.ListUsersInput) (*iam.ListUsersOutput, *Error) {
	var v violations
	v.marker(in.Marker)
	v.maxItems(in.MaxItems)
	v.pathPrefix(in.PathPrefix)
	if err := v.err(); err != nil {
		return nil, err
	}
	limit := pageLimit(in.MaxItems, a)
	prefix := "/"
	if in.PathPrefix != nil {
		prefix = *in.PathPrefix
	}
	f.mu.RLock()
	defer f.mu.RUnlock()
	acct := a.caller.account
	users := acct.userList
	start := 0
	if in.Marker != nil {
		pos, ok := f.decodeMarker(ListUsers, acct.id, "", *in.Marker)
		if !ok {
			return nil, errValidation(msgInvalidMarker)
		}
		// After the marker's name, whether or not that user still exists.
		start, _ = slices.BinarySearchFunc(users, pos.id, func(u *principal, name string) int {
			if strings.ToLower(u.name) <= name {
				return -1
			}
			return 1
		})
	}
	out := &iam.ListUsersOutput{Users: []types.User{}}
	var last *principal
	i := start
	for ; i < len(users) && len(out.Users) < limit; i++ {
		if u := users[i]; strings.HasPrefix(u.path, prefix) {
			out.Users = append(out.Users, *userOf(u, false))
			last = u
		}
	}
	for ; i < len(users); i++ { // is there more?
		if strings.HasPrefix(users[i].path, prefix) {
			marker := f.encodeMarker(ListUsers, acct.id, "", markerPos{time.Unix(0, 0), strings.ToLower(last.name)})
			out.IsTruncated, out.Marker = true, &marker
			break
		}
	}
	return out, nil
}

// updateUser: validation → user exists → new name taken → renamed and/or
// moved. UserId and CreateDate stay; the Arn follows; certificates and keys
// follow the user (they belong to it, not to its name).
func (f *Fake) updateUser(a *attempt, in *iam.UpdateUserInput) (*iam.UpdateUserOutput, *Error) {
	var v violations
	v.userName(in.UserName)
	v.newPath(in.NewPath)
	v.newUserName(in.NewUserName)
	if err := v.err(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	u, err := f.resolveUser(a.caller, in.UserName)
	if err != nil {
		return nil, err
	}
	acct := u.account
	name, path := u.name, u.path
	if in.NewUserName != nil {
		if other := acct.user(*in.NewUserName); other != nil && other != u {
			return nil, errUserExists(*in.NewUserName)
		}
		name = *in.NewUserName
	}
	if in.NewPath != nil {
		path = *in.NewPath
	}
	acct.removeUser(u)
	u.name, u.path = name, path
	u.arn = userARN(acct, path, name)
	acct.addUser(u)
	return &iam.UpdateUserOutput{}, nil
}

// deleteUser: validation → user exists → no access keys → no signing
// certificates → gone. (IAM checks more: login profiles, MFA devices,
// policies, groups; the fake models none of them.)
func (f *Fake) deleteUser(a *attempt, in *iam.DeleteUserInput) (*iam.DeleteUserOutput, *Error) {
	var v violations
	v.userName(in.UserName)
	if err := v.err(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	u, err := f.resolveUser(a.caller, in.UserName)
	if err != nil {
		return nil, err
	}
	switch {
	case len(u.keys) > 0:
		return nil, errDeleteConflict("access keys")
	case len(u.certs) > 0:
		return nil, errDeleteConflict("certificates")
	}
	u.account.removeUser(u)
	return &iam.DeleteUserOutput{}, nil
}

// userOf is the SDK's User for u, fresh; withTags for CreateUser and GetUser
// (ListUsers leaves tags out).
func userOf(u *principal, withTags bool) *types.User {
	s := new(struct {
		user                types.User
		path, name, id, arn string
		created             time.Time
	})
	s.path, s.name, s.id, s.arn, s.created = u.path, u.name, u.userID, u.arn, u.created
	s.user = types.User{Path: &s.path, UserName: &s.name, UserId: &s.id, Arn: &s.arn, CreateDate: &s.created}
	if withTags && len(u.tags) > 0 {
		s.user.Tags = copyValue(u.tags).([]types.Tag)
	}
	return &s.user
}
