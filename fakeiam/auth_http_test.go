package fakeiam_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// What the endpoint refuses of a signature, and with what: IAM's codes and
// texts for a signature that does not cover what it should (docs/authentication.md).

// handSigned is a POST of form to base, signed by hand with creds over
// exactly signedHeaders (lowercase, sorted; "host", "content-type" and
// "x-amz-date" are the ones it can sign), with X-Amz-Date amzDate and the
// credential scope scope ("20261204/us-east-1/iam/aws4_request"). It is
// how a client that signs less than the SDK does (or garbage) would sign:
// the signature is right for what it signs.
func handSigned(t *testing.T, base, form string, creds aws.Credentials, signedHeaders, amzDate, scope string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, base+"/", strings.NewReader(form))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Amz-Date", amzDate)
	var canonical strings.Builder
	canonical.WriteString("POST\n/\n\n")
	for _, name := range strings.Split(signedHeaders, ";") {
		value := req.Header.Get(name)
		if name == "host" {
			value = req.URL.Host
		}
		canonical.WriteString(name + ":" + value + "\n")
	}
	canonical.WriteString("\n" + signedHeaders + "\n" + sha256Hex(form))
	toSign := "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + sha256Hex(canonical.String())
	key := []byte("AWS4" + creds.SecretAccessKey)
	for _, part := range strings.Split(scope, "/") {
		key = hmacOf(key, part)
	}
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+creds.AccessKeyID+"/"+scope+
		", SignedHeaders="+signedHeaders+", Signature="+hex.EncodeToString(hmacOf(key, toSign)))
	return req
}

func hmacOf(key []byte, data string) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(data))
	return mac.Sum(nil)
}

// iamError is the code and text of an IAM error response, with its status.
type iamError struct {
	Status        int
	Code, Message string
}

func TestHTTPSignatureRefusals(t *testing.T) {
	f := newFake(fakeiam.User("Alice"))
	base := f.Endpoint(t)
	root := rootCredentials(t, f)
	now := time.Now().UTC()
	amzDate, day := now.Format("20060102T150405Z"), now.Format("20060102")
	deleteAlice := "Action=DeleteUser&UserName=Alice" + withVersion
	sdkSigned := func(at time.Time, service string) func(t *testing.T) *http.Request {
		return func(t *testing.T) *http.Request {
			req := iamRequest(t, base, http.MethodPost, deleteAlice, aws.Credentials{})
			if err := v4.NewSigner().SignHTTP(context.Background(), root, req, sha256Hex(deleteAlice), service, "us-east-1", at); err != nil {
				t.Fatal(err)
			}
			return req
		}
	}
	for _, tc := range []struct {
		name string
		req  func(t *testing.T) *http.Request
		want iamError
	}{
		{
			name: "neither host nor the date signed",
			req: func(t *testing.T) *http.Request {
				return handSigned(t, base, deleteAlice, root, "content-type", amzDate, day+"/us-east-1/iam/aws4_request")
			},
			want: iamError{403, "SignatureDoesNotMatch", "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."},
		},
		{
			name: "scoped to s3",
			req: func(t *testing.T) *http.Request {
				return handSigned(t, base, deleteAlice, root, "content-type;host;x-amz-date", amzDate, day+"/us-east-1/s3/aws4_request")
			},
			want: iamError{403, "SignatureDoesNotMatch", "Credential should be scoped to correct service: 'iam'. "},
		},
		{
			name: "scoped to sts, by the SDK",
			req:  sdkSigned(now, "sts"),
			want: iamError{403, "SignatureDoesNotMatch", "Credential should be scoped to correct service: 'iam'. "},
		},
		{
			name: "X-Amz-Date not a date",
			req: func(t *testing.T) *http.Request {
				return handSigned(t, base, deleteAlice, root, "content-type;host;x-amz-date", day+"Tgarbage!", day+"/us-east-1/iam/aws4_request")
			},
			want: iamError{400, "IncompleteSignature", "Date must be in ISO-8601 'basic format'. Got '" + day + "Tgarbage!'. See http://en.wikipedia.org/wiki/ISO_8601"},
		},
		{
			name: "scope of another day",
			req: func(t *testing.T) *http.Request {
				return handSigned(t, base, deleteAlice, root, "content-type;host;x-amz-date", amzDate, "20200101/us-east-1/iam/aws4_request")
			},
			want: iamError{403, "SignatureDoesNotMatch", "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20200101' != '" +
				day + "', from '" + amzDate + "'. "},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := send(t, tc.req(t))
			doc := readIAMError(t, resp)
			if diff := cmp.Diff(tc.want, iamError{resp.StatusCode, doc.Error.Code, doc.Error.Message}); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if _, err := f.User("Alice").AccessKeys(); err != nil {
				t.Errorf("Alice is gone: %v", err)
			}
		})
	}
}

// TestHTTPClockSkew: a signature dated more than 15 minutes from the real
// clock is refused, as IAM refuses it, even by a fake whose own clock is
// fixed elsewhere (newFake's): the fake's clock dates IAM's data, not the
// requests, which clients sign with the machine's clock.
func TestHTTPClockSkew(t *testing.T) {
	f := newFake(fakeiam.User("Alice"))
	base := f.Endpoint(t)
	root := rootCredentials(t, f)
	form := "Action=ListUsers" + withVersion
	for _, tc := range []struct {
		name   string
		offset time.Duration
		want   iamError // Message: its start; the rest is the clock's
	}{
		{"20 minutes ago", -20 * time.Minute, iamError{403, "SignatureDoesNotMatch", "Signature expired: "}},
		{"20 minutes ahead", 20 * time.Minute, iamError{403, "SignatureDoesNotMatch", "Signature not yet current: "}},
		{"10 minutes ago", -10 * time.Minute, iamError{200, "", ""}},
		{"10 minutes ahead", 10 * time.Minute, iamError{200, "", ""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := iamRequest(t, base, http.MethodPost, form, aws.Credentials{})
			at := time.Now().Add(tc.offset)
			if err := v4.NewSigner().SignHTTP(context.Background(), root, req, sha256Hex(form), "iam", "us-east-1", at); err != nil {
				t.Fatal(err)
			}
			resp := send(t, req)
			got := iamError{Status: resp.StatusCode}
			if resp.StatusCode != http.StatusOK {
				doc := readIAMError(t, resp)
				got.Code, got.Message = doc.Error.Code, doc.Error.Message
				if strings.HasPrefix(got.Message, tc.want.Message) && strings.Contains(got.Message, at.UTC().Format("20060102T150405Z")) {
					got.Message = tc.want.Message // the signature's date is named
				}
			} else {
				resp.Body.Close()
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestHTTPPresignedPOSTBodyIsNotExecuted: a presigned URL signs no body, so
// the parameters of a body sent with it are not executed, whatever payload
// hash the request states: the signature is checked over the body received,
// and fails.
func TestHTTPPresignedPOSTBodyIsNotExecuted(t *testing.T) {
	f := newFake(fakeiam.User("Alice"))
	base := f.Endpoint(t)
	root := rootCredentials(t, f)
	for _, tc := range []struct {
		name        string
		presignHash string // the payload hash the URL was presigned over
		stated      string // X-Amz-Content-Sha256 sent with the body, if any
	}{
		{"over the empty body, stating it", sha256Hex(""), sha256Hex("")},
		{"over the empty body", sha256Hex(""), ""},
		{"over UNSIGNED-PAYLOAD, stating it", "UNSIGNED-PAYLOAD", "UNSIGNED-PAYLOAD"},
		{"over UNSIGNED-PAYLOAD", "UNSIGNED-PAYLOAD", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url := presignedURL(t, base, "Action=DeleteUser"+withVersion, tc.presignHash, root)
			req, err := http.NewRequest(http.MethodPost, url, strings.NewReader("UserName=Alice"))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if tc.stated != "" {
				req.Header.Set("X-Amz-Content-Sha256", tc.stated)
			}
			resp := send(t, req)
			doc := readIAMError(t, resp)
			want := iamError{403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. " +
				"Check your AWS Secret Access Key and signing method. Consult the service documentation for details."}
			if diff := cmp.Diff(want, iamError{resp.StatusCode, doc.Error.Code, doc.Error.Message}); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if _, err := f.User("Alice").AccessKeys(); err != nil {
				t.Errorf("Alice is gone: %v", err)
			}
		})
	}
}

// presignedURL is the URL of a POST of query (and no body) presigned with
// creds over payloadHash.
func presignedURL(t *testing.T, base, query, payloadHash string, creds aws.Credentials) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, base+"/?"+query, nil)
	if err != nil {
		t.Fatal(err)
	}
	uri, _, err := v4.NewSigner().PresignHTTP(context.Background(), creds, req, payloadHash, "iam", "us-east-1", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return uri
}

// TestHTTPRequestLogCannotBeForged: what a request names without
// authenticating (its key id) reaches the request log quoted, so it cannot
// add a line or send the terminal escapes.
func TestHTTPRequestLogCannotBeForged(t *testing.T) {
	f := newFake()
	var mu sync.Mutex
	var lines []string
	base := f.Endpoint(t, fakeiam.WithRequestLog(func(line string) {
		mu.Lock()
		defer mu.Unlock()
		lines = append(lines, line)
	}))
	now := time.Now().UTC()
	forged := "AKIA\nListUsers arn:aws:iam::123456789012:root 200 1ms\x1b[2J\x1b[H"
	q := url.Values{
		"Action": {"ListUsers"}, "Version": {"2010-05-08"},
		"X-Amz-Algorithm":     {"AWS4-HMAC-SHA256"},
		"X-Amz-Credential":    {forged + "/" + now.Format("20060102") + "/us-east-1/iam/aws4_request"},
		"X-Amz-Date":          {now.Format("20060102T150405Z")},
		"X-Amz-SignedHeaders": {"host"},
		"X-Amz-Signature":     {strings.Repeat("0", 64)},
	}
	req, err := http.NewRequest(http.MethodGet, base+"/?"+q.Encode(), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp := send(t, req)
	if doc := readIAMError(t, resp); doc.Error.Code != "InvalidClientTokenId" {
		t.Errorf("code %q, want InvalidClientTokenId", doc.Error.Code)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(lines) != 1 {
		t.Fatalf("%d log lines, want 1: %q", len(lines), lines)
	}
	fields := strings.Fields(lines[0])
	want := []string{"ListUsers", `"AKIA\nListUsers arn:aws:iam::123456789012:root 200 1ms\x1b[2J\x1b[H"`, "403"}
	if strings.ContainsAny(lines[0], "\n\r\x1b") || len(fields) < 3 {
		t.Fatalf("log line %q: want one line of printable characters", lines[0])
	}
	got := []string{fields[0], strings.Join(fields[1:len(fields)-2], " "), fields[len(fields)-2]}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("log line %q (-want +got):\n%s", lines[0], diff)
	}
}

// TestHTTPAuthenticatesBeforeDecoding: a request the endpoint refuses for
// its signature is answered without decoding its input (the signature needs
// only the method, URI, query, signed headers and the body's hash), so an
// unsigned request with thousands of tags costs no more than a small one.
// Its call log entry names the operation and the refusal, with an empty
// input: the input was not read.
func TestHTTPAuthenticatesBeforeDecoding(t *testing.T) {
	f := newFake()
	base := f.Endpoint(t)
	var form strings.Builder
	form.WriteString("Action=CreateUser&UserName=Bob" + withVersion)
	for i := 1; i <= 4000; i++ {
		fmt.Fprintf(&form, "&Tags.member.%d.Key=k%d&Tags.member.%d.Value=v", i, i, i)
	}
	resp := send(t, iamRequest(t, base, http.MethodPost, form.String(), aws.Credentials{}))
	if doc := readIAMError(t, resp); resp.StatusCode != http.StatusForbidden || doc.Error.Code != "MissingAuthenticationToken" {
		t.Fatalf("HTTP %d %s, want 403 MissingAuthenticationToken", resp.StatusCode, doc.Error.Code)
	}
	calls := logged(t, f, fakeiam.CreateUser)
	if len(calls) != 1 {
		t.Fatalf("%d calls logged, want 1", len(calls))
	}
	if diff := cmp.Diff(&iam.CreateUserInput{}, calls[0].Input, cmpopts.IgnoreUnexported(iam.CreateUserInput{})); diff != "" {
		t.Errorf("logged input (-want +got):\n%s", diff)
	}
}
