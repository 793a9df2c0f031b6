package fakeiam

import (
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// The in-memory IAM. Everything here is guarded by Fake.mu; nothing here
// calls user code. Reads hand out copies, never pointers into this model.

type principalKind uint8

const (
	kindRoot principalKind = iota
	kindUser
	kindRole
)

type account struct {
	id     string
	root   *principal
	users  map[string]*principal // by name as seeded
	folded map[string]*principal // by lowercase name: IAM names ignore case
	roles  map[string]*principal
	bodies map[string]*certificate // every certificate body in the account
}

// principal is an identity that can hold access keys: the account root, an
// IAM user, or a role (temporary credentials).
type principal struct {
	kind    principalKind
	name    string // user or role name; "" for root
	account *account
	arn     string
	keys    []*accessKey
	certs   []*certificate // sorted by (upload date, id); roles have none
}

type accessKey struct {
	id      string
	secret  string
	owner   *principal
	derived atomic.Pointer[derivedKey] // SigV4 signing key cache
}

// certificate is immutable once inserted: an update replaces it, and a
// principal's certs slice is replaced, never written in place. Readers may
// therefore use a page after releasing the lock, and the call log may keep it.
type certificate struct {
	id       string
	body     string
	status   types.StatusType
	uploaded time.Time // whole seconds, UTC
	owner    *principal
}

// before orders certificates as IAM lists them: by upload date, ties by id.
func (c *certificate) before(date time.Time, id string) bool {
	if !c.uploaded.Equal(date) {
		return c.uploaded.Before(date)
	}
	return c.id < id
}

// insertCertificate adds c to its owner (a new certs slice) and the
// account's indexes, and returns its index in the owner's certs.
func (f *Fake) insertCertificate(c *certificate) int {
	p := c.owner
	i := len(p.certs) // an upload is usually the newest
	if i > 0 && !p.certs[i-1].before(c.uploaded, c.id) {
		i, _ = slices.BinarySearchFunc(p.certs, c, func(e, t *certificate) int {
			if e.before(t.uploaded, t.id) {
				return -1
			}
			return 1
		})
	}
	p.certs = slices.Insert(slices.Clip(p.certs), i, c) // Clip: always a new array
	p.account.bodies[c.body] = c
	f.certIDs[c.id] = c
	return i
}

// replaceCertificate puts next where old was, in a new certs slice.
func (f *Fake) replaceCertificate(old, next *certificate) {
	p := old.owner
	certs := slices.Clone(p.certs)
	certs[slices.Index(certs, old)] = next
	p.certs = certs
	p.account.bodies[next.body] = next
	f.certIDs[next.id] = next
}

func (f *Fake) removeCertificate(c *certificate) {
	p := c.owner
	i := slices.Index(p.certs, c)
	p.certs = slices.Concat(p.certs[:i], p.certs[i+1:])
	delete(p.account.bodies, c.body)
	delete(f.certIDs, c.id)
}

// certificateOwnerName is the UserName IAM reports on p's certificates.
func (f *Fake) certificateOwnerName(p *principal) string {
	if p.kind == kindRoot {
		return f.rootUserName
	}
	return p.name
}

// resolveUser finds the user an operation acts on: the named user of the
// caller's account, or, when userName is nil, the caller itself.
func (f *Fake) resolveUser(caller *principal, userName *string) (*principal, *Error) {
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

// user finds a user by name, ignoring case as IAM does ("Bob" and "BOB" are
// one user); nil when there is none.
func (a *account) user(name string) *principal {
	if u, ok := a.users[name]; ok {
		return u
	}
	return a.folded[strings.ToLower(name)]
}

// findCertificate returns the certificate with id owned by p.
func findCertificate(p *principal, id string) *certificate {
	for _, c := range p.certs {
		if c.id == id {
			return c
		}
	}
	return nil
}

// copyCertificates returns the SDK values for certs, fresh and independent of
// the model: one allocation for a page of up to two certificates (IAM's
// quota), three for a longer one.
func (f *Fake) copyCertificates(certs []*certificate) []types.SigningCertificate {
	out, strs, dates := certificateStorage(len(certs))
	for i, c := range certs {
		strs[3*i], strs[3*i+1], strs[3*i+2] = f.certificateOwnerName(c.owner), c.id, c.body
		dates[i] = c.uploaded
		out[i] = types.SigningCertificate{
			UserName:        &strs[3*i],
			CertificateId:   &strs[3*i+1],
			CertificateBody: &strs[3*i+2],
			Status:          c.status,
			UploadDate:      &dates[i],
		}
	}
	return out
}

// smallPage holds a page of up to two certificates in one allocation.
type smallPage struct {
	certs [2]types.SigningCertificate
	strs  [6]string
	dates [2]time.Time
}

// certificateStorage returns a non-nil slice of n certificates and the
// backing storage for their string and date fields.
func certificateStorage(n int) ([]types.SigningCertificate, []string, []time.Time) {
	if n == 1 { // an upload's certificate
		p := new(struct {
			certs [1]types.SigningCertificate
			strs  [3]string
			dates [1]time.Time
		})
		return p.certs[:], p.strs[:], p.dates[:]
	}
	if n <= 2 {
		p := new(smallPage)
		return p.certs[:n:n], p.strs[:], p.dates[:]
	}
	return make([]types.SigningCertificate, n), make([]string, 3*n), make([]time.Time, n)
}

// listOptions are what faults can change about a listing.
type listOptions struct {
	shortPage int // when > 0, at most this many certificates per page
}

// result is what an operation produced, as immutable model values: the call
// log keeps it, and materialize turns it into the SDK's output, fresh each time.
type result struct {
	op        Operation
	certs     []*certificate // List: the page; Upload: the new certificate
	truncated bool
	marker    string // List: the marker when truncated
}

// materialize returns the SDK output for r, sharing nothing with the model.
func (f *Fake) materialize(r result) any {
	switch r.op {
	case ListSigningCertificates:
		out := &iam.ListSigningCertificatesOutput{Certificates: f.copyCertificates(r.certs), IsTruncated: r.truncated}
		if r.truncated {
			marker := r.marker
			out.Marker = &marker
		}
		return out
	case UploadSigningCertificate:
		return &iam.UploadSigningCertificateOutput{Certificate: &f.copyCertificates(r.certs)[0]}
	case UpdateSigningCertificate:
		return &iam.UpdateSigningCertificateOutput{}
	case DeleteSigningCertificate:
		return &iam.DeleteSigningCertificateOutput{}
	}
	return nil
}

// ListSigningCertificates, after authentication: validation → implicit user →
// user exists → marker → page.
func (f *Fake) listSigningCertificates(caller *principal, in *iam.ListSigningCertificatesInput, opts listOptions) (result, *Error) {
	r := result{op: ListSigningCertificates}
	var v violations
	v.userName(in.UserName)
	v.marker(in.Marker)
	v.maxItems(in.MaxItems)
	if err := v.err(); err != nil {
		return r, err
	}
	limit := maxItemsDefault
	if in.MaxItems != nil {
		limit = int(*in.MaxItems)
	}
	if opts.shortPage > 0 && opts.shortPage < limit {
		limit = opts.shortPage
	}

	f.mu.RLock()
	defer f.mu.RUnlock()
	owner, err := f.resolveUser(caller, in.UserName)
	if err != nil {
		return r, err
	}
	certs := owner.certs
	start := 0
	if in.Marker != nil {
		pos, ok := f.decodeMarker(ListSigningCertificates, owner.account.id, owner.arn, *in.Marker)
		if !ok {
			return r, errValidation(msgInvalidMarker)
		}
		// Continue after the marker's position, whether or not that
		// certificate still exists.
		start, _ = slices.BinarySearchFunc(certs, pos, func(c *certificate, p markerPos) int {
			if c.before(p.date, p.id) || (c.uploaded.Equal(p.date) && c.id == p.id) {
				return -1
			}
			return 1
		})
	}
	end := min(start+limit, len(certs))
	r.certs = certs[start:end:end]
	if end < len(certs) {
		last := certs[end-1]
		r.truncated = true
		r.marker = f.encodeMarker(ListSigningCertificates, owner.account.id, owner.arn, markerPos{last.uploaded, last.id})
	}
	return r, nil
}

// UploadSigningCertificate: validation → implicit user → user exists → PEM
// and validity → quota → duplicate body. The PEM check runs before the lock
// is taken; its result is reported in IAM's order.
func (f *Fake) uploadSigningCertificate(caller *principal, in *iam.UploadSigningCertificateInput, now time.Time) (result, *Error) {
	r := result{op: UploadSigningCertificate}
	var v violations
	v.userName(in.UserName)
	v.certificateBody(in.CertificateBody)
	if err := v.err(); err != nil {
		return r, err
	}
	body := *in.CertificateBody
	checked := checkCertificateBody(body, now) // CPU only: outside the lock

	f.mu.Lock()
	defer f.mu.Unlock()
	owner, err := f.resolveUser(caller, in.UserName)
	if err != nil {
		return r, err
	}
	if checked != nil {
		return r, checked
	}
	if len(owner.certs) >= f.quota {
		return r, errCertificateQuota(f.quota)
	}
	if dup, ok := owner.account.bodies[body]; ok {
		return r, errDuplicateCertificate(dup.id)
	}
	c := &certificate{id: f.newCertificateIDLocked(), body: body, status: types.StatusTypeActive, uploaded: now, owner: owner}
	i := f.insertCertificate(c)
	r.certs = owner.certs[i : i+1 : i+1]
	return r, nil
}

// UpdateSigningCertificate: validation → implicit user → user exists →
// Expired refused → certificate exists → set status (idempotent).
func (f *Fake) updateSigningCertificate(caller *principal, in *iam.UpdateSigningCertificateInput) (result, *Error) {
	err := f.certificateOp(caller, in.UserName, in.CertificateId,
		func(v *violations) { v.status(string(in.Status)) },
		func() *Error {
			if in.Status == types.StatusTypeExpired {
				return errExpiredStatus()
			}
			return nil
		},
		func(c *certificate) {
			if c.status != in.Status {
				next := *c
				next.status = in.Status
				f.replaceCertificate(c, &next)
			}
		})
	return result{op: UpdateSigningCertificate}, err
}

// DeleteSigningCertificate: validation → implicit user → user exists →
// certificate exists → gone.
func (f *Fake) deleteSigningCertificate(caller *principal, in *iam.DeleteSigningCertificateInput) (result, *Error) {
	err := f.certificateOp(caller, in.UserName, in.CertificateId, nil, nil, f.removeCertificate)
	return result{op: DeleteSigningCertificate}, err
}

// certificateOp runs an operation on one existing certificate, with IAM's
// checks in IAM's order: userName, certificateId and then moreMembers
// validated → implicit user → user exists → check → the user's certificate
// exists → do, under the write lock. moreMembers and check may be nil.
func (f *Fake) certificateOp(caller *principal, userName, certificateID *string, moreMembers func(*violations), check func() *Error, do func(*certificate)) *Error {
	var v violations
	v.userName(userName)
	v.certificateID(certificateID)
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
	c := findCertificate(owner, *certificateID)
	if c == nil {
		return errNoSuchCertificate(*certificateID)
	}
	do(c)
	return nil
}

// newCertificateIDLocked returns an id no certificate of this fake has.
func (f *Fake) newCertificateIDLocked() string {
	for {
		id := f.ids.certificateID()
		if _, taken := f.certIDs[id]; !taken {
			return id
		}
	}
}
