package fakeiam_test

// docs/contract.md rows of "Users and access keys" for CreateAccessKey,
// ListAccessKeys, UpdateAccessKey, DeleteAccessKey and GetAccessKeyLastUsed,
// and keys as credentials, each through the differential harness.

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

func TestCreateAccessKeySpec(t *testing.T) {
	bobFull := seedUsers(fakeiam.User("Carol").CreatedAt(bobCreated).AccessKey(inactiveKey, fakeiam.AccessKey{ID: "AKIAUSERSCAROL000001", Secret: "c"}))
	inactive := func(id string) fakeiam.AccessKey {
		return fakeiam.AccessKey{ID: id, Secret: "s", Status: types.StatusTypeInactive}
	}
	carol := aws.String("Carol")
	runScenarios(t, seedUsers(), []scenario{
		{name: "named user", call: createAccessKey(alice), want: newAccessKey("Alice", testNow)},
		{name: "second key", call: createAccessKey(bob), want: newAccessKey("Bob", testNow)},
		{name: "named in another case: the user's own name", call: createAccessKey(aws.String("ALICE")), want: newAccessKey("Alice", testNow)},
		{name: "create date follows Advance", steps: []change{advance(25*time.Hour + 3*time.Second)}, call: createAccessKey(alice),
			want: newAccessKey("Alice", testNow.Add(25*time.Hour+3*time.Second))},
		{name: "then listed after the older keys", steps: []change{advance(time.Hour), newKey(bob)}, call: listAccessKeys(&iam.ListAccessKeysInput{UserName: bob}),
			want: keysPage(keyListed("Bob", bobKey.ID, types.StatusTypeActive, bobCreated), keyListed("Bob", "<key 0>", types.StatusTypeActive, testNow.Add(time.Hour)))},

		// The implicit caller.
		{name: "implicit: a user's key creates its own", as: asKey(bobKey.ID), call: createAccessKey(nil), want: newAccessKey("Bob", testNow)},
		{name: "implicit: the root's key creates the root's (UserName as on the root's certificates)", call: createAccessKey(nil),
			want: newAccessKey(fakeiam.DefaultRootUserName, testNow)},
		{name: "implicit: the root, with RootUserName", seed: seedUsers(fakeiam.RootUserName("root")), call: createAccessKey(nil), want: newAccessKey("root", testNow)},
		{name: "implicit: a role must name a user", as: asKey(roleKey.ID), call: createAccessKey(nil), wantErr: mustSpecifyUserName},
		{name: "a role naming a user", as: asKey(roleKey.ID), call: createAccessKey(alice), want: newAccessKey("Alice", testNow)},
		{name: "a user naming another user", as: asKey(bobKey.ID), call: createAccessKey(alice), want: newAccessKey("Alice", testNow)},
		{name: "unknown user", call: createAccessKey(aws.String("Nobody")), wantErr: noSuchUser("Nobody")},
		{name: "another account's user", seed: seedUsers(otherAccountSeed(fakeiam.User("Carol"))), call: createAccessKey(carol), wantErr: noSuchUser("Carol")},
		{name: "in another account, its own Bob", seed: seedUsers(otherAccountSeed()), as: asKey(otherRootKey.ID), call: createAccessKey(bob), want: newAccessKey("Bob", testNow)},

		// Quota: 2 keys per user, Active or Inactive.
		{name: "quota: Active and Inactive", seed: bobFull, call: createAccessKey(carol), wantErr: quotaExceeded("AccessKeysPerUser", 2)},
		{name: "quota: two Inactive", seed: seedUsers(fakeiam.User("Carol").AccessKey(inactive("AKIAUSERSCAROL000001"), inactive("AKIAUSERSCAROL000002"))),
			call: createAccessKey(carol), wantErr: quotaExceeded("AccessKeysPerUser", 2)},
		{name: "quota: keys created through the API", steps: []change{newKey(alice), newKey(alice)}, call: createAccessKey(alice), wantErr: quotaExceeded("AccessKeysPerUser", 2)},
		{name: "quota: a key made Inactive still counts", steps: []change{newKey(alice), newKey(alice), setKey(1, types.StatusTypeInactive)},
			call: createAccessKey(alice), wantErr: quotaExceeded("AccessKeysPerUser", 2)},
		{name: "quota: implicit caller", seed: bobFull, as: asKey("AKIAUSERSCAROL000001"), call: createAccessKey(nil), wantErr: quotaExceeded("AccessKeysPerUser", 2)},
		{name: "quota: the root's", steps: []change{newKey(nil)}, call: createAccessKey(nil), wantErr: quotaExceeded("AccessKeysPerUser", 2)},
		{name: "quota: per user", steps: []change{newKey(alice), newKey(alice)}, call: createAccessKey(bob), want: newAccessKey("Bob", testNow)},
		{name: "quota: freed by a delete", steps: []change{newKey(alice), newKey(alice), deleteKey(0)}, call: createAccessKey(alice), want: newAccessKey("Alice", testNow)},
		{name: "quota: AccessKeysPerUser(3) lifts it", seed: append(bobFull, fakeiam.AccessKeysPerUser(3)), call: createAccessKey(carol), want: newAccessKey("Carol", testNow)},
		{name: "quota: AccessKeysPerUser(3) reached", seed: append(bobFull, fakeiam.AccessKeysPerUser(3)), steps: []change{newKey(carol)},
			call: createAccessKey(carol), wantErr: quotaExceeded("AccessKeysPerUser", 3)},
		{name: "quota: checked after the user", seed: bobFull, call: createAccessKey(aws.String("Nobody")), wantErr: noSuchUser("Nobody")},

		// Constraints.
		{name: "userName empty", call: createAccessKey(aws.String("")), wantErr: failedConstraints("userName", minLength(1))},
		{name: "userName 129 characters", call: createAccessKey(aws.String(strings.Repeat("n", 129))), wantErr: failedConstraints("userName", maxLength(128))},
		{name: "userName with a space", call: createAccessKey(aws.String("bad name")), wantErr: invalidName("userName")},
		{name: "validation before the implicit caller", as: asKey(roleKey.ID), call: createAccessKey(aws.String("")), wantErr: failedConstraints("userName", minLength(1))},
	})
}

// TestAccessKeysSign: a key is a credential from the moment it exists: it
// signs at once, stops when made Inactive or deleted, and signs again when
// made Active; without UserName, what it signs acts on its owner.
func TestAccessKeysSign(t *testing.T) {
	alicesKeys := func(keys ...types.AccessKeyMetadata) *iam.ListAccessKeysOutput { return keysPage(keys...) }
	key0 := keyListed("Alice", "<key 0>", types.StatusTypeActive, testNow)
	runScenarios(t, seedUsers(), []scenario{
		{name: "created: signs at once (ClientWithAccessKey)", steps: []change{newKey(alice)}, as: asNewKey(0), call: getUser(nil),
			want: &iam.GetUserOutput{User: aliceUser}},
		{name: "created: signs at once (static credentials, f.Attach)", steps: []change{newKey(alice)}, as: asNewKeyAttached(0, nil), call: getUser(nil),
			want: &iam.GetUserOutput{User: aliceUser}},
		{name: "created: the wrong secret", steps: []change{newKey(alice)}, as: asNewKeyAttached(0, func(s string) string { return s[1:] + s[:1] }),
			call: getUser(nil), wantErr: signatureMismatch},
		{name: "created for the root: signs as the root", steps: []change{newKey(nil)}, as: asNewKeyAttached(0, nil), call: getUser(nil), want: rootUserOutput(testNow)},
		{name: "created: made Inactive, refused", steps: []change{newKey(alice), setKey(0, types.StatusTypeInactive)}, as: asNewKeyAttached(0, nil),
			call: getUser(nil), wantErr: invalidToken},
		{name: "created: made Inactive, refused (ClientWithAccessKey)", steps: []change{newKey(alice), setKey(0, types.StatusTypeInactive)}, as: asNewKey(0),
			call: getUser(nil), wantErr: invalidToken},
		{name: "created: made Active again, signs", steps: []change{newKey(alice), setKey(0, types.StatusTypeInactive), setKey(0, types.StatusTypeActive)},
			as: asNewKeyAttached(0, nil), call: getUser(nil), want: &iam.GetUserOutput{User: aliceUser}},
		{name: "created: deleted, refused", steps: []change{newKey(alice), deleteKey(0)}, as: asNewKeyAttached(0, nil), call: getUser(nil), wantErr: invalidToken},
		{name: "created: deleted, refused (ClientWithAccessKey)", steps: []change{newKey(alice), deleteKey(0)}, as: asNewKey(0), call: getUser(nil), wantErr: invalidToken},
		{name: "created: its user's other key made Inactive, it still signs", steps: []change{newKey(bob), do(updateAccessKey(bob, bobKey.ID, types.StatusTypeInactive))},
			as: asNewKeyAttached(0, nil), call: getUser(nil), want: &iam.GetUserOutput{User: bobUser}},
		{name: "seeded: made Inactive, refused", steps: []change{do(updateAccessKey(bob, bobKey.ID, types.StatusTypeInactive))}, as: asKey(bobKey.ID),
			call: getUser(nil), wantErr: invalidToken},
		{name: "seeded Inactive: refused", seed: seedUsers(fakeiam.User("Carol").AccessKey(fakeiam.AccessKey{ID: "AKIAUSERSCAROL000001", Secret: "c", Status: types.StatusTypeInactive})),
			as: asKey("AKIAUSERSCAROL000001"), call: getUser(nil), wantErr: invalidToken},
		{name: "seeded Inactive: made Active, signs",
			seed:  seedUsers(fakeiam.User("Carol").CreatedAt(bobCreated).AccessKey(fakeiam.AccessKey{ID: "AKIAUSERSCAROL000001", Secret: "c", Status: types.StatusTypeInactive})),
			steps: []change{do(updateAccessKey(aws.String("Carol"), "AKIAUSERSCAROL000001", types.StatusTypeActive))},
			as:    asKey("AKIAUSERSCAROL000001"), call: getUser(nil), want: &iam.GetUserOutput{User: iamUser("/", "Carol", "<id of Carol>", bobCreated)}},
		{name: "seeded: deleted, refused", steps: []change{do(deleteAccessKey(bob, bobKey.ID))}, as: asKey(bobKey.ID), call: getUser(nil), wantErr: invalidToken},
		{name: "unknown key: refused", as: asKey(unknownKeyID), call: getUser(nil), wantErr: invalidToken},

		// What a key signs acts, without UserName, on its owner.
		{name: "created: lists its user's keys", steps: []change{newKey(alice)}, as: asNewKeyAttached(0, nil), call: listAccessKeys(nil), want: alicesKeys(key0)},
		{name: "created: creates a key for its user", steps: []change{newKey(alice)}, as: asNewKeyAttached(0, nil), call: createAccessKey(nil), want: newAccessKey("Alice", testNow)},
		{name: "created: deactivates itself, then is refused", steps: []change{newKey(alice), func(r *run) {
			c := asNewKeyAttached(0, nil)(r)
			if _, err := c.UpdateAccessKey(context.Background(), &iam.UpdateAccessKeyInput{AccessKeyId: r.keys[0].AccessKeyId, Status: types.StatusTypeInactive}); err != nil {
				r.t.Fatal(err)
			}
		}}, as: asNewKeyAttached(0, nil), call: listAccessKeys(nil), wantErr: invalidToken},
		{name: "created: the root's lists the root's keys", steps: []change{newKey(nil)}, as: asNewKeyAttached(0, nil), call: listAccessKeys(nil),
			want: keysPage(keyListed(fakeiam.DefaultRootUserName, rootKey.ID, types.StatusTypeActive, testNow), keyListed(fakeiam.DefaultRootUserName, "<key 0>", types.StatusTypeActive, testNow))},
	})
}

func TestListAccessKeysSpec(t *testing.T) {
	// Carol's keys are seeded in an order that is not their ids' order, and
	// on the same date: creation order is neither.
	carolKeys := []fakeiam.AccessKey{
		{ID: "AKIAUSERSCAROL900001", Secret: "c1"},
		{ID: "AKIAUSERSCAROL100002", Secret: "c2", Status: types.StatusTypeInactive},
		{ID: "AKIAUSERSCAROL500003", Secret: "c3"},
	}
	carolSeed := seedUsers(fakeiam.AccessKeysPerUser(3), fakeiam.User("Carol").CreatedAt(bobCreated).AccessKey(carolKeys...))
	carol := aws.String("Carol")
	c1 := keyListed("Carol", carolKeys[0].ID, types.StatusTypeActive, bobCreated)
	c2 := keyListed("Carol", carolKeys[1].ID, types.StatusTypeInactive, bobCreated)
	c3 := keyListed("Carol", carolKeys[2].ID, types.StatusTypeActive, bobCreated)
	one := aws.Int32(1)
	bobsKey := keyListed("Bob", bobKey.ID, types.StatusTypeActive, bobCreated)
	runScenarios(t, seedUsers(), []scenario{
		{name: "named user", call: listAccessKeys(&iam.ListAccessKeysInput{UserName: bob}), want: keysPage(bobsKey)},
		{name: "no keys: [] and not truncated", call: listAccessKeys(&iam.ListAccessKeysInput{UserName: alice}), want: keysPage()},
		{name: "creation order, with statuses", seed: carolSeed, call: listAccessKeys(&iam.ListAccessKeysInput{UserName: carol}), want: keysPage(c1, c2, c3)},
		{name: "created through the API, in creation order", steps: []change{newKey(alice), newKey(alice)}, call: listAccessKeys(&iam.ListAccessKeysInput{UserName: alice}),
			want: keysPage(keyListed("Alice", "<key 0>", types.StatusTypeActive, testNow), keyListed("Alice", "<key 1>", types.StatusTypeActive, testNow))},
		{name: "a deleted key is gone at once", seed: carolSeed, steps: []change{do(deleteAccessKey(carol, carolKeys[1].ID))},
			call: listAccessKeys(&iam.ListAccessKeysInput{UserName: carol}), want: keysPage(c1, c3)},
		{name: "an updated key shows its status at once", steps: []change{do(updateAccessKey(bob, bobKey.ID, types.StatusTypeInactive))},
			call: listAccessKeys(&iam.ListAccessKeysInput{UserName: bob}), want: keysPage(keyListed("Bob", bobKey.ID, types.StatusTypeInactive, bobCreated))},
		{name: "seeded CreateDate", seed: seedUsers(fakeiam.User("Carol").AccessKey(fakeiam.AccessKey{ID: "AKIAUSERSCAROL000001", Secret: "c", CreateDate: aliceCreated})),
			call: listAccessKeys(&iam.ListAccessKeysInput{UserName: carol}), want: keysPage(keyListed("Carol", "AKIAUSERSCAROL000001", types.StatusTypeActive, aliceCreated))},
		{name: "named in another case", call: listAccessKeys(&iam.ListAccessKeysInput{UserName: aws.String("bob")}), want: keysPage(bobsKey)},
		{name: "unknown user", call: listAccessKeys(&iam.ListAccessKeysInput{UserName: aws.String("Nobody")}), wantErr: noSuchUser("Nobody")},
		{name: "another account's user", seed: seedUsers(otherAccountSeed(fakeiam.User("Carol"))), call: listAccessKeys(&iam.ListAccessKeysInput{UserName: carol}), wantErr: noSuchUser("Carol")},

		// The implicit caller.
		{name: "implicit: a user's own keys", as: asKey(bobKey.ID), call: listAccessKeys(nil), want: keysPage(bobsKey)},
		{name: "implicit: the root's own keys", call: listAccessKeys(nil), want: keysPage(keyListed(fakeiam.DefaultRootUserName, rootKey.ID, types.StatusTypeActive, testNow))},
		{name: "implicit: a role must name a user", as: asKey(roleKey.ID), call: listAccessKeys(nil), wantErr: mustSpecifyUserName},
		{name: "a role naming a user", as: asKey(roleKey.ID), call: listAccessKeys(&iam.ListAccessKeysInput{UserName: bob}), want: keysPage(bobsKey)},
		{name: "implicit: another account's user", seed: seedUsers(otherAccountSeed()), as: asKey(otherBobKey.ID), call: listAccessKeys(nil),
			want: keysPage(keyListed("Bob", otherBobKey.ID, types.StatusTypeActive, bobCreated))},

		// Pages.
		{name: "MaxItems 1", seed: carolSeed, call: listAccessKeys(&iam.ListAccessKeysInput{UserName: carol, MaxItems: one}), want: keysTruncated(c1)},
		{name: "MaxItems 1, second page", seed: carolSeed,
			call: listThen((*iam.Client).ListAccessKeys, iam.ListAccessKeysInput{UserName: carol, MaxItems: one}, nil, nil, iam.ListAccessKeysInput{UserName: carol, MaxItems: one}),
			want: keysTruncated(c2)},
		{name: "MaxItems 2, last page", seed: carolSeed,
			call: listThen((*iam.Client).ListAccessKeys, iam.ListAccessKeysInput{UserName: carol, MaxItems: aws.Int32(2)}, nil, nil, iam.ListAccessKeysInput{UserName: carol, MaxItems: aws.Int32(2)}),
			want: keysPage(c3)},
		{name: "keys created in one second page in creation order", steps: []change{newKey(alice), newKey(alice)},
			call: listThen((*iam.Client).ListAccessKeys, iam.ListAccessKeysInput{UserName: alice, MaxItems: one}, nil, nil, iam.ListAccessKeysInput{UserName: alice}),
			want: keysPage(keyListed("Alice", "<key 1>", types.StatusTypeActive, testNow))},
		{name: "after deleting the marker's key", seed: carolSeed,
			call: listThen((*iam.Client).ListAccessKeys, iam.ListAccessKeysInput{UserName: carol, MaxItems: one}, []change{do(deleteAccessKey(carol, carolKeys[0].ID))}, nil,
				iam.ListAccessKeysInput{UserName: carol}),
			want: keysPage(c2, c3)},
		{name: "after deleting the next key", seed: carolSeed,
			call: listThen((*iam.Client).ListAccessKeys, iam.ListAccessKeysInput{UserName: carol, MaxItems: one}, []change{do(deleteAccessKey(carol, carolKeys[1].ID))}, nil,
				iam.ListAccessKeysInput{UserName: carol}),
			want: keysPage(c3)},
		{name: "after creating a key", seed: seedUsers(fakeiam.AccessKeysPerUser(3), fakeiam.User("Carol").CreatedAt(bobCreated).AccessKey(carolKeys[:2]...)),
			call: listThen((*iam.Client).ListAccessKeys, iam.ListAccessKeysInput{UserName: carol, MaxItems: one}, []change{newKey(carol)}, nil, iam.ListAccessKeysInput{UserName: carol}),
			want: keysPage(c2, keyListed("Carol", "<key 0>", types.StatusTypeActive, testNow))},
		{name: "a named user's marker continues the implicit listing", seed: carolSeed, as: asKey(carolKeys[0].ID),
			call: listFrom((*run).root, (*iam.Client).ListAccessKeys, iam.ListAccessKeysInput{UserName: carol, MaxItems: one}, nil, nil, iam.ListAccessKeysInput{}),
			want: keysPage(c2, c3)},
		{name: "a renamed user's marker continues", seed: carolSeed,
			call: listThen((*iam.Client).ListAccessKeys, iam.ListAccessKeysInput{UserName: carol, MaxItems: one},
				[]change{do(updateUser(&iam.UpdateUserInput{UserName: carol, NewUserName: aws.String("Caroline")}))}, nil,
				iam.ListAccessKeysInput{UserName: aws.String("Caroline"), MaxItems: one}),
			want: keysTruncated(keyListed("Caroline", carolKeys[1].ID, types.StatusTypeInactive, bobCreated))},

		// Markers from elsewhere.
		{name: "the root's marker for a user", seed: carolSeed, steps: []change{newKey(nil)},
			call: listThen((*iam.Client).ListAccessKeys, iam.ListAccessKeysInput{MaxItems: one}, nil, nil, iam.ListAccessKeysInput{UserName: carol}), wantErr: invalidMarker},

		// Constraints.
		{name: "userName empty", call: listAccessKeys(&iam.ListAccessKeysInput{UserName: aws.String("")}), wantErr: failedConstraints("userName", minLength(1))},
		{name: "userName with a space", call: listAccessKeys(&iam.ListAccessKeysInput{UserName: aws.String("bad name")}), wantErr: invalidName("userName")},
		{name: "marker empty", call: listAccessKeys(&iam.ListAccessKeysInput{Marker: aws.String("")}), wantErr: failedConstraints("marker", minLength(1))},
		{name: "three failures in model order", call: listAccessKeys(&iam.ListAccessKeysInput{UserName: aws.String(""), Marker: aws.String(""), MaxItems: aws.Int32(0)}),
			wantErr: failedConstraints("userName", minLength(1), "marker", minLength(1), "maxItems", minValue(1))},
		{name: "validation before the user lookup", call: listAccessKeys(&iam.ListAccessKeysInput{UserName: aws.String("Nobody"), MaxItems: aws.Int32(0)}),
			wantErr: failedConstraints("maxItems", minValue(1))},
	})
}

func TestUpdateAccessKeySpec(t *testing.T) {
	seed := seedUsers(fakeiam.User("Carol").CreatedAt(bobCreated).AccessKey(inactiveKey))
	carol := aws.String("Carol")
	runScenarios(t, seedUsers(), []scenario{
		{name: "Active to Inactive", seed: seed, call: updateAccessKey(bob, bobKey.ID, types.StatusTypeInactive), want: &iam.UpdateAccessKeyOutput{}},
		{name: "Inactive to Active", seed: seed, call: updateAccessKey(carol, inactiveKey.ID, types.StatusTypeActive), want: &iam.UpdateAccessKeyOutput{}},
		{name: "Inactive to Active: listed Active", seed: seed, steps: []change{do(updateAccessKey(carol, inactiveKey.ID, types.StatusTypeActive))},
			call: listAccessKeys(&iam.ListAccessKeysInput{UserName: carol}), want: keysPage(keyListed("Carol", inactiveKey.ID, types.StatusTypeActive, bobCreated))},
		{name: "Active to Active", seed: seed, call: updateAccessKey(bob, bobKey.ID, types.StatusTypeActive), want: &iam.UpdateAccessKeyOutput{}},
		{name: "Inactive twice", seed: seed, call: updateAccessKey(carol, inactiveKey.ID, types.StatusTypeInactive), want: &iam.UpdateAccessKeyOutput{}},
		{name: "a key created through the API", steps: []change{newKey(alice)},
			call: func(ctx context.Context, c *iam.Client, r *run) (any, error) {
				return updateAccessKey(alice, *r.keys[0].AccessKeyId, types.StatusTypeInactive)(ctx, c, r)
			}, want: &iam.UpdateAccessKeyOutput{}},
		{name: "named in another case", seed: seed, call: updateAccessKey(aws.String("BOB"), bobKey.ID, types.StatusTypeInactive), want: &iam.UpdateAccessKeyOutput{}},

		// The implicit caller.
		{name: "implicit: a user's own key", seed: seed, as: asKey(bobKey.ID), call: updateAccessKey(nil, bobKey.ID, types.StatusTypeActive), want: &iam.UpdateAccessKeyOutput{}},
		{name: "implicit: the root's own key", seed: seed, call: updateAccessKey(nil, rootKey.ID, types.StatusTypeActive), want: &iam.UpdateAccessKeyOutput{}},
		{name: "implicit: a role must name a user", seed: seed, as: asKey(roleKey.ID), call: updateAccessKey(nil, bobKey.ID, types.StatusTypeInactive), wantErr: mustSpecifyUserName},
		{name: "a role naming a user", seed: seed, as: asKey(roleKey.ID), call: updateAccessKey(bob, bobKey.ID, types.StatusTypeInactive), want: &iam.UpdateAccessKeyOutput{}},

		// The key must be the user's.
		{name: "another user's key", seed: seed, call: updateAccessKey(bob, inactiveKey.ID, types.StatusTypeInactive), wantErr: noSuchAccessKey(inactiveKey.ID)},
		{name: "implicit: another user's key", seed: seed, as: asKey(bobKey.ID), call: updateAccessKey(nil, inactiveKey.ID, types.StatusTypeInactive), wantErr: noSuchAccessKey(inactiveKey.ID)},
		{name: "implicit: the root's key names a user's", seed: seed, call: updateAccessKey(nil, bobKey.ID, types.StatusTypeInactive), wantErr: noSuchAccessKey(bobKey.ID)},
		{name: "a user's key names the root's", seed: seed, call: updateAccessKey(bob, rootKey.ID, types.StatusTypeInactive), wantErr: noSuchAccessKey(rootKey.ID)},
		{name: "a role's key", seed: seed, call: updateAccessKey(bob, roleKey.ID, types.StatusTypeInactive), wantErr: noSuchAccessKey(roleKey.ID)},
		{name: "unknown key", seed: seed, call: updateAccessKey(bob, unknownKeyID, types.StatusTypeInactive), wantErr: noSuchAccessKey(unknownKeyID)},
		{name: "deleted key", seed: seed, steps: []change{do(deleteAccessKey(bob, bobKey.ID))}, call: updateAccessKey(bob, bobKey.ID, types.StatusTypeActive), wantErr: noSuchAccessKey(bobKey.ID)},
		{name: "another account's key", seed: seedUsers(otherAccountSeed()), call: updateAccessKey(bob, otherBobKey.ID, types.StatusTypeInactive), wantErr: noSuchAccessKey(otherBobKey.ID)},
		{name: "unknown user: the user first", seed: seed, call: updateAccessKey(aws.String("Nobody"), unknownKeyID, types.StatusTypeInactive), wantErr: noSuchUser("Nobody")},

		// Status.
		{name: "status Bogus", seed: seed, call: updateAccessKey(bob, bobKey.ID, "Bogus"), wantErr: failedConstraints("status", enumValueSet)},
		{name: "status is case-sensitive", seed: seed, call: updateAccessKey(bob, bobKey.ID, "inactive"), wantErr: failedConstraints("status", enumValueSet)},
		{name: "status Expired (choice: InvalidInput)", seed: seed, call: updateAccessKey(bob, bobKey.ID, types.StatusTypeExpired), wantErr: statusExpiredRefused("access keys")},
		{name: "status Expired before the key lookup", seed: seed, call: updateAccessKey(bob, unknownKeyID, types.StatusTypeExpired), wantErr: statusExpiredRefused("access keys")},
		{name: "status Expired after the user lookup", seed: seed, call: updateAccessKey(aws.String("Nobody"), bobKey.ID, types.StatusTypeExpired), wantErr: noSuchUser("Nobody")},

		// Constraints.
		{name: "accessKeyId 15 characters", seed: seed, call: updateAccessKey(bob, "AKIA12345678901", types.StatusTypeInactive), wantErr: failedConstraints("accessKeyId", minLength(16))},
		{name: "accessKeyId 129 characters", seed: seed, call: updateAccessKey(bob, strings.Repeat("A", 129), types.StatusTypeInactive), wantErr: failedConstraints("accessKeyId", maxLength(128))},
		{name: "accessKeyId with dashes", seed: seed, call: updateAccessKey(bob, "AKIA-USERS-BOB-0001", types.StatusTypeInactive), wantErr: failedConstraints("accessKeyId", pattern(wordPattern))},
		{name: "accessKeyId of lower case and underscores passes validation", seed: seed, call: updateAccessKey(bob, "akia_users_bob_0001", types.StatusTypeInactive),
			wantErr: noSuchAccessKey("akia_users_bob_0001")},
		{name: "userName with a space", seed: seed, call: updateAccessKey(aws.String("bad name"), bobKey.ID, types.StatusTypeInactive), wantErr: invalidName("userName")},
		{name: "three failures in model order", seed: seed, call: updateAccessKey(aws.String(""), "short", "Bogus"),
			wantErr: failedConstraints("userName", minLength(1), "accessKeyId", minLength(16), "status", enumValueSet)},
		{name: "validation before the user lookup", seed: seed, call: updateAccessKey(aws.String("Nobody"), "short", types.StatusTypeInactive), wantErr: failedConstraints("accessKeyId", minLength(16))},
		{name: "moto: Status=Bogus refused", seed: seed, call: updateAccessKey(bob, bobKey.ID, "Bogus"), wantErr: failedConstraints("status", enumValueSet)},
	})
}

func TestDeleteAccessKeySpec(t *testing.T) {
	seed := seedUsers(fakeiam.User("Carol").CreatedAt(bobCreated).AccessKey(inactiveKey))
	carol := aws.String("Carol")
	runScenarios(t, seedUsers(), []scenario{
		{name: "a user's key", seed: seed, call: deleteAccessKey(bob, bobKey.ID), want: &iam.DeleteAccessKeyOutput{}},
		{name: "an Inactive key", seed: seed, call: deleteAccessKey(carol, inactiveKey.ID), want: &iam.DeleteAccessKeyOutput{}},
		{name: "then not listed", seed: seed, steps: []change{do(deleteAccessKey(bob, bobKey.ID))}, call: listAccessKeys(&iam.ListAccessKeysInput{UserName: bob}), want: keysPage()},
		{name: "then the user can be deleted", seed: seed, steps: []change{do(deleteAccessKey(bob, bobKey.ID))}, call: deleteUser("Bob"), want: &iam.DeleteUserOutput{}},
		{name: "then asked about: AccessDenied", seed: seed, steps: []change{do(deleteAccessKey(bob, bobKey.ID))}, call: getAccessKeyLastUsed(bobKey.ID),
			wantErr: lastUsedDenied(rootARN, bobKey.ID)},
		{name: "twice", seed: seed, steps: []change{do(deleteAccessKey(bob, bobKey.ID))}, call: deleteAccessKey(bob, bobKey.ID), wantErr: noSuchAccessKey(bobKey.ID)},
		{name: "a key created through the API", steps: []change{newKey(alice)},
			call: func(ctx context.Context, c *iam.Client, r *run) (any, error) {
				return deleteAccessKey(alice, *r.keys[0].AccessKeyId)(ctx, c, r)
			},
			want: &iam.DeleteAccessKeyOutput{}},

		// The implicit caller.
		{name: "implicit: a user's own key, the one signing", seed: seed, as: asKey(bobKey.ID), call: deleteAccessKey(nil, bobKey.ID), want: &iam.DeleteAccessKeyOutput{}},
		{name: "implicit: the root's own key", seed: seed, steps: []change{newKey(nil)}, call: deleteAccessKey(nil, rootKey.ID), want: &iam.DeleteAccessKeyOutput{}},
		{name: "implicit: a role must name a user", seed: seed, as: asKey(roleKey.ID), call: deleteAccessKey(nil, bobKey.ID), wantErr: mustSpecifyUserName},
		{name: "a role naming a user", seed: seed, as: asKey(roleKey.ID), call: deleteAccessKey(bob, bobKey.ID), want: &iam.DeleteAccessKeyOutput{}},

		// The key must be the user's.
		{name: "another user's key", seed: seed, call: deleteAccessKey(bob, inactiveKey.ID), wantErr: noSuchAccessKey(inactiveKey.ID)},
		{name: "implicit: another user's key", seed: seed, as: asKey(bobKey.ID), call: deleteAccessKey(nil, inactiveKey.ID), wantErr: noSuchAccessKey(inactiveKey.ID)},
		{name: "implicit: the root's key names a user's", seed: seed, call: deleteAccessKey(nil, bobKey.ID), wantErr: noSuchAccessKey(bobKey.ID)},
		{name: "unknown key", seed: seed, call: deleteAccessKey(bob, unknownKeyID), wantErr: noSuchAccessKey(unknownKeyID)},
		{name: "unknown user: the user first", seed: seed, call: deleteAccessKey(aws.String("Nobody"), bobKey.ID), wantErr: noSuchUser("Nobody")},
		{name: "refused: the key still signs", seed: seed, steps: []change{try(deleteAccessKey(carol, bobKey.ID))},
			as: asKey(bobKey.ID), call: getUser(nil), want: &iam.GetUserOutput{User: bobUser}},

		// Constraints.
		{name: "accessKeyId 15 characters", seed: seed, call: deleteAccessKey(bob, "AKIA12345678901"), wantErr: failedConstraints("accessKeyId", minLength(16))},
		{name: "accessKeyId with dashes", seed: seed, call: deleteAccessKey(bob, "AKIA-USERS-BOB-0001"), wantErr: failedConstraints("accessKeyId", pattern(wordPattern))},
		{name: "userName and accessKeyId in model order", seed: seed, call: deleteAccessKey(aws.String(strings.Repeat("n", 129)), "AKIA-USERS-BOB-0001"),
			wantErr: failedConstraints("userName", maxLength(128), "accessKeyId", pattern(wordPattern))},
		{name: "validation before the user lookup", seed: seed, call: deleteAccessKey(aws.String("Nobody"), "short"), wantErr: failedConstraints("accessKeyId", minLength(16))},
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
	signWith := func(id string) change { return doAs(asKey(id), listUsers(&iam.ListUsersInput{})) }
	signWithNew := func(i int) change { return doAs(asNewKeyAttached(i, nil), listUsers(&iam.ListUsersInput{})) }
	later := 2*time.Minute + 37*time.Second
	runScenarios(t, seedUsers(), []scenario{
		{name: "never used: N/A, no date", call: getAccessKeyLastUsed(bobKey.ID), want: never("Bob")},
		{name: "used: the minute, us-east-1, iam", steps: []change{advance(later), signWith(bobKey.ID)}, call: getAccessKeyLastUsed(bobKey.ID),
			want: used("Bob", testNow.Add(2*time.Minute))},
		{name: "used twice: the later", steps: []change{signWith(bobKey.ID), advance(time.Hour + later), signWith(bobKey.ID), advance(time.Hour)},
			call: getAccessKeyLastUsed(bobKey.ID), want: used("Bob", testNow.Add(time.Hour+2*time.Minute))},
		{name: "a request refused after authentication still uses the key", steps: []change{advance(later), func(r *run) {
			r.f.ClientWithAccessKey(bobKey.ID).GetUser(context.Background(), &iam.GetUserInput{UserName: aws.String("Nobody")})
		}}, call: getAccessKeyLastUsed(bobKey.ID), want: used("Bob", testNow.Add(2*time.Minute))},
		{name: "a request with the wrong secret does not use it", steps: []change{func(r *run) {
			iam.New(iam.Options{Region: "us-east-1", Credentials: staticCreds(fakeiam.AccessKey{ID: bobKey.ID, Secret: "wrong"})}, r.f.Attach).
				ListUsers(context.Background(), &iam.ListUsersInput{})
		}}, call: getAccessKeyLastUsed(bobKey.ID), want: never("Bob")},
		{name: "created: never used", steps: []change{newKey(alice)}, call: getAccessKeyLastUsed("<key 0>"), want: never("Alice")},
		{name: "created: used", steps: []change{newKey(alice), advance(later), signWithNew(0)}, call: getAccessKeyLastUsed("<key 0>"),
			want: used("Alice", testNow.Add(2*time.Minute))},
		{name: "asked by the key's own user", as: asKey(bobKey.ID), steps: []change{advance(later), signWith(bobKey.ID)},
			call: getAccessKeyLastUsed(bobKey.ID), want: used("Bob", testNow.Add(2*time.Minute))},
		{name: "asked by a role", as: asKey(roleKey.ID), call: getAccessKeyLastUsed(bobKey.ID), want: never("Bob")},
		{name: "of a renamed user: the new name", steps: []change{do(updateUser(&iam.UpdateUserInput{UserName: bob, NewUserName: aws.String("Robert")}))},
			call: getAccessKeyLastUsed(bobKey.ID), want: never("Robert")},
		{name: "an Inactive key is still known", steps: []change{do(updateAccessKey(bob, bobKey.ID, types.StatusTypeInactive))}, call: getAccessKeyLastUsed(bobKey.ID),
			want: never("Bob")},

		// Unknown keys: AccessDenied, even for the root.
		{name: "unknown key", call: getAccessKeyLastUsed(unknownKeyID), wantErr: lastUsedDenied(rootARN, unknownKeyID)},
		{name: "unknown key, asked by a user", as: asKey(bobKey.ID), call: getAccessKeyLastUsed(unknownKeyID), wantErr: lastUsedDenied(userARN("/", "Bob"), unknownKeyID)},
		{name: "unknown key, asked by a user with a path", seed: seedUsers(fakeiam.User("Carol").Path("/ops/").AccessKey(fakeiam.AccessKey{ID: "AKIAUSERSCAROL000001", Secret: "c"})),
			as: asKey("AKIAUSERSCAROL000001"), call: getAccessKeyLastUsed(unknownKeyID), wantErr: lastUsedDenied(userARN("/ops/", "Carol"), unknownKeyID)},
		{name: "unknown key, asked by a role", as: asKey(roleKey.ID), call: getAccessKeyLastUsed(unknownKeyID),
			wantErr: lastUsedDenied("arn:aws:sts::"+fakeiam.DefaultAccountID+":assumed-role/Deployer/fakeiam", unknownKeyID)},
		{name: "another account's key", seed: seedUsers(otherAccountSeed()), call: getAccessKeyLastUsed(otherBobKey.ID), wantErr: lastUsedDenied(rootARN, otherBobKey.ID)},

		// Constraints.
		{name: "accessKeyId 15 characters", call: getAccessKeyLastUsed("AKIA12345678901"), wantErr: failedConstraints("accessKeyId", minLength(16))},
		{name: "accessKeyId 129 characters", call: getAccessKeyLastUsed(strings.Repeat("A", 129)), wantErr: failedConstraints("accessKeyId", maxLength(128))},
		{name: "accessKeyId with dashes", call: getAccessKeyLastUsed("AKIA-USERS-BOB-0001"), wantErr: failedConstraints("accessKeyId", pattern(wordPattern))},
	})
}
