package main

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// The account's identity providers in the seed file: OIDC providers with
// their lists, SAML providers with metadata inline, from a file or
// generated; the quota settings.
func TestSeedProviders(t *testing.T) {
	tp := strings.Repeat("a", 40)
	adfs := fakeiam.SAMLMetadata("https://adfs.example.com")
	dir := writeFiles(t, map[string]string{
		"adfs.xml": adfs,
		"seed.json": `{"oidcProvidersPerAccount": 2, "samlProvidersPerAccount": 3, "clientIdsPerOidcProvider": 5,
  "oidcProviders": [{"url": "https://token.actions.githubusercontent.com", "clientIds": ["sts.amazonaws.com"],
                     "thumbprints": ["` + tp + `"], "createDate": "2020-02-03T04:05:06Z", "tags": [{"key": "ci", "value": "github"}]}],
  "samlProviders": [{"name": "okta", "metadata": ` + jsonString(fakeiam.SAMLMetadata("https://okta.example.com")) + `, "tags": [{"key": "team", "value": "sso"}]},
                    {"name": "adfs", "metadataFile": "adfs.xml", "createDate": "2020-02-03T04:05:06Z"},
                    {"name": "generated"}]}`,
	})
	opts, err := loadSeed(filepath.Join(dir, "seed.json"))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f, err := fakeiam.New(append(opts, fakeiam.WithFixedTime(now))...)
	if err != nil {
		t.Fatal(err)
	}
	c, ctx := f.Client(), context.Background()
	o, err := c.GetOpenIDConnectProvider(ctx, &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com")})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{*o.Url, strings.Join(o.ClientIDList, ","), strings.Join(o.ThumbprintList, ","), o.CreateDate.Format(time.RFC3339), *o.Tags[0].Key + "=" + *o.Tags[0].Value}
	for _, name := range []string{"okta", "adfs", "generated"} {
		s, err := c.GetSAMLProvider(ctx, &iam.GetSAMLProviderInput{SAMLProviderArn: aws.String("arn:aws:iam::123456789012:saml-provider/" + name)})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"okta": fakeiam.SAMLMetadata("https://okta.example.com"), "adfs": adfs, "generated": fakeiam.SAMLMetadata("https://generated.example.com")}[name]
		got = append(got, name+" "+s.CreateDate.Format(time.RFC3339)+" "+map[bool]string{true: "document", false: "other document"}[*s.SAMLMetadataDocument == want]+" "+
			map[bool]string{true: "tagged", false: ""}[len(s.Tags) > 0])
	}
	want := []string{"token.actions.githubusercontent.com", "sts.amazonaws.com", tp, "2020-02-03T04:05:06Z", "ci=github",
		"okta 2026-01-01T00:00:00Z document tagged", "adfs 2020-02-03T04:05:06Z document ", "generated 2026-01-01T00:00:00Z document "}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("seeded providers (-want +got):\n%s", diff)
	}
	summary, err := c.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil {
		t.Fatal(err)
	}
	if got := summary.SummaryMap["Providers"]; got != 4 {
		t.Errorf("Providers: %d, want 4", got)
	}
}

// Every problem of a seed's providers is named once, with its place.
func TestSeedProviderProblems(t *testing.T) {
	tp := strings.Repeat("a", 40)
	dir := writeFiles(t, map[string]string{"seed.json": `{"oidcProvidersPerAccount": 5, "clientIdsPerOidcProvider": 1, "samlProvidersPerAccount": -1,
  "oidcProviders": [{"url": "example.org"}, {"url": "https://a.example.com"}, {"url": "https://A.example.com"},
                    {"url": "https://b.example.com", "thumbprints": ["` + tp + `", "` + tp[:39] + `b", "` + tp[:39] + `c", "` + tp[:39] + `d", "` + tp[:39] + `e", "` + tp[:39] + `f"]},
                    {"url": "https://c.example.com", "thumbprints": ["abc"]},
                    {"url": "https://d.example.com", "clientIds": ["x", "y"]},
                    {"url": "https://e.example.com", "tags": [{"key": "aws:x", "value": "1"}], "createDate": "today"}],
  "samlProviders": [{"name": "a b"}, {"name": "bad", "metadata": "` + strings.Repeat("x", 1000) + `"}, {"name": "dup"}, {"name": "DUP"},
                    {"name": "file", "metadataFile": "missing.xml"}]}`})
	want := []string{
		`samlProvidersPerAccount: -1: a quota is at least 0`,
		`oidcProviders: 7 OIDC providers exceed the quota of 5 per account`,
		`oidcProviders[0].url: OIDC provider "example.org": Invalid Open ID Connect Provider URL (https://host[:port][/path], without query or fragment)`,
		`oidcProviders[2].url: "https://A.example.com" is the URL of oidcProviders[1] ("https://a.example.com"): a provider's URL is unique, its host regardless of case`,
		`oidcProviders[3].thumbprints: OIDC provider "https://b.example.com": Thumbprint list must contain fewer than 5 entries.`,
		`oidcProviders[4].thumbprints: OIDC provider "https://c.example.com": 1 validation error detected: Value at 'thumbprintList' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 40, Member must have length greater than or equal to 40]`,
		`oidcProviders[5].clientIds: OIDC provider "https://d.example.com": Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 1 (ClientIDsPerOIDCProvider lifts it)`,
		`oidcProviders[6].createDate: "today" is not an RFC 3339 time such as 2013-06-06T21:40:08Z`,
		`oidcProviders[6].tags: OIDC provider "https://e.example.com": Tag keys beginning with aws: are reserved for AWS use.`,
		`samlProviders[0].name: SAML provider "a b": 1 validation error detected: Value at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w._-]+`,
		`samlProviders[1].metadata: SAML provider "bad": Could not parse metadata (an EntityDescriptor with an IDPSSODescriptor holding a signing X509Certificate)`,
		`samlProviders[3].name: "DUP" is the name of samlProviders[2] ("dup"): SAML provider names are unique regardless of case`,
		`samlProviders[4].metadataFile: "missing.xml": no such file or directory`,
	}
	got := seedProblems(t, dir)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// TestSeedSigningKeys: an OIDC provider's signing keys in a seed file
// (PEM public keys): a token the test signs with its private key is
// accepted by AssumeRoleWithWebIdentity; a key that is no PEM public key,
// or one the fake cannot verify with, is named at its place.
func TestSeedSigningKeys(t *testing.T) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	pemOf := func(pub any) string {
		der, err := x509.MarshalPKIXPublicKey(pub)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})))
		return string(b)
	}
	edPub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("accepted", func(t *testing.T) {
		dir := writeFiles(t, map[string]string{"seed.json": `{
  "oidcProviders": [{"url": "https://idp.example.com", "clientIds": ["app"], "signingKeys": [` + pemOf(&rsaKey.PublicKey) + `]}],
  "roles": [{"name": "idp", "trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/idp.example.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}}]}`})
		s := start(t, "-quiet", "-seed", filepath.Join(dir, "seed.json"))
		payload, _ := json.Marshal(map[string]any{"iss": "https://idp.example.com", "aud": "app", "sub": "alice", "exp": time.Now().Add(time.Hour).Unix()})
		signed := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"RS256","typ":"JWT"}`)) + "." + base64.RawURLEncoding.EncodeToString(payload)
		sum := sha256.Sum256([]byte(signed))
		sig, err := rsa.SignPKCS1v15(rand.Reader, rsaKey, crypto.SHA256, sum[:])
		if err != nil {
			t.Fatal(err)
		}
		token := signed + "." + base64.RawURLEncoding.EncodeToString(sig)
		c := sts.New(sts.Options{Region: "us-east-1", BaseEndpoint: aws.String(s.url), HTTPClient: &http.Client{}})
		out, err := c.AssumeRoleWithWebIdentity(context.Background(), &sts.AssumeRoleWithWebIdentityInput{
			RoleArn: aws.String("arn:aws:iam::123456789012:role/idp"), RoleSessionName: aws.String("alice"), WebIdentityToken: &token})
		if err != nil {
			t.Fatal(err)
		}
		if *out.AssumedRoleUser.Arn != "arn:aws:sts::123456789012:assumed-role/idp/alice" || *out.SubjectFromWebIdentityToken != "alice" {
			t.Errorf("AssumeRoleWithWebIdentity: %s, %s", *out.AssumedRoleUser.Arn, *out.SubjectFromWebIdentityToken)
		}
	})
	t.Run("problems", func(t *testing.T) {
		dir := writeFiles(t, map[string]string{"seed.json": `{
  "oidcProviders": [{"url": "https://a.example.com", "signingKeys": ["not a key", ` + pemOf(edPub) + `]}]}`})
		want := []string{
			`oidcProviders[0].signingKeys[0]: not a PEM block (-----BEGIN PUBLIC KEY-----)`,
			`oidcProviders[0].signingKeys: OIDC provider "https://a.example.com": SigningKey 1: ed25519.PublicKey is neither an *rsa.PublicKey nor an *ecdsa.PublicKey`,
		}
		if diff := cmp.Diff(want, seedProblems(t, dir)); diff != "" {
			t.Errorf("problems (-want +got):\n%s", diff)
		}
	})
}
