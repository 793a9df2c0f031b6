package fakeiam

import (
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// SAML identity providers: CreateSAMLProvider, GetSAMLProvider,
// ListSAMLProviders, UpdateSAMLProvider, DeleteSAMLProvider,
// TagSAMLProvider, UntagSAMLProvider, ListSAMLProviderTags, with IAM's
// checks in IAM's order (docs/contract.md, "SAML providers"). A provider is
// the account's, named (unique ignoring case; its ARN is
// arn:aws:iam::<account>:saml-provider/<name>), holding the metadata
// document as given, read with encoding/xml (checkSAMLMetadata): an
// EntityDescriptor with an IDPSSODescriptor holding a signing
// certificate. ValidUntil is the document's validUntil. Assertion
// encryption with private keys is not modeled: AddPrivateKey,
// RemovePrivateKey and AssertionEncryptionMode Required are refused as
// unimplemented. The account's state and the tag helpers are in
// oidc_providers.go. Seeding: the SAMLProvider option. Their tests:
// saml_providers_test.go.

// The SAML provider operations.
const (
	CreateSAMLProvider   Operation = "CreateSAMLProvider"
	GetSAMLProvider      Operation = "GetSAMLProvider"
	ListSAMLProviders    Operation = "ListSAMLProviders"
	UpdateSAMLProvider   Operation = "UpdateSAMLProvider"
	DeleteSAMLProvider   Operation = "DeleteSAMLProvider"
	TagSAMLProvider      Operation = "TagSAMLProvider"
	UntagSAMLProvider    Operation = "UntagSAMLProvider"
	ListSAMLProviderTags Operation = "ListSAMLProviderTags"
)

// defaultSAMLProvidersQuota is IAM's quota of SAML providers an account
// (docs; SAMLProvidersPerAccount changes it).
const defaultSAMLProvidersQuota = 100

// samlValidFor is how long a provider is valid when its metadata has no
// validUntil (docs/contract.md: choice).
const samlValidFor = 100

func init() {
	register(opSpec[iam.CreateSAMLProviderInput, iam.CreateSAMLProviderOutput]{Name: CreateSAMLProvider, Handle: (*Fake).createSAMLProvider,
		Redact: func(in *iam.CreateSAMLProviderInput) { redact(&in.AddPrivateKey) },
		Resource: func(_ *Fake, a *attempt, in *iam.CreateSAMLProviderInput) string {
			return samlProviderARN(a.who.Account, deref(in.Name))
		}})
	register(opSpec[iam.GetSAMLProviderInput, iam.GetSAMLProviderOutput]{Name: GetSAMLProvider, Handle: (*Fake).getSAMLProvider,
		Named: named{"SAMLProviderArn", ""}})
	register(opSpec[iam.ListSAMLProvidersInput, iam.ListSAMLProvidersOutput]{Name: ListSAMLProviders, Handle: (*Fake).listSAMLProviders,
		Resource: func(_ *Fake, a *attempt, _ *iam.ListSAMLProvidersInput) string {
			return samlProviderARN(a.who.Account, "")
		}})
	register(opSpec[iam.UpdateSAMLProviderInput, iam.UpdateSAMLProviderOutput]{Name: UpdateSAMLProvider, Handle: (*Fake).updateSAMLProvider,
		Redact: func(in *iam.UpdateSAMLProviderInput) { redact(&in.AddPrivateKey) },
		Named:  named{"SAMLProviderArn", ""}})
	register(opSpec[iam.DeleteSAMLProviderInput, iam.DeleteSAMLProviderOutput]{Name: DeleteSAMLProvider, Handle: (*Fake).deleteSAMLProvider,
		Named: named{"SAMLProviderArn", ""}})
	register(opSpec[iam.TagSAMLProviderInput, iam.TagSAMLProviderOutput]{Name: TagSAMLProvider, Handle: (*Fake).tagSAMLProvider,
		Named: named{"SAMLProviderArn", ""}})
	register(opSpec[iam.UntagSAMLProviderInput, iam.UntagSAMLProviderOutput]{Name: UntagSAMLProvider, Handle: (*Fake).untagSAMLProvider,
		Named: named{"SAMLProviderArn", ""}})
	register(opSpec[iam.ListSAMLProviderTagsInput, iam.ListSAMLProviderTagsOutput]{Name: ListSAMLProviderTags, Handle: (*Fake).listSAMLProviderTags,
		Named: named{"SAMLProviderArn", ""}})
}

// samlProvider is a SAML provider of an account.
type samlProvider struct {
	uuid, name, arn    string
	document           string
	created, validTill time.Time
	tags               []types.Tag // in the order first given; never written in place
	tagsByKey          []sortedTag
}

func samlProviderARN(acct, name string) string {
	return "arn:aws:iam::" + acct + ":saml-provider/" + name
}

// samlByARN finds the account's provider an ARN names, its name exactly;
// nil when there is none.
func (p *identityProviders) samlByARN(acct, arn string) *samlProvider {
	prefix := samlProviderARN(acct, "")
	if !strings.HasPrefix(arn, prefix) {
		return nil
	}
	s := p.saml[strings.ToLower(arn[len(prefix):])]
	if s == nil || s.arn != arn {
		return nil
	}
	return s
}

func (p *identityProviders) putSAML(old, s *samlProvider) {
	if old != nil {
		p.dropSAML(old)
	}
	if p.saml == nil {
		p.saml = map[string]*samlProvider{}
	}
	p.saml[strings.ToLower(s.name)] = s
	i, _ := slices.BinarySearchFunc(p.samlList, s.arn, func(e *samlProvider, arn string) int { return strings.Compare(e.arn, arn) })
	p.samlList = slices.Insert(slices.Clip(p.samlList), i, s)
}

func (p *identityProviders) dropSAML(s *samlProvider) {
	delete(p.saml, strings.ToLower(s.name))
	p.samlList = slices.DeleteFunc(slices.Clone(p.samlList), func(e *samlProvider) bool { return e == s })
}

// The SAML 2.0 metadata and XML signature namespaces.
const (
	samlMetadataNS = "urn:oasis:names:tc:SAML:2.0:metadata"
	xmlDSigNS      = "http://www.w3.org/2000/09/xmldsig#"
)

// samlEntity is what IAM reads of a metadata document.
type samlEntity struct {
	XMLName    xml.Name
	ValidUntil string `xml:"validUntil,attr"`
	IDPs       []struct {
		Keys []struct {
			Use     string `xml:"use,attr"`
			KeyInfo []struct {
				X509Data []struct {
					Certificates []string `xml:"http://www.w3.org/2000/09/xmldsig# X509Certificate"`
				} `xml:"http://www.w3.org/2000/09/xmldsig# X509Data"`
			} `xml:"http://www.w3.org/2000/09/xmldsig# KeyInfo"`
		} `xml:"urn:oasis:names:tc:SAML:2.0:metadata KeyDescriptor"`
	} `xml:"urn:oasis:names:tc:SAML:2.0:metadata IDPSSODescriptor"`
}

// checkedSAMLMetadata is checkSAMLMetadata, remembered: the answers for
// the last documents checked in this process (up to samlMemoSize of them,
// each of up to samlMemoDocBytes; a longer one is checked every time).
// Tests create and update providers from a few metadata documents, and
// the check is most of a call: encoding/xml's tokens and crypto/x509's
// parse took some 44 µs of CreateSAMLProvider's, against a floor of about
// 21 (BenchmarkPairedRatios/op/CreateSAMLProvider at 2.56). A document
// seen for the first time costs what it did: BenchmarkSAMLMetadata.
func checkedSAMLMetadata(doc string) (time.Time, *Error) {
	if len(doc) > samlMemoDocBytes {
		return checkSAMLMetadata(doc)
	}
	c, ok := checkedSAMLDocs.lookup(doc) // not get: the key remembered is a copy
	if !ok {
		until, err := checkSAMLMetadata(doc)
		c = samlChecked{until: until, ok: err == nil}
		checkedSAMLDocs.remember(strings.Clone(doc), c) // doc may be a slice of a whole request body
	}
	if !c.ok {
		return time.Time{}, errSAMLMetadata() // checkSAMLMetadata's only refusal
	}
	return c.until, nil
}

// samlChecked is what checkSAMLMetadata answered for a document.
type samlChecked struct {
	until time.Time
	ok    bool
}

const (
	samlMemoSize     = 64
	samlMemoDocBytes = 64 << 10 // metadata documents are some 2 to 10 KB
)

var checkedSAMLDocs = memo[string, samlChecked]{most: samlMemoSize}

// checkSAMLMetadata reads a metadata document as IAM requires it
// (docs/contract.md): well-formed XML whose one root is an
// EntityDescriptor of the SAML 2.0 metadata namespace, holding an
// IDPSSODescriptor with a KeyDescriptor for signing (use "signing", or no
// use) whose X509Certificate is a base64 X.509 certificate crypto/x509
// parses; a validUntil, when present, an xs:dateTime. It returns the
// validUntil (zero when absent), or IAM's refusal. Any input gives one
// of the two, never a panic (FuzzCheckSAMLMetadata).
func checkSAMLMetadata(doc string) (time.Time, *Error) {
	dec := xml.NewDecoder(strings.NewReader(doc))
	var e samlEntity
	if err := dec.Decode(&e); err != nil {
		return time.Time{}, errSAMLMetadata()
	}
	for { // nothing but white space, comments and processing instructions after the root
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return time.Time{}, errSAMLMetadata()
		}
		switch t := tok.(type) {
		case xml.CharData:
			if strings.TrimSpace(string(t)) != "" {
				return time.Time{}, errSAMLMetadata()
			}
		case xml.Comment, xml.ProcInst:
		default:
			return time.Time{}, errSAMLMetadata()
		}
	}
	if e.XMLName.Space != samlMetadataNS || e.XMLName.Local != "EntityDescriptor" {
		return time.Time{}, errSAMLMetadata()
	}
	var until time.Time
	if e.ValidUntil != "" {
		t, ok := parseXSDateTime(e.ValidUntil)
		if !ok {
			return time.Time{}, errSAMLMetadata()
		}
		until = t
	}
	for _, idp := range e.IDPs {
		for _, k := range idp.Keys {
			if k.Use != "" && k.Use != "signing" {
				continue
			}
			for _, ki := range k.KeyInfo {
				for _, d := range ki.X509Data {
					for _, c := range d.Certificates {
						if signingCertificate(c) {
							return until, nil
						}
					}
				}
			}
		}
	}
	return time.Time{}, errSAMLMetadata()
}

// signingCertificate reports whether b64 (white space allowed) is an X.509
// certificate.
func signingCertificate(b64 string) bool {
	der, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(b64), ""))
	if err != nil || len(der) == 0 {
		return false
	}
	_, err = x509.ParseCertificate(der)
	return err == nil
}

// parseXSDateTime reads an xs:dateTime: with a zone, or without (UTC).
func parseXSDateTime(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC().Truncate(time.Second), true
		}
	}
	return time.Time{}, false
}

// validUntil is a provider's ValidUntil: the document's, else samlValidFor
// years after its creation.
func validUntil(docUntil, created time.Time) time.Time {
	if !docUntil.IsZero() {
		return docUntil
	}
	return created.AddDate(samlValidFor, 0, 0)
}

// checkSAMLParameters refuses, loudly, what the fake does not model:
// private keys for assertion encryption, and encryption Required (which
// needs one).
func checkSAMLParameters(op Operation, mode types.AssertionEncryptionModeType, add, remove *string) *Error {
	switch {
	case add != nil:
		return errUnsupportedParameter(op, "AddPrivateKey")
	case remove != nil:
		return errUnsupportedParameter(op, "RemovePrivateKey")
	case mode == types.AssertionEncryptionModeTypeRequired:
		return errUnsupportedParameter(op, "AssertionEncryptionMode Required")
	}
	return nil
}

// createSAMLProvider: (validation) → what the fake does not model → the
// name taken (ignoring case) → the tag rules → the metadata → the
// account's quota → stored.
func (f *Fake) createSAMLProvider(a *attempt, in *iam.CreateSAMLProviderInput) (result[iam.CreateSAMLProviderOutput], *Error) {
	var none result[iam.CreateSAMLProviderOutput]
	if err := checkSAMLParameters(CreateSAMLProvider, in.AssertionEncryptionMode, in.AddPrivateKey, nil); err != nil {
		return none, err
	}
	docUntil, docErr := checkedSAMLMetadata(*in.SAMLMetadataDocument) // CPU only: outside the lock
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	acct := a.caller.account
	p := &acct.idp
	if p.saml[strings.ToLower(*in.Name)] != nil {
		return none, errSAMLProviderExists(*in.Name)
	}
	if err := checkCaseKeptTagRules(in.Tags); err != nil {
		return none, err
	}
	if docErr != nil {
		return none, docErr
	}
	if len(p.samlList) >= p.samlQuota {
		return none, errSAMLProviderQuota(p.samlQuota)
	}
	now := f.nowFor(a)
	s := &samlProvider{uuid: f.ids.next("saml", 22), name: *in.Name, arn: samlProviderARN(acct.id, *in.Name), document: *in.SAMLMetadataDocument,
		created: now, validTill: validUntil(docUntil, now)}
	setCaseKeptTags(&s.tags, &s.tagsByKey, ownTags(in.Tags))
	p.putSAML(nil, s)
	return answerWith(s, func(s *samlProvider) *iam.CreateSAMLProviderOutput {
		arn := s.arn
		out := &iam.CreateSAMLProviderOutput{SAMLProviderArn: &arn}
		if len(s.tagsByKey) > 0 {
			out.Tags = sortedTags(s.tagsByKey)
		}
		return out
	}), nil
}

// findSAML is the caller's account's provider arn names, or NoSuchEntity.
// Call with f.mu held.
func (f *Fake) findSAML(caller *principal, arn string) (*samlProvider, *Error) {
	if err := f.current(caller); err != nil {
		return nil, err
	}
	s := caller.account.idp.samlByARN(caller.account.id, arn)
	if s == nil {
		return nil, errNoSuchSAMLProvider(arn)
	}
	return s, nil
}

// getSAMLProvider: (validation) → the provider exists → its uuid, the
// document as given, dates, tags sorted by key (present, maybe empty),
// AssertionEncryptionMode Allowed and no private keys (recorded).
func (f *Fake) getSAMLProvider(a *attempt, in *iam.GetSAMLProviderInput) (result[iam.GetSAMLProviderOutput], *Error) {
	var none result[iam.GetSAMLProviderOutput]
	f.mu.RLock()
	defer f.mu.RUnlock()
	s, err := f.findSAML(a.caller, *in.SAMLProviderArn)
	if err != nil {
		return none, err
	}
	return answerWith(s, func(s *samlProvider) *iam.GetSAMLProviderOutput {
		v := new(struct {
			uuid, doc        string
			created, expires time.Time
		})
		v.uuid, v.doc, v.created, v.expires = s.uuid, s.document, s.created, s.validTill
		return &iam.GetSAMLProviderOutput{SAMLProviderUUID: &v.uuid, SAMLMetadataDocument: &v.doc, CreateDate: &v.created, ValidUntil: &v.expires,
			Tags: sortedTags(s.tagsByKey), AssertionEncryptionMode: types.AssertionEncryptionModeTypeAllowed, PrivateKeyList: []types.SAMLPrivateKey{}}
	}), nil
}

// listSAMLProviders: every provider's ARN, ValidUntil and CreateDate, by
// ARN (the model pages nothing).
func (f *Fake) listSAMLProviders(a *attempt, _ *iam.ListSAMLProvidersInput) (result[iam.ListSAMLProvidersOutput], *Error) {
	var none result[iam.ListSAMLProvidersOutput]
	f.mu.RLock()
	defer f.mu.RUnlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	list := a.caller.account.idp.samlList // replaced whole on a write, never written
	return answerWith(list, func(list []*samlProvider) *iam.ListSAMLProvidersOutput {
		entries := make([]types.SAMLProviderListEntry, len(list))
		arns, dates := make([]string, len(list)), make([]time.Time, 2*len(list))
		for i, s := range list {
			arns[i], dates[2*i], dates[2*i+1] = s.arn, s.validTill, s.created
			entries[i] = types.SAMLProviderListEntry{Arn: &arns[i], ValidUntil: &dates[2*i], CreateDate: &dates[2*i+1]}
		}
		return &iam.ListSAMLProvidersOutput{SAMLProviderList: entries}
	}), nil
}

// updateSAMLProvider: (validation) → what the fake does not model → the
// provider exists → the new document, when given, checked and stored with
// its ValidUntil → the provider's ARN.
func (f *Fake) updateSAMLProvider(a *attempt, in *iam.UpdateSAMLProviderInput) (result[iam.UpdateSAMLProviderOutput], *Error) {
	var none result[iam.UpdateSAMLProviderOutput]
	if err := checkSAMLParameters(UpdateSAMLProvider, in.AssertionEncryptionMode, in.AddPrivateKey, in.RemovePrivateKey); err != nil {
		return none, err
	}
	var docUntil time.Time
	var docErr *Error
	if in.SAMLMetadataDocument != nil {
		docUntil, docErr = checkedSAMLMetadata(*in.SAMLMetadataDocument)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	s, err := f.findSAML(a.caller, *in.SAMLProviderArn)
	if err != nil {
		return none, err
	}
	if docErr != nil {
		return none, docErr
	}
	if in.SAMLMetadataDocument != nil {
		next := *s
		next.document, next.validTill = *in.SAMLMetadataDocument, validUntil(docUntil, s.created)
		a.caller.account.idp.putSAML(s, &next)
	}
	arn := s.arn
	return answerWith(arn, func(arn string) *iam.UpdateSAMLProviderOutput {
		return &iam.UpdateSAMLProviderOutput{SAMLProviderArn: &arn}
	}), nil
}

// deleteSAMLProvider: (validation) → the provider exists (recorded) → gone.
func (f *Fake) deleteSAMLProvider(a *attempt, in *iam.DeleteSAMLProviderInput) (result[iam.DeleteSAMLProviderOutput], *Error) {
	var none result[iam.DeleteSAMLProviderOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	s, err := f.findSAML(a.caller, *in.SAMLProviderArn)
	if err != nil {
		return none, err
	}
	a.caller.account.idp.dropSAML(s)
	return answerEmpty[iam.DeleteSAMLProviderOutput](), nil
}

// tagSAMLProvider: (validation) → the provider exists → the tag rules →
// the quota on the merged set → tagged.
func (f *Fake) tagSAMLProvider(a *attempt, in *iam.TagSAMLProviderInput) (result[iam.TagSAMLProviderOutput], *Error) {
	var none result[iam.TagSAMLProviderOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	s, err := f.findSAML(a.caller, *in.SAMLProviderArn)
	if err != nil {
		return none, err
	}
	merged, err := mergeCaseKeptTags(s.tags, in.Tags, caseKeptTagsQuota, errCaseKeptTagQuota)
	if err != nil {
		return none, err
	}
	next := *s
	setCaseKeptTags(&next.tags, &next.tagsByKey, merged)
	a.caller.account.idp.putSAML(s, &next)
	return answerEmpty[iam.TagSAMLProviderOutput](), nil
}

// untagSAMLProvider: (validation) → the provider exists → the keys removed
// (exactly); a key it does not have is no error.
func (f *Fake) untagSAMLProvider(a *attempt, in *iam.UntagSAMLProviderInput) (result[iam.UntagSAMLProviderOutput], *Error) {
	var none result[iam.UntagSAMLProviderOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	s, err := f.findSAML(a.caller, *in.SAMLProviderArn)
	if err != nil {
		return none, err
	}
	if kept, changed := untagged(s.tags, in.TagKeys); changed {
		next := *s
		setCaseKeptTags(&next.tags, &next.tagsByKey, kept)
		a.caller.account.idp.putSAML(s, &next)
	}
	return answerEmpty[iam.UntagSAMLProviderOutput](), nil
}

// listSAMLProviderTags: (validation) → the provider exists → marker (bound
// to the provider) → its tags sorted by key.
func (f *Fake) listSAMLProviderTags(a *attempt, in *iam.ListSAMLProviderTagsInput) (result[iam.ListSAMLProviderTagsOutput], *Error) {
	var none result[iam.ListSAMLProviderTagsOutput]
	limit := pageLimit(in.MaxItems, a)
	f.mu.RLock()
	defer f.mu.RUnlock()
	s, err := f.findSAML(a.caller, *in.SAMLProviderArn)
	if err != nil {
		return none, err
	}
	page, next, err := f.tagPage(ListSAMLProviderTags, a.caller.account.id, s.uuid, s.tagsByKey, in.Marker, limit)
	if err != nil {
		return none, err
	}
	return answerWith(tagPageOf{page, next}, func(l tagPageOf) *iam.ListSAMLProviderTagsOutput {
		out := &iam.ListSAMLProviderTagsOutput{Tags: sortedTags(l.page)}
		out.IsTruncated, out.Marker = pageEnd(l.marker)
		return out
	}), nil
}

// SAMLMetadata returns a SAML 2.0 metadata document for an identity
// provider entityID that CreateSAMLProvider accepts: an EntityDescriptor
// with an IDPSSODescriptor, CertificatePEM(entityID) as its signing
// certificate, and single sign-on at entityID + "/sso". The same entityID
// gives the same document.
func SAMLMetadata(entityID string) string {
	block, _ := pem.Decode([]byte(CertificatePEM(entityID)))
	var cert string
	if block != nil {
		cert = base64.StdEncoding.EncodeToString(block.Bytes)
	}
	esc := func(s string) string {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder does not fail
		return strings.ReplaceAll(b.String(), `"`, "&#34;")
	}
	id := esc(entityID)
	return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="` + id + `">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
        <ds:X509Data>
          <ds:X509Certificate>` + cert + `</ds:X509Certificate>
        </ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="` + id + `/sso"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="` + id + `/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`
}

// SAMLProviderSeed describes a SAML provider to seed in the enclosing
// account (the default account outside Account):
//
//	fakeiam.SAMLProvider("okta", fakeiam.SAMLMetadata("https://example.okta.com")).Tag("team", "sso")
//
// Its methods return a new seed. New refuses what CreateSAMLProvider
// would, naming the provider and the problem: a bad name, metadata IAM
// cannot read, a bad tag, a name seeded twice (ignoring case), more
// providers than SAMLProvidersPerAccount.
type SAMLProviderSeed struct {
	name, metadata string
	created        time.Time
	tags           []types.Tag
}

// SAMLProvider seeds a SAML provider named name with the metadata document
// metadata ("": SAMLMetadata("https://" + name + ".example.com")), created
// when New runs.
func SAMLProvider(name, metadata string) *SAMLProviderSeed {
	return &SAMLProviderSeed{name: name, metadata: metadata}
}

// CreatedAt returns the seed with its creation date set (default: the
// fake's time when New runs).
func (s *SAMLProviderSeed) CreatedAt(t time.Time) *SAMLProviderSeed {
	c := s.clone()
	c.created = t
	return c
}

// Tag returns the seed with a tag added.
func (s *SAMLProviderSeed) Tag(key, value string) *SAMLProviderSeed {
	c := s.clone()
	c.tags = append(c.tags, types.Tag{Key: &key, Value: &value})
	return c
}

func (s *SAMLProviderSeed) clone() *SAMLProviderSeed {
	if s == nil {
		return &SAMLProviderSeed{}
	}
	c := *s
	c.tags = slices.Clone(s.tags)
	return &c
}

func (s *SAMLProviderSeed) configure(c *config) error {
	if s == nil {
		return errors.New("nil SAML provider seed")
	}
	c.current.saml = append(c.current.saml, s)
	return nil
}

// SAMLProvidersPerAccount lifts (or lowers) IAM's quota of 100 SAML
// providers per account, for seeds and CreateSAMLProvider alike.
func SAMLProvidersPerAccount(n int) Option {
	return providerQuota("SAMLProvidersPerAccount", n, func(q *providerQuotas) **int { return &q.saml })
}

func (f *Fake) seedSAMLProviders(a *account, seeds []*SAMLProviderSeed, now time.Time, fail func(string, ...any)) {
	p := &a.idp
	if len(seeds) > p.samlQuota {
		fail("account %s: %d SAML providers exceed the quota of %d per account (SAMLProvidersPerAccount lifts it)", a.id, len(seeds), p.samlQuota)
		return
	}
	for _, s := range seeds {
		who := "account " + a.id + ": SAML provider " + strconv.Quote(s.name)
		name, doc := s.name, s.metadata
		if doc == "" {
			doc = SAMLMetadata("https://" + name + ".example.com")
		}
		in := &iam.CreateSAMLProviderInput{Name: &name, SAMLMetadataDocument: &doc, Tags: s.tags}
		if err := lookupOperation(CreateSAMLProvider).check.check(in); err != nil {
			fail("%s: %s", who, err.Message)
			continue
		}
		if dup := p.saml[strings.ToLower(name)]; dup != nil {
			if dup.name == name {
				fail("%s seeded twice", who)
			} else {
				fail("%s and SAML provider %q: names are unique regardless of case", who, dup.name)
			}
			continue
		}
		if err := checkCaseKeptTagRules(s.tags); err != nil {
			fail("%s: %s", who, err.Message)
			continue
		}
		docUntil, err := checkedSAMLMetadata(doc)
		if err != nil {
			fail("%s: %s (an EntityDescriptor with an IDPSSODescriptor holding a signing X509Certificate)", who, err.Message)
			continue
		}
		created := now
		if !s.created.IsZero() {
			created = s.created.UTC().Truncate(time.Second)
		}
		sp := &samlProvider{uuid: f.ids.next("saml", 22), name: name, arn: samlProviderARN(a.id, name), document: doc, created: created, validTill: validUntil(docUntil, created)}
		setCaseKeptTags(&sp.tags, &sp.tagsByKey, ownTags(s.tags))
		p.putSAML(nil, sp)
	}
}
