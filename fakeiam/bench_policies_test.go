package fakeiam_test

// The paired rows (BenchmarkPairedRatios/op, bench_paired_test.go) of the
// managed-policy operations: managed_policies.go, policy_attachments.go.
// The floor answers a copy of the fake's own answer to the same call, made
// as cheaply as the other rows' floors make theirs.

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

func init() { pairedRows = append(pairedRows, policyRows...) }

// doc6K is a policy document of some 6 KB (policy_reader_internal_test.go).
var doc6K = fakeiam.Doc6K

// policiesFake seeds policies policy0000... (the first two with a second
// version, v2 the default), under lifted quotas; users member000... with
// the first attached policies each, and group group0000 with them too.
func policiesFake(tb testing.TB, policies, attached, members int) *fakeiam.Fake {
	tb.Helper()
	opts := []fakeiam.Option{fakeiam.PoliciesPerAccount(writeBatch + 1500), fakeiam.PoliciesPerUser(attached + 10), fakeiam.PoliciesPerGroup(attached + 10),
		fakeiam.Group("group0000")}
	names := make([]string, members)
	for i := range names {
		names[i] = fmt.Sprintf("member%03d", i)
		opts = append(opts, fakeiam.User(names[i]))
	}
	for i := range policies {
		p := fakeiam.ManagedPolicy(fmt.Sprintf("policy%04d", i), docList)
		if i < 2 {
			p = p.Versions(docDeny)
		}
		if i < attached {
			p = p.AttachedToUsers(names...).AttachedToGroups("group0000")
		}
		opts = append(opts, p)
	}
	f, err := newFakeE(opts...)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// policyARNOf is the ARN of policiesFake's policy k.
func policyARNOf(k int) *string { return aws.String(arnOf("/", fmt.Sprintf("policy%04d", k))) }

// The floors' answers: the cheapest faithful copy of the fake's answer, as
// the other rows' floors make it (fresh pointers for every field, nil kept
// nil, one allocation per kind of field).

// strs copies the strings ps points to into one block; a nil pointer
// stays nil.
func strs(ps ...*string) []*string {
	block := make([]string, len(ps))
	out := make([]*string, len(ps))
	for i, p := range ps {
		if p != nil {
			block[i] = *p
			out[i] = &block[i]
		}
	}
	return out
}

func copyPolicies(in []types.Policy) []types.Policy {
	out := make([]types.Policy, len(in))
	ints := make([]int32, 2*len(in))
	dates := make([]time.Time, 2*len(in))
	for i, p := range in {
		s := strs(p.Arn, p.DefaultVersionId, p.Description, p.Path, p.PolicyId, p.PolicyName)
		ints[2*i], ints[2*i+1] = aws.ToInt32(p.AttachmentCount), aws.ToInt32(p.PermissionsBoundaryUsageCount)
		dates[2*i], dates[2*i+1] = aws.ToTime(p.CreateDate), aws.ToTime(p.UpdateDate)
		out[i] = types.Policy{Arn: s[0], DefaultVersionId: s[1], Description: s[2], Path: s[3], PolicyId: s[4], PolicyName: s[5],
			AttachmentCount: &ints[2*i], PermissionsBoundaryUsageCount: &ints[2*i+1], IsAttachable: p.IsAttachable,
			CreateDate: &dates[2*i], UpdateDate: &dates[2*i+1]}
		if p.Tags != nil {
			out[i].Tags = copyTags(p.Tags)
		}
	}
	return out
}

func copyPolicyVersions(in []types.PolicyVersion) []types.PolicyVersion {
	out := make([]types.PolicyVersion, len(in))
	dates := make([]time.Time, len(in))
	for i, v := range in {
		s := strs(v.Document, v.VersionId)
		dates[i] = aws.ToTime(v.CreateDate)
		out[i] = types.PolicyVersion{Document: s[0], VersionId: s[1], IsDefaultVersion: v.IsDefaultVersion, CreateDate: &dates[i]}
	}
	return out
}

func copyAttached(in []types.AttachedPolicy) []types.AttachedPolicy {
	out := make([]types.AttachedPolicy, len(in))
	block := make([]string, 2*len(in))
	for i, a := range in {
		block[2*i], block[2*i+1] = *a.PolicyArn, *a.PolicyName
		out[i] = types.AttachedPolicy{PolicyArn: &block[2*i], PolicyName: &block[2*i+1]}
	}
	return out
}

// readRow is a row of a read (or a list page) of f by call, the floor
// answering floorOf's copy of the fake's answer; check checks that answer.
func readRow[Out any](tb testing.TB, f *fakeiam.Fake, call func(c *iam.Client) (*Out, error), floorOf func(*Out) any, check func(*Out) string) (func() (any, error), func() (any, error), func()) {
	out, err := call(f.Client())
	warmedUp(tb, err)
	if msg := check(out); msg != "" {
		tb.Fatal(msg)
	}
	floor := floorClient(usersFake(tb, 0), func() any { return floorOf(out) })
	return calls(floor, call), calls(f.Client(), call), nil
}

func noCheck[Out any](*Out) string { return "" }

var policyRows = []pairedRow{
	// A policy with a 6 KB document, into a fake of writeBatch policies.
	{fakeiam.CreatePolicy, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		names := make([]string, writeBatch)
		for k := range names {
			names[k] = fmt.Sprintf("new%04d", k)
		}
		call := func(c *iam.Client, k int) (any, error) {
			return c.CreatePolicy(context.Background(), &iam.CreatePolicyInput{PolicyName: &names[k], PolicyDocument: &doc6K})
		}
		fresh := func() *iam.Client { return policiesFake(tb, 0, 0, 0).Client() }
		out, err := fresh().CreatePolicy(context.Background(), &iam.CreatePolicyInput{PolicyName: &names[0], PolicyDocument: &doc6K})
		warmedUp(tb, err)
		return batched(func() *iam.Client {
			return floorClient(usersFake(tb, 0), func() any { return &iam.CreatePolicyOutput{Policy: &copyPolicies([]types.Policy{*out.Policy})[0]} })
		}, fresh, call)
	}},
	{fakeiam.DeletePolicy, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return batched(func() *iam.Client { return empty[iam.DeletePolicyOutput](tb) }, func() *iam.Client { return policiesFake(tb, writeBatch+2, 0, 0).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.DeletePolicy(context.Background(), &iam.DeletePolicyInput{PolicyArn: policyARNOf(k + 2)})
			})
	}},
	{fakeiam.GetPolicy, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return readRow(tb, policiesFake(tb, 100, 1, 1), func(c *iam.Client) (*iam.GetPolicyOutput, error) {
			return c.GetPolicy(context.Background(), &iam.GetPolicyInput{PolicyArn: policyARNOf(50)})
		}, func(out *iam.GetPolicyOutput) any {
			return &iam.GetPolicyOutput{Policy: &copyPolicies([]types.Policy{*out.Policy})[0]}
		}, noCheck)
	}},
	// A 100-policy page of the account's (Scope AWS: BenchmarkAWSManagedPolicies).
	{fakeiam.ListPolicies, budgetPage, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return readRow(tb, policiesFake(tb, 100, 0, 0), func(c *iam.Client) (*iam.ListPoliciesOutput, error) {
			return c.ListPolicies(context.Background(), &iam.ListPoliciesInput{Scope: types.PolicyScopeTypeLocal})
		}, func(out *iam.ListPoliciesOutput) any {
			return &iam.ListPoliciesOutput{Policies: copyPolicies(out.Policies), IsTruncated: out.IsTruncated, Marker: strs(out.Marker)[0]}
		}, func(out *iam.ListPoliciesOutput) string {
			if len(out.Policies) != 100 || out.IsTruncated {
				return fmt.Sprintf("the page: %d policies, truncated %v; want 100, false", len(out.Policies), out.IsTruncated)
			}
			return ""
		})
	}},
	// A second version (6 KB) of each of writeBatch policies.
	{fakeiam.CreatePolicyVersion, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		call := func(c *iam.Client, k int) (any, error) {
			return c.CreatePolicyVersion(context.Background(), &iam.CreatePolicyVersionInput{PolicyArn: policyARNOf(k + 2), PolicyDocument: &doc6K})
		}
		fresh := func() *iam.Client { return policiesFake(tb, writeBatch+2, 0, 0).Client() }
		got, err := call(fresh(), 0)
		warmedUp(tb, err)
		out := got.(*iam.CreatePolicyVersionOutput)
		return batched(func() *iam.Client {
			return floorClient(usersFake(tb, 0), func() any {
				return &iam.CreatePolicyVersionOutput{PolicyVersion: &copyPolicyVersions([]types.PolicyVersion{*out.PolicyVersion})[0]}
			})
		}, fresh, call)
	}},
	{fakeiam.GetPolicyVersion, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return readRow(tb, policiesFake(tb, 10, 0, 0), func(c *iam.Client) (*iam.GetPolicyVersionOutput, error) {
			return c.GetPolicyVersion(context.Background(), &iam.GetPolicyVersionInput{PolicyArn: policyARNOf(0), VersionId: aws.String("v2")})
		}, func(out *iam.GetPolicyVersionOutput) any {
			return &iam.GetPolicyVersionOutput{PolicyVersion: &copyPolicyVersions([]types.PolicyVersion{*out.PolicyVersion})[0]}
		}, noCheck)
	}},
	{fakeiam.ListPolicyVersions, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return readRow(tb, policiesFake(tb, 10, 0, 0), func(c *iam.Client) (*iam.ListPolicyVersionsOutput, error) {
			return c.ListPolicyVersions(context.Background(), &iam.ListPolicyVersionsInput{PolicyArn: policyARNOf(0)})
		}, func(out *iam.ListPolicyVersionsOutput) any {
			return &iam.ListPolicyVersionsOutput{Versions: copyPolicyVersions(out.Versions), IsTruncated: out.IsTruncated, Marker: strs(out.Marker)[0]}
		}, func(out *iam.ListPolicyVersionsOutput) string {
			if len(out.Versions) != 2 {
				return fmt.Sprintf("%d versions, want 2", len(out.Versions))
			}
			return ""
		})
	}},
	// A version created (untimed) and deleted again.
	{fakeiam.DeletePolicyVersion, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		c := policiesFake(tb, 10, 0, 0).Client()
		version := "v3"
		call := func(c *iam.Client) (*iam.DeletePolicyVersionOutput, error) {
			return c.DeletePolicyVersion(context.Background(), &iam.DeletePolicyVersionInput{PolicyArn: policyARNOf(0), VersionId: &version})
		}
		putBack := func() {
			out, err := c.CreatePolicyVersion(context.Background(), &iam.CreatePolicyVersionInput{PolicyArn: policyARNOf(0), PolicyDocument: aws.String(docList)})
			warmedUp(tb, err)
			version = *out.PolicyVersion.VersionId
		}
		putBack()
		return calls(empty[iam.DeletePolicyVersionOutput](tb), call), calls(c, call), putBack
	}},
	{fakeiam.SetDefaultPolicyVersion, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		n := 0
		call := func(c *iam.Client) (*iam.SetDefaultPolicyVersionOutput, error) {
			return c.SetDefaultPolicyVersion(context.Background(), &iam.SetDefaultPolicyVersionInput{PolicyArn: policyARNOf(0), VersionId: aws.String(fmt.Sprintf("v%d", 1+n%2))})
		}
		return calls(empty[iam.SetDefaultPolicyVersionOutput](tb), call), calls(policiesFake(tb, 10, 0, 0).Client(), call), func() { n++ }
	}},
	// A user of nine policies given a tenth, which is taken away between
	// pairs (untimed).
	{fakeiam.AttachUserPolicy, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		c := policiesFake(tb, 20, 9, 1).Client()
		in := &iam.AttachUserPolicyInput{UserName: aws.String("member000"), PolicyArn: policyARNOf(15)}
		call := func(c *iam.Client) (*iam.AttachUserPolicyOutput, error) {
			return c.AttachUserPolicy(context.Background(), in)
		}
		takeAway := func() {
			_, err := c.DetachUserPolicy(context.Background(), &iam.DetachUserPolicyInput{UserName: in.UserName, PolicyArn: in.PolicyArn})
			warmedUp(tb, err)
		}
		return calls(empty[iam.AttachUserPolicyOutput](tb), call), calls(c, call), takeAway
	}},
	{fakeiam.DetachUserPolicy, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		c := policiesFake(tb, 20, 10, 1).Client()
		in := &iam.DetachUserPolicyInput{UserName: aws.String("member000"), PolicyArn: policyARNOf(5)}
		call := func(c *iam.Client) (*iam.DetachUserPolicyOutput, error) {
			return c.DetachUserPolicy(context.Background(), in)
		}
		putBack := func() {
			_, err := c.AttachUserPolicy(context.Background(), &iam.AttachUserPolicyInput{UserName: in.UserName, PolicyArn: in.PolicyArn})
			warmedUp(tb, err)
		}
		return calls(empty[iam.DetachUserPolicyOutput](tb), call), calls(c, call), putBack
	}},
	// Ten policies: the most a user holds (IAM's quota).
	{fakeiam.ListAttachedUserPolicies, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return readRow(tb, policiesFake(tb, 20, 10, 1), func(c *iam.Client) (*iam.ListAttachedUserPoliciesOutput, error) {
			return c.ListAttachedUserPolicies(context.Background(), &iam.ListAttachedUserPoliciesInput{UserName: aws.String("member000")})
		}, func(out *iam.ListAttachedUserPoliciesOutput) any {
			return &iam.ListAttachedUserPoliciesOutput{AttachedPolicies: copyAttached(out.AttachedPolicies), IsTruncated: out.IsTruncated, Marker: strs(out.Marker)[0]}
		}, func(out *iam.ListAttachedUserPoliciesOutput) string {
			if len(out.AttachedPolicies) != 10 {
				return fmt.Sprintf("%d policies, want 10", len(out.AttachedPolicies))
			}
			return ""
		})
	}},
	{fakeiam.AttachGroupPolicy, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		c := policiesFake(tb, 20, 9, 0).Client()
		in := &iam.AttachGroupPolicyInput{GroupName: aws.String("group0000"), PolicyArn: policyARNOf(15)}
		call := func(c *iam.Client) (*iam.AttachGroupPolicyOutput, error) {
			return c.AttachGroupPolicy(context.Background(), in)
		}
		takeAway := func() {
			_, err := c.DetachGroupPolicy(context.Background(), &iam.DetachGroupPolicyInput{GroupName: in.GroupName, PolicyArn: in.PolicyArn})
			warmedUp(tb, err)
		}
		return calls(empty[iam.AttachGroupPolicyOutput](tb), call), calls(c, call), takeAway
	}},
	{fakeiam.DetachGroupPolicy, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		c := policiesFake(tb, 20, 10, 0).Client()
		in := &iam.DetachGroupPolicyInput{GroupName: aws.String("group0000"), PolicyArn: policyARNOf(5)}
		call := func(c *iam.Client) (*iam.DetachGroupPolicyOutput, error) {
			return c.DetachGroupPolicy(context.Background(), in)
		}
		putBack := func() {
			_, err := c.AttachGroupPolicy(context.Background(), &iam.AttachGroupPolicyInput{GroupName: in.GroupName, PolicyArn: in.PolicyArn})
			warmedUp(tb, err)
		}
		return calls(empty[iam.DetachGroupPolicyOutput](tb), call), calls(c, call), putBack
	}},
	{fakeiam.ListAttachedGroupPolicies, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return readRow(tb, policiesFake(tb, 20, 10, 0), func(c *iam.Client) (*iam.ListAttachedGroupPoliciesOutput, error) {
			return c.ListAttachedGroupPolicies(context.Background(), &iam.ListAttachedGroupPoliciesInput{GroupName: aws.String("group0000")})
		}, func(out *iam.ListAttachedGroupPoliciesOutput) any {
			return &iam.ListAttachedGroupPoliciesOutput{AttachedPolicies: copyAttached(out.AttachedPolicies), IsTruncated: out.IsTruncated, Marker: strs(out.Marker)[0]}
		}, func(out *iam.ListAttachedGroupPoliciesOutput) string {
			if len(out.AttachedPolicies) != 10 {
				return fmt.Sprintf("%d policies, want 10", len(out.AttachedPolicies))
			}
			return ""
		})
	}},
	// A page of 100 entities: a group and 99 of the 100 users.
	{fakeiam.ListEntitiesForPolicy, budgetPage, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return readRow(tb, policiesFake(tb, 2, 1, 100), func(c *iam.Client) (*iam.ListEntitiesForPolicyOutput, error) {
			return c.ListEntitiesForPolicy(context.Background(), &iam.ListEntitiesForPolicyInput{PolicyArn: policyARNOf(0)})
		}, func(out *iam.ListEntitiesForPolicyOutput) any {
			groups := make([]types.PolicyGroup, len(out.PolicyGroups))
			users := make([]types.PolicyUser, len(out.PolicyUsers))
			block := make([]string, 2*(len(groups)+len(users)))
			for i, g := range out.PolicyGroups {
				block[2*i], block[2*i+1] = *g.GroupId, *g.GroupName
				groups[i] = types.PolicyGroup{GroupId: &block[2*i], GroupName: &block[2*i+1]}
			}
			rest := block[2*len(groups):]
			for i, u := range out.PolicyUsers {
				rest[2*i], rest[2*i+1] = *u.UserId, *u.UserName
				users[i] = types.PolicyUser{UserId: &rest[2*i], UserName: &rest[2*i+1]}
			}
			return &iam.ListEntitiesForPolicyOutput{PolicyGroups: groups, PolicyUsers: users, PolicyRoles: out.PolicyRoles[:0:0], IsTruncated: out.IsTruncated, Marker: strs(out.Marker)[0]}
		}, func(out *iam.ListEntitiesForPolicyOutput) string {
			if n := len(out.PolicyGroups) + len(out.PolicyUsers); n != 100 || !out.IsTruncated {
				return fmt.Sprintf("the page: %d entities, truncated %v; want 100, true", n, out.IsTruncated)
			}
			return ""
		})
	}},
}
