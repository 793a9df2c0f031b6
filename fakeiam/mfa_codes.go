package fakeiam

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base32"
	"encoding/binary"
	"errors"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/fakeiam/internal/qrcode"
)

// What a virtual MFA device is made of: its secret (a Base32 seed), the
// RFC 6238 codes it shows, and the QR code an authenticator app scans
// (docs/contract.md, "MFA devices"). The operations are in mfa_devices.go.

// mfaStep is RFC 6238's time step, and mfaDigits the length of a code, as
// IAM's virtual devices use them (the otpauth URI names neither, so apps use
// the Key URI defaults: SHA1, 6 digits, 30 seconds).
const (
	mfaStep   = 30
	mfaDigits = 6
	// mfaWindow is how many steps back a pair of codes may start (choice:
	// IAM accepts stale pairs, how stale is not documented; 10 steps is
	// five minutes).
	mfaWindow = 10
	// mfaSeedBytes is a seed's key length: 40 bytes are 64 Base32
	// characters, as IAM's seeds are.
	mfaSeedBytes = 40
)

// seedEncoding is the Base32 alphabet of RFC 4648 without padding, as IAM
// writes seeds (64 characters need none).
var seedEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// MFACode returns the six-digit code a virtual MFA device whose
// Base32StringSeed is seed shows at t (RFC 6238: HMAC-SHA1, 30-second
// steps from the Unix epoch), as an authenticator app would compute it.
// The seed may be in either case, with or without padding or spaces. With
// a fake, pass f.Now(): the fake checks codes on its own clock, not the
// machine's; Fake.MFACodes gives a seeded or created device's two codes
// EnableMFADevice wants in one call.
func MFACode(seed string, t time.Time) (string, error) {
	key, err := decodeSeed(seed)
	if err != nil {
		return "", err
	}
	return totp(key, stepAt(t), mfaDigits), nil
}

// decodeSeed is the key a Base32 seed stands for.
func decodeSeed(seed string) ([]byte, error) {
	s := strings.ToUpper(strings.Join(strings.Fields(seed), ""))
	s = strings.TrimRight(s, "=")
	key, err := seedEncoding.DecodeString(s)
	if err != nil || len(key) == 0 {
		return nil, errors.New("fakeiam: MFA seed " + quoteShort(seed) + " is not Base32 (A-Z and 2-7)")
	}
	return key, nil
}

func quoteShort(s string) string {
	if len(s) > 80 {
		s = s[:80] + "..."
	}
	return `"` + s + `"`
}

// stepAt is the RFC 6238 time step t falls in.
func stepAt(t time.Time) int64 {
	u := t.Unix()
	if u < 0 {
		return (u - mfaStep + 1) / mfaStep
	}
	return u / mfaStep
}

// totp is RFC 6238's TOTP (RFC 4226's HOTP on the step count) with
// HMAC-SHA1: digits decimal digits, zero-padded.
func totp(key []byte, step int64, digits int) string {
	mac := hmac.New(sha1.New, key)
	var counter [8]byte
	binary.BigEndian.PutUint64(counter[:], uint64(step))
	mac.Write(counter[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	code := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	out := make([]byte, digits)
	code %= mod
	for i := digits - 1; i >= 0; i-- {
		out[i] = byte('0' + code%10)
		code /= 10
	}
	return string(out)
}

// pairStep finds the step k with now-mfaWindow ≤ k ≤ now at which key
// shows code1, and code2 at k+1 (so code2 may be one step ahead of now, for
// a device whose clock runs a little fast). ok is false when there is none.
// Two equal codes are a pair only where the device shows the same code
// twice in a row (about one step in a million), as a real device's would be.
func pairStep(key []byte, now int64, code1, code2 string) (next int64, ok bool) {
	for k := now; k >= now-mfaWindow; k-- {
		if totp(key, k, mfaDigits) == code1 && totp(key, k+1, mfaDigits) == code2 {
			return k + 1, true
		}
	}
	return 0, false
}

// newMFAKey is a new device's key, derived from the fake's seed and a
// counter: the same seed gives the same keys in the same order.
func (f *Fake) newMFAKey() []byte {
	var buf [16]byte
	binary.BigEndian.PutUint64(buf[0:], f.ids.seed)
	binary.BigEndian.PutUint64(buf[8:], f.ids.counter.Add(1))
	a := sha256.Sum256(append(buf[:], "mfa-seed-1"...))
	b := sha256.Sum256(append(buf[:], "mfa-seed-2"...))
	return append(a[:], b[:mfaSeedBytes-len(a)]...)
}

// otpauthURI is what the QR code of a virtual MFA device created in an
// account known as account (its alias, else its id) says:
// otpauth://totp/Amazon%20Web%20Services:<name>@<account>?secret=<seed>&issuer=Amazon%20Web%20Services,
// the form of a recorded QR code of IAM's; the name is percent-encoded
// except for RFC 3986's unreserved characters (choice: how IAM escapes +,
// =, , and @ in a name is not known).
func otpauthURI(name, account, seed string) string {
	const issuer = "Amazon%20Web%20Services"
	return "otpauth://totp/" + issuer + ":" + percentEncode(name) + "@" + account + "?secret=" + seed + "&issuer=" + issuer
}

// qrPNG is a PNG of the QR code of text (internal/qrcode: error
// correction level M, or higher when the version chosen has room; one
// mask pattern, which decoders read from the code's format bits), 1 pixel
// a module (61 pixels square, 622 bytes, for an account id and a short
// name: version 9), a quiet zone of 4 modules as the QR standard asks,
// black on white, 1-bit grayscale stored without compression. Choice:
// IAM's image size is not known, and clients only decode it; each pixel
// costs encoding time (BenchmarkPNG: 2 pixels a module cost several times
// 1).
func qrPNG(text string) ([]byte, error) {
	return qrcode.PNG(text, 1, 4)
}
