package fakeiam_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// TestResetKeepsSeededDates: Reset returns exactly the seeded state, whose
// default dates are those New gave, whatever the clock says since.
func TestResetKeepsSeededDates(t *testing.T) {
	// A clock that moves a second each time it is read, as a real one
	// moves between New and Reset.
	var ticks atomic.Int64
	t0 := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return t0.Add(time.Duration(ticks.Add(1)) * time.Second) }
	f := newFake(fakeiam.WithClock(clock),
		fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{}).AccessKey(fakeiam.AccessKey{ID: "AKIABOBEXAMPLE000001", Secret: "s"}),
		fakeiam.Root().SigningCertificate(fakeiam.SigningCertificate{}))
	ctx := context.Background()
	seeded := func() (any, error) {
		user, err := f.Client().GetUser(ctx, &iam.GetUserInput{UserName: aws.String("Bob")})
		if err != nil {
			return nil, err
		}
		keys, _ := f.User("Bob").AccessKeys()
		bobCerts, _ := f.User("Bob").SigningCertificates()
		rootCerts, _ := f.Root().SigningCertificates()
		return []any{user.User, keys, bobCerts, rootCerts}, nil
	}
	before, err := seeded()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Client().CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("Carol")}); err != nil {
		t.Fatal(err)
	}
	f.Reset()
	after, err := seeded()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, after, cmpopts.IgnoreUnexported(types.User{}, types.SigningCertificate{})); diff != "" {
		t.Errorf("seeded state after Reset (-before +after):\n%s", diff)
	}
}
