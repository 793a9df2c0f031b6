package fakeiam_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// ledger is what the goroutines saw succeed, shared between them.
type ledger struct {
	mu       sync.Mutex
	uploaded map[string]string // certificate id → user it was uploaded for
	deleted  map[string]string // certificate id → user whose delete succeeded
	listed   map[string]string // every id any list showed → its user
}

func (l *ledger) record(t *testing.T, m map[string]string, what, id, user string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if prev, dup := m[id]; dup {
		t.Errorf("%s %s twice (for %s and %s)", what, id, prev, user)
	}
	m[id] = user
}

// TestLifecycleConcurrent runs uploads, updates, deletes and lists from many
// goroutines on several users (run it with -race): no list ever shows more
// than the quota, ids never repeat, and at the end every successful upload is
// either held or was deleted.
func TestLifecycleConcurrent(t *testing.T) {
	const (
		workers = 12
		ops     = 60
		quota   = 2
	)
	users := []string{"U0", "U1", "U2", "U3"}
	seeds := []fakeiam.Option{fakeiam.CallLogBytes(0)}
	for _, u := range users {
		seeds = append(seeds, fakeiam.User(u).SigningCertificate(fakeiam.SigningCertificate{}))
	}
	f := newFake(seeds...)
	seeded := map[string]string{}
	for _, u := range users {
		certs, err := f.User(u).SigningCertificates()
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range certs {
			seeded[*c.CertificateId] = u
		}
	}
	l := &ledger{uploaded: map[string]string{}, deleted: map[string]string{}, listed: map[string]string{}}

	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx := context.Background()
			rng := rand.New(rand.NewPCG(uint64(w), 42))
			root := f.Client()
			mine := map[string]*iam.Client{}
			for _, u := range users {
				mine[u] = f.User(u).Client()
			}
			// caller picks the user's own key without UserName, or the
			// root's key naming the user: both paths run concurrently.
			caller := func(u string) (*iam.Client, *string) {
				if rng.IntN(2) == 0 {
					return mine[u], nil
				}
				return root, aws.String(u)
			}
			list := func(u string) []string {
				c, name := caller(u)
				out, err := c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: name})
				if err != nil {
					t.Errorf("list %s: %v", u, err)
					return nil
				}
				if len(out.Certificates) > quota {
					t.Errorf("list %s shows %d certificates, quota %d", u, len(out.Certificates), quota)
				}
				var ids []string
				for _, c := range out.Certificates {
					if *c.UserName != u {
						t.Errorf("list %s shows a certificate of %s", u, *c.UserName)
					}
					if slices.Contains(ids, *c.CertificateId) {
						t.Errorf("list %s shows %s twice", u, *c.CertificateId)
					}
					ids = append(ids, *c.CertificateId)
					l.mu.Lock()
					l.listed[*c.CertificateId] = u
					l.mu.Unlock()
				}
				return ids
			}
			pick := func(ids []string) string {
				if len(ids) == 0 {
					return "NOCERTIFICATE00000000000000" // valid shape, never an id
				}
				return ids[rng.IntN(len(ids))]
			}
			for i := range ops {
				u := users[rng.IntN(len(users))]
				c, name := caller(u)
				switch op := rng.IntN(10); {
				case op < 4: // upload: a fresh body, or one from a small shared pool
					subject := fmt.Sprintf("worker %d op %d", w, i)
					if rng.IntN(3) == 0 {
						subject = fmt.Sprintf("pool %d", rng.IntN(8))
					}
					out, err := c.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{UserName: name, CertificateBody: aws.String(fakeiam.CertificatePEM(subject))})
					switch code := outcomeOf(err); code {
					case "ok":
						if *out.Certificate.UserName != u || out.Certificate.Status != types.StatusTypeActive {
							t.Errorf("upload for %s returned %+v", u, out.Certificate)
						}
						l.record(t, l.uploaded, "uploaded", *out.Certificate.CertificateId, u)
					case "LimitExceeded", "DuplicateCertificate":
					default:
						t.Errorf("upload for %s: %v", u, err)
					}
				case op < 6:
					status := types.StatusTypeInactive
					if rng.IntN(2) == 0 {
						status = types.StatusTypeActive
					}
					_, err := c.UpdateSigningCertificate(ctx, &iam.UpdateSigningCertificateInput{UserName: name, CertificateId: aws.String(pick(list(u))), Status: status})
					if code := outcomeOf(err); code != "ok" && code != "NoSuchEntity" {
						t.Errorf("update for %s: %v", u, err)
					}
				case op < 8:
					id := pick(list(u))
					_, err := c.DeleteSigningCertificate(ctx, &iam.DeleteSigningCertificateInput{UserName: name, CertificateId: aws.String(id)})
					switch code := outcomeOf(err); code {
					case "ok":
						l.record(t, l.deleted, "deleted", id, u)
					case "NoSuchEntity":
						var nse *types.NoSuchEntityException
						if !errors.As(err, &nse) {
							t.Errorf("delete: NoSuchEntity is %T", err)
						}
					default:
						t.Errorf("delete for %s: %v", u, err)
					}
				case op < 9:
					list(u)
				default:
					f.Advance(time.Second)
				}
			}
		}()
	}
	wg.Wait()

	// The final state.
	held := map[string]string{}
	bodies := map[string]string{}
	for _, u := range users {
		certs, err := f.User(u).SigningCertificates()
		if err != nil {
			t.Fatal(err)
		}
		if len(certs) > quota {
			t.Errorf("%s holds %d certificates, quota %d", u, len(certs), quota)
		}
		listed, err := f.Client().ListSigningCertificates(context.Background(), &iam.ListSigningCertificatesInput{UserName: aws.String(u)})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(certs, listed.Certificates, cmpCertificates); diff != "" {
			t.Errorf("%s: inspection and list differ (-inspection +list):\n%s", u, diff)
		}
		for _, c := range certs {
			id := *c.CertificateId
			if prev, dup := held[id]; dup {
				t.Errorf("id %s held by %s and %s", id, prev, u)
			}
			held[id] = u
			if prev, dup := bodies[*c.CertificateBody]; dup {
				t.Errorf("certificates %s and %s have the same body", prev, id)
			}
			bodies[*c.CertificateBody] = id
		}
	}
	for id, u := range l.uploaded {
		if _, dup := seeded[id]; dup {
			t.Errorf("upload for %s got the seeded id %s", u, id)
		}
		_, isHeld := held[id]
		_, isDeleted := l.deleted[id]
		switch {
		case isHeld && isDeleted:
			t.Errorf("%s is held by %s after its delete succeeded", id, held[id])
		case !isHeld && !isDeleted:
			t.Errorf("%s, uploaded for %s, is neither held nor deleted", id, u)
		case isHeld && held[id] != u:
			t.Errorf("%s, uploaded for %s, is held by %s", id, u, held[id])
		}
	}
	for id, u := range held {
		if seeded[id] != u && l.uploaded[id] != u {
			t.Errorf("%s held by %s was neither seeded nor uploaded for it", id, u)
		}
	}
	for id, u := range l.deleted {
		if seeded[id] != u && l.uploaded[id] != u {
			t.Errorf("deleted %s of %s was neither seeded nor uploaded for it", id, u)
		}
	}
	for id, u := range l.listed {
		if seeded[id] != u && l.uploaded[id] != u {
			t.Errorf("listed %s of %s was neither seeded nor uploaded for it", id, u)
		}
	}
	if len(l.uploaded) == 0 || len(l.deleted) == 0 {
		t.Errorf("%d uploads and %d deletes succeeded: the workload did not exercise writes", len(l.uploaded), len(l.deleted))
	}
	t.Logf("%d uploads, %d deletes succeeded; %d certificates held at the end", len(l.uploaded), len(l.deleted), len(held))
}
