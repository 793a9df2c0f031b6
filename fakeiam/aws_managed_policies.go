package fakeiam

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam/internal/awspolicies"
)

// AWS managed policies (arn:aws:iam::aws:policy/...): IAM's own, the same
// in every account, from a dated public snapshot (internal/awspolicies,
// read the first time a fake asks for one, never by New). An account keeps
// its own record of one (a *customerPolicy with aws set) from the first
// time it is attached: attachment counts, its users and groups are the
// account's. Until then a lookup answers a fresh record made from the
// catalog, kept by nobody. GetPolicy, GetPolicyVersion, ListPolicyVersions,
// ListEntitiesForPolicy and the attachments find them through
// account.policyByARN; ListPolicies lists them (Scope AWS and All, the
// default); the writes IAM refuses are refused (refuseAWSPolicyWrite).
// docs/contract.md, "AWS managed policies". Tests:
// aws_managed_policies_test.go.

const awsPolicyARNPrefix = "arn:aws:iam::aws:policy/"

// isAWSPolicyARN says whether arn names an AWS managed policy.
func isAWSPolicyARN(arn string) bool { return strings.HasPrefix(arn, awsPolicyARNPrefix) }

// awsCatalog is the catalog, read on first use. The embedded data is
// checked by internal/awspolicies' tests; were it unreadable, the catalog
// would be empty (every AWS managed policy "not found"), never a panic.
func awsCatalog() *awspolicies.Catalog {
	c, err := awspolicies.Load()
	if err != nil {
		return &awspolicies.Catalog{}
	}
	return c
}

// awsPolicyByARN is the account's record of the AWS managed policy with
// that ARN, or a fresh record of it (not kept); nil when the catalog has
// none.
func (a *account) awsPolicyByARN(arn string) *customerPolicy {
	if p := a.awsPolicies[arn]; p != nil {
		return p
	}
	c := awsCatalog()
	i := c.Index(arn)
	if i < 0 {
		return nil
	}
	return newAWSPolicyRecord(a, c, i)
}

// newAWSPolicyRecord is a record of the catalog's i-th policy for a: its
// default version (versionList finds the older ones).
func newAWSPolicyRecord(a *account, c *awspolicies.Catalog, i int) *customerPolicy {
	cp := &c.Policies[i]
	v := awsVersion(c, i)
	p := &customerPolicy{name: cp.Name, path: cp.Path, id: cp.ID, arn: cp.ARN, description: cp.Description, created: cp.Created,
		updated: cp.Updated, account: a, versions: []*policyVersion{v}, def: v, aws: true, unattachable: !cp.Attachable, awsIndex: i}
	p.made = versionNumber(v)
	return p
}

// awsVersions are the catalog's default versions, each made the first
// time it is asked for (with its document URL-encoded once: an AWS
// managed policy's document is some kilobytes, and encoding it on every
// GetPolicyVersion made that read 1.8 × its floor,
// BenchmarkAWSManagedPolicies/GetPolicyVersion), then shared read-only by
// every fake of the process, as the catalog is.
var awsVersions struct {
	once     sync.Once
	versions []atomic.Pointer[policyVersion]
}

// awsVersion is the catalog's i-th policy's default version.
func awsVersion(c *awspolicies.Catalog, i int) *policyVersion {
	awsVersions.once.Do(func() { awsVersions.versions = make([]atomic.Pointer[policyVersion], len(c.Policies)) })
	if i >= len(awsVersions.versions) {
		return nil
	}
	if v := awsVersions.versions[i].Load(); v != nil {
		return v
	}
	cp := &c.Policies[i]
	v := &policyVersion{id: cp.DefaultVersion, document: cp.Document, created: cp.VersionCreated, encoded: encodePolicyDocument(cp.Document)}
	if !awsVersions.versions[i].CompareAndSwap(nil, v) {
		v = awsVersions.versions[i].Load()
	}
	return v
}

// awsLists are the catalog's policies' versions, newest first, each list
// made the first time it is asked for (reading the older versions from
// the catalog's history: the first costs the process some milliseconds,
// BenchmarkParseHistory) and shared read-only after, as the versions are.
var awsLists struct {
	once  sync.Once
	lists []atomic.Pointer[[]*policyVersion]
}

// awsVersionList is the catalog's i-th policy's versions, newest first:
// its default and the older ones the snapshot's history holds (docs/
// contract.md, "AWS managed policies": versions older than the history
// are not held). Were the history unreadable, the default alone.
func awsVersionList(i int) []*policyVersion {
	c := awsCatalog()
	awsLists.once.Do(func() { awsLists.lists = make([]atomic.Pointer[[]*policyVersion], len(c.Policies)) })
	if i < 0 || i >= len(awsLists.lists) {
		return nil
	}
	if l := awsLists.lists[i].Load(); l != nil {
		return *l
	}
	def := awsVersion(c, i)
	list := []*policyVersion{def}
	older, err := c.Older(i)
	if err == nil {
		for _, o := range older {
			list = append(list, &policyVersion{id: o.ID, document: o.Document, created: o.Created})
		}
		slices.SortStableFunc(list, func(x, y *policyVersion) int { return versionNumber(y) - versionNumber(x) })
	}
	awsLists.lists[i].CompareAndSwap(nil, &list)
	return *awsLists.lists[i].Load()
}

// keepAWSPolicy keeps p, a record of an AWS managed policy, as the
// account's (attachablePolicy). Call with f.mu held for writing.
func (a *account) keepAWSPolicy(p *customerPolicy) {
	if a.awsPolicies[p.arn] == p {
		return
	}
	if a.awsPolicies == nil {
		a.awsPolicies = map[string]*customerPolicy{}
	}
	a.awsPolicies[p.arn] = p
}

// refuseAWSPolicyWrite is IAM's refusal of op on an AWS managed policy,
// whether or not the catalog has it (IAM refuses before it looks the
// policy up): AccessDenied with IAM's texts where they are recorded
// (DeletePolicy, DeletePolicyVersion, SetDefaultPolicyVersion: LocalStack's
// test_aws_managed_policy_errors); for the others (CreatePolicyVersion,
// the tag operations) the caller not authorized on a policy of the
// account "aws" (choice: docs/contract.md, "AWS managed policies").
func refuseAWSPolicyWrite(a *attempt, op Operation, arn string) *Error {
	if !isAWSPolicyARN(arn) {
		return nil
	}
	switch op {
	case DeletePolicy:
		return &Error{"AccessDenied", 403, "Cannot delete policies outside your own account."}
	case DeletePolicyVersion:
		return &Error{"AccessDenied", 403, "Cannot delete policy versions for policies outside your own account."}
	case SetDefaultPolicyVersion:
		return &Error{"AccessDenied", 403, "Cannot update policies outside your own account."}
	}
	return errAccessDenied(a.who.ARN, op, "policy "+arn)
}

// awsPhase marks a ListPolicies marker that continues among the AWS
// managed policies (its seq: the catalog index to continue from); a
// marker among the account's own is nameEnd's (date 0, the last name).
const awsPhase = 1

// listWithAWSPolicies is ListPolicies' Scope AWS (the catalog, in IAM's
// order: as the snapshot's ListPolicies listed them) and All (the
// catalog, then the account's policies by name ignoring case: choice),
// with keep's filters (PathPrefix, OnlyAttached and its usage filter).
// Call with f.mu held.
func (f *Fake) listWithAWSPolicies(acct *account, in *iam.ListPoliciesInput, keep func(*customerPolicy) bool, bound string,
	limit int) (result[iam.ListPoliciesOutput], *Error) {
	var none result[iam.ListPoliciesOutput]
	c := awsCatalog()
	n := len(c.Policies)
	withLocal := in.Scope != types.PolicyScopeTypeAws
	prefix := pathOr(in.PathPrefix)
	awsAt, localAt := 0, 0
	if in.Marker != nil {
		pos, ok := f.decodeMarker(ListPolicies, acct.id, bound, *in.Marker)
		if !ok {
			return none, errValidation(msgInvalidMarker)
		}
		if pos.date.Unix() == awsPhase {
			awsAt = min(int(pos.seq), n)
		} else {
			awsAt = n
			localAt, _ = slices.BinarySearchFunc(acct.policyList, pos.id, func(p *customerPolicy, after string) int {
				if strings.ToLower(p.name) <= after {
					return -1
				}
				return 1
			})
		}
	}
	// nextAWS is the first catalog index from i that the filters keep, n
	// when none. Only attached ones: among the account's records; else
	// every policy of the catalog on the path.
	var attached []*customerPolicy
	if in.OnlyAttached {
		for _, p := range acct.awsPolicies {
			if keep(p) {
				attached = append(attached, p)
			}
		}
		slices.SortFunc(attached, func(x, y *customerPolicy) int { return x.awsIndex - y.awsIndex })
	}
	nextAWS := func(i int) int {
		if in.OnlyAttached {
			j, _ := slices.BinarySearchFunc(attached, i, func(p *customerPolicy, i int) int { return p.awsIndex - i })
			if j < len(attached) {
				return attached[j].awsIndex
			}
			return n
		}
		for ; i < n && !strings.HasPrefix(c.Policies[i].Path, prefix); i++ {
		}
		return i
	}
	most := n - awsAt // the page's length at most: the policies after the marker
	if in.OnlyAttached {
		most = len(attached)
	}
	l := policiesPage{page: make([]customerPolicyView, 0, min(limit, most+len(acct.policyList)))}
	i := nextAWS(awsAt)
	for ; i < n && len(l.page) < limit; i = nextAWS(i + 1) {
		l.page = append(l.page, viewAWSPolicy(acct, c, i))
	}
	if i < n { // more AWS managed policies
		l.marker = f.encodeMarker(ListPolicies, acct.id, bound, markerPos{date: time.Unix(awsPhase, 0), seq: uint64(i), id: "aws"})
	} else if withLocal {
		items := acct.policyList
		name := func(p *customerPolicy) string { return p.name }
		if len(l.page) == limit { // full: continue with the account's, if any is kept
			if slices.ContainsFunc(items[localAt:], keep) {
				l.marker = f.encodeMarker(ListPolicies, acct.id, bound, markerPos{date: time.Unix(awsPhase, 0), seq: uint64(n), id: "aws"})
			}
		} else {
			end, next := nameEnd(f, ListPolicies, acct.id, bound, items, name, keep, localAt, limit-len(l.page))
			for _, p := range items[localAt:end] {
				if keep(p) {
					l.page = append(l.page, viewPolicy(p))
				}
			}
			l.marker = next
		}
	}
	return answerWith(l.fitted(), policiesPage.build), nil
}

// viewAWSPolicy is the catalog's i-th policy as acct sees it: its record's
// counts when it keeps one.
func viewAWSPolicy(acct *account, c *awspolicies.Catalog, i int) customerPolicyView {
	cp := &c.Policies[i]
	if p := acct.awsPolicies[cp.ARN]; p != nil {
		return viewPolicy(p)
	}
	return customerPolicyView{name: cp.Name, path: cp.Path, id: cp.ID, arn: cp.ARN, defaultVersion: cp.DefaultVersion,
		created: cp.Created, updated: cp.Updated, unattachable: !cp.Attachable}
}

// Seeding.

// AWSManagedPolicySeed attaches an AWS managed policy, named by its ARN,
// to users and groups seeded in the same account:
//
//	fakeiam.AWSManagedPolicy("arn:aws:iam::aws:policy/ReadOnlyAccess").
//		AttachedToUsers("Bob").AttachedToGroups("admins")
//
// Its methods return a new seed. New refuses what AttachUserPolicy and
// AttachGroupPolicy would: an ARN the catalog does not hold (or a policy
// not attachable), a user or group the account does not have or named
// twice, and the quotas of attached policies (PoliciesPerUser,
// PoliciesPerGroup lift them), counted with the customer managed ones.
type AWSManagedPolicySeed struct {
	arn           string
	users, groups []string
}

// AWSManagedPolicy seeds attachments of the AWS managed policy of that ARN
// (arn:aws:iam::aws:policy/<path><name>) in the enclosing account (the
// default account outside Account).
func AWSManagedPolicy(arn string) *AWSManagedPolicySeed { return &AWSManagedPolicySeed{arn: arn} }

func (s *AWSManagedPolicySeed) clone() *AWSManagedPolicySeed {
	if s == nil {
		return &AWSManagedPolicySeed{}
	}
	return &AWSManagedPolicySeed{arn: s.arn, users: slices.Clone(s.users), groups: slices.Clone(s.groups)}
}

// AttachedToUsers returns the seed attached to these users, by name.
func (s *AWSManagedPolicySeed) AttachedToUsers(users ...string) *AWSManagedPolicySeed {
	c := s.clone()
	c.users = append(c.users, users...)
	return c
}

// AttachedToGroups returns the seed attached to these groups, by name.
func (s *AWSManagedPolicySeed) AttachedToGroups(groups ...string) *AWSManagedPolicySeed {
	c := s.clone()
	c.groups = append(c.groups, groups...)
	return c
}

var errNilAWSPolicySeed = errors.New("nil AWS managed policy seed")

func (s *AWSManagedPolicySeed) configure(c *config) error {
	if s == nil {
		return errNilAWSPolicySeed
	}
	c.current.awsPolicies = append(c.current.awsPolicies, s)
	return nil
}

// seedAWSPolicies attaches the account's seeded AWS managed policies,
// after its customer managed ones, naming every problem of each. Only
// here does New read the catalog: a seed without AWS managed policies
// never does.
func (f *Fake) seedAWSPolicies(a *account, seeds []*AWSManagedPolicySeed, fail func(string, ...any)) {
	if len(seeds) == 0 {
		return
	}
	over := map[any]bool{} // users and groups already over their quota
	for _, u := range a.userList {
		over[u] = len(u.policies) > a.policiesPerUser
	}
	for _, g := range a.groupList {
		over[g] = len(g.policies) > a.policiesPerGroup
	}
	seen := map[string]bool{}
	for _, s := range seeds {
		who := "account " + a.id + ": AWS managed policy " + quote(s.arn)
		if seen[s.arn] {
			fail("%s seeded twice (name its users and groups in one seed)", who)
			continue
		}
		seen[s.arn] = true
		if !isAWSPolicyARN(s.arn) {
			fail("%s: not an AWS managed policy's ARN (%s<path><name>)", who, awsPolicyARNPrefix)
			continue
		}
		p, err := attachablePolicy(a, s.arn, "User")
		if err != nil {
			fail("%s: %s (the catalog of %s)", who, err.Message, awsSnapshotDate())
			continue
		}
		seedAttachments(a, p, who, s.users, s.groups, fail)
	}
	checkAttachmentQuotas(a, over, fail)
}

// awsSnapshotDate is the catalog's snapshot date, for problems that name
// it ("snapshot of 2026-03-07").
func awsSnapshotDate() string {
	s := awsCatalog().Snapshot
	if _, date, ok := strings.Cut(s, " date "); ok {
		date, _, _ = strings.Cut(date, " ")
		if len(date) >= 10 {
			return "snapshot of " + date[:10]
		}
	}
	return "snapshot"
}
