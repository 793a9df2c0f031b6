package querycodec

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/document"
	smithytime "github.com/aws/smithy-go/time"
	"github.com/aws/smithy-go/traits"
)

// timeLayout is IAM's timestamp: UTC, whole seconds, "Z". The .999999999
// adds a fraction only when there is one, so no time loses precision.
const timeLayout = "2006-01-02T15:04:05.999999999Z"

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
