// Package fakeiam is an in-memory fake of AWS IAM for tests of code that uses
// aws-sdk-go-v2's *iam.Client, or any other IAM client over HTTP: signing
// certificates, the users that own them and their access keys, the
// account's alias, and STS's GetCallerIdentity for every principal (STS
// clients from Config, STSClient, or AttachSTS on yours; Operations lists
// the operations).
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
// # Choices and limits
//
// Where IAM's behavior is unknown, the fake picks what makes a test fail
// where production would. It does not evaluate IAM policies (inject
// AccessDenied with a fault rule instead) and leaves the SDK's raw HTTP
// response out of ResultMetadata. Other IAM operations fail at once with
// *UnsupportedOperationError (over HTTP, NotImplemented), never silently.
//
// In the repository, docs/authentication.md says what is verified of a
// request's signature; docs/contract.md lists what the fake reproduces of IAM, each behavior with
// its source (IAM's model, recorded answers, AWS's documentation, or a
// choice); docs/architecture.md is the map of the code, for contributors.
package fakeiam
