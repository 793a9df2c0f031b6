package main

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// jsonString is s as a JSON string.
func jsonString(s string) string { return strconv.Quote(s) }

// The account's server certificates in the seed file: given inline, read
// from files, or generated; the quota setting.
func TestSeedServerCertificates(t *testing.T) {
	body, key, chain := fakeiam.ServerCertificatePEM("web")
	apiBody, apiKey, _ := fakeiam.ServerCertificatePEM("api")
	dir := writeFiles(t, map[string]string{
		"api.pem": apiBody, "api.key": apiKey, "chain.pem": chain,
		"seed.json": `{"serverCertificatesPerAccount": 3, "serverCertificates": [
  {"name": "web", "path": "/cloudfront/", "uploadDate": "2020-02-03T04:05:06Z", "body": ` + jsonString(body) + `,
   "privateKey": ` + jsonString(key) + `, "chain": ` + jsonString(chain) + `, "tags": [{"key": "env", "value": "prod"}]},
  {"name": "api", "bodyFile": "api.pem", "privateKeyFile": "api.key", "chainFile": "chain.pem"},
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
	var got []string
	for _, name := range []string{"web", "api", "generated"} {
		out, err := c.GetServerCertificate(ctx, &iam.GetServerCertificateInput{ServerCertificateName: aws.String(name)})
		if err != nil {
			t.Fatal(err)
		}
		sc := out.ServerCertificate
		m := sc.ServerCertificateMetadata
		var tags []string
		for _, t := range sc.Tags {
			tags = append(tags, *t.Key+"="+*t.Value)
		}
		got = append(got, strings.Join([]string{*m.Path, *m.ServerCertificateName, m.UploadDate.Format(time.RFC3339),
			strconv.FormatBool(*sc.CertificateBody == map[string]string{"web": body, "api": apiBody}[name] || name == "generated"),
			strconv.FormatBool(aws.ToString(sc.CertificateChain) == chain), strings.Join(tags, ",")}, " "))
	}
	want := []string{
		"/cloudfront/ web 2020-02-03T04:05:06Z true true env=prod",
		"/ api 2026-01-01T00:00:00Z true true ",
		"/ generated 2026-01-01T00:00:00Z true false ",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("seeded certificates (-want +got):\n%s", diff)
	}
	summary, err := c.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([2]int32{3, 3}, [2]int32{summary.SummaryMap["ServerCertificates"], summary.SummaryMap["ServerCertificatesQuota"]}); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
}

// Every problem of a seed's server certificates is named once, with its
// place; no problem shows a private key.
func TestSeedServerCertificateProblems(t *testing.T) {
	body, key, _ := fakeiam.ServerCertificatePEM("web")
	_, otherKey, _ := fakeiam.ServerCertificatePEM("other")
	dir := writeFiles(t, map[string]string{"seed.json": `{"serverCertificatesPerAccount": 4, "serverCertificates": [
  {"name": "a b"}, {"name": "dup"}, {"name": "DUP"}, {"name": "p", "path": "x"},
  {"name": "notpem", "body": "x", "privateKey": ` + jsonString(key) + `},
  {"name": "mismatch", "body": ` + jsonString(body) + `, "privateKey": ` + jsonString(otherKey) + `},
  {"name": "nokey", "body": ` + jsonString(body) + `},
  {"name": "chain", "chain": ` + jsonString(body) + `},
  {"name": "tag", "tags": [{"key": "aws:x", "value": "1"}]},
  {"name": "file", "bodyFile": "missing.pem", "privateKey": "k"},
  {"name": "date", "uploadDate": "today"}]}`})
	want := []string{
		`serverCertificates: 11 server certificates exceed the quota of 4 per account`,
		`serverCertificates[0].name: server certificate "a b": The specified value for serverCertificateName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-`,
		`serverCertificates[2].name: "DUP" is the name of serverCertificates[1] ("dup"): server certificate names are unique regardless of case`,
		`serverCertificates[3].path: server certificate "p": The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`,
		`serverCertificates[4].body: server certificate "notpem": Unable to parse certificate. Please ensure the certificate is in PEM format.`,
		`serverCertificates[5].privateKey: server certificate "mismatch": The public key certificate and the private key do not match.`,
		`serverCertificates[6].privateKey: server certificate "nokey": 1 validation error detected: Value at 'privateKey' failed to satisfy constraint: Member must have length greater than or equal to 1`,
		`serverCertificates[7].chain: server certificate "chain": Unable to validate certificate chain. The certificate chain must start with the immediate signing certificate, followed by any intermediaries in order. The index within the chain of the invalid certificate is: -1`,
		`serverCertificates[8].tags: server certificate "tag": Tag keys beginning with aws: are reserved for AWS use.`,
		`serverCertificates[9].bodyFile: "missing.pem": no such file or directory`,
		`serverCertificates[9].body: server certificate "file": 1 validation error detected: Value at 'certificateBody' failed to satisfy constraint: Member must have length greater than or equal to 1`,
		`serverCertificates[10].uploadDate: "today" is not an RFC 3339 time such as 2013-06-06T21:40:08Z`,
	}
	got := seedProblems(t, dir)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	for _, p := range got {
		if strings.Contains(p, "PRIVATE KEY") {
			t.Errorf("a problem shows a private key: %s", p)
		}
	}
}
