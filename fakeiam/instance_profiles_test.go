package fakeiam_test

// docs/contract.md, "Instance profiles": the ten operations, DeleteRole's
// conflict, the seeds, the account summary's count and the authorization
// details' InstanceProfileList, each row through the differential harness
// (both doors and the SDK's decoding of IAM's XML). Their paging is in
// listOperations (list_behaviors_test.go).

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

var ipCreated = time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)

// seedProfiles is seedRoles (roles app, Builder and Deployer) with the
// instance profiles api (path /, holding app, tags Env and team), Batch
// (path /jobs/, nothing) and worker (path /jobs/, holding app), created at
// ipCreated, plus more. By name ignoring case they are api, Batch,
// worker; in byte order Batch would come first.
func seedProfiles(more ...fakeiam.Option) []fakeiam.Option {
	return seedRoles(append([]fakeiam.Option{
		fakeiam.InstanceProfile("api").Role("app").Tag("Env", "prod").Tag("team", "web").CreatedAt(ipCreated),
		fakeiam.InstanceProfile("Batch").Path("/jobs/").CreatedAt(ipCreated),
		fakeiam.InstanceProfile("worker").Path("/jobs/").Role("app").CreatedAt(ipCreated),
	}, more...)...)
}

// Calls.

func createInstanceProfile(in *iam.CreateInstanceProfileInput) call {
	return callOf((*iam.Client).CreateInstanceProfile, in)
}

// instanceProfileIn is CreateInstanceProfile's input (path nil: absent).
func instanceProfileIn(name string, path *string, tags ...types.Tag) *iam.CreateInstanceProfileInput {
	return &iam.CreateInstanceProfileInput{InstanceProfileName: aws.String(name), Path: path, Tags: tags}
}

func getInstanceProfile(name string) call {
	return callOf((*iam.Client).GetInstanceProfile, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String(name)})
}

func listInstanceProfiles(in *iam.ListInstanceProfilesInput) call {
	return callOf((*iam.Client).ListInstanceProfiles, in)
}

func deleteInstanceProfile(name string) call {
	return callOf((*iam.Client).DeleteInstanceProfile, &iam.DeleteInstanceProfileInput{InstanceProfileName: aws.String(name)})
}

func addRoleToInstanceProfile(profile, role string) call {
	return callOf((*iam.Client).AddRoleToInstanceProfile, &iam.AddRoleToInstanceProfileInput{InstanceProfileName: aws.String(profile), RoleName: aws.String(role)})
}

func removeRoleFromInstanceProfile(profile, role string) call {
	return callOf((*iam.Client).RemoveRoleFromInstanceProfile, &iam.RemoveRoleFromInstanceProfileInput{InstanceProfileName: aws.String(profile), RoleName: aws.String(role)})
}

func listInstanceProfilesForRole(role string, marker *string, maxItems *int32) call {
	return callOf((*iam.Client).ListInstanceProfilesForRole, &iam.ListInstanceProfilesForRoleInput{RoleName: aws.String(role), Marker: marker, MaxItems: maxItems})
}

func tagInstanceProfile(name string, tags ...types.Tag) call {
	return callOf((*iam.Client).TagInstanceProfile, &iam.TagInstanceProfileInput{InstanceProfileName: aws.String(name), Tags: tags})
}

func untagInstanceProfile(name string, keys ...string) call {
	return callOf((*iam.Client).UntagInstanceProfile, &iam.UntagInstanceProfileInput{InstanceProfileName: aws.String(name), TagKeys: keys})
}

func listInstanceProfileTags(name string, marker *string, maxItems *int32) call {
	return callOf((*iam.Client).ListInstanceProfileTags, &iam.ListInstanceProfileTagsInput{InstanceProfileName: aws.String(name), Marker: marker, MaxItems: maxItems})
}

// Expected values.

func instanceProfileARN(path, name string) string {
	return "arn:aws:iam::" + fakeiam.DefaultAccountID + ":instance-profile" + path + name
}

// roleInProfile is a role as a profile shows it: path, name, id, ARN, date
// and the trust policy URL-encoded; nothing else.
func roleInProfile(path, name, id string, created time.Time, trust string) types.Role {
	return types.Role{Path: aws.String(path), RoleName: aws.String(name), RoleId: aws.String(id),
		Arn: aws.String("arn:aws:iam::" + fakeiam.DefaultAccountID + ":role" + path + name), CreateDate: aws.Time(created),
		AssumeRolePolicyDocument: aws.String(urlEncoded(trust))}
}

// seedRoles' roles in a profile: app is described, tagged and has a
// two-hour session, none of which a profile shows.
var (
	appInProfile     = roleInProfile("/app/", "app", "<id of role app>", bobCreated, trustEC2)
	builderInProfile = roleInProfile("/", "Builder", "<id of role Builder>", testNow, trustDefault)
)

// ipOf is a profile as CreateInstanceProfile and the lists show it: Roles
// always (empty when none), no Tags.
func ipOf(path, name, id string, created time.Time, roles ...types.Role) types.InstanceProfile {
	return types.InstanceProfile{Path: aws.String(path), InstanceProfileName: aws.String(name), InstanceProfileId: aws.String(id),
		Arn: aws.String(instanceProfileARN(path, name)), CreateDate: aws.Time(created), Roles: append([]types.Role{}, roles...)}
}

// seedProfiles' profiles, as the lists show them.
var (
	apiProfile    = ipOf("/", "api", "<id of instance profile api>", ipCreated, appInProfile)
	batchProfile  = ipOf("/jobs/", "Batch", "<id of instance profile Batch>", ipCreated)
	workerProfile = ipOf("/jobs/", "worker", "<id of instance profile worker>", ipCreated, appInProfile)
)

// withRoles is p holding roles instead.
func withRoles(p types.InstanceProfile, roles ...types.Role) types.InstanceProfile {
	p.Roles = append([]types.Role{}, roles...)
	return p
}

// createdInstanceProfile is CreateInstanceProfile's answer: Tags only when given.
func createdInstanceProfile(p types.InstanceProfile, tags ...types.Tag) *iam.CreateInstanceProfileOutput {
	p.Tags = tags
	return &iam.CreateInstanceProfileOutput{InstanceProfile: &p}
}

// gotInstanceProfile is GetInstanceProfile's answer: Tags always, empty when none.
func gotInstanceProfile(p types.InstanceProfile, tags ...types.Tag) *iam.GetInstanceProfileOutput {
	p.Tags = append([]types.Tag{}, tags...)
	return &iam.GetInstanceProfileOutput{InstanceProfile: &p}
}

func instanceProfilesPage(ps ...types.InstanceProfile) *iam.ListInstanceProfilesOutput {
	return &iam.ListInstanceProfilesOutput{InstanceProfiles: append([]types.InstanceProfile{}, ps...)}
}

func instanceProfilesForRolePage(marker string, ps ...types.InstanceProfile) *iam.ListInstanceProfilesForRoleOutput {
	out := &iam.ListInstanceProfilesForRoleOutput{InstanceProfiles: append([]types.InstanceProfile{}, ps...)}
	if marker != "" {
		out.IsTruncated, out.Marker = true, aws.String(marker)
	}
	return out
}

func instanceProfileTagsPage(marker string, tags ...types.Tag) *iam.ListInstanceProfileTagsOutput {
	out := &iam.ListInstanceProfileTagsOutput{Tags: append([]types.Tag{}, tags...)}
	if marker != "" {
		out.IsTruncated, out.Marker = true, aws.String(marker)
	}
	return out
}

// IAM's texts (docs/contract.md, "Instance profiles"). The tag texts are
// the providers' (dupTagKeys, reservedTag, providerTagQuota): keys keep
// their case.

func noSuchInstanceProfile(name string) *fakeiam.Error {
	return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "Instance Profile " + name + " cannot be found."}
}

func instanceProfileExists(name string) *fakeiam.Error {
	return &fakeiam.Error{Code: "EntityAlreadyExists", Status: 409, Message: "Instance Profile " + name + " already exists."}
}

func noSuchRoleInInstanceProfile(role, profile string) *fakeiam.Error {
	return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "Role " + role + " in Instance Profile " + profile + " cannot be found."}
}

var (
	// instanceProfileRoleQuota: a profile holds one role.
	instanceProfileRoleQuota = quotaExceeded("InstanceSessionsPerInstanceProfile", 1)
	// mustRemoveRoles is DeleteInstanceProfile's refusal of a profile
	// holding a role, and DeleteRole's of a role in a profile: one text.
	mustRemoveRoles = &fakeiam.Error{Code: "DeleteConflict", Status: 409, Message: "Cannot delete entity, must remove roles from instance profile first."}
)

func TestCreateInstanceProfileSpec(t *testing.T) {
	atQuota := seedProfiles(fakeiam.InstanceProfilesPerAccount(3))
	runScenarios(t, seedProfiles(), []scenario{
		{name: "a name: path /, no role, no Tags (recorded)", call: createInstanceProfile(instanceProfileIn("new", nil)),
			want: createdInstanceProfile(ipOf("/", "new", "<new instance profile id>", testNow))},
		{name: "a path: in the ARN", call: createInstanceProfile(instanceProfileIn("new", aws.String("/ops/team/"))),
			want: createdInstanceProfile(ipOf("/ops/team/", "new", "<new instance profile id>", testNow))},
		{name: "tags: shown when given (recorded)", call: createInstanceProfile(instanceProfileIn("new", nil, tag("a", "1"), tag("b", "2"))),
			want: createdInstanceProfile(ipOf("/", "new", "<new instance profile id>", testNow), tag("a", "1"), tag("b", "2"))},
		{name: "then got, with its tags", steps: []change{do(createInstanceProfile(instanceProfileIn("new", aws.String("/x/"), tag("a", "1"))))}, call: getInstanceProfile("new"),
			want: gotInstanceProfile(ipOf("/x/", "new", "<new instance profile id>", testNow), tag("a", "1"))},
		{name: "then listed by name ignoring case", steps: []change{do(createInstanceProfile(instanceProfileIn("Alpha", nil)))}, call: listInstanceProfiles(&iam.ListInstanceProfilesInput{}),
			want: instanceProfilesPage(ipOf("/", "Alpha", "<new instance profile id>", testNow), apiProfile, batchProfile, workerProfile)},
		{name: "keys differing in case are two tags", call: createInstanceProfile(instanceProfileIn("new", nil, tag("Env", "1"), tag("env", "2"))),
			want: createdInstanceProfile(ipOf("/", "new", "<new instance profile id>", testNow), tag("Env", "1"), tag("env", "2"))},
		{name: "a role's name is no profile's", call: createInstanceProfile(instanceProfileIn("Builder", nil)),
			want: createdInstanceProfile(ipOf("/", "Builder", "<new instance profile id>", testNow))},
		{name: "as a role", as: asKey(roleKey.ID), call: createInstanceProfile(instanceProfileIn("new", nil)),
			want: createdInstanceProfile(ipOf("/", "new", "<new instance profile id>", testNow))},
		{name: "the name taken (recorded)", call: createInstanceProfile(instanceProfileIn("api", nil)), wantErr: instanceProfileExists("api")},
		{name: "the name taken in another case", call: createInstanceProfile(instanceProfileIn("API", aws.String("/other/"))), wantErr: instanceProfileExists("API")},
		{name: "the account's quota, lowered", seed: atQuota, call: createInstanceProfile(instanceProfileIn("new", nil)), wantErr: quotaExceeded("InstanceProfilesPerAccount", 3)},
		{name: "the name taken before the quota", seed: atQuota, call: createInstanceProfile(instanceProfileIn("api", nil)), wantErr: instanceProfileExists("api")},
		{name: "room again after a delete", seed: atQuota, steps: []change{do(deleteInstanceProfile("Batch"))}, call: createInstanceProfile(instanceProfileIn("new", nil)),
			want: createdInstanceProfile(ipOf("/", "new", "<new instance profile id>", testNow))},
		{name: "a tag key twice", call: createInstanceProfile(instanceProfileIn("new", nil, tag("a", "1"), tag("a", "2"))), wantErr: dupTagKeys},
		{name: "a reserved tag key", call: createInstanceProfile(instanceProfileIn("new", nil, tag("aws:x", "1"))), wantErr: reservedTag},
		{name: "a path off the pattern", call: createInstanceProfile(instanceProfileIn("new", aws.String("ops"))), wantErr: invalidPath("path")},
		{name: "validation before the name", call: createInstanceProfile(instanceProfileIn("api", aws.String("ops"))), wantErr: invalidPath("path")},
		{name: "a name of 129", call: createInstanceProfile(instanceProfileIn(strings.Repeat("p", 129), nil)), wantErr: failedConstraints("instanceProfileName", maxLength(128))},
	})
}

func TestGetInstanceProfileSpec(t *testing.T) {
	seedBoundary := seedProfiles(fakeiam.ManagedPolicy("bound", trustedDoc))
	runScenarios(t, seedProfiles(), []scenario{
		{name: "its role as a profile shows one, and its tags", call: getInstanceProfile("api"),
			want: gotInstanceProfile(apiProfile, tag("Env", "prod"), tag("team", "web"))},
		{name: "no role, no tags: Roles and Tags present and empty (recorded)", call: getInstanceProfile("Batch"), want: gotInstanceProfile(batchProfile)},
		{name: "named in another case", call: getInstanceProfile("API"), want: gotInstanceProfile(apiProfile, tag("Env", "prod"), tag("team", "web"))},
		{name: "its role's boundary is not shown", seed: seedBoundary, steps: []change{do(putRoleBoundary("app", "arn:aws:iam::123456789012:policy/bound"))},
			call: getInstanceProfile("worker"), want: gotInstanceProfile(workerProfile)},
		{name: "its role's last use is not shown", seed: seedProfiles(fakeiam.InstanceProfile("deploy").CreatedAt(ipCreated).Role("Deployer")),
			steps: []change{doAs(asKey(roleKey.ID), listUsers(nil))}, call: getInstanceProfile("deploy"),
			want: gotInstanceProfile(ipOf("/", "deploy", "<id of instance profile deploy>", ipCreated, roleInProfile("/", "Deployer", "<id of role Deployer>", testNow, trustDefault)))},
		{name: "its role's trust policy as it is now", steps: []change{do(updateAssumeRolePolicy("app", trustDefault))}, call: getInstanceProfile("worker"),
			want: gotInstanceProfile(withRoles(workerProfile, roleInProfile("/app/", "app", "<id of role app>", bobCreated, trustDefault)))},
		{name: "seeded before its role", seed: []fakeiam.Option{fakeiam.InstanceProfile("p").Role("r").CreatedAt(ipCreated), fakeiam.Role("r").TrustPolicy(trustEC2)},
			call: getInstanceProfile("p"), want: gotInstanceProfile(ipOf("/", "p", "<id of instance profile p>", ipCreated, roleInProfile("/", "r", "<id of role r>", testNow, trustEC2)))},
		{name: "seeded without a date: created when New ran", seed: seedProfiles(fakeiam.InstanceProfile("today")), call: getInstanceProfile("today"),
			want: gotInstanceProfile(ipOf("/", "today", "<id of instance profile today>", testNow))},
		{name: "no such profile (recorded)", call: getInstanceProfile("nope"), wantErr: noSuchInstanceProfile("nope")},
		{name: "a role's name", call: getInstanceProfile("Builder"), wantErr: noSuchInstanceProfile("Builder")},
		{name: "another account's are its own", seed: append(seedProfiles(), otherAccountSeed()), as: asKey(otherRootKey.ID), call: getInstanceProfile("api"),
			wantErr: noSuchInstanceProfile("api")},
		{name: "a name of 129", call: getInstanceProfile(strings.Repeat("p", 129)), wantErr: failedConstraints("instanceProfileName", maxLength(128))},
	})
}

func TestListInstanceProfilesSpec(t *testing.T) {
	runScenarios(t, seedProfiles(), []scenario{
		{name: "by name ignoring case; Roles, no Tags (recorded)", call: listInstanceProfiles(&iam.ListInstanceProfilesInput{}),
			want: instanceProfilesPage(apiProfile, batchProfile, workerProfile)},
		{name: "PathPrefix (recorded)", call: listInstanceProfiles(&iam.ListInstanceProfilesInput{PathPrefix: aws.String("/jobs/")}), want: instanceProfilesPage(batchProfile, workerProfile)},
		{name: "PathPrefix: a prefix of the path's text", call: listInstanceProfiles(&iam.ListInstanceProfilesInput{PathPrefix: aws.String("/jo")}),
			want: instanceProfilesPage(batchProfile, workerProfile)},
		{name: "PathPrefix /: all", call: listInstanceProfiles(&iam.ListInstanceProfilesInput{PathPrefix: aws.String("/")}), want: instanceProfilesPage(apiProfile, batchProfile, workerProfile)},
		{name: "a PathPrefix no profile has", call: listInstanceProfiles(&iam.ListInstanceProfilesInput{PathPrefix: aws.String("/nonexistent-path/")}), want: instanceProfilesPage()},
		{name: "none", seed: seedRoles(), call: listInstanceProfiles(&iam.ListInstanceProfilesInput{}), want: instanceProfilesPage()},
		{name: "a deleted one is gone", steps: []change{do(deleteInstanceProfile("Batch"))}, call: listInstanceProfiles(&iam.ListInstanceProfilesInput{}),
			want: instanceProfilesPage(apiProfile, workerProfile)},
		{name: "a role added shows", steps: []change{do(addRoleToInstanceProfile("Batch", "Builder"))}, call: listInstanceProfiles(&iam.ListInstanceProfilesInput{PathPrefix: aws.String("/jobs/")}),
			want: instanceProfilesPage(withRoles(batchProfile, builderInProfile), workerProfile)},
		{name: "another account's are not listed", seed: seedProfiles(otherAccountSeed(fakeiam.InstanceProfile("remote"))), call: listInstanceProfiles(&iam.ListInstanceProfilesInput{}),
			want: instanceProfilesPage(apiProfile, batchProfile, workerProfile)},
		{name: "a PathPrefix off the pattern", call: listInstanceProfiles(&iam.ListInstanceProfilesInput{PathPrefix: aws.String("jobs")}), wantErr: invalidPath("pathPrefix")},
	})
}

func TestDeleteInstanceProfileSpec(t *testing.T) {
	runScenarios(t, seedProfiles(), []scenario{
		{name: "an empty result (recorded)", call: deleteInstanceProfile("Batch"), want: &iam.DeleteInstanceProfileOutput{}},
		{name: "then gone", steps: []change{do(deleteInstanceProfile("Batch"))}, call: getInstanceProfile("Batch"), wantErr: noSuchInstanceProfile("Batch")},
		{name: "named in another case", steps: []change{do(deleteInstanceProfile("BATCH"))}, call: getInstanceProfile("Batch"), wantErr: noSuchInstanceProfile("Batch")},
		{name: "with tags, once its role is removed", steps: []change{do(removeRoleFromInstanceProfile("api", "app"))}, call: deleteInstanceProfile("api"),
			want: &iam.DeleteInstanceProfileOutput{}},
		{name: "holding a role (recorded)", call: deleteInstanceProfile("worker"), wantErr: mustRemoveRoles},
		{name: "once its role is removed", steps: []change{do(removeRoleFromInstanceProfile("worker", "app"))}, call: deleteInstanceProfile("worker"),
			want: &iam.DeleteInstanceProfileOutput{}},
		{name: "its role stays, in its other profiles", steps: []change{do(removeRoleFromInstanceProfile("worker", "app")), do(deleteInstanceProfile("worker"))},
			call: listInstanceProfilesForRole("app", nil, nil), want: instanceProfilesForRolePage("", apiProfile)},
		{name: "its name is free again", steps: []change{do(deleteInstanceProfile("Batch"))}, call: createInstanceProfile(instanceProfileIn("Batch", nil)),
			want: createdInstanceProfile(ipOf("/", "Batch", "<new instance profile id>", testNow))},
		{name: "no such profile (recorded)", call: deleteInstanceProfile("nope"), wantErr: noSuchInstanceProfile("nope")},
		{name: "twice", steps: []change{do(deleteInstanceProfile("Batch"))}, call: deleteInstanceProfile("Batch"), wantErr: noSuchInstanceProfile("Batch")},
	})
}

func TestAddRoleToInstanceProfileSpec(t *testing.T) {
	runScenarios(t, seedProfiles(), []scenario{
		{name: "an empty result (recorded)", call: addRoleToInstanceProfile("Batch", "Builder"), want: &iam.AddRoleToInstanceProfileOutput{}},
		{name: "then the profile holds it (recorded)", steps: []change{do(addRoleToInstanceProfile("Batch", "Builder"))}, call: getInstanceProfile("Batch"),
			want: gotInstanceProfile(withRoles(batchProfile, builderInProfile))},
		{name: "both named in another case", steps: []change{do(addRoleToInstanceProfile("BATCH", "builder"))}, call: getInstanceProfile("Batch"),
			want: gotInstanceProfile(withRoles(batchProfile, builderInProfile))},
		{name: "a role in several profiles", steps: []change{do(addRoleToInstanceProfile("Batch", "app"))}, call: listInstanceProfilesForRole("app", nil, nil),
			want: instanceProfilesForRolePage("", apiProfile, withRoles(batchProfile, appInProfile), workerProfile)},
		{name: "a second role (recorded)", call: addRoleToInstanceProfile("api", "Builder"), wantErr: instanceProfileRoleQuota},
		{name: "the role it holds, again", call: addRoleToInstanceProfile("api", "app"), wantErr: instanceProfileRoleQuota},
		{name: "a refused second role changes nothing", steps: []change{try(addRoleToInstanceProfile("worker", "Builder"))}, call: getInstanceProfile("worker"),
			want: gotInstanceProfile(workerProfile)},
		{name: "no such profile (recorded)", call: addRoleToInstanceProfile("nope", "Builder"), wantErr: noSuchInstanceProfile("nope")},
		{name: "no such role (recorded)", call: addRoleToInstanceProfile("Batch", "Nobody"), wantErr: noSuchRole("Nobody")},
		{name: "neither: the profile first", call: addRoleToInstanceProfile("nope", "Nobody"), wantErr: noSuchInstanceProfile("nope")},
		{name: "a user's name is no role's", call: addRoleToInstanceProfile("Batch", "Bob"), wantErr: noSuchRole("Bob")},
		{name: "another account's role", seed: seedProfiles(otherAccountSeed(fakeiam.Role("remote"))), call: addRoleToInstanceProfile("Batch", "remote"),
			wantErr: noSuchRole("remote")},
		{name: "a roleName of 65", call: addRoleToInstanceProfile("Batch", strings.Repeat("r", 65)), wantErr: failedConstraints("roleName", maxLength(64))},
	})
}

func TestRemoveRoleFromInstanceProfileSpec(t *testing.T) {
	runScenarios(t, seedProfiles(), []scenario{
		{name: "an empty result (recorded)", call: removeRoleFromInstanceProfile("worker", "app"), want: &iam.RemoveRoleFromInstanceProfileOutput{}},
		{name: "then the profile holds none", steps: []change{do(removeRoleFromInstanceProfile("api", "app"))}, call: getInstanceProfile("api"),
			want: gotInstanceProfile(withRoles(apiProfile), tag("Env", "prod"), tag("team", "web"))},
		{name: "its other profiles keep it", steps: []change{do(removeRoleFromInstanceProfile("api", "app"))}, call: listInstanceProfilesForRole("app", nil, nil),
			want: instanceProfilesForRolePage("", workerProfile)},
		{name: "both named in another case", steps: []change{do(removeRoleFromInstanceProfile("WORKER", "APP"))}, call: getInstanceProfile("worker"),
			want: gotInstanceProfile(withRoles(workerProfile))},
		{name: "then room for another role", steps: []change{do(removeRoleFromInstanceProfile("worker", "app"))}, call: addRoleToInstanceProfile("worker", "Builder"),
			want: &iam.AddRoleToInstanceProfileOutput{}},
		{name: "a role the profile does not hold (recorded)", call: removeRoleFromInstanceProfile("api", "Builder"), wantErr: noSuchRoleInInstanceProfile("Builder", "api")},
		{name: "from a profile holding none", call: removeRoleFromInstanceProfile("Batch", "app"), wantErr: noSuchRoleInInstanceProfile("app", "Batch")},
		{name: "twice", steps: []change{do(removeRoleFromInstanceProfile("worker", "app"))}, call: removeRoleFromInstanceProfile("worker", "app"),
			wantErr: noSuchRoleInInstanceProfile("app", "worker")},
		{name: "no such profile (recorded)", call: removeRoleFromInstanceProfile("nope", "app"), wantErr: noSuchInstanceProfile("nope")},
		{name: "no such role (recorded)", call: removeRoleFromInstanceProfile("api", "Nobody"), wantErr: noSuchRole("Nobody")},
		{name: "neither: the profile first", call: removeRoleFromInstanceProfile("nope", "Nobody"), wantErr: noSuchInstanceProfile("nope")},
	})
}

func TestListInstanceProfilesForRoleSpec(t *testing.T) {
	runScenarios(t, seedProfiles(), []scenario{
		{name: "the profiles holding it, by name; Roles, no Tags (recorded)", call: listInstanceProfilesForRole("app", nil, nil),
			want: instanceProfilesForRolePage("", apiProfile, workerProfile)},
		{name: "by name ignoring case", steps: []change{do(addRoleToInstanceProfile("Batch", "app"))}, call: listInstanceProfilesForRole("app", nil, nil),
			want: instanceProfilesForRolePage("", apiProfile, withRoles(batchProfile, appInProfile), workerProfile)},
		{name: "in none: empty (recorded)", call: listInstanceProfilesForRole("Builder", nil, nil), want: instanceProfilesForRolePage("")},
		{name: "named in another case", call: listInstanceProfilesForRole("APP", nil, nil), want: instanceProfilesForRolePage("", apiProfile, workerProfile)},
		{name: "a page", call: listInstanceProfilesForRole("app", nil, aws.Int32(1)), want: instanceProfilesForRolePage("<marker>", apiProfile)},
		{name: "the next page", call: listThen((*iam.Client).ListInstanceProfilesForRole, iam.ListInstanceProfilesForRoleInput{RoleName: aws.String("app"), MaxItems: aws.Int32(1)},
			nil, nil, iam.ListInstanceProfilesForRoleInput{RoleName: aws.String("app")}), want: instanceProfilesForRolePage("", workerProfile)},
		{name: "a marker of another role", steps: []change{do(addRoleToInstanceProfile("Batch", "Builder"))},
			call: listThen((*iam.Client).ListInstanceProfilesForRole, iam.ListInstanceProfilesForRoleInput{RoleName: aws.String("app"), MaxItems: aws.Int32(1)},
				nil, nil, iam.ListInstanceProfilesForRoleInput{RoleName: aws.String("Builder")}), wantErr: invalidMarker},
		{name: "no such role (recorded)", call: listInstanceProfilesForRole("Nobody", nil, nil), wantErr: noSuchRole("Nobody")},
		{name: "a user's name", call: listInstanceProfilesForRole("Bob", nil, nil), wantErr: noSuchRole("Bob")},
	})
}

func TestInstanceProfileTagsSpec(t *testing.T) {
	apiTags := func(more ...types.Tag) *iam.GetInstanceProfileOutput {
		return gotInstanceProfile(apiProfile, append([]types.Tag{tag("Env", "prod"), tag("team", "web")}, more...)...)
	}
	runScenarios(t, seedProfiles(), []scenario{
		{name: "listed sorted by key (recorded)", call: listInstanceProfileTags("api", nil, nil), want: instanceProfileTagsPage("", tag("Env", "prod"), tag("team", "web"))},
		{name: "none: Tags empty (recorded)", call: listInstanceProfileTags("Batch", nil, nil), want: instanceProfileTagsPage("")},
		{name: "a page", call: listInstanceProfileTags("api", nil, aws.Int32(1)), want: instanceProfileTagsPage("<marker>", tag("Env", "prod"))},
		{name: "the next page", call: listThen((*iam.Client).ListInstanceProfileTags, iam.ListInstanceProfileTagsInput{InstanceProfileName: aws.String("api"), MaxItems: aws.Int32(1)},
			nil, nil, iam.ListInstanceProfileTagsInput{InstanceProfileName: aws.String("api")}), want: instanceProfileTagsPage("", tag("team", "web"))},
		{name: "named in another case", call: listInstanceProfileTags("API", nil, nil), want: instanceProfileTagsPage("", tag("Env", "prod"), tag("team", "web"))},
		{name: "Tag: an empty result", call: tagInstanceProfile("Batch", tag("a", "1")), want: &iam.TagInstanceProfileOutput{}},
		{name: "Tag: shown by Get (recorded)", steps: []change{do(tagInstanceProfile("Batch", tag("k1", "v1"), tag("k2", "v2")))}, call: getInstanceProfile("Batch"),
			want: gotInstanceProfile(batchProfile, tag("k1", "v1"), tag("k2", "v2"))},
		{name: "Tag: then listed sorted by key", steps: []change{do(tagInstanceProfile("api", tag("b", "2"), tag("a", "1")))}, call: listInstanceProfileTags("api", nil, nil),
			want: instanceProfileTagsPage("", tag("Env", "prod"), tag("a", "1"), tag("b", "2"), tag("team", "web"))},
		{name: "Tag: keys are case sensitive: env is another key than Env", steps: []change{do(tagInstanceProfile("api", tag("env", "dev")))}, call: listInstanceProfileTags("api", nil, nil),
			want: instanceProfileTagsPage("", tag("Env", "prod"), tag("env", "dev"), tag("team", "web"))},
		{name: "Tag: a key it has gets the new value", steps: []change{do(tagInstanceProfile("api", tag("Env", "test")))}, call: listInstanceProfileTags("api", nil, nil),
			want: instanceProfileTagsPage("", tag("Env", "test"), tag("team", "web"))},
		{name: "Tag: a key it has, shown once by Get", steps: []change{do(tagInstanceProfile("api", tag("team", "ops")))}, call: getInstanceProfile("api"),
			want: gotInstanceProfile(apiProfile, tag("Env", "prod"), tag("team", "ops"))},
		{name: "Tag: named in another case", steps: []change{do(tagInstanceProfile("BATCH", tag("a", "1")))}, call: listInstanceProfileTags("Batch", nil, nil),
			want: instanceProfileTagsPage("", tag("a", "1"))},
		{name: "Tag: keys differing in case in one request are two", steps: []change{do(tagInstanceProfile("Batch", tag("a", "1"), tag("A", "2")))},
			call: listInstanceProfileTags("Batch", nil, nil), want: instanceProfileTagsPage("", tag("A", "2"), tag("a", "1"))},
		{name: "Tag: a key twice in one request", call: tagInstanceProfile("Batch", tag("a", "1"), tag("a", "2")), wantErr: dupTagKeys},
		{name: "Tag: a reserved key", call: tagInstanceProfile("Batch", tag("aws:x", "1")), wantErr: reservedTag},
		{name: "Tag: 51 after merging", call: tagInstanceProfile("api", numberedTags(0, 49)...), wantErr: providerTagQuota},
		{name: "Tag: 50 after merging", call: tagInstanceProfile("api", numberedTags(0, 48)...), want: &iam.TagInstanceProfileOutput{}},
		{name: "Tag: a key it has counts once", call: tagInstanceProfile("api", append(numberedTags(0, 48), tag("Env", "x"))...), want: &iam.TagInstanceProfileOutput{}},
		{name: "Tag: a refused request changes nothing", steps: []change{try(tagInstanceProfile("api", tag("new", "1"), tag("aws:x", "1")))}, call: getInstanceProfile("api"),
			want: apiTags()},
		{name: "Tag: no such profile", call: tagInstanceProfile("nope", tag("a", "1")), wantErr: noSuchInstanceProfile("nope")},
		{name: "Tag: 51 in one request, even for no such profile", call: tagInstanceProfile("nope", numberedTags(0, 51)...), wantErr: failedConstraints("tags", maxLength(50))},
		{name: "Untag: an empty result", call: untagInstanceProfile("api", "Env"), want: &iam.UntagInstanceProfileOutput{}},
		{name: "Untag: exact keys only; an unknown key is no error", steps: []change{do(untagInstanceProfile("api", "env", "team", "nope"))},
			call: listInstanceProfileTags("api", nil, nil), want: instanceProfileTagsPage("", tag("Env", "prod"))},
		{name: "Untag: then Get shows Tags empty", steps: []change{do(untagInstanceProfile("api", "Env", "team"))}, call: getInstanceProfile("api"), want: gotInstanceProfile(apiProfile)},
		{name: "Untag: no such profile", call: untagInstanceProfile("nope", "a"), wantErr: noSuchInstanceProfile("nope")},
		{name: "List: no such profile", call: listInstanceProfileTags("nope", nil, nil), wantErr: noSuchInstanceProfile("nope")},
	})
}

// TestDeleteRoleInInstanceProfile: DeleteRole refuses a role in a profile
// with DeleteInstanceProfile's text, after its inline and attached policies.
func TestDeleteRoleInInstanceProfile(t *testing.T) {
	withPolicy := seedProfiles(fakeiam.ManagedPolicy("pol", trustedDoc))
	attach := do(attachRolePolicy("app", "arn:aws:iam::123456789012:policy/pol"))
	runScenarios(t, seedProfiles(), []scenario{
		{name: "a role in a profile (reported)", call: deleteRole("app"), wantErr: mustRemoveRoles},
		{name: "still in one of its profiles", steps: []change{do(removeRoleFromInstanceProfile("api", "app"))}, call: deleteRole("app"), wantErr: mustRemoveRoles},
		{name: "removed from every profile", steps: []change{do(removeRoleFromInstanceProfile("api", "app")), do(removeRoleFromInstanceProfile("worker", "app"))},
			call: deleteRole("app"), want: &iam.DeleteRoleOutput{}},
		{name: "a refused delete keeps it in its profiles", steps: []change{try(deleteRole("app"))}, call: listInstanceProfilesForRole("app", nil, nil),
			want: instanceProfilesForRolePage("", apiProfile, workerProfile)},
		{name: "inline policies first", steps: []change{do(putRolePolicy("app", "p", trustedDoc))}, call: deleteRole("app"), wantErr: deleteConflict("policies")},
		{name: "attached policies next", seed: withPolicy, steps: []change{attach}, call: deleteRole("app"), wantErr: mustDetachPolicies},
		{name: "inline before attached before profiles", seed: withPolicy, steps: []change{attach, do(putRolePolicy("app", "p", trustedDoc))},
			call: deleteRole("app"), wantErr: deleteConflict("policies")},
		{name: "a role in no profile", call: deleteRole("Builder"), want: &iam.DeleteRoleOutput{}},
	})
}

// TestInstanceProfilesInAccountSummary: InstanceProfiles counts the
// account's profiles, seeded and created; InstanceProfilesQuota is its
// quota.
func TestInstanceProfilesInAccountSummary(t *testing.T) {
	seeded := with(seededSummary, map[string]int32{"Roles": 3, "InstanceProfiles": 3})
	runScenarios(t, seedProfiles(), []scenario{
		{name: "the seeded profiles", call: getAccountSummary(), want: summary(seeded)},
		{name: "a created one counts, a deleted one no longer", steps: []change{do(createInstanceProfile(instanceProfileIn("new", nil))), do(createInstanceProfile(instanceProfileIn("other", nil))),
			do(deleteInstanceProfile("Batch"))}, call: getAccountSummary(), want: summary(with(seeded, map[string]int32{"InstanceProfiles": 4}))},
		{name: "the quota", seed: seedProfiles(fakeiam.InstanceProfilesPerAccount(7)), call: getAccountSummary(),
			want: summary(with(seeded, map[string]int32{"InstanceProfilesQuota": 7}))},
		{name: "each account its own", seed: seedProfiles(otherAccountSeed(fakeiam.InstanceProfile("remote"))), as: asKey(otherRootKey.ID),
			call: getAccountSummary(), want: summary(map[string]int32{"Users": 1, "AccountAccessKeysPresent": 1, "InstanceProfiles": 1})},
	})
}

// TestInstanceProfilesInAuthorizationDetails: each role's
// InstanceProfileList holds the profiles holding it, each with its roles
// (the reduced shape, the trust policy URL-encoded) and without tags
// (recorded, filter Role).
func TestInstanceProfilesInAuthorizationDetails(t *testing.T) {
	seed := seedUsers(fakeiam.Role("Web").Path("/web/").TrustPolicy(trustEC2).Description("serves").Tag("team", "web"),
		fakeiam.InstanceProfile("Back").Path("/b/").CreatedAt(ipCreated),
		fakeiam.InstanceProfile("Front").Role("Web").Tag("tier", "front").CreatedAt(ipCreated))
	webInProfile := roleInProfile("/web/", "Web", "<id of role Web>", testNow, trustEC2)
	back := ipOf("/b/", "Back", "<id of instance profile Back>", ipCreated, webInProfile)
	front := ipOf("/", "Front", "<id of instance profile Front>", ipCreated, webInProfile)
	web := func(profiles ...types.InstanceProfile) types.RoleDetail {
		return types.RoleDetail{Path: aws.String("/web/"), RoleName: aws.String("Web"), RoleId: aws.String("<id of role Web>"),
			Arn: aws.String("arn:aws:iam::" + fakeiam.DefaultAccountID + ":role/web/Web"), CreateDate: aws.Time(testNow),
			AssumeRolePolicyDocument: aws.String(urlEncoded(trustEC2)), InstanceProfileList: append([]types.InstanceProfile{}, profiles...),
			RolePolicyList: []types.PolicyDetail{}, AttachedManagedPolicies: []types.AttachedPolicy{}, Tags: []types.Tag{tag("team", "web")},
			RoleLastUsed: &types.RoleLastUsed{}}
	}
	runScenarios(t, seed, []scenario{
		{name: "the profile holding the role; a role in none has an empty list", call: detailsOf(types.EntityTypeRole),
			want: details{roles: []types.RoleDetail{deployerDetail, web(front)}}.out()},
		{name: "after AddRoleToInstanceProfile: both", steps: []change{do(addRoleToInstanceProfile("Back", "Web"))}, call: detailsOf(types.EntityTypeRole),
			want: details{roles: []types.RoleDetail{deployerDetail, web(back, front)}}.out()},
		{name: "after RemoveRoleFromInstanceProfile: none", steps: []change{do(removeRoleFromInstanceProfile("Front", "Web"))}, call: detailsOf(types.EntityTypeRole),
			want: details{roles: []types.RoleDetail{deployerDetail, web()}}.out()},
	})
}

// TestInstanceProfileSeeds: New refuses what CreateInstanceProfile and
// AddRoleToInstanceProfile would, naming the account and the profile.
func TestInstanceProfileSeeds(t *testing.T) {
	const who = `account 123456789012: instance profile "web"`
	for _, tc := range []struct {
		name string
		seed []fakeiam.Option
		want []string // what the error says, each
	}{
		{"a name off the pattern", []fakeiam.Option{fakeiam.InstanceProfile("a profile")},
			[]string{`account 123456789012: instance profile "a profile": `, "instanceProfileName"}},
		{"a path off the pattern", []fakeiam.Option{fakeiam.InstanceProfile("web").Path("ops")}, []string{who + ": ", invalidPath("path").Message}},
		{"a tag key too long", []fakeiam.Option{fakeiam.InstanceProfile("web").Tag(strings.Repeat("k", 129), "v")}, []string{who + ": ", "tags"}},
		{"a tag key twice", []fakeiam.Option{fakeiam.InstanceProfile("web").Tag("a", "1").Tag("a", "2")}, []string{who + ": ", dupTagKeys.Message}},
		{"a reserved tag key", []fakeiam.Option{fakeiam.InstanceProfile("web").Tag("aws:x", "1")}, []string{who + ": ", reservedTag.Message}},
		{"seeded twice", []fakeiam.Option{fakeiam.InstanceProfile("web"), fakeiam.InstanceProfile("web")}, []string{who, "twice"}},
		{"the same name in another case", []fakeiam.Option{fakeiam.InstanceProfile("web"), fakeiam.InstanceProfile("WEB")},
			[]string{`account 123456789012: instance profile "WEB"`, `"web"`}},
		{"no such role", []fakeiam.Option{fakeiam.InstanceProfile("web").Role("x")}, []string{who + `: role "x": no such role in the account`}},
		{"a user's name", seedUsers(fakeiam.InstanceProfile("web").Role("Bob")), []string{who + `: role "Bob": no such role in the account`}},
		{"another account's role", []fakeiam.Option{otherAccountSeed(fakeiam.Role("remote")), fakeiam.InstanceProfile("web").Role("remote")},
			[]string{who + `: role "remote": no such role in the account`}},
		{"two roles", []fakeiam.Option{fakeiam.Role("a"), fakeiam.Role("b"), fakeiam.InstanceProfile("web").Role("a").Role("b")},
			[]string{who + ": ", instanceProfileRoleQuota.Message}},
		{"more than the account's quota", []fakeiam.Option{fakeiam.InstanceProfilesPerAccount(1), fakeiam.InstanceProfile("a"), fakeiam.InstanceProfile("b")},
			[]string{"account 123456789012: ", "InstanceProfilesPerAccount"}},
		{"over the quota, and each profile's own problems too", []fakeiam.Option{fakeiam.InstanceProfilesPerAccount(0), fakeiam.InstanceProfile("web").Role("x")},
			[]string{"account 123456789012: 1 instance profiles exceed the quota of 0 per account", who + `: role "x": no such role in the account`}},
		{"a negative quota", []fakeiam.Option{fakeiam.InstanceProfilesPerAccount(-1)}, []string{"InstanceProfilesPerAccount(-1)"}},
		{"in another account", []fakeiam.Option{otherAccountSeed(fakeiam.InstanceProfile("web").Role("x"))},
			[]string{`account 210987654321: instance profile "web": role "x": no such role in the account`}},
		{"every problem", []fakeiam.Option{fakeiam.InstanceProfile("web").Role("x"), fakeiam.InstanceProfile("api").Tag("aws:x", "1")},
			[]string{who + `: role "x"`, `account 123456789012: instance profile "api": ` + reservedTag.Message}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newFakeE(tc.seed...)
			for _, w := range tc.want {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("New: %v, want an error saying %q", err, w)
				}
			}
		})
	}

	// The same seeds in another account are that account's.
	f, err := newFakeE(otherAccountSeed(fakeiam.InstanceProfile("web").Role("remote"), fakeiam.Role("remote")))
	if err != nil {
		t.Fatal(err)
	}
	out, err := f.ClientWithAccessKey(otherRootKey.ID).ListInstanceProfilesForRole(context.Background(), &iam.ListInstanceProfilesForRoleInput{RoleName: aws.String("remote")})
	if err != nil || len(out.InstanceProfiles) != 1 || *out.InstanceProfiles[0].Arn != "arn:aws:iam::"+otherAccount+":instance-profile/web" {
		t.Errorf("the other account's profiles for its role: %+v, %v; want web", out, err)
	}
}

// TestInstanceProfileAccessDenied: what AccessDenied names for each
// instance profile operation.
func TestInstanceProfileAccessDenied(t *testing.T) {
	deny := func(op fakeiam.Operation) []change {
		return []change{inject(fakeiam.Rule{Operation: op, Then: fakeiam.AccessDenied()})}
	}
	acct := "arn:aws:iam::" + fakeiam.DefaultAccountID
	runScenarios(t, seedProfiles(), []scenario{
		{name: "Create: the profile's ARN with its path", steps: deny(fakeiam.CreateInstanceProfile), call: createInstanceProfile(instanceProfileIn("new", aws.String("/x/"))),
			wantErr: ruleDenied(rootARN, fakeiam.CreateInstanceProfile, acct+":instance-profile/x/new")},
		{name: "Get: instance profile NAME (reported)", steps: deny(fakeiam.GetInstanceProfile), call: getInstanceProfile("worker"),
			wantErr: ruleDenied(rootARN, fakeiam.GetInstanceProfile, "instance profile worker")},
		{name: "List: the ARN prefix", steps: deny(fakeiam.ListInstanceProfiles), call: listInstanceProfiles(&iam.ListInstanceProfilesInput{PathPrefix: aws.String("/jobs/")}),
			wantErr: ruleDenied(rootARN, fakeiam.ListInstanceProfiles, acct+":instance-profile/jobs/")},
		{name: "List without a prefix", steps: deny(fakeiam.ListInstanceProfiles), call: listInstanceProfiles(&iam.ListInstanceProfilesInput{}),
			wantErr: ruleDenied(rootARN, fakeiam.ListInstanceProfiles, acct+":instance-profile/")},
		{name: "Delete", steps: deny(fakeiam.DeleteInstanceProfile), call: deleteInstanceProfile("Batch"),
			wantErr: ruleDenied(rootARN, fakeiam.DeleteInstanceProfile, "instance profile Batch")},
		{name: "AddRole: the profile", steps: deny(fakeiam.AddRoleToInstanceProfile), call: addRoleToInstanceProfile("Batch", "Builder"),
			wantErr: ruleDenied(rootARN, fakeiam.AddRoleToInstanceProfile, "instance profile Batch")},
		{name: "RemoveRole: the profile", steps: deny(fakeiam.RemoveRoleFromInstanceProfile), call: removeRoleFromInstanceProfile("api", "app"),
			wantErr: ruleDenied(rootARN, fakeiam.RemoveRoleFromInstanceProfile, "instance profile api")},
		{name: "ListForRole: role NAME", steps: deny(fakeiam.ListInstanceProfilesForRole), call: listInstanceProfilesForRole("app", nil, nil),
			wantErr: ruleDenied(rootARN, fakeiam.ListInstanceProfilesForRole, "role app")},
		{name: "Tag", steps: deny(fakeiam.TagInstanceProfile), call: tagInstanceProfile("api", tag("a", "1")),
			wantErr: ruleDenied(rootARN, fakeiam.TagInstanceProfile, "instance profile api")},
		{name: "Untag", steps: deny(fakeiam.UntagInstanceProfile), call: untagInstanceProfile("api", "Env"),
			wantErr: ruleDenied(rootARN, fakeiam.UntagInstanceProfile, "instance profile api")},
		{name: "ListTags", steps: deny(fakeiam.ListInstanceProfileTags), call: listInstanceProfileTags("api", nil, nil),
			wantErr: ruleDenied(rootARN, fakeiam.ListInstanceProfileTags, "instance profile api")},
	})
}

// TestInstanceProfilesFaultsCallsAndSweep: the operations are in the
// table, so fault rules target them, the call log keeps them, and Sweep
// fails each call of a profile's life in turn.
func TestInstanceProfilesFaultsCallsAndSweep(t *testing.T) {
	ctx := context.Background()
	f := newFake(seedProfiles()...)
	f.Inject(fakeiam.Rule{Operation: fakeiam.AddRoleToInstanceProfile, Then: fakeiam.Fail(instanceProfileRoleQuota)})
	_, err := f.Client().AddRoleToInstanceProfile(ctx, &iam.AddRoleToInstanceProfileInput{InstanceProfileName: aws.String("Batch"), RoleName: aws.String("Builder")})
	var le *types.LimitExceededException
	if !errors.As(err, &le) {
		t.Errorf("AddRoleToInstanceProfile under a rule: %v, want LimitExceededException", err)
	}
	calls := logged(t, f, fakeiam.AddRoleToInstanceProfile)
	if len(calls) != 1 || aws.ToString(calls[0].Input.(*iam.AddRoleToInstanceProfileInput).RoleName) != "Builder" || calls[0].Err == nil {
		t.Errorf("the call log: %+v, want the one refused call with its input", calls)
	}

	var failed []fakeiam.Operation
	fakeiam.Sweep(t, fakeiam.ServiceFailure(), func(t *testing.T, f *fakeiam.Fake, failing *fakeiam.SweepCall) {
		c, name, role := f.Client(), aws.String("web"), aws.String("web-server")
		var errs []error
		record := func(_ any, err error) { errs = append(errs, err) }
		record(c.CreateInstanceProfile(ctx, &iam.CreateInstanceProfileInput{InstanceProfileName: name}))
		record(c.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: name}))
		record(c.ListInstanceProfiles(ctx, &iam.ListInstanceProfilesInput{}))
		record(c.AddRoleToInstanceProfile(ctx, &iam.AddRoleToInstanceProfileInput{InstanceProfileName: name, RoleName: role}))
		record(c.ListInstanceProfilesForRole(ctx, &iam.ListInstanceProfilesForRoleInput{RoleName: role}))
		record(c.TagInstanceProfile(ctx, &iam.TagInstanceProfileInput{InstanceProfileName: name, Tags: []types.Tag{tag("a", "1")}}))
		record(c.ListInstanceProfileTags(ctx, &iam.ListInstanceProfileTagsInput{InstanceProfileName: name}))
		record(c.UntagInstanceProfile(ctx, &iam.UntagInstanceProfileInput{InstanceProfileName: name, TagKeys: []string{"a"}}))
		record(c.RemoveRoleFromInstanceProfile(ctx, &iam.RemoveRoleFromInstanceProfileInput{InstanceProfileName: name, RoleName: role}))
		record(c.DeleteInstanceProfile(ctx, &iam.DeleteInstanceProfileInput{InstanceProfileName: name}))
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
	}, fakeiam.Role("web-server").TrustPolicy(trustEC2))
	want := []fakeiam.Operation{fakeiam.CreateInstanceProfile, fakeiam.GetInstanceProfile, fakeiam.ListInstanceProfiles, fakeiam.AddRoleToInstanceProfile,
		fakeiam.ListInstanceProfilesForRole, fakeiam.TagInstanceProfile, fakeiam.ListInstanceProfileTags, fakeiam.UntagInstanceProfile,
		fakeiam.RemoveRoleFromInstanceProfile, fakeiam.DeleteInstanceProfile}
	if diff := cmp.Diff(want, failed); diff != "" {
		t.Errorf("swept operations (-want +got):\n%s", diff)
	}
}

// The list behaviors' rows (listOperations). ListInstanceProfiles: the
// account's profiles, by name.
var instanceProfilesListed = listOperation{op: fakeiam.ListInstanceProfiles,
	named: func(_ string, n int) []fakeiam.Option {
		var opts []fakeiam.Option
		for i := range n {
			opts = append(opts, fakeiam.InstanceProfile(fmt.Sprintf("ip%03d", 2*i)))
		}
		return opts
	},
	list: func(_ string, m *string, n *int32) call {
		return listInstanceProfiles(&iam.ListInstanceProfilesInput{Marker: m, MaxItems: n})
	},
	ids: itemIDs("InstanceProfiles", "InstanceProfileName"),
	// Between the seeded profiles in their order, which is the names'.
	add: func(_ string, i int) call {
		return createInstanceProfile(instanceProfileIn(fmt.Sprintf("ip%03d", 2*i+1), nil))
	},
	remove: func(_, id string) call { return deleteInstanceProfile(id) }}

// ListInstanceProfilesForRole: the profiles holding the role named as the
// owner with "-ipr" (other rows seed a role named as the owner).
var instanceProfilesForRoleListed = listOperation{op: fakeiam.ListInstanceProfilesForRole, perUser: true,
	named: func(owner string, n int) []fakeiam.Option {
		opts := []fakeiam.Option{fakeiam.Role(owner + "-ipr")}
		for i := range n {
			opts = append(opts, fakeiam.InstanceProfile(fmt.Sprintf("%s-ip%03d", owner, 2*i)).Role(owner+"-ipr"))
		}
		return opts
	},
	list: func(owner string, m *string, n *int32) call { return listInstanceProfilesForRole(owner+"-ipr", m, n) },
	ids:  itemIDs("InstanceProfiles", "InstanceProfileName"),
	add: func(owner string, i int) call {
		name := fmt.Sprintf("%s-ip%03d", owner, 2*i+1)
		return inTurn(createInstanceProfile(instanceProfileIn(name, nil)), addRoleToInstanceProfile(name, owner+"-ipr"))
	},
	remove: func(owner, id string) call { return removeRoleFromInstanceProfile(id, owner+"-ipr") }}

// ListInstanceProfileTags: the tags of the profile named as the owner.
var instanceProfileTagsListed = listOperation{op: fakeiam.ListInstanceProfileTags, perUser: true, most: 50,
	named: func(owner string, n int) []fakeiam.Option {
		p := fakeiam.InstanceProfile(owner)
		for i := range n {
			p = p.Tag(fmt.Sprintf("key%03d", 2*i), "v")
		}
		return []fakeiam.Option{p}
	},
	list: func(owner string, m *string, n *int32) call { return listInstanceProfileTags(owner, m, n) },
	ids:  itemIDs("Tags", "Key"),
	add: func(owner string, i int) call {
		return tagInstanceProfile(owner, tag(fmt.Sprintf("key%03d", 2*i+1), "v"))
	},
	remove: func(owner, id string) call { return untagInstanceProfile(owner, id) }}
