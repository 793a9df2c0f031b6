package fakeiam

import (
	"bytes"
	"errors"
	"io"
	"net/url"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

// parseForm answers as url.ParseQuery does: the same parameters, or the
// same error.
func checkParseForm(t *testing.T, s string) {
	t.Helper()
	want, wantErr := url.ParseQuery(s)
	got, gotErr := parseForm(s)
	if (wantErr == nil) != (gotErr == nil) || wantErr != nil && wantErr.Error() != gotErr.Error() {
		t.Fatalf("parseForm(%q): error %v, want %v", s, gotErr, wantErr)
	}
	if wantErr == nil {
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("parseForm(%q) (-url.ParseQuery +parseForm):\n%s", s, diff)
		}
		// A value appended to one key's list never shows in another's.
		for k := range got {
			got[k] = append(got[k], "appended")
		}
		for k, vs := range got {
			if diff := cmp.Diff(append(want[k], "appended"), vs); diff != "" {
				t.Fatalf("parseForm(%q): after appending to every key (-want +got):\n%s", s, diff)
			}
		}
	}
}

var formSeeds = []string{
	"", "&", "&&a=1", "Action=ListSigningCertificates&Version=2010-05-08&UserName=Bob",
	"a=1&a=2&b=3&a=4", "a", "a=", "=1", "a=1=2", "a+b=c+d", "a%20b=%7E", "a=%zz", "%zz=1", "a=1;b=2",
	"a=%", "Tags.member.1.Key=k&Tags.member.1.Value=v&Tags.member.2.Key=k2",
	"1=1&2=2&3=3&4=4&5=5&6=6&7=7&8=8&9=9&10=10&11=11&12=12&13=13&14=14&15=15&16=16",
	"1=1&2=2&3=3&4=4&5=5&6=6&7=7&8=8&9=9&10=10&11=11&12=12&13=13&14=14&15=15&16=16&17=17",
	"UserName=B%C3%B6b&Path=%2F", "x=\x00&y=\xff",
}

func TestParseFormIsParseQuery(t *testing.T) {
	for _, s := range formSeeds {
		checkParseForm(t, s)
	}
}

func FuzzParseForm(f *testing.F) {
	for _, s := range formSeeds {
		f.Add(s)
	}
	f.Fuzz(checkParseForm)
}

// readBody reads what io.ReadAll reads, whatever length the request states
// and however the body arrives.
func TestReadBody(t *testing.T) {
	body := []byte("Action=ListUsers&Version=2010-05-08")
	failure := errors.New("connection reset")
	for _, tc := range []struct {
		name    string
		r       io.Reader
		length  int64
		want    []byte
		wantErr error
	}{
		{name: "stated length", r: bytes.NewReader(body), length: int64(len(body)), want: body},
		{name: "no length stated", r: bytes.NewReader(body), length: -1, want: body},
		{name: "a byte at a time", r: iotest.OneByteReader(bytes.NewReader(body)), length: int64(len(body)), want: body},
		{name: "longer than stated", r: bytes.NewReader(body), length: 3, want: body},
		{name: "shorter than stated", r: bytes.NewReader(body), length: 100, want: body},
		{name: "empty", r: bytes.NewReader(nil), length: 0, want: []byte{}},
		{name: "read error", r: io.MultiReader(bytes.NewReader(body[:5]), iotest.ErrReader(failure)), length: int64(len(body)), want: body[:5], wantErr: failure},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readBody(tc.r, tc.length)
			if !errors.Is(err, tc.wantErr) {
				t.Errorf("error %v, want %v", err, tc.wantErr)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
