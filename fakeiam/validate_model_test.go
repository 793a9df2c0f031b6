package fakeiam

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam/internal/iammodel"
	"github.com/fakeaws/fakeaws/fakeiam/internal/querycodec"
)

// Tests generated from IAM's model: for every operation the fake
// implements and every constrained member of its input, a violating value
// gets IAM's text, computed from the constraint (docs/contract.md "Parameters"),
// through both doors. The other members hold valid values made from their
// constraints.

// violation is one violating request: the wire form of the input, and the
// text IAM answers.
type violation struct {
	name string
	form url.Values
	want string
	sdk  bool // the SDK sends it (it refuses a missing required member itself)
}

// patternBoundsLength are the model's patterns that bound a value's length
// themselves (AccountAlias's: 3 to 63 characters), so that a value too short
// or too long is off the pattern too, and IAM lists both constraints.
var patternBoundsLength = map[string]bool{`^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$`: true}

func modelText(member, constraint string) string {
	return "1 validation error detected: Value at '" + member + "' failed to satisfy constraint: " + constraint
}

// validString is a value of m's constraints: the first character its
// pattern allows, repeated to its minimum length (at least 1).
func validString(m *iammodel.Member) string {
	n := max(int(m.Min), 1)
	if m.Enum != nil {
		return m.Enum[0]
	}
	if m.Pattern == "" {
		return strings.Repeat("a", n)
	}
	p, err := iammodel.Compile(m.Pattern)
	if err != nil {
		return strings.Repeat("a", n)
	}
	for _, c := range "a/A0_ -" {
		if s := strings.Repeat(string(c), n); p.MatchString(s) {
			return s
		}
	}
	if p.MatchString("v1") {
		return "v1" // a policy version id
	}
	return "/" // the path's pattern
}

// offPattern is a value of m's length that its pattern refuses, or "".
func offPattern(m *iammodel.Member) string {
	p, err := iammodel.Compile(m.Pattern)
	if err != nil {
		return ""
	}
	n := max(int(m.Min), 1)
	for _, c := range "!\x01\u0100 €\t" {
		if s := strings.Repeat(string(c), n); !p.MatchString(s) {
			return s
		}
	}
	return ""
}

// validForm is the wire form of a valid input: its required members, a
// required list with one valid element.
func validForm(op *iammodel.Operation, version string) url.Values {
	form := url.Values{"Action": {op.Name}, "Version": {version}}
	for i := range op.Input {
		m := &op.Input[i]
		switch {
		case !m.Required:
		case m.Type == iammodel.String:
			form.Set(m.Name, validString(m))
		case m.Type == iammodel.List && m.Elem.Type == iammodel.String:
			form.Set(m.Name+".member.1", validString(m.Elem))
		case m.Type == iammodel.List && m.Elem.Type == iammodel.Structure:
			for _, em := range m.Elem.Members {
				if em.Required {
					form.Set(m.Name+".member.1."+em.Name, validString(&em))
				}
			}
		}
	}
	return form
}

func violationsOf(op *iammodel.Operation, version string) []violation {
	var out []violation
	with := func(name string, edit func(url.Values), want string, sdk bool) {
		form := validForm(op, version)
		edit(form)
		out = append(out, violation{op.Name + "/" + name, form, want, sdk})
	}
	for i := range op.Input {
		m := &op.Input[i]
		set := func(v string) func(url.Values) { return func(f url.Values) { f.Set(m.Name, v) } }
		custom := customTexts[m.Message]
		if m.Required {
			with(m.Message+" missing", func(f url.Values) {
				for k := range f {
					if k == m.Name || strings.HasPrefix(k, m.Name+".") {
						f.Del(k)
					}
				}
			},
				"1 validation error detected: Value null at '"+m.Message+"' failed to satisfy constraint: Member must not be null", false)
		}
		switch m.Type {
		case iammodel.String:
			if m.Enum != nil {
				with(m.Message+" off the enum", set("Bogus"), modelText(m.Message, "Member must satisfy enum value set"), true)
				continue
			}
			ok := validString(m)
			lengthText := func(constraint string) string {
				want := modelText(m.Message, constraint)
				if patternBoundsLength[m.Pattern] { // the value is off the pattern too
					want = strings.Replace(want, "1 validation error", "2 validation errors", 1) +
						"; Value at '" + m.Message + "' failed to satisfy constraint: Member must satisfy regular expression pattern: " + m.Pattern
				}
				return want
			}
			if m.HasMin && m.Min > 0 {
				with(m.Message+" too short", set(strings.Repeat(ok[:1], int(m.Min-1))),
					lengthText("Member must have length greater than or equal to "+strconv.FormatInt(m.Min, 10)), true)
			}
			if m.HasMax {
				long := strings.Repeat(ok[:1], int(m.Max+1))
				if ok == "/" {
					long = "/" + strings.Repeat("a", int(m.Max-1)) + "/"
				}
				with(m.Message+" too long", set(long),
					lengthText("Member must have length less than or equal to "+strconv.FormatInt(m.Max, 10)), true)
			}
			if off := offPattern(m); m.Pattern != "" && off != "" {
				want := modelText(m.Message, "Member must satisfy regular expression pattern: "+m.Pattern)
				if custom != "" {
					want = "The specified value for " + m.Message + custom
				}
				with(m.Message+" off the pattern", set(off), want, true)
			}
		case iammodel.Integer:
			if m.HasMin {
				with(m.Message+" too small", set(strconv.FormatInt(m.Min-1, 10)),
					modelText(m.Message, "Member must have value greater than or equal to "+strconv.FormatInt(m.Min, 10)), true)
			}
			if m.HasMax {
				with(m.Message+" too large", set(strconv.FormatInt(m.Max+1, 10)),
					modelText(m.Message, "Member must have value less than or equal to "+strconv.FormatInt(m.Max, 10)), true)
			}
		case iammodel.List:
			e := m.Elem
			if e.Type == iammodel.String && e.Enum == nil {
				// One phrase at the list's name for any bad element, the
				// element's constraints listed (recorded for UntagRole's
				// tagKeys).
				strs := func(f url.Values, n int) {
					for j := 1; j <= n; j++ {
						f.Set(m.Name+".member."+strconv.Itoa(j), validString(e)+strconv.Itoa(j))
					}
				}
				if m.HasMax {
					with(m.Message+" too many", func(f url.Values) { strs(f, int(m.Max+1)) },
						modelText(m.Message, "Member must have length less than or equal to "+strconv.FormatInt(m.Max, 10)), true)
				}
				pattern := "" // "must not be null" follows a pattern only (recorded: tagKeys; CreateOpenIDConnectProvider's lists)
				if e.Pattern != "" {
					pattern = ", Member must satisfy regular expression pattern: " + e.Pattern + ", Member must not be null"
				}
				rule := modelText(m.Message, "Member must satisfy constraint: [Member must have length less than or equal to "+strconv.FormatInt(e.Max, 10)+
					", Member must have length greater than or equal to "+strconv.FormatInt(e.Min, 10)+pattern+"]")
				with(m.Message+" element too long", func(f url.Values) { strs(f, 2); f.Set(m.Name+".member.2", strings.Repeat("a", int(e.Max+1))) }, rule, true)
				if off := offPattern(e); e.Pattern != "" && off != "" {
					with(m.Message+" element off the pattern", func(f url.Values) { strs(f, 1); f.Set(m.Name+".member.1", off) }, rule, true)
				}
				continue
			}
			if e.Type != iammodel.Structure {
				continue
			}
			valid := func(f url.Values, n int) {
				for j := 1; j <= n; j++ {
					for _, em := range e.Members {
						wire := m.Name + ".member." + strconv.Itoa(j) + "." + em.Name
						switch {
						case em.Type == iammodel.List && em.Elem != nil: // a list of strings: one element (ContextEntry's ContextKeyValues)
							f.Set(wire+".member.1", validString(em.Elem))
						case em.Name == "Key":
							f.Set(wire, "k"+strconv.Itoa(j))
						default:
							f.Set(wire, validString(&em))
						}
					}
				}
			}
			if m.HasMax {
				with(m.Message+" too many", func(f url.Values) { valid(f, int(m.Max+1)) },
					modelText(m.Message, "Member must have length less than or equal to "+strconv.FormatInt(m.Max, 10)), true)
			}
			for _, em := range e.Members {
				wire, msg := m.Name+".member.1."+em.Name, m.Message+".1.member."+em.Message
				if em.Required {
					with(msg+" missing", func(f url.Values) { valid(f, 1); f.Del(wire) },
						"1 validation error detected: Value null at '"+msg+"' failed to satisfy constraint: Member must not be null", false)
				}
				if em.HasMin && em.Min > 0 {
					with(msg+" too short", func(f url.Values) { valid(f, 1); f.Set(wire, strings.Repeat("a", int(em.Min-1))) },
						modelText(msg, "Member must have length greater than or equal to "+strconv.FormatInt(em.Min, 10)), true)
				}
				if em.HasMax {
					with(msg+" too long", func(f url.Values) { valid(f, 1); f.Set(wire, strings.Repeat("a", int(em.Max+1))) },
						modelText(msg, "Member must have length less than or equal to "+strconv.FormatInt(em.Max, 10)), true)
				}
				if off := offPattern(&em); em.Pattern != "" && off != "" {
					with(msg+" off the pattern", func(f url.Values) { valid(f, 1); f.Set(wire, off) },
						modelText(msg, "Member must satisfy regular expression pattern: "+em.Pattern), true)
				}
			}
		}
	}
	return out
}

func TestModelConstraintsThroughBothDoors(t *testing.T) {
	f := MustNew()
	base := f.Endpoint(t)
	keys, err := f.Root().AccessKeys()
	if err != nil {
		t.Fatal(err)
	}
	creds := aws.Credentials{AccessKeyID: keys[0].ID, SecretAccessKey: keys[0].Secret}
	client, stsClient := f.Client(), f.STSClient()
	total := 0
	for _, name := range Operations() {
		svc := lookupOperation(name).service
		op := svc.model.Operation(string(name))
		if op == nil {
			t.Fatalf("%s is not in %s's model", name, svc.label())
		}
		violations := violationsOf(op, svc.version)
		for _, c := range violations {
			total++
			t.Run(c.name, func(t *testing.T) {
				// The HTTP door: the form as a client sends it, signed.
				body := c.form.Encode()
				req, err := http.NewRequest(http.MethodPost, base+"/", strings.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sha256Sum([]byte(body))), svc.name, "us-east-1", time.Now()); err != nil {
					t.Fatal(err)
				}
				resp, err := WireClient().Do(req)
				if err != nil {
					t.Fatal(err)
				}
				raw, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if len(body) > maxRequestBytes {
					// Past the door's limit (UploadServerCertificate's
					// chain: 2 MiB in the model): refused as a whole.
					if resp.StatusCode != http.StatusRequestEntityTooLarge {
						t.Errorf("HTTP door: %d %s, want 413", resp.StatusCode, raw)
					}
				} else if resp.StatusCode != 400 || !strings.Contains(string(raw), "<Code>ValidationError</Code>") {
					t.Errorf("HTTP door: %d %s, want 400 ValidationError", resp.StatusCode, raw)
				}
				var doc struct {
					Message string `xml:"Error>Message"`
				}
				if err := xml.Unmarshal(raw, &doc); err != nil {
					t.Fatalf("HTTP door: %v: %s", err, raw)
				}
				if len(body) > maxRequestBytes {
					doc.Message = c.want // the SDK door below checks the message
				}
				if diff := cmp.Diff(c.want, doc.Message); diff != "" {
					t.Errorf("HTTP door (-want +got):\n%s", diff)
				}
				if !c.sdk {
					return
				}
				// The SDK door: the same input, decoded as the HTTP door decodes it.
				in := reflect.New(lookupOperation(name).input)
				if err := querycodec.DecodeInput(c.form, in.Interface().(smithy.Serializable)); err != nil {
					t.Fatal(err)
				}
				method := reflect.ValueOf(client).MethodByName(string(name))
				if svc == serviceSTS {
					method = reflect.ValueOf(stsClient).MethodByName(string(name))
				}
				res := method.Call([]reflect.Value{reflect.ValueOf(context.Background()), in})
				var apiErr smithy.APIError
				if err, _ := res[1].Interface().(error); !errors.As(err, &apiErr) {
					t.Fatalf("SDK door: %v, want ValidationError", err)
				}
				if diff := cmp.Diff(c.want, apiErr.ErrorMessage()); diff != "" || apiErr.ErrorCode() != "ValidationError" {
					t.Errorf("SDK door %s (-want +got):\n%s", apiErr.ErrorCode(), diff)
				}
			})
		}
	}
	if total < 50 {
		t.Errorf("%d violations tried, want one per constraint of every implemented operation", total)
	}
}

// TestValidationComesFirst: validation runs before any other refusal,
// including the boundary's lookup.
func TestValidationComesFirst(t *testing.T) {
	c := MustNew().Client()
	for _, tc := range []struct {
		name     string
		boundary string
		code     string
		want     string
	}{
		{"a too short boundary: IAM's length text", "arn:aws:iam::1:p",
			"ValidationError", "1 validation error detected: Value at 'permissionsBoundary' failed to satisfy constraint: Member must have length greater than or equal to 20"},
		{"a too long boundary: IAM's length text", "arn:aws:iam::123456789012:policy/" + strings.Repeat("p", 2048),
			"ValidationError", "1 validation error detected: Value at 'permissionsBoundary' failed to satisfy constraint: Member must have length less than or equal to 2048"},
		{"a valid boundary naming no policy: NoSuchEntity", "arn:aws:iam::123456789012:policy/boundary", "NoSuchEntity", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.CreateUser(context.Background(), &iam.CreateUserInput{UserName: aws.String("Bob"), PermissionsBoundary: aws.String(tc.boundary)})
			var apiErr smithy.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("got %v, want an IAM error", err)
			}
			if apiErr.ErrorCode() != tc.code || (tc.want != "" && apiErr.ErrorMessage() != tc.want) {
				t.Errorf("got %s %q, want %s %q", apiErr.ErrorCode(), apiErr.ErrorMessage(), tc.code, tc.want)
			}
		})
	}
}

func sha256Sum(b []byte) []byte {
	sum := sha256.Sum256(b)
	return sum[:]
}
