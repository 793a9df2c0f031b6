package fakeiam_test

// docs/contract.md, "SAML providers": the eight operations, each row
// through the differential harness (both doors and the SDK's decoding of
// IAM's XML). Metadata documents are fakeiam.SAMLMetadata's, or edited
// from one.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

var (
	samlCreated = time.Date(2025, 2, 3, 4, 5, 6, 0, time.UTC)
	oktaDoc     = fakeiam.SAMLMetadata("https://okta.example.com")
	adfsDoc     = strings.Replace(fakeiam.SAMLMetadata("https://adfs.example.com"), `entityID=`, `validUntil="2030-01-02T03:04:05Z" entityID=`, 1)
	adfsUntil   = time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	newDoc      = fakeiam.SAMLMetadata("https://new.example.com")
)

// seedSAML: "okta" (tags, metadata without validUntil) and "adfs"
// (validUntil 2030), created at samlCreated.
func seedSAML(more ...fakeiam.Option) []fakeiam.Option {
	return append([]fakeiam.Option{
		fakeiam.SAMLProvider("okta", oktaDoc).CreatedAt(samlCreated).Tag("team", "sso").Tag("env", "prod"),
		fakeiam.SAMLProvider("adfs", adfsDoc).CreatedAt(samlCreated),
		fakeiam.Root().AccessKey(rootKey),
	}, more...)
}

func samlARN(name string) string {
	return "arn:aws:iam::" + fakeiam.DefaultAccountID + ":saml-provider/" + name
}

func createSAML(in *iam.CreateSAMLProviderInput) call {
	return callOf((*iam.Client).CreateSAMLProvider, in)
}

func samlIn(name, doc string) *iam.CreateSAMLProviderInput {
	return &iam.CreateSAMLProviderInput{Name: aws.String(name), SAMLMetadataDocument: aws.String(doc)}
}

func getSAML(arn string) call {
	return callOf((*iam.Client).GetSAMLProvider, &iam.GetSAMLProviderInput{SAMLProviderArn: aws.String(arn)})
}

func listSAML() call { return callOf((*iam.Client).ListSAMLProviders, &iam.ListSAMLProvidersInput{}) }

func updateSAML(in *iam.UpdateSAMLProviderInput) call {
	return callOf((*iam.Client).UpdateSAMLProvider, in)
}

func deleteSAML(arn string) call {
	return callOf((*iam.Client).DeleteSAMLProvider, &iam.DeleteSAMLProviderInput{SAMLProviderArn: aws.String(arn)})
}

func tagSAML(arn string, tags ...types.Tag) call {
	return callOf((*iam.Client).TagSAMLProvider, &iam.TagSAMLProviderInput{SAMLProviderArn: aws.String(arn), Tags: tags})
}

func untagSAML(arn string, keys ...string) call {
	return callOf((*iam.Client).UntagSAMLProvider, &iam.UntagSAMLProviderInput{SAMLProviderArn: aws.String(arn), TagKeys: keys})
}

func listSAMLTags(arn string, marker *string, maxItems *int32) call {
	return callOf((*iam.Client).ListSAMLProviderTags, &iam.ListSAMLProviderTagsInput{SAMLProviderArn: aws.String(arn), Marker: marker, MaxItems: maxItems})
}

// gotSAML is GetSAMLProvider's answer (recorded members: Tags and
// PrivateKeyList present when empty, AssertionEncryptionMode Allowed).
func gotSAML(uuid, doc string, created, until time.Time, tags ...types.Tag) *iam.GetSAMLProviderOutput {
	if tags == nil {
		tags = []types.Tag{}
	}
	return &iam.GetSAMLProviderOutput{SAMLProviderUUID: aws.String(uuid), SAMLMetadataDocument: aws.String(doc), CreateDate: aws.Time(created), ValidUntil: aws.Time(until),
		Tags: tags, AssertionEncryptionMode: types.AssertionEncryptionModeTypeAllowed, PrivateKeyList: []types.SAMLPrivateKey{}}
}

func samlEntry(name string, created, until time.Time) types.SAMLProviderListEntry {
	return types.SAMLProviderListEntry{Arn: aws.String(samlARN(name)), CreateDate: aws.Time(created), ValidUntil: aws.Time(until)}
}

func samlList(entries ...types.SAMLProviderListEntry) *iam.ListSAMLProvidersOutput {
	if entries == nil {
		entries = []types.SAMLProviderListEntry{}
	}
	return &iam.ListSAMLProvidersOutput{SAMLProviderList: entries}
}

func samlTagsPage(marker string, tags ...types.Tag) *iam.ListSAMLProviderTagsOutput {
	if tags == nil {
		tags = []types.Tag{}
	}
	out := &iam.ListSAMLProviderTagsOutput{Tags: tags}
	if marker != "" {
		out.IsTruncated, out.Marker = true, aws.String(marker)
	}
	return out
}

// IAM's texts (docs/contract.md, "SAML providers").
var (
	noSuchSAML = func(arn string) *fakeiam.Error {
		return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "Manifest not found for arn " + arn}
	}
	samlExists = func(name string) *fakeiam.Error {
		return &fakeiam.Error{Code: "EntityAlreadyExists", Status: 409, Message: "SAMLProvider " + name + " already exists."}
	}
	badMetadata = &fakeiam.Error{Code: "InvalidInput", Status: 400, Message: "Could not parse metadata"}
	samlQuota   = &fakeiam.Error{Code: "LimitExceeded", Status: 409, Message: "Cannot exceed quota for SAMLProvidersPerAccount: 2"}
	notModeled  = func(op, member string) *fakeiam.Error {
		return &fakeiam.Error{Code: "NotImplemented", Status: 501, Message: "fakeiam does not implement the " + member + " parameter of " + op + " (nothing was done)"}
	}
)

// padded is doc with a comment making it at least 1,000 characters (the
// model's minimum), so a bad document reaches IAM's own check.
func padded(doc string) string {
	if len(doc) >= 1000 {
		return doc
	}
	return doc + "<!--" + strings.Repeat("x", 1000-len(doc)) + "-->"
}

// badDocs are documents IAM cannot read as an identity provider's
// metadata, each at least 1,000 characters.
func badDocs() map[string]string {
	noCert := strings.Replace(newDoc, "<ds:X509Certificate>", "<ds:X509Certificate>!!", 1)
	return map[string]string{
		"not XML":                       padded("this is not XML "),
		"XML of another root":           padded(`<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"/>`),
		"the root in no namespace":      strings.ReplaceAll(strings.ReplaceAll(newDoc, `xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"`, `xmlns:md="urn:x"`), "md:", "md:"),
		"no IDPSSODescriptor":           strings.ReplaceAll(newDoc, "IDPSSODescriptor", "SPSSODescriptor"),
		"no certificate":                strings.Replace(newDoc, "X509Certificate>", "X509SubjectName>", 2),
		"a certificate that is not one": noCert,
		"an encryption key only":        strings.Replace(newDoc, `use="signing"`, `use="encryption"`, 1),
		"a bad validUntil":              strings.Replace(newDoc, `entityID=`, `validUntil="tomorrow" entityID=`, 1),
		"a second root":                 newDoc + "<x/>",
		"unclosed":                      strings.TrimSuffix(strings.TrimSpace(newDoc), "</md:EntityDescriptor>"),
	}
}

func TestCreateSAMLProviderSpec(t *testing.T) {
	withTags := samlIn("new", newDoc)
	withTags.Tags = []types.Tag{tag("b", "2"), tag("a", "1")}
	dupTags := samlIn("new", newDoc)
	dupTags.Tags = []types.Tag{tag("a", "1"), tag("a", "2")}
	required := samlIn("new", newDoc)
	required.AssertionEncryptionMode = types.AssertionEncryptionModeTypeRequired
	allowed := samlIn("new", newDoc)
	allowed.AssertionEncryptionMode = types.AssertionEncryptionModeTypeAllowed
	withKey := samlIn("new", newDoc)
	withKey.AddPrivateKey = aws.String("-----BEGIN PRIVATE KEY-----")
	rows := []scenario{
		{name: "its ARN (recorded)", call: createSAML(samlIn("new", newDoc)), want: &iam.CreateSAMLProviderOutput{SAMLProviderArn: aws.String(samlARN("new"))}},
		{name: "tags sorted by key in the answer", call: createSAML(withTags),
			want: &iam.CreateSAMLProviderOutput{SAMLProviderArn: aws.String(samlARN("new")), Tags: []types.Tag{tag("a", "1"), tag("b", "2")}}},
		{name: "then got: the document as given; valid 100 years without validUntil", steps: []change{do(createSAML(samlIn("new", newDoc)))}, call: getSAML(samlARN("new")),
			want: gotSAML("<new saml provider uuid>", newDoc, testNow, testNow.AddDate(100, 0, 0))},
		{name: "then got: ValidUntil the document's", steps: []change{do(createSAML(samlIn("new", strings.Replace(adfsDoc, "adfs", "new", -1))))}, call: getSAML(samlARN("new")),
			want: gotSAML("<new saml provider uuid>", strings.Replace(adfsDoc, "adfs", "new", -1), testNow, adfsUntil)},
		{name: "AssertionEncryptionMode Allowed", call: createSAML(allowed), want: &iam.CreateSAMLProviderOutput{SAMLProviderArn: aws.String(samlARN("new"))}},
		{name: "the name taken", call: createSAML(samlIn("okta", newDoc)), wantErr: samlExists("okta")},
		{name: "the name taken in another case", call: createSAML(samlIn("OKTA", newDoc)), wantErr: samlExists("OKTA")},
		{name: "the name before the document", call: createSAML(samlIn("okta", padded("x"))), wantErr: samlExists("okta")},
		{name: "the account's quota", seed: seedSAML(fakeiam.SAMLProvidersPerAccount(2)), call: createSAML(samlIn("new", newDoc)), wantErr: samlQuota},
		{name: "the document before the quota", seed: seedSAML(fakeiam.SAMLProvidersPerAccount(2)), call: createSAML(samlIn("new", padded("x"))), wantErr: badMetadata},
		{name: "a tag key twice", call: createSAML(dupTags), wantErr: dupTagKeys},
		{name: "a name off the pattern", call: createSAML(samlIn("a b", newDoc)), wantErr: failedConstraints("name", pattern(`[\w._-]+`))},
		{name: "a document under 1,000 characters", call: createSAML(samlIn("new", "<x/>")), wantErr: failedConstraints("sAMLMetadataDocument", minLength(1000))},
		{name: "AssertionEncryptionMode Required: not modeled", call: createSAML(required), wantErr: notModeled("CreateSAMLProvider", "AssertionEncryptionMode Required"), sdkOnly: true},
		{name: "AddPrivateKey: not modeled", call: createSAML(withKey), wantErr: notModeled("CreateSAMLProvider", "AddPrivateKey"), sdkOnly: true},
	}
	for name, doc := range badDocs() {
		rows = append(rows, scenario{name: "metadata: " + name, call: createSAML(samlIn("new", doc)), wantErr: badMetadata})
	}
	runScenarios(t, seedSAML(), rows)
}

func TestGetSAMLProviderSpec(t *testing.T) {
	runScenarios(t, seedSAML(), []scenario{
		{name: "uuid, document, dates, tags sorted by key, Allowed, no keys (recorded members)", call: getSAML(samlARN("okta")),
			want: gotSAML("<uuid of saml provider okta>", oktaDoc, samlCreated, samlCreated.AddDate(100, 0, 0), tag("env", "prod"), tag("team", "sso"))},
		{name: "ValidUntil the document's", call: getSAML(samlARN("adfs")), want: gotSAML("<uuid of saml provider adfs>", adfsDoc, samlCreated, adfsUntil)},
		{name: "no such provider (recorded)", call: getSAML(samlARN("NonExistentProvider")), wantErr: noSuchSAML(samlARN("NonExistentProvider"))},
		{name: "the name in another case", call: getSAML(samlARN("OKTA")), wantErr: noSuchSAML(samlARN("OKTA"))},
		{name: "another account's are its own", seed: append(seedSAML(), otherAccountSeed()), as: asKey(otherRootKey.ID), call: getSAML(samlARN("okta")),
			wantErr: noSuchSAML(samlARN("okta"))},
	})
}

func TestListSAMLProvidersSpec(t *testing.T) {
	runScenarios(t, seedSAML(), []scenario{
		{name: "ARN, ValidUntil, CreateDate, by ARN (recorded members)", call: listSAML(),
			want: samlList(samlEntry("adfs", samlCreated, adfsUntil), samlEntry("okta", samlCreated, samlCreated.AddDate(100, 0, 0)))},
		{name: "none", seed: []fakeiam.Option{fakeiam.Root().AccessKey(rootKey)}, call: listSAML(), want: samlList()},
		{name: "another account's are its own", seed: append(seedSAML(), otherAccountSeed()), as: asKey(otherRootKey.ID), call: listSAML(), want: samlList()},
	})
}

func TestUpdateSAMLProviderSpec(t *testing.T) {
	okta := samlARN("okta")
	update := func(doc string) *iam.UpdateSAMLProviderInput {
		return &iam.UpdateSAMLProviderInput{SAMLProviderArn: aws.String(okta), SAMLMetadataDocument: aws.String(doc)}
	}
	remove := &iam.UpdateSAMLProviderInput{SAMLProviderArn: aws.String(okta), RemovePrivateKey: aws.String(strings.Repeat("A", 22))}
	rows := []scenario{
		{name: "its ARN (recorded)", call: updateSAML(update(newDoc)), want: &iam.UpdateSAMLProviderOutput{SAMLProviderArn: aws.String(okta)}},
		{name: "the new document; uuid, created, tags stay (recorded)", steps: []change{do(updateSAML(update(adfsDoc)))}, call: getSAML(okta),
			want: gotSAML("<uuid of saml provider okta>", adfsDoc, samlCreated, adfsUntil, tag("env", "prod"), tag("team", "sso"))},
		{name: "nothing to change", call: updateSAML(&iam.UpdateSAMLProviderInput{SAMLProviderArn: aws.String(okta)}), want: &iam.UpdateSAMLProviderOutput{SAMLProviderArn: aws.String(okta)}},
		{name: "no such provider", call: updateSAML(&iam.UpdateSAMLProviderInput{SAMLProviderArn: aws.String(samlARN("nope")), SAMLMetadataDocument: aws.String(newDoc)}),
			wantErr: noSuchSAML(samlARN("nope"))},
		{name: "no such provider before the document", call: updateSAML(&iam.UpdateSAMLProviderInput{SAMLProviderArn: aws.String(samlARN("nope")), SAMLMetadataDocument: aws.String(padded("x"))}),
			wantErr: noSuchSAML(samlARN("nope"))},
		{name: "a bad document: nothing changes", steps: []change{try(updateSAML(update(padded("x"))))}, call: getSAML(okta),
			want: gotSAML("<uuid of saml provider okta>", oktaDoc, samlCreated, samlCreated.AddDate(100, 0, 0), tag("env", "prod"), tag("team", "sso"))},
		{name: "RemovePrivateKey: not modeled", call: updateSAML(remove), wantErr: notModeled("UpdateSAMLProvider", "RemovePrivateKey"), sdkOnly: true},
	}
	for name, doc := range badDocs() {
		rows = append(rows, scenario{name: "metadata: " + name, call: updateSAML(update(doc)), wantErr: badMetadata})
	}
	runScenarios(t, seedSAML(), rows)
}

func TestDeleteSAMLProviderSpec(t *testing.T) {
	okta := samlARN("okta")
	runScenarios(t, seedSAML(), []scenario{
		{name: "an empty result (recorded)", call: deleteSAML(okta), want: &iam.DeleteSAMLProviderOutput{}},
		{name: "gone from the list (recorded)", steps: []change{do(deleteSAML(okta))}, call: listSAML(), want: samlList(samlEntry("adfs", samlCreated, adfsUntil))},
		{name: "gone", steps: []change{do(deleteSAML(okta))}, call: getSAML(okta), wantErr: noSuchSAML(okta)},
		{name: "no such provider (recorded)", call: deleteSAML(samlARN("NonExistentProvider")), wantErr: noSuchSAML(samlARN("NonExistentProvider"))},
		{name: "created again", steps: []change{do(deleteSAML(okta))}, call: createSAML(samlIn("okta", oktaDoc)), want: &iam.CreateSAMLProviderOutput{SAMLProviderArn: aws.String(okta)}},
	})
}

func TestSAMLProviderTagsSpec(t *testing.T) {
	okta, adfs := samlARN("okta"), samlARN("adfs")
	fifty := make([]types.Tag, 49)
	for i := range fifty {
		fifty[i] = tag(fmt.Sprintf("k%02d", i), "v")
	}
	runScenarios(t, seedSAML(), []scenario{
		{name: "listed sorted by key", call: listSAMLTags(okta, nil, nil), want: samlTagsPage("", tag("env", "prod"), tag("team", "sso"))},
		{name: "none", call: listSAMLTags(adfs, nil, nil), want: samlTagsPage("")},
		{name: "a page", call: listSAMLTags(okta, nil, aws.Int32(1)), want: samlTagsPage("<marker>", tag("env", "prod"))},
		{name: "Tag: a key it has gets the value; keys are case sensitive", steps: []change{do(tagSAML(okta, tag("env", "dev"), tag("Env", "x")))},
			call: listSAMLTags(okta, nil, nil), want: samlTagsPage("", tag("Env", "x"), tag("env", "dev"), tag("team", "sso"))},
		{name: "Tag: an empty result", call: tagSAML(okta, tag("a", "1")), want: &iam.TagSAMLProviderOutput{}},
		{name: "Tag: over 50 in all", call: tagSAML(okta, fifty[:49]...), wantErr: providerTagQuota},
		{name: "Tag: a reserved key", call: tagSAML(okta, tag("aws:x", "1")), wantErr: reservedTag},
		{name: "Tag: no such provider", call: tagSAML(samlARN("nope"), tag("a", "1")), wantErr: noSuchSAML(samlARN("nope"))},
		{name: "Untag: an empty result", call: untagSAML(okta, "env"), want: &iam.UntagSAMLProviderOutput{}},
		{name: "Untag: exact keys only; a missing key is no error", steps: []change{do(untagSAML(okta, "ENV", "team", "nope"))},
			call: listSAMLTags(okta, nil, nil), want: samlTagsPage("", tag("env", "prod"))},
		{name: "Untag: no such provider", call: untagSAML(samlARN("nope"), "a"), wantErr: noSuchSAML(samlARN("nope"))},
		{name: "List: no such provider", call: listSAMLTags(samlARN("nope"), nil, nil), wantErr: noSuchSAML(samlARN("nope"))},
	})
}

func TestSAMLProviderSeeds(t *testing.T) {
	for _, tc := range []struct {
		name string
		seed []fakeiam.Option
		want string
	}{
		{"metadata IAM cannot read", []fakeiam.Option{fakeiam.SAMLProvider("okta", padded("x"))},
			`SAML provider "okta": Could not parse metadata (an EntityDescriptor with an IDPSSODescriptor holding a signing X509Certificate)`},
		{"a name off the pattern", []fakeiam.Option{fakeiam.SAMLProvider("a b", "")}, `SAML provider "a b": 1 validation error detected: Value at 'name'`},
		{"seeded twice, ignoring case", []fakeiam.Option{fakeiam.SAMLProvider("okta", ""), fakeiam.SAMLProvider("Okta", "")},
			`SAML provider "Okta" and SAML provider "okta": names are unique regardless of case`},
		{"over the quota", []fakeiam.Option{fakeiam.SAMLProvidersPerAccount(1), fakeiam.SAMLProvider("a", ""), fakeiam.SAMLProvider("b", "")},
			"2 SAML providers exceed the quota of 1 per account (SAMLProvidersPerAccount lifts it)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newFakeE(tc.seed...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("New: %v, want an error containing %q", err, tc.want)
			}
		})
	}
	// No metadata: SAMLMetadata for https://NAME.example.com.
	f := newFake(fakeiam.SAMLProvider("okta", ""))
	got, err := f.Client().GetSAMLProvider(context.Background(), &iam.GetSAMLProviderInput{SAMLProviderArn: aws.String(samlARN("okta"))})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(fakeiam.SAMLMetadata("https://okta.example.com"), aws.ToString(got.SAMLMetadataDocument)); diff != "" {
		t.Errorf("the default document (-want +got):\n%s", diff)
	}
}

// TestSAMLProvidersFaultsCallsAndSweep: fault rules, the call log (a
// private key never kept) and Sweep over a provider's whole life.
func TestSAMLProvidersFaultsCallsAndSweep(t *testing.T) {
	ctx := context.Background()
	f := newFake(seedSAML()...)
	key := "-----BEGIN PRIVATE KEY-----secret"
	_, _ = f.Client().CreateSAMLProvider(ctx, &iam.CreateSAMLProviderInput{Name: aws.String("x"), SAMLMetadataDocument: aws.String(newDoc), AddPrivateKey: aws.String(key)})
	calls := logged(t, f, fakeiam.CreateSAMLProvider)
	if len(calls) != 1 || aws.ToString(calls[0].Input.(*iam.CreateSAMLProviderInput).AddPrivateKey) != fakeiam.RedactedPassword {
		t.Errorf("the call log keeps %+v, want AddPrivateKey redacted", calls)
	}
	f.Inject(fakeiam.Rule{Operation: fakeiam.DeleteSAMLProvider, Then: fakeiam.Fail(&fakeiam.Error{Code: "LimitExceeded", Status: 409, Message: "busy"})})
	_, err := f.Client().DeleteSAMLProvider(ctx, &iam.DeleteSAMLProviderInput{SAMLProviderArn: aws.String(samlARN("okta"))})
	var le *types.LimitExceededException
	if !errors.As(err, &le) {
		t.Errorf("DeleteSAMLProvider under a rule: %v, want LimitExceededException", err)
	}

	var failed []fakeiam.Operation
	fakeiam.Sweep(t, fakeiam.ServiceFailure(), func(t *testing.T, f *fakeiam.Fake, failing *fakeiam.SweepCall) {
		c, arn := f.Client(), aws.String(samlARN("new"))
		var errs []error
		record := func(_ any, err error) { errs = append(errs, err) }
		record(c.CreateSAMLProvider(ctx, samlIn("new", newDoc)))
		record(c.GetSAMLProvider(ctx, &iam.GetSAMLProviderInput{SAMLProviderArn: arn}))
		record(c.ListSAMLProviders(ctx, &iam.ListSAMLProvidersInput{}))
		record(c.UpdateSAMLProvider(ctx, &iam.UpdateSAMLProviderInput{SAMLProviderArn: arn, SAMLMetadataDocument: aws.String(oktaDoc)}))
		record(c.TagSAMLProvider(ctx, &iam.TagSAMLProviderInput{SAMLProviderArn: arn, Tags: []types.Tag{tag("a", "1")}}))
		record(c.ListSAMLProviderTags(ctx, &iam.ListSAMLProviderTagsInput{SAMLProviderArn: arn}))
		record(c.UntagSAMLProvider(ctx, &iam.UntagSAMLProviderInput{SAMLProviderArn: arn, TagKeys: []string{"a"}}))
		record(c.DeleteSAMLProvider(ctx, &iam.DeleteSAMLProviderInput{SAMLProviderArn: arn}))
		if failing == nil {
			if err := errors.Join(errs...); err != nil {
				t.Errorf("clean run: %v", err)
			}
			return
		}
		failed = append(failed, failing.Operation)
		if errs[failing.N-1] == nil {
			t.Errorf("%v: no error", failing)
		}
	})
	want := []fakeiam.Operation{fakeiam.CreateSAMLProvider, fakeiam.GetSAMLProvider, fakeiam.ListSAMLProviders, fakeiam.UpdateSAMLProvider,
		fakeiam.TagSAMLProvider, fakeiam.ListSAMLProviderTags, fakeiam.UntagSAMLProvider, fakeiam.DeleteSAMLProvider}
	if diff := cmp.Diff(want, failed); diff != "" {
		t.Errorf("swept operations (-want +got):\n%s", diff)
	}
}

// samlTagsListed: a provider's tags, the provider named by the owner.
var samlTagsListed = listOperation{op: fakeiam.ListSAMLProviderTags, perUser: true, most: 50,
	named: func(owner string, n int) []fakeiam.Option {
		s := fakeiam.SAMLProvider(owner, "")
		for i := range n {
			s = s.Tag(fmt.Sprintf("key%03d", 2*i), "v")
		}
		return []fakeiam.Option{s}
	},
	list: func(owner string, m *string, n *int32) call {
		return onSAML(owner, func(arn string) call { return listSAMLTags(arn, m, n) })
	},
	ids: itemIDs("Tags", "Key"),
	add: func(owner string, i int) call {
		return onSAML(owner, func(arn string) call { return tagSAML(arn, tag(fmt.Sprintf("key%03d", 2*i+1), "v")) })
	},
	remove: func(owner, id string) call { return onSAML(owner, func(arn string) call { return untagSAML(arn, id) }) }}

// onSAML calls c with the ARN of the provider named owner in the caller's
// account (as onOIDC).
func onSAML(owner string, c func(arn string) call) call {
	return func(ctx context.Context, cl *iam.Client, r *run) (any, error) {
		acct := fakeiam.DefaultAccountID
		if p := cl.Options().Credentials; p != nil {
			creds, err := p.Retrieve(ctx)
			if err != nil {
				return nil, err
			}
			if creds.AccessKeyID == otherRootKey.ID {
				acct = otherAccount
			}
		}
		return c("arn:aws:iam::"+acct+":saml-provider/"+owner)(ctx, cl, r)
	}
}

// TestSAMLProviderControlAPI: the control API lists the provider
// operations and shows a logged CreateSAMLProvider with its private key
// redacted, through the HTTP door.
func TestSAMLProviderControlAPI(t *testing.T) {
	c := newControlled(t, seedSAML()...)
	key := "-----BEGIN PRIVATE KEY-----control"
	_, err := c.iam.CreateSAMLProvider(context.Background(), &iam.CreateSAMLProviderInput{Name: aws.String("x"), SAMLMetadataDocument: aws.String(newDoc), AddPrivateKey: aws.String(key)})
	var api interface{ ErrorCode() string }
	if !errors.As(err, &api) || api.ErrorCode() != "NotImplemented" {
		t.Errorf("CreateSAMLProvider with AddPrivateKey: %v, want NotImplemented", err)
	}
	calls := string(mustJSON(t, c.getCalls(t, "")))
	if strings.Contains(calls, key) || !strings.Contains(calls, `"addPrivateKey":"`+fakeiam.RedactedPassword+`"`) {
		t.Errorf("the control API's calls show the private key, or not its redaction: %.2000s", calls)
	}
	_, body := c.do(t, "GET", "/_fakeiam/operations", controlToken, "")
	for _, op := range []fakeiam.Operation{fakeiam.CreateOpenIDConnectProvider, fakeiam.ListOpenIDConnectProviderTags, fakeiam.CreateSAMLProvider, fakeiam.ListSAMLProviderTags} {
		if !strings.Contains(string(body), `"`+string(op)+`"`) {
			t.Errorf("GET /_fakeiam/operations does not list %s: %s", op, body)
		}
	}
}
