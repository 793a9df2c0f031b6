package fakeiam_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// networkTrap is an HTTP client that fails the test if any request reaches it.
type networkTrap struct {
	t    *testing.T
	hits atomic.Int32
}

func (n *networkTrap) Do(r *http.Request) (*http.Response, error) {
	n.hits.Add(1)
	n.t.Errorf("request reached the network: %s %s", r.Method, r.URL)
	return nil, errors.New("networkTrap: no network in tests")
}

// countingRetryer is the user's own retryer: the standard one with 5
// attempts and no delay, counting the attempts it hands out.
type countingRetryer struct {
	aws.RetryerV2
	tokens atomic.Int32
}

func newCountingRetryer() *countingRetryer {
	return &countingRetryer{RetryerV2: retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxAttempts = 5
		o.Backoff = zeroBackoff{}
		o.RateLimiter = ratelimit.None
	})}
}

func (r *countingRetryer) GetAttemptToken(ctx context.Context) (func(error) error, error) {
	r.tokens.Add(1)
	return r.RetryerV2.GetAttemptToken(ctx)
}

func staticCreds(k fakeiam.AccessKey) aws.CredentialsProvider {
	return aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: k.ID, SecretAccessKey: k.Secret}, nil
	})
}

// TestInstallWays lists through each way of getting a client and checks who
// signed (the call log) and what came back.
func TestInstallWays(t *testing.T) {
	rootKey := fakeiam.AccessKey{ID: "AKIAROOTEXAMPLE00001", Secret: "root-secret"}
	seed := []fakeiam.Option{
		fakeiam.Root().AccessKey(rootKey).SigningCertificate(cert(1)),
		fakeiam.User("Bob").AccessKey(bobKey).SigningCertificate(cert(2)),
	}
	rootCaller := fakeiam.Caller{Account: "123456789012", ARN: "arn:aws:iam::123456789012:root", AccessKeyID: rootKey.ID}
	bobCaller := fakeiam.Caller{Account: "123456789012", ARN: "arn:aws:iam::123456789012:user/Bob", AccessKeyID: bobKey.ID, UserName: "Bob"}
	for _, tc := range []struct {
		name       string
		client     func(t *testing.T, f *fakeiam.Fake) *iam.Client
		wantCaller fakeiam.Caller
		want       []fakeiam.SigningCertificate
		wantUser   string
	}{
		{name: "Client", client: func(_ *testing.T, f *fakeiam.Fake) *iam.Client { return f.Client() },
			wantCaller: rootCaller, want: []fakeiam.SigningCertificate{cert(1)}, wantUser: "<root_account>"},
		{name: "User().Client", client: func(_ *testing.T, f *fakeiam.Fake) *iam.Client { return f.User("Bob").Client() },
			wantCaller: bobCaller, want: []fakeiam.SigningCertificate{cert(2)}, wantUser: "Bob"},
		{name: "ClientWithAccessKey", client: func(_ *testing.T, f *fakeiam.Fake) *iam.Client { return f.ClientWithAccessKey(bobKey.ID) },
			wantCaller: bobCaller, want: []fakeiam.SigningCertificate{cert(2)}, wantUser: "Bob"},
		{name: "iam.NewFromConfig with Attach", client: func(t *testing.T, f *fakeiam.Fake) *iam.Client {
			cfg := aws.Config{Region: "eu-west-1", Credentials: staticCreds(bobKey)}
			return iam.NewFromConfig(cfg, f.Attach, func(o *iam.Options) { o.HTTPClient = &networkTrap{t: t} })
		}, wantCaller: bobCaller, want: []fakeiam.SigningCertificate{cert(2)}, wantUser: "Bob"},
		{name: "iam.New with Attach", client: func(t *testing.T, f *fakeiam.Fake) *iam.Client {
			return iam.New(iam.Options{Region: "us-east-1", Credentials: staticCreds(rootKey)}, f.Attach, func(o *iam.Options) { o.HTTPClient = &networkTrap{t: t} })
		}, wantCaller: rootCaller, want: []fakeiam.SigningCertificate{cert(1)}, wantUser: "<root_account>"},
		{name: "Config with iam.NewFromConfig", client: func(_ *testing.T, f *fakeiam.Fake) *iam.Client { return iam.NewFromConfig(f.Config()) },
			wantCaller: rootCaller, want: []fakeiam.SigningCertificate{cert(1)}, wantUser: "<root_account>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(seed...)
			out, err := tc.client(t, f).ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(listedCertificates(tc.wantUser, tc.want...), out.Certificates, cmpopts.IgnoreUnexported(out.Certificates[0])); diff != "" {
				t.Errorf("certificates (-want +got):\n%s", diff)
			}
			calls := logged(t, f)
			if len(calls) != 1 {
				t.Fatalf("%d calls logged, want 1", len(calls))
			}
			if diff := cmp.Diff(tc.wantCaller, calls[0].Caller); diff != "" {
				t.Errorf("caller (-want +got):\n%s", diff)
			}
		})
	}
}

// TestAttachKeepsTheUsersRetryer: a client the user builds keeps its own
// retryer (5 attempts here, where the fake's clients make 3).
func TestAttachKeepsTheUsersRetryer(t *testing.T) {
	for _, tc := range []struct {
		name   string
		client func(f *fakeiam.Fake, r *countingRetryer) *iam.Client
	}{
		{"iam.NewFromConfig", func(f *fakeiam.Fake, r *countingRetryer) *iam.Client {
			cfg := aws.Config{Region: "us-east-1", Credentials: staticCreds(bobKey), Retryer: func() aws.Retryer { return r }}
			return iam.NewFromConfig(cfg, f.Attach)
		}},
		{"iam.New", func(f *fakeiam.Fake, r *countingRetryer) *iam.Client {
			return iam.New(iam.Options{Region: "us-east-1", Credentials: staticCreds(bobKey), Retryer: r}, f.Attach)
		}},
		{"Config with the user's retryer", func(f *fakeiam.Fake, r *countingRetryer) *iam.Client {
			cfg := f.Config()
			cfg.Retryer = func() aws.Retryer { return r }
			return iam.NewFromConfig(cfg)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(fakeiam.User("Bob").AccessKey(bobKey))
			f.Inject(fakeiam.Rule{Operation: fakeiam.ListSigningCertificates, Then: fakeiam.ServiceFailure()})
			r := newCountingRetryer()
			c := tc.client(f, r)
			if c.Options().Retryer != aws.Retryer(r) {
				t.Errorf("client's retryer is %T, want the user's", c.Options().Retryer)
			}
			_, err := c.ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{})
			var me *retry.MaxAttemptsError
			if !errors.As(err, &me) || me.Attempt != 5 {
				t.Errorf("error %v, want MaxAttemptsError after 5 attempts", err)
			}
			var attempts []int
			for _, c := range logged(t, f) {
				attempts = append(attempts, c.Attempt)
			}
			if diff := cmp.Diff([]int{1, 2, 3, 4, 5}, attempts); diff != "" {
				t.Errorf("attempts in the call log (-want +got):\n%s", diff)
			}
			if got := r.tokens.Load(); got != 5 {
				t.Errorf("the user's retryer handed out %d attempt tokens, want 5", got)
			}
		})
	}
	// The fake's own clients make 3 attempts.
	f := newFake()
	f.Inject(fakeiam.Rule{Then: fakeiam.ServiceFailure()})
	if _, err := f.Client().ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{}); err == nil {
		t.Fatal("injected ServiceFailure did not fail the call")
	}
	if got := len(logged(t, f)); got != 3 {
		t.Errorf("Client() made %d attempts, want the standard 3", got)
	}
}

// TestClientIsHermetic: the environment and shared config files of the
// machine do not reach the fake's clients.
func TestClientIsHermetic(t *testing.T) {
	for k, v := range map[string]string{
		"AWS_REGION":                  "eu-west-3",
		"AWS_DEFAULT_REGION":          "eu-west-3",
		"AWS_ACCESS_KEY_ID":           "AKIAENVIRONMENT00001",
		"AWS_SECRET_ACCESS_KEY":       "environment-secret",
		"AWS_SESSION_TOKEN":           "environment-token",
		"AWS_PROFILE":                 "does-not-exist",
		"AWS_CONFIG_FILE":             "/nonexistent/config",
		"AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/credentials",
		"AWS_ENDPOINT_URL":            "http://127.0.0.1:1",
		"AWS_ENDPOINT_URL_IAM":        "http://127.0.0.1:1",
		"AWS_MAX_ATTEMPTS":            "1",
		"AWS_RETRY_MODE":              "adaptive",
		"HTTPS_PROXY":                 "http://127.0.0.1:1",
	} {
		t.Setenv(k, v)
	}
	f := newFake(fakeiam.Root().SigningCertificate(cert(1)))
	for name, c := range map[string]*iam.Client{"Client": f.Client(), "Config": iam.NewFromConfig(f.Config())} {
		t.Run(name, func(t *testing.T) {
			f.ResetCalls()
			if got := c.Options().Region; got != "us-east-1" {
				t.Errorf("region %q, want us-east-1", got)
			}
			out, err := c.ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(listedCertificates("<root_account>", cert(1)), out.Certificates, cmpopts.IgnoreUnexported(out.Certificates[0])); diff != "" {
				t.Errorf("certificates (-want +got):\n%s", diff)
			}
			calls := logged(t, f)
			if len(calls) != 1 {
				t.Fatalf("%d calls, want 1", len(calls))
			}
			want := fakeiam.Caller{Account: "123456789012", ARN: "arn:aws:iam::123456789012:root", AccessKeyID: mustKeys(t, f, "")[0]}
			if diff := cmp.Diff(want, calls[0].Caller); diff != "" {
				t.Errorf("caller (-want +got):\n%s", diff)
			}
		})
	}
}

// TestNothingReachesTheNetwork answers success, every kind of error and an
// unimplemented operation with a transport that fails the test installed
// after Attach, under the fake.
func TestNothingReachesTheNetwork(t *testing.T) {
	f := newFake(fakeiam.User("Bob").AccessKey(bobKey).SigningCertificate(cert(1)))
	trap := &networkTrap{t: t}
	c := iam.New(iam.Options{Region: "us-east-1", Credentials: staticCreds(bobKey)}, f.Attach,
		func(o *iam.Options) { o.HTTPClient = trap; o.Retryer = newCountingRetryer() })
	ctx := context.Background()
	f.Inject(fakeiam.Rule{Operation: fakeiam.DeleteSigningCertificate, Then: fakeiam.ServiceFailure()})
	for _, tc := range []struct {
		name     string
		call     func() error
		wantCode string // see errorCode
	}{
		{"list", func() error {
			_, err := c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{})
			return err
		}, "ok"},
		{"list a missing user", func() error {
			_, err := c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: aws.String("Nobody")})
			return err
		}, "NoSuchEntity"},
		{"upload", func() error {
			_, err := c.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{CertificateBody: aws.String(fakeiam.CertificatePEM("x"))})
			return err
		}, "ok"},
		{"delete, retried ServiceFailure", func() error {
			_, err := c.DeleteSigningCertificate(ctx, &iam.DeleteSigningCertificateInput{CertificateId: aws.String(cert(1).ID)})
			return err
		}, "ServiceFailure"},
		{"unimplemented", func() error {
			_, err := c.ListOrganizationsFeatures(ctx, &iam.ListOrganizationsFeaturesInput{})
			return err
		}, "UnsupportedOperation"},
		{"unsigned", func() error {
			// Anonymous credentials must be set when the client is built:
			// as an operation option the SDK refuses them before signing.
			unsigned := iam.New(c.Options(), func(o *iam.Options) { o.Credentials = aws.AnonymousCredentials{} })
			_, err := unsigned.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{})
			return err
		}, "MissingAuthenticationToken"},
	} {
		if got := outcomeOf(tc.call()); got != tc.wantCode {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.wantCode)
		}
	}
	if n := trap.hits.Load(); n != 0 {
		t.Errorf("%d requests reached the HTTP client", n)
	}
	// Every attempt was answered by the fake: 1 each, and 5 for the retried
	// ServiceFailure.
	if n := len(logged(t, f)); n != 1+1+1+5+1+1 {
		t.Errorf("the fake answered %d attempts, want 10", n)
	}
}

// TestAttachReplacesTheHTTPClient: a client with a real-looking HTTP client
// gets the refusing one from Attach, so even a request that bypasses the
// fake cannot leave the process.
func TestAttachReplacesTheHTTPClient(t *testing.T) {
	f := newFake()
	trap := &networkTrap{t: t}
	c := iam.New(iam.Options{Region: "us-east-1", HTTPClient: trap}, f.Attach)
	hc := c.Options().HTTPClient
	if hc == iam.HTTPClient(trap) {
		t.Fatal("Attach kept the client's HTTP client")
	}
	req, _ := http.NewRequest(http.MethodPost, "https://iam.amazonaws.com/", nil)
	_, err := hc.Do(req)
	var refused *fakeiam.NetworkRefusedError
	if !errors.As(err, &refused) || refused.Method != "POST" || refused.URL != "https://iam.amazonaws.com/" {
		t.Errorf("Attach's HTTP client: %v, want *NetworkRefusedError for POST https://iam.amazonaws.com/", err)
	}
}

// otherService makes an IAM client's calls look like another service's to
// the fake (the service id is what the SDK sets per client): they pass
// through the fake to the HTTP client.
func otherService(id string) func(*middleware.Stack) error {
	return func(s *middleware.Stack) error {
		return s.Initialize.Add(middleware.InitializeMiddlewareFunc("PretendOtherService",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				ctx = awsmiddleware.SetServiceID(middleware.WithServiceID(ctx, id), id)
				return next.HandleInitialize(ctx, in)
			}), middleware.Before)
	}
}

// countingHTTP wraps an HTTP client and counts the requests it gets.
type countingHTTP struct {
	next interface {
		Do(*http.Request) (*http.Response, error)
	}
	n atomic.Int32
}

func (c *countingHTTP) Do(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.next.Do(r)
}

func TestBypassingRequestIsRefused(t *testing.T) {
	f := newFake()
	cfg := f.Config()
	counting := &countingHTTP{next: cfg.HTTPClient}
	cfg.HTTPClient = counting
	cfg.APIOptions = append(cfg.APIOptions, otherService("EC2"))
	_, err := iam.NewFromConfig(cfg).ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{})
	var refused *fakeiam.NetworkRefusedError
	if !errors.As(err, &refused) {
		t.Fatalf("error %v, want *fakeiam.NetworkRefusedError", err)
	}
	if !strings.Contains(err.Error(), "never uses the network") {
		t.Errorf("error %q does not say why", err)
	}
	if n := counting.n.Load(); n != 1 {
		t.Errorf("the HTTP client got %d requests, want 1 (not retried)", n)
	}
	var me *retry.MaxAttemptsError
	if errors.As(err, &me) {
		t.Errorf("refused request was retried: %v", err)
	}
	if n := len(logged(t, f)); n != 0 {
		t.Errorf("the fake logged %d calls of another service", n)
	}
}

// TestNestedOtherServiceCallPassesThrough: a call of another service made
// with the context of an IAM call (as a credentials provider or a
// middleware during signing would) is not answered as that IAM call: it
// passes through to the refusing HTTP client, and the outer call is
// answered once, as itself.
func TestNestedOtherServiceCallPassesThrough(t *testing.T) {
	f := newFake(fakeiam.User("Bob"))
	other := f.Config()
	other.APIOptions = append(other.APIOptions, otherService("S3"))
	otherClient := iam.NewFromConfig(other)
	var nestedErr error
	nested := func(s *middleware.Stack) error {
		return s.Finalize.Add(middleware.FinalizeMiddlewareFunc("Nested",
			func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
				_, nestedErr = otherClient.ListUsers(ctx, &iam.ListUsersInput{})
				return next.HandleFinalize(ctx, in)
			}), middleware.After)
	}
	cfg := f.Config()
	cfg.APIOptions = append([]func(*middleware.Stack) error{nested}, cfg.APIOptions...)
	out, err := iam.NewFromConfig(cfg).GetUser(context.Background(), &iam.GetUserInput{UserName: aws.String("Bob")})
	if err != nil || out.User == nil || *out.User.UserName != "Bob" {
		t.Fatalf("the outer GetUser: %v, %v", out, err)
	}
	var refused *fakeiam.NetworkRefusedError
	if !errors.As(nestedErr, &refused) {
		t.Errorf("the nested call of another service: %v, want *fakeiam.NetworkRefusedError", nestedErr)
	}
	calls := logged(t, f)
	if len(calls) != 1 || calls[0].Operation != fakeiam.GetUser || calls[0].Attempt != 1 {
		t.Errorf("the fake logged %+v, want the one GetUser attempt", calls)
	}
}

// TestNonIAMCallsPassThrough runs a hand-built stack with the fake's
// APIOptions, as a client of another service built from f.Config() would:
// its request reaches the transport unchanged.
func TestNonIAMCallsPassThrough(t *testing.T) {
	for _, tc := range []struct {
		service     string
		wantReached bool
	}{
		{"EC2", true},
		{"S3", true},
		{"", true},
		{iam.ServiceID, false}, // control: the fake answers IAM itself
		{sts.ServiceID, false}, // and STS (AssumeRole: not implemented, refused)
	} {
		t.Run("service "+tc.service, func(t *testing.T) {
			f := newFake()
			stack := middleware.NewStack("AssumeRole", smithyhttp.NewStackRequest)
			// Another service's serializer: it fills in the request.
			err := stack.Serialize.Add(middleware.SerializeMiddlewareFunc("OtherSerializer",
				func(ctx context.Context, in middleware.SerializeInput, next middleware.SerializeHandler) (middleware.SerializeOutput, middleware.Metadata, error) {
					req := in.Request.(*smithyhttp.Request)
					req.Method = http.MethodPost
					req.URL, _ = url.Parse("https://sts.amazonaws.com/")
					req.Header.Set("X-Test", "kept")
					req, err := req.SetStream(strings.NewReader("Action=AssumeRole&Version=2011-06-15"))
					if err != nil {
						return middleware.SerializeOutput{}, middleware.Metadata{}, err
					}
					in.Request = req
					return next.HandleSerialize(ctx, in)
				}), middleware.After)
			if err != nil {
				t.Fatal(err)
			}
			for _, opt := range f.Config().APIOptions {
				if err := opt(stack); err != nil {
					t.Fatal(err)
				}
			}
			params := &struct{ RoleArn string }{"arn:aws:iam::123456789012:role/x"}
			var seenParams any
			stack.Initialize.Add(middleware.InitializeMiddlewareFunc("SeeParams",
				func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
					seenParams = in.Parameters
					return next.HandleInitialize(ctx, in)
				}), middleware.After)

			var reached *smithyhttp.Request
			var body string
			terminal := middleware.HandlerFunc(func(ctx context.Context, in any) (any, middleware.Metadata, error) {
				reached = in.(*smithyhttp.Request)
				b, _ := io.ReadAll(reached.GetStream())
				body = string(b)
				return &smithyhttp.Response{Response: &http.Response{StatusCode: 200, Body: http.NoBody}}, middleware.Metadata{}, nil
			})
			ctx := context.Background()
			if tc.service != "" {
				ctx = awsmiddleware.SetServiceID(middleware.WithServiceID(ctx, tc.service), tc.service)
				ctx = awsmiddleware.SetOperationName(middleware.WithOperationName(ctx, "AssumeRole"), "AssumeRole")
			}
			_, _, err = middleware.DecorateHandler(terminal, stack).Handle(ctx, params)

			if !tc.wantReached {
				if reached != nil || err == nil {
					t.Errorf("IAM call reached the transport (err %v)", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("pass-through failed: %v", err)
			}
			if reached == nil {
				t.Fatal("the transport was not reached")
			}
			got := struct {
				Method, URL, Body string
				Header            http.Header
			}{reached.Method, reached.URL.String(), body, reached.Header}
			want := struct {
				Method, URL, Body string
				Header            http.Header
			}{"POST", "https://sts.amazonaws.com/", "Action=AssumeRole&Version=2011-06-15", http.Header{"X-Test": {"kept"}}}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("request at the transport (-want +got):\n%s", diff)
			}
			if seenParams != any(params) {
				t.Errorf("parameters changed on the way: %v", seenParams)
			}
			if n := len(logged(t, f)); n != 0 {
				t.Errorf("the fake logged %d calls of another service", n)
			}
		})
	}
}

// TestUnimplementedOperation: an IAM operation the fake does not implement
// fails at once, naming it, in one attempt, without the network.
func TestUnimplementedOperation(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		op   string
		call func(c *iam.Client) error
	}{
		{"GetServiceLastAccessedDetails", func(c *iam.Client) error { // roles, once the example, are implemented
			_, err := c.GetServiceLastAccessedDetails(ctx, &iam.GetServiceLastAccessedDetailsInput{JobId: aws.String("examplef-1305-c245-eba4-71fe298bcda7")})
			return err
		}},
		{"DisableOrganizationsRootSessions", func(c *iam.Client) error { // a write (groups, managed policies, instance profiles, service-linked roles and STS preferences, once the example, are implemented)
			_, err := c.DisableOrganizationsRootSessions(ctx, &iam.DisableOrganizationsRootSessionsInput{})
			return err
		}},
		{"ListOrganizationsFeatures", func(c *iam.Client) error {
			_, err := c.ListOrganizationsFeatures(ctx, &iam.ListOrganizationsFeaturesInput{})
			return err
		}},
	} {
		t.Run(tc.op, func(t *testing.T) {
			f := newFake()
			trap := &networkTrap{t: t}
			retryer := newCountingRetryer()
			c := f.Client(func(o *iam.Options) { o.HTTPClient = trap; o.Retryer = retryer })
			err := tc.call(c)
			var ue *fakeiam.UnsupportedOperationError
			if !errors.As(err, &ue) || ue.Operation != fakeiam.Operation(tc.op) {
				t.Fatalf("error %v, want *fakeiam.UnsupportedOperationError for %s", err, tc.op)
			}
			if !strings.Contains(err.Error(), tc.op) || !strings.Contains(err.Error(), "not implemented") {
				t.Errorf("error %q does not name the operation", err)
			}
			calls := logged(t, f)
			if len(calls) != 1 || calls[0].Operation != fakeiam.Operation(tc.op) || calls[0].Attempt != 1 || !errors.As(calls[0].Err, &ue) {
				t.Errorf("call log %+v, want one attempt of %s with the error", calls, tc.op)
			}
			if n := retryer.tokens.Load(); n != 1 {
				t.Errorf("%d attempts, want 1", n)
			}
			if trap.hits.Load() != 0 {
				t.Error("the network was reached")
			}
		})
	}
}

func TestUserClientForUnknownUser(t *testing.T) {
	f := newFake(fakeiam.User("Bob"))
	trap := &networkTrap{t: t}
	c := f.User("Nobody").Client(func(o *iam.Options) { o.HTTPClient = trap })
	ctx := context.Background()
	for name, call := range map[string]func() error{
		"List": func() error {
			_, err := c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{})
			return err
		},
		"Upload": func() error {
			_, err := c.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{CertificateBody: aws.String(fakeiam.CertificatePEM("x"))})
			return err
		},
		"GetUser": func() error { _, err := c.GetUser(ctx, &iam.GetUserInput{}); return err },
	} {
		err := call()
		if err == nil || !strings.Contains(err.Error(), `user "Nobody" in account 123456789012: no such user`) {
			t.Errorf("%s: error %v, want one naming the user and saying there is no such user", name, err)
		}
		var me *retry.MaxAttemptsError
		if errors.As(err, &me) {
			t.Errorf("%s: retried: %v", name, err)
		}
	}
	if n := len(logged(t, f)); n != 0 {
		t.Errorf("%d calls reached the fake", n)
	}
	if trap.hits.Load() != 0 {
		t.Error("the network was reached")
	}
	// A user exists only in the default account for f.User.
	g := newFake(fakeiam.Account(otherAccount, fakeiam.User("Bob")))
	if _, err := g.User("Bob").Client().ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{}); err == nil {
		t.Error("f.User found a user of another account")
	}
}

// TestRequestIDs: success and error answers carry the request id the call
// log records, and every answer has a new one.
func TestRequestIDs(t *testing.T) {
	f := newFake(fakeiam.User("Bob").SigningCertificate(cert(1)))
	c := f.Client()
	ctx := context.Background()
	var ids []string
	for i, in := range []*iam.ListSigningCertificatesInput{
		{UserName: aws.String("Bob")},
		{UserName: aws.String("Nobody")},
		{UserName: aws.String("Bob")},
		{MaxItems: aws.Int32(0)},
		{},
	} {
		out, err := c.ListSigningCertificates(ctx, in)
		var id string
		if err == nil {
			var ok bool
			if id, ok = awsmiddleware.GetRequestIDMetadata(out.ResultMetadata); !ok {
				t.Errorf("call %d: success carries no request id", i)
			}
		} else {
			var re *awshttp.ResponseError
			if !errors.As(err, &re) {
				t.Fatalf("call %d: %v is no *awshttp.ResponseError", i, err)
			}
			id = re.ServiceRequestID()
			if !strings.Contains(err.Error(), "RequestID: "+id) {
				t.Errorf("call %d: error text %q lacks its request id", i, err)
			}
		}
		if len(id) != 36 {
			t.Errorf("call %d: request id %q is not a UUID", i, id)
		}
		ids = append(ids, id)
	}
	var loggedIDs []string
	for _, c := range logged(t, f) {
		loggedIDs = append(loggedIDs, c.RequestID)
	}
	if diff := cmp.Diff(ids, loggedIDs); diff != "" {
		t.Errorf("request ids returned vs logged (-returned +logged):\n%s", diff)
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Errorf("request id %s repeated", id)
		}
		seen[id] = true
	}
}

// TestCallerOptionsApplyLast: options passed to Client override the fake's
// defaults (here a tighter retryer), and the fake still answers.
func TestCallerOptionsApplyLast(t *testing.T) {
	f := newFake()
	f.Inject(fakeiam.Rule{Then: fakeiam.Throttle()})
	c := f.Client(func(o *iam.Options) {
		o.Retryer = retry.AddWithMaxAttempts(o.Retryer, 1)
	})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{}); err == nil {
		t.Fatal("throttled call succeeded")
	}
	if n := len(logged(t, f)); n != 1 {
		t.Errorf("%d attempts, want 1 (the caller's retryer)", n)
	}
}

// TestTwoFakesOnOneClientFail: attaching a second fake is an error on every
// call, never a silent choice of one of them; the same fake twice is fine.
func TestTwoFakesOnOneClientFail(t *testing.T) {
	a := newFake()
	b := newFake(fakeiam.User("Bob"))
	ctx := context.Background()
	in := &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")}

	_, err := iam.NewFromConfig(a.Config(), b.Attach).ListSigningCertificates(ctx, in)
	if err == nil || !strings.Contains(err.Error(), "already attached to another fake") {
		t.Errorf("two fakes: err = %v, want the attach error", err)
	}
	if n := len(logged(t, a)) + len(logged(t, b)); n != 0 {
		t.Errorf("two fakes: %d calls logged, want 0", n)
	}
	if _, err := iam.NewFromConfig(b.Config(), b.Attach).ListSigningCertificates(ctx, in); err != nil {
		t.Errorf("the same fake twice: %v", err)
	}
}

// TestFakeClientsGetTheSignatureChecks: a request from the fake's own
// client whose signed date is changed after signing (a middleware of the
// user's, inserted after Signing as the SDK door's is) is refused as IAM
// refuses a stale request: the fake skips only recomputing a signature its
// own credentials made, never the checks of its form.
func TestFakeClientsGetTheSignatureChecks(t *testing.T) {
	f := fakeiam.MustNew(fakeiam.User("Bob"))
	stale := middleware.FinalizeMiddlewareFunc("stale", func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
		if req, ok := in.Request.(*smithyhttp.Request); ok {
			req.Header.Set("X-Amz-Date", time.Now().Add(-time.Hour).UTC().Format("20060102T150405Z"))
		}
		return next.HandleFinalize(ctx, in)
	})
	c := f.Client(func(o *iam.Options) {
		o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
			return s.Finalize.Insert(stale, "Signing", middleware.After)
		})
	})
	_, err := c.GetUser(context.Background(), &iam.GetUserInput{UserName: aws.String("Bob")})
	if err == nil || !strings.Contains(err.Error(), "SignatureDoesNotMatch") || !strings.Contains(err.Error(), "Signature expired: ") {
		t.Fatalf("GetUser signed an hour ago: %v; want SignatureDoesNotMatch, Signature expired", err)
	}
}
