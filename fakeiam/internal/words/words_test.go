package words

import (
	"strings"
	"testing"
)

// bytewise are the tests as a byte-by-byte reading makes them.
func bytewise(w string) (ascii, printable bool, has [128]bool) {
	ascii, printable = true, true
	for i := range len(w) {
		c := w[i]
		ascii = ascii && c < 0x80
		printable = printable && c >= 0x20 && c <= 0x7E
		if c < 0x80 {
			has[c] = true
		}
	}
	return
}

func check(t *testing.T, w string) {
	t.Helper()
	x := Load(w, 0)
	ascii, printable, has := bytewise(w)
	if ASCII(x) != ascii || Printable(x) != printable {
		t.Fatalf("%q: ASCII %v Printable %v, want %v %v", w, ASCII(x), Printable(x), ascii, printable)
	}
	for _, c := range append([]byte(w), 0, ':', 0x7f, 0x80, 0xff) { // Equal: exact in every byte
		var want uint64
		for i := range 8 {
			if w[i] == c {
				want |= 0x80 << (8 * i)
			}
		}
		if got := Equal(x, c); got != want {
			t.Fatalf("%q: Equal(%#x) = %#x, want %#x", w, c, got, want)
		}
	}
	stop := -1 // StringStop: its lowest flag at the first byte a JSON string does not hold as it is
	for i := range 8 {
		if c := w[i]; c == '"' || c == '\\' || c < 0x20 || c >= 0x80 {
			stop = i
			break
		}
	}
	if m := StringStop(x); stop < 0 && m != 0 || stop >= 0 && (m == 0 || m&-m != 0x80<<(8*stop)) {
		t.Fatalf("%q: StringStop = %#x, want the lowest flag at byte %d", w, m, stop)
	}
	if !ascii {
		return
	}
	for c := range 128 {
		if Lacks(x, byte(c)) == has[c] {
			t.Fatalf("%q: Lacks(%q) = %v", w, c, Lacks(x, byte(c)))
		}
	}
}

// TestWords puts every byte at every position of a word of printable
// characters, and next to each other byte at the word's edges.
func TestWords(t *testing.T) {
	for c := range 256 {
		for at := range 8 {
			w := []byte("Abc-12/x")
			w[at] = byte(c)
			check(t, string(w))
			for d := range 256 {
				w2 := []byte(strings.Repeat("\x00", 8))
				copy(w2, "a~ \x7e\x20<&\"")
				w2[at], w2[(at+1)%8] = byte(c), byte(d)
				check(t, string(w2))
			}
		}
	}
}

func FuzzWords(f *testing.F) {
	f.Add("Abc-12/x")
	f.Add("\x1f\x20\x7e\x7f\x80<>&")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) < 8 {
			return
		}
		check(t, s[:8])
	})
}
