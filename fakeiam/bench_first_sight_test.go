package fakeiam_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// BenchmarkFirstSight pairs the calls whose checks the fake remembers
// (a SAML metadata document, a server certificate's body, key and chain)
// with a document or pair the process has not seen at every call: what a
// suite pays for each fixture the first time. BenchmarkPairedRatios' rows
// repeat their fixture, as a suite does; these have no budget of their
// own and are reported beside them (README, "Performance").
func BenchmarkFirstSight(b *testing.B) {
	ctx := context.Background()
	b.Run("CreateSAMLProvider/new-document", func(b *testing.B) {
		seen := 0
		doc := fakeiam.SAMLMetadata("https://first-sight-0.example.com")
		floor, fake, next := batched(func() *iam.Client {
			return floorClient(usersFake(b, 0), func() any {
				return &iam.CreateSAMLProviderOutput{SAMLProviderArn: aws.String("arn:aws:iam::123456789012:saml-provider/n0000")}
			})
		}, func() *iam.Client { return providersFake(b, 0, 0, 0).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.CreateSAMLProvider(ctx, &iam.CreateSAMLProviderInput{Name: aws.String(fmt.Sprintf("n%04d", k)), SAMLMetadataDocument: &doc})
			})
		pairedRatio(b, func() error { _, err := floor(); return err }, func() error { _, err := fake(); return err }, func() {
			next()
			seen++
			doc = fakeiam.SAMLMetadata(fmt.Sprintf("https://first-sight-%d.example.com", seen))
		})
	})
	b.Run("UploadServerCertificate/new-pair", func(b *testing.B) {
		seen := 0
		body, key, _ := fakeiam.ServerCertificatePEM("first-sight-0")
		var out *iam.UploadServerCertificateOutput
		floor, fake, next := batched(func() *iam.Client {
			return floorClient(usersFake(b, 0), func() any {
				return &iam.UploadServerCertificateOutput{ServerCertificateMetadata: &copyServerCertMeta([]types.ServerCertificateMetadata{*out.ServerCertificateMetadata})[0]}
			})
		}, func() *iam.Client { return serverCertsFake(b, 0, 0).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.UploadServerCertificate(ctx, &iam.UploadServerCertificateInput{ServerCertificateName: aws.String(fmt.Sprintf("sc%04d", k)),
					CertificateBody: &body, PrivateKey: &key})
			})
		got, err := fake()
		warmedUp(b, err)
		out = got.(*iam.UploadServerCertificateOutput)
		next()
		body, key, _ = fakeiam.ServerCertificatePEM("first-sight-1") // the warm-up's pair is remembered
		seen = 1
		pairedRatio(b, func() error { _, err := floor(); return err }, func() error { _, err := fake(); return err }, func() {
			next()
			seen++
			body, key, _ = fakeiam.ServerCertificatePEM(fmt.Sprintf("first-sight-%d", seen))
		})
	})
}
