package fakeiam

import "time"

// Clock is where the fake reads the time: upload dates, certificate expiry.
// Inject one with WithClock; the default is fixed at DefaultTime, so dates in
// outputs are the same on every run.
type Clock interface {
	Now() time.Time
}

// DefaultTime returns the default clock's time: midnight UTC, 1 January 2026.
func DefaultTime() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }

// ClockFunc adapts a function to Clock, e.g. WithClock(ClockFunc(time.Now)).
type ClockFunc func() time.Time

// Now returns fn().
func (fn ClockFunc) Now() time.Time { return fn() }

type fixedClock struct{}

func (fixedClock) Now() time.Time { return DefaultTime() }

// now is the fake's time: the injected clock plus what Advance added, in
// whole seconds and UTC as IAM reports dates. It takes no lock: the clock is
// user code and never runs under the fake's lock.
func (f *Fake) now() time.Time {
	return f.clock.Now().Add(time.Duration(f.advanced.Load())).UTC().Truncate(time.Second)
}

// Now returns the fake's current time: its clock plus everything Advance added.
func (f *Fake) Now() time.Time { return f.now() }

// Advance moves the fake's time forward by d (backward if d is negative),
// whatever the clock. Later uploads get the new date, and certificates whose
// validity ended before it are refused.
func (f *Fake) Advance(d time.Duration) { f.advanced.Add(int64(d)) }
