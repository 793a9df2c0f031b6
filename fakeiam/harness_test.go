package fakeiam_test

// The test harness: read this first.
//
// A scenario row is one IAM call against seeded state, and IAM's answer:
//
//	{name: "a role must name a user", seed: seedUsers(),
//		steps: []change{newKey(alice)}, as: asKey(roleKey.ID),
//		call:  getUser(nil), wantErr: mustSpecifyUserName}
//
// reads "in seedUsers()'s account, after Alice got a new access key, the
// role's key calls GetUser without UserName; IAM answers ValidationError".
//   - seed: the fake's options (nil: runScenarios' default seed).
//   - steps: changes to the fake before the call, in order: do(call),
//     doAs(caller, call), try(call) (its outcome ignored), newKey(user),
//     setKey(i, status), deleteKey(i), uploadCertificate(user, body),
//     advance(d), inject(rules...), or any func(*run).
//   - as: the caller: asKey(id), asUser(name), asNewKey(i),
//     asNewKeyAttached(i, secret); nil is the default account's root.
//   - call: one call named after IAM's operation (createUser, getUser,
//     listUsers, listAccessKeys, uploadSigningCertificate, ...:
//     calls_test.go), listThen/listFrom for a page after a first one, or
//     markerFrom for a marker another listing gave.
//   - want: the output pointer IAM returns (ResultMetadata left zero); or
//     wantErr: IAM's error, from texts_test.go (failedConstraints("userName",
//     minLength(1)), invalidName("userName"), noSuchUser("Bob"), ...).
//
// runScenarios (runScenario for one row) answers each row on a fresh fake
// through both doors (the SDK middleware, and the real SDK over loopback
// HTTP to the fake's Handler), and once more by a reference client whose
// innermost Deserialize middleware returns IAM's XML for the expected
// answer, so the SDK's own deserializers, error wrappers and retryer build
// the reference result. All must agree: the same err.Error() string, the
// same errors.As results, cmp.Diff-equal outputs. Every list output also
// keeps the rules of every page (checkListShape).
//
// Placeholders. IAM generates ids, secrets and markers, so an expectation
// names them by placeholder; the harness checks the fake's value and puts
// it in the placeholder's place, in outputs and error messages alike:
//
//	<new user id>, <new key id>, <new secret>, <new certificate id>,
//	<new ssh key id>, <marker>
//	    a value of the kind's shape (placeholderShapes) that no placeholder
//	    below names: new in this call
//	<id of NAME>, <id of NAME in ACCOUNT>
//	    the UserId user NAME had before the steps ran
//	<key I>, <certificate I>
//	    the id of the I-th (from 0) key newKey, or certificate
//	    uploadCertificate, created in the steps
//
// Dates are never placeholders: the fake's clock stands at testNow, and
// seeds name their own dates (bobCreated, certDate, t0).
//
// Where things are: seeds and the expected values written from them
// (seedUsers, seedCertificates, otherAccountSeed, usersNamed, cert(i);
// bobKey, rootKey, roleKey, ...; bobUser, userAt, usersPage, keyListed,
// keysPage, newAccessKey, listedCertificates, certificatesPage, ...) in
// seeds_test.go; calls, steps and callers in calls_test.go; IAM's error
// texts in texts_test.go; the reference client in reference_test.go.
//
// A list operation: add its row to listOperations (list_behaviors_test.go):
// how to seed n items, how to call one page, how to read a page's ids, how
// to add and remove one item. MaxItems' default and range, markers bound
// to account, user and operation and refused when changed, continuing
// across writes, the IsTruncated/Marker rules and ShortPage then run
// against it through both doors. Its own rows (order, filters, what an item
// holds) go in its test file like any other operation's.

import (
	"context"
	"errors"
	"go/token"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// testNow is the time most tests run at: their fakes' clocks stand still
// there (WithFixedTime), so expectations can name dates.
var testNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// newFake is MustNew at testNow; later options (another clock) win.
func newFake(opts ...fakeiam.Option) *fakeiam.Fake {
	return fakeiam.MustNew(append([]fakeiam.Option{fakeiam.WithFixedTime(testNow)}, opts...)...)
}

// newFakeE is New at testNow.
func newFakeE(opts ...fakeiam.Option) (*fakeiam.Fake, error) {
	return fakeiam.New(append([]fakeiam.Option{fakeiam.WithFixedTime(testNow)}, opts...)...)
}

// logged is the call log, failing the test if it dropped attempts.
func logged(t testing.TB, f *fakeiam.Fake, ops ...fakeiam.Operation) []fakeiam.Call {
	t.Helper()
	calls, err := f.Calls(ops...)
	if err != nil {
		t.Fatal(err)
	}
	return calls
}

// scenario is one IAM call against seeded state and IAM's expected answer:
// wantErr, or else want (an output pointer such as
// *iam.ListSigningCertificatesOutput, ResultMetadata left zero).
type scenario struct {
	name    string
	seed    []fakeiam.Option         // nil: runScenarios' default seed
	steps   []change                 // run on the fake before the call
	as      func(r *run) *iam.Client // the caller; nil: the default account's root
	call    call
	want    any
	wantErr *fakeiam.Error
	// sdkOnly marks a scenario whose outcome is the fake's own (not IAM's),
	// which only the SDK door can deliver as a Go error.
	sdkOnly bool
}

// call is a scenario's call: c is the caller's client through the door
// under test (or the reference's), r the run on the fake.
type call = func(ctx context.Context, c *iam.Client, r *run) (any, error)

// change is a step that changes the fake before a scenario's call.
type change func(r *run)

// run is one scenario on one fresh fake: the values its placeholders stand
// for, and the keys and certificates its steps created.
type run struct {
	t     *testing.T
	f     *fakeiam.Fake
	named map[string]string // "<id of Bob>" → Bob's UserId, "<key 0>" → an id
	known map[string]bool   // values that existed before the call
	keys  []types.AccessKey // keys newKey created, with their secrets
	certs int               // certificates uploadCertificate created
	// betweenDone: listThen's steps run once per run, in the call on the
	// fake, not again in the reference's (which has no state to change).
	betweenDone bool
}

// root is a client of the default account's root, for steps.
func (r *run) root() *iam.Client { return r.f.Client() }

// name records that placeholder stands for value.
func (r *run) name(placeholder, value string) {
	r.named[placeholder] = value
	r.known[value] = true
}

// nameUsers names the UserId of every user of the default account "<id of
// NAME>", and of the other account "<id of NAME in ACCOUNT>", checking
// their shape and that no two share one.
func (r *run) nameUsers() {
	r.t.Helper()
	out, err := r.f.Client().ListUsers(context.Background(), &iam.ListUsersInput{MaxItems: aws.Int32(1000)})
	if err != nil {
		r.t.Fatalf("naming users: %v", err)
	}
	userID := regexp.MustCompile(`^` + placeholderShapes["<new user id>"] + `$`)
	for _, u := range out.Users {
		if !userID.MatchString(*u.UserId) {
			r.t.Errorf("user %s has UserId %q, not AIDA and 17 of A-Z2-7", *u.UserName, *u.UserId)
		}
		if r.known[*u.UserId] {
			r.t.Errorf("user %s shares UserId %s with another", *u.UserName, *u.UserId)
		}
		r.name("<id of "+*u.UserName+">", *u.UserId)
	}
	// The groups, "<id of group NAME>" (groups_test.go).
	groups, err := r.f.Client().ListGroups(context.Background(), &iam.ListGroupsInput{MaxItems: aws.Int32(1000)})
	if err != nil {
		r.t.Fatalf("naming groups: %v", err)
	}
	for _, g := range groups.Groups {
		r.name("<id of group "+*g.GroupName+">", *g.GroupId)
	}
	// The managed policies, "<id of policy NAME>" (managed_policies_test.go).
	policies, err := r.f.Client().ListPolicies(context.Background(), &iam.ListPoliciesInput{Scope: types.PolicyScopeTypeLocal, MaxItems: aws.Int32(1000)})
	if err != nil {
		r.t.Fatalf("naming policies: %v", err)
	}
	for _, p := range policies.Policies {
		r.name("<id of policy "+*p.PolicyName+">", *p.PolicyId)
	}
	// The server certificates, "<id of server certificate NAME>"
	// (server_certificates_test.go).
	certs, err := r.f.Client().ListServerCertificates(context.Background(), &iam.ListServerCertificatesInput{MaxItems: aws.Int32(1000)})
	if err != nil {
		r.t.Fatalf("naming server certificates: %v", err)
	}
	for _, c := range certs.ServerCertificateMetadataList {
		r.name("<id of server certificate "+*c.ServerCertificateName+">", *c.ServerCertificateId)
	}
	// The roles, "<id of role NAME>" (roles_test.go).
	roles, err := r.f.Client().ListRoles(context.Background(), &iam.ListRolesInput{MaxItems: aws.Int32(1000)})
	if err != nil {
		r.t.Fatalf("naming roles: %v", err)
	}
	for _, role := range roles.Roles {
		r.name("<id of role "+*role.RoleName+">", *role.RoleId)
	}
	// The SAML providers, "<uuid of saml provider NAME>"
	// (saml_providers_test.go).
	samls, err := r.f.Client().ListSAMLProviders(context.Background(), &iam.ListSAMLProvidersInput{})
	if err != nil {
		r.t.Fatalf("naming SAML providers: %v", err)
	}
	for _, s := range samls.SAMLProviderList {
		got, err := r.f.Client().GetSAMLProvider(context.Background(), &iam.GetSAMLProviderInput{SAMLProviderArn: s.Arn})
		if err != nil {
			r.t.Fatalf("naming SAML providers: %v", err)
		}
		r.name("<uuid of saml provider "+(*s.Arn)[strings.LastIndexByte(*s.Arn, '/')+1:]+">", *got.SAMLProviderUUID)
	}
	// The instance profiles, "<id of instance profile NAME>"
	// (instance_profiles_test.go).
	profiles, err := r.f.Client().ListInstanceProfiles(context.Background(), &iam.ListInstanceProfilesInput{MaxItems: aws.Int32(1000)})
	if err != nil {
		r.t.Fatalf("naming instance profiles: %v", err)
	}
	for _, p := range profiles.InstanceProfiles {
		r.name("<id of instance profile "+*p.InstanceProfileName+">", *p.InstanceProfileId)
	}
	// The other account's users, when a row seeds it (otherAccountSeed).
	if out, err := r.f.ClientWithAccessKey(otherRootKey.ID).ListUsers(context.Background(), &iam.ListUsersInput{MaxItems: aws.Int32(1000)}); err == nil {
		for _, u := range out.Users {
			r.name("<id of "+*u.UserName+" in "+otherAccount+">", *u.UserId)
		}
	}
}

// placeholderShapes are the placeholders of generated values and the shape
// (docs/contract.md "Outputs", "List") the fake's value must have.
var placeholderShapes = map[string]string{
	"<new user id>":        `AIDA[A-Z2-7]{17}`,
	"<new key id>":         `AKIA[A-Z2-7]{16}`,
	"<new secret>":         `[A-Za-z0-9+/]{40}`,
	"<new certificate id>": `[A-Z0-9]{24,128}`,
	"<new ssh key id>":     `APKA[A-Z2-7]{16}`,
	"<marker>":             `[\x20-\x7e]{1,320}`,
	// A seeded role's session's UserId (RoleId:session): no operation
	// names the RoleId before the call (the fake has no role operations),
	// so it is checked by shape alone.
	"<role session id>": `AROA[A-Z2-7]{17}:fakeiam`,
	"<new group id>":    `AGPA[A-Z2-7]{17}`,
	// Service-specific credentials (service_specific_credentials_test.go).
	"<new ssc id>":       `ACCA[A-Z2-7]{17}`,
	"<new ssc password>": `[A-Za-z0-9+/]{43}=`,
	"<new api key>":      `ABSK[A-Za-z0-9+/]+=*`,
	// Managed policies (managed_policies_test.go).
	"<new policy id>": `ANPA[A-Z2-7]{17}`,
	// Server certificates (server_certificates_test.go).
	"<new server certificate id>": `ASCA[A-Z2-7]{17}`,
	// Roles (roles_test.go).
	"<new role id>": `AROA[A-Z2-7]{17}`,
	// SAML providers (saml_providers_test.go).
	"<new saml provider uuid>": `[A-Z2-7]{22}`,
	// Instance profiles (instance_profiles_test.go).
	"<new instance profile id>": `AIPA[A-Z2-7]{17}`,
	// Service-linked roles (service_linked_roles_test.go): a deletion task
	// of the ECS role, ending in a version 4 UUID.
	// Temporary credentials (assume_role_test.go): an assumed role's
	// session's id, RoleId:session, is checked by shape.
	"<new session key id>":    `ASIA[A-Z2-7]{16}`,
	"<new session token>":     `IQoJb3JpZ2luX2Vj[A-Za-z0-9_-]+`,
	"<assumed role id>":       `AROA[A-Z2-7]{17}:[\w+=,.@-]+`,
	"<new ecs deletion task>": `task/aws-service-role/ecs\.amazonaws\.com/AWSServiceRoleForECS/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}`,
}

// mentionsUsers says whether want names users' ids, so the run must name
// them before the steps.
func mentionsUsers(want any, wantErr *fakeiam.Error) bool {
	found := false
	if wantErr != nil {
		found = strings.Contains(wantErr.Message, "<id of ") || strings.Contains(wantErr.Message, "<new user id>")
	}
	walkStrings(reflect.ValueOf(want), func(s string) {
		found = found || strings.HasPrefix(s, "<id of ") || s == "<new user id>" || strings.HasPrefix(s, "<uuid of ") // saml_providers_test.go
	})
	return found
}

func walkStrings(v reflect.Value, visit func(string)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkStrings(v.Elem(), visit)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				walkStrings(v.Field(i), visit)
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			walkStrings(v.Index(i), visit)
		}
	case reflect.String:
		visit(v.String())
	}
}

// resolve returns want with each placeholder string replaced by the string
// at the same place in got, when got's is what the placeholder stands for;
// a placeholder got does not fill stays, and the comparison shows it.
func (r *run) resolve(want, got any) any {
	r.t.Helper()
	if want == nil || got == nil {
		return want
	}
	w, g := reflect.ValueOf(want), reflect.ValueOf(got)
	if w.Type() != g.Type() {
		return want
	}
	return r.resolveValue(w, g).Interface()
}

func (r *run) resolveValue(w, g reflect.Value) reflect.Value {
	switch w.Kind() {
	case reflect.Pointer:
		if w.IsNil() || g.IsNil() {
			return w
		}
		c := reflect.New(w.Type().Elem())
		c.Elem().Set(r.resolveValue(w.Elem(), g.Elem()))
		return c
	case reflect.Struct:
		c := reflect.New(w.Type()).Elem()
		c.Set(w)
		for i := range w.NumField() {
			if c.Field(i).CanSet() {
				c.Field(i).Set(r.resolveValue(w.Field(i), g.Field(i)))
			}
		}
		return c
	case reflect.Slice:
		if w.IsNil() || w.Len() != g.Len() {
			return w
		}
		c := reflect.MakeSlice(w.Type(), w.Len(), w.Len())
		for i := range w.Len() {
			c.Index(i).Set(r.resolveValue(w.Index(i), g.Index(i)))
		}
		return c
	case reflect.String:
		if p := w.String(); strings.HasPrefix(p, "<") {
			if pattern, ok := r.pattern(p); ok {
				if regexp.MustCompile(`^`+pattern+`$`).MatchString(g.String()) && r.fresh(p, g.String()) {
					return g.Convert(w.Type())
				}
				r.t.Errorf("%q is not %s", g.String(), p)
			}
		}
	}
	return w
}

// pattern is the regular expression a placeholder stands for.
func (r *run) pattern(p string) (string, bool) {
	if shape, ok := placeholderShapes[p]; ok {
		return shape, true
	}
	if v, ok := r.named[p]; ok {
		return regexp.QuoteMeta(v), true
	}
	return "", false
}

// fresh says whether v may stand for placeholder p: a <new ...> value must
// not have existed before the call.
func (r *run) fresh(p, v string) bool {
	return !strings.HasPrefix(p, "<new ") || !r.known[v]
}

// resolveMessage is want with the placeholders in its message filled from
// got's message, when got's matches with each placeholder what it stands for.
func (r *run) resolveMessage(want *fakeiam.Error, got error) *fakeiam.Error {
	r.t.Helper()
	var ae smithy.APIError
	if want == nil || !errors.As(got, &ae) {
		return want
	}
	var pattern strings.Builder
	var used []string
	rest := want.Message
	for _, loc := range regexp.MustCompile(`<[^<>]+>`).FindAllStringIndex(want.Message, -1) {
		p := want.Message[loc[0]:loc[1]]
		if sub, ok := r.pattern(p); ok {
			pattern.WriteString(regexp.QuoteMeta(rest[:len(rest)-len(want.Message[loc[0]:])]) + "(" + sub + ")")
			rest = want.Message[loc[1]:]
			used = append(used, p)
		}
	}
	if used == nil {
		return want
	}
	pattern.WriteString(regexp.QuoteMeta(rest))
	m := regexp.MustCompile(`^` + pattern.String() + `$`).FindStringSubmatch(ae.ErrorMessage())
	if m == nil {
		return want
	}
	for i, p := range used {
		if !r.fresh(p, m[i+1]) {
			return want
		}
	}
	resolved := *want
	resolved.Message = ae.ErrorMessage()
	return &resolved
}

// door is a way into the fake: it turns the client a scenario would use
// into one that reaches f through that door.
type door struct {
	name   string
	client func(t *testing.T, f *fakeiam.Fake, c *iam.Client) *iam.Client
}

// doors are the fake's two doors. The HTTP door's client is the scenario's
// own client (same credentials, retryer, region) without the fake's
// middleware, sending real requests to f.Endpoint.
var doors = []door{
	{"sdk", func(_ *testing.T, _ *fakeiam.Fake, c *iam.Client) *iam.Client { return c }},
	{"http", func(t *testing.T, f *fakeiam.Fake, c *iam.Client) *iam.Client { return overHTTP(c, f.Endpoint(t)) }},
}

// overHTTP is c (its credentials, retryer, region) without the fake's
// middleware, sending real requests to the endpoint at url.
func overHTTP(c *iam.Client, url string) *iam.Client {
	return iam.New(c.Options(), func(o *iam.Options) {
		o.APIOptions = nil // the fake's middleware: this client goes over the wire
		o.BaseEndpoint = aws.String(url)
		o.HTTPClient = fakeiam.WireClient()
	})
}

// outcome is what a client returned for a scenario.
type outcome struct {
	out any
	err error
}

// cmpOutputs compares SDK outputs without their ResultMetadata (the real
// pipeline stores the raw HTTP response there, which a fake cannot) and
// without the SDK's unexported fields.
var cmpOutputs = cmp.Options{
	cmp.FilterPath(func(p cmp.Path) bool {
		sf, ok := p.Last().(cmp.StructField)
		return ok && (sf.Name() == "ResultMetadata" || !token.IsExported(sf.Name()))
	}, cmp.Ignore()),
}

// runScenarios runs each row as a subtest; a row without seed gets seed.
func runScenarios(t *testing.T, seed []fakeiam.Option, rows []scenario) {
	t.Helper()
	names := map[string]bool{}
	for _, row := range rows {
		if names[row.name] {
			t.Fatalf("two rows named %q", row.name)
		}
		names[row.name] = true
		if row.seed == nil {
			row.seed = seed
		}
		t.Run(row.name, func(t *testing.T) { runScenario(t, row) })
	}
}

// runScenario answers sc through every door and by the reference, checks
// that all agree with each other and with sc's expectation, and returns the
// SDK door's outcome and its fake for further assertions.
func runScenario(t *testing.T, sc scenario) (outcome, *fakeiam.Fake) {
	t.Helper()
	var first outcome
	var firstFake *fakeiam.Fake
	var firstInput any
	for _, d := range doors {
		if sc.sdkOnly && d.name != "sdk" {
			continue
		}
		got, f := runThrough(t, sc, d)
		// The call log keeps the input as it arrived, whatever the door:
		// the SDK door's is a copy of the caller's, the HTTP door's the
		// one it decoded, which its handler reads too (and must not write).
		// (A request refused at authentication is not decoded over HTTP:
		// docs/authentication.md.)
		input := lastInput(t, f)
		if firstFake == nil {
			first, firstFake, firstInput = got, f, input
		} else if !refusedAtAuthentication(got.err) {
			if diff := cmp.Diff(firstInput, input, cmpLoggedInputs); diff != "" {
				t.Errorf("%s door: the call log's input differs from the first door's (-first +%s):\n%s", d.name, d.name, diff)
			}
		}
	}
	return first, firstFake
}

// cmpLoggedInputs compares inputs as the doors carry them: an empty list
// or map sent is none decoded.
var cmpLoggedInputs = cmp.Options{cmpopts.EquateEmpty(), cmp.Exporter(func(reflect.Type) bool { return true })}

// refusedAtAuthentication reports whether err is IAM's refusal of a
// request's signature or key.
func refusedAtAuthentication(err error) bool {
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	switch apiErr.ErrorCode() {
	case "MissingAuthenticationToken", "InvalidClientTokenId", "SignatureDoesNotMatch", "IncompleteSignature", "ExpiredToken":
		return true
	}
	return false
}

// lastInput is the input of f's newest logged attempt (nil when none).
func lastInput(t *testing.T, f *fakeiam.Fake) any {
	t.Helper()
	calls, err := f.Calls()
	if err != nil {
		t.Fatalf("Calls: %v", err)
	}
	if len(calls) == 0 {
		return nil
	}
	return calls[len(calls)-1].Input
}

// runThrough answers sc through one door on a fresh fake.
func runThrough(t *testing.T, sc scenario, d door) (outcome, *fakeiam.Fake) {
	t.Helper()
	f, err := newFakeE(sc.seed...)
	if err != nil {
		t.Fatalf("seed: %v", err)
	}
	r := &run{t: t, f: f, named: map[string]string{}, known: map[string]bool{}}
	if mentionsUsers(sc.want, sc.wantErr) {
		r.nameUsers()
	}
	for _, s := range sc.steps {
		s(r)
	}
	client := f.Client()
	if sc.as != nil {
		client = sc.as(r)
	}
	client = d.client(t, f, client)
	ctx := context.Background()
	got := callOnce(ctx, sc, client, r)
	sc.want = r.resolve(sc.want, got.out)
	sc.wantErr = r.resolveMessage(sc.wantErr, got.err)
	if sc.wantErr == nil {
		if got.err != nil {
			t.Fatalf("%s door: unexpected error: %v", d.name, got.err)
		}
		if diff := cmp.Diff(sc.want, got.out, cmpOutputs); diff != "" {
			t.Errorf("%s door: output (-want +got):\n%s", d.name, diff)
		}
		if id, ok := awsmiddleware.GetRequestIDMetadata(resultMetadata(got.out)); !ok || id == "" {
			t.Errorf("%s door: output carries no request id", d.name)
		}
		checkListShape(t, got.out)
	} else if got.err == nil {
		t.Fatalf("%s door: got output %+v, want error %v", d.name, got.out, sc.wantErr)
	}

	ref := callOnce(ctx, sc, referenceClient(sc, requestIDOf(got)), r)
	assertSameOutcome(t, d.name, ref, got)
	return got, f
}

// callOnce runs sc's call, returning a nil output interface on error.
func callOnce(ctx context.Context, sc scenario, c *iam.Client, r *run) outcome {
	out, err := sc.call(ctx, c, r)
	if err != nil || reflect.ValueOf(out).IsNil() {
		return outcome{err: err}
	}
	return outcome{out: out}
}

// checkListShape checks what holds for every page of every list: a
// non-nil item slice, a marker exactly when truncated, a marker of 1 to 320
// printable ASCII characters. Outputs without IsTruncated pass.
func checkListShape(t *testing.T, out any) {
	t.Helper()
	v := reflect.ValueOf(out)
	if !v.IsValid() || v.Kind() != reflect.Pointer || v.IsNil() {
		return
	}
	v = v.Elem()
	truncated, marker := v.FieldByName("IsTruncated"), v.FieldByName("Marker")
	if !truncated.IsValid() || !marker.IsValid() {
		return
	}
	for i := range v.NumField() {
		if f := v.Field(i); f.Kind() == reflect.Slice && f.IsNil() {
			t.Errorf("%s is nil; IAM's empty list decodes to an empty non-nil slice", v.Type().Field(i).Name)
		}
	}
	if !marker.IsNil() != truncated.Bool() {
		t.Errorf("IsTruncated = %v but Marker = %v: a marker comes exactly with a truncated page", truncated.Bool(), marker.Interface())
	}
	if !marker.IsNil() {
		checkMarkerShape(t, marker.Elem().String())
	}
}

func checkMarkerShape(t *testing.T, m string) {
	t.Helper()
	if len(m) == 0 || len(m) > 320 {
		t.Errorf("marker %q has %d characters, want 1..320", m, len(m))
	}
	for i := 0; i < len(m); i++ {
		if m[i] < 0x20 || m[i] > 0x7e {
			t.Errorf("marker %q has non-printable-ASCII byte %#x at %d", m, m[i], i)
			break
		}
	}
}

// requestIDOf is the request id the fake answered with (the last attempt's).
func requestIDOf(o outcome) string {
	if o.err != nil {
		var re *awshttp.ResponseError
		if errors.As(o.err, &re) {
			return re.ServiceRequestID()
		}
		return ""
	}
	id, _ := awsmiddleware.GetRequestIDMetadata(resultMetadata(o.out))
	return id
}

func resultMetadata(out any) middleware.Metadata {
	v := reflect.ValueOf(out)
	if !v.IsValid() || v.IsNil() {
		return middleware.Metadata{}
	}
	md, _ := v.Elem().FieldByName("ResultMetadata").Interface().(middleware.Metadata)
	return md
}
