package fakeiam

import (
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// SetSecurityTokenServicePreferences (docs/contract.md, "STS
// preferences"): which version of session token STS's global endpoint
// issues for the account, v1Token (IAM's default: valid only in the
// Regions enabled by default) or v2Token (valid in every Region).
// GetAccountSummary reports it (GlobalEndpointTokenVersion 1 or 2); the
// fake's tokens are the same either way. Seeding:
// GlobalEndpointTokenVersion. Its tests: sts_preferences_test.go.

// SetSecurityTokenServicePreferences is IAM's operation of that name.
const SetSecurityTokenServicePreferences Operation = "SetSecurityTokenServicePreferences"

func init() {
	register(opSpec[iam.SetSecurityTokenServicePreferencesInput, iam.SetSecurityTokenServicePreferencesOutput]{
		Name: SetSecurityTokenServicePreferences, Handle: (*Fake).setSTSPreferences,
		// The service authorization reference lists no resource type for it.
		Resource: func(*Fake, *attempt, *iam.SetSecurityTokenServicePreferencesInput) string { return "*" },
	})
}

// tokenVersion is GetAccountSummary's GlobalEndpointTokenVersion.
func (a *account) tokenVersion() int {
	if a.tokenV2 {
		return 2
	}
	return 1
}

// setSTSPreferences: (validation: the model's enum) → the account's
// preference, replaced.
func (f *Fake) setSTSPreferences(a *attempt, in *iam.SetSecurityTokenServicePreferencesInput) (result[iam.SetSecurityTokenServicePreferencesOutput], *Error) {
	var none result[iam.SetSecurityTokenServicePreferencesOutput]
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.current(a.caller); err != nil {
		return none, err
	}
	a.caller.account.tokenV2 = in.GlobalEndpointTokenVersion == types.GlobalEndpointTokenVersionV2Token
	return answerEmpty[iam.SetSecurityTokenServicePreferencesOutput](), nil
}

// GlobalEndpointTokenVersion sets an account's STS preference, as
// SetSecurityTokenServicePreferences would: v1Token (IAM's default) or
// v2Token; any other value is refused. Inside Account it is that
// account's; given to New, every account's that does not set its own (as
// every account setting).
func GlobalEndpointTokenVersion(v types.GlobalEndpointTokenVersion) Option {
	return accountOption(func(s *accountSettings) error {
		in := iam.SetSecurityTokenServicePreferencesInput{GlobalEndpointTokenVersion: v}
		if err := lookupOperation(SetSecurityTokenServicePreferences).check.check(&in); err != nil {
			return fmt.Errorf("GlobalEndpointTokenVersion(%q): %s", v, err.Message)
		}
		s.tokenVersion = &v
		return nil
	})
}
