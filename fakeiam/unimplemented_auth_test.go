package fakeiam_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// TestUnimplementedOperationsAreAuthenticatedOverHTTP: IAM refuses a
// request it cannot authenticate before it looks at what the request asks
// for, so an operation the fake does not implement gets IAM's
// authentication refusal first; only a correctly signed request learns it
// is not implemented (501). A refused request's input is not decoded: it
// is logged empty, with no caller.
func TestUnimplementedOperationsAreAuthenticatedOverHTTP(t *testing.T) {
	const form = "Action=GenerateServiceLastAccessedDetails&Arn=arn%3Aaws%3Aiam%3A%3A123456789012%3Auser%2FBob&Granularity=ACTION_LEVEL" + withVersion
	decoded := &iam.GenerateServiceLastAccessedDetailsInput{Arn: aws.String("arn:aws:iam::123456789012:user/Bob"), Granularity: types.AccessAdvisorUsageGranularityTypeActionLevel}
	tests := []struct {
		name       string
		creds      func(root aws.Credentials) aws.Credentials
		wantStatus int
		wantCode   string
		wantInput  *iam.GenerateServiceLastAccessedDetailsInput
		wantCaller string // an ARN, or "key" for the key id the request named
	}{
		{"unsigned", func(aws.Credentials) aws.Credentials { return aws.Credentials{} },
			403, "MissingAuthenticationToken", &iam.GenerateServiceLastAccessedDetailsInput{}, ""},
		{"wrong secret", func(root aws.Credentials) aws.Credentials {
			root.SecretAccessKey = "not" + root.SecretAccessKey
			return root
		}, 403, "SignatureDoesNotMatch", &iam.GenerateServiceLastAccessedDetailsInput{}, "key"},
		{"unknown key", func(aws.Credentials) aws.Credentials {
			return aws.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}
		}, 403, "InvalidClientTokenId", &iam.GenerateServiceLastAccessedDetailsInput{}, "key"},
		{"signed", func(root aws.Credentials) aws.Credentials { return root },
			501, "NotImplemented", decoded, "arn:aws:iam::" + fakeiam.DefaultAccountID + ":root"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake()
			base := f.Endpoint(t)
			creds := tc.creds(rootCredentials(t, f))
			resp := send(t, iamRequest(t, base, http.MethodPost, form, creds))
			if resp.StatusCode != tc.wantStatus {
				t.Errorf("HTTP %d, want %d", resp.StatusCode, tc.wantStatus)
			}
			if doc := readIAMError(t, resp); doc.Error.Code != tc.wantCode {
				t.Errorf("Code %q (%q), want %q", doc.Error.Code, doc.Error.Message, tc.wantCode)
			}
			calls := logged(t, f)
			if len(calls) != 1 {
				t.Fatalf("call log %+v, want the one GenerateServiceLastAccessedDetails attempt", calls)
			}
			if calls[0].Operation != "GenerateServiceLastAccessedDetails" {
				t.Errorf("logged operation %q, want GenerateServiceLastAccessedDetails", calls[0].Operation)
			}
			if diff := cmp.Diff(any(tc.wantInput), calls[0].Input, cmpopts.IgnoreUnexported(iam.GenerateServiceLastAccessedDetailsInput{})); diff != "" {
				t.Errorf("logged input (-want +got):\n%s", diff)
			}
			wantCaller := fakeiam.Caller{ARN: tc.wantCaller}
			if tc.wantCaller == "key" {
				wantCaller = fakeiam.Caller{AccessKeyID: creds.AccessKeyID}
			}
			if got := calls[0].Caller; got.ARN != wantCaller.ARN || (wantCaller.AccessKeyID != "" && got.AccessKeyID != wantCaller.AccessKeyID) {
				t.Errorf("logged caller %+v, want %+v", got, wantCaller)
			}
		})
	}
}

// TestUnimplementedOperationsAreAuthenticatedInTheSDKDoor: in process too,
// a key IAM does not know is refused before the operation is looked at; a
// client signing as a known key still gets the loud
// *UnsupportedOperationError.
func TestUnimplementedOperationsAreAuthenticatedInTheSDKDoor(t *testing.T) {
	ctx := context.Background()
	f := newFake()
	in := &iam.GenerateServiceLastAccessedDetailsInput{Arn: aws.String("arn:aws:iam::123456789012:user/Bob")}

	_, err := f.ClientWithAccessKey("AKIAIOSFODNN7EXAMPLE").GenerateServiceLastAccessedDetails(ctx, in)
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "InvalidClientTokenId" {
		t.Errorf("GenerateServiceLastAccessedDetails with an unknown key: %v, want InvalidClientTokenId", err)
	}
	_, err = f.Client().GenerateServiceLastAccessedDetails(ctx, in)
	var unsupported *fakeiam.UnsupportedOperationError
	if !errors.As(err, &unsupported) || unsupported.Operation != "GenerateServiceLastAccessedDetails" {
		t.Errorf("GenerateServiceLastAccessedDetails as root: %v, want an *UnsupportedOperationError", err)
	}
}

// TestCallsFiltersUnimplementedOperations: the log keeps attempts of
// operations the fake does not implement, so Calls and the control API
// filter on any IAM operation; a name IAM does not have is still refused.
func TestCallsFiltersUnimplementedOperations(t *testing.T) {
	ctx := context.Background()
	f := newFake()
	base := f.Endpoint(t, fakeiam.WithControlToken(controlToken))
	in := &iam.GenerateServiceLastAccessedDetailsInput{Arn: aws.String("arn:aws:iam::123456789012:user/Bob")}
	if _, err := f.Client().GenerateServiceLastAccessedDetails(ctx, in); err == nil {
		t.Fatal("GenerateServiceLastAccessedDetails succeeded; want the fake to refuse it")
	}
	if _, err := f.Client().GetUser(ctx, &iam.GetUserInput{}); err != nil {
		t.Fatal(err)
	}

	calls, err := f.Calls("GenerateServiceLastAccessedDetails")
	if err != nil || len(calls) != 1 || calls[0].Operation != "GenerateServiceLastAccessedDetails" {
		t.Errorf("Calls(GenerateServiceLastAccessedDetails): %+v, %v; want the one GenerateServiceLastAccessedDetails attempt", calls, err)
	}
	if calls, err := f.Calls("ListUser"); err == nil {
		t.Errorf("Calls(ListUser): %+v; want an *UnknownOperationError (IAM has no ListUser)", calls)
	}

	listed := controlled{f: f, base: base}.getCalls(t, "?operation=GenerateServiceLastAccessedDetails")
	if len(listed) != 1 || listed[0]["operation"] != "GenerateServiceLastAccessedDetails" {
		t.Errorf("GET /_fakeiam/calls?operation=GenerateServiceLastAccessedDetails: %v, want the one GenerateServiceLastAccessedDetails attempt", listed)
	}
	if status, body := (controlled{f: f, base: base}).do(t, "GET", "/_fakeiam/calls?operation=ListUser", controlToken, ""); status != http.StatusBadRequest {
		t.Errorf("GET /_fakeiam/calls?operation=ListUser: HTTP %d %s, want 400", status, body)
	}
}
