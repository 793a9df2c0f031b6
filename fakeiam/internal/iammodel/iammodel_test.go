package iammodel_test

import (
	"os"
	"regexp"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam/internal/iammodel"
	"github.com/fakeaws/fakeaws/fakeiam/internal/iammodel/modelgen"
)

// TestTableIsGenerated regenerates the committed table from the model and
// fails on any difference: the table is the model's, never edited.
func TestTableIsGenerated(t *testing.T) {
	for _, tc := range []struct{ service, variable, file string }{
		{"iam", "IAM", "iam_model.go"},
		{"sts", "STS", "sts_model.go"},
	} {
		t.Run(tc.service, func(t *testing.T) {
			path, err := modelgen.ModelPath(tc.service, "")
			if err == nil {
				_, err = os.Stat(path)
			}
			if err != nil {
				t.Skipf("%s's model is not on this machine, so the table cannot be checked against it: %v", tc.variable, err)
			}
			src, err := modelgen.ReadModel(path)
			if err != nil {
				t.Fatal(err)
			}
			got, err := modelgen.Generate(src, modelgen.Options{Service: tc.service, Var: tc.variable, Package: "iammodel"})
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(tc.file)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s differs from what %s generates; run go generate ./fakeiam/internal/iammodel (-committed +generated):\n%s", tc.file, path, diff)
			}
		})
	}
}

func TestTableFacts(t *testing.T) {
	if n := len(iammodel.IAM.Operations); n < 150 {
		t.Errorf("%d operations, want IAM's (about 176)", n)
	}
	op := iammodel.IAM.Operation("CreateUser")
	if op == nil {
		t.Fatal("no CreateUser")
	}
	tag := iammodel.Member{Name: "Tags", Message: "tags", Type: iammodel.List, Max: 50, HasMax: true, Elem: &iammodel.Member{
		Message: "member", Type: iammodel.Structure, Members: []iammodel.Member{
			{Name: "Key", Message: "key", Type: iammodel.String, Required: true, Min: 1, HasMin: true, Max: 128, HasMax: true, Pattern: `[\p{L}\p{Z}\p{N}_.:/=+\-@]+`},
			{Name: "Value", Message: "value", Type: iammodel.String, Required: true, Min: 0, HasMin: true, Max: 256, HasMax: true, Pattern: `[\p{L}\p{Z}\p{N}_.:/=+\-@]*`},
		}}}
	want := []iammodel.Member{
		{Name: "Path", Message: "path", Type: iammodel.String, Min: 1, HasMin: true, Max: 512, HasMax: true, Pattern: `(\u002F)|(\u002F[\u0021-\u007E]+\u002F)`},
		{Name: "UserName", Message: "userName", Type: iammodel.String, Required: true, Min: 1, HasMin: true, Max: 64, HasMax: true, Pattern: `[\w+=,.@-]+`},
		{Name: "PermissionsBoundary", Message: "permissionsBoundary", Type: iammodel.String, Min: 20, HasMin: true, Max: 2048, HasMax: true},
		tag,
	}
	if diff := cmp.Diff(want, op.Input); diff != "" {
		t.Errorf("CreateUser (-want +got):\n%s", diff)
	}
	if op := iammodel.IAM.Operation("NoSuchOperation"); op != nil {
		t.Errorf("Operation(NoSuchOperation) = %v, want nil", op)
	}
}

var javaEscape = regexp.MustCompile(`\\u([0-9A-Fa-f]{4})`)

// modelPatterns are the distinct patterns of the services' input members,
// nested members and list elements included, in the models' order.
func modelPatterns(svcs ...*iammodel.Service) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(ms []iammodel.Member)
	walk = func(ms []iammodel.Member) {
		for _, m := range ms {
			if m.Pattern != "" && !seen[m.Pattern] {
				seen[m.Pattern] = true
				out = append(out, m.Pattern)
			}
			walk(m.Members)
			if m.Elem != nil {
				walk([]iammodel.Member{*m.Elem})
			}
		}
	}
	for _, svc := range svcs {
		for _, op := range svc.Operations {
			walk(op.Input)
		}
	}
	return out
}

// TestPatternsAgreeWithRegexp: every pattern of the model compiled as a
// class matches what the pattern, translated to Go's syntax, matches.
func TestPatternsAgreeWithRegexp(t *testing.T) {
	samples := []string{"", "a", "A", "_", "0", "-", "+", "=", ",", ".", "@", "/", ":", " ", "\t", "\n", "\r", "\v", "\x7f", "\u0080",
		"\u00a0", "é", "\u00ff", "\u0100", "Ω", "٣", "Ⅻ", "½", "€", "\u2028", "\U0001D400", "!", "~", "\\", "[", "é9", "a b", "//", "/a/", "abc", "/a", "a/", "///", "/é/", "/a b/", "\xff", "v1", "v1.2-a", "123456789012", "/a/b/"}
	patterns := modelPatterns(iammodel.IAM)
	for _, text := range patterns {
		p, err := iammodel.Compile(text)
		if err != nil {
			t.Logf("not compiled (Go's regexp lacks it): %v", err)
			continue
		}
		if p.Regexp != nil {
			continue
		}
		re, err := regexp.Compile(`\A(?:` + javaEscape.ReplaceAllString(text, `\x{$1}`) + `)\z`)
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		for _, s := range samples {
			for _, v := range []string{s, s + s, "a" + s} {
				if got, want := p.MatchString(v), re.MatchString(v) && utf8.ValidString(v); got != want {
					t.Errorf("%s on %q: %v, want %v", text, v, got, want)
				}
			}
		}
	}
	classes := 0
	for _, p := range patterns {
		if c, _ := iammodel.Compile(p); c != nil && c.Regexp == nil {
			classes++
		}
	}
	if classes < len(patterns)/2 {
		t.Errorf("%d of %d patterns compiled as a class, want most", classes, len(patterns))
	}
	if p, err := iammodel.Compile(`(\u002F)|(\u002F[\u0021-\u007E]+\u002F)`); err != nil || p.Regexp != nil || !p.MatchString("/a/") || p.MatchString("//") {
		t.Errorf("the path pattern: %v, %v", p, err)
	}
}

// TestPatternsGoCannotCompile lists the model's patterns Go's regexp
// cannot run (Java's lookahead), with the members that have them. fakeiam
// refuses to implement an operation with one unless an overlay stands in
// for it (patternOverlays): a new model version that adds one shows here.
func TestPatternsGoCannotCompile(t *testing.T) {
	got := map[string][]string{}
	var walk func(where string, ms []iammodel.Member)
	walk = func(where string, ms []iammodel.Member) {
		for _, m := range ms {
			at := where + "." + m.Name
			if m.Name == "" {
				at = where + ".member"
			}
			if m.Pattern != "" {
				if _, err := iammodel.Compile(m.Pattern); err != nil {
					got[m.Pattern] = append(got[m.Pattern], at)
				}
			}
			walk(at, m.Members)
			if m.Elem != nil {
				walk(at, []iammodel.Member{*m.Elem})
			}
			if m.Key != nil {
				walk(at+".key", []iammodel.Member{*m.Key})
			}
		}
	}
	for _, op := range iammodel.IAM.Operations {
		walk(op.Name, op.Input)
	}
	want := map[string][]string{
		`^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$`: {"CreateAccountAlias.AccountAlias", "DeleteAccountAlias.AccountAlias"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("patterns Go's regexp cannot run (-want +got):\n%s", diff)
	}
}
