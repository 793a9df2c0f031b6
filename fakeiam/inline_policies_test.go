package fakeiam_test

// docs/contract.md, "Inline policies": PutUserPolicy, GetUserPolicy,
// ListUserPolicies, DeleteUserPolicy and their group twins, each row
// through the differential harness (both doors and the SDK's decoding of
// IAM's XML); DeleteUser's and DeleteGroup's refusals while policies
// remain; the seeds.

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

const (
	// s3Doc and its URL-encoded form as IAM answers it (RFC 3986: only
	// letters, digits and -._~ stay; "*" too is encoded, as in IAM's
	// recorded answers).
	s3Doc        = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`
	s3DocEncoded = `%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3A%2A%22%2C%22Resource%22%3A%22%2A%22%7D%7D`
	// prettyDoc is stored as given, white space and all; an inline policy
	// may leave Version out.
	prettyDoc        = "{\n  \"Statement\": [{\"Effect\": \"Deny\", \"Action\": \"iam:*\", \"Resource\": \"arn:aws:iam::*:user/a~b\"}]\n}"
	prettyDocEncoded = "%7B%0A%20%20%22Statement%22%3A%20%5B%7B%22Effect%22%3A%20%22Deny%22%2C%20%22Action%22%3A%20%22iam%3A%2A%22%2C%20%22Resource%22%3A%20%22arn%3Aaws%3Aiam%3A%3A%2A%3Auser%2Fa~b%22%7D%5D%0A%7D"
)

// sizedDoc is a valid inline policy of n bytes as IAM counts them (its
// Sid pads it); pad adds that much white space, which IAM does not count.
func sizedDoc(n, pad int) string {
	const head, tail = `{"Statement":{"Sid":"`, `","Effect":"Allow","Action":"*","Resource":"*"}}`
	return head + strings.Repeat("a", n-len(head)-len(tail)) + tail + strings.Repeat(" ", pad)
}

func seedInline(more ...fakeiam.Option) []fakeiam.Option {
	return append([]fakeiam.Option{
		fakeiam.User("Bob").AccessKey(bobKey).InlinePolicy("s3", s3Doc).InlinePolicy("Pretty", prettyDoc),
		fakeiam.User("Carol"),
		fakeiam.User("Dan").InlinePolicy("s3", s3Doc),
		fakeiam.User("Erin").InlinePolicy("s3", s3Doc).SSHPublicKey(fakeiam.SSHPublicKey{}),
		fakeiam.User("Fay").InlinePolicy("s3", s3Doc),
		fakeiam.Group("admins").InlinePolicy("s3", s3Doc).InlinePolicy("pretty", prettyDoc),
		fakeiam.Group("staff").Members("Fay").InlinePolicy("s3", s3Doc),
		fakeiam.Group("empty"),
		fakeiam.Root().AccessKey(rootKey),
	}, more...)
}

func userPolicy(user, name, encoded string) *iam.GetUserPolicyOutput {
	return &iam.GetUserPolicyOutput{UserName: aws.String(user), PolicyName: aws.String(name), PolicyDocument: aws.String(encoded)}
}

func groupPolicy(group, name, encoded string) *iam.GetGroupPolicyOutput {
	return &iam.GetGroupPolicyOutput{GroupName: aws.String(group), PolicyName: aws.String(name), PolicyDocument: aws.String(encoded)}
}

func userPolicyNames(marker string, names ...string) *iam.ListUserPoliciesOutput {
	out := &iam.ListUserPoliciesOutput{PolicyNames: append([]string{}, names...)}
	if marker != "" {
		out.IsTruncated, out.Marker = true, aws.String(marker)
	}
	return out
}

func groupPolicyNames(marker string, names ...string) *iam.ListGroupPoliciesOutput {
	out := &iam.ListGroupPoliciesOutput{PolicyNames: append([]string{}, names...)}
	if marker != "" {
		out.IsTruncated, out.Marker = true, aws.String(marker)
	}
	return out
}

func TestPutUserPolicySpec(t *testing.T) {
	full := sizedDoc(2048, 0)
	runScenarios(t, seedInline(), []scenario{
		{name: "stored", call: putUserPolicy("Carol", "s3", s3Doc), want: &iam.PutUserPolicyOutput{}},
		{name: "then answered URL-encoded", steps: []change{do(putUserPolicy("Carol", "s3", s3Doc))}, call: getUserPolicy("Carol", "s3"), want: userPolicy("Carol", "s3", s3DocEncoded)},
		{name: "byte for byte, white space and all", steps: []change{do(putUserPolicy("Carol", "p", prettyDoc))}, call: getUserPolicy("Carol", "p"), want: userPolicy("Carol", "p", prettyDocEncoded)},
		{name: "a second put replaces", steps: []change{do(putUserPolicy("Bob", "s3", prettyDoc))}, call: getUserPolicy("Bob", "s3"), want: userPolicy("Bob", "s3", prettyDocEncoded)},
		{name: "names are case-sensitive", steps: []change{do(putUserPolicy("Bob", "S3", s3Doc))}, call: listUserPolicies("Bob", nil, nil), want: userPolicyNames("", "Pretty", "S3", "s3")},
		{name: "as the user itself", as: asKey(bobKey.ID), call: putUserPolicy("Bob", "more", s3Doc), want: &iam.PutUserPolicyOutput{}},
		{name: "no such user", call: putUserPolicy("Nobody", "s3", s3Doc), wantErr: noSuchUser("Nobody")},
		{name: "the user before the document", call: putUserPolicy("Nobody", "s3", "{"), wantErr: noSuchUser("Nobody")},
		{name: "not JSON", call: putUserPolicy("Carol", "s3", "{"), wantErr: malformedPolicy("Syntax errors in policy.")},
		{name: "a Principal", call: putUserPolicy("Carol", "s3", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}`),
			wantErr: malformedPolicy("Policy document should not specify a principal.")},
		{name: "version 2008-10-17", call: putUserPolicy("Carol", "s3", `{"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`), want: &iam.PutUserPolicyOutput{}},
		{name: "no resources", call: putUserPolicy("Carol", "s3", `{"Statement":{"Effect":"Allow","Action":"s3:*"}}`), wantErr: malformedPolicy("Policy statement must contain resources.")},
		{name: "2,048 bytes", call: putUserPolicy("Carol", "full", full), want: &iam.PutUserPolicyOutput{}},
		{name: "2,048 bytes and white space", call: putUserPolicy("Carol", "full", sizedDoc(2048, 500)), want: &iam.PutUserPolicyOutput{}},
		{name: "2,049 bytes", call: putUserPolicy("Carol", "full", sizedDoc(2049, 0)), wantErr: policySizeExceeded(2048, "user", "Carol")},
		{name: "the quota is the sum of the user's policies", steps: []change{do(putUserPolicy("Carol", "a", sizedDoc(1024, 0)))},
			call: putUserPolicy("Carol", "b", sizedDoc(1025, 0)), wantErr: policySizeExceeded(2048, "user", "Carol")},
		{name: "a replaced policy counts once", steps: []change{do(putUserPolicy("Carol", "a", sizedDoc(2000, 0)))},
			call: putUserPolicy("Carol", "a", full), want: &iam.PutUserPolicyOutput{}},
		{name: "the document before the quota", steps: []change{do(putUserPolicy("Carol", "a", full))}, call: putUserPolicy("Carol", "b", "{"), wantErr: malformedPolicy("Syntax errors in policy.")},
		{name: "a policy name of 129", call: putUserPolicy("Carol", strings.Repeat("p", 129), s3Doc), wantErr: failedConstraints("policyName", maxLength(128))},
		{name: "a policy name with a space", call: putUserPolicy("Carol", "a b", s3Doc), wantErr: failedConstraints("policyName", pattern(`[\w+=,.@-]+`))},
		{name: "a document past U+00FF", call: putUserPolicy("Carol", "s3", `{"Statement":"ā"}`), wantErr: failedConstraints("policyDocument", pattern(`[\u0009\u000A\u000D\u0020-\u00FF]+`))},
	})
}

func TestGetListDeleteUserPolicySpec(t *testing.T) {
	runScenarios(t, seedInline(), []scenario{
		{name: "get", call: getUserPolicy("Bob", "Pretty"), want: userPolicy("Bob", "Pretty", prettyDocEncoded)},
		{name: "get: no such policy", call: getUserPolicy("Bob", "nope"), wantErr: noSuchInlinePolicy("user", "nope")},
		{name: "get: the name's case matters", call: getUserPolicy("Bob", "pretty"), wantErr: noSuchInlinePolicy("user", "pretty")},
		{name: "get: another user's", call: getUserPolicy("Carol", "s3"), wantErr: noSuchInlinePolicy("user", "s3")},
		{name: "get: no such user", call: getUserPolicy("Nobody", "s3"), wantErr: noSuchUser("Nobody")},
		{name: "list: by name, in byte order", call: listUserPolicies("Bob", nil, nil), want: userPolicyNames("", "Pretty", "s3")},
		{name: "list: none", call: listUserPolicies("Carol", nil, nil), want: userPolicyNames("")},
		{name: "list: a page of 1", call: listUserPolicies("Bob", nil, aws.Int32(1)), want: userPolicyNames("<marker>", "Pretty")},
		{name: "list: no such user", call: listUserPolicies("Nobody", nil, nil), wantErr: noSuchUser("Nobody")},
		{name: "list: UserName is required", call: callOf((*iam.Client).ListUserPolicies, &iam.ListUserPoliciesInput{}), wantErr: failedConstraints("userName", "Member must not be null")},
		{name: "delete", call: deleteUserPolicy("Bob", "s3"), want: &iam.DeleteUserPolicyOutput{}},
		{name: "delete, then listed without it", steps: []change{do(deleteUserPolicy("Bob", "s3"))}, call: listUserPolicies("Bob", nil, nil), want: userPolicyNames("", "Pretty")},
		{name: "delete twice", steps: []change{do(deleteUserPolicy("Bob", "s3"))}, call: deleteUserPolicy("Bob", "s3"), wantErr: noSuchInlinePolicy("user", "s3")},
		{name: "delete frees the quota", steps: []change{do(putUserPolicy("Carol", "a", sizedDoc(2048, 0))), do(deleteUserPolicy("Carol", "a"))},
			call: putUserPolicy("Carol", "b", sizedDoc(2048, 0)), want: &iam.PutUserPolicyOutput{}},
		{name: "delete: no such user", call: deleteUserPolicy("Nobody", "s3"), wantErr: noSuchUser("Nobody")},
		{name: "DeleteUser refused while a policy remains", call: deleteUser("Dan"), wantErr: deleteConflict("policies")},
		{name: "DeleteUser once it is gone", steps: []change{do(deleteUserPolicy("Dan", "s3"))}, call: deleteUser("Dan"), want: &iam.DeleteUserOutput{}},
		{name: "DeleteUser: SSH public keys before policies", call: deleteUser("Erin"), wantErr: deleteConflictSSHKeys},
		{name: "DeleteUser: policies before groups", call: deleteUser("Fay"), wantErr: deleteConflict("policies")},
		{name: "DeleteUser: then groups", steps: []change{do(deleteUserPolicy("Fay", "s3"))}, call: deleteUser("Fay"), wantErr: mustRemoveUsers},
	})
}

func TestGroupPoliciesSpec(t *testing.T) {
	runScenarios(t, seedInline(), []scenario{
		{name: "put", call: putGroupPolicy("empty", "s3", s3Doc), want: &iam.PutGroupPolicyOutput{}},
		{name: "put, then get", steps: []change{do(putGroupPolicy("empty", "p", prettyDoc))}, call: getGroupPolicy("empty", "p"), want: groupPolicy("empty", "p", prettyDocEncoded)},
		{name: "put: no such group", call: putGroupPolicy("nope", "s3", "{"), wantErr: noSuchGroup("nope")},
		{name: "put: not JSON", call: putGroupPolicy("empty", "s3", "{"), wantErr: malformedPolicy("Syntax errors in policy.")},
		{name: "put: 5,120 bytes", call: putGroupPolicy("empty", "s3", sizedDoc(5120, 100)), want: &iam.PutGroupPolicyOutput{}},
		{name: "put: 5,121 bytes", call: putGroupPolicy("empty", "s3", sizedDoc(5121, 0)), wantErr: policySizeExceeded(5120, "group", "empty")},
		{name: "put: the sum of the group's", steps: []change{do(putGroupPolicy("empty", "a", sizedDoc(5000, 0)))}, call: putGroupPolicy("empty", "b", sizedDoc(121, 0)),
			wantErr: policySizeExceeded(5120, "group", "empty")},
		{name: "get", call: getGroupPolicy("admins", "s3"), want: groupPolicy("admins", "s3", s3DocEncoded)},
		{name: "get: the group's name as the group has it", call: getGroupPolicy("ADMINS", "s3"), want: groupPolicy("admins", "s3", s3DocEncoded)},
		{name: "get: no such policy", call: getGroupPolicy("admins", "nope"), wantErr: noSuchInlinePolicy("group", "nope")},
		{name: "get: no such group", call: getGroupPolicy("nope", "s3"), wantErr: noSuchGroup("nope")},
		{name: "list", call: listGroupPolicies("admins", nil, nil), want: groupPolicyNames("", "pretty", "s3")},
		{name: "list: none", call: listGroupPolicies("empty", nil, nil), want: groupPolicyNames("")},
		{name: "list: a page of 1", call: listGroupPolicies("admins", nil, aws.Int32(1)), want: groupPolicyNames("<marker>", "pretty")},
		{name: "list: no such group", call: listGroupPolicies("nope", nil, nil), wantErr: noSuchGroup("nope")},
		{name: "delete", call: deleteGroupPolicy("admins", "s3"), want: &iam.DeleteGroupPolicyOutput{}},
		{name: "delete twice", steps: []change{do(deleteGroupPolicy("admins", "s3"))}, call: deleteGroupPolicy("admins", "s3"), wantErr: noSuchInlinePolicy("group", "s3")},
		{name: "delete: no such group", call: deleteGroupPolicy("nope", "s3"), wantErr: noSuchGroup("nope")},
		{name: "DeleteGroup refused while a policy remains", call: deleteGroup("admins"), wantErr: deleteConflict("policies")},
		{name: "DeleteGroup: members before policies", call: deleteGroup("staff"), wantErr: mustRemoveUsers},
		{name: "DeleteGroup once they are gone", steps: []change{do(deleteGroupPolicy("admins", "s3")), do(deleteGroupPolicy("admins", "pretty"))},
			call: deleteGroup("admins"), want: &iam.DeleteGroupOutput{}},
		{name: "a renamed group keeps its policies", steps: []change{do(callOf((*iam.Client).UpdateGroup, &iam.UpdateGroupInput{GroupName: aws.String("admins"), NewGroupName: aws.String("root-admins")}))},
			call: listGroupPolicies("root-admins", nil, nil), want: groupPolicyNames("", "pretty", "s3")},
	})
}

func TestInlinePolicySeeds(t *testing.T) {
	tests := []struct {
		name string
		seed fakeiam.Option
		want string
	}{
		{"a malformed document", fakeiam.User("Bob").InlinePolicy("p", `{"Statement":[]}`),
			`account 123456789012: user "Bob": inline policy 1 "p": MalformedPolicyDocument: Syntax errors in policy.`},
		{"a Principal", fakeiam.Group("g").InlinePolicy("p", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}`),
			`account 123456789012: group "g": inline policy 1 "p": MalformedPolicyDocument: Policy document should not specify a principal.`},
		{"a bad name", fakeiam.User("Bob").InlinePolicy("a b", s3Doc), `user "Bob": inline policy 1 "a b": IAM policy names are 1 to 128 letters, digits and +=,.@_-`},
		{"an empty document", fakeiam.User("Bob").InlinePolicy("p", ""), `inline policy 1 "p": the document is required, 1 to 131072 characters`},
		{"a name twice", fakeiam.User("Bob").InlinePolicy("p", s3Doc).InlinePolicy("p", s3Doc), `inline policy 2 "p" seeded twice`},
		{"over the user's quota", fakeiam.User("Bob").InlinePolicy("a", sizedDoc(1500, 0)).InlinePolicy("b", sizedDoc(1000, 0)),
			`user "Bob": inline policy 2 "b": the inline policies come to 2500 bytes, over the quota of 2048`},
		{"over the group's quota", fakeiam.Group("g").InlinePolicy("a", sizedDoc(5121, 0)), `group "g": inline policy 1 "a": the inline policies come to 5121 bytes, over the quota of 5120`},
		{"on the root", fakeiam.Root().InlinePolicy("p", s3Doc), `root: inline policies are seeded on IAM users, groups and roles`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newFakeE(tt.seed)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if !strings.Contains(got, tt.want) {
				t.Error(cmp.Diff(tt.want, got))
			}
		})
	}
}

// TestInlinePoliciesFaultsCallsAndSweep: the operations are in the
// operation table, so fault rules target them, the call log keeps their
// inputs and answers, and Sweep fails each in turn.
func TestInlinePoliciesFaultsCallsAndSweep(t *testing.T) {
	ctx := context.Background()
	f := newFake(seedInline()...)
	f.Inject(fakeiam.Rule{Operation: fakeiam.PutUserPolicy, Then: fakeiam.Fail(&fakeiam.Error{Code: "ConcurrentModification", Status: 409, Message: "busy"})})
	c := f.Client()
	put := &iam.PutUserPolicyInput{UserName: aws.String("Carol"), PolicyName: aws.String("s3"), PolicyDocument: aws.String(s3Doc)}
	_, err := c.PutUserPolicy(ctx, put)
	var cm *types.ConcurrentModificationException
	if !errors.As(err, &cm) {
		t.Errorf("PutUserPolicy under a rule: %v, want ConcurrentModificationException", err)
	}
	f.ClearFaults()
	if _, err := c.PutUserPolicy(ctx, put); err != nil {
		t.Fatal(err)
	}
	got, err := c.GetUserPolicy(ctx, &iam.GetUserPolicyInput{UserName: aws.String("Carol"), PolicyName: aws.String("s3")})
	if err != nil {
		t.Fatal(err)
	}
	calls := logged(t, f, fakeiam.PutUserPolicy, fakeiam.GetUserPolicy)
	if len(calls) != 3 {
		t.Fatalf("%d calls logged, want 3", len(calls))
	}
	if in, ok := calls[1].Input.(*iam.PutUserPolicyInput); !ok || aws.ToString(in.PolicyDocument) != s3Doc {
		t.Errorf("logged PutUserPolicy input %#v, want the document as sent", calls[1].Input)
	}
	if diff := cmp.Diff(got, calls[2].Output, cmpOutputs); diff != "" {
		t.Errorf("logged GetUserPolicy output (-want +got):\n%s", diff)
	}

	var failed []fakeiam.Operation
	fakeiam.Sweep(t, fakeiam.ServiceFailure(), func(t *testing.T, f *fakeiam.Fake, failing *fakeiam.SweepCall) {
		c := f.Client()
		user, group, name := aws.String("Bob"), aws.String("g"), aws.String("s3")
		doc := aws.String(s3Doc)
		var errs []error
		for _, call := range []func() error{
			func() error {
				_, err := c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: user, PolicyName: name, PolicyDocument: doc})
				return err
			},
			func() error {
				_, err := c.GetUserPolicy(ctx, &iam.GetUserPolicyInput{UserName: user, PolicyName: name})
				return err
			},
			func() error {
				_, err := c.ListUserPolicies(ctx, &iam.ListUserPoliciesInput{UserName: user})
				return err
			},
			func() error {
				_, err := c.DeleteUserPolicy(ctx, &iam.DeleteUserPolicyInput{UserName: user, PolicyName: name})
				return err
			},
			func() error {
				_, err := c.PutGroupPolicy(ctx, &iam.PutGroupPolicyInput{GroupName: group, PolicyName: name, PolicyDocument: doc})
				return err
			},
			func() error {
				_, err := c.GetGroupPolicy(ctx, &iam.GetGroupPolicyInput{GroupName: group, PolicyName: name})
				return err
			},
			func() error {
				_, err := c.ListGroupPolicies(ctx, &iam.ListGroupPoliciesInput{GroupName: group})
				return err
			},
			func() error {
				_, err := c.DeleteGroupPolicy(ctx, &iam.DeleteGroupPolicyInput{GroupName: group, PolicyName: name})
				return err
			},
		} {
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
	}, fakeiam.User("Bob"), fakeiam.Group("g"))
	want := []fakeiam.Operation{fakeiam.PutUserPolicy, fakeiam.GetUserPolicy, fakeiam.ListUserPolicies, fakeiam.DeleteUserPolicy,
		fakeiam.PutGroupPolicy, fakeiam.GetGroupPolicy, fakeiam.ListGroupPolicies, fakeiam.DeleteGroupPolicy}
	if diff := cmp.Diff(want, failed); diff != "" {
		t.Errorf("calls swept (-want +got):\n%s", diff)
	}
}

// TestInlinePoliciesControlAPI: a rule added through the control API
// fails PutGroupPolicy with AccessDenied naming the group, and the call
// log over HTTP shows GetUserPolicy's answer, its document URL-encoded.
func TestInlinePoliciesControlAPI(t *testing.T) {
	ctx := context.Background()
	c := newControlled(t, seedInline()...)
	c.addRule(t, `{"operation":"PutGroupPolicy","effect":"AccessDenied"}`)
	_, err := c.iam.PutGroupPolicy(ctx, &iam.PutGroupPolicyInput{GroupName: aws.String("empty"), PolicyName: aws.String("s3"), PolicyDocument: aws.String(s3Doc)})
	want := "User: arn:aws:iam::123456789012:root is not authorized to perform: iam:PutGroupPolicy on resource: group empty"
	if got := apiErrorMessage(err); got != want {
		t.Errorf("PutGroupPolicy under the rule: %v, want AccessDenied: %s", err, want)
	}
	if _, err := c.iam.GetUserPolicy(ctx, &iam.GetUserPolicyInput{UserName: aws.String("Bob"), PolicyName: aws.String("s3")}); err != nil {
		t.Fatal(err)
	}
	calls := c.getCalls(t, "?operation=GetUserPolicy")
	if len(calls) != 1 {
		t.Fatalf("GET /_fakeiam/calls?operation=GetUserPolicy: %d calls, want 1", len(calls))
	}
	wantOut := map[string]any{"userName": "Bob", "policyName": "s3", "policyDocument": s3DocEncoded}
	if diff := cmp.Diff(wantOut, calls[0]["output"]); diff != "" {
		t.Errorf("the logged GetUserPolicy output (-want +got):\n%s", diff)
	}
}
