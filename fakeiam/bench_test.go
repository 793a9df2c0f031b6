package fakeiam_test

// Budgets (docs/architecture.md "Performance budgets") are ratios to a floor: a canned-stub
// middleware at the fake's stack position, on the same kind of client,
// returning a fresh copy of a prebuilt output — the least any fake can cost.
// Measure with:
//
//	go test -run '^$' -bench . -benchmem -count 5 ./fakeiam/ | tee bench.txt
//	benchstat bench.txt

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// floorRequestID is the canned answer's request id, of IAM's form.
const floorRequestID = "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE0"

// floorClient is a client built exactly as f.Client() builds its own, with
// the fake's middlewares replaced by a stub at the same Finalize position
// that replays a canned answer: fresh() and the answer's request id, which
// the SDK's deserializers would have read from IAM's response (its
// RequestIDRetriever) and no exact fake can leave out. The HTTP floor
// (replay, bench_http_test.go) replays the id too. Nothing else differs.
func floorClient(f *fakeiam.Fake, fresh func() any) *iam.Client {
	stub := middleware.FinalizeMiddlewareFunc("FloorStub",
		func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
			var md middleware.Metadata
			awsmiddleware.SetRequestIDMetadata(&md, floorRequestID)
			return middleware.FinalizeOutput{Result: fresh()}, md, nil
		})
	return f.Client(func(o *iam.Options) {
		o.APIOptions = []func(*middleware.Stack) error{func(s *middleware.Stack) error {
			return s.Finalize.Add(stub, middleware.After)
		}}
	})
}

// copyCerts is the cheapest faithful copy of a page: fresh pointers for
// every field, one allocation per kind of field.
func copyCerts(in []types.SigningCertificate) []types.SigningCertificate {
	out := make([]types.SigningCertificate, len(in))
	strs := make([]string, 3*len(in))
	dates := make([]time.Time, len(in))
	for i, c := range in {
		strs[3*i], strs[3*i+1], strs[3*i+2] = *c.UserName, *c.CertificateId, *c.CertificateBody
		dates[i] = *c.UploadDate
		out[i] = types.SigningCertificate{UserName: &strs[3*i], CertificateId: &strs[3*i+1],
			CertificateBody: &strs[3*i+2], Status: c.Status, UploadDate: &dates[i]}
	}
	return out
}

// benchFake seeds user "Bob" with n certificates and, when users > 0, that
// many further users with two certificates each. Bodies are given verbatim
// so that seeding large fakes stays fast.
func benchFake(b testing.TB, n, users int) *fakeiam.Fake {
	b.Helper()
	bob := fakeiam.User("Bob")
	for i := range n {
		bob = bob.SigningCertificate(fakeiam.SigningCertificate{Body: "bob-cert-" + strconv.Itoa(i)})
	}
	opts := []fakeiam.Option{bob, fakeiam.CertificatesPerUser(max(n, 2))}
	for u := range users {
		name := "user" + strconv.Itoa(u)
		opts = append(opts, fakeiam.User(name).SigningCertificate(
			fakeiam.SigningCertificate{Body: name + "-a"}, fakeiam.SigningCertificate{Body: name + "-b"}))
	}
	f, err := newFakeE(opts...)
	if err != nil {
		b.Fatal(err)
	}
	return f
}

func BenchmarkListSigningCertificates(b *testing.B) {
	ctx := context.Background()
	in := &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")}
	run := func(b *testing.B, c *iam.Client, want int) {
		b.Helper()
		out, err := c.ListSigningCertificates(ctx, in)
		if err != nil || len(out.Certificates) != want {
			b.Fatalf("warm-up: %d certificates, %v; want %d", len(out.Certificates), err, want)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			if _, err := c.ListSigningCertificates(ctx, in); err != nil {
				b.Fatal(err)
			}
		}
	}
	floor := func(f *fakeiam.Fake) *iam.Client {
		out, err := f.Client().ListSigningCertificates(ctx, in)
		if err != nil {
			b.Fatal(err)
		}
		return floorClient(f, func() any {
			return &iam.ListSigningCertificatesOutput{Certificates: copyCerts(out.Certificates), IsTruncated: out.IsTruncated}
		})
	}
	for _, n := range []int{2, 100} {
		b.Run(fmt.Sprintf("floor/certs=%d", n), func(b *testing.B) { run(b, floor(benchFake(b, n, 0)), n) })
		b.Run(fmt.Sprintf("fake/certs=%d", n), func(b *testing.B) {
			f := benchFake(b, n, 0)
			run(b, f.Client(), n)
		})
	}
	b.Run("fake/certs=2/users=10000", func(b *testing.B) {
		run(b, benchFake(b, 2, 10000).Client(), 2)
	})
	b.Run("fake/certs=2/rules=1", func(b *testing.B) {
		f := benchFake(b, 2, 0)
		f.Inject(fakeiam.Rule{Operation: fakeiam.DeleteSigningCertificate, Then: fakeiam.ServiceFailure()})
		run(b, f.Client(), 2)
	})
}

// Uploads run in batches of uploadBatchSize into a fresh fake (a new one,
// untimed, between batches): an upload into a fake holding a realistic
// number of certificates, not into one that has grown to b.N. They go
// round-robin to users holding uploadsPerUser each (IAM's quota is 2).
const (
	uploadBatchSize = 1024
	uploadsPerUser  = 16
)

// uploadBatch returns a batch's bodies and the users they go to.
func uploadBatch() (pems, names []string) {
	pems = make([]string, uploadBatchSize)
	for i := range pems {
		pems[i] = fakeiam.CertificatePEM("upload " + strconv.Itoa(i))
	}
	names = make([]string, uploadBatchSize/uploadsPerUser)
	for u := range names {
		names[u] = "user" + strconv.Itoa(u)
	}
	return pems, names
}

// uploadFake is a fake with the batch's users.
func uploadFake(b testing.TB) *fakeiam.Fake {
	opts := []fakeiam.Option{fakeiam.CertificatesPerUser(uploadsPerUser)}
	for u := range uploadBatchSize / uploadsPerUser {
		opts = append(opts, fakeiam.User("user"+strconv.Itoa(u)))
	}
	f, err := newFakeE(opts...)
	if err != nil {
		b.Fatal(err)
	}
	return f
}

// uploadFloorClient answers every upload with a fresh copy of one output.
func uploadFloorClient(b *testing.B) *iam.Client {
	pem := fakeiam.CertificatePEM("floor")
	uploaded := testNow
	return floorClient(uploadFake(b), func() any {
		cert := copyCerts([]types.SigningCertificate{{UserName: aws.String("user0"),
			CertificateId: aws.String("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), CertificateBody: &pem,
			Status: types.StatusTypeActive, UploadDate: &uploaded}})
		return &iam.UploadSigningCertificateOutput{Certificate: &cert[0]}
	})
}

func BenchmarkSigningCertificateWrites(b *testing.B) {
	ctx := context.Background()
	upload := func(b *testing.B, newClient func() *iam.Client) {
		pems, names := uploadBatch()
		c := newClient()
		b.ReportAllocs()
		b.ResetTimer()
		for i := range b.N {
			if i > 0 && i%uploadBatchSize == 0 {
				b.StopTimer()
				c = newClient()
				b.StartTimer()
			}
			k := i % uploadBatchSize
			if _, err := c.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{
				UserName: &names[k/uploadsPerUser], CertificateBody: &pems[k]}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("floor/upload", func(b *testing.B) {
		upload(b, func() *iam.Client { return uploadFloorClient(b) })
	})
	b.Run("fake/upload", func(b *testing.B) {
		upload(b, func() *iam.Client { return uploadFake(b).Client() })
	})
	update := func(b *testing.B, c *iam.Client, id string) {
		statuses := [2]types.StatusType{types.StatusTypeInactive, types.StatusTypeActive}
		b.ReportAllocs()
		b.ResetTimer()
		for i := range b.N {
			if _, err := c.UpdateSigningCertificate(ctx, &iam.UpdateSigningCertificateInput{
				UserName: aws.String("Bob"), CertificateId: &id, Status: statuses[i%2]}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("floor/update", func(b *testing.B) {
		f := benchFake(b, 1, 0)
		c := floorClient(f, func() any { return &iam.UpdateSigningCertificateOutput{} })
		update(b, c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
	})
	b.Run("fake/update", func(b *testing.B) {
		f := benchFake(b, 1, 0)
		certs, err := f.User("Bob").SigningCertificates()
		if err != nil {
			b.Fatal(err)
		}
		update(b, f.Client(), *certs[0].CertificateId)
	})
}

// BenchmarkPairedRatios measures the budgets' ratios with the two sides
// interleaved call by call, so that a noisy host (these machines share
// theirs) slows both alike. Each sub-benchmark reports the median of the
// measured side over the median of its baseline as "ratio". The budgets
// (docs/architecture.md): list ≤ 1.10 at 2 certificates, ≤ 1.25 at 100,
// users=10000 ≤ 1.10 × the fake at 2, rules=1 ≤ 1.15; op/<Operation>, one
// row per implemented operation, reports its own budget beside its ratio
// (a read ≤ 1.10, a 100-item page ≤ 1.25, a write ≤ 1.35).
func BenchmarkPairedRatios(b *testing.B) {
	ctx := context.Background()
	list := &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")}
	listFloor := func(f *fakeiam.Fake) func() error {
		out, err := f.Client().ListSigningCertificates(ctx, list)
		if err != nil {
			b.Fatal(err)
		}
		c := floorClient(f, func() any {
			return &iam.ListSigningCertificatesOutput{Certificates: copyCerts(out.Certificates), IsTruncated: out.IsTruncated}
		})
		return func() error { _, err := c.ListSigningCertificates(ctx, list); return err }
	}
	listFake := func(f *fakeiam.Fake) func() error {
		c := f.Client()
		return func() error { _, err := c.ListSigningCertificates(ctx, list); return err }
	}
	paired := func(b *testing.B, base, measured func() error) { pairedRatio(b, base, measured, nil) }
	b.Run("list/certs=2", func(b *testing.B) {
		paired(b, listFloor(benchFake(b, 2, 0)), listFake(benchFake(b, 2, 0)))
	})
	b.Run("list/certs=100", func(b *testing.B) {
		paired(b, listFloor(benchFake(b, 100, 0)), listFake(benchFake(b, 100, 0)))
	})
	b.Run("list/users=10000-vs-fake", func(b *testing.B) {
		paired(b, listFake(benchFake(b, 2, 0)), listFake(benchFake(b, 2, 10000)))
	})
	b.Run("list/rules=1", func(b *testing.B) {
		f := benchFake(b, 2, 0)
		f.Inject(fakeiam.Rule{Operation: fakeiam.DeleteSigningCertificate, Then: fakeiam.ServiceFailure()})
		paired(b, listFloor(benchFake(b, 2, 0)), listFake(f))
	})
	// ListUsers shares a page it captured until the users change (the
	// op/ListUsers row lists an unchanged account): here a user moves
	// between calls (untimed), so every page is captured afresh.
	b.Run("list/users=100/after-a-change", func(b *testing.B) {
		var row pairedRow
		for _, r := range pairedRows {
			if r.op == fakeiam.ListUsers {
				row = r
			}
		}
		floor, _, _ := row.setup(b)
		f := usersFake(b, 100)
		c, admin := f.Client(), f.Client()
		paths := [2]*string{aws.String("/moved/"), aws.String("/")}
		n := 0
		pairedRatio(b, func() error { _, err := floor(); return err },
			func() error { _, err := c.ListUsers(ctx, &iam.ListUsersInput{}); return err },
			func() {
				n++
				if _, err := admin.UpdateUser(ctx, &iam.UpdateUserInput{UserName: aws.String("user042"), NewPath: paths[n%2]}); err != nil {
					b.Fatal(err)
				}
			})
		b.ReportMetric(budgetPage, "budget")
	})
	// Every implemented operation, one representative call each
	// (bench_paired_test.go): op/<Operation>, with its budget. update and
	// upload, the names these two rows had before, are cited elsewhere.
	aliases := map[fakeiam.Operation]string{fakeiam.UpdateSigningCertificate: "update", fakeiam.UploadSigningCertificate: "upload"}
	for _, r := range pairedRows {
		run := func(b *testing.B) {
			floor, fake, next := r.setup(b)
			pairedRatio(b, func() error { _, err := floor(); return err }, func() error { _, err := fake(); return err }, next)
			b.ReportMetric(r.budget, "budget")
		}
		if alias, ok := aliases[r.op]; ok {
			b.Run(alias, run)
		}
		b.Run("op/"+string(r.op), run)
	}
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// benchSeeds are the seeds of BenchmarkNew/quickstart-new-seed-vs-list,
// never one twice in a process (b.Run calls a benchmark's function more
// than once).
var benchSeeds atomic.Uint64

// quickstartSeed is the README quickstart's seed: one user, two default
// certificates (generated bodies).
func quickstartSeed() fakeiam.Option {
	return fakeiam.User("Bob").SigningCertificate(
		fakeiam.SigningCertificate{}, fakeiam.SigningCertificate{Status: types.StatusTypeInactive})
}

// BenchmarkNew is what building a fake costs; every test builds one, and
// Sweep builds 2 + N. Budgets (docs/architecture.md): quickstart ≤ 3 ×
// BenchmarkListSigningCertificates/floor/certs=2, users=10000 ≤ 1 s, and
// seeding N certificates for one user linear in N. The first budget is
// measured as a ratio, New and a List call interleaved, twice:
// quickstart-vs-list, where New finds the two default certificate bodies
// made (as every fake of a suite after the first does), and
// quickstart-new-seed-vs-list, where each New signs its own (a suite's
// first fake).
func BenchmarkNew(b *testing.B) {
	mustNew := func(b *testing.B, opts ...fakeiam.Option) {
		if _, err := fakeiam.New(opts...); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("quickstart", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			mustNew(b, quickstartSeed())
		}
	})
	b.Run("users=10000", func(b *testing.B) {
		opts := make([]fakeiam.Option, 10000)
		for u := range opts {
			opts[u] = fakeiam.User("user"+strconv.Itoa(u)).SigningCertificate(fakeiam.SigningCertificate{}, fakeiam.SigningCertificate{})
		}
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			mustNew(b, opts...)
		}
	})
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("one-user/certs=%d", n), func(b *testing.B) {
			bob := fakeiam.User("Bob")
			for i := range n {
				bob = bob.SigningCertificate(fakeiam.SigningCertificate{Body: "bob-cert-" + strconv.Itoa(i)})
			}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				mustNew(b, bob, fakeiam.CertificatesPerUser(n))
			}
		})
	}
	// newVsList pairs build, a New, with the List call of a fake like the
	// quickstart's (the floor's answer).
	newVsList := func(b *testing.B, build func() error) {
		ctx := context.Background()
		f := benchFake(b, 2, 0)
		out, err := f.Client().ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")})
		if err != nil {
			b.Fatal(err)
		}
		floor := floorClient(f, func() any {
			return &iam.ListSigningCertificatesOutput{Certificates: copyCerts(out.Certificates)}
		})
		in := &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")}
		pairedRatio(b, func() error { _, err := floor.ListSigningCertificates(ctx, in); return err }, build, nil)
	}
	b.Run("quickstart-vs-list", func(b *testing.B) {
		newVsList(b, func() error { _, err := fakeiam.New(quickstartSeed()); return err })
	})
	// The same, each New under a seed of its own: its two default
	// certificates are signed, where quickstart-vs-list finds them made
	// (defaultCertificate remembers them): what a suite's first fake costs.
	b.Run("quickstart-new-seed-vs-list", func(b *testing.B) {
		newVsList(b, func() error {
			_, err := fakeiam.New(quickstartSeed(), fakeiam.WithSeed(benchSeeds.Add(1)))
			return err
		})
	})
	// A user holding one of everything the fake models (issue budget: New
	// ≤ 5 × a List call), against the same List call as quickstart-vs-list.
	b.Run("one-of-everything-vs-list", func(b *testing.B) {
		everything := []fakeiam.Option{
			fakeiam.User("Bob").AccessKey(fakeiam.AccessKey{}).SigningCertificate(fakeiam.SigningCertificate{}).
				SSHPublicKey(fakeiam.SSHPublicKey{}).LoginProfile(fakeiam.LoginProfile{Password: "Bob-password-1"}).Tag("team", "eng").
				ServiceCredential(fakeiam.ServiceCredential{Service: "codecommit.amazonaws.com"}).
				InlinePolicy("read", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`),
			fakeiam.VirtualMFADevice("bob-phone").EnabledFor("Bob"),
			fakeiam.ManagedPolicy("deploy", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"}]}`).AttachedToUsers("Bob"),
			fakeiam.Group("staff").Members("Bob"),
			fakeiam.AccountAlias("example-corp"),
			fakeiam.PasswordPolicy(iam.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: aws.Int32(12)}),
		}
		if _, err := fakeiam.New(everything...); err != nil {
			b.Fatal(err)
		}
		newVsList(b, func() error { _, err := fakeiam.New(everything...); return err })
		b.ReportMetric(5, "budget")
	})
}
