package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// timeouts bound what one client can hold: a goroutine and a descriptor
// per connection. None of them counts a Latency fault's delay, which holds
// a request for as long as the rule says (until the server stops).
type timeouts struct {
	header   time.Duration // to send a request's headers
	body     time.Duration // to send its body, once the headers are in
	write    time.Duration // for each write of an answer to reach the client
	idle     time.Duration // for a kept-alive connection's next request
	shutdown time.Duration // on stop, for answers in progress to finish
}

func (t *timeouts) register(fs *flag.FlagSet) {
	fs.DurationVar(&t.header, "header-timeout", 10*time.Second, "how long a client may take to send a request's headers")
	fs.DurationVar(&t.body, "body-timeout", 30*time.Second, "how long a client may take to send a request's body, counted from its headers")
	fs.DurationVar(&t.write, "write-timeout", 30*time.Second, "how long writing an answer may wait on a client that does not read it (a Latency fault's delay is not counted)")
	fs.DurationVar(&t.idle, "idle-timeout", 60*time.Second, "how long a kept-alive connection may wait for its next request")
	fs.DurationVar(&t.shutdown, "shutdown-timeout", 5*time.Second, "on SIGINT or SIGTERM, how long answers in progress may take before their connections are closed")
}

// check refuses a bound that is not one: net/http reads 0 as "no limit".
func (t timeouts) check() error {
	for _, d := range []struct {
		flag string
		d    time.Duration
	}{{"header-timeout", t.header}, {"body-timeout", t.body}, {"write-timeout", t.write}, {"idle-timeout", t.idle}, {"shutdown-timeout", t.shutdown}} {
		if d.d <= 0 {
			return fmt.Errorf("-%s %v: want a duration above 0", d.flag, d.d)
		}
	}
	return nil
}

// newServer serves h with the bounds t; requests' contexts derive from base.
//
// The server's own ReadTimeout and WriteTimeout are left unset on purpose:
// both are deadlines on the connection counted from the request's headers,
// so a Latency fault longer than either would lose its answer (and a read
// deadline that passes while a handler runs cancels the request's context).
// The body and the answer are bounded by bounded instead.
func newServer(h http.Handler, t timeouts, base context.Context) *http.Server {
	return &http.Server{
		Handler:           bounded{next: h, body: t.body, write: t.write},
		ReadHeaderTimeout: t.header,
		IdleTimeout:       t.idle,
		BaseContext:       func(net.Listener) context.Context { return base },
	}
}

// stopServer stops srv: it closes the listener and idle connections, waits
// up to grace for the answers in progress, then closes what is left (a
// client that stalls). It reports whether connections had to be closed.
func stopServer(srv *http.Server, grace time.Duration) (closed bool, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err = srv.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		return true, srv.Close()
	}
	return false, err
}

// bounded bounds a request's body (body, from when the handler starts) and
// each write of its answer (write, from that write), not the time between:
// that is the handler's, a Latency fault's included.
type bounded struct {
	next        http.Handler
	body, write time.Duration
}

func (b bounded) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	// The deadline left by the connection's previous request may have
	// passed: a "100 Continue" must be able to go out.
	rc.SetWriteDeadline(time.Now().Add(b.write))
	if r.Body != nil && r.Body != http.NoBody {
		rc.SetReadDeadline(time.Now().Add(b.body))
		r.Body = &deadlineBody{ReadCloser: r.Body, rc: rc}
	}
	b.next.ServeHTTP(&deadlineWriter{ResponseWriter: w, rc: rc, d: b.write}, r)
	// The end of the answer may still be in the server's buffer.
	rc.SetWriteDeadline(time.Now().Add(b.write))
}

// deadlineBody lifts the body's read deadline once the body is in: from
// then on, the server reads the connection only to notice that the client
// went away, and a deadline there would end the request's context, cutting
// a Latency fault short. Until then a read past the deadline fails, and so
// does every later one, so the connection is closed after the answer.
type deadlineBody struct {
	io.ReadCloser
	rc   *http.ResponseController
	done bool
}

func (b *deadlineBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err == io.EOF && !b.done {
		b.done = true
		b.rc.SetReadDeadline(time.Time{})
	}
	return n, err
}

// deadlineWriter gives each write of the answer d to reach the client,
// counted from that write.
type deadlineWriter struct {
	http.ResponseWriter
	rc *http.ResponseController
	d  time.Duration
}

func (w *deadlineWriter) Write(p []byte) (int, error) {
	w.rc.SetWriteDeadline(time.Now().Add(w.d))
	return w.ResponseWriter.Write(p)
}

func (w *deadlineWriter) Flush() {
	w.rc.SetWriteDeadline(time.Now().Add(w.d))
	w.rc.Flush()
}

// Unwrap lets http.ResponseController reach the connection.
func (w *deadlineWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
