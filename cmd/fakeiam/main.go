// Command fakeiam serves the in-memory IAM of package fakeiam over IAM's own
// wire protocol, for the AWS CLI, boto3 and every other SDK:
//
//	eval "$(go run ./cmd/fakeiam -quiet &)"   # or copy the export lines it prints
//	aws iam list-signing-certificates --user-name Bob
//
// On start it prints, one per line and nothing else on standard output, the
// shell lines that point a client at it: AWS_ENDPOINT_URL_IAM, the account
// root's AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION,
// and FAKEIAM_TOKEN, the token of the control API (fault rules, call log,
// reset; see the README). It logs one line per request on standard error
// unless -quiet, and stops cleanly on SIGINT or SIGTERM.
//
// Flags:
//
//	-addr HOST:PORT  where to listen (default 127.0.0.1:0, any free port);
//	                 an address that is not loopback needs -allow-remote
//	-seed FILE       the state to start with, as JSON (format in the README)
//	-empty           start with nothing but the account root and its key
//	-quiet           no request log
//	-fixed-time T    stop the fake's clock at T (RFC 3339), for golden outputs
//	-enforce         authorize every call by its caller's IAM policies, as IAM
//	                 does (the seed file's "enforce": true does the same)
//
// and the bounds on what one client can hold (each a duration above 0):
//
//	-header-timeout D    to send a request's headers (default 10s)
//	-body-timeout D      to send its body, counted from its headers (30s)
//	-write-timeout D     for each write of an answer to reach a client that
//	                     does not read it (30s); counted from that write, so a
//	                     Latency fault may hold a request longer
//	-idle-timeout D      for a kept-alive connection's next request (60s)
//	-shutdown-timeout D  on SIGINT or SIGTERM, for answers in progress to
//	                     finish (5s); the connections still busy are then
//	                     closed, and the command exits 0. Requests a Latency
//	                     fault holds end at once, with no answer.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/fakeaws/fakeaws/fakeiam"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr, nil)
	switch {
	case errors.Is(err, flag.ErrHelp): // -h, -help: the usage is printed, and asking is no error
	case err != nil:
		fmt.Fprintln(os.Stderr, "fakeiam:", err)
		os.Exit(2)
	}
}

// run serves until ctx ends. ready, when set, receives the base URL once
// the listener is up (for tests).
func run(ctx context.Context, args []string, stdout, stderr io.Writer, ready chan<- string) error {
	fs := flag.NewFlagSet("fakeiam", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "`host:port` to listen on (loopback unless -allow-remote)")
	allowRemote := fs.Bool("allow-remote", false, "allow an -addr that is not loopback (anyone who can reach it can use the fake)")
	seedPath := fs.String("seed", "", "seed `file` (JSON) to start with; default: the IAM API reference's Bob and a root certificate")
	empty := fs.Bool("empty", false, "start with only the account root and its access key")
	quiet := fs.Bool("quiet", false, "do not log requests on standard error")
	fixed := fs.String("fixed-time", "", "stop the fake's clock at this RFC 3339 `time`")
	enforce := fs.Bool("enforce", false, "authorize every call by its caller's IAM policies, as IAM does (as the seed file's \"enforce\": true)")
	var limits timeouts
	limits.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := limits.check(); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if *empty && *seedPath != "" {
		return errors.New("-empty and -seed: give one")
	}
	var settings []fakeiam.Option // the flags' settings of the fake
	if *fixed != "" {
		t, err := time.Parse(time.RFC3339, *fixed)
		if err != nil {
			return fmt.Errorf("-fixed-time: %v", err)
		}
		settings = append(settings, fakeiam.WithFixedTime(t))
	}
	if *enforce {
		settings = append(settings, fakeiam.Enforce())
	}
	// A seed file may be a pipe that no one writes, or large: loading it
	// must not outlast a SIGINT or SIGTERM (main catches them from its
	// start). What is left loading ends with the process.
	type built struct {
		f   *fakeiam.Fake
		err error
	}
	loaded := make(chan built, 1)
	go func() {
		var opts []fakeiam.Option
		switch {
		case *seedPath != "":
			seeds, err := loadSeed(*seedPath)
			if err != nil {
				loaded <- built{err: err}
				return
			}
			opts = seeds
		case !*empty:
			opts = defaultSeed()
		}
		f, err := fakeiam.New(append(opts, settings...)...)
		loaded <- built{f, err}
	}()
	var f *fakeiam.Fake
	select {
	case b := <-loaded:
		if b.err != nil {
			return b.err
		}
		f = b.f
	case <-ctx.Done():
		if !*quiet {
			fmt.Fprintln(stderr, "fakeiam: stopped while loading the seed")
		}
		return nil
	}

	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		return fmt.Errorf("-addr %q: %v", *addr, err)
	}
	if !isLoopback(host) {
		if !*allowRemote {
			return fmt.Errorf("-addr %q is not a loopback address: add -allow-remote to listen there", *addr)
		}
		fmt.Fprintf(stderr, "fakeiam: WARNING: listening on %s, which is not loopback: anyone who can reach it can use the fake's credentials\n", *addr)
	}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	token := newToken()
	hopts := []fakeiam.HandlerOption{fakeiam.WithControlToken(token)}
	if !*quiet {
		hopts = append(hopts, fakeiam.WithRequestLog(func(line string) { fmt.Fprintln(stderr, line) }))
	}
	// Requests that a Latency fault holds end when the server stops, with
	// no answer, as from a server that went away; the others finish.
	requests, stopHeld := context.WithCancel(context.Background())
	defer stopHeld()
	srv := newServer(f.Handler(hopts...), limits, requests)

	keys, err := f.Root().AccessKeys()
	if err != nil {
		return err
	}
	url := "http://" + l.Addr().String()
	fmt.Fprintf(stdout, "export AWS_ENDPOINT_URL_IAM=%s\n", url)
	fmt.Fprintf(stdout, "export AWS_ENDPOINT_URL_STS=%s\n", url) // the same listener serves STS
	fmt.Fprintf(stdout, "export AWS_ACCESS_KEY_ID=%s\n", keys[0].ID)
	fmt.Fprintf(stdout, "export AWS_SECRET_ACCESS_KEY=%s\n", keys[0].Secret)
	fmt.Fprintf(stdout, "export AWS_DEFAULT_REGION=us-east-1\n")
	fmt.Fprintf(stdout, "export FAKEIAM_TOKEN=%s\n", token)
	if fl, ok := stdout.(interface{ Sync() error }); ok {
		fl.Sync()
	}
	if ready != nil {
		ready <- url
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	stopHeld()
	closed, err := stopServer(srv, limits.shutdown)
	if err != nil {
		return err
	}
	if !*quiet {
		if closed {
			fmt.Fprintf(stderr, "fakeiam: closed the connections still busy after -shutdown-timeout %v\n", limits.shutdown)
		}
		fmt.Fprintln(stderr, "fakeiam: stopped")
	}
	return nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func newToken() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// defaultSeed is the IAM API reference's example: user Bob with its
// documented certificate, and a root certificate.
func defaultSeed() []fakeiam.Option {
	return []fakeiam.Option{
		fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{
			ID:         "TA7SMP42TDN5Z26OBPJE7EXAMPLE",
			Body:       "-----BEGIN CERTIFICATE-----<certificate-body>-----END CERTIFICATE-----",
			UploadDate: time.Date(2013, 6, 6, 21, 40, 8, 0, time.UTC),
		}),
		fakeiam.Root().SigningCertificate(fakeiam.SigningCertificate{}),
	}
}
