package fakeiam

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
)

// FuzzExpiredToken: whatever a request sends as its session token, the
// check answers without panicking, and only a token the fake issued for
// that key reads as expired, once its time has passed.
func FuzzExpiredToken(f *testing.F) {
	fake := MustNew(WithFixedTime(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
	issued := fake.sessionToken("ASIAEXAMPLEEXAMPLE00", time.Date(2026, 1, 1, 1, 0, 0, 0, time.UTC))
	f.Add("ASIAEXAMPLEEXAMPLE00", issued)
	f.Add("ASIAEXAMPLEEXAMPLE00", issued[:len(issued)-1])
	f.Add("ASIAOTHEROTHEROTHER0", issued)
	f.Add("ASIA", tokenPrefix)
	f.Add("", "")
	f.Fuzz(func(t *testing.T, id, token string) {
		before := fake.expiredToken(id, token, time.Date(2026, 1, 1, 0, 59, 59, 0, time.UTC))
		after := fake.expiredToken(id, token, time.Date(2026, 1, 1, 1, 0, 0, 0, time.UTC))
		if before {
			t.Errorf("%q for %q: expired before its expiry", token, id)
		}
		if after != (id == "ASIAEXAMPLEEXAMPLE00" && token == issued) {
			t.Errorf("%q for %q: expired %v, want only the token issued for that key", token, id, after)
		}
		if after && !strings.HasPrefix(token, tokenPrefix) {
			t.Errorf("%q: expired without the prefix", token)
		}
	})
}

// TestExpiredSessionsArePurged: a long-running fake keeps the live
// sessions only, and a purged one still answers ExpiredToken.
func TestExpiredSessionsArePurged(t *testing.T) {
	fake := MustNew(WithFixedTime(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)), User("Bob"))
	bob := fake.User("Bob")
	first, err := bob.SessionToken(&sts.GetSessionTokenInput{DurationSeconds: aws.Int32(900)})
	if err != nil {
		t.Fatal(err)
	}
	for range sessionsBetweenPurges {
		if _, err := bob.SessionToken(&sts.GetSessionTokenInput{DurationSeconds: aws.Int32(900)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := fake.Advance(15 * time.Minute); err != nil {
		t.Fatal(err)
	}
	for range sessionsBetweenPurges { // the last of these purges
		if _, err := bob.SessionToken(nil); err != nil {
			t.Fatal(err)
		}
	}
	fake.mu.RLock()
	sessions := 0
	for _, k := range fake.keys {
		if k.session != nil {
			sessions++
		}
	}
	_, kept := fake.keys[first.Credentials.AccessKeyID]
	fake.mu.RUnlock()
	if sessions != sessionsBetweenPurges || kept {
		t.Errorf("%d sessions kept (the first among them: %v), want the %d live ones only", sessions, kept, sessionsBetweenPurges)
	}
	_, err = first.STSClient().GetCallerIdentity(context.Background(), nil)
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "ExpiredToken" {
		t.Errorf("the purged session: %v, want ExpiredToken", err)
	}
}

// FuzzWebToken: any string STS is sent as a web identity token is read
// without panicking, and only a token the fake minted verifies.
func FuzzWebToken(f *testing.F) {
	fake := MustNew(WithFixedTime(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
	minted, err := fake.WebIdentityToken("https://token.actions.githubusercontent.com", map[string]any{"aud": "sts.amazonaws.com", "sub": "repo:a/b:ref:refs/heads/main"})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(minted)
	f.Add(minted[:len(minted)-2])
	f.Add("a.b.c")
	f.Add("e30.e30.")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		tok := parseWebToken(s)
		if tok == nil {
			return
		}
		tok.claimStrings("aud")
		tok.claimTime("exp")
		if fake.verifies("token.actions.githubusercontent.com", tok) && s != minted {
			// The same header and claims re-encoded (base64 padding) verify
			// too: only the signed bytes matter.
			if string(tok.signed) != minted[:strings.LastIndexByte(minted, '.')] {
				t.Errorf("%q verifies, and is not the minted token", s)
			}
		}
	})
}

// TestZeroSessionClients: the zero Session (what AssumeRole returns with
// an error) gives clients whose calls fail, saying why, without a panic.
func TestZeroSessionClients(t *testing.T) {
	var s Session
	if _, err := s.Client().ListUsers(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "use fakeiam.New") {
		t.Errorf("ListUsers by a zero Session's client: %v, want an error naming fakeiam.New", err)
	}
	if _, err := s.STSClient().GetCallerIdentity(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "use fakeiam.New") {
		t.Errorf("GetCallerIdentity by a zero Session's client: %v, want an error naming fakeiam.New", err)
	}
}

// TestUnknownIssuersAddNothing: tokens naming issuers no seed gave a key
// (sent unsigned, by anyone) leave the fake's issuers as they were.
func TestUnknownIssuersAddNothing(t *testing.T) {
	fake := MustNew(OIDCProvider("https://idp.example.com").ClientIDs("app"))
	for i := range 3 {
		tok := parseWebToken("e30.e30.AA")
		if fake.verifies("idp"+strings.Repeat("x", i)+".example.com", tok) {
			t.Fatal("a token with no signature verified")
		}
	}
	n := 0
	fake.issuers.Range(func(any, any) bool { n++; return true })
	if n != 0 {
		t.Errorf("%d issuers kept after verifying tokens of unknown issuers, want 0", n)
	}
}
