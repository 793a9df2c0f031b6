package sigv4

import (
	"strings"
	"sync/atomic"
	"time"
)

// MaxSkew is how far a request's X-Amz-Date may be from the server's clock,
// either way, as AWS allows. A presigned URL of a query service (IAM, STS)
// is bound by it too: those services do not honor X-Amz-Expires beyond it.
const MaxSkew = 15 * time.Minute

// amzDateLayout is SigV4's date: ISO 8601 basic format, UTC.
const amzDateLayout = "20060102T150405Z"

// Expect is what a server requires of a signature before it looks at the key.
type Expect struct {
	Service string    // the scope's service: "iam"
	Region  string    // the scope's region; "" accepts any
	Now     time.Time // the server's clock; zero skips the skew check
	// Dates, when set, remembers the last X-Amz-Date parsed: a client's
	// requests within one second share it, and time.Parse is most of what
	// Check costs (~0.2 µs of a ~20 µs in-process call).
	Dates *DateCache
}

// DateCache remembers the newest X-Amz-Date that parsed, and its time. The
// zero value is ready; it is safe for concurrent use.
type DateCache struct{ last atomic.Pointer[parsedDate] }

type parsedDate struct {
	text string
	t    time.Time
}

// parse is time.Parse(amzDateLayout, s), remembered for the last s.
func (c *DateCache) parse(s string) (time.Time, error) {
	if c != nil {
		if p := c.last.Load(); p != nil && p.text == s {
			return p.t, nil
		}
	}
	t, err := time.Parse(amzDateLayout, s)
	if err == nil && c != nil && len(s) == len(amzDateLayout) {
		c.last.Store(&parsedDate{strings.Clone(s), t})
	}
	return t, err
}

// Refusal is AWS's answer to a signature it refuses without the key's
// secret: an error code, its HTTP status and AWS's text.
type Refusal struct {
	Code    string
	Status  int
	Message string
}

func (r *Refusal) Error() string { return r.Code + ": " + r.Message }

// Check refuses what AWS refuses before it recomputes a signature, in AWS's
// order: the date's format, the clock skew, an unsigned host, then the
// credential scope (region, service, terminator and date, all reported).
func (s Signature) Check(want Expect) *Refusal {
	if !s.Presigned && s.AmzDate == "" {
		return &Refusal{"IncompleteSignature", 400,
			"Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=" + Algorithm}
	}
	t, err := want.Dates.parse(s.AmzDate)
	if err != nil || len(s.AmzDate) != len(amzDateLayout) {
		return &Refusal{"IncompleteSignature", 400,
			"Date must be in ISO-8601 'basic format'. Got '" + s.AmzDate + "'. See http://en.wikipedia.org/wiki/ISO_8601"}
	}
	if !want.Now.IsZero() {
		now := want.Now.UTC().Truncate(time.Second)
		if earliest := now.Add(-MaxSkew); t.Before(earliest) {
			return &Refusal{"SignatureDoesNotMatch", 403, "Signature expired: " + s.AmzDate + " is now earlier than " +
				earliest.Format(amzDateLayout) + " (" + now.Format(amzDateLayout) + " - 15 min.)"}
		}
		if latest := now.Add(MaxSkew); t.After(latest) {
			return &Refusal{"SignatureDoesNotMatch", 403, "Signature not yet current: " + s.AmzDate + " is still later than " +
				latest.Format(amzDateLayout) + " (" + now.Format(amzDateLayout) + " + 15 min.)"}
		}
	}
	if !s.signs("host") {
		return &Refusal{"SignatureDoesNotMatch", 403, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."}
	}
	// IAM and STS end each scope complaint with ". ", the last one too.
	var scope strings.Builder
	if want.Region != "" && s.Region != want.Region {
		scope.WriteString("Credential should be scoped to a valid region, not '" + s.Region + "'. ")
	}
	if s.Service != want.Service {
		scope.WriteString("Credential should be scoped to correct service: '" + want.Service + "'. ")
	}
	if s.Terminator != terminator {
		scope.WriteString("Credential should be scoped with a valid terminator: '" + terminator + "', not '" + s.Terminator + "'. ")
	}
	if day := s.AmzDate[:len("yyyymmdd")]; s.Date != day {
		scope.WriteString("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '" +
			s.Date + "' != '" + day + "', from '" + s.AmzDate + "'. ")
	}
	if scope.Len() > 0 {
		return &Refusal{"SignatureDoesNotMatch", 403, scope.String()}
	}
	return nil
}

// signs reports whether name is one of the signed headers.
func (s Signature) signs(name string) bool {
	for names := s.SignedHeaders; names != ""; {
		var n string
		n, names, _ = strings.Cut(names, ";")
		if n == name {
			return true
		}
	}
	return false
}
