package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// A user's service-specific credentials in the seed file, and the
// account's quota setting.
func TestSeedServiceCredentials(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"seed.json": `{"serviceCredentialsPerService": 3, "users": [{"name": "Bob", "serviceCredentials": [
  {"id": "ACCABOBGIT00000000001", "service": "codecommit.amazonaws.com", "status": "Inactive", "createDate": "2020-02-03T04:05:06Z"},
  {"service": "codecommit.amazonaws.com"}, {"service": "codecommit.amazonaws.com"},
  {"service": "bedrock.amazonaws.com", "expirationDate": "2030-01-01T00:00:00Z"}]}]}`,
	})
	opts, err := loadSeed(filepath.Join(dir, "seed.json"))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f, err := fakeiam.New(append(opts, fakeiam.WithFixedTime(now))...)
	if err != nil {
		t.Fatal(err)
	}
	list, err := f.Client().ListServiceSpecificCredentials(context.Background(), &iam.ListServiceSpecificCredentialsInput{UserName: aws.String("Bob")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range list.ServiceSpecificCredentials {
		name := aws.ToString(c.ServiceUserName) + aws.ToString(c.ServiceCredentialAlias)
		exp := ""
		if c.ExpirationDate != nil {
			exp = c.ExpirationDate.Format(time.RFC3339)
		}
		got = append(got, *c.ServiceName+" "+name+" "+string(c.Status)+" "+c.CreateDate.Format(time.RFC3339)+" "+exp)
	}
	want := []string{
		"codecommit.amazonaws.com Bob-at-123456789012 Inactive 2020-02-03T04:05:06Z ",
		"codecommit.amazonaws.com Bob+1-at-123456789012 Active 2026-01-01T00:00:00Z ",
		"codecommit.amazonaws.com Bob+2-at-123456789012 Active 2026-01-01T00:00:00Z ",
		"bedrock.amazonaws.com Bob-at-123456789012 Active 2026-01-01T00:00:00Z 2030-01-01T00:00:00Z",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("seeded credentials (-want +got):\n%s", diff)
	}
}

// Every problem of a seed's service-specific credentials is named once,
// with its place.
func TestSeedServiceCredentialProblems(t *testing.T) {
	dir := writeFiles(t, map[string]string{"seed.json": `{"users": [
  {"name": "Bob", "serviceCredentials": [{}, {"service": "codecommit.amazonaws.com", "status": "Expired"},
    {"service": "codecommit.amazonaws.com", "createDate": "today"}, {"service": "s3.amazonaws.com"}]}]}`})
	want := []string{
		`users[0].serviceCredentials[1].status: "Expired" is not Active or Inactive`,
		`users[0].serviceCredentials[2].createDate: "today" is not an RFC 3339 time such as 2013-06-06T21:40:08Z`,
		`users[0]: user "Bob": service-specific credential 1: service "": IAM makes them for codecommit.amazonaws.com, cassandra.amazonaws.com, bedrock.amazonaws.com, logs.amazonaws.com`,
		`users[0]: user "Bob": service-specific credential 4: service "s3.amazonaws.com": IAM makes them for codecommit.amazonaws.com, cassandra.amazonaws.com, bedrock.amazonaws.com, logs.amazonaws.com`,
	}
	if diff := cmp.Diff(want, seedProblems(t, dir)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
