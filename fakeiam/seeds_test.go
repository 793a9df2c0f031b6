package fakeiam_test

// Seeds and the expected values written from them (the guide is at the top
// of harness_test.go).

import (
	"encoding/pem"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// Seeded keys. Their ids contain 0 and 1, which IAM's generated ids (A-Z,
// 2-7) never do, so they are never mistaken for new ones.
var (
	bobKey       = fakeiam.AccessKey{ID: "AKIABOBEXAMPLE000001", Secret: "bob-secret"}
	inactiveKey  = fakeiam.AccessKey{ID: "AKIABOBEXAMPLE000002", Secret: "bob-secret-2", Status: types.StatusTypeInactive}
	aliceKey     = fakeiam.AccessKey{ID: "AKIAALICEEXAMPLE0001", Secret: "alice-secret"}
	rootKey      = fakeiam.AccessKey{ID: "AKIAROOTEXAMPLE00001", Secret: "root-secret"}
	roleKey      = fakeiam.AccessKey{ID: "ASIADEPLOYEREXAMPLE1", Secret: "role-secret"}
	carolKey     = fakeiam.AccessKey{ID: "AKIACAROLEXAMPLE0001", Secret: "carol-secret"}
	otherRootKey = fakeiam.AccessKey{ID: "AKIAROOTOTHERACCOUNT", Secret: "other-root-secret"}
	otherBobKey  = fakeiam.AccessKey{ID: "AKIABOBOTHERACCOUNT1", Secret: "other-bob-secret"}
	unknownKeyID = "AKIAUNKNOWNKEY000001"
)

// otherAccount is the account of otherAccountSeed and carolElsewhere.
const otherAccount = "210987654321"

var rootARN = "arn:aws:iam::" + fakeiam.DefaultAccountID + ":root"

var (
	bob   = aws.String("Bob")
	alice = aws.String("Alice")
)

// Users.

var (
	bobCreated   = time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	aliceCreated = time.Date(2024, 6, 7, 8, 9, 10, 0, time.UTC)
	carolCert    = fakeiam.SigningCertificate{ID: "USERSCAROLCERT00000000000001", Body: fakeiam.CertificatePEM("users carol"), UploadDate: bobCreated}
)

// seedUsers is the default account with Bob (bobKey), Alice (path /eng/, a
// tag, no key), the root (rootKey) and role Deployer (roleKey), plus more.
func seedUsers(more ...fakeiam.Option) []fakeiam.Option {
	return append([]fakeiam.Option{
		fakeiam.User("Bob").CreatedAt(bobCreated).AccessKey(bobKey),
		fakeiam.User("Alice").Path("/eng/").CreatedAt(aliceCreated).Tag("team", "eng"),
		fakeiam.Root().AccessKey(rootKey),
		fakeiam.Role("Deployer").AccessKey(roleKey),
	}, more...)[: 4+len(more) : 4+len(more)] // rows append to it
}

// otherAccountSeed is otherAccount with its own root (otherRootKey) and its
// own Bob (otherBobKey), plus more.
func otherAccountSeed(more ...fakeiam.Option) fakeiam.Option {
	return fakeiam.Account(otherAccount, append([]fakeiam.Option{
		fakeiam.Root().AccessKey(otherRootKey),
		fakeiam.User("Bob").CreatedAt(bobCreated).AccessKey(otherBobKey),
	}, more...)...)
}

// usersNamed seeds users by name, created at bobCreated.
func usersNamed(names ...string) []fakeiam.Option {
	var opts []fakeiam.Option
	for _, n := range names {
		opts = append(opts, fakeiam.User(n).CreatedAt(bobCreated))
	}
	return slices.Clip(opts) // rows append to it
}

// userARN is the ARN of user name at path in the default account.
func userARN(path, name string) string {
	return "arn:aws:iam::" + fakeiam.DefaultAccountID + ":user" + path + name
}

// iamUser is a user as CreateUser and GetUser return it; id is a placeholder.
func iamUser(path, name, id string, created time.Time, tags ...types.Tag) *types.User {
	return &types.User{Path: aws.String(path), UserName: aws.String(name), UserId: aws.String(id),
		Arn: aws.String(userARN(path, name)), CreateDate: aws.Time(created), Tags: tags}
}

// userAt is user name seeded by usersNamed at path.
func userAt(path, name string) *types.User {
	return iamUser(path, name, "<id of "+name+">", bobCreated)
}

// bobUser and aliceUser are seedUsers' users as GetUser returns them.
var (
	bobUser   = iamUser("/", "Bob", "<id of Bob>", bobCreated)
	aliceUser = iamUser("/eng/", "Alice", "<id of Alice>", aliceCreated, tag("team", "eng"))
)

func tag(k, v string) types.Tag { return types.Tag{Key: aws.String(k), Value: aws.String(v)} }

// rootUserOutput is GetUser's answer for the root's own key: the account id
// as UserId, the root ARN, no UserName, no Path.
func rootUserOutput(created time.Time) *iam.GetUserOutput {
	return &iam.GetUserOutput{User: &types.User{UserId: aws.String(fakeiam.DefaultAccountID), Arn: aws.String(rootARN), CreateDate: aws.Time(created)}}
}

// listedUsers is how ListUsers lists users (never with tags).
func listedUsers(users ...*types.User) []types.User {
	out := []types.User{}
	for _, u := range users {
		c := *u
		c.Tags = nil
		out = append(out, c)
	}
	return out
}

func usersPage(users ...*types.User) *iam.ListUsersOutput {
	return &iam.ListUsersOutput{Users: listedUsers(users...)}
}

func usersTruncated(users ...*types.User) *iam.ListUsersOutput {
	return &iam.ListUsersOutput{Users: listedUsers(users...), IsTruncated: true, Marker: aws.String("<marker>")}
}

// Access keys.

// keyListed is a key as ListAccessKeys lists it.
func keyListed(user, id string, status types.StatusType, created time.Time) types.AccessKeyMetadata {
	return types.AccessKeyMetadata{UserName: aws.String(user), AccessKeyId: aws.String(id), Status: status, CreateDate: aws.Time(created)}
}

func keysPage(keys ...types.AccessKeyMetadata) *iam.ListAccessKeysOutput {
	if keys == nil {
		keys = []types.AccessKeyMetadata{}
	}
	return &iam.ListAccessKeysOutput{AccessKeyMetadata: keys}
}

func keysTruncated(keys ...types.AccessKeyMetadata) *iam.ListAccessKeysOutput {
	return &iam.ListAccessKeysOutput{AccessKeyMetadata: keys, IsTruncated: true, Marker: aws.String("<marker>")}
}

// newAccessKey is CreateAccessKey's answer: a new Active key with its secret.
func newAccessKey(user string, created time.Time) *iam.CreateAccessKeyOutput {
	return &iam.CreateAccessKeyOutput{AccessKey: &types.AccessKey{UserName: aws.String(user), AccessKeyId: aws.String("<new key id>"),
		Status: types.StatusTypeActive, SecretAccessKey: aws.String("<new secret>"), CreateDate: aws.Time(created)}}
}

// Signing certificates.

// IAM's documented example certificate.
var (
	docDate = time.Date(2013, 6, 6, 21, 40, 8, 0, time.UTC)
	docBody = "-----BEGIN CERTIFICATE-----<certificate-body>-----END CERTIFICATE-----"
	docID   = "TA7SMP42TDN5Z26OBPJE7EXAMPLE"
)

func bobWithDocCert() fakeiam.Option {
	return fakeiam.User("Bob").SigningCertificate(fakeiam.SigningCertificate{ID: docID, Body: docBody, UploadDate: docDate})
}

// t0 is the upload date of seeded certificate 0; certificate i is i minutes later.
var t0 = time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)

// cert is seeded certificate i: known id, body and upload date, so that
// expectations are written from the seeds, not read from the fake.
func cert(i int) fakeiam.SigningCertificate {
	return fakeiam.SigningCertificate{
		ID:         fmt.Sprintf("CERT%024d", i),
		Body:       fmt.Sprintf("-----BEGIN CERTIFICATE-----\nbody %d\n-----END CERTIFICATE-----\n", i),
		UploadDate: t0.Add(time.Duration(i) * time.Minute),
	}
}

// certs returns seeded certificates lo..hi-1.
func certs(lo, hi int) []fakeiam.SigningCertificate {
	var cs []fakeiam.SigningCertificate
	for i := lo; i < hi; i++ {
		cs = append(cs, cert(i))
	}
	return cs
}

// Certificates with real PEM bodies, for the write operations.
var (
	certDate      = time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	bobCert1      = fakeiam.SigningCertificate{ID: "BOBCERTONE000000000000000001", Body: fakeiam.CertificatePEM("lifecycle bob 1"), UploadDate: certDate}
	bobCert2      = fakeiam.SigningCertificate{ID: "BOBCERTTWO000000000000000002", Body: fakeiam.CertificatePEM("lifecycle bob 2"), Status: types.StatusTypeInactive, UploadDate: certDate.Add(time.Hour)}
	aliceCert1    = fakeiam.SigningCertificate{ID: "ALICECERTONE0000000000000001", Body: fakeiam.CertificatePEM("lifecycle alice 1"), UploadDate: certDate}
	aliceCert2    = fakeiam.SigningCertificate{ID: "ALICECERTTWO0000000000000002", Body: fakeiam.CertificatePEM("lifecycle alice 2"), UploadDate: certDate.Add(2 * time.Hour)}
	rootCert1     = fakeiam.SigningCertificate{ID: "ROOTCERTONE00000000000000001", Body: fakeiam.CertificatePEM("lifecycle root 1"), UploadDate: certDate}
	elsewhereCert = fakeiam.SigningCertificate{ID: "CAROLCERTONE0000000000000001", Body: fakeiam.CertificatePEM("lifecycle carol 1"), UploadDate: certDate}

	newBody = fakeiam.CertificatePEM("lifecycle new")
	// validFromNow and validInAnHour become valid at testNow and an hour later.
	validFromNow  = fakeiam.CertificatePEMWithValidity("lifecycle from now", testNow, testNow.AddDate(1, 0, 0))
	validInAnHour = fakeiam.CertificatePEMWithValidity("lifecycle in an hour", testNow.Add(time.Hour), testNow.AddDate(1, 0, 0))
)

// Ids of certificates nobody holds.
const (
	unknownCertID = "UNKNOWNCERT00000000000000001"
	dashedCertID  = "bad-id-with-dashes......"
	wordCertID    = "lower_case_id_is_a_word_id"
)

// Bodies that are not certificates.
var (
	publicKeyPEM    = string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: certificateDER("lifecycle key")}))
	garbageDERPEM   = string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte("this is not DER at all")}))
	truncatedDERPEM = string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: certificateDER("lifecycle truncated")[:100]}))
	xmlSpecialBody  = "-----BEGIN CERTIFICATE-----\r\n<&>\"'&amp;]]>\r\nMIIB\r\n-----END CERTIFICATE-----\n"
	crlfBody        = strings.ReplaceAll(fakeiam.CertificatePEM("lifecycle crlf"), "\n", "\r\n")
)

// certificateDER is the DER of a generated certificate.
func certificateDER(subject string) []byte {
	block, _ := pem.Decode([]byte(fakeiam.CertificatePEM(subject)))
	return block.Bytes
}

// expiredPEM is a certificate whose validity ended in 2001.
func expiredPEM(subject string) string {
	return fakeiam.CertificatePEMWithValidity(subject, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC))
}

// seedCertificates is the default account with Bob and Alice holding the
// given certificates (keys bobKey, aliceKey), the root (rootKey) and role
// Deployer (roleKey), plus more.
func seedCertificates(bobCerts, aliceCerts []fakeiam.SigningCertificate, more ...fakeiam.Option) []fakeiam.Option {
	return append([]fakeiam.Option{
		fakeiam.User("Bob").AccessKey(bobKey).SigningCertificate(bobCerts...),
		fakeiam.User("Alice").AccessKey(aliceKey).SigningCertificate(aliceCerts...),
		fakeiam.Root().AccessKey(rootKey),
		fakeiam.Role("Deployer").AccessKey(roleKey),
	}, more...)
}

func certList(c ...fakeiam.SigningCertificate) []fakeiam.SigningCertificate { return c }

// carolElsewhere is otherAccount with only user Carol (carolKey), holding certs.
func carolElsewhere(certs ...fakeiam.SigningCertificate) fakeiam.Option {
	return fakeiam.Account(otherAccount, fakeiam.User("Carol").AccessKey(carolKey).SigningCertificate(certs...))
}

// sc is a signing certificate as the SDK returns it (the name calllog_test.go
// uses).
func sc(user, id, body string, status types.StatusType, uploaded time.Time) types.SigningCertificate {
	return types.SigningCertificate{UserName: aws.String(user), CertificateId: aws.String(id),
		CertificateBody: aws.String(body), Status: status, UploadDate: aws.Time(uploaded)}
}

// newCertificate is an uploaded certificate as IAM returns it, id left out.
func newCertificate(user, body string, uploaded time.Time) *types.SigningCertificate {
	return &types.SigningCertificate{UserName: aws.String(user), CertificateBody: aws.String(body),
		Status: types.StatusTypeActive, UploadDate: aws.Time(uploaded)}
}

// listedCertificates is how IAM lists seeded certificates of user.
func listedCertificates(user string, cs ...fakeiam.SigningCertificate) []types.SigningCertificate {
	out := []types.SigningCertificate{}
	for _, c := range cs {
		status := c.Status
		if status == "" {
			status = types.StatusTypeActive
		}
		out = append(out, sc(user, c.ID, c.Body, status, c.UploadDate))
	}
	return out
}

// certificatesPage is a complete (last) page.
func certificatesPage(certs []types.SigningCertificate) *iam.ListSigningCertificatesOutput {
	return &iam.ListSigningCertificatesOutput{Certificates: certs}
}

// certificatesTruncated is a page with more to come.
func certificatesTruncated(certs []types.SigningCertificate) *iam.ListSigningCertificatesOutput {
	return &iam.ListSigningCertificatesOutput{Certificates: certs, IsTruncated: true, Marker: aws.String("<marker>")}
}

// mustCertificates is a principal's certificates, failing the test if it
// has none to give.
func mustCertificates(t testing.TB, p fakeiam.Principal) []types.SigningCertificate {
	t.Helper()
	certs, err := p.SigningCertificates()
	if err != nil {
		t.Fatal(err)
	}
	return certs
}

// certificateIDs are the certificates' ids, in order.
func certificateIDs(cs []types.SigningCertificate) []string {
	ids := []string{}
	for _, c := range cs {
		ids = append(ids, aws.ToString(c.CertificateId))
	}
	return ids
}
