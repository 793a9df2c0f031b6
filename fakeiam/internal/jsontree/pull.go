package jsontree

// Reading value by value. A reader that checks a document against a
// grammar of its own (IAM's policy language) need not build its tree:
// Start a text, then read it value by value with Peek, Text, Scalar, Skip,
// Members and Elements, and End: no tree is built, and nothing allocated
// but a string's decoded value (an escape, a byte of bad UTF-8). Each of
// them reads (or looks at) the value the Parser is at, white space before
// it already skipped, and answers false where the text is not JSON there; Members and Elements
// also answer false when yield does, and their yield must read the value
// it is called at. After a false nothing more may be read but after a
// Rewind. BenchmarkParse/jsontree/value-by-value reads its document so
// (the package's comment has what it measured).

// Start readies p to read s value by value.
func (p *Parser) Start(s string) {
	*p = Parser{s: s}
	p.space()
}

// Peek is the kind of the value p is at, told by its first byte: the
// value is neither read nor checked. It is false where no value begins.
func (p *Parser) Peek() (Kind, bool) {
	if p.i >= len(p.s) {
		return 0, false
	}
	switch c := p.s[p.i]; {
	case c == '{':
		return Object, true
	case c == '[':
		return Array, true
	case c == '"':
		return String, true
	case c == 't' || c == 'f':
		return Bool, true
	case c == 'n':
		return Null, true
	case c == '-' || c >= '0' && c <= '9':
		return Number, true
	}
	return 0, false
}

// Text reads a string and answers its value.
func (p *Parser) Text() (string, bool) {
	if p.i >= len(p.s) || p.s[p.i] != '"' {
		return "", false
	}
	return p.str()
}

// Scalar reads a string, a number, true or false, and answers its kind
// and its Text as a Value has them.
func (p *Parser) Scalar() (Kind, string, bool) {
	k, ok := p.Peek()
	switch {
	case !ok || k == Null || k == Array || k == Object:
		return 0, "", false
	case k == String:
		s, ok := p.str()
		return String, s, ok
	case k == Number:
		start := p.i
		ok := p.number()
		return Number, p.s[start:p.i], ok
	case p.s[p.i] == 't':
		return Bool, "true", p.literal("true")
	}
	return Bool, "false", p.literal("false")
}

// Skip reads any value, building nothing of it.
func (p *Parser) Skip() bool { return p.skip(p.depth) }

// skip reads the value at p.i, nested in depth arrays and objects.
func (p *Parser) skip(depth int) bool {
	switch k, ok := p.Peek(); {
	case !ok:
		return false
	case k == Object:
		return p.members(depth+1, func(string) bool { return p.skip(depth + 1) })
	case k == Array:
		return p.elements(depth+1, func() bool { return p.skip(depth + 1) })
	case k == Null:
		return p.literal("null")
	}
	_, _, ok := p.Scalar()
	return ok
}

// Members reads an object, calling yield with each member's name at its
// value.
func (p *Parser) Members(yield func(name string) bool) bool {
	p.depth++
	ok := p.members(p.depth, yield)
	p.depth--
	return ok
}

// Elements reads an array, calling yield at each of its elements.
func (p *Parser) Elements(yield func() bool) bool {
	p.depth++
	ok := p.elements(p.depth, yield)
	p.depth--
	return ok
}

// End reports whether the text ends after the value read, white space
// allowed, and how many bytes of white space it held between (and around)
// its tokens, as ParseSpaced counts them.
func (p *Parser) End() (space int, ok bool) {
	p.space()
	return p.spaces, p.i == len(p.s)
}

// A Mark is a place in the text being read.
type Mark struct{ i, spaces, depth int }

// Mark is where p is.
func (p *Parser) Mark() Mark { return Mark{p.i, p.spaces, p.depth} }

// Rewind takes p back to m, to read the same value again (another way).
func (p *Parser) Rewind(m Mark) { p.i, p.spaces, p.depth = m.i, m.spaces, m.depth }
