package querycodec

import (
	"bytes"
	"context"
	"go/token"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/schemas"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/aws/smithy-go/transport/http/protocol/awsquery"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// sdkView compare SDK values as a caller sees them: exported fields only,
// without the ResultMetadata the SDK's client (not its decoder) fills in.
var sdkView = cmp.Options{
	cmp.FilterPath(func(p cmp.Path) bool {
		sf, ok := p.Last().(cmp.StructField)
		return ok && !token.IsExported(sf.Name())
	}, cmp.Ignore()),
	cmpopts.IgnoreTypes(middleware.Metadata{}),
}

// iamNamespace is the XML namespace of IAM's documents.
const iamNamespace = "https://iam.amazonaws.com/doc/2010-05-08/"

func iamProtocol() *awsquery.Protocol { return awsquery.New(schemas.AWSIdentityManagementV20100508) }

// sdkDecode decodes body as the SDK decodes IAM's answer to op.
func sdkDecode(t testing.TB, op *smithy.OperationSchema, body []byte, out smithy.Deserializable) {
	t.Helper()
	resp := &smithyhttp.Response{Response: &http.Response{
		StatusCode: 200,
		Header:     http.Header{"Content-Type": {"text/xml"}},
		Body:       io.NopCloser(bytes.NewReader(body)),
	}}
	if err := iamProtocol().DeserializeResponse(context.Background(), op, iam.TypeRegistry, resp, out); err != nil {
		t.Fatalf("SDK decode: %v\n%s", err, body)
	}
}

// sdkEncode serializes in as the SDK sends it, and parses the form body.
func sdkEncode(t testing.TB, op *smithy.OperationSchema, in smithy.Serializable) url.Values {
	t.Helper()
	req := smithyhttp.NewStackRequest().(*smithyhttp.Request)
	if err := iamProtocol().SerializeRequest(context.Background(), op, in, req); err != nil {
		t.Fatalf("SDK encode: %v", err)
	}
	body, err := io.ReadAll(req.GetStream())
	if err != nil {
		t.Fatal(err)
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		t.Fatalf("parse %q: %v", body, err)
	}
	return form
}

func encode(t testing.TB, op string, out smithy.Serializable) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := EncodeResponse(&buf, iamNamespace, op, out, "req-1"); err != nil {
		t.Fatalf("encode: %v", err)
	}
	return buf.Bytes()
}

// pemBody is a certificate-shaped body: 64-character base64 lines.
func pemBody(seed int) string {
	var b strings.Builder
	b.WriteString("-----BEGIN CERTIFICATE-----\n")
	r := rand.New(rand.NewPCG(uint64(seed), 1))
	const alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for line := 0; line < 16; line++ {
		for i := 0; i < 64; i++ {
			b.WriteByte(alpha[r.IntN(64)])
		}
		b.WriteByte('\n')
	}
	b.WriteString("-----END CERTIFICATE-----\n")
	return b.String()
}

var uploaded = time.Date(2013, 6, 6, 21, 40, 8, 0, time.UTC)

func cert(i int, body string) types.SigningCertificate {
	return types.SigningCertificate{
		UserName:        aws.String("Bob"),
		CertificateId:   aws.String("TA7SMP42TDN5Z26OBPJE7EXAMPLE" + strconv.Itoa(i)),
		CertificateBody: aws.String(body),
		Status:          types.StatusTypeActive,
		UploadDate:      aws.Time(uploaded.Add(time.Duration(i) * time.Hour)),
	}
}

func certs(n int) []types.SigningCertificate {
	cs := make([]types.SigningCertificate, n)
	for i := range cs {
		cs[i] = cert(i, pemBody(i))
	}
	return cs
}

// --- every IAM operation, generically ---

type operation struct {
	name    string
	in, out reflect.Type // pointer types
}

// iamOperations lists every operation of *iam.Client: (ctx, *XInput,
// ...func(*Options)) (*XOutput, error).
func iamOperations() []operation {
	ct := reflect.TypeFor[*iam.Client]()
	ctxT := reflect.TypeFor[context.Context]()
	var ops []operation
	for i := 0; i < ct.NumMethod(); i++ {
		m := ct.Method(i)
		if m.Type.NumIn() != 4 || m.Type.In(1) != ctxT || m.Type.NumOut() != 2 {
			continue
		}
		ops = append(ops, operation{m.Name, m.Type.In(2), m.Type.Out(0)})
	}
	return ops
}

func rootSchema(v smithy.Serializable) *smithy.Schema {
	r := &schemaRecorder{}
	v.Serialize(r)
	return r.first
}

// filler fills SDK values at random, driven by their schemas.
type filler struct {
	t     *testing.T
	r     *rand.Rand
	input bool // inputs: value-typed members nonzero (the SDK omits zeros)
}

const alphabet = "abcXYZ019 _-+=,.@/:%&<>\"'\n\r\t\u00e9\u00ff\u4e16\U0001F600"

func (f *filler) str() string {
	rs := []rune(alphabet)
	n := f.r.IntN(12)
	var b strings.Builder
	for range n {
		b.WriteRune(rs[f.r.IntN(len(rs))])
	}
	return b.String()
}

func (f *filler) fill(path string, s *smithy.Schema, v reflect.Value, depth int) {
	t := v.Type()
	if t.Kind() == reflect.Pointer && s.Type() != smithy.ShapeTypeUnion {
		p := reflect.New(t.Elem())
		f.fill(path, s, p.Elem(), depth)
		v.Set(p)
		return
	}
	switch s.Type() {
	case smithy.ShapeTypeStructure:
		// Each optional member (pointer, slice, map, union) is left out one
		// time in five, and all of them below depth 6. A nested input
		// structure keeps at least one member: with none, the SDK sends
		// nothing for it, and it cannot come back.
		plan := planFor(t, s)
		filled := 0
		for i, m := range plan {
			if m.field == nil {
				f.t.Errorf("%s.%s: no Go field in %v", path, m.schema.MemberName(), t)
				continue
			}
			fv := v.FieldByIndex(m.field)
			switch fv.Kind() {
			case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
				last := i == len(plan)-1
				if (depth > 6 || f.r.IntN(5) == 0) && !(f.input && depth > 0 && last && filled == 0) {
					continue
				}
			}
			f.fill(path+"."+m.schema.MemberName(), m.schema, fv, depth+1)
			filled++
		}
	case smithy.ShapeTypeList, smithy.ShapeTypeSet:
		n := f.r.IntN(4)
		sl := reflect.MakeSlice(t, n, n)
		for i := range n {
			f.fill(path+"[]", s.ListMember(), sl.Index(i), depth+1)
		}
		v.Set(sl)
	case smithy.ShapeTypeMap:
		n := 1 + f.r.IntN(3)
		mp := reflect.MakeMap(t)
		for i := range n {
			ev := reflect.New(t.Elem()).Elem()
			f.fill(path+"{}", s.MapValue(), ev, depth+1)
			mp.SetMapIndex(reflect.ValueOf("k"+strconv.Itoa(i)+f.str()).Convert(t.Key()), ev)
		}
		v.Set(mp)
	case smithy.ShapeTypeUnion:
		variants := variantsOf(t)
		if len(variants) == 0 {
			f.t.Errorf("%s: union %v has no variants in unionVariants", path, t)
			return
		}
		names := slices.Sorted(func(yield func(string) bool) {
			for k := range variants {
				if !yield(k) {
					return
				}
			}
		})
		name := names[f.r.IntN(len(names))]
		vt := variants[name]
		nv := reflect.New(vt.Elem())
		f.fill(path+"."+name, s.Member(name), nv.Elem().Field(vt.valueField), depth+1)
		v.Set(nv)
	case smithy.ShapeTypeString, smithy.ShapeTypeEnum:
		v.SetString(f.str())
	case smithy.ShapeTypeBoolean:
		v.SetBool(f.input || f.r.IntN(2) == 0)
	case smithy.ShapeTypeInteger, smithy.ShapeTypeLong, smithy.ShapeTypeShort, smithy.ShapeTypeByte, smithy.ShapeTypeIntEnum:
		n := int64(f.r.Int32())
		if f.r.IntN(3) == 0 {
			n = -n
		}
		if n == 0 && f.input {
			n = 1
		}
		v.SetInt(n)
	case smithy.ShapeTypeFloat, smithy.ShapeTypeDouble:
		v.SetFloat(float64(f.r.IntN(1000)) / 8)
	case smithy.ShapeTypeTimestamp:
		v.Set(reflect.ValueOf(time.Unix(f.r.Int64N(4e9), 0).UTC()))
	case smithy.ShapeTypeBlob:
		b := make([]byte, 1+f.r.IntN(20))
		for i := range b {
			b[i] = byte(f.r.IntN(256))
		}
		v.SetBytes(b)
	default:
		f.t.Errorf("%s: shape type %v not filled", path, s.Type())
	}
}

// TestEveryOperation round-trips random inputs and outputs of
// every IAM operation through the SDK's own encoder and decoder.
func TestEveryOperation(t *testing.T) {
	ops := iamOperations()
	if len(ops) < 150 {
		t.Fatalf("found %d operations on *iam.Client", len(ops))
	}
	for _, op := range ops {
		t.Run(op.name, func(t *testing.T) {
			inSchema := rootSchema(reflect.New(op.in.Elem()).Interface().(smithy.Serializable))
			outSchema := rootSchema(reflect.New(op.out.Elem()).Interface().(smithy.Serializable))
			opSchema := smithy.NewOperationSchema(smithy.NewSchema(smithy.ShapeID{Namespace: "com.amazonaws.iam", Name: op.name}, smithy.ShapeTypeOperation, 0), inSchema, outSchema)
			for seed := range uint64(8) {
				r := rand.New(rand.NewPCG(seed, 7))
				in := reflect.New(op.in.Elem())
				if inSchema != nil {
					(&filler{t: t, r: r, input: true}).fill(op.name, inSchema, in.Elem(), 0)
				}
				form := sdkEncode(t, opSchema, in.Interface().(smithy.Serializable))
				gotIn := reflect.New(op.in.Elem())
				if err := DecodeInput(form, gotIn.Interface().(smithy.Serializable)); err != nil {
					t.Fatalf("decode input: %v\nform: %v", err, form)
				}
				if d := cmp.Diff(in.Interface(), gotIn.Interface(), sdkView); d != "" {
					t.Fatalf("input round trip (-sent +decoded):\n%s\nform: %v", d, form)
				}

				out := reflect.New(op.out.Elem())
				if outSchema != nil {
					(&filler{t: t, r: r}).fill(op.name, outSchema, out.Elem(), 0)
				}
				body := encode(t, op.name, out.Interface().(smithy.Serializable))
				gotOut := reflect.New(op.out.Elem())
				sdkDecode(t, opSchema, body, gotOut.Interface().(smithy.Deserializable))
				if d := cmp.Diff(out.Interface(), gotOut.Interface(), sdkView); d != "" {
					t.Fatalf("output round trip (-sent +decoded):\n%s\n%s", d, body)
				}
			}
		})
	}
}
