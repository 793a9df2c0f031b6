package main

// End-to-end for server certificates: the AWS CLI and boto3 upload (with
// a chain, a path and tags), get, list (the CLI's and botocore's
// paginators following Marker a page at a time), rename and move, tag,
// untag, list the tags of and delete them against the command, and meet
// IAM's refusals (the CLI a few, boto3 its own; the Go scenarios every
// one). The certificates are fakeiam.ServerCertificatePEM's.

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

type (
	scMetaOut struct {
		Path, ServerCertificateName, ServerCertificateId, Arn, UploadDate, Expiration string
	}
	scTag      struct{ Key, Value string }
	scUploaded struct {
		ServerCertificateMetadata scMetaOut
		Tags                      []scTag
	}
	scGot struct {
		ServerCertificate map[string]json.RawMessage
	}
	scListOut struct {
		ServerCertificateMetadataList []scMetaOut
		IsTruncated                   bool
	}
	scTagsOut struct {
		Tags        []scTag
		IsTruncated bool
	}
)

var scIDShape = regexp.MustCompile(`^ASCA[A-Z2-7]{17}$`)

// scFiles writes the PEM files the workflows upload: web's certificate,
// key and chain, and another certificate's key.
func scFiles(t *testing.T) (dir, body, chain string) {
	body, key, chain := fakeiam.ServerCertificatePEM("web")
	_, otherKey, _ := fakeiam.ServerCertificatePEM("other")
	dir = writeFiles(t, map[string]string{"web.pem": body, "web.key": key, "chain.pem": chain, "other.key": otherKey,
		"seed.json": `{"serverCertificates": [{"name": "seeded-a"}, {"name": "seeded-b", "path": "/cloudfront/"}]}`})
	return dir, body, chain
}

func TestAWSCLIServerCertificates(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	dir, body, chain := scFiles(t)
	s := start(t, "-quiet", "-seed", filepath.Join(dir, "seed.json"))
	root := s.clientEnv(t, s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"])
	file := func(name string) string { return "file://" + filepath.Join(dir, name) }

	var up scUploaded
	cli(t, aws, root, &up, "upload-server-certificate", "--server-certificate-name", "web", "--path", "/cloudfront/test/",
		"--certificate-body", file("web.pem"), "--private-key", file("web.key"), "--certificate-chain", file("chain.pem"),
		"--tags", "Key=team,Value=edge", "Key=env,Value=prod")
	m := up.ServerCertificateMetadata
	if !scIDShape.MatchString(m.ServerCertificateId) || m.UploadDate == "" || !strings.HasPrefix(m.Expiration, "9999-12-31T23:59:59") {
		t.Errorf("upload-server-certificate: id %q, upload date %q, expiration %q", m.ServerCertificateId, m.UploadDate, m.Expiration)
	}
	wantMeta := scMetaOut{"/cloudfront/test/", "web", m.ServerCertificateId, "arn:aws:iam::123456789012:server-certificate/cloudfront/test/web", m.UploadDate, m.Expiration}
	if diff := gocmp.Diff(scUploaded{wantMeta, []scTag{{"env", "prod"}, {"team", "edge"}}}, up); diff != "" {
		t.Errorf("upload-server-certificate (-want +got):\n%s", diff)
	}

	var got scGot
	cli(t, aws, root, &got, "get-server-certificate", "--server-certificate-name", "web")
	var members []string
	for k := range got.ServerCertificate {
		members = append(members, k)
	}
	sort.Strings(members)
	if diff := gocmp.Diff([]string{"CertificateBody", "CertificateChain", "ServerCertificateMetadata", "Tags"}, members); diff != "" {
		t.Errorf("get-server-certificate's members, never the key (-want +got):\n%s", diff)
	}
	var gotBody, gotChain string
	json.Unmarshal(got.ServerCertificate["CertificateBody"], &gotBody)
	json.Unmarshal(got.ServerCertificate["CertificateChain"], &gotChain)
	if gotBody != body || gotChain != chain {
		t.Errorf("get-server-certificate: body %q, chain %q; want what was uploaded", gotBody, gotChain)
	}

	// The CLI's paginator, a certificate a page.
	var all, cloudfront scListOut
	cli(t, aws, root, &all, "list-server-certificates", "--page-size", "1")
	cli(t, aws, root, &cloudfront, "list-server-certificates", "--path-prefix", "/cloudfront/")
	names := func(l scListOut) (out []string) {
		for _, m := range l.ServerCertificateMetadataList {
			out = append(out, m.Path+m.ServerCertificateName)
		}
		return out
	}
	if diff := gocmp.Diff([][]string{{"/seeded-a", "/cloudfront/seeded-b", "/cloudfront/test/web"}, {"/cloudfront/seeded-b", "/cloudfront/test/web"}},
		[][]string{names(all), names(cloudfront)}); diff != "" {
		t.Errorf("list-server-certificates: all a page at a time, under /cloudfront/ (-want +got):\n%s", diff)
	}

	cli(t, aws, root, nil, "update-server-certificate", "--server-certificate-name", "web", "--new-server-certificate-name", "www", "--new-path", "/")
	cli(t, aws, root, nil, "tag-server-certificate", "--server-certificate-name", "www", "--tags", "Key=env,Value=dev", "Key=Env,Value=x")
	cli(t, aws, root, nil, "untag-server-certificate", "--server-certificate-name", "www", "--tag-keys", "team")
	var tags scTagsOut
	cli(t, aws, root, &tags, "list-server-certificate-tags", "--server-certificate-name", "www", "--page-size", "1")
	if diff := gocmp.Diff(scTagsOut{Tags: []scTag{{"Env", "x"}, {"env", "dev"}}}, tags); diff != "" {
		t.Errorf("list-server-certificate-tags (-want +got):\n%s", diff)
	}
	var renamed scGot
	cli(t, aws, root, &renamed, "get-server-certificate", "--server-certificate-name", "www")
	var rm scMetaOut
	json.Unmarshal(renamed.ServerCertificate["ServerCertificateMetadata"], &rm)
	if diff := gocmp.Diff(scMetaOut{"/", "www", m.ServerCertificateId, "arn:aws:iam::123456789012:server-certificate/www", m.UploadDate, m.Expiration}, rm); diff != "" {
		t.Errorf("renamed and moved (-want +got):\n%s", diff)
	}

	for _, tc := range []struct {
		name string
		args []string
		line string
	}{
		{"EntityAlreadyExists", []string{"upload-server-certificate", "--server-certificate-name", "WWW", "--certificate-body", file("web.pem"), "--private-key", file("web.key")},
			"An error occurred (EntityAlreadyExists) when calling the UploadServerCertificate operation: The Server Certificate with name WWW already exists."},
		{"KeyPairMismatch", []string{"upload-server-certificate", "--server-certificate-name", "x", "--certificate-body", file("web.pem"), "--private-key", file("other.key")},
			"An error occurred (KeyPairMismatch) when calling the UploadServerCertificate operation: The public key certificate and the private key do not match."},
		{"NoSuchEntity", []string{"get-server-certificate", "--server-certificate-name", "web"},
			"An error occurred (NoSuchEntity) when calling the GetServerCertificate operation: The Server Certificate with name web cannot be found."},
	} {
		t.Run(tc.name, func(t *testing.T) { cliRefuses(t, aws, root, tc.line, tc.args...) })
	}
	cli(t, aws, root, nil, "delete-server-certificate", "--server-certificate-name", "www")
	cliRefuses(t, aws, root, "An error occurred (NoSuchEntity) when calling the DeleteServerCertificate operation: The Server Certificate with name www cannot be found.",
		"delete-server-certificate", "--server-certificate-name", "www")
}

// boto3SCScript is the same workflow in boto3, listing with botocore's
// paginators a page at a time. It prints what it saw as JSON.
const boto3SCScript = `
import json, sys
import boto3
from botocore.exceptions import ClientError

d = sys.argv[1]
read = lambda n: open(d + "/" + n).read()
iam = boto3.client("iam")

def meta(m):
    return [m["Path"], m["ServerCertificateName"], m["ServerCertificateId"], m["Arn"], m["Expiration"].isoformat()]

out = {}
up = iam.upload_server_certificate(ServerCertificateName="web", Path="/cloudfront/test/", CertificateBody=read("web.pem"),
    PrivateKey=read("web.key"), CertificateChain=read("chain.pem"), Tags=[{"Key": "team", "Value": "edge"}, {"Key": "env", "Value": "prod"}])
out["uploaded"] = meta(up["ServerCertificateMetadata"]) + [t["Key"] + "=" + t["Value"] for t in up["Tags"]]
sc = iam.get_server_certificate(ServerCertificateName="web")["ServerCertificate"]
out["members"] = sorted(sc.keys())
out["same"] = [sc["CertificateBody"] == read("web.pem"), sc["CertificateChain"] == read("chain.pem")]
pages = iam.get_paginator("list_server_certificates").paginate(PaginationConfig={"PageSize": 1})
out["pages"] = [[m["Path"] + m["ServerCertificateName"] for m in p["ServerCertificateMetadataList"]] for p in pages]
iam.update_server_certificate(ServerCertificateName="web", NewServerCertificateName="www", NewPath="/")
iam.tag_server_certificate(ServerCertificateName="www", Tags=[{"Key": "env", "Value": "dev"}, {"Key": "Env", "Value": "x"}])
iam.untag_server_certificate(ServerCertificateName="www", TagKeys=["team"])
tags = iam.get_paginator("list_server_certificate_tags").paginate(ServerCertificateName="www", PaginationConfig={"PageSize": 1})
out["tagPages"] = [[t["Key"] + "=" + t["Value"] for t in p["Tags"]] for p in tags]
out["renamed"] = meta(iam.get_server_certificate(ServerCertificateName="www")["ServerCertificate"]["ServerCertificateMetadata"])
out["errors"] = {
    "EntityAlreadyExists": error(iam.upload_server_certificate, ServerCertificateName="WWW", CertificateBody=read("web.pem"), PrivateKey=read("web.key")),
    "KeyPairMismatch": error(iam.upload_server_certificate, ServerCertificateName="x", CertificateBody=read("web.pem"), PrivateKey=read("other.key")),
    "MalformedCertificate": error(iam.upload_server_certificate, ServerCertificateName="x", CertificateBody="x", PrivateKey=read("web.key")),
    "NoSuchEntity": error(iam.get_server_certificate, ServerCertificateName="web"),
}
iam.delete_server_certificate(ServerCertificateName="www")
out["afterDelete"] = [m["ServerCertificateName"] for m in iam.list_server_certificates()["ServerCertificateMetadataList"]]
print(json.dumps(out))
`

func TestBoto3ServerCertificates(t *testing.T) {
	t.Parallel()
	python := boto3Python(t)
	dir, _, _ := scFiles(t)
	s := start(t, "-quiet", "-seed", filepath.Join(dir, "seed.json"))
	var got struct {
		Uploaded, Members, Renamed, AfterDelete []string
		Same                                    []bool
		Pages, TagPages                         [][]string
		Errors                                  map[string]*boto3Error
	}
	s.boto3Run(t, python, boto3SCScript, &got, dir)
	if len(got.Uploaded) < 3 || !scIDShape.MatchString(got.Uploaded[2]) {
		t.Fatalf("upload_server_certificate: %v", got.Uploaded)
	}
	id := got.Uploaded[2]
	want := map[string]any{
		"uploaded":    []string{"/cloudfront/test/", "web", id, "arn:aws:iam::123456789012:server-certificate/cloudfront/test/web", "9999-12-31T23:59:59+00:00", "env=prod", "team=edge"},
		"members":     []string{"CertificateBody", "CertificateChain", "ServerCertificateMetadata", "Tags"},
		"same":        []bool{true, true},
		"pages":       [][]string{{"/seeded-a"}, {"/cloudfront/seeded-b"}, {"/cloudfront/test/web"}},
		"tagPages":    [][]string{{"Env=x"}, {"env=dev"}},
		"renamed":     []string{"/", "www", id, "arn:aws:iam::123456789012:server-certificate/www", "9999-12-31T23:59:59+00:00"},
		"afterDelete": []string{"seeded-a", "seeded-b"},
		"errors": map[string]*boto3Error{
			"EntityAlreadyExists":  {Code: "EntityAlreadyExists", Status: 409, Message: "The Server Certificate with name WWW already exists."},
			"KeyPairMismatch":      {Code: "KeyPairMismatch", Status: 400, Message: "The public key certificate and the private key do not match."},
			"MalformedCertificate": {Code: "MalformedCertificate", Status: 400, Message: "Unable to parse certificate. Please ensure the certificate is in PEM format."},
			"NoSuchEntity":         {Code: "NoSuchEntity", Status: 404, Message: "The Server Certificate with name web cannot be found."},
		},
	}
	gotMap := map[string]any{"uploaded": got.Uploaded, "members": got.Members, "same": got.Same, "pages": got.Pages, "tagPages": got.TagPages,
		"renamed": got.Renamed, "afterDelete": got.AfterDelete, "errors": got.Errors}
	if diff := gocmp.Diff(want, gotMap); diff != "" {
		t.Errorf("the boto3 workflow (-want +got):\n%s", diff)
	}
}
