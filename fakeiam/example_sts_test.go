package fakeiam_test

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// AttachSTS puts the fake under an STS client your code builds, with its
// own credentials: GetCallerIdentity answers whose key it is, and follows
// the user through a rename as STS does.
func ExampleFake_AttachSTS() {
	f := fakeiam.MustNew(fakeiam.User("Bob").AccessKey(fakeiam.AccessKey{ID: "AKIAIOSFODNN7EXAMPLE", Secret: "bob-secret"}))
	ctx := context.Background()
	creds := aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "bob-secret"}, nil
	})
	who := sts.New(sts.Options{Region: "eu-west-1", Credentials: creds}, f.AttachSTS)

	me, err := who.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(*me.Arn, *me.Account)

	_, err = f.Client().UpdateUser(ctx, &iam.UpdateUserInput{UserName: aws.String("Bob"), NewUserName: aws.String("Robert")})
	if err != nil {
		fmt.Println(err)
		return
	}
	me, err = who.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(*me.Arn)
	// Output:
	// arn:aws:iam::123456789012:user/Bob 123456789012
	// arn:aws:iam::123456789012:user/Robert
}

// A role signs as its assumed-role session; the fake's session name is
// RoleSessionName.
func ExamplePrincipal_STSClient() {
	f := fakeiam.MustNew(fakeiam.Role("deployer"))
	me, err := f.Role("deployer").STSClient().GetCallerIdentity(context.Background(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(*me.Arn)
	// Output: arn:aws:sts::123456789012:assumed-role/deployer/fakeiam
}
