package fakeiam_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// Testing a retry policy: IAM fails the first two attempts of an upload with
// a 500; the SDK's standard retryer tries a third time, which succeeds. The
// call log shows every attempt.
func Example_retryPolicy() {
	f := fakeiam.MustNew(fakeiam.User("Bob"))
	f.Inject(fakeiam.Rule{
		Operation: fakeiam.UploadSigningCertificate,
		Attempts:  fakeiam.FirstN(2),
		Then:      fakeiam.ServiceFailure(),
	})

	out, err := f.User("Bob").Client().UploadSigningCertificate(context.Background(), &iam.UploadSigningCertificateInput{
		CertificateBody: aws.String(fakeiam.CertificatePEM("bob")),
	})
	if err != nil {
		fmt.Println("upload:", err)
		return
	}
	fmt.Println("uploaded:", out.Certificate.Status)
	for _, c := range mustCalls(f, fakeiam.UploadSigningCertificate) {
		var apiErr smithy.APIError
		switch {
		case errors.As(c.Err, &apiErr):
			fmt.Printf("attempt %d by %s: %s\n", c.Attempt, c.Caller.UserName, apiErr.ErrorCode())
		case c.Err == nil:
			fmt.Printf("attempt %d by %s: ok\n", c.Attempt, c.Caller.UserName)
		}
	}
	// Output:
	// uploaded: Active
	// attempt 1 by Bob: ServiceFailure
	// attempt 2 by Bob: ServiceFailure
	// attempt 3 by Bob: ok
}

// certificateCount is code under test that must surface IAM's failures.
func certificateCount(ctx context.Context, c *iam.Client, user string) (int, error) {
	out, err := c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: &user})
	if err != nil {
		return 0, fmt.Errorf("counting %s's certificates: %w", user, err)
	}
	return len(out.Certificates), nil
}

// Surfacing ServiceFailure to the caller: IAM fails every attempt, the SDK
// gives up after three, and the caller still finds IAM's modeled error and
// the HTTP status in the chain.
func Example_serviceFailure() {
	f := fakeiam.MustNew(fakeiam.User("Bob"))
	f.Inject(fakeiam.Rule{Operation: fakeiam.ListSigningCertificates, Then: fakeiam.ServiceFailure()})

	_, err := certificateCount(context.Background(), f.Client(), "Bob")
	fmt.Println(err != nil)
	var failure *types.ServiceFailureException
	if errors.As(err, &failure) {
		fmt.Println("ServiceFailureException:", failure.ErrorMessage())
	}
	var resp *awshttp.ResponseError
	if errors.As(err, &resp) {
		fmt.Println("HTTP status:", resp.HTTPStatusCode(), "with a request id:", resp.ServiceRequestID() != "")
	}
	fmt.Println("attempts:", len(mustCalls(f)))
	// Output:
	// true
	// ServiceFailureException: The request processing has failed because of an unknown error, exception or failure.
	// HTTP status: 500 with a request id: true
	// attempts: 3
}

// A timeout: IAM answers after a minute, the caller waits 5ms. The call
// returns at the deadline with the context's error, as it would over HTTP,
// and the SDK does not retry it.
func Example_timeout() {
	f := fakeiam.MustNew(fakeiam.User("Bob"))
	f.Inject(fakeiam.Rule{Then: fakeiam.Latency(time.Minute)})

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	_, err := certificateCount(ctx, f.Client(), "Bob")
	fmt.Println("deadline exceeded:", errors.Is(err, context.DeadlineExceeded))
	fmt.Println("attempts:", len(mustCalls(f)))
	// Output:
	// deadline exceeded: true
	// attempts: 1
}

// firstPage is a bug that full pages hide: it ignores IsTruncated and Marker.
func firstPage(ctx context.Context, c *iam.Client, user string) (int, error) {
	out, err := c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: &user})
	if err != nil {
		return 0, err
	}
	return len(out.Certificates), nil
}

// A short page catches code that ignores IsTruncated: IAM may return fewer
// items than asked for, and the fake does when told to. The SDK's paginator
// still collects them all.
func Example_shortPage() {
	f := fakeiam.MustNew(fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{}, fakeiam.SigningCertificate{}))
	ctx := context.Background()

	n, _ := firstPage(ctx, f.Client(), "Bob")
	fmt.Println("full pages, first page only:", n)

	f.Inject(fakeiam.Rule{Operation: fakeiam.ListSigningCertificates, Then: fakeiam.ShortPage(1)})
	n, _ = firstPage(ctx, f.Client(), "Bob")
	fmt.Println("short pages, first page only:", n)

	all := 0
	p := iam.NewListSigningCertificatesPaginator(f.Client(), &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			fmt.Println(err)
			return
		}
		all += len(page.Certificates)
	}
	fmt.Println("short pages, paginator:", all)
	// Output:
	// full pages, first page only: 2
	// short pages, first page only: 1
	// short pages, paginator: 2
}

// Rules are values: the newest rule that picks an attempt decides it, and
// removing a rule lets the older ones decide again.
func ExampleFake_Inject() {
	f := fakeiam.MustNew(fakeiam.User("Bob"), fakeiam.User("Alice"))
	ctx := context.Background()
	list := func() {
		_, err := certificateCount(ctx, f.User("Bob").Client(), "Alice")
		var apiErr smithy.APIError
		if errors.As(err, &apiErr) {
			fmt.Println(apiErr.ErrorCode()+":", apiErr.ErrorMessage())
			return
		}
		fmt.Println("ok")
	}

	f.Inject(fakeiam.Rule{Then: fakeiam.Throttle()})
	list()
	remove := f.Inject(fakeiam.Rule{
		Operation: fakeiam.ListSigningCertificates,
		If:        func(c fakeiam.Call) bool { return c.Caller.UserName == "Bob" },
		Then:      fakeiam.AccessDenied(),
	})
	list()
	remove()
	list()
	f.ClearFaults()
	list()
	// Output:
	// Throttling: Rate exceeded
	// AccessDenied: User: arn:aws:iam::123456789012:user/Bob is not authorized to perform: iam:ListSigningCertificates on resource: user Alice
	// Throttling: Rate exceeded
	// ok
}

// rotate replaces the caller's signing certificates by a new one.
func rotate(ctx context.Context, c *iam.Client) error {
	old, err := c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{})
	if err != nil {
		return err
	}
	if _, err := c.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{CertificateBody: aws.String(fakeiam.CertificatePEM("next"))}); err != nil {
		return err
	}
	for _, cert := range old.Certificates {
		if _, err := c.DeleteSigningCertificate(ctx, &iam.DeleteSigningCertificateInput{CertificateId: cert.CertificateId}); err != nil {
			return err
		}
	}
	return nil
}

// TestRotateReportsEveryFailure is Sweep's documented example, kept here so
// that it compiles and passes: a clean run and three failing ones.
func TestRotateReportsEveryFailure(t *testing.T) {
	runs := 0
	fakeiam.Sweep(t, fakeiam.ServiceFailure(), func(t *testing.T, f *fakeiam.Fake, failing *fakeiam.SweepCall) {
		runs++
		err := rotate(context.Background(), f.User("Bob").Client())
		if (err != nil) != (failing != nil) {
			t.Fatalf("rotate with %v failing: err = %v", failing, err)
		}
	}, fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{}))
	if runs != 4 {
		t.Errorf("the sweep ran the scenario %d times, want 4", runs)
	}
}

// mustCalls is the call log, for Examples (which have no *testing.T).
func mustCalls(f *fakeiam.Fake, ops ...fakeiam.Operation) []fakeiam.Call {
	calls, err := f.Calls(ops...)
	if err != nil {
		panic(err)
	}
	return calls
}
