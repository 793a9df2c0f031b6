package fakeiam

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/aws/smithy-go"

	"github.com/fakeaws/fakeaws/fakeiam/internal/deepcopy"
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
	// Authorization is how enforcement (Enforce) decided the attempt;
	// nil when it made no decision (off, the root user, an action that
	// needs no permission).
	Authorization *Authorization
	Err           error // on failure, the error this attempt ended with, as the SDK builds it below its retry loop (the SDK wraps it further for the caller); built again from what the log keeps on every read, so equal to the caller's, not the same pointer
}

// Caller is the principal that signed a request.
type Caller struct {
	Account     string // 12-digit account id; empty when the key is unknown
	ARN         string // arn:aws:iam::123456789012:user/Bob, ...:root, an assumed-role or a federated-user ARN
	AccessKeyID string // the key id the request was signed with; empty if unsigned
	UserName    string // the IAM user's name (a federated user's: the user that asked for it); empty for the root user and roles
	RoleName    string // the role's name; empty for users and the root user
	// SessionName is an assumed-role session's name (AssumeRole's
	// RoleSessionName; "fakeiam" for a role's own credentials), or a
	// federated user's name (GetFederationToken's Name); empty for users
	// and the root user, whatever other credentials they sign with.
	SessionName string
}

// IsRoot reports whether the caller is an account's root user (not a
// federated user the root asked for).
func (c Caller) IsRoot() bool { return strings.HasSuffix(c.ARN, ":root") }

// callerOf is who signed with key k (its principal as it is now, its
// session's ARN for temporary credentials); keyID when k is nil.
func callerOf(k *accessKey, keyID string) Caller {
	c := Caller{AccessKeyID: keyID}
	if k == nil {
		return c
	}
	p := k.owner
	c.Account, c.ARN = p.account.id, p.arn
	switch p.kind {
	case kindUser:
		c.UserName = p.name
	case kindRole:
		c.RoleName, c.SessionName = p.name, RoleSessionName
	}
	if s := k.session; s != nil && s.arn != "" { // an assumed role's session
		c.ARN, c.SessionName = s.arn, s.name
	}
	return c
}

// defaultCallLogBytes is how much the call log keeps by default: 64 MiB of
// inputs, outputs, callers and errors, about 140,000 typical attempts
// (reading a user, or a short list: some 470 bytes each).
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
// of input and output. An error is kept as what it was made from, never as
// the SDK's error chain with its HTTP response (several times larger):
// reading the log builds the chain again.
type logEntry struct {
	op      Operation
	input   any    // as the attempt arrived: a copy of the caller's, or the HTTP door's own (core.go: request.owned)
	caller  Caller // as it was then: later renames do not rewrite it
	attempt int
	reqN    uint64 // request id number; 0 when no response came
	// The error, one of: apiErr, IAM's answer (the SDK's chain is built
	// from it again); ended, the context's error when it ended before an
	// answer (canceledSendError); err, any other (the fake's own: small).
	apiErr *Error
	ended  error
	err    error
	output answerer       // on success: builds the output afresh (see result)
	authz  *Authorization // enforcement's decision (nil: none made); never changed after
}

// logEntryOverhead is what an entry costs besides what its fields point
// to: the entry in its chunk (160 bytes), its boxed input and output.
const logEntryOverhead = 256

// record keeps e, whose input and output hold size bytes. It counts the
// rest of what e keeps alive: the caller's strings and the error, which it
// first reduces to what the error was made from.
func (l *callLog) record(e logEntry, size int) {
	size += logEntryOverhead + len(e.caller.Account) + len(e.caller.ARN) + len(e.caller.AccessKeyID) + len(e.caller.UserName) + len(e.caller.RoleName) + len(e.caller.SessionName)
	switch {
	case e.apiErr != nil:
		e.err = nil
		size += 48 + len(e.apiErr.Code) + len(e.apiErr.Message)
	case e.err != nil: // (errors.As's target is on the heap: not for every success)
		if canceled := (*smithy.CanceledError)(nil); errors.As(e.err, &canceled) {
			e.err, e.ended = nil, canceled.Err // context.Canceled or DeadlineExceeded: shared values
			size += 16
		} else {
			size += 64 + len(e.err.Error())
		}
	}
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
// operations to keep only attempts of those operations (any IAM operation:
// attempts of those the fake does not implement are logged too); a name
// IAM does not have is refused with an *UnknownOperationError (a typo
// would otherwise match nothing, silently). If the log dropped attempts
// because it was full, Calls returns the ones it kept and a
// *CallLogFullError.
func (f *Fake) Calls(ops ...Operation) ([]Call, error) {
	if err := knownOperations(ops); err != nil {
		return nil, err
	}
	chunks, full := f.log.snapshot()
	out := make([]Call, 0, len(chunks)*logChunk)
	for _, chunk := range chunks { // entries are never changed once appended
		for i := range chunk {
			e := &chunk[i]
			if len(ops) > 0 && !slices.Contains(ops, e.op) {
				continue
			}
			c := Call{Operation: e.op, Input: deepcopy.Value(e.input), Caller: e.caller, Attempt: e.attempt,
				RequestID: f.ids.formatRequestID(e.reqN), Err: f.errorOf(e), Authorization: e.authz.clone()}
			if e.output != nil {
				c.Output = e.output.build()
			}
			out = append(out, c)
		}
	}
	if full != nil {
		return out, full
	}
	return out, nil
}

// snapshot returns the entries the log holds now, oldest first, without
// copying them, and a *CallLogFullError if it dropped some (else nil).
func (l *callLog) snapshot() ([][]logEntry, *CallLogFullError) {
	l.mu.Lock()
	defer l.mu.Unlock()
	chunks := slices.Clone(l.chunks)
	if n := len(chunks); n > 0 {
		chunks[n-1] = chunks[n-1][:len(chunks[n-1]):len(chunks[n-1])] // what is there now
	}
	if l.dropped > 0 {
		return chunks, &CallLogFullError{Kept: l.kept, Dropped: l.dropped, Limit: l.limit}
	}
	return chunks, nil
}

// errorOf is the error the attempt of e ended with, as the caller got it:
// the SDK's chain for IAM's answer is built again, the same by construction.
func (f *Fake) errorOf(e *logEntry) error {
	switch {
	case e.apiErr != nil:
		return f.wire.sdkError(serviceOf(e.op, e.input), e.apiErr, f.ids.formatRequestID(e.reqN))
	case e.ended != nil:
		return canceledSendError(e.ended)
	}
	return e.err
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

// UnknownOperationError refuses a name that is not an IAM operation where
// one is expected (Calls): a typo ("ListUser") would otherwise match
// nothing, silently. Operations lists those the fake implements.
type UnknownOperationError struct {
	Operation Operation
}

func (e *UnknownOperationError) Error() string {
	return "fakeiam: " + strconv.Quote(string(e.Operation)) + " is not an IAM operation (fakeiam.Operations() lists those the fake implements)"
}

// knownOperations refuses the first operation of ops IAM does not have. An
// operation the fake does not implement is accepted: its attempts are
// logged too.
func knownOperations(ops []Operation) error {
	for _, op := range ops {
		if lookupOperation(op) == nil && !isAction(string(op)) {
			return &UnknownOperationError{Operation: op}
		}
	}
	return nil
}
