package fakeiam

import (
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// Signing certificates: ListSigningCertificates, UploadSigningCertificate,
// UpdateSigningCertificate, DeleteSigningCertificate, each with IAM's checks
// in IAM's order (docs/contract.md). Their tests: list_test.go, lifecycle_test.go.

// The signing-certificate operations.
const (
	ListSigningCertificates  Operation = "ListSigningCertificates"
	UploadSigningCertificate Operation = "UploadSigningCertificate"
	UpdateSigningCertificate Operation = "UpdateSigningCertificate"
	DeleteSigningCertificate Operation = "DeleteSigningCertificate"
)

func init() {
	register(opSpec[iam.ListSigningCertificatesInput, iam.ListSigningCertificatesOutput]{
		Name: ListSigningCertificates, Handle: (*Fake).listSigningCertificates,
	})
	register(opSpec[iam.UploadSigningCertificateInput, iam.UploadSigningCertificateOutput]{
		Name: UploadSigningCertificate, Handle: (*Fake).uploadSigningCertificate,
	})
	register(opSpec[iam.UpdateSigningCertificateInput, iam.UpdateSigningCertificateOutput]{
		Name: UpdateSigningCertificate, Handle: (*Fake).updateSigningCertificate,
	})
	register(opSpec[iam.DeleteSigningCertificateInput, iam.DeleteSigningCertificateOutput]{
		Name: DeleteSigningCertificate, Handle: (*Fake).deleteSigningCertificate,
	})
}

// listSigningCertificates: (validation) → implicit user → user exists →
// marker → page.
func (f *Fake) listSigningCertificates(a *attempt, in *iam.ListSigningCertificatesInput) (result[iam.ListSigningCertificatesOutput], *Error) {
	return userPage(f, certificatePages, a, in.UserName, in.Marker, in.MaxItems,
		func(owner *principal, start, end int, marker string) result[iam.ListSigningCertificatesOutput] {
			type listed struct {
				name   string
				page   []*certificate // the records are immutable, and so is the page
				marker string
			}
			return answerWith(listed{f.ownerName(owner), owner.certPage(start, end), marker}, func(l listed) *iam.ListSigningCertificatesOutput {
				out := &iam.ListSigningCertificatesOutput{Certificates: copyCertificates(l.name, l.page)}
				out.IsTruncated, out.Marker = pageEnd(l.marker)
				return out
			})
		})
}

// certificatePages: a user's certificates in upload order (upload date,
// then the order of uploads within a second).
var certificatePages = pageSpec[*certificate]{
	op:    ListSigningCertificates,
	items: func(p *principal) []*certificate { return p.certs },
	pos:   func(c *certificate) markerPos { return markerPos{date: c.uploaded, seq: c.seq, id: c.id} },
	after: func(c *certificate, p markerPos) bool {
		return p.date.Before(c.uploaded) || c.uploaded.Equal(p.date) && c.seq > p.seq
	},
}

// uploadSigningCertificate: (validation) → implicit user → user exists → PEM
// and validity → quota → duplicate certificate. The PEM check runs before
// the lock is taken; its result is reported in IAM's order.
func (f *Fake) uploadSigningCertificate(a *attempt, in *iam.UploadSigningCertificateInput) (result[iam.UploadSigningCertificateOutput], *Error) {
	var none result[iam.UploadSigningCertificateOutput]
	// Validation decoded a plain PEM body (plainPEMShortcut); any other
	// is decoded here.
	cb := certificateBody{body: *in.CertificateBody, der: a.decoded} // validated: present
	if cb.der == nil {
		cb = readCertificateBody(cb.body)
	}
	now := f.nowFor(a)
	body := cb.body
	fingerprint, checked := cb.check(now) // CPU only: outside the lock

	f.mu.Lock()
	defer f.mu.Unlock()
	owner, err := f.resolveUser(a.caller, in.UserName)
	if err != nil {
		return none, err
	}
	if checked != nil {
		return none, checked
	}
	if len(owner.certs) >= owner.account.certQuota {
		return none, errCertificateQuota(owner.account.certQuota)
	}
	if dup, ok := owner.account.bodies[fingerprint]; ok {
		return none, errDuplicateCertificate(dup.id)
	}
	c := &certificate{id: f.newCertificateIDLocked(), seq: f.nextCertSeqLocked(), body: body, fingerprint: fingerprint, status: types.StatusTypeActive, uploaded: now, owner: owner}
	f.insertCertificate(c)
	type uploaded struct {
		name string
		c    *certificate
	}
	return answerWith(uploaded{f.ownerName(owner), c}, func(u uploaded) *iam.UploadSigningCertificateOutput {
		return &iam.UploadSigningCertificateOutput{Certificate: &copyCertificates(u.name, []*certificate{u.c})[0]}
	}), nil
}

// updateSigningCertificate: (validation) → implicit user → user exists →
// Expired refused → certificate exists → set status (idempotent).
func (f *Fake) updateSigningCertificate(a *attempt, in *iam.UpdateSigningCertificateInput) (result[iam.UpdateSigningCertificateOutput], *Error) {
	err := itemOp(f, aCertificate, a.caller, in.UserName, in.CertificateId,
		func() *Error {
			if in.Status == types.StatusTypeExpired {
				return errExpiredStatus()
			}
			return nil
		},
		func(c *certificate) {
			if c.status != in.Status {
				next := *c // records are immutable: the log's answers may hold this one
				next.status = in.Status
				f.replaceCertificate(c, &next)
			}
		})
	return answerEmpty[iam.UpdateSigningCertificateOutput](), err
}

// deleteSigningCertificate: (validation) → implicit user → user exists →
// certificate exists → gone.
func (f *Fake) deleteSigningCertificate(a *attempt, in *iam.DeleteSigningCertificateInput) (result[iam.DeleteSigningCertificateOutput], *Error) {
	err := itemOp(f, aCertificate, a.caller, in.UserName, in.CertificateId, nil, f.removeCertificate)
	return answerEmpty[iam.DeleteSigningCertificateOutput](), err
}

// aCertificate finds a user's certificate for Update and Delete.
var aCertificate = itemSpec[*certificate]{
	items:    func(p *principal) []*certificate { return p.certs },
	idOf:     func(c *certificate) string { return c.id },
	notFound: errNoSuchCertificate,
}

// copyCertificates returns the SDK values for certs, all owned by the user
// named owner, fresh and independent of the model: one allocation for a
// page of up to two certificates (IAM's quota), three for a longer one.
func copyCertificates(owner string, certs []*certificate) []types.SigningCertificate {
	out, strs, dates := certificateStorage(len(certs))
	for i, c := range certs {
		strs[3*i], strs[3*i+1], strs[3*i+2] = owner, c.id, c.body
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

// certificateStorage returns a non-nil slice of n certificates and the
// backing storage for their string and date fields, in one allocation for
// up to two certificates.
func certificateStorage(n int) ([]types.SigningCertificate, []string, []time.Time) {
	if n <= 2 {
		p := new(struct {
			certs [2]types.SigningCertificate
			strs  [6]string
			dates [2]time.Time
		})
		return p.certs[:n:n], p.strs[:], p.dates[:]
	}
	return make([]types.SigningCertificate, n), make([]string, 3*n), make([]time.Time, n)
}
