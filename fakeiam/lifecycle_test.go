package fakeiam_test

// docs/contract.md rows for UploadSigningCertificate, UpdateSigningCertificate and
// DeleteSigningCertificate, each through the differential harness, plus what
// the call did to the fake's state and what the next list shows.

import (
	"context"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// rootOwner is certificatesHeld's key for the default account's root.
const rootOwner = "(root)"

// certificateChange is one call of Upload, Update or Delete against seeded state.
type certificateChange struct {
	name  string
	seed  []fakeiam.Option
	steps []change               // before the call
	as    func(*run) *iam.Client // the caller; nil: the default account's root
	in    any                    // *iam.Upload/Update/DeleteSigningCertificateInput
	// On success: owner is whose certificates change (Bob, Alice, rootOwner,
	// or "" for another account), and for Upload want is the new
	// certificate without its id, which must be new and IAM-shaped.
	owner   string
	want    *types.SigningCertificate
	wantErr *fakeiam.Error
}

// certificatesHeld is the default account's certificates by owner, in list order.
type certificatesHeld map[string][]types.SigningCertificate

func certificatesOf(t *testing.T, f *fakeiam.Fake) certificatesHeld {
	t.Helper()
	st := certificatesHeld{rootOwner: mustCertificates(t, f.Root())}
	for _, name := range []string{"Bob", "Alice"} {
		if certs, err := f.User(name).SigningCertificates(); err == nil {
			st[name] = certs
		}
	}
	return st
}

var cmpCertificates = cmp.Options{cmpopts.IgnoreUnexported(types.SigningCertificate{}), cmpopts.EquateEmpty()}

func (r certificateChange) client(t *testing.T, f *fakeiam.Fake) *iam.Client {
	if r.as == nil {
		return f.Client()
	}
	return r.as(&run{t: t, f: f})
}

func (r certificateChange) run(t *testing.T) {
	t.Helper()
	var call call
	var want any
	switch in := r.in.(type) {
	case *iam.UploadSigningCertificateInput:
		call = uploadSigningCertificate(in)
		if r.wantErr == nil {
			c := *r.want
			c.CertificateId = aws.String("<new certificate id>")
			want = &iam.UploadSigningCertificateOutput{Certificate: &c}
		}
	case *iam.UpdateSigningCertificateInput:
		call, want = updateSigningCertificate(in), &iam.UpdateSigningCertificateOutput{}
	case *iam.DeleteSigningCertificateInput:
		call, want = deleteSigningCertificate(in), &iam.DeleteSigningCertificateOutput{}
	default:
		t.Fatalf("row input %T", r.in)
	}
	if r.wantErr != nil {
		want = nil
	}
	var before certificatesHeld
	got, f := runScenario(t, scenario{
		name:    r.name,
		seed:    r.seed,
		steps:   append(slices.Clip(r.steps), func(r *run) { before = certificatesOf(t, r.f) }),
		as:      r.as,
		call:    call,
		want:    want,
		wantErr: r.wantErr,
	})
	wantAfter := before
	if r.wantErr == nil {
		wantAfter = r.apply(t, before, got.out)
	}
	if up, ok := got.out.(*iam.UploadSigningCertificateOutput); ok {
		// A new id: none of the certificates held before has it.
		for _, certs := range before {
			for _, c := range certs {
				if *c.CertificateId == *up.Certificate.CertificateId {
					t.Errorf("new certificate id %s repeats an existing one", *c.CertificateId)
				}
			}
		}
	}
	after := certificatesOf(t, f)
	if diff := cmp.Diff(wantAfter, after, cmpCertificates); diff != "" {
		t.Errorf("certificates held by the fake after the call (-want +got):\n%s", diff)
	}
	if r.wantErr == nil {
		r.checkNextList(t, f, got.out, wantAfter)
	}
}

// apply is the state a successful call leads to.
func (r certificateChange) apply(t *testing.T, before certificatesHeld, out any) certificatesHeld {
	t.Helper()
	after := certificatesHeld{}
	for k, v := range before {
		after[k] = slices.Clone(v)
	}
	if r.owner == "" {
		return after
	}
	certs, ok := after[r.owner]
	if !ok {
		t.Fatalf("row owner %q is not in the state", r.owner)
	}
	switch in := r.in.(type) {
	case *iam.UploadSigningCertificateInput:
		certs = append(certs, *out.(*iam.UploadSigningCertificateOutput).Certificate)
		slices.SortStableFunc(certs, func(a, b types.SigningCertificate) int {
			if c := a.UploadDate.Compare(*b.UploadDate); c != 0 {
				return c
			}
			return strings.Compare(*a.CertificateId, *b.CertificateId)
		})
	case *iam.UpdateSigningCertificateInput:
		i := slices.IndexFunc(certs, func(c types.SigningCertificate) bool { return *c.CertificateId == *in.CertificateId })
		if i < 0 {
			t.Fatalf("row: %s holds no certificate %s", r.owner, *in.CertificateId)
		}
		c := certs[i]
		c.Status = in.Status
		certs[i] = c
	case *iam.DeleteSigningCertificateInput:
		n := len(certs)
		certs = slices.DeleteFunc(certs, func(c types.SigningCertificate) bool { return *c.CertificateId == *in.CertificateId })
		if len(certs) != n-1 {
			t.Fatalf("row: %s holds no certificate %s", r.owner, *in.CertificateId)
		}
	}
	after[r.owner] = certs
	return after
}

// checkNextList lists as the same caller, for the same user argument, and
// requires the change to show at once.
func (r certificateChange) checkNextList(t *testing.T, f *fakeiam.Fake, out any, wantAfter certificatesHeld) {
	t.Helper()
	var user *string
	var id string
	switch in := r.in.(type) {
	case *iam.UploadSigningCertificateInput:
		user, id = in.UserName, *out.(*iam.UploadSigningCertificateOutput).Certificate.CertificateId
	case *iam.UpdateSigningCertificateInput:
		user, id = in.UserName, *in.CertificateId
	case *iam.DeleteSigningCertificateInput:
		user, id = in.UserName, *in.CertificateId
	}
	listed := listAllCertificates(t, r.client(t, f), user)
	if r.owner != "" {
		if diff := cmp.Diff(wantAfter[r.owner], listed, cmpCertificates); diff != "" {
			t.Errorf("next list (-want +got):\n%s", diff)
		}
		return
	}
	i := slices.IndexFunc(listed, func(c types.SigningCertificate) bool { return *c.CertificateId == id })
	switch in := r.in.(type) {
	case *iam.UploadSigningCertificateInput:
		if i < 0 {
			t.Errorf("next list does not show uploaded certificate %s", id)
		} else if diff := cmp.Diff(*out.(*iam.UploadSigningCertificateOutput).Certificate, listed[i], cmpCertificates); diff != "" {
			t.Errorf("next list shows the upload differently (-upload +list):\n%s", diff)
		}
	case *iam.UpdateSigningCertificateInput:
		if i < 0 || listed[i].Status != in.Status {
			t.Errorf("next list does not show %s as %s: %v", id, in.Status, listed)
		}
	case *iam.DeleteSigningCertificateInput:
		if i >= 0 {
			t.Errorf("next list still shows deleted certificate %s", id)
		}
	}
}

func TestUploadSigningCertificateSpec(t *testing.T) {
	full := certList(bobCert1, bobCert2)
	inactiveFull := certList(bobCert1, fakeiam.SigningCertificate{ID: "BOBCERTTHREE0000000000000003", Body: fakeiam.CertificatePEM("lifecycle bob 3"), Status: types.StatusTypeInactive, UploadDate: certDate})
	inactiveFull[0].Status = types.StatusTypeInactive
	soon := fakeiam.CertificatePEMWithValidity("lifecycle soon", testNow.Add(-time.Hour), testNow.Add(time.Hour))
	a16384 := strings.Repeat("A", 16384)
	e16384 := strings.Repeat("é", 16384) // 32768 bytes, 16384 characters
	for _, r := range []certificateChange{
		// Success.
		{name: "named user", seed: seedCertificates(nil, nil), in: uploadInput(bob, newBody),
			owner: "Bob", want: newCertificate("Bob", newBody, testNow)},
		{name: "second certificate", seed: seedCertificates(certList(bobCert1), nil), in: uploadInput(bob, newBody),
			owner: "Bob", want: newCertificate("Bob", newBody, testNow)},
		{name: "body with CRLF line endings stored byte-identical", seed: seedCertificates(nil, nil), in: uploadInput(bob, crlfBody),
			owner: "Bob", want: newCertificate("Bob", crlfBody, testNow)},
		{name: "upload date from the injected clock", in: uploadInput(bob, newBody),
			seed:  seedCertificates(nil, nil, fakeiam.WithClock(func() time.Time { return time.Date(2031, 7, 8, 9, 10, 11, 0, time.UTC) })),
			owner: "Bob", want: newCertificate("Bob", newBody, time.Date(2031, 7, 8, 9, 10, 11, 0, time.UTC))},
		{name: "upload date in whole seconds, UTC", in: uploadInput(bob, newBody),
			seed: seedCertificates(nil, nil, fakeiam.WithClock((func() time.Time {
				return time.Date(2031, 7, 8, 11, 10, 11, 750_000_000, time.FixedZone("UTC+2", 2*3600))
			}))),
			owner: "Bob", want: newCertificate("Bob", newBody, time.Date(2031, 7, 8, 9, 10, 11, 0, time.UTC))},
		{name: "upload date follows Advance", seed: seedCertificates(nil, nil), steps: []change{advance(36 * time.Hour)}, in: uploadInput(bob, newBody),
			owner: "Bob", want: newCertificate("Bob", newBody, testNow.Add(36*time.Hour))},
		{name: "upload date follows Advance between uploads", seed: seedCertificates(nil, nil),
			steps: []change{do(uploadSigningCertificate(uploadInput(bob, fakeiam.CertificatePEM("lifecycle first")))), advance(90 * time.Second)},
			in:    uploadInput(bob, newBody), owner: "Bob", want: newCertificate("Bob", newBody, testNow.Add(90*time.Second))},
		{name: "certificate valid until exactly now", seed: seedCertificates(nil, nil), in: uploadInput(bob, soon),
			steps: []change{advance(time.Hour)}, owner: "Bob", want: newCertificate("Bob", soon, testNow.Add(time.Hour))},

		// Implicit caller.
		{name: "implicit caller: user key", seed: seedCertificates(nil, nil), as: asKey(bobKey.ID), in: uploadInput(nil, newBody),
			owner: "Bob", want: newCertificate("Bob", newBody, testNow)},
		{name: "implicit caller: root key uploads root's own", seed: seedCertificates(nil, nil), as: asKey(rootKey.ID), in: uploadInput(nil, newBody),
			owner: rootOwner, want: newCertificate(fakeiam.DefaultRootUserName, newBody, testNow)},
		{name: "implicit caller: root of an account without users", seed: []fakeiam.Option{fakeiam.Root().AccessKey(fakeiam.AccessKey{ID: rootKey.ID, Secret: "s"})},
			in: uploadInput(nil, newBody), owner: rootOwner, want: newCertificate(fakeiam.DefaultRootUserName, newBody, testNow)},
		{name: "implicit caller: root with RootUserName", seed: seedCertificates(nil, nil, fakeiam.RootUserName("root-of-123456789012")),
			in: uploadInput(nil, newBody), owner: rootOwner, want: newCertificate("root-of-123456789012", newBody, testNow)},
		{name: "implicit caller: role key", seed: seedCertificates(nil, nil), as: asKey(roleKey.ID), in: uploadInput(nil, newBody), wantErr: mustSpecifyUserName},
		{name: "implicit caller: role key, checked before the body", seed: seedCertificates(nil, nil), as: asKey(roleKey.ID), in: uploadInput(nil, "junk"), wantErr: mustSpecifyUserName},
		{name: "role key naming a user", seed: seedCertificates(nil, nil), as: asKey(roleKey.ID), in: uploadInput(bob, newBody),
			owner: "Bob", want: newCertificate("Bob", newBody, testNow)},
		{name: "user key naming another user", seed: seedCertificates(nil, nil), as: asKey(bobKey.ID), in: uploadInput(alice, newBody),
			owner: "Alice", want: newCertificate("Alice", newBody, testNow)},

		// Validation, before any lookup.
		{name: "body empty", seed: seedCertificates(nil, nil), in: uploadInput(bob, ""), wantErr: failedConstraints("certificateBody", minLength(1))},
		{name: "body 16385 characters", seed: seedCertificates(nil, nil), in: uploadInput(bob, a16384+"A"), wantErr: failedConstraints("certificateBody", maxLength(16384))},
		{name: "body 16384 characters passes validation", seed: seedCertificates(nil, nil), in: uploadInput(bob, a16384), wantErr: malformedCertificate(a16384)},
		{name: "body length counts characters, not bytes", seed: seedCertificates(nil, nil), in: uploadInput(bob, e16384), wantErr: malformedCertificate(e16384)},
		{name: "body 16385 Latin-1 characters", seed: seedCertificates(nil, nil), in: uploadInput(bob, e16384+"é"), wantErr: failedConstraints("certificateBody", maxLength(16384))},
		{name: "body with U+0001", seed: seedCertificates(nil, nil), in: uploadInput(bob, "ab\x01"), wantErr: failedConstraints("certificateBody", pattern(bodyPattern))},
		{name: "body with U+0100", seed: seedCertificates(nil, nil), in: uploadInput(bob, "\u0100"), wantErr: failedConstraints("certificateBody", pattern(bodyPattern))},
		{name: "body with NUL", seed: seedCertificates(nil, nil), in: uploadInput(bob, newBody+"\x00"), wantErr: failedConstraints("certificateBody", pattern(bodyPattern))},
		{name: "body with invalid UTF-8", seed: seedCertificates(nil, nil), in: uploadInput(bob, "\xff"), wantErr: failedConstraints("certificateBody", pattern(bodyPattern))},
		{name: "body too long and outside the charset", seed: seedCertificates(nil, nil), in: uploadInput(bob, a16384+"\x01"),
			wantErr: failedConstraints("certificateBody", maxLength(16384), "certificateBody", pattern(bodyPattern))},
		{name: "tab, LF and CR are in the charset", seed: seedCertificates(nil, nil), in: uploadInput(bob, "\t\r\n"), wantErr: malformedCertificate("\t\r\n")},
		{name: "userName empty", seed: seedCertificates(nil, nil), in: uploadInput(aws.String(""), newBody), wantErr: failedConstraints("userName", minLength(1))},
		{name: "userName 129 characters", seed: seedCertificates(nil, nil), in: uploadInput(aws.String(strings.Repeat("u", 129)), newBody), wantErr: failedConstraints("userName", maxLength(128))},
		{name: "userName 128 characters passes validation", seed: seedCertificates(nil, nil), in: uploadInput(aws.String(strings.Repeat("u", 128)), newBody), wantErr: noSuchUser(strings.Repeat("u", 128))},
		{name: "userName with a space", seed: seedCertificates(nil, nil), in: uploadInput(aws.String("bad name"), newBody), wantErr: invalidName("userName")},
		{name: "userName with punctuation IAM allows", seed: seedCertificates(nil, nil), in: uploadInput(aws.String("a+b=c,d.e@f-g_h"), newBody), wantErr: noSuchUser("a+b=c,d.e@f-g_h")},
		{name: "userName pattern yields to a certificateBody failure", seed: seedCertificates(nil, nil), in: uploadInput(aws.String("bad name"), ""),
			wantErr: failedConstraints("certificateBody", minLength(1))},
		{name: "three failures in member order", seed: seedCertificates(nil, nil), in: uploadInput(aws.String(""), a16384+"\u0100"),
			wantErr: failedConstraints("userName", minLength(1), "certificateBody", maxLength(16384), "certificateBody", pattern(bodyPattern))},
		{name: "validation before the user lookup", seed: seedCertificates(nil, nil), in: uploadInput(aws.String("Nobody"), ""), wantErr: failedConstraints("certificateBody", minLength(1))},
		{name: "validation before implicit caller resolution", seed: seedCertificates(nil, nil), as: asKey(roleKey.ID), in: uploadInput(nil, ""), wantErr: failedConstraints("certificateBody", minLength(1))},

		// The user is looked up before anything about the certificate.
		{name: "unknown user", seed: seedCertificates(nil, nil), in: uploadInput(aws.String("Nobody"), newBody), wantErr: noSuchUser("Nobody")},
		{name: "unknown user, body not PEM", seed: seedCertificates(nil, nil), in: uploadInput(aws.String("Nobody"), "junk"), wantErr: noSuchUser("Nobody")},
		{name: "unknown user, body expired", seed: seedCertificates(nil, nil), in: uploadInput(aws.String("Nobody"), expiredPEM("x")), wantErr: noSuchUser("Nobody")},
		{name: "unknown user, body duplicate", seed: seedCertificates(certList(bobCert1), nil), in: uploadInput(aws.String("Nobody"), bobCert1.Body), wantErr: noSuchUser("Nobody")},
		{name: "user of another account", seed: seedCertificates(nil, nil, carolElsewhere()), as: asKey(carolKey.ID), in: uploadInput(bob, newBody), wantErr: noSuchUser("Bob")},

		// MalformedCertificate echoes the whole body.
		{name: "body not PEM", seed: seedCertificates(nil, nil), in: uploadInput(bob, "hello"), wantErr: malformedCertificate("hello")},
		{name: "text before the PEM block", seed: seedCertificates(nil, nil), in: uploadInput(bob, "junk\n"+newBody), wantErr: malformedCertificate("junk\n" + newBody)},
		{name: "white space around the PEM block", seed: seedCertificates(nil, nil), in: uploadInput(bob, "\n  "+newBody+"\n\n"),
			owner: "Bob", want: newCertificate("Bob", "\n  "+newBody+"\n\n", testNow)},
		{name: "body only whitespace", seed: seedCertificates(nil, nil), in: uploadInput(bob, " \n "), wantErr: malformedCertificate(" \n ")},
		{name: "PEM block that is not a certificate", seed: seedCertificates(nil, nil), in: uploadInput(bob, publicKeyPEM), wantErr: malformedCertificate(publicKeyPEM)},
		{name: "garbage DER in a CERTIFICATE block", seed: seedCertificates(nil, nil), in: uploadInput(bob, garbageDERPEM), wantErr: malformedCertificate(garbageDERPEM)},
		{name: "truncated DER in a CERTIFICATE block", seed: seedCertificates(nil, nil), in: uploadInput(bob, truncatedDERPEM), wantErr: malformedCertificate(truncatedDERPEM)},
		{name: "CR/LF, trailing newline and XML-special characters echoed exactly", seed: seedCertificates(nil, nil), in: uploadInput(bob, xmlSpecialBody), wantErr: malformedCertificate(xmlSpecialBody)},
		{name: "Latin-1 characters echoed exactly", seed: seedCertificates(nil, nil), in: uploadInput(bob, "zertifikat ÄÖÜ ÿ\t"), wantErr: malformedCertificate("zertifikat ÄÖÜ ÿ\t")},
		{name: "expired certificate", seed: seedCertificates(nil, nil), in: uploadInput(bob, expiredPEM("lifecycle old")),
			wantErr: certificateExpired},
		{name: "expired one second ago", seed: seedCertificates(nil, nil),
			in:      uploadInput(bob, fakeiam.CertificatePEMWithValidity("lifecycle 1s", testNow.AddDate(-1, 0, 0), testNow.Add(-time.Second))),
			wantErr: certificateExpired},
		{name: "expired after Advance past NotAfter", seed: seedCertificates(nil, nil), steps: []change{advance(time.Hour + time.Second)}, in: uploadInput(bob, soon), wantErr: certificateExpired},
		{name: "not yet valid", seed: seedCertificates(nil, nil),
			in: uploadInput(bob, fakeiam.CertificatePEMWithValidity("lifecycle later", testNow.Add(time.Second), testNow.AddDate(1, 0, 0))), wantErr: certificateNotYetValid},
		{name: "valid from exactly now", seed: seedCertificates(nil, nil), in: uploadInput(bob, validFromNow), owner: "Bob", want: newCertificate("Bob", validFromNow, testNow)},
		{name: "not yet valid, then valid after Advance", seed: seedCertificates(nil, nil), steps: []change{advance(time.Hour)},
			in: uploadInput(bob, validInAnHour), owner: "Bob", want: newCertificate("Bob", validInAnHour, testNow.Add(time.Hour))},
		{name: "malformed before quota", seed: seedCertificates(full, nil), in: uploadInput(bob, "hello"), wantErr: malformedCertificate("hello")},
		{name: "expired before quota", seed: seedCertificates(full, nil), in: uploadInput(bob, expiredPEM("q")), wantErr: certificateExpired},
		{name: "malformed before duplicate", in: uploadInput(bob, "verbatim seeded body"), wantErr: malformedCertificate("verbatim seeded body"),
			seed: seedCertificates(nil, certList(fakeiam.SigningCertificate{ID: "ALICEVERBATIM000000000000001", Body: "verbatim seeded body"}))},

		// Quota: Active and Inactive count.
		{name: "quota: Active and Inactive", seed: seedCertificates(full, nil), in: uploadInput(bob, newBody), wantErr: quotaExceeded("CertificatesPerUser", 2)},
		{name: "quota: two Inactive", seed: seedCertificates(inactiveFull, nil), in: uploadInput(bob, newBody), wantErr: quotaExceeded("CertificatesPerUser", 2)},
		{name: "quota: implicit caller", seed: seedCertificates(full, nil), as: asKey(bobKey.ID), in: uploadInput(nil, newBody), wantErr: quotaExceeded("CertificatesPerUser", 2)},
		{name: "quota: root", seed: seedCertificates(nil, nil, fakeiam.Root().SigningCertificate(rootCert1, fakeiam.SigningCertificate{})), in: uploadInput(nil, newBody), wantErr: quotaExceeded("CertificatesPerUser", 2)},
		{name: "quota: before duplicate on the same user", seed: seedCertificates(full, nil), in: uploadInput(bob, bobCert1.Body), wantErr: quotaExceeded("CertificatesPerUser", 2)},
		{name: "quota: before duplicate on another user", seed: seedCertificates(full, certList(aliceCert1)), in: uploadInput(bob, aliceCert1.Body), wantErr: quotaExceeded("CertificatesPerUser", 2)},
		{name: "quota: per user", seed: seedCertificates(certList(bobCert1), certList(aliceCert1, aliceCert2)), in: uploadInput(bob, newBody),
			owner: "Bob", want: newCertificate("Bob", newBody, testNow)},
		{name: "quota: freed by a delete", seed: seedCertificates(full, nil), steps: []change{do(deleteSigningCertificate(deleteInput(bob, bobCert2.ID)))}, in: uploadInput(bob, newBody),
			owner: "Bob", want: newCertificate("Bob", newBody, testNow)},
		{name: "quota: CertificatesPerUser(3) reached", in: uploadInput(bob, newBody), wantErr: quotaExceeded("CertificatesPerUser", 3),
			seed: seedCertificates(certList(bobCert1, bobCert2, fakeiam.SigningCertificate{}), nil, fakeiam.CertificatesPerUser(3))},
		{name: "quota: CertificatesPerUser(3) lifts it", seed: seedCertificates(full, nil, fakeiam.CertificatesPerUser(3)), in: uploadInput(bob, newBody),
			owner: "Bob", want: newCertificate("Bob", newBody, testNow)},

		// Duplicate bodies in the account.
		{name: "duplicate: same user", seed: seedCertificates(certList(bobCert1), nil), in: uploadInput(bob, bobCert1.Body), wantErr: duplicateCertificate(bobCert1.ID)},
		{name: "duplicate: another user", seed: seedCertificates(nil, certList(aliceCert1)), in: uploadInput(bob, aliceCert1.Body), wantErr: duplicateCertificate(aliceCert1.ID)},
		{name: "duplicate: Inactive certificate", seed: seedCertificates(nil, certList(aliceCert1, aliceCert2)), steps: []change{do(updateSigningCertificate(updateInput(alice, aliceCert2.ID, types.StatusTypeInactive)))},
			in: uploadInput(bob, aliceCert2.Body), wantErr: duplicateCertificate(aliceCert2.ID)},
		{name: "duplicate: root's", seed: seedCertificates(nil, nil, fakeiam.Root().SigningCertificate(rootCert1)), in: uploadInput(bob, rootCert1.Body), wantErr: duplicateCertificate(rootCert1.ID)},
		{name: "duplicate: root uploading a user's body", seed: seedCertificates(certList(bobCert1), nil), in: uploadInput(nil, bobCert1.Body), wantErr: duplicateCertificate(bobCert1.ID)},
		{name: "duplicate: uploaded earlier by a client", seed: seedCertificates(nil, nil), steps: []change{uploadCertificate(alice, newBody)}, in: uploadInput(bob, newBody),
			wantErr: duplicateCertificate("<certificate 0>")},
		// The same certificate (DER) in another PEM encoding is a duplicate.
		{name: "duplicate: CRLF line ends", seed: seedCertificates(certList(bobCert1), nil), in: uploadInput(alice, strings.ReplaceAll(bobCert1.Body, "\n", "\r\n")), wantErr: duplicateCertificate(bobCert1.ID)},
		{name: "duplicate: no trailing newline", seed: seedCertificates(certList(bobCert1), nil), in: uploadInput(alice, strings.TrimSuffix(bobCert1.Body, "\n")), wantErr: duplicateCertificate(bobCert1.ID)},
		{name: "duplicate: leading spaces and blank lines", seed: seedCertificates(certList(bobCert1), nil), in: uploadInput(alice, "  \n\n"+bobCert1.Body+"\n\n"), wantErr: duplicateCertificate(bobCert1.ID)},
		{name: "duplicate: other line width", seed: seedCertificates(certList(bobCert1), nil), in: uploadInput(alice, rewrapPEM(bobCert1.Body, 76)), wantErr: duplicateCertificate(bobCert1.ID)},
		{name: "not a duplicate across accounts", seed: seedCertificates(nil, nil, carolElsewhere(elsewhereCert)), in: uploadInput(bob, elsewhereCert.Body),
			owner: "Bob", want: newCertificate("Bob", elsewhereCert.Body, testNow)},
		{name: "not a duplicate across accounts, other way", seed: seedCertificates(certList(bobCert1), nil, carolElsewhere()), as: asKey(carolKey.ID), in: uploadInput(nil, bobCert1.Body),
			want: newCertificate("Carol", bobCert1.Body, testNow)},
		{name: "not a duplicate once deleted", seed: seedCertificates(nil, certList(aliceCert1)), steps: []change{do(deleteSigningCertificate(deleteInput(alice, aliceCert1.ID)))},
			in: uploadInput(bob, aliceCert1.Body), owner: "Bob", want: newCertificate("Bob", aliceCert1.Body, testNow)},

		// Where moto is wrong (docs/contract.md, last section).
		{name: "moto: duplicate bodies refused", seed: seedCertificates(certList(bobCert1), nil), in: uploadInput(alice, bobCert1.Body), wantErr: duplicateCertificate(bobCert1.ID)},
		{name: "moto: MalformedCertificate message keeps its period", seed: seedCertificates(nil, nil), in: uploadInput(bob, "not a cert"),
			wantErr: &fakeiam.Error{Code: "MalformedCertificate", Status: 400, Message: "Certificate not a cert is malformed."}},
		{name: "moto: implicit caller resolved, not \"user with name None\"", seed: seedCertificates(nil, nil), as: asKey(bobKey.ID), in: uploadInput(nil, newBody),
			owner: "Bob", want: newCertificate("Bob", newBody, testNow)},
		{name: "moto: body constraints validated", seed: seedCertificates(nil, nil), in: uploadInput(bob, "\u20ac"), wantErr: failedConstraints("certificateBody", pattern(bodyPattern))},
	} {
		t.Run(r.name, r.run)
	}
}

func TestUpdateSigningCertificateSpec(t *testing.T) {
	seed := seedCertificates(certList(bobCert1, bobCert2), certList(aliceCert1), fakeiam.Root().SigningCertificate(rootCert1), carolElsewhere(elsewhereCert))
	for _, r := range []certificateChange{
		{name: "Active to Inactive", in: updateInput(bob, bobCert1.ID, types.StatusTypeInactive), owner: "Bob"},
		{name: "Inactive to Active", in: updateInput(bob, bobCert2.ID, types.StatusTypeActive), owner: "Bob"},
		{name: "Active to Active", in: updateInput(bob, bobCert1.ID, types.StatusTypeActive), owner: "Bob"},
		{name: "Inactive twice", steps: []change{do(updateSigningCertificate(updateInput(bob, bobCert1.ID, types.StatusTypeInactive)))},
			in: updateInput(bob, bobCert1.ID, types.StatusTypeInactive), owner: "Bob"},
		{name: "back and forth", steps: []change{do(updateSigningCertificate(updateInput(bob, bobCert1.ID, types.StatusTypeInactive))), do(updateSigningCertificate(updateInput(bob, bobCert1.ID, types.StatusTypeActive)))},
			in: updateInput(bob, bobCert1.ID, types.StatusTypeInactive), owner: "Bob"},
		{name: "Alice's", in: updateInput(alice, aliceCert1.ID, types.StatusTypeInactive), owner: "Alice"},

		// Implicit caller.
		{name: "implicit caller: user key", as: asKey(bobKey.ID), in: updateInput(nil, bobCert1.ID, types.StatusTypeInactive), owner: "Bob"},
		{name: "implicit caller: root key updates root's own", in: updateInput(nil, rootCert1.ID, types.StatusTypeInactive), owner: rootOwner},
		{name: "implicit caller: role key", as: asKey(roleKey.ID), in: updateInput(nil, bobCert1.ID, types.StatusTypeInactive), wantErr: mustSpecifyUserName},
		{name: "role key naming a user", as: asKey(roleKey.ID), in: updateInput(bob, bobCert1.ID, types.StatusTypeInactive), owner: "Bob"},
		{name: "implicit caller: user key, another user's id", as: asKey(bobKey.ID), in: updateInput(nil, aliceCert1.ID, types.StatusTypeInactive), wantErr: noSuchCertificate(aliceCert1.ID)},
		{name: "implicit caller: root key, a user's id", in: updateInput(nil, bobCert1.ID, types.StatusTypeInactive), wantErr: noSuchCertificate(bobCert1.ID)},
		{name: "implicit caller: another account's key, this account's id", as: asKey(carolKey.ID), in: updateInput(nil, bobCert1.ID, types.StatusTypeInactive), wantErr: noSuchCertificate(bobCert1.ID)},
		{name: "another account's user", as: asKey(carolKey.ID), in: updateInput(bob, bobCert1.ID, types.StatusTypeInactive), wantErr: noSuchUser("Bob")},
		{name: "another account's key, its own certificate", as: asKey(carolKey.ID), in: updateInput(nil, elsewhereCert.ID, types.StatusTypeInactive)},

		// Status.
		{name: "status Bogus", in: updateInput(bob, bobCert1.ID, "Bogus"), wantErr: failedConstraints("status", enumValueSet)},
		{name: "status is case-sensitive", in: updateInput(bob, bobCert1.ID, "inactive"), wantErr: failedConstraints("status", enumValueSet)},
		{name: "status Expired", in: updateInput(bob, bobCert1.ID, types.StatusTypeExpired), wantErr: statusExpiredRefused("signing certificates")},
		{name: "status Expired on an Inactive certificate", in: updateInput(bob, bobCert2.ID, types.StatusTypeExpired), wantErr: statusExpiredRefused("signing certificates")},
		{name: "status Expired checked before the certificate lookup (choice)", in: updateInput(bob, "UNKNOWNCERTIFICATEID00000000", types.StatusTypeExpired), wantErr: statusExpiredRefused("signing certificates")},

		// CertificateId validation.
		{name: "id 23 characters", in: updateInput(bob, strings.Repeat("A", 23), types.StatusTypeInactive), wantErr: failedConstraints("certificateId", minLength(24))},
		{name: "id 129 characters", in: updateInput(bob, strings.Repeat("A", 129), types.StatusTypeInactive), wantErr: failedConstraints("certificateId", maxLength(128))},
		{name: "id empty", in: updateInput(bob, "", types.StatusTypeInactive), wantErr: failedConstraints("certificateId", minLength(24))},
		{name: "id with dashes", in: updateInput(bob, dashedCertID, types.StatusTypeInactive), wantErr: failedConstraints("certificateId", pattern(wordPattern))},
		{name: "id short and with dashes", in: updateInput(bob, "bad-id", types.StatusTypeInactive), wantErr: failedConstraints("certificateId", minLength(24), "certificateId", pattern(wordPattern))},
		{name: "id 24 characters passes validation", in: updateInput(bob, strings.Repeat("A", 24), types.StatusTypeInactive), wantErr: noSuchCertificate(strings.Repeat("A", 24))},
		{name: "id 128 characters passes validation", in: updateInput(bob, strings.Repeat("A", 128), types.StatusTypeInactive), wantErr: noSuchCertificate(strings.Repeat("A", 128))},
		{name: "id of lower case and underscore passes validation", in: updateInput(bob, wordCertID, types.StatusTypeInactive), wantErr: noSuchCertificate(wordCertID)},
		{name: "certificateId and status in member order, userName pattern yields", in: updateInput(aws.String("bad name"), "short", "Bogus"),
			wantErr: failedConstraints("certificateId", minLength(24), "status", enumValueSet)},
		{name: "Expired is in the enum: only the id fails", in: updateInput(bob, dashedCertID, types.StatusTypeExpired), wantErr: failedConstraints("certificateId", pattern(wordPattern))},
		{name: "validation before the user lookup", in: updateInput(aws.String("Nobody"), bobCert1.ID, "Bogus"), wantErr: failedConstraints("status", enumValueSet)},
		{name: "validation before implicit caller resolution", as: asKey(roleKey.ID), in: updateInput(nil, "short", types.StatusTypeInactive), wantErr: failedConstraints("certificateId", minLength(24))},

		// Lookups: the user first.
		{name: "unknown user", in: updateInput(aws.String("Nobody"), unknownCertID, types.StatusTypeInactive), wantErr: noSuchUser("Nobody")},
		{name: "unknown user, existing id", in: updateInput(aws.String("Nobody"), bobCert1.ID, types.StatusTypeInactive), wantErr: noSuchUser("Nobody")},
		{name: "unknown user, status Expired", in: updateInput(aws.String("Nobody"), bobCert1.ID, types.StatusTypeExpired), wantErr: noSuchUser("Nobody")},
		{name: "unknown id", in: updateInput(bob, unknownCertID, types.StatusTypeInactive), wantErr: noSuchCertificate(unknownCertID)},
		{name: "another user's id", in: updateInput(bob, aliceCert1.ID, types.StatusTypeInactive), wantErr: noSuchCertificate(aliceCert1.ID)},
		{name: "root's id named for a user", in: updateInput(bob, rootCert1.ID, types.StatusTypeInactive), wantErr: noSuchCertificate(rootCert1.ID)},
		{name: "deleted id", steps: []change{do(deleteSigningCertificate(deleteInput(bob, bobCert1.ID)))}, in: updateInput(bob, bobCert1.ID, types.StatusTypeInactive), wantErr: noSuchCertificate(bobCert1.ID)},

		// Where moto is wrong.
		{name: "moto: Status=Bogus refused", in: updateInput(bob, bobCert1.ID, "Bogus"), wantErr: failedConstraints("status", enumValueSet)},
		{name: "moto: CertificateId constraints validated", in: updateInput(bob, dashedCertID, types.StatusTypeInactive), wantErr: failedConstraints("certificateId", pattern(wordPattern))},
		{name: "moto: implicit caller resolved, not \"user with name None\"", as: asKey(bobKey.ID), in: updateInput(nil, bobCert2.ID, types.StatusTypeActive), owner: "Bob"},
	} {
		r.seed = seed
		t.Run(r.name, r.run)
	}
}

func TestDeleteSigningCertificateSpec(t *testing.T) {
	seed := seedCertificates(certList(bobCert1, bobCert2), certList(aliceCert1), fakeiam.Root().SigningCertificate(rootCert1), carolElsewhere(elsewhereCert))
	for _, r := range []certificateChange{
		{name: "Active certificate", in: deleteInput(bob, bobCert1.ID), owner: "Bob"},
		{name: "Inactive certificate", in: deleteInput(bob, bobCert2.ID), owner: "Bob"},
		{name: "last certificate of a user", in: deleteInput(alice, aliceCert1.ID), owner: "Alice"},
		{name: "after the other one", steps: []change{do(deleteSigningCertificate(deleteInput(bob, bobCert1.ID)))}, in: deleteInput(bob, bobCert2.ID), owner: "Bob"},
		{name: "uploaded by a client", steps: []change{do(uploadSigningCertificate(uploadInput(alice, newBody)))}, in: deleteInput(alice, aliceCert1.ID), owner: "Alice"},

		// Implicit caller.
		{name: "implicit caller: user key", as: asKey(bobKey.ID), in: deleteInput(nil, bobCert1.ID), owner: "Bob"},
		{name: "implicit caller: root key deletes root's own", in: deleteInput(nil, rootCert1.ID), owner: rootOwner},
		{name: "implicit caller: role key", as: asKey(roleKey.ID), in: deleteInput(nil, bobCert1.ID), wantErr: mustSpecifyUserName},
		{name: "role key naming a user", as: asKey(roleKey.ID), in: deleteInput(bob, bobCert1.ID), owner: "Bob"},
		{name: "implicit caller: user key, another user's id", as: asKey(bobKey.ID), in: deleteInput(nil, aliceCert1.ID), wantErr: noSuchCertificate(aliceCert1.ID)},
		{name: "implicit caller: root key, a user's id", in: deleteInput(nil, bobCert1.ID), wantErr: noSuchCertificate(bobCert1.ID)},
		{name: "implicit caller: another account's key, this account's id", as: asKey(carolKey.ID), in: deleteInput(nil, bobCert1.ID), wantErr: noSuchCertificate(bobCert1.ID)},
		{name: "another account's user", as: asKey(carolKey.ID), in: deleteInput(bob, bobCert1.ID), wantErr: noSuchUser("Bob")},
		{name: "another account's key, its own certificate", as: asKey(carolKey.ID), in: deleteInput(nil, elsewhereCert.ID)},

		// Validation.
		{name: "id 23 characters", in: deleteInput(bob, strings.Repeat("A", 23)), wantErr: failedConstraints("certificateId", minLength(24))},
		{name: "id 129 characters", in: deleteInput(bob, strings.Repeat("A", 129)), wantErr: failedConstraints("certificateId", maxLength(128))},
		{name: "id empty", in: deleteInput(bob, ""), wantErr: failedConstraints("certificateId", minLength(24))},
		{name: "id with dashes", in: deleteInput(bob, dashedCertID), wantErr: failedConstraints("certificateId", pattern(wordPattern))},
		{name: "id of lower case and underscore passes validation", in: deleteInput(bob, wordCertID), wantErr: noSuchCertificate(wordCertID)},
		{name: "userName and certificateId in member order", in: deleteInput(aws.String(strings.Repeat("u", 129)), dashedCertID),
			wantErr: failedConstraints("userName", maxLength(128), "certificateId", pattern(wordPattern))},
		{name: "validation before the user lookup", in: deleteInput(aws.String("Nobody"), "short"), wantErr: failedConstraints("certificateId", minLength(24))},
		{name: "validation before implicit caller resolution", as: asKey(roleKey.ID), in: deleteInput(nil, "short"), wantErr: failedConstraints("certificateId", minLength(24))},

		// Lookups: the user first.
		{name: "unknown user", in: deleteInput(aws.String("Nobody"), unknownCertID), wantErr: noSuchUser("Nobody")},
		{name: "unknown user, existing id", in: deleteInput(aws.String("Nobody"), bobCert1.ID), wantErr: noSuchUser("Nobody")},
		{name: "unknown id", in: deleteInput(bob, unknownCertID), wantErr: noSuchCertificate(unknownCertID)},
		{name: "another user's id", in: deleteInput(bob, aliceCert1.ID), wantErr: noSuchCertificate(aliceCert1.ID)},
		{name: "root's id named for a user", in: deleteInput(bob, rootCert1.ID), wantErr: noSuchCertificate(rootCert1.ID)},
		{name: "delete twice", steps: []change{do(deleteSigningCertificate(deleteInput(bob, bobCert1.ID)))}, in: deleteInput(bob, bobCert1.ID), wantErr: noSuchCertificate(bobCert1.ID)},
		{name: "delete twice, implicit caller", steps: []change{doAs(asKey(bobKey.ID), deleteSigningCertificate(deleteInput(nil, bobCert1.ID)))}, as: asKey(bobKey.ID), in: deleteInput(nil, bobCert1.ID), wantErr: noSuchCertificate(bobCert1.ID)},

		// Where moto is wrong.
		{name: "moto: implicit caller resolved, not \"user with name None\"", as: asKey(bobKey.ID), in: deleteInput(nil, bobCert2.ID), owner: "Bob"},
		{name: "moto: CertificateId constraints validated", in: deleteInput(bob, strings.Repeat("A", 23)), wantErr: failedConstraints("certificateId", minLength(24))},
	} {
		r.seed = seed
		t.Run(r.name, r.run)
	}
}

// TestSigningCertificateRequestIDs: every answer, success or error, carries
// a fresh request id.
func TestSigningCertificateRequestIDs(t *testing.T) {
	f := newFake(seedCertificates(certList(bobCert1), nil)...)
	c := f.Client()
	ctx := context.Background()
	seen := map[string]string{}
	for _, step := range []struct {
		name string
		call call
		ok   bool
	}{
		{"upload", uploadSigningCertificate(uploadInput(bob, newBody)), true},
		{"upload refused", uploadSigningCertificate(uploadInput(bob, newBody)), false},
		{"update", updateSigningCertificate(updateInput(bob, bobCert1.ID, types.StatusTypeInactive)), true},
		{"update again", updateSigningCertificate(updateInput(bob, bobCert1.ID, types.StatusTypeInactive)), true},
		{"update refused", updateSigningCertificate(updateInput(bob, bobCert1.ID, types.StatusTypeExpired)), false},
		{"delete", deleteSigningCertificate(deleteInput(bob, bobCert1.ID)), true},
		{"delete refused", deleteSigningCertificate(deleteInput(bob, bobCert1.ID)), false},
	} {
		out, err := step.call(ctx, c, nil)
		if (err == nil) != step.ok {
			t.Fatalf("%s: err = %v, want success %v", step.name, err, step.ok)
		}
		id := requestIDOf(outcome{out: out, err: err})
		if id == "" {
			t.Errorf("%s: no request id", step.name)
		} else if prev, dup := seen[id]; dup {
			t.Errorf("%s: request id %s already answered %s", step.name, id, prev)
		}
		seen[id] = step.name
	}
}

// FuzzUploadSigningCertificate: whatever the body, Upload either stores it
// byte-identical or refuses it with ValidationError or MalformedCertificate
// echoing the whole body.
func FuzzUploadSigningCertificate(f *testing.F) {
	for _, s := range []string{"", "hello", "\t\r\n", "\x01", "\u0100", "é", newBody, crlfBody, xmlSpecialBody,
		garbageDERPEM, publicKeyPEM, expiredPEM("fuzz"), newBody + "junk", newBody + bobCert1.Body} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		fake := newFake(fakeiam.User("Bob")) // fresh: the same input, the same outcome
		c := fake.Client()
		out, err := c.UploadSigningCertificate(context.Background(), uploadInput(bob, body))
		switch code := outcomeOf(err); code {
		case "ok":
			if got := aws.ToString(out.Certificate.CertificateBody); got != body {
				t.Errorf("returned body %q, uploaded %q", got, body)
			}
			certs, err := fake.User("Bob").SigningCertificates()
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(certs, func(c types.SigningCertificate) bool { return *c.CertificateId == *out.Certificate.CertificateId })
			if i < 0 || *certs[i].CertificateBody != body || certs[i].Status != types.StatusTypeActive {
				t.Errorf("stored certificate %+v, uploaded %q", certs, body)
			}
		case "MalformedCertificate":
			// Either the body echoed, or a certificate that parses but is
			// outside its validity at the fake's time, with IAM's texts.
			var me *types.MalformedCertificateException
			errors.As(err, &me)
			var validity string
			if block, rest := pem.Decode([]byte(body)); block != nil && strings.TrimSpace(string(rest)) == "" {
				if x, err := x509.ParseCertificate(block.Bytes); err == nil {
					switch now := fake.Now(); {
					case now.After(x.NotAfter):
						validity = certificateExpired.Message
					case now.Before(x.NotBefore):
						validity = certificateNotYetValid.Message
					}
				}
			}
			if me == nil || (me.ErrorMessage() != "Certificate "+body+" is malformed." && (validity == "" || me.ErrorMessage() != validity)) {
				t.Errorf("MalformedCertificate %v: neither echoes the body %q nor says why its dates are refused", err, body)
			}
		case "ValidationError":
			var ae smithy.APIError
			errors.As(err, &ae)
			if !strings.Contains(ae.ErrorMessage(), "Value at 'certificateBody' failed to satisfy constraint") {
				t.Errorf("ValidationError %q is not about certificateBody", ae.ErrorMessage())
			}
		default:
			t.Errorf("upload of %q: unexpected error %v", body, err)
		}
	})
}

// rewrapPEM re-encodes a PEM body's base64 at another line width: the same
// certificate, other text.
func rewrapPEM(body string, width int) string {
	block, _ := pem.Decode([]byte(body))
	b64 := base64.StdEncoding.EncodeToString(block.Bytes)
	var out strings.Builder
	out.WriteString("-----BEGIN CERTIFICATE-----\n")
	for len(b64) > width {
		out.WriteString(b64[:width] + "\n")
		b64 = b64[width:]
	}
	out.WriteString(b64 + "\n-----END CERTIFICATE-----\n")
	return out.String()
}
