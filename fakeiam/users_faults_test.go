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

// akDeniedBy is AccessDenied() as a rule answers it (with the colon of the
// standard text, unlike GetAccessKeyLastUsed's own refusal).
func akDeniedBy(caller string, op fakeiam.Operation, resource string) *fakeiam.Error {
	return &fakeiam.Error{Code: "AccessDenied", Status: 403,
		Message: "User: " + caller + " is not authorized to perform: iam:" + string(op) + " on resource: " + resource}
}

func TestUserAndKeyFaults(t *testing.T) {
	bobARN := uARN("/", "Bob")
	deny := func(op fakeiam.Operation) uStep {
		return uInject(fakeiam.Rule{Operation: op, Then: fakeiam.AccessDenied()})
	}
	carolKeys := []fakeiam.AccessKey{{ID: "AKIAUSERSCAROL900001", Secret: "c1"}, {ID: "AKIAUSERSCAROL100002", Secret: "c2"}}
	for _, tc := range []struct {
		uRow
		attempts map[fakeiam.Operation]int // logged attempts of the call's operation
		after    uRow                      // a second row on the fake the first left
	}{
		{uRow: uRow{name: "ServiceFailure on CreateUser: retried, then refused",
			steps: []uStep{uInject(fakeiam.Rule{Operation: fakeiam.CreateUser, Then: fakeiam.ServiceFailure()})},
			call:  uCreate(&iam.CreateUserInput{UserName: aws.String("Carol")}), wantErr: errServiceFailure},
			attempts: map[fakeiam.Operation]int{fakeiam.CreateUser: 3}},
		{uRow: uRow{name: "a CreateUser rule leaves GetUser alone",
			steps: []uStep{uInject(fakeiam.Rule{Operation: fakeiam.CreateUser, Then: fakeiam.ServiceFailure()})},
			call:  uGet(uBob), want: &iam.GetUserOutput{User: uBobUser}},
			attempts: map[fakeiam.Operation]int{fakeiam.GetUser: 1, fakeiam.CreateUser: 0}},
		{uRow: uRow{name: "FirstN(2) on CreateAccessKey: the third attempt creates one key",
			steps: []uStep{uInject(fakeiam.Rule{Operation: fakeiam.CreateAccessKey, Attempts: fakeiam.FirstN(2), Then: fakeiam.ServiceFailure()})},
			call:  akCreate(uAlice), want: akNew("Alice", testNow)},
			attempts: map[fakeiam.Operation]int{fakeiam.CreateAccessKey: 3}},
		{uRow: uRow{name: "Throttle on ListAccessKeys", steps: []uStep{uInject(fakeiam.Rule{Operation: fakeiam.ListAccessKeys, Then: fakeiam.Throttle()})},
			call: akList(nil), wantErr: errThrottling},
			attempts: map[fakeiam.Operation]int{fakeiam.ListAccessKeys: 3}},
		{uRow: uRow{name: "Fail on DeleteUser with a modeled code",
			steps: []uStep{uInject(fakeiam.Rule{Operation: fakeiam.DeleteUser, Then: fakeiam.Fail(&fakeiam.Error{Code: "ConcurrentModification", Status: 409, Message: "Try again."})})},
			call:  uDelete("Alice"), wantErr: &fakeiam.Error{Code: "ConcurrentModification", Status: 409, Message: "Try again."}},
			attempts: map[fakeiam.Operation]int{fakeiam.DeleteUser: 1}},

		// AccessDenied names the caller, the action and what it acts on.
		{uRow: uRow{name: "AccessDenied: CreateUser names the new user", steps: []uStep{deny(fakeiam.CreateUser)},
			call: uCreate(&iam.CreateUserInput{UserName: aws.String("Carol")}), wantErr: akDeniedBy(rootARN, fakeiam.CreateUser, "user Carol")},
			attempts: map[fakeiam.Operation]int{fakeiam.CreateUser: 1},
			after:    uRow{call: uGet(aws.String("Carol")), wantErr: noSuchUser("Carol")}},
		{uRow: uRow{name: "AccessDenied: GetUser, named", steps: []uStep{deny(fakeiam.GetUser)}, as: uAsKey(uBobKey.ID),
			call: uGet(uAlice), wantErr: akDeniedBy(bobARN, fakeiam.GetUser, "user Alice")}},
		{uRow: uRow{name: "AccessDenied: GetUser, implicit", steps: []uStep{deny(fakeiam.GetUser)}, as: uAsKey(uBobKey.ID),
			call: uGet(nil), wantErr: akDeniedBy(bobARN, fakeiam.GetUser, "user Bob")}},
		{uRow: uRow{name: "AccessDenied: ListUsers names the caller", steps: []uStep{deny(fakeiam.ListUsers)}, as: uAsKey(uBobKey.ID),
			call: uList(&iam.ListUsersInput{}), wantErr: akDeniedBy(bobARN, fakeiam.ListUsers, "user Bob")}},
		{uRow: uRow{name: "AccessDenied: UpdateUser", steps: []uStep{deny(fakeiam.UpdateUser)},
			call: uUpdate(&iam.UpdateUserInput{UserName: uBob, NewUserName: aws.String("Robert")}), wantErr: akDeniedBy(rootARN, fakeiam.UpdateUser, "user Bob")},
			after: uRow{call: uGet(uBob), want: &iam.GetUserOutput{User: uBobUser}}},
		{uRow: uRow{name: "AccessDenied: DeleteUser", steps: []uStep{deny(fakeiam.DeleteUser)},
			call: uDelete("Alice"), wantErr: akDeniedBy(rootARN, fakeiam.DeleteUser, "user Alice")},
			after: uRow{call: uGet(uAlice), want: &iam.GetUserOutput{User: uAliceUser}}},
		{uRow: uRow{name: "AccessDenied: CreateAccessKey, named", steps: []uStep{deny(fakeiam.CreateAccessKey)},
			call: akCreate(uBob), wantErr: akDeniedBy(rootARN, fakeiam.CreateAccessKey, "user Bob")},
			after: uRow{call: akList(&iam.ListAccessKeysInput{UserName: uBob}), want: akPage(akMeta("Bob", uBobKey.ID, types.StatusTypeActive, uBobCreated))}},
		{uRow: uRow{name: "AccessDenied: CreateAccessKey, implicit", steps: []uStep{deny(fakeiam.CreateAccessKey)}, as: uAsKey(uBobKey.ID),
			call: akCreate(nil), wantErr: akDeniedBy(bobARN, fakeiam.CreateAccessKey, "user Bob")}},
		{uRow: uRow{name: "AccessDenied: ListAccessKeys", steps: []uStep{deny(fakeiam.ListAccessKeys)},
			call: akList(&iam.ListAccessKeysInput{UserName: uBob}), wantErr: akDeniedBy(rootARN, fakeiam.ListAccessKeys, "user Bob")}},
		{uRow: uRow{name: "AccessDenied: UpdateAccessKey", steps: []uStep{deny(fakeiam.UpdateAccessKey)},
			call: akUpdate(uBob, uBobKey.ID, types.StatusTypeInactive), wantErr: akDeniedBy(rootARN, fakeiam.UpdateAccessKey, "user Bob")},
			after: uRow{as: uAsKey(uBobKey.ID), call: uGet(nil), want: &iam.GetUserOutput{User: uBobUser}}},
		{uRow: uRow{name: "AccessDenied: DeleteAccessKey, implicit", steps: []uStep{deny(fakeiam.DeleteAccessKey)}, as: uAsKey(uBobKey.ID),
			call: akDelete(nil, uBobKey.ID), wantErr: akDeniedBy(bobARN, fakeiam.DeleteAccessKey, "user Bob")}},
		{uRow: uRow{name: "AccessDenied: GetAccessKeyLastUsed names the key", steps: []uStep{deny(fakeiam.GetAccessKeyLastUsed)},
			call: akLastUsed(uBobKey.ID), wantErr: akDeniedBy(rootARN, fakeiam.GetAccessKeyLastUsed, "access key "+uBobKey.ID)}},
		{uRow: uRow{name: "AccessDenied on every operation: a key operation still names the user", steps: []uStep{uInject(fakeiam.Rule{Then: fakeiam.AccessDenied()})},
			as: uAsKey(uBobKey.ID), call: akList(nil), wantErr: akDeniedBy(bobARN, fakeiam.ListAccessKeys, "user Bob")}},

		// ShortPage: IAM may return fewer results.
		{uRow: uRow{name: "ShortPage on ListUsers", steps: []uStep{uInject(fakeiam.Rule{Operation: fakeiam.ListUsers, Then: fakeiam.ShortPage(1)})},
			call: uList(&iam.ListUsersInput{MaxItems: aws.Int32(10)}), want: uTruncated(uAliceUser)}},
		{uRow: uRow{name: "ShortPage on ListUsers, the next page", steps: []uStep{uInject(fakeiam.Rule{Operation: fakeiam.ListUsers, Then: fakeiam.ShortPage(1)})},
			call: uListThen(iam.ListUsersInput{}, nil, nil, iam.ListUsersInput{}), want: uPage(uBobUser)}},
		{uRow: uRow{name: "ShortPage on ListAccessKeys", seed: uSeed(fakeiam.User("Carol").CreatedAt(uBobCreated).AccessKey(carolKeys...)),
			steps: []uStep{uInject(fakeiam.Rule{Operation: fakeiam.ListAccessKeys, Then: fakeiam.ShortPage(1)})},
			call:  akList(&iam.ListAccessKeysInput{UserName: aws.String("Carol")}), want: akTruncated(akMeta("Carol", carolKeys[0].ID, types.StatusTypeActive, uBobCreated))}},
		{uRow: uRow{name: "ShortPage on ListAccessKeys leaves ListUsers alone", steps: []uStep{uInject(fakeiam.Rule{Operation: fakeiam.ListAccessKeys, Then: fakeiam.ShortPage(1)})},
			call: uList(&iam.ListUsersInput{}), want: uPage(uAliceUser, uBobUser)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, f := tc.uRow.scenario(t)
			for op, n := range tc.attempts {
				if got := len(logged(t, f, op)); got != n {
					t.Errorf("%d attempts of %s logged, want %d", got, op, n)
				}
			}
			if tc.after.call != nil {
				// The state the failed call left, through both doors.
				after := tc.after
				after.name, after.seed = tc.name+": after", tc.seed
				after.steps = append(slices.Clip(tc.steps), uDoAs(tc.as, func(ctx context.Context, c *iam.Client) (any, error) {
					tc.call(ctx, c, nil) // fails, as the row just showed
					return nil, nil
				}), func(r *uRun) { r.f.ClearFaults() })
				after.run(t)
			}
		})
	}
}

// TestFirstNCreateAccessKeyMakesOneKey: a create retried after injected
// failures never created anything on the failed attempts.
func TestFirstNCreateAccessKeyMakesOneKey(t *testing.T) {
	f := newFake(uSeed()...)
	f.Inject(fakeiam.Rule{Operation: fakeiam.CreateAccessKey, Attempts: fakeiam.FirstN(2), Then: fakeiam.ServiceFailure()})
	out, err := f.Client().CreateAccessKey(context.Background(), &iam.CreateAccessKeyInput{UserName: uAlice})
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
	f := newFake(uSeed()...)
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
	f := newFake(uSeed()...)
	root := f.Client()
	in := &iam.CreateUserInput{UserName: aws.String("Carol"), Tags: []types.Tag{uTag("team", "ops")}}
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

	rootCaller := fakeiam.Caller{Account: uAcct, ARN: rootARN, AccessKeyID: uRootKey.ID}
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
		{Op: fakeiam.CreateUser, Input: &iam.CreateUserInput{UserName: aws.String("Carol"), Tags: []types.Tag{uTag("team", "ops")}}, Caller: rootCaller, Output: created},
		{Op: fakeiam.CreateAccessKey, Input: &iam.CreateAccessKeyInput{UserName: aws.String("Carol")}, Caller: rootCaller, Output: key},
		{Op: fakeiam.GetUser, Input: &iam.GetUserInput{}, Caller: fakeiam.Caller{Account: uAcct, ARN: uARN("/", "Carol"), AccessKeyID: keyID, UserName: "Carol"},
			Output: &iam.GetUserOutput{User: created.User}},
		{Op: fakeiam.UpdateUser, Input: &iam.UpdateUserInput{UserName: aws.String("Carol"), NewUserName: aws.String("Caroline")}, Caller: rootCaller, Output: &iam.UpdateUserOutput{}},
		// The same key, after the rename: the caller is the renamed user.
		{Op: fakeiam.DeleteUser, Input: &iam.DeleteUserInput{UserName: aws.String("Caroline")}, Caller: fakeiam.Caller{Account: uAcct, ARN: uARN("/", "Caroline"), AccessKeyID: keyID, UserName: "Caroline"},
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
	f := newFake(uSeed()...)
	bob := f.ClientWithAccessKey(uBobKey.ID)
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
	want := fakeiam.Caller{Account: uAcct, ARN: uARN("/", "Bob"), AccessKeyID: uBobKey.ID, UserName: "Bob"}
	if diff := cmp.Diff(want, first.Caller); diff != "" {
		t.Errorf("caller of the first call, after 50 renames (-want +got):\n%s", diff)
	}
}
