package fakeiam

import (
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

// Server certificates: UploadServerCertificate, GetServerCertificate,
// ListServerCertificates, UpdateServerCertificate, DeleteServerCertificate,
// TagServerCertificate, UntagServerCertificate, ListServerCertificateTags,
// with IAM's checks in IAM's order (docs/contract.md, "Server
// certificates"). A server certificate is the account's, named (unique
// ignoring case, listed by name ignoring case), with a path; it holds a
// certificate body, an optional chain and a private key that must match
// the body. The key is checked and never kept: no answer holds it, and the
// call log keeps the request with PrivateKey replaced by RedactedPassword.
// Its tags are case sensitive, as IAM's are on everything but users and
// roles. Seeding: the ServerCertificate option. Their tests:
// server_certificates_test.go.

// The server-certificate operations.
const (
	UploadServerCertificate   Operation = "UploadServerCertificate"
	GetServerCertificate      Operation = "GetServerCertificate"
	ListServerCertificates    Operation = "ListServerCertificates"
	UpdateServerCertificate   Operation = "UpdateServerCertificate"
	DeleteServerCertificate   Operation = "DeleteServerCertificate"
	TagServerCertificate      Operation = "TagServerCertificate"
	UntagServerCertificate    Operation = "UntagServerCertificate"
	ListServerCertificateTags Operation = "ListServerCertificateTags"
)

// IAM's quotas: 20 server certificates an account (ServerCertificatesQuota,
// recorded; ServerCertificatesPerAccount changes it), 50 tags a
// certificate (docs).
const (
	defaultServerCertsQuota  = 20
	tagsPerServerCertificate = 50
)

func init() {
	// AccessDenied's resource: the certificate's ARN as IAM builds it from
	// the name (the path is unknown to a denied caller: "/"), the
	// account's prefix for the list (choice, as ListGroups').
	byName := func(a *attempt, name *string) string {
		return serverCertificateARN(a.who.Account, "/", deref(name))
	}
	register(opSpec[iam.UploadServerCertificateInput, iam.UploadServerCertificateOutput]{Name: UploadServerCertificate, Handle: (*Fake).uploadServerCertificate,
		Redact: func(in *iam.UploadServerCertificateInput) { redact(&in.PrivateKey) },
		Resource: func(_ *Fake, a *attempt, in *iam.UploadServerCertificateInput) string {
			return serverCertificateARN(a.who.Account, pathOr(in.Path), deref(in.ServerCertificateName))
		}})
	register(opSpec[iam.GetServerCertificateInput, iam.GetServerCertificateOutput]{Name: GetServerCertificate, Handle: (*Fake).getServerCertificate,
		Resource: func(_ *Fake, a *attempt, in *iam.GetServerCertificateInput) string {
			return byName(a, in.ServerCertificateName)
		}})
	register(opSpec[iam.ListServerCertificatesInput, iam.ListServerCertificatesOutput]{Name: ListServerCertificates, Handle: (*Fake).listServerCertificates,
		Resource: func(_ *Fake, a *attempt, in *iam.ListServerCertificatesInput) string {
			return serverCertificateARN(a.who.Account, pathOr(in.PathPrefix), "")
		}})
	register(opSpec[iam.UpdateServerCertificateInput, iam.UpdateServerCertificateOutput]{Name: UpdateServerCertificate, Handle: (*Fake).updateServerCertificate,
		Resource: func(_ *Fake, a *attempt, in *iam.UpdateServerCertificateInput) string {
			return byName(a, in.ServerCertificateName)
		}})
	register(opSpec[iam.DeleteServerCertificateInput, iam.DeleteServerCertificateOutput]{Name: DeleteServerCertificate, Handle: (*Fake).deleteServerCertificate,
		Resource: func(_ *Fake, a *attempt, in *iam.DeleteServerCertificateInput) string {
			return byName(a, in.ServerCertificateName)
		}})
	register(opSpec[iam.TagServerCertificateInput, iam.TagServerCertificateOutput]{Name: TagServerCertificate, Handle: (*Fake).tagServerCertificate,
		Resource: func(_ *Fake, a *attempt, in *iam.TagServerCertificateInput) string {
			return byName(a, in.ServerCertificateName)
		}})
	register(opSpec[iam.UntagServerCertificateInput, iam.UntagServerCertificateOutput]{Name: UntagServerCertificate, Handle: (*Fake).untagServerCertificate,
		Resource: func(_ *Fake, a *attempt, in *iam.UntagServerCertificateInput) string {
			return byName(a, in.ServerCertificateName)
		}})
	register(opSpec[iam.ListServerCertificateTagsInput, iam.ListServerCertificateTagsOutput]{Name: ListServerCertificateTags, Handle: (*Fake).listServerCertificateTags,
		Resource: func(_ *Fake, a *attempt, in *iam.ListServerCertificateTagsInput) string {
			return byName(a, in.ServerCertificateName)
		}})
}

// serverCert is a server certificate of an account, immutable once stored:
// a rename, a move or a change of tags replaces it, so an answer may hold
// it. The private key is not kept: nothing ever returns it.
type serverCert struct {
	name, path, id, arn string
	body, chain         string // chain: "" when none was uploaded
	hasChain            bool
	uploaded, expires   time.Time   // whole seconds, UTC; expires is the body's NotAfter
	tags                []types.Tag // in the order first given; never written in place
	tagsByKey           []sortedTag // tags sorted by key, as ListServerCertificateTags lists them
}

func serverCertificateARN(acct, path, name string) string {
	return "arn:aws:iam::" + acct + ":server-certificate" + path + name
}

// serverCert finds a server certificate by name ignoring case; nil when
// there is none.
func (a *account) serverCert(name string) *serverCert { return a.serverCerts[strings.ToLower(name)] }

// putServerCert puts c into its account's indexes, in listing order (by
// name ignoring case), replacing old (nil: none), which may have had
// another name.
func (a *account) putServerCert(old, c *serverCert) {
	if old != nil {
		a.dropServerCert(old)
	}
	if a.serverCerts == nil {
		a.serverCerts = map[string]*serverCert{}
	}
	a.serverCerts[strings.ToLower(c.name)] = c
	a.serverCertList = addByName(a.serverCertList, c, serverCertName) // in place (state.go: account)
}

func serverCertName(c *serverCert) string { return c.name }

// dropServerCert takes c out of its account's indexes.
func (a *account) dropServerCert(c *serverCert) {
	delete(a.serverCerts, strings.ToLower(c.name))
	a.serverCertList = removeFrom(a.serverCertList, c)
}

// newServerCertificateIDLocked is a new server certificate id: ASCA and 17
// characters of A-Z and 2-7, as IAM's (ids.next does not repeat).
func (f *Fake) newServerCertificateIDLocked() string { return "ASCA" + f.ids.next("servercert", 17) }

// uploadServerCertificate: (validation) → name taken → the body, its
// validity, the key, the pair, the chain → the account's quota → stored,
// its tags sorted by key in the answer. The order after the name is a
// choice (docs/contract.md). The certificate is checked before the lock
// is taken; its result is reported in that order.
func (f *Fake) uploadServerCertificate(a *attempt, in *iam.UploadServerCertificateInput) (result[iam.UploadServerCertificateOutput], *Error) {
	var none result[iam.UploadServerCertificateOutput]
	// Validation decoded a plain PEM body (plainPEMShortcut); any other
	// is decoded here.
	cb := certificateBody{body: *in.CertificateBody, der: a.decoded}
	if cb.der == nil {
		cb = readCertificateBody(cb.body)
	}
	now := f.nowFor(a)
	expires, checked := checkedServerCertificate(cb, *in.PrivateKey, in.CertificateChain, now) // CPU only: outside the lock
	tagErr := checkCaseKeptTagRules(in.Tags)
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	acct := a.caller.account
	if acct.serverCert(*in.ServerCertificateName) != nil {
		return none, errServerCertificateExists(*in.ServerCertificateName)
	}
	if tagErr != nil {
		return none, tagErr
	}
	if checked != nil {
		return none, checked
	}
	if len(acct.serverCertList) >= acct.serverCertQuota {
		return none, errServerCertificateQuota(acct.serverCertQuota)
	}
	c := &serverCert{name: *in.ServerCertificateName, path: pathOr(in.Path), id: f.newServerCertificateIDLocked(),
		body: cb.body, uploaded: now, expires: expires}
	if in.CertificateChain != nil {
		c.chain, c.hasChain = *in.CertificateChain, true
	}
	c.arn = serverCertificateARN(acct.id, c.path, c.name)
	setServerCertTags(c, ownTags(in.Tags))
	acct.putServerCert(nil, c)
	return answerWith(c, func(c *serverCert) *iam.UploadServerCertificateOutput {
		out := &iam.UploadServerCertificateOutput{ServerCertificateMetadata: c.metadata()}
		if len(c.tagsByKey) > 0 {
			out.Tags = sortedTags(c.tagsByKey) // "sorted by tag key" (model)
		}
		return out
	}), nil
}

// getServerCertificate: (validation) → the certificate exists → its
// metadata, body, chain (when one was uploaded) and tags: Tags is present,
// and empty, when it has none (recorded). Never the private key.
func (f *Fake) getServerCertificate(a *attempt, in *iam.GetServerCertificateInput) (result[iam.GetServerCertificateOutput], *Error) {
	var none result[iam.GetServerCertificateOutput]
	f.mu.RLock()
	defer f.mu.RUnlock()
	c, err := f.findServerCert(a.caller, in.ServerCertificateName)
	if err != nil {
		return none, err
	}
	return answerWith(c, func(c *serverCert) *iam.GetServerCertificateOutput {
		s := new(struct {
			cert        types.ServerCertificate
			body, chain string
		})
		s.body, s.chain = c.body, c.chain
		s.cert = types.ServerCertificate{ServerCertificateMetadata: c.metadata(), CertificateBody: &s.body, Tags: sortedTags(c.tagsByKey)}
		if c.hasChain {
			s.cert.CertificateChain = &s.chain
		}
		return &iam.GetServerCertificateOutput{ServerCertificate: &s.cert}
	}), nil
}

// findServerCert is the caller's account's certificate named name, or
// IAM's NoSuchEntity. Call with f.mu held.
func (f *Fake) findServerCert(caller *principal, name *string) (*serverCert, *Error) {
	if err := f.current(caller); err != nil {
		return nil, err
	}
	c := caller.account.serverCert(*name)
	if c == nil {
		return nil, errNoSuchServerCertificate(*name)
	}
	return c, nil
}

// listServerCertificates: (validation) → marker → the certificates whose
// path starts with PathPrefix (a plain string prefix: model), by name
// ignoring case, without tags.
func (f *Fake) listServerCertificates(a *attempt, in *iam.ListServerCertificatesInput) (result[iam.ListServerCertificatesOutput], *Error) {
	var none result[iam.ListServerCertificatesOutput]
	limit := pageLimit(in.MaxItems, a)
	prefix := pathOr(in.PathPrefix)
	f.mu.RLock()
	defer f.mu.RUnlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	acct := a.caller.account
	name := serverCertName
	keep := pathFilter(prefix, func(c *serverCert) string { return c.path })
	start, err := nameStart(f, ListServerCertificates, acct.id, "", acct.serverCertList, name, in.Marker)
	if err != nil {
		return none, err
	}
	end, next := nameEnd(f, ListServerCertificates, acct.id, "", acct.serverCertList, name, keep, start, limit)
	type listed struct {
		page   []*serverCert // records are immutable, and the page is a copy of the list's
		marker string
	}
	page := make([]*serverCert, 0, end-start)
	for _, c := range acct.serverCertList[start:end] {
		if keeps(keep, c) {
			page = append(page, c)
		}
	}
	return answerWith(listed{page, next}, func(l listed) *iam.ListServerCertificatesOutput {
		// One allocation per kind for the whole page.
		ms := make([]types.ServerCertificateMetadata, len(l.page))
		strs, dates := make([]string, 4*len(l.page)), make([]time.Time, 2*len(l.page))
		for i, c := range l.page {
			s, d := strs[4*i:4*i+4:4*i+4], dates[2*i:2*i+2:2*i+2]
			s[0], s[1], s[2], s[3], d[0], d[1] = c.path, c.name, c.id, c.arn, c.uploaded, c.expires
			ms[i] = types.ServerCertificateMetadata{Path: &s[0], ServerCertificateName: &s[1], ServerCertificateId: &s[2], Arn: &s[3], UploadDate: &d[0], Expiration: &d[1]}
		}
		out := &iam.ListServerCertificatesOutput{ServerCertificateMetadataList: ms}
		out.IsTruncated, out.Marker = pageEnd(l.marker)
		return out
	}), nil
}

// updateServerCertificate: (validation) → the certificate exists → the
// new name taken by another certificate → renamed and/or moved. Its id,
// upload date, body, chain and tags stay; the Arn follows.
func (f *Fake) updateServerCertificate(a *attempt, in *iam.UpdateServerCertificateInput) (result[iam.UpdateServerCertificateOutput], *Error) {
	var none result[iam.UpdateServerCertificateOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	c, err := f.findServerCert(a.caller, in.ServerCertificateName)
	if err != nil {
		return none, err
	}
	acct := a.caller.account
	next := *c
	if in.NewServerCertificateName != nil {
		if other := acct.serverCert(*in.NewServerCertificateName); other != nil && other != c {
			return none, errServerCertificateExists(*in.NewServerCertificateName)
		}
		next.name = *in.NewServerCertificateName
	}
	if in.NewPath != nil {
		next.path = *in.NewPath
	}
	next.arn = serverCertificateARN(acct.id, next.path, next.name)
	acct.putServerCert(c, &next)
	return answerEmpty[iam.UpdateServerCertificateOutput](), nil
}

// deleteServerCertificate: (validation) → the certificate exists → gone.
// (IAM refuses with DeleteConflict while a load balancer or CloudFront
// uses it; nothing in the fake does.)
func (f *Fake) deleteServerCertificate(a *attempt, in *iam.DeleteServerCertificateInput) (result[iam.DeleteServerCertificateOutput], *Error) {
	var none result[iam.DeleteServerCertificateOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	c, err := f.findServerCert(a.caller, in.ServerCertificateName)
	if err != nil {
		return none, err
	}
	a.caller.account.dropServerCert(c)
	return answerEmpty[iam.DeleteServerCertificateOutput](), nil
}

// tagServerCertificate: (validation) → the certificate exists → the
// request's tag rules → the quota on the merged set → tagged. A key it has
// (exactly: keys are case sensitive) gets the new value in its place; a new
// key comes last.
func (f *Fake) tagServerCertificate(a *attempt, in *iam.TagServerCertificateInput) (result[iam.TagServerCertificateOutput], *Error) {
	var none result[iam.TagServerCertificateOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	c, err := f.findServerCert(a.caller, in.ServerCertificateName)
	if err != nil {
		return none, err
	}
	merged, err := mergeCaseKeptTags(c.tags, in.Tags, tagsPerServerCertificate,
		func() *Error { return errServerCertificateTagQuota(tagsPerServerCertificate) })
	if err != nil {
		return none, err
	}
	next := *c
	setServerCertTags(&next, merged)
	a.caller.account.putServerCert(c, &next)
	return answerEmpty[iam.TagServerCertificateOutput](), nil
}

// untagServerCertificate: (validation) → the certificate exists → the keys
// removed (exactly: case sensitive); a key it does not have is no error.
func (f *Fake) untagServerCertificate(a *attempt, in *iam.UntagServerCertificateInput) (result[iam.UntagServerCertificateOutput], *Error) {
	var none result[iam.UntagServerCertificateOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	c, err := f.findServerCert(a.caller, in.ServerCertificateName)
	if err != nil {
		return none, err
	}
	if kept, changed := untagged(c.tags, in.TagKeys); changed {
		next := *c
		setServerCertTags(&next, kept)
		a.caller.account.putServerCert(c, &next)
	}
	return answerEmpty[iam.UntagServerCertificateOutput](), nil
}

// listServerCertificateTags: (validation) → the certificate exists →
// marker (bound to the certificate's id) → its tags sorted by key.
func (f *Fake) listServerCertificateTags(a *attempt, in *iam.ListServerCertificateTagsInput) (result[iam.ListServerCertificateTagsOutput], *Error) {
	var none result[iam.ListServerCertificateTagsOutput]
	limit := pageLimit(in.MaxItems, a)
	f.mu.RLock()
	defer f.mu.RUnlock()
	c, err := f.findServerCert(a.caller, in.ServerCertificateName)
	if err != nil {
		return none, err
	}
	acct := a.caller.account.id
	items := c.tagsByKey
	start := 0
	if in.Marker != nil {
		pos, ok := f.decodeMarker(ListServerCertificateTags, acct, c.id, *in.Marker)
		if !ok {
			return none, errValidation(msgInvalidMarker)
		}
		start = sort.Search(len(items), func(i int) bool { return userTagPages.after(items[i], pos) })
	}
	end := min(start+limit, len(items))
	var next string
	if end < len(items) {
		next = f.encodeMarker(ListServerCertificateTags, acct, c.id, userTagPages.pos(items[end-1]))
	}
	type listed struct {
		page   []sortedTag // replaced whole on a change, never written
		marker string
	}
	return answerWith(listed{items[start:end:end], next}, func(l listed) *iam.ListServerCertificateTagsOutput {
		out := &iam.ListServerCertificateTagsOutput{Tags: sortedTags(l.page)}
		out.IsTruncated, out.Marker = pageEnd(l.marker)
		return out
	}), nil
}

// ownTags is a copy of a request's tags that the fake owns: the SDK door
// hands it the caller's values.
func ownTags(tags []types.Tag) []types.Tag {
	out := make([]types.Tag, len(tags))
	for i, t := range tags {
		key, value := *t.Key, *t.Value
		out[i] = types.Tag{Key: &key, Value: &value}
	}
	return out
}

// setServerCertTags makes tags c's, and its sorted view.
func setServerCertTags(c *serverCert, tags []types.Tag) { setCaseKeptTags(&c.tags, &c.tagsByKey, tags) }

// sortedTags is the SDK's tags for a sorted set, fresh; an empty non-nil
// slice when there are none.
func sortedTags(tags []sortedTag) []types.Tag {
	out := make([]types.Tag, len(tags))
	strs := make([]string, 2*len(tags))
	for i, t := range tags {
		strs[2*i], strs[2*i+1] = t.key, t.value
		out[i] = types.Tag{Key: &strs[2*i], Value: &strs[2*i+1]}
	}
	return out
}

// metadata is the SDK's ServerCertificateMetadata of c, fresh: one
// allocation.
func (c *serverCert) metadata() *types.ServerCertificateMetadata {
	s := new(struct {
		m                   types.ServerCertificateMetadata
		path, name, id, arn string
		uploaded, expires   time.Time
	})
	s.path, s.name, s.id, s.arn, s.uploaded, s.expires = c.path, c.name, c.id, c.arn, c.uploaded, c.expires
	s.m = types.ServerCertificateMetadata{Path: &s.path, ServerCertificateName: &s.name, ServerCertificateId: &s.id, Arn: &s.arn,
		UploadDate: &s.uploaded, Expiration: &s.expires}
	return &s.m
}

// ServerCertificateSeed describes a server certificate to seed in the
// enclosing account (the default account outside Account):
//
//	fakeiam.ServerCertificate("web").Path("/cloudfront/").Tag("env", "prod")
//
// Its methods return a new seed, as PrincipalSeed's do. Without Body it
// holds ServerCertificatePEM(name)'s certificate and key, without a chain.
// New refuses what UploadServerCertificate would, naming the certificate
// and the problem: a bad name, path or tag, a name taken (ignoring case), a
// body or key that is not PEM, a key that does not match the body, a chain
// that does not lead from it, the quota (ServerCertificatesPerAccount lifts
// it). The validity dates are not checked: a certificate uploaded while
// valid may have expired since.
type ServerCertificateSeed struct {
	name      string
	path      *string
	body, key string
	chain     *string
	uploaded  time.Time
	tags      []types.Tag
}

// ServerCertificate seeds a server certificate named name, with path "/",
// uploaded when New runs.
func ServerCertificate(name string) *ServerCertificateSeed {
	return &ServerCertificateSeed{name: name}
}

// Path returns the seed with its path set (default "/").
func (s *ServerCertificateSeed) Path(path string) *ServerCertificateSeed {
	c := s.clone()
	c.path = &path
	return c
}

// Body returns the seed with its PEM certificate and private key set.
func (s *ServerCertificateSeed) Body(certificate, privateKey string) *ServerCertificateSeed {
	c := s.clone()
	c.body, c.key = certificate, privateKey
	return c
}

// Chain returns the seed with its PEM certificate chain set (default:
// none).
func (s *ServerCertificateSeed) Chain(chain string) *ServerCertificateSeed {
	c := s.clone()
	c.chain = &chain
	return c
}

// UploadedAt returns the seed with its upload date set (default: the
// fake's time when New runs).
func (s *ServerCertificateSeed) UploadedAt(t time.Time) *ServerCertificateSeed {
	c := s.clone()
	c.uploaded = t
	return c
}

// Tag returns the seed with a tag added.
func (s *ServerCertificateSeed) Tag(key, value string) *ServerCertificateSeed {
	c := s.clone()
	c.tags = append(c.tags, types.Tag{Key: &key, Value: &value})
	return c
}

func (s *ServerCertificateSeed) clone() *ServerCertificateSeed {
	if s == nil {
		return &ServerCertificateSeed{}
	}
	c := *s
	c.tags = slices.Clone(s.tags)
	return &c
}

func (s *ServerCertificateSeed) configure(c *config) error {
	if s == nil {
		return errors.New("nil server certificate seed")
	}
	c.current.serverCerts = append(c.current.serverCerts, s)
	return nil
}

// ServerCertificatesPerAccount lifts (or lowers) IAM's quota of 20 server
// certificates per account, for seeds and UploadServerCertificate alike.
func ServerCertificatesPerAccount(n int) Option {
	return accountOption(func(s *accountSettings) error {
		if n < 0 {
			return fmt.Errorf("ServerCertificatesPerAccount(%d): a quota is at least 0", n)
		}
		s.serverCertQuota = &n
		return nil
	})
}

// seedServerCertificates adds the account's seeded server certificates,
// naming every problem of each.
func (f *Fake) seedServerCertificates(a *account, seeds []*ServerCertificateSeed, now time.Time, fail func(string, ...any)) {
	if len(seeds) > a.serverCertQuota {
		fail("account %s: %d server certificates exceed the quota of %d per account (ServerCertificatesPerAccount lifts it)", a.id, len(seeds), a.serverCertQuota)
		return
	}
	for _, ss := range seeds {
		who := "account " + a.id + ": server certificate " + strconv.Quote(ss.name)
		name, body, key := ss.name, ss.body, ss.key
		if body == "" && key == "" {
			body, key, _ = ServerCertificatePEM(name)
		}
		in := &iam.UploadServerCertificateInput{ServerCertificateName: &name, Path: ss.path, CertificateBody: &body, PrivateKey: &key, CertificateChain: ss.chain, Tags: ss.tags}
		if err := lookupOperation(UploadServerCertificate).check.check(in); err != nil {
			fail("%s: %s", who, redactedMessage(err.Message, key))
			continue
		}
		if dup := a.serverCert(name); dup != nil {
			if dup.name == name {
				fail("%s seeded twice", who)
			} else {
				fail("%s and server certificate %q: names are unique regardless of case", who, dup.name)
			}
			continue
		}
		if err := checkCaseKeptTagRules(ss.tags); err != nil {
			fail("%s: %s", who, err.Message)
			continue
		}
		expires, err := checkedServerCertificate(readCertificateBody(body), key, ss.chain, time.Time{})
		if err != nil {
			fail("%s: %s", who, err.Message)
			continue
		}
		c := &serverCert{name: name, path: pathOr(ss.path), id: f.newServerCertificateIDLocked(), body: body, uploaded: now, expires: expires}
		if !ss.uploaded.IsZero() {
			c.uploaded = ss.uploaded.UTC().Truncate(time.Second)
		}
		if ss.chain != nil {
			c.chain, c.hasChain = *ss.chain, true
		}
		c.arn = serverCertificateARN(a.id, c.path, c.name)
		setServerCertTags(c, ownTags(ss.tags))
		a.putServerCert(nil, c)
	}
}

// redactedMessage is a validation message about a seed, with its private
// key (which a pattern failure would echo) replaced by RedactedPassword.
func redactedMessage(msg, key string) string {
	if key == "" {
		return msg
	}
	return strings.ReplaceAll(msg, key, RedactedPassword)
}
