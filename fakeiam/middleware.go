package fakeiam

import (
	"context"
	"errors"
	"fmt"
	"strings"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// The seam. Two middlewares go into every operation stack of a client the
// fake is attached to:
//
//   - captureInput (Initialize) keeps the typed input in a stack value, since
//     the Finalize step sees only the serialized request;
//   - answer (Finalize, innermost: after Retry, auth scheme, endpoint and
//     Signing) authenticates the signed request, applies faults, runs the
//     operation on the in-memory IAM, logs the attempt, and returns the output
//     or the error exactly as the SDK's deserializers would have. It never
//     calls the next handler, so no request reaches the HTTP client.
//
// Calls to any other service pass through both untouched.

// Operation names an IAM API operation, as in the call log and fault rules.
type Operation string

// The operations the fake implements.
const (
	ListSigningCertificates  Operation = "ListSigningCertificates"
	UploadSigningCertificate Operation = "UploadSigningCertificate"
	UpdateSigningCertificate Operation = "UpdateSigningCertificate"
	DeleteSigningCertificate Operation = "DeleteSigningCertificate"
)

// Operations lists the operations the fake implements.
func Operations() []Operation {
	return []Operation{ListSigningCertificates, UploadSigningCertificate, UpdateSigningCertificate, DeleteSigningCertificate}
}

const (
	captureID = "fakeiam.CaptureInput"
	answerID  = "fakeiam.Answer"
)

// install adds the fake's middlewares to stack; it is the APIOption that
// Attach and Config use. Installing the same fake twice is harmless; a second
// fake on one client is an error on every call, never a silent choice.
//
// Finalize middleware that an option adds after the fake (Finalize.Add with
// middleware.After) sits behind the answer and never runs; add such
// middleware before attaching the fake, or insert it relative to "Signing".
func (f *Fake) install(stack *middleware.Stack) error {
	if m, ok := stack.Finalize.Get(answerID); ok {
		if a, _ := m.(*answer); a != nil && a.f == f {
			return nil
		}
		return errors.New("fakeiam: this client is already attached to another fake")
	}
	if err := stack.Initialize.Add(&captureInput{}, middleware.After); err != nil {
		return fmt.Errorf("fakeiam: install: %w", err)
	}
	// Add(After) at install time puts answer after every Finalize middleware
	// the SDK registered (Retry, ResolveAuthScheme, GetIdentity,
	// ResolveEndpointV2, ComputePayloadSHA256, Signing, interceptors).
	if err := stack.Finalize.Add(&answer{f: f}, middleware.After); err != nil {
		return fmt.Errorf("fakeiam: install: %w", err)
	}
	return nil
}

// invocation is one SDK call: its typed input, shared by all its attempts.
type invocation struct {
	input    any
	attempts int
	// issued is what the fake's own credentials provider handed the SDK
	// for this call, if the client's credentials are the fake's (see
	// issuedCredentials); nil otherwise.
	issued *issuedCredentials
}

type invocationKey struct{}

type captureInput struct{}

func (*captureInput) ID() string { return captureID }

func (*captureInput) HandleInitialize(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
	if awsmiddleware.GetServiceID(ctx) != iam.ServiceID {
		return next.HandleInitialize(ctx, in)
	}
	ctx = middleware.WithStackValue(ctx, invocationKey{}, &invocation{input: in.Parameters})
	return next.HandleInitialize(ctx, in)
}

type answer struct{ f *Fake }

func (*answer) ID() string { return answerID }

func (m *answer) HandleFinalize(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
	if awsmiddleware.GetServiceID(ctx) != iam.ServiceID {
		return next.HandleFinalize(ctx, in)
	}
	return m.f.answer(ctx, in)
}

// answer handles one attempt of one IAM call.
func (f *Fake) answer(ctx context.Context, in middleware.FinalizeInput) (out middleware.FinalizeOutput, md middleware.Metadata, err error) {
	op := Operation(awsmiddleware.GetOperationName(ctx))
	inv, _ := middleware.GetStackValue(ctx, invocationKey{}).(*invocation)
	req, _ := in.Request.(*smithyhttp.Request)
	if inv == nil || req == nil {
		return out, md, errors.New("fakeiam: the fake's middleware is not installed as Attach installs it")
	}
	inv.attempts++ // attempts of one call run one after another

	reqN := f.ids.nextRequest()
	call := Call{Operation: op, Input: copyInput(inv.input), Attempt: inv.attempts, RequestID: f.ids.formatRequestID(reqN)}
	keyID, key, apiErr := f.authenticate(ctx, req, inv)
	var caller *principal
	if apiErr == nil {
		caller = key.owner
	}
	call.Caller = f.callerOf(caller, keyID)

	var res result
	var opErr error
	switch {
	case apiErr != nil:
	case !implemented(op):
		opErr = &UnsupportedOperationError{Operation: op}
	default:
		var eff effect
		eff, opErr = f.faults.apply(ctx, &call)
		if opErr == nil {
			apiErr = eff.err
			if eff.denied {
				apiErr = errAccessDenied(call.Caller.ARN, op, f.targetUserName(&call))
			}
			if apiErr == nil {
				res, apiErr = f.dispatch(op, caller, inv.input, eff)
			}
		}
	}

	if call.RequestID != "" {
		awsmiddleware.SetRequestIDMetadata(&md, call.RequestID)
	}
	switch {
	case opErr != nil:
		err = opErr
	case apiErr != nil:
		err = f.wire.sdkError(apiErr, call.RequestID)
	default:
		out.Result = f.materialize(res)
	}
	if call.RequestID == "" { // no response came: the context ended first
		reqN = 0
	}
	// The log keeps model pointers and numbers, not strings cut from the
	// request: an entry must not hold the Authorization header alive.
	e := logEntry{op: op, input: call.Input, attempt: call.Attempt, reqN: reqN, err: err, res: res}
	if caller != nil {
		e.key = key
	} else {
		e.keyID = strings.Clone(keyID)
	}
	f.log.record(e)
	return out, md, err
}

// authenticate returns the access key id that signed req and, if the fake
// knows it, the key; or IAM's authentication error. The signature is
// recomputed and compared, unless the SDK signed with credentials the fake
// itself issued for that very key and secret (the SDK's signer then computed
// it from the right secret).
func (f *Fake) authenticate(ctx context.Context, req *smithyhttp.Request, inv *invocation) (string, *accessKey, *Error) {
	h := req.Header.Get("Authorization")
	if h == "" {
		return "", nil, errMissingAuthenticationToken()
	}
	auth, ok := parseAuthorization(h)
	if !ok {
		return "", nil, errMissingAuthenticationToken()
	}
	f.mu.RLock()
	key := f.keys[auth.accessKeyID]
	f.mu.RUnlock()
	if key == nil {
		return auth.accessKeyID, nil, errInvalidClientTokenID()
	}
	if !inv.issued.attests(f, key) && !verifySigV4(req.Request, auth, key.secret, v4.GetPayloadHash(ctx), key) {
		return key.id, key, errSignatureDoesNotMatch()
	}
	return key.id, key, nil
}

func implemented(op Operation) bool {
	switch op {
	case ListSigningCertificates, UploadSigningCertificate, UpdateSigningCertificate, DeleteSigningCertificate:
		return true
	}
	return false
}

// dispatch runs op on the in-memory IAM.
func (f *Fake) dispatch(op Operation, caller *principal, input any, eff effect) (result, *Error) {
	switch in := input.(type) {
	case *iam.ListSigningCertificatesInput:
		return f.listSigningCertificates(caller, in, listOptions{shortPage: eff.shortPage})
	case *iam.UploadSigningCertificateInput:
		return f.uploadSigningCertificate(caller, in, f.now())
	case *iam.UpdateSigningCertificateInput:
		return f.updateSigningCertificate(caller, in)
	case *iam.DeleteSigningCertificateInput:
		return f.deleteSigningCertificate(caller, in)
	}
	return result{}, &Error{Code: "InternalFailure", Status: 500, Message: fmt.Sprintf("fakeiam: %s got input %T", op, input)}
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
