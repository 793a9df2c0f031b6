package fakeiam

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
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
		parsed, ok := new(policyReader).parse(p.Document)
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
		policyEntity{name: "admins", id: "AGPAEXAMPLE", kind: entityGroup},
		policyEntity{name: "Bob", id: "AIDAEXAMPLE", kind: entityUser})}
	checkHeldBytes(t, &page, map[reflect.Type]int{reflect.TypeFor[entitiesPage](): 2, reflect.TypeFor[policyEntity](): 3})
}

// TestAWSHistoryReadOnDemand: GetPolicy and GetPolicyVersion of the
// default version leave a policy's history unread (the catalog's history
// is read, and a policy's older versions rebuilt, only for a call that
// needs them: docs/contract.md); ListPolicyVersions reads it. The policy
// is one no other test of the package asks about.
func TestAWSHistoryReadOnDemand(t *testing.T) {
	const arn = "arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess"
	c := awsCatalog()
	i := c.Index(arn)
	if i < 0 {
		t.Fatal("not in the catalog")
	}
	read := func() bool {
		awsVersionList(-1) // makes the lists, reads nothing
		return awsLists.lists[i].Load() != nil
	}
	if read() {
		t.Skip("another test read this policy's versions first")
	}
	f, err := New()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	p, err := f.Client().GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(arn)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Client().GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: aws.String(arn), VersionId: p.Policy.DefaultVersionId}); err != nil {
		t.Fatal(err)
	}
	if read() {
		t.Error("GetPolicy and GetPolicyVersion of the default read the policy's history")
	}
	if _, err := f.Client().ListPolicyVersions(ctx, &iam.ListPolicyVersionsInput{PolicyArn: aws.String(arn)}); err != nil {
		t.Fatal(err)
	}
	if !read() {
		t.Error("ListPolicyVersions did not read the policy's versions")
	}
}
