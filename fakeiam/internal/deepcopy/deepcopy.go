// Package deepcopy copies the SDK's values (inputs, outputs, the types
// they hold) so that the copy shares nothing a caller could write through.
// It is generic over the SDK's types: trees of structs, slices, maps,
// interfaces and pointers to scalars (*string, *int32, *bool, *time.Time).
// A copy counts the value first and then takes every scalar from one slab
// per kind, so a pointer to a scalar is no allocation of its own; a flat
// struct (pointers to scalars and values, most inputs) is copied in one
// pass at its fields' offsets instead (copyFlat). Strings
// are shared: they are immutable. Unexported fields (the SDK's markers) are
// copied as they are.
package deepcopy

import (
	"reflect"
	"sync"
	"time"
	"unsafe"
)

// Value returns a deep copy of v; nil stays nil.
func Value[T any](v T) T {
	c, _ := Sized(v)
	return c
}

// Sized returns a deep copy of v and about how many bytes it holds (its
// pointers, headers and string bytes), for budgets such as a call log's.
func Sized[T any](v T) (T, int) {
	src := reflect.ValueOf(any(v))
	if !src.IsValid() { // a nil interface
		return v, 0
	}
	p := planOf(src.Type())
	if s := flatOf(p); s != nil {
		c, n := copyFlat(s, src)
		return c.Interface().(T), n
	}
	c, n := sized(p, src)
	return c.Interface().(T), n
}

// sized is Sized's general path: count, then copy through reflect.
func sized(p *plan, v reflect.Value) (reflect.Value, int) {
	var n counts
	n.count(p, v)
	s := n.slabs()
	return s.copy(p, v), n.bytes
}

// Size is about how many bytes v holds, as Sized counts them, for a value
// that needs no copy (one nothing else writes).
func Size[T any](v T) int {
	src := reflect.ValueOf(any(v))
	if !src.IsValid() {
		return 0
	}
	var n counts
	n.count(planOf(src.Type()), src)
	return n.bytes
}

// plan is how a type is counted and copied, worked out once per type (the
// SDK's types are a fixed set): copying a value then reads no type
// information but its interfaces' dynamic types.
type plan struct {
	kind reflect.Kind
	// slab, for a pointer to a scalar: the slab its kind counts in; exact
	// when the scalar's type is the slab's own (a named scalar type is
	// counted in its kind's slab but copied on its own).
	slab  slab
	exact bool
	elem  *plan // a pointer's, slice's or map's element
	key   *plan // a map's key
	// fields, for a struct: its exported fields; copied, those that hold
	// pointers (the rest come with the struct's assignment).
	fields []field
	typ    reflect.Type
	// flat, for a struct whose exported fields are all pointers to a slab's
	// own scalar type or values its assignment copies (most SDK inputs):
	// those fields, which copyFlat copies in one pass; else nil. most is
	// how many pointers of each slab it holds at most.
	flat []flatField
	most [slabs_]int
}

// flatField is a flat struct's field: where it is, the slab a pointer
// takes from (noSlab: a value; str: of kind String).
type flatField struct {
	offset uintptr
	slab   slab
	str    bool
}

type field struct {
	index  int
	plan   *plan
	copied bool
}

type slab uint8

const (
	noSlab slab = iota
	strSlab
	timeSlab
	int32Slab
	int64Slab
	boolSlab
	slabs_ // how many slabs there are
)

var plans sync.Map // reflect.Type → *plan; only ever grows, the same for every Fake

func planOf(t reflect.Type) *plan {
	if p, ok := plans.Load(t); ok {
		return p.(*plan)
	}
	building := map[reflect.Type]*plan{}
	buildPlan(t, building)
	// Published only now that every plan of the graph is finished: one
	// that points at a plan still being filled in is never seen by another
	// goroutine. Two goroutines may build a type at once; each graph is
	// whole, and the first stored wins.
	for typ, p := range building {
		plans.LoadOrStore(typ, p)
	}
	actual, _ := plans.Load(t)
	return actual.(*plan)
}

// buildPlan plans t, and each type t holds that has no published plan,
// into building (which also holds the plans under construction, for a type
// that holds itself).
func buildPlan(t reflect.Type, building map[reflect.Type]*plan) *plan {
	if p, ok := plans.Load(t); ok {
		return p.(*plan)
	}
	if p := building[t]; p != nil {
		return p
	}
	p := &plan{kind: t.Kind(), typ: t}
	building[t] = p
	switch t.Kind() {
	case reflect.Pointer:
		e := t.Elem()
		switch {
		case e.Kind() == reflect.String:
			p.slab, p.exact = strSlab, e == stringType
		case e == timeType:
			p.slab, p.exact = timeSlab, true
		case e.Kind() == reflect.Int32:
			p.slab, p.exact = int32Slab, e == int32Type
		case e.Kind() == reflect.Int64:
			p.slab, p.exact = int64Slab, e == int64Type
		case e.Kind() == reflect.Bool:
			p.slab, p.exact = boolSlab, e == boolType
		}
		if !p.exact {
			p.elem = buildPlan(e, building)
		}
	case reflect.Slice:
		p.elem = buildPlan(t.Elem(), building)
	case reflect.Map:
		p.key, p.elem = buildPlan(t.Key(), building), buildPlan(t.Elem(), building)
	case reflect.Struct:
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() {
				p.fields = append(p.fields, field{index: i, plan: buildPlan(f.Type, building), copied: needsCopy(f.Type.Kind())})
			}
		}
		planFlat(p)
	}
	return p
}

// planFlat sets p.flat and p.most when struct p is flat. Its fields'
// plans for pointers to scalars are whole: buildPlan sets slab and exact
// before it looks further.
func planFlat(p *plan) {
	flat := make([]flatField, 0, len(p.fields))
	for _, f := range p.fields {
		fp, sf := f.plan, p.typ.Field(f.index)
		switch {
		case fp.kind == reflect.Pointer && fp.exact:
			flat = append(flat, flatField{offset: sf.Offset, slab: fp.slab})
			p.most[fp.slab]++
		case !f.copied:
			flat = append(flat, flatField{offset: sf.Offset, str: fp.kind == reflect.String})
		default:
			p.most = [slabs_]int{}
			return
		}
	}
	p.flat = flat
}

// counts is what a value holds, by slab.
type counts struct {
	strs, times, int32s, int64s, bools int
	bytes                              int
}

func (n *counts) count(p *plan, v reflect.Value) {
	switch p.kind {
	case reflect.Pointer:
		n.bytes += 8
		if v.IsNil() {
			return
		}
		switch p.slab {
		case strSlab:
			n.strs++
			n.bytes += 16 + v.Elem().Len()
		case timeSlab:
			n.times++
			n.bytes += 24
		case int32Slab:
			n.int32s++
			n.bytes += 4
		case int64Slab:
			n.int64s++
			n.bytes += 8
		case boolSlab:
			n.bools++
			n.bytes++
		default:
			n.count(p.elem, v.Elem())
		}
	case reflect.Struct:
		for i := range p.fields {
			f := &p.fields[i]
			n.count(f.plan, v.Field(f.index))
		}
	case reflect.Slice:
		n.bytes += 24
		for i := range v.Len() {
			n.count(p.elem, v.Index(i))
		}
	case reflect.Map:
		n.bytes += 48
		for it := v.MapRange(); it.Next(); {
			n.count(p.key, it.Key())
			n.count(p.elem, it.Value())
		}
	case reflect.Interface:
		n.bytes += 16
		if !v.IsNil() {
			e := v.Elem()
			n.count(planOf(e.Type()), e)
		}
	case reflect.String:
		n.bytes += 16 + v.Len()
	default:
		n.bytes += 8
	}
}

// slabs hold the copy's scalars; copy takes them in order.
type slabs struct {
	strs   []string
	times  []time.Time
	int32s []int32
	int64s []int64
	bools  []bool
}

func (n *counts) slabs() *slabs {
	s := &slabs{}
	if n.strs > 0 {
		s.strs = make([]string, n.strs)
	}
	if n.times > 0 {
		s.times = make([]time.Time, n.times)
	}
	if n.int32s > 0 {
		s.int32s = make([]int32, n.int32s)
	}
	if n.int64s > 0 {
		s.int64s = make([]int64, n.int64s)
	}
	if n.bools > 0 {
		s.bools = make([]bool, n.bools)
	}
	return s
}

func (s *slabs) copy(p *plan, v reflect.Value) reflect.Value {
	switch p.kind {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		if !p.exact {
			// A pointer to a struct, or to a named scalar type (counted as
			// one of its kind, copied on its own).
			s.skip(p.slab)
			c := reflect.New(p.elem.typ)
			s.copyInto(p.elem, c.Elem(), v.Elem())
			return c
		}
		var ptr any
		switch e := v.Elem(); p.slab {
		case strSlab:
			s.strs[0] = e.String()
			ptr, s.strs = &s.strs[0], s.strs[1:]
		case timeSlab:
			s.times[0] = e.Interface().(time.Time)
			ptr, s.times = &s.times[0], s.times[1:]
		case int32Slab:
			s.int32s[0] = int32(e.Int())
			ptr, s.int32s = &s.int32s[0], s.int32s[1:]
		case int64Slab:
			s.int64s[0] = e.Int()
			ptr, s.int64s = &s.int64s[0], s.int64s[1:]
		case boolSlab:
			s.bools[0] = e.Bool()
			ptr, s.bools = &s.bools[0], s.bools[1:]
		}
		return reflect.ValueOf(ptr)
	case reflect.Struct:
		c := reflect.New(p.typ).Elem()
		s.copyInto(p, c, v)
		return c
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeSlice(p.typ, v.Len(), v.Len())
		for i := range v.Len() {
			c.Index(i).Set(s.copy(p.elem, v.Index(i)))
		}
		return c
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeMapWithSize(p.typ, v.Len())
		for it := v.MapRange(); it.Next(); {
			c.SetMapIndex(s.copy(p.key, it.Key()), s.copy(p.elem, it.Value()))
		}
		return c
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		c := reflect.New(p.typ).Elem()
		e := v.Elem()
		c.Set(s.copy(planOf(e.Type()), e))
		return c
	}
	return v
}

// copyInto makes dst, settable, a deep copy of v, of dst's type: in place,
// so a pointer to a struct (every SDK input) is one allocation, not two.
func (s *slabs) copyInto(p *plan, dst, v reflect.Value) {
	switch p.kind {
	case reflect.Struct:
		dst.Set(v) // unexported fields (the SDK's markers) as they are
		for i := range p.fields {
			if f := &p.fields[i]; f.copied {
				dst.Field(f.index).Set(s.copy(f.plan, v.Field(f.index)))
			}
		}
	default:
		dst.Set(s.copy(p, v))
	}
}

// skip drops the slab slot counted for a scalar copied on its own.
func (s *slabs) skip(k slab) {
	switch k {
	case strSlab:
		s.strs = s.strs[1:]
	case int32Slab:
		s.int32s = s.int32s[1:]
	case int64Slab:
		s.int64s = s.int64s[1:]
	case boolSlab:
		s.bools = s.bools[1:]
	}
}

// flatOf is the flat struct p points to, when p is a pointer to one:
// Sized then copies with copyFlat.
func flatOf(p *plan) *plan {
	if p.kind == reflect.Pointer && p.elem != nil && p.elem.flat != nil {
		return p.elem
	}
	return nil
}

// copyFlat is Sized of v, a pointer to flat struct s, in one pass over
// its fields at their offsets, with no type information read: the
// struct assigned whole, then each pointer set to a copy of its scalar in
// a slab made at the first, sized for every pointer s has of its kind.
// Its count is count's. The general path, count and then copy through
// reflect, takes 126-130 ns for GetUserInput where this takes 93-103
// (BenchmarkSized/GetUser/general and GetUser); beside the SDK's call
// the difference is larger, and with attempt.at (the reads' second clock
// read saved) it took the five reads over 1.10 from 1.101-1.110 to
// 1.092-1.104 (BenchmarkPairedRatios, 3 interleaved runs).
func copyFlat(s *plan, v reflect.Value) (reflect.Value, int) {
	n := 8 // the pointer
	if v.IsNil() {
		return v, n
	}
	c := reflect.New(s.typ)
	c.Elem().Set(v.Elem()) // unexported fields (the SDK's markers) as they are
	src, dst := v.UnsafePointer(), c.UnsafePointer()
	var (
		strs   []string
		times  []time.Time
		int32s []int32
		int64s []int64
		bools  []bool
	)
	for _, f := range s.flat {
		at := unsafe.Add(src, f.offset)
		if f.slab == noSlab {
			if f.str {
				n += 16 + len(*(*string)(at))
			} else {
				n += 8
			}
			continue
		}
		n += 8
		ptr := *(*unsafe.Pointer)(at)
		if ptr == nil {
			continue
		}
		to := unsafe.Add(dst, f.offset)
		switch f.slab { // each append within the capacity made: no slab moves
		case strSlab:
			if strs == nil {
				strs = make([]string, 0, s.most[strSlab])
			}
			strs = append(strs, *(*string)(ptr))
			*(**string)(to) = &strs[len(strs)-1]
			n += 16 + len(*(*string)(ptr))
		case timeSlab:
			if times == nil {
				times = make([]time.Time, 0, s.most[timeSlab])
			}
			times = append(times, *(*time.Time)(ptr))
			*(**time.Time)(to) = &times[len(times)-1]
			n += 24
		case int32Slab:
			if int32s == nil {
				int32s = make([]int32, 0, s.most[int32Slab])
			}
			int32s = append(int32s, *(*int32)(ptr))
			*(**int32)(to) = &int32s[len(int32s)-1]
			n += 4
		case int64Slab:
			if int64s == nil {
				int64s = make([]int64, 0, s.most[int64Slab])
			}
			int64s = append(int64s, *(*int64)(ptr))
			*(**int64)(to) = &int64s[len(int64s)-1]
			n += 8
		case boolSlab:
			if bools == nil {
				bools = make([]bool, 0, s.most[boolSlab])
			}
			bools = append(bools, *(*bool)(ptr))
			*(**bool)(to) = &bools[len(bools)-1]
			n++
		}
	}
	return c, n
}

func needsCopy(k reflect.Kind) bool {
	switch k {
	case reflect.Pointer, reflect.Struct, reflect.Slice, reflect.Map, reflect.Interface:
		return true
	}
	return false
}

var (
	timeType   = reflect.TypeFor[time.Time]()
	stringType = reflect.TypeFor[string]()
	int32Type  = reflect.TypeFor[int32]()
	int64Type  = reflect.TypeFor[int64]()
	boolType   = reflect.TypeFor[bool]()
)
