package fakeiam_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/csv"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// The credential report's expectations are written from docs/contract.md
// ("Credential report"): IAM's 22 columns and formats, never read from the
// fake.

// reportHeader is IAM's header line (IAM User Guide; recorded by
// LocalStack's AWS-validated test_credential_report).
const reportHeader = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active," +
	"access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service," +
	"access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service," +
	"cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated"

// The report's columns for what a user lacks.
const (
	noKey         = "false,N/A,N/A,N/A,N/A"
	noCert        = "false,N/A"
	noPassword    = "false,N/A,N/A,N/A"
	usedNow       = "2026-01-01T00:00:00+00:00,us-east-1,iam" // a key signed a request at testNow
	reportTestNow = "2026-01-01T00:00:00+00:00"
)

// reportCSV is a report's bytes: the header, then rows, each line ending
// in a newline.
func reportCSV(rows ...string) []byte {
	return []byte(reportHeader + "\n" + strings.Join(rows, "\n") + "\n")
}

// reportOutput is GetCredentialReport's answer.
func reportOutput(generated time.Time, rows ...string) *iam.GetCredentialReportOutput {
	return &iam.GetCredentialReportOutput{Content: reportCSV(rows...), ReportFormat: types.ReportFormatTypeTextCsv, GeneratedTime: aws.Time(generated)}
}

// The answers of GenerateCredentialReport.
var (
	reportStarted    = &iam.GenerateCredentialReportOutput{State: types.ReportStateTypeStarted, Description: aws.String("No report exists. Starting a new report generation task")}
	reportComplete   = &iam.GenerateCredentialReportOutput{State: types.ReportStateTypeComplete}
	reportGenerating = &iam.GenerateCredentialReportOutput{State: types.ReportStateTypeInprogress}
)

// The seeded account of the report: Bob has a password (the policy makes
// it expire after 90 days), an older inactive key and an active one (which
// signs a request in reportSteps), an older inactive certificate and an
// active one, no MFA; Alice has nothing; the root has rootKey.
var (
	bobPasswordSet = time.Date(2024, 5, 7, 1, 2, 3, 0, time.UTC)
	bobOldKey      = fakeiam.AccessKey{ID: "AKIABOBREPORT0000001", Secret: "old", Status: types.StatusTypeInactive, CreateDate: time.Date(2024, 5, 8, 0, 0, 1, 0, time.UTC)}
	bobNewKey      = fakeiam.AccessKey{ID: "AKIABOBREPORT0000002", Secret: "new", CreateDate: time.Date(2024, 5, 9, 0, 0, 2, 0, time.UTC)}
	bobOldCert     = fakeiam.SigningCertificate{ID: "REPORTBOBCERT000000000000001", Body: fakeiam.CertificatePEM("report bob 1"),
		Status: types.StatusTypeInactive, UploadDate: time.Date(2024, 5, 10, 0, 0, 3, 0, time.UTC)}
	bobNewCert = fakeiam.SigningCertificate{ID: "REPORTBOBCERT000000000000002", Body: fakeiam.CertificatePEM("report bob 2"),
		UploadDate: time.Date(2024, 5, 11, 0, 0, 4, 0, time.UTC)}
)

func reportSeed(more ...fakeiam.Option) []fakeiam.Option {
	return append([]fakeiam.Option{
		fakeiam.User("Bob").CreatedAt(bobCreated).
			LoginProfile(fakeiam.LoginProfile{Password: "Bob-password-1", CreateDate: bobPasswordSet}).
			AccessKey(bobOldKey, bobNewKey).SigningCertificate(bobOldCert, bobNewCert),
		fakeiam.User("Alice").Path("/eng/").CreatedAt(aliceCreated),
		fakeiam.Root().AccessKey(rootKey),
		fakeiam.PasswordPolicy(iam.UpdateAccountPasswordPolicyInput{MaxPasswordAge: aws.Int32(90)}),
	}, more...)
}

// bobSignsThenReport: Bob's new key signs a request, then the root asks
// for a report.
var bobSignsThenReport = []change{doAs(asKey(bobNewKey.ID), getUser(nil)), do(generateCredentialReport())}

// The rows of reportSeed's report at testNow, after bobSignsThenReport.
const (
	// The root signed (the steps) at testNow; created when the fake was.
	rootRow = "<root_account>,arn:aws:iam::123456789012:root," + reportTestNow + ",not_supported,no_information,not_supported,not_supported,false," +
		"true," + reportTestNow + "," + usedNow + "," + noKey + "," + noCert + "," + noCert
	aliceRow = "Alice,arn:aws:iam::123456789012:user/eng/Alice,2024-06-07T08:09:10+00:00," + noPassword + ",false," +
		noKey + "," + noKey + "," + noCert + "," + noCert
	// Slot 1 holds the active key and certificate, slot 2 the inactive ones
	// made before them. The password expires 90 days after it was set.
	bobRow = "Bob,arn:aws:iam::123456789012:user/Bob,2024-05-06T07:08:09+00:00,true,no_information,2024-05-07T01:02:03+00:00,2024-08-05T01:02:03+00:00,false," +
		"true,2024-05-09T00:00:02+00:00," + usedNow + "," +
		"false,2024-05-08T00:00:01+00:00,N/A,N/A,N/A," +
		"true,2024-05-11T00:00:04+00:00,false,2024-05-10T00:00:03+00:00"
)

// bobUnused is bobRow when Bob's key signed nothing.
var bobUnused = strings.Replace(bobRow, usedNow, "N/A,N/A,N/A", 1)

func TestCredentialReport(t *testing.T) {
	generated := do(generateCredentialReport())
	slow := reportSeed(fakeiam.CredentialReportGenerationTime(10 * time.Second))
	runScenarios(t, reportSeed(), []scenario{
		// States (docs/contract.md, "Credential report").
		{name: "get before any generate: not present", call: getCredentialReport(), wantErr: reportNotPresent},
		{name: "the first generate starts one", call: generateCredentialReport(), want: reportStarted},
		{name: "generate again: complete, nothing new", steps: []change{generated}, call: generateCredentialReport(), want: reportComplete},
		{name: "generate just under four hours later: still complete", steps: []change{generated, advance(4*time.Hour - time.Second)},
			call: generateCredentialReport(), want: reportComplete},
		{name: "generate four hours later starts a new one", steps: []change{generated, advance(4 * time.Hour)},
			call: generateCredentialReport(), want: reportStarted},
		{name: "get four hours later: expired", steps: []change{generated, advance(4 * time.Hour)},
			call: getCredentialReport(), wantErr: reportExpired},
		{name: "get just under four hours later: the report", steps: []change{generated, advance(4*time.Hour - time.Second)},
			call: getCredentialReport(), want: reportOutput(testNow, rootRow, aliceRow, bobUnused)},
		{name: "get after a new generate past expiry: the new report", steps: []change{generated, advance(4 * time.Hour), generated},
			call: getCredentialReport(), want: reportOutput(testNow.Add(4*time.Hour),
				strings.Replace(rootRow, usedNow, "2026-01-01T04:00:00+00:00,us-east-1,iam", 1), aliceRow, bobUnused)},
		// Generation time on the fake's clock.
		{name: "while generating: get is in progress", seed: slow, steps: []change{generated}, call: getCredentialReport(), wantErr: reportInProgress},
		{name: "while generating: generate is in progress", seed: slow, steps: []change{generated}, call: generateCredentialReport(), want: reportGenerating},
		{name: "a second short of done: in progress", seed: slow, steps: []change{generated, advance(9 * time.Second)},
			call: getCredentialReport(), wantErr: reportInProgress},
		{name: "once done: complete", seed: slow, steps: []change{generated, advance(10 * time.Second)},
			call: generateCredentialReport(), want: reportComplete},
		{name: "once done: the report, generated when it started", seed: slow, steps: []change{generated, advance(10 * time.Second)},
			call: getCredentialReport(), want: reportOutput(testNow, rootRow, aliceRow, bobUnused)},
		// The content: a snapshot at generation.
		{name: "every column, root first, users by name", steps: bobSignsThenReport,
			call: getCredentialReport(), want: reportOutput(testNow, rootRow, aliceRow, bobRow)},
		{name: "what changes after generation is not in it",
			steps: append(bobSignsThenReport[:2:2], do(createUser(&iam.CreateUserInput{UserName: aws.String("Carol")})), do(deleteLoginProfile(bob))),
			call:  getCredentialReport(), want: reportOutput(testNow, rootRow, aliceRow, bobRow)},
		{name: "a new report shows the changes",
			steps: append(bobSignsThenReport[:2:2], advance(4*time.Hour), do(createUser(&iam.CreateUserInput{UserName: aws.String("Carol")})),
				do(deleteLoginProfile(bob)), do(updateAccessKey(bob, bobOldKey.ID, types.StatusTypeActive)), do(deleteAccessKey(bob, bobNewKey.ID)), generated),
			call: getCredentialReport(), want: reportOutput(testNow.Add(4*time.Hour),
				strings.Replace(rootRow, usedNow, "2026-01-01T04:00:00+00:00,us-east-1,iam", 1), aliceRow,
				"Bob,arn:aws:iam::123456789012:user/Bob,2024-05-06T07:08:09+00:00,"+noPassword+",false,"+
					"true,2024-05-08T00:00:01+00:00,N/A,N/A,N/A,"+noKey+","+
					"true,2024-05-11T00:00:04+00:00,false,2024-05-10T00:00:03+00:00",
				"Carol,arn:aws:iam::123456789012:user/Carol,2026-01-01T04:00:00+00:00,"+noPassword+",false,"+noKey+","+noKey+","+noCert+","+noCert)},
		{name: "a password changed: its date, the policy's rotation from it",
			steps: []change{advance(24 * time.Hour), do(updateLoginProfile(&iam.UpdateLoginProfileInput{UserName: bob, Password: aws.String("Bob-password-2")})), generated},
			call:  getCredentialReport(), want: reportOutput(testNow.Add(24*time.Hour),
				strings.Replace(rootRow, usedNow, "2026-01-02T00:00:00+00:00,us-east-1,iam", 1), aliceRow,
				strings.NewReplacer(usedNow, "N/A,N/A,N/A", "2024-05-07T01:02:03+00:00,2024-08-05T01:02:03+00:00", "2026-01-02T00:00:00+00:00,2026-04-02T00:00:00+00:00").Replace(bobRow))},
		{name: "no password policy: no next rotation", seed: reportSeed()[:3], steps: bobSignsThenReport,
			call: getCredentialReport(), want: reportOutput(testNow, rootRow, aliceRow, strings.Replace(bobRow, "2024-08-05T01:02:03+00:00", "N/A", 1))},
		{name: "a user name with a comma is quoted", seed: reportSeed(fakeiam.User("a,b").CreatedAt(bobCreated)), steps: bobSignsThenReport,
			call: getCredentialReport(), want: reportOutput(testNow, rootRow,
				`"a,b","arn:aws:iam::123456789012:user/a,b",2024-05-06T07:08:09+00:00,`+noPassword+",false,"+noKey+","+noKey+","+noCert+","+noCert,
				aliceRow, bobRow)},
		// Seeded reports.
		{name: "a seeded report is complete", seed: reportSeed(fakeiam.CredentialReportGeneratedAt(testNow.Add(-time.Hour))),
			call: generateCredentialReport(), want: reportComplete},
		{name: "a seeded report shows the seeded state", seed: reportSeed(fakeiam.CredentialReportGeneratedAt(testNow.Add(-time.Hour))),
			call: getCredentialReport(), want: reportOutput(testNow.Add(-time.Hour),
				strings.Replace(rootRow, usedNow, "N/A,N/A,N/A", 1), aliceRow, bobUnused)},
		{name: "a seeded report four hours old has expired", seed: reportSeed(fakeiam.CredentialReportGeneratedAt(testNow.Add(-4 * time.Hour))),
			call: getCredentialReport(), wantErr: reportExpired},
		// Callers and accounts.
		{name: "a user may generate", as: asKey(bobNewKey.ID), call: generateCredentialReport(), want: reportStarted},
		{name: "a user may get", as: asKey(bobNewKey.ID), steps: []change{generated},
			call: getCredentialReport(), want: reportOutput(testNow, rootRow, aliceRow, bobUnused)},
		{name: "another account has no report of its own", seed: reportSeed(otherAccountSeed()), steps: []change{generated},
			as: asKey(otherRootKey.ID), call: getCredentialReport(), wantErr: reportNotPresent},
		{name: "another account's report is its own", seed: reportSeed(otherAccountSeed()),
			steps: []change{doAs(asKey(otherRootKey.ID), generateCredentialReport())},
			as:    asKey(otherRootKey.ID), call: getCredentialReport(), want: reportOutput(testNow,
				"<root_account>,arn:aws:iam::210987654321:root,"+reportTestNow+",not_supported,no_information,not_supported,not_supported,false,"+
					"true,"+reportTestNow+","+usedNow+","+noKey+","+noCert+","+noCert,
				"Bob,arn:aws:iam::210987654321:user/Bob,2024-05-06T07:08:09+00:00,"+noPassword+",false,true,2024-05-06T07:08:09+00:00,N/A,N/A,N/A,"+
					noKey+","+noCert+","+noCert)},
		// Faults name either operation.
		{name: "a fault on generate", steps: []change{inject(fakeiam.Rule{Operation: fakeiam.GenerateCredentialReport, Then: fakeiam.ServiceFailure()})},
			call: generateCredentialReport(), wantErr: serviceFailure},
		{name: "a denial names the resource *", steps: []change{inject(fakeiam.Rule{Operation: fakeiam.GetCredentialReport, Then: fakeiam.AccessDenied()})},
			call: getCredentialReport(), wantErr: ruleDenied(rootARN, fakeiam.GetCredentialReport, "*")},
		{name: "a fault on get", steps: []change{generated, inject(fakeiam.Rule{Operation: fakeiam.GetCredentialReport, Then: fakeiam.ServiceFailure()})},
			call: getCredentialReport(), wantErr: serviceFailure},
	})
}

// TestCredentialReportCSV reads the report as a CSV reader does
// (encoding/csv) and compares it field by field: the header, then the
// root's row and Bob's (a password, two keys of which one was used, two
// certificates, no MFA).
func TestCredentialReportCSV(t *testing.T) {
	f := newFake(reportSeed()...)
	ctx := context.Background()
	if _, err := f.ClientWithAccessKey(bobNewKey.ID).GetUser(ctx, &iam.GetUserInput{}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Client().GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{}); err != nil {
		t.Fatal(err)
	}
	out, err := f.Client().GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(bytes.NewReader(out.Content)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		strings.Split(reportHeader, ","),
		{"<root_account>", "arn:aws:iam::123456789012:root", "2026-01-01T00:00:00+00:00", "not_supported", "no_information", "not_supported", "not_supported", "false",
			"true", "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00", "us-east-1", "iam",
			"false", "N/A", "N/A", "N/A", "N/A",
			"false", "N/A", "false", "N/A"},
		{"Alice", "arn:aws:iam::123456789012:user/eng/Alice", "2024-06-07T08:09:10+00:00", "false", "N/A", "N/A", "N/A", "false",
			"false", "N/A", "N/A", "N/A", "N/A",
			"false", "N/A", "N/A", "N/A", "N/A",
			"false", "N/A", "false", "N/A"},
		{"Bob", "arn:aws:iam::123456789012:user/Bob", "2024-05-06T07:08:09+00:00", "true", "no_information", "2024-05-07T01:02:03+00:00", "2024-08-05T01:02:03+00:00", "false",
			"true", "2024-05-09T00:00:02+00:00", "2026-01-01T00:00:00+00:00", "us-east-1", "iam",
			"false", "2024-05-08T00:00:01+00:00", "N/A", "N/A", "N/A",
			"true", "2024-05-11T00:00:04+00:00", "false", "2024-05-10T00:00:03+00:00"},
	}
	if diff := cmp.Diff(want, records); diff != "" {
		t.Errorf("the report's records (-want +got):\n%s", diff)
	}
	if len(records[0]) != 22 {
		t.Errorf("%d columns, want IAM's 22", len(records[0]))
	}
}

// TestCredentialReportAnswersAreCopies: a caller that changes the Content
// it got changes neither the report nor the call log.
func TestCredentialReportAnswersAreCopies(t *testing.T) {
	f := newFake(reportSeed()...)
	ctx := context.Background()
	if _, err := f.Client().GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{}); err != nil {
		t.Fatal(err)
	}
	first, err := f.Client().GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
	if err != nil {
		t.Fatal(err)
	}
	want := bytes.Clone(first.Content)
	clear(first.Content)
	again, err := f.Client().GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, again.Content); diff != "" {
		t.Errorf("Content after a caller changed an earlier answer's (-want +got):\n%s", diff)
	}
	calls := logged(t, f, fakeiam.GetCredentialReport)
	if len(calls) != 2 {
		t.Fatalf("%d calls logged, want 2", len(calls))
	}
	for i, c := range calls {
		out, ok := c.Output.(*iam.GetCredentialReportOutput)
		if !ok {
			t.Fatalf("call %d: output %T", i, c.Output)
		}
		if diff := cmp.Diff(want, out.Content); diff != "" {
			t.Errorf("call %d: logged Content (-want +got):\n%s", i, diff)
		}
	}
}

// TestCredentialReportSeeds: New names the problems of the report's seeds.
func TestCredentialReportSeeds(t *testing.T) {
	for _, tc := range []struct {
		name string
		seed []fakeiam.Option
		want string // in New's error; "" for none
	}{
		{"a report an hour old", []fakeiam.Option{fakeiam.CredentialReportGeneratedAt(testNow.Add(-time.Hour))}, ""},
		{"a report at the fake's time", []fakeiam.Option{fakeiam.CredentialReportGeneratedAt(testNow)}, ""},
		{"a report from the future", []fakeiam.Option{fakeiam.CredentialReportGeneratedAt(testNow.Add(time.Second))},
			"account 123456789012: CredentialReportGeneratedAt(2026-01-01T00:00:01Z) is after the fake's time, 2026-01-01T00:00:00Z"},
		{"in another account", []fakeiam.Option{fakeiam.Account(otherAccount, fakeiam.CredentialReportGeneratedAt(testNow.Add(time.Hour)))},
			"account 210987654321: CredentialReportGeneratedAt(2026-01-01T01:00:00Z) is after the fake's time"},
		{"a generation time", []fakeiam.Option{fakeiam.CredentialReportGenerationTime(time.Minute)}, ""},
		{"a negative generation time", []fakeiam.Option{fakeiam.CredentialReportGenerationTime(-time.Second)},
			"CredentialReportGenerationTime(-1s): a report takes from 0 to under 4h0m0s to generate"},
		{"a generation time past the lifetime", []fakeiam.Option{fakeiam.CredentialReportGenerationTime(4 * time.Hour)},
			"CredentialReportGenerationTime(4h0m0s): a report takes from 0 to under 4h0m0s to generate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newFakeE(tc.seed...)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("New: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("New: %v\nwant an error containing %q", err, tc.want)
			}
		})
	}
}

// TestCredentialReportReset: Reset forgets a report generated since New,
// and keeps a seeded one.
func TestCredentialReportReset(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name    string
		seed    []fakeiam.Option
		wantErr bool
	}{
		{"generated", nil, true},
		{"seeded", []fakeiam.Option{fakeiam.CredentialReportGeneratedAt(testNow)}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(tc.seed...)
			if _, err := f.Client().GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{}); err != nil {
				t.Fatal(err)
			}
			f.Reset()
			_, err := f.Client().GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
			if (err != nil) != tc.wantErr {
				t.Fatalf("GetCredentialReport after Reset: %v, want an error: %v", err, tc.wantErr)
			}
		})
	}
}

// BenchmarkGenerateCredentialReport: a Generate that starts a report of
// 10,000 users with a key each (the snapshot is taken then); the fake's
// time moves four hours between calls so that each starts a new one. Run
// with -benchmem.
func BenchmarkGenerateCredentialReport(b *testing.B) {
	f := reportFake(b, reportUsers)
	c := f.Client()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := f.Advance(4 * time.Hour); err != nil {
			b.Fatal(err)
		}
		out, err := c.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{})
		if err != nil || out.State != types.ReportStateTypeStarted {
			b.Fatalf("Generate: %v, %v", out, err)
		}
	}
}

// steampipeRow is a report row as steampipe-plugin-aws's
// aws_iam_credential_report table reads it
// (aws/table_aws_iam_credential_report.go): gocsv fills booleans with
// strconv.ParseBool and keeps the rest as strings; the table's transforms
// then make "N/A" (and for the password columns "not_supported" or
// "no_information") NULL, read the rest as timestamps, and count
// password_enabled "not_supported" as true.
type steampipeRow struct {
	User                                      string
	Arn                                       string
	UserCreationTime                          *time.Time
	PasswordEnabled                           bool
	PasswordLastUsed, PasswordLastChanged     *time.Time
	PasswordNextRotation                      *time.Time
	MFAActive                                 bool
	AccessKey1Active                          bool
	AccessKey1LastRotated, AccessKey1LastUsed *time.Time
	AccessKey1Region, AccessKey1Service       *string
	AccessKey2Active                          bool
	AccessKey2LastRotated, AccessKey2LastUsed *time.Time
	Cert1Active                               bool
	Cert1LastRotated                          *time.Time
	Cert2Active                               bool
	Cert2LastRotated                          *time.Time
}

// readAsSteampipe reads content as that table does, failing where it
// would fail (a boolean column gocsv cannot parse, a date it cannot read).
func readAsSteampipe(t *testing.T, content []byte) []steampipeRow {
	t.Helper()
	records, err := csv.NewReader(bytes.NewReader(content)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, name := range records[0] {
		col[name] = i
	}
	var rows []steampipeRow
	for _, rec := range records[1:] {
		get := func(name string) string {
			i, ok := col[name]
			if !ok {
				t.Fatalf("no column %s", name)
			}
			return rec[i]
		}
		boolean := func(name string) bool {
			b, err := strconv.ParseBool(get(name))
			if err != nil {
				t.Fatalf("%s: %s %q: %v (gocsv fails the whole report)", rec[0], name, get(name), err)
			}
			return b
		}
		stamp := func(name string, null ...string) *time.Time {
			v := get(name)
			if v == "N/A" || slices.Contains(null, v) {
				return nil
			}
			at, err := time.Parse(time.RFC3339, v)
			if err != nil {
				t.Fatalf("%s: %s %q is not a timestamp: %v", rec[0], name, v, err)
			}
			return &at
		}
		str := func(name string) *string {
			if v := get(name); v != "N/A" {
				return &v
			}
			return nil
		}
		rows = append(rows, steampipeRow{
			User: get("user"), Arn: get("arn"), UserCreationTime: stamp("user_creation_time"),
			PasswordEnabled:      get("password_enabled") == "not_supported" || get("password_enabled") == "true",
			PasswordLastUsed:     stamp("password_last_used", "no_information"),
			PasswordLastChanged:  stamp("password_last_changed", "not_supported"),
			PasswordNextRotation: stamp("password_next_rotation", "not_supported"),
			MFAActive:            boolean("mfa_active"),
			AccessKey1Active:     boolean("access_key_1_active"), AccessKey1LastRotated: stamp("access_key_1_last_rotated"),
			AccessKey1LastUsed: stamp("access_key_1_last_used_date"), AccessKey1Region: str("access_key_1_last_used_region"),
			AccessKey1Service: str("access_key_1_last_used_service"),
			AccessKey2Active:  boolean("access_key_2_active"), AccessKey2LastRotated: stamp("access_key_2_last_rotated"),
			AccessKey2LastUsed: stamp("access_key_2_last_used_date"),
			Cert1Active:        boolean("cert_1_active"), Cert1LastRotated: stamp("cert_1_last_rotated"),
			Cert2Active: boolean("cert_2_active"), Cert2LastRotated: stamp("cert_2_last_rotated"),
		})
	}
	return rows
}

// TestCredentialReportSteampipeReader: steampipe's aws_iam_credential_report
// table, ported (readAsSteampipe), reads every row of the fake's report,
// the certificate columns it checks signing certificates by included.
func TestCredentialReportSteampipeReader(t *testing.T) {
	f := newFake(reportSeed()...)
	ctx := context.Background()
	if _, err := f.ClientWithAccessKey(bobNewKey.ID).GetUser(ctx, &iam.GetUserInput{}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Client().GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{}); err != nil {
		t.Fatal(err)
	}
	out, err := f.Client().GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
	if err != nil {
		t.Fatal(err)
	}
	at := func(y int, m time.Month, d, h, min, s int) *time.Time {
		t := time.Date(y, m, d, h, min, s, 0, time.UTC)
		return &t
	}
	now := &testNow
	want := []steampipeRow{
		{User: "<root_account>", Arn: "arn:aws:iam::123456789012:root", UserCreationTime: now, PasswordEnabled: true,
			AccessKey1Active: true, AccessKey1LastRotated: now, AccessKey1LastUsed: now, AccessKey1Region: aws.String("us-east-1"), AccessKey1Service: aws.String("iam")},
		{User: "Alice", Arn: "arn:aws:iam::123456789012:user/eng/Alice", UserCreationTime: &aliceCreated},
		{User: "Bob", Arn: "arn:aws:iam::123456789012:user/Bob", UserCreationTime: &bobCreated, PasswordEnabled: true,
			PasswordLastChanged: &bobPasswordSet, PasswordNextRotation: at(2024, 8, 5, 1, 2, 3),
			AccessKey1Active: true, AccessKey1LastRotated: &bobNewKey.CreateDate, AccessKey1LastUsed: now, AccessKey1Region: aws.String("us-east-1"), AccessKey1Service: aws.String("iam"),
			AccessKey2LastRotated: &bobOldKey.CreateDate,
			Cert1Active:           true, Cert1LastRotated: &bobNewCert.UploadDate, Cert2LastRotated: &bobOldCert.UploadDate},
	}
	if diff := cmp.Diff(want, readAsSteampipe(t, out.Content)); diff != "" {
		t.Errorf("steampipe's rows (-want +got):\n%s", diff)
	}
}

// TestCredentialReportSweep: the workflow of a report reader (generate,
// then get, as cloud-custodian and prowler do) reports a failure of either
// call, and Sweep fails each.
func TestCredentialReportSweep(t *testing.T) {
	ctx := context.Background()
	var failed []fakeiam.Operation
	fakeiam.Sweep(t, fakeiam.ServiceFailure(), func(t *testing.T, f *fakeiam.Fake, failing *fakeiam.SweepCall) {
		c := f.Client()
		_, err1 := c.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{})
		_, err2 := c.GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
		errs := []error{err1, err2}
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
	}, reportSeed()...)
	if diff := cmp.Diff([]fakeiam.Operation{fakeiam.GenerateCredentialReport, fakeiam.GetCredentialReport}, failed); diff != "" {
		t.Errorf("calls swept (-want +got):\n%s", diff)
	}
}

// TestControlCredentialReport: the control API injects a fault into
// GenerateCredentialReport by name, and logs the report's answers as JSON
// (Content as base64, the report's own bytes).
func TestControlCredentialReport(t *testing.T) {
	ctx := context.Background()
	c := newControlled(t, reportSeed()...)
	id := c.addRule(t, `{"operation":"GenerateCredentialReport","effect":"AccessDenied"}`)
	_, err := c.iam.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{})
	var denied interface{ ErrorCode() string }
	if !errors.As(err, &denied) || denied.ErrorCode() != "AccessDenied" {
		t.Errorf("GenerateCredentialReport under an AccessDenied rule: %v", err)
	}
	c.mustSucceed(t, "DELETE", "/_fakeiam/faults/"+id, http.StatusNoContent)
	if _, err := c.iam.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{}); err != nil {
		t.Fatal(err)
	}
	out, err := c.iam.GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
	if err != nil {
		t.Fatal(err)
	}
	var got []any
	for _, call := range c.getCalls(t, "?operation=GenerateCredentialReport,GetCredentialReport") {
		if e, ok := call["error"].(map[string]any); ok {
			got = append(got, e["code"])
		} else {
			got = append(got, call["output"])
		}
	}
	want := []any{"AccessDenied",
		map[string]any{"state": "STARTED", "description": "No report exists. Starting a new report generation task"},
		map[string]any{"content": base64.StdEncoding.EncodeToString(out.Content), "reportFormat": "text/csv", "generatedTime": "2026-01-01T00:00:00Z"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("logged calls (-want +got):\n%s", diff)
	}
}
