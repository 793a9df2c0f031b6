package fakeiam

import (
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/fakeaws/fakeaws/fakeiam/internal/jsontree"
	"github.com/fakeaws/fakeaws/fakeiam/internal/policyeval"
)

// Policy documents: the checks IAM makes on a document before it stores it
// (MalformedPolicyDocument, 400, with IAM's texts) and the size IAM counts
// against its quotas (docs/contract.md, "Policy documents"). Every
// operation that takes a document calls checkPolicyDocument with its kind,
// then counts policySize against its own quota. Their tests:
// policy_documents_test.go, FuzzCheckPolicyDocument.

// policyKind is what a document is for: the kind decides the rules IAM
// applies beyond the common grammar.
type policyKind uint8

const (
	// inlinePolicy is an identity policy embedded in a user, group or role
	// (PutUserPolicy, PutGroupPolicy, PutRolePolicy): Version may be
	// omitted or "2008-10-17", no Principal.
	inlinePolicy policyKind = iota
	// managedPolicy is an identity policy standing alone (CreatePolicy,
	// CreatePolicyVersion): Version must be "2012-10-17", no Principal.
	managedPolicy
	// trustPolicy is a role's trust policy (CreateRole,
	// UpdateAssumeRolePolicy): no Resource or NotResource, a Principal (or
	// NotPrincipal) in every statement, only STS's AssumeRole actions;
	// Version may be omitted (checkTrustPolicy, roles.go's callers).
	trustPolicy
)

// Policy size quotas: characters of a document, white space outside its
// strings not counted (policySize). The inline quotas are per principal,
// summed over all its inline policies.
const (
	userPolicySizeQuota    = 2048
	groupPolicySizeQuota   = 5120
	rolePolicySizeQuota    = 10240
	managedPolicySizeQuota = 6144
)

// IAM's MalformedPolicyDocument texts.
const (
	msgPolicySyntax       = "Syntax errors in policy."
	msgPolicyInvalidJSON  = "This policy contains invalid Json"
	msgPolicyPrincipal    = "Policy document should not specify a principal."
	msgPolicyVersion      = "Policy document must be version 2012-10-17 or greater."
	msgPolicyLegacy       = "The policy failed legacy parsing"
	msgPolicySidUnique    = "Statement IDs (SID) in a single policy must be unique."
	msgPolicyNoActions    = "Policy statement must contain actions."
	msgPolicyNoResources  = "Policy statement must contain resources."
	msgPolicyVendor       = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."
	msgPolicyOneColon     = "Actions/Condition can contain only one colon."
	msgPolicyVendorGlob   = "Action vendors (e.g., aws, ec2, etc.) must not contain wildcards"
	msgPolicyVendorRegexp = "Resource vendor must be fully qualified and cannot contain regexes."
	msgPolicyIAMPath      = `IAM resource path must either be "*", root, or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/.`
)

// IAM's MalformedPolicyDocument texts of trust policies.
const (
	msgTrustNoPrincipal     = "Missing required field Principal"
	msgTrustEmptyPrincipal  = "Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!"
	msgTrustAssumeRoleOnly  = "AssumeRole policy may only specify STS AssumeRole actions."
	msgTrustResourcePrefix  = "Has prohibited field "
	assumeRolePolicySizeMax = 2048 // AssumeRolePolicySizeQuota
)

// errTrustPolicySizeQuota refuses a trust policy larger than its quota.
func errTrustPolicySizeQuota() *Error {
	return &Error{"LimitExceeded", 409, "Cannot exceed quota for ACLSizePerRole: " + strconv.Itoa(assumeRolePolicySizeMax)}
}

// checkTrustPolicy checks doc as IAM checks a role's trust policy
// (CreateRole's AssumeRolePolicyDocument, UpdateAssumeRolePolicy): the
// checks of every policy with the trust policy's own rules among them
// (checkPolicy: JSON that does not parse has a text of its own), then its
// size against AssumeRolePolicySizeQuota, counted as policySize counts.
func checkTrustPolicy(doc string) *Error {
	size, err := checkPolicy(doc, trustPolicy)
	if err != nil {
		return err
	}
	if size > assumeRolePolicySizeMax {
		return errTrustPolicySizeQuota()
	}
	return nil
}

// trustActions are the actions a trust policy may allow: STS's ways of
// assuming a role and what a session may carry.
var trustActions = []string{"sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity",
	"sts:tagsession", "sts:setsourceidentity", "sts:setcontext"}

// trustAction reports whether a trust policy may name action a: one of
// trustActions ignoring case, or a wildcard pattern matching one.
func trustAction(a string) bool {
	return slices.ContainsFunc(trustActions, func(t string) bool { return policyeval.MatchAction(a, t) })
}

func errMalformedPolicy(msg string) *Error {
	return &Error{"MalformedPolicyDocument", 400, msg}
}

// errPolicySizeQuota refuses an inline policy that would take its owner
// (kind "user", "group" or "role") past its aggregate quota.
func errPolicySizeQuota(quota int, kind, name string) *Error {
	return &Error{"LimitExceeded", 409, "Maximum policy size of " + strconv.Itoa(quota) + " bytes exceeded for " + kind + " " + name}
}

// errManagedPolicySizeQuota refuses a managed policy document larger than
// its quota.
func errManagedPolicySizeQuota(quota int) *Error {
	return &Error{"LimitExceeded", 409, "Cannot exceed quota for PolicySize: " + strconv.Itoa(quota)}
}

// policySize is the size IAM counts against its policy quotas: the
// document's bytes, without the JSON white space (space, tab, line feed,
// carriage return) between its tokens. White space inside a string counts:
// it is part of the policy.
func policySize(doc string) int {
	n, inString, escaped := 0, false, false
	for i := 0; i < len(doc); i++ {
		c := doc[i]
		switch {
		case inString:
			n++
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		default:
			n++
			inString = c == '"'
		}
	}
	return n
}

// checkPolicyDocument checks doc as IAM checks a policy of kind, in IAM's
// order: the grammar (any fault is "Syntax errors in policy.", but a trust
// policy that is not JSON at all has its own text), Principal in an
// identity policy, the version a managed policy needs, legacy parsing
// (Effect's case, dates in Date conditions, resources with an empty
// service), unique Sids, actions present, resources present, the first
// badly formed resource, each action's vendor. It returns nil when IAM
// would store the document.
func checkPolicyDocument(doc string, kind policyKind) *Error {
	_, err := checkPolicy(doc, kind)
	return err
}

// checkPolicy is checkPolicyDocument, also answering the document's size
// (policySize) when it is good.
func checkPolicy(doc string, kind policyKind) (int, *Error) {
	p, ok := parsePolicy(doc)
	switch {
	case !ok && kind == trustPolicy && !p.json:
		return 0, errMalformedPolicy(msgPolicyInvalidJSON)
	case !ok:
		return 0, errMalformedPolicy(msgPolicySyntax)
	}
	if err := p.check(kind); err != nil {
		return 0, err
	}
	return len(doc) - p.space, nil
}

// check makes the checks that follow the grammar's, in IAM's order.
func (p *policy) check(kind policyKind) *Error {
	if kind != trustPolicy && p.principal {
		return errMalformedPolicy(msgPolicyPrincipal)
	}
	if kind == trustPolicy {
		for _, s := range p.statements {
			switch {
			case s.resource.set:
				return errMalformedPolicy(msgTrustResourcePrefix + "Resource")
			case s.notResource.set:
				return errMalformedPolicy(msgTrustResourcePrefix + "NotResource")
			}
		}
		for _, s := range p.statements {
			switch {
			case !s.principal && !s.notPrincipal:
				return errMalformedPolicy(msgTrustNoPrincipal)
			case s.noPrincipals:
				return errMalformedPolicy(msgTrustEmptyPrincipal)
			}
		}
	}
	if kind == managedPolicy && p.version != "2012-10-17" {
		return errMalformedPolicy(msgPolicyVersion)
	}
	resourceErr := ""
	for _, s := range p.statements {
		if s.effect != "Allow" && s.effect != "Deny" {
			return errMalformedPolicy(msgPolicyLegacy)
		}
		for _, c := range s.conditions {
			if c.date && !c.legacyDates() {
				return errMalformedPolicy(msgPolicyLegacy)
			}
		}
		for _, rs := range [2]*stringList{&s.resource, &s.notResource} {
			for r := range rs.values() {
				if resourceErr != "" {
					break
				}
				if resourceErr = resourceFormatError(r); resourceErr == "" && !legacyResource(r) {
					return errMalformedPolicy(msgPolicyLegacy)
				}
			}
		}
	}
	for i, s := range p.statements {
		if s.sid != "" && slices.ContainsFunc(p.statements[:i], func(o statement) bool { return o.sid == s.sid }) {
			return errMalformedPolicy(msgPolicySidUnique)
		}
	}
	for _, s := range p.statements {
		if !s.action.present() && !s.notAction.present() {
			return errMalformedPolicy(msgPolicyNoActions)
		}
	}
	if kind != trustPolicy {
		for _, s := range p.statements {
			if !s.resource.present() && !s.notResource.present() {
				return errMalformedPolicy(msgPolicyNoResources)
			}
		}
	}
	if resourceErr != "" {
		return errMalformedPolicy(resourceErr)
	}
	for _, s := range p.statements {
		for _, as := range [2]*stringList{&s.action, &s.notAction} {
			for a := range as.values() {
				if msg := actionError(a); msg != "" {
					return errMalformedPolicy(msg)
				}
			}
		}
	}
	if kind == trustPolicy {
		for _, s := range p.statements {
			for a := range s.action.values() {
				if !trustAction(a) {
					return errMalformedPolicy(msgTrustAssumeRoleOnly)
				}
			}
		}
	}
	return nil
}

// policy is a document as the checks need it.
type policy struct {
	json       bool   // the document is JSON, whatever its shape
	space      int    // bytes of white space between its tokens
	version    string // "" when absent
	principal  bool   // some statement names a Principal or NotPrincipal
	statements []statement
}

type statement struct {
	sid, effect             string
	action, notAction       stringList
	resource, notResource   stringList
	conditions              []condition
	principal, notPrincipal bool
	// noPrincipals: its Principal (or NotPrincipal) names no one: an
	// empty object, or one whose every value is an empty array.
	noPrincipals bool
}

// stringList is an element that takes a string or an array of strings
// (nulls allowed in a resource array).
type stringList struct {
	set bool            // the element is in the statement
	v   *jsontree.Value // the element's value
}

// present: the element is there and, as an array, not empty.
func (l *stringList) present() bool {
	return l.set && (l.v.Kind != jsontree.Array || len(l.v.Items) > 0)
}

// values are the element's strings, nulls skipped.
func (l *stringList) values() iter.Seq[string] {
	return func(yield func(string) bool) {
		switch {
		case !l.set:
		case l.v.Kind == jsontree.String:
			yield(l.v.Text)
		default:
			for i := range l.v.Items {
				if it := &l.v.Items[i]; it.Kind == jsontree.String && !yield(it.Text) {
					return
				}
			}
		}
	}
}

// condition is one operator of a Condition block with its values.
type condition struct {
	date   bool     // a Date operator: its values must parse
	values []string // a Date operator's values in string form
}

// parsePolicy reads doc by IAM's grammar; ok is false for any fault IAM
// reports as "Syntax errors in policy.".
func parsePolicy(doc string) (p policy, ok bool) {
	top, space, ok := jsontree.ParseSpaced(doc)
	p.json, p.space = ok, space
	if !ok || top.Kind != jsontree.Object {
		return p, false
	}
	var stmts *jsontree.Value
	for i, k := range top.Keys {
		v := &top.Items[i]
		switch k {
		case "Version":
			if v.Kind != jsontree.String || (v.Text != "2012-10-17" && v.Text != "2008-10-17") {
				return p, false
			}
			p.version = v.Text
		case "Id":
			if v.Kind != jsontree.String {
				return p, false
			}
		case "Statement":
			stmts = v
		default:
			return p, false
		}
	}
	var list []jsontree.Value
	switch {
	case stmts == nil:
		return p, false
	case stmts.Kind == jsontree.Object:
		list = []jsontree.Value{*stmts}
	case stmts.Kind == jsontree.Array && len(stmts.Items) > 0:
		list = stmts.Items
	default:
		return p, false
	}
	p.statements = make([]statement, len(list))
	for i := range list {
		s, ok := parseStatement(&list[i])
		if !ok {
			return p, false
		}
		p.principal = p.principal || s.principal || s.notPrincipal
		p.statements[i] = s
	}
	return p, true
}

func parseStatement(v *jsontree.Value) (s statement, ok bool) {
	if v.Kind != jsontree.Object {
		return s, false
	}
	hasEffect := false
	for i, k := range v.Keys {
		e := &v.Items[i]
		switch k {
		case "Sid":
			s.sid, ok = e.Text, e.Kind == jsontree.String
		case "Effect":
			s.effect, hasEffect = e.Text, true
			ok = e.Kind == jsontree.String && (strings.EqualFold(s.effect, "Allow") || strings.EqualFold(s.effect, "Deny"))
		case "Action":
			ok = s.action.parse(e, false)
		case "NotAction":
			ok = s.notAction.parse(e, false)
		case "Resource":
			ok = s.resource.parse(e, true)
		case "NotResource":
			ok = s.notResource.parse(e, true)
		case "Principal", "NotPrincipal":
			ok = e.Kind == jsontree.Object || e.Kind == jsontree.String
			s.noPrincipals = e.Kind == jsontree.Object && !slices.ContainsFunc(e.Items, func(v jsontree.Value) bool {
				return v.Kind != jsontree.Array || len(v.Items) > 0
			})
			s.principal = s.principal || k == "Principal"
			s.notPrincipal = s.notPrincipal || k == "NotPrincipal"
		case "Condition":
			s.conditions, ok = parseConditions(e)
		default:
			ok = false
		}
		if !ok {
			return s, false
		}
	}
	return s, hasEffect && !(s.action.set && s.notAction.set) && !(s.resource.set && s.notResource.set)
}

// parse reads a string or an array of strings; an array of resources may
// hold nulls, which IAM skips.
func (l *stringList) parse(v *jsontree.Value, nullsAllowed bool) bool {
	l.set, l.v = true, v
	switch v.Kind {
	case jsontree.String:
		return true
	case jsontree.Array:
		for i := range v.Items {
			if k := v.Items[i].Kind; k != jsontree.String && (k != jsontree.Null || !nullsAllowed) {
				return false
			}
		}
		return true
	}
	return false
}

// conditionOperators are IAM's condition operators, before the IfExists
// suffix and the ForAllValues:/ForAnyValue: prefixes.
var conditionOperators = map[string]bool{
	"StringEquals": true, "StringNotEquals": true, "StringEqualsIgnoreCase": true, "StringNotEqualsIgnoreCase": true,
	"StringLike": true, "StringNotLike": true,
	"NumericEquals": true, "NumericNotEquals": true, "NumericLessThan": true, "NumericLessThanEquals": true,
	"NumericGreaterThan": true, "NumericGreaterThanEquals": true,
	"DateEquals": true, "DateNotEquals": true, "DateLessThan": true, "DateLessThanEquals": true,
	"DateGreaterThan": true, "DateGreaterThanEquals": true,
	"Bool": true, "BinaryEquals": true, "IpAddress": true, "NotIpAddress": true,
	"ArnEquals": true, "ArnLike": true, "ArnNotEquals": true, "ArnNotLike": true,
	"Null": true,
}

// conditionOperator is the operator name op stands for, without one
// ForAllValues:/ForAnyValue: prefix and one IfExists suffix, and whether
// IAM knows it.
func conditionOperator(op string) (string, bool) {
	if rest, ok := strings.CutPrefix(op, "ForAllValues:"); ok {
		op = rest
	} else if rest, ok := strings.CutPrefix(op, "ForAnyValue:"); ok {
		op = rest
	}
	op = strings.TrimSuffix(op, "IfExists")
	return op, conditionOperators[op]
}

// parseConditions reads a Condition block: an object of operators, each an
// object of keys whose values are strings, numbers or booleans, or arrays
// of them. An operator IAM does not know is refused unless its block is
// empty.
func parseConditions(v *jsontree.Value) ([]condition, bool) {
	if v.Kind != jsontree.Object {
		return nil, false
	}
	out := make([]condition, 0, len(v.Items))
	for i, op := range v.Keys {
		keys := &v.Items[i]
		if keys.Kind != jsontree.Object {
			return nil, false
		}
		name, known := conditionOperator(op)
		if !known && len(keys.Items) > 0 {
			return nil, false
		}
		c := condition{date: strings.HasPrefix(name, "Date")}
		for j := range keys.Items {
			if !c.add(&keys.Items[j]) {
				return nil, false
			}
		}
		out = append(out, c)
	}
	return out, true
}

// add adds a condition key's value (a scalar or an array of scalars) to
// c's values in string form.
func (c *condition) add(v *jsontree.Value) bool {
	items := []jsontree.Value{*v}
	if v.Kind == jsontree.Array {
		items = v.Items
	}
	for _, it := range items {
		switch it.Kind {
		case jsontree.String, jsontree.Number, jsontree.Bool:
			if c.date {
				c.values = append(c.values, it.Text)
			}
		default:
			return false
		}
	}
	return true
}

// legacyDates: every value of a Date condition is a date IAM's legacy
// parser reads: an ISO 8601 date and time, or seconds since the epoch.
func (c condition) legacyDates() bool {
	for _, v := range c.values {
		if !legacyDate(strings.ToLower(v)) {
			return false
		}
	}
	return true
}

func legacyDate(v string) bool {
	_, ok := policyeval.ParseDate(v)
	return ok
}

// legacyResource: the legacy parser reads r. It refuses an ARN with an
// empty service, and one with "::" but fewer than six fields.
func legacyResource(r string) bool {
	if r == "*" {
		return true
	}
	if strings.Contains(r, "::") && strings.Count(r, ":") < 5 {
		return false
	}
	_, rest, _ := strings.Cut(r, ":")
	_, rest, ok := strings.Cut(rest, ":")
	return !ok || !strings.HasPrefix(rest, ":") && rest != ""
}

// resourceFormatError is IAM's text for a resource that is not an ARN of
// the aws partition as IAM reads one, or "".
func resourceFormatError(r string) string {
	if r == "*" {
		return ""
	}
	_, rest, ok := strings.Cut(r, ":")
	if !ok {
		return "Resource " + r + ` must be in ARN format or "*".`
	}
	partition, rest, ok := strings.Cut(rest, ":")
	if partition != "aws" {
		parts := strings.Split(rest, ":")
		if !ok {
			parts = nil
		}
		field := func(i int) string {
			switch {
			case i == 0 && len(parts) > 0 && (parts[0] != "" || len(parts) > 1):
				return parts[0]
			case i > 0 && i < 3 && len(parts) > i:
				return parts[i]
			case i == 3 && len(parts) > 3:
				return strings.Join(parts[3:], ":")
			}
			return "*"
		}
		return `Partition "` + partition + `" is not valid for resource "arn:` + partition + ":" + field(0) + ":" + field(1) + ":" + field(2) + ":" + field(3) + `".`
	}
	if !ok {
		return msgPolicyVendorRegexp
	}
	service, rest, _ := strings.Cut(rest, ":")
	region, rest, _ := strings.Cut(rest, ":")
	_, path, _ := strings.Cut(rest, ":")
	switch {
	case service == "iam" && region != "":
		return "IAM resource " + r + " cannot contain region information."
	case service == "s3" && region != "" && !hasAnyPrefix(path, s3RegionalPrefixes):
		return "Resource " + r + " can not contain region information."
	case service == "iam" && path != "*" && path != "root" && !hasAnyPrefix(path, iamResourcePrefixes):
		return msgPolicyIAMPath
	}
	return ""
}

// hasAnyPrefix: s begins with one of prefixes.
func hasAnyPrefix(s string, prefixes []string) bool {
	return slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(s, p) })
}

// iamResourcePrefixes are the resource types an IAM ARN of a policy may
// name; the path may also be "*" or "root", as IAM's text says.
var iamResourcePrefixes = []string{"user/", "federated-user/", "role/", "group/", "instance-profile/", "mfa/",
	"server-certificate/", "policy/", "sms-mfa/", "saml-provider/", "oidc-provider/", "report/", "access-report/"}

// s3RegionalPrefixes are the S3 resource types whose ARNs carry a region
// (access points, Batch Operations jobs, Storage Lens, Access Grants); a
// bucket or an object ARN with a region is refused.
var s3RegionalPrefixes = []string{"accesspoint/", "job/", "storage-lens/", "storage-lens-group/", "access-grants/"}

// actionError is IAM's text for an action not of the form vendor:action,
// or "".
func actionError(a string) string {
	if a == "*" {
		return ""
	}
	vendor, rest, ok := strings.Cut(a, ":")
	switch {
	case !ok:
		return msgPolicyVendor
	case strings.Contains(rest, ":"):
		return msgPolicyOneColon
	case strings.ContainsAny(vendor, "*?"):
		return msgPolicyVendorGlob
	}
	for _, c := range vendor {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			return "Vendor " + vendor + " is not valid"
		}
	}
	return ""
}
