package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/fakeaws/fakeaws/fakeiam"
)

// The seed file's virtual MFA devices ("mfaDevices" of an account).

// mfaDeviceSeed is a virtual MFA device of an account (fakeiam.
// VirtualMFADevice): "name" required; "user" a user of the same account
// it is enabled for (none: unassigned); "seed" its Base32 secret (none: a
// new one, as CreateVirtualMFADevice makes).
type mfaDeviceSeed struct {
	Name       string    `json:"name"`
	Path       string    `json:"path"` // default "/"
	Seed       string    `json:"seed"`
	User       string    `json:"user"`
	EnableDate string    `json:"enableDate"` // RFC 3339; with "user"; default: when the endpoint starts
	Tags       []tagSeed `json:"tags"`
}

// mfaOptions are the account's virtual MFA devices, each checked with the
// builders' rules alone in its account, and its user against the
// account's users (users: lowercase name → index), each problem at its
// place.
func (a accountSeed) mfaOptions(at, account string, settings []fakeiam.Option, users map[string]int, errs *[]error) []fakeiam.Option {
	var opts []fakeiam.Option
	perUser := orDefault(a.MFADevicesPerUser, 8)
	names := map[string]int{}   // lowercase name → index: names ignore case
	enabled := map[string]int{} // lowercase user name → devices enabled for it so far
	for i, d := range a.MFADevices {
		where := fmt.Sprintf("%smfaDevices[%d]", at, i)
		if j, dup := names[strings.ToLower(d.Name)]; dup {
			*errs = append(*errs, fmt.Errorf("%s.name: %q is the name of %smfaDevices[%d] (%q): device names are unique regardless of case", where, d.Name, at, j, a.MFADevices[j].Name))
			continue
		}
		names[strings.ToLower(d.Name)] = i
		seed := fakeiam.VirtualMFADevice(d.Name)
		if d.Path != "" {
			seed = seed.Path(d.Path)
		}
		if d.Seed != "" {
			seed = seed.Seed(d.Seed)
		}
		for _, t := range d.Tags {
			seed = seed.Tag(t.Key, t.Value)
		}
		checkPrincipal(account, append(slices.Clone(settings), seed), where, errs)
		switch key := strings.ToLower(d.User); {
		case d.User == "" && d.EnableDate != "":
			*errs = append(*errs, fmt.Errorf("%s.enableDate: a device enabled for no user (user) has no enable date", where))
		case d.User == "":
		case !hasUser(users, key):
			*errs = append(*errs, fmt.Errorf("%s.user: %q is no user of the account (users lists them)", where, d.User))
		default:
			if enabled[key]++; enabled[key] == perUser+1 && perUser >= 0 {
				*errs = append(*errs, fmt.Errorf("%s.user: %q would have %d MFA devices, over the quota of %d per user", where, d.User, perUser+1, perUser))
			}
			seed = seed.EnabledFor(d.User)
			if d.EnableDate != "" {
				seed = seed.EnabledAt(parseTime(where+".enableDate", d.EnableDate, errs))
			}
		}
		opts = append(opts, seed)
	}
	return opts
}

func hasUser(users map[string]int, key string) bool {
	_, ok := users[key]
	return ok
}
