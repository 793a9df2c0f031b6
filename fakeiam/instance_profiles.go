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

// IAM instance profiles: CreateInstanceProfile, GetInstanceProfile,
// ListInstanceProfiles, DeleteInstanceProfile, AddRoleToInstanceProfile,
// RemoveRoleFromInstanceProfile, ListInstanceProfilesForRole and their tags
// (TagInstanceProfile, UntagInstanceProfile, ListInstanceProfileTags), with
// IAM's checks in IAM's order (docs/contract.md, "Instance profiles"). A
// profile is the account's, named ignoring case as roles are, and holds at
// most one role (IAM's quota, InstanceSessionsPerInstanceProfile); a role
// in a profile cannot be deleted (DeleteRole). Seeding: InstanceProfile
// (builders.go). Their tests: instance_profiles_test.go.

// The instance profile operations.
const (
	CreateInstanceProfile         Operation = "CreateInstanceProfile"
	GetInstanceProfile            Operation = "GetInstanceProfile"
	ListInstanceProfiles          Operation = "ListInstanceProfiles"
	DeleteInstanceProfile         Operation = "DeleteInstanceProfile"
	AddRoleToInstanceProfile      Operation = "AddRoleToInstanceProfile"
	RemoveRoleFromInstanceProfile Operation = "RemoveRoleFromInstanceProfile"
	ListInstanceProfilesForRole   Operation = "ListInstanceProfilesForRole"
	TagInstanceProfile            Operation = "TagInstanceProfile"
	UntagInstanceProfile          Operation = "UntagInstanceProfile"
	ListInstanceProfileTags       Operation = "ListInstanceProfileTags"
)

func init() {
	// AccessDenied (a fault) names "instance profile <name>" (reported), the
	// profile's ARN at Create, the ARN prefix for ListInstanceProfiles,
	// "role <name>" for ListInstanceProfilesForRole (docs/contract.md).
	register(opSpec[iam.CreateInstanceProfileInput, iam.CreateInstanceProfileOutput]{Name: CreateInstanceProfile, Handle: (*Fake).createInstanceProfile,
		Resource: func(_ *Fake, a *attempt, in *iam.CreateInstanceProfileInput) string {
			return instanceProfileARN(a.who.Account, pathOr(in.Path), deref(in.InstanceProfileName))
		}})
	register(opSpec[iam.GetInstanceProfileInput, iam.GetInstanceProfileOutput]{Name: GetInstanceProfile, Handle: (*Fake).getInstanceProfile,
		Named: named{"InstanceProfileName", "instance profile "}})
	register(opSpec[iam.ListInstanceProfilesInput, iam.ListInstanceProfilesOutput]{Name: ListInstanceProfiles, Handle: (*Fake).listInstanceProfiles,
		Resource: func(_ *Fake, a *attempt, in *iam.ListInstanceProfilesInput) string {
			return instanceProfileARN(a.who.Account, pathOr(in.PathPrefix), "")
		}})
	register(opSpec[iam.DeleteInstanceProfileInput, iam.DeleteInstanceProfileOutput]{Name: DeleteInstanceProfile, Handle: (*Fake).deleteInstanceProfile,
		Named: named{"InstanceProfileName", "instance profile "}})
	register(opSpec[iam.AddRoleToInstanceProfileInput, iam.AddRoleToInstanceProfileOutput]{Name: AddRoleToInstanceProfile, Handle: (*Fake).addRoleToInstanceProfile,
		Named: named{"InstanceProfileName", "instance profile "}})
	register(opSpec[iam.RemoveRoleFromInstanceProfileInput, iam.RemoveRoleFromInstanceProfileOutput]{Name: RemoveRoleFromInstanceProfile, Handle: (*Fake).removeRoleFromInstanceProfile,
		Named: named{"InstanceProfileName", "instance profile "}})
	register(opSpec[iam.ListInstanceProfilesForRoleInput, iam.ListInstanceProfilesForRoleOutput]{Name: ListInstanceProfilesForRole, Handle: (*Fake).listInstanceProfilesForRole,
		Named: named{"RoleName", "role "}})
	register(opSpec[iam.TagInstanceProfileInput, iam.TagInstanceProfileOutput]{Name: TagInstanceProfile, Handle: (*Fake).tagInstanceProfile,
		Named: named{"InstanceProfileName", "instance profile "}})
	register(opSpec[iam.UntagInstanceProfileInput, iam.UntagInstanceProfileOutput]{Name: UntagInstanceProfile, Handle: (*Fake).untagInstanceProfile,
		Named: named{"InstanceProfileName", "instance profile "}})
	register(opSpec[iam.ListInstanceProfileTagsInput, iam.ListInstanceProfileTagsOutput]{Name: ListInstanceProfileTags, Handle: (*Fake).listInstanceProfileTags,
		Named: named{"InstanceProfileName", "instance profile "}})
}

// IAM's instance profile quotas: 1,000 profiles an account
// (InstanceProfilesPerAccount changes it), one role a profile (recorded;
// fixed), 50 tags a profile.
const (
	defaultInstanceProfilesQuota = 1000
	rolesPerInstanceProfile      = 1
)

// instanceProfile is an instance profile of an account. Written under
// Fake.mu; answers capture a profileView, never this.
type instanceProfile struct {
	name, path, id, arn string
	created             time.Time
	role                *principal  // nil: none (IAM's quota: one role a profile)
	tags                []types.Tag // in the order first given; replaced whole on a change
	tagsByKey           []sortedTag
}

func instanceProfileARN(account, path, name string) string {
	return "arn:aws:iam::" + account + ":instance-profile" + path + name
}

// instanceProfile finds a profile by name, ignoring case; nil when none.
func (a *account) instanceProfile(name string) *instanceProfile {
	return a.profiles[strings.ToLower(name)]
}

// addInstanceProfile puts p into its account's indexes, in listing order.
func (a *account) addInstanceProfile(p *instanceProfile) {
	if a.profiles == nil {
		a.profiles = map[string]*instanceProfile{}
	}
	a.profiles[strings.ToLower(p.name)] = p
	a.profileList = addByName(a.profileList, p, profileName) // in place (state.go: account)
}

func (a *account) removeInstanceProfile(p *instanceProfile) {
	delete(a.profiles, strings.ToLower(p.name))
	a.profileList = removeFrom(a.profileList, p)
}

// hold makes role r p's role (r nil: none), and keeps the role's own list
// of the profiles holding it, by name ignoring case, so that
// ListInstanceProfilesForRole, DeleteRole and the authorization details
// never scan the account's profiles.
func (p *instanceProfile) hold(r *principal) {
	if old := p.role; old != nil {
		old.role.profiles = slices.DeleteFunc(slices.Clone(old.role.profiles), func(e *instanceProfile) bool { return e == p })
	}
	p.role = r
	if r != nil {
		r.role.profiles = insertByName(r.role.profiles, p, profileName) // a new array: a kept page may share the old one
	}
}

func profileName(p *instanceProfile) string { return p.name }

// findInstanceProfile is the caller's account's profile named name, or
// IAM's NoSuchEntity. Call with f.mu held.
func (f *Fake) findInstanceProfile(caller *principal, name string) (*instanceProfile, *Error) {
	if err := f.current(caller); err != nil {
		return nil, err
	}
	p := caller.account.instanceProfile(name)
	if p == nil {
		return nil, errNoSuchInstanceProfile(name)
	}
	return p, nil
}

func (f *Fake) newInstanceProfileIDLocked() string {
	return "AIPA" + f.ids.next("instance-profile", 17)
}

// profileView is a profile as answers show it: values, never written.
type profileView struct {
	name, path, id, arn string
	created             time.Time
	role                *roleView   // nil: none (a profile holds one role at most)
	tags                []sortedTag // nil when the answer shows none
}

// viewInstanceProfile captures p (its tags when withTags). Call with
// Fake.mu held.
func viewInstanceProfile(p *instanceProfile, withTags bool) profileView {
	v := profileView{name: p.name, path: p.path, id: p.id, arn: p.arn, created: p.created}
	if p.role != nil {
		v.role = viewRole(p.role)
	}
	if withTags {
		v.tags = p.tagsByKey
	}
	return v
}

// profileHolder holds an InstanceProfile an answer builds and every value
// it points to, its role's included: one allocation a profile, or one a
// page (BenchmarkPairedRatios/op/ListInstanceProfiles: a page of 100 took
// 1.35 × the floor with an allocation per value, over its 1.25 budget).
type profileHolder struct {
	name, path, id, arn string
	created             time.Time
	roles               [rolesPerInstanceProfile]types.Role
	role                roleHolder
	ip                  types.InstanceProfile
}

// fill makes h.ip the SDK's InstanceProfile for v: Roles always (maybe
// empty), its role as IAM shows one in a profile (roleInProfile); Tags as
// tags says.
func (v *profileView) fill(h *profileHolder, tags profileTags) {
	h.name, h.path, h.id, h.arn, h.created = v.name, v.path, v.id, v.arn, v.created
	h.ip = types.InstanceProfile{InstanceProfileName: &h.name, Path: &h.path, InstanceProfileId: &h.id, Arn: &h.arn, CreateDate: &h.created,
		Roles: h.roles[:0]}
	if v.role != nil {
		v.role.fill(&h.role, roleInProfile, 0)
		h.roles[0] = h.role.role
		h.ip.Roles = h.roles[:1]
	}
	switch {
	case tags == profileTagsAlways:
		h.ip.Tags = sortedTags(v.tags)
	case tags == profileTagsWhenAny && len(v.tags) > 0:
		h.ip.Tags = sortedTags(v.tags)
	}
}

// profileTags says when an answer shows a profile's Tags (recorded):
// CreateInstanceProfile when it has any, GetInstanceProfile always (maybe
// empty), the lists never.
type profileTags uint8

const (
	profileTagsNever profileTags = iota
	profileTagsWhenAny
	profileTagsAlways
)

// createInstanceProfile: (validation) → the tag rules → name taken → the
// account's quota → the profile, with no role.
func (f *Fake) createInstanceProfile(a *attempt, in *iam.CreateInstanceProfileInput) (result[iam.CreateInstanceProfileOutput], *Error) {
	var none result[iam.CreateInstanceProfileOutput]
	if err := checkCaseKeptTagRules(in.Tags); err != nil {
		return none, err
	}
	now := f.nowFor(a)
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	acct := a.caller.account
	if acct.instanceProfile(*in.InstanceProfileName) != nil {
		return none, errInstanceProfileExists(*in.InstanceProfileName)
	}
	if len(acct.profileList) >= acct.profileQuota {
		return none, errInstanceProfileQuota(acct.profileQuota)
	}
	path := pathOr(in.Path)
	p := &instanceProfile{name: *in.InstanceProfileName, path: path, id: f.newInstanceProfileIDLocked(),
		arn: instanceProfileARN(acct.id, path, *in.InstanceProfileName), created: now}
	setCaseKeptTags(&p.tags, &p.tagsByKey, ownTags(in.Tags))
	acct.addInstanceProfile(p)
	return answerWith(viewInstanceProfile(p, true), func(v profileView) *iam.CreateInstanceProfileOutput {
		h := new(struct {
			out iam.CreateInstanceProfileOutput
			p   profileHolder
		})
		v.fill(&h.p, profileTagsWhenAny)
		h.out.InstanceProfile = &h.p.ip
		return &h.out
	}), nil
}

// getInstanceProfile: (validation) → profile exists → it, with its roles
// and tags (Tags present, maybe empty: recorded).
func (f *Fake) getInstanceProfile(a *attempt, in *iam.GetInstanceProfileInput) (result[iam.GetInstanceProfileOutput], *Error) {
	var none result[iam.GetInstanceProfileOutput]
	f.mu.RLock()
	defer f.mu.RUnlock()
	p, err := f.findInstanceProfile(a.caller, *in.InstanceProfileName)
	if err != nil {
		return none, err
	}
	return answerWith(viewInstanceProfile(p, true), func(v profileView) *iam.GetInstanceProfileOutput {
		h := new(struct {
			out iam.GetInstanceProfileOutput
			p   profileHolder
		})
		v.fill(&h.p, profileTagsAlways)
		h.out.InstanceProfile = &h.p.ip
		return &h.out
	}), nil
}

// profilesPage is a captured page of profiles and the marker after it.
type profilesPage struct {
	profiles []profileView
	marker   string
}

func (p profilesPage) sdk() ([]types.InstanceProfile, bool, *string) {
	out := make([]types.InstanceProfile, len(p.profiles))
	held := make([]profileHolder, len(p.profiles))
	for i := range p.profiles {
		p.profiles[i].fill(&held[i], profileTagsNever)
		out[i] = held[i].ip
	}
	truncated, marker := pageEnd(p.marker)
	return out, truncated, marker
}

// pageOfProfiles is the page of profiles (sorted by name ignoring case)
// that keep accepts, from marker, bound to op, the account and owner.
// Call with f.mu held.
func (f *Fake) pageOfProfiles(op Operation, acct, owner string, profiles []*instanceProfile, keep func(*instanceProfile) bool,
	marker *string, limit int) (profilesPage, *Error) {
	name := func(p *instanceProfile) string { return p.name }
	start, err := nameStart(f, op, acct, owner, profiles, name, marker)
	if err != nil {
		return profilesPage{}, err
	}
	end, next := nameEnd(f, op, acct, owner, profiles, name, keep, start, limit)
	page := profilesPage{profiles: make([]profileView, 0, end-start), marker: next}
	for _, p := range profiles[start:end] {
		if keep == nil || keep(p) {
			page.profiles = append(page.profiles, viewInstanceProfile(p, false))
		}
	}
	return page, nil
}

// listInstanceProfiles: (validation) → marker → the profiles whose path
// starts with PathPrefix, by name ignoring case, with their roles and
// without tags (recorded).
func (f *Fake) listInstanceProfiles(a *attempt, in *iam.ListInstanceProfilesInput) (result[iam.ListInstanceProfilesOutput], *Error) {
	var none result[iam.ListInstanceProfilesOutput]
	limit := pageLimit(in.MaxItems, a)
	prefix := pathOr(in.PathPrefix)
	f.mu.RLock()
	defer f.mu.RUnlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	acct := a.caller.account
	page, err := f.pageOfProfiles(ListInstanceProfiles, acct.id, "", acct.profileList,
		func(p *instanceProfile) bool { return strings.HasPrefix(p.path, prefix) }, in.Marker, limit)
	if err != nil {
		return none, err
	}
	return answerWith(page, func(p profilesPage) *iam.ListInstanceProfilesOutput {
		out := &iam.ListInstanceProfilesOutput{}
		out.InstanceProfiles, out.IsTruncated, out.Marker = p.sdk()
		return out
	}), nil
}

// listInstanceProfilesForRole: (validation) → role exists → marker (bound
// to the role) → the profiles holding it, by name ignoring case.
func (f *Fake) listInstanceProfilesForRole(a *attempt, in *iam.ListInstanceProfilesForRoleInput) (result[iam.ListInstanceProfilesForRoleOutput], *Error) {
	var none result[iam.ListInstanceProfilesForRoleOutput]
	limit := pageLimit(in.MaxItems, a)
	f.mu.RLock()
	defer f.mu.RUnlock()
	r, err := f.resolveRole(a.caller, *in.RoleName)
	if err != nil {
		return none, err
	}
	page, err := f.pageOfProfiles(ListInstanceProfilesForRole, r.account.id, r.userID, r.role.profiles, nil, in.Marker, limit)
	if err != nil {
		return none, err
	}
	return answerWith(page, func(p profilesPage) *iam.ListInstanceProfilesForRoleOutput {
		out := &iam.ListInstanceProfilesForRoleOutput{}
		out.InstanceProfiles, out.IsTruncated, out.Marker = p.sdk()
		return out
	}), nil
}

// deleteInstanceProfile: (validation) → profile exists → it holds no role
// (recorded) → gone.
func (f *Fake) deleteInstanceProfile(a *attempt, in *iam.DeleteInstanceProfileInput) (result[iam.DeleteInstanceProfileOutput], *Error) {
	var none result[iam.DeleteInstanceProfileOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	p, err := f.findInstanceProfile(a.caller, *in.InstanceProfileName)
	if err != nil {
		return none, err
	}
	if p.role != nil {
		return none, errDeleteConflictProfileRoles()
	}
	a.caller.account.removeInstanceProfile(p)
	return answerEmpty[iam.DeleteInstanceProfileOutput](), nil
}

// addRoleToInstanceProfile: (validation) → profile exists → role exists
// (both recorded; the profile first when both are missing: choice) → the
// quota of one role a profile, also for the role it holds (recorded) →
// added.
func (f *Fake) addRoleToInstanceProfile(a *attempt, in *iam.AddRoleToInstanceProfileInput) (result[iam.AddRoleToInstanceProfileOutput], *Error) {
	var none result[iam.AddRoleToInstanceProfileOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	p, err := f.findInstanceProfile(a.caller, *in.InstanceProfileName)
	if err != nil {
		return none, err
	}
	r, err := f.roleToChange(a.caller, *in.RoleName)
	if err != nil {
		return none, err
	}
	if p.role != nil {
		return none, errInstanceProfileRoleQuota(rolesPerInstanceProfile)
	}
	p.hold(r)
	return answerEmpty[iam.AddRoleToInstanceProfileOutput](), nil
}

// removeRoleFromInstanceProfile: (validation) → profile exists → role
// exists → the profile holds it (recorded) → removed.
func (f *Fake) removeRoleFromInstanceProfile(a *attempt, in *iam.RemoveRoleFromInstanceProfileInput) (result[iam.RemoveRoleFromInstanceProfileOutput], *Error) {
	var none result[iam.RemoveRoleFromInstanceProfileOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	p, err := f.findInstanceProfile(a.caller, *in.InstanceProfileName)
	if err != nil {
		return none, err
	}
	r, err := f.resolveRole(a.caller, *in.RoleName)
	if err != nil {
		return none, err
	}
	if p.role != r {
		return none, errNoSuchRoleInInstanceProfile(r.name, p.name)
	}
	p.hold(nil)
	return answerEmpty[iam.RemoveRoleFromInstanceProfileOutput](), nil
}

// tagInstanceProfile: (validation) → profile exists → the tag rules → the
// quota on the merged set → tagged. Keys keep case, as providers' do
// (choice).
func (f *Fake) tagInstanceProfile(a *attempt, in *iam.TagInstanceProfileInput) (result[iam.TagInstanceProfileOutput], *Error) {
	var none result[iam.TagInstanceProfileOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	p, err := f.findInstanceProfile(a.caller, *in.InstanceProfileName)
	if err != nil {
		return none, err
	}
	merged, err := mergeCaseKeptTags(p.tags, in.Tags, caseKeptTagsQuota, errCaseKeptTagQuota)
	if err != nil {
		return none, err
	}
	setCaseKeptTags(&p.tags, &p.tagsByKey, merged)
	return answerEmpty[iam.TagInstanceProfileOutput](), nil
}

// untagInstanceProfile: (validation) → profile exists → the keys removed
// (exactly); a key it does not have is no error.
func (f *Fake) untagInstanceProfile(a *attempt, in *iam.UntagInstanceProfileInput) (result[iam.UntagInstanceProfileOutput], *Error) {
	var none result[iam.UntagInstanceProfileOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	p, err := f.findInstanceProfile(a.caller, *in.InstanceProfileName)
	if err != nil {
		return none, err
	}
	if kept, changed := untagged(p.tags, in.TagKeys); changed {
		setCaseKeptTags(&p.tags, &p.tagsByKey, kept)
	}
	return answerEmpty[iam.UntagInstanceProfileOutput](), nil
}

// listInstanceProfileTags: (validation) → profile exists → marker (bound
// to the profile) → its tags sorted by key.
func (f *Fake) listInstanceProfileTags(a *attempt, in *iam.ListInstanceProfileTagsInput) (result[iam.ListInstanceProfileTagsOutput], *Error) {
	var none result[iam.ListInstanceProfileTagsOutput]
	limit := pageLimit(in.MaxItems, a)
	f.mu.RLock()
	defer f.mu.RUnlock()
	p, err := f.findInstanceProfile(a.caller, *in.InstanceProfileName)
	if err != nil {
		return none, err
	}
	page, next, err := f.tagPage(ListInstanceProfileTags, a.caller.account.id, p.id, p.tagsByKey, in.Marker, limit)
	if err != nil {
		return none, err
	}
	return answerWith(tagPageOf{page, next}, func(l tagPageOf) *iam.ListInstanceProfileTagsOutput {
		out := &iam.ListInstanceProfileTagsOutput{Tags: sortedTags(l.page)}
		out.IsTruncated, out.Marker = pageEnd(l.marker)
		return out
	}), nil
}

// InstanceProfilesPerAccount lifts (or lowers) IAM's quota of 1,000
// instance profiles per account, for seeds and CreateInstanceProfile alike.
func InstanceProfilesPerAccount(n int) Option {
	return accountOption(func(s *accountSettings) error {
		if n < 0 {
			return fmt.Errorf("InstanceProfilesPerAccount(%d): a quota is at least 0", n)
		}
		s.profileQuota = &n
		return nil
	})
}

// InstanceProfileSeed describes an instance profile to seed in the
// enclosing account (the default account outside Account), and the role it
// holds, a role seeded in the same account:
//
//	fakeiam.InstanceProfile("web").Path("/app/").Role("web-server").Tag("team", "web")
//
// Its methods return a new seed. New refuses what CreateInstanceProfile
// and AddRoleToInstanceProfile would, naming the profile and the problem: a
// bad name, path or tag, a name seeded twice or differing only in case, a
// role that is no role of the account, a second role, more profiles than
// InstanceProfilesPerAccount.
type InstanceProfileSeed struct {
	name    string
	path    *string
	created time.Time
	roles   []string
	tags    []types.Tag
}

// InstanceProfile seeds an instance profile named name, with path "/",
// created when New runs, holding no role.
func InstanceProfile(name string) *InstanceProfileSeed { return &InstanceProfileSeed{name: name} }

// Path returns the seed with its path set (default "/").
func (s *InstanceProfileSeed) Path(path string) *InstanceProfileSeed {
	c := s.clone()
	c.path = &path
	return c
}

// Role returns the seed holding the role named role (IAM's profiles hold
// one role: a second is refused).
func (s *InstanceProfileSeed) Role(role string) *InstanceProfileSeed {
	c := s.clone()
	c.roles = append(c.roles, role)
	return c
}

// CreatedAt returns the seed with its creation date set (default: the
// fake's time when New runs).
func (s *InstanceProfileSeed) CreatedAt(t time.Time) *InstanceProfileSeed {
	c := s.clone()
	c.created = t
	return c
}

// Tag returns the seed with a tag added.
func (s *InstanceProfileSeed) Tag(key, value string) *InstanceProfileSeed {
	c := s.clone()
	c.tags = append(c.tags, types.Tag{Key: &key, Value: &value})
	return c
}

func (s *InstanceProfileSeed) clone() *InstanceProfileSeed {
	if s == nil {
		return &InstanceProfileSeed{}
	}
	c := *s
	c.roles, c.tags = slices.Clone(s.roles), slices.Clone(s.tags)
	return &c
}

func (s *InstanceProfileSeed) configure(c *config) error {
	if s == nil {
		return errors.New("nil instance profile seed")
	}
	c.current.profiles = append(c.current.profiles, s)
	return nil
}

// seedInstanceProfiles adds the account's seeded profiles, after its roles,
// naming every problem of each.
func (f *Fake) seedInstanceProfiles(a *account, seeds []*InstanceProfileSeed, now time.Time, fail func(string, ...any)) {
	if len(seeds) > a.profileQuota {
		fail("account %s: %d instance profiles exceed the quota of %d per account (InstanceProfilesPerAccount lifts it)", a.id, len(seeds), a.profileQuota)
	}
	for _, s := range seeds {
		who := "account " + a.id + ": instance profile " + strconv.Quote(s.name)
		name := s.name
		in := &iam.CreateInstanceProfileInput{InstanceProfileName: &name, Path: s.path, Tags: s.tags}
		if err := lookupOperation(CreateInstanceProfile).check.check(in); err != nil {
			fail("%s: %s", who, err.Message)
			continue
		}
		if err := checkCaseKeptTagRules(s.tags); err != nil {
			fail("%s: %s", who, err.Message)
			continue
		}
		if dup := a.instanceProfile(s.name); dup != nil {
			if dup.name == s.name {
				fail("%s seeded twice", who)
			} else {
				fail("%s and instance profile %q: IAM instance profile names are unique regardless of case", who, dup.name)
			}
			continue
		}
		path := pathOr(s.path)
		p := &instanceProfile{name: s.name, path: path, id: f.newInstanceProfileIDLocked(), arn: instanceProfileARN(a.id, path, s.name), created: now}
		if !s.created.IsZero() {
			p.created = s.created.UTC().Truncate(time.Second)
		}
		setCaseKeptTags(&p.tags, &p.tagsByKey, ownTags(s.tags))
		if len(s.roles) > rolesPerInstanceProfile {
			fail("%s: %d roles: %s (an instance profile holds one role)", who, len(s.roles), errInstanceProfileRoleQuota(rolesPerInstanceProfile).Message)
		} else {
			for _, rn := range s.roles {
				if r := a.role(rn); r != nil && r.role.linked != "" {
					fail("%s: role %q: %s", who, rn, errProtectedRole(r.name).Message)
				} else if r != nil {
					p.hold(r)
				} else {
					fail("%s: role %q: no such role in the account", who, rn)
				}
			}
		}
		a.addInstanceProfile(p)
	}
}
