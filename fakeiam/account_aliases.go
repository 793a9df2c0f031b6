package fakeiam

import (
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// Account aliases: CreateAccountAlias, DeleteAccountAlias, ListAccountAliases
// (docs/contract.md, "Account aliases"). An account holds at most one
// alias, and an alias names at most one account of the fake (IAM's aliases
// are unique in a partition). CreateAccountAlias of a free alias replaces
// the account's alias, as IAM does. Seeding: AccountAlias (builders.go).
// Their tests: account_aliases_test.go.

// The account-alias operations.
const (
	CreateAccountAlias Operation = "CreateAccountAlias"
	DeleteAccountAlias Operation = "DeleteAccountAlias"
	ListAccountAliases Operation = "ListAccountAliases"
)

func init() {
	register(opSpec[iam.CreateAccountAliasInput, iam.CreateAccountAliasOutput]{Name: CreateAccountAlias, Handle: (*Fake).createAccountAlias, Resource: aliasResource[iam.CreateAccountAliasInput]})
	register(opSpec[iam.DeleteAccountAliasInput, iam.DeleteAccountAliasOutput]{Name: DeleteAccountAlias, Handle: (*Fake).deleteAccountAlias, Resource: aliasResource[iam.DeleteAccountAliasInput]})
	register(opSpec[iam.ListAccountAliasesInput, iam.ListAccountAliasesOutput]{Name: ListAccountAliases, Handle: (*Fake).listAccountAliases, Resource: aliasResource[iam.ListAccountAliasesInput]})
}

// aliasResource is what AccessDenied names for the alias operations: IAM
// authorizes them on "*" (the service authorization reference lists no
// resource type for them).
func aliasResource[In any](*Fake, *attempt, *In) string { return "*" }

// aliasHolder is the account of the fake that holds alias, or nil. Under
// the lock.
func (f *Fake) aliasHolder(alias string) *account {
	for _, a := range f.accounts {
		if a.alias == alias {
			return a
		}
	}
	return nil
}

// createAccountAlias: (validation) → the alias is free in the fake (held by
// no account, the caller's included) → it replaces the account's alias.
func (f *Fake) createAccountAlias(a *attempt, in *iam.CreateAccountAliasInput) (result[iam.CreateAccountAliasOutput], *Error) {
	var none result[iam.CreateAccountAliasOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	if f.aliasHolder(*in.AccountAlias) != nil {
		return none, errAliasExists(*in.AccountAlias)
	}
	a.caller.account.alias = *in.AccountAlias
	return answerEmpty[iam.CreateAccountAliasOutput](), nil
}

// deleteAccountAlias: (validation) → the account's alias is the one named →
// deleted.
func (f *Fake) deleteAccountAlias(a *attempt, in *iam.DeleteAccountAliasInput) (result[iam.DeleteAccountAliasOutput], *Error) {
	var none result[iam.DeleteAccountAliasOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	acct := a.caller.account
	if acct.alias == "" || acct.alias != *in.AccountAlias {
		return none, errNoSuchAlias(*in.AccountAlias)
	}
	acct.alias = ""
	return answerEmpty[iam.DeleteAccountAliasOutput](), nil
}

// aliasPages is how ListAccountAliases pages: the account's aliases (one
// at most), a marker carrying the last alias listed.
var aliasPages = pageSpec[string]{
	op:    ListAccountAliases,
	pos:   func(alias string) markerPos { return markerPos{id: alias} },
	after: func(alias string, pos markerPos) bool { return alias > pos.id },
}

// listAccountAliases: (validation) → marker (bound to the operation and the
// account) → the page. An account without an alias lists none.
func (f *Fake) listAccountAliases(a *attempt, in *iam.ListAccountAliasesInput) (result[iam.ListAccountAliasesOutput], *Error) {
	var none result[iam.ListAccountAliasesOutput]
	limit := pageLimit(in.MaxItems, a)
	f.mu.RLock()
	defer f.mu.RUnlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	acct := a.caller.account
	var items []string
	if acct.alias != "" {
		items = []string{acct.alias}
	}
	start := 0
	if in.Marker != nil {
		pos, ok := f.decodeMarker(ListAccountAliases, acct.id, "", *in.Marker)
		if !ok {
			return none, errValidation(msgInvalidMarker)
		}
		start, _ = slices.BinarySearchFunc(items, pos, func(alias string, pos markerPos) int {
			if aliasPages.after(alias, pos) {
				return 1
			}
			return -1
		})
	}
	end := min(start+limit, len(items))
	type page struct {
		aliases []string
		next    string
	}
	p := page{aliases: slices.Clone(items[start:end])}
	if end < len(items) {
		p.next = f.encodeMarker(ListAccountAliases, acct.id, "", aliasPages.pos(items[end-1]))
	}
	return answerWith(p, func(p page) *iam.ListAccountAliasesOutput {
		out := &iam.ListAccountAliasesOutput{AccountAliases: slices.Clone(p.aliases), IsTruncated: p.next != ""}
		if out.AccountAliases == nil {
			out.AccountAliases = []string{}
		}
		if p.next != "" {
			next := p.next
			out.Marker = &next
		}
		return out
	}), nil
}
