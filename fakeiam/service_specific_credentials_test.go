package fakeiam_test

// docs/contract.md, "Service-specific credentials":
// CreateServiceSpecificCredential, ListServiceSpecificCredentials,
// UpdateServiceSpecificCredential, ResetServiceSpecificCredential and
// DeleteServiceSpecificCredential, each row through the differential
// harness (both doors and the SDK's decoding of IAM's XML).

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"

	"github.com/fakeaws/fakeaws/fakeiam"
)

const (
	codecommit = "codecommit.amazonaws.com"
	keyspaces  = "cassandra.amazonaws.com"
	bedrock    = "bedrock.amazonaws.com"
	sscAccount = "123456789012"
)

// sscServices are the services IAM makes service-specific credentials for.
var sscServices = [4]string{codecommit, keyspaces, bedrock, "logs.amazonaws.com"}

var (
	bobGit     = fakeiam.ServiceCredential{ID: "ACCABOBGIT00000000001", Service: codecommit, Password: "bob-git-password", CreateDate: certDate}
	bobKeysp   = fakeiam.ServiceCredential{ID: "ACCABOBKEYSPACES00001", Service: keyspaces, Status: types.StatusTypeInactive, CreateDate: certDate.Add(time.Hour)}
	bobBedrock = fakeiam.ServiceCredential{ID: "ACCABOBBEDROCK0000001", Service: bedrock, Password: "ABSKsecret", CreateDate: certDate, ExpirationDate: testNow.Add(24 * time.Hour)}
	carolGit   = fakeiam.ServiceCredential{ID: "ACCACAROLGIT00000001", Service: codecommit, CreateDate: certDate}
	carolGit2  = fakeiam.ServiceCredential{ID: "ACCACAROLGIT00000002", Service: codecommit, CreateDate: certDate, ExpirationDate: time.Time{}}
	oldBedrock = fakeiam.ServiceCredential{ID: "ACCACAROLBEDROCK00001", Service: bedrock, CreateDate: certDate, ExpirationDate: testNow.Add(-time.Hour)}
)

func seedSSCs(more ...fakeiam.Option) []fakeiam.Option {
	return append([]fakeiam.Option{
		fakeiam.User("Bob").CreatedAt(bobCreated).AccessKey(bobKey).ServiceCredential(bobGit, bobKeysp, bobBedrock),
		fakeiam.User("Alice").Path("/eng/").CreatedAt(aliceCreated),
		fakeiam.User("Carol").ServiceCredential(carolGit, carolGit2, oldBedrock),
		fakeiam.Root().AccessKey(rootKey),
		fakeiam.Role("Deployer").AccessKey(roleKey),
	}, more...)
}

func createSSC(user *string, service string, days *int32) call {
	return callOf((*iam.Client).CreateServiceSpecificCredential, &iam.CreateServiceSpecificCredentialInput{UserName: user, ServiceName: aws.String(service), CredentialAgeDays: days})
}

func listSSCs(in iam.ListServiceSpecificCredentialsInput) call {
	return callOf((*iam.Client).ListServiceSpecificCredentials, &in)
}

func updateSSC(user *string, id string, status types.StatusType) call {
	return callOf((*iam.Client).UpdateServiceSpecificCredential, &iam.UpdateServiceSpecificCredentialInput{UserName: user, ServiceSpecificCredentialId: aws.String(id), Status: status})
}

func resetSSC(user *string, id string) call {
	return callOf((*iam.Client).ResetServiceSpecificCredential, &iam.ResetServiceSpecificCredentialInput{UserName: user, ServiceSpecificCredentialId: aws.String(id)})
}

func deleteSSC(user *string, id string) call {
	return callOf((*iam.Client).DeleteServiceSpecificCredential, &iam.DeleteServiceSpecificCredentialInput{UserName: user, ServiceSpecificCredentialId: aws.String(id)})
}

func sscMeta(user, id, service, name string, status types.StatusType, created time.Time) types.ServiceSpecificCredentialMetadata {
	return types.ServiceSpecificCredentialMetadata{UserName: aws.String(user), ServiceSpecificCredentialId: aws.String(id), ServiceName: aws.String(service),
		ServiceUserName: aws.String(name), Status: status, CreateDate: aws.Time(created)}
}

func apiKeyMeta(user, id, service, alias string, status types.StatusType, created, expires time.Time) types.ServiceSpecificCredentialMetadata {
	return types.ServiceSpecificCredentialMetadata{UserName: aws.String(user), ServiceSpecificCredentialId: aws.String(id), ServiceName: aws.String(service),
		ServiceCredentialAlias: aws.String(alias), Status: status, CreateDate: aws.Time(created), ExpirationDate: aws.Time(expires)}
}

func sscsPage(marker string, cs ...types.ServiceSpecificCredentialMetadata) *iam.ListServiceSpecificCredentialsOutput {
	if cs == nil {
		cs = []types.ServiceSpecificCredentialMetadata{}
	}
	out := &iam.ListServiceSpecificCredentialsOutput{ServiceSpecificCredentials: cs}
	if marker != "" {
		out.IsTruncated, out.Marker = true, aws.String(marker)
	}
	return out
}

func createdSSC(user, service, name string) *iam.CreateServiceSpecificCredentialOutput {
	return &iam.CreateServiceSpecificCredentialOutput{ServiceSpecificCredential: &types.ServiceSpecificCredential{
		UserName: aws.String(user), ServiceSpecificCredentialId: aws.String("<new ssc id>"), ServiceName: aws.String(service),
		ServiceUserName: aws.String(name), ServicePassword: aws.String("<new ssc password>"), Status: types.StatusTypeActive, CreateDate: aws.Time(testNow)}}
}

var (
	noSuchSSC = func(id string) *fakeiam.Error {
		return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "No such credential " + id + " exists"}
	}
	notSupported = func(s string) *fakeiam.Error {
		return &fakeiam.Error{Code: "NoSuchEntity", Status: 404, Message: "No such service " + s + " is supported for Service Specific Credentials"}
	}
	sscQuota      = &fakeiam.Error{Code: "LimitExceeded", Status: 409, Message: "Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: 2"}
	ageDays       = &fakeiam.Error{Code: "InvalidInput", Status: 400, Message: "CredentialAgeDays is only valid for Bedrock and CloudWatch Logs API keys."}
	sscReferenced = &fakeiam.Error{Code: "DeleteConflict", Status: 409, Message: "Cannot delete entity, must remove referenced objects first."}
)

func TestCreateServiceSpecificCredentialSpec(t *testing.T) {
	alice := aws.String("Alice")
	days := aws.Int32(30)
	runScenarios(t, seedSSCs(), []scenario{
		{name: "CodeCommit: <user>-at-<account>, a password, Active", call: createSSC(alice, codecommit, nil), want: createdSSC("Alice", codecommit, "Alice-at-"+sscAccount)},
		{name: "Keyspaces", call: createSSC(alice, keyspaces, nil), want: createdSSC("Alice", keyspaces, "Alice-at-"+sscAccount)},
		{name: "a second for the service: +1", call: createSSC(bob, codecommit, nil), want: createdSSC("Bob", codecommit, "Bob+1-at-"+sscAccount)},
		{name: "as the user itself (UserName is required)", as: asKey(bobKey.ID), call: createSSC(bob, keyspaces, nil), want: createdSSC("Bob", keyspaces, "Bob+1-at-"+sscAccount)},
		{name: "Bedrock: an API key, expiring", call: createSSC(alice, bedrock, days), want: &iam.CreateServiceSpecificCredentialOutput{ServiceSpecificCredential: &types.ServiceSpecificCredential{
			UserName: alice, ServiceSpecificCredentialId: aws.String("<new ssc id>"), ServiceName: aws.String(bedrock), ServiceCredentialAlias: aws.String("Alice-at-" + sscAccount),
			ServiceCredentialSecret: aws.String("<new api key>"), Status: types.StatusTypeActive, CreateDate: aws.Time(testNow), ExpirationDate: aws.Time(testNow.Add(30 * 24 * time.Hour))}}},
		{name: "then listed, without the password", steps: []change{do(createSSC(alice, codecommit, nil))}, call: listSSCs(iam.ListServiceSpecificCredentialsInput{UserName: alice}),
			want: sscsPage("", sscMeta("Alice", "<new ssc id>", codecommit, "Alice-at-"+sscAccount, types.StatusTypeActive, testNow))},
		{name: "quota: a third for the service", call: createSSC(aws.String("Carol"), codecommit, nil), wantErr: sscQuota},
		{name: "a service IAM does not support", call: createSSC(alice, "s3.amazonaws.com", nil), wantErr: notSupported("s3.amazonaws.com")},
		{name: "the user before the service", call: createSSC(aws.String("Nobody"), "s3.amazonaws.com", nil), wantErr: noSuchUser("Nobody")},
		{name: "the service before the quota", call: createSSC(aws.String("Carol"), "s3.amazonaws.com", nil), wantErr: notSupported("s3.amazonaws.com")},
		{name: "CredentialAgeDays for CodeCommit", call: createSSC(alice, codecommit, days), wantErr: ageDays},
		{name: "CredentialAgeDays 0", call: createSSC(alice, bedrock, aws.Int32(0)), wantErr: failedConstraints("credentialAgeDays", minValue(1))},
	})
}

func TestListServiceSpecificCredentialsSpec(t *testing.T) {
	carol := aws.String("Carol")
	bobAll := []types.ServiceSpecificCredentialMetadata{
		sscMeta("Bob", bobGit.ID, codecommit, "Bob-at-"+sscAccount, types.StatusTypeActive, certDate),
		sscMeta("Bob", bobKeysp.ID, keyspaces, "Bob-at-"+sscAccount, types.StatusTypeInactive, certDate.Add(time.Hour)),
		apiKeyMeta("Bob", bobBedrock.ID, bedrock, "Bob-at-"+sscAccount, types.StatusTypeActive, certDate, bobBedrock.ExpirationDate),
	}
	runScenarios(t, seedSSCs(), []scenario{
		{name: "a user's, in creation order", call: listSSCs(iam.ListServiceSpecificCredentialsInput{UserName: bob}), want: sscsPage("", bobAll...)},
		{name: "filtered by service", call: listSSCs(iam.ListServiceSpecificCredentialsInput{UserName: bob, ServiceName: aws.String(keyspaces)}), want: sscsPage("", bobAll[1])},
		{name: "the second of a service: +1; an expired key: Expired", call: listSSCs(iam.ListServiceSpecificCredentialsInput{UserName: carol}), want: sscsPage("",
			sscMeta("Carol", carolGit.ID, codecommit, "Carol-at-"+sscAccount, types.StatusTypeActive, certDate),
			sscMeta("Carol", carolGit2.ID, codecommit, "Carol+1-at-"+sscAccount, types.StatusTypeActive, certDate),
			apiKeyMeta("Carol", oldBedrock.ID, bedrock, "Carol-at-"+sscAccount, types.StatusTypeExpired, certDate, oldBedrock.ExpirationDate))},
		{name: "none", call: listSSCs(iam.ListServiceSpecificCredentialsInput{UserName: aws.String("Alice")}), want: sscsPage("")},
		{name: "the caller's own", as: asKey(bobKey.ID), call: listSSCs(iam.ListServiceSpecificCredentialsInput{}), want: sscsPage("", bobAll...)},
		{name: "AllUsers, of a service", call: listSSCs(iam.ListServiceSpecificCredentialsInput{AllUsers: aws.Bool(true), ServiceName: aws.String(codecommit)}), want: sscsPage("",
			bobAll[0],
			sscMeta("Carol", carolGit.ID, codecommit, "Carol-at-"+sscAccount, types.StatusTypeActive, certDate),
			sscMeta("Carol", carolGit2.ID, codecommit, "Carol+1-at-"+sscAccount, types.StatusTypeActive, certDate))},
		{name: "a page of 2", call: listSSCs(iam.ListServiceSpecificCredentialsInput{UserName: bob, MaxItems: aws.Int32(2)}), want: sscsPage("<marker>", bobAll[:2]...)},
		{name: "AllUsers with UserName", call: listSSCs(iam.ListServiceSpecificCredentialsInput{AllUsers: aws.Bool(true), UserName: bob}),
			wantErr: &fakeiam.Error{Code: "InvalidInput", Status: 400, Message: "AllUsers cannot be specified together with UserName."}},
		{name: "a service IAM does not support", call: listSSCs(iam.ListServiceSpecificCredentialsInput{UserName: bob, ServiceName: aws.String("s3.amazonaws.com")}), wantErr: notSupported("s3.amazonaws.com")},
		{name: "no such user", call: listSSCs(iam.ListServiceSpecificCredentialsInput{UserName: aws.String("Nobody")}), wantErr: noSuchUser("Nobody")},
	})
}

// TestServiceCredentialPagesFollowChanges: a user's credentials listed
// again after a write, a rename or the time a key expires show it (the
// fake shares a user's whole list's answer while the model is unchanged
// and none of the credentials can expire), and one asked another way is
// answered for that way.
func TestServiceCredentialPagesFollowChanges(t *testing.T) {
	git := func(user *string) call {
		return listSSCs(iam.ListServiceSpecificCredentialsInput{UserName: user, ServiceName: aws.String(codecommit)})
	}
	listed := func(then ...change) []change { return append([]change{do(git(bob))}, then...) }
	bobsGit := sscMeta("Bob", bobGit.ID, codecommit, "Bob-at-"+sscAccount, types.StatusTypeActive, certDate)
	bobsKeys := sscMeta("Bob", bobKeysp.ID, keyspaces, "Bob-at-"+sscAccount, types.StatusTypeInactive, certDate.Add(time.Hour))
	bobsKey := apiKeyMeta("Bob", bobBedrock.ID, bedrock, "Bob-at-"+sscAccount, types.StatusTypeActive, certDate, bobBedrock.ExpirationDate)
	runScenarios(t, seedSSCs(), []scenario{
		{name: "one created", steps: listed(do(createSSC(bob, codecommit, nil))), call: git(bob),
			want: sscsPage("", bobsGit, sscMeta("Bob", "<new ssc id>", codecommit, "Bob+1-at-"+sscAccount, types.StatusTypeActive, testNow))},
		{name: "one made Inactive", steps: listed(do(updateSSC(bob, bobGit.ID, types.StatusTypeInactive))), call: git(bob),
			want: sscsPage("", sscMeta("Bob", bobGit.ID, codecommit, "Bob-at-"+sscAccount, types.StatusTypeInactive, certDate))},
		{name: "one deleted", steps: listed(do(deleteSSC(bob, bobGit.ID))), call: git(bob), want: sscsPage("")},
		{name: "one deleted, another created (the same length)", steps: listed(do(deleteSSC(bob, bobGit.ID)), do(createSSC(bob, codecommit, nil))), call: git(bob),
			want: sscsPage("", sscMeta("Bob", "<new ssc id>", codecommit, "Bob-at-"+sscAccount, types.StatusTypeActive, testNow))},
		{name: "a bad marker after the whole list", steps: listed(),
			call: listSSCs(iam.ListServiceSpecificCredentialsInput{UserName: bob, ServiceName: aws.String(codecommit), Marker: aws.String("bogus")}), wantErr: invalidMarker},
		{name: "the user renamed", steps: listed(do(updateUser(&iam.UpdateUserInput{UserName: bob, NewUserName: aws.String("Robert")}))),
			call: git(aws.String("Robert")), want: sscsPage("", sscMeta("Robert", bobGit.ID, codecommit, "Bob-at-"+sscAccount, types.StatusTypeActive, certDate))},
		{name: "another service", steps: listed(), call: listSSCs(iam.ListServiceSpecificCredentialsInput{UserName: bob, ServiceName: aws.String(keyspaces)}),
			want: sscsPage("", bobsKeys)},
		{name: "a page of one after the whole list", steps: []change{do(createSSC(bob, codecommit, nil)), do(git(bob))},
			call: listSSCs(iam.ListServiceSpecificCredentialsInput{UserName: bob, ServiceName: aws.String(codecommit), MaxItems: aws.Int32(1)}),
			want: sscsPage("<marker>", bobsGit)},
		{name: "a key past its expiration", steps: []change{do(listSSCs(iam.ListServiceSpecificCredentialsInput{UserName: bob, ServiceName: aws.String(bedrock)})),
			advance(25 * time.Hour)}, call: listSSCs(iam.ListServiceSpecificCredentialsInput{UserName: bob, ServiceName: aws.String(bedrock)}),
			want: sscsPage("", apiKeyMeta("Bob", bobBedrock.ID, bedrock, "Bob-at-"+sscAccount, types.StatusTypeExpired, certDate, bobBedrock.ExpirationDate))},
		{name: "the key before it", call: listSSCs(iam.ListServiceSpecificCredentialsInput{UserName: bob, ServiceName: aws.String(bedrock)}), want: sscsPage("", bobsKey)},
	})
}

func TestUpdateResetDeleteServiceSpecificCredentialSpec(t *testing.T) {
	runScenarios(t, seedSSCs(), []scenario{
		{name: "update: Inactive", steps: []change{do(updateSSC(bob, bobGit.ID, types.StatusTypeInactive))}, call: listSSCs(iam.ListServiceSpecificCredentialsInput{UserName: bob, ServiceName: aws.String(codecommit)}),
			want: sscsPage("", sscMeta("Bob", bobGit.ID, codecommit, "Bob-at-"+sscAccount, types.StatusTypeInactive, certDate))},
		{name: "update: the same status", call: updateSSC(bob, bobGit.ID, types.StatusTypeActive), want: &iam.UpdateServiceSpecificCredentialOutput{}},
		{name: "update as the user itself", as: asKey(bobKey.ID), call: updateSSC(nil, bobGit.ID, types.StatusTypeInactive), want: &iam.UpdateServiceSpecificCredentialOutput{}},
		{name: "update: Expired refused", call: updateSSC(bob, bobGit.ID, types.StatusTypeExpired),
			wantErr: &fakeiam.Error{Code: "InvalidInput", Status: 400, Message: "Status Expired is not valid for service-specific credentials."}},
		{name: "update: another user's", call: updateSSC(aws.String("Alice"), bobGit.ID, types.StatusTypeInactive), wantErr: noSuchSSC(bobGit.ID)},
		{name: "update: no such user", call: updateSSC(aws.String("Nobody"), bobGit.ID, types.StatusTypeInactive), wantErr: noSuchUser("Nobody")},
		{name: "update: an id of 19", call: updateSSC(bob, "ACCA123456789012345", types.StatusTypeInactive), wantErr: failedConstraints("serviceSpecificCredentialId", minLength(20))},
		{name: "reset: a new password, the rest kept", call: resetSSC(bob, bobKeysp.ID), want: &iam.ResetServiceSpecificCredentialOutput{ServiceSpecificCredential: &types.ServiceSpecificCredential{
			UserName: bob, ServiceSpecificCredentialId: aws.String(bobKeysp.ID), ServiceName: aws.String(keyspaces), ServiceUserName: aws.String("Bob-at-" + sscAccount),
			ServicePassword: aws.String("<new ssc password>"), Status: types.StatusTypeInactive, CreateDate: aws.Time(certDate.Add(time.Hour))}}},
		{name: "reset: no such credential", call: resetSSC(bob, "ACCAXXXXXXXXXXXXXXXXX"), wantErr: noSuchSSC("ACCAXXXXXXXXXXXXXXXXX")},
		{name: "delete", call: deleteSSC(bob, bobGit.ID), want: &iam.DeleteServiceSpecificCredentialOutput{}},
		{name: "delete, then listed without it", steps: []change{do(deleteSSC(bob, bobGit.ID))}, call: listSSCs(iam.ListServiceSpecificCredentialsInput{UserName: bob, ServiceName: aws.String(codecommit)}), want: sscsPage("")},
		{name: "delete twice", steps: []change{do(deleteSSC(bob, bobGit.ID))}, call: deleteSSC(bob, bobGit.ID), wantErr: noSuchSSC(bobGit.ID)},
		{name: "DeleteUser refused while the user holds one", call: deleteUser("Carol"), wantErr: sscReferenced},
		{name: "DeleteUser once they are gone", steps: []change{do(deleteSSC(aws.String("Carol"), carolGit.ID)), do(deleteSSC(aws.String("Carol"), carolGit2.ID)), do(deleteSSC(aws.String("Carol"), oldBedrock.ID))},
			call: deleteUser("Carol"), want: &iam.DeleteUserOutput{}},
	})
}

func TestServiceCredentialSeeds(t *testing.T) {
	tests := []struct {
		name string
		seed fakeiam.Option
		want string
	}{
		{"an unknown service", fakeiam.User("Bob").ServiceCredential(fakeiam.ServiceCredential{Service: "s3.amazonaws.com"}), `service-specific credential 1: service "s3.amazonaws.com"`},
		{"over the quota", fakeiam.User("Bob").ServiceCredential(fakeiam.ServiceCredential{Service: codecommit}, fakeiam.ServiceCredential{Service: codecommit}, fakeiam.ServiceCredential{Service: codecommit}), "service-specific credential 3: exceeds the quota of 2 per user"},
		{"a bad id", fakeiam.User("Bob").ServiceCredential(fakeiam.ServiceCredential{ID: "short", Service: codecommit}), "service-specific credential 1: id: IAM service-specific credential ids"},
		{"status Expired", fakeiam.User("Bob").ServiceCredential(fakeiam.ServiceCredential{Service: codecommit, Status: types.StatusTypeExpired}), `status "Expired"`},
		{"an expiring CodeCommit credential", fakeiam.User("Bob").ServiceCredential(fakeiam.ServiceCredential{Service: codecommit, ExpirationDate: testNow}), "only Bedrock and CloudWatch Logs API keys expire"},
		{"on a role", fakeiam.Role("R").ServiceCredential(fakeiam.ServiceCredential{Service: codecommit}), "service-specific credentials belong to IAM users"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newFakeE(tt.seed)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if !strings.Contains(got, tt.want) {
				t.Error(cmp.Diff(tt.want, got))
			}
		})
	}
}

// TestServiceCredentialsFaultsCallsAndSweep: the operations are in the
// operation table, so fault rules target them, the call log keeps their
// answers (Create's password included, as CreateAccessKey's secret) and
// Sweep fails each in turn.
func TestServiceCredentialsFaultsCallsAndSweep(t *testing.T) {
	ctx := context.Background()
	f := newFake(seedSSCs()...)
	f.Inject(fakeiam.Rule{Operation: fakeiam.CreateServiceSpecificCredential, Then: fakeiam.Fail(&fakeiam.Error{Code: "ConcurrentModification", Status: 409, Message: "busy"})})
	c := f.Client()
	_, err := c.CreateServiceSpecificCredential(ctx, &iam.CreateServiceSpecificCredentialInput{UserName: aws.String("Alice"), ServiceName: aws.String(codecommit)})
	var cm *types.ConcurrentModificationException
	if !errors.As(err, &cm) {
		t.Errorf("CreateServiceSpecificCredential under a rule: %v, want ConcurrentModificationException", err)
	}
	f.ClearFaults()
	made, err := c.CreateServiceSpecificCredential(ctx, &iam.CreateServiceSpecificCredentialInput{UserName: aws.String("Alice"), ServiceName: aws.String(codecommit)})
	if err != nil {
		t.Fatal(err)
	}
	calls := logged(t, f, fakeiam.CreateServiceSpecificCredential)
	if len(calls) != 2 {
		t.Fatalf("%d calls logged, want 2", len(calls))
	}
	out, ok := calls[1].Output.(*iam.CreateServiceSpecificCredentialOutput)
	if !ok {
		t.Fatalf("CreateServiceSpecificCredential logged output %T", calls[1].Output)
	}
	if diff := cmp.Diff(made.ServiceSpecificCredential, out.ServiceSpecificCredential, cmpOutputs); diff != "" {
		t.Errorf("logged CreateServiceSpecificCredential output (-want +got):\n%s", diff)
	}

	var failed []fakeiam.Operation
	fakeiam.Sweep(t, fakeiam.ServiceFailure(), func(t *testing.T, f *fakeiam.Fake, failing *fakeiam.SweepCall) {
		c := f.Client()
		made, err1 := c.CreateServiceSpecificCredential(ctx, &iam.CreateServiceSpecificCredentialInput{UserName: bob, ServiceName: aws.String(codecommit)})
		id := aws.String("ACCAXXXXXXXXXXXXXXXXX")
		if err1 == nil {
			id = made.ServiceSpecificCredential.ServiceSpecificCredentialId
		}
		_, err2 := c.ListServiceSpecificCredentials(ctx, &iam.ListServiceSpecificCredentialsInput{UserName: bob})
		_, err3 := c.UpdateServiceSpecificCredential(ctx, &iam.UpdateServiceSpecificCredentialInput{UserName: bob, ServiceSpecificCredentialId: id, Status: types.StatusTypeInactive})
		_, err4 := c.ResetServiceSpecificCredential(ctx, &iam.ResetServiceSpecificCredentialInput{UserName: bob, ServiceSpecificCredentialId: id})
		_, err5 := c.DeleteServiceSpecificCredential(ctx, &iam.DeleteServiceSpecificCredentialInput{UserName: bob, ServiceSpecificCredentialId: id})
		if failing == nil {
			if err := errors.Join(err1, err2, err3, err4, err5); err != nil {
				t.Errorf("clean run: %v", err)
			}
			return
		}
		failed = append(failed, failing.Operation)
		if err := []error{err1, err2, err3, err4, err5}[failing.N-1]; err == nil {
			t.Errorf("%v: no error", failing)
		}
	}, fakeiam.User("Bob"))
	want := []fakeiam.Operation{fakeiam.CreateServiceSpecificCredential, fakeiam.ListServiceSpecificCredentials, fakeiam.UpdateServiceSpecificCredential,
		fakeiam.ResetServiceSpecificCredential, fakeiam.DeleteServiceSpecificCredential}
	if diff := cmp.Diff(want, failed); diff != "" {
		t.Errorf("calls swept (-want +got):\n%s", diff)
	}
}
