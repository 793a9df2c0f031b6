package querycodec

import (
	"strings"
	"testing"
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
