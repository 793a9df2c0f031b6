package fakeiam_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

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

// A user assumes a role whose trust policy names it; the session signs
// until it expires on the fake's clock, then every call is ExpiredToken.
func ExamplePrincipal_AssumeRole() {
	f := fakeiam.MustNew(fakeiam.User("Bob"), fakeiam.Role("deployer").TrustPolicy(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow",`+
		`"Principal":{"AWS":"arn:aws:iam::123456789012:user/Bob"},"Action":"sts:AssumeRole"}]}`))
	session, err := f.User("Bob").AssumeRole(&sts.AssumeRoleInput{RoleArn: aws.String("deployer"), RoleSessionName: aws.String("ci"),
		DurationSeconds: aws.Int32(900)})
	if err != nil {
		fmt.Println(err)
		return
	}
	me, err := session.STSClient().GetCallerIdentity(context.Background(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(*me.Arn, session.Credentials.AccessKeyID[:4])
	if err := f.Advance(15 * time.Minute); err != nil {
		fmt.Println(err)
		return
	}
	_, err = session.Client().ListUsers(context.Background(), &iam.ListUsersInput{})
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.ErrorCode()+":", apiErr.ErrorMessage())
	}
	// Output:
	// arn:aws:sts::123456789012:assumed-role/deployer/ci ASIA
	// ExpiredToken: The security token included in the request is expired
}

// Alice may not assume a role that trusts only Bob: STS's AccessDenied.
func ExamplePrincipal_AssumeRole_denied() {
	f := fakeiam.MustNew(fakeiam.User("Alice"), fakeiam.Role("deployer").TrustPolicy(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow",`+
		`"Principal":{"AWS":"arn:aws:iam::123456789012:user/Bob"},"Action":"sts:AssumeRole"}]}`))
	_, err := f.User("Alice").AssumeRole(&sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::123456789012:role/deployer"), RoleSessionName: aws.String("ci")})
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.ErrorCode()+":", apiErr.ErrorMessage())
	}
	// Output:
	// AccessDenied: User: arn:aws:iam::123456789012:user/Alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/deployer
}

// FederationToken gets a federated user's credentials as Bob, as
// Vault's AWS secrets engine or a console-login tool does: they answer
// GetCallerIdentity as the federated user, and, as in AWS, IAM refuses
// them.
func ExamplePrincipal_FederationToken() {
	f := fakeiam.MustNew(fakeiam.User("Bob"))
	ctx := context.Background()
	app, err := f.User("Bob").FederationToken(&sts.GetFederationTokenInput{Name: aws.String("app"),
		Policy: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)})
	if err != nil {
		fmt.Println(err)
		return
	}
	me, err := app.STSClient().GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(*me.Arn, *me.UserId)

	_, err = app.Client().ListUsers(ctx, &iam.ListUsersInput{})
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.ErrorCode())
	}
	// Output:
	// arn:aws:sts::123456789012:federated-user/app 123456789012:app
	// InvalidClientTokenId
}
