package policyeval

import (
	"bytes"
	"cmp"
	"encoding/base64"
	"net/netip"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Context is a request's context keys and their values, by key ignoring
// case (AWS's condition keys are case-insensitive): build it with Set.
type Context map[string]Value

// Value is a context key's values, as the request carries them.
type Value struct {
	Key    string   // as given
	Values []string // one for a single-valued key
}

// Set sets key's values.
func (c Context) Set(key string, values ...string) {
	c[strings.ToLower(key)] = Value{Key: key, Values: values}
}

func (c Context) lookup(key string) (Value, bool) {
	v, ok := c[lower(key)]
	return v, ok
}

// lower is key in lower case, without an allocation when it is already.
func lower(key string) string {
	for i := 0; i < len(key); i++ {
		if c := key[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return strings.ToLower(key)
		}
	}
	return key
}

// operator is a condition operator's comparison of a request's value with
// one of the policy's: match reports whether they match, the policy's
// value resolved (its variables, for the operators that read them).
type operator struct {
	// negated operators (StringNotEquals, ...) are true for a request
	// value that matches none of the policy's values, and for a key the
	// request does not carry.
	negated bool
	vars    bool // the operator reads policy variables in its values
	match   func(policy matcher, request string) bool
	null    bool // the Null operator
}

var operators = map[string]operator{
	"StringEquals":              {vars: true, match: stringEquals(false)},
	"StringNotEquals":           {vars: true, negated: true, match: stringEquals(false)},
	"StringEqualsIgnoreCase":    {vars: true, match: stringEquals(true)},
	"StringNotEqualsIgnoreCase": {vars: true, negated: true, match: stringEquals(true)},
	"StringLike":                {vars: true, match: func(p matcher, r string) bool { return p.glob(r, false) }},
	"StringNotLike":             {vars: true, negated: true, match: func(p matcher, r string) bool { return p.glob(r, false) }},
	"NumericEquals":             {match: numeric(func(c int) bool { return c == 0 })},
	"NumericNotEquals":          {negated: true, match: numeric(func(c int) bool { return c == 0 })},
	"NumericLessThan":           {match: numeric(func(c int) bool { return c < 0 })},
	"NumericLessThanEquals":     {match: numeric(func(c int) bool { return c <= 0 })},
	"NumericGreaterThan":        {match: numeric(func(c int) bool { return c > 0 })},
	"NumericGreaterThanEquals":  {match: numeric(func(c int) bool { return c >= 0 })},
	"DateEquals":                {match: date(func(c int) bool { return c == 0 })},
	"DateNotEquals":             {negated: true, match: date(func(c int) bool { return c == 0 })},
	"DateLessThan":              {match: date(func(c int) bool { return c < 0 })},
	"DateLessThanEquals":        {match: date(func(c int) bool { return c <= 0 })},
	"DateGreaterThan":           {match: date(func(c int) bool { return c > 0 })},
	"DateGreaterThanEquals":     {match: date(func(c int) bool { return c >= 0 })},
	"Bool":                      {match: func(p matcher, r string) bool { return strings.EqualFold(p.text, r) }},
	"BinaryEquals":              {match: binaryEquals},
	"IpAddress":                 {match: ipInRange},
	"NotIpAddress":              {negated: true, match: ipInRange},
	"ArnEquals":                 {vars: true, match: func(p matcher, r string) bool { return arnMatch(p, r) }},
	"ArnLike":                   {vars: true, match: func(p matcher, r string) bool { return arnMatch(p, r) }},
	"ArnNotEquals":              {vars: true, negated: true, match: func(p matcher, r string) bool { return arnMatch(p, r) }},
	"ArnNotLike":                {vars: true, negated: true, match: func(p matcher, r string) bool { return arnMatch(p, r) }},
	"Null":                      {null: true},
}

// stringEquals compares exactly, or ignoring case; wildcards are literal
// characters here.
func stringEquals(fold bool) func(matcher, string) bool {
	return func(p matcher, r string) bool {
		return p.text == r || fold && strings.EqualFold(p.text, r)
	}
}

// numeric compares two numbers (integers and decimals, as floating point:
// parsing is bounded whatever the text); a value that is not a finite
// number matches nothing.
func numeric(ok func(cmp int) bool) func(matcher, string) bool {
	return func(p matcher, r string) bool {
		pv, perr := strconv.ParseFloat(strings.TrimSpace(p.text), 64)
		rv, rerr := strconv.ParseFloat(strings.TrimSpace(r), 64)
		return perr == nil && rerr == nil && ok(cmp.Compare(rv, pv))
	}
}

// date compares two instants as ParseDate reads them (the dates a policy
// may hold); a value that is not one matches nothing.
func date(ok func(cmp int) bool) func(matcher, string) bool {
	return func(p matcher, r string) bool {
		pt, pok := ParseDate(p.text)
		rt, rok := ParseDate(r)
		return pok && rok && ok(rt.Compare(pt))
	}
}

// binaryEquals compares base64-encoded values by their bytes.
func binaryEquals(p matcher, r string) bool {
	pb, perr := base64.StdEncoding.DecodeString(p.text)
	rb, rerr := base64.StdEncoding.DecodeString(r)
	return perr == nil && rerr == nil && bytes.Equal(pb, rb)
}

// ipInRange: the request's address is in the policy's range (a CIDR
// block, or one address).
func ipInRange(p matcher, r string) bool {
	addr, err := netip.ParseAddr(strings.TrimSpace(r))
	if err != nil {
		return false
	}
	text := strings.TrimSpace(p.text)
	if prefix, err := netip.ParsePrefix(text); err == nil {
		return prefix.Contains(addr)
	}
	one, err := netip.ParseAddr(text)
	return err == nil && one == addr
}

// holds reports whether c holds for a request with context ctx.
func (c *Condition) holds(ctx Context) bool {
	v, present := ctx[c.key]
	if c.op.null {
		// Null: "true" holds for a key the request does not carry, "false"
		// for one it does; several values: any of them.
		absent := !present || len(v.Values) == 0
		for _, pv := range c.Values {
			if strings.EqualFold(pv.text, "true") == absent {
				return true
			}
		}
		return false
	}
	if !present || len(v.Values) == 0 {
		switch {
		case c.ifExists, c.set == forAllValues:
			return true
		case c.set == forAnyValue:
			return false
		}
		return c.op.negated
	}
	// Each request value against the policy's values: a positive
	// operator's value matches when it matches one of them, a negated
	// operator's when it matches none.
	valueHolds := func(rv string) bool {
		for i := range c.Values {
			m, resolved := c.Values[i].resolve(ctx)
			if resolved && c.op.match(m, rv) {
				return !c.op.negated
			}
		}
		return c.op.negated
	}
	switch c.set {
	case forAllValues:
		for _, rv := range v.Values {
			if !valueHolds(rv) {
				return false
			}
		}
		return true
	default: // single (a multivalued key without a qualifier: as ForAnyValue), forAnyValue
		if c.op.negated && c.set == single {
			// A negated operator on the key's values: none of them
			// matches any of the policy's.
			for _, rv := range v.Values {
				if !valueHolds(rv) {
					return false
				}
			}
			return true
		}
		for _, rv := range v.Values {
			if valueHolds(rv) {
				return true
			}
		}
		return false
	}
}
