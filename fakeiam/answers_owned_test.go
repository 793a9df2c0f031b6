package fakeiam_test

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// TestHeldAnswersAreTheCallers: an answer is the caller's own. Writing
// into every string a GetRole (a boundary, tags, a description),
// GetInstanceProfile (its role inside) or ListInstanceProfiles answer
// points to changes nothing the next call answers (views are shared by
// answers; every value an answer points to is a copy).
func TestHeldAnswersAreTheCallers(t *testing.T) {
	ctx := context.Background()
	f := newFake(seedProfiles(fakeiam.ManagedPolicy("bound", trustedDoc))...)
	c := f.Client()
	if _, err := c.PutRolePermissionsBoundary(ctx, &iam.PutRolePermissionsBoundaryInput{RoleName: aws.String("app"),
		PermissionsBoundary: aws.String("arn:aws:iam::123456789012:policy/bound")}); err != nil {
		t.Fatal(err)
	}
	calls := []struct {
		name string
		call func() (any, error)
	}{
		{"GetRole", func() (any, error) { return c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("app")}) }},
		{"GetInstanceProfile", func() (any, error) {
			return c.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String("api")})
		}},
		{"ListInstanceProfiles", func() (any, error) { return c.ListInstanceProfiles(ctx, &iam.ListInstanceProfilesInput{}) }},
		{"ListInstanceProfilesForRole", func() (any, error) {
			return c.ListInstanceProfilesForRole(ctx, &iam.ListInstanceProfilesForRoleInput{RoleName: aws.String("app")})
		}},
	}
	for _, tc := range calls {
		t.Run(tc.name, func(t *testing.T) {
			before, err := tc.call()
			if err != nil {
				t.Fatal(err)
			}
			want := jsonOf(t, before) // now: the answers may share what a scribble reaches
			held, err := tc.call()
			if err != nil {
				t.Fatal(err)
			}
			if n := scribble(held); n < 5 {
				t.Fatalf("scribbled on %d strings of the answer; want at least 5 (the test reaches too little)", n)
			}
			after, err := tc.call()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, jsonOf(t, after)); diff != "" {
				t.Errorf("the next answer after writing into a held one (-before +after):\n%s", diff)
			}
		})
	}
}

// scribble writes "scribbled" into every string the answer reaches through
// its exported fields, pointers and slices, and counts them.
func scribble(answer any) int {
	n := 0
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.String:
			if v.CanSet() {
				v.SetString("scribbled")
				n++
			}
		}
	}
	walk(reflect.ValueOf(answer))
	return n
}

// jsonOf is the answer's values as JSON, pointers followed.
func jsonOf(t *testing.T, answer any) string {
	t.Helper()
	b, err := json.MarshalIndent(answer, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
