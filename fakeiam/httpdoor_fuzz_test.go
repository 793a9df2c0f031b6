package fakeiam_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// FuzzHandler sends the handler arbitrary requests: any method, target,
// headers and body, signed with the root's key or not. It must never panic,
// and answer every request with IAM's XML (a success document or the error
// document, with a request id equal to the X-Amzn-Requestid header), or
// under the control API's path with JSON.
func FuzzHandler(f *testing.F) {
	form := "Action=ListSigningCertificates&Version=2010-05-08&UserName=Bob&MaxItems=1"
	for _, seed := range []struct {
		method, target, header, body string
		sign                         bool
	}{
		{"POST", "/", "Content-Type: application/x-www-form-urlencoded\n", form, true},
		{"POST", "/", "Content-Type: application/x-www-form-urlencoded\n", form, false},
		{"GET", "/?" + form, "", "", true},
		{"POST", "/", "", "Action=UploadSigningCertificate&Version=2010-05-08&CertificateBody=x", true},
		{"POST", "/", "", "Action=CreateUser&Version=2010-05-08&UserName=Carol&Tags.member.1.Key=k&Tags.member.1.Value=v", true},
		{"POST", "/", "", "Action=CreateUser&Version=2010-05-08&UserName=Carol&Tags.member.2.Key=k", true},
		{"POST", "/", "", "Action=UpdateSigningCertificate&Version=2010-05-08&CertificateId=" + docID + "&Status=Expired", true},
		{"POST", "/", "", "Action=DeleteUser&Version=2010-05-08", true},
		{"POST", "/", "", "Action=ListUsers&Version=2010-05-08&MaxItems=abc", true},
		{"POST", "/", "", "Action=ListBananas&Version=2010-05-08", true},
		{"POST", "/", "", "Action=CreateRole&Version=2010-05-08", true},
		{"POST", "/", "Content-Type: text/plain\n", form, true},
		{"POST", "/", "", "%zz", false},
		{"PUT", "/", "", form, true},
		{"GET", "/?X-Amz-Signature=00&X-Amz-Algorithm=AWS4-HMAC-SHA256&" + form, "", "", false},
		{"POST", "/", "Authorization: AWS4-HMAC-SHA256 Credential=AKIA/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=00\n", form, false},
		{"POST", "/", "Amz-Sdk-Invocation-Id: x\nAmz-Sdk-Request: attempt=2; max=3\n", form, true},
		{"GET", "/_fakeiam/calls", "Authorization: Bearer fuzz-token\n", "", false},
		{"POST", "/_fakeiam/faults", "Authorization: Bearer fuzz-token\n", `{"effect":"Throttle"}`, false},
		{"POST", "/_fakeiam/reset", "", "", false},
	} {
		f.Add(seed.method, seed.target, seed.header, []byte(seed.body), seed.sign)
	}
	f.Fuzz(func(t *testing.T, method, target, header string, body []byte, sign bool) {
		req := fuzzRequest(method, target, header, body)
		if req == nil {
			return // not a request a server can receive
		}
		fake := newFake(bobWithDocCert())
		if sign {
			creds := rootCredentials(t, fake)
			// The signer may rewrite the query string; it does not read the body.
			if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, sha256Hex(string(body)), "iam", "us-east-1", time.Now()); err != nil {
				return
			}
		}
		rec := httptest.NewRecorder()
		fake.Handler(fakeiam.WithControlToken("fuzz-token")).ServeHTTP(rec, req)
		checkAnswer(t, req, rec)
	})
}

// fuzzRequest builds the request a server would hand its handler, or nil.
func fuzzRequest(method, target, header string, body []byte) *http.Request {
	if method == "" || strings.ContainsFunc(method, func(r rune) bool { return r <= ' ' || r >= 0x7f || strings.ContainsRune(`()<>@,;:\"/[]?={}`, r) }) {
		return nil
	}
	u, err := url.ParseRequestURI(target)
	if err != nil || u.Host != "" {
		return nil
	}
	h, err := textproto.NewReader(bufio.NewReader(strings.NewReader(header + "\n"))).ReadMIMEHeader()
	if err != nil {
		return nil
	}
	return &http.Request{
		Method: method, URL: u, RequestURI: target, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header(h), Host: "127.0.0.1:8080", RemoteAddr: "127.0.0.1:1234",
		Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body)),
	}
}

// checkAnswer checks that rec holds a well-formed answer to req.
func checkAnswer(t *testing.T, req *http.Request, rec *httptest.ResponseRecorder) {
	t.Helper()
	status, body := rec.Code, rec.Body.Bytes()
	if status < 200 || status > 599 {
		t.Fatalf("HTTP status %d", status)
	}
	if strings.HasPrefix(req.URL.Path, "/_fakeiam/") {
		if len(body) > 0 && (rec.Header().Get("Content-Type") != "application/json" || !json.Valid(body)) {
			t.Fatalf("control answer %d %q: want JSON", status, body)
		}
		return
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/xml" {
		t.Fatalf("HTTP %d with Content-Type %q, want text/xml: %q", status, ct, body)
	}
	if n, err := strconv.Atoi(rec.Header().Get("Content-Length")); err != nil || n != len(body) {
		t.Errorf("Content-Length %q for a body of %d bytes", rec.Header().Get("Content-Length"), len(body))
	}
	requestID := rec.Header().Get("X-Amzn-Requestid")
	if status != http.StatusOK {
		var doc iamErrorDocument
		if err := xml.Unmarshal(body, &doc); err != nil {
			t.Fatalf("HTTP %d: not IAM's error document: %v\n%s", status, err, body)
		}
		wantType := map[bool]string{true: "Receiver", false: "Sender"}[status >= 500]
		if doc.Error.Type != wantType || doc.Error.Code == "" || doc.Error.Message == "" || doc.RequestID == "" || doc.RequestID != requestID {
			t.Fatalf("HTTP %d: error document %+v, header request id %q", status, doc, requestID)
		}
		return
	}
	var doc struct {
		XMLName   xml.Name
		RequestID string `xml:"ResponseMetadata>RequestId"`
	}
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatalf("HTTP 200: not XML: %v\n%s", err, body)
	}
	action := doc.XMLName.Local
	if doc.XMLName.Space != iamNamespace || !strings.HasSuffix(action, "Response") || doc.RequestID == "" || doc.RequestID != requestID {
		t.Fatalf("HTTP 200: document <%s xmlns=%q> with request id %q, header %q", action, doc.XMLName.Space, doc.RequestID, requestID)
	}
	found := false
	for _, op := range fakeiam.Operations() {
		found = found || string(op)+"Response" == action
	}
	if !found {
		t.Fatalf("HTTP 200 for <%s>, which is no operation the fake implements", action)
	}
}
