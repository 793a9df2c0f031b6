package fakeiam

import (
	"crypto"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// OpenID Connect identity providers: CreateOpenIDConnectProvider,
// GetOpenIDConnectProvider, ListOpenIDConnectProviders,
// DeleteOpenIDConnectProvider, UpdateOpenIDConnectProviderThumbprint,
// AddClientIDToOpenIDConnectProvider, RemoveClientIDFromOpenIDConnectProvider,
// TagOpenIDConnectProvider, UntagOpenIDConnectProvider,
// ListOpenIDConnectProviderTags, with IAM's checks in IAM's order
// (docs/contract.md, "OpenID Connect providers"). A provider is the
// account's, named by its URL without the scheme (its ARN is
// arn:aws:iam::<account>:oidc-provider/<host/path>); it holds client ids
// in the order added, up to five thumbprints, a creation date and tags
// whose keys keep case. What both kinds of provider share (the account's
// state, tag pages) is here too; SAML providers: saml_providers.go.
// Seeding: the OIDCProvider option. Their tests: oidc_providers_test.go.

// The OpenID Connect provider operations.
const (
	CreateOpenIDConnectProvider             Operation = "CreateOpenIDConnectProvider"
	GetOpenIDConnectProvider                Operation = "GetOpenIDConnectProvider"
	ListOpenIDConnectProviders              Operation = "ListOpenIDConnectProviders"
	DeleteOpenIDConnectProvider             Operation = "DeleteOpenIDConnectProvider"
	UpdateOpenIDConnectProviderThumbprint   Operation = "UpdateOpenIDConnectProviderThumbprint"
	AddClientIDToOpenIDConnectProvider      Operation = "AddClientIDToOpenIDConnectProvider"
	RemoveClientIDFromOpenIDConnectProvider Operation = "RemoveClientIDFromOpenIDConnectProvider"
	TagOpenIDConnectProvider                Operation = "TagOpenIDConnectProvider"
	UntagOpenIDConnectProvider              Operation = "UntagOpenIDConnectProvider"
	ListOpenIDConnectProviderTags           Operation = "ListOpenIDConnectProviderTags"
)

// IAM's quotas (docs/contract.md): 100 OIDC providers an account (docs;
// OIDCProvidersPerAccount changes it), 100 client ids a provider
// (recorded; ClientIDsPerOIDCProvider changes it), 5 thumbprints a
// provider (recorded: a hard limit, InvalidInput), 50 tags a provider
// (recorded).
const (
	defaultOIDCProvidersQuota = 100
	defaultClientIDsQuota     = 100
	thumbprintsPerProvider    = 5
	// caseKeptTagsQuota is the most tags a resource whose keys keep case
	// holds (providers, instance profiles).
	caseKeptTagsQuota = 50
)

func init() {
	// AccessDenied's resource: the provider's ARN as given; the account's
	// prefix for the list and for a create, the ARN the URL would make.
	register(opSpec[iam.CreateOpenIDConnectProviderInput, iam.CreateOpenIDConnectProviderOutput]{Name: CreateOpenIDConnectProvider, Handle: (*Fake).createOIDCProvider,
		Resource: func(_ *Fake, a *attempt, in *iam.CreateOpenIDConnectProviderInput) string {
			url, _ := oidcURL(deref(in.Url))
			return oidcProviderARN(a.who.Account, url)
		}})
	register(opSpec[iam.GetOpenIDConnectProviderInput, iam.GetOpenIDConnectProviderOutput]{Name: GetOpenIDConnectProvider, Handle: (*Fake).getOIDCProvider,
		Named: named{"OpenIDConnectProviderArn", ""}})
	register(opSpec[iam.ListOpenIDConnectProvidersInput, iam.ListOpenIDConnectProvidersOutput]{Name: ListOpenIDConnectProviders, Handle: (*Fake).listOIDCProviders,
		Resource: func(_ *Fake, a *attempt, _ *iam.ListOpenIDConnectProvidersInput) string {
			return oidcProviderARN(a.who.Account, "")
		}})
	register(opSpec[iam.DeleteOpenIDConnectProviderInput, iam.DeleteOpenIDConnectProviderOutput]{Name: DeleteOpenIDConnectProvider, Handle: (*Fake).deleteOIDCProvider,
		Named: named{"OpenIDConnectProviderArn", ""}})
	register(opSpec[iam.UpdateOpenIDConnectProviderThumbprintInput, iam.UpdateOpenIDConnectProviderThumbprintOutput]{Name: UpdateOpenIDConnectProviderThumbprint, Handle: (*Fake).updateOIDCThumbprints,
		Named: named{"OpenIDConnectProviderArn", ""}})
	register(opSpec[iam.AddClientIDToOpenIDConnectProviderInput, iam.AddClientIDToOpenIDConnectProviderOutput]{Name: AddClientIDToOpenIDConnectProvider, Handle: (*Fake).addOIDCClientID,
		Named: named{"OpenIDConnectProviderArn", ""}})
	register(opSpec[iam.RemoveClientIDFromOpenIDConnectProviderInput, iam.RemoveClientIDFromOpenIDConnectProviderOutput]{Name: RemoveClientIDFromOpenIDConnectProvider, Handle: (*Fake).removeOIDCClientID,
		Named: named{"OpenIDConnectProviderArn", ""}})
	register(opSpec[iam.TagOpenIDConnectProviderInput, iam.TagOpenIDConnectProviderOutput]{Name: TagOpenIDConnectProvider, Handle: (*Fake).tagOIDCProvider,
		Named: named{"OpenIDConnectProviderArn", ""}})
	register(opSpec[iam.UntagOpenIDConnectProviderInput, iam.UntagOpenIDConnectProviderOutput]{Name: UntagOpenIDConnectProvider, Handle: (*Fake).untagOIDCProvider,
		Named: named{"OpenIDConnectProviderArn", ""}})
	register(opSpec[iam.ListOpenIDConnectProviderTagsInput, iam.ListOpenIDConnectProviderTagsOutput]{Name: ListOpenIDConnectProviderTags, Handle: (*Fake).listOIDCProviderTags,
		Named: named{"OpenIDConnectProviderArn", ""}})
}

// identityProviders are an account's OIDC and SAML providers and their
// quotas. Providers are immutable once stored: a write replaces one (and
// the list's slice), so an answer or a kept page may hold it.
type identityProviders struct {
	oidc      map[string]*oidcProvider // by oidcKey of the URL
	oidcList  []*oidcProvider          // by ARN
	saml      map[string]*samlProvider // by lowercase name
	samlList  []*samlProvider          // by ARN
	oidcQuota int                      // providers an account
	clientIDs int                      // client ids a provider
	samlQuota int                      // providers an account
}

func newIdentityProviders() identityProviders {
	return identityProviders{oidcQuota: defaultOIDCProvidersQuota, clientIDs: defaultClientIDsQuota, samlQuota: defaultSAMLProvidersQuota}
}

// providerQuotas are the account settings of OIDCProvidersPerAccount,
// ClientIDsPerOIDCProvider and SAMLProvidersPerAccount; nil: unset.
type providerQuotas struct {
	oidc, clientIDs, saml *int
}

func (q providerQuotas) apply(p *identityProviders) {
	for _, s := range []struct {
		v  *int
		to *int
	}{{q.oidc, &p.oidcQuota}, {q.clientIDs, &p.clientIDs}, {q.saml, &p.samlQuota}} {
		if s.v != nil {
			*s.to = *s.v
		}
	}
}

// oidcProvider is an OIDC provider of an account.
type oidcProvider struct {
	id          string // binds its tag markers; never shown
	url, arn    string // url: as given without its scheme
	clientIDs   []string
	thumbprints []string
	created     time.Time
	tags        []types.Tag // in the order first given; never written in place
	tagsByKey   []sortedTag
}

func oidcProviderARN(acct, url string) string {
	return "arn:aws:iam::" + acct + ":oidc-provider/" + url
}

// oidcURL checks a provider URL as IAM does (docs/contract.md): https://
// (the scheme in any case), then host[:port][/path] with no user info,
// query or fragment. It returns the URL without its scheme, as IAM keeps
// and answers it.
func oidcURL(raw string) (string, bool) {
	const scheme = "https://"
	if len(raw) < len(scheme) || !strings.EqualFold(raw[:len(scheme)], scheme) {
		return "", false
	}
	rest := raw[len(scheme):]
	if strings.ContainsAny(rest, "?#@ \t\r\n\\") {
		return "", false
	}
	hostPort, _, _ := strings.Cut(rest, "/")
	host, port, hasPort := strings.Cut(hostPort, ":")
	if host == "" || (hasPort && !validPort(port)) {
		return "", false
	}
	for _, label := range strings.Split(host, ".") {
		if label == "" || !isHostLabel(label) {
			return "", false
		}
	}
	for i := 0; i < len(rest); i++ { // printable ASCII only
		if rest[i] <= ' ' || rest[i] >= 0x7f {
			return "", false
		}
	}
	return rest, true
}

func validPort(p string) bool {
	n, err := strconv.Atoi(p)
	return err == nil && n > 0 && n < 65536 && p[0] != '+' && p[0] != '-'
}

func isHostLabel(l string) bool {
	for i := 0; i < len(l); i++ {
		c := l[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// oidcKey is what makes two provider URLs one: the host ignoring case, the
// port and path exactly.
func oidcKey(url string) string {
	hostPort, path, hasPath := strings.Cut(url, "/")
	key := strings.ToLower(hostPort)
	if hasPath {
		key += "/" + path
	}
	return key
}

// oidcByARN finds the account's provider an ARN names; nil when there is
// none (another account's ARN, or not an OIDC provider's).
func (p *identityProviders) oidcByARN(acct, arn string) *oidcProvider {
	prefix := oidcProviderARN(acct, "")
	if !strings.HasPrefix(arn, prefix) {
		return nil
	}
	return p.oidc[oidcKey(arn[len(prefix):])]
}

// putOIDC puts o into the account's indexes, replacing old (nil: none).
func (p *identityProviders) putOIDC(old, o *oidcProvider) {
	if old != nil {
		p.dropOIDC(old)
	}
	if p.oidc == nil {
		p.oidc = map[string]*oidcProvider{}
	}
	p.oidc[oidcKey(o.url)] = o
	i, _ := slices.BinarySearchFunc(p.oidcList, o.arn, func(e *oidcProvider, arn string) int { return strings.Compare(e.arn, arn) })
	p.oidcList = slices.Insert(slices.Clip(p.oidcList), i, o) // a new array: a kept page may share the old one
}

func (p *identityProviders) dropOIDC(o *oidcProvider) {
	delete(p.oidc, oidcKey(o.url))
	p.oidcList = slices.DeleteFunc(slices.Clone(p.oidcList), func(e *oidcProvider) bool { return e == o })
}

// defaultThumbprint stands in for the thumbprint IAM fetches from the
// provider's certificate chain when a create names none: the hex SHA-1 of
// the host, stable and of IAM's shape (docs/contract.md: choice).
func defaultThumbprint(url string) string {
	hostPort, _, _ := strings.Cut(url, "/")
	sum := sha1.Sum([]byte(strings.ToLower(hostPort)))
	return hex.EncodeToString(sum[:])
}

// checkOIDCLists applies IAM's checks of client ids and thumbprints after
// the model's: at most five thumbprints, at most quota client ids.
func checkOIDCLists(clientIDs, thumbprints []string, quota int) *Error {
	if len(thumbprints) > thumbprintsPerProvider {
		return errTooManyThumbprints()
	}
	if len(clientIDs) > quota {
		return errClientIDQuota(quota)
	}
	return nil
}

// uniqueStrings is ss without repeats, in first-seen order, fresh.
func uniqueStrings(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// createOIDCProvider: (validation) → the URL → the thumbprint count → the
// client-id quota → the tag rules → the URL taken → the account's quota →
// stored. Thumbprints left out get a stand-in (defaultThumbprint).
func (f *Fake) createOIDCProvider(a *attempt, in *iam.CreateOpenIDConnectProviderInput) (result[iam.CreateOpenIDConnectProviderOutput], *Error) {
	var none result[iam.CreateOpenIDConnectProviderOutput]
	url, ok := oidcURL(*in.Url)
	if !ok {
		return none, errInvalidOIDCURL()
	}
	clientIDs, thumbprints := uniqueStrings(in.ClientIDList), uniqueStrings(in.ThumbprintList)
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	acct := a.caller.account
	p := &acct.idp
	if err := checkOIDCLists(in.ClientIDList, in.ThumbprintList, p.clientIDs); err != nil { // counted as given
		return none, err
	}
	if err := checkCaseKeptTagRules(in.Tags); err != nil {
		return none, err
	}
	if p.oidc[oidcKey(url)] != nil {
		return none, errOIDCProviderExists(*in.Url)
	}
	if len(p.oidcList) >= p.oidcQuota {
		return none, errOIDCProviderQuota(p.oidcQuota)
	}
	if len(thumbprints) == 0 {
		thumbprints = []string{defaultThumbprint(url)}
	}
	o := &oidcProvider{id: f.ids.next("oidc", 17), url: url, arn: oidcProviderARN(acct.id, url), clientIDs: clientIDs, thumbprints: thumbprints, created: f.nowFor(a)}
	setCaseKeptTags(&o.tags, &o.tagsByKey, ownTags(in.Tags))
	p.putOIDC(nil, o)
	return answerWith(o, func(o *oidcProvider) *iam.CreateOpenIDConnectProviderOutput {
		arn := o.arn
		out := &iam.CreateOpenIDConnectProviderOutput{OpenIDConnectProviderArn: &arn}
		if len(o.tagsByKey) > 0 {
			out.Tags = sortedTags(o.tagsByKey)
		}
		return out
	}), nil
}

// findOIDC is the caller's account's provider arn names, or notFound's
// error. Call with f.mu held.
func (f *Fake) findOIDC(caller *principal, arn string, notFound func(string) *Error) (*oidcProvider, *Error) {
	if err := f.current(caller); err != nil {
		return nil, err
	}
	o := caller.account.idp.oidcByARN(caller.account.id, arn)
	if o == nil {
		return nil, notFound(arn)
	}
	return o, nil
}

// getOIDCProvider: (validation) → the provider exists → its URL without
// the scheme, client ids and thumbprints (present, maybe empty), creation
// date and tags sorted by key (present, maybe empty) (recorded).
func (f *Fake) getOIDCProvider(a *attempt, in *iam.GetOpenIDConnectProviderInput) (result[iam.GetOpenIDConnectProviderOutput], *Error) {
	var none result[iam.GetOpenIDConnectProviderOutput]
	f.mu.RLock()
	defer f.mu.RUnlock()
	o, err := f.findOIDC(a.caller, *in.OpenIDConnectProviderArn, errNoSuchOIDCProvider)
	if err != nil {
		return none, err
	}
	return answerWith(o, func(o *oidcProvider) *iam.GetOpenIDConnectProviderOutput {
		s := new(struct {
			url     string
			created time.Time
		})
		s.url, s.created = o.url, o.created
		return &iam.GetOpenIDConnectProviderOutput{Url: &s.url, CreateDate: &s.created,
			ClientIDList: append([]string{}, o.clientIDs...), ThumbprintList: append([]string{}, o.thumbprints...), Tags: sortedTags(o.tagsByKey)}
	}), nil
}

// listOIDCProviders: every provider's ARN, by ARN (the model pages
// nothing: no Marker, no MaxItems).
func (f *Fake) listOIDCProviders(a *attempt, _ *iam.ListOpenIDConnectProvidersInput) (result[iam.ListOpenIDConnectProvidersOutput], *Error) {
	var none result[iam.ListOpenIDConnectProvidersOutput]
	f.mu.RLock()
	defer f.mu.RUnlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	list := a.caller.account.idp.oidcList // replaced whole on a write, never written
	return answerWith(list, func(list []*oidcProvider) *iam.ListOpenIDConnectProvidersOutput {
		entries := make([]types.OpenIDConnectProviderListEntry, len(list))
		arns := make([]string, len(list))
		for i, o := range list {
			arns[i] = o.arn
			entries[i].Arn = &arns[i]
		}
		return &iam.ListOpenIDConnectProvidersOutput{OpenIDConnectProviderList: entries}
	}), nil
}

// deleteOIDCProvider: (validation) → the provider exists (IAM answers an
// unknown ARN NoSuchEntity, although its reference calls the operation
// idempotent: recorded) → gone.
func (f *Fake) deleteOIDCProvider(a *attempt, in *iam.DeleteOpenIDConnectProviderInput) (result[iam.DeleteOpenIDConnectProviderOutput], *Error) {
	var none result[iam.DeleteOpenIDConnectProviderOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	o, err := f.findOIDC(a.caller, *in.OpenIDConnectProviderArn, errNoSuchOIDCProviderDelete)
	if err != nil {
		return none, err
	}
	a.caller.account.idp.dropOIDC(o)
	return answerEmpty[iam.DeleteOpenIDConnectProviderOutput](), nil
}

// updateOIDCThumbprints: (validation) → the provider exists → at most five
// → the list replaced (not merged).
func (f *Fake) updateOIDCThumbprints(a *attempt, in *iam.UpdateOpenIDConnectProviderThumbprintInput) (result[iam.UpdateOpenIDConnectProviderThumbprintOutput], *Error) {
	var none result[iam.UpdateOpenIDConnectProviderThumbprintOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	o, err := f.findOIDC(a.caller, *in.OpenIDConnectProviderArn, errNoSuchOIDCProvider)
	if err != nil {
		return none, err
	}
	if err := checkOIDCLists(nil, in.ThumbprintList, 0); err != nil { // counted as given
		return none, err
	}
	thumbprints := uniqueStrings(in.ThumbprintList)
	next := *o
	next.thumbprints = thumbprints
	a.caller.account.idp.putOIDC(o, &next)
	return answerEmpty[iam.UpdateOpenIDConnectProviderThumbprintOutput](), nil
}

// addOIDCClientID: (validation) → the provider exists → an id it has is
// no error and no change (idempotent: model) → the quota → added last.
func (f *Fake) addOIDCClientID(a *attempt, in *iam.AddClientIDToOpenIDConnectProviderInput) (result[iam.AddClientIDToOpenIDConnectProviderOutput], *Error) {
	var none result[iam.AddClientIDToOpenIDConnectProviderOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	o, err := f.findOIDC(a.caller, *in.OpenIDConnectProviderArn, errNoSuchOIDCProvider)
	if err != nil {
		return none, err
	}
	if slices.Contains(o.clientIDs, *in.ClientID) {
		return answerEmpty[iam.AddClientIDToOpenIDConnectProviderOutput](), nil
	}
	p := &a.caller.account.idp
	if len(o.clientIDs) >= p.clientIDs {
		return none, errClientIDQuota(p.clientIDs)
	}
	next := *o
	next.clientIDs = append(slices.Clip(o.clientIDs), *in.ClientID)
	p.putOIDC(o, &next)
	return answerEmpty[iam.AddClientIDToOpenIDConnectProviderOutput](), nil
}

// removeOIDCClientID: (validation) → the provider exists → the id removed;
// an id it does not have is no error (idempotent: model).
func (f *Fake) removeOIDCClientID(a *attempt, in *iam.RemoveClientIDFromOpenIDConnectProviderInput) (result[iam.RemoveClientIDFromOpenIDConnectProviderOutput], *Error) {
	var none result[iam.RemoveClientIDFromOpenIDConnectProviderOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	o, err := f.findOIDC(a.caller, *in.OpenIDConnectProviderArn, errNoSuchOIDCProvider)
	if err != nil {
		return none, err
	}
	if i := slices.Index(o.clientIDs, *in.ClientID); i >= 0 { // once at most: the list has no duplicates
		next := *o
		next.clientIDs = slices.Concat(o.clientIDs[:i], o.clientIDs[i+1:]) // a new list: answers may hold the old one
		a.caller.account.idp.putOIDC(o, &next)
	}
	return answerEmpty[iam.RemoveClientIDFromOpenIDConnectProviderOutput](), nil
}

// tagOIDCProvider: (validation) → the provider exists → the tag rules →
// the quota on the merged set → tagged.
func (f *Fake) tagOIDCProvider(a *attempt, in *iam.TagOpenIDConnectProviderInput) (result[iam.TagOpenIDConnectProviderOutput], *Error) {
	var none result[iam.TagOpenIDConnectProviderOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	o, err := f.findOIDC(a.caller, *in.OpenIDConnectProviderArn, errNoSuchOIDCProvider)
	if err != nil {
		return none, err
	}
	merged, err := mergeCaseKeptTags(o.tags, in.Tags, caseKeptTagsQuota, errCaseKeptTagQuota)
	if err != nil {
		return none, err
	}
	next := *o
	setCaseKeptTags(&next.tags, &next.tagsByKey, merged)
	a.caller.account.idp.putOIDC(o, &next)
	return answerEmpty[iam.TagOpenIDConnectProviderOutput](), nil
}

// untagOIDCProvider: (validation) → the provider exists → the keys
// removed (exactly); a key it does not have is no error.
func (f *Fake) untagOIDCProvider(a *attempt, in *iam.UntagOpenIDConnectProviderInput) (result[iam.UntagOpenIDConnectProviderOutput], *Error) {
	var none result[iam.UntagOpenIDConnectProviderOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	o, err := f.findOIDC(a.caller, *in.OpenIDConnectProviderArn, errNoSuchOIDCProvider)
	if err != nil {
		return none, err
	}
	if kept, changed := untagged(o.tags, in.TagKeys); changed {
		next := *o
		setCaseKeptTags(&next.tags, &next.tagsByKey, kept)
		a.caller.account.idp.putOIDC(o, &next)
	}
	return answerEmpty[iam.UntagOpenIDConnectProviderOutput](), nil
}

// listOIDCProviderTags: (validation) → the provider exists → marker
// (bound to the provider) → its tags sorted by key.
func (f *Fake) listOIDCProviderTags(a *attempt, in *iam.ListOpenIDConnectProviderTagsInput) (result[iam.ListOpenIDConnectProviderTagsOutput], *Error) {
	var none result[iam.ListOpenIDConnectProviderTagsOutput]
	limit := pageLimit(in.MaxItems, a)
	f.mu.RLock()
	defer f.mu.RUnlock()
	o, err := f.findOIDC(a.caller, *in.OpenIDConnectProviderArn, errNoSuchOIDCProvider)
	if err != nil {
		return none, err
	}
	page, next, err := f.tagPage(ListOpenIDConnectProviderTags, a.caller.account.id, o.id, o.tagsByKey, in.Marker, limit)
	if err != nil {
		return none, err
	}
	return answerWith(tagPageOf{page, next}, func(l tagPageOf) *iam.ListOpenIDConnectProviderTagsOutput {
		out := &iam.ListOpenIDConnectProviderTagsOutput{Tags: sortedTags(l.page)}
		out.IsTruncated, out.Marker = pageEnd(l.marker)
		return out
	}), nil
}

// tagPageOf is a page of a provider's tags and the marker after it.
type tagPageOf struct {
	page   []sortedTag // replaced whole on a change, never written
	marker string
}

// tagPage is the page of items (sorted tags of owner) from marker, at most
// limit, and the marker after it ("" at the end). Call with f.mu held.
func (f *Fake) tagPage(op Operation, acct, owner string, items []sortedTag, marker *string, limit int) ([]sortedTag, string, *Error) {
	start := 0
	if marker != nil {
		pos, ok := f.decodeMarker(op, acct, owner, *marker)
		if !ok {
			return nil, "", errValidation(msgInvalidMarker)
		}
		start = sort.Search(len(items), func(i int) bool { return userTagPages.after(items[i], pos) })
	}
	end := min(start+limit, len(items))
	var next string
	if end < len(items) {
		next = f.encodeMarker(op, acct, owner, userTagPages.pos(items[end-1]))
	}
	return items[start:end:end], next, nil
}

// OIDCProviderSeed describes an OpenID Connect provider to seed in the
// enclosing account (the default account outside Account):
//
//	fakeiam.OIDCProvider("https://token.actions.githubusercontent.com").
//		ClientIDs("sts.amazonaws.com").Thumbprints("6938fd4d98bab03faadb97b34396831e3780aea1").Tag("ci", "github")
//
// Its methods return a new seed. Without Thumbprints it holds the stand-in
// CreateOpenIDConnectProvider gives one created without (docs/contract.md).
// New refuses what CreateOpenIDConnectProvider would, naming the provider
// and the problem: a bad URL, client id, thumbprint or tag, six
// thumbprints, more client ids than ClientIDsPerOIDCProvider, a URL
// seeded twice, more providers than OIDCProvidersPerAccount.
type OIDCProviderSeed struct {
	url                    string
	clientIDs, thumbprints []string
	created                time.Time
	tags                   []types.Tag
	signingKeys            []crypto.PublicKey // web_identity.go
}

// OIDCProvider seeds an OpenID Connect provider for url (https://host,
// maybe with a port and path), created when New runs.
func OIDCProvider(url string) *OIDCProviderSeed { return &OIDCProviderSeed{url: url} }

// ClientIDs returns the seed with client ids (audiences) added.
func (s *OIDCProviderSeed) ClientIDs(ids ...string) *OIDCProviderSeed {
	c := s.clone()
	c.clientIDs = append(c.clientIDs, ids...)
	return c
}

// Thumbprints returns the seed with thumbprints (40 hex characters each)
// added.
func (s *OIDCProviderSeed) Thumbprints(thumbprints ...string) *OIDCProviderSeed {
	c := s.clone()
	c.thumbprints = append(c.thumbprints, thumbprints...)
	return c
}

// CreatedAt returns the seed with its creation date set (default: the
// fake's time when New runs).
func (s *OIDCProviderSeed) CreatedAt(t time.Time) *OIDCProviderSeed {
	c := s.clone()
	c.created = t
	return c
}

// Tag returns the seed with a tag added.
func (s *OIDCProviderSeed) Tag(key, value string) *OIDCProviderSeed {
	c := s.clone()
	c.tags = append(c.tags, types.Tag{Key: &key, Value: &value})
	return c
}

func (s *OIDCProviderSeed) clone() *OIDCProviderSeed {
	if s == nil {
		return &OIDCProviderSeed{}
	}
	c := *s
	c.clientIDs, c.thumbprints, c.tags = slices.Clone(s.clientIDs), slices.Clone(s.thumbprints), slices.Clone(s.tags)
	c.signingKeys = slices.Clone(s.signingKeys)
	return &c
}

func (s *OIDCProviderSeed) configure(c *config) error {
	if s == nil {
		return errors.New("nil OIDC provider seed")
	}
	c.current.oidc = append(c.current.oidc, s)
	return nil
}

// OIDCProvidersPerAccount lifts (or lowers) IAM's quota of 100 OpenID
// Connect providers per account, for seeds and CreateOpenIDConnectProvider
// alike.
func OIDCProvidersPerAccount(n int) Option {
	return providerQuota("OIDCProvidersPerAccount", n, func(q *providerQuotas) **int { return &q.oidc })
}

// ClientIDsPerOIDCProvider lifts (or lowers) IAM's quota of 100 client ids
// per OpenID Connect provider.
func ClientIDsPerOIDCProvider(n int) Option {
	return providerQuota("ClientIDsPerOIDCProvider", n, func(q *providerQuotas) **int { return &q.clientIDs })
}

func providerQuota(name string, n int, field func(*providerQuotas) **int) Option {
	return accountOption(func(s *accountSettings) error {
		if n < 0 {
			return fmt.Errorf("%s(%d): a quota is at least 0", name, n)
		}
		*field(&s.providerQuotas) = &n
		return nil
	})
}

// seedProviders adds the account's seeded OIDC and SAML providers, naming
// every problem of each.
func (f *Fake) seedProviders(a *account, oidc []*OIDCProviderSeed, saml []*SAMLProviderSeed, now time.Time, fail func(string, ...any)) {
	f.seedOIDCProviders(a, oidc, now, fail)
	f.seedSAMLProviders(a, saml, now, fail)
}

func (f *Fake) seedOIDCProviders(a *account, seeds []*OIDCProviderSeed, now time.Time, fail func(string, ...any)) {
	p := &a.idp
	if len(seeds) > p.oidcQuota {
		fail("account %s: %d OIDC providers exceed the quota of %d per account (OIDCProvidersPerAccount lifts it)", a.id, len(seeds), p.oidcQuota)
		return
	}
	for _, s := range seeds {
		who := "account " + a.id + ": OIDC provider " + strconv.Quote(s.url)
		raw := s.url
		in := &iam.CreateOpenIDConnectProviderInput{Url: &raw, ClientIDList: s.clientIDs, ThumbprintList: s.thumbprints, Tags: s.tags}
		if err := lookupOperation(CreateOpenIDConnectProvider).check.check(in); err != nil {
			fail("%s: %s", who, err.Message)
			continue
		}
		url, ok := oidcURL(raw)
		if !ok {
			fail("%s: %s (https://host[:port][/path], without query or fragment)", who, errInvalidOIDCURL().Message)
			continue
		}
		clientIDs, thumbprints := uniqueStrings(s.clientIDs), uniqueStrings(s.thumbprints)
		if err := checkOIDCLists(s.clientIDs, s.thumbprints, p.clientIDs); err != nil {
			if err.Code == "LimitExceeded" {
				fail("%s: %s (ClientIDsPerOIDCProvider lifts it)", who, err.Message)
			} else {
				fail("%s: %s", who, err.Message)
			}
			continue
		}
		if err := checkCaseKeptTagRules(s.tags); err != nil {
			fail("%s: %s", who, err.Message)
			continue
		}
		if dup := p.oidc[oidcKey(url)]; dup != nil {
			fail("%s: its URL is that of OIDC provider %s, seeded before (hosts are compared ignoring case)", who, dup.arn)
			continue
		}
		if err := checkSigningKeys(s.signingKeys); err != nil {
			fail("%s: %v", who, err)
			continue
		}
		if len(s.signingKeys) > 0 {
			keys := f.issuer(url)
			keys.mu.Lock()
			keys.seeded = append(keys.seeded, s.signingKeys...)
			keys.mu.Unlock()
		}
		if len(thumbprints) == 0 {
			thumbprints = []string{defaultThumbprint(url)}
		}
		o := &oidcProvider{id: f.ids.next("oidc", 17), url: url, arn: oidcProviderARN(a.id, url), clientIDs: clientIDs, thumbprints: thumbprints, created: now}
		if !s.created.IsZero() {
			o.created = s.created.UTC().Truncate(time.Second)
		}
		setCaseKeptTags(&o.tags, &o.tagsByKey, ownTags(s.tags))
		p.putOIDC(nil, o)
	}
}
