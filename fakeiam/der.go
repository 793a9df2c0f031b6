package fakeiam

import "time"

// certificateNotAfter checks that der is exactly one DER-encoded X.509
// certificate — the structure of RFC 5280 section 4.1, with DER's definite,
// minimal lengths and valid UTCTime/GeneralizedTime validity dates — and
// returns the end of its validity.
//
// It checks the certificate's envelope and fields up to the public key, not
// the contents of names, keys or extensions, and allocates nothing: an upload costs a few hundred
// nanoseconds here against ~4.5 µs for crypto/x509.ParseCertificate. It never
// refuses a certificate crypto/x509 parses (FuzzCertificateNotAfter holds it
// to that); it may accept a certificate with a malformed extension or name
// that crypto/x509 would refuse.
func certificateNotAfter(der []byte) (time.Time, bool) {
	const (
		tagInteger   = 0x02
		tagBitString = 0x03
		tagSequence  = 0x30
		tagUTCTime   = 0x17
		tagGenTime   = 0x18
	)
	cert, rest, ok := expect(der, tagSequence)
	if !ok || len(rest) != 0 {
		return time.Time{}, false
	}
	tbs, cert, ok := expect(cert, tagSequence)
	if !ok {
		return time.Time{}, false
	}
	if _, cert, ok = expect(cert, tagSequence); !ok { // signatureAlgorithm
		return time.Time{}, false
	}
	// What follows the signature is ignored, as crypto/x509 ignores it.
	if sig, _, ok := expect(cert, tagBitString); !ok || len(sig) == 0 || sig[0] > 7 {
		return time.Time{}, false
	}

	// tbsCertificate
	if len(tbs) > 0 && tbs[0] == 0xA0 { // [0] EXPLICIT version
		var v []byte
		if v, tbs, ok = expect(tbs, 0xA0); !ok {
			return time.Time{}, false
		}
		n, r, ok := expect(v, tagInteger)
		if !ok || len(r) != 0 || len(n) != 1 || n[0] > 2 {
			return time.Time{}, false
		}
	}
	serial, tbs, ok := expect(tbs, tagInteger)
	if !ok || len(serial) == 0 {
		return time.Time{}, false
	}
	for range 2 { // signature, issuer
		if _, tbs, ok = expect(tbs, tagSequence); !ok {
			return time.Time{}, false
		}
	}
	validity, tbs, ok := expect(tbs, tagSequence)
	if !ok {
		return time.Time{}, false
	}
	var notAfter time.Time
	for i := range 2 {
		var tag byte
		var t []byte
		if tag, t, validity, ok = readTLV(validity); !ok {
			return time.Time{}, false
		}
		var when time.Time
		switch tag {
		case tagUTCTime:
			when, ok = parseASN1Time(t, false)
		case tagGenTime:
			when, ok = parseASN1Time(t, true)
		default:
			ok = false
		}
		if !ok {
			return time.Time{}, false
		}
		if i == 1 {
			notAfter = when
		}
	}
	// Anything after the two dates is ignored, as crypto/x509 ignores it.
	if _, tbs, ok = expect(tbs, tagSequence); !ok { // subject
		return time.Time{}, false
	}
	spki, _, ok := expect(tbs, tagSequence)
	if !ok {
		return time.Time{}, false
	}
	if _, spki, ok = expect(spki, tagSequence); !ok {
		return time.Time{}, false
	}
	if _, _, ok = expect(spki, tagBitString); !ok { // anything after it is ignored, as by crypto/x509
		return time.Time{}, false
	}
	// The unique ids and extensions that may follow are not examined.
	return notAfter, true
}

// expect reads one element with tag from b.
func expect(b []byte, tag byte) (content, rest []byte, ok bool) {
	t, content, rest, ok := readTLV(b)
	if !ok || t != tag {
		return nil, nil, false
	}
	return content, rest, true
}

// readTLV reads one DER element: low-number tag, definite minimal length.
func readTLV(b []byte) (tag byte, content, rest []byte, ok bool) {
	if len(b) < 2 || b[0]&0x1f == 0x1f {
		return 0, nil, nil, false
	}
	tag, l, b := b[0], int(b[1]), b[2:]
	if l >= 0x80 {
		n := l & 0x7f
		if n == 0 || n > 3 || len(b) < n || b[0] == 0 {
			return 0, nil, nil, false // indefinite, too long, or not minimal
		}
		l = 0
		for _, c := range b[:n] {
			l = l<<8 | int(c)
		}
		b = b[n:]
		if l < 0x80 {
			return 0, nil, nil, false // DER: short form was required
		}
	}
	if l > len(b) {
		return 0, nil, nil, false
	}
	return tag, b[:l], b[l:], true
}

// parseASN1Time parses DER's UTCTime (YYMMDDHHMMSSZ, years 1950–2049) or
// GeneralizedTime (YYYYMMDDHHMMSSZ), rejecting impossible dates.
func parseASN1Time(s []byte, generalized bool) (time.Time, bool) {
	n := 13
	if generalized {
		n = 15
	}
	if len(s) != n || s[n-1] != 'Z' {
		return parseASN1TimeSlow(s, generalized)
	}
	num := func(b []byte) (int, bool) {
		v := 0
		for _, c := range b {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	var year int
	var ok bool
	if generalized {
		year, ok = num(s[:4])
		s = s[4:]
	} else {
		year, ok = num(s[:2])
		s = s[2:]
		if year < 50 {
			year += 2000
		} else {
			year += 1900
		}
	}
	month, ok1 := num(s[0:2])
	day, ok2 := num(s[2:4])
	hour, ok3 := num(s[4:6])
	minute, ok4 := num(s[6:8])
	sec, ok5 := num(s[8:10])
	if !(ok && ok1 && ok2 && ok3 && ok4 && ok5) {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, 0, time.UTC)
	if t.Year() != year || t.Month() != time.Month(month) || t.Day() != day || t.Hour() != hour || t.Minute() != minute || t.Second() != sec {
		return time.Time{}, false // e.g. 31 February, 24:00, 60 seconds
	}
	return t, true
}

// parseASN1TimeSlow accepts the other forms crypto/x509 accepts: a non-zero
// UTC offset, and UTCTime without seconds. Rare; it may allocate.
func parseASN1TimeSlow(s []byte, generalized bool) (time.Time, bool) {
	str := string(s)
	layouts := []string{"060102150405Z0700", "0601021504Z0700"}
	if generalized {
		layouts = []string{"20060102150405Z0700"}
	}
	for _, layout := range layouts {
		t, err := time.Parse(layout, str)
		if err != nil || t.Format(layout) != str {
			continue
		}
		if !generalized && t.Year() >= 2050 {
			t = t.AddDate(-100, 0, 0)
		}
		return t.UTC(), true
	}
	return time.Time{}, false
}
