package main

// End-to-end for identity providers: the AWS CLI and boto3 create, get,
// list, update and delete OpenID Connect and SAML providers against the
// command, change an OIDC provider's thumbprints and client ids, tag,
// untag and list the tags of both kinds (the CLI's and botocore's
// paginators following Marker a page at a time), and meet IAM's refusals.
// The SAML metadata documents are fakeiam.SAMLMetadata's.

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

type (
	providerTag    struct{ Key, Value string }
	oidcCreatedOut struct {
		OpenIDConnectProviderArn string
		Tags                     []providerTag
	}
	oidcGotOut struct {
		Url                          string
		ClientIDList, ThumbprintList []string
		CreateDate                   string
		Tags                         []providerTag
	}
	oidcListOut struct {
		OpenIDConnectProviderList []struct{ Arn string }
	}
	providerTagsOut struct {
		Tags        []providerTag
		IsTruncated bool
	}
	samlGotOut struct {
		SAMLProviderUUID, SAMLMetadataDocument, CreateDate, ValidUntil, AssertionEncryptionMode string
		Tags                                                                                    []providerTag
		PrivateKeyList                                                                          []any
	}
	samlListOut struct {
		SAMLProviderList []struct{ Arn, ValidUntil, CreateDate string }
	}
)

const (
	e2eOIDCARN = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
	e2eSAMLARN = "arn:aws:iam::123456789012:saml-provider/okta"
)

var e2eThumbprints = [3]string{strings.Repeat("a", 40), strings.Repeat("b", 40), strings.Repeat("c", 40)}

// providerFiles writes the SAML metadata documents the workflows upload,
// and a seed holding an OIDC and a SAML provider.
func providerFiles(t *testing.T) string {
	return writeFiles(t, map[string]string{
		"okta.xml": fakeiam.SAMLMetadata("https://okta.example.com"), "okta2.xml": fakeiam.SAMLMetadata("https://okta2.example.com"),
		"bad.xml":   "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"/>" + strings.Repeat(" ", 1000),
		"seed.json": `{"oidcProviders": [{"url": "https://accounts.example.com"}], "samlProviders": [{"name": "adfs"}]}`,
	})
}

func TestAWSCLIProviders(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	dir := providerFiles(t)
	s := start(t, "-quiet", "-seed", filepath.Join(dir, "seed.json"))
	root := s.clientEnv(t, s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"])
	file := func(name string) string { return "file://" + filepath.Join(dir, name) }

	// OpenID Connect.
	var created oidcCreatedOut
	cli(t, aws, root, &created, "create-open-id-connect-provider", "--url", "https://token.actions.githubusercontent.com",
		"--client-id-list", "sts.amazonaws.com", "--thumbprint-list", e2eThumbprints[0], "--tags", "Key=team,Value=ci", "Key=env,Value=prod")
	if diff := gocmp.Diff(oidcCreatedOut{e2eOIDCARN, []providerTag{{"env", "prod"}, {"team", "ci"}}}, created); diff != "" {
		t.Errorf("create-open-id-connect-provider (-want +got):\n%s", diff)
	}
	cli(t, aws, root, nil, "update-open-id-connect-provider-thumbprint", "--open-id-connect-provider-arn", e2eOIDCARN,
		"--thumbprint-list", e2eThumbprints[1], e2eThumbprints[2])
	cli(t, aws, root, nil, "add-client-id-to-open-id-connect-provider", "--open-id-connect-provider-arn", e2eOIDCARN, "--client-id", "app")
	cli(t, aws, root, nil, "remove-client-id-from-open-id-connect-provider", "--open-id-connect-provider-arn", e2eOIDCARN, "--client-id", "sts.amazonaws.com")
	cli(t, aws, root, nil, "tag-open-id-connect-provider", "--open-id-connect-provider-arn", e2eOIDCARN, "--tags", "Key=env,Value=dev", "Key=Env,Value=x")
	cli(t, aws, root, nil, "untag-open-id-connect-provider", "--open-id-connect-provider-arn", e2eOIDCARN, "--tag-keys", "team")
	var got oidcGotOut
	cli(t, aws, root, &got, "get-open-id-connect-provider", "--open-id-connect-provider-arn", e2eOIDCARN)
	if got.CreateDate == "" {
		t.Errorf("get-open-id-connect-provider: no CreateDate")
	}
	got.CreateDate = ""
	if diff := gocmp.Diff(oidcGotOut{"token.actions.githubusercontent.com", []string{"app"}, e2eThumbprints[1:], "", []providerTag{{"Env", "x"}, {"env", "dev"}}}, got); diff != "" {
		t.Errorf("get-open-id-connect-provider (-want +got):\n%s", diff)
	}
	var tags providerTagsOut
	cli(t, aws, root, &tags, "list-open-id-connect-provider-tags", "--open-id-connect-provider-arn", e2eOIDCARN, "--page-size", "1")
	if diff := gocmp.Diff(providerTagsOut{Tags: []providerTag{{"Env", "x"}, {"env", "dev"}}}, tags); diff != "" {
		t.Errorf("list-open-id-connect-provider-tags, a page at a time (-want +got):\n%s", diff)
	}
	var list oidcListOut
	cli(t, aws, root, &list, "list-open-id-connect-providers")
	var arns []string
	for _, p := range list.OpenIDConnectProviderList {
		arns = append(arns, p.Arn)
	}
	if diff := gocmp.Diff([]string{"arn:aws:iam::123456789012:oidc-provider/accounts.example.com", e2eOIDCARN}, arns); diff != "" {
		t.Errorf("list-open-id-connect-providers (-want +got):\n%s", diff)
	}
	cli(t, aws, root, nil, "delete-open-id-connect-provider", "--open-id-connect-provider-arn", e2eOIDCARN)
	cliRefuses(t, aws, root, "An error occurred (NoSuchEntity) when calling the DeleteOpenIDConnectProvider operation: OpenId connect Provider "+e2eOIDCARN+" cannot be found.",
		"delete-open-id-connect-provider", "--open-id-connect-provider-arn", e2eOIDCARN)
	cliRefuses(t, aws, root, "An error occurred (ValidationError) when calling the CreateOpenIDConnectProvider operation: Invalid Open ID Connect Provider URL",
		"create-open-id-connect-provider", "--url", "example.org", "--thumbprint-list", e2eThumbprints[0])

	// SAML.
	var samlCreated struct{ SAMLProviderArn string }
	cli(t, aws, root, &samlCreated, "create-saml-provider", "--name", "okta", "--saml-metadata-document", file("okta.xml"))
	if samlCreated.SAMLProviderArn != e2eSAMLARN {
		t.Errorf("create-saml-provider: %q, want %q", samlCreated.SAMLProviderArn, e2eSAMLARN)
	}
	var updated struct{ SAMLProviderArn string }
	cli(t, aws, root, &updated, "update-saml-provider", "--saml-provider-arn", e2eSAMLARN, "--saml-metadata-document", file("okta2.xml"))
	cli(t, aws, root, nil, "tag-saml-provider", "--saml-provider-arn", e2eSAMLARN, "--tags", "Key=team,Value=sso", "Key=env,Value=prod")
	cli(t, aws, root, nil, "untag-saml-provider", "--saml-provider-arn", e2eSAMLARN, "--tag-keys", "team")
	var sg samlGotOut
	cli(t, aws, root, &sg, "get-saml-provider", "--saml-provider-arn", e2eSAMLARN)
	if updated.SAMLProviderArn != e2eSAMLARN || len(sg.SAMLProviderUUID) != 22 || sg.CreateDate == "" || sg.ValidUntil == "" {
		t.Errorf("update-saml-provider %q; get-saml-provider: uuid %q, created %q, valid until %q", updated.SAMLProviderArn, sg.SAMLProviderUUID, sg.CreateDate, sg.ValidUntil)
	}
	sg.SAMLProviderUUID, sg.CreateDate, sg.ValidUntil = "", "", ""
	if diff := gocmp.Diff(samlGotOut{SAMLMetadataDocument: fakeiam.SAMLMetadata("https://okta2.example.com"), AssertionEncryptionMode: "Allowed",
		Tags: []providerTag{{"env", "prod"}}, PrivateKeyList: []any{}}, sg); diff != "" {
		t.Errorf("get-saml-provider (-want +got):\n%s", diff)
	}
	var samlTags providerTagsOut
	cli(t, aws, root, &samlTags, "list-saml-provider-tags", "--saml-provider-arn", e2eSAMLARN, "--page-size", "1")
	if diff := gocmp.Diff(providerTagsOut{Tags: []providerTag{{"env", "prod"}}}, samlTags); diff != "" {
		t.Errorf("list-saml-provider-tags (-want +got):\n%s", diff)
	}
	var sl samlListOut
	cli(t, aws, root, &sl, "list-saml-providers")
	var samlARNs []string
	for _, p := range sl.SAMLProviderList {
		samlARNs = append(samlARNs, p.Arn)
	}
	if diff := gocmp.Diff([]string{"arn:aws:iam::123456789012:saml-provider/adfs", e2eSAMLARN}, samlARNs); diff != "" {
		t.Errorf("list-saml-providers (-want +got):\n%s", diff)
	}
	cliRefuses(t, aws, root, "An error occurred (InvalidInput) when calling the CreateSAMLProvider operation: Could not parse metadata",
		"create-saml-provider", "--name", "bad", "--saml-metadata-document", file("bad.xml"))
	cli(t, aws, root, nil, "delete-saml-provider", "--saml-provider-arn", e2eSAMLARN)
	cliRefuses(t, aws, root, "An error occurred (NoSuchEntity) when calling the GetSAMLProvider operation: Manifest not found for arn "+e2eSAMLARN,
		"get-saml-provider", "--saml-provider-arn", e2eSAMLARN)
}

// boto3ProvidersScript is the same workflow in boto3, listing tags with
// botocore's paginators a page at a time. It prints what it saw as JSON.
const boto3ProvidersScript = `
import json, sys
import boto3
from botocore.exceptions import ClientError

d = sys.argv[1]
read = lambda n: open(d + "/" + n).read()
iam = boto3.client("iam")
tp = ["a" * 40, "b" * 40, "c" * 40]
oidc = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
saml = "arn:aws:iam::123456789012:saml-provider/okta"

kv = lambda tags: [t["Key"] + "=" + t["Value"] for t in tags]
out = {}
c = iam.create_open_id_connect_provider(Url="https://token.actions.githubusercontent.com", ClientIDList=["sts.amazonaws.com"],
    ThumbprintList=[tp[0]], Tags=[{"Key": "team", "Value": "ci"}, {"Key": "env", "Value": "prod"}])
out["oidcCreated"] = [c["OpenIDConnectProviderArn"]] + kv(c["Tags"])
iam.update_open_id_connect_provider_thumbprint(OpenIDConnectProviderArn=oidc, ThumbprintList=tp[1:])
iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=oidc, ClientID="app")
iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=oidc, ClientID="app")
iam.remove_client_id_from_open_id_connect_provider(OpenIDConnectProviderArn=oidc, ClientID="sts.amazonaws.com")
iam.tag_open_id_connect_provider(OpenIDConnectProviderArn=oidc, Tags=[{"Key": "env", "Value": "dev"}, {"Key": "Env", "Value": "x"}])
iam.untag_open_id_connect_provider(OpenIDConnectProviderArn=oidc, TagKeys=["team"])
g = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=oidc)
out["oidcGot"] = [g["Url"]] + g["ClientIDList"] + g["ThumbprintList"] + kv(g["Tags"]) + [str(g["CreateDate"].tzinfo is not None)]
pages = iam.get_paginator("list_open_id_connect_provider_tags").paginate(OpenIDConnectProviderArn=oidc, PaginationConfig={"PageSize": 1})
out["oidcTagPages"] = [kv(p["Tags"]) for p in pages]
out["oidcList"] = [p["Arn"] for p in iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]]
iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=oidc)

s = iam.create_saml_provider(Name="okta", SAMLMetadataDocument=read("okta.xml"), Tags=[{"Key": "team", "Value": "sso"}])
out["samlCreated"] = [s["SAMLProviderArn"]] + kv(s["Tags"])
out["samlUpdated"] = [iam.update_saml_provider(SAMLProviderArn=saml, SAMLMetadataDocument=read("okta2.xml"))["SAMLProviderArn"]]
iam.tag_saml_provider(SAMLProviderArn=saml, Tags=[{"Key": "env", "Value": "prod"}])
iam.untag_saml_provider(SAMLProviderArn=saml, TagKeys=["team"])
g = iam.get_saml_provider(SAMLProviderArn=saml)
out["samlGot"] = [str(g["SAMLMetadataDocument"] == read("okta2.xml")), str(len(g["SAMLProviderUUID"])), g["AssertionEncryptionMode"],
    str(g["ValidUntil"] > g["CreateDate"])] + kv(g["Tags"])
pages = iam.get_paginator("list_saml_provider_tags").paginate(SAMLProviderArn=saml, PaginationConfig={"PageSize": 1})
out["samlTagPages"] = [kv(p["Tags"]) for p in pages]
out["samlList"] = [p["Arn"] for p in iam.list_saml_providers()["SAMLProviderList"]]
iam.delete_saml_provider(SAMLProviderArn=saml)
out["errors"] = {
    "EntityAlreadyExists": error(iam.create_open_id_connect_provider, Url="https://ACCOUNTS.example.com", ThumbprintList=[tp[0]]),
    "InvalidInput": error(iam.create_open_id_connect_provider, Url="https://x.example.com", ThumbprintList=[tp[0]] * 6),
    "NoSuchEntity": error(iam.get_open_id_connect_provider, OpenIDConnectProviderArn=oidc),
    "BadMetadata": error(iam.create_saml_provider, Name="bad", SAMLMetadataDocument=read("bad.xml")),
    "NoSuchSAML": error(iam.delete_saml_provider, SAMLProviderArn=saml),
}
print(json.dumps(out))
`

func TestBoto3Providers(t *testing.T) {
	t.Parallel()
	python := boto3Python(t)
	dir := providerFiles(t)
	s := start(t, "-quiet", "-seed", filepath.Join(dir, "seed.json"))
	var got map[string]json.RawMessage
	s.boto3Run(t, python, boto3ProvidersScript, &got, dir)
	gotLists := map[string][]string{}
	gotPages := map[string][][]string{}
	var gotErrors map[string]*boto3Error
	for k, v := range got {
		var err error
		switch k {
		case "oidcTagPages", "samlTagPages":
			var p [][]string
			err = json.Unmarshal(v, &p)
			gotPages[k] = p
		case "errors":
			err = json.Unmarshal(v, &gotErrors)
		default:
			var l []string
			err = json.Unmarshal(v, &l)
			gotLists[k] = l
		}
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
	}
	tp := e2eThumbprints
	wantLists := map[string][]string{
		"oidcCreated": {e2eOIDCARN, "env=prod", "team=ci"},
		"oidcGot":     {"token.actions.githubusercontent.com", "app", tp[1], tp[2], "Env=x", "env=dev", "True"},
		"oidcList":    {"arn:aws:iam::123456789012:oidc-provider/accounts.example.com", e2eOIDCARN},
		"samlCreated": {e2eSAMLARN, "team=sso"},
		"samlUpdated": {e2eSAMLARN},
		"samlGot":     {"True", "22", "Allowed", "True", "env=prod"},
		"samlList":    {"arn:aws:iam::123456789012:saml-provider/adfs", e2eSAMLARN},
	}
	wantPages := map[string][][]string{"oidcTagPages": {{"Env=x"}, {"env=dev"}}, "samlTagPages": {{"env=prod"}}}
	wantErrors := map[string]*boto3Error{
		"EntityAlreadyExists": {Code: "EntityAlreadyExists", Status: 409, Message: "Provider with url https://ACCOUNTS.example.com already exists."},
		"InvalidInput":        {Code: "InvalidInput", Status: 400, Message: "Thumbprint list must contain fewer than 5 entries."},
		"NoSuchEntity":        {Code: "NoSuchEntity", Status: 404, Message: "OpenIDConnect Provider not found for arn " + e2eOIDCARN},
		"BadMetadata":         {Code: "InvalidInput", Status: 400, Message: "Could not parse metadata"},
		"NoSuchSAML":          {Code: "NoSuchEntity", Status: 404, Message: "Manifest not found for arn " + e2eSAMLARN},
	}
	if diff := gocmp.Diff(wantLists, gotLists); diff != "" {
		t.Errorf("the boto3 workflow (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff(wantPages, gotPages); diff != "" {
		t.Errorf("the boto3 workflow's tag pages (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff(wantErrors, gotErrors); diff != "" {
		t.Errorf("the boto3 workflow's refusals (-want +got):\n%s", diff)
	}
}
