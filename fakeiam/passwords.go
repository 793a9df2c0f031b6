package fakeiam

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// Passwords: a user's login profile (CreateLoginProfile, GetLoginProfile,
// UpdateLoginProfile, DeleteLoginProfile, ChangePassword) and the account's
// password policy (GetAccountPasswordPolicy, UpdateAccountPasswordPolicy,
// DeleteAccountPasswordPolicy), with IAM's checks in IAM's order
// (docs/contract.md, "Passwords"). Every password set is checked against
// the account's policy, or IAM's default policy when none is set. A
// password is never kept in clear: the fake keeps a salted SHA-256 of it
// (enough to check an old password and reuse), and the call log keeps the
// request with its password members replaced by RedactedPassword. Their
// tests: passwords_test.go.

// The password operations.
const (
	CreateLoginProfile          Operation = "CreateLoginProfile"
	GetLoginProfile             Operation = "GetLoginProfile"
	UpdateLoginProfile          Operation = "UpdateLoginProfile"
	DeleteLoginProfile          Operation = "DeleteLoginProfile"
	ChangePassword              Operation = "ChangePassword"
	GetAccountPasswordPolicy    Operation = "GetAccountPasswordPolicy"
	UpdateAccountPasswordPolicy Operation = "UpdateAccountPasswordPolicy"
	DeleteAccountPasswordPolicy Operation = "DeleteAccountPasswordPolicy"
)

// RedactedPassword stands for a password in the call log (Calls) and the
// control API's calls: what the caller sent is never kept in clear.
const RedactedPassword = "(redacted)"

func init() {
	register(opSpec[iam.CreateLoginProfileInput, iam.CreateLoginProfileOutput]{Name: CreateLoginProfile, Handle: (*Fake).createLoginProfile,
		Redact: func(in *iam.CreateLoginProfileInput) { redact(&in.Password) }})
	register(opSpec[iam.GetLoginProfileInput, iam.GetLoginProfileOutput]{Name: GetLoginProfile, Handle: (*Fake).getLoginProfile})
	register(opSpec[iam.UpdateLoginProfileInput, iam.UpdateLoginProfileOutput]{Name: UpdateLoginProfile, Handle: (*Fake).updateLoginProfile,
		Redact: func(in *iam.UpdateLoginProfileInput) { redact(&in.Password) }})
	register(opSpec[iam.DeleteLoginProfileInput, iam.DeleteLoginProfileOutput]{Name: DeleteLoginProfile, Handle: (*Fake).deleteLoginProfile})
	register(opSpec[iam.ChangePasswordInput, iam.ChangePasswordOutput]{Name: ChangePassword, Handle: (*Fake).changePassword,
		Redact: func(in *iam.ChangePasswordInput) { redact(&in.OldPassword); redact(&in.NewPassword) }})
	// The account's policy is no user's: AccessDenied names resource "*".
	register(opSpec[iam.GetAccountPasswordPolicyInput, iam.GetAccountPasswordPolicyOutput]{Name: GetAccountPasswordPolicy, Handle: (*Fake).getAccountPasswordPolicy,
		Resource: func(*Fake, *attempt, *iam.GetAccountPasswordPolicyInput) string { return "*" }})
	register(opSpec[iam.UpdateAccountPasswordPolicyInput, iam.UpdateAccountPasswordPolicyOutput]{Name: UpdateAccountPasswordPolicy, Handle: (*Fake).updateAccountPasswordPolicy,
		Resource: func(*Fake, *attempt, *iam.UpdateAccountPasswordPolicyInput) string { return "*" }})
	register(opSpec[iam.DeleteAccountPasswordPolicyInput, iam.DeleteAccountPasswordPolicyOutput]{Name: DeleteAccountPasswordPolicy, Handle: (*Fake).deleteAccountPasswordPolicy,
		Resource: func(*Fake, *attempt, *iam.DeleteAccountPasswordPolicyInput) string { return "*" }})
}

// redact replaces a password the log would keep.
func redact(p **string) {
	if *p != nil {
		s := RedactedPassword
		*p = &s
	}
}

// loginProfile is a user's console password: when it was first set,
// whether the user must set a new one at next sign-in, and its hash.
type loginProfile struct {
	created       time.Time
	changed       time.Time // when its password was last set (the credential report's password_last_changed)
	resetRequired bool
	password      passwordHash
}

// passwordHash is a password as the fake keeps it: SHA-256 over a random
// salt and the password. The fake only ever needs to tell whether a
// password it is given is this one (ChangePassword's old password, reuse
// prevention); a slow hash (bcrypt, scrypt) would guard leaked hashes of
// real passwords, which a fake never holds, at the cost of every call.
type passwordHash struct {
	salt [16]byte
	sum  [32]byte
}

func hashPassword(pw string) passwordHash {
	var h passwordHash
	rand.Read(h.salt[:]) // never fails (crypto/rand)
	h.sum = h.of(pw)
	return h
}

func (h passwordHash) of(pw string) [32]byte {
	d := sha256.New()
	d.Write(h.salt[:])
	d.Write([]byte(pw))
	var sum [32]byte
	d.Sum(sum[:0])
	return sum
}

// is reports whether pw is the password h was made from.
func (h passwordHash) is(pw string) bool {
	sum := h.of(pw)
	return subtle.ConstantTimeCompare(sum[:], h.sum[:]) == 1
}

// passwordsRemembered is how many of a user's passwords the fake keeps
// hashes of: the most PasswordReusePrevention can ask for.
const passwordsRemembered = 24

// setPassword makes pw u's password (its profile exists) and remembers it
// for reuse prevention.
func setPassword(u *principal, pw string, now time.Time) {
	h := hashPassword(pw)
	u.login.password, u.login.changed = h, now
	u.usedPasswords = append(u.usedPasswords, h)
	if n := len(u.usedPasswords); n > passwordsRemembered {
		u.usedPasswords = append([]passwordHash(nil), u.usedPasswords[n-passwordsRemembered:]...)
	}
}

// passwordPolicy is an account's password policy, as
// UpdateAccountPasswordPolicy sets it: a member left out takes IAM's
// default (docs: UpdateAccountPasswordPolicy's parameters).
type passwordPolicy struct {
	minLength                      int32 // default 6
	symbols, numbers, upper, lower bool
	allowChange                    bool
	maxAge, reuse                  int32 // 0: not set (never expire; no reuse prevention)
	hardExpiry                     *bool // nil: not set
}

func policyOf(in *iam.UpdateAccountPasswordPolicyInput) *passwordPolicy {
	p := &passwordPolicy{minLength: 6, symbols: in.RequireSymbols, numbers: in.RequireNumbers,
		upper: in.RequireUppercaseCharacters, lower: in.RequireLowercaseCharacters, allowChange: in.AllowUsersToChangePassword}
	if in.MinimumPasswordLength != nil {
		p.minLength = *in.MinimumPasswordLength
	}
	if in.MaxPasswordAge != nil {
		p.maxAge = *in.MaxPasswordAge
	}
	if in.PasswordReusePrevention != nil {
		p.reuse = *in.PasswordReusePrevention
	}
	if in.HardExpiry != nil {
		h := *in.HardExpiry
		p.hardExpiry = &h
	}
	return p
}

// sdk is the policy as GetAccountPasswordPolicy answers it, fresh.
func (p passwordPolicy) sdk() *types.PasswordPolicy {
	out := &types.PasswordPolicy{MinimumPasswordLength: &p.minLength, RequireSymbols: p.symbols, RequireNumbers: p.numbers,
		RequireUppercaseCharacters: p.upper, RequireLowercaseCharacters: p.lower, AllowUsersToChangePassword: p.allowChange,
		ExpirePasswords: p.maxAge > 0}
	if p.maxAge > 0 {
		out.MaxPasswordAge = &p.maxAge
	}
	if p.reuse > 0 {
		out.PasswordReusePrevention = &p.reuse
	}
	if p.hardExpiry != nil {
		h := *p.hardExpiry
		out.HardExpiry = &h
	}
	return out
}

// IAM's default password policy, which applies while an account has none
// (docs: "Default password policy"): at least 8 characters, and three of
// the four kinds of character.
const defaultMinimumPasswordLength = 8

// passwordSymbols are the characters IAM counts as symbols (docs:
// RequireSymbols).
const passwordSymbols = "!@#$%^&*()_+-=[]{}|'"

// checkPassword refuses pw, a new password for u (nil when seeding a
// profile without history), where the account's policy (nil: IAM's
// default) refuses it. The first rule it breaks is the message, in this
// order: length, uppercase, lowercase, number, symbol, reuse.
func checkPassword(pol *passwordPolicy, pw string, used []passwordHash) *Error {
	var upper, lower, number, symbol bool
	for i := 0; i < len(pw); i++ {
		switch c := pw[i]; {
		case 'A' <= c && c <= 'Z':
			upper = true
		case 'a' <= c && c <= 'z':
			lower = true
		case '0' <= c && c <= '9':
			number = true
		case strings.IndexByte(passwordSymbols, c) >= 0:
			symbol = true
		}
	}
	n := utf8.RuneCountInString(pw)
	if pol == nil {
		kinds := 0
		for _, k := range []bool{upper, lower, number, symbol} {
			if k {
				kinds++
			}
		}
		switch {
		case n < defaultMinimumPasswordLength:
			return errPasswordPolicy("Password should have a minimum length of " + strconv.Itoa(defaultMinimumPasswordLength))
		case kinds < 3:
			return errPasswordPolicy(msgDefaultPasswordKinds)
		}
		return nil
	}
	switch {
	case n < int(pol.minLength):
		return errPasswordPolicy("Password should have a minimum length of " + strconv.Itoa(int(pol.minLength)))
	case pol.upper && !upper:
		return errPasswordPolicy("Password should have at least one uppercase letter")
	case pol.lower && !lower:
		return errPasswordPolicy("Password should have at least one lowercase letter")
	case pol.numbers && !number:
		return errPasswordPolicy("Password should have at least one number")
	case pol.symbols && !symbol:
		return errPasswordPolicy("Password should have at least one symbol")
	}
	if pol.reuse > 0 {
		recent := used[max(0, len(used)-int(pol.reuse)):]
		for _, h := range recent {
			if h.is(pw) {
				return errPasswordPolicy("Password should not be one of your previous " + strconv.Itoa(int(pol.reuse)) + " passwords")
			}
		}
	}
	return nil
}

// msgDefaultPasswordKinds refuses a password with fewer than three kinds of
// character under IAM's default policy (text: choice).
const msgDefaultPasswordKinds = "Password should have at least three of the following: uppercase letters, lowercase letters, numbers and symbols"

// profileUser resolves the user a login-profile operation acts on: named,
// or the caller when it is a user (the root and roles must name one).
func (f *Fake) profileUser(caller *principal, userName *string) (*principal, *Error) {
	if userName == nil && caller.kind == kindRoot {
		if err := f.current(caller); err != nil {
			return nil, err
		}
		return nil, errValidation(msgNonUserCaller)
	}
	return f.resolveUser(caller, userName)
}

// loginProfileView is a profile as an answer captured it.
type loginProfileView struct {
	name          string
	created       time.Time
	resetRequired bool
}

func (v loginProfileView) sdk() *types.LoginProfile {
	s := new(struct {
		p       types.LoginProfile
		name    string
		created time.Time
	})
	s.name, s.created = v.name, v.created
	s.p = types.LoginProfile{UserName: &s.name, CreateDate: &s.created, PasswordResetRequired: v.resetRequired}
	return &s.p
}

// createLoginProfile: (validation) → the user (the root and roles must name
// one) → it has no profile → a password is given → the policy → created.
func (f *Fake) createLoginProfile(a *attempt, in *iam.CreateLoginProfileInput) (result[iam.CreateLoginProfileOutput], *Error) {
	var none result[iam.CreateLoginProfileOutput]
	now := f.nowFor(a)
	f.mu.Lock()
	defer f.mu.Unlock()
	u, err := f.profileUser(a.caller, in.UserName)
	if err != nil {
		return none, err
	}
	if u.login != nil {
		return none, errLoginProfileExists(u.name)
	}
	if in.Password == nil {
		return none, errValidation("1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null")
	}
	if err := checkPassword(u.account.passwordPolicy, *in.Password, u.usedPasswords); err != nil {
		return none, err
	}
	u.login = &loginProfile{created: now, resetRequired: in.PasswordResetRequired}
	setPassword(u, *in.Password, now)
	v := loginProfileView{u.name, now, in.PasswordResetRequired}
	return answerWith(v, func(v loginProfileView) *iam.CreateLoginProfileOutput {
		return &iam.CreateLoginProfileOutput{LoginProfile: v.sdk()}
	}), nil
}

// getLoginProfile: (validation) → the user → its profile, never its
// password.
func (f *Fake) getLoginProfile(a *attempt, in *iam.GetLoginProfileInput) (result[iam.GetLoginProfileOutput], *Error) {
	var none result[iam.GetLoginProfileOutput]
	f.mu.RLock()
	defer f.mu.RUnlock()
	u, err := f.profileUser(a.caller, in.UserName)
	if err != nil {
		return none, err
	}
	if u.login == nil {
		return none, errNoSuchLoginProfile(u.name)
	}
	v := loginProfileView{u.name, u.login.created, u.login.resetRequired}
	return answerWith(v, func(v loginProfileView) *iam.GetLoginProfileOutput {
		return &iam.GetLoginProfileOutput{LoginProfile: v.sdk()}
	}), nil
}

// updateLoginProfile: (validation) → the user → its profile → the new
// password's policy (when one is given) → what is given changes; what is
// left out stays.
func (f *Fake) updateLoginProfile(a *attempt, in *iam.UpdateLoginProfileInput) (result[iam.UpdateLoginProfileOutput], *Error) {
	var none result[iam.UpdateLoginProfileOutput]
	now := f.nowFor(a)
	f.mu.Lock()
	defer f.mu.Unlock()
	u, err := f.resolveUser(a.caller, in.UserName)
	if err != nil {
		return none, err
	}
	if u.login == nil {
		return none, errNoSuchLoginProfile(u.name)
	}
	if in.Password != nil {
		if err := checkPassword(u.account.passwordPolicy, *in.Password, u.usedPasswords); err != nil {
			return none, err
		}
		setPassword(u, *in.Password, now)
	}
	if in.PasswordResetRequired != nil {
		u.login.resetRequired = *in.PasswordResetRequired
	}
	return answerEmpty[iam.UpdateLoginProfileOutput](), nil
}

// deleteLoginProfile: (validation) → the user → its profile → gone. The
// user's earlier passwords stay remembered for reuse prevention.
func (f *Fake) deleteLoginProfile(a *attempt, in *iam.DeleteLoginProfileInput) (result[iam.DeleteLoginProfileOutput], *Error) {
	var none result[iam.DeleteLoginProfileOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	u, err := f.profileUser(a.caller, in.UserName)
	if err != nil {
		return none, err
	}
	if u.login == nil {
		return none, errNoSuchLoginProfile(u.name)
	}
	u.login = nil
	return answerEmpty[iam.DeleteLoginProfileOutput](), nil
}

// changePassword: (validation) → the caller is an IAM user → it has a
// profile → the old password is its password → the new one's policy →
// changed, and no longer to be reset.
func (f *Fake) changePassword(a *attempt, in *iam.ChangePasswordInput) (result[iam.ChangePasswordOutput], *Error) {
	var none result[iam.ChangePasswordOutput]
	now := f.nowFor(a)
	f.mu.Lock()
	defer f.mu.Unlock()
	u := a.caller
	if err := f.current(u); err != nil {
		return none, err
	}
	if u.kind != kindUser {
		return none, errNotIAMUser()
	}
	if u.login == nil {
		return none, errNoSuchLoginProfile(u.name)
	}
	if !u.login.password.is(*in.OldPassword) {
		return none, errWrongOldPassword()
	}
	if err := checkPassword(u.account.passwordPolicy, *in.NewPassword, u.usedPasswords); err != nil {
		return none, err
	}
	setPassword(u, *in.NewPassword, now)
	u.login.resetRequired = false
	return answerEmpty[iam.ChangePasswordOutput](), nil
}

// getAccountPasswordPolicy: the caller's account's policy, or NoSuchEntity
// when none is set (IAM's default policy is not reported as one).
func (f *Fake) getAccountPasswordPolicy(a *attempt, _ *iam.GetAccountPasswordPolicyInput) (result[iam.GetAccountPasswordPolicyOutput], *Error) {
	var none result[iam.GetAccountPasswordPolicyOutput]
	f.mu.RLock()
	defer f.mu.RUnlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	acct := a.caller.account
	if acct.passwordPolicy == nil {
		return none, errNoPasswordPolicy(acct.id)
	}
	return answerWith(*acct.passwordPolicy, func(p passwordPolicy) *iam.GetAccountPasswordPolicyOutput {
		return &iam.GetAccountPasswordPolicyOutput{PasswordPolicy: p.sdk()}
	}), nil
}

// updateAccountPasswordPolicy: (validation) → the whole policy replaced;
// a member left out takes its default.
func (f *Fake) updateAccountPasswordPolicy(a *attempt, in *iam.UpdateAccountPasswordPolicyInput) (result[iam.UpdateAccountPasswordPolicyOutput], *Error) {
	var none result[iam.UpdateAccountPasswordPolicyOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	a.caller.account.passwordPolicy = policyOf(in)
	return answerEmpty[iam.UpdateAccountPasswordPolicyOutput](), nil
}

// deleteAccountPasswordPolicy: the policy gone (IAM's default applies
// again), or NoSuchEntity when none is set.
func (f *Fake) deleteAccountPasswordPolicy(a *attempt, _ *iam.DeleteAccountPasswordPolicyInput) (result[iam.DeleteAccountPasswordPolicyOutput], *Error) {
	var none result[iam.DeleteAccountPasswordPolicyOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	if a.caller.account.passwordPolicy == nil {
		return none, errNoAccountPolicy()
	}
	a.caller.account.passwordPolicy = nil
	return answerEmpty[iam.DeleteAccountPasswordPolicyOutput](), nil
}
