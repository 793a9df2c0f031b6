package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// The seed file: JSON describing what the endpoint starts with. Every field
// is optional. Top-level users, roles and root belong to the default account
// (123456789012); "accounts" adds others.
//
//	{
//	  "root":  {"accessKeys": [{"id": "AKIA...", "secret": "..."}],
//	            "signingCertificates": [{}]},
//	  "users": [{"name": "Bob", "path": "/engineering/", "createDate": "2020-02-03T04:05:06Z",
//	             "tags": [{"key": "team", "value": "payments"}],
//	             "accessKeys": [{"id": "AKIABOBEXAMPLE000001", "secret": "bob-secret",
//	                             "status": "Inactive", "createDate": "2021-01-01T00:00:00Z"}],
//	             "signingCertificates": [{"id": "...", "body": "-----BEGIN CERTIFICATE-----...",
//	                                      "status": "Active", "uploadDate": "2013-06-06T21:40:08Z"},
//	                                     {"bodyFile": "bob.pem"}]}],
//	  "roles": [{"name": "deployer", "accessKeys": [...]}],
//	  "certificatesPerUser": 2,
//	  "rootUserName": "<root_account>",
//	  "accounts": [{"id": "210987654321", "users": [...], "roles": [...], "root": {...}}]
//	}
//
// A certificate's or key's zero fields get the builders' defaults (a
// generated body, an id, Active, the current time); "bodyFile" reads the
// body from a file relative to the seed file. Every value is checked with
// the builders' rules; errors name the file, the place in it and the
// problem.
type seedFile struct {
	accountSeed
	Accounts []accountSeed `json:"accounts"`
}

type accountSeed struct {
	ID                  string          `json:"id"`
	Root                *principalSeed  `json:"root"`
	Users               []principalSeed `json:"users"`
	Roles               []principalSeed `json:"roles"`
	CertificatesPerUser *int            `json:"certificatesPerUser"`
	RootUserName        *string         `json:"rootUserName"`
}

type principalSeed struct {
	Path                string        `json:"path"` // users: "/division/"; default "/"
	Tags                []tagSeed     `json:"tags"`
	CreateDate          string        `json:"createDate"` // RFC 3339; default: when the endpoint starts
	Name                string        `json:"name"`
	AccessKeys          []keySeed     `json:"accessKeys"`
	SigningCertificates []certificate `json:"signingCertificates"`
}

type keySeed struct {
	ID         string `json:"id"`
	Secret     string `json:"secret"`
	Status     string `json:"status"`     // Active (default) or Inactive
	CreateDate string `json:"createDate"` // RFC 3339; default: the principal's
}

type tagSeed struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type certificate struct {
	ID         string `json:"id"`
	Body       string `json:"body"`
	BodyFile   string `json:"bodyFile"`
	Status     string `json:"status"`
	UploadDate string `json:"uploadDate"`
}

// loadSeed reads a seed file into options. Errors name the file, the place
// in it and the problem.
func loadSeed(path string) ([]fakeiam.Option, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	opts, err := parseSeed(data, filepath.Dir(path))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return opts, nil
}

func parseSeed(data []byte, dir string) ([]fakeiam.Option, error) {
	var sf seedFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sf); err != nil {
		return nil, jsonError(data, dec, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("more than one JSON value")
	}
	if sf.ID != "" {
		return nil, errors.New(`id: the top level is the default account; put other accounts in "accounts"`)
	}
	var errs []error
	// The top level is the default account, settings included.
	opts := []fakeiam.Option{fakeiam.Account(fakeiam.DefaultAccountID, sf.accountSeed.options("", fakeiam.DefaultAccountID, dir, &errs)...)}
	for i, a := range sf.Accounts {
		at := fmt.Sprintf("accounts[%d]", i)
		if a.ID == "" {
			errs = append(errs, fmt.Errorf("%s: id: missing (12 digits)", at))
			continue
		}
		opts = append(opts, fakeiam.Account(a.ID, a.options(at+".", a.ID, dir, &errs)...))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	// What no single principal shows (the same certificate or key id on
	// two of them) the builders check on the whole seed, naming both.
	if _, err := fakeiam.New(opts...); err != nil {
		return nil, errors.New(strings.TrimPrefix(err.Error(), "fakeiam: "))
	}
	return opts, nil
}

// checkPrincipal runs the builders' checks on one principal's seed, alone
// in its account, and reports what they refuse at where, its place in the
// file.
func checkPrincipal(account string, seed []fakeiam.Option, where string, errs *[]error) {
	_, err := fakeiam.New(fakeiam.Account(account, seed...))
	if err == nil {
		return
	}
	for _, line := range strings.Split(strings.TrimPrefix(err.Error(), "fakeiam: "), "\n") {
		// "account 123456789012: user \"Bob\": ..." → "user \"Bob\": ..."
		if rest, ok := strings.CutPrefix(line, "account "+account+": "); ok {
			line = rest
		}
		*errs = append(*errs, fmt.Errorf("%s: %s", where, line))
	}
}

func (a accountSeed) options(at, account, dir string, errs *[]error) []fakeiam.Option {
	// The account's settings, which its principals are checked with.
	var settings []fakeiam.Option
	if a.CertificatesPerUser != nil {
		settings = append(settings, fakeiam.CertificatesPerUser(*a.CertificatesPerUser))
	}
	if a.RootUserName != nil {
		settings = append(settings, fakeiam.RootUserName(*a.RootUserName))
	}
	opts := slices.Clone(settings)
	checkPrincipal := func(seed fakeiam.Option, where string, errs *[]error) {
		checkPrincipal(account, append(slices.Clone(settings), seed), where, errs)
	}
	if a.Root != nil {
		if a.Root.Name != "" {
			*errs = append(*errs, fmt.Errorf("%sroot.name: the root user has no name", at))
		}
		root := a.Root.seed(fakeiam.Root(), at+"root", dir, errs)
		checkPrincipal(root, at+"root", errs)
		opts = append(opts, root)
	}
	users := map[string]int{} // IAM user names ignore case
	for i, u := range a.Users {
		where := fmt.Sprintf("%susers[%d]", at, i)
		if j, dup := users[strings.ToLower(u.Name)]; dup {
			*errs = append(*errs, fmt.Errorf("%s.name: %q is the name of %susers[%d] (%q): IAM user names are unique regardless of case", where, u.Name, at, j, a.Users[j].Name))
			continue
		}
		users[strings.ToLower(u.Name)] = i
		user := u.seed(fakeiam.User(u.Name), where, dir, errs)
		checkPrincipal(user, where, errs)
		opts = append(opts, user)
	}
	for i, r := range a.Roles {
		where := fmt.Sprintf("%sroles[%d]", at, i)
		if len(r.SigningCertificates) > 0 {
			*errs = append(*errs, fmt.Errorf("%s.signingCertificates: roles have no signing certificates", where))
		}
		role := r.seed(fakeiam.Role(r.Name), where, dir, errs)
		checkPrincipal(role, where, errs)
		opts = append(opts, role)
	}
	return opts
}

func (p principalSeed) seed(s *fakeiam.PrincipalSeed, at, dir string, errs *[]error) *fakeiam.PrincipalSeed {
	if p.Path != "" {
		s = s.Path(p.Path)
	}
	for _, t := range p.Tags {
		s = s.Tag(t.Key, t.Value)
	}
	if p.CreateDate != "" {
		s = s.CreatedAt(parseTime(at+".createDate", p.CreateDate, errs))
	}
	for i, k := range p.AccessKeys {
		ak := fakeiam.AccessKey{ID: k.ID, Secret: k.Secret, Status: types.StatusType(k.Status)}
		if k.CreateDate != "" {
			ak.CreateDate = parseTime(fmt.Sprintf("%s.accessKeys[%d].createDate", at, i), k.CreateDate, errs)
		}
		s = s.AccessKey(ak)
	}
	for i, c := range p.SigningCertificates {
		where := fmt.Sprintf("%s.signingCertificates[%d]", at, i)
		sc := fakeiam.SigningCertificate{ID: c.ID, Body: c.Body, Status: types.StatusType(c.Status)}
		if c.Status != "" && !slices.Contains(sc.Status.Values(), sc.Status) {
			*errs = append(*errs, fmt.Errorf("%s.status: %q: want one of %q", where, c.Status, sc.Status.Values()))
		}
		if c.BodyFile != "" {
			if c.Body != "" {
				*errs = append(*errs, fmt.Errorf("%s: body and bodyFile: give one", where))
			}
			file := c.BodyFile
			if !filepath.IsAbs(file) {
				file = filepath.Join(dir, file)
			}
			b, err := os.ReadFile(file)
			if err != nil {
				*errs = append(*errs, fmt.Errorf("%s.bodyFile: %v", where, err))
			}
			sc.Body = string(b)
		}
		if c.UploadDate != "" {
			sc.UploadDate = parseTime(where+".uploadDate", c.UploadDate, errs)
		}
		s = s.SigningCertificate(sc)
	}
	return s
}

// parseTime reads an RFC 3339 time at where.
func parseTime(where, s string, errs *[]error) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		*errs = append(*errs, fmt.Errorf("%s: %q is not an RFC 3339 time such as 2013-06-06T21:40:08Z", where, s))
	}
	return t
}

// jsonError says where in the file a JSON error is: line and column, and
// the field when the decoder names one.
func jsonError(data []byte, dec *json.Decoder, err error) error {
	// The decoder's offsets are of the byte after the error: the column is
	// that of the offending character (of a value's last).
	offset := dec.InputOffset()
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		offset = syntax.Offset - 1
	case errors.As(err, &typeErr):
		// Field is the path from the Go type: "accountSeed.users.name".
		field := strings.TrimPrefix(typeErr.Field, "accountSeed.")
		return fmt.Errorf("%s: %s: want %s, got JSON %s", position(data, typeErr.Offset-1), field, typeErr.Type, typeErr.Value)
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if strings.HasPrefix(msg, "unknown field ") {
		// The decoder reads the whole value before it finds the field, and
		// says neither where it is nor in which object.
		if path, at, ok := unknownField(data, reflect.TypeFor[seedFile]()); ok {
			return fmt.Errorf("%s: %s: unknown field", position(data, at), path)
		}
	}
	return fmt.Errorf("%s: %s", position(data, offset), msg)
}

// unknownField finds the first object key in data that names no field of
// the struct t expects there (ignoring case, as encoding/json does), and
// returns its path ("users[1].bogus") and offset.
func unknownField(data []byte, t reflect.Type) (string, int64, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var walk func(t reflect.Type, path string) (string, int64, bool)
	walk = func(t reflect.Type, path string) (string, int64, bool) {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		tok, err := dec.Token()
		switch {
		case err != nil:
		case tok == json.Delim('{'):
			for dec.More() {
				at := dec.InputOffset()
				key, err := dec.Token()
				if err != nil {
					return "", 0, false
				}
				name, _ := key.(string)
				at += int64(bytes.IndexByte(data[at:], '"')) // after the comma and spaces
				field, ok := jsonField(t, name)
				if !ok {
					return strings.TrimPrefix(path+"."+name, "."), at, true
				}
				if p, off, found := walk(field, strings.TrimPrefix(path+"."+name, ".")); found {
					return p, off, true
				}
			}
			dec.Token()
		case tok == json.Delim('['):
			for i := 0; dec.More(); i++ {
				elem := t
				if t.Kind() == reflect.Slice {
					elem = t.Elem()
				}
				if p, off, found := walk(elem, fmt.Sprintf("%s[%d]", path, i)); found {
					return p, off, true
				}
			}
			dec.Token()
		}
		return "", 0, false
	}
	return walk(t, "")
}

// jsonField is the type of t's field (embedded structs' included) that
// encoding/json decodes the key name into.
func jsonField(t reflect.Type, name string) (reflect.Type, bool) {
	if t.Kind() != reflect.Struct {
		return t, true // not a seed object: nothing to look for
	}
	for _, f := range reflect.VisibleFields(t) {
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if tag == "" {
			tag = f.Name
		}
		if f.IsExported() && !f.Anonymous && tag != "-" && strings.EqualFold(tag, name) {
			return f.Type, true
		}
	}
	return nil, false
}

func position(data []byte, offset int64) string {
	offset = min(max(offset, 0), int64(len(data)))
	line := 1 + bytes.Count(data[:offset], []byte("\n"))
	col := int(offset) - bytes.LastIndexByte(data[:offset], '\n')
	return fmt.Sprintf("line %d, column %d", line, col)
}
