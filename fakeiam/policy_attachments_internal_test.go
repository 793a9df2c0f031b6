package fakeiam

import (
	"reflect"
	"testing"
)

// TestAttachedPageHeldBytes: ListAttached*Policies' page counts what the
// reflective sizer counts, without reflection (as TestPoliciesPageHeldBytes;
// names and ARNs share one array, as attachedPolicies makes them).
func TestAttachedPageHeldBytes(t *testing.T) {
	texts := append(make([]string, 0, 6), "deploy", "read")
	page := attachedPage{marker: "next", names: texts[:2:2]}
	texts = append(texts, "arn:aws:iam::123456789012:policy/deploy", "arn:aws:iam::123456789012:policy/read")
	page.arns = texts[2:]
	checkHeldBytes(t, &page, map[reflect.Type]int{reflect.TypeFor[attachedPage](): 3})
}
