package iammodel

import "sort"

// Type is a member's type in the model.
type Type uint8

// The model's types.
const (
	String Type = iota + 1
	Integer
	Long
	Boolean
	Timestamp
	Blob
	List
	Map
	Structure
)

var typeNames = [...]string{String: "string", Integer: "integer", Long: "long", Boolean: "boolean",
	Timestamp: "timestamp", Blob: "blob", List: "list", Map: "map", Structure: "structure"}

func (t Type) String() string {
	if int(t) < len(typeNames) && typeNames[t] != "" {
		return typeNames[t]
	}
	return "unknown"
}

// Member is one member of an input (or of a structure or list within it),
// with its shape's constraints.
type Member struct {
	Name     string // the wire name: "UserName"; "" for a list's element
	Message  string // the name in IAM's messages: "userName"; "member" for a list's element
	Type     Type
	Required bool
	// Min and Max bound a string's, list's, map's or blob's length, or an
	// integer's value, when HasMin and HasMax say so.
	Min, Max       int64
	HasMin, HasMax bool
	Pattern        string   // the model's pattern, exactly; "" when none
	Enum           []string // the allowed values; nil when any
	Members        []Member // a structure's members, in model order
	Elem           *Member  // a list's element, or a map's value
	Key            *Member  // a map's key
}

// Operation is one operation and its input's members, in model order.
type Operation struct {
	Name  string
	Input []Member // nil for an operation without input
}

// Service is one service's table, its operations sorted by name.
type Service struct {
	Name       string // "iam"
	APIVersion string // "2010-05-08"
	Operations []Operation
}

// Operation returns the operation named name, or nil.
func (s *Service) Operation(name string) *Operation {
	i := sort.Search(len(s.Operations), func(i int) bool { return s.Operations[i].Name >= name })
	if i < len(s.Operations) && s.Operations[i].Name == name {
		return &s.Operations[i]
	}
	return nil
}

// Constrained reports whether m or anything within it has a constraint.
func (m *Member) Constrained() bool {
	if m.Required || m.HasMin || m.HasMax || m.Pattern != "" || m.Enum != nil {
		return true
	}
	for i := range m.Members {
		if m.Members[i].Constrained() {
			return true
		}
	}
	return (m.Elem != nil && m.Elem.Constrained()) || (m.Key != nil && m.Key.Constrained())
}
