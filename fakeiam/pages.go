package fakeiam

import (
	"slices"
	"strings"
	"sync/atomic"
	"time"
)

// Pages of named entities (users, groups): the lists IAM sorts by name
// ignoring case (ListUsers, ListGroups, GetGroup's users). Finding a page
// (nameStart, nameEnd), capturing it compactly (entityPage), and sharing a
// captured page with every answer that asks for it again while what it
// shows is unchanged (listedPage) are the same for each; users.go and
// groups.go say what they list.

// nameStart is where a page of items sorted by name ignoring case starts:
// after the marker's name, whether or not that item still exists. Markers
// are bound to op, the account and owner (a group's id for its users; ""
// for the account's users or groups).
func nameStart[T any](f *Fake, op Operation, acct, owner string, items []T, name func(T) string, marker *string) (int, *Error) {
	if marker == nil {
		return 0, nil
	}
	pos, ok := f.decodeMarker(op, acct, owner, *marker)
	if !ok {
		return 0, errValidation(msgInvalidMarker)
	}
	start, _ := slices.BinarySearchFunc(items, pos.id, func(item T, after string) int {
		if strings.ToLower(name(item)) <= after {
			return -1
		}
		return 1
	})
	return start, nil
}

// pathFilter is a list's PathPrefix filter on path(item): nil, which keeps
// every item, for "/", the default, with which every path starts (a list
// then skips a call and a comparison per item); see keeps.
func pathFilter[T any](prefix string, path func(T) string) func(T) bool {
	if prefix == "/" {
		return nil
	}
	return func(item T) bool { return strings.HasPrefix(path(item), prefix) }
}

// ownArray is page in an array of its own length when the array it lies in,
// of length array, is much longer (a filter kept few items, or the page is
// a slice of every item): the call log keeps the array with the page, and
// counts the page's capacity.
func ownArray[T any](page []T, array int) []T {
	if array > 2*len(page)+8 {
		return slices.Clone(page)
	}
	return page
}

// keeps reports whether keep, a list's filter (nil: none), keeps item.
func keeps[T any](keep func(T) bool, item T) bool { return keep == nil || keep(item) }

// nameEnd is where the page from start ends: up to limit items that keep
// accepts (every item when keep is nil) are in items[start:end]; next is
// the marker of what follows, "" when nothing does.
func nameEnd[T any](f *Fake, op Operation, acct, owner string, items []T, name func(T) string, keep func(T) bool,
	start, limit int) (end int, next string) {
	n, i, last := 0, start, -1 // last: an index, not a copy of the item (a struct, for some lists)
	for ; i < len(items) && n < limit; i++ {
		if keeps(keep, items[i]) {
			n, last = n+1, i
		}
	}
	end = i
	for ; i < len(items); i++ { // is there more?
		if keeps(keep, items[i]) {
			return end, f.encodeMarker(op, acct, owner, markerPos{date: time.Unix(0, 0), id: strings.ToLower(name(items[last]))})
		}
	}
	return end, ""
}

// listedPage is a page captured for a listing from start, at most limit
// items (with prefix, for path-filtered lists), which answers listing the
// same again share while what it shows has not changed: whoever changes
// it drops it. A page captured afresh costs more than one shared
// (BenchmarkPairedRatios: list/users=100/after-a-change against
// op/ListUsers, which lists an unchanged account).
type listedPage[P any] struct {
	start, limit int
	prefix       string
	page         P
}

// An entityFunc is what a page shows of a user or a group: its Arn (which
// ends with its path and name), its id, the lengths of its name and path,
// and its CreateDate in Unix seconds. Results, not a struct: they travel in
// registers, and a page reads them twice an item.
type entityFunc[T any] func(T) (arn, id string, nameLen, pathLen int, created int64)

// entityPage is a page of users or groups as the answer captured it: their
// texts in one string, and where each is and their dates in one block of
// numbers. The call log keeps a page for every list call it logs; kept as a
// hundred structs of strings, a page was five hundred pointers for the
// garbage collector to mark on every cycle, a hundred structs to copy under
// the lock and to measure field by field (keptBytes), which made a 100-user
// page cost 1.5–2.6 × its floor (BenchmarkPairedRatios/op/ListUsers). Its
// two blocks hold no pointers.
type entityPage struct {
	text string // each one's Arn (which ends with its path and name) and id, one after another
	// nums holds 5 numbers each: where its path and its name start in text
	// (inside its Arn), where its Arn and its id end, and its CreateDate in
	// Unix seconds (the model's dates are whole seconds, UTC: Fake.now, and
	// seeds are truncated so).
	nums   []int64
	marker string // "" on the last page
}

// captureEntities captures items (those keep accepts, when keep is set)
// with the marker of what follows.
func captureEntities[T any](items []T, keep func(T) bool, fields entityFunc[T], marker string) entityPage {
	size, n := 0, 0
	for _, item := range items {
		if keeps(keep, item) {
			arn, id, _, _, _ := fields(item)
			size, n = size+len(arn)+len(id), n+1
		}
	}
	page := entityPage{nums: make([]int64, 0, 5*n), marker: marker}
	var text strings.Builder
	text.Grow(size)
	for _, item := range items {
		if keeps(keep, item) {
			arn, id, nameLen, pathLen, created := fields(item)
			text.WriteString(arn)
			arnEnd := int64(text.Len())
			nameStart := arnEnd - int64(nameLen)
			text.WriteString(id)
			page.nums = append(page.nums, nameStart-int64(pathLen), nameStart, arnEnd, int64(text.Len()), created)
		}
	}
	page.text = text.String()
	return page
}

// allocSlack is what text's allocation may hold past its length, which
// keptBytes does not see (it counts a string by its length): the allocator
// rounds a request up to its size class, by less than a fifth, or, past
// 32 KiB, to whole 8 KiB pages.
func (p *entityPage) allocSlack() int {
	if len(p.text) > 32<<10 {
		return 8 << 10
	}
	return len(p.text)/4 + 16
}

// fields is the page's values, fresh: each one's path, name, id and Arn at
// strs[4*i:4*i+4] and its CreateDate at dates[i], one allocation per kind
// for the whole page. The strings are slices of text, which nothing writes.
func (p entityPage) fields() (strs []string, dates []time.Time) {
	n := len(p.nums) / 5
	strs, dates = make([]string, 4*n), make([]time.Time, n)
	var from int64
	for i := range n {
		e, s := p.nums[5*i:5*i+5:5*i+5], strs[4*i:4*i+4:4*i+4]
		pathStart, nameStart, arnEnd, idEnd := e[0], e[1], e[2], e[3]
		s[0], s[1], s[2], s[3] = p.text[pathStart:nameStart], p.text[nameStart:arnEnd], p.text[arnEnd:idEnd], p.text[from:arnEnd]
		from, dates[i] = idEnd, time.Unix(e[4], 0).UTC()
	}
	return strs, dates
}

// next is the page's IsTruncated and Marker.
func (p entityPage) next() (bool, *string) { return pageEnd(p.marker) }

// pageEnd is a list output's IsTruncated and Marker for a page followed by
// marker ("" for the last page): the marker each output's own.
func pageEnd(marker string) (truncated bool, next *string) {
	if marker == "" {
		return false, nil
	}
	m := marker // only here: &marker would move the parameter to the heap on every call, the last page's too
	return true, &m
}

// A sharedAnswer is a read's answer kept with the model's generation it
// was made at (modelLock) and what it was asked (key): the same read at
// the same generation, no write having come between, is answered by it
// again. The answer's values are never written; each caller gets its own
// output built from them. The attached-policy lists, a user's
// service-specific credentials, the account's virtual MFA devices and a
// principal's context keys keep theirs so (answerShared, keepShared).
type sharedAnswer[K comparable] struct {
	gen    uint64
	key    K
	answer any // a result[Out] of the operation
}

// answerShared is the answer kept in slot for key at generation gen, if
// there is one. gen is read under Fake.mu's read lock, where it cannot
// move.
func answerShared[Out any, K comparable](slot *atomic.Pointer[sharedAnswer[K]], gen uint64, key K) (result[Out], bool) {
	if c := slot.Load(); c != nil && c.gen == gen && c.key == key {
		r, ok := c.answer.(result[Out])
		return r, ok
	}
	return result[Out]{}, false
}

// keepShared keeps r in slot for key at generation gen: the generation
// read before the model was, so that an answer is never kept as newer
// than what it read.
func keepShared[Out any, K comparable](slot *atomic.Pointer[sharedAnswer[K]], gen uint64, key K, r result[Out]) {
	slot.Store(&sharedAnswer[K]{gen: gen, key: key, answer: r})
}
