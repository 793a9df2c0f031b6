package fakeiam_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// TestUnimplementedOperationsAreLoggedInBothDoors: a call of an operation
// the fake does not implement fails loudly, and both doors name it and log
// it with its input, as any other attempt.
func TestUnimplementedOperationsAreLoggedInBothDoors(t *testing.T) {
	ctx := context.Background()
	in := &iam.GenerateServiceLastAccessedDetailsInput{Arn: aws.String("arn:aws:iam::123456789012:user/Bob"), Granularity: types.AccessAdvisorUsageGranularityTypeActionLevel}
	for _, door := range []string{"SDK", "HTTP"} {
		t.Run(door, func(t *testing.T) {
			f := newFake()
			var mu sync.Mutex
			var lines []string
			c := f.Client()
			var base string
			if door == "HTTP" {
				base = f.Endpoint(t, fakeiam.WithControlToken(controlToken), fakeiam.WithRequestLog(func(line string) {
					mu.Lock()
					defer mu.Unlock()
					lines = append(lines, line)
				}))
				c = overHTTP(c, base)
			}
			_, err := c.GenerateServiceLastAccessedDetails(ctx, in)
			var unsupported *fakeiam.UnsupportedOperationError
			var ae smithy.APIError
			switch {
			case door == "SDK" && (!errors.As(err, &unsupported) || unsupported.Operation != "GenerateServiceLastAccessedDetails"):
				t.Errorf("GenerateServiceLastAccessedDetails: %v, want an *UnsupportedOperationError", err)
			case door == "HTTP" && (!errors.As(err, &ae) || ae.ErrorCode() != "NotImplemented" || !strings.Contains(ae.ErrorMessage(), "GenerateServiceLastAccessedDetails")):
				t.Errorf("GenerateServiceLastAccessedDetails: %v, want NotImplemented naming GenerateServiceLastAccessedDetails", err)
			}
			calls := logged(t, f)
			if len(calls) != 1 {
				t.Fatalf("call log %+v, want the one GenerateServiceLastAccessedDetails attempt", calls)
			}
			if got := calls[0]; got.Operation != "GenerateServiceLastAccessedDetails" || got.Attempt != 1 || got.Err == nil || got.RequestID == "" {
				t.Errorf("logged %+v, want GenerateServiceLastAccessedDetails attempt 1 with its error and request id", got)
			}
			if diff := cmp.Diff(any(in), calls[0].Input, cmpopts.IgnoreUnexported(iam.GenerateServiceLastAccessedDetailsInput{})); diff != "" {
				t.Errorf("logged input (-want +got):\n%s", diff)
			}
			if door == "HTTP" {
				mu.Lock()
				defer mu.Unlock()
				if len(lines) != 1 || !strings.HasPrefix(lines[0], "GenerateServiceLastAccessedDetails ") || !strings.Contains(lines[0], " 501 ") {
					t.Errorf("request log %q, want one line naming GenerateServiceLastAccessedDetails with status 501", lines)
				}
				// The control API reads the same log.
				listed := controlled{f: f, base: base}.getCalls(t, "")
				if len(listed) != 1 || listed[0]["operation"] != "GenerateServiceLastAccessedDetails" || listed[0]["error"] == nil {
					t.Errorf("GET /_fakeiam/calls: %v, want the GenerateServiceLastAccessedDetails attempt and its error", listed)
				}
			}
		})
	}
}

// TestEveryUnimplementedActionAnswers501: whatever IAM action and members a
// request names, an operation the fake does not implement is answered with
// NotImplemented, never a panic, and logged.
func TestEveryUnimplementedActionAnswers501(t *testing.T) {
	f := newFake()
	h := f.Handler()
	root := rootCredentials(t, f)
	implemented := map[string]bool{}
	for _, op := range fakeiam.Operations() {
		implemented[string(op)] = true
	}
	client := reflect.TypeFor[*iam.Client]()
	n, actions := 0, 0
	for i := range client.NumMethod() {
		m := client.Method(i)
		if m.Type.NumIn() < 3 || m.Type.In(2).Kind() != reflect.Pointer || m.Type.In(2).Elem().Name() != m.Name+"Input" {
			continue
		}
		actions++
		if implemented[m.Name] {
			delete(implemented, m.Name)
			continue
		}
		n++
		body := "Action=" + m.Name + "&Version=2010-05-08&UserName=Bob&RoleName=r&MaxItems=abc&Tags.member.1.Key=k&PolicyArn=arn&Marker=%FF"
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("POST", "/", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		signRequest(t, req, body, root) // IAM authenticates before it looks at the action
		h.ServeHTTP(rec, req)
		if rec.Code != 501 || !strings.Contains(rec.Body.String(), "<Code>NotImplemented</Code>") || !strings.Contains(rec.Body.String(), m.Name) {
			t.Errorf("%s: HTTP %d %s, want 501 NotImplemented naming it", m.Name, rec.Code, rec.Body)
		}
	}
	// The SDK's client has a method for each of IAM's some 180 actions:
	// every one is either implemented or was tried above, and every
	// implemented operation but STS's is one of them.
	if actions < 170 {
		t.Errorf("the client has %d actions, want some 180", actions)
	}
	if diff := cmp.Diff(map[string]bool{"AssumeRole": true, "AssumeRoleWithWebIdentity": true, "GetCallerIdentity": true, "GetFederationToken": true, "GetSessionToken": true}, implemented); diff != "" {
		t.Errorf("implemented operations the IAM client lacks (-want +got):\n%s", diff)
	}
	if calls := logged(t, f); len(calls) != n {
		t.Errorf("%d attempts logged, want one for each of the %d unimplemented actions", len(calls), n)
	}
}
