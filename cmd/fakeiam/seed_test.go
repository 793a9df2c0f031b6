package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// seedProblems loads dir/seed.json, which must fail, and returns the lines
// of its error without the file's path, which each must start with.
func seedProblems(t *testing.T, dir string) []string {
	t.Helper()
	path := filepath.Join(dir, "seed.json")
	err := runErr(t, "-seed", path)
	var problems []string
	for _, line := range strings.Split(err.Error(), "\n") {
		p, ok := strings.CutPrefix(line, path+": ")
		if !ok {
			t.Fatalf("error line %q does not start with the file's path", line)
		}
		problems = append(problems, p)
	}
	return problems
}

// One report names every problem of the file once, each with its place:
// unknown fields do not stop the check, and a refused value is not
// reported again in the builders' words.
func TestSeedProblemsAreAllReportedOnce(t *testing.T) {
	for _, tc := range []struct {
		name, seed string
		want       []string
	}{
		{name: "unknown fields and refused values",
			seed: `{"users": [
  {"name": "Bob", "nmae": "x", "accessKeys": [{"id": "AKIABOBEXAMPLE000001", "secret": "s", "status": "Bogus"}]},
  {"name": "Alice", "signingCertificates": [{"status": "Gone"}, {"uploadDate": "yesterday", "bodyFile": "nope.pem"}]}],
 "roles": [{"name": "deployer", "signingCertificates": [{}]}],
 "colour": "blue"}`,
			want: []string{
				"line 2, column 19: users[0].nmae: unknown field",
				"line 5, column 2: colour: unknown field",
				`users[0].accessKeys[0].status: "Bogus" is not Active or Inactive`,
				`users[1].signingCertificates[0].status: "Gone" is not Active, Inactive or Expired`,
				`users[1].signingCertificates[1].bodyFile: "nope.pem": no such file or directory`,
				`users[1].signingCertificates[1].uploadDate: "yesterday" is not an RFC 3339 time such as 2013-06-06T21:40:08Z`,
				"roles[0].signingCertificates: roles have no signing certificates",
			}},
		{name: "values of the wrong JSON type",
			seed: `{"users": [{"name": 3}, {"name": "Bob", "tags": {"key": "team"}}],
 "certificatesPerUser": "2", "bogus": [1, {"a": 2}], "root": {"accessKeys": [{"id": null, "secret": true}]}}`,
			want: []string{
				"line 1, column 21: users[0].name: want string, got JSON number",
				"line 1, column 49: users[1].tags: want array, got JSON object",
				"line 2, column 25: certificatesPerUser: want number (an integer), got JSON string",
				"line 2, column 30: bogus: unknown field",
				"line 2, column 101: root.accessKeys[0].secret: want string, got JSON boolean",
			}},
		{name: "a type the walk cannot see", seed: `{"certificatesPerUser": 2.5, "bogus": 1}`,
			want: []string{
				"line 1, column 30: bogus: unknown field",
				"line 1, column 27: certificatesPerUser: want int, got JSON number 2.5",
			}},
		{name: "keys that are not plain are quoted", seed: "{\"\": 1, \"a\\nb\\u001b[2J\": 2, \"x.y\": 3}",
			want: []string{
				`line 1, column 2: "": unknown field`,
				`line 1, column 9: "a\nb\x1b[2J": unknown field`,
				`line 1, column 29: "x.y": unknown field`,
			}},
		{name: "the top level is not an object", seed: `[]`,
			want: []string{"line 1, column 1: the seed: want object, got JSON array"}},
		{name: "trailing data and an unknown field", seed: "{\"nmae\": 1}\n{}",
			want: []string{"line 2, column 1: more than one JSON value", "line 1, column 2: nmae: unknown field"}},
		{name: "an id at the top level and an account without one",
			seed: `{"id": "123456789012", "accounts": [{"users": [{"name": "Bob"}]}, {"id": "210987654321", "root": {"name": "x"}}]}`,
			want: []string{
				`id: the top level is the default account; put other accounts in "accounts"`,
				"accounts[0].id: missing (12 digits)",
				"accounts[1].root.name: the root user has no name",
			}},
		{name: "account aliases IAM would refuse",
			seed: `{"accountAlias": "Corp", "accounts": [{"id": "210987654321", "accountAlias": 7}]}`,
			want: []string{"line 1, column 78: accounts[0].accountAlias: want string, got JSON number"}},
		{name: "an alias off the pattern",
			seed: `{"accountAlias": "a--b", "accounts": [{"id": "210987654321", "accountAlias": "-corp"}]}`,
			want: []string{
				`accountAlias: account alias "a--b": IAM's aliases are 3 to 63 characters of a-z, 0-9 and '-', beginning and ending with a letter or digit, without "--"`,
				`accounts[0].accountAlias: account alias "-corp": IAM's aliases are 3 to 63 characters of a-z, 0-9 and '-', beginning and ending with a letter or digit, without "--"`,
			}},
		{name: "one alias for two accounts",
			seed: `{"accountAlias": "corp", "accounts": [{"id": "210987654321", "accountAlias": "corp"}]}`,
			want: []string{`account 210987654321: account alias "corp": account 123456789012 holds it already (an alias names one account)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := seedProblems(t, writeFiles(t, map[string]string{"seed.json": tc.seed}))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// A bodyFile is a relative path to a regular file in the seed file's
// directory or below it, read up to IAM's limit for a body.
func TestBodyFiles(t *testing.T) {
	outside := writeFiles(t, map[string]string{"secret.pem": fakeiam.CertificatePEM("outside")})
	long := "-----BEGIN CERTIFICATE-----" + strings.Repeat("A", maxBodyChars) + "-----END CERTIFICATE-----"
	for _, tc := range []struct {
		name     string
		bodyFile string
		setup    func(t *testing.T, dir string)
		want     string // the problem; "" when the file is read
	}{
		{name: "in a directory below", bodyFile: "certs/bob.pem", setup: func(t *testing.T, dir string) {
			mkdir(t, filepath.Join(dir, "certs"))
			write(t, filepath.Join(dir, "certs", "bob.pem"), fakeiam.CertificatePEM("below"))
		}},
		{name: "a link that stays in", bodyFile: "link.pem", setup: func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "bob.pem"), fakeiam.CertificatePEM("linked"))
			symlink(t, "bob.pem", filepath.Join(dir, "link.pem"))
		}},
		{name: "an absolute path", bodyFile: filepath.Join(outside, "secret.pem"),
			want: `"` + filepath.Join(outside, "secret.pem") + `": name a file in the seed file's directory or below it, by a relative path without ".."`},
		{name: "a device", bodyFile: "/dev/zero",
			want: `"/dev/zero": name a file in the seed file's directory or below it, by a relative path without ".."`},
		{name: "up and out", bodyFile: "../secret.pem",
			want: `"../secret.pem": name a file in the seed file's directory or below it, by a relative path without ".."`},
		{name: "a link out", bodyFile: "out.pem", setup: func(t *testing.T, dir string) {
			symlink(t, filepath.Join(outside, "secret.pem"), filepath.Join(dir, "out.pem"))
		}, want: `"out.pem": path escapes from parent`},
		{name: "a link to a device", bodyFile: "zero.pem", setup: func(t *testing.T, dir string) {
			symlink(t, "/dev/zero", filepath.Join(dir, "zero.pem"))
		}, want: `"zero.pem": path escapes from parent`},
		{name: "a directory", bodyFile: "certs", setup: func(t *testing.T, dir string) { mkdir(t, filepath.Join(dir, "certs")) },
			want: `"certs" is a directory, not a regular file`},
		{name: "too long", bodyFile: "long.pem", setup: func(t *testing.T, dir string) { write(t, filepath.Join(dir, "long.pem"), long) },
			want: `"long.pem": more than 16384 characters, the most IAM accepts for a certificate or an SSH public key`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"seed.json": `{"users": [{"name": "Bob", "signingCertificates": [{"bodyFile": ` + quote(tc.bodyFile) + `}]}]}`})
			if tc.setup != nil {
				tc.setup(t, dir)
			}
			if tc.want == "" {
				if _, err := loadSeed(filepath.Join(dir, "seed.json")); err != nil {
					t.Fatalf("bodyFile %q: %v", tc.bodyFile, err)
				}
				return
			}
			want := []string{"users[0].signingCertificates[0].bodyFile: " + tc.want}
			if diff := cmp.Diff(want, seedProblems(t, dir)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// A seed file is read up to its limit, whatever it is.
func TestSeedFileLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(maxSeedBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, path := range []string{path, "/dev/zero"} {
		want := path + ": more than 16 MiB: a seed file is at most that"
		if err := runErr(t, "-seed", path); err.Error() != want {
			t.Errorf("-seed %s: %v; want %s", path, err, want)
		}
	}
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `\`, `\\`) + `"` }

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func mkdir(t *testing.T, path string) {
	t.Helper()
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symbolic links: %v", err)
	}
}

// Whatever a seed file holds, parsing it does not panic, and its error
// names each problem once.
func FuzzParseSeed(f *testing.F) {
	for _, seed := range []string{
		`{"users": [{"name": "Bob", "nmae": 1, "accessKeys": [{"status": "Bogus"}]}], "colour": [1, {"a": null}]}`,
		`{"accounts": [{"id": "210987654321", "users": [{"name": 3}]}], "certificatesPerUser": 2.5}`,
		`{"roles": [{"name": "deployer", "signingCertificates": [{}]}], "root": {"name": "x"}} {}`,
		`{"users": [{"name": "Bob", "signingCertificates": [{"bodyFile": "../x"}, {"status": "Gone", "uploadDate": "now"}]}]}`,
		`{"passwordPolicy": {"minimumPasswordLength": 5}, "users": [{"name": "Bob", "loginProfile": {"password": "x", "createDate": "no"}}]}`,
		`{"groups": [{"name": "a", "members": ["x", 3]}, {"name": "A", "path": "p"}]}`,
		`[`, `null`, `{"users": {"name": "Bob"}}`,
	} {
		f.Add([]byte(seed))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		opts, err := parseSeed(data, dir)
		if err == nil {
			if len(opts) == 0 {
				t.Fatal("no error and no options")
			}
			return
		}
		seen := map[string]bool{}
		for _, line := range strings.Split(err.Error(), "\n") {
			if line == "" || seen[line] {
				t.Fatalf("problem %q empty or named twice in:\n%v", line, err)
			}
			seen[line] = true
		}
	})
}

// An access key with no fields is one the fake makes up, as IAM's
// CreateAccessKey would: an IAM-shaped id and a 40-character secret.
func TestSeedEmptyAccessKey(t *testing.T) {
	opts, err := parseSeed([]byte(`{"users": [{"name": "Bob", "accessKeys": [{}]}]}`), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f, err := fakeiam.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	keys, err := f.User("Bob").AccessKeys()
	if err != nil || len(keys) != 1 {
		t.Fatalf("Bob's keys: %+v, %v; want one", keys, err)
	}
	id, secret := regexp.MustCompile(`^AKIA[A-Z2-7]{16}$`), regexp.MustCompile(`^[A-Za-z0-9/+]{40}$`)
	if !id.MatchString(keys[0].ID) || !secret.MatchString(keys[0].Secret) {
		t.Errorf("seeded key id %q, secret %q; want an AKIA id of 20 characters and a 40-character secret", keys[0].ID, keys[0].Secret)
	}
}
