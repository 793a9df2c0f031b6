package fakeiam

import (
	"fmt"
	"slices"
	"sync"
)

// Call is one attempt of one IAM call as the fake saw it. The SDK's retries
// are separate attempts of the same call: Attempt counts them from 1.
type Call struct {
	Operation Operation
	Input     any    // a deep copy of the typed input, the operation's *iam.XxxInput
	Caller    Caller // who signed the request
	Attempt   int    // 1 for the first attempt, 2 for the first retry, ...
	RequestID string // the request id of the response; empty when none came (the context ended first)
	Output    any    // on success, a deep copy of the output (ResultMetadata empty), the operation's *iam.XxxOutput
	Err       error  // on failure, the error this attempt ended with, as the SDK builds it below its retry loop (the SDK wraps it further for the caller)
}

// Caller is the principal that signed a request.
type Caller struct {
	Account     string // 12-digit account id; empty when the key is unknown
	ARN         string // arn:aws:iam::123456789012:user/Bob, ...:root, or an assumed-role ARN
	AccessKeyID string // the key id the request was signed with; empty if unsigned
	UserName    string // the IAM user's name; empty for the root user and roles
	RoleName    string // the role's name; empty for users and the root user
}

// IsRoot reports whether the caller is an account's root user.
func (c Caller) IsRoot() bool { return c.ARN != "" && c.UserName == "" && c.RoleName == "" }

func callerOf(p *principal, keyID string) Caller {
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

// defaultCallLogBytes is how much the call log keeps by default: 64 MiB of
// inputs, outputs and errors, about 200,000 typical attempts.
const defaultCallLogBytes = 64 << 20

// The call log's policy: it keeps every attempt, oldest first, until what it
// holds reaches its byte budget (CallLogBytes); attempts after that are
// counted, not kept, and Calls reports them with a *CallLogFullError, so an
// assertion on the log can never silently miss an attempt. ResetCalls starts
// afresh.
type callLog struct {
	mu      sync.Mutex
	limit   int // bytes
	used    int
	chunks  [][]logEntry // oldest first; full chunks are never written again
	kept    int
	dropped int // attempts not kept since the last reset
}

// logChunk is how many entries one chunk holds: appending never copies
// what the log already holds.
const logChunk = 256

// logEntry is a Call in compact form: values taken when the attempt was
// answered (nothing that points into the model), and the log's own copies
// of input and output.
type logEntry struct {
	op      Operation
	input   any    // the input copy taken when the attempt arrived
	caller  Caller // as it was then: later renames do not rewrite it
	attempt int
	reqN    uint64 // request id number; 0 when no response came
	err     error
	// answered is IAM's error answer, which Calls hands out as the SDK
	// builds it (the SDK door's caller got the same value).
	answered *errorAnswer
	output   func() any // on success: builds the output afresh (see result)
}

// logEntryOverhead is what an entry costs besides its strings: the entry,
// its boxed input and output, pointers.
const logEntryOverhead = 256

// record keeps e, which holds size bytes besides its fixed overhead.
func (l *callLog) record(e logEntry, size int) {
	size += logEntryOverhead
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.dropped > 0 || l.used+size > l.limit { // once full, full: no holes
		l.dropped++
		return
	}
	l.used += size
	l.kept++
	if n := len(l.chunks); n == 0 || len(l.chunks[n-1]) == logChunk {
		l.chunks = append(l.chunks, make([]logEntry, 0, logChunk))
	}
	last := &l.chunks[len(l.chunks)-1]
	*last = append(*last, e)
}

// CallLogFullError reports that the call log reached its byte budget and
// did not keep every attempt: Kept were kept (the oldest), Dropped were not.
type CallLogFullError struct {
	Kept, Dropped int
	Limit         int // the budget in bytes
}

func (e *CallLogFullError) Error() string {
	return fmt.Sprintf("fakeiam: the call log kept the first %d attempts and dropped %d: it holds at most %d bytes (raise it with CallLogBytes, or ResetCalls between phases)", e.Kept, e.Dropped, e.Limit)
}

// Calls returns every logged attempt, oldest first, as copies. Pass
// operations to keep only attempts of those operations. If the log dropped
// attempts because it was full, Calls returns the ones it kept and a
// *CallLogFullError.
func (f *Fake) Calls(ops ...Operation) ([]Call, error) {
	l := &f.log
	l.mu.Lock()
	chunks, kept, dropped, limit := slices.Clone(l.chunks), l.kept, l.dropped, l.limit
	if n := len(chunks); n > 0 {
		chunks[n-1] = chunks[n-1][:len(chunks[n-1]):len(chunks[n-1])] // what is there now
	}
	l.mu.Unlock()
	out := make([]Call, 0, kept)
	for _, chunk := range chunks { // entries are never changed once appended
		for _, e := range chunk {
			if len(ops) > 0 && !slices.Contains(ops, e.op) {
				continue
			}
			out = append(out, Call{Operation: e.op, Input: copyValue(e.input), Caller: e.caller, Attempt: e.attempt,
				RequestID: f.ids.formatRequestID(e.reqN), Err: e.err})
			if e.output != nil {
				out[len(out)-1].Output = e.output()
			}
			if e.answered != nil {
				out[len(out)-1].Err = e.answered.sdkError()
			}
		}
	}
	if dropped > 0 {
		return out, &CallLogFullError{Kept: kept, Dropped: dropped, Limit: limit}
	}
	return out, nil
}

// ResetCalls empties the call log.
func (f *Fake) ResetCalls() {
	f.log.mu.Lock()
	defer f.log.mu.Unlock()
	f.log.chunks, f.log.used, f.log.kept, f.log.dropped = nil, 0, 0, 0
}

// CallLogBytes sets how many bytes of inputs, outputs and errors the call log
// keeps (default 64 MiB); 0 keeps nothing, and Calls then
// reports every attempt as dropped.
func CallLogBytes(n int) Option {
	return fakeOption("CallLogBytes", func(c *config) error {
		if n < 0 {
			return fmt.Errorf("CallLogBytes(%d): a limit is at least 0", n)
		}
		c.logLimit = n
		return nil
	})
}
