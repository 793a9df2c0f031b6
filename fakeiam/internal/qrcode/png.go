package qrcode

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"sync"
)

// Image is the code as an 8-bit grayscale image: scale pixels a module,
// a quiet zone of border modules, black on white.
func (c *Code) Image(scale, border int) *image.Gray {
	side := (c.Size + 2*border) * scale
	return c.image(scale, border, image.NewGray(image.Rect(0, 0, side, side)))
}

// image draws the code on img, which is its size, without a branch on a
// module: in CreateVirtualMFADevice a mispredicted branch a module cost
// more than the rest of the image.
func (c *Code) image(scale, border int, img *image.Gray) *image.Gray {
	side := img.Rect.Dx()
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for y := range c.Size {
		row := img.Pix[((y+border)*scale)*img.Stride:][:side]
		px := row[border*scale:]
		if scale == 1 {
			for x, m := range c.mods[y*c.Size:][:c.Size] {
				px[x] = 0xff * (1 - m)
			}
		} else {
			for x, m := range c.mods[y*c.Size:][:c.Size] {
				v := 0xff * (1 - m)
				for s := range scale {
					px[x*scale+s] = v
				}
			}
		}
		for dy := 1; dy < scale; dy++ {
			copy(img.Pix[((y+border)*scale+dy)*img.Stride:][:side], row)
		}
	}
	return img
}

// PNG is the code's Image as a PNG, written by image/png without
// compression (stored: its deflate costs more than the code, and its
// filters more again, BenchmarkImagePNG). A scale below 1 or a negative
// border is an error.
func (c *Code) PNG(scale, border int) ([]byte, error) {
	if scale < 1 || border < 0 {
		return nil, errBadImage
	}
	var out bytes.Buffer
	if err := encoder.Encode(&out, c.Image(scale, border)); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

var errBadImage = errors.New("qrcode: an image needs a scale of 1 or more and a border of 0 or more")

// PNG is the PNG of text's code (Encode, then Code.PNG), drawn in buffers
// lent between images: what a virtual MFA device's creation needs.
func PNG(text string, scale, border int) ([]byte, error) {
	if scale < 1 || border < 0 {
		return nil, errBadImage
	}
	s := scratches.Get().(*scratch)
	defer scratches.Put(s)
	var c Code
	if err := c.encode(text, s.mods); err != nil {
		return nil, err
	}
	s.mods = c.mods
	side := (c.Size + 2*border) * scale
	if cap(s.img.Pix) < side*side {
		s.img.Pix = make([]byte, side*side)
	}
	s.img.Pix, s.img.Stride, s.img.Rect = s.img.Pix[:side*side], side, image.Rect(0, 0, side, side)
	out := bytes.NewBuffer(make([]byte, 0, side*(side+1)+128)) // the rows stored, and the chunks around them
	if err := encoder.Encode(out, c.image(scale, border, &s.img)); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// scratch is what PNG draws in: the modules and the image.
type scratch struct {
	mods []byte
	img  image.Gray
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}

var encoder = png.Encoder{CompressionLevel: png.NoCompression, BufferPool: &encoders{}}

// encoders lends image/png its encoder (with its compressor) between
// images: a new one costs more than an image.
type encoders struct{ p sync.Pool }

func (e *encoders) Get() *png.EncoderBuffer {
	b, _ := e.p.Get().(*png.EncoderBuffer)
	return b
}

func (e *encoders) Put(b *png.EncoderBuffer) { e.p.Put(b) }
