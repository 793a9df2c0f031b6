package fakeiam_test

// The HTTP door's budgets (docs/architecture.md, "Performance budgets"):
// with a lean SigV4 client (net/http, the answer read whole but not
// decoded) the fake's endpoint costs at most 1.25 × a server that only
// replays a canned answer, the least any endpoint can cost that client; and
// moto's server is at least 30 × slower than the fake for the same call
// from the same client, in the same run. Each comparison is paired, as
// BenchmarkPairedRatios is: the two servers are called alternately, request
// by request, and "ratio" is the median of the second's times over the
// median of the first's, so that a noisy host slows both alike. Measure
// with:
//
//	go test -run '^$' -bench HTTPEndpoint -benchmem -count 5 ./fakeiam/
//
// and take the median of the counts' ratios. moto's comparisons are
// skipped, with a message, where python3 cannot import moto.server.

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
	f := newFake(fakeiam.User("Bob").SigningCertificate(
		fakeiam.SigningCertificate{Body: fakeiam.CertificatePEM("bench 1")},
		fakeiam.SigningCertificate{Body: fakeiam.CertificatePEM("bench 2")}))
	fakeURL := f.Endpoint(b)
	floorServer := httptest.NewServer(&replay{h: f.Handler()})
	b.Cleanup(floorServer.Close)
	motoURL, withMoto := startMoto(b)
	if withMoto {
		seedMoto(b, endpointClient(b, f, motoURL))
	}
	warm := func(b *testing.B, calls ...func() error) {
		b.Helper()
		for _, call := range calls {
			if err := call(); err != nil {
				b.Fatalf("warm-up: %v", err)
			}
		}
		b.ReportAllocs()
	}
	paired := func(b *testing.B, base, measured func() error) {
		b.Helper()
		warm(b, base, measured)
		pairedRatio(b, base, measured, nil)
	}
	vsMoto := func(b *testing.B, fake, moto func() error) {
		b.Helper()
		if !withMoto {
			b.Skip("moto is not installed: no moto comparison")
		}
		warm(b, fake, moto)
		pairedBlocks(b, fake, moto)
	}

	// The lean client: what is measured is the servers, not the SDK's
	// XML decoder (most of an SDK call to any endpoint).
	lean := func(url string) func() error { return leanCall(b, f, url) }
	b.Run("lean-client/http-vs-floor/certs=2", func(b *testing.B) {
		paired(b, lean(floorServer.URL), lean(fakeURL))
	})
	b.Run("lean-client/moto-vs-http/certs=2", func(b *testing.B) {
		vsMoto(b, lean(fakeURL), lean(motoURL))
	})

	// The SDK's own client, configured as the fake's (credentials,
	// retryer, region) with a keep-alive transport and BaseEndpoint.
	sdk := func(c *iam.Client) func() error {
		ctx := context.Background()
		in := &iam.ListSigningCertificatesInput{UserName: aws.String("Bob")}
		return func() error {
			out, err := c.ListSigningCertificates(ctx, in)
			if err == nil && len(out.Certificates) != 2 {
				err = fmt.Errorf("%d certificates, want Bob's 2", len(out.Certificates))
			}
			return err
		}
	}
	b.Run("sdk-client/http-vs-in-process/certs=2", func(b *testing.B) {
		paired(b, sdk(f.Client()), sdk(endpointClient(b, f, fakeURL)))
	})
	b.Run("sdk-client/http-vs-floor/certs=2", func(b *testing.B) {
		paired(b, sdk(endpointClient(b, f, floorServer.URL)), sdk(endpointClient(b, f, fakeURL)))
	})
	b.Run("sdk-client/moto-vs-http/certs=2", func(b *testing.B) {
		vsMoto(b, sdk(endpointClient(b, f, fakeURL)), sdk(endpointClient(b, f, motoURL)))
	})
}

// pairedBlocks is pairedRatio for a measured side (moto) much slower than
// its base (the fake): each of the b.N rounds times one measured call, then
// a block of base calls, and "ratio" is the median measured call over the
// median base call. A block, not one call, because after the measured
// side's milliseconds this process has been idle, and its first requests
// then cost any endpoint in it up to twice their usual time (the fake's
// lean call: 138 µs after a 3 ms pause, 58 µs without one): the median of
// the block is the base's usual cost, as moto's rounds are moto's.
func pairedBlocks(b *testing.B, base, measured func() error) {
	b.Helper()
	const block = 16
	baseTimes, measuredTimes := make([]time.Duration, 0, block*b.N), make([]time.Duration, b.N)
	b.ResetTimer()
	for i := range b.N {
		t0 := time.Now()
		if err := measured(); err != nil {
			b.Fatal(err)
		}
		measuredTimes[i] = time.Since(t0)
		for range block {
			t0 := time.Now()
			if err := base(); err != nil {
				b.Fatal(err)
			}
			baseTimes = append(baseTimes, time.Since(t0))
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(median(measuredTimes))/float64(median(baseTimes)), "ratio")
	b.ReportMetric(float64(median(baseTimes).Nanoseconds()), "base-ns")
	b.ReportMetric(float64(median(measuredTimes).Nanoseconds()), "measured-ns")
}

// leanCall returns a call of ListSigningCertificates for Bob to the
// endpoint at url: a request signed with SigV4 by f's root key, sent with
// net/http over one keep-alive connection, its answer read whole and
// checked for a certificate, not decoded.
func leanCall(b *testing.B, f *fakeiam.Fake, url string) func() error {
	b.Helper()
	keys, err := f.Root().AccessKeys()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	transport := &http.Transport{MaxIdleConnsPerHost: 1}
	b.Cleanup(transport.CloseIdleConnections)
	client := &http.Client{Transport: transport}
	signer := v4.NewSigner()
	creds := aws.Credentials{AccessKeyID: keys[0].ID, SecretAccessKey: keys[0].Secret}
	const body = "Action=ListSigningCertificates&Version=2010-05-08&UserName=Bob"
	hash := sha256.Sum256([]byte(body))
	payloadHash := hex.EncodeToString(hash[:])
	return func() error {
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
}

// seedMoto gives moto the fake's user Bob and his two certificates.
func seedMoto(b *testing.B, moto *iam.Client) {
	b.Helper()
	ctx := context.Background()
	if _, err := moto.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("Bob")}); err != nil {
		b.Fatalf("seeding moto: %v", err)
	}
	for _, subject := range []string{"bench 1", "bench 2"} {
		if _, err := moto.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{UserName: aws.String("Bob"), CertificateBody: aws.String(fakeiam.CertificatePEM(subject))}); err != nil {
			b.Fatalf("seeding moto: %v", err)
		}
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
