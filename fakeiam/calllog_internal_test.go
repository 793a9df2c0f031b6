package fakeiam

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// liveHeap is the bytes the heap holds after a full collection (two
// cycles, so objects freed by finalizers of the first are gone too).
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestCallLogCountsWhatItKeeps: the call log fills its budget with errors
// and holds no more memory than it counted: what an error entry keeps is
// what its budget is charged.
func TestCallLogCountsWhatItKeeps(t *testing.T) {
	const budget = 4 << 20
	for _, tc := range []struct {
		name string
		// call makes one attempt that fails.
		call func(f *Fake, c *iam.Client, i int)
	}{
		{"IAM errors", func(_ *Fake, c *iam.Client, i int) {
			if _, err := c.GetUser(context.Background(), &iam.GetUserInput{UserName: aws.String(fmt.Sprint("Nobody", i))}); err == nil {
				panic("GetUser of nobody succeeded")
			}
		}},
		{"contexts ended while a fault held them", func(f *Fake, c *iam.Client, i int) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			remove := f.Inject(Rule{Operation: GetUser, If: func(Call) bool { cancel(); return true }, Then: Latency(time.Hour)})
			defer remove()
			if _, err := c.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("Bob")}); err == nil {
				panic("GetUser held and canceled succeeded")
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := MustNew(CallLogBytes(budget), User("Bob"))
			c := f.Client()
			full := func() bool {
				f.log.mu.Lock()
				defer f.log.mu.Unlock()
				return f.log.dropped > 0
			}
			tc.call(f, c, 0) // the client's own first-call setup, outside the measure
			f.ResetCalls()
			before := liveHeap()
			for i := 1; !full(); i++ {
				tc.call(f, c, i)
			}
			held := int64(liveHeap()) - int64(before)
			f.log.mu.Lock()
			counted, kept := f.log.used, f.log.kept
			f.log.mu.Unlock()
			// What the log holds beyond its count: allocator rounding and the
			// last chunk's unused entries (at most 256 × 160 bytes).
			if slack := int64(counted)/8 + 64<<10; held > int64(counted)+slack {
				t.Errorf("the log holds %d bytes for %d attempts, counted as %d (%.1f×)", held, kept, counted, float64(held)/float64(counted))
			}
			t.Logf("held %d, counted %d, kept %d", held, counted, kept)
			runtime.KeepAlive(f)
		})
	}
}
