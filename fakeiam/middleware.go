package fakeiam

import (
	"context"
	"errors"
	"fmt"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// The SDK door. Two middlewares go into every operation stack of a client the
// fake is attached to:
//
//   - captureInput (Serialize step, just before the SDK's
//     "OperationSerializer") keeps the typed input exactly as the SDK is about
//     to put it on the wire, and numbers the call;
//   - answer (Finalize, innermost: after Retry, auth scheme, endpoint and
//     Signing) hands each attempt to the core (core.go) and turns the
//     outcome into exactly what the SDK would have built from IAM's
//     response. It never calls the next handler, so no request reaches the
//     HTTP client.
//
// Calls to IAM and STS (services.go) are answered; calls to any other
// service pass through both untouched.

const (
	captureID    = "fakeiam.CaptureInput"
	answerID     = "fakeiam.Answer"
	serializerID = "OperationSerializer" // the SDK's serializer: after it, the input is on the wire
)

// install adds the fake's middlewares to stack; it is the APIOption that
// Attach and Config use. Installing the same fake twice is harmless; a second
// fake on one client is an error on every call, never a silent choice.
//
// Finalize middleware that an option adds after the fake (Finalize.Add with
// middleware.After) sits behind the answer and never runs; add such
// middleware before attaching the fake, or insert it relative to "Signing".
func (f *Fake) install(stack *middleware.Stack) error {
	if f == nil {
		return errors.New("fakeiam: a nil *Fake was attached (use fakeiam.New)")
	}
	if m, ok := stack.Finalize.Get(answerID); ok {
		if a, _ := m.(*answer); a != nil && a.f == f {
			return nil
		}
		return errors.New("fakeiam: this client is already attached to another fake")
	}
	mw := f.mw
	if mw == nil { // a Fake that New did not build: its calls say so
		mw = &middlewares{capture: captureInput{f: f}, answer: answer{f: f}}
	}
	capture := &mw.capture
	err := stack.Serialize.Insert(capture, serializerID, middleware.Before)
	if err != nil { // a stack without the SDK's serializer: capture as late as we can
		err = stack.Serialize.Add(capture, middleware.After)
	}
	if err != nil {
		return fmt.Errorf("fakeiam: install: %w", err)
	}
	// Add(After) at install time puts answer after every Finalize middleware
	// the SDK registered (Retry, ResolveAuthScheme, GetIdentity,
	// ResolveEndpointV2, ComputePayloadSHA256, Signing, interceptors).
	if err := stack.Finalize.Add(&mw.answer, middleware.After); err != nil {
		return fmt.Errorf("fakeiam: install: %w", err)
	}
	return nil
}

// middlewares are a fake's two middlewares, made once: the SDK runs the
// client's options, install among them, on every call.
type middlewares struct {
	capture captureInput
	answer  answer
}

// invocation is one SDK call: its typed input and number, shared by all its
// attempts through the stack value captureInput sets.
type invocation struct {
	// svc and op are the call's service and operation, read once where
	// the SDK's list of stack values is shorter: each read from Finalize
	// walks the whole list.
	svc      *service
	op       Operation
	input    any
	call     uint64
	attempts int
	// issued is what the fake's own credentials provider handed the SDK
	// for this call, if the client's credentials are the fake's (see
	// issuedCredentials); nil otherwise.
	issued *issuedCredentials
}

type invocationKey struct{}

// invocationContext carries a call's invocation below captureInput: one
// allocation where a stack value (middleware.WithStackValue) takes three,
// on every call (BenchmarkListSigningCertificates, -benchmem). The SDK's
// own stack values and context values pass through it untouched.
type invocationContext struct {
	context.Context
	inv invocation
}

func (c *invocationContext) Value(key any) any {
	if key == (invocationKey{}) {
		return &c.inv
	}
	return c.Context.Value(key)
}

// outsideInvocation hides an invocation the context inherited: a call of
// another service made with the context of an IAM call (a credentials
// provider, a middleware during signing) passes through the fake, as every
// other service's call does (answer reads the invocation first).
type outsideInvocation struct{ context.Context }

func (c outsideInvocation) Value(key any) any {
	if key == (invocationKey{}) {
		return nil
	}
	return c.Context.Value(key)
}

// invocationOf is the call's invocation, nil outside a call to the fake.
func invocationOf(ctx context.Context) *invocation {
	inv, _ := ctx.Value(invocationKey{}).(*invocation)
	return inv
}

type captureInput struct{ f *Fake }

func (*captureInput) ID() string { return captureID }

func (m *captureInput) HandleSerialize(ctx context.Context, in middleware.SerializeInput, next middleware.SerializeHandler) (middleware.SerializeOutput, middleware.Metadata, error) {
	svc := serviceByID(awsmiddleware.GetServiceID(ctx))
	if svc == nil {
		if invocationOf(ctx) != nil { // another service's call made inside one of ours: not ours to answer
			ctx = outsideInvocation{ctx}
		}
		return next.HandleSerialize(ctx, in)
	}
	inv := invocation{svc: svc, op: Operation(awsmiddleware.GetOperationName(ctx)), input: in.Parameters, call: m.f.calls.next()}
	return next.HandleSerialize(&invocationContext{Context: ctx, inv: inv}, in)
}

type answer struct{ f *Fake }

func (*answer) ID() string { return answerID }

func (m *answer) HandleFinalize(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (out middleware.FinalizeOutput, md middleware.Metadata, err error) {
	inv := invocationOf(ctx)
	if inv == nil && serviceByID(awsmiddleware.GetServiceID(ctx)) == nil {
		return next.HandleFinalize(ctx, in) // another service's call: captureInput let it pass
	}
	req, _ := in.Request.(*smithyhttp.Request)
	if inv == nil || req == nil {
		return out, md, errors.New("fakeiam: the fake's middleware is not installed as Attach installs it")
	}
	inv.attempts++ // attempts of one call run one after another
	o := m.f.serve(&request{
		ctx:         ctx,
		svc:         inv.svc,
		op:          inv.op,
		input:       inv.input,
		signed:      req.Request,
		payloadHash: v4.GetPayloadHash(ctx),
		issued:      inv.issued,
		call:        inv.call,
		attempt:     inv.attempts,
	})
	if o.requestID != "" {
		awsmiddleware.SetRequestIDMetadata(&md, o.requestID)
	}
	if err := o.sdkError(); err != nil {
		return out, md, err
	}
	out.Result = o.output
	return out, md, nil
}
