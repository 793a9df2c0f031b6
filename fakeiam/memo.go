package fakeiam

import "sync"

// A memo remembers values made from their keys, at most most of them:
// past that it starts afresh, every value forgotten at once (what is
// asked again is made again soon enough). The values are made outside it:
// two goroutines may both make one, and either is remembered. Safe for
// concurrent use. Its users: the web identity tokens a fake verified
// (web_identity.go), and, process-wide, default certificate bodies and
// their layouts (certs.go) and the SAML metadata documents checked
// (saml_providers.go).
type memo[K comparable, V any] struct {
	mu   sync.Mutex
	m    map[K]V
	most int
}

func (m *memo[K, V]) lookup(k K) (V, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.m[k]
	return v, ok
}

func (m *memo[K, V]) remember(k K, v V) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil || len(m.m) >= m.most {
		m.m = make(map[K]V)
	}
	m.m[k] = v
}

// get is k's value, made by make (outside m's lock) and remembered when
// m has none.
func (m *memo[K, V]) get(k K, make func() V) V {
	v, ok := m.lookup(k)
	if !ok {
		v = make()
		m.remember(k, v)
	}
	return v
}

// len is how many values m remembers.
func (m *memo[K, V]) len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.m)
}
