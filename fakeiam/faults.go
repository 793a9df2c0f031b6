package fakeiam

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// Faults: what goes wrong, when. A Rule picks attempts (an operation, an
// optional predicate, which of the matching attempts) and says what happens
// to them. Rules act at the seam, inside the SDK's retry loop, so the SDK
// retries an injected error exactly as it retries IAM's.

// Rule makes some attempts of IAM calls fail or misbehave.
type Rule struct {
	// Operation is the operation the rule applies to; empty means every
	// operation the fake implements.
	Operation Operation
	// If, when set, restricts the rule to attempts it returns true for. It
	// sees the attempt's operation, input copy, caller and attempt number.
	If func(Call) bool
	// Attempts picks among the attempts that passed Operation and If: the
	// first n, the n-th, every k-th. Nil means every attempt.
	Attempts Attempts
	// Then is what happens to a picked attempt.
	Then Effect
}

// Attempts picks attempts by their position among those a rule has seen.
type Attempts interface {
	pick(seen int, c *Call) bool
}

type attemptsFunc func(seen int, c *Call) bool

func (fn attemptsFunc) pick(seen int, c *Call) bool { return fn(seen, c) }

// FirstN picks the first n attempts a rule sees (all attempts of a retried
// call count: FirstN(2) fails an SDK call's first two tries).
func FirstN(n int) Attempts { return attemptsFunc(func(seen int, _ *Call) bool { return seen <= n }) }

// Nth picks only the n-th attempt a rule sees.
func Nth(n int) Attempts { return attemptsFunc(func(seen int, _ *Call) bool { return seen == n }) }

// EveryNth picks every k-th attempt a rule sees: the k-th, 2k-th, ...
func EveryNth(k int) Attempts {
	return attemptsFunc(func(seen int, _ *Call) bool { return k > 0 && seen%k == 0 })
}

// NthCall picks every attempt of the n-th SDK call a rule sees, retries
// included, so that call fails as a whole.
func NthCall(n int) Attempts {
	var calls atomic.Int64
	return attemptsFunc(func(_ int, c *Call) bool {
		if c.Attempt == 1 {
			calls.Add(1)
		}
		return calls.Load() == int64(n)
	})
}

// Effect is what happens to an attempt a rule picked.
type Effect interface {
	apply(ctx context.Context, c *Call) (effect, error)
}

// effect is the outcome of the rules for one attempt.
type effect struct {
	err       *Error // answer with this IAM error instead of running the operation
	shortPage int    // List: return at most this many items per page
}

type effectFunc func(ctx context.Context, c *Call) (effect, error)

func (fn effectFunc) apply(ctx context.Context, c *Call) (effect, error) { return fn(ctx, c) }

// ServiceFailure answers ServiceFailure, HTTP 500: the SDK retries it.
func ServiceFailure() Effect { return Fail(errServiceFailure()) }

// Throttle answers Throttling, HTTP 400, "Rate exceeded": the SDK retries it.
func Throttle() Effect { return Fail(errThrottling()) }

// AccessDenied answers AccessDenied, HTTP 403, with IAM's message naming the
// caller and the user acted on. The SDK does not retry it.
func AccessDenied() Effect {
	return effectFunc(func(_ context.Context, c *Call) (effect, error) {
		return effect{err: errAccessDenied(c.Caller.ARN, c.Operation, targetUserName(c))}, nil
	})
}

// Fail answers with any IAM error: code, HTTP status and message as IAM
// would send them. The SDK builds its modeled error type when it has one.
func Fail(e *Error) Effect {
	return effectFunc(func(context.Context, *Call) (effect, error) {
		if e == nil {
			return effect{}, &RuleError{Reason: "Fail(nil)"}
		}
		cp := *e
		return effect{err: &cp}, nil
	})
}

// Latency delays the attempt by d, then lets it proceed. If the request's
// context ends first, the attempt fails at once with the context's error,
// wrapped as the SDK wraps a cancelled HTTP request.
func Latency(d time.Duration) Effect {
	return effectFunc(func(ctx context.Context, c *Call) (effect, error) {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
			return effect{}, nil
		case <-ctx.Done():
			return effect{}, &smithy.CanceledError{Err: &smithyhttp.RequestSendError{
				Err: &url.Error{Op: "Post", URL: "https://iam.amazonaws.com/", Err: ctx.Err()},
			}}
		}
	})
}

// ShortPage makes ListSigningCertificates return at most n certificates per
// page, with IsTruncated true and a Marker while more remain, as IAM
// documents it may. It catches callers that stop at the first page or read
// IsTruncated wrongly. Other operations are unaffected.
func ShortPage(n int) Effect {
	return effectFunc(func(context.Context, *Call) (effect, error) {
		if n < 1 {
			return effect{}, &RuleError{Reason: "ShortPage(" + strconv.Itoa(n) + "): a page holds at least 1 item"}
		}
		return effect{shortPage: n}, nil
	})
}

// RuleError reports a rule that cannot act. The call it picked fails with it,
// not retried, so a broken rule is never silent.
type RuleError struct{ Reason string }

func (e *RuleError) Error() string        { return "fakeiam: invalid fault rule: " + e.Reason }
func (e *RuleError) RetryableError() bool { return false }

// targetUserName is the user an attempt acts on, for AccessDenied's message.
func targetUserName(c *Call) string {
	var name *string
	switch in := c.Input.(type) {
	case *iam.ListSigningCertificatesInput:
		name = in.UserName
	case *iam.UploadSigningCertificateInput:
		name = in.UserName
	case *iam.UpdateSigningCertificateInput:
		name = in.UserName
	case *iam.DeleteSigningCertificateInput:
		name = in.UserName
	}
	if name != nil {
		return *name
	}
	return c.Caller.UserName
}

// faults holds the installed rules as an immutable slice, replaced whole on
// every change: readers take no lock, and user predicates and effects never
// run under one.
type faults struct {
	mu    sync.Mutex                       // serializes writers
	rules atomic.Pointer[[]*installedRule] // oldest first
}

type installedRule struct {
	Rule
	seen atomic.Int64
}

// Inject installs rules and returns a function that removes them (safe to
// call more than once, and while calls run). Rules installed later are
// consulted first: the newest rule that picks an attempt decides it.
func (f *Fake) Inject(rules ...Rule) (remove func()) {
	installed := make([]*installedRule, len(rules))
	for i := range rules {
		installed[i] = &installedRule{Rule: rules[i]}
	}
	fs := &f.faults
	fs.update(func(old []*installedRule) []*installedRule { return append(slices.Clone(old), installed...) })
	var once sync.Once
	return func() {
		once.Do(func() {
			fs.update(func(old []*installedRule) []*installedRule {
				return slices.DeleteFunc(slices.Clone(old), func(r *installedRule) bool { return slices.Contains(installed, r) })
			})
		})
	}
}

// ClearFaults removes every installed rule.
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

// apply finds the newest rule that picks c and runs its effect.
func (fs *faults) apply(ctx context.Context, c *Call) (effect, error) {
	p := fs.rules.Load()
	if p == nil {
		return effect{}, nil
	}
	rules := *p
	for i := len(rules) - 1; i >= 0; i-- {
		r := rules[i]
		if r.Operation != "" && r.Operation != c.Operation {
			continue
		}
		if r.If != nil && !r.If(*c) {
			continue
		}
		seen := int(r.seen.Add(1))
		if r.Attempts != nil && !r.Attempts.pick(seen, c) {
			continue
		}
		if r.Then == nil {
			return effect{}, &RuleError{Reason: "rule for " + string(c.Operation) + " has no Then"}
		}
		return r.Then.apply(ctx, c)
	}
	return effect{}, nil
}
