package fakeiam_test

// The paired rows (BenchmarkPairedRatios/op, bench_paired_test.go) of the
// identity-provider operations: oidc_providers.go, saml_providers.go. The
// floor answers a copy of the fake's own answer to the same call, made as
// cheaply as the other rows' floors make theirs.

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

func init() { pairedRows = append(pairedRows, providerRows...) }

// providersFake seeds n OIDC providers https://p0000.example.com... and n
// SAML providers s0000..., the first of each with tags tags and (OIDC)
// clientIDs client ids, under lifted quotas.
func providersFake(tb testing.TB, n, tags, clientIDs int) *fakeiam.Fake {
	tb.Helper()
	opts := []fakeiam.Option{fakeiam.OIDCProvidersPerAccount(2 * writeBatch), fakeiam.SAMLProvidersPerAccount(2 * writeBatch), fakeiam.ClientIDsPerOIDCProvider(2 * writeBatch)}
	for k := range n {
		o := fakeiam.OIDCProvider(fmt.Sprintf("https://p%04d.example.com", k)).Thumbprints(tpA)
		s := fakeiam.SAMLProvider(fmt.Sprintf("s%04d", k), benchSAMLDoc)
		if k == 0 {
			for i := range tags {
				o, s = o.Tag(fmt.Sprintf("key%03d", i), "value"), s.Tag(fmt.Sprintf("key%03d", i), "value")
			}
			for i := range clientIDs {
				o = o.ClientIDs(fmt.Sprintf("app%04d", i))
			}
		}
		opts = append(opts, o, s)
	}
	f, err := newFakeE(opts...)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

var benchSAMLDoc = fakeiam.SAMLMetadata("https://bench.example.com")

func benchOIDC(k int) *string {
	return aws.String(fmt.Sprintf("arn:aws:iam::%s:oidc-provider/p%04d.example.com", fakeiam.DefaultAccountID, k))
}

func benchSAML(k int) *string {
	return aws.String(fmt.Sprintf("arn:aws:iam::%s:saml-provider/s%04d", fakeiam.DefaultAccountID, k))
}

// providerReadRow is a row whose floor answers copyOut of the fake's answer to call.
func providerReadRow[Out any](setup func(tb testing.TB) *fakeiam.Fake, call func(c *iam.Client) (*Out, error), copyOut func(*Out) *Out) func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
	return func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := setup(tb)
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any { return copyOut(out) })
		return calls(floor, call), calls(f.Client(), call), nil
	}
}

func copyStrings(in []string) []string { return append(make([]string, 0, len(in)), in...) }

var providerRows = []pairedRow{
	{fakeiam.CreateOpenIDConnectProvider, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return batched(func() *iam.Client {
			return floorClient(usersFake(tb, 0), func() any {
				return &iam.CreateOpenIDConnectProviderOutput{OpenIDConnectProviderArn: aws.String("arn:aws:iam::123456789012:oidc-provider/n0000.example.com")}
			})
		}, func() *iam.Client { return providersFake(tb, 0, 0, 0).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.CreateOpenIDConnectProvider(context.Background(), &iam.CreateOpenIDConnectProviderInput{Url: aws.String(fmt.Sprintf("https://n%04d.example.com", k)),
					ClientIDList: []string{"sts.amazonaws.com"}, ThumbprintList: []string{tpA}})
			})
	}},
	{fakeiam.GetOpenIDConnectProvider, budgetRead, providerReadRow(func(tb testing.TB) *fakeiam.Fake { return providersFake(tb, 1, 2, 1) },
		func(c *iam.Client) (*iam.GetOpenIDConnectProviderOutput, error) {
			return c.GetOpenIDConnectProvider(context.Background(), &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: benchOIDC(0)})
		}, func(o *iam.GetOpenIDConnectProviderOutput) *iam.GetOpenIDConnectProviderOutput {
			s := new(struct {
				url     string
				created time.Time
			})
			s.url, s.created = *o.Url, *o.CreateDate
			return &iam.GetOpenIDConnectProviderOutput{Url: &s.url, CreateDate: &s.created, ClientIDList: copyStrings(o.ClientIDList), ThumbprintList: copyStrings(o.ThumbprintList), Tags: copyTags(o.Tags)}
		})},
	{fakeiam.ListOpenIDConnectProviders, budgetPage, providerReadRow(func(tb testing.TB) *fakeiam.Fake { return providersFake(tb, 100, 0, 0) },
		func(c *iam.Client) (*iam.ListOpenIDConnectProvidersOutput, error) {
			return c.ListOpenIDConnectProviders(context.Background(), &iam.ListOpenIDConnectProvidersInput{})
		}, func(o *iam.ListOpenIDConnectProvidersOutput) *iam.ListOpenIDConnectProvidersOutput {
			entries, arns := make([]types.OpenIDConnectProviderListEntry, len(o.OpenIDConnectProviderList)), make([]string, len(o.OpenIDConnectProviderList))
			for i, e := range o.OpenIDConnectProviderList {
				arns[i] = *e.Arn
				entries[i].Arn = &arns[i]
			}
			return &iam.ListOpenIDConnectProvidersOutput{OpenIDConnectProviderList: entries}
		})},
	{fakeiam.DeleteOpenIDConnectProvider, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return batched(func() *iam.Client { return empty[iam.DeleteOpenIDConnectProviderOutput](tb) }, func() *iam.Client { return providersFake(tb, writeBatch, 0, 0).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.DeleteOpenIDConnectProvider(context.Background(), &iam.DeleteOpenIDConnectProviderInput{OpenIDConnectProviderArn: benchOIDC(k)})
			})
	}},
	{fakeiam.UpdateOpenIDConnectProviderThumbprint, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		lists, n := [2][]string{{tpA}, {tpB, tpC}}, 0
		call := func(c *iam.Client) (*iam.UpdateOpenIDConnectProviderThumbprintOutput, error) {
			return c.UpdateOpenIDConnectProviderThumbprint(context.Background(), &iam.UpdateOpenIDConnectProviderThumbprintInput{OpenIDConnectProviderArn: benchOIDC(0), ThumbprintList: lists[n%2]})
		}
		return calls(empty[iam.UpdateOpenIDConnectProviderThumbprintOutput](tb), call), calls(providersFake(tb, 10, 0, 0).Client(), call), func() { n++ }
	}},
	{fakeiam.AddClientIDToOpenIDConnectProvider, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return batched(func() *iam.Client { return empty[iam.AddClientIDToOpenIDConnectProviderOutput](tb) }, func() *iam.Client { return providersFake(tb, 10, 0, 0).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.AddClientIDToOpenIDConnectProvider(context.Background(), &iam.AddClientIDToOpenIDConnectProviderInput{OpenIDConnectProviderArn: benchOIDC(k % 10), ClientID: aws.String(fmt.Sprintf("app%04d", k))})
			})
	}},
	{fakeiam.RemoveClientIDFromOpenIDConnectProvider, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return batched(func() *iam.Client { return empty[iam.RemoveClientIDFromOpenIDConnectProviderOutput](tb) }, func() *iam.Client { return providersFake(tb, 1, 0, writeBatch).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.RemoveClientIDFromOpenIDConnectProvider(context.Background(), &iam.RemoveClientIDFromOpenIDConnectProviderInput{OpenIDConnectProviderArn: benchOIDC(0), ClientID: aws.String(fmt.Sprintf("app%04d", k))})
			})
	}},
	{fakeiam.TagOpenIDConnectProvider, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		values, n := [2]string{"a", "b"}, 0
		call := func(c *iam.Client) (*iam.TagOpenIDConnectProviderOutput, error) {
			return c.TagOpenIDConnectProvider(context.Background(), &iam.TagOpenIDConnectProviderInput{OpenIDConnectProviderArn: benchOIDC(0), Tags: []types.Tag{{Key: aws.String("key005"), Value: &values[n%2]}}})
		}
		return calls(empty[iam.TagOpenIDConnectProviderOutput](tb), call), calls(providersFake(tb, 1, 10, 0).Client(), call), func() { n++ }
	}},
	// A tag of ten removed, and put back between pairs (untimed).
	{fakeiam.UntagOpenIDConnectProvider, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		c := providersFake(tb, 1, 10, 0).Client()
		call := func(c *iam.Client) (*iam.UntagOpenIDConnectProviderOutput, error) {
			return c.UntagOpenIDConnectProvider(context.Background(), &iam.UntagOpenIDConnectProviderInput{OpenIDConnectProviderArn: benchOIDC(0), TagKeys: []string{"key005"}})
		}
		putBack := func() {
			_, err := c.TagOpenIDConnectProvider(context.Background(), &iam.TagOpenIDConnectProviderInput{OpenIDConnectProviderArn: benchOIDC(0), Tags: []types.Tag{{Key: aws.String("key005"), Value: aws.String("value")}}})
			warmedUp(tb, err)
		}
		return calls(empty[iam.UntagOpenIDConnectProviderOutput](tb), call), calls(c, call), putBack
	}},
	{fakeiam.ListOpenIDConnectProviderTags, budgetPage, providerReadRow(func(tb testing.TB) *fakeiam.Fake { return providersFake(tb, 1, 50, 0) },
		func(c *iam.Client) (*iam.ListOpenIDConnectProviderTagsOutput, error) {
			return c.ListOpenIDConnectProviderTags(context.Background(), &iam.ListOpenIDConnectProviderTagsInput{OpenIDConnectProviderArn: benchOIDC(0)})
		}, func(o *iam.ListOpenIDConnectProviderTagsOutput) *iam.ListOpenIDConnectProviderTagsOutput {
			return &iam.ListOpenIDConnectProviderTagsOutput{Tags: copyTags(o.Tags)}
		})},

	// SAML: a create and an update read a metadata document of some 2 KB.
	{fakeiam.CreateSAMLProvider, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return batched(func() *iam.Client {
			return floorClient(usersFake(tb, 0), func() any {
				return &iam.CreateSAMLProviderOutput{SAMLProviderArn: aws.String("arn:aws:iam::123456789012:saml-provider/n0000")}
			})
		}, func() *iam.Client { return providersFake(tb, 0, 0, 0).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.CreateSAMLProvider(context.Background(), &iam.CreateSAMLProviderInput{Name: aws.String(fmt.Sprintf("n%04d", k)), SAMLMetadataDocument: &benchSAMLDoc})
			})
	}},
	{fakeiam.GetSAMLProvider, budgetRead, providerReadRow(func(tb testing.TB) *fakeiam.Fake { return providersFake(tb, 1, 2, 0) },
		func(c *iam.Client) (*iam.GetSAMLProviderOutput, error) {
			return c.GetSAMLProvider(context.Background(), &iam.GetSAMLProviderInput{SAMLProviderArn: benchSAML(0)})
		}, func(o *iam.GetSAMLProviderOutput) *iam.GetSAMLProviderOutput {
			s := new(struct {
				uuid, doc     string
				created, till time.Time
			})
			s.uuid, s.doc, s.created, s.till = *o.SAMLProviderUUID, *o.SAMLMetadataDocument, *o.CreateDate, *o.ValidUntil
			return &iam.GetSAMLProviderOutput{SAMLProviderUUID: &s.uuid, SAMLMetadataDocument: &s.doc, CreateDate: &s.created, ValidUntil: &s.till,
				Tags: copyTags(o.Tags), AssertionEncryptionMode: o.AssertionEncryptionMode, PrivateKeyList: []types.SAMLPrivateKey{}}
		})},
	{fakeiam.ListSAMLProviders, budgetPage, providerReadRow(func(tb testing.TB) *fakeiam.Fake { return providersFake(tb, 100, 0, 0) },
		func(c *iam.Client) (*iam.ListSAMLProvidersOutput, error) {
			return c.ListSAMLProviders(context.Background(), &iam.ListSAMLProvidersInput{})
		}, func(o *iam.ListSAMLProvidersOutput) *iam.ListSAMLProvidersOutput {
			n := len(o.SAMLProviderList)
			entries, arns, dates := make([]types.SAMLProviderListEntry, n), make([]string, n), make([]time.Time, 2*n)
			for i, e := range o.SAMLProviderList {
				arns[i], dates[2*i], dates[2*i+1] = *e.Arn, *e.ValidUntil, *e.CreateDate
				entries[i] = types.SAMLProviderListEntry{Arn: &arns[i], ValidUntil: &dates[2*i], CreateDate: &dates[2*i+1]}
			}
			return &iam.ListSAMLProvidersOutput{SAMLProviderList: entries}
		})},
	{fakeiam.UpdateSAMLProvider, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		call := func(c *iam.Client) (*iam.UpdateSAMLProviderOutput, error) {
			return c.UpdateSAMLProvider(context.Background(), &iam.UpdateSAMLProviderInput{SAMLProviderArn: benchSAML(0), SAMLMetadataDocument: &benchSAMLDoc})
		}
		floor := floorClient(usersFake(tb, 0), func() any { return &iam.UpdateSAMLProviderOutput{SAMLProviderArn: aws.String(*benchSAML(0))} })
		return calls(floor, call), calls(providersFake(tb, 10, 0, 0).Client(), call), nil
	}},
	{fakeiam.DeleteSAMLProvider, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		return batched(func() *iam.Client { return empty[iam.DeleteSAMLProviderOutput](tb) }, func() *iam.Client { return providersFake(tb, writeBatch, 0, 0).Client() },
			func(c *iam.Client, k int) (any, error) {
				return c.DeleteSAMLProvider(context.Background(), &iam.DeleteSAMLProviderInput{SAMLProviderArn: benchSAML(k)})
			})
	}},
	{fakeiam.TagSAMLProvider, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		values, n := [2]string{"a", "b"}, 0
		call := func(c *iam.Client) (*iam.TagSAMLProviderOutput, error) {
			return c.TagSAMLProvider(context.Background(), &iam.TagSAMLProviderInput{SAMLProviderArn: benchSAML(0), Tags: []types.Tag{{Key: aws.String("key005"), Value: &values[n%2]}}})
		}
		return calls(empty[iam.TagSAMLProviderOutput](tb), call), calls(providersFake(tb, 1, 10, 0).Client(), call), func() { n++ }
	}},
	{fakeiam.UntagSAMLProvider, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		c := providersFake(tb, 1, 10, 0).Client()
		call := func(c *iam.Client) (*iam.UntagSAMLProviderOutput, error) {
			return c.UntagSAMLProvider(context.Background(), &iam.UntagSAMLProviderInput{SAMLProviderArn: benchSAML(0), TagKeys: []string{"key005"}})
		}
		putBack := func() {
			_, err := c.TagSAMLProvider(context.Background(), &iam.TagSAMLProviderInput{SAMLProviderArn: benchSAML(0), Tags: []types.Tag{{Key: aws.String("key005"), Value: aws.String("value")}}})
			warmedUp(tb, err)
		}
		return calls(empty[iam.UntagSAMLProviderOutput](tb), call), calls(c, call), putBack
	}},
	{fakeiam.ListSAMLProviderTags, budgetPage, providerReadRow(func(tb testing.TB) *fakeiam.Fake { return providersFake(tb, 1, 50, 0) },
		func(c *iam.Client) (*iam.ListSAMLProviderTagsOutput, error) {
			return c.ListSAMLProviderTags(context.Background(), &iam.ListSAMLProviderTagsInput{SAMLProviderArn: benchSAML(0)})
		}, func(o *iam.ListSAMLProviderTagsOutput) *iam.ListSAMLProviderTagsOutput {
			return &iam.ListSAMLProviderTagsOutput{Tags: copyTags(o.Tags)}
		})},
}
