package fakeiam

import (
	"strings"
	"testing"
)

// splitBySplitN is splitARN as strings.SplitN reads an ARN.
func splitBySplitN(arn string) (arnParts, bool) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return arnParts{}, false
	}
	return arnParts{parts[1], parts[2], parts[3], parts[4], parts[5]}, true
}

func TestSplitARN(t *testing.T) {
	for _, arn := range []string{
		"arn:aws:iam::123456789012:role/path/r", "arn:aws:iam::123456789012:user/Bob", "arn:aws:sts::1:assumed-role/r/s",
		"arn:aws:s3:::bucket/key:with:colons", "arn:aws:iam::123456789012", "arn:aws:iam:", "arn::::", "arn:::::", "ARN:aws:iam::1:user/x",
		"", "arn", "arn:", "not an arn", "arn:aws:iam::123456789012:role/",
	} {
		got, gotOK := splitARN(arn)
		want, wantOK := splitBySplitN(arn)
		if got != want || gotOK != wantOK {
			t.Errorf("splitARN(%q) = %+v, %v; want %+v, %v", arn, got, gotOK, want, wantOK)
		}
	}
}

func FuzzSplitARN(f *testing.F) {
	f.Add("arn:aws:iam::123456789012:role/path/r")
	f.Fuzz(func(t *testing.T, arn string) {
		got, gotOK := splitARN(arn)
		want, wantOK := splitBySplitN(arn)
		if got != want || gotOK != wantOK {
			t.Fatalf("splitARN(%q) = %+v, %v; want %+v, %v", arn, got, gotOK, want, wantOK)
		}
	})
}
