package main

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	gocmp "github.com/google/go-cmp/cmp"
)

// tfRolesConfig is a CI deployment role as terraform users write it: an
// OIDC provider the role trusts, the role (path, description, maximum
// session, tags), an inline policy, a customer managed policy attached to
// it and to a group, and an instance profile holding it; and the
// service-linked roles such a deployment asks for (ECS's, and EC2 Auto
// Scaling's with a suffix and a description). The variables are what the
// update step changes: the action both policies allow (a second version of
// the managed policy, the inline policy put again), the role's maximum
// session and the scaling role's description.
const tfRolesConfig = `terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "` + tfProvider + `" }
  }
}

variable "endpoint" { type = string }
variable "action" {
  type    = string
  default = "s3:GetObject"
}
variable "session" {
  type    = number
  default = 3600
}
variable "scaling" {
  type    = string
  default = "scales deploy"
}

provider "aws" {
  region                  = "us-east-1"
  skip_metadata_api_check = true
  endpoints {
    iam = var.endpoint
    sts = var.endpoint
  }
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.ci.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_openid_connect_provider" "ci" {
  url             = "https://token.actions.githubusercontent.com"
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]
}

resource "aws_iam_role" "deploy" {
  name                 = "deploy"
  path                 = "/ci/"
  description          = "deploys from CI"
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  max_session_duration = var.session
  tags                 = { team = "build" }
}

resource "aws_iam_role_policy" "deploy" {
  name = "read-artifacts"
  role = aws_iam_role.deploy.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = [var.action], Resource = "arn:aws:s3:::artifacts/*" }]
  })
}

resource "aws_iam_policy" "deploy" {
  name        = "deploy"
  path        = "/ci/"
  description = "what a deployment may do"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = [var.action], Resource = "*" }]
  })
}

resource "aws_iam_role_policy_attachment" "deploy" {
  role       = aws_iam_role.deploy.name
  policy_arn = aws_iam_policy.deploy.arn
}

resource "aws_iam_instance_profile" "deploy" {
  name = "deploy"
  path = "/ci/"
  role = aws_iam_role.deploy.name
}

resource "aws_iam_service_linked_role" "ecs" {
  aws_service_name = "ecs.amazonaws.com"
}

resource "aws_iam_service_linked_role" "scaling" {
  aws_service_name = "autoscaling.amazonaws.com"
  custom_suffix    = "deploy"
  description      = var.scaling
}

# The deployment checks its role's access with IAM's policy simulator,
# as terraform's documentation suggests, before anything depends on it.
data "aws_iam_principal_policy_simulation" "deploy_can" {
  action_names      = [var.action]
  policy_source_arn = aws_iam_role.deploy.arn
  resource_arns     = ["arn:aws:s3:::artifacts/build.zip"]
  depends_on        = [aws_iam_role_policy.deploy, aws_iam_role_policy_attachment.deploy]
}

data "aws_iam_principal_policy_simulation" "deploy_cannot" {
  action_names      = ["iam:CreateUser"]
  policy_source_arn = aws_iam_role.deploy.arn
  depends_on        = [aws_iam_role_policy.deploy, aws_iam_role_policy_attachment.deploy]
}

output "simulated" {
  value = {
    can    = data.aws_iam_principal_policy_simulation.deploy_can.all_allowed
    cannot = data.aws_iam_principal_policy_simulation.deploy_cannot.all_allowed
    source = [for r in data.aws_iam_principal_policy_simulation.deploy_can.results : [for s in r.matched_statements : s.source_policy_id]]
  }
}

resource "aws_iam_group" "ops" {
  name = "ops"
}

resource "aws_iam_group_policy_attachment" "ops" {
  group      = aws_iam_group.ops.name
  policy_arn = aws_iam_policy.deploy.arn
}
`

// TestTerraformRolesAndPolicies: terraform applies tfRolesConfig, plans
// with no drift, updates the policies and the role in place (the managed
// policy gains a second version, its default), plans again with no drift,
// and destroys it all: the role leaves its instance profile, which
// terraform deletes, and its policies before it goes (DeleteRole refuses
// while it has any).
func TestTerraformRolesAndPolicies(t *testing.T) {
	t.Parallel()
	s, tf := tfWorkspace(t, map[string]string{"main.tf": tfRolesConfig})
	tf.apply()
	want := tfRoleHolding{
		Path: "/ci/", Description: "deploys from CI", MaxSession: 3600, Tags: []string{"team=build"},
		Trusts: tfOIDCARN, Inline: []string{"read-artifacts"}, InlineAction: "s3:GetObject",
		Attached:       []string{"deploy"},
		PolicyVersions: []string{"v1"}, PolicyAction: "s3:GetObject", GroupAttached: []string{"deploy"},
		Profiles: []string{"/ci/deploy"}, ProfileRoles: []string{"/ci/deploy"},
		Linked: []string{
			"/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling_deploy: scales deploy",
			"/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS: ",
		},
	}
	if diff := gocmp.Diff(want, tfRoleHeld(t, s)); diff != "" {
		t.Errorf("what terraform made (-want +got):\n%s", diff)
	}
	// The simulator's answers, as the provider's data source read them:
	// the managed policy and the inline one (role_<role>_<policy>) allow
	// the action (the data source keeps the statements as a set: in
	// order of their ids), nothing allows iam:CreateUser.
	wantSimulated := map[string]any{"can": true, "cannot": false, "source": []any{[]any{"deploy", "role_deploy_read-artifacts"}}}
	if diff := gocmp.Diff(wantSimulated, tfOutput(t, tf, "simulated")); diff != "" {
		t.Errorf("terraform's simulations (-want +got):\n%s", diff)
	}
	tf.noDrift()

	update := []string{"-var", "action=s3:PutObject", "-var", "session=7200", "-var", "scaling=scales deploy and batch"}
	tf.apply(update...)
	want.MaxSession, want.InlineAction, want.PolicyAction = 7200, "s3:PutObject", "s3:PutObject"
	want.Linked[0] = "/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling_deploy: scales deploy and batch"
	want.PolicyVersions = []string{"v1", "v2"}
	if diff := gocmp.Diff(want, tfRoleHeld(t, s)); diff != "" {
		t.Errorf("what terraform holds after the update (-want +got):\n%s", diff)
	}
	tf.noDrift(update...)

	tf.destroy(update...)
	// The provider's way out for a role in a profile: it asks for the
	// role's profiles and takes the role out before the profile and the
	// role go.
	// Service-linked roles go by their own operation, whose task the
	// provider polls until it succeeds.
	for _, op := range []string{"ListInstanceProfilesForRole", "RemoveRoleFromInstanceProfile", "DeleteInstanceProfile", "DeleteRole",
		"CreateServiceLinkedRole", "DeleteServiceLinkedRole", "GetServiceLinkedRoleDeletionStatus"} {
		if calls := s.calls(t, op); !slices.ContainsFunc(calls, func(c loggedCall) bool { return c.Error == nil }) {
			t.Errorf("terraform destroy's %s: %+v; want one answered", op, calls)
		}
	}
	ctx, c := context.Background(), s.client()
	var gone *types.NoSuchEntityException
	for what, err := range map[string]error{
		"role":             second(c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("deploy")})),
		"instance profile": second(c.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String("deploy")})),
		"policy":           second(c.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(tfDeployPolicyARN)})),
		"group":            second(c.GetGroup(ctx, &iam.GetGroupInput{GroupName: aws.String("ops")})),
		"OIDC provider":    second(c.GetOpenIDConnectProvider(ctx, &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(tfOIDCARN)})),
	} {
		if !errors.As(err, &gone) {
			t.Errorf("the %s after destroy: %v; want NoSuchEntity", what, err)
		}
	}
	// Nothing else is left either: no role, instance profile or customer
	// managed policy in the account.
	if roles, err := c.ListRoles(ctx, &iam.ListRolesInput{}); err != nil {
		t.Errorf("ListRoles after destroy: %v", err)
	} else if len(roles.Roles) != 0 {
		t.Errorf("ListRoles after destroy: %d roles; want none", len(roles.Roles))
	}
	if profiles, err := c.ListInstanceProfiles(ctx, &iam.ListInstanceProfilesInput{}); err != nil {
		t.Errorf("ListInstanceProfiles after destroy: %v", err)
	} else if len(profiles.InstanceProfiles) != 0 {
		t.Errorf("ListInstanceProfiles after destroy: %d profiles; want none", len(profiles.InstanceProfiles))
	}
	if policies, err := c.ListPolicies(ctx, &iam.ListPoliciesInput{Scope: types.PolicyScopeTypeLocal}); err != nil {
		t.Errorf("ListPolicies (Local) after destroy: %v", err)
	} else if len(policies.Policies) != 0 {
		t.Errorf("ListPolicies (Local) after destroy: %d policies; want none", len(policies.Policies))
	}
}

const tfDeployPolicyARN = "arn:aws:iam::123456789012:policy/ci/deploy"

// tfOutput is the value of the workspace's output name, decoded from
// terraform output -json.
func tfOutput(t *testing.T, tf *tfDir, name string) any {
	t.Helper()
	out, code := tf.run("output", "-json", name)
	if code != 0 {
		t.Fatalf("terraform output %s: exit %d\n%s", name, code, out)
	}
	var v any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("terraform output %s: %v\n%s", name, err, out)
	}
	return v
}

// second is a call's error, its output dropped.
func second[T any](_ T, err error) error { return err }

// tfRoleHolding is what tfRolesConfig made, as the fake's IAM answers it.
type tfRoleHolding struct {
	Path, Description string
	MaxSession        int32
	Tags              []string // key=value
	Trusts            string   // the federated principal the trust policy names
	Inline            []string
	InlineAction      string
	Attached          []string
	PolicyVersions    []string // the managed policy's, the default last
	PolicyAction      string   // what its default version allows
	GroupAttached     []string
	Profiles          []string // path+name of the instance profiles holding the role (ListInstanceProfilesForRole)
	ProfileRoles      []string // path+name of the roles profile deploy holds (GetInstanceProfile)
	Linked            []string // "path+name: description" of the roles under /aws-service-role/ (ListRoles, GetRole)
}

// tfRoleHeld reads what tfRolesConfig made through the fake's IAM.
func tfRoleHeld(t *testing.T, s *server) tfRoleHolding {
	t.Helper()
	ctx, c, role := context.Background(), s.client(), aws.String("deploy")
	check := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	var h tfRoleHolding
	r, err := c.GetRole(ctx, &iam.GetRoleInput{RoleName: role})
	check("GetRole", err)
	h.Path, h.Description, h.MaxSession = aws.ToString(r.Role.Path), aws.ToString(r.Role.Description), aws.ToInt32(r.Role.MaxSessionDuration)
	for _, tag := range r.Role.Tags {
		h.Tags = append(h.Tags, aws.ToString(tag.Key)+"="+aws.ToString(tag.Value))
	}
	// IAM answers documents URL-encoded; the Go SDK hands them on as they
	// came.
	trust, err := url.QueryUnescape(aws.ToString(r.Role.AssumeRolePolicyDocument))
	check("the trust policy's encoding", err)
	if strings.Contains(trust, `"`+tfOIDCARN+`"`) {
		h.Trusts = tfOIDCARN
	}
	inline, err := c.ListRolePolicies(ctx, &iam.ListRolePoliciesInput{RoleName: role})
	check("ListRolePolicies", err)
	h.Inline = inline.PolicyNames
	for _, name := range inline.PolicyNames {
		p, err := c.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: role, PolicyName: aws.String(name)})
		check("GetRolePolicy", err)
		h.InlineAction = tfAction(t, aws.ToString(p.PolicyDocument))
	}
	attached, err := c.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: role})
	check("ListAttachedRolePolicies", err)
	for _, p := range attached.AttachedPolicies {
		h.Attached = append(h.Attached, aws.ToString(p.PolicyName))
	}
	versions, err := c.ListPolicyVersions(ctx, &iam.ListPolicyVersionsInput{PolicyArn: aws.String(tfDeployPolicyARN)})
	check("ListPolicyVersions", err)
	for _, v := range versions.Versions {
		h.PolicyVersions = append(h.PolicyVersions, aws.ToString(v.VersionId))
		if v.IsDefaultVersion {
			got, err := c.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: aws.String(tfDeployPolicyARN), VersionId: v.VersionId})
			check("GetPolicyVersion", err)
			h.PolicyAction = tfAction(t, aws.ToString(got.PolicyVersion.Document))
		}
	}
	slices.Sort(h.PolicyVersions)
	group, err := c.ListAttachedGroupPolicies(ctx, &iam.ListAttachedGroupPoliciesInput{GroupName: aws.String("ops")})
	check("ListAttachedGroupPolicies", err)
	for _, p := range group.AttachedPolicies {
		h.GroupAttached = append(h.GroupAttached, aws.ToString(p.PolicyName))
	}
	profiles, err := c.ListInstanceProfilesForRole(ctx, &iam.ListInstanceProfilesForRoleInput{RoleName: role})
	check("ListInstanceProfilesForRole", err)
	for _, p := range profiles.InstanceProfiles {
		h.Profiles = append(h.Profiles, aws.ToString(p.Path)+aws.ToString(p.InstanceProfileName))
	}
	profile, err := c.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String("deploy")})
	check("GetInstanceProfile", err)
	for _, r := range profile.InstanceProfile.Roles {
		h.ProfileRoles = append(h.ProfileRoles, aws.ToString(r.Path)+aws.ToString(r.RoleName))
	}
	linked, err := c.ListRoles(ctx, &iam.ListRolesInput{PathPrefix: aws.String("/aws-service-role/")})
	check("ListRoles", err)
	for _, r := range linked.Roles {
		got, err := c.GetRole(ctx, &iam.GetRoleInput{RoleName: r.RoleName})
		check("GetRole", err)
		h.Linked = append(h.Linked, aws.ToString(r.Path)+aws.ToString(r.RoleName)+": "+aws.ToString(got.Role.Description))
	}
	return h
}

// tfAction is the one action a URL-encoded policy document of
// tfRolesConfig allows.
func tfAction(t *testing.T, encoded string) string {
	t.Helper()
	doc, err := url.QueryUnescape(encoded)
	if err != nil {
		t.Fatalf("a policy document's encoding: %v", err)
	}
	for _, action := range []string{"s3:GetObject", "s3:PutObject"} {
		if strings.Contains(doc, `"`+action+`"`) {
			return action
		}
	}
	t.Fatalf("a policy document allowing neither action of the test: %s", doc)
	return ""
}
