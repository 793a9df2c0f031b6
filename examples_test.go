package fakeaws_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// The example of the IAM API reference for ListSigningCertificates,
// reproduced through the real SDK client.
func Example() {
	f := fakeiam.MustNew(
		fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{
			ID:         "TA7SMP42TDN5Z26OBPJE7EXAMPLE",
			Body:       "-----BEGIN CERTIFICATE-----<certificate-body>-----END CERTIFICATE-----",
			UploadDate: time.Date(2013, 6, 6, 21, 40, 8, 0, time.UTC),
		}),
	)
	client := f.Client() // a hermetic *iam.Client, signing as the account root

	out, err := client.ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{
		UserName: aws.String("Bob"),
	})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	for _, c := range out.Certificates {
		fmt.Println("UserName:       ", *c.UserName)
		fmt.Println("CertificateId:  ", *c.CertificateId)
		fmt.Println("CertificateBody:", *c.CertificateBody)
		fmt.Println("Status:         ", c.Status)
		fmt.Println("UploadDate:     ", c.UploadDate.Format(time.RFC3339))
	}
	fmt.Println("IsTruncated:    ", out.IsTruncated)
	// Output:
	// UserName:        Bob
	// CertificateId:   TA7SMP42TDN5Z26OBPJE7EXAMPLE
	// CertificateBody: -----BEGIN CERTIFICATE-----<certificate-body>-----END CERTIFICATE-----
	// Status:          Active
	// UploadDate:      2013-06-06T21:40:08Z
	// IsTruncated:     false
}

// Without UserName, IAM lists the certificates of whoever signed the request.
// With the root user's key, that is the root user's own certificates, which
// exist even when the account has no IAM users.
func Example_implicitCallerRoot() {
	f := fakeiam.MustNew(
		fakeiam.WithFixedTime(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)), // the default is the real time
		fakeiam.Root().SigningCertificate(fakeiam.SigningCertificate{}),    // zero fields get defaults
	)
	out, err := f.Client().ListSigningCertificates(context.Background(), nil)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	c := out.Certificates[0]
	fmt.Println(*c.UserName, c.Status, c.UploadDate.Format(time.DateOnly), len(*c.CertificateId) >= 24)
	// Output:
	// <root_account> Active 2026-01-01 true
}

// A user's client signs with the user's access key: without UserName, the
// call acts on that user.
func Example_implicitCallerUser() {
	f := fakeiam.MustNew(
		fakeiam.User("Alice").SigningCertificate(fakeiam.SigningCertificate{ID: "ALICECERT1234567890EXAMPLE"}),
		fakeiam.User("Bob").
			AccessKey(fakeiam.AccessKey{ID: "AKIAIOSFODNN7EXAMPLE", Secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}).
			SigningCertificate(fakeiam.SigningCertificate{ID: "BOBCERT12345678901234EXAMPLE"}),
	)
	out, err := f.User("Bob").Client().ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	for _, c := range out.Certificates {
		fmt.Println(*c.UserName, *c.CertificateId)
	}
	calls, err := f.Calls()
	if err != nil {
		fmt.Println("call log:", err)
		return
	}
	fmt.Println("signed by", calls[0].Caller.AccessKeyID)
	// Output:
	// Bob BOBCERT12345678901234EXAMPLE
	// signed by AKIAIOSFODNN7EXAMPLE
}

// A user that does not exist is IAM's NoSuchEntity error, as the SDK's own
// modeled type, with HTTP status and request id where the SDK puts them.
func Example_noSuchEntity() {
	f := fakeiam.MustNew()
	_, err := f.Client().ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{
		UserName: aws.String("Bob"),
	})

	var nse *types.NoSuchEntityException
	if errors.As(err, &nse) {
		fmt.Println(nse.ErrorCode()+":", nse.ErrorMessage())
	}
	var status interface{ HTTPStatusCode() int }
	if errors.As(err, &status) {
		fmt.Println("HTTP", status.HTTPStatusCode())
	}
	// Output:
	// NoSuchEntity: The user with name Bob cannot be found.
	// HTTP 404
}

// The SDK's paginator follows IAM's markers until the listing is complete.
func Example_pagination() {
	f := fakeiam.MustNew(
		fakeiam.User("Bob").SigningCertificate(
			fakeiam.SigningCertificate{ID: "BOBCERTAAAAAAAAAAAAAAAAAAA", UploadDate: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)},
			fakeiam.SigningCertificate{ID: "BOBCERTBBBBBBBBBBBBBBBBBBB", UploadDate: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)},
		),
	)
	pages := iam.NewListSigningCertificatesPaginator(f.Client(), &iam.ListSigningCertificatesInput{
		UserName: aws.String("Bob"),
		MaxItems: aws.Int32(1),
	})
	for n := 1; pages.HasMorePages(); n++ {
		page, err := pages.NextPage(context.Background())
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		for _, c := range page.Certificates {
			fmt.Printf("page %d: %s (truncated: %v)\n", n, *c.CertificateId, page.IsTruncated)
		}
	}
	// Output:
	// page 1: BOBCERTAAAAAAAAAAAAAAAAAAA (truncated: true)
	// page 2: BOBCERTBBBBBBBBBBBBBBBBBBB (truncated: false)
}
