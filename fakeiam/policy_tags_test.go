package fakeiam_test

// docs/contract.md, "Policy tags": TagPolicy, UntagPolicy, ListPolicyTags,
// each row through the differential harness.

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

func policyTagsPage(marker string, tags ...types.Tag) *iam.ListPolicyTagsOutput {
	out := &iam.ListPolicyTagsOutput{Tags: append([]types.Tag{}, tags...)}
	if marker != "" {
		out.IsTruncated, out.Marker = true, aws.String(marker)
	}
	return out
}

var policyTagQuota = &fakeiam.Error{Code: "LimitExceeded", Status: 409, Message: "Cannot exceed quota for TagsPerPolicy: 50"}

func TestPolicyTagsSpec(t *testing.T) {
	many := make([]types.Tag, 50)
	for i := range many {
		many[i] = tag("k"+strings.Repeat("x", i), "v")
	}
	seed := seedPolicies(fakeiam.ManagedPolicy("Tagged", docList).CreatedAt(readCreated).Tag("team", "eng").Tag("env", "prod"))
	tagged := arnOf("/", "Tagged")
	taggedPolicy := iamPolicy("/", "Tagged", "<id of policy Tagged>", "v1", 0, readCreated, readCreated)
	runScenarios(t, seed, []scenario{
		{name: "listed sorted by key", call: listPolicyTags(tagged, nil, nil), want: policyTagsPage("", tag("env", "prod"), tag("team", "eng"))},
		{name: "none", call: listPolicyTags(unusedARN, nil, nil), want: policyTagsPage("")},
		{name: "a page", call: listPolicyTags(tagged, nil, aws.Int32(1)), want: policyTagsPage("<marker>", tag("env", "prod"))},
		{name: "the next page", call: listThen((*iam.Client).ListPolicyTags, iam.ListPolicyTagsInput{PolicyArn: aws.String(tagged), MaxItems: aws.Int32(1)}, nil, nil,
			iam.ListPolicyTagsInput{PolicyArn: aws.String(tagged)}), want: policyTagsPage("", tag("team", "eng"))},
		{name: "a marker of another policy", call: listFrom(nil, (*iam.Client).ListPolicyTags, iam.ListPolicyTagsInput{PolicyArn: aws.String(tagged), MaxItems: aws.Int32(1)}, nil, nil,
			iam.ListPolicyTagsInput{PolicyArn: aws.String(readOnlyARN)}), wantErr: invalidMarker},
		{name: "tagged: a key it has gets the value; keys are case sensitive", steps: []change{do(tagPolicy(tagged, tag("env", "dev"), tag("Env", "x"), tag("a", "")))},
			call: listPolicyTags(tagged, nil, nil), want: policyTagsPage("", tag("Env", "x"), tag("a", ""), tag("env", "dev"), tag("team", "eng"))},
		{name: "Tag: an empty result", call: tagPolicy(tagged, tag("a", "1")), want: &iam.TagPolicyOutput{}},
		{name: "Tag: shown by GetPolicy, new keys last", steps: []change{do(tagPolicy(tagged, tag("a", "1"), tag("env", "dev")))}, call: getPolicy(tagged),
			want: got(taggedPolicy, "", tag("team", "eng"), tag("env", "dev"), tag("a", "1"))},
		{name: "Tag: over 50 in all", call: tagPolicy(tagged, many[:49]...), wantErr: policyTagQuota},
		{name: "Tag: 50 in all", call: tagPolicy(tagged, many[:48]...), want: &iam.TagPolicyOutput{}},
		{name: "Tag: a key twice", call: tagPolicy(tagged, tag("a", "1"), tag("a", "2")), wantErr: duplicatePolicyTags},
		{name: "Tag: a reserved key", call: tagPolicy(tagged, tag("aws:x", "1")), wantErr: reservedTag},
		{name: "Tag: more than 50 in one call", call: tagPolicy(tagged, append(many, tag("z", ""))...), wantErr: failedConstraints("tags", maxLength(50))},
		{name: "Tag: no such policy", call: tagPolicy(arnOf("/", "nope"), tag("a", "1")), wantErr: noSuchPolicy(arnOf("/", "nope"))},
		{name: "Untag: an empty result", call: untagPolicy(tagged, "env"), want: &iam.UntagPolicyOutput{}},
		{name: "Untag: exact keys only; a missing key is no error", steps: []change{do(untagPolicy(tagged, "ENV", "team", "nope"))}, call: listPolicyTags(tagged, nil, nil),
			want: policyTagsPage("", tag("env", "prod"))},
		{name: "Untag: all, then GetPolicy shows none", steps: []change{do(untagPolicy(tagged, "env", "team"))}, call: getPolicy(tagged), want: got(taggedPolicy, "")},
		{name: "Untag: no such policy", call: untagPolicy(arnOf("/", "nope"), "a"), wantErr: noSuchPolicy(arnOf("/", "nope"))},
		{name: "Tag: an AWS managed policy", call: tagPolicy(awsReadOnlyARN, tag("a", "1")), wantErr: awsDenied(rootARN, fakeiam.TagPolicy, awsReadOnlyARN)},
		{name: "Untag: an AWS managed policy", call: untagPolicy(awsReadOnlyARN, "a"), wantErr: awsDenied(rootARN, fakeiam.UntagPolicy, awsReadOnlyARN)},
		{name: "List: an AWS managed policy has none", call: listPolicyTags(awsReadOnlyARN, nil, nil), want: policyTagsPage("")},
		{name: "List: no such policy", call: listPolicyTags(arnOf("/", "nope"), nil, nil), wantErr: noSuchPolicy(arnOf("/", "nope"))},
		{name: "CreatePolicy's tags are listed", steps: []change{do(createPolicy(&iam.CreatePolicyInput{PolicyName: aws.String("w"), PolicyDocument: aws.String(docList), Tags: []types.Tag{tag("b", "2"), tag("a", "1")}}))},
			call: listPolicyTags(arnOf("/", "w"), nil, nil), want: policyTagsPage("", tag("a", "1"), tag("b", "2"))},
	})
}
