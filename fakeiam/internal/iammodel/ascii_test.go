package iammodel_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fakeaws/fakeaws/fakeiam/internal/iammodel"
)

// classes are the model's patterns that compile to one class, and a class
// that does not hold every printable character (no word-at-a-time scan).
func classes(t testing.TB) []*iammodel.Pattern {
	var out []*iammodel.Pattern
	for _, text := range modelPatterns(iammodel.IAM, iammodel.STS) {
		if p, err := iammodel.Compile(text); err == nil && p.Class != nil {
			out = append(out, p)
		}
	}
	p, err := iammodel.Compile(`[\w+=,.@-]+`)
	if err != nil || p.Class == nil {
		t.Fatalf("the word class: %v", err)
	}
	return append(out, p)
}

// bytewisePrefix is what ASCIIPrefix computes, one byte at a time.
func bytewisePrefix(c *iammodel.Class, s string) int {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf && c.ASCII[s[i]] {
		i++
	}
	return i
}

func asciiBytewise(s string) int {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	return i
}

// TestASCIIPrefix puts every byte that ends a prefix, and every byte next
// to a word's edge, at every position of values longer than a word: the
// eight-at-a-time scan must stop exactly where the byte-by-byte one does.
func TestASCIIPrefix(t *testing.T) {
	cs := classes(t)
	if len(cs) < 10 {
		t.Fatalf("%d classes in the models, want many", len(cs))
	}
	base := strings.Repeat("Abc-123/x", 4) // printable, 36 bytes
	var odd []string
	for b := range 256 {
		odd = append(odd, string([]byte{byte(b)}))
	}
	odd = append(odd, "é", "\u2028", "\U0001D400")
	for _, p := range cs {
		for _, o := range odd {
			for at := 0; at <= len(base); at++ {
				s := base[:at] + o + base[at:]
				if got, want := p.Class.ASCIIPrefix(s), bytewisePrefix(p.Class, s); got != want {
					t.Fatalf("%s: ASCIIPrefix(%q) = %d, want %d", p.Text, s, got, want)
				}
				if got, want := iammodel.ASCIIPrefix(s), asciiBytewise(s); got != want {
					t.Fatalf("ASCIIPrefix(%q) = %d, want %d", s, got, want)
				}
			}
		}
	}
}

func FuzzASCIIPrefix(f *testing.F) {
	cs := classes(f)
	f.Add("Abc-123/xAbc-123/x\tAbc\n~\x7f", uint8(0))
	f.Add(strings.Repeat(" ", 17)+"\x1f", uint8(3))
	f.Fuzz(func(t *testing.T, s string, k uint8) {
		c := cs[int(k)%len(cs)].Class
		if got, want := c.ASCIIPrefix(s), bytewisePrefix(c, s); got != want {
			t.Fatalf("class %d: ASCIIPrefix(%q) = %d, want %d", k, s, got, want)
		}
		if got, want := iammodel.ASCIIPrefix(s), asciiBytewise(s); got != want {
			t.Fatalf("ASCIIPrefix(%q) = %d, want %d", s, got, want)
		}
	})
}

// BenchmarkASCIIPrefix: a 1 KB web identity token's characters, through a
// class holding every printable character, eight bytes at a time against
// byte by byte.
func BenchmarkASCIIPrefix(b *testing.B) {
	p, err := iammodel.Compile(`[\u0009\u000A\u000D\u0020-\u00FF]+`)
	if err != nil {
		b.Fatal(err)
	}
	s := strings.Repeat("eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.", 28)
	b.Run("words", func(b *testing.B) {
		b.SetBytes(int64(len(s)))
		for range b.N {
			if p.Class.ASCIIPrefix(s) != len(s) {
				b.Fatal("short")
			}
		}
	})
	b.Run("bytes", func(b *testing.B) {
		b.SetBytes(int64(len(s)))
		for range b.N {
			if bytewisePrefix(p.Class, s) != len(s) {
				b.Fatal("short")
			}
		}
	})
}
