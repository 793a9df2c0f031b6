// Package fakeaws is a module of embeddable, in-memory fakes of AWS APIs for
// unit tests of code that calls AWS through aws-sdk-go-v2. The code under
// test gets the SDK's own client, types, errors, retries and pagination; the
// fake answers in-process, in microseconds, with no network, credentials,
// environment or Docker.
//
// Services:
//
//   - [github.com/fakeaws/fakeaws/fakeiam]: IAM signing certificates, the
//     users that own them and their access keys (fakeiam.Operations lists
//     the operations), in-process through the SDK or over HTTP for any
//     other client.
//
// The examples below show the whole workflow: seed, get a client, call, assert.
package fakeaws
