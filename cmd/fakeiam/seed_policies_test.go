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

const seedDoc = `{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}`

// A seed file's managed policies: their versions, attachments by name in
// any case, and quotas.
func TestSeedManagedPolicies(t *testing.T) {
	seed := `{"users": [{"name": "Bob"}], "groups": [{"name": "admins"}],
 "managedPolicies": [{"name": "ReadOnly", "path": "/ops/", "description": "reads", "createDate": "2020-02-03T04:05:06Z",
   "document": "` + seedDoc + `", "versions": ["` + seedDoc + `"], "defaultVersion": "v1",
   "tags": [{"key": "team", "value": "ops"}], "users": ["bob"], "groups": ["ADMINS"]}],
 "policiesPerUser": 3, "versionsPerPolicy": 6}`
	opts, err := parseSeed([]byte(seed), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f, err := fakeiam.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	arn := "arn:aws:iam::" + fakeiam.DefaultAccountID + ":policy/ops/ReadOnly"
	out, err := f.Client().GetPolicy(context.Background(), &iam.GetPolicyInput{PolicyArn: aws.String(arn)})
	if err != nil {
		t.Fatal(err)
	}
	p := out.Policy
	got := fmt.Sprint(*p.Path, *p.PolicyName, " ", *p.Description, " ", *p.DefaultVersionId, " ", *p.AttachmentCount, " ", *p.Tags[0].Key, " ", p.CreateDate.Format("2006-01-02"))
	if diff := cmp.Diff("/ops/ReadOnly reads v1 2 team 2020-02-03", got); diff != "" {
		t.Errorf("the seeded policy (-want +got):\n%s", diff)
	}
	sum, err := f.Client().GetAccountSummary(context.Background(), &iam.GetAccountSummaryInput{})
	if err != nil {
		t.Fatal(err)
	}
	if q := sum.SummaryMap["AttachedPoliciesPerUserQuota"]; q != 3 {
		t.Errorf("AttachedPoliciesPerUserQuota %d, want 3 (policiesPerUser)", q)
	}
}

// Every problem of a seed file's managed policies is named at its place.
func TestSeedManagedPolicyProblems(t *testing.T) {
	seed := `{"users": [{"name": "Bob"}], "groups": [{"name": "admins"}],
 "managedPolicies": [
   {"name": "p", "document": "` + seedDoc + `", "users": ["Carol", "bob", "BOB"], "groups": ["nope"]},
   {"name": "P", "document": "` + seedDoc + `"},
   {"name": "bad name", "document": "` + seedDoc + `"},
   {"name": "q", "document": "not json"},
   {"name": "r", "document": "` + seedDoc + `", "createDate": "yesterday"},
   {"name": "s", "document": "` + seedDoc + `", "users": ["Bob"]}],
 "policiesPerUser": 1, "policiesPerGroup": -1}`
	_, err := parseSeed([]byte(seed), t.TempDir())
	if err == nil {
		t.Fatal("parseSeed accepted the seed")
	}
	for _, want := range []string{
		`policiesPerGroup: -1: a quota is at least 0`,
		`managedPolicies[0].users[0]: "Carol" is none of the account's users`,
		`managedPolicies[0].users[2]: "BOB" is named twice (users[1])`,
		`managedPolicies[0].groups[0]: "nope" is none of the account's groups`,
		`managedPolicies[1].name: "P" is the name of managedPolicies[0] ("p"): IAM policy names are unique regardless of case`,
		`managedPolicies[2]: managed policy "bad name"`,
		`managedPolicies[3]: managed policy "q": version v1: MalformedPolicyDocument: Syntax errors in policy.`,
		`managedPolicies[4].createDate: "yesterday" is not an RFC 3339 time`,
		`managedPolicies[5].users[0]: "Bob" would hold 2 managed policies, over the quota of 1`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not say %q:\n%v", want, err)
		}
	}
}
