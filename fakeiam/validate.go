package fakeiam

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam/internal/iammodel"
)

// IAM's parameter constraints come from IAM's service model
// (internal/iammodel, generated): one validator walks an operation's
// members in the model's order and writes IAM's standard texts
// (docs/contract.md "Parameters"). The Go SDK checks only "required"; every
// other constraint reaches IAM and comes back as ValidationError. Every
// registered operation is validated here before its handler runs, so an
// operation's handler holds no validation, and adding one adds none.

// maxItemsDefault is the page size of a List without MaxItems.
const maxItemsDefault = 100

// IAM's own texts for some pattern failures, after "The specified value for
// <member>" (docs/contract.md "Parameters"), keyed by the member's name in
// messages, in every operation. IAM's recorded texts name userName and
// path; for newUserName, newPath and pathPrefix the text names the member
// itself (choice). pathPrefix keeps "and end with /" although its pattern
// does not require it: the text is IAM's, not derived from the pattern.
const (
	customUserName = " is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-"
	customPath     = " is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters."
)

var customTexts = map[string]string{
	"userName":    customUserName,
	"newUserName": customUserName,
	"path":        customPath,
	"newPath":     customPath,
	"pathPrefix":  customPath,
	// Groups: the user-name text with the member's name (reported for
	// groupName; newGroupName: choice).
	"groupName":    customUserName,
	"newGroupName": customUserName,
	// Server certificates: the same text (choice).
	"serverCertificateName":    customUserName,
	"newServerCertificateName": customUserName,
}

// violations collects constraint failures in IAM's wording, in member
// order (the model's order). The zero value is ready and allocates nothing
// while every check passes.
//
// Two kinds of failure, and how they combine (choice: docs/contract.md leaves it
// open). Standard failures (lengths, ranges, enums, missing members, model
// patterns without a text of their own) are listed together in "N
// validation error(s) detected: A; B". A pattern failure with IAM's own
// text (userName, path and their kin) is a whole message by itself, and is
// reported only when there is no standard failure: then the first one in
// member order is the message and any later ones are dropped. This fits IAM
// checking the model's constraints before the operation's own checks,
// which have the custom texts.
type violations struct {
	msgs    []string // standard failures
	custom  string   // the first custom-text failure, or ""
	decoded []byte   // what a member's shortcut decoded, or nil
}

func (v *violations) add(member, constraint string) {
	v.msgs = append(v.msgs, "Value at '"+member+"' failed to satisfy constraint: "+constraint)
}

// missing reports a required member the request left out, in IAM's words.
func (v *violations) missing(member string) {
	v.msgs = append(v.msgs, "Value null at '"+member+"' failed to satisfy constraint: Member must not be null")
}

func (v *violations) addCustom(msg string) {
	if v.custom == "" {
		v.custom = msg
	}
}

// err is nil when every check passed, else IAM's ValidationError: the
// standard failures if any, else the first custom-text one (see violations).
func (v *violations) err() *Error {
	switch len(v.msgs) {
	case 0:
		if v.custom != "" {
			return errValidation(v.custom)
		}
		return nil
	case 1:
		return errValidation("1 validation error detected: " + v.msgs[0])
	}
	return errValidation(strconv.Itoa(len(v.msgs)) + " validation errors detected: " + strings.Join(v.msgs, "; "))
}

// ok reports whether every check passed.
func (v *violations) ok() bool { return len(v.msgs) == 0 && v.custom == "" }

// strRule is a string member's constraints: a length range in UTF-16 code
// units (as IAM, in Java, counts) and a pattern.
type strRule struct {
	minLen, maxLen int
	pattern        *iammodel.Pattern // nil: any value (or a pattern Go cannot run)
	custom         string            // IAM's own text for a pattern failure, or ""
	shortcut       *shortcut         // a top-level member's, or nil
}

// A shortcut recognizes a common form of a member's values and decodes it,
// for the handler, in place of the character scan: a value it recognizes
// holds only bytes of alphabet, which bindMember checks are all in the
// member's class, so only the length is left to check (one code unit a
// byte: the alphabet is ASCII). The scan and the handler's own decoding
// would read a certificate body twice, the scan costing up to ~0.8 µs of
// an upload (BenchmarkCheck/UploadSigningCertificate). The handler finds
// what decode returned in its attempt (attempt.decoded); an operation has
// at most one member with a shortcut. Shortcuts are keyed by the member's
// name in messages, in every operation, like customTexts.
type shortcut struct {
	alphabet string
	decode   func(string) (decoded []byte, ok bool)
}

var shortcuts = map[string]*shortcut{
	"certificateBody": &plainPEMShortcut, // certs.go
}

// str checks a string value: length and then pattern. An empty value fails
// the length check only when it fails it: the pattern adds nothing there
// (choice, see README). Invalid UTF-8 counts as one code unit per bad byte,
// and no pattern allows it.
func (v *violations) str(member, s string, r *strRule) {
	if r.shortcut != nil {
		if decoded, ok := r.shortcut.decode(s); ok {
			v.decoded = decoded
			v.report(member, s, len(s), true, r) // in the class, and ASCII: see shortcut
			return
		}
	}
	p := r.pattern
	if p == nil || p.Class == nil {
		// No class to scan with: count the code units alone.
		n := len(s)
		if i := iammodel.ASCIIPrefix(s); i < len(s) {
			n = i
			for _, c := range s[i:] {
				n += utf16.RuneLen(c)
			}
		}
		v.report(member, s, n, p == nil || p.MatchString(s), r)
		return
	}
	// The allowed ASCII prefix, usually the whole value (one code unit
	// each, eight bytes at a time where the class allows every printable
	// character); the rest rune by rune.
	i := p.Class.ASCIIPrefix(s)
	n, inClass := i, true
	for j, c := range s[i:] {
		n += utf16.RuneLen(c)
		if inClass && !p.Class.Contains(c) || (c == utf8.RuneError && isBadByte(s[i+j:])) {
			inClass = false
		}
	}
	v.report(member, s, n, inClass && (n > 0 || !p.Plus), r)
}

func isBadByte(s string) bool {
	_, size := utf8.DecodeRuneInString(s)
	return size == 1
}

// report adds what s, of n UTF-16 code units, fails of r; matches says
// whether s matches r's pattern.
func (v *violations) report(member, s string, n int, matches bool, r *strRule) {
	switch {
	case n < r.minLen:
		v.add(member, "Member must have length greater than or equal to "+strconv.Itoa(r.minLen))
		if n == 0 {
			return
		}
	case n > r.maxLen:
		v.add(member, "Member must have length less than or equal to "+strconv.Itoa(r.maxLen))
	}
	if matches {
		return
	}
	if r.custom != "" {
		v.addCustom("The specified value for " + member + r.custom)
		return
	}
	v.add(member, "Member must satisfy regular expression pattern: "+r.pattern.Text)
}

// A memberCheck is one model member bound to its field of the SDK's Go
// type, compiled once: what the walk does per call is read the field and
// compare.
type memberCheck struct {
	member   string // its name in messages: "userName", "member" for a list's element
	kind     checkKind
	required bool
	str      *strRule      // kindString
	min, max int64         // kindInt: the value; kindList: the length
	enum     []string      // kindEnum
	elem     *memberCheck  // kindList: each element (index unused)
	members  []memberCheck // kindStruct
	ptr      bool          // the field is a pointer (*string, *int32, *T)
	index    int           // the field's index in its struct
	isMap    bool          // kindList: a map
	// elemRule is, for a list of strings, IAM's one phrase for any failing
	// element: "Member must satisfy constraint: [<every constraint of the
	// element>]", at the list's own name.
	elemRule string
}

type checkKind uint8

const (
	kindOther  checkKind = iota // present or not: booleans, timestamps
	kindString                  // string or *string
	kindEnum                    // a named string type
	kindInt                     // *int32, *int64, int32
	kindList                    // a slice, a map or a blob: a length, and elements
	kindStruct                  // *T or T
)

// plan is an operation's compiled check: its input's members in model order.
type plan struct {
	typ     reflect.Type // *XxxInput
	members []memberCheck
}

// newPlan binds op's model members to the SDK's input type in.
func newPlan(model *iammodel.Service, op string, in reflect.Type) (*plan, error) {
	m := model.Operation(op)
	if m == nil {
		return nil, fmt.Errorf("operation %s is not in %s's model", op, strings.ToUpper(model.Name))
	}
	ms, err := bindMembers(m.Input, in, true)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", op, err)
	}
	n := 0
	for i := range ms {
		if ms[i].str != nil && ms[i].str.shortcut != nil {
			n++
		}
	}
	if n > 1 {
		return nil, fmt.Errorf("%s: %d members with a shortcut, where the attempt has room for one", op, n)
	}
	return &plan{typ: reflect.PointerTo(in), members: ms}, nil
}

// patterns are the model's patterns, compiled once per text (at init, as
// operations register).
var patterns struct {
	sync.Mutex
	m map[string]*iammodel.Pattern
}

// patternOverlays stand in for model patterns Go's regexp cannot run (Java's
// lookahead, as in AccountAlias's `-(?!-)`): the model's text → a pattern of
// the same meaning that Compile accepts. IAM's messages still print the
// model's text. Without an overlay, such a pattern is refused where an
// operation registers (register panics at init), never silently left
// unchecked; TestPatternsGoCannotCompile (internal/iammodel) lists them.
// accountAliasPattern is the model's pattern of AccountAlias.
const accountAliasPattern = `^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$`

var patternOverlays = map[string]string{
	// AccountAlias: 3 to 63 characters of a-z, 0-9 and '-', beginning and
	// ending with a letter or digit, no "--". The model's middle part,
	// ([a-z0-9]|-(?!-)){1,61}, is a hyphen never followed by a hyphen;
	// here the same strings are a first letter or digit, then a pair (two
	// characters, or "x-y") so that at least three characters are matched,
	// then up to 60 units of a letter or digit or "-" and one. The strings
	// of 3 to 63 characters it matches are exactly the model's; a string
	// over 63 characters with hyphens can match it where the model's cannot
	// (the length constraint, checked beside it, still refuses it; IAM's
	// message would list the pattern too). TestAccountAliasOverlay checks
	// the equivalence.
	accountAliasPattern: `^[a-z0-9](?:[a-z0-9]{2}|-[a-z0-9]|[a-z0-9]-[a-z0-9])(?:[a-z0-9]|-[a-z0-9]){0,60}$`,
}

// compiled is the model pattern text compiled (through its overlay, if
// any); nil for no pattern.
func compiled(text string) (*iammodel.Pattern, error) {
	if text == "" {
		return nil, nil
	}
	patterns.Lock()
	defer patterns.Unlock()
	if patterns.m == nil {
		patterns.m = map[string]*iammodel.Pattern{}
	}
	if p, ok := patterns.m[text]; ok {
		return p, nil
	}
	src, overlaid := patternOverlays[text]
	if !overlaid {
		src = text
	}
	p, err := iammodel.Compile(src)
	if err != nil {
		return nil, fmt.Errorf("%v: Go's regexp cannot run the model's pattern; give it an overlay (patternOverlays) before implementing the operation", err)
	}
	p.Text = text // as IAM prints it
	patterns.m[text] = p
	return p, nil
}

func bindMembers(ms []iammodel.Member, t reflect.Type, top bool) ([]memberCheck, error) {
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("%s is not a struct", t.String())
	}
	out := make([]memberCheck, 0, len(ms))
	for i := range ms {
		m := &ms[i]
		f, ok := t.FieldByName(m.Name)
		if !ok && m.Name != "" { // a member the model names in lower case (STS's PolicyDescriptorType.arn): the SDK's field is exported
			f, ok = t.FieldByName(strings.ToUpper(m.Name[:1]) + m.Name[1:])
		}
		if !ok || len(f.Index) != 1 {
			return nil, fmt.Errorf("%s has no field %s", t.String(), m.Name)
		}
		c, err := bindMember(m, f.Type, top)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", m.Name, err)
		}
		c.index = f.Index[0]
		out = append(out, c)
	}
	return out, nil
}

func bindMember(m *iammodel.Member, t reflect.Type, top bool) (memberCheck, error) {
	c := memberCheck{member: m.Message, required: m.Required}
	if t.Kind() == reflect.Pointer {
		c.ptr, t = true, t.Elem()
	}
	c.min, c.max = math.MinInt64, math.MaxInt64
	if m.HasMin {
		c.min = m.Min
	}
	if m.HasMax {
		c.max = m.Max
	}
	switch m.Type {
	case iammodel.String:
		if t.Kind() != reflect.String {
			return c, fmt.Errorf("a string held in %s", t.String())
		}
		if m.Enum != nil {
			c.kind, c.enum = kindEnum, m.Enum
			break
		}
		c.kind = kindString
		pattern, err := compiled(m.Pattern)
		if err != nil {
			return c, err
		}
		c.str = &strRule{minLen: 0, maxLen: math.MaxInt, pattern: pattern}
		if m.HasMin {
			c.str.minLen = int(m.Min)
		}
		if m.HasMax {
			c.str.maxLen = int(m.Max)
		}
		if top {
			c.str.custom = customTexts[m.Message]
		}
		if sc := shortcuts[m.Message]; top && sc != nil {
			p := c.str.pattern
			for _, b := range []byte(sc.alphabet) {
				if p == nil || p.Class == nil || b >= utf8.RuneSelf || !p.Class.ASCII[b] {
					return c, fmt.Errorf("the shortcut's alphabet holds %q, which is not in the class of %s", b, m.Pattern)
				}
			}
			c.str.shortcut = sc
		}
	case iammodel.Integer, iammodel.Long:
		switch t.Kind() {
		case reflect.Int32, reflect.Int64:
		default:
			return c, fmt.Errorf("an integer held in %s", t.String())
		}
		c.kind = kindInt
	case iammodel.List, iammodel.Map, iammodel.Blob:
		if t.Kind() != reflect.Slice && t.Kind() != reflect.Map {
			return c, fmt.Errorf("a %s held in %s", m.Type.String(), t.String())
		}
		c.kind, c.isMap = kindList, t.Kind() == reflect.Map
		if m.Type == iammodel.List && m.Elem != nil && m.Elem.Constrained() {
			e, err := bindMember(m.Elem, t.Elem(), false)
			if err != nil {
				return c, err
			}
			c.elem = &e
			if e.kind == kindString {
				c.elemRule = elementRule(m.Elem)
			}
		}
	case iammodel.Structure:
		if t.Kind() != reflect.Struct {
			return c, fmt.Errorf("a structure held in %s", t.String())
		}
		ms, err := bindMembers(m.Members, t, false)
		if err != nil {
			return c, err
		}
		c.kind, c.members = kindStruct, ms
	default:
		c.kind = kindOther
	}
	return c, nil
}

// elementRule is the phrase IAM reports for a list of strings with an
// element that fails e: the element's constraints, maximum length first,
// as recorded for UntagRole's tagKeys. "Member must not be null" follows
// a pattern only: recorded with tagKeys' pattern, and absent from the
// lengths of CreateOpenIDConnectProvider's clientIDList and
// thumbprintList, whose elements have none.
func elementRule(e *iammodel.Member) string {
	var parts []string
	if e.HasMax {
		parts = append(parts, "Member must have length less than or equal to "+strconv.FormatInt(e.Max, 10))
	}
	if e.HasMin {
		parts = append(parts, "Member must have length greater than or equal to "+strconv.FormatInt(e.Min, 10))
	}
	if e.Pattern != "" {
		parts = append(parts, "Member must satisfy regular expression pattern: "+e.Pattern, "Member must not be null")
	}
	return "Member must satisfy constraint: [" + strings.Join(parts, ", ") + "]"
}

// check validates in, a pointer to the plan's SDK input.
func (p *plan) check(in any) *Error {
	_, err := p.validate(in)
	return err
}

// validate validates in, a pointer to the plan's SDK input, and returns
// what a member's shortcut decoded on the way (see shortcut), or nil.
func (p *plan) validate(in any) (decoded []byte, err *Error) {
	s, err := p.base(in)
	if err != nil {
		return nil, err
	}
	var v violations
	v.structure(s, "", p.members)
	if err := v.err(); err != nil {
		return nil, err
	}
	return v.decoded, nil
}

// base is the struct in points to, after checking that it is the plan's
// type: the walk reads its fields by the indexes it bound.
func (p *plan) base(in any) (reflect.Value, *Error) {
	rv := reflect.ValueOf(in)
	if !rv.IsValid() || rv.Type() != p.typ || rv.IsNil() {
		return reflect.Value{}, &Error{Code: "InternalFailure", Status: 500, Message: "fakeiam: validating " + reflect.TypeOf(in).String() + " as " + p.typ.String()}
	}
	return rv.Elem(), nil
}

// at is c's value in the struct s, or the zero Value when a nil pointer
// holds none.
func (c *memberCheck) at(s reflect.Value) reflect.Value {
	return c.deref(s.Field(c.index))
}

// deref is the value f holds: f itself, or what it points to when c's
// values are held by pointer (the zero Value for a nil one).
func (c *memberCheck) deref(f reflect.Value) reflect.Value {
	if !c.ptr {
		return f
	}
	if f.IsNil() {
		return reflect.Value{}
	}
	return f.Elem()
}

// absent reports whether the value x (from at) is missing, as the SDKs
// judge a required member: a nil pointer, slice or map, an empty enum.
func (c *memberCheck) absent(x reflect.Value) bool {
	switch {
	case !x.IsValid():
		return true
	case c.ptr:
		return false
	case c.kind == kindList:
		return x.IsNil()
	case c.kind == kindString || c.kind == kindEnum:
		return x.Len() == 0
	}
	return false
}

// structure checks the members of the struct s; prefix is its path in
// messages, "" for the input itself, else ending in ".".
func (v *violations) structure(s reflect.Value, prefix string, ms []memberCheck) {
	for i := range ms {
		c := &ms[i]
		x := c.at(s)
		if c.absent(x) {
			if c.required {
				v.missing(prefix + c.member)
			}
			continue
		}
		name := c.member
		if prefix != "" {
			name = prefix + c.member
		}
		v.value(x, name, c)
	}
}

// value checks the value x of c, named name in messages.
func (v *violations) value(x reflect.Value, name string, c *memberCheck) {
	switch c.kind {
	case kindString:
		v.str(name, x.String(), c.str)
	case kindEnum:
		s := x.String()
		for _, e := range c.enum {
			if s == e {
				return
			}
		}
		v.add(name, "Member must satisfy enum value set")
	case kindInt:
		switch n := x.Int(); {
		case n < c.min:
			v.add(name, "Member must have value greater than or equal to "+strconv.FormatInt(c.min, 10))
		case n > c.max:
			v.add(name, "Member must have value less than or equal to "+strconv.FormatInt(c.max, 10))
		}
	case kindList:
		switch n := int64(x.Len()); {
		case n < c.min:
			v.add(name, "Member must have length greater than or equal to "+strconv.FormatInt(c.min, 10))
		case n > c.max:
			v.add(name, "Member must have length less than or equal to "+strconv.FormatInt(c.max, 10))
		}
		if c.elem == nil || c.isMap {
			return
		}
		for i := range x.Len() {
			e := c.elem.deref(x.Index(i))
			if !e.IsValid() {
				continue
			}
			// A first pass without the element's name, which a valid
			// element (most) never needs built; a second with it, in
			// place of the first's texts, for one that is not.
			n, custom := len(v.msgs), v.custom
			v.element(e, "", c.elem)
			if len(v.msgs) != n || v.custom != custom {
				v.msgs, v.custom = v.msgs[:n], custom
				if c.elemRule != "" { // one phrase for the list, whichever elements fail
					v.add(name, c.elemRule)
					return
				}
				v.element(e, name+"."+strconv.Itoa(i+1)+"."+c.elem.member, c.elem)
			}
		}
	case kindStruct:
		v.structure(x, name+".", c.members)
	}
}

// element checks a list's element e, named name in messages.
func (v *violations) element(e reflect.Value, name string, c *memberCheck) {
	if c.kind == kindStruct {
		prefix := ""
		if name != "" {
			prefix = name + "."
		}
		v.structure(e, prefix, c.members)
		return
	}
	v.value(e, name, c)
}

// missingRequired reports the required members a decoded request left
// out, as the SDKs' own checks would before sending (the HTTP door's
// check): the input's own members first; only when none is missing, the
// members of the structures and lists it holds.
func (p *plan) missingRequired(in any) *Error {
	s, err := p.base(in)
	if err != nil {
		return err
	}
	var v violations
	for i := range p.members {
		if c := &p.members[i]; c.required && c.absent(c.at(s)) {
			v.missing(c.member)
		}
	}
	if len(v.msgs) == 0 {
		v.nestedMissing(s, "", p.members)
	}
	return v.err()
}

// nestedMissing reports required members missing within the structures
// and lists of the struct s.
func (v *violations) nestedMissing(s reflect.Value, prefix string, ms []memberCheck) {
	for i := range ms {
		c := &ms[i]
		x := c.at(s)
		if c.absent(x) {
			continue
		}
		switch {
		case c.kind == kindStruct:
			v.someMissing(x, prefix+c.member+".", c.members)
		case c.kind == kindList && !c.isMap && c.elem != nil && c.elem.kind == kindStruct:
			for j := range x.Len() {
				if e := c.elem.deref(x.Index(j)); e.IsValid() {
					v.someMissing(e, prefix+c.member+"."+strconv.Itoa(j+1)+".member.", c.elem.members)
				}
			}
		}
	}
}

func (v *violations) someMissing(s reflect.Value, prefix string, ms []memberCheck) {
	for i := range ms {
		if c := &ms[i]; c.required && c.absent(c.at(s)) {
			v.missing(prefix + c.member)
		}
	}
	v.nestedMissing(s, prefix, ms)
}

// What seeding checks, by the same rules as the operations that take it.

// validUserName reports whether IAM accepts name as an existing user's name.
func validUserName(name string) bool { return validMember(GetUser, "userName", name) }

// validCertificateID reports whether IAM accepts id as a certificate id.
func validCertificateID(id string) bool {
	return validMember(UpdateSigningCertificate, "certificateId", id)
}

// validAccessKeyID reports whether IAM accepts id as an access key id.
func validAccessKeyID(id string) bool { return validMember(UpdateAccessKey, "accessKeyId", id) }

// validCertificateBody reports whether IAM accepts body as a certificate body.
func validCertificateBody(body string) bool {
	return validMember(UploadSigningCertificate, "certificateBody", body)
}

// checkUserSeed checks a seeded user's path and tags as CreateUser would.
func checkUserSeed(path *string, tags []types.Tag) *Error {
	name := "seed"
	return lookupOperation(CreateUser).check.check(&iam.CreateUserInput{Path: path, UserName: &name, Tags: tags})
}

func validMember(op Operation, member, s string) bool {
	for i := range lookupOperation(op).check.members {
		if c := &lookupOperation(op).check.members[i]; c.member == member && c.kind == kindString {
			var v violations
			v.str(member, s, c.str)
			return v.ok()
		}
	}
	panic("fakeiam: " + string(op) + " has no string member " + member)
}

// lowerCamel is a member's name as IAM's messages write it: "UserName" is
// "userName" (the model's table has it for inputs; the control API's JSON
// uses it for every SDK field).
func lowerCamel(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
