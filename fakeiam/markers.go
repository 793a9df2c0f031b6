package fakeiam

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"time"
)

// A marker continues a listing after the last item returned. It is opaque to
// callers, printable ASCII (base64url), at most 320 characters, and bound to
// the account, the owner of the items (by UserId, which a rename keeps and
// which the root user and a user never share whatever RootUserName says;
// empty for the list of users, which are the account's) and the operation that
// issued it: a marker from anywhere else, or altered in any byte, is
// "Invalid Marker.".
//
// Layout before encoding: version (1 byte), the last item's position (8
// bytes: Unix seconds of a certificate's upload date, an access key's
// creation number, 0 for a user; then 8 bytes: a certificate's place in
// upload order, else 0), its id (a certificate's or key's id, a
// user's lowercase name; at most 128 bytes), then 16 bytes of a keyed
// SHA-256 over the fake's marker key, the binding and all of the above.

const (
	markerVersion = 2
	markerTagLen  = 16
)

// strictBase64 decodes markers refusing non-zero trailing bits: otherwise two
// markers differing in their last character could decode to the same bytes.
var strictBase64 = base64.RawURLEncoding.Strict()

type markerPos struct {
	date time.Time // upload date of the last item returned
	seq  uint64    // a certificate's place in upload order: orders uploads of one second
	id   string    // its id
}

// markerTag computes the tamper-evident tag of payload for this binding.
func (f *Fake) markerTag(op Operation, account, owner string, payload []byte) [markerTagLen]byte {
	var stack [512]byte
	b := append(stack[:0], f.markerKey[:]...)
	b = append(b, op...)
	b = append(b, 0)
	b = append(b, account...)
	b = append(b, 0)
	b = append(b, owner...)
	b = append(b, 0)
	b = append(b, payload...)
	sum := sha256.Sum256(b)
	var tag [markerTagLen]byte
	copy(tag[:], sum[:])
	return tag
}

func (f *Fake) encodeMarker(op Operation, account, owner string, pos markerPos) string {
	var stack [1 + 8 + 8 + 128 + markerTagLen]byte
	b := append(stack[:0], markerVersion)
	b = binary.BigEndian.AppendUint64(b, uint64(pos.date.Unix()))
	b = binary.BigEndian.AppendUint64(b, pos.seq)
	b = append(b, pos.id...)
	tag := f.markerTag(op, account, owner, b)
	b = append(b, tag[:]...)
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeMarker returns the position a marker continues after, or false when
// this fake did not issue it for this account, user and operation.
func (f *Fake) decodeMarker(op Operation, account, owner, marker string) (markerPos, bool) {
	var stack [1 + 8 + 8 + 128 + markerTagLen]byte
	if base64.RawURLEncoding.DecodedLen(len(marker)) > len(stack) {
		return markerPos{}, false
	}
	n, err := strictBase64.Decode(stack[:], []byte(marker))
	if err != nil || n < 1+8+8+1+markerTagLen || stack[0] != markerVersion {
		return markerPos{}, false
	}
	payload, got := stack[:n-markerTagLen], stack[n-markerTagLen:n]
	want := f.markerTag(op, account, owner, payload)
	if string(got) != string(want[:]) {
		return markerPos{}, false
	}
	secs := int64(binary.BigEndian.Uint64(payload[1:9]))
	seq := binary.BigEndian.Uint64(payload[9:17])
	return markerPos{date: time.Unix(secs, 0).UTC(), seq: seq, id: string(payload[17:])}, true
}
