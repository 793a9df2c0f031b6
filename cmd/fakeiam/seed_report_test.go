package main

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// A seeded credential report and the account's generation time in the
// seed file.
func TestSeedCredentialReport(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"seed.json": `{"credentialReport": {"generatedAt": "2025-12-31T23:00:00Z"}, "users": [{"name": "Bob", "createDate": "2020-02-03T04:05:06Z"}],
  "accounts": [{"id": "210987654321", "credentialReport": {"generationTime": "10s"}, "root": {"accessKeys": [{"id": "AKIAROOTOTHER0000001", "secret": "s"}]}}]}`,
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
	ctx := context.Background()
	out, err := f.Client().GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := out.GeneratedTime.Format(time.RFC3339), "2025-12-31T23:00:00Z"; got != want {
		t.Errorf("GeneratedTime %s, want %s", got, want)
	}
	if !strings.Contains(string(out.Content), "\nBob,arn:aws:iam::123456789012:user/Bob,2020-02-03T04:05:06+00:00,") {
		t.Errorf("the seeded report has no row for Bob:\n%s", out.Content)
	}
	// The other account's reports take ten seconds.
	other := f.ClientWithAccessKey("AKIAROOTOTHER0000001")
	if _, err := other.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{}); err != nil {
		t.Fatal(err)
	}
	_, err = other.GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
	var inProgress *types.CredentialReportNotReadyException
	if !errors.As(err, &inProgress) {
		t.Errorf("GetCredentialReport while generating: %v, want ReportInProgress", err)
	}
}

// Every problem of a seeded report is named once, with its place.
func TestSeedCredentialReportProblems(t *testing.T) {
	dir := writeFiles(t, map[string]string{"seed.json": `{"credentialReport": {"generatedAt": "yesterday", "generationTime": "ten"},
  "accounts": [{"id": "210987654321", "credentialReport": {"generatedAt": "2999-01-01T00:00:00Z", "generationTime": "-1s"}}]}`})
	want := []string{
		`credentialReport.generationTime: "ten" is not a duration such as 10s`,
		`credentialReport.generatedAt: "yesterday" is not an RFC 3339 time such as 2013-06-06T21:40:08Z`,
		`accounts[0].credentialReport.generationTime: CredentialReportGenerationTime(-1s): a report takes from 0 to under 4h0m0s to generate`,
	}
	got := seedProblems(t, dir)
	if len(got) != 4 {
		t.Fatalf("problems: %q, want 4", got)
	}
	// The last names the fake's time, which is the machine's.
	if diff := cmp.Diff(want, got[:3]); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if wantPrefix := `accounts[0].credentialReport.generatedAt: CredentialReportGeneratedAt(2999-01-01T00:00:00Z) is after the fake's time, `; !strings.HasPrefix(got[3], wantPrefix) {
		t.Errorf("problem %q, want it to begin %q", got[3], wantPrefix)
	}
}
