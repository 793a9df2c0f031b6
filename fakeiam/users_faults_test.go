package fakeiam_test

// Faults, the call log and Sweep for the user and access-key operations:
// their typed Operation constants target rules, AccessDenied names what each
// acts on, ShortPage pages their lists, and Sweep walks a workflow that uses
// them.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

func TestUserAndKeyOperationsAreListed(t *testing.T) {
	want := map[fakeiam.Operation]string{
		fakeiam.CreateUser: "CreateUser", fakeiam.GetUser: "GetUser", fakeiam.ListUsers: "ListUsers",
		fakeiam.UpdateUser: "UpdateUser", fakeiam.DeleteUser: "DeleteUser",
		fakeiam.CreateAccessKey: "CreateAccessKey", fakeiam.ListAccessKeys: "ListAccessKeys",
		fakeiam.UpdateAccessKey: "UpdateAccessKey", fakeiam.DeleteAccessKey: "DeleteAccessKey",
		fakeiam.GetAccessKeyLastUsed: "GetAccessKeyLastUsed",
	}
	ops := fakeiam.Operations()
	for op, name := range want {
		if string(op) != name {
			t.Errorf("constant %q, want IAM's action name %q", op, name)
		}
		if !slices.Contains(ops, op) {
			t.Errorf("Operations() lacks %s: %v", op, ops)
		}
	}
}

func TestUserAndKeyFaults(t *testing.T) {
	bobARN := userARN("/", "Bob")
	deny := func(op fakeiam.Operation) change {
		return inject(fakeiam.Rule{Operation: op, Then: fakeiam.AccessDenied()})
	}
	carolKeys := []fakeiam.AccessKey{{ID: "AKIAUSERSCAROL900001", Secret: "c1"}, {ID: "AKIAUSERSCAROL100002", Secret: "c2"}}
	for _, tc := range []struct {
		scenario
		attempts map[fakeiam.Operation]int // logged attempts of the call's operation
		after    scenario                  // a second row on the fake the first left
	}{
		{scenario: scenario{name: "ServiceFailure on CreateUser: retried, then refused",
			steps: []change{inject(fakeiam.Rule{Operation: fakeiam.CreateUser, Then: fakeiam.ServiceFailure()})},
			call:  createUser(&iam.CreateUserInput{UserName: aws.String("Carol")}), wantErr: serviceFailure},
			attempts: map[fakeiam.Operation]int{fakeiam.CreateUser: 3}},
		{scenario: scenario{name: "a CreateUser rule leaves GetUser alone",
			steps: []change{inject(fakeiam.Rule{Operation: fakeiam.CreateUser, Then: fakeiam.ServiceFailure()})},
			call:  getUser(bob), want: &iam.GetUserOutput{User: bobUser}},
			attempts: map[fakeiam.Operation]int{fakeiam.GetUser: 1, fakeiam.CreateUser: 0}},
		{scenario: scenario{name: "FirstN(2) on CreateAccessKey: the third attempt creates one key",
			steps: []change{inject(fakeiam.Rule{Operation: fakeiam.CreateAccessKey, Attempts: fakeiam.FirstN(2), Then: fakeiam.ServiceFailure()})},
			call:  createAccessKey(alice), want: newAccessKey("Alice", testNow)},
			attempts: map[fakeiam.Operation]int{fakeiam.CreateAccessKey: 3}},
		{scenario: scenario{name: "Throttle on ListAccessKeys", steps: []change{inject(fakeiam.Rule{Operation: fakeiam.ListAccessKeys, Then: fakeiam.Throttle()})},
			call: listAccessKeys(nil), wantErr: throttling},
			attempts: map[fakeiam.Operation]int{fakeiam.ListAccessKeys: 3}},
		{scenario: scenario{name: "Fail on DeleteUser with a modeled code",
			steps: []change{inject(fakeiam.Rule{Operation: fakeiam.DeleteUser, Then: fakeiam.Fail(&fakeiam.Error{Code: "ConcurrentModification", Status: 409, Message: "Try again."})})},
			call:  deleteUser("Alice"), wantErr: &fakeiam.Error{Code: "ConcurrentModification", Status: 409, Message: "Try again."}},
			attempts: map[fakeiam.Operation]int{fakeiam.DeleteUser: 1}},

		// AccessDenied names the caller, the action and what it acts on.
		{scenario: scenario{name: "AccessDenied: CreateUser names the new user's ARN (recorded)", steps: []change{deny(fakeiam.CreateUser)},
			call: createUser(&iam.CreateUserInput{UserName: aws.String("Carol")}), wantErr: ruleDenied(rootARN, fakeiam.CreateUser, "arn:aws:iam::123456789012:user/Carol")},
			attempts: map[fakeiam.Operation]int{fakeiam.CreateUser: 1},
			after:    scenario{call: getUser(aws.String("Carol")), wantErr: noSuchUser("Carol")}},
		{scenario: scenario{name: "AccessDenied: GetUser, named", steps: []change{deny(fakeiam.GetUser)}, as: asKey(bobKey.ID),
			call: getUser(alice), wantErr: ruleDenied(bobARN, fakeiam.GetUser, "user Alice")}},
		{scenario: scenario{name: "AccessDenied: GetUser, implicit", steps: []change{deny(fakeiam.GetUser)}, as: asKey(bobKey.ID),
			call: getUser(nil), wantErr: ruleDenied(bobARN, fakeiam.GetUser, "user Bob")}},
		{scenario: scenario{name: "AccessDenied: ListUsers names the account's users (recorded)", steps: []change{deny(fakeiam.ListUsers)}, as: asKey(bobKey.ID),
			call: listUsers(&iam.ListUsersInput{}), wantErr: ruleDenied(bobARN, fakeiam.ListUsers, "arn:aws:iam::123456789012:user/")}},
		{scenario: scenario{name: "AccessDenied: ListUsers with a path prefix", steps: []change{deny(fakeiam.ListUsers)}, as: asKey(bobKey.ID),
			call: listUsers(&iam.ListUsersInput{PathPrefix: aws.String("/eng/")}), wantErr: ruleDenied(bobARN, fakeiam.ListUsers, "arn:aws:iam::123456789012:user/eng/")}},
		{scenario: scenario{name: "AccessDenied: UpdateUser", steps: []change{deny(fakeiam.UpdateUser)},
			call: updateUser(&iam.UpdateUserInput{UserName: bob, NewUserName: aws.String("Robert")}), wantErr: ruleDenied(rootARN, fakeiam.UpdateUser, "user Bob")},
			after: scenario{call: getUser(bob), want: &iam.GetUserOutput{User: bobUser}}},
		{scenario: scenario{name: "AccessDenied: DeleteUser", steps: []change{deny(fakeiam.DeleteUser)},
			call: deleteUser("Alice"), wantErr: ruleDenied(rootARN, fakeiam.DeleteUser, "user Alice")},
			after: scenario{call: getUser(alice), want: &iam.GetUserOutput{User: aliceUser}}},
		{scenario: scenario{name: "AccessDenied: CreateAccessKey, named", steps: []change{deny(fakeiam.CreateAccessKey)},
			call: createAccessKey(bob), wantErr: ruleDenied(rootARN, fakeiam.CreateAccessKey, "user Bob")},
			after: scenario{call: listAccessKeys(&iam.ListAccessKeysInput{UserName: bob}), want: keysPage(keyListed("Bob", bobKey.ID, types.StatusTypeActive, bobCreated))}},
		{scenario: scenario{name: "AccessDenied: CreateAccessKey, implicit", steps: []change{deny(fakeiam.CreateAccessKey)}, as: asKey(bobKey.ID),
			call: createAccessKey(nil), wantErr: ruleDenied(bobARN, fakeiam.CreateAccessKey, "user Bob")}},
		{scenario: scenario{name: "AccessDenied: ListAccessKeys", steps: []change{deny(fakeiam.ListAccessKeys)},
			call: listAccessKeys(&iam.ListAccessKeysInput{UserName: bob}), wantErr: ruleDenied(rootARN, fakeiam.ListAccessKeys, "user Bob")}},
		{scenario: scenario{name: "AccessDenied: UpdateAccessKey", steps: []change{deny(fakeiam.UpdateAccessKey)},
			call: updateAccessKey(bob, bobKey.ID, types.StatusTypeInactive), wantErr: ruleDenied(rootARN, fakeiam.UpdateAccessKey, "user Bob")},
			after: scenario{as: asKey(bobKey.ID), call: getUser(nil), want: &iam.GetUserOutput{User: bobUser}}},
		{scenario: scenario{name: "AccessDenied: DeleteAccessKey, implicit", steps: []change{deny(fakeiam.DeleteAccessKey)}, as: asKey(bobKey.ID),
			call: deleteAccessKey(nil, bobKey.ID), wantErr: ruleDenied(bobARN, fakeiam.DeleteAccessKey, "user Bob")}},
		{scenario: scenario{name: "AccessDenied: GetAccessKeyLastUsed names the key", steps: []change{deny(fakeiam.GetAccessKeyLastUsed)},
			call: getAccessKeyLastUsed(bobKey.ID), wantErr: ruleDenied(rootARN, fakeiam.GetAccessKeyLastUsed, "access key "+bobKey.ID)}},
		{scenario: scenario{name: "AccessDenied on every operation: a key operation still names the user", steps: []change{inject(fakeiam.Rule{Then: fakeiam.AccessDenied()})},
			as: asKey(bobKey.ID), call: listAccessKeys(nil), wantErr: ruleDenied(bobARN, fakeiam.ListAccessKeys, "user Bob")}},

		// ShortPage: IAM may return fewer results.
		{scenario: scenario{name: "ShortPage on ListUsers", steps: []change{inject(fakeiam.Rule{Operation: fakeiam.ListUsers, Then: fakeiam.ShortPage(1)})},
			call: listUsers(&iam.ListUsersInput{MaxItems: aws.Int32(10)}), want: usersTruncated(aliceUser)}},
		{scenario: scenario{name: "ShortPage on ListUsers, the next page", steps: []change{inject(fakeiam.Rule{Operation: fakeiam.ListUsers, Then: fakeiam.ShortPage(1)})},
			call: listThen((*iam.Client).ListUsers, iam.ListUsersInput{}, nil, nil, iam.ListUsersInput{}), want: usersPage(bobUser)}},
		{scenario: scenario{name: "ShortPage on ListAccessKeys", seed: seedUsers(fakeiam.User("Carol").CreatedAt(bobCreated).AccessKey(carolKeys...)),
			steps: []change{inject(fakeiam.Rule{Operation: fakeiam.ListAccessKeys, Then: fakeiam.ShortPage(1)})},
			call:  listAccessKeys(&iam.ListAccessKeysInput{UserName: aws.String("Carol")}), want: keysTruncated(keyListed("Carol", carolKeys[0].ID, types.StatusTypeActive, bobCreated))}},
		{scenario: scenario{name: "ShortPage on ListAccessKeys leaves ListUsers alone", steps: []change{inject(fakeiam.Rule{Operation: fakeiam.ListAccessKeys, Then: fakeiam.ShortPage(1)})},
			call: listUsers(&iam.ListUsersInput{}), want: usersPage(aliceUser, bobUser)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.seed == nil {
				tc.seed = seedUsers()
			}
			_, f := runScenario(t, tc.scenario)
			for op, n := range tc.attempts {
				if got := len(logged(t, f, op)); got != n {
					t.Errorf("%d attempts of %s logged, want %d", got, op, n)
				}
			}
			if tc.after.call != nil {
				// The state the failed call left, through both doors.
				after := tc.after
				after.name, after.seed = tc.name+": after", tc.seed
				after.steps = append(slices.Clip(tc.steps), doAs(tc.as, func(ctx context.Context, c *iam.Client, r *run) (any, error) {
					tc.call(ctx, c, r) // fails, as the row just showed
					return nil, nil
				}), func(r *run) { r.f.ClearFaults() })
				runScenario(t, after)
			}
		})
	}
}

// TestFirstNCreateAccessKeyMakesOneKey: a create retried after injected
// failures never created anything on the failed attempts.
func TestFirstNCreateAccessKeyMakesOneKey(t *testing.T) {
	f := newFake(seedUsers()...)
	f.Inject(fakeiam.Rule{Operation: fakeiam.CreateAccessKey, Attempts: fakeiam.FirstN(2), Then: fakeiam.ServiceFailure()})
	out, err := f.Client().CreateAccessKey(context.Background(), &iam.CreateAccessKeyInput{UserName: alice})
	if err != nil {
		t.Fatal(err)
	}
	keys, err := f.User("Alice").AccessKeys()
	if err != nil {
		t.Fatal(err)
	}
	want := []fakeiam.AccessKey{{ID: *out.AccessKey.AccessKeyId, Secret: *out.AccessKey.SecretAccessKey, Status: types.StatusTypeActive, CreateDate: testNow}}
	if diff := cmp.Diff(want, keys); diff != "" {
		t.Errorf("Alice's keys after one create retried twice (-want +got):\n%s", diff)
	}
}

// TestShortPageOnlyForLists: a ShortPage rule for an operation that does not
// page is refused loudly, and a modeled error injected into a user
// operation is the SDK's type.
func TestShortPageOnlyForLists(t *testing.T) {
	ctx := context.Background()
	f := newFake(seedUsers()...)
	remove := f.Inject(fakeiam.Rule{Operation: fakeiam.CreateUser, Then: fakeiam.ShortPage(1)})
	_, err := f.Client().CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("Carol")})
	var re *fakeiam.RuleError
	if !errors.As(err, &re) {
		t.Errorf("ShortPage on CreateUser: err = %v, want a *fakeiam.RuleError", err)
	}
	remove()
	f.Inject(fakeiam.Rule{Operation: fakeiam.CreateUser, Then: fakeiam.Fail(&fakeiam.Error{Code: "EntityAlreadyExists", Status: 409, Message: "It is there."})})
	_, err = f.Client().CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("Carol")})
	var ee *types.EntityAlreadyExistsException
	if !errors.As(err, &ee) || ee.ErrorMessage() != "It is there." {
		t.Errorf("Fail(EntityAlreadyExists) on CreateUser: err = %v, want *types.EntityAlreadyExistsException", err)
	}
}

func TestShortPagePaginatorsGetEverything(t *testing.T) {
	ctx := context.Background()
	keys := []fakeiam.AccessKey{{ID: "AKIAUSERSCAROL900001", Secret: "1"}, {ID: "AKIAUSERSCAROL100002", Secret: "2"}, {ID: "AKIAUSERSCAROL500003", Secret: "3"}}
	seed := []fakeiam.Option{fakeiam.AccessKeysPerUser(3), fakeiam.User("Carol").AccessKey(keys...), fakeiam.User("alice"), fakeiam.User("Bob"), fakeiam.User("dave")}
	for _, n := range []int{1, 2} {
		t.Run(fmt.Sprint("ShortPage ", n), func(t *testing.T) {
			f := newFake(seed...)
			f.Inject(fakeiam.Rule{Operation: fakeiam.ListUsers, Then: fakeiam.ShortPage(n)}, fakeiam.Rule{Operation: fakeiam.ListAccessKeys, Then: fakeiam.ShortPage(n)})
			var users, ids []string
			var userPages, keyPages []int
			up := iam.NewListUsersPaginator(f.Client(), &iam.ListUsersInput{})
			for up.HasMorePages() && len(userPages) < 10 {
				out, err := up.NextPage(ctx)
				if err != nil {
					t.Fatal(err)
				}
				userPages = append(userPages, len(out.Users))
				for _, u := range out.Users {
					users = append(users, *u.UserName)
				}
			}
			kp := iam.NewListAccessKeysPaginator(f.Client(), &iam.ListAccessKeysInput{UserName: aws.String("Carol")})
			for kp.HasMorePages() && len(keyPages) < 10 {
				out, err := kp.NextPage(ctx)
				if err != nil {
					t.Fatal(err)
				}
				keyPages = append(keyPages, len(out.AccessKeyMetadata))
				for _, k := range out.AccessKeyMetadata {
					ids = append(ids, *k.AccessKeyId)
				}
			}
			want := map[int][2][]int{1: {{1, 1, 1, 1}, {1, 1, 1}}, 2: {{2, 2}, {2, 1}}}[n]
			if diff := cmp.Diff(want, [2][]int{userPages, keyPages}); diff != "" {
				t.Errorf("page sizes of ListUsers and ListAccessKeys (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{"alice", "Bob", "Carol", "dave"}, users); diff != "" {
				t.Errorf("users (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{keys[0].ID, keys[1].ID, keys[2].ID}, ids); diff != "" {
				t.Errorf("keys (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCallLogUsersAndKeys(t *testing.T) {
	ctx := context.Background()
	f := newFake(seedUsers()...)
	root := f.Client()
	in := &iam.CreateUserInput{UserName: aws.String("Carol"), Tags: []types.Tag{tag("team", "ops")}}
	created, err := root.CreateUser(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	in.Tags[0].Value = aws.String("changed after the call") // the log keeps its own copy
	key, err := root.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("Carol")})
	if err != nil {
		t.Fatal(err)
	}
	carol := iam.New(iam.Options{Region: "us-east-1", Credentials: staticCreds(fakeiam.AccessKey{ID: *key.AccessKey.AccessKeyId, Secret: *key.AccessKey.SecretAccessKey})}, f.Attach)
	if _, err := carol.GetUser(ctx, &iam.GetUserInput{}); err != nil {
		t.Fatal(err)
	}
	if _, err := root.UpdateUser(ctx, &iam.UpdateUserInput{UserName: aws.String("Carol"), NewUserName: aws.String("Caroline")}); err != nil {
		t.Fatal(err)
	}
	if _, err := carol.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String("Caroline")}); err == nil {
		t.Fatal("DeleteUser of a user with a key succeeded")
	}

	rootCaller := fakeiam.Caller{Account: fakeiam.DefaultAccountID, ARN: rootARN, AccessKeyID: rootKey.ID}
	keyID := *key.AccessKey.AccessKeyId
	type entry struct {
		Op     fakeiam.Operation
		Input  any
		Caller fakeiam.Caller
		Output any
		Err    string
	}
	var got []entry
	for _, c := range logged(t, f) {
		e := entry{Op: c.Operation, Input: c.Input, Caller: c.Caller, Output: c.Output}
		if c.Err != nil {
			e.Err = apiErrorMessage(c.Err)
		}
		got = append(got, e)
	}
	want := []entry{
		{Op: fakeiam.CreateUser, Input: &iam.CreateUserInput{UserName: aws.String("Carol"), Tags: []types.Tag{tag("team", "ops")}}, Caller: rootCaller, Output: created},
		{Op: fakeiam.CreateAccessKey, Input: &iam.CreateAccessKeyInput{UserName: aws.String("Carol")}, Caller: rootCaller, Output: key},
		{Op: fakeiam.GetUser, Input: &iam.GetUserInput{}, Caller: fakeiam.Caller{Account: fakeiam.DefaultAccountID, ARN: userARN("/", "Carol"), AccessKeyID: keyID, UserName: "Carol"},
			Output: &iam.GetUserOutput{User: created.User}},
		{Op: fakeiam.UpdateUser, Input: &iam.UpdateUserInput{UserName: aws.String("Carol"), NewUserName: aws.String("Caroline")}, Caller: rootCaller, Output: &iam.UpdateUserOutput{}},
		// The same key, after the rename: the caller is the renamed user.
		{Op: fakeiam.DeleteUser, Input: &iam.DeleteUserInput{UserName: aws.String("Caroline")}, Caller: fakeiam.Caller{Account: fakeiam.DefaultAccountID, ARN: userARN("/", "Caroline"), AccessKeyID: keyID, UserName: "Caroline"},
			Err: "Cannot delete entity, must delete access keys first."},
	}
	if diff := cmp.Diff(want, got, cmpOutputs); diff != "" {
		t.Errorf("call log (-want +got):\n%s", diff)
	}
}

// onboard is a workflow under test: it creates user name with an access key
// and a signing certificate, then checks that the new key works.
func onboard(ctx context.Context, admin *iam.Client, attach func(*iam.Options), name, body string) error {
	if _, err := admin.CreateUser(ctx, &iam.CreateUserInput{UserName: &name}); err != nil {
		return fmt.Errorf("onboard: create user: %w", err)
	}
	key, err := admin.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: &name})
	if err != nil {
		return fmt.Errorf("onboard: create key: %w", err)
	}
	if _, err := admin.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{UserName: &name, CertificateBody: &body}); err != nil {
		return fmt.Errorf("onboard: upload: %w", err)
	}
	self := iam.New(iam.Options{Region: "us-east-1", Credentials: staticCreds(fakeiam.AccessKey{ID: *key.AccessKey.AccessKeyId, Secret: *key.AccessKey.SecretAccessKey})}, attach)
	me, err := self.GetUser(ctx, &iam.GetUserInput{})
	if err != nil {
		return fmt.Errorf("onboard: check the key: %w", err)
	}
	if *me.User.UserName != name {
		return fmt.Errorf("onboard: the new key signs as %s", *me.User.UserName)
	}
	return nil
}

func TestSweepOnboarding(t *testing.T) {
	type run struct {
		Failing string
		Err     string // the failed operation, its code and attempts
		Left    string // what the workflow left: the user, its keys and certificates
	}
	left := func(t *testing.T, f *fakeiam.Fake) string {
		keys, err := f.User("Carol").AccessKeys()
		if err != nil {
			return "no user"
		}
		certs := mustCertificates(t, f.User("Carol"))
		return fmt.Sprintf("user, %d keys, %d certificates", len(keys), len(certs))
	}
	for _, tc := range []struct {
		name   string
		effect fakeiam.Effect
		want   []run
	}{
		{"ServiceFailure", fakeiam.ServiceFailure(), []run{
			{"no call", "", "user, 1 keys, 1 certificates"},
			{"call 1 of 4: CreateUser", "CreateUser ServiceFailure after 3", "no user"},
			{"call 2 of 4: CreateAccessKey", "CreateAccessKey ServiceFailure after 3", "user, 0 keys, 0 certificates"},
			{"call 3 of 4: UploadSigningCertificate", "UploadSigningCertificate ServiceFailure after 3", "user, 1 keys, 0 certificates"},
			{"call 4 of 4: GetUser", "GetUser ServiceFailure after 3", "user, 1 keys, 1 certificates"},
		}},
		{"AccessDenied", fakeiam.AccessDenied(), []run{
			{"no call", "", "user, 1 keys, 1 certificates"},
			{"call 1 of 4: CreateUser", "CreateUser AccessDenied after 1", "no user"},
			{"call 2 of 4: CreateAccessKey", "CreateAccessKey AccessDenied after 1", "user, 0 keys, 0 certificates"},
			{"call 3 of 4: UploadSigningCertificate", "UploadSigningCertificate AccessDenied after 1", "user, 1 keys, 0 certificates"},
			{"call 4 of 4: GetUser", "GetUser AccessDenied after 1", "user, 1 keys, 1 certificates"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []run
			fakeiam.Sweep(t, tc.effect, func(t *testing.T, f *fakeiam.Fake, failing *fakeiam.SweepCall) {
				err := onboard(context.Background(), f.Client(), f.Attach, "Carol", fakeiam.CertificatePEM("carol"))
				if (err != nil) != (failing != nil) {
					t.Errorf("onboard with %v failing: err = %v", failing, err)
				}
				got = append(got, run{failing.String(), sweepDescribe(err), left(t, f)})
			}, fakeiam.WithFixedTime(testNow))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("runs (-want +got):\n%s", diff)
			}
		})
	}
}

// sweepDescribe is "<operation> <code> after <attempts>" for an SDK error.
func sweepDescribe(err error) string {
	if err == nil {
		return ""
	}
	var oe *smithy.OperationError
	if !errors.As(err, &oe) {
		return err.Error()
	}
	attempts := 1
	var me *retry.MaxAttemptsError
	if errors.As(err, &me) {
		attempts = me.Attempt
	}
	return fmt.Sprintf("%s %s after %d", oe.OperationName, outcomeOf(err), attempts)
}

// TestCallLogWhileUsersAreRenamed: reading the call log while users are
// renamed is safe (run with -race), and each attempt keeps the caller it had.
func TestCallLogWhileUsersAreRenamed(t *testing.T) {
	ctx := context.Background()
	f := newFake(seedUsers()...)
	bob := f.ClientWithAccessKey(bobKey.ID)
	if _, err := bob.GetUser(ctx, &iam.GetUserInput{}); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		names := [2]string{"Bob", "Robert"}
		for i := range 50 {
			if _, err := f.Client().UpdateUser(ctx, &iam.UpdateUserInput{UserName: &names[i%2], NewUserName: &names[(i+1)%2]}); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for range 50 {
		logged(t, f)
	}
	<-done
	first := logged(t, f)[0]
	want := fakeiam.Caller{Account: fakeiam.DefaultAccountID, ARN: userARN("/", "Bob"), AccessKeyID: bobKey.ID, UserName: "Bob"}
	if diff := cmp.Diff(want, first.Caller); diff != "" {
		t.Errorf("caller of the first call, after 50 renames (-want +got):\n%s", diff)
	}
}
