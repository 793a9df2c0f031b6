package fakeiam

import (
	"flag"
	"fmt"
	"os"
	"reflect"
	"sync"
	"testing"
	"unsafe"
)

// TestMain checks, in every test of the package (not in benchmarks, which
// it would slow), each count keptBytes makes against refHeld's reflective
// count of the same value: heldSizer's layout reading, and the pages'
// own heldBytes, on every answer the tests make.
func TestMain(m *testing.M) {
	flag.Parse()
	if b := flag.Lookup("test.bench"); b == nil || b.Value.String() == "" {
		checkSizes = compareSizes
	}
	code := m.Run()
	sizeMismatches.Lock()
	for _, s := range sizeMismatches.list {
		fmt.Fprintln(os.Stderr, "keptBytes:", s)
	}
	if len(sizeMismatches.list) > 0 && code == 0 {
		code = 1
	}
	sizeMismatches.Unlock()
	os.Exit(code)
}

var sizeMismatches struct {
	sync.Mutex
	list []string
}

func compareSizes(t reflect.Type, v any, n int) {
	want := int(t.Size())
	if held := refHeld(t); held != nil {
		want += held(reflect.ValueOf(v).Elem())
	}
	if n != want {
		sizeMismatches.Lock()
		if len(sizeMismatches.list) < 20 {
			sizeMismatches.list = append(sizeMismatches.list, fmt.Sprintf("%s: counted %d, the reflective count %d", t, n, want))
		}
		sizeMismatches.Unlock()
	}
}

// TestSizerLayouts: heldSizer counts what refHeld counts over values of
// every shape it reads: strings, slices of strings and structs (by
// capacity), arrays, nested structs, fields that hold nothing.
func TestSizerLayouts(t *testing.T) {
	type inner struct {
		a    string
		n    int64
		tags []string
	}
	type outer struct {
		flag  bool
		name  string
		list  []inner
		pair  [2]string
		in    inner
		ptr   *string
		empty []int32
	}
	s := "pointed"
	values := []outer{
		{},
		{name: "x", list: append(make([]inner, 0, 5), inner{a: "abc", tags: []string{"t", "uv"}}, inner{}), pair: [2]string{"p", "qr"},
			in: inner{a: "in", tags: make([]string, 1, 4)}, ptr: &s, empty: make([]int32, 2, 7)},
	}
	held, ref := heldSizer(reflect.TypeFor[outer]()), refHeld(reflect.TypeFor[outer]())
	for i := range values {
		v := &values[i]
		if got, want := held(unsafePointer(v)), ref(reflect.ValueOf(v).Elem()); got != want {
			t.Errorf("value %d: %d, the reflective count %d", i, got, want)
		}
	}
	if heldSizer(reflect.TypeFor[struct{ n int }]()) != nil || heldSizer(reflect.TypeFor[[3]int]()) != nil {
		t.Error("a type that holds nothing has a sizer")
	}
}

// refHeld is keptBytes' count by reflection, as the reference: what a
// value of t holds outside itself (strings' bytes, slices' arrays by
// capacity and what their elements hold); nil when nothing.
func refHeld(t reflect.Type) func(reflect.Value) int {
	return refSizer(t, map[reflect.Type]bool{})
}

func refSizer(t reflect.Type, building map[reflect.Type]bool) func(reflect.Value) int {
	if building[t] {
		return nil
	}
	building[t] = true
	defer delete(building, t)
	switch t.Kind() {
	case reflect.String:
		return func(v reflect.Value) int { return v.Len() }
	case reflect.Slice:
		size, elem := int(t.Elem().Size()), refSizer(t.Elem(), building)
		return func(v reflect.Value) int {
			n := v.Cap() * size
			for i := range v.Len() {
				if elem != nil {
					n += elem(v.Index(i))
				}
			}
			return n
		}
	case reflect.Array:
		elem := refSizer(t.Elem(), building)
		if elem == nil {
			return nil
		}
		return func(v reflect.Value) int {
			n := 0
			for i := range v.Len() {
				n += elem(v.Index(i))
			}
			return n
		}
	case reflect.Struct:
		var fields []int
		var helds []func(reflect.Value) int
		for i := range t.NumField() {
			if h := refSizer(t.Field(i).Type, building); h != nil {
				fields, helds = append(fields, i), append(helds, h)
			}
		}
		if fields == nil {
			return nil
		}
		return func(v reflect.Value) int {
			n := 0
			for j, i := range fields {
				n += helds[j](v.Field(i))
			}
			return n
		}
	}
	return nil
}

func unsafePointer[T any](v *T) unsafe.Pointer { return unsafe.Pointer(v) }
