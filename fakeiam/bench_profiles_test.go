package fakeiam_test

// The paired rows (BenchmarkPairedRatios/op, bench_paired_test.go) of the
// instance profile operations (instance_profiles.go). The floor answers a
// copy of the fake's own answer to the same call, made as cheaply as the
// other rows' floors make theirs.

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

func init() { pairedRows = append(pairedRows, instanceProfileRows...) }

// seededProfilesFake seeds roles role0000... and instance profiles
// ip0000..., profile k holding role k when held, the first with tags tags,
// under lifted quotas.
func seededProfilesFake(tb testing.TB, n, tags int, held bool) *fakeiam.Fake {
	tb.Helper()
	opts := []fakeiam.Option{fakeiam.RolesPerAccount(writeBatch + 1000), fakeiam.InstanceProfilesPerAccount(writeBatch + 1000)}
	for k := range n {
		role := fmt.Sprintf("role%04d", k)
		p := fakeiam.InstanceProfile(fmt.Sprintf("ip%04d", k))
		if held {
			p = p.Role(role)
		}
		if k == 0 {
			for j := range tags {
				p = p.Tag(fmt.Sprintf("key%02d", j), "value")
			}
		}
		opts = append(opts, fakeiam.Role(role).TrustPolicy(trustEC2), p)
	}
	f, err := newFakeE(opts...)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// copyInstanceProfile is the cheapest faithful copy of a profile: Roles
// always (maybe empty), Tags when the answer has them.
func copyInstanceProfile(in *types.InstanceProfile) *types.InstanceProfile {
	s := new(struct {
		p                   types.InstanceProfile
		name, path, id, arn string
		created             time.Time
	})
	s.name, s.path, s.id, s.arn, s.created = *in.InstanceProfileName, *in.Path, *in.InstanceProfileId, *in.Arn, *in.CreateDate
	s.p = types.InstanceProfile{InstanceProfileName: &s.name, Path: &s.path, InstanceProfileId: &s.id, Arn: &s.arn, CreateDate: &s.created,
		Roles: make([]types.Role, len(in.Roles))}
	for i := range in.Roles {
		s.p.Roles[i] = *copyRole(&in.Roles[i])
	}
	if in.Tags != nil {
		s.p.Tags = copyTags(in.Tags)
	}
	return &s.p
}

func copyInstanceProfiles(in []types.InstanceProfile) []types.InstanceProfile {
	out := make([]types.InstanceProfile, len(in))
	for i := range in {
		out[i] = *copyInstanceProfile(&in[i])
	}
	return out
}

var instanceProfileRows = []pairedRow{
	{fakeiam.CreateInstanceProfile, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		names := make([]string, writeBatch)
		for k := range names {
			names[k] = fmt.Sprintf("new%04d", k)
		}
		call := func(c *iam.Client, k int) (any, error) {
			return c.CreateInstanceProfile(context.Background(), &iam.CreateInstanceProfileInput{InstanceProfileName: &names[k]})
		}
		fresh := func() *iam.Client { return seededProfilesFake(tb, 10, 0, true).Client() }
		out, err := call(fresh(), 0)
		warmedUp(tb, err)
		p := out.(*iam.CreateInstanceProfileOutput).InstanceProfile
		floor := func() *iam.Client {
			return floorClient(usersFake(tb, 0), func() any { return &iam.CreateInstanceProfileOutput{InstanceProfile: copyInstanceProfile(p)} })
		}
		return batched(floor, fresh, call)
	}},
	// A profile holding its role, with ten tags.
	{fakeiam.GetInstanceProfile, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := seededProfilesFake(tb, 100, 10, true)
		call := func(c *iam.Client) (*iam.GetInstanceProfileOutput, error) {
			return c.GetInstanceProfile(context.Background(), &iam.GetInstanceProfileInput{InstanceProfileName: aws.String("ip0000")})
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any {
			return &iam.GetInstanceProfileOutput{InstanceProfile: copyInstanceProfile(out.InstanceProfile)}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	// A 100-profile page, each profile with its role.
	{fakeiam.ListInstanceProfiles, budgetPage, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := seededProfilesFake(tb, 100, 0, true)
		call := func(c *iam.Client) (*iam.ListInstanceProfilesOutput, error) {
			return c.ListInstanceProfiles(context.Background(), &iam.ListInstanceProfilesInput{})
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		if len(out.InstanceProfiles) != 100 || out.IsTruncated {
			tb.Fatalf("the page: %d profiles, truncated %v; want 100, false", len(out.InstanceProfiles), out.IsTruncated)
		}
		floor := floorClient(usersFake(tb, 0), func() any {
			return &iam.ListInstanceProfilesOutput{InstanceProfiles: copyInstanceProfiles(out.InstanceProfiles)}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	{fakeiam.DeleteInstanceProfile, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return batched(func() *iam.Client { return empty[iam.DeleteInstanceProfileOutput](tb) },
			func() *iam.Client { return seededProfilesFake(tb, writeBatch, 0, false).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.DeleteInstanceProfile(context.Background(), &iam.DeleteInstanceProfileInput{InstanceProfileName: aws.String(fmt.Sprintf("ip%04d", k))})
			})
	}},
	{fakeiam.AddRoleToInstanceProfile, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return batched(func() *iam.Client { return empty[iam.AddRoleToInstanceProfileOutput](tb) },
			func() *iam.Client { return seededProfilesFake(tb, writeBatch, 0, false).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.AddRoleToInstanceProfile(context.Background(), &iam.AddRoleToInstanceProfileInput{
					InstanceProfileName: aws.String(fmt.Sprintf("ip%04d", k)), RoleName: aws.String(fmt.Sprintf("role%04d", k))})
			})
	}},
	{fakeiam.RemoveRoleFromInstanceProfile, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return batched(func() *iam.Client { return empty[iam.RemoveRoleFromInstanceProfileOutput](tb) },
			func() *iam.Client { return seededProfilesFake(tb, writeBatch, 0, true).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.RemoveRoleFromInstanceProfile(context.Background(), &iam.RemoveRoleFromInstanceProfileInput{
					InstanceProfileName: aws.String(fmt.Sprintf("ip%04d", k)), RoleName: aws.String(fmt.Sprintf("role%04d", k))})
			})
	}},
	// A role in one profile of 100: a page of one.
	{fakeiam.ListInstanceProfilesForRole, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := seededProfilesFake(tb, 100, 0, true)
		call := func(c *iam.Client) (*iam.ListInstanceProfilesForRoleOutput, error) {
			return c.ListInstanceProfilesForRole(context.Background(), &iam.ListInstanceProfilesForRoleInput{RoleName: aws.String("role0042")})
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		if len(out.InstanceProfiles) != 1 {
			tb.Fatalf("the page: %d profiles, want 1", len(out.InstanceProfiles))
		}
		floor := floorClient(usersFake(tb, 0), func() any {
			return &iam.ListInstanceProfilesForRoleOutput{InstanceProfiles: copyInstanceProfiles(out.InstanceProfiles)}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	// A new value for one of ten tags, alternating.
	{fakeiam.TagInstanceProfile, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		values := [2]string{"a", "b"}
		n := 0
		call := func(c *iam.Client) (*iam.TagInstanceProfileOutput, error) {
			return c.TagInstanceProfile(context.Background(), &iam.TagInstanceProfileInput{InstanceProfileName: aws.String("ip0000"),
				Tags: []types.Tag{{Key: aws.String("key05"), Value: &values[n%2]}}})
		}
		return calls(empty[iam.TagInstanceProfileOutput](tb), call), calls(seededProfilesFake(tb, 1, 10, true).Client(), call), func() { n++ }
	}},
	// One of ten tags removed, and put back between pairs (untimed).
	{fakeiam.UntagInstanceProfile, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		c := seededProfilesFake(tb, 1, 10, true).Client()
		call := func(c *iam.Client) (*iam.UntagInstanceProfileOutput, error) {
			return c.UntagInstanceProfile(context.Background(), &iam.UntagInstanceProfileInput{InstanceProfileName: aws.String("ip0000"), TagKeys: []string{"key05"}})
		}
		putBack := func() {
			_, err := c.TagInstanceProfile(context.Background(), &iam.TagInstanceProfileInput{InstanceProfileName: aws.String("ip0000"),
				Tags: []types.Tag{{Key: aws.String("key05"), Value: aws.String("v")}}})
			warmedUp(tb, err)
		}
		return calls(empty[iam.UntagInstanceProfileOutput](tb), call), calls(c, call), putBack
	}},
	// 50 tags: the most a profile holds (IAM's quota), the largest page there is.
	{fakeiam.ListInstanceProfileTags, budgetPage, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := seededProfilesFake(tb, 1, 50, true)
		call := func(c *iam.Client) (*iam.ListInstanceProfileTagsOutput, error) {
			return c.ListInstanceProfileTags(context.Background(), &iam.ListInstanceProfileTagsInput{InstanceProfileName: aws.String("ip0000")})
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any { return &iam.ListInstanceProfileTagsOutput{Tags: copyTags(out.Tags)} })
		return calls(floor, call), calls(f.Client(), call), nil
	}},
}
