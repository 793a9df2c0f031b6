package fakeiam

import (
	"context"
	"reflect"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamschemas "github.com/aws/aws-sdk-go-v2/service/iam/schemas"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	stsschemas "github.com/aws/aws-sdk-go-v2/service/sts/schemas"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/transport/http/protocol/awsquery"

	"github.com/fakeaws/fakeaws/fakeiam/internal/iammodel"
)

// The services the fake answers. IAM and STS speak the same query protocol
// and share one account model (STS's GetCallerIdentity reads who IAM says
// signed), so they share the core, both doors and the operation table: an
// operation says which service it belongs to, and everything that differs
// between the services is a field of service: the SDK's service id (the
// SDK door), the API version and XML namespace (the HTTP door), the
// credential scope a signature must name, the model its inputs are
// validated against, and the SDK's protocol that builds its error chains.
// Adding a service of the same protocol is one more value here and its
// operations' registrations.

// service is one AWS service the fake answers.
type service struct {
	name      string // the signing name and credential scope's service: "iam"
	id        string // the SDK's ServiceID: "IAM"
	version   string // the API version a query request names: "2010-05-08"
	namespace string // the XML namespace of its documents
	model     *iammodel.Service
	// invalidToken is the text of InvalidClientTokenId as the service
	// writes it (IAM's ends with a period, STS's regional endpoints' does
	// not: docs/contract.md).
	invalidToken string
	client       reflect.Type // the SDK's *Client, whose methods are the service's actions
	registry     *smithy.TypeRegistry
	protocol     func() *awsquery.Protocol
}

var (
	serviceIAM = &service{
		name: "iam", id: iam.ServiceID, version: apiVersion, namespace: iamNamespace,
		model: iammodel.IAM, invalidToken: msgInvalidToken,
		client: reflect.TypeFor[*iam.Client](), registry: iam.TypeRegistry,
		protocol: sync.OnceValue(func() *awsquery.Protocol { return awsquery.New(iamschemas.AWSIdentityManagementV20100508) }),
	}
	serviceSTS = &service{
		name: "sts", id: sts.ServiceID, version: "2011-06-15", namespace: "https://sts.amazonaws.com/doc/2011-06-15/",
		model: iammodel.STS, invalidToken: msgInvalidTokenSTS,
		client: reflect.TypeFor[*sts.Client](), registry: sts.TypeRegistry,
		protocol: sync.OnceValue(func() *awsquery.Protocol { return awsquery.New(stsschemas.AWSSecurityTokenServiceV20110615) }),
	}
	services = []*service{serviceIAM, serviceSTS}
)

// serviceByID is the service an SDK client of that ServiceID calls, or nil
// for a service the fake does not answer.
func serviceByID(id string) *service {
	for _, s := range services {
		if s.id == id {
			return s
		}
	}
	return nil
}

// serviceByVersion is the service whose API version a query request
// names, or nil.
func serviceByVersion(version string) *service {
	for _, s := range services {
		if s.version == version {
			return s
		}
	}
	return nil
}

// serviceOf is the service op belongs to: its registration's, else the
// service whose SDK package declares the input's type (an operation the
// fake does not implement), else IAM.
func serviceOf(op Operation, input any) *service {
	if o := lookupOperation(op); o != nil {
		return o.service
	}
	if t := reflect.TypeOf(input); t != nil {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		for _, s := range services {
			if t.PkgPath() == s.client.Elem().PkgPath() {
				return s
			}
		}
	}
	return serviceIAM
}

// actions is every operation of the service's API, read from the SDK's
// client: each method of its *Client taking a context and an input, with
// the input's type.
func (s *service) actions() map[string]reflect.Type {
	return serviceActions(s)
}

var actionTables sync.Map // *service → map[string]reflect.Type

func serviceActions(s *service) map[string]reflect.Type {
	if a, ok := actionTables.Load(s); ok {
		return a.(map[string]reflect.Type)
	}
	actions := map[string]reflect.Type{}
	ctxType := reflect.TypeFor[context.Context]()
	for i := range s.client.NumMethod() {
		m := s.client.Method(i)
		if m.Type.NumIn() >= 3 && m.Type.In(1) == ctxType && m.Type.In(2).Kind() == reflect.Pointer &&
			m.Type.In(2).Elem().Name() == m.Name+"Input" {
			actions[m.Name] = m.Type.In(2).Elem()
		}
	}
	a, _ := actionTables.LoadOrStore(s, actions)
	return a.(map[string]reflect.Type)
}

// label is the service's name as people write it: "IAM", "STS".
func (s *service) label() string { return strings.ToUpper(s.name) }
