package fakeiam

import (
	"context"
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
