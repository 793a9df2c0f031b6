package fakeiam_test

// docs/contract.md, "Managed policies": CreatePolicy, GetPolicy,
// ListPolicies, DeletePolicy and the versions, each row through the
// differential harness (both doors and the SDK's decoding of IAM's XML).
// Attachments: policy_attachments_test.go. Paging: listOperations
// (list_behaviors_test.go).

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// Policy documents of the seeds: a document is stored byte for byte
// (spaces and line breaks kept) and answered URL-encoded.
const (
	docList   = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}`
	docDeploy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"ec2:*\", \"Resource\": \"*\"}\n}"
	docDeny   = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}`
)

var (
	readCreated   = time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	deployCreated = time.Date(2025, 4, 5, 6, 7, 8, 0, time.UTC)
)

// arnOf is the ARN of the default account's policy at path.
func arnOf(path, name string) string {
	return "arn:aws:iam::" + fakeiam.DefaultAccountID + ":policy" + path + name
}

var (
	readOnlyARN = arnOf("/", "ReadOnly")
	deployARN   = arnOf("/ops/", "ops-deploy")
	unusedARN   = arnOf("/", "unused")
)

// seedPolicies is seedGroups with managed policies ReadOnly (a
// description, a tag, attached to Bob and to admins), ops-deploy (path
// /ops/, two versions, v2 the default, attached to nothing) and unused
// (created at testNow), plus more.
func seedPolicies(more ...fakeiam.Option) []fakeiam.Option {
	return seedGroups(append([]fakeiam.Option{
		fakeiam.ManagedPolicy("ReadOnly", docList).Description("reads buckets").CreatedAt(readCreated).Tag("team", "eng").
			AttachedToUsers("Bob").AttachedToGroups("admins"),
		fakeiam.ManagedPolicy("ops-deploy", docList).Path("/ops/").CreatedAt(deployCreated).Versions(docDeploy),
		fakeiam.ManagedPolicy("unused", docDeny),
	}, more...)...)
}

// iamPolicy is a Policy as ListPolicies answers it, in the default account.
func iamPolicy(path, name, id, def string, attached int32, created, updated time.Time) types.Policy {
	return types.Policy{PolicyName: aws.String(name), Path: aws.String(path), PolicyId: aws.String(id), Arn: aws.String(arnOf(path, name)),
		DefaultVersionId: aws.String(def), AttachmentCount: aws.Int32(attached), PermissionsBoundaryUsageCount: aws.Int32(0), IsAttachable: true,
		CreateDate: aws.Time(created), UpdateDate: aws.Time(updated)}
}

// The seeded policies as ListPolicies answers them.
var (
	readOnlyPolicy = iamPolicy("/", "ReadOnly", "<id of policy ReadOnly>", "v1", 2, readCreated, readCreated)
	deployPolicy   = iamPolicy("/ops/", "ops-deploy", "<id of policy ops-deploy>", "v2", 0, deployCreated, deployCreated)
	unusedPolicy   = iamPolicy("/", "unused", "<id of policy unused>", "v1", 0, testNow, testNow)
)

// got is p as GetPolicy answers it: with its description and tags (an
// empty list when none).
func got(p types.Policy, description string, tags ...types.Tag) *iam.GetPolicyOutput {
	if description != "" {
		p.Description = aws.String(description)
	}
	p.Tags = append([]types.Tag{}, tags...)
	return &iam.GetPolicyOutput{Policy: &p}
}

func policiesPage(policies ...types.Policy) *iam.ListPoliciesOutput {
	if policies == nil {
		policies = []types.Policy{}
	}
	return &iam.ListPoliciesOutput{Policies: policies}
}

// newPolicy is CreatePolicy's answer for a new policy at testNow.
func newPolicy(path, name string, tags ...types.Tag) *iam.CreatePolicyOutput {
	p := iamPolicy(path, name, "<new policy id>", "v1", 0, testNow, testNow)
	if len(tags) > 0 {
		p.Tags = tags
	}
	return &iam.CreatePolicyOutput{Policy: &p}
}

func TestCreatePolicySpec(t *testing.T) {
	create := func(name string, path *string) call {
		return createPolicy(&iam.CreatePolicyInput{PolicyName: aws.String(name), Path: path, PolicyDocument: aws.String(docList)})
	}
	runScenarios(t, seedPolicies(), []scenario{
		{name: "the policy, path /, v1 the default", call: create("writer", nil), want: newPolicy("/", "writer")},
		{name: "with a path", call: create("writer", aws.String("/test/path/")), want: newPolicy("/test/path/", "writer")},
		{name: "with tags: shown; the description is not", call: createPolicy(&iam.CreatePolicyInput{PolicyName: aws.String("writer"), PolicyDocument: aws.String(docList),
			Description: aws.String("testing"), Tags: []types.Tag{tag("somekey", "somevalue"), tag("someotherkey", "someothervalue")}}),
			want: newPolicy("/", "writer", tag("somekey", "somevalue"), tag("someotherkey", "someothervalue"))},
		{name: "tag keys keep case: a and A are two", call: createPolicy(&iam.CreatePolicyInput{PolicyName: aws.String("writer"), PolicyDocument: aws.String(docList),
			Tags: []types.Tag{tag("a", "lowercase"), tag("A", "uppercase")}}), want: newPolicy("/", "writer", tag("a", "lowercase"), tag("A", "uppercase"))},
		{name: "then GetPolicy shows the description and the tags", steps: []change{do(createPolicy(&iam.CreatePolicyInput{PolicyName: aws.String("writer"),
			PolicyDocument: aws.String(docList), Description: aws.String("testing"), Tags: []types.Tag{tag("k", "")}}))},
			call: getPolicy(arnOf("/", "writer")), want: got(iamPolicy("/", "writer", "<new policy id>", "v1", 0, testNow, testNow), "testing", tag("k", ""))},
		{name: "a group's or a user's name is no policy's", call: create("admins", nil), want: newPolicy("/", "admins")},
		{name: "as a role", as: asKey(roleKey.ID), call: create("writer", nil), want: newPolicy("/", "writer")},
		{name: "the name taken", call: create("ReadOnly", nil), wantErr: policyExists("ReadOnly")},
		{name: "the name taken in another case, at another path", call: create("READONLY", aws.String("/x/")), wantErr: policyExists("READONLY")},
		{name: "a tag key twice", call: createPolicy(&iam.CreatePolicyInput{PolicyName: aws.String("writer"), PolicyDocument: aws.String(docList),
			Tags: []types.Tag{tag("k", "1"), tag("k", "2")}}), wantErr: duplicatePolicyTags},
		{name: "a reserved tag key", call: createPolicy(&iam.CreatePolicyInput{PolicyName: aws.String("writer"), PolicyDocument: aws.String(docList),
			Tags: []types.Tag{tag("aws:k", "1")}}), wantErr: reservedTagKey},
		{name: "the 1,501st policy", seed: seedPolicies(fakeiam.PoliciesPerAccount(3)), call: create("writer", nil), wantErr: quotaExceeded("PoliciesPerAccount", 3)},
		{name: "room again after a delete", seed: seedPolicies(fakeiam.PoliciesPerAccount(3)), steps: []change{do(deletePolicy(unusedARN))}, call: create("writer", nil),
			want: newPolicy("/", "writer")},
		{name: "another account's name is free", seed: append(seedPolicies(), otherAccountSeed()), as: asKey(otherRootKey.ID), call: create("ReadOnly", nil),
			want: &iam.CreatePolicyOutput{Policy: &types.Policy{PolicyName: aws.String("ReadOnly"), Path: aws.String("/"), PolicyId: aws.String("<new policy id>"),
				Arn: aws.String("arn:aws:iam::" + otherAccount + ":policy/ReadOnly"), DefaultVersionId: aws.String("v1"), AttachmentCount: aws.Int32(0),
				PermissionsBoundaryUsageCount: aws.Int32(0), IsAttachable: true, CreateDate: aws.Time(testNow), UpdateDate: aws.Time(testNow)}}},
		{name: "policyName of 129", call: create(strings.Repeat("p", 129), nil), wantErr: failedConstraints("policyName", maxLength(128))},
		{name: "policyName off the pattern: the standard text", call: create("read only", nil), wantErr: failedConstraints("policyName", pattern(`[\w+=,.@-]+`))},
		{name: "a path off the pattern", call: create("writer", aws.String("ops")), wantErr: invalidPath("path")},
		{name: "validation before the name", call: create("ReadOnly", aws.String("ops")), wantErr: invalidPath("path")},
		{name: "a document that is no JSON", call: createPolicy(&iam.CreatePolicyInput{PolicyName: aws.String("writer"), PolicyDocument: aws.String("not json")}),
			wantErr: malformedPolicy("Syntax errors in policy.")},
		{name: "a document of version 2008-10-17", call: createPolicy(&iam.CreatePolicyInput{PolicyName: aws.String("writer"),
			PolicyDocument: aws.String(`{"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`)}),
			wantErr: malformedPolicy("Policy document must be version 2012-10-17 or greater.")},
		{name: "a document with a Principal", call: createPolicy(&iam.CreatePolicyInput{PolicyName: aws.String("writer"),
			PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}`)}),
			wantErr: malformedPolicy("Policy document should not specify a principal.")},
		{name: "the document before the name", call: createPolicy(&iam.CreatePolicyInput{PolicyName: aws.String("ReadOnly"), PolicyDocument: aws.String("{}")}),
			wantErr: malformedPolicy("Syntax errors in policy.")},
		{name: "6,144 characters without white space: stored", call: createPolicy(&iam.CreatePolicyInput{PolicyName: aws.String("writer"), PolicyDocument: aws.String(docOfSize(6144, true))}),
			want: newPolicy("/", "writer")},
		{name: "6,145 characters", call: createPolicy(&iam.CreatePolicyInput{PolicyName: aws.String("writer"), PolicyDocument: aws.String(docOfSize(6145, false))}),
			wantErr: &fakeiam.Error{Code: "LimitExceeded", Status: 409, Message: "Cannot exceed quota for PolicySize: 6144"}},
	})
}

func TestGetPolicySpec(t *testing.T) {
	runScenarios(t, seedPolicies(), []scenario{
		{name: "with description and tags", call: getPolicy(readOnlyARN), want: got(readOnlyPolicy, "reads buckets", tag("team", "eng"))},
		{name: "no tags: an empty list", call: getPolicy(unusedARN), want: got(unusedPolicy, "")},
		{name: "its default version", call: getPolicy(deployARN), want: got(deployPolicy, "")},
		{name: "as a user", as: asKey(bobKey.ID), call: getPolicy(unusedARN), want: got(unusedPolicy, "")},
		{name: "no such policy", call: getPolicy(arnOf("/", "nope")), wantErr: noSuchPolicy(arnOf("/", "nope"))},
		{name: "the name at another path", call: getPolicy(arnOf("/x/", "ReadOnly")), wantErr: noSuchPolicy(arnOf("/x/", "ReadOnly"))},
		{name: "another account's", seed: append(seedPolicies(), otherAccountSeed()), as: asKey(otherRootKey.ID), call: getPolicy(readOnlyARN),
			wantErr: noSuchPolicy(readOnlyARN)},
		{name: "an AWS managed policy not in the catalog", call: getPolicy("arn:aws:iam::aws:policy/ReadOnlyAccessX"),
			wantErr: noSuchPolicy("arn:aws:iam::aws:policy/ReadOnlyAccessX")},
		{name: "policyArn of 19", call: getPolicy("arn:aws:iam::1:p/x"), wantErr: failedConstraints("policyArn", minLength(20))},
	})
}

func TestListPoliciesSpec(t *testing.T) {
	runScenarios(t, seedPolicies(), []scenario{
		{name: "by name ignoring case, without description or tags", call: listPolicies(&iam.ListPoliciesInput{Scope: types.PolicyScopeTypeLocal}),
			want: policiesPage(deployPolicy, readOnlyPolicy, unusedPolicy)},
		{name: "Scope Local", call: listPolicies(&iam.ListPoliciesInput{Scope: types.PolicyScopeTypeLocal}), want: policiesPage(deployPolicy, readOnlyPolicy, unusedPolicy)},
		{name: "OnlyAttached", call: listPolicies(&iam.ListPoliciesInput{OnlyAttached: true}), want: policiesPage(readOnlyPolicy)},
		{name: "OnlyAttached as boundaries: none", call: listPolicies(&iam.ListPoliciesInput{OnlyAttached: true, PolicyUsageFilter: types.PolicyUsageTypePermissionsBoundary}),
			want: policiesPage()},
		{name: "OnlyAttached as permissions", call: listPolicies(&iam.ListPoliciesInput{OnlyAttached: true, PolicyUsageFilter: types.PolicyUsageTypePermissionsPolicy}),
			want: policiesPage(readOnlyPolicy)},
		{name: "PathPrefix", call: listPolicies(&iam.ListPoliciesInput{PathPrefix: aws.String("/ops/")}), want: policiesPage(deployPolicy)},
		{name: "after an attachment: its count", steps: []change{do(attachUserPolicy("Alice", unusedARN))}, call: listPolicies(&iam.ListPoliciesInput{OnlyAttached: true}),
			want: policiesPage(readOnlyPolicy, iamPolicy("/", "unused", "<id of policy unused>", "v1", 1, testNow, testNow))},
		{name: "a page", call: listPolicies(&iam.ListPoliciesInput{Scope: types.PolicyScopeTypeLocal, MaxItems: aws.Int32(2)}),
			want: &iam.ListPoliciesOutput{Policies: []types.Policy{deployPolicy, readOnlyPolicy}, IsTruncated: true, Marker: aws.String("<marker>")}},
		{name: "the next page", call: listThen((*iam.Client).ListPolicies, iam.ListPoliciesInput{Scope: types.PolicyScopeTypeLocal, MaxItems: aws.Int32(2)}, nil, nil, iam.ListPoliciesInput{Scope: types.PolicyScopeTypeLocal}),
			want: policiesPage(unusedPolicy)},
		{name: "none", seed: seedUsers(), call: listPolicies(&iam.ListPoliciesInput{Scope: types.PolicyScopeTypeLocal}), want: policiesPage()},
		{name: "another account's policies are its own", seed: append(seedPolicies(), otherAccountSeed()), as: asKey(otherRootKey.ID),
			call: listPolicies(&iam.ListPoliciesInput{Scope: types.PolicyScopeTypeLocal}), want: policiesPage()},
		{name: "a Scope off the enum", call: listPolicies(&iam.ListPoliciesInput{Scope: "Mine"}),
			wantErr: failedConstraints("scope", enumValueSet)},
		{name: "a PathPrefix off the pattern", call: listPolicies(&iam.ListPoliciesInput{PathPrefix: aws.String("ops")}), wantErr: invalidPath("pathPrefix")},
	})
}

func TestDeletePolicySpec(t *testing.T) {
	runScenarios(t, seedPolicies(), []scenario{
		{name: "an empty result", call: deletePolicy(unusedARN), want: &iam.DeletePolicyOutput{}},
		{name: "gone", steps: []change{do(deletePolicy(unusedARN))}, call: getPolicy(unusedARN), wantErr: noSuchPolicy(unusedARN)},
		{name: "gone from the list", steps: []change{do(deletePolicy(unusedARN))}, call: listPolicies(&iam.ListPoliciesInput{Scope: types.PolicyScopeTypeLocal}),
			want: policiesPage(deployPolicy, readOnlyPolicy)},
		{name: "while attached", call: deletePolicy(readOnlyARN), wantErr: policyAttached},
		{name: "once detached from all", steps: []change{do(detachUserPolicy("Bob", readOnlyARN)), do(detachGroupPolicy("admins", readOnlyARN))},
			call: deletePolicy(readOnlyARN), want: &iam.DeletePolicyOutput{}},
		{name: "attached to a group only", steps: []change{do(detachUserPolicy("Bob", readOnlyARN))}, call: deletePolicy(readOnlyARN), wantErr: policyAttached},
		{name: "while it has a version but the default", call: deletePolicy(deployARN), wantErr: policyHasVersions},
		{name: "attached, with versions: attached first (choice)", steps: []change{do(attachUserPolicy("Alice", deployARN))}, call: deletePolicy(deployARN), wantErr: policyAttached},
		{name: "once the other versions are deleted", steps: []change{do(deletePolicyVersion(deployARN, "v1"))}, call: deletePolicy(deployARN), want: &iam.DeletePolicyOutput{}},
		{name: "no such policy", call: deletePolicy(arnOf("/", "non-existent-policy")), wantErr: noSuchPolicy(arnOf("/", "non-existent-policy"))},
		{name: "twice", steps: []change{do(deletePolicy(unusedARN))}, call: deletePolicy(unusedARN), wantErr: noSuchPolicy(unusedARN)},
		{name: "created again: a new id", steps: []change{do(deletePolicy(unusedARN)),
			do(createPolicy(&iam.CreatePolicyInput{PolicyName: aws.String("unused"), PolicyDocument: aws.String(docDeny)}))},
			call: getPolicy(unusedARN), want: got(iamPolicy("/", "unused", "<new policy id>", "v1", 0, testNow, testNow), "")},
	})
}

// Versions.

// version is a PolicyVersion as the lists show it (no document).
func version(id string, isDefault bool, created time.Time) types.PolicyVersion {
	return types.PolicyVersion{VersionId: aws.String(id), IsDefaultVersion: isDefault, CreateDate: aws.Time(created)}
}

// versionWith is GetPolicyVersion's answer: the document URL-encoded.
func versionWith(id string, isDefault bool, created time.Time, doc string) *iam.GetPolicyVersionOutput {
	v := version(id, isDefault, created)
	v.Document = aws.String(strings.ReplaceAll(url.QueryEscape(doc), "+", "%20"))
	return &iam.GetPolicyVersionOutput{PolicyVersion: &v}
}

func versionsPage(vs ...types.PolicyVersion) *iam.ListPolicyVersionsOutput {
	if vs == nil {
		vs = []types.PolicyVersion{}
	}
	return &iam.ListPolicyVersionsOutput{Versions: vs}
}

func TestCreatePolicyVersionSpec(t *testing.T) {
	five := []change{do(createPolicyVersion(unusedARN, docList, false)), do(createPolicyVersion(unusedARN, docList, false)),
		do(createPolicyVersion(unusedARN, docList, false)), do(createPolicyVersion(unusedARN, docList, false))}
	runScenarios(t, seedPolicies(), []scenario{
		{name: "v2, not the default", call: createPolicyVersion(unusedARN, docList, false),
			want: &iam.CreatePolicyVersionOutput{PolicyVersion: ptr(version("v2", false, testNow))}},
		{name: "v2, the default", call: createPolicyVersion(unusedARN, docList, true),
			want: &iam.CreatePolicyVersionOutput{PolicyVersion: ptr(version("v2", true, testNow))}},
		{name: "as the default: the policy's default and UpdateDate follow", steps: []change{do(createPolicyVersion(readOnlyARN, docDeny, true))},
			call: getPolicy(readOnlyARN), want: got(iamPolicy("/", "ReadOnly", "<id of policy ReadOnly>", "v2", 2, readCreated, testNow), "reads buckets", tag("team", "eng"))},
		{name: "newest first in the list", steps: []change{do(createPolicyVersion(readOnlyARN, docDeny, false))}, call: listPolicyVersions(readOnlyARN, nil, nil),
			want: versionsPage(version("v2", false, testNow), version("v1", true, readCreated))},
		{name: "the sixth version", steps: five, call: createPolicyVersion(unusedARN, docList, false), wantErr: versionQuota},
		{name: "after a delete: v6, never a number used before", steps: append(five, do(deletePolicyVersion(unusedARN, "v3"))),
			call: createPolicyVersion(unusedARN, docList, false), want: &iam.CreatePolicyVersionOutput{PolicyVersion: ptr(version("v6", false, testNow))}},
		{name: "no such policy", call: createPolicyVersion(arnOf("/", "nope"), docList, false), wantErr: noSuchPolicy(arnOf("/", "nope"))},
		{name: "a malformed document", call: createPolicyVersion(unusedARN, `{"Version":"2012-10-17"}`, false), wantErr: malformedPolicy("Syntax errors in policy.")},
		{name: "no such policy before the document", call: createPolicyVersion(arnOf("/", "nope"), "not json", false), wantErr: noSuchPolicy(arnOf("/", "nope"))},
		{name: "the document before the quota", steps: five, call: createPolicyVersion(unusedARN, "not json", false), wantErr: malformedPolicy("Syntax errors in policy.")},
		{name: "6,145 characters", call: createPolicyVersion(unusedARN, docOfSize(6145, false), false),
			wantErr: &fakeiam.Error{Code: "LimitExceeded", Status: 409, Message: "Cannot exceed quota for PolicySize: 6144"}},
	})
}

func TestGetPolicyVersionSpec(t *testing.T) {
	runScenarios(t, seedPolicies(), []scenario{
		{name: "the document URL-encoded, as IAM answers it", call: getPolicyVersion(readOnlyARN, "v1"), want: versionWith("v1", true, readCreated, docList)},
		{name: "spaces and line breaks kept, encoded", call: getPolicyVersion(deployARN, "v2"), want: versionWith("v2", true, deployCreated, docDeploy)},
		{name: "a version not the default", call: getPolicyVersion(deployARN, "v1"), want: versionWith("v1", false, deployCreated, docList)},
		{name: "a created version's document", steps: []change{do(createPolicyVersion(unusedARN, docDeploy, false))}, call: getPolicyVersion(unusedARN, "v2"),
			want: versionWith("v2", false, testNow, docDeploy)},
		{name: "no such version", call: getPolicyVersion(readOnlyARN, "v9"), wantErr: noSuchPolicyVersion(readOnlyARN, "v9")},
		{name: "no such policy: the same text", call: getPolicyVersion(arnOf("/", "TestNonExistingPolicy"), "v1"),
			wantErr: noSuchPolicyVersion(arnOf("/", "TestNonExistingPolicy"), "v1")},
		{name: "a version id off the pattern", call: getPolicyVersion(readOnlyARN, "1"),
			wantErr: failedConstraints("versionId", pattern(`v[1-9][0-9]*(\.[A-Za-z0-9-]*)?`))},
	})
}

func TestListPolicyVersionsSpec(t *testing.T) {
	runScenarios(t, seedPolicies(), []scenario{
		{name: "newest first, without documents", call: listPolicyVersions(deployARN, nil, nil),
			want: versionsPage(version("v2", true, deployCreated), version("v1", false, deployCreated))},
		{name: "a page", call: listPolicyVersions(deployARN, nil, aws.Int32(1)),
			want: &iam.ListPolicyVersionsOutput{Versions: []types.PolicyVersion{version("v2", true, deployCreated)}, IsTruncated: true, Marker: aws.String("<marker>")}},
		{name: "the next page", call: listThen((*iam.Client).ListPolicyVersions, iam.ListPolicyVersionsInput{PolicyArn: aws.String(deployARN), MaxItems: aws.Int32(1)}, nil, nil,
			iam.ListPolicyVersionsInput{PolicyArn: aws.String(deployARN)}), want: versionsPage(version("v1", false, deployCreated))},
		{name: "no such policy", call: listPolicyVersions(arnOf("/", "nope"), nil, nil), wantErr: noSuchPolicy(arnOf("/", "nope"))},
	})
}

func TestDeletePolicyVersionSpec(t *testing.T) {
	runScenarios(t, seedPolicies(), []scenario{
		{name: "an empty result", call: deletePolicyVersion(deployARN, "v1"), want: &iam.DeletePolicyVersionOutput{}},
		{name: "gone from the list", steps: []change{do(deletePolicyVersion(deployARN, "v1"))}, call: listPolicyVersions(deployARN, nil, nil),
			want: versionsPage(version("v2", true, deployCreated))},
		{name: "the default version", call: deletePolicyVersion(deployARN, "v2"), wantErr: defaultVersionKept},
		{name: "no such version", call: deletePolicyVersion(deployARN, "v9"), wantErr: noSuchPolicyVersion(deployARN, "v9")},
		{name: "twice", steps: []change{do(deletePolicyVersion(deployARN, "v1"))}, call: deletePolicyVersion(deployARN, "v1"), wantErr: noSuchPolicyVersion(deployARN, "v1")},
	})
}

func TestSetDefaultPolicyVersionSpec(t *testing.T) {
	runScenarios(t, seedPolicies(), []scenario{
		{name: "an empty result", call: setDefaultPolicyVersion(deployARN, "v1"), want: &iam.SetDefaultPolicyVersionOutput{}},
		{name: "then the list shows it", steps: []change{do(setDefaultPolicyVersion(deployARN, "v1"))}, call: listPolicyVersions(deployARN, nil, nil),
			want: versionsPage(version("v2", false, deployCreated), version("v1", true, deployCreated))},
		{name: "then the policy's default and UpdateDate", steps: []change{do(setDefaultPolicyVersion(deployARN, "v1"))}, call: getPolicy(deployARN),
			want: got(iamPolicy("/ops/", "ops-deploy", "<id of policy ops-deploy>", "v1", 0, deployCreated, testNow), "")},
		{name: "already the default: nothing changes", steps: []change{do(setDefaultPolicyVersion(deployARN, "v2"))}, call: getPolicy(deployARN),
			want: got(deployPolicy, "")},
		{name: "the old default can then be deleted", steps: []change{do(setDefaultPolicyVersion(deployARN, "v1"))}, call: deletePolicyVersion(deployARN, "v2"),
			want: &iam.DeletePolicyVersionOutput{}},
		{name: "no such version", call: setDefaultPolicyVersion(deployARN, "v4"), wantErr: noSuchPolicyVersion(deployARN, "v4")},
		{name: "no such policy", call: setDefaultPolicyVersion(arnOf("/", "TestNonExistingPolicy"), "v1"),
			wantErr: noSuchPolicyVersion(arnOf("/", "TestNonExistingPolicy"), "v1")},
		{name: "a version id off the pattern", call: setDefaultPolicyVersion(deployARN, "wrong_version_id"),
			wantErr: failedConstraints("versionId", pattern(`v[1-9][0-9]*(\.[A-Za-z0-9-]*)?`))},
	})
}

// TestManagedPolicySeeds: New names every problem of a managed policy seed
// and where it is.
func TestManagedPolicySeeds(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []fakeiam.Option
		want []string
	}{
		{"a bad name", []fakeiam.Option{fakeiam.ManagedPolicy("a b", docList)}, []string{`managed policy "a b"`, "policyName"}},
		{"a bad path", []fakeiam.Option{fakeiam.ManagedPolicy("p", docList).Path("x")}, []string{`managed policy "p"`, "path"}},
		{"an empty document", []fakeiam.Option{fakeiam.ManagedPolicy("p", "")}, []string{`managed policy "p"`, "policyDocument"}},
		{"a malformed version", []fakeiam.Option{fakeiam.ManagedPolicy("p", docList).Versions(`{"Statement":[]}`)},
			[]string{`managed policy "p": version v2: MalformedPolicyDocument`}},
		{"a document over the size quota", []fakeiam.Option{fakeiam.ManagedPolicy("p", docOfSize(6145, false))}, []string{"version v1", "PolicySize: 6144"}},
		{"a name twice, in another case", []fakeiam.Option{fakeiam.ManagedPolicy("p", docList), fakeiam.ManagedPolicy("P", docList)},
			[]string{`managed policy "P"`, "unique regardless of case"}},
		{"six versions", []fakeiam.Option{fakeiam.ManagedPolicy("p", docList).Versions(docList, docList, docList, docList, docList)}, []string{"6 versions", "quota of 5", "VersionsPerPolicy"}},
		{"no such user", []fakeiam.Option{fakeiam.ManagedPolicy("p", docList).AttachedToUsers("Nobody")}, []string{`user "Nobody"`, "no such user"}},
		{"no such group", []fakeiam.Option{fakeiam.ManagedPolicy("p", docList).AttachedToGroups("nope")}, []string{`group "nope"`, "no such group"}},
		{"a user twice", []fakeiam.Option{fakeiam.User("Bob"), fakeiam.ManagedPolicy("p", docList).AttachedToUsers("Bob", "bob")}, []string{`user "bob" twice`}},
		{"a duplicate tag", []fakeiam.Option{fakeiam.ManagedPolicy("p", docList).Tag("k", "1").Tag("k", "2")}, []string{"tags", "Duplicate tag keys"}},
		{"over the per-user quota", append(policiesFor("Bob", 11), fakeiam.User("Bob")), []string{`user "Bob"`, "11 managed policies", "PoliciesPerUser"}},
		{"over the per-group quota", append(policiesFor("", 3), fakeiam.Group("g"), fakeiam.PoliciesPerGroup(2)), []string{`group "g"`, "3 managed policies", "PoliciesPerGroup"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newFakeE(tc.opts...)
			if err == nil {
				t.Fatalf("New succeeded; want an error naming %q", tc.want)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
	// A lifted quota lets the seed through.
	if _, err := newFakeE(append(policiesFor("Bob", 11), fakeiam.User("Bob"), fakeiam.PoliciesPerUser(11))...); err != nil {
		t.Errorf("PoliciesPerUser(11): %v", err)
	}
}

// docOfSize is a valid managed policy document of n characters without
// white space; spaced, with white space between its tokens as well (which
// IAM does not count).
func docOfSize(n int, spaced bool) string {
	head, tail := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::`, `"}}`
	doc := head + strings.Repeat("b", n-len(head)-len(tail)) + tail
	if spaced {
		doc = strings.ReplaceAll(strings.ReplaceAll(doc, ",", ",\n  "), ":{", ": {")
	}
	return doc
}

// policiesFor is n managed policies p00... attached to user (or, when user
// is "", to group g).
func policiesFor(user string, n int) []fakeiam.Option {
	var opts []fakeiam.Option
	for i := range n {
		p := fakeiam.ManagedPolicy(fmt.Sprintf("p%02d", i), docList)
		if user != "" {
			p = p.AttachedToUsers(user)
		} else {
			p = p.AttachedToGroups("g")
		}
		opts = append(opts, p)
	}
	return opts
}
