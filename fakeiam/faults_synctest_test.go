//go:build go1.25

package fakeiam_test

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// In a synctest bubble time moves only when every goroutine waits, so these
// tests measure Latency exactly and never really sleep.

func TestLatencyDelaysThenProceeds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := fakeiam.MustNew(bobWithDocCert())
		f.Inject(fakeiam.Rule{Operation: fakeiam.ListSigningCertificates, Then: fakeiam.Latency(time.Hour)})
		start := time.Now()
		out, err := f.Client().ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")})
		if err != nil {
			t.Fatal(err)
		}
		if elapsed := time.Since(start); elapsed != time.Hour {
			t.Errorf("the call took %v, want exactly the latency, 1h", elapsed)
		}
		if diff := cmp.Diff([]string{docID}, certificateIDs(out.Certificates)); diff != "" {
			t.Errorf("certificates (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"ListSigningCertificates #1 ok"}, logLines(logged(t, f))); diff != "" {
			t.Errorf("attempts (-want +got):\n%s", diff)
		}
	})
}

func TestLatencyReturnsAtTheDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := fakeiam.MustNew(bobWithDocCert())
		f.Inject(fakeiam.Rule{Then: fakeiam.Latency(time.Hour)})
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		start := time.Now()
		_, err := f.Client().ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")})
		if elapsed := time.Since(start); elapsed != 2*time.Second {
			t.Errorf("the call returned after %v, want at the deadline, 2s", elapsed)
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want context.DeadlineExceeded", err)
		}
		if n := len(logged(t, f)); n != 1 {
			t.Errorf("%d attempts, want 1: a cancelled send is not retried", n)
		}
	})
}

// TestLatencyDatesAfterTheDelay: a Latency fault delays the operation,
// not only its answer, so what the operation dates it dates after the
// delay: a user created after an hour's wait was created then, and a
// session token's 15 minutes start when it is issued, so it works as soon
// as it arrives.
func TestLatencyDatesAfterTheDelay(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		f := fakeiam.MustNew()
		f.Inject(fakeiam.Rule{Operation: fakeiam.CreateUser, Then: fakeiam.Latency(time.Hour)})
		f.Inject(fakeiam.Rule{Operation: fakeiam.GetSessionToken, Then: fakeiam.Latency(16 * time.Minute)})
		start := time.Now()
		u, err := f.Client().CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("Bob")})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := *u.User.CreateDate, start.Add(time.Hour).UTC(); !got.Equal(want) {
			t.Errorf("CreateDate %v, want %v: after the latency", got, want)
		}
		s, err := f.STSClient().GetSessionToken(ctx, &sts.GetSessionTokenInput{DurationSeconds: aws.Int32(900)})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := *s.Credentials.Expiration, start.Add(time.Hour+16*time.Minute+15*time.Minute).UTC(); !got.Equal(want) {
			t.Errorf("Expiration %v, want %v: 15 minutes from its issue, after the latency", got, want)
		}
		c := f.STSClient(func(o *sts.Options) {
			o.Credentials = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
				return aws.Credentials{AccessKeyID: *s.Credentials.AccessKeyId, SecretAccessKey: *s.Credentials.SecretAccessKey, SessionToken: *s.Credentials.SessionToken}, nil
			})
		})
		if _, err := c.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); err != nil {
			t.Errorf("the session's credentials, as they arrive: %v", err)
		}
	})
}

// A call authenticated before Reset and answered after it gets
// InvalidClientTokenId: its key belongs to the state that is gone, and it
// changes nothing in the state Reset made.
func TestResetWhileACallWaits(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := fakeiam.MustNew(fakeiam.User("Bob"))
		f.Inject(fakeiam.Rule{Operation: fakeiam.CreateAccessKey, Attempts: fakeiam.FirstN(1), Then: fakeiam.Latency(time.Minute)})
		errc := make(chan error, 1)
		go func() {
			_, err := f.Client().CreateAccessKey(context.Background(), &iam.CreateAccessKeyInput{UserName: aws.String("Bob")})
			errc <- err
		}()
		synctest.Wait() // the call waits in its Latency
		f.Reset()
		if got := apiErrorMessage(<-errc); got != "The security token included in the request is invalid." {
			t.Errorf("the call across Reset: %q, want InvalidClientTokenId's text", got)
		}
		if keys, err := f.User("Bob").AccessKeys(); err != nil || len(keys) != 0 {
			t.Errorf("Bob's keys after Reset: %v, %v; want none", keys, err)
		}
	})
}
