package fakeiam

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"reflect"
	"runtime"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"
)

// TestCallLogCountsWhatEachOperationKeeps checks the call log's byte budget against a
// measurement: for each operation (and for IAM's errors through each door),
// n attempts are logged, and the heap the log holds — what a full garbage
// collection frees once ResetCalls drops the entries — must not exceed
// what the log counted for them. The answers' part of the count is
// keptBytes of the values each handler kept; the rest is the input's copy,
// the error and the entry.
func TestCallLogCountsWhatEachOperationKeeps(t *testing.T) {
	const n = logChunk // attempts per row: one chunk of entries
	ctx := context.Background()
	certs := func(prefix string, count int) []SigningCertificate {
		s := make([]SigningCertificate, count)
		for i := range s {
			s[i] = SigningCertificate{ID: fmt.Sprintf("%s%020d", prefix, i), Body: fmt.Sprintf("body %s %d", prefix, i)}
		}
		return s
	}
	keys := func(count int) []AccessKey {
		k := make([]AccessKey, count)
		for i := range k {
			k[i] = AccessKey{ID: fmt.Sprintf("AKIABOB%013d", i), Secret: "secret"}
		}
		return k
	}
	users := func(count int) []Option {
		u := make([]Option, count)
		for i := range u {
			u[i] = User(fmt.Sprintf("user%03d", i))
		}
		return u
	}
	pems := make([]string, n)
	for i := range pems {
		pems[i] = CertificatePEM(fmt.Sprintf("upload %d", i))
	}
	bob := aws.String("Bob")
	statuses := [2]types.StatusType{types.StatusTypeInactive, types.StatusTypeActive}
	for _, tc := range []struct {
		name string
		http bool // through the HTTP door; else the SDK door
		seed []Option
		call func(c *iam.Client, i int) error
	}{
		{"ListSigningCertificates", false, []Option{User("Bob").SigningCertificate(certs("CERT", 2)...)}, func(c *iam.Client, _ int) error {
			_, err := c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: bob})
			return err
		}},
		{"ListSigningCertificates, 100 a page with a marker", false, []Option{CertificatesPerUser(200), User("Bob").SigningCertificate(certs("CERT", 200)...)}, func(c *iam.Client, _ int) error {
			_, err := c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: bob, MaxItems: aws.Int32(100)})
			return err
		}},
		{"UploadSigningCertificate", false, []Option{CertificatesPerUser(n), User("Bob")}, func(c *iam.Client, i int) error {
			_, err := c.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{UserName: bob, CertificateBody: &pems[i]})
			return err
		}},
		{"UpdateSigningCertificate", false, []Option{User("Bob").SigningCertificate(certs("CERT", 1)...)}, func(c *iam.Client, i int) error {
			_, err := c.UpdateSigningCertificate(ctx, &iam.UpdateSigningCertificateInput{UserName: bob, CertificateId: aws.String(certs("CERT", 1)[0].ID), Status: statuses[i%2]})
			return err
		}},
		{"DeleteSigningCertificate", false, []Option{CertificatesPerUser(n), User("Bob").SigningCertificate(certs("CERT", n)...)}, func(c *iam.Client, i int) error {
			_, err := c.DeleteSigningCertificate(ctx, &iam.DeleteSigningCertificateInput{UserName: bob, CertificateId: aws.String(fmt.Sprintf("CERT%020d", i))})
			return err
		}},
		{"CreateUser", false, nil, func(c *iam.Client, i int) error {
			_, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(fmt.Sprintf("user%03d", i)), Path: aws.String("/division/"), Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("a")}}})
			return err
		}},
		{"GetUser", false, []Option{User("Bob").Tag("team", "a")}, func(c *iam.Client, _ int) error {
			_, err := c.GetUser(ctx, &iam.GetUserInput{UserName: bob})
			return err
		}},
		{"ListUsers, 10 a page with a marker", false, users(20), func(c *iam.Client, _ int) error {
			_, err := c.ListUsers(ctx, &iam.ListUsersInput{MaxItems: aws.Int32(10)})
			return err
		}},
		{"ListUsers, a 100-user page", false, users(100), func(c *iam.Client, _ int) error {
			_, err := c.ListUsers(ctx, &iam.ListUsersInput{})
			return err
		}},
		{"UpdateUser", false, []Option{User("Bob")}, func(c *iam.Client, i int) error {
			_, err := c.UpdateUser(ctx, &iam.UpdateUserInput{UserName: bob, NewPath: aws.String(fmt.Sprintf("/p%d/", i%2))})
			return err
		}},
		{"DeleteUser", false, users(n), func(c *iam.Client, i int) error {
			_, err := c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String(fmt.Sprintf("user%03d", i))})
			return err
		}},
		{"CreateAccessKey", false, []Option{AccessKeysPerUser(n), User("Bob")}, func(c *iam.Client, _ int) error {
			_, err := c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: bob})
			return err
		}},
		{"ListAccessKeys", false, []Option{User("Bob").AccessKey(keys(2)...)}, func(c *iam.Client, _ int) error {
			_, err := c.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: bob})
			return err
		}},
		{"UpdateAccessKey", false, []Option{User("Bob").AccessKey(keys(1)...)}, func(c *iam.Client, i int) error {
			_, err := c.UpdateAccessKey(ctx, &iam.UpdateAccessKeyInput{UserName: bob, AccessKeyId: aws.String(keys(1)[0].ID), Status: statuses[i%2]})
			return err
		}},
		{"DeleteAccessKey", false, []Option{AccessKeysPerUser(n), User("Bob").AccessKey(keys(n)...)}, func(c *iam.Client, i int) error {
			_, err := c.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: bob, AccessKeyId: aws.String(keys(n)[i].ID)})
			return err
		}},
		{"GetAccessKeyLastUsed", false, []Option{User("Bob").AccessKey(keys(1)...)}, func(c *iam.Client, _ int) error {
			_, err := c.GetAccessKeyLastUsed(ctx, &iam.GetAccessKeyLastUsedInput{AccessKeyId: aws.String(keys(1)[0].ID)})
			return err
		}},
		{"an IAM error, SDK door", false, nil, func(c *iam.Client, _ int) error {
			if _, err := c.GetUser(ctx, &iam.GetUserInput{UserName: bob}); err == nil {
				return fmt.Errorf("GetUser of a user that does not exist succeeded")
			}
			return nil
		}},
		{"an IAM error, HTTP door", true, nil, func(c *iam.Client, _ int) error {
			if _, err := c.GetUser(ctx, &iam.GetUserInput{UserName: bob}); err == nil {
				return fmt.Errorf("GetUser of a user that does not exist succeeded")
			}
			return nil
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := New(append([]Option{CallLogBytes(1 << 30), WithSeed(1)}, tc.seed...)...)
			if err != nil {
				t.Fatal(err)
			}
			c := f.Client()
			if tc.http {
				srv := httptest.NewServer(f.Handler())
				defer srv.Close()
				c = iam.New(c.Options(), func(o *iam.Options) {
					o.APIOptions, o.BaseEndpoint, o.HTTPClient = nil, aws.String(srv.URL), WireClient()
				})
			}
			for i := range n {
				if err := tc.call(c, i); err != nil {
					t.Fatalf("call %d: %v", i+1, err)
				}
			}
			counted := f.log.used
			held := int64(liveHeap())
			f.ResetCalls()
			freed := held - int64(liveHeap())
			runtime.KeepAlive(f) // the fake and the client stay: only the log's entries go
			runtime.KeepAlive(c)
			t.Logf("per attempt: counted %d bytes, the log held %d", counted/n, freed/n)
			if int64(counted) < freed {
				t.Errorf("the log counted %d bytes for %d attempts, and held %d", counted, n, freed)
			}
		})
	}
}

// TestHTTPDoorWritesIAMErrorOnce: the HTTP door writes IAM's XML from the
// *Error the core made, without having the SDK decode it first; the call
// log keeps only the *Error and renders the SDK's error when it is read,
// the same on every read.
func TestHTTPDoorWritesIAMErrorOnce(t *testing.T) {
	f := MustNew()
	srv := httptest.NewServer(f.Handler())
	defer srv.Close()
	c := iam.New(f.Client().Options(), func(o *iam.Options) {
		o.APIOptions, o.BaseEndpoint, o.HTTPClient = nil, aws.String(srv.URL), WireClient()
	})
	const want = "The user with name Bob cannot be found."
	_, err := c.GetUser(context.Background(), &iam.GetUserInput{UserName: aws.String("Bob")})
	var noUser *types.NoSuchEntityException
	if !errors.As(err, &noUser) || noUser.ErrorMessage() != want {
		t.Fatalf("GetUser through the HTTP door: %v; want NoSuchEntity %q", err, want)
	}
	f.log.mu.Lock()
	e := f.log.chunks[0][0]
	f.log.mu.Unlock()
	if e.apiErr == nil || e.apiErr.Message != want || e.err != nil {
		t.Fatalf("the log kept %+v; want IAM's *Error alone", e)
	}
	first, _ := f.Calls()
	again, _ := f.Calls()
	if len(first) != 1 || len(again) != 1 {
		t.Fatalf("Calls: %d, then %d attempts; want 1", len(first), len(again))
	}
	if !errors.As(first[0].Err, &noUser) || noUser.ErrorMessage() != want {
		t.Errorf("logged error %v; want NoSuchEntity %q", first[0].Err, want)
	}
	if first[0].Err.Error() != again[0].Err.Error() {
		t.Errorf("two reads of the log gave two errors: %v, %v", first[0].Err, again[0].Err)
	}
}

// TestKeptBytes: what keptBytes counts for the shapes answers keep.
func TestKeptBytes(t *testing.T) {
	type named struct{ name string }
	type page struct {
		page   []*certificate
		marker string
	}
	type views struct{ users []userView }
	tag := []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}
	got := []int{
		keptBytes(&named{"Bob"}),
		keptBytes(&page{make([]*certificate, 2, 4), "next"}),
		keptBytes(&views{[]userView{{path: "/", name: "Bob", id: "AIDA1", arn: "arn:x", tags: tag}}}),
		keptBytes(&struct{}{}),
	}
	want := []int{
		16 + 3,            // a string: its header and bytes
		24 + 4*8 + 16 + 4, // pointers count as themselves, by capacity
		24 + int(reflect.TypeFor[userView]().Size()) + 1 + 3 + 5 + 5 + int(reflect.TypeFor[types.Tag]().Size()), // each view's strings, its tags' array
		0,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("keptBytes (-want +got):\n%s", diff)
	}
}
