package fakeiam

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fakeaws/fakeaws/fakeiam/internal/sigv4"
)

// Fake is an in-memory IAM. Build one with New or MustNew, get a client with
// Client (or Principal.Client, or attach the fake to a client you build with
// Attach), run the code under test, and inspect the result. A Fake is safe
// for concurrent use and shares nothing with other Fakes.
type Fake struct {
	mu modelLock // guards the model below; never held while user code runs
	// details is the last GetAccountAuthorizationDetails page captured,
	// shared while the model is unchanged (account_authorization_details.go).
	details atomic.Pointer[detailsCached]
	// contextKeys is the last GetContextKeysForPrincipalPolicy answer for
	// a principal's own policies, shared while the model is unchanged
	// (policy_simulator.go, sharedAnswer).
	contextKeys atomic.Pointer[sharedAnswer[contextKeysKey]]
	accounts    map[string]*account
	keys        map[string]*accessKey // every access key, by id
	// seededCertIDs are the certificate ids the seeds name, reserved before
	// any id is generated; generated ids repeat with negligible probability
	// (see ids.next).
	seededCertIDs map[string]bool
	userIDs       map[string]bool // every user id ever handed out
	certSeq       uint64          // certificates numbered so far, in upload order (guarded by mu)
	sshKeyIDs     map[string]bool // every SSH public key id handed out or seeded

	clock     clock
	ids       ids
	calls     callNumbers     // door-neutral call ids
	dates     sigv4.DateCache // the newest X-Amz-Date parsed (auth.go)
	markerKey [32]byte
	// tokenKey signs session tokens' expiry; sessions counts the session
	// keys in keys, sessionsKept those the last purge kept (sessions.go).
	tokenKey               [32]byte
	tokenMACs              sync.Pool // hash.Hash: HMACs under tokenKey, made once each
	sessions, sessionsKept int
	// issuers are the keys web identity tokens are verified with, by
	// issuer (web_identity.go): they outlive Reset.
	issuers        sync.Map
	verifiedTokens memo[string, *webToken]
	wire           *wire
	mw             *middlewares // the SDK door's (middleware.go)
	faults         faults
	log            callLog
	// linked are the services LinkedServices declared, by principal
	// (service_linked_roles.go); nil: only the fake's catalog.
	linked map[string]*LinkedService
	// enforce: every call is authorized (Enforce, enforcement.go);
	// ctxTimes: the time as its context keys carry it, this second.
	enforce  bool
	ctxTimes atomic.Pointer[contextTimes]
	seeds    []Option  // what New was given, for Reset
	seededAt time.Time // the fake's time when New built the seeds: Reset builds them at it again
}

// New returns a Fake holding the seeded state. It returns an error naming
// every seed IAM itself would refuse (a bad user name, a third certificate on
// a user, a certificate uploaded twice, ...) and every misplaced setting.
func New(opts ...Option) (*Fake, error) {
	c := &config{logLimit: defaultCallLogBytes} // now: nil, the real clock
	c.current = c.account(DefaultAccountID)
	if err := applyAll(c, opts); err != nil {
		return nil, fmt.Errorf("fakeiam: %w", err)
	}
	f := &Fake{
		accounts:      map[string]*account{},
		keys:          map[string]*accessKey{},
		seededCertIDs: map[string]bool{},
		userIDs:       map[string]bool{},
		sshKeyIDs:     map[string]bool{},
		clock:         clock{now: c.now},
		wire:          newWire(),
	}
	f.verifiedTokens.most = tokenMemoSize
	f.mw = &middlewares{capture: captureInput{f: f}, answer: answer{f: f}}
	f.ids.seed = c.seed
	f.linked, f.enforce = c.linked, c.enforce
	f.seeds = slices.Clone(opts)
	f.log.limit = c.logLimit
	var seedBytes [8]byte
	binary.BigEndian.PutUint64(seedBytes[:], c.seed)
	f.markerKey = sha256.Sum256(append([]byte("fakeiam marker key\x00"), seedBytes[:]...))
	f.tokenKey = sha256.Sum256(append([]byte("fakeiam session token key\x00"), seedBytes[:]...))
	f.seededAt = f.now()
	if err := f.build(c); err != nil {
		return nil, fmt.Errorf("fakeiam: %w", err)
	}
	return f, nil
}

// MustNew is New for test setup: it panics with New's error. Use New where
// the seeds come from input.
func MustNew(opts ...Option) *Fake {
	f, err := New(opts...)
	if err != nil {
		panic(err)
	}
	return f
}

// Reset puts the fake back as New left it: the seeded state, the same
// generated ids and keys from then on, no fault rules, an empty call log and
// no time advanced. Request ids keep counting, so that no two responses
// share one. A call authenticated before the reset and answered after it
// gets InvalidClientTokenId: its key belongs to the state that is gone.
func (f *Fake) Reset() {
	if f.wire == nil {
		return
	}
	// They built this fake: they build another, at the time this one was
	// built, so that every default date is the seeded one.
	fresh := MustNew(append(slices.Clone(f.seeds), WithFixedTime(f.seededAt))...)
	f.mu.Lock()
	f.accounts, f.keys, f.seededCertIDs, f.userIDs = fresh.accounts, fresh.keys, fresh.seededCertIDs, fresh.userIDs
	f.certSeq = fresh.certSeq
	f.sshKeyIDs = fresh.sshKeyIDs
	f.sessions, f.sessionsKept = 0, 0
	f.ids.counter.Store(fresh.ids.counter.Load())
	f.mu.Unlock()
	f.ClearFaults()
	f.ResetCalls()
	f.clock.advanced.Store(0)
}

// modelLock is the model's lock (Fake.mu) with a generation that every
// write lock taken advances: a value captured under the read lock at one
// generation is current while the generation is the same. A write of the
// model outside the write lock must advance it too: a role's last use
// (noteRoleUse; an access key's last use is shown by no captured page).
type modelLock struct {
	sync.RWMutex
	gen atomic.Uint64
}

// Lock takes the write lock and advances the generation.
func (l *modelLock) Lock() {
	l.RWMutex.Lock()
	l.gen.Add(1)
}
