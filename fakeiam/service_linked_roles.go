package fakeiam

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// Service-linked roles: CreateServiceLinkedRole, DeleteServiceLinkedRole and
// GetServiceLinkedRoleDeletionStatus, with IAM's checks in IAM's order
// (docs/contract.md, "Service-linked roles"). A service-linked role is a
// role (roles.go) that its service owns: IAM names it, puts it under
// /aws-service-role/<service>/, trusts the service, attaches the service's
// AWS managed policies, and refuses every change to it but its
// description and tags (UnmodifiableEntity, roleToChange). The services
// and their roles: service_linked_roles_catalog.go, and LinkedServices.
// Seeded with ServiceLinkedRole. Tests: service_linked_roles_test.go.

// The service-linked role operations.
const (
	CreateServiceLinkedRole            Operation = "CreateServiceLinkedRole"
	DeleteServiceLinkedRole            Operation = "DeleteServiceLinkedRole"
	GetServiceLinkedRoleDeletionStatus Operation = "GetServiceLinkedRoleDeletionStatus"
)

func init() {
	// AccessDenied names the role's ARN as it would be, as IAM does for
	// CreateServiceLinkedRole (recorded: docs/contract.md); the role a
	// deletion task names for its status (choice).
	register(opSpec[iam.CreateServiceLinkedRoleInput, iam.CreateServiceLinkedRoleOutput]{Name: CreateServiceLinkedRole, Handle: (*Fake).createServiceLinkedRole,
		Resource: func(f *Fake, a *attempt, in *iam.CreateServiceLinkedRoleInput) string {
			svc, name := deref(in.AWSServiceName), ""
			if s := f.linkedService(svc); s != nil {
				name = linkedRoleNameOf(s, in.CustomSuffix)
			}
			return "arn:aws:iam::" + a.who.Account + ":role" + linkedRolePath(svc) + name
		}})
	register(opSpec[iam.DeleteServiceLinkedRoleInput, iam.DeleteServiceLinkedRoleOutput]{Name: DeleteServiceLinkedRole, Handle: (*Fake).deleteServiceLinkedRole,
		Named: named{"RoleName", "role "}})
	register(opSpec[iam.GetServiceLinkedRoleDeletionStatusInput, iam.GetServiceLinkedRoleDeletionStatusOutput]{Name: GetServiceLinkedRoleDeletionStatus, Handle: (*Fake).getServiceLinkedRoleDeletionStatus,
		Resource: func(_ *Fake, a *attempt, in *iam.GetServiceLinkedRoleDeletionStatusInput) string {
			if svc, role, ok := parseDeletionTask(deref(in.DeletionTaskId)); ok {
				return "arn:aws:iam::" + a.who.Account + ":role" + linkedRolePath(svc) + role
			}
			return deref(in.DeletionTaskId)
		}})
}

// LinkedService is a service that CreateServiceLinkedRole accepts: its
// service principal, the name IAM gives its role, the AWS managed policies
// (by ARN) attached to the role, and whether the service takes a
// CustomSuffix (the role is then named RoleName_suffix). The fake knows 78
// services (service_linked_roles_catalog.go); LinkedServices adds others.
type LinkedService struct {
	Service      string // e.g. "ecs.amazonaws.com"
	RoleName     string // e.g. "AWSServiceRoleForECS"
	Policies     []string
	CustomSuffix bool
}

// LinkedServices adds services that CreateServiceLinkedRole and
// ServiceLinkedRole seeds accept, or replaces the fake's facts about one it
// knows (by Service). Each policy must be in the fake's catalog of AWS
// managed policies.
func LinkedServices(services ...LinkedService) Option {
	services = slices.Clone(services) // the caller's slice may change; New and Reset read these
	for i := range services {
		services[i].Policies = slices.Clone(services[i].Policies)
	}
	return fakeOption("LinkedServices", func(c *config) error {
		for _, s := range services {
			if err := s.check(); err != nil {
				return err
			}
			if c.linked == nil {
				c.linked = map[string]*LinkedService{}
			}
			s.Policies = append([]string(nil), s.Policies...)
			c.linked[s.Service] = &s
		}
		return nil
	})
}

// check names what IAM could not hold of s: its service principal and role
// name as the model constrains AWSServiceName and RoleName, its policies
// AWS managed policies the fake knows, each once.
func (s LinkedService) check() error {
	who := fmt.Sprintf("LinkedService %q", s.Service)
	if err := lookupOperation(CreateServiceLinkedRole).check.check(&iam.CreateServiceLinkedRoleInput{AWSServiceName: &s.Service}); err != nil {
		return fmt.Errorf("%s: service: %s", who, err.Message)
	}
	if err := lookupOperation(GetRole).check.check(&iam.GetRoleInput{RoleName: &s.RoleName}); err != nil {
		return fmt.Errorf("%s: role name %q: %s", who, s.RoleName, err.Message)
	}
	for i, arn := range s.Policies {
		if awsCatalog().Index(arn) < 0 {
			return fmt.Errorf("%s: policy %q is not an AWS managed policy the fake knows", who, arn)
		}
		if slices.Contains(s.Policies[:i], arn) {
			return fmt.Errorf("%s: policy %q listed twice", who, arn)
		}
	}
	return nil
}

// linkedCatalog indexes linkedServiceCatalog by service principal, made
// the first time a service-linked role is asked for (New stays cheap).
var linkedCatalog = sync.OnceValue(func() map[string]*LinkedService {
	m := make(map[string]*LinkedService, len(linkedServiceCatalog))
	for i := range linkedServiceCatalog {
		m[linkedServiceCatalog[i].Service] = &linkedServiceCatalog[i]
	}
	return m
})

// linkedService is what the fake knows of the service principal svc
// (exactly: service principals are case-sensitive), or nil.
func (f *Fake) linkedService(svc string) *LinkedService {
	if s := f.linked[svc]; s != nil {
		return s
	}
	return linkedCatalog()[svc]
}

// linkedRolePath is the path of svc's service-linked roles.
func linkedRolePath(svc string) string { return "/aws-service-role/" + svc + "/" }

// linkedTrustPolicy is the trust policy IAM gives svc's role, as IAM
// answered CreateServiceLinkedRole (recorded: docs/contract.md).
func linkedTrustPolicy(svc string) string {
	return `{"Version":"2012-10-17","Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"` + svc + `"}}]}`
}

// linkedRoleNameOf is the name of svc's role with suffix (nil: none):
// RoleName_suffix.
func linkedRoleNameOf(svc *LinkedService, suffix *string) string {
	if suffix == nil {
		return svc.RoleName
	}
	return svc.RoleName + "_" + *suffix
}

// linkedRoleName is linkedRoleNameOf, or IAM's refusal of the suffix.
func linkedRoleName(svc *LinkedService, suffix *string) (string, *Error) {
	if suffix != nil && !svc.CustomSuffix {
		return "", errCustomSuffixNotAllowed(svc.Service)
	}
	name := linkedRoleNameOf(svc, suffix)
	if len(name) > 64 { // a role name's maximum (choice of text: docs/contract.md)
		return "", errLinkedRoleNameTooLong(name)
	}
	return name, nil
}

// createServiceLinkedRole: (validation) → the service is known → its
// suffix → name taken → the account's role quota → the role, with the
// service's policies attached.
func (f *Fake) createServiceLinkedRole(a *attempt, in *iam.CreateServiceLinkedRoleInput) (result[iam.CreateServiceLinkedRoleOutput], *Error) {
	var none result[iam.CreateServiceLinkedRoleOutput]
	svc := f.linkedService(*in.AWSServiceName)
	if svc == nil {
		return none, errNoSuchLinkedService(*in.AWSServiceName)
	}
	name, err := linkedRoleName(svc, in.CustomSuffix)
	if err != nil {
		return none, err
	}
	now := f.nowFor(a)
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	acct := a.caller.account
	if acct.role(name) != nil {
		return none, errLinkedRoleTaken(name)
	}
	if len(acct.roleList) >= acct.roleQuota {
		return none, errRoleQuota(acct.roleQuota)
	}
	r := newLinkedRole(acct, svc, name, f.newRoleIDLocked(), now)
	r.role.description = deref(in.Description)
	acct.addRole(r)
	return answerWith(answerRole(r), func(v roleAnswer) *iam.CreateServiceLinkedRoleOutput {
		return &iam.CreateServiceLinkedRoleOutput{Role: v.sdk(roleCreated)}
	}), nil
}

// newLinkedRole makes svc's role named name in account a, its policies
// attached (not yet in the account's indexes). Call with f.mu held.
func newLinkedRole(a *account, svc *LinkedService, name, id string, created time.Time) *principal {
	r := newRole(a, name, linkedRolePath(svc.Service), id, created, linkedTrustPolicy(svc.Service))
	r.role.linked = svc.Service
	for _, arn := range svc.Policies {
		if p := a.policyByARN(arn); p != nil { // every one is (checked when declared)
			a.keepAWSPolicy(p)
			attachToRole(p, r)
		}
	}
	return r
}

// roleToChange is resolveRole for an operation that changes the role:
// IAM refuses it on a service-linked role (recorded). Call with f.mu held.
func (f *Fake) roleToChange(caller *principal, name string) (*principal, *Error) {
	r, err := f.resolveRole(caller, name)
	if err != nil {
		return nil, err
	}
	if r.role.linked != "" {
		return nil, errProtectedRole(r.name)
	}
	return r, nil
}

// deleteServiceLinkedRole: (validation) → role exists → it is
// service-linked → a deletion task, which the fake completes at once: the
// role goes with its attachments (the service's own) and instance
// profiles keep nothing of it (none can hold it: roleToChange).
func (f *Fake) deleteServiceLinkedRole(a *attempt, in *iam.DeleteServiceLinkedRoleInput) (result[iam.DeleteServiceLinkedRoleOutput], *Error) {
	var none result[iam.DeleteServiceLinkedRoleOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	r, err := f.resolveRole(a.caller, *in.RoleName)
	if err != nil {
		return none, err
	}
	if r.role.linked == "" {
		return none, errNotServiceLinked(r.name)
	}
	task := "task" + r.path + r.name + "/" + f.ids.uuid()
	acct := r.account
	if acct.deletionTasks == nil {
		acct.deletionTasks = map[string]bool{}
	}
	acct.deletionTasks[task] = true
	detachAllFromRole(r)
	f.removeRole(r)
	return answerWith(task, func(id string) *iam.DeleteServiceLinkedRoleOutput {
		return &iam.DeleteServiceLinkedRoleOutput{DeletionTaskId: &id}
	}), nil
}

// parseDeletionTask reads task/aws-service-role/<service>/<role>/<uuid>.
func parseDeletionTask(id string) (svc, role string, ok bool) {
	rest, found := strings.CutPrefix(id, "task/aws-service-role/")
	if !found {
		return "", "", false
	}
	parts := strings.Split(rest, "/")
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
		return "", "", false
	}
	return parts[0], parts[1], true
}

// getServiceLinkedRoleDeletionStatus: (validation) → the id has a deletion
// task's form → the account has that task → SUCCEEDED (the fake completes
// every deletion at once).
func (f *Fake) getServiceLinkedRoleDeletionStatus(a *attempt, in *iam.GetServiceLinkedRoleDeletionStatusInput) (result[iam.GetServiceLinkedRoleDeletionStatusOutput], *Error) {
	var none result[iam.GetServiceLinkedRoleDeletionStatusOutput]
	id := *in.DeletionTaskId
	if _, _, ok := parseDeletionTask(id); !ok {
		return none, errInvalidDeletionTask(id)
	}
	f.mu.RLock()
	defer f.mu.RUnlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	if !a.caller.account.deletionTasks[id] {
		return none, errNoSuchDeletionTask(id)
	}
	return answerWith(types.DeletionTaskStatusTypeSucceeded, func(s types.DeletionTaskStatusType) *iam.GetServiceLinkedRoleDeletionStatusOutput {
		return &iam.GetServiceLinkedRoleDeletionStatusOutput{Status: s}
	}), nil
}

// Seeding: ServiceLinkedRole, and PrincipalSeed.CustomSuffix.

// ServiceLinkedRole seeds the role that CreateServiceLinkedRole would make
// for the service principal service (one LinkedServices or the fake's
// catalog knows): its name, path, trust policy and attached AWS managed
// policies are IAM's. Description, CustomSuffix, Tag, CreatedAt and
// AccessKey apply to it; a path, trust policy, session duration, inline
// policy, boundary or further attachment is refused, as IAM refuses them
// on the role.
func ServiceLinkedRole(service string) *PrincipalSeed {
	return &PrincipalSeed{kind: kindRole, role: roleSeed{linked: &service}}
}

// CustomSuffix returns the service-linked role seed with its name's suffix
// (RoleName_suffix), for a service that takes one.
func (s *PrincipalSeed) CustomSuffix(suffix string) *PrincipalSeed {
	c := s.clone()
	c.role.suffix = &suffix
	return c
}

// seedLinkedRole names the seed of a service-linked role (its name, as
// IAM would give it) or says what IAM would refuse of it.
func (f *Fake) seedLinkedRole(a *account, rs *PrincipalSeed) (*LinkedService, string, error) {
	svc := f.linkedService(*rs.role.linked)
	who := fmt.Sprintf("account %s: service-linked role of %q", a.id, *rs.role.linked)
	if svc == nil {
		return nil, "", fmt.Errorf("%s: %s (LinkedServices adds services)", who, errNoSuchLinkedService(*rs.role.linked).Message)
	}
	if rs.role.suffix != nil {
		in := &iam.CreateServiceLinkedRoleInput{AWSServiceName: rs.role.linked, CustomSuffix: rs.role.suffix}
		if err := lookupOperation(CreateServiceLinkedRole).check.check(in); err != nil {
			return nil, "", fmt.Errorf("%s: %s", who, err.Message)
		}
	}
	name, err := linkedRoleName(svc, rs.role.suffix)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %s: %s", who, err.Code, err.Message)
	}
	switch {
	case rs.path != nil, rs.role.trust != nil, rs.role.maxSession != nil:
		return nil, "", fmt.Errorf("%s: its path, trust policy and session duration are IAM's", who)
	case len(rs.inline) > 0, rs.boundary != nil:
		return nil, "", fmt.Errorf("%s: %s", who, errProtectedRole(name).Message)
	}
	return svc, name, nil
}

// LinkedServiceCatalog returns the services the fake knows without
// LinkedServices, sorted by service principal: a copy.
func LinkedServiceCatalog() []LinkedService {
	out := make([]LinkedService, len(linkedServiceCatalog))
	for i, s := range linkedServiceCatalog {
		s.Policies = append([]string(nil), s.Policies...)
		out[i] = s
	}
	return out
}
