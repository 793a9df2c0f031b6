package sigv4

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/google/go-cmp/cmp"
)

const testAuthHeader = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, " +
	"SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"

const (
	testSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
	testForm   = "Action=ListSigningCertificates&Version=2010-05-08&UserName=Bob"
	emptyHash  = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
)

var testSigningTime = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func TestParseAuthorization(t *testing.T) {
	good := Signature{AccessKeyID: "AKIDEXAMPLE", Scope: "20150830/us-east-1/iam/aws4_request", Date: "20150830", Region: "us-east-1",
		Service: "iam", Terminator: "aws4_request", SignedHeaders: "content-type;host;x-amz-date", Hex: "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"}
	for _, tc := range []struct {
		name   string
		header string
		want   Signature
		ok     bool
	}{
		{"as the SDK writes it", testAuthHeader, good, true},
		{"no spaces after commas", strings.ReplaceAll(testAuthHeader, ", ", ","), good, true},
		{"more spaces", strings.ReplaceAll(testAuthHeader, ", ", " ,   "), good, true},
		{"parts in another order", "AWS4-HMAC-SHA256 Signature=" + good.Hex + ", SignedHeaders=" + good.SignedHeaders +
			", Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request", good, true},
		{"empty", "", Signature{}, false},
		{"another algorithm", strings.Replace(testAuthHeader, "AWS4-HMAC-SHA256", "AWS4-ECDSA-P256-SHA256", 1), Signature{}, false},
		{"SigV2", "AWS AKIDEXAMPLE:c2lnbmF0dXJl", Signature{}, false},
		{"algorithm only", "AWS4-HMAC-SHA256 ", Signature{}, false},
		{"no credential", "AWS4-HMAC-SHA256 SignedHeaders=host, Signature=abc", Signature{}, false},
		{"no signature", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=host", Signature{}, false},
		{"no signed headers", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, Signature=abc", Signature{}, false},
		{"another terminator: read, for Check to refuse", strings.Replace(testAuthHeader, "aws4_request", "aws4_requests", 1),
			Signature{AccessKeyID: "AKIDEXAMPLE", Scope: "20150830/us-east-1/iam/aws4_requests", Date: "20150830", Region: "us-east-1", Service: "iam",
				Terminator: "aws4_requests", SignedHeaders: good.SignedHeaders, Hex: good.Hex}, true},
		{"scope too long", strings.Replace(testAuthHeader, "/iam/", "/iam/x/", 1), Signature{}, false},
		{"scope too short", strings.Replace(testAuthHeader, "/us-east-1/iam/aws4_request", "/aws4_request", 1), Signature{}, false},
		{"credential without scope", strings.Replace(testAuthHeader, "AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request", "AKIDEXAMPLE", 1), Signature{}, false},
		{"empty key id", strings.Replace(testAuthHeader, "AKIDEXAMPLE/", "/", 1), Signature{}, false},
		{"empty date", strings.Replace(testAuthHeader, "/20150830/", "//", 1), Signature{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := parseAuthorization(tc.header)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v (%+v)", ok, tc.ok, got)
			}
			if !ok {
				return
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// presignedQuery is the query of a presigned ListSigningCertificates URL,
// with a signature that is not checked here.
const presignedQuery = "Action=ListSigningCertificates&Version=2010-05-08" +
	"&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20260102%2Fus-east-1%2Fiam%2Faws4_request" +
	"&X-Amz-Date=20260102T030405Z&X-Amz-Expires=300&X-Amz-SignedHeaders=host&X-Amz-Signature=0123abcd"

func TestReadSignature(t *testing.T) {
	header := Signature{AccessKeyID: "AKIDEXAMPLE", Scope: "20150830/us-east-1/iam/aws4_request", Date: "20150830",
		Region: "us-east-1", Service: "iam", Terminator: "aws4_request", SignedHeaders: "content-type;host;x-amz-date",
		Hex: "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7", AmzDate: "20150830T123600Z"}
	presigned := Signature{AccessKeyID: "AKIDEXAMPLE", Scope: "20260102/us-east-1/iam/aws4_request", Date: "20260102",
		Region: "us-east-1", Service: "iam", Terminator: "aws4_request", SignedHeaders: "host", Hex: "0123abcd",
		Presigned: true, AmzDate: "20260102T030405Z", Expires: 300 * time.Second}
	with := func(a Signature, f func(*Signature)) Signature { f(&a); return a }
	without := func(param string) string {
		q, _ := url.ParseQuery(presignedQuery)
		q.Del(param)
		return q.Encode()
	}
	type result struct {
		State Form
		Sig   Signature
	}
	for _, tc := range []struct {
		name   string
		authz  []string // Authorization header values
		header http.Header
		query  string
		want   result
	}{
		{name: "nothing", want: result{State: Unsigned}},
		{name: "query without a signature", query: "Action=ListSigningCertificates&X-Amz-Date=20260102T030405Z", want: result{State: Unsigned}},
		{name: "empty Authorization", authz: []string{""}, want: result{State: Unsigned}},
		{name: "header", authz: []string{testAuthHeader}, header: http.Header{"X-Amz-Date": {"20150830T123600Z"}},
			want: result{InHeader, header}},
		{name: "header without X-Amz-Date", authz: []string{testAuthHeader},
			want: result{InHeader, with(header, func(a *Signature) { a.AmzDate = "" })}},
		{name: "another scheme", authz: []string{"Bearer abc"}, want: result{State: Malformed}},
		{name: "two Authorization headers", authz: []string{testAuthHeader, testAuthHeader}, want: result{State: Malformed}},
		{name: "header and query signature", authz: []string{testAuthHeader}, query: presignedQuery, want: result{State: Malformed}},
		{name: "presigned", query: presignedQuery, want: result{Presigned, presigned}},
		{name: "presigned, escaped key", query: strings.Replace(presignedQuery, "X-Amz-Signature", "X-Amz-%53ignature", 1),
			want: result{Presigned, presigned}},
		{name: "presigned without X-Amz-Expires", query: without("X-Amz-Expires"),
			want: result{Presigned, with(presigned, func(a *Signature) { a.Expires = 0 })}},
		{name: "presigned, 7 days", query: strings.Replace(presignedQuery, "Expires=300", "Expires=604800", 1),
			want: result{Presigned, with(presigned, func(a *Signature) { a.Expires = 7 * 24 * time.Hour })}},
		{name: "presigned without X-Amz-Algorithm", query: without("X-Amz-Algorithm"), want: result{State: Malformed}},
		{name: "presigned without X-Amz-Credential", query: without("X-Amz-Credential"), want: result{State: Malformed}},
		{name: "presigned without X-Amz-Date", query: without("X-Amz-Date"), want: result{State: Malformed}},
		{name: "presigned without X-Amz-SignedHeaders", query: without("X-Amz-SignedHeaders"), want: result{State: Malformed}},
		{name: "presigned, empty signature", query: presignedQuery[:strings.LastIndex(presignedQuery, "=")+1], want: result{State: Malformed}},
		{name: "presigned, two signatures", query: presignedQuery + "&X-Amz-Signature=ff", want: result{State: Malformed}},
		{name: "presigned, another algorithm", query: strings.Replace(presignedQuery, "HMAC-SHA256", "ECDSA-P256-SHA256", 1), want: result{State: Malformed}},
		{name: "presigned, credential without scope", query: strings.Replace(presignedQuery, "%2Faws4_request", "", 1), want: result{State: Malformed}},
		{name: "presigned, expires 0", query: strings.Replace(presignedQuery, "Expires=300", "Expires=0", 1), want: result{State: Malformed}},
		{name: "presigned, expires over 7 days", query: strings.Replace(presignedQuery, "Expires=300", "Expires=604801", 1), want: result{State: Malformed}},
		{name: "presigned, expires not a number", query: strings.Replace(presignedQuery, "Expires=300", "Expires=5m", 1), want: result{State: Malformed}},
		{name: "presigned, semicolon", query: presignedQuery + "&a=1;b=2", want: result{State: Malformed}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &http.Request{Method: "GET", URL: &url.URL{Path: "/", RawQuery: tc.query}, Host: "iam.amazonaws.com", Header: tc.header.Clone()}
			if r.Header == nil {
				r.Header = http.Header{}
			}
			if tc.authz != nil {
				r.Header["Authorization"] = tc.authz
			}
			sig, state := Read(r)
			if diff := cmp.Diff(tc.want, result{state, sig}); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestCanonicalQuery(t *testing.T) {
	many := make([]string, 20)
	for i := range many {
		many[i] = "k=" + string(rune('t'-i))
	}
	for _, tc := range []struct {
		name, raw string
		presigned bool
		want      string
	}{
		{name: "empty", raw: "", want: ""},
		{name: "IAM query", raw: "Version=2010-05-08&UserName=Bob&Action=ListSigningCertificates",
			want: "Action=ListSigningCertificates&UserName=Bob&Version=2010-05-08"},
		{name: "tags", raw: "Tags.member.2.Key=b&Tags.member.10.Key=c&Tags.member.1.Key=a",
			want: "Tags.member.1.Key=a&Tags.member.10.Key=c&Tags.member.2.Key=b"},
		{name: "a key's values are sorted", raw: "a=2&b=0&a=1", want: "a=1&a=2&b=0"},
		{name: "values sort after encoding", raw: "k=a-b&k=a/b", want: "k=a%2Fb&k=a-b"},
		{name: "keys sort after encoding", raw: "Tag-1=x&Tag/1=y", want: "Tag%2F1=y&Tag-1=x"},
		{name: "space as +", raw: "v=a+b", want: "v=a%20b"},
		{name: "space as %20", raw: "v=a%20b", want: "v=a%20b"},
		{name: "plus", raw: "v=a%2bb", want: "v=a%2Bb"},
		{name: "slash", raw: "v=a/b&w=a%2fb", want: "v=a%2Fb&w=a%2Fb"},
		{name: "tilde", raw: "v=~&w=%7E", want: "v=~&w=~"},
		{name: "needless escape", raw: "User%4eame=%42ob", want: "UserName=Bob"},
		{name: "non-ASCII raw", raw: "v=é日", want: "v=%C3%A9%E6%97%A5"},
		{name: "non-ASCII escaped", raw: "v=%c3%a9", want: "v=%C3%A9"},
		{name: "reserved characters", raw: "v=" + url.QueryEscape("!*'()@:$,=?#[]"), want: "v=%21%2A%27%28%29%40%3A%24%2C%3D%3F%23%5B%5D"},
		{name: "no value", raw: "Marker&Action=List", want: "Action=List&Marker="},
		{name: "empty key", raw: "=x", want: "=x"},
		{name: "empty pairs", raw: "&a=1&&b=2&", want: "a=1&b=2"},
		{name: "semicolon drops the pair", raw: "a=1;b=2&c=3", want: "c=3"},
		{name: "bad escape drops the pair", raw: "a=%zz&b=1&c%2=2", want: "b=1"},
		{name: "signature of a header-signed request", raw: "X-Amz-Signature=ab&A=1", want: "A=1&X-Amz-Signature=ab"},
		{name: "signature of a presigned request", raw: "X-Amz-Signature=ab&A=1", presigned: true, want: "A=1"},
		{name: "more pairs than the stack holds", raw: strings.Join(many, "&"),
			want: "k=a&k=b&k=c&k=d&k=e&k=f&k=g&k=h&k=i&k=j&k=k&k=l&k=m&k=n&k=o&k=p&k=q&k=r&k=s&k=t"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := string(appendCanonicalQuery(nil, tc.raw, tc.presigned))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if !tc.presigned {
				if diff := cmp.Diff(referenceCanonicalQuery(tc.raw), got); diff != "" {
					t.Errorf("differs from the SDK's algorithm (-sdk +got):\n%s", diff)
				}
			}
		})
	}
}

// referenceCanonicalQuery is the SDK signer's canonical query
// (aws/signer/internal/v4.EncodeQuery of req.URL.Query()), written as plainly
// as it is there.
func referenceCanonicalQuery(raw string) string {
	q, _ := url.ParseQuery(raw)
	var pairs []string
	for k, vs := range q {
		for _, v := range vs {
			enc := func(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }
			pairs = append(pairs, enc(k)+"\x00"+enc(v)) // \x00 sorts before every encoded byte
		}
	}
	sort.Strings(pairs)
	return strings.ReplaceAll(strings.Join(pairs, "&"), "\x00", "=")
}

func TestPayloadHashOf(t *testing.T) {
	for body, want := range map[string]string{
		"":    emptyHash,
		"abc": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	} {
		if got := PayloadHash([]byte(body)); got != want {
			t.Errorf("PayloadHash(%q) = %s, want %s", body, got, want)
		}
	}
}

// testRequest is an IAM request, signed by the SDK's own SigV4 signer.
type testRequest struct {
	method, target, body string // target: path and query
	header               http.Header
	host                 string // Host to send, if not the URL's
	token                string // session token
	secret               string // the secret it is signed with: testSecret if ""

	signHash string // the payload hash SignHTTP signs: the body's if ""

	presign     bool
	presignHash string // the payload hash PresignHTTP signs: UNSIGNED-PAYLOAD if ""
}

// sign returns the request signed for base ("https://iam.amazonaws.com",
// or a test server's URL), as a client sends it.
func (tr testRequest) sign(t *testing.T, base string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(tr.method, base+tr.target, strings.NewReader(tr.body))
	if err != nil {
		t.Fatal(err)
	}
	if tr.method == "POST" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	}
	for k, v := range tr.header {
		req.Header[k] = append([]string(nil), v...)
	}
	req.Host = tr.host
	secret := tr.secret
	if secret == "" {
		secret = testSecret
	}
	creds := aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: secret, SessionToken: tr.token}
	signer := v4.NewSigner()
	if !tr.presign {
		hash := tr.signHash
		if hash == "" {
			hash = PayloadHash([]byte(tr.body))
		}
		if err := signer.SignHTTP(context.Background(), creds, req, hash, "iam", "us-east-1", testSigningTime); err != nil {
			t.Fatal(err)
		}
		return req
	}
	hash := tr.presignHash
	if hash == "" {
		hash = UnsignedPayload
	}
	uri, headers, err := signer.PresignHTTP(context.Background(), creds, req, hash, "iam", "us-east-1", testSigningTime)
	if err != nil {
		t.Fatal(err)
	}
	out, err := http.NewRequest(tr.method, uri, strings.NewReader(tr.body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range headers {
		if k != "Host" {
			out.Header[k] = v
		}
	}
	out.Host = tr.host
	return out
}

// verdict is what the fake concludes of a request.
type verdict struct {
	State    Form
	Verified bool
}

func judge(r *http.Request, payloadHash string) verdict {
	sig, state := Read(r)
	var cache KeyCache
	ok := (state == InHeader || state == Presigned) && sig.Verify(r, testSecret, payloadHash, &cache)
	return verdict{state, ok}
}

// serverPayloadHash is the payload hash a server passes: the body's, whatever
// the request states.
func serverPayloadHash(_ *http.Request, body []byte) string { return PayloadHash(body) }

// A door takes a signed client request to the fake and returns its verdict.
type door struct {
	name    string
	base    string
	deliver func(t *testing.T, req *http.Request) verdict
}

// doors are the SDK middleware (the signed *http.Request itself and the
// payload hash the SDK computed), a request as net/http's server parses it
// from the wire (http.ReadRequest: Host set, URL without host, RequestURI),
// and a real http.Server on loopback.
func doors(t *testing.T) []door {
	verdicts := make(chan verdict, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Error(err)
		}
		verdicts <- judge(r, serverPayloadHash(r, body))
	}))
	t.Cleanup(srv.Close)
	return []door{
		{"sdk", "https://iam.amazonaws.com", func(t *testing.T, req *http.Request) verdict {
			return judge(req, PayloadHash(readBody(t, req)))
		}},
		{"wire", "https://iam.amazonaws.com", func(t *testing.T, req *http.Request) verdict {
			var wire bytes.Buffer
			out := req.Clone(context.Background())
			out.Body = io.NopCloser(bytes.NewReader(readBody(t, req)))
			if err := out.Write(&wire); err != nil {
				t.Fatal(err)
			}
			r, err := http.ReadRequest(bufio.NewReader(&wire))
			if err != nil {
				t.Fatal(err)
			}
			if r.URL.Host != "" || r.Host == "" || r.RequestURI == "" {
				t.Fatalf("not a server's request: URL %q, Host %q, RequestURI %q", r.URL, r.Host, r.RequestURI)
			}
			body := readBody(t, r)
			return judge(r, serverPayloadHash(r, body))
		}},
		{"server", srv.URL, func(t *testing.T, req *http.Request) verdict {
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return <-verdicts
		}},
	}
}

// readBody reads req's body and leaves it in place to be read again.
func readBody(t *testing.T, req *http.Request) []byte {
	t.Helper()
	if req.Body == nil || req.Body == http.NoBody {
		return nil
	}
	body, err := io.ReadAll(req.Body)
	if err != nil {
		t.Fatal(err)
	}
	req.Body = io.NopCloser(bytes.NewReader(body))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	return body
}

func setBody(r *http.Request, body string) {
	r.Body = io.NopCloser(strings.NewReader(body))
	r.ContentLength = int64(len(body))
}

func TestVerifySignature(t *testing.T) {
	post := testRequest{method: "POST", target: "/", body: testForm}
	get := testRequest{method: "GET", target: "/?Action=ListSigningCertificates&Version=2010-05-08&UserName=Bob"}
	presigned := testRequest{method: "GET", target: "/?Action=ListSigningCertificates&Version=2010-05-08&UserName=Bob&X-Amz-Expires=300", presign: true}
	with := func(tr testRequest, f func(*testRequest)) testRequest { f(&tr); return tr }
	header := func(kv ...string) http.Header {
		h := http.Header{}
		for i := 0; i < len(kv); i += 2 {
			h.Add(kv[i], kv[i+1])
		}
		return h
	}
	var (
		headerOK     = verdict{InHeader, true}
		headerFails  = verdict{InHeader, false}
		presignOK    = verdict{Presigned, true}
		presignFails = verdict{Presigned, false}
	)
	ds := doors(t)
	for _, tc := range []struct {
		name   string
		req    testRequest
		tamper func(*http.Request) // after signing, before sending
		want   verdict
	}{
		{name: "POST form", req: post, want: headerOK},
		{name: "GET query", req: get, want: headerOK},
		{name: "session token", req: with(post, func(tr *testRequest) { tr.token = "FQoGZXIvYXdzEXAMPLE" }), want: headerOK},
		{name: "header values with extra spaces", req: with(post, func(tr *testRequest) {
			tr.header = header("X-Amz-Meta-A", "  a   b  c ", "X-Amz-Meta-A", "d", "Content-Type", "application/x-www-form-urlencoded;   charset=utf-8")
		}), want: headerOK},
		{name: "query keys and values to escape", req: with(get, func(tr *testRequest) {
			tr.target = "/?Action=TagUser&Version=2010-05-08&UserName=Bob&Tags.member.1.Key=team%20name" +
				"&Tags.member.1.Value=" + url.QueryEscape("a b/c+d~e é日本") + "&Tags.member.2.Key=x&Tags.member.10.Key=y"
		}), want: headerOK},
		{name: "+ in the query", req: with(get, func(tr *testRequest) { tr.target += "&Marker=a+b" }), want: headerOK},
		{name: "lowercase and needless escapes", req: with(get, func(tr *testRequest) { tr.target += "&Path%49refix=%2fdivision%2f%61" }), want: headerOK},
		{name: "order changes when encoded", req: with(get, func(tr *testRequest) { tr.target += "&Tag=a-b&Tag=a/b&K-1=x&K/1=y" }), want: headerOK},
		{name: "key without a value", req: with(get, func(tr *testRequest) { tr.target += "&Marker" }), want: headerOK},
		{name: "path to escape", req: with(post, func(tr *testRequest) { tr.target = "/a%20b/c~d" }), want: headerOK},
		{name: "Host other than the URL's", req: with(post, func(tr *testRequest) { tr.host = "iam.example.com" }), want: headerOK},
		{name: "unsigned header changed", req: post, tamper: func(r *http.Request) { r.Header.Set("User-Agent", "other") }, want: headerOK},

		{name: "wrong secret", req: with(post, func(tr *testRequest) { tr.secret = "not-the-secret" }), want: headerFails},
		{name: "body changed", req: post, tamper: func(r *http.Request) { setBody(r, strings.Replace(testForm, "Bob", "Rob", 1)) }, want: headerFails},
		{name: "query parameter changed", req: get, tamper: func(r *http.Request) { r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "Bob", "Rob", 1) }, want: headerFails},
		{name: "query parameter added", req: get, tamper: func(r *http.Request) { r.URL.RawQuery += "&MaxItems=1" }, want: headerFails},
		{name: "host changed", req: post, tamper: func(r *http.Request) { r.Host = "iam.example.com" }, want: headerFails},
		{name: "signed header changed", req: with(post, func(tr *testRequest) { tr.header = header("X-Amz-Meta-A", "a") }),
			tamper: func(r *http.Request) { r.Header.Set("X-Amz-Meta-A", "b") }, want: headerFails},
		{name: "content type changed", req: post, tamper: func(r *http.Request) { r.Header.Set("Content-Type", "text/plain") }, want: headerFails},
		{name: "method changed", req: post, tamper: func(r *http.Request) { r.Method = "PUT" }, want: headerFails},
		{name: "path changed", req: post, tamper: func(r *http.Request) { r.URL.Path = "/x" }, want: headerFails},
		{name: "date changed", req: post, tamper: func(r *http.Request) { r.Header.Set("X-Amz-Date", "20260102T030406Z") }, want: headerFails},
		{name: "scope of another region", req: post, tamper: func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "us-east-1", "eu-west-1", 1))
		}, want: headerFails},
		{name: "credential of another day", req: post, tamper: func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "/20260102/", "/20260103/", 1))
		}, want: headerFails},
		{name: "no signature", req: post, tamper: func(r *http.Request) { r.Header.Del("Authorization") }, want: verdict{Unsigned, false}},

		{name: "presigned", req: presigned, want: presignOK},
		{name: "presigned without X-Amz-Expires", req: with(presigned, func(tr *testRequest) { tr.target = get.target }), want: presignOK},
		{name: "presigned over the empty body's hash", req: with(presigned, func(tr *testRequest) { tr.presignHash = emptyHash }), want: presignOK},
		{name: "presigned, stated payload hash", req: with(presigned, func(tr *testRequest) {
			tr.presignHash = emptyHash
			tr.header = header("X-Amz-Content-Sha256", emptyHash)
		}), want: presignOK},
		{name: "presigned, session token", req: with(presigned, func(tr *testRequest) { tr.token = "FQoGZXIvYXdzEXAMPLE" }), want: presignOK},
		{name: "presigned, query to escape", req: with(presigned, func(tr *testRequest) { tr.target += "&Marker=" + url.QueryEscape("a b/c+d~é") }), want: presignOK},
		{name: "presigned, wrong secret", req: with(presigned, func(tr *testRequest) { tr.secret = "not-the-secret" }), want: presignFails},
		{name: "presigned, query parameter changed", req: presigned,
			tamper: func(r *http.Request) { r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "Bob", "Rob", 1) }, want: presignFails},
		{name: "presigned, expiry changed", req: presigned,
			tamper: func(r *http.Request) {
				r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "X-Amz-Expires=300", "X-Amz-Expires=900", 1)
			}, want: presignFails},
		{name: "presigned, host changed", req: presigned, tamper: func(r *http.Request) { r.Host = "iam.example.com" }, want: presignFails},
		{name: "presigned, stated payload hash not the signed one", req: with(presigned, func(tr *testRequest) { tr.presignHash = emptyHash }),
			tamper: func(r *http.Request) { r.URL.RawQuery += "&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD" }, want: presignFails},
	} {
		for _, d := range ds {
			t.Run(tc.name+"/"+d.name, func(t *testing.T) {
				req := tc.req.sign(t, d.base)
				if tc.tamper != nil {
					tc.tamper(req)
				}
				if diff := cmp.Diff(tc.want, d.deliver(t, req)); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			})
		}
	}
}

// TestSigningKeyCache: the derived key is cached per scope and secret, and
// recomputed for another, so a key used on two dates verifies on both.
func TestSigningKeyCache(t *testing.T) {
	var cache KeyCache
	for _, step := range []struct {
		day    int
		secret string
	}{{2, "s3cr3t"}, {3, "s3cr3t"}, {2, "s3cr3t"}, {2, "another"}} {
		req, err := http.NewRequest("POST", "https://iam.amazonaws.com/", strings.NewReader(""))
		if err != nil {
			t.Fatal(err)
		}
		creds := aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: step.secret}
		if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, emptyHash, "iam", "us-east-1", time.Date(2026, 1, step.day, 0, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		sig, _ := Read(req)
		if !sig.Verify(req, step.secret, emptyHash, &cache) {
			t.Errorf("day %d, secret %q: signature refused", step.day, step.secret)
		}
		if d := cache.last.Load(); d == nil || d.scope != sig.Scope || d.secret != step.secret {
			t.Errorf("day %d: cache holds %+v", step.day, d)
		}
	}
}

func FuzzParseAuthorization(f *testing.F) {
	for _, s := range []string{
		testAuthHeader, "", "AWS4-HMAC-SHA256 ", "AWS4-HMAC-SHA256 Credential=a/b/c/d/aws4_request,SignedHeaders=h,Signature=s",
		"AWS4-HMAC-SHA256 Credential=/,,,=", "AWS4-HMAC-SHA256 Credential=a/b/c/d/e/aws4_request, SignedHeaders=;, Signature==",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		a, ok := parseAuthorization(h)
		if !ok {
			return
		}
		if !strings.HasPrefix(h, Algorithm+" ") {
			t.Errorf("accepted %q without the algorithm", h)
		}
		if a.AccessKeyID == "" || a.Date == "" || a.SignedHeaders == "" || a.Hex == "" {
			t.Errorf("accepted %q with an empty part: %+v", h, a)
		}
		if want := a.Date + "/" + a.Region + "/" + a.Service + "/" + a.Terminator; a.Scope != want {
			t.Errorf("scope %q, want %q", a.Scope, want)
		}
		for _, part := range []string{a.AccessKeyID + "/" + a.Scope, a.SignedHeaders, a.Hex} {
			if !strings.Contains(h, part) {
				t.Errorf("%q: parsed part %q is not in the header", h, part)
			}
		}
		// Verifying any parsed header against any request never panics.
		req, _ := http.NewRequest("POST", "https://iam.amazonaws.com/", nil)
		req.Header.Set("X-Amz-Date", "20260102T030405Z")
		a.AmzDate = a.Date + "T030405Z"
		var cache KeyCache
		a.Verify(req, "secret", "", &cache)
	})
}

// FuzzReadSignature: reading and verifying the signature of any request
// never panics, and the canonical query is the SDK signer's.
func FuzzReadSignature(f *testing.F) {
	f.Add("", "", "", "")
	f.Add(testAuthHeader, "Action=ListSigningCertificates", "20150830T123600Z", "content-type")
	f.Add("", presignedQuery, "", "host")
	f.Add("", presignedQuery+"&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD&a=%zz;&&=", "", "x-amz-meta-a")
	f.Add(testAuthHeader+"\n"+testAuthHeader, presignedQuery, "2015", "host;host")
	f.Add("", "X-Amz-Signature=1&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a/b/c/d/aws4_request&X-Amz-Date=b&X-Amz-SignedHeaders=;;", "", "")
	f.Fuzz(func(t *testing.T, authz, query, AmzDate, headerName string) {
		r := &http.Request{Method: "GET", URL: &url.URL{Path: "/", RawQuery: query}, Host: "iam.amazonaws.com",
			Header: http.Header{"X-Amz-Date": {AmzDate}, "X-Amz-Meta-A": {" a  b "}}}
		if authz != "" {
			r.Header["Authorization"] = strings.Split(authz, "\n")
		}
		if headerName != "" {
			r.Header[headerName] = []string{AmzDate}
		}
		sig, state := Read(r)
		switch state {
		case Unsigned:
			if sig != (Signature{}) {
				t.Errorf("state none with %+v", sig)
			}
		case InHeader:
			if sig.Presigned {
				t.Errorf("header state, presigned sig %+v", sig)
			}
		case Presigned:
			q, _ := url.ParseQuery(query)
			if !sig.Presigned || q.Get("X-Amz-Signature") != sig.Hex {
				t.Errorf("presigned state, sig %+v", sig)
			}
		case Malformed:
			if sig != (Signature{}) {
				t.Errorf("state malformed with %+v", sig)
			}
		default:
			t.Errorf("state %v", state)
		}
		// Checking it never panics, and refuses with one of AWS's codes.
		if refused := sig.Check(Expect{Service: "iam", Now: testSigningTime}); refused != nil &&
			refused.Code != "IncompleteSignature" && refused.Code != "SignatureDoesNotMatch" {
			t.Errorf("Check: %v", refused)
		}
		var cache KeyCache
		sig.Verify(r, "secret", emptyHash, &cache)
		sig.AmzDate = sig.Date + "T000000Z" // past the date check, into canonicalization
		sig.Verify(r, "secret", emptyHash, &cache)

		if strings.Count(query, "&") < 1000 { // url.ParseQuery gives up past a limit
			if got, want := string(appendCanonicalQuery(nil, query, false)), referenceCanonicalQuery(query); got != want {
				t.Errorf("canonical query of %q:\n got %q\nwant %q", query, got, want)
			}
		}
	})
}

func TestCheck(t *testing.T) {
	var dates DateCache
	now := time.Date(2026, 12, 4, 10, 30, 0, 0, time.UTC)
	ok := Signature{AccessKeyID: "AKIDEXAMPLE", Scope: "20261204/us-east-1/iam/aws4_request", Date: "20261204", Region: "us-east-1",
		Service: "iam", Terminator: "aws4_request", SignedHeaders: "content-type;host;x-amz-date", Hex: "00", AmzDate: "20261204T103000Z"}
	with := func(f func(*Signature)) Signature { s := ok; f(&s); return s }
	iam := Expect{Service: "iam", Now: now}
	for _, tc := range []struct {
		name   string
		sig    Signature
		expect Expect
		want   *Refusal
	}{
		{name: "as the SDK signs it", sig: ok, expect: iam},
		{name: "presigned, host only", sig: with(func(s *Signature) { s.Presigned, s.SignedHeaders = true, "host" }), expect: iam},
		{name: "14:59 early", sig: with(func(s *Signature) { s.AmzDate = "20261204T101501Z" }), expect: iam},
		{name: "15:00 late", sig: with(func(s *Signature) { s.AmzDate = "20261204T104500Z" }), expect: iam},
		{name: "no clock: no skew", sig: with(func(s *Signature) { s.AmzDate = "20261204T000000Z" }), expect: Expect{Service: "iam"}},
		{name: "any region", sig: with(func(s *Signature) { s.Region = "eu-west-1" }), expect: iam},

		{name: "no X-Amz-Date header", sig: with(func(s *Signature) { s.AmzDate = "" }), expect: iam,
			want: &Refusal{"IncompleteSignature", 400, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256"}},
		{name: "date garbage after the day", sig: with(func(s *Signature) { s.AmzDate = "20261204Tgarbage!" }), expect: iam,
			want: &Refusal{"IncompleteSignature", 400, "Date must be in ISO-8601 'basic format'. Got '20261204Tgarbage!'. See http://en.wikipedia.org/wiki/ISO_8601"}},
		{name: "date with a zone", sig: with(func(s *Signature) { s.AmzDate = "20261204T103000+0000" }), expect: iam,
			want: &Refusal{"IncompleteSignature", 400, "Date must be in ISO-8601 'basic format'. Got '20261204T103000+0000'. See http://en.wikipedia.org/wiki/ISO_8601"}},
		{name: "presigned, date garbage", sig: with(func(s *Signature) { s.Presigned, s.AmzDate = true, "2026" }), expect: iam,
			want: &Refusal{"IncompleteSignature", 400, "Date must be in ISO-8601 'basic format'. Got '2026'. See http://en.wikipedia.org/wiki/ISO_8601"}},
		{name: "15:01 early", sig: with(func(s *Signature) { s.AmzDate = "20261204T101459Z" }), expect: iam,
			want: &Refusal{"SignatureDoesNotMatch", 403, "Signature expired: 20261204T101459Z is now earlier than 20261204T101500Z (20261204T103000Z - 15 min.)"}},
		{name: "15:01 late", sig: with(func(s *Signature) { s.AmzDate = "20261204T104501Z" }), expect: iam,
			want: &Refusal{"SignatureDoesNotMatch", 403, "Signature not yet current: 20261204T104501Z is still later than 20261204T104500Z (20261204T103000Z + 15 min.)"}},
		{name: "presigned an hour ago", sig: with(func(s *Signature) { s.Presigned, s.AmzDate, s.Expires = true, "20261204T093000Z", 2*time.Hour }), expect: iam,
			want: &Refusal{"SignatureDoesNotMatch", 403, "Signature expired: 20261204T093000Z is now earlier than 20261204T101500Z (20261204T103000Z - 15 min.)"}},
		{name: "host not signed", sig: with(func(s *Signature) { s.SignedHeaders = "content-type;x-amz-date" }), expect: iam,
			want: &Refusal{"SignatureDoesNotMatch", 403, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."}},
		{name: "only content-type signed", sig: with(func(s *Signature) { s.SignedHeaders = "content-type" }), expect: iam,
			want: &Refusal{"SignatureDoesNotMatch", 403, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."}},
		{name: "presigned, host not signed", sig: with(func(s *Signature) { s.Presigned, s.SignedHeaders = true, "x-amz-date" }), expect: iam,
			want: &Refusal{"SignatureDoesNotMatch", 403, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."}},
		{name: "scoped to s3", sig: with(func(s *Signature) { s.Service = "s3" }), expect: iam,
			want: &Refusal{"SignatureDoesNotMatch", 403, "Credential should be scoped to correct service: 'iam'. "}},
		{name: "scoped to sts, on IAM", sig: with(func(s *Signature) { s.Service = "sts" }), expect: iam,
			want: &Refusal{"SignatureDoesNotMatch", 403, "Credential should be scoped to correct service: 'iam'. "}},
		{name: "scoped to iam, on STS", sig: ok, expect: Expect{Service: "sts", Now: now},
			want: &Refusal{"SignatureDoesNotMatch", 403, "Credential should be scoped to correct service: 'sts'. "}},
		{name: "another region, where one is required", sig: with(func(s *Signature) { s.Region = "us-west-2" }), expect: Expect{Service: "iam", Region: "us-east-1", Now: now},
			want: &Refusal{"SignatureDoesNotMatch", 403, "Credential should be scoped to a valid region, not 'us-west-2'. "}},
		{name: "another terminator", sig: with(func(s *Signature) { s.Terminator = "aws5_request" }), expect: iam,
			want: &Refusal{"SignatureDoesNotMatch", 403, "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. "}},
		{name: "scope of another day", sig: with(func(s *Signature) { s.Date = "20261203" }), expect: iam,
			want: &Refusal{"SignatureDoesNotMatch", 403, "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20261203' != '20261204', from '20261204T103000Z'. "}},
		{name: "everything wrong with the scope, in IAM's order", expect: Expect{Service: "iam", Region: "us-east-1", Now: now},
			sig: with(func(s *Signature) {
				s.Date, s.Region, s.Service, s.Terminator = "foobar", "wrong-region", "s3", "aws5_request"
			}),
			want: &Refusal{"SignatureDoesNotMatch", 403, "Credential should be scoped to a valid region, not 'wrong-region'. " +
				"Credential should be scoped to correct service: 'iam'. " +
				"Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. " +
				"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: 'foobar' != '20261204', from '20261204T103000Z'. "}},
		{name: "the date is judged before the host", sig: with(func(s *Signature) { s.AmzDate, s.SignedHeaders = "x", "content-type" }), expect: iam,
			want: &Refusal{"IncompleteSignature", 400, "Date must be in ISO-8601 'basic format'. Got 'x'. See http://en.wikipedia.org/wiki/ISO_8601"}},
		{name: "the host is judged before the scope", sig: with(func(s *Signature) { s.Service, s.SignedHeaders = "s3", "content-type" }), expect: iam,
			want: &Refusal{"SignatureDoesNotMatch", 403, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, tc.sig.Check(tc.expect)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			// With a date cache shared by every row, twice: the second
			// answer comes from the cache where the date parsed.
			cached := tc.expect
			cached.Dates = &dates
			for range 2 {
				if diff := cmp.Diff(tc.want, tc.sig.Check(cached)); diff != "" {
					t.Errorf("with a date cache (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// TestVerifyCoversTheBody: the signature is recomputed over the body
// received, so what a request executes is what it signed: a stated payload
// hash does not stand in for the body, and UNSIGNED-PAYLOAD passes only
// with an empty body.
func TestVerifyCoversTheBody(t *testing.T) {
	const body = "UserName=Alice"
	presignedPOST := func(hash string) testRequest {
		return testRequest{method: "POST", target: "/?Action=DeleteUser&Version=2010-05-08", presign: true, presignHash: hash}
	}
	for _, tc := range []struct {
		name string
		req  testRequest
		body string // sent after signing
		want bool
	}{
		{name: "presigned over the empty body, sent without one", req: presignedPOST(EmptyPayloadHash), want: true},
		{name: "presigned over UNSIGNED-PAYLOAD, sent without a body", req: presignedPOST(UnsignedPayload), want: true},
		{name: "presigned over the empty body, sent with one", req: presignedPOST(EmptyPayloadHash), body: body},
		{name: "presigned over UNSIGNED-PAYLOAD, sent with a body", req: presignedPOST(UnsignedPayload), body: body},
		{name: "presigned over the empty body, stating it, sent with a body", body: body,
			req: with(presignedPOST(EmptyPayloadHash), func(tr *testRequest) { tr.header = http.Header{"X-Amz-Content-Sha256": {EmptyPayloadHash}} })},
		{name: "presigned over UNSIGNED-PAYLOAD, stating it, sent with a body", body: body,
			req: with(presignedPOST(UnsignedPayload), func(tr *testRequest) { tr.header = http.Header{"X-Amz-Content-Sha256": {UnsignedPayload}} })},
		{name: "presigned over the body's hash, sent with it", req: with(presignedPOST(PayloadHash([]byte(body))), func(tr *testRequest) { tr.body = body }),
			body: body, want: true},
		{name: "header-signed over UNSIGNED-PAYLOAD, with a body", body: body,
			req: testRequest{method: "POST", target: "/?Action=DeleteUser&Version=2010-05-08", signHash: UnsignedPayload}},
		{name: "header-signed over UNSIGNED-PAYLOAD, without a body",
			req: testRequest{method: "POST", target: "/?Action=DeleteUser&Version=2010-05-08&UserName=Alice", signHash: UnsignedPayload}, want: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.req.sign(t, "https://iam.amazonaws.com")
			setBody(r, tc.body)
			sig, _ := Read(r)
			var cache KeyCache
			if got := sig.Verify(r, testSecret, PayloadHash([]byte(tc.body)), &cache); got != tc.want {
				t.Errorf("Verify = %v, want %v", got, tc.want)
			}
		})
	}
}

func with(tr testRequest, f func(*testRequest)) testRequest { f(&tr); return tr }
