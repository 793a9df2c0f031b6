package main

// End-to-end for the policy simulator (docs/contract.md, "Policy
// simulator"): the AWS CLI runs the AWS CLI's own documented examples of
// simulate-custom-policy, get-context-keys-for-custom-policy and their
// principal twins (awscli/examples/iam/*.rst) and prints what they print, but for the
// SourcePolicyType that IAM has answered since (recorded: docs/contract.md)
// and the examples predate; boto3 pages a simulation and reads a
// boundary's and a resource policy's part.

import (
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

func TestAWSCLIPolicySimulator(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	s := start(t, "-quiet")
	root := s.clientEnv(t, s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"])
	type m = map[string]any
	type l = []any
	const dynamo = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}`
	for _, tc := range []struct {
		name string
		args []string
		want any
	}{
		{"example 1 of simulate-custom-policy", []string{"simulate-custom-policy", "--policy-input-list", dynamo, "--action-names", "dynamodb:CreateBackup",
			"--context-entries", "ContextKeyName='aws:CurrentTime',ContextKeyValues='2019-04-25T11:00:00Z',ContextKeyType=date"},
			m{"EvaluationResults": l{m{"EvalActionName": "dynamodb:CreateBackup", "EvalResourceName": "*", "EvalDecision": "allowed",
				"MatchedStatements": l{m{"SourcePolicyId": "PolicyInputList.1", "SourcePolicyType": "IAM Policy", "StartPosition": m{"Line": float64(1), "Column": float64(38)},
					"EndPosition": m{"Line": float64(1), "Column": float64(167)}}},
				"MissingContextValues": l{}}}}},
		{"example 2 of simulate-custom-policy", []string{"simulate-custom-policy", "--policy-input-list", dynamo, "--action-names", "dynamodb:CreateBackup",
			"--context-entries", "ContextKeyName='aws:CurrentTime',ContextKeyValues='2014-04-25T11:00:00Z',ContextKeyType=date"},
			m{"EvaluationResults": l{m{"EvalActionName": "dynamodb:CreateBackup", "EvalResourceName": "*", "EvalDecision": "implicitDeny",
				"MatchedStatements": l{}, "MissingContextValues": l{}}}}},
		{"example 1 of get-context-keys-for-custom-policy", []string{"get-context-keys-for-custom-policy", "--policy-input-list",
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2015-08-16T12:00:00Z"}}}}`},
			m{"ContextKeyNames": l{"aws:username", "aws:CurrentTime"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var got any
			cli(t, aws, root, &got, tc.args...)
			if diff := gocmp.Diff(tc.want, got); diff != "" {
				t.Errorf("aws iam %s (-want +got):\n%s", tc.args[0], diff)
			}
		})
	}
	cliRefuses(t, aws, root, "An error occurred (InvalidInput) when calling the SimulateCustomPolicy operation: Invalid Input: CallerArn is required when a ResourcePolicy is given.",
		"simulate-custom-policy", "--policy-input-list", dynamo, "--action-names", "s3:GetObject", "--resource-policy",
		`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}}`)
}

// TestAWSCLIPrincipalPolicySimulator: the AWS CLI's documented examples of
// simulate-principal-policy and get-context-keys-for-principal-policy
// (awscli/examples/iam/*.rst), on principals made with the CLI. The
// examples do not show their policies: alejandro's is laid out so that
// its statement sits where the example places it (3:19 to 9:10), and it
// is a managed policy, whose SourcePolicyId is its bare name as in the
// example (docs/contract.md).
func TestAWSCLIPrincipalPolicySimulator(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	s := start(t, "-quiet")
	root := s.clientEnv(t, s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"])
	type m = map[string]any
	type l = []any
	const codecommit = "{\n" +
		"    \"Version\": \"2012-10-17\",\n" +
		"    \"Statement\": {\n" +
		"        \"Effect\": \"Allow\",\n" +
		"        \"Action\": [\n" +
		"            \"codecommit:ListRepositories\"\n" +
		"        ],\n" +
		"        \"Resource\": \"*\"\n" +
		"        }\n" +
		"}\n"
	const alejandro = "arn:aws:iam::123456789012:user/alejandro"
	cli(t, aws, root, &struct{}{}, "create-user", "--user-name", "alejandro")
	cli(t, aws, root, &struct{}{}, "create-policy", "--policy-name", "Grant-Access-To-CodeCommit-ListRepo", "--policy-document", codecommit)
	cli(t, aws, root, nil, "attach-user-policy", "--user-name", "alejandro", "--policy-arn", "arn:aws:iam::123456789012:policy/Grant-Access-To-CodeCommit-ListRepo")
	var got any
	cli(t, aws, root, &got, "simulate-principal-policy", "--policy-source-arn", alejandro, "--action-names", "codecommit:ListRepositories")
	want := m{"EvaluationResults": l{m{"EvalActionName": "codecommit:ListRepositories", "EvalResourceName": "*", "EvalDecision": "allowed",
		"MatchedStatements": l{m{"SourcePolicyId": "Grant-Access-To-CodeCommit-ListRepo", "SourcePolicyType": "IAM Policy",
			"StartPosition": m{"Line": float64(3), "Column": float64(19)}, "EndPosition": m{"Line": float64(9), "Column": float64(10)}}},
		"MissingContextValues": l{}}}}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("example 1 of simulate-principal-policy (-want +got):\n%s", diff)
	}
	// Example 2: a policy that permits DynamoDB only after a date, asked
	// about a moment before it.
	cli(t, aws, root, nil, "put-user-policy", "--user-name", "alejandro", "--policy-name", "dynamodb-after-august",
		"--policy-document", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}`)
	got = nil
	cli(t, aws, root, &got, "simulate-principal-policy", "--policy-source-arn", alejandro, "--action-names", "dynamodb:CreateBackup",
		"--context-entries", "ContextKeyName='aws:CurrentTime',ContextKeyValues='2018-04-25T11:00:00Z',ContextKeyType=date")
	want = m{"EvaluationResults": l{m{"EvalActionName": "dynamodb:CreateBackup", "EvalResourceName": "*", "EvalDecision": "implicitDeny",
		"MatchedStatements": l{}, "MissingContextValues": l{}}}}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("example 2 of simulate-principal-policy (-want +got):\n%s", diff)
	}
	// get-context-keys-for-principal-policy: saanvi's policies and her
	// group's.
	cli(t, aws, root, &struct{}{}, "create-user", "--user-name", "saanvi")
	cli(t, aws, root, &struct{}{}, "create-group", "--group-name", "dynamo-users")
	cli(t, aws, root, nil, "add-user-to-group", "--user-name", "saanvi", "--group-name", "dynamo-users")
	cli(t, aws, root, nil, "put-group-policy", "--group-name", "dynamo-users", "--policy-name", "own-table",
		"--policy-document", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2015-08-16T12:00:00Z"}}}}`)
	got = nil
	cli(t, aws, root, &got, "get-context-keys-for-principal-policy", "--policy-source-arn", "arn:aws:iam::123456789012:user/saanvi")
	if diff := gocmp.Diff(m{"ContextKeyNames": l{"aws:username", "aws:CurrentTime"}}, got); diff != "" {
		t.Errorf("example 1 of get-context-keys-for-principal-policy (-want +got):\n%s", diff)
	}
	cliRefuses(t, aws, root, "An error occurred (NoSuchEntity) when calling the SimulatePrincipalPolicy operation: The role with name nobody cannot be found.",
		"simulate-principal-policy", "--policy-source-arn", "arn:aws:iam::123456789012:role/nobody", "--action-names", "s3:GetObject")
}

// boto3SimulatorScript: a least-privilege check as tools write it: the
// paginator over 30 actions (10 a page), a boundary, and a bucket policy
// that alone lets the caller in.
const boto3SimulatorScript = `
import json
import boto3

iam = boto3.client("iam")
identity = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": "*"},
    {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::secret/*"}]})
boundary = json.dumps({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:List*", "Resource": "*"}})
bucket = json.dumps({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:user/Bob"},
    "Action": "s3:PutObject", "Resource": "arn:aws:s3:::shared/*"}})
actions = ["s3:GetObject", "s3:ListBucket", "s3:PutObject"] * 10
pages = iam.get_paginator("simulate_custom_policy").paginate(PolicyInputList=[identity], ActionNames=actions,
    PaginationConfig={"PageSize": 10})
out = {"pages": [[r["EvalDecision"] for r in page["EvaluationResults"]] for page in pages]}
r = iam.simulate_custom_policy(PolicyInputList=[identity], PermissionsBoundaryPolicyInputList=[boundary],
    ActionNames=["s3:GetObject", "s3:ListBucket"])["EvaluationResults"]
out["bounded"] = [[x["EvalDecision"], x["PermissionsBoundaryDecisionDetail"]["AllowedByPermissionsBoundary"]] for x in r]
r = iam.simulate_custom_policy(PolicyInputList=[identity], ActionNames=["s3:GetObject", "s3:PutObject"],
    ResourceArns=["arn:aws:s3:::shared/k", "arn:aws:s3:::secret/k"], ResourcePolicy=bucket,
    CallerArn="arn:aws:iam::123456789012:user/Bob")["EvaluationResults"]
out["resources"] = [[x["EvalActionName"], x["EvalDecision"],
    [[y["EvalResourceName"], y["EvalResourceDecision"], [s["SourcePolicyId"] for s in y["MatchedStatements"]]] for y in x["ResourceSpecificResults"]]] for x in r]
print(json.dumps(out))
`

func TestBoto3PolicySimulator(t *testing.T) {
	t.Parallel()
	python := boto3Python(t)
	s := start(t, "-quiet")
	var got struct {
		Pages     [][]string
		Bounded   [][]any
		Resources [][]any
	}
	s.boto3Run(t, python, boto3SimulatorScript, &got)
	page := []string{"allowed", "allowed", "implicitDeny", "allowed", "allowed", "implicitDeny", "allowed", "allowed", "implicitDeny", "allowed"}
	want := struct {
		Pages     [][]string
		Bounded   [][]any
		Resources [][]any
	}{
		Pages: [][]string{page, {"allowed", "implicitDeny", "allowed", "allowed", "implicitDeny", "allowed", "allowed", "implicitDeny", "allowed", "allowed"},
			{"implicitDeny", "allowed", "allowed", "implicitDeny", "allowed", "allowed", "implicitDeny", "allowed", "allowed", "implicitDeny"}},
		Bounded: [][]any{{"implicitDeny", false}, {"allowed", true}},
		Resources: [][]any{
			{"s3:GetObject", "explicitDeny", []any{
				[]any{"arn:aws:s3:::shared/k", "allowed", []any{"PolicyInputList.1"}},
				[]any{"arn:aws:s3:::secret/k", "explicitDeny", []any{"PolicyInputList.1"}}}},
			{"s3:PutObject", "implicitDeny", []any{
				[]any{"arn:aws:s3:::shared/k", "allowed", []any{"ResourcePolicy"}},
				[]any{"arn:aws:s3:::secret/k", "implicitDeny", []any{}}}},
		},
	}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("the boto3 simulations (-want +got):\n%s", diff)
	}
}
