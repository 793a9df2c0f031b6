package fakeiam_test

// docs/contract.md, "OpenID Connect providers": the ten operations, each
// row through the differential harness (both doors and the SDK's decoding
// of IAM's XML).

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
	oidcCreated = time.Date(2025, 6, 7, 8, 9, 10, 0, time.UTC)
	tpA         = strings.Repeat("a", 40)
	tpB         = strings.Repeat("b", 40)
	tpC         = strings.Repeat("c", 40)
	tpD         = strings.Repeat("d", 40)
	ghHost      = "token.actions.githubusercontent.com"
	realmURL    = "accounts.example.com/realms/main"
)

// seedOIDC: GitHub's provider (a client id, a thumbprint, two tags) and a
// realm with a path (nothing else), both created at oidcCreated.
func seedOIDC(more ...fakeiam.Option) []fakeiam.Option {
	return append([]fakeiam.Option{
		fakeiam.OIDCProvider("https://"+ghHost).ClientIDs("sts.amazonaws.com").Thumbprints(tpA).CreatedAt(oidcCreated).Tag("team", "ci").Tag("env", "prod"),
		fakeiam.OIDCProvider("https://" + realmURL).CreatedAt(oidcCreated),
		fakeiam.Root().AccessKey(rootKey),
	}, more...)
}

func oidcARN(url string) string {
	return "arn:aws:iam::" + fakeiam.DefaultAccountID + ":oidc-provider/" + url
}

func createOIDC(in *iam.CreateOpenIDConnectProviderInput) call {
	return callOf((*iam.Client).CreateOpenIDConnectProvider, in)
}

func oidcIn(url string, thumbprints ...string) *iam.CreateOpenIDConnectProviderInput {
	return &iam.CreateOpenIDConnectProviderInput{Url: aws.String(url), ThumbprintList: thumbprints}
}

func getOIDC(arn string) call {
	return callOf((*iam.Client).GetOpenIDConnectProvider, &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(arn)})
}

func listOIDC() call {
	return callOf((*iam.Client).ListOpenIDConnectProviders, &iam.ListOpenIDConnectProvidersInput{})
}

func deleteOIDC(arn string) call {
	return callOf((*iam.Client).DeleteOpenIDConnectProvider, &iam.DeleteOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(arn)})
}

func updateThumbprints(arn string, thumbprints ...string) call {
	return callOf((*iam.Client).UpdateOpenIDConnectProviderThumbprint, &iam.UpdateOpenIDConnectProviderThumbprintInput{OpenIDConnectProviderArn: aws.String(arn), ThumbprintList: thumbprints})
}

func addClientID(arn, id string) call {
	return callOf((*iam.Client).AddClientIDToOpenIDConnectProvider, &iam.AddClientIDToOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(arn), ClientID: aws.String(id)})
}

func removeClientID(arn, id string) call {
	return callOf((*iam.Client).RemoveClientIDFromOpenIDConnectProvider, &iam.RemoveClientIDFromOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(arn), ClientID: aws.String(id)})
}

func tagOIDC(arn string, tags ...types.Tag) call {
	return callOf((*iam.Client).TagOpenIDConnectProvider, &iam.TagOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(arn), Tags: tags})
}

func untagOIDC(arn string, keys ...string) call {
	return callOf((*iam.Client).UntagOpenIDConnectProvider, &iam.UntagOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(arn), TagKeys: keys})
}

func listOIDCTags(arn string, marker *string, maxItems *int32) call {
	return callOf((*iam.Client).ListOpenIDConnectProviderTags, &iam.ListOpenIDConnectProviderTagsInput{OpenIDConnectProviderArn: aws.String(arn), Marker: marker, MaxItems: maxItems})
}

// gotOIDC is GetOpenIDConnectProvider's answer: the lists and Tags present
// even when empty (recorded).
func gotOIDC(url string, created time.Time, clientIDs, thumbprints []string, tags ...types.Tag) *iam.GetOpenIDConnectProviderOutput {
	if clientIDs == nil {
		clientIDs = []string{}
	}
	if thumbprints == nil {
		thumbprints = []string{}
	}
	if tags == nil {
		tags = []types.Tag{}
	}
	return &iam.GetOpenIDConnectProviderOutput{Url: aws.String(url), CreateDate: aws.Time(created), ClientIDList: clientIDs, ThumbprintList: thumbprints, Tags: tags}
}

func oidcList(urls ...string) *iam.ListOpenIDConnectProvidersOutput {
	out := &iam.ListOpenIDConnectProvidersOutput{OpenIDConnectProviderList: []types.OpenIDConnectProviderListEntry{}}
	for _, u := range urls {
		out.OpenIDConnectProviderList = append(out.OpenIDConnectProviderList, types.OpenIDConnectProviderListEntry{Arn: aws.String(oidcARN(u))})
	}
	return out
}

func oidcCreatedOut(url string, tags ...types.Tag) *iam.CreateOpenIDConnectProviderOutput {
	return &iam.CreateOpenIDConnectProviderOutput{OpenIDConnectProviderArn: aws.String(oidcARN(url)), Tags: tags}
}

func oidcTagsPage(marker string, tags ...types.Tag) *iam.ListOpenIDConnectProviderTagsOutput {
	if tags == nil {
		tags = []types.Tag{}
	}
	out := &iam.ListOpenIDConnectProviderTagsOutput{Tags: tags}
	if marker != "" {
		out.IsTruncated, out.Marker = true, aws.String(marker)
	}
	return out
}

// IAM's texts (docs/contract.md, "OpenID Connect providers").
var (
	invalidOIDCURL = &fakeiam.Error{Code: "ValidationError", Status: 400, Message: "Invalid Open ID Connect Provider URL"}
	oidcExists     = func(url string) *fakeiam.Error {
		return &fakeiam.Error{Code: "EntityAlreadyExists", Status: 409, Message: "Provider with url " + url + " already exists."}
	}
	noSuchOIDC = func(arn string) *fakeiam.Error {
		return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "OpenIDConnect Provider not found for arn " + arn}
	}
	noSuchOIDCDelete = func(arn string) *fakeiam.Error {
		return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "OpenId connect Provider " + arn + " cannot be found."}
	}
	tooManyThumbprints = &fakeiam.Error{Code: "InvalidInput", Status: 400, Message: "Thumbprint list must contain fewer than 5 entries."}
	clientIDQuota      = func(n int) *fakeiam.Error {
		return &fakeiam.Error{Code: "LimitExceeded", Status: 409, Message: fmt.Sprintf("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: %d", n)}
	}
	oidcQuota        = &fakeiam.Error{Code: "LimitExceeded", Status: 409, Message: "Cannot exceed quota for OpenIdConnectProvidersPerAccount: 2"}
	providerTagQuota = &fakeiam.Error{Code: "LimitExceeded", Status: 409, Message: "The number of tags has reached the maximum limit."}
)

// standInThumbprint is the thumbprint a provider created without one
// holds (docs/contract.md: choice): the hex SHA-1 of its host.
func standInThumbprint(host string) string {
	f := newFake(fakeiam.OIDCProvider("https://" + host))
	out, err := f.Client().GetOpenIDConnectProvider(context.Background(), &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(oidcARN(host))})
	if err != nil || len(out.ThumbprintList) != 1 {
		panic(fmt.Sprint("stand-in thumbprint: ", err))
	}
	return out.ThumbprintList[0]
}

func TestCreateOpenIDConnectProviderSpec(t *testing.T) {
	ids := make([]string, 101)
	for i := range ids {
		ids[i] = fmt.Sprint(i)
	}
	withAll := oidcIn("https://new.example.com", tpA, tpB)
	withAll.ClientIDList = []string{"b-app", "a-app"}
	withAll.Tags = []types.Tag{tag("b", "2"), tag("a", "1"), tag("B", "3")}
	tooManyIDs := oidcIn("https://new.example.com", tpA)
	tooManyIDs.ClientIDList = ids
	threeIDs := oidcIn("https://new.example.com", tpA)
	threeIDs.ClientIDList = ids[:3]
	dupTags := oidcIn("https://new.example.com")
	dupTags.Tags = []types.Tag{tag("a", "1"), tag("a", "2")}
	awsTag := oidcIn("https://new.example.com")
	awsTag.Tags = []types.Tag{tag("aws:x", "1")}
	longID := oidcIn("https://new.example.com")
	longID.ClientIDList = []string{strings.Repeat("b", 256)}
	runScenarios(t, seedOIDC(), []scenario{
		{name: "a host: its ARN, no Tags (recorded)", call: createOIDC(oidcIn("https://new.example.com", tpA)), want: oidcCreatedOut("new.example.com")},
		{name: "a path: in the ARN (recorded)", call: createOIDC(oidcIn("https://new.example.com/oidc", tpA)), want: oidcCreatedOut("new.example.com/oidc")},
		{name: "client ids, thumbprints and tags: tags sorted by key in the answer", call: createOIDC(withAll),
			want: oidcCreatedOut("new.example.com", tag("B", "3"), tag("a", "1"), tag("b", "2"))},
		{name: "then got: the URL without its scheme, the lists as given (recorded)", steps: []change{do(createOIDC(withAll))}, call: getOIDC(oidcARN("new.example.com")),
			want: gotOIDC("new.example.com", testNow, []string{"b-app", "a-app"}, []string{tpA, tpB}, tag("B", "3"), tag("a", "1"), tag("b", "2"))},
		{name: "a port", call: createOIDC(oidcIn("https://new.example.com:8443/x", tpA)), want: oidcCreatedOut("new.example.com:8443/x")},
		{name: "the scheme in capitals", call: createOIDC(oidcIn("HTTPS://new.example.com", tpA)), want: oidcCreatedOut("new.example.com")},
		{name: "five thumbprints", call: createOIDC(oidcIn("https://new.example.com", tpA, tpB, tpC, tpD, strings.Repeat("e", 40))), want: oidcCreatedOut("new.example.com")},
		{name: "no thumbprint: a stand-in of IAM's shape", steps: []change{do(createOIDC(oidcIn("https://new.example.com")))}, call: getOIDC(oidcARN("new.example.com")),
			want: gotOIDC("new.example.com", testNow, nil, []string{standInThumbprint("new.example.com")})},
		{name: "not a URL (recorded)", call: createOIDC(oidcIn("example.org", tpA)), wantErr: invalidOIDCURL},
		{name: "http", call: createOIDC(oidcIn("http://new.example.com", tpA)), wantErr: invalidOIDCURL},
		{name: "a query", call: createOIDC(oidcIn("https://new.example.com/?a=b", tpA)), wantErr: invalidOIDCURL},
		{name: "a fragment", call: createOIDC(oidcIn("https://new.example.com/#x", tpA)), wantErr: invalidOIDCURL},
		{name: "no host", call: createOIDC(oidcIn("https:///path", tpA)), wantErr: invalidOIDCURL},
		{name: "user info", call: createOIDC(oidcIn("https://me@new.example.com", tpA)), wantErr: invalidOIDCURL},
		{name: "a bad port", call: createOIDC(oidcIn("https://new.example.com:x", tpA)), wantErr: invalidOIDCURL},
		{name: "the URL taken (recorded)", call: createOIDC(oidcIn("https://"+ghHost, tpA)), wantErr: oidcExists("https://" + ghHost)},
		{name: "the URL taken, the host in another case", call: createOIDC(oidcIn("https://TOKEN.actions.githubusercontent.com", tpA)),
			wantErr: oidcExists("https://TOKEN.actions.githubusercontent.com")},
		{name: "another path of a host taken", call: createOIDC(oidcIn("https://"+ghHost+"/other", tpA)), want: oidcCreatedOut(ghHost + "/other")},
		{name: "six thumbprints (recorded)", call: createOIDC(oidcIn("https://new.example.com", tpA, tpB, tpC, tpD, strings.Repeat("e", 40), strings.Repeat("f", 40))),
			wantErr: tooManyThumbprints},
		{name: "101 client ids (recorded)", call: createOIDC(tooManyIDs), wantErr: clientIDQuota(100)},
		{name: "one thumbprint six times: counted as given", call: createOIDC(oidcIn("https://new.example.com", tpA, tpA, tpA, tpA, tpA, tpA)), wantErr: tooManyThumbprints},
		{name: "a client id twice: kept once", steps: []change{do(createOIDC(&iam.CreateOpenIDConnectProviderInput{Url: aws.String("https://new.example.com"),
			ClientIDList: []string{"a", "b", "a"}, ThumbprintList: []string{tpA, tpA}}))}, call: getOIDC(oidcARN("new.example.com")),
			want: gotOIDC("new.example.com", testNow, []string{"a", "b"}, []string{tpA})},
		{name: "client ids over a lowered quota", seed: seedOIDC(fakeiam.ClientIDsPerOIDCProvider(2)), call: createOIDC(threeIDs), wantErr: clientIDQuota(2)},
		{name: "the account's quota", seed: seedOIDC(fakeiam.OIDCProvidersPerAccount(2)), call: createOIDC(oidcIn("https://new.example.com", tpA)), wantErr: oidcQuota},
		{name: "the URL before the quota", seed: seedOIDC(fakeiam.OIDCProvidersPerAccount(2)), call: createOIDC(oidcIn("example.org", tpA)), wantErr: invalidOIDCURL},
		{name: "a tag key twice", call: createOIDC(dupTags), wantErr: dupTagKeys},
		{name: "a reserved tag key", call: createOIDC(awsTag), wantErr: reservedTag},
		{name: "a URL too long (recorded phrase)", call: createOIDC(oidcIn("https://"+strings.Repeat("b", 248), tpA)), wantErr: failedConstraints("url", maxLength(255))},
		{name: "a thumbprint of 41 (recorded phrase)", call: createOIDC(oidcIn("https://new.example.com", strings.Repeat("b", 41))),
			wantErr: failedConstraints("thumbprintList", "Member must satisfy constraint: [Member must have length less than or equal to 40, Member must have length greater than or equal to 40]")},
		{name: "a client id of 256 (recorded phrase)", call: createOIDC(longID),
			wantErr: failedConstraints("clientIDList", "Member must satisfy constraint: [Member must have length less than or equal to 255, Member must have length greater than or equal to 1]")},
		{name: "then listed by ARN", steps: []change{do(createOIDC(oidcIn("https://b.example.com", tpA)))}, call: listOIDC(),
			want: oidcList(realmURL, "b.example.com", ghHost)},
	})
}

func TestGetOpenIDConnectProviderSpec(t *testing.T) {
	runScenarios(t, seedOIDC(), []scenario{
		{name: "URL without the scheme, lists, date, tags sorted by key", call: getOIDC(oidcARN(ghHost)),
			want: gotOIDC(ghHost, oidcCreated, []string{"sts.amazonaws.com"}, []string{tpA}, tag("env", "prod"), tag("team", "ci"))},
		{name: "a path; ClientIDList and Tags present and empty (recorded)", call: getOIDC(oidcARN(realmURL)),
			want: gotOIDC(realmURL, oidcCreated, nil, []string{standInThumbprint("accounts.example.com")})},
		{name: "the host named in another case", call: getOIDC(oidcARN("Token.Actions.GitHubUserContent.com")),
			want: gotOIDC(ghHost, oidcCreated, []string{"sts.amazonaws.com"}, []string{tpA}, tag("env", "prod"), tag("team", "ci"))},
		{name: "no such provider (recorded)", call: getOIDC(oidcARN("non-existent.example.com")), wantErr: noSuchOIDC(oidcARN("non-existent.example.com"))},
		{name: "not an OIDC provider's ARN", call: getOIDC("arn:aws:iam::" + fakeiam.DefaultAccountID + ":saml-provider/x"),
			wantErr: noSuchOIDC("arn:aws:iam::" + fakeiam.DefaultAccountID + ":saml-provider/x")},
		{name: "another account's are its own", seed: append(seedOIDC(), otherAccountSeed()), as: asKey(otherRootKey.ID), call: getOIDC(oidcARN(ghHost)),
			wantErr: noSuchOIDC(oidcARN(ghHost))},
		{name: "an ARN too short", call: getOIDC("arn:aws:iam::1:x"), wantErr: failedConstraints("openIDConnectProviderArn", minLength(20))},
	})
}

func TestListOpenIDConnectProvidersSpec(t *testing.T) {
	runScenarios(t, seedOIDC(), []scenario{
		{name: "every provider's ARN, by ARN, without tags (recorded: ARNs only)", call: listOIDC(), want: oidcList(realmURL, ghHost)},
		{name: "none", seed: []fakeiam.Option{fakeiam.Root().AccessKey(rootKey)}, call: listOIDC(), want: oidcList()},
		{name: "another account's are its own", seed: append(seedOIDC(), otherAccountSeed()), as: asKey(otherRootKey.ID), call: listOIDC(),
			want: &iam.ListOpenIDConnectProvidersOutput{OpenIDConnectProviderList: []types.OpenIDConnectProviderListEntry{}}},
	})
}

func TestDeleteOpenIDConnectProviderSpec(t *testing.T) {
	gh := oidcARN(ghHost)
	runScenarios(t, seedOIDC(), []scenario{
		{name: "an empty result (recorded)", call: deleteOIDC(gh), want: &iam.DeleteOpenIDConnectProviderOutput{}},
		{name: "gone (recorded)", steps: []change{do(deleteOIDC(gh))}, call: getOIDC(gh), wantErr: noSuchOIDC(gh)},
		{name: "deleted again: NoSuchEntity, its own text (recorded)", steps: []change{do(deleteOIDC(gh))}, call: deleteOIDC(gh), wantErr: noSuchOIDCDelete(gh)},
		{name: "gone from the list", steps: []change{do(deleteOIDC(gh))}, call: listOIDC(), want: oidcList(realmURL)},
		{name: "created again", steps: []change{do(deleteOIDC(gh))}, call: createOIDC(oidcIn("https://"+ghHost, tpA)), want: oidcCreatedOut(ghHost)},
	})
}

func TestUpdateOpenIDConnectProviderThumbprintSpec(t *testing.T) {
	gh, realm := oidcARN(ghHost), oidcARN(realmURL)
	runScenarios(t, seedOIDC(), []scenario{
		{name: "an empty result", call: updateThumbprints(gh, tpC), want: &iam.UpdateOpenIDConnectProviderThumbprintOutput{}},
		{name: "replaced, not merged (recorded)", steps: []change{do(updateThumbprints(realm, tpC, tpD))}, call: getOIDC(realm),
			want: gotOIDC(realmURL, oidcCreated, nil, []string{tpC, tpD})},
		{name: "six (recorded text)", call: updateThumbprints(gh, tpA, tpB, tpC, tpD, strings.Repeat("e", 40), strings.Repeat("f", 40)), wantErr: tooManyThumbprints},
		{name: "no such provider", call: updateThumbprints(oidcARN("nope.example.com"), tpA), wantErr: noSuchOIDC(oidcARN("nope.example.com"))},
		{name: "a thumbprint too short", call: updateThumbprints(gh, "abc"),
			wantErr: failedConstraints("thumbprintList", "Member must satisfy constraint: [Member must have length less than or equal to 40, Member must have length greater than or equal to 40]")},
	})
}

func TestOpenIDConnectProviderClientIDsSpec(t *testing.T) {
	gh := oidcARN(ghHost)
	withIDs := func(ids ...string) *iam.GetOpenIDConnectProviderOutput {
		return gotOIDC(ghHost, oidcCreated, ids, []string{tpA}, tag("env", "prod"), tag("team", "ci"))
	}
	runScenarios(t, seedOIDC(), []scenario{
		{name: "Add: an empty result", call: addClientID(gh, "app"), want: &iam.AddClientIDToOpenIDConnectProviderOutput{}},
		{name: "Add: last", steps: []change{do(addClientID(gh, "app"))}, call: getOIDC(gh), want: withIDs("sts.amazonaws.com", "app")},
		{name: "Add: one it has, no error and no change (model)", steps: []change{do(addClientID(gh, "sts.amazonaws.com"))}, call: getOIDC(gh), want: withIDs("sts.amazonaws.com")},
		{name: "Add: over the quota", seed: seedOIDC(fakeiam.ClientIDsPerOIDCProvider(1)), call: addClientID(gh, "app"), wantErr: clientIDQuota(1)},
		{name: "Add: one it has at the quota", seed: seedOIDC(fakeiam.ClientIDsPerOIDCProvider(1)), call: addClientID(gh, "sts.amazonaws.com"),
			want: &iam.AddClientIDToOpenIDConnectProviderOutput{}},
		{name: "Add: no such provider", call: addClientID(oidcARN("nope.example.com"), "app"), wantErr: noSuchOIDC(oidcARN("nope.example.com"))},
		{name: "Add: an id too long", call: addClientID(gh, strings.Repeat("x", 256)), wantErr: failedConstraints("clientID", maxLength(255))},
		{name: "Remove: an empty result", call: removeClientID(gh, "sts.amazonaws.com"), want: &iam.RemoveClientIDFromOpenIDConnectProviderOutput{}},
		{name: "Remove: gone", steps: []change{do(removeClientID(gh, "sts.amazonaws.com"))}, call: getOIDC(gh), want: withIDs()},
		{name: "Remove: one it does not have, no error (model)", steps: []change{do(removeClientID(gh, "nope"))}, call: getOIDC(gh), want: withIDs("sts.amazonaws.com")},
		{name: "Remove: no such provider", call: removeClientID(oidcARN("nope.example.com"), "app"), wantErr: noSuchOIDC(oidcARN("nope.example.com"))},
	})
}

func TestOpenIDConnectProviderTagsSpec(t *testing.T) {
	gh, realm := oidcARN(ghHost), oidcARN(realmURL)
	fifty := make([]types.Tag, 49)
	for i := range fifty {
		fifty[i] = tag(fmt.Sprintf("k%02d", i), "v")
	}
	runScenarios(t, seedOIDC(), []scenario{
		{name: "listed sorted by key (recorded)", call: listOIDCTags(gh, nil, nil), want: oidcTagsPage("", tag("env", "prod"), tag("team", "ci"))},
		{name: "none", call: listOIDCTags(realm, nil, nil), want: oidcTagsPage("")},
		{name: "a page", call: listOIDCTags(gh, nil, aws.Int32(1)), want: oidcTagsPage("<marker>", tag("env", "prod"))},
		{name: "the next page", call: listThen((*iam.Client).ListOpenIDConnectProviderTags, iam.ListOpenIDConnectProviderTagsInput{OpenIDConnectProviderArn: aws.String(gh), MaxItems: aws.Int32(1)}, nil, nil,
			iam.ListOpenIDConnectProviderTagsInput{OpenIDConnectProviderArn: aws.String(gh)}), want: oidcTagsPage("", tag("team", "ci"))},
		{name: "a marker of another provider", call: listFrom(nil, (*iam.Client).ListOpenIDConnectProviderTags, iam.ListOpenIDConnectProviderTagsInput{OpenIDConnectProviderArn: aws.String(gh), MaxItems: aws.Int32(1)}, nil, nil,
			iam.ListOpenIDConnectProviderTagsInput{OpenIDConnectProviderArn: aws.String(realm)}), wantErr: invalidMarker},
		{name: "Tag: shown by Get (recorded)", steps: []change{do(tagOIDC(realm, tag("k1", "v1"), tag("k2", "v2")))}, call: getOIDC(realm),
			want: gotOIDC(realmURL, oidcCreated, nil, []string{standInThumbprint("accounts.example.com")}, tag("k1", "v1"), tag("k2", "v2"))},
		{name: "Tag: a key it has gets the value; keys are case sensitive", steps: []change{do(tagOIDC(gh, tag("env", "dev"), tag("Env", "x")))},
			call: listOIDCTags(gh, nil, nil), want: oidcTagsPage("", tag("Env", "x"), tag("env", "dev"), tag("team", "ci"))},
		{name: "Tag: an empty result", call: tagOIDC(gh, tag("a", "1")), want: &iam.TagOpenIDConnectProviderOutput{}},
		{name: "Tag: over 50 in all (recorded)", call: tagOIDC(gh, fifty[:49]...), wantErr: providerTagQuota},
		{name: "Tag: 50 in all", call: tagOIDC(gh, fifty[:48]...), want: &iam.TagOpenIDConnectProviderOutput{}},
		{name: "Tag: a key twice", call: tagOIDC(gh, tag("a", "1"), tag("a", "2")), wantErr: dupTagKeys},
		{name: "Tag: a reserved key", call: tagOIDC(gh, tag("aws:x", "1")), wantErr: reservedTag},
		{name: "Tag: no such provider", call: tagOIDC(oidcARN("nope.example.com"), tag("a", "1")), wantErr: noSuchOIDC(oidcARN("nope.example.com"))},
		{name: "Untag: an empty result", call: untagOIDC(gh, "env"), want: &iam.UntagOpenIDConnectProviderOutput{}},
		{name: "Untag: exact keys only; a missing key is no error (recorded: one removed)", steps: []change{do(untagOIDC(gh, "ENV", "team", "nope"))},
			call: listOIDCTags(gh, nil, nil), want: oidcTagsPage("", tag("env", "prod"))},
		{name: "Untag: no such provider", call: untagOIDC(oidcARN("nope.example.com"), "a"), wantErr: noSuchOIDC(oidcARN("nope.example.com"))},
		{name: "List: no such provider", call: listOIDCTags(oidcARN("nope.example.com"), nil, nil), wantErr: noSuchOIDC(oidcARN("nope.example.com"))},
	})
}

func TestOIDCProviderSeeds(t *testing.T) {
	for _, tc := range []struct {
		name string
		seed []fakeiam.Option
		want string
	}{
		{"not a URL", []fakeiam.Option{fakeiam.OIDCProvider("example.org")},
			`OIDC provider "example.org": Invalid Open ID Connect Provider URL (https://host[:port][/path], without query or fragment)`},
		{"seeded twice", []fakeiam.Option{fakeiam.OIDCProvider("https://a.example.com"), fakeiam.OIDCProvider("https://A.example.com")},
			`OIDC provider "https://A.example.com": its URL is that of OIDC provider arn:aws:iam::123456789012:oidc-provider/a.example.com, seeded before`},
		{"six thumbprints", []fakeiam.Option{fakeiam.OIDCProvider("https://a.example.com").Thumbprints(tpA, tpB, tpC, tpD, tpA[:39]+"e", tpA[:39]+"f")},
			"Thumbprint list must contain fewer than 5 entries."},
		{"a short thumbprint", []fakeiam.Option{fakeiam.OIDCProvider("https://a.example.com").Thumbprints("abc")}, "thumbprintList"},
		{"client ids over the quota", []fakeiam.Option{fakeiam.ClientIDsPerOIDCProvider(1), fakeiam.OIDCProvider("https://a.example.com").ClientIDs("a", "b")},
			"Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 1 (ClientIDsPerOIDCProvider lifts it)"},
		{"over the account's quota", []fakeiam.Option{fakeiam.OIDCProvidersPerAccount(1), fakeiam.OIDCProvider("https://a.example.com"), fakeiam.OIDCProvider("https://b.example.com")},
			"2 OIDC providers exceed the quota of 1 per account (OIDCProvidersPerAccount lifts it)"},
		{"a reserved tag", []fakeiam.Option{fakeiam.OIDCProvider("https://a.example.com").Tag("aws:x", "1")}, "Tag keys beginning with aws: are reserved"},
		{"a negative quota", []fakeiam.Option{fakeiam.OIDCProvidersPerAccount(-1)}, "OIDCProvidersPerAccount(-1): a quota is at least 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newFakeE(tc.seed...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("New: %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// TestOIDCProvidersFaultsCallsAndSweep: the operations are in the table,
// so fault rules target them, the call log keeps them, and Sweep fails each
// call of a provider's life in turn; the account summary counts providers.
func TestOIDCProvidersFaultsCallsAndSweep(t *testing.T) {
	ctx := context.Background()
	f := newFake(seedOIDC()...)
	f.Inject(fakeiam.Rule{Operation: fakeiam.AddClientIDToOpenIDConnectProvider, Then: fakeiam.Fail(&fakeiam.Error{Code: "ConcurrentModification", Status: 409, Message: "busy"})})
	_, err := f.Client().AddClientIDToOpenIDConnectProvider(ctx, &iam.AddClientIDToOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(oidcARN(ghHost)), ClientID: aws.String("x")})
	var cm *types.ConcurrentModificationException
	if !errors.As(err, &cm) {
		t.Errorf("AddClientIDToOpenIDConnectProvider under a rule: %v, want ConcurrentModificationException", err)
	}
	calls := logged(t, f, fakeiam.AddClientIDToOpenIDConnectProvider)
	if len(calls) != 1 || aws.ToString(calls[0].Input.(*iam.AddClientIDToOpenIDConnectProviderInput).ClientID) != "x" {
		t.Errorf("the call log: %+v, want the one call with its input", calls)
	}
	summary, err := f.Client().GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil {
		t.Fatal(err)
	}
	if got := summary.SummaryMap["Providers"]; got != 2 {
		t.Errorf("Providers: %d, want 2", got)
	}

	var failed []fakeiam.Operation
	fakeiam.Sweep(t, fakeiam.ServiceFailure(), func(t *testing.T, f *fakeiam.Fake, failing *fakeiam.SweepCall) {
		c, arn := f.Client(), aws.String(oidcARN("new.example.com"))
		var errs []error
		record := func(_ any, err error) { errs = append(errs, err) }
		record(c.CreateOpenIDConnectProvider(ctx, &iam.CreateOpenIDConnectProviderInput{Url: aws.String("https://new.example.com"), ThumbprintList: []string{tpA}}))
		record(c.GetOpenIDConnectProvider(ctx, &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: arn}))
		record(c.ListOpenIDConnectProviders(ctx, &iam.ListOpenIDConnectProvidersInput{}))
		record(c.UpdateOpenIDConnectProviderThumbprint(ctx, &iam.UpdateOpenIDConnectProviderThumbprintInput{OpenIDConnectProviderArn: arn, ThumbprintList: []string{tpB}}))
		record(c.AddClientIDToOpenIDConnectProvider(ctx, &iam.AddClientIDToOpenIDConnectProviderInput{OpenIDConnectProviderArn: arn, ClientID: aws.String("app")}))
		record(c.RemoveClientIDFromOpenIDConnectProvider(ctx, &iam.RemoveClientIDFromOpenIDConnectProviderInput{OpenIDConnectProviderArn: arn, ClientID: aws.String("app")}))
		record(c.TagOpenIDConnectProvider(ctx, &iam.TagOpenIDConnectProviderInput{OpenIDConnectProviderArn: arn, Tags: []types.Tag{tag("a", "1")}}))
		record(c.ListOpenIDConnectProviderTags(ctx, &iam.ListOpenIDConnectProviderTagsInput{OpenIDConnectProviderArn: arn}))
		record(c.UntagOpenIDConnectProvider(ctx, &iam.UntagOpenIDConnectProviderInput{OpenIDConnectProviderArn: arn, TagKeys: []string{"a"}}))
		record(c.DeleteOpenIDConnectProvider(ctx, &iam.DeleteOpenIDConnectProviderInput{OpenIDConnectProviderArn: arn}))
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
	want := []fakeiam.Operation{fakeiam.CreateOpenIDConnectProvider, fakeiam.GetOpenIDConnectProvider, fakeiam.ListOpenIDConnectProviders,
		fakeiam.UpdateOpenIDConnectProviderThumbprint, fakeiam.AddClientIDToOpenIDConnectProvider, fakeiam.RemoveClientIDFromOpenIDConnectProvider,
		fakeiam.TagOpenIDConnectProvider, fakeiam.ListOpenIDConnectProviderTags, fakeiam.UntagOpenIDConnectProvider, fakeiam.DeleteOpenIDConnectProvider}
	if diff := cmp.Diff(want, failed); diff != "" {
		t.Errorf("swept operations (-want +got):\n%s", diff)
	}
}

// onOIDC calls c with the ARN of the provider for owner's host in the
// caller's account: the other account's when the client signs with
// otherRootKey (the reference client answers the default account's).
func onOIDC(owner string, c func(arn string) call) call {
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
		return c("arn:aws:iam::"+acct+":oidc-provider/"+oidcOwnerURL(owner))(ctx, cl, r)
	}
}

func oidcOwnerURL(owner string) string { return "idp.example.com/" + owner }

// oidcTagsListed: a provider's tags, the provider named by the owner.
var oidcTagsListed = listOperation{op: fakeiam.ListOpenIDConnectProviderTags, perUser: true, most: 50,
	named: func(owner string, n int) []fakeiam.Option {
		o := fakeiam.OIDCProvider("https://" + oidcOwnerURL(owner))
		for i := range n {
			o = o.Tag(fmt.Sprintf("key%03d", 2*i), "v")
		}
		return []fakeiam.Option{o}
	},
	list: func(owner string, m *string, n *int32) call {
		return onOIDC(owner, func(arn string) call { return listOIDCTags(arn, m, n) })
	},
	ids: itemIDs("Tags", "Key"),
	add: func(owner string, i int) call {
		return onOIDC(owner, func(arn string) call { return tagOIDC(arn, tag(fmt.Sprintf("key%03d", 2*i+1), "v")) })
	},
	remove: func(owner, id string) call { return onOIDC(owner, func(arn string) call { return untagOIDC(arn, id) }) }}
