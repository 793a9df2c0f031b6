package main

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// tfAssumeRoleConfig is a deployment as terraform users run one with a
// role to assume: the provider signs as a user, assumes the role
// (assume_role, with a session name and a tag), and acts as the session:
// it reads who it is and manages a user.
const tfAssumeRoleConfig = `terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "` + tfProvider + `" }
  }
}

variable "endpoint" { type = string }
variable "access_key" { type = string }
variable "secret_key" { type = string }

provider "aws" {
  region                  = "us-east-1"
  access_key              = var.access_key
  secret_key              = var.secret_key
  skip_metadata_api_check = true
  endpoints {
    iam = var.endpoint
    sts = var.endpoint
  }
  assume_role {
    role_arn     = "arn:aws:iam::123456789012:role/deployer"
    session_name = "terraform"
    tags         = { pipeline = "main" }
  }
}

data "aws_caller_identity" "me" {}

resource "aws_iam_user" "made" {
  name = "made-by-the-role"
}

output "arn" { value = data.aws_caller_identity.me.arn }
`

// TestTerraformAssumeRole: terraform's provider assumes a role whose trust
// policy names the user it signs as, and every call it makes is the
// session's: GetCallerIdentity answers the assumed-role ARN, the user is
// created, and the call log names the session.
func TestTerraformAssumeRole(t *testing.T) {
	t.Parallel()
	s, tf := tfWorkspace(t, map[string]string{"main.tf": tfAssumeRoleConfig})
	ctx := context.Background()
	root := s.client()
	if _, err := root.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("ci")}); err != nil {
		t.Fatal(err)
	}
	key, err := root.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("ci")})
	if err != nil {
		t.Fatal(err)
	}
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/ci"},"Action":["sts:AssumeRole","sts:TagSession"]}]}`
	if _, err := root.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("deployer"), AssumeRolePolicyDocument: &trust}); err != nil {
		t.Fatal(err)
	}
	vars := []string{"-var", "access_key=" + *key.AccessKey.AccessKeyId, "-var", "secret_key=" + *key.AccessKey.SecretAccessKey}

	tf.apply(vars...)
	if got := tfOutput(t, tf, "arn"); got != "arn:aws:sts::123456789012:assumed-role/deployer/terraform" {
		t.Errorf("aws_caller_identity's arn: %v, want the session's", got)
	}
	if _, err := root.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("made-by-the-role")}); err != nil {
		t.Errorf("GetUser of the user terraform made: %v", err)
	}
	created := s.calls(t, "CreateUser")
	if len(created) != 2 || created[1].Caller["arn"] != "arn:aws:sts::123456789012:assumed-role/deployer/terraform" || created[1].Caller["sessionName"] != "terraform" {
		t.Errorf("CreateUser calls: %+v; want the second the session's", created)
	}
	assumed := s.calls(t, "AssumeRole")
	if len(assumed) == 0 || assumed[0].Error != nil {
		t.Fatalf("AssumeRole calls: %+v; want the provider's, answered", assumed)
	}
	tags, _ := assumed[0].Input["tags"].([]any)
	if len(tags) != 1 {
		t.Errorf("AssumeRole's input: %v; want the session tag pipeline=main", assumed[0].Input)
	}
	tf.destroy(vars...)
	if _, err := root.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("made-by-the-role")}); err == nil {
		t.Error("the user terraform made is still there after destroy")
	}
}
