package policyeval

import "strings"

// A pattern is a policy's string as it is matched: literal text, the
// wildcards * (any run of characters) and ? (one character), and policy
// variables (${aws:username}, ${aws:PrincipalTag/team, 'none'}), which a
// request resolves to literal text. ${*}, ${?} and ${$} are the literal
// characters.
type pattern struct {
	text   string // as written
	tokens []token
}

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
		default:
			lit.WriteByte(c)
			i++
		}
	}
	flush()
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

// variables calls each for the key of every policy variable in p.
func (p pattern) variables(each func(key string)) {
	for _, t := range p.tokens {
		if t.kind == variable {
			each(t.text)
		}
	}
}

// resolve is p with its variables replaced by their values in ctx (a
// single value each), as literal text; ok is false when a variable has no
// value there and no default.
func (p pattern) resolve(ctx Context) (resolved []token, ok bool) {
	hasVars := false
	for _, t := range p.tokens {
		hasVars = hasVars || t.kind == variable
	}
	if !hasVars {
		return p.tokens, true
	}
	out := make([]token, 0, len(p.tokens))
	for _, t := range p.tokens {
		if t.kind != variable {
			out = append(out, t)
			continue
		}
		v, found := ctx.lookup(t.text)
		switch {
		case found && len(v.Values) == 1:
			out = append(out, token{kind: literal, text: v.Values[0]})
		case t.hasDef:
			out = append(out, token{kind: literal, text: t.def})
		default:
			return nil, false
		}
	}
	return out, true
}

// literalText is tokens as text, wildcards as their characters: what a
// pattern compares as when it is not matched as one (StringEquals).
func literalText(tokens []token) string {
	var b strings.Builder
	for _, t := range tokens {
		switch t.kind {
		case literal:
			b.WriteString(t.text)
		case star:
			b.WriteByte('*')
		case question:
			b.WriteByte('?')
		}
	}
	return b.String()
}

// glob reports whether s matches tokens, * matching any run of
// characters and ? one character, literal text compared exactly or,
// with fold, ignoring case. The classic greedy match with one backtrack
// point: O(len(s) × len(pattern)) at worst, whatever the stars.
func glob(tokens []token, s string, fold bool) bool {
	pat := flatten(tokens)
	str := []rune(s)
	p, i := 0, 0
	starP, starI := -1, 0
	for i < len(str) {
		switch {
		case p < len(pat) && pat[p].kind == star:
			starP, starI = p, i
			p++
		case p < len(pat) && (pat[p].kind == question || runeEqual(pat[p].r, str[i], fold)):
			p++
			i++
		case starP >= 0:
			starI++
			p, i = starP+1, starI
		default:
			return false
		}
	}
	for p < len(pat) && pat[p].kind == star {
		p++
	}
	return p == len(pat)
}

// item is one character of a pattern: a rune, or a wildcard.
type item struct {
	kind tokenKind
	r    rune
}

func flatten(tokens []token) []item {
	var out []item
	for _, t := range tokens {
		if t.kind != literal {
			out = append(out, item{kind: t.kind})
			continue
		}
		for _, r := range t.text {
			out = append(out, item{kind: literal, r: r})
		}
	}
	return out
}

func runeEqual(a, b rune, fold bool) bool {
	if a == b {
		return true
	}
	if !fold {
		return false
	}
	return strings.EqualFold(string(a), string(b))
}

// arnMatch reports whether arn matches tokens as IAM matches ARNs (a
// statement's Resource, the Arn condition operators): each of the six
// colon-separated parts on its own, wildcards never spanning a colon but
// in the last part (a resource's own colons); a pattern that is only *
// matches anything.
func arnMatch(tokens []token, arn string) bool {
	if len(tokens) == 1 && tokens[0].kind == star {
		return true
	}
	parts := strings.SplitN(arn, ":", 6)
	segs := splitTokens(tokens, 6)
	if len(parts) != len(segs) {
		return false
	}
	for i := range parts {
		if !glob(segs[i], parts[i], false) {
			return false
		}
	}
	return true
}

// splitTokens splits tokens at the colons of their literal text into at
// most n parts, the last taking the rest.
func splitTokens(tokens []token, n int) [][]token {
	parts := [][]token{nil}
	for _, t := range tokens {
		if t.kind != literal || len(parts) == n {
			parts[len(parts)-1] = append(parts[len(parts)-1], t)
			continue
		}
		text := t.text
		for {
			i := strings.IndexByte(text, ':')
			if i < 0 || len(parts) == n {
				if text != "" {
					parts[len(parts)-1] = append(parts[len(parts)-1], token{kind: literal, text: text})
				}
				break
			}
			if i > 0 {
				parts[len(parts)-1] = append(parts[len(parts)-1], token{kind: literal, text: text[:i]})
			}
			parts = append(parts, nil)
			text = text[i+1:]
		}
	}
	return parts
}
