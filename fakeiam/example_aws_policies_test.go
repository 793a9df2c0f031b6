package fakeiam_test

import (
	"context"
	"fmt"
	"net/url"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// IAM's own policies exist in every fake, with their descriptions and the
// versions the catalog's snapshot holds: attach one in the seed, then read
// it as IAM answers it (a version's document URL-encoded).
func ExampleAWSManagedPolicy() {
	const s3ReadOnly = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
	f := fakeiam.MustNew(fakeiam.User("Bob"), fakeiam.AWSManagedPolicy(s3ReadOnly).AttachedToUsers("Bob"))
	ctx := context.Background()
	c := f.Client()

	p, err := c.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(s3ReadOnly)})
	if err != nil {
		fmt.Println("get:", err)
		return
	}
	fmt.Println(*p.Policy.PolicyName, *p.Policy.DefaultVersionId, *p.Policy.AttachmentCount, "attachment:", *p.Policy.Description)

	versions, err := c.ListPolicyVersions(ctx, &iam.ListPolicyVersionsInput{PolicyArn: aws.String(s3ReadOnly)})
	if err != nil {
		fmt.Println("versions:", err)
		return
	}
	for _, v := range versions.Versions {
		fmt.Println(*v.VersionId, v.IsDefaultVersion, v.CreateDate.Format("2006-01-02"))
	}

	v1, err := c.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: aws.String(s3ReadOnly), VersionId: aws.String("v1")})
	if err != nil {
		fmt.Println("v1:", err)
		return
	}
	doc, _ := url.QueryUnescape(*v1.PolicyVersion.Document)
	fmt.Println(doc)
	// Output:
	// AmazonS3ReadOnlyAccess v3 1 attachment: Provides read only access to all buckets via the AWS Management Console.
	// v3 true 2023-08-10
	// v2 false 2021-09-27
	// v1 false 2015-02-06
	// {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"*"}]}
}
