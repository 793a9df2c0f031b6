package qrcode

import (
	"compress/zlib"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"sync"
)

// The PNG is written here, chunk by chunk, rather than by image/png: a
// 1-bit grayscale image (PNG 1.2, section 4.1.1), its rows the code's own
// (Code.img) stored by compress/zlib without compression, each chunk's
// CRC from hash/crc32. Only the chunks' framing is this package's.
//
// Why: image/png writes 1 bit a pixel only for a paletted image, which it
// reads pixel by pixel (BenchmarkImagePNG/1-bit: some 40 µs for a version
// 9 code); its 8-bit grayscale image stored took 3.7 µs
// (BenchmarkImagePNG/8-bit/stored), where CreateVirtualMFADevice's
// budget (1.35 times its floor, BenchmarkPairedRatios) leaves the fake
// some 5 µs of its own, the QR code included.

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
	t, err := templateFor(text)
	if err != nil {
		return nil, err
	}
	if err := checkImage(t.size, scale, border); err != nil {
		return nil, err
	}
	s := scratches.Get().(*scratch)
	defer scratches.Put(s)
	if cap(s.img) < len(t.img) {
		s.img = make([]byte, len(t.img))
	}
	c := Code{img: s.img[:len(t.img)]}
	copy(c.img, t.img)
	c.fill(text, t)
	return c.png(scale, border, s)
}

var errBadImage = errors.New("qrcode: an image needs a scale of 1 or more, a border of 0 or more and at most 16,384 pixels a side")

func checkImage(size, scale, border int) error {
	if scale < 1 || border < 0 || scale > maxSide || border > maxSide || (size+2*border)*scale > maxSide {
		return errBadImage
	}
	return nil
}

// scratch is what PNG works in: the code's image, the rows of another
// scale or border, the compressor.
type scratch struct {
	img  []byte
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

// png writes c's image, which checkImage allowed, in s: the code's own
// rows at 1 pixel a module and a quiet zone of imgBorder, else rows drawn
// from them.
func (c *Code) png(scale, border int, s *scratch) ([]byte, error) {
	side := (c.Size + 2*border) * scale
	rows := c.img
	if scale != 1 || border != imgBorder {
		rows = c.draw(scale, border, s)
	}
	n := len(rows)

	// The stored deflate stream adds 5 bytes a block of up to 65,535 and
	// an empty last block, and zlib 6; the chunks 12 bytes each and IHDR's
	// 13.
	out := make([]byte, 0, len(pngSignature)+25+12+2+n+5*(n/65535+2)+4+len(pngEnd))
	out = append(out, pngSignature...)
	out = append(out, 0, 0, 0, 13, 'I', 'H', 'D', 'R')
	out = binary.BigEndian.AppendUint32(out, uint32(side))
	out = binary.BigEndian.AppendUint32(out, uint32(side))
	out = append(out, 1, 0, 0, 0, 0) // bit depth 1, grayscale, deflate, filter method 0, not interlaced
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

// draw is the image's rows at another scale or border than the code's
// own, a module at a time.
func (c *Code) draw(scale, border int, s *scratch) []byte {
	side := (c.Size + 2*border) * scale
	stride := 1 + (side+7)/8 // a filter byte (0: none), then the pixels
	n := side * stride
	if cap(s.rows) < n {
		s.rows = make([]byte, n)
	}
	rows := s.rows[:n]
	for py := range side {
		w := bitWriter{dst: rows[py*stride : (py+1)*stride], o: 1}
		w.dst[0] = 0 // the filter: none
		y := py/scale - border
		w.ones(border * scale)
		for x := range c.Size {
			if c.Dark(x, y) {
				w.zeros(scale)
			} else {
				w.ones(scale)
			}
		}
		w.ones(border * scale)
		w.pad()
	}
	return rows
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
