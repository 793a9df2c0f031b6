package querycodec

import (
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/aws/smithy-go"
	smithytime "github.com/aws/smithy-go/time"
	"github.com/aws/smithy-go/traits"

	"github.com/fakeaws/fakeaws/fakeiam/internal/words"
)

// timeLayout is IAM's timestamp: UTC, whole seconds, "Z". The .999999999
// adds a fraction only when there is one, so no time loses precision.
const timeLayout = "2006-01-02T15:04:05.999999999Z"

// EncodeResponse writes out, the typed output of operation, as a query
// service's success document in the XML namespace namespace (IAM's is
// https://iam.amazonaws.com/doc/2010-05-08/):
//
//	<{Op}Response xmlns="{namespace}">
//	  <{Op}Result>…members…</{Op}Result>
//	  <ResponseMetadata><RequestId>…</RequestId></ResponseMetadata>
//	</{Op}Response>
//
// without the Result element when the output has no members (Update, Delete).
// It walks the Go value, taking names from the SDK's schemas: members are
// elements named by member name (or @xmlName), in name order; list items are
// <member>, map entries <entry><key/><value/></entry> in key order; a nil
// pointer, list or map is left out, an empty list or map is written empty
// (the SDK then decodes an empty non-nil slice, as from IAM's
// <Certificates/>). The document is built in memory and written to w in one
// Write; on an error nothing is written.
func EncodeResponse(w io.Writer, namespace, operation string, out smithy.Serializable, requestID string) error {
	if !isOperationName(operation) {
		return fmt.Errorf("operation %q is not a name", operation)
	}
	pooled := buffers.Get().(*[]byte)
	e := encoder{buf: (*pooled)[:0]}
	defer func() {
		if cap(e.buf) <= 1<<20 { // a rare huge document is not kept alive
			*pooled = e.buf
			buffers.Put(pooled)
		}
	}()
	e.buf = append(append(append(e.buf, '<'), operation...), `Response xmlns="`...)
	e.text(namespace)
	e.buf = append(e.buf, `">`...)
	if rv := reflect.ValueOf(out); out != nil && !(rv.Kind() == reflect.Pointer && rv.IsNil()) {
		if rv.Kind() != reflect.Pointer {
			return fmt.Errorf("%s response: output %T is not a pointer", operation, out)
		}
		if s := schemaOf(rv.Type()); s != nil { // a unit output has none
			if rv.Elem().Kind() != reflect.Struct {
				return fmt.Errorf("%s response: %sResult: %v is not a structure", operation, operation, rv.Elem().Type())
			}
			e.buf = append(append(append(e.buf, '<'), operation...), "Result>"...)
			e.members(s, rv.Elem())
			e.buf = append(append(append(e.buf, "</"...), operation...), "Result>"...)
		}
	}
	e.buf = append(e.buf, "<ResponseMetadata><RequestId>"...)
	e.text(requestID)
	e.buf = append(append(append(e.buf, "</RequestId></ResponseMetadata></"...), operation...), "Response>"...)
	if e.err != nil {
		return fmt.Errorf("%s response: %w", operation, e.err)
	}
	_, err := w.Write(e.buf)
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

// An encoder appends a document to buf; the first error stops nothing but
// is reported in place of the document.
type encoder struct {
	buf []byte
	err error
}

// buffers keeps documents' buffers for reuse, so that a response costs no
// growing of its buffer once one of its size has been written. The pool
// holds no state: any buffer serves any call.
var buffers = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

func (e *encoder) fail(format string, args ...any) {
	if e.err == nil {
		e.err = fmt.Errorf(format, args...)
	}
}

func (e *encoder) start(name string) { e.buf = append(append(append(e.buf, '<'), name...), '>') }
func (e *encoder) end(name string)   { e.buf = append(append(append(e.buf, "</"...), name...), '>') }

// value writes v, the Go value of member s, as the element name. A nil
// pointer, slice, map or union is left out, and so is an empty enum that is a
// structure's member (the SDK sends none); a value-typed bool or number is
// always written, as IAM writes <IsTruncated>false</IsTruncated>.
func (e *encoder) value(name string, s *smithy.Schema, v reflect.Value, inStruct bool) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		if v.IsNil() {
			return
		}
		if v.Kind() == reflect.Pointer {
			v = v.Elem()
		}
	case reflect.String:
		if inStruct && v.Len() == 0 {
			return
		}
	}
	switch s.Type() {
	case smithy.ShapeTypeStructure:
		e.structure(name, s, v)
	case smithy.ShapeTypeList, smithy.ShapeTypeSet:
		e.list(name, s, v)
	case smithy.ShapeTypeMap:
		e.mapping(name, s, v)
	case smithy.ShapeTypeUnion:
		e.union(name, s, v)
	default:
		e.start(name)
		e.scalar(s, v)
		e.end(name)
	}
}

// structure writes a structure's members in name order.
func (e *encoder) structure(name string, s *smithy.Schema, v reflect.Value) {
	if v.Kind() != reflect.Struct {
		e.fail("%s: %v is not a structure", name, v.Type())
		return
	}
	e.start(name)
	e.members(s, v)
	e.end(name)
}

// members writes the members of v, a structure, in name order.
func (e *encoder) members(s *smithy.Schema, v reflect.Value) {
	for _, m := range planFor(v.Type(), s) {
		if m.field != nil {
			e.value(m.xml, m.schema, v.FieldByIndex(m.field), true)
		}
	}
}

// list writes <name><member>…</member>…</name>, or <name>…</name><name>…</name>
// when flattened; items are named by the list member's own @xmlName if any.
func (e *encoder) list(name string, s *smithy.Schema, v reflect.Value) {
	lm := s.ListMember()
	if v.Kind() != reflect.Slice || lm == nil {
		e.fail("%s: %v is not a list", name, v.Type())
		return
	}
	item := "member"
	if xn, ok := smithy.SchemaDirectTrait[*traits.XMLName](lm); ok {
		item = xn.Name
	}
	_, flat := smithy.SchemaTrait[*traits.XMLFlattened](s)
	if flat {
		item = name
	} else {
		e.start(name)
	}
	for i := range v.Len() {
		e.value(item, lm, v.Index(i), false)
	}
	if !flat {
		e.end(name)
	}
}

// mapping writes a map's entries in key order (Go maps have none):
// <name><entry><key>k</key><value>…</value></entry>…</name>, without the
// <name> wrapper and with <name> for <entry> when flattened.
func (e *encoder) mapping(name string, s *smithy.Schema, v reflect.Value) {
	ks, vs := s.MapKey(), s.MapValue()
	if v.Kind() != reflect.Map || v.Type().Key().Kind() != reflect.String || ks == nil || vs == nil {
		e.fail("%s: %v is not a map", name, v.Type())
		return
	}
	kname, vname, entry := "key", "value", "entry"
	if xn, ok := smithy.SchemaDirectTrait[*traits.XMLName](ks); ok {
		kname = xn.Name
	}
	if xn, ok := smithy.SchemaDirectTrait[*traits.XMLName](vs); ok {
		vname = xn.Name
	}
	_, flat := smithy.SchemaTrait[*traits.XMLFlattened](s)
	if flat {
		entry = name
	} else {
		e.start(name)
	}
	keys := v.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
	for _, k := range keys {
		e.start(entry)
		e.start(kname)
		e.text(k.String())
		e.end(kname)
		e.value(vname, vs, v.MapIndex(k), false)
		e.end(entry)
	}
	if !flat {
		e.end(name)
	}
}

// union writes <name><Variant>…</Variant></name> for v, an interface holding
// one of the SDK's variant types (XMemberY{Value: ...}).
func (e *encoder) union(name string, s *smithy.Schema, v reflect.Value) {
	if v.Kind() == reflect.Interface {
		for member, vt := range variantsOf(v.Type()) {
			if v.Elem().Type() == vt.Type && !v.Elem().IsNil() {
				ms := s.Member(member)
				e.start(name)
				e.value(xmlName(ms), ms, v.Elem().Elem().Field(vt.valueField), false)
				e.end(name)
				return
			}
		}
	}
	e.fail("%s: %v holds no known variant of the union", name, v.Type())
}

// scalar writes the text of v, a scalar of member s. A timestamp is IAM's
// date-time (timeLayout) unless the member says epoch-seconds or http-date.
func (e *encoder) scalar(s *smithy.Schema, v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		e.text(v.String())
		return
	case reflect.Bool:
		e.buf = strconv.AppendBool(e.buf, v.Bool())
		return
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Int:
		e.buf = strconv.AppendInt(e.buf, v.Int(), 10)
		return
	case reflect.Float32, reflect.Float64:
		e.buf = append(e.buf, formatFloat(v.Float(), v.Type().Bits())...)
		return
	}
	switch {
	case v.Type() == reflect.TypeFor[[]byte]():
		e.buf = base64.StdEncoding.AppendEncode(e.buf, v.Bytes())
	case v.Type() == reflect.TypeFor[time.Time]():
		var t time.Time
		if v.CanAddr() { // as behind the SDK's *time.Time: no copy to the heap
			t = v.Addr().Interface().(*time.Time).UTC()
		} else {
			t = v.Interface().(time.Time).UTC()
		}
		format := "date-time"
		if tf, ok := smithy.SchemaTrait[*traits.TimestampFormat](s); ok {
			format = tf.Format
		}
		switch {
		case format == "epoch-seconds":
			e.buf = strconv.AppendFloat(e.buf, smithytime.FormatEpochSeconds(t), 'f', -1, 64)
		case format == "http-date":
			e.buf = append(e.buf, smithytime.FormatHTTPDate(t)...)
		case t.Year() < 0 || t.Year() > 9999:
			e.fail("timestamp %v has no four-digit year: the SDK could not read it", t)
		default:
			e.buf = appendDateTime(e.buf, t)
		}
	default:
		e.fail("%s: %v is not a scalar", s.MemberName(), v.Type())
	}
}

// dateTimes remembers how recent timestamps were written, by their second:
// a page shows the same dates call after call (a user's certificates'
// upload dates), and time.Time.AppendFormat was a quarter of a 2-certificate
// page's encoding (BenchmarkEncodeResponse). 1,024 entries, a second's
// slot found by a multiplicative hash (dates an hour or a day apart spread
// over all of them), each replaced by the next time that falls in it.
var dateTimes [1 << 10]atomic.Pointer[formattedTime]

type formattedTime struct {
	sec  int64
	nsec int
	text string
}

// appendDateTime appends t, in UTC, as timeLayout.
func appendDateTime(buf []byte, t time.Time) []byte {
	sec, nsec := t.Unix(), t.Nanosecond()
	slot := &dateTimes[uint64(sec)*0x9E3779B97F4A7C15>>(64-10)]
	if f := slot.Load(); f != nil && f.sec == sec && f.nsec == nsec {
		return append(buf, f.text...)
	}
	start := len(buf)
	buf = t.AppendFormat(buf, timeLayout)
	slot.Store(&formattedTime{sec: sec, nsec: nsec, text: string(buf[start:])})
	return buf
}

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

// text appends s as XML character data, escaped by encoding/xml
// (xml.EscapeText) except that a line feed stays itself, as encoding/xml's
// Encoder writes character data. Most values (names, ids, dates, PEM
// bodies) are ASCII with nothing to escape: those are appended as they are,
// which skips the []byte copy EscapeText needs.
func (e *encoder) text(s string) {
	if plainPrefix(s) < len(s) {
		for j, line := range strings.Split(s, "\n") {
			if j > 0 {
				e.buf = append(e.buf, '\n')
			}
			a := appender(e.buf) // on the heap here only, not the encoder with every call
			xml.EscapeText(&a, []byte(line))
			e.buf = a
		}
		return
	}
	e.buf = append(e.buf, s...)
}

// plainPrefix is the longest prefix of s that encoding/xml writes as it
// is, read eight bytes at a time (package words) while they are printable
// and none is one of "'&<>, byte by byte through plain otherwise (a
// newline): a PEM body, most of a certificate list's answer, is read in
// about a third of the time (BenchmarkText).
func plainPrefix(s string) int {
	i := 0
	for i+8 <= len(s) {
		if x := words.Load(s, i); words.Printable(x) && words.Lacks(x, '"') && words.Lacks(x, '\'') &&
			words.Lacks(x, '&') && words.Lacks(x, '<') && words.Lacks(x, '>') {
			i += 8
			continue
		}
		for end := i + 8; i < end; i++ {
			if c := s[i]; c >= utf8.RuneSelf || plain[c] == 0 {
				return i
			}
		}
	}
	for i < len(s) && s[i] < utf8.RuneSelf && plain[s[i]] != 0 {
		i++
	}
	return i
}

// plain marks the ASCII bytes that encoding/xml writes as themselves.
var plain = func() (t [utf8.RuneSelf]byte) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = 1
	}
	t['\n'] = 1
	for _, c := range `"'&<>` {
		t[c] = 0
	}
	return t
}()

// appender is an io.Writer onto the encoder's buffer.
type appender []byte

func (a *appender) Write(p []byte) (int, error) {
	*a = append(*a, p...)
	return len(p), nil
}
