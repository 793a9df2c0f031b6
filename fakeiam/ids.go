package fakeiam

import (
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"sync/atomic"
)

// ids makes the fake's identifiers: deterministic for the same seed and the
// same sequence of calls, shaped like IAM's, and never repeated in one fake.
type ids struct {
	seed    uint64
	counter atomic.Uint64 // ids handed out so far
	reqs    atomic.Uint64 // request ids handed out so far
}

// next returns n characters of uppercase letters and digits, derived from the
// seed, a kind and a counter. Each call hashes a counter value of its own,
// so two ids repeat only if SHA-256 truncated to 5n bits does: for the 32
// characters of a certificate id (160 bits), about one chance in 2^120
// after a million ids. So certificate ids are checked only against the
// seeded ones (newCertificateIDLocked).
func (g *ids) next(kind string, n int) string {
	var buf [8 + 8 + 16]byte
	binary.BigEndian.PutUint64(buf[0:], g.seed)
	binary.BigEndian.PutUint64(buf[8:], g.counter.Add(1))
	copy(buf[16:], kind)
	sum := sha256.Sum256(buf[:])
	// A-Z and 2-7 (IAM's alphabet is a superset); 5 bytes make 8 characters.
	var out [56]byte
	base32.StdEncoding.Encode(out[:], sum[:(n+7)/8*5])
	return string(out[:n])
}

// certificateID is a new signing-certificate id: 32 characters.
func (g *ids) certificateID() string { return g.next("cert", 32) }

// accessKeyID is a new access key id: AKIA and 16 characters.
func (g *ids) accessKeyID() string { return "AKIA" + g.next("akid", 16) }

// secretKey is a new secret access key: 40 characters of A-Za-z0-9+/, as
// IAM's.
func (g *ids) secretKey() string {
	var buf [8 + 8]byte
	binary.BigEndian.PutUint64(buf[0:], g.seed)
	binary.BigEndian.PutUint64(buf[8:], g.counter.Add(1))
	sum := sha256.Sum256(buf[:])
	return base64.StdEncoding.EncodeToString(sum[:30])
}

// nextRequest numbers a new response, from 1.
func (g *ids) nextRequest() uint64 { return g.reqs.Add(1) }

// uuid is a new UUID (version 4), the same for the same seed (WithSeed):
// a deletion task's (service_linked_roles.go). The top bit keeps its
// numbers apart from the request ids'.
func (g *ids) uuid() string { return g.formatRequestID(1<<63 | g.counter.Add(1)) }

// formatRequestID is the n-th response's request id, in IAM's UUID format:
// the same n always gives the same id, so the call log keeps only n.
func (g *ids) formatRequestID(n uint64) string {
	if n == 0 {
		return ""
	}
	a, b := mix64(g.seed^n), mix64(g.seed+n*0x9E3779B97F4A7C15)
	var raw [16]byte
	binary.BigEndian.PutUint64(raw[0:], a)
	binary.BigEndian.PutUint64(raw[8:], b)
	raw[6] = raw[6]&0x0f | 0x40 // version 4
	raw[8] = raw[8]&0x3f | 0x80 // RFC 4122 variant
	var out [36]byte
	hex.Encode(out[0:8], raw[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], raw[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], raw[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], raw[8:10])
	out[23] = '-'
	hex.Encode(out[24:36], raw[10:16])
	return string(out[:])
}

// mix64 is the splitmix64 finalizer: a cheap, well-spread bijection.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
