package fakeiam

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// The core: one attempt of one IAM call in, one outcome out, whichever door
// it came through. authenticate → faults → validate and operate (the
// operation's handler) → log. A door only translates: the SDK door
// (middleware.go) from the SDK's stack and back into what the SDK would have
// built from IAM's response; the HTTP door from IAM's query protocol and back
// into IAM's XML.

// request is one attempt as a door hands it to the core.
type request struct {
	ctx   context.Context
	op    Operation
	input any // the SDK's typed input
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

// outcome is the core's answer to a request.
type outcome struct {
	output any    // on success: a fresh typed output
	apiErr *Error // IAM's error, when IAM answered with one
	// err is the error the caller gets, as the SDK hands it up below its
	// retry loop: for an IAM error, the chain the SDK builds from IAM's
	// response; for an ended context, the SDK's canceled-send error;
	// otherwise a fault of the fake's own (*UnsupportedOperationError,
	// *RuleError). The call log keeps it, whatever the door.
	err       error
	requestID string // "" when nothing answered (the context ended first)
	canceled  bool   // the context ended before an answer
	caller    string // the caller's ARN, else the key id it named, for logs
}

// errZeroFake answers every call of a Fake that New did not build.
var errZeroFake = errors.New("fakeiam: this Fake was not built by New or MustNew; a zero Fake holds no IAM (use fakeiam.New)")

// serve answers one attempt.
func (f *Fake) serve(r *request) outcome {
	if f.wire == nil {
		return outcome{err: nonRetryable{errZeroFake}, apiErr: &Error{Code: "InternalFailure", Status: 500, Message: errZeroFake.Error()}}
	}
	reqN := f.ids.nextRequest()
	input, size := copySized(r.input) // as the attempt arrived
	call := Call{Operation: r.op, Input: input, Attempt: r.attempt, RequestID: f.ids.formatRequestID(reqN)}
	op := lookupOperation(r.op)
	var key *accessKey
	var keyID string
	var apiErr *Error
	a := &attempt{}
	if op != nil { // an operation the fake does not implement fails first, loudly
		key, keyID, apiErr = f.authenticate(r, a)
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
	switch {
	case op == nil:
		o.err = &UnsupportedOperationError{Operation: r.op}
	case apiErr != nil:
	default:
		eff, ruleErr := f.faults.apply(r.ctx, op, &call, r.call)
		switch {
		case ruleErr != nil:
			o.err = ruleErr
		case eff.ended != nil: // Latency outlived the context
			o.err = canceledSendError(eff.ended)
		case eff.err != nil:
			apiErr = eff.err
		case eff.denied:
			apiErr = errAccessDenied(call.Caller.ARN, r.op, op.resource(f, a, r.input))
		case r.invalid != nil:
			apiErr = r.invalid
		default:
			a.shortPage = eff.shortPage
			var b builder
			if b, apiErr = op.handle(f, a, r.input); apiErr == nil {
				o.output, built = b.build(), b
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
		o.err = f.wire.sdkError(apiErr, o.requestID)
	}

	e := logEntry{op: r.op, input: call.Input, caller: call.Caller, attempt: r.attempt, reqN: reqN, err: o.err}
	if key == nil {
		e.caller.AccessKeyID = strings.Clone(keyID) // not a slice of the Authorization header
	}
	if o.err == nil { // the caller got one output; the log builds its own when read
		e.output = built.build
		size += built.bytes
	} else if o.apiErr != nil {
		size += len(o.apiErr.Message)
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
	s := r.signer
	if s == nil {
		s = f.checkSignature(r.signed, r.payloadHash, r.issued)
	}
	if s.err != nil {
		return nil, s.keyID, s.err
	}
	key := s.key
	f.mu.RLock()
	active := key.status == types.StatusTypeActive // still: it may have changed since the check
	if active {
		a.caller, a.who, a.name = key.owner, callerOf(key.owner, key.id), f.ownerName(key.owner)
	}
	f.mu.RUnlock()
	if !active {
		return nil, key.id, errInvalidClientTokenID()
	}
	// GetAccessKeyLastUsed reports the minute of the newest signed request.
	if minute := f.now().Truncate(time.Minute).Unix(); key.lastUsed.Load() != minute {
		key.lastUsed.Store(minute)
	}
	return key, key.id, nil
}

// UnsupportedOperationError is returned for an IAM operation the fake does not
// implement. It is not retried, and no request leaves the process.
type UnsupportedOperationError struct {
	Operation Operation
}

func (e *UnsupportedOperationError) Error() string {
	return "fakeiam: IAM operation " + string(e.Operation) + " is not implemented by the fake (nothing was sent)"
}

// RetryableError tells the SDK's retryer not to retry.
func (e *UnsupportedOperationError) RetryableError() bool { return false }

type nonRetryable struct{ error }

func (e nonRetryable) Unwrap() error        { return e.error }
func (e nonRetryable) RetryableError() bool { return false }
