package fakeiam_test

// Paired benchmark rows and list-behavior rows of the role policies,
// attachments, permissions boundaries and policy tags (role_policies_test.go,
// permissions_boundaries_test.go, policy_tags_test.go), added to the shared
// tables (pairedRows, listOperations) from here.

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/fakeaws/fakeaws/fakeiam"
)

func init() {
	pairedRows = append(pairedRows, rolePolicyRows...)
	listOperations = append(listOperations, rolePolicyLists...)
}

// rolePoliciesFake seeds roles role0000... (writeBatch/2 of them) with two
// inline policies each, named as inlineFake names a user's; more adds to
// each role's seed.
func rolePoliciesFake(tb testing.TB, more ...func(*fakeiam.PrincipalSeed, int) *fakeiam.PrincipalSeed) *fakeiam.Fake {
	tb.Helper()
	_, names := pairs("pol", 4)
	var opts []fakeiam.Option
	for k := 0; k < writeBatch; k += 2 {
		r := fakeiam.Role(fmt.Sprintf("role%04d", k/2)).InlinePolicy(names[k], s3Doc).InlinePolicy(names[k+1], prettyDoc)
		for _, m := range more {
			r = m(r, k)
		}
		opts = append(opts, r)
	}
	f, err := newFakeE(opts...)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// rolesFake seeds roles role0000... (writeBatch/2 of them) and nothing
// else; more adds to each role's seed.
func rolesFake(tb testing.TB, more ...func(*fakeiam.PrincipalSeed, int) *fakeiam.PrincipalSeed) *fakeiam.Fake {
	tb.Helper()
	var opts []fakeiam.Option
	for k := 0; k < writeBatch; k += 2 {
		r := fakeiam.Role(fmt.Sprintf("role%04d", k/2))
		for _, m := range more {
			r = m(r, k)
		}
		opts = append(opts, r)
	}
	f, err := newFakeE(opts...)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

var rolePolicyRows = []pairedRow{
	// Role inline policies: puts of a 10 KB document (the role quota).
	{fakeiam.PutRolePolicy, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		doc := sizedDoc(10240, 0)
		return batched(func() *iam.Client { return empty[iam.PutRolePolicyOutput](tb) }, func() *iam.Client { return rolesFake(tb).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.PutRolePolicy(context.Background(), &iam.PutRolePolicyInput{RoleName: aws.String(fmt.Sprintf("role%04d", k/2)), PolicyName: aws.String("bench"), PolicyDocument: &doc})
			})
	}},
	{fakeiam.GetRolePolicy, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := rolePoliciesFake(tb)
		in := &iam.GetRolePolicyInput{RoleName: aws.String("role0000"), PolicyName: aws.String("pol0000")}
		call := func(c *iam.Client) (*iam.GetRolePolicyOutput, error) { return c.GetRolePolicy(context.Background(), in) }
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any {
			s := [3]string{*out.RoleName, *out.PolicyName, *out.PolicyDocument}
			return &iam.GetRolePolicyOutput{RoleName: &s[0], PolicyName: &s[1], PolicyDocument: &s[2]}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	{fakeiam.ListRolePolicies, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		r := fakeiam.Role("lister")
		for i := range 100 {
			r = r.InlinePolicy(fmt.Sprintf("policy%03d", i), listedPolicyDoc)
		}
		f, err := newFakeE(r)
		if err != nil {
			tb.Fatal(err)
		}
		in := &iam.ListRolePoliciesInput{RoleName: aws.String("lister")}
		call := func(c *iam.Client) (*iam.ListRolePoliciesOutput, error) { return c.ListRolePolicies(context.Background(), in) }
		out, err := call(f.Client())
		warmedUp(tb, err)
		if len(out.PolicyNames) != 100 {
			tb.Fatalf("the page: %d names, want 100", len(out.PolicyNames))
		}
		floor := floorClient(usersFake(tb, 0), func() any { return &iam.ListRolePoliciesOutput{PolicyNames: slices.Clone(out.PolicyNames)} })
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	{fakeiam.DeleteRolePolicy, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		_, names := pairs("pol", 4)
		return batched(func() *iam.Client { return empty[iam.DeleteRolePolicyOutput](tb) }, func() *iam.Client { return rolePoliciesFake(tb).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.DeleteRolePolicy(context.Background(), &iam.DeleteRolePolicyInput{RoleName: aws.String(fmt.Sprintf("role%04d", k/2)), PolicyName: &names[k]})
			})
	}},
}

// rolePolicyQuota is a role's aggregate inline quota.
const rolePolicyQuota = 10240

var rolePolicyLists = []listOperation{
	// ListRolePolicies: the policies of the role named as the owner with
	// "-role".
	{op: fakeiam.ListRolePolicies, perUser: true, most: rolePolicyQuota / len(listedPolicyDoc),
		named: func(owner string, n int) []fakeiam.Option {
			r := fakeiam.Role(owner + "-role")
			for i := range n {
				r = r.InlinePolicy(fmt.Sprintf("p%03d", 2*i), listedPolicyDoc)
			}
			return []fakeiam.Option{r}
		},
		list: func(owner string, m *string, n *int32) call { return listRolePolicies(owner+"-role", m, n) },
		ids:  func(out any) []string { return out.(*iam.ListRolePoliciesOutput).PolicyNames },
		add: func(owner string, i int) call {
			return putRolePolicy(owner+"-role", fmt.Sprintf("p%03d", 2*i+1), listedPolicyDoc)
		},
		remove: func(owner, id string) call { return deleteRolePolicy(owner+"-role", id) }},
}
