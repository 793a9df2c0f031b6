package fakeiam

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// FuzzParseSSHPublicKey: any body gives a key or one of IAM's two errors
// for bodies, never a panic; a key it takes reads back, in either
// encoding, as the same key; and what it takes is an RSA key of IAM's
// sizes.
func FuzzParseSSHPublicKey(f *testing.F) {
	for _, name := range []string{"a.pub", "a.pem", "a.rsa.pem", "b.pub", "b.pem", "short.pub", "ed.pub", "ec.pub", "ec.pem"} {
		b, err := os.ReadFile("testdata/ssh/" + name)
		if err != nil {
			f.Fatal(err)
		}
		body := string(b)
		f.Add(body)
		f.Add(strings.ReplaceAll(body, "\n", "\r\n"))
		f.Add(body[:len(body)/2])
		f.Add("  " + body + body)
	}
	for _, body := range []string{"", "ssh-rsa", "ssh-rsa AAAA", "ssh-rsa AAAAB3NzaC1yc2E=", "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----",
		"-----BEGIN RSA PUBLIC KEY-----\nMAA=\n-----END RSA PUBLIC KEY-----\n", defaultSSHPublicKey(0, "arn", 1)} {
		f.Add(body)
	}
	fingerprint := regexp.MustCompile(`^[0-9a-f]{2}(:[0-9a-f]{2}){15}$`)
	f.Fuzz(func(t *testing.T, body string) {
		k, err := parseSSHPublicKey(body)
		if err != nil {
			if err.Code != "InvalidPublicKey" && err.Code != "UnrecognizedPublicKeyEncoding" || err.Status != 400 {
				t.Fatalf("parseSSHPublicKey(%q): %v, want InvalidPublicKey or UnrecognizedPublicKeyEncoding", body, err)
			}
			return
		}
		if !fingerprint.MatchString(k.fingerprint) {
			t.Fatalf("parseSSHPublicKey(%q): fingerprint %q", body, k.fingerprint)
		}
		if k.pemForm && k.body != strings.TrimSpace(body) {
			t.Fatalf("parseSSHPublicKey(%q): stored PEM %q, want the body without the whitespace around it", body, k.body)
		}
		for _, enc := range []types.EncodingType{types.EncodingTypeSsh, types.EncodingTypePem} {
			again, err := parseSSHPublicKey(k.encoded(enc))
			if err != nil || again.fingerprint != k.fingerprint || again.pemForm != (enc == types.EncodingTypePem) {
				t.Fatalf("parseSSHPublicKey(%q): %s encoding %q reads as %+v, %v", body, enc, k.encoded(enc), again, err)
			}
		}
		block, _ := pem.Decode([]byte(k.encoded(types.EncodingTypePem)))
		var pub any
		var perr error
		if block.Type == "RSA PUBLIC KEY" { // uploaded so
			pub, perr = x509.ParsePKCS1PublicKey(block.Bytes)
		} else {
			pub, perr = x509.ParsePKIXPublicKey(block.Bytes)
		}
		rk, ok := pub.(*rsa.PublicKey)
		if perr != nil || !ok || rk.N.BitLen() < sshMinBits || rk.N.BitLen() > sshMaxBits || rk.E < 3 || rk.E%2 == 0 {
			t.Fatalf("parseSSHPublicKey(%q) took a key x509 reads as %T (%v)", body, pub, perr)
		}
		if got, want := k.encoded(types.EncodingTypeSsh), "ssh-rsa "+base64.StdEncoding.EncodeToString(k.blob); got != want {
			t.Fatalf("parseSSHPublicKey(%q): SSH encoding %q, want %q", body, got, want)
		}
	})
}
