package fakeiam_test

import (
	"context"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// TestListUsersAgainAfterAChange: a page listed again answers as the users
// are now, after every kind of change to them (ListUsers shares a page it
// captured until the users change), and every answer, the call log's
// included, is as it was when given.
func TestListUsersAgainAfterAChange(t *testing.T) {
	ctx := context.Background()
	type listed struct {
		Names     []string
		Paths     []string
		Truncated bool
	}
	list := func(t *testing.T, c *iam.Client, in *iam.ListUsersInput) listed {
		t.Helper()
		out, err := c.ListUsers(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		var l listed
		for _, u := range out.Users {
			l.Names, l.Paths = append(l.Names, *u.UserName), append(l.Paths, *u.Path)
		}
		l.Truncated = out.IsTruncated
		return l
	}
	all := &iam.ListUsersInput{}
	two := &iam.ListUsersInput{MaxItems: aws.Int32(2)}
	eng := &iam.ListUsersInput{PathPrefix: aws.String("/eng/")}
	for _, tc := range []struct {
		name   string
		in     *iam.ListUsersInput
		change func(c *iam.Client) error
		before listed
		after  listed
	}{
		{"created", all, func(c *iam.Client) error {
			_, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("Bea")})
			return err
		}, listed{Names: []string{"Alice", "Carl"}, Paths: []string{"/", "/eng/"}},
			listed{Names: []string{"Alice", "Bea", "Carl"}, Paths: []string{"/", "/", "/eng/"}}},
		{"created, a page of two", two, func(c *iam.Client) error {
			_, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("Bea")})
			return err
		}, listed{Names: []string{"Alice", "Carl"}, Paths: []string{"/", "/eng/"}},
			listed{Names: []string{"Alice", "Bea"}, Paths: []string{"/", "/"}, Truncated: true}},
		{"renamed", all, func(c *iam.Client) error {
			_, err := c.UpdateUser(ctx, &iam.UpdateUserInput{UserName: aws.String("Alice"), NewUserName: aws.String("Zoe")})
			return err
		}, listed{Names: []string{"Alice", "Carl"}, Paths: []string{"/", "/eng/"}},
			listed{Names: []string{"Carl", "Zoe"}, Paths: []string{"/eng/", "/"}}},
		{"moved into the prefix", eng, func(c *iam.Client) error {
			_, err := c.UpdateUser(ctx, &iam.UpdateUserInput{UserName: aws.String("Alice"), NewPath: aws.String("/eng/a/")})
			return err
		}, listed{Names: []string{"Carl"}, Paths: []string{"/eng/"}},
			listed{Names: []string{"Alice", "Carl"}, Paths: []string{"/eng/a/", "/eng/"}}},
		{"deleted", all, func(c *iam.Client) error {
			_, err := c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String("Carl")})
			return err
		}, listed{Names: []string{"Alice", "Carl"}, Paths: []string{"/", "/eng/"}},
			listed{Names: []string{"Alice"}, Paths: []string{"/"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(fakeiam.User("Alice"), fakeiam.User("Carl").Path("/eng/"))
			c := f.Client()
			for range 2 { // the second answer shares the first's page
				if diff := cmp.Diff(tc.before, list(t, c, tc.in)); diff != "" {
					t.Fatalf("before (-want +got):\n%s", diff)
				}
			}
			if err := tc.change(c); err != nil {
				t.Fatal(err)
			}
			for range 2 {
				if diff := cmp.Diff(tc.after, list(t, c, tc.in)); diff != "" {
					t.Errorf("after (-want +got):\n%s", diff)
				}
			}
			calls := logged(t, f, fakeiam.ListUsers)
			if len(calls) != 4 {
				t.Fatalf("the log kept %d ListUsers, want 4", len(calls))
			}
			for i, want := range []listed{tc.before, tc.before, tc.after, tc.after} {
				out := calls[i].Output.(*iam.ListUsersOutput)
				var got listed
				for _, u := range out.Users {
					got.Names, got.Paths = append(got.Names, *u.UserName), append(got.Paths, *u.Path)
				}
				got.Truncated = out.IsTruncated
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("the log's answer %d (-want +got):\n%s", i+1, diff)
				}
			}
		})
	}
}

// TestListUsersWhileUsersChange lists while another goroutine creates
// users (run with -race): every page is one the users were at some moment,
// in listing order.
func TestListUsersWhileUsersChange(t *testing.T) {
	ctx := context.Background()
	f := newFake(fakeiam.User("a000"))
	c := f.Client()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range 50 {
			if _, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("b" + string(rune('a'+i%26)) + string(rune('a'+i/26)))}); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	last := 0
	for range 200 {
		out, err := c.ListUsers(ctx, &iam.ListUsersInput{})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Users) < last {
			t.Fatalf("a page of %d users after one of %d: users were only added", len(out.Users), last)
		}
		last = len(out.Users)
		for i := 1; i < len(out.Users); i++ {
			if *out.Users[i-1].UserName >= *out.Users[i].UserName {
				t.Fatalf("out of order: %q before %q", *out.Users[i-1].UserName, *out.Users[i].UserName)
			}
		}
	}
	wg.Wait()
	out, err := c.ListUsers(ctx, &iam.ListUsersInput{})
	if err != nil || len(out.Users) != 51 {
		t.Fatalf("at the end: %d users, %v; want 51", len(out.Users), err)
	}
}
