package fakeiam_test

// Benchmarks of the user and access-key operations against their floor: the
// canned-stub middleware of bench_test.go (floorClient) at the fake's
// Finalize position, answering each call with a fresh copy of a prebuilt
// output. Budgets (docs/architecture.md): a 100-user page ≤ 1.25 × its floor, CreateUser
// ≤ 1.35 × its floor. Measure with:
//
//	go test -run '^$' -bench UsersAndKeys -benchmem -count 5 ./fakeiam/

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// copyUsers is the cheapest faithful copy of a page of users: fresh
// pointers for every field, one allocation per kind of field.
func copyUsers(in []types.User) []types.User {
	out := make([]types.User, len(in))
	strs := make([]string, 4*len(in))
	dates := make([]time.Time, len(in))
	for i, u := range in {
		s := strs[4*i : 4*i+4]
		s[0], s[1], s[2], s[3] = *u.Path, *u.UserName, *u.UserId, *u.Arn
		dates[i] = *u.CreateDate
		out[i] = types.User{Path: &s[0], UserName: &s[1], UserId: &s[2], Arn: &s[3], CreateDate: &dates[i]}
	}
	return out
}

// usersFake seeds n users, user000 to user(n-1), with no keys.
func usersFake(b testing.TB, n int) *fakeiam.Fake {
	b.Helper()
	opts := make([]fakeiam.Option, n)
	for i := range opts {
		opts[i] = fakeiam.User(fmt.Sprintf("user%03d", i))
	}
	f, err := newFakeE(opts...)
	if err != nil {
		b.Fatal(err)
	}
	return f
}

// createBatchSize users are created into one fake, then a fresh fake
// (untimed): a create into a fake of realistic size, not one grown to b.N.
const createBatchSize = 1024

func createNames() []string {
	names := make([]string, createBatchSize)
	for i := range names {
		names[i] = fmt.Sprintf("new-user-%04d", i)
	}
	return names
}

func BenchmarkUsersAndKeys(b *testing.B) {
	ctx := context.Background()
	listIn := &iam.ListUsersInput{} // default MaxItems: the whole 100-user page
	listFloor := func(b *testing.B) *iam.Client {
		f := usersFake(b, 100)
		out, err := f.Client().ListUsers(ctx, listIn)
		if err != nil || len(out.Users) != 100 || out.IsTruncated {
			b.Fatalf("floor's page: %d users, truncated %v, %v", len(out.Users), out.IsTruncated, err)
		}
		return floorClient(f, func() any {
			return &iam.ListUsersOutput{Users: copyUsers(out.Users), IsTruncated: out.IsTruncated}
		})
	}
	listUsers := func(b *testing.B, c *iam.Client) {
		b.Helper()
		if out, err := c.ListUsers(ctx, listIn); err != nil || len(out.Users) != 100 {
			b.Fatalf("warm-up: %v", err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			if _, err := c.ListUsers(ctx, listIn); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("floor/list-users/users=100", func(b *testing.B) { listUsers(b, listFloor(b)) })
	b.Run("fake/list-users/users=100", func(b *testing.B) { listUsers(b, usersFake(b, 100).Client()) })

	created := testNow
	canned := types.User{Path: aws.String("/"), UserName: aws.String("new-user-0000"), UserId: aws.String("AIDAABCDEFGHIJKLMNOPQ"),
		Arn: aws.String("arn:aws:iam::123456789012:user/new-user-0000"), CreateDate: &created}
	createFloor := func(b *testing.B) *iam.Client {
		return floorClient(usersFake(b, 0), func() any {
			return &iam.CreateUserOutput{User: &copyUsers([]types.User{canned})[0]}
		})
	}
	createFake := func(b *testing.B) *iam.Client { return usersFake(b, 0).Client() }
	createUsers := func(b *testing.B, newClient func(*testing.B) *iam.Client) {
		b.Helper()
		names := createNames()
		c := newClient(b)
		b.ReportAllocs()
		b.ResetTimer()
		for i := range b.N {
			if i > 0 && i%createBatchSize == 0 {
				b.StopTimer()
				c = newClient(b)
				b.StartTimer()
			}
			if _, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: &names[i%createBatchSize]}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("floor/create-user", func(b *testing.B) { createUsers(b, createFloor) })
	b.Run("fake/create-user", func(b *testing.B) { createUsers(b, createFake) })

	// A List call signed with a key the API created and one seeded: both
	// from a client the test builds (static credentials, f.Attach), so the
	// fake verifies both signatures.
	signed := func(b *testing.B, keyOf func(f *fakeiam.Fake) fakeiam.AccessKey) {
		b.Helper()
		f := newFake(fakeiam.User("Carol").AccessKey(fakeiam.AccessKey{ID: "AKIABENCHSEEDED00001", Secret: "seeded-secret"}), fakeiam.AccessKeysPerUser(2))
		k := keyOf(f)
		c := iam.New(iam.Options{Region: "us-east-1", Credentials: staticCreds(k)}, f.Attach)
		in := &iam.ListAccessKeysInput{}
		if out, err := c.ListAccessKeys(ctx, in); err != nil || len(out.AccessKeyMetadata) != 2 {
			b.Fatalf("warm-up: %v", err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			if _, err := c.ListAccessKeys(ctx, in); err != nil {
				b.Fatal(err)
			}
		}
	}
	createdKey := func(f *fakeiam.Fake) fakeiam.AccessKey {
		out, err := f.Client().CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("Carol")})
		if err != nil {
			b.Fatal(err)
		}
		return fakeiam.AccessKey{ID: *out.AccessKey.AccessKeyId, Secret: *out.AccessKey.SecretAccessKey}
	}
	b.Run("fake/signed-with-created-key", func(b *testing.B) { signed(b, createdKey) })
	b.Run("fake/signed-with-seeded-key", func(b *testing.B) {
		signed(b, func(f *fakeiam.Fake) fakeiam.AccessKey {
			createdKey(f) // the same two keys; this one signs with the seeded
			return fakeiam.AccessKey{ID: "AKIABENCHSEEDED00001", Secret: "seeded-secret"}
		})
	})

	// The same ratios with the two sides interleaved call by call, so that a
	// noisy host slows both alike (as BenchmarkPairedRatios).
	b.Run("paired/list-users/users=100", func(b *testing.B) {
		floor, fake := listFloor(b), usersFake(b, 100).Client()
		pairedRatio(b,
			func() error { _, err := floor.ListUsers(ctx, listIn); return err },
			func() error { _, err := fake.ListUsers(ctx, listIn); return err }, nil)
	})
	b.Run("paired/create-user", func(b *testing.B) {
		names := createNames()
		floor, fake := createFloor(b), createFake(b)
		k := 0
		pairedRatio(b,
			func() error { _, err := floor.CreateUser(ctx, &iam.CreateUserInput{UserName: &names[k]}); return err },
			func() error { _, err := fake.CreateUser(ctx, &iam.CreateUserInput{UserName: &names[k]}); return err },
			func() { // untimed: the next name, and a fresh batch when one is done
				if k++; k == createBatchSize {
					k, floor, fake = 0, createFloor(b), createFake(b)
				}
			})
	})
}

// pairedRatio times base and measured alternately, with next between pairs
// (in neither timing), and reports the median of measured over the median of
// base.
func pairedRatio(b *testing.B, base, measured func() error, next func()) {
	b.Helper()
	baseTimes, measuredTimes := make([]time.Duration, b.N), make([]time.Duration, b.N)
	b.ResetTimer()
	for i := range b.N {
		t0 := time.Now()
		if err := base(); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if err := measured(); err != nil {
			b.Fatal(err)
		}
		baseTimes[i], measuredTimes[i] = t1.Sub(t0), time.Since(t1)
		if next != nil {
			next() // outside both timings (the benchmark's own ns/op includes it)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(median(measuredTimes))/float64(median(baseTimes)), "ratio")
	b.ReportMetric(float64(median(baseTimes).Nanoseconds()), "base-ns")
	b.ReportMetric(float64(median(measuredTimes).Nanoseconds()), "measured-ns")
}
