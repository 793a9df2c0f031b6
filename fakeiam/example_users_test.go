package fakeiam_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// Onboarding as a user's code writes it: an administrator creates the user,
// its access key and its signing certificate; the new key then signs calls
// of its own, from a client built the way production code builds one.
func Example_onboarding() {
	f := fakeiam.MustNew(fakeiam.WithFixedTime(time.Date(2026, 1, 1, 9, 30, 0, 0, time.UTC))) // dates print the same on every run
	ctx := context.Background()
	admin := f.Client() // the account's root user

	user, err := admin.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("Carol"), Path: aws.String("/eng/")})
	if err != nil {
		fmt.Println("create user:", err)
		return
	}
	fmt.Println("created", *user.User.Arn, user.User.CreateDate.Format(time.RFC3339))
	key, err := admin.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("Carol")})
	if err != nil {
		fmt.Println("create key:", err)
		return
	}
	id, secret := *key.AccessKey.AccessKeyId, *key.AccessKey.SecretAccessKey
	fmt.Printf("key %s... of %d characters, %s, secret of %d characters\n", id[:4], len(id), key.AccessKey.Status, len(secret))
	cert, err := admin.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{
		UserName: aws.String("Carol"), CertificateBody: aws.String(fakeiam.CertificatePEM("carol")),
	})
	if err != nil {
		fmt.Println("upload:", err)
		return
	}
	fmt.Println("certificate", cert.Certificate.Status, "for", *cert.Certificate.UserName)

	// The key works at once.
	f.Advance(90 * time.Second)
	carol := iam.New(iam.Options{
		Region: "us-east-1",
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: id, SecretAccessKey: secret}, nil
		}),
	}, f.Attach)
	me, err := carol.GetUser(ctx, &iam.GetUserInput{}) // no UserName: the key's own user
	if err != nil {
		fmt.Println("get user:", err)
		return
	}
	fmt.Println("signed as", *me.User.UserName)
	used, err := admin.GetAccessKeyLastUsed(ctx, &iam.GetAccessKeyLastUsedInput{AccessKeyId: &id})
	if err != nil {
		fmt.Println("last used:", err)
		return
	}
	u := used.AccessKeyLastUsed
	fmt.Println("key last used", u.LastUsedDate.Format(time.RFC3339), *u.Region, *u.ServiceName)
	// Output:
	// created arn:aws:iam::123456789012:user/eng/Carol 2026-01-01T09:30:00Z
	// key AKIA... of 20 characters, Active, secret of 40 characters
	// certificate Active for Carol
	// signed as Carol
	// key last used 2026-01-01T09:31:00Z us-east-1 iam
}

// Offboarding: IAM refuses to delete a user who still has access keys or
// signing certificates, so the code deletes those first. The refusal is the
// SDK's own *types.DeleteConflictException.
func Example_offboarding() {
	f := fakeiam.MustNew(
		fakeiam.WithFixedTime(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)),
		fakeiam.User("Carol").
			AccessKey(fakeiam.AccessKey{ID: "AKIAIOSFODNN7EXAMPLE", Secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}).
			SigningCertificate(fakeiam.SigningCertificate{ID: "TA7SMP42TDN5Z26OBPJE7EXAMPLE"}),
	)
	ctx := context.Background()
	admin := f.Client()
	carol := aws.String("Carol")

	_, err := admin.DeleteUser(ctx, &iam.DeleteUserInput{UserName: carol})
	var conflict *types.DeleteConflictException
	if errors.As(err, &conflict) {
		fmt.Println("refused:", conflict.ErrorMessage())
	}

	keys := iam.NewListAccessKeysPaginator(admin, &iam.ListAccessKeysInput{UserName: carol})
	for keys.HasMorePages() {
		page, err := keys.NextPage(ctx)
		if err != nil {
			fmt.Println("list keys:", err)
			return
		}
		for _, k := range page.AccessKeyMetadata {
			if _, err := admin.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: carol, AccessKeyId: k.AccessKeyId}); err != nil {
				fmt.Println("delete key:", err)
				return
			}
			fmt.Println("deleted key", *k.AccessKeyId)
		}
	}
	_, err = admin.DeleteUser(ctx, &iam.DeleteUserInput{UserName: carol})
	if errors.As(err, &conflict) {
		fmt.Println("refused:", conflict.ErrorMessage())
	}

	certs := iam.NewListSigningCertificatesPaginator(admin, &iam.ListSigningCertificatesInput{UserName: carol})
	for certs.HasMorePages() {
		page, err := certs.NextPage(ctx)
		if err != nil {
			fmt.Println("list certificates:", err)
			return
		}
		for _, c := range page.Certificates {
			if _, err := admin.DeleteSigningCertificate(ctx, &iam.DeleteSigningCertificateInput{UserName: carol, CertificateId: c.CertificateId}); err != nil {
				fmt.Println("delete certificate:", err)
				return
			}
			fmt.Println("deleted certificate", *c.CertificateId)
		}
	}
	if _, err := admin.DeleteUser(ctx, &iam.DeleteUserInput{UserName: carol}); err != nil {
		fmt.Println("delete user:", err)
		return
	}
	fmt.Println("deleted user Carol")

	_, err = admin.GetUser(ctx, &iam.GetUserInput{UserName: carol})
	var gone *types.NoSuchEntityException
	if errors.As(err, &gone) {
		fmt.Println("then:", gone.ErrorMessage())
	}
	// Output:
	// refused: Cannot delete entity, must delete access keys first.
	// deleted key AKIAIOSFODNN7EXAMPLE
	// refused: Cannot delete entity, must delete certificates first.
	// deleted certificate TA7SMP42TDN5Z26OBPJE7EXAMPLE
	// deleted user Carol
	// then: The user with name Carol cannot be found.
}

// An audit of every user's signing certificates: the ListUsers paginator
// walks the users (two per page here), and for each the
// ListSigningCertificates paginator walks its certificates.
func Example_auditCertificates() {
	day := func(d int) time.Time { return time.Date(2025, 12, d, 0, 0, 0, 0, time.UTC) }
	f := fakeiam.MustNew(
		fakeiam.WithFixedTime(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)),
		fakeiam.User("dave").Path("/ops/"),
		fakeiam.User("Alice").SigningCertificate(
			fakeiam.SigningCertificate{ID: "ALICECERT0000000000000000001", UploadDate: day(1)},
			fakeiam.SigningCertificate{ID: "ALICECERT0000000000000000002", UploadDate: day(20), Status: types.StatusTypeInactive}),
		fakeiam.User("bob").SigningCertificate(fakeiam.SigningCertificate{ID: "BOBCERT000000000000000000001", UploadDate: day(5)}),
		fakeiam.User("Carol"),
	)
	ctx := context.Background()
	client := f.Client()

	users := iam.NewListUsersPaginator(client, &iam.ListUsersInput{MaxItems: aws.Int32(2)})
	for users.HasMorePages() {
		page, err := users.NextPage(ctx)
		if err != nil {
			fmt.Println("list users:", err)
			return
		}
		for _, u := range page.Users {
			certs := iam.NewListSigningCertificatesPaginator(client, &iam.ListSigningCertificatesInput{UserName: u.UserName, MaxItems: aws.Int32(1)})
			n := 0
			for certs.HasMorePages() {
				cp, err := certs.NextPage(ctx)
				if err != nil {
					fmt.Println("list certificates:", err)
					return
				}
				for _, c := range cp.Certificates {
					n++
					fmt.Printf("%-6s %-6s %s %-8s %s\n", *u.UserName, *u.Path, *c.CertificateId, c.Status, c.UploadDate.Format(time.DateOnly))
				}
			}
			if n == 0 {
				fmt.Printf("%-6s %-6s no certificates\n", *u.UserName, *u.Path)
			}
		}
	}
	// Output:
	// Alice  /      ALICECERT0000000000000000001 Active   2025-12-01
	// Alice  /      ALICECERT0000000000000000002 Inactive 2025-12-20
	// bob    /      BOBCERT000000000000000000001 Active   2025-12-05
	// Carol  /      no certificates
	// dave   /ops/  no certificates
}
