package fakeiam

import (
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// Access keys: CreateAccessKey, ListAccessKeys, UpdateAccessKey,
// DeleteAccessKey, GetAccessKeyLastUsed (docs/contract.md, "Users and access
// keys"). A key is a credential the moment it exists: the core
// authenticates every request against these keys. Their tests:
// access_keys_test.go.

// The access-key operations.
const (
	CreateAccessKey      Operation = "CreateAccessKey"
	ListAccessKeys       Operation = "ListAccessKeys"
	UpdateAccessKey      Operation = "UpdateAccessKey"
	DeleteAccessKey      Operation = "DeleteAccessKey"
	GetAccessKeyLastUsed Operation = "GetAccessKeyLastUsed"
)

func init() {
	register(opSpec[iam.CreateAccessKeyInput, iam.CreateAccessKeyOutput]{Name: CreateAccessKey, Handle: (*Fake).createAccessKey})
	register(opSpec[iam.ListAccessKeysInput, iam.ListAccessKeysOutput]{Name: ListAccessKeys, Handle: (*Fake).listAccessKeys})
	register(opSpec[iam.UpdateAccessKeyInput, iam.UpdateAccessKeyOutput]{Name: UpdateAccessKey, Handle: (*Fake).updateAccessKey})
	register(opSpec[iam.DeleteAccessKeyInput, iam.DeleteAccessKeyOutput]{Name: DeleteAccessKey, Handle: (*Fake).deleteAccessKey})
	register(opSpec[iam.GetAccessKeyLastUsedInput, iam.GetAccessKeyLastUsedOutput]{Name: GetAccessKeyLastUsed, Handle: (*Fake).getAccessKeyLastUsed,
		Resource: func(_ *Fake, _ *attempt, in *iam.GetAccessKeyLastUsedInput) string {
			if in.AccessKeyId == nil {
				return "access key"
			}
			return "access key " + *in.AccessKeyId
		}})
}

// createAccessKey: (validation) → implicit user → user exists → quota → the
// key, with its secret (the only time IAM shows it).
func (f *Fake) createAccessKey(a *attempt, in *iam.CreateAccessKeyInput) (result[iam.CreateAccessKeyOutput], *Error) {
	var none result[iam.CreateAccessKeyOutput]
	now := f.nowFor(a)
	f.mu.Lock()
	defer f.mu.Unlock()
	u, err := f.resolveUser(a.caller, in.UserName)
	if err != nil {
		return none, err
	}
	if quota := u.account.keyQuota; len(u.keys) >= quota {
		return none, errAccessKeyQuota(quota)
	}
	k := f.newAccessKeyLocked(u, now)
	type madeKey struct {
		user, id, secret string
		status           types.StatusType
		created          time.Time
	}
	return answerWith(madeKey{f.ownerName(u), k.id, k.secret, k.status, k.created}, func(c madeKey) *iam.CreateAccessKeyOutput {
		s := new(struct {
			key              types.AccessKey
			user, id, secret string
			created          time.Time
		})
		s.user, s.id, s.secret, s.created = c.user, c.id, c.secret, c.created
		s.key = types.AccessKey{UserName: &s.user, AccessKeyId: &s.id, SecretAccessKey: &s.secret, Status: c.status, CreateDate: &s.created}
		return &iam.CreateAccessKeyOutput{AccessKey: &s.key}
	}), nil
}

// listAccessKeys: (validation) → implicit user → user exists → marker → the
// keys in creation order, without secrets.
func (f *Fake) listAccessKeys(a *attempt, in *iam.ListAccessKeysInput) (result[iam.ListAccessKeysOutput], *Error) {
	return userPage(f, accessKeyPages, a, in.UserName, in.Marker, in.MaxItems,
		func(owner *principal, start, end int, marker string) result[iam.ListAccessKeysOutput] {
			type keyView struct { // keys change in place (status): a page keeps what they were
				id      string
				status  types.StatusType
				created time.Time
			}
			page := make([]keyView, 0, end-start)
			for _, k := range owner.keys[start:end] {
				page = append(page, keyView{k.id, k.status, k.created})
			}
			type listed struct {
				user   string
				page   []keyView
				marker string
			}
			return answerWith(listed{f.ownerName(owner), page, marker}, func(l listed) *iam.ListAccessKeysOutput {
				out := &iam.ListAccessKeysOutput{AccessKeyMetadata: make([]types.AccessKeyMetadata, len(l.page))}
				held := make([]struct { // one allocation for the page's strings and dates
					user, id string
					created  time.Time
				}, len(l.page))
				for i, k := range l.page {
					s := &held[i]
					s.user, s.id, s.created = l.user, k.id, k.created
					out.AccessKeyMetadata[i] = types.AccessKeyMetadata{UserName: &s.user, AccessKeyId: &s.id, Status: k.status, CreateDate: &s.created}
				}
				out.IsTruncated, out.Marker = pageEnd(l.marker)
				return out
			})
		})
}

// accessKeyPages: a user's keys in creation order (appended as created);
// a marker carries the key's number in that order.
var accessKeyPages = pageSpec[*accessKey]{
	op:    ListAccessKeys,
	items: func(p *principal) []*accessKey { return p.keys },
	pos:   func(k *accessKey) markerPos { return markerPos{date: time.Unix(int64(k.seq), 0), id: k.id} },
	after: func(k *accessKey, p markerPos) bool { return k.seq > keySeq(p) },
}

func keySeq(pos markerPos) uint64 { return uint64(pos.date.Unix()) }

// updateAccessKey: (validation) → implicit user → user exists → Expired
// refused → the user's key exists → status set (idempotent). An Inactive
// key stops signing at once; made Active, it signs again.
func (f *Fake) updateAccessKey(a *attempt, in *iam.UpdateAccessKeyInput) (result[iam.UpdateAccessKeyOutput], *Error) {
	var none result[iam.UpdateAccessKeyOutput]
	err := itemOp(f, anAccessKey, a.caller, in.UserName, in.AccessKeyId,
		func() *Error {
			if in.Status == types.StatusTypeExpired {
				return errExpiredKeyStatus()
			}
			return nil
		},
		func(k *accessKey) { k.status = in.Status })
	if err != nil {
		return none, err
	}
	return answerEmpty[iam.UpdateAccessKeyOutput](), nil
}

// deleteAccessKey: (validation) → implicit user → user exists → the user's
// key exists → gone: it no longer signs.
func (f *Fake) deleteAccessKey(a *attempt, in *iam.DeleteAccessKeyInput) (result[iam.DeleteAccessKeyOutput], *Error) {
	var none result[iam.DeleteAccessKeyOutput]
	err := itemOp(f, anAccessKey, a.caller, in.UserName, in.AccessKeyId, nil, f.removeAccessKey)
	if err != nil {
		return none, err
	}
	return answerEmpty[iam.DeleteAccessKeyOutput](), nil
}

// anAccessKey finds a user's access key for Update and Delete.
var anAccessKey = itemSpec[*accessKey]{
	items:    func(p *principal) []*accessKey { return p.keys },
	idOf:     func(k *accessKey) string { return k.id },
	notFound: errNoSuchAccessKey,
}

// getAccessKeyLastUsed: (validation) → the key exists in the caller's account
// (else AccessDenied, even for administrators, as IAM answers) → when it
// last signed a request: the minute, the region and the service, or N/A.
func (f *Fake) getAccessKeyLastUsed(a *attempt, in *iam.GetAccessKeyLastUsedInput) (result[iam.GetAccessKeyLastUsedOutput], *Error) {
	var none result[iam.GetAccessKeyLastUsedOutput]
	f.mu.RLock()
	if err := f.current(a.caller); err != nil {
		f.mu.RUnlock()
		return none, err
	}
	k := f.keys[*in.AccessKeyId]
	var owner string
	if k != nil && k.owner.account == a.caller.account && k.owner.kind != kindRole {
		owner = f.ownerName(k.owner)
	} else {
		k = nil
	}
	f.mu.RUnlock()
	if k == nil {
		return none, &Error{"AccessDenied", 403, "User: " + a.who.ARN + " is not authorized to perform iam:GetAccessKeyLastUsed on resource: access key " + *in.AccessKeyId}
	}
	type lastUsed struct {
		owner string
		last  int64 // Unix seconds; 0: never used
	}
	return answerWith(lastUsed{owner, k.lastUsed.Load()}, func(l lastUsed) *iam.GetAccessKeyLastUsedOutput {
		s := new(struct {
			used                  types.AccessKeyLastUsed
			user, region, service string
			date                  time.Time
		})
		s.user, s.region, s.service = l.owner, "N/A", "N/A"
		s.used = types.AccessKeyLastUsed{Region: &s.region, ServiceName: &s.service}
		if l.last != 0 {
			s.region, s.service, s.date = "us-east-1", "iam", time.Unix(l.last, 0).UTC()
			s.used.LastUsedDate = &s.date
		}
		return &iam.GetAccessKeyLastUsedOutput{UserName: &s.user, AccessKeyLastUsed: &s.used}
	}), nil
}
