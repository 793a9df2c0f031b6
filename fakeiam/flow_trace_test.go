package fakeiam_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// TestOneListCallPerDoor makes exactly one ListSigningCertificates call
// through each door ("sdk/call", "http/call"), after a set-up that the
// "…/setup" subtests repeat without the call. The code the call runs
// through is what one profile counts more than the other:
//
//	go test ./fakeiam/ -run 'TestOneListCallPerDoor/sdk/setup$' -covermode=atomic -coverprofile=setup.out
//	go test ./fakeiam/ -run 'TestOneListCallPerDoor/sdk/call$' -covermode=atomic -coverprofile=call.out
//
// (runtime/coverage.ClearCounters would say it directly, but a test
// binary's counter mode is only known once it writes its profile.)
func TestOneListCallPerDoor(t *testing.T) {
	for _, door := range []string{"sdk", "http"} {
		for _, call := range []bool{false, true} {
			name := door + "/setup"
			if call {
				name = door + "/call"
			}
			t.Run(name, func(t *testing.T) {
				f, err := fakeiam.New(fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{}))
				if err != nil {
					t.Fatal(err)
				}
				seeded, err := f.User("Bob").SigningCertificates()
				if err != nil {
					t.Fatal(err)
				}
				if len(seeded) != 1 {
					t.Fatalf("seeded %d certificates, want 1", len(seeded))
				}
				c := f.Client()
				if door == "http" {
					c = iam.New(c.Options(), func(o *iam.Options) {
						o.APIOptions = nil // the fake's middleware: this client goes over the wire
						o.BaseEndpoint = aws.String(f.Endpoint(t))
						o.HTTPClient = fakeiam.WireClient()
					})
				}
				if !call {
					return
				}
				want := []string{*seeded[0].CertificateId}
				out, err := c.ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")})
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, cert := range out.Certificates {
					got = append(got, *cert.CertificateId)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("certificate ids (-want +got):\n%s", diff)
				}
			})
		}
	}
}
