package fakeiam

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// The credential report: GenerateCredentialReport, GetCredentialReport
// (docs/contract.md, "Credential report"). Generate takes a snapshot of the
// account at the fake's time: one CSV row for the root, then one per user,
// in IAM's 22 columns and formats. Get hands out those bytes, whatever
// changed since. A report takes CredentialReportGenerationTime on the fake's
// clock to finish (default: none, so it is complete the moment it starts),
// is the account's report for four hours (a Generate within them starts
// nothing new), and expires four hours after it was generated. Seeding:
// CredentialReportGenerationTime, CredentialReportGeneratedAt (builders.go).
// Their tests: credential_report_test.go.

// The credential-report operations.
const (
	GenerateCredentialReport Operation = "GenerateCredentialReport"
	GetCredentialReport      Operation = "GetCredentialReport"
)

func init() {
	// IAM authorizes both on "*" (the service authorization reference lists
	// no resource type for them).
	register(opSpec[iam.GenerateCredentialReportInput, iam.GenerateCredentialReportOutput]{Name: GenerateCredentialReport, Handle: (*Fake).generateCredentialReport, Resource: aliasResource[iam.GenerateCredentialReportInput]})
	register(opSpec[iam.GetCredentialReportInput, iam.GetCredentialReportOutput]{Name: GetCredentialReport, Handle: (*Fake).getCredentialReport, Resource: aliasResource[iam.GetCredentialReportInput]})
}

// credentialReportLifetime is how long a report stays the account's: IAM
// generates a new one only when the last is four hours old (IAM User
// Guide), and the fake expires it then (a choice: IAM does not say when).
const credentialReportLifetime = 4 * time.Hour

// reportStartedDescription is the Description of a Generate that starts a
// report (recorded).
const reportStartedDescription = "No report exists. Starting a new report generation task"

// credentialReport is an account's report, immutable once made: the call
// log's answers point at it.
type credentialReport struct {
	generated time.Time // the fake's time at Generate: GeneratedTime
	ready     time.Time // when generation ends: generated + the account's generation time
	content   []byte    // the CSV
}

// userMFAActive reports whether p (a user or the root) has an MFA device
// enabled: the mfa_active column (mfa_devices.go; the fake's root has
// none).
func userMFAActive(p *principal) bool { return p.mfaActive() }

// generateCredentialReport: the caller's account → a report started within
// the last four hours: INPROGRESS while it is being made, COMPLETE once it
// is (nothing new starts) → otherwise a new report, its rows taken now:
// STARTED.
func (f *Fake) generateCredentialReport(a *attempt, _ *iam.GenerateCredentialReportInput) (result[iam.GenerateCredentialReportOutput], *Error) {
	var none result[iam.GenerateCredentialReportOutput]
	now := f.nowFor(a)
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	acct := a.caller.account
	state := types.ReportStateTypeStarted
	switch r := acct.report; {
	case r != nil && now.Before(r.generated.Add(credentialReportLifetime)) && now.Before(r.ready):
		state = types.ReportStateTypeInprogress
	case r != nil && now.Before(r.generated.Add(credentialReportLifetime)):
		state = types.ReportStateTypeComplete
	default:
		acct.report = &credentialReport{generated: now, ready: now.Add(acct.reportGeneration), content: credentialReportCSV(acct)}
	}
	return answerWith(state, func(s types.ReportStateType) *iam.GenerateCredentialReportOutput {
		out := &iam.GenerateCredentialReportOutput{State: s}
		if s == types.ReportStateTypeStarted {
			d := reportStartedDescription
			out.Description = &d
		}
		return out
	}), nil
}

// getCredentialReport: the caller's account → it has a report
// (ReportNotPresent) → the report is made (ReportInProgress) → it is not
// four hours old (ReportExpired) → its CSV, a fresh copy each answer.
func (f *Fake) getCredentialReport(a *attempt, _ *iam.GetCredentialReportInput) (result[iam.GetCredentialReportOutput], *Error) {
	var none result[iam.GetCredentialReportOutput]
	now := f.nowFor(a)
	f.mu.RLock()
	defer f.mu.RUnlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	r := a.caller.account.report
	switch {
	case r == nil:
		return none, errReportNotPresent()
	case now.Before(r.ready):
		return none, errReportInProgress()
	case !now.Before(r.generated.Add(credentialReportLifetime)):
		return none, errReportExpired()
	}
	return answerWith(r, func(r *credentialReport) *iam.GetCredentialReportOutput {
		s := new(struct {
			out       iam.GetCredentialReportOutput
			generated time.Time
		})
		s.generated = r.generated
		s.out = iam.GetCredentialReportOutput{Content: bytes.Clone(r.content), ReportFormat: types.ReportFormatTypeTextCsv, GeneratedTime: &s.generated}
		return &s.out
	}), nil
}

// credentialReportHeader is IAM's 22 columns, in IAM's order.
var credentialReportHeader = []string{
	"user", "arn", "user_creation_time",
	"password_enabled", "password_last_used", "password_last_changed", "password_next_rotation",
	"mfa_active",
	"access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date", "access_key_1_last_used_region", "access_key_1_last_used_service",
	"access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date", "access_key_2_last_used_region", "access_key_2_last_used_service",
	"cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
}

// The report's non-values.
const (
	reportNA            = "N/A"
	reportNoInformation = "no_information"
	reportNotSupported  = "not_supported"
	reportRootUser      = "<root_account>"
)

// reportDate is a date as the report writes it: seconds, UTC as +00:00.
func reportDate(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05+00:00") }

func reportBool(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// credentialReportCSV is acct's report now: the header, the root's row,
// then a row per user in listing order (by name ignoring case). Under the
// lock. encoding/csv quotes what needs it (a comma is legal in a user
// name and so in an ARN).
func credentialReportCSV(acct *account) []byte {
	var buf bytes.Buffer
	buf.Grow(300 * (len(acct.userList) + 2))
	w := csv.NewWriter(&buf)
	w.Write(credentialReportHeader) // a bytes.Buffer never fails
	var row [22]string
	reportRow(&row, acct, acct.root)
	w.Write(row[:])
	for _, u := range acct.userList {
		reportRow(&row, acct, u)
		w.Write(row[:])
	}
	w.Flush()
	return buf.Bytes()
}

// reportRow fills row with p's columns.
func reportRow(row *[22]string, acct *account, p *principal) {
	row[0], row[1], row[2] = p.name, p.arn, reportDate(p.created)
	switch {
	case p.kind == kindRoot:
		// The fake's root has no password: its sign-ins are unknown.
		row[0] = reportRootUser
		row[3], row[4], row[5], row[6] = reportNotSupported, reportNoInformation, reportNotSupported, reportNotSupported
	case p.login == nil:
		row[3], row[4], row[5], row[6] = "false", reportNA, reportNA, reportNA
	default:
		// The fake does not model console sign-ins: never used.
		row[3], row[4], row[5], row[6] = "true", reportNoInformation, reportDate(p.login.changed), reportNA
		if pol := acct.passwordPolicy; pol != nil && pol.maxAge > 0 {
			row[6] = reportDate(p.login.changed.AddDate(0, 0, int(pol.maxAge)))
		}
	}
	row[7] = reportBool(userMFAActive(p))
	k1, k2 := reportSlots(p.keys, func(k *accessKey) bool { return k.status == types.StatusTypeActive })
	reportKey(row[8:13], k1)
	reportKey(row[13:18], k2)
	c1, c2 := reportSlots(p.certs, func(c *certificate) bool { return c.status == types.StatusTypeActive })
	reportCert(row[18:20], c1)
	reportCert(row[20:22], c2)
}

// reportSlots picks the two items of the report's slots 1 and 2 (nil when
// fewer): active ones first, each kind in the order given (creation or
// upload order). IAM's recorded report put a user's active key in slot 1
// and the inactive key created before it in slot 2.
func reportSlots[T any](items []*T, active func(*T) bool) (first, second *T) {
	var slots [2]*T
	n := 0
	for _, want := range [2]bool{true, false} {
		for _, it := range items {
			if n == 2 {
				return slots[0], slots[1]
			}
			if active(it) == want {
				slots[n] = it
				n++
			}
		}
	}
	return slots[0], slots[1]
}

// reportKey fills the five access-key columns from k (nil: no key). Where
// and for what a key was last used: the fake's keys sign IAM requests, as
// GetAccessKeyLastUsed reports them.
func reportKey(cols []string, k *accessKey) {
	cols[0], cols[1], cols[2], cols[3], cols[4] = "false", reportNA, reportNA, reportNA, reportNA
	if k == nil {
		return
	}
	cols[0], cols[1] = reportBool(k.status == types.StatusTypeActive), reportDate(k.created)
	if last := k.lastUsed.Load(); last != 0 {
		cols[2], cols[3], cols[4] = reportDate(time.Unix(last, 0)), "us-east-1", "iam"
	}
}

// reportCert fills the two certificate columns from c (nil: none).
func reportCert(cols []string, c *certificate) {
	cols[0], cols[1] = "false", reportNA
	if c != nil {
		cols[0], cols[1] = reportBool(c.status == types.StatusTypeActive), reportDate(c.uploaded)
	}
}

// CredentialReportGenerationTime sets how long generating a credential
// report takes on the fake's clock, in the enclosing account (every
// account outside Account); default 0: a report is complete the moment
// Generate starts it. Until it is done, GenerateCredentialReport answers
// INPROGRESS and GetCredentialReport ReportInProgress: Advance the fake's
// time past it to see a client wait for the report.
func CredentialReportGenerationTime(d time.Duration) Option {
	return accountOption(func(s *accountSettings) error {
		if d < 0 || d >= credentialReportLifetime {
			return fmt.Errorf("CredentialReportGenerationTime(%v): a report takes from 0 to under %v to generate", d, credentialReportLifetime)
		}
		s.reportGeneration = &d
		return nil
	})
}

// CredentialReportGeneratedAt seeds a credential report of the enclosing
// account (every account outside Account) generated at t, complete, from
// the account's seeded state: GetCredentialReport answers it until it
// expires four hours after t, and GenerateCredentialReport starts a new
// one only then. t must not be after the fake's time.
func CredentialReportGeneratedAt(t time.Time) Option {
	return accountOption(func(s *accountSettings) error {
		t := t.UTC().Truncate(time.Second)
		s.reportAt = &t
		return nil
	})
}

// seededReport is an account's seeded report, made once the account's
// seeds are all in.
type seededReport struct {
	a  *account
	at time.Time
}

func seedCredentialReport(r seededReport, now time.Time, fail func(string, ...any)) {
	if r.at.After(now) {
		fail("account %s: CredentialReportGeneratedAt(%s) is after the fake's time, %s", r.a.id, r.at.Format(time.RFC3339), now.Format(time.RFC3339))
		return
	}
	r.a.report = &credentialReport{generated: r.at, ready: r.at, content: credentialReportCSV(r.a)}
}
