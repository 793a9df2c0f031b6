package fakeiam_test

// The paired row (BenchmarkPairedRatios/op, bench_paired_test.go) of
// GetAccountAuthorizationDetails (account_authorization_details.go), with
// issue 17's bar: a page over 1,000 users, roles and policies within 1.5 ×
// a floor answering a copy of the same page.

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

// budgetDetails is issue 17's bar for a 1,000-item page.
const budgetDetails = 1.5

func init() {
	pairedRows = append(pairedRows, pairedRow{fakeiam.GetAccountAuthorizationDetails, budgetDetails,
		func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
			return readRow(tb, detailsFake(tb, 400, 300, 300), func(c *iam.Client) (*iam.GetAccountAuthorizationDetailsOutput, error) {
				return c.GetAccountAuthorizationDetails(context.Background(), &iam.GetAccountAuthorizationDetailsInput{MaxItems: aws.Int32(1000)})
			}, func(out *iam.GetAccountAuthorizationDetailsOutput) any { return copyDetails(out) },
				func(out *iam.GetAccountAuthorizationDetailsOutput) string {
					if n := len(out.UserDetailList) + len(out.GroupDetailList) + len(out.RoleDetailList) + len(out.Policies); n != 1000 || !out.IsTruncated {
						return fmt.Sprintf("the page: %d items, truncated %v; want 1000, true", n, out.IsTruncated)
					}
					return ""
				})
		}})
}

// detailsFake seeds users user000... (each with an inline policy, a group
// and an attached policy), group group0000, roles role000... and policies
// policy0000... (the first with two versions): users+1+roles+policies
// entities.
func detailsFake(tb testing.TB, users, roles, policies int, more ...fakeiam.Option) *fakeiam.Fake {
	tb.Helper()
	opts := append([]fakeiam.Option{fakeiam.PoliciesPerAccount(policies + 10), fakeiam.Group("group0000")}, more...)
	names := make([]string, users)
	for i := range names {
		names[i] = fmt.Sprintf("user%03d", i)
		opts = append(opts, fakeiam.User(names[i]).InlinePolicy("s3", s3Doc).Tag("team", "eng"))
	}
	for i := range roles {
		opts = append(opts, fakeiam.Role(fmt.Sprintf("role%03d", i)))
	}
	for i := range policies {
		p := fakeiam.ManagedPolicy(fmt.Sprintf("policy%04d", i), docList)
		if i == 0 {
			p = p.Versions(docDeny).AttachedToUsers(names...)
		}
		opts = append(opts, p)
	}
	opts = append(opts, fakeiam.Group("group0001").Members(names...))
	f, err := newFakeE(opts...)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// copyDetails is the cheapest faithful copy of a page, as the other
// floors make theirs (fresh pointers for every field, nil kept nil, one
// allocation per kind of field and entity).
func copyDetails(in *iam.GetAccountAuthorizationDetailsOutput) *iam.GetAccountAuthorizationDetailsOutput {
	out := &iam.GetAccountAuthorizationDetailsOutput{IsTruncated: in.IsTruncated, Marker: strs(in.Marker)[0],
		UserDetailList: make([]types.UserDetail, len(in.UserDetailList)), GroupDetailList: make([]types.GroupDetail, len(in.GroupDetailList)),
		RoleDetailList: make([]types.RoleDetail, len(in.RoleDetailList)), Policies: make([]types.ManagedPolicyDetail, len(in.Policies))}
	for i, u := range in.UserDetailList {
		s := strs(u.Path, u.UserName, u.UserId, u.Arn)
		out.UserDetailList[i] = types.UserDetail{Path: s[0], UserName: s[1], UserId: s[2], Arn: s[3], CreateDate: aws.Time(*u.CreateDate),
			UserPolicyList: copyPolicyDetails(u.UserPolicyList), GroupList: append([]string{}, u.GroupList...),
			AttachedManagedPolicies: copyAttached(u.AttachedManagedPolicies), Tags: copyTags(u.Tags)}
	}
	for i, g := range in.GroupDetailList {
		s := strs(g.Path, g.GroupName, g.GroupId, g.Arn)
		out.GroupDetailList[i] = types.GroupDetail{Path: s[0], GroupName: s[1], GroupId: s[2], Arn: s[3], CreateDate: aws.Time(*g.CreateDate),
			GroupPolicyList: copyPolicyDetails(g.GroupPolicyList), AttachedManagedPolicies: copyAttached(g.AttachedManagedPolicies)}
	}
	for i, r := range in.RoleDetailList {
		s := strs(r.Path, r.RoleName, r.RoleId, r.Arn, r.AssumeRolePolicyDocument)
		out.RoleDetailList[i] = types.RoleDetail{Path: s[0], RoleName: s[1], RoleId: s[2], Arn: s[3], AssumeRolePolicyDocument: s[4],
			CreateDate: aws.Time(*r.CreateDate), InstanceProfileList: []types.InstanceProfile{}, RolePolicyList: copyPolicyDetails(r.RolePolicyList),
			AttachedManagedPolicies: copyAttached(r.AttachedManagedPolicies), Tags: copyTags(r.Tags), RoleLastUsed: &types.RoleLastUsed{}}
	}
	for i, p := range in.Policies {
		s := strs(p.PolicyName, p.PolicyId, p.Arn, p.Path, p.DefaultVersionId, p.Description)
		n := new(struct {
			attachments, boundaries int32
			created, updated        time.Time
		})
		n.attachments, n.boundaries, n.created, n.updated = *p.AttachmentCount, *p.PermissionsBoundaryUsageCount, *p.CreateDate, *p.UpdateDate
		out.Policies[i] = types.ManagedPolicyDetail{PolicyName: s[0], PolicyId: s[1], Arn: s[2], Path: s[3], DefaultVersionId: s[4], Description: s[5],
			AttachmentCount: &n.attachments, PermissionsBoundaryUsageCount: &n.boundaries, IsAttachable: p.IsAttachable,
			CreateDate: &n.created, UpdateDate: &n.updated, PolicyVersionList: copyPolicyVersions(p.PolicyVersionList)}
	}
	return out
}

func copyPolicyDetails(in []types.PolicyDetail) []types.PolicyDetail {
	if in == nil {
		return nil
	}
	out := make([]types.PolicyDetail, len(in))
	block := make([]string, 2*len(in))
	for i, p := range in {
		block[2*i], block[2*i+1] = *p.PolicyName, *p.PolicyDocument
		out[i] = types.PolicyDetail{PolicyName: &block[2*i], PolicyDocument: &block[2*i+1]}
	}
	return out
}

// BenchmarkAccountAuthorizationDetailsAfterAChange is the op row's page
// captured afresh each time: a user's tags change between calls
// (untimed), so no page is shared. Its budget is the op row's.
func BenchmarkAccountAuthorizationDetailsAfterAChange(b *testing.B) {
	var row pairedRow
	for _, r := range pairedRows {
		if r.op == fakeiam.GetAccountAuthorizationDetails {
			row = r
		}
	}
	floor, _, _ := row.setup(b)
	f := detailsFake(b, 400, 300, 300)
	c, admin := f.Client(), f.Client()
	in := &iam.GetAccountAuthorizationDetailsInput{MaxItems: aws.Int32(1000)}
	values := [2]string{"ops", "eng"}
	n := 0
	pairedRatio(b, func() error { _, err := floor(); return err },
		func() error { _, err := c.GetAccountAuthorizationDetails(context.Background(), in); return err },
		func() {
			n++
			tag := types.Tag{Key: aws.String("team"), Value: &values[n%2]}
			if _, err := admin.TagUser(context.Background(), &iam.TagUserInput{UserName: aws.String("user042"), Tags: []types.Tag{tag}}); err != nil {
				b.Fatal(err)
			}
		})
	b.ReportMetric(budgetDetails, "budget")
}
