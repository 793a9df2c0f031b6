package fakeiam_test

// docs/contract.md, "Policy simulator": SimulateCustomPolicy and
// GetContextKeysForCustomPolicy, each row through the differential
// harness (both doors and the SDK's decoding of IAM's XML). The
// evaluation's own rows: internal/policyeval.

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// The AWS CLI's documented examples (awscli/examples/iam/
// simulate-custom-policy.rst, get-context-keys-for-custom-policy.rst).
const (
	simDynamoPolicy = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}`
	simKeysPolicy   = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2015-08-16T12:00:00Z"}}}}`
)

func simulateCustomPolicy(in *iam.SimulateCustomPolicyInput) call {
	return callOf((*iam.Client).SimulateCustomPolicy, in)
}

func contextKeysForCustomPolicy(docs ...string) call {
	return callOf((*iam.Client).GetContextKeysForCustomPolicy, &iam.GetContextKeysForCustomPolicyInput{PolicyInputList: docs})
}

func currentTime(at string) []types.ContextEntry {
	return []types.ContextEntry{{ContextKeyName: aws.String("aws:CurrentTime"), ContextKeyValues: []string{at}, ContextKeyType: types.ContextKeyTypeEnumDate}}
}

// matched is a statement of a result: its policy's id, its type ("IAM
// Policy", recorded; a resource policy's "Resource Policy", a choice) and
// its place.
func matched(source string, startLine, startCol, endLine, endCol int32) types.Statement {
	kind := types.PolicySourceType("IAM Policy")
	if source == "ResourcePolicy" {
		kind = "Resource Policy"
	}
	return types.Statement{SourcePolicyId: aws.String(source), SourcePolicyType: kind, StartPosition: &types.Position{Line: startLine, Column: startCol},
		EndPosition: &types.Position{Line: endLine, Column: endCol}}
}

// matchedIn is the i-th statement of the one-line document doc as a
// result names it: its place just after its opening brace and just after
// its closing one, columns from 1 (the rule the CLI's recorded example
// shows: internal/policyeval's TestPositions).
func matchedIn(source, doc string, i int) types.Statement {
	at := strings.Index(doc, `"Statement":`) + len(`"Statement":`)
	if doc[at] == '[' {
		at++
	}
	for n := 0; ; n++ {
		depth, end := 0, at
		for ; ; end++ {
			switch doc[end] {
			case '{':
				depth++
			case '}':
				depth--
			}
			if depth == 0 {
				break
			}
		}
		if n == i {
			return matched(source, 1, int32(at)+2, 1, int32(end)+2)
		}
		at = end + 2 // past "},"
	}
}

// evaluated is a result for action on resource (*: no ResourceArns).
func evaluated(action, resource string, decision types.PolicyEvaluationDecisionType, missing []string, statements ...types.Statement) types.EvaluationResult {
	if missing == nil {
		missing = []string{}
	}
	return types.EvaluationResult{EvalActionName: aws.String(action), EvalResourceName: aws.String(resource), EvalDecision: decision,
		MatchedStatements: append([]types.Statement{}, statements...), MissingContextValues: missing}
}

func simulated(marker string, results ...types.EvaluationResult) *iam.SimulateCustomPolicyOutput {
	out := &iam.SimulateCustomPolicyOutput{EvaluationResults: append([]types.EvaluationResult{}, results...)}
	if marker != "" {
		out.IsTruncated, out.Marker = true, aws.String(marker)
	}
	return out
}

func TestSimulateCustomPolicySpec(t *testing.T) {
	dynamo := &iam.SimulateCustomPolicyInput{PolicyInputList: []string{simDynamoPolicy}, ActionNames: []string{"dynamodb:CreateBackup"}}
	at := func(in *iam.SimulateCustomPolicyInput, when string) *iam.SimulateCustomPolicyInput {
		c := *in
		c.ContextEntries = currentTime(when)
		return &c
	}
	allowS3 := `{"Version":"2012-10-17","Statement":[{"Sid":"all","Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
	denyDelete := `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:Delete*","Resource":"arn:aws:s3:::keep/*"}}`
	onlyGet := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}}`
	const bob = "arn:aws:iam::123456789012:user/Bob"
	bucketPolicy := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"` + bob + `"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*"}}`
	rolePolicy := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/reader"},"Action":"s3:GetObject","Resource":"*"}}`
	runScenarios(t, seedUsers(), []scenario{
		{name: "the CLI's example 1: allowed, the statement's place (recorded)", call: simulateCustomPolicy(at(dynamo, "2019-04-25T11:00:00Z")),
			want: simulated("", evaluated("dynamodb:CreateBackup", "*", types.PolicyEvaluationDecisionTypeAllowed, nil, matched("PolicyInputList.1", 1, 38, 1, 167)))},
		{name: "the CLI's example 2: implicitDeny, no statement (recorded)", call: simulateCustomPolicy(at(dynamo, "2014-04-25T11:00:00Z")),
			want: simulated("", evaluated("dynamodb:CreateBackup", "*", types.PolicyEvaluationDecisionTypeImplicitDeny, nil))},
		{name: "a key not given: missing, no match", call: simulateCustomPolicy(dynamo),
			want: simulated("", evaluated("dynamodb:CreateBackup", "*", types.PolicyEvaluationDecisionTypeImplicitDeny, []string{"aws:CurrentTime"}))},
		{name: "one result per action, in order", call: simulateCustomPolicy(&iam.SimulateCustomPolicyInput{PolicyInputList: []string{allowS3, denyDelete},
			ActionNames: []string{"s3:GetObject", "ec2:RunInstances"}}),
			want: simulated("",
				evaluated("s3:GetObject", "*", types.PolicyEvaluationDecisionTypeAllowed, nil, matchedIn("PolicyInputList.1", allowS3, 0)),
				evaluated("ec2:RunInstances", "*", types.PolicyEvaluationDecisionTypeImplicitDeny, nil))},
		{name: "an explicit deny: the deny statement alone", call: simulateCustomPolicy(&iam.SimulateCustomPolicyInput{PolicyInputList: []string{allowS3, denyDelete},
			ActionNames: []string{"s3:DeleteObject"}, ResourceArns: []string{"arn:aws:s3:::keep/a"}}),
			want: simulated("", withResources(evaluated("s3:DeleteObject", "arn:aws:s3:::keep/a", types.PolicyEvaluationDecisionTypeExplicitDeny, []string{},
				matchedIn("PolicyInputList.2", denyDelete, 0)),
				resourceResult("arn:aws:s3:::keep/a", types.PolicyEvaluationDecisionTypeExplicitDeny, matchedIn("PolicyInputList.2", denyDelete, 0))))},
		{name: "several resources: the most restrictive, and each one's", call: simulateCustomPolicy(&iam.SimulateCustomPolicyInput{PolicyInputList: []string{allowS3, denyDelete},
			ActionNames: []string{"s3:DeleteObject"}, ResourceArns: []string{"arn:aws:s3:::other/a", "arn:aws:s3:::keep/a"}}),
			want: simulated("", withResources(evaluated("s3:DeleteObject", "arn:aws:s3:::other/a", types.PolicyEvaluationDecisionTypeExplicitDeny, []string{},
				matchedIn("PolicyInputList.2", denyDelete, 0)),
				resourceResult("arn:aws:s3:::other/a", types.PolicyEvaluationDecisionTypeAllowed, matchedIn("PolicyInputList.1", allowS3, 0)),
				resourceResult("arn:aws:s3:::keep/a", types.PolicyEvaluationDecisionTypeExplicitDeny, matchedIn("PolicyInputList.2", denyDelete, 0))))},
		{name: "a permissions boundary that does not allow", call: simulateCustomPolicy(&iam.SimulateCustomPolicyInput{PolicyInputList: []string{allowS3},
			PermissionsBoundaryPolicyInputList: []string{onlyGet}, ActionNames: []string{"s3:PutObject", "s3:GetObject"}}),
			want: simulated("",
				withBoundary(evaluated("s3:PutObject", "*", types.PolicyEvaluationDecisionTypeImplicitDeny, nil), false),
				withBoundary(evaluated("s3:GetObject", "*", types.PolicyEvaluationDecisionTypeAllowed, nil, matchedIn("PolicyInputList.1", allowS3, 0)), true))},
		{name: "a resource policy allowing the caller, in its account", call: simulateCustomPolicy(&iam.SimulateCustomPolicyInput{PolicyInputList: []string{onlyGet},
			ActionNames: []string{"s3:GetObject"}, ResourceArns: []string{"arn:aws:s3:::shared/k"}, ResourcePolicy: aws.String(bucketPolicy), CallerArn: aws.String(bob),
			PermissionsBoundaryPolicyInputList: nil}),
			want: simulated("", withResources(evaluated("s3:GetObject", "arn:aws:s3:::shared/k", types.PolicyEvaluationDecisionTypeAllowed, []string{},
				matchedIn("PolicyInputList.1", onlyGet, 0), matchedIn("ResourcePolicy", bucketPolicy, 0)),
				resourceResult("arn:aws:s3:::shared/k", types.PolicyEvaluationDecisionTypeAllowed, matchedIn("PolicyInputList.1", onlyGet, 0), matchedIn("ResourcePolicy", bucketPolicy, 0))))},
		{name: "the resource policy alone allows in one account", call: simulateCustomPolicy(&iam.SimulateCustomPolicyInput{PolicyInputList: []string{denyDelete},
			ActionNames: []string{"s3:GetObject"}, ResourceArns: []string{"arn:aws:s3:::shared/k"}, ResourcePolicy: aws.String(bucketPolicy), CallerArn: aws.String(bob)}),
			want: simulated("", withResources(evaluated("s3:GetObject", "arn:aws:s3:::shared/k", types.PolicyEvaluationDecisionTypeAllowed, []string{},
				matchedIn("ResourcePolicy", bucketPolicy, 0)),
				resourceResult("arn:aws:s3:::shared/k", types.PolicyEvaluationDecisionTypeAllowed, matchedIn("ResourcePolicy", bucketPolicy, 0))))},
		{name: "across accounts both must allow", call: simulateCustomPolicy(&iam.SimulateCustomPolicyInput{PolicyInputList: []string{denyDelete},
			ActionNames: []string{"s3:GetObject"}, ResourceArns: []string{"arn:aws:s3:::shared/k"}, ResourcePolicy: aws.String(bucketPolicy), CallerArn: aws.String(bob),
			ResourceOwner: aws.String("arn:aws:iam::111122223333:root")}),
			want: simulated("", withCrossAccount(evaluated("s3:GetObject", "arn:aws:s3:::shared/k", types.PolicyEvaluationDecisionTypeImplicitDeny, []string{}),
				resourceResult("arn:aws:s3:::shared/k", types.PolicyEvaluationDecisionTypeImplicitDeny)))},
		{name: "keys another action's statement reads are missing too (recorded: boto/boto3#3111)", call: simulateCustomPolicy(&iam.SimulateCustomPolicyInput{
			PolicyInputList: []string{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringLike":{"aws:PrincipalTag/allowed_service":"s3"}}},` +
				`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/${aws:username}"}]}`},
			ActionNames: []string{"s3:ListBucket"}}),
			want: simulated("", evaluated("s3:ListBucket", "*", types.PolicyEvaluationDecisionTypeImplicitDeny, []string{"aws:PrincipalTag/allowed_service", "aws:username"}))},
		{name: "MaxItems: a page of actions", call: simulateCustomPolicy(&iam.SimulateCustomPolicyInput{PolicyInputList: []string{onlyGet},
			ActionNames: []string{"s3:GetObject", "s3:PutObject", "s3:GetBucketAcl"}, MaxItems: aws.Int32(2)}),
			want: simulated("<marker>",
				evaluated("s3:GetObject", "*", types.PolicyEvaluationDecisionTypeAllowed, nil, matchedIn("PolicyInputList.1", onlyGet, 0)),
				evaluated("s3:PutObject", "*", types.PolicyEvaluationDecisionTypeImplicitDeny, nil))},
		{name: "ResourceArns of * alone: as none given (API_EvaluationResult)", call: simulateCustomPolicy(&iam.SimulateCustomPolicyInput{PolicyInputList: []string{simDynamoPolicy},
			ActionNames: []string{"dynamodb:CreateBackup"}, ResourceArns: []string{"*"}}),
			want: simulated("", evaluated("dynamodb:CreateBackup", "*", types.PolicyEvaluationDecisionTypeImplicitDeny, []string{"aws:CurrentTime"}))},
		{name: "with ResourceArns the missing keys are the aggregate's and each resource's", call: simulateCustomPolicy(&iam.SimulateCustomPolicyInput{PolicyInputList: []string{simDynamoPolicy},
			ActionNames: []string{"dynamodb:CreateBackup"}, ResourceArns: []string{"arn:aws:dynamodb:us-east-1:123456789012:table/t"}}),
			want: simulated("", withResources(evaluated("dynamodb:CreateBackup", "arn:aws:dynamodb:us-east-1:123456789012:table/t", types.PolicyEvaluationDecisionTypeImplicitDeny, []string{"aws:CurrentTime"}),
				withMissing(resourceResult("arn:aws:dynamodb:us-east-1:123456789012:table/t", types.PolicyEvaluationDecisionTypeImplicitDeny), "aws:CurrentTime")))},
		{name: "the boundary's part over every resource", call: simulateCustomPolicy(&iam.SimulateCustomPolicyInput{PolicyInputList: []string{allowS3},
			PermissionsBoundaryPolicyInputList: []string{`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::a/*"}}`},
			ActionNames:                        []string{"s3:GetObject"}, ResourceArns: []string{"arn:aws:s3:::b/k", "arn:aws:s3:::a/k"}}),
			want: simulated("", withBoundary(withResources(evaluated("s3:GetObject", "arn:aws:s3:::b/k", types.PolicyEvaluationDecisionTypeImplicitDeny, []string{}),
				withResourceBoundary(resourceResult("arn:aws:s3:::b/k", types.PolicyEvaluationDecisionTypeImplicitDeny), false),
				withResourceBoundary(resourceResult("arn:aws:s3:::a/k", types.PolicyEvaluationDecisionTypeAllowed, matchedIn("PolicyInputList.1", allowS3, 0)), true)), false))},
		{name: "a resource of another account, by its ARN: both must allow", call: simulateCustomPolicy(&iam.SimulateCustomPolicyInput{PolicyInputList: []string{denyDelete},
			ActionNames: []string{"iam:GetRole"}, ResourceArns: []string{"arn:aws:iam::222222222222:role/X"}, CallerArn: aws.String(bob),
			ResourcePolicy: aws.String(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"` + bob + `"},"Action":"iam:GetRole","Resource":"*"}}`)}),
			want: simulated("", withCrossAccount(evaluated("iam:GetRole", "arn:aws:iam::222222222222:role/X", types.PolicyEvaluationDecisionTypeImplicitDeny, []string{}),
				resourceResult("arn:aws:iam::222222222222:role/X", types.PolicyEvaluationDecisionTypeImplicitDeny)))},
		{name: "a CallerArn that is not a user's, group's or role's (docs)", call: simulateCustomPolicy(&iam.SimulateCustomPolicyInput{PolicyInputList: []string{onlyGet},
			ActionNames: []string{"s3:GetObject"}, ResourcePolicy: aws.String(bucketPolicy), CallerArn: aws.String("arn:aws:sts::123456789012:assumed-role/r/s")}),
			wantErr: &fakeiam.Error{Code: "InvalidInput", Status: 400, Message: "Invalid Input: CallerArn must be the ARN of an IAM user, group or role."}},
		{name: "a role as the caller (docs)", call: simulateCustomPolicy(&iam.SimulateCustomPolicyInput{PolicyInputList: []string{denyDelete},
			ActionNames: []string{"s3:GetObject"}, ResourcePolicy: aws.String(rolePolicy), CallerArn: aws.String("arn:aws:iam::123456789012:role/reader")}),
			want: simulated("", evaluated("s3:GetObject", "*", types.PolicyEvaluationDecisionTypeAllowed, nil, matchedIn("ResourcePolicy", rolePolicy, 0)))},
		{name: "a resource policy without a CallerArn (choice)", call: simulateCustomPolicy(&iam.SimulateCustomPolicyInput{PolicyInputList: []string{onlyGet},
			ActionNames: []string{"s3:GetObject"}, ResourcePolicy: aws.String(bucketPolicy)}),
			wantErr: &fakeiam.Error{Code: "InvalidInput", Status: 400, Message: "Invalid Input: CallerArn is required when a ResourcePolicy is given."}},
		{name: "a document that is not JSON: checked as an inline policy (choice)", call: simulateCustomPolicy(&iam.SimulateCustomPolicyInput{PolicyInputList: []string{"{"}, ActionNames: []string{"s3:GetObject"}}),
			wantErr: malformedPolicy("Syntax errors in policy.")},
		{name: "a Principal in an identity policy", call: simulateCustomPolicy(&iam.SimulateCustomPolicyInput{PolicyInputList: []string{bucketPolicy}, ActionNames: []string{"s3:GetObject"}}),
			wantErr: malformedPolicy("Policy document should not specify a principal.")},
		{name: "an action name of 2", call: simulateCustomPolicy(&iam.SimulateCustomPolicyInput{PolicyInputList: []string{onlyGet}, ActionNames: []string{"s3"}}),
			wantErr: failedConstraints("actionNames", "Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 3]")},
		{name: "a marker of another operation", call: simulateCustomPolicy(&iam.SimulateCustomPolicyInput{PolicyInputList: []string{onlyGet}, ActionNames: []string{"s3:GetObject"},
			Marker: aws.String(strings.Repeat("A", 40))}), wantErr: invalidMarker},
	})
}

// withResources is r with each resource's result and, in one account, an
// empty EvalDecisionDetails (API_EvaluationResult; a resource's own only
// across accounts, API_ResourceSpecificResult).
func withResources(r types.EvaluationResult, each ...types.ResourceSpecificResult) types.EvaluationResult {
	r.EvalDecisionDetails = map[string]types.PolicyEvaluationDecisionType{}
	r.ResourceSpecificResults = each
	return r
}

// withCrossAccount is r with each resource's result, across accounts (no
// EvalDecisionDetails: the fake does not say which policy decided).
func withCrossAccount(r types.EvaluationResult, each ...types.ResourceSpecificResult) types.EvaluationResult {
	r.ResourceSpecificResults = each
	return r
}

func resourceResult(resource string, decision types.PolicyEvaluationDecisionType, statements ...types.Statement) types.ResourceSpecificResult {
	return types.ResourceSpecificResult{EvalResourceName: aws.String(resource), EvalResourceDecision: decision,
		MatchedStatements: append([]types.Statement{}, statements...), MissingContextValues: []string{}}
}

func withMissing(r types.ResourceSpecificResult, keys ...string) types.ResourceSpecificResult {
	r.MissingContextValues = keys
	return r
}

func withResourceBoundary(r types.ResourceSpecificResult, allowed bool) types.ResourceSpecificResult {
	r.PermissionsBoundaryDecisionDetail = &types.PermissionsBoundaryDecisionDetail{AllowedByPermissionsBoundary: allowed}
	return r
}

func withBoundary(r types.EvaluationResult, allowed bool) types.EvaluationResult {
	r.PermissionsBoundaryDecisionDetail = &types.PermissionsBoundaryDecisionDetail{AllowedByPermissionsBoundary: allowed}
	return r
}

func TestGetContextKeysForCustomPolicySpec(t *testing.T) {
	runScenarios(t, seedUsers(), []scenario{
		{name: "the CLI's example (recorded)", call: contextKeysForCustomPolicy(simKeysPolicy),
			want: &iam.GetContextKeysForCustomPolicyOutput{ContextKeyNames: []string{"aws:username", "aws:CurrentTime"}}},
		{name: "each key once, over the policies", call: contextKeysForCustomPolicy(simKeysPolicy, simDynamoPolicy),
			want: &iam.GetContextKeysForCustomPolicyOutput{ContextKeyNames: []string{"aws:username", "aws:CurrentTime"}}},
		{name: "none", call: contextKeysForCustomPolicy(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`),
			want: &iam.GetContextKeysForCustomPolicyOutput{ContextKeyNames: []string{}}},
		{name: "a document that is not JSON", call: contextKeysForCustomPolicy("nope"), wantErr: malformedPolicy("Syntax errors in policy.")},
	})
}

// TestSimulateCustomPolicyPages: the SDK's paginator reads every action's
// result once, in order, a page at a time; a marker is the simulation's
// (Invalid Marker. for another operation's, above).
func TestSimulateCustomPolicyPages(t *testing.T) {
	f := newFake()
	var actions []string
	for k := range 25 {
		actions = append(actions, "s3:Get"+strings.Repeat("x", k))
	}
	in := &iam.SimulateCustomPolicyInput{ActionNames: actions, MaxItems: aws.Int32(10),
		PolicyInputList: []string{`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}}`}}
	var got []string
	sizes := []int{}
	for p := iam.NewSimulateCustomPolicyPaginator(f.Client(), in); p.HasMorePages(); {
		out, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(out.EvaluationResults))
		for _, r := range out.EvaluationResults {
			got = append(got, *r.EvalActionName)
		}
	}
	if diff := cmp.Diff(actions, got); diff != "" {
		t.Errorf("the actions over the pages (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{10, 10, 5}, sizes); diff != "" {
		t.Errorf("page sizes (-want +got):\n%s", diff)
	}
}

// The principal simulator's seed: Sam with an inline policy, in group
// devs (an inline policy and the managed policy deploy attached), with a
// permissions boundary; role ops with an inline policy, and role bounded
// allowed everything within Sam's boundary; role edge within a boundary
// that reads aws:SourceIp.
const (
	samS3      = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`
	devsDeny   = `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}}`
	deployDoc  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:*","s3:*"],"Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}]}`
	samBound   = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s3:*","iam:Get*"],"Resource":"*"}}`
	opsRead    = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:Get*","Resource":"*"}}`
	allowAll   = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`
	officeOnly = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}}}`
)

func seedPrincipalSimulation() []fakeiam.Option {
	return []fakeiam.Option{
		fakeiam.User("Sam").InlinePolicy("s3", samS3).PermissionsBoundary("arn:aws:iam::123456789012:policy/bound"),
		fakeiam.Group("devs").Members("Sam").InlinePolicy("no-delete", devsDeny),
		fakeiam.ManagedPolicy("deploy", deployDoc).AttachedToGroups("devs"),
		fakeiam.ManagedPolicy("bound", samBound),
		fakeiam.Role("ops").InlinePolicy("read", opsRead),
		fakeiam.Role("bounded").InlinePolicy("all", allowAll).PermissionsBoundary("arn:aws:iam::123456789012:policy/bound"),
		fakeiam.ManagedPolicy("office-only", officeOnly),
		fakeiam.Role("edge").InlinePolicy("read", opsRead).PermissionsBoundary("arn:aws:iam::123456789012:policy/office-only"),
	}
}

func simulatePrincipalPolicy(in *iam.SimulatePrincipalPolicyInput) call {
	return callOf((*iam.Client).SimulatePrincipalPolicy, in)
}

func principalSimulated(results ...types.EvaluationResult) *iam.SimulatePrincipalPolicyOutput {
	return &iam.SimulatePrincipalPolicyOutput{EvaluationResults: append([]types.EvaluationResult{}, results...)}
}

func TestSimulatePrincipalPolicySpec(t *testing.T) {
	sam, ops := "arn:aws:iam::123456789012:user/Sam", "arn:aws:iam::123456789012:role/ops"
	opsBucket := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"` + ops + `"},"Action":"s3:GetObject","Resource":"*"}}`
	notPrincipal := &fakeiam.Error{Code: "InvalidInput", Status: 400, Message: "Invalid Input: PolicySourceArn must be the ARN of an IAM user, group or role."}
	region := []types.ContextEntry{{ContextKeyName: aws.String("aws:RequestedRegion"), ContextKeyValues: []string{"eu-west-1"}, ContextKeyType: types.ContextKeyTypeEnumString}}
	runScenarios(t, seedPrincipalSimulation(), []scenario{
		{name: "a user's inline policy, named <kind>_<entity>_<policy> (recorded), within its boundary", call: simulatePrincipalPolicy(&iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: aws.String(sam), ActionNames: []string{"s3:GetObject"}, ContextEntries: region}),
			want: principalSimulated(withBoundary(evaluated("s3:GetObject", "*", types.PolicyEvaluationDecisionTypeAllowed, nil,
				matchedIn("user_Sam_s3", samS3, 0), matchedIn("deploy", deployDoc, 0)), true))},
		{name: "its group's inline deny", call: simulatePrincipalPolicy(&iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: aws.String(sam), ActionNames: []string{"s3:DeleteBucket"}, ContextEntries: region}),
			want: principalSimulated(withBoundary(evaluated("s3:DeleteBucket", "*", types.PolicyEvaluationDecisionTypeExplicitDeny, nil,
				matchedIn("group_devs_no-delete", devsDeny, 0)), true))},
		{name: "its group's managed policy, outside the boundary", call: simulatePrincipalPolicy(&iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: aws.String(sam), ActionNames: []string{"ec2:RunInstances"}, ContextEntries: region}),
			want: principalSimulated(withBoundary(evaluated("ec2:RunInstances", "*", types.PolicyEvaluationDecisionTypeImplicitDeny, nil), false))},
		{name: "the keys it reads, missing", call: simulatePrincipalPolicy(&iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: aws.String(sam), ActionNames: []string{"ec2:RunInstances"}}),
			want: principalSimulated(withBoundary(evaluated("ec2:RunInstances", "*", types.PolicyEvaluationDecisionTypeImplicitDeny, []string{"aws:RequestedRegion"}), false))},
		{name: "a boundary given replaces its own", call: simulatePrincipalPolicy(&iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: aws.String(sam), ActionNames: []string{"ec2:RunInstances"}, ContextEntries: region,
			PermissionsBoundaryPolicyInputList: []string{`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`}}),
			want: principalSimulated(withBoundary(evaluated("ec2:RunInstances", "*", types.PolicyEvaluationDecisionTypeAllowed, nil,
				matchedIn("deploy", deployDoc, 0)), true))},
		{name: "PolicyInputList after its policies", call: simulatePrincipalPolicy(&iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: aws.String(ops), ActionNames: []string{"iam:GetUser"}, PolicyInputList: []string{opsRead}}),
			want: principalSimulated(evaluated("iam:GetUser", "*", types.PolicyEvaluationDecisionTypeAllowed, nil,
				matchedIn("role_ops_read", opsRead, 0), matchedIn("PolicyInputList.1", opsRead, 0)))},
		{name: "a group", call: simulatePrincipalPolicy(&iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: aws.String("arn:aws:iam::123456789012:group/devs"), ActionNames: []string{"s3:DeleteBucket"}}),
			want: principalSimulated(evaluated("s3:DeleteBucket", "*", types.PolicyEvaluationDecisionTypeExplicitDeny, []string{"aws:RequestedRegion"},
				matchedIn("group_devs_no-delete", devsDeny, 0)))},
		{name: "no such user", call: simulatePrincipalPolicy(&iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: aws.String("arn:aws:iam::123456789012:user/Nobody"), ActionNames: []string{"s3:GetObject"}}), wantErr: noSuchUser("Nobody")},
		{name: "a user's ARN with another path (choice)", call: simulatePrincipalPolicy(&iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: aws.String("arn:aws:iam::123456789012:user/x/Sam"), ActionNames: []string{"s3:GetObject"}}), wantErr: noSuchUser("Sam")},
		{name: "no such role", call: simulatePrincipalPolicy(&iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: aws.String("arn:aws:iam::123456789012:role/nope"), ActionNames: []string{"s3:GetObject"}}), wantErr: noSuchRole("nope")},
		{name: "not a principal's ARN (choice)", call: simulatePrincipalPolicy(&iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: aws.String("arn:aws:s3:::bucket-of-the-sim"), ActionNames: []string{"s3:GetObject"}}),
			wantErr: &fakeiam.Error{Code: "InvalidInput", Status: 400, Message: "Invalid Input: PolicySourceArn must be the ARN of an IAM user, group or role."}},
		{name: "a resource policy: the user is the caller", call: simulatePrincipalPolicy(&iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: aws.String(sam), ActionNames: []string{"sqs:SendMessage"}, ResourceArns: []string{"arn:aws:sqs:us-east-1:123456789012:q"},
			ResourcePolicy: aws.String(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"` + sam + `"},"Action":"sqs:SendMessage","Resource":"*"}}`)}),
			want: principalSimulated(withResources(withBoundary(evaluated("sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:q", types.PolicyEvaluationDecisionTypeAllowed,
				[]string{"aws:RequestedRegion"}, matchedIn("ResourcePolicy", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"`+sam+`"},"Action":"sqs:SendMessage","Resource":"*"}}`, 0)), false),
				withResourceBoundary(withMissing(resourceResult("arn:aws:sqs:us-east-1:123456789012:q", types.PolicyEvaluationDecisionTypeAllowed,
					matchedIn("ResourcePolicy", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"`+sam+`"},"Action":"sqs:SendMessage","Resource":"*"}}`, 0)), "aws:RequestedRegion"), false)))},
		{name: "a role's resource policy: the role is the caller (docs)", call: simulatePrincipalPolicy(&iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: aws.String(ops), ActionNames: []string{"s3:GetObject"}, ResourcePolicy: aws.String(opsBucket)}),
			want: principalSimulated(evaluated("s3:GetObject", "*", types.PolicyEvaluationDecisionTypeAllowed, nil, matchedIn("ResourcePolicy", opsBucket, 0)))},
		{name: "another principal's resource policy: a CallerArn names the caller", call: simulatePrincipalPolicy(&iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: aws.String(sam), CallerArn: aws.String(ops), ActionNames: []string{"s3:GetObject"}, ResourcePolicy: aws.String(opsBucket)}),
			want: principalSimulated(withBoundary(evaluated("s3:GetObject", "*", types.PolicyEvaluationDecisionTypeAllowed, []string{"aws:RequestedRegion"},
				matchedIn("user_Sam_s3", samS3, 0), matchedIn("ResourcePolicy", opsBucket, 0)), true))},
		{name: "a role's own boundary", call: simulatePrincipalPolicy(&iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: aws.String("arn:aws:iam::123456789012:role/bounded"), ActionNames: []string{"s3:GetObject", "ec2:RunInstances"}}),
			want: principalSimulated(
				withBoundary(evaluated("s3:GetObject", "*", types.PolicyEvaluationDecisionTypeAllowed, nil, matchedIn("role_bounded_all", allowAll, 0)), true),
				withBoundary(evaluated("ec2:RunInstances", "*", types.PolicyEvaluationDecisionTypeImplicitDeny, nil), false))},
		{name: "a boundary's key missing: outside it", call: simulatePrincipalPolicy(&iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: aws.String("arn:aws:iam::123456789012:role/edge"), ActionNames: []string{"iam:GetUser"}}),
			want: principalSimulated(withBoundary(evaluated("iam:GetUser", "*", types.PolicyEvaluationDecisionTypeImplicitDeny, []string{"aws:SourceIp"}), false))},
		{name: "a user of another account (choice)", call: simulatePrincipalPolicy(&iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: aws.String("arn:aws:iam::999999999999:user/Sam"), ActionNames: []string{"s3:GetObject"}}), wantErr: noSuchUser("Sam")},
		{name: "a policy's ARN (choice)", call: simulatePrincipalPolicy(&iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: aws.String("arn:aws:iam::123456789012:policy/bound"), ActionNames: []string{"s3:GetObject"}}), wantErr: notPrincipal},
		{name: "an ARN that names no entity (choice)", call: simulatePrincipalPolicy(&iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: aws.String("arn:aws:iam::123456789012:user/"), ActionNames: []string{"s3:GetObject"}}), wantErr: notPrincipal},
		{name: "not an ARN (choice)", call: simulatePrincipalPolicy(&iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: aws.String("Sam-the-user-of-account-123456789012"), ActionNames: []string{"s3:GetObject"}}), wantErr: notPrincipal},
		{name: "PolicyExclusionList: not implemented, said loudly", call: simulatePrincipalPolicy(&iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: aws.String(sam), ActionNames: []string{"s3:GetObject"},
			PolicyExclusionList: []types.PolicyIdentifier{&types.PolicyIdentifierMemberPolicyArn{Value: "arn:aws:iam::123456789012:policy/deploy"}}}),
			wantErr: &fakeiam.Error{Code: "NotImplemented", Status: 501, Message: "fakeiam does not implement the PolicyExclusionList parameter of SimulatePrincipalPolicy (nothing was done)"}},
		{name: "a denial names the PolicySourceArn (choice)", steps: []change{inject(fakeiam.Rule{Operation: fakeiam.SimulatePrincipalPolicy, Then: fakeiam.AccessDenied()})},
			call:    simulatePrincipalPolicy(&iam.SimulatePrincipalPolicyInput{PolicySourceArn: aws.String(sam), ActionNames: []string{"s3:GetObject"}}),
			wantErr: ruleDenied(rootARN, fakeiam.SimulatePrincipalPolicy, sam)},
	})
}

func TestGetContextKeysForPrincipalPolicySpec(t *testing.T) {
	runScenarios(t, seedPrincipalSimulation(), []scenario{
		{name: "its policies' keys, then the given ones'", call: callOf((*iam.Client).GetContextKeysForPrincipalPolicy, &iam.GetContextKeysForPrincipalPolicyInput{
			PolicySourceArn: aws.String("arn:aws:iam::123456789012:user/Sam"), PolicyInputList: []string{simKeysPolicy}}),
			want: &iam.GetContextKeysForPrincipalPolicyOutput{ContextKeyNames: []string{"aws:RequestedRegion", "aws:username", "aws:CurrentTime"}}},
		{name: "none", call: callOf((*iam.Client).GetContextKeysForPrincipalPolicy, &iam.GetContextKeysForPrincipalPolicyInput{
			PolicySourceArn: aws.String("arn:aws:iam::123456789012:role/ops")}),
			want: &iam.GetContextKeysForPrincipalPolicyOutput{ContextKeyNames: []string{}}},
		{name: "its boundary's keys too (choice: SimulatePrincipalPolicy reports them missing)", call: callOf((*iam.Client).GetContextKeysForPrincipalPolicy, &iam.GetContextKeysForPrincipalPolicyInput{
			PolicySourceArn: aws.String("arn:aws:iam::123456789012:role/edge")}),
			want: &iam.GetContextKeysForPrincipalPolicyOutput{ContextKeyNames: []string{"aws:SourceIp"}}},
		{name: "no such group", call: callOf((*iam.Client).GetContextKeysForPrincipalPolicy, &iam.GetContextKeysForPrincipalPolicyInput{
			PolicySourceArn: aws.String("arn:aws:iam::123456789012:group/nope")}), wantErr: noSuchGroup("nope")},
	})
}

// TestContextKeysFollowChanges: keys asked for one after another by one
// caller are each call's own: another principal's, with given policies,
// a principal's own after given ones, and after the model changed (the
// fake shares the answer for a principal's own policies while nothing
// changed).
func TestContextKeysFollowChanges(t *testing.T) {
	const tls = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}`
	ctx := context.Background()
	f := newFake(append(seedPrincipalSimulation(), fakeiam.Account("210987654321", fakeiam.User("Eve")))...)
	c := f.Client()
	// Eve's client, made and used before the calls below: making a key is
	// a write, which would hide a capture that forgot its caller.
	eve := f.Principal("arn:aws:iam::210987654321:user/Eve").Client()
	if _, err := eve.ListUsers(ctx, &iam.ListUsersInput{}); err != nil {
		t.Fatal(err)
	}
	keysOf := func(role string, given ...string) []string {
		out, err := c.GetContextKeysForPrincipalPolicy(ctx, &iam.GetContextKeysForPrincipalPolicyInput{
			PolicySourceArn: aws.String("arn:aws:iam::123456789012:role/" + role), PolicyInputList: given})
		if err != nil {
			t.Fatal(err)
		}
		return out.ContextKeyNames
	}
	for _, step := range []struct {
		name  string
		write func()
		role  string
		given []string
		want  []string
	}{ // in order: each call after the one before it, whose answer may be captured
		{name: "a principal's own", role: "ops", want: []string{}},
		{name: "another principal's", role: "edge", want: []string{"aws:SourceIp"}},
		{name: "with given policies (its boundary's last)", role: "edge", given: []string{tls}, want: []string{"aws:SecureTransport", "aws:SourceIp"}},
		{name: "its own after given ones", role: "edge", want: []string{"aws:SourceIp"}},
		{name: "another's again", role: "ops", want: []string{}},
		{name: "after an inline policy put", role: "ops", write: func() {
			if _, err := c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("ops"), PolicyName: aws.String("tls"), PolicyDocument: aws.String(tls)}); err != nil {
				t.Fatal(err)
			}
		}, want: []string{"aws:SecureTransport"}},
	} {
		if step.write != nil {
			step.write()
		}
		if diff := cmp.Diff(step.want, keysOf(step.role, step.given...)); diff != "" {
			t.Errorf("%s: keys (-want +got):\n%s", step.name, diff)
		}
	}
	// Another account's caller, right after this account's answer for the
	// same ARN: not its principal.
	keysOf("edge")
	_, err := eve.GetContextKeysForPrincipalPolicy(ctx, &iam.GetContextKeysForPrincipalPolicyInput{PolicySourceArn: aws.String("arn:aws:iam::123456789012:role/edge")})
	if got, want := apiErrorMessage(err), noSuchRole("edge").Message; got != want {
		t.Errorf("another account's caller: %q, want %q", got, want)
	}
}

// TestSimulatePrincipalPolicySeesChanges: the simulator keeps a stored
// policy's compiled form with it; a policy put again, a new default
// version and a boundary removed are what the next simulation decides.
func TestSimulatePrincipalPolicySeesChanges(t *testing.T) {
	f := newFake(seedPrincipalSimulation()...)
	c, ctx := f.Client(), context.Background()
	region := []types.ContextEntry{{ContextKeyName: aws.String("aws:RequestedRegion"), ContextKeyValues: []string{"eu-west-1"}, ContextKeyType: types.ContextKeyTypeEnumString}}
	decide := func(action string) string {
		t.Helper()
		out, err := c.SimulatePrincipalPolicy(ctx, &iam.SimulatePrincipalPolicyInput{PolicySourceArn: aws.String("arn:aws:iam::123456789012:user/Sam"),
			ActionNames: []string{action}, ContextEntries: region})
		if err != nil {
			t.Fatal(err)
		}
		r := out.EvaluationResults[0]
		var by []string
		for _, s := range r.MatchedStatements {
			by = append(by, *s.SourcePolicyId)
		}
		return string(r.EvalDecision) + " " + strings.Join(by, ",")
	}
	step := func(name string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	var got []string
	got = append(got, decide("s3:GetObject"), decide("ec2:RunInstances"))
	_, err := c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("Sam"), PolicyName: aws.String("s3"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}}`)})
	step("PutUserPolicy", err)
	got = append(got, decide("s3:GetObject"))
	_, err = c.CreatePolicyVersion(ctx, &iam.CreatePolicyVersionInput{PolicyArn: aws.String("arn:aws:iam::123456789012:policy/bound"), SetAsDefault: true,
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`)})
	step("CreatePolicyVersion", err)
	got = append(got, decide("ec2:RunInstances"))
	_, err = c.SetDefaultPolicyVersion(ctx, &iam.SetDefaultPolicyVersionInput{PolicyArn: aws.String("arn:aws:iam::123456789012:policy/bound"), VersionId: aws.String("v1")})
	step("SetDefaultPolicyVersion", err)
	got = append(got, decide("ec2:RunInstances"))
	_, err = c.DeleteUserPermissionsBoundary(ctx, &iam.DeleteUserPermissionsBoundaryInput{UserName: aws.String("Sam")})
	step("DeleteUserPermissionsBoundary", err)
	got = append(got, decide("ec2:RunInstances"))
	want := []string{
		"allowed user_Sam_s3,deploy", "implicitDeny ", // outside the boundary
		"explicitDeny user_Sam_s3", // the policy put again
		"allowed deploy",           // the boundary's new default allows all
		"implicitDeny ",            // v1 again
		"allowed deploy",           // no boundary
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("decisions over the changes (-want +got):\n%s", diff)
	}
}
