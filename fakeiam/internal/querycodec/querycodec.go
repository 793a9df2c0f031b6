// Package querycodec speaks the AWS query protocol of IAM (and of STS, which
// differs only in its XML namespace): a form of parameters in, an XML
// document out, generic over the SDK's own types. Nothing here is written per
// operation: both directions are driven by the smithy schemas that the SDK
// generates (member names, list members, traits) and by reflection over the
// SDK's structs, whose field names are the member names.
package querycodec

// How it reads and writes:
//
//   - DecodeInput fills a typed input (*iam.XInput) from a request's
//     parameters, reading them as the SDK's own query serializer
//     (smithy-go transport/http/protocol/internal/query) writes them.
//   - EncodeResponse writes a typed output as IAM's success document,
//     which the SDK's own XML deserializer (internal/xml) reads back into
//     the same value.
//
// Choices, where IAM's behavior is not known (for the README's list):
//   - Unknown parameters are ignored, as are Action, Version and the X-Amz-*
//     presigning parameters. A parameter given twice counts once: the first.
//   - A value that does not parse answers ValidationError in IAM's wording,
//     naming the member in lowerCamel as IAM does ("maxItems",
//     "tags.1.member.key"), without echoing the value, as IAM's texts do not
//     (DecodeError).
//   - Booleans are "true" or "false", in any case (as Java's parser reads
//     them); integers are decimal, optionally signed, and must fit the
//     member's type; timestamps are ISO 8601 / RFC 3339 as the SDK sends them.
//   - List and map indexes are 1, 2, ... N with no gaps, in decimal without
//     leading zeros; "Tags=" with no members is the empty list (the SDK's
//     sentinel for an empty non-nil slice).
//   - Output timestamps are ISO 8601 in UTC, whole seconds as IAM sends them
//     (2013-06-06T21:40:08Z), with a fraction only when the time has one.
//   - Members whose Go field is a value type (IsTruncated bool, ...) are
//     written even when zero: IAM sends <IsTruncated>false</IsTruncated>, and
//     the SDK's generated Serialize skips zero values.
//   - Characters XML 1.0 cannot carry (NUL and the other C0 controls but
//     tab, LF and CR; U+FFFE, U+FFFF; invalid UTF-8) are written as U+FFFD,
//     which is what encoding/xml does. IAM's patterns keep them out of the
//     values the fake stores from valid requests.

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/document"
	smithytime "github.com/aws/smithy-go/time"
	"github.com/aws/smithy-go/traits"
)

// timeLayout is IAM's timestamp: UTC, whole seconds, "Z". The .999999999
// adds a fraction only when there is one, so no time loses precision.
const timeLayout = "2006-01-02T15:04:05.999999999Z"

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
	// IAM's validation texts do not echo the value (IAM-SPEC.md).
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
	_, err := d.structure("", "", schema, rv.Elem(), true)
	return err
}

// isProtocolParam reports whether a parameter is the protocol's, never a member.
func isProtocolParam(k string) bool {
	return k == "Action" || k == "Version" || len(k) >= 6 && strings.EqualFold(k[:6], "X-Amz-")
}

type decoder struct {
	form url.Values
}

// get is the first value of the parameter k, if the form has k.
func (d *decoder) get(k string) (string, bool) {
	vs, ok := d.form[k]
	if !ok || len(vs) == 0 || isProtocolParam(k) {
		return "", false
	}
	return vs[0], true
}

// hasPrefix reports whether any parameter's name starts with p.
func (d *decoder) hasPrefix(p string) bool {
	for k := range d.form {
		if strings.HasPrefix(k, p) && !isProtocolParam(k) {
			return true
		}
	}
	return false
}

// indexes returns the distinct indexes N of the parameters named p+"N" or
// p+"N.…", sorted. A malformed index (0, leading zeros, not a number) is an
// error naming the smallest such parameter, so the answer does not depend on
// the form's order.
func (d *decoder) indexes(p, path string) ([]int, *DecodeError) {
	var idx []int
	bad := ""
	for k := range d.form {
		if !strings.HasPrefix(k, p) || isProtocolParam(k) {
			continue
		}
		seg, _, _ := strings.Cut(k[len(p):], ".")
		n, ok := parseIndex(seg)
		if !ok {
			if bad == "" || k < bad {
				bad = k
			}
			continue
		}
		idx = append(idx, n)
	}
	if bad != "" {
		return nil, &DecodeError{Member: path, Value: bad, Constraint: mustBeIndexed}
	}
	slices.Sort(idx)
	return slices.Compact(idx), nil
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
// interface). It reports whether the form carried the member at all.
func (d *decoder) value(key, path string, s *smithy.Schema, v reflect.Value) (bool, *DecodeError) {
	switch s.Type() {
	case smithy.ShapeTypeStructure:
		return d.structure(key, path, s, v, false)
	case smithy.ShapeTypeList, smithy.ShapeTypeSet:
		return d.list(key, path, s, v)
	case smithy.ShapeTypeMap:
		return d.mapping(key, path, s, v)
	case smithy.ShapeTypeUnion:
		return d.union(key, path, s, v)
	}
	raw, ok := d.get(key)
	if !ok {
		return false, nil
	}
	return true, setScalar(path, raw, s, v)
}

// structure decodes a structure's members. The top-level input is always
// present; a nested structure is present when one of its members is.
func (d *decoder) structure(key, path string, s *smithy.Schema, v reflect.Value, top bool) (bool, *DecodeError) {
	prefix := ""
	if !top {
		prefix = key + "."
		if !d.hasPrefix(prefix) {
			return false, nil
		}
	}
	t := v.Type()
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return false, &DecodeError{Member: path, Value: key, Constraint: unsupported}
	}
	sv := v
	if v.Kind() == reflect.Pointer {
		sv = reflect.New(t).Elem()
	}
	plan := planFor(t, s)
	present := false
	for i := range plan.members {
		m := &plan.members[i]
		if m.field == nil {
			continue
		}
		mpath := m.path
		if path != "" {
			mpath = path + "." + m.path
		}
		ok, err := d.value(prefix+m.query, mpath, m.schema, sv.FieldByIndex(m.field))
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
func (d *decoder) list(key, path string, s *smithy.Schema, v reflect.Value) (bool, *DecodeError) {
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
	idx, err := d.indexes(prefix, path)
	if err != nil {
		return false, err
	}
	out := reflect.MakeSlice(v.Type(), 0, len(idx))
	for _, n := range idx {
		ns := strconv.Itoa(n)
		ev := reflect.New(v.Type().Elem()).Elem()
		ok, err := d.value(prefix+ns, path+"."+ns+".member", lm, ev)
		if err != nil {
			return false, err
		}
		if !ok { // only unknown parameters under this index
			continue
		}
		if n != out.Len()+1 {
			return false, &DecodeError{Member: path, Value: prefix + ns, Constraint: mustBeIndexed}
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
func (d *decoder) mapping(key, path string, s *smithy.Schema, v reflect.Value) (bool, *DecodeError) {
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
	idx, err := d.indexes(prefix, path)
	if err != nil {
		return false, err
	}
	var out reflect.Value
	count := 0
	for _, n := range idx {
		ns := strconv.Itoa(n)
		k, ok := d.get(prefix + ns + "." + kname)
		if !ok {
			continue
		}
		if n != count+1 {
			return false, &DecodeError{Member: path, Value: prefix + ns, Constraint: mustBeIndexed}
		}
		count++
		ev := reflect.New(v.Type().Elem()).Elem()
		if _, err := d.value(prefix+ns+"."+vname, path+"."+ns+".entry.value", vs, ev); err != nil {
			return false, err
		}
		if !out.IsValid() {
			out = reflect.MakeMapWithSize(v.Type(), len(idx))
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
func (d *decoder) union(key, path string, s *smithy.Schema, v reflect.Value) (bool, *DecodeError) {
	variants := variantsOf(v.Type())
	if v.Kind() != reflect.Interface || variants == nil {
		return false, &DecodeError{Member: path, Value: key, Constraint: unsupported}
	}
	plan := sortedMembers(s)
	var found reflect.Value
	for _, m := range plan {
		vt, ok := variants[m.schema.MemberName()]
		if !ok {
			continue
		}
		nv := reflect.New(vt.Elem())
		ok, err := d.value(key+"."+m.query, path+"."+m.path, m.schema, nv.Elem().Field(vt.valueField))
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

// setScalar parses raw as the scalar member s and stores it in v (a value
// or a pointer, which it allocates).
func setScalar(path, raw string, s *smithy.Schema, v reflect.Value) *DecodeError {
	bad := func(c string) *DecodeError { return &DecodeError{Member: path, Value: raw, Constraint: c} }
	t := v.Type()
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var x reflect.Value
	switch s.Type() {
	case smithy.ShapeTypeString, smithy.ShapeTypeEnum:
		if t.Kind() != reflect.String {
			return bad(unsupported)
		}
		x = reflect.New(t).Elem()
		x.SetString(raw)
	case smithy.ShapeTypeBoolean:
		if t.Kind() != reflect.Bool {
			return bad(unsupported)
		}
		var b bool
		switch {
		case strings.EqualFold(raw, "true"):
			b = true
		case strings.EqualFold(raw, "false"):
		default:
			return bad(mustBeBoolean)
		}
		x = reflect.New(t).Elem()
		x.SetBool(b)
	case smithy.ShapeTypeByte, smithy.ShapeTypeShort, smithy.ShapeTypeInteger, smithy.ShapeTypeLong, smithy.ShapeTypeIntEnum:
		switch t.Kind() {
		case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Int:
		default:
			return bad(unsupported)
		}
		n, err := strconv.ParseInt(raw, 10, t.Bits())
		if err != nil {
			return bad(mustBeNumber)
		}
		x = reflect.New(t).Elem()
		x.SetInt(n)
	case smithy.ShapeTypeFloat, smithy.ShapeTypeDouble:
		if t.Kind() != reflect.Float32 && t.Kind() != reflect.Float64 {
			return bad(unsupported)
		}
		f, err := strconv.ParseFloat(raw, t.Bits())
		if err != nil {
			return bad(mustBeNumber)
		}
		x = reflect.New(t).Elem()
		x.SetFloat(f)
	case smithy.ShapeTypeTimestamp:
		if t != reflect.TypeFor[time.Time]() {
			return bad(unsupported)
		}
		tm, ok := parseTime(s, raw)
		if !ok {
			return bad(mustBeTimestamp)
		}
		x = reflect.ValueOf(tm)
	case smithy.ShapeTypeBlob:
		if t != reflect.TypeFor[[]byte]() {
			return bad(unsupported)
		}
		b, err := base64.StdEncoding.DecodeString(raw)
		if err != nil {
			return bad(mustBeBase64)
		}
		x = reflect.ValueOf(b)
	default: // big numbers and documents: IAM has none
		return bad(unsupported)
	}
	if v.Kind() == reflect.Pointer {
		p := reflect.New(t)
		p.Elem().Set(x)
		v.Set(p)
	} else {
		v.Set(x)
	}
	return nil
}

// parseTime reads a timestamp in the member's format: date-time (ISO 8601,
// the query protocol's default), epoch-seconds or http-date.
func parseTime(s *smithy.Schema, raw string) (time.Time, bool) {
	format := "date-time"
	if tf, ok := smithy.SchemaTrait[*traits.TimestampFormat](s); ok {
		format = tf.Format
	}
	var t time.Time
	var err error
	switch format {
	case "epoch-seconds":
		var f float64
		f, err = strconv.ParseFloat(raw, 64)
		if err == nil && (math.IsNaN(f) || math.IsInf(f, 0)) {
			err = errors.New("not finite")
		}
		t = smithytime.ParseEpochSeconds(f)
	case "http-date":
		t, err = smithytime.ParseHTTPDate(raw)
	default:
		t, err = smithytime.ParseDateTime(raw)
	}
	return t, err == nil
}

// Plans: per Go struct type, its members in name order with their Go fields.
// They are computed once per type and never change, like reflect's own
// caches: pure functions of the SDK's types, not state.

type member struct {
	schema *smithy.Schema
	query  string       // query parameter name: @xmlName, else the member name
	path   string       // lowerCamel, for messages
	xml    string       // XML element name: direct @xmlName, else the member name
	field  []int        // the Go field, nil if the struct has none
	typ    reflect.Type // the Go field's type
}

type structPlan struct {
	members  []member
	byName   map[string]int // member name -> index in members
	defaults []int          // members of value type (bool, numbers): written even when zero
}

var plans sync.Map // reflect.Type -> *structPlan

func planFor(t reflect.Type, s *smithy.Schema) *structPlan {
	if p, ok := plans.Load(t); ok {
		return p.(*structPlan)
	}
	p := &structPlan{members: sortedMembers(s)}
	p.byName = make(map[string]int, len(p.members))
	for i := range p.members {
		m := &p.members[i]
		p.byName[m.schema.MemberName()] = i
		f, ok := t.FieldByName(m.schema.MemberName())
		if !ok {
			f, ok = t.FieldByName(upperFirst(m.schema.MemberName()))
		}
		if !ok || !f.IsExported() {
			continue
		}
		m.field, m.typ = f.Index, f.Type
		switch f.Type.Kind() {
		case reflect.Bool, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Float32, reflect.Float64:
			switch m.schema.Type() {
			case smithy.ShapeTypeBoolean, smithy.ShapeTypeByte, smithy.ShapeTypeShort, smithy.ShapeTypeInteger,
				smithy.ShapeTypeLong, smithy.ShapeTypeFloat, smithy.ShapeTypeDouble:
				if len(p.defaults) < 64 {
					p.defaults = append(p.defaults, i)
				}
			}
		}
	}
	actual, _ := plans.LoadOrStore(t, p)
	return actual.(*structPlan)
}

func sortedMembers(s *smithy.Schema) []member {
	if s == nil {
		return nil
	}
	ms := make([]member, 0, len(s.Members()))
	for name, m := range s.Members() {
		q := name
		if xn, ok := smithy.SchemaTrait[*traits.XMLName](m); ok {
			q = xn.Name
		}
		ms = append(ms, member{schema: m, query: q, path: lowerFirst(name), xml: xmlName(m)})
	}
	slices.SortFunc(ms, func(a, b member) int { return strings.Compare(a.schema.MemberName(), b.schema.MemberName()) })
	return ms
}

// xmlName is a member's element name: its own @xmlName, else its name (the
// SDK's XML deserializer resolves names the same way).
func xmlName(m *smithy.Schema) string {
	if xn, ok := smithy.SchemaDirectTrait[*traits.XMLName](m); ok {
		return xn.Name
	}
	return m.MemberName()
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// rootSchemas caches each input type's schema, which its Serialize names
// in its first WriteStruct (nil for a unit input).
var rootSchemas sync.Map // reflect.Type -> *smithy.Schema (possibly nil)

func schemaOf(t reflect.Type) *smithy.Schema {
	if s, ok := rootSchemas.Load(t); ok {
		return s.(*smithy.Schema)
	}
	r := &schemaRecorder{}
	reflect.New(t.Elem()).Interface().(smithy.Serializable).Serialize(r)
	rootSchemas.Store(t, r.first)
	return r.first
}

// unionVariants lists the SDK's union variant types. A union is an
// interface in Go, whose implementations reflection cannot enumerate; each
// variant's Serialize names the member it stands for. IAM has one union.
var unionVariants = []smithy.Serializable{
	&types.PolicyIdentifierMemberInlinePolicyIdentifier{},
	&types.PolicyIdentifierMemberPolicyArn{},
	&types.PolicyIdentifierMemberPolicyType{},
}

// variant is a variant's pointer type and the index of its Value field.
type variant struct {
	reflect.Type
	valueField int
}

var unions = sync.OnceValue(func() map[reflect.Type]map[string]variant {
	ifaces := map[reflect.Type]map[string]variant{}
	for _, v := range unionVariants {
		t := reflect.TypeOf(v)
		f, ok := t.Elem().FieldByName("Value")
		r := &schemaRecorder{}
		v.Serialize(r)
		if !ok || r.first == nil {
			continue
		}
		for _, it := range unionInterfaces {
			if t.Implements(it) {
				if ifaces[it] == nil {
					ifaces[it] = map[string]variant{}
				}
				ifaces[it][r.first.MemberName()] = variant{t, f.Index[0]}
			}
		}
	}
	return ifaces
})

// unionInterfaces are the union interfaces of unionVariants.
var unionInterfaces = []reflect.Type{
	reflect.TypeFor[types.PolicyIdentifier](),
}

func variantsOf(t reflect.Type) map[string]variant { return unions()[t] }

// schemaRecorder is a ShapeSerializer that writes nothing and keeps the
// first schema it is handed: an input's structure, or a variant's member.
type schemaRecorder struct {
	first *smithy.Schema
	seen  bool
}

func (r *schemaRecorder) see(s *smithy.Schema) {
	if !r.seen {
		r.first, r.seen = s, true
	}
}

func (r *schemaRecorder) Bytes() []byte                                    { return nil }
func (r *schemaRecorder) WriteInt8(s *smithy.Schema, _ int8)               { r.see(s) }
func (r *schemaRecorder) WriteInt16(s *smithy.Schema, _ int16)             { r.see(s) }
func (r *schemaRecorder) WriteInt32(s *smithy.Schema, _ int32)             { r.see(s) }
func (r *schemaRecorder) WriteInt64(s *smithy.Schema, _ int64)             { r.see(s) }
func (r *schemaRecorder) WriteFloat32(s *smithy.Schema, _ float32)         { r.see(s) }
func (r *schemaRecorder) WriteFloat64(s *smithy.Schema, _ float64)         { r.see(s) }
func (r *schemaRecorder) WriteBool(s *smithy.Schema, _ bool)               { r.see(s) }
func (r *schemaRecorder) WriteString(s *smithy.Schema, _ string)           { r.see(s) }
func (r *schemaRecorder) WriteBigInt(s *smithy.Schema, _ *big.Int)         { r.see(s) }
func (r *schemaRecorder) WriteBigFloat(s *smithy.Schema, _ *big.Float)     { r.see(s) }
func (r *schemaRecorder) WriteBlob(s *smithy.Schema, _ []byte)             { r.see(s) }
func (r *schemaRecorder) WriteTime(s *smithy.Schema, _ time.Time)          { r.see(s) }
func (r *schemaRecorder) WriteUnion(s, _ *smithy.Schema)                   { r.see(s) }
func (r *schemaRecorder) CloseUnion()                                      {}
func (r *schemaRecorder) WriteDocument(s *smithy.Schema, _ document.Value) { r.see(s) }
func (r *schemaRecorder) WriteNil(s *smithy.Schema)                        { r.see(s) }
func (r *schemaRecorder) WriteStruct(s *smithy.Schema)                     { r.see(s) }
func (r *schemaRecorder) CloseStruct()                                     {}
func (r *schemaRecorder) WriteList(s *smithy.Schema)                       { r.see(s) }
func (r *schemaRecorder) CloseList()                                       {}
func (r *schemaRecorder) WriteMap(s *smithy.Schema)                        { r.see(s) }
func (r *schemaRecorder) WriteKey(s *smithy.Schema, _ string)              { r.see(s) }
func (r *schemaRecorder) CloseMap()                                        {}

// EncodeResponse writes out, the typed output of operation, as IAM's
// success document:
//
//	<{Op}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
//	  <{Op}Result>…members…</{Op}Result>
//	  <ResponseMetadata><RequestId>…</RequestId></ResponseMetadata>
//	</{Op}Response>
//
// without the Result element when the output has no members (Update, Delete).
// Members are elements named by member name (or @xmlName); list items are
// <member>, map entries <entry><key/><value/></entry> in key order; a nil
// list or map is left out, an empty one is written empty (the SDK then
// decodes an empty non-nil slice, as from IAM's <Certificates/>). The
// document is built in memory and written to w in one Write.
func EncodeResponse(w io.Writer, namespace, operation string, out smithy.Serializable, requestID string) error {
	if !isOperationName(operation) {
		return fmt.Errorf("operation %q is not a name", operation)
	}
	if rv := reflect.ValueOf(out); out != nil && rv.Kind() == reflect.Pointer && rv.IsNil() {
		out = nil
	}
	var buf bytes.Buffer
	e := &xmlWriter{enc: xml.NewEncoder(&buf), buf: &buf, op: operation}
	if out != nil {
		e.rootType = reflect.TypeOf(out)
	}
	root := xml.StartElement{Name: xml.Name{Space: namespace, Local: operation + "Response"}}
	e.token(root)
	if out != nil {
		out.Serialize(e)
	}
	if e.err == nil && len(e.stack) != 0 {
		e.err = errors.New("unbalanced Serialize")
	}
	e.start("ResponseMetadata")
	e.element("RequestId", requestID)
	e.end("ResponseMetadata")
	e.token(root.End())
	if e.err == nil {
		e.err = e.enc.Flush()
	}
	if e.err != nil {
		return fmt.Errorf("%s response: %w", operation, e.err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// isOperationName reports whether op is an operation name (ASCII letters and
// digits), so the element names made from it are well formed.
func isOperationName(op string) bool {
	if op == "" {
		return false
	}
	for i := 0; i < len(op); i++ {
		if c := op[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' && i > 0) {
			return false
		}
	}
	return true
}

type frameKind byte

const (
	frameStruct frameKind = iota
	frameList
	frameMap
	frameUnion
)

type frame struct {
	kind frameKind
	name string // element to close; "" for none (unit root, flattened list)

	// structure
	plan    *structPlan
	written uint64 // bit i: plan.defaults[i] was written

	// list and map: the items' element name and Go type
	item string
	elem reflect.Type

	// map
	valueName  string
	awaitValue bool // WriteKey came, its value not yet
	inEntry    bool
	entries    []mapEntry
}

type mapEntry struct {
	key   string
	start int // offset of <entry> in buf
}

// xmlWriter is a smithy.ShapeSerializer that writes IAM's XML through
// encoding/xml. It tracks the Go type of each structure it is in (from the
// output's type down through fields, slices and maps) to know its
// value-typed members.
type xmlWriter struct {
	enc      *xml.Encoder
	buf      *bytes.Buffer
	op       string
	rootType reflect.Type
	stack    []frame
	err      error
	scratch  []byte
}

var _ smithy.ShapeSerializer = (*xmlWriter)(nil)

func (e *xmlWriter) token(t xml.Token) {
	if e.err == nil {
		e.err = e.enc.EncodeToken(t)
	}
}

func (e *xmlWriter) start(name string) { e.token(xml.StartElement{Name: xml.Name{Local: name}}) }
func (e *xmlWriter) end(name string)   { e.token(xml.EndElement{Name: xml.Name{Local: name}}) }

func (e *xmlWriter) text(s string) {
	if e.err == nil && s != "" {
		e.scratch = append(e.scratch[:0], s...)
		e.err = e.enc.EncodeToken(xml.CharData(e.scratch))
	}
}

func (e *xmlWriter) element(name, s string) {
	e.start(name)
	e.text(s)
	e.end(name)
}

func (e *xmlWriter) top() *frame {
	if len(e.stack) == 0 {
		return nil
	}
	return &e.stack[len(e.stack)-1]
}

// name is the element name of the next value, member s, in its context; it
// consumes a map entry's pending value.
func (e *xmlWriter) name(s *smithy.Schema) string {
	if top := e.top(); top != nil {
		switch top.kind {
		case frameList:
			return top.item
		case frameMap:
			if top.awaitValue {
				top.awaitValue = false
				return top.valueName
			}
		}
	}
	if s == nil {
		return ""
	}
	return xmlName(s)
}

// childType is the Go type of the next value, member s, if known.
func (e *xmlWriter) childType(s *smithy.Schema) reflect.Type {
	top := e.top()
	if top == nil {
		return e.rootType
	}
	switch top.kind {
	case frameStruct:
		if top.plan != nil && s != nil {
			if i, ok := top.plan.byName[s.MemberName()]; ok {
				return top.plan.members[i].typ
			}
		}
	case frameList, frameMap:
		return top.elem
	}
	return nil
}

func deref(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// scalar writes member s as <name>text</name>, noting a value-typed member.
func (e *xmlWriter) scalar(s *smithy.Schema, text string) {
	if top := e.top(); top != nil && top.kind == frameStruct && top.plan != nil {
		for i, mi := range top.plan.defaults {
			if top.plan.members[mi].schema == s {
				top.written |= 1 << i
			}
		}
	}
	name := e.name(s)
	if name == "" {
		e.fail("value outside a structure")
		return
	}
	e.element(name, text)
}

func (e *xmlWriter) fail(msg string) {
	if e.err == nil {
		e.err = errors.New(msg)
	}
}

// Bytes is not used: the document is written to the caller's writer.
func (e *xmlWriter) Bytes() []byte { return nil }

func (e *xmlWriter) WriteInt8(s *smithy.Schema, v int8) {
	e.scalar(s, strconv.FormatInt(int64(v), 10))
}

func (e *xmlWriter) WriteInt16(s *smithy.Schema, v int16) {
	e.scalar(s, strconv.FormatInt(int64(v), 10))
}

func (e *xmlWriter) WriteInt32(s *smithy.Schema, v int32) {
	e.scalar(s, strconv.FormatInt(int64(v), 10))
}

func (e *xmlWriter) WriteInt64(s *smithy.Schema, v int64) { e.scalar(s, strconv.FormatInt(v, 10)) }

func (e *xmlWriter) WriteFloat32(s *smithy.Schema, v float32) {
	e.scalar(s, formatFloat(float64(v), 32))
}

func (e *xmlWriter) WriteFloat64(s *smithy.Schema, v float64) { e.scalar(s, formatFloat(v, 64)) }

func formatFloat(v float64, bits int) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "Infinity"
	case math.IsInf(v, -1):
		return "-Infinity"
	}
	return strconv.FormatFloat(v, 'g', -1, bits)
}

func (e *xmlWriter) WriteBool(s *smithy.Schema, v bool) { e.scalar(s, strconv.FormatBool(v)) }

func (e *xmlWriter) WriteString(s *smithy.Schema, v string) { e.scalar(s, v) }

func (e *xmlWriter) WriteBigInt(*smithy.Schema, *big.Int) { e.fail("BigInteger not supported") }

func (e *xmlWriter) WriteBigFloat(*smithy.Schema, *big.Float) { e.fail("BigDecimal not supported") }

func (e *xmlWriter) WriteDocument(*smithy.Schema, document.Value) {
	e.fail("Document not supported")
}

func (e *xmlWriter) WriteBlob(s *smithy.Schema, v []byte) {
	if v != nil {
		e.scalar(s, base64.StdEncoding.EncodeToString(v))
	}
}

func (e *xmlWriter) WriteTime(s *smithy.Schema, v time.Time) {
	format := "date-time"
	if tf, ok := smithy.SchemaTrait[*traits.TimestampFormat](s); ok {
		format = tf.Format
	}
	switch format {
	case "epoch-seconds":
		e.scalar(s, strconv.FormatFloat(smithytime.FormatEpochSeconds(v), 'f', -1, 64))
	case "http-date":
		e.scalar(s, smithytime.FormatHTTPDate(v))
	default:
		if y := v.UTC().Year(); y < 0 || y > 9999 {
			e.fail("timestamp " + v.String() + " has no four-digit year: the SDK could not read it")
			return
		}
		e.scalar(s, v.UTC().Format(timeLayout))
	}
}

func (e *xmlWriter) WriteNil(s *smithy.Schema) {
	if top := e.top(); top != nil && top.kind == frameMap {
		top.awaitValue = false
	}
}

func (e *xmlWriter) WriteStruct(s *smithy.Schema) {
	t := deref(e.childType(s))
	var f frame
	if len(e.stack) == 0 {
		if s != nil { // a unit output (schema nil) has no Result element
			f.name = e.op + "Result"
		}
	} else {
		f.name = e.name(s)
		if f.name == "" {
			e.fail("structure without a name")
		}
	}
	if s != nil && t != nil && t.Kind() == reflect.Struct {
		f.plan = planFor(t, s)
	}
	if f.name != "" {
		e.start(f.name)
	}
	e.stack = append(e.stack, f)
}

func (e *xmlWriter) CloseStruct() {
	top := e.top()
	if top == nil || top.kind != frameStruct {
		e.fail("CloseStruct outside a structure")
		return
	}
	if p := top.plan; p != nil {
		for i, mi := range p.defaults {
			if top.written&(1<<i) != 0 {
				continue
			}
			m := &p.members[mi]
			zero := "0"
			if m.schema.Type() == smithy.ShapeTypeBoolean {
				zero = "false"
			}
			e.element(m.xml, zero)
		}
	}
	if top.name != "" {
		e.end(top.name)
	}
	e.stack = e.stack[:len(e.stack)-1]
}

func (e *xmlWriter) WriteUnion(s, _ *smithy.Schema) {
	name := e.name(s)
	if name == "" {
		e.fail("union without a name")
	}
	e.start(name)
	e.stack = append(e.stack, frame{kind: frameUnion, name: name})
}

func (e *xmlWriter) CloseUnion() {
	top := e.top()
	if top == nil || top.kind != frameUnion {
		e.fail("CloseUnion outside a union")
		return
	}
	e.end(top.name)
	e.stack = e.stack[:len(e.stack)-1]
}

func (e *xmlWriter) WriteList(s *smithy.Schema) {
	t := deref(e.childType(s))
	f := frame{kind: frameList, name: e.name(s)}
	if t != nil && t.Kind() == reflect.Slice {
		f.elem = t.Elem()
	}
	if f.name == "" {
		e.fail("list without a name")
	}
	if _, flat := smithy.SchemaTrait[*traits.XMLFlattened](s); flat {
		f.item, f.name = f.name, ""
	} else {
		f.item = "member"
		if lm := s.ListMember(); lm != nil {
			if xn, ok := smithy.SchemaDirectTrait[*traits.XMLName](lm); ok {
				f.item = xn.Name
			}
		}
		e.start(f.name)
	}
	e.stack = append(e.stack, f)
}

func (e *xmlWriter) CloseList() {
	top := e.top()
	if top == nil || top.kind != frameList {
		e.fail("CloseList outside a list")
		return
	}
	if top.name != "" {
		e.end(top.name)
	}
	e.stack = e.stack[:len(e.stack)-1]
}

func (e *xmlWriter) WriteMap(s *smithy.Schema) {
	t := deref(e.childType(s))
	f := frame{kind: frameMap, name: e.name(s), item: "entry", valueName: "value"}
	if t != nil && t.Kind() == reflect.Map {
		f.elem = t.Elem()
	}
	if f.name == "" {
		e.fail("map without a name")
	}
	if mv := s.MapValue(); mv != nil {
		if xn, ok := smithy.SchemaDirectTrait[*traits.XMLName](mv); ok {
			f.valueName = xn.Name
		}
	}
	if _, flat := smithy.SchemaTrait[*traits.XMLFlattened](s); flat {
		f.item, f.name = f.name, ""
	} else {
		e.start(f.name)
	}
	e.stack = append(e.stack, f)
}

func (e *xmlWriter) WriteKey(s *smithy.Schema, k string) {
	top := e.top()
	if top == nil || top.kind != frameMap {
		e.fail("WriteKey outside a map")
		return
	}
	if top.inEntry {
		e.end(top.item)
	}
	// Entries are sorted by key at CloseMap (Go maps have no order): note
	// where this one starts in the buffer.
	if e.err == nil {
		e.err = e.enc.Flush()
	}
	top.entries = append(top.entries, mapEntry{key: k, start: e.buf.Len()})
	e.start(top.item)
	kname := "key"
	if s != nil {
		if xn, ok := smithy.SchemaDirectTrait[*traits.XMLName](s); ok {
			kname = xn.Name
		}
	}
	e.element(kname, k)
	top.inEntry, top.awaitValue = true, true
}

func (e *xmlWriter) CloseMap() {
	top := e.top()
	if top == nil || top.kind != frameMap {
		e.fail("CloseMap outside a map")
		return
	}
	if top.inEntry {
		e.end(top.item)
	}
	if e.err == nil {
		e.err = e.enc.Flush()
	}
	if n := len(top.entries); n > 1 && e.err == nil {
		b := e.buf.Bytes()
		end := len(b)
		segs := make([][]byte, n)
		for i, en := range top.entries {
			stop := end
			if i+1 < n {
				stop = top.entries[i+1].start
			}
			segs[i] = b[en.start:stop]
		}
		order := make([]int, n)
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(i, j int) int { return strings.Compare(top.entries[i].key, top.entries[j].key) })
		sorted := make([]byte, 0, end-top.entries[0].start)
		for _, i := range order {
			sorted = append(sorted, segs[i]...)
		}
		copy(b[top.entries[0].start:], sorted)
	}
	if top.name != "" {
		e.end(top.name)
	}
	e.stack = e.stack[:len(e.stack)-1]
}
