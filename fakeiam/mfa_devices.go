package fakeiam

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// Virtual MFA devices: CreateVirtualMFADevice, EnableMFADevice,
// ResyncMFADevice, DeactivateMFADevice, DeleteVirtualMFADevice,
// ListMFADevices, ListVirtualMFADevices, GetMFADevice, TagMFADevice,
// UntagMFADevice, ListMFADeviceTags (docs/contract.md, "MFA devices"). A
// device belongs to its account and is assigned to at most one user (up to
// eight a user); EnableMFADevice and ResyncMFADevice check two consecutive
// RFC 6238 codes on the fake's clock (mfa_codes.go; Fake.MFACodes computes
// them for tests). Seeding: VirtualMFADevice. Their tests:
// mfa_devices_test.go.

// The MFA device operations.
const (
	CreateVirtualMFADevice Operation = "CreateVirtualMFADevice"
	EnableMFADevice        Operation = "EnableMFADevice"
	ResyncMFADevice        Operation = "ResyncMFADevice"
	DeactivateMFADevice    Operation = "DeactivateMFADevice"
	DeleteVirtualMFADevice Operation = "DeleteVirtualMFADevice"
	ListMFADevices         Operation = "ListMFADevices"
	ListVirtualMFADevices  Operation = "ListVirtualMFADevices"
	GetMFADevice           Operation = "GetMFADevice"
	TagMFADevice           Operation = "TagMFADevice"
	UntagMFADevice         Operation = "UntagMFADevice"
	ListMFADeviceTags      Operation = "ListMFADeviceTags"
)

func init() {
	register(opSpec[iam.CreateVirtualMFADeviceInput, iam.CreateVirtualMFADeviceOutput]{Name: CreateVirtualMFADevice, Handle: (*Fake).createVirtualMFADevice,
		Resource: func(_ *Fake, a *attempt, in *iam.CreateVirtualMFADeviceInput) string {
			return mfaSerial(a.who.Account, pathOr(in.Path), deref(in.VirtualMFADeviceName))
		}})
	register(opSpec[iam.EnableMFADeviceInput, iam.EnableMFADeviceOutput]{Name: EnableMFADevice, Handle: (*Fake).enableMFADevice})
	register(opSpec[iam.ResyncMFADeviceInput, iam.ResyncMFADeviceOutput]{Name: ResyncMFADevice, Handle: (*Fake).resyncMFADevice})
	register(opSpec[iam.DeactivateMFADeviceInput, iam.DeactivateMFADeviceOutput]{Name: DeactivateMFADevice, Handle: (*Fake).deactivateMFADevice})
	register(opSpec[iam.DeleteVirtualMFADeviceInput, iam.DeleteVirtualMFADeviceOutput]{Name: DeleteVirtualMFADevice, Handle: (*Fake).deleteVirtualMFADevice,
		Resource: func(_ *Fake, _ *attempt, in *iam.DeleteVirtualMFADeviceInput) string {
			return bySerial(in.SerialNumber)
		}})
	register(opSpec[iam.ListMFADevicesInput, iam.ListMFADevicesOutput]{Name: ListMFADevices, Handle: (*Fake).listMFADevices})
	register(opSpec[iam.ListVirtualMFADevicesInput, iam.ListVirtualMFADevicesOutput]{Name: ListVirtualMFADevices, Handle: (*Fake).listVirtualMFADevices,
		Resource: aliasResource[iam.ListVirtualMFADevicesInput]})
	register(opSpec[iam.GetMFADeviceInput, iam.GetMFADeviceOutput]{Name: GetMFADevice, Handle: (*Fake).getMFADevice})
	register(opSpec[iam.TagMFADeviceInput, iam.TagMFADeviceOutput]{Name: TagMFADevice, Handle: (*Fake).tagMFADevice,
		Resource: func(_ *Fake, _ *attempt, in *iam.TagMFADeviceInput) string { return bySerial(in.SerialNumber) }})
	register(opSpec[iam.UntagMFADeviceInput, iam.UntagMFADeviceOutput]{Name: UntagMFADevice, Handle: (*Fake).untagMFADevice,
		Resource: func(_ *Fake, _ *attempt, in *iam.UntagMFADeviceInput) string { return bySerial(in.SerialNumber) }})
	register(opSpec[iam.ListMFADeviceTagsInput, iam.ListMFADeviceTagsOutput]{Name: ListMFADeviceTags, Handle: (*Fake).listMFADeviceTags,
		Resource: func(_ *Fake, _ *attempt, in *iam.ListMFADeviceTagsInput) string { return bySerial(in.SerialNumber) }})
}

// bySerial is what AccessDenied names for an operation on a device: its
// serial number, which is its ARN (Create names the ARN it would have).
func bySerial(serial *string) string {
	if serial == nil {
		return "mfa"
	}
	return *serial
}

// IAM's quotas: MFA devices in use by one user; virtual devices in an
// account (equal to the users quota); tags on a device.
const (
	mfaDevicesPerUser    = 8
	mfaDevicesPerAccount = 5000
	tagsPerMFADevice     = 50
)

// mfaDevice is a virtual MFA device of an account. Answers never point at
// it (they copy its values), so it is changed in place under the write
// lock.
type mfaDevice struct {
	name, path, serial string
	seed               string // Base32, as Base32StringSeed gives it
	key                []byte // what seed decodes to: the HMAC key
	seq                uint64 // its place in its account's creation order, from 1
	// user is who it is enabled for (nil: unassigned), since enabled;
	// enableSeq is its place among the account's enablings (ListMFADevices'
	// order); lastStep the last time step a pair of codes reached.
	user      *principal
	enabled   time.Time
	enableSeq uint64
	lastStep  int64
	tags      []types.Tag // in the order first given; a change replaces the slice
	tagsByKey []sortedTag // tags sorted by key, as ListMFADeviceTags lists them
}

// mfaActive reports whether p has an MFA device enabled: the credential
// report's mfa_active. Under the read lock.
func (p *principal) mfaActive() bool { return len(p.mfa) > 0 }

// mfaDevice finds a device of a by serial number; nil when there is none.
func (a *account) mfaDevice(serial string) *mfaDevice { return a.mfaDevices[serial] }

// addMFADevice puts d into its account's indexes, after every device the
// account made before.
func (a *account) addMFADevice(d *mfaDevice) {
	if a.mfaDevices == nil {
		a.mfaDevices, a.mfaNames = map[string]*mfaDevice{}, map[string]*mfaDevice{}
	}
	a.mfaMade++
	d.seq = a.mfaMade
	a.mfaDevices[d.serial] = d
	a.mfaNames[strings.ToLower(d.name)] = d
	a.mfaList = append(a.mfaList, d)
}

// assignMFADevice enables d for u at now, its codes having reached step.
func (a *account) assignMFADevice(d *mfaDevice, u *principal, now time.Time, step int64) {
	a.mfaEnabled++
	d.user, d.enabled, d.enableSeq, d.lastStep = u, now, a.mfaEnabled, step
	u.mfa = append(slices.Clip(u.mfa), d)
}

// unassignMFADevice takes d, enabled for u, from u.
func (a *account) unassignMFADevice(d *mfaDevice, u *principal) {
	u.mfa = slices.DeleteFunc(slices.Clone(u.mfa), func(e *mfaDevice) bool { return e == d })
	d.user, d.enabled, d.enableSeq, d.lastStep = nil, time.Time{}, 0, 0
}

// removeMFADevice takes d, enabled for no one, out of a's indexes.
func (a *account) removeMFADevice(d *mfaDevice) {
	delete(a.mfaDevices, d.serial)
	delete(a.mfaNames, strings.ToLower(d.name))
	a.mfaList = removeFrom(a.mfaList, d)
}

// mfaListKey is what ListVirtualMFADevices' shared answer was asked: the
// whole list (no marker) of one assignment status, at one page size.
type mfaListKey struct {
	status types.AssignmentStatusType
	limit  int
}

func mfaSerial(acct, path, name string) string { return "arn:aws:iam::" + acct + ":mfa" + path + name }

// createVirtualMFADevice: (validation) → tag rules → the name is free in
// the account → quota → stored, unassigned, with a new seed and its QR code.
func (f *Fake) createVirtualMFADevice(a *attempt, in *iam.CreateVirtualMFADeviceInput) (result[iam.CreateVirtualMFADeviceOutput], *Error) {
	var none result[iam.CreateVirtualMFADeviceOutput]
	if err := checkCaseKeptTagRules(in.Tags); err != nil {
		return none, err
	}
	key := f.newMFAKey()
	seed := seedEncoding.EncodeToString(key)
	f.mu.Lock()
	if err := f.current(a.caller); err != nil {
		f.mu.Unlock()
		return none, err
	}
	acct := a.caller.account
	if acct.mfaNames[strings.ToLower(*in.VirtualMFADeviceName)] != nil {
		f.mu.Unlock()
		return none, errMFADeviceExists()
	}
	if len(acct.mfaList) >= mfaDevicesPerAccount {
		f.mu.Unlock()
		return none, errVirtualMFAQuota(mfaDevicesPerAccount)
	}
	d := &mfaDevice{name: *in.VirtualMFADeviceName, path: pathOr(in.Path), seed: seed, key: key}
	d.serial = mfaSerial(acct.id, d.path, d.name)
	setMFATags(d, copyTags(in.Tags))
	acct.addMFADevice(d)
	known := acct.alias
	if known == "" {
		known = acct.id
	}
	tags := d.tags // replaced, never written: the answer may keep it
	f.mu.Unlock()
	png, err := qrPNG(otpauthURI(d.name, known, seed)) // outside the lock: it takes a while
	if err != nil {
		return none, &Error{"ServiceFailure", 500, "fakeiam: QR code: " + err.Error()}
	}
	type created struct {
		serial, seed string
		png          []byte // never written
		tags         []types.Tag
	}
	return answerWith(created{d.serial, seed, png, tags}, func(c created) *iam.CreateVirtualMFADeviceOutput {
		v := &types.VirtualMFADevice{SerialNumber: &c.serial, Base32StringSeed: []byte(c.seed), QRCodePNG: slices.Clone(c.png)}
		if len(c.tags) > 0 {
			v.Tags = copyTags(c.tags)
		}
		return &iam.CreateVirtualMFADeviceOutput{VirtualMFADevice: v}
	}), nil
}

// copyTags is tags with values of their own.
func copyTags(tags []types.Tag) []types.Tag {
	if len(tags) == 0 {
		return nil
	}
	out := make([]types.Tag, len(tags))
	for i, t := range tags {
		k, v := *t.Key, ""
		if t.Value != nil {
			v = *t.Value
		}
		out[i] = types.Tag{Key: &k, Value: &v}
	}
	return out
}

// enableMFADevice: (validation) → user exists → device exists → not in use
// → the user's quota → the codes → assigned.
func (f *Fake) enableMFADevice(a *attempt, in *iam.EnableMFADeviceInput) (result[iam.EnableMFADeviceOutput], *Error) {
	none := answerEmpty[iam.EnableMFADeviceOutput]()
	now := f.nowFor(a)
	f.mu.Lock()
	defer f.mu.Unlock()
	u, err := f.resolveUser(a.caller, in.UserName)
	if err != nil {
		return none, err
	}
	d := u.account.mfaDevice(*in.SerialNumber)
	switch {
	case d == nil:
		return none, errNoSuchMFADevice(*in.SerialNumber)
	case d.user != nil:
		return none, errMFADeviceInUse()
	case len(u.mfa) >= u.account.mfaQuota:
		return none, errMFADeviceQuota(u.account.mfaQuota)
	}
	step, ok := pairStep(d.key, stepAt(now), *in.AuthenticationCode1, *in.AuthenticationCode2)
	if !ok {
		return none, errInvalidAuthenticationCode()
	}
	u.account.assignMFADevice(d, u, now, step)
	return none, nil
}

// usersMFADevice finds the device serial enabled for the user the call
// names (or the caller), under the lock held: (validated) → user exists →
// the device is the user's.
func (f *Fake) usersMFADevice(caller *principal, userName *string, serial string) (*principal, *mfaDevice, *Error) {
	u, err := f.resolveUser(caller, userName)
	if err != nil {
		return nil, nil, err
	}
	if d := u.account.mfaDevice(serial); d != nil && d.user == u {
		return u, d, nil
	}
	return nil, nil, errNoSuchMFADevice(serial)
}

// resyncMFADevice: (validation) → user exists → the user's device → the
// codes → in step again.
func (f *Fake) resyncMFADevice(a *attempt, in *iam.ResyncMFADeviceInput) (result[iam.ResyncMFADeviceOutput], *Error) {
	none := answerEmpty[iam.ResyncMFADeviceOutput]()
	now := f.nowFor(a)
	f.mu.Lock()
	defer f.mu.Unlock()
	_, d, err := f.usersMFADevice(a.caller, in.UserName, *in.SerialNumber)
	if err != nil {
		return none, err
	}
	step, ok := pairStep(d.key, stepAt(now), *in.AuthenticationCode1, *in.AuthenticationCode2)
	if !ok {
		return none, errInvalidAuthenticationCode()
	}
	d.lastStep = step
	return none, nil
}

// deactivateMFADevice: (validation) → implicit user → user exists → the
// user's device → unassigned (the device stays, with its seed).
func (f *Fake) deactivateMFADevice(a *attempt, in *iam.DeactivateMFADeviceInput) (result[iam.DeactivateMFADeviceOutput], *Error) {
	none := answerEmpty[iam.DeactivateMFADeviceOutput]()
	f.mu.Lock()
	defer f.mu.Unlock()
	u, d, err := f.usersMFADevice(a.caller, in.UserName, *in.SerialNumber)
	if err != nil {
		return none, err
	}
	u.account.unassignMFADevice(d, u)
	return none, nil
}

// deleteVirtualMFADevice: (validation) → device exists → not assigned →
// gone.
func (f *Fake) deleteVirtualMFADevice(a *attempt, in *iam.DeleteVirtualMFADeviceInput) (result[iam.DeleteVirtualMFADeviceOutput], *Error) {
	none := answerEmpty[iam.DeleteVirtualMFADeviceOutput]()
	f.mu.Lock()
	defer f.mu.Unlock()
	d, err := f.accountMFADevice(a.caller, *in.SerialNumber)
	if err != nil {
		return none, err
	}
	if d.user != nil {
		return none, errDeleteAssignedMFADevice()
	}
	a.caller.account.removeMFADevice(d)
	return none, nil
}

// accountMFADevice finds a device of the caller's account, under the lock.
func (f *Fake) accountMFADevice(caller *principal, serial string) (*mfaDevice, *Error) {
	if err := f.current(caller); err != nil {
		return nil, err
	}
	d := caller.account.mfaDevice(serial)
	if d == nil {
		return nil, errNoSuchMFADevice(serial)
	}
	return d, nil
}

// mfaListed is a device as ListVirtualMFADevices shows it: values taken
// under the lock.
type mfaListed struct {
	serial   string
	assigned bool
	user     userView // when assigned
	enabled  time.Time
}

func viewMFADevice(d *mfaDevice) mfaListed {
	v := mfaListed{serial: d.serial, enabled: d.enabled}
	if d.user != nil {
		v.assigned, v.user = true, viewUser(d.user)
		v.user.tags = nil // ListVirtualMFADevices' User has no tags (choice: recorded for a user without tags)
	}
	return v
}

// mfaEnabled is a device as ListMFADevices and GetMFADevice show it: its
// user's name, its serial number, its enable date.
type mfaEnabled struct {
	user, serial string
	enabled      time.Time
}

// sdk is the SDK's MFADevice: its strings and date in one allocation.
func (v mfaEnabled) sdk() types.MFADevice {
	s := new(mfaEnabled)
	*s = v
	return types.MFADevice{UserName: &s.user, SerialNumber: &s.serial, EnableDate: &s.enabled}
}

// mfaDevicePages: a user's enabled devices in the order enabled; a marker
// carries the enabling's place.
var mfaDevicePages = pageSpec[*mfaDevice]{
	op:    ListMFADevices,
	items: func(p *principal) []*mfaDevice { return p.mfa },
	pos:   func(d *mfaDevice) markerPos { return markerPos{seq: d.enableSeq, id: "mfa"} },
	after: func(d *mfaDevice, p markerPos) bool { return d.enableSeq > p.seq },
}

// listMFADevices: (validation) → implicit user → user exists → marker →
// the user's devices in the order enabled.
func (f *Fake) listMFADevices(a *attempt, in *iam.ListMFADevicesInput) (result[iam.ListMFADevicesOutput], *Error) {
	return userPage(f, mfaDevicePages, a, in.UserName, in.Marker, in.MaxItems,
		func(owner *principal, start, end int, marker string) result[iam.ListMFADevicesOutput] {
			type listed struct {
				page   []mfaEnabled
				marker string
			}
			l := listed{make([]mfaEnabled, end-start), marker}
			for i, d := range owner.mfa[start:end] {
				l.page[i] = mfaEnabled{owner.name, d.serial, d.enabled}
			}
			return answerWith(l, func(l listed) *iam.ListMFADevicesOutput {
				out := &iam.ListMFADevicesOutput{MFADevices: make([]types.MFADevice, len(l.page))}
				if len(l.page) == 1 {
					out.MFADevices[0] = l.page[0].sdk()
				} else {
					vals := slices.Clone(l.page) // the output's own: one allocation for the page
					for i := range vals {
						out.MFADevices[i] = types.MFADevice{UserName: &vals[i].user, SerialNumber: &vals[i].serial, EnableDate: &vals[i].enabled}
					}
				}
				out.IsTruncated, out.Marker = pageEnd(l.marker)
				return out
			})
		})
}

// listVirtualMFADevices: (validation) → marker (bound to the account and
// the assignment status) → the account's devices in creation order, those
// of the status asked for (Any by default); an assigned one with its user
// and enable date, never a seed, a QR code or tags.
func (f *Fake) listVirtualMFADevices(a *attempt, in *iam.ListVirtualMFADevicesInput) (result[iam.ListVirtualMFADevicesOutput], *Error) {
	var none result[iam.ListVirtualMFADevicesOutput]
	status := in.AssignmentStatus
	if status == "" {
		status = types.AssignmentStatusTypeAny
	}
	keep := func(d *mfaDevice) bool {
		switch status {
		case types.AssignmentStatusTypeAssigned:
			return d.user != nil
		case types.AssignmentStatusTypeUnassigned:
			return d.user == nil
		}
		return true
	}
	limit := pageLimit(in.MaxItems, a)
	f.mu.RLock()
	defer f.mu.RUnlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	acct := a.caller.account
	gen, key := f.mu.gen.Load(), mfaListKey{status, limit}
	if in.Marker == nil { // the whole list again, the model unchanged: the answer shared (sharedAnswer)
		if r, ok := answerShared[iam.ListVirtualMFADevicesOutput](&acct.mfaListed, gen, key); ok {
			return r, nil
		}
	}
	items := acct.mfaList
	start := 0
	if in.Marker != nil {
		pos, ok := f.decodeMarker(ListVirtualMFADevices, acct.id, string(status), *in.Marker)
		if !ok {
			return none, errValidation(msgInvalidMarker)
		}
		start = len(items)
		if i := slices.IndexFunc(items, func(d *mfaDevice) bool { return d.seq > pos.seq }); i >= 0 {
			start = i
		}
	}
	page := make([]mfaListed, 0, min(limit, len(items)-start))
	var last *mfaDevice
	next := ""
	for _, d := range items[start:] {
		if !keep(d) {
			continue
		}
		if len(page) == limit {
			next = f.encodeMarker(ListVirtualMFADevices, acct.id, string(status), markerPos{seq: last.seq, id: "mfa"})
			break
		}
		page, last = append(page, viewMFADevice(d)), d
	}
	type listed struct {
		page   []mfaListed
		marker string
	}
	r := answerWith(listed{page, next}, func(l listed) *iam.ListVirtualMFADevicesOutput {
		out := &iam.ListVirtualMFADevicesOutput{VirtualMFADevices: make([]types.VirtualMFADevice, len(l.page))}
		serials, dates := make([]string, len(l.page)), make([]time.Time, len(l.page)) // one allocation each, not one a device
		for i := range l.page {
			v := &l.page[i]
			serials[i] = v.serial
			out.VirtualMFADevices[i] = types.VirtualMFADevice{SerialNumber: &serials[i]}
			if v.assigned {
				dates[i] = v.enabled
				out.VirtualMFADevices[i].User, out.VirtualMFADevices[i].EnableDate = v.user.sdk(false), &dates[i]
			}
		}
		out.IsTruncated, out.Marker = pageEnd(l.marker)
		return out
	})
	if in.Marker == nil && next == "" {
		keepShared(&acct.mfaListed, gen, key, r)
	}
	return r, nil
}

// getMFADevice: (validation) → implicit user → user exists → the user's
// device → its user name, serial number and enable date (choice: IAM
// answers this only for FIDO security keys, which the fake has none of;
// a virtual device is shown without Certifications).
func (f *Fake) getMFADevice(a *attempt, in *iam.GetMFADeviceInput) (result[iam.GetMFADeviceOutput], *Error) {
	var none result[iam.GetMFADeviceOutput]
	f.mu.RLock()
	defer f.mu.RUnlock()
	u, d, err := f.usersMFADevice(a.caller, in.UserName, *in.SerialNumber)
	if err != nil {
		return none, err
	}
	return answerWith(mfaEnabled{u.name, d.serial, d.enabled}, func(v mfaEnabled) *iam.GetMFADeviceOutput {
		s := new(struct {
			out iam.GetMFADeviceOutput
			v   mfaEnabled
		})
		s.v = v
		s.out = iam.GetMFADeviceOutput{UserName: &s.v.user, SerialNumber: &s.v.serial, EnableDate: &s.v.enabled}
		return &s.out
	}), nil
}

// tagMFADevice: (validation) → device exists → the request's tag rules →
// the quota on the merged set → tagged. Keys are case sensitive: a key the
// device has gets the new value in its place; a new key comes last.
func (f *Fake) tagMFADevice(a *attempt, in *iam.TagMFADeviceInput) (result[iam.TagMFADeviceOutput], *Error) {
	none := answerEmpty[iam.TagMFADeviceOutput]()
	f.mu.Lock()
	defer f.mu.Unlock()
	d, err := f.accountMFADevice(a.caller, *in.SerialNumber)
	if err != nil {
		return none, err
	}
	merged, err := mergeCaseKeptTags(d.tags, in.Tags, tagsPerMFADevice, func() *Error { return errMFATagQuota(tagsPerMFADevice) })
	if err != nil {
		return none, err
	}
	setMFATags(d, merged)
	return none, nil
}

// untagMFADevice: (validation) → device exists → the keys removed (case
// sensitive); a key the device does not have is no error.
func (f *Fake) untagMFADevice(a *attempt, in *iam.UntagMFADeviceInput) (result[iam.UntagMFADeviceOutput], *Error) {
	none := answerEmpty[iam.UntagMFADeviceOutput]()
	f.mu.Lock()
	defer f.mu.Unlock()
	d, err := f.accountMFADevice(a.caller, *in.SerialNumber)
	if err != nil {
		return none, err
	}
	if kept, changed := untagged(d.tags, in.TagKeys); changed {
		setMFATags(d, kept)
	}
	return none, nil
}

// listMFADeviceTags: (validation) → device exists → marker (bound to the
// device) → its tags sorted by key.
func (f *Fake) listMFADeviceTags(a *attempt, in *iam.ListMFADeviceTagsInput) (result[iam.ListMFADeviceTagsOutput], *Error) {
	var none result[iam.ListMFADeviceTagsOutput]
	limit := pageLimit(in.MaxItems, a)
	f.mu.RLock()
	defer f.mu.RUnlock()
	d, err := f.accountMFADevice(a.caller, *in.SerialNumber)
	if err != nil {
		return none, err
	}
	acct := a.caller.account.id
	items := d.tagsByKey
	start := 0
	if in.Marker != nil {
		pos, ok := f.decodeMarker(ListMFADeviceTags, acct, d.serial, *in.Marker)
		if !ok {
			return none, errValidation(msgInvalidMarker)
		}
		start = len(items)
		if i := slices.IndexFunc(items, func(t sortedTag) bool { return userTagPages.after(t, pos) }); i >= 0 {
			start = i
		}
	}
	end := min(start+limit, len(items))
	next := ""
	if end < len(items) {
		next = f.encodeMarker(ListMFADeviceTags, acct, d.serial, userTagPages.pos(items[end-1]))
	}
	type listed struct {
		page   []sortedTag // replaced whole on a change, never written
		marker string
	}
	return answerWith(listed{items[start:end:end], next}, func(l listed) *iam.ListMFADeviceTagsOutput {
		out := &iam.ListMFADeviceTagsOutput{Tags: make([]types.Tag, len(l.page))}
		strs := make([]string, 2*len(l.page))
		for i, t := range l.page {
			strs[2*i], strs[2*i+1] = t.key, t.value
			out.Tags[i] = types.Tag{Key: &strs[2*i], Value: &strs[2*i+1]}
		}
		out.IsTruncated, out.Marker = pageEnd(l.marker)
		return out
	}), nil
}

// setMFATags makes tags (the device's own) its set, and the sorted view;
// both slices are new.
func setMFATags(d *mfaDevice, tags []types.Tag) { setCaseKeptTags(&d.tags, &d.tagsByKey, tags) }

// MFACodes returns two consecutive codes of the virtual MFA device serial
// (its SerialNumber, in any account of the fake) at the fake's time: the
// previous step's and the current one's, which EnableMFADevice and
// ResyncMFADevice accept as AuthenticationCode1 and AuthenticationCode2.
// It reads the fake's state, not IAM's API: no call is logged and no fault
// applies.
//
//	code1, code2, err := f.MFACodes("arn:aws:iam::123456789012:mfa/bob-phone")
func (f *Fake) MFACodes(serial string) (code1, code2 string, err error) {
	now := stepAt(f.now())
	f.mu.RLock()
	var key []byte
	for _, a := range f.accounts {
		if d := a.mfaDevice(serial); d != nil {
			key = d.key
			break
		}
	}
	f.mu.RUnlock()
	if key == nil {
		return "", "", errors.New("fakeiam: MFACodes: no virtual MFA device has serial number " + strconv.Quote(serial))
	}
	return totp(key, now-1, mfaDigits), totp(key, now, mfaDigits), nil
}

// countInUse is how many of devices are enabled for a user: the account
// summary's MFADevicesInUse.
func countInUse(devices []*mfaDevice) int {
	n := 0
	for _, d := range devices {
		if d.user != nil {
			n++
		}
	}
	return n
}

// MFADevicesPerUser lifts (or lowers) IAM's quota of 8 MFA devices enabled
// for one user, for seeds and EnableMFADevice alike.
func MFADevicesPerUser(n int) Option {
	return accountOption(func(s *accountSettings) error {
		if n < 0 {
			return fmt.Errorf("MFADevicesPerUser(%d): a quota is at least 0", n)
		}
		s.mfaQuota = &n
		return nil
	})
}

// MFADeviceSeed describes a virtual MFA device to seed in an account,
// unassigned or enabled for a user seeded in the same account:
//
//	fakeiam.VirtualMFADevice("bob-phone").Seed("JBSWY3DPEHPK3PXP").EnabledFor("Bob")
//
// Its methods return a new seed, as PrincipalSeed's do. Without Seed the
// device gets a new 64-character Base32 seed, as CreateVirtualMFADevice
// gives. New refuses what CreateVirtualMFADevice and EnableMFADevice
// would: a bad name, path or tag, a name taken (ignoring case), a seed
// that is not Base32, a user that is not in the account, and the quotas
// (8 devices a user unless MFADevicesPerUser lifts it, 5000 an account,
// 50 tags a device).
type MFADeviceSeed struct {
	name, path, seed string
	user             string
	enabled          time.Time
	tags             []types.Tag
}

// VirtualMFADevice seeds a virtual MFA device in the enclosing account (the
// default account outside Account), with path "/", unassigned.
func VirtualMFADevice(name string) *MFADeviceSeed { return &MFADeviceSeed{name: name} }

// Path returns the device seed with its path set (default "/"); its serial
// number is arn:aws:iam::<account>:mfa<path><name>.
func (s *MFADeviceSeed) Path(path string) *MFADeviceSeed {
	c := s.clone()
	c.path = path
	return c
}

// Seed returns the device seed with its secret set: Base32 (A-Z, 2-7), as
// Base32StringSeed gives it, so a test knows the codes (MFACode).
func (s *MFADeviceSeed) Seed(base32 string) *MFADeviceSeed {
	c := s.clone()
	c.seed = base32
	return c
}

// EnabledFor returns the device seed enabled for the user name, a user
// seeded in the same account, as EnableMFADevice would.
func (s *MFADeviceSeed) EnabledFor(user string) *MFADeviceSeed {
	c := s.clone()
	c.user = user
	return c
}

// EnabledAt returns the device seed with its enable date set (default:
// the fake's time when New runs); for a device EnabledFor a user.
func (s *MFADeviceSeed) EnabledAt(t time.Time) *MFADeviceSeed {
	c := s.clone()
	c.enabled = t
	return c
}

// Tag returns the device seed with a tag added (keys are case sensitive).
func (s *MFADeviceSeed) Tag(key, value string) *MFADeviceSeed {
	c := s.clone()
	c.tags = append(c.tags, types.Tag{Key: &key, Value: &value})
	return c
}

func (s *MFADeviceSeed) clone() *MFADeviceSeed {
	if s == nil {
		return &MFADeviceSeed{}
	}
	c := *s
	c.tags = slices.Clone(s.tags)
	return &c
}

func (s *MFADeviceSeed) configure(c *config) error {
	if s == nil {
		return errors.New("nil MFA device seed")
	}
	c.current.mfa = append(c.current.mfa, s)
	return nil
}

// seedMFADevices adds the account's seeded virtual MFA devices, after its
// users, naming every problem of each.
func (f *Fake) seedMFADevices(a *account, seeds []*MFADeviceSeed, now time.Time, fail func(string, ...any)) {
	if len(seeds) > mfaDevicesPerAccount {
		fail("account %s: %d virtual MFA devices exceed the quota of %d per account", a.id, len(seeds), mfaDevicesPerAccount)
		return
	}
	for _, ms := range seeds {
		who := "account " + a.id + ": virtual MFA device " + strconv.Quote(ms.name)
		var problems []string
		name := ms.name
		in := &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: &name, Tags: ms.tags}
		if ms.path != "" {
			in.Path = &ms.path
		}
		if err := lookupOperation(CreateVirtualMFADevice).check.check(in); err != nil {
			problems = append(problems, err.Message)
		} else if err := checkCaseKeptTagRules(ms.tags); err != nil {
			problems = append(problems, err.Message)
		}
		if dup := a.mfaNames[strings.ToLower(ms.name)]; dup != nil {
			if dup.name == ms.name {
				problems = append(problems, "seeded twice")
			} else {
				problems = append(problems, "and "+strconv.Quote(dup.name)+": device names are unique regardless of case")
			}
		}
		var key []byte
		if ms.seed == "" {
			key = f.newMFAKey()
		} else if k, err := seedEncoding.DecodeString(ms.seed); err != nil || len(k) == 0 || strings.ToUpper(ms.seed) != ms.seed {
			problems = append(problems, "seed "+quoteShort(ms.seed)+": a seed is Base32, upper case A-Z and 2-7, without padding")
		} else {
			key = k
		}
		var u *principal
		if ms.user != "" {
			switch u = a.user(ms.user); {
			case u == nil:
				problems = append(problems, "enabled for "+strconv.Quote(ms.user)+": no such user in the account")
			case len(u.mfa) >= a.mfaQuota:
				problems = append(problems, "enabled for "+strconv.Quote(ms.user)+": over the quota of "+strconv.Itoa(a.mfaQuota)+" MFA devices per user (MFADevicesPerUser lifts it)")
			}
		} else if !ms.enabled.IsZero() {
			problems = append(problems, "an enable date without a user (EnabledFor)")
		}
		if len(problems) > 0 {
			for _, p := range problems {
				fail("%s: %s", who, p)
			}
			continue
		}
		d := &mfaDevice{name: ms.name, path: pathOr(in.Path), seed: seedEncoding.EncodeToString(key), key: key}
		if ms.seed != "" {
			d.seed = ms.seed
		}
		d.serial = mfaSerial(a.id, d.path, d.name)
		setMFATags(d, copyTags(ms.tags))
		a.addMFADevice(d)
		if u != nil {
			enabled := now
			if !ms.enabled.IsZero() {
				enabled = ms.enabled.UTC().Truncate(time.Second)
			}
			a.assignMFADevice(d, u, enabled, 0)
		}
	}
}
