package fakeiam

import (
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam/internal/deepcopy"
)

// IAM users: CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser, with
// IAM's checks in IAM's order (docs/contract.md, "Users and access keys"); the
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
	// AccessDenied names the user's ARN as it would be (recorded:
	// docs/contract.md, "Enforcement").
	register(opSpec[iam.CreateUserInput, iam.CreateUserOutput]{Name: CreateUser, Handle: (*Fake).createUser,
		Resource: func(_ *Fake, a *attempt, in *iam.CreateUserInput) string {
			return "arn:aws:iam::" + a.who.Account + ":user" + pathOr(in.Path) + deref(in.UserName)
		}})
	register(opSpec[iam.GetUserInput, iam.GetUserOutput]{Name: GetUser, Handle: (*Fake).getUser})
	// AccessDenied names arn:aws:iam::<account>:user<prefix> (recorded:
	// docs/contract.md, "Enforcement").
	register(opSpec[iam.ListUsersInput, iam.ListUsersOutput]{Name: ListUsers, Handle: (*Fake).listUsers,
		Resource: func(_ *Fake, a *attempt, in *iam.ListUsersInput) string {
			return "arn:aws:iam::" + a.who.Account + ":user" + pathOr(in.PathPrefix)
		}})
	register(opSpec[iam.UpdateUserInput, iam.UpdateUserOutput]{Name: UpdateUser, Handle: (*Fake).updateUser})
	register(opSpec[iam.DeleteUserInput, iam.DeleteUserOutput]{Name: DeleteUser, Handle: (*Fake).deleteUser})
}

// createUser: (validation) → name taken → the tags' rules (user_tags.go)
// → the permissions boundary (permissions_boundaries.go) → the user.
func (f *Fake) createUser(a *attempt, in *iam.CreateUserInput) (result[iam.CreateUserOutput], *Error) {
	var none result[iam.CreateUserOutput]
	path := "/"
	if in.Path != nil {
		path = *in.Path
	}
	now := f.nowFor(a)
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	acct := a.caller.account
	if acct.user(*in.UserName) != nil {
		return none, errUserExists(*in.UserName)
	}
	if err := checkTagRules(in.Tags); err != nil {
		return none, err
	}
	var boundary *customerPolicy
	if in.PermissionsBoundary != nil {
		b, err := boundaryFor(acct, *in.PermissionsBoundary)
		if err != nil {
			return none, err
		}
		boundary = b
	}
	u := &principal{kind: kindUser, name: *in.UserName, account: acct, path: path, userID: f.newUserIDLocked(), created: now}
	setUserTags(u, deepcopy.Value(in.Tags))
	setBoundary(u, boundary)
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
	users, name := acct.userList, func(u *principal) string { return u.name }
	start, err := nameStart(f, ListUsers, acct.id, "", users, name, in.Marker)
	if err != nil {
		return none, err
	}
	// Listed again while the users are as they were: the same page, which
	// nothing writes (answers share it as certificate pages share a user's
	// list), so the call log holds it once.
	if l := acct.listed.Load(); l != nil && l.start == start && l.limit == limit && l.prefix == prefix {
		return answerWith(l.page, usersOutput), nil
	}
	keep := pathFilter(prefix, func(u *principal) string { return u.path })
	end, next := nameEnd(f, ListUsers, acct.id, "", users, name, keep, start, limit)
	page := captureEntities(users[start:end], keep, userEntity, next)
	acct.listed.Store(&listedPage[entityPage]{start: start, limit: limit, prefix: prefix, page: page})
	return answerWith(page, usersOutput), nil
}

// userEntity is what a page of users shows of u (entityFunc). A user's
// Arn ends with its path and name (userARN).
func userEntity(u *principal) (arn, id string, nameLen, pathLen int, created int64) {
	return u.arn, u.userID, len(u.name), len(u.path), u.created.Unix()
}

// pageUsers is a page's users, fresh, without tags (as ListUsers and
// GetGroup list them).
func pageUsers(p entityPage) []types.User {
	strs, dates := p.fields()
	out := make([]types.User, len(dates))
	for i := range out {
		s := strs[4*i : 4*i+4 : 4*i+4]
		out[i] = types.User{Path: &s[0], UserName: &s[1], UserId: &s[2], Arn: &s[3], CreateDate: &dates[i]}
	}
	return out
}

// usersOutput is ListUsers' answer from its page.
func usersOutput(p entityPage) *iam.ListUsersOutput {
	out := &iam.ListUsersOutput{Users: pageUsers(p)}
	out.IsTruncated, out.Marker = p.next()
	return out
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
	regroupUser(u)        // its memberships stay (groups.go)
	resortAttachedUser(u) // and its attached policies (policy_attachments.go)
	return answerEmpty[iam.UpdateUserOutput](), nil
}

// deleteUser: (validation) → user exists → no login profile → no access
// keys → no signing certificates → no SSH public keys → no service-specific
// credentials → no MFA device enabled → no inline policies → no attached
// managed policies → in no group → gone, the order of DeleteUser's
// documented list.
func (f *Fake) deleteUser(a *attempt, in *iam.DeleteUserInput) (result[iam.DeleteUserOutput], *Error) {
	var none result[iam.DeleteUserOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	u, err := f.resolveUser(a.caller, in.UserName)
	if err != nil {
		return none, err
	}
	switch {
	case u.login != nil: // first, as DeleteUser's documentation lists it (docs/contract.md, "Passwords")
		return none, errDeleteConflict("login profile")
	case len(u.keys) > 0:
		return none, errDeleteConflict("access keys")
	case len(u.certs) > 0:
		return none, errDeleteConflict("certificates")
	case len(u.sshKeys) > 0: // after certificates, as the documented list has them
		return none, errDeleteReferenced()
	case len(u.sscs) > 0: // after SSH public keys (service_specific_credentials.go)
		return none, errDeleteReferenced()
	case u.mfaActive(): // after service-specific credentials (mfa_devices.go)
		return none, errDeleteConflict("MFA device")
	case len(u.inline.list) > 0: // after MFA devices, before groups (inline_policies.go)
		return none, errDeleteConflict("policies")
	case len(u.policies) > 0: // attached managed policies, after inline ones, before groups (policy_attachments.go)
		return none, errDeleteConflictPolicies()
	case len(u.groups) > 0: // groups.go
		return none, errDeleteConflictMembers()
	}
	setBoundary(u, nil) // its boundary goes with it (permissions_boundaries.go)
	u.account.removeUser(u)
	return answerEmpty[iam.DeleteUserOutput](), nil
}

// userView is a user as an answer captured it: values, not the model's
// principal, which later calls rename and move.
type userView struct {
	path, name, id, arn string
	created             time.Time
	tags                []types.Tag // never written: the model replaces a user's tags whole
	boundary            string      // its permissions boundary's ARN; "": none
}

func viewUser(u *principal) userView {
	return userView{path: u.path, name: u.name, id: u.userID, arn: u.arn, created: u.created, tags: u.tags, boundary: boundaryARN(u)}
}

// sdk is the SDK's User, fresh: one allocation; withTags for CreateUser and
// GetUser (ListUsers leaves tags and the permissions boundary out).
func (v *userView) sdk(withTags bool) *types.User {
	s := new(struct {
		user                types.User
		path, name, id, arn string
		created             time.Time
	})
	s.path, s.name, s.id, s.arn, s.created = v.path, v.name, v.id, v.arn, v.created
	s.user = types.User{Path: &s.path, UserName: &s.name, UserId: &s.id, Arn: &s.arn, CreateDate: &s.created}
	if withTags && len(v.tags) > 0 {
		s.user.Tags = freshTags(v.tags)
	}
	if withTags {
		s.user.PermissionsBoundary = boundaryView(v.boundary)
	}
	return &s.user
}
