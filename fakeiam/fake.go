package fakeiam

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go/middleware"
)

// Fake is an in-memory IAM. Build one with New or MustNew, get a client with
// Client or ClientAs (or attach it to a client you build with Attach), run
// the code under test, and inspect the result. A Fake is safe for concurrent
// use and shares nothing with other Fakes.
type Fake struct {
	mu       sync.RWMutex // guards the model below; never held while user code runs
	accounts map[string]*account
	keys     map[string]*accessKey   // every access key, by id
	certIDs  map[string]*certificate // every signing certificate, by id

	defaultAccount string
	rootUserName   string
	quota          int

	clock     Clock
	advanced  atomic.Int64 // what Advance added, in nanoseconds
	ids       ids
	markerKey [32]byte
	wire      *wire
	faults    faults
	log       callLog
}

// New returns a Fake holding the seeded state. It returns an error naming
// every seed IAM itself would refuse (a bad user name, a third certificate on
// a user, a body uploaded twice, ...).
func New(opts ...Option) (*Fake, error) {
	c := &config{clock: fixedClock{}, rootName: DefaultRootUserName, quota: 2, logLimit: DefaultCallLogLimit}
	c.current = c.account(DefaultAccountID)
	if err := applyAll(c, opts); err != nil {
		return nil, fmt.Errorf("fakeiam: %w", err)
	}
	f := &Fake{
		accounts:       map[string]*account{},
		keys:           map[string]*accessKey{},
		certIDs:        map[string]*certificate{},
		defaultAccount: DefaultAccountID,
		rootUserName:   c.rootName,
		quota:          c.quota,
		clock:          c.clock,
		wire:           newWire(),
	}
	f.ids.seed = c.seed
	f.log.limit = c.logLimit
	var seedBytes [8]byte
	binary.BigEndian.PutUint64(seedBytes[:], c.seed)
	f.markerKey = sha256.Sum256(append([]byte("fakeiam marker key\x00"), seedBytes[:]...))
	if err := f.build(c); err != nil {
		return nil, fmt.Errorf("fakeiam: %w", err)
	}
	return f, nil
}

// MustNew is New for test setup: it panics with New's error. Use New where
// the seeds come from input.
func MustNew(opts ...Option) *Fake {
	f, err := New(opts...)
	if err != nil {
		panic(err)
	}
	return f
}

// Attach is an iam.Options function that routes every IAM call of a client
// to the fake: iam.NewFromConfig(cfg, f.Attach). The client keeps its own
// retryer, region and credentials; its HTTP client is replaced by one that
// refuses every request, so nothing can reach the network.
func (f *Fake) Attach(o *iam.Options) {
	o.APIOptions = append(o.APIOptions, f.install)
	o.HTTPClient = refuseHTTP{}
}

// Client returns a hermetic *iam.Client signing as the default account's
// root user. See ClientWithAccessKey for what "hermetic" means; optFns apply
// last.
func (f *Fake) Client(optFns ...func(*iam.Options)) *iam.Client {
	f.mu.RLock()
	key := f.accounts[f.defaultAccount].root.keys[0]
	f.mu.RUnlock()
	return f.clientFor(key.id, key.secret, nil, optFns)
}

// ClientAs returns a hermetic *iam.Client signing with the first access key
// of the named user of the default account. If there is no such user, every
// call of the client fails with an error that says so.
func (f *Fake) ClientAs(userName string, optFns ...func(*iam.Options)) *iam.Client {
	f.mu.RLock()
	u := f.accounts[f.defaultAccount].user(userName)
	f.mu.RUnlock()
	if u == nil || len(u.keys) == 0 {
		err := fmt.Errorf("fakeiam: ClientAs(%q): account %s has no such user", userName, f.defaultAccount)
		return f.clientFor("", "", err, optFns)
	}
	return f.clientFor(u.keys[0].id, u.keys[0].secret, nil, optFns)
}

// ClientWithAccessKey returns a hermetic *iam.Client signing with the given
// access key id and the secret the fake holds for it; for a key the fake does
// not know, with a made-up secret (IAM answers InvalidClientTokenId). Use it
// for roles, other accounts and unknown keys.
//
// Hermetic: built with iam.New, not config.LoadDefaultConfig, so no
// environment variable or shared config file is read; region us-east-1;
// static credentials; an HTTP client that refuses every request; the
// standard retryer (3 attempts) with no backoff delay and no retry quota, so
// injected faults are retried without sleeping.
func (f *Fake) ClientWithAccessKey(accessKeyID string, optFns ...func(*iam.Options)) *iam.Client {
	f.mu.RLock()
	k := f.keys[accessKeyID]
	f.mu.RUnlock()
	secret := "fakeiam-unknown-key-secret"
	if k != nil {
		secret = k.secret
	}
	return f.clientFor(accessKeyID, secret, nil, optFns)
}

func (f *Fake) clientFor(keyID, secret string, broken error, optFns []func(*iam.Options)) *iam.Client {
	o := iam.Options{
		Region:      "us-east-1",
		Credentials: f.credentials(keyID, secret),
		HTTPClient:  refuseHTTP{},
		Retryer:     newRetryer(),
		APIOptions:  []func(*middleware.Stack) error{f.install},
	}
	if broken != nil {
		o.APIOptions = append(o.APIOptions, failEveryCall(broken))
	}
	return iam.New(o, optFns...)
}

// Config returns an aws.Config for code that builds its own clients: IAM
// clients built from it talk to the fake as the default account's root;
// clients of other services pass through the fake to an HTTP client that
// refuses every request. No environment or file is read.
func (f *Fake) Config() aws.Config {
	f.mu.RLock()
	key := f.accounts[f.defaultAccount].root.keys[0]
	f.mu.RUnlock()
	return aws.Config{
		Region:      "us-east-1",
		Credentials: f.credentials(key.id, key.secret),
		HTTPClient:  refuseHTTP{},
		Retryer:     func() aws.Retryer { return newRetryer() },
		APIOptions:  []func(*middleware.Stack) error{f.install},
	}
}

// credentials is the static credentials provider of the clients the fake
// builds.
func (f *Fake) credentials(id, secret string) aws.CredentialsProvider {
	return &issuedCredentials{fake: f, id: id, secret: secret}
}

// issuedCredentials are static credentials that also tell the fake, through
// the call's stack values, which key and secret the SDK is about to sign
// with. The SDK asks for credentials on every attempt, inside the call.
type issuedCredentials struct {
	fake       *Fake
	id, secret string
}

func (c *issuedCredentials) Retrieve(ctx context.Context) (aws.Credentials, error) {
	if inv, _ := middleware.GetStackValue(ctx, invocationKey{}).(*invocation); inv != nil {
		inv.issued = c
	}
	return aws.Credentials{AccessKeyID: c.id, SecretAccessKey: c.secret, Source: "fakeiam"}, nil
}

// attests reports whether c, issued by f, hands out key with its secret.
func (c *issuedCredentials) attests(f *Fake, key *accessKey) bool {
	return c != nil && c.fake == f && c.id == key.id && c.secret == key.secret
}

// newRetryer is the SDK's standard retryer with no delay between attempts and
// no retry quota: 3 real attempts, no sleeping, no coupling between tests.
func newRetryer() aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.Backoff = noBackoff{}
		o.RateLimiter = ratelimit.None
	})
}

type noBackoff struct{}

func (noBackoff) BackoffDelay(int, error) (time.Duration, error) { return 0, nil }

// refuseHTTP is the HTTP client of every client the fake builds: a request
// that got past the fake fails, not retried, instead of leaving the process.
type refuseHTTP struct{}

func (refuseHTTP) Do(r *http.Request) (*http.Response, error) {
	return nil, &NetworkRefusedError{Method: r.Method, URL: r.URL.String()}
}

// NetworkRefusedError is returned when a request reaches the HTTP client of a
// client the fake built or attached to: the fake fails closed.
type NetworkRefusedError struct {
	Method, URL string
}

func (e *NetworkRefusedError) Error() string {
	return "fakeiam: refused to send " + e.Method + " " + e.URL + ": the fake never uses the network"
}

// RetryableError tells the SDK's retryer not to retry.
func (e *NetworkRefusedError) RetryableError() bool { return false }

// failEveryCall makes every call of a client fail with err before anything
// else happens.
func failEveryCall(err error) func(*middleware.Stack) error {
	return func(stack *middleware.Stack) error {
		return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("fakeiam.Broken",
			func(context.Context, middleware.InitializeInput, middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				return middleware.InitializeOutput{}, middleware.Metadata{}, nonRetryable{err}
			}), middleware.Before)
	}
}

type nonRetryable struct{ error }

func (e nonRetryable) Unwrap() error        { return e.error }
func (e nonRetryable) RetryableError() bool { return false }

// SigningCertificates returns the named user's signing certificates in the
// default account, in list order, as copies, without going through a client.
func (f *Fake) SigningCertificates(userName string) ([]types.SigningCertificate, error) {
	f.mu.RLock()
	defer f.mu.RUnlock()
	u := f.accounts[f.defaultAccount].user(userName)
	if u == nil {
		return nil, fmt.Errorf("fakeiam: account %s has no user %q", f.defaultAccount, userName)
	}
	return f.copyCertificates(u.certs), nil
}

// RootSigningCertificates returns the default account root user's own
// signing certificates, as copies.
func (f *Fake) RootSigningCertificates() []types.SigningCertificate {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return f.copyCertificates(f.accounts[f.defaultAccount].root.certs)
}

// AccessKeys returns the access key ids of the named user of the default
// account (seeded or generated), or of the root user when userName is empty.
func (f *Fake) AccessKeys(userName string) ([]string, error) {
	f.mu.RLock()
	defer f.mu.RUnlock()
	a := f.accounts[f.defaultAccount]
	p := a.root
	if userName != "" {
		p = a.user(userName)
		if p == nil {
			return nil, fmt.Errorf("fakeiam: account %s has no user %q", f.defaultAccount, userName)
		}
	}
	ids := make([]string, len(p.keys))
	for i, k := range p.keys {
		ids[i] = k.id
	}
	return ids, nil
}
