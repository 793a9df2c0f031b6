package fakeiam

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/smithy-go"

	"github.com/fakeaws/fakeaws/fakeiam/internal/querycodec"
	"github.com/fakeaws/fakeaws/fakeiam/internal/sigv4"
)

// The HTTP door: the same core over IAM's query protocol (API version
// 2010-05-08), for the AWS CLI, boto3 and every other SDK. A request is
// decoded into the SDK's typed input (querycodec, generic over the SDK's
// types), answered by the core, and encoded as IAM's XML. Bad requests get
// IAM-shaped XML errors, never a panic or an HTML page.

const (
	apiVersion      = "2010-05-08"
	maxRequestBytes = 1 << 20 // bodies over 1 MiB are refused with 413
	// controlPrefix is the reserved path of the control API (control.go).
	controlPrefix = "/_fakeiam/"
)

// iamNamespace is the XML namespace of IAM's documents.
const iamNamespace = "https://iam.amazonaws.com/doc/2010-05-08/"

// Handler returns an http.Handler that serves the fake over IAM's query
// protocol: POST / with a form body, or GET with a query string, signed with
// SigV4 (header or presigned query) by a key the fake knows. Faults and the
// call log apply to its requests as to in-process calls; attempts that carry
// the SDK's amz-sdk-invocation-id and amz-sdk-request headers count as one
// call for NthCall and Sweep.
//
// The handler also serves the control API under /_fakeiam/ when given a
// control token (WithControlToken). A request whose context ends while a
// Latency fault holds it gets no answer: the handler aborts the connection
// (http.ErrAbortHandler), as a server that never answered would leave it.
func (f *Fake) Handler(opts ...HandlerOption) http.Handler {
	if f == nil {
		f = &Fake{} // answers every request with errZeroFake's text
	}
	h := &httpDoor{f: f, invocations: newInvocationIDs(4096, &f.calls)}
	for _, o := range opts {
		o(h)
	}
	return h
}

// HandlerOption configures Handler.
type HandlerOption func(*httpDoor)

// WithControlToken serves the control API (add and remove fault rules, read
// the call log, reset to the seed) under /_fakeiam/, to requests that carry
// the header "Authorization: Bearer <token>". An empty token leaves it off.
func WithControlToken(token string) HandlerOption {
	return func(h *httpDoor) { h.token = token }
}

// WithRequestLog calls log after every IAM request with one line:
// operation, caller, HTTP status and duration.
func WithRequestLog(log func(line string)) HandlerOption {
	return func(h *httpDoor) { h.logf = log }
}

// Endpoint serves the fake on a loopback port for the rest of the test and
// returns its base URL (http://127.0.0.1:PORT), for clients configured with
// an endpoint URL (BaseEndpoint, --endpoint-url). The server closes when the
// test ends; requests a Latency fault still holds then get no answer (their
// connection is dropped), so the test's cleanup never waits for them.
// Like every httptest server's, the closing also closes
// http.DefaultTransport's idle connections, and a transport that outlives
// the server keeps connections to its port, which a later server may be
// given: a client of yours sharing a transport across tests can see a
// request fail with "use of closed network connection". Give each
// endpoint's client a transport of its own (the SDK's default client has
// one).
func (f *Fake) Endpoint(t testing.TB, opts ...HandlerOption) string {
	t.Helper()
	srv := httptest.NewUnstartedServer(f.Handler(opts...)) // on 127.0.0.1, a free port
	// Every request's context ends with the test: Close waits for handlers,
	// and a held request ends only with its context.
	ctx, cancel := context.WithCancel(context.Background())
	srv.Config.BaseContext = func(net.Listener) context.Context { return ctx }
	srv.Start()
	t.Cleanup(func() {
		cancel()
		srv.Close()
	})
	return srv.URL
}

type httpDoor struct {
	f           *Fake
	token       string
	logf        func(string)
	invocations *invocationIDs
	rules       controlRules
}

func (h *httpDoor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, controlPrefix) {
		h.control(w, r)
		return
	}
	var start time.Time
	if h.logf != nil {
		start = time.Now()
	}
	status, op, caller := h.serveIAM(w, r)
	if h.logf != nil {
		if op == "" {
			op = "-"
		}
		if caller == "" {
			caller = "-"
		} else if !printable(caller) { // a key id the request named: not the log's to interpret
			caller = strconv.QuoteToASCII(caller)
		}
		h.logf(string(op) + " " + caller + " " + strconv.Itoa(status) + " " + time.Since(start).Round(time.Microsecond).String())
	}
	if status == statusNoAnswer {
		// Drop the connection: writing nothing would send an empty 200,
		// which an SDK reads as a success.
		panic(http.ErrAbortHandler)
	}
}

// statusNoAnswer is the request log's status for a request that got no
// answer: its context ended while a fault delayed it.
const statusNoAnswer = 499

// serveIAM answers one IAM request and returns the status it sent, the
// operation and the caller's ARN (or key id), for the request log.
func (h *httpDoor) serveIAM(w http.ResponseWriter, r *http.Request) (int, Operation, string) {
	// A request refused before it reaches the core gets a request id of
	// its own; one the core answers gets the core's.
	fail := func(e *Error) (int, Operation, string) {
		writeError(w, e, h.f.ids.formatRequestID(h.f.ids.nextRequest()))
		return e.Status, "", ""
	}
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET, POST") // RFC 9110: a 405 names the methods allowed
		return fail(&Error{Code: "InvalidHttpRequest", Status: http.StatusMethodNotAllowed, Message: "IAM accepts POST and GET requests, not " + r.Method + "."})
	}
	if r.ContentLength > maxRequestBytes {
		return fail(errRequestTooLarge())
	}
	body, err := readBody(http.MaxBytesReader(w, r.Body, maxRequestBytes), r.ContentLength)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return fail(errRequestTooLarge())
		}
		if timeout := net.Error(nil); errors.As(err, &timeout) && timeout.Timeout() {
			return fail(errBodyTimeout())
		}
		return fail(&Error{Code: "MalformedQueryString", Status: 400, Message: "The request body could not be read."})
	}
	form, e := requestForm(r, body)
	if e != nil {
		return fail(e)
	}
	action := form.Get("Action")
	// The API version names the service (IAM's 2010-05-08, STS's
	// 2011-06-15: one listener serves both, as the endpoint URLs of both
	// may name it); an action of another service, or of none, is not
	// found for that version.
	version := form.Get("Version")
	svc := serviceByVersion(version)
	switch {
	case action == "":
		return fail(&Error{Code: "MissingAction", Status: 400, Message: "Missing Action"})
	case version == "":
		return fail(&Error{Code: "MissingParameter", Status: 400, Message: "The request must contain the parameter Version."})
	case svc == nil || svc.actions()[action] == nil:
		if svc != nil {
			fail = func(e *Error) (int, Operation, string) {
				writeServiceError(w, svc, e, h.f.ids.formatRequestID(h.f.ids.nextRequest()))
				return e.Status, "", ""
			}
		}
		return fail(&Error{Code: "InvalidAction", Status: 400, Message: "Could not find operation " + action + " for version " + version})
	}
	op := operationByAction(svc, action)
	if op == nil {
		return h.serveUnimplemented(w, r, body, form, svc, action)
	}

	// The signature is checked over the body received (whatever hash the
	// request states), before the input is decoded: a request that fails
	// it is refused without paying for what the signature does not need.
	payloadHash := sigv4.PayloadHash(body)
	var signedBy signer
	if !op.anonymous { // AssumeRoleWithWebIdentity is not signed
		signedBy = h.f.checkSignature(svc, r, payloadHash, nil)
	}
	in := reflect.New(op.input).Interface()
	var invalid *Error
	if signedBy.err == nil { // a refused request's input is left undecoded, empty
		if derr := querycodec.DecodeInput(form, in.(smithy.Serializable)); derr != nil {
			invalid = errValidation(derr.Error())
		} else {
			invalid = op.check.missingRequired(in) // as the SDKs check before sending
		}
	}
	call, attempt := uint64(0), attemptOf(r.Header)
	if signedBy.err == nil { // a refused request's invocation id is not remembered
		call, attempt = h.invocations.callOf(r.Header)
	}
	o := h.f.serve(&request{
		ctx:         r.Context(),
		svc:         svc,
		op:          op.name,
		input:       in,
		owned:       true,
		invalid:     invalid,
		signed:      r,
		payloadHash: payloadHash,
		signer:      &signedBy,
		call:        call,
		attempt:     attempt,
	})
	caller := o.caller
	switch {
	case o.canceled: // the client went away, or the server stopped, while a fault delayed it
		return statusNoAnswer, op.name, caller
	case o.apiErr != nil:
		writeServiceError(w, svc, o.apiErr, o.requestID)
		return o.apiErr.Status, op.name, caller
	case o.err != nil: // the fake's own: a broken fault rule
		e := &Error{Code: "InvalidFaultRule", Status: 400, Message: o.err.Error()}
		writeServiceError(w, svc, e, o.requestID)
		return e.Status, op.name, caller
	}
	answer := &documentAnswer{w: w, requestID: o.requestID}
	if err := querycodec.EncodeResponse(answer, svc.namespace, string(op.name), o.output.(smithy.Serializable), o.requestID); err != nil && !answer.sent {
		writeServiceError(w, svc, &Error{Code: "InternalFailure", Status: 500, Message: "fakeiam: encoding the response: " + err.Error()}, o.requestID)
		return 500, op.name, caller
	}
	return http.StatusOK, op.name, caller
}

// documentAnswer sends the document querycodec.EncodeResponse writes, in
// one Write of the whole document, as the 200 answer: headers, then the
// document, without copying it into a buffer of its own (the copy was a
// tenth of the handler's time for a 2-certificate page).
type documentAnswer struct {
	w         http.ResponseWriter
	requestID string
	sent      bool
}

func (a *documentAnswer) Write(doc []byte) (int, error) {
	if a.sent {
		return 0, errors.New("fakeiam: a second write of one response document")
	}
	a.sent = true
	h := a.w.Header() // canonical keys, set directly: Set checks each key's every byte
	h["X-Amzn-Requestid"] = []string{a.requestID}
	h["Content-Type"] = []string{"text/xml"}
	h["Content-Length"] = []string{strconv.Itoa(len(doc))}
	a.w.WriteHeader(http.StatusOK)
	return a.w.Write(doc)
}

// serveUnimplemented answers an operation of svc the fake does not
// implement as the SDK door does: the core logs the attempt, with its
// input, and fails it with an *UnsupportedOperationError, which this door
// sends as NotImplemented (501), naming the operation.
func (h *httpDoor) serveUnimplemented(w http.ResponseWriter, r *http.Request, body []byte, form url.Values, svc *service, action string) (int, Operation, string) {
	// As for any operation, the signature comes first: a request IAM
	// would refuse is refused, and its input is logged empty, undecoded.
	payloadHash := sigv4.PayloadHash(body)
	signedBy := h.f.checkSignature(svc, r, payloadHash, nil)
	in := reflect.New(svc.actions()[action]).Interface()
	if s, ok := in.(smithy.Serializable); ok && signedBy.err == nil {
		querycodec.DecodeInput(form, s) // what decodes is logged; nothing is validated
	}
	call, attempt := uint64(0), attemptOf(r.Header)
	if signedBy.err == nil { // a refused request's invocation id is not remembered
		call, attempt = h.invocations.callOf(r.Header)
	}
	o := h.f.serve(&request{ctx: r.Context(), svc: svc, op: Operation(action), input: in, signed: r, payloadHash: payloadHash,
		signer: &signedBy, call: call, attempt: attempt})
	e := &Error{Code: "NotImplemented", Status: http.StatusNotImplemented,
		Message: "fakeiam does not implement the " + svc.label() + " operation " + action + " (nothing was done); it implements " + implementedList(svc) + "."}
	var unsupported *UnsupportedOperationError
	if !errors.As(o.err, &unsupported) { // refused before, or a zero Fake
		e = o.apiErr
	}
	writeServiceError(w, svc, e, o.requestID)
	return e.Status, Operation(action), o.caller
}

// readBody is io.ReadAll(body), into a buffer of the stated length (+1, to
// see the end without growing) when the request states one: io.ReadAll
// starts at 512 bytes, where an IAM request is typically under 100.
func readBody(body io.Reader, length int64) ([]byte, error) {
	if length < 0 || length > maxRequestBytes {
		return io.ReadAll(body)
	}
	b := make([]byte, 0, length+1)
	for {
		n, err := body.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) { // longer than stated
			b = append(b, 0)[:len(b)]
		}
	}
}

func errRequestTooLarge() *Error {
	return &Error{Code: "RequestEntityTooLarge", Status: http.StatusRequestEntityTooLarge, Message: "Request body must be at most 1048576 bytes."}
}

// errBodyTimeout answers a request whose body stopped arriving before the
// server's read deadline (cmd/fakeiam sets one): the client sent less than
// its Content-Length, or sent it too slowly. IAM's answer is unknown; the
// code is the one AWS's services give an idle upload (choice:
// docs/contract.md, "Wire format").
func errBodyTimeout() *Error {
	return &Error{Code: "RequestTimeout", Status: http.StatusBadRequest, Message: "The request body did not arrive before the server's read deadline."}
}

// requestForm is the request's parameters: the query string, and for a POST
// the form body.
func requestForm(r *http.Request, body []byte) (url.Values, *Error) {
	malformed := func(err error) *Error {
		return &Error{Code: "MalformedQueryString", Status: 400, Message: "The query string or form body is malformed: " + err.Error()}
	}
	var form url.Values
	if r.URL.RawQuery != "" || r.Method != http.MethodPost || len(body) == 0 {
		var err error
		if form, err = parseForm(r.URL.RawQuery); err != nil {
			return nil, malformed(err)
		}
	}
	if r.Method == http.MethodPost && len(body) > 0 {
		// The SDKs send the media type alone (Go's, the AWS CLI's) or with
		// "; charset=utf-8" (boto3's): the first needs no parsing.
		if ct := r.Header.Get("Content-Type"); ct != "" && ct != formMediaType {
			if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != formMediaType {
				return nil, &Error{Code: "UnsupportedMediaType", Status: http.StatusUnsupportedMediaType, Message: "IAM requests are application/x-www-form-urlencoded, not " + ct + "."}
			}
		}
		bodyForm, err := parseForm(string(body))
		if err != nil {
			return nil, malformed(err)
		}
		if form == nil { // no query string: the body is the whole form
			return bodyForm, nil
		}
		for k, v := range bodyForm {
			form[k] = append(form[k], v...)
		}
	}
	return form, nil
}

const formMediaType = "application/x-www-form-urlencoded"

// parseForm is url.ParseQuery(s), in fewer allocations for the forms SDKs
// send (a few pairs, no ';'): the map sized once, one array for the values
// of every key. Anything else, an error included, is url.ParseQuery's own
// answer. ParseQuery's map growth and one slice per key were a tenth of the
// HTTP door's handler (CPU profile of BenchmarkHTTPEndpoint's lean client,
// whose budget, 1.25 × a canned answer, this helps keep).
func parseForm(s string) (url.Values, error) {
	n := strings.Count(s, "&") + 1
	if n > maxQuickFormPairs || strings.IndexByte(s, ';') >= 0 {
		return url.ParseQuery(s)
	}
	form := make(url.Values, n)
	values := make([]string, 0, n)
	for rest := s; rest != ""; {
		var pair string
		pair, rest, _ = strings.Cut(rest, "&")
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		k, err1 := url.QueryUnescape(k)
		v, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			return url.ParseQuery(s) // its error, in its words
		}
		if vs, ok := form[k]; ok {
			form[k] = append(vs, v)
			continue
		}
		values = append(values, v)
		form[k] = values[len(values)-1 : len(values) : len(values)] // an append copies
	}
	return form, nil
}

// maxQuickFormPairs bounds the forms parseForm reads itself.
const maxQuickFormPairs = 16

func writeError(w http.ResponseWriter, e *Error, requestID string) {
	writeServiceError(w, serviceIAM, e, requestID)
}

// writeServiceError writes e as svc's error document.
func writeServiceError(w http.ResponseWriter, svc *service, e *Error, requestID string) {
	var buf bytes.Buffer
	writeErrorXML(&buf, svc.namespace, e, requestID)
	w.Header().Set("X-Amzn-Requestid", requestID)
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(e.Status)
	w.Write(buf.Bytes())
}

// isAction reports whether name is an operation of a service the fake
// answers (implemented or not).
func isAction(name string) bool {
	for _, s := range services {
		if s.actions()[name] != nil {
			return true
		}
	}
	return false
}

// implementedList names the operations of svc the fake implements, sorted,
// when they are few (STS's); else it counts them and says where they are
// listed: a CLI prints the whole message, and a hundred names drown it.
func implementedList(svc *service) string {
	var names []string
	for _, n := range operationNames {
		if operations[n].service == svc {
			names = append(names, string(n))
		}
	}
	if len(names) > maxNamedOperations {
		return strconv.Itoa(len(names)) + " " + svc.label() + " operations (fakeiam.Operations lists them; the endpoint's control API, GET /_fakeiam/operations)"
	}
	return strings.Join(names, ", ")
}

// maxNamedOperations is how many operations a NotImplemented message names.
const maxNamedOperations = 10

// invocationIDs maps the SDK's amz-sdk-invocation-id header (the same on
// every attempt of one call) to a door-neutral call id, remembering the
// newest ids only: attempts of one call follow each other closely.
type invocationIDs struct {
	mu    sync.Mutex
	ids   map[string]uint64
	order []string // ring of remembered ids
	next  int
	f     *callNumbers
}

func newInvocationIDs(n int, calls *callNumbers) *invocationIDs {
	return &invocationIDs{ids: make(map[string]uint64, n), order: make([]string, n), f: calls}
}

// attemptOf is a request's attempt number, from the amz-sdk-request
// header ("attempt=2; max=3") when the client sends it, else 1.
func attemptOf(h http.Header) int {
	attempt := 1
	for part := range strings.SplitSeq(h.Get("Amz-Sdk-Request"), ";") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(part), "attempt="); ok {
			if n, err := strconv.Atoi(v); err == nil && n >= 1 {
				attempt = n
			}
		}
	}
	return attempt
}

// callOf returns the call id and attempt number of a request: from the
// amz-sdk-invocation-id and amz-sdk-request ("attempt=2; max=3") headers
// when the client sends them, else a call of its own (0) and attempt 1.
// The doors ask only for requests whose signature passed (else they use
// attemptOf alone): unsigned requests with fresh ids would otherwise evict
// real clients' ids from the ring.
func (m *invocationIDs) callOf(h http.Header) (uint64, int) {
	attempt := attemptOf(h)
	id := h.Get("Amz-Sdk-Invocation-Id")
	if id == "" || len(id) > 128 {
		return 0, attempt
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if call, ok := m.ids[id]; ok {
		return call, attempt
	}
	if old := m.order[m.next]; old != "" {
		delete(m.ids, old)
	}
	m.order[m.next] = id
	m.next = (m.next + 1) % len(m.order)
	call := m.f.next()
	m.ids[id] = call
	return call, attempt
}

// printable reports whether s is printable ASCII without spaces, as every
// ARN and well-formed key id is: such a string can go into a log line as it
// is.
func printable(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}
