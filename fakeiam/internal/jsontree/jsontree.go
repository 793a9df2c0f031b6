// Package jsontree parses a JSON text (RFC 8259) into a tree of values in
// one pass, for documents that are checked element by element and then
// kept as text (IAM's policy documents). It accepts what
// encoding/json.Valid accepts nested at most MaxDepth levels (FuzzParse),
// keeps an object's members in document order (a repeated name appears
// twice), and keeps numbers as their text.
//
// Why not encoding/json: the checks need members in order and repeated
// names, which only its Decoder.Token gives. BenchmarkParse reads a 6 KB
// policy document (a managed policy's most) each way; on the 2-vCPU
// machine of the write budgets (go test -bench BenchmarkParse -benchmem
// -count 3, medians): this package 74 µs and 16 allocations,
// Decoder.Token 269 µs and 3,123 allocations, Unmarshal into any (which
// keeps neither order nor repeats) 122 µs and 973 allocations. A write's
// floor is about 25 µs (BenchmarkPairedRatios), so a document read by
// Decoder.Token alone would put CreatePolicy above 10 × its floor against
// a budget of 1.35.
package jsontree

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// Kind is a JSON value's type.
type Kind uint8

// The kinds of JSON values.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

// MaxDepth is how deeply arrays and objects may nest.
const MaxDepth = 1000

// Value is a parsed JSON value.
type Value struct {
	Kind Kind
	// Start and End are where an array or object is in the text: the
	// offset of its opening bracket and the offset just after its closing
	// one (0 for the other kinds): where a policy's statements are
	// (internal/policyeval). As int32s beside Kind they make a Value 80
	// bytes rather than 72 (two ints: 88); the documents this package
	// reads are at most 131,072 bytes, IAM's largest policy.
	Start, End int32
	// Text is a string's decoded value, a number's text, or "true" or
	// "false".
	Text string
	// Items are an array's elements, or an object's member values.
	Items []Value
	// Keys are an object's member names, Items' names in order.
	Keys []string
}

// Member is the value of the last member of object v named name, and
// whether there is one.
func (v *Value) Member(name string) (*Value, bool) {
	for i := len(v.Keys) - 1; i >= 0; i-- {
		if v.Keys[i] == name {
			return &v.Items[i], true
		}
	}
	return nil, false
}

// Parse parses s, which must hold exactly one JSON value, with white
// space around it allowed.
func Parse(s string) (Value, bool) {
	v, _, ok := ParseSpaced(s)
	return v, ok
}

// ParseSpaced is Parse, also counting the bytes of white space between
// (and around) the tokens: len(s) less space is s's size without them.
func ParseSpaced(s string) (v Value, space int, ok bool) {
	p := parser{s: s}
	p.space()
	if v, ok = p.value(0); !ok {
		return Value{}, 0, false
	}
	p.space()
	return v, p.spaces, p.i == len(s)
}

type parser struct {
	s      string
	i      int
	spaces int // white space skipped so far
	// stack holds the items (and keys) of the containers being read;
	// slab and keySlab are where finished containers' items go: a few
	// allocations for a whole document.
	stack, slab       []Value
	keyStack, keySlab []string
}

// items moves the items above base on the stack to the slab.
func (p *parser) items(base int) []Value { return settle(&p.stack, &p.slab, base, len(p.s)/32+8) }

// keys moves the keys above base on the key stack to the key slab.
func (p *parser) keys(base int) []string { return settle(&p.keyStack, &p.keySlab, base, len(p.s)/64+8) }

// settle moves the elements above base on *stack to the end of *slab, a
// new slab of at least chunk elements when it has no room, and returns
// them there.
func settle[T any](stack, slab *[]T, base, chunk int) []T {
	n := len(*stack) - base
	if n == 0 {
		return nil
	}
	if cap(*slab)-len(*slab) < n {
		*slab = make([]T, 0, max(n, chunk))
	}
	at := len(*slab)
	*slab = append(*slab, (*stack)[base:]...)
	clear((*stack)[base:])
	*stack = (*stack)[:base]
	return (*slab)[at : at+n : at+n]
}

func (p *parser) space() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
			p.spaces++
		default:
			return
		}
	}
}

func (p *parser) value(depth int) (Value, bool) {
	if p.i >= len(p.s) {
		return Value{}, false
	}
	switch c := p.s[p.i]; {
	case c == '{':
		return p.object(depth + 1)
	case c == '[':
		return p.array(depth + 1)
	case c == '"':
		s, ok := p.str()
		return Value{Kind: String, Text: s}, ok
	case c == 't':
		return Value{Kind: Bool, Text: "true"}, p.literal("true")
	case c == 'f':
		return Value{Kind: Bool, Text: "false"}, p.literal("false")
	case c == 'n':
		return Value{Kind: Null}, p.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		start := p.i
		ok := p.number()
		return Value{Kind: Number, Text: p.s[start:p.i]}, ok
	}
	return Value{}, false
}

func (p *parser) literal(word string) bool {
	if len(p.s)-p.i < len(word) || p.s[p.i:p.i+len(word)] != word {
		return false
	}
	p.i += len(word)
	return true
}

// number reads -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?.
func (p *parser) number() bool {
	if p.s[p.i] == '-' {
		p.i++
	}
	switch {
	case p.i < len(p.s) && p.s[p.i] == '0':
		p.i++
	case !p.digits():
		return false
	}
	if p.i < len(p.s) && p.s[p.i] == '.' {
		p.i++
		if !p.digits() {
			return false
		}
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		p.i++
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		if !p.digits() {
			return false
		}
	}
	return true
}

func (p *parser) digits() bool {
	start := p.i
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		p.i++
	}
	return p.i > start
}

// str reads a string at p.i (its opening quote) and returns its value.
func (p *parser) str() (string, bool) {
	p.i++
	start := p.i
	for p.i < len(p.s) {
		switch c := p.s[p.i]; {
		case c == '"':
			s := p.s[start:p.i]
			p.i++
			return s, true
		case c == '\\':
			return p.escaped(start)
		case c < 0x20:
			return "", false
		case c < utf8.RuneSelf:
			p.i++
		default:
			r, n := utf8.DecodeRuneInString(p.s[p.i:])
			if r == utf8.RuneError && n == 1 {
				return p.escaped(start) // as encoding/json: U+FFFD for each bad byte
			}
			p.i += n
		}
	}
	return "", false
}

// escaped reads the rest of a string from its first escape or bad UTF-8
// byte on, start being where its contents begin.
func (p *parser) escaped(start int) (string, bool) {
	b := []byte(p.s[start:p.i])
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return string(b), true
		case c < 0x20:
			return "", false
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(p.s[p.i:])
			b = utf8.AppendRune(b, r) // U+FFFD for a bad byte
			p.i += n
			continue
		case c != '\\':
			b = append(b, c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.s) {
			return "", false
		}
		e := p.s[p.i+1]
		p.i += 2
		switch e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return "", false
			}
			if utf16.IsSurrogate(r) {
				dec := utf8.RuneError
				if p.i+1 < len(p.s) && p.s[p.i] == '\\' && p.s[p.i+1] == 'u' {
					save := p.i
					p.i += 2
					r2, ok := p.hex4()
					if !ok {
						return "", false
					}
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						dec = d
					} else {
						p.i = save // r2 is read again as an escape of its own
					}
				}
				r = dec
			}
			b = utf8.AppendRune(b, r)
		default:
			return "", false
		}
	}
	return "", false
}

func (p *parser) hex4() (rune, bool) {
	if len(p.s)-p.i < 4 {
		return 0, false
	}
	n, err := strconv.ParseUint(p.s[p.i:p.i+4], 16, 16)
	if err != nil {
		return 0, false
	}
	p.i += 4
	return rune(n), true
}

func (p *parser) array(depth int) (Value, bool) {
	v := Value{Kind: Array, Start: int32(p.i)}
	if depth > MaxDepth {
		return v, false
	}
	p.i++
	p.space()
	if p.i < len(p.s) && p.s[p.i] == ']' {
		p.i++
		v.End = int32(p.i)
		return v, true
	}
	base := len(p.stack)
	for {
		item, ok := p.value(depth)
		if !ok {
			return v, false
		}
		p.stack = append(p.stack, item)
		p.space()
		if p.i >= len(p.s) {
			return v, false
		}
		switch p.s[p.i] {
		case ',':
			p.i++
			p.space()
		case ']':
			p.i++
			v.Items, v.End = p.items(base), int32(p.i)
			return v, true
		default:
			return v, false
		}
	}
}

func (p *parser) object(depth int) (Value, bool) {
	v := Value{Kind: Object, Start: int32(p.i)}
	if depth > MaxDepth {
		return v, false
	}
	p.i++
	p.space()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
		v.End = int32(p.i)
		return v, true
	}
	base, keyBase := len(p.stack), len(p.keyStack)
	for {
		if p.i >= len(p.s) || p.s[p.i] != '"' {
			return v, false
		}
		key, ok := p.str()
		if !ok {
			return v, false
		}
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			return v, false
		}
		p.i++
		p.space()
		item, ok := p.value(depth)
		if !ok {
			return v, false
		}
		p.keyStack, p.stack = append(p.keyStack, key), append(p.stack, item)
		p.space()
		if p.i >= len(p.s) {
			return v, false
		}
		switch p.s[p.i] {
		case ',':
			p.i++
			p.space()
		case '}':
			p.i++
			v.Keys, v.Items, v.End = p.keys(keyBase), p.items(base), int32(p.i)
			return v, true
		default:
			return v, false
		}
	}
}
