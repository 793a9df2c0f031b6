package fakeiam_test

// The paired rows (BenchmarkPairedRatios/op, bench_paired_test.go) of the
// policy simulator (policy_simulator.go). The floor answers a copy of the
// fake's own answer to the same call.

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

func init() { pairedRows = append(pairedRows, simulatorRows...) }

// budgetSimulation is issue 18's bar for a simulation of 100 actions on
// 10 resources.
const budgetSimulation = 1.5

// simulatorPolicy is a policy of 10 statements with conditions, 2,5 KB or
// so: statement k allows service svc<k>'s actions on its buckets when the
// caller's tag says so.
func simulatorPolicy() string {
	var b strings.Builder
	b.WriteString(`{"Version":"2012-10-17","Statement":[`)
	for k := range 10 {
		if k > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"Sid":"s%d","Effect":"Allow","Action":["svc%d:Get*","svc%d:List*"],"Resource":"arn:aws:s3:::bucket%d/*",`+
			`"Condition":{"StringEquals":{"aws:PrincipalTag/team":["eng","ops"]},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}`, k, k, k, k)
	}
	b.WriteString(`]}`)
	return b.String()
}

// simulatorContext is the context the policy above reads.
func simulatorContext() []types.ContextEntry {
	return []types.ContextEntry{
		{ContextKeyName: aws.String("aws:PrincipalTag/team"), ContextKeyValues: []string{"eng"}, ContextKeyType: types.ContextKeyTypeEnumString},
		{ContextKeyName: aws.String("aws:SourceIp"), ContextKeyValues: []string{"10.1.2.3"}, ContextKeyType: types.ContextKeyTypeEnumIp},
	}
}

// simulatorRequests are 100 actions (half the policy's) and 10 resources.
func simulatorRequests() (actions, resources []string) {
	for k := range 100 {
		actions = append(actions, fmt.Sprintf("svc%d:%s%d", k%10, []string{"GetThing", "PutThing"}[k%2], k))
	}
	for k := range 10 {
		resources = append(resources, fmt.Sprintf("arn:aws:s3:::bucket%d/key", k))
	}
	return actions, resources
}

// copyEvaluationResults is the cheapest faithful copy of a simulation's
// results.
func copyEvaluationResults(in []types.EvaluationResult) []types.EvaluationResult {
	out := make([]types.EvaluationResult, len(in))
	for i, r := range in {
		c := r
		c.EvalActionName, c.EvalResourceName = aws.String(*r.EvalActionName), aws.String(*r.EvalResourceName)
		c.MatchedStatements = copyStatements(r.MatchedStatements)
		c.MissingContextValues = append([]string{}, r.MissingContextValues...)
		if r.EvalDecisionDetails != nil {
			c.EvalDecisionDetails = map[string]types.PolicyEvaluationDecisionType{}
		}
		c.ResourceSpecificResults = make([]types.ResourceSpecificResult, len(r.ResourceSpecificResults))
		for j, rs := range r.ResourceSpecificResults {
			d := rs
			d.EvalResourceName = aws.String(*rs.EvalResourceName)
			d.MatchedStatements = copyStatements(rs.MatchedStatements)
			d.MissingContextValues = append([]string{}, rs.MissingContextValues...)
			if rs.EvalDecisionDetails != nil {
				d.EvalDecisionDetails = map[string]types.PolicyEvaluationDecisionType{}
			}
			c.ResourceSpecificResults[j] = d
		}
		if r.ResourceSpecificResults == nil {
			c.ResourceSpecificResults = nil
		}
		out[i] = c
	}
	return out
}

func copyStatements(in []types.Statement) []types.Statement {
	out := make([]types.Statement, len(in))
	for i, s := range in {
		start, end := *s.StartPosition, *s.EndPosition
		out[i] = types.Statement{SourcePolicyId: aws.String(*s.SourcePolicyId), SourcePolicyType: s.SourcePolicyType, StartPosition: &start, EndPosition: &end}
	}
	return out
}

var simulatorRows = []pairedRow{
	// 100 actions (half allowed) on 10 resources, the policy above, the
	// context its conditions read.
	{fakeiam.SimulateCustomPolicy, budgetSimulation, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		in := &iam.SimulateCustomPolicyInput{PolicyInputList: []string{simulatorPolicy()}, ContextEntries: simulatorContext(), MaxItems: aws.Int32(100)}
		in.ActionNames, in.ResourceArns = simulatorRequests()
		call := func(c *iam.Client) (*iam.SimulateCustomPolicyOutput, error) {
			return c.SimulateCustomPolicy(context.Background(), in)
		}
		f := usersFake(tb, 0)
		out, err := call(f.Client())
		warmedUp(tb, err)
		if len(out.EvaluationResults) != 100 || out.IsTruncated {
			tb.Fatalf("%d results, truncated %v; want 100, false", len(out.EvaluationResults), out.IsTruncated)
		}
		floor := floorClient(usersFake(tb, 0), func() any {
			return &iam.SimulateCustomPolicyOutput{EvaluationResults: copyEvaluationResults(out.EvaluationResults)}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	// A user's simulation: the policy above attached, 100 actions on 10
	// resources, as SimulateCustomPolicy's row (issue 18's bar is this one's).
	{fakeiam.SimulatePrincipalPolicy, budgetSimulation, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		in := &iam.SimulatePrincipalPolicyInput{PolicySourceArn: aws.String("arn:aws:iam::123456789012:user/sim"), ContextEntries: simulatorContext(), MaxItems: aws.Int32(100)}
		in.ActionNames, in.ResourceArns = simulatorRequests()
		call := func(c *iam.Client) (*iam.SimulatePrincipalPolicyOutput, error) {
			return c.SimulatePrincipalPolicy(context.Background(), in)
		}
		f, err := newFakeE(fakeiam.User("sim"), fakeiam.ManagedPolicy("sim", simulatorPolicy()).AttachedToUsers("sim"))
		if err != nil {
			tb.Fatal(err)
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any {
			return &iam.SimulatePrincipalPolicyOutput{EvaluationResults: copyEvaluationResults(out.EvaluationResults)}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	// The context keys of a user's policy, the policy above.
	{fakeiam.GetContextKeysForPrincipalPolicy, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		in := &iam.GetContextKeysForPrincipalPolicyInput{PolicySourceArn: aws.String("arn:aws:iam::123456789012:user/sim")}
		call := func(c *iam.Client) (*iam.GetContextKeysForPrincipalPolicyOutput, error) {
			return c.GetContextKeysForPrincipalPolicy(context.Background(), in)
		}
		f, err := newFakeE(fakeiam.User("sim"), fakeiam.ManagedPolicy("sim", simulatorPolicy()).AttachedToUsers("sim"))
		if err != nil {
			tb.Fatal(err)
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any {
			return &iam.GetContextKeysForPrincipalPolicyOutput{ContextKeyNames: append([]string{}, out.ContextKeyNames...)}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
	// The context keys of the policy above.
	{fakeiam.GetContextKeysForCustomPolicy, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		in := &iam.GetContextKeysForCustomPolicyInput{PolicyInputList: []string{simulatorPolicy()}}
		call := func(c *iam.Client) (*iam.GetContextKeysForCustomPolicyOutput, error) {
			return c.GetContextKeysForCustomPolicy(context.Background(), in)
		}
		f := usersFake(tb, 0)
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any {
			return &iam.GetContextKeysForCustomPolicyOutput{ContextKeyNames: append([]string{}, out.ContextKeyNames...)}
		})
		return calls(floor, call), calls(f.Client(), call), nil
	}},
}
