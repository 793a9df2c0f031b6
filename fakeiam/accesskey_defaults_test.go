package fakeiam_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// IAM's shapes: an access key id is AKIA and 16 characters of A-Z and 2-7
// (ASIA for temporary credentials); a secret is 40 characters of base64.
var (
	accessKeyIDShape = regexp.MustCompile(`^AKIA[A-Z2-7]{16}$`)
	secretKeyShape   = regexp.MustCompile(`^[A-Za-z0-9+/]{40}$`)
)

// TestAccessKeyZeroFieldsGetDefaults: a seeded AccessKey{} gets an
// IAM-shaped id and secret, the same for the same seed, and signs.
func TestAccessKeyZeroFieldsGetDefaults(t *testing.T) {
	seeds := func() []fakeiam.Option {
		return []fakeiam.Option{fakeiam.User("Bob").AccessKey(fakeiam.AccessKey{}, fakeiam.AccessKey{Status: types.StatusTypeInactive}),
			fakeiam.User("Carol").AccessKey(fakeiam.AccessKey{ID: "AKIACAROLEXAMPLE0001"})}
	}
	f, err := fakeiam.New(seeds()...)
	if err != nil {
		t.Fatalf("New with zero access key fields: %v", err)
	}
	bob, err := f.User("Bob").AccessKeys()
	if err != nil || len(bob) != 2 {
		t.Fatalf("Bob's keys: %+v, %v; want 2", bob, err)
	}
	carol, err := f.User("Carol").AccessKeys()
	if err != nil || len(carol) != 1 {
		t.Fatalf("Carol's keys: %+v, %v; want 1", carol, err)
	}
	keys := append(bob, carol...)
	for i, k := range keys {
		if i < 2 && !accessKeyIDShape.MatchString(k.ID) {
			t.Errorf("key %d: id %q, want AKIA and 16 of A-Z2-7", i, k.ID)
		}
		if !secretKeyShape.MatchString(k.Secret) {
			t.Errorf("key %d: secret %q, want 40 of A-Za-z0-9+/", i, k.Secret)
		}
	}
	if bob[0].ID == bob[1].ID || bob[0].Secret == bob[1].Secret {
		t.Errorf("Bob's two keys share an id or a secret: %+v", bob)
	}
	if diff := cmp.Diff([]types.StatusType{types.StatusTypeActive, types.StatusTypeInactive}, []types.StatusType{bob[0].Status, bob[1].Status}); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	again := fakeiam.MustNew(seeds()...)
	bobAgain, _ := again.User("Bob").AccessKeys()
	carolAgain, _ := again.User("Carol").AccessKeys()
	if diff := cmp.Diff(keys, append(bobAgain, carolAgain...)); diff != "" {
		t.Errorf("the same seeds gave other keys (-first +second):\n%s", diff)
	}
	other := fakeiam.MustNew(append(seeds(), fakeiam.WithSeed(7))...)
	if bobOther, _ := other.User("Bob").AccessKeys(); bobOther[0].ID == bob[0].ID {
		t.Errorf("another WithSeed gave the same id %s", bob[0].ID)
	}
	// The generated key signs as Bob.
	if _, err := f.User("Bob").Client().GetUser(context.Background(), &iam.GetUserInput{UserName: aws.String("Bob")}); err != nil {
		t.Errorf("GetUser signed with the generated key: %v", err)
	}
}
