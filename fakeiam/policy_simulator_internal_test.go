package fakeiam

import (
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/fakeiam/internal/policyeval"
)

// TestDocumentMemo: the simulator's memo keeps documents up to its byte
// budget, the oldest dropped first, a document over an eighth of it never;
// a refused document is refused again, never remembered.
func TestDocumentMemo(t *testing.T) {
	m := &documentMemo{max: 80, byText: map[string]*policyeval.Policy{}}
	p := &policyeval.Policy{}
	a, b, c := strings.Repeat("a", 10), strings.Repeat("b", 10), strings.Repeat("c", 70)
	m.put(a, p)
	m.put(b, p)
	if m.get(a) != p || m.get(b) != p {
		t.Fatal("two small documents: not both kept")
	}
	m.put(c, p) // over an eighth of 80: not kept, nothing dropped
	if m.get(c) != nil || m.get(a) == nil {
		t.Errorf("a document over an eighth of the budget: kept %v, the oldest kept %v", m.get(c) != nil, m.get(a) != nil)
	}
	for i := range 7 { // 7 more of 10 bytes: 90 > 80, the oldest goes
		m.put(strings.Repeat(string(rune('d'+i)), 10), p)
	}
	if m.get(a) != nil || m.get(b) == nil || m.size > m.max {
		t.Errorf("over the budget: a kept %v, b kept %v, size %d of %d", m.get(a) != nil, m.get(b) != nil, m.size, m.max)
	}
	bad := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*"}}`
	for range 2 {
		if _, _, err := simulatedPolicies("PolicyInputList", []string{bad}); err == nil {
			t.Fatal("a statement without Resource: accepted")
		}
	}
	if simulatedDocuments.get(bad) != nil {
		t.Error("a refused document was remembered")
	}
}
