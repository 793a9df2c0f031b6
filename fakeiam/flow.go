package fakeiam

import (
	"slices"
	"sort"
)

// Request flow: the steps every operation on a user's resources takes, in
// IAM's order, so that a handler says only what is its own. The core
// (core.go) hands a handler an attempt; the handler validates, takes the
// lock, resolves the user it acts on, then reads or changes the model
// (state.go) and captures its answer.

// current refuses a caller authenticated before a Reset: its key is not one
// of the state the fake now holds. Call with f.mu held.
func (f *Fake) current(caller *principal) *Error {
	if f.accounts[caller.account.id] != caller.account {
		return errInvalidClientTokenID()
	}
	return nil
}

// resolveUser finds the user an operation acts on: the named user of the
// caller's account, or, when userName is nil, the caller itself.
func (f *Fake) resolveUser(caller *principal, userName *string) (*principal, *Error) {
	if err := f.current(caller); err != nil {
		return nil, err
	}
	if userName == nil {
		if caller.kind == kindRole {
			return nil, errValidation(msgNonUserCaller)
		}
		return caller, nil
	}
	u := caller.account.user(*userName)
	if u == nil {
		return nil, errNoSuchUser(*userName)
	}
	return u, nil
}

// pageSpec says how a List of a user's items (certificates, access keys)
// pages: its items in listing order, and each item's place in that order,
// which a marker carries.
type pageSpec[T any] struct {
	op    Operation
	items func(*principal) []T
	pos   func(T) markerPos
	// after reports whether item comes after the position pos (a page
	// continues there, whether or not the marker's own item still exists).
	after func(item T, pos markerPos) bool
}

// userPage runs a List of a user's items with IAM's checks in IAM's order,
// under the read lock: UserName, Marker, MaxItems validated → implicit user
// → user exists → marker (bound to the operation, account and user) → the
// page, items[start:end], and the marker of what follows ("" when nothing
// does). answer builds the result from them, under the lock.
func userPage[T, Out any](f *Fake, s pageSpec[T], a *attempt, userName, marker *string, maxItems *int32,
	answer func(owner *principal, start, end int, next string) result[Out]) (result[Out], *Error) {
	var none result[Out]
	var v violations // the model's member order: UserName, Marker, MaxItems
	v.userName(userName)
	v.marker(marker)
	v.maxItems(maxItems)
	if err := v.err(); err != nil {
		return none, err
	}
	limit := pageLimit(maxItems, a)
	f.mu.RLock()
	defer f.mu.RUnlock()
	owner, err := f.resolveUser(a.caller, userName)
	if err != nil {
		return none, err
	}
	items := s.items(owner)
	start := 0
	if marker != nil {
		pos, ok := f.decodeMarker(s.op, owner.account.id, owner.userID, *marker)
		if !ok {
			return none, errValidation(msgInvalidMarker)
		}
		start = sort.Search(len(items), func(i int) bool { return s.after(items[i], pos) })
	}
	end := min(start+limit, len(items))
	var next string
	if end < len(items) {
		next = f.encodeMarker(s.op, owner.account.id, owner.userID, s.pos(items[end-1]))
	}
	return answer(owner, start, end, next), nil
}

// pageLimit is how many items a page holds: MaxItems (validated), IAM's
// default of 100, or fewer when a fault shortens pages.
func pageLimit(maxItems *int32, a *attempt) int {
	limit := maxItemsDefault
	if maxItems != nil {
		limit = int(*maxItems)
	}
	if a.shortPage > 0 && a.shortPage < limit {
		limit = a.shortPage
	}
	return limit
}

// itemSpec says how an operation on one of a user's items (a certificate,
// an access key) finds it and validates its request.
type itemSpec[T any] struct {
	member   string                     // the id member's name, e.g. "certificateId"
	id       func(*violations, *string) // validates the item's id member
	items    func(*principal) []T
	idOf     func(T) string
	notFound func(id string) *Error
}

// itemOp runs an operation on one of a user's items with IAM's checks in
// IAM's order, under the write lock: userName, the item's id and then
// moreMembers validated → implicit user → user exists → check → the user's
// item exists → do. moreMembers and check may be nil.
func itemOp[T any](f *Fake, s itemSpec[T], caller *principal, userName, id *string, moreMembers func(*violations), check func() *Error, do func(T)) *Error {
	var v violations // the model's member order: UserName, the id, then the rest
	v.userName(userName)
	required(&v, s.member, id)
	s.id(&v, id)
	if moreMembers != nil {
		moreMembers(&v)
	}
	if err := v.err(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	owner, err := f.resolveUser(caller, userName)
	if err != nil {
		return err
	}
	if check != nil {
		if err := check(); err != nil {
			return err
		}
	}
	items := s.items(owner)
	i := slices.IndexFunc(items, func(item T) bool { return s.idOf(item) == *id })
	if i < 0 {
		return s.notFound(*id)
	}
	do(items[i])
	return nil
}
