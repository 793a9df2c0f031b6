package fakeiam_test

// The calls, steps and callers scenario rows are written with (the guide is
// at the top of harness_test.go).

import (
	"context"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// operation is an SDK client method, such as (*iam.Client).ListUsers.
type operation[In, Out any] func(*iam.Client, context.Context, *In, ...func(*iam.Options)) (*Out, error)

// callOf calls op with in.
func callOf[In, Out any](op operation[In, Out], in *In) call {
	return func(ctx context.Context, c *iam.Client, _ *run) (any, error) { return op(c, ctx, in) }
}

// Calls, one per IAM operation.

func createUser(in *iam.CreateUserInput) call { return callOf((*iam.Client).CreateUser, in) }

func getUser(name *string) call {
	return callOf((*iam.Client).GetUser, &iam.GetUserInput{UserName: name})
}

func listUsers(in *iam.ListUsersInput) call { return callOf((*iam.Client).ListUsers, in) }

func updateUser(in *iam.UpdateUserInput) call { return callOf((*iam.Client).UpdateUser, in) }

func deleteUser(name string) call {
	return callOf((*iam.Client).DeleteUser, &iam.DeleteUserInput{UserName: aws.String(name)})
}

func tagUser(user string, tags ...types.Tag) call {
	return callOf((*iam.Client).TagUser, &iam.TagUserInput{UserName: aws.String(user), Tags: tags})
}

func untagUser(user string, keys ...string) call {
	return callOf((*iam.Client).UntagUser, &iam.UntagUserInput{UserName: aws.String(user), TagKeys: keys})
}

func listUserTags(user string, marker *string, maxItems *int32) call {
	return callOf((*iam.Client).ListUserTags, &iam.ListUserTagsInput{UserName: aws.String(user), Marker: marker, MaxItems: maxItems})
}

// Passwords (passwords_test.go).

func createLoginProfile(user *string, password string, reset bool) call {
	return callOf((*iam.Client).CreateLoginProfile, &iam.CreateLoginProfileInput{UserName: user, Password: aws.String(password), PasswordResetRequired: reset})
}

func getLoginProfile(user *string) call {
	return callOf((*iam.Client).GetLoginProfile, &iam.GetLoginProfileInput{UserName: user})
}

func updateLoginProfile(in *iam.UpdateLoginProfileInput) call {
	return callOf((*iam.Client).UpdateLoginProfile, in)
}

func deleteLoginProfile(user *string) call {
	return callOf((*iam.Client).DeleteLoginProfile, &iam.DeleteLoginProfileInput{UserName: user})
}

func changePassword(old, new string) call {
	return callOf((*iam.Client).ChangePassword, &iam.ChangePasswordInput{OldPassword: aws.String(old), NewPassword: aws.String(new)})
}

func getAccountPasswordPolicy() call {
	return callOf((*iam.Client).GetAccountPasswordPolicy, &iam.GetAccountPasswordPolicyInput{})
}

func updateAccountPasswordPolicy(in *iam.UpdateAccountPasswordPolicyInput) call {
	return callOf((*iam.Client).UpdateAccountPasswordPolicy, in)
}

func deleteAccountPasswordPolicy() call {
	return callOf((*iam.Client).DeleteAccountPasswordPolicy, &iam.DeleteAccountPasswordPolicyInput{})
}

func createGroup(name string, path *string) call {
	return callOf((*iam.Client).CreateGroup, &iam.CreateGroupInput{GroupName: aws.String(name), Path: path})
}

func getGroup(name string, marker *string, maxItems *int32) call {
	return callOf((*iam.Client).GetGroup, &iam.GetGroupInput{GroupName: aws.String(name), Marker: marker, MaxItems: maxItems})
}

func listGroups(in *iam.ListGroupsInput) call { return callOf((*iam.Client).ListGroups, in) }

func updateGroup(in *iam.UpdateGroupInput) call { return callOf((*iam.Client).UpdateGroup, in) }

func deleteGroup(name string) call {
	return callOf((*iam.Client).DeleteGroup, &iam.DeleteGroupInput{GroupName: aws.String(name)})
}

func addUserToGroup(group, user string) call {
	return callOf((*iam.Client).AddUserToGroup, &iam.AddUserToGroupInput{GroupName: aws.String(group), UserName: aws.String(user)})
}

func removeUserFromGroup(group, user string) call {
	return callOf((*iam.Client).RemoveUserFromGroup, &iam.RemoveUserFromGroupInput{GroupName: aws.String(group), UserName: aws.String(user)})
}

func listGroupsForUser(user string, marker *string, maxItems *int32) call {
	return callOf((*iam.Client).ListGroupsForUser, &iam.ListGroupsForUserInput{UserName: aws.String(user), Marker: marker, MaxItems: maxItems})
}

func createAccessKey(user *string) call {
	return callOf((*iam.Client).CreateAccessKey, &iam.CreateAccessKeyInput{UserName: user})
}

// listAccessKeys lists with in (nil: no parameters).
func listAccessKeys(in *iam.ListAccessKeysInput) call {
	if in == nil {
		in = &iam.ListAccessKeysInput{}
	}
	return callOf((*iam.Client).ListAccessKeys, in)
}

func updateAccessKey(user *string, id string, status types.StatusType) call {
	return callOf((*iam.Client).UpdateAccessKey, &iam.UpdateAccessKeyInput{UserName: user, AccessKeyId: aws.String(id), Status: status})
}

func deleteAccessKey(user *string, id string) call {
	return callOf((*iam.Client).DeleteAccessKey, &iam.DeleteAccessKeyInput{UserName: user, AccessKeyId: aws.String(id)})
}

// getAccessKeyLastUsed asks about key id; "<key I>" asks about the run's
// key I.
func getAccessKeyLastUsed(id string) call {
	return func(ctx context.Context, c *iam.Client, r *run) (any, error) {
		if v, ok := r.named[id]; ok {
			id = v
		}
		return c.GetAccessKeyLastUsed(ctx, &iam.GetAccessKeyLastUsedInput{AccessKeyId: aws.String(id)})
	}
}

func listSigningCertificates(user, marker *string, maxItems *int32) call {
	return callOf((*iam.Client).ListSigningCertificates, &iam.ListSigningCertificatesInput{UserName: user, Marker: marker, MaxItems: maxItems})
}

func uploadSigningCertificate(in *iam.UploadSigningCertificateInput) call {
	return callOf((*iam.Client).UploadSigningCertificate, in)
}

func updateSigningCertificate(in *iam.UpdateSigningCertificateInput) call {
	return callOf((*iam.Client).UpdateSigningCertificate, in)
}

func deleteSigningCertificate(in *iam.DeleteSigningCertificateInput) call {
	return callOf((*iam.Client).DeleteSigningCertificate, in)
}

// Inputs of the certificate operations.

func uploadInput(user *string, body string) *iam.UploadSigningCertificateInput {
	return &iam.UploadSigningCertificateInput{UserName: user, CertificateBody: aws.String(body)}
}

func updateInput(user *string, id string, status types.StatusType) *iam.UpdateSigningCertificateInput {
	return &iam.UpdateSigningCertificateInput{UserName: user, CertificateId: aws.String(id), Status: status}
}

func deleteInput(user *string, id string) *iam.DeleteSigningCertificateInput {
	return &iam.DeleteSigningCertificateInput{UserName: user, CertificateId: aws.String(id)}
}

// listThen lists with first as the caller, runs between (once, on the
// fake), then lists with next and the marker first returned, passed through
// edit (nil: unchanged): for any list operation.
func listThen[In, Out any](op operation[In, Out], first In, between []change, edit func(string) string, next In) call {
	return listFrom(nil, op, first, between, edit, next)
}

// listFrom is listThen with the first page listed by from (nil: the caller).
func listFrom[In, Out any](from func(*run) *iam.Client, op operation[In, Out], first In, between []change, edit func(string) string, next In) call {
	return func(ctx context.Context, c *iam.Client, r *run) (any, error) {
		src := c
		if from != nil {
			src = from(r)
		}
		out, err := op(src, ctx, &first)
		if err != nil {
			return nil, err
		}
		if !r.betweenDone {
			r.betweenDone = true
			for _, s := range between {
				s(r)
			}
		}
		m := aws.ToString(markerOf(out))
		if edit != nil {
			m = edit(m)
		}
		in := next
		setMarker(&in, &m)
		return op(c, ctx, &in)
	}
}

// Steps.

// do runs call as the root; the step fails the test if it fails.
func do(c call) change { return doAs(nil, c) }

// doAs runs call as the client as gives (nil: the root).
func doAs(as func(*run) *iam.Client, c call) change {
	return func(r *run) {
		r.t.Helper()
		client := r.root()
		if as != nil {
			client = as(r)
		}
		if _, err := c(context.Background(), client, r); err != nil {
			r.t.Fatalf("step: %v", err)
		}
	}
}

// try runs call as the root and ignores its outcome: a refused call's
// state is what the row checks.
func try(c call) change {
	return func(r *run) { c(context.Background(), r.root(), r) }
}

// newKey creates an access key for user (nil: the root's own) through the
// API; later steps and the call name it as the run's key i (from 0), and
// expectations as "<key i>".
func newKey(user *string) change {
	return func(r *run) {
		r.t.Helper()
		out, err := r.root().CreateAccessKey(context.Background(), &iam.CreateAccessKeyInput{UserName: user})
		if err != nil {
			r.t.Fatalf("step: create key: %v", err)
		}
		r.name("<key "+strconv.Itoa(len(r.keys))+">", *out.AccessKey.AccessKeyId)
		r.keys = append(r.keys, *out.AccessKey)
	}
}

// setKey sets the status of the run's key i.
func setKey(i int, status types.StatusType) change {
	return func(r *run) {
		r.t.Helper()
		k := r.keys[i]
		if _, err := r.root().UpdateAccessKey(context.Background(), &iam.UpdateAccessKeyInput{UserName: k.UserName, AccessKeyId: k.AccessKeyId, Status: status}); err != nil {
			r.t.Fatalf("step: update key %d: %v", i, err)
		}
	}
}

// deleteKey deletes the run's key i.
func deleteKey(i int) change {
	return func(r *run) {
		r.t.Helper()
		k := r.keys[i]
		if _, err := r.root().DeleteAccessKey(context.Background(), &iam.DeleteAccessKeyInput{UserName: k.UserName, AccessKeyId: k.AccessKeyId}); err != nil {
			r.t.Fatalf("step: delete key %d: %v", i, err)
		}
	}
}

// uploadCertificate uploads body for user (nil: the root); expectations
// name its id "<certificate i>", i counting the run's uploads from 0.
func uploadCertificate(user *string, body string) change {
	return func(r *run) {
		r.t.Helper()
		out, err := r.root().UploadSigningCertificate(context.Background(), uploadInput(user, body))
		if err != nil {
			r.t.Fatalf("step: upload: %v", err)
		}
		r.name("<certificate "+strconv.Itoa(r.certs)+">", *out.Certificate.CertificateId)
		r.certs++
	}
}

func advance(d time.Duration) change {
	return func(r *run) {
		if err := r.f.Advance(d); err != nil {
			r.t.Fatal(err)
		}
	}
}

func inject(rules ...fakeiam.Rule) change {
	return func(r *run) { r.f.Inject(rules...) }
}

// Callers.

// asKey signs with a seeded key (the secret the fake holds for it).
func asKey(id string) func(*run) *iam.Client {
	return func(r *run) *iam.Client { return r.f.ClientWithAccessKey(id) }
}

// asUser is user name's client (f.User(name).Client()).
func asUser(name string) func(*run) *iam.Client {
	return func(r *run) *iam.Client { return r.f.User(name).Client() }
}

// asNewKey signs with the run's key i through f.ClientWithAccessKey.
func asNewKey(i int) func(*run) *iam.Client {
	return func(r *run) *iam.Client { return r.f.ClientWithAccessKey(*r.keys[i].AccessKeyId) }
}

// asNewKeyAttached signs with the run's key i from a client the test
// builds itself, with static credentials and f.Attach: the fake then checks
// the signature against the secret CreateAccessKey returned (passed
// through secret when not nil).
func asNewKeyAttached(i int, secret func(string) string) func(*run) *iam.Client {
	return func(r *run) *iam.Client {
		k := r.keys[i]
		s := *k.SecretAccessKey
		if secret != nil {
			s = secret(s)
		}
		return iam.New(iam.Options{Region: "us-east-1", Credentials: staticCreds(fakeiam.AccessKey{ID: *k.AccessKeyId, Secret: s})}, r.f.Attach)
	}
}

// markerOf is a list output's Marker.
func markerOf(out any) *string {
	return reflect.ValueOf(out).Elem().FieldByName("Marker").Interface().(*string)
}

// setMarker sets a list input's Marker.
func setMarker(in any, m *string) {
	reflect.ValueOf(in).Elem().FieldByName("Marker").Set(reflect.ValueOf(m))
}

// markerFrom lists with op and next, with the marker from returns (from
// lists on the fake, with the run): a marker of another listing.
func markerFrom[In, Out any](from func(context.Context, *run) (*string, error), op operation[In, Out], next In) call {
	return func(ctx context.Context, c *iam.Client, r *run) (any, error) {
		m, err := from(ctx, r)
		if err != nil {
			return nil, err
		}
		in := next
		setMarker(&in, m)
		return op(c, ctx, &in)
	}
}

// listAllCertificates lists every page for user (nil: the caller).
func listAllCertificates(t *testing.T, c *iam.Client, user *string) []types.SigningCertificate {
	t.Helper()
	var all []types.SigningCertificate
	p := iam.NewListSigningCertificatesPaginator(c, &iam.ListSigningCertificatesInput{UserName: user})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatalf("list: %v", err)
		}
		all = append(all, page.Certificates...)
	}
	return all
}

// SSH public keys (ssh_public_keys_test.go).

func uploadSSHKey(user, body string) call {
	return callOf((*iam.Client).UploadSSHPublicKey, &iam.UploadSSHPublicKeyInput{UserName: aws.String(user), SSHPublicKeyBody: aws.String(body)})
}

func getSSHKey(user, id string, encoding types.EncodingType) call {
	return callOf((*iam.Client).GetSSHPublicKey, &iam.GetSSHPublicKeyInput{UserName: aws.String(user), SSHPublicKeyId: aws.String(id), Encoding: encoding})
}

func listSSHKeys(user, marker *string, maxItems *int32) call {
	return callOf((*iam.Client).ListSSHPublicKeys, &iam.ListSSHPublicKeysInput{UserName: user, Marker: marker, MaxItems: maxItems})
}

func updateSSHKey(user, id string, status types.StatusType) call {
	return callOf((*iam.Client).UpdateSSHPublicKey, &iam.UpdateSSHPublicKeyInput{UserName: aws.String(user), SSHPublicKeyId: aws.String(id), Status: status})
}

func deleteSSHKey(user, id string) call {
	return callOf((*iam.Client).DeleteSSHPublicKey, &iam.DeleteSSHPublicKeyInput{UserName: aws.String(user), SSHPublicKeyId: aws.String(id)})
}

// Calls of STS and of the account (caller_identity.go, account_aliases.go).

// stsOf is c as an STS client: its region, credentials, retryer, HTTP
// client, endpoint and middleware, so that it reaches the fake through the
// same door as c (the fake's middleware, or the endpoint over HTTP).
func stsOf(c *iam.Client) *sts.Client {
	o := c.Options()
	return sts.New(sts.Options{Region: o.Region, Credentials: o.Credentials, Retryer: o.Retryer,
		HTTPClient: o.HTTPClient, BaseEndpoint: o.BaseEndpoint, APIOptions: o.APIOptions})
}

func getCallerIdentity() call {
	return func(ctx context.Context, c *iam.Client, _ *run) (any, error) {
		return stsOf(c).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	}
}

func createAccountAlias(alias string) call {
	return callOf((*iam.Client).CreateAccountAlias, &iam.CreateAccountAliasInput{AccountAlias: &alias})
}

func deleteAccountAlias(alias string) call {
	return callOf((*iam.Client).DeleteAccountAlias, &iam.DeleteAccountAliasInput{AccountAlias: &alias})
}

func listAccountAliases(in *iam.ListAccountAliasesInput) call {
	return callOf((*iam.Client).ListAccountAliases, in)
}

// The account's summary (account_summary.go).

func getAccountSummary() call {
	return callOf((*iam.Client).GetAccountSummary, &iam.GetAccountSummaryInput{})
}

// The account's authorization details (account_authorization_details_test.go).

func getAccountAuthorizationDetails(in *iam.GetAccountAuthorizationDetailsInput) call {
	return callOf((*iam.Client).GetAccountAuthorizationDetails, in)
}

// Managed policies and their attachments (managed_policies_test.go,
// policy_attachments_test.go).

func createPolicy(in *iam.CreatePolicyInput) call { return callOf((*iam.Client).CreatePolicy, in) }

func getPolicy(arn string) call {
	return callOf((*iam.Client).GetPolicy, &iam.GetPolicyInput{PolicyArn: aws.String(arn)})
}

func listPolicies(in *iam.ListPoliciesInput) call { return callOf((*iam.Client).ListPolicies, in) }

func deletePolicy(arn string) call {
	return callOf((*iam.Client).DeletePolicy, &iam.DeletePolicyInput{PolicyArn: aws.String(arn)})
}

func createPolicyVersion(arn, doc string, asDefault bool) call {
	return callOf((*iam.Client).CreatePolicyVersion, &iam.CreatePolicyVersionInput{PolicyArn: aws.String(arn), PolicyDocument: aws.String(doc), SetAsDefault: asDefault})
}

func getPolicyVersion(arn, version string) call {
	return callOf((*iam.Client).GetPolicyVersion, &iam.GetPolicyVersionInput{PolicyArn: aws.String(arn), VersionId: aws.String(version)})
}

func listPolicyVersions(arn string, marker *string, maxItems *int32) call {
	return callOf((*iam.Client).ListPolicyVersions, &iam.ListPolicyVersionsInput{PolicyArn: aws.String(arn), Marker: marker, MaxItems: maxItems})
}

func deletePolicyVersion(arn, version string) call {
	return callOf((*iam.Client).DeletePolicyVersion, &iam.DeletePolicyVersionInput{PolicyArn: aws.String(arn), VersionId: aws.String(version)})
}

func setDefaultPolicyVersion(arn, version string) call {
	return callOf((*iam.Client).SetDefaultPolicyVersion, &iam.SetDefaultPolicyVersionInput{PolicyArn: aws.String(arn), VersionId: aws.String(version)})
}

func attachUserPolicy(user, arn string) call {
	return callOf((*iam.Client).AttachUserPolicy, &iam.AttachUserPolicyInput{UserName: aws.String(user), PolicyArn: aws.String(arn)})
}

func detachUserPolicy(user, arn string) call {
	return callOf((*iam.Client).DetachUserPolicy, &iam.DetachUserPolicyInput{UserName: aws.String(user), PolicyArn: aws.String(arn)})
}

func listAttachedUserPolicies(in *iam.ListAttachedUserPoliciesInput) call {
	return callOf((*iam.Client).ListAttachedUserPolicies, in)
}

func attachGroupPolicy(group, arn string) call {
	return callOf((*iam.Client).AttachGroupPolicy, &iam.AttachGroupPolicyInput{GroupName: aws.String(group), PolicyArn: aws.String(arn)})
}

func detachGroupPolicy(group, arn string) call {
	return callOf((*iam.Client).DetachGroupPolicy, &iam.DetachGroupPolicyInput{GroupName: aws.String(group), PolicyArn: aws.String(arn)})
}

func listAttachedGroupPolicies(in *iam.ListAttachedGroupPoliciesInput) call {
	return callOf((*iam.Client).ListAttachedGroupPolicies, in)
}

func listEntitiesForPolicy(in *iam.ListEntitiesForPolicyInput) call {
	return callOf((*iam.Client).ListEntitiesForPolicy, in)
}

// Inline policies (inline_policies_test.go).

func putUserPolicy(user, name, doc string) call {
	return callOf((*iam.Client).PutUserPolicy, &iam.PutUserPolicyInput{UserName: aws.String(user), PolicyName: aws.String(name), PolicyDocument: aws.String(doc)})
}

func getUserPolicy(user, name string) call {
	return callOf((*iam.Client).GetUserPolicy, &iam.GetUserPolicyInput{UserName: aws.String(user), PolicyName: aws.String(name)})
}

func listUserPolicies(user string, marker *string, maxItems *int32) call {
	return callOf((*iam.Client).ListUserPolicies, &iam.ListUserPoliciesInput{UserName: aws.String(user), Marker: marker, MaxItems: maxItems})
}

func deleteUserPolicy(user, name string) call {
	return callOf((*iam.Client).DeleteUserPolicy, &iam.DeleteUserPolicyInput{UserName: aws.String(user), PolicyName: aws.String(name)})
}

func putGroupPolicy(group, name, doc string) call {
	return callOf((*iam.Client).PutGroupPolicy, &iam.PutGroupPolicyInput{GroupName: aws.String(group), PolicyName: aws.String(name), PolicyDocument: aws.String(doc)})
}

func getGroupPolicy(group, name string) call {
	return callOf((*iam.Client).GetGroupPolicy, &iam.GetGroupPolicyInput{GroupName: aws.String(group), PolicyName: aws.String(name)})
}

func listGroupPolicies(group string, marker *string, maxItems *int32) call {
	return callOf((*iam.Client).ListGroupPolicies, &iam.ListGroupPoliciesInput{GroupName: aws.String(group), Marker: marker, MaxItems: maxItems})
}

func deleteGroupPolicy(group, name string) call {
	return callOf((*iam.Client).DeleteGroupPolicy, &iam.DeleteGroupPolicyInput{GroupName: aws.String(group), PolicyName: aws.String(name)})
}

// Role policies, attachments, permissions boundaries and policy tags
// (role_policies_test.go, permissions_boundaries_test.go,
// policy_tags_test.go).

func putRolePolicy(role, name, doc string) call {
	return callOf((*iam.Client).PutRolePolicy, &iam.PutRolePolicyInput{RoleName: aws.String(role), PolicyName: aws.String(name), PolicyDocument: aws.String(doc)})
}

func getRolePolicy(role, name string) call {
	return callOf((*iam.Client).GetRolePolicy, &iam.GetRolePolicyInput{RoleName: aws.String(role), PolicyName: aws.String(name)})
}

func listRolePolicies(role string, marker *string, maxItems *int32) call {
	return callOf((*iam.Client).ListRolePolicies, &iam.ListRolePoliciesInput{RoleName: aws.String(role), Marker: marker, MaxItems: maxItems})
}

func deleteRolePolicy(role, name string) call {
	return callOf((*iam.Client).DeleteRolePolicy, &iam.DeleteRolePolicyInput{RoleName: aws.String(role), PolicyName: aws.String(name)})
}

func attachRolePolicy(role, arn string) call {
	return callOf((*iam.Client).AttachRolePolicy, &iam.AttachRolePolicyInput{RoleName: aws.String(role), PolicyArn: aws.String(arn)})
}

func detachRolePolicy(role, arn string) call {
	return callOf((*iam.Client).DetachRolePolicy, &iam.DetachRolePolicyInput{RoleName: aws.String(role), PolicyArn: aws.String(arn)})
}

func listAttachedRolePolicies(in *iam.ListAttachedRolePoliciesInput) call {
	return callOf((*iam.Client).ListAttachedRolePolicies, in)
}

func putUserBoundary(user, arn string) call {
	return callOf((*iam.Client).PutUserPermissionsBoundary, &iam.PutUserPermissionsBoundaryInput{UserName: aws.String(user), PermissionsBoundary: aws.String(arn)})
}

func deleteUserBoundary(user string) call {
	return callOf((*iam.Client).DeleteUserPermissionsBoundary, &iam.DeleteUserPermissionsBoundaryInput{UserName: aws.String(user)})
}

func putRoleBoundary(role, arn string) call {
	return callOf((*iam.Client).PutRolePermissionsBoundary, &iam.PutRolePermissionsBoundaryInput{RoleName: aws.String(role), PermissionsBoundary: aws.String(arn)})
}

func deleteRoleBoundary(role string) call {
	return callOf((*iam.Client).DeleteRolePermissionsBoundary, &iam.DeleteRolePermissionsBoundaryInput{RoleName: aws.String(role)})
}

func tagPolicy(arn string, tags ...types.Tag) call {
	return callOf((*iam.Client).TagPolicy, &iam.TagPolicyInput{PolicyArn: aws.String(arn), Tags: tags})
}

func untagPolicy(arn string, keys ...string) call {
	return callOf((*iam.Client).UntagPolicy, &iam.UntagPolicyInput{PolicyArn: aws.String(arn), TagKeys: keys})
}

func listPolicyTags(arn string, marker *string, maxItems *int32) call {
	return callOf((*iam.Client).ListPolicyTags, &iam.ListPolicyTagsInput{PolicyArn: aws.String(arn), Marker: marker, MaxItems: maxItems})
}

// The credential report (credential_report.go).

func generateCredentialReport() call {
	return callOf((*iam.Client).GenerateCredentialReport, &iam.GenerateCredentialReportInput{})
}

func getCredentialReport() call {
	return callOf((*iam.Client).GetCredentialReport, &iam.GetCredentialReportInput{})
}

// Roles (roles_test.go).

func createRole(in *iam.CreateRoleInput) call { return callOf((*iam.Client).CreateRole, in) }

func getRole(name string) call {
	return callOf((*iam.Client).GetRole, &iam.GetRoleInput{RoleName: aws.String(name)})
}

func listRoles(in *iam.ListRolesInput) call { return callOf((*iam.Client).ListRoles, in) }

func updateRole(in *iam.UpdateRoleInput) call { return callOf((*iam.Client).UpdateRole, in) }

func updateRoleDescription(name, description string) call {
	return callOf((*iam.Client).UpdateRoleDescription, &iam.UpdateRoleDescriptionInput{RoleName: aws.String(name), Description: aws.String(description)})
}

func updateAssumeRolePolicy(name, doc string) call {
	return callOf((*iam.Client).UpdateAssumeRolePolicy, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String(name), PolicyDocument: aws.String(doc)})
}

func deleteRole(name string) call {
	return callOf((*iam.Client).DeleteRole, &iam.DeleteRoleInput{RoleName: aws.String(name)})
}

func tagRole(name string, tags ...types.Tag) call {
	return callOf((*iam.Client).TagRole, &iam.TagRoleInput{RoleName: aws.String(name), Tags: tags})
}

func untagRole(name string, keys ...string) call {
	return callOf((*iam.Client).UntagRole, &iam.UntagRoleInput{RoleName: aws.String(name), TagKeys: keys})
}

func listRoleTags(name string, marker *string, maxItems *int32) call {
	return callOf((*iam.Client).ListRoleTags, &iam.ListRoleTagsInput{RoleName: aws.String(name), Marker: marker, MaxItems: maxItems})
}
