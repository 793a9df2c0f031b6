package fakeiam

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam/internal/deepcopy"
)

// The core: one attempt of one IAM call in, one outcome out, whichever door
// it came through. authenticate → faults → the operation's handler
// (operations.go dispatches to its resource's file) → log. A door only
// translates: the SDK door (middleware.go) from the SDK's stack, and back
// into what the SDK would have built from IAM's response; the HTTP door
// (httpdoor.go) from IAM's query protocol, and back into IAM's XML. An IAM
// error is made once, as an *Error, and each door renders it. Below serve:
// the request flow the handlers share (validate, lock, resolve the user,
// page), which reads and changes the model (state.go); the model calls
// nothing above it.

// request is one attempt as a door hands it to the core.
type request struct {
	ctx   context.Context
	svc   *service // the service called: IAM when nil
	op    Operation
	input any // the SDK's typed input
	// owned says that nothing but the fake holds input (the HTTP door
	// decoded it): the call log keeps it as it is, unless its operation
	// redacts what it logs (passwords), which it does in a copy: the
	// handler reads the input. Otherwise it is the caller's, who may
	// change it later, and the log keeps a copy.
	owned bool
	// invalid, when set, is the ValidationError a door found decoding the
	// input (HTTP door: MaxItems=abc); it is answered where validation is.
	invalid *Error
	// signed is the HTTP request as signed: built by the SDK (SDK door) or
	// received (HTTP door). The caller is read from its signature.
	signed      *http.Request
	payloadHash string // hex SHA-256 of the body, as signed
	// signer, when set, is the HTTP door's check of the signature, made
	// before it decoded the input; nil: the core checks it.
	signer *signer
	// issued is the fake's own credentials provider when the SDK signed
	// with it (SDK door only): the signature is then known to be right.
	issued *issuedCredentials
	// call identifies the call the attempt belongs to: attempts of one call
	// share it, whatever the door (the SDK door numbers calls at
	// serialization; the HTTP door maps the SDK's amz-sdk-invocation-id
	// header to a number). 0 means a call of its own.
	call    uint64
	attempt int // 1 for the first attempt, 2 for the first retry, ...
}

// callNumbers hands out door-neutral call ids, from 1.
type callNumbers struct{ n atomic.Uint64 }

func (c *callNumbers) next() uint64 { return c.n.Add(1) }

// outcome is the core's answer to a request.
type outcome struct {
	output any // on success: a fresh typed output
	// apiErr is IAM's error, when IAM answered with one, made once where
	// the outcome was decided; answered is the same error as the doors
	// render it (see errorAnswer).
	apiErr   *Error
	answered *errorAnswer
	// err is a failure that is not IAM's answer, as the SDK hands it up
	// below its retry loop: for an ended context, the SDK's canceled-send
	// error; otherwise a fault of the fake's own
	// (*UnsupportedOperationError, *RuleError). The call log keeps it,
	// whatever the door.
	err       error
	requestID string // "" when nothing answered (the context ended first)
	canceled  bool   // the context ended before an answer
	caller    string // the caller's ARN, else the key id it named, for logs
}

// sdkError is the error the SDK hands up below its retry loop for o: for
// IAM's error, the chain the SDK builds from IAM's response; nil on
// success.
func (o *outcome) sdkError() error {
	if o.answered != nil {
		return o.answered.sdkError()
	}
	return o.err
}

// errZeroFake answers every call of a Fake that New did not build.
var errZeroFake = errors.New("fakeiam: this Fake was not built by New or MustNew; a zero Fake holds no IAM (use fakeiam.New)")

// serve answers one attempt.
func (f *Fake) serve(r *request) outcome {
	if f.wire == nil {
		return outcome{err: nonRetryable{errZeroFake}, apiErr: &Error{Code: "InternalFailure", Status: 500, Message: errZeroFake.Error()}}
	}
	if r.svc == nil {
		r.svc = serviceIAM
	}
	reqN := f.ids.nextRequest()
	op := lookupOperation(r.op)
	if op != nil && op.service != r.svc { // another service's operation of that name
		op = nil
	}
	input, size := r.input, 0
	if r.owned && (op == nil || op.redact == nil) {
		size = deepcopy.Size(input)
	} else {
		input, size = deepcopy.Sized(input) // as the attempt arrived
	}
	if op != nil && op.redact != nil {
		op.redact(input) // the log's own copy (a password), before anything reads it
	}
	// The attempt's record (which faults see) and what its handler knows
	// of it, in one allocation: both outlive this frame's view of them.
	// The request too: the door's own stays on its stack.
	st := &struct {
		call Call
		a    attempt
		req  request
	}{call: Call{Operation: r.op, Input: input, Attempt: r.attempt, RequestID: f.ids.formatRequestID(reqN)}, req: *r}
	call, a, req := &st.call, &st.a, &st.req
	a.req = req
	var key *accessKey
	var keyID string
	var apiErr *Error
	// IAM refuses a request it cannot authenticate before it looks at the
	// operation: an operation the fake does not implement fails loudly
	// only for a correctly signed request.
	if op == nil || !op.anonymous {
		key, keyID, apiErr = f.authenticate(req, a)
	}
	call.Caller = a.who
	if key == nil {
		call.Caller.AccessKeyID = keyID
	}
	o := outcome{caller: call.Caller.ARN}
	if o.caller == "" {
		o.caller = keyID
	}

	var built builder
	var authz *Authorization
	switch {
	case apiErr != nil:
	case op == nil:
		o.err = &UnsupportedOperationError{Operation: req.op, Service: req.svc.label()}
	default:
		eff, ruleErr := f.faults.decide(req.ctx, op, call, req.call)
		if eff.waited { // the operation runs later than the request arrived: its time is read again (nowFor)
			a.at = time.Time{}
		}
		var denied *Error
		if f.enforce && ruleErr == nil && eff.ended == nil && eff.err == nil && !eff.denied {
			authz, denied = f.authorize(req, op, a) // before validation, as an AccessDenied fault
		}
		switch {
		case ruleErr != nil:
			o.err = ruleErr
		case eff.ended != nil: // Latency outlived the context
			o.err = canceledSendError(eff.ended)
		case eff.err != nil:
			apiErr = eff.err
		case eff.denied && op.anonymous: // no caller to name: AssumeRoleWithWebIdentity's text
			apiErr = &Error{"AccessDenied", 403, msgWebIdentityDenied}
		case eff.denied:
			apiErr = errAccessDenied(call.Caller.ARN, req.op, op.resource(f, a, req.input))
		case denied != nil:
			apiErr = denied
		case req.invalid != nil:
			apiErr = req.invalid
		default:
			a.shortPage = eff.shortPage
			var b builder
			if b, apiErr = op.handle(f, a, req.input); apiErr == nil {
				o.output, built = b.answer.build(), b
			}
			if a.authz != nil { // a handler that authorizes (AssumeRole) decided
				authz = a.authz
			}
		}
	}
	if call.RequestID == "" { // a fault ended with the context: nothing answered
		reqN = 0
		o.canceled = true
	} else {
		o.requestID = call.RequestID
	}
	if apiErr != nil {
		o.apiErr = apiErr
		o.answered = &errorAnswer{e: apiErr, requestID: o.requestID, svc: req.svc, wire: f.wire}
	}

	e := logEntry{op: req.op, input: call.Input, caller: call.Caller, attempt: req.attempt, reqN: reqN, apiErr: o.apiErr, err: o.err, authz: authz}
	if key == nil {
		e.caller.AccessKeyID = strings.Clone(keyID) // not a slice of the Authorization header
	}
	switch {
	case o.output != nil: // the caller got one output; the log builds its own when read
		e.output = built.answer
		size += built.bytes
	}
	f.log.record(e, size)
	return o
}

// authenticate returns the access key that signed r (nil when the fake does
// not know it) and the key id the request named, or IAM's authentication
// error; it fills in a's caller, as it is now (read under the lock: a
// rename may follow). The HTTP door checks the signature before it decodes
// the input and hands the result in r.signer; otherwise it is checked here.
func (f *Fake) authenticate(r *request, a *attempt) (*accessKey, string, *Error) {
	var s signer
	if r.signer != nil {
		s = *r.signer
	} else {
		s = f.checkSignature(r.svc, r.signed, r.payloadHash, r.issued)
	}
	if s.err != nil {
		return nil, s.keyID, s.err
	}
	key := s.key
	a.at = s.at
	f.mu.RLock()
	active := key.status == types.StatusTypeActive // still: it may have changed since the check
	if active {
		a.caller, a.session, a.who, a.name = key.owner, key.session, callerOf(key, key.id), f.ownerName(key.owner)
	}
	f.mu.RUnlock()
	if !active {
		return nil, key.id, errInvalidClientTokenIDOf(r.svc)
	}
	// GetAccessKeyLastUsed reports the minute of the newest signed request.
	if minute := f.nowAt(s.at).Truncate(time.Minute).Unix(); key.lastUsed.Load() != minute {
		key.lastUsed.Store(minute)
		noteRoleUse(&f.mu, key.owner, minute) // a role's last use: GetRole's RoleLastUsed (roles.go)
	}
	return key, key.id, nil
}

// UnsupportedOperationError is returned for an IAM or STS operation the
// fake does not implement. It is not retried, and no request leaves the
// process.
type UnsupportedOperationError struct {
	Operation Operation
	Service   string // "IAM" or "STS"
}

func (e *UnsupportedOperationError) Error() string {
	svc := e.Service
	if svc == "" {
		svc = "IAM"
	}
	return "fakeiam: " + svc + " operation " + string(e.Operation) + " is not implemented by the fake (nothing was sent)"
}

// RetryableError tells the SDK's retryer not to retry.
func (e *UnsupportedOperationError) RetryableError() bool { return false }

type nonRetryable struct{ error }

func (e nonRetryable) Unwrap() error        { return e.error }
func (e nonRetryable) RetryableError() bool { return false }

// Request flow: the steps an operation on a user's resources takes, in
// IAM's order, so that its handler says only what is its own: validate →
// lock → resolve the user acted on → page (userPage) or find the item
// (itemOp) → read or change the model (state.go) → capture the answer.

// pageSpec says how a List of a user's items (certificates, access keys)
// pages: its items in listing order, and each item's place in that order,
// which a marker carries.
type pageSpec[T any] struct {
	op    Operation
	items func(*principal) []T
	pos   func(T) markerPos
	// after reports whether item comes after the position pos (a page
	// continues there, whether or not the marker's own item still exists).
	after func(item T, pos markerPos) bool
}

// userPage runs a List of a user's items with IAM's checks in IAM's order,
// under the read lock: (validated before) → implicit user
// → user exists → marker (bound to the operation, account and user) → the
// page, items[start:end], and the marker of what follows ("" when nothing
// does). answer builds the result from them, under the lock.
func userPage[T, Out any](f *Fake, s pageSpec[T], a *attempt, userName, marker *string, maxItems *int32,
	answer func(owner *principal, start, end int, next string) result[Out]) (result[Out], *Error) {
	var none result[Out]
	limit := pageLimit(maxItems, a)
	f.mu.RLock()
	defer f.mu.RUnlock()
	owner, err := f.resolveUser(a.caller, userName)
	if err != nil {
		return none, err
	}
	items := s.items(owner)
	start := 0
	if marker != nil {
		pos, ok := f.decodeMarker(s.op, owner.account.id, owner.userID, *marker)
		if !ok {
			return none, errValidation(msgInvalidMarker)
		}
		start = sort.Search(len(items), func(i int) bool { return s.after(items[i], pos) })
	}
	end := min(start+limit, len(items))
	var next string
	if end < len(items) {
		next = f.encodeMarker(s.op, owner.account.id, owner.userID, s.pos(items[end-1]))
	}
	return answer(owner, start, end, next), nil
}

// pageLimit is how many items a page holds: MaxItems (validated), IAM's
// default of 100, or fewer when a fault shortens pages.
func pageLimit(maxItems *int32, a *attempt) int {
	limit := maxItemsDefault
	if maxItems != nil {
		limit = int(*maxItems)
	}
	if a.shortPage > 0 && a.shortPage < limit {
		limit = a.shortPage
	}
	return limit
}

// itemSpec says how an operation on one of a user's items (a certificate,
// an access key) finds it.
type itemSpec[T any] struct {
	items    func(*principal) []T
	idOf     func(T) string
	notFound func(id string) *Error
}

// itemOp runs an operation on one of a user's items with IAM's checks in
// IAM's order, under the write lock: (validated before) → implicit user →
// user exists → check → the user's item exists → do. check may be nil.
func itemOp[T any](f *Fake, s itemSpec[T], caller *principal, userName, id *string, check func() *Error, do func(T)) *Error {
	f.mu.Lock()
	defer f.mu.Unlock()
	owner, err := f.resolveUser(caller, userName)
	if err != nil {
		return err
	}
	if check != nil {
		if err := check(); err != nil {
			return err
		}
	}
	items := s.items(owner)
	i := slices.IndexFunc(items, func(item T) bool { return s.idOf(item) == *id })
	if i < 0 {
		return s.notFound(*id)
	}
	do(items[i])
	return nil
}

// resolveUser finds the user an operation acts on: the named user of the
// caller's account, or, when userName is nil, the caller itself.
func (f *Fake) resolveUser(caller *principal, userName *string) (*principal, *Error) {
	if err := f.current(caller); err != nil {
		return nil, err
	}
	if userName == nil {
		if caller.kind == kindRole {
			return nil, errValidation(msgNonUserCaller)
		}
		return caller, nil
	}
	u := caller.account.user(*userName)
	if u == nil {
		return nil, errNoSuchUser(*userName)
	}
	return u, nil
}

// resolveGroup finds the group of the caller's account named name (IAM
// group names ignore case), or IAM's NoSuchEntity. Call with f.mu held.
func (f *Fake) resolveGroup(caller *principal, name string) (*group, *Error) {
	if err := f.current(caller); err != nil {
		return nil, err
	}
	g := caller.account.group(name)
	if g == nil {
		return nil, errNoSuchGroup(name)
	}
	return g, nil
}

// current refuses a caller authenticated before a Reset: its key is not one
// of the state the fake now holds. Call with f.mu held.
func (f *Fake) current(caller *principal) *Error {
	if f.accounts[caller.account.id] != caller.account {
		return errInvalidClientTokenID()
	}
	return nil
}
