package fakeiam_test

// IAM-SPEC rows of "Users and access keys" for CreateAccessKey,
// ListAccessKeys, UpdateAccessKey, DeleteAccessKey and GetAccessKeyLastUsed,
// and keys as credentials, each through the differential harness. The rows,
// seeds and labels of generated values are users_test.go's (uRow).

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// akMeta is a key as ListAccessKeys lists it.
func akMeta(user, id string, status types.StatusType, created time.Time) types.AccessKeyMetadata {
	return types.AccessKeyMetadata{UserName: aws.String(user), AccessKeyId: aws.String(id), Status: status, CreateDate: aws.Time(created)}
}

func akPage(keys ...types.AccessKeyMetadata) *iam.ListAccessKeysOutput {
	if keys == nil {
		keys = []types.AccessKeyMetadata{}
	}
	return &iam.ListAccessKeysOutput{AccessKeyMetadata: keys}
}

func akTruncated(keys ...types.AccessKeyMetadata) *iam.ListAccessKeysOutput {
	return &iam.ListAccessKeysOutput{AccessKeyMetadata: keys, IsTruncated: true, Marker: aws.String("<marker>")}
}

// akNew is CreateAccessKey's answer: a new Active key with its secret.
func akNew(user string, created time.Time) *iam.CreateAccessKeyOutput {
	return &iam.CreateAccessKeyOutput{AccessKey: &types.AccessKey{UserName: aws.String(user), AccessKeyId: aws.String("<new key id>"),
		Status: types.StatusTypeActive, SecretAccessKey: aws.String("<new secret>"), CreateDate: aws.Time(created)}}
}

func akCreate(user *string) uCall {
	return func(ctx context.Context, c *iam.Client, _ *uRun) (any, error) {
		return c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: user})
	}
}

func akList(in *iam.ListAccessKeysInput) uCall {
	return func(ctx context.Context, c *iam.Client, _ *uRun) (any, error) {
		if in == nil {
			in = &iam.ListAccessKeysInput{}
		}
		return c.ListAccessKeys(ctx, in)
	}
}

func akUpdate(user *string, id string, status types.StatusType) uCall {
	return func(ctx context.Context, c *iam.Client, _ *uRun) (any, error) {
		return c.UpdateAccessKey(ctx, &iam.UpdateAccessKeyInput{UserName: user, AccessKeyId: aws.String(id), Status: status})
	}
}

func akDelete(user *string, id string) uCall {
	return func(ctx context.Context, c *iam.Client, _ *uRun) (any, error) {
		return c.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: user, AccessKeyId: aws.String(id)})
	}
}

func akLastUsed(id string) uCall {
	return func(ctx context.Context, c *iam.Client, _ *uRun) (any, error) {
		return c.GetAccessKeyLastUsed(ctx, &iam.GetAccessKeyLastUsedInput{AccessKeyId: aws.String(id)})
	}
}

// akLastUsedNew asks about the run's key i.
func akLastUsedNew(i int) uCall {
	return func(ctx context.Context, c *iam.Client, r *uRun) (any, error) {
		return c.GetAccessKeyLastUsed(ctx, &iam.GetAccessKeyLastUsedInput{AccessKeyId: r.keys[i].AccessKeyId})
	}
}

// akSignedCall is any call signed with a key: listing users.
var akSignedCall = uStepCall(uList(&iam.ListUsersInput{}))

func akQuota(n string) *fakeiam.Error {
	return &fakeiam.Error{Code: "LimitExceeded", Status: 409, Message: "Cannot exceed quota for AccessKeysPerUser: " + n}
}

func akNoSuchKey(id string) *fakeiam.Error {
	return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "The Access Key with id " + id + " cannot be found."}
}

// akDenied is GetAccessKeyLastUsed's refusal of a key it does not find
// (IAM's text: "perform iam:…", no colon).
func akDenied(caller, id string) *fakeiam.Error {
	return &fakeiam.Error{Code: "AccessDenied", Status: 403,
		Message: "User: " + caller + " is not authorized to perform iam:GetAccessKeyLastUsed on resource: access key " + id}
}

var (
	akInvalidToken = &fakeiam.Error{Code: "InvalidClientTokenId", Status: 403, Message: "The security token included in the request is invalid."}
	akBadSignature = &fakeiam.Error{Code: "SignatureDoesNotMatch", Status: 403, Message: "The request signature we calculated does not match the signature you provided. " +
		"Check your AWS Secret Access Key and signing method. Consult the service documentation for details."}
	akExpiredStatus = &fakeiam.Error{Code: "InvalidInput", Status: 400, Message: "Status Expired is not valid for access keys."}

	akMinLen16  = "Member must have length greater than or equal to 16"
	akIDPattern = `Member must satisfy regular expression pattern: [\w]+`

	rootARN = "arn:aws:iam::" + uAcct + ":root"
)

func TestCreateAccessKeySpec(t *testing.T) {
	bobFull := uSeed(fakeiam.User("Carol").CreatedAt(uBobCreated).AccessKey(uBobKey2, fakeiam.AccessKey{ID: "AKIAUSERSCAROL000001", Secret: "c"}))
	inactive := func(id string) fakeiam.AccessKey {
		return fakeiam.AccessKey{ID: id, Secret: "s", Status: types.StatusTypeInactive}
	}
	carol := aws.String("Carol")
	uRunRows(t, []uRow{
		{name: "named user", call: akCreate(uAlice), want: akNew("Alice", testNow)},
		{name: "second key", call: akCreate(uBob), want: akNew("Bob", testNow)},
		{name: "named in another case: the user's own name", call: akCreate(aws.String("ALICE")), want: akNew("Alice", testNow)},
		{name: "create date follows Advance", steps: []uStep{uAdvance(25*time.Hour + 3*time.Second)}, call: akCreate(uAlice),
			want: akNew("Alice", testNow.Add(25*time.Hour+3*time.Second))},
		{name: "then listed after the older keys", steps: []uStep{uAdvance(time.Hour), uNewKey(uBob)}, call: akList(&iam.ListAccessKeysInput{UserName: uBob}),
			want: akPage(akMeta("Bob", uBobKey.ID, types.StatusTypeActive, uBobCreated), akMeta("Bob", "<key 0>", types.StatusTypeActive, testNow.Add(time.Hour)))},

		// The implicit caller.
		{name: "implicit: a user's key creates its own", as: uAsKey(uBobKey.ID), call: akCreate(nil), want: akNew("Bob", testNow)},
		{name: "implicit: the root's key creates the root's (UserName as on the root's certificates)", call: akCreate(nil),
			want: akNew(fakeiam.DefaultRootUserName, testNow)},
		{name: "implicit: the root, with RootUserName", seed: uSeed(fakeiam.RootUserName("root")), call: akCreate(nil), want: akNew("root", testNow)},
		{name: "implicit: a role must name a user", as: uAsKey(uRoleKey.ID), call: akCreate(nil), wantErr: lcNonUser},
		{name: "a role naming a user", as: uAsKey(uRoleKey.ID), call: akCreate(uAlice), want: akNew("Alice", testNow)},
		{name: "a user naming another user", as: uAsKey(uBobKey.ID), call: akCreate(uAlice), want: akNew("Alice", testNow)},
		{name: "unknown user", call: akCreate(aws.String("Nobody")), wantErr: noSuchUser("Nobody")},
		{name: "another account's user", seed: uSeed(uOther(fakeiam.User("Carol"))), call: akCreate(carol), wantErr: noSuchUser("Carol")},
		{name: "in another account, its own Bob", seed: uSeed(uOther()), as: uAsKey(uOtherRoot.ID), call: akCreate(uBob), want: akNew("Bob", testNow)},

		// Quota: 2 keys per user, Active or Inactive.
		{name: "quota: Active and Inactive", seed: bobFull, call: akCreate(carol), wantErr: akQuota("2")},
		{name: "quota: two Inactive", seed: uSeed(fakeiam.User("Carol").AccessKey(inactive("AKIAUSERSCAROL000001"), inactive("AKIAUSERSCAROL000002"))),
			call: akCreate(carol), wantErr: akQuota("2")},
		{name: "quota: keys created through the API", steps: []uStep{uNewKey(uAlice), uNewKey(uAlice)}, call: akCreate(uAlice), wantErr: akQuota("2")},
		{name: "quota: a key made Inactive still counts", steps: []uStep{uNewKey(uAlice), uNewKey(uAlice), uSetKey(1, types.StatusTypeInactive)},
			call: akCreate(uAlice), wantErr: akQuota("2")},
		{name: "quota: implicit caller", seed: bobFull, as: uAsKey("AKIAUSERSCAROL000001"), call: akCreate(nil), wantErr: akQuota("2")},
		{name: "quota: the root's", steps: []uStep{uNewKey(nil)}, call: akCreate(nil), wantErr: akQuota("2")},
		{name: "quota: per user", steps: []uStep{uNewKey(uAlice), uNewKey(uAlice)}, call: akCreate(uBob), want: akNew("Bob", testNow)},
		{name: "quota: freed by a delete", steps: []uStep{uNewKey(uAlice), uNewKey(uAlice), uDeleteKey(0)}, call: akCreate(uAlice), want: akNew("Alice", testNow)},
		{name: "quota: AccessKeysPerUser(3) lifts it", seed: append(bobFull, fakeiam.AccessKeysPerUser(3)), call: akCreate(carol), want: akNew("Carol", testNow)},
		{name: "quota: AccessKeysPerUser(3) reached", seed: append(bobFull, fakeiam.AccessKeysPerUser(3)), steps: []uStep{uNewKey(carol)},
			call: akCreate(carol), wantErr: akQuota("3")},
		{name: "quota: checked after the user", seed: bobFull, call: akCreate(aws.String("Nobody")), wantErr: noSuchUser("Nobody")},

		// Constraints.
		{name: "userName empty", call: akCreate(aws.String("")), wantErr: lcInvalid("userName", uMinLen1)},
		{name: "userName 129 characters", call: akCreate(aws.String(strings.Repeat("n", 129))), wantErr: lcInvalid("userName", uMaxLen128)},
		{name: "userName with a space", call: akCreate(aws.String("bad name")), wantErr: uText(uTextUserName)},
		{name: "validation before the implicit caller", as: uAsKey(uRoleKey.ID), call: akCreate(aws.String("")), wantErr: lcInvalid("userName", uMinLen1)},
	})
}

// TestAccessKeysSign: a key is a credential from the moment it exists: it
// signs at once, stops when made Inactive or deleted, and signs again when
// made Active; without UserName, what it signs acts on its owner.
func TestAccessKeysSign(t *testing.T) {
	alicesKeys := func(keys ...types.AccessKeyMetadata) *iam.ListAccessKeysOutput { return akPage(keys...) }
	key0 := akMeta("Alice", "<key 0>", types.StatusTypeActive, testNow)
	uRunRows(t, []uRow{
		{name: "created: signs at once (ClientWithAccessKey)", steps: []uStep{uNewKey(uAlice)}, as: uAsNewKey(0), call: uGet(nil),
			want: &iam.GetUserOutput{User: uAliceUser}},
		{name: "created: signs at once (static credentials, f.Attach)", steps: []uStep{uNewKey(uAlice)}, as: uAsNewKeyAttached(0, nil), call: uGet(nil),
			want: &iam.GetUserOutput{User: uAliceUser}},
		{name: "created: the wrong secret", steps: []uStep{uNewKey(uAlice)}, as: uAsNewKeyAttached(0, func(s string) string { return s[1:] + s[:1] }),
			call: uGet(nil), wantErr: akBadSignature},
		{name: "created for the root: signs as the root", steps: []uStep{uNewKey(nil)}, as: uAsNewKeyAttached(0, nil), call: uGet(nil), want: uRootUser(testNow)},
		{name: "created: made Inactive, refused", steps: []uStep{uNewKey(uAlice), uSetKey(0, types.StatusTypeInactive)}, as: uAsNewKeyAttached(0, nil),
			call: uGet(nil), wantErr: akInvalidToken},
		{name: "created: made Inactive, refused (ClientWithAccessKey)", steps: []uStep{uNewKey(uAlice), uSetKey(0, types.StatusTypeInactive)}, as: uAsNewKey(0),
			call: uGet(nil), wantErr: akInvalidToken},
		{name: "created: made Active again, signs", steps: []uStep{uNewKey(uAlice), uSetKey(0, types.StatusTypeInactive), uSetKey(0, types.StatusTypeActive)},
			as: uAsNewKeyAttached(0, nil), call: uGet(nil), want: &iam.GetUserOutput{User: uAliceUser}},
		{name: "created: deleted, refused", steps: []uStep{uNewKey(uAlice), uDeleteKey(0)}, as: uAsNewKeyAttached(0, nil), call: uGet(nil), wantErr: akInvalidToken},
		{name: "created: deleted, refused (ClientWithAccessKey)", steps: []uStep{uNewKey(uAlice), uDeleteKey(0)}, as: uAsNewKey(0), call: uGet(nil), wantErr: akInvalidToken},
		{name: "created: its user's other key made Inactive, it still signs", steps: []uStep{uNewKey(uBob), uDoStep(akUpdate(uBob, uBobKey.ID, types.StatusTypeInactive))},
			as: uAsNewKeyAttached(0, nil), call: uGet(nil), want: &iam.GetUserOutput{User: uBobUser}},
		{name: "seeded: made Inactive, refused", steps: []uStep{uDoStep(akUpdate(uBob, uBobKey.ID, types.StatusTypeInactive))}, as: uAsKey(uBobKey.ID),
			call: uGet(nil), wantErr: akInvalidToken},
		{name: "seeded Inactive: refused", seed: uSeed(fakeiam.User("Carol").AccessKey(fakeiam.AccessKey{ID: "AKIAUSERSCAROL000001", Secret: "c", Status: types.StatusTypeInactive})),
			as: uAsKey("AKIAUSERSCAROL000001"), call: uGet(nil), wantErr: akInvalidToken},
		{name: "seeded Inactive: made Active, signs",
			seed:  uSeed(fakeiam.User("Carol").CreatedAt(uBobCreated).AccessKey(fakeiam.AccessKey{ID: "AKIAUSERSCAROL000001", Secret: "c", Status: types.StatusTypeInactive})),
			steps: []uStep{uDoStep(akUpdate(aws.String("Carol"), "AKIAUSERSCAROL000001", types.StatusTypeActive))},
			as:    uAsKey("AKIAUSERSCAROL000001"), call: uGet(nil), want: &iam.GetUserOutput{User: uUser("/", "Carol", "<id of Carol>", uBobCreated)}},
		{name: "seeded: deleted, refused", steps: []uStep{uDoStep(akDelete(uBob, uBobKey.ID))}, as: uAsKey(uBobKey.ID), call: uGet(nil), wantErr: akInvalidToken},
		{name: "unknown key: refused", as: uAsKey(uUnknownKey), call: uGet(nil), wantErr: akInvalidToken},

		// What a key signs acts, without UserName, on its owner.
		{name: "created: lists its user's keys", steps: []uStep{uNewKey(uAlice)}, as: uAsNewKeyAttached(0, nil), call: akList(nil), want: alicesKeys(key0)},
		{name: "created: creates a key for its user", steps: []uStep{uNewKey(uAlice)}, as: uAsNewKeyAttached(0, nil), call: akCreate(nil), want: akNew("Alice", testNow)},
		{name: "created: deactivates itself, then is refused", steps: []uStep{uNewKey(uAlice), func(r *uRun) {
			c := uAsNewKeyAttached(0, nil)(r)
			if _, err := c.UpdateAccessKey(context.Background(), &iam.UpdateAccessKeyInput{AccessKeyId: r.keys[0].AccessKeyId, Status: types.StatusTypeInactive}); err != nil {
				r.t.Fatal(err)
			}
		}}, as: uAsNewKeyAttached(0, nil), call: akList(nil), wantErr: akInvalidToken},
		{name: "created: the root's lists the root's keys", steps: []uStep{uNewKey(nil)}, as: uAsNewKeyAttached(0, nil), call: akList(nil),
			want: akPage(akMeta(fakeiam.DefaultRootUserName, uRootKey.ID, types.StatusTypeActive, testNow), akMeta(fakeiam.DefaultRootUserName, "<key 0>", types.StatusTypeActive, testNow))},
	})
}

// uDoStep runs a row call as the root, as a step.
func uDoStep(call uCall) uStep { return uDo(uStepCall(call)) }

func TestListAccessKeysSpec(t *testing.T) {
	// Carol's keys are seeded in an order that is not their ids' order, and
	// on the same date: creation order is neither.
	carolKeys := []fakeiam.AccessKey{
		{ID: "AKIAUSERSCAROL900001", Secret: "c1"},
		{ID: "AKIAUSERSCAROL100002", Secret: "c2", Status: types.StatusTypeInactive},
		{ID: "AKIAUSERSCAROL500003", Secret: "c3"},
	}
	carolSeed := uSeed(fakeiam.AccessKeysPerUser(3), fakeiam.User("Carol").CreatedAt(uBobCreated).AccessKey(carolKeys...))
	carol := aws.String("Carol")
	c1 := akMeta("Carol", carolKeys[0].ID, types.StatusTypeActive, uBobCreated)
	c2 := akMeta("Carol", carolKeys[1].ID, types.StatusTypeInactive, uBobCreated)
	c3 := akMeta("Carol", carolKeys[2].ID, types.StatusTypeActive, uBobCreated)
	one := aws.Int32(1)
	bobsKey := akMeta("Bob", uBobKey.ID, types.StatusTypeActive, uBobCreated)
	thenList := func(first iam.ListAccessKeysInput, between []uStep, edit func(string) string, next iam.ListAccessKeysInput) uCall {
		return uPageThen((*iam.Client).ListAccessKeys, func(o *iam.ListAccessKeysOutput) *string { return o.Marker },
			func(in *iam.ListAccessKeysInput, m *string) { in.Marker = m }, first, between, edit, next)
	}
	markerOf := func(as func(*uRun) *iam.Client, in iam.ListAccessKeysInput, next iam.ListAccessKeysInput) uCall {
		return func(ctx context.Context, c *iam.Client, r *uRun) (any, error) {
			out, err := as(r).ListAccessKeys(ctx, &in)
			if err != nil {
				return nil, err
			}
			next.Marker = out.Marker
			return c.ListAccessKeys(ctx, &next)
		}
	}
	rootClient := func(r *uRun) *iam.Client { return r.root() }
	uRunRows(t, []uRow{
		{name: "named user", call: akList(&iam.ListAccessKeysInput{UserName: uBob}), want: akPage(bobsKey)},
		{name: "no keys: [] and not truncated", call: akList(&iam.ListAccessKeysInput{UserName: uAlice}), want: akPage()},
		{name: "creation order, with statuses", seed: carolSeed, call: akList(&iam.ListAccessKeysInput{UserName: carol}), want: akPage(c1, c2, c3)},
		{name: "created through the API, in creation order", steps: []uStep{uNewKey(uAlice), uNewKey(uAlice)}, call: akList(&iam.ListAccessKeysInput{UserName: uAlice}),
			want: akPage(akMeta("Alice", "<key 0>", types.StatusTypeActive, testNow), akMeta("Alice", "<key 1>", types.StatusTypeActive, testNow))},
		{name: "a deleted key is gone at once", seed: carolSeed, steps: []uStep{uDoStep(akDelete(carol, carolKeys[1].ID))},
			call: akList(&iam.ListAccessKeysInput{UserName: carol}), want: akPage(c1, c3)},
		{name: "an updated key shows its status at once", steps: []uStep{uDoStep(akUpdate(uBob, uBobKey.ID, types.StatusTypeInactive))},
			call: akList(&iam.ListAccessKeysInput{UserName: uBob}), want: akPage(akMeta("Bob", uBobKey.ID, types.StatusTypeInactive, uBobCreated))},
		{name: "seeded CreateDate", seed: uSeed(fakeiam.User("Carol").AccessKey(fakeiam.AccessKey{ID: "AKIAUSERSCAROL000001", Secret: "c", CreateDate: uAliceCreated})),
			call: akList(&iam.ListAccessKeysInput{UserName: carol}), want: akPage(akMeta("Carol", "AKIAUSERSCAROL000001", types.StatusTypeActive, uAliceCreated))},
		{name: "named in another case", call: akList(&iam.ListAccessKeysInput{UserName: aws.String("bob")}), want: akPage(bobsKey)},
		{name: "unknown user", call: akList(&iam.ListAccessKeysInput{UserName: aws.String("Nobody")}), wantErr: noSuchUser("Nobody")},
		{name: "another account's user", seed: uSeed(uOther(fakeiam.User("Carol"))), call: akList(&iam.ListAccessKeysInput{UserName: carol}), wantErr: noSuchUser("Carol")},

		// The implicit caller.
		{name: "implicit: a user's own keys", as: uAsKey(uBobKey.ID), call: akList(nil), want: akPage(bobsKey)},
		{name: "implicit: the root's own keys", call: akList(nil), want: akPage(akMeta(fakeiam.DefaultRootUserName, uRootKey.ID, types.StatusTypeActive, testNow))},
		{name: "implicit: a role must name a user", as: uAsKey(uRoleKey.ID), call: akList(nil), wantErr: lcNonUser},
		{name: "a role naming a user", as: uAsKey(uRoleKey.ID), call: akList(&iam.ListAccessKeysInput{UserName: uBob}), want: akPage(bobsKey)},
		{name: "implicit: another account's user", seed: uSeed(uOther()), as: uAsKey(uOtherBob.ID), call: akList(nil),
			want: akPage(akMeta("Bob", uOtherBob.ID, types.StatusTypeActive, uBobCreated))},

		// Pages.
		{name: "MaxItems 1", seed: carolSeed, call: akList(&iam.ListAccessKeysInput{UserName: carol, MaxItems: one}), want: akTruncated(c1)},
		{name: "MaxItems 1, second page", seed: carolSeed,
			call: thenList(iam.ListAccessKeysInput{UserName: carol, MaxItems: one}, nil, nil, iam.ListAccessKeysInput{UserName: carol, MaxItems: one}),
			want: akTruncated(c2)},
		{name: "MaxItems 2, last page", seed: carolSeed,
			call: thenList(iam.ListAccessKeysInput{UserName: carol, MaxItems: aws.Int32(2)}, nil, nil, iam.ListAccessKeysInput{UserName: carol, MaxItems: aws.Int32(2)}),
			want: akPage(c3)},
		{name: "page exactly full: not truncated", seed: carolSeed, call: akList(&iam.ListAccessKeysInput{UserName: carol, MaxItems: aws.Int32(3)}), want: akPage(c1, c2, c3)},
		{name: "keys created in one second page in creation order", steps: []uStep{uNewKey(uAlice), uNewKey(uAlice)},
			call: thenList(iam.ListAccessKeysInput{UserName: uAlice, MaxItems: one}, nil, nil, iam.ListAccessKeysInput{UserName: uAlice}),
			want: akPage(akMeta("Alice", "<key 1>", types.StatusTypeActive, testNow))},
		{name: "after deleting the marker's key", seed: carolSeed,
			call: thenList(iam.ListAccessKeysInput{UserName: carol, MaxItems: one}, []uStep{uDoStep(akDelete(carol, carolKeys[0].ID))}, nil,
				iam.ListAccessKeysInput{UserName: carol}),
			want: akPage(c2, c3)},
		{name: "after deleting the next key", seed: carolSeed,
			call: thenList(iam.ListAccessKeysInput{UserName: carol, MaxItems: one}, []uStep{uDoStep(akDelete(carol, carolKeys[1].ID))}, nil,
				iam.ListAccessKeysInput{UserName: carol}),
			want: akPage(c3)},
		{name: "after creating a key", seed: uSeed(fakeiam.AccessKeysPerUser(3), fakeiam.User("Carol").CreatedAt(uBobCreated).AccessKey(carolKeys[:2]...)),
			call: thenList(iam.ListAccessKeysInput{UserName: carol, MaxItems: one}, []uStep{uNewKey(carol)}, nil, iam.ListAccessKeysInput{UserName: carol}),
			want: akPage(c2, akMeta("Carol", "<key 0>", types.StatusTypeActive, testNow))},
		{name: "a named user's marker continues the implicit listing", seed: carolSeed, as: uAsKey(carolKeys[0].ID),
			call: markerOf(rootClient, iam.ListAccessKeysInput{UserName: carol, MaxItems: one}, iam.ListAccessKeysInput{}),
			want: akPage(c2, c3)},
		{name: "a renamed user's marker continues", seed: carolSeed,
			call: thenList(iam.ListAccessKeysInput{UserName: carol, MaxItems: one},
				[]uStep{uDoStep(uUpdate(&iam.UpdateUserInput{UserName: carol, NewUserName: aws.String("Caroline")}))}, nil,
				iam.ListAccessKeysInput{UserName: aws.String("Caroline"), MaxItems: one}),
			want: akTruncated(akMeta("Caroline", carolKeys[1].ID, types.StatusTypeInactive, uBobCreated))},

		// Markers from elsewhere.
		{name: "garbage marker", call: akList(&iam.ListAccessKeysInput{UserName: uBob, Marker: aws.String("garbage")}), wantErr: invalidMarker},
		{name: "tampered marker", seed: carolSeed,
			call:    thenList(iam.ListAccessKeysInput{UserName: carol, MaxItems: one}, nil, func(m string) string { return flipChar(m, -3) }, iam.ListAccessKeysInput{UserName: carol}),
			wantErr: invalidMarker},
		{name: "another user's marker", seed: append(carolSeed, fakeiam.User("Dave").AccessKey(fakeiam.AccessKey{ID: "AKIAUSERSDAVE0000001", Secret: "d"}, fakeiam.AccessKey{ID: "AKIAUSERSDAVE0000002", Secret: "d"})),
			call:    thenList(iam.ListAccessKeysInput{UserName: aws.String("Dave"), MaxItems: one}, nil, nil, iam.ListAccessKeysInput{UserName: carol}),
			wantErr: invalidMarker},
		{name: "the root's marker for a user", seed: carolSeed, steps: []uStep{uNewKey(nil)},
			call: thenList(iam.ListAccessKeysInput{MaxItems: one}, nil, nil, iam.ListAccessKeysInput{UserName: carol}), wantErr: invalidMarker},
		{name: "a ListUsers marker", seed: carolSeed,
			call: func(ctx context.Context, c *iam.Client, r *uRun) (any, error) {
				out, err := r.root().ListUsers(ctx, &iam.ListUsersInput{MaxItems: one})
				if err != nil {
					return nil, err
				}
				return c.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: carol, Marker: out.Marker})
			},
			wantErr: invalidMarker},
		{name: "another account's marker for its user of the same name", seed: uSeed(fakeiam.Account(otherAccount, fakeiam.Root().AccessKey(uOtherRoot),
			fakeiam.User("Bob").AccessKey(uOtherBob, fakeiam.AccessKey{ID: "AKIAUSERSOTHERBOB002", Secret: "b"}))),
			call:    markerOf(uAsKey(uOtherRoot.ID), iam.ListAccessKeysInput{UserName: uBob, MaxItems: one}, iam.ListAccessKeysInput{UserName: uBob}),
			wantErr: invalidMarker},

		// Constraints.
		{name: "userName empty", call: akList(&iam.ListAccessKeysInput{UserName: aws.String("")}), wantErr: lcInvalid("userName", uMinLen1)},
		{name: "userName with a space", call: akList(&iam.ListAccessKeysInput{UserName: aws.String("bad name")}), wantErr: uText(uTextUserName)},
		{name: "maxItems 0", call: akList(&iam.ListAccessKeysInput{MaxItems: aws.Int32(0)}), wantErr: lcInvalid("maxItems", uMinVal1)},
		{name: "maxItems 1001", call: akList(&iam.ListAccessKeysInput{MaxItems: aws.Int32(1001)}), wantErr: lcInvalid("maxItems", uMaxVal1000)},
		{name: "marker empty", call: akList(&iam.ListAccessKeysInput{Marker: aws.String("")}), wantErr: lcInvalid("marker", uMinLen1)},
		{name: "three failures in model order", call: akList(&iam.ListAccessKeysInput{UserName: aws.String(""), Marker: aws.String(""), MaxItems: aws.Int32(0)}),
			wantErr: lcInvalid("userName", uMinLen1, "marker", uMinLen1, "maxItems", uMinVal1)},
		{name: "validation before the user lookup", call: akList(&iam.ListAccessKeysInput{UserName: aws.String("Nobody"), MaxItems: aws.Int32(0)}),
			wantErr: lcInvalid("maxItems", uMinVal1)},
	})
}

func TestUpdateAccessKeySpec(t *testing.T) {
	seed := uSeed(fakeiam.User("Carol").CreatedAt(uBobCreated).AccessKey(uBobKey2))
	carol := aws.String("Carol")
	uRunRows(t, []uRow{
		{name: "Active to Inactive", seed: seed, call: akUpdate(uBob, uBobKey.ID, types.StatusTypeInactive), want: &iam.UpdateAccessKeyOutput{}},
		{name: "Inactive to Active", seed: seed, call: akUpdate(carol, uBobKey2.ID, types.StatusTypeActive), want: &iam.UpdateAccessKeyOutput{}},
		{name: "Inactive to Active: listed Active", seed: seed, steps: []uStep{uDoStep(akUpdate(carol, uBobKey2.ID, types.StatusTypeActive))},
			call: akList(&iam.ListAccessKeysInput{UserName: carol}), want: akPage(akMeta("Carol", uBobKey2.ID, types.StatusTypeActive, uBobCreated))},
		{name: "Active to Active", seed: seed, call: akUpdate(uBob, uBobKey.ID, types.StatusTypeActive), want: &iam.UpdateAccessKeyOutput{}},
		{name: "Inactive twice", seed: seed, call: akUpdate(carol, uBobKey2.ID, types.StatusTypeInactive), want: &iam.UpdateAccessKeyOutput{}},
		{name: "a key created through the API", steps: []uStep{uNewKey(uAlice)},
			call: func(ctx context.Context, c *iam.Client, r *uRun) (any, error) {
				return akUpdate(uAlice, *r.keys[0].AccessKeyId, types.StatusTypeInactive)(ctx, c, r)
			}, want: &iam.UpdateAccessKeyOutput{}},
		{name: "named in another case", seed: seed, call: akUpdate(aws.String("BOB"), uBobKey.ID, types.StatusTypeInactive), want: &iam.UpdateAccessKeyOutput{}},

		// The implicit caller.
		{name: "implicit: a user's own key", seed: seed, as: uAsKey(uBobKey.ID), call: akUpdate(nil, uBobKey.ID, types.StatusTypeActive), want: &iam.UpdateAccessKeyOutput{}},
		{name: "implicit: the root's own key", seed: seed, call: akUpdate(nil, uRootKey.ID, types.StatusTypeActive), want: &iam.UpdateAccessKeyOutput{}},
		{name: "implicit: a role must name a user", seed: seed, as: uAsKey(uRoleKey.ID), call: akUpdate(nil, uBobKey.ID, types.StatusTypeInactive), wantErr: lcNonUser},
		{name: "a role naming a user", seed: seed, as: uAsKey(uRoleKey.ID), call: akUpdate(uBob, uBobKey.ID, types.StatusTypeInactive), want: &iam.UpdateAccessKeyOutput{}},

		// The key must be the user's.
		{name: "another user's key", seed: seed, call: akUpdate(uBob, uBobKey2.ID, types.StatusTypeInactive), wantErr: akNoSuchKey(uBobKey2.ID)},
		{name: "implicit: another user's key", seed: seed, as: uAsKey(uBobKey.ID), call: akUpdate(nil, uBobKey2.ID, types.StatusTypeInactive), wantErr: akNoSuchKey(uBobKey2.ID)},
		{name: "implicit: the root's key names a user's", seed: seed, call: akUpdate(nil, uBobKey.ID, types.StatusTypeInactive), wantErr: akNoSuchKey(uBobKey.ID)},
		{name: "a user's key names the root's", seed: seed, call: akUpdate(uBob, uRootKey.ID, types.StatusTypeInactive), wantErr: akNoSuchKey(uRootKey.ID)},
		{name: "a role's key", seed: seed, call: akUpdate(uBob, uRoleKey.ID, types.StatusTypeInactive), wantErr: akNoSuchKey(uRoleKey.ID)},
		{name: "unknown key", seed: seed, call: akUpdate(uBob, uUnknownKey, types.StatusTypeInactive), wantErr: akNoSuchKey(uUnknownKey)},
		{name: "deleted key", seed: seed, steps: []uStep{uDoStep(akDelete(uBob, uBobKey.ID))}, call: akUpdate(uBob, uBobKey.ID, types.StatusTypeActive), wantErr: akNoSuchKey(uBobKey.ID)},
		{name: "another account's key", seed: uSeed(uOther()), call: akUpdate(uBob, uOtherBob.ID, types.StatusTypeInactive), wantErr: akNoSuchKey(uOtherBob.ID)},
		{name: "unknown user: the user first", seed: seed, call: akUpdate(aws.String("Nobody"), uUnknownKey, types.StatusTypeInactive), wantErr: noSuchUser("Nobody")},

		// Status.
		{name: "status Bogus", seed: seed, call: akUpdate(uBob, uBobKey.ID, "Bogus"), wantErr: lcInvalid("status", lcStatusEnum)},
		{name: "status is case-sensitive", seed: seed, call: akUpdate(uBob, uBobKey.ID, "inactive"), wantErr: lcInvalid("status", lcStatusEnum)},
		{name: "status Expired (choice: InvalidInput)", seed: seed, call: akUpdate(uBob, uBobKey.ID, types.StatusTypeExpired), wantErr: akExpiredStatus},
		{name: "status Expired before the key lookup", seed: seed, call: akUpdate(uBob, uUnknownKey, types.StatusTypeExpired), wantErr: akExpiredStatus},
		{name: "status Expired after the user lookup", seed: seed, call: akUpdate(aws.String("Nobody"), uBobKey.ID, types.StatusTypeExpired), wantErr: noSuchUser("Nobody")},

		// Constraints.
		{name: "accessKeyId 15 characters", seed: seed, call: akUpdate(uBob, "AKIA12345678901", types.StatusTypeInactive), wantErr: lcInvalid("accessKeyId", akMinLen16)},
		{name: "accessKeyId 129 characters", seed: seed, call: akUpdate(uBob, strings.Repeat("A", 129), types.StatusTypeInactive), wantErr: lcInvalid("accessKeyId", uMaxLen128)},
		{name: "accessKeyId with dashes", seed: seed, call: akUpdate(uBob, "AKIA-USERS-BOB-0001", types.StatusTypeInactive), wantErr: lcInvalid("accessKeyId", akIDPattern)},
		{name: "accessKeyId of lower case and underscores passes validation", seed: seed, call: akUpdate(uBob, "akia_users_bob_0001", types.StatusTypeInactive),
			wantErr: akNoSuchKey("akia_users_bob_0001")},
		{name: "userName with a space", seed: seed, call: akUpdate(aws.String("bad name"), uBobKey.ID, types.StatusTypeInactive), wantErr: uText(uTextUserName)},
		{name: "three failures in model order", seed: seed, call: akUpdate(aws.String(""), "short", "Bogus"),
			wantErr: lcInvalid("userName", uMinLen1, "accessKeyId", akMinLen16, "status", lcStatusEnum)},
		{name: "validation before the user lookup", seed: seed, call: akUpdate(aws.String("Nobody"), "short", types.StatusTypeInactive), wantErr: lcInvalid("accessKeyId", akMinLen16)},
		{name: "moto: Status=Bogus refused", seed: seed, call: akUpdate(uBob, uBobKey.ID, "Bogus"), wantErr: lcInvalid("status", lcStatusEnum)},
	})
}

func TestDeleteAccessKeySpec(t *testing.T) {
	seed := uSeed(fakeiam.User("Carol").CreatedAt(uBobCreated).AccessKey(uBobKey2))
	carol := aws.String("Carol")
	uRunRows(t, []uRow{
		{name: "a user's key", seed: seed, call: akDelete(uBob, uBobKey.ID), want: &iam.DeleteAccessKeyOutput{}},
		{name: "an Inactive key", seed: seed, call: akDelete(carol, uBobKey2.ID), want: &iam.DeleteAccessKeyOutput{}},
		{name: "then not listed", seed: seed, steps: []uStep{uDoStep(akDelete(uBob, uBobKey.ID))}, call: akList(&iam.ListAccessKeysInput{UserName: uBob}), want: akPage()},
		{name: "then the user can be deleted", seed: seed, steps: []uStep{uDoStep(akDelete(uBob, uBobKey.ID))}, call: uDelete("Bob"), want: &iam.DeleteUserOutput{}},
		{name: "then asked about: AccessDenied", seed: seed, steps: []uStep{uDoStep(akDelete(uBob, uBobKey.ID))}, call: akLastUsed(uBobKey.ID),
			wantErr: akDenied(rootARN, uBobKey.ID)},
		{name: "twice", seed: seed, steps: []uStep{uDoStep(akDelete(uBob, uBobKey.ID))}, call: akDelete(uBob, uBobKey.ID), wantErr: akNoSuchKey(uBobKey.ID)},
		{name: "a key created through the API", steps: []uStep{uNewKey(uAlice)},
			call: func(ctx context.Context, c *iam.Client, r *uRun) (any, error) {
				return akDelete(uAlice, *r.keys[0].AccessKeyId)(ctx, c, r)
			},
			want: &iam.DeleteAccessKeyOutput{}},

		// The implicit caller.
		{name: "implicit: a user's own key, the one signing", seed: seed, as: uAsKey(uBobKey.ID), call: akDelete(nil, uBobKey.ID), want: &iam.DeleteAccessKeyOutput{}},
		{name: "implicit: the root's own key", seed: seed, steps: []uStep{uNewKey(nil)}, call: akDelete(nil, uRootKey.ID), want: &iam.DeleteAccessKeyOutput{}},
		{name: "implicit: a role must name a user", seed: seed, as: uAsKey(uRoleKey.ID), call: akDelete(nil, uBobKey.ID), wantErr: lcNonUser},
		{name: "a role naming a user", seed: seed, as: uAsKey(uRoleKey.ID), call: akDelete(uBob, uBobKey.ID), want: &iam.DeleteAccessKeyOutput{}},

		// The key must be the user's.
		{name: "another user's key", seed: seed, call: akDelete(uBob, uBobKey2.ID), wantErr: akNoSuchKey(uBobKey2.ID)},
		{name: "implicit: another user's key", seed: seed, as: uAsKey(uBobKey.ID), call: akDelete(nil, uBobKey2.ID), wantErr: akNoSuchKey(uBobKey2.ID)},
		{name: "implicit: the root's key names a user's", seed: seed, call: akDelete(nil, uBobKey.ID), wantErr: akNoSuchKey(uBobKey.ID)},
		{name: "unknown key", seed: seed, call: akDelete(uBob, uUnknownKey), wantErr: akNoSuchKey(uUnknownKey)},
		{name: "unknown user: the user first", seed: seed, call: akDelete(aws.String("Nobody"), uBobKey.ID), wantErr: noSuchUser("Nobody")},
		{name: "refused: the key still signs", seed: seed, steps: []uStep{func(r *uRun) {
			r.root().DeleteAccessKey(context.Background(), &iam.DeleteAccessKeyInput{UserName: carol, AccessKeyId: aws.String(uBobKey.ID)})
		}}, as: uAsKey(uBobKey.ID), call: uGet(nil), want: &iam.GetUserOutput{User: uBobUser}},

		// Constraints.
		{name: "accessKeyId 15 characters", seed: seed, call: akDelete(uBob, "AKIA12345678901"), wantErr: lcInvalid("accessKeyId", akMinLen16)},
		{name: "accessKeyId with dashes", seed: seed, call: akDelete(uBob, "AKIA-USERS-BOB-0001"), wantErr: lcInvalid("accessKeyId", akIDPattern)},
		{name: "userName and accessKeyId in model order", seed: seed, call: akDelete(aws.String(strings.Repeat("n", 129)), "AKIA-USERS-BOB-0001"),
			wantErr: lcInvalid("userName", uMaxLen128, "accessKeyId", akIDPattern)},
		{name: "validation before the user lookup", seed: seed, call: akDelete(aws.String("Nobody"), "short"), wantErr: lcInvalid("accessKeyId", akMinLen16)},
	})
}

func TestGetAccessKeyLastUsedSpec(t *testing.T) {
	never := func(user string) *iam.GetAccessKeyLastUsedOutput {
		return &iam.GetAccessKeyLastUsedOutput{UserName: aws.String(user), AccessKeyLastUsed: &types.AccessKeyLastUsed{Region: aws.String("N/A"), ServiceName: aws.String("N/A")}}
	}
	used := func(user string, at time.Time) *iam.GetAccessKeyLastUsedOutput {
		return &iam.GetAccessKeyLastUsedOutput{UserName: aws.String(user), AccessKeyLastUsed: &types.AccessKeyLastUsed{
			LastUsedDate: aws.Time(at), Region: aws.String("us-east-1"), ServiceName: aws.String("iam")}}
	}
	signWith := func(id string) uStep { return uDoAs(uAsKey(id), akSignedCall) }
	signWithNew := func(i int) uStep { return uDoAs(uAsNewKeyAttached(i, nil), akSignedCall) }
	later := 2*time.Minute + 37*time.Second
	uRunRows(t, []uRow{
		{name: "never used: N/A, no date", call: akLastUsed(uBobKey.ID), want: never("Bob")},
		{name: "used: the minute, us-east-1, iam", steps: []uStep{uAdvance(later), signWith(uBobKey.ID)}, call: akLastUsed(uBobKey.ID),
			want: used("Bob", testNow.Add(2*time.Minute))},
		{name: "used twice: the later", steps: []uStep{signWith(uBobKey.ID), uAdvance(time.Hour + later), signWith(uBobKey.ID), uAdvance(time.Hour)},
			call: akLastUsed(uBobKey.ID), want: used("Bob", testNow.Add(time.Hour+2*time.Minute))},
		{name: "a request refused after authentication still uses the key", steps: []uStep{uAdvance(later), func(r *uRun) {
			r.f.ClientWithAccessKey(uBobKey.ID).GetUser(context.Background(), &iam.GetUserInput{UserName: aws.String("Nobody")})
		}}, call: akLastUsed(uBobKey.ID), want: used("Bob", testNow.Add(2*time.Minute))},
		{name: "a request with the wrong secret does not use it", steps: []uStep{func(r *uRun) {
			iam.New(iam.Options{Region: "us-east-1", Credentials: staticCreds(fakeiam.AccessKey{ID: uBobKey.ID, Secret: "wrong"})}, r.f.Attach).
				ListUsers(context.Background(), &iam.ListUsersInput{})
		}}, call: akLastUsed(uBobKey.ID), want: never("Bob")},
		{name: "created: never used", steps: []uStep{uNewKey(uAlice)}, call: akLastUsedNew(0), want: never("Alice")},
		{name: "created: used", steps: []uStep{uNewKey(uAlice), uAdvance(later), signWithNew(0)}, call: akLastUsedNew(0),
			want: used("Alice", testNow.Add(2*time.Minute))},
		{name: "asked by the key's own user", as: uAsKey(uBobKey.ID), steps: []uStep{uAdvance(later), signWith(uBobKey.ID)},
			call: akLastUsed(uBobKey.ID), want: used("Bob", testNow.Add(2*time.Minute))},
		{name: "asked by a role", as: uAsKey(uRoleKey.ID), call: akLastUsed(uBobKey.ID), want: never("Bob")},
		{name: "of a renamed user: the new name", steps: []uStep{uDoStep(uUpdate(&iam.UpdateUserInput{UserName: uBob, NewUserName: aws.String("Robert")}))},
			call: akLastUsed(uBobKey.ID), want: never("Robert")},
		{name: "an Inactive key is still known", steps: []uStep{uDoStep(akUpdate(uBob, uBobKey.ID, types.StatusTypeInactive))}, call: akLastUsed(uBobKey.ID),
			want: never("Bob")},

		// Unknown keys: AccessDenied, even for the root.
		{name: "unknown key", call: akLastUsed(uUnknownKey), wantErr: akDenied(rootARN, uUnknownKey)},
		{name: "unknown key, asked by a user", as: uAsKey(uBobKey.ID), call: akLastUsed(uUnknownKey), wantErr: akDenied(uARN("/", "Bob"), uUnknownKey)},
		{name: "unknown key, asked by a user with a path", seed: uSeed(fakeiam.User("Carol").Path("/ops/").AccessKey(fakeiam.AccessKey{ID: "AKIAUSERSCAROL000001", Secret: "c"})),
			as: uAsKey("AKIAUSERSCAROL000001"), call: akLastUsed(uUnknownKey), wantErr: akDenied(uARN("/ops/", "Carol"), uUnknownKey)},
		{name: "unknown key, asked by a role", as: uAsKey(uRoleKey.ID), call: akLastUsed(uUnknownKey),
			wantErr: akDenied("arn:aws:sts::"+uAcct+":assumed-role/Deployer/fakeiam", uUnknownKey)},
		{name: "another account's key", seed: uSeed(uOther()), call: akLastUsed(uOtherBob.ID), wantErr: akDenied(rootARN, uOtherBob.ID)},

		// Constraints.
		{name: "accessKeyId 15 characters", call: akLastUsed("AKIA12345678901"), wantErr: lcInvalid("accessKeyId", akMinLen16)},
		{name: "accessKeyId 129 characters", call: akLastUsed(strings.Repeat("A", 129)), wantErr: lcInvalid("accessKeyId", uMaxLen128)},
		{name: "accessKeyId with dashes", call: akLastUsed("AKIA-USERS-BOB-0001"), wantErr: lcInvalid("accessKeyId", akIDPattern)},
	})
}
