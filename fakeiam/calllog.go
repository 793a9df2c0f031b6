package fakeiam

import (
	"fmt"
	"reflect"
	"slices"
	"sync"
)

// Call is one attempt of one IAM call as the fake saw it. The SDK's retries
// are separate attempts of the same call: Attempt counts them from 1.
type Call struct {
	Operation Operation
	Input     any    // a deep copy of the typed input, e.g. *iam.ListSigningCertificatesInput
	Caller    Caller // who signed the request
	Attempt   int    // 1 for the first attempt, 2 for the first retry, ...
	RequestID string // the request id of the response; empty when none came (the context ended first)
	Output    any    // on success, a deep copy of the output (ResultMetadata empty), e.g. *iam.ListSigningCertificatesOutput
	Err       error  // on failure, the error the client received for this attempt (for the SDK door, the same value)
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

// DefaultCallLogBytes is how much the call log keeps by default: 64 MiB of
// inputs, outputs and errors, about 200,000 typical attempts.
const DefaultCallLogBytes = 64 << 20

// The call log's policy: it keeps every attempt, oldest first, until what it
// holds reaches its byte budget (CallLogBytes); attempts after that are
// counted, not kept, and Calls reports them with a *CallLogFullError, so an
// assertion on the log can never silently miss an attempt. ResetCalls starts
// afresh.
type callLog struct {
	mu      sync.Mutex
	limit   int // bytes
	used    int
	entries []logEntry
	dropped int // attempts not kept since the last reset
}

// logEntry is a Call in compact form: model pointers and numbers, and the
// log's own copies of input and output.
type logEntry struct {
	op      Operation
	input   any        // the input copy taken when the attempt arrived
	key     *accessKey // the signing key, when the caller was authenticated
	keyID   string     // otherwise the key id from the request, if any
	attempt int
	reqN    uint64 // request id number; 0 when no response came
	err     error
	output  any // on success: the log's own copy
}

// logEntryOverhead is what an entry costs besides its strings: the entry,
// its boxed input and output, pointers.
const logEntryOverhead = 256

func (l *callLog) record(e logEntry) {
	size := logEntryOverhead + sizeOf(e.input) + sizeOf(e.output)
	if e.err != nil {
		size += len(e.err.Error())
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.used+size > l.limit {
		l.dropped++
		return
	}
	l.used += size
	l.entries = append(l.entries, e)
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
	entries, dropped, limit := l.entries, l.dropped, l.limit
	l.mu.Unlock()
	out := make([]Call, 0, len(entries))
	for _, e := range entries { // entries are never changed once appended
		if len(ops) > 0 && !slices.Contains(ops, e.op) {
			continue
		}
		c := Call{Operation: e.op, Input: copyValue(e.input), Attempt: e.attempt, RequestID: f.ids.formatRequestID(e.reqN), Err: e.err, Output: copyValue(e.output)}
		if e.key != nil {
			c.Caller = callerOf(e.key.owner, e.key.id)
		} else {
			c.Caller = callerOf(nil, e.keyID)
		}
		out = append(out, c)
	}
	if dropped > 0 {
		return out, &CallLogFullError{Kept: len(entries), Dropped: dropped, Limit: limit}
	}
	return out, nil
}

// ResetCalls empties the call log.
func (f *Fake) ResetCalls() {
	f.log.mu.Lock()
	defer f.log.mu.Unlock()
	f.log.entries, f.log.used, f.log.dropped = nil, 0, 0
}

// CallLogBytes sets how many bytes of inputs, outputs and errors the call log
// keeps (default DefaultCallLogBytes); 0 keeps nothing, and Calls then
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

// copyValue returns a deep copy of an SDK input or output (pointers,
// structs, slices and maps copied; strings shared, as they are immutable).
// Nil stays nil.
func copyValue(v any) any {
	if v == nil {
		return nil
	}
	rv := reflect.ValueOf(v)
	return deepCopy(rv).Interface()
}

func deepCopy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		c := reflect.New(v.Type().Elem())
		c.Elem().Set(deepCopy(v.Elem()))
		return c
	case reflect.Struct:
		c := reflect.New(v.Type()).Elem()
		c.Set(v) // unexported fields (the SDK's markers) copied as they are
		for i := range v.NumField() {
			if f := c.Field(i); f.CanSet() && needsCopy(f.Kind()) {
				f.Set(deepCopy(v.Field(i)))
			}
		}
		return c
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			c.Index(i).Set(deepCopy(v.Index(i)))
		}
		return c
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			c.SetMapIndex(it.Key(), deepCopy(it.Value()))
		}
		return c
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		c := reflect.New(v.Type()).Elem()
		c.Set(deepCopy(v.Elem()))
		return c
	}
	return v
}

func needsCopy(k reflect.Kind) bool {
	switch k {
	case reflect.Pointer, reflect.Struct, reflect.Slice, reflect.Map, reflect.Interface:
		return true
	}
	return false
}

// sizeOf estimates the bytes v holds: its strings, plus a word per value.
func sizeOf(v any) int {
	if v == nil {
		return 0
	}
	return sizeOfValue(reflect.ValueOf(v))
}

func sizeOfValue(v reflect.Value) int {
	switch v.Kind() {
	case reflect.String:
		return 16 + v.Len()
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return 8
		}
		return 8 + sizeOfValue(v.Elem())
	case reflect.Struct:
		n := 0
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				n += sizeOfValue(v.Field(i))
			}
		}
		return n
	case reflect.Slice:
		n := 24
		for i := range v.Len() {
			n += sizeOfValue(v.Index(i))
		}
		return n
	case reflect.Map:
		n := 48
		for it := v.MapRange(); it.Next(); {
			n += sizeOfValue(it.Key()) + sizeOfValue(it.Value())
		}
		return n
	}
	return 8
}
