package fakeiam_test

// The behaviors every IAM list operation shares (docs/contract.md "List"), run
// against each registered list operation through both doors: MaxItems'
// default and range, markers bound to their account, user and operation and
// refused when changed, listings continued across writes, the
// IsTruncated/Marker rules, ShortPage. A new list operation gets all of it
// by adding its row to listOperations.

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// listOperation is how the list behaviors drive one list operation.
type listOperation struct {
	op      fakeiam.Operation
	variant string // what tells two rows of one operation apart
	// perUser: the items belong to a user, whom UserName names.
	perUser bool
	// seed gives user n items (the account n items, when not perUser),
	// with room for a few more: it returns user with the items and the
	// options they need.
	seed func(user *fakeiam.PrincipalSeed, n int) (*fakeiam.PrincipalSeed, []fakeiam.Option)
	// list lists user's items from marker, at most maxItems (nil: absent).
	list func(user string, marker *string, maxItems *int32) call
	// ids are the ids of a page's items, in order (itemIDs).
	ids func(out any) []string
	// add adds user's i-th new item; remove removes user's item id.
	add    func(user string, i int) call
	remove func(user, id string) call
	// most is the most items one owner can hold in IAM (0: more than any
	// test seeds): rows that need more do not apply.
	most int
	// named, when set, seeds in place of seed: the options that give the
	// owner named owner n items (a group's users, a user's groups: the
	// items name their owner).
	named func(owner string, n int) []fakeiam.Option
	// least is the fewest items one owner holds in IAM (a policy's
	// versions: 1): rows that need fewer do not apply.
	least int
}

var listOperations = []listOperation{
	{op: fakeiam.ListUsers,
		seed: func(user *fakeiam.PrincipalSeed, n int) (*fakeiam.PrincipalSeed, []fakeiam.Option) {
			var opts []fakeiam.Option
			for i := range n {
				opts = append(opts, fakeiam.User(fmt.Sprintf("user%03d", i)))
			}
			return user, opts
		},
		list: func(_ string, m *string, n *int32) call {
			return listUsers(&iam.ListUsersInput{Marker: m, MaxItems: n})
		},
		ids: itemIDs("Users", "UserName"),
		add: func(_ string, i int) call {
			return createUser(&iam.CreateUserInput{UserName: aws.String(fmt.Sprintf("user%03dx", 2*i+1))})
		},
		remove: func(_, id string) call { return deleteUser(id) }},
	{op: fakeiam.ListAccessKeys, perUser: true,
		seed: func(user *fakeiam.PrincipalSeed, n int) (*fakeiam.PrincipalSeed, []fakeiam.Option) {
			keys := make([]fakeiam.AccessKey, n)
			for i := range keys {
				keys[i] = fakeiam.AccessKey{ID: fmt.Sprintf("AKIALIST%012d", seededKeys.Add(1)), Secret: "s"}
			}
			return user.AccessKey(keys...), []fakeiam.Option{fakeiam.AccessKeysPerUser(n + 10)}
		},
		list: func(user string, m *string, n *int32) call {
			return listAccessKeys(&iam.ListAccessKeysInput{UserName: &user, Marker: m, MaxItems: n})
		},
		ids:    itemIDs("AccessKeyMetadata", "AccessKeyId"),
		add:    func(user string, _ int) call { return createAccessKey(&user) },
		remove: func(user, id string) call { return deleteAccessKey(&user, id) }},
	{op: fakeiam.ListSigningCertificates, perUser: true,
		// All at the same upload date: the order is the ids' (the hard case).
		seed: func(user *fakeiam.PrincipalSeed, n int) (*fakeiam.PrincipalSeed, []fakeiam.Option) {
			return user.SigningCertificate(make([]fakeiam.SigningCertificate, n)...), []fakeiam.Option{fakeiam.CertificatesPerUser(n + 10)}
		},
		list: func(user string, m *string, n *int32) call { return listSigningCertificates(&user, m, n) },
		ids:  itemIDs("Certificates", "CertificateId"),
		add: func(user string, i int) call {
			return uploadSigningCertificate(uploadInput(&user, fakeiam.CertificatePEM(fmt.Sprintf("%s added %d", user, i))))
		},
		remove: func(user, id string) call { return deleteSigningCertificate(deleteInput(&user, id)) }},
	{op: fakeiam.ListUserTags, perUser: true, most: 50,
		seed: func(user *fakeiam.PrincipalSeed, n int) (*fakeiam.PrincipalSeed, []fakeiam.Option) {
			for i := range n {
				user = user.Tag(fmt.Sprintf("key%03d", 2*i), "v")
			}
			return user, nil
		},
		list: func(user string, m *string, n *int32) call { return listUserTags(user, m, n) },
		ids:  itemIDs("Tags", "Key"),
		// Between the seeded keys in their order, which is the keys' own.
		add:    func(user string, i int) call { return tagUser(user, tag(fmt.Sprintf("key%03d", 2*i+1), "v")) },
		remove: func(user, id string) call { return untagUser(user, id) }},
	// An account holds one alias at most: CreateAccountAlias replaces it,
	// so only rows of up to one item, adding to none, apply.
	{op: fakeiam.ListAccountAliases, most: 1,
		seed: func(user *fakeiam.PrincipalSeed, n int) (*fakeiam.PrincipalSeed, []fakeiam.Option) {
			if n == 0 {
				return user, nil
			}
			return user, []fakeiam.Option{fakeiam.AccountAlias(fmt.Sprintf("alias-%d", seededKeys.Add(1)))}
		},
		list: func(_ string, m *string, n *int32) call {
			return listAccountAliases(&iam.ListAccountAliasesInput{Marker: m, MaxItems: n})
		},
		ids:    func(out any) []string { return out.(*iam.ListAccountAliasesOutput).AccountAliases },
		add:    func(_ string, i int) call { return createAccountAlias(fmt.Sprintf("added-%d", i)) },
		remove: func(_, id string) call { return deleteAccountAlias(id) }},

	// Groups (groups_test.go). ListGroups: the account's groups.
	{op: fakeiam.ListGroups,
		named: func(_ string, n int) []fakeiam.Option {
			var opts []fakeiam.Option
			for i := range n {
				opts = append(opts, fakeiam.Group(fmt.Sprintf("group%03d", 2*i)))
			}
			return opts
		},
		list: func(_ string, m *string, n *int32) call {
			return listGroups(&iam.ListGroupsInput{Marker: m, MaxItems: n})
		},
		ids: itemIDs("Groups", "GroupName"),
		// Between the seeded groups in their order, which is the names'.
		add:    func(_ string, i int) call { return createGroup(fmt.Sprintf("group%03d", 2*i+1), nil) },
		remove: func(_, id string) call { return deleteGroup(id) }},
	// Roles (roles_test.go). ListRoles: the account's roles.
	{op: fakeiam.ListRoles,
		named: func(_ string, n int) []fakeiam.Option {
			var opts []fakeiam.Option
			for i := range n {
				opts = append(opts, fakeiam.Role(fmt.Sprintf("role%03d", 2*i)))
			}
			return opts
		},
		list: func(_ string, m *string, n *int32) call {
			return listRoles(&iam.ListRolesInput{Marker: m, MaxItems: n})
		},
		ids: itemIDs("Roles", "RoleName"),
		// Between the seeded roles in their order, which is the names'.
		add:    func(_ string, i int) call { return createRole(newRoleInput(fmt.Sprintf("role%03d", 2*i+1), trustEC2)) },
		remove: func(_, id string) call { return deleteRole(id) }},
	// ListRoleTags: the tags of the role named as the owner.
	{op: fakeiam.ListRoleTags, perUser: true, most: 50,
		named: func(owner string, n int) []fakeiam.Option {
			r := fakeiam.Role(owner)
			for i := range n {
				r = r.Tag(fmt.Sprintf("key%03d", 2*i), "v")
			}
			return []fakeiam.Option{r}
		},
		list:   func(owner string, m *string, n *int32) call { return listRoleTags(owner, m, n) },
		ids:    itemIDs("Tags", "Key"),
		add:    func(owner string, i int) call { return tagRole(owner, tag(fmt.Sprintf("key%03d", 2*i+1), "v")) },
		remove: func(owner, id string) call { return untagRole(owner, id) }},
	// GetGroup: the users of the group named as the owner.
	{op: fakeiam.GetGroup, perUser: true,
		named: func(owner string, n int) []fakeiam.Option {
			opts := []fakeiam.Option{}
			g := fakeiam.Group(owner)
			for i := range n {
				name := fmt.Sprintf("%s-m%03d", owner, 2*i)
				opts, g = append(opts, fakeiam.User(name)), g.Members(name)
			}
			return append(opts, g)
		},
		list: func(owner string, m *string, n *int32) call { return getGroup(owner, m, n) },
		ids:  itemIDs("Users", "UserName"),
		add: func(owner string, i int) call {
			name := fmt.Sprintf("%s-m%03d", owner, 2*i+1)
			return inTurn(createUser(&iam.CreateUserInput{UserName: &name}), addUserToGroup(owner, name))
		},
		remove: func(owner, id string) call { return removeUserFromGroup(owner, id) }},
	// ListGroupsForUser: the user's groups, under a lifted quota.
	{op: fakeiam.ListGroupsForUser, perUser: true,
		named: func(owner string, n int) []fakeiam.Option {
			opts := []fakeiam.Option{fakeiam.GroupsPerUser(n + 10)}
			for i := range n {
				opts = append(opts, fakeiam.Group(fmt.Sprintf("%s-g%03d", owner, 2*i)).Members(owner))
			}
			return opts
		},
		list: func(user string, m *string, n *int32) call { return listGroupsForUser(user, m, n) },
		ids:  itemIDs("Groups", "GroupName"),
		add: func(user string, i int) call {
			name := fmt.Sprintf("%s-g%03d", user, 2*i+1)
			return inTurn(createGroup(name, nil), addUserToGroup(name, user))
		},
		remove: func(user, id string) call { return removeUserFromGroup(id, user) }},
	{op: fakeiam.ListSSHPublicKeys, perUser: true,
		seed: func(user *fakeiam.PrincipalSeed, n int) (*fakeiam.PrincipalSeed, []fakeiam.Option) {
			return user.SSHPublicKey(make([]fakeiam.SSHPublicKey, n)...), []fakeiam.Option{fakeiam.SSHPublicKeysPerUser(n + 10)}
		},
		list: func(user string, m *string, n *int32) call { return listSSHKeys(&user, m, n) },
		ids:  itemIDs("SSHPublicKeys", "SSHPublicKeyId"),
		add: func(user string, i int) call {
			return uploadSSHKey(user, sshKeyNamed(fmt.Sprintf("%s added %d", user, i)))
		},
		remove: func(user, id string) call { return deleteSSHKey(user, id) }},
	// Service-specific credentials, under a lifted quota.
	{op: fakeiam.ListServiceSpecificCredentials, perUser: true,
		seed: func(user *fakeiam.PrincipalSeed, n int) (*fakeiam.PrincipalSeed, []fakeiam.Option) {
			for i := range n {
				user = user.ServiceCredential(fakeiam.ServiceCredential{Service: sscServices[i%4]})
			}
			return user, []fakeiam.Option{fakeiam.ServiceCredentialsPerService(n + 10)}
		},
		list: func(user string, m *string, n *int32) call {
			return listSSCs(iam.ListServiceSpecificCredentialsInput{UserName: &user, Marker: m, MaxItems: n})
		},
		ids:    itemIDs("ServiceSpecificCredentials", "ServiceSpecificCredentialId"),
		add:    func(user string, i int) call { return createSSC(&user, sscServices[i%4], nil) },
		remove: func(user, id string) call { return deleteSSC(&user, id) }},
	// MFA devices (mfa_devices_test.go), under a lifted quota.
	mfaDevicesListed, virtualMFADevicesListed, mfaDeviceTagsListed,
	// Inline policies (inline_policies_test.go): names in byte order,
	// small documents, as many as the aggregate quota holds (2,048 bytes
	// for a user, 5,120 for a group).
	{op: fakeiam.ListUserPolicies, perUser: true, most: userPolicySizeQuota / len(listedPolicyDoc),
		seed: func(user *fakeiam.PrincipalSeed, n int) (*fakeiam.PrincipalSeed, []fakeiam.Option) {
			for i := range n {
				user = user.InlinePolicy(fmt.Sprintf("p%03d", 2*i), listedPolicyDoc)
			}
			return user, nil
		},
		list: func(user string, m *string, n *int32) call { return listUserPolicies(user, m, n) },
		ids:  func(out any) []string { return out.(*iam.ListUserPoliciesOutput).PolicyNames },
		add: func(user string, i int) call {
			return putUserPolicy(user, fmt.Sprintf("p%03d", 2*i+1), listedPolicyDoc)
		},
		remove: func(user, id string) call { return deleteUserPolicy(user, id) }},
	// ListGroupPolicies: the policies of the group named as the owner
	// with "-pol" (GetGroup's rows seed a group named as the owner).
	{op: fakeiam.ListGroupPolicies, perUser: true, most: groupPolicySizeQuota / len(listedPolicyDoc),
		named: func(owner string, n int) []fakeiam.Option {
			g := fakeiam.Group(owner + "-pol")
			for i := range n {
				g = g.InlinePolicy(fmt.Sprintf("p%03d", 2*i), listedPolicyDoc)
			}
			return []fakeiam.Option{g}
		},
		list: func(owner string, m *string, n *int32) call { return listGroupPolicies(owner+"-pol", m, n) },
		ids:  func(out any) []string { return out.(*iam.ListGroupPoliciesOutput).PolicyNames },
		add: func(owner string, i int) call {
			return putGroupPolicy(owner+"-pol", fmt.Sprintf("p%03d", 2*i+1), listedPolicyDoc)
		},
		remove: func(owner, id string) call { return deleteGroupPolicy(owner+"-pol", id) }},
	// Managed policies (managed_policies_test.go): the account's.
	{op: fakeiam.ListPolicies,
		seed: func(user *fakeiam.PrincipalSeed, n int) (*fakeiam.PrincipalSeed, []fakeiam.Option) {
			var opts []fakeiam.Option
			for i := range n {
				opts = append(opts, fakeiam.ManagedPolicy(fmt.Sprintf("policy%03d", 2*i), docList))
			}
			return user, opts
		},
		list: func(_ string, m *string, n *int32) call {
			return listPolicies(&iam.ListPoliciesInput{Scope: "Local", Marker: m, MaxItems: n})
		},
		ids: itemIDs("Policies", "PolicyName"),
		add: func(_ string, i int) call {
			return createPolicy(&iam.CreatePolicyInput{PolicyName: aws.String(fmt.Sprintf("policy%03d", 2*i+1)), PolicyDocument: aws.String(docList)})
		},
		remove: func(_, id string) call { return deletePolicy(arnOf("/", id)) }},
	// The policies attached to the user named as the owner, under a lifted
	// quota.
	{op: fakeiam.ListAttachedUserPolicies, perUser: true,
		named: func(owner string, n int) []fakeiam.Option {
			opts := []fakeiam.Option{fakeiam.PoliciesPerUser(n + 10)}
			for i := range n {
				opts = append(opts, fakeiam.ManagedPolicy(fmt.Sprintf("%s-up%03d", owner, 2*i), docList).AttachedToUsers(owner))
			}
			return opts
		},
		list: func(user string, m *string, n *int32) call {
			return listAttachedUserPolicies(&iam.ListAttachedUserPoliciesInput{UserName: &user, Marker: m, MaxItems: n})
		},
		ids: itemIDs("AttachedPolicies", "PolicyName"),
		add: func(user string, i int) call {
			name := fmt.Sprintf("%s-up%03d", user, 2*i+1)
			return inTurn(createPolicy(&iam.CreatePolicyInput{PolicyName: &name, PolicyDocument: aws.String(docList)}), attachUserPolicy(user, arnOf("/", name)))
		},
		remove: func(user, id string) call { return detachUserPolicy(user, arnOf("/", id)) }},
	// The policies attached to the owner's group (named "<owner>-policies").
	{op: fakeiam.ListAttachedGroupPolicies, perUser: true,
		named: func(owner string, n int) []fakeiam.Option {
			group := owner + "-policies"
			opts := []fakeiam.Option{fakeiam.PoliciesPerGroup(n + 10), fakeiam.Group(group)}
			for i := range n {
				opts = append(opts, fakeiam.ManagedPolicy(fmt.Sprintf("%s-gp%03d", owner, 2*i), docList).AttachedToGroups(group))
			}
			return opts
		},
		list: func(owner string, m *string, n *int32) call {
			return listAttachedGroupPolicies(&iam.ListAttachedGroupPoliciesInput{GroupName: aws.String(owner + "-policies"), Marker: m, MaxItems: n})
		},
		ids: itemIDs("AttachedPolicies", "PolicyName"),
		add: func(owner string, i int) call {
			name := fmt.Sprintf("%s-gp%03d", owner, 2*i+1)
			return inTurn(createPolicy(&iam.CreatePolicyInput{PolicyName: &name, PolicyDocument: aws.String(docList)}), attachGroupPolicy(owner+"-policies", arnOf("/", name)))
		},
		remove: func(owner, id string) call { return detachGroupPolicy(owner+"-policies", arnOf("/", id)) }},
	// The users the owner's policy (named "<owner>-entities") is attached to.
	{op: fakeiam.ListEntitiesForPolicy, perUser: true,
		named: func(owner string, n int) []fakeiam.Option {
			p := fakeiam.ManagedPolicy(owner+"-entities", docList)
			var opts []fakeiam.Option
			for i := range n {
				name := fmt.Sprintf("%s-u%03d", owner, 2*i)
				opts, p = append(opts, fakeiam.User(name)), p.AttachedToUsers(name)
			}
			return append(opts, p)
		},
		list: func(owner string, m *string, n *int32) call {
			return withPolicyARN(owner+"-entities", func(arn string) call {
				return listEntitiesForPolicy(&iam.ListEntitiesForPolicyInput{PolicyArn: &arn, Marker: m, MaxItems: n})
			})
		},
		ids: itemIDs("PolicyUsers", "UserName"),
		add: func(owner string, i int) call {
			name := fmt.Sprintf("%s-u%03d", owner, 2*i+1)
			return inTurn(createUser(&iam.CreateUserInput{UserName: &name}), attachUserPolicy(name, arnOf("/", owner+"-entities")))
		},
		remove: func(owner, id string) call { return detachUserPolicy(id, arnOf("/", owner+"-entities")) }},
	// The versions of the owner's policy (named "<owner>-versions"), newest
	// first, under a lifted quota; v1 is the default, and a policy has one
	// at least.
	{op: fakeiam.ListPolicyVersions, perUser: true, least: 1,
		named: func(owner string, n int) []fakeiam.Option {
			docs := make([]string, max(n-1, 0))
			for i := range docs {
				docs[i] = docList
			}
			return []fakeiam.Option{fakeiam.VersionsPerPolicy(n + 10), fakeiam.ManagedPolicy(owner+"-versions", docList).Versions(docs...).DefaultVersion("v1")}
		},
		list: func(owner string, m *string, n *int32) call {
			return withPolicyARN(owner+"-versions", func(arn string) call { return listPolicyVersions(arn, m, n) })
		},
		ids: itemIDs("Versions", "VersionId"),
		add: func(owner string, _ int) call {
			return createPolicyVersion(arnOf("/", owner+"-versions"), docDeny, false)
		},
		// The default version cannot be deleted: another becomes the
		// default first.
		remove: func(owner, id string) call {
			arn := arnOf("/", owner+"-versions")
			return func(ctx context.Context, c *iam.Client, r *run) (any, error) {
				out, err := c.ListPolicyVersions(ctx, &iam.ListPolicyVersionsInput{PolicyArn: &arn})
				if err != nil {
					return nil, err
				}
				for _, v := range out.Versions {
					if *v.VersionId != id || !v.IsDefaultVersion {
						continue
					}
					for _, other := range out.Versions {
						if *other.VersionId != id {
							if _, err := setDefaultPolicyVersion(arn, *other.VersionId)(ctx, c, r); err != nil {
								return nil, err
							}
							break
						}
					}
				}
				return deletePolicyVersion(arn, id)(ctx, c, r)
			}
		}},
	// Server certificates (server_certificates_test.go): the account's,
	// under a lifted quota, by name ignoring case.
	{op: fakeiam.ListServerCertificates,
		named: func(_ string, n int) []fakeiam.Option {
			opts := []fakeiam.Option{fakeiam.ServerCertificatesPerAccount(n + 10)}
			for i := range n {
				opts = append(opts, fakeiam.ServerCertificate(fmt.Sprintf("sc%03d", 2*i)).Body(scBody, scKey))
			}
			return opts
		},
		list: func(_ string, m *string, n *int32) call {
			return listSCs(iam.ListServerCertificatesInput{Marker: m, MaxItems: n})
		},
		ids:    itemIDs("ServerCertificateMetadataList", "ServerCertificateName"),
		add:    func(_ string, i int) call { return uploadSC(uploadIn(fmt.Sprintf("sc%03d", 2*i+1), scBody, scKey)) },
		remove: func(_, id string) call { return deleteSC(id) }},
	// A server certificate's tags: the certificate named as the owner.
	{op: fakeiam.ListServerCertificateTags, perUser: true, most: 50,
		named: func(owner string, n int) []fakeiam.Option {
			sc := fakeiam.ServerCertificate(owner).Body(scBody, scKey)
			for i := range n {
				sc = sc.Tag(fmt.Sprintf("key%03d", 2*i), "v")
			}
			return []fakeiam.Option{sc}
		},
		list:   func(owner string, m *string, n *int32) call { return listSCTags(owner, m, n) },
		ids:    itemIDs("Tags", "Key"),
		add:    func(owner string, i int) call { return tagSC(owner, tag(fmt.Sprintf("key%03d", 2*i+1), "v")) },
		remove: func(owner, id string) call { return untagSC(owner, id) }},
	// Identity providers' tags (oidc_providers_test.go,
	// saml_providers_test.go): the provider named by the owner.
	oidcTagsListed, samlTagsListed,
	// Instance profiles (instance_profiles_test.go): the account's, a
	// role's, a profile's tags.
	instanceProfilesListed, instanceProfilesForRoleListed, instanceProfileTagsListed,
}

// unpagedLists are the List operations whose model has no Marker and no
// MaxItems: they answer every item at once (oidc_providers_test.go,
// saml_providers_test.go).
var unpagedLists = []fakeiam.Operation{fakeiam.ListOpenIDConnectProviders, fakeiam.ListSAMLProviders}

// withPolicyARN is the call that makes for the ARN of the caller's
// account's policy name: the caller's account told by its key (the other
// account's keys, or the default account's), as the reference client
// cannot ask the fake.
func withPolicyARN(name string, makes func(arn string) call) call {
	return func(ctx context.Context, c *iam.Client, r *run) (any, error) {
		acct := fakeiam.DefaultAccountID
		if c == nil || c.Options().Credentials == nil {
			// the reference client: it has no key, and answers the default
			// account's ARN as any other
		} else if creds, err := c.Options().Credentials.Retrieve(ctx); err == nil && (creds.AccessKeyID == otherRootKey.ID || creds.AccessKeyID == otherBobKey.ID) {
			acct = otherAccount
		}
		return makes("arn:aws:iam::"+acct+":policy/"+name)(ctx, c, r)
	}
}

// listedPolicyDoc is the smallest of documents, and the quotas IAM counts
// it against.
const (
	listedPolicyDoc      = `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`
	userPolicySizeQuota  = 2048
	groupPolicySizeQuota = 5120
)

// inTurn runs cs in order, answering the last one's outcome or the first
// error.
func inTurn(cs ...call) call {
	return func(ctx context.Context, c *iam.Client, r *run) (out any, err error) {
		for _, one := range cs {
			if out, err = one(ctx, c, r); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
}

func init() {
	// ListSigningCertificates once more, its items an hour apart: the
	// order is the upload dates'.
	spread := listOperations[2]
	spread.variant = ", distinct upload dates"
	spread.seed = func(user *fakeiam.PrincipalSeed, n int) (*fakeiam.PrincipalSeed, []fakeiam.Option) {
		cs := make([]fakeiam.SigningCertificate, n)
		for i := range cs {
			cs[i].UploadDate = testNow.Add(time.Duration(i-10) * time.Hour)
		}
		return user.SigningCertificate(cs...), []fakeiam.Option{fakeiam.CertificatesPerUser(n + 10)}
	}
	listOperations = append(listOperations, spread)
}

// itemIDs reads ids from a list output: the string field id of each item
// of its slice field items.
func itemIDs(items, id string) func(out any) []string {
	return func(out any) []string {
		v := reflect.ValueOf(out).Elem().FieldByName(items)
		ids := []string{}
		for i := range v.Len() {
			ids = append(ids, v.Index(i).FieldByName(id).Elem().String())
		}
		return ids
	}
}

// seededKeys numbers seeded access keys: their ids are unique in a fake.
var seededKeys atomic.Int64

// listSeed is an account's seed (the default account's when id is "")
// where each of users holds n items of each of ops (the account n items of
// an operation that is not perUser).
func listSeed(account string, users []string, n int, ops ...listOperation) []fakeiam.Option {
	var opts []fakeiam.Option
	for i, name := range users {
		u := fakeiam.User(name)
		for _, lo := range ops {
			if !lo.perUser && i > 0 {
				continue
			}
			if lo.named != nil {
				opts = append(opts, lo.named(name, n)...)
				continue
			}
			var more []fakeiam.Option
			u, more = lo.seed(u, n)
			opts = append(opts, more...)
		}
		if slices.ContainsFunc(ops, func(lo listOperation) bool { return lo.perUser }) {
			opts = append(opts, u)
		}
	}
	if account != "" {
		return []fakeiam.Option{fakeiam.Account(account, append(opts, fakeiam.Root().AccessKey(otherRootKey))...)}
	}
	return opts
}

// lister is one list operation through one door of one fake.
type lister struct {
	t  *testing.T
	lo listOperation
	f  *fakeiam.Fake
	c  *iam.Client // the root's client through the door
	r  *run
}

// page lists user's items from marker, failing the test on an error, and
// checks the page's shape.
func (l lister) page(user string, marker *string, maxItems *int32) (ids []string, next *string) {
	l.t.Helper()
	out, err := l.lo.list(user, marker, maxItems)(context.Background(), l.c, l.r)
	if err != nil {
		l.t.Fatalf("%s: %v", l.lo.op, err)
	}
	checkListShape(l.t, out)
	return l.lo.ids(out), markerOf(out)
}

// all lists every page of user's items with maxItems.
func (l lister) all(user string, maxItems *int32) (ids []string, pages []int) {
	l.t.Helper()
	var marker *string
	for len(pages) < 1000 {
		page, next := l.page(user, marker, maxItems)
		ids, pages = append(ids, page...), append(pages, len(page))
		if next == nil {
			return ids, pages
		}
		marker = next
	}
	l.t.Fatal("listing does not end")
	return nil, nil
}

// do runs c as the root through the door, failing the test on an error.
func (l lister) do(c call) {
	l.t.Helper()
	if _, err := c(context.Background(), l.c, l.r); err != nil {
		l.t.Fatalf("%v", err)
	}
}

// eachDoor runs test for each registered list operation and door, on a
// fresh fake from seed.
func eachDoor(t *testing.T, seed func(lo listOperation) []fakeiam.Option, test func(t *testing.T, l lister)) {
	for _, lo := range listOperations {
		for _, d := range doors {
			t.Run(string(lo.op)+lo.variant+"/"+d.name, func(t *testing.T) {
				f := newFake(seed(lo)...)
				test(t, lister{t: t, lo: lo, f: f, c: d.client(t, f, f.Client()), r: &run{t: t, f: f, named: map[string]string{}, known: map[string]bool{}}})
			})
		}
	}
}

// TestListPages: MaxItems defaults to 100 and takes 1 to 1000; a page holds
// at most MaxItems items, carries IsTruncated and a marker exactly when
// more follow, and the pages together hold every item once, in order.
func TestListPages(t *testing.T) {
	for _, tc := range []struct {
		name      string
		items     int
		maxItems  *int32
		wantPages []int
	}{
		{"default MaxItems is 100", 150, nil, []int{100, 50}},
		{"MaxItems 1000 returns all", 150, aws.Int32(1000), []int{150}},
		{"MaxItems 149 of 150", 150, aws.Int32(149), []int{149, 1}},
		{"MaxItems 1", 3, aws.Int32(1), []int{1, 1, 1}},
		{"MaxItems 2 of 5", 5, aws.Int32(2), []int{2, 2, 1}},
		{"page exactly full: not truncated", 3, aws.Int32(3), []int{3}},
		{"empty: an empty page, not truncated", 0, aws.Int32(1), []int{0}},
		{"50 items, default MaxItems: one page", 50, nil, []int{50}},
		{"MaxItems 49 of 50", 50, aws.Int32(49), []int{49, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			eachDoor(t, func(lo listOperation) []fakeiam.Option {
				if lo.most > 0 && tc.items > lo.most || tc.items < lo.least {
					return nil // IAM refuses the seed; the row is skipped
				}
				return listSeed("", []string{"Bob"}, tc.items, lo)
			},
				func(t *testing.T, l lister) {
					if l.lo.most > 0 && tc.items > l.lo.most {
						t.Skipf("%s: one owner holds at most %d items in IAM", l.lo.op, l.lo.most)
					}
					if tc.items < l.lo.least {
						t.Skipf("%s: one owner holds at least %d items in IAM", l.lo.op, l.lo.least)
					}
					want, _ := l.all("Bob", aws.Int32(1000))
					if len(want) != tc.items {
						t.Fatalf("seeded %d items, listed %d", tc.items, len(want))
					}
					got, pages := l.all("Bob", tc.maxItems)
					if diff := cmp.Diff(tc.wantPages, pages); diff != "" {
						t.Errorf("page sizes (-want +got):\n%s", diff)
					}
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("items over the pages (-want +got):\n%s", diff)
					}
				})
		})
	}
}

// TestListMaxItemsRange: MaxItems outside 1..1000 gets IAM's
// ValidationError, through both doors and the reference.
func TestListMaxItemsRange(t *testing.T) {
	for _, lo := range listOperations {
		var rows []scenario
		for _, tc := range []struct {
			maxItems int32
			want     *fakeiam.Error
		}{
			{0, failedConstraints("maxItems", minValue(1))},
			{-1, failedConstraints("maxItems", minValue(1))},
			{1001, failedConstraints("maxItems", maxValue(1000))},
		} {
			rows = append(rows, scenario{name: fmt.Sprint(lo.op, " MaxItems ", tc.maxItems), call: lo.list("Bob", nil, aws.Int32(tc.maxItems)), wantErr: tc.want})
		}
		runScenarios(t, listSeed("", []string{"Bob"}, 2, lo), rows)
	}
}

// TestListMarkers: a marker continues the listing it came from and no
// other: changed in any way, or from another operation, account, user or
// fake, it gets "Invalid Marker.", through both doors and the reference.
func TestListMarkers(t *testing.T) {
	for _, lo := range listOperations {
		seed := append(listSeed("", []string{"Bob", "Alice"}, 3, lo), listSeed(otherAccount, []string{"Bob"}, 3, lo)...)
		// first lists one item and continues from its marker, passed
		// through edit, as the caller.
		first := func(edit func(string) string) call {
			return func(ctx context.Context, c *iam.Client, r *run) (any, error) {
				out, err := lo.list("Bob", nil, aws.Int32(1))(ctx, c, r)
				if err != nil {
					return nil, err
				}
				m := edit(aws.ToString(markerOf(out)))
				return lo.list("Bob", &m, nil)(ctx, c, r)
			}
		}
		from := func(marker func(ctx context.Context, r *run) string) call {
			return func(ctx context.Context, c *iam.Client, r *run) (any, error) {
				m := marker(ctx, r)
				return lo.list("Bob", &m, nil)(ctx, c, r)
			}
		}
		markerOfList := func(c func(*run) *iam.Client, list call) func(context.Context, *run) string {
			return func(ctx context.Context, r *run) string {
				out, err := list(ctx, c(r), r)
				if err != nil {
					t.Fatalf("listing for a marker: %v", err)
				}
				return aws.ToString(markerOf(out))
			}
		}
		rows := []scenario{
			{name: "garbage", call: lo.list("Bob", aws.String("garbage"), nil), wantErr: invalidMarker},
			{name: "garbage of base64 shape", call: lo.list("Bob", aws.String(strings.Repeat("QUFB", 19)), nil), wantErr: invalidMarker},
			{name: "tampered: first character", call: first(func(m string) string { return flipChar(m, 0) }), wantErr: invalidMarker},
			{name: "tampered: last character", call: first(func(m string) string { return flipChar(m, -1) }), wantErr: invalidMarker},
			{name: "truncated", call: first(func(m string) string { return m[:len(m)-4] }), wantErr: invalidMarker},
			{name: "extended", call: first(func(m string) string { return m + "AAAA" }), wantErr: invalidMarker},
			{name: "another account's, for its item of the same name", call: from(markerOfList(asKey(otherRootKey.ID), lo.list("Bob", nil, aws.Int32(1)))),
				wantErr: invalidMarker},
			{name: "another fake's", call: from(markerOfList(func(*run) *iam.Client { return newFake(append(seed, fakeiam.WithSeed(42))...).Client() },
				lo.list("Bob", nil, aws.Int32(1)))), wantErr: invalidMarker},
			{name: "validation before the marker check", call: lo.list("Bob", aws.String("garbage"), aws.Int32(0)),
				wantErr: failedConstraints("maxItems", minValue(1))},
		}
		if lo.most == 1 { // a list of one item at most never issues a marker to tamper with
			rows = slices.DeleteFunc(rows, func(sc scenario) bool {
				return !strings.HasPrefix(sc.name, "garbage") && !strings.HasPrefix(sc.name, "validation")
			})
		}
		if lo.perUser {
			rows = append(rows, scenario{name: "another user's", call: from(markerOfList((*run).root, lo.list("Alice", nil, aws.Int32(1)))), wantErr: invalidMarker})
		}
		for _, other := range listOperations {
			if other.op != lo.op && other.variant == "" && other.most != 1 {
				rows = append(rows, scenario{name: "a " + string(other.op) + " marker",
					seed: listSeed("", []string{"Bob"}, 3, lo, other),
					call: from(markerOfList((*run).root, other.list("Bob", nil, aws.Int32(1)))), wantErr: invalidMarker})
			}
		}
		for i := range rows {
			rows[i].name = string(lo.op) + lo.variant + ": " + rows[i].name
		}
		runScenarios(t, seed, rows)
	}

	// Every single-character change of a real marker is refused.
	eachDoor(t, func(lo listOperation) []fakeiam.Option { return listSeed("", []string{"Bob"}, 2, lo) }, func(t *testing.T, l lister) {
		if l.lo.most == 1 {
			t.Skipf("%s lists one item at most: it never issues a marker", l.lo.op)
		}
		_, m := l.page("Bob", nil, aws.Int32(1))
		if m == nil {
			t.Fatal("no marker")
		}
		for i := range *m {
			tampered := flipChar(*m, i)
			_, err := l.lo.list("Bob", &tampered, nil)(context.Background(), l.c, l.r)
			if got := apiErrorMessage(err); got != "Invalid Marker." {
				t.Errorf("marker with character %d changed: got %v, want Invalid Marker.", i, err)
			}
		}
	})
}

// TestListContinuesAcrossWrites: a listing continued with a marker taken
// before items were added or removed never repeats an item, never skips
// one that existed throughout, and never shows one removed before the page
// was asked for.
func TestListContinuesAcrossWrites(t *testing.T) {
	type world struct {
		l       lister
		listed  []string // ids the listing showed so far, in order
		removed map[string]bool
		added   int
	}
	unlisted := func(w *world) []string {
		all, _ := w.l.all("Bob", aws.Int32(1000))
		return slices.DeleteFunc(all, func(id string) bool { return slices.Contains(w.listed, id) })
	}
	remove := func(w *world, id string) {
		w.l.do(w.l.lo.remove("Bob", id))
		w.removed[id] = true
	}
	add := func(w *world) { w.l.do(w.l.lo.add("Bob", w.added)); w.added++ }
	for _, tc := range []struct {
		name      string
		afterPage int // 1: after the first page only; 0: after every page
		change    func(w *world)
	}{
		{"nothing", 0, func(*world) {}},
		{"remove the marker's item", 1, func(w *world) { remove(w, w.listed[len(w.listed)-1]) }},
		{"remove every listed", 1, func(w *world) {
			for _, id := range w.listed {
				remove(w, id)
			}
		}},
		{"remove the next unlisted", 1, func(w *world) { remove(w, unlisted(w)[0]) }},
		{"remove one in the middle of the rest", 1, func(w *world) { u := unlisted(w); remove(w, u[len(u)/2]) }},
		{"remove the last", 1, func(w *world) { u := unlisted(w); remove(w, u[len(u)-1]) }},
		{"remove all the rest", 1, func(w *world) {
			for _, id := range unlisted(w) {
				remove(w, id)
			}
		}},
		{"add one", 1, add},
		{"add five", 1, func(w *world) {
			for range 5 {
				add(w)
			}
		}},
		{"add one and remove it", 1, func(w *world) {
			before, _ := w.l.all("Bob", aws.Int32(1000))
			add(w)
			after, _ := w.l.all("Bob", aws.Int32(1000))
			for _, id := range after {
				if !slices.Contains(before, id) {
					remove(w, id)
				}
			}
		}},
		{"remove the marker's item and add one", 1, func(w *world) { remove(w, w.listed[len(w.listed)-1]); add(w) }},
		{"every page: remove the marker's item and add one", 0, func(w *world) { remove(w, w.listed[len(w.listed)-1]); add(w) }},
		{"every page: remove the next unlisted", 0, func(w *world) {
			if u := unlisted(w); len(u) > 0 {
				remove(w, u[0])
			}
		}},
		{"add one later", 1, func(w *world) { w.l.f.Advance(time.Hour); add(w) }},
		{"add one earlier", 1, func(w *world) { w.l.f.Advance(-48 * time.Hour); add(w) }},
		{"every page: add one", 0, add},
		{"every page: add one later", 0, func(w *world) { w.l.f.Advance(time.Second); add(w) }},
		{"every page: remove a listed one, add one earlier", 0, func(w *world) {
			for _, id := range w.listed {
				if !w.removed[id] {
					remove(w, id)
					break
				}
			}
			w.l.f.Advance(-time.Hour)
			add(w)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			eachDoor(t, func(lo listOperation) []fakeiam.Option { return listSeed("", []string{"Bob"}, 7, lo) }, func(t *testing.T, l lister) {
				w := &world{l: l, removed: map[string]bool{}}
				initial, _ := l.all("Bob", aws.Int32(1000))
				seen := map[string]int{}
				var marker *string
				for page := 1; ; page++ {
					if page > 40 {
						t.Fatal("listing did not end after 40 pages")
					}
					ids, next := l.page("Bob", marker, aws.Int32(2))
					for _, id := range ids {
						seen[strings.ToLower(id)]++
						if w.removed[id] {
							t.Errorf("page %d shows %s, removed before it was asked for", page, id)
						}
						w.listed = append(w.listed, id)
					}
					if next == nil {
						break
					}
					if tc.afterPage == 0 || tc.afterPage == page {
						tc.change(w)
					}
					marker = next
				}
				for id, n := range seen {
					if n > 1 {
						t.Errorf("%s listed %d times", id, n)
					}
				}
				var throughout, got []string
				for _, id := range initial {
					if !w.removed[id] {
						throughout = append(throughout, id)
					}
				}
				for _, id := range w.listed {
					if slices.Contains(throughout, id) {
						got = append(got, id)
					}
				}
				if diff := cmp.Diff(throughout, got); diff != "" {
					t.Errorf("items that existed throughout, as the listing showed them (-want +got):\n%s", diff)
				}
			})
		})
	}
}

// TestListShortPage: under ShortPage(n) a list answers at most n items a
// page (fewer when MaxItems asks for fewer), truncated with a marker, and a
// caller that follows markers still gets every item, once, in order.
func TestListShortPage(t *testing.T) {
	eachDoor(t, func(lo listOperation) []fakeiam.Option { return listSeed("", []string{"Bob"}, 5, lo) }, func(t *testing.T, l lister) {
		if l.lo.most == 1 {
			t.Skipf("%s lists one item at most: no page is short of it", l.lo.op)
		}
		want, _ := l.all("Bob", nil)
		l.f.Inject(fakeiam.Rule{Operation: l.lo.op, Then: fakeiam.ShortPage(2)})
		ids, next := l.page("Bob", nil, nil)
		if diff := cmp.Diff(want[:2], ids); diff != "" || next == nil {
			t.Errorf("first short page (-want +got):\n%s\nmarker %v", diff, next)
		}
		if ids, _ := l.page("Bob", nil, aws.Int32(1)); len(ids) != 1 {
			t.Errorf("MaxItems 1 under ShortPage(2): %d items, want 1", len(ids))
		}
		got, pages := l.all("Bob", aws.Int32(100))
		if diff := cmp.Diff([]int{2, 2, 1}, pages); diff != "" {
			t.Errorf("page sizes under ShortPage(2) (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("items over the short pages (-want +got):\n%s", diff)
		}
	})
}

// TestListOperationsAreRegistered: every operation that pages is in
// listOperations, so none misses the list behaviors.
func TestListOperationsAreRegistered(t *testing.T) {
	var registered []fakeiam.Operation
	for _, lo := range listOperations {
		registered = append(registered, lo.op)
	}
	for _, op := range fakeiam.Operations() {
		if strings.HasPrefix(string(op), "List") && !slices.Contains(registered, op) && !slices.Contains(unpagedLists, op) {
			t.Errorf("%s is not in listOperations", op)
		}
	}
}

// flipChar changes the character at i (from the end when negative) to
// another character of the base64url alphabet, differing in its lowest bit.
func flipChar(m string, i int) string {
	if i < 0 {
		i += len(m)
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	b := []byte(m)
	if j := strings.IndexByte(alphabet, b[i]); j >= 0 {
		b[i] = alphabet[j^1]
	} else {
		b[i] = 'A'
	}
	return string(b)
}
