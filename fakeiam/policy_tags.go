package fakeiam

import (
	"sort"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// Tags of customer managed policies: TagPolicy, UntagPolicy, ListPolicyTags
// (docs/contract.md, "Policy tags"), with the rules of the other resources
// whose tag keys keep case (server certificates, MFA devices): keys are
// case sensitive, a tag of a key the policy has replaces its value in its
// place, at most 50 after merging; ListPolicyTags lists them by key.
// CreatePolicy's and GetPolicy's tags are the same (managed_policies.go).
// Seeding: ManagedPolicySeed.Tag. Their tests: policy_tags_test.go.

// The policy tag operations.
const (
	TagPolicy      Operation = "TagPolicy"
	UntagPolicy    Operation = "UntagPolicy"
	ListPolicyTags Operation = "ListPolicyTags"
)

// tagsPerPolicy is IAM's quota of tags on one managed policy (docs:
// "IAM and AWS STS quotas", tags per IAM resource).
const tagsPerPolicy = 50

func init() {
	register(opSpec[iam.TagPolicyInput, iam.TagPolicyOutput]{Name: TagPolicy, Handle: (*Fake).tagPolicy,
		Named: named{"PolicyArn", ""}})
	register(opSpec[iam.UntagPolicyInput, iam.UntagPolicyOutput]{Name: UntagPolicy, Handle: (*Fake).untagPolicy,
		Named: named{"PolicyArn", ""}})
	register(opSpec[iam.ListPolicyTagsInput, iam.ListPolicyTagsOutput]{Name: ListPolicyTags, Handle: (*Fake).listPolicyTags,
		Named: named{"PolicyArn", ""}})
}

// tagPolicy: (validation) → not an AWS managed policy (AccessDenied, as
// its other writes: aws_managed_policies.go) → the policy exists → the
// request's tag rules →
// the quota on the merged set → tagged. The policy's tags are replaced
// whole: answers captured before keep theirs.
func (f *Fake) tagPolicy(a *attempt, in *iam.TagPolicyInput) (result[iam.TagPolicyOutput], *Error) {
	var none result[iam.TagPolicyOutput]
	if err := refuseAWSPolicyWrite(a, TagPolicy, *in.PolicyArn); err != nil {
		return none, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	p, err := f.policyOf(a.caller, *in.PolicyArn)
	if err != nil {
		return none, err
	}
	merged, err := mergeCaseKeptTags(p.tags, in.Tags, tagsPerPolicy, func() *Error { return errPolicyTagQuota(tagsPerPolicy) })
	if err != nil {
		return none, err
	}
	p.setTags(merged)
	return answerEmpty[iam.TagPolicyOutput](), nil
}

// untagPolicy: (validation) → not an AWS managed policy → the policy
// exists → the keys removed
// (exactly: case sensitive); a key it does not have is no error.
func (f *Fake) untagPolicy(a *attempt, in *iam.UntagPolicyInput) (result[iam.UntagPolicyOutput], *Error) {
	var none result[iam.UntagPolicyOutput]
	if err := refuseAWSPolicyWrite(a, UntagPolicy, *in.PolicyArn); err != nil {
		return none, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	p, err := f.policyOf(a.caller, *in.PolicyArn)
	if err != nil {
		return none, err
	}
	if kept, changed := untagged(p.tags, in.TagKeys); changed {
		if len(kept) == 0 {
			kept = nil
		}
		p.setTags(kept)
	}
	return answerEmpty[iam.UntagPolicyOutput](), nil
}

// listPolicyTags: (validation) → the policy exists → marker (bound to the
// policy's id) → its tags sorted by key.
func (f *Fake) listPolicyTags(a *attempt, in *iam.ListPolicyTagsInput) (result[iam.ListPolicyTagsOutput], *Error) {
	var none result[iam.ListPolicyTagsOutput]
	limit := pageLimit(in.MaxItems, a)
	f.mu.RLock()
	defer f.mu.RUnlock()
	p, err := f.policyOf(a.caller, *in.PolicyArn)
	if err != nil {
		return none, err
	}
	acct := p.account.id
	items := p.sortedTags()
	start := 0
	if in.Marker != nil {
		pos, ok := f.decodeMarker(ListPolicyTags, acct, p.id, *in.Marker)
		if !ok {
			return none, errValidation(msgInvalidMarker)
		}
		start = sort.Search(len(items), func(i int) bool { return userTagPages.after(items[i], pos) })
	}
	end := min(start+limit, len(items))
	var next string
	if end < len(items) {
		next = f.encodeMarker(ListPolicyTags, acct, p.id, userTagPages.pos(items[end-1]))
	}
	type listed struct {
		page   []sortedTag // never written: a change makes another
		marker string
	}
	return answerWith(listed{items[start:end:end], next}, func(l listed) *iam.ListPolicyTagsOutput {
		out := &iam.ListPolicyTagsOutput{Tags: sortedTags(l.page)}
		out.IsTruncated, out.Marker = pageEnd(l.marker)
		return out
	}), nil
}

// setTags replaces p's tags whole (answers captured before keep theirs)
// and drops their sorted view.
func (p *customerPolicy) setTags(tags []types.Tag) {
	p.tags = tags
	p.tagsByKey.Store(nil)
}

// sortedTags are p's tags sorted by key, as ListPolicyTags lists them:
// made once after each change, under the read lock (two readers may both
// make it: the same value), never written.
func (p *customerPolicy) sortedTags() []sortedTag {
	if s := p.tagsByKey.Load(); s != nil {
		return *s
	}
	s := sortTags(p.tags)
	p.tagsByKey.Store(&s)
	return s
}
