package fakeiam

import (
	"reflect"
	"slices"
	"sync"
	"time"
	"unsafe"
)

// The operation table. Every IAM operation the fake implements is declared
// once, in its resource's file (signing_certificates.go, ...), by a call to
// register from that file's init: its name, its handler (validation and
// operation, with the SDK's typed input and output), and what it pages.
// Everything that enumerates or dispatches operations reads this table: the
// Operations list, the core's dispatch, the call log's copies, fault
// targeting, ShortPage, Sweep, and both doors. Adding an operation is its
// handler, one register call, and the state it needs.

// Operation names an IAM API operation, as in the call log and fault rules.
// The constants are declared beside each operation's handler.
type Operation string

// operation is one row of the table.
type operation struct {
	name    Operation
	service *service // IAM, or STS (services.go)
	// input is the SDK's input type, the iam package's XxxInput
	// (the HTTP door decodes requests into a new one).
	input reflect.Type
	// handle validates the typed input and runs the operation for the
	// attempt. It returns what builds the answer (see result), or IAM's
	// error.
	handle func(f *Fake, a *attempt, in any) (builder, *Error)
	// resource is what AccessDenied names for an attempt with this input:
	// "user Bob" by default (the input's UserName, else the caller).
	resource func(f *Fake, a *attempt, in any) string
	// open: any principal may call it, whatever its policies
	// (enforcement.go); authorizes: its handler authorizes it;
	// anonymous: it is not authenticated (opSpec).
	open, authorizes, anonymous bool
	// action is the action IAM authorizes for it: "iam:GetUser".
	action string
	// pages reports whether the operation takes MaxItems and Marker, so that
	// ShortPage means something for it.
	pages bool
	// check is IAM's model constraints on the input (validate.go), checked
	// before the handler runs; the HTTP door checks its required members.
	check *plan
	// redact, when set, blanks what the call log must not keep of an
	// input (a password) in the log's own copy of it.
	redact func(in any)
}

// attempt is what a handler knows about the attempt it answers besides the
// input: who signed it and what faults changed about it.
type attempt struct {
	// caller is who signed; handlers read it under Fake.mu only. who and
	// name are what it was when the attempt was authenticated, for texts
	// read without the lock (the call log, AccessDenied).
	caller  *principal
	session *session // the temporary credentials it signed with; nil for long-term keys (sessions.go)
	req     *request // the request, for a handler that authorizes (opSpec.Authorizes)
	// authz is the decision of a handler that authorizes, for the call
	// log; mfa: the request carried a valid MFA code (AssumeRole).
	authz     *Authorization
	mfa       bool
	who       Caller
	name      string // the UserName the caller's own resources carry
	shortPage int    // when > 0, at most this many items per page
	// decoded is what validation's shortcut made of a member's value
	// (validate.go: shortcut), for the handler to use rather than decode
	// the value again; nil when no shortcut recognized one.
	decoded []byte
	// at is when the request was received, the real time read once
	// (checkSignature); zero for an anonymous one, and once a Latency
	// fault has delayed it. The fake's time for the attempt is at, unless
	// a clock was given or at is zero (Fake.nowFor).
	at time.Time
}

// A result is an operation's answer: its answer makes a fresh SDK output
// (an *Out) every time it is asked, from the values the handler kept when it
// ran, never from the model, which later calls change. The caller gets one
// output, and the call log keeps the answer and asks it for another whenever
// it is read: that is how the log's outputs stay as they were without
// copying every answer. bytes is what the kept values hold (keptBytes),
// which the log counts against its budget.
type result[Out any] struct {
	answer answerer
	bytes  int
}

// An answerer builds a fresh output each time it is asked.
type answerer interface{ build() any }

// kept is answerWith's answerer: the kept values and the function that
// builds an output from them, in one allocation.
type kept[V, Out any] struct {
	values V
	make   func(V) *Out
}

func (k *kept[V, Out]) build() any { return k.make(k.values) }

// answerWith is the result that build makes from values: build is given
// everything the answer needs in values (a value, or a struct of values
// taken under the lock), so what the log keeps is measured, not guessed.
func answerWith[V, Out any](values V, build func(V) *Out) result[Out] {
	k := &kept[V, Out]{values, build}
	return result[Out]{answer: k, bytes: keptBytes(&k.values)}
}

// noMembers is answerEmpty's answerer: it holds nothing, so it costs no
// allocation.
type noMembers[Out any] struct{}

func (noMembers[Out]) build() any { return new(Out) }

// answerEmpty is the result of an operation whose output has no members.
func answerEmpty[Out any]() result[Out] { return result[Out]{answer: noMembers[Out]{}} }

// builder is a result without its type, as the core keeps it.
type builder struct {
	answer answerer
	bytes  int
}

// keptBytes is the memory *v holds as the call log counts it: v itself,
// the bytes of its strings, the arrays of its slices (by capacity) and what
// their elements hold in turn. A pointer counts as itself: answers point
// only at records the model never changes (a certificate), which are the
// model's, and whose bytes were counted where they arrived (an upload's
// input).
func keptBytes[V any](v *V) int {
	t := reflect.TypeFor[V]()
	n := int(t.Size())
	if h, ok := any(v).(interface{ heldBytes() int }); ok {
		n += h.heldBytes() // a large answer's count, as heldSizer's, without a call a field (simulatedPage)
	} else if held := heldSizer(t); held != nil {
		n += held(unsafe.Pointer(v))
	}
	if checkSizes != nil {
		checkSizes(t, v, n)
	}
	if s, ok := any(v).(interface{ allocSlack() int }); ok {
		n += s.allocSlack() // a string it built: see entityPage
	}
	return n
}

// checkSizes, set by the package's tests, sees every count keptBytes
// makes: they compare it with a reflective count of the same value.
var checkSizes func(t reflect.Type, v any, n int)

// A sizer returns what the value at p holds outside itself; nil for a type
// whose values hold nothing there that keptBytes counts. It reads the
// value through its type's layout, worked out once (the offsets of its
// fields, the size of its elements), not through a reflect.Value a field:
// 138 ns against 357 for a page of three virtual MFA devices (a scratch
// benchmark, 2026-12-05), some 0.007 of a read's ratio to its floor. The
// package's tests compare every count it makes with a reflective one
// (sizes_internal_test.go).
type sizer func(p unsafe.Pointer) int

// sizers caches a sizer per type (reflect.Type → sizer).
var sizers sync.Map

func heldSizer(t reflect.Type) sizer {
	if s, ok := sizers.Load(t); ok {
		return s.(sizer)
	}
	s := newSizer(t, map[reflect.Type]bool{})
	sizers.Store(t, s)
	return s
}

// sliceHeader is a slice's layout, whatever its element type.
type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

// newSizer builds t's sizer; a type met again inside itself counts as
// nothing more (never the case for the values answers keep).
func newSizer(t reflect.Type, building map[reflect.Type]bool) sizer {
	if building[t] {
		return nil
	}
	building[t] = true
	defer delete(building, t)
	switch t.Kind() {
	case reflect.String:
		return func(p unsafe.Pointer) int { return len(*(*string)(p)) }
	case reflect.Slice:
		size, elem := t.Elem().Size(), newSizer(t.Elem(), building)
		return func(p unsafe.Pointer) int {
			s := (*sliceHeader)(p)
			n := s.cap * int(size)
			if elem != nil {
				for i := range s.len {
					n += elem(unsafe.Add(s.data, uintptr(i)*size))
				}
			}
			return n
		}
	case reflect.Array:
		size, count, elem := t.Elem().Size(), t.Len(), newSizer(t.Elem(), building)
		if elem == nil {
			return nil
		}
		return func(p unsafe.Pointer) int {
			n := 0
			for i := range count {
				n += elem(unsafe.Add(p, uintptr(i)*size))
			}
			return n
		}
	case reflect.Struct:
		type field struct {
			offset uintptr
			held   sizer
		}
		var fields []field
		for i := range t.NumField() {
			if held := newSizer(t.Field(i).Type, building); held != nil {
				fields = append(fields, field{t.Field(i).Offset, held})
			}
		}
		switch len(fields) {
		case 0:
			return nil
		case 1: // a struct around one field that holds (a page's list)
			f := fields[0]
			return func(p unsafe.Pointer) int { return f.held(unsafe.Add(p, f.offset)) }
		}
		return func(p unsafe.Pointer) int {
			n := 0
			for _, f := range fields {
				n += f.held(unsafe.Add(p, f.offset))
			}
			return n
		}
	}
	return nil
}

// named is an AccessDenied resource read from an operation's input: the
// prefix, then the value of the member (a *string) it names.
type named struct{ member, prefix string }

// opSpec declares an operation with the SDK's own input and output types.
type opSpec[In, Out any] struct {
	Name   Operation
	Handle func(f *Fake, a *attempt, in *In) (result[Out], *Error)
	// Resource, when set, replaces the default AccessDenied resource
	// ("user <UserName>", the caller's name without one).
	Resource func(f *Fake, a *attempt, in *In) string
	// Named, when set (and Resource is not), is an AccessDenied resource
	// read from the input: its prefix and the member it names, as
	// named{"RoleName", "role "} makes "role <RoleName>".
	Named named
	// Service is the service the operation belongs to; nil: IAM.
	Service *service
	// Redact, when set, blanks in the call log's copy of an input what the
	// log must never keep (passwords).
	Redact func(in *In)
	// NoPermission: calling it needs no permission, so enforcement never
	// refuses it (enforcement.go).
	NoPermission bool
	// Anonymous: the request is not signed, and needs no permission
	// (AssumeRoleWithWebIdentity: its token is the credential); the
	// attempt has no caller.
	Anonymous bool
	// Authorizes: the handler authorizes the call itself, after
	// validation, with enforcement's decide and a resource-based policy
	// of its own (AssumeRole: the role's trust policy), and records the
	// decision in the attempt (attempt.authz).
	Authorizes bool
}

var (
	operations     = map[Operation]*operation{} // written only by init functions
	operationNames []Operation                  // sorted
)

// register adds an operation to the table. It is called only from init
// functions, so the table is complete and read-only before any Fake exists.
func register[In, Out any](s opSpec[In, Out]) {
	in := reflect.TypeFor[In]()
	svc := s.Service
	if svc == nil {
		svc = serviceIAM
	}
	check, err := newPlan(svc.model, string(s.Name), in)
	if err != nil {
		panic("fakeiam: " + err.Error())
	}
	op := &operation{
		name:    s.Name,
		service: svc,
		input:   in,
		check:   check,
		handle: func(f *Fake, a *attempt, v any) (builder, *Error) {
			typed, ok := v.(*In)
			if !ok || typed == nil {
				return builder{}, &Error{Code: "InternalFailure", Status: 500, Message: "fakeiam: " + string(s.Name) + " got input " + reflect.TypeOf(v).String()}
			}
			decoded, err := check.validate(typed) // before any other refusal
			if err != nil {
				return builder{}, err
			}
			a.decoded = decoded
			r, err := s.Handle(f, a, typed)
			if err != nil {
				return builder{}, err
			}
			return builder(r), nil
		},
		pages:      hasField(in, "Marker") && hasField(in, "MaxItems"),
		open:       s.NoPermission || s.Anonymous,
		anonymous:  s.Anonymous,
		authorizes: s.Authorizes,
		action:     svc.name + ":" + string(s.Name),
	}
	if s.Redact != nil {
		op.redact = func(v any) {
			if typed, ok := v.(*In); ok && typed != nil {
				s.Redact(typed)
			}
		}
	}
	byName, byCaller := s.Named, false
	if byName.member == "" { // the default: the user named, else the caller
		byName, byCaller = named{"UserName", "user "}, true
	}
	field, hasField := in.FieldByName(byName.member)
	if hasField && field.Type != reflect.TypeFor[*string]() || !hasField && !byCaller {
		panic("fakeiam: " + string(s.Name) + " names its AccessDenied resource by " + byName.member + ", not a *string of its input")
	}
	op.resource = func(f *Fake, a *attempt, v any) string {
		if typed, ok := v.(*In); ok && s.Resource != nil {
			return s.Resource(f, a, typed)
		}
		var p *string
		if hasField {
			p, _ = reflect.ValueOf(v).Elem().FieldByIndex(field.Index).Interface().(*string)
		}
		if p == nil && byCaller {
			return byName.prefix + a.name
		}
		return byName.prefix + deref(p)
	}
	if _, dup := operations[s.Name]; dup {
		panic("fakeiam: operation " + string(s.Name) + " registered twice")
	}
	operations[s.Name] = op
	operationNames = append(operationNames, s.Name)
	slices.Sort(operationNames)
}

func hasField(t reflect.Type, name string) bool {
	_, ok := t.FieldByName(name)
	return ok
}

// Operations lists the operations the fake implements, sorted by name.
func Operations() []Operation { return slices.Clone(operationNames) }

// lookupOperation returns the table row of op, or nil.
func lookupOperation(op Operation) *operation { return operations[op] }

// operationByAction finds an operation of svc by its wire name, as the
// HTTP door reads it from Action; action names are case-sensitive.
func operationByAction(svc *service, action string) *operation {
	if op := operations[Operation(action)]; op != nil && op.service == svc {
		return op
	}
	return nil
}
