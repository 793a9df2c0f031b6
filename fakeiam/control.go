package fakeiam

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
)

// The control API: fault rules, the call log and a reset, as JSON over the
// HTTP door's listener, for tests that are not written in Go. Every request
// carries "Authorization: Bearer <token>" (see WithControlToken).
//
//	POST   /_fakeiam/faults        add a rule (controlRule as JSON) → 201 {"id": "1"}
//	DELETE /_fakeiam/faults/{id}   remove that rule → 204
//	DELETE /_fakeiam/faults        remove every rule → 204
//	GET    /_fakeiam/calls         the call log → 200 [controlCall, ...]
//	POST   /_fakeiam/reset         back to the seed: state, rules and log → 204
//
// Errors are JSON too: {"error": "what is wrong"} with status 400, 401, 404
// or 405.

// controlRule is a fault rule as the control API takes it.
type controlRule struct {
	// Operation is the IAM operation, as in Operations();
	// empty means every operation.
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

// rule turns the JSON form into a Rule, or says what is wrong with it.
func (cr controlRule) rule() (Rule, error) {
	r := Rule{Operation: Operation(cr.Operation)}
	switch cr.Effect {
	case "ServiceFailure":
		r.Then = ServiceFailure()
	case "Throttle":
		r.Then = Throttle()
	case "AccessDenied":
		r.Then = AccessDenied()
	case "Error":
		r.Then = Fail(&Error{Code: cr.Code, Status: cr.Status, Message: cr.Message})
	case "Latency":
		d, err := time.ParseDuration(cr.Latency)
		if err != nil {
			return r, fmt.Errorf("latency %q: %v", cr.Latency, err)
		}
		r.Then = Latency(d)
	case "ShortPage":
		r.Then = ShortPage(cr.PageSize)
	default:
		return r, fmt.Errorf("effect %q: want ServiceFailure, Throttle, AccessDenied, Error, Latency or ShortPage", cr.Effect)
	}
	switch {
	case cr.FirstN < 0:
		return r, fmt.Errorf("firstN %d: counts start at 1 (0 or absent: every attempt)", cr.FirstN)
	case cr.FirstN > 0:
		r.Attempts = FirstN(cr.FirstN)
	}
	// The checks Inject makes, refused here rather than at every request.
	if broken := newInstalledRule(r).broken; broken != "" {
		return r, errors.New(broken)
	}
	return r, nil
}

// controlCall is one logged attempt as the control API returns it.
type controlCall struct {
	Operation string        `json:"operation"`
	Attempt   int           `json:"attempt"`
	Caller    Caller        `json:"caller"`
	RequestID string        `json:"requestId,omitempty"`
	Input     any           `json:"input"`
	Output    any           `json:"output,omitempty"`
	Error     *controlError `json:"error,omitempty"`
}

// controlError is the IAM error an attempt got, or the fake's own failure
// (Code empty).
type controlError struct {
	Code    string `json:"code,omitempty"`
	Status  int    `json:"status,omitempty"`
	Message string `json:"message"`
}

func controlErrorOf(err error) *controlError {
	if err == nil {
		return nil
	}
	ce := &controlError{Message: err.Error()}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		ce.Code, ce.Message = ae.ErrorCode(), ae.ErrorMessage()
	}
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		ce.Status = re.HTTPStatusCode()
	}
	return ce
}

// controlRules remembers the rules added through the control API by id.
type controlRules struct {
	mu      sync.Mutex
	next    int
	removes map[string]func()
}

// forget drops every id: the rules behind them are gone.
func (c *controlRules) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.removes = nil
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
	switch {
	case path == "faults" && r.Method == http.MethodPost:
		var cr controlRule
		dec := json.NewDecoder(io.LimitReader(r.Body, maxRequestBytes))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&cr); err != nil {
			refuse(http.StatusBadRequest, "fault rule: %v", err)
			return
		}
		rule, err := cr.rule()
		if err != nil {
			refuse(http.StatusBadRequest, "fault rule: %v", err)
			return
		}
		remove := h.f.Inject(rule)
		h.rules.mu.Lock()
		h.rules.next++
		id := strconv.Itoa(h.rules.next)
		if h.rules.removes == nil {
			h.rules.removes = map[string]func(){}
		}
		h.rules.removes[id] = remove
		h.rules.mu.Unlock()
		reply(http.StatusCreated, map[string]string{"id": id})
	case path == "faults" && r.Method == http.MethodDelete:
		h.f.ClearFaults()
		h.rules.forget()
		reply(http.StatusNoContent, nil)
	case strings.HasPrefix(path, "faults/") && r.Method == http.MethodDelete:
		id := strings.TrimPrefix(path, "faults/")
		h.rules.mu.Lock()
		remove, ok := h.rules.removes[id]
		delete(h.rules.removes, id)
		h.rules.mu.Unlock()
		if !ok {
			refuse(http.StatusNotFound, "no fault rule with id %q", id)
			return
		}
		remove()
		reply(http.StatusNoContent, nil)
	case path == "calls" && r.Method == http.MethodGet:
		calls, err := h.f.Calls()
		out := make([]controlCall, len(calls))
		for i, c := range calls {
			out[i] = controlCall{Operation: string(c.Operation), Attempt: c.Attempt, Caller: c.Caller, RequestID: c.RequestID,
				Input: c.Input, Output: c.Output, Error: controlErrorOf(c.Err)}
		}
		if err != nil {
			w.Header().Set("X-Fakeiam-Warning", err.Error())
		}
		reply(http.StatusOK, out)
	case path == "reset" && r.Method == http.MethodPost:
		h.f.Reset()
		h.rules.forget()
		reply(http.StatusNoContent, nil)
	case path == "faults" || strings.HasPrefix(path, "faults/") || path == "calls" || path == "reset":
		refuse(http.StatusMethodNotAllowed, "%s %s: see the control API in the README", r.Method, r.URL.Path)
	default:
		refuse(http.StatusNotFound, "no control endpoint %s: there are /_fakeiam/faults, /_fakeiam/calls and /_fakeiam/reset", r.URL.Path)
	}
}
