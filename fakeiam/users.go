package fakeiam

import (
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam/internal/deepcopy"
)

// IAM users: CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser, with
// IAM's checks in IAM's order (IAM-SPEC.md, "Users and access keys"); the
// model's constraints come first, checked before every handler runs
// (validate.go). Their tests: users_test.go.

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
	register(opSpec[iam.ListUsersInput, iam.ListUsersOutput]{Name: ListUsers, Handle: (*Fake).listUsers})
	register(opSpec[iam.UpdateUserInput, iam.UpdateUserOutput]{Name: UpdateUser, Handle: (*Fake).updateUser})
	register(opSpec[iam.DeleteUserInput, iam.DeleteUserOutput]{Name: DeleteUser, Handle: (*Fake).deleteUser})
}

// createUser: (validation) → PermissionsBoundary refused (not modeled) →
// name taken → the user.
func (f *Fake) createUser(a *attempt, in *iam.CreateUserInput) (result[iam.CreateUserOutput], *Error) {
	var none result[iam.CreateUserOutput]
	if in.PermissionsBoundary != nil {
		return none, errUnsupportedParameter("CreateUser", "PermissionsBoundary")
	}
	path := "/"
	if in.Path != nil {
		path = *in.Path
	}
	now := f.now()
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	acct := a.caller.account
	if acct.user(*in.UserName) != nil {
		return none, errUserExists(*in.UserName)
	}
	u := &principal{kind: kindUser, name: *in.UserName, account: acct, path: path, userID: f.newUserIDLocked(), created: now, tags: deepcopy.Value(in.Tags)}
	u.arn = userARN(acct, u.path, u.name)
	acct.addUser(u)
	return answerWith(viewUser(u), func(uv userView) *iam.CreateUserOutput { return &iam.CreateUserOutput{User: uv.sdk(true)} }), nil
}

// getUser: (validation) → implicit user (a role must name one) → user exists.
// The root user's own shape has no UserName and no Path.
func (f *Fake) getUser(a *attempt, in *iam.GetUserInput) (result[iam.GetUserOutput], *Error) {
	var none result[iam.GetUserOutput]
	f.mu.RLock()
	defer f.mu.RUnlock()
	u, err := f.resolveUser(a.caller, in.UserName)
	if err != nil {
		return none, err
	}
	if u.kind == kindRoot {
		return answerWith(viewUser(u), func(uv userView) *iam.GetUserOutput {
			id, arn, created := uv.id, uv.arn, uv.created
			return &iam.GetUserOutput{User: &types.User{UserId: &id, Arn: &arn, CreateDate: &created}}
		}), nil
	}
	return answerWith(viewUser(u), func(uv userView) *iam.GetUserOutput { return &iam.GetUserOutput{User: uv.sdk(true)} }), nil
}

// listUsers: (validation) → marker → the users whose path starts with
// PathPrefix, case-insensitively by name, without tags.
func (f *Fake) listUsers(a *attempt, in *iam.ListUsersInput) (result[iam.ListUsersOutput], *Error) {
	var none result[iam.ListUsersOutput]
	limit := pageLimit(in.MaxItems, a)
	prefix := "/"
	if in.PathPrefix != nil {
		prefix = *in.PathPrefix
	}
	f.mu.RLock()
	defer f.mu.RUnlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	acct := a.caller.account
	users := acct.userList
	start := 0
	if in.Marker != nil {
		pos, ok := f.decodeMarker(ListUsers, acct.id, "", *in.Marker)
		if !ok {
			return none, errValidation(msgInvalidMarker)
		}
		// After the marker's name, whether or not that user still exists.
		start, _ = slices.BinarySearchFunc(users, pos.id, func(u *principal, name string) int {
			if strings.ToLower(u.name) <= name {
				return -1
			}
			return 1
		})
	}
	page := make([]userView, 0, min(limit, len(users)-start))
	i := start
	for ; i < len(users) && len(page) < limit; i++ {
		if u := users[i]; strings.HasPrefix(u.path, prefix) {
			page = append(page, viewUser(u))
		}
	}
	var marker string
	for ; i < len(users); i++ { // is there more?
		if strings.HasPrefix(users[i].path, prefix) {
			marker = f.encodeMarker(ListUsers, acct.id, "", markerPos{date: time.Unix(0, 0), id: strings.ToLower(page[len(page)-1].name)})
			break
		}
	}
	type listed struct {
		page   []userView
		marker string
	}
	return answerWith(listed{page, marker}, func(l listed) *iam.ListUsersOutput {
		// One allocation per kind of field for the whole page.
		out := &iam.ListUsersOutput{Users: make([]types.User, len(l.page))}
		strs, dates := make([]string, 4*len(l.page)), make([]time.Time, len(l.page))
		for i, v := range l.page {
			s := strs[4*i : 4*i+4 : 4*i+4]
			s[0], s[1], s[2], s[3], dates[i] = v.path, v.name, v.id, v.arn, v.created
			out.Users[i] = types.User{Path: &s[0], UserName: &s[1], UserId: &s[2], Arn: &s[3], CreateDate: &dates[i]}
		}
		if l.marker != "" {
			marker := l.marker // each output its own
			out.IsTruncated, out.Marker = true, &marker
		}
		return out
	}), nil
}

// updateUser: (validation) → user exists → new name taken → renamed and/or
// moved. UserId and CreateDate stay; the Arn follows; certificates and keys
// follow the user (they belong to it, not to its name).
func (f *Fake) updateUser(a *attempt, in *iam.UpdateUserInput) (result[iam.UpdateUserOutput], *Error) {
	var none result[iam.UpdateUserOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	u, err := f.resolveUser(a.caller, in.UserName)
	if err != nil {
		return none, err
	}
	acct := u.account
	name, path := u.name, u.path
	if in.NewUserName != nil {
		if other := acct.user(*in.NewUserName); other != nil && other != u {
			return none, errUserExists(*in.NewUserName)
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
	return answerEmpty[iam.UpdateUserOutput](), nil
}

// deleteUser: (validation) → user exists → no access keys → no signing
// certificates → gone. (IAM checks more: login profiles, MFA devices,
// policies, groups; the fake models none of them.)
func (f *Fake) deleteUser(a *attempt, in *iam.DeleteUserInput) (result[iam.DeleteUserOutput], *Error) {
	var none result[iam.DeleteUserOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	u, err := f.resolveUser(a.caller, in.UserName)
	if err != nil {
		return none, err
	}
	switch {
	case len(u.keys) > 0:
		return none, errDeleteConflict("access keys")
	case len(u.certs) > 0:
		return none, errDeleteConflict("certificates")
	}
	u.account.removeUser(u)
	return answerEmpty[iam.DeleteUserOutput](), nil
}

// userView is a user as an answer captured it: values, not the model's
// principal, which later calls rename and move.
type userView struct {
	path, name, id, arn string
	created             time.Time
	tags                []types.Tag // never written: the model replaces a user's tags whole
}

func viewUser(u *principal) userView {
	return userView{path: u.path, name: u.name, id: u.userID, arn: u.arn, created: u.created, tags: u.tags}
}

// sdk is the SDK's User, fresh: one allocation; withTags for CreateUser and
// GetUser (ListUsers leaves tags out).
func (v *userView) sdk(withTags bool) *types.User {
	s := new(struct {
		user                types.User
		path, name, id, arn string
		created             time.Time
	})
	s.path, s.name, s.id, s.arn, s.created = v.path, v.name, v.id, v.arn, v.created
	s.user = types.User{Path: &s.path, UserName: &s.name, UserId: &s.id, Arn: &s.arn, CreateDate: &s.created}
	if withTags && len(v.tags) > 0 {
		s.user.Tags = deepcopy.Value(v.tags)
	}
	return &s.user
}
