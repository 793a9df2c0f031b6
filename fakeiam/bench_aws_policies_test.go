package fakeiam_test

// BenchmarkAWSManagedPolicies pairs the reads of AWS managed policies
// (aws_managed_policies.go) with the same floor as BenchmarkPairedRatios'
// rows (a canned copy of the fake's answer at the innermost Finalize
// position): their path differs from the customer managed policies' rows
// of the same operations (bench_policies_test.go). Budgets: reads 1.10,
// a 100-item page 1.25 (docs/architecture.md). And New's budget, whatever
// the catalog weighs: New never reads it.
//
//	go test ./fakeiam -run '^$' -bench 'AWSManagedPolicies' -benchtime=2000x

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

func BenchmarkAWSManagedPolicies(b *testing.B) {
	ctx := context.Background()
	attachedFake := func(tb testing.TB) *fakeiam.Fake {
		return newFake(fakeiam.User("Bob"), fakeiam.Group("admins"),
			fakeiam.AWSManagedPolicy(awsReadOnlyARN).AttachedToUsers("Bob").AttachedToGroups("admins"),
			fakeiam.AWSManagedPolicy(awsSysAdminARN).AttachedToUsers("Bob"))
	}
	rows := []struct {
		name  string
		setup func(tb testing.TB) (func() (any, error), func() (any, error), func())
	}{
		{"GetPolicy", func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
			return readRow(tb, newFake(), func(c *iam.Client) (*iam.GetPolicyOutput, error) {
				return c.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(awsReadOnlyARN)})
			}, func(out *iam.GetPolicyOutput) any {
				return &iam.GetPolicyOutput{Policy: &copyPolicies([]types.Policy{*out.Policy})[0]}
			}, noCheck)
		}},
		{"GetPolicy/attached", func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
			return readRow(tb, attachedFake(tb), func(c *iam.Client) (*iam.GetPolicyOutput, error) {
				return c.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(awsReadOnlyARN)})
			}, func(out *iam.GetPolicyOutput) any {
				return &iam.GetPolicyOutput{Policy: &copyPolicies([]types.Policy{*out.Policy})[0]}
			}, noCheck)
		}},
		{"GetPolicyVersion", func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
			return awsVersionRow(tb, awsSysAdminARN, "v12")
		}},
		{"GetPolicyVersion/older", func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
			return awsVersionRow(tb, awsSysAdminARN, "v10")
		}},
		{"ListPolicyVersions/items=95", func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
			return readRow(tb, newFake(), func(c *iam.Client) (*iam.ListPolicyVersionsOutput, error) {
				return c.ListPolicyVersions(ctx, &iam.ListPolicyVersionsInput{PolicyArn: aws.String(awsReadOnlyARN)})
			}, func(out *iam.ListPolicyVersionsOutput) any {
				vs := make([]types.PolicyVersion, len(out.Versions))
				for i, v := range out.Versions {
					vs[i] = types.PolicyVersion{VersionId: aws.String(*v.VersionId), IsDefaultVersion: v.IsDefaultVersion, CreateDate: aws.Time(*v.CreateDate)}
				}
				return &iam.ListPolicyVersionsOutput{Versions: vs}
			}, func(out *iam.ListPolicyVersionsOutput) string {
				if len(out.Versions) != 95 {
					return "want ReadOnlyAccess's 95 versions"
				}
				return ""
			})
		}},
		{"ListPolicies/scope=AWS/items=100", func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
			return readRow(tb, newFake(), func(c *iam.Client) (*iam.ListPoliciesOutput, error) {
				return c.ListPolicies(ctx, &iam.ListPoliciesInput{Scope: types.PolicyScopeTypeAws})
			}, func(out *iam.ListPoliciesOutput) any {
				return &iam.ListPoliciesOutput{Policies: copyPolicies(out.Policies), IsTruncated: out.IsTruncated, Marker: strs(out.Marker)[0]}
			}, func(out *iam.ListPoliciesOutput) string {
				if len(out.Policies) != 100 || !out.IsTruncated {
					return "want a full page of 100 and a marker"
				}
				return ""
			})
		}},
		{"ListPolicies/scope=AWS/only-attached", func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
			return readRow(tb, attachedFake(tb), func(c *iam.Client) (*iam.ListPoliciesOutput, error) {
				return c.ListPolicies(ctx, &iam.ListPoliciesInput{Scope: types.PolicyScopeTypeAws, OnlyAttached: true})
			}, func(out *iam.ListPoliciesOutput) any {
				return &iam.ListPoliciesOutput{Policies: copyPolicies(out.Policies), IsTruncated: out.IsTruncated, Marker: strs(out.Marker)[0]}
			}, func(out *iam.ListPoliciesOutput) string {
				if len(out.Policies) != 2 {
					return "want the 2 attached"
				}
				return ""
			})
		}},
		{"ListAttachedUserPolicies", func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
			return readRow(tb, attachedFake(tb), func(c *iam.Client) (*iam.ListAttachedUserPoliciesOutput, error) {
				return c.ListAttachedUserPolicies(ctx, &iam.ListAttachedUserPoliciesInput{UserName: aws.String("Bob")})
			}, func(out *iam.ListAttachedUserPoliciesOutput) any {
				ps := make([]types.AttachedPolicy, len(out.AttachedPolicies))
				for i, p := range out.AttachedPolicies {
					ps[i] = types.AttachedPolicy{PolicyName: aws.String(*p.PolicyName), PolicyArn: aws.String(*p.PolicyArn)}
				}
				return &iam.ListAttachedUserPoliciesOutput{AttachedPolicies: ps}
			}, noCheck)
		}},
	}
	for _, r := range rows {
		b.Run(r.name, func(b *testing.B) {
			floor, fake, _ := r.setup(b)
			pairedRatio(b, func() error { _, err := floor(); return err }, func() error { _, err := fake(); return err }, nil)
		})
	}
	// New with the quickstart seed against a List call, the catalog
	// already read by this process (as above): New does not touch it.
	b.Run("New/quickstart-vs-list/catalog-loaded", func(b *testing.B) {
		if _, err := newFake().Client().GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(awsReadOnlyARN)}); err != nil {
			b.Fatal(err)
		}
		f := newFake(fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{}, fakeiam.SigningCertificate{}))
		in := &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")}
		out, err := f.Client().ListSigningCertificates(ctx, in)
		if err != nil {
			b.Fatal(err)
		}
		floor := floorClient(f, func() any {
			return &iam.ListSigningCertificatesOutput{Certificates: copyCerts(out.Certificates)}
		})
		pairedRatio(b,
			func() error { _, err := floor.ListSigningCertificates(ctx, in); return err },
			func() error { _, err := fakeiam.New(quickstartSeed()); return err }, nil)
	})
}

// awsVersionRow pairs GetPolicyVersion of an AWS managed policy's version.
func awsVersionRow(tb testing.TB, arn, id string) (func() (any, error), func() (any, error), func()) {
	return readRow(tb, newFake(), func(c *iam.Client) (*iam.GetPolicyVersionOutput, error) {
		return c.GetPolicyVersion(context.Background(), &iam.GetPolicyVersionInput{PolicyArn: aws.String(arn), VersionId: aws.String(id)})
	}, func(out *iam.GetPolicyVersionOutput) any {
		v := *out.PolicyVersion
		v.Document, v.VersionId, v.CreateDate = aws.String(*v.Document), aws.String(*v.VersionId), aws.Time(*v.CreateDate)
		return &iam.GetPolicyVersionOutput{PolicyVersion: &v}
	}, noCheck)
}
