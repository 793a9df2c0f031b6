package fakeiam

import (
	"fmt"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// Call is one attempt of one IAM call as the fake saw it. The SDK's retries
// are separate attempts of the same call: Attempt counts them from 1.
type Call struct {
	Operation Operation
	Input     any    // a deep copy of the typed input, e.g. *iam.ListSigningCertificatesInput (as given for operations the fake does not implement)
	Caller    Caller // who signed the request
	Attempt   int    // 1 for the first attempt, 2 for the first retry, ...
	RequestID string // the request id of the response; empty when none came (the context ended first)
	Output    any    // on success, a copy of the output (ResultMetadata empty), e.g. *iam.ListSigningCertificatesOutput
	Err       error  // on failure, the error the SDK received for this attempt (the same value)
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
const DefaultCallLogLimit = 256

// callLog keeps the newest attempts in a ring. It has its own lock: reading
// it from a fault hook or an observer never waits for the model. Outputs are
// kept as the operation's immutable result and built afresh on every read,
// so the log holds no copy of its own and costs the garbage collector little.
type callLog struct {
	mu      sync.Mutex
	limit   int
	entries []logEntry // ring buffer of at most limit entries
	next    int        // where the next entry goes once the ring is full
	dropped int        // entries overwritten since the last reset
}

// logEntry is a Call in compact form: model pointers and numbers.
type logEntry struct {
	op      Operation
	input   any        // the input copy taken when the attempt arrived
	key     *accessKey // the signing key, when the caller was authenticated
	keyID   string     // otherwise the key id from the request, if any
	attempt int
	reqN    uint64 // request id number; 0 when no response came
	err     error
	res     result // the output, when err is nil
}

func (l *callLog) record(e logEntry) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.limit <= 0 {
		return
	}
	if len(l.entries) < l.limit {
		l.entries = append(l.entries, e)
		return
	}
	l.entries[l.next] = e
	l.next = (l.next + 1) % l.limit
	l.dropped++
}

// Calls returns every logged attempt, oldest first, as copies. Pass
// operations to keep only attempts of those operations.
func (f *Fake) Calls(ops ...Operation) []Call {
	l := &f.log
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Call, 0, len(l.entries))
	for i := range l.entries {
		e := l.entries[(l.next+i)%len(l.entries)]
		if len(ops) > 0 && !containsOp(ops, e.op) {
			continue
		}
		c := Call{Operation: e.op, Input: copyInput(e.input), Attempt: e.attempt, RequestID: f.ids.formatRequestID(e.reqN), Err: e.err}
		if e.key != nil {
			c.Caller = f.callerOf(e.key.owner, e.key.id)
		} else {
			c.Caller = f.callerOf(nil, e.keyID)
		}
		if e.err == nil {
			c.Output = f.materialize(e.res)
		}
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
	f.log.entries, f.log.next, f.log.dropped = nil, 0, 0
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
// operation, in one allocation; other values are returned as they are.
func copyInput(in any) any {
	switch v := in.(type) {
	case *iam.ListSigningCertificatesInput:
		c := &struct {
			in           iam.ListSigningCertificatesInput
			user, marker string
			maxItems     int32
		}{in: *v}
		c.in.UserName = cloneInto(v.UserName, &c.user)
		c.in.Marker = cloneInto(v.Marker, &c.marker)
		c.in.MaxItems = cloneInto(v.MaxItems, &c.maxItems)
		return &c.in
	case *iam.UploadSigningCertificateInput:
		c := &struct {
			in         iam.UploadSigningCertificateInput
			user, body string
		}{in: *v}
		c.in.UserName = cloneInto(v.UserName, &c.user)
		c.in.CertificateBody = cloneInto(v.CertificateBody, &c.body)
		return &c.in
	case *iam.UpdateSigningCertificateInput:
		c := &struct {
			in       iam.UpdateSigningCertificateInput
			user, id string
		}{in: *v}
		c.in.UserName = cloneInto(v.UserName, &c.user)
		c.in.CertificateId = cloneInto(v.CertificateId, &c.id)
		return &c.in
	case *iam.DeleteSigningCertificateInput:
		c := &struct {
			in       iam.DeleteSigningCertificateInput
			user, id string
		}{in: *v}
		c.in.UserName = cloneInto(v.UserName, &c.user)
		c.in.CertificateId = cloneInto(v.CertificateId, &c.id)
		return &c.in
	}
	return in
}

// cloneInto copies *p into *slot and returns slot, or nil when p is nil.
func cloneInto[T any](p *T, slot *T) *T {
	if p == nil {
		return nil
	}
	*slot = *p
	return slot
}
