package fakeiam_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// TestSharedAnswersOneClient: calls by one client, none of which writes,
// so that a whole list's shared answer (sharedAnswer) is found by the
// next call: a marker, another prefix or status, a page of one, and a
// credential past its expiration after the fake's clock moved (which is
// no write) are each answered for themselves. (The scenario tests make a
// client a call, and a client is made with a write: they list, change and
// list again.)
func TestSharedAnswersOneClient(t *testing.T) {
	ctx := context.Background()
	bogus := aws.String("bogus")
	refused := func(t *testing.T, what string, err error) {
		t.Helper()
		if got := apiErrorMessage(err); got != invalidMarker.Message {
			t.Errorf("%s after the whole list: %q, want %q", what, got, invalidMarker.Message)
		}
	}
	t.Run("ListAttachedUserPolicies", func(t *testing.T) {
		c := newFake(seedPolicies(fakeiam.ManagedPolicy("Audit", docList).Path("/audit/").AttachedToUsers("Bob"))...).Client()
		names := func(in iam.ListAttachedUserPoliciesInput) []string {
			in.UserName = bob
			out, err := c.ListAttachedUserPolicies(ctx, &in)
			if err != nil {
				t.Fatal(err)
			}
			var ns []string
			for _, p := range out.AttachedPolicies {
				ns = append(ns, *p.PolicyName)
			}
			return ns
		}
		for _, step := range []struct {
			in   iam.ListAttachedUserPoliciesInput
			want []string
		}{
			{iam.ListAttachedUserPoliciesInput{}, []string{"Audit", "ReadOnly"}},
			{iam.ListAttachedUserPoliciesInput{PathPrefix: aws.String("/audit/")}, []string{"Audit"}},
			{iam.ListAttachedUserPoliciesInput{MaxItems: aws.Int32(1)}, []string{"Audit"}},
			{iam.ListAttachedUserPoliciesInput{}, []string{"Audit", "ReadOnly"}},
		} {
			if diff := cmp.Diff(step.want, names(step.in)); diff != "" {
				t.Errorf("%+v (-want +got):\n%s", step.in, diff)
			}
		}
		_, err := c.ListAttachedUserPolicies(ctx, &iam.ListAttachedUserPoliciesInput{UserName: bob, Marker: bogus})
		refused(t, "a bad marker", err)
	})
	t.Run("ListVirtualMFADevices", func(t *testing.T) {
		c := newFake(seedMFA()...).Client()
		count := func(in iam.ListVirtualMFADevicesInput) int {
			out, err := c.ListVirtualMFADevices(ctx, &in)
			if err != nil {
				t.Fatal(err)
			}
			return len(out.VirtualMFADevices)
		}
		for _, step := range []struct {
			in   iam.ListVirtualMFADevicesInput
			want int
		}{
			{iam.ListVirtualMFADevicesInput{}, 2},
			{iam.ListVirtualMFADevicesInput{AssignmentStatus: types.AssignmentStatusTypeAssigned}, 1},
			{iam.ListVirtualMFADevicesInput{MaxItems: aws.Int32(1)}, 1},
			{iam.ListVirtualMFADevicesInput{}, 2},
		} {
			if got := count(step.in); got != step.want {
				t.Errorf("%+v: %d devices, want %d", step.in, got, step.want)
			}
		}
		_, err := c.ListVirtualMFADevices(ctx, &iam.ListVirtualMFADevicesInput{Marker: bogus})
		refused(t, "a bad marker", err)
	})
	t.Run("ListServiceSpecificCredentials", func(t *testing.T) {
		f := newFake(seedSSCs()...)
		c := f.Client()
		statuses := func(in iam.ListServiceSpecificCredentialsInput) []types.StatusType {
			in.UserName = bob
			out, err := c.ListServiceSpecificCredentials(ctx, &in)
			if err != nil {
				t.Fatal(err)
			}
			var ss []types.StatusType
			for _, m := range out.ServiceSpecificCredentials {
				ss = append(ss, m.Status)
			}
			return ss
		}
		git, keys := aws.String(codecommit), aws.String(keyspaces)
		for _, step := range []struct {
			in   iam.ListServiceSpecificCredentialsInput
			want []types.StatusType
		}{
			{iam.ListServiceSpecificCredentialsInput{ServiceName: git}, []types.StatusType{types.StatusTypeActive}},
			{iam.ListServiceSpecificCredentialsInput{ServiceName: keys}, []types.StatusType{types.StatusTypeInactive}},
			{iam.ListServiceSpecificCredentialsInput{ServiceName: git}, []types.StatusType{types.StatusTypeActive}},
		} {
			if diff := cmp.Diff(step.want, statuses(step.in)); diff != "" {
				t.Errorf("%+v (-want +got):\n%s", step.in, diff)
			}
		}
		_, err := c.ListServiceSpecificCredentials(ctx, &iam.ListServiceSpecificCredentialsInput{UserName: bob, ServiceName: git, Marker: bogus})
		refused(t, "a bad marker", err)
		// Bob's Bedrock key expires in 24 hours: its list is answered anew
		// once the fake's clock has passed that, which no write marks.
		bedrock := iam.ListServiceSpecificCredentialsInput{ServiceName: aws.String(bedrock)}
		if diff := cmp.Diff([]types.StatusType{types.StatusTypeActive}, statuses(bedrock)); diff != "" {
			t.Errorf("the key before it expires (-want +got):\n%s", diff)
		}
		if err := f.Advance(25 * time.Hour); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]types.StatusType{types.StatusTypeExpired}, statuses(bedrock)); diff != "" {
			t.Errorf("the key after it expired (-want +got):\n%s", diff)
		}
	})
}
