package fakeiam_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

var (
	docDate = time.Date(2013, 6, 6, 21, 40, 8, 0, time.UTC)
	docBody = "-----BEGIN CERTIFICATE-----<certificate-body>-----END CERTIFICATE-----"
	docID   = "TA7SMP42TDN5Z26OBPJE7EXAMPLE"
)

func bobWithDocCert() fakeiam.Option {
	return fakeiam.User("Bob").SigningCertificate(fakeiam.Certificate{ID: docID, Body: docBody, UploadDate: docDate})
}

func TestListSigningCertificatesSpec(t *testing.T) {
	for _, tc := range []scenario{
		{
			name: "documented example",
			seed: []fakeiam.Option{bobWithDocCert()},
			call: listCall(&iam.ListSigningCertificatesInput{UserName: aws.String("Bob")}),
			want: &iam.ListSigningCertificatesOutput{Certificates: []types.SigningCertificate{
				sc("Bob", docID, docBody, types.StatusTypeActive, docDate),
			}},
		},
		{
			name:    "no such user",
			seed:    []fakeiam.Option{bobWithDocCert()},
			call:    listCall(&iam.ListSigningCertificatesInput{UserName: aws.String("Alice")}),
			wantErr: &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "The user with name Alice cannot be found."},
		},
		{
			name:    "two validation errors",
			call:    listCall(&iam.ListSigningCertificatesInput{UserName: aws.String("bad name"), MaxItems: aws.Int32(1001)}),
			wantErr: &fakeiam.Error{Code: "ValidationError", Status: 400, Message: `2 validation errors detected: Value at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+; Value at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) { runScenario(t, tc) })
	}
}
