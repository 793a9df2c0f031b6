package fakeiam_test

// The paired rows (BenchmarkPairedRatios/op, bench_paired_test.go) of the
// service-linked role operations (service_linked_roles.go). The floor
// answers a copy of the fake's own answer to the same call, made as
// cheaply as the other rows' floors make theirs.

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/fakeiam"
)

func init() { pairedRows = append(pairedRows, linkedRoleRows...) }

// linkedRolesFake seeds n service-linked roles of autoscaling (the catalog's
// service that takes a suffix), AWSServiceRoleForAutoScaling_s0000..., and
// 100 roles besides, under a lifted quota, plus more.
func linkedRolesFake(tb testing.TB, n int, more ...fakeiam.Option) *fakeiam.Fake {
	tb.Helper()
	opts := append([]fakeiam.Option{fakeiam.RolesPerAccount(writeBatch + 1000)}, more...)
	for k := range n {
		opts = append(opts, fakeiam.ServiceLinkedRole("autoscaling.amazonaws.com").CustomSuffix(fmt.Sprintf("s%04d", k)))
	}
	for k := range 100 {
		opts = append(opts, fakeiam.Role(fmt.Sprintf("role%04d", k)).TrustPolicy(trustEC2))
	}
	f, err := newFakeE(opts...)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

var linkedRoleRows = []pairedRow{
	// Each service of the catalog's in turn, into a fake with 100 roles
	// (a fresh one once every service has its role): an account's
	// service-linked roles are one a service, each with its own policies.
	// The floor answers a copy of the fake's answer to the same call.
	{fakeiam.CreateServiceLinkedRole, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		services := fakeiam.LinkedServiceCatalog()
		roles := make([]*types.Role, len(services))
		warm := linkedRolesFake(tb, 0).Client()
		cur := 0 // the call's k, for the floor
		call := func(c *iam.Client, k int) (any, error) {
			cur = k
			return c.CreateServiceLinkedRole(context.Background(), &iam.CreateServiceLinkedRoleInput{AWSServiceName: &services[k].Service})
		}
		for k := range services {
			out, err := call(warm, k)
			warmedUp(tb, err)
			roles[k] = out.(*iam.CreateServiceLinkedRoleOutput).Role
		}
		newFloor := func() *iam.Client {
			return floorClient(usersFake(tb, 0), func() any { return &iam.CreateServiceLinkedRoleOutput{Role: copyRole(roles[cur])} })
		}
		return batchedBy(len(services), newFloor, func() *iam.Client { return linkedRolesFake(tb, 0).Client() }, call)
	}},
	// Each of the catalog's services' roles in turn, from a fake holding
	// them all and 100 roles besides (a fresh one once all are gone).
	{fakeiam.DeleteServiceLinkedRole, budgetWrite, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		services := fakeiam.LinkedServiceCatalog()
		opts := []fakeiam.Option{}
		for _, s := range services {
			opts = append(opts, fakeiam.ServiceLinkedRole(s.Service))
		}
		newFake := func() *iam.Client { return linkedRolesFake(tb, 0, opts...).Client() }
		tasks := make([]string, len(services))
		cur := 0 // the call's k, for the floor
		call := func(c *iam.Client, k int) (any, error) {
			cur = k
			return c.DeleteServiceLinkedRole(context.Background(), &iam.DeleteServiceLinkedRoleInput{RoleName: &services[k].RoleName})
		}
		warm := newFake()
		for k := range services {
			out, err := call(warm, k)
			warmedUp(tb, err)
			tasks[k] = *out.(*iam.DeleteServiceLinkedRoleOutput).DeletionTaskId
		}
		newFloor := func() *iam.Client {
			return floorClient(usersFake(tb, 0), func() any {
				id := tasks[cur] // strings are immutable: a fresh header is a faithful copy
				return &iam.DeleteServiceLinkedRoleOutput{DeletionTaskId: &id}
			})
		}
		return batchedBy(len(services), newFloor, newFake, call)
	}},
	// The status of one task of 100.
	{fakeiam.GetServiceLinkedRoleDeletionStatus, budgetRead, func(tb testing.TB) (func() (any, error), func() (any, error), func()) {
		f := linkedRolesFake(tb, 100)
		var task *string
		for k := range 100 {
			out, err := f.Client().DeleteServiceLinkedRole(context.Background(), &iam.DeleteServiceLinkedRoleInput{RoleName: aws.String(fmt.Sprintf("AWSServiceRoleForAutoScaling_s%04d", k))})
			warmedUp(tb, err)
			task = out.DeletionTaskId
		}
		call := func(c *iam.Client) (*iam.GetServiceLinkedRoleDeletionStatusOutput, error) {
			return c.GetServiceLinkedRoleDeletionStatus(context.Background(), &iam.GetServiceLinkedRoleDeletionStatusInput{DeletionTaskId: task})
		}
		out, err := call(f.Client())
		warmedUp(tb, err)
		floor := floorClient(usersFake(tb, 0), func() any { return &iam.GetServiceLinkedRoleDeletionStatusOutput{Status: out.Status} })
		return calls(floor, call), calls(f.Client(), call), nil
	}},
}
