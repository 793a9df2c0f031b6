package fakeiam_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// A certificate rotation as a user's code writes it: upload the new
// certificate, deactivate the old ones, check, delete the old ones. The code
// under test signs as Bob and names no user, so IAM acts on Bob.
func Example_rotation() {
	f := fakeiam.MustNew(
		fakeiam.WithFixedTime(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)), // dates print the same on every run
		fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{Body: fakeiam.CertificatePEM("bob 2025")}),
	)
	f.Advance(30 * 24 * time.Hour) // a month later
	ctx := context.Background()
	client := f.User("Bob").Client()

	before, err := client.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{})
	if err != nil {
		fmt.Println("list:", err)
		return
	}
	up, err := client.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{
		CertificateBody: aws.String(fakeiam.CertificatePEM("bob 2026")),
	})
	if err != nil {
		fmt.Println("upload:", err)
		return
	}
	fmt.Println("uploaded", *up.Certificate.CertificateId, up.Certificate.Status, up.Certificate.UploadDate.Format(time.DateOnly))
	for _, c := range before.Certificates {
		if _, err := client.UpdateSigningCertificate(ctx, &iam.UpdateSigningCertificateInput{
			CertificateId: c.CertificateId, Status: types.StatusTypeInactive,
		}); err != nil {
			fmt.Println("deactivate:", err)
			return
		}
	}
	during, err := client.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{})
	if err != nil {
		fmt.Println("list:", err)
		return
	}
	for _, c := range during.Certificates {
		fmt.Println("listed  ", *c.CertificateId, c.Status, c.UploadDate.Format(time.DateOnly))
	}
	for _, c := range before.Certificates {
		if _, err := client.DeleteSigningCertificate(ctx, &iam.DeleteSigningCertificateInput{CertificateId: c.CertificateId}); err != nil {
			fmt.Println("delete:", err)
			return
		}
		fmt.Println("deleted ", *c.CertificateId)
	}

	// The test's assertion reads the fake directly.
	left, _ := f.User("Bob").SigningCertificates()
	for _, c := range left {
		fmt.Println("left    ", *c.CertificateId, c.Status)
	}
	// Output:
	// uploaded 52IUIFLLMSCHQE77WVWLZBOAIE2C4LZB Active 2026-01-31
	// listed   SVS4BH2XSLOHWTOA7OKQ3LHR6FOGBBFL Inactive 2026-01-01
	// listed   52IUIFLLMSCHQE77WVWLZBOAIE2C4LZB Active 2026-01-31
	// deleted  SVS4BH2XSLOHWTOA7OKQ3LHR6FOGBBFL
	// left     52IUIFLLMSCHQE77WVWLZBOAIE2C4LZB Active
}

// IAM's refusals of an upload are the SDK's own error types: errors.As finds
// the modeled exception, and the HTTP status is on *awshttp.ResponseError.
func Example_uploadErrors() {
	f := fakeiam.MustNew(
		fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{}, fakeiam.SigningCertificate{}), // at the quota of 2
		fakeiam.User("Alice"),
	)
	ctx := context.Background()
	client := f.Client()
	upload := func(user, body string) error {
		_, err := client.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{
			UserName: aws.String(user), CertificateBody: aws.String(body),
		})
		return err
	}

	err := upload("Bob", fakeiam.CertificatePEM("bob third"))
	var limit *types.LimitExceededException
	var resp *awshttp.ResponseError
	if errors.As(err, &limit) && errors.As(err, &resp) {
		fmt.Println(resp.HTTPStatusCode(), limit.ErrorCode()+":", limit.ErrorMessage())
	}

	err = upload("Alice", "not a certificate")
	var malformed *types.MalformedCertificateException
	if errors.As(err, &malformed) && errors.As(err, &resp) {
		fmt.Println(resp.HTTPStatusCode(), malformed.ErrorCode()+":", malformed.ErrorMessage())
	}

	// An expired certificate is refused the same way; the message echoes the
	// whole PEM body.
	err = upload("Alice", expiredPEM("alice 2000"))
	fmt.Println("expired is malformed:", errors.As(err, &malformed))
	// Output:
	// 409 LimitExceeded: Cannot exceed quota for CertificatesPerUser: 2
	// 400 MalformedCertificate: Certificate not a certificate is malformed.
	// expired is malformed: true
}
