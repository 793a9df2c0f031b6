package fakeiam_test

// docs/contract.md, "Server certificates": UploadServerCertificate,
// GetServerCertificate, ListServerCertificates, UpdateServerCertificate,
// DeleteServerCertificate, TagServerCertificate, UntagServerCertificate and
// ListServerCertificateTags, each row through the differential harness
// (both doors and the SDK's decoding of IAM's XML). The certificates are
// ServerCertificatePEM's, or made here with crypto/x509 for the fake's
// clock (testNow).

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// forever is the NotAfter of ServerCertificatePEM's certificates, and so
// their Expiration.
var forever = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)

var (
	webUploaded               = time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	webBody, webKey, webChain = fakeiam.ServerCertificatePEM("web")
	scBody, scKey, scChain    = fakeiam.ServerCertificatePEM("new")
)

// seedServerCerts: "web" (with a chain and tags), "Api" under /cloudfront/,
// "batch" under /batch/.
func seedServerCerts(more ...fakeiam.Option) []fakeiam.Option {
	return append([]fakeiam.Option{
		fakeiam.ServerCertificate("web").Body(webBody, webKey).Chain(webChain).UploadedAt(webUploaded).Tag("team", "edge").Tag("env", "prod"),
		fakeiam.ServerCertificate("Api").Path("/cloudfront/api/").UploadedAt(webUploaded),
		fakeiam.ServerCertificate("batch").Path("/batch/").UploadedAt(webUploaded),
		fakeiam.Root().AccessKey(rootKey),
	}, more...)
}

func scMeta(path, name, id string, uploaded, expires time.Time) types.ServerCertificateMetadata {
	return types.ServerCertificateMetadata{Path: aws.String(path), ServerCertificateName: aws.String(name), ServerCertificateId: aws.String(id),
		Arn: aws.String("arn:aws:iam::" + fakeiam.DefaultAccountID + ":server-certificate" + path + name), UploadDate: aws.Time(uploaded), Expiration: aws.Time(expires)}
}

func seededMeta(path, name string) types.ServerCertificateMetadata {
	return scMeta(path, name, "<id of server certificate "+name+">", webUploaded, forever)
}

var (
	webMeta   = seededMeta("/", "web")
	apiMeta   = seededMeta("/cloudfront/api/", "Api")
	batchMeta = seededMeta("/batch/", "batch")
)

func uploadSC(in *iam.UploadServerCertificateInput) call {
	return callOf((*iam.Client).UploadServerCertificate, in)
}

// uploadIn is an upload of name with body and key, and nothing else.
func uploadIn(name, body, key string) *iam.UploadServerCertificateInput {
	return &iam.UploadServerCertificateInput{ServerCertificateName: aws.String(name), CertificateBody: aws.String(body), PrivateKey: aws.String(key)}
}

func getSC(name string) call {
	return callOf((*iam.Client).GetServerCertificate, &iam.GetServerCertificateInput{ServerCertificateName: aws.String(name)})
}

func listSCs(in iam.ListServerCertificatesInput) call {
	return callOf((*iam.Client).ListServerCertificates, &in)
}

func updateSC(in *iam.UpdateServerCertificateInput) call {
	return callOf((*iam.Client).UpdateServerCertificate, in)
}

func deleteSC(name string) call {
	return callOf((*iam.Client).DeleteServerCertificate, &iam.DeleteServerCertificateInput{ServerCertificateName: aws.String(name)})
}

func tagSC(name string, tags ...types.Tag) call {
	return callOf((*iam.Client).TagServerCertificate, &iam.TagServerCertificateInput{ServerCertificateName: aws.String(name), Tags: tags})
}

func untagSC(name string, keys ...string) call {
	return callOf((*iam.Client).UntagServerCertificate, &iam.UntagServerCertificateInput{ServerCertificateName: aws.String(name), TagKeys: keys})
}

func listSCTags(name string, marker *string, maxItems *int32) call {
	return callOf((*iam.Client).ListServerCertificateTags, &iam.ListServerCertificateTagsInput{ServerCertificateName: aws.String(name), Marker: marker, MaxItems: maxItems})
}

func scPage(marker string, ms ...types.ServerCertificateMetadata) *iam.ListServerCertificatesOutput {
	if ms == nil {
		ms = []types.ServerCertificateMetadata{}
	}
	out := &iam.ListServerCertificatesOutput{ServerCertificateMetadataList: ms}
	if marker != "" {
		out.IsTruncated, out.Marker = true, aws.String(marker)
	}
	return out
}

func scTagsPage(marker string, tags ...types.Tag) *iam.ListServerCertificateTagsOutput {
	if tags == nil {
		tags = []types.Tag{}
	}
	out := &iam.ListServerCertificateTagsOutput{Tags: tags}
	if marker != "" {
		out.IsTruncated, out.Marker = true, aws.String(marker)
	}
	return out
}

func gotSC(meta types.ServerCertificateMetadata, body string, chain *string, tags ...types.Tag) *iam.GetServerCertificateOutput {
	if tags == nil {
		tags = []types.Tag{}
	}
	return &iam.GetServerCertificateOutput{ServerCertificate: &types.ServerCertificate{ServerCertificateMetadata: &meta, CertificateBody: aws.String(body), CertificateChain: chain, Tags: tags}}
}

// IAM's texts (docs/contract.md, "Server certificates").
var (
	noSuchSC = func(name string) *fakeiam.Error {
		return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "The Server Certificate with name " + name + " cannot be found."}
	}
	scExists = func(name string) *fakeiam.Error {
		return &fakeiam.Error{Code: "EntityAlreadyExists", Status: 409, Message: "The Server Certificate with name " + name + " already exists."}
	}
	scMalformed   = &fakeiam.Error{Code: "MalformedCertificate", Status: 400, Message: "Unable to parse certificate. Please ensure the certificate is in PEM format."}
	scBadKey      = &fakeiam.Error{Code: "MalformedCertificate", Status: 400, Message: "Unable to parse private key. Please ensure the private key is in PEM format."}
	scUnsupported = &fakeiam.Error{Code: "MalformedCertificate", Status: 400, Message: "Unsupported public key. The certificate must hold an RSA key of 1024 to 4096 bits or an ECDSA key on P-256 or P-384."}
	scMismatch    = &fakeiam.Error{Code: "KeyPairMismatch", Status: 400, Message: "The public key certificate and the private key do not match."}
	scBadChain    = &fakeiam.Error{Code: "MalformedCertificate", Status: 400, Message: "Unable to parse certificate chain. Please ensure the certificate chain is in PEM format."}
	scChainAt     = func(i string) *fakeiam.Error {
		return &fakeiam.Error{Code: "MalformedCertificate", Status: 400, Message: "Unable to validate certificate chain. The certificate chain must start with the immediate signing certificate, followed by any intermediaries in order. The index within the chain of the invalid certificate is: " + i}
	}
	scExpired     = &fakeiam.Error{Code: "MalformedCertificate", Status: 400, Message: "Certificate is no longer valid. The 'Not After' date restriction on the certificate has passed."}
	scNotYetValid = &fakeiam.Error{Code: "MalformedCertificate", Status: 400, Message: "Certificate is not valid yet. The 'Not Before' date restriction on the certificate has not been reached."}
	scQuota       = &fakeiam.Error{Code: "LimitExceeded", Status: 409, Message: "Cannot exceed quota for ServerCertificatesPerAccount: 3"}
	scTagQuota    = &fakeiam.Error{Code: "LimitExceeded", Status: 409, Message: "Cannot exceed quota for TagsPerServerCertificate: 50"}
	dupTagKeys    = &fakeiam.Error{Code: "InvalidInput", Status: 400, Message: "Duplicate tag keys found."}
	reservedTag   = &fakeiam.Error{Code: "InvalidInput", Status: 400, Message: "Tag keys beginning with aws: are reserved for AWS use."}
)

// Certificates made here with crypto/x509.

// testPair is a certificate and its key, PEM, and what signs with the key.
type testPair struct {
	cert, key string
	parsed    *x509.Certificate
	signer    crypto.Signer
}

// pairSpec says what makePair makes: a key (nil: a new ECDSA P-256 key),
// validity (zero: 1970 to 9999), an issuer (nil: self-signed) and whether
// it may sign certificates.
type pairSpec struct {
	subject             string
	key                 crypto.Signer
	notBefore, notAfter time.Time
	issuer              *testPair
	ca                  bool
}

func makePair(t testing.TB, s pairSpec) testPair {
	t.Helper()
	if s.key == nil {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		s.key = k
	}
	if s.notBefore.IsZero() {
		s.notBefore, s.notAfter = time.Unix(0, 0), forever
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: s.subject},
		NotBefore: s.notBefore, NotAfter: s.notAfter, BasicConstraintsValid: true, IsCA: s.ca}
	if s.ca {
		tmpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature
	}
	parent, signer := tmpl, s.key
	if s.issuer != nil {
		parent, signer = s.issuer.parsed, s.issuer.signer
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, s.key.Public(), signer)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	p8, err := x509.MarshalPKCS8PrivateKey(s.key)
	if err != nil {
		t.Fatal(err)
	}
	return testPair{cert: pemOf("CERTIFICATE", der), key: pemOf("PRIVATE KEY", p8), parsed: parsed, signer: s.key}
}

func pemOf(typ string, der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
}

// testRSAKey is one RSA key for the whole test binary (making one costs
// tens of milliseconds).
var testRSAKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
})

func TestUploadServerCertificateSpec(t *testing.T) {
	rsaPair := makePair(t, pairSpec{subject: "rsa", key: testRSAKey()})
	pkcs1 := pemOf("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(testRSAKey()))
	ecPair := makePair(t, pairSpec{subject: "ec"})
	sec1, err := x509.MarshalECPrivateKey(ecPair.signer.(*ecdsa.PrivateKey))
	if err != nil {
		t.Fatal(err)
	}
	p384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	p521, err := ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	_, edKey, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	p384Pair := makePair(t, pairSpec{subject: "p384", key: p384})
	p521Pair := makePair(t, pairSpec{subject: "p521", key: p521})
	edPair := makePair(t, pairSpec{subject: "ed", key: edKey})
	expired := makePair(t, pairSpec{subject: "old", notBefore: testNow.Add(-48 * time.Hour), notAfter: testNow.Add(-time.Second)})
	early := makePair(t, pairSpec{subject: "early", notBefore: testNow.Add(time.Second), notAfter: testNow.Add(48 * time.Hour)})
	root := makePair(t, pairSpec{subject: "root", ca: true})
	inter := makePair(t, pairSpec{subject: "intermediate", ca: true, issuer: &root})
	leaf := makePair(t, pairSpec{subject: "leaf", issuer: &inter})
	encrypted := "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00000000000000000000000000000000\n\nAAAA\n-----END RSA PRIVATE KEY-----\n"
	withChain := func(name, body, key, chain string) call {
		in := uploadIn(name, body, key)
		in.CertificateChain = aws.String(chain)
		return uploadSC(in)
	}
	uploaded := func(path, name string) *iam.UploadServerCertificateOutput {
		m := scMeta(path, name, "<new server certificate id>", testNow, forever)
		return &iam.UploadServerCertificateOutput{ServerCertificateMetadata: &m}
	}
	withPath := uploadIn("new", scBody, scKey)
	withPath.Path = aws.String("/test-path/")
	withTags := uploadIn("new", scBody, scKey)
	withTags.Tags = []types.Tag{tag("b", "2"), tag("a", "1"), tag("B", "3")}
	tagged := uploaded("/", "new")
	tagged.Tags = []types.Tag{tag("B", "3"), tag("a", "1"), tag("b", "2")}
	dupTags := uploadIn("new", scBody, scKey)
	dupTags.Tags = []types.Tag{tag("a", "1"), tag("a", "2")}
	awsTag := uploadIn("new", scBody, scKey)
	awsTag.Tags = []types.Tag{tag("AWS:x", "1")}
	expiresSoon := makePair(t, pairSpec{subject: "soon", notBefore: testNow.Add(-time.Hour), notAfter: testNow.Add(90 * 24 * time.Hour)})
	soonMeta := scMeta("/", "soon", "<new server certificate id>", testNow, testNow.Add(90*24*time.Hour))
	soonUploaded := &iam.UploadServerCertificateOutput{ServerCertificateMetadata: &soonMeta}
	runScenarios(t, seedServerCerts(), []scenario{
		{name: "path /, the six members, no Tags (recorded)", call: uploadSC(uploadIn("new", scBody, scKey)), want: uploaded("/", "new")},
		{name: "a path: in the Arn (recorded)", call: uploadSC(withPath), want: uploaded("/test-path/", "new")},
		{name: "Expiration is the body's NotAfter", call: uploadSC(uploadIn("soon", expiresSoon.cert, expiresSoon.key)),
			want: soonUploaded},
		{name: "tags: sorted by key, case sensitive", call: uploadSC(withTags), want: tagged},
		{name: "with the chain that signed it (recorded: a root)", call: withChain("new", scBody, scKey, scChain), want: uploaded("/", "new")},
		{name: "a chain of intermediate then root", call: withChain("new", leaf.cert, leaf.key, inter.cert+root.cert), want: uploaded("/", "new")},
		{name: "RSA, PKCS #8", call: uploadSC(uploadIn("new", rsaPair.cert, rsaPair.key)), want: uploaded("/", "new")},
		{name: "RSA, PKCS #1", call: uploadSC(uploadIn("new", rsaPair.cert, pkcs1)), want: uploaded("/", "new")},
		{name: "ECDSA, SEC 1", call: uploadSC(uploadIn("new", ecPair.cert, pemOf("EC PRIVATE KEY", sec1))), want: uploaded("/", "new")},
		{name: "ECDSA P-384", call: uploadSC(uploadIn("new", p384Pair.cert, p384Pair.key)), want: uploaded("/", "new")},
		{name: "the name taken (recorded)", call: uploadSC(uploadIn("web", scBody, scKey)), wantErr: scExists("web")},
		{name: "the name taken in another case", call: uploadSC(uploadIn("WEB", scBody, scKey)), wantErr: scExists("WEB")},
		{name: "the same body under another name", call: uploadSC(uploadIn("web2", webBody, webKey)), want: uploaded("/", "web2")},
		{name: "a body that is not PEM (recorded)", call: uploadSC(uploadIn("new", "certificate-body", scKey)), wantErr: scMalformed},
		{name: "a body that is a key", call: uploadSC(uploadIn("new", scKey, scKey)), wantErr: scMalformed},
		{name: "expired", call: uploadSC(uploadIn("new", expired.cert, expired.key)), wantErr: scExpired},
		{name: "not yet valid", call: uploadSC(uploadIn("new", early.cert, early.key)), wantErr: scNotYetValid},
		{name: "a key that is not PEM", call: uploadSC(uploadIn("new", scBody, "private-key")), wantErr: scBadKey},
		{name: "an encrypted key", call: uploadSC(uploadIn("new", scBody, encrypted)), wantErr: scBadKey},
		{name: "a certificate given as the key", call: uploadSC(uploadIn("new", scBody, scBody)), wantErr: scBadKey},
		{name: "two keys", call: uploadSC(uploadIn("new", scBody, scKey+scKey)), wantErr: scBadKey},
		{name: "another certificate's key", call: uploadSC(uploadIn("new", scBody, webKey)), wantErr: scMismatch},
		{name: "an RSA key for an ECDSA certificate", call: uploadSC(uploadIn("new", scBody, rsaPair.key)), wantErr: scMismatch},
		{name: "ECDSA P-521", call: uploadSC(uploadIn("new", p521Pair.cert, p521Pair.key)), wantErr: scUnsupported},
		{name: "Ed25519", call: uploadSC(uploadIn("new", edPair.cert, edPair.key)), wantErr: scUnsupported},
		{name: "a chain that did not sign it", call: withChain("new", scBody, scKey, root.cert), wantErr: scChainAt("-1")},
		{name: "a chain out of order", call: withChain("new", leaf.cert, leaf.key, root.cert+inter.cert), wantErr: scChainAt("-1")},
		{name: "a chain missing its link", call: withChain("new", leaf.cert, leaf.key, inter.cert+scChain), wantErr: scChainAt("0")},
		{name: "a chain that is not PEM", call: withChain("new", scBody, scKey, "certificate-chain"), wantErr: scBadChain},
		{name: "the body's checks before the key's", call: uploadSC(uploadIn("new", expired.cert, "private-key")), wantErr: scExpired},
		{name: "the name before the body", call: uploadSC(uploadIn("web", "certificate-body", scKey)), wantErr: scExists("web")},
		{name: "the quota of the account", seed: seedServerCerts(fakeiam.ServerCertificatesPerAccount(3)), call: uploadSC(uploadIn("new", scBody, scKey)), wantErr: scQuota},
		{name: "the quota after the certificate's checks", seed: seedServerCerts(fakeiam.ServerCertificatesPerAccount(3)), call: uploadSC(uploadIn("new", "x", scKey)), wantErr: scMalformed},
		{name: "a tag key twice", call: uploadSC(dupTags), wantErr: dupTagKeys},
		{name: "a reserved tag key", call: uploadSC(awsTag), wantErr: reservedTag},
		{name: "a name off the pattern", call: uploadSC(uploadIn("my cert", scBody, scKey)), wantErr: invalidName("serverCertificateName")},
		{name: "a body too long", call: uploadSC(uploadIn("new", strings.Repeat("A", 16385), scKey)), wantErr: failedConstraints("certificateBody", maxLength(16384))},
		{name: "a path off the pattern", call: uploadSC(&iam.UploadServerCertificateInput{ServerCertificateName: aws.String("new"), CertificateBody: aws.String(scBody), PrivateKey: aws.String(scKey), Path: aws.String("x")}),
			wantErr: invalidPath("path")},
		{name: "then listed", steps: []change{do(uploadSC(uploadIn("new", scBody, scKey)))}, call: listSCs(iam.ListServerCertificatesInput{}),
			want: scPage("", apiMeta, batchMeta, scMeta("/", "new", "<new server certificate id>", testNow, forever), webMeta)},
	})
}

func TestGetServerCertificateSpec(t *testing.T) {
	runScenarios(t, seedServerCerts(), []scenario{
		{name: "body, chain, tags sorted by key; never the key", call: getSC("web"),
			want: gotSC(webMeta, webBody, aws.String(webChain), tag("env", "prod"), tag("team", "edge"))},
		{name: "no chain, Tags present and empty (recorded)", call: getSC("Api"), want: gotSC(apiMeta, fakeiamBody("Api"), nil)},
		{name: "named in another case", call: getSC("API"), want: gotSC(apiMeta, fakeiamBody("Api"), nil)},
		{name: "uploaded: the body as given", steps: []change{do(uploadSC(uploadIn("new", "\n"+scBody+"\n", scKey)))}, call: getSC("new"),
			want: gotSC(scMeta("/", "new", "<new server certificate id>", testNow, forever), "\n"+scBody+"\n", nil)},
		{name: "no such certificate (recorded)", call: getSC("nonexistent-certificate"), wantErr: noSuchSC("nonexistent-certificate")},
		{name: "another account's are its own", seed: append(seedServerCerts(), otherAccountSeed()), as: asKey(otherRootKey.ID), call: getSC("web"), wantErr: noSuchSC("web")},
	})
}

// fakeiamBody is the body of a certificate seeded without one.
func fakeiamBody(name string) string {
	body, _, _ := fakeiam.ServerCertificatePEM(name)
	return body
}

func TestListServerCertificatesSpec(t *testing.T) {
	runScenarios(t, seedServerCerts(), []scenario{
		{name: "by name ignoring case, without tags", call: listSCs(iam.ListServerCertificatesInput{}), want: scPage("", apiMeta, batchMeta, webMeta)},
		{name: "PathPrefix (recorded)", call: listSCs(iam.ListServerCertificatesInput{PathPrefix: aws.String("/cloudfront/api/")}), want: scPage("", apiMeta)},
		{name: "PathPrefix is a plain prefix", call: listSCs(iam.ListServerCertificatesInput{PathPrefix: aws.String("/cloud")}), want: scPage("", apiMeta)},
		{name: "PathPrefix matching none", call: listSCs(iam.ListServerCertificatesInput{PathPrefix: aws.String("/none/")}), want: scPage("")},
		{name: "none", seed: []fakeiam.Option{fakeiam.Root().AccessKey(rootKey)}, call: listSCs(iam.ListServerCertificatesInput{}), want: scPage("")},
		{name: "a page", call: listSCs(iam.ListServerCertificatesInput{MaxItems: aws.Int32(2)}), want: scPage("<marker>", apiMeta, batchMeta)},
		{name: "the next page", call: listThen((*iam.Client).ListServerCertificates, iam.ListServerCertificatesInput{MaxItems: aws.Int32(2)}, nil, nil, iam.ListServerCertificatesInput{}),
			want: scPage("", webMeta)},
		{name: "another account's are its own", seed: append(seedServerCerts(), otherAccountSeed()), as: asKey(otherRootKey.ID), call: listSCs(iam.ListServerCertificatesInput{}), want: scPage("")},
		{name: "a PathPrefix off the pattern", call: listSCs(iam.ListServerCertificatesInput{PathPrefix: aws.String("x")}), wantErr: invalidPath("pathPrefix")},
	})
}

func TestUpdateServerCertificateSpec(t *testing.T) {
	rename := func(from, to string) call {
		return updateSC(&iam.UpdateServerCertificateInput{ServerCertificateName: aws.String(from), NewServerCertificateName: aws.String(to)})
	}
	move := func(name, path string) call {
		return updateSC(&iam.UpdateServerCertificateInput{ServerCertificateName: aws.String(name), NewPath: aws.String(path)})
	}
	renamedWeb := scMeta("/", "zeta", "<id of server certificate web>", webUploaded, forever)
	runScenarios(t, seedServerCerts(), []scenario{
		{name: "an empty result", call: rename("web", "zeta"), want: &iam.UpdateServerCertificateOutput{}},
		{name: "renamed: id, dates, body, chain, tags stay; the Arn follows", steps: []change{do(rename("web", "zeta"))}, call: getSC("zeta"),
			want: gotSC(renamedWeb, webBody, aws.String(webChain), tag("env", "prod"), tag("team", "edge"))},
		{name: "the old name is gone", steps: []change{do(rename("web", "zeta"))}, call: getSC("web"), wantErr: noSuchSC("web")},
		{name: "in its new place in the list", steps: []change{do(rename("Api", "zz"))}, call: listSCs(iam.ListServerCertificatesInput{}),
			want: scPage("", batchMeta, webMeta, scMeta("/cloudfront/api/", "zz", "<id of server certificate Api>", webUploaded, forever))},
		{name: "moved", steps: []change{do(move("web", "/new-path/"))}, call: listSCs(iam.ListServerCertificatesInput{PathPrefix: aws.String("/new-path/")}),
			want: scPage("", scMeta("/new-path/", "web", "<id of server certificate web>", webUploaded, forever))},
		{name: "renamed and moved", steps: []change{do(updateSC(&iam.UpdateServerCertificateInput{ServerCertificateName: aws.String("web"), NewServerCertificateName: aws.String("zeta"), NewPath: aws.String("/p/")}))},
			call: listSCs(iam.ListServerCertificatesInput{PathPrefix: aws.String("/p/")}), want: scPage("", scMeta("/p/", "zeta", "<id of server certificate web>", webUploaded, forever))},
		{name: "its own name in another case", call: rename("web", "WEB"), want: &iam.UpdateServerCertificateOutput{}},
		{name: "the new name taken", call: rename("web", "batch"), wantErr: scExists("batch")},
		{name: "the new name taken in another case", call: rename("web", "API"), wantErr: scExists("API")},
		{name: "nothing changes when refused", steps: []change{try(rename("web", "batch"))}, call: listSCs(iam.ListServerCertificatesInput{}), want: scPage("", apiMeta, batchMeta, webMeta)},
		{name: "no such certificate", call: rename("nope", "zeta"), wantErr: noSuchSC("nope")},
		{name: "no such certificate before the new name", call: rename("nope", "batch"), wantErr: noSuchSC("nope")},
		{name: "a new name off the pattern", call: rename("web", "a b"), wantErr: invalidName("newServerCertificateName")},
		{name: "a new path off the pattern", call: move("web", "x"), wantErr: invalidPath("newPath")},
	})
}

func TestDeleteServerCertificateSpec(t *testing.T) {
	runScenarios(t, seedServerCerts(), []scenario{
		{name: "an empty result (recorded)", call: deleteSC("web"), want: &iam.DeleteServerCertificateOutput{}},
		{name: "gone (recorded)", steps: []change{do(deleteSC("web"))}, call: getSC("web"), wantErr: noSuchSC("web")},
		{name: "gone from the list", steps: []change{do(deleteSC("web"))}, call: listSCs(iam.ListServerCertificatesInput{}), want: scPage("", apiMeta, batchMeta)},
		{name: "named in another case", call: deleteSC("WEB"), want: &iam.DeleteServerCertificateOutput{}},
		{name: "no such certificate (recorded)", call: deleteSC("nonexistent-certificate"), wantErr: noSuchSC("nonexistent-certificate")},
		{name: "uploaded again: a new id", steps: []change{do(deleteSC("web")), do(uploadSC(uploadIn("web", webBody, webKey)))}, call: listSCs(iam.ListServerCertificatesInput{PathPrefix: aws.String("/")}),
			want: scPage("", apiMeta, batchMeta, scMeta("/", "web", "<new server certificate id>", testNow, forever))},
	})
}

func TestServerCertificateTagsSpec(t *testing.T) {
	fifty := make([]types.Tag, 49)
	for i := range fifty {
		fifty[i] = tag("k"+strings.Repeat("x", i), "v")
	}
	runScenarios(t, seedServerCerts(), []scenario{
		{name: "listed sorted by key", call: listSCTags("web", nil, nil), want: scTagsPage("", tag("env", "prod"), tag("team", "edge"))},
		{name: "none", call: listSCTags("Api", nil, nil), want: scTagsPage("")},
		{name: "a page", call: listSCTags("web", nil, aws.Int32(1)), want: scTagsPage("<marker>", tag("env", "prod"))},
		{name: "the next page", call: listThen((*iam.Client).ListServerCertificateTags, iam.ListServerCertificateTagsInput{ServerCertificateName: aws.String("web"), MaxItems: aws.Int32(1)}, nil, nil,
			iam.ListServerCertificateTagsInput{ServerCertificateName: aws.String("web")}), want: scTagsPage("", tag("team", "edge"))},
		{name: "a marker of another certificate", call: listFrom(nil, (*iam.Client).ListServerCertificateTags, iam.ListServerCertificateTagsInput{ServerCertificateName: aws.String("web"), MaxItems: aws.Int32(1)}, nil, nil,
			iam.ListServerCertificateTagsInput{ServerCertificateName: aws.String("Api")}), wantErr: invalidMarker},
		{name: "tagged: a key it has gets the value; keys are case sensitive", steps: []change{do(tagSC("web", tag("env", "dev"), tag("Env", "x"), tag("a", "")))},
			call: listSCTags("web", nil, nil), want: scTagsPage("", tag("Env", "x"), tag("a", ""), tag("env", "dev"), tag("team", "edge"))},
		{name: "Tag: an empty result", call: tagSC("web", tag("a", "1")), want: &iam.TagServerCertificateOutput{}},
		{name: "Tag: shown by Get", steps: []change{do(tagSC("Api", tag("a", "1")))}, call: getSC("Api"), want: gotSC(apiMeta, fakeiamBody("Api"), nil, tag("a", "1"))},
		{name: "Tag: over 50 in all", call: tagSC("web", fifty[:49]...), wantErr: scTagQuota},
		{name: "Tag: 50 in all", call: tagSC("web", fifty[:48]...), want: &iam.TagServerCertificateOutput{}},
		{name: "Tag: a key twice", call: tagSC("web", tag("a", "1"), tag("a", "2")), wantErr: dupTagKeys},
		{name: "Tag: a reserved key", call: tagSC("web", tag("aws:x", "1")), wantErr: reservedTag},
		{name: "Tag: no such certificate", call: tagSC("nope", tag("a", "1")), wantErr: noSuchSC("nope")},
		{name: "Untag: an empty result", call: untagSC("web", "env"), want: &iam.UntagServerCertificateOutput{}},
		{name: "Untag: exact keys only; a missing key is no error", steps: []change{do(untagSC("web", "ENV", "team", "nope"))}, call: listSCTags("web", nil, nil),
			want: scTagsPage("", tag("env", "prod"))},
		{name: "Untag: no such certificate", call: untagSC("nope", "a"), wantErr: noSuchSC("nope")},
		{name: "List: no such certificate", call: listSCTags("nope", nil, nil), wantErr: noSuchSC("nope")},
	})
}

// TestServerCertificatePrivateKeyNeverKept: no private key reaches the
// call log, read through Calls or the control API, through either door,
// accepted or refused; what was sent shows as RedactedPassword.
func TestServerCertificatePrivateKeyNeverKept(t *testing.T) {
	c := newControlled(t, seedServerCerts()...)
	ctx := context.Background()
	for _, cl := range []*iam.Client{c.f.Client(), c.iam} { // the SDK door, then HTTP
		c.f.Reset()
		if _, err := cl.UploadServerCertificate(ctx, uploadIn("new", scBody, scKey)); err != nil {
			t.Fatal(err)
		}
		if _, err := cl.UploadServerCertificate(ctx, uploadIn("bad", scBody, webKey)); err == nil {
			t.Fatal("a mismatched key was accepted")
		}
		if _, err := cl.GetServerCertificate(ctx, &iam.GetServerCertificateInput{ServerCertificateName: aws.String("new")}); err != nil {
			t.Fatal(err)
		}
		calls := logged(t, c.f, fakeiam.UploadServerCertificate)
		var got []string
		for _, call := range calls {
			got = append(got, aws.ToString(call.Input.(*iam.UploadServerCertificateInput).PrivateKey))
		}
		if diff := cmp.Diff([]string{fakeiam.RedactedPassword, fakeiam.RedactedPassword}, got); diff != "" {
			t.Errorf("logged keys (-want +got):\n%s", diff)
		}
		all := string(mustJSON(t, logged(t, c.f)))
		control := string(mustJSON(t, c.getCalls(t, "")))
		for _, key := range []string{scKey, webKey, "PRIVATE KEY"} {
			if strings.Contains(all, key) || strings.Contains(control, key) {
				t.Errorf("a private key (%.40q) is in the call log", key)
			}
		}
		if !strings.Contains(control, `"privateKey":"`+fakeiam.RedactedPassword+`"`) {
			t.Errorf("the control API's calls do not show the redacted privateKey: %.2000s", control)
		}
	}
}

// TestServerCertificatesFaultsAndSweep: the operations are in the
// operation table, so fault rules target them and Sweep fails each in turn.
func TestServerCertificatesFaultsAndSweep(t *testing.T) {
	f := newFake(seedServerCerts()...)
	f.Inject(fakeiam.Rule{Operation: fakeiam.DeleteServerCertificate, Then: fakeiam.Fail(&fakeiam.Error{Code: "DeleteConflict", Status: 409,
		Message: "Certificate: web is currently in use by arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/lb. Please remove it first before deleting it from IAM."})})
	_, err := f.Client().DeleteServerCertificate(context.Background(), &iam.DeleteServerCertificateInput{ServerCertificateName: aws.String("web")})
	var conflict *types.DeleteConflictException
	if !errors.As(err, &conflict) {
		t.Errorf("DeleteServerCertificate under a rule: %v, want DeleteConflictException", err)
	}

	var failed []fakeiam.Operation
	fakeiam.Sweep(t, fakeiam.ServiceFailure(), func(t *testing.T, f *fakeiam.Fake, failing *fakeiam.SweepCall) {
		c, ctx := f.Client(), context.Background()
		var errs []error
		record := func(_ any, err error) { errs = append(errs, err) }
		record(c.UploadServerCertificate(ctx, uploadIn("new", scBody, scKey)))
		record(c.GetServerCertificate(ctx, &iam.GetServerCertificateInput{ServerCertificateName: aws.String("new")}))
		record(c.ListServerCertificates(ctx, &iam.ListServerCertificatesInput{}))
		record(c.UpdateServerCertificate(ctx, &iam.UpdateServerCertificateInput{ServerCertificateName: aws.String("new"), NewPath: aws.String("/p/")}))
		record(c.TagServerCertificate(ctx, &iam.TagServerCertificateInput{ServerCertificateName: aws.String("new"), Tags: []types.Tag{tag("a", "1")}}))
		record(c.ListServerCertificateTags(ctx, &iam.ListServerCertificateTagsInput{ServerCertificateName: aws.String("new")}))
		record(c.UntagServerCertificate(ctx, &iam.UntagServerCertificateInput{ServerCertificateName: aws.String("new"), TagKeys: []string{"a"}}))
		record(c.DeleteServerCertificate(ctx, &iam.DeleteServerCertificateInput{ServerCertificateName: aws.String("new")}))
		if failing == nil {
			if err := errors.Join(errs...); err != nil {
				t.Errorf("clean run: %v", err)
			}
			return
		}
		failed = append(failed, failing.Operation)
		if errs[failing.N-1] == nil {
			t.Errorf("%v: no error", failing)
		}
	})
	want := []fakeiam.Operation{fakeiam.UploadServerCertificate, fakeiam.GetServerCertificate, fakeiam.ListServerCertificates, fakeiam.UpdateServerCertificate,
		fakeiam.TagServerCertificate, fakeiam.ListServerCertificateTags, fakeiam.UntagServerCertificate, fakeiam.DeleteServerCertificate}
	if diff := cmp.Diff(want, failed); diff != "" {
		t.Errorf("calls swept (-want +got):\n%s", diff)
	}
}

// TestServerCertificatesInAccountSummary: ServerCertificates counts the
// account's, and its quota is the account's.
func TestServerCertificatesInAccountSummary(t *testing.T) {
	f := newFake(seedServerCerts(fakeiam.ServerCertificatesPerAccount(7))...)
	c, ctx := f.Client(), context.Background()
	if _, err := c.DeleteServerCertificate(ctx, &iam.DeleteServerCertificateInput{ServerCertificateName: aws.String("batch")}); err != nil {
		t.Fatal(err)
	}
	out, err := c.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int32{"ServerCertificates": out.SummaryMap["ServerCertificates"], "ServerCertificatesQuota": out.SummaryMap["ServerCertificatesQuota"]}
	if diff := cmp.Diff(map[string]int32{"ServerCertificates": 2, "ServerCertificatesQuota": 7}, got); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
}

// TestServerCertificateSeeds: New refuses what UploadServerCertificate
// would, naming the certificate and the problem.
func TestServerCertificateSeeds(t *testing.T) {
	expired := makePair(t, pairSpec{subject: "old", notBefore: testNow.Add(-48 * time.Hour), notAfter: testNow.Add(-time.Hour)})
	acct := "account " + fakeiam.DefaultAccountID + ": server certificate "
	for _, tc := range []struct {
		name  string
		seeds []fakeiam.Option
		want  string // "" when New accepts the seeds
	}{
		{"defaults", []fakeiam.Option{fakeiam.ServerCertificate("a")}, ""},
		{"an expired certificate: uploaded before it expired", []fakeiam.Option{fakeiam.ServerCertificate("a").Body(expired.cert, expired.key)}, ""},
		{"a bad name", []fakeiam.Option{fakeiam.ServerCertificate("a b")}, acct + `"a b": The specified value for serverCertificateName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-`},
		{"a bad path", []fakeiam.Option{fakeiam.ServerCertificate("a").Path("p")}, acct + `"a": The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`},
		{"twice", []fakeiam.Option{fakeiam.ServerCertificate("a"), fakeiam.ServerCertificate("a")}, acct + `"a" seeded twice`},
		{"twice ignoring case", []fakeiam.Option{fakeiam.ServerCertificate("a"), fakeiam.ServerCertificate("A")}, acct + `"A" and server certificate "a": names are unique regardless of case`},
		{"a body that is not PEM", []fakeiam.Option{fakeiam.ServerCertificate("a").Body("x", scKey)}, acct + `"a": Unable to parse certificate. Please ensure the certificate is in PEM format.`},
		{"a key that does not match", []fakeiam.Option{fakeiam.ServerCertificate("a").Body(scBody, webKey)}, acct + `"a": The public key certificate and the private key do not match.`},
		{"a key missing", []fakeiam.Option{fakeiam.ServerCertificate("a").Body(scBody, "")},
			acct + `"a": 1 validation error detected: Value at 'privateKey' failed to satisfy constraint: Member must have length greater than or equal to 1`},
		{"a chain that did not sign it", []fakeiam.Option{fakeiam.ServerCertificate("a").Chain(scBody)}, acct + `"a": Unable to validate certificate chain. The certificate chain must start with the immediate signing certificate, followed by any intermediaries in order. The index within the chain of the invalid certificate is: -1`},
		{"a reserved tag", []fakeiam.Option{fakeiam.ServerCertificate("a").Tag("aws:x", "1")}, acct + `"a": Tag keys beginning with aws: are reserved for AWS use.`},
		{"over the quota", []fakeiam.Option{fakeiam.ServerCertificatesPerAccount(1), fakeiam.ServerCertificate("a"), fakeiam.ServerCertificate("b")},
			"account " + fakeiam.DefaultAccountID + ": 2 server certificates exceed the quota of 1 per account (ServerCertificatesPerAccount lifts it)"},
		{"a negative quota", []fakeiam.Option{fakeiam.ServerCertificatesPerAccount(-1)}, "ServerCertificatesPerAccount(-1): a quota is at least 0"},
		{"a negative quota inside Account: its account named", []fakeiam.Option{fakeiam.Account("210987654321", fakeiam.ServerCertificatesPerAccount(-1))},
			"account 210987654321: ServerCertificatesPerAccount(-1): a quota is at least 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newFakeE(tc.seeds...)
			got := ""
			if err != nil {
				got = strings.TrimPrefix(err.Error(), "fakeiam: ")
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("New (-want +got):\n%s", diff)
			}
			if strings.Contains(got, "PRIVATE KEY") {
				t.Errorf("the error shows a private key: %s", got)
			}
		})
	}
}

// TestServerCertificatePEM: the same subject gives the same values,
// another subject another key; the chain is the certificate of the
// authority that signed it, and crypto/x509 agrees.
func TestServerCertificatePEM(t *testing.T) {
	body, key, chain := fakeiam.ServerCertificatePEM("web")
	body2, key2, chain2 := fakeiam.ServerCertificatePEM("web")
	_, otherKey, otherChain := fakeiam.ServerCertificatePEM("api")
	if diff := cmp.Diff([]string{body, key, chain, chain}, []string{body2, key2, chain2, otherChain}); diff != "" {
		t.Errorf("ServerCertificatePEM(\"web\") twice, and the chain of another (-want +got):\n%s", diff)
	}
	if otherKey == key {
		t.Error("two subjects share a key")
	}
	parse := func(s string) *x509.Certificate {
		b, _ := pem.Decode([]byte(s))
		if b == nil {
			t.Fatalf("not PEM: %q", s)
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	leaf, ca := parse(body), parse(chain)
	if err := leaf.CheckSignatureFrom(ca); err != nil {
		t.Errorf("the chain did not sign the certificate: %v", err)
	}
	if diff := cmp.Diff([]string{"web", "fakeiam server certificate CA"}, []string{leaf.Subject.CommonName, ca.Subject.CommonName}); diff != "" {
		t.Errorf("subjects (-want +got):\n%s", diff)
	}
}
