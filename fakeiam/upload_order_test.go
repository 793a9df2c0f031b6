package fakeiam_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// TestCertificatesOfOneSecondListInUploadOrder: certificates uploaded (or
// seeded) in the same second list in the order they were uploaded, not by
// id, through pages whose markers hold across uploads made in that second.
func TestCertificatesOfOneSecondListInUploadOrder(t *testing.T) {
	ctx := context.Background()
	second := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	// Seeded ids in reverse order of their seeding, all of one second.
	seeded := []string{"ZZZZSEEDEDCERTIFICATE000001", "MMMMSEEDEDCERTIFICATE000002", "AAAASEEDEDCERTIFICATE000003"}
	var seeds []fakeiam.SigningCertificate
	for _, id := range seeded {
		seeds = append(seeds, fakeiam.SigningCertificate{ID: id, UploadDate: second})
	}
	for _, door := range []string{"SDK", "HTTP"} {
		t.Run(door, func(t *testing.T) {
			f := newFake(fakeiam.WithFixedTime(second), fakeiam.CertificatesPerUser(20), fakeiam.User("Bob").SigningCertificate(seeds...))
			c := f.Client()
			if door == "HTTP" {
				c = overHTTP(c, f.Endpoint(t))
			}
			upload := func(i int) string {
				t.Helper()
				out, err := c.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{
					UserName: aws.String("Bob"), CertificateBody: aws.String(fakeiam.CertificatePEM(fmt.Sprint("bob's cert ", i)))})
				if err != nil {
					t.Fatal(err)
				}
				return *out.Certificate.CertificateId
			}
			want := append([]string(nil), seeded...)
			for i := range 6 {
				want = append(want, upload(i))
			}
			// Pages of 2, with an upload of the same second after each.
			var got []string
			pages := iam.NewListSigningCertificatesPaginator(c, &iam.ListSigningCertificatesInput{UserName: aws.String("Bob"), MaxItems: aws.Int32(2)})
			for i := 0; pages.HasMorePages(); i++ {
				out, err := pages.NextPage(ctx)
				if err != nil {
					t.Fatal(err)
				}
				for _, cert := range out.Certificates {
					got = append(got, *cert.CertificateId)
				}
				if i < 3 {
					want = append(want, upload(10+i)) // after every listed one: a later page shows it
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("certificates of one second (-upload order +listed):\n%s", diff)
			}
		})
	}
}
