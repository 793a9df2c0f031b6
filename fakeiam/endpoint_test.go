package fakeiam_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// deferredCleanups is a test whose cleanups run when the test says so.
type deferredCleanups struct {
	testing.TB
	mu    sync.Mutex
	funcs []func()
}

func (d *deferredCleanups) Cleanup(f func()) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.funcs = append(d.funcs, f)
}

func (d *deferredCleanups) run() {
	d.mu.Lock()
	funcs := d.funcs
	d.mu.Unlock()
	for i := len(funcs) - 1; i >= 0; i-- {
		funcs[i]()
	}
}

// TestEndpointCleanupEndsHeldRequests: a request a Latency fault holds when
// the test ends gets no answer, and the endpoint's cleanup does not wait
// for the fault's delay.
func TestEndpointCleanupEndsHeldRequests(t *testing.T) {
	f := newFake(fakeiam.User("Bob"))
	held := make(chan struct{})
	var once sync.Once
	f.Inject(fakeiam.Rule{Operation: fakeiam.GetUser,
		If:   func(fakeiam.Call) bool { once.Do(func() { close(held) }); return true }, // just before the delay
		Then: fakeiam.Latency(time.Hour)})
	test := &deferredCleanups{TB: t}
	c := iam.New(overHTTP(f.Client(), f.Endpoint(test)).Options(), func(o *iam.Options) { o.Retryer = aws.NopRetryer{} })
	answered := make(chan error, 1)
	go func() {
		_, err := c.GetUser(context.Background(), &iam.GetUserInput{UserName: aws.String("Bob")})
		answered <- err
	}()
	<-held
	cleaned := make(chan struct{})
	go func() { test.run(); close(cleaned) }()
	// Not a timing: a bound on how long a broken cleanup may hang the suite.
	select {
	case <-cleaned:
	case <-time.After(time.Minute):
		t.Fatal("the endpoint's cleanup still waits for a request held by Latency(1h)")
	}
	if err := <-answered; err == nil {
		t.Error("GetUser held when the test ended: answered, want no answer (a dropped connection)")
	}
	if calls := logged(t, f, fakeiam.GetUser); len(calls) != 1 || calls[0].RequestID != "" || calls[0].Err == nil {
		t.Errorf("call log %+v, want one GetUser attempt with no request id and an error", calls)
	}
}
