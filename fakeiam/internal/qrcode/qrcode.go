// Package qrcode makes the QR code of a virtual MFA device's otpauth URI
// (ISO/IEC 18004) and its image: byte mode, error correction level M or
// higher when the smallest version that holds the text has room for it,
// one fixed mask pattern, any version from 1 to 40. The image is a 1-bit
// grayscale PNG (png.go).
//
// It exists for speed. CreateVirtualMFADevice's budget is 1.35 times its
// floor (docs/architecture.md); github.com/piglig/go-qr, which made the
// fake's codes before, takes 47 to 56 µs a code here (BenchmarkGoQR),
// more than the whole floor, where Encode took 8 (BenchmarkEncode). The
// row went from 8.5-9.4 times its floor to about 1.7, then 1.56 with its
// own PNG (png.go), 1.44 with the Reed-Solomon remainder in registers:
// still over. Its
// tests check every module of its codes against go-qr's (versions 1 to
// 40, each level it reaches) and read its images back with image/png;
// the fake's tests decode them with an independent decoder.
//
// Choice: one mask (Mask) rather than the standard's search of eight for
// the lowest penalty, which costs ten times the rest: every decoder reads
// the mask from the code's format bits.
package qrcode

import (
	"encoding/binary"
	"errors"
	"sync"
)

// Mask is the mask pattern every code uses: pattern 2, a module at
// column x inverted where x is a multiple of 3.
const Mask = 2

// Level is an error correction level.
type Level int

// The levels, weakest first.
const (
	L Level = iota
	M
	Q
	H
)

// formatBits is each level's two bits in the format information.
var formatBits = [4]int{L: 1, M: 0, Q: 3, H: 2}

// eccPerBlock and blocks are the standard's tables: for each level and
// version (index 0 unused), the error correction codewords of each block
// and the number of blocks.
var eccPerBlock = [4][41]int{
	{0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
	{0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28},
	{0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
	{0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
}

var blocks = [4][41]int{
	{0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25},
	{0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49},
	{0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68},
	{0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81},
}

// Code is a QR code: Size modules square, each dark or light.
type Code struct {
	Version int
	Level   Level
	Size    int
	mods    []byte // 1 dark, row by row; 7 bytes of 0 or 1 spare at the end (drawRow reads 8 at a time)
}

// Dark says whether the module at column x, row y is dark; outside the
// code, false.
func (c *Code) Dark(x, y int) bool {
	return x >= 0 && y >= 0 && x < c.Size && y < c.Size && c.mods[y*c.Size+x] == 1
}

// ErrTooLong is Encode's error for a text no version holds.
var ErrTooLong = errors.New("qrcode: the text is too long for a QR code")

// Encode is the code of text in byte mode: the smallest version that
// holds it at level M, at the strongest level that version still holds it.
func Encode(text string) (*Code, error) {
	c := new(Code)
	if err := c.encode(text, nil); err != nil {
		return nil, err
	}
	return c, nil
}

// encode makes c the code of text, its modules in mods when it has room.
func (c *Code) encode(text string, mods []byte) error {
	version, level := 0, M
	for v := 1; v <= 40; v++ {
		if dataBits(v, len(text)) <= dataCodewords(v, M)*8 {
			version = v
			break
		}
	}
	if version == 0 {
		return ErrTooLong
	}
	for _, l := range []Level{Q, H} {
		if dataBits(version, len(text)) <= dataCodewords(version, l)*8 {
			level = l
		}
	}
	data := codewords(text, version, level)
	t := templateOf(version)
	if cap(mods) < len(t.mods)+7 {
		mods = make([]byte, len(t.mods), len(t.mods)+7)
	}
	*c = Code{Version: version, Level: level, Size: t.size, mods: mods[:len(t.mods)]}
	copy(c.mods, t.mods)
	c.place(withECC(data, version, level), t)
	c.drawFormat(level)
	return nil
}

// dataBits is how many bits text of n bytes takes in byte mode: the mode,
// the count (8 bits up to version 9, else 16), the bytes.
func dataBits(version, n int) int {
	count := 8
	if version > 9 {
		count = 16
	}
	if n >= 1<<count {
		return 1 << 30
	}
	return 4 + count + 8*n
}

// rawModules is how many modules of a version hold codewords (and the
// remainder bits): all but the function patterns and format and version
// information.
func rawModules(version int) int {
	n := (16*version+128)*version + 64
	if version >= 2 {
		align := version/7 + 2
		n -= (25*align-10)*align - 55
		if version >= 7 {
			n -= 36
		}
	}
	return n
}

// dataCodewords is how many codewords of a version at a level are data.
func dataCodewords(version int, l Level) int {
	return rawModules(version)/8 - eccPerBlock[l][version]*blocks[l][version]
}

// codewords is text's data codewords: mode 0100, the count, the bytes, a
// terminator of up to four zeros, zeros to the byte, then the pad bytes
// 0xEC and 0x11 by turns.
//
// It writes its bits itself, where png.go's bitWriter would do: through
// the writer's fields, BenchmarkEncode measured 3.23-3.34 µs against
// 3.05-3.13 (3 interleaved runs), on CreateVirtualMFADevice's path.
func codewords(text string, version int, l Level) []byte {
	capacity := dataCodewords(version, l)
	out := make([]byte, 0, capacity)
	var acc uint64 // bits not yet written, at its low end
	var n int
	put := func(v uint64, bits int) {
		acc, n = acc<<bits|v, n+bits
		for n >= 8 {
			out = append(out, byte(acc>>(n-8)))
			n -= 8
		}
	}
	put(4, 4)
	if version > 9 {
		put(uint64(len(text)), 16)
	} else {
		put(uint64(len(text)), 8)
	}
	for i := 0; i < len(text); i++ { // put(text[i], 8) without the loop: one byte out, n the same
		acc = acc<<8 | uint64(text[i])
		out = append(out, byte(acc>>n))
	}
	if len(out)*8+n < capacity*8 {
		term := min(4, capacity*8-len(out)*8-n)
		put(0, term)
	}
	if n > 0 {
		put(0, 8-n)
	}
	for pad := byte(0xEC); len(out) < capacity; pad ^= 0xEC ^ 0x11 {
		out = append(out, pad)
	}
	return out
}

// withECC splits data into the version's blocks, appends each one's
// Reed-Solomon error correction, and interleaves them: every block's
// first codeword, then every second, and so on (the short blocks, first,
// have one data codeword less).
func withECC(data []byte, version int, l Level) []byte {
	nBlocks, eccLen := blocks[l][version], eccPerBlock[l][version]
	raw := rawModules(version) / 8
	short := nBlocks - raw%nBlocks
	shortLen := raw / nBlocks // a short block's codewords, data and ECC
	gen := generator(eccLen)
	out := make([]byte, raw)
	ecc := make([]byte, eccLen)
	at := 0
	for b := range nBlocks {
		n := shortLen - eccLen
		if b >= short {
			n++
		}
		block := data[at : at+n]
		at += n
		remainder(block, gen, ecc)
		for i, c := range block {
			if i < shortLen-eccLen {
				out[i*nBlocks+b] = c
			} else { // a long block's last data codeword, after all the others
				out[(shortLen-eccLen)*nBlocks+b-short] = c
			}
		}
		for i, c := range ecc {
			out[(raw-nBlocks*eccLen)+i*nBlocks+b] = c
		}
	}
	return out
}

// GF(256) with the polynomial x^8+x^4+x^3+x^2+1 (0x11D), by tables.
var gfExp, gfLog = func() (exp [512]byte, log [256]byte) {
	x := 1
	for i := range 255 {
		exp[i] = byte(x)
		log[x] = byte(i)
		x <<= 1
		if x&0x100 != 0 {
			x ^= 0x11D
		}
	}
	for i := 255; i < 512; i++ {
		exp[i] = exp[i-255]
	}
	return
}()

func gfMul(a, b byte) byte {
	if a == 0 || b == 0 {
		return 0
	}
	return gfExp[int(gfLog[a])+int(gfLog[b])]
}

var generators sync.Map // degree -> *genTable

// genTable is a Reed-Solomon generator polynomial as remainder uses it:
// row f is its coefficients times f, highest first without the leading 1,
// as 32 bytes little-endian in 4 words (a degree is at most 30), zero past
// the degree.
type genTable [256][4]uint64

// generator is the table of the generator polynomial of that degree, the
// product of (x - 2^i) for i below it.
func generator(degree int) *genTable {
	if g, ok := generators.Load(degree); ok {
		return g.(*genTable)
	}
	g := make([]byte, degree)
	g[degree-1] = 1
	root := byte(1)
	for range degree {
		for j := range degree {
			g[j] = gfMul(g[j], root)
			if j+1 < degree {
				g[j] ^= g[j+1]
			}
		}
		root = gfMul(root, 2)
	}
	table := new(genTable)
	for f := range 256 {
		var row [32]byte
		for j, c := range g {
			row[j] = gfMul(byte(f), c)
		}
		for w := range 4 {
			table[f][w] = binary.LittleEndian.Uint64(row[8*w:])
		}
	}
	generators.Store(degree, table)
	return table
}

// remainder writes into ecc the remainder of data times x^len(ecc) by the
// generator whose table is gen. The remainder's codewords are 32 bytes in
// four words, the first codeword lowest: each data codeword shifts them
// down by one and adds the generator times the codeword that falls out
// plus the data's, all in registers. Codeword by codeword in memory it
// took 1.1 µs of a version 9 code's 3.7 (BenchmarkEncode); with it, and
// codewords copying the text without its bit loop, BenchmarkEncode went
// from 5.0-5.2 µs to 3.5-4.0 in 3 interleaved runs of the two builds
// (2026-12-06, on a slower hour of the same machine).
func remainder(data []byte, gen *genTable, ecc []byte) {
	var w0, w1, w2, w3 uint64
	for _, d := range data {
		row := &gen[d^byte(w0)]
		w0 = (w0>>8 | w1<<56) ^ row[0]
		w1 = (w1>>8 | w2<<56) ^ row[1]
		w2 = (w2>>8 | w3<<56) ^ row[2]
		w3 = w3>>8 ^ row[3]
	}
	var out [32]byte
	binary.LittleEndian.PutUint64(out[0:], w0)
	binary.LittleEndian.PutUint64(out[8:], w1)
	binary.LittleEndian.PutUint64(out[16:], w2)
	binary.LittleEndian.PutUint64(out[24:], w3)
	copy(ecc, out[:len(ecc)])
}

// template is a version's function patterns: their modules drawn, and
// which modules they are (with the format and version information's).
type template struct {
	size     int
	mods     []byte
	function []bool
	order    []uint16 // the codeword modules in placement order, each pre-masked: see place (a version 40 code has 31,329 modules)
}

var templates [41]struct {
	once sync.Once
	t    *template
}

func templateOf(version int) *template {
	e := &templates[version]
	e.once.Do(func() { e.t = newTemplate(version) })
	return e.t
}

func newTemplate(version int) *template {
	size := version*4 + 17
	t := &template{size: size, mods: make([]byte, size*size), function: make([]bool, size*size)}
	set := func(x, y int, dark bool) {
		t.function[y*size+x] = true
		if dark {
			t.mods[y*size+x] = 1
		} else {
			t.mods[y*size+x] = 0
		}
	}
	for i := range size { // timing patterns
		set(6, i, i%2 == 0)
		set(i, 6, i%2 == 0)
	}
	finder := func(cx, cy int) { // with its separator
		for dy := -4; dy <= 4; dy++ {
			for dx := -4; dx <= 4; dx++ {
				x, y := cx+dx, cy+dy
				if x < 0 || y < 0 || x >= size || y >= size {
					continue
				}
				d := max(abs(dx), abs(dy))
				set(x, y, d != 2 && d != 4)
			}
		}
	}
	finder(3, 3)
	finder(size-4, 3)
	finder(3, size-4)
	pos := alignmentPositions(version)
	for i, y := range pos {
		for j, x := range pos {
			if i == 0 && j == 0 || i == 0 && j == len(pos)-1 || i == len(pos)-1 && j == 0 {
				continue
			}
			for dy := -2; dy <= 2; dy++ {
				for dx := -2; dx <= 2; dx++ {
					set(x+dx, y+dy, max(abs(dx), abs(dy)) != 1)
				}
			}
		}
	}
	// The format information's modules (drawn per code: drawFormat), and
	// the dark module.
	for i := range 9 {
		if i != 6 { // the timing patterns cross there
			set(8, i, false)
			set(i, 8, false)
		}
	}
	for i := range 8 {
		set(size-1-i, 8, false)
		set(8, size-1-i, false)
	}
	set(8, size-8, true)
	if version >= 7 { // the version information
		rem := version
		for range 12 {
			rem = rem<<1 ^ (rem>>11)*0x1F25
		}
		bits := version<<12 | rem
		for i := range 18 {
			dark := bits>>i&1 == 1
			a, b := size-11+i%3, i/3
			set(a, b, dark)
			set(b, a, dark)
		}
	}
	// The codeword modules in placement order: columns in pairs from the
	// right (skipping the vertical timing pattern), up then down.
	for right := size - 1; right >= 1; right -= 2 {
		if right == 6 {
			right = 5
		}
		upward := (right+1)&2 == 0
		for vert := range size {
			y := vert
			if upward {
				y = size - 1 - vert
			}
			for j := range 2 {
				x := right - j
				if !t.function[y*size+x] {
					t.order = append(t.order, uint16(y*size+x))
				}
			}
		}
	}
	// Pre-mask: the light modules the mask turns dark, so that place
	// writes each bit XOR the mask.
	for _, at := range t.order {
		if int(at)%size%3 == 0 {
			t.mods[at] = 1
		}
	}
	return t
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// alignmentPositions is the centers of a version's alignment patterns on
// each axis.
func alignmentPositions(version int) []int {
	if version == 1 {
		return nil
	}
	n := version/7 + 2
	step := 26
	if version != 32 {
		step = (version*4 + n*2 + 1) / (n*2 - 2) * 2
	}
	pos := make([]int, n)
	pos[0] = 6
	for i, p := n-1, version*4+17-7; i >= 1; i, p = i-1, p-step {
		pos[i] = p
	}
	return pos
}

// place writes the codewords' bits over the template's pre-masked
// modules (a bit set inverts the module); the remainder bits stay 0.
func (c *Code) place(data []byte, t *template) {
	mods := c.mods
	for i, d := range data[:min(len(data), len(t.order)/8)] {
		o := t.order[i*8:][:8]
		mods[o[0]] ^= d >> 7
		mods[o[1]] ^= d >> 6 & 1
		mods[o[2]] ^= d >> 5 & 1
		mods[o[3]] ^= d >> 4 & 1
		mods[o[4]] ^= d >> 3 & 1
		mods[o[5]] ^= d >> 2 & 1
		mods[o[6]] ^= d >> 1 & 1
		mods[o[7]] ^= d & 1
	}
}

// drawFormat draws the format information: the level and mask, with
// their BCH code, masked by 0x5412, in its two copies.
func (c *Code) drawFormat(l Level) {
	data := formatBits[l]<<3 | Mask
	rem := data
	for range 10 {
		rem = rem<<1 ^ (rem>>9)*0x537
	}
	bits := (data<<10 | rem) ^ 0x5412
	size := c.Size
	set := func(x, y int, i int) { c.mods[y*size+x] = byte(bits >> i & 1) }
	for i := range 6 {
		set(8, i, i)
	}
	set(8, 7, 6)
	set(8, 8, 7)
	set(7, 8, 8)
	for i := 9; i < 15; i++ {
		set(14-i, 8, i)
	}
	for i := range 8 {
		set(size-1-i, 8, i)
	}
	for i := 8; i < 15; i++ {
		set(8, size-15+i, i)
	}
}
