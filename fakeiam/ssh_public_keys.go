package fakeiam

import (
	"bytes"
	"crypto/md5"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/pem"
	"math/big"
	"math/bits"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// SSH public keys: UploadSSHPublicKey, GetSSHPublicKey, ListSSHPublicKeys,
// UpdateSSHPublicKey, DeleteSSHPublicKey (docs/contract.md, "SSH public
// keys"). A user holds up to five, each an RSA key of 2048 to 16384 bits
// uploaded in OpenSSH form ("ssh-rsa AAAA... comment") or as PEM; GetSSHPublicKey
// gives it back in either. Seeding: PrincipalSeed.SSHPublicKey. Their
// tests: ssh_public_keys_test.go.

// The SSH public key operations.
const (
	UploadSSHPublicKey Operation = "UploadSSHPublicKey"
	GetSSHPublicKey    Operation = "GetSSHPublicKey"
	ListSSHPublicKeys  Operation = "ListSSHPublicKeys"
	UpdateSSHPublicKey Operation = "UpdateSSHPublicKey"
	DeleteSSHPublicKey Operation = "DeleteSSHPublicKey"
)

func init() {
	register(opSpec[iam.UploadSSHPublicKeyInput, iam.UploadSSHPublicKeyOutput]{Name: UploadSSHPublicKey, Handle: (*Fake).uploadSSHPublicKey})
	register(opSpec[iam.GetSSHPublicKeyInput, iam.GetSSHPublicKeyOutput]{Name: GetSSHPublicKey, Handle: (*Fake).getSSHPublicKey})
	register(opSpec[iam.ListSSHPublicKeysInput, iam.ListSSHPublicKeysOutput]{Name: ListSSHPublicKeys, Handle: (*Fake).listSSHPublicKeys})
	register(opSpec[iam.UpdateSSHPublicKeyInput, iam.UpdateSSHPublicKeyOutput]{Name: UpdateSSHPublicKey, Handle: (*Fake).updateSSHPublicKey})
	register(opSpec[iam.DeleteSSHPublicKeyInput, iam.DeleteSSHPublicKeyOutput]{Name: DeleteSSHPublicKey, Handle: (*Fake).deleteSSHPublicKey})
}

// sshKeysPerUser is IAM's quota of SSH public keys on one user
// (SSHPublicKeysPerUser changes it).
const sshKeysPerUser = 5

// RSA moduli IAM accepts, in bits: at least 2048 (IAM's documentation);
// at most 16384, OpenSSH's own limit (IAM's is not documented).
const (
	sshMinBits = 2048
	sshMaxBits = 16384
)

// sshKey is an SSH public key, immutable once stored: an update replaces
// it (answers kept by the call log may hold it).
type sshKey struct {
	id          string
	body        string // as stored: "ssh-rsa <base64>", or the PEM block (storedBody)
	pemForm     bool   // uploaded as PEM, else in OpenSSH form
	blob        []byte // the key in SSH wire form (RFC 4253 "ssh-rsa"), never written
	fingerprint string // MD5 of blob, colon-separated lowercase hex
	status      types.StatusType
	uploaded    time.Time // whole seconds, UTC
	seq         uint64    // its place in its owner's upload order, from 1
	owner       *principal
}

// uploadSSHPublicKey: (validation) → user exists → the body's encoding and
// key → quota → the same key on this user → stored, Active, as IAM stores
// it (without a comment or the whitespace around it). The key is parsed
// before the lock is taken; its result is reported in IAM's order.
func (f *Fake) uploadSSHPublicKey(a *attempt, in *iam.UploadSSHPublicKeyInput) (result[iam.UploadSSHPublicKeyOutput], *Error) {
	var none result[iam.UploadSSHPublicKeyOutput]
	body := *in.SSHPublicKeyBody // validated: present
	parsed, bad := parseSSHPublicKey(body)
	now := f.nowFor(a)
	f.mu.Lock()
	defer f.mu.Unlock()
	u, err := f.resolveUser(a.caller, in.UserName)
	if err != nil {
		return none, err
	}
	if bad != nil {
		return none, bad
	}
	if quota := u.account.sshQuota; len(u.sshKeys) >= quota {
		return none, errSSHKeyQuota(quota)
	}
	if slices.ContainsFunc(u.sshKeys, func(k *sshKey) bool { return k.fingerprint == parsed.fingerprint }) {
		return none, errDuplicateSSHKey()
	}
	k := parsed
	k.id, k.status, k.uploaded = f.newSSHKeyIDLocked(), types.StatusTypeActive, now
	f.addSSHKey(u, &k)
	return answerWith(sshKeyView{f.ownerName(u), &k, k.body}, func(v sshKeyView) *iam.UploadSSHPublicKeyOutput {
		return &iam.UploadSSHPublicKeyOutput{SSHPublicKey: v.sdk()}
	}), nil
}

// getSSHPublicKey: (validation) → user exists → the user's key exists →
// the key in the encoding asked for.
func (f *Fake) getSSHPublicKey(a *attempt, in *iam.GetSSHPublicKeyInput) (result[iam.GetSSHPublicKeyOutput], *Error) {
	var none result[iam.GetSSHPublicKeyOutput]
	f.mu.RLock()
	u, err := f.resolveUser(a.caller, in.UserName)
	var k *sshKey
	if err == nil {
		if i := slices.IndexFunc(u.sshKeys, func(k *sshKey) bool { return k.id == *in.SSHPublicKeyId }); i >= 0 {
			k = u.sshKeys[i]
		} else {
			err = errNoSuchSSHKey(*in.SSHPublicKeyId)
		}
	}
	var owner string
	if err == nil {
		owner = f.ownerName(u)
	}
	f.mu.RUnlock()
	if err != nil {
		return none, err
	}
	return answerWith(sshKeyView{owner, k, k.encoded(in.Encoding)}, func(v sshKeyView) *iam.GetSSHPublicKeyOutput {
		return &iam.GetSSHPublicKeyOutput{SSHPublicKey: v.sdk()}
	}), nil
}

// listSSHPublicKeys: (validation) → implicit user → user exists → marker →
// the keys in upload order, without bodies.
func (f *Fake) listSSHPublicKeys(a *attempt, in *iam.ListSSHPublicKeysInput) (result[iam.ListSSHPublicKeysOutput], *Error) {
	return userPage(f, sshKeyPages, a, in.UserName, in.Marker, in.MaxItems,
		func(owner *principal, start, end int, marker string) result[iam.ListSSHPublicKeysOutput] {
			type listed struct {
				user   string
				page   []*sshKey // records are immutable, and writes replace the slice: never written
				marker string
			}
			return answerWith(listed{f.ownerName(owner), owner.sshKeys[start:end:end], marker}, func(l listed) *iam.ListSSHPublicKeysOutput {
				out := &iam.ListSSHPublicKeysOutput{SSHPublicKeys: make([]types.SSHPublicKeyMetadata, len(l.page))}
				strs := make([]string, 2*len(l.page))
				dates := make([]time.Time, len(l.page))
				for i, k := range l.page {
					strs[2*i], strs[2*i+1], dates[i] = l.user, k.id, k.uploaded
					out.SSHPublicKeys[i] = types.SSHPublicKeyMetadata{UserName: &strs[2*i], SSHPublicKeyId: &strs[2*i+1], Status: k.status, UploadDate: &dates[i]}
				}
				out.IsTruncated, out.Marker = pageEnd(l.marker)
				return out
			})
		})
}

// sshKeyPages: a user's SSH keys in upload order; a marker carries the
// key's place in it.
var sshKeyPages = pageSpec[*sshKey]{
	op:    ListSSHPublicKeys,
	items: func(p *principal) []*sshKey { return p.sshKeys },
	pos:   func(k *sshKey) markerPos { return markerPos{seq: k.seq, id: k.id} },
	after: func(k *sshKey, p markerPos) bool { return k.seq > p.seq },
}

// updateSSHPublicKey: (validation) → user exists → Expired refused → the
// user's key exists → status set (idempotent).
func (f *Fake) updateSSHPublicKey(a *attempt, in *iam.UpdateSSHPublicKeyInput) (result[iam.UpdateSSHPublicKeyOutput], *Error) {
	err := itemOp(f, anSSHKey, a.caller, in.UserName, in.SSHPublicKeyId,
		func() *Error {
			if in.Status == types.StatusTypeExpired {
				return errExpiredSSHKeyStatus()
			}
			return nil
		},
		func(k *sshKey) {
			if k.status != in.Status {
				next := *k // records are immutable: the log's answers may hold this one
				next.status = in.Status
				u := k.owner
				u.sshKeys = slices.Clone(u.sshKeys) // a kept page may share the array
				u.sshKeys[slices.Index(u.sshKeys, k)] = &next
			}
		})
	return answerEmpty[iam.UpdateSSHPublicKeyOutput](), err
}

// deleteSSHPublicKey: (validation) → user exists → the user's key exists →
// gone.
func (f *Fake) deleteSSHPublicKey(a *attempt, in *iam.DeleteSSHPublicKeyInput) (result[iam.DeleteSSHPublicKeyOutput], *Error) {
	err := itemOp(f, anSSHKey, a.caller, in.UserName, in.SSHPublicKeyId, nil, func(k *sshKey) {
		k.owner.sshKeys = slices.DeleteFunc(slices.Clone(k.owner.sshKeys), func(e *sshKey) bool { return e == k })
	})
	return answerEmpty[iam.DeleteSSHPublicKeyOutput](), err
}

// anSSHKey finds a user's SSH public key for Update and Delete.
var anSSHKey = itemSpec[*sshKey]{
	items:    func(p *principal) []*sshKey { return p.sshKeys },
	idOf:     func(k *sshKey) string { return k.id },
	notFound: errNoSuchSSHKey,
}

// addSSHKey gives u the key k, after every key u was given before. The
// slice is new: a kept page may share the old one's array.
func (f *Fake) addSSHKey(u *principal, k *sshKey) {
	u.sshMade++
	k.seq, k.owner = u.sshMade, u
	u.sshKeys = append(slices.Clip(u.sshKeys), k)
	f.sshKeyIDs[k.id] = true
}

// newSSHKeyIDLocked returns an SSH key id no key of this fake has: APKA and
// 16 characters, as IAM's.
func (f *Fake) newSSHKeyIDLocked() string {
	for {
		id := "APKA" + f.ids.next("sshk", 16)
		if !f.sshKeyIDs[id] {
			return id
		}
	}
}

// sshKeyView is a key as an answer shows it: its owner's name then, the
// immutable record, and the body in the encoding asked for.
type sshKeyView struct {
	user string
	k    *sshKey
	body string
}

// sdk is the SDK's SSHPublicKey, fresh: one allocation.
func (v sshKeyView) sdk() *types.SSHPublicKey {
	s := new(struct {
		key                         types.SSHPublicKey
		user, id, fingerprint, body string
		uploaded                    time.Time
	})
	s.user, s.id, s.fingerprint, s.body, s.uploaded = v.user, v.k.id, v.k.fingerprint, v.body, v.k.uploaded
	s.key = types.SSHPublicKey{UserName: &s.user, SSHPublicKeyId: &s.id, Fingerprint: &s.fingerprint, SSHPublicKeyBody: &s.body, Status: v.k.status, UploadDate: &s.uploaded}
	return &s.key
}

// encoded is the key's body in encoding: the stored body when the key was
// uploaded in that form; otherwise "ssh-rsa <base64 of the wire form>", or
// a PEM PUBLIC KEY block (PKIX) as pem.EncodeToMemory writes it, without
// the final newline (IAM strips it from what it stores).
func (k *sshKey) encoded(encoding types.EncodingType) string {
	switch {
	case (encoding == types.EncodingTypePem) == k.pemForm:
		return k.body
	case encoding == types.EncodingTypePem:
		e, n, _ := readSSHRSA(k.blob) // checked when stored
		der, err := x509.MarshalPKIXPublicKey(&rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())})
		if err != nil {
			panic("fakeiam: a stored SSH public key: " + err.Error()) // checked when stored: an RSA key x509 takes
		}
		return strings.TrimSuffix(string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})), "\n")
	}
	return "ssh-rsa " + base64.StdEncoding.EncodeToString(k.blob)
}

// parseSSHPublicKey reads an SSH public key body as IAM accepts it: an RSA
// key in OpenSSH form ("ssh-rsa <base64> [comment]") or as a PEM block
// ("PUBLIC KEY", PKIX; or "RSA PUBLIC KEY", PKCS #1), of 2048 to 16384
// bits. Another key type, or text in neither form, is
// UnrecognizedPublicKeyEncoding; a body in one of the forms that does not
// hold a valid RSA key of those sizes is InvalidPublicKey. It fills the
// key's wire form, fingerprint and body as IAM stores it: "ssh-rsa
// <base64>" without the comment, or the PEM block without the whitespace
// around it. Bad input is an error, never a panic (FuzzParseSSHPublicKey).
func parseSSHPublicKey(body string) (sshKey, *Error) {
	text := strings.TrimSpace(body)
	if !strings.HasPrefix(text, "-----BEGIN ") {
		fields := strings.Fields(text)
		if len(fields) == 0 || fields[0] != "ssh-rsa" {
			return sshKey{}, errUnrecognizedPublicKeyEncoding()
		}
		if len(fields) < 2 {
			return sshKey{}, errInvalidPublicKey()
		}
		blob, err := base64.StdEncoding.Strict().DecodeString(fields[1])
		if err != nil {
			return sshKey{}, errInvalidPublicKey()
		}
		// The wire form is read as bytes: no big.Int, no DER, for the
		// budget of an upload (BenchmarkPairedRatios/op/UploadSSHPublicKey).
		e, n, ok := readSSHRSA(blob)
		if !ok || !acceptedRSA(e, n) {
			return sshKey{}, errInvalidPublicKey()
		}
		return sshKey{body: "ssh-rsa " + fields[1], blob: blob, fingerprint: sshFingerprint(blob)}, nil
	}
	block, rest := pem.Decode([]byte(text))
	if block == nil || len(bytes.TrimSpace(rest)) > 0 || len(block.Headers) > 0 {
		return sshKey{}, errInvalidPublicKey()
	}
	var pub *rsa.PublicKey
	switch block.Type {
	case "PUBLIC KEY":
		key, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			if strings.Contains(err.Error(), "unknown public key algorithm") {
				return sshKey{}, errUnrecognizedPublicKeyEncoding()
			}
			return sshKey{}, errInvalidPublicKey()
		}
		rk, ok := key.(*rsa.PublicKey)
		if !ok {
			return sshKey{}, errUnrecognizedPublicKeyEncoding()
		}
		pub = rk
	case "RSA PUBLIC KEY":
		rk, err := x509.ParsePKCS1PublicKey(block.Bytes)
		if err != nil {
			return sshKey{}, errInvalidPublicKey()
		}
		pub = rk
	default:
		return sshKey{}, errUnrecognizedPublicKeyEncoding()
	}
	blob := sshRSABlob(pub)
	if e, n, _ := readSSHRSA(blob); !acceptedRSA(e, n) {
		return sshKey{}, errInvalidPublicKey()
	}
	return sshKey{body: text, pemForm: true, blob: blob, fingerprint: sshFingerprint(blob)}, nil
}

// acceptedRSA reports whether IAM takes the RSA key of exponent e and
// modulus n (minimal positive big-endian integers): a modulus of 2048 to
// 16384 bits, an odd exponent of at least 3 that crypto/rsa can hold
// (under 2^31).
func acceptedRSA(e, n []byte) bool {
	if n[0] == 0 {
		n = n[1:]
	}
	if e[0] == 0 {
		e = e[1:]
	}
	size := 8*len(n) - bits.LeadingZeros8(n[0])
	if size < sshMinBits || size > sshMaxBits || len(e) > 4 || len(e) == 4 && e[0]&0x80 != 0 || e[len(e)-1]&1 == 0 {
		return false
	}
	return len(e) > 1 || e[0] >= 3
}

// readSSHRSA reads an "ssh-rsa" key in SSH wire form (RFC 4253 6.6: the
// string "ssh-rsa", mpint e, mpint n), nothing after it: e and n are
// positive and minimal (RFC 4251 5), as OpenSSH requires.
func readSSHRSA(blob []byte) (e, n []byte, ok bool) {
	name, rest, ok := readSSHString(blob)
	if !ok || string(name) != "ssh-rsa" {
		return nil, nil, false
	}
	e, rest, ok = readSSHString(rest)
	if !ok || !minimalPositive(e) {
		return nil, nil, false
	}
	n, rest, ok = readSSHString(rest)
	if !ok || !minimalPositive(n) || len(rest) != 0 {
		return nil, nil, false
	}
	return e, n, true
}

// readSSHString reads an SSH string: a 4-byte big-endian length and that
// many bytes.
func readSSHString(b []byte) (s, rest []byte, ok bool) {
	if len(b) < 4 {
		return nil, nil, false
	}
	n := binary.BigEndian.Uint32(b)
	if uint64(n) > uint64(len(b)-4) {
		return nil, nil, false
	}
	return b[4 : 4+n], b[4+n:], true
}

// minimalPositive reports whether an mpint is positive and without a
// needless leading zero byte.
func minimalPositive(m []byte) bool {
	switch {
	case len(m) == 0, m[0]&0x80 != 0:
		return false // zero, or negative
	case m[0] == 0:
		return len(m) > 1 && m[1]&0x80 != 0 // a zero byte only before a high bit
	}
	return true
}

// sshRSABlob is pub in SSH wire form.
func sshRSABlob(pub *rsa.PublicKey) []byte {
	mpint := func(b []byte) []byte {
		if len(b) > 0 && b[0]&0x80 != 0 {
			return append([]byte{0}, b...)
		}
		return b
	}
	e := mpint(big.NewInt(int64(pub.E)).Bytes())
	n := mpint(pub.N.Bytes())
	out := make([]byte, 0, 4+7+4+len(e)+4+len(n))
	for _, s := range [][]byte{[]byte("ssh-rsa"), e, n} {
		out = binary.BigEndian.AppendUint32(out, uint32(len(s)))
		out = append(out, s...)
	}
	return out
}

// sshFingerprint is the MD5 of a key's wire form as colon-separated
// lowercase hex, as `ssh-keygen -l -E md5` prints it (without "MD5:").
func sshFingerprint(blob []byte) string {
	sum := md5.Sum(blob)
	var out [len(sum)*3 - 1]byte
	for i, b := range sum {
		if i > 0 {
			out[3*i-1] = ':'
		}
		hex.Encode(out[3*i:3*i+2], []byte{b})
	}
	return string(out[:])
}

// defaultSSHPublicKey is the body of the n-th (from 1) default SSH public
// key of the user ownerARN in a fake seeded with seed: "ssh-rsa <base64>
// fakeiam", a 2048-bit RSA public key whose modulus is derived from the
// arguments (no private key exists: the fake never needs one, and
// generating a real key pair costs some 100 ms). Different arguments give
// different keys, the same arguments the same.
func defaultSSHPublicKey(seed uint64, ownerARN string, n int) string {
	var in [16]byte
	binary.BigEndian.PutUint64(in[0:], seed)
	binary.BigEndian.PutUint64(in[8:], uint64(n))
	modulus := make([]byte, 0, sshMinBits/8)
	for block := uint32(0); len(modulus) < sshMinBits/8; block++ {
		h := sha256.New()
		h.Write(in[:])
		h.Write([]byte(ownerARN))
		h.Write(binary.BigEndian.AppendUint32(nil, block))
		modulus = h.Sum(modulus)
	}
	modulus[0] |= 0x80           // 2048 bits exactly
	modulus[len(modulus)-1] |= 1 // odd, as an RSA modulus is
	pub := &rsa.PublicKey{N: new(big.Int).SetBytes(modulus), E: 65537}
	return "ssh-rsa " + base64.StdEncoding.EncodeToString(sshRSABlob(pub)) + " fakeiam"
}
