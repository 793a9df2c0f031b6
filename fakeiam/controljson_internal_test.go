package fakeiam

import (
	"encoding/json"
	"testing"
)

// FuzzAppendJSONString: whatever the string, the control API writes valid
// JSON that reads back as the string, invalid UTF-8 as U+FFFD (as
// encoding/json writes it).
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "Bob", "quote \" backslash \\ slash /", "\x00\x1f\t\r\n", "\u2028\u2029", "caf\xe9", "é中😀", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := appendJSONString(nil, s)
		var got string
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%q wrote %s, not a JSON string: %v", s, b, err)
		}
		// encoding/json's reading of the string: itself when it is valid
		// UTF-8, each invalid byte as U+FFFD otherwise.
		std, _ := json.Marshal(s)
		var want string
		json.Unmarshal(std, &want)
		if got != want {
			t.Errorf("%q read back as %q, want %q", s, got, want)
		}
	})
}

// TestAppendJSONStringLeavesHTMLAlone: the control API's JSON is read by
// programs: <, > and & are written as themselves, not as \u003c.
func TestAppendJSONStringLeavesHTMLAlone(t *testing.T) {
	for s, want := range map[string]string{
		"<a & b>":         `"<a & b>"`,
		"tab\there \"q\"": `"tab\there \"q\""`,
		"":                `""`,
	} {
		if got := string(appendJSONString([]byte("x:"), s)); got != "x:"+want {
			t.Errorf("appendJSONString(%q) = %s, want x:%s", s, got, want)
		}
	}
}
