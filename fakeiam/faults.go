package fakeiam

import (
	"context"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fakeaws/fakeaws/fakeiam/internal/deepcopy"
)

// Faults: what goes wrong, when. A Rule picks attempts (an operation, an
// optional predicate, which of the matching attempts) and says what happens
// to them. Rules act at the seam, inside the SDK's retry loop, so the SDK
// retries an injected error exactly as it retries IAM's.

// Rule makes some attempts of IAM calls fail or misbehave. Install it with
// Fake.Inject.
type Rule struct {
	// Operation is the operation the rule applies to; empty means every
	// operation the fake implements.
	Operation Operation
	// If, when set, restricts the rule to attempts it returns true for. It
	// sees the attempt's operation, a copy of its input, its caller and its
	// attempt number (Output and Err are not known yet). It runs without any
	// lock of the fake held, so it may call the fake's methods.
	If func(Call) bool
	// Attempts picks among the attempts that passed Operation and If: the
	// first n, the n-th, every k-th, the n-th call. Nil means every attempt.
	Attempts Attempts
	// Then is what happens to a picked attempt. A rule without one fails
	// every attempt it is consulted on with a *RuleError.
	Then Effect
}

// Attempts picks attempts by their position among those a rule sees. A rule
// sees an attempt when the attempt has the rule's operation, passes its If,
// and no newer rule decided it first. Build one with FirstN, Nth, EveryNth or
// NthCall.
type Attempts interface {
	// pick reports whether to pick c, of call number call, the seen-th
	// attempt rule r has seen.
	pick(seen int64, r *installedRule, c *Call, call uint64) bool
	problem() string // non-empty when the value can never pick anything
}

type firstN int

func (n firstN) pick(seen int64, _ *installedRule, _ *Call, _ uint64) bool {
	return seen <= int64(n)
}
func (n firstN) problem() string { return positive("FirstN", int(n)) }

type nth int

func (n nth) pick(seen int64, _ *installedRule, _ *Call, _ uint64) bool {
	return seen == int64(n)
}
func (n nth) problem() string { return positive("Nth", int(n)) }

type everyNth int

func (k everyNth) pick(seen int64, _ *installedRule, _ *Call, _ uint64) bool {
	return seen%int64(k) == 0
}
func (k everyNth) problem() string { return positive("EveryNth", int(k)) }

type nthCall int

func (n nthCall) pick(_ int64, r *installedRule, c *Call, call uint64) bool {
	return r.calls.pick(int64(n), c, call)
}
func (n nthCall) problem() string { return positive("NthCall", int(n)) }

func positive(name string, n int) string {
	if n < 1 {
		return name + "(" + strconv.Itoa(n) + "): counts start at 1"
	}
	return ""
}

// FirstN picks the first n attempts a rule sees. Every attempt of a retried
// call counts: FirstN(2) fails an SDK call's first two tries, and the SDK's
// third succeeds.
func FirstN(n int) Attempts { return firstN(n) }

// Nth picks only the n-th attempt a rule sees.
func Nth(n int) Attempts { return nth(n) }

// EveryNth picks every k-th attempt a rule sees: the k-th, 2k-th, ...
func EveryNth(k int) Attempts { return everyNth(k) }

// NthCall picks every attempt of the n-th SDK call whose first attempt the
// rule sees, retries included, so that call fails as a whole.
func NthCall(n int) Attempts { return nthCall(n) }

// callCounter numbers the calls whose first attempt a rule saw and
// remembers the one it is after. Attempts of one call share the door-neutral
// call id the door gave them (see request.call); an attempt without one is a
// call of its own.
type callCounter struct {
	calls  atomic.Int64
	target atomic.Uint64 // the picked call's id; 0 before it is made
}

// pick reports whether c, of call number call, is an attempt of the n-th
// call counted.
func (cc *callCounter) pick(n int64, c *Call, call uint64) bool {
	if c.Attempt == 1 && cc.calls.Add(1) == n {
		cc.target.Store(call) // 0, a call of its own: only this attempt
		return true
	}
	return call != 0 && cc.target.Load() == call
}

// Effect is what happens to an attempt a rule picked: the values
// ServiceFailure, Throttle, AccessDenied, Fail, Latency and ShortPage return.
type Effect interface {
	act(ctx context.Context, c *Call) ruling // does it to c (Latency waits) and says how c is answered
	problem() string                         // non-empty when the effect cannot act
	appliesTo(op *operation) bool            // whether the effect means anything for op
}

// ruling is what the rules decided for one attempt.
type ruling struct {
	err       *Error // answer with this IAM error instead of running the operation
	denied    bool   // answer AccessDenied for the caller and the resource acted on
	shortPage int    // paged operations: return at most this many items per page
	ended     error  // the attempt's context ended first: nothing answers
	waited    bool   // it waited (Latency): the time the request was received is past
}

// ServiceFailure answers ServiceFailure, HTTP 500: the SDK retries it.
func ServiceFailure() Effect { return failEffect{errServiceFailure()} }

// Throttle answers Throttling, HTTP 400, "Rate exceeded": the SDK retries it.
func Throttle() Effect { return failEffect{errThrottling()} }

// Fail answers with any IAM error: code, HTTP status (400 to 599) and message
// as IAM would send them. The caller gets the SDK's modeled type when it has
// one for the code (e.g. *types.EntityAlreadyExistsException), otherwise a
// *smithy.GenericAPIError, and the SDK retries it or not as it would IAM's.
//
// The message reaches the caller as IAM's XML carries it, through both
// doors alike: valid UTF-8 text of the characters XML 1.0 allows (tab,
// newline, carriage return, U+0020 and above but U+FFFE and U+FFFF) arrives
// unchanged, markup characters and CRLF included; any other control
// character, and each invalid UTF-8 byte, arrives as U+FFFD.
func Fail(e *Error) Effect {
	if e == nil {
		return failEffect{}
	}
	cp := *e
	return failEffect{&cp}
}

type failEffect struct{ e *Error }

func (f failEffect) act(context.Context, *Call) ruling {
	cp := *f.e // each attempt gets its own
	return ruling{err: &cp}
}

func (f failEffect) problem() string {
	switch {
	case f.e == nil:
		return "Fail(nil)"
	case f.e.Code == "":
		return "Fail: an IAM error needs a Code"
	case f.e.Status < 400 || f.e.Status > 599:
		return "Fail(" + f.e.Code + "): HTTP status " + strconv.Itoa(f.e.Status) + " is not an error status (400 to 599)"
	}
	return ""
}

func (failEffect) appliesTo(*operation) bool { return true }

// AccessDenied answers AccessDenied, HTTP 403, with IAM's message naming the
// caller's ARN, the action and the resource acted on (for most operations
// the user: the input's UserName, or the caller). The SDK does not retry it.
// STS's GetCallerIdentity cannot be denied, as in AWS: a rule for every
// operation passes it by, a rule naming it is refused (RuleError).
func AccessDenied() Effect { return accessDenied{} }

type accessDenied struct{}

func (accessDenied) act(context.Context, *Call) ruling {
	return ruling{denied: true} // the core names the resource: the operation knows it
}
func (accessDenied) problem() string { return "" }

// appliesTo: every operation but GetCallerIdentity, which no policy can
// deny (its API reference); a rule denying it by name is refused.
func (accessDenied) appliesTo(op *operation) bool { return op.name != GetCallerIdentity }

// Latency delays the attempt by d, then lets it proceed. If the request's
// context ends first, the attempt fails at once with the error the SDK gives
// for a request whose context ended while it was being sent: errors.Is(err,
// context.DeadlineExceeded) (or context.Canceled) holds, the SDK does not
// retry it, and no response, so no request id, comes with it.
func Latency(d time.Duration) Effect { return latency(d) }

type latency time.Duration

func (d latency) act(ctx context.Context, c *Call) ruling {
	if d > 0 {
		t := time.NewTimer(time.Duration(d))
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
		}
	}
	if ctx.Err() == nil {
		return ruling{waited: d > 0}
	}
	c.RequestID = "" // nothing answered
	return ruling{ended: ctx.Err()}
}

func (d latency) problem() string {
	if d < 0 {
		return "Latency(" + time.Duration(d).String() + "): a delay is at least 0"
	}
	return ""
}

func (latency) appliesTo(*operation) bool { return true }

// ShortPage makes list operations return at most n items per page, with
// IsTruncated true and a Marker while more remain, as IAM documents it may.
// It catches callers that stop at the first page or read IsTruncated
// wrongly. A rule with ShortPage sees only attempts of operations that page
// (those that take Marker and MaxItems).
func ShortPage(n int) Effect { return shortPage(n) }

type shortPage int

func (n shortPage) act(context.Context, *Call) ruling {
	return ruling{shortPage: int(n)}
}

func (n shortPage) problem() string {
	if n < 1 {
		return "ShortPage(" + strconv.Itoa(int(n)) + "): a page holds at least 1 item"
	}
	return ""
}

func (shortPage) appliesTo(op *operation) bool { return op.pages }

// RuleError reports a rule that cannot act. Every attempt the rule is
// consulted on fails with it, not retried, so a broken rule is never silent.
type RuleError struct{ Reason string }

func (e *RuleError) Error() string        { return "fakeiam: invalid fault rule: " + e.Reason }
func (e *RuleError) RetryableError() bool { return false }

// faults holds the installed rules as an immutable slice, replaced whole on
// every change: readers take no lock, and user predicates never run under
// one.
type faults struct {
	mu    sync.Mutex                       // serializes writers
	rules atomic.Pointer[[]*installedRule] // oldest first
	sweep atomic.Pointer[sweepHook]        // Sweep's rule: consulted before all others
}

type installedRule struct {
	Rule
	broken string       // why the rule cannot act; "" when it can
	seen   atomic.Int64 // attempts the rule has seen
	calls  callCounter  // for NthCall
}

func newInstalledRule(r Rule) *installedRule {
	ir := &installedRule{Rule: r}
	op := lookupOperation(r.Operation)
	switch {
	case r.Operation != "" && op == nil:
		ir.broken = "Operation " + strconv.Quote(string(r.Operation)) + " is not one the fake implements (see Operations)"
	case r.Then == nil:
		ir.broken = "rule for " + ruleScope(r.Operation) + " has no Then"
	case r.Then.problem() != "":
		ir.broken = r.Then.problem()
	case r.Attempts != nil && r.Attempts.problem() != "":
		ir.broken = r.Attempts.problem()
	case op != nil && !r.Then.appliesTo(op):
		ir.broken = "its effect does nothing to " + string(r.Operation)
	}
	return ir
}

func ruleScope(op Operation) string {
	if op == "" {
		return "every operation"
	}
	return string(op)
}

// consulted reports whether the rule is asked about an attempt of op: its
// own operation, or any when it has none. A broken rule with an unknown
// operation is consulted on every attempt, so that it fails loudly.
func (r *installedRule) consulted(op *operation) bool {
	if r.broken != "" {
		return r.Operation == "" || r.Operation == op.name || lookupOperation(r.Operation) == nil
	}
	return (r.Operation == "" || r.Operation == op.name) && r.Then.appliesTo(op)
}

// Inject installs rules and returns a function that removes them (safe to
// call more than once, and while calls run). Rules installed later are
// consulted first, and of one Inject's rules the last is consulted first: the
// newest rule that picks an attempt decides it. Removing a rule lets the
// older rules decide again.
//
// A rule that cannot act (no Then, ShortPage(0), an Operation the fake does
// not implement, ...) fails every attempt it is consulted on with a
// *RuleError, which the SDK does not retry.
func (f *Fake) Inject(rules ...Rule) (remove func()) {
	_, remove = f.inject(rules)
	return remove
}

// inject is Inject, which also returns the rules as installed (see
// faults.installed).
func (f *Fake) inject(rules []Rule) ([]*installedRule, func()) {
	installed := make([]*installedRule, len(rules))
	for i := range rules {
		installed[i] = newInstalledRule(rules[i])
	}
	fs := &f.faults
	fs.update(func(old []*installedRule) []*installedRule { return append(slices.Clone(old), installed...) })
	var once sync.Once
	return installed, func() {
		once.Do(func() {
			fs.update(func(old []*installedRule) []*installedRule {
				return slices.DeleteFunc(slices.Clone(old), func(r *installedRule) bool { return slices.Contains(installed, r) })
			})
		})
	}
}

// installed reports whether r is installed now (no remove, ClearFaults or
// Reset took it away since).
func (fs *faults) installed(r *installedRule) bool {
	p := fs.rules.Load()
	return p != nil && slices.Contains(*p, r)
}

// ClearFaults removes every rule Inject installed.
func (f *Fake) ClearFaults() {
	f.faults.update(func([]*installedRule) []*installedRule { return nil })
}

func (fs *faults) update(change func([]*installedRule) []*installedRule) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	var old []*installedRule
	if p := fs.rules.Load(); p != nil {
		old = *p
	}
	next := change(old)
	fs.rules.Store(&next)
}

// decide finds the newest rule that picks c, an attempt of op and of call
// number call, and runs its effect.
func (fs *faults) decide(ctx context.Context, op *operation, c *Call, call uint64) (ruling, error) {
	if h := fs.sweep.Load(); h != nil {
		if eff, decided := h.decide(ctx, op, c, call); decided {
			return eff, nil
		}
	}
	p := fs.rules.Load()
	if p == nil {
		return ruling{}, nil
	}
	rules := *p
	for i := len(rules) - 1; i >= 0; i-- {
		r := rules[i]
		if !r.consulted(op) {
			continue
		}
		if r.broken != "" {
			return ruling{}, &RuleError{Reason: r.broken}
		}
		if r.If != nil && !r.If(hookView(c)) {
			continue
		}
		seen := r.seen.Add(1)
		if r.Attempts != nil && !r.Attempts.pick(seen, r, c, call) {
			continue
		}
		return r.Then.act(ctx, c), nil
	}
	return ruling{}, nil
}

// hookView is the call as a user predicate sees it: with its own copy of the
// input, so that a predicate cannot change the call log.
func hookView(c *Call) Call {
	v := *c
	v.Input = deepcopy.Value(c.Input)
	return v
}
