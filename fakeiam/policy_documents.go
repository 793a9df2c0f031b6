package fakeiam

import (
	"hash/maphash"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/fakeaws/fakeaws/fakeiam/internal/jsontree"
	"github.com/fakeaws/fakeaws/fakeiam/internal/policyeval"
	"github.com/fakeaws/fakeaws/fakeiam/internal/words"
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
	r := policyReaders.Get().(*policyReader)
	defer r.free()
	p, ok := r.parse(doc)
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
		for i := range p.statements {
			s := &p.statements[i]
			switch {
			case s.resource.set:
				return errMalformedPolicy(msgTrustResourcePrefix + "Resource")
			case s.notResource.set:
				return errMalformedPolicy(msgTrustResourcePrefix + "NotResource")
			}
		}
		for i := range p.statements {
			s := &p.statements[i]
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
	for i := range p.statements {
		s := &p.statements[i]
		if s.effect != "Allow" && s.effect != "Deny" {
			return errMalformedPolicy(msgPolicyLegacy)
		}
		for _, c := range s.conditions {
			if c.date && !c.legacyDates() {
				return errMalformedPolicy(msgPolicyLegacy)
			}
		}
		for _, rs := range [2]*stringList{&s.resource, &s.notResource} {
			for _, r := range rs.strs {
				if resourceErr != "" {
					break
				}
				c := colonsOf(r)
				if resourceErr = resourceFormatError(r, &c); resourceErr == "" && !legacyResource(r, &c) {
					return errMalformedPolicy(msgPolicyLegacy)
				}
			}
		}
	}
	if p.repeatedSid() {
		return errMalformedPolicy(msgPolicySidUnique)
	}
	for i := range p.statements {
		s := &p.statements[i]
		if !s.action.present() && !s.notAction.present() {
			return errMalformedPolicy(msgPolicyNoActions)
		}
	}
	if kind != trustPolicy {
		for i := range p.statements {
			s := &p.statements[i]
			if !s.resource.present() && !s.notResource.present() {
				return errMalformedPolicy(msgPolicyNoResources)
			}
		}
	}
	if resourceErr != "" {
		return errMalformedPolicy(resourceErr)
	}
	for i := range p.statements {
		s := &p.statements[i]
		for _, as := range [2]*stringList{&s.action, &s.notAction} {
			for _, a := range as.strs {
				if msg := actionError(a); msg != "" {
					return errMalformedPolicy(msg)
				}
			}
		}
	}
	if kind == trustPolicy {
		for i := range p.statements {
			s := &p.statements[i]
			for _, a := range s.action.strs {
				if !trustAction(a) {
					return errMalformedPolicy(msgTrustAssumeRoleOnly)
				}
			}
		}
	}
	return nil
}

// sidsCompared is how many statements' Sids repeatedSid compares pair by
// pair; above it, it looks them up in a table.
const sidsCompared = 8

// sidSeed is the seed of the Sids' hashes in repeatedSid's table.
var sidSeed = maphash.MakeSeed()

// repeatedSid: two statements have one non-empty Sid. A 6 KB document
// holds some fifty statements: comparing each with those before it was a
// fifth of CreatePolicy's time (BenchmarkPairedRatios/op/CreatePolicy),
// and a map[string]struct{} a quarter of the checks' (the map's inserts),
// where this table of statement numbers, open addressing over
// hash/maphash, takes a twelfth: BenchmarkPolicyDocument/check went from
// 3.8-3.9 µs to 3.0 (go test -run '^$' -bench PolicyDocument/check$
// -count 3 ./fakeiam/, 2026-12-06).
func (p *policy) repeatedSid() bool {
	n := len(p.statements)
	if n <= sidsCompared {
		for i := range p.statements {
			for j := range i {
				if p.statements[i].sid != "" && p.statements[i].sid == p.statements[j].sid {
					return true
				}
			}
		}
		return false
	}
	slots := p.sidSlots
	if size := sidTableSize(n); len(slots) != size {
		slots = make([]int32, size)
	} else {
		clear(slots)
	}
	mask := uint64(len(slots) - 1)
	for i := range p.statements {
		sid := p.statements[i].sid
		if sid == "" {
			continue
		}
		for at := maphash.String(sidSeed, sid) & mask; ; at = (at + 1) & mask {
			k := slots[at] // a statement's number plus one; 0, none
			if k == 0 {
				slots[at] = int32(i + 1)
				break
			}
			if p.statements[k-1].sid == sid {
				return true
			}
		}
	}
	return false
}

// sidTableSize is the size of repeatedSid's table for n statements: the
// least power of 2 at least 2n, so that it is at most half full.
func sidTableSize(n int) int {
	return 1 << bits.Len(uint(2*n-1))
}

// policy is a document as the checks need it.
type policy struct {
	json       bool   // the document is JSON, whatever its shape
	space      int    // bytes of white space between its tokens
	version    string // "" when absent
	principal  bool   // some statement names a Principal or NotPrincipal
	statements []statement
	sidSlots   []int32 // repeatedSid's table, lent by the policyReader; nil: its own
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
	set   bool     // the element is in the statement
	items int      // its array's items, nulls included; 1 for a string
	strs  []string // its strings, nulls skipped (in the policyReader's memory)
}

// present: the element is there and, as an array, not empty.
func (l *stringList) present() bool { return l.set && l.items > 0 }

// condition is one operator of a Condition block with its values.
type condition struct {
	date   bool     // a Date operator: its values must parse
	values []string // a Date operator's values in string form
}

// A policyReader reads policy documents one after another in the same
// memory. It reads a document value by value (jsontree's Start) into the
// statements the checks need, without its tree: building the tree of a
// 6 KB document and reading that was most of CreatePolicy's time, and
// allocating them anew for each document (some 50 KB) cost the collector
// more again (BenchmarkPairedRatios/op/CreatePolicy). A reader whose
// memory grew past room for readerKeeps statements (or strings, or
// conditions) is not kept, its memory left to the collector, as fmt drops
// its large buffers: a kept one would hold it for good.
type policyReader struct {
	json       jsontree.Parser
	statements []statement
	strs       []string    // the statements' strings
	conds      []condition // their conditions
	sidSlots   []int32     // repeatedSid's table
}

// policyReaders are the policyReaders not in use.
var policyReaders = sync.Pool{New: func() any { return new(policyReader) }}

// readerKeeps is how many statements, strings or conditions a policyReader
// kept for the next document may hold: a 6 KB managed policy has some
// fifty statements and a hundred and fifty strings.
const readerKeeps = 1024

// free gives r back to policyReaders, holding nothing of the document it
// read, unless its memory grew past readerKeeps.
func (r *policyReader) free() {
	if !r.small() {
		return
	}
	r.json = jsontree.Parser{}
	r.statements, r.strs, r.conds = emptied(r.statements), emptied(r.strs), emptied(r.conds)
	policyReaders.Put(r)
}

// small: r's memory has room for no more than readerKeeps statements,
// strings and conditions (append grows it in steps: a reader that read
// somewhat fewer may have room for more).
func (r *policyReader) small() bool {
	return cap(r.statements) <= readerKeeps && cap(r.strs) <= readerKeeps && cap(r.conds) <= readerKeeps
}

// parse reads doc by IAM's grammar; ok is false for any fault IAM reports
// as "Syntax errors in policy.". What it answers is valid until r's next
// parse. Where a member is repeated, the last counts, and each is read
// by the grammar but for an earlier Statement, which needs only be JSON.
func (r *policyReader) parse(doc string) (p policy, ok bool) {
	r.statements = emptied(r.statements)
	r.strs = emptied(r.strs)
	r.conds = emptied(r.conds)
	j := &r.json
	j.Start(doc)
	found, good := false, false // a Statement; the last one follows the grammar
	ok = j.Members(func(name string) bool {
		switch name {
		case "Version":
			v, ok := j.Text()
			p.version = v
			return ok && (v == "2012-10-17" || v == "2008-10-17")
		case "Id":
			_, ok := j.Text()
			return ok
		case "Statement":
			found = true
			at := j.Mark()
			r.statements = emptied(r.statements) // the last Statement counts
			if good = r.readStatements(); good {
				return true
			}
			j.Rewind(at)
			return j.Skip()
		}
		return false
	})
	space, end := j.End()
	if !ok || !end || !found || !good {
		j.Start(doc) // is it JSON at all? (a trust policy's text says)
		valid := j.Skip()
		_, end = j.End()
		p.json = valid && end
		return p, false
	}
	p.json, p.space = true, space
	p.statements = r.statements
	if n := len(p.statements); n > sidsCompared && n <= readerKeeps { // a table the reader keeps stays small
		size := sidTableSize(n)
		if cap(r.sidSlots) < size {
			r.sidSlots = make([]int32, size)
		}
		p.sidSlots = r.sidSlots[:size]
	}
	for i := range p.statements {
		p.principal = p.principal || p.statements[i].principal || p.statements[i].notPrincipal
	}
	return p, true
}

// emptied is s cleared (none of an earlier document's strings kept) and
// empty, its memory kept. Only s's length is cleared: the reader only
// appends to s, but where emptied cuts it.
func emptied[T any](s []T) []T {
	clear(s)
	return s[:0]
}

// readStatements reads a Statement's value: a statement, or a non-empty
// array of them.
func (r *policyReader) readStatements() bool {
	j := &r.json
	switch k, ok := j.Peek(); {
	case ok && k == jsontree.Object:
		return r.readStatement()
	case ok && k == jsontree.Array:
		n := 0
		return j.Elements(func() bool { n++; return r.readStatement() }) && n > 0
	}
	return false
}

// readStatement reads a statement into r.statements.
func (r *policyReader) readStatement() bool {
	j := &r.json
	var s statement
	hasEffect := false
	ok := j.Members(func(name string) bool {
		switch name {
		case "Sid":
			sid, ok := j.Text()
			s.sid = sid
			return ok
		case "Effect":
			e, ok := j.Text()
			s.effect, hasEffect = e, true
			return ok && (strings.EqualFold(e, "Allow") || strings.EqualFold(e, "Deny"))
		case "Action":
			return r.readList(&s.action, false)
		case "NotAction":
			return r.readList(&s.notAction, false)
		case "Resource":
			return r.readList(&s.resource, true)
		case "NotResource":
			return r.readList(&s.notResource, true)
		case "Principal", "NotPrincipal":
			s.principal = s.principal || name == "Principal"
			s.notPrincipal = s.notPrincipal || name == "NotPrincipal"
			return r.readPrincipal(&s.noPrincipals)
		case "Condition":
			var ok bool
			s.conditions, ok = r.readConditions()
			return ok
		}
		return false
	})
	if !ok || !hasEffect || s.action.set && s.notAction.set || s.resource.set && s.notResource.set {
		return false
	}
	r.statements = append(r.statements, s)
	return true
}

// readList reads a string or an array of strings into l; an array of
// resources may hold nulls, which IAM skips.
func (r *policyReader) readList(l *stringList, nullsAllowed bool) bool {
	j := &r.json
	from := len(r.strs)
	*l = stringList{set: true}
	ok := false
	switch k, _ := j.Peek(); k {
	case jsontree.String:
		var v string
		v, ok = j.Text()
		r.strs, l.items = append(r.strs, v), 1
	case jsontree.Array:
		ok = j.Elements(func() bool {
			l.items++
			switch k, ok := j.Peek(); {
			case ok && k == jsontree.String:
				v, ok := j.Text()
				r.strs = append(r.strs, v)
				return ok
			case ok && k == jsontree.Null && nullsAllowed:
				return j.Skip()
			}
			return false
		})
	}
	l.strs = r.strs[from:len(r.strs):len(r.strs)]
	return ok
}

// readPrincipal reads a Principal (or NotPrincipal): a string, or an
// object; none is whether it names no one: an empty object, or one whose
// every value is an empty array.
func (r *policyReader) readPrincipal(none *bool) bool {
	j := &r.json
	switch k, ok := j.Peek(); {
	case ok && k == jsontree.String:
		*none = false
		_, ok := j.Text()
		return ok
	case ok && k == jsontree.Object:
		*none = true
		return j.Members(func(string) bool {
			if k, ok := j.Peek(); ok && k == jsontree.Array {
				n := 0
				ok := j.Elements(func() bool { n++; return j.Skip() })
				*none = *none && n == 0
				return ok
			}
			*none = false
			return j.Skip()
		})
	}
	return false
}

// readConditions reads a Condition block: an object of operators, each an
// object of keys whose values are strings, numbers or booleans, or arrays
// of them. An operator IAM does not know is refused unless its block is
// empty.
func (r *policyReader) readConditions() ([]condition, bool) {
	j := &r.json
	from := len(r.conds)
	ok := j.Members(func(op string) bool {
		name, known := conditionOperator(op)
		c := condition{date: strings.HasPrefix(name, "Date")}
		values := len(r.strs)
		ok := j.Members(func(string) bool {
			if !known {
				return false
			}
			if k, ok := j.Peek(); ok && k == jsontree.Array {
				return j.Elements(func() bool { return r.readConditionValue(&c) })
			}
			return r.readConditionValue(&c)
		})
		c.values = r.strs[values:len(r.strs):len(r.strs)]
		r.conds = append(r.conds, c)
		return ok
	})
	return r.conds[from:len(r.conds):len(r.conds)], ok
}

// readConditionValue reads a condition key's value, a scalar, keeping it
// in string form for a Date operator.
func (r *policyReader) readConditionValue(c *condition) bool {
	_, text, ok := r.json.Scalar()
	if ok && c.date {
		r.strs = append(r.strs, text)
	}
	return ok
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

// arnColons are where a resource's first five colons are, read in one
// pass: a 6 KB document holds some fifty resources, and cutting each
// field with strings.Cut was a third of the checks' time
// (BenchmarkPairedRatios/op/CreatePolicy).
type arnColons struct {
	at     [5]int // the offsets of the first n colons
	n      int    // how many of them there are, at most 5
	double bool   // r holds "::" within them
}

// colonsOf looks at 8 bytes at a time, every colon among them flagged
// (words.Equal, exact in every byte: TestColonsOf). Byte by byte it was
// 0.55 µs of a 6 KB document's checks; BenchmarkPolicyDocument/check went
// from 3.19-3.34 µs to 3.04-3.14 (2 runs of each build, interleaved).
func colonsOf(r string) (c arnColons) {
	i := 0
	for ; i+8 <= len(r); i += 8 {
		for m := words.Equal(words.Load(r, i), ':'); m != 0; m &= m - 1 {
			at := i + bits.TrailingZeros64(m)/8
			c.double = c.double || at > 0 && r[at-1] == ':'
			c.at[c.n] = at
			if c.n++; c.n == len(c.at) {
				return c
			}
		}
	}
	for ; i < len(r) && c.n < len(c.at); i++ {
		if r[i] == ':' {
			c.double = c.double || i > 0 && r[i-1] == ':'
			c.at[c.n] = i
			c.n++
		}
	}
	return c
}

// field is r's field i (0: before the first colon), "" when it has none.
func (c *arnColons) field(r string, i int) string {
	if i > c.n {
		return ""
	}
	start, end := 0, len(r)
	if i > 0 {
		start = c.at[i-1] + 1
	}
	if i < c.n {
		end = c.at[i]
	}
	return r[start:end]
}

// legacyResource: the legacy parser reads r. It refuses an ARN with an
// empty service, and one with "::" but fewer than six fields.
func legacyResource(r string, c *arnColons) bool {
	if r == "*" {
		return true
	}
	if c.double && c.n < 5 {
		return false
	}
	if c.n < 2 {
		return true
	}
	rest := r[c.at[1]+1:]
	return !strings.HasPrefix(rest, ":") && rest != ""
}

// resourceFormatError is IAM's text for a resource that is not an ARN of
// the aws partition as IAM reads one, or "".
func resourceFormatError(r string, c *arnColons) string {
	if r == "*" {
		return ""
	}
	if c.n == 0 {
		return "Resource " + r + ` must be in ARN format or "*".`
	}
	partition := c.field(r, 1)
	if partition != "aws" {
		parts := []string(nil)
		if c.n >= 2 {
			parts = strings.Split(r[c.at[1]+1:], ":")
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
	if c.n < 2 {
		return msgPolicyVendorRegexp
	}
	service, region := c.field(r, 2), c.field(r, 3)
	path := ""
	if c.n >= 5 {
		path = r[c.at[4]+1:]
	}
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
	case strings.IndexByte(rest, ':') >= 0:
		return msgPolicyOneColon
	}
	glob, bad := false, false // one pass: a 6 KB document holds some hundred actions
	for i := 0; i < len(vendor); i++ {
		switch c := vendor[i]; {
		case c == '*' || c == '?':
			glob = true
		case !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'):
			bad = true
		}
	}
	switch {
	case glob:
		return msgPolicyVendorGlob
	case bad:
		return "Vendor " + vendor + " is not valid"
	}
	return ""
}
