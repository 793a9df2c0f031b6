package fakeiam_test

// The role policy, attachment, permissions boundary and policy tag
// operations are in the operation table: fault rules target them, the call
// log keeps their inputs and answers, Sweep fails each in turn, and the
// control API's rules deny them.

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// rolePolCalls are one call of each operation, in an order that succeeds
// on rolePolSeed.
func rolePolCalls(ctx context.Context, c *iam.Client) []func() error {
	role, user, name := aws.String("R"), aws.String("Bob"), aws.String("s3")
	arn := aws.String(arnOf("/", "P"))
	return []func() error{
		func() error {
			_, err := c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: role, PolicyName: name, PolicyDocument: aws.String(s3Doc)})
			return err
		},
		func() error {
			_, err := c.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: role, PolicyName: name})
			return err
		},
		func() error {
			_, err := c.ListRolePolicies(ctx, &iam.ListRolePoliciesInput{RoleName: role})
			return err
		},
		func() error {
			_, err := c.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: role, PolicyName: name})
			return err
		},
		func() error {
			_, err := c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: role, PolicyArn: arn})
			return err
		},
		func() error {
			_, err := c.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: role})
			return err
		},
		func() error {
			_, err := c.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: role, PolicyArn: arn})
			return err
		},
		func() error {
			_, err := c.PutUserPermissionsBoundary(ctx, &iam.PutUserPermissionsBoundaryInput{UserName: user, PermissionsBoundary: arn})
			return err
		},
		func() error {
			_, err := c.DeleteUserPermissionsBoundary(ctx, &iam.DeleteUserPermissionsBoundaryInput{UserName: user})
			return err
		},
		func() error {
			_, err := c.PutRolePermissionsBoundary(ctx, &iam.PutRolePermissionsBoundaryInput{RoleName: role, PermissionsBoundary: arn})
			return err
		},
		func() error {
			_, err := c.DeleteRolePermissionsBoundary(ctx, &iam.DeleteRolePermissionsBoundaryInput{RoleName: role})
			return err
		},
		func() error {
			_, err := c.TagPolicy(ctx, &iam.TagPolicyInput{PolicyArn: arn, Tags: []types.Tag{tag("a", "1")}})
			return err
		},
		func() error { _, err := c.ListPolicyTags(ctx, &iam.ListPolicyTagsInput{PolicyArn: arn}); return err },
		func() error {
			_, err := c.UntagPolicy(ctx, &iam.UntagPolicyInput{PolicyArn: arn, TagKeys: []string{"a"}})
			return err
		},
	}
}

var rolePolOps = []fakeiam.Operation{fakeiam.PutRolePolicy, fakeiam.GetRolePolicy, fakeiam.ListRolePolicies, fakeiam.DeleteRolePolicy,
	fakeiam.AttachRolePolicy, fakeiam.ListAttachedRolePolicies, fakeiam.DetachRolePolicy,
	fakeiam.PutUserPermissionsBoundary, fakeiam.DeleteUserPermissionsBoundary, fakeiam.PutRolePermissionsBoundary, fakeiam.DeleteRolePermissionsBoundary,
	fakeiam.TagPolicy, fakeiam.ListPolicyTags, fakeiam.UntagPolicy}

func rolePolSeed() []fakeiam.Option {
	return []fakeiam.Option{fakeiam.User("Bob"), fakeiam.Role("R"), fakeiam.ManagedPolicy("P", docList)}
}

func TestRolePoliciesFaultsCallsAndSweep(t *testing.T) {
	ctx := context.Background()
	f := newFake(rolePolSeed()...)
	f.Inject(fakeiam.Rule{Operation: fakeiam.AttachRolePolicy, Then: fakeiam.Fail(&fakeiam.Error{Code: "ConcurrentModification", Status: 409, Message: "busy"})})
	c := f.Client()
	in := &iam.AttachRolePolicyInput{RoleName: aws.String("R"), PolicyArn: aws.String(arnOf("/", "P"))}
	_, err := c.AttachRolePolicy(ctx, in)
	var cm *types.ConcurrentModificationException
	if !errors.As(err, &cm) {
		t.Errorf("AttachRolePolicy under a rule: %v, want ConcurrentModificationException", err)
	}
	f.ClearFaults()
	if _, err := c.AttachRolePolicy(ctx, in); err != nil {
		t.Fatal(err)
	}
	got, err := c.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String("R")})
	if err != nil {
		t.Fatal(err)
	}
	calls := logged(t, f, fakeiam.AttachRolePolicy, fakeiam.ListAttachedRolePolicies)
	if len(calls) != 3 {
		t.Fatalf("%d calls logged, want 3", len(calls))
	}
	if in, ok := calls[1].Input.(*iam.AttachRolePolicyInput); !ok || aws.ToString(in.RoleName) != "R" {
		t.Errorf("logged AttachRolePolicy input %#v, want the role as sent", calls[1].Input)
	}
	if diff := cmp.Diff(got, calls[2].Output, cmpOutputs); diff != "" {
		t.Errorf("logged ListAttachedRolePolicies output (-want +got):\n%s", diff)
	}

	var failed []fakeiam.Operation
	fakeiam.Sweep(t, fakeiam.ServiceFailure(), func(t *testing.T, f *fakeiam.Fake, failing *fakeiam.SweepCall) {
		var errs []error
		for _, call := range rolePolCalls(ctx, f.Client()) {
			errs = append(errs, call())
		}
		if failing == nil {
			if err := errors.Join(errs...); err != nil {
				t.Errorf("clean run: %v", err)
			}
			return
		}
		failed = append(failed, failing.Operation)
		if errs[failing.N-1] == nil {
			t.Errorf("%v: no error", failing)
		}
	}, rolePolSeed()...)
	if diff := cmp.Diff(rolePolOps, failed); diff != "" {
		t.Errorf("calls swept (-want +got):\n%s", diff)
	}
}

// TestRolePoliciesControlAPI: a rule added through the control API fails
// PutRolePolicy with AccessDenied naming the role, and the call log over
// HTTP shows GetRolePolicy's answer, its document URL-encoded.
func TestRolePoliciesControlAPI(t *testing.T) {
	ctx := context.Background()
	c := newControlled(t, seedRolePolicies()...)
	c.addRule(t, `{"operation":"PutRolePolicy","effect":"AccessDenied"}`)
	_, err := c.iam.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("Empty"), PolicyName: aws.String("s3"), PolicyDocument: aws.String(s3Doc)})
	want := "User: arn:aws:iam::123456789012:root is not authorized to perform: iam:PutRolePolicy on resource: role Empty"
	if got := apiErrorMessage(err); got != want {
		t.Errorf("PutRolePolicy under the rule: %v, want AccessDenied: %s", err, want)
	}
	if _, err := c.iam.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String("Deployer"), PolicyName: aws.String("s3")}); err != nil {
		t.Fatal(err)
	}
	calls := c.getCalls(t, "?operation=GetRolePolicy")
	if len(calls) != 1 {
		t.Fatalf("GET /_fakeiam/calls?operation=GetRolePolicy: %d calls, want 1", len(calls))
	}
	wantOut := map[string]any{"roleName": "Deployer", "policyName": "s3", "policyDocument": s3DocEncoded}
	if diff := cmp.Diff(wantOut, calls[0]["output"]); diff != "" {
		t.Errorf("the logged GetRolePolicy output (-want +got):\n%s", diff)
	}
}
