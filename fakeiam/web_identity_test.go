package fakeiam_test

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// Web identity's contract (docs/contract.md, "Web identity"): GitHub
// Actions' federation, as its guide writes the trust policy, through both
// doors.

const (
	githubIssuer   = "https://token.actions.githubusercontent.com"
	githubProvider = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
	ghaRoleARN     = "arn:aws:iam::123456789012:role/gha"
)

// seedWebIdentity: GitHub's OIDC provider (audience sts.amazonaws.com),
// the role gha its workflows of example/app may assume (at most two
// hours), and Deployer, which trusts the account only.
func seedWebIdentity(more ...fakeiam.Option) []fakeiam.Option {
	return append(seedUsers(
		fakeiam.OIDCProvider(githubIssuer).ClientIDs("sts.amazonaws.com"),
		fakeiam.Role("gha").MaxSessionDuration(2*time.Hour).TrustPolicy(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
			"Principal":{"Federated":"`+githubProvider+`"},"Action":"sts:AssumeRoleWithWebIdentity",
			"Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},
			"StringLike":{"token.actions.githubusercontent.com:sub":"repo:example/app:*"}}}]}`),
	), more...)
}

// webIdentityFake is a fake of seedWebIdentity (benchmarks use it too).
func webIdentityFake(tb testing.TB) *fakeiam.Fake {
	f, err := newFakeE(seedWebIdentity()...)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// webIdentityInput is gha's AssumeRoleWithWebIdentity with a token of
// GitHub's issuer that f mints with claims.
func webIdentityInput(tb testing.TB, f *fakeiam.Fake, claims map[string]any) *sts.AssumeRoleWithWebIdentityInput {
	tok, err := f.WebIdentityToken(githubIssuer, claims)
	if err != nil {
		tb.Fatal(err)
	}
	return &sts.AssumeRoleWithWebIdentityInput{RoleArn: aws.String(ghaRoleARN), RoleSessionName: aws.String("run-1"), WebIdentityToken: &tok}
}

var mainBranch = map[string]any{"aud": "sts.amazonaws.com", "sub": "repo:example/app:ref:refs/heads/main"}

// withWebIdentity calls AssumeRoleWithWebIdentity with a token the run's
// fake mints (issuer "" : GitHub's) with claims, after edit.
func withWebIdentity(issuer string, claims map[string]any, edit func(*sts.AssumeRoleWithWebIdentityInput)) call {
	return func(ctx context.Context, c *iam.Client, r *run) (any, error) {
		if issuer == "" {
			issuer = githubIssuer
		}
		tok, err := r.f.WebIdentityToken(issuer, claims)
		if err != nil {
			r.t.Fatal(err)
		}
		in := &sts.AssumeRoleWithWebIdentityInput{RoleArn: aws.String(ghaRoleARN), RoleSessionName: aws.String("run-1"), WebIdentityToken: &tok}
		if edit != nil {
			edit(in)
		}
		return stsOf(c).AssumeRoleWithWebIdentity(ctx, in)
	}
}

// webAssumed is gha's answer for session run-1, expiring after d.
func webAssumed(d time.Duration, sub string) *sts.AssumeRoleWithWebIdentityOutput {
	exp := testNow.Add(d)
	return &sts.AssumeRoleWithWebIdentityOutput{
		Credentials: &ststypes.Credentials{AccessKeyId: aws.String("<new session key id>"), SecretAccessKey: aws.String("<new secret>"),
			SessionToken: aws.String("<new session token>"), Expiration: &exp},
		AssumedRoleUser:             &ststypes.AssumedRoleUser{AssumedRoleId: aws.String("<assumed role id>"), Arn: aws.String("arn:aws:sts::123456789012:assumed-role/gha/run-1")},
		SubjectFromWebIdentityToken: aws.String(sub), Audience: aws.String("sts.amazonaws.com"), Provider: aws.String(githubIssuer),
	}
}

// rs256 is a JWT of claims signed with testRSAKey, as an issuer's own
// library signs one.
func rs256(t testing.TB, claims map[string]any) string {
	payload, err := json.Marshal(claims)
	if err != nil {
		t.Fatal(err)
	}
	signed := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"RS256","typ":"JWT","kid":"test"}`)) + "." + base64.RawURLEncoding.EncodeToString(payload)
	sum := sha256.Sum256([]byte(signed))
	sig, err := rsa.SignPKCS1v15(rand.Reader, testRSAKey(), crypto.SHA256, sum[:])
	if err != nil {
		t.Fatal(err)
	}
	return signed + "." + base64.RawURLEncoding.EncodeToString(sig)
}

func TestAssumeRoleWithWebIdentity(t *testing.T) {
	denied := &fakeiam.Error{Code: "AccessDenied", Status: 403, Message: "Not authorized to perform sts:AssumeRoleWithWebIdentity"}
	invalidToken := func(msg string) *fakeiam.Error {
		return &fakeiam.Error{Code: "InvalidIdentityToken", Status: 400, Message: msg}
	}
	claims := func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	expired := testNow.Add(-time.Minute).Unix()
	ownKeySeed := seedWebIdentity(fakeiam.OIDCProvider("https://idp.example.com").ClientIDs("app").SigningKey(&testRSAKey().PublicKey),
		fakeiam.Role("idp").TrustPolicy(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/idp.example.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}`))
	ownToken := func(exp int64) call {
		return func(ctx context.Context, c *iam.Client, r *run) (any, error) {
			tok := rs256(r.t, map[string]any{"iss": "https://idp.example.com", "aud": "app", "sub": "alice", "exp": exp})
			return stsOf(c).AssumeRoleWithWebIdentity(ctx, &sts.AssumeRoleWithWebIdentityInput{RoleArn: aws.String("arn:aws:iam::123456789012:role/idp"),
				RoleSessionName: aws.String("alice"), WebIdentityToken: &tok})
		}
	}
	runScenarios(t, seedWebIdentity(), []scenario{
		{name: "a workflow of the repository: a session of an hour", call: withWebIdentity("", mainBranch, nil),
			want: webAssumed(time.Hour, "repo:example/app:ref:refs/heads/main")},
		{name: "an unsigned request (no credentials at all)", as: func(r *run) *iam.Client { return iam.New(iam.Options{Region: "us-east-1"}, r.f.Attach) },
			call: withWebIdentity("", mainBranch, nil), want: webAssumed(time.Hour, "repo:example/app:ref:refs/heads/main")},
		{name: "an audience among several", call: withWebIdentity("", claims("aud", []any{"other", "sts.amazonaws.com"}, "sub", "repo:example/app:pull_request"), nil),
			want: webAssumed(time.Hour, "repo:example/app:pull_request")},
		{name: "DurationSeconds up to the role's maximum",
			call: withWebIdentity("", mainBranch, func(in *sts.AssumeRoleWithWebIdentityInput) { in.DurationSeconds = aws.Int32(7200) }),
			want: webAssumed(2*time.Hour, "repo:example/app:ref:refs/heads/main")},
		{name: "a token the test signs with the key it seeded", seed: ownKeySeed, call: ownToken(testNow.Add(time.Hour).Unix()),
			want: &sts.AssumeRoleWithWebIdentityOutput{
				Credentials: &ststypes.Credentials{AccessKeyId: aws.String("<new session key id>"), SecretAccessKey: aws.String("<new secret>"),
					SessionToken: aws.String("<new session token>"), Expiration: aws.Time(testNow.Add(time.Hour))},
				AssumedRoleUser:             &ststypes.AssumedRoleUser{AssumedRoleId: aws.String("<assumed role id>"), Arn: aws.String("arn:aws:sts::123456789012:assumed-role/idp/alice")},
				SubjectFromWebIdentityToken: aws.String("alice"), Audience: aws.String("app"), Provider: aws.String("https://idp.example.com")}},

		// Validation, then the token, in order.
		{name: "validation: DurationSeconds below 900",
			call:    withWebIdentity("", mainBranch, func(in *sts.AssumeRoleWithWebIdentityInput) { in.DurationSeconds = aws.Int32(899) }),
			wantErr: failedConstraints("durationSeconds", minValue(900))},
		{name: "a RoleArn that is no ARN",
			call:    withWebIdentity("", mainBranch, func(in *sts.AssumeRoleWithWebIdentityInput) { in.RoleArn = aws.String("nothing-valid-in-here") }),
			wantErr: validationError("nothing-valid-in-here is invalid")},
		{name: "not a JWT", call: withWebIdentity("", mainBranch, func(in *sts.AssumeRoleWithWebIdentityInput) { in.WebIdentityToken = aws.String("an access token") }),
			wantErr: invalidToken("The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)")},
		{name: "an issuer the account has no provider for", call: withWebIdentity("https://gitlab.example.com", mainBranch, nil),
			wantErr: invalidToken("No OpenIDConnect provider found in your account for https://gitlab.example.com")},
		{name: "signed by a key the fake does not know",
			call: withWebIdentity("", mainBranch, func(in *sts.AssumeRoleWithWebIdentityInput) {
				in.WebIdentityToken = aws.String(rs256(t, map[string]any{"iss": githubIssuer, "aud": "sts.amazonaws.com", "sub": "repo:example/app:x", "exp": testNow.Add(time.Hour).Unix()}))
			}),
			wantErr: invalidToken("Couldn't retrieve verification key from your identity provider, please reference AssumeRoleWithWebIdentity documentation for requirements")},
		{name: "expired", call: withWebIdentity("", claims("aud", "sts.amazonaws.com", "sub", "repo:example/app:x", "exp", expired), nil),
			wantErr: &fakeiam.Error{Code: "ExpiredTokenException", Status: 400,
				Message: "Token expired: current date/time " + strconv.FormatInt(testNow.Unix(), 10) + " must be before the expiration date/time " + strconv.FormatInt(expired, 10)}},
		{name: "a token the test signed, expired", seed: ownKeySeed, call: ownToken(expired),
			wantErr: &fakeiam.Error{Code: "ExpiredTokenException", Status: 400,
				Message: "Token expired: current date/time " + strconv.FormatInt(testNow.Unix(), 10) + " must be before the expiration date/time " + strconv.FormatInt(expired, 10)}},
		{name: "no expiry", call: withWebIdentity("", claims("aud", "sts.amazonaws.com", "sub", "repo:example/app:x", "exp", nil), nil),
			wantErr: invalidToken("Missing a required claim: exp")},
		{name: "no audience", call: withWebIdentity("", claims("sub", "repo:example/app:x"), nil), wantErr: invalidToken("Missing a required claim: aud")},
		{name: "an audience the provider does not list", call: withWebIdentity("", claims("aud", "other", "sub", "repo:example/app:x"), nil),
			wantErr: invalidToken("Incorrect token audience")},

		// The trust policy.
		{name: "another repository", call: withWebIdentity("", claims("aud", "sts.amazonaws.com", "sub", "repo:example/other:ref:refs/heads/main"), nil), wantErr: denied},
		{name: "a role that trusts no provider",
			call:    withWebIdentity("", mainBranch, func(in *sts.AssumeRoleWithWebIdentityInput) { in.RoleArn = aws.String(deployerARN) }),
			wantErr: denied},
		{name: "a role that does not exist",
			call: withWebIdentity("", mainBranch, func(in *sts.AssumeRoleWithWebIdentityInput) {
				in.RoleArn = aws.String("arn:aws:iam::123456789012:role/nobody")
			}),
			wantErr: denied},
		{name: "DurationSeconds over the role's maximum",
			call:    withWebIdentity("", mainBranch, func(in *sts.AssumeRoleWithWebIdentityInput) { in.DurationSeconds = aws.Int32(7201) }),
			wantErr: validationError("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")},
		{name: "a fault AccessDenied: STS's text, which names no caller",
			steps: []change{inject(fakeiam.Rule{Operation: fakeiam.AssumeRoleWithWebIdentity, Then: fakeiam.AccessDenied()})},
			call:  withWebIdentity("", mainBranch, nil), wantErr: denied},
	})
}

// TestWebIdentitySession: the session acts as the role, and the call log
// names it; the web identity's attempt has no caller.
func TestWebIdentitySession(t *testing.T) {
	f := webIdentityFake(t)
	out, err := f.STSClient().AssumeRoleWithWebIdentity(context.Background(), webIdentityInput(t, f, mainBranch))
	if err != nil {
		t.Fatal(err)
	}
	me, err := f.Session(out.Credentials).STSClient().GetCallerIdentity(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if *me.Arn != "arn:aws:sts::123456789012:assumed-role/gha/run-1" || *me.UserId != *out.AssumedRoleUser.AssumedRoleId {
		t.Errorf("GetCallerIdentity as the session: %s %s, want the session's", *me.Arn, *me.UserId)
	}
	calls := logged(t, f, fakeiam.AssumeRoleWithWebIdentity)
	if len(calls) != 1 || calls[0].Caller != (fakeiam.Caller{}) {
		t.Errorf("logged: %+v, want one attempt with no caller", calls)
	}
}

// TestWebIdentityES256: a token a test signs with its own P-256 key, which
// it seeded, is accepted; signed by another key, it is not.
func TestWebIdentityES256(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	f := newFake(seedWebIdentity(fakeiam.OIDCProvider("https://idp.example.com").ClientIDs("app").SigningKey(&key.PublicKey),
		fakeiam.Role("idp").TrustPolicy(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/idp.example.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}`))...)
	es256 := func(k *ecdsa.PrivateKey) string {
		payload, _ := json.Marshal(map[string]any{"iss": "https://idp.example.com", "aud": "app", "sub": "alice", "exp": testNow.Add(time.Hour).Unix()})
		signed := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"ES256","typ":"JWT"}`)) + "." + base64.RawURLEncoding.EncodeToString(payload)
		sum := sha256.Sum256([]byte(signed))
		r, s, err := ecdsa.Sign(rand.Reader, k, sum[:])
		if err != nil {
			t.Fatal(err)
		}
		var sig [64]byte
		r.FillBytes(sig[:32])
		s.FillBytes(sig[32:])
		return signed + "." + base64.RawURLEncoding.EncodeToString(sig[:])
	}
	other, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		key  *ecdsa.PrivateKey
		ok   bool
	}{{"the seeded key", key, true}, {"another key", other, false}} {
		tok := es256(tc.key)
		_, err := f.STSClient().AssumeRoleWithWebIdentity(context.Background(), &sts.AssumeRoleWithWebIdentityInput{
			RoleArn: aws.String("arn:aws:iam::123456789012:role/idp"), RoleSessionName: aws.String("alice"), WebIdentityToken: &tok})
		if (err == nil) != tc.ok {
			t.Errorf("%s: %v, want accepted %v", tc.name, err, tc.ok)
		}
	}
	// A seed of a key the fake cannot verify with is refused, by name.
	if _, err := fakeiam.New(fakeiam.OIDCProvider("https://idp.example.com").SigningKey("a key")); err == nil || !strings.Contains(err.Error(), "SigningKey 1: string is neither") {
		t.Errorf("a string as a key: %v, want New to name it", err)
	}
}

// TestWebIdentitySessionEnforced: with Enforce, the session's requests
// carry aws:FederatedProvider, which the role's policy reads.
func TestWebIdentitySessionEnforced(t *testing.T) {
	f := newFake(seedWebIdentity(fakeiam.Enforce(),
		fakeiam.ManagedPolicy("from-github", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:GetUser","Resource":"*",`+
			`"Condition":{"StringEquals":{"aws:FederatedProvider":"`+githubProvider+`"}}}}`).AttachedToRoles("gha"))...)
	out, err := f.STSClient().AssumeRoleWithWebIdentity(context.Background(), webIdentityInput(t, f, mainBranch))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Session(out.Credentials).Client().GetUser(context.Background(), &iam.GetUserInput{UserName: aws.String("Bob")}); err != nil {
		t.Errorf("GetUser as the web identity's session: %v", err)
	}
	// The role's own credentials carry no provider: the same policy denies.
	if _, err := f.Role("gha").Client().GetUser(context.Background(), &iam.GetUserInput{UserName: aws.String("Bob")}); err == nil {
		t.Error("GetUser with the role's own credentials: allowed, want denied (no aws:FederatedProvider)")
	}
}

// TestPresignedSessionToken: a presigned URL of a session carries its
// token in the query (X-Amz-Security-Token), as the SDKs sign one; without
// it the key is nobody's.
func TestPresignedSessionToken(t *testing.T) {
	f := newFake(seedSessions()...)
	s, err := f.User("Bob").AssumeRole(assumeInput(ciRoleARN, "build"))
	if err != nil {
		t.Fatal(err)
	}
	base := f.Endpoint(t)
	for _, tc := range []struct {
		name   string
		token  string
		status int
	}{{"with its token", s.Credentials.SessionToken, 200}, {"without", "", 403}} {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodGet, base+"/?Action=GetCallerIdentity&Version=2011-06-15", nil)
			if err != nil {
				t.Fatal(err)
			}
			creds := aws.Credentials{AccessKeyID: s.Credentials.AccessKeyID, SecretAccessKey: s.Credentials.SecretAccessKey, SessionToken: tc.token}
			url, _, err := v4.NewSigner().PresignHTTP(context.Background(), creds, req, v4EmptyPayload, "sts", "us-east-1", time.Now())
			if err != nil {
				t.Fatal(err)
			}
			resp, err := fakeiam.WireClient().Get(url)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.status {
				t.Errorf("HTTP %d %s, want %d", resp.StatusCode, body, tc.status)
			}
			if tc.status == 200 && !strings.Contains(string(body), "<Arn>arn:aws:sts::123456789012:assumed-role/ci/build</Arn>") {
				t.Errorf("body %s: want the session's ARN", body)
			}
		})
	}
}

const v4EmptyPayload = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
