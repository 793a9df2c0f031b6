package fakeiam_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/fakeaws/fakeaws/fakeiam"
)

func TestListSigningCertificatesSpec(t *testing.T) {
	bob := aws.String("Bob")
	long := strings.Repeat("a", 128)
	runScenarios(t, nil, []scenario{
		{
			name: "documented example",
			seed: []fakeiam.Option{bobWithDocCert()},
			call: listSigningCertificates(aws.String("Bob"), nil, nil),
			want: &iam.ListSigningCertificatesOutput{Certificates: []types.SigningCertificate{
				sc("Bob", docID, docBody, types.StatusTypeActive, docDate),
			}},
		},
		{
			name:    "no such user",
			seed:    []fakeiam.Option{bobWithDocCert()},
			call:    listSigningCertificates(aws.String("Alice"), nil, nil),
			wantErr: noSuchUser("Alice"),
		},
		{
			// IAM names ignore case; certificates report the user's own name (choice).
			name: "user name in another case",
			seed: []fakeiam.Option{bobWithDocCert()},
			call: listSigningCertificates(aws.String("BOB"), nil, nil),
			want: &iam.ListSigningCertificatesOutput{Certificates: []types.SigningCertificate{
				sc("Bob", docID, docBody, types.StatusTypeActive, docDate),
			}},
		},
		{
			name:    "userName pattern yields to a maxItems failure",
			call:    listSigningCertificates(aws.String("bad name"), nil, aws.Int32(1001)),
			wantErr: failedConstraints("maxItems", maxValue(1000)),
		},

		// Constraints, one at a time, with IAM's exact text.
		{name: "userName length 0", call: listSigningCertificates(aws.String(""), nil, nil),
			wantErr: failedConstraints("userName", minLength(1))},
		{name: "userName length 129", call: listSigningCertificates(aws.String(long+"a"), nil, nil),
			wantErr: failedConstraints("userName", maxLength(128))},
		{name: "userName pattern", call: listSigningCertificates(aws.String("Bob/Alice"), nil, nil),
			wantErr: invalidName("userName")},
		{name: "userName non-ASCII letter fails the pattern", call: listSigningCertificates(aws.String("Bjørn"), nil, nil),
			wantErr: invalidName("userName")},
		{name: "userName length 129 and pattern: the length alone", call: listSigningCertificates(aws.String(long+"!"), nil, nil),
			wantErr: failedConstraints("userName", maxLength(128))},
		{name: "userName length 128 is valid", seed: []fakeiam.Option{fakeiam.User(long)}, call: listSigningCertificates(aws.String(long), nil, nil),
			want: certificatesPage(listedCertificates(long))},
		{name: "userName with every allowed punctuation", seed: []fakeiam.Option{fakeiam.User("a+b=c,d.e@f-g_h")},
			call: listSigningCertificates(aws.String("a+b=c,d.e@f-g_h"), nil, nil), want: certificatesPage(listedCertificates("a+b=c,d.e@f-g_h"))},
		{name: "marker length 0", seed: []fakeiam.Option{bobWithDocCert()}, call: listSigningCertificates(bob, aws.String(""), nil),
			wantErr: failedConstraints("marker", minLength(1))},
		{name: "marker length 321", seed: []fakeiam.Option{bobWithDocCert()}, call: listSigningCertificates(bob, aws.String(strings.Repeat("A", 321)), nil),
			wantErr: failedConstraints("marker", maxLength(320))},
		{name: "marker pattern", seed: []fakeiam.Option{bobWithDocCert()}, call: listSigningCertificates(bob, aws.String("\u0100"), nil),
			wantErr: failedConstraints("marker", pattern(markerPattern))},
		{name: "marker control character fails the pattern", seed: []fakeiam.Option{bobWithDocCert()}, call: listSigningCertificates(bob, aws.String("abc\n"), nil),
			wantErr: failedConstraints("marker", pattern(markerPattern))},
		{name: "marker length 321 and pattern", seed: []fakeiam.Option{bobWithDocCert()}, call: listSigningCertificates(bob, aws.String(strings.Repeat("\u0100", 321)), nil),
			wantErr: failedConstraints("marker", maxLength(320), "marker", pattern(markerPattern))},
		{name: "marker length 320 of Latin-1 passes validation", seed: []fakeiam.Option{bobWithDocCert()},
			call: listSigningCertificates(bob, aws.String(strings.Repeat("\u00ff", 320)), nil), wantErr: invalidMarker},
		{name: "maxItems 1000 is valid", seed: []fakeiam.Option{bobWithDocCert()}, call: listSigningCertificates(bob, nil, aws.Int32(1000)),
			want: certificatesPage(listedCertificates("Bob", fakeiam.SigningCertificate{ID: docID, Body: docBody, UploadDate: docDate}))},
		{name: "three failures in member order", call: listSigningCertificates(aws.String(""), aws.String("\u0100"), aws.Int32(0)),
			wantErr: failedConstraints("userName", minLength(1), "marker", pattern(markerPattern), "maxItems", minValue(1))},
		{name: "three standard failures in member order, userName pattern dropped", call: listSigningCertificates(aws.String(long+" "), aws.String(""), aws.Int32(5000)),
			wantErr: failedConstraints("userName", maxLength(128), "marker", minLength(1), "maxItems", maxValue(1000))},
		{name: "validation before the user lookup", call: listSigningCertificates(aws.String("Nobody"), nil, aws.Int32(0)),
			wantErr: failedConstraints("maxItems", minValue(1))},
		{name: "validation before the marker check", seed: []fakeiam.Option{bobWithDocCert()}, call: listSigningCertificates(bob, aws.String("garbage"), aws.Int32(1001)),
			wantErr: failedConstraints("maxItems", maxValue(1000))},

		// NoSuchEntity.
		{name: "no such user with a marker", seed: []fakeiam.Option{bobWithDocCert()}, call: listSigningCertificates(aws.String("Carol"), aws.String("garbage"), nil),
			wantErr: noSuchUser("Carol")},

		// Order and shape.
		{
			name: "upload order, ties in seeding (upload) order",
			seed: []fakeiam.Option{fakeiam.CertificatesPerUser(4), fakeiam.User("Bob").SigningCertificate(
				fakeiam.SigningCertificate{ID: "ZZZZZZZZZZZZZZZZZZZZZZZZ0003", Body: "c3", UploadDate: t0.Add(time.Hour)},
				fakeiam.SigningCertificate{ID: "BBBBBBBBBBBBBBBBBBBBBBBB0002", Body: "c2", UploadDate: t0},
				fakeiam.SigningCertificate{ID: "AAAAAAAAAAAAAAAAAAAAAAAA0001", Body: "c1", UploadDate: t0},
				fakeiam.SigningCertificate{ID: "00000000000000000000000000000", Body: "c0", UploadDate: t0.Add(-time.Hour)},
			)},
			call: listSigningCertificates(bob, nil, nil),
			want: certificatesPage([]types.SigningCertificate{
				sc("Bob", "00000000000000000000000000000", "c0", types.StatusTypeActive, t0.Add(-time.Hour)),
				sc("Bob", "BBBBBBBBBBBBBBBBBBBBBBBB0002", "c2", types.StatusTypeActive, t0),
				sc("Bob", "AAAAAAAAAAAAAAAAAAAAAAAA0001", "c1", types.StatusTypeActive, t0),
				sc("Bob", "ZZZZZZZZZZZZZZZZZZZZZZZZ0003", "c3", types.StatusTypeActive, t0.Add(time.Hour)),
			}),
		},
		{
			name: "inactive certificates are listed with their status",
			seed: []fakeiam.Option{fakeiam.User("Bob").SigningCertificate(
				fakeiam.SigningCertificate{ID: cert(1).ID, Body: cert(1).Body, UploadDate: cert(1).UploadDate, Status: types.StatusTypeInactive}, cert(2))},
			call: listSigningCertificates(bob, nil, nil),
			want: certificatesPage(append(listedCertificates("Bob", fakeiam.SigningCertificate{ID: cert(1).ID, Body: cert(1).Body, UploadDate: cert(1).UploadDate, Status: types.StatusTypeInactive}),
				listedCertificates("Bob", cert(2))...)),
		},
		{name: "complete list: IsTruncated false, no marker",
			seed: []fakeiam.Option{fakeiam.User("Bob").SigningCertificate(certs(1, 3)...)}, call: listSigningCertificates(bob, nil, nil),
			want: certificatesPage(listedCertificates("Bob", certs(1, 3)...))},
		{name: "other users' certificates are not listed",
			seed: []fakeiam.Option{fakeiam.User("Bob").SigningCertificate(cert(1)), fakeiam.User("Alice").SigningCertificate(cert(2))},
			call: listSigningCertificates(aws.String("Alice"), nil, nil), want: certificatesPage(listedCertificates("Alice", cert(2)))},
	})
}

func TestListSigningCertificatesPaging(t *testing.T) {
	bob := aws.String("Bob")
	two := []fakeiam.Option{fakeiam.User("Bob").SigningCertificate(certs(1, 3)...)}
	five := []fakeiam.Option{fakeiam.CertificatesPerUser(5), fakeiam.User("Bob").AccessKey(bobKey).SigningCertificate(certs(1, 6)...)}
	deleteCert := func(i int) []change {
		return []change{do(deleteSigningCertificate(deleteInput(bob, cert(i).ID)))}
	}
	runScenarios(t, nil, []scenario{
		{name: "MaxItems 1, first page", seed: two, call: listSigningCertificates(bob, nil, aws.Int32(1)),
			want: certificatesTruncated(listedCertificates("Bob", cert(1)))},
		{name: "MaxItems 1, last page", seed: two,
			call: listThen((*iam.Client).ListSigningCertificates, iam.ListSigningCertificatesInput{UserName: bob, MaxItems: aws.Int32(1)}, nil, nil,
				iam.ListSigningCertificatesInput{UserName: bob, MaxItems: aws.Int32(1)}),
			want: certificatesPage(listedCertificates("Bob", cert(2)))},
		{name: "the next page may use another MaxItems", seed: five,
			call: listThen((*iam.Client).ListSigningCertificates, iam.ListSigningCertificatesInput{UserName: bob, MaxItems: aws.Int32(1)}, nil, nil,
				iam.ListSigningCertificatesInput{UserName: bob, MaxItems: aws.Int32(3)}),
			want: certificatesTruncated(listedCertificates("Bob", certs(2, 5)...))},
		{name: "implicit caller pages too", seed: five, as: asKey(bobKey.ID),
			call: listThen((*iam.Client).ListSigningCertificates, iam.ListSigningCertificatesInput{MaxItems: aws.Int32(2)}, nil, nil,
				iam.ListSigningCertificatesInput{MaxItems: aws.Int32(2)}),
			want: certificatesTruncated(listedCertificates("Bob", certs(3, 5)...))},
		{name: "marker of a named user continues the implicit caller's listing", seed: five, as: asKey(bobKey.ID),
			call: listThen((*iam.Client).ListSigningCertificates, iam.ListSigningCertificatesInput{UserName: bob, MaxItems: aws.Int32(2)}, nil, nil,
				iam.ListSigningCertificatesInput{MaxItems: aws.Int32(10)}),
			want: certificatesPage(listedCertificates("Bob", certs(3, 6)...))},
		// Continuing after changes: certificates that existed throughout are
		// neither repeated nor skipped.
		{name: "continue after deleting the last returned certificate", seed: five,
			call: listThen((*iam.Client).ListSigningCertificates, iam.ListSigningCertificatesInput{UserName: bob, MaxItems: aws.Int32(2)}, deleteCert(2), nil,
				iam.ListSigningCertificatesInput{UserName: bob, MaxItems: aws.Int32(2)}),
			want: certificatesTruncated(listedCertificates("Bob", certs(3, 5)...))},
		{name: "continue after deleting an earlier certificate", seed: five,
			call: listThen((*iam.Client).ListSigningCertificates, iam.ListSigningCertificatesInput{UserName: bob, MaxItems: aws.Int32(2)}, deleteCert(1), nil,
				iam.ListSigningCertificatesInput{UserName: bob, MaxItems: aws.Int32(10)}),
			want: certificatesPage(listedCertificates("Bob", certs(3, 6)...))},
		{name: "continue after uploading a certificate", seed: []fakeiam.Option{fakeiam.CertificatesPerUser(6), five[1]},
			call: listThen((*iam.Client).ListSigningCertificates, iam.ListSigningCertificatesInput{UserName: bob, MaxItems: aws.Int32(2)},
				// Uploaded now, after every seeded certificate: the new
				// certificate is what remains after the page (IsTruncated).
				[]change{do(uploadSigningCertificate(uploadInput(bob, fakeiam.CertificatePEM("new"))))}, nil,
				iam.ListSigningCertificatesInput{UserName: bob, MaxItems: aws.Int32(3)}),
			want: certificatesTruncated(listedCertificates("Bob", certs(3, 6)...))},
	})
}

func TestListSigningCertificatesImplicitCaller(t *testing.T) {
	bobSeed := fakeiam.User("Bob").AccessKey(bobKey).SigningCertificate(cert(1))
	aliceSeed := fakeiam.User("Alice").AccessKey(aliceKey).SigningCertificate(cert(2))
	rootSeed := fakeiam.Root().SigningCertificate(cert(3), cert(4))
	roleSeed := fakeiam.Role("Deployer").AccessKey(roleKey)
	all := []fakeiam.Option{bobSeed, aliceSeed, rootSeed, roleSeed}
	runScenarios(t, nil, []scenario{
		{name: "user key: that user's certificates", seed: all, as: asKey(bobKey.ID), call: listSigningCertificates(nil, nil, nil),
			want: certificatesPage(listedCertificates("Bob", cert(1)))},
		{name: "user client: that user's certificates", seed: all, as: func(r *run) *iam.Client {
			f := r.f
			return f.User("Alice").Client()
		},
			call: listSigningCertificates(nil, nil, nil), want: certificatesPage(listedCertificates("Alice", cert(2)))},
		{name: "user key naming another user: that user's certificates (no policies)", seed: all, as: asKey(bobKey.ID),
			call: listSigningCertificates(aws.String("Alice"), nil, nil), want: certificatesPage(listedCertificates("Alice", cert(2)))},
		{name: "root key: root's own certificates as <root_account>", seed: all, call: listSigningCertificates(nil, nil, nil),
			want: certificatesPage(listedCertificates("<root_account>", cert(3), cert(4)))},
		{name: "root key with RootUserName", seed: append([]fakeiam.Option{fakeiam.RootUserName("root")}, all...), call: listSigningCertificates(nil, nil, nil),
			want: certificatesPage(listedCertificates("root", cert(3), cert(4)))},
		{name: "root key in an account with no users", seed: []fakeiam.Option{rootSeed}, call: listSigningCertificates(nil, nil, nil),
			want: certificatesPage(listedCertificates("<root_account>", cert(3), cert(4)))},
		{name: "root key, no users and no certificates", call: listSigningCertificates(nil, nil, nil), want: certificatesPage([]types.SigningCertificate{})},
		{name: "root key pages its own certificates", seed: []fakeiam.Option{rootSeed}, call: listSigningCertificates(nil, nil, aws.Int32(1)),
			want: certificatesTruncated(listedCertificates("<root_account>", cert(3)))},
		{name: "root key, second page", seed: []fakeiam.Option{rootSeed},
			call: listThen((*iam.Client).ListSigningCertificates, iam.ListSigningCertificatesInput{MaxItems: aws.Int32(1)}, nil, nil, iam.ListSigningCertificatesInput{MaxItems: aws.Int32(1)}),
			want: certificatesPage(listedCertificates("<root_account>", cert(4)))},
		{name: "root key naming a user", seed: all, call: listSigningCertificates(aws.String("Bob"), nil, nil), want: certificatesPage(listedCertificates("Bob", cert(1)))},
		{name: "role key without UserName", seed: all, as: asKey(roleKey.ID), call: listSigningCertificates(nil, nil, nil),
			wantErr: validationError("Must specify userName when calling with non-User credentials")},
		{name: "role key without UserName: validation first", seed: all, as: asKey(roleKey.ID), call: listSigningCertificates(nil, nil, aws.Int32(0)),
			wantErr: failedConstraints("maxItems", minValue(1))},
		{name: "role key with UserName", seed: all, as: asKey(roleKey.ID), call: listSigningCertificates(aws.String("Bob"), nil, nil),
			want: certificatesPage(listedCertificates("Bob", cert(1)))},
		{name: "unknown key", seed: all, as: asKey(unknownKeyID), call: listSigningCertificates(nil, nil, nil),
			wantErr: invalidToken},
		{name: "unknown key: authentication before validation", seed: all, as: asKey(unknownKeyID),
			call:    listSigningCertificates(aws.String(""), nil, aws.Int32(0)),
			wantErr: invalidToken},
		{name: "unsigned", seed: all,
			as: func(r *run) *iam.Client {
				f := r.f

				return f.Client(func(o *iam.Options) { o.Credentials = aws.AnonymousCredentials{} })
			},
			call:    listSigningCertificates(aws.String("Bob"), nil, aws.Int32(0)),
			wantErr: missingAuthToken},
		{name: "wrong secret", seed: all,
			as: func(r *run) *iam.Client {
				f := r.f

				return iam.New(iam.Options{Region: "us-east-1", Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
					return aws.Credentials{AccessKeyID: bobKey.ID, SecretAccessKey: "not-" + bobKey.Secret}, nil
				})}, f.Attach)
			},
			call:    listSigningCertificates(nil, nil, nil),
			wantErr: signatureMismatch},
		// The fake's own clients skip recomputing the signature only for the
		// credentials the fake issued; credentials replaced by an option are
		// verified like any others.
		{name: "wrong secret on a fake-built client", seed: all,
			as: func(r *run) *iam.Client {
				f := r.f

				return f.ClientWithAccessKey(bobKey.ID, func(o *iam.Options) {
					o.Credentials = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
						return aws.Credentials{AccessKeyID: bobKey.ID, SecretAccessKey: "not-" + bobKey.Secret}, nil
					})
				})
			},
			call:    listSigningCertificates(nil, nil, nil),
			wantErr: signatureMismatch},
		{name: "another fake's credentials for a key both know", seed: all,
			as: func(r *run) *iam.Client {
				f := r.f

				other := newFake(fakeiam.User("Bob").AccessKey(fakeiam.AccessKey{ID: bobKey.ID, Secret: "other-fakes-secret"}))
				return f.ClientWithAccessKey(bobKey.ID, func(o *iam.Options) { o.Credentials = other.ClientWithAccessKey(bobKey.ID).Options().Credentials })
			},
			call:    listSigningCertificates(nil, nil, nil),
			wantErr: signatureMismatch},
		{name: "another fake's credentials for the same key and secret", seed: all,
			as: func(r *run) *iam.Client {
				f := r.f

				other := newFake(fakeiam.User("Bob").AccessKey(bobKey))
				return f.ClientWithAccessKey(bobKey.ID, func(o *iam.Options) { o.Credentials = other.ClientWithAccessKey(bobKey.ID).Options().Credentials })
			},
			call: listSigningCertificates(nil, nil, nil),
			want: certificatesPage(listedCertificates("Bob", cert(1)))},
		{name: "an empty key id", seed: all, as: func(r *run) *iam.Client {
			f := r.f
			return f.ClientWithAccessKey("")
		},
			call:    listSigningCertificates(nil, nil, nil),
			wantErr: missingAuthToken},
	})
}

func TestListSigningCertificatesMarkers(t *testing.T) {
	bob := aws.String("Bob")
	seed := []fakeiam.Option{
		fakeiam.User("Bob").AccessKey(bobKey).SigningCertificate(certs(1, 3)...),
		fakeiam.User("Alice").AccessKey(aliceKey).SigningCertificate(certs(3, 5)...),
		fakeiam.Root().SigningCertificate(certs(5, 7)...),
		fakeiam.Account(otherAccount,
			fakeiam.Root().AccessKey(otherRootKey),
			fakeiam.User("Bob").AccessKey(otherBobKey).SigningCertificate(certs(11, 13)...)),
	}
	one := aws.Int32(1)
	bobFirst := iam.ListSigningCertificatesInput{UserName: bob, MaxItems: one}
	bobNext := iam.ListSigningCertificatesInput{UserName: bob, MaxItems: one}
	runScenarios(t, nil, []scenario{
		{name: "real marker", seed: seed, call: listThen((*iam.Client).ListSigningCertificates, bobFirst, nil, nil, bobNext), want: certificatesPage(listedCertificates("Bob", cert(2)))},
		{name: "the root's marker for a user", seed: seed,
			call: listThen((*iam.Client).ListSigningCertificates, iam.ListSigningCertificatesInput{MaxItems: one}, nil, nil, bobNext), wantErr: invalidMarker},
		{name: "a user's marker for the implicit root", seed: seed,
			call: listThen((*iam.Client).ListSigningCertificates, bobFirst, nil, nil, iam.ListSigningCertificatesInput{MaxItems: one}), wantErr: invalidMarker},
		{name: "the same user's marker from another account", seed: seed,
			call:    listFrom(asKey(otherBobKey.ID), (*iam.Client).ListSigningCertificates, iam.ListSigningCertificatesInput{MaxItems: one}, nil, nil, bobNext),
			wantErr: invalidMarker},
		{name: "another account's marker, implicit caller", seed: seed, as: asKey(bobKey.ID),
			call: listFrom(asKey(otherBobKey.ID), (*iam.Client).ListSigningCertificates, iam.ListSigningCertificatesInput{MaxItems: one}, nil, nil,
				iam.ListSigningCertificatesInput{MaxItems: one}),
			wantErr: invalidMarker},
		{name: "the root's marker for a user of the name RootUserName gives the root",
			seed: []fakeiam.Option{fakeiam.RootUserName("Bob"), fakeiam.User("Bob").SigningCertificate(certs(1, 3)...), fakeiam.Root().SigningCertificate(certs(3, 5)...)},
			call: listThen((*iam.Client).ListSigningCertificates, iam.ListSigningCertificatesInput{MaxItems: one}, nil, nil, bobNext), wantErr: invalidMarker},
		{name: "a user's marker for the root when RootUserName is that user's name",
			seed: []fakeiam.Option{fakeiam.RootUserName("Bob"), fakeiam.User("Bob").SigningCertificate(certs(1, 3)...), fakeiam.Root().SigningCertificate(certs(3, 5)...)},
			call: listThen((*iam.Client).ListSigningCertificates, bobFirst, nil, nil, iam.ListSigningCertificatesInput{MaxItems: one}), wantErr: invalidMarker},
		{name: "a marker from a fake with another state", seed: seed,
			call: listFrom(func(*run) *iam.Client {
				return newFake(fakeiam.WithSeed(7), fakeiam.User("Bob").SigningCertificate(certs(1, 3)...)).Client()
			}, (*iam.Client).ListSigningCertificates, bobFirst, nil, nil, bobNext), wantErr: invalidMarker},
	})
}

// TestMarkersRejectEverySingleCharacterChange flips every character of real
// markers (ids of several lengths, so base64 has 0, 2 and 4 padding bits)
// and requires each to be refused.
func TestMarkersRejectEverySingleCharacterChange(t *testing.T) {
	for _, idLen := range []int{24, 28, 32, 128} {
		t.Run(fmt.Sprint("id length ", idLen), func(t *testing.T) {
			id := func(i int) string { return fmt.Sprintf("%0*d", idLen, i) }
			f := newFake(fakeiam.User("Bob").SigningCertificate(
				fakeiam.SigningCertificate{ID: id(1), Body: "b1", UploadDate: t0},
				fakeiam.SigningCertificate{ID: id(2), Body: "b2", UploadDate: t0}))
			c := f.Client()
			ctx := context.Background()
			out, err := c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: aws.String("Bob"), MaxItems: aws.Int32(1)})
			if err != nil || out.Marker == nil {
				t.Fatalf("first page: %v, %+v", err, out)
			}
			m := *out.Marker
			checkMarkerShape(t, m)
			next, err := c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: aws.String("Bob"), Marker: &m})
			if err != nil {
				t.Fatalf("real marker refused: %v", err)
			}
			if diff := cmp.Diff([]string{id(2)}, certificateIDs(next.Certificates)); diff != "" {
				t.Errorf("real marker continues wrongly (-want +got):\n%s", diff)
			}
			for i := range m {
				tampered := flipChar(m, i)
				_, err := c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: aws.String("Bob"), Marker: &tampered})
				if got := apiErrorMessage(err); got != "Invalid Marker." {
					t.Errorf("marker with character %d changed (%q): got %v, want Invalid Marker.", i, tampered, err)
				}
			}
		})
	}
}

func TestListSigningCertificatesAccounts(t *testing.T) {
	seed := []fakeiam.Option{
		fakeiam.User("Bob").AccessKey(bobKey).SigningCertificate(cert(1)),
		fakeiam.User("Alice").SigningCertificate(cert(2)),
		fakeiam.Root().SigningCertificate(cert(3)),
		fakeiam.Account(otherAccount,
			fakeiam.Root().AccessKey(otherRootKey).SigningCertificate(cert(13)),
			fakeiam.User("Bob").AccessKey(otherBobKey).SigningCertificate(cert(11))),
	}
	runScenarios(t, nil, []scenario{
		{name: "default account root sees its Bob", seed: seed, call: listSigningCertificates(aws.String("Bob"), nil, nil), want: certificatesPage(listedCertificates("Bob", cert(1)))},
		{name: "other account's Bob, implicit", seed: seed, as: asKey(otherBobKey.ID), call: listSigningCertificates(nil, nil, nil), want: certificatesPage(listedCertificates("Bob", cert(11)))},
		{name: "other account's Bob, named", seed: seed, as: asKey(otherBobKey.ID), call: listSigningCertificates(aws.String("Bob"), nil, nil), want: certificatesPage(listedCertificates("Bob", cert(11)))},
		{name: "other account's root sees its own Bob", seed: seed, as: asKey(otherRootKey.ID), call: listSigningCertificates(aws.String("Bob"), nil, nil), want: certificatesPage(listedCertificates("Bob", cert(11)))},
		{name: "other account's root, implicit", seed: seed, as: asKey(otherRootKey.ID), call: listSigningCertificates(nil, nil, nil), want: certificatesPage(listedCertificates("<root_account>", cert(13)))},
		{name: "other account never sees the default account's users", seed: seed, as: asKey(otherRootKey.ID), call: listSigningCertificates(aws.String("Alice"), nil, nil),
			wantErr: noSuchUser("Alice")},
		{name: "default account never sees the other account's users", seed: []fakeiam.Option{fakeiam.Account(otherAccount, fakeiam.User("Carol"))},
			call: listSigningCertificates(aws.String("Carol"), nil, nil), wantErr: noSuchUser("Carol")},
		{name: "another account declared with Account", seed: []fakeiam.Option{fakeiam.Account(otherAccount, fakeiam.User("Bob").AccessKey(otherBobKey).SigningCertificate(cert(11)))},
			as: asKey(otherBobKey.ID), call: listSigningCertificates(nil, nil, nil), want: certificatesPage(listedCertificates("Bob", cert(11)))},
	})

	// Whose keys are whose: the call log names the account of each caller.
	f := newFake(seed...)
	ctx := context.Background()
	for _, c := range []*iam.Client{f.Client(), f.ClientWithAccessKey(otherRootKey.ID), f.User("Bob").Client(), f.ClientWithAccessKey(otherBobKey.ID)} {
		if _, err := c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{}); err != nil {
			t.Fatal(err)
		}
	}
	var got []fakeiam.Caller
	for _, c := range logged(t, f) {
		got = append(got, c.Caller)
	}
	want := []fakeiam.Caller{
		{Account: "123456789012", ARN: "arn:aws:iam::123456789012:root", AccessKeyID: mustKeys(t, f, "")[0]},
		{Account: otherAccount, ARN: "arn:aws:iam::210987654321:root", AccessKeyID: otherRootKey.ID},
		{Account: "123456789012", ARN: "arn:aws:iam::123456789012:user/Bob", AccessKeyID: bobKey.ID, UserName: "Bob"},
		{Account: otherAccount, ARN: "arn:aws:iam::210987654321:user/Bob", AccessKeyID: otherBobKey.ID, UserName: "Bob"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("callers (-want +got):\n%s", diff)
	}
}

// TestListSigningCertificatesMoto pins each place docs/contract.md says moto gets
// ListSigningCertificates wrong. (moto answers MaxItems=abc with an HTML
// 500; in Go MaxItems is an *int32, so that input cannot be built.)
func TestListSigningCertificatesMoto(t *testing.T) {
	bob := aws.String("Bob")
	seed := []fakeiam.Option{fakeiam.User("Bob").AccessKey(bobKey).SigningCertificate(certs(1, 3)...)}
	runScenarios(t, nil, []scenario{
		{name: "moto: MaxItems honored", seed: seed, call: listSigningCertificates(bob, nil, aws.Int32(1)), want: certificatesTruncated(listedCertificates("Bob", cert(1)))},
		{name: "moto: Marker honored", seed: seed,
			call: listThen((*iam.Client).ListSigningCertificates, iam.ListSigningCertificatesInput{UserName: bob, MaxItems: aws.Int32(1)}, nil, nil, iam.ListSigningCertificatesInput{UserName: bob}),
			want: certificatesPage(listedCertificates("Bob", cert(2)))},
		{name: "moto: IsTruncated present", seed: seed, call: listSigningCertificates(bob, nil, aws.Int32(1)), want: certificatesTruncated(listedCertificates("Bob", cert(1)))},
		{name: "moto: implicit caller resolved", seed: seed, as: asKey(bobKey.ID), call: listSigningCertificates(nil, nil, nil), want: certificatesPage(listedCertificates("Bob", certs(1, 3)...))},
		{name: "moto: constraints validated", seed: seed, call: listSigningCertificates(bob, nil, aws.Int32(0)),
			wantErr: failedConstraints("maxItems", minValue(1))},
	})
}

func TestListSigningCertificatesPaginator(t *testing.T) {
	for _, tc := range []struct {
		name      string
		seed      []fakeiam.Option
		maxItems  *int32
		wantPages []int // certificates per page
		want      []types.SigningCertificate
	}{
		{name: "MaxItems 1", seed: []fakeiam.Option{fakeiam.CertificatesPerUser(5), fakeiam.User("Bob").SigningCertificate(certs(1, 6)...)},
			maxItems: aws.Int32(1), wantPages: []int{1, 1, 1, 1, 1}, want: listedCertificates("Bob", certs(1, 6)...)},
		{name: "MaxItems 2 of 5", seed: []fakeiam.Option{fakeiam.CertificatesPerUser(5), fakeiam.User("Bob").SigningCertificate(certs(1, 6)...)},
			maxItems: aws.Int32(2), wantPages: []int{2, 2, 1}, want: listedCertificates("Bob", certs(1, 6)...)},
		{name: "default MaxItems of 150", seed: []fakeiam.Option{fakeiam.CertificatesPerUser(150), fakeiam.User("Bob").SigningCertificate(certs(0, 150)...)},
			wantPages: []int{100, 50}, want: listedCertificates("Bob", certs(0, 150)...)},
		{name: "empty", seed: []fakeiam.Option{fakeiam.User("Bob")}, maxItems: aws.Int32(1), wantPages: []int{0}, want: []types.SigningCertificate{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(tc.seed...)
			p := iam.NewListSigningCertificatesPaginator(f.Client(), &iam.ListSigningCertificatesInput{UserName: aws.String("Bob"), MaxItems: tc.maxItems})
			got := []types.SigningCertificate{}
			var pages []int
			for p.HasMorePages() {
				out, err := p.NextPage(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				checkListShape(t, out)
				pages = append(pages, len(out.Certificates))
				got = append(got, out.Certificates...)
				if len(pages) > 1000 {
					t.Fatal("paginator does not stop")
				}
			}
			if diff := cmp.Diff(tc.wantPages, pages); diff != "" {
				t.Errorf("page sizes (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.want, got, cmpopts.IgnoreUnexported(types.SigningCertificate{})); diff != "" {
				t.Errorf("certificates (-want +got):\n%s", diff)
			}
			// The paginator sent the previous page's marker each time.
			calls := logged(t, f, fakeiam.ListSigningCertificates)
			if len(calls) != len(tc.wantPages) {
				t.Fatalf("%d calls, want %d", len(calls), len(tc.wantPages))
			}
			for i, c := range calls {
				in := c.Input.(*iam.ListSigningCertificatesInput)
				var want *string
				if i > 0 {
					want = calls[i-1].Output.(*iam.ListSigningCertificatesOutput).Marker
				}
				if diff := cmp.Diff(want, in.Marker); diff != "" {
					t.Errorf("call %d marker (-want +got):\n%s", i, diff)
				}
			}
		})
	}
}

func mustKeys(t *testing.T, f *fakeiam.Fake, user string) []string {
	t.Helper()
	p := f.Root()
	if user != "" {
		p = f.User(user)
	}
	keys, err := p.AccessKeys()
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(keys))
	for i, k := range keys {
		ids[i] = k.ID
	}
	return ids
}
