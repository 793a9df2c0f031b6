package fakeiam_test

// docs/contract.md, "User tags": TagUser, UntagUser and ListUserTags, each
// row through the differential harness (both doors and the SDK's decoding
// of IAM's XML). Their paging is in listOperations (list_behaviors_test.go).

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// tagsPage is ListUserTags' complete answer: tags, in order.
func tagsPage(tags ...types.Tag) *iam.ListUserTagsOutput {
	if tags == nil {
		tags = []types.Tag{}
	}
	return &iam.ListUserTagsOutput{Tags: tags}
}

// numberedTags are n tags k<from>..., value v.
func numberedTags(from, n int) []types.Tag {
	var ts []types.Tag
	for i := range n {
		ts = append(ts, tag(fmt.Sprintf("k%02d", from+i), "v"))
	}
	return ts
}

var tagQuota = quotaExceeded("TagsPerUser", 50)

func TestTagUserSpec(t *testing.T) {
	runScenarios(t, seedUsers(), []scenario{
		{name: "an empty result", call: tagUser("Bob", tag("team", "eng")), want: &iam.TagUserOutput{}},
		{name: "then listed", steps: []change{do(tagUser("Bob", tag("team", "eng")))}, call: listUserTags("Bob", nil, nil),
			want: tagsPage(tag("team", "eng"))},
		{name: "GetUser shows them, in the order first given", steps: []change{do(tagUser("Bob", tag("b", "2"), tag("a", "1")))}, call: getUser(bob),
			want: &iam.GetUserOutput{User: iamUser("/", "Bob", "<id of Bob>", bobCreated, tag("b", "2"), tag("a", "1"))}},
		{name: "added to the seeded tags, after them", steps: []change{do(tagUser("Alice", tag("cost", "12")))}, call: getUser(alice),
			want: &iam.GetUserOutput{User: iamUser("/eng/", "Alice", "<id of Alice>", aliceCreated, tag("team", "eng"), tag("cost", "12"))}},
		{name: "an existing key: the new value, in its place", steps: []change{do(tagUser("Alice", tag("x", "1"), tag("team", "ops")))}, call: getUser(alice),
			want: &iam.GetUserOutput{User: iamUser("/eng/", "Alice", "<id of Alice>", aliceCreated, tag("team", "ops"), tag("x", "1"))}},
		{name: "an existing key in another case: the kept spelling, the new value", steps: []change{do(tagUser("Alice", tag("TEAM", "ops")))},
			call: listUserTags("Alice", nil, nil), want: tagsPage(tag("team", "ops"))},
		{name: "an empty value", steps: []change{do(tagUser("Bob", tag("flag", "")))}, call: listUserTags("Bob", nil, nil), want: tagsPage(tag("flag", ""))},
		{name: "the user named in another case", steps: []change{do(tagUser("bOB", tag("a", "1")))}, call: listUserTags("Bob", nil, nil),
			want: tagsPage(tag("a", "1"))},
		{name: "as the user itself", as: asKey(bobKey.ID), call: tagUser("Bob", tag("a", "1")), want: &iam.TagUserOutput{}},
		{name: "as a role", as: asKey(roleKey.ID), call: tagUser("Bob", tag("a", "1")), want: &iam.TagUserOutput{}},
		{name: "50 in one request", call: tagUser("Bob", numberedTags(0, 50)...), want: &iam.TagUserOutput{}},
		{name: "up to 50 with the seeded one", call: tagUser("Alice", numberedTags(0, 49)...), want: &iam.TagUserOutput{}},
		{name: "replacing keys does not count", call: tagUser("Alice", append(numberedTags(0, 49), tag("Team", "x"))...), want: &iam.TagUserOutput{}},
		{name: "nothing changes when refused", steps: []change{try(tagUser("Alice", numberedTags(0, 50)...))}, call: listUserTags("Alice", nil, nil),
			want: tagsPage(tag("team", "eng"))},

		// Refusals, in IAM's order: validation, the user, the tag rules.
		{name: "51 after merging", call: tagUser("Alice", numberedTags(0, 50)...), wantErr: tagQuota},
		{name: "51 after earlier calls", steps: []change{do(tagUser("Bob", numberedTags(0, 30)...))}, call: tagUser("Bob", numberedTags(30, 21)...),
			wantErr: tagQuota},
		{name: "duplicate keys", call: tagUser("Bob", tag("dupkey", "1"), tag("dupkey", "2")), wantErr: duplicateTagKeys},
		{name: "duplicate keys differing in case", call: tagUser("Bob", tag("mykey", "1"), tag("MyKey", "2")), wantErr: duplicateTagKeys},
		{name: "duplicate keys before the quota", steps: []change{do(tagUser("Bob", numberedTags(0, 40)...))},
			call: tagUser("Bob", append(numberedTags(40, 11), tag("K40", "x"))...), wantErr: duplicateTagKeys},
		{name: "a key in the reserved aws: prefix", call: tagUser("Bob", tag("aws:team", "x")), wantErr: reservedTagKey},
		{name: "the reserved prefix in another case", call: tagUser("Bob", tag("AWS:team", "x")), wantErr: reservedTagKey},
		{name: "aws: inside a key is no prefix", call: tagUser("Bob", tag("team:aws:x", "x")), want: &iam.TagUserOutput{}},
		{name: "no such user", call: tagUser("Nobody", tag("a", "1")), wantErr: noSuchUser("Nobody")},
		{name: "the user before the tag rules", call: tagUser("Nobody", tag("a", "1"), tag("A", "2")), wantErr: noSuchUser("Nobody")},
		{name: "51 in one request, even for no such user", call: tagUser("Nobody", numberedTags(0, 51)...), wantErr: failedConstraints("tags", maxLength(50))},
		{name: "no tags", call: tagUser("Bob"), wantErr: validationError("1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null")},
		{name: "key of 129", call: tagUser("Bob", tag(strings.Repeat("k", 129), "v")), wantErr: failedConstraints("tags.1.member.key", maxLength(128))},
		{name: "value of 257", call: tagUser("Bob", tag("k", strings.Repeat("v", 257))), wantErr: failedConstraints("tags.1.member.value", maxLength(256))},
		{name: "key off the pattern", call: tagUser("Bob", tag("invalid!key", "v")), wantErr: failedConstraints("tags.1.member.key", pattern(tagKeyPattern))},
		{name: "userName off the pattern", call: tagUser("Bob!", tag("a", "1")), wantErr: invalidName("userName")},
	})
}

func TestUntagUserSpec(t *testing.T) {
	tagKeysRule := failedConstraints("tagKeys", "Member must satisfy constraint: [Member must have length less than or equal to 128, "+
		"Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: "+tagKeyPattern+", Member must not be null]")
	seed := seedUsers(fakeiam.User("Carol").Tag("b", "2").Tag("a", "1").Tag("c", "3"))
	runScenarios(t, seed, []scenario{
		{name: "an empty result", call: untagUser("Carol", "a"), want: &iam.UntagUserOutput{}},
		{name: "gone from the list", steps: []change{do(untagUser("Carol", "a", "c"))}, call: listUserTags("Carol", nil, nil), want: tagsPage(tag("b", "2"))},
		{name: "a key in another case", steps: []change{do(untagUser("Carol", "B"))}, call: listUserTags("Carol", nil, nil),
			want: tagsPage(tag("a", "1"), tag("c", "3"))},
		{name: "a key the user does not have: no error", call: untagUser("Carol", "nope"), want: &iam.UntagUserOutput{}},
		{name: "the last one: GetUser shows no Tags", steps: []change{do(untagUser("Alice", "team"))}, call: getUser(alice),
			want: &iam.GetUserOutput{User: iamUser("/eng/", "Alice", "<id of Alice>", aliceCreated)}},
		{name: "the last one: an empty list", steps: []change{do(untagUser("Alice", "team"))}, call: listUserTags("Alice", nil, nil), want: tagsPage()},
		{name: "the others keep their order", steps: []change{do(untagUser("Carol", "a"))}, call: getUser(aws.String("Carol")),
			want: &iam.GetUserOutput{User: iamUser("/", "Carol", "<id of Carol>", testNow, tag("b", "2"), tag("c", "3"))}},
		{name: "no such user", call: untagUser("Nobody", "a"), wantErr: noSuchUser("Nobody")},
		{name: "51 keys", call: untagUser("Nobody", func() []string {
			var ks []string
			for i := range 51 {
				ks = append(ks, fmt.Sprint("k", i))
			}
			return ks
		}()...), wantErr: failedConstraints("tagKeys", maxLength(50))},
		{name: "a key of 129: one phrase for the list", call: untagUser("Carol", strings.Repeat("k", 129)), wantErr: tagKeysRule},
		{name: "a key off the pattern: the same phrase", call: untagUser("Carol", "ok", "invalid!char"), wantErr: tagKeysRule},
	})
}

func TestListUserTagsSpec(t *testing.T) {
	seed := seedUsers(fakeiam.User("Carol").Tag("b", "2").Tag("Z", "9").Tag("a", "1"))
	runScenarios(t, seed, []scenario{
		{name: "sorted by key", call: listUserTags("Carol", nil, nil), want: tagsPage(tag("Z", "9"), tag("a", "1"), tag("b", "2"))},
		{name: "no tags: an empty list", call: listUserTags("Bob", nil, nil), want: tagsPage()},
		{name: "seeded", call: listUserTags("Alice", nil, nil), want: tagsPage(tag("team", "eng"))},
		{name: "created with CreateUser", steps: []change{do(createUser(&iam.CreateUserInput{UserName: aws.String("Dan"), Tags: []types.Tag{tag("z", "1"), tag("y", "2")}}))},
			call: listUserTags("Dan", nil, nil), want: tagsPage(tag("y", "2"), tag("z", "1"))},
		{name: "a page", call: listUserTags("Carol", nil, aws.Int32(2)),
			want: &iam.ListUserTagsOutput{Tags: []types.Tag{tag("Z", "9"), tag("a", "1")}, IsTruncated: true, Marker: aws.String("<marker>")}},
		{name: "the next page", call: listThen((*iam.Client).ListUserTags, iam.ListUserTagsInput{UserName: aws.String("Carol"), MaxItems: aws.Int32(2)}, nil, nil,
			iam.ListUserTagsInput{UserName: aws.String("Carol")}), want: tagsPage(tag("b", "2"))},
		{name: "after a rename, under the new name", steps: []change{do(updateUser(&iam.UpdateUserInput{UserName: aws.String("Carol"), NewUserName: aws.String("Caroline")}))},
			call: listUserTags("Caroline", nil, nil), want: tagsPage(tag("Z", "9"), tag("a", "1"), tag("b", "2"))},
		{name: "no such user", call: listUserTags("Nobody", nil, nil), wantErr: noSuchUser("Nobody")},
		{name: "a user deleted and created again has none", steps: []change{do(deleteUser("Carol")), do(createUser(&iam.CreateUserInput{UserName: aws.String("Carol")}))},
			call: listUserTags("Carol", nil, nil), want: tagsPage()},
		{name: "a user deleted", steps: []change{do(deleteUser("Carol"))}, call: listUserTags("Carol", nil, nil), wantErr: noSuchUser("Carol")},
		{name: "MaxItems 0", call: listUserTags("Nobody", nil, aws.Int32(0)), wantErr: failedConstraints("maxItems", minValue(1))},
	})
}

// TestCreateUserTagRules: CreateUser's Tags follow TagUser's rules.
func TestCreateUserTagRules(t *testing.T) {
	carol := func(tags ...types.Tag) call {
		return createUser(&iam.CreateUserInput{UserName: aws.String("Carol"), Tags: tags})
	}
	runScenarios(t, seedUsers(), []scenario{
		{name: "duplicate keys", call: carol(tag("dupkey", "1"), tag("dupkey", "2")), wantErr: duplicateTagKeys},
		{name: "duplicate keys differing in case", call: carol(tag("mykey", "1"), tag("MyKey", "2")), wantErr: duplicateTagKeys},
		{name: "a reserved key", call: carol(tag("aws:x", "1")), wantErr: reservedTagKey},
		{name: "the name taken before the tags", call: createUser(&iam.CreateUserInput{UserName: bob, Tags: []types.Tag{tag("a", "1"), tag("A", "2")}}),
			wantErr: userExists("Bob")},
	})
}

// TestSeededTagRules: seeding refuses what TagUser refuses, naming it.
func TestSeededTagRules(t *testing.T) {
	for _, tc := range []struct {
		name string
		seed *fakeiam.PrincipalSeed
		want string
	}{
		{"duplicate keys", fakeiam.User("Bob").Tag("team", "a").Tag("TEAM", "b"), `user "Bob": Duplicate tag keys found. Please note that Tag keys are case insensitive.`},
		{"a reserved key", fakeiam.User("Bob").Tag("aws:x", "a"), `user "Bob": Tag keys beginning with aws: are reserved for AWS use.`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newFakeE(tc.seed)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("New: %v, want an error saying %q", err, tc.want)
			}
		})
	}
}

// TestListUserTagsLongKeys: keys longer than a marker holds (over 128
// bytes: é is two) that share their first 128 bytes, one of them exactly
// those bytes, still page one by one, in byte order, through both doors.
func TestListUserTagsLongKeys(t *testing.T) {
	stem := strings.Repeat("é", 100) // 200 bytes
	u := fakeiam.User("Bob")
	var want []string
	for _, s := range []string{"c", "a", "b", ""} {
		u = u.Tag(stem+s, s)
	}
	u = u.Tag("z", "z").Tag(strings.Repeat("é", 64), "short")
	for _, d := range doors {
		t.Run(d.name, func(t *testing.T) {
			f := newFake(u)
			c := d.client(t, f, f.Client())
			all, err := c.ListUserTags(context.Background(), &iam.ListUserTagsInput{UserName: bob})
			if err != nil {
				t.Fatal(err)
			}
			want = nil
			for _, tg := range all.Tags {
				want = append(want, *tg.Key)
			}
			var got []string
			p := iam.NewListUserTagsPaginator(c, &iam.ListUserTagsInput{UserName: bob, MaxItems: aws.Int32(1)})
			for p.HasMorePages() {
				page, err := p.NextPage(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				for _, tg := range page.Tags {
					got = append(got, *tg.Key)
				}
			}
			if len(want) != 6 || want[0] != "z" || want[1] != strings.Repeat("é", 64) || want[2] != stem || want[3] != stem+"a" {
				t.Errorf("the tags in one page are not sorted by key: %q", want)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("paged one by one (-want +got):\n%s", diff)
			}
		})
	}
}

// TestUserTagsFaultsAndCalls: the tag operations are in the operation
// table, so fault rules target them and the call log names them.
func TestUserTagsFaultsAndCalls(t *testing.T) {
	f := newFake(seedUsers()...)
	f.Inject(fakeiam.Rule{Operation: fakeiam.TagUser, Then: fakeiam.Fail(&fakeiam.Error{Code: "ConcurrentModification", Status: 409, Message: "busy"})})
	c := f.Client()
	ctx := context.Background()
	_, err := c.TagUser(ctx, &iam.TagUserInput{UserName: bob, Tags: []types.Tag{tag("a", "1")}})
	var cm *types.ConcurrentModificationException
	if !errors.As(err, &cm) {
		t.Errorf("TagUser under a rule: %v, want ConcurrentModificationException", err)
	}
	if _, err := c.ListUserTags(ctx, &iam.ListUserTagsInput{UserName: alice}); err != nil {
		t.Fatal(err)
	}
	calls := logged(t, f, fakeiam.ListUserTags, fakeiam.TagUser)
	if len(calls) != 2 {
		t.Fatalf("%d calls logged, want 2", len(calls))
	}
	if diff := cmp.Diff(fakeiam.TagUser, calls[0].Operation); diff != "" {
		t.Errorf("first call (-want +got):\n%s", diff)
	}
	out, ok := calls[1].Output.(*iam.ListUserTagsOutput)
	if !ok {
		t.Fatalf("ListUserTags logged output %T", calls[1].Output)
	}
	if diff := cmp.Diff([]types.Tag{tag("team", "eng")}, out.Tags, cmpOutputs); diff != "" {
		t.Errorf("logged ListUserTags output (-want +got):\n%s", diff)
	}
}

// TestSweepUserTags: Sweep fails each tag call in turn, as it does any
// operation in the table.
func TestSweepUserTags(t *testing.T) {
	var failed []fakeiam.Operation
	fakeiam.Sweep(t, fakeiam.ServiceFailure(), func(t *testing.T, f *fakeiam.Fake, failing *fakeiam.SweepCall) {
		c := f.Client()
		ctx := context.Background()
		_, err1 := c.TagUser(ctx, &iam.TagUserInput{UserName: bob, Tags: []types.Tag{tag("a", "1")}})
		_, err2 := c.ListUserTags(ctx, &iam.ListUserTagsInput{UserName: bob})
		_, err3 := c.UntagUser(ctx, &iam.UntagUserInput{UserName: bob, TagKeys: []string{"a"}})
		if failing == nil {
			if err := errors.Join(err1, err2, err3); err != nil {
				t.Errorf("clean run: %v", err)
			}
			return
		}
		failed = append(failed, failing.Operation)
		if err := []error{err1, err2, err3}[failing.N-1]; err == nil {
			t.Errorf("%v: no error", failing)
		}
	}, fakeiam.User("Bob"))
	if diff := cmp.Diff([]fakeiam.Operation{fakeiam.TagUser, fakeiam.ListUserTags, fakeiam.UntagUser}, failed); diff != "" {
		t.Errorf("calls swept (-want +got):\n%s", diff)
	}
}

// TestTagUserKeepsItsOwnCopy: a caller that changes its input after
// TagUser returns changes nothing in the fake (the SDK door hands the fake
// the caller's own values).
func TestTagUserKeepsItsOwnCopy(t *testing.T) {
	f := newFake(fakeiam.User("Bob"))
	c := f.Client()
	ctx := context.Background()
	key, value, newValue := aws.String("team"), aws.String("eng"), aws.String("x")
	in := &iam.TagUserInput{UserName: bob, Tags: []types.Tag{{Key: key, Value: value}}}
	if _, err := c.TagUser(ctx, in); err != nil {
		t.Fatal(err)
	}
	*key, *value = "changed", "changed"
	if _, err := c.TagUser(ctx, &iam.TagUserInput{UserName: bob, Tags: []types.Tag{{Key: aws.String("TEAM"), Value: newValue}}}); err != nil {
		t.Fatal(err)
	}
	*newValue = "changed"
	out, err := c.ListUserTags(ctx, &iam.ListUserTagsInput{UserName: bob})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]types.Tag{tag("team", "x")}, out.Tags, cmpOutputs); diff != "" {
		t.Errorf("tags after the caller changed its inputs (-want +got):\n%s", diff)
	}
}
