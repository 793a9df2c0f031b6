package fakeiam

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// encodeCall is the control API's JSON of a call whose caller and input
// carry s.
func encodeCall(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	c := callJSON{Operation: GetUser, Caller: callerJSON{UserName: s},
		Input: jsonValue(reflect.ValueOf(&iam.GetUserInput{UserName: &s}), 0)}
	if err := newCallEncoder(&b).Encode(c); err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return b.String()
}

// FuzzCallJSONStrings: whatever the string, the control API writes valid
// JSON that reads back as the string, invalid UTF-8 as U+FFFD (as
// encoding/json writes it).
func FuzzCallJSONStrings(f *testing.F) {
	for _, s := range []string{"", "Bob", "quote \" backslash \\ slash /", "\x00\x1f\t\r\n", "\u2028\u2029", "caf\xe9", "é中😀", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got struct {
			Caller struct {
				UserName string `json:"userName"`
			} `json:"caller"`
			Input struct {
				UserName string `json:"userName"`
			} `json:"input"`
		}
		b := encodeCall(t, s)
		if err := json.Unmarshal([]byte(b), &got); err != nil {
			t.Fatalf("%q wrote %s, not JSON: %v", s, b, err)
		}
		// encoding/json's reading of the string: itself when it is valid
		// UTF-8, each invalid byte as U+FFFD otherwise.
		std, _ := json.Marshal(s)
		var want string
		json.Unmarshal(std, &want)
		if got.Caller.UserName != want || got.Input.UserName != want {
			t.Errorf("%q read back as %q and %q, want %q", s, got.Caller.UserName, got.Input.UserName, want)
		}
	})
}

// TestCallJSONLeavesHTMLAlone: the control API's JSON is read by programs:
// <, > and & are written as themselves, not as \u003c.
func TestCallJSONLeavesHTMLAlone(t *testing.T) {
	for s, want := range map[string]string{
		"<a & b>":         `"<a & b>"`,
		"tab\there \"q\"": `"tab\there \"q\""`,
	} {
		if got := encodeCall(t, s); !strings.Contains(got, `"userName":`+want) {
			t.Errorf("%q written as %s, want userName %s", s, got, want)
		}
	}
}
