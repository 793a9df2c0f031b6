package fakeiam

import (
	"fmt"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go/middleware"
)

// Call is one attempt of one IAM call as the fake saw it. The SDK's retries
// are separate attempts of the same call: Attempt counts them from 1.
type Call struct {
	Operation Operation
	Input     any    // a copy of the typed input, e.g. *iam.ListSigningCertificatesInput
	Caller    Caller // who signed the request
	Attempt   int    // 1 for the first attempt, 2 for the first retry, ...
	RequestID string // the request id of the response; empty when none came (the context ended first)
	Output    any    // on success, a copy of the output (ResultMetadata empty), e.g. *iam.ListSigningCertificatesOutput
	Err       error  // on failure, the error the SDK received for this attempt
}

// Caller is the principal that signed a request.
type Caller struct {
	Account     string // 12-digit account id; empty when the key is unknown
	ARN         string // arn:aws:iam::123456789012:user/Bob, ...:root, or an assumed-role ARN
	AccessKeyID string // the key id in the Authorization header; empty if unsigned
	UserName    string // the IAM user's name; empty for the root user and roles
	RoleName    string // the role's name; empty for users and the root user
}

// IsRoot reports whether the caller is an account's root user.
func (c Caller) IsRoot() bool { return c.ARN != "" && c.UserName == "" && c.RoleName == "" }

func (f *Fake) callerOf(p *principal, keyID string) Caller {
	c := Caller{AccessKeyID: keyID}
	if p == nil {
		return c
	}
	c.Account, c.ARN = p.account.id, p.arn
	switch p.kind {
	case kindUser:
		c.UserName = p.name
	case kindRole:
		c.RoleName = p.name
	}
	return c
}

// DefaultCallLogLimit is how many attempts the call log keeps by default.
const DefaultCallLogLimit = 1000

// callLog keeps the newest attempts in a ring. It has its own lock: reading
// it from a fault hook or an observer never waits for the model.
type callLog struct {
	mu      sync.Mutex
	limit   int
	calls   []Call // ring buffer of at most limit entries
	next    int    // where the next entry goes once the ring is full
	dropped int    // entries overwritten since the last reset
}

func (l *callLog) record(c Call) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.limit <= 0 {
		return
	}
	if len(l.calls) < l.limit {
		l.calls = append(l.calls, c)
		return
	}
	l.calls[l.next] = c
	l.next = (l.next + 1) % l.limit
	l.dropped++
}

// Calls returns every logged attempt, oldest first, as copies. Pass
// operations to keep only attempts of those operations.
func (f *Fake) Calls(ops ...Operation) []Call {
	l := &f.log
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Call, 0, len(l.calls))
	for i := range l.calls {
		c := l.calls[(l.next+i)%len(l.calls)]
		if len(ops) > 0 && !containsOp(ops, c.Operation) {
			continue
		}
		c.Input, c.Output = copyInput(c.Input), copyOutput(c.Output)
		out = append(out, c)
	}
	return out
}

// DroppedCalls returns how many attempts the log discarded, oldest first,
// because it held CallLogLimit entries already.
func (f *Fake) DroppedCalls() int {
	f.log.mu.Lock()
	defer f.log.mu.Unlock()
	return f.log.dropped
}

// ResetCalls empties the call log.
func (f *Fake) ResetCalls() {
	f.log.mu.Lock()
	defer f.log.mu.Unlock()
	f.log.calls, f.log.next, f.log.dropped = nil, 0, 0
}

// CallLogLimit sets how many of the newest attempts the call log keeps
// (default DefaultCallLogLimit); 0 turns the log off.
func CallLogLimit(n int) Option {
	return optionFunc(func(c *config) error {
		if n < 0 {
			return fmt.Errorf("CallLogLimit(%d): a limit is at least 0", n)
		}
		c.logLimit = n
		return nil
	})
}

func containsOp(ops []Operation, op Operation) bool {
	for _, o := range ops {
		if o == op {
			return true
		}
	}
	return false
}

// copyInput returns a deep copy of a typed input of an implemented
// operation; other values are returned as they are.
func copyInput(in any) any {
	switch v := in.(type) {
	case *iam.ListSigningCertificatesInput:
		c := *v
		c.UserName, c.Marker, c.MaxItems = clonePtr(v.UserName), clonePtr(v.Marker), clonePtr(v.MaxItems)
		return &c
	case *iam.UploadSigningCertificateInput:
		c := *v
		c.UserName, c.CertificateBody = clonePtr(v.UserName), clonePtr(v.CertificateBody)
		return &c
	case *iam.UpdateSigningCertificateInput:
		c := *v
		c.UserName, c.CertificateId = clonePtr(v.UserName), clonePtr(v.CertificateId)
		return &c
	case *iam.DeleteSigningCertificateInput:
		c := *v
		c.UserName, c.CertificateId = clonePtr(v.UserName), clonePtr(v.CertificateId)
		return &c
	}
	return in
}

// copyOutput returns a deep copy of an output of an implemented operation.
func copyOutput(out any) any {
	switch v := out.(type) {
	case *iam.ListSigningCertificatesOutput:
		c := *v
		c.Certificates = cloneSigningCertificates(v.Certificates)
		c.Marker = clonePtr(v.Marker)
		c.ResultMetadata = middleware.Metadata{}
		return &c
	case *iam.UploadSigningCertificateOutput:
		c := *v
		if v.Certificate != nil {
			c.Certificate = &cloneSigningCertificates([]types.SigningCertificate{*v.Certificate})[0]
		}
		c.ResultMetadata = middleware.Metadata{}
		return &c
	case *iam.UpdateSigningCertificateOutput:
		c := *v
		c.ResultMetadata = middleware.Metadata{}
		return &c
	case *iam.DeleteSigningCertificateOutput:
		c := *v
		c.ResultMetadata = middleware.Metadata{}
		return &c
	}
	return out
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// cloneSigningCertificates deep-copies certs with one allocation per kind of
// field, like copyCertificates.
func cloneSigningCertificates(certs []types.SigningCertificate) []types.SigningCertificate {
	if certs == nil {
		return nil
	}
	out := make([]types.SigningCertificate, len(certs))
	strs := make([]string, 3*len(certs))
	dates := make([]time.Time, len(certs))
	for i, c := range certs {
		out[i] = c
		out[i].UserName = cloneInto(c.UserName, &strs[3*i])
		out[i].CertificateId = cloneInto(c.CertificateId, &strs[3*i+1])
		out[i].CertificateBody = cloneInto(c.CertificateBody, &strs[3*i+2])
		out[i].UploadDate = cloneInto(c.UploadDate, &dates[i])
	}
	return out
}

// cloneInto copies *p into *slot and returns slot, or nil when p is nil.
func cloneInto[T any](p *T, slot *T) *T {
	if p == nil {
		return nil
	}
	*slot = *p
	return slot
}
