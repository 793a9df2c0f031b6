package fakeiam

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"slices"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// Service-specific credentials: CreateServiceSpecificCredential,
// ListServiceSpecificCredentials, UpdateServiceSpecificCredential,
// ResetServiceSpecificCredential, DeleteServiceSpecificCredential
// (docs/contract.md, "Service-specific credentials"). A user holds up to
// two per service, for CodeCommit and Amazon Keyspaces (a user name and a
// password) or for Bedrock and CloudWatch Logs (API keys: an alias and a
// secret, which may expire). Seeding: PrincipalSeed.ServiceCredential.
// Their tests: service_specific_credentials_test.go.

// The service-specific credential operations.
const (
	CreateServiceSpecificCredential Operation = "CreateServiceSpecificCredential"
	ListServiceSpecificCredentials  Operation = "ListServiceSpecificCredentials"
	UpdateServiceSpecificCredential Operation = "UpdateServiceSpecificCredential"
	ResetServiceSpecificCredential  Operation = "ResetServiceSpecificCredential"
	DeleteServiceSpecificCredential Operation = "DeleteServiceSpecificCredential"
)

func init() {
	register(opSpec[iam.CreateServiceSpecificCredentialInput, iam.CreateServiceSpecificCredentialOutput]{Name: CreateServiceSpecificCredential, Handle: (*Fake).createServiceCredential})
	register(opSpec[iam.ListServiceSpecificCredentialsInput, iam.ListServiceSpecificCredentialsOutput]{Name: ListServiceSpecificCredentials, Handle: (*Fake).listServiceCredentials})
	register(opSpec[iam.UpdateServiceSpecificCredentialInput, iam.UpdateServiceSpecificCredentialOutput]{Name: UpdateServiceSpecificCredential, Handle: (*Fake).updateServiceCredential})
	register(opSpec[iam.ResetServiceSpecificCredentialInput, iam.ResetServiceSpecificCredentialOutput]{Name: ResetServiceSpecificCredential, Handle: (*Fake).resetServiceCredential})
	register(opSpec[iam.DeleteServiceSpecificCredentialInput, iam.DeleteServiceSpecificCredentialOutput]{Name: DeleteServiceSpecificCredential, Handle: (*Fake).deleteServiceCredential})
}

// serviceCredentialsPerService is IAM's quota of service-specific
// credentials on one user for one service.
const serviceCredentialsPerService = 2

// credentialServices are the services IAM makes service-specific
// credentials for; apiKey marks those whose credentials are API keys
// (an alias and a secret, CredentialAgeDays allowed).
var credentialServices = map[string]struct{ apiKey bool }{
	"codecommit.amazonaws.com": {},
	"cassandra.amazonaws.com":  {},
	"bedrock.amazonaws.com":    {apiKey: true},
	"logs.amazonaws.com":       {apiKey: true},
}

// serviceCredential is a service-specific credential, immutable once
// stored: an update or a reset replaces it (answers the call log keeps may
// hold it).
type serviceCredential struct {
	id       string // ACCA and 17 characters
	service  string
	userName string // ServiceUserName, or the ServiceCredentialAlias of an API key
	password string // ServicePassword, or the ServiceCredentialSecret of an API key
	apiKey   bool
	status   types.StatusType
	created  time.Time // whole seconds, UTC
	expires  time.Time // zero: never
	seq      uint64    // its place in its account's creation order, from 1
	owner    *principal
}

// statusAt is the credential's status at now: Expired once its expiration
// date has passed (choice: docs/contract.md), else as set.
func (c *serviceCredential) statusAt(now time.Time) types.StatusType {
	if !c.expires.IsZero() && !now.Before(c.expires) {
		return types.StatusTypeExpired
	}
	return c.status
}

// createServiceCredential: (validation) → user exists → service supported
// → CredentialAgeDays only for API keys → quota per service → stored,
// Active, with a new name and password.
func (f *Fake) createServiceCredential(a *attempt, in *iam.CreateServiceSpecificCredentialInput) (result[iam.CreateServiceSpecificCredentialOutput], *Error) {
	var none result[iam.CreateServiceSpecificCredentialOutput]
	now := f.nowFor(a)
	f.mu.Lock()
	defer f.mu.Unlock()
	u, err := f.resolveUser(a.caller, in.UserName)
	if err != nil {
		return none, err
	}
	svc, ok := credentialServices[*in.ServiceName]
	if !ok {
		return none, errServiceNotSupported(*in.ServiceName)
	}
	if in.CredentialAgeDays != nil && !svc.apiKey {
		return none, errCredentialAgeDays()
	}
	if quota := u.account.sscQuota; countService(u.sscs, *in.ServiceName) >= quota {
		return none, errServiceCredentialQuota(quota)
	}
	c := &serviceCredential{id: f.newServiceCredentialIDLocked(), service: *in.ServiceName, apiKey: svc.apiKey, status: types.StatusTypeActive, created: now}
	c.userName = serviceUserName(u, c.service)
	c.password = f.servicePassword(c)
	if in.CredentialAgeDays != nil {
		c.expires = now.Add(time.Duration(*in.CredentialAgeDays) * 24 * time.Hour)
	}
	f.addServiceCredential(u, c)
	return answerWith(serviceCredentialView{f.ownerName(u), c, c.statusAt(now)}, func(v serviceCredentialView) *iam.CreateServiceSpecificCredentialOutput {
		return &iam.CreateServiceSpecificCredentialOutput{ServiceSpecificCredential: v.sdk()}
	}), nil
}

// listServiceCredentials: (validation) → AllUsers without UserName →
// implicit user → user exists → service supported → marker → the
// credentials in creation order (of the user, or of the account with
// AllUsers), of the service asked for, without passwords.
func (f *Fake) listServiceCredentials(a *attempt, in *iam.ListServiceSpecificCredentialsInput) (result[iam.ListServiceSpecificCredentialsOutput], *Error) {
	var none result[iam.ListServiceSpecificCredentialsOutput]
	all := in.AllUsers != nil && *in.AllUsers
	if all && in.UserName != nil {
		return none, errAllUsersWithUserName()
	}
	service := ""
	if in.ServiceName != nil {
		service = *in.ServiceName
	}
	now := f.nowFor(a)
	limit := pageLimit(in.MaxItems, a)
	f.mu.RLock()
	defer f.mu.RUnlock()
	var items []*serviceCredential
	var listed *atomic.Pointer[sharedAnswer[sscListKey]] // a user's: AllUsers' lists are not shared
	owner, bound := "", ""
	if all {
		if err := f.current(a.caller); err != nil {
			return none, err
		}
		acct := a.caller.account
		for _, p := range append([]*principal{acct.root}, acct.userList...) {
			items = append(items, p.sscs...)
		}
		slices.SortFunc(items, func(x, y *serviceCredential) int { return compareSeq(x.seq, y.seq) })
		bound = "*"
	} else {
		u, err := f.resolveUser(a.caller, in.UserName)
		if err != nil {
			return none, err
		}
		items, owner, bound = u.sscs, f.ownerName(u), u.userID
		listed = &u.sscListed
	}
	if service != "" {
		if _, ok := credentialServices[service]; !ok {
			return none, errServiceNotSupported(service)
		}
	}
	gen, key := f.mu.gen.Load(), sscListKey{service, limit}
	if listed != nil && in.Marker == nil { // a user's whole list again, the model unchanged: the answer shared (sharedAnswer)
		if r, ok := answerShared[iam.ListServiceSpecificCredentialsOutput](listed, gen, key); ok {
			return r, nil
		}
	}
	if service != "" {
		items = slices.DeleteFunc(slices.Clone(items), func(c *serviceCredential) bool { return c.service != service })
	}
	acctID := a.caller.account.id
	start := 0
	if in.Marker != nil {
		pos, ok := f.decodeMarker(ListServiceSpecificCredentials, acctID, bound+"/"+service, *in.Marker)
		if !ok {
			return none, errValidation(msgInvalidMarker)
		}
		start = len(items)
		if i := slices.IndexFunc(items, func(c *serviceCredential) bool { return c.seq > pos.seq }); i >= 0 {
			start = i
		}
	}
	end := min(start+limit, len(items))
	var next string
	if end < len(items) {
		next = f.encodeMarker(ListServiceSpecificCredentials, acctID, bound+"/"+service, markerPos{seq: items[end-1].seq, id: items[end-1].id})
	}
	views := make([]serviceCredentialView, end-start)
	for i, c := range items[start:end] {
		name := owner
		if all {
			name = f.ownerName(c.owner)
		}
		views[i] = serviceCredentialView{name, c, c.statusAt(now)}
	}
	type page struct {
		page   []serviceCredentialView
		marker string
	}
	r := answerWith(page{views, next}, func(l page) *iam.ListServiceSpecificCredentialsOutput {
		out := &iam.ListServiceSpecificCredentialsOutput{ServiceSpecificCredentials: make([]types.ServiceSpecificCredentialMetadata, len(l.page))}
		for i, v := range l.page {
			out.ServiceSpecificCredentials[i] = v.metadata()
		}
		out.IsTruncated, out.Marker = pageEnd(l.marker)
		return out
	})
	// Shared: a whole list none of whose credentials expires (a status
	// that moves with the clock, not with the model).
	if listed != nil && in.Marker == nil && next == "" && !slices.ContainsFunc(items, func(c *serviceCredential) bool { return !c.expires.IsZero() }) {
		keepShared(listed, gen, key, r)
	}
	return r, nil
}

// sscListKey is what a user's ListServiceSpecificCredentials shared
// answer was asked: the whole list (no marker) of a service ("": all),
// at one page size.
type sscListKey struct {
	service string
	limit   int
}

func compareSeq(x, y uint64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// updateServiceCredential: (validation) → user exists → Expired refused →
// the user's credential exists → status set (idempotent).
func (f *Fake) updateServiceCredential(a *attempt, in *iam.UpdateServiceSpecificCredentialInput) (result[iam.UpdateServiceSpecificCredentialOutput], *Error) {
	err := itemOp(f, aServiceCredential, a.caller, in.UserName, in.ServiceSpecificCredentialId,
		func() *Error {
			if in.Status == types.StatusTypeExpired {
				return errExpiredServiceCredentialStatus()
			}
			return nil
		},
		func(c *serviceCredential) {
			if c.status != in.Status {
				next := *c
				next.status = in.Status
				replaceServiceCredential(c, &next)
			}
		})
	return answerEmpty[iam.UpdateServiceSpecificCredentialOutput](), err
}

// resetServiceCredential: (validation) → user exists → the user's
// credential exists → a new password (or secret), the rest unchanged.
func (f *Fake) resetServiceCredential(a *attempt, in *iam.ResetServiceSpecificCredentialInput) (result[iam.ResetServiceSpecificCredentialOutput], *Error) {
	var none result[iam.ResetServiceSpecificCredentialOutput]
	now := f.nowFor(a)
	var view serviceCredentialView
	err := itemOp(f, aServiceCredential, a.caller, in.UserName, in.ServiceSpecificCredentialId, nil, func(c *serviceCredential) {
		next := *c
		next.password = f.servicePassword(&next)
		replaceServiceCredential(c, &next)
		view = serviceCredentialView{f.ownerName(c.owner), &next, next.statusAt(now)}
	})
	if err != nil {
		return none, err
	}
	return answerWith(view, func(v serviceCredentialView) *iam.ResetServiceSpecificCredentialOutput {
		return &iam.ResetServiceSpecificCredentialOutput{ServiceSpecificCredential: v.sdk()}
	}), nil
}

// deleteServiceCredential: (validation) → user exists → the user's
// credential exists → gone.
func (f *Fake) deleteServiceCredential(a *attempt, in *iam.DeleteServiceSpecificCredentialInput) (result[iam.DeleteServiceSpecificCredentialOutput], *Error) {
	err := itemOp(f, aServiceCredential, a.caller, in.UserName, in.ServiceSpecificCredentialId, nil, func(c *serviceCredential) {
		c.owner.sscs = slices.DeleteFunc(slices.Clone(c.owner.sscs), func(e *serviceCredential) bool { return e == c })
	})
	return answerEmpty[iam.DeleteServiceSpecificCredentialOutput](), err
}

// aServiceCredential finds a user's credential for Update, Reset, Delete.
var aServiceCredential = itemSpec[*serviceCredential]{
	items:    func(p *principal) []*serviceCredential { return p.sscs },
	idOf:     func(c *serviceCredential) string { return c.id },
	notFound: errNoSuchServiceCredential,
}

// replaceServiceCredential puts next in old's place on its owner, in a new
// slice: a kept page may share the old one's array.
func replaceServiceCredential(old, next *serviceCredential) {
	u := old.owner
	u.sscs = slices.Clone(u.sscs)
	u.sscs[slices.Index(u.sscs, old)] = next
}

// addServiceCredential gives u the credential c, after every one the
// account made before.
func (f *Fake) addServiceCredential(u *principal, c *serviceCredential) {
	u.account.sscMade++
	c.seq, c.owner = u.account.sscMade, u
	u.sscs = append(slices.Clip(u.sscs), c)
}

func countService(cs []*serviceCredential, service string) int {
	n := 0
	for _, c := range cs {
		if c.service == service {
			n++
		}
	}
	return n
}

// serviceUserName is the name a new credential of u for service gets:
// "<user>-at-<account id>" (IAM's documented form), or, when u already
// holds a credential of that name for the service, "<user>+<n>-at-<account
// id>" with the smallest n from 1 that no other holds (choice: the suffix
// is not documented).
func serviceUserName(u *principal, service string) string {
	base := u.name
	if u.kind == kindRoot {
		base = u.account.rootName
	}
	for n := 0; ; n++ {
		name := base
		if n > 0 {
			name += "+" + strconv.Itoa(n)
		}
		name += "-at-" + u.account.id
		if !slices.ContainsFunc(u.sscs, func(c *serviceCredential) bool { return c.service == service && c.userName == name }) {
			return name
		}
	}
}

// newServiceCredentialIDLocked returns a new credential id: ACCA and 17
// characters, as IAM's (21 characters).
func (f *Fake) newServiceCredentialIDLocked() string { return "ACCA" + f.ids.next("sscr", 17) }

// servicePassword is a new password for c: 44 characters of base64 (32
// bytes), derived from the fake's seed and a counter (choice: IAM's length
// and alphabet are not documented; CodeCommit's passwords as shown look
// so). An API key's secret is "ABSK" and the base64 of "<alias>:<that>"
// (choice, as Bedrock's long-term keys look).
func (f *Fake) servicePassword(c *serviceCredential) string {
	var buf [16]byte
	binary.BigEndian.PutUint64(buf[0:], f.ids.seed)
	binary.BigEndian.PutUint64(buf[8:], f.ids.counter.Add(1))
	sum := sha256.Sum256(append(buf[:], "sscpass"...))
	pass := base64.StdEncoding.EncodeToString(sum[:])
	if c.apiKey {
		return "ABSK" + base64.StdEncoding.EncodeToString([]byte(c.userName+":"+pass))
	}
	return pass
}

// serviceCredentialView is a credential as an answer shows it: its
// owner's name and its status then, and the immutable record.
type serviceCredentialView struct {
	user   string
	c      *serviceCredential
	status types.StatusType
}

// sdk is the SDK's ServiceSpecificCredential, with the password (Create,
// Reset): one allocation.
func (v serviceCredentialView) sdk() *types.ServiceSpecificCredential {
	s := new(struct {
		c                               types.ServiceSpecificCredential
		user, id, service, name, secret string
		created, expires                time.Time
	})
	s.user, s.id, s.service, s.name, s.secret, s.created, s.expires = v.user, v.c.id, v.c.service, v.c.userName, v.c.password, v.c.created, v.c.expires
	s.c = types.ServiceSpecificCredential{UserName: &s.user, ServiceSpecificCredentialId: &s.id, ServiceName: &s.service, Status: v.status, CreateDate: &s.created}
	if v.c.apiKey {
		s.c.ServiceCredentialAlias, s.c.ServiceCredentialSecret = &s.name, &s.secret
	} else {
		s.c.ServiceUserName, s.c.ServicePassword = &s.name, &s.secret
	}
	if !v.c.expires.IsZero() {
		s.c.ExpirationDate = &s.expires
	}
	return &s.c
}

// metadata is the SDK's ServiceSpecificCredentialMetadata: no password.
func (v serviceCredentialView) metadata() types.ServiceSpecificCredentialMetadata {
	s := new(struct {
		user, id, service, name string
		created, expires        time.Time
	})
	s.user, s.id, s.service, s.name, s.created, s.expires = v.user, v.c.id, v.c.service, v.c.userName, v.c.created, v.c.expires
	m := types.ServiceSpecificCredentialMetadata{UserName: &s.user, ServiceSpecificCredentialId: &s.id, ServiceName: &s.service, Status: v.status, CreateDate: &s.created}
	if v.c.apiKey {
		m.ServiceCredentialAlias = &s.name
	} else {
		m.ServiceUserName = &s.name
	}
	if !v.c.expires.IsZero() {
		m.ExpirationDate = &s.expires
	}
	return m
}

// ServiceCredential is a service-specific credential to seed on a user
// (PrincipalSeed.ServiceCredential). Service is required
// (codecommit.amazonaws.com, cassandra.amazonaws.com,
// bedrock.amazonaws.com or logs.amazonaws.com). Zero fields get defaults:
// a new IAM-shaped id (ACCA and 17 characters), the user name (or alias)
// CreateServiceSpecificCredential would give, a generated password (or
// secret), status Active, and the fake's current time as creation date.
// ExpirationDate, for API keys only, zero: never.
type ServiceCredential struct {
	ID             string
	Service        string
	Password       string
	Status         types.StatusType
	CreateDate     time.Time
	ExpirationDate time.Time
}

// ServiceCredential returns the user seed with service-specific
// credentials added, in creation order (IAM's quota: 2 a user a service).
func (s *PrincipalSeed) ServiceCredential(creds ...ServiceCredential) *PrincipalSeed {
	c := s.clone()
	c.sscs = append(c.sscs, creds...)
	return c
}

// seedServiceCredentials adds seeded credentials to p, a user, with
// defaults for zero fields, naming every problem of each.
func (f *Fake) seedServiceCredentials(p *principal, creds []ServiceCredential, now time.Time, fail func(string, ...any)) {
	if len(creds) == 0 {
		return
	}
	who := describePrincipal(p)
	if p.kind != kindUser {
		fail("%s: service-specific credentials belong to IAM users", who)
		return
	}
	for i, sc := range creds {
		name := "service-specific credential " + strconv.Itoa(i+1)
		var problems []string
		svc, ok := credentialServices[sc.Service]
		if !ok {
			problems = append(problems, "service "+strconv.Quote(sc.Service)+": IAM makes them for codecommit.amazonaws.com, cassandra.amazonaws.com, bedrock.amazonaws.com, logs.amazonaws.com")
		} else if quota := p.account.sscQuota; countService(p.sscs, sc.Service) >= quota {
			problems = append(problems, "exceeds the quota of "+strconv.Itoa(quota)+" per user for "+sc.Service+" (ServiceCredentialsPerService lifts it)")
		}
		if sc.ID == "" {
			sc.ID = f.newServiceCredentialIDLocked()
		} else if !validMember(DeleteServiceSpecificCredential, "serviceSpecificCredentialId", sc.ID) {
			problems = append(problems, "id: IAM service-specific credential ids are 20 to 128 letters, digits or _")
		} else if f.serviceCredentialHeld(p.account, sc.ID) {
			problems = append(problems, "id "+strconv.Quote(sc.ID)+" seeded twice")
		}
		switch sc.Status {
		case "":
			sc.Status = types.StatusTypeActive
		case types.StatusTypeActive, types.StatusTypeInactive:
		default:
			problems = append(problems, "status "+strconv.Quote(string(sc.Status))+": service-specific credentials are Active or Inactive")
		}
		if sc.CreateDate.IsZero() {
			sc.CreateDate = now
		}
		if !sc.ExpirationDate.IsZero() && !svc.apiKey {
			problems = append(problems, "expiration date: only Bedrock and CloudWatch Logs API keys expire")
		}
		if len(problems) > 0 {
			for _, pr := range problems {
				fail("%s: %s: %s", who, name, pr)
			}
			continue
		}
		c := &serviceCredential{id: sc.ID, service: sc.Service, apiKey: svc.apiKey, status: sc.Status,
			created: sc.CreateDate.UTC().Truncate(time.Second), expires: sc.ExpirationDate.UTC().Truncate(time.Second)}
		c.userName = serviceUserName(p, c.service)
		c.password = sc.Password
		if c.password == "" {
			c.password = f.servicePassword(c)
		}
		f.addServiceCredential(p, c)
	}
}

// serviceCredentialHeld reports whether a user of acct holds the id.
func (f *Fake) serviceCredentialHeld(acct *account, id string) bool {
	for _, u := range acct.userList {
		if slices.ContainsFunc(u.sscs, func(c *serviceCredential) bool { return c.id == id }) {
			return true
		}
	}
	return false
}
