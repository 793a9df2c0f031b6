package fakeiam_test

// docs/contract.md rows of "Users and access keys" for CreateUser, GetUser,
// ListUsers, UpdateUser and DeleteUser, each through the differential
// harness (both doors and the SDK's decoding of IAM's XML).

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

func TestCreateUserSpec(t *testing.T) {
	carol := func(in iam.CreateUserInput) call {
		in.UserName = aws.String("Carol")
		return createUser(&in)
	}
	created := func(path string, tags ...types.Tag) *iam.CreateUserOutput {
		return &iam.CreateUserOutput{User: iamUser(path, "Carol", "<new user id>", testNow, tags...)}
	}
	name64 := strings.Repeat("n", 64)
	tags := func(n int) []types.Tag {
		var ts []types.Tag
		for i := range n {
			ts = append(ts, tag("k"+strconv.Itoa(i), "v"))
		}
		return ts
	}
	runScenarios(t, seedUsers(), []scenario{
		{name: "new user", call: carol(iam.CreateUserInput{}), want: created("/")},
		{name: "with a path: the Arn holds it", call: carol(iam.CreateUserInput{Path: aws.String("/division_abc/subdivision_xyz/")}),
			want: created("/division_abc/subdivision_xyz/")},
		{name: "path of every printable character", call: carol(iam.CreateUserInput{Path: aws.String("/!~a-Z_0/9/")}), want: created("/!~a-Z_0/9/")},
		{name: "with tags, in their order", call: carol(iam.CreateUserInput{Tags: []types.Tag{tag("team", "eng"), tag("cost-center", "12345")}}),
			want: created("/", tag("team", "eng"), tag("cost-center", "12345"))},
		{name: "50 tags", call: carol(iam.CreateUserInput{Tags: tags(50)}), want: created("/", tags(50)...)},
		{name: "tag key 128 and value 256 characters", call: carol(iam.CreateUserInput{Tags: []types.Tag{tag(strings.Repeat("k", 128), strings.Repeat("v", 256))}}),
			want: created("/", tag(strings.Repeat("k", 128), strings.Repeat("v", 256)))},
		{name: "tag of letters, digits, spaces and IAM's punctuation", call: carol(iam.CreateUserInput{Tags: []types.Tag{tag("Kö 1_.:/=+-@", "ü 9 x")}}),
			want: created("/", tag("Kö 1_.:/=+-@", "ü 9 x"))},
		{name: "name of 64 characters", call: createUser(&iam.CreateUserInput{UserName: aws.String(name64)}),
			want: &iam.CreateUserOutput{User: iamUser("/", name64, "<new user id>", testNow)}},
		{name: "name with every punctuation IAM allows", call: createUser(&iam.CreateUserInput{UserName: aws.String("a+b=c,d.e@f-g_h")}),
			want: &iam.CreateUserOutput{User: iamUser("/", "a+b=c,d.e@f-g_h", "<new user id>", testNow)}},
		{name: "create date follows Advance", steps: []change{advance(36*time.Hour + 5*time.Second)}, call: carol(iam.CreateUserInput{}),
			want: &iam.CreateUserOutput{User: iamUser("/", "Carol", "<new user id>", testNow.Add(36*time.Hour+5*time.Second))}},
		{name: "create date in whole seconds, UTC",
			seed: seedUsers(fakeiam.WithClock(func() time.Time {
				return time.Date(2031, 7, 8, 11, 10, 11, 750_000_000, time.FixedZone("UTC+2", 2*3600))
			})),
			call: carol(iam.CreateUserInput{}),
			want: &iam.CreateUserOutput{User: iamUser("/", "Carol", "<new user id>", time.Date(2031, 7, 8, 9, 10, 11, 0, time.UTC))}},
		{name: "as a user", as: asKey(bobKey.ID), call: carol(iam.CreateUserInput{}), want: created("/")},
		{name: "as a role", as: asKey(roleKey.ID), call: carol(iam.CreateUserInput{}), want: created("/")},
		{name: "in the caller's account: another account may have a Bob too", seed: seedUsers(otherAccountSeed()), as: asKey(otherRootKey.ID),
			call: createUser(&iam.CreateUserInput{UserName: aws.String("Alice")}),
			want: &iam.CreateUserOutput{User: &types.User{Path: aws.String("/"), UserName: aws.String("Alice"), UserId: aws.String("<new user id>"),
				Arn: aws.String("arn:aws:iam::" + otherAccount + ":user/Alice"), CreateDate: aws.Time(testNow)}}},
		{name: "the name of a deleted user is free, with a new id", steps: []change{do(deleteUser("Alice"))},
			call: createUser(&iam.CreateUserInput{UserName: alice}), want: &iam.CreateUserOutput{User: iamUser("/", "Alice", "<new user id>", testNow)}},

		// Names are unique ignoring case.
		{name: "name taken", call: createUser(&iam.CreateUserInput{UserName: bob}), wantErr: userExists("Bob")},
		{name: "name taken in another case", call: createUser(&iam.CreateUserInput{UserName: aws.String("bOB")}), wantErr: userExists("bOB")},
		{name: "name taken by a user created just before", steps: []change{do(carol(iam.CreateUserInput{}))},
			call: carol(iam.CreateUserInput{Path: aws.String("/other/")}), wantErr: userExists("Carol")},
		{name: "name taken checked after validation", call: createUser(&iam.CreateUserInput{UserName: bob, Path: aws.String("nope")}), wantErr: invalidPath("path")},

		// Constraints.
		{name: "userName empty", call: createUser(&iam.CreateUserInput{UserName: aws.String("")}), wantErr: failedConstraints("userName", minLength(1))},
		{name: "userName 65 characters", call: createUser(&iam.CreateUserInput{UserName: aws.String(name64 + "n")}), wantErr: failedConstraints("userName", maxLength(64))},
		{name: "userName with a space", call: createUser(&iam.CreateUserInput{UserName: aws.String("bad name")}), wantErr: invalidName("userName")},
		{name: "userName with a slash", call: createUser(&iam.CreateUserInput{UserName: aws.String("a/b")}), wantErr: invalidName("userName")},
		{name: "userName with a non-ASCII letter", call: createUser(&iam.CreateUserInput{UserName: aws.String("Bjørn")}), wantErr: invalidName("userName")},
		{name: "userName 65 characters with a space: the length alone", call: createUser(&iam.CreateUserInput{UserName: aws.String(name64 + " ")}),
			wantErr: failedConstraints("userName", maxLength(64))},
		{name: "path empty", call: carol(iam.CreateUserInput{Path: aws.String("")}), wantErr: failedConstraints("path", minLength(1))},
		{name: "path without slashes", call: carol(iam.CreateUserInput{Path: aws.String("division")}), wantErr: invalidPath("path")},
		{name: "path without the last slash", call: carol(iam.CreateUserInput{Path: aws.String("/division")}), wantErr: invalidPath("path")},
		{name: "path of two slashes", call: carol(iam.CreateUserInput{Path: aws.String("//")}), wantErr: invalidPath("path")},
		{name: "path with a space", call: carol(iam.CreateUserInput{Path: aws.String("/a b/")}), wantErr: invalidPath("path")},
		{name: "path with DEL", call: carol(iam.CreateUserInput{Path: aws.String("/a\x7f/")}), wantErr: invalidPath("path")},
		{name: "path 512 characters", call: carol(iam.CreateUserInput{Path: aws.String("/" + strings.Repeat("p", 510) + "/")}),
			want: created("/" + strings.Repeat("p", 510) + "/")},
		{name: "path 513 characters", call: carol(iam.CreateUserInput{Path: aws.String("/" + strings.Repeat("p", 511) + "/")}), wantErr: failedConstraints("path", maxLength(512))},
		{name: "51 tags", call: carol(iam.CreateUserInput{Tags: tags(51)}), wantErr: failedConstraints("tags", maxLength(50))},
		{name: "tag key empty", call: carol(iam.CreateUserInput{Tags: []types.Tag{tag("", "v")}}), wantErr: failedConstraints("tags.1.member.key", minLength(1))},
		{name: "tag key 129 characters", call: carol(iam.CreateUserInput{Tags: []types.Tag{tag(strings.Repeat("k", 129), "v")}}),
			wantErr: failedConstraints("tags.1.member.key", maxLength(128))},
		{name: "tag key outside the pattern", call: carol(iam.CreateUserInput{Tags: []types.Tag{tag("a*b", "v")}}), wantErr: failedConstraints("tags.1.member.key", pattern(tagKeyPattern))},
		{name: "tag value 257 characters", call: carol(iam.CreateUserInput{Tags: []types.Tag{tag("k", strings.Repeat("v", 257))}}),
			wantErr: failedConstraints("tags.1.member.value", maxLength(256))},
		{name: "second tag's value outside the pattern", call: carol(iam.CreateUserInput{Tags: []types.Tag{tag("k", "v"), tag("k2", "a#b")}}),
			wantErr: failedConstraints("tags.2.member.value", pattern(tagValuePattern))},
		{name: "51 tags, one with a bad key", call: carol(iam.CreateUserInput{Tags: append(tags(50), tag("", "v"))}),
			wantErr: failedConstraints("tags", maxLength(50), "tags.51.member.key", minLength(1))},
		// Several failures: the model's member order (Path, UserName, Tags);
		// a custom text only when no standard failure, the first in that order.
		{name: "path and userName empty: model order", call: createUser(&iam.CreateUserInput{UserName: aws.String(""), Path: aws.String("")}),
			wantErr: failedConstraints("path", minLength(1), "userName", minLength(1))},
		{name: "path, userName and tags: model order", call: createUser(&iam.CreateUserInput{UserName: aws.String(name64 + "n"), Path: aws.String(""), Tags: tags(51)}),
			wantErr: failedConstraints("path", minLength(1), "userName", maxLength(64), "tags", maxLength(50))},
		{name: "path text and userName text: the path's, first in model order", call: createUser(&iam.CreateUserInput{UserName: aws.String("bad name"), Path: aws.String("x")}),
			wantErr: invalidPath("path")},
		{name: "path text yields to a userName length failure", call: createUser(&iam.CreateUserInput{UserName: aws.String(""), Path: aws.String("x")}),
			wantErr: failedConstraints("userName", minLength(1))},
		{name: "userName text yields to a tag failure", call: createUser(&iam.CreateUserInput{UserName: aws.String("bad name"), Tags: tags(51)}),
			wantErr: failedConstraints("tags", maxLength(50))},
		{name: "PermissionsBoundary naming no policy (permissions_boundaries_test.go)", call: carol(iam.CreateUserInput{PermissionsBoundary: aws.String("arn:aws:iam::123456789012:policy/nope")}),
			wantErr: boundaryNotAttachable("arn:aws:iam::123456789012:policy/nope")},
	})
}

func TestGetUserSpec(t *testing.T) {
	name128 := strings.Repeat("n", 128)
	runScenarios(t, seedUsers(), []scenario{
		{name: "named user", call: getUser(bob), want: &iam.GetUserOutput{User: bobUser}},
		{name: "named user with a path and tags", call: getUser(alice), want: &iam.GetUserOutput{User: aliceUser}},
		{name: "name in another case: the user's own name", call: getUser(aws.String("ALICE")), want: &iam.GetUserOutput{User: aliceUser}},
		{name: "a user created through the API", steps: []change{do(createUser(&iam.CreateUserInput{UserName: aws.String("Carol"), Path: aws.String("/x/")}))},
			call: getUser(aws.String("Carol")), want: &iam.GetUserOutput{User: iamUser("/x/", "Carol", "<new user id>", testNow)}},
		{name: "seeded without CreatedAt: the fake's time at New", seed: []fakeiam.Option{fakeiam.User("Dave")}, call: getUser(aws.String("Dave")),
			want: &iam.GetUserOutput{User: iamUser("/", "Dave", "<id of Dave>", testNow)}},
		{name: "unknown user", call: getUser(aws.String("Nobody")), wantErr: noSuchUser("Nobody")},
		{name: "another account's user", seed: seedUsers(otherAccountSeed(fakeiam.User("Carol"))), call: getUser(aws.String("Carol")), wantErr: noSuchUser("Carol")},
		{name: "in another account, its own Bob", seed: seedUsers(otherAccountSeed()), as: asKey(otherRootKey.ID), call: getUser(bob),
			want: &iam.GetUserOutput{User: &types.User{Path: aws.String("/"), UserName: bob, UserId: aws.String("<id of Bob in " + otherAccount + ">"),
				Arn: aws.String("arn:aws:iam::" + otherAccount + ":user/Bob"), CreateDate: aws.Time(bobCreated)}}},

		// The implicit caller.
		{name: "implicit: a user's key gives that user", as: asKey(bobKey.ID), call: getUser(nil), want: &iam.GetUserOutput{User: bobUser}},
		{name: "implicit: the root's key gives the root's shape", as: asKey(rootKey.ID), call: getUser(nil), want: rootUserOutput(testNow)},
		{name: "implicit: the root of an account without users", seed: []fakeiam.Option{fakeiam.Root().AccessKey(rootKey)}, call: getUser(nil), want: rootUserOutput(testNow)},
		{name: "implicit: a role must name a user", as: asKey(roleKey.ID), call: getUser(nil), wantErr: mustSpecifyUserName},
		{name: "a role naming a user", as: asKey(roleKey.ID), call: getUser(alice), want: &iam.GetUserOutput{User: aliceUser}},
		{name: "a user naming another user", as: asKey(bobKey.ID), call: getUser(alice), want: &iam.GetUserOutput{User: aliceUser}},
		{name: "the root naming a user", call: getUser(bob), as: asKey(rootKey.ID), want: &iam.GetUserOutput{User: bobUser}},

		// Constraints.
		{name: "userName empty", call: getUser(aws.String("")), wantErr: failedConstraints("userName", minLength(1))},
		{name: "userName 129 characters", call: getUser(aws.String(name128 + "n")), wantErr: failedConstraints("userName", maxLength(128))},
		{name: "userName 128 characters passes validation", call: getUser(aws.String(name128)), wantErr: noSuchUser(name128)},
		{name: "userName with a space", call: getUser(aws.String("bad name")), wantErr: invalidName("userName")},
		{name: "validation before the implicit caller", as: asKey(roleKey.ID), call: getUser(aws.String("")), wantErr: failedConstraints("userName", minLength(1))},
	})
}

func TestUpdateUserSpec(t *testing.T) {
	rename := func(from, to string) change {
		return do(updateUser(&iam.UpdateUserInput{UserName: aws.String(from), NewUserName: aws.String(to)}))
	}
	move := func(name, path string) change {
		return do(updateUser(&iam.UpdateUserInput{UserName: aws.String(name), NewPath: aws.String(path)}))
	}
	robert := iamUser("/", "Robert", "<id of Bob>", bobCreated)
	withCert := seedUsers(fakeiam.User("Carol").CreatedAt(bobCreated).SigningCertificate(carolCert).AccessKey(fakeiam.AccessKey{ID: "AKIAUSERSCAROL000001", Secret: "c"}))
	name64 := strings.Repeat("n", 64)
	runScenarios(t, seedUsers(), []scenario{
		{name: "rename", call: updateUser(&iam.UpdateUserInput{UserName: bob, NewUserName: aws.String("Robert")}), want: &iam.UpdateUserOutput{}},
		{name: "rename: UserId and CreateDate kept, Arn recomputed", steps: []change{rename("Bob", "Robert")}, call: getUser(aws.String("Robert")),
			want: &iam.GetUserOutput{User: robert}},
		{name: "rename: the old name is gone", steps: []change{rename("Bob", "Robert")}, call: getUser(bob), wantErr: noSuchUser("Bob")},
		{name: "rename: the old name is free", steps: []change{rename("Bob", "Robert")}, call: createUser(&iam.CreateUserInput{UserName: bob}),
			want: &iam.CreateUserOutput{User: iamUser("/", "Bob", "<new user id>", testNow)}},
		{name: "rename: tags kept", steps: []change{rename("Alice", "Alicia")}, call: getUser(aws.String("Alicia")),
			want: &iam.GetUserOutput{User: iamUser("/eng/", "Alicia", "<id of Alice>", aliceCreated, tag("team", "eng"))}},
		{name: "rename: the keys follow the new name", steps: []change{rename("Bob", "Robert")},
			call: listAccessKeys(&iam.ListAccessKeysInput{UserName: aws.String("Robert")}), want: keysPage(keyListed("Robert", bobKey.ID, types.StatusTypeActive, bobCreated))},
		{name: "rename: the certificates follow the new name", seed: withCert, steps: []change{rename("Carol", "Caroline")},
			call: func(ctx context.Context, c *iam.Client, _ *run) (any, error) {
				return c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: aws.String("Caroline")})
			},
			want: certificatesPage(listedCertificates("Caroline", carolCert))},
		{name: "rename: the user's keys keep signing, as the new name", steps: []change{rename("Bob", "Robert")}, as: asKey(bobKey.ID), call: getUser(nil),
			want: &iam.GetUserOutput{User: robert}},
		{name: "rename: a key created before keeps signing", steps: []change{newKey(alice), rename("Alice", "Alicia")}, as: asNewKeyAttached(0, nil),
			call: listAccessKeys(nil), want: keysPage(keyListed("Alicia", "<key 0>", types.StatusTypeActive, testNow))},
		{name: "rename: listed in the new name's place", steps: []change{rename("Bob", "Zed")}, call: listUsers(&iam.ListUsersInput{}),
			want: &iam.ListUsersOutput{Users: listedUsers(aliceUser, iamUser("/", "Zed", "<id of Bob>", bobCreated))}},
		{name: "rename to another case of the same name (choice: allowed)", steps: []change{rename("Bob", "BOB")}, call: getUser(bob),
			want: &iam.GetUserOutput{User: iamUser("/", "BOB", "<id of Bob>", bobCreated)}},
		{name: "named in another case", call: updateUser(&iam.UpdateUserInput{UserName: aws.String("bob"), NewUserName: aws.String("Robert")}), want: &iam.UpdateUserOutput{}},
		{name: "NewPath alone moves the Arn", steps: []change{move("Bob", "/ops/")}, call: getUser(bob),
			want: &iam.GetUserOutput{User: iamUser("/ops/", "Bob", "<id of Bob>", bobCreated)}},
		{name: "NewPath alone: the path prefix lists it", steps: []change{move("Bob", "/eng/team/")}, call: listUsers(&iam.ListUsersInput{PathPrefix: aws.String("/eng/")}),
			want: &iam.ListUsersOutput{Users: listedUsers(aliceUser, iamUser("/eng/team/", "Bob", "<id of Bob>", bobCreated))}},
		{name: "rename and move at once",
			steps: []change{do(updateUser(&iam.UpdateUserInput{UserName: bob, NewUserName: aws.String("Robert"), NewPath: aws.String("/ops/")}))},
			call:  getUser(aws.String("Robert")), want: &iam.GetUserOutput{User: iamUser("/ops/", "Robert", "<id of Bob>", bobCreated)}},
		{name: "neither NewUserName nor NewPath: nothing changes", steps: []change{do(updateUser(&iam.UpdateUserInput{UserName: alice}))},
			call: getUser(alice), want: &iam.GetUserOutput{User: aliceUser}},
		{name: "as a role", as: asKey(roleKey.ID), call: updateUser(&iam.UpdateUserInput{UserName: bob, NewPath: aws.String("/x/")}), want: &iam.UpdateUserOutput{}},

		// Refusals.
		{name: "unknown user", call: updateUser(&iam.UpdateUserInput{UserName: aws.String("Nobody"), NewUserName: aws.String("Robert")}), wantErr: noSuchUser("Nobody")},
		{name: "unknown user, new name taken: the user first", call: updateUser(&iam.UpdateUserInput{UserName: aws.String("Nobody"), NewUserName: alice}),
			wantErr: noSuchUser("Nobody")},
		{name: "new name taken", call: updateUser(&iam.UpdateUserInput{UserName: bob, NewUserName: alice}), wantErr: userExists("Alice")},
		{name: "new name taken in another case", call: updateUser(&iam.UpdateUserInput{UserName: bob, NewUserName: aws.String("ALICE")}), wantErr: userExists("ALICE")},
		{name: "new name taken: nothing changed", steps: []change{try(updateUser(&iam.UpdateUserInput{UserName: bob, NewUserName: alice, NewPath: aws.String("/moved/")}))},
			call: getUser(bob), want: &iam.GetUserOutput{User: bobUser}},
		{name: "userName empty", call: updateUser(&iam.UpdateUserInput{UserName: aws.String(""), NewPath: aws.String("/x/")}), wantErr: failedConstraints("userName", minLength(1))},
		{name: "userName with a space", call: updateUser(&iam.UpdateUserInput{UserName: aws.String("bad name"), NewPath: aws.String("/x/")}), wantErr: invalidName("userName")},
		{name: "newUserName 64 characters", call: updateUser(&iam.UpdateUserInput{UserName: bob, NewUserName: aws.String(name64)}), want: &iam.UpdateUserOutput{}},
		{name: "newUserName 65 characters", call: updateUser(&iam.UpdateUserInput{UserName: bob, NewUserName: aws.String(name64 + "n")}), wantErr: failedConstraints("newUserName", maxLength(64))},
		{name: "newUserName empty", call: updateUser(&iam.UpdateUserInput{UserName: bob, NewUserName: aws.String("")}), wantErr: failedConstraints("newUserName", minLength(1))},
		{name: "newUserName with a space (its own text names newUserName)", call: updateUser(&iam.UpdateUserInput{UserName: bob, NewUserName: aws.String("a b")}),
			wantErr: invalidName("newUserName")},
		{name: "newPath empty", call: updateUser(&iam.UpdateUserInput{UserName: bob, NewPath: aws.String("")}), wantErr: failedConstraints("newPath", minLength(1))},
		{name: "newPath without slashes (its own text names newPath)", call: updateUser(&iam.UpdateUserInput{UserName: bob, NewPath: aws.String("ops")}),
			wantErr: invalidPath("newPath")},
		{name: "newPath 513 characters", call: updateUser(&iam.UpdateUserInput{UserName: bob, NewPath: aws.String("/" + strings.Repeat("p", 511) + "/")}),
			wantErr: failedConstraints("newPath", maxLength(512))},
		{name: "three failures in model order", call: updateUser(&iam.UpdateUserInput{UserName: aws.String(""), NewPath: aws.String(""), NewUserName: aws.String("")}),
			wantErr: failedConstraints("userName", minLength(1), "newPath", minLength(1), "newUserName", minLength(1))},
		{name: "userName text before newPath text", call: updateUser(&iam.UpdateUserInput{UserName: aws.String("a b"), NewPath: aws.String("x")}), wantErr: invalidName("userName")},
		{name: "validation before the user lookup", call: updateUser(&iam.UpdateUserInput{UserName: aws.String("Nobody"), NewPath: aws.String("x")}), wantErr: invalidPath("newPath")},
	})
}

func TestDeleteUserSpec(t *testing.T) {
	carolKey := fakeiam.AccessKey{ID: "AKIAUSERSCAROL000001", Secret: "c"}
	carol := func() *fakeiam.PrincipalSeed { return fakeiam.User("Carol").CreatedAt(bobCreated) }
	deleteKey := func(user, id string) change { return do(deleteAccessKey(aws.String(user), id)) }
	deleteCert := func(user, id string) change {
		return do(deleteSigningCertificate(deleteInput(aws.String(user), id)))
	}
	both := seedUsers(carol().AccessKey(carolKey).SigningCertificate(carolCert))
	runScenarios(t, seedUsers(), []scenario{
		{name: "a user without keys or certificates", call: deleteUser("Alice"), want: &iam.DeleteUserOutput{}},
		{name: "then GetUser: gone", steps: []change{do(deleteUser("Alice"))}, call: getUser(alice), wantErr: noSuchUser("Alice")},
		{name: "then ListUsers: gone", steps: []change{do(deleteUser("Alice"))}, call: listUsers(&iam.ListUsersInput{}),
			want: &iam.ListUsersOutput{Users: listedUsers(bobUser)}},
		{name: "named in another case", call: deleteUser("aLICE"), want: &iam.DeleteUserOutput{}},
		{name: "a user created through the API", steps: []change{do(createUser(&iam.CreateUserInput{UserName: aws.String("Carol")}))},
			call: deleteUser("Carol"), want: &iam.DeleteUserOutput{}},
		{name: "as a role", as: asKey(roleKey.ID), call: deleteUser("Alice"), want: &iam.DeleteUserOutput{}},
		{name: "twice", steps: []change{do(deleteUser("Alice"))}, call: deleteUser("Alice"), wantErr: noSuchUser("Alice")},
		{name: "unknown user", call: deleteUser("Nobody"), wantErr: noSuchUser("Nobody")},
		{name: "another account's user", seed: seedUsers(otherAccountSeed(carol())), call: deleteUser("Carol"), wantErr: noSuchUser("Carol")},

		// DeleteConflict: access keys, then certificates.
		{name: "with an access key", call: deleteUser("Bob"), wantErr: deleteConflict("access keys")},
		{name: "with an Inactive access key only", seed: seedUsers(carol().AccessKey(fakeiam.AccessKey{ID: carolKey.ID, Secret: "c", Status: types.StatusTypeInactive})),
			call: deleteUser("Carol"), wantErr: deleteConflict("access keys")},
		{name: "with a key created through the API", steps: []change{newKey(alice)}, call: deleteUser("Alice"), wantErr: deleteConflict("access keys")},
		{name: "with a signing certificate", seed: seedUsers(carol().SigningCertificate(carolCert)), call: deleteUser("Carol"), wantErr: deleteConflict("certificates")},
		{name: "with an Inactive signing certificate", seed: seedUsers(carol().SigningCertificate(fakeiam.SigningCertificate{ID: carolCert.ID, Body: carolCert.Body, Status: types.StatusTypeInactive})),
			call: deleteUser("Carol"), wantErr: deleteConflict("certificates")},
		{name: "with a certificate uploaded through the API",
			steps: []change{do(uploadSigningCertificate(&iam.UploadSigningCertificateInput{UserName: alice, CertificateBody: aws.String(fakeiam.CertificatePEM("users alice"))}))},
			call:  deleteUser("Alice"), wantErr: deleteConflict("certificates")},
		{name: "with keys and certificates: the keys first", seed: both, call: deleteUser("Carol"), wantErr: deleteConflict("access keys")},
		{name: "keys deleted: the certificates next", seed: both, steps: []change{deleteKey("Carol", carolKey.ID)}, call: deleteUser("Carol"), wantErr: deleteConflict("certificates")},
		{name: "certificates deleted: the keys still", seed: both, steps: []change{deleteCert("Carol", carolCert.ID)}, call: deleteUser("Carol"), wantErr: deleteConflict("access keys")},
		{name: "keys and certificates deleted", seed: both, steps: []change{deleteKey("Carol", carolKey.ID), deleteCert("Carol", carolCert.ID)},
			call: deleteUser("Carol"), want: &iam.DeleteUserOutput{}},
		{name: "refused: nothing deleted", seed: both, steps: []change{try(deleteUser("Carol"))},
			call: getUser(aws.String("Carol")), want: &iam.GetUserOutput{User: iamUser("/", "Carol", "<id of Carol>", bobCreated)}},
		{name: "moto: DeleteUser refused while certificates remain", seed: seedUsers(carol().SigningCertificate(carolCert)), call: deleteUser("Carol"), wantErr: deleteConflict("certificates")},

		// Constraints.
		{name: "userName empty", call: deleteUser(""), wantErr: failedConstraints("userName", minLength(1))},
		{name: "userName 129 characters", call: deleteUser(strings.Repeat("n", 129)), wantErr: failedConstraints("userName", maxLength(128))},
		{name: "userName with a space", call: deleteUser("bad name"), wantErr: invalidName("userName")},
	})
}

func TestListUsersSpec(t *testing.T) {
	mixed := usersNamed("delta", "Bravo", "alpha", "Charlie")
	paths := []fakeiam.Option{
		fakeiam.User("ann").Path("/eng/").CreatedAt(bobCreated),
		fakeiam.User("ben").Path("/engineering/").CreatedAt(bobCreated),
		fakeiam.User("cat").Path("/exec/").CreatedAt(bobCreated),
		fakeiam.User("dan").CreatedAt(bobCreated),
		fakeiam.User("eve").Path("/eng/team/").CreatedAt(bobCreated),
	}
	runScenarios(t, seedUsers(), []scenario{
		{name: "order: by name, ignoring case", seed: mixed, call: listUsers(&iam.ListUsersInput{}),
			want: usersPage(userAt("/", "alpha"), userAt("/", "Bravo"), userAt("/", "Charlie"), userAt("/", "delta"))},
		{name: "never with tags", call: listUsers(&iam.ListUsersInput{}), want: usersPage(aliceUser, bobUser)},
		{name: "users created through the API take their place", seed: mixed,
			steps: []change{do(createUser(&iam.CreateUserInput{UserName: aws.String("BETA")})), do(createUser(&iam.CreateUserInput{UserName: aws.String("echo")}))},
			call:  listUsers(&iam.ListUsersInput{}),
			want: usersPage(userAt("/", "alpha"), iamUser("/", "BETA", "<new user id>", testNow), userAt("/", "Bravo"), userAt("/", "Charlie"),
				userAt("/", "delta"), iamUser("/", "echo", "<new user id>", testNow))},
		{name: "no users: empty, not truncated", seed: []fakeiam.Option{fakeiam.Root().AccessKey(rootKey)}, call: listUsers(&iam.ListUsersInput{}), want: usersPage()},
		{name: "as a user", seed: mixed, as: func(r *run) *iam.Client { return r.f.User("alpha").Client() }, call: listUsers(&iam.ListUsersInput{}),
			want: usersPage(userAt("/", "alpha"), userAt("/", "Bravo"), userAt("/", "Charlie"), userAt("/", "delta"))},
		{name: "as a role", as: asKey(roleKey.ID), call: listUsers(&iam.ListUsersInput{}), want: usersPage(aliceUser, bobUser)},
		{name: "the caller's account only", seed: seedUsers(otherAccountSeed()), as: asKey(otherRootKey.ID), call: listUsers(&iam.ListUsersInput{}),
			want: &iam.ListUsersOutput{Users: []types.User{{Path: aws.String("/"), UserName: bob, UserId: aws.String("<id of Bob in " + otherAccount + ">"),
				Arn: aws.String("arn:aws:iam::" + otherAccount + ":user/Bob"), CreateDate: aws.Time(bobCreated)}}}},

		// PathPrefix is a plain string prefix of the path.
		{name: "PathPrefix / is everyone", seed: paths, call: listUsers(&iam.ListUsersInput{PathPrefix: aws.String("/")}),
			want: usersPage(userAt("/eng/", "ann"), userAt("/engineering/", "ben"), userAt("/exec/", "cat"), userAt("/", "dan"), userAt("/eng/team/", "eve"))},
		{name: "PathPrefix /eng/", seed: paths, call: listUsers(&iam.ListUsersInput{PathPrefix: aws.String("/eng/")}),
			want: usersPage(userAt("/eng/", "ann"), userAt("/eng/team/", "eve"))},
		{name: "PathPrefix /eng, no trailing slash", seed: paths, call: listUsers(&iam.ListUsersInput{PathPrefix: aws.String("/eng")}),
			want: usersPage(userAt("/eng/", "ann"), userAt("/engineering/", "ben"), userAt("/eng/team/", "eve"))},
		{name: "PathPrefix /e", seed: paths, call: listUsers(&iam.ListUsersInput{PathPrefix: aws.String("/e")}),
			want: usersPage(userAt("/eng/", "ann"), userAt("/engineering/", "ben"), userAt("/exec/", "cat"), userAt("/eng/team/", "eve"))},
		{name: "PathPrefix is case-sensitive", seed: paths, call: listUsers(&iam.ListUsersInput{PathPrefix: aws.String("/ENG/")}), want: usersPage()},
		{name: "PathPrefix matching no one", seed: paths, call: listUsers(&iam.ListUsersInput{PathPrefix: aws.String("/nobody/")}), want: usersPage()},
		{name: "PathPrefix with DEL passes validation", seed: paths, call: listUsers(&iam.ListUsersInput{PathPrefix: aws.String("/\x7f")}), want: usersPage()},
		{name: "PathPrefix pages", seed: paths, call: listUsers(&iam.ListUsersInput{PathPrefix: aws.String("/eng"), MaxItems: aws.Int32(2)}),
			want: usersTruncated(userAt("/eng/", "ann"), userAt("/engineering/", "ben"))},
		{name: "PathPrefix pages: exactly full is not truncated", seed: paths, call: listUsers(&iam.ListUsersInput{PathPrefix: aws.String("/eng/"), MaxItems: aws.Int32(2)}),
			want: usersPage(userAt("/eng/", "ann"), userAt("/eng/team/", "eve"))},
		{name: "PathPrefix pages: the next page", seed: paths,
			call: listThen((*iam.Client).ListUsers, iam.ListUsersInput{PathPrefix: aws.String("/eng"), MaxItems: aws.Int32(1)}, nil, nil,
				iam.ListUsersInput{PathPrefix: aws.String("/eng"), MaxItems: aws.Int32(1)}),
			want: usersTruncated(userAt("/engineering/", "ben"))},

		// Constraints.
		{name: "pathPrefix empty", call: listUsers(&iam.ListUsersInput{PathPrefix: aws.String("")}), wantErr: failedConstraints("pathPrefix", minLength(1))},
		{name: "pathPrefix without a leading slash", call: listUsers(&iam.ListUsersInput{PathPrefix: aws.String("eng/")}), wantErr: invalidPath("pathPrefix")},
		{name: "pathPrefix with a space", call: listUsers(&iam.ListUsersInput{PathPrefix: aws.String("/a b")}), wantErr: invalidPath("pathPrefix")},
		{name: "pathPrefix 513 characters", call: listUsers(&iam.ListUsersInput{PathPrefix: aws.String("/" + strings.Repeat("p", 512))}), wantErr: failedConstraints("pathPrefix", maxLength(512))},
		{name: "marker empty", call: listUsers(&iam.ListUsersInput{Marker: aws.String("")}), wantErr: failedConstraints("marker", minLength(1))},
		{name: "marker 321 characters", call: listUsers(&iam.ListUsersInput{Marker: aws.String(strings.Repeat("A", 321))}),
			wantErr: failedConstraints("marker", "Member must have length less than or equal to 320")},
		{name: "three failures in model order", call: listUsers(&iam.ListUsersInput{PathPrefix: aws.String(""), Marker: aws.String(""), MaxItems: aws.Int32(0)}),
			wantErr: failedConstraints("pathPrefix", minLength(1), "marker", minLength(1), "maxItems", minValue(1))},
		{name: "pathPrefix text yields to a maxItems failure", call: listUsers(&iam.ListUsersInput{PathPrefix: aws.String("x"), MaxItems: aws.Int32(1001)}),
			wantErr: failedConstraints("maxItems", maxValue(1000))},
	})
}

func TestListUsersPaging(t *testing.T) {
	five := usersNamed("a", "b", "c", "d", "e")
	two := aws.Int32(2)
	create := func(name string) change {
		return do(createUser(&iam.CreateUserInput{UserName: aws.String(name)}))
	}
	del := func(name string) change { return do(deleteUser(name)) }
	listedAfter := func(first iam.ListUsersInput, between ...change) call {
		return listThen((*iam.Client).ListUsers, first, between, nil, iam.ListUsersInput{MaxItems: two})
	}
	runScenarios(t, seedUsers(), []scenario{
		{name: "MaxItems 2 of 5", seed: five, call: listUsers(&iam.ListUsersInput{MaxItems: two}), want: usersTruncated(userAt("/", "a"), userAt("/", "b"))},
		{name: "the next page", seed: five, call: listedAfter(iam.ListUsersInput{MaxItems: two}), want: usersTruncated(userAt("/", "c"), userAt("/", "d"))},
		{name: "the next page may use another MaxItems", seed: five,
			call: listThen((*iam.Client).ListUsers, iam.ListUsersInput{MaxItems: aws.Int32(1)}, nil, nil, iam.ListUsersInput{MaxItems: aws.Int32(10)}),
			want: usersPage(userAt("/", "b"), userAt("/", "c"), userAt("/", "d"), userAt("/", "e"))},
		{name: "a user's marker for the root: the same account's list", seed: five, as: func(r *run) *iam.Client { return r.f.User("a").Client() },
			call: markerFrom(func(ctx context.Context, r *run) (*string, error) {
				out, err := r.root().ListUsers(ctx, &iam.ListUsersInput{MaxItems: aws.Int32(4)})
				if err != nil {
					return nil, err
				}
				return out.Marker, nil
			}, (*iam.Client).ListUsers, iam.ListUsersInput{}),
			want: usersPage(userAt("/", "e"))},

		// Users created or deleted between pages: those that existed
		// throughout are neither repeated nor skipped.
		{name: "after deleting the marker's user", seed: five, call: listedAfter(iam.ListUsersInput{MaxItems: two}, del("b")),
			want: usersTruncated(userAt("/", "c"), userAt("/", "d"))},
		{name: "after deleting every listed user", seed: five, call: listedAfter(iam.ListUsersInput{MaxItems: two}, del("a"), del("b")),
			want: usersTruncated(userAt("/", "c"), userAt("/", "d"))},
		{name: "after deleting the next user", seed: five, call: listedAfter(iam.ListUsersInput{MaxItems: two}, del("c")),
			want: usersPage(userAt("/", "d"), userAt("/", "e"))},
		{name: "after creating a user before the marker", seed: five, call: listedAfter(iam.ListUsersInput{MaxItems: two}, create("aa")),
			want: usersTruncated(userAt("/", "c"), userAt("/", "d"))},
		{name: "after creating a user right after the marker", seed: five, call: listedAfter(iam.ListUsersInput{MaxItems: two}, create("BB")),
			want: usersTruncated(iamUser("/", "BB", "<new user id>", testNow), userAt("/", "c"))},
		{name: "after deleting the marker's user and creating it again", seed: five, call: listedAfter(iam.ListUsersInput{MaxItems: two}, del("b"), create("B")),
			want: usersTruncated(userAt("/", "c"), userAt("/", "d"))},

		// Markers from elsewhere.
	})
}

func TestListUsersPaginator(t *testing.T) {
	for _, tc := range []struct {
		name      string
		users     int
		maxItems  *int32
		wantPages []int
	}{
		{"MaxItems 1 of 3", 3, aws.Int32(1), []int{1, 1, 1}},
		{"MaxItems 2 of 5", 5, aws.Int32(2), []int{2, 2, 1}},
		{"default MaxItems of 250", 250, nil, []int{100, 100, 50}},
		{"no users", 0, aws.Int32(1), []int{0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var seeds []fakeiam.Option
			var want []string
			for i := range tc.users {
				n := fmt.Sprintf("u%04d", i)
				seeds = append(seeds, fakeiam.User(n))
				want = append(want, n)
			}
			f := newFake(seeds...)
			p := iam.NewListUsersPaginator(f.Client(), &iam.ListUsersInput{MaxItems: tc.maxItems})
			var pages []int
			var got []string
			for p.HasMorePages() {
				out, err := p.NextPage(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				if out.Users == nil || (out.Marker != nil) != out.IsTruncated {
					t.Errorf("page %d: Users %v, IsTruncated %v, Marker %v", len(pages), out.Users, out.IsTruncated, out.Marker)
				}
				pages = append(pages, len(out.Users))
				for _, u := range out.Users {
					got = append(got, *u.UserName)
				}
				if len(pages) > 100 {
					t.Fatal("paginator does not stop")
				}
			}
			if diff := cmp.Diff(tc.wantPages, pages); diff != "" {
				t.Errorf("page sizes (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("users (-want +got):\n%s", diff)
			}
		})
	}
}
