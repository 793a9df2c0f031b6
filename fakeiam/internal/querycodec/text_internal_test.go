package querycodec

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// plainBytewise is plainPrefix one byte at a time.
func plainBytewise(s string) int {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf && plain[s[i]] != 0 {
		i++
	}
	return i
}

// TestPlainPrefix puts every byte at every position of a text longer than
// a word: the eight-at-a-time scan stops exactly where the byte-by-byte
// one does.
func TestPlainPrefix(t *testing.T) {
	base := strings.Repeat("MIIBkTCB+wIJ/\n", 3) // 42 bytes, newlines in words
	for c := range 256 {
		for at := 0; at <= len(base); at++ {
			s := base[:at] + string([]byte{byte(c)}) + base[at:]
			if got, want := plainPrefix(s), plainBytewise(s); got != want {
				t.Fatalf("plainPrefix(%q) = %d, want %d", s, got, want)
			}
		}
	}
}

func FuzzPlainPrefix(f *testing.F) {
	f.Add("-----BEGIN CERTIFICATE-----\nMIIB<&>'\"\n")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := plainPrefix(s), plainBytewise(s); got != want {
			t.Fatalf("plainPrefix(%q) = %d, want %d", s, got, want)
		}
	})
}

// BenchmarkText: a PEM certificate body (64 characters a line), written as
// character data, eight bytes at a time against byte by byte.
func BenchmarkText(b *testing.B) {
	s := "-----BEGIN CERTIFICATE-----\n" + strings.Repeat(strings.Repeat("MIIBkTCB+wIJAKHHIG", 4)[:64]+"\n", 16) + "-----END CERTIFICATE-----\n"
	b.Run("words", func(b *testing.B) {
		b.SetBytes(int64(len(s)))
		for range b.N {
			if plainPrefix(s) != len(s) {
				b.Fatal("short")
			}
		}
	})
	b.Run("bytes", func(b *testing.B) {
		b.SetBytes(int64(len(s)))
		for range b.N {
			if plainBytewise(s) != len(s) {
				b.Fatal("short")
			}
		}
	})
}

// TestAppendDateTime: the remembered texts are the ones AppendFormat
// writes, for times sharing a second (other nanoseconds), sharing a slot,
// and written again after their slot was taken.
func TestAppendDateTime(t *testing.T) {
	base := time.Date(2026, 12, 5, 18, 0, 0, 0, time.UTC)
	var times []time.Time
	for i := range 3000 {
		times = append(times, base.Add(time.Duration(i)*time.Hour), base.Add(time.Duration(i)*time.Second+time.Duration(i%3)*time.Millisecond))
	}
	for round := range 2 {
		for _, tm := range times {
			if got, want := string(appendDateTime([]byte("x"), tm)), "x"+tm.Format(timeLayout); got != want {
				t.Fatalf("round %d: appendDateTime(%v) = %q, want %q", round, tm, got, want)
			}
		}
	}
}
