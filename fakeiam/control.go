package fakeiam

import (
	"bufio"
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The control API: fault rules, the call log and a reset, as JSON over the
// HTTP door's listener, for tests that are not written in Go. Every request
// carries "Authorization: Bearer <token>" (see WithControlToken). Keys are
// lowerCamel everywhere, as IAM's member names (userName, maxItems).
//
//	GET    /_fakeiam/operations    the operations the fake implements → 200 ["CreateAccessKey", ...]
//	POST   /_fakeiam/faults        add a rule (controlRule as JSON) → 201 {"id": "1"}
//	GET    /_fakeiam/faults        the rules added here and still installed, oldest first → 200 [{"id": "1", ...}, ...]
//	DELETE /_fakeiam/faults/{id}   remove that rule → 204
//	DELETE /_fakeiam/faults        remove every rule → 204
//	GET    /_fakeiam/calls         the call log, streamed → 200 [call, ...]; ?operation=A&operation=B (or A,B) keeps those
//	POST   /_fakeiam/reset         back to the seed: state, rules and log → 204
//	POST   /_fakeiam/web-identity-token  {"issuer": "https://...", "claims": {...}} → 200 {"token": "eyJ..."}, an ID token AssumeRoleWithWebIdentity accepts (Fake.WebIdentityToken)
//
// Errors are JSON too: {"error": "what is wrong"} with status 400, 401, 404,
// 405 or 413, in the terms of this API (never a Go name).

// maxControlBytes is the largest control request body: a rule is a few
// hundred bytes.
const maxControlBytes = 64 << 10

// controlRule is a fault rule as the control API takes it.
type controlRule struct {
	// Operation is the IAM operation, as GET /_fakeiam/operations lists
	// them; empty means every operation.
	Operation string `json:"operation,omitempty"`
	// Effect is one of ServiceFailure, Throttle, AccessDenied, Error,
	// Latency, ShortPage.
	Effect string `json:"effect"`
	// FirstN picks the first n attempts the rule sees; 0 means every attempt.
	FirstN int `json:"firstN,omitempty"`
	// For Error: the IAM error to answer with.
	Code    string `json:"code,omitempty"`
	Status  int    `json:"status,omitempty"`
	Message string `json:"message,omitempty"`
	// For Latency: a Go duration, e.g. "250ms".
	Latency string `json:"latency,omitempty"`
	// For ShortPage: the most items a page holds.
	PageSize int `json:"pageSize,omitempty"`
}

// errListOperations ends a message about an unknown operation.
const errListOperations = "GET /_fakeiam/operations lists them"

// rule turns the JSON form into a Rule, or says what is wrong with it in
// the API's own terms.
func (cr controlRule) rule() (Rule, error) {
	r := Rule{Operation: Operation(cr.Operation)}
	op := lookupOperation(r.Operation)
	if cr.Operation != "" && op == nil {
		return r, fmt.Errorf("operation %q is not one the fake implements: %s", cr.Operation, errListOperations)
	}
	// Each member belongs to one effect: one given to another would be
	// ignored silently.
	for _, m := range []struct {
		name, effect string
		set          bool
	}{
		{"code", "Error", cr.Code != ""}, {"status", "Error", cr.Status != 0}, {"message", "Error", cr.Message != ""},
		{"latency", "Latency", cr.Latency != ""}, {"pageSize", "ShortPage", cr.PageSize != 0},
	} {
		if m.set && cr.Effect != m.effect {
			return r, fmt.Errorf("%q belongs to effect %s, not %q", m.name, m.effect, cr.Effect)
		}
	}
	switch cr.Effect {
	case "ServiceFailure":
		r.Then = ServiceFailure()
	case "Throttle":
		r.Then = Throttle()
	case "AccessDenied":
		r.Then = AccessDenied()
	case "Error":
		switch {
		case cr.Code == "":
			return r, errors.New(`effect Error needs "code", the IAM error code to answer with`)
		case cr.Status < 400 || cr.Status > 599:
			return r, fmt.Errorf(`effect Error needs "status", an HTTP error status (400 to 599), not %d`, cr.Status)
		}
		r.Then = Fail(&Error{Code: cr.Code, Status: cr.Status, Message: cr.Message})
	case "Latency":
		d, err := time.ParseDuration(cr.Latency)
		switch {
		case err != nil:
			return r, fmt.Errorf(`"latency" %q: want a duration such as "250ms" or "2s"`, cr.Latency)
		case d < 0:
			return r, fmt.Errorf(`"latency" %q: a delay is at least 0`, cr.Latency)
		}
		r.Then = Latency(d)
	case "ShortPage":
		switch {
		case cr.PageSize < 1:
			return r, fmt.Errorf(`effect ShortPage needs "pageSize", at least 1, not %d`, cr.PageSize)
		case op != nil && !op.pages:
			return r, fmt.Errorf("effect ShortPage: %s does not page (it takes no Marker and MaxItems)", op.name)
		}
		r.Then = ShortPage(cr.PageSize)
	default:
		return r, fmt.Errorf("effect %q: want ServiceFailure, Throttle, AccessDenied, Error, Latency or ShortPage", cr.Effect)
	}
	switch {
	case cr.FirstN < 0:
		return r, fmt.Errorf(`"firstN" %d: counts start at 1 (0 or absent: every attempt)`, cr.FirstN)
	case cr.FirstN > 0:
		r.Attempts = FirstN(cr.FirstN)
	}
	// The checks Inject makes, in case they grow beyond those above.
	if broken := newInstalledRule(r).broken; broken != "" {
		return r, errors.New(broken)
	}
	return r, nil
}

// controlRules remembers the rules added through the control API, by id.
type controlRules struct {
	mu    sync.Mutex
	next  int
	added []addedRule // oldest first
}

type addedRule struct {
	ID string `json:"id"`
	controlRule
	installed *installedRule
	remove    func()
}

// current drops the rules no longer installed (removed, cleared or reset
// through the Go API too) and returns those that are. Call with c.mu held.
func (c *controlRules) current(f *Fake) []addedRule {
	c.added = slices.DeleteFunc(c.added, func(a addedRule) bool { return !f.faults.installed(a.installed) })
	return c.added
}

// forget drops every id: the rules behind them are gone.
func (c *controlRules) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.added = nil
}

// controlEndpoints are the control API's paths and the methods each takes.
var controlEndpoints = map[string][]string{
	"operations": {http.MethodGet},
	"faults":     {http.MethodGet, http.MethodPost, http.MethodDelete},
	"faults/":    {http.MethodDelete},
	"calls":      {http.MethodGet},
	"reset":      {http.MethodPost},
	// web_identity.go
	"web-identity-token": {http.MethodPost},
}

func (h *httpDoor) control(w http.ResponseWriter, r *http.Request) {
	reply := func(status int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		if v != nil {
			json.NewEncoder(w).Encode(v)
		}
	}
	refuse := func(status int, format string, args ...any) {
		reply(status, map[string]string{"error": fmt.Sprintf(format, args...)})
	}
	if h.token == "" {
		refuse(http.StatusNotFound, "the control API is off: the fake was served without a control token")
		return
	}
	given, bearer := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !bearer || subtle.ConstantTimeCompare([]byte(given), []byte(h.token)) != 1 {
		refuse(http.StatusUnauthorized, "missing or wrong control token: send Authorization: Bearer <token> (the token the endpoint printed as FAKEIAM_TOKEN)")
		return
	}
	path := strings.TrimPrefix(r.URL.Path, controlPrefix)
	endpoint, id := path, ""
	if rest, ok := strings.CutPrefix(path, "faults/"); ok {
		endpoint, id = "faults/", rest
	}
	methods, ok := controlEndpoints[endpoint]
	switch {
	case !ok:
		refuse(http.StatusNotFound, "no control endpoint %s: there are /_fakeiam/operations, /_fakeiam/faults, /_fakeiam/faults/{id}, /_fakeiam/calls, /_fakeiam/reset and /_fakeiam/web-identity-token", r.URL.Path)
		return
	case !slices.Contains(methods, r.Method):
		w.Header().Set("Allow", strings.Join(methods, ", "))
		takes := methods[len(methods)-1]
		if n := len(methods); n > 1 {
			takes = strings.Join(methods[:n-1], ", ") + " or " + takes
		}
		refuse(http.StatusMethodNotAllowed, "%s %s: this endpoint takes %s", r.Method, r.URL.Path, takes)
		return
	}
	switch endpoint + " " + r.Method {
	case "operations GET":
		reply(http.StatusOK, Operations())
	case "faults POST":
		var cr controlRule
		if status, err := readControlBody(w, r, &cr); err != nil {
			refuse(status, "fault rule: %v", err)
			return
		}
		rule, err := cr.rule()
		if err != nil {
			refuse(http.StatusBadRequest, "fault rule: %v", err)
			return
		}
		installed, remove := h.f.inject([]Rule{rule})
		h.rules.mu.Lock()
		h.rules.next++
		id := strconv.Itoa(h.rules.next)
		h.rules.added = append(h.rules.added, addedRule{ID: id, controlRule: cr, installed: installed[0], remove: remove})
		h.rules.mu.Unlock()
		reply(http.StatusCreated, map[string]string{"id": id})
	case "faults GET":
		h.rules.mu.Lock()
		rules := slices.Clone(h.rules.current(h.f))
		h.rules.mu.Unlock()
		if rules == nil {
			rules = []addedRule{}
		}
		reply(http.StatusOK, rules)
	case "faults DELETE":
		h.f.ClearFaults()
		h.rules.forget()
		reply(http.StatusNoContent, nil)
	case "faults/ DELETE":
		h.rules.mu.Lock()
		rules := h.rules.current(h.f)
		i := slices.IndexFunc(rules, func(a addedRule) bool { return a.ID == id })
		var remove func()
		if i >= 0 {
			remove = rules[i].remove
			h.rules.added = slices.Delete(rules, i, i+1)
		}
		h.rules.mu.Unlock()
		if remove == nil {
			refuse(http.StatusNotFound, "no fault rule with id %q: GET /_fakeiam/faults lists the rules", id)
			return
		}
		remove()
		reply(http.StatusNoContent, nil)
	case "calls GET":
		ops, err := callsFilter(r)
		if err != nil {
			refuse(http.StatusBadRequest, "%v", err)
			return
		}
		h.streamCalls(w, ops)
	case "reset POST":
		h.f.Reset()
		h.rules.forget()
		reply(http.StatusNoContent, nil)
	case "web-identity-token POST":
		var req struct {
			Issuer string         `json:"issuer"`
			Claims map[string]any `json:"claims"`
		}
		if status, err := readControlBody(w, r, &req); err != nil {
			refuse(status, "web identity token: %v", err)
			return
		}
		tok, err := h.f.WebIdentityToken(req.Issuer, req.Claims)
		if err != nil {
			refuse(http.StatusBadRequest, "web identity token: %s", strings.TrimPrefix(err.Error(), "fakeiam: WebIdentityToken: "))
			return
		}
		reply(http.StatusOK, map[string]string{"token": tok})
	}
}

// readControlBody decodes the request's body, one JSON object with only
// v's members, into v; on failure it returns the status to answer with.
func readControlBody(w http.ResponseWriter, r *http.Request, v any) (int, error) {
	tooLarge := fmt.Errorf("the body is over %d bytes", maxControlBytes)
	if r.ContentLength > maxControlBytes {
		return http.StatusRequestEntityTooLarge, tooLarge
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxControlBytes))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return http.StatusRequestEntityTooLarge, tooLarge
		}
		return http.StatusBadRequest, fmt.Errorf("reading the body: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return http.StatusBadRequest, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return http.StatusBadRequest, errors.New("the body holds one JSON object, and more follows it")
	}
	return 0, nil
}

// callsFilter reads GET /_fakeiam/calls's query: the operations to keep
// (none: all), refusing any it does not know.
func callsFilter(r *http.Request) ([]Operation, error) {
	var ops []Operation
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil { // a pair it cannot read would otherwise drop out, and the filter with it
		return nil, fmt.Errorf("/_fakeiam/calls: the query string cannot be read: %v", err)
	}
	for key, values := range query {
		if key != "operation" {
			return nil, fmt.Errorf("/_fakeiam/calls takes the parameter \"operation\", not %q", key)
		}
		for _, v := range values {
			for name := range strings.SplitSeq(v, ",") {
				op := Operation(strings.TrimSpace(name))
				if lookupOperation(op) == nil && !isAction(string(op)) { // unimplemented attempts are logged too
					return nil, fmt.Errorf("operation %q is not an IAM operation (GET /_fakeiam/operations lists those the fake implements)", op)
				}
				ops = append(ops, op)
			}
		}
	}
	return ops, nil
}

// streamCalls writes the call log as a JSON array, one attempt at a time:
// a read holds one attempt's JSON at once, however long the log.
func (h *httpDoor) streamCalls(w http.ResponseWriter, ops []Operation) {
	chunks, full := h.f.log.snapshot()
	if full != nil {
		w.Header().Set("X-Fakeiam-Warning", full.Error())
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	bw := bufio.NewWriterSize(w, 32<<10)
	enc := newCallEncoder(bw)
	bw.WriteByte('[')
	n := 0
	for _, chunk := range chunks { // entries are never changed once appended
		for i := range chunk {
			e := &chunk[i]
			if len(ops) > 0 && !slices.Contains(ops, e.op) {
				continue
			}
			if n > 0 {
				bw.WriteByte(',')
			}
			n++
			if err := enc.Encode(h.f.callJSONOf(e)); err != nil {
				return // the client went away
			}
		}
	}
	bw.WriteString("]\n")
	bw.Flush()
}
