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
//     (smithy-go transport/http/protocol/internal/query) writes them, in
//     time linear in the form's size.
//   - EncodeResponse writes a typed output as a success document in the
//     caller's namespace, walking the Go value; the SDK's own XML
//     deserializer (internal/xml) reads it back into the same value.
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
	"math/big"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/document"
	"github.com/aws/smithy-go/traits"
)

// Plans: per Go struct type, its members in name order with their Go fields.
// They are computed once per type and never change, like reflect's own
// caches: pure functions of the SDK's types, not state.

type member struct {
	schema *smithy.Schema
	query  string // query parameter name: @xmlName, else the member name
	path   string // lowerCamel, for messages
	xml    string // XML element name: direct @xmlName, else the member name
	field  []int  // the Go field, nil if the struct has none
}

var plans sync.Map // reflect.Type -> []member

// planFor is the members of s, a structure whose Go type is t.
func planFor(t reflect.Type, s *smithy.Schema) []member {
	if p, ok := plans.Load(t); ok {
		return p.([]member)
	}
	p := sortedMembers(s)
	for i := range p {
		m := &p[i]
		f, ok := t.FieldByName(m.schema.MemberName())
		if !ok {
			f, ok = t.FieldByName(upperFirst(m.schema.MemberName()))
		}
		if ok && f.IsExported() {
			m.field = f.Index
		}
	}
	actual, _ := plans.LoadOrStore(t, p)
	return actual.([]member)
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

// rootSchemas caches each input's and output's schema, which its Serialize
// names in its first WriteStruct (nil for a unit input or output). t is the
// pointer type (*iam.XInput).
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
