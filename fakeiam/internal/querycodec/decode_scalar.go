package querycodec

import (
	"encoding/base64"
	"errors"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/aws/smithy-go"
	smithytime "github.com/aws/smithy-go/time"
	"github.com/aws/smithy-go/traits"
)

// setScalar parses raw as the scalar member s and stores it in v (a value
// or a pointer, which it allocates).
func setScalar(path, raw string, s *smithy.Schema, v reflect.Value) *DecodeError {
	bad := func(c string) *DecodeError { return &DecodeError{Member: path, Value: raw, Constraint: c} }
	t := v.Type()
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var x reflect.Value
	switch s.Type() {
	case smithy.ShapeTypeString, smithy.ShapeTypeEnum:
		if t.Kind() != reflect.String {
			return bad(unsupported)
		}
		x = reflect.New(t).Elem()
		x.SetString(raw)
	case smithy.ShapeTypeBoolean:
		if t.Kind() != reflect.Bool {
			return bad(unsupported)
		}
		var b bool
		switch {
		case strings.EqualFold(raw, "true"):
			b = true
		case strings.EqualFold(raw, "false"):
		default:
			return bad(mustBeBoolean)
		}
		x = reflect.New(t).Elem()
		x.SetBool(b)
	case smithy.ShapeTypeByte, smithy.ShapeTypeShort, smithy.ShapeTypeInteger, smithy.ShapeTypeLong, smithy.ShapeTypeIntEnum:
		switch t.Kind() {
		case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Int:
		default:
			return bad(unsupported)
		}
		n, err := strconv.ParseInt(raw, 10, t.Bits())
		if err != nil {
			return bad(mustBeNumber)
		}
		x = reflect.New(t).Elem()
		x.SetInt(n)
	case smithy.ShapeTypeFloat, smithy.ShapeTypeDouble:
		if t.Kind() != reflect.Float32 && t.Kind() != reflect.Float64 {
			return bad(unsupported)
		}
		f, err := strconv.ParseFloat(raw, t.Bits())
		if err != nil {
			return bad(mustBeNumber)
		}
		x = reflect.New(t).Elem()
		x.SetFloat(f)
	case smithy.ShapeTypeTimestamp:
		if t != reflect.TypeFor[time.Time]() {
			return bad(unsupported)
		}
		tm, ok := parseTime(s, raw)
		if !ok {
			return bad(mustBeTimestamp)
		}
		x = reflect.ValueOf(tm)
	case smithy.ShapeTypeBlob:
		if t != reflect.TypeFor[[]byte]() {
			return bad(unsupported)
		}
		b, err := base64.StdEncoding.DecodeString(raw)
		if err != nil {
			return bad(mustBeBase64)
		}
		x = reflect.ValueOf(b)
	default: // big numbers and documents: IAM has none
		return bad(unsupported)
	}
	if v.Kind() == reflect.Pointer {
		p := reflect.New(t)
		p.Elem().Set(x)
		v.Set(p)
	} else {
		v.Set(x)
	}
	return nil
}

// parseTime reads a timestamp in the member's format: date-time (ISO 8601,
// the query protocol's default), epoch-seconds or http-date.
func parseTime(s *smithy.Schema, raw string) (time.Time, bool) {
	format := "date-time"
	if tf, ok := smithy.SchemaTrait[*traits.TimestampFormat](s); ok {
		format = tf.Format
	}
	var t time.Time
	var err error
	switch format {
	case "epoch-seconds":
		var f float64
		f, err = strconv.ParseFloat(raw, 64)
		if err == nil && (math.IsNaN(f) || math.IsInf(f, 0)) {
			err = errors.New("not finite")
		}
		t = smithytime.ParseEpochSeconds(f)
	case "http-date":
		t, err = smithytime.ParseHTTPDate(raw)
	default:
		t, err = smithytime.ParseDateTime(raw)
	}
	return t, err == nil
}
