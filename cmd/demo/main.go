// Command demo runs the fake IAM on built-in data and prints what a program
// using aws-sdk-go-v2 sees: the documented ListSigningCertificates example,
// the implicit caller, a refusal, a certificate rotation and a retried
// outage. It needs no network, credentials or configuration.
//
//	go run ./cmd/demo
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer) error {
	f, err := fakeiam.New(
		// The fake's clock is the real time unless told otherwise; the demo
		// stops it so that its output is the same on every run.
		fakeiam.WithFixedTime(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)),
		// The example of the IAM API reference, verbatim.
		fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{
			ID:         "TA7SMP42TDN5Z26OBPJE7EXAMPLE",
			Body:       "-----BEGIN CERTIFICATE-----<certificate-body>-----END CERTIFICATE-----",
			UploadDate: time.Date(2013, 6, 6, 21, 40, 8, 0, time.UTC),
		}),
		fakeiam.User("Alice"),
		fakeiam.Root().SigningCertificate(fakeiam.SigningCertificate{}),
	)
	if err != nil {
		return err
	}
	root := f.Client()

	fmt.Fprintln(w, "== ListSigningCertificates UserName=Bob (the API reference example)")
	out, err := root.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")})
	if err != nil {
		return err
	}
	printCertificates(w, out.Certificates)
	fmt.Fprintln(w, "IsTruncated:", out.IsTruncated)

	fmt.Fprintln(w, "\n== ListSigningCertificates without UserName, signed by the root user's key")
	if out, err = root.ListSigningCertificates(ctx, nil); err != nil {
		return err
	}
	printCertificates(w, out.Certificates)

	fmt.Fprintln(w, "\n== ListSigningCertificates UserName=Carol (no such user)")
	_, err = root.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: aws.String("Carol")})
	var nse *types.NoSuchEntityException
	if !errors.As(err, &nse) {
		return fmt.Errorf("want NoSuchEntity, got %v", err)
	}
	fmt.Fprintln(w, err)

	fmt.Fprintln(w, "\n== Alice rotates her certificate (her own key, no UserName)")
	alice := f.User("Alice").Client()
	up, err := alice.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{
		CertificateBody: aws.String(fakeiam.CertificatePEM("alice old")),
	})
	if err != nil {
		return err
	}
	old := *up.Certificate.CertificateId
	if err := f.Advance(24 * time.Hour); err != nil {
		return err
	}
	if _, err = alice.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{
		CertificateBody: aws.String(fakeiam.CertificatePEM("alice new")),
	}); err != nil {
		return err
	}
	if _, err = alice.UpdateSigningCertificate(ctx, &iam.UpdateSigningCertificateInput{
		CertificateId: &old, Status: types.StatusTypeInactive,
	}); err != nil {
		return err
	}
	if out, err = alice.ListSigningCertificates(ctx, nil); err != nil {
		return err
	}
	for _, c := range out.Certificates {
		fmt.Fprintf(w, "%s %-8s %s\n", *c.CertificateId, c.Status, c.UploadDate.Format(time.RFC3339))
	}
	if _, err = alice.DeleteSigningCertificate(ctx, &iam.DeleteSigningCertificateInput{CertificateId: &old}); err != nil {
		return err
	}
	certs, err := f.User("Alice").SigningCertificates()
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "after deleting the old one:", len(certs), "certificate left")

	fmt.Fprintln(w, "\n== Carol is onboarded: a user, an access key, and a call signed with the new key")
	created, err := root.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("Carol"), Path: aws.String("/engineering/")})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "user:", *created.User.Arn)
	key, err := root.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("Carol")})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "access key:", *key.AccessKey.AccessKeyId, key.AccessKey.Status)
	carol := f.ClientWithAccessKey(*key.AccessKey.AccessKeyId)
	me, err := carol.GetUser(ctx, nil) // no UserName: the user whose key signed
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "GetUser signed with it:", *me.User.UserName)
	_, err = root.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String("Carol")})
	var conflict *types.DeleteConflictException
	if !errors.As(err, &conflict) {
		return fmt.Errorf("want DeleteConflict, got %v", err)
	}
	fmt.Fprintln(w, "DeleteUser while the key remains:", conflict.ErrorMessage())

	fmt.Fprintln(w, "\n== An outage on the first two attempts: the SDK retries, the third succeeds")
	remove := f.Inject(fakeiam.Rule{
		Operation: fakeiam.ListSigningCertificates,
		Attempts:  fakeiam.FirstN(2),
		Then:      fakeiam.ServiceFailure(),
	})
	defer remove()
	f.ResetCalls()
	if _, err = root.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")}); err != nil {
		return err
	}
	calls, err := f.Calls()
	if err != nil {
		return err
	}
	for _, c := range calls {
		outcome := "ok"
		if c.Err != nil {
			outcome = c.Err.Error()
		}
		fmt.Fprintf(w, "attempt %d: %s\n", c.Attempt, outcome)
	}
	return nil
}

func printCertificates(w io.Writer, certs []types.SigningCertificate) {
	for _, c := range certs {
		fmt.Fprintln(w, "UserName:       ", *c.UserName)
		fmt.Fprintln(w, "CertificateId:  ", *c.CertificateId)
		fmt.Fprintln(w, "CertificateBody:", firstLine(*c.CertificateBody))
		fmt.Fprintln(w, "Status:         ", c.Status)
		fmt.Fprintln(w, "UploadDate:     ", c.UploadDate.Format(time.RFC3339))
	}
}

// firstLine shortens generated PEM bodies for the terminal.
func firstLine(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return s[:i] + " ..."
		}
	}
	return s
}
