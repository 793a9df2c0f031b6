package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/google/go-cmp/cmp"
)

// dial opens a connection to the server at url (http://host:port), closed
// when the test ends.
func dial(t *testing.T, url string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// readUntilClosed reads c until the server closes it, and returns what it
// read; it fails the test if the server keeps the connection open for the
// whole bound.
func readUntilClosed(t *testing.T, c net.Conn) string {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(bound))
	b, err := io.ReadAll(c)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("the server still holds the connection after %v (read %q)", bound, b)
	}
	return string(b)
}

// statusLine is the first line of an HTTP answer, or "".
func statusLine(answer string) string {
	line, _, _ := strings.Cut(answer, "\r\n")
	return line
}

// A client that stalls has its connection closed after the bound set for
// what it stalls on; the bounds are tiny here, so each case ends at once.
func TestStalledClientsAreDisconnected(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		// send is what the client sends before it stalls; answers is how
		// many whole answers it reads before it stalls.
		send    string
		answers int
		// want is the status line of what the server sends after the
		// stall, before it closes the connection ("" for nothing), and
		// wantCode a part of its body.
		want, wantCode string
	}{
		{name: "headers never end", args: []string{"-header-timeout", "20ms"},
			send: "POST / HTTP/1.1\r\nHost: iam\r\n"},
		{name: "body stalls", args: []string{"-body-timeout", "20ms"},
			send: "POST / HTTP/1.1\r\nHost: iam\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nAction=",
			// The body did not arrive in time (RequestTimeout:
			// docs/contract.md, "Wire format").
			want: "HTTP/1.1 400 Bad Request", wantCode: "<Code>RequestTimeout</Code>"},
		{name: "idle between requests", args: []string{"-idle-timeout", "20ms"},
			send: "POST / HTTP/1.1\r\nHost: iam\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 6\r\n\r\nAction", answers: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := start(t, append([]string{"-quiet"}, tc.args...)...)
			c := dial(t, s.url)
			if _, err := io.WriteString(c, tc.send); err != nil {
				t.Fatal(err)
			}
			r := bufio.NewReader(c)
			for range tc.answers {
				c.SetReadDeadline(time.Now().Add(bound))
				resp, err := http.ReadResponse(r, nil)
				if err != nil {
					t.Fatal(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			c.SetReadDeadline(time.Now().Add(bound))
			rest, err := io.ReadAll(r)
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				t.Fatalf("the server still holds the connection after %v (read %q)", bound, rest)
			}
			if got := statusLine(string(rest)); got != tc.want {
				t.Errorf("answer before the connection closed: %q, want %q", got, tc.want)
			}
			if !strings.Contains(string(rest), tc.wantCode) {
				t.Errorf("answer before the connection closed: %q, want it to hold %q", rest, tc.wantCode)
			}
		})
	}
}

// A client that does not read its answer holds the server's write for
// -write-timeout, not forever.
func TestUnreadAnswerIsBounded(t *testing.T) {
	wrote := make(chan error, 1)
	big := make([]byte, 1<<16)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// More than the connection's buffers hold: 256 MiB at most.
		for range 1 << 12 {
			if _, err := w.Write(big); err != nil {
				wrote <- err
				return
			}
		}
		wrote <- nil
	})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(h, timeouts{header: bound, body: bound, write: 20 * time.Millisecond, idle: bound}, context.Background())
	go srv.Serve(l)
	defer srv.Close()
	c := dial(t, "http://"+l.Addr().String())
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetReadBuffer(4096)
	}
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: iam\r\n\r\n")
	select {
	case err := <-wrote:
		var ne net.Error
		if !errors.As(err, &ne) || !ne.Timeout() {
			t.Errorf("writing to a client that does not read: %v, want a timeout", err)
		}
	case <-time.After(bound):
		t.Fatalf("a write to a client that does not read still blocks after %v", bound)
	}
}

// deadlines is a ResponseWriter that records the write deadlines set on it
// and the writes.
type deadlines struct {
	http.ResponseWriter
	events []string
	set    []time.Time
}

func (d *deadlines) SetWriteDeadline(t time.Time) error {
	d.events = append(d.events, "deadline")
	d.set = append(d.set, t)
	return nil
}

func (d *deadlines) SetReadDeadline(time.Time) error { return nil }

func (d *deadlines) Write(p []byte) (int, error) {
	d.events = append(d.events, "write")
	return len(p), nil
}

// The write bound is counted from the write: a handler that holds the
// request (as a Latency fault does) longer than the bound still answers.
func TestWriteBoundStartsAtTheWrite(t *testing.T) {
	const write = time.Hour
	release := make(chan struct{})
	h := bounded{body: time.Hour, write: write, next: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
		w.Write([]byte("late"))
	})}
	w := &deadlines{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.ServeHTTP(w, httptestRequest())
	}()
	released := time.Now()
	close(release)
	<-done
	// A deadline on entry (for a "100 Continue"), one for the write, one
	// for what the server still buffers after the handler.
	if diff := cmp.Diff([]string{"deadline", "deadline", "write", "deadline"}, w.events); diff != "" {
		t.Fatalf("events (-want +got):\n%s", diff)
	}
	if got := w.set[1]; got.Before(released.Add(write)) {
		t.Errorf("the write's deadline %v is before the release + %v (%v): the hold was counted", got, write, released.Add(write))
	}
}

func httptestRequest() *http.Request {
	r, _ := http.NewRequest("GET", "http://iam/", nil)
	return r
}

// Stopping does not wait for a client that stalls longer than
// -shutdown-timeout: its connection is closed, and run returns nil.
func TestShutdownWithAStalledClient(t *testing.T) {
	s := start(t, "-quiet", "-shutdown-timeout", "20ms")
	c := dial(t, s.url)
	// The server answers "100 Continue" once the handler reads the body:
	// then the request is in progress, and the client stalls.
	io.WriteString(c, "POST / HTTP/1.1\r\nHost: iam\r\nExpect: 100-continue\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n")
	r := bufio.NewReader(c)
	c.SetReadDeadline(time.Now().Add(bound))
	if line, err := r.ReadString('\n'); err != nil || line != "HTTP/1.1 100 Continue\r\n" {
		t.Fatalf("before the body: %q, %v; want 100 Continue", line, err)
	}
	if err := s.stop(); err != nil {
		t.Fatalf("run returned %v on stop, want nil", err)
	}
	readUntilClosed(t, c)
	if got := s.stderr.String(); got != "" {
		t.Errorf("stderr with -quiet: %q", got)
	}
}

func TestTimeoutFlags(t *testing.T) {
	for _, args := range [][]string{{"-body-timeout", "0s"}, {"-write-timeout", "-1s"}, {"-idle-timeout", "0"}, {"-shutdown-timeout", "0s"}, {"-header-timeout", "0s"}} {
		if err := runErr(t, args...); !strings.Contains(err.Error(), args[0]) {
			t.Errorf("%q: %v; want the flag named", args, err)
		}
	}
}

// A Latency fault longer than every bound still gets its answer: the bounds
// are on the client's reads and writes, not on the time the fake holds a
// request. (The fault's delay is real time; the test waits on the answer.)
func TestLatencyOutlastsTheBounds(t *testing.T) {
	s := start(t, "-quiet", "-body-timeout", "50ms", "-write-timeout", "50ms", "-idle-timeout", "50ms")
	req, _ := http.NewRequest("POST", s.url+"/_fakeiam/faults", strings.NewReader(`{"operation":"ListUsers","effect":"Latency","latency":"300ms"}`))
	req.Header.Set("Authorization", "Bearer "+s.env["FAKEIAM_TOKEN"])
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("adding a latency rule: %v %v", resp, err)
	}
	resp.Body.Close()
	c := iam.New(s.client().Options(), func(o *iam.Options) { o.RetryMaxAttempts = 1 })
	start := time.Now()
	if _, err := c.ListUsers(context.Background(), &iam.ListUsersInput{}); err != nil {
		t.Fatalf("ListUsers held 300ms with 50ms bounds: %v, want its answer", err)
	}
	if held := time.Since(start); held < 300*time.Millisecond {
		t.Errorf("ListUsers answered after %v: the latency rule did not hold it", held)
	}
}
