package policyeval

import (
	"strconv"
	"strings"
	"time"
)

// ParseDate reads a date as IAM's policy grammar reads one, ignoring
// case: seconds since the epoch (an integer, not negative), or an ISO 8601
// date (YYYY, YYYY-MM, YYYY-MM-DD, the year maybe negative) with maybe a
// time after a T (HH, HH:MM, HH:MM:SS, fractions of a second) and, after
// the seconds, a zone (Z, +HH, +HH:MM). The policy checks accept a
// document's dates by it (fakeiam/policy_documents.go) and the Date
// operators compare them by it: one grammar.
func ParseDate(v string) (time.Time, bool) {
	v = strings.ToLower(v)
	if !strings.ContainsAny(v, "t-") {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return time.Time{}, false
		}
		return time.Unix(n, 0).UTC(), true
	}
	date, clock, _ := strings.Cut(v, "t")
	neg := strings.HasPrefix(date, "-")
	parts := strings.Split(strings.TrimPrefix(date, "-"), "-")
	if len(parts) > 3 {
		return time.Time{}, false
	}
	year, err := strconv.Atoi(parts[0])
	if err != nil {
		return time.Time{}, false
	}
	if neg {
		year = -year
	}
	if year < -292275054 || year > 292278993 {
		return time.Time{}, false
	}
	month, okM := field(parts, 1, 1, 12, 1)
	day, okD := field(parts, 2, 1, 31, 1)
	if !okM || !okD {
		return time.Time{}, false
	}
	at := func(h, m, s, ns int, loc *time.Location) (time.Time, bool) {
		return time.Date(year, time.Month(month), day, h, m, s, ns, loc), true
	}
	if clock == "" {
		return at(0, 0, 0, 0, time.UTC)
	}
	hms := strings.SplitN(clock, ":", 3)
	hour, okH := field(hms, 0, 0, 23, 0)
	minute, okMin := field(hms, 1, 0, 59, 0)
	if !okH || !okMin {
		return time.Time{}, false
	}
	if len(hms) < 3 {
		return at(hour, minute, 0, 0, time.UTC)
	}
	sec, zone := hms[2], ""
	if i := strings.IndexAny(sec, "z+"); i >= 0 {
		sec, zone = sec[:i], sec[i:]
	}
	whole, frac, hasFrac := strings.Cut(sec, ".")
	s, err := strconv.Atoi(whole)
	if err != nil || s < 0 || s > 59 {
		return time.Time{}, false
	}
	ns := 0
	if hasFrac {
		f, err := strconv.Atoi(frac)
		if err != nil || f < 0 || f > 999999999 {
			return time.Time{}, false
		}
		for n := len(frac); n < 9; n++ { // the fraction's digits as nanoseconds
			f *= 10
		}
		for n := len(frac); n > 9; n-- {
			f /= 10
		}
		ns = f
	}
	switch {
	case zone == "" || zone == "z":
		return at(hour, minute, s, ns, time.UTC)
	case zone[0] == '+':
		hh, mm, hasMM := strings.Cut(zone[1:], ":")
		if len(hh) != 2 {
			return time.Time{}, false
		}
		zh, okZH := field([]string{hh}, 0, 0, 23, 0)
		zm := 0
		if hasMM {
			var okZM bool
			if zm, okZM = field([]string{mm}, 0, 0, 59, 0); len(mm) != 2 || !okZM {
				return time.Time{}, false
			}
		}
		if !okZH {
			return time.Time{}, false
		}
		return at(hour, minute, s, ns, time.FixedZone("", zh*3600+zm*60))
	}
	return time.Time{}, false
}

// field is parts[i] as an integer in [lo, hi], def when there is no
// parts[i].
func field(parts []string, i, lo, hi, def int) (int, bool) {
	if i >= len(parts) {
		return def, true
	}
	n, err := strconv.Atoi(parts[i])
	return n, err == nil && n >= lo && n <= hi
}
