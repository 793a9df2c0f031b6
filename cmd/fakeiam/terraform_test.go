package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	gocmp "github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// The terraform end-to-end test: terraform with the hashicorp/aws provider
// from an offline filesystem mirror (no network: the CLI configuration
// installs the provider from the mirror only and disables the checkpoint
// call), against cmd/fakeiam, with the provider's default STS lookup on (it
// calls sts:GetCallerIdentity to validate the credentials and learn the
// account). It skips, saying why, where terraform or the mirror is absent.

// tfProvider is the provider the test pins: the version the mirror holds.
const tfProvider = "5.100.0"

// tfMirrors are where a filesystem mirror holding
// registry.terraform.io/hashicorp/aws is looked for, after
// $FAKEIAM_TERRAFORM_MIRROR: the image's directory and terraform's own
// implied local mirror directories.
func tfMirrors() []string {
	dirs := []string{os.Getenv("FAKEIAM_TERRAFORM_MIRROR"), "/opt/tf-plugins"}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".terraform.d", "plugins"), filepath.Join(home, ".local", "share", "terraform", "plugins"))
	}
	return append(dirs, "/usr/local/share/terraform/plugins", "/usr/share/terraform/plugins")
}

// tfMirror is the first mirror holding the pinned provider, or "".
func tfMirror() string {
	for _, dir := range tfMirrors() {
		if dir == "" {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, "registry.terraform.io", "hashicorp", "aws", tfProvider)); err == nil {
			return dir
		}
	}
	return ""
}

// tfConfig is the user's configuration: a user who holds one of each
// thing issue 16 names for terraform (an access key, a signing
// certificate, an SSH public key, a login profile, a group membership),
// with force_destroy set so that terraform destroy removes what the user
// holds. The variables are what the update step changes.
const tfConfig = `terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "` + tfProvider + `" }
  }
}

variable "endpoint" { type = string }
variable "status" {
  type    = string
  default = "Active"
}
variable "team" {
  type    = string
  default = "build"
}

provider "aws" {
  region                  = "us-east-1"
  skip_metadata_api_check = true
  # The default STS lookup stays on: no skip_credentials_validation, no
  # skip_requesting_account_id. STS is served on the same listener.
  endpoints {
    iam = var.endpoint
    sts = var.endpoint
  }
}

resource "aws_iam_user" "deployer" {
  name          = "deployer"
  path          = "/ci/"
  force_destroy = true
  tags          = { team = var.team }
}

resource "aws_iam_access_key" "deployer" {
  user   = aws_iam_user.deployer.name
  status = var.status
}

resource "aws_iam_signing_certificate" "deployer" {
  user_name        = aws_iam_user.deployer.name
  certificate_body = file("${path.module}/deployer.pem")
  status           = var.status
}

resource "aws_iam_user_ssh_key" "deployer" {
  username   = aws_iam_user.deployer.name
  encoding   = "SSH"
  public_key = file("${path.module}/deployer.pub")
  status     = var.status
}

resource "aws_iam_user_login_profile" "deployer" {
  user                    = aws_iam_user.deployer.name
  password_length         = 24
  password_reset_required = false
}

resource "aws_iam_group" "builders" {
  name = "builders"
  path = "/ci/"
}

resource "aws_iam_user_group_membership" "deployer" {
  user   = aws_iam_user.deployer.name
  groups = [aws_iam_group.builders.name]
}
`

func TestTerraform(t *testing.T) {
	t.Parallel()
	s, tf := tfWorkspace(t, map[string]string{
		"main.tf":      tfConfig,
		"deployer.pem": fakeiam.CertificatePEM("terraform deployer"),
		"deployer.pub": sshTestKey(t, "a.pub"),
	})
	tf.apply()
	if calls := s.calls(t, "GetCallerIdentity"); len(calls) == 0 || calls[0].Error != nil {
		t.Errorf("the provider's STS lookup: %+v; want GetCallerIdentity answered", calls)
	}
	// What terraform made is in the fake, as IAM would hold it.
	if diff := gocmp.Diff(tfHolding{Path: "/ci/", Team: "build", Key: "Active", Cert: "Active", SSHKey: "Active", LoginProfile: true, Groups: []string{"builders"}}, tfHeld(t, s)); diff != "" {
		t.Errorf("what the deployer holds after apply (-want +got):\n%s", diff)
	}
	// No drift: the provider reads back what it wrote.
	tf.noDrift()

	// An update in place: every credential made Inactive, the user's tag
	// changed.
	update := []string{"-var", "status=Inactive", "-var", "team=release"}
	tf.apply(update...)
	if diff := gocmp.Diff(tfHolding{Path: "/ci/", Team: "release", Key: "Inactive", Cert: "Inactive", SSHKey: "Inactive", LoginProfile: true, Groups: []string{"builders"}}, tfHeld(t, s)); diff != "" {
		t.Errorf("what the deployer holds after the update (-want +got):\n%s", diff)
	}
	tf.noDrift(update...)

	// terraform destroy: with force_destroy the provider removes whatever
	// the user still holds (its offboarding list), then the user.
	tf.destroy(update...)
	ctx := context.Background()
	var noUser *types.NoSuchEntityException
	if _, err := s.client().GetUser(ctx, &iam.GetUserInput{UserName: aws.String("deployer")}); !errors.As(err, &noUser) {
		t.Errorf("GetUser deployer after destroy: %v; want NoSuchEntity", err)
	}
	var noGroup *types.NoSuchEntityException
	if _, err := s.client().GetGroup(ctx, &iam.GetGroupInput{GroupName: aws.String("builders")}); !errors.As(err, &noGroup) {
		t.Errorf("GetGroup builders after destroy: %v; want NoSuchEntity", err)
	}
	// Each was done once; force_destroy asks again for what the resources
	// already removed (DeleteLoginProfile: NoSuchEntity, which it expects).
	for _, op := range []string{"DeleteUser", "DeleteGroup", "DeleteLoginProfile", "DeleteSSHPublicKey", "DeleteSigningCertificate", "DeleteAccessKey", "RemoveUserFromGroup"} {
		calls := s.calls(t, op)
		if !slices.ContainsFunc(calls, func(c loggedCall) bool { return c.Error == nil }) {
			t.Errorf("terraform destroy's %s: %+v; want one answered", op, calls)
		}
	}
}

// tfHolding is what the deployer holds, as the fake's IAM answers it.
type tfHolding struct {
	Path, Team        string
	Key, Cert, SSHKey string // each one's status; "" when it has none
	LoginProfile      bool
	Groups            []string
}

// tfHeld reads what the deployer holds through the fake's IAM.
func tfHeld(t *testing.T, s *server) tfHolding {
	t.Helper()
	ctx, c, name := context.Background(), s.client(), aws.String("deployer")
	var h tfHolding
	user, err := c.GetUser(ctx, &iam.GetUserInput{UserName: name})
	if err != nil {
		t.Fatalf("GetUser deployer: %v", err)
	}
	h.Path = aws.ToString(user.User.Path)
	for _, tag := range user.User.Tags {
		if aws.ToString(tag.Key) == "team" {
			h.Team = aws.ToString(tag.Value)
		}
	}
	keys, err := c.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: name})
	if err != nil || len(keys.AccessKeyMetadata) > 1 {
		t.Fatalf("ListAccessKeys deployer: %+v, %v", keys, err)
	}
	for _, k := range keys.AccessKeyMetadata {
		h.Key = string(k.Status)
	}
	certs, err := c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: name})
	if err != nil || len(certs.Certificates) > 1 {
		t.Fatalf("ListSigningCertificates deployer: %+v, %v", certs, err)
	}
	for _, cert := range certs.Certificates {
		h.Cert = string(cert.Status)
	}
	sshKeys, err := c.ListSSHPublicKeys(ctx, &iam.ListSSHPublicKeysInput{UserName: name})
	if err != nil || len(sshKeys.SSHPublicKeys) > 1 {
		t.Fatalf("ListSSHPublicKeys deployer: %+v, %v", sshKeys, err)
	}
	for _, k := range sshKeys.SSHPublicKeys {
		h.SSHKey = string(k.Status)
	}
	_, err = c.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: name})
	h.LoginProfile = err == nil
	groups, err := c.ListGroupsForUser(ctx, &iam.ListGroupsForUserInput{UserName: name})
	if err != nil {
		t.Fatalf("ListGroupsForUser deployer: %v", err)
	}
	for _, g := range groups.Groups {
		h.Groups = append(h.Groups, aws.ToString(g.GroupName))
	}
	return h
}

// tfOIDCConfig is an OpenID Connect provider for CI federation, the
// resource terraform users most often write for it; the variables are
// what the update step changes (a thumbprint and a client id).
const tfOIDCConfig = `terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "` + tfProvider + `" }
  }
}

variable "endpoint" { type = string }
variable "thumbprint" {
  type    = string
  default = "` + tfThumbprintA + `"
}
variable "client_id" {
  type    = string
  default = "sts.amazonaws.com"
}

provider "aws" {
  region                  = "us-east-1"
  skip_metadata_api_check = true
  endpoints {
    iam = var.endpoint
    sts = var.endpoint
  }
}

resource "aws_iam_openid_connect_provider" "ci" {
  url             = "https://token.actions.githubusercontent.com"
  client_id_list  = [var.client_id, "ci-tools"]
  thumbprint_list = [var.thumbprint]
  tags            = { team = "ci" }
}

# Set with SetSecurityTokenServicePreferences, read back from
# GetAccountSummary's GlobalEndpointTokenVersion ("v%dToken").
resource "aws_iam_security_token_service_preferences" "sts" {
  global_endpoint_token_version = "v2Token"
}
`

const (
	tfThumbprintA = "6938fd4d98bab03faadb97b34396831e3780aea1"
	tfThumbprintB = "1c58a3a8518e8759bf075b76b750d4f2df264fcd"
	tfOIDCARN     = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
)

// tfWorkspace starts the command and writes a terraform working directory
// holding files and a CLI configuration that installs the provider from
// the offline mirror only; it returns a way to run terraform there. It
// skips, saying why, where terraform or the mirror is absent.
func tfWorkspace(t *testing.T, files map[string]string) (*server, *tfDir) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: skipping the terraform end-to-end test (it starts the provider several times)")
	}
	tf, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("terraform is not on PATH: skipping its end-to-end test")
	}
	mirror := tfMirror()
	if mirror == "" {
		t.Skipf("no filesystem mirror holds registry.terraform.io/hashicorp/aws/%s (looked in %s; set FAKEIAM_TERRAFORM_MIRROR): skipping the terraform end-to-end test",
			tfProvider, strings.Join(tfMirrors()[1:], ", "))
	}
	s := start(t, "-quiet")
	dir := t.TempDir()
	files["cli.tfrc"] = `disable_checkpoint = true
provider_installation {
  filesystem_mirror {
    path    = ` + strconv.Quote(mirror) + `
    include = ["registry.terraform.io/hashicorp/aws"]
  }
}
`
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	env := append(s.clientEnv(t, s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"]),
		"TF_CLI_CONFIG_FILE="+filepath.Join(dir, "cli.tfrc"), "TF_IN_AUTOMATION=1", "TF_VAR_endpoint="+s.url, "CHECKPOINT_DISABLE=1")
	d := &tfDir{t: t, run: func(args ...string) (string, int) {
		t.Helper()
		stdout, stderr, code := command(t, env, tf, append([]string{"-chdir=" + dir}, args...)...)
		return stdout + stderr, code
	}}
	d.must("init", "-input=false", "-no-color")
	return s, d
}

// tfDir runs terraform in a working directory of tfWorkspace.
type tfDir struct {
	t   *testing.T
	run func(args ...string) (string, int)
}

// must runs terraform and fails the test now if it does not exit 0.
func (d *tfDir) must(args ...string) {
	d.t.Helper()
	if out, code := d.run(args...); code != 0 {
		d.t.Fatalf("terraform %s: exit %d\n%s", strings.Join(args, " "), code, out)
	}
}

// apply and destroy run those commands with the variables given.
func (d *tfDir) apply(vars ...string) {
	d.t.Helper()
	d.must(append([]string{"apply", "-auto-approve", "-input=false", "-no-color"}, vars...)...)
}

func (d *tfDir) destroy(vars ...string) {
	d.t.Helper()
	d.must(append([]string{"destroy", "-auto-approve", "-input=false", "-no-color"}, vars...)...)
}

// noDrift plans with the variables given and fails unless terraform sees
// nothing to change: the provider read back what it wrote.
func (d *tfDir) noDrift(vars ...string) {
	d.t.Helper()
	if out, code := d.run(append([]string{"plan", "-detailed-exitcode", "-input=false", "-no-color"}, vars...)...); code != 0 {
		d.t.Errorf("terraform plan -detailed-exitcode %s: exit %d, want 0 (no changes)\n%s", strings.Join(vars, " "), code, out)
	}
}

// TestTerraformOIDCProvider: terraform applies an
// aws_iam_openid_connect_provider (URL, client ids, a thumbprint, tags),
// plans with no drift, updates a thumbprint and a client id in place
// (the calls the provider makes for them answered), and destroys it.
func TestTerraformOIDCProvider(t *testing.T) {
	t.Parallel()
	s, tf := tfWorkspace(t, map[string]string{"main.tf": tfOIDCConfig})
	ctx := context.Background()
	type provider struct {
		URL                    string
		ClientIDs, Thumbprints []string // client ids sorted: terraform's is a set
		Tags                   map[string]string
	}
	held := func() provider {
		t.Helper()
		out, err := s.client().GetOpenIDConnectProvider(ctx, &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(tfOIDCARN)})
		if err != nil {
			t.Fatalf("GetOpenIDConnectProvider: %v", err)
		}
		p := provider{URL: aws.ToString(out.Url), ClientIDs: slices.Sorted(slices.Values(out.ClientIDList)), Thumbprints: out.ThumbprintList, Tags: map[string]string{}}
		for _, tag := range out.Tags {
			p.Tags[aws.ToString(tag.Key)] = aws.ToString(tag.Value)
		}
		return p
	}
	want := func(clientIDs []string, thumbprint string) provider {
		return provider{"token.actions.githubusercontent.com", clientIDs, []string{thumbprint}, map[string]string{"team": "ci"}}
	}

	tf.apply()
	if diff := gocmp.Diff(want([]string{"ci-tools", "sts.amazonaws.com"}, tfThumbprintA), held()); diff != "" {
		t.Errorf("the provider after apply (-want +got):\n%s", diff)
	}
	if sum, err := s.client().GetAccountSummary(ctx, &iam.GetAccountSummaryInput{}); err != nil || sum.SummaryMap["GlobalEndpointTokenVersion"] != 2 {
		t.Errorf("GetAccountSummary after apply: %v, %v; want GlobalEndpointTokenVersion 2", sum, err)
	}
	tf.noDrift()

	update := []string{"-var", "thumbprint=" + tfThumbprintB, "-var", "client_id=sigstore"}
	tf.apply(update...)
	if diff := gocmp.Diff(want([]string{"ci-tools", "sigstore"}, tfThumbprintB), held()); diff != "" {
		t.Errorf("the provider after the update (-want +got):\n%s", diff)
	}
	for _, op := range []string{"UpdateOpenIDConnectProviderThumbprint", "AddClientIDToOpenIDConnectProvider", "RemoveClientIDFromOpenIDConnectProvider"} {
		if calls := s.calls(t, op); !slices.ContainsFunc(calls, func(c loggedCall) bool { return c.Error == nil }) {
			t.Errorf("the update's %s: %+v; want one answered", op, calls)
		}
	}

	tf.destroy(update...)
	var gone *types.NoSuchEntityException
	if _, err := s.client().GetOpenIDConnectProvider(ctx, &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(tfOIDCARN)}); !errors.As(err, &gone) {
		t.Errorf("GetOpenIDConnectProvider after destroy: %v; want NoSuchEntity", err)
	}
}
