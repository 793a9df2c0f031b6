package fakeiam

import (
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam/internal/awspolicies"
)

// TestAWSCatalogDocuments: every document of the catalog parses with the
// fake's policy-document parser as a managed policy (version 2012-10-17,
// no Principal). IAM's own documents skip the checks it makes on a
// customer's writes: of those, only the three below refuse some of them
// (AWS writes arn:*:... resources and IAM resource paths a customer may
// not; S3 access point ARNs with a region, which the fake's resource check
// refuses as it does a bucket's), and no document is refused for anything
// else.
func TestAWSCatalogDocuments(t *testing.T) {
	c, err := awspolicies.Load()
	if err != nil {
		t.Fatal(err)
	}
	refused := 0
	for _, p := range c.Policies {
		parsed, ok := parsePolicy(p.Document)
		if !ok {
			t.Errorf("%s: the document does not parse", p.Name)
			continue
		}
		if parsed.principal || parsed.version != "2012-10-17" {
			t.Errorf("%s: Principal %v, Version %q", p.Name, parsed.principal, parsed.version)
		}
		if err := parsed.check(managedPolicy); err != nil {
			refused++
			if !strings.HasPrefix(err.Message, `Partition "*" is not valid`) && !strings.HasPrefix(err.Message, "IAM resource path must") &&
				!strings.HasSuffix(err.Message, "can not contain region information.") {
				t.Errorf("%s: refused: %s", p.Name, err.Message)
			}
		}
	}
	if refused > len(c.Policies)/20 {
		t.Errorf("%d of %d documents refused by the customer's checks; want few", refused, len(c.Policies))
	}
}

// BenchmarkAWSCatalogLoad is the first use's cost: reading the embedded
// catalog (once per process; New never pays it).
func BenchmarkAWSCatalogLoad(b *testing.B) {
	for b.Loop() {
		if c := awsCatalog(); len(c.Policies) == 0 {
			b.Fatal("empty catalog")
		}
	}
}

// TestPoliciesPageHeldBytes: a page of policies counts what the reflective
// sizer counts, without reflection. heldBytes names each field that holds
// bytes: a field added to these types must be counted there too (this
// fails until it is).
func TestPoliciesPageHeldBytes(t *testing.T) {
	tags := append(make([]types.Tag, 0, 3), types.Tag{Key: aws.String("team"), Value: aws.String("ops")})
	page := policiesPage{marker: "next", page: append(make([]customerPolicyView, 0, 4),
		customerPolicyView{name: "deploy", path: "/ops/", id: "ANPAEXAMPLE", arn: "arn:aws:iam::123456789012:policy/ops/deploy",
			description: "Deploys.", defaultVersion: "v2", tags: tags},
		customerPolicyView{name: "read", path: "/", id: "ANPAEXAMPLE2", arn: "arn:aws:iam::123456789012:policy/read", defaultVersion: "v1"})}
	checkHeldBytes(t, &page, map[reflect.Type]int{reflect.TypeFor[policiesPage](): 2, reflect.TypeFor[customerPolicyView](): 12})
}

// TestEntitiesPageHeldBytes: ListEntitiesForPolicy's page counts what the
// reflective sizer counts, without reflection (as TestPoliciesPageHeldBytes).
func TestEntitiesPageHeldBytes(t *testing.T) {
	page := entitiesPage{marker: "next", page: append(make([]policyEntity, 0, 3),
		policyEntity{key: "1", name: "admins", id: "AGPAEXAMPLE", path: "/"},
		policyEntity{key: "2", name: "Bob", id: "AIDAEXAMPLE", path: "/ops/", user: true})}
	checkHeldBytes(t, &page, map[reflect.Type]int{reflect.TypeFor[entitiesPage](): 2, reflect.TypeFor[policyEntity](): 6})
}

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
