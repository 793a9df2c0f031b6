package awspolicies

import (
	"bytes"
	"compress/gzip"
	_ "embed" // the catalog
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
)

//go:embed catalog.tsv.gz
var compressed []byte

// Policy is an AWS managed policy as the snapshot recorded it.
type Policy struct {
	Name, Path, ID string
	// ARN is arn:aws:iam::aws:policy<Path><Name>.
	ARN string
	// DefaultVersion is the default version's id ("v<n>"), Document its
	// document (compact JSON).
	DefaultVersion, Document string
	// Description is GetPolicy's Description ("" when the source has none).
	Description      string
	Created, Updated time.Time // the policy's CreateDate, UpdateDate
	VersionCreated   time.Time // the default version's CreateDate
	Attachable       bool
}

// Catalog is every AWS managed policy in the order IAM lists them, with
// an index by ARN. Shared by every caller: read it, never write it.
type Catalog struct {
	Policies []Policy
	byARN    map[string]int
	// Snapshot is the catalog's first line: its source, commit and date.
	Snapshot string
}

// Index is the place in Policies of the policy with that ARN (exactly),
// or -1.
func (c *Catalog) Index(arn string) int {
	if i, ok := c.byARN[arn]; ok {
		return i
	}
	return -1
}

var (
	once    sync.Once
	catalog *Catalog
	loadErr error
)

// Load reads the embedded catalog the first time it is called and returns
// the same one after. Its error says the embedded data is corrupt (a test
// of this package reads it).
func Load() (*Catalog, error) {
	once.Do(func() { catalog, loadErr = parse(compressed) })
	return catalog, loadErr
}

// gunzip reads one of the embedded files (what names it in errors): its
// header line without its "# ", and the lines after it.
func gunzip(data []byte, what string) (head, rest string, err error) {
	z, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return "", "", fmt.Errorf("awspolicies: %s: %v", what, err)
	}
	raw, err := io.ReadAll(z)
	if err != nil {
		return "", "", fmt.Errorf("awspolicies: %s: %v", what, err)
	}
	head, rest, ok := strings.Cut(string(raw), "\n")
	if !ok || !strings.HasPrefix(head, "# ") {
		return "", "", fmt.Errorf("awspolicies: the %s has no header line", what)
	}
	return head[2:], rest, nil
}

// parse reads a gzip'd catalog: every string of it a slice of one
// decompressed text.
func parse(data []byte) (*Catalog, error) {
	head, rest, err := gunzip(data, "catalog")
	if err != nil {
		return nil, err
	}
	c := &Catalog{Snapshot: head, Policies: make([]Policy, 0, strings.Count(rest, "\n"))}
	c.byARN = make(map[string]int, cap(c.Policies))
	for line := 2; rest != ""; line++ {
		var l string
		l, rest, _ = strings.Cut(rest, "\n")
		var f [10]string
		for i := range 9 {
			var ok bool
			if f[i], l, ok = strings.Cut(l, "\t"); !ok {
				return nil, fmt.Errorf("awspolicies: line %d: %d fields, want 10", line, i+1)
			}
		}
		f[9] = l
		var dates [3]time.Time
		for i := range dates {
			secs, err := strconv.ParseInt(f[4+i], 10, 64)
			if err != nil {
				return nil, fmt.Errorf("awspolicies: line %d: %v", line, err)
			}
			dates[i] = time.Unix(secs, 0).UTC()
		}
		p := Policy{Name: f[0], Path: f[1], ID: f[2], ARN: "arn:aws:iam::aws:policy" + f[1] + f[0], DefaultVersion: f[3],
			Created: dates[0], Updated: dates[1], VersionCreated: dates[2], Attachable: f[7] == "1", Description: f[8], Document: f[9]}
		if _, dup := c.byARN[p.ARN]; dup {
			return nil, fmt.Errorf("awspolicies: line %d: %s twice", line, p.ARN)
		}
		c.byARN[p.ARN] = len(c.Policies)
		c.Policies = append(c.Policies, p)
	}
	return c, nil
}
