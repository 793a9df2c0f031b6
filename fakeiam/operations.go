package fakeiam

import (
	"reflect"
	"slices"
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
	name Operation
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
	// pages reports whether the operation takes MaxItems and Marker, so that
	// ShortPage means something for it.
	pages bool
	// check is IAM's model constraints on the input (validate.go), checked
	// before the handler runs; the HTTP door checks its required members.
	check *plan
}

// attempt is what a handler knows about the attempt it answers besides the
// input: who signed it and what faults changed about it.
type attempt struct {
	// caller is who signed; handlers read it under Fake.mu only. who and
	// name are what it was when the attempt was authenticated, for texts
	// read without the lock (the call log, AccessDenied).
	caller    *principal
	who       Caller
	name      string // the UserName the caller's own resources carry
	shortPage int    // when > 0, at most this many items per page
}

// A result is an operation's answer: build makes a fresh SDK output every
// time it is called, from values the handler captured when it ran, never
// from the model, which later calls change. The caller gets one output, and
// the call log keeps build and makes another whenever it is read: that is
// how the log's outputs stay as they were without copying every answer.
// bytes is about how much the captured values hold, for the log's budget.
type result[Out any] struct {
	build func() *Out
	bytes int
}

// answerWith is the result of an output that is built from values alone.
func answerWith[Out any](build func() *Out, bytes int) result[Out] {
	return result[Out]{build: build, bytes: bytes}
}

// builder is a result without its type, as the core keeps it.
type builder struct {
	build func() any
	bytes int
}

// opSpec declares an operation with the SDK's own input and output types.
type opSpec[In, Out any] struct {
	Name   Operation
	Handle func(f *Fake, a *attempt, in *In) (result[Out], *Error)
	// Resource, when set, replaces the default AccessDenied resource
	// ("user <UserName>").
	Resource func(f *Fake, a *attempt, in *In) string
}

var (
	operations     = map[Operation]*operation{} // written only by init functions
	operationNames []Operation                  // sorted
)

// register adds an operation to the table. It is called only from init
// functions, so the table is complete and read-only before any Fake exists.
func register[In, Out any](s opSpec[In, Out]) {
	in := reflect.TypeFor[In]()
	check, err := newPlan(string(s.Name), in)
	if err != nil {
		panic("fakeiam: " + err.Error())
	}
	op := &operation{
		name:  s.Name,
		input: in,
		check: check,
		handle: func(f *Fake, a *attempt, v any) (builder, *Error) {
			typed, ok := v.(*In)
			if !ok || typed == nil {
				return builder{}, &Error{Code: "InternalFailure", Status: 500, Message: "fakeiam: " + string(s.Name) + " got input " + reflect.TypeOf(v).String()}
			}
			if err := check.check(typed); err != nil { // before any other refusal
				return builder{}, err
			}
			r, err := s.Handle(f, a, typed)
			if err != nil {
				return builder{}, err
			}
			return builder{build: func() any { return r.build() }, bytes: r.bytes}, nil
		},
		pages: hasField(in, "Marker") && hasField(in, "MaxItems"),
	}
	userField, hasUser := in.FieldByName("UserName")
	op.resource = func(f *Fake, a *attempt, v any) string {
		if typed, ok := v.(*In); ok && s.Resource != nil {
			return s.Resource(f, a, typed)
		}
		if hasUser {
			if p, _ := reflect.ValueOf(v).Elem().FieldByIndex(userField.Index).Interface().(*string); p != nil {
				return "user " + *p
			}
		}
		return "user " + a.name
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

// operationByAction finds an operation by its wire name, as the HTTP door
// reads it from Action; IAM's action names are case-sensitive.
func operationByAction(action string) *operation {
	return operations[Operation(action)]
}
