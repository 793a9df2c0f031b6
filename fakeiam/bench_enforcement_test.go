package fakeiam_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// budgetEnforcement is issue 18's: a call with enforcement on ≤ 1.15 × the
// same call with it off.
const budgetEnforcement = 1.15

// enforcedPolicies are 10 managed policies of 10 statements each, as a
// team's policies look: each statement for one service's actions (one in
// ten IAM's), on resources of that service, some named by
// ${aws:username}, with conditions on the region, the source address and
// the time. The last policy's IAM statement lets its holder read and tag
// its own user.
func enforcedPolicies() []fakeiam.Option {
	services := []string{"ecr", "ec2", "sqs", "sns", "dynamodb", "lambda", "logs", "kms", "ssm", "iam"}
	var seeds []fakeiam.Option
	for p := range 10 {
		var stmts []string
		for s, svc := range services {
			resource := fmt.Sprintf("arn:aws:%s:us-east-1:123456789012:thing-%d-%d/*", svc, p, s)
			switch {
			case svc == "iam":
				resource = fmt.Sprintf("arn:aws:iam::123456789012:user/team-%d/*", p)
				if p == 9 {
					resource = "arn:aws:iam::*:user/${aws:username}"
				}
			case s%3 == 0:
				resource = fmt.Sprintf("arn:aws:%s:*:123456789012:${aws:username}/*", svc)
			}
			stmts = append(stmts, fmt.Sprintf(`{"Sid":"S%d","Effect":"Allow","Action":["%s:Get*","%s:List*","%s:Tag*"],"Resource":"%s",`+
				`"Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"},"IpAddress":{"aws:SourceIp":"127.0.0.0/8"},"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}}`,
				s, svc, svc, svc, resource))
		}
		doc := `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
		seeds = append(seeds, fakeiam.ManagedPolicy(fmt.Sprintf("p%d", p), doc).AttachedToUsers("Bob").AttachedToRoles("deployer"))
	}
	return seeds
}

// enforcedFake is a fake of Bob, Alice and role deployer, Bob and the
// role holding the policies above, and the options given.
func enforcedFake(opts ...fakeiam.Option) *fakeiam.Fake {
	return newFake(append(append([]fakeiam.Option{fakeiam.User("Bob"), fakeiam.User("Alice"), fakeiam.Role("deployer")}, enforcedPolicies()...), opts...)...)
}

// BenchmarkEnforcement: GetUser by a user with 10 policies of 10
// statements, enforcement on (measured) against off (base), paired call by
// call as BenchmarkPairedRatios; the budget is reported beside the ratio.
func BenchmarkEnforcement(b *testing.B) {
	ctx := context.Background()
	rows := []struct {
		name   string
		caller func(f *fakeiam.Fake) *iam.Client
		in     *iam.GetUserInput
		denied bool
	}{
		// Bob reads himself: allowed by the last policy's IAM statement.
		{"GetUser", func(f *fakeiam.Fake) *iam.Client { return f.User("Bob").Client() }, &iam.GetUserInput{}, false},
		// Bob reads Alice, whom none of his policies name: denied after
		// every IAM statement is read.
		{"GetUser-denied", func(f *fakeiam.Fake) *iam.Client { return f.User("Bob").Client() }, &iam.GetUserInput{UserName: aws.String("Alice")}, true},
		// The role's session, holding the same policies, reads Alice: no
		// ${aws:username} for a role, denied.
		{"role-session/GetUser", func(f *fakeiam.Fake) *iam.Client { return f.Role("deployer").Client() }, &iam.GetUserInput{UserName: aws.String("Alice")}, true},
		// A session Bob got from AssumeRole, with a session policy and
		// session tags, reads Carol (team-3): allowed by the role's
		// policies and the session policy.
		{"assumed-session/GetUser", assumedDeployer, &iam.GetUserInput{UserName: aws.String("Carol")}, false},
	}
	for _, row := range rows {
		b.Run("on-vs-off/"+row.name, func(b *testing.B) {
			b.ReportAllocs()
			// A denial's base is the same denial without enforcement: an
			// AccessDenied fault rule (both sides answer IAM's error).
			offFake := enforcedFake(fakeiam.User("Carol").Path("/team-3/"))
			if row.denied {
				offFake.Inject(fakeiam.Rule{Operation: fakeiam.GetUser, Then: fakeiam.AccessDenied()})
			}
			off, on := row.caller(offFake), row.caller(enforcedFake(fakeiam.Enforce(), fakeiam.User("Carol").Path("/team-3/")))
			pairedRatio(b, func() error {
				if _, err := off.GetUser(ctx, row.in); (err != nil) != row.denied {
					return fmt.Errorf("GetUser %v without enforcement: %v, want denied %v", row.in.UserName, err, row.denied)
				}
				return nil
			},
				func() error {
					if _, err := on.GetUser(ctx, row.in); (err != nil) != row.denied {
						return fmt.Errorf("GetUser %v: %v, want denied %v", row.in.UserName, err, row.denied)
					}
					return nil
				}, nil)
			b.ReportMetric(budgetEnforcement, "budget")
		})
	}
}

// assumedDeployer is a session of the role deployer that Bob assumed
// (its trust policy naming him), with a session policy and two session
// tags, as a deployment pipeline's.
func assumedDeployer(f *fakeiam.Fake) *iam.Client {
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/Bob"},"Action":["sts:AssumeRole","sts:TagSession"]}]}`
	if _, err := f.Client().UpdateAssumeRolePolicy(context.Background(), &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String("deployer"), PolicyDocument: &trust}); err != nil {
		panic(err)
	}
	s, err := f.User("Bob").AssumeRole(&sts.AssumeRoleInput{RoleArn: aws.String("deployer"), RoleSessionName: aws.String("pipeline"),
		Policy: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:Get*","iam:List*"],"Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/stage":"prod"}}}]}`),
		Tags:   []ststypes.Tag{{Key: aws.String("stage"), Value: aws.String("prod")}, {Key: aws.String("team"), Value: aws.String("blue")}}})
	if err != nil {
		panic(err)
	}
	return s.Client()
}
