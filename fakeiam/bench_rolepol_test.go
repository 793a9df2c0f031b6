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
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

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

// copyTagList is the cheapest faithful copy of a list of tags.
func copyTagList(in []types.Tag) []types.Tag {
	out := make([]types.Tag, len(in))
	block := make([]string, 2*len(in))
	for i, t := range in {
		block[2*i], block[2*i+1] = *t.Key, *t.Value
		out[i] = types.Tag{Key: &block[2*i], Value: &block[2*i+1]}
	}
	return out
}

var rolePolicyRows = []pairedRow{
	// Role attachments: as the users' rows (bench_policies_test.go).
	{fakeiam.AttachRolePolicy, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		c := roleAttachFake(tb, 20, 9).Client()
		in := &iam.AttachRolePolicyInput{RoleName: aws.String("role0000"), PolicyArn: policyARNOf(15)}
		call := func(c *iam.Client) (*iam.AttachRolePolicyOutput, error) {
			return c.AttachRolePolicy(context.Background(), in)
		}
		takeAway := func() {
			_, err := c.DetachRolePolicy(context.Background(), &iam.DetachRolePolicyInput{RoleName: in.RoleName, PolicyArn: in.PolicyArn})
			warmedUp(tb, err)
		}
		return calls(empty[iam.AttachRolePolicyOutput](tb), call), calls(c, call), takeAway
	}},
	{fakeiam.DetachRolePolicy, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		c := roleAttachFake(tb, 20, 10).Client()
		in := &iam.DetachRolePolicyInput{RoleName: aws.String("role0000"), PolicyArn: policyARNOf(5)}
		call := func(c *iam.Client) (*iam.DetachRolePolicyOutput, error) {
			return c.DetachRolePolicy(context.Background(), in)
		}
		putBack := func() {
			_, err := c.AttachRolePolicy(context.Background(), &iam.AttachRolePolicyInput{RoleName: in.RoleName, PolicyArn: in.PolicyArn})
			warmedUp(tb, err)
		}
		return calls(empty[iam.DetachRolePolicyOutput](tb), call), calls(c, call), putBack
	}},
	// Ten policies: the most a role holds (IAM's quota).
	{fakeiam.ListAttachedRolePolicies, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return readRow(tb, roleAttachFake(tb, 20, 10), func(c *iam.Client) (*iam.ListAttachedRolePoliciesOutput, error) {
			return c.ListAttachedRolePolicies(context.Background(), &iam.ListAttachedRolePoliciesInput{RoleName: aws.String("role0000")})
		}, func(out *iam.ListAttachedRolePoliciesOutput) any {
			return &iam.ListAttachedRolePoliciesOutput{AttachedPolicies: copyAttached(out.AttachedPolicies), IsTruncated: out.IsTruncated, Marker: strs(out.Marker)[0]}
		}, func(out *iam.ListAttachedRolePoliciesOutput) string {
			if len(out.AttachedPolicies) != 10 {
				return fmt.Sprintf("%d policies, want 10", len(out.AttachedPolicies))
			}
			return ""
		})
	}},
	// Policy tags: a tag on each of writeBatch policies, one removed from
	// each, and a list of the 50 tags a policy holds at most.
	{fakeiam.TagPolicy, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return batched(func() *iam.Client { return empty[iam.TagPolicyOutput](tb) }, func() *iam.Client { return taggedPoliciesFake(tb, 2).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.TagPolicy(context.Background(), &iam.TagPolicyInput{PolicyArn: policyARNOf(k), Tags: []types.Tag{{Key: aws.String("new"), Value: aws.String("v")}}})
			})
	}},
	{fakeiam.UntagPolicy, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return batched(func() *iam.Client { return empty[iam.UntagPolicyOutput](tb) }, func() *iam.Client { return taggedPoliciesFake(tb, 2).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.UntagPolicy(context.Background(), &iam.UntagPolicyInput{PolicyArn: policyARNOf(k), TagKeys: []string{"key00"}})
			})
	}},
	// A page of 50 tags: a list page, as ListUserTags' row and the other tag lists.
	{fakeiam.ListPolicyTags, budgetPage, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		opts := []fakeiam.Option{}
		p := fakeiam.ManagedPolicy("policy0000", docList)
		for j := range 50 {
			p = p.Tag(fmt.Sprintf("key%02d", j), "value")
		}
		f, err := newFakeE(append(opts, p)...)
		if err != nil {
			tb.Fatal(err)
		}
		return readRow(tb, f, func(c *iam.Client) (*iam.ListPolicyTagsOutput, error) {
			return c.ListPolicyTags(context.Background(), &iam.ListPolicyTagsInput{PolicyArn: policyARNOf(0)})
		}, func(out *iam.ListPolicyTagsOutput) any {
			return &iam.ListPolicyTagsOutput{Tags: copyTagList(out.Tags), IsTruncated: out.IsTruncated, Marker: strs(out.Marker)[0]}
		}, func(out *iam.ListPolicyTagsOutput) string {
			if len(out.Tags) != 50 {
				return fmt.Sprintf("%d tags, want 50", len(out.Tags))
			}
			return ""
		})
	}},
	// Permissions boundaries: each call sets (or deletes) another
	// user's or role's.
	{fakeiam.PutUserPermissionsBoundary, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return batched(func() *iam.Client { return empty[iam.PutUserPermissionsBoundaryOutput](tb) }, func() *iam.Client { return boundedFake(tb, false).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.PutUserPermissionsBoundary(context.Background(), &iam.PutUserPermissionsBoundaryInput{UserName: aws.String(fmt.Sprintf("user%04d", k)), PermissionsBoundary: policyARNOf(k % 2)})
			})
	}},
	{fakeiam.DeleteUserPermissionsBoundary, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return batched(func() *iam.Client { return empty[iam.DeleteUserPermissionsBoundaryOutput](tb) }, func() *iam.Client { return boundedFake(tb, true).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.DeleteUserPermissionsBoundary(context.Background(), &iam.DeleteUserPermissionsBoundaryInput{UserName: aws.String(fmt.Sprintf("user%04d", k))})
			})
	}},
	{fakeiam.PutRolePermissionsBoundary, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return batched(func() *iam.Client { return empty[iam.PutRolePermissionsBoundaryOutput](tb) }, func() *iam.Client { return boundedFake(tb, false).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.PutRolePermissionsBoundary(context.Background(), &iam.PutRolePermissionsBoundaryInput{RoleName: aws.String(fmt.Sprintf("role%04d", k)), PermissionsBoundary: policyARNOf(k % 2)})
			})
	}},
	{fakeiam.DeleteRolePermissionsBoundary, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return batched(func() *iam.Client { return empty[iam.DeleteRolePermissionsBoundaryOutput](tb) }, func() *iam.Client { return boundedFake(tb, true).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.DeleteRolePermissionsBoundary(context.Background(), &iam.DeleteRolePermissionsBoundaryInput{RoleName: aws.String(fmt.Sprintf("role%04d", k))})
			})
	}},
	// Role inline policies: puts of a 2 KB document, as PutUserPolicy's
	// row (a role's quota holds 10 KB).
	{fakeiam.PutRolePolicy, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		doc := sizedDoc(2048, 0)
		return batched(func() *iam.Client { return empty[iam.PutRolePolicyOutput](tb) }, func() *iam.Client { return rolesFake(tb).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.PutRolePolicy(context.Background(), &iam.PutRolePolicyInput{RoleName: aws.String(fmt.Sprintf("role%04d", k/2)), PolicyName: aws.String("bench"), PolicyDocument: &doc})
			})
	}},
	{fakeiam.GetRolePolicy, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := rolePoliciesFake(tb)
		in := &iam.GetRolePolicyInput{RoleName: aws.String("role0000"), PolicyName: aws.String("pol0000")}
		call := func(c *iam.Client) (*iam.GetRolePolicyOutput, error) {
			return c.GetRolePolicy(context.Background(), in)
		}
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
		call := func(c *iam.Client) (*iam.ListRolePoliciesOutput, error) {
			return c.ListRolePolicies(context.Background(), in)
		}
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

// roleAttachFake seeds role role0000 and policies policy0000... (as
// policiesFake), the first attached of them attached to the role.
func roleAttachFake(tb testing.TB, policies, attached int) *fakeiam.Fake {
	tb.Helper()
	opts := []fakeiam.Option{fakeiam.PoliciesPerRole(attached + 10), fakeiam.Role("role0000")}
	for i := range policies {
		p := fakeiam.ManagedPolicy(fmt.Sprintf("policy%04d", i), docList)
		if i < attached {
			p = p.AttachedToRoles("role0000")
		}
		opts = append(opts, p)
	}
	f, err := newFakeE(opts...)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// boundedFake seeds users user0000... and roles role0000... (writeBatch of
// each) and policies policy0000 and policy0001; with bounded, each user's
// and role's permissions boundary is policy0000.
func boundedFake(tb testing.TB, bounded bool) *fakeiam.Fake {
	tb.Helper()
	opts := []fakeiam.Option{fakeiam.ManagedPolicy("policy0000", docList), fakeiam.ManagedPolicy("policy0001", docList), fakeiam.RolesPerAccount(writeBatch)}
	for k := range writeBatch {
		u, r := fakeiam.User(fmt.Sprintf("user%04d", k)), fakeiam.Role(fmt.Sprintf("role%04d", k))
		if bounded {
			u, r = u.PermissionsBoundary(*policyARNOf(0)), r.PermissionsBoundary(*policyARNOf(0))
		}
		opts = append(opts, u, r)
	}
	f, err := newFakeE(opts...)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// taggedPoliciesFake seeds policies policy0000... (writeBatch of them),
// each with tags tags.
func taggedPoliciesFake(tb testing.TB, tags int) *fakeiam.Fake {
	tb.Helper()
	opts := []fakeiam.Option{fakeiam.PoliciesPerAccount(writeBatch)}
	for i := range writeBatch {
		p := fakeiam.ManagedPolicy(fmt.Sprintf("policy%04d", i), docList)
		for j := range tags {
			p = p.Tag(fmt.Sprintf("key%02d", j), "value")
		}
		opts = append(opts, p)
	}
	f, err := newFakeE(opts...)
	if err != nil {
		tb.Fatal(err)
	}
	return f
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
	// The policies attached to the role named as the owner with
	// "-roleattached",
	// under a lifted quota.
	{op: fakeiam.ListAttachedRolePolicies, perUser: true,
		named: func(owner string, n int) []fakeiam.Option {
			opts := []fakeiam.Option{fakeiam.PoliciesPerRole(n + 10), fakeiam.Role(owner + "-roleattached")}
			for i := range n {
				opts = append(opts, fakeiam.ManagedPolicy(fmt.Sprintf("%s-rp%03d", owner, 2*i), docList).AttachedToRoles(owner+"-roleattached"))
			}
			return opts
		},
		list: func(owner string, m *string, n *int32) call {
			return listAttachedRolePolicies(&iam.ListAttachedRolePoliciesInput{RoleName: aws.String(owner + "-roleattached"), Marker: m, MaxItems: n})
		},
		ids: itemIDs("AttachedPolicies", "PolicyName"),
		add: func(owner string, i int) call {
			name := fmt.Sprintf("%s-rp%03d", owner, 2*i+1)
			return inTurn(createPolicy(&iam.CreatePolicyInput{PolicyName: &name, PolicyDocument: aws.String(docList)}), attachRolePolicy(owner+"-roleattached", arnOf("/", name)))
		},
		remove: func(owner, id string) call { return detachRolePolicy(owner+"-roleattached", arnOf("/", id)) }},
	// The tags of the owner's policy (named "<owner>-tagged"), sorted by
	// key: at most 50.
	{op: fakeiam.ListPolicyTags, perUser: true, most: 50,
		named: func(owner string, n int) []fakeiam.Option {
			p := fakeiam.ManagedPolicy(owner+"-tagged", docList)
			for i := range n {
				p = p.Tag(fmt.Sprintf("k%03d", 2*i), "v")
			}
			return []fakeiam.Option{p}
		},
		list: func(owner string, m *string, n *int32) call {
			return withPolicyARN(owner+"-tagged", func(arn string) call { return listPolicyTags(arn, m, n) })
		},
		ids: itemIDs("Tags", "Key"),
		add: func(owner string, i int) call {
			return withPolicyARN(owner+"-tagged", func(arn string) call { return tagPolicy(arn, tag(fmt.Sprintf("k%03d", 2*i+1), "v")) })
		},
		remove: func(owner, id string) call {
			return withPolicyARN(owner+"-tagged", func(arn string) call { return untagPolicy(arn, id) })
		}},
}
