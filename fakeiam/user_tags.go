package fakeiam

import (
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// User tags: TagUser, UntagUser, ListUserTags (docs/contract.md, "User
// tags"). A user's tags are one set, which seeding (PrincipalSeed.Tag),
// CreateUser's Tags and TagUser write and GetUser shows. Keys ignore case
// and keep the spelling they were first given, as IAM's user tags do. Their
// tests: user_tags_test.go.

// The user-tag operations.
const (
	TagUser      Operation = "TagUser"
	UntagUser    Operation = "UntagUser"
	ListUserTags Operation = "ListUserTags"
)

func init() {
	register(opSpec[iam.TagUserInput, iam.TagUserOutput]{Name: TagUser, Handle: (*Fake).tagUser})
	register(opSpec[iam.UntagUserInput, iam.UntagUserOutput]{Name: UntagUser, Handle: (*Fake).untagUser})
	register(opSpec[iam.ListUserTagsInput, iam.ListUserTagsOutput]{Name: ListUserTags, Handle: (*Fake).listUserTags})
}

// tagsPerUser is IAM's fixed quota of tags on one user.
const tagsPerUser = 50

// tagUser: (validation) → user exists → the request's tag rules → the
// quota on the merged set → tagged. A key the user has (in any case) gets
// the new value in its place and keeps its spelling; a new key comes last.
func (f *Fake) tagUser(a *attempt, in *iam.TagUserInput) (result[iam.TagUserOutput], *Error) {
	var none result[iam.TagUserOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	u, err := f.resolveUser(a.caller, in.UserName)
	if err != nil {
		return none, err
	}
	if err := checkTagRules(in.Tags); err != nil {
		return none, err
	}
	merged := slices.Clone(u.tags) // a kept answer may hold the old set: never written in place
	for _, t := range in.Tags {
		value := *t.Value // the fake's own: the SDK door hands it the caller's values
		if i := tagIndex(merged, *t.Key); i >= 0 {
			merged[i] = types.Tag{Key: merged[i].Key, Value: &value}
		} else {
			key := *t.Key
			merged = append(merged, types.Tag{Key: &key, Value: &value})
		}
	}
	if len(merged) > tagsPerUser {
		return none, errTagQuota(tagsPerUser)
	}
	setUserTags(u, merged)
	return answerEmpty[iam.TagUserOutput](), nil
}

// untagUser: (validation) → user exists → the keys removed, ignoring case;
// a key the user does not have is no error.
func (f *Fake) untagUser(a *attempt, in *iam.UntagUserInput) (result[iam.UntagUserOutput], *Error) {
	var none result[iam.UntagUserOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	u, err := f.resolveUser(a.caller, in.UserName)
	if err != nil {
		return none, err
	}
	kept := slices.DeleteFunc(slices.Clone(u.tags), func(t types.Tag) bool {
		return slices.ContainsFunc(in.TagKeys, func(k string) bool { return strings.EqualFold(k, *t.Key) })
	})
	if len(kept) != len(u.tags) {
		setUserTags(u, kept)
	}
	return answerEmpty[iam.UntagUserOutput](), nil
}

// listUserTags: (validation) → user exists → marker → the tags sorted by
// key (byte order of the spelling kept).
func (f *Fake) listUserTags(a *attempt, in *iam.ListUserTagsInput) (result[iam.ListUserTagsOutput], *Error) {
	return userPage(f, userTagPages, a, in.UserName, in.Marker, in.MaxItems,
		func(owner *principal, start, end int, marker string) result[iam.ListUserTagsOutput] {
			type listed struct {
				page   []sortedTag // the set's sorted slice is replaced whole on a change, never written
				marker string
			}
			return answerWith(listed{owner.tagsByKey[start:end:end], marker}, func(l listed) *iam.ListUserTagsOutput {
				out := &iam.ListUserTagsOutput{Tags: make([]types.Tag, len(l.page))}
				strs := make([]string, 2*len(l.page))
				for i, t := range l.page {
					strs[2*i], strs[2*i+1] = t.key, t.value
					out.Tags[i] = types.Tag{Key: &strs[2*i], Value: &strs[2*i+1]}
				}
				out.IsTruncated, out.Marker = pageEnd(l.marker)
				return out
			})
		})
}

// sortedTag is a tag in the order ListUserTags lists it. A marker names the
// last tag returned by its key's first markerKeyLen bytes (a key of 128
// characters can take 384) and its rank among the keys that share them, so
// a listing continues after it exactly whatever the key.
type sortedTag struct {
	key, value string
	rank       uint64 // 1 + how many keys before it share its first markerKeyLen bytes
}

const markerKeyLen = 128 // the most of an id a marker holds

func markerKey(key string) string { return key[:min(len(key), markerKeyLen)] }

// userTagPages: a user's tags sorted by key; a marker carries the key's
// first bytes and its rank among the keys sharing them.
var userTagPages = pageSpec[sortedTag]{
	op:    ListUserTags,
	items: func(p *principal) []sortedTag { return p.tagsByKey },
	pos:   func(t sortedTag) markerPos { return markerPos{id: markerKey(t.key), seq: t.rank} },
	after: func(t sortedTag, pos markerPos) bool {
		if k := markerKey(t.key); k != pos.id {
			return k > pos.id
		}
		return t.rank > pos.seq
	},
}

// setUserTags makes tags (in the order they were first given) the user's
// set, and its sorted view. Both slices are new: answers and the call log
// may hold the old ones.
func setUserTags(u *principal, tags []types.Tag) {
	if len(tags) == 0 {
		u.tags, u.tagsByKey = nil, nil
		return
	}
	u.tags, u.tagsByKey = tags, sortTags(tags)
}

// sortTags is tags sorted by key (byte order), each with its rank for
// markers: the order every List...Tags lists them in.
func sortTags(tags []types.Tag) []sortedTag {
	sorted := make([]sortedTag, len(tags))
	for i, t := range tags {
		sorted[i] = sortedTag{key: *t.Key, value: *t.Value}
	}
	slices.SortFunc(sorted, func(x, y sortedTag) int { return strings.Compare(x.key, y.key) })
	for i := range sorted {
		sorted[i].rank = 1
		if i > 0 && markerKey(sorted[i-1].key) == markerKey(sorted[i].key) {
			sorted[i].rank = sorted[i-1].rank + 1
		}
	}
	return sorted
}

// checkTagRules refuses a request's tags that the model's constraints let
// through but IAM does not: two keys equal ignoring case, or a key in the
// reserved aws: prefix. CreateUser, TagUser and seeding check them.
func checkTagRules(tags []types.Tag) *Error {
	return checkTagKeys(tags, strings.EqualFold, errDuplicateTagKeys)
}

// checkCaseKeptTagRules is checkTagRules for resources whose tag keys keep
// case ("a" and "A" are two keys: recorded for managed policies and MFA
// devices; server certificates: choice, as their siblings): a key given
// twice exactly, or a key in the reserved aws: prefix.
func checkCaseKeptTagRules(tags []types.Tag) *Error {
	return checkTagKeys(tags, func(a, b string) bool { return a == b }, errDuplicateTagKeysKeepCase)
}

// mergeCaseKeptTags is tags with more merged in, for a resource whose tag
// keys keep case (managed policies, server certificates, MFA devices,
// identity providers, instance profiles): a key it has, exactly, gets the
// new value in its place, a new key comes last; after more's rules, or
// IAM's refusal: over() when the merged set holds more than quota. tags is
// never written.
func mergeCaseKeptTags(tags, more []types.Tag, quota int, over func() *Error) ([]types.Tag, *Error) {
	if err := checkCaseKeptTagRules(more); err != nil {
		return nil, err
	}
	merged := slices.Clone(tags)
	for _, t := range ownTags(more) {
		if i := slices.IndexFunc(merged, func(m types.Tag) bool { return *m.Key == *t.Key }); i >= 0 {
			merged[i] = types.Tag{Key: merged[i].Key, Value: t.Value}
		} else {
			merged = append(merged, t)
		}
	}
	if len(merged) > quota {
		return nil, over()
	}
	return merged, nil
}

// untagged is tags without keys (exactly), fresh, and whether any went.
func untagged(tags []types.Tag, keys []string) ([]types.Tag, bool) {
	kept := slices.DeleteFunc(slices.Clone(tags), func(t types.Tag) bool { return slices.Contains(keys, *t.Key) })
	return kept, len(kept) != len(tags)
}

// setCaseKeptTags makes set the tags (keys keeping case) of a resource
// (tags), and byKey their sorted view; nil both when set is empty.
func setCaseKeptTags(tags *[]types.Tag, byKey *[]sortedTag, set []types.Tag) {
	if len(set) == 0 {
		*tags, *byKey = nil, nil
		return
	}
	*tags, *byKey = set, sortTags(set)
}

// checkTagKeys refuses tags holding two keys that same says are one, then a
// key in the reserved aws: prefix.
func checkTagKeys(tags []types.Tag, same func(a, b string) bool, duplicate func() *Error) *Error {
	for i, t := range tags {
		if slices.ContainsFunc(tags[:i], func(e types.Tag) bool { return same(*e.Key, *t.Key) }) {
			return duplicate()
		}
	}
	for _, t := range tags {
		if len(*t.Key) >= 4 && strings.EqualFold((*t.Key)[:4], "aws:") {
			return errReservedTagKey()
		}
	}
	return nil
}

// tagIndex is the index of the tag of tags whose key is key ignoring case,
// or -1.
func tagIndex(tags []types.Tag, key string) int {
	return slices.IndexFunc(tags, func(t types.Tag) bool { return strings.EqualFold(*t.Key, key) })
}
