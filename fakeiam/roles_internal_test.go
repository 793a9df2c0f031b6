package fakeiam

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
)

// TestDeleteRoleConflicts: DeleteRole refuses a role that still has inline
// policies, then one with attached managed policies, in that order, with
// IAM's texts (docs/contract.md, "Roles"). The policies are put on the role
// directly: the operations that put them live with role policies.
func TestDeleteRoleConflicts(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name             string
		inline, attached bool
		want             string // "" for deleted
	}{
		{"an inline policy", true, false, "DeleteConflict: Cannot delete entity, must delete policies first."},
		{"an attached policy", false, true, "DeleteConflict: Cannot delete entity, must detach all policies first."},
		{"both: inline policies first", true, true, "DeleteConflict: Cannot delete entity, must delete policies first."},
		{"neither", false, false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := New(Role("app"))
			if err != nil {
				t.Fatal(err)
			}
			f.mu.Lock()
			r := f.accounts[DefaultAccountID].role("app")
			if tc.inline {
				r.inline.list = []*namedPolicy{{name: "p", doc: "{}"}}
			}
			if tc.attached {
				r.policies = []*customerPolicy{{name: "q"}}
			}
			f.mu.Unlock()
			_, err = f.Client().DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("app")})
			got := ""
			var ae smithy.APIError
			if errors.As(err, &ae) {
				got = ae.ErrorCode() + ": " + ae.ErrorMessage()
			} else if err != nil {
				got = err.Error()
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("DeleteRole (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzCheckTrustPolicy: any document gets a trust policy's answer, never a
// panic: stored, MalformedPolicyDocument (JSON that does not parse always
// with "This policy contains invalid Json"), or the size quota.
func FuzzCheckTrustPolicy(f *testing.F) {
	f.Add(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)
	f.Add(`{"Statement":{"Effect":"Allow","Principal":{"AWS":[]},"Action":["sts:*Role?","s3:*"],"Resource":"*"}}`)
	f.Add(`{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",}]}`)
	f.Fuzz(func(t *testing.T, doc string) {
		err := checkTrustPolicy(doc)
		switch {
		case err == nil:
			if policySize(doc) > assumeRolePolicySizeMax {
				t.Fatalf("checkTrustPolicy(%q) stored %d characters", doc, policySize(doc))
			}
		case err.Code == "LimitExceeded":
			if err.Status != 409 || policySize(doc) <= assumeRolePolicySizeMax {
				t.Fatalf("checkTrustPolicy(%q) = %+v", doc, err)
			}
		case err.Code != "MalformedPolicyDocument" || err.Status != 400 || err.Message == "":
			t.Fatalf("checkTrustPolicy(%q) = %+v", doc, err)
		}
		if !json.Valid([]byte(doc)) && (err == nil || err.Message != msgPolicyInvalidJSON) {
			t.Fatalf("checkTrustPolicy(%q) of no JSON = %+v, want %q", doc, err, msgPolicyInvalidJSON)
		}
	})
}
