package main

import (
	"context"
	"net/url"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// Inline policies of a user and a group in the seed file: a document as an
// object is kept as the file writes it, one as a string as the string
// holds it.
func TestSeedInlinePolicies(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"seed.json": `{"users": [{"name": "Bob", "inlinePolicies": [
    {"name": "s3-read", "document": {"Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]}},
    {"name": "as-text", "document": "{\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"iam:*\",\"Resource\":\"*\"}}"}]}],
  "groups": [{"name": "admins", "inlinePolicies": [{"name": "all", "document": {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}}]}]}`,
	})
	opts, err := loadSeed(filepath.Join(dir, "seed.json"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := fakeiam.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	ctx, c := context.Background(), f.Client()
	decoded := func(out *string, err error) string {
		if err != nil {
			t.Fatal(err)
		}
		doc, err := url.QueryUnescape(aws.ToString(out))
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	get := func(user, name string) string {
		out, err := c.GetUserPolicy(ctx, &iam.GetUserPolicyInput{UserName: aws.String(user), PolicyName: aws.String(name)})
		if err != nil {
			return decoded(nil, err)
		}
		return decoded(out.PolicyDocument, nil)
	}
	group, err := c.GetGroupPolicy(ctx, &iam.GetGroupPolicyInput{GroupName: aws.String("admins"), PolicyName: aws.String("all")})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{get("Bob", "s3-read"), get("Bob", "as-text"), decoded(group.PolicyDocument, nil)}
	want := []string{
		"{\"Version\": \"2012-10-17\",\n      \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:Get*\", \"Resource\": \"*\"}]}",
		`{"Statement":{"Effect":"Deny","Action":"iam:*","Resource":"*"}}`,
		`{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("seeded documents (-want +got):\n%s", diff)
	}
}

// Every problem of a seed's inline policies is named once, with its place.
func TestSeedInlinePolicyProblems(t *testing.T) {
	dir := writeFiles(t, map[string]string{"seed.json": `{"users": [
  {"name": "Bob", "inlinePolicies": [{"name": "ok", "document": {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}},
    {"name": "nodoc"}, {"name": "principal", "document": {"Statement": {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}}},
    {"name": "ok", "document": "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}"}, {"name": "bad name", "document": {}}]}],
  "roles": [{"name": "R", "inlinePolicies": [{"name": "p", "document": {}}]}],
  "groups": [{"name": "g", "inlinePolicies": [{"name": "p", "document": "not json"}]}]}`})
	want := []string{
		`users[0].inlinePolicies[1]: user "Bob": inline policy 2 "nodoc": the document is required, 1 to 131072 characters of tab, line feed, carriage return and U+0020 to U+00FF`,
		`users[0].inlinePolicies[2]: user "Bob": inline policy 3 "principal": MalformedPolicyDocument: Policy document should not specify a principal.`,
		`users[0].inlinePolicies[3]: user "Bob": inline policy 4 "ok" seeded twice`,
		`users[0].inlinePolicies[4]: user "Bob": inline policy 5 "bad name": IAM policy names are 1 to 128 letters, digits and +=,.@_-`,
		`roles[0].inlinePolicies[0]: role "R": inline policy 1 "p": MalformedPolicyDocument: Syntax errors in policy.`,
		`groups[0].inlinePolicies[0]: group "g": inline policy 1 "p": MalformedPolicyDocument: Syntax errors in policy.`,
	}
	if diff := cmp.Diff(want, seedProblems(t, dir)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
