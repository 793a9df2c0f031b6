package main

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// Identity providers in a seed file, in an account's "oidcProviders" and
// "samlProviders":
//
//	"oidcProviders": [{"url": "https://token.actions.githubusercontent.com",
//	                   "clientIds": ["sts.amazonaws.com"],
//	                   "thumbprints": ["6938fd4d98bab03faadb97b34396831e3780aea1"],
//	                   "createDate": "2020-02-03T04:05:06Z", "tags": [{"key": "ci", "value": "github"}],
//	                   "signingKeys": ["-----BEGIN PUBLIC KEY-----\n..."]}],
//	"samlProviders": [{"name": "okta", "metadata": "<md:EntityDescriptor ...>", "createDate": "...",
//	                   "tags": [...]},
//	                  {"name": "adfs", "metadataFile": "adfs-metadata.xml"},
//	                  {"name": "generated"}],
//	"oidcProvidersPerAccount": 100, "clientIdsPerOidcProvider": 100, "samlProvidersPerAccount": 100
//
// A SAML provider's "metadataFile" reads its document from a file as
// "bodyFile" does; without a document it gets fakeiam.SAMLMetadata for
// https://<name>.example.com. Each provider is checked with the builders'
// rules (fakeiam.OIDCProvider, fakeiam.SAMLProvider), each problem at its
// place.

// oidcProviderSeed is an OpenID Connect provider of an account.
type oidcProviderSeed struct {
	URL         string    `json:"url"`
	ClientIDs   []string  `json:"clientIds"`
	Thumbprints []string  `json:"thumbprints"`
	CreateDate  string    `json:"createDate"` // RFC 3339; default: when the endpoint starts
	Tags        []tagSeed `json:"tags"`
	// SigningKeys are PEM public keys ("PUBLIC KEY": RSA for RS256, P-256
	// for ES256) of the tokens a test signs itself for
	// AssumeRoleWithWebIdentity (fakeiam.OIDCProviderSeed.SigningKey).
	SigningKeys []string `json:"signingKeys"`
}

// publicKeyPEM reads one PEM "PUBLIC KEY" block (PKIX), as openssl and
// Go's x509.MarshalPKIXPublicKey write it.
func publicKeyPEM(text string) (crypto.PublicKey, error) {
	block, rest := pem.Decode([]byte(text))
	switch {
	case block == nil:
		return nil, errors.New("not a PEM block (-----BEGIN PUBLIC KEY-----)")
	case block.Type != "PUBLIC KEY":
		return nil, fmt.Errorf("a PEM block of type %q, want \"PUBLIC KEY\"", block.Type)
	case strings.TrimSpace(string(rest)) != "":
		return nil, errors.New("more follows the PEM block: one key a string")
	}
	key, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("the key: %v", err)
	}
	return key, nil
}

// samlProviderSeed is a SAML provider of an account.
type samlProviderSeed struct {
	Name         string    `json:"name"`
	Metadata     string    `json:"metadata"`
	MetadataFile string    `json:"metadataFile"`
	CreateDate   string    `json:"createDate"` // RFC 3339; default: when the endpoint starts
	Tags         []tagSeed `json:"tags"`
}

// providerQuotas are the account's quotas on identity providers.
type providerQuotas struct {
	OIDCProvidersPerAccount  *int `json:"oidcProvidersPerAccount"`
	ClientIDsPerOIDCProvider *int `json:"clientIdsPerOidcProvider"`
	SAMLProvidersPerAccount  *int `json:"samlProvidersPerAccount"`
}

// maxSAMLMetadataChars is the longest metadata document IAM accepts.
const maxSAMLMetadataChars = 10000000

// providerOptions are the account's identity providers and their quotas,
// each provider checked alone in its account (with the quotas), each
// problem at its place.
func (a accountSeed) providerOptions(at, account string, files *bodyFiles, errs *[]error) []fakeiam.Option {
	var settings []fakeiam.Option
	for _, q := range []struct {
		name  string
		value *int
		opt   func(int) fakeiam.Option
	}{
		{"oidcProvidersPerAccount", a.OIDCProvidersPerAccount, fakeiam.OIDCProvidersPerAccount},
		{"clientIdsPerOidcProvider", a.ClientIDsPerOIDCProvider, fakeiam.ClientIDsPerOIDCProvider},
		{"samlProvidersPerAccount", a.SAMLProvidersPerAccount, fakeiam.SAMLProvidersPerAccount},
	} {
		switch {
		case q.value == nil:
		case *q.value < 0:
			*errs = append(*errs, fmt.Errorf("%s%s: %d: a quota is at least 0", at, q.name, *q.value))
		default:
			settings = append(settings, q.opt(*q.value))
		}
	}
	if quota := orDefault(a.OIDCProvidersPerAccount, 100); len(a.OIDCProviders) > quota && quota >= 0 {
		*errs = append(*errs, fmt.Errorf("%soidcProviders: %d OIDC providers exceed the quota of %d per account", at, len(a.OIDCProviders), quota))
	}
	if quota := orDefault(a.SAMLProvidersPerAccount, 100); len(a.SAMLProviders) > quota && quota >= 0 {
		*errs = append(*errs, fmt.Errorf("%ssamlProviders: %d SAML providers exceed the quota of %d per account", at, len(a.SAMLProviders), quota))
	}
	opts := slices.Clone(settings)
	check := func(where string, seed fakeiam.Option, place func(string) string) {
		var found []error
		checkPrincipal(account, append(slices.Clone(settings), seed), where, &found)
		for _, e := range found {
			*errs = append(*errs, errors.New(place(e.Error())))
		}
	}
	urls := map[string]int{} // the URL, its host in lowercase → index
	for i, p := range a.OIDCProviders {
		where := fmt.Sprintf("%soidcProviders[%d]", at, i)
		key := strings.ToLower(p.URL)
		if host, path, ok := strings.Cut(strings.TrimPrefix(key, "https://"), "/"); ok {
			key = host + "/" + p.URL[len(p.URL)-len(path):]
		}
		if j, dup := urls[key]; dup {
			*errs = append(*errs, fmt.Errorf("%s.url: %q is the URL of %soidcProviders[%d] (%q): a provider's URL is unique, its host regardless of case", where, p.URL, at, j, a.OIDCProviders[j].URL))
			continue
		}
		urls[key] = i
		seed := fakeiam.OIDCProvider(p.URL).ClientIDs(p.ClientIDs...).Thumbprints(p.Thumbprints...)
		if p.CreateDate != "" {
			seed = seed.CreatedAt(parseTime(where+".createDate", p.CreateDate, errs))
		}
		for _, t := range p.Tags {
			seed = seed.Tag(t.Key, t.Value)
		}
		for k, text := range p.SigningKeys {
			key, err := publicKeyPEM(text)
			if err != nil {
				*errs = append(*errs, fmt.Errorf("%s.signingKeys[%d]: %v", where, k, err))
				continue
			}
			seed = seed.SigningKey(key)
		}
		check(where, seed, oidcProviderPlace)
		opts = append(opts, seed)
	}
	names := map[string]int{} // lowercase name → index: names ignore case
	for i, s := range a.SAMLProviders {
		where := fmt.Sprintf("%ssamlProviders[%d]", at, i)
		if j, dup := names[strings.ToLower(s.Name)]; dup {
			*errs = append(*errs, fmt.Errorf("%s.name: %q is the name of %ssamlProviders[%d] (%q): SAML provider names are unique regardless of case", where, s.Name, at, j, a.SAMLProviders[j].Name))
			continue
		}
		names[strings.ToLower(s.Name)] = i
		doc := s.Metadata
		if s.MetadataFile != "" || s.Metadata != "" {
			doc = files.bodyUpTo(where, "metadata", s.Metadata, s.MetadataFile, maxSAMLMetadataChars, errs)
		}
		seed := fakeiam.SAMLProvider(s.Name, doc)
		if s.CreateDate != "" {
			seed = seed.CreatedAt(parseTime(where+".createDate", s.CreateDate, errs))
		}
		for _, t := range s.Tags {
			seed = seed.Tag(t.Key, t.Value)
		}
		check(where, seed, samlProviderPlace)
		opts = append(opts, seed)
	}
	return opts
}

// oidcProviderPlace puts a builders' problem line ("<where>: OIDC provider
// "https://...": ...") at the member it is about.
func oidcProviderPlace(line string) string {
	where, rest, _ := strings.Cut(line, ": ")
	member := ""
	switch {
	case strings.Contains(rest, "SigningKey"):
		member = ".signingKeys"
	case strings.Contains(rest, "ClientIds") || strings.Contains(rest, "'clientIDList'"):
		member = ".clientIds"
	case strings.Contains(rest, "Thumbprint") || strings.Contains(rest, "'thumbprintList'"):
		member = ".thumbprints"
	case strings.Contains(rest, "Tag") || strings.Contains(rest, "'tags"):
		member = ".tags"
	case strings.Contains(rest, "URL") || strings.Contains(rest, "'url'"):
		member = ".url"
	}
	return where + member + ": " + rest
}

// samlProviderPlace puts a builders' problem line ("<where>: SAML provider
// "okta": ...") at the member it is about.
func samlProviderPlace(line string) string {
	where, rest, _ := strings.Cut(line, ": ")
	member := ""
	switch {
	case strings.Contains(rest, "metadata") || strings.Contains(rest, "'sAMLMetadataDocument'"):
		member = ".metadata"
	case strings.Contains(rest, "Tag") || strings.Contains(rest, "'tags"):
		member = ".tags"
	case strings.Contains(rest, "'name'"):
		member = ".name"
	}
	return where + member + ": " + rest
}
