package fakeiam_test

// A bounded load test of the HTTP door: concurrent SDK clients over
// loopback mixing reads and writes on shared users, then the invariants
// IAM keeps whatever the interleaving.

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"

	"github.com/fakeaws/fakeaws/fakeiam"
)

const (
	loadWorkers = 16
	loadCalls   = 40 // operations per worker (some make more than one call)
)

// loadTally is what one worker saw.
type loadTally struct {
	uploaded, deletedCerts     []string // certificate ids
	createdKeys, deletedKeys   []string
	createdUsers, deletedUsers []string
	calls                      int
	unexpected                 []string
}

// expect records err unless it is nil or one of the codes IAM may answer
// to a call that raced another client's.
func (l *loadTally) expect(what string, err error, codes ...string) bool {
	l.calls++
	if err == nil {
		return true
	}
	var ae smithy.APIError
	if !errors.As(err, &ae) || !slices.Contains(codes, ae.ErrorCode()) {
		l.unexpected = append(l.unexpected, what+": "+err.Error())
	}
	return false
}

// pagedIDs lists all pages of a listing, each of at most pageSize items,
// recording a repeat within the listing as unexpected.
func (l *loadTally) pagedIDs(what string, list func(marker *string) (ids []string, next *string, err error), codes ...string) []string {
	var all []string
	seen := map[string]bool{}
	var marker *string
	for {
		ids, next, err := list(marker)
		if !l.expect(what, err, codes...) {
			return all
		}
		for _, id := range ids {
			if seen[id] {
				l.unexpected = append(l.unexpected, what+": "+id+" listed twice")
			}
			seen[id] = true
		}
		all = append(all, ids...)
		if next == nil {
			return all
		}
		marker = next
	}
}

func TestHTTPLoad(t *testing.T) {
	shared := []string{"shared0", "shared1", "shared2", "shared3"}
	var seeds []fakeiam.Option
	for _, name := range shared {
		seeds = append(seeds, fakeiam.User(name))
	}
	f := newFake(seeds...)
	base := f.Endpoint(t)
	tallies := make([]loadTally, loadWorkers)
	var wg sync.WaitGroup
	for w := range loadWorkers {
		transport := &http.Transport{}
		t.Cleanup(transport.CloseIdleConnections)
		c := iam.New(f.Client().Options(), func(o *iam.Options) {
			o.APIOptions = nil
			o.BaseEndpoint = aws.String(base)
			o.HTTPClient = &http.Client{Transport: transport}
		})
		wg.Add(1)
		go func() {
			defer wg.Done()
			loadWorker(context.Background(), c, w, shared, &tallies[w])
		}()
	}
	wg.Wait()

	var all loadTally
	for _, l := range tallies {
		all.uploaded = append(all.uploaded, l.uploaded...)
		all.deletedCerts = append(all.deletedCerts, l.deletedCerts...)
		all.createdKeys = append(all.createdKeys, l.createdKeys...)
		all.deletedKeys = append(all.deletedKeys, l.deletedKeys...)
		all.createdUsers = append(all.createdUsers, l.createdUsers...)
		all.deletedUsers = append(all.deletedUsers, l.deletedUsers...)
		all.calls += l.calls
		all.unexpected = append(all.unexpected, l.unexpected...)
	}
	for _, u := range all.unexpected {
		t.Errorf("unexpected: %s", u)
	}
	if len(all.uploaded) == 0 || len(all.deletedCerts) == 0 || len(all.createdKeys) == 0 || len(all.deletedKeys) == 0 || len(all.deletedUsers) == 0 {
		t.Errorf("the load did too little to test anything: %d uploads, %d certificate deletes, %d keys created, %d deleted, %d users deleted",
			len(all.uploaded), len(all.deletedCerts), len(all.createdKeys), len(all.deletedKeys), len(all.deletedUsers))
	}
	for _, ids := range [][]string{all.uploaded, all.deletedCerts, all.createdKeys, all.deletedKeys, all.createdUsers, all.deletedUsers} {
		if dup := firstRepeat(ids); dup != "" {
			t.Errorf("%s succeeded twice (ids must be unique; a thing is deleted once)", dup)
		}
	}

	calls := logged(t, f)
	if len(calls) != all.calls {
		t.Errorf("the call log holds %d attempts for %d SDK calls, none retried", len(calls), all.calls)
	}

	// The final state, read without the network, is what the successful
	// calls made of the seed.
	users := pagesOf(t, f.Client(), 1)
	if dup := firstRepeat(users); dup != "" {
		t.Errorf("ListUsers with MaxItems 1 listed %s twice", dup)
	}
	wantUsers := setMinus(append(slices.Clone(shared), all.createdUsers...), all.deletedUsers)
	if diff := setDiff(wantUsers, users); diff != "" {
		t.Errorf("users: %s", diff)
	}
	var certs, keys []string
	for _, name := range users {
		u := f.User(name)
		cs := mustCertificates(t, u)
		ks, err := u.AccessKeys()
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) > 2 || len(ks) > 2 {
			t.Errorf("user %s has %d signing certificates and %d access keys: the quota is 2 of each", name, len(cs), len(ks))
		}
		for _, c := range cs {
			certs = append(certs, *c.CertificateId)
		}
		for _, k := range ks {
			keys = append(keys, k.ID)
		}
	}
	if diff := setDiff(setMinus(all.uploaded, all.deletedCerts), certs); diff != "" {
		t.Errorf("certificates: %s", diff)
	}
	if diff := setDiff(setMinus(all.createdKeys, all.deletedKeys), keys); diff != "" {
		t.Errorf("access keys: %s", diff)
	}
	userIDs := map[string]string{}
	for _, c := range calls {
		if out, ok := c.Output.(*iam.CreateUserOutput); ok {
			if other, dup := userIDs[*out.User.UserId]; dup {
				t.Errorf("users %s and %s got the same id %s", other, *out.User.UserName, *out.User.UserId)
			}
			userIDs[*out.User.UserId] = *out.User.UserName
		}
	}
	t.Logf("%d workers, %d SDK calls: %d uploads, %d certificate deletes, %d keys created, %d deleted, %d users created, %d deleted",
		loadWorkers, all.calls, len(all.uploaded), len(all.deletedCerts), len(all.createdKeys), len(all.deletedKeys), len(all.createdUsers), len(all.deletedUsers))
}

// loadWorker makes loadCalls operations, chosen by a generator seeded with
// w, on the shared users and on users of its own.
func loadWorker(ctx context.Context, c *iam.Client, w int, shared []string, l *loadTally) {
	rng := rand.New(rand.NewPCG(uint64(w), 2010))
	var own []string // users this worker created and has not deleted
	for i := range loadCalls {
		user := shared[rng.IntN(len(shared))]
		if len(own) > 0 && rng.IntN(3) == 0 {
			user = own[rng.IntN(len(own))]
		}
		switch rng.IntN(9) {
		case 0, 1: // upload: the user may be at its quota
			body := fakeiam.CertificatePEM(fmt.Sprintf("load %d %d", w, i))
			out, err := c.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{UserName: &user, CertificateBody: &body})
			if l.expect("upload", err, "LimitExceeded") {
				l.uploaded = append(l.uploaded, *out.Certificate.CertificateId)
			}
		case 2, 3: // list in pages of 1, then flip or delete one: another client may have deleted it
			ids := l.pagedIDs("list certificates", func(marker *string) ([]string, *string, error) {
				out, err := c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: &user, MaxItems: aws.Int32(1), Marker: marker})
				if err != nil {
					return nil, nil, err
				}
				var ids []string
				for _, c := range out.Certificates {
					ids = append(ids, *c.CertificateId)
				}
				return ids, out.Marker, nil
			})
			if len(ids) == 0 {
				continue
			}
			id := ids[rng.IntN(len(ids))]
			if rng.IntN(2) == 0 {
				status := []types.StatusType{types.StatusTypeActive, types.StatusTypeInactive}[rng.IntN(2)]
				_, err := c.UpdateSigningCertificate(ctx, &iam.UpdateSigningCertificateInput{UserName: &user, CertificateId: &id, Status: status})
				l.expect("update certificate", err, "NoSuchEntity")
			} else {
				_, err := c.DeleteSigningCertificate(ctx, &iam.DeleteSigningCertificateInput{UserName: &user, CertificateId: &id})
				if l.expect("delete certificate", err, "NoSuchEntity") {
					l.deletedCerts = append(l.deletedCerts, id)
				}
			}
		case 4: // a key: the user may be at its quota
			out, err := c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: &user})
			if l.expect("create key", err, "LimitExceeded") {
				l.createdKeys = append(l.createdKeys, *out.AccessKey.AccessKeyId)
			}
		case 5: // list keys, delete one: another client may have deleted it
			out, err := c.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: &user})
			if !l.expect("list keys", err) || len(out.AccessKeyMetadata) == 0 {
				continue
			}
			id := out.AccessKeyMetadata[rng.IntN(len(out.AccessKeyMetadata))].AccessKeyId
			_, err = c.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: &user, AccessKeyId: id})
			if l.expect("delete key", err, "NoSuchEntity") {
				l.deletedKeys = append(l.deletedKeys, *id)
			}
		case 6: // list users in pages of 2: the shared ones are always there
			names := l.pagedIDs("list users", func(marker *string) ([]string, *string, error) {
				out, err := c.ListUsers(ctx, &iam.ListUsersInput{MaxItems: aws.Int32(2), Marker: marker})
				if err != nil {
					return nil, nil, err
				}
				var names []string
				for _, u := range out.Users {
					names = append(names, *u.UserName)
				}
				return names, out.Marker, nil
			})
			for _, s := range shared {
				if !slices.Contains(names, s) {
					l.unexpected = append(l.unexpected, "list users: "+s+" missing")
				}
			}
		case 7: // a user of its own
			name := fmt.Sprintf("load-%02d-%02d", w, i)
			if _, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: &name}); l.expect("create user", err) {
				l.createdUsers = append(l.createdUsers, name)
				own = append(own, name)
			}
		case 8: // delete a user of its own: others may have given it keys or certificates
			if len(own) == 0 {
				continue
			}
			k := rng.IntN(len(own))
			name := own[k]
			if _, err := c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: &name}); l.expect("delete user", err, "DeleteConflict") {
				l.deletedUsers = append(l.deletedUsers, name)
				own = slices.Delete(own, k, k+1)
			}
		}
	}
}

// pagesOf lists every user name through c in pages of size.
func pagesOf(t *testing.T, c *iam.Client, size int32) []string {
	t.Helper()
	var names []string
	p := iam.NewListUsersPaginator(c, &iam.ListUsersInput{MaxItems: aws.Int32(size)})
	for p.HasMorePages() {
		out, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Users) > int(size) {
			t.Errorf("a page of %d users, want at most %d", len(out.Users), size)
		}
		for _, u := range out.Users {
			names = append(names, *u.UserName)
		}
	}
	return names
}

func firstRepeat(ids []string) string {
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			return id
		}
		seen[id] = true
	}
	return ""
}

// setMinus is a without the elements of b.
func setMinus(a, b []string) []string {
	return slices.DeleteFunc(slices.Clone(a), func(s string) bool { return slices.Contains(b, s) })
}

// setDiff says how got differs from want as sets, or "".
func setDiff(want, got []string) string {
	missing, extra := setMinus(want, got), setMinus(got, want)
	if len(missing) == 0 && len(extra) == 0 {
		return ""
	}
	return fmt.Sprintf("missing %v, unexpected %v", missing, extra)
}
