package fakeiam_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// A role EC2 assumes, seeded with the instance profile that holds it, and
// the question Terraform asks before it deletes the role: which profiles
// hold it? DeleteRole refuses while one does.
func ExampleInstanceProfile() {
	const ec2Trust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	f := fakeiam.MustNew(
		fakeiam.Role("web-server").TrustPolicy(ec2Trust),
		fakeiam.InstanceProfile("web").Path("/app/").Role("web-server"),
	)
	ctx := context.Background()
	c := f.Client()

	out, err := c.ListInstanceProfilesForRole(ctx, &iam.ListInstanceProfilesForRoleInput{RoleName: aws.String("web-server")})
	if err != nil {
		fmt.Println("list:", err)
		return
	}
	for _, p := range out.InstanceProfiles {
		fmt.Println(*p.Arn, "holds", *p.Roles[0].RoleName)
	}

	_, err = c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("web-server")})
	var conflict *types.DeleteConflictException
	if errors.As(err, &conflict) {
		fmt.Println("DeleteRole:", conflict.ErrorMessage())
	}
	// Output:
	// arn:aws:iam::123456789012:instance-profile/app/web holds web-server
	// DeleteRole: Cannot delete entity, must remove roles from instance profile first.
}
