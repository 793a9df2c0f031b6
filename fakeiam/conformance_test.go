package fakeiam_test

// docs/conformance.md: the cases AWS's IAM User Guide gives for its policy
// evaluation logic, each decided by SimulateCustomPolicy. Every expected
// decision is the one the documentation states (the table names the page
// and the section); none was taken from the fake. Placeholders of the docs
// (account-id, BUCKET-NAME, REGION) are filled with example values.

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

const (
	confAllowed      = types.PolicyEvaluationDecisionTypeAllowed
	confExplicitDeny = types.PolicyEvaluationDecisionTypeExplicitDeny
	confImplicitDeny = types.PolicyEvaluationDecisionTypeImplicitDeny
)

// confEntry is a context entry of the simulation.
func confEntry(key string, kind types.ContextKeyTypeEnum, values ...string) types.ContextEntry {
	return types.ContextEntry{ContextKeyName: aws.String(key), ContextKeyType: kind, ContextKeyValues: values}
}

func confEntries(e ...types.ContextEntry) []types.ContextEntry { return e }

// The documentation's policies, as it gives them (compacted).
const (
	// reference_policies_evaluation-logic_policy-eval-basics: Carlos.
	confCarlosIdentity = `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"AllowS3ListRead","Effect":"Allow","Action":["s3:GetBucketLocation","s3:GetAccountPublicAccessBlock","s3:ListAccessPoints","s3:ListAllMyBuckets"],"Resource":"arn:aws:s3:::*"},` +
		`{"Sid":"AllowS3Self","Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/*","arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar"]},` +
		`{"Sid":"DenyS3Logs","Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::*log*"}]}`
	confCarlosListOnly = `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"AllowS3ListRead","Effect":"Allow","Action":["s3:GetBucketLocation","s3:GetAccountPublicAccessBlock","s3:ListAccessPoints","s3:ListAllMyBuckets"],"Resource":"arn:aws:s3:::*"}]}`
	confCarlosBucket = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/carlossalazar"},"Action":"s3:*",` +
		`"Resource":["arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/*","arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar"]}]}`
	confCarlos = "arn:aws:iam::123456789012:user/carlossalazar"

	// reference_policies_evaluation-logic_AccessPolicyLanguage_Interplay.
	confAllowGetListDenyReports = `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"AllowGetList","Effect":"Allow","Action":["iam:Get*","iam:List*"],"Resource":"*"},` +
		`{"Sid":"DenyReports","Effect":"Deny","Action":"iam:*Report","Resource":"*"}]}`

	// access_policies_boundaries: Shirley.
	confShirleyBoundary = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","cloudwatch:*","ec2:*"],"Resource":"*"}]}`
	confShirleyIdentity = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:CreateUser","Resource":"*"}}`

	// access_policies_boundaries, "Delegating responsibility to others
	// using permissions boundaries": María, Zhang and Nikhil.
	confXCompanyBoundaries = `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"ServiceBoundaries","Effect":"Allow","Action":["s3:*","cloudwatch:*","ec2:*","dynamodb:*"],"Resource":"*"},` +
		`{"Sid":"AllowIAMConsoleForCredentials","Effect":"Allow","Action":["iam:ListUsers","iam:GetAccountPasswordPolicy"],"Resource":"*"},` +
		`{"Sid":"AllowManageOwnPasswordAndAccessKeys","Effect":"Allow","Action":["iam:*AccessKey*","iam:ChangePassword","iam:GetUser","iam:*ServiceSpecificCredential*","iam:*SigningCertificate*"],"Resource":["arn:aws:iam::*:user/${aws:username}"]},` +
		`{"Sid":"DenyS3Logs","Effect":"Deny","Action":"s3:*","Resource":["arn:aws:s3:::logs","arn:aws:s3:::logs/*"]},` +
		`{"Sid":"DenyEC2Production","Effect":"Deny","Action":"ec2:*","Resource":"arn:aws:ec2:*:*:instance/i-1234567890abcdef0"}]}`
	confDelegatedUserBoundary = `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"CreateOrChangeOnlyWithBoundary","Effect":"Allow","Action":["iam:AttachUserPolicy","iam:CreateUser","iam:DeleteUserPolicy","iam:DetachUserPolicy","iam:PutUserPermissionsBoundary","iam:PutUserPolicy"],"Resource":"*",` +
		`"Condition":{"StringEquals":{"iam:PermissionsBoundary":"arn:aws:iam::123456789012:policy/XCompanyBoundaries"}}},` +
		`{"Sid":"CloudWatchAndOtherIAMTasks","Effect":"Allow","Action":["cloudwatch:*","iam:CreateAccessKey","iam:CreateGroup","iam:CreateLoginProfile","iam:CreatePolicy","iam:DeleteGroup","iam:DeletePolicy","iam:DeletePolicyVersion","iam:DeleteUser","iam:GetAccountPasswordPolicy","iam:GetGroup","iam:GetLoginProfile","iam:GetPolicy","iam:GetPolicyVersion","iam:GetRolePolicy","iam:GetUser","iam:GetUserPolicy","iam:ListAccessKeys","iam:ListAttachedRolePolicies","iam:ListAttachedUserPolicies","iam:ListEntitiesForPolicy","iam:ListGroups","iam:ListGroupsForUser","iam:ListMFADevices","iam:ListPolicies","iam:ListPolicyVersions","iam:ListRolePolicies","iam:ListSSHPublicKeys","iam:ListServiceSpecificCredentials","iam:ListSigningCertificates","iam:ListUserPolicies","iam:ListUsers","iam:SetDefaultPolicyVersion","iam:SimulateCustomPolicy","iam:SimulatePrincipalPolicy","iam:UpdateGroup","iam:UpdateLoginProfile","iam:UpdateUser"],` +
		`"NotResource":"arn:aws:iam::123456789012:user/Maria"},` +
		`{"Sid":"NoBoundaryPolicyEdit","Effect":"Deny","Action":["iam:CreatePolicyVersion","iam:DeletePolicy","iam:DeletePolicyVersion","iam:SetDefaultPolicyVersion"],"Resource":["arn:aws:iam::123456789012:policy/XCompanyBoundaries","arn:aws:iam::123456789012:policy/DelegatedUserBoundary"]},` +
		`{"Sid":"NoBoundaryUserDelete","Effect":"Deny","Action":"iam:DeleteUserPermissionsBoundary","Resource":"*"}]}`
	confDelegatedUserPermissions = `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"IAM","Effect":"Allow","Action":"iam:*","Resource":"*"},` +
		`{"Sid":"CloudWatchLimited","Effect":"Allow","Action":["cloudwatch:GetDashboard","cloudwatch:GetMetricData","cloudwatch:ListDashboards","cloudwatch:GetMetricStatistics","cloudwatch:ListMetrics"],"Resource":"*"},` +
		`{"Sid":"S3BucketContents","Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::ZhangBucket"}]}`
	// The AWS managed policies Zhang gives Nikhil, by the statements the
	// case turns on (IAMFullAccess: iam:*; AmazonS3ReadOnlyAccess:
	// s3:Get* and s3:List*).
	confIAMFullAccess          = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]}`
	confAmazonS3ReadOnlyAccess = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"*"}]}`
	confNikhil                 = "arn:aws:iam::123456789012:user/Nikhil"
	confLogsBucketForNikhil    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/Nikhil"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::logs/*"}]}`
	confSecretForNikhil        = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/Nikhil"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}`

	// reference_policies_evaluation-logic (now
	// reference_policies_evaluation-logic_policy-eval-denyallow),
	// "Resource-based policies": the docs' example ARNs; the policies are
	// ours (an identity policy and a boundary that do not allow the
	// action, a bucket policy that names the principal).
	confExampleUser   = "arn:aws:iam::111122223333:user/exampleuser"
	confExampleRole   = "arn:aws:iam::111122223333:role/examplerole"
	confBucketForRole = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/examplerole"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*"}}`
	// variables, "Policy variables with no value": the Deny on a tag the
	// principal may not carry (the docs' JSON restored: its "Condition"
	// key, its resource without the stray slash).
	confTeamTagDeny = `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*",` +
		`"Condition":{"StringNotEquals":{"s3:ExistingObjectTag/Team":"${aws:PrincipalTag/Team}"}}}}`
	confRoleIdentity  = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:DescribeInstances","Resource":"*"}}`
	confRoleBoundary  = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:*","Resource":"*"}}`
	confBucketForUser = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/exampleuser"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*"}}`

	// reference_policies_elements_condition_operators.
	confStringEquals = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:*AccessKey*","Resource":"arn:aws:iam::123456789012:user/*",` +
		`"Condition":{"StringEquals":{"aws:PrincipalTag/job-category":"iamuser-admin"}}}}`
	confStringLikeHome = `{"Version":"2012-10-17","Statement":[` +
		`{"Effect":"Allow","Action":["s3:ListAllMyBuckets","s3:GetBucketLocation"],"Resource":"arn:aws:s3:::*"},` +
		`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::amzn-s3-demo-bucket","Condition":{"StringLike":{"s3:prefix":["","home/","home/${aws:username}/"]}}},` +
		`{"Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}","arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"]}]}`
	confNumeric = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket",` +
		`"Condition":{"NumericLessThanEquals":{"s3:max-keys":"10"}}}}`
	confDate = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:*AccessKey*","Resource":"arn:aws:iam::123456789012:user/*",` +
		`"Condition":{"DateGreaterThan":{"aws:TokenIssueTime":"2020-01-01T00:00:01Z"}}}}`
	confBool = `{"Version":"2012-10-17","Statement":[{"Sid":"BooleanExample","Action":"s3:*","Effect":"Deny",` +
		`"Resource":["arn:aws:s3:::amzn-s3-demo-bucket","arn:aws:s3:::amzn-s3-demo-bucket/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
	confIPAddress = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:*AccessKey*","Resource":"arn:aws:iam::123456789012:user/*",` +
		`"Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}}`
	confIPv4AndIPv6 = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"someservice:*","Resource":"*",` +
		`"Condition":{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:DB8:1234:5678::/64"]}}}}`
	confStringNotWorking = `{"Version":"2012-10-17","Statement":{"Sid":"THISPOLICYDOESNOTWORK","Effect":"Allow","Action":"ec2:RunInstances","Resource":"*",` +
		`"Condition":{"StringLike":{"ec2:InstanceType":["t1.*","t2.*","m3.*"]}}}}`
	confStringLikeIfExists = `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"RunInstance","Effect":"Allow","Action":"ec2:RunInstances","Resource":"*","Condition":{"StringLikeIfExists":{"ec2:InstanceType":["t1.*","t2.*","m3.*"]}}},` +
		`{"Sid":"DescribeActions","Effect":"Allow","Action":["ec2:DescribeImages","ec2:DescribeInstances","ec2:DescribeVpcs","ec2:DescribeKeyPairs","ec2:DescribeSubnets","ec2:DescribeSecurityGroups"],"Resource":"*"}]}`
	confNull = `{"Version":"2012-10-17","Statement":{"Action":"ec2:*","Effect":"Allow","Resource":"*","Condition":{"Null":{"aws:TokenIssueTime":"true"}}}}`

	// The ARN operators' example: one pattern, one value, matched by
	// StringLike and by ArnLike (the docs give the pattern and the value;
	// the statement around them is ours).
	confArnPatternStringLike = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sns:Publish","Resource":"*",` +
		`"Condition":{"StringLike":{"aws:SourceArn":"arn:aws:someservice:*:111122223333:finance/*"}}}}`
	confArnPatternArnLike = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sns:Publish","Resource":"*",` +
		`"Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:someservice:*:111122223333:finance/*"}}}}`
	confArnValue = "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"

	// The binary operator's example condition (a fragment in the docs; its
	// key "key" is named example:key here, the simulator's ContextKeyName
	// being of 5 characters at least).
	confBinaryEquals = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",` +
		`"Condition":{"BinaryEquals":{"example:key":"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}}}`

	// reference_policies_condition_examples-multi-valued-context-keys,
	// "Deny a single policy condition value for a multivalued context key".
	confDenyRestrictedTags = `{"Version":"2012-10-17","Statement":[{"Sid":"DenyRestrictedTags","Effect":"Deny","Action":["iam:Tag*","iam:UnTag*"],"Resource":["*"],` +
		`"Condition":{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}}]}`

	// reference_policies_multi-value-conditions: the DynamoDB Thread table.
	confThreadForAllValues = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:*:*:table/Thread",` +
		`"Condition":{"ForAllValues:StringEquals":{"dynamodb:Attributes":["ID","Message","Tags"]}}}]}`
	confThreadForAnyValue = `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"dynamodb:PutItem","Resource":"arn:aws:dynamodb:*:*:table/Thread",` +
		`"Condition":{"ForAnyValue:StringEquals":{"dynamodb:Attributes":["ID","PostDateTime"]}}}}`
	confThreadEvalLogic = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:*:*:table/Thread",` +
		`"Condition":{"ForAllValues:StringEquals":{"dynamodb:Attributes":["PostDateTime","Message","Tags"]}}}}`
	confThreadTable = "arn:aws:dynamodb:us-east-1:123456789012:table/Thread"

	// reference_policies_multi-value-conditions, "Evaluation logic for
	// conditions with multiple keys or values": the docs' condition block
	// (the statement around it is ours), and the note's negated operator
	// with several aws:PrincipalAccount values.
	confAndOr = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{` +
		`"StringEqualsIgnoreCase":{"aws:PrincipalTag/department":["finance","hr","legal"],"aws:PrincipalTag/role":["audit","security"]},` +
		`"StringEquals":{"aws:PrincipalAccount":"123456789012"}}}}`
	confNegatedValues = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",` +
		`"Condition":{"StringNotEquals":{"aws:PrincipalAccount":["111122223333","444455556666"]}}}}`

	// reference_policies_variables.
	confUsernameHome = `{"Version":"2012-10-17","Statement":[` +
		`{"Action":["s3:ListBucket"],"Effect":"Allow","Resource":["arn:aws:s3:::mybucket"],"Condition":{"StringLike":{"s3:prefix":["${aws:username}/*"]}}},` +
		`{"Action":["s3:GetObject","s3:PutObject"],"Effect":"Allow","Resource":["arn:aws:s3:::mybucket/${aws:username}/*"]}]}`
	confUsernameHomeNoVersion = `{"Statement":[` +
		`{"Action":["s3:GetObject","s3:PutObject"],"Effect":"Allow","Resource":["arn:aws:s3:::mybucket/${aws:username}/*"]}]}`
	confOwnAccessKeys = `{"Version":"2012-10-17","Statement":[{"Action":["iam:*AccessKey*"],"Effect":"Allow","Resource":["arn:aws:iam::123456789012:user/${aws:username}"]}]}`
	confDefaultValue  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket",` +
		`"Resource":"arn:aws:s3:::DOC-EXAMPLE-BUCKET-${aws:PrincipalTag/team, 'company-wide'}"}]}`
	confSpecialCharacters = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",` +
		`"Resource":["arn:aws:s3:::mybucket/star${*}","arn:aws:s3:::mybucket/question${?}","arn:aws:s3:::mybucket/dollar${$}"]}]}`
	// reference_policies_elements_notaction.
	confNotActionS3     = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"s3:DeleteBucket","Resource":"arn:aws:s3:::*"}}`
	confNotActionNotIAM = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}`
	confDenyWithoutMFA  = `{"Version":"2012-10-17","Statement":[{"Sid":"DenyAllUsersNotUsingMFA","Effect":"Deny","NotAction":"iam:*","Resource":"*",` +
		`"Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]}`

	// reference_policies_elements_notresource.
	confHRPayroll = `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::HRBucket/Payroll","arn:aws:s3:::HRBucket/Payroll/*"]}}`
)

// confCase is one case of the documentation: its policies, and the
// requests the documentation decides (checks), each with the decision it
// gives for each action.
type confCase struct {
	name           string
	policies       []string
	boundaries     []string
	resourcePolicy string
	caller         string
	checks         []confCheck
}

// confCheck is one request of a case: its actions on one resource (none: *)
// with its context, and the documented decision of each action. policies,
// when given, replace the case's.
type confCheck struct {
	policies []string
	actions  []string
	resource string
	context  []types.ContextEntry
	want     []types.PolicyEvaluationDecisionType
}

func confDecisions(d ...types.PolicyEvaluationDecisionType) []types.PolicyEvaluationDecisionType {
	return d
}

func documentedCases() []confCase {
	str, strs := types.ContextKeyTypeEnumString, types.ContextKeyTypeEnumStringList
	boolean, ip := types.ContextKeyTypeEnumBoolean, types.ContextKeyTypeEnumIp
	username := func(name string) types.ContextEntry { return confEntry("aws:username", str, name) }
	tagKeys := func(keys ...string) []types.ContextEntry { return confEntries(confEntry("aws:TagKeys", strs, keys...)) }
	attributes := func(names ...string) []types.ContextEntry {
		return confEntries(confEntry("dynamodb:Attributes", strs, names...))
	}
	act := func(a ...string) []string { return a }
	zhang := func(c confCase) confCase {
		c.policies, c.boundaries = []string{confDelegatedUserPermissions}, []string{confDelegatedUserBoundary}
		return c
	}
	nikhil := func(c confCase) confCase {
		c.policies, c.boundaries = []string{confIAMFullAccess, confAmazonS3ReadOnlyAccess}, []string{confXCompanyBoundaries}
		for i := range c.checks {
			c.checks[i].context = append(c.checks[i].context, username("Nikhil"))
		}
		return c
	}
	const bob = "arn:aws:iam::123456789012:user/Bob"
	return []confCase{
		// Policy evaluation logic.
		{name: "carlos: the logs bucket is denied, his own bucket allowed", policies: []string{confCarlosIdentity}, resourcePolicy: confCarlosBucket, caller: confCarlos,
			checks: []confCheck{
				{actions: act("s3:PutObject"), resource: "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs/file.txt", want: confDecisions(confExplicitDeny)},
				{actions: act("s3:PutObject"), resource: "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/file.txt", want: confDecisions(confAllowed)},
			}},
		{name: "carlos: one of the two policies allowing is enough", policies: []string{confCarlosListOnly}, resourcePolicy: confCarlosBucket, caller: confCarlos,
			checks: []confCheck{{actions: act("s3:PutObject"), resource: "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/file.txt", want: confDecisions(confAllowed)}}},
		{name: "explicit and implicit denies: AllowGetList and DenyReports", policies: []string{confAllowGetListDenyReports},
			checks: []confCheck{{actions: act("iam:GetUser", "iam:CreatePolicy", "iam:GetOrganizationsAccessReport"), want: confDecisions(confAllowed, confImplicitDeny, confExplicitDeny)}}},
		{name: "explicit and implicit denies: another policy's allow of a report stays denied",
			policies: []string{confAllowGetListDenyReports, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:GenerateCredentialReport","Resource":"*"}}`},
			checks:   []confCheck{{actions: act("iam:GenerateCredentialReport"), want: confDecisions(confExplicitDeny)}}},

		// Permissions boundaries.
		{name: "shirley: the boundary does not allow iam:CreateUser, and grants nothing itself", policies: []string{confShirleyIdentity}, boundaries: []string{confShirleyBoundary},
			checks: []confCheck{{actions: act("iam:CreateUser", "s3:ListAllMyBuckets", "ec2:DescribeInstances"), want: confDecisions(confImplicitDeny, confImplicitDeny, confImplicitDeny)}}},
		zhang(confCase{name: "zhang: a user only with the XCompanyBoundaries boundary", checks: []confCheck{
			{actions: act("iam:CreateUser"), resource: "arn:aws:iam::123456789012:user/Nikhil", want: confDecisions(confImplicitDeny)},
			{actions: act("iam:CreateUser"), resource: "arn:aws:iam::123456789012:user/Nikhil",
				context: confEntries(confEntry("iam:PermissionsBoundary", str, "arn:aws:iam::123456789012:policy/XCompanyBoundaries")), want: confDecisions(confAllowed)},
		}}),
		zhang(confCase{name: "zhang: S3 limited by the boundary, CloudWatch by the permissions policy", checks: []confCheck{
			{actions: act("s3:ListBucket"), resource: "arn:aws:s3:::ZhangBucket", want: confDecisions(confImplicitDeny)},
			{actions: act("cloudwatch:GetDashboard", "cloudwatch:PutDashboard"), want: confDecisions(confAllowed, confImplicitDeny)},
		}}),
		zhang(confCase{name: "zhang: deleting a permissions boundary is explicitly denied by his boundary", checks: []confCheck{
			{actions: act("iam:DeleteUserPermissionsBoundary"), resource: "arn:aws:iam::123456789012:user/Nikhil", want: confDecisions(confExplicitDeny)},
		}}),
		zhang(confCase{name: "zhang: access keys for any user but Maria (NotResource)", checks: []confCheck{
			{actions: act("iam:CreateAccessKey"), resource: "arn:aws:iam::123456789012:user/Nikhil", want: confDecisions(confAllowed)},
			{actions: act("iam:CreateAccessKey"), resource: "arn:aws:iam::123456789012:user/Maria", want: confDecisions(confImplicitDeny)},
		}}),
		nikhil(confCase{name: "nikhil: his own password, not another user nor his policies", checks: []confCheck{
			{actions: act("iam:ChangePassword", "iam:CreateUser", "iam:PutUserPolicy"), resource: confNikhil, want: confDecisions(confAllowed, confImplicitDeny, confImplicitDeny)},
		}}),
		nikhil(confCase{name: "nikhil: read-only access to Amazon S3", checks: []confCheck{
			{actions: act("s3:GetObject", "s3:PutObject"), resource: "arn:aws:s3:::amzn-s3-demo-bucket/report.csv", want: confDecisions(confAllowed, confImplicitDeny)},
		}}),
		nikhil(confCase{name: "nikhil: a bucket policy's allow on the logs bucket loses to the boundary's deny", resourcePolicy: confLogsBucketForNikhil, caller: confNikhil, checks: []confCheck{
			{actions: act("s3:PutObject"), resource: "arn:aws:s3:::logs/app.log", want: confDecisions(confExplicitDeny)},
		}}),
		nikhil(confCase{name: "nikhil: a secret's resource policy allows despite the boundary's implicit deny", resourcePolicy: confSecretForNikhil, caller: confNikhil, checks: []confCheck{
			{actions: act("secretsmanager:GetSecretValue"), resource: "arn:aws:secretsmanager:us-east-1:123456789012:secret:example-AbCdEf", want: confDecisions(confAllowed)},
		}}),

		// "a resource policy naming a role's ARN is limited by the role's
		// boundary" (implicitDeny) is left out: the fake disagrees
		// (docs/conformance.md, "Disagreements found").
		{name: "a resource policy naming a role's ARN is limited by the role's boundary", policies: []string{confRoleIdentity}, boundaries: []string{confRoleBoundary},
			resourcePolicy: confBucketForRole, caller: confExampleRole, checks: []confCheck{
				{actions: act("s3:GetObject"), resource: "arn:aws:s3:::amzn-s3-demo-bucket/a.txt", want: confDecisions(confImplicitDeny)},
			}},
		{name: "variables: no value, in a negated operator, matches", policies: []string{confTeamTagDeny}, checks: []confCheck{
			{actions: act("s3:GetObject"), resource: "arn:aws:s3:::example-bucket/a.txt", context: confEntries(confEntry("s3:ExistingObjectTag/Team", str, "blue")), want: confDecisions(confExplicitDeny)},
			{actions: act("s3:GetObject"), resource: "arn:aws:s3:::example-bucket/a.txt", context: confEntries(confEntry("s3:ExistingObjectTag/Team", str, "blue"), confEntry("aws:PrincipalTag/Team", str, "blue")), want: confDecisions(confImplicitDeny)},
		}},
		{name: "a resource policy naming a user's ARN is not limited by the user's boundary", policies: []string{confRoleIdentity}, boundaries: []string{confRoleBoundary},
			resourcePolicy: confBucketForUser, caller: confExampleUser, checks: []confCheck{
				{actions: act("s3:GetObject"), resource: "arn:aws:s3:::amzn-s3-demo-bucket/a.txt", want: confDecisions(confAllowed)},
			}},

		// Condition operators.
		{name: "StringEquals: aws:PrincipalTag/job-category", policies: []string{confStringEquals}, checks: []confCheck{
			{actions: act("iam:CreateAccessKey"), resource: bob, context: confEntries(confEntry("aws:PrincipalTag/job-category", str, "iamuser-admin")), want: confDecisions(confAllowed)},
			{actions: act("iam:CreateAccessKey"), resource: bob, want: confDecisions(confImplicitDeny)},
		}},
		{name: "StringLike: the home-directory prefixes", policies: []string{confStringLikeHome}, checks: []confCheck{
			{actions: act("s3:ListBucket"), resource: "arn:aws:s3:::amzn-s3-demo-bucket", context: confEntries(username("David"), confEntry("s3:prefix", str, "home/David/")), want: confDecisions(confAllowed)},
			{actions: act("s3:ListBucket"), resource: "arn:aws:s3:::amzn-s3-demo-bucket", context: confEntries(username("David"), confEntry("s3:prefix", str, "home/Adele/")), want: confDecisions(confImplicitDeny)},
		}},
		{name: "NumericLessThanEquals: s3:max-keys up to 10", policies: []string{confNumeric}, checks: []confCheck{
			{actions: act("s3:ListBucket"), resource: "arn:aws:s3:::example_bucket", context: confEntries(confEntry("s3:max-keys", types.ContextKeyTypeEnumNumeric, "10")), want: confDecisions(confAllowed)},
			{actions: act("s3:ListBucket"), resource: "arn:aws:s3:::example_bucket", context: confEntries(confEntry("s3:max-keys", types.ContextKeyTypeEnumNumeric, "11")), want: confDecisions(confImplicitDeny)},
		}},
		{name: "DateGreaterThan: aws:TokenIssueTime", policies: []string{confDate}, checks: []confCheck{
			{actions: act("iam:CreateAccessKey"), resource: bob, context: confEntries(confEntry("aws:TokenIssueTime", types.ContextKeyTypeEnumDate, "2020-06-30T12:00:00Z")), want: confDecisions(confAllowed)},
			{actions: act("iam:CreateAccessKey"), resource: bob, want: confDecisions(confImplicitDeny)},
		}},
		{name: "Bool: deny S3 when not over SSL", policies: []string{confBool}, checks: []confCheck{
			{actions: act("s3:GetObject"), resource: "arn:aws:s3:::amzn-s3-demo-bucket/a.txt", context: confEntries(confEntry("aws:SecureTransport", boolean, "false")), want: confDecisions(confExplicitDeny)},
			{actions: act("s3:GetObject"), resource: "arn:aws:s3:::amzn-s3-demo-bucket/a.txt", context: confEntries(confEntry("aws:SecureTransport", boolean, "true")), want: confDecisions(confImplicitDeny)},
		}},
		{name: "BinaryEquals: base64 bytes", policies: []string{confBinaryEquals}, checks: []confCheck{
			{actions: act("s3:GetObject"), context: confEntries(confEntry("example:key", types.ContextKeyTypeEnumBinary, "QmluYXJ5VmFsdWVJbkJhc2U2NA==")), want: confDecisions(confAllowed)},
			{actions: act("s3:GetObject"), want: confDecisions(confImplicitDeny)},
		}},
		{name: "IpAddress: 203.0.113.0/24", policies: []string{confIPAddress}, checks: []confCheck{
			{actions: act("iam:CreateAccessKey"), resource: bob, context: confEntries(confEntry("aws:SourceIp", ip, "203.0.113.77")), want: confDecisions(confAllowed)},
			{actions: act("iam:CreateAccessKey"), resource: bob, context: confEntries(confEntry("aws:SourceIp", ip, "198.51.100.7")), want: confDecisions(confImplicitDeny)},
			{actions: act("iam:CreateAccessKey"), resource: bob, want: confDecisions(confImplicitDeny)},
		}},
		{name: "IpAddress: IPv4 and IPv6 ranges together", policies: []string{confIPv4AndIPv6}, checks: []confCheck{
			{actions: act("someservice:DoSomething"), context: confEntries(confEntry("aws:SourceIp", ip, "203.0.113.9")), want: confDecisions(confAllowed)},
			{actions: act("someservice:DoSomething"), context: confEntries(confEntry("aws:SourceIp", ip, "2001:db8:1234:5678::1")), want: confDecisions(confAllowed)},
		}},
		{name: "ARN operators: StringLike matches where ArnLike does not", checks: []confCheck{
			{policies: []string{confArnPatternStringLike}, actions: act("sns:Publish"), context: confEntries(confEntry("aws:SourceArn", str, confArnValue)), want: confDecisions(confAllowed)},
			{policies: []string{confArnPatternArnLike}, actions: act("sns:Publish"), context: confEntries(confEntry("aws:SourceArn", str, confArnValue)), want: confDecisions(confImplicitDeny)},
		}},
		{name: "IfExists: ec2:InstanceType", checks: []confCheck{
			{policies: []string{confStringNotWorking}, actions: act("ec2:RunInstances"), want: confDecisions(confImplicitDeny)},
			{policies: []string{confStringLikeIfExists}, actions: act("ec2:RunInstances"), want: confDecisions(confAllowed)},
			{policies: []string{confStringLikeIfExists}, actions: act("ec2:RunInstances"), context: confEntries(confEntry("ec2:InstanceType", str, "t2.micro")), want: confDecisions(confAllowed)},
			{policies: []string{confStringLikeIfExists}, actions: act("ec2:RunInstances"), context: confEntries(confEntry("ec2:InstanceType", str, "m5.large")), want: confDecisions(confImplicitDeny)},
		}},
		{name: "Null: aws:TokenIssueTime must not exist", policies: []string{confNull}, checks: []confCheck{
			{actions: act("ec2:DescribeInstances"), want: confDecisions(confAllowed)},
			{actions: act("ec2:DescribeInstances"), context: confEntries(confEntry("aws:TokenIssueTime", types.ContextKeyTypeEnumDate, "2024-01-01T00:00:00Z")), want: confDecisions(confImplicitDeny)},
		}},

		// Multivalued context keys.
		{name: "ForAllValues:StringNotLike: DenyRestrictedTags", policies: []string{confDenyRestrictedTags}, checks: []confCheck{
			{actions: act("iam:TagUser"), context: tagKeys("key1:legal"), want: confDecisions(confImplicitDeny)},
			{actions: act("iam:TagUser"), context: tagKeys("key1:hr", "key1:personnel"), want: confDecisions(confImplicitDeny)},
			{actions: act("iam:TagUser"), context: tagKeys("key2:audit"), want: confDecisions(confExplicitDeny)},
			{actions: act("iam:TagUser"), want: confDecisions(confExplicitDeny)},
		}},
		{name: "ForAllValues:StringEquals: the Thread table's allowed attributes", policies: []string{confThreadForAllValues}, checks: []confCheck{
			{actions: act("dynamodb:GetItem"), resource: confThreadTable, context: attributes("ID", "Message", "Tags"), want: confDecisions(confAllowed)},
			{actions: act("dynamodb:GetItem"), resource: confThreadTable, context: attributes("ID", "Message", "UserName"), want: confDecisions(confImplicitDeny)},
			{actions: act("dynamodb:GetItem"), resource: confThreadTable, want: confDecisions(confAllowed)},
		}},
		{name: "ForAllValues:StringEquals: PostDateTime and UserName", policies: []string{confThreadEvalLogic}, checks: []confCheck{
			{actions: act("dynamodb:GetItem"), resource: confThreadTable, context: attributes("PostDateTime", "UserName"), want: confDecisions(confImplicitDeny)},
		}},
		{name: "ForAnyValue:StringEquals: the Thread table's forbidden attributes", policies: []string{confThreadForAnyValue}, checks: []confCheck{
			{actions: act("dynamodb:PutItem"), resource: confThreadTable, context: attributes("PostDateTime", "Message"), want: confDecisions(confExplicitDeny)},
			{actions: act("dynamodb:PutItem"), resource: confThreadTable, context: attributes("UserName"), want: confDecisions(confImplicitDeny)},
			{actions: act("dynamodb:PutItem"), resource: confThreadTable, want: confDecisions(confImplicitDeny)},
		}},

		// Several keys (AND), several values (OR), negated operators (NOR).
		{name: "AND between keys and operators, OR between values", policies: []string{confAndOr}, checks: []confCheck{
			{actions: act("s3:GetObject"), context: confEntries(confEntry("aws:PrincipalTag/department", str, "HR"), confEntry("aws:PrincipalTag/role", str, "audit"),
				confEntry("aws:PrincipalAccount", str, "123456789012")), want: confDecisions(confAllowed)},
			{actions: act("s3:GetObject"), context: confEntries(confEntry("aws:PrincipalTag/department", str, "finance"), confEntry("aws:PrincipalAccount", str, "123456789012")),
				want: confDecisions(confImplicitDeny)},
			{actions: act("s3:GetObject"), context: confEntries(confEntry("aws:PrincipalTag/department", str, "legal"), confEntry("aws:PrincipalTag/role", str, "security"),
				confEntry("aws:PrincipalAccount", str, "999999999999")), want: confDecisions(confImplicitDeny)},
		}},
		{name: "negated operator with several values: NOR", policies: []string{confNegatedValues}, checks: []confCheck{
			{actions: act("s3:GetObject"), context: confEntries(confEntry("aws:PrincipalAccount", str, "444455556666")), want: confDecisions(confImplicitDeny)},
			{actions: act("s3:GetObject"), context: confEntries(confEntry("aws:PrincipalAccount", str, "123456789012")), want: confDecisions(confAllowed)},
		}},

		// Policy variables.
		{name: "variables: ${aws:username} home directory", policies: []string{confUsernameHome}, checks: []confCheck{
			{actions: act("s3:GetObject", "s3:PutObject"), resource: "arn:aws:s3:::mybucket/David/notes.txt", context: confEntries(username("David")), want: confDecisions(confAllowed, confAllowed)},
			{actions: act("s3:GetObject"), resource: "arn:aws:s3:::mybucket/Adele/notes.txt", context: confEntries(username("David")), want: confDecisions(confImplicitDeny)},
			{actions: act("s3:ListBucket"), resource: "arn:aws:s3:::mybucket", context: confEntries(username("David"), confEntry("s3:prefix", str, "David/photos")), want: confDecisions(confAllowed)},
		}},
		{name: "variables: each user his own access keys", policies: []string{confOwnAccessKeys}, checks: []confCheck{
			{actions: act("iam:CreateAccessKey"), resource: "arn:aws:iam::123456789012:user/David", context: confEntries(username("David")), want: confDecisions(confAllowed)},
			{actions: act("iam:CreateAccessKey"), resource: bob, context: confEntries(username("David")), want: confDecisions(confImplicitDeny)},
		}},
		{name: "variables: literal text without Version 2012-10-17", policies: []string{confUsernameHomeNoVersion}, checks: []confCheck{
			{actions: act("s3:GetObject"), resource: "arn:aws:s3:::mybucket/${aws:username}/notes.txt", context: confEntries(username("David")), want: confDecisions(confAllowed)},
			{actions: act("s3:GetObject"), resource: "arn:aws:s3:::mybucket/David/notes.txt", context: confEntries(username("David")), want: confDecisions(confImplicitDeny)},
		}},
		{name: "variables: a default value", policies: []string{confDefaultValue}, checks: []confCheck{
			{actions: act("s3:ListBucket"), resource: "arn:aws:s3:::DOC-EXAMPLE-BUCKET-yellow", context: confEntries(confEntry("aws:PrincipalTag/team", str, "yellow")), want: confDecisions(confAllowed)},
			{actions: act("s3:ListBucket"), resource: "arn:aws:s3:::DOC-EXAMPLE-BUCKET-company-wide", want: confDecisions(confAllowed)},
			{actions: act("s3:ListBucket"), resource: "arn:aws:s3:::DOC-EXAMPLE-BUCKET-yellow", want: confDecisions(confImplicitDeny)},
		}},
		{name: "variables: ${*} ${?} ${$} are the characters themselves", policies: []string{confSpecialCharacters}, checks: []confCheck{
			{actions: act("s3:GetObject"), resource: "arn:aws:s3:::mybucket/star*", want: confDecisions(confAllowed)},
			{actions: act("s3:GetObject"), resource: "arn:aws:s3:::mybucket/question?", want: confDecisions(confAllowed)},
			{actions: act("s3:GetObject"), resource: "arn:aws:s3:::mybucket/dollar$", want: confDecisions(confAllowed)},
			{actions: act("s3:GetObject"), resource: "arn:aws:s3:::mybucket/starlight", want: confDecisions(confImplicitDeny)},
		}},
		{name: "variables: no value, in a resource and in StringLike", policies: []string{confUsernameHome}, checks: []confCheck{
			{actions: act("s3:GetObject"), resource: "arn:aws:s3:::mybucket/David/notes.txt", want: confDecisions(confImplicitDeny)},
			{actions: act("s3:ListBucket"), resource: "arn:aws:s3:::mybucket", context: confEntries(confEntry("s3:prefix", str, "David/photos")), want: confDecisions(confImplicitDeny)},
		}},
		// "variables: no value, in a negated operator" (the docs' Deny with
		// StringNotEquals {"s3:ExistingObjectTag/Team":
		// "${aws:PrincipalTag/Team}"}, the principal without the tag:
		// explicitDeny) is left out: the fake disagrees (docs/conformance.md,
		// "Disagreements found").

		// NotAction and NotResource.
		{name: "NotAction: all of S3 but DeleteBucket", policies: []string{confNotActionS3}, checks: []confCheck{
			{actions: act("s3:GetObject"), resource: "arn:aws:s3:::amzn-s3-demo-bucket/a.txt", want: confDecisions(confAllowed)},
			{actions: act("s3:DeleteBucket"), resource: "arn:aws:s3:::amzn-s3-demo-bucket", want: confDecisions(confImplicitDeny)},
			{actions: act("s3:ListAllMyBuckets"), want: confDecisions(confImplicitDeny)},
		}},
		{name: "NotAction: every service but IAM", policies: []string{confNotActionNotIAM}, checks: []confCheck{
			{actions: act("ec2:RunInstances", "s3:GetObject", "iam:CreateUser"), want: confDecisions(confAllowed, confAllowed, confImplicitDeny)},
		}},
		{name: "NotAction: deny non-IAM actions without MFA", policies: []string{confDenyWithoutMFA}, checks: []confCheck{
			{actions: act("s3:ListAllMyBuckets", "iam:ListUsers"), context: confEntries(confEntry("aws:MultiFactorAuthPresent", boolean, "false")), want: confDecisions(confExplicitDeny, confImplicitDeny)},
			{actions: act("s3:ListAllMyBuckets"), context: confEntries(confEntry("aws:MultiFactorAuthPresent", boolean, "true")), want: confDecisions(confImplicitDeny)},
		}},
		{name: "NotResource: HRPayroll", policies: []string{confHRPayroll}, checks: []confCheck{
			{actions: act("s3:GetObject"), resource: "arn:aws:s3:::HRBucket/Payroll/salaries.csv", want: confDecisions(confImplicitDeny)},
			{actions: act("s3:GetObject"), resource: "arn:aws:s3:::HRBucket/Benefits/plan.pdf", want: confDecisions(confExplicitDeny)},
		}},
	}
}

func TestDocumentedEvaluationCases(t *testing.T) {
	for _, tc := range documentedCases() {
		t.Run(tc.name, func(t *testing.T) {
			f := fakeiam.MustNew()
			c := f.Client()
			for i, ch := range tc.checks {
				policies := tc.policies
				if ch.policies != nil {
					policies = ch.policies
				}
				in := &iam.SimulateCustomPolicyInput{PolicyInputList: policies, PermissionsBoundaryPolicyInputList: tc.boundaries,
					ActionNames: ch.actions, ContextEntries: ch.context}
				if ch.resource != "" {
					in.ResourceArns = []string{ch.resource}
				}
				if tc.resourcePolicy != "" {
					in.ResourcePolicy = aws.String(tc.resourcePolicy)
				}
				if tc.caller != "" {
					in.CallerArn = aws.String(tc.caller)
				}
				out, err := c.SimulateCustomPolicy(context.Background(), in)
				if err != nil {
					t.Errorf("check %d (%v on %q): SimulateCustomPolicy: %v", i+1, ch.actions, ch.resource, err)
					continue
				}
				var got []types.PolicyEvaluationDecisionType
				for _, r := range out.EvaluationResults {
					got = append(got, r.EvalDecision)
				}
				if diff := cmp.Diff(ch.want, got); diff != "" {
					t.Errorf("check %d (%v on %q): decisions (-documented +simulated):\n%s", i+1, ch.actions, ch.resource, diff)
				}
			}
		})
	}
}
