package fakeiam

import (
	"cmp"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// Permissions boundaries of users and roles: PutUserPermissionsBoundary,
// DeleteUserPermissionsBoundary, PutRolePermissionsBoundary,
// DeleteRolePermissionsBoundary, and CreateUser's PermissionsBoundary
// (docs/contract.md, "Permissions boundaries"). A boundary is one managed
// policy of the account, kept on both sides: the user's or role's boundary
// (principal.boundary) and the policy's bounded users and roles, which
// GetPolicy counts (PermissionsBoundaryUsageCount), ListEntitiesForPolicy
// and ListPolicies filter on (PolicyUsageFilter PermissionsBoundary), and
// DeletePolicy refuses while any remains. GetUser (and CreateUser) show a
// user's boundary; ListUsers does not. Seeding:
// PrincipalSeed.PermissionsBoundary. Their tests:
// permissions_boundaries_test.go.

// The permissions boundary operations.
const (
	PutUserPermissionsBoundary    Operation = "PutUserPermissionsBoundary"
	DeleteUserPermissionsBoundary Operation = "DeleteUserPermissionsBoundary"
	PutRolePermissionsBoundary    Operation = "PutRolePermissionsBoundary"
	DeleteRolePermissionsBoundary Operation = "DeleteRolePermissionsBoundary"
)

func init() {
	register(opSpec[iam.PutUserPermissionsBoundaryInput, iam.PutUserPermissionsBoundaryOutput]{Name: PutUserPermissionsBoundary, Handle: (*Fake).putUserBoundary})
	register(opSpec[iam.DeleteUserPermissionsBoundaryInput, iam.DeleteUserPermissionsBoundaryOutput]{Name: DeleteUserPermissionsBoundary, Handle: (*Fake).deleteUserBoundary})
	register(opSpec[iam.PutRolePermissionsBoundaryInput, iam.PutRolePermissionsBoundaryOutput]{Name: PutRolePermissionsBoundary, Handle: (*Fake).putRoleBoundary,
		Named: named{"RoleName", "role "}})
	register(opSpec[iam.DeleteRolePermissionsBoundaryInput, iam.DeleteRolePermissionsBoundaryOutput]{Name: DeleteRolePermissionsBoundary, Handle: (*Fake).deleteRoleBoundary,
		Named: named{"RoleName", "role "}})
}

// boundaryFor finds the managed policy a PermissionsBoundary names in acct:
// an ARN that does not parse is IAM's ValidationError (as the Attach
// calls'); one of another resource type (a user's or role's ARN) is IAM's
// InvalidInput "ARN ... is not valid." (recorded); a policy ARN that
// names no policy of the account is IAM's NoSuchEntity "Scope ARN: ...
// does not exist or is not attachable." (reported). An
// AWS managed policy (arn:aws:iam::aws:policy/...) is one of the account's
// from here on, as attachablePolicy keeps it (aws_managed_policies.go).
// CreateUser, PutUserPermissionsBoundary, PutRolePermissionsBoundary and
// CreateRole call it before any change. Call with f.mu held for writing.
func boundaryFor(acct *account, arn string) (*customerPolicy, *Error) {
	if !parsableARN(arn) {
		return nil, errInvalidARN(arn)
	}
	if parts, _ := splitARN(arn); parts.service != "iam" || !strings.HasPrefix(parts.resource, "policy/") {
		return nil, errNotAPolicyARN(arn)
	}
	p := acct.policyByARN(arn)
	if p == nil || p.unattachable {
		return nil, errBoundaryNotAttachable(arn)
	}
	if p.aws {
		acct.keepAWSPolicy(p)
	}
	return p, nil
}

// setBoundary makes p the boundary of u (a user or a role), both sides,
// replacing its boundary if it had one; a nil p removes it.
func setBoundary(u *principal, p *customerPolicy) {
	if u.boundary == p {
		return
	}
	if old := u.boundary; old != nil {
		old.bounded = removeFrom(old.bounded, u)
	}
	u.boundary = p
	if p != nil {
		p.bounded = addByName(p.bounded, u, userName)
	}
}

// A policy's bounded users and roles are written in place: no answer
// shares the slice (ListEntitiesForPolicy copies what it lists).

// resortBounded puts a renamed user back in its place among the users and
// roles its boundary bounds (UpdateUser, through resortAttachedUser).
func resortBounded(u *principal) {
	if p := u.boundary; p != nil {
		setBoundary(u, nil)
		setBoundary(u, p)
	}
}

// boundaryType is IAM's PermissionsBoundaryType: "Policy" (recorded, and
// IAM's documentation), not the model's enum value
// "PermissionsBoundaryPolicy" (types.PermissionsBoundaryAttachmentTypePolicy).
const boundaryType types.PermissionsBoundaryAttachmentType = "Policy"

// boundaryView is a user's or role's PermissionsBoundary as GetUser,
// CreateUser, GetRole and CreateRole show it; nil when it has none.
func boundaryView(arn string) *types.AttachedPermissionsBoundary {
	if arn == "" {
		return nil
	}
	return &types.AttachedPermissionsBoundary{PermissionsBoundaryArn: &arn, PermissionsBoundaryType: boundaryType}
}

// boundaryARN is u's boundary's ARN; "" when it has none.
func boundaryARN(u *principal) string {
	if u.boundary == nil {
		return ""
	}
	return u.boundary.arn
}

// withBounded adds to a policy's entities (policyEntity) the users and
// roles of bounded the filters keep (a kind, a path prefix), each entity
// once, and sorts them in ListEntitiesForPolicy's order.
func withBounded(items []policyEntity, bounded []*principal, users, roles bool, prefix string) []policyEntity {
	seen := make(map[string]bool, len(items))
	for _, e := range items {
		seen[e.id] = true // ids are unique across users and roles
	}
	for _, u := range bounded {
		var e policyEntity
		switch {
		case !strings.HasPrefix(entityPath(u), prefix):
			continue
		case u.kind == kindUser && users:
			e = policyEntity{name: u.name, id: u.userID, kind: entityUser}
		case u.kind == kindRole && roles:
			e = roleEntity(u)
		default:
			continue
		}
		if !seen[e.id] {
			items = append(items, e)
		}
	}
	slices.SortFunc(items, func(x, y policyEntity) int { return cmp.Or(cmp.Compare(x.kind, y.kind), byName(x.name, y.name)) }) // key()'s order, built for none
	return items
}

// putUserBoundary: (validation) → user exists → the policy (boundaryFor) →
// the user's boundary, replacing any.
func (f *Fake) putUserBoundary(a *attempt, in *iam.PutUserPermissionsBoundaryInput) (result[iam.PutUserPermissionsBoundaryOutput], *Error) {
	var none result[iam.PutUserPermissionsBoundaryOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	u, err := f.resolveUser(a.caller, in.UserName)
	if err != nil {
		return none, err
	}
	p, err := boundaryFor(u.account, *in.PermissionsBoundary)
	if err != nil {
		return none, err
	}
	setBoundary(u, p)
	return answerEmpty[iam.PutUserPermissionsBoundaryOutput](), nil
}

// deleteUserBoundary: (validation) → user exists → no boundary (none to
// delete: nothing changes, choice).
func (f *Fake) deleteUserBoundary(a *attempt, in *iam.DeleteUserPermissionsBoundaryInput) (result[iam.DeleteUserPermissionsBoundaryOutput], *Error) {
	var none result[iam.DeleteUserPermissionsBoundaryOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	u, err := f.resolveUser(a.caller, in.UserName)
	if err != nil {
		return none, err
	}
	setBoundary(u, nil)
	return answerEmpty[iam.DeleteUserPermissionsBoundaryOutput](), nil
}

// putRoleBoundary: as putUserBoundary, for a role.
func (f *Fake) putRoleBoundary(a *attempt, in *iam.PutRolePermissionsBoundaryInput) (result[iam.PutRolePermissionsBoundaryOutput], *Error) {
	var none result[iam.PutRolePermissionsBoundaryOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	r, err := f.roleToChange(a.caller, *in.RoleName)
	if err != nil {
		return none, err
	}
	p, err := boundaryFor(r.account, *in.PermissionsBoundary)
	if err != nil {
		return none, err
	}
	setBoundary(r, p)
	r.role.changed()
	return answerEmpty[iam.PutRolePermissionsBoundaryOutput](), nil
}

// deleteRoleBoundary: as deleteUserBoundary, for a role.
func (f *Fake) deleteRoleBoundary(a *attempt, in *iam.DeleteRolePermissionsBoundaryInput) (result[iam.DeleteRolePermissionsBoundaryOutput], *Error) {
	var none result[iam.DeleteRolePermissionsBoundaryOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	r, err := f.roleToChange(a.caller, *in.RoleName)
	if err != nil {
		return none, err
	}
	setBoundary(r, nil)
	r.role.changed()
	return answerEmpty[iam.DeleteRolePermissionsBoundaryOutput](), nil
}

// Seeding (builders.go).

// PermissionsBoundary returns the user or role seed with its permissions
// boundary set, as PutUserPermissionsBoundary (PutRolePermissionsBoundary)
// sets it: arn names a managed policy seeded in the same account
// (ManagedPolicy), or New names the problem.
func (s *PrincipalSeed) PermissionsBoundary(arn string) *PrincipalSeed {
	c := s.clone()
	c.boundary = &arn
	return c
}

// seedBoundary gives p its seeded permissions boundary, after every policy
// of its account is seeded.
func seedBoundary(p *principal, arn *string, fail func(string, ...any)) {
	if arn == nil {
		return
	}
	who := describePrincipal(p) + ": permissions boundary " + quote(*arn)
	if p.kind == kindRoot {
		fail("%s: the root user has no permissions boundary", who)
		return
	}
	if err := lookupOperation(PutUserPermissionsBoundary).check.check(&iam.PutUserPermissionsBoundaryInput{UserName: &p.name, PermissionsBoundary: arn}); err != nil && strings.Contains(err.Message, "permissionsBoundary") {
		fail("%s: %s", who, err.Message)
		return
	}
	b, err := boundaryFor(p.account, *arn)
	switch {
	case err != nil && err.Code == "NoSuchEntity" && !isAWSPolicyARN(*arn): // a customer policy the account lacks
		fail("%s: %s (seed the managed policy in the same account)", who, err.Message)
		return
	case err != nil: // no policy's ARN at all
		fail("%s: %s", who, err.Message)
		return
	}
	setBoundary(p, b)
}
