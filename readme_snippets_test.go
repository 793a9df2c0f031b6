package fakeaws_test

// The README's Go snippets, each between "// snippet: NAME" and
// "// end snippet", inside code that compiles and runs here.
// TestReadmeSnippets keeps every ```go block of the README identical to its
// snippet (indentation aside), so what a user pastes compiles as shown.

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

func TestSnippetSeeding(t *testing.T) {
	// snippet: seeding
	f, err := fakeiam.New(
		fakeiam.User("Bob").
			AccessKey(fakeiam.AccessKey{ID: "AKIAIOSFODNN7EXAMPLE", Secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}).
			SigningCertificate(fakeiam.SigningCertificate{
				ID:         "TA7SMP42TDN5Z26OBPJE7EXAMPLE",
				Body:       fakeiam.CertificatePEM("bob's laptop"), // or any PEM text, stored verbatim
				UploadDate: time.Date(2013, 6, 6, 21, 40, 8, 0, time.UTC),
			}),
		fakeiam.User("Alice").Path("/engineering/").Tag("team", "payments"),
		fakeiam.Root().SigningCertificate(fakeiam.SigningCertificate{}), // zero fields get defaults
		fakeiam.Role("deployer"),                                 // a caller that is not a user
		fakeiam.Account("210987654321", fakeiam.User("Mallory")), // a second account
	)
	if err != nil {
		t.Fatal(err) // names every seed IAM would refuse
	}
	// end snippet
	if _, err := f.User("Bob").SigningCertificates(); err != nil {
		t.Fatal(err)
	}
}

func TestSnippetClock(t *testing.T) {
	// snippet: clock
	// The fake's clock is the real time, as IAM's is: a certificate that
	// expired yesterday is refused, as IAM refuses it.
	f := fakeiam.MustNew(fakeiam.User("Bob"))

	// For dates that print the same on every run, stop the clock...
	fixed := fakeiam.MustNew(fakeiam.WithFixedTime(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
	// ...and move it by hand.
	if err := fixed.Advance(90 * 24 * time.Hour); err != nil {
		t.Fatal(err)
	}

	// Certificates for any validity window, deterministic for the arguments.
	expired := fakeiam.CertificatePEMWithValidity("bob 2025", time.Now().AddDate(-1, 0, 0), time.Now().AddDate(0, 0, -1))
	_, err := f.User("Bob").Client().UploadSigningCertificate(context.Background(), &iam.UploadSigningCertificateInput{
		CertificateBody: aws.String(expired),
	})
	var malformed *types.MalformedCertificateException
	if !errors.As(err, &malformed) {
		t.Fatalf("uploading an expired certificate: %v", err)
	}
	// end snippet
	if got := fixed.Now(); !got.Equal(time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("fixed clock advanced 90 days: %v", got)
	}
}

func TestSnippetOwnClient(t *testing.T) {
	// snippet: own-client
	f := fakeiam.MustNew(fakeiam.User("Bob").AccessKey(fakeiam.AccessKey{ID: "AKIAIOSFODNN7EXAMPLE", Secret: "bob-secret"}))
	cfg := aws.Config{
		Region: "us-east-1",
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "bob-secret"}, nil
		}),
	}
	client := iam.NewFromConfig(cfg, f.Attach) // your retryer and credentials; the fake answers
	out, err := client.GetUser(context.Background(), &iam.GetUserInput{})
	if err != nil {
		t.Fatal(err) // credentials the fake was not seeded with: InvalidClientTokenId
	}
	// end snippet
	if *out.User.UserName != "Bob" {
		t.Errorf("GetUser as Bob: %v", *out.User.UserName)
	}
}

func TestSnippetFaults(t *testing.T) {
	ctx := context.Background()
	// snippet: faults
	f := fakeiam.MustNew(fakeiam.User("Bob"))
	remove := f.Inject(fakeiam.Rule{
		Operation: fakeiam.UploadSigningCertificate,
		Attempts:  fakeiam.FirstN(2),
		Then:      fakeiam.ServiceFailure(),
	})
	defer remove()
	_, err := f.User("Bob").Client().UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{
		CertificateBody: aws.String(fakeiam.CertificatePEM("bob")),
	})
	if err != nil {
		t.Fatal(err) // the SDK's third attempt succeeded
	}
	calls, err := f.Calls(fakeiam.UploadSigningCertificate)
	if err != nil {
		t.Fatal(err) // the log dropped attempts: raise CallLogBytes
	}
	for _, c := range calls {
		t.Log(c.Attempt, c.Caller.UserName, c.Err != nil) // 1 Bob true, 2 Bob true, 3 Bob false
	}
	// end snippet
	if len(calls) != 3 || calls[2].Err != nil {
		t.Errorf("%d attempts, last error %v; want 3, the last a success", len(calls), calls[len(calls)-1].Err)
	}
}

// rotate is the code under test of the Sweep snippet: it uploads a new
// certificate and deletes the old one.
func rotate(ctx context.Context, c *iam.Client) error {
	old, err := c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{})
	if err != nil {
		return err
	}
	if _, err := c.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{CertificateBody: aws.String(fakeiam.CertificatePEM("rotated"))}); err != nil {
		return err
	}
	for _, cert := range old.Certificates {
		if _, err := c.DeleteSigningCertificate(ctx, &iam.DeleteSigningCertificateInput{CertificateId: cert.CertificateId}); err != nil {
			return err
		}
	}
	return nil
}

func TestSnippetSweep(t *testing.T) {
	ctx := context.Background()
	// snippet: sweep
	fakeiam.Sweep(t, fakeiam.ServiceFailure(), func(t *testing.T, f *fakeiam.Fake, failing *fakeiam.SweepCall) {
		err := rotate(ctx, f.User("Bob").Client())
		if (err != nil) != (failing != nil) {
			t.Fatalf("rotate with %v failing: err = %v", failing, err)
		}
	}, fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{}))
	// end snippet
}

func TestSnippetEndpoint(t *testing.T) {
	ctx := context.Background()
	// snippet: endpoint
	f := fakeiam.MustNew(fakeiam.User("Bob"))
	url := f.Endpoint(t) // http://127.0.0.1:PORT, closed when the test ends
	keys, err := f.Root().AccessKeys()
	if err != nil {
		t.Fatal(err)
	}
	client := iam.New(iam.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(url),
		HTTPClient:   &http.Client{},
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: keys[0].ID, SecretAccessKey: keys[0].Secret}, nil
		}),
	})
	out, err := client.ListUsers(ctx, &iam.ListUsersInput{}) // over IAM's own wire protocol
	// end snippet
	if err != nil || len(out.Users) != 1 {
		t.Fatalf("ListUsers over HTTP: %v, %v", out, err)
	}
}
