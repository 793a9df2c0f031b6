package fakeiam_test

// The rows of BenchmarkPairedRatios/op: one representative call per
// implemented operation, the fake against its floor (floorClient: a
// canned-stub middleware at the fake's position answering with a fresh copy
// of the output the fake gave for the same call), interleaved call by call.
// TestPairedRatiosCoverEveryOperation fails when an operation has no row,
// so a new operation comes with its row.

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// The budgets of docs/architecture.md, "Performance budgets".
const (
	budgetRead  = 1.10 // a read, and a list page of a few items
	budgetPage  = 1.25 // a 100-item list page
	budgetWrite = 1.35
)

// pairedRow is one operation's row.
type pairedRow struct {
	op     fakeiam.Operation
	budget float64
	// setup builds both sides. floor and fake each make the row's call once
	// and return its output; next, when not nil, runs between pairs,
	// untimed (the next input; fresh fakes when a batch of writes is done).
	setup func(tb testing.TB) (floor, fake func() (any, error), next func())
}

// writeBatch is how many writes go into one fake before a fresh one (as
// createBatchSize, uploadBatchSize): a write into a fake of realistic size.
const writeBatch = 1024

// batched calls call(c, k) for k = 0, 1, ... on both sides, with fresh
// clients (IAM's or STS's) every writeBatch calls.
func batched[C any](newFloor, newFake func() C, call func(c C, k int) (any, error)) (floor, fake func() (any, error), next func()) {
	return batchedBy(writeBatch, newFloor, newFake, call)
}

// batchedBy is batched with fresh clients every n calls.
func batchedBy[C any](n int, newFloor, newFake func() C, call func(c C, k int) (any, error)) (floor, fake func() (any, error), next func()) {
	fc, kc, k := newFloor(), newFake(), 0
	floor = func() (any, error) { return call(fc, k) }
	fake = func() (any, error) { return call(kc, k) }
	next = func() {
		if k++; k == n {
			fc, kc, k = newFloor(), newFake(), 0
		}
	}
	return floor, fake, next
}

// freshCredentials is a copy of c sharing nothing with it, as a floor
// answers each call (STS's answers carry credentials).
func freshCredentials(c *ststypes.Credentials) *ststypes.Credentials {
	id, secret, token, exp := *c.AccessKeyId, *c.SecretAccessKey, *c.SessionToken, *c.Expiration
	return &ststypes.Credentials{AccessKeyId: &id, SecretAccessKey: &secret, SessionToken: &token, Expiration: &exp}
}

// calls makes a client's call a side of a row.
func calls[Out any](c *iam.Client, call func(c *iam.Client) (*Out, error)) func() (any, error) {
	return func() (any, error) { return call(c) }
}

// warmedUp fails the benchmark when the call the floor copies failed.
func warmedUp(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatalf("warm-up: %v", err)
	}
}

// pairs are the writeBatch (user, item id) pairs of keysFake and certsFake:
// writeBatch/2 users with two items each (IAM's quota).
func pairs(prefix string, width int) (users, ids []string) {
	users, ids = make([]string, writeBatch), make([]string, writeBatch)
	for k := range writeBatch {
		users[k], ids[k] = fmt.Sprintf("user%04d", k/2), fmt.Sprintf("%s%0*d", prefix, width, k)
	}
	return users, ids
}

// keysFake seeds the users of pairs with two access keys each.
func keysFake(tb testing.TB) *fakeiam.Fake {
	users, ids := pairs("AKIABENCH", 11)
	return seeded(tb, users, func(u *fakeiam.PrincipalSeed, k int) *fakeiam.PrincipalSeed {
		return u.AccessKey(fakeiam.AccessKey{ID: ids[k], Secret: "secret"}, fakeiam.AccessKey{ID: ids[k+1], Secret: "secret"})
	})
}

// certsFake seeds the users of pairs with two signing certificates each.
func certsFake(tb testing.TB) *fakeiam.Fake {
	users, ids := pairs("CERTBENCH", 15)
	return seeded(tb, users, func(u *fakeiam.PrincipalSeed, k int) *fakeiam.PrincipalSeed {
		return u.SigningCertificate(fakeiam.SigningCertificate{ID: ids[k], Body: "body-" + ids[k]},
			fakeiam.SigningCertificate{ID: ids[k+1], Body: "body-" + ids[k+1]})
	})
}

// seeded seeds each user of users (listed twice in a row) with with(user, k)
// for its first index k.
func seeded(tb testing.TB, users []string, with func(*fakeiam.PrincipalSeed, int) *fakeiam.PrincipalSeed) *fakeiam.Fake {
	tb.Helper()
	opts := make([]fakeiam.Option, 0, len(users)/2)
	for k := 0; k < len(users); k += 2 {
		opts = append(opts, with(fakeiam.User(users[k]), k))
	}
	f, err := newFakeE(opts...)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// empty is a floor for an operation whose output has no members.
func empty[Out any](tb testing.TB) *iam.Client {
	return floorClient(usersFake(tb, 0), func() any { return new(Out) })
}

// copyKeys is the cheapest faithful copy of access-key metadata.
func copyKeys(in []types.AccessKeyMetadata) []types.AccessKeyMetadata {
	out := make([]types.AccessKeyMetadata, len(in))
	strs, dates := make([]string, 2*len(in)), make([]time.Time, len(in))
	for i, k := range in {
		strs[2*i], strs[2*i+1], dates[i] = *k.UserName, *k.AccessKeyId, *k.CreateDate
		out[i] = types.AccessKeyMetadata{UserName: &strs[2*i], AccessKeyId: &strs[2*i+1], Status: k.Status, CreateDate: &dates[i]}
	}
	return out
}

var pairedRows = []pairedRow{
	{fakeiam.CreateAccessKey, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		users, _ := pairs("", 0)
		fresh := func() *iam.Client {
			return seeded(tb, users, func(u *fakeiam.PrincipalSeed, _ int) *fakeiam.PrincipalSeed { return u }).Client()
		}
		out, err := fresh().CreateAccessKey(context.Background(), &iam.CreateAccessKeyInput{UserName: &users[0]})
		warmedUp(tb, err)
		floor := func() *iam.Client {
			return floorClient(usersFake(tb, 0), func() any {
				s := new(struct {
					key              types.AccessKey
					user, id, secret string
					created          time.Time
				})
				k := out.AccessKey
				s.user, s.id, s.secret, s.created = *k.UserName, *k.AccessKeyId, *k.SecretAccessKey, *k.CreateDate
				s.key = types.AccessKey{UserName: &s.user, AccessKeyId: &s.id, SecretAccessKey: &s.secret, Status: k.Status, CreateDate: &s.created}
				return &iam.CreateAccessKeyOutput{AccessKey: &s.key}
			})
		}
		return batched(floor, fresh, func(c *iam.Client, k int) (any, error) {
			return c.CreateAccessKey(context.Background(), &iam.CreateAccessKeyInput{UserName: &users[k]})
		})
	}},
	{fakeiam.DeleteAccessKey, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		users, ids := pairs("AKIABENCH", 11)
		return batched(func() *iam.Client { return empty[iam.DeleteAccessKeyOutput](tb) }, func() *iam.Client { return keysFake(tb).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.DeleteAccessKey(context.Background(), &iam.DeleteAccessKeyInput{UserName: &users[k], AccessKeyId: &ids[k]})
			})
	}},
	{fakeiam.GetAccessKeyLastUsed, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := keysFake(tb)
		in := &iam.GetAccessKeyLastUsedInput{AccessKeyId: aws.String("AKIABENCH00000000000")}
		call := func(c *iam.Client) (*iam.GetAccessKeyLastUsedOutput, error) {
			return c.GetAccessKeyLastUsed(context.Background(), in)
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any {
			s := new(struct {
				used                  types.AccessKeyLastUsed
				user, region, service string
			})
			s.user, s.region, s.service = *out.UserName, *out.AccessKeyLastUsed.Region, *out.AccessKeyLastUsed.ServiceName
			s.used = types.AccessKeyLastUsed{Region: &s.region, ServiceName: &s.service}
			return &iam.GetAccessKeyLastUsedOutput{UserName: &s.user, AccessKeyLastUsed: &s.used}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	// Two keys: what a user can hold (IAM's quota).
	{fakeiam.ListAccessKeys, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := keysFake(tb)
		in := &iam.ListAccessKeysInput{UserName: aws.String("user0000")}
		call := func(c *iam.Client) (*iam.ListAccessKeysOutput, error) {
			return c.ListAccessKeys(context.Background(), in)
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any {
			return &iam.ListAccessKeysOutput{AccessKeyMetadata: copyKeys(out.AccessKeyMetadata)}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	{fakeiam.UpdateAccessKey, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		statuses := [2]types.StatusType{types.StatusTypeInactive, types.StatusTypeActive}
		n := 0
		call := func(c *iam.Client) (*iam.UpdateAccessKeyOutput, error) {
			return c.UpdateAccessKey(context.Background(), &iam.UpdateAccessKeyInput{UserName: aws.String("user0000"),
				AccessKeyId: aws.String("AKIABENCH00000000000"), Status: statuses[n%2]})
		}
		return calls(empty[iam.UpdateAccessKeyOutput](tb), call), calls(keysFake(tb).Client(), call), func() { n++ }
	}},
	{fakeiam.CreateUser, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		names := createNames()
		call := func(c *iam.Client, k int) (any, error) {
			return c.CreateUser(context.Background(), &iam.CreateUserInput{UserName: &names[k]})
		}
		out, err := usersFake(tb, 0).Client().CreateUser(context.Background(), &iam.CreateUserInput{UserName: &names[0]})
		warmedUp(tb, err)
		floor := func() *iam.Client {
			return floorClient(usersFake(tb, 0), func() any { return &iam.CreateUserOutput{User: &copyUsers([]types.User{*out.User})[0]} })
		}
		return batched(floor, func() *iam.Client { return usersFake(tb, 0).Client() }, call)
	}},
	{fakeiam.DeleteUser, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return batched(func() *iam.Client { return empty[iam.DeleteUserOutput](tb) }, func() *iam.Client { return usersFake(tb, writeBatch).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.DeleteUser(context.Background(), &iam.DeleteUserInput{UserName: aws.String(fmt.Sprintf("user%03d", k))})
			})
	}},
	{fakeiam.GetUser, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := usersFake(tb, 100)
		in := &iam.GetUserInput{UserName: aws.String("user042")}
		call := func(c *iam.Client) (*iam.GetUserOutput, error) { return c.GetUser(context.Background(), in) }
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any { return &iam.GetUserOutput{User: &copyUsers([]types.User{*out.User})[0]} })
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	// A 100-user page: IAM's default page size.
	{fakeiam.ListUsers, budgetPage, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := usersFake(tb, 100)
		call := func(c *iam.Client) (*iam.ListUsersOutput, error) {
			return c.ListUsers(context.Background(), &iam.ListUsersInput{})
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		if len(out.Users) != 100 || out.IsTruncated {
			tb.Fatalf("the page: %d users, truncated %v; want 100, false", len(out.Users), out.IsTruncated)
		}
		floor := floorClient(usersFake(tb, 0), func() any { return &iam.ListUsersOutput{Users: copyUsers(out.Users)} })
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	{fakeiam.UpdateUser, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		n := 0
		call := func(c *iam.Client) (*iam.UpdateUserOutput, error) {
			return c.UpdateUser(context.Background(), &iam.UpdateUserInput{UserName: aws.String("user042"), NewPath: aws.String(fmt.Sprintf("/p%d/", n%2))})
		}
		return calls(empty[iam.UpdateUserOutput](tb), call), calls(usersFake(tb, 100).Client(), call), func() { n++ }
	}},
	{fakeiam.DeleteSigningCertificate, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		users, ids := pairs("CERTBENCH", 15)
		return batched(func() *iam.Client { return empty[iam.DeleteSigningCertificateOutput](tb) }, func() *iam.Client { return certsFake(tb).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.DeleteSigningCertificate(context.Background(), &iam.DeleteSigningCertificateInput{UserName: &users[k], CertificateId: &ids[k]})
			})
	}},
	// Two certificates: what a user can hold (IAM's quota); list/certs=100
	// is a 100-certificate page under a lifted quota.
	{fakeiam.ListSigningCertificates, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := certsFake(tb)
		in := &iam.ListSigningCertificatesInput{UserName: aws.String("user0000")}
		call := func(c *iam.Client) (*iam.ListSigningCertificatesOutput, error) {
			return c.ListSigningCertificates(context.Background(), in)
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any {
			return &iam.ListSigningCertificatesOutput{Certificates: copyCerts(out.Certificates)}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	{fakeiam.UpdateSigningCertificate, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		statuses := [2]types.StatusType{types.StatusTypeInactive, types.StatusTypeActive}
		n := 0
		call := func(c *iam.Client) (*iam.UpdateSigningCertificateOutput, error) {
			return c.UpdateSigningCertificate(context.Background(), &iam.UpdateSigningCertificateInput{UserName: aws.String("user0000"),
				CertificateId: aws.String("CERTBENCH000000000000000"), Status: statuses[n%2]})
		}
		return calls(empty[iam.UpdateSigningCertificateOutput](tb), call), calls(certsFake(tb).Client(), call), func() { n++ }
	}},
	// Generated bodies, round-robin to users holding uploadsPerUser each.
	{fakeiam.UploadSigningCertificate, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		pems, names := uploadBatch()
		call := func(c *iam.Client, k int) (any, error) {
			return c.UploadSigningCertificate(context.Background(), &iam.UploadSigningCertificateInput{
				UserName: &names[k%uploadBatchSize/uploadsPerUser], CertificateBody: &pems[k%uploadBatchSize]})
		}
		got, err := call(uploadFake(tb).Client(), 0)
		out, err := got.(*iam.UploadSigningCertificateOutput), err
		warmedUp(tb, err)
		floor := func() *iam.Client {
			return floorClient(usersFake(tb, 0), func() any {
				return &iam.UploadSigningCertificateOutput{Certificate: &copyCerts([]types.SigningCertificate{*out.Certificate})[0]}
			})
		}
		return batched(floor, func() *iam.Client { return uploadFake(tb).Client() }, call)
	}},
	// 50 tags: the most a user holds (IAM's quota), the largest page there is.
	{fakeiam.ListUserTags, budgetPage, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := tagsFake(tb, 50)
		call := func(c *iam.Client) (*iam.ListUserTagsOutput, error) {
			return c.ListUserTags(context.Background(), &iam.ListUserTagsInput{UserName: aws.String("Bob")})
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any {
			tags := make([]types.Tag, len(out.Tags))
			strs := make([]string, 2*len(out.Tags))
			for i, t := range out.Tags {
				strs[2*i], strs[2*i+1] = *t.Key, *t.Value
				tags[i] = types.Tag{Key: &strs[2*i], Value: &strs[2*i+1]}
			}
			return &iam.ListUserTagsOutput{Tags: tags}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	// A new value for one of ten tags, alternating.
	{fakeiam.TagUser, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		values := [2]string{"a", "b"}
		n := 0
		call := func(c *iam.Client) (*iam.TagUserOutput, error) {
			return c.TagUser(context.Background(), &iam.TagUserInput{UserName: aws.String("Bob"),
				Tags: []types.Tag{{Key: aws.String("key05"), Value: aws.String(values[n%2])}}})
		}
		return calls(empty[iam.TagUserOutput](tb), call), calls(tagsFake(tb, 10).Client(), call), func() { n++ }
	}},
	// One of ten tags removed, and put back between pairs (untimed).
	{fakeiam.UntagUser, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		c := tagsFake(tb, 10).Client()
		call := func(c *iam.Client) (*iam.UntagUserOutput, error) {
			return c.UntagUser(context.Background(), &iam.UntagUserInput{UserName: aws.String("Bob"), TagKeys: []string{"key05"}})
		}
		putBack := func() {
			_, err := c.TagUser(context.Background(), &iam.TagUserInput{UserName: aws.String("Bob"), Tags: []types.Tag{{Key: aws.String("key05"), Value: aws.String("v")}}})
			warmedUp(tb, err)
		}
		return calls(empty[iam.UntagUserOutput](tb), call), calls(c, call), putBack
	}},
	// STS's who-am-I, as a user: STS clients made from the same IAM
	// clients as every row's (stsOf), so both sides differ only in what
	// answers.
	{fakeiam.GetCallerIdentity, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := newFake(fakeiam.User("Bob"))
		bob := stsOf(f.User("Bob").Client())
		call := func(c *sts.Client) (*sts.GetCallerIdentityOutput, error) {
			return c.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
		}
		out, err := call(bob)
		warmedUp(tb, err)
		floor := stsOf(floorClient(usersFake(tb, 0), func() any {
			arn, id, acct := *out.Arn, *out.UserId, *out.Account
			return &sts.GetCallerIdentityOutput{Arn: &arn, UserId: &id, Account: &acct}
		}))
		return func() (any, error) { return call(floor) }, func() (any, error) { return call(bob) }, nil
	}},
	// A user assumes a role whose trust policy names it: a session is
	// issued (a write), writeBatch sessions to a fake.
	{fakeiam.AssumeRole, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		seed := []fakeiam.Option{fakeiam.User("Bob"),
			fakeiam.Role("ci").TrustPolicy(trustOf(userARN("/", "Bob"), `"sts:AssumeRole"`, ""))}
		in := assumeInput(ciRoleARN, "build")
		call := func(c *sts.Client) (*sts.AssumeRoleOutput, error) { return c.AssumeRole(context.Background(), in) }
		newBob := func() *sts.Client { return stsOf(newFake(seed...).User("Bob").Client()) }
		bob := newBob()
		out, err := call(bob)
		warmedUp(tb, err)
		floor := stsOf(floorClient(usersFake(tb, 0), func() any {
			u := *out.AssumedRoleUser
			roleID, arn := *u.AssumedRoleId, *u.Arn
			return &sts.AssumeRoleOutput{Credentials: freshCredentials(out.Credentials),
				AssumedRoleUser: &ststypes.AssumedRoleUser{AssumedRoleId: &roleID, Arn: &arn}}
		}))
		return batched(func() *sts.Client { return floor }, newBob, func(c *sts.Client, _ int) (any, error) { return call(c) })
	}},
	// A workload trades a token of the fake's OIDC provider for a role's
	// session (a write), writeBatch sessions to a fake.
	{fakeiam.AssumeRoleWithWebIdentity, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		var in *sts.AssumeRoleWithWebIdentityInput
		newFake := func() *sts.Client {
			f := webIdentityFake(tb)
			in = webIdentityInput(tb, f, map[string]any{"aud": "sts.amazonaws.com", "sub": "repo:example/app:ref:refs/heads/main"})
			return stsOf(f.Client())
		}
		c := newFake()
		call := func(c *sts.Client) (*sts.AssumeRoleWithWebIdentityOutput, error) {
			return c.AssumeRoleWithWebIdentity(context.Background(), in)
		}
		out, err := call(c)
		warmedUp(tb, err)
		floor := stsOf(floorClient(usersFake(tb, 0), func() any {
			u := *out.AssumedRoleUser
			roleID, arn, sub, aud, provider := *u.AssumedRoleId, *u.Arn, *out.SubjectFromWebIdentityToken, *out.Audience, *out.Provider
			return &sts.AssumeRoleWithWebIdentityOutput{Credentials: freshCredentials(out.Credentials),
				AssumedRoleUser: &ststypes.AssumedRoleUser{AssumedRoleId: &roleID, Arn: &arn}, SubjectFromWebIdentityToken: &sub, Audience: &aud, Provider: &provider}
		}))
		return batched(func() *sts.Client { return floor }, newFake, func(c *sts.Client, _ int) (any, error) { return call(c) })
	}},
	// A user's session token, writeBatch to a fake.
	{fakeiam.GetSessionToken, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		call := func(c *sts.Client) (*sts.GetSessionTokenOutput, error) {
			return c.GetSessionToken(context.Background(), &sts.GetSessionTokenInput{})
		}
		newBob := func() *sts.Client { return stsOf(newFake(fakeiam.User("Bob")).User("Bob").Client()) }
		bob := newBob()
		out, err := call(bob)
		warmedUp(tb, err)
		floor := stsOf(floorClient(usersFake(tb, 0), func() any {
			return &sts.GetSessionTokenOutput{Credentials: freshCredentials(out.Credentials)}
		}))
		return batched(func() *sts.Client { return floor }, newBob, func(c *sts.Client, _ int) (any, error) { return call(c) })
	}},
	// A federated user's credentials, writeBatch to a fake.
	{fakeiam.GetFederationToken, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		call := func(c *sts.Client) (*sts.GetFederationTokenOutput, error) {
			return c.GetFederationToken(context.Background(), &sts.GetFederationTokenInput{Name: aws.String("app")})
		}
		newBob := func() *sts.Client { return stsOf(newFake(fakeiam.User("Bob")).User("Bob").Client()) }
		bob := newBob()
		out, err := call(bob)
		warmedUp(tb, err)
		floor := stsOf(floorClient(usersFake(tb, 0), func() any {
			u := *out.FederatedUser
			userID, arn, packed := *u.FederatedUserId, *u.Arn, *out.PackedPolicySize
			return &sts.GetFederationTokenOutput{Credentials: freshCredentials(out.Credentials),
				FederatedUser: &ststypes.FederatedUser{FederatedUserId: &userID, Arn: &arn}, PackedPolicySize: &packed}
		}))
		return batched(func() *sts.Client { return floor }, newBob, func(c *sts.Client, _ int) (any, error) { return call(c) })
	}},
	// The account's STS preference, set back and forth.
	{fakeiam.SetSecurityTokenServicePreferences, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		versions := [2]types.GlobalEndpointTokenVersion{types.GlobalEndpointTokenVersionV2Token, types.GlobalEndpointTokenVersionV1Token}
		n := 0
		call := func(c *iam.Client) (*iam.SetSecurityTokenServicePreferencesOutput, error) {
			return c.SetSecurityTokenServicePreferences(context.Background(), &iam.SetSecurityTokenServicePreferencesInput{GlobalEndpointTokenVersion: versions[n%2]})
		}
		return calls(empty[iam.SetSecurityTokenServicePreferencesOutput](tb), call), calls(usersFake(tb, 0).Client(), call), func() { n++ }
	}},
	// The account's one alias.
	{fakeiam.ListAccountAliases, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := newFake(fakeiam.AccountAlias("example-corp"))
		call := func(c *iam.Client) (*iam.ListAccountAliasesOutput, error) {
			return c.ListAccountAliases(context.Background(), &iam.ListAccountAliasesInput{})
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any {
			return &iam.ListAccountAliasesOutput{AccountAliases: []string{strings.Clone(out.AccountAliases[0])}}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	// A new alias, replacing the account's: two names, alternating.
	{fakeiam.CreateAccountAlias, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		names := [2]string{"example-a", "example-b"}
		n := 0
		call := func(c *iam.Client) (*iam.CreateAccountAliasOutput, error) {
			return c.CreateAccountAlias(context.Background(), &iam.CreateAccountAliasInput{AccountAlias: aws.String(names[n%2])})
		}
		return calls(empty[iam.CreateAccountAliasOutput](tb), call), calls(newFake().Client(), call), func() { n++ }
	}},
	// The alias deleted, and created again between pairs (untimed).
	{fakeiam.DeleteAccountAlias, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		c := newFake(fakeiam.AccountAlias("example-corp")).Client()
		call := func(c *iam.Client) (*iam.DeleteAccountAliasOutput, error) {
			return c.DeleteAccountAlias(context.Background(), &iam.DeleteAccountAliasInput{AccountAlias: aws.String("example-corp")})
		}
		putBack := func() {
			_, err := c.CreateAccountAlias(context.Background(), &iam.CreateAccountAliasInput{AccountAlias: aws.String("example-corp")})
			warmedUp(tb, err)
		}
		return calls(empty[iam.DeleteAccountAliasOutput](tb), call), calls(c, call), putBack
	}},
	// The account's summary: users, a group, the root's key (the floor
	// answers the same 34 keys, a map built per call as the fake builds it).
	{fakeiam.GetAccountSummary, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := newFake(fakeiam.User("Alice"), fakeiam.User("Bob"), fakeiam.Group("admins").Members("Bob"))
		call := func(c *iam.Client) (*iam.GetAccountSummaryOutput, error) {
			return c.GetAccountSummary(context.Background(), &iam.GetAccountSummaryInput{})
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any {
			return &iam.GetAccountSummaryOutput{SummaryMap: maps.Clone(out.SummaryMap)}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},

	// Groups (groups.go).
	{fakeiam.CreateGroup, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		names := make([]string, writeBatch)
		for k := range names {
			names[k] = fmt.Sprintf("group%04d", k)
		}
		call := func(c *iam.Client, k int) (any, error) {
			return c.CreateGroup(context.Background(), &iam.CreateGroupInput{GroupName: &names[k]})
		}
		fresh := func() *iam.Client { return groupsFake(tb, 0, 0).Client() }
		out, err := fresh().CreateGroup(context.Background(), &iam.CreateGroupInput{GroupName: &names[0]})
		warmedUp(tb, err)
		floor := func() *iam.Client {
			return floorClient(usersFake(tb, 0), func() any { return &iam.CreateGroupOutput{Group: &copyGroups([]types.Group{*out.Group})[0]} })
		}
		return batched(floor, fresh, call)
	}},
	{fakeiam.DeleteGroup, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return batched(func() *iam.Client { return empty[iam.DeleteGroupOutput](tb) }, func() *iam.Client { return groupsFake(tb, writeBatch, 0).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.DeleteGroup(context.Background(), &iam.DeleteGroupInput{GroupName: aws.String(fmt.Sprintf("group%04d", k))})
			})
	}},
	// A 100-user page of a group of 100: IAM's default page size.
	{fakeiam.GetGroup, budgetPage, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := groupsFake(tb, 1, 100)
		call := func(c *iam.Client) (*iam.GetGroupOutput, error) {
			return c.GetGroup(context.Background(), &iam.GetGroupInput{GroupName: aws.String("group0000")})
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		if len(out.Users) != 100 || out.IsTruncated {
			tb.Fatalf("the page: %d users, truncated %v; want 100, false", len(out.Users), out.IsTruncated)
		}
		floor := floorClient(usersFake(tb, 0), func() any {
			return &iam.GetGroupOutput{Group: &copyGroups([]types.Group{*out.Group})[0], Users: copyUsers(out.Users)}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	// A 100-group page.
	{fakeiam.ListGroups, budgetPage, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := groupsFake(tb, 100, 0)
		call := func(c *iam.Client) (*iam.ListGroupsOutput, error) {
			return c.ListGroups(context.Background(), &iam.ListGroupsInput{})
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		if len(out.Groups) != 100 || out.IsTruncated {
			tb.Fatalf("the page: %d groups, truncated %v; want 100, false", len(out.Groups), out.IsTruncated)
		}
		floor := floorClient(usersFake(tb, 0), func() any { return &iam.ListGroupsOutput{Groups: copyGroups(out.Groups)} })
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	// Ten groups: the most a user is in (IAM's quota).
	{fakeiam.ListGroupsForUser, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := groupsFake(tb, 10, 1)
		call := func(c *iam.Client) (*iam.ListGroupsForUserOutput, error) {
			return c.ListGroupsForUser(context.Background(), &iam.ListGroupsForUserInput{UserName: aws.String("member000")})
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		if len(out.Groups) != 10 {
			tb.Fatalf("the page: %d groups, want 10", len(out.Groups))
		}
		floor := floorClient(usersFake(tb, 0), func() any { return &iam.ListGroupsForUserOutput{Groups: copyGroups(out.Groups)} })
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	{fakeiam.UpdateGroup, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		n := 0
		call := func(c *iam.Client) (*iam.UpdateGroupOutput, error) {
			return c.UpdateGroup(context.Background(), &iam.UpdateGroupInput{GroupName: aws.String("group0004"), NewPath: aws.String(fmt.Sprintf("/p%d/", n%2))})
		}
		return calls(empty[iam.UpdateGroupOutput](tb), call), calls(groupsFake(tb, 10, 10).Client(), call), func() { n++ }
	}},
	// A user of ten added to a group of ten, and taken out between pairs
	// (untimed).
	{fakeiam.AddUserToGroup, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		c := groupsFake(tb, 2, 10).Client()
		in := &iam.AddUserToGroupInput{GroupName: aws.String("group0001"), UserName: aws.String("member010")}
		call := func(c *iam.Client) (*iam.AddUserToGroupOutput, error) {
			return c.AddUserToGroup(context.Background(), in)
		}
		takeOut := func() {
			_, err := c.RemoveUserFromGroup(context.Background(), &iam.RemoveUserFromGroupInput{GroupName: in.GroupName, UserName: in.UserName})
			warmedUp(tb, err)
		}
		return calls(empty[iam.AddUserToGroupOutput](tb), call), calls(c, call), takeOut
	}},
	// A member of a group of ten taken out, and put back between pairs
	// (untimed).
	{fakeiam.RemoveUserFromGroup, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		c := groupsFake(tb, 1, 10).Client()
		in := &iam.RemoveUserFromGroupInput{GroupName: aws.String("group0000"), UserName: aws.String("member005")}
		call := func(c *iam.Client) (*iam.RemoveUserFromGroupOutput, error) {
			return c.RemoveUserFromGroup(context.Background(), in)
		}
		putBack := func() {
			_, err := c.AddUserToGroup(context.Background(), &iam.AddUserToGroupInput{GroupName: in.GroupName, UserName: in.UserName})
			warmedUp(tb, err)
		}
		return calls(empty[iam.RemoveUserFromGroupOutput](tb), call), calls(c, call), putBack
	}},
	// SSH public keys: users with two keys each (sshKeysFake), a page of
	// five (IAM's quota), uploads of 2048-bit keys in OpenSSH form.
	{fakeiam.UploadSSHPublicKey, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		users, _ := pairs("", 0)
		bodies := make([]string, writeBatch)
		for k := range bodies {
			bodies[k] = sshKeyNamed(fmt.Sprint("bench ", k))
		}
		fresh := func() *iam.Client {
			return seeded(tb, users, func(u *fakeiam.PrincipalSeed, _ int) *fakeiam.PrincipalSeed { return u }).Client()
		}
		call := func(c *iam.Client, k int) (any, error) {
			return c.UploadSSHPublicKey(context.Background(), &iam.UploadSSHPublicKeyInput{UserName: &users[k], SSHPublicKeyBody: &bodies[k]})
		}
		got, err := call(fresh(), 0)
		warmedUp(tb, err)
		out := got.(*iam.UploadSSHPublicKeyOutput)
		floor := func() *iam.Client {
			return floorClient(usersFake(tb, 0), func() any { return &iam.UploadSSHPublicKeyOutput{SSHPublicKey: copySSHKey(out.SSHPublicKey)} })
		}
		return batched(floor, fresh, call)
	}},
	{fakeiam.GetSSHPublicKey, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := sshKeysFake(tb, 5)
		in := &iam.GetSSHPublicKeyInput{UserName: aws.String("user0000"), SSHPublicKeyId: aws.String("APKABENCH000000000000"), Encoding: types.EncodingTypeSsh}
		call := func(c *iam.Client) (*iam.GetSSHPublicKeyOutput, error) {
			return c.GetSSHPublicKey(context.Background(), in)
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any { return &iam.GetSSHPublicKeyOutput{SSHPublicKey: copySSHKey(out.SSHPublicKey)} })
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	{fakeiam.ListSSHPublicKeys, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := sshKeysFake(tb, 5)
		in := &iam.ListSSHPublicKeysInput{UserName: aws.String("user0000")}
		call := func(c *iam.Client) (*iam.ListSSHPublicKeysOutput, error) {
			return c.ListSSHPublicKeys(context.Background(), in)
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any {
			keys := make([]types.SSHPublicKeyMetadata, len(out.SSHPublicKeys))
			strs, dates := make([]string, 2*len(keys)), make([]time.Time, len(keys))
			for i, k := range out.SSHPublicKeys {
				strs[2*i], strs[2*i+1], dates[i] = *k.UserName, *k.SSHPublicKeyId, *k.UploadDate
				keys[i] = types.SSHPublicKeyMetadata{UserName: &strs[2*i], SSHPublicKeyId: &strs[2*i+1], Status: k.Status, UploadDate: &dates[i]}
			}
			return &iam.ListSSHPublicKeysOutput{SSHPublicKeys: keys}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	{fakeiam.UpdateSSHPublicKey, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		statuses := [2]types.StatusType{types.StatusTypeInactive, types.StatusTypeActive}
		n := 0
		call := func(c *iam.Client) (*iam.UpdateSSHPublicKeyOutput, error) {
			return c.UpdateSSHPublicKey(context.Background(), &iam.UpdateSSHPublicKeyInput{UserName: aws.String("user0000"),
				SSHPublicKeyId: aws.String("APKABENCH000000000000"), Status: statuses[n%2]})
		}
		return calls(empty[iam.UpdateSSHPublicKeyOutput](tb), call), calls(sshKeysFake(tb, 2).Client(), call), func() { n++ }
	}},
	{fakeiam.DeleteSSHPublicKey, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		users, ids := pairs("APKABENCH", 12)
		return batched(func() *iam.Client { return empty[iam.DeleteSSHPublicKeyOutput](tb) }, func() *iam.Client { return sshKeysFake(tb, 2).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.DeleteSSHPublicKey(context.Background(), &iam.DeleteSSHPublicKeyInput{UserName: &users[k], SSHPublicKeyId: &ids[k]})
			})
	}},
	// Service-specific credentials: users with a CodeCommit and a Keyspaces
	// credential each (sscFake); creates of a user's first CodeCommit one.
	{fakeiam.CreateServiceSpecificCredential, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		users, twice := make([]string, writeBatch), make([]string, 2*writeBatch) // a user a create: each one's first
		for k := range users {
			users[k] = fmt.Sprintf("user%04d", k)
			twice[2*k], twice[2*k+1] = users[k], users[k]
		}
		fresh := func() *iam.Client {
			return seeded(tb, twice, func(u *fakeiam.PrincipalSeed, _ int) *fakeiam.PrincipalSeed { return u }).Client()
		}
		call := func(c *iam.Client, k int) (any, error) {
			return c.CreateServiceSpecificCredential(context.Background(), &iam.CreateServiceSpecificCredentialInput{UserName: &users[k], ServiceName: aws.String("codecommit.amazonaws.com")})
		}
		got, err := call(fresh(), 0)
		warmedUp(tb, err)
		out := got.(*iam.CreateServiceSpecificCredentialOutput)
		floor := func() *iam.Client {
			return floorClient(usersFake(tb, 0), func() any {
				return &iam.CreateServiceSpecificCredentialOutput{ServiceSpecificCredential: copySSC(out.ServiceSpecificCredential)}
			})
		}
		return batched(floor, fresh, call)
	}},
	{fakeiam.ListServiceSpecificCredentials, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := sscFake(tb)
		in := &iam.ListServiceSpecificCredentialsInput{UserName: aws.String("user0000")}
		call := func(c *iam.Client) (*iam.ListServiceSpecificCredentialsOutput, error) {
			return c.ListServiceSpecificCredentials(context.Background(), in)
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any {
			cs := make([]types.ServiceSpecificCredentialMetadata, len(out.ServiceSpecificCredentials))
			strs, dates := make([]string, 4*len(cs)), make([]time.Time, len(cs))
			for i, c := range out.ServiceSpecificCredentials {
				s := strs[4*i : 4*i+4]
				s[0], s[1], s[2], s[3], dates[i] = *c.UserName, *c.ServiceSpecificCredentialId, *c.ServiceName, *c.ServiceUserName, *c.CreateDate
				cs[i] = types.ServiceSpecificCredentialMetadata{UserName: &s[0], ServiceSpecificCredentialId: &s[1], ServiceName: &s[2], ServiceUserName: &s[3], Status: c.Status, CreateDate: &dates[i]}
			}
			return &iam.ListServiceSpecificCredentialsOutput{ServiceSpecificCredentials: cs}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	{fakeiam.UpdateServiceSpecificCredential, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		statuses := [2]types.StatusType{types.StatusTypeInactive, types.StatusTypeActive}
		n := 0
		call := func(c *iam.Client) (*iam.UpdateServiceSpecificCredentialOutput, error) {
			return c.UpdateServiceSpecificCredential(context.Background(), &iam.UpdateServiceSpecificCredentialInput{UserName: aws.String("user0000"),
				ServiceSpecificCredentialId: aws.String("ACCABENCH000000000000"), Status: statuses[n%2]})
		}
		return calls(empty[iam.UpdateServiceSpecificCredentialOutput](tb), call), calls(sscFake(tb).Client(), call), func() { n++ }
	}},
	{fakeiam.ResetServiceSpecificCredential, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := sscFake(tb)
		in := &iam.ResetServiceSpecificCredentialInput{UserName: aws.String("user0000"), ServiceSpecificCredentialId: aws.String("ACCABENCH000000000000")}
		call := func(c *iam.Client) (*iam.ResetServiceSpecificCredentialOutput, error) {
			return c.ResetServiceSpecificCredential(context.Background(), in)
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any {
			return &iam.ResetServiceSpecificCredentialOutput{ServiceSpecificCredential: copySSC(out.ServiceSpecificCredential)}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	{fakeiam.DeleteServiceSpecificCredential, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		users, ids := pairs("ACCABENCH", 12)
		return batched(func() *iam.Client { return empty[iam.DeleteServiceSpecificCredentialOutput](tb) }, func() *iam.Client { return sscFake(tb).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.DeleteServiceSpecificCredential(context.Background(), &iam.DeleteServiceSpecificCredentialInput{UserName: &users[k], ServiceSpecificCredentialId: &ids[k]})
			})
	}},

	// The credential report (credential_report.go). Generate: the call that
	// starts a report, in seedUsers' account (two users and the root), the
	// fake's time moved four hours between pairs (untimed) so each starts a
	// new one; BenchmarkGenerateCredentialReport measures 10,000 users.
	{fakeiam.GenerateCredentialReport, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := newFake(seedUsers()...)
		call := func(c *iam.Client) (*iam.GenerateCredentialReportOutput, error) {
			return c.GenerateCredentialReport(context.Background(), &iam.GenerateCredentialReportInput{})
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any {
			return &iam.GenerateCredentialReportOutput{State: out.State, Description: aws.String(strings.Clone(*out.Description))}
		})
		next := func() {
			if err := f.Advance(4 * time.Hour); err != nil {
				tb.Fatal(err)
			}
		}
		next()
		return calls(floor, call), calls(f.Client(), call), next
	}},
	// Get: the report of 10,000 users (issue 16's budget: 1.5 × a floor
	// returning the same report bytes, a fresh copy each call).
	{fakeiam.GetCredentialReport, budgetReport, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := reportFake(tb, reportUsers)
		call := func(c *iam.Client) (*iam.GetCredentialReportOutput, error) {
			return c.GetCredentialReport(context.Background(), &iam.GetCredentialReportInput{})
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any {
			s := new(struct {
				out       iam.GetCredentialReportOutput
				generated time.Time
			})
			s.generated = *out.GeneratedTime
			s.out = iam.GetCredentialReportOutput{Content: bytes.Clone(out.Content), ReportFormat: out.ReportFormat, GeneratedTime: &s.generated}
			return &s.out
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	// Inline policies (inline_policies.go): users with two policies each
	// and groups with two each (inlineFake, groupPoliciesFake); puts of a
	// 2 KB document (the user quota); a list of the 20 names a user's
	// quota holds of small documents.
	{fakeiam.PutUserPolicy, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		users, _ := pairs("", 0)
		doc := sizedDoc(2048, 0)
		fresh := func() *iam.Client {
			return seeded(tb, users, func(u *fakeiam.PrincipalSeed, _ int) *fakeiam.PrincipalSeed { return u }).Client()
		}
		return batched(func() *iam.Client { return empty[iam.PutUserPolicyOutput](tb) }, fresh, func(c *iam.Client, k int) (any, error) {
			return c.PutUserPolicy(context.Background(), &iam.PutUserPolicyInput{UserName: &users[k], PolicyName: aws.String("bench"), PolicyDocument: &doc})
		})
	}},
	{fakeiam.GetUserPolicy, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := inlineFake(tb)
		in := &iam.GetUserPolicyInput{UserName: aws.String("user0000"), PolicyName: aws.String("pol0000")}
		call := func(c *iam.Client) (*iam.GetUserPolicyOutput, error) {
			return c.GetUserPolicy(context.Background(), in)
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any {
			s := [3]string{*out.UserName, *out.PolicyName, *out.PolicyDocument}
			return &iam.GetUserPolicyOutput{UserName: &s[0], PolicyName: &s[1], PolicyDocument: &s[2]}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	{fakeiam.ListUserPolicies, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		u := fakeiam.User("lister")
		for i := range 20 {
			u = u.InlinePolicy(fmt.Sprintf("policy%02d", i), `{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`)
		}
		f, err := newFakeE(u)
		if err != nil {
			tb.Fatal(err)
		}
		in := &iam.ListUserPoliciesInput{UserName: aws.String("lister")}
		call := func(c *iam.Client) (*iam.ListUserPoliciesOutput, error) {
			return c.ListUserPolicies(context.Background(), in)
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		if len(out.PolicyNames) != 20 {
			tb.Fatalf("the page: %d names, want 20", len(out.PolicyNames))
		}
		floor := floorClient(usersFake(tb, 0), func() any { return &iam.ListUserPoliciesOutput{PolicyNames: slices.Clone(out.PolicyNames)} })
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	{fakeiam.DeleteUserPolicy, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		users, names := pairs("pol", 4)
		return batched(func() *iam.Client { return empty[iam.DeleteUserPolicyOutput](tb) }, func() *iam.Client { return inlineFake(tb).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.DeleteUserPolicy(context.Background(), &iam.DeleteUserPolicyInput{UserName: &users[k], PolicyName: &names[k]})
			})
	}},
	{fakeiam.PutGroupPolicy, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		doc := sizedDoc(2048, 0)
		return batched(func() *iam.Client { return empty[iam.PutGroupPolicyOutput](tb) }, func() *iam.Client { return groupsFake(tb, writeBatch, 0).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.PutGroupPolicy(context.Background(), &iam.PutGroupPolicyInput{GroupName: aws.String(fmt.Sprintf("group%04d", k)), PolicyName: aws.String("bench"), PolicyDocument: &doc})
			})
	}},
	{fakeiam.GetGroupPolicy, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := groupPoliciesFake(tb)
		in := &iam.GetGroupPolicyInput{GroupName: aws.String("group0000"), PolicyName: aws.String("pol0000")}
		call := func(c *iam.Client) (*iam.GetGroupPolicyOutput, error) {
			return c.GetGroupPolicy(context.Background(), in)
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any {
			s := [3]string{*out.GroupName, *out.PolicyName, *out.PolicyDocument}
			return &iam.GetGroupPolicyOutput{GroupName: &s[0], PolicyName: &s[1], PolicyDocument: &s[2]}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	{fakeiam.ListGroupPolicies, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := groupPoliciesFake(tb)
		in := &iam.ListGroupPoliciesInput{GroupName: aws.String("group0000")}
		call := func(c *iam.Client) (*iam.ListGroupPoliciesOutput, error) {
			return c.ListGroupPolicies(context.Background(), in)
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any { return &iam.ListGroupPoliciesOutput{PolicyNames: slices.Clone(out.PolicyNames)} })
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	{fakeiam.DeleteGroupPolicy, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		_, names := pairs("pol", 4)
		return batched(func() *iam.Client { return empty[iam.DeleteGroupPolicyOutput](tb) }, func() *iam.Client { return groupPoliciesFake(tb).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.DeleteGroupPolicy(context.Background(), &iam.DeleteGroupPolicyInput{GroupName: aws.String(fmt.Sprintf("group%04d", k/2)), PolicyName: &names[k]})
			})
	}},
}

// budgetReport is GetCredentialReport's budget for a 10,000-user report
// (issue 16).
const budgetReport = 1.5

// reportUsers is how many users the report's benchmarks hold.
const reportUsers = 10000

// reportFake seeds n users, each with an access key, and a credential
// report of them generated at the fake's time.
func reportFake(tb testing.TB, n int) *fakeiam.Fake {
	tb.Helper()
	opts := make([]fakeiam.Option, 0, n+1)
	for i := range n {
		opts = append(opts, fakeiam.User(fmt.Sprintf("user%05d", i)).AccessKey(fakeiam.AccessKey{ID: fmt.Sprintf("AKIAREPORT%010d", i), Secret: "secret"}))
	}
	f, err := newFakeE(append(opts, fakeiam.CredentialReportGeneratedAt(testNow))...)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// inlineFake seeds the users of pairs with two inline policies each
// (pol0000 and pol0001 for user0000, ...).
func inlineFake(tb testing.TB) *fakeiam.Fake {
	users, names := pairs("pol", 4)
	return seeded(tb, users, func(u *fakeiam.PrincipalSeed, k int) *fakeiam.PrincipalSeed {
		return u.InlinePolicy(names[k], s3Doc).InlinePolicy(names[k+1], prettyDoc)
	})
}

// groupPoliciesFake seeds groups group0000... with two inline policies
// each, named as inlineFake names a user's.
func groupPoliciesFake(tb testing.TB) *fakeiam.Fake {
	tb.Helper()
	_, names := pairs("pol", 4)
	opts := []fakeiam.Option{fakeiam.GroupsPerAccount(writeBatch)}
	for k := 0; k < writeBatch; k += 2 {
		opts = append(opts, fakeiam.Group(fmt.Sprintf("group%04d", k/2)).InlinePolicy(names[k], s3Doc).InlinePolicy(names[k+1], prettyDoc))
	}
	f, err := newFakeE(opts...)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// groupsFake seeds groups group0000..., under a lifted account quota, the
// first members users member000... in every group, and one more user than
// that (in none).
func groupsFake(tb testing.TB, groups, members int) *fakeiam.Fake {
	tb.Helper()
	opts := []fakeiam.Option{fakeiam.GroupsPerAccount(writeBatch + 300)}
	names := make([]string, members+1)
	for i := range names {
		names[i] = fmt.Sprintf("member%03d", i)
		opts = append(opts, fakeiam.User(names[i]))
	}
	for i := range groups {
		opts = append(opts, fakeiam.Group(fmt.Sprintf("group%04d", i)).Members(names[:members]...))
	}
	f, err := newFakeE(opts...)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// copyGroups is the cheapest faithful copy of groups.
func copyGroups(in []types.Group) []types.Group {
	out := make([]types.Group, len(in))
	strs, dates := make([]string, 4*len(in)), make([]time.Time, len(in))
	for i, g := range in {
		s := strs[4*i : 4*i+4]
		s[0], s[1], s[2], s[3], dates[i] = *g.Path, *g.GroupName, *g.GroupId, *g.Arn, *g.CreateDate
		out[i] = types.Group{Path: &s[0], GroupName: &s[1], GroupId: &s[2], Arn: &s[3], CreateDate: &dates[i]}
	}
	return out
}

// sshKeysFake seeds the users of pairs with two SSH public keys each, ids
// APKABENCH and 12 digits (the k-th of pairs' ids), default bodies; with
// perUser 5, user0000 holds three more.
func sshKeysFake(tb testing.TB, perUser int) *fakeiam.Fake {
	users, ids := pairs("APKABENCH", 12)
	return seeded(tb, users, func(u *fakeiam.PrincipalSeed, k int) *fakeiam.PrincipalSeed {
		u = u.SSHPublicKey(fakeiam.SSHPublicKey{ID: ids[k]}, fakeiam.SSHPublicKey{ID: ids[k+1]})
		if k == 0 {
			for range perUser - 2 {
				u = u.SSHPublicKey(fakeiam.SSHPublicKey{})
			}
		}
		return u
	})
}

// copySSHKey is the cheapest faithful copy of an SSH public key.
func copySSHKey(k *types.SSHPublicKey) *types.SSHPublicKey {
	s := new(struct {
		key                         types.SSHPublicKey
		user, id, fingerprint, body string
		uploaded                    time.Time
	})
	s.user, s.id, s.fingerprint, s.body, s.uploaded = *k.UserName, *k.SSHPublicKeyId, *k.Fingerprint, *k.SSHPublicKeyBody, *k.UploadDate
	s.key = types.SSHPublicKey{UserName: &s.user, SSHPublicKeyId: &s.id, Fingerprint: &s.fingerprint, SSHPublicKeyBody: &s.body, Status: k.Status, UploadDate: &s.uploaded}
	return &s.key
}

// tagsFake seeds user Bob with n tags, key00 to key<n-1>.
func tagsFake(tb testing.TB, n int) *fakeiam.Fake {
	tb.Helper()
	bob := fakeiam.User("Bob")
	for i := range n {
		bob = bob.Tag(fmt.Sprintf("key%02d", i), "value")
	}
	f, err := newFakeE(bob)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// TestPairedRatiosCoverEveryOperation: every implemented operation has a
// row, and each row's two sides answer alike (the floor its copy of the
// fake's answer: the same strings up to generated ids, the same dates and
// statuses).
func TestPairedRatiosCoverEveryOperation(t *testing.T) {
	rows := map[fakeiam.Operation]pairedRow{}
	for _, r := range pairedRows {
		if _, dup := rows[r.op]; dup {
			t.Errorf("%s: two rows", r.op)
		}
		rows[r.op] = r
	}
	for _, op := range fakeiam.Operations() {
		if _, ok := rows[op]; !ok {
			t.Errorf("%s is implemented and has no row in pairedRows (BenchmarkPairedRatios/op)", op)
		}
		delete(rows, op)
	}
	for op := range rows {
		t.Errorf("%s has a row and is not implemented", op)
	}
	sameShape := cmp.Options{cmpOutputs, cmp.Comparer(func(x, y string) bool { return len(x) == len(y) })}
	for _, r := range pairedRows {
		t.Run(string(r.op), func(t *testing.T) {
			floor, fake, next := r.setup(t)
			for range 2 {
				want, err := floor()
				if err != nil {
					t.Fatalf("floor: %v", err)
				}
				got, err := fake()
				if err != nil {
					t.Fatalf("fake: %v", err)
				}
				if diff := cmp.Diff(want, got, sameShape); diff != "" {
					t.Errorf("the floor's answer and the fake's differ (-floor +fake):\n%s", diff)
				}
				if floorID, fakeID := answerRequestID(want), answerRequestID(got); len(floorID) != len(fakeID) || fakeID == "" {
					t.Errorf("request ids: the floor's %q, the fake's %q; want both, of one length", floorID, fakeID)
				}
				if next != nil {
					next()
				}
			}
		})
	}
}

// answerRequestID is the request id in an output's ResultMetadata.
func answerRequestID(out any) string {
	id, _ := awsmiddleware.GetRequestIDMetadata(resultMetadata(out))
	return id
}

// Passwords: the rows of passwords.go's operations.
func init() { pairedRows = append(pairedRows, passwordRows...) }

// loginsFake seeds users user000 to user<n-1>, each with a login profile
// (password benchPassword) and, for user000, an access key.
func loginsFake(tb testing.TB, n int) *fakeiam.Fake {
	tb.Helper()
	opts := make([]fakeiam.Option, n, n+1)
	for i := range opts {
		opts[i] = fakeiam.User(fmt.Sprintf("user%03d", i)).LoginProfile(fakeiam.LoginProfile{Password: benchPasswords[0]})
	}
	opts[0] = opts[0].(*fakeiam.PrincipalSeed).AccessKey(bobKey)
	opts = append(opts, fakeiam.PasswordPolicy(iam.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: aws.Int32(10), RequireSymbols: true}))
	f, err := newFakeE(opts...)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// benchPasswords alternate: each call sets the other.
var benchPasswords = [2]string{"Bench-pass-01", "Bench-pass-02"}

func copyProfile(p *types.LoginProfile) *types.LoginProfile {
	s := new(struct {
		p       types.LoginProfile
		name    string
		created time.Time
	})
	s.name, s.created = *p.UserName, *p.CreateDate
	s.p = types.LoginProfile{UserName: &s.name, CreateDate: &s.created, PasswordResetRequired: p.PasswordResetRequired}
	return &s.p
}

var passwordRows = []pairedRow{
	{fakeiam.CreateLoginProfile, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		call := func(c *iam.Client, k int) (any, error) {
			return c.CreateLoginProfile(context.Background(), &iam.CreateLoginProfileInput{UserName: aws.String(fmt.Sprintf("user%03d", k)),
				Password: &benchPasswords[k%2]})
		}
		got, err := call(usersFake(tb, 1).Client(), 0)
		warmedUp(tb, err)
		out := got.(*iam.CreateLoginProfileOutput)
		floor := func() *iam.Client {
			return floorClient(usersFake(tb, 0), func() any { return &iam.CreateLoginProfileOutput{LoginProfile: copyProfile(out.LoginProfile)} })
		}
		return batched(floor, func() *iam.Client { return usersFake(tb, writeBatch).Client() }, call)
	}},
	{fakeiam.GetLoginProfile, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := loginsFake(tb, 100)
		in := &iam.GetLoginProfileInput{UserName: aws.String("user042")}
		call := func(c *iam.Client) (*iam.GetLoginProfileOutput, error) {
			return c.GetLoginProfile(context.Background(), in)
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any { return &iam.GetLoginProfileOutput{LoginProfile: copyProfile(out.LoginProfile)} })
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	// A new password, checked against the account's policy, hashed.
	{fakeiam.UpdateLoginProfile, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		n := 0
		call := func(c *iam.Client) (*iam.UpdateLoginProfileOutput, error) {
			return c.UpdateLoginProfile(context.Background(), &iam.UpdateLoginProfileInput{UserName: aws.String("user042"), Password: &benchPasswords[n%2]})
		}
		return calls(empty[iam.UpdateLoginProfileOutput](tb), call), calls(loginsFake(tb, 100).Client(), call), func() { n++ }
	}},
	{fakeiam.DeleteLoginProfile, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return batched(func() *iam.Client { return empty[iam.DeleteLoginProfileOutput](tb) }, func() *iam.Client { return loginsFake(tb, writeBatch).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.DeleteLoginProfile(context.Background(), &iam.DeleteLoginProfileInput{UserName: aws.String(fmt.Sprintf("user%03d", k))})
			})
	}},
	// The caller's own: the old password checked, the new one hashed.
	{fakeiam.ChangePassword, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		n := 0
		call := func(c *iam.Client) (*iam.ChangePasswordOutput, error) {
			return c.ChangePassword(context.Background(), &iam.ChangePasswordInput{OldPassword: &benchPasswords[n%2], NewPassword: &benchPasswords[(n+1)%2]})
		}
		return calls(empty[iam.ChangePasswordOutput](tb), call), calls(loginsFake(tb, 100).ClientWithAccessKey(bobKey.ID), call), func() { n++ }
	}},
	{fakeiam.GetAccountPasswordPolicy, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := loginsFake(tb, 1)
		call := func(c *iam.Client) (*iam.GetAccountPasswordPolicyOutput, error) {
			return c.GetAccountPasswordPolicy(context.Background(), &iam.GetAccountPasswordPolicyInput{})
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any {
			p := *out.PasswordPolicy
			p.MinimumPasswordLength = aws.Int32(*p.MinimumPasswordLength)
			return &iam.GetAccountPasswordPolicyOutput{PasswordPolicy: &p}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	{fakeiam.UpdateAccountPasswordPolicy, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		in := &iam.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: aws.Int32(14), RequireSymbols: true, RequireNumbers: true,
			PasswordReusePrevention: aws.Int32(24), MaxPasswordAge: aws.Int32(90)}
		call := func(c *iam.Client) (*iam.UpdateAccountPasswordPolicyOutput, error) {
			return c.UpdateAccountPasswordPolicy(context.Background(), in)
		}
		return calls(empty[iam.UpdateAccountPasswordPolicyOutput](tb), call), calls(loginsFake(tb, 1).Client(), call), nil
	}},
	// The policy put back between pairs, untimed.
	{fakeiam.DeleteAccountPasswordPolicy, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		c := loginsFake(tb, 1).Client()
		call := func(c *iam.Client) (*iam.DeleteAccountPasswordPolicyOutput, error) {
			return c.DeleteAccountPasswordPolicy(context.Background(), &iam.DeleteAccountPasswordPolicyInput{})
		}
		putBack := func() {
			_, err := c.UpdateAccountPasswordPolicy(context.Background(), &iam.UpdateAccountPasswordPolicyInput{})
			warmedUp(tb, err)
		}
		return calls(empty[iam.DeleteAccountPasswordPolicyOutput](tb), call), calls(c, call), putBack
	}},
}

// sscFake seeds the users of pairs with a CodeCommit and a Keyspaces
// credential each, ids ACCABENCH and 12 digits (the k-th of pairs' ids).
func sscFake(tb testing.TB) *fakeiam.Fake {
	users, ids := pairs("ACCABENCH", 12)
	return seeded(tb, users, func(u *fakeiam.PrincipalSeed, k int) *fakeiam.PrincipalSeed {
		return u.ServiceCredential(fakeiam.ServiceCredential{ID: ids[k], Service: "codecommit.amazonaws.com"},
			fakeiam.ServiceCredential{ID: ids[k+1], Service: "cassandra.amazonaws.com"})
	})
}

// copySSC is the cheapest faithful copy of a CodeCommit or Keyspaces
// credential with its password.
func copySSC(c *types.ServiceSpecificCredential) *types.ServiceSpecificCredential {
	s := new(struct {
		c                                 types.ServiceSpecificCredential
		user, id, service, name, password string
		created                           time.Time
	})
	s.user, s.id, s.service, s.name, s.password, s.created = *c.UserName, *c.ServiceSpecificCredentialId, *c.ServiceName, *c.ServiceUserName, *c.ServicePassword, *c.CreateDate
	s.c = types.ServiceSpecificCredential{UserName: &s.user, ServiceSpecificCredentialId: &s.id, ServiceName: &s.service, ServiceUserName: &s.name,
		ServicePassword: &s.password, Status: c.Status, CreateDate: &s.created}
	return &s.c
}

// MFA devices (mfa_devices_test.go): writeBatch users user0000..., each
// with a device dev0000... of one known seed (mfaFake), enabled or not.
func init() { pairedRows = append(pairedRows, mfaRows...) }

const benchMFASeed = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

func mfaFake(tb testing.TB, enabled bool) *fakeiam.Fake {
	tb.Helper()
	opts := make([]fakeiam.Option, 0, 2*writeBatch)
	for k := range writeBatch {
		user := fmt.Sprintf("user%04d", k)
		d := fakeiam.VirtualMFADevice(fmt.Sprintf("dev%04d", k)).Seed(benchMFASeed).Tag("team", "ops").Tag("env", "prod")
		if enabled {
			d = d.EnabledFor(user)
		}
		opts = append(opts, fakeiam.User(user), d)
	}
	f, err := newFakeE(opts...)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// benchMFANames are mfaFake's users and the serial numbers of their
// devices.
func benchMFANames() (users, serials []string) {
	users, serials = make([]string, writeBatch), make([]string, writeBatch)
	for k := range serials {
		users[k], serials[k] = fmt.Sprintf("user%04d", k), fmt.Sprintf("arn:aws:iam::123456789012:mfa/dev%04d", k)
	}
	return users, serials
}

// benchCodes are two consecutive codes of benchMFASeed at the fake's time.
func benchCodes(tb testing.TB) (string, string) {
	c1, err1 := fakeiam.MFACode(benchMFASeed, testNow.Add(-30*time.Second))
	c2, err2 := fakeiam.MFACode(benchMFASeed, testNow)
	if err1 != nil || err2 != nil {
		tb.Fatal(err1, err2)
	}
	return c1, c2
}

var mfaRows = []pairedRow{
	{fakeiam.CreateVirtualMFADevice, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		names := make([]string, writeBatch)
		for k := range names {
			names[k] = fmt.Sprintf("new%04d", k)
		}
		call := func(c *iam.Client, k int) (any, error) {
			return c.CreateVirtualMFADevice(context.Background(), &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: &names[k]})
		}
		// A fresh fake's k-th create is the same in every batch (seeds come
		// from the fake's seed and a counter): the floor answers a copy of
		// it, made once.
		warm := usersFake(tb, 0).Client()
		outs := make([]*types.VirtualMFADevice, writeBatch)
		for k := range outs {
			got, err := call(warm, k)
			warmedUp(tb, err)
			outs[k] = got.(*iam.CreateVirtualMFADeviceOutput).VirtualMFADevice
		}
		floor := func() *iam.Client {
			k := 0
			return floorClient(usersFake(tb, 0), func() any {
				out := outs[k%writeBatch]
				k++
				s := *out.SerialNumber
				return &iam.CreateVirtualMFADeviceOutput{VirtualMFADevice: &types.VirtualMFADevice{SerialNumber: &s,
					Base32StringSeed: append([]byte(nil), out.Base32StringSeed...), QRCodePNG: append([]byte(nil), out.QRCodePNG...)}}
			})
		}
		return batched(floor, func() *iam.Client { return usersFake(tb, 0).Client() }, call)
	}},
	{fakeiam.EnableMFADevice, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		users, serials := benchMFANames()
		c1, c2 := benchCodes(tb)
		return batched(func() *iam.Client { return empty[iam.EnableMFADeviceOutput](tb) }, func() *iam.Client { return mfaFake(tb, false).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.EnableMFADevice(context.Background(), &iam.EnableMFADeviceInput{UserName: &users[k], SerialNumber: &serials[k], AuthenticationCode1: &c1, AuthenticationCode2: &c2})
			})
	}},
	{fakeiam.ResyncMFADevice, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		c1, c2 := benchCodes(tb)
		users, serials := benchMFANames()
		in := &iam.ResyncMFADeviceInput{UserName: &users[0], SerialNumber: &serials[0], AuthenticationCode1: &c1, AuthenticationCode2: &c2}
		call := func(c *iam.Client) (*iam.ResyncMFADeviceOutput, error) {
			return c.ResyncMFADevice(context.Background(), in)
		}
		return calls(empty[iam.ResyncMFADeviceOutput](tb), call), calls(mfaFake(tb, true).Client(), call), nil
	}},
	{fakeiam.DeactivateMFADevice, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		users, serials := benchMFANames()
		return batched(func() *iam.Client { return empty[iam.DeactivateMFADeviceOutput](tb) }, func() *iam.Client { return mfaFake(tb, true).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.DeactivateMFADevice(context.Background(), &iam.DeactivateMFADeviceInput{UserName: &users[k], SerialNumber: &serials[k]})
			})
	}},
	{fakeiam.DeleteVirtualMFADevice, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		_, serials := benchMFANames()
		return batched(func() *iam.Client { return empty[iam.DeleteVirtualMFADeviceOutput](tb) }, func() *iam.Client { return mfaFake(tb, false).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.DeleteVirtualMFADevice(context.Background(), &iam.DeleteVirtualMFADeviceInput{SerialNumber: &serials[k]})
			})
	}},
	{fakeiam.ListMFADevices, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := mfaFake(tb, true)
		in := &iam.ListMFADevicesInput{UserName: aws.String("user0000")}
		call := func(c *iam.Client) (*iam.ListMFADevicesOutput, error) {
			return c.ListMFADevices(context.Background(), in)
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any {
			ds := make([]types.MFADevice, len(out.MFADevices))
			strs, dates := make([]string, 2*len(ds)), make([]time.Time, len(ds))
			for i, d := range out.MFADevices {
				strs[2*i], strs[2*i+1], dates[i] = *d.UserName, *d.SerialNumber, *d.EnableDate
				ds[i] = types.MFADevice{UserName: &strs[2*i], SerialNumber: &strs[2*i+1], EnableDate: &dates[i]}
			}
			return &iam.ListMFADevicesOutput{MFADevices: ds}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	// Three devices, one enabled (with its user), two not.
	{fakeiam.ListVirtualMFADevices, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f, err := newFakeE(fakeiam.User("Bob"), fakeiam.VirtualMFADevice("a").EnabledFor("Bob"), fakeiam.VirtualMFADevice("b"), fakeiam.VirtualMFADevice("c"))
		warmedUp(tb, err)
		in := &iam.ListVirtualMFADevicesInput{}
		call := func(c *iam.Client) (*iam.ListVirtualMFADevicesOutput, error) {
			return c.ListVirtualMFADevices(context.Background(), in)
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any {
			ds := make([]types.VirtualMFADevice, len(out.VirtualMFADevices))
			for i, d := range out.VirtualMFADevices {
				s := *d.SerialNumber
				ds[i] = types.VirtualMFADevice{SerialNumber: &s}
				if d.User != nil {
					u := new(struct {
						u                   types.User
						path, name, id, arn string
						created, enabled    time.Time
					})
					u.path, u.name, u.id, u.arn, u.created, u.enabled = *d.User.Path, *d.User.UserName, *d.User.UserId, *d.User.Arn, *d.User.CreateDate, *d.EnableDate
					u.u = types.User{Path: &u.path, UserName: &u.name, UserId: &u.id, Arn: &u.arn, CreateDate: &u.created}
					ds[i].User, ds[i].EnableDate = &u.u, &u.enabled
				}
			}
			return &iam.ListVirtualMFADevicesOutput{VirtualMFADevices: ds}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	{fakeiam.GetMFADevice, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := mfaFake(tb, true)
		users, serials := benchMFANames()
		in := &iam.GetMFADeviceInput{UserName: &users[0], SerialNumber: &serials[0]}
		call := func(c *iam.Client) (*iam.GetMFADeviceOutput, error) { return c.GetMFADevice(context.Background(), in) }
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any {
			u, s, d := *out.UserName, *out.SerialNumber, *out.EnableDate
			return &iam.GetMFADeviceOutput{UserName: &u, SerialNumber: &s, EnableDate: &d}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	{fakeiam.TagMFADevice, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		values := [2]string{"dev", "ops"}
		n := 0
		_, serials := benchMFANames()
		call := func(c *iam.Client) (*iam.TagMFADeviceOutput, error) {
			return c.TagMFADevice(context.Background(), &iam.TagMFADeviceInput{SerialNumber: &serials[0], Tags: []types.Tag{{Key: aws.String("team"), Value: &values[n%2]}}})
		}
		return calls(empty[iam.TagMFADeviceOutput](tb), call), calls(mfaFake(tb, false).Client(), call), func() { n++ }
	}},
	// The tag put back between pairs, untimed.
	{fakeiam.UntagMFADevice, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		c := mfaFake(tb, false).Client()
		_, serials := benchMFANames()
		call := func(c *iam.Client) (*iam.UntagMFADeviceOutput, error) {
			return c.UntagMFADevice(context.Background(), &iam.UntagMFADeviceInput{SerialNumber: &serials[0], TagKeys: []string{"team"}})
		}
		putBack := func() {
			_, err := c.TagMFADevice(context.Background(), &iam.TagMFADeviceInput{SerialNumber: &serials[0], Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("ops")}}})
			warmedUp(tb, err)
		}
		return calls(empty[iam.UntagMFADeviceOutput](tb), call), calls(c, call), putBack
	}},
	{fakeiam.ListMFADeviceTags, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := mfaFake(tb, false)
		_, serials := benchMFANames()
		in := &iam.ListMFADeviceTagsInput{SerialNumber: &serials[0]}
		call := func(c *iam.Client) (*iam.ListMFADeviceTagsOutput, error) {
			return c.ListMFADeviceTags(context.Background(), in)
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any {
			tags := make([]types.Tag, len(out.Tags))
			strs := make([]string, 2*len(tags))
			for i, t := range out.Tags {
				strs[2*i], strs[2*i+1] = *t.Key, *t.Value
				tags[i] = types.Tag{Key: &strs[2*i], Value: &strs[2*i+1]}
			}
			return &iam.ListMFADeviceTagsOutput{Tags: tags}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
}

// Server certificates (server_certificates.go): an ECDSA P-256 pair
// (ServerCertificatePEM's), uploaded under names sc0000...
func init() { pairedRows = append(pairedRows, serverCertRows...) }

// serverCertsFake seeds n server certificates sc0000... holding one body,
// each with tags tags, under a quota lifted past writeBatch.
func serverCertsFake(tb testing.TB, n, tags int) *fakeiam.Fake {
	tb.Helper()
	body, key, _ := fakeiam.ServerCertificatePEM("bench")
	opts := []fakeiam.Option{fakeiam.ServerCertificatesPerAccount(2 * writeBatch)}
	for k := range n {
		sc := fakeiam.ServerCertificate(fmt.Sprintf("sc%04d", k)).Body(body, key)
		for i := range tags {
			sc = sc.Tag(fmt.Sprintf("key%03d", i), "value")
		}
		opts = append(opts, sc)
	}
	f, err := newFakeE(opts...)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// copyServerCertMeta is the cheapest faithful copy of server certificate
// metadata.
func copyServerCertMeta(in []types.ServerCertificateMetadata) []types.ServerCertificateMetadata {
	out := make([]types.ServerCertificateMetadata, len(in))
	strs, dates := make([]string, 4*len(in)), make([]time.Time, 2*len(in))
	for i, m := range in {
		s, d := strs[4*i:4*i+4], dates[2*i:2*i+2]
		s[0], s[1], s[2], s[3], d[0], d[1] = *m.Path, *m.ServerCertificateName, *m.ServerCertificateId, *m.Arn, *m.UploadDate, *m.Expiration
		out[i] = types.ServerCertificateMetadata{Path: &s[0], ServerCertificateName: &s[1], ServerCertificateId: &s[2], Arn: &s[3], UploadDate: &d[0], Expiration: &d[1]}
	}
	return out
}

func copyTags(in []types.Tag) []types.Tag {
	out := make([]types.Tag, len(in))
	strs := make([]string, 2*len(in))
	for i, t := range in {
		strs[2*i], strs[2*i+1] = *t.Key, *t.Value
		out[i] = types.Tag{Key: &strs[2*i], Value: &strs[2*i+1]}
	}
	return out
}

var serverCertRows = []pairedRow{
	{fakeiam.UploadServerCertificate, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		body, key, _ := fakeiam.ServerCertificatePEM("bench")
		call := func(c *iam.Client, k int) (any, error) {
			return c.UploadServerCertificate(context.Background(), &iam.UploadServerCertificateInput{ServerCertificateName: aws.String(fmt.Sprintf("sc%04d", k)),
				CertificateBody: &body, PrivateKey: &key})
		}
		fresh := func() *iam.Client { return serverCertsFake(tb, 0, 0).Client() }
		got, err := call(fresh(), 0)
		warmedUp(tb, err)
		out := got.(*iam.UploadServerCertificateOutput)
		floor := func() *iam.Client {
			return floorClient(usersFake(tb, 0), func() any {
				return &iam.UploadServerCertificateOutput{ServerCertificateMetadata: &copyServerCertMeta([]types.ServerCertificateMetadata{*out.ServerCertificateMetadata})[0]}
			})
		}
		return batched(floor, fresh, call)
	}},
	{fakeiam.GetServerCertificate, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := serverCertsFake(tb, 1, 2)
		call := func(c *iam.Client) (*iam.GetServerCertificateOutput, error) {
			return c.GetServerCertificate(context.Background(), &iam.GetServerCertificateInput{ServerCertificateName: aws.String("sc0000")})
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any {
			sc := out.ServerCertificate
			body := *sc.CertificateBody
			return &iam.GetServerCertificateOutput{ServerCertificate: &types.ServerCertificate{CertificateBody: &body,
				ServerCertificateMetadata: &copyServerCertMeta([]types.ServerCertificateMetadata{*sc.ServerCertificateMetadata})[0], Tags: copyTags(sc.Tags)}}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	// A 100-certificate page.
	{fakeiam.ListServerCertificates, budgetPage, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := serverCertsFake(tb, 100, 0)
		call := func(c *iam.Client) (*iam.ListServerCertificatesOutput, error) {
			return c.ListServerCertificates(context.Background(), &iam.ListServerCertificatesInput{})
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		if len(out.ServerCertificateMetadataList) != 100 || out.IsTruncated {
			tb.Fatalf("the page: %d certificates, truncated %v; want 100, false", len(out.ServerCertificateMetadataList), out.IsTruncated)
		}
		floor := floorClient(usersFake(tb, 0), func() any {
			return &iam.ListServerCertificatesOutput{ServerCertificateMetadataList: copyServerCertMeta(out.ServerCertificateMetadataList)}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	// Moved between two paths, in an account of ten.
	{fakeiam.UpdateServerCertificate, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		paths := [2]string{"/a/", "/b/"}
		n := 0
		call := func(c *iam.Client) (*iam.UpdateServerCertificateOutput, error) {
			return c.UpdateServerCertificate(context.Background(), &iam.UpdateServerCertificateInput{ServerCertificateName: aws.String("sc0005"), NewPath: &paths[n%2]})
		}
		return calls(empty[iam.UpdateServerCertificateOutput](tb), call), calls(serverCertsFake(tb, 10, 0).Client(), call), func() { n++ }
	}},
	{fakeiam.DeleteServerCertificate, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return batched(func() *iam.Client { return empty[iam.DeleteServerCertificateOutput](tb) }, func() *iam.Client { return serverCertsFake(tb, writeBatch, 0).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.DeleteServerCertificate(context.Background(), &iam.DeleteServerCertificateInput{ServerCertificateName: aws.String(fmt.Sprintf("sc%04d", k))})
			})
	}},
	// A tag of ten given a new value.
	{fakeiam.TagServerCertificate, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		values := [2]string{"a", "b"}
		n := 0
		call := func(c *iam.Client) (*iam.TagServerCertificateOutput, error) {
			return c.TagServerCertificate(context.Background(), &iam.TagServerCertificateInput{ServerCertificateName: aws.String("sc0000"),
				Tags: []types.Tag{{Key: aws.String("key005"), Value: &values[n%2]}}})
		}
		return calls(empty[iam.TagServerCertificateOutput](tb), call), calls(serverCertsFake(tb, 1, 10).Client(), call), func() { n++ }
	}},
	// A tag of ten removed, and put back between pairs (untimed).
	{fakeiam.UntagServerCertificate, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		c := serverCertsFake(tb, 1, 10).Client()
		call := func(c *iam.Client) (*iam.UntagServerCertificateOutput, error) {
			return c.UntagServerCertificate(context.Background(), &iam.UntagServerCertificateInput{ServerCertificateName: aws.String("sc0000"), TagKeys: []string{"key005"}})
		}
		putBack := func() {
			_, err := c.TagServerCertificate(context.Background(), &iam.TagServerCertificateInput{ServerCertificateName: aws.String("sc0000"),
				Tags: []types.Tag{{Key: aws.String("key005"), Value: aws.String("value")}}})
			warmedUp(tb, err)
		}
		return calls(empty[iam.UntagServerCertificateOutput](tb), call), calls(c, call), putBack
	}},
	// Fifty tags: the most a certificate holds.
	{fakeiam.ListServerCertificateTags, budgetPage, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := serverCertsFake(tb, 1, 50)
		call := func(c *iam.Client) (*iam.ListServerCertificateTagsOutput, error) {
			return c.ListServerCertificateTags(context.Background(), &iam.ListServerCertificateTagsInput{ServerCertificateName: aws.String("sc0000")})
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		if len(out.Tags) != 50 {
			tb.Fatalf("the page: %d tags, want 50", len(out.Tags))
		}
		floor := floorClient(usersFake(tb, 0), func() any { return &iam.ListServerCertificateTagsOutput{Tags: copyTags(out.Tags)} })
		return calls(floor, call), calls(f.Client(), call), nil
	}},
}
