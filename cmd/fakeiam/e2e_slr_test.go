package main

// End-to-end for service-linked roles (docs/contract.md, "Service-linked
// roles"): the AWS CLI creates the roles that ECS and EC2 Auto Scaling set
// up guides create (`aws iam create-service-linked-role`, a second time
// `|| true` as those guides do, meeting IAM's InvalidInput), finds them
// protected, deletes one and polls its deletion task as terraform does.
// boto3 runs the bootstrap that tools write (create, ignore "has been
// taken", read the role and its policy back), then deletes and polls.

import (
	"regexp"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

// deletionTaskShape is a deletion task of role AWSServiceRoleForECS.
var deletionTaskShape = regexp.MustCompile(`^task/aws-service-role/ecs\.amazonaws\.com/AWSServiceRoleForECS/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestAWSCLIServiceLinkedRoles(t *testing.T) {
	t.Parallel()
	aws := awsCLI(t)
	s := start(t, "-quiet")
	root := s.clientEnv(t, s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"])
	run := func(want any, args ...string) {
		t.Helper()
		var got any
		cli(t, aws, root, &got, args...)
		if diff := gocmp.Diff(want, settled(t, got)); diff != "" {
			t.Errorf("aws iam %s (-want +got):\n%s", args[0], diff)
		}
	}
	type m = map[string]any
	type l = []any
	trust := func(service string) m {
		return m{"Version": "2012-10-17", "Statement": l{m{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": m{"Service": service}}}}
	}
	ecs := m{"Path": "/aws-service-role/ecs.amazonaws.com/", "RoleName": "AWSServiceRoleForECS", "RoleId": "RoleId",
		"Arn": "arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS", "CreateDate": "CreateDate",
		"AssumeRolePolicyDocument": trust("ecs.amazonaws.com")}
	// The output the ECS guides print (recorded), ids and dates aside.
	run(m{"Role": ecs}, "create-service-linked-role", "--aws-service-name", "ecs.amazonaws.com")
	cliRefuses(t, aws, root, "An error occurred (InvalidInput) when calling the CreateServiceLinkedRole operation: Service role name AWSServiceRoleForECS has been taken in this account, please try a different suffix.",
		"create-service-linked-role", "--aws-service-name", "ecs.amazonaws.com")
	run(m{"Role": m{"Path": "/aws-service-role/autoscaling.amazonaws.com/", "RoleName": "AWSServiceRoleForAutoScaling_suffix", "RoleId": "RoleId",
		"Arn": "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling_suffix", "CreateDate": "CreateDate",
		"AssumeRolePolicyDocument": trust("autoscaling.amazonaws.com")}},
		"create-service-linked-role", "--aws-service-name", "autoscaling.amazonaws.com", "--custom-suffix", "suffix", "--description", "for the web group")
	run(m{"AttachedPolicies": l{m{"PolicyName": "AmazonECSServiceRolePolicy", "PolicyArn": "arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy"}}},
		"list-attached-role-policies", "--role-name", "AWSServiceRoleForECS")

	t.Run("errors", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			args []string
			line string
		}{
			{"custom suffix", []string{"create-service-linked-role", "--aws-service-name", "es.amazonaws.com", "--custom-suffix", "x"},
				"An error occurred (InvalidInput) when calling the CreateServiceLinkedRole operation: Custom suffix is not allowed for es.amazonaws.com"},
			{"unknown service", []string{"create-service-linked-role", "--aws-service-name", "nothing.example.com"},
				"An error occurred (NoSuchEntity) when calling the CreateServiceLinkedRole operation: Service nothing.example.com does not have a service-linked role."},
			{"delete-role", []string{"delete-role", "--role-name", "AWSServiceRoleForECS"},
				"An error occurred (UnmodifiableEntity) when calling the DeleteRole operation: Cannot perform the operation on the protected role 'AWSServiceRoleForECS' - this role is only modifiable by AWS"},
			{"detach-role-policy", []string{"detach-role-policy", "--role-name", "AWSServiceRoleForECS", "--policy-arn", "arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy"},
				"An error occurred (UnmodifiableEntity) when calling the DetachRolePolicy operation: Cannot perform the operation on the protected role 'AWSServiceRoleForECS' - this role is only modifiable by AWS"},
			{"put-role-policy", []string{"put-role-policy", "--role-name", "AWSServiceRoleForECS", "--policy-name", "x",
				"--policy-document", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}`},
				"An error occurred (UnmodifiableEntity) when calling the PutRolePolicy operation: Cannot perform the operation on the protected role 'AWSServiceRoleForECS' - this role is only modifiable by AWS"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				cliRefuses(t, aws, root, tc.line, tc.args...)
			})
		}
	})

	var task struct{ DeletionTaskId string }
	cli(t, aws, root, &task, "delete-service-linked-role", "--role-name", "AWSServiceRoleForECS")
	if !deletionTaskShape.MatchString(task.DeletionTaskId) {
		t.Errorf("DeletionTaskId %q is not of the shape %s", task.DeletionTaskId, deletionTaskShape)
	}
	run(m{"Status": "SUCCEEDED"}, "get-service-linked-role-deletion-status", "--deletion-task-id", task.DeletionTaskId)
	cliRefuses(t, aws, root, "An error occurred (NoSuchEntity) when calling the GetRole operation: The role with name AWSServiceRoleForECS cannot be found.",
		"get-role", "--role-name", "AWSServiceRoleForECS")
}

// boto3LinkedRolesScript: the bootstrap tools write in boto3 (create the
// role, ignore "has been taken", read it back), then a deletion polled
// as terraform polls it. It prints what it saw as JSON.
const boto3LinkedRolesScript = `
import json
import boto3
from botocore.exceptions import ClientError

iam = boto3.client("iam")

def ensure(service):
    try:
        return iam.create_service_linked_role(AWSServiceName=service)["Role"]["RoleName"]
    except ClientError as e:
        if e.response["Error"]["Code"] == "InvalidInput" and "has been taken" in e.response["Error"]["Message"]:
            return "taken"
        raise

out = {"ensured": [ensure("elasticloadbalancing.amazonaws.com"), ensure("elasticloadbalancing.amazonaws.com"), ensure("spot.amazonaws.com")]}
role = iam.get_role(RoleName="AWSServiceRoleForElasticLoadBalancing")["Role"]
out["role"] = {k: role[k] for k in ("Path", "RoleName", "Arn", "AssumeRolePolicyDocument", "MaxSessionDuration")}
out["listed"] = [r["RoleName"] for r in iam.list_roles(PathPrefix="/aws-service-role/")["Roles"]]
out["attached"] = [p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName="AWSServiceRoleForEC2Spot")["AttachedPolicies"]]
iam.update_role_description(RoleName="AWSServiceRoleForEC2Spot", Description="spot fleet")
out["description"] = iam.get_role(RoleName="AWSServiceRoleForEC2Spot")["Role"]["Description"]
out["errors"] = {
    "AttachRolePolicy": error(iam.attach_role_policy, RoleName="AWSServiceRoleForEC2Spot", PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess"),
    "UpdateAssumeRolePolicy": error(iam.update_assume_role_policy, RoleName="AWSServiceRoleForEC2Spot", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})),
    "GetServiceLinkedRoleDeletionStatus": error(iam.get_service_linked_role_deletion_status, DeletionTaskId="nope"),
}
task = iam.delete_service_linked_role(RoleName="AWSServiceRoleForEC2Spot")["DeletionTaskId"]
out["task"] = task
out["status"] = iam.get_service_linked_role_deletion_status(DeletionTaskId=task)["Status"]
out["left"] = [r["RoleName"] for r in iam.list_roles(PathPrefix="/aws-service-role/")["Roles"]]
print(json.dumps(out))
`

func TestBoto3ServiceLinkedRoles(t *testing.T) {
	t.Parallel()
	python := boto3Python(t)
	s := start(t, "-quiet")
	var got struct {
		Ensured, Listed, Attached, Left []string
		Role                            map[string]any
		Description, Task, Status       string
		Errors                          map[string]*boto3Error
	}
	s.boto3Run(t, python, boto3LinkedRolesScript, &got)
	elb := "elasticloadbalancing.amazonaws.com"
	for _, tc := range []struct {
		name      string
		want, got any
	}{
		{"ensured: made, taken, made", []string{"AWSServiceRoleForElasticLoadBalancing", "taken", "AWSServiceRoleForEC2Spot"}, got.Ensured},
		{"get_role", map[string]any{"Path": "/aws-service-role/" + elb + "/", "RoleName": "AWSServiceRoleForElasticLoadBalancing",
			"Arn": "arn:aws:iam::123456789012:role/aws-service-role/" + elb + "/AWSServiceRoleForElasticLoadBalancing", "MaxSessionDuration": float64(3600),
			"AssumeRolePolicyDocument": map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{"Action": "sts:AssumeRole",
				"Effect": "Allow", "Principal": map[string]any{"Service": elb}}}}}, got.Role},
		{"list_roles under /aws-service-role/", []string{"AWSServiceRoleForEC2Spot", "AWSServiceRoleForElasticLoadBalancing"}, got.Listed},
		{"the spot role's policy", []string{"arn:aws:iam::aws:policy/aws-service-role/AWSEC2SpotServiceRolePolicy"}, got.Attached},
		{"its description may change", "spot fleet", got.Description},
		{"the deletion task's status", "SUCCEEDED", got.Status},
		{"left after the deletion", []string{"AWSServiceRoleForElasticLoadBalancing"}, got.Left},
	} {
		if diff := gocmp.Diff(tc.want, tc.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
	if want := `task/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot/`; len(got.Task) != len(want)+36 || got.Task[:len(want)] != want {
		t.Errorf("DeletionTaskId %q, want %s<uuid>", got.Task, want)
	}
	protected := &boto3Error{Code: "UnmodifiableEntity", Status: 400, Message: "Cannot perform the operation on the protected role 'AWSServiceRoleForEC2Spot' - this role is only modifiable by AWS"}
	wantErrors := map[string]*boto3Error{
		"AttachRolePolicy":                   protected,
		"UpdateAssumeRolePolicy":             protected,
		"GetServiceLinkedRoleDeletionStatus": {Code: "InvalidInput", Status: 400, Message: "Invalid deletion task id nope."},
	}
	if diff := gocmp.Diff(wantErrors, got.Errors); diff != "" {
		t.Errorf("ClientErrors (-want +got):\n%s", diff)
	}
}
