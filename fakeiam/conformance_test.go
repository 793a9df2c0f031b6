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
	allowed      = types.PolicyEvaluationDecisionTypeAllowed
	explicitDeny = types.PolicyEvaluationDecisionTypeExplicitDeny
	implicitDeny = types.PolicyEvaluationDecisionTypeImplicitDeny
)

// entry is a context entry of the simulation.
func entry(key string, kind types.ContextKeyTypeEnum, values ...string) types.ContextEntry {
	return types.ContextEntry{ContextKeyName: aws.String(key), ContextKeyType: kind, ContextKeyValues: values}
}

func entries(e ...types.ContextEntry) []types.ContextEntry { return e }

// The documentation's policies, as it gives them (compacted).
const (
	// reference_policies_evaluation-logic_policy-eval-basics: Carlos.
	docCarlosIdentity = `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"AllowS3ListRead","Effect":"Allow","Action":["s3:GetBucketLocation","s3:GetAccountPublicAccessBlock","s3:ListAccessPoints","s3:ListAllMyBuckets"],"Resource":"arn:aws:s3:::*"},` +
		`{"Sid":"AllowS3Self","Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/*","arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar"]},` +
		`{"Sid":"DenyS3Logs","Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::*log*"}]}`
	docCarlosListOnly = `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"AllowS3ListRead","Effect":"Allow","Action":["s3:GetBucketLocation","s3:GetAccountPublicAccessBlock","s3:ListAccessPoints","s3:ListAllMyBuckets"],"Resource":"arn:aws:s3:::*"}]}`
	docCarlosBucket = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/carlossalazar"},"Action":"s3:*",` +
		`"Resource":["arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/*","arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar"]}]}`
	docCarlos = "arn:aws:iam::123456789012:user/carlossalazar"

	// reference_policies_evaluation-logic_AccessPolicyLanguage_Interplay.
	docAllowGetListDenyReports = `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"AllowGetList","Effect":"Allow","Action":["iam:Get*","iam:List*"],"Resource":"*"},` +
		`{"Sid":"DenyReports","Effect":"Deny","Action":"iam:*Report","Resource":"*"}]}`

	// access_policies_boundaries: Shirley.
	docShirleyBoundary = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","cloudwatch:*","ec2:*"],"Resource":"*"}]}`
	docShirleyIdentity = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:CreateUser","Resource":"*"}}`

	// access_policies_boundaries, "Delegating responsibility to others
	// using permissions boundaries": María, Zhang and Nikhil.
	docXCompanyBoundaries = `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"ServiceBoundaries","Effect":"Allow","Action":["s3:*","cloudwatch:*","ec2:*","dynamodb:*"],"Resource":"*"},` +
		`{"Sid":"AllowIAMConsoleForCredentials","Effect":"Allow","Action":["iam:ListUsers","iam:GetAccountPasswordPolicy"],"Resource":"*"},` +
		`{"Sid":"AllowManageOwnPasswordAndAccessKeys","Effect":"Allow","Action":["iam:*AccessKey*","iam:ChangePassword","iam:GetUser","iam:*ServiceSpecificCredential*","iam:*SigningCertificate*"],"Resource":["arn:aws:iam::*:user/${aws:username}"]},` +
		`{"Sid":"DenyS3Logs","Effect":"Deny","Action":"s3:*","Resource":["arn:aws:s3:::logs","arn:aws:s3:::logs/*"]},` +
		`{"Sid":"DenyEC2Production","Effect":"Deny","Action":"ec2:*","Resource":"arn:aws:ec2:*:*:instance/i-1234567890abcdef0"}]}`
	docDelegatedUserBoundary = `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"CreateOrChangeOnlyWithBoundary","Effect":"Allow","Action":["iam:AttachUserPolicy","iam:CreateUser","iam:DeleteUserPolicy","iam:DetachUserPolicy","iam:PutUserPermissionsBoundary","iam:PutUserPolicy"],"Resource":"*",` +
		`"Condition":{"StringEquals":{"iam:PermissionsBoundary":"arn:aws:iam::123456789012:policy/XCompanyBoundaries"}}},` +
		`{"Sid":"CloudWatchAndOtherIAMTasks","Effect":"Allow","Action":["cloudwatch:*","iam:CreateAccessKey","iam:CreateGroup","iam:CreateLoginProfile","iam:CreatePolicy","iam:DeleteGroup","iam:DeletePolicy","iam:DeletePolicyVersion","iam:DeleteUser","iam:GetAccountPasswordPolicy","iam:GetGroup","iam:GetLoginProfile","iam:GetPolicy","iam:GetPolicyVersion","iam:GetRolePolicy","iam:GetUser","iam:GetUserPolicy","iam:ListAccessKeys","iam:ListAttachedRolePolicies","iam:ListAttachedUserPolicies","iam:ListEntitiesForPolicy","iam:ListGroups","iam:ListGroupsForUser","iam:ListMFADevices","iam:ListPolicies","iam:ListPolicyVersions","iam:ListRolePolicies","iam:ListSSHPublicKeys","iam:ListServiceSpecificCredentials","iam:ListSigningCertificates","iam:ListUserPolicies","iam:ListUsers","iam:SetDefaultPolicyVersion","iam:SimulateCustomPolicy","iam:SimulatePrincipalPolicy","iam:UpdateGroup","iam:UpdateLoginProfile","iam:UpdateUser"],` +
		`"NotResource":"arn:aws:iam::123456789012:user/Maria"},` +
		`{"Sid":"NoBoundaryPolicyEdit","Effect":"Deny","Action":["iam:CreatePolicyVersion","iam:DeletePolicy","iam:DeletePolicyVersion","iam:SetDefaultPolicyVersion"],"Resource":["arn:aws:iam::123456789012:policy/XCompanyBoundaries","arn:aws:iam::123456789012:policy/DelegatedUserBoundary"]},` +
		`{"Sid":"NoBoundaryUserDelete","Effect":"Deny","Action":"iam:DeleteUserPermissionsBoundary","Resource":"*"}]}`
	docDelegatedUserPermissions = `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"IAM","Effect":"Allow","Action":"iam:*","Resource":"*"},` +
		`{"Sid":"CloudWatchLimited","Effect":"Allow","Action":["cloudwatch:GetDashboard","cloudwatch:GetMetricData","cloudwatch:ListDashboards","cloudwatch:GetMetricStatistics","cloudwatch:ListMetrics"],"Resource":"*"},` +
		`{"Sid":"S3BucketContents","Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::ZhangBucket"}]}`
	// The AWS managed policies Zhang gives Nikhil, by the statements the
	// case turns on (IAMFullAccess: iam:*; AmazonS3ReadOnlyAccess:
	// s3:Get* and s3:List*).
	docIAMFullAccess          = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]}`
	docAmazonS3ReadOnlyAccess = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"*"}]}`
	docNikhil                 = "arn:aws:iam::123456789012:user/Nikhil"
	docLogsBucketForNikhil    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/Nikhil"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::logs/*"}]}`
	docSecretForNikhil        = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/Nikhil"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}`

	// reference_policies_elements_condition_operators.
	docStringEquals = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:*AccessKey*","Resource":"arn:aws:iam::123456789012:user/*",` +
		`"Condition":{"StringEquals":{"aws:PrincipalTag/job-category":"iamuser-admin"}}}}`
	docStringLikeHome = `{"Version":"2012-10-17","Statement":[` +
		`{"Effect":"Allow","Action":["s3:ListAllMyBuckets","s3:GetBucketLocation"],"Resource":"arn:aws:s3:::*"},` +
		`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::amzn-s3-demo-bucket","Condition":{"StringLike":{"s3:prefix":["","home/","home/${aws:username}/"]}}},` +
		`{"Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}","arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"]}]}`
	docNumeric = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket",` +
		`"Condition":{"NumericLessThanEquals":{"s3:max-keys":"10"}}}}`
	docDate = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:*AccessKey*","Resource":"arn:aws:iam::123456789012:user/*",` +
		`"Condition":{"DateGreaterThan":{"aws:TokenIssueTime":"2020-01-01T00:00:01Z"}}}}`
	docBool = `{"Version":"2012-10-17","Statement":[{"Sid":"BooleanExample","Action":"s3:*","Effect":"Deny",` +
		`"Resource":["arn:aws:s3:::amzn-s3-demo-bucket","arn:aws:s3:::amzn-s3-demo-bucket/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
	docIPAddress = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:*AccessKey*","Resource":"arn:aws:iam::123456789012:user/*",` +
		`"Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}}`
	docIPv4AndIPv6 = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"someservice:*","Resource":"*",` +
		`"Condition":{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:DB8:1234:5678::/64"]}}}}`
	docStringNotWorking = `{"Version":"2012-10-17","Statement":{"Sid":"THISPOLICYDOESNOTWORK","Effect":"Allow","Action":"ec2:RunInstances","Resource":"*",` +
		`"Condition":{"StringLike":{"ec2:InstanceType":["t1.*","t2.*","m3.*"]}}}}`
	docStringLikeIfExists = `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"RunInstance","Effect":"Allow","Action":"ec2:RunInstances","Resource":"*","Condition":{"StringLikeIfExists":{"ec2:InstanceType":["t1.*","t2.*","m3.*"]}}},` +
		`{"Sid":"DescribeActions","Effect":"Allow","Action":["ec2:DescribeImages","ec2:DescribeInstances","ec2:DescribeVpcs","ec2:DescribeKeyPairs","ec2:DescribeSubnets","ec2:DescribeSecurityGroups"],"Resource":"*"}]}`
	docNull = `{"Version":"2012-10-17","Statement":{"Action":"ec2:*","Effect":"Allow","Resource":"*","Condition":{"Null":{"aws:TokenIssueTime":"true"}}}}`

	// The ARN operators' example: one pattern, one value, matched by
	// StringLike and by ArnLike (the docs give the pattern and the value;
	// the statement around them is ours).
	docArnPatternStringLike = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sns:Publish","Resource":"*",` +
		`"Condition":{"StringLike":{"aws:SourceArn":"arn:aws:someservice:*:111122223333:finance/*"}}}}`
	docArnPatternArnLike = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sns:Publish","Resource":"*",` +
		`"Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:someservice:*:111122223333:finance/*"}}}}`
	docArnValue = "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"

	// The binary operator's example condition (a fragment in the docs).
	docBinaryEquals = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",` +
		`"Condition":{"BinaryEquals":{"key":"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}}}`

	// reference_policies_condition_examples-multi-valued-context-keys,
	// "Deny a single policy condition value for a multivalued context key".
	docDenyRestrictedTags = `{"Version":"2012-10-17","Statement":[{"Sid":"DenyRestrictedTags","Effect":"Deny","Action":["iam:Tag*","iam:UnTag*"],"Resource":["*"],` +
		`"Condition":{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}}]}`

	// reference_policies_multi-value-conditions: the DynamoDB Thread table.
	docThreadForAllValues = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:*:*:table/Thread",` +
		`"Condition":{"ForAllValues:StringEquals":{"dynamodb:Attributes":["ID","Message","Tags"]}}}]}`
	docThreadForAnyValue = `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"dynamodb:PutItem","Resource":"arn:aws:dynamodb:*:*:table/Thread",` +
		`"Condition":{"ForAnyValue:StringEquals":{"dynamodb:Attributes":["ID","PostDateTime"]}}}}`
	docThreadEvalLogic = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:*:*:table/Thread",` +
		`"Condition":{"ForAllValues:StringEquals":{"dynamodb:Attributes":["PostDateTime","Message","Tags"]}}}}`
	docThreadTable = "arn:aws:dynamodb:us-east-1:123456789012:table/Thread"

	// reference_policies_multi-value-conditions, "Evaluation logic for
	// conditions with multiple keys or values": the docs' condition block
	// (the statement around it is ours), and the note's negated operator
	// with several aws:PrincipalAccount values.
	docAndOr = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{` +
		`"StringEqualsIgnoreCase":{"aws:PrincipalTag/department":["finance","hr","legal"],"aws:PrincipalTag/role":["audit","security"]},` +
		`"StringEquals":{"aws:PrincipalAccount":"123456789012"}}}}`
	docNegatedValues = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",` +
		`"Condition":{"StringNotEquals":{"aws:PrincipalAccount":["111122223333","444455556666"]}}}}`

	// reference_policies_variables.
	docUsernameHome = `{"Version":"2012-10-17","Statement":[` +
		`{"Action":["s3:ListBucket"],"Effect":"Allow","Resource":["arn:aws:s3:::mybucket"],"Condition":{"StringLike":{"s3:prefix":["${aws:username}/*"]}}},` +
		`{"Action":["s3:GetObject","s3:PutObject"],"Effect":"Allow","Resource":["arn:aws:s3:::mybucket/${aws:username}/*"]}]}`
	docUsernameHomeNoVersion = `{"Statement":[` +
		`{"Action":["s3:GetObject","s3:PutObject"],"Effect":"Allow","Resource":["arn:aws:s3:::mybucket/${aws:username}/*"]}]}`
	docOwnAccessKeys = `{"Version":"2012-10-17","Statement":[{"Action":["iam:*AccessKey*"],"Effect":"Allow","Resource":["arn:aws:iam::123456789012:user/${aws:username}"]}]}`
	docDefaultValue  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket",` +
		`"Resource":"arn:aws:s3:::DOC-EXAMPLE-BUCKET-${aws:PrincipalTag/team, 'company-wide'}"}]}`
	docSpecialCharacters = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",` +
		`"Resource":["arn:aws:s3:::mybucket/star${*}","arn:aws:s3:::mybucket/question${?}","arn:aws:s3:::mybucket/dollar${$}"]}]}`
	// The docs' example of a variable with no value in a negated
	// condition (its JSON as the page prints it lacks the "Condition"
	// key and puts a slash before the bucket; both restored here).
	docNoValueNegated = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*",` +
		`"Condition":{"StringNotEquals":{"s3:ExistingObjectTag/Team":"${aws:PrincipalTag/Team}"}}}]}`

	// reference_policies_elements_notaction.
	docNotActionS3     = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"s3:DeleteBucket","Resource":"arn:aws:s3:::*"}}`
	docNotActionNotIAM = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}`
	docDenyWithoutMFA  = `{"Version":"2012-10-17","Statement":[{"Sid":"DenyAllUsersNotUsingMFA","Effect":"Deny","NotAction":"iam:*","Resource":"*",` +
		`"Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]}`

	// reference_policies_elements_notresource.
	docHRPayroll = `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::HRBucket/Payroll","arn:aws:s3:::HRBucket/Payroll/*"]}}`
)

type documentedCase struct {
	name           string
	policies       []string
	boundaries     []string
	resourcePolicy string
	caller         string
	actions        []string
	resources      []string
	context        []types.ContextEntry
	want           []types.PolicyEvaluationDecisionType
}

func documentedCases() []documentedCase {
	str, strs := types.ContextKeyTypeEnumString, types.ContextKeyTypeEnumStringList
	username := func(name string) types.ContextEntry { return entry("aws:username", str, name) }
	tagKeys := func(keys ...string) []types.ContextEntry { return entries(entry("aws:TagKeys", strs, keys...)) }
	attributes := func(names ...string) []types.ContextEntry { return entries(entry("dynamodb:Attributes", strs, names...)) }
	zhang := func(c documentedCase) documentedCase {
		c.policies, c.boundaries = []string{docDelegatedUserPermissions}, []string{docDelegatedUserBoundary}
		return c
	}
	nikhil := func(c documentedCase) documentedCase {
		c.policies, c.boundaries = []string{docIAMFullAccess, docAmazonS3ReadOnlyAccess}, []string{docXCompanyBoundaries}
		c.context = append(c.context, username("Nikhil"))
		return c
	}
	return []documentedCase{
		// Policy evaluation logic.
		{name: "carlos: saving to the logs bucket is explicitly denied", policies: []string{docCarlosIdentity}, resourcePolicy: docCarlosBucket, caller: docCarlos,
			actions: []string{"s3:PutObject"}, resources: []string{"arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs/file.txt"}, want: []types.PolicyEvaluationDecisionType{explicitDeny}},
		{name: "carlos: saving to his own bucket is allowed", policies: []string{docCarlosIdentity}, resourcePolicy: docCarlosBucket, caller: docCarlos,
			actions: []string{"s3:PutObject"}, resources: []string{"arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/file.txt"}, want: []types.PolicyEvaluationDecisionType{allowed}},
		{name: "carlos: the bucket policy alone allows", policies: []string{docCarlosListOnly}, resourcePolicy: docCarlosBucket, caller: docCarlos,
			actions: []string{"s3:PutObject"}, resources: []string{"arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/file.txt"}, want: []types.PolicyEvaluationDecisionType{allowed}},
		{name: "explicit and implicit denies: AllowGetList and DenyReports", policies: []string{docAllowGetListDenyReports},
			actions: []string{"iam:GetUser", "iam:CreatePolicy", "iam:GetOrganizationsAccessReport"}, want: []types.PolicyEvaluationDecisionType{allowed, implicitDeny, explicitDeny}},
		{name: "explicit and implicit denies: another policy's allow of a report stays denied",
			policies: []string{docAllowGetListDenyReports, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:GenerateCredentialReport","Resource":"*"}}`},
			actions:  []string{"iam:GenerateCredentialReport"}, want: []types.PolicyEvaluationDecisionType{explicitDeny}},

		// Permissions boundaries.
		{name: "shirley: the boundary does not allow iam:CreateUser", policies: []string{docShirleyIdentity}, boundaries: []string{docShirleyBoundary},
			actions: []string{"iam:CreateUser"}, want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "shirley: the boundary alone grants nothing", policies: []string{docShirleyIdentity}, boundaries: []string{docShirleyBoundary},
			actions: []string{"s3:ListAllMyBuckets", "ec2:DescribeInstances"}, want: []types.PolicyEvaluationDecisionType{implicitDeny, implicitDeny}},
		zhang(documentedCase{name: "zhang: creating a user without the XCompanyBoundaries boundary is denied",
			actions: []string{"iam:CreateUser"}, resources: []string{"arn:aws:iam::123456789012:user/Nikhil"}, want: []types.PolicyEvaluationDecisionType{implicitDeny}}),
		zhang(documentedCase{name: "zhang: creating a user with the XCompanyBoundaries boundary is allowed",
			actions: []string{"iam:CreateUser"}, resources: []string{"arn:aws:iam::123456789012:user/Nikhil"},
			context: entries(entry("iam:PermissionsBoundary", str, "arn:aws:iam::123456789012:policy/XCompanyBoundaries")), want: []types.PolicyEvaluationDecisionType{allowed}}),
		zhang(documentedCase{name: "zhang: no S3 action whatever his permissions policy",
			actions: []string{"s3:ListBucket"}, resources: []string{"arn:aws:s3:::ZhangBucket"}, want: []types.PolicyEvaluationDecisionType{implicitDeny}}),
		zhang(documentedCase{name: "zhang: CloudWatch limited by his permissions policy",
			actions: []string{"cloudwatch:GetDashboard", "cloudwatch:PutDashboard"}, want: []types.PolicyEvaluationDecisionType{allowed, implicitDeny}}),
		zhang(documentedCase{name: "zhang: deleting a permissions boundary is explicitly denied by his boundary",
			actions: []string{"iam:DeleteUserPermissionsBoundary"}, resources: []string{"arn:aws:iam::123456789012:user/Nikhil"}, want: []types.PolicyEvaluationDecisionType{explicitDeny}}),
		zhang(documentedCase{name: "zhang: access keys for any user but Maria (NotResource)",
			actions: []string{"iam:CreateAccessKey"}, resources: []string{"arn:aws:iam::123456789012:user/Nikhil", "arn:aws:iam::123456789012:user/Maria"},
			want: []types.PolicyEvaluationDecisionType{implicitDeny}}),
		nikhil(documentedCase{name: "nikhil: changes his own password, cannot create a user",
			actions: []string{"iam:ChangePassword", "iam:CreateUser"}, resources: []string{docNikhil}, want: []types.PolicyEvaluationDecisionType{allowed, implicitDeny}}),
		nikhil(documentedCase{name: "nikhil: read-only access to Amazon S3",
			actions: []string{"s3:GetObject", "s3:PutObject"}, resources: []string{"arn:aws:s3:::amzn-s3-demo-bucket/report.csv"}, want: []types.PolicyEvaluationDecisionType{allowed, implicitDeny}}),
		nikhil(documentedCase{name: "nikhil: a bucket policy's allow on the logs bucket loses to the boundary's deny", resourcePolicy: docLogsBucketForNikhil, caller: docNikhil,
			actions: []string{"s3:PutObject"}, resources: []string{"arn:aws:s3:::logs/app.log"}, want: []types.PolicyEvaluationDecisionType{explicitDeny}}),
		nikhil(documentedCase{name: "nikhil: a secret's resource policy allows despite the boundary's implicit deny", resourcePolicy: docSecretForNikhil, caller: docNikhil,
			actions: []string{"secretsmanager:GetSecretValue"}, resources: []string{"arn:aws:secretsmanager:us-east-1:123456789012:secret:example-AbCdEf"}, want: []types.PolicyEvaluationDecisionType{allowed}}),

		// Condition operators.
		{name: "StringEquals: the principal tagged iamuser-admin", policies: []string{docStringEquals},
			actions: []string{"iam:CreateAccessKey"}, resources: []string{"arn:aws:iam::123456789012:user/Bob"},
			context: entries(entry("aws:PrincipalTag/job-category", str, "iamuser-admin")), want: []types.PolicyEvaluationDecisionType{allowed}},
		{name: "StringEquals: a principal without the tag", policies: []string{docStringEquals},
			actions: []string{"iam:CreateAccessKey"}, resources: []string{"arn:aws:iam::123456789012:user/Bob"}, want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "StringLike: a prefix the home-directory patterns match", policies: []string{docStringLikeHome},
			actions: []string{"s3:ListBucket"}, resources: []string{"arn:aws:s3:::amzn-s3-demo-bucket"},
			context: entries(username("David"), entry("s3:prefix", str, "home/David/")), want: []types.PolicyEvaluationDecisionType{allowed}},
		{name: "StringLike: another user's home prefix", policies: []string{docStringLikeHome},
			actions: []string{"s3:ListBucket"}, resources: []string{"arn:aws:s3:::amzn-s3-demo-bucket"},
			context: entries(username("David"), entry("s3:prefix", str, "home/Adele/")), want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "NumericLessThanEquals: up to 10 keys", policies: []string{docNumeric},
			actions: []string{"s3:ListBucket"}, resources: []string{"arn:aws:s3:::example_bucket"},
			context: entries(entry("s3:max-keys", types.ContextKeyTypeEnumNumeric, "10")), want: []types.PolicyEvaluationDecisionType{allowed}},
		{name: "NumericLessThanEquals: more than 10 keys", policies: []string{docNumeric},
			actions: []string{"s3:ListBucket"}, resources: []string{"arn:aws:s3:::example_bucket"},
			context: entries(entry("s3:max-keys", types.ContextKeyTypeEnumNumeric, "11")), want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "DateGreaterThan: credentials issued in 2020", policies: []string{docDate},
			actions: []string{"iam:CreateAccessKey"}, resources: []string{"arn:aws:iam::123456789012:user/Bob"},
			context: entries(entry("aws:TokenIssueTime", types.ContextKeyTypeEnumDate, "2020-06-30T12:00:00Z")), want: []types.PolicyEvaluationDecisionType{allowed}},
		{name: "DateGreaterThan: long-term access keys carry no aws:TokenIssueTime", policies: []string{docDate},
			actions: []string{"iam:CreateAccessKey"}, resources: []string{"arn:aws:iam::123456789012:user/Bob"}, want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "Bool: a request not over SSL is denied", policies: []string{docBool},
			actions: []string{"s3:GetObject"}, resources: []string{"arn:aws:s3:::amzn-s3-demo-bucket/a.txt"},
			context: entries(entry("aws:SecureTransport", types.ContextKeyTypeEnumBoolean, "false")), want: []types.PolicyEvaluationDecisionType{explicitDeny}},
		{name: "Bool: the deny-only policy allows nothing over SSL", policies: []string{docBool},
			actions: []string{"s3:GetObject"}, resources: []string{"arn:aws:s3:::amzn-s3-demo-bucket/a.txt"},
			context: entries(entry("aws:SecureTransport", types.ContextKeyTypeEnumBoolean, "true")), want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "BinaryEquals: the same bytes, and no key", policies: []string{docBinaryEquals},
			actions: []string{"s3:GetObject"}, context: entries(entry("key", types.ContextKeyTypeEnumBinary, "QmluYXJ5VmFsdWVJbkJhc2U2NA==")), want: []types.PolicyEvaluationDecisionType{allowed}},
		{name: "BinaryEquals: a key not in the request", policies: []string{docBinaryEquals},
			actions: []string{"s3:GetObject"}, want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "IpAddress: inside 203.0.113.0/24", policies: []string{docIPAddress},
			actions: []string{"iam:CreateAccessKey"}, resources: []string{"arn:aws:iam::123456789012:user/Bob"},
			context: entries(entry("aws:SourceIp", types.ContextKeyTypeEnumIp, "203.0.113.77")), want: []types.PolicyEvaluationDecisionType{allowed}},
		{name: "IpAddress: outside the range", policies: []string{docIPAddress},
			actions: []string{"iam:CreateAccessKey"}, resources: []string{"arn:aws:iam::123456789012:user/Bob"},
			context: entries(entry("aws:SourceIp", types.ContextKeyTypeEnumIp, "198.51.100.7")), want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "IpAddress: no aws:SourceIp (a VPC endpoint)", policies: []string{docIPAddress},
			actions: []string{"iam:CreateAccessKey"}, resources: []string{"arn:aws:iam::123456789012:user/Bob"}, want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "IpAddress: IPv4 and IPv6 ranges mixed", policies: []string{docIPv4AndIPv6},
			actions: []string{"someservice:DoSomething"}, context: entries(entry("aws:SourceIp", types.ContextKeyTypeEnumIp, "2001:db8:1234:5678::1")), want: []types.PolicyEvaluationDecisionType{allowed}},
		{name: "ARN operators: StringLike matches across colons", policies: []string{docArnPatternStringLike},
			actions: []string{"sns:Publish"}, context: entries(entry("aws:SourceArn", str, docArnValue)), want: []types.PolicyEvaluationDecisionType{allowed}},
		{name: "ARN operators: ArnLike matches part by part", policies: []string{docArnPatternArnLike},
			actions: []string{"sns:Publish"}, context: entries(entry("aws:SourceArn", str, docArnValue)), want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "IfExists: StringLike fails on a resource without ec2:InstanceType", policies: []string{docStringNotWorking},
			actions: []string{"ec2:RunInstances"}, want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "IfExists: StringLikeIfExists without ec2:InstanceType", policies: []string{docStringLikeIfExists},
			actions: []string{"ec2:RunInstances"}, want: []types.PolicyEvaluationDecisionType{allowed}},
		{name: "IfExists: StringLikeIfExists with t2.micro", policies: []string{docStringLikeIfExists},
			actions: []string{"ec2:RunInstances"}, context: entries(entry("ec2:InstanceType", str, "t2.micro")), want: []types.PolicyEvaluationDecisionType{allowed}},
		{name: "IfExists: StringLikeIfExists with another instance type", policies: []string{docStringLikeIfExists},
			actions: []string{"ec2:RunInstances"}, context: entries(entry("ec2:InstanceType", str, "m5.large")), want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "Null: no temporary credentials", policies: []string{docNull},
			actions: []string{"ec2:DescribeInstances"}, want: []types.PolicyEvaluationDecisionType{allowed}},
		{name: "Null: temporary credentials", policies: []string{docNull},
			actions: []string{"ec2:DescribeInstances"}, context: entries(entry("aws:TokenIssueTime", types.ContextKeyTypeEnumDate, "2024-01-01T00:00:00Z")), want: []types.PolicyEvaluationDecisionType{implicitDeny}},

		// Multivalued context keys.
		{name: "ForAllValues:StringNotLike: key1:legal", policies: []string{docDenyRestrictedTags},
			actions: []string{"iam:TagUser"}, context: tagKeys("key1:legal"), want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "ForAllValues:StringNotLike: key1:hr and key1:personnel", policies: []string{docDenyRestrictedTags},
			actions: []string{"iam:TagUser"}, context: tagKeys("key1:hr", "key1:personnel"), want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "ForAllValues:StringNotLike: key2:audit", policies: []string{docDenyRestrictedTags},
			actions: []string{"iam:TagUser"}, context: tagKeys("key2:audit"), want: []types.PolicyEvaluationDecisionType{explicitDeny}},
		{name: "ForAllValues:StringNotLike: no aws:TagKeys", policies: []string{docDenyRestrictedTags},
			actions: []string{"iam:TagUser"}, want: []types.PolicyEvaluationDecisionType{explicitDeny}},
		{name: "ForAllValues:StringEquals: only listed attributes", policies: []string{docThreadForAllValues},
			actions: []string{"dynamodb:GetItem"}, resources: []string{docThreadTable}, context: attributes("ID", "Message", "Tags"), want: []types.PolicyEvaluationDecisionType{allowed}},
		{name: "ForAllValues:StringEquals: UserName not listed", policies: []string{docThreadForAllValues},
			actions: []string{"dynamodb:GetItem"}, resources: []string{docThreadTable}, context: attributes("ID", "Message", "UserName"), want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "ForAllValues:StringEquals: no key in the request", policies: []string{docThreadForAllValues},
			actions: []string{"dynamodb:GetItem"}, resources: []string{docThreadTable}, want: []types.PolicyEvaluationDecisionType{allowed}},
		{name: "ForAllValues:StringEquals: PostDateTime and UserName", policies: []string{docThreadEvalLogic},
			actions: []string{"dynamodb:GetItem"}, resources: []string{docThreadTable}, context: attributes("PostDateTime", "UserName"), want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "ForAnyValue:StringEquals: PostDateTime is forbidden", policies: []string{docThreadForAnyValue},
			actions: []string{"dynamodb:PutItem"}, resources: []string{docThreadTable}, context: attributes("PostDateTime", "Message"), want: []types.PolicyEvaluationDecisionType{explicitDeny}},
		{name: "ForAnyValue:StringEquals: UserName alone", policies: []string{docThreadForAnyValue},
			actions: []string{"dynamodb:PutItem"}, resources: []string{docThreadTable}, context: attributes("UserName"), want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "ForAnyValue:StringEquals: no key in the request", policies: []string{docThreadForAnyValue},
			actions: []string{"dynamodb:PutItem"}, resources: []string{docThreadTable}, want: []types.PolicyEvaluationDecisionType{implicitDeny}},

		// Several keys (AND), several values (OR), negated (NOR).
		{name: "AND and OR: every key matches one of its values", policies: []string{docAndOr}, actions: []string{"s3:GetObject"},
			context: entries(entry("aws:PrincipalTag/department", str, "HR"), entry("aws:PrincipalTag/role", str, "audit"), entry("aws:PrincipalAccount", str, "123456789012")),
			want: []types.PolicyEvaluationDecisionType{allowed}},
		{name: "AND and OR: the role tag missing", policies: []string{docAndOr}, actions: []string{"s3:GetObject"},
			context: entries(entry("aws:PrincipalTag/department", str, "finance"), entry("aws:PrincipalAccount", str, "123456789012")),
			want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "AND and OR: another account", policies: []string{docAndOr}, actions: []string{"s3:GetObject"},
			context: entries(entry("aws:PrincipalTag/department", str, "legal"), entry("aws:PrincipalTag/role", str, "security"), entry("aws:PrincipalAccount", str, "999999999999")),
			want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "negated operator: a listed account", policies: []string{docNegatedValues}, actions: []string{"s3:GetObject"},
			context: entries(entry("aws:PrincipalAccount", str, "444455556666")), want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "negated operator: an account listed nowhere", policies: []string{docNegatedValues}, actions: []string{"s3:GetObject"},
			context: entries(entry("aws:PrincipalAccount", str, "123456789012")), want: []types.PolicyEvaluationDecisionType{allowed}},

		// Policy variables.
		{name: "variables: ${aws:username} in a resource", policies: []string{docUsernameHome},
			actions: []string{"s3:GetObject"}, resources: []string{"arn:aws:s3:::mybucket/David/notes.txt", "arn:aws:s3:::mybucket/Adele/notes.txt"},
			context: entries(username("David")), want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "variables: ${aws:username} in a condition", policies: []string{docUsernameHome},
			actions: []string{"s3:ListBucket"}, resources: []string{"arn:aws:s3:::mybucket"},
			context: entries(username("David"), entry("s3:prefix", str, "David/photos")), want: []types.PolicyEvaluationDecisionType{allowed}},
		{name: "variables: each user his own access keys", policies: []string{docOwnAccessKeys},
			actions: []string{"iam:CreateAccessKey"}, resources: []string{"arn:aws:iam::123456789012:user/David"},
			context: entries(username("David")), want: []types.PolicyEvaluationDecisionType{allowed}},
		{name: "variables: literal text without Version 2012-10-17", policies: []string{docUsernameHomeNoVersion},
			actions: []string{"s3:GetObject", "s3:PutObject"}, resources: []string{"arn:aws:s3:::mybucket/${aws:username}/notes.txt"},
			context: entries(username("David")), want: []types.PolicyEvaluationDecisionType{allowed, allowed}},
		{name: "variables: a default value for a principal without the tag", policies: []string{docDefaultValue},
			actions: []string{"s3:ListBucket"}, resources: []string{"arn:aws:s3:::DOC-EXAMPLE-BUCKET-company-wide"}, want: []types.PolicyEvaluationDecisionType{allowed}},
		{name: "variables: the tag's value, not the default", policies: []string{docDefaultValue},
			actions: []string{"s3:ListBucket"}, resources: []string{"arn:aws:s3:::DOC-EXAMPLE-BUCKET-yellow", "arn:aws:s3:::DOC-EXAMPLE-BUCKET-company-wide"},
			context: entries(entry("aws:PrincipalTag/team", str, "yellow")), want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "variables: ${*} ${?} ${$} are the characters themselves", policies: []string{docSpecialCharacters},
			actions: []string{"s3:GetObject"}, resources: []string{"arn:aws:s3:::mybucket/star*", "arn:aws:s3:::mybucket/question?", "arn:aws:s3:::mybucket/dollar$"},
			want: []types.PolicyEvaluationDecisionType{allowed}},
		{name: "variables: ${*} is no wildcard", policies: []string{docSpecialCharacters},
			actions: []string{"s3:GetObject", "s3:GetObject"}, resources: []string{"arn:aws:s3:::mybucket/starlight"},
			want: []types.PolicyEvaluationDecisionType{implicitDeny, implicitDeny}},
		{name: "variables: no value in a resource matches no resource", policies: []string{docUsernameHome},
			actions: []string{"s3:GetObject"}, resources: []string{"arn:aws:s3:::mybucket/David/notes.txt"}, want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "variables: no value in StringLike does not match", policies: []string{docUsernameHome},
			actions: []string{"s3:ListBucket"}, resources: []string{"arn:aws:s3:::mybucket"},
			context: entries(entry("s3:prefix", str, "David/photos")), want: []types.PolicyEvaluationDecisionType{implicitDeny}},

		// NotAction and NotResource.
		{name: "NotAction: all of S3 but DeleteBucket", policies: []string{docNotActionS3},
			actions: []string{"s3:GetObject", "s3:DeleteBucket"}, resources: []string{"arn:aws:s3:::amzn-s3-demo-bucket"}, want: []types.PolicyEvaluationDecisionType{allowed, implicitDeny}},
		{name: "NotAction: ListAllMyBuckets needs the resource *", policies: []string{docNotActionS3},
			actions: []string{"s3:ListAllMyBuckets"}, want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "NotAction: every service but IAM", policies: []string{docNotActionNotIAM},
			actions: []string{"ec2:RunInstances", "s3:GetObject", "iam:CreateUser"}, want: []types.PolicyEvaluationDecisionType{allowed, allowed, implicitDeny}},
		{name: "NotAction: Deny of non-IAM actions without MFA", policies: []string{docDenyWithoutMFA},
			actions: []string{"s3:ListAllMyBuckets", "iam:ListUsers"}, context: entries(entry("aws:MultiFactorAuthPresent", types.ContextKeyTypeEnumBoolean, "false")),
			want: []types.PolicyEvaluationDecisionType{explicitDeny, implicitDeny}},
		{name: "NotAction: signed in with MFA the Deny has no effect and grants nothing", policies: []string{docDenyWithoutMFA},
			actions: []string{"s3:ListAllMyBuckets"}, context: entries(entry("aws:MultiFactorAuthPresent", types.ContextKeyTypeEnumBoolean, "true")),
			want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "NotResource: HRBucket/Payroll is not denied, nor granted", policies: []string{docHRPayroll},
			actions: []string{"s3:GetObject"}, resources: []string{"arn:aws:s3:::HRBucket/Payroll/salaries.csv"}, want: []types.PolicyEvaluationDecisionType{implicitDeny}},
		{name: "NotResource: every other S3 resource is denied", policies: []string{docHRPayroll},
			actions: []string{"s3:GetObject"}, resources: []string{"arn:aws:s3:::HRBucket/Benefits/plan.pdf"}, want: []types.PolicyEvaluationDecisionType{explicitDeny}},
	}
}

func TestDocumentedEvaluationCases(t *testing.T) {
	for _, tc := range documentedCases() {
		t.Run(tc.name, func(t *testing.T) {
			f := fakeiam.MustNew()
			c := f.Client()
			in := &iam.SimulateCustomPolicyInput{PolicyInputList: tc.policies, PermissionsBoundaryPolicyInputList: tc.boundaries,
				ActionNames: tc.actions, ResourceArns: tc.resources, ContextEntries: tc.context}
			if tc.resourcePolicy != "" {
				in.ResourcePolicy = aws.String(tc.resourcePolicy)
			}
			if tc.caller != "" {
				in.CallerArn = aws.String(tc.caller)
			}
			out, err := c.SimulateCustomPolicy(context.Background(), in)
			if err != nil {
				t.Fatalf("SimulateCustomPolicy: %v", err)
			}
			var got []types.PolicyEvaluationDecisionType
			for _, r := range out.EvaluationResults {
				got = append(got, r.EvalDecision)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("decisions (-documented +simulated):\n%s", diff)
			}
		})
	}
}
