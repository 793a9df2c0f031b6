// Package fakeiam is an in-memory fake of AWS IAM's signing-certificate API
// for tests of code that uses aws-sdk-go-v2's *iam.Client:
// ListSigningCertificates, UploadSigningCertificate, UpdateSigningCertificate
// and DeleteSigningCertificate.
//
// Seed it in one expression, get a client in one line, run the code under
// test, assert:
//
//	f := fakeiam.MustNew(
//		fakeiam.User("Bob").SigningCertificate(fakeiam.Certificate{}), // defaults: real PEM, id, Active
//	)
//	client := f.Client()                        // hermetic *iam.Client, signing as the account root
//	bob := f.ClientAs("Bob")                    // signs with Bob's access key
//	mine := iam.NewFromConfig(cfg, f.Attach)    // a client you build; keeps your retryer
//
// The code under test cannot tell the fake from IAM: it gets the SDK's own
// output and error types, built by the SDK's own deserializer from IAM's
// wire format; the fake answers inside the SDK's retry loop, after signing,
// so retries, request ids, pagination and the caller's identity behave as
// with IAM. Nothing reaches the network: clients the fake builds or attaches
// to refuse every HTTP request.
//
// # Where things are
//
//   - middleware.go: where a call enters (the Finalize-step seam), and where
//     authentication, faults, the operation and the call log meet.
//   - state.go: the in-memory IAM (accounts, users, roles, root, keys,
//     certificates) and the four operations with IAM's checks in IAM's order.
//   - validate.go, errors.go, markers.go, auth.go: IAM's constraint texts,
//     error codes and messages, list markers, SigV4.
//   - certs.go, der.go: test certificate bodies, and the upload's PEM, DER
//     and validity checks.
//   - builders.go: seeding. fake.go: New and the clients. clock.go, ids.go:
//     deterministic time and identifiers.
//   - faults.go: injected faults. calllog.go: the record of every attempt.
//     sweep.go: Sweep, which fails each call of a workflow in turn.
//
// # Choices and limits
//
// Where IAM's behavior is unknown, the fake picks what makes a test fail
// where production would (README.md lists each choice). It does not evaluate
// IAM policies (inject AccessDenied with a fault rule instead), does not
// check request time skew, session tokens or the signing region, and leaves
// the SDK's raw HTTP response out of ResultMetadata. Other IAM operations
// fail at once with *UnsupportedOperationError, never silently.
package fakeiam
