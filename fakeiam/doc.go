// Package fakeiam is an in-memory fake of AWS IAM for tests of code that uses
// aws-sdk-go-v2's *iam.Client, or any other IAM client over HTTP: signing
// certificates, the users that own them and their access keys (Operations
// lists the operations).
//
// Seed it in one expression, get a client in one line, run the code under
// test, assert:
//
//	f := fakeiam.MustNew(
//		fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{}), // defaults: real PEM, id, Active
//	)
//	client := f.Client()                     // hermetic *iam.Client, signing as the account root
//	bob := f.User("Bob").Client()            // signs with Bob's access key
//	mine := iam.NewFromConfig(cfg, f.Attach) // a client you build; keeps your retryer
//	url := f.Endpoint(t)                     // the same fake over HTTP, for --endpoint-url
//
// The code under test cannot tell the fake from IAM: it gets the SDK's own
// output and error types, built by the SDK's own deserializer from IAM's
// wire format; the fake answers inside the SDK's retry loop, after signing,
// so retries, request ids, pagination and the caller's identity behave as
// with IAM. Nothing reaches the network: clients the fake builds or attaches
// to refuse every HTTP request. The fake's clock is the real time, as IAM's
// is; WithFixedTime stops it for golden outputs.
//
// # Where things are
//
// One core, two doors, one operation table:
//
//   - middleware.go: the SDK door, where an in-process call enters (the
//     innermost Finalize position) and leaves as what the SDK would have
//     built from IAM's response. httpdoor.go: the HTTP door (Handler,
//     Endpoint), IAM's query protocol; querycodec.go its codec, generic over
//     the SDK's types; control.go the JSON control API beside it.
//   - core.go: the core both doors call: authenticate → faults → validate
//     and operate → log. auth.go: SigV4.
//   - operations.go: the operation table. Each operation is declared once,
//     in its resource's file: signing_certificates.go, users.go,
//     access_keys.go, each with its handler and registration, its tests in
//     the file of the same name with _test.
//   - state.go: where state lives (accounts, principals, keys,
//     certificates). builders.go: seeding. clients.go: clients and
//     inspection for every principal (Principal).
//   - validate.go, errors.go, markers.go, certs.go: IAM's constraint texts,
//     error codes and messages, list markers, certificate bodies and the
//     upload check.
//   - faults.go: injected faults. calllog.go: the record of every attempt;
//     deepcopy.go its copies. sweep.go: Sweep, which fails each call of a
//     workflow in turn. clock.go, ids.go: time and identifiers.
//
// # Choices and limits
//
// Where IAM's behavior is unknown, the fake picks what makes a test fail
// where production would (README.md lists each choice). It does not evaluate
// IAM policies (inject AccessDenied with a fault rule instead), does not
// check request time skew, session tokens or the signing region, and leaves
// the SDK's raw HTTP response out of ResultMetadata. Other IAM operations
// fail at once with *UnsupportedOperationError (over HTTP, NotImplemented),
// never silently.
package fakeiam
