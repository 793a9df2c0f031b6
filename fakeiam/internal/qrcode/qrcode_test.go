package qrcode

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	qr "github.com/piglig/go-qr"
)

// goQR is github.com/piglig/go-qr's code of text, made as Encode makes
// its own: byte mode, versions 1 to 40, level M boosted, mask 2.
func goQR(t testing.TB, text string) *qr.QrCode {
	seg, err := qr.MakeBytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	c, err := qr.EncodeSegments([]*qr.QrSegment{seg}, qr.Medium, qr.MinVersion, qr.MaxVersion, Mask, true)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// texts are texts of every length that changes a version or a level, and
// some between: every version from 1 to 40 at each level Encode picks.
func texts() []string {
	r := rand.New(rand.NewPCG(1, 2))
	var out []string
	seen := map[[2]int]bool{}
	for n := 0; n <= 2331; n++ {
		v, l := 0, M
		for v = 1; v <= 40 && dataBits(v, n) > dataCodewords(v, M)*8; v++ {
		}
		for _, x := range []Level{Q, H} {
			if v <= 40 && dataBits(v, n) <= dataCodewords(v, x)*8 {
				l = x
			}
		}
		if seen[[2]int{v, int(l)}] && n%97 != 0 {
			continue
		}
		seen[[2]int{v, int(l)}] = true
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		out = append(out, string(b))
	}
	return out
}

// TestMatchesGoQR: every module of Encode's codes is go-qr's, over every
// version and the levels each reaches.
func TestMatchesGoQR(t *testing.T) {
	versions := map[int]bool{}
	for _, text := range texts() {
		c, err := Encode(text)
		if err != nil {
			t.Fatalf("%d bytes: %v", len(text), err)
		}
		want := goQR(t, text)
		versions[c.Version] = true
		if c.Size != want.Size() {
			t.Fatalf("%d bytes: size %d, go-qr's %d", len(text), c.Size, want.Size())
		}
		bad := 0
		for y := range c.Size {
			for x := range c.Size {
				if c.Dark(x, y) != want.Module(x, y) {
					bad++
				}
			}
		}
		if bad > 0 {
			t.Errorf("%d bytes (version %d, level %d): %d modules differ from go-qr's", len(text), c.Version, c.Level, bad)
		}
	}
	if len(versions) != 40 {
		t.Errorf("versions tried: %d, want 40", len(versions))
	}
}

// TestTemplateShapes: how a version 9 code at level M, a virtual MFA
// device's, places its 292 codewords: 198 a byte a row, 61 split across
// two bytes, 33 bit by bit around the function patterns. A template that
// placed more of them bit by bit would still make right codes
// (TestMatchesGoQR), only slower: this is what keeps the fast path used.
func TestTemplateShapes(t *testing.T) {
	var got struct{ Regular, Split, Irregular int }
	for _, e := range templateOf(9, M).cw {
		switch e.shift {
		case split:
			got.Split++
		case irregular:
			got.Irregular++
		default:
			got.Regular++
		}
	}
	if diff := cmp.Diff(struct{ Regular, Split, Irregular int }{198, 61, 33}, got); diff != "" {
		t.Errorf("codewords by shape (-want +got):\n%s", diff)
	}
}

// TestTooLong: a text no version holds is ErrTooLong, the longest is not.
func TestTooLong(t *testing.T) {
	if _, err := Encode(strings.Repeat("a", 2331)); err != nil {
		t.Errorf("2,331 bytes (version 40-M's capacity): %v", err)
	}
	if _, err := Encode(strings.Repeat("a", 2332)); err != ErrTooLong {
		t.Errorf("2,332 bytes: %v, want ErrTooLong", err)
	}
}

// TestPNG: image/png reads the image; its pixels are the modules, scale
// by scale, with the quiet zone white.
func TestPNG(t *testing.T) {
	for _, text := range []string{"", "otpauth://totp/Amazon%20Web%20Services:alice@123456789012?secret=ABC&issuer=Amazon%20Web%20Services", strings.Repeat("z", 500)} {
		c, err := Encode(text)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct{ scale, border int }{{1, 4}, {2, 4}, {3, 1}} {
			data, err := c.PNG(tc.scale, tc.border)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("version %d, scale %d: %v", c.Version, tc.scale, err)
			}
			side := (c.Size + 2*tc.border) * tc.scale
			if b := img.Bounds(); b != image.Rect(0, 0, side, side) {
				t.Fatalf("bounds %v, want %d square", b, side)
			}
			bad := 0
			for y := range side {
				for x := range side {
					dark := c.Dark(x/tc.scale-tc.border, y/tc.scale-tc.border)
					if g := color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y; (g == 0) != dark || g != 0 && g != 0xff {
						bad++
					}
				}
			}
			if bad > 0 {
				t.Errorf("version %d, scale %d, border %d: %d pixels wrong", c.Version, tc.scale, tc.border, bad)
			}
		}
	}
}

// TestPNGOfText: PNG, which lends its buffers from one image to the
// next, makes the image Encode and Code.PNG make, whichever version came
// before.
func TestPNGOfText(t *testing.T) {
	for _, n := range []int{500, 10, 2000, 0, 150, 150} {
		text := strings.Repeat("q", n)
		c, _ := Encode(text)
		for _, scale := range []int{1, 3} {
			got, err := PNG(text, scale, 4)
			want, _ := c.PNG(scale, 4)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%d bytes, scale %d: PNG differs from Encode's (%v)", n, scale, err)
			}
		}
	}
	if _, err := PNG(strings.Repeat("a", 2332), 1, 4); err != ErrTooLong {
		t.Errorf("too long: %v", err)
	}
	for _, tc := range []struct {
		size, scale, border int
		ok                  bool
	}{
		{177, 88, 4, true},      // version 40: 16,280 pixels a side
		{177, 89, 4, false},     // 16,465
		{177, 92, 0, true},      // 16,284
		{177, 93, 0, false},     // 16,461
		{21, 1, 1 << 40, false}, // a border that would overflow
		{21, 1 << 40, 1, false},
	} {
		if err := checkImage(tc.size, tc.scale, tc.border); (err == nil) != tc.ok {
			t.Errorf("checkImage(%d, %d, %d) = %v, want ok %v", tc.size, tc.scale, tc.border, err, tc.ok)
		}
	}
	for _, tc := range []struct{ scale, border int }{{0, 4}, {-1, 4}, {1, -1}, {1 << 20, 0}} {
		c, _ := Encode("x")
		if _, err := c.PNG(tc.scale, tc.border); err == nil {
			t.Errorf("Code.PNG(%d, %d): no error", tc.scale, tc.border)
		}
		if _, err := PNG("x", tc.scale, tc.border); err == nil {
			t.Errorf("PNG(%d, %d): no error", tc.scale, tc.border)
		}
	}
}

// FuzzEncode: any text is a code or ErrTooLong, never a panic; its PNG
// reads back, and PNG, in its lent buffers, makes the one Code.PNG makes.
func FuzzEncode(f *testing.F) {
	f.Add("otpauth://totp/x")
	f.Add("")
	f.Fuzz(func(t *testing.T, text string) {
		c, err := Encode(text)
		if err != nil {
			if err != ErrTooLong {
				t.Fatal(err)
			}
			if _, err := PNG(text, 1, 4); err != ErrTooLong {
				t.Fatalf("PNG: %v, Encode: ErrTooLong", err)
			}
			return
		}
		for _, border := range []int{0, 4} {
			data, err := c.PNG(1, border)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := png.Decode(bytes.NewReader(data)); err != nil {
				t.Fatal(err)
			}
			if border == 4 {
				if got, err := PNG(text, 1, 4); err != nil || !bytes.Equal(got, data) {
					t.Fatalf("PNG differs from Code.PNG (%v)", err)
				}
			}
		}
	})
}

// A virtual MFA device's URI: a version 9 code.
var benchText = "otpauth://totp/Amazon%20Web%20Services:alice-phone@123456789012?secret=ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJKLMNOPQRSTUVWXYZ234567&issuer=Amazon%20Web%20Services"

func BenchmarkEncode(b *testing.B) {
	for b.Loop() {
		if _, err := Encode(benchText); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGoQR is the same code made by github.com/piglig/go-qr.
func BenchmarkGoQR(b *testing.B) {
	for b.Loop() {
		goQR(b, benchText)
	}
}

// BenchmarkImage is what a virtual MFA device's creation makes: the PNG
// of its URI's code.
func BenchmarkImage(b *testing.B) {
	var n int
	for b.Loop() {
		data, err := PNG(benchText, 1, 4)
		if err != nil {
			b.Fatal(err)
		}
		n = len(data)
	}
	b.ReportMetric(float64(n), "bytes")
}

func BenchmarkPNG(b *testing.B) {
	c, _ := Encode(benchText)
	for _, scale := range []int{1, 2} {
		b.Run(strconv.Itoa(scale)+"px", func(b *testing.B) {
			var n int
			for b.Loop() {
				data, _ := c.PNG(scale, 4)
				n = len(data)
			}
			b.ReportMetric(float64(n), "bytes")
		})
	}
}

// BenchmarkImagePNG is the image written by image/png, the image already
// drawn: 1-bit (a paletted image of two colors, read pixel by pixel),
// 8-bit grayscale compressed (rows filtered) and 8-bit grayscale stored
// (what this package wrote before its own PNG), against BenchmarkPNG's
// 1-bit stored, written here.
func BenchmarkImagePNG(b *testing.B) {
	c, _ := Encode(benchText)
	side := c.Size + 8
	paletted := image.NewPaletted(image.Rect(0, 0, side, side), color.Palette{color.Gray{0}, color.Gray{0xff}})
	gray := image.NewGray(paletted.Rect)
	for y := range side {
		for x := range side {
			if c.Dark(x-4, y-4) {
				gray.Pix[y*gray.Stride+x] = 0
			} else {
				paletted.Pix[y*paletted.Stride+x], gray.Pix[y*gray.Stride+x] = 1, 0xff
			}
		}
	}
	for _, tc := range []struct {
		name  string
		img   image.Image
		level png.CompressionLevel
	}{{"1-bit", paletted, png.BestSpeed}, {"8-bit/compressed", gray, png.BestSpeed}, {"8-bit/stored", gray, png.NoCompression}} {
		b.Run(tc.name, func(b *testing.B) {
			enc := png.Encoder{CompressionLevel: tc.level, BufferPool: &pool{}}
			var n int
			for b.Loop() {
				var out bytes.Buffer
				if err := enc.Encode(&out, tc.img); err != nil {
					b.Fatal(err)
				}
				n = out.Len()
			}
			b.ReportMetric(float64(n), "bytes")
		})
	}
}

type pool struct{ b *png.EncoderBuffer }

func (p *pool) Get() *png.EncoderBuffer  { return p.b }
func (p *pool) Put(b *png.EncoderBuffer) { p.b = b }
