// Package words scans text eight bytes at a time: the checks of long values
// (a web identity token, a policy document, a certificate body) that would
// otherwise read them byte by byte. A word is eight bytes of a string,
// little-endian; each test reports whether every byte passes, and a caller
// reads a word that fails byte by byte to find which. Equal and
// StringStop answer where instead: 0x80 in the bytes they find.
package words

const (
	lsb  = 0x0101010101010101
	msb  = 0x8080808080808080
	lows = 0x7f7f7f7f7f7f7f7f // every bit but msb's
)

// Load is s[i:i+8] as a little-endian word; the compiler makes it one load.
func Load(s string, i int) uint64 {
	w := s[i : i+8]
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// ASCII reports whether every byte of x is below 0x80.
func ASCII(x uint64) bool { return x&msb == 0 }

// Printable reports whether every byte of x is in 0x20–0x7E. x&msb finds a
// byte of 0x80 or more; when there is none, x-0x20 per byte borrows into
// the high bit of the lowest byte under 0x20 (no byte below it borrows
// first), and x+1 per byte carries into the high bit of a 0x7F.
func Printable(x uint64) bool {
	return (x|(x-0x20*lsb)|(x+lsb))&msb == 0
}

// Lacks reports whether no byte of x, whose bytes are all below 0x80, is c
// (below 0x80): x^c has a zero byte where x has c, and a zero byte, alone
// among bytes below 0x80, borrows into its high bit when 1 is taken from
// it (the lowest zero byte first, which is all the test needs).
func Lacks(x uint64, c byte) bool {
	y := x ^ (lsb * uint64(c))
	return (y-lsb)&^y&msb == 0
}

// Equal has 0x80 in each byte of x that is c and 0 in every other: exact
// in every byte, as no sum carries from one byte into the next (a byte's
// low 7 bits plus 0x7F is at most 0xFE), where Lacks' difference borrows.
func Equal(x uint64, c byte) uint64 {
	y := x ^ (lsb * uint64(c))
	return ^((y&lows + lows) | y | lows)
}

// StringStop has 0x80 in the first byte of x that a JSON string does not
// hold as it is: a quote, a backslash, a control character (below 0x20),
// or a byte of 0x80 or above (UTF-8, checked byte by byte). Only that
// first byte is exact: a borrow may flag bytes after it too.
func StringStop(x uint64) uint64 {
	q, b := x^(lsb*'"'), x^(lsb*'\\')
	return ((q-lsb)&^q | (b-lsb)&^b | (x-0x20*lsb)&^x | x) & msb
}
