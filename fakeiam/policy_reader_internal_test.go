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

// TestRepeatedSid: a Sid repeated anywhere among a document's statements
// is found, whether they are compared pair by pair or looked up in the
// table, the reader's or (above readerKeeps) a table of its own; empty
// Sids repeat freely, Sids differing in case are different (in the table
// only where their hashes meet, which a test cannot arrange: the seed is
// random), and a table lent from one document to the next remembers
// nothing of the first.
func TestRepeatedSid(t *testing.T) {
	doc := func(sids []string) string {
		var b strings.Builder
		b.WriteString(`{"Version":"2012-10-17","Statement":[`)
		for i, sid := range sids {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"Sid":%q,"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`, sid)
		}
		b.WriteString(`]}`)
		return b.String()
	}
	distinct := func(n int) []string {
		sids := make([]string, n)
		for i := range sids {
			sids[i] = fmt.Sprintf("S%d", i)
		}
		return sids
	}
	with := func(sids []string, i int, sid string) []string {
		sids = append([]string(nil), sids...)
		sids[i] = sid
		return sids
	}
	var shared policyReader // lent from one case to the next
	for _, n := range []int{2, sidsCompared, sidsCompared + 1, 54, 300, readerKeeps + 1} {
		for _, tc := range []struct {
			name string
			sids []string
			want bool
		}{
			{"distinct", distinct(n), false},
			{"first and last", with(distinct(n), n-1, "S0"), true},
			{"the last two", with(distinct(n), n-2, fmt.Sprintf("S%d", n-1)), true},
			{"empty Sids", with(with(distinct(n), 0, ""), n-1, ""), false},
			{"differing in case", with(with(distinct(n), 0, "abc"), n-1, "ABC"), false},
			{"distinct again", distinct(n), false},
		} {
			for _, r := range []*policyReader{&shared, new(policyReader)} {
				p, ok := r.parse(doc(tc.sids))
				if !ok {
					t.Fatalf("%d statements, %s: not read", n, tc.name)
				}
				if got := p.repeatedSid(); got != tc.want {
					t.Errorf("%d statements, %s: repeatedSid() = %v, want %v", n, tc.name, got, tc.want)
				}
			}
		}
	}
}

// TestColonsOf: colonsOf, 8 bytes at a time, finds what a byte by byte
// reading finds, for every string of up to 19 bytes over an alphabet of
// a colon, the byte after it (';', which a borrow from a colon would
// flag), a letter and a byte of 0xFF (every string of up to 8 bytes, a
// sample of the longer), and for ARNs with more colons than it keeps.
func TestColonsOf(t *testing.T) {
	byteByByte := func(r string) (c arnColons) {
		for i := 0; i < len(r) && c.n < len(c.at); i++ {
			if r[i] == ':' {
				c.double = c.double || i > 0 && r[i-1] == ':'
				c.at[c.n] = i
				c.n++
			}
		}
		return c
	}
	alphabet := []byte{':', ';', 'a', 0xff}
	checked := 0
	var try func(b []byte)
	try = func(b []byte) {
		if got, want := colonsOf(string(b)), byteByByte(string(b)); got != want {
			t.Errorf("colonsOf(%q) = %+v, want %+v", b, got, want)
		}
		checked++
		if len(b) == 19 || len(b) > 8 && checked%5 != 0 { // all strings up to 8 bytes, a sample beyond
			return
		}
		for _, c := range alphabet {
			try(append(b, c))
		}
	}
	try(nil)
	for _, r := range []string{"arn:aws:s3:::bucket-000/*", "arn:aws:iam::123456789012:role/a:b:c", "::::::::::::::::", "arn:aws:s3:::b;:c", "*"} {
		if got, want := colonsOf(r), byteByByte(r); got != want {
			t.Errorf("colonsOf(%q) = %+v, want %+v", r, got, want)
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
