package fakeiam_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// TestConcurrentUse lists from many goroutines, each as its own user and
// paging, while others read the state and the call log and one uploads and
// deletes on a user of its own. Run with -race. Every goroutine checks what
// it got against the seeds.
func TestConcurrentUse(t *testing.T) {
	const (
		users         = 8
		certsPerUser  = 5
		listersPer    = 3 // goroutines listing as each user
		rounds        = 20
		readers       = 4
		churnRounds   = 30
		churnUserName = "Churn"
	)
	userName := func(u int) string { return fmt.Sprintf("user%d", u) }
	userCerts := func(u int) []fakeiam.SigningCertificate { return certs(u*certsPerUser, (u+1)*certsPerUser) }
	seeds := []fakeiam.Option{fakeiam.CertificatesPerUser(certsPerUser), fakeiam.CallLogBytes(1 << 30), fakeiam.User(churnUserName)}
	for u := range users {
		seeds = append(seeds, fakeiam.User(userName(u)).SigningCertificate(userCerts(u)...))
	}
	f := newFake(seeds...)
	opts := cmpopts.IgnoreUnexported(types.SigningCertificate{})
	ctx := context.Background()

	var wg sync.WaitGroup
	var listers sync.WaitGroup
	// Listers: each pages through its own user's certificates, two at a time,
	// with the implicit caller.
	for u := range users {
		want := listedCertificates(userName(u), userCerts(u)...)
		for range listersPer {
			listers.Add(1)
			go func() {
				defer listers.Done()
				c := f.User(userName(u)).Client()
				for range rounds {
					var got []types.SigningCertificate
					p := iam.NewListSigningCertificatesPaginator(c, &iam.ListSigningCertificatesInput{MaxItems: aws.Int32(2)})
					for page := 0; p.HasMorePages(); page++ {
						if page > certsPerUser {
							t.Errorf("%s: paging does not end", userName(u))
							return
						}
						out, err := p.NextPage(ctx)
						if err != nil {
							t.Errorf("%s: %v", userName(u), err)
							return
						}
						got = append(got, out.Certificates...)
					}
					if diff := cmp.Diff(want, got, opts); diff != "" {
						t.Errorf("%s listed (-want +got):\n%s", userName(u), diff)
						return
					}
				}
			}()
		}
	}
	// Readers: the state and the call log, while the listers run.
	stop := make(chan struct{})
	for r := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				u := (r + i) % users
				got, err := f.User(userName(u)).SigningCertificates()
				if err != nil {
					t.Error(err)
					return
				}
				if diff := cmp.Diff(listedCertificates(userName(u), userCerts(u)...), got, opts); diff != "" {
					t.Errorf("SigningCertificates(%s) (-want +got):\n%s", userName(u), diff)
					return
				}
				for _, call := range logged(t, f, fakeiam.ListSigningCertificates) {
					out, ok := call.Output.(*iam.ListSigningCertificatesOutput)
					if !ok || call.Caller.UserName == "" {
						t.Errorf("logged call %+v: no output or no user", call)
						return
					}
					for _, c := range out.Certificates {
						if aws.ToString(c.UserName) != call.Caller.UserName {
							t.Errorf("call by %s logged a certificate of %s", call.Caller.UserName, aws.ToString(c.UserName))
							return
						}
					}
				}
				mustCertificates(t, f.Root())
				f.Now()
			}
		}()
	}
	// A writer on its own user: upload then delete, checking each step.
	wg.Add(1)
	go func() {
		defer wg.Done()
		c := f.User(churnUserName).Client()
		for i := range churnRounds {
			up, err := c.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{CertificateBody: aws.String(fakeiam.CertificatePEM(fmt.Sprint("churn ", i)))})
			if err != nil {
				t.Errorf("upload %d: %v", i, err)
				return
			}
			held, _ := f.User(churnUserName).SigningCertificates()
			if len(held) != 1 || aws.ToString(held[0].CertificateId) != aws.ToString(up.Certificate.CertificateId) {
				t.Errorf("after upload %d, Churn holds %d certificates", i, len(held))
				return
			}
			if _, err := c.DeleteSigningCertificate(ctx, &iam.DeleteSigningCertificateInput{CertificateId: up.Certificate.CertificateId}); err != nil {
				t.Errorf("delete %d: %v", i, err)
				return
			}
		}
	}()
	listers.Wait()
	close(stop)
	wg.Wait()

	// Every page was logged: 3 pages (2+2+1) per listing.
	if got, want := len(logged(t, f, fakeiam.ListSigningCertificates)), users*listersPer*rounds*3; got != want {
		t.Errorf("%d list calls logged, want %d", got, want)
	}
	if got, want := len(logged(t, f, fakeiam.UploadSigningCertificate, fakeiam.DeleteSigningCertificate)), 2*churnRounds; got != want {
		t.Errorf("%d upload and delete calls logged, want %d", got, want)
	}
	if held, _ := f.User(churnUserName).SigningCertificates(); len(held) != 0 {
		t.Errorf("Churn holds %d certificates at the end", len(held))
	}
}

// TestConcurrentFakesAreIndependent builds and uses fakes in parallel:
// nothing is shared between fakes, so every one gives the same answers.
func TestConcurrentFakesAreIndependent(t *testing.T) {
	var outs [16][]types.SigningCertificate
	var wg sync.WaitGroup
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := newFake(fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{}, fakeiam.SigningCertificate{}))
			out, err := f.Client().ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")})
			if err != nil {
				t.Error(err)
				return
			}
			outs[i] = out.Certificates
		}()
	}
	wg.Wait()
	for i := range outs {
		if len(outs[i]) != 2 {
			t.Fatalf("fake %d listed %d certificates, want 2", i, len(outs[i]))
		}
		if diff := cmp.Diff(outs[0], outs[i], cmpopts.IgnoreUnexported(types.SigningCertificate{})); diff != "" {
			t.Errorf("fake %d differs from fake 0 (-0 +%d):\n%s", i, i, diff)
		}
	}
}
