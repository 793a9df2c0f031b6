package fakeiam

import "net/http"

// WireClient is a new HTTP client for a test's requests to an endpoint,
// internal and external tests alike: a transport of its own, which no
// other test's server shares. A pool shared across tests failed twice in
// .ci/run with "use of closed network connection": every httptest.Server's
// Close closes http.DefaultTransport's idle connections, and a server
// closed at one test's end leaves kept-alive connections to its port,
// which a later test's server may be given again; a pooled connection to
// the old one was then handed to a request for the new one.
func WireClient() *http.Client {
	return &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
}
