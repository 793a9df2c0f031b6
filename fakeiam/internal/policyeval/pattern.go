package policyeval

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// A pattern is a policy's string as it is matched: literal text, the
// wildcards * (any run of characters) and ? (one character), and policy
// variables (${aws:username}, ${aws:PrincipalTag/team, 'none'}), which a
// request resolves to literal text. ${*}, ${?} and ${$} are the literal
// characters. A pattern without variables is compiled to its match form
// once (a policy is parsed once and decides many requests).
type pattern struct {
	text   string // as written
	tokens []token
	vars   bool // some token is a variable: resolve per request
	// match is the pattern ready to match, when it has no variables.
	match matcher
	// resolved, for a pattern of one variable, are the matchers it
	// resolved to, by the variable's value: a stored policy decides call
	// after call for the same few callers.
	resolved *resolvedMatchers
}

// resolvedMatchers is a bounded memo of a pattern's resolutions.
type resolvedMatchers struct {
	mu sync.Mutex
	m  map[string]matcher
}

const maxResolved = 256

type tokenKind uint8

const (
	literal tokenKind = iota
	star
	question
	variable
)

type token struct {
	kind tokenKind
	text string // a literal's text; a variable's key
	// def is a variable's default value (${key, 'default'}), when it has
	// one.
	def    string
	hasDef bool
}

// matcher is a pattern without variables, ready to match: its text, in
// which * and ? are the wildcards, unless the pattern holds those
// characters as literal text (${*}, ${?}, a variable's value): then items
// says which is which.
type matcher struct {
	text  string
	items []item // nil: every * and ? of text is a wildcard
	// shape is text's, when items is nil: most patterns are exact text or
	// a prefix and a star ("s3:Get*"), matched without the general loop;
	// prefix is the text before the first wildcard.
	shape  shape
	prefix string
}

type shape uint8

const (
	general    shape = iota
	exact            // no wildcard
	prefixStar       // prefix, then one * at the end
)

// item is one character of a pattern: a rune, or a wildcard.
type item struct {
	kind tokenKind
	r    rune
}

// compile reads s as a pattern; with vars, ${...} are policy variables
// (policies of version 2012-10-17), else literal text.
func compile(s string, vars bool) pattern {
	p := pattern{text: s}
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			p.tokens = append(p.tokens, token{kind: literal, text: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == '*':
			flush()
			p.tokens = append(p.tokens, token{kind: star})
			i++
		case c == '?':
			flush()
			p.tokens = append(p.tokens, token{kind: question})
			i++
		case vars && c == '$' && strings.HasPrefix(s[i:], "${"):
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				lit.WriteString(s[i:])
				i = len(s)
				continue
			}
			inner := s[i+2 : i+end]
			i += end + 1
			switch inner {
			case "*", "?", "$":
				lit.WriteString(inner)
				continue
			}
			flush()
			p.tokens = append(p.tokens, variableToken(inner))
			p.vars = true
		default:
			lit.WriteByte(c)
			i++
		}
	}
	flush()
	if !p.vars {
		p.match = newMatcher(p.tokens)
	}
	if variables := 0; p.vars {
		for _, t := range p.tokens {
			if t.kind == variable {
				variables++
			}
		}
		if variables == 1 {
			p.resolved = &resolvedMatchers{m: map[string]matcher{}}
		}
	}
	return p
}

// variableToken reads the inside of ${...}: a key, and maybe a default
// value in single quotes after a comma.
func variableToken(inner string) token {
	key, def, found := strings.Cut(inner, ",")
	t := token{kind: variable, text: strings.TrimSpace(key)}
	if found {
		def = strings.TrimSpace(def)
		if len(def) >= 2 && def[0] == '\'' && def[len(def)-1] == '\'' {
			t.def, t.hasDef = def[1:len(def)-1], true
		}
	}
	return t
}

func newMatcher(tokens []token) matcher {
	if len(tokens) == 1 && tokens[0].kind == literal && !strings.ContainsAny(tokens[0].text, "*?") {
		return matcher{text: tokens[0].text, shape: exact, prefix: tokens[0].text}
	}
	var text strings.Builder
	literalWild := false
	for _, t := range tokens {
		switch t.kind {
		case literal:
			text.WriteString(t.text)
			literalWild = literalWild || strings.ContainsAny(t.text, "*?")
		case star:
			text.WriteByte('*')
		case question:
			text.WriteByte('?')
		}
	}
	m := matcher{text: text.String()}
	if !literalWild && utf8.ValidString(m.text) { // the fast paths compare bytes: for text they read as the loop does
		switch wild := strings.IndexAny(m.text, "*?"); {
		case wild < 0:
			m.shape, m.prefix = exact, m.text
		case wild == len(m.text)-1 && m.text[wild] == '*':
			m.shape, m.prefix = prefixStar, m.text[:wild]
		default:
			m.prefix = m.text[:wild]
		}
	}
	if literalWild {
		for _, t := range tokens {
			if t.kind != literal {
				m.items = append(m.items, item{kind: t.kind})
				continue
			}
			for i := 0; i < len(t.text); {
				r, n := decode(t.text, i)
				m.items = append(m.items, item{kind: literal, r: r})
				i += n
			}
		}
	}
	return m
}

// variables calls each for the key of every policy variable in p.
func (p *pattern) variables(each func(key string)) {
	for _, t := range p.tokens {
		if t.kind == variable {
			each(t.text)
		}
	}
}

// resolve is p ready to match, its variables replaced by their values in
// ctx (a single value each) as literal text; ok is false when a variable
// has no value there and no default.
func (p *pattern) resolve(ctx Context) (m matcher, ok bool) {
	if !p.vars {
		return p.match, true
	}
	if p.resolved != nil { // one variable: its value may be remembered
		for _, t := range p.tokens {
			if t.kind != variable {
				continue
			}
			v, found := ctx.lookup(t.text)
			value := t.def
			switch {
			case found && len(v.Values) == 1:
				value = v.Values[0]
			case !t.hasDef:
				return matcher{}, false
			}
			p.resolved.mu.Lock()
			m, ok := p.resolved.m[value]
			p.resolved.mu.Unlock()
			if ok {
				return m, true
			}
			break
		}
	}
	out := make([]token, 0, len(p.tokens))
	var value string // the one variable's value (the memo's key)
	for _, t := range p.tokens {
		if t.kind != variable {
			out = append(out, t)
			continue
		}
		v, found := ctx.lookup(t.text)
		switch {
		case found && len(v.Values) == 1:
			value = v.Values[0]
		case t.hasDef:
			value = t.def
		default:
			return matcher{}, false
		}
		out = append(out, token{kind: literal, text: value})
	}
	m = newMatcher(out)
	if p.resolved != nil {
		p.resolved.mu.Lock()
		if len(p.resolved.m) < maxResolved {
			p.resolved.m[value] = m
		}
		p.resolved.mu.Unlock()
	}
	return m, true
}

// glob reports whether s matches m, * matching any run of characters and
// ? one character, other characters compared exactly or, with fold,
// ignoring case.
func (m *matcher) glob(s string, fold bool) bool {
	if m.items != nil {
		return globItems(m.items, s, fold)
	}
	switch m.shape {
	case exact:
		return textEqual(m.text, s, fold)
	case prefixStar:
		_, ok := cutPrefix(s, m.prefix, fold)
		return ok
	}
	rest, ok := cutPrefix(s, m.prefix, fold)
	return ok && globText(m.text[len(m.prefix):], rest, fold)
}

// cutPrefix is s after prefix, compared character by character (ignoring
// case with fold), and whether s starts with it.
func cutPrefix(s, prefix string, fold bool) (string, bool) {
	if !fold {
		rest, ok := strings.CutPrefix(s, prefix)
		return rest, ok
	}
	i, j := 0, 0
	for i < len(prefix) {
		if j >= len(s) {
			return "", false
		}
		ra, na := decode(prefix, i)
		rb, nb := decode(s, j)
		if !runeEqual(ra, rb, true) {
			return "", false
		}
		i, j = i+na, j+nb
	}
	return s[j:], true
}

// textEqual compares exactly or, with fold, ignoring case, character by
// character as the general loop does.
func textEqual(a, b string, fold bool) bool {
	if a == b {
		return true
	}
	if !fold {
		return false
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		ra, na := decode(a, i)
		rb, nb := decode(b, j)
		if !runeEqual(ra, rb, true) {
			return false
		}
		i, j = i+na, j+nb
	}
	return i == len(a) && j == len(b)
}

// globText is glob for a pattern whose * and ? are all wildcards.
func globText(pat, s string, fold bool) bool { return globOf(textPattern(pat), s, fold) }

// globItems is glob for a pattern with literal * or ? characters.
func globItems(pat []item, s string, fold bool) bool { return globOf(itemPattern(pat), s, fold) }

// globPattern is a pattern's characters as glob reads them: the element at
// p (a wildcard, or a rune) and its width.
type globPattern interface {
	~string | ~[]item
	at(p int) (kind tokenKind, r rune, width int)
}

type textPattern string

func (t textPattern) at(p int) (tokenKind, rune, int) {
	r, n := decode(string(t), p)
	switch r {
	case '*':
		return star, r, n
	case '?':
		return question, r, n
	}
	return literal, r, n
}

type itemPattern []item

func (t itemPattern) at(p int) (tokenKind, rune, int) { return t[p].kind, t[p].r, 1 }

// globOf is the classic greedy match with one backtrack point:
// O(len(s) × len(pat)) at worst, whatever the stars, without an
// allocation.
func globOf[P globPattern](pat P, s string, fold bool) bool {
	p, i := 0, 0
	starP, starI := -1, 0
	for i < len(s) {
		r, n := decode(s, i)
		var kind tokenKind
		var pr rune
		pn := 0
		if p < len(pat) {
			kind, pr, pn = pat.at(p)
		}
		switch {
		case pn > 0 && kind == star:
			starP, starI = p, i
			p += pn
		case pn > 0 && (kind == question || runeEqual(pr, r, fold)):
			p += pn
			i += n
		case starP >= 0:
			_, m := decode(s, starI)
			starI += m
			_, _, w := pat.at(starP)
			p, i = starP+w, starI
		default:
			return false
		}
	}
	for p < len(pat) {
		kind, _, w := pat.at(p)
		if kind != star {
			break
		}
		p += w
	}
	return p == len(pat)
}

// decode is the rune at s[i] and its length; a byte that is not UTF-8
// is a rune of its own beyond Unicode's, so that it matches only itself.
func decode(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && n == 1 {
		return utf8.MaxRune + 1 + rune(c), 1
	}
	return r, n
}

func runeEqual(a, b rune, fold bool) bool {
	if a == b {
		return true
	}
	if !fold {
		return false
	}
	if a < utf8.RuneSelf && b < utf8.RuneSelf {
		return a|0x20 == b|0x20 && a|0x20 >= 'a' && a|0x20 <= 'z'
	}
	return unicode.ToLower(a) == unicode.ToLower(b) || unicode.ToUpper(a) == unicode.ToUpper(b)
}

// resourceMatch reports whether arn matches m as a statement's Resource:
// as arnMatch, but a pattern of fewer than six parts whose last part ends
// with * matches the rest of the ARN, colons and all
// (reference_policies_elements_resource: "If the * wildcard is the last
// character of a resource ARN segment, it can expand to match beyond the
// colon boundaries").
func resourceMatch(m matcher, arn string) bool {
	if arnMatch(m, arn) {
		return true
	}
	if m.items != nil || !strings.HasSuffix(m.text, "*") || strings.Count(m.text, ":") >= 5 {
		return false
	}
	// The pattern's parts but the last, part by part; the last takes the
	// rest of the ARN.
	pat, res := m.text, arn
	for strings.Contains(pat, ":") {
		i, j := strings.IndexByte(pat, ':'), strings.IndexByte(res, ':')
		if j < 0 || !globText(pat[:i], res[:j], false) {
			return false
		}
		pat, res = pat[i+1:], res[j+1:]
	}
	return globText(pat, res, false)
}

// arnMatch reports whether arn matches m as IAM matches ARNs (the Arn
// condition operators; a statement's Resource, resourceMatch): each of the six
// colon-separated parts on its own, wildcards never spanning a colon but
// in the last part (a resource's own colons); a pattern that is only *
// matches anything.
func arnMatch(m matcher, arn string) bool {
	if m.text == "*" && m.items == nil {
		return true
	}
	if m.items != nil {
		return arnMatchItems(m.items, arn)
	}
	// The text before the first wildcard must begin the ARN, colons and
	// all: a wildcard never spans a colon. When that text holds the
	// five colons, what follows is the last part, where a trailing star
	// takes the rest.
	if !strings.HasPrefix(arn, m.prefix) {
		return false
	}
	switch {
	case m.shape == exact:
		return len(arn) == len(m.prefix)
	case m.shape == prefixStar && strings.Count(m.prefix, ":") >= 5:
		return true
	}
	pat, res := m.text, arn
	for k := 0; ; k++ {
		pseg, rseg := pat, res
		plast, rlast := k == 5, k == 5
		if !plast {
			if i := strings.IndexByte(pat, ':'); i >= 0 {
				pseg, pat = pat[:i], pat[i+1:]
			} else {
				plast = true
			}
		}
		if !rlast {
			if i := strings.IndexByte(res, ':'); i >= 0 {
				rseg, res = res[:i], res[i+1:]
			} else {
				rlast = true
			}
		}
		if plast != rlast || !globText(pseg, rseg, false) {
			return false
		}
		if plast {
			return true
		}
	}
}

// arnMatchItems is arnMatch for a pattern with literal * or ?.
func arnMatchItems(items []item, arn string) bool {
	parts := [][]item{nil}
	for _, it := range items {
		if it.kind == literal && it.r == ':' && len(parts) < 6 {
			parts = append(parts, nil)
			continue
		}
		parts[len(parts)-1] = append(parts[len(parts)-1], it)
	}
	segs := strings.SplitN(arn, ":", 6)
	if len(segs) != len(parts) {
		return false
	}
	for i := range segs {
		if !globItems(parts[i], segs[i], false) {
			return false
		}
	}
	return true
}
