// Package jsontree parses a JSON text (RFC 8259) in one pass, for
// documents that are checked element by element and then kept as text
// (IAM's policy documents): into a tree of values (Parse), or value by
// value for a reader with a grammar of its own (Parser.Start, pull.go). It
// accepts what encoding/json.Valid accepts nested at most MaxDepth levels
// (FuzzParse, both ways), keeps an object's members in document order (a
// repeated name appears twice), and keeps numbers as their text.
//
// Why not encoding/json: the checks need members in order and repeated
// names, which only its Decoder.Token gives. BenchmarkParse reads a 6 KB
// policy document (a managed policy's most) each way; on the 2-vCPU
// machine of the write budgets (go test -run '^$' -bench 'Parse/'
// -benchmem -count 3 in this directory, 2026-12-06, the range of the 3):
// Parse 16.3–16.4 µs and 17 allocations, value by value 5.0–5.1 µs and
// none; Decoder.Token 141–143 µs and 3,123 allocations, Unmarshal into
// any (which keeps neither order nor repeats) 58–60 µs and 973
// allocations. CreatePolicy's floor with that document measured 38–41 µs
// in the same session (BenchmarkPairedRatios/op/CreatePolicy, base-ns, 3
// runs at a1615e3; 37–80 µs across sessions), so Decoder.Token alone
// would put it above 3 × its floor against a budget of 1.35.
package jsontree

import (
	"math/bits"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/fakeaws/fakeaws/fakeiam/internal/words"
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
	p := Parser{s: s}
	p.space()
	if !p.value(0) {
		return Value{}, 0, false
	}
	v = p.stack[0]
	p.space()
	return v, p.spaces, p.i == len(s)
}

// A Parser reads a text. Parse and ParseSpaced use one for a tree; a
// reader with a grammar of its own reads with one value by value (pull.go),
// which builds no tree and allocates nothing (but a string's decoded
// value), so that one Parser may read text after text. The zero Parser is
// ready.
type Parser struct {
	s      string
	i      int
	spaces int // white space skipped so far
	depth  int // how deeply the value read value by value is nested (pull.go)
	// stack holds the items (and keys) of the containers being read into
	// a tree; slab and keySlab are where finished containers' items go: a
	// few allocations for a whole document.
	stack, slab       []Value
	keyStack, keySlab []string
}

// items moves the items above base on the stack to the slab.
func (p *Parser) items(base int) []Value { return settle(&p.stack, &p.slab, base, len(p.s)/32+8) }

// keys moves the keys above base on the key stack to the key slab.
func (p *Parser) keys(base int) []string {
	return settle(&p.keyStack, &p.keySlab, base, len(p.s)/64+8)
}

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
	*stack = (*stack)[:base]
	return (*slab)[at : at+n : at+n]
}

func (p *Parser) space() {
	i := p.i
	if i < len(p.s) && p.s[i] > ' ' { // no space, the usual case: the read's 5.6-5.7 µs became 5.1
		return
	}
	for i < len(p.s) && (p.s[i] == ' ' || p.s[i] == '\t' || p.s[i] == '\n' || p.s[i] == '\r') {
		i++
	}
	p.spaces += i - p.i
	p.i = i
}

// value reads the value at p.i onto the stack: a Value is made where it
// is kept until its container ends, not returned and copied (80 bytes,
// some 700 times in a 6 KB policy).
func (p *Parser) value(depth int) bool {
	switch k, ok := p.Peek(); {
	case !ok:
		return false
	case k == Object:
		return p.object(depth + 1)
	case k == Array:
		return p.array(depth + 1)
	case k == Null:
		p.stack = append(p.stack, Value{Kind: Null})
		return p.literal("null")
	}
	k, text, ok := p.Scalar()
	p.stack = append(p.stack, Value{Kind: k, Text: text})
	return ok
}

func (p *Parser) literal(word string) bool {
	if len(p.s)-p.i < len(word) || p.s[p.i:p.i+len(word)] != word {
		return false
	}
	p.i += len(word)
	return true
}

// number reads -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?.
func (p *Parser) number() bool {
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

func (p *Parser) digits() bool {
	start := p.i
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		p.i++
	}
	return p.i > start
}

// str reads a string at p.i (its opening quote) and returns its value.
//
// It looks for the string's end 8 bytes at a time (words.StringStop: a
// byte not plain, whose lowest flag is exact), then looks at the byte it
// stopped at. Byte by byte, the
// scan was most of a 6 KB policy document's read: 7.4-7.7 µs, against
// 5.6-5.7 µs this way (go test -run '^$' -bench PolicyDocument/read
// -count 3 ./fakeiam/, 2026-12-06).
func (p *Parser) str() (string, bool) {
	s := p.s
	start := p.i + 1
	i := start
	for {
		if i+8 > len(s) { // the document's last bytes
			for i < len(s) && plain[s[i]] {
				i++
			}
			break
		}
		if m := words.StringStop(words.Load(s, i)); m != 0 {
			i += bits.TrailingZeros64(m) / 8
			break
		}
		i += 8
	}
	if i < len(s) && s[i] == '"' {
		p.i = i + 1
		return s[start:i], true
	}
	p.i = i
	return p.strRest(start)
}

// strRest reads the rest of a string from p.i, where str stopped at a
// byte not plain, start being where its contents begin.
func (p *Parser) strRest(start int) (string, bool) {
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
		default: // str stops only at a byte not plain: here, 0x80 or above
			r, n := utf8.DecodeRuneInString(p.s[p.i:])
			if r == utf8.RuneError && n == 1 {
				return p.escaped(start) // as encoding/json: U+FFFD for each bad byte
			}
			p.i += n
		}
		i, s := p.i, p.s // locals the loop keeps in registers
		for i < len(s) && plain[s[i]] {
			i++
		}
		p.i = i
	}
	return "", false
}

// plain holds the bytes a string may hold as they are: ASCII but control
// characters, the quote and the backslash.
var plain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// escaped reads the rest of a string from its first escape or bad UTF-8
// byte on, start being where its contents begin.
func (p *Parser) escaped(start int) (string, bool) {
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

func (p *Parser) hex4() (rune, bool) {
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

// array reads an array onto the stack.
func (p *Parser) array(depth int) bool {
	at := len(p.stack)
	p.stack = append(p.stack, Value{Kind: Array, Start: int32(p.i)})
	if !p.elements(depth, func() bool { return p.value(depth) }) {
		return false
	}
	items := p.items(at + 1)
	p.stack[at].Items, p.stack[at].End = items, int32(p.i)
	return true
}

// object reads an object onto the stack, its keys onto the key stack.
func (p *Parser) object(depth int) bool {
	at, keyBase := len(p.stack), len(p.keyStack)
	p.stack = append(p.stack, Value{Kind: Object, Start: int32(p.i)})
	if !p.members(depth, func(name string) bool {
		p.keyStack = append(p.keyStack, name)
		return p.value(depth)
	}) {
		return false
	}
	keys, items := p.keys(keyBase), p.items(at+1)
	p.stack[at].Keys, p.stack[at].Items, p.stack[at].End = keys, items, int32(p.i)
	return true
}

// elements reads the array at p.i, nested depth deep, calling yield at
// each element, which yield reads.
func (p *Parser) elements(depth int, yield func() bool) bool {
	if depth > MaxDepth || p.i >= len(p.s) || p.s[p.i] != '[' {
		return false
	}
	p.i++
	p.space()
	if p.i < len(p.s) && p.s[p.i] == ']' {
		p.i++
		return true
	}
	for {
		if !yield() {
			return false
		}
		p.space()
		if p.i >= len(p.s) {
			return false
		}
		switch p.s[p.i] {
		case ',':
			p.i++
			p.space()
		case ']':
			p.i++
			return true
		default:
			return false
		}
	}
}

// members reads the object at p.i, nested depth deep, calling yield with
// each member's name at its value, which yield reads.
func (p *Parser) members(depth int, yield func(name string) bool) bool {
	if depth > MaxDepth || p.i >= len(p.s) || p.s[p.i] != '{' {
		return false
	}
	p.i++
	p.space()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
		return true
	}
	for {
		if p.i >= len(p.s) || p.s[p.i] != '"' {
			return false
		}
		name, ok := p.str()
		if !ok {
			return false
		}
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			return false
		}
		p.i++
		p.space()
		if !yield(name) {
			return false
		}
		p.space()
		if p.i >= len(p.s) {
			return false
		}
		switch p.s[p.i] {
		case ',':
			p.i++
			p.space()
		case '}':
			p.i++
			return true
		default:
			return false
		}
	}
}
