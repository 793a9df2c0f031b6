package fakeiam

import (
	"errors"
	"math"
	"math/big"
	"reflect"
	"sync/atomic"
	"time"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/document"
)

// A tape is an SDK output recorded by the SDK's own generated Serialize
// method and played back into a fresh value by its own Deserialize method:
// the call log's copy of an output. Recording is one append per member, so
// a page of 100 certificates costs a few allocations; the tape shares
// nothing with the output it was recorded from, and its size in bytes is
// known (the call log's budget). It is generic over the SDK's types: no
// operation has copying code of its own.

type tapeOp uint8

const (
	tapeStruct tapeOp = iota + 1
	tapeStructEnd
	tapeList
	tapeListEnd
	tapeMap
	tapeMapKey
	tapeMapEnd
	tapeUnion
	tapeUnionEnd
	tapeString
	tapeBlob
	tapeInt
	tapeFloat
	tapeBool
	tapeTime
	tapeNil
)

type tapeEvent struct {
	op     tapeOp
	nanos  int32          // time: the nanoseconds within the second
	schema *smithy.Schema // the member's schema, as the serializer gave it
	s      string         // strings, blobs, map keys
	n      int64          // integers, booleans, float bits, time (Unix seconds)
}

type tape struct {
	out    reflect.Type // the output's type, e.g. iam.ListSigningCertificatesOutput
	events []tapeEvent
	bytes  int
}

// recordTape records out, a pointer to an SDK output, or returns nil when
// out is not one the SDK can serialize. hint remembers how long the
// operation's tapes were, so that a tape is usually one allocation.
func recordTape(out any, hint *atomic.Int64) *tape {
	ser, ok := out.(smithy.Serializable)
	if !ok || reflect.ValueOf(out).Kind() != reflect.Pointer {
		return nil
	}
	t := &tape{out: reflect.TypeOf(out).Elem(), events: make([]tapeEvent, 0, max(hint.Load(), 8))}
	ser.Serialize(t)
	if n := int64(len(t.events)); n > hint.Load() {
		hint.Store(n)
	}
	t.bytes = len(t.events) * int(reflect.TypeFor[tapeEvent]().Size())
	for _, e := range t.events {
		t.bytes += len(e.s)
	}
	return t
}

// size is about how many bytes the tape holds.
func (t *tape) size() int {
	if t == nil {
		return 0
	}
	return t.bytes
}

// play returns a fresh output read from the tape.
func (t *tape) play() any {
	if t == nil {
		return nil
	}
	v := reflect.New(t.out)
	r := &tapeReader{events: t.events}
	if err := v.Interface().(smithy.Deserializable).Deserialize(r); err != nil {
		// Unreachable for a tape the SDK's own Serialize wrote.
		panic("fakeiam: replaying a logged output: " + err.Error())
	}
	return v.Interface()
}

// The recording side: smithy.ShapeSerializer.

func (t *tape) add(op tapeOp, s *smithy.Schema, str string, n int64) {
	t.events = append(t.events, tapeEvent{op: op, schema: s, s: str, n: n})
}

func (t *tape) Bytes() []byte                        { return nil }
func (t *tape) WriteInt8(s *smithy.Schema, v int8)   { t.add(tapeInt, s, "", int64(v)) }
func (t *tape) WriteInt16(s *smithy.Schema, v int16) { t.add(tapeInt, s, "", int64(v)) }
func (t *tape) WriteInt32(s *smithy.Schema, v int32) { t.add(tapeInt, s, "", int64(v)) }
func (t *tape) WriteInt64(s *smithy.Schema, v int64) { t.add(tapeInt, s, "", v) }
func (t *tape) WriteFloat32(s *smithy.Schema, v float32) {
	t.add(tapeFloat, s, "", int64(math.Float64bits(float64(v))))
}
func (t *tape) WriteFloat64(s *smithy.Schema, v float64) {
	t.add(tapeFloat, s, "", int64(math.Float64bits(v)))
}
func (t *tape) WriteBool(s *smithy.Schema, v bool) {
	var n int64
	if v {
		n = 1
	}
	t.add(tapeBool, s, "", n)
}
func (t *tape) WriteString(s *smithy.Schema, v string)   { t.add(tapeString, s, v, 0) }
func (t *tape) WriteBigInt(s *smithy.Schema, v *big.Int) { t.add(tapeString, s, v.String(), 0) }
func (t *tape) WriteBigFloat(s *smithy.Schema, v *big.Float) {
	t.add(tapeString, s, v.Text('g', -1), 0)
}
func (t *tape) WriteBlob(s *smithy.Schema, v []byte) { t.add(tapeBlob, s, string(v), 0) }
func (t *tape) WriteTime(s *smithy.Schema, v time.Time) {
	t.events = append(t.events, tapeEvent{op: tapeTime, schema: s, n: v.Unix(), nanos: int32(v.Nanosecond())})
}
func (t *tape) WriteUnion(s, variant *smithy.Schema) {
	t.add(tapeUnion, s, "", 0)
	t.add(tapeUnion, variant, "", 0)
}
func (t *tape) CloseUnion()                                      { t.add(tapeUnionEnd, nil, "", 0) }
func (t *tape) WriteDocument(s *smithy.Schema, _ document.Value) { t.add(tapeNil, s, "", 0) }
func (t *tape) WriteNil(s *smithy.Schema)                        { t.add(tapeNil, s, "", 0) }
func (t *tape) WriteStruct(s *smithy.Schema)                     { t.add(tapeStruct, s, "", 0) }
func (t *tape) CloseStruct()                                     { t.add(tapeStructEnd, nil, "", 0) }
func (t *tape) WriteList(s *smithy.Schema)                       { t.add(tapeList, s, "", 0) }
func (t *tape) CloseList()                                       { t.add(tapeListEnd, nil, "", 0) }
func (t *tape) WriteMap(s *smithy.Schema)                        { t.add(tapeMap, s, "", 0) }
func (t *tape) WriteKey(s *smithy.Schema, key string)            { t.add(tapeMapKey, s, key, 0) }
func (t *tape) CloseMap()                                        { t.add(tapeMapEnd, nil, "", 0) }

// The playing side: smithy.ShapeDeserializer, reading back exactly what the
// serializer wrote.
type tapeReader struct {
	events []tapeEvent
}

var errTape = errors.New("fakeiam: a logged output's tape does not match its type")

func (r *tapeReader) next(op tapeOp) (tapeEvent, error) {
	if len(r.events) == 0 || r.events[0].op != op {
		return tapeEvent{}, errTape
	}
	e := r.events[0]
	r.events = r.events[1:]
	return e, nil
}

func (r *tapeReader) peek() tapeOp {
	if len(r.events) == 0 {
		return 0
	}
	return r.events[0].op
}

func readInt[T int8 | int16 | int32 | int64](r *tapeReader, v *T) error {
	e, err := r.next(tapeInt)
	*v = T(e.n)
	return err
}

func (r *tapeReader) ReadInt8(_ *smithy.Schema, v *int8) error   { return readInt(r, v) }
func (r *tapeReader) ReadInt16(_ *smithy.Schema, v *int16) error { return readInt(r, v) }
func (r *tapeReader) ReadInt32(_ *smithy.Schema, v *int32) error { return readInt(r, v) }
func (r *tapeReader) ReadInt64(_ *smithy.Schema, v *int64) error { return readInt(r, v) }
func (r *tapeReader) ReadFloat32(_ *smithy.Schema, v *float32) error {
	e, err := r.next(tapeFloat)
	*v = float32(math.Float64frombits(uint64(e.n)))
	return err
}
func (r *tapeReader) ReadFloat64(_ *smithy.Schema, v *float64) error {
	e, err := r.next(tapeFloat)
	*v = math.Float64frombits(uint64(e.n))
	return err
}
func (r *tapeReader) ReadBool(_ *smithy.Schema, v *bool) error {
	e, err := r.next(tapeBool)
	*v = e.n != 0
	return err
}
func (r *tapeReader) ReadString(_ *smithy.Schema, v *string) error {
	e, err := r.next(tapeString)
	*v = e.s
	return err
}
func (r *tapeReader) ReadBlob(_ *smithy.Schema, v *[]byte) error {
	e, err := r.next(tapeBlob)
	*v = []byte(e.s)
	return err
}
func (r *tapeReader) ReadTime(_ *smithy.Schema, v *time.Time) error {
	e, err := r.next(tapeTime)
	*v = time.Unix(e.n, int64(e.nanos)).UTC()
	return err
}
func (r *tapeReader) ReadBigInt(_ *smithy.Schema, v *big.Int) error {
	e, err := r.next(tapeString)
	if _, ok := v.SetString(e.s, 10); !ok && err == nil {
		err = errTape
	}
	return err
}
func (r *tapeReader) ReadBigFloat(_ *smithy.Schema, v *big.Float) error {
	e, err := r.next(tapeString)
	if _, ok := v.SetString(e.s); !ok && err == nil {
		err = errTape
	}
	return err
}
func (r *tapeReader) ReadNil(*smithy.Schema) (bool, error) {
	if r.peek() == tapeNil {
		r.events = r.events[1:]
		return true, nil
	}
	return false, nil
}
func (r *tapeReader) ReadStruct(*smithy.Schema) error {
	_, err := r.next(tapeStruct)
	return err
}

// ReadStructMember returns the next member's schema (what the serializer
// wrote it with, which the generated code switches on), or nil at the end.
func (r *tapeReader) ReadStructMember() (*smithy.Schema, error) {
	switch r.peek() {
	case tapeStructEnd:
		r.events = r.events[1:]
		return nil, nil
	case 0:
		return nil, errTape
	}
	return r.events[0].schema, nil
}
func (r *tapeReader) ReadUnion(*smithy.Schema) (*smithy.Schema, error) {
	switch r.peek() {
	case tapeUnion:
		r.events = r.events[1:] // the union's own event; the variant's follows
		variant, err := r.next(tapeUnion)
		return variant.schema, err
	case tapeUnionEnd:
		r.events = r.events[1:]
	}
	return nil, nil
}
func (r *tapeReader) ReadDocument(*smithy.Schema, *document.Value) error {
	_, err := r.next(tapeNil)
	return err
}
func (r *tapeReader) ReadList(*smithy.Schema) error {
	_, err := r.next(tapeList)
	return err
}
func (r *tapeReader) ReadListItem(*smithy.Schema) (bool, error) {
	if r.peek() == tapeListEnd {
		r.events = r.events[1:]
		return false, nil
	}
	return len(r.events) > 0, nil
}
func (r *tapeReader) ReadMap(*smithy.Schema) error {
	_, err := r.next(tapeMap)
	return err
}
func (r *tapeReader) ReadMapKey(*smithy.Schema) (string, bool, error) {
	if r.peek() == tapeMapEnd {
		r.events = r.events[1:]
		return "", false, nil
	}
	e, err := r.next(tapeMapKey)
	return e.s, err == nil, err
}
