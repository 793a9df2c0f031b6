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
	register(opSpec[iam.CreateUserInput, iam.CreateUserOutput]{Name: CreateUser, Handle: (*Fake).createUser})
	register(opSpec[iam.GetUserInput, iam.GetUserOutput]{Name: GetUser, Handle: (*Fake).getUser})
	register(opSpec[iam.ListUsersInput, iam.ListUsersOutput]{Name: ListUsers, Handle: (*Fake).listUsers})
	register(opSpec[iam.UpdateUserInput, iam.UpdateUserOutput]{Name: UpdateUser, Handle: (*Fake).updateUser})
	register(opSpec[iam.DeleteUserInput, iam.DeleteUserOutput]{Name: DeleteUser, Handle: (*Fake).deleteUser})
}

// createUser: (validation) → PermissionsBoundary refused (not modeled) →
// name taken → the tags' rules (user_tags.go) → the user.
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
	if err := checkTagRules(in.Tags); err != nil {
		return none, err
	}
	u := &principal{kind: kindUser, name: *in.UserName, account: acct, path: path, userID: f.newUserIDLocked(), created: now}
	setUserTags(u, deepcopy.Value(in.Tags))
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
	// Listed again while the users are as they were: the same page, which
	// nothing writes (answers share it as certificate pages share a user's
	// list), so the call log holds it once.
	if l := acct.listed.Load(); l != nil && l.start == start && l.limit == limit && l.prefix == prefix {
		return answerWith(l.page, usersPage.sdk), nil
	}
	// The page: up to limit users from start whose path has the prefix,
	// counted first (their number, the bytes of their texts, the last one),
	// then captured. A user's Arn ends with its path and name (userARN), so
	// the page copies two strings a user, its Arn and its UserId.
	n, size, i := 0, 0, start
	var last *principal
	for ; i < len(users) && n < limit; i++ {
		if u := users[i]; strings.HasPrefix(u.path, prefix) {
			n, size, last = n+1, size+len(u.arn)+len(u.userID), u
		}
	}
	end := i
	var marker string
	for ; i < len(users); i++ { // is there more?
		if strings.HasPrefix(users[i].path, prefix) {
			marker = f.encodeMarker(ListUsers, acct.id, "", markerPos{date: time.Unix(0, 0), id: strings.ToLower(last.name)})
			break
		}
	}
	page := usersPage{nums: make([]int64, 0, 5*n), marker: marker}
	var text strings.Builder
	text.Grow(size)
	for _, u := range users[start:end] {
		if strings.HasPrefix(u.path, prefix) {
			text.WriteString(u.arn)
			arnEnd := int64(text.Len())
			nameStart := arnEnd - int64(len(u.name))
			text.WriteString(u.userID)
			page.nums = append(page.nums, nameStart-int64(len(u.path)), nameStart, arnEnd, int64(text.Len()), u.created.Unix())
		}
	}
	page.text = text.String()
	acct.listed.Store(&listedUsers{start: start, limit: limit, prefix: prefix, page: page})
	return answerWith(page, usersPage.sdk), nil
}

// listedUsers is a ListUsers page with what it was captured for (the
// users as they were then: account.listed is dropped when they change).
type listedUsers struct {
	start, limit int
	prefix       string
	page         usersPage
}

// usersPage is a page of ListUsers as the answer captured it: the users'
// texts in one string, and where each is and their dates in one block of
// numbers. The call log keeps a page for every ListUsers it logs; kept as a
// hundred userViews, a page was five hundred pointers for the garbage
// collector to mark on every cycle, a hundred structs to copy under the
// lock and to measure field by field (keptBytes), which made a 100-user
// page cost 1.5–2.6 × its floor (BenchmarkPairedRatios/op/ListUsers). Its
// two blocks hold no pointers.
type usersPage struct {
	text string // each user's Arn and UserId, one after another
	// nums holds 5 numbers a user: where its path and its name start in
	// text (inside its Arn), where its Arn and its UserId end, and its
	// CreateDate in Unix seconds (the model's dates are whole seconds, UTC:
	// Fake.now, and seeds are truncated so).
	nums   []int64
	marker string // "" on the last page
}

// allocSlack is what text's allocation may hold past its length, which
// keptBytes does not see (it counts a string by its length): the allocator
// rounds a request up to its size class, by less than a fifth, or, past
// 32 KiB, to whole 8 KiB pages.
func (p *usersPage) allocSlack() int {
	if len(p.text) > 32<<10 {
		return 8 << 10
	}
	return len(p.text)/4 + 16
}

// sdk is the page's output, fresh: one allocation per kind of field for
// the whole page. Its strings are slices of text, which nothing writes.
func (p usersPage) sdk() *iam.ListUsersOutput {
	n := len(p.nums) / 5
	out := &iam.ListUsersOutput{Users: make([]types.User, n)}
	strs, dates := make([]string, 4*n), make([]time.Time, n)
	var from int64
	for i := range out.Users {
		u, s := p.nums[5*i:5*i+5:5*i+5], strs[4*i:4*i+4:4*i+4]
		pathStart, nameStart, arnEnd, idEnd := u[0], u[1], u[2], u[3]
		s[0], s[1], s[2], s[3] = p.text[pathStart:nameStart], p.text[nameStart:arnEnd], p.text[arnEnd:idEnd], p.text[from:arnEnd]
		from, dates[i] = idEnd, time.Unix(u[4], 0).UTC()
		out.Users[i] = types.User{Path: &s[0], UserName: &s[1], UserId: &s[2], Arn: &s[3], CreateDate: &dates[i]}
	}
	if p.marker != "" {
		marker := p.marker // each output its own
		out.IsTruncated, out.Marker = true, &marker
	}
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
	return answerEmpty[iam.UpdateUserOutput](), nil
}

// deleteUser: (validation) → user exists → no login profile → no access
// keys → no signing certificates → gone. (IAM checks more: MFA devices,
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
	case u.login != nil: // first, as DeleteUser's documentation lists it (docs/contract.md, "Passwords")
		return none, errDeleteConflict("login profile")
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
