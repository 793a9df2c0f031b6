package fakeiam

import (
	"fmt"
	"math"
	"sync/atomic"
	"time"
)

// The fake's time: one clock, injected once with WithClock or WithFixedTime
// (default: the real time, as IAM's), plus what Advance added. Upload dates,
// creation dates and certificate validity all read it.
type clock struct {
	now      func() time.Time // nil: the real time; else user code, never called under the fake's lock
	advanced atomic.Int64     // what Advance added, in nanoseconds
}

// now is the fake's time in whole seconds and UTC, as IAM reports dates.
func (f *Fake) now() time.Time { return f.nowAt(time.Time{}) }

// nowAt is now for a request that arrived at real (the real time, read
// once per request): the fake's time is real itself unless a clock was
// given, which saves reading the machine's clock a second time. A zero
// real means "read it".
func (f *Fake) nowAt(real time.Time) time.Time {
	t := real
	switch {
	case f.clock.now != nil:
		t = f.clock.now()
	case t.IsZero():
		t = time.Now()
	}
	return t.Add(time.Duration(f.clock.advanced.Load())).UTC().Truncate(time.Second)
}

// nowFor is now for attempt a: its request's time of receipt, read when
// its signature was checked, unless a clock was given (nowAt).
func (f *Fake) nowFor(a *attempt) time.Time { return f.nowAt(a.at) }

// Now returns the fake's current time: its clock plus everything Advance
// added, in whole seconds, UTC.
func (f *Fake) Now() time.Time { return f.now() }

// Advance moves the fake's time by d (backward if d is negative), whatever
// the clock: later uploads get the new date, and certificates are judged
// valid or not at it. It returns an error, and leaves the time as it was,
// when the total moved would pass what a time.Duration holds (about 292
// years either way).
func (f *Fake) Advance(d time.Duration) error {
	for {
		old := f.clock.advanced.Load()
		if (d > 0 && old > math.MaxInt64-int64(d)) || (d < 0 && old < math.MinInt64-int64(d)) {
			return fmt.Errorf("fakeiam: Advance(%v): the fake's time would move more than %v from its clock", d, time.Duration(math.MaxInt64))
		}
		if f.clock.advanced.CompareAndSwap(old, old+int64(d)) {
			return nil
		}
	}
}
