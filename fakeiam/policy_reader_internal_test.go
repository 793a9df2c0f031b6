package fakeiam

import (
	"fmt"
	"strings"
	"testing"
)

// TestPolicyReaderStaysSmall: a reader keeps for the next document no more
// than an ordinary document needs. A document that is JSON but no policy
// leaves nothing in it (whether it is JSON is read value by value, no tree
// built), and a reader that read more than readerKeeps statements is not
// given back to the pool, where it would hold them for good.
func TestPolicyReaderStaysSmall(t *testing.T) {
	var r policyReader
	notPolicy := `{"Foo":[` + strings.Repeat("1,", 60000) + `1]}`
	if p, ok := r.parse(notPolicy); ok || !p.json {
		t.Fatalf("a JSON document with no policy in it: ok %v, json %v; want false, true", ok, p.json)
	}
	if n := cap(r.statements) + cap(r.strs) + cap(r.conds); n != 0 {
		t.Errorf("after a JSON document with no policy in it the reader holds %d items, want 0", n)
	}

	statements := func(n int) string {
		var b strings.Builder
		b.WriteString(`{"Version":"2012-10-17","Statement":[`)
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"Sid":"S%d","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`, i)
		}
		b.WriteString(`]}`)
		return b.String()
	}
	for _, tc := range []struct {
		statements int
		small      bool
	}{{54, true}, {300, true}, {readerKeeps + 1, false}} { // two strings a statement
		var r policyReader
		p, ok := r.parse(statements(tc.statements))
		if !ok {
			t.Fatalf("%d statements: not read", tc.statements)
		}
		if err := p.check(managedPolicy); err != nil {
			t.Fatalf("%d statements: %v", tc.statements, err)
		}
		if r.small() != tc.small {
			t.Errorf("after %d statements small() = %v, want %v", tc.statements, r.small(), tc.small)
		}
	}
}

// BenchmarkPolicyDocument is what a 6 KB managed policy's checks cost
// without the SDK around them (BenchmarkPairedRatios/op/CreatePolicy has
// them beside it): reading it into statements, the checks that follow,
// and the two as checkPolicy makes them, with a reader from the pool.
func BenchmarkPolicyDocument(b *testing.B) {
	d := Doc6K
	var r policyReader
	b.Run("read", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if _, ok := r.parse(d); !ok {
				b.Fatal("not read")
			}
		}
	})
	b.Run("check", func(b *testing.B) {
		p, ok := r.parse(d)
		if !ok {
			b.Fatal("not read")
		}
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			if err := p.check(managedPolicy); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("checkPolicy", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if _, err := checkPolicy(d, managedPolicy); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// Doc6K is a policy document of some 6 KB (IAM's quota for a managed
// policy is 6,144 characters without whitespace): BenchmarkPolicyDocument's,
// and the paired benchmark's CreatePolicy row's (exported to the package's
// external tests only: this is a test file).
var Doc6K = func() string {
	var b strings.Builder
	b.WriteString(`{"Version":"2012-10-17","Statement":[`)
	for i := 0; b.Len() < 6000; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"Sid":"S%03d","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::bucket-%03d/*"}`, i, i)
	}
	b.WriteString(`]}`)
	return b.String()
}()
