package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// A seed file's role policies, role attachments and permissions
// boundaries.
func TestSeedRolePoliciesAndBoundaries(t *testing.T) {
	arn := "arn:aws:iam::" + fakeiam.DefaultAccountID + ":policy/Boundary"
	seed := `{"users": [{"name": "Bob", "permissionsBoundary": "` + arn + `"}],
 "roles": [{"name": "deployer", "permissionsBoundary": "` + arn + `",
            "inlinePolicies": [{"name": "s3", "document": {"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}}]}],
 "managedPolicies": [{"name": "Boundary", "document": "` + seedDoc + `", "roles": ["deployer"]}],
 "policiesPerRole": 4}`
	opts, err := parseSeed([]byte(seed), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f, err := fakeiam.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c := f.Client()
	p, err := c.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(arn)})
	if err != nil {
		t.Fatal(err)
	}
	u, err := c.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("Bob")})
	if err != nil {
		t.Fatal(err)
	}
	names, err := c.ListRolePolicies(ctx, &iam.ListRolePoliciesInput{RoleName: aws.String("deployer")})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := c.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(*p.Policy.AttachmentCount, " ", *p.Policy.PermissionsBoundaryUsageCount, " ", *u.User.PermissionsBoundary.PermissionsBoundaryArn, " ",
		names.PolicyNames, " ", sum.SummaryMap["AttachedPoliciesPerRoleQuota"])
	if diff := cmp.Diff("1 2 "+arn+" [s3] 4", got); diff != "" {
		t.Errorf("the seeded account (-want +got):\n%s", diff)
	}
}

// Every problem of a seed file's role policies and boundaries is named at
// its place.
func TestSeedRolePolicyProblems(t *testing.T) {
	seed := `{"users": [{"name": "Bob", "permissionsBoundary": "arn:aws:iam::123456789012:policy/nope"},
           {"name": "Carol", "permissionsBoundary": "short"}],
 "roles": [{"name": "deployer", "inlinePolicies": [{"name": "p", "document": "{}"}]},
           {"name": "r2", "permissionsBoundary": "arn:aws:iam::123456789012:policy/ops/P"}],
 "root": {"permissionsBoundary": "arn:aws:iam::123456789012:policy/P"},
 "managedPolicies": [{"name": "P", "document": "` + seedDoc + `", "roles": ["nope", "deployer", "deployer"]},
                     {"name": "Q", "document": "` + seedDoc + `", "roles": ["deployer"]}],
 "policiesPerRole": 1}`
	_, err := parseSeed([]byte(seed), t.TempDir())
	if err == nil {
		t.Fatal("parseSeed accepted the seed")
	}
	for _, want := range []string{
		`users[0].permissionsBoundary: "arn:aws:iam::123456789012:policy/nope" is none of the account's managedPolicies`,
		`users[1].permissionsBoundary: "short": a policy ARN is 20 to 2048 characters`,
		`roles[0].inlinePolicies[0]: role "deployer": inline policy 1 "p": MalformedPolicyDocument: Syntax errors in policy.`,
		`roles[1].permissionsBoundary: "arn:aws:iam::123456789012:policy/ops/P" is none of the account's managedPolicies`,
		`root.permissionsBoundary: the root user has no permissions boundary`,
		`managedPolicies[0].roles[0]: "nope" is none of the account's roles`,
		`managedPolicies[0].roles[2]: "deployer" is named twice (roles[1])`,
		`managedPolicies[1].roles[0]: "deployer" would hold 2 managed policies, over the quota of 1`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not say %q:\n%v", want, err)
		}
	}
}
