package fakeiam_test

// The paired rows (BenchmarkPairedRatios/op, bench_paired_test.go) of the
// role operations (roles.go). The floor answers a copy of the fake's own
// answer to the same call, made as cheaply as the other rows' floors make
// theirs.

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

func init() { pairedRows = append(pairedRows, roleRows...) }

// seededRolesFake seeds roles role0000... (described, each with tags tags),
// under a lifted quota.
func seededRolesFake(tb testing.TB, roles, tags int) *fakeiam.Fake {
	tb.Helper()
	opts := []fakeiam.Option{fakeiam.RolesPerAccount(writeBatch + 1000)}
	for i := range roles {
		r := fakeiam.Role(fmt.Sprintf("role%04d", i)).TrustPolicy(trustEC2).Description("a role")
		for j := range tags {
			r = r.Tag(fmt.Sprintf("key%02d", j), "value")
		}
		opts = append(opts, r)
	}
	f, err := newFakeE(opts...)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// copyRole is the cheapest faithful copy of a role.
func copyRole(in *types.Role) *types.Role {
	s := new(struct {
		r                                       types.Role
		name, path, id, arn, trust, description string
		created                                 time.Time
		maxSession                              int32
		last                                    types.RoleLastUsed
	})
	s.name, s.path, s.id, s.arn, s.trust, s.created = *in.RoleName, *in.Path, *in.RoleId, *in.Arn, *in.AssumeRolePolicyDocument, *in.CreateDate
	s.r = types.Role{RoleName: &s.name, Path: &s.path, RoleId: &s.id, Arn: &s.arn, AssumeRolePolicyDocument: &s.trust, CreateDate: &s.created}
	if in.Description != nil {
		s.description = *in.Description
		s.r.Description = &s.description
	}
	if in.MaxSessionDuration != nil {
		s.maxSession = *in.MaxSessionDuration
		s.r.MaxSessionDuration = &s.maxSession
	}
	if in.RoleLastUsed != nil {
		s.r.RoleLastUsed = &s.last
	}
	if in.Tags != nil {
		s.r.Tags = copyTags(in.Tags)
	}
	return &s.r
}

var roleRows = []pairedRow{
	{fakeiam.CreateRole, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		names := make([]string, writeBatch)
		for k := range names {
			names[k] = fmt.Sprintf("new%04d", k)
		}
		call := func(c *iam.Client, k int) (any, error) {
			return c.CreateRole(context.Background(), &iam.CreateRoleInput{RoleName: &names[k], AssumeRolePolicyDocument: aws.String(trustEC2)})
		}
		fresh := func() *iam.Client { return seededRolesFake(tb, 10, 0).Client() }
		out, err := call(fresh(), 0)
		warmedUp(tb, err)
		role := out.(*iam.CreateRoleOutput).Role
		floor := func() *iam.Client {
			return floorClient(usersFake(tb, 0), func() any { return &iam.CreateRoleOutput{Role: copyRole(role)} })
		}
		return batched(floor, fresh, call)
	}},
	// A role with ten tags.
	{fakeiam.GetRole, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := seededRolesFake(tb, 100, 10)
		call := func(c *iam.Client) (*iam.GetRoleOutput, error) {
			return c.GetRole(context.Background(), &iam.GetRoleInput{RoleName: aws.String("role0042")})
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any { return &iam.GetRoleOutput{Role: copyRole(out.Role)} })
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	// A 100-role page.
	{fakeiam.ListRoles, budgetPage, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := seededRolesFake(tb, 100, 0)
		call := func(c *iam.Client) (*iam.ListRolesOutput, error) {
			return c.ListRoles(context.Background(), &iam.ListRolesInput{})
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		if len(out.Roles) != 100 || out.IsTruncated {
			tb.Fatalf("the page: %d roles, truncated %v; want 100, false", len(out.Roles), out.IsTruncated)
		}
		floor := floorClient(usersFake(tb, 0), func() any {
			roles := make([]types.Role, len(out.Roles))
			for i := range out.Roles {
				roles[i] = *copyRole(&out.Roles[i])
			}
			return &iam.ListRolesOutput{Roles: roles}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	{fakeiam.UpdateRole, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		n := 0
		call := func(c *iam.Client) (*iam.UpdateRoleOutput, error) {
			return c.UpdateRole(context.Background(), &iam.UpdateRoleInput{RoleName: aws.String("role0004"), MaxSessionDuration: aws.Int32(int32(3600 * (1 + n%2)))})
		}
		return calls(empty[iam.UpdateRoleOutput](tb), call), calls(seededRolesFake(tb, 10, 0).Client(), call), func() { n++ }
	}},
	{fakeiam.UpdateRoleDescription, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		descriptions := [2]string{"first", "second"}
		n := 0
		f := seededRolesFake(tb, 10, 0)
		call := func(c *iam.Client) (*iam.UpdateRoleDescriptionOutput, error) {
			return c.UpdateRoleDescription(context.Background(), &iam.UpdateRoleDescriptionInput{RoleName: aws.String("role0004"), Description: &descriptions[n%2]})
		}
		var outs [2]*iam.UpdateRoleDescriptionOutput
		for n = range outs {
			var err error
			outs[n], err = call(f.Client())
			warmedUp(tb, err)
		}
		n = 0
		floor := floorClient(usersFake(tb, 0), func() any { return &iam.UpdateRoleDescriptionOutput{Role: copyRole(outs[n%2].Role)} })
		return calls(floor, call), calls(f.Client(), call), func() { n++ }
	}},
	{fakeiam.UpdateAssumeRolePolicy, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		docs := [2]string{trustEC2, trustDefault}
		n := 0
		call := func(c *iam.Client) (*iam.UpdateAssumeRolePolicyOutput, error) {
			return c.UpdateAssumeRolePolicy(context.Background(), &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String("role0004"), PolicyDocument: &docs[n%2]})
		}
		return calls(empty[iam.UpdateAssumeRolePolicyOutput](tb), call), calls(seededRolesFake(tb, 10, 0).Client(), call), func() { n++ }
	}},
	{fakeiam.DeleteRole, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return batched(func() *iam.Client { return empty[iam.DeleteRoleOutput](tb) }, func() *iam.Client { return seededRolesFake(tb, writeBatch, 0).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.DeleteRole(context.Background(), &iam.DeleteRoleInput{RoleName: aws.String(fmt.Sprintf("role%04d", k))})
			})
	}},
	// A new value for one of ten tags, alternating.
	{fakeiam.TagRole, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		values := [2]string{"a", "b"}
		n := 0
		call := func(c *iam.Client) (*iam.TagRoleOutput, error) {
			return c.TagRole(context.Background(), &iam.TagRoleInput{RoleName: aws.String("role0000"),
				Tags: []types.Tag{{Key: aws.String("key05"), Value: &values[n%2]}}})
		}
		return calls(empty[iam.TagRoleOutput](tb), call), calls(seededRolesFake(tb, 1, 10).Client(), call), func() { n++ }
	}},
	// One of ten tags removed, and put back between pairs (untimed).
	{fakeiam.UntagRole, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		c := seededRolesFake(tb, 1, 10).Client()
		call := func(c *iam.Client) (*iam.UntagRoleOutput, error) {
			return c.UntagRole(context.Background(), &iam.UntagRoleInput{RoleName: aws.String("role0000"), TagKeys: []string{"key05"}})
		}
		putBack := func() {
			_, err := c.TagRole(context.Background(), &iam.TagRoleInput{RoleName: aws.String("role0000"), Tags: []types.Tag{{Key: aws.String("key05"), Value: aws.String("v")}}})
			warmedUp(tb, err)
		}
		return calls(empty[iam.UntagRoleOutput](tb), call), calls(c, call), putBack
	}},
	// 50 tags: the most a role holds (IAM's quota), the largest page there is.
	{fakeiam.ListRoleTags, budgetPage, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := seededRolesFake(tb, 1, 50)
		call := func(c *iam.Client) (*iam.ListRoleTagsOutput, error) {
			return c.ListRoleTags(context.Background(), &iam.ListRoleTagsInput{RoleName: aws.String("role0000")})
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any { return &iam.ListRoleTagsOutput{Tags: copyTags(out.Tags)} })
		return calls(floor, call), calls(f.Client(), call), nil
	}},
}
