package qrcode

import (
	"compress/zlib"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"sync"
)

// The PNG is written here, chunk by chunk, rather than by image/png: a
// 1-bit grayscale image (PNG 1.2, section 4.1.1), its rows stored by
// compress/zlib without compression, each chunk's CRC from hash/crc32.
// Only the chunks' framing is this package's.
//
// Why: image/png writes 1 bit a pixel only for a paletted image, which it
// reads pixel by pixel (BenchmarkImagePNG/1-bit: some 35 µs for a version
// 9 code). Its 8-bit grayscale image stored, what this package used
// before, took 6.6 µs with the image drawn (BenchmarkPNG/1px then; 3.5
// µs of it image/png's, BenchmarkImagePNG/8-bit/stored), where
// CreateVirtualMFADevice's budget (1.35 times its floor,
// BenchmarkPairedRatios) leaves the QR code and its image some 5 to 6 µs
// together, and Encode takes 3.7 of them. Written here, the same image
// takes 1.7 µs (BenchmarkPNG/1px), a sixth of the bytes (622), and the
// row went from 1.74 times its floor to 1.54.

// maxSide bounds an image's side in pixels: a code of version 40 at 88
// pixels a module with a quiet zone of 4 modules (16,280 pixels). Its rows
// take some 33 MB.
const maxSide = 1 << 14

// PNG is the code as a PNG: scale pixels a module, a quiet zone of border
// modules, black on white, 1 bit a pixel. A scale below 1, a negative
// border or an image wider than 16,384 pixels is an error.
func (c *Code) PNG(scale, border int) ([]byte, error) {
	if err := checkImage(c.Size, scale, border); err != nil {
		return nil, err
	}
	s := scratches.Get().(*scratch)
	defer scratches.Put(s)
	return c.png(scale, border, s)
}

// PNG is the PNG of text's code (Encode, then Code.PNG), made in buffers
// lent between images: what a virtual MFA device's creation needs.
func PNG(text string, scale, border int) ([]byte, error) {
	if err := checkImage(1, scale, border); err != nil {
		return nil, err
	}
	s := scratches.Get().(*scratch)
	defer scratches.Put(s)
	var c Code
	if err := c.encode(text, s.mods); err != nil {
		return nil, err
	}
	s.mods = c.mods
	if err := checkImage(c.Size, scale, border); err != nil {
		return nil, err
	}
	return c.png(scale, border, s)
}

var errBadImage = errors.New("qrcode: an image needs a scale of 1 or more, a border of 0 or more and at most 16,384 pixels a side")

func checkImage(size, scale, border int) error {
	if scale < 1 || border < 0 || scale > maxSide || border > maxSide || (size+2*border)*scale > maxSide {
		return errBadImage
	}
	return nil
}

// scratch is what PNG works in: the modules, the rows, the compressor.
type scratch struct {
	mods []byte
	rows []byte
	zw   *zlib.Writer
	out  appender // what zw writes to
}

var scratches = sync.Pool{New: func() any {
	zw, _ := zlib.NewWriterLevel(nil, zlib.NoCompression) // the level is valid
	return &scratch{zw: zw}
}}

// pngSignature and pngEnd open and close every PNG; pngEnd is the IEND
// chunk, its CRC included.
var (
	pngSignature = []byte("\x89PNG\r\n\x1a\n")
	pngEnd       = []byte("\x00\x00\x00\x00IEND\xae\x42\x60\x82")
)

// png writes c's image, which checkImage allowed, in s.
func (c *Code) png(scale, border int, s *scratch) ([]byte, error) {
	side := (c.Size + 2*border) * scale
	stride := 1 + (side+7)/8 // a filter byte (0: none), then the pixels
	n := side * stride
	if cap(s.rows) < n {
		s.rows = make([]byte, n)
	}
	rows := s.rows[:n]
	quiet := rows[:stride]
	quiet[0] = 0
	for i := 1; i < stride; i++ {
		quiet[i] = 0xff
	}
	for y := 1; y < border*scale; y++ {
		copy(rows[y*stride:], quiet)
	}
	for y := range c.Size {
		at := (border + y) * scale * stride
		row := rows[at : at+stride : at+stride]
		c.drawRow(row, y, scale, border)
		for dy := 1; dy < scale; dy++ {
			copy(rows[at+dy*stride:], row)
		}
	}
	for y := (border + c.Size) * scale; y < side; y++ {
		copy(rows[y*stride:], quiet)
	}

	// The stored deflate stream adds 5 bytes a block of up to 65,535 and
	// an empty last block, and zlib 6; the chunks 12 bytes each and IHDR's
	// 13.
	out := make([]byte, 0, len(pngSignature)+25+12+2+n+5*(n/65535+2)+4+len(pngEnd))
	out = append(out, pngSignature...)
	out = append(out, 0, 0, 0, 13, 'I', 'H', 'D', 'R')
	out = binary.BigEndian.AppendUint32(out, uint32(side))
	out = binary.BigEndian.AppendUint32(out, uint32(side))
	out = append(out, 1, 0, 0, 0, 0) // bit depth 1, grayscale, deflate, no filter method beyond 0, not interlaced
	out = binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[len(pngSignature)+4:]))
	at := len(out)
	out = append(out, 0, 0, 0, 0, 'I', 'D', 'A', 'T')
	s.out.b = out
	s.zw.Reset(&s.out)
	_, err := s.zw.Write(rows)
	if err == nil {
		err = s.zw.Close()
	}
	out, s.out.b = s.out.b, nil
	if err != nil {
		return nil, err
	}
	binary.BigEndian.PutUint32(out[at:], uint32(len(out)-at-8))
	out = binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[at+4:]))
	return append(out, pngEnd...), nil
}

// drawRow writes code row y's pixels into row (a filter byte, then
// 1 bit a pixel, most significant first, 1 light). At 1 pixel a module
// it packs 8 modules at once: mods holds one byte a module, 0 or 1, and
// the multiplication gathers the low bit of each of 8 bytes into its top
// byte, the first module highest. The last 8 of a row reach into the
// next row, or the 7 bytes spare after the last (Code.mods); the bits
// they give are shifted out.
func (c *Code) drawRow(row []byte, y, scale, border int) {
	row[0] = 0
	w := bitWriter{dst: row, o: 1}
	w.ones(border * scale)
	if scale == 1 {
		at := y * c.Size
		mods := c.mods[at : at+(c.Size+7)&^7]
		for i := 0; i < len(mods); i += 8 {
			light := ^(binary.LittleEndian.Uint64(mods[i:]) * 0x8040201008040201)
			if k := c.Size - i; k < 8 {
				w.put(light>>(64-k), k)
			} else {
				w.put8(light >> 56)
			}
		}
	} else {
		for _, m := range c.mods[y*c.Size:][:c.Size] {
			if m == 1 {
				w.zeros(scale)
			} else {
				w.ones(scale)
			}
		}
	}
	w.ones(border * scale)
	w.pad()
}

// bitWriter writes bits into dst from index o, most significant first.
type bitWriter struct {
	dst []byte
	o   int
	acc uint64
	n   int // bits in acc not yet written, fewer than 8
}

// put writes v's low k bits, k at most 32.
func (w *bitWriter) put(v uint64, k int) {
	w.acc = w.acc<<k | v
	w.n += k
	for w.n >= 8 {
		w.n -= 8
		w.dst[w.o] = byte(w.acc >> w.n)
		w.o++
	}
}

// put8 writes v's low 8 bits: one byte out, whatever n.
func (w *bitWriter) put8(v uint64) {
	w.acc = w.acc<<8 | v
	w.dst[w.o] = byte(w.acc >> w.n)
	w.o++
}

func (w *bitWriter) ones(k int) {
	for ; k > 32; k -= 32 {
		w.put(1<<32-1, 32)
	}
	w.put(1<<k-1, k)
}

func (w *bitWriter) zeros(k int) {
	for ; k > 32; k -= 32 {
		w.put(0, 32)
	}
	w.put(0, k)
}

// pad fills the last byte with light pixels.
func (w *bitWriter) pad() {
	if w.n > 0 {
		w.put(1<<(8-w.n)-1, 8-w.n)
	}
}

// appender is an io.Writer appending to b: where the compressor writes
// the image's data, after the chunks before it.
type appender struct{ b []byte }

func (a *appender) Write(p []byte) (int, error) {
	a.b = append(a.b, p...)
	return len(p), nil
}
