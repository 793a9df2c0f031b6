package jsontree

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	rows := []struct {
		in   string
		want Value
		ok   bool
	}{
		{` {"a": [1, -2.5e+3, "x\u00e9\n", true, null], "a": {}} `, Value{Kind: Object, Keys: []string{"a", "a"}, Items: []Value{
			{Kind: Array, Items: []Value{{Kind: Number, Text: "1"}, {Kind: Number, Text: "-2.5e+3"}, {Kind: String, Text: "xé\n"}, {Kind: Bool, Text: "true"}, {Kind: Null}}},
			{Kind: Object},
		}}, true},
		{"\"\xff\"", Value{Kind: String, Text: "\uFFFD"}, true},
		{`"\ud83d\ude00\ud800x"`, Value{Kind: String, Text: "😀\uFFFDx"}, true},
		{`[]`, Value{Kind: Array}, true},
		{`{"a":1,}`, Value{}, false},
		{`[1 2]`, Value{}, false},
		{`01`, Value{}, false},
		{`"a` + "\t" + `"`, Value{}, false},
		{`"\x"`, Value{}, false},
		{`{} {}`, Value{}, false},
		{``, Value{}, false},
	}
	for _, r := range rows {
		got, ok := Parse(r.in)
		if ok != r.ok {
			t.Errorf("Parse(%q) ok = %v, want %v", r.in, ok, r.ok)
			continue
		}
		if ok {
			if diff := cmp.Diff(r.want, got); diff != "" {
				t.Errorf("Parse(%q) (-want +got):\n%s", r.in, diff)
			}
		}
	}
}

// FuzzParse: Parse accepts exactly what encoding/json accepts, and a
// string it reads decodes as encoding/json decodes it.
func FuzzParse(f *testing.F) {
	for _, s := range []string{`{"a":[1,2,{"b":"c"}]}`, `"\u00e9\ud800"`, `-0.5e10`, `[true,false,null]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, space, ok := ParseSpaced(s)
		if want := json.Valid([]byte(s)); ok != want {
			t.Fatalf("Parse(%q) ok = %v, encoding/json says %v", s, ok, want)
		}
		if ok {
			var compact bytes.Buffer
			if err := json.Compact(&compact, []byte(s)); err != nil || compact.Len() != len(s)-space {
				t.Fatalf("ParseSpaced(%q): %d bytes of white space; encoding/json compacts %d bytes to %d (%v)", s, space, len(s), compact.Len(), err)
			}
		}
		if ok && v.Kind == String {
			var want string
			if err := json.Unmarshal([]byte(s), &want); err != nil || want != v.Text {
				t.Fatalf("Parse(%q) = %q, encoding/json %q (%v)", s, v.Text, want, err)
			}
		}
	})
}
