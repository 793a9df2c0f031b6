package fakeiam

import (
	"reflect"
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

// TestSimulatedPageHeldBytes: a simulation's page counts itself as the
// reflective sizer would (keptBytes uses its count instead).
func TestSimulatedPageHeldBytes(t *testing.T) {
	allowed := true
	d := func(res string) simulatedDecision {
		return simulatedDecision{resource: res, decision: policyeval.Allowed, boundary: &allowed,
			matched: append(make([]simulatedStatement, 0, 3), simulatedStatement{source: "user_Bob_s3", kind: identityPolicyType}),
			missing: []string{"aws:username", "s3:prefix"}}
	}
	page := simulatedPage{marker: "next", results: append(make([]simulatedAction, 0, 4),
		simulatedAction{action: "s3:GetObject", resource: "arn:aws:s3:::b/k", decision: d("arn:aws:s3:::b/k"),
			perResource: []simulatedDecision{d("arn:aws:s3:::b/k"), d("arn:aws:s3:::c/k")}, details: true},
		simulatedAction{action: "iam:GetUser", resource: "*", decision: simulatedDecision{decision: policyeval.ImplicitDeny}})}
	checkHeldBytes(t, &page, map[reflect.Type]int{
		reflect.TypeFor[simulatedPage](): 2, reflect.TypeFor[simulatedAction](): 6,
		reflect.TypeFor[simulatedDecision](): 6, reflect.TypeFor[simulatedStatement](): 4,
	})
}

// checkHeldBytes: page's heldBytes, which keptBytes uses instead of the
// reflective sizer, counts what that sizer counts. heldBytes names each
// field that holds bytes: fields gives the types it reads and how many
// fields each had when it was written, so a field added must be counted
// there too (this fails until it is).
func checkHeldBytes[P any](t *testing.T, page *P, fields map[reflect.Type]int) {
	t.Helper()
	for typ, n := range fields {
		if got := typ.NumField(); got != n {
			t.Errorf("%s has %d fields, %d when heldBytes was written: count the new ones there, then here", typ, got, n)
		}
	}
	h, ok := any(page).(interface{ heldBytes() int })
	if !ok {
		t.Fatalf("%T has no heldBytes", page)
	}
	held := refHeld(reflect.TypeFor[P]())
	if want, got := held(reflect.ValueOf(page).Elem()), h.heldBytes(); got != want {
		t.Errorf("heldBytes %d, the reflective sizer %d", got, want)
	}
}
