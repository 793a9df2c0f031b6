// Package qrcode makes the QR code of a virtual MFA device's otpauth URI
// (ISO/IEC 18004) and its image: byte mode, error correction level M or
// higher when the smallest version that holds the text has room for it,
// one fixed mask pattern, any version from 1 to 40. The image is a 1-bit
// grayscale PNG (png.go).
//
// It exists for speed. CreateVirtualMFADevice's budget is 1.35 times its
// floor (docs/architecture.md); github.com/piglig/go-qr, which made the
// fake's codes before, takes 33 to 56 µs a code here (BenchmarkGoQR),
// more than the whole floor. The row went from 8.5-9.4 times its floor
// to about 1.7, then 1.56 with its own PNG (png.go) and 1.43 with the
// Reed-Solomon remainder in registers. Since 2026-12-06 a code is kept
// as its image's rows (Code.img), its codewords placed into them two
// bits a row from a template per version and level (place), and two
// blocks' error correction computed at once (remainder2): the row
// measures 1.291-1.295 (3 runs interleaved with the build before, at
// 1.420-1.432), BenchmarkImage, all a device's image costs, 2.4-2.7 µs
// where BenchmarkEncode and BenchmarkPNG/1px took 3.1 and 2.0 together.
// Its tests check every module of its codes against go-qr's (versions 1
// to 40, each level it reaches) and read its images back with
// image/png; the fake's tests decode them with an independent decoder.
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
	img     []byte // the code drawn as its PNG's rows (imageRows)
}

// The code is kept as the rows of its image at 1 pixel a module with a
// quiet zone of imgBorder modules, the image CreateVirtualMFADevice
// answers with: each row a filter byte (0, none), then 1 bit a pixel,
// most significant first, 1 light, the last byte padded with 1s. The
// codewords are placed into those rows (place) and PNG frames them as
// they are. Why: drawing the image from a byte a module, as this package
// did, cost as much as placing the codewords (BenchmarkPNG/1px: 2.0 µs of
// 2.4, 1.45 of it gathering the modules' bits).
const imgBorder = 4

// imageRows is the side and the row length, in bytes, of a code of that
// size drawn so.
func imageRows(size int) (side, stride int) {
	side = size + 2*imgBorder
	return side, 1 + (side+7)/8
}

// Dark says whether the module at column x, row y is dark; outside the
// code, false.
func (c *Code) Dark(x, y int) bool {
	if x < 0 || y < 0 || x >= c.Size || y >= c.Size {
		return false
	}
	_, stride := imageRows(c.Size)
	p := imgBorder + x
	return c.img[(imgBorder+y)*stride+1+p/8]>>(7-p%8)&1 == 0
}

// ErrTooLong is Encode's error for a text no version holds.
var ErrTooLong = errors.New("qrcode: the text is too long for a QR code")

// Encode is the code of text in byte mode: the smallest version that
// holds it at level M, at the strongest level that version still holds it.
func Encode(text string) (*Code, error) {
	t, err := templateFor(text)
	if err != nil {
		return nil, err
	}
	c := &Code{img: append([]byte(nil), t.img...)}
	c.fill(text, t)
	return c, nil
}

// templateFor is the template of text's code (Encode).
func templateFor(text string) (*template, error) {
	version, level := 0, M
	for v := 1; v <= 40; v++ {
		if dataBits(v, len(text)) <= dataCodewords(v, M)*8 {
			version = v
			break
		}
	}
	if version == 0 {
		return nil, ErrTooLong
	}
	for _, l := range []Level{Q, H} {
		if dataBits(version, len(text)) <= dataCodewords(version, l)*8 {
			level = l
		}
	}
	return templateOf(version, level), nil
}

// fill makes c the code of text, c.img a copy of t's image.
func (c *Code) fill(text string, t *template) {
	c.Version, c.Level, c.Size = t.version, t.level, t.size
	var buf [256]byte // a version 9 code at level M holds 180 data codewords
	c.placeBlocks(codewords(buf[:0], text, t.version, t.level), t)
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
func codewords(dst []byte, text string, version int, l Level) []byte {
	capacity := dataCodewords(version, l)
	out := dst[:0]
	if cap(out) < capacity {
		out = make([]byte, 0, capacity)
	}
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

// placeBlocks splits data into t's blocks, and places each one's
// codewords and then its Reed-Solomon error correction: t.cw lists their
// places in that order, the interleaving of the blocks (every block's
// first codeword, then every second, and so on) made once in
// newTemplate. The short blocks, first, have one data codeword less.
func (c *Code) placeBlocks(data []byte, t *template) {
	var ecc, ecc2 [32]byte // at most 30 a block
	at, k := 0, 0
	next := func(b int) []byte {
		n := t.shortData
		if b >= t.short {
			n++
		}
		block := data[at : at+n]
		at += n
		return block
	}
	put := func(block, e []byte) {
		c.place(block, t.cw[k:k+len(block)], t.irr)
		k += len(block)
		c.place(e, t.cw[k:k+len(e)], t.irr)
		k += len(e)
	}
	b := 0
	for ; b+1 < t.blocks; b += 2 {
		x, y := next(b), next(b+1)
		ex, ey := ecc[:t.eccLen], ecc2[:t.eccLen]
		remainder2(x, y, t.gen, ex, ey)
		put(x, ex)
		put(y, ey)
	}
	if b < t.blocks {
		x := next(b)
		e := ecc[:t.eccLen]
		remainder(x, t.gen, e)
		put(x, e)
	}
}

// remainder2 is remainder of two blocks at once, y at most one codeword
// longer than x: two chains of loads for the processor to overlap, each
// codeword's row depending on the one before. BenchmarkImage went from
// 2.45-2.76 µs to 2.27-2.73 (5 interleaved runs), and
// CreateVirtualMFADevice from 1.295-1.302 times its floor to 1.275-1.283
// (3), both with the PNG's stored blocks then framed by hand.
func remainder2(x, y []byte, gen *genTable, ex, ey []byte) {
	var a, b rsRegs
	y0 := y[:len(x)]
	for i, d := range x {
		a, b = a.step(gen, d), b.step(gen, y0[i])
	}
	for _, d := range y[len(x):] {
		b = b.step(gen, d)
	}
	a.put(ex)
	b.put(ey)
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
	var r rsRegs
	for _, d := range data {
		r = r.step(gen, d)
	}
	r.put(ecc)
}

// rsRegs is a remainder being computed: its 32 bytes in four words, the
// first codeword lowest.
type rsRegs struct{ w0, w1, w2, w3 uint64 }

// step is r after data codeword d: shifted down by one, plus the
// generator times the codeword that falls out plus d.
func (r rsRegs) step(gen *genTable, d byte) rsRegs {
	row := &gen[d^byte(r.w0)]
	return rsRegs{(r.w0>>8 | r.w1<<56) ^ row[0], (r.w1>>8 | r.w2<<56) ^ row[1], (r.w2>>8 | r.w3<<56) ^ row[2], r.w3>>8 ^ row[3]}
}

// put writes r's first len(ecc) codewords into ecc.
func (r rsRegs) put(ecc []byte) {
	var out [32]byte
	binary.LittleEndian.PutUint64(out[0:], r.w0)
	binary.LittleEndian.PutUint64(out[8:], r.w1)
	binary.LittleEndian.PutUint64(out[16:], r.w2)
	binary.LittleEndian.PutUint64(out[24:], r.w3)
	copy(ecc, out[:len(ecc)])
}

// template is a version's code at a level before its codewords: its
// image (Code.img) with the function patterns, the format and version
// information drawn and the codeword modules pre-masked, and where each
// codeword goes (place).
type template struct {
	version int
	level   Level
	size    int
	img     []byte
	cw      []cwPlace // one a codeword, in the blocks' order (placeBlocks)
	irr     []bitPlace

	blocks, short int // how many blocks, how many of them short
	shortData     int // a short block's data codewords
	eccLen        int // each block's error correction codewords
	gen           *genTable
}

// cwPlace is where a codeword's 8 bits go. Most codewords fill 2
// columns in 4 rows, 2 bits a row, the right column first: at holds the
// offset in the image of each row's byte, which holds the row's pair,
// its right pixel at bit shift and its left at shift+1. Where a pair
// straddles two bytes (shift split), the left pixel is bit 0 of at[k] and
// the right bit 7 of at[k]+1. The others (shift irregular), which a
// function pattern or a turn of the placement breaks, have their bits one
// by one from irr[at[0]].
//
// Why bytes, not 16-bit words over the pair wherever it falls: a word
// read over bytes stored just before, by the column pair beside it,
// waits for those stores (BenchmarkEncode 3.77 µs with words, 2.2-2.4
// with bytes).
type cwPlace struct {
	at    [4]uint16 // a version 40 image is 4,625 bytes; its irregular codewords' bits fewer than 65,536
	shift uint8
}

const (
	split     = 0xfe
	irregular = 0xff
)

// bitPlace is one bit's place: the image's byte at, the bit set in mask.
type bitPlace struct {
	at   uint16
	mask byte
}

var templates [41][4]struct {
	once sync.Once
	t    *template
}

func templateOf(version int, l Level) *template {
	e := &templates[version][l]
	e.once.Do(func() { e.t = newTemplate(version, l) })
	return e.t
}

// newTemplate draws the template a module a byte, then as the image.
func newTemplate(version int, level Level) *template {
	size := version*4 + 17
	mods, function := make([]byte, size*size), make([]bool, size*size)
	set := func(x, y int, dark bool) {
		function[y*size+x] = true
		if dark {
			mods[y*size+x] = 1
		} else {
			mods[y*size+x] = 0
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
	// The format information's modules (drawFormat draws them below), and
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
	drawFormat(mods, size, level)
	// The codeword modules in placement order: columns in pairs from the
	// right (skipping the vertical timing pattern), up then down.
	var order []int
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
				if !function[y*size+x] {
					order = append(order, y*size+x)
				}
			}
		}
	}
	// Pre-mask: the light modules the mask turns dark, so that place
	// writes each bit XOR the mask.
	for _, at := range order {
		if at%size%3 == 0 {
			mods[at] = 1
		}
	}

	side, stride := imageRows(size)
	t := &template{version: version, level: level, size: size, img: make([]byte, side*stride)}
	for y := range side {
		for i := 1; i < stride; i++ {
			t.img[y*stride+i] = 0xff
		}
	}
	pixel := func(at int) bitPlace { // module at's byte and bit in the image
		x, y := imgBorder+at%size, imgBorder+at/size
		return bitPlace{uint16(y*stride + 1 + x/8), 1 << (7 - x%8)}
	}
	for at, m := range mods {
		if m == 1 {
			p := pixel(at)
			t.img[p.at] &^= p.mask
		}
	}
	var stream []cwPlace // the codewords' places in placement order
	for i := 0; i+8 <= len(order); i += 8 {
		o := order[i : i+8]
		x := o[0] % size
		p := cwPlace{shift: uint8(6 - (imgBorder+x-1)%8)} // the right pixel's bit; the left one's, shift+1
		if (imgBorder+x-1)%8 == 7 {
			p.shift = split
		}
		for k := range 4 {
			y := o[2*k] / size
			if o[2*k]%size != x || o[2*k+1] != o[2*k]-1 {
				p.shift = irregular
				break
			}
			p.at[k] = uint16((imgBorder+y)*stride + 1 + (imgBorder+x-1)/8)
		}
		if p.shift == irregular {
			p.at[0] = uint16(len(t.irr))
			for _, at := range o {
				t.irr = append(t.irr, pixel(at))
			}
		}
		stream = append(stream, p)
	}

	// The blocks' order (placeBlocks): each block's data codewords, then
	// its error correction; in the stream, every block's first codeword,
	// then every second, and so on, the long blocks' last data codeword
	// after all the others, then the error correction the same way.
	t.blocks, t.eccLen = blocks[level][version], eccPerBlock[level][version]
	raw := len(stream)
	t.short = t.blocks - raw%t.blocks
	t.shortData = raw/t.blocks - t.eccLen
	t.gen = generator(t.eccLen)
	for b := range t.blocks {
		for i := range t.shortData {
			t.cw = append(t.cw, stream[i*t.blocks+b])
		}
		if b >= t.short {
			t.cw = append(t.cw, stream[t.shortData*t.blocks+b-t.short])
		}
		for i := range t.eccLen {
			t.cw = append(t.cw, stream[raw-t.blocks*t.eccLen+i*t.blocks+b])
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
// modules (a bit set inverts the module, 1 light or 0 dark); the
// remainder bits stay as the template has them. A regular codeword's
// pairs, right column first, are its bits swapped two by two.
func (c *Code) place(data []byte, places []cwPlace, irr []bitPlace) {
	img := c.img
	for i, d := range data[:min(len(data), len(places))] {
		e := &places[i]
		if e.shift == irregular {
			b := irr[e.at[0]:][:8]
			img[b[0].at] ^= b[0].mask & -(d >> 7)
			img[b[1].at] ^= b[1].mask & -(d >> 6 & 1)
			img[b[2].at] ^= b[2].mask & -(d >> 5 & 1)
			img[b[3].at] ^= b[3].mask & -(d >> 4 & 1)
			img[b[4].at] ^= b[4].mask & -(d >> 3 & 1)
			img[b[5].at] ^= b[5].mask & -(d >> 2 & 1)
			img[b[6].at] ^= b[6].mask & -(d >> 1 & 1)
			img[b[7].at] ^= b[7].mask & -(d & 1)
			continue
		}
		if e.shift == split {
			img[e.at[0]] ^= d >> 6 & 1
			img[e.at[0]+1] ^= d & 0x80
			img[e.at[1]] ^= d >> 4 & 1
			img[e.at[1]+1] ^= d << 2 & 0x80
			img[e.at[2]] ^= d >> 2 & 1
			img[e.at[2]+1] ^= d << 4 & 0x80
			img[e.at[3]] ^= d & 1
			img[e.at[3]+1] ^= d << 6 & 0x80
			continue
		}
		s := d&0xAA>>1 | d&0x55<<1
		sh := e.shift & 7
		img[e.at[0]] ^= s >> 6 & 3 << sh
		img[e.at[1]] ^= s >> 4 & 3 << sh
		img[e.at[2]] ^= s >> 2 & 3 << sh
		img[e.at[3]] ^= s & 3 << sh
	}
}

// drawFormat draws the format information into mods, a module a byte:
// the level and mask, with their BCH code, masked by 0x5412, in its two
// copies.
func drawFormat(mods []byte, size int, l Level) {
	data := formatBits[l]<<3 | Mask
	rem := data
	for range 10 {
		rem = rem<<1 ^ (rem>>9)*0x537
	}
	bits := (data<<10 | rem) ^ 0x5412
	set := func(x, y int, i int) { mods[y*size+x] = byte(bits >> i & 1) }
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
