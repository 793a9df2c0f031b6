package fakeiam_test

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// A least-privilege check as a test writes it: can the deploy role read
// the artifacts bucket, and is it kept from deleting it? The simulator
// decides the role's own policies as AWS does, and names the statement
// that decided (an inline policy as role_<role>_<policy>, a managed one
// by its name).
func ExampleFake_simulatePrincipalPolicy() {
	const read = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"arn:aws:s3:::artifacts*"}]}`
	const guard = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:Delete*","Resource":"*"}]}`
	f := fakeiam.MustNew(
		fakeiam.Role("deploy").InlinePolicy("read-artifacts", read),
		fakeiam.ManagedPolicy("no-deletes", guard).AttachedToRoles("deploy"),
	)
	out, err := f.Client().SimulatePrincipalPolicy(context.Background(), &iam.SimulatePrincipalPolicyInput{
		PolicySourceArn: aws.String("arn:aws:iam::123456789012:role/deploy"),
		ActionNames:     []string{"s3:GetObject", "s3:PutObject", "s3:DeleteBucket"},
		ResourceArns:    []string{"arn:aws:s3:::artifacts/app.zip"},
	})
	if err != nil {
		fmt.Println("simulate:", err)
		return
	}
	for _, r := range out.EvaluationResults {
		fmt.Print(*r.EvalActionName, " ", r.EvalDecision)
		for _, s := range r.MatchedStatements {
			fmt.Print(" by ", *s.SourcePolicyId)
		}
		fmt.Println()
	}
	// Output:
	// s3:GetObject allowed by role_deploy_read-artifacts
	// s3:PutObject implicitDeny
	// s3:DeleteBucket explicitDeny by no-deletes
}
