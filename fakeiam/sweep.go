package fakeiam

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
)

// SweepCall names the IAM call that fails in one run of a Sweep.
type SweepCall struct {
	N         int       // which call, counting from 1 in the order the clean run made them
	Of        int       // how many IAM calls the clean run made
	Operation Operation // the call's operation
}

// String returns "call 2 of 3: <operation>", or "no call" for
// the clean run's nil.
func (c *SweepCall) String() string {
	if c == nil {
		return "no call"
	}
	return fmt.Sprintf("call %d of %d: %s", c.N, c.Of, c.Operation)
}

// Sweep checks every error path of a workflow in one test. It runs scenario
// as the subtest "clean" on a fresh fake built from seeds, with failing nil,
// and counts the IAM calls it makes (SDK calls, not attempts). Then, for each
// of those calls, it runs scenario again as a subtest such as "fail call 2 of
// 3: <operation>", on another fresh fake, with every attempt of
// that call answered by then and failing naming the call. With
// ServiceFailure() the call fails after the SDK's three attempts; with
// AccessDenied() at the first.
//
// The failing call's effect comes before every rule the scenario injects
// itself. Sweep fails a run in which the failing call was never made or was
// another operation than in the clean run: the scenario must make the same
// calls in the same order each time (no t.Parallel, no racing goroutines).
// If the clean run fails or is skipped, nothing is swept.
//
//	func TestRotateReportsEveryFailure(t *testing.T) {
//		fakeiam.Sweep(t, fakeiam.ServiceFailure(), func(t *testing.T, f *fakeiam.Fake, failing *fakeiam.SweepCall) {
//			err := rotate(context.Background(), f.User("Bob").Client())
//			if (err != nil) != (failing != nil) {
//				t.Fatalf("rotate with %v failing: err = %v", failing, err)
//			}
//		}, fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{}))
//	}
func Sweep(t *testing.T, then Effect, scenario func(t *testing.T, f *Fake, failing *SweepCall), seeds ...Option) {
	t.Helper()
	runSweep(t, then, scenario, seeds, func(t *testing.T, msg string) {
		t.Helper()
		t.Error(msg)
	})
}

// runSweep is Sweep with its complaints about the scenario sent to report.
func runSweep(t *testing.T, then Effect, scenario func(*testing.T, *Fake, *SweepCall), seeds []Option, report func(*testing.T, string)) {
	t.Helper()
	switch {
	case then == nil:
		t.Fatal((&RuleError{Reason: "Sweep: no effect for the failing call"}).Error())
	case then.problem() != "":
		t.Fatal((&RuleError{Reason: "Sweep: " + then.problem()}).Error())
	}
	if _, err := New(seeds...); err != nil {
		t.Fatal(err)
	}

	var ops []Operation
	const (
		running = iota
		returned
		skipped
	)
	var clean atomic.Int32
	ok := t.Run("clean", func(t *testing.T) {
		defer func() {
			if t.Skipped() {
				clean.Store(skipped)
			}
		}()
		f, h := sweepFake(t, seeds, &sweepHook{})
		scenario(t, f, nil)
		ops = h.cleanOps()
		clean.Store(returned)
	})
	switch {
	case !ok || clean.Load() == skipped:
		return
	case clean.Load() == running:
		report(t, "fakeiam.Sweep: the clean run did not finish before Sweep went on (t.Parallel?): nothing swept")
		return
	case len(ops) == 0:
		report(t, "fakeiam.Sweep: the clean run made no IAM call through the fake: nothing to sweep")
		return
	}

	for i, op := range ops {
		failing := &SweepCall{N: i + 1, Of: len(ops), Operation: op}
		t.Run("fail "+failing.String(), func(t *testing.T) {
			if !then.appliesTo(lookupOperation(op)) {
				t.Skipf("the sweep's effect does nothing to %s", op)
			}
			f, h := sweepFake(t, seeds, &sweepHook{n: int64(failing.N), then: then})
			scenario(t, f, failing)
			switch fired, made := h.failed(); {
			case fired == "":
				report(t, fmt.Sprintf("fakeiam.Sweep: %v was never made in this run, which made %d calls: the scenario must make the same calls each run", failing, made))
			case fired != op:
				report(t, fmt.Sprintf("fakeiam.Sweep: call %d was %s in this run but %s in the clean run: the scenario must make the same calls each run", failing.N, fired, op))
			}
		})
	}
}

// sweepFake returns a fresh fake from seeds with h installed ahead of its rules.
func sweepFake(t *testing.T, seeds []Option, h *sweepHook) (*Fake, *sweepHook) {
	t.Helper()
	f, err := New(seeds...)
	if err != nil {
		t.Fatal(err)
	}
	f.faults.sweep.Store(h)
	return f, h
}

// sweepHook is a Sweep run's rule. In the clean run (n == 0) it notes the
// operation of each call and decides nothing; otherwise it gives every
// attempt of the n-th call its effect.
type sweepHook struct {
	n     int64
	then  Effect
	calls callCounter

	mu    sync.Mutex
	ops   []Operation // clean run: each call's operation, in order
	fired Operation   // the failing call's operation, once it was made
}

func (h *sweepHook) decide(ctx context.Context, op *operation, c *Call, call uint64) (eff ruling, decided bool) {
	if h.n == 0 {
		if c.Attempt == 1 {
			h.mu.Lock()
			h.ops = append(h.ops, c.Operation)
			h.mu.Unlock()
		}
		return ruling{}, false
	}
	if !h.calls.pick(h.n, c, call) {
		return ruling{}, false
	}
	h.mu.Lock()
	if h.fired == "" {
		h.fired = c.Operation
	}
	h.mu.Unlock()
	if !h.then.appliesTo(op) {
		return ruling{}, true
	}
	return h.then.act(ctx, c), true
}

func (h *sweepHook) cleanOps() []Operation {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]Operation(nil), h.ops...)
}

// failed returns the failing call's operation ("" if it was never made) and
// how many calls the run made.
func (h *sweepHook) failed() (Operation, int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.fired, int(h.calls.calls.Load())
}
