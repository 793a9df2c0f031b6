package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"net"
	"net/http"
	"net/http/httptrace"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// syncBuffer is an io.Writer that the server's goroutines and the test may
// use at once.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// bound is how long a test waits for the command before it fails.
const bound = 20 * time.Second

// server is cmd/fakeiam running in-process.
type server struct {
	url            string
	env            map[string]string // the exported variables
	stdout, stderr *syncBuffer
	stop           func() error // cancels run's context and returns what run returned
}

// start runs the command with args until the test ends, and waits until it
// listens.
func start(t *testing.T, args ...string) *server {
	t.Helper()
	s := &server{stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- run(ctx, args, s.stdout, s.stderr, ready) }()
	select {
	case s.url = <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("run %q: %v before listening; stderr:\n%s", args, err, s.stderr)
	case <-time.After(bound):
		cancel()
		t.Fatalf("run %q: not listening after %v", args, bound)
	}
	var once sync.Once
	var stopErr error
	s.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case stopErr = <-done:
			case <-time.After(bound):
				stopErr = errors.New("run did not return after its context ended")
			}
		})
		return stopErr
	}
	t.Cleanup(func() {
		if err := s.stop(); err != nil {
			t.Errorf("stopping run %q: %v", args, err)
		}
	})
	s.env = parseExports(t, s.stdout.String())
	return s
}

var exportLine = regexp.MustCompile(`^export ([A-Z_]+)=(\S+)$`)

// parseExports reads the six export lines, which must be all of stdout.
func parseExports(t *testing.T, stdout string) map[string]string {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	var names []string
	env := map[string]string{}
	for _, line := range lines {
		m := exportLine.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("stdout line %q is not `export NAME=value`; stdout:\n%s", line, stdout)
		}
		names = append(names, m[1])
		env[m[1]] = m[2]
	}
	want := []string{"AWS_ENDPOINT_URL_IAM", "AWS_ENDPOINT_URL_STS", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION", "FAKEIAM_TOKEN"}
	if diff := cmp.Diff(want, names); diff != "" || !strings.HasSuffix(stdout, "\n") {
		t.Fatalf("stdout exports (-want +got):\n%s\nstdout:\n%q", diff, stdout)
	}
	return env
}

// client is an SDK client over HTTP with the exported endpoint and key.
func (s *server) client() *iam.Client {
	return s.clientAs(s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"])
}

func (s *server) clientAs(id, secret string) *iam.Client {
	return iam.New(iam.Options{
		Region:       s.env["AWS_DEFAULT_REGION"],
		BaseEndpoint: aws.String(s.env["AWS_ENDPOINT_URL_IAM"]),
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: id, SecretAccessKey: secret}, nil
		}),
		HTTPClient: &http.Client{},
	})
}

func TestExports(t *testing.T) {
	s := start(t, "-quiet")
	env := s.env
	if env["AWS_ENDPOINT_URL_IAM"] != s.url || !regexp.MustCompile(`^http://127\.0\.0\.1:[1-9][0-9]*$`).MatchString(s.url) {
		t.Errorf("AWS_ENDPOINT_URL_IAM %q, ready %q: want the same http://127.0.0.1:PORT", env["AWS_ENDPOINT_URL_IAM"], s.url)
	}
	if env["AWS_ENDPOINT_URL_STS"] != s.url {
		t.Errorf("AWS_ENDPOINT_URL_STS %q: want the IAM endpoint %q (one listener serves both)", env["AWS_ENDPOINT_URL_STS"], s.url)
	}
	if !regexp.MustCompile(`^AKIA[A-Z2-7]{16}$`).MatchString(env["AWS_ACCESS_KEY_ID"]) || !regexp.MustCompile(`^[A-Za-z0-9+/]{40}$`).MatchString(env["AWS_SECRET_ACCESS_KEY"]) {
		t.Errorf("key %q, secret %q: want IAM's shapes (docs/contract.md)", env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"])
	}
	if env["AWS_DEFAULT_REGION"] != "us-east-1" || len(env["FAKEIAM_TOKEN"]) < 32 {
		t.Errorf("region %q, token %q", env["AWS_DEFAULT_REGION"], env["FAKEIAM_TOKEN"])
	}
	// The key is the root's: it works, and the caller is the account root.
	out, err := s.client().GetUser(context.Background(), &iam.GetUserInput{})
	if err != nil || *out.User.Arn != "arn:aws:iam::123456789012:root" {
		t.Fatalf("GetUser with the exported key: %v, %v; want the root", out, err)
	}
	// The default seed: the API reference's Bob, and a root certificate.
	bob, err := s.client().ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")})
	if err != nil || len(bob.Certificates) != 1 || *bob.Certificates[0].CertificateId != "TA7SMP42TDN5Z26OBPJE7EXAMPLE" {
		t.Errorf("Bob's certificates: %+v, %v; want the API reference's one", bob, err)
	}
	root, err := s.client().ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{})
	if err != nil || len(root.Certificates) != 1 {
		t.Errorf("root's certificates: %+v, %v; want one", root, err)
	}
	if err := s.stop(); err != nil {
		t.Fatal(err)
	}
	if got := s.stdout.String(); strings.Count(got, "\n") != 6 {
		t.Errorf("stdout after requests and shutdown:\n%s\nwant the six export lines only", got)
	}
	if got := s.stderr.String(); got != "" {
		t.Errorf("stderr with -quiet: %q, want nothing", got)
	}
}

func TestTwoServersHaveTheirOwnTokens(t *testing.T) {
	a, b := start(t, "-quiet"), start(t, "-quiet")
	if a.url == b.url || a.env["FAKEIAM_TOKEN"] == b.env["FAKEIAM_TOKEN"] {
		t.Errorf("two servers: %s %s, tokens %s %s; want different ports and tokens", a.url, b.url, a.env["FAKEIAM_TOKEN"], b.env["FAKEIAM_TOKEN"])
	}
}

// runErr runs the command with args, which must fail before it listens,
// and returns the error.
func runErr(t *testing.T, args ...string) error {
	t.Helper()
	ready := make(chan string, 1)
	var stdout, stderr syncBuffer
	err := run(context.Background(), args, &stdout, &stderr, ready)
	if err == nil {
		t.Fatalf("run %q succeeded, want an error", args)
	}
	select {
	case url := <-ready:
		t.Errorf("run %q listened at %s", args, url)
	default:
	}
	if stdout.String() != "" {
		t.Errorf("run %q printed %q on stdout, want nothing when it fails", args, stdout.String())
	}
	return err
}

func TestNotLoopbackNeedsAllowRemote(t *testing.T) {
	// None of these is ever listened on: the address is refused first.
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:0", "[::]:0", "example.com:0"} {
		err := runErr(t, "-addr", addr)
		if !strings.Contains(err.Error(), addr) || !strings.Contains(err.Error(), "-allow-remote") {
			t.Errorf("-addr %s: %v; want it named, and -allow-remote suggested", addr, err)
		}
	}
	s := start(t, "-allow-remote", "-addr", "127.0.0.1:0")
	if strings.Contains(s.stderr.String(), "WARNING") {
		t.Errorf("a loopback address with -allow-remote warned: %s", s.stderr)
	}
	if err := runErr(t, "-addr", "nonsense"); !strings.Contains(err.Error(), "nonsense") {
		t.Errorf("-addr nonsense: %v", err)
	}
}

func TestEmpty(t *testing.T) {
	s := start(t, "-quiet", "-empty")
	ctx := context.Background()
	users, err := s.client().ListUsers(ctx, &iam.ListUsersInput{})
	if err != nil || len(users.Users) != 0 {
		t.Errorf("ListUsers: %+v, %v; want none", users, err)
	}
	certs, err := s.client().ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{})
	if err != nil || len(certs.Certificates) != 0 {
		t.Errorf("root's certificates: %+v, %v; want none", certs, err)
	}
	if err := runErr(t, "-empty", "-seed", "x.json"); !strings.Contains(err.Error(), "-empty") {
		t.Errorf("-empty with -seed: %v", err)
	}
}

// writeFiles writes name → content into a new directory and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestSeedFile(t *testing.T) {
	pem := fakeiam.CertificatePEM("seeded from a file")
	dir := writeFiles(t, map[string]string{
		"seed.json": `{
  "users": [
    {"name": "Alice",
     "accessKeys": [{"id": "AKIAALICEEXAMPLE0001", "secret": "alice-secret"}],
     "signingCertificates": [
       {"id": "ALICECERTIFICATE00000001", "body": "-----BEGIN CERTIFICATE-----alice-----END CERTIFICATE-----",
        "status": "Inactive", "uploadDate": "2013-06-06T21:40:08Z"},
       {"bodyFile": "alice.pem"}]},
    {"name": "Bob", "path": "/engineering/", "tags": [{"key": "team", "value": "payments"}],
     "createDate": "2020-02-03T04:05:06Z",
     "accessKeys": [{"id": "AKIABOBEXAMPLE000001", "secret": "bob-secret", "status": "Inactive", "createDate": "2021-01-01T00:00:00Z"}]}
  ],
  "certificatesPerUser": 3
}`,
		"alice.pem": pem,
	})
	s := start(t, "-quiet", "-seed", filepath.Join(dir, "seed.json"))
	ctx := context.Background()
	out, err := s.clientAs("AKIAALICEEXAMPLE0001", "alice-secret").ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Certificates) != 2 {
		t.Fatalf("Alice's certificates: %+v, want 2", out.Certificates)
	}
	first, second := out.Certificates[0], out.Certificates[1]
	if *first.CertificateId != "ALICECERTIFICATE00000001" || first.Status != types.StatusTypeInactive ||
		!first.UploadDate.Equal(time.Date(2013, 6, 6, 21, 40, 8, 0, time.UTC)) || *first.UserName != "Alice" {
		t.Errorf("first certificate %+v: want the seeded id, Inactive, uploaded 2013-06-06T21:40:08Z", first)
	}
	if *second.CertificateBody != pem || second.Status != types.StatusTypeActive {
		t.Errorf("second certificate: status %s, body %q; want Active, alice.pem's", second.Status, *second.CertificateBody)
	}
	users, err := s.client().ListUsers(ctx, &iam.ListUsersInput{})
	if err != nil || len(users.Users) != 2 {
		t.Errorf("users: %+v, %v; want Alice and Bob only (no default seed)", users, err)
	}
	// Path, tags, creation dates and key status as seeded.
	bob, err := s.client().GetUser(ctx, &iam.GetUserInput{UserName: aws.String("Bob")})
	if err != nil {
		t.Fatal(err)
	}
	if *bob.User.Path != "/engineering/" || *bob.User.Arn != "arn:aws:iam::123456789012:user/engineering/Bob" ||
		!bob.User.CreateDate.Equal(time.Date(2020, 2, 3, 4, 5, 6, 0, time.UTC)) || len(bob.User.Tags) != 1 || *bob.User.Tags[0].Key != "team" {
		t.Errorf("Bob: %+v, want the seeded path, creation date and tag", bob.User)
	}
	keys, err := s.client().ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: aws.String("Bob")})
	if err != nil || len(keys.AccessKeyMetadata) != 1 || keys.AccessKeyMetadata[0].Status != types.StatusTypeInactive ||
		!keys.AccessKeyMetadata[0].CreateDate.Equal(time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Bob's keys: %+v, %v; want the seeded Inactive key of 2021", keys, err)
	}
	// certificatesPerUser 3 lifts the quota.
	for _, subject := range []string{"b1", "b2", "b3"} {
		body := fakeiam.CertificatePEM(subject)
		if _, err := s.client().UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{UserName: aws.String("Bob"), CertificateBody: &body}); err != nil {
			t.Errorf("upload %s for Bob with a quota of 3: %v", subject, err)
		}
	}
}

func TestBadSeedFiles(t *testing.T) {
	for _, tc := range []struct {
		name, seed string
		files      map[string]string
		// says lists what the error must contain besides the file's path:
		// the place and the problem.
		says []string
	}{
		{name: "bad JSON", seed: "{\"users\": [\n  {\"name\": \"Bob\",]}", says: []string{"line 2, column 18", "invalid character ']'"}},
		{name: "trailing data", seed: `{"users": []} {}`, says: []string{"more than one JSON value"}},
		{name: "unknown field", seed: "{\"users\": [\n  {\"name\": \"Bob\", \"bogus\": 1},\n  {\"name\": \"Alice\"}\n]}",
			says: []string{"line 2, column 19: users[0].bogus: unknown field"}},
		{name: "unknown field known elsewhere", seed: "{\"users\": [{\"name\": \"Bob\"}],\n \"name\": \"x\"}",
			says: []string{"line 2, column 2: name: unknown field"}},
		{name: "unknown field of an account", seed: "{\"accounts\": [{\"id\": \"210987654321\",\n  \"Users\": [{\"name\": \"Bob\", \"accesskeys\": [{\"id\": \"AKIABOBEXAMPLE000001\", \"secrit\": \"s\"}]}]}]}",
			says: []string{"line 2, column 75: accounts[0].Users[0].accesskeys[0].secrit: unknown field"}},
		{name: "wrong type", seed: `{"users": [{"name": "Bob", "signingCertificates": [{"uploadDate": 3}]}]}`,
			says: []string{"line 1, column ", "uploadDate", "string", "number"}},
		{name: "bad status", seed: `{"users": [{"name": "Alice"}, {"name": "Bob", "signingCertificates": [{"status": "Bogus"}]}]}`,
			says: []string{"users[1].signingCertificates[0].status", `"Bogus"`, "Active", "Inactive"}},
		{name: "bad date", seed: `{"users": [{"name": "Bob", "signingCertificates": [{}, {"uploadDate": "yesterday"}]}]}`,
			says: []string{"users[0].signingCertificates[1].uploadDate", `"yesterday"`, "RFC 3339"}},
		{name: "duplicate user", seed: `{"users": [{"name": "Bob"}, {"name": "Alice"}, {"name": "bob"}]}`,
			says: []string{"users[2].name", `"bob"`, "users[0]", "unique"}},
		{name: "bodyFile missing", seed: `{"users": [{"name": "Bob", "signingCertificates": [{"bodyFile": "nope.pem"}]}]}`,
			says: []string{"users[0].signingCertificates[0].bodyFile", "nope.pem", "no such file"}},
		{name: "body and bodyFile", seed: `{"users": [{"name": "Bob", "signingCertificates": [{"body": "x", "bodyFile": "b.pem"}]}]}`,
			files: map[string]string{"b.pem": "y"}, says: []string{"users[0].signingCertificates[0]", "body and bodyFile"}},
		{name: "account without id", seed: `{"accounts": [{"users": [{"name": "Bob"}]}]}`, says: []string{"accounts[0]", "id"}},
		{name: "role certificates", seed: `{"roles": [{"name": "deployer", "signingCertificates": [{}]}]}`,
			says: []string{"roles[0].signingCertificates", "roles have no signing certificates"}},
		{name: "over the quota", seed: `{"users": [{"name": "Bob", "signingCertificates": [{}, {}, {}]}]}`,
			says: []string{`user "Bob"`, "quota"}},
		{name: "builder refusals name their place", seed: `{"users": [{"name": "Alice"}, {"name": "Bob", "accessKeys": [{"id": "AKIA", "secret": "s"}]}]}`,
			says: []string{`users[1]: user "Bob": access key "AKIA"`, "16 to 128"}},
		{name: "bad path", seed: `{"users": [{"name": "Bob", "path": "no-slashes"}]}`,
			says: []string{`users[0]: user "Bob"`, "The specified value for path is invalid"}},
		{name: "bad key status", seed: `{"users": [{"name": "Bob", "accessKeys": [{"id": "AKIABOBEXAMPLE000001", "secret": "s", "status": "Gone"}]}]}`,
			says: []string{`users[0].accessKeys[0].status: "Gone" is not Active or Inactive`}},
		{name: "bad user createDate", seed: `{"users": [{"name": "Bob", "createDate": "today"}]}`,
			says: []string{"users[0].createDate", `"today"`, "RFC 3339"}},
		{name: "the same key on two users", seed: `{"users": [{"name": "Bob", "accessKeys": [{"id": "AKIABOBEXAMPLE000001", "secret": "s"}]}, {"name": "Alice", "accessKeys": [{"id": "AKIABOBEXAMPLE000001", "secret": "t"}]}]}`,
			says: []string{`user "Alice": access key "AKIABOBEXAMPLE000001": seeded twice`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"seed.json": tc.seed}
			for k, v := range tc.files {
				files[k] = v
			}
			path := filepath.Join(writeFiles(t, files), "seed.json")
			err := runErr(t, "-seed", path)
			if msg := err.Error(); !strings.HasPrefix(msg, path+": ") {
				t.Errorf("error %q does not start with the file's path", msg)
			}
			for _, s := range tc.says {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
		})
	}
	if err := runErr(t, "-seed", filepath.Join(t.TempDir(), "absent.json")); !strings.Contains(err.Error(), "absent.json") {
		t.Errorf("a missing seed file: %v", err)
	}
}

func TestRequestLog(t *testing.T) {
	s := start(t)
	ctx := context.Background()
	s.client().GetUser(ctx, &iam.GetUserInput{UserName: aws.String("Bob")})
	s.client().DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String("Nobody")})
	s.clientAs("AKIAUNKNOWNEXAMPLE01", "x").ListUsers(ctx, &iam.ListUsersInput{})
	if err := s.stop(); err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`^(\S+) (\S+) (\d{3}) (\S+)$`)
	var got []string
	lines := strings.Split(strings.TrimSuffix(s.stderr.String(), "\n"), "\n")
	for _, l := range lines[:len(lines)-1] {
		m := line.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("log line %q is not `operation caller status duration`", l)
			continue
		}
		if _, err := time.ParseDuration(m[4]); err != nil {
			t.Errorf("log line %q: %v", l, err)
		}
		got = append(got, m[1]+" "+m[2]+" "+m[3])
	}
	want := []string{
		"GetUser arn:aws:iam::123456789012:root 200",
		"DeleteUser arn:aws:iam::123456789012:root 404",
		"ListUsers AKIAUNKNOWNEXAMPLE01 403",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("request log (-want +got):\n%s", diff)
	}
	if last := lines[len(lines)-1]; last != "fakeiam: stopped" {
		t.Errorf("last stderr line %q, want fakeiam: stopped", last)
	}
}

func TestShutdown(t *testing.T) {
	s := start(t, "-quiet", "-shutdown-timeout", "1h")
	ctx := context.Background()
	// A request held by a Latency fault when the server stops.
	req, _ := http.NewRequest("POST", s.url+"/_fakeiam/faults", strings.NewReader(`{"operation":"GetUser","effect":"Latency","latency":"1h"}`))
	req.Header.Set("Authorization", "Bearer "+s.env["FAKEIAM_TOKEN"])
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("adding a latency rule: %v %v", resp, err)
	}
	resp.Body.Close()
	held := make(chan error, 1)
	wrote := make(chan struct{})
	c := iam.New(s.client().Options(), func(o *iam.Options) {
		o.HTTPClient = &http.Client{Transport: tracing{http.DefaultTransport, &httptrace.ClientTrace{
			WroteRequest: func(httptrace.WroteRequestInfo) { close(wrote) },
		}}}
		o.RetryMaxAttempts = 1
	})
	go func() {
		_, err := c.GetUser(ctx, &iam.GetUserInput{})
		held <- err
	}()
	select {
	case <-wrote:
	case <-time.After(bound):
		t.Fatal("the held request was never sent")
	}
	// A request answered after it was sent: the server accepted the held
	// request's connection first.
	if _, err := s.client().ListUsers(ctx, &iam.ListUsersInput{}); err != nil {
		t.Fatal(err)
	}
	// Stopping does not wait for the held request: it ends it at once (with
	// -shutdown-timeout 1h, waiting would outlast the test's bound).
	if err := s.stop(); err != nil {
		t.Fatalf("run returned %v after its context ended, want nil", err)
	}
	select {
	case err := <-held:
		var ae smithy.APIError
		if err == nil || errors.As(err, &ae) {
			t.Errorf("the held request got %v, want no answer (a transport error)", err)
		}
	case <-time.After(bound):
		t.Fatal("the held request never ended")
	}
	if _, err := net.Dial("tcp", strings.TrimPrefix(s.url, "http://")); err == nil {
		t.Error("the port still accepts connections after shutdown")
	}
}

// tracing is a RoundTripper that traces its requests.
type tracing struct {
	next  http.RoundTripper
	trace *httptrace.ClientTrace
}

func (t tracing) RoundTrip(r *http.Request) (*http.Response, error) {
	return t.next.RoundTrip(r.WithContext(httptrace.WithClientTrace(r.Context(), t.trace)))
}

// Settings stay in their account: a top-level quota is the default
// account's, and a principal is checked with its own account's settings.
func TestSeedFileSettingsStayInTheirAccount(t *testing.T) {
	ok := `{"certificatesPerUser": 3, "users": [{"name": "Bob", "signingCertificates": [{}, {}, {}]}],
	        "accounts": [{"id": "210987654321", "certificatesPerUser": 1, "users": [{"name": "Carol", "signingCertificates": [{}]}]}]}`
	if _, err := parseSeed([]byte(ok), t.TempDir()); err != nil {
		t.Errorf("quotas lifted and lowered per account: %v", err)
	}
	bad := `{"certificatesPerUser": 3, "accounts": [{"id": "210987654321", "users": [{"name": "Carol", "signingCertificates": [{}, {}, {}]}]}]}`
	if _, err := parseSeed([]byte(bad), t.TempDir()); err == nil || !strings.Contains(err.Error(), `accounts[0].users[0]: user "Carol": 3 signing certificates exceed the quota of 2`) {
		t.Errorf("the default account's quota applied to another account: %v", err)
	}
}

// TestHelpIsNotAnError: -help prints the flags and ends run with
// flag.ErrHelp, which main answers with exit status 0 (asking for help is
// not a mistake), without starting a listener.
func TestHelpIsNotAnError(t *testing.T) {
	for _, arg := range []string{"-h", "-help", "--help"} {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), []string{arg}, &stdout, &stderr, nil)
		if !errors.Is(err, flag.ErrHelp) {
			t.Errorf("run %s: %v, want flag.ErrHelp", arg, err)
		}
		if !strings.Contains(stderr.String(), "-addr host:port") || stdout.Len() != 0 {
			t.Errorf("run %s printed %q on stdout and %q on stderr, want the flags' usage on stderr", arg, stdout.String(), stderr.String())
		}
	}
}
