package fakeiam

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/middleware"
)

// Clients and inspection. Every identity of the fake (an account's root, a
// user, a role, in any account) is a Principal: it gives a client that
// signs as it, and copies of its certificates and keys.

// Attach is an iam.Options function that routes every IAM call of a client
// to the fake: iam.NewFromConfig(cfg, f.Attach). The client keeps its own
// retryer, region and credentials (seed them: a key the fake does not know
// gets IAM's InvalidClientTokenId); its HTTP client is replaced by one that
// refuses every request, so nothing can reach the network.
func (f *Fake) Attach(o *iam.Options) {
	o.APIOptions = append(o.APIOptions, f.install)
	o.HTTPClient = refuseHTTP{}
}

// AttachSTS is Attach for STS: an sts.Options function that routes every
// STS call of a client to the fake, sts.NewFromConfig(cfg, f.AttachSTS), so
// that GetCallerIdentity answers who the client's credentials belong to.
// The client keeps its own retryer, region and credentials; its HTTP client
// is replaced by one that refuses every request.
func (f *Fake) AttachSTS(o *sts.Options) {
	o.APIOptions = append(o.APIOptions, f.install)
	o.HTTPClient = refuseHTTP{}
}

// STSClient returns a hermetic *sts.Client signing as the default
// account's root user: f.Root().STSClient(optFns...).
func (f *Fake) STSClient(optFns ...func(*sts.Options)) *sts.Client {
	return f.Root().STSClient(optFns...)
}

// Client returns a hermetic *iam.Client signing as the default account's
// root user: f.Root().Client(optFns...).
func (f *Fake) Client(optFns ...func(*iam.Options)) *iam.Client {
	return f.Root().Client(optFns...)
}

// ClientWithAccessKey returns a hermetic *iam.Client signing with the given
// access key id and the secret the fake holds for it; for a key the fake does
// not know, with a made-up secret (IAM answers InvalidClientTokenId).
func (f *Fake) ClientWithAccessKey(accessKeyID string, optFns ...func(*iam.Options)) *iam.Client {
	secret := "fakeiam-unknown-key-secret"
	if f.wire != nil {
		f.mu.RLock()
		if k := f.keys[accessKeyID]; k != nil {
			secret = k.secret
		}
		f.mu.RUnlock()
	}
	return f.clientFor(f.credentials(accessKeyID, secret, ""), nil, optFns)
}

// Principal is an identity of the fake: an account's root user, an IAM
// user, or a role. It is a name, resolved on every use, so it may name a
// user that does not exist yet (or any more): its methods then say so.
type Principal struct {
	f       *Fake
	account string
	kind    principalKind
	name    string
}

// Root is the default account's root user.
func (f *Fake) Root() Principal { return Principal{f, DefaultAccountID, kindRoot, ""} }

// User is the IAM user of the default account with that name (IAM user
// names ignore case).
func (f *Fake) User(name string) Principal { return Principal{f, DefaultAccountID, kindUser, name} }

// Role is the role of the default account with that name.
func (f *Fake) Role(name string) Principal { return Principal{f, DefaultAccountID, kindRole, name} }

// Principal is the identity with the given ARN, in any account:
// arn:aws:iam::210987654321:root, arn:aws:iam::210987654321:user/Bob,
// arn:aws:iam::210987654321:role/deployer (or the role's assumed-role ARN,
// as Call.Caller reports it). An ARN of no other shape names no one.
func (f *Fake) Principal(arn string) Principal {
	p := Principal{f: f, kind: kindUser}
	rest, ok := strings.CutPrefix(arn, "arn:aws:iam::")
	if !ok {
		if rest, ok = strings.CutPrefix(arn, "arn:aws:sts::"); !ok {
			return Principal{f: f, name: arn, kind: kindUser, account: "(" + arn + ")"}
		}
	}
	p.account, rest, _ = strings.Cut(rest, ":")
	switch {
	case rest == "root":
		p.kind = kindRoot
	case strings.HasPrefix(rest, "user/"):
		p.name = rest[strings.LastIndexByte(rest, '/')+1:]
	case strings.HasPrefix(rest, "role/"):
		p.kind, p.name = kindRole, rest[strings.LastIndexByte(rest, '/')+1:]
	case strings.HasPrefix(rest, "assumed-role/"):
		name, _, _ := strings.Cut(strings.TrimPrefix(rest, "assumed-role/"), "/")
		p.kind, p.name = kindRole, name
	default:
		p.account = "(" + arn + ")" // no such account: every use says so
	}
	return p
}

// describe names p in errors: `user "Bob" in account 123456789012`.
func (p Principal) describe() string {
	switch p.kind {
	case kindRoot:
		return "the root user of account " + p.account
	case kindRole:
		return "role " + strconv.Quote(p.name) + " in account " + p.account
	}
	return "user " + strconv.Quote(p.name) + " in account " + p.account
}

// resolve finds p in the model; call with f.mu held.
func (p Principal) resolve() (*principal, error) {
	if p.f == nil || p.f.wire == nil {
		return nil, errZeroFake
	}
	a := p.f.accounts[p.account]
	if a == nil {
		return nil, fmt.Errorf("fakeiam: %s: no such account", p.describe())
	}
	var found *principal
	switch p.kind {
	case kindRoot:
		found = a.root
	case kindUser:
		found = a.user(p.name)
	case kindRole:
		found = a.role(p.name)
	}
	if found == nil {
		return nil, fmt.Errorf("fakeiam: %s: no such %s", p.describe(), map[principalKind]string{kindUser: "user", kindRole: "role"}[p.kind])
	}
	return found, nil
}

func (p Principal) locked(fn func(*principal) error) error {
	if p.f == nil || p.f.wire == nil {
		return errZeroFake
	}
	p.f.mu.RLock()
	defer p.f.mu.RUnlock()
	found, err := p.resolve()
	if err != nil {
		return err
	}
	return fn(found)
}

// Client returns a hermetic *iam.Client signing with p's first access key.
// If p does not exist or has no key, every call of the client fails with an
// error that says so.
//
// Hermetic: built with iam.New, not config.LoadDefaultConfig, so no
// environment variable or shared config file is read; region us-east-1;
// static credentials; an HTTP client that refuses every request; the
// standard retryer (3 attempts) with no backoff delay and no retry quota, so
// injected faults are retried without sleeping. optFns apply last.
func (p Principal) Client(optFns ...func(*iam.Options)) *iam.Client {
	var id, secret string
	err := p.signingKey(func(k *accessKey) { id, secret = k.id, k.secret })
	return p.f.clientFor(p.f.credentials(id, secret, ""), err, optFns)
}

// signingKey hands p's first Active access key to use. A user without any
// key gets one, created as an administrator would create it (it then shows in
// ListAccessKeys); a role without any (one CreateRole made) gets its
// session's credentials; one whose keys are all Inactive gets none.
func (p Principal) signingKey(use func(*accessKey)) error {
	if p.f == nil || p.f.wire == nil {
		return errZeroFake
	}
	now := p.f.now()
	p.f.mu.Lock()
	defer p.f.mu.Unlock()
	found, err := p.resolve()
	if err != nil {
		return err
	}
	for _, k := range found.keys {
		if k.status == types.StatusTypeActive {
			use(k)
			return nil
		}
	}
	if len(found.keys) > 0 || found.kind == kindRoot {
		return fmt.Errorf("fakeiam: %s has no Active access key", p.describe())
	}
	use(p.f.newAccessKeyLocked(found, now))
	return nil
}

// SigningCertificates returns p's signing certificates in list order, as
// copies, without going through a client.
func (p Principal) SigningCertificates() ([]types.SigningCertificate, error) {
	var out []types.SigningCertificate
	err := p.locked(func(found *principal) error {
		out = copyCertificates(p.f.ownerName(found), found.certs)
		return nil
	})
	return out, err
}

// AccessKeys returns p's access keys, with their secrets, in creation order.
func (p Principal) AccessKeys() ([]AccessKey, error) {
	var out []AccessKey
	err := p.locked(func(found *principal) error {
		out = make([]AccessKey, len(found.keys))
		for i, k := range found.keys {
			out[i] = AccessKey{ID: k.id, Secret: k.secret, Status: k.status, CreateDate: k.created}
		}
		return nil
	})
	return out, err
}

// STSClient returns a hermetic *sts.Client signing with p's first access
// key, as Client does for IAM: GetCallerIdentity answers who p is.
func (p Principal) STSClient(optFns ...func(*sts.Options)) *sts.Client {
	var id, secret string
	err := p.signingKey(func(k *accessKey) { id, secret = k.id, k.secret })
	return p.f.stsClientFor(p.f.credentials(id, secret, ""), err, optFns)
}

// clientFor and stsClientFor are the hermetic clients the fake builds
// (Principal.Client): region us-east-1, creds, an HTTP client that refuses
// every request, the retryer without delays, the fake's middleware; every
// call fails with broken when it is not nil. optFns apply last.
func (f *Fake) clientFor(creds aws.CredentialsProvider, broken error, optFns []func(*iam.Options)) *iam.Client {
	o := iam.Options{Region: "us-east-1", Credentials: creds, HTTPClient: refuseHTTP{}, Retryer: newRetryer(),
		APIOptions: f.apiOptions(broken)}
	return iam.New(o, optFns...)
}

func (f *Fake) stsClientFor(creds aws.CredentialsProvider, broken error, optFns []func(*sts.Options)) *sts.Client {
	o := sts.Options{Region: "us-east-1", Credentials: creds, HTTPClient: refuseHTTP{}, Retryer: newRetryer(),
		APIOptions: f.apiOptions(broken)}
	return sts.New(o, optFns...)
}

// apiOptions are the middleware of the clients the fake builds: its own,
// and, when broken is not nil, one failing every IAM and STS call with it.
func (f *Fake) apiOptions(broken error) []func(*middleware.Stack) error {
	opts := []func(*middleware.Stack) error{f.install}
	if broken != nil {
		opts = append(opts, failEveryCall(broken))
	}
	return opts
}

// Config returns an aws.Config for code that builds its own clients: IAM
// and STS clients built from it talk to the fake as the default account's
// root; clients of other services pass through the fake to an HTTP client
// that refuses every request. No environment or file is read.
func (f *Fake) Config() aws.Config {
	var id, secret string
	err := f.Root().signingKey(func(k *accessKey) { id, secret = k.id, k.secret })
	return aws.Config{
		Region:      "us-east-1",
		Credentials: f.credentials(id, secret, ""),
		HTTPClient:  refuseHTTP{},
		Retryer:     func() aws.Retryer { return newRetryer() },
		APIOptions:  f.apiOptions(err), // IAM and STS calls say why; other services still pass through
	}
}

// credentials is the static credentials provider of the clients the fake
// builds; token is a session's (none for long-term keys).
func (f *Fake) credentials(id, secret, token string) aws.CredentialsProvider {
	return &issuedCredentials{fake: f, id: id, secret: secret, token: token}
}

// issuedCredentials are static credentials that also tell the fake, through
// the call's context, which key and secret the SDK is about to sign
// with. The SDK asks for credentials on every attempt, inside the call.
// Temporary credentials have a token; their expiry is the fake's to
// answer (ExpiredToken), as IAM's is, so the SDK is not told of it.
type issuedCredentials struct {
	fake              *Fake
	id, secret, token string
}

func (c *issuedCredentials) Retrieve(ctx context.Context) (aws.Credentials, error) {
	if inv := invocationOf(ctx); inv != nil {
		inv.issued = c
	}
	return aws.Credentials{AccessKeyID: c.id, SecretAccessKey: c.secret, SessionToken: c.token, Source: "fakeiam"}, nil
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

// failEveryCall makes every IAM and STS call of a client fail with err
// before anything else happens; calls to other services pass.
func failEveryCall(err error) func(*middleware.Stack) error {
	return func(stack *middleware.Stack) error {
		return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("fakeiam.Broken",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				if serviceByID(awsmiddleware.GetServiceID(ctx)) == nil {
					return next.HandleInitialize(ctx, in)
				}
				return middleware.InitializeOutput{}, middleware.Metadata{}, nonRetryable{err}
			}), middleware.Before)
	}
}
