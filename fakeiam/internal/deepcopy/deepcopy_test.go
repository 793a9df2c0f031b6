package deepcopy

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/middleware"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestSized: a copy equals its original and shares no memory a caller
// could write through (strings are immutable and may be shared), for each
// shape the SDK's inputs and outputs take.
func TestSized(t *testing.T) {
	when := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	type named string
	type node struct { // a type that holds itself: planned once
		Name *string
		Next *node
	}
	type flatAll struct { // every slab, and values
		S    *string
		T    *time.Time
		I    *int32
		L    *int64
		B    *bool
		E    types.StatusType
		N    int
		V    string
		S2   *string
		none *string // unexported: assigned as it is
	}
	type shapes struct {
		Named   *named
		Nested  *types.User
		Map     map[string]*string
		Iface   any
		Structs []types.Tag
		Ptrs    []*string
		List    *node
	}
	for _, tc := range []struct {
		name string
		in   any
	}{
		{"nil", nil},
		{"flat input", &iam.UploadSigningCertificateInput{UserName: aws.String("Bob"), CertificateBody: aws.String("body")}},
		{"flat input, nil members", &iam.UploadSigningCertificateInput{}},
		{"flat: every scalar", &flatAll{S: aws.String("s"), T: &when, I: aws.Int32(3), L: aws.Int64(4), B: aws.Bool(true), E: types.StatusTypeActive, N: 5, V: "v", S2: aws.String("two")}},
		{"flat: some nil", &flatAll{S2: aws.String("two"), V: "v"}},
		{"flat: nil", (*flatAll)(nil)},
		{"scalars and enums", &iam.ListUsersInput{MaxItems: aws.Int32(5), Marker: aws.String("m"), PathPrefix: aws.String("/")}},
		{"a slice of structs", &iam.CreateUserInput{UserName: aws.String("Bob"), Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}}},
		{"an output with times and nested pointers", &iam.GetUserOutput{User: &types.User{UserName: aws.String("Bob"), CreateDate: &when,
			PasswordLastUsed: &when, Tags: []types.Tag{{Key: aws.String("k")}}}}},
		{"a page", &iam.ListSigningCertificatesOutput{Certificates: []types.SigningCertificate{
			{UserName: aws.String("Bob"), CertificateId: aws.String("ID1"), Status: types.StatusTypeActive, UploadDate: &when},
			{UserName: aws.String("Bob"), CertificateId: aws.String("ID2"), Status: types.StatusTypeInactive}}, IsTruncated: true}},
		{"other shapes", &shapes{Named: func() *named { n := named("n"); return &n }(), Nested: &types.User{UserName: aws.String("x")},
			Map: map[string]*string{"a": aws.String("b")}, Iface: &types.Tag{Key: aws.String("i")},
			Structs: []types.Tag{{Key: aws.String("s")}}, Ptrs: []*string{aws.String("p"), nil},
			List: &node{Name: aws.String("a"), Next: &node{Name: aws.String("b"), Next: &node{}}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, size := Sized(tc.in)
			if diff := cmp.Diff(tc.in, got, cmpopts.IgnoreUnexported(iam.UploadSigningCertificateInput{}, iam.ListUsersInput{},
				iam.CreateUserInput{}, iam.GetUserOutput{}, iam.ListSigningCertificatesOutput{}, types.User{}, types.Tag{}, types.SigningCertificate{}, middleware.Metadata{}, flatAll{})); diff != "" {
				t.Errorf("copy differs (-original +copy):\n%s", diff)
			}
			if tc.in != nil && size <= 0 {
				t.Errorf("size %d, want the bytes it holds", size)
			}
			if counted := Size(tc.in); counted != size {
				t.Errorf("Size: %d bytes, Sized counted %d", counted, size)
			}
			if tc.in != nil {
				v := reflect.ValueOf(tc.in)
				general, n := sized(planOf(v.Type()), v)
				if n != size || !reflect.DeepEqual(general.Interface(), got) {
					t.Errorf("the general path copied %d bytes, %#v; Sized %d, %#v", n, general.Interface(), size, got)
				}
			}
			if p := sharedPointer(reflect.ValueOf(tc.in), reflect.ValueOf(got)); p != "" {
				t.Errorf("the copy shares %s with the original", p)
			}
		})
	}
}

// sharedPointer names the first pointer, slice array or map that a and b
// (of the same type) share, or "".
func sharedPointer(a, b reflect.Value) string {
	if !a.IsValid() || !b.IsValid() {
		return ""
	}
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() {
			return ""
		}
		if a.Pointer() == b.Pointer() {
			return a.Type().String()
		}
		return sharedPointer(a.Elem(), b.Elem())
	case reflect.Interface:
		if a.IsNil() {
			return ""
		}
		return sharedPointer(a.Elem(), b.Elem())
	case reflect.Struct:
		for i := range a.NumField() {
			if a.Type().Field(i).IsExported() {
				if p := sharedPointer(a.Field(i), b.Field(i)); p != "" {
					return a.Type().Field(i).Name + ": " + p
				}
			}
		}
	case reflect.Slice:
		if a.Len() > 0 && a.Pointer() == b.Pointer() {
			return a.Type().String()
		}
		for i := range a.Len() {
			if p := sharedPointer(a.Index(i), b.Index(i)); p != "" {
				return p
			}
		}
	case reflect.Map:
		if !a.IsNil() && a.Pointer() == b.Pointer() {
			return a.Type().String()
		}
		for it := a.MapRange(); it.Next(); {
			if p := sharedPointer(it.Value(), b.MapIndex(it.Key())); p != "" {
				return p
			}
		}
	}
	return ""
}

// TestValueTyped: Value keeps its argument's static type, so a caller
// copies a []types.Tag without a type assertion; typed nils stay nil.
func TestValueTyped(t *testing.T) {
	tags := []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}
	got := Value(tags)
	if diff := cmp.Diff(tags, got, cmpopts.IgnoreUnexported(types.Tag{})); diff != "" {
		t.Errorf("copy differs (-original +copy):\n%s", diff)
	}
	if p := sharedPointer(reflect.ValueOf(tags), reflect.ValueOf(got)); p != "" {
		t.Errorf("the copy shares %s with the original", p)
	}
	if got := Value([]types.Tag(nil)); got != nil {
		t.Errorf("Value(nil slice) = %#v, want nil", got)
	}
	if got := Value((*iam.GetUserInput)(nil)); got != nil {
		t.Errorf("Value(nil pointer) = %#v, want nil", got)
	}
	if got, n := Sized[any](nil); got != nil || n != 0 {
		t.Errorf("Sized(nil) = %v, %d; want nil, 0", got, n)
	}
}

// BenchmarkSized copies inputs as the core copies every attempt's for the
// call log: a read's, a write's with tags, and STS's with a token.
func BenchmarkSized(b *testing.B) {
	inputs := []struct {
		name string
		v    any
	}{
		{"GetUser", &iam.GetUserInput{UserName: aws.String("user042")}},
		{"CreateUser", &iam.CreateUserInput{UserName: aws.String("Bob"), Path: aws.String("/a/"), Tags: []types.Tag{{Key: aws.String("k1"), Value: aws.String("v1")}, {Key: aws.String("k2"), Value: aws.String("v2")}}}},
		{"AssumeRoleWithWebIdentity", &sts.AssumeRoleWithWebIdentityInput{RoleArn: aws.String("arn:aws:iam::123456789012:role/r"), RoleSessionName: aws.String("s"),
			WebIdentityToken: aws.String(strings.Repeat("x", 1000)), DurationSeconds: aws.Int32(3600)}},
	}
	b.Run("GetUser/general", func(b *testing.B) {
		v := reflect.ValueOf(inputs[0].v)
		p := planOf(v.Type())
		b.ReportAllocs()
		for range b.N {
			if _, n := sized(p, v); n == 0 {
				b.Fatal("no size")
			}
		}
	})
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				if _, n := Sized(in.v); n == 0 {
					b.Fatal("no size")
				}
			}
		})
	}
}

// TestFlat: Sized copies a pointer to a flat struct with copyFlat, and
// leaves the rest to the general path.
func TestFlat(t *testing.T) {
	for _, tc := range []struct {
		typ  reflect.Type
		flat bool
	}{
		{reflect.TypeFor[*iam.GetUserInput](), true},
		{reflect.TypeFor[*iam.ListServiceSpecificCredentialsInput](), true}, // a *bool, a *int32
		{reflect.TypeFor[iam.GetUserInput](), false},                        // not a pointer
		{reflect.TypeFor[*iam.CreateUserInput](), false},                    // Tags
		{reflect.TypeFor[*sts.AssumeRoleWithWebIdentityInput](), false},     // PolicyArns
		{reflect.TypeFor[*types.User](), false},                             // PermissionsBoundary, a pointer to a struct
		{reflect.TypeFor[*string](), false},
	} {
		if got := flatOf(planOf(tc.typ)) != nil; got != tc.flat {
			t.Errorf("%v: copied flat %v, want %v", tc.typ, got, tc.flat)
		}
	}
}
