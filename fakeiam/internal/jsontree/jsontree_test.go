package jsontree

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	rows := []struct {
		in   string
		want Value
		ok   bool
	}{
		{` {"a": [1, -2.5e+3, "x\u00e9\n", true, null], "a": {}} `, Value{Kind: Object, Keys: []string{"a", "a"}, Start: 1, End: 54, Items: []Value{
			{Kind: Array, Start: 7, End: 44, Items: []Value{{Kind: Number, Text: "1"}, {Kind: Number, Text: "-2.5e+3"}, {Kind: String, Text: "xé\n"}, {Kind: Bool, Text: "true"}, {Kind: Null}}},
			{Kind: Object, Start: 51, End: 53},
		}}, true},
		{"\"\xff\"", Value{Kind: String, Text: "\uFFFD"}, true},
		{`"\ud83d\ude00\ud800x"`, Value{Kind: String, Text: "😀\uFFFDx"}, true},
		{`[]`, Value{Kind: Array, End: 2}, true},
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

// TestStringBytesAtEveryOffset: str reads 8 bytes at a time, so each
// byte a string may not hold as it is (a quote, a backslash, a control
// character, a byte of 0x80 or above, valid UTF-8 or not) is tried at
// every offset of a string longer than 8 bytes, and with 0 to 9 bytes of
// the document after the string: the string's value, and whether it is
// JSON at all, are encoding/json's.
func TestStringBytesAtEveryOffset(t *testing.T) {
	specials := []string{`\"`, `\\`, `\n`, `\u00e9`, "\x00", "\x1f", "\x7f", "\x80", "\xfe", "\xff", "é", "😀", "\xe2\x82"}
	for _, sp := range specials {
		for at := range 18 {
			for _, after := range []string{"", " ", "         "} {
				text := strings.Repeat("a", at) + sp + strings.Repeat("b", 17-at)
				doc := `"` + text + `"` + after
				v, ok := Parse(doc)
				var want string
				err := json.Unmarshal([]byte(doc), &want)
				if ok != (err == nil) {
					t.Errorf("Parse(%q) ok = %v; encoding/json: %v", doc, ok, err)
					continue
				}
				if ok && v.Text != want {
					t.Errorf("Parse(%q) = %q, encoding/json %q", doc, v.Text, want)
				}
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
	var walker Parser // one for every input: what it read before must not show
	f.Fuzz(func(t *testing.T, s string) {
		v, space, ok := ParseSpaced(s)
		if want := json.Valid([]byte(s)) && depth(s) <= MaxDepth; ok != want {
			t.Fatalf("Parse(%q) ok = %v, encoding/json says %v", s, ok, want)
		}
		walker.Start(s)
		skipped := walker.Skip()
		if _, end := walker.End(); (skipped && end) != ok {
			t.Fatalf("Start, Skip, End of %q: %v, %v; ParseSpaced %v", s, skipped, end, ok)
		}
		walker.Start(s)
		wok := walk(&walker)
		if wspace, end := walker.End(); wok && end != ok || !wok && ok || ok && wspace != space {
			t.Fatalf("read value by value, %q: %v, End() = %d, %v; ParseSpaced %v, %d", s, wok, wspace, end, ok, space)
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

// walk reads the value p is at value by value, as a reader with a
// grammar of its own does.
func walk(p *Parser) bool {
	k, ok := p.Peek()
	switch {
	case !ok:
		return false
	case k == Object:
		return p.Members(func(string) bool { return walk(p) })
	case k == Array:
		return p.Elements(func() bool { return walk(p) })
	case k == Null:
		return p.Skip()
	}
	_, _, ok = p.Scalar()
	return ok
}

func TestValueByValue(t *testing.T) {
	doc := ` {"a": [1, "x\u00e9", true, null, {"b": []}], "c": -2.5e3} `
	var p Parser
	p.Start(doc)
	var got []string
	var read func() bool
	read = func() bool {
		k, _ := p.Peek()
		switch k {
		case Object:
			return p.Members(func(name string) bool { got = append(got, "member "+name); return read() })
		case Array:
			return p.Elements(func() bool { got = append(got, "element"); return read() })
		case Null:
			got = append(got, "null")
			return p.Skip()
		}
		k, text, ok := p.Scalar()
		got = append(got, fmt.Sprint(k, " ", text))
		return ok
	}
	if !read() {
		t.Fatal("not read")
	}
	if space, end := p.End(); !end || space != 10 {
		t.Errorf("End() = %d, %v; want 10, true", space, end)
	}
	want := []string{"member a", "element", "2 1", "element", "3 xé", "element", "1 true", "element", "null", "element", "member b", "member c", "2 -2.5e3"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("values read (-want +got):\n%s", diff)
	}

	// A Mark read again: the same value, the other way.
	p.Start(`[{"a": 1}, 2]`)
	var first Mark
	if !p.Elements(func() bool {
		if k, _ := p.Peek(); k != Object {
			return p.Skip()
		}
		first = p.Mark()
		if p.Members(func(string) bool { return false }) { // a reader's grammar refusing it
			t.Error("Members answered true where yield refused")
		}
		p.Rewind(first)
		return p.Skip()
	}) {
		t.Error("the array was not read after a Rewind")
	}
	if _, end := p.End(); !end {
		t.Error("End() after the array: false")
	}

	// What is not the kind asked for is refused, and is not read.
	for _, tc := range []struct {
		doc  string
		read func(*Parser) bool
	}{
		{`1`, func(p *Parser) bool { _, ok := p.Text(); return ok }},
		{`null`, func(p *Parser) bool { _, _, ok := p.Scalar(); return ok }},
		{`[1]`, func(p *Parser) bool { return p.Members(func(string) bool { return p.Skip() }) }},
		{`{}`, func(p *Parser) bool { return p.Elements(func() bool { return p.Skip() }) }},
		{`tru`, func(p *Parser) bool { _, _, ok := p.Scalar(); return ok }},
		{``, func(p *Parser) bool { _, ok := p.Peek(); return ok }},
	} {
		p.Start(tc.doc)
		if tc.read(&p) {
			t.Errorf("%q: read", tc.doc)
		}
	}
}

// TestValueByValueAllocates: reading value by value builds no tree: a 6
// KB document walked, or skipped whole, allocates nothing, and a Parser
// reads a small text after a large one as fast as a new one would.
func TestValueByValueAllocates(t *testing.T) {
	var p Parser
	for name, read := range map[string]func() bool{
		"walked":  func() bool { return walk(&p) },
		"skipped": func() bool { return p.Skip() },
	} {
		if n := testing.AllocsPerRun(20, func() {
			p.Start(policyDoc)
			if !read() {
				t.Fatalf("%s: not read", name)
			}
		}); n != 0 {
			t.Errorf("%s: %v allocations a document, want 0", name, n)
		}
	}
	p.Start(policyDoc)
	p.Skip()
	p.Start(`{"a":1}`)
	if p.stack != nil || p.slab != nil || p.keyStack != nil || p.keySlab != nil {
		t.Error("a Parser started on a new text holds memory of the one before")
	}
}

// depth is how deeply s nests arrays and objects, counting brackets
// outside strings (enough for the texts json.Valid accepts).
func depth(s string) int {
	d, most, inString := 0, 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '[' || c == '{':
			d++
			most = max(most, d)
		case c == ']' || c == '}':
			d--
		}
	}
	return most
}

func TestMaxDepth(t *testing.T) {
	deep := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	for _, tc := range []struct {
		n    int
		want bool
	}{{MaxDepth, true}, {MaxDepth + 1, false}} {
		if _, ok := Parse(deep(tc.n)); ok != tc.want {
			t.Errorf("Parse of %d nested arrays: ok = %v, want %v", tc.n, ok, tc.want)
		}
	}
}

// policyDoc is a policy document of about 6 KB (a managed policy's most).
var policyDoc = func() string {
	var b strings.Builder
	b.WriteString(`{"Version": "2012-10-17", "Statement": [`)
	for i := 0; b.Len() < 6000; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `{"Sid": "S%d", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::bucket-%d/*", "Condition": {"StringEquals": {"aws:username": "user%d"}}}`, i, i, i)
	}
	b.WriteString("]}")
	return b.String()
}()

// BenchmarkParse is why this package exists: what reading a 6 KB policy
// document costs here and with encoding/json, whose Decoder.Token keeps
// members in order and repeated names (what the checks need), and whose
// Unmarshal into any (which keeps neither) is its cheapest reading.
func BenchmarkParse(b *testing.B) {
	b.Run("jsontree", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if _, ok := Parse(policyDoc); !ok {
				b.Fatal("not parsed")
			}
		}
	})
	b.Run("jsontree/value-by-value", func(b *testing.B) {
		b.ReportAllocs()
		var p Parser
		for range b.N {
			p.Start(policyDoc)
			if !walk(&p) {
				b.Fatal("not read")
			}
		}
	})
	b.Run("encoding-json/Token", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			d := json.NewDecoder(strings.NewReader(policyDoc))
			d.UseNumber()
			for {
				if _, err := d.Token(); err == io.EOF {
					break
				} else if err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("encoding-json/Unmarshal", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			var v any
			if err := json.Unmarshal([]byte(policyDoc), &v); err != nil {
				b.Fatal(err)
			}
		}
	})
}
