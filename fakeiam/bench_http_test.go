package fakeiam_test

// The HTTP door's budget (docs/architecture.md): the real SDK over loopback to the
// handler costs at most 8 × the in-process call, and is at least 50 ×
// faster than moto's server for the same call from the same Go client.
// floor/certs=2 is what any HTTP endpoint costs that client: a server
// replaying the fake's first response, doing nothing else. Measure with:
//
//	go test -run '^$' -bench HTTPEndpoint -benchmem -count 5 ./fakeiam/ | tee http.txt
//	benchstat http.txt

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/fakeaws/fakeaws/fakeiam"
)

func BenchmarkHTTPEndpoint(b *testing.B) {
	ctx := context.Background()
	in := &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")}
	run := func(b *testing.B, c *iam.Client) {
		b.Helper()
		out, err := c.ListSigningCertificates(ctx, in)
		if err != nil || len(out.Certificates) != 2 {
			b.Fatalf("warm-up: %v, %v; want Bob's 2 certificates", out, err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			if _, err := c.ListSigningCertificates(ctx, in); err != nil {
				b.Fatal(err)
			}
		}
	}
	f := newFake(fakeiam.User("Bob").SigningCertificate(
		fakeiam.SigningCertificate{Body: fakeiam.CertificatePEM("bench 1")},
		fakeiam.SigningCertificate{Body: fakeiam.CertificatePEM("bench 2")}))
	// The same Go client for the fake's endpoint and for moto: the fake's
	// credentials, retryer and region, a keep-alive transport, BaseEndpoint.
	fake := endpointClient(b, f, f.Endpoint(b))
	floorServer := httptest.NewServer(&replay{h: f.Handler()})
	b.Cleanup(floorServer.Close)
	floor := endpointClient(b, f, floorServer.URL)
	var moto *iam.Client
	if url, ok := startMoto(b); ok {
		moto = endpointClient(b, f, url)
		if _, err := moto.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("Bob")}); err != nil {
			b.Fatalf("seeding moto: %v", err)
		}
		for _, subject := range []string{"bench 1", "bench 2"} {
			if _, err := moto.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{UserName: aws.String("Bob"), CertificateBody: aws.String(fakeiam.CertificatePEM(subject))}); err != nil {
				b.Fatalf("seeding moto: %v", err)
			}
		}
	}
	// Side by side in one run: the budgets are ratios.
	b.Run("middleware/certs=2", func(b *testing.B) { run(b, f.Client()) })
	b.Run("floor/certs=2", func(b *testing.B) { run(b, floor) })
	b.Run("http/certs=2", func(b *testing.B) { run(b, fake) })
	if moto != nil {
		b.Run("moto/certs=2", func(b *testing.B) { run(b, moto) })
	}
	// The same calls from a lean Go client: SigV4-signed requests with
	// net/http, the response read whole but not decoded, so that what is
	// measured is the servers, not the SDK's XML decoder (most of
	// floor/certs=2).
	keys, err := f.Root().AccessKeys()
	if err != nil {
		b.Fatal(err)
	}
	rawRun := func(b *testing.B, url string) {
		b.Helper()
		transport := &http.Transport{MaxIdleConnsPerHost: 1}
		b.Cleanup(transport.CloseIdleConnections)
		client := &http.Client{Transport: transport}
		signer := v4.NewSigner()
		creds := aws.Credentials{AccessKeyID: keys[0].ID, SecretAccessKey: keys[0].Secret}
		const body = "Action=ListSigningCertificates&Version=2010-05-08&UserName=Bob"
		hash := sha256.Sum256([]byte(body))
		payloadHash := hex.EncodeToString(hash[:])
		call := func() error {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, url+"/", strings.NewReader(body))
			if err != nil {
				return err
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if err := signer.SignHTTP(ctx, creds, req, payloadHash, "iam", "us-east-1", time.Now()); err != nil {
				return err
			}
			resp, err := client.Do(req)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			got, err := io.ReadAll(resp.Body)
			if err == nil && (resp.StatusCode != http.StatusOK || !strings.Contains(string(got), "<CertificateId>")) {
				err = fmt.Errorf("status %d: %s", resp.StatusCode, got)
			}
			return err
		}
		if err := call(); err != nil {
			b.Fatalf("warm-up: %v", err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			if err := call(); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("lean-client/floor/certs=2", func(b *testing.B) { rawRun(b, floorServer.URL) })
	b.Run("lean-client/http/certs=2", func(b *testing.B) { rawRun(b, f.Endpoint(b)) })
	if moto != nil {
		b.Run("lean-client/moto/certs=2", func(b *testing.B) { rawRun(b, *moto.Options().BaseEndpoint) })
	}
}

// replay answers every request with h's answer to the first one.
type replay struct {
	h    http.Handler
	once sync.Once
	rec  *httptest.ResponseRecorder
}

func (r *replay) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.once.Do(func() {
		r.rec = httptest.NewRecorder()
		r.h.ServeHTTP(r.rec, req)
	})
	io.Copy(io.Discard, req.Body)
	maps.Copy(w.Header(), r.rec.Header())
	w.WriteHeader(r.rec.Code)
	w.Write(r.rec.Body.Bytes())
}

// endpointClient is f's client sending real requests to url over one
// keep-alive connection.
func endpointClient(b *testing.B, f *fakeiam.Fake, url string) *iam.Client {
	transport := &http.Transport{MaxIdleConnsPerHost: 1}
	b.Cleanup(transport.CloseIdleConnections)
	return iam.New(f.Client().Options(), func(o *iam.Options) {
		o.APIOptions = nil
		o.BaseEndpoint = aws.String(url)
		o.HTTPClient = &http.Client{Transport: transport}
	})
}

// startMoto starts `python3 -m moto.server` on a free loopback port until
// the benchmark ends, and returns its URL once it says it is running. It
// skips the moto comparison, returning false, where moto is missing.
func startMoto(b *testing.B) (string, bool) {
	b.Helper()
	python, err := exec.LookPath("python3")
	if err != nil {
		b.Log("python3 is not on PATH: no moto comparison")
		return "", false
	}
	if err := exec.Command(python, "-c", "import moto.server").Run(); err != nil {
		b.Logf("python3 cannot import moto.server (%v): no moto comparison", err)
		return "", false
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	cmd := exec.Command(python, "-m", "moto.server", "-H", "127.0.0.1", "-p", port)
	out, err := cmd.StderrPipe() // werkzeug says where it runs on stderr
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	url := "http://127.0.0.1:" + port
	running := make(chan bool, 1)
	go func() {
		said := false
		for s := bufio.NewScanner(out); s.Scan(); { // read it all: moto logs every request
			if !said && strings.Contains(s.Text(), "Running on "+url) {
				said = true
				running <- true
			}
		}
		if !said {
			running <- false
		}
	}()
	select {
	case ok := <-running:
		if !ok {
			b.Fatalf("moto exited without serving %s", url)
		}
	case <-time.After(60 * time.Second):
		b.Fatalf("moto did not say it serves %s within a minute", url)
	}
	return url, true
}
