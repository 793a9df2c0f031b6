package fakeiam_test

// IAM-SPEC rows of "Users and access keys" for CreateUser, GetUser,
// ListUsers, UpdateUser and DeleteUser, each through the differential
// harness (both doors and the SDK's decoding of IAM's XML).
//
// IAM generates user ids, access key ids, secrets and markers, so a table
// cannot name them. Each row's call checks every such value's shape and
// replaces it with a label: a value that existed before the call gets the
// label it was given then ("<id of Bob>": the UserId Bob had before the
// row's steps ran), a new one a label for its kind ("<new user id>",
// "<new key id>", "<new secret>", "<marker>"). The reference answers with
// the labels themselves, which no shape matches, so they stay as they are.
// A value of the wrong shape keeps its raw text and the comparison fails.

import (
	"context"
	"fmt"
	"reflect"
	"regexp"
	"slices"
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

const uAcct = fakeiam.DefaultAccountID

// Seeded keys. Their ids contain 0 and 1, which IAM's generated ids (A-Z,
// 2-7) never do, so they are never mistaken for new ones.
var (
	uBobKey     = fakeiam.AccessKey{ID: "AKIAUSERSBOB00000001", Secret: "users-bob-secret"}
	uBobKey2    = fakeiam.AccessKey{ID: "AKIAUSERSBOB00000002", Secret: "users-bob-secret-2", Status: types.StatusTypeInactive}
	uRootKey    = fakeiam.AccessKey{ID: "AKIAUSERSROOT0000001", Secret: "users-root-secret"}
	uRoleKey    = fakeiam.AccessKey{ID: "ASIAUSERSROLE0000001", Secret: "users-role-secret"}
	uOtherRoot  = fakeiam.AccessKey{ID: "AKIAUSERSOTHERROOT01", Secret: "users-other-root-secret"}
	uOtherBob   = fakeiam.AccessKey{ID: "AKIAUSERSOTHERBOB001", Secret: "users-other-bob-secret"}
	uUnknownKey = "AKIAUSERSUNKNOWN0001"

	uBobCreated   = time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	uAliceCreated = time.Date(2024, 6, 7, 8, 9, 10, 0, time.UTC)
	uCarolCert    = fakeiam.SigningCertificate{ID: "USERSCAROLCERT00000000000001", Body: fakeiam.CertificatePEM("users carol"), UploadDate: uBobCreated}
)

// uSeed is the default account with Bob (one key), Alice (path /eng/, a
// tag, no key), the root and a role, each key known, plus more.
func uSeed(more ...fakeiam.Option) []fakeiam.Option {
	return append([]fakeiam.Option{
		fakeiam.User("Bob").CreatedAt(uBobCreated).AccessKey(uBobKey),
		fakeiam.User("Alice").Path("/eng/").CreatedAt(uAliceCreated).Tag("team", "eng"),
		fakeiam.Root().AccessKey(uRootKey),
		fakeiam.Role("Deployer").AccessKey(uRoleKey),
	}, more...)[: 4+len(more) : 4+len(more)] // rows append to it
}

// uOther is a second account with its own root and its own Bob.
func uOther(more ...fakeiam.Option) fakeiam.Option {
	return fakeiam.Account(otherAccount, append([]fakeiam.Option{
		fakeiam.Root().AccessKey(uOtherRoot),
		fakeiam.User("Bob").CreatedAt(uBobCreated).AccessKey(uOtherBob),
	}, more...)...)
}

// uARN is the ARN of user name at path in the default account.
func uARN(path, name string) string { return "arn:aws:iam::" + uAcct + ":user" + path + name }

// uUser is a user as CreateUser and GetUser return it; id is a label.
func uUser(path, name, id string, created time.Time, tags ...types.Tag) *types.User {
	return &types.User{Path: aws.String(path), UserName: aws.String(name), UserId: aws.String(id),
		Arn: aws.String(uARN(path, name)), CreateDate: aws.Time(created), Tags: tags}
}

func uTag(k, v string) types.Tag { return types.Tag{Key: aws.String(k), Value: aws.String(v)} }

// uRootUser is GetUser's answer for the root's own key: the account id as
// UserId, the root ARN, no UserName, no Path.
func uRootUser(created time.Time) *iam.GetUserOutput {
	return &iam.GetUserOutput{User: &types.User{UserId: aws.String(uAcct), Arn: aws.String("arn:aws:iam::" + uAcct + ":root"), CreateDate: aws.Time(created)}}
}

// uListed is how ListUsers lists users (never with tags).
func uListed(users ...*types.User) []types.User {
	out := []types.User{}
	for _, u := range users {
		c := *u
		c.Tags = nil
		out = append(out, c)
	}
	return out
}

// Error texts of IAM-SPEC.md.

func uExists(name string) *fakeiam.Error {
	return &fakeiam.Error{Code: "EntityAlreadyExists", Status: 409, Message: "User with name " + name + " already exists."}
}

func uConflict(what string) *fakeiam.Error {
	return &fakeiam.Error{Code: "DeleteConflict", Status: 409, Message: "Cannot delete entity, must delete " + what + " first."}
}

const (
	uTextUserName    = "The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-"
	uTextNewUserName = "The specified value for newUserName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-"
	uTextPath        = "The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters."
	uTextNewPath     = "The specified value for newPath is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters."
	uTextPathPrefix  = "The specified value for pathPrefix is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters."

	uMinLen1    = "Member must have length greater than or equal to 1"
	uMaxLen64   = "Member must have length less than or equal to 64"
	uMaxLen128  = "Member must have length less than or equal to 128"
	uMaxLen256  = "Member must have length less than or equal to 256"
	uMaxLen512  = "Member must have length less than or equal to 512"
	uMaxLen50   = "Member must have length less than or equal to 50"
	uMinVal1    = "Member must have value greater than or equal to 1"
	uMaxVal1000 = "Member must have value less than or equal to 1000"
	uTagPattern = `Member must satisfy regular expression pattern: [\p{L}\p{Z}\p{N}_.:/=+\-@]+`
	uValPattern = `Member must satisfy regular expression pattern: [\p{L}\p{Z}\p{N}_.:/=+\-@]*`
)

var uText = validationError // one of IAM's own texts: the whole message

// Shapes of generated values (IAM-SPEC.md "Outputs", "List").
var (
	uUserIDShape = regexp.MustCompile(`^AIDA[A-Z2-7]{17}$`)
	uKeyIDShape  = regexp.MustCompile(`^AKIA[A-Z2-7]{16}$`)
	uSecretShape = regexp.MustCompile(`^[A-Za-z0-9+/]{40}$`)
	uMarkerShape = regexp.MustCompile(`^[\x20-\x7e]{1,320}$`)
)

// uRun is one run of a row on one fake: what its steps created and the
// labels of generated values.
type uRun struct {
	t      *testing.T
	f      *fakeiam.Fake
	labels map[string]string // generated value → label
	keys   []types.AccessKey // keys the steps created, with their secrets
	// between runs once per run: in the call on the fake, not again in the
	// reference's (which has no state to change).
	betweenDone bool
}

// labelUsers labels the UserId of every user of the default account
// "<id of NAME>", and of the other account "<id of NAME in ACCOUNT>".
func (r *uRun) labelUsers() {
	r.t.Helper()
	out, err := r.f.Client().ListUsers(context.Background(), &iam.ListUsersInput{MaxItems: aws.Int32(1000)})
	if err != nil {
		r.t.Fatalf("labelling users: %v", err)
	}
	for _, u := range out.Users {
		if !uUserIDShape.MatchString(*u.UserId) {
			r.t.Errorf("user %s has UserId %q, not AIDA and 17 of A-Z2-7", *u.UserName, *u.UserId)
		}
		if prev, dup := r.labels[*u.UserId]; dup {
			r.t.Errorf("users %s and %s share UserId %s", prev, *u.UserName, *u.UserId)
		}
		r.labels[*u.UserId] = "<id of " + *u.UserName + ">"
	}
	// The other account's users, when a row seeds it (uOther).
	if out, err := r.f.ClientWithAccessKey(uOtherRoot.ID).ListUsers(context.Background(), &iam.ListUsersInput{MaxItems: aws.Int32(1000)}); err == nil {
		for _, u := range out.Users {
			r.labels[*u.UserId] = "<id of " + *u.UserName + " in " + otherAccount + ">"
		}
	}
}

// label replaces, in place, every generated value in out by its label.
func (r *uRun) label(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			r.label(v.Elem())
		}
	case reflect.Slice:
		for i := range v.Len() {
			r.label(v.Index(i))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			sf := v.Type().Field(i)
			if !sf.IsExported() || sf.Name == "ResultMetadata" {
				continue
			}
			if p, ok := v.Field(i).Interface().(*string); ok {
				if p != nil {
					if l := r.labelOf(sf.Name, *p); l != "" {
						v.Field(i).Set(reflect.ValueOf(&l))
					}
				}
				continue
			}
			r.label(v.Field(i))
		}
	}
}

func (r *uRun) labelOf(field, value string) string {
	if l, ok := r.labels[value]; ok {
		return l
	}
	shapes := map[string]struct {
		re    *regexp.Regexp
		label string
	}{
		"UserId":          {uUserIDShape, "<new user id>"},
		"AccessKeyId":     {uKeyIDShape, "<new key id>"},
		"SecretAccessKey": {uSecretShape, "<new secret>"},
		"Marker":          {uMarkerShape, "<marker>"},
	}
	if s, ok := shapes[field]; ok && s.re.MatchString(value) {
		return s.label
	}
	return ""
}

// root is a client of the default account's root, for steps.
func (r *uRun) root() *iam.Client { return r.f.Client() }

// uStep is a step before a row's call, on the fake under test.
type uStep func(r *uRun)

// uDo runs call as the root; the step fails the test if it fails.
func uDo(call func(context.Context, *iam.Client) (any, error)) uStep {
	return uDoAs(nil, call)
}

// uDoAs runs call as the client as gives (nil: the root).
func uDoAs(as func(*uRun) *iam.Client, call func(context.Context, *iam.Client) (any, error)) uStep {
	return func(r *uRun) {
		r.t.Helper()
		c := r.root()
		if as != nil {
			c = as(r)
		}
		if _, err := call(context.Background(), c); err != nil {
			r.t.Fatalf("step: %v", err)
		}
	}
}

// uNewKey creates an access key for user (nil: the root's own) through the
// API; later steps and the call name it as the run's key i (from 0), and
// outputs show its id as "<key i>".
func uNewKey(user *string) uStep {
	return func(r *uRun) {
		r.t.Helper()
		out, err := r.root().CreateAccessKey(context.Background(), &iam.CreateAccessKeyInput{UserName: user})
		if err != nil {
			r.t.Fatalf("step: create key: %v", err)
		}
		r.labels[*out.AccessKey.AccessKeyId] = "<key " + strconv.Itoa(len(r.keys)) + ">"
		r.keys = append(r.keys, *out.AccessKey)
	}
}

// uSetKey sets the status of the run's key i.
func uSetKey(i int, status types.StatusType) uStep {
	return func(r *uRun) {
		r.t.Helper()
		k := r.keys[i]
		if _, err := r.root().UpdateAccessKey(context.Background(), &iam.UpdateAccessKeyInput{UserName: k.UserName, AccessKeyId: k.AccessKeyId, Status: status}); err != nil {
			r.t.Fatalf("step: update key %d: %v", i, err)
		}
	}
}

// uDeleteKey deletes the run's key i.
func uDeleteKey(i int) uStep {
	return func(r *uRun) {
		r.t.Helper()
		k := r.keys[i]
		if _, err := r.root().DeleteAccessKey(context.Background(), &iam.DeleteAccessKeyInput{UserName: k.UserName, AccessKeyId: k.AccessKeyId}); err != nil {
			r.t.Fatalf("step: delete key %d: %v", i, err)
		}
	}
}

func uAdvance(d time.Duration) uStep {
	return func(r *uRun) {
		if err := r.f.Advance(d); err != nil {
			r.t.Fatal(err)
		}
	}
}

func uInject(rules ...fakeiam.Rule) uStep {
	return func(r *uRun) { r.f.Inject(rules...) }
}

// Callers.

// uAsKey signs with a seeded key (the secret the fake holds for it).
func uAsKey(id string) func(*uRun) *iam.Client {
	return func(r *uRun) *iam.Client { return r.f.ClientWithAccessKey(id) }
}

// uAsNewKey signs with the run's key i through f.ClientWithAccessKey.
func uAsNewKey(i int) func(*uRun) *iam.Client {
	return func(r *uRun) *iam.Client { return r.f.ClientWithAccessKey(*r.keys[i].AccessKeyId) }
}

// uAsNewKeyAttached signs with the run's key i from a client the test
// builds itself, with static credentials and f.Attach: the fake then checks
// the signature against the secret CreateAccessKey returned.
func uAsNewKeyAttached(i int, secret func(string) string) func(*uRun) *iam.Client {
	return func(r *uRun) *iam.Client {
		k := r.keys[i]
		s := *k.SecretAccessKey
		if secret != nil {
			s = secret(s)
		}
		return iam.New(iam.Options{Region: "us-east-1", Credentials: staticCreds(fakeiam.AccessKey{ID: *k.AccessKeyId, Secret: s})}, r.f.Attach)
	}
}

// uRow is one call of a user or access-key operation against seeded state.
type uRow struct {
	name    string
	seed    []fakeiam.Option // nil: uSeed()
	steps   []uStep
	as      func(*uRun) *iam.Client // the caller; nil: the default account's root
	call    func(context.Context, *iam.Client, *uRun) (any, error)
	want    any
	wantErr *fakeiam.Error
}

func (row uRow) run(t *testing.T) {
	t.Helper()
	row.scenario(t)
}

// scenario runs the row through the harness and returns the SDK door's
// outcome and its fake.
func (row uRow) scenario(t *testing.T) (outcome, *fakeiam.Fake) {
	t.Helper()
	seed := row.seed
	if seed == nil {
		seed = uSeed()
	}
	var r *uRun
	return runScenario(t, scenario{
		name: row.name,
		seed: seed,
		client: func(f *fakeiam.Fake) *iam.Client {
			r = &uRun{t: t, f: f, labels: map[string]string{}}
			r.labelUsers()
			for _, s := range row.steps {
				s(r)
			}
			if row.as == nil {
				return f.Client()
			}
			return row.as(r)
		},
		call: func(ctx context.Context, c *iam.Client) (any, error) {
			out, err := row.call(ctx, c, r)
			if err == nil && out != nil {
				r.label(reflect.ValueOf(out))
			}
			return out, err
		},
		want:    row.want,
		wantErr: row.wantErr,
	})
}

func uRunRows(t *testing.T, rows []uRow) {
	t.Helper()
	names := map[string]bool{}
	for _, row := range rows {
		if names[row.name] {
			t.Fatalf("two rows named %q", row.name)
		}
		names[row.name] = true
		t.Run(row.name, row.run)
	}
}

// Calls.

type uCall = func(context.Context, *iam.Client, *uRun) (any, error)

func uCreate(in *iam.CreateUserInput) uCall {
	return func(ctx context.Context, c *iam.Client, _ *uRun) (any, error) { return c.CreateUser(ctx, in) }
}

func uGet(name *string) uCall {
	return func(ctx context.Context, c *iam.Client, _ *uRun) (any, error) {
		return c.GetUser(ctx, &iam.GetUserInput{UserName: name})
	}
}

func uList(in *iam.ListUsersInput) uCall {
	return func(ctx context.Context, c *iam.Client, _ *uRun) (any, error) { return c.ListUsers(ctx, in) }
}

func uUpdate(in *iam.UpdateUserInput) uCall {
	return func(ctx context.Context, c *iam.Client, _ *uRun) (any, error) { return c.UpdateUser(ctx, in) }
}

func uDelete(name string) uCall {
	return func(ctx context.Context, c *iam.Client, _ *uRun) (any, error) {
		return c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String(name)})
	}
}

// step forms of the calls, ignoring the run.
func uStepCall(call uCall) func(context.Context, *iam.Client) (any, error) {
	return func(ctx context.Context, c *iam.Client) (any, error) { return call(ctx, c, nil) }
}

// uListThen lists users with first, runs between (once, on the fake), then
// lists with next and the marker first returned, passed through edit.
func uListThen(first iam.ListUsersInput, between []uStep, edit func(string) string, next iam.ListUsersInput) uCall {
	return uPageThen((*iam.Client).ListUsers, func(o *iam.ListUsersOutput) *string { return o.Marker },
		func(in *iam.ListUsersInput, m *string) { in.Marker = m }, first, between, edit, next)
}

// uPageThen is a listing with first, then between (once, on the fake), then
// the listing with next and the marker first returned, passed through edit:
// for any list operation, given how to call it and where its marker is.
func uPageThen[In, Out any](list func(*iam.Client, context.Context, *In, ...func(*iam.Options)) (*Out, error),
	markerOf func(*Out) *string, setMarker func(*In, *string),
	first In, between []uStep, edit func(string) string, next In) uCall {
	return func(ctx context.Context, c *iam.Client, r *uRun) (any, error) {
		out, err := list(c, ctx, &first)
		if err != nil {
			return nil, err
		}
		if !r.betweenDone {
			r.betweenDone = true
			for _, s := range between {
				s(r)
			}
		}
		in := next
		m := aws.ToString(markerOf(out))
		if edit != nil {
			m = edit(m)
		}
		setMarker(&in, &m)
		return list(c, ctx, &in)
	}
}

// uMarkerFrom lists users with a marker that another listing returned:
// from lists (with the run, on the fake) and returns that marker.
func uMarkerFrom(from func(context.Context, *uRun) (*string, error), next iam.ListUsersInput) uCall {
	return func(ctx context.Context, c *iam.Client, r *uRun) (any, error) {
		m, err := from(ctx, r)
		if err != nil {
			return nil, err
		}
		in := next
		in.Marker = m
		return c.ListUsers(ctx, &in)
	}
}

var (
	uBob   = aws.String("Bob")
	uAlice = aws.String("Alice")
)

// uBobUser and uAliceUser are the seeded users as GetUser returns them.
var (
	uBobUser   = uUser("/", "Bob", "<id of Bob>", uBobCreated)
	uAliceUser = uUser("/eng/", "Alice", "<id of Alice>", uAliceCreated, uTag("team", "eng"))
)

func TestCreateUserSpec(t *testing.T) {
	carol := func(in iam.CreateUserInput) uCall {
		in.UserName = aws.String("Carol")
		return uCreate(&in)
	}
	created := func(path string, tags ...types.Tag) *iam.CreateUserOutput {
		return &iam.CreateUserOutput{User: uUser(path, "Carol", "<new user id>", testNow, tags...)}
	}
	name64 := strings.Repeat("n", 64)
	tags := func(n int) []types.Tag {
		var ts []types.Tag
		for i := range n {
			ts = append(ts, uTag("k"+strconv.Itoa(i), "v"))
		}
		return ts
	}
	uRunRows(t, []uRow{
		{name: "new user", call: carol(iam.CreateUserInput{}), want: created("/")},
		{name: "with a path: the Arn holds it", call: carol(iam.CreateUserInput{Path: aws.String("/division_abc/subdivision_xyz/")}),
			want: created("/division_abc/subdivision_xyz/")},
		{name: "path of every printable character", call: carol(iam.CreateUserInput{Path: aws.String("/!~a-Z_0/9/")}), want: created("/!~a-Z_0/9/")},
		{name: "with tags, in their order", call: carol(iam.CreateUserInput{Tags: []types.Tag{uTag("team", "eng"), uTag("cost-center", "12345")}}),
			want: created("/", uTag("team", "eng"), uTag("cost-center", "12345"))},
		{name: "50 tags", call: carol(iam.CreateUserInput{Tags: tags(50)}), want: created("/", tags(50)...)},
		{name: "tag key 128 and value 256 characters", call: carol(iam.CreateUserInput{Tags: []types.Tag{uTag(strings.Repeat("k", 128), strings.Repeat("v", 256))}}),
			want: created("/", uTag(strings.Repeat("k", 128), strings.Repeat("v", 256)))},
		{name: "tag of letters, digits, spaces and IAM's punctuation", call: carol(iam.CreateUserInput{Tags: []types.Tag{uTag("Kö 1_.:/=+-@", "ü 9 x")}}),
			want: created("/", uTag("Kö 1_.:/=+-@", "ü 9 x"))},
		{name: "name of 64 characters", call: uCreate(&iam.CreateUserInput{UserName: aws.String(name64)}),
			want: &iam.CreateUserOutput{User: uUser("/", name64, "<new user id>", testNow)}},
		{name: "name with every punctuation IAM allows", call: uCreate(&iam.CreateUserInput{UserName: aws.String("a+b=c,d.e@f-g_h")}),
			want: &iam.CreateUserOutput{User: uUser("/", "a+b=c,d.e@f-g_h", "<new user id>", testNow)}},
		{name: "create date follows Advance", steps: []uStep{uAdvance(36*time.Hour + 5*time.Second)}, call: carol(iam.CreateUserInput{}),
			want: &iam.CreateUserOutput{User: uUser("/", "Carol", "<new user id>", testNow.Add(36*time.Hour+5*time.Second))}},
		{name: "create date in whole seconds, UTC",
			seed: uSeed(fakeiam.WithClock(func() time.Time {
				return time.Date(2031, 7, 8, 11, 10, 11, 750_000_000, time.FixedZone("UTC+2", 2*3600))
			})),
			call: carol(iam.CreateUserInput{}),
			want: &iam.CreateUserOutput{User: uUser("/", "Carol", "<new user id>", time.Date(2031, 7, 8, 9, 10, 11, 0, time.UTC))}},
		{name: "as a user", as: uAsKey(uBobKey.ID), call: carol(iam.CreateUserInput{}), want: created("/")},
		{name: "as a role", as: uAsKey(uRoleKey.ID), call: carol(iam.CreateUserInput{}), want: created("/")},
		{name: "in the caller's account: another account may have a Bob too", seed: uSeed(uOther()), as: uAsKey(uOtherRoot.ID),
			call: uCreate(&iam.CreateUserInput{UserName: aws.String("Alice")}),
			want: &iam.CreateUserOutput{User: &types.User{Path: aws.String("/"), UserName: aws.String("Alice"), UserId: aws.String("<new user id>"),
				Arn: aws.String("arn:aws:iam::" + otherAccount + ":user/Alice"), CreateDate: aws.Time(testNow)}}},
		{name: "the name of a deleted user is free, with a new id", steps: []uStep{uDo(uStepCall(uDelete("Alice")))},
			call: uCreate(&iam.CreateUserInput{UserName: uAlice}), want: &iam.CreateUserOutput{User: uUser("/", "Alice", "<new user id>", testNow)}},

		// Names are unique ignoring case.
		{name: "name taken", call: uCreate(&iam.CreateUserInput{UserName: uBob}), wantErr: uExists("Bob")},
		{name: "name taken in another case", call: uCreate(&iam.CreateUserInput{UserName: aws.String("bOB")}), wantErr: uExists("bOB")},
		{name: "name taken by a user created just before", steps: []uStep{uDo(uStepCall(carol(iam.CreateUserInput{})))},
			call: carol(iam.CreateUserInput{Path: aws.String("/other/")}), wantErr: uExists("Carol")},
		{name: "name taken checked after validation", call: uCreate(&iam.CreateUserInput{UserName: uBob, Path: aws.String("nope")}), wantErr: uText(uTextPath)},

		// Constraints.
		{name: "userName empty", call: uCreate(&iam.CreateUserInput{UserName: aws.String("")}), wantErr: lcInvalid("userName", uMinLen1)},
		{name: "userName 65 characters", call: uCreate(&iam.CreateUserInput{UserName: aws.String(name64 + "n")}), wantErr: lcInvalid("userName", uMaxLen64)},
		{name: "userName with a space", call: uCreate(&iam.CreateUserInput{UserName: aws.String("bad name")}), wantErr: uText(uTextUserName)},
		{name: "userName with a slash", call: uCreate(&iam.CreateUserInput{UserName: aws.String("a/b")}), wantErr: uText(uTextUserName)},
		{name: "userName with a non-ASCII letter", call: uCreate(&iam.CreateUserInput{UserName: aws.String("Bjørn")}), wantErr: uText(uTextUserName)},
		{name: "userName 65 characters with a space: the length alone", call: uCreate(&iam.CreateUserInput{UserName: aws.String(name64 + " ")}),
			wantErr: lcInvalid("userName", uMaxLen64)},
		{name: "path empty", call: carol(iam.CreateUserInput{Path: aws.String("")}), wantErr: lcInvalid("path", uMinLen1)},
		{name: "path without slashes", call: carol(iam.CreateUserInput{Path: aws.String("division")}), wantErr: uText(uTextPath)},
		{name: "path without the last slash", call: carol(iam.CreateUserInput{Path: aws.String("/division")}), wantErr: uText(uTextPath)},
		{name: "path of two slashes", call: carol(iam.CreateUserInput{Path: aws.String("//")}), wantErr: uText(uTextPath)},
		{name: "path with a space", call: carol(iam.CreateUserInput{Path: aws.String("/a b/")}), wantErr: uText(uTextPath)},
		{name: "path with DEL", call: carol(iam.CreateUserInput{Path: aws.String("/a\x7f/")}), wantErr: uText(uTextPath)},
		{name: "path 512 characters", call: carol(iam.CreateUserInput{Path: aws.String("/" + strings.Repeat("p", 510) + "/")}),
			want: created("/" + strings.Repeat("p", 510) + "/")},
		{name: "path 513 characters", call: carol(iam.CreateUserInput{Path: aws.String("/" + strings.Repeat("p", 511) + "/")}), wantErr: lcInvalid("path", uMaxLen512)},
		{name: "51 tags", call: carol(iam.CreateUserInput{Tags: tags(51)}), wantErr: lcInvalid("tags", uMaxLen50)},
		{name: "tag key empty", call: carol(iam.CreateUserInput{Tags: []types.Tag{uTag("", "v")}}), wantErr: lcInvalid("tags.1.member.key", uMinLen1)},
		{name: "tag key 129 characters", call: carol(iam.CreateUserInput{Tags: []types.Tag{uTag(strings.Repeat("k", 129), "v")}}),
			wantErr: lcInvalid("tags.1.member.key", uMaxLen128)},
		{name: "tag key outside the pattern", call: carol(iam.CreateUserInput{Tags: []types.Tag{uTag("a*b", "v")}}), wantErr: lcInvalid("tags.1.member.key", uTagPattern)},
		{name: "tag value 257 characters", call: carol(iam.CreateUserInput{Tags: []types.Tag{uTag("k", strings.Repeat("v", 257))}}),
			wantErr: lcInvalid("tags.1.member.value", uMaxLen256)},
		{name: "second tag's value outside the pattern", call: carol(iam.CreateUserInput{Tags: []types.Tag{uTag("k", "v"), uTag("k2", "a#b")}}),
			wantErr: lcInvalid("tags.2.member.value", uValPattern)},
		{name: "51 tags, one with a bad key", call: carol(iam.CreateUserInput{Tags: append(tags(50), uTag("", "v"))}),
			wantErr: lcInvalid("tags", uMaxLen50, "tags.51.member.key", uMinLen1)},
		// Several failures: the model's member order (Path, UserName, Tags);
		// a custom text only when no standard failure, the first in that order.
		{name: "path and userName empty: model order", call: uCreate(&iam.CreateUserInput{UserName: aws.String(""), Path: aws.String("")}),
			wantErr: lcInvalid("path", uMinLen1, "userName", uMinLen1)},
		{name: "path, userName and tags: model order", call: uCreate(&iam.CreateUserInput{UserName: aws.String(name64 + "n"), Path: aws.String(""), Tags: tags(51)}),
			wantErr: lcInvalid("path", uMinLen1, "userName", uMaxLen64, "tags", uMaxLen50)},
		{name: "path text and userName text: the path's, first in model order", call: uCreate(&iam.CreateUserInput{UserName: aws.String("bad name"), Path: aws.String("x")}),
			wantErr: uText(uTextPath)},
		{name: "path text yields to a userName length failure", call: uCreate(&iam.CreateUserInput{UserName: aws.String(""), Path: aws.String("x")}),
			wantErr: lcInvalid("userName", uMinLen1)},
		{name: "userName text yields to a tag failure", call: uCreate(&iam.CreateUserInput{UserName: aws.String("bad name"), Tags: tags(51)}),
			wantErr: lcInvalid("tags", uMaxLen50)},
		{name: "PermissionsBoundary is refused loudly, not ignored", call: carol(iam.CreateUserInput{PermissionsBoundary: aws.String("arn:aws:iam::aws:policy/PowerUserAccess")}),
			wantErr: &fakeiam.Error{Code: "NotImplemented", Status: 501, Message: "fakeiam does not implement the PermissionsBoundary parameter of CreateUser (nothing was done)"}},
	})
}

func TestGetUserSpec(t *testing.T) {
	name128 := strings.Repeat("n", 128)
	uRunRows(t, []uRow{
		{name: "named user", call: uGet(uBob), want: &iam.GetUserOutput{User: uBobUser}},
		{name: "named user with a path and tags", call: uGet(uAlice), want: &iam.GetUserOutput{User: uAliceUser}},
		{name: "name in another case: the user's own name", call: uGet(aws.String("ALICE")), want: &iam.GetUserOutput{User: uAliceUser}},
		{name: "a user created through the API", steps: []uStep{uDo(uStepCall(uCreate(&iam.CreateUserInput{UserName: aws.String("Carol"), Path: aws.String("/x/")})))},
			call: uGet(aws.String("Carol")), want: &iam.GetUserOutput{User: uUser("/x/", "Carol", "<new user id>", testNow)}},
		{name: "seeded without CreatedAt: the fake's time at New", seed: []fakeiam.Option{fakeiam.User("Dave")}, call: uGet(aws.String("Dave")),
			want: &iam.GetUserOutput{User: uUser("/", "Dave", "<id of Dave>", testNow)}},
		{name: "unknown user", call: uGet(aws.String("Nobody")), wantErr: noSuchUser("Nobody")},
		{name: "another account's user", seed: uSeed(uOther(fakeiam.User("Carol"))), call: uGet(aws.String("Carol")), wantErr: noSuchUser("Carol")},
		{name: "in another account, its own Bob", seed: uSeed(uOther()), as: uAsKey(uOtherRoot.ID), call: uGet(uBob),
			want: &iam.GetUserOutput{User: &types.User{Path: aws.String("/"), UserName: uBob, UserId: aws.String("<id of Bob in " + otherAccount + ">"),
				Arn: aws.String("arn:aws:iam::" + otherAccount + ":user/Bob"), CreateDate: aws.Time(uBobCreated)}}},

		// The implicit caller.
		{name: "implicit: a user's key gives that user", as: uAsKey(uBobKey.ID), call: uGet(nil), want: &iam.GetUserOutput{User: uBobUser}},
		{name: "implicit: the root's key gives the root's shape", as: uAsKey(uRootKey.ID), call: uGet(nil), want: uRootUser(testNow)},
		{name: "implicit: the root of an account without users", seed: []fakeiam.Option{fakeiam.Root().AccessKey(uRootKey)}, call: uGet(nil), want: uRootUser(testNow)},
		{name: "implicit: a role must name a user", as: uAsKey(uRoleKey.ID), call: uGet(nil), wantErr: lcNonUser},
		{name: "a role naming a user", as: uAsKey(uRoleKey.ID), call: uGet(uAlice), want: &iam.GetUserOutput{User: uAliceUser}},
		{name: "a user naming another user", as: uAsKey(uBobKey.ID), call: uGet(uAlice), want: &iam.GetUserOutput{User: uAliceUser}},
		{name: "the root naming a user", call: uGet(uBob), as: uAsKey(uRootKey.ID), want: &iam.GetUserOutput{User: uBobUser}},

		// Constraints.
		{name: "userName empty", call: uGet(aws.String("")), wantErr: lcInvalid("userName", uMinLen1)},
		{name: "userName 129 characters", call: uGet(aws.String(name128 + "n")), wantErr: lcInvalid("userName", uMaxLen128)},
		{name: "userName 128 characters passes validation", call: uGet(aws.String(name128)), wantErr: noSuchUser(name128)},
		{name: "userName with a space", call: uGet(aws.String("bad name")), wantErr: uText(uTextUserName)},
		{name: "validation before the implicit caller", as: uAsKey(uRoleKey.ID), call: uGet(aws.String("")), wantErr: lcInvalid("userName", uMinLen1)},
	})
}

func TestUpdateUserSpec(t *testing.T) {
	rename := func(from, to string) uStep {
		return uDo(uStepCall(uUpdate(&iam.UpdateUserInput{UserName: aws.String(from), NewUserName: aws.String(to)})))
	}
	move := func(name, path string) uStep {
		return uDo(uStepCall(uUpdate(&iam.UpdateUserInput{UserName: aws.String(name), NewPath: aws.String(path)})))
	}
	robert := uUser("/", "Robert", "<id of Bob>", uBobCreated)
	withCert := uSeed(fakeiam.User("Carol").CreatedAt(uBobCreated).SigningCertificate(uCarolCert).AccessKey(fakeiam.AccessKey{ID: "AKIAUSERSCAROL000001", Secret: "c"}))
	name64 := strings.Repeat("n", 64)
	uRunRows(t, []uRow{
		{name: "rename", call: uUpdate(&iam.UpdateUserInput{UserName: uBob, NewUserName: aws.String("Robert")}), want: &iam.UpdateUserOutput{}},
		{name: "rename: UserId and CreateDate kept, Arn recomputed", steps: []uStep{rename("Bob", "Robert")}, call: uGet(aws.String("Robert")),
			want: &iam.GetUserOutput{User: robert}},
		{name: "rename: the old name is gone", steps: []uStep{rename("Bob", "Robert")}, call: uGet(uBob), wantErr: noSuchUser("Bob")},
		{name: "rename: the old name is free", steps: []uStep{rename("Bob", "Robert")}, call: uCreate(&iam.CreateUserInput{UserName: uBob}),
			want: &iam.CreateUserOutput{User: uUser("/", "Bob", "<new user id>", testNow)}},
		{name: "rename: tags kept", steps: []uStep{rename("Alice", "Alicia")}, call: uGet(aws.String("Alicia")),
			want: &iam.GetUserOutput{User: uUser("/eng/", "Alicia", "<id of Alice>", uAliceCreated, uTag("team", "eng"))}},
		{name: "rename: the keys follow the new name", steps: []uStep{rename("Bob", "Robert")},
			call: akList(&iam.ListAccessKeysInput{UserName: aws.String("Robert")}), want: akPage(akMeta("Robert", uBobKey.ID, types.StatusTypeActive, uBobCreated))},
		{name: "rename: the certificates follow the new name", seed: withCert, steps: []uStep{rename("Carol", "Caroline")},
			call: func(ctx context.Context, c *iam.Client, _ *uRun) (any, error) {
				return c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: aws.String("Caroline")})
			},
			want: page(listed("Caroline", uCarolCert))},
		{name: "rename: the user's keys keep signing, as the new name", steps: []uStep{rename("Bob", "Robert")}, as: uAsKey(uBobKey.ID), call: uGet(nil),
			want: &iam.GetUserOutput{User: robert}},
		{name: "rename: a key created before keeps signing", steps: []uStep{uNewKey(uAlice), rename("Alice", "Alicia")}, as: uAsNewKeyAttached(0, nil),
			call: akList(nil), want: akPage(akMeta("Alicia", "<key 0>", types.StatusTypeActive, testNow))},
		{name: "rename: listed in the new name's place", steps: []uStep{rename("Bob", "Zed")}, call: uList(&iam.ListUsersInput{}),
			want: &iam.ListUsersOutput{Users: uListed(uAliceUser, uUser("/", "Zed", "<id of Bob>", uBobCreated))}},
		{name: "rename to another case of the same name (choice: allowed)", steps: []uStep{rename("Bob", "BOB")}, call: uGet(uBob),
			want: &iam.GetUserOutput{User: uUser("/", "BOB", "<id of Bob>", uBobCreated)}},
		{name: "named in another case", call: uUpdate(&iam.UpdateUserInput{UserName: aws.String("bob"), NewUserName: aws.String("Robert")}), want: &iam.UpdateUserOutput{}},
		{name: "NewPath alone moves the Arn", steps: []uStep{move("Bob", "/ops/")}, call: uGet(uBob),
			want: &iam.GetUserOutput{User: uUser("/ops/", "Bob", "<id of Bob>", uBobCreated)}},
		{name: "NewPath alone: the path prefix lists it", steps: []uStep{move("Bob", "/eng/team/")}, call: uList(&iam.ListUsersInput{PathPrefix: aws.String("/eng/")}),
			want: &iam.ListUsersOutput{Users: uListed(uAliceUser, uUser("/eng/team/", "Bob", "<id of Bob>", uBobCreated))}},
		{name: "rename and move at once",
			steps: []uStep{uDo(uStepCall(uUpdate(&iam.UpdateUserInput{UserName: uBob, NewUserName: aws.String("Robert"), NewPath: aws.String("/ops/")})))},
			call:  uGet(aws.String("Robert")), want: &iam.GetUserOutput{User: uUser("/ops/", "Robert", "<id of Bob>", uBobCreated)}},
		{name: "neither NewUserName nor NewPath: nothing changes", steps: []uStep{uDo(uStepCall(uUpdate(&iam.UpdateUserInput{UserName: uAlice})))},
			call: uGet(uAlice), want: &iam.GetUserOutput{User: uAliceUser}},
		{name: "as a role", as: uAsKey(uRoleKey.ID), call: uUpdate(&iam.UpdateUserInput{UserName: uBob, NewPath: aws.String("/x/")}), want: &iam.UpdateUserOutput{}},

		// Refusals.
		{name: "unknown user", call: uUpdate(&iam.UpdateUserInput{UserName: aws.String("Nobody"), NewUserName: aws.String("Robert")}), wantErr: noSuchUser("Nobody")},
		{name: "unknown user, new name taken: the user first", call: uUpdate(&iam.UpdateUserInput{UserName: aws.String("Nobody"), NewUserName: uAlice}),
			wantErr: noSuchUser("Nobody")},
		{name: "new name taken", call: uUpdate(&iam.UpdateUserInput{UserName: uBob, NewUserName: uAlice}), wantErr: uExists("Alice")},
		{name: "new name taken in another case", call: uUpdate(&iam.UpdateUserInput{UserName: uBob, NewUserName: aws.String("ALICE")}), wantErr: uExists("ALICE")},
		{name: "new name taken: nothing changed", steps: []uStep{func(r *uRun) {
			r.root().UpdateUser(context.Background(), &iam.UpdateUserInput{UserName: uBob, NewUserName: uAlice, NewPath: aws.String("/moved/")})
		}}, call: uGet(uBob), want: &iam.GetUserOutput{User: uBobUser}},
		{name: "userName empty", call: uUpdate(&iam.UpdateUserInput{UserName: aws.String(""), NewPath: aws.String("/x/")}), wantErr: lcInvalid("userName", uMinLen1)},
		{name: "userName with a space", call: uUpdate(&iam.UpdateUserInput{UserName: aws.String("bad name"), NewPath: aws.String("/x/")}), wantErr: uText(uTextUserName)},
		{name: "newUserName 64 characters", call: uUpdate(&iam.UpdateUserInput{UserName: uBob, NewUserName: aws.String(name64)}), want: &iam.UpdateUserOutput{}},
		{name: "newUserName 65 characters", call: uUpdate(&iam.UpdateUserInput{UserName: uBob, NewUserName: aws.String(name64 + "n")}), wantErr: lcInvalid("newUserName", uMaxLen64)},
		{name: "newUserName empty", call: uUpdate(&iam.UpdateUserInput{UserName: uBob, NewUserName: aws.String("")}), wantErr: lcInvalid("newUserName", uMinLen1)},
		{name: "newUserName with a space (its own text names newUserName)", call: uUpdate(&iam.UpdateUserInput{UserName: uBob, NewUserName: aws.String("a b")}),
			wantErr: uText(uTextNewUserName)},
		{name: "newPath empty", call: uUpdate(&iam.UpdateUserInput{UserName: uBob, NewPath: aws.String("")}), wantErr: lcInvalid("newPath", uMinLen1)},
		{name: "newPath without slashes (its own text names newPath)", call: uUpdate(&iam.UpdateUserInput{UserName: uBob, NewPath: aws.String("ops")}),
			wantErr: uText(uTextNewPath)},
		{name: "newPath 513 characters", call: uUpdate(&iam.UpdateUserInput{UserName: uBob, NewPath: aws.String("/" + strings.Repeat("p", 511) + "/")}),
			wantErr: lcInvalid("newPath", uMaxLen512)},
		{name: "three failures in model order", call: uUpdate(&iam.UpdateUserInput{UserName: aws.String(""), NewPath: aws.String(""), NewUserName: aws.String("")}),
			wantErr: lcInvalid("userName", uMinLen1, "newPath", uMinLen1, "newUserName", uMinLen1)},
		{name: "userName text before newPath text", call: uUpdate(&iam.UpdateUserInput{UserName: aws.String("a b"), NewPath: aws.String("x")}), wantErr: uText(uTextUserName)},
		{name: "validation before the user lookup", call: uUpdate(&iam.UpdateUserInput{UserName: aws.String("Nobody"), NewPath: aws.String("x")}), wantErr: uText(uTextNewPath)},
	})
}

func TestDeleteUserSpec(t *testing.T) {
	carolKey := fakeiam.AccessKey{ID: "AKIAUSERSCAROL000001", Secret: "c"}
	carol := func() *fakeiam.PrincipalSeed { return fakeiam.User("Carol").CreatedAt(uBobCreated) }
	deleteKey := func(user, id string) uStep {
		return uDo(func(ctx context.Context, c *iam.Client) (any, error) {
			return c.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: aws.String(user), AccessKeyId: aws.String(id)})
		})
	}
	deleteCert := func(user, id string) uStep {
		return uDo(deleteCall(&iam.DeleteSigningCertificateInput{UserName: aws.String(user), CertificateId: aws.String(id)}))
	}
	both := uSeed(carol().AccessKey(carolKey).SigningCertificate(uCarolCert))
	uRunRows(t, []uRow{
		{name: "a user without keys or certificates", call: uDelete("Alice"), want: &iam.DeleteUserOutput{}},
		{name: "then GetUser: gone", steps: []uStep{uDo(uStepCall(uDelete("Alice")))}, call: uGet(uAlice), wantErr: noSuchUser("Alice")},
		{name: "then ListUsers: gone", steps: []uStep{uDo(uStepCall(uDelete("Alice")))}, call: uList(&iam.ListUsersInput{}),
			want: &iam.ListUsersOutput{Users: uListed(uBobUser)}},
		{name: "named in another case", call: uDelete("aLICE"), want: &iam.DeleteUserOutput{}},
		{name: "a user created through the API", steps: []uStep{uDo(uStepCall(uCreate(&iam.CreateUserInput{UserName: aws.String("Carol")})))},
			call: uDelete("Carol"), want: &iam.DeleteUserOutput{}},
		{name: "as a role", as: uAsKey(uRoleKey.ID), call: uDelete("Alice"), want: &iam.DeleteUserOutput{}},
		{name: "twice", steps: []uStep{uDo(uStepCall(uDelete("Alice")))}, call: uDelete("Alice"), wantErr: noSuchUser("Alice")},
		{name: "unknown user", call: uDelete("Nobody"), wantErr: noSuchUser("Nobody")},
		{name: "another account's user", seed: uSeed(uOther(carol())), call: uDelete("Carol"), wantErr: noSuchUser("Carol")},

		// DeleteConflict: access keys, then certificates.
		{name: "with an access key", call: uDelete("Bob"), wantErr: uConflict("access keys")},
		{name: "with an Inactive access key only", seed: uSeed(carol().AccessKey(fakeiam.AccessKey{ID: carolKey.ID, Secret: "c", Status: types.StatusTypeInactive})),
			call: uDelete("Carol"), wantErr: uConflict("access keys")},
		{name: "with a key created through the API", steps: []uStep{uNewKey(uAlice)}, call: uDelete("Alice"), wantErr: uConflict("access keys")},
		{name: "with a signing certificate", seed: uSeed(carol().SigningCertificate(uCarolCert)), call: uDelete("Carol"), wantErr: uConflict("certificates")},
		{name: "with an Inactive signing certificate", seed: uSeed(carol().SigningCertificate(fakeiam.SigningCertificate{ID: uCarolCert.ID, Body: uCarolCert.Body, Status: types.StatusTypeInactive})),
			call: uDelete("Carol"), wantErr: uConflict("certificates")},
		{name: "with a certificate uploaded through the API",
			steps: []uStep{uDo(uploadCall(&iam.UploadSigningCertificateInput{UserName: uAlice, CertificateBody: aws.String(fakeiam.CertificatePEM("users alice"))}))},
			call:  uDelete("Alice"), wantErr: uConflict("certificates")},
		{name: "with keys and certificates: the keys first", seed: both, call: uDelete("Carol"), wantErr: uConflict("access keys")},
		{name: "keys deleted: the certificates next", seed: both, steps: []uStep{deleteKey("Carol", carolKey.ID)}, call: uDelete("Carol"), wantErr: uConflict("certificates")},
		{name: "certificates deleted: the keys still", seed: both, steps: []uStep{deleteCert("Carol", uCarolCert.ID)}, call: uDelete("Carol"), wantErr: uConflict("access keys")},
		{name: "keys and certificates deleted", seed: both, steps: []uStep{deleteKey("Carol", carolKey.ID), deleteCert("Carol", uCarolCert.ID)},
			call: uDelete("Carol"), want: &iam.DeleteUserOutput{}},
		{name: "refused: nothing deleted", seed: both, steps: []uStep{func(r *uRun) {
			r.root().DeleteUser(context.Background(), &iam.DeleteUserInput{UserName: aws.String("Carol")})
		}},
			call: uGet(aws.String("Carol")), want: &iam.GetUserOutput{User: uUser("/", "Carol", "<id of Carol>", uBobCreated)}},
		{name: "moto: DeleteUser refused while certificates remain", seed: uSeed(carol().SigningCertificate(uCarolCert)), call: uDelete("Carol"), wantErr: uConflict("certificates")},

		// Constraints.
		{name: "userName empty", call: uDelete(""), wantErr: lcInvalid("userName", uMinLen1)},
		{name: "userName 129 characters", call: uDelete(strings.Repeat("n", 129)), wantErr: lcInvalid("userName", uMaxLen128)},
		{name: "userName with a space", call: uDelete("bad name"), wantErr: uText(uTextUserName)},
	})
}

// uNamed seeds users by name, created at uBobCreated.
func uNamed(names ...string) []fakeiam.Option {
	var opts []fakeiam.Option
	for _, n := range names {
		opts = append(opts, fakeiam.User(n).CreatedAt(uBobCreated))
	}
	return slices.Clip(opts) // rows append to it
}

// uAt is seeded user name at path, as listed.
func uAt(path, name string) *types.User {
	return uUser(path, name, "<id of "+name+">", uBobCreated)
}

func uPage(users ...*types.User) *iam.ListUsersOutput {
	return &iam.ListUsersOutput{Users: uListed(users...)}
}

func uTruncated(users ...*types.User) *iam.ListUsersOutput {
	return &iam.ListUsersOutput{Users: uListed(users...), IsTruncated: true, Marker: aws.String("<marker>")}
}

func TestListUsersSpec(t *testing.T) {
	mixed := uNamed("delta", "Bravo", "alpha", "Charlie")
	paths := []fakeiam.Option{
		fakeiam.User("ann").Path("/eng/").CreatedAt(uBobCreated),
		fakeiam.User("ben").Path("/engineering/").CreatedAt(uBobCreated),
		fakeiam.User("cat").Path("/exec/").CreatedAt(uBobCreated),
		fakeiam.User("dan").CreatedAt(uBobCreated),
		fakeiam.User("eve").Path("/eng/team/").CreatedAt(uBobCreated),
	}
	uRunRows(t, []uRow{
		{name: "order: by name, ignoring case", seed: mixed, call: uList(&iam.ListUsersInput{}),
			want: uPage(uAt("/", "alpha"), uAt("/", "Bravo"), uAt("/", "Charlie"), uAt("/", "delta"))},
		{name: "never with tags", call: uList(&iam.ListUsersInput{}), want: uPage(uAliceUser, uBobUser)},
		{name: "users created through the API take their place", seed: mixed,
			steps: []uStep{uDo(uStepCall(uCreate(&iam.CreateUserInput{UserName: aws.String("BETA")}))), uDo(uStepCall(uCreate(&iam.CreateUserInput{UserName: aws.String("echo")})))},
			call:  uList(&iam.ListUsersInput{}),
			want: uPage(uAt("/", "alpha"), uUser("/", "BETA", "<new user id>", testNow), uAt("/", "Bravo"), uAt("/", "Charlie"),
				uAt("/", "delta"), uUser("/", "echo", "<new user id>", testNow))},
		{name: "no users: empty, not truncated", seed: []fakeiam.Option{fakeiam.Root().AccessKey(uRootKey)}, call: uList(&iam.ListUsersInput{}), want: uPage()},
		{name: "as a user", seed: mixed, as: func(r *uRun) *iam.Client { return r.f.User("alpha").Client() }, call: uList(&iam.ListUsersInput{}),
			want: uPage(uAt("/", "alpha"), uAt("/", "Bravo"), uAt("/", "Charlie"), uAt("/", "delta"))},
		{name: "as a role", as: uAsKey(uRoleKey.ID), call: uList(&iam.ListUsersInput{}), want: uPage(uAliceUser, uBobUser)},
		{name: "the caller's account only", seed: uSeed(uOther()), as: uAsKey(uOtherRoot.ID), call: uList(&iam.ListUsersInput{}),
			want: &iam.ListUsersOutput{Users: []types.User{{Path: aws.String("/"), UserName: uBob, UserId: aws.String("<id of Bob in " + otherAccount + ">"),
				Arn: aws.String("arn:aws:iam::" + otherAccount + ":user/Bob"), CreateDate: aws.Time(uBobCreated)}}}},

		// PathPrefix is a plain string prefix of the path.
		{name: "PathPrefix / is everyone", seed: paths, call: uList(&iam.ListUsersInput{PathPrefix: aws.String("/")}),
			want: uPage(uAt("/eng/", "ann"), uAt("/engineering/", "ben"), uAt("/exec/", "cat"), uAt("/", "dan"), uAt("/eng/team/", "eve"))},
		{name: "PathPrefix /eng/", seed: paths, call: uList(&iam.ListUsersInput{PathPrefix: aws.String("/eng/")}),
			want: uPage(uAt("/eng/", "ann"), uAt("/eng/team/", "eve"))},
		{name: "PathPrefix /eng, no trailing slash", seed: paths, call: uList(&iam.ListUsersInput{PathPrefix: aws.String("/eng")}),
			want: uPage(uAt("/eng/", "ann"), uAt("/engineering/", "ben"), uAt("/eng/team/", "eve"))},
		{name: "PathPrefix /e", seed: paths, call: uList(&iam.ListUsersInput{PathPrefix: aws.String("/e")}),
			want: uPage(uAt("/eng/", "ann"), uAt("/engineering/", "ben"), uAt("/exec/", "cat"), uAt("/eng/team/", "eve"))},
		{name: "PathPrefix is case-sensitive", seed: paths, call: uList(&iam.ListUsersInput{PathPrefix: aws.String("/ENG/")}), want: uPage()},
		{name: "PathPrefix matching no one", seed: paths, call: uList(&iam.ListUsersInput{PathPrefix: aws.String("/nobody/")}), want: uPage()},
		{name: "PathPrefix with DEL passes validation", seed: paths, call: uList(&iam.ListUsersInput{PathPrefix: aws.String("/\x7f")}), want: uPage()},
		{name: "PathPrefix pages", seed: paths, call: uList(&iam.ListUsersInput{PathPrefix: aws.String("/eng"), MaxItems: aws.Int32(2)}),
			want: uTruncated(uAt("/eng/", "ann"), uAt("/engineering/", "ben"))},
		{name: "PathPrefix pages: exactly full is not truncated", seed: paths, call: uList(&iam.ListUsersInput{PathPrefix: aws.String("/eng/"), MaxItems: aws.Int32(2)}),
			want: uPage(uAt("/eng/", "ann"), uAt("/eng/team/", "eve"))},
		{name: "PathPrefix pages: the next page", seed: paths,
			call: uListThen(iam.ListUsersInput{PathPrefix: aws.String("/eng"), MaxItems: aws.Int32(1)}, nil, nil,
				iam.ListUsersInput{PathPrefix: aws.String("/eng"), MaxItems: aws.Int32(1)}),
			want: uTruncated(uAt("/engineering/", "ben"))},

		// Constraints.
		{name: "pathPrefix empty", call: uList(&iam.ListUsersInput{PathPrefix: aws.String("")}), wantErr: lcInvalid("pathPrefix", uMinLen1)},
		{name: "pathPrefix without a leading slash", call: uList(&iam.ListUsersInput{PathPrefix: aws.String("eng/")}), wantErr: uText(uTextPathPrefix)},
		{name: "pathPrefix with a space", call: uList(&iam.ListUsersInput{PathPrefix: aws.String("/a b")}), wantErr: uText(uTextPathPrefix)},
		{name: "pathPrefix 513 characters", call: uList(&iam.ListUsersInput{PathPrefix: aws.String("/" + strings.Repeat("p", 512))}), wantErr: lcInvalid("pathPrefix", uMaxLen512)},
		{name: "maxItems 0", call: uList(&iam.ListUsersInput{MaxItems: aws.Int32(0)}), wantErr: lcInvalid("maxItems", uMinVal1)},
		{name: "maxItems 1001", call: uList(&iam.ListUsersInput{MaxItems: aws.Int32(1001)}), wantErr: lcInvalid("maxItems", uMaxVal1000)},
		{name: "marker empty", call: uList(&iam.ListUsersInput{Marker: aws.String("")}), wantErr: lcInvalid("marker", uMinLen1)},
		{name: "marker 321 characters", call: uList(&iam.ListUsersInput{Marker: aws.String(strings.Repeat("A", 321))}),
			wantErr: lcInvalid("marker", "Member must have length less than or equal to 320")},
		{name: "three failures in model order", call: uList(&iam.ListUsersInput{PathPrefix: aws.String(""), Marker: aws.String(""), MaxItems: aws.Int32(0)}),
			wantErr: lcInvalid("pathPrefix", uMinLen1, "marker", uMinLen1, "maxItems", uMinVal1)},
		{name: "pathPrefix text yields to a maxItems failure", call: uList(&iam.ListUsersInput{PathPrefix: aws.String("x"), MaxItems: aws.Int32(1001)}),
			wantErr: lcInvalid("maxItems", uMaxVal1000)},
	})
}

func TestListUsersPaging(t *testing.T) {
	var names []string
	for i := range 150 {
		names = append(names, fmt.Sprintf("user%03d", i))
	}
	many := uNamed(names...)
	all := func(lo, hi int) []*types.User {
		var us []*types.User
		for _, n := range names[lo:hi] {
			us = append(us, uAt("/", n))
		}
		return us
	}
	five := uNamed("a", "b", "c", "d", "e")
	two := aws.Int32(2)
	create := func(name string) uStep {
		return uDo(uStepCall(uCreate(&iam.CreateUserInput{UserName: aws.String(name)})))
	}
	del := func(name string) uStep { return uDo(uStepCall(uDelete(name))) }
	listedAfter := func(first iam.ListUsersInput, between ...uStep) uCall {
		return uListThen(first, between, nil, iam.ListUsersInput{MaxItems: two})
	}
	fromCerts := func(ctx context.Context, r *uRun) (*string, error) {
		out, err := r.root().ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: aws.String("a"), MaxItems: aws.Int32(1)})
		if err != nil {
			return nil, err
		}
		return out.Marker, nil
	}
	fromKeys := func(ctx context.Context, r *uRun) (*string, error) {
		out, err := r.root().ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: aws.String("a"), MaxItems: aws.Int32(1)})
		if err != nil {
			return nil, err
		}
		return out.Marker, nil
	}
	fromOtherAccount := func(ctx context.Context, r *uRun) (*string, error) {
		out, err := r.f.ClientWithAccessKey(uOtherRoot.ID).ListUsers(ctx, &iam.ListUsersInput{MaxItems: aws.Int32(1)})
		if err != nil {
			return nil, err
		}
		return out.Marker, nil
	}
	fromOtherFake := func(ctx context.Context, r *uRun) (*string, error) {
		out, err := newFake(five...).Client().ListUsers(ctx, &iam.ListUsersInput{MaxItems: aws.Int32(1)})
		if err != nil {
			return nil, err
		}
		return out.Marker, nil
	}
	withCertsAndKeys := append(uNamed("b", "c", "d", "e"), fakeiam.User("a").CreatedAt(uBobCreated).
		SigningCertificate(cert(1), cert(2)).AccessKey(fakeiam.AccessKey{ID: "AKIAUSERSPAGING00001", Secret: "s"}, fakeiam.AccessKey{ID: "AKIAUSERSPAGING00002", Secret: "s"}))
	uRunRows(t, []uRow{
		{name: "default MaxItems is 100", seed: many, call: uList(&iam.ListUsersInput{}), want: uTruncated(all(0, 100)...)},
		{name: "default MaxItems, second page", seed: many, call: uListThen(iam.ListUsersInput{}, nil, nil, iam.ListUsersInput{}), want: uPage(all(100, 150)...)},
		{name: "MaxItems 1000 returns all 150", seed: many, call: uList(&iam.ListUsersInput{MaxItems: aws.Int32(1000)}), want: uPage(all(0, 150)...)},
		{name: "MaxItems 149 of 150", seed: many, call: uList(&iam.ListUsersInput{MaxItems: aws.Int32(149)}), want: uTruncated(all(0, 149)...)},
		{name: "MaxItems 2 of 5", seed: five, call: uList(&iam.ListUsersInput{MaxItems: two}), want: uTruncated(uAt("/", "a"), uAt("/", "b"))},
		{name: "the next page", seed: five, call: listedAfter(iam.ListUsersInput{MaxItems: two}), want: uTruncated(uAt("/", "c"), uAt("/", "d"))},
		{name: "the next page may use another MaxItems", seed: five,
			call: uListThen(iam.ListUsersInput{MaxItems: aws.Int32(1)}, nil, nil, iam.ListUsersInput{MaxItems: aws.Int32(10)}),
			want: uPage(uAt("/", "b"), uAt("/", "c"), uAt("/", "d"), uAt("/", "e"))},
		{name: "a user's marker for the root: the same account's list", seed: five, as: func(r *uRun) *iam.Client { return r.f.User("a").Client() },
			call: uMarkerFrom(func(ctx context.Context, r *uRun) (*string, error) {
				out, err := r.root().ListUsers(ctx, &iam.ListUsersInput{MaxItems: aws.Int32(4)})
				if err != nil {
					return nil, err
				}
				return out.Marker, nil
			}, iam.ListUsersInput{}),
			want: uPage(uAt("/", "e"))},

		// Users created or deleted between pages: those that existed
		// throughout are neither repeated nor skipped.
		{name: "after deleting the marker's user", seed: five, call: listedAfter(iam.ListUsersInput{MaxItems: two}, del("b")),
			want: uTruncated(uAt("/", "c"), uAt("/", "d"))},
		{name: "after deleting every listed user", seed: five, call: listedAfter(iam.ListUsersInput{MaxItems: two}, del("a"), del("b")),
			want: uTruncated(uAt("/", "c"), uAt("/", "d"))},
		{name: "after deleting the next user", seed: five, call: listedAfter(iam.ListUsersInput{MaxItems: two}, del("c")),
			want: uPage(uAt("/", "d"), uAt("/", "e"))},
		{name: "after creating a user before the marker", seed: five, call: listedAfter(iam.ListUsersInput{MaxItems: two}, create("aa")),
			want: uTruncated(uAt("/", "c"), uAt("/", "d"))},
		{name: "after creating a user right after the marker", seed: five, call: listedAfter(iam.ListUsersInput{MaxItems: two}, create("BB")),
			want: uTruncated(uUser("/", "BB", "<new user id>", testNow), uAt("/", "c"))},
		{name: "after deleting the marker's user and creating it again", seed: five, call: listedAfter(iam.ListUsersInput{MaxItems: two}, del("b"), create("B")),
			want: uTruncated(uAt("/", "c"), uAt("/", "d"))},

		// Markers from elsewhere.
		{name: "garbage marker", seed: five, call: uList(&iam.ListUsersInput{Marker: aws.String("garbage")}), wantErr: invalidMarker},
		{name: "tampered marker", seed: five, call: uListThen(iam.ListUsersInput{MaxItems: two}, nil, func(m string) string { return flipChar(m, 5) }, iam.ListUsersInput{}),
			wantErr: invalidMarker},
		{name: "truncated marker", seed: five, call: uListThen(iam.ListUsersInput{MaxItems: two}, nil, func(m string) string { return m[:len(m)-2] }, iam.ListUsersInput{}),
			wantErr: invalidMarker},
		{name: "a ListSigningCertificates marker", seed: withCertsAndKeys, call: uMarkerFrom(fromCerts, iam.ListUsersInput{}), wantErr: invalidMarker},
		{name: "a ListAccessKeys marker", seed: withCertsAndKeys, call: uMarkerFrom(fromKeys, iam.ListUsersInput{}), wantErr: invalidMarker},
		{name: "another account's marker", seed: append(five, uOther(fakeiam.User("a"), fakeiam.User("c"))), call: uMarkerFrom(fromOtherAccount, iam.ListUsersInput{}),
			wantErr: invalidMarker},
		{name: "another fake's marker", seed: append(five, fakeiam.WithSeed(9)), call: uMarkerFrom(fromOtherFake, iam.ListUsersInput{}), wantErr: invalidMarker},
		{name: "validation before the marker check", seed: five, call: uList(&iam.ListUsersInput{Marker: aws.String("garbage"), MaxItems: aws.Int32(0)}),
			wantErr: lcInvalid("maxItems", uMinVal1)},
	})
}

// TestListUsersContinuesAcrossWrites: a listing continued with a marker
// taken before users were created or deleted never repeats a user, never
// skips one that existed throughout, and never shows one deleted before the
// page was asked for.
func TestListUsersContinuesAcrossWrites(t *testing.T) {
	type world struct {
		c       *iam.Client
		listed  []string
		held    func() []string
		deleted map[string]bool
		n       int
	}
	ctx := context.Background()
	del := func(t *testing.T, w *world, name string) {
		if _, err := w.c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: &name}); err != nil {
			t.Fatalf("delete %s: %v", name, err)
		}
		w.deleted[strings.ToLower(name)] = true
	}
	create := func(t *testing.T, w *world, name string) {
		if _, err := w.c.CreateUser(ctx, &iam.CreateUserInput{UserName: &name}); err != nil {
			t.Fatalf("create %s: %v", name, err)
		}
		delete(w.deleted, strings.ToLower(name))
	}
	unlisted := func(w *world) []string {
		return slices.DeleteFunc(w.held(), func(n string) bool { return slices.Contains(w.listed, n) })
	}
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, w *world)
	}{
		{"nothing", func(*testing.T, *world) {}},
		{"delete the marker's user", func(t *testing.T, w *world) { del(t, w, w.listed[len(w.listed)-1]) }},
		{"delete the next unlisted", func(t *testing.T, w *world) {
			if u := unlisted(w); len(u) > 0 {
				del(t, w, u[0])
			}
		}},
		{"delete the last", func(t *testing.T, w *world) {
			if u := unlisted(w); len(u) > 0 {
				del(t, w, u[len(u)-1])
			}
		}},
		{"create one before the marker", func(t *testing.T, w *world) { w.n++; create(t, w, "A"+strconv.Itoa(w.n)) }},
		{"create one after the marker", func(t *testing.T, w *world) { w.n++; create(t, w, w.listed[len(w.listed)-1]+"x"+strconv.Itoa(w.n)) }},
		{"create one at the end", func(t *testing.T, w *world) { w.n++; create(t, w, "zz"+strconv.Itoa(w.n)) }},
		{"delete the marker's user and create it again in another case", func(t *testing.T, w *world) {
			last := w.listed[len(w.listed)-1]
			del(t, w, last)
			create(t, w, strings.ToUpper(last))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var seeds []fakeiam.Option
			for i := range 9 {
				seeds = append(seeds, fakeiam.User(fmt.Sprintf("%c%d", "bBcCdDeEf"[i], i)))
			}
			f := newFake(seeds...)
			w := &world{c: f.Client(), deleted: map[string]bool{}}
			w.held = func() []string {
				out, err := f.Client().ListUsers(ctx, &iam.ListUsersInput{MaxItems: aws.Int32(1000)})
				if err != nil {
					t.Fatal(err)
				}
				var ns []string
				for _, u := range out.Users {
					ns = append(ns, *u.UserName)
				}
				return ns
			}
			initial := w.held()
			seen := map[string]int{}
			var marker *string
			for page := 1; ; page++ {
				if page > 40 {
					t.Fatal("listing did not end after 40 pages")
				}
				out, err := w.c.ListUsers(ctx, &iam.ListUsersInput{MaxItems: aws.Int32(2), Marker: marker})
				if err != nil {
					t.Fatalf("page %d: %v", page, err)
				}
				for _, u := range out.Users {
					name := *u.UserName
					seen[strings.ToLower(name)]++
					if w.deleted[strings.ToLower(name)] {
						t.Errorf("page %d shows %s, deleted before it was asked for", page, name)
					}
					w.listed = append(w.listed, name)
				}
				if out.Marker == nil {
					break
				}
				tc.change(t, w)
				marker = out.Marker
			}
			for name, n := range seen {
				if n > 1 {
					t.Errorf("%s listed %d times", name, n)
				}
			}
			var throughout, got []string
			for _, n := range initial {
				if !w.deleted[strings.ToLower(n)] {
					throughout = append(throughout, n)
				}
			}
			for _, n := range w.listed {
				if slices.Contains(throughout, n) {
					got = append(got, n)
				}
			}
			if diff := cmp.Diff(throughout, got); diff != "" {
				t.Errorf("users that existed throughout, as the listing showed them (-want +got):\n%s", diff)
			}
		})
	}
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
