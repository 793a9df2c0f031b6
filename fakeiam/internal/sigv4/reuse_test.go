package sigv4

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/google/go-cmp/cmp"
)

// TestVerifyReusesNoState: the signing key's HMAC state is reused from
// one verification to the next; what one request wrote into it never
// decides another's outcome, in sequence or concurrently.
func TestVerifyReusesNoState(t *testing.T) {
	const secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
	sign := func(body string) (*http.Request, Signature, string) {
		req, err := http.NewRequest("POST", "https://iam.amazonaws.com/", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		hash := PayloadHash([]byte(body))
		creds := aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: secret}
		if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hash, "iam", "us-east-1", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		sig, _ := Read(req)
		return req, sig, hash
	}
	reqA, sigA, hashA := sign("Action=ListUsers&Version=2010-05-08")
	reqB, sigB, hashB := sign("Action=ListSigningCertificates&Version=2010-05-08&UserName=Bob")
	var cache KeyCache
	var got []bool
	for _, step := range []struct {
		req  *http.Request
		sig  Signature
		hash string
	}{{reqA, sigA, hashA}, {reqA, sigA, hashA}, {reqB, sigA, hashB}, {reqB, sigB, hashB}, {reqA, sigB, hashA}, {reqA, sigA, hashA}} {
		got = append(got, step.sig.Verify(step.req, secret, step.hash, &cache))
	}
	if diff := cmp.Diff([]bool{true, true, false, true, false, true}, got); diff != "" {
		t.Errorf("outcomes in sequence (-want +got):\n%s", diff)
	}

	var wg sync.WaitGroup
	wrong := make(chan string, 16)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				req, sig, hash, want := reqA, sigA, hashA, true
				switch (g + i) % 3 {
				case 1:
					req, sig, hash = reqB, sigB, hashB
				case 2:
					req, hash, want = reqB, hashB, false // A's signature over B's request
				}
				if sig.Verify(req, secret, hash, &cache) != want {
					wrong <- sig.Hex
					return
				}
			}
		}()
	}
	wg.Wait()
	close(wrong)
	for hex := range wrong {
		t.Errorf("concurrent verification of signature %s: wrong outcome", hex)
	}
}
