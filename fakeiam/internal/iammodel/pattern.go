package iammodel

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fakeaws/fakeaws/fakeiam/internal/words"
)

// Pattern is a compiled model pattern. The model's patterns are Java
// regular expressions that must match a whole value. Most are one
// character class repeated (`[\w+=,.@-]+`, `[\u0020-\u00FF]*`): those
// compile to Class, a table of the class's ASCII characters and a
// predicate for the rest, with Java's meaning of each item (\w and \d are
// ASCII; \p{L}, \p{Z}, \p{N} are Unicode categories; \uXXXX is a code
// point). Alternatives of sequences of characters and classes, each once
// or repeated (the path's `(\u002F)|(\u002F[\u0021-\u007E]+\u002F)`),
// compile to a small matcher of their own. Any other pattern compiles to
// Regexp, anchored, with \uXXXX written as Go's \x{XXXX}.
type Pattern struct {
	Text string // the model's pattern, as IAM prints it
	// Class, when set, is the pattern's one character class; Plus says it
	// is repeated with + (at least one character) rather than *.
	Class *Class
	Plus  bool
	// Regexp is the whole pattern otherwise, unless it is alternatives of
	// simple sequences (alts).
	Regexp *regexp.Regexp
	alts   [][]atom
}

// atom is a character class (a single character is a class of one)
// matched at least min and at most max (-1: any number) times.
type atom struct {
	class    *Class
	min, max int
}

// Class is a character class: ASCII tabulated, other runes by In.
type Class struct {
	ASCII [utf8.RuneSelf]bool
	items []classItem
	// printable: every character from space to ~ (0x20–0x7E) is in the
	// class, so ASCIIPrefix may skip them eight bytes at a time.
	printable bool
}

// tabulate fills in the class's ASCII table from its items.
func (c *Class) tabulate() {
	c.printable = true
	for r := range rune(utf8.RuneSelf) {
		c.ASCII[r] = c.in(r)
		if r >= 0x20 && r <= 0x7E && !c.ASCII[r] {
			c.printable = false
		}
	}
}

// ASCIIPrefix is the length of s's longest prefix of ASCII characters in
// the class (one UTF-16 code unit each). It reads eight bytes at a time
// (package words): checking a long value (a web identity token, a policy
// document) is most of the validator's time otherwise.
// BenchmarkASCIIPrefix, 1,036 bytes on the development machine (2 vCPUs):
// 255 ns a word at a time, 1,098 ns a byte at a time through the table
// (go test -bench ASCIIPrefix ./fakeiam/internal/iammodel/).
func (c *Class) ASCIIPrefix(s string) int {
	i := 0
	for c.printable && i+8 <= len(s) {
		if words.Printable(words.Load(s, i)) {
			i += 8
			continue
		}
		for end := i + 8; i < end; i++ { // a tab, a newline, or the end of the prefix
			if b := s[i]; b >= utf8.RuneSelf || !c.ASCII[b] {
				return i
			}
		}
	}
	for i < len(s) && s[i] < utf8.RuneSelf && c.ASCII[s[i]] {
		i++
	}
	return i
}

// ASCIIPrefix is the length of s's longest prefix of ASCII bytes.
func ASCIIPrefix(s string) int {
	i := 0
	for i+8 <= len(s) && words.ASCII(words.Load(s, i)) {
		i += 8
	}
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	return i
}

type classItem struct {
	lo, hi rune
	table  *unicode.RangeTable // instead of lo..hi when set
}

// Contains reports whether r is in the class.
func (c *Class) Contains(r rune) bool {
	if r >= 0 && r < utf8.RuneSelf {
		return c.ASCII[r]
	}
	return c.in(r)
}

func (c *Class) in(r rune) bool {
	for _, it := range c.items {
		if it.table != nil {
			if unicode.Is(it.table, r) {
				return true
			}
		} else if it.lo <= r && r <= it.hi {
			return true
		}
	}
	return false
}

// Compile compiles a model pattern.
func Compile(text string) (*Pattern, error) {
	p := &Pattern{Text: text}
	body := strings.TrimSuffix(strings.TrimPrefix(text, "^"), "$") // Java's matches() anchors anyway
	if n := len(body); n >= 3 && body[0] == '[' && (body[n-1] == '+' || body[n-1] == '*') && body[n-2] == ']' {
		if c, ok := parseClass(body[1 : n-2]); ok {
			p.Class, p.Plus = c, body[n-1] == '+'
			return p, nil
		}
	}
	if alts, ok := parseAlternatives(body); ok {
		p.alts = alts
		return p, nil
	}
	re, err := regexp.Compile(`\A(?:` + javaEscape.ReplaceAllString(text, `\x{$1}`) + `)\z`)
	if err != nil {
		return nil, fmt.Errorf("pattern %s: %v", text, err)
	}
	p.Regexp = re
	return p, nil
}

var javaEscape = regexp.MustCompile(`\\u([0-9A-Fa-f]{4})`)

// MatchString reports whether s, all of it, matches. Invalid UTF-8 never
// matches a class.
func (p *Pattern) MatchString(s string) bool {
	if p.alts != nil {
		for _, seq := range p.alts {
			if matchSeq(seq, s) {
				return true
			}
		}
		return false
	}
	if p.Class == nil {
		return p.Regexp.MatchString(s)
	}
	if s == "" {
		return !p.Plus
	}
	for i := p.Class.ASCIIPrefix(s); i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if !p.Class.ASCII[b] {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || !p.Class.in(r) {
			return false
		}
		i += size
	}
	return true
}

// matchSeq reports whether seq matches all of s, greedily with
// backtracking (the model's sequences are short, their values too).
//
// It stands in for the anchored regexp because it is measurably faster on
// every call with a path: BenchmarkCheck/CreateUser (one path member,
// "/division/"), go test ./fakeiam/ -run '^$' -bench 'BenchmarkCheck$/CreateUser'
// -benchmem -count=5, 2 shared cores: 167-174 ns/op with this matcher,
// 273-279 ns/op with the path pattern compiled to regexp instead (0 allocs
// either way), about 105 ns per path member.
func matchSeq(seq []atom, s string) bool {
	if len(seq) == 0 {
		return s == ""
	}
	a := seq[0]
	i, k := 0, 0 // consume as many as the atom takes: k characters, i bytes
	for i < len(s) && (a.max < 0 || k < a.max) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || !a.class.Contains(r) {
			break
		}
		i, k = i+size, k+1
	}
	for ; k >= a.min; k-- { // then give them back one by one
		if matchSeq(seq[1:], s[i:]) {
			return true
		}
		if k > 0 {
			_, size := utf8.DecodeLastRuneInString(s[:i])
			i -= size
		}
	}
	return false
}

// parseAlternatives reads a|b|..., each a sequence of characters and
// classes, each optionally followed by +, * or ?, and optionally wrapped
// in one pair of parentheses; ok is false for anything else.
func parseAlternatives(s string) ([][]atom, bool) {
	var alts [][]atom
	for _, alt := range strings.Split(s, "|") {
		if strings.HasPrefix(alt, "(") && strings.HasSuffix(alt, ")") {
			alt = alt[1 : len(alt)-1]
		}
		if alt == "" {
			return nil, false
		}
		var seq []atom
		for i := 0; i < len(alt); {
			var c *Class
			switch alt[i] {
			case '(', ')', '{', '}', '.', '^', '$', '+', '*', '?', '|':
				return nil, false
			case '[':
				end := strings.IndexByte(alt[i:], ']')
				for end > 0 && alt[i+end-1] == '\\' { // an escaped ]
					next := strings.IndexByte(alt[i+end+1:], ']')
					if next < 0 {
						return nil, false
					}
					end += next + 1
				}
				if end < 0 {
					return nil, false
				}
				var ok bool
				if c, ok = parseClass(alt[i+1 : i+end]); !ok {
					return nil, false
				}
				i += end + 1
			default:
				r, n, item, ok := classAtom(alt[i:])
				if !ok {
					return nil, false
				}
				c = &Class{}
				if item != nil {
					c.items = []classItem{*item}
				} else {
					c.items = []classItem{{lo: r, hi: r}}
				}
				c.tabulate()
				i += n
			}
			a := atom{class: c, min: 1, max: 1}
			if i < len(alt) {
				switch alt[i] {
				case '+':
					a.max, i = -1, i+1
				case '*':
					a.min, a.max, i = 0, -1, i+1
				case '?':
					a.min, i = 0, i+1
				}
			}
			seq = append(seq, a)
		}
		alts = append(alts, seq)
	}
	return alts, true
}

// parseClass reads the inside of a bracketed class; ok is false for what
// it does not know (negation, nested classes, other escapes), which then
// goes to the regexp.
func parseClass(s string) (*Class, bool) {
	if s == "" || s[0] == '^' || strings.Contains(s, "[") || strings.Contains(s, "&&") {
		return nil, false
	}
	c := &Class{}
	var prev rune = -1 // the last single character, which may start a range
	for i := 0; i < len(s); {
		r, n, item, ok := classAtom(s[i:])
		if !ok {
			return nil, false
		}
		i += n
		if item != nil {
			c.items = append(c.items, *item)
			prev = -1
			continue
		}
		if r == '-' && n == 1 && prev >= 0 && i < len(s) { // a range prev-hi
			hi, m, hiItem, ok := classAtom(s[i:])
			if !ok || hiItem != nil || hi < prev {
				return nil, false
			}
			i += m
			c.items[len(c.items)-1].hi = hi
			prev = -1
			continue
		}
		c.items = append(c.items, classItem{lo: r, hi: r})
		prev = r
	}
	c.tabulate()
	return c, true
}

// classAtom reads one item of a class: a character (r, n bytes) or a
// predefined class (item).
func classAtom(s string) (r rune, n int, item *classItem, ok bool) {
	if s[0] != '\\' {
		r, n = utf8.DecodeRuneInString(s)
		return r, n, nil, r != utf8.RuneError
	}
	if len(s) < 2 {
		return 0, 0, nil, false
	}
	switch c := s[1]; {
	case c == 'w':
		return 0, 2, &classItem{table: asciiWord}, true
	case c == 'd':
		return 0, 2, &classItem{lo: '0', hi: '9'}, true
	case c == 'u' && len(s) >= 6:
		v, err := strconv.ParseUint(s[2:6], 16, 32)
		return rune(v), 6, nil, err == nil
	case c == 'p' && len(s) >= 5 && s[2] == '{':
		end := strings.IndexByte(s, '}')
		if end < 0 {
			return 0, 0, nil, false
		}
		t, known := unicode.Categories[s[3:end]]
		return 0, end + 1, &classItem{table: t}, known
	case strings.IndexByte(`\-.+/*?()[]{}|^$:_@=,`, c) >= 0: // an escaped punctuation character is itself
		return rune(c), 2, nil, true
	}
	return 0, 0, nil, false
}

// asciiWord is Java's \w: ASCII letters, digits and underscore.
var asciiWord = &unicode.RangeTable{R16: []unicode.Range16{
	{Lo: '0', Hi: '9', Stride: 1}, {Lo: 'A', Hi: 'Z', Stride: 1}, {Lo: '_', Hi: '_', Stride: 1}, {Lo: 'a', Hi: 'z', Stride: 1},
}, LatinOffset: 4}
