package fakeiam

// Sweep's tests are inside the package so that they can catch what Sweep
// reports about a broken scenario without failing themselves.

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
)

// rotate is a workflow under test: it replaces user's signing certificates
// by one new certificate, in four IAM calls when the user has one.
func rotate(ctx context.Context, c *iam.Client, user, body string) error {
	out, err := c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: &user})
	if err != nil {
		return fmt.Errorf("rotate: list: %w", err)
	}
	if _, err := c.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{UserName: &user, CertificateBody: &body}); err != nil {
		return fmt.Errorf("rotate: upload: %w", err)
	}
	for _, old := range out.Certificates {
		if _, err := c.UpdateSigningCertificate(ctx, &iam.UpdateSigningCertificateInput{UserName: &user, CertificateId: old.CertificateId, Status: types.StatusTypeInactive}); err != nil {
			return fmt.Errorf("rotate: deactivate: %w", err)
		}
		if _, err := c.DeleteSigningCertificate(ctx, &iam.DeleteSigningCertificateInput{UserName: &user, CertificateId: old.CertificateId}); err != nil {
			return fmt.Errorf("rotate: delete: %w", err)
		}
	}
	return nil
}

// sweepRun is what one run of a sweep saw.
type sweepRun struct {
	Name     string
	Failing  *SweepCall
	Err      string // "" on success, else "<operation> <code> after <attempts>"
	Attempts []int  // attempts logged per call, in order
}

// describe summarizes the error rotate returned: which operation failed,
// with which code, after how many attempts.
func describe(err error) string {
	if err == nil {
		return ""
	}
	var oe *smithy.OperationError
	var ae smithy.APIError
	if !errors.As(err, &oe) || !errors.As(err, &ae) {
		return err.Error()
	}
	attempts := 1
	var me *retry.MaxAttemptsError
	if errors.As(err, &me) {
		attempts = me.Attempt
	}
	return fmt.Sprintf("%s %s after %d", oe.OperationName, ae.ErrorCode(), attempts)
}

// attemptsPerCall counts the logged attempts of each call.
func attemptsPerCall(calls []Call) []int {
	var n []int
	for _, c := range calls {
		if c.Attempt == 1 {
			n = append(n, 0)
		}
		n[len(n)-1]++
	}
	return n
}

// recordRuns returns a rotate scenario that appends what each run saw to runs.
func recordRuns(runs *[]sweepRun) func(t *testing.T, f *Fake, failing *SweepCall) {
	return func(t *testing.T, f *Fake, failing *SweepCall) {
		err := rotate(context.Background(), f.Client(), "Bob", CertificatePEM("Bob's next"))
		if (err != nil) != (failing != nil) {
			t.Errorf("rotate with %v failing: err = %v", failing, err)
		}
		*runs = append(*runs, sweepRun{Name: t.Name(), Failing: failing, Err: describe(err), Attempts: attemptsPerCall(logged(t, f))})
	}
}

func TestSweepFailsEachCallInTurn(t *testing.T) {
	var runs []sweepRun
	Sweep(t, ServiceFailure(), recordRuns(&runs), User("Bob").SigningCertificate(SigningCertificate{}))

	p := t.Name() + "/"
	want := []sweepRun{
		{Name: p + "clean", Attempts: []int{1, 1, 1, 1}},
		{Name: p + "fail_call_1_of_4:_ListSigningCertificates", Failing: &SweepCall{1, 4, ListSigningCertificates},
			Err: "ListSigningCertificates ServiceFailure after 3", Attempts: []int{3}},
		{Name: p + "fail_call_2_of_4:_UploadSigningCertificate", Failing: &SweepCall{2, 4, UploadSigningCertificate},
			Err: "UploadSigningCertificate ServiceFailure after 3", Attempts: []int{1, 3}},
		{Name: p + "fail_call_3_of_4:_UpdateSigningCertificate", Failing: &SweepCall{3, 4, UpdateSigningCertificate},
			Err: "UpdateSigningCertificate ServiceFailure after 3", Attempts: []int{1, 1, 3}},
		{Name: p + "fail_call_4_of_4:_DeleteSigningCertificate", Failing: &SweepCall{4, 4, DeleteSigningCertificate},
			Err: "DeleteSigningCertificate ServiceFailure after 3", Attempts: []int{1, 1, 1, 3}},
	}
	if diff := cmp.Diff(want, runs); diff != "" {
		t.Errorf("runs (-want +got):\n%s", diff)
	}
}

func TestSweepWithACallersEffect(t *testing.T) {
	var runs []sweepRun
	Sweep(t, AccessDenied(), recordRuns(&runs), User("Bob").SigningCertificate(SigningCertificate{}))
	var got []string
	for _, r := range runs {
		got = append(got, r.Failing.String()+": "+r.Err)
	}
	want := []string{
		"no call: ",
		"call 1 of 4: ListSigningCertificates: ListSigningCertificates AccessDenied after 1",
		"call 2 of 4: UploadSigningCertificate: UploadSigningCertificate AccessDenied after 1",
		"call 3 of 4: UpdateSigningCertificate: UpdateSigningCertificate AccessDenied after 1",
		"call 4 of 4: DeleteSigningCertificate: DeleteSigningCertificate AccessDenied after 1",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("runs (-want +got):\n%s", diff)
	}
}

func TestSweepComesBeforeTheScenariosRules(t *testing.T) {
	var got []string
	Sweep(t, ServiceFailure(), func(t *testing.T, f *Fake, failing *SweepCall) {
		f.Inject(Rule{Then: Throttle()})
		_, err := f.Client().ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")})
		f.ClearFaults() // removes the scenario's rule, not the sweep's
		_, err2 := f.Client().ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")})
		got = append(got, fmt.Sprintf("%v: %q, %q", failing, describe(err), describe(err2)))
	}, User("Bob"))
	want := []string{
		`no call: "ListSigningCertificates Throttling after 3", ""`,
		`call 1 of 2: ListSigningCertificates: "ListSigningCertificates ServiceFailure after 3", ""`,
		`call 2 of 2: ListSigningCertificates: "ListSigningCertificates Throttling after 3", "ListSigningCertificates ServiceFailure after 3"`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("runs (-want +got):\n%s", diff)
	}
}

func TestSweepSkipsCallsItsEffectDoesNothingTo(t *testing.T) {
	var ran []string
	Sweep(t, ShortPage(1), func(t *testing.T, f *Fake, failing *SweepCall) {
		ctx := context.Background()
		if _, err := f.Client().UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{UserName: aws.String("Bob"), CertificateBody: aws.String(CertificatePEM("new"))}); err != nil {
			t.Fatal(err)
		}
		out, err := f.Client().ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")})
		if err != nil {
			t.Fatal(err)
		}
		ran = append(ran, fmt.Sprintf("%v: %d certificates, truncated %v", failing, len(out.Certificates), out.IsTruncated))
	}, User("Bob").SigningCertificate(SigningCertificate{}))
	want := []string{"no call: 2 certificates, truncated false", "call 2 of 2: ListSigningCertificates: 1 certificates, truncated true"}
	if diff := cmp.Diff(want, ran); diff != "" {
		t.Errorf("runs (-want +got):\n%s", diff)
	}
}

func TestSweepReportsScenarioProblems(t *testing.T) {
	list := func(f *Fake, user string) {
		f.Client().ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{UserName: &user})
	}
	upload := func(f *Fake) {
		f.Client().UploadSigningCertificate(context.Background(), &iam.UploadSigningCertificateInput{UserName: aws.String("Bob"), CertificateBody: aws.String(CertificatePEM("x"))})
	}
	for _, tc := range []struct {
		name     string
		scenario func(t *testing.T, f *Fake, failing *SweepCall)
		want     []string
	}{
		{
			name:     "no calls",
			scenario: func(*testing.T, *Fake, *SweepCall) {},
			want:     []string{"fakeiam.Sweep: the clean run made no IAM call through the fake: nothing to sweep"},
		},
		{
			name: "fewer calls once something fails",
			scenario: func(t *testing.T, f *Fake, failing *SweepCall) {
				list(f, "Bob")
				if failing == nil {
					list(f, "Bob")
				}
			},
			want: []string{"fakeiam.Sweep: call 2 of 2: ListSigningCertificates was never made in this run, which made 1 calls: the scenario must make the same calls each run"},
		},
		{
			name: "calls in another order",
			scenario: func(t *testing.T, f *Fake, failing *SweepCall) {
				if failing == nil {
					list(f, "Bob")
					upload(f)
				} else {
					upload(f)
					list(f, "Bob")
				}
			},
			want: []string{
				"fakeiam.Sweep: call 1 was UploadSigningCertificate in this run but ListSigningCertificates in the clean run: the scenario must make the same calls each run",
				"fakeiam.Sweep: call 2 was ListSigningCertificates in this run but UploadSigningCertificate in the clean run: the scenario must make the same calls each run",
			},
		},
		{
			name:     "skipped clean run",
			scenario: func(t *testing.T, f *Fake, failing *SweepCall) { list(f, "Bob"); t.Skip("not today") },
			want:     nil,
		},
		{
			name: "parallel clean run",
			scenario: func(t *testing.T, f *Fake, failing *SweepCall) {
				t.Parallel()
				list(f, "Bob")
			},
			want: []string{"fakeiam.Sweep: the clean run did not finish before Sweep went on (t.Parallel?): nothing swept"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			runSweep(t, ServiceFailure(), tc.scenario, []Option{User("Bob")}, func(_ *testing.T, msg string) { got = append(got, msg) })
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("reports (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSweepCountsCallsNotAttempts(t *testing.T) {
	var ran []string
	Sweep(t, Throttle(), func(t *testing.T, f *Fake, failing *SweepCall) {
		// The scenario's own rule makes the clean run's first call take
		// two attempts: it is still one call to sweep.
		f.Inject(Rule{Attempts: FirstN(1), Then: ServiceFailure()})
		for range 2 {
			f.Client().ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")})
		}
		ran = append(ran, fmt.Sprintf("%v: %v", failing, attemptsPerCall(logged(t, f))))
	}, User("Bob"))
	want := []string{"no call: [2 1]", "call 1 of 2: ListSigningCertificates: [3 2]", "call 2 of 2: ListSigningCertificates: [2 3]"}
	if diff := cmp.Diff(want, ran); diff != "" {
		t.Errorf("runs (-want +got):\n%s", diff)
	}
}

// logged is the call log, failing the test if it dropped attempts.
func logged(t testing.TB, f *Fake, ops ...Operation) []Call {
	t.Helper()
	calls, err := f.Calls(ops...)
	if err != nil {
		t.Fatal(err)
	}
	return calls
}
