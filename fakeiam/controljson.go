package fakeiam

import (
	"encoding/json"
	"io"
	"math"
	"reflect"
	"time"
)

// The control API's JSON for a logged attempt, written by encoding/json from
// the values below. SDK inputs and outputs are first turned into plain JSON
// values (jsonValue): their Go field names (UserName, ResultMetadata) become
// the API's lowerCamel keys, as IAM's member names are.
//
//	{"operation": "...", "attempt": 1,
//	 "caller": {"account": "...", "arn": "...", "accessKeyId": "...", "userName": "...", "roleName": ""},
//	 "requestId": "...", "input": {"userName": "Bob"}, "output": {"user": {...}},
//	 "error": {"code": "NoSuchEntity", "status": 404, "message": "..."},
//	 "authorization": {"action": "iam:GetUser", "resource": "...", "decision": "implicitDeny", ...}}

// callJSON is one attempt as the control API shows it.
type callJSON struct {
	Operation Operation  `json:"operation"`
	Attempt   int        `json:"attempt"`
	Caller    callerJSON `json:"caller"`
	RequestID string     `json:"requestId,omitempty"`
	Input     any        `json:"input"`
	Output    any        `json:"output,omitempty"`
	Error     *errorJSON `json:"error,omitempty"`
	// Authorization is enforcement's decision (Call.Authorization).
	Authorization any `json:"authorization,omitempty"`
}

type callerJSON struct {
	Account     string `json:"account"`
	ARN         string `json:"arn"`
	AccessKeyID string `json:"accessKeyId"`
	UserName    string `json:"userName"`
	RoleName    string `json:"roleName"`
	SessionName string `json:"sessionName,omitempty"`
}

// errorJSON is IAM's error (code, status, message), or the message alone of
// an error that is not IAM's answer (the fake's own, or the context's).
type errorJSON struct {
	Code    string `json:"code,omitempty"`
	Status  int    `json:"status,omitempty"`
	Message string `json:"message"`
}

// newCallEncoder writes the control API's JSON to w: <, > and & as
// themselves, since it is read by programs, not embedded in pages.
func newCallEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}

// callJSONOf is the attempt e as the control API shows it.
func (f *Fake) callJSONOf(e *logEntry) callJSON {
	c := e.caller
	out := callJSON{
		Operation: e.op,
		Attempt:   e.attempt,
		Caller:    callerJSON{c.Account, c.ARN, c.AccessKeyID, c.UserName, c.RoleName, c.SessionName},
		Input:     jsonValue(reflect.ValueOf(e.input), 0),
	}
	if e.reqN != 0 {
		out.RequestID = f.ids.formatRequestID(e.reqN)
	}
	if e.output != nil {
		out.Output = jsonValue(reflect.ValueOf(e.output.build()), 0)
	}
	if e.authz != nil {
		out.Authorization = jsonValue(reflect.ValueOf(e.authz), 0)
	}
	switch {
	case e.apiErr != nil:
		out.Error = &errorJSON{Code: e.apiErr.Code, Status: e.apiErr.Status, Message: e.apiErr.Message}
	case e.ended != nil || e.err != nil: // no IAM answer: the fake's own error, or the context's
		out.Error = &errorJSON{Message: f.errorOf(e).Error()}
	}
	return out
}

var jsonTimeType = reflect.TypeFor[time.Time]()

// jsonValue is v, an SDK input or output or a value in one, as a value
// encoding/json writes the control API's way: structures as objects with
// lowerCamel keys, leaving out unset members (nil, or an enum's empty
// value) and the SDK's ResultMetadata; dates as RFC 3339 text (time.Time's
// own JSON); blobs as base64 ([]byte's own JSON); NaN and infinities, which
// JSON cannot carry, as null.
func jsonValue(v reflect.Value, depth int) any {
	if depth > 64 { // SDK values are shallow trees; this only bounds the unexpected
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return jsonValue(v.Elem(), depth+1)
	case reflect.Struct:
		if v.Type() == jsonTimeType {
			return v.Interface().(time.Time).UTC()
		}
		obj := map[string]any{}
		t := v.Type()
		for i := range t.NumField() {
			sf, fv := t.Field(i), v.Field(i)
			if sf.IsExported() && sf.Name != "ResultMetadata" && !unset(fv) {
				obj[lowerCamel(sf.Name)] = jsonValue(fv, depth+1)
			}
		}
		return obj
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return v.Bytes()
		}
		list := make([]any, v.Len())
		for i := range list {
			list[i] = jsonValue(v.Index(i), depth+1)
		}
		return list
	case reflect.Map:
		obj := make(map[string]any, v.Len())
		for it := v.MapRange(); it.Next(); {
			obj[it.Key().String()] = jsonValue(it.Value(), depth+1)
		}
		return obj
	case reflect.String:
		return v.String()
	case reflect.Bool:
		return v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return v.Uint()
	case reflect.Float32, reflect.Float64:
		if f := v.Float(); !math.IsNaN(f) && !math.IsInf(f, 0) {
			return f
		}
	}
	return nil // NaN, infinities, and kinds the SDK does not use
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
