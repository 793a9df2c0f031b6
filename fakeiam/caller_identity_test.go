package fakeiam_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// identity is GetCallerIdentity's answer.
func identity(arn, userID, account string) *sts.GetCallerIdentityOutput {
	return &sts.GetCallerIdentityOutput{Arn: &arn, UserId: &userID, Account: &account}
}

func TestGetCallerIdentity(t *testing.T) {
	acct := fakeiam.DefaultAccountID
	runScenarios(t, seedUsers(), []scenario{
		{name: "the root: its ARN, the account id as UserId",
			call: getCallerIdentity(), want: identity(rootARN, acct, acct)},
		{name: "a user: its ARN and UserId", as: asKey(bobKey.ID),
			call: getCallerIdentity(), want: identity("arn:aws:iam::"+acct+":user/Bob", "<id of Bob>", acct)},
		{name: "a user with a path: the path is in the ARN", as: asUser("Alice"),
			call: getCallerIdentity(), want: identity("arn:aws:iam::"+acct+":user/eng/Alice", "<id of Alice>", acct)},
		{name: "a renamed user: the same key answers the new name, the same UserId",
			steps: []change{do(updateUser(&iam.UpdateUserInput{UserName: bob, NewUserName: aws.String("Robert"), NewPath: aws.String("/ops/")}))},
			as:    asKey(bobKey.ID),
			call:  getCallerIdentity(), want: identity("arn:aws:iam::"+acct+":user/ops/Robert", "<id of Bob>", acct)},
		{name: "a role: its assumed-role session, UserId role id and session", as: asKey(roleKey.ID),
			call: getCallerIdentity(), want: identity("arn:aws:sts::"+acct+":assumed-role/Deployer/"+fakeiam.RoleSessionName, "<role session id>", acct)},
		{name: "another account's root", seed: seedUsers(otherAccountSeed()), as: asKey(otherRootKey.ID),
			call: getCallerIdentity(), want: identity("arn:aws:iam::"+otherAccount+":root", otherAccount, otherAccount)},
		{name: "another account's user", seed: seedUsers(otherAccountSeed()), as: asKey(otherBobKey.ID),
			call: getCallerIdentity(), want: identity("arn:aws:iam::"+otherAccount+":user/Bob", "<id of Bob in "+otherAccount+">", otherAccount)},
		{name: "a key the fake does not know: STS's InvalidClientTokenId", as: asKey(unknownKeyID),
			call: getCallerIdentity(), wantErr: invalidTokenSTS},
		{name: "an Inactive key is refused", steps: []change{newKey(bob), setKey(0, types.StatusTypeInactive)}, as: asNewKey(0),
			call: getCallerIdentity(), wantErr: invalidTokenSTS},
		{name: "a deleted user's key is refused",
			steps: []change{do(deleteAccessKey(bob, bobKey.ID)), do(deleteUser("Bob"))}, as: asKey(bobKey.ID),
			call: getCallerIdentity(), wantErr: invalidTokenSTS},
		{name: "a fault naming GetCallerIdentity answers instead",
			steps: []change{inject(fakeiam.Rule{Operation: fakeiam.GetCallerIdentity, Then: fakeiam.Fail(&fakeiam.Error{Code: "RegionDisabledException", Status: 403, Message: "STS is not activated in this region"})})},
			call:  getCallerIdentity(), wantErr: &fakeiam.Error{Code: "RegionDisabledException", Status: 403, Message: "STS is not activated in this region"}},
		{name: "a rule denying every operation does not deny GetCallerIdentity",
			steps: []change{inject(fakeiam.Rule{Then: fakeiam.AccessDenied()})},
			call:  getCallerIdentity(), want: identity(rootARN, acct, acct)},
	})
}

// TestRoleIDs: a role's RoleId is IAM-shaped, the same for the same seed,
// and different for another role.
func TestRoleIDs(t *testing.T) {
	ids := func(opts ...fakeiam.Option) []string {
		f := newFake(append(opts, fakeiam.Role("a"), fakeiam.Role("b"))...)
		var out []string
		for _, name := range []string{"a", "b"} {
			id, err := f.Role(name).STSClient().GetCallerIdentity(context.Background(), nil)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, *id.UserId)
		}
		return out
	}
	first, again, other := ids(), ids(), ids(fakeiam.WithSeed(7))
	shape := regexp.MustCompile(`^AROA[A-Z2-7]{17}:fakeiam$`)
	for _, id := range append(append(first, again...), other...) {
		if !shape.MatchString(id) {
			t.Errorf("UserId %q: want AROA, 17 of A-Z2-7, :fakeiam", id)
		}
	}
	if diff := cmp.Diff(first, again); diff != "" {
		t.Errorf("the same seed gave other role ids (-first +again):\n%s", diff)
	}
	if first[0] == first[1] || first[0] == other[0] {
		t.Errorf("role ids %q (seed 7: %q): want one per role and seed", first, other)
	}
}

// TestSTSClients: every way to reach the fake with an STS client answers as
// the principal it signs as: Config (the root), AttachSTS on a client the
// user builds, STSClient, Principal.STSClient.
func TestSTSClients(t *testing.T) {
	f := newFake(seedUsers()...)
	acct := fakeiam.DefaultAccountID
	root := identity(rootARN, acct, acct)
	built := sts.New(sts.Options{Region: "eu-west-1", Credentials: aws.NewCredentialsCache(staticKey(bobKey))}, f.AttachSTS)
	for _, tc := range []struct {
		name   string
		client *sts.Client
		want   string // the ARN
	}{
		{"Config", sts.NewFromConfig(f.Config()), *root.Arn},
		{"STSClient", f.STSClient(), *root.Arn},
		{"AttachSTS on the user's own client", built, "arn:aws:iam::" + acct + ":user/Bob"},
		{"Principal.STSClient", f.User("Alice").STSClient(), "arn:aws:iam::" + acct + ":user/eng/Alice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := tc.client.GetCallerIdentity(context.Background(), nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := aws.ToString(out.Arn); got != tc.want {
				t.Errorf("Arn %q, want %q", got, tc.want)
			}
		})
	}
	// An STS operation the fake does not implement fails loudly, nothing sent.
	_, err := f.STSClient().DecodeAuthorizationMessage(context.Background(), &sts.DecodeAuthorizationMessageInput{EncodedMessage: aws.String("message")})
	var unsupported *fakeiam.UnsupportedOperationError
	if !errors.As(err, &unsupported) || unsupported.Operation != "DecodeAuthorizationMessage" || !strings.Contains(err.Error(), "STS operation DecodeAuthorizationMessage") {
		t.Errorf("DecodeAuthorizationMessage: %v, want *UnsupportedOperationError naming STS's DecodeAuthorizationMessage", err)
	}
	// A principal that does not exist: every call says so.
	if _, err := f.User("Nobody").STSClient().GetCallerIdentity(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "no such user") {
		t.Errorf("a missing user's STS client: %v, want an error naming the user", err)
	}
	// The call log and faults see STS's calls like IAM's.
	calls := logged(t, f, fakeiam.GetCallerIdentity)
	if len(calls) != 4 || calls[2].Caller.UserName != "Bob" {
		t.Errorf("logged GetCallerIdentity calls: %+v; want four, the third Bob's", calls)
	}
}

// TestSTSOverHTTP: the HTTP door serves STS's query protocol beside IAM's:
// by the API version, with STS's namespace and texts, and a signature
// scoped to the service called.
func TestSTSOverHTTP(t *testing.T) {
	f := newFake(seedUsers()...)
	base := f.Endpoint(t)
	for _, tc := range []struct {
		name, body, scope string
		status            int
		want              []string // in the body, in order
	}{
		{"GetCallerIdentity", "Action=GetCallerIdentity&Version=2011-06-15", "sts", 200,
			// Members in the codec's (name) order, as every answer's.
			[]string{`<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Account>123456789012</Account><Arn>` + rootARN + `</Arn><UserId>123456789012</UserId></GetCallerIdentityResult><ResponseMetadata><RequestId>`}},
		{"an IAM action with STS's version", "Action=CreateUser&UserName=x&Version=2011-06-15", "sts", 400,
			[]string{`<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>Could not find operation CreateUser for version 2011-06-15</Message></Error><RequestId>`}},
		{"an STS action with IAM's version", "Action=GetCallerIdentity&Version=2010-05-08", "iam", 400,
			[]string{`<Code>InvalidAction</Code><Message>Could not find operation GetCallerIdentity for version 2010-05-08</Message>`}},
		{"an unknown STS action", "Action=WhoAmI&Version=2011-06-15", "sts", 400,
			[]string{`<Code>InvalidAction</Code><Message>Could not find operation WhoAmI for version 2011-06-15</Message>`}},
		{"a signature scoped to iam on an STS request", "Action=GetCallerIdentity&Version=2011-06-15", "iam", 403,
			[]string{`xmlns="https://sts.amazonaws.com/doc/2011-06-15/"`, `<Code>SignatureDoesNotMatch</Code><Message>Credential should be scoped to correct service: &#39;sts&#39;. `}},
		{"a signature scoped to sts on an IAM request", "Action=ListUsers&Version=2010-05-08", "sts", 403,
			[]string{`xmlns="https://iam.amazonaws.com/doc/2010-05-08/"`, `<Code>SignatureDoesNotMatch</Code><Message>Credential should be scoped to correct service: &#39;iam&#39;. `}},
		{"an STS action the fake does not implement", "Action=DecodeAuthorizationMessage&EncodedMessage=m&Version=2011-06-15", "sts", 501,
			[]string{`<Code>NotImplemented</Code><Message>fakeiam does not implement the STS operation DecodeAuthorizationMessage (nothing was done); it implements AssumeRole, AssumeRoleWithWebIdentity, GetCallerIdentity, GetFederationToken, GetSessionToken.</Message>`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := signedPost(t, base, rootKey, tc.scope, tc.body)
			if status != tc.status {
				t.Errorf("HTTP %d, want %d; body %s", status, tc.status, body)
			}
			rest := body
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("body %s\nlacks %s", body, w)
				}
				rest = rest[i+len(w):]
			}
		})
	}
	// The answered attempt and the one refused for its scope reach the
	// core and its log; those with no operation for their version do not.
	if n := len(logged(t, f, fakeiam.GetCallerIdentity)); n != 2 {
		t.Errorf("%d GetCallerIdentity attempts logged, want 2", n)
	}
}

// signedPost posts form to base signed with key (v4 signer) for the
// credential scope's service scope, and returns the status and body.
func signedPost(t *testing.T, base string, key fakeiam.AccessKey, scope, form string) (int, string) {
	t.Helper()
	now := time.Now().UTC()
	req := handSigned(t, base, form, aws.Credentials{AccessKeyID: key.ID, SecretAccessKey: key.Secret},
		"content-type;host;x-amz-date", now.Format("20060102T150405Z"), now.Format("20060102")+"/us-east-1/"+scope+"/aws4_request")
	resp, err := fakeiam.WireClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// staticKey is a credentials provider of key.
func staticKey(key fakeiam.AccessKey) aws.CredentialsProvider {
	return aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: key.ID, SecretAccessKey: key.Secret}, nil
	})
}

// TestSTSThroughTheControlAPI: the control API's faults and call log take
// STS's operation by name, as IAM's; a name of no service is refused.
func TestSTSThroughTheControlAPI(t *testing.T) {
	c := newControlled(t)
	c.addRule(t, `{"operation":"GetCallerIdentity","effect":"Throttle","firstN":1}`)
	who := stsOf(c.iam)
	if _, err := who.GetCallerIdentity(context.Background(), nil); err != nil {
		t.Fatalf("GetCallerIdentity after one throttle: %v (the SDK retries it)", err)
	}
	var got []string
	for _, call := range c.getCalls(t, "?operation=GetCallerIdentity") {
		errCode := "ok"
		if e, ok := call["error"].(map[string]any); ok {
			errCode, _ = e["code"].(string)
		}
		got = append(got, errCode)
	}
	if diff := cmp.Diff([]string{"Throttling", "ok"}, got); diff != "" {
		t.Errorf("GetCallerIdentity attempts in the log (-want +got):\n%s", diff)
	}
	status, body := c.do(t, "POST", "/_fakeiam/faults", controlToken, `{"operation":"GetCallerIdentities","effect":"Throttle"}`)
	if status != http.StatusBadRequest {
		t.Errorf("a rule for an operation no service has: HTTP %d %s, want 400", status, body)
	}
	controlError(t, body, "GetCallerIdentities")
}

// TestSweepWhichAccount: Sweep fails each call of the who-am-I-then-alias
// start in turn, STS's call among them, and the workflow reports each.
func TestSweepWhichAccount(t *testing.T) {
	var failed []string
	fakeiam.Sweep(t, fakeiam.ServiceFailure(), func(t *testing.T, f *fakeiam.Fake, failing *fakeiam.SweepCall) {
		cfg := f.Config()
		ctx := context.Background()
		_, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, nil)
		if err == nil {
			_, err = iam.NewFromConfig(cfg).ListAccountAliases(ctx, &iam.ListAccountAliasesInput{})
		}
		if (err != nil) != (failing != nil) {
			t.Errorf("%v: error %v", failing, err)
		}
		if failing != nil {
			failed = append(failed, failing.String())
		}
	}, fakeiam.AccountAlias("example-corp"))
	want := []string{"call 1 of 2: GetCallerIdentity", "call 2 of 2: ListAccountAliases"}
	if diff := cmp.Diff(want, failed); diff != "" {
		t.Errorf("calls swept (-want +got):\n%s", diff)
	}
}
