package fakeiam

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The control API's JSON for a logged attempt, written by hand rather than
// by encoding/json: SDK values have Go's field names (UserName,
// ResultMetadata), and the API's keys are lowerCamel everywhere, as IAM's
// member names are.
//
//	{"operation": "...", "attempt": 1,
//	 "caller": {"account": "...", "arn": "...", "accessKeyId": "...", "userName": "...", "roleName": ""},
//	 "requestId": "...", "input": {"userName": "Bob"}, "output": {"user": {...}},
//	 "error": {"code": "NoSuchEntity", "status": 404, "message": "..."}}

// appendCallJSON appends the attempt e as the control API shows it.
func (f *Fake) appendCallJSON(b []byte, e *logEntry) []byte {
	b = append(b, `{"operation":`...)
	b = appendJSONString(b, string(e.op))
	b = append(b, `,"attempt":`...)
	b = strconv.AppendInt(b, int64(e.attempt), 10)
	b = append(b, `,"caller":{"account":`...)
	b = appendJSONString(b, e.caller.Account)
	b = append(b, `,"arn":`...)
	b = appendJSONString(b, e.caller.ARN)
	b = append(b, `,"accessKeyId":`...)
	b = appendJSONString(b, e.caller.AccessKeyID)
	b = append(b, `,"userName":`...)
	b = appendJSONString(b, e.caller.UserName)
	b = append(b, `,"roleName":`...)
	b = appendJSONString(b, e.caller.RoleName)
	b = append(b, '}')
	if e.reqN != 0 {
		b = append(b, `,"requestId":`...)
		b = appendJSONString(b, f.ids.formatRequestID(e.reqN))
	}
	b = append(b, `,"input":`...)
	b = appendSDKJSON(b, reflect.ValueOf(e.input), 0)
	if e.output != nil {
		b = append(b, `,"output":`...)
		b = appendSDKJSON(b, reflect.ValueOf(e.output()), 0)
	}
	switch {
	case e.apiErr != nil:
		b = append(b, `,"error":{"code":`...)
		b = appendJSONString(b, e.apiErr.Code)
		b = append(b, `,"status":`...)
		b = strconv.AppendInt(b, int64(e.apiErr.Status), 10)
		b = append(b, `,"message":`...)
		b = appendJSONString(b, e.apiErr.Message)
		b = append(b, '}')
	case e.ended != nil || e.err != nil: // no IAM answer: the fake's own error, or the context's
		b = append(b, `,"error":{"message":`...)
		b = appendJSONString(b, f.errorOf(e).Error())
		b = append(b, '}')
	}
	return append(b, '}')
}

var jsonTimeType = reflect.TypeFor[time.Time]()

// appendSDKJSON appends v, an SDK input or output or a value in one, as
// JSON: structures as objects with lowerCamel keys, leaving out unset
// members (nil, or an enum's empty value) and the SDK's ResultMetadata;
// dates as RFC 3339 text; blobs as base64.
func appendSDKJSON(b []byte, v reflect.Value, depth int) []byte {
	if depth > 64 { // SDK values are shallow trees; this only bounds the unexpected
		return append(b, "null"...)
	}
	switch v.Kind() {
	case reflect.Invalid:
		return append(b, "null"...)
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return append(b, "null"...)
		}
		return appendSDKJSON(b, v.Elem(), depth+1)
	case reflect.Struct:
		if v.Type() == jsonTimeType {
			return appendJSONString(b, v.Interface().(time.Time).UTC().Format(time.RFC3339Nano))
		}
		b = append(b, '{')
		first := true
		t := v.Type()
		for i := range t.NumField() {
			sf, fv := t.Field(i), v.Field(i)
			if !sf.IsExported() || sf.Name == "ResultMetadata" || unset(fv) {
				continue
			}
			if !first {
				b = append(b, ',')
			}
			first = false
			b = appendJSONString(b, lowerCamel(sf.Name))
			b = append(b, ':')
			b = appendSDKJSON(b, fv, depth+1)
		}
		return append(b, '}')
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return appendJSONString(b, base64.StdEncoding.EncodeToString(v.Bytes()))
		}
		b = append(b, '[')
		for i := range v.Len() {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendSDKJSON(b, v.Index(i), depth+1)
		}
		return append(b, ']')
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(x, y reflect.Value) int { return strings.Compare(x.String(), y.String()) })
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, k.String())
			b = append(b, ':')
			b = appendSDKJSON(b, v.MapIndex(k), depth+1)
		}
		return append(b, '}')
	case reflect.String:
		return appendJSONString(b, v.String())
	case reflect.Bool:
		return strconv.AppendBool(b, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(b, v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.AppendUint(b, v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		if f := v.Float(); !math.IsNaN(f) && !math.IsInf(f, 0) {
			return strconv.AppendFloat(b, f, 'g', -1, 64)
		}
	}
	return append(b, "null"...) // NaN, infinities, and kinds the SDK does not use
}

// unset reports whether a member is absent: nil, or an enum's empty value.
func unset(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
		return v.IsNil()
	case reflect.String:
		return v.Type().Name() != "string" && v.Len() == 0
	}
	return false
}

// appendJSONString appends s as a JSON string, as encoding/json writes it
// (invalid UTF-8 as U+FFFD), without escaping <, > and & for HTML: the
// control API's JSON is read by programs, not embedded in pages.
func appendJSONString(b []byte, s string) []byte {
	buf := bytes.NewBuffer(b)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	enc.Encode(s)                                      // a string always encodes
	return bytes.TrimSuffix(buf.Bytes(), []byte{'\n'}) // Encode ends the value with a newline
}
