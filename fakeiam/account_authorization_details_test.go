package fakeiam_test

// docs/contract.md, "Account authorization details":
// GetAccountAuthorizationDetails, each row through the differential
// harness (both doors and the SDK's decoding of IAM's XML): every kind of
// entity with what it holds, the filters, paging across the kinds, and the
// documents URL-encoded as IAM answers them. Seeds: seedPolicies
// (managed_policies_test.go) and seedInline's documents
// (inline_policies_test.go).

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// seedDetails is seedPolicies (users Alice and Bob, groups admins, Ops and
// empty, role Deployer, policies ReadOnly, ops-deploy and unused) with
// user Carol (two inline policies, two tags in the order given) and group
// staff (an inline policy).
func seedDetails() []fakeiam.Option {
	return seedPolicies(
		fakeiam.User("Carol").InlinePolicy("s3", s3Doc).InlinePolicy("Pretty", prettyDoc).Tag("b", "2").Tag("a", "1"),
		fakeiam.Group("staff").InlinePolicy("pretty", prettyDoc),
	)
}

// detailsOf is the first page of the kinds filter names.
func detailsOf(filter ...types.EntityType) call {
	return getAccountAuthorizationDetails(&iam.GetAccountAuthorizationDetailsInput{Filter: filter})
}

func policyDoc(name, encoded string) types.PolicyDetail {
	return types.PolicyDetail{PolicyName: aws.String(name), PolicyDocument: aws.String(encoded)}
}

// The seeded entities' details, as IAM answers them.
var (
	aliceDetail = types.UserDetail{Path: aws.String("/eng/"), UserName: aws.String("Alice"), UserId: aws.String("<id of Alice>"),
		Arn: aws.String(userARN("/eng/", "Alice")), CreateDate: aws.Time(aliceCreated),
		GroupList: []string{"admins", "Ops"}, AttachedManagedPolicies: []types.AttachedPolicy{}, Tags: []types.Tag{tag("team", "eng")}}
	bobDetail = types.UserDetail{Path: aws.String("/"), UserName: aws.String("Bob"), UserId: aws.String("<id of Bob>"),
		Arn: aws.String(userARN("/", "Bob")), CreateDate: aws.Time(bobCreated),
		GroupList: []string{"admins"}, AttachedManagedPolicies: []types.AttachedPolicy{attached(readOnlyPolicy)}, Tags: []types.Tag{}}
	// Carol's inline policies by name in byte order; a user without any
	// has no UserPolicyList at all (recorded).
	carolDetail = types.UserDetail{Path: aws.String("/"), UserName: aws.String("Carol"), UserId: aws.String("<id of Carol>"),
		Arn: aws.String(userARN("/", "Carol")), CreateDate: aws.Time(testNow),
		UserPolicyList: []types.PolicyDetail{policyDoc("Pretty", prettyDocEncoded), policyDoc("s3", s3DocEncoded)},
		GroupList:      []string{}, AttachedManagedPolicies: []types.AttachedPolicy{}, Tags: []types.Tag{tag("b", "2"), tag("a", "1")}}

	adminsDetail = groupDetail(adminsGroup, []types.PolicyDetail{}, attached(readOnlyPolicy))
	emptyDetail  = groupDetail(emptyGroup, []types.PolicyDetail{})
	opsDetail    = groupDetail(opsGroup, []types.PolicyDetail{})
	staffDetail  = groupDetail(iamGroup("/", "staff", "<id of group staff>", testNow), []types.PolicyDetail{policyDoc("pretty", prettyDocEncoded)})

	// A seeded role: its trust policy URL-encoded, never used (an empty
	// RoleLastUsed, recorded), in no instance profile.
	deployerDetail = types.RoleDetail{Path: aws.String("/"), RoleName: aws.String("Deployer"), RoleId: aws.String("<id of role Deployer>"),
		Arn: aws.String("arn:aws:iam::" + fakeiam.DefaultAccountID + ":role/Deployer"), CreateDate: aws.Time(testNow),
		AssumeRolePolicyDocument: aws.String(urlEncoded(trustDefault)),
		InstanceProfileList:      []types.InstanceProfile{}, RolePolicyList: []types.PolicyDetail{}, AttachedManagedPolicies: []types.AttachedPolicy{},
		Tags: []types.Tag{}, RoleLastUsed: &types.RoleLastUsed{}}

	// Every version with its document URL-encoded, newest first.
	deployPolicyDetail = policyDetail(deployPolicy, "",
		version2("v2", true, deployCreated, docDeploy), version2("v1", false, deployCreated, docList))
	readOnlyPolicyDetail = policyDetail(readOnlyPolicy, "reads buckets", version2("v1", true, readCreated, docList))
	unusedPolicyDetail   = policyDetail(unusedPolicy, "", version2("v1", true, testNow, docDeny))
)

func groupDetail(g types.Group, inline []types.PolicyDetail, policies ...types.AttachedPolicy) types.GroupDetail {
	return types.GroupDetail{Path: g.Path, GroupName: g.GroupName, GroupId: g.GroupId, Arn: g.Arn, CreateDate: g.CreateDate,
		GroupPolicyList: inline, AttachedManagedPolicies: append([]types.AttachedPolicy{}, policies...)}
}

// version2 is a version as a policy's detail lists it: with its document,
// URL-encoded.
func version2(id string, isDefault bool, created time.Time, doc string) types.PolicyVersion {
	return types.PolicyVersion{VersionId: aws.String(id), IsDefaultVersion: isDefault, CreateDate: aws.Time(created),
		Document: aws.String(encodeDoc(doc))}
}

// encodeDoc is doc URL-encoded as IAM answers a policy document (RFC 3986:
// every byte but letters, digits and -._~ as %XX).
func encodeDoc(doc string) string {
	var b strings.Builder
	for i := 0; i < len(doc); i++ {
		c := doc[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteString("%" + strings.ToUpper(string("0123456789abcdef"[c>>4])+string("0123456789abcdef"[c&15])))
	}
	return b.String()
}

func policyDetail(p types.Policy, description string, versions ...types.PolicyVersion) types.ManagedPolicyDetail {
	d := types.ManagedPolicyDetail{PolicyName: p.PolicyName, PolicyId: p.PolicyId, Arn: p.Arn, Path: p.Path, DefaultVersionId: p.DefaultVersionId,
		AttachmentCount: p.AttachmentCount, PermissionsBoundaryUsageCount: p.PermissionsBoundaryUsageCount, IsAttachable: p.IsAttachable,
		CreateDate: p.CreateDate, UpdateDate: p.UpdateDate, PolicyVersionList: versions}
	if description != "" {
		d.Description = aws.String(description)
	}
	return d
}

// details is a complete answer (marker "": the last page): every list
// present, empty when none.
type details struct {
	users    []types.UserDetail
	groups   []types.GroupDetail
	roles    []types.RoleDetail
	policies []types.ManagedPolicyDetail
	marker   string
}

func (d details) out() *iam.GetAccountAuthorizationDetailsOutput {
	out := &iam.GetAccountAuthorizationDetailsOutput{UserDetailList: append([]types.UserDetail{}, d.users...),
		GroupDetailList: append([]types.GroupDetail{}, d.groups...), RoleDetailList: append([]types.RoleDetail{}, d.roles...),
		Policies: append([]types.ManagedPolicyDetail{}, d.policies...)}
	if d.marker != "" {
		out.IsTruncated, out.Marker = true, aws.String(d.marker)
	}
	return out
}

var (
	allUsers    = []types.UserDetail{aliceDetail, bobDetail, carolDetail}
	allGroups   = []types.GroupDetail{adminsDetail, emptyDetail, opsDetail, staffDetail}
	allRoles    = []types.RoleDetail{deployerDetail}
	allPolicies = []types.ManagedPolicyDetail{deployPolicyDetail, readOnlyPolicyDetail, unusedPolicyDetail}
)

func TestGetAccountAuthorizationDetailsSpec(t *testing.T) {
	page := func(in iam.GetAccountAuthorizationDetailsInput, next iam.GetAccountAuthorizationDetailsInput) call {
		return listThen((*iam.Client).GetAccountAuthorizationDetails, in, nil, nil, next)
	}
	three := iam.GetAccountAuthorizationDetailsInput{MaxItems: aws.Int32(3)}
	runScenarios(t, seedDetails(), []scenario{
		// Users, groups, roles, then policies, each by name ignoring case;
		// every list present.
		{name: "every kind, no filter", call: detailsOf(),
			want: details{allUsers, allGroups, allRoles, allPolicies, ""}.out()},
		{name: "Filter User", call: detailsOf(types.EntityTypeUser), want: details{users: allUsers}.out()},
		{name: "Filter Group", call: detailsOf(types.EntityTypeGroup), want: details{groups: allGroups}.out()},
		{name: "Filter Role", call: detailsOf(types.EntityTypeRole), want: details{roles: allRoles}.out()},
		{name: "a role's boundary", steps: []change{do(putRoleBoundary("Deployer", readOnlyARN))}, call: detailsOf(types.EntityTypeRole),
			want: details{roles: []types.RoleDetail{withRoleBoundary(deployerDetail, readOnlyARN)}}.out()},
		{name: "a role's last use: the call itself, signed as the role", as: asKey(roleKey.ID), call: detailsOf(types.EntityTypeRole),
			want: details{roles: []types.RoleDetail{usedRole(deployerDetail, testNow)}}.out()},
		{name: "a policy's boundary use counted", steps: []change{do(putRoleBoundary("Deployer", readOnlyARN))}, call: detailsOf(types.EntityTypeLocalManagedPolicy),
			want: details{policies: []types.ManagedPolicyDetail{deployPolicyDetail, boundaryUses(readOnlyPolicyDetail, 1), unusedPolicyDetail}}.out()},
		{name: "Filter LocalManagedPolicy", call: detailsOf(types.EntityTypeLocalManagedPolicy), want: details{policies: allPolicies}.out()},
		// No AWS managed policy is attached in the account.
		{name: "Filter AWSManagedPolicy", call: detailsOf(types.EntityTypeAWSManagedPolicy), want: details{}.out()},
		{name: "Filter Role and Group, kinds in IAM's order", call: detailsOf(types.EntityTypeRole, types.EntityTypeGroup),
			want: details{groups: allGroups, roles: allRoles}.out()},
		{name: "a kind named twice", call: detailsOf(types.EntityTypeUser, types.EntityTypeUser), want: details{users: allUsers}.out()},
		// Paging: an item is one user, group, role or policy.
		{name: "MaxItems 3: the users", call: getAccountAuthorizationDetails(&three), want: details{users: allUsers, marker: "<marker>"}.out()},
		{name: "MaxItems 3, second page: groups", call: page(three, three),
			want: details{groups: allGroups[:3], marker: "<marker>"}.out()},
		{name: "a page across kinds",
			call: page(iam.GetAccountAuthorizationDetailsInput{MaxItems: aws.Int32(6)}, iam.GetAccountAuthorizationDetailsInput{MaxItems: aws.Int32(3)}),
			want: details{groups: allGroups[3:], roles: allRoles, policies: allPolicies[:1], marker: "<marker>"}.out()},
		{name: "the last page", call: page(iam.GetAccountAuthorizationDetailsInput{MaxItems: aws.Int32(9)}, iam.GetAccountAuthorizationDetailsInput{}),
			want: details{policies: allPolicies[1:]}.out()},
		{name: "a page that ends with the last item is not truncated", call: getAccountAuthorizationDetails(&iam.GetAccountAuthorizationDetailsInput{
			Filter: []types.EntityType{types.EntityTypeGroup}, MaxItems: aws.Int32(4)}), want: details{groups: allGroups}.out()},
		{name: "filtered paging skips the kinds left out", call: page(
			iam.GetAccountAuthorizationDetailsInput{Filter: []types.EntityType{types.EntityTypeUser, types.EntityTypeLocalManagedPolicy}, MaxItems: aws.Int32(2)},
			iam.GetAccountAuthorizationDetailsInput{Filter: []types.EntityType{types.EntityTypeLocalManagedPolicy, types.EntityTypeUser}, MaxItems: aws.Int32(2)}),
			want: details{users: allUsers[2:], policies: allPolicies[:1], marker: "<marker>"}.out()},
		// A marker is bound to the kinds asked for (choice).
		{name: "a marker of other kinds is refused", call: page(three,
			iam.GetAccountAuthorizationDetailsInput{Filter: []types.EntityType{types.EntityTypeUser}}), wantErr: invalidMarker},
		{name: "a marker tampered with", call: listThen((*iam.Client).GetAccountAuthorizationDetails, three, nil,
			func(m string) string { return m[:len(m)-2] + "AA" }, three), wantErr: invalidMarker},
		// Validation from the model.
		{name: "MaxItems 0", call: getAccountAuthorizationDetails(&iam.GetAccountAuthorizationDetailsInput{MaxItems: aws.Int32(0)}),
			wantErr: failedConstraints("maxItems", minValue(1))},
		{name: "MaxItems 1001", call: getAccountAuthorizationDetails(&iam.GetAccountAuthorizationDetailsInput{MaxItems: aws.Int32(1001)}),
			wantErr: failedConstraints("maxItems", maxValue(1000))},
		{name: "an empty marker", call: getAccountAuthorizationDetails(&iam.GetAccountAuthorizationDetailsInput{Marker: aws.String("")}),
			wantErr: failedConstraints("marker", minLength(1))},
		// A user calls it for the account.
		{name: "a user's call answers for the account", as: asUser("Bob"), call: detailsOf(types.EntityTypeUser),
			want: details{users: allUsers}.out()},
	})
}

// TestGetAccountAuthorizationDetailsAfterWrites: the details follow the
// operations that change what they show, through both doors, a page asked
// for before the writes included.
func TestGetAccountAuthorizationDetailsAfterWrites(t *testing.T) {
	carolNow := carolDetail
	carolNow.UserPolicyList = carolDetail.UserPolicyList[:1] // Pretty; s3 deleted
	carolNow.GroupList = []string{"empty"}
	carolNow.AttachedManagedPolicies = []types.AttachedPolicy{attached(unusedPolicy)}
	unused := unusedPolicy
	unused.AttachmentCount = aws.Int32(1)
	unusedNow := policyDetail(unused, "", version2("v2", false, testNow, docList), version2("v1", true, testNow, docDeny))
	runScenarios(t, seedDetails(), []scenario{
		{name: "inline, groups, attachments and versions changed",
			steps: []change{
				// The same page first: a page captured before a write is
				// not answered after it.
				do(detailsOf(types.EntityTypeUser, types.EntityTypeLocalManagedPolicy)),
				do(deleteUserPolicy("Carol", "s3")),
				do(addUserToGroup("empty", "Carol")),
				do(attachUserPolicy("Carol", arnOf("/", "unused"))),
				do(createPolicyVersion(arnOf("/", "unused"), docList, false)),
			},
			call: detailsOf(types.EntityTypeUser, types.EntityTypeLocalManagedPolicy),
			want: details{users: []types.UserDetail{aliceDetail, bobDetail, carolNow},
				policies: []types.ManagedPolicyDetail{deployPolicyDetail, readOnlyPolicyDetail, unusedNow}}.out()},
	})
}

// TestGetAccountAuthorizationDetailsPaginator: the SDK's paginator, pages
// of two, gets every entity once, in order, through both doors.
func TestGetAccountAuthorizationDetailsPaginator(t *testing.T) {
	f := newFake(seedDetails()...)
	for _, d := range doors {
		t.Run(d.name, func(t *testing.T) {
			c := d.client(t, f, f.Client())
			p := iam.NewGetAccountAuthorizationDetailsPaginator(c, &iam.GetAccountAuthorizationDetailsInput{MaxItems: aws.Int32(2)})
			var names []string
			pages := 0
			for p.HasMorePages() {
				out, err := p.NextPage(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				pages++
				for _, u := range out.UserDetailList {
					names = append(names, *u.UserName)
				}
				for _, g := range out.GroupDetailList {
					names = append(names, *g.GroupName)
				}
				for _, r := range out.RoleDetailList {
					names = append(names, *r.RoleName)
				}
				for _, p := range out.Policies {
					names = append(names, *p.PolicyName)
				}
			}
			want := []string{"Alice", "Bob", "Carol", "admins", "empty", "Ops", "staff", "Deployer", "ops-deploy", "ReadOnly", "unused"}
			if diff := cmp.Diff(want, names); diff != "" {
				t.Errorf("entities paged (-want +got):\n%s", diff)
			}
			if pages != 6 {
				t.Errorf("%d pages, want 6", pages)
			}
		})
	}
}

// TestGetAccountAuthorizationDetailsFaultsAndCalls: a rule fails the
// operation, and the call log keeps its input and its answer, which later
// writes do not change.
func TestGetAccountAuthorizationDetailsFaultsAndCalls(t *testing.T) {
	ctx := context.Background()
	f := newFake(seedDetails()...)
	f.Inject(fakeiam.Rule{Operation: fakeiam.GetAccountAuthorizationDetails, Then: fakeiam.Fail(&fakeiam.Error{Code: "ConcurrentModification", Status: 409, Message: "busy"})})
	c := f.Client()
	in := &iam.GetAccountAuthorizationDetailsInput{Filter: []types.EntityType{types.EntityTypeUser}}
	_, err := c.GetAccountAuthorizationDetails(ctx, in)
	var cm *types.ConcurrentModificationException
	if !errors.As(err, &cm) {
		t.Errorf("under a rule: %v, want ConcurrentModificationException", err)
	}
	f.ClearFaults()
	got, err := c.GetAccountAuthorizationDetails(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteUserPolicy(ctx, &iam.DeleteUserPolicyInput{UserName: aws.String("Carol"), PolicyName: aws.String("s3")}); err != nil {
		t.Fatal(err)
	}
	calls := logged(t, f, fakeiam.GetAccountAuthorizationDetails)
	if len(calls) != 2 {
		t.Fatalf("%d calls logged, want 2", len(calls))
	}
	if diff := cmp.Diff(in, calls[1].Input, cmpOutputs); diff != "" {
		t.Errorf("logged input (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(got, calls[1].Output, cmpOutputs); diff != "" {
		t.Errorf("logged output, after a write (-want +got):\n%s", diff)
	}

	var failed []fakeiam.Operation
	fakeiam.Sweep(t, fakeiam.ServiceFailure(), func(t *testing.T, f *fakeiam.Fake, failing *fakeiam.SweepCall) {
		_, err := f.Client().GetAccountAuthorizationDetails(ctx, &iam.GetAccountAuthorizationDetailsInput{})
		if failing == nil {
			if err != nil {
				t.Errorf("clean run: %v", err)
			}
			return
		}
		failed = append(failed, failing.Operation)
		if err == nil {
			t.Errorf("%v: no error", failing)
		}
	}, fakeiam.User("Bob"))
	if diff := cmp.Diff([]fakeiam.Operation{fakeiam.GetAccountAuthorizationDetails}, failed); diff != "" {
		t.Errorf("calls swept (-want +got):\n%s", diff)
	}
}

// The list behaviors (list_behaviors_test.go) of
// GetAccountAuthorizationDetails: the account's customer managed policies
// (Filter LocalManagedPolicy), by name ignoring case.
func init() {
	listOperations = append(listOperations, listOperation{op: fakeiam.GetAccountAuthorizationDetails,
		named: func(_ string, n int) []fakeiam.Option {
			opts := []fakeiam.Option{fakeiam.PoliciesPerAccount(n + 1500)}
			for i := range n {
				opts = append(opts, fakeiam.ManagedPolicy(fmt.Sprintf("gaad%03d", 2*i), docList))
			}
			return opts
		},
		list: func(_ string, m *string, n *int32) call {
			return getAccountAuthorizationDetails(&iam.GetAccountAuthorizationDetailsInput{Filter: []types.EntityType{types.EntityTypeLocalManagedPolicy}, Marker: m, MaxItems: n})
		},
		ids: itemIDs("Policies", "PolicyName"),
		add: func(_ string, i int) call {
			return createPolicy(&iam.CreatePolicyInput{PolicyName: aws.String(fmt.Sprintf("gaad%03d", 2*i+1)), PolicyDocument: aws.String(docList)})
		},
		remove: func(_, id string) call { return deletePolicy(arnOf("/", id)) }})
}

// TestGetAccountAuthorizationDetailsControlAPI: a rule added through the
// control API denies the operation on resource "*", and the call log over
// HTTP shows its answer, documents URL-encoded.
func TestGetAccountAuthorizationDetailsControlAPI(t *testing.T) {
	ctx := context.Background()
	c := newControlled(t, seedDetails()...)
	c.addRule(t, `{"operation":"GetAccountAuthorizationDetails","effect":"AccessDenied","firstN":1}`)
	_, err := c.iam.GetAccountAuthorizationDetails(ctx, &iam.GetAccountAuthorizationDetailsInput{})
	want := "User: arn:aws:iam::123456789012:root is not authorized to perform: iam:GetAccountAuthorizationDetails on resource: *"
	if got := apiErrorMessage(err); got != want {
		t.Errorf("under the rule: %v, want AccessDenied: %s", err, want)
	}
	if _, err := c.iam.GetAccountAuthorizationDetails(ctx, &iam.GetAccountAuthorizationDetailsInput{
		Filter: []types.EntityType{types.EntityTypeGroup}, MaxItems: aws.Int32(1)}); err != nil {
		t.Fatal(err)
	}
	calls := c.getCalls(t, "?operation=GetAccountAuthorizationDetails")
	if len(calls) != 2 {
		t.Fatalf("GET /_fakeiam/calls?operation=GetAccountAuthorizationDetails: %d calls, want 2", len(calls))
	}
	out, _ := calls[1]["output"].(map[string]any)
	groups, _ := out["groupDetailList"].([]any)
	if len(groups) != 1 || out["isTruncated"] != true {
		t.Fatalf("the logged output: %v; want one group, truncated", out)
	}
	wantGroup := map[string]any{"groupName": "admins", "groupPolicyList": []any{}, "attachedManagedPolicies": []any{
		map[string]any{"policyName": "ReadOnly", "policyArn": arnOf("/", "ReadOnly")}}}
	got := groups[0].(map[string]any)
	for _, k := range []string{"arn", "createDate", "groupId", "path"} {
		delete(got, k)
	}
	if diff := cmp.Diff(wantGroup, got); diff != "" {
		t.Errorf("the logged group detail (-want +got):\n%s", diff)
	}
}

// TestGetAccountAuthorizationDetailsAWSManagedPolicies: the AWS managed
// policies attached in the account are listed (after the customer managed
// ones with no Filter), each as GetPolicy and GetPolicyVersion show it;
// one attached to nothing is not, through both doors.
func TestGetAccountAuthorizationDetailsAWSManagedPolicies(t *testing.T) {
	ctx := context.Background()
	f := newFake(seedDetails()...)
	root := f.Client()
	if _, err := root.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("Bob"), PolicyArn: aws.String(awsReadOnlyARN)}); err != nil {
		t.Fatal(err)
	}
	// Attached and detached again: the account keeps its record, with no
	// attachment.
	cf := "arn:aws:iam::aws:policy/AWSCloudFormationReadOnlyAccess"
	for _, err := range []error{
		func() error {
			_, err := root.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("Bob"), PolicyArn: &cf})
			return err
		}(),
		func() error {
			_, err := root.DetachUserPolicy(ctx, &iam.DetachUserPolicyInput{UserName: aws.String("Bob"), PolicyArn: &cf})
			return err
		}(),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	p, err := root.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(awsReadOnlyARN)})
	if err != nil {
		t.Fatal(err)
	}
	// Every version, with its document: the default and the 94 older
	// ones the snapshot's history holds, newest first.
	list, err := root.ListPolicyVersions(ctx, &iam.ListPolicyVersionsInput{PolicyArn: aws.String(awsReadOnlyARN), MaxItems: aws.Int32(1000)})
	if err != nil {
		t.Fatal(err)
	}
	var versions []types.PolicyVersion
	var ids []string
	for _, lv := range list.Versions {
		v, err := root.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: aws.String(awsReadOnlyARN), VersionId: lv.VersionId})
		if err != nil {
			t.Fatal(err)
		}
		versions, ids = append(versions, *v.PolicyVersion), append(ids, *lv.VersionId)
	}
	if len(ids) != 95 || !slices.Equal(ids[:4], []string{"v178", "v159", "v140", "v139"}) {
		t.Fatalf("ReadOnlyAccess's versions: %d, %v..., want 95, v178 v159 v140 v139... (the snapshot's)", len(ids), ids[:min(4, len(ids))])
	}
	want := policyDetail(*p.Policy, "", versions...) // without its Description, as IAM answers (below)
	for _, d := range doors {
		t.Run(d.name, func(t *testing.T) {
			c := d.client(t, f, root)
			out, err := c.GetAccountAuthorizationDetails(ctx, &iam.GetAccountAuthorizationDetailsInput{Filter: []types.EntityType{types.EntityTypeAWSManagedPolicy}})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]types.ManagedPolicyDetail{want}, out.Policies, cmpOutputs); diff != "" {
				t.Errorf("Filter AWSManagedPolicy (-want +got):\n%s", diff)
			}
			all, err := c.GetAccountAuthorizationDetails(ctx, &iam.GetAccountAuthorizationDetailsInput{})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, p := range all.Policies {
				names = append(names, *p.PolicyName)
			}
			if diff := cmp.Diff([]string{"ops-deploy", "ReadOnly", "unused", "ReadOnlyAccess"}, names); diff != "" {
				t.Errorf("no Filter: the policies (-want +got):\n%s", diff)
			}
		})
	}
}

func withRoleBoundary(d types.RoleDetail, arn string) types.RoleDetail {
	d.PermissionsBoundary = &types.AttachedPermissionsBoundary{PermissionsBoundaryArn: aws.String(arn), PermissionsBoundaryType: "Policy"}
	return d
}

func usedRole(d types.RoleDetail, at time.Time) types.RoleDetail {
	d.RoleLastUsed = &types.RoleLastUsed{LastUsedDate: aws.Time(at.Truncate(time.Minute)), Region: aws.String("us-east-1")}
	return d
}

func boundaryUses(d types.ManagedPolicyDetail, n int32) types.ManagedPolicyDetail {
	d.PermissionsBoundaryUsageCount = aws.Int32(n)
	return d
}

// TestGetAccountAuthorizationDetailsAWSManagedPolicyRecorded is LocalStack's
// recording of IAM (test_get_account_authorization_details_filter_aws_managed_policy,
// 2026-02-17): AmazonS3FullAccess attached twice, with Filter
// AWSManagedPolicy, shows no Description (GetPolicy answers one) and both
// its versions, the default first; the facts the recording masks (id,
// dates) are the catalog's.
func TestGetAccountAuthorizationDetailsAWSManagedPolicyRecorded(t *testing.T) {
	const arn = "arn:aws:iam::aws:policy/AmazonS3FullAccess"
	f := newFake(seedPolicies(fakeiam.AWSManagedPolicy(arn).AttachedToUsers("Bob").AttachedToGroups("admins"))...)
	created, updated := snapTime("2015-02-06T18:40:58Z"), snapTime("2021-09-27T20:16:37Z")
	v2 := version("v2", true, updated)
	v2.Document = aws.String(encodeDoc(`{"Version":"2012-10-17","Statement":[{"Action":["s3:*","s3-object-lambda:*"],"Resource":"*","Effect":"Allow"}]}`))
	v1 := version("v1", false, created)
	v1.Document = aws.String(encodeDoc(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`))
	p := awsPolicy("/", "AmazonS3FullAccess", "ANPAIFIR6V6BVTRAHWINE", "v2", 2, "2015-02-06T18:40:58Z", "2021-09-27T20:16:37Z")
	want := []types.ManagedPolicyDetail{policyDetail(p, "", v2, v1)}
	for _, d := range doors {
		t.Run(d.name, func(t *testing.T) {
			out, err := d.client(t, f, f.Client()).GetAccountAuthorizationDetails(context.Background(),
				&iam.GetAccountAuthorizationDetailsInput{Filter: []types.EntityType{types.EntityTypeAWSManagedPolicy}})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, out.Policies, cmpOutputs); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
