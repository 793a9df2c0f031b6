package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// jsonError says where in the file a JSON error is: line and column, and
// the field when the decoder names one.
func jsonError(data []byte, dec *json.Decoder, err error) error {
	// The decoder's offsets are of the byte after the error: the column is
	// that of the offending character (of a value's last).
	offset := dec.InputOffset()
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		offset = syntax.Offset - 1
	case errors.As(err, &typeErr):
		// Field is the path from the Go type: "accountSeed.users.name".
		field := strings.TrimPrefix(typeErr.Field, "accountSeed.")
		return fmt.Errorf("%s: %s: want %s, got JSON %s", position(data, typeErr.Offset-1), field, typeErr.Type, typeErr.Value)
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	return fmt.Errorf("%s: %s", position(data, offset), msg)
}

// shapeProblems walks data, one JSON value, against t, the type it decodes
// into, and returns in the file's order each key that names no field there
// (encoding/json would ignore it) and each value of a JSON type its field
// cannot hold, with their places; mistyped says whether there was one of
// the latter.
func shapeProblems(data []byte, t reflect.Type) (problems []error, mistyped bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var walk func(t reflect.Type, path string)
	walk = func(t reflect.Type, path string) {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t == anyJSON { // any JSON value (an inline policy's document)
			skipValue(dec)
			return
		}
		at := valueStart(data, dec.InputOffset())
		tok, err := dec.Token()
		if err != nil {
			return
		}
		mismatch := func(got string) {
			problems = append(problems, fmt.Errorf("%s: %s: want %s, got JSON %s", position(data, at), placeName(path), jsonType(t), got))
			mistyped = true
		}
		switch tok := tok.(type) {
		case json.Delim:
			switch {
			case tok == '{' && t.Kind() == reflect.Struct:
				for dec.More() {
					at := valueStart(data, dec.InputOffset())
					key, err := dec.Token()
					if err != nil {
						return
					}
					name, _ := key.(string)
					field, ok := jsonField(t, name)
					if !ok {
						problems = append(problems, fmt.Errorf("%s: %s: unknown field", position(data, at), joinPath(path, name)))
						skipValue(dec)
						continue
					}
					walk(field, joinPath(path, name))
				}
				dec.Token()
			case tok == '[' && t.Kind() == reflect.Slice:
				for i := 0; dec.More(); i++ {
					walk(t.Elem(), fmt.Sprintf("%s[%d]", path, i))
				}
				dec.Token()
			default:
				mismatch(map[json.Delim]string{'{': "object", '[': "array"}[tok])
				skipRest(dec)
			}
		case string:
			if t.Kind() != reflect.String {
				mismatch("string")
			}
		case json.Number:
			if k := t.Kind(); k < reflect.Int || k > reflect.Float64 {
				mismatch("number")
			}
		case bool:
			if t.Kind() != reflect.Bool {
				mismatch("boolean")
			}
		case nil: // null leaves a field as it is
		}
	}
	walk(t, "")
	return problems, mistyped
}

// joinPath is the path of key name in the object at path. A name that is
// not plain (empty, or with a space, a control character, a dot...) is
// quoted: the problem stays one line that cannot pass for another.
func joinPath(path, name string) string {
	plain := name != ""
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			plain = false
		}
	}
	if !plain {
		name = strconv.Quote(name)
	}
	if path == "" {
		return name
	}
	return path + "." + name
}

func placeName(path string) string {
	if path == "" {
		return "the seed"
	}
	return path
}

// jsonType says what JSON a field of type t takes.
func jsonType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct:
		return "object"
	case reflect.Slice:
		return "array"
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "number (an integer)"
	}
	return t.String()
}

// skipValue reads past the next value; skipRest past the rest of an object
// or array whose opening it read.
// anyJSON is the type of a field that takes any JSON value.
var anyJSON = reflect.TypeOf(json.RawMessage(nil))

func skipValue(dec *json.Decoder) {
	if tok, err := dec.Token(); err == nil && (tok == json.Delim('{') || tok == json.Delim('[')) {
		skipRest(dec)
	}
}

func skipRest(dec *json.Decoder) {
	for depth := 1; depth > 0; {
		tok, err := dec.Token()
		if err != nil {
			return
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
}

// valueStart is the offset of the first byte at or after offset that
// starts a key or value: past spaces, colons and commas.
func valueStart(data []byte, offset int64) int64 {
	for offset < int64(len(data)) && strings.IndexByte(" \t\r\n:,", data[offset]) >= 0 {
		offset++
	}
	return offset
}

// jsonField is the type of t's field (embedded structs' included) that
// encoding/json decodes the key name into.
func jsonField(t reflect.Type, name string) (reflect.Type, bool) {
	if t.Kind() != reflect.Struct {
		return t, true // not a seed object: nothing to look for
	}
	for _, f := range reflect.VisibleFields(t) {
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if tag == "" {
			tag = f.Name
		}
		if f.IsExported() && !f.Anonymous && tag != "-" && strings.EqualFold(tag, name) {
			return f.Type, true
		}
	}
	return nil, false
}

func position(data []byte, offset int64) string {
	offset = min(max(offset, 0), int64(len(data)))
	line := 1 + bytes.Count(data[:offset], []byte("\n"))
	col := int(offset) - bytes.LastIndexByte(data[:offset], '\n')
	return fmt.Sprintf("line %d, column %d", line, col)
}
