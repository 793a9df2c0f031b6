package fakeiam

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// TestRefusedRequestsDoNotMapInvocationIDs: the door remembers the newest
// 4096 amz-sdk-invocation-id values, so that a client's retries are one
// call. Only requests that pass the signature check are remembered: a
// flood of unsigned requests with fresh ids must not evict a real
// client's id.
func TestRefusedRequestsDoNotMapInvocationIDs(t *testing.T) {
	f := MustNew()
	h := f.Handler().(*httpDoor)
	keys, err := f.Root().AccessKeys()
	if err != nil || len(keys) == 0 {
		t.Fatalf("root's keys: %v, %v", keys, err)
	}
	post := func(body, invocation string, sign bool) int {
		req := httptest.NewRequest("POST", "/", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Amz-Sdk-Invocation-Id", invocation)
		req.Header.Set("Amz-Sdk-Request", "attempt=1; max=3")
		if sign {
			sum := sha256.Sum256([]byte(body))
			creds := aws.Credentials{AccessKeyID: keys[0].ID, SecretAccessKey: keys[0].Secret}
			if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), "iam", "us-east-1", time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	if code := post("Action=GetUser&Version=2010-05-08", "real-client", true); code != 200 {
		t.Fatalf("signed GetUser: HTTP %d", code)
	}
	for i := range 4096 {
		action := []string{"GetUser", "CreateRole"}[i%2]
		if code := post("Action="+action+"&Version=2010-05-08", fmt.Sprintf("flood-%d", i), false); code != 403 {
			t.Fatalf("unsigned %s: HTTP %d, want 403", action, code)
		}
	}
	h.invocations.mu.Lock()
	defer h.invocations.mu.Unlock()
	_, kept := h.invocations.ids["real-client"]
	if !kept || len(h.invocations.ids) != 1 {
		t.Errorf("remembered %d invocation ids (the real client's: %v), want only the real client's", len(h.invocations.ids), kept)
	}
}
