package fakeiam

// A minimal lookup of a role by name over the seeded roles (account.roles),
// for the role policy operations and permissions boundaries until roles are
// modeled whole (CreateRole, GetRole, ...): the roles resource replaces
// this file with its own resolveRole and errNoSuchRole.

// resolveRole finds the role of the caller's account named name, or IAM's
// NoSuchEntity. Call with f.mu held.
func (f *Fake) resolveRole(caller *principal, name string) (*principal, *Error) {
	if err := f.current(caller); err != nil {
		return nil, err
	}
	r := caller.account.roles[name]
	if r == nil {
		return nil, errNoSuchRole(name)
	}
	return r, nil
}

// errNoSuchRole: IAM's text for a role that does not exist.
func errNoSuchRole(name string) *Error {
	return &Error{"NoSuchEntity", 404, "The role with name " + name + " cannot be found."}
}
