package querycodec

import (
	"fmt"
	"math/bits"
	"net/url"
	"reflect"
	"slices"
	"strings"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/traits"
)

// DecodeError is a request parameter that does not parse as its
// member's type. It answers IAM's ValidationError (HTTP 400) with Error() as
// the message, e.g.
//
//	1 validation error detected: Value at 'maxItems' failed to satisfy constraint: Member must be a number
//
// The wording follows IAM's other ValidationError messages; IAM's own text
// for an unparsable number is not known (a choice).
type DecodeError struct {
	Member     string // the member's path in lowerCamel: "maxItems", "tags.1.member.key"
	Value      string // the raw value, or the parameter name for a malformed list index
	Constraint string // "Member must be a number", ...
}

func (e *DecodeError) Error() string {
	// IAM's validation texts do not echo the value (docs/contract.md).
	return "1 validation error detected: Value at '" + e.Member + "' failed to satisfy constraint: " + e.Constraint
}

// The constraints a value can fail while it is parsed.
const (
	mustBeNumber    = "Member must be a number"
	mustBeBoolean   = "Member must be a boolean"
	mustBeTimestamp = "Member must be a timestamp"
	mustBeBase64    = "Member must be base64-encoded"
	mustBeList      = "Member must be a list"
	mustBeIndexed   = "Member must be numbered 1 to N without gaps"
	mustBeOneMember = "Member must have exactly one member set"
	unsupported     = "Member type is not supported"
)

// DecodeInput fills in, a pointer to an SDK input such as
// an *iam.XxxInput, from the request's parameters. It sets
// only the members the form carries; in should be a fresh value. The error
// is nil, or the first parameter (in member order) that does not parse.
func DecodeInput(form url.Values, in smithy.Serializable) *DecodeError {
	rv := reflect.ValueOf(in)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return &DecodeError{Member: "", Value: fmt.Sprintf("%T", in), Constraint: unsupported}
	}
	schema := schemaOf(rv.Type())
	if schema == nil { // a unit input: nothing to read
		return nil
	}
	d := decoder{form: form}
	return d.decode(schema, rv.Elem())
}

// decode fills v, an input struct whose schema is schema.
func (d *decoder) decode(schema *smithy.Schema, v reflect.Value) *DecodeError {
	_, err := d.structure("", "", schema, v, span{0, -1})
	return err
}

// isProtocolParam reports whether a parameter is the protocol's, never a member.
func isProtocolParam(k string) bool {
	return k == "Action" || k == "Version" || len(k) >= 6 && strings.EqualFold(k[:6], "X-Amz-")
}

// A decoder reads a form by member. A scalar is one lookup in the form; the
// parameters under a structure, list or map ("Tags.member.1.") are a span of
// the form's names in sorted order, which a list reads once, handing each
// element the span of its own parameters. So each parameter is examined a
// bounded number of times (once for each structure, list or map it is
// nested in), however many elements the form has.
type decoder struct {
	form     url.Values
	names    []string // the form's member parameters, sorted; built on first need
	sorted   bool
	examined int // parameters examined, for the test that decoding is linear
}

// span is names[lo:hi], the parameters under one prefix; hi < 0 means all of
// them (the top level, before names is built).
type span struct{ lo, hi int }

// get is the first value of the parameter k, if the form has k.
func (d *decoder) get(k string) (string, bool) {
	d.examined++
	vs, ok := d.form[k]
	if !ok || len(vs) == 0 || isProtocolParam(k) {
		return "", false
	}
	return vs[0], true
}

// under returns the parameters of in whose names start with p.
func (d *decoder) under(p string, in span) span {
	if !d.sorted {
		d.names = make([]string, 0, len(d.form))
		for k := range d.form {
			if !isProtocolParam(k) {
				d.names = append(d.names, k)
			}
		}
		slices.Sort(d.names)
		d.sorted, d.examined = true, d.examined+len(d.form)
	}
	if in.hi < 0 {
		in = span{0, len(d.names)}
	}
	// Names that start with p follow p itself in sorted order.
	lo, _ := slices.BinarySearch(d.names[in.lo:in.hi], p)
	lo += in.lo
	hi := lo
	for hi < in.hi && strings.HasPrefix(d.names[hi], p) {
		hi++
	}
	d.examined += bits.Len(uint(in.hi-in.lo)) + hi - lo
	return span{lo, hi}
}

// element is one index of a list or map, and the span of its parameters.
type element struct {
	n   int
	key string // the list's or map's prefix and the index: "Tags.member.1"
	span
}

// elements returns the indexes N of the parameters named p+"N" or
// p+"N.…" in the span in, sorted, each with its parameters. A malformed index
// (0, leading zeros, not a number) is an error naming the smallest such
// parameter, so the answer does not depend on the form's order.
func (d *decoder) elements(p, path string, in span) ([]element, *DecodeError) {
	sp := d.under(p, in)
	els := make([]element, 0, sp.hi-sp.lo) // at most one per parameter
	for i := sp.lo; i < sp.hi; i++ {
		d.examined++
		k := d.names[i]
		seg, _, _ := strings.Cut(k[len(p):], ".")
		n, ok := parseIndex(seg)
		if !ok { // names are sorted: the first bad one is the smallest
			return nil, &DecodeError{Member: path, Value: k, Constraint: mustBeIndexed}
		}
		// The parameters of one index are adjacent: seg is followed by
		// nothing or ".", which sorts before any digit.
		if last := len(els) - 1; last >= 0 && els[last].n == n {
			els[last].hi = i + 1
			continue
		}
		els = append(els, element{n, k[:len(p)+len(seg)], span{i, i + 1}})
	}
	slices.SortFunc(els, func(a, b element) int { return a.n - b.n })
	return els, nil
}

// parseIndex parses a list or map index: 1 to 99999999, decimal, no sign, no
// leading zero.
func parseIndex(s string) (int, bool) {
	if len(s) == 0 || len(s) > 8 || s[0] == '0' {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// value decodes the member s at parameter name key into v, which is settable
// and of the member's Go type (a pointer, value, slice, map or union
// interface); in holds the parameters under key's parent. It reports whether
// the form carried the member at all.
func (d *decoder) value(key, path string, s *smithy.Schema, v reflect.Value, in span) (bool, *DecodeError) {
	switch s.Type() {
	case smithy.ShapeTypeStructure:
		return d.structure(key+".", path, s, v, in)
	case smithy.ShapeTypeList, smithy.ShapeTypeSet:
		return d.list(key, path, s, v, in)
	case smithy.ShapeTypeMap:
		return d.mapping(key, path, s, v, in)
	case smithy.ShapeTypeUnion:
		return d.union(key, path, s, v, in)
	}
	raw, ok := d.get(key)
	if !ok {
		return false, nil
	}
	return true, setScalar(path, raw, s, v)
}

// structure decodes a structure's members, named prefix+member. The
// top-level input (prefix "") is always present; a nested structure is
// present when one of its members is.
func (d *decoder) structure(prefix, path string, s *smithy.Schema, v reflect.Value, in span) (bool, *DecodeError) {
	top := prefix == ""
	if !top {
		if in = d.under(prefix, in); in.lo == in.hi {
			return false, nil
		}
	}
	t := v.Type()
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return false, &DecodeError{Member: path, Value: strings.TrimSuffix(prefix, "."), Constraint: unsupported}
	}
	sv := v
	if v.Kind() == reflect.Pointer {
		sv = reflect.New(t).Elem()
	}
	plan := planFor(t, s)
	present := false
	for i := range plan {
		m := &plan[i]
		if m.field == nil {
			continue
		}
		mpath := m.path
		if path != "" {
			mpath = path + "." + m.path
		}
		ok, err := d.value(prefix+m.query, mpath, m.schema, sv.FieldByIndex(m.field), in)
		if err != nil {
			return false, err
		}
		present = present || ok
	}
	if present && v.Kind() == reflect.Pointer {
		v.Set(sv.Addr())
	}
	return present || top, nil
}

// list decodes Key.member.N (or Key.N when flattened, or the list member's
// xmlName for member). "Key=" alone is the empty list.
func (d *decoder) list(key, path string, s *smithy.Schema, v reflect.Value, in span) (bool, *DecodeError) {
	if v.Kind() != reflect.Slice {
		return false, &DecodeError{Member: path, Value: key, Constraint: unsupported}
	}
	lm := s.ListMember()
	if lm == nil {
		return false, &DecodeError{Member: path, Value: key, Constraint: unsupported}
	}
	prefix := key + "."
	if _, flat := smithy.SchemaTrait[*traits.XMLFlattened](s); !flat {
		name := "member"
		if xn, ok := smithy.SchemaTrait[*traits.XMLName](lm); ok {
			name = xn.Name
		}
		prefix += name + "."
	}
	els, err := d.elements(prefix, path, in)
	if err != nil {
		return false, err
	}
	out := reflect.MakeSlice(v.Type(), 0, len(els))
	for _, el := range els {
		ns := el.key[len(prefix):]
		ev := reflect.New(v.Type().Elem()).Elem()
		ok, err := d.value(el.key, path+"."+ns+".member", lm, ev, el.span)
		if err != nil {
			return false, err
		}
		if !ok { // only unknown parameters under this index
			continue
		}
		if el.n != out.Len()+1 {
			return false, &DecodeError{Member: path, Value: el.key, Constraint: mustBeIndexed}
		}
		out = reflect.Append(out, ev)
	}
	if out.Len() == 0 {
		raw, ok := d.get(key)
		if !ok {
			return false, nil
		}
		if raw != "" {
			return false, &DecodeError{Member: path, Value: raw, Constraint: mustBeList}
		}
	}
	v.Set(out)
	return true, nil
}

// mapping decodes Key.entry.N.key and Key.entry.N.value (no "entry" when
// flattened; key and value names from their xmlName). An entry is present
// when its key is; an empty map cannot be told from an absent one (the SDK
// sends neither).
func (d *decoder) mapping(key, path string, s *smithy.Schema, v reflect.Value, in span) (bool, *DecodeError) {
	ks, vs := s.MapKey(), s.MapValue()
	if v.Kind() != reflect.Map || v.Type().Key().Kind() != reflect.String || ks == nil || vs == nil {
		return false, &DecodeError{Member: path, Value: key, Constraint: unsupported}
	}
	prefix := key + "."
	if _, flat := smithy.SchemaTrait[*traits.XMLFlattened](s); !flat {
		prefix += "entry."
	}
	kname, vname := "key", "value"
	if xn, ok := smithy.SchemaTrait[*traits.XMLName](ks); ok {
		kname = xn.Name
	}
	if xn, ok := smithy.SchemaTrait[*traits.XMLName](vs); ok {
		vname = xn.Name
	}
	els, err := d.elements(prefix, path, in)
	if err != nil {
		return false, err
	}
	var out reflect.Value
	count := 0
	for _, el := range els {
		ns := el.key[len(prefix):]
		k, ok := d.get(el.key + "." + kname)
		if !ok {
			continue
		}
		if el.n != count+1 {
			return false, &DecodeError{Member: path, Value: el.key, Constraint: mustBeIndexed}
		}
		count++
		ev := reflect.New(v.Type().Elem()).Elem()
		if _, err := d.value(el.key+"."+vname, path+"."+ns+".entry.value", vs, ev, el.span); err != nil {
			return false, err
		}
		if !out.IsValid() {
			out = reflect.MakeMapWithSize(v.Type(), len(els))
		}
		out.SetMapIndex(reflect.ValueOf(k).Convert(v.Type().Key()), ev)
	}
	if count == 0 {
		return false, nil
	}
	v.Set(out)
	return true, nil
}

// union decodes a union (an interface in Go) from the one variant member the
// form carries, building the SDK's variant type (XMemberY{Value: ...}).
func (d *decoder) union(key, path string, s *smithy.Schema, v reflect.Value, in span) (bool, *DecodeError) {
	variants := variantsOf(v.Type())
	if v.Kind() != reflect.Interface || variants == nil {
		return false, &DecodeError{Member: path, Value: key, Constraint: unsupported}
	}
	in = d.under(key+".", in)
	var found reflect.Value
	for _, m := range sortedMembers(s) {
		vt, ok := variants[m.schema.MemberName()]
		if !ok {
			continue
		}
		nv := reflect.New(vt.Elem())
		ok, err := d.value(key+"."+m.query, path+"."+m.path, m.schema, nv.Elem().Field(vt.valueField), in)
		if err != nil {
			return false, err
		}
		if !ok {
			continue
		}
		if found.IsValid() {
			return false, &DecodeError{Member: path, Value: key, Constraint: mustBeOneMember}
		}
		found = nv
	}
	if !found.IsValid() {
		return false, nil
	}
	v.Set(found)
	return true, nil
}
