package main

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// TestSeedAWSManagedPolicies: "awsManagedPolicies" attaches AWS managed
// policies by ARN to the account's users and groups.
func TestSeedAWSManagedPolicies(t *testing.T) {
	seed := `{"users": [{"name": "Bob"}], "groups": [{"name": "admins"}],
 "awsManagedPolicies": [{"arn": "arn:aws:iam::aws:policy/ReadOnlyAccess", "users": ["bob"], "groups": ["ADMINS"]},
   {"arn": "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess", "users": ["Bob"]}]}`
	opts, err := parseSeed([]byte(seed), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f, err := fakeiam.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	out, err := f.Client().ListAttachedUserPolicies(context.Background(), &iam.ListAttachedUserPoliciesInput{UserName: aws.String("Bob")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range out.AttachedPolicies {
		got = append(got, *p.PolicyArn)
	}
	want := []string{"arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Bob's attached policies (-want +got):\n%s", diff)
	}
}

func TestSeedAWSManagedPolicyProblems(t *testing.T) {
	seed := `{"users": [{"name": "Bob"}], "groups": [{"name": "admins"}],
 "managedPolicies": [{"name": "p", "document": "` + seedDoc + `", "users": ["Bob"]}],
 "awsManagedPolicies": [
   {"arn": "arn:aws:iam::aws:policy/NoSuchAccess"},
   {"arn": "arn:aws:iam::aws:policy/ReadOnlyAccess", "users": ["Carol", "Bob", "BOB"], "groups": ["nope"]},
   {"arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"},
   {"arn": ""},
   {"arn": "arn:aws:iam::aws:policy/service-role/AWSConfigRole"},
   {"arn": "arn:aws:iam::123456789012:policy/p"}],
 "policiesPerUser": 1}`
	_, err := parseSeed([]byte(seed), t.TempDir())
	if err == nil {
		t.Fatal("parseSeed accepted the seed")
	}
	for _, want := range []string{
		`awsManagedPolicies[0].arn: AWS managed policy "arn:aws:iam::aws:policy/NoSuchAccess": Policy arn:aws:iam::aws:policy/NoSuchAccess does not exist or is not attachable.`,
		`awsManagedPolicies[1].users[0]: "Carol" is none of the account's users`,
		`awsManagedPolicies[1].users[1]: "Bob" would hold 2 managed policies, over the quota of 1`,
		`awsManagedPolicies[1].users[2]: "BOB" is named twice (users[1])`,
		`awsManagedPolicies[1].groups[0]: "nope" is none of the account's groups`,
		`awsManagedPolicies[2].arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" is the ARN of awsManagedPolicies[1]`,
		`awsManagedPolicies[3].arn: required`,
		`awsManagedPolicies[4].arn: AWS managed policy "arn:aws:iam::aws:policy/service-role/AWSConfigRole"`,
		`awsManagedPolicies[5].arn: AWS managed policy "arn:aws:iam::123456789012:policy/p": not an AWS managed policy's ARN`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not say %q:\n%v", want, err)
		}
	}
}
