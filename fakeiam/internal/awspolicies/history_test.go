package awspolicies

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// TestHistory reads every policy's older versions: each rebuilds to JSON,
// ids are IAM's form, distinct from the default and newest first, dates
// never later than a newer version's, and the count is the header's.
func TestHistory(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for i, p := range c.Policies {
		vs, err := c.Older(i)
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		total += len(vs)
		def, prev, prevDate := number(t, p.DefaultVersion), 1<<30, p.VersionCreated
		for _, v := range vs {
			n := number(t, v.ID)
			if n == def || n >= prev {
				t.Errorf("%s %s: the default's id, or not newest first (after v%d)", p.Name, v.ID, prev)
			}
			if !json.Valid([]byte(v.Document)) || v.Created.After(prevDate) || v.Created.Year() < 2014 {
				t.Errorf("%s %s: created %v (a newer version %v), document %.60q", p.Name, v.ID, v.Created, prevDate, v.Document)
			}
			prev, prevDate = n, v.Created
		}
	}
	head := historyHead(t)
	if want := " versions " + strconv.Itoa(total); !strings.HasSuffix(head, want) {
		t.Errorf("%d versions rebuilt, the header says %q", total, head)
	}
	// AmazonS3ReadOnlyAccess's older versions, as IAM's answers are
	// quoted publicly (v1 in IAM's own guide of 2015 to 2021; v2 with
	// s3-object-lambda, 2021-09-27).
	i := c.Index("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")
	vs, _ := c.Older(i)
	want := []Version{
		{ID: "v2", Document: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*","s3-object-lambda:Get*","s3-object-lambda:List*"],"Resource":"*"}]}`},
		{ID: "v1", Document: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"*"}]}`},
	}
	if len(vs) != len(want) {
		t.Fatalf("AmazonS3ReadOnlyAccess: %d older versions, want %d", len(vs), len(want))
	}
	for j := range want {
		if vs[j].ID != want[j].ID || vs[j].Document != want[j].Document {
			t.Errorf("AmazonS3ReadOnlyAccess older %d: %s %s, want %s %s", j, vs[j].ID, vs[j].Document, want[j].ID, want[j].Document)
		}
	}
}

func number(t *testing.T, id string) int {
	t.Helper()
	n, err := strconv.Atoi(strings.TrimPrefix(id, "v"))
	if err != nil || !strings.HasPrefix(id, "v") || n < 1 {
		t.Fatalf("version id %q", id)
	}
	return n
}

func historyHead(t *testing.T) string {
	t.Helper()
	head, _, err := gunzip(historyCompressed, "history")
	if err != nil {
		t.Fatal(err)
	}
	return head
}

// TestDescriptions: GetPolicy's Description as LocalStack recorded it
// for IAMUserChangePassword (test_get_aws_managed_policy) and
// SystemAdministrator (test_get_aws_managed_policy_higher_version), and every
// policy of the catalog has one but AWSConfigRole (its source lists no
// policy IAM's ListPolicies does not answer: see the package doc).
func TestDescriptions(t *testing.T) {
	c, _ := Load()
	for arn, want := range map[string]string{
		"arn:aws:iam::aws:policy/IAMUserChangePassword":            "Provides the ability for an IAM user to change their own password.",
		"arn:aws:iam::aws:policy/job-function/SystemAdministrator": "Grants full access permissions necessary for resources required for application and development operations.",
	} {
		if got := c.Policies[c.Index(arn)].Description; got != want {
			t.Errorf("%s: %q, want %q", arn, got, want)
		}
	}
	for _, p := range c.Policies {
		if (p.Description == "") != (p.Name == "AWSConfigRole") {
			t.Errorf("%s: description %q", p.Name, p.Description)
		}
	}
}

// TestApply: a delta's ops copy base's tokens and insert text; ops out of
// range or malformed are an error, never a panic.
func TestApply(t *testing.T) {
	base := `{"a":[1,2,3],"b":"x,y"}`
	if got := strings.Join(Tokens(base), ""); got != base {
		t.Fatalf("tokens join to %q", got)
	}
	for _, tc := range []struct{ ops, want string }{
		{"=0,8", base},
		{"=0,3" + OpSep + "+9]" + OpSep + "=5,3", `{"a":[1,9],"b":"x,y"}`},
		{"+{}", "{}"},
	} {
		if got, err := Apply(base, tc.ops); err != nil || got != tc.want {
			t.Errorf("Apply(%q) = %q, %v; want %q", tc.ops, got, err, tc.want)
		}
	}
	for _, ops := range []string{"", "=0,9", "=-1,2", "=2", "x", "=a,b", "=9223372036854775807,2"} {
		if got, err := Apply(base, ops); err == nil {
			t.Errorf("Apply(%q) = %q, no error", ops, got)
		}
	}
}

// TestParseHistoryCorrupt: a damaged history is an error, never a panic.
func TestParseHistoryCorrupt(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("not gzip"), historyCompressed[:len(historyCompressed)/2]} {
		if _, err := parseHistory(data); err == nil {
			t.Errorf("parseHistory(%d bytes): no error", len(data))
		}
	}
	for _, text := range []string{"# head\nno fields here\n", "# head\nname\tv1\t0\t=0,1"} {
		var z bytes.Buffer
		w := gzip.NewWriter(&z)
		w.Write([]byte(text))
		w.Close()
		if _, err := parseHistory(z.Bytes()); err == nil {
			t.Errorf("parseHistory(%q): no error", text)
		}
	}
	if _, err := rebuild("{}", "p\tv1\t0\t=5,1\n"); err == nil {
		t.Error("rebuild with an op out of range: no error")
	}
}

// FuzzApply: any ops on any base are a document or an error, never a
// panic; copying every token rebuilds the base.
func FuzzApply(f *testing.F) {
	f.Add(`{"a":[1,2]}`, "=0,2"+OpSep+"+x")
	f.Add("", "=0,0")
	f.Fuzz(func(t *testing.T, base, ops string) {
		Apply(base, ops)
		all := "=0," + strconv.Itoa(len(Tokens(base)))
		if got, err := Apply(base, all); err != nil || got != base {
			t.Errorf("Apply(%q, %q) = %q, %v", base, all, got, err)
		}
	})
}

// BenchmarkParseHistory is the first read of the history: what the first
// call that asks for an older version pays, once per process.
func BenchmarkParseHistory(b *testing.B) {
	for b.Loop() {
		if _, err := parseHistory(historyCompressed); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRebuild is the first read of the policy with the longest
// history, ReadOnlyAccess (94 older versions of some 80 KB each): what
// the first call that asks for its versions pays, once per process.
func BenchmarkRebuild(b *testing.B) {
	c, _ := Load()
	lines, err := parseHistory(historyCompressed)
	if err != nil {
		b.Fatal(err)
	}
	p := c.Policies[c.Index("arn:aws:iam::aws:policy/ReadOnlyAccess")]
	for b.Loop() {
		if _, err := rebuild(p.Document, lines[p.Name]); err != nil {
			b.Fatal(err)
		}
	}
}
