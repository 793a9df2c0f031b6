package fakeaws_test

// This file is the README's quickstart, verbatim but for the package clause:
// TestReadmeQuickstart keeps the two identical, so the quickstart a user
// pastes is code that compiles and passes here.

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// ActiveCertificates is the code under test: it counts a user's active
// signing certificates, page by page.
func ActiveCertificates(ctx context.Context, client *iam.Client, user string) (int, error) {
	pages := iam.NewListSigningCertificatesPaginator(client, &iam.ListSigningCertificatesInput{
		UserName: aws.String(user),
	})
	n := 0
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return 0, err
		}
		for _, c := range page.Certificates {
			if c.Status == types.StatusTypeActive {
				n++
			}
		}
	}
	return n, nil
}

func TestActiveCertificates(t *testing.T) {
	f := fakeiam.MustNew(
		fakeiam.User("Bob").SigningCertificate(
			fakeiam.SigningCertificate{}, // defaults: a real PEM body, an IAM-shaped id, Active
			fakeiam.SigningCertificate{Status: types.StatusTypeInactive},
		),
	)
	got, err := ActiveCertificates(context.Background(), f.Client(), "Bob")
	if err != nil || got != 1 {
		t.Fatalf("ActiveCertificates = %d, %v; want 1, nil", got, err)
	}

	// The same code during an IAM outage: the SDK retries, then gives up.
	f.Inject(fakeiam.Rule{Operation: fakeiam.ListSigningCertificates, Then: fakeiam.ServiceFailure()})
	if _, err := ActiveCertificates(context.Background(), f.Client(), "Bob"); err == nil {
		t.Fatal("want an error during the outage")
	}
	calls, err := f.Calls(fakeiam.ListSigningCertificates)
	if err != nil || len(calls) != 1+3 {
		t.Fatalf("%d attempts logged (%v), want 1 + 3", len(calls), err)
	}
}
