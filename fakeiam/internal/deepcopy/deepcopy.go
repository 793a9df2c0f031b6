// Package deepcopy copies the SDK's values (inputs, outputs, the types
// they hold) so that the copy shares nothing a caller could write through.
// It is generic over the SDK's types: trees of structs, slices, maps,
// interfaces and pointers to scalars (*string, *int32, *bool, *time.Time).
// A copy counts the value first and then takes every scalar from one slab
// per kind, so a pointer to a scalar is no allocation of its own. Strings
// are shared: they are immutable. Unexported fields (the SDK's markers) are
// copied as they are.
package deepcopy

import (
	"reflect"
	"sync"
	"time"
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
	var n counts
	n.count(src)
	s := n.slabs()
	return s.copy(src).Interface().(T), n.bytes
}

// Size is about how many bytes v holds, as Sized counts them, for a value
// that needs no copy (one nothing else writes).
func Size[T any](v T) int {
	src := reflect.ValueOf(any(v))
	if !src.IsValid() {
		return 0
	}
	var n counts
	n.count(src)
	return n.bytes
}

// counts is what a value holds, by slab.
type counts struct {
	strs, times, int32s, int64s, bools int
	bytes                              int
}

func (n *counts) count(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		n.bytes += 8
		if v.IsNil() {
			return
		}
		switch e := v.Elem(); {
		case e.Kind() == reflect.String:
			n.strs++
			n.bytes += 16 + e.Len()
		case e.Type() == timeType:
			n.times++
			n.bytes += 24
		case e.Kind() == reflect.Int32:
			n.int32s++
			n.bytes += 4
		case e.Kind() == reflect.Int64:
			n.int64s++
			n.bytes += 8
		case e.Kind() == reflect.Bool:
			n.bools++
			n.bytes++
		default:
			n.count(e)
		}
	case reflect.Struct:
		for _, i := range exportedFields(v.Type()) {
			n.count(v.Field(i))
		}
	case reflect.Slice:
		n.bytes += 24
		for i := range v.Len() {
			n.count(v.Index(i))
		}
	case reflect.Map:
		n.bytes += 48
		for it := v.MapRange(); it.Next(); {
			n.count(it.Key())
			n.count(it.Value())
		}
	case reflect.Interface:
		n.bytes += 16
		if !v.IsNil() {
			n.count(v.Elem())
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

func (s *slabs) copy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		var p any
		switch e := v.Elem(); {
		case e.Kind() == reflect.String && e.Type() == stringType:
			s.strs[0] = e.String()
			p, s.strs = &s.strs[0], s.strs[1:]
		case e.Type() == timeType:
			s.times[0] = e.Interface().(time.Time)
			p, s.times = &s.times[0], s.times[1:]
		case e.Kind() == reflect.Int32 && e.Type() == int32Type:
			s.int32s[0] = int32(e.Int())
			p, s.int32s = &s.int32s[0], s.int32s[1:]
		case e.Kind() == reflect.Int64 && e.Type() == int64Type:
			s.int64s[0] = e.Int()
			p, s.int64s = &s.int64s[0], s.int64s[1:]
		case e.Kind() == reflect.Bool && e.Type() == boolType:
			s.bools[0] = e.Bool()
			p, s.bools = &s.bools[0], s.bools[1:]
		default:
			if k := e.Kind(); k == reflect.String || k == reflect.Int32 || k == reflect.Int64 || k == reflect.Bool {
				// A pointer to a named scalar type: counted as one of its
				// kind, copied on its own.
				s.skip(k)
			}
			c := reflect.New(e.Type())
			s.copyInto(c.Elem(), e)
			return c
		}
		return reflect.ValueOf(p)
	case reflect.Struct:
		c := reflect.New(v.Type()).Elem()
		s.copyInto(c, v)
		return c
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			c.Index(i).Set(s.copy(v.Index(i)))
		}
		return c
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			c.SetMapIndex(s.copy(it.Key()), s.copy(it.Value()))
		}
		return c
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		c := reflect.New(v.Type()).Elem()
		c.Set(s.copy(v.Elem()))
		return c
	}
	return v
}

// copyInto makes dst, settable, a deep copy of v, of dst's type: in place,
// so a pointer to a struct (every SDK input) is one allocation, not two.
func (s *slabs) copyInto(dst, v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		dst.Set(v) // unexported fields (the SDK's markers) as they are
		for _, i := range exportedFields(v.Type()) {
			if f := dst.Field(i); needsCopy(f.Kind()) {
				f.Set(s.copy(v.Field(i)))
			}
		}
	default:
		dst.Set(s.copy(v))
	}
}

// skip drops the slab slot counted for a scalar copied on its own.
func (s *slabs) skip(k reflect.Kind) {
	switch k {
	case reflect.String:
		s.strs = s.strs[1:]
	case reflect.Int32:
		s.int32s = s.int32s[1:]
	case reflect.Int64:
		s.int64s = s.int64s[1:]
	case reflect.Bool:
		s.bools = s.bools[1:]
	}
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

// exportedFields lists the indexes of a struct type's exported fields,
// worked out once per type (the SDK's types are a fixed set).
func exportedFields(t reflect.Type) []int {
	if f, ok := fieldCache.Load(t); ok {
		return f.([]int)
	}
	var idx []int
	for i := range t.NumField() {
		if t.Field(i).IsExported() {
			idx = append(idx, i)
		}
	}
	fieldCache.Store(t, idx)
	return idx
}

var fieldCache sync.Map // reflect.Type → []int; only ever grows, the same for every Fake
