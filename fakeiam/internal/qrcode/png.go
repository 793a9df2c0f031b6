package qrcode

import (
	"encoding/binary"
	"errors"
	"hash/adler32"
	"hash/crc32"
)

// The PNG is written here, rather than by image/png: a 1-bit grayscale
// image (PNG 1.2, section 4.1.1), its rows the code's own (Code.img) in
// a zlib stream of stored deflate blocks, each chunk's CRC from
// hash/crc32, the stream's checksum from hash/adler32. Only the framing
// of the chunks and of the stored blocks is this package's.
//
// Why not image/png: it writes 1 bit a pixel only for a paletted image,
// which it reads pixel by pixel (BenchmarkImagePNG/1-bit: some 40 µs for
// a version 9 code); its 8-bit grayscale image stored took 3.7 µs
// (BenchmarkImagePNG/8-bit/stored), where CreateVirtualMFADevice's
// budget (1.35 times its floor, BenchmarkPairedRatios) leaves the fake
// some 5 µs of its own, the QR code included.
//
// Why not compress/zlib at NoCompression for the stored blocks, which
// this package used until 2026-12-06: beside the SDK's call its writer
// cost 1.2 µs of the image's 2 (a profile of 200,000
// CreateVirtualMFADevice calls), and the rows had to be copied into it.
// Framed here (appendStored: 5 bytes a block), the template's rows are
// copied once into the PNG itself and the codewords placed there (PNG),
// and CreateVirtualMFADevice went from 1.316-1.335 times its floor to
// 1.292 (3 interleaved runs of each build), against a budget of 1.35.
// Alone, the writer lent from image to image costs 110 ns more than the
// framing (BenchmarkStored: 323-329 ns against 213-229, the checksum
// most of both). TestStoredIsZlibs checks that the bytes are
// compress/zlib's, block for block.

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
	rows := c.img
	if scale != 1 || border != imgBorder {
		rows = c.draw(scale, border)
	}
	out, _ := pngStart((c.Size+2*border)*scale, rows)
	return pngEnd(out, rows), nil
}

// PNG is the PNG of text's code (Encode, then Code.PNG). At 1 pixel a
// module and a quiet zone of 4, what a virtual MFA device's creation
// needs, the code is made in the PNG itself: the template's rows framed,
// then the codewords placed into them.
func PNG(text string, scale, border int) ([]byte, error) {
	if err := checkImage(1, scale, border); err != nil {
		return nil, err
	}
	if scale != 1 || border != imgBorder {
		c, err := Encode(text)
		if err != nil {
			return nil, err
		}
		return c.PNG(scale, border)
	}
	t, err := templateFor(text)
	if err != nil {
		return nil, err
	}
	side, _ := imageRows(t.size)
	out, at := pngStart(side, t.img) // one block: a version 40 image is 4,625 bytes
	c := Code{img: out[at : at+len(t.img)]}
	c.fill(text, t)
	return pngEnd(out, c.img), nil
}

var errBadImage = errors.New("qrcode: an image needs a scale of 1 or more, a border of 0 or more and at most 16,384 pixels a side")

func checkImage(size, scale, border int) error {
	if scale < 1 || border < 0 || scale > maxSide || border > maxSide || (size+2*border)*scale > maxSide {
		return errBadImage
	}
	return nil
}

// pngSignature and pngIEND open and close every PNG; pngIEND is the IEND
// chunk, its CRC included. The IDAT chunk's length is at idatAt, its
// data, the zlib stream, 8 bytes after.
var (
	pngSignature = []byte("\x89PNG\r\n\x1a\n")
	pngIEND      = []byte("\x00\x00\x00\x00IEND\xae\x42\x60\x82")
)

const idatAt = 8 + 25 // the signature, IHDR

// maxStored is the most a stored deflate block holds (RFC 1951, 3.2.4),
// and what compress/flate puts in each at NoCompression.
const maxStored = 65535

// pngStart is a PNG of side pixels square up to its rows, in stored
// blocks, with room for the rest (pngEnd), and where the first block's
// data begins.
func pngStart(side int, rows []byte) (out []byte, at int) {
	blocks := (len(rows) + maxStored - 1) / maxStored
	out = make([]byte, 0, idatAt+8+2+5*(blocks+1)+len(rows)+4+4+len(pngIEND))
	out = append(out, pngSignature...)
	out = append(out, 0, 0, 0, 13, 'I', 'H', 'D', 'R')
	out = binary.BigEndian.AppendUint32(out, uint32(side))
	out = binary.BigEndian.AppendUint32(out, uint32(side))
	out = append(out, 1, 0, 0, 0, 0) // bit depth 1, grayscale, deflate, filter method 0, not interlaced
	out = binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[len(pngSignature)+4:]))
	out = append(out, 0, 0, 0, 0, 'I', 'D', 'A', 'T') // the length is pngEnd's
	out = append(out, 0x78, 0x01)                     // zlib: deflate, a 32 KB window, the lowest level
	at = len(out) + 5
	return appendStored(out, rows), at
}

// appendStored appends data in stored deflate blocks, none of them the
// last: as many as hold it, each full but the last.
func appendStored(out, data []byte) []byte {
	for len(data) > 0 {
		n := min(len(data), maxStored)
		out = append(out, 0, byte(n), byte(n>>8), ^byte(n), ^byte(n>>8))
		out = append(out, data[:n]...)
		data = data[n:]
	}
	return out
}

// pngEnd closes pngStart's PNG, whose rows are rows: an empty last block,
// the stream's checksum, the IDAT chunk's length and CRC, IEND.
func pngEnd(out, rows []byte) []byte {
	out = append(out, 1, 0, 0, 0xff, 0xff)
	out = binary.BigEndian.AppendUint32(out, adler32.Checksum(rows))
	binary.BigEndian.PutUint32(out[idatAt:], uint32(len(out)-idatAt-8))
	out = binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[idatAt+4:]))
	return append(out, pngIEND...)
}

// draw is the image's rows at another scale or border than the code's
// own, a module at a time.
func (c *Code) draw(scale, border int) []byte {
	side := (c.Size + 2*border) * scale
	stride := 1 + (side+7)/8 // a filter byte (0: none), then the pixels
	rows := make([]byte, side*stride)
	for py := range side {
		w := bitWriter{dst: rows[py*stride : (py+1)*stride], o: 1}
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
