package fakeiam_test

// docs/contract.md, "AWS managed policies": GetPolicy, GetPolicyVersion,
// ListPolicyVersions, ListPolicies (Scope AWS and All), the attachments
// and ListEntitiesForPolicy on arn:aws:iam::aws:policy/..., the writes IAM
// refuses, and seeding, each row through the differential harness. The
// expected facts are the snapshot's (github.com/zoph-io/MAMIP at
// 0387244e, 2026-03-07: ListPolicies --scope AWS and GetPolicyVersion), the
// first page's default versions as LocalStack recorded them against IAM
// (test_list_policies_scope_aws, 2026-02-12).

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

const (
	awsReadOnlyARN     = "arn:aws:iam::aws:policy/ReadOnlyAccess"
	awsAdminARN        = "arn:aws:iam::aws:policy/AdministratorAccess"
	awsChangePassword  = "arn:aws:iam::aws:policy/IAMUserChangePassword"
	awsLambdaBasicARN  = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
	awsSysAdminARN     = "arn:aws:iam::aws:policy/job-function/SystemAdministrator"
	awsS3ReadOnlyARN   = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
	awsConfigRoleARN   = "arn:aws:iam::aws:policy/service-role/AWSConfigRole" // IsAttachable false
	awsNotInCatalogARN = "arn:aws:iam::aws:policy/NoSuchAccess"
	// GetPolicy's Description of IAMUserChangePassword as LocalStack
	// recorded it (test_get_aws_managed_policy), of the others as the
	// catalog's source holds them (internal/awspolicies).
	descChangePassword = "Provides the ability for an IAM user to change their own password."
	descReadOnly       = "Provides read-only access to AWS services and resources."
	descLambdaBasic    = "Provides write permissions to CloudWatch Logs."
	descSysAdmin       = "Grants full access permissions necessary for resources required for application and development operations."
	// AWSLambdaBasicExecutionRole's v1, as the snapshot holds it.
	awsLambdaBasicDoc = `{"Version":"2012-10-17","Statement":[{"Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*","Effect":"Allow"}]}`
)

func snapTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// awsPolicy is an AWS managed policy as ListPolicies answers it.
func awsPolicy(path, name, id, def string, attached int32, created, updated string) types.Policy {
	return types.Policy{PolicyName: aws.String(name), Path: aws.String(path), PolicyId: aws.String(id),
		Arn: aws.String("arn:aws:iam::aws:policy" + path + name), DefaultVersionId: aws.String(def), AttachmentCount: aws.Int32(attached),
		PermissionsBoundaryUsageCount: aws.Int32(0), IsAttachable: true, CreateDate: aws.Time(snapTime(created)), UpdateDate: aws.Time(snapTime(updated))}
}

// The snapshot's policies the rows name, unattached.
var (
	awsAdministrator    = awsPolicy("/", "AdministratorAccess", "ANPAIWMBCKSKIEE64ZLYK", "v1", 0, "2015-02-06T18:39:46Z", "2015-02-06T18:39:46Z")
	awsPowerUser        = awsPolicy("/", "PowerUserAccess", "ANPAJYRXTHIB4FOVS3ZXS", "v12", 0, "2015-02-06T18:39:47Z", "2026-02-12T17:59:14Z")
	awsReadOnly         = awsPolicy("/", "ReadOnlyAccess", "ANPAILL3HVNFSB6DCOWYQ", "v178", 0, "2015-02-06T18:39:48Z", "2026-02-12T18:01:33Z")
	awsCFReadOnly       = awsPolicy("/", "AWSCloudFormationReadOnlyAccess", "ANPAJWVBEE4I2POWLODLW", "v7", 0, "2015-02-06T18:39:49Z", "2026-02-12T18:02:00Z")
	awsCloudFrontFull   = awsPolicy("/", "CloudFrontFullAccess", "ANPAIPRV52SH6HDCCFY6U", "v14", 0, "2015-02-06T18:39:50Z", "2026-02-12T17:59:45Z")
	awsViewOnly         = awsPolicy("/job-function/", "ViewOnlyAccess", "ANPAID22R6XPJATWOFDK6", "v43", 0, "2016-11-10T17:20:15Z", "2026-02-12T18:02:40Z")
	awsSupportUser      = awsPolicy("/job-function/", "SupportUser", "ANPAI3V4GSSN5SJY3P2RO", "v11", 0, "2016-11-10T17:21:53Z", "2026-02-12T18:03:12Z")
	awsSysAdmin         = awsPolicy("/job-function/", "SystemAdministrator", "ANPAITJPEZXCYCBXANDSW", "v12", 0, "2016-11-10T17:23:56Z", "2026-02-12T18:02:37Z")
	awsChangePasswordPl = awsPolicy("/", "IAMUserChangePassword", "ANPAJ4L4MM2A7QIEB56MS", "v5", 0, "2016-11-15T00:25:16Z", "2026-02-12T17:58:57Z")
	awsLambdaBasic      = awsPolicy("/service-role/", "AWSLambdaBasicExecutionRole", "ANPAJNCQGXC42545SKXIK", "v1", 0, "2015-04-09T15:03:43Z", "2015-04-09T15:03:43Z")
)

// attachedN is p with n attachments.
func attachedN(p types.Policy, n int32) types.Policy {
	p.AttachmentCount = aws.Int32(n)
	return p
}

// awsDenied is IAM's refusal of a write on an AWS managed policy.
func awsDenied(caller string, op fakeiam.Operation, arn string) *fakeiam.Error {
	return ruleDenied(caller, op, "policy "+arn)
}

func TestGetAWSManagedPolicySpec(t *testing.T) {
	configRole := awsPolicy("/service-role/", "AWSConfigRole", "ANPAIQRXRDRGJUA33ELIO", "v42", 0, "2015-04-02T17:36:23Z", "2022-02-10T18:33:55Z")
	configRole.IsAttachable = false
	runScenarios(t, seedPolicies(), []scenario{
		{name: "from the catalog: Tags an empty list", call: getPolicy(awsChangePassword), want: got(awsChangePasswordPl, descChangePassword)},
		{name: "at a path (service-role)", call: getPolicy(awsLambdaBasicARN), want: got(awsLambdaBasic, descLambdaBasic)},
		{name: "at a path (job-function)", call: getPolicy(awsSysAdminARN), want: got(awsSysAdmin, descSysAdmin)},
		{name: "not attachable; no description (its source has none)", call: getPolicy(awsConfigRoleARN), want: got(configRole, "")},
		{name: "as a user", as: asKey(bobKey.ID), call: getPolicy(awsChangePassword), want: got(awsChangePasswordPl, descChangePassword)},
		{name: "attached: the account's count", steps: []change{do(attachUserPolicy("Bob", awsReadOnlyARN)), do(attachGroupPolicy("admins", awsReadOnlyARN))},
			call: getPolicy(awsReadOnlyARN), want: got(attachedN(awsReadOnly, 2), descReadOnly)},
		{name: "detached: none", steps: []change{do(attachUserPolicy("Bob", awsReadOnlyARN)), do(detachUserPolicy("Bob", awsReadOnlyARN))},
			call: getPolicy(awsReadOnlyARN), want: got(awsReadOnly, descReadOnly)},
		{name: "another account's attachments are its own", seed: append(seedPolicies(), otherAccountSeed()),
			steps: []change{do(attachUserPolicy("Bob", awsReadOnlyARN))}, as: asKey(otherRootKey.ID), call: getPolicy(awsReadOnlyARN), want: got(awsReadOnly, descReadOnly)},
		{name: "a name not in the catalog", call: getPolicy(awsNotInCatalogARN), wantErr: noSuchPolicy(awsNotInCatalogARN)},
		{name: "the name at another path", call: getPolicy("arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole"),
			wantErr: noSuchPolicy("arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole")},
		{name: "the name in another case", call: getPolicy("arn:aws:iam::aws:policy/readonlyaccess"), wantErr: noSuchPolicy("arn:aws:iam::aws:policy/readonlyaccess")},
	})
}

// IAMUserChangePassword's versions as the snapshot holds them: its
// default, and the older ones its history recorded (MAMIP began after v1).
var changePasswordVersions = []types.PolicyVersion{version("v5", true, snapTime("2026-02-12T17:58:57Z")),
	version("v4", false, snapTime("2026-02-11T22:16:11Z")), version("v3", false, snapTime("2025-05-29T21:52:06Z")),
	version("v2", false, snapTime("2016-11-15T23:18:55Z"))}

func TestAWSManagedPolicyVersionsSpec(t *testing.T) {
	runScenarios(t, seedPolicies(), []scenario{
		{name: "the default version's document, URL-encoded", call: getPolicyVersion(awsLambdaBasicARN, "v1"),
			want: versionWith("v1", true, snapTime("2015-04-09T15:03:43Z"), awsLambdaBasicDoc)},
		{name: "a version the snapshot does not hold", call: getPolicyVersion(awsLambdaBasicARN, "v2"), wantErr: noSuchPolicyVersion(awsLambdaBasicARN, "v2")},
		{name: "a policy not in the catalog", call: getPolicyVersion(awsNotInCatalogARN, "v1"), wantErr: noSuchPolicyVersion(awsNotInCatalogARN, "v1")},
		{name: "an older version, from the snapshot's history", call: getPolicyVersion(awsS3ReadOnlyARN, "v1"),
			want: versionWith("v1", false, snapTime("2015-02-06T18:40:59Z"), `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"*"}]}`)},
		{name: "a version older than the history: not held", call: getPolicyVersion(awsChangePassword, "v1"), wantErr: noSuchPolicyVersion(awsChangePassword, "v1")},
		{name: "the versions: the default, then the history's, newest first", call: listPolicyVersions(awsChangePassword, nil, nil),
			want: versionsPage(changePasswordVersions...)},
		{name: "a page of them", call: listPolicyVersions(awsChangePassword, nil, aws.Int32(2)),
			want: &iam.ListPolicyVersionsOutput{Versions: changePasswordVersions[:2], IsTruncated: true, Marker: aws.String("<marker>")}},
		{name: "the next page", call: listThen((*iam.Client).ListPolicyVersions, iam.ListPolicyVersionsInput{PolicyArn: aws.String(awsChangePassword), MaxItems: aws.Int32(2)}, nil, nil,
			iam.ListPolicyVersionsInput{PolicyArn: aws.String(awsChangePassword)}), want: versionsPage(changePasswordVersions[2:]...)},
		{name: "versions of a policy not in the catalog", call: listPolicyVersions(awsNotInCatalogARN, nil, nil), wantErr: noSuchPolicy(awsNotInCatalogARN)},
	})
}

func TestAWSManagedPolicyWritesRefusedSpec(t *testing.T) {
	// IAM's texts, recorded: LocalStack's test_aws_managed_policy_errors.
	outsideAccount := func(msg string) *fakeiam.Error {
		return &fakeiam.Error{Code: "AccessDenied", Status: 403, Message: msg}
	}
	runScenarios(t, seedPolicies(), []scenario{
		{name: "DeletePolicy", call: deletePolicy(awsReadOnlyARN), wantErr: outsideAccount("Cannot delete policies outside your own account.")},
		{name: "DeletePolicy as a user", as: asKey(bobKey.ID), call: deletePolicy(awsReadOnlyARN), wantErr: outsideAccount("Cannot delete policies outside your own account.")},
		{name: "DeletePolicy of a name not in the catalog: the same", call: deletePolicy(awsNotInCatalogARN),
			wantErr: outsideAccount("Cannot delete policies outside your own account.")},
		{name: "CreatePolicyVersion", call: createPolicyVersion(awsReadOnlyARN, docList, true), wantErr: awsDenied(rootARN, fakeiam.CreatePolicyVersion, awsReadOnlyARN)},
		{name: "DeletePolicyVersion", call: deletePolicyVersion(awsReadOnlyARN, "v1"), wantErr: outsideAccount("Cannot delete policy versions for policies outside your own account.")},
		{name: "SetDefaultPolicyVersion", call: setDefaultPolicyVersion(awsReadOnlyARN, "v178"),
			wantErr: outsideAccount("Cannot update policies outside your own account.")},
		{name: "nothing changed", steps: []change{try(deletePolicy(awsReadOnlyARN)), try(setDefaultPolicyVersion(awsReadOnlyARN, "v1"))},
			call: getPolicy(awsReadOnlyARN), want: got(awsReadOnly, descReadOnly)},
	})
}

func TestListAWSManagedPoliciesSpec(t *testing.T) {
	page := func(marker bool, ps ...types.Policy) *iam.ListPoliciesOutput {
		out := policiesPage(ps...)
		if marker {
			out.IsTruncated, out.Marker = true, aws.String("<marker>")
		}
		return out
	}
	aws5 := &iam.ListPoliciesInput{Scope: types.PolicyScopeTypeAws, MaxItems: aws.Int32(5)}
	runScenarios(t, seedPolicies(), []scenario{
		{name: "Scope AWS: IAM's order", call: listPolicies(aws5),
			want: page(true, awsAdministrator, awsPowerUser, awsReadOnly, awsCFReadOnly, awsCloudFrontFull)},
		{name: "Scope AWS, the next page", call: listThen((*iam.Client).ListPolicies, iam.ListPoliciesInput{Scope: types.PolicyScopeTypeAws, MaxItems: aws.Int32(2)}, nil, nil,
			iam.ListPoliciesInput{Scope: types.PolicyScopeTypeAws, MaxItems: aws.Int32(3)}),
			want: page(true, awsReadOnly, awsCFReadOnly, awsCloudFrontFull)},
		{name: "Scope All (the default): the AWS managed policies first", call: listPolicies(&iam.ListPoliciesInput{MaxItems: aws.Int32(2)}),
			want: page(true, awsAdministrator, awsPowerUser)},
		{name: "Scope AWS, PathPrefix", call: listPolicies(&iam.ListPoliciesInput{Scope: types.PolicyScopeTypeAws, PathPrefix: aws.String("/job-function/"), MaxItems: aws.Int32(3)}),
			want: page(true, awsViewOnly, awsSupportUser, awsSysAdmin)},
		{name: "Scope AWS, OnlyAttached: none attached", call: listPolicies(&iam.ListPoliciesInput{Scope: types.PolicyScopeTypeAws, OnlyAttached: true}), want: page(false)},
		{name: "Scope AWS, OnlyAttached: in IAM's order, with the account's counts",
			steps: []change{do(attachUserPolicy("Bob", awsReadOnlyARN)), do(attachGroupPolicy("admins", awsAdminARN)), do(attachUserPolicy("Alice", awsAdminARN))},
			call:  listPolicies(&iam.ListPoliciesInput{Scope: types.PolicyScopeTypeAws, OnlyAttached: true}),
			want:  page(false, attachedN(awsAdministrator, 2), attachedN(awsReadOnly, 1))},
		{name: "Scope All, OnlyAttached: AWS, then the account's",
			steps: []change{do(attachUserPolicy("Bob", awsReadOnlyARN))},
			call:  listPolicies(&iam.ListPoliciesInput{OnlyAttached: true}), want: page(false, attachedN(awsReadOnly, 1), readOnlyPolicy)},
		{name: "Scope All, OnlyAttached, a page of one", steps: []change{do(attachUserPolicy("Bob", awsReadOnlyARN))},
			call: listPolicies(&iam.ListPoliciesInput{OnlyAttached: true, MaxItems: aws.Int32(1)}), want: page(true, attachedN(awsReadOnly, 1))},
		{name: "Scope All, OnlyAttached, from the AWS page's marker: the account's", steps: []change{do(attachUserPolicy("Bob", awsReadOnlyARN))},
			call: listThen((*iam.Client).ListPolicies, iam.ListPoliciesInput{OnlyAttached: true, MaxItems: aws.Int32(1)}, nil, nil, iam.ListPoliciesInput{OnlyAttached: true}),
			want: page(false, readOnlyPolicy)},
		{name: "Scope Local: none of them", steps: []change{do(attachUserPolicy("Bob", awsReadOnlyARN))},
			call: listPolicies(&iam.ListPoliciesInput{Scope: types.PolicyScopeTypeLocal, OnlyAttached: true}), want: page(false, readOnlyPolicy)},
		{name: "a Scope AWS marker in a Scope All listing", call: listThen((*iam.Client).ListPolicies, *aws5, nil, nil, iam.ListPoliciesInput{}),
			wantErr: invalidMarker},
	})
}

func TestAttachAWSManagedPolicySpec(t *testing.T) {
	attached := func(ps ...types.AttachedPolicy) []types.AttachedPolicy { return ps }
	ap := func(name, arn string) types.AttachedPolicy {
		return types.AttachedPolicy{PolicyName: aws.String(name), PolicyArn: aws.String(arn)}
	}
	runScenarios(t, seedPolicies(fakeiam.User("Carol")), []scenario{
		{name: "to a user", call: attachUserPolicy("Bob", awsReadOnlyARN), want: &iam.AttachUserPolicyOutput{}},
		{name: "listed with the user's others, by name", steps: []change{do(attachUserPolicy("Bob", awsReadOnlyARN))},
			call: listAttachedUserPolicies(&iam.ListAttachedUserPoliciesInput{UserName: aws.String("Bob")}),
			want: &iam.ListAttachedUserPoliciesOutput{AttachedPolicies: attached(ap("ReadOnly", readOnlyARN), ap("ReadOnlyAccess", awsReadOnlyARN))}},
		{name: "to a group, PathPrefix on its path", steps: []change{do(attachGroupPolicy("admins", awsSysAdminARN))},
			call: listAttachedGroupPolicies(&iam.ListAttachedGroupPoliciesInput{GroupName: aws.String("admins"), PathPrefix: aws.String("/job-function/")}),
			want: &iam.ListAttachedGroupPoliciesOutput{AttachedPolicies: attached(ap("SystemAdministrator", awsSysAdminARN))}},
		{name: "twice: attached once", steps: []change{do(attachUserPolicy("Bob", awsReadOnlyARN)), do(attachUserPolicy("Bob", awsReadOnlyARN))},
			call: getPolicy(awsReadOnlyARN), want: got(attachedN(awsReadOnly, 1), descReadOnly)},
		{name: "not attachable", call: attachUserPolicy("Bob", awsConfigRoleARN), wantErr: notAttachable(awsConfigRoleARN)},
		{name: "not in the catalog", call: attachGroupPolicy("admins", awsNotInCatalogARN), wantErr: notAttachable(awsNotInCatalogARN)},
		{name: "the user first", call: attachUserPolicy("Nobody", awsNotInCatalogARN), wantErr: noSuchUser("Nobody")},
		{name: "counted in the user's quota", seed: seedPolicies(fakeiam.PoliciesPerUser(1)), call: attachUserPolicy("Bob", awsReadOnlyARN),
			wantErr: quotaExceeded("PoliciesPerUser", 1)},
		{name: "detached", steps: []change{do(attachUserPolicy("Bob", awsReadOnlyARN))}, call: detachUserPolicy("Bob", awsReadOnlyARN), want: &iam.DetachUserPolicyOutput{}},
		{name: "detached when not attached", call: detachGroupPolicy("admins", awsReadOnlyARN), wantErr: noSuchPolicy(awsReadOnlyARN)},
		{name: "its entities", steps: []change{do(attachUserPolicy("Bob", awsReadOnlyARN)), do(attachGroupPolicy("admins", awsReadOnlyARN))},
			call: listEntitiesForPolicy(&iam.ListEntitiesForPolicyInput{PolicyArn: aws.String(awsReadOnlyARN)}),
			want: &iam.ListEntitiesForPolicyOutput{PolicyGroups: []types.PolicyGroup{{GroupName: aws.String("admins"), GroupId: aws.String("<id of group admins>")}},
				PolicyUsers: []types.PolicyUser{{UserName: aws.String("Bob"), UserId: aws.String("<id of Bob>")}}, PolicyRoles: []types.PolicyRole{}}},
		{name: "its entities: none attached", call: listEntitiesForPolicy(&iam.ListEntitiesForPolicyInput{PolicyArn: aws.String(awsAdminARN)}),
			want: &iam.ListEntitiesForPolicyOutput{PolicyGroups: []types.PolicyGroup{}, PolicyUsers: []types.PolicyUser{}, PolicyRoles: []types.PolicyRole{}}},
		{name: "entities of a policy not in the catalog", call: listEntitiesForPolicy(&iam.ListEntitiesForPolicyInput{PolicyArn: aws.String(awsNotInCatalogARN)}),
			wantErr: notAttachable(awsNotInCatalogARN)},
		{name: "DeleteUser while one is attached", steps: []change{do(attachUserPolicy("Carol", awsReadOnlyARN))}, call: deleteUser("Carol"),
			wantErr: mustDetachPolicies},
		{name: "DeleteUser once detached", steps: []change{do(attachUserPolicy("Carol", awsReadOnlyARN)), do(detachUserPolicy("Carol", awsReadOnlyARN))},
			call: deleteUser("Carol"), want: &iam.DeleteUserOutput{}},
	})
}

// TestListPoliciesScopeAllPages pages every policy with the SDK's
// paginator: the whole catalog in IAM's order, then the account's by name,
// each once.
func TestListPoliciesScopeAllPages(t *testing.T) {
	f := newFake(seedPolicies()...)
	for _, tc := range []struct {
		scope      types.PolicyScopeType
		pageSize   int32
		wantLocals []string
	}{
		{"", 100, []string{"ops-deploy", "ReadOnly", "unused"}},
		{types.PolicyScopeTypeAll, 1000, []string{"ops-deploy", "ReadOnly", "unused"}},
		{types.PolicyScopeTypeAws, 333, nil},
	} {
		var names []string
		pages := iam.NewListPoliciesPaginator(f.Client(), &iam.ListPoliciesInput{Scope: tc.scope, MaxItems: aws.Int32(tc.pageSize)})
		for pages.HasMorePages() {
			out, err := pages.NextPage(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range out.Policies {
				names = append(names, *p.PolicyName)
			}
		}
		const catalog = 1452
		if len(names) != catalog+len(tc.wantLocals) || names[0] != "AdministratorAccess" || names[catalog-1] != "AWSConfigRole" {
			t.Errorf("Scope %q: %d policies, first %q; want %d, AdministratorAccess first, AWSConfigRole the catalog's last", tc.scope, len(names), names[0], catalog+len(tc.wantLocals))
			continue
		}
		if got := names[catalog:]; !slices.Equal(got, tc.wantLocals) {
			t.Errorf("Scope %q: the account's policies %q, want %q", tc.scope, got, tc.wantLocals)
		}
		slices.Sort(names)
		if len(slices.Compact(names)) != catalog+len(tc.wantLocals) {
			t.Errorf("Scope %q: a policy listed twice", tc.scope)
		}
	}
}

func TestAWSManagedPolicySeeds(t *testing.T) {
	f := newFake(seedPolicies(fakeiam.AWSManagedPolicy(awsReadOnlyARN).AttachedToUsers("Bob").AttachedToGroups("admins"),
		fakeiam.AWSManagedPolicy(awsSysAdminARN).AttachedToGroups("Ops"))...)
	out, err := f.Client().GetPolicy(context.Background(), &iam.GetPolicyInput{PolicyArn: aws.String(awsReadOnlyARN)})
	if err != nil || *out.Policy.AttachmentCount != 2 {
		t.Errorf("GetPolicy of the seeded attachments: %v, %v; want 2 attachments", out, err)
	}
	for _, tc := range []struct {
		name string
		opts []fakeiam.Option
		want []string
	}{
		{"not in the catalog", []fakeiam.Option{fakeiam.AWSManagedPolicy(awsNotInCatalogARN).AttachedToUsers("Bob")},
			[]string{`AWS managed policy "` + awsNotInCatalogARN + `"`, "does not exist or is not attachable", "snapshot of 2026-03-07"}},
		{"not attachable", []fakeiam.Option{fakeiam.AWSManagedPolicy(awsConfigRoleARN)}, []string{"AWSConfigRole", "not attachable"}},
		{"a customer policy's ARN", []fakeiam.Option{fakeiam.AWSManagedPolicy(readOnlyARN)}, []string{"not an AWS managed policy's ARN"}},
		{"no such user", []fakeiam.Option{fakeiam.AWSManagedPolicy(awsReadOnlyARN).AttachedToUsers("Nobody")}, []string{`user "Nobody"`, "no such user"}},
		{"no such group", []fakeiam.Option{fakeiam.AWSManagedPolicy(awsReadOnlyARN).AttachedToGroups("nope")}, []string{`group "nope"`, "no such group"}},
		{"a user twice", []fakeiam.Option{fakeiam.AWSManagedPolicy(awsReadOnlyARN).AttachedToUsers("Bob", "BOB")}, []string{`user "BOB" twice`}},
		{"seeded twice", []fakeiam.Option{fakeiam.AWSManagedPolicy(awsReadOnlyARN), fakeiam.AWSManagedPolicy(awsReadOnlyARN)}, []string{"seeded twice"}},
		{"over the per-user quota with the customer ones", []fakeiam.Option{fakeiam.PoliciesPerUser(1), fakeiam.AWSManagedPolicy(awsReadOnlyARN).AttachedToUsers("Bob")},
			[]string{`user "Bob"`, "2 managed policies", "PoliciesPerUser"}},
		{"a nil seed", []fakeiam.Option{(*fakeiam.AWSManagedPolicySeed)(nil)}, []string{"nil AWS managed policy seed"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newFakeE(seedPolicies(tc.opts...)...)
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
}

// TestAWSManagedPoliciesCallsAndSweep: the call log keeps an AWS managed
// policy's answer as it was (its document URL-encoded), and Sweep fails
// each call of a workflow on one, on fresh fakes.
func TestAWSManagedPoliciesCallsAndSweep(t *testing.T) {
	ctx := context.Background()
	f := newFake(seedPolicies()...)
	c := f.Client()
	got, err := c.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: aws.String(awsLambdaBasicARN), VersionId: aws.String("v1")})
	if err != nil {
		t.Fatal(err)
	}
	calls := logged(t, f, fakeiam.GetPolicyVersion)
	if len(calls) != 1 {
		t.Fatalf("calls logged: %+v", calls)
	}
	if out, ok := calls[0].Output.(*iam.GetPolicyVersionOutput); !ok || *out.PolicyVersion.Document != *got.PolicyVersion.Document {
		t.Errorf("logged output %+v, want the document as answered", calls[0].Output)
	}

	var failed []fakeiam.Operation
	fakeiam.Sweep(t, fakeiam.ServiceFailure(), func(t *testing.T, f *fakeiam.Fake, failing *fakeiam.SweepCall) {
		c := f.Client()
		arn := aws.String(awsReadOnlyARN)
		_, err1 := c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("Bob"), PolicyArn: arn})
		_, err2 := c.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: arn})
		_, err3 := c.DetachUserPolicy(ctx, &iam.DetachUserPolicyInput{UserName: aws.String("Bob"), PolicyArn: arn})
		errs := []error{err1, err2, err3}
		if failing == nil {
			for _, err := range errs {
				if err != nil {
					t.Errorf("clean run: %v", err)
				}
			}
			return
		}
		failed = append(failed, failing.Operation)
		if errs[failing.N-1] == nil {
			t.Errorf("%v: no error", failing)
		}
	}, seedPolicies()...)
	want := []fakeiam.Operation{fakeiam.AttachUserPolicy, fakeiam.GetPolicy, fakeiam.DetachUserPolicy}
	if !slices.Equal(want, failed) {
		t.Errorf("calls swept %v, want %v", failed, want)
	}
}
