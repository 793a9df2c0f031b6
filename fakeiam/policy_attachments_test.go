package fakeiam_test

// docs/contract.md, "Managed policies", attachments: Attach/Detach
// User/Group Policy, ListAttached{User,Group}Policies,
// ListEntitiesForPolicy, and DeleteUser's and DeleteGroup's refusal while
// policies are attached, each row through the differential harness.
// Seeds and expected values: managed_policies_test.go.

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

func attached(p types.Policy) types.AttachedPolicy {
	return types.AttachedPolicy{PolicyName: p.PolicyName, PolicyArn: p.Arn}
}

func userPoliciesPage(ps ...types.Policy) *iam.ListAttachedUserPoliciesOutput {
	out := &iam.ListAttachedUserPoliciesOutput{AttachedPolicies: []types.AttachedPolicy{}}
	for _, p := range ps {
		out.AttachedPolicies = append(out.AttachedPolicies, attached(p))
	}
	return out
}

func groupPoliciesPage(ps ...types.Policy) *iam.ListAttachedGroupPoliciesOutput {
	out := &iam.ListAttachedGroupPoliciesOutput{AttachedPolicies: []types.AttachedPolicy{}}
	for _, p := range ps {
		out.AttachedPolicies = append(out.AttachedPolicies, attached(p))
	}
	return out
}

func attachedToUser(user string) call {
	return listAttachedUserPolicies(&iam.ListAttachedUserPoliciesInput{UserName: aws.String(user)})
}

func attachedToGroup(group string) call {
	return listAttachedGroupPolicies(&iam.ListAttachedGroupPoliciesInput{GroupName: aws.String(group)})
}

// entities is ListEntitiesForPolicy's complete answer.
func entities(groups []types.PolicyGroup, users []types.PolicyUser) *iam.ListEntitiesForPolicyOutput {
	if groups == nil {
		groups = []types.PolicyGroup{}
	}
	if users == nil {
		users = []types.PolicyUser{}
	}
	return &iam.ListEntitiesForPolicyOutput{PolicyGroups: groups, PolicyUsers: users, PolicyRoles: []types.PolicyRole{}}
}

func policyUser(name string) types.PolicyUser {
	return types.PolicyUser{UserName: aws.String(name), UserId: aws.String("<id of " + name + ">")}
}

func policyGroup(name string) types.PolicyGroup {
	return types.PolicyGroup{GroupName: aws.String(name), GroupId: aws.String("<id of group " + name + ">")}
}

// tenPolicies seeds ten policies attached to Bob and to group Ops, and an
// eleventh attached to nothing.
func tenPolicies() []fakeiam.Option {
	opts := policiesFor("Bob", 10)
	for i := range opts {
		opts[i] = opts[i].(*fakeiam.ManagedPolicySeed).AttachedToGroups("Ops")
	}
	return seedGroups(append(opts, fakeiam.ManagedPolicy("eleventh", docList))...)
}

func TestAttachUserPolicySpec(t *testing.T) {
	eleventh := arnOf("/", "eleventh")
	runScenarios(t, seedPolicies(), []scenario{
		{name: "an empty result", call: attachUserPolicy("Alice", unusedARN), want: &iam.AttachUserPolicyOutput{}},
		{name: "then listed", steps: []change{do(attachUserPolicy("Alice", unusedARN))}, call: attachedToUser("Alice"), want: userPoliciesPage(unusedPolicy)},
		{name: "then counted", steps: []change{do(attachUserPolicy("Alice", unusedARN))}, call: getPolicy(unusedARN),
			want: got(iamPolicy("/", "unused", "<id of policy unused>", "v1", 1, testNow, testNow), "")},
		{name: "twice: attached once", steps: []change{do(attachUserPolicy("Bob", readOnlyARN))}, call: attachedToUser("Bob"), want: userPoliciesPage(readOnlyPolicy)},
		{name: "named in another case", steps: []change{do(attachUserPolicy("ALICE", unusedARN))}, call: attachedToUser("Alice"), want: userPoliciesPage(unusedPolicy)},
		{name: "as a role", as: asKey(roleKey.ID), call: attachUserPolicy("Alice", unusedARN), want: &iam.AttachUserPolicyOutput{}},
		{name: "no such user", call: attachUserPolicy("Nobody", unusedARN), wantErr: noSuchUser("Nobody")},
		{name: "no such policy", call: attachUserPolicy("Bob", arnOf("/", "nope")), wantErr: notAttachable(arnOf("/", "nope"))},
		{name: "neither: the user first", call: attachUserPolicy("Nobody", arnOf("/", "nope")), wantErr: noSuchUser("Nobody")},
		{name: "an AWS managed policy not in the catalog", call: attachUserPolicy("Bob", "arn:aws:iam::aws:policy/ReadOnlyAccessX"),
			wantErr: notAttachable("arn:aws:iam::aws:policy/ReadOnlyAccessX")},
		{name: "an 11th policy", seed: tenPolicies(), call: attachUserPolicy("Bob", eleventh), wantErr: quotaExceeded("PoliciesPerUser", 10)},
		{name: "at the quota, one attached: no error", seed: tenPolicies(), call: attachUserPolicy("Bob", arnOf("/", "p03")), want: &iam.AttachUserPolicyOutput{}},
		{name: "room again after a detach", seed: tenPolicies(), steps: []change{do(detachUserPolicy("Bob", arnOf("/", "p03")))},
			call: attachUserPolicy("Bob", eleventh), want: &iam.AttachUserPolicyOutput{}},
		{name: "a lower quota", seed: seedPolicies(fakeiam.PoliciesPerUser(1)), call: attachUserPolicy("Bob", unusedARN), wantErr: quotaExceeded("PoliciesPerUser", 1)},
		{name: "userName off the pattern", call: attachUserPolicy("Bob!", unusedARN), wantErr: invalidName("userName")},
		{name: "policyArn of 19", call: attachUserPolicy("Bob", "arn:aws:iam::1:p/x"), wantErr: failedConstraints("policyArn", minLength(20))},
	})
}

func TestDetachUserPolicySpec(t *testing.T) {
	runScenarios(t, seedPolicies(), []scenario{
		{name: "an empty result", call: detachUserPolicy("Bob", readOnlyARN), want: &iam.DetachUserPolicyOutput{}},
		{name: "gone from the list", steps: []change{do(detachUserPolicy("Bob", readOnlyARN))}, call: attachedToUser("Bob"), want: userPoliciesPage()},
		{name: "counted down", steps: []change{do(detachUserPolicy("Bob", readOnlyARN))}, call: getPolicy(readOnlyARN),
			want: got(iamPolicy("/", "ReadOnly", "<id of policy ReadOnly>", "v1", 1, readCreated, readCreated), "reads buckets", tag("team", "eng"))},
		{name: "not attached (choice: the policy not found)", call: detachUserPolicy("Alice", readOnlyARN), wantErr: noSuchPolicy(readOnlyARN)},
		{name: "no such policy", call: detachUserPolicy("Bob", arnOf("/", "nope")), wantErr: noSuchPolicy(arnOf("/", "nope"))},
		{name: "no such user", call: detachUserPolicy("Nobody", readOnlyARN), wantErr: noSuchUser("Nobody")},
	})
}

func TestListAttachedUserPoliciesSpec(t *testing.T) {
	seed := seedPolicies(fakeiam.ManagedPolicy("Audit", docList).Path("/audit/").AttachedToUsers("Bob"))
	auditPolicy := iamPolicy("/audit/", "Audit", "", "v1", 1, testNow, testNow)
	runScenarios(t, seed, []scenario{
		{name: "by name ignoring case", call: attachedToUser("Bob"), want: userPoliciesPage(auditPolicy, readOnlyPolicy)},
		{name: "none: an empty list", call: attachedToUser("Alice"), want: userPoliciesPage()},
		{name: "PathPrefix", call: listAttachedUserPolicies(&iam.ListAttachedUserPoliciesInput{UserName: bob, PathPrefix: aws.String("/audit/")}),
			want: userPoliciesPage(auditPolicy)},
		{name: "a page", call: listAttachedUserPolicies(&iam.ListAttachedUserPoliciesInput{UserName: bob, MaxItems: aws.Int32(1)}),
			want: &iam.ListAttachedUserPoliciesOutput{AttachedPolicies: []types.AttachedPolicy{attached(auditPolicy)}, IsTruncated: true, Marker: aws.String("<marker>")}},
		{name: "the next page", call: listThen((*iam.Client).ListAttachedUserPolicies, iam.ListAttachedUserPoliciesInput{UserName: bob, MaxItems: aws.Int32(1)}, nil, nil,
			iam.ListAttachedUserPoliciesInput{UserName: bob}), want: userPoliciesPage(readOnlyPolicy)},
		{name: "the next page for another PathPrefix: the marker is bound to its own", call: listThen((*iam.Client).ListAttachedUserPolicies,
			iam.ListAttachedUserPoliciesInput{UserName: bob, MaxItems: aws.Int32(1)}, nil, nil,
			iam.ListAttachedUserPoliciesInput{UserName: bob, PathPrefix: aws.String("/audit/")}), wantErr: invalidMarker},
		{name: "after the user's rename", steps: []change{do(updateUser(&iam.UpdateUserInput{UserName: bob, NewUserName: aws.String("Robert")}))},
			call: attachedToUser("Robert"), want: userPoliciesPage(auditPolicy, readOnlyPolicy)},
		{name: "as the user itself", as: asKey(bobKey.ID), call: attachedToUser("Bob"), want: userPoliciesPage(auditPolicy, readOnlyPolicy)},
		{name: "no such user", call: attachedToUser("Nobody"), wantErr: noSuchUser("Nobody")},
		{name: "a PathPrefix off the pattern", call: listAttachedUserPolicies(&iam.ListAttachedUserPoliciesInput{UserName: bob, PathPrefix: aws.String("x")}),
			wantErr: invalidPath("pathPrefix")},
	})
}

func TestAttachGroupPolicySpec(t *testing.T) {
	eleventh := arnOf("/", "eleventh")
	runScenarios(t, seedPolicies(), []scenario{
		{name: "an empty result", call: attachGroupPolicy("Ops", unusedARN), want: &iam.AttachGroupPolicyOutput{}},
		{name: "then listed", steps: []change{do(attachGroupPolicy("Ops", unusedARN))}, call: attachedToGroup("Ops"), want: groupPoliciesPage(unusedPolicy)},
		{name: "twice: attached once", steps: []change{do(attachGroupPolicy("admins", readOnlyARN))}, call: attachedToGroup("admins"), want: groupPoliciesPage(readOnlyPolicy)},
		{name: "named in another case", steps: []change{do(attachGroupPolicy("OPS", unusedARN))}, call: attachedToGroup("Ops"), want: groupPoliciesPage(unusedPolicy)},
		{name: "no such group", call: attachGroupPolicy("nope", unusedARN), wantErr: noSuchGroup("nope")},
		{name: "no such policy", call: attachGroupPolicy("Ops", arnOf("/", "nope")), wantErr: notAttachable(arnOf("/", "nope"))},
		{name: "neither: the group first", call: attachGroupPolicy("nope", arnOf("/", "nope")), wantErr: noSuchGroup("nope")},
		{name: "an 11th policy", seed: tenPolicies(), call: attachGroupPolicy("Ops", eleventh), wantErr: quotaExceeded("PoliciesPerGroup", 10)},
		{name: "a lower quota", seed: seedPolicies(fakeiam.PoliciesPerGroup(1)), call: attachGroupPolicy("admins", unusedARN), wantErr: quotaExceeded("PoliciesPerGroup", 1)},
		{name: "groupName off the pattern", call: attachGroupPolicy("em pty", unusedARN), wantErr: invalidName("groupName")},
	})
}

func TestDetachGroupPolicySpec(t *testing.T) {
	runScenarios(t, seedPolicies(), []scenario{
		{name: "an empty result", call: detachGroupPolicy("admins", readOnlyARN), want: &iam.DetachGroupPolicyOutput{}},
		{name: "gone from the list", steps: []change{do(detachGroupPolicy("admins", readOnlyARN))}, call: attachedToGroup("admins"), want: groupPoliciesPage()},
		{name: "not attached", call: detachGroupPolicy("Ops", readOnlyARN), wantErr: noSuchPolicy(readOnlyARN)},
		{name: "no such group", call: detachGroupPolicy("nope", readOnlyARN), wantErr: noSuchGroup("nope")},
	})
}

// TestAttachedPagesFollowChanges: an attached-policy list answered again
// after an attachment or a detachment shows it (the fake shares a list's
// answer only while the model is unchanged), and one asked another way is
// answered for that way.
func TestAttachedPagesFollowChanges(t *testing.T) {
	listed := func(c call, then ...change) []change { return append([]change{do(c)}, then...) }
	runScenarios(t, seedPolicies(fakeiam.Role("Builder")), []scenario{
		{name: "user: one attached", steps: listed(attachedToUser("Bob"), do(attachUserPolicy("Bob", unusedARN))), call: attachedToUser("Bob"),
			want: userPoliciesPage(readOnlyPolicy, unusedPolicy)},
		{name: "user: one detached", steps: listed(attachedToUser("Bob"), do(detachUserPolicy("Bob", readOnlyARN))), call: attachedToUser("Bob"),
			want: userPoliciesPage()},
		{name: "user: another PathPrefix", steps: listed(attachedToUser("Bob")),
			call: listAttachedUserPolicies(&iam.ListAttachedUserPoliciesInput{UserName: bob, PathPrefix: aws.String("/x/")}), want: userPoliciesPage()},
		{name: "user: a page of one after the whole list", steps: []change{do(attachUserPolicy("Bob", unusedARN)), do(attachedToUser("Bob"))},
			call: listAttachedUserPolicies(&iam.ListAttachedUserPoliciesInput{UserName: bob, MaxItems: aws.Int32(1)}),
			want: &iam.ListAttachedUserPoliciesOutput{AttachedPolicies: []types.AttachedPolicy{attached(readOnlyPolicy)}, IsTruncated: true, Marker: aws.String("<marker>")}},
		{name: "user: one detached, another attached (the same length)", steps: listed(attachedToUser("Bob"), do(detachUserPolicy("Bob", readOnlyARN)),
			do(attachUserPolicy("Bob", unusedARN))), call: attachedToUser("Bob"), want: userPoliciesPage(unusedPolicy)},
		{name: "user: a bad marker after the whole list", steps: listed(attachedToUser("Bob")),
			call: listAttachedUserPolicies(&iam.ListAttachedUserPoliciesInput{UserName: bob, Marker: aws.String("bogus")}), wantErr: invalidMarker},
		{name: "group: one attached", steps: listed(attachedToGroup("admins"), do(attachGroupPolicy("admins", unusedARN))), call: attachedToGroup("admins"),
			want: groupPoliciesPage(readOnlyPolicy, unusedPolicy)},
		{name: "group: one detached", steps: listed(attachedToGroup("admins"), do(detachGroupPolicy("admins", readOnlyARN))), call: attachedToGroup("admins"),
			want: groupPoliciesPage()},
		{name: "role: one attached", steps: listed(attachedToRole("Builder"), do(attachRolePolicy("Builder", unusedARN))), call: attachedToRole("Builder"),
			want: rolePoliciesPage(unusedPolicy)},
		{name: "role: one detached", steps: listed(attachedToRole("Builder"), do(attachRolePolicy("Builder", unusedARN)), do(attachedToRole("Builder")),
			do(detachRolePolicy("Builder", unusedARN))), call: attachedToRole("Builder"), want: rolePoliciesPage()},
	})
}

// TestAttachedAnswersAreTheCallers: a shared attached-policy answer
// builds each caller its own output: writing into every string of one
// changes nothing the next call answers.
func TestAttachedAnswersAreTheCallers(t *testing.T) {
	ctx := context.Background()
	c := newFake(seedPolicies()...).Client()
	for _, arn := range []string{unusedARN, deployARN} {
		if _, err := c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: bob, PolicyArn: aws.String(arn)}); err != nil {
			t.Fatal(err)
		}
	}
	list := func() *iam.ListAttachedUserPoliciesOutput {
		out, err := c.ListAttachedUserPolicies(ctx, &iam.ListAttachedUserPoliciesInput{UserName: bob})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	want := jsonOf(t, list())
	if n := scribble(list()); n < 6 {
		t.Fatalf("scribbled on %d strings of the answer; want 6 (three policies' names and ARNs)", n)
	}
	if diff := cmp.Diff(want, jsonOf(t, list())); diff != "" {
		t.Errorf("the next answer after writing into a held one (-before +after):\n%s", diff)
	}
}

func TestListAttachedGroupPoliciesSpec(t *testing.T) {
	runScenarios(t, seedPolicies(), []scenario{
		{name: "its policies", call: attachedToGroup("admins"), want: groupPoliciesPage(readOnlyPolicy)},
		{name: "none: an empty list", call: attachedToGroup("empty"), want: groupPoliciesPage()},
		{name: "PathPrefix matching none", call: listAttachedGroupPolicies(&iam.ListAttachedGroupPoliciesInput{GroupName: aws.String("admins"), PathPrefix: aws.String("/x/")}),
			want: groupPoliciesPage()},
		{name: "after the group's rename", steps: []change{do(updateGroup(&iam.UpdateGroupInput{GroupName: aws.String("admins"), NewGroupName: aws.String("staff")}))},
			call: attachedToGroup("staff"), want: groupPoliciesPage(readOnlyPolicy)},
		{name: "no such group", call: attachedToGroup("nope"), wantErr: noSuchGroup("nope")},
	})
}

func TestListEntitiesForPolicySpec(t *testing.T) {
	list := func(in iam.ListEntitiesForPolicyInput) call {
		in.PolicyArn = aws.String(readOnlyARN)
		return listEntitiesForPolicy(&in)
	}
	withAlice := []change{do(attachUserPolicy("Alice", readOnlyARN))}
	runScenarios(t, seedPolicies(), []scenario{
		{name: "groups, then users, by name ignoring case", steps: withAlice, call: list(iam.ListEntitiesForPolicyInput{}),
			want: entities([]types.PolicyGroup{policyGroup("admins")}, []types.PolicyUser{policyUser("Alice"), policyUser("Bob")})},
		{name: "attached to nothing: empty lists", call: listEntitiesForPolicy(&iam.ListEntitiesForPolicyInput{PolicyArn: aws.String(unusedARN)}), want: entities(nil, nil)},
		{name: "EntityFilter User", steps: withAlice, call: list(iam.ListEntitiesForPolicyInput{EntityFilter: types.EntityTypeUser}),
			want: entities(nil, []types.PolicyUser{policyUser("Alice"), policyUser("Bob")})},
		{name: "EntityFilter Group", call: list(iam.ListEntitiesForPolicyInput{EntityFilter: types.EntityTypeGroup}),
			want: entities([]types.PolicyGroup{policyGroup("admins")}, nil)},
		{name: "EntityFilter Role: none until roles exist", call: list(iam.ListEntitiesForPolicyInput{EntityFilter: types.EntityTypeRole}), want: entities(nil, nil)},
		{name: "PathPrefix: the entities' paths", steps: withAlice, call: list(iam.ListEntitiesForPolicyInput{PathPrefix: aws.String("/eng/")}),
			want: entities(nil, []types.PolicyUser{policyUser("Alice")})},
		{name: "PolicyUsageFilter PermissionsBoundary: none", call: list(iam.ListEntitiesForPolicyInput{PolicyUsageFilter: types.PolicyUsageTypePermissionsBoundary}),
			want: entities(nil, nil)},
		{name: "a page", steps: withAlice, call: list(iam.ListEntitiesForPolicyInput{MaxItems: aws.Int32(2)}),
			want: &iam.ListEntitiesForPolicyOutput{PolicyGroups: []types.PolicyGroup{policyGroup("admins")}, PolicyUsers: []types.PolicyUser{policyUser("Alice")},
				PolicyRoles: []types.PolicyRole{}, IsTruncated: true, Marker: aws.String("<marker>")}},
		{name: "the next page", steps: withAlice, call: listThen((*iam.Client).ListEntitiesForPolicy,
			iam.ListEntitiesForPolicyInput{PolicyArn: aws.String(readOnlyARN), MaxItems: aws.Int32(2)}, nil, nil, iam.ListEntitiesForPolicyInput{PolicyArn: aws.String(readOnlyARN)}),
			want: entities(nil, []types.PolicyUser{policyUser("Bob")})},
		{name: "no such policy", call: listEntitiesForPolicy(&iam.ListEntitiesForPolicyInput{PolicyArn: aws.String(arnOf("/", "nope"))}), wantErr: notAttachable(arnOf("/", "nope"))}, // recorded: LocalStack's test_list_entities_for_policy_errors
		{name: "an EntityFilter off the enum", call: list(iam.ListEntitiesForPolicyInput{EntityFilter: "Robot"}), wantErr: failedConstraints("entityFilter", enumValueSet)},
	})
}

// TestDeleteWhilePoliciesAttached: DeleteUser and DeleteGroup refuse while
// managed policies are attached, after the checks IAM's order puts first.
func TestDeleteWhilePoliciesAttached(t *testing.T) {
	runScenarios(t, seedPolicies(), []scenario{
		{name: "a user with an attached policy", steps: []change{do(removeUserFromGroup("admins", "Bob")), do(deleteAccessKey(bob, bobKey.ID))},
			call: deleteUser("Bob"), wantErr: mustDetachPolicies},
		{name: "attached and in a group: the policies first", steps: []change{do(deleteAccessKey(bob, bobKey.ID))}, call: deleteUser("Bob"), wantErr: mustDetachPolicies},
		{name: "access keys before policies", call: deleteUser("Bob"), wantErr: deleteConflict("access keys")},
		{name: "once detached", steps: []change{do(removeUserFromGroup("admins", "Bob")), do(deleteAccessKey(bob, bobKey.ID)), do(detachUserPolicy("Bob", readOnlyARN))},
			call: deleteUser("Bob"), want: &iam.DeleteUserOutput{}},
		{name: "a group with an attached policy", steps: []change{do(removeUserFromGroup("admins", "Bob")), do(removeUserFromGroup("admins", "Alice"))},
			call: deleteGroup("admins"), wantErr: mustDetachPolicies},
		{name: "a group: members before policies (choice)", call: deleteGroup("admins"), wantErr: mustRemoveUsers},
		{name: "a group once detached", steps: []change{do(removeUserFromGroup("admins", "Bob")), do(removeUserFromGroup("admins", "Alice")),
			do(detachGroupPolicy("admins", readOnlyARN))}, call: deleteGroup("admins"), want: &iam.DeleteGroupOutput{}},
	})
}

// TestManagedPoliciesFaultsCallsAndSweep: the operations are in the
// operation table, so fault rules target them, the call log keeps their
// answers and Sweep fails each in turn.
func TestManagedPoliciesFaultsCallsAndSweep(t *testing.T) {
	ctx := context.Background()
	f := newFake(seedPolicies()...)
	f.Inject(fakeiam.Rule{Operation: fakeiam.AttachUserPolicy, Then: fakeiam.Fail(&fakeiam.Error{Code: "ConcurrentModification", Status: 409, Message: "busy"})})
	c := f.Client()
	_, err := c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: alice, PolicyArn: aws.String(unusedARN)})
	var cm *types.ConcurrentModificationException
	if !errors.As(err, &cm) {
		t.Errorf("AttachUserPolicy under a rule: %v, want ConcurrentModificationException", err)
	}
	f.ClearFaults()
	made, err := c.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("logged"), PolicyDocument: aws.String(docList)})
	if err != nil {
		t.Fatal(err)
	}
	calls := logged(t, f, fakeiam.AttachUserPolicy, fakeiam.CreatePolicy)
	if len(calls) != 2 || calls[0].Err == nil {
		t.Fatalf("calls logged: %+v, want the refused attachment and the creation", calls)
	}
	out, ok := calls[1].Output.(*iam.CreatePolicyOutput)
	if !ok {
		t.Fatalf("CreatePolicy logged output %T", calls[1].Output)
	}
	if diff := cmp.Diff(made.Policy, out.Policy, cmpOutputs); diff != "" {
		t.Errorf("logged CreatePolicy output (-want +got):\n%s", diff)
	}

	var failed []fakeiam.Operation
	fakeiam.Sweep(t, fakeiam.ServiceFailure(), func(t *testing.T, f *fakeiam.Fake, failing *fakeiam.SweepCall) {
		c := f.Client()
		arn := aws.String(arnOf("/", "swept"))
		_, err1 := c.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("swept"), PolicyDocument: aws.String(docList)})
		_, err2 := c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: bob, PolicyArn: arn})
		_, err3 := c.ListEntitiesForPolicy(ctx, &iam.ListEntitiesForPolicyInput{PolicyArn: arn})
		_, err4 := c.DetachUserPolicy(ctx, &iam.DetachUserPolicyInput{UserName: bob, PolicyArn: arn})
		_, err5 := c.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: arn})
		errs := []error{err1, err2, err3, err4, err5}
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
	}, fakeiam.User("Bob"))
	want := []fakeiam.Operation{fakeiam.CreatePolicy, fakeiam.AttachUserPolicy, fakeiam.ListEntitiesForPolicy, fakeiam.DetachUserPolicy, fakeiam.DeletePolicy}
	if diff := cmp.Diff(want, failed); diff != "" {
		t.Errorf("calls swept (-want +got):\n%s", diff)
	}
}

// TestControlManagedPolicies: the control API injects a fault into a
// policy operation by name (a ShortPage into ListPolicies, which pages)
// and logs its calls with their JSON input and output.
func TestControlManagedPolicies(t *testing.T) {
	ctx := context.Background()
	c := newControlled(t, seedPolicies()...)
	c.addRule(t, `{"operation":"ListPolicies","effect":"ShortPage","pageSize":1}`)
	out, err := c.iam.ListPolicies(ctx, &iam.ListPoliciesInput{Scope: "Local"})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Policies) != 1 || !out.IsTruncated || out.Marker == nil {
		t.Errorf("ListPolicies under ShortPage(1): %d policies, truncated %v; want 1 and a marker", len(out.Policies), out.IsTruncated)
	}
	calls := c.getCalls(t, "?operation=ListPolicies")
	if len(calls) != 1 {
		t.Fatalf("logged calls: %+v, want 1", calls)
	}
	policies, _ := calls[0]["output"].(map[string]any)["policies"].([]any)
	if len(policies) != 1 || policies[0].(map[string]any)["policyName"] != "ops-deploy" {
		t.Errorf("ListPolicies' logged output: %+v", calls[0]["output"])
	}
}
