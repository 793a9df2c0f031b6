package fakeiam

import "net/http"

// WireClient is the tests' HTTP client, internal and external: a
// transport of their own. Every httptest.Server's Close (Endpoint's
// cleanup among them) closes http.DefaultTransport's idle connections, and
// net/http's read loop can hand a connection back to that pool just before
// a response reaches its caller: a request in one parallel test would fail
// with "use of closed network connection" when another test's server
// closes (seen once in .ci/run, TestListPages' HTTP door).
var WireClient = &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
