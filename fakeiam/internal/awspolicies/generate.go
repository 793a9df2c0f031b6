//go:build ignore

// The generator of catalog.tsv.gz: see the package doc.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

func main() {
	snapshot := flag.String("snapshot", "", "a checkout of github.com/zoph-io/MAMIP")
	commit := flag.String("commit", "", "its commit")
	date := flag.String("date", "", "its commit's date (RFC 3339)")
	out := flag.String("out", "catalog.tsv.gz", "the catalog to write")
	flag.Parse()
	if *snapshot == "" {
		fmt.Println("awspolicies: no snapshot named (AWS_POLICIES_SNAPSHOT); the committed catalog is kept")
		return
	}
	if _, err := os.Stat(filepath.Join(*snapshot, "policies-list.json")); err != nil {
		fmt.Printf("awspolicies: %s holds no policies-list.json; the committed catalog is kept\n", *snapshot)
		return
	}
	if *commit == "" || *date == "" {
		fail(fmt.Errorf("-commit and -date name the snapshot's commit and its date"))
	}
	data, err := generate(*snapshot, *commit, *date)
	if err != nil {
		fail(err)
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "awspolicies:", err)
	os.Exit(1)
}

type listed struct {
	PolicyName, PolicyId, Arn, Path, DefaultVersionId string
	IsAttachable                                      bool
	CreateDate, UpdateDate                            time.Time
}

type version struct {
	PolicyVersion struct {
		CreateDate       time.Time
		VersionId        string
		IsDefaultVersion bool
		Document         json.RawMessage
	}
}

func generate(dir, commit, date string) ([]byte, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "policies-list.json"))
	if err != nil {
		return nil, err
	}
	var list struct{ Policies []listed }
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, fmt.Errorf("policies-list.json: %v", err)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# source github.com/zoph-io/MAMIP commit %s date %s policies %d\n", commit, date, len(list.Policies))
	for _, p := range list.Policies {
		if p.Arn != "arn:aws:iam::aws:policy"+p.Path+p.PolicyName {
			return nil, fmt.Errorf("%s: ARN %s is not its path and name", p.PolicyName, p.Arn)
		}
		raw, err := os.ReadFile(filepath.Join(dir, "policies", p.PolicyName))
		if err != nil {
			return nil, err
		}
		var v version
		if err := json.Unmarshal(raw, &v); err != nil {
			return nil, fmt.Errorf("policies/%s: %v", p.PolicyName, err)
		}
		if v.PolicyVersion.VersionId != p.DefaultVersionId || !v.PolicyVersion.IsDefaultVersion {
			return nil, fmt.Errorf("policies/%s: version %s, but the list's default is %s", p.PolicyName, v.PolicyVersion.VersionId, p.DefaultVersionId)
		}
		var doc bytes.Buffer
		if err := json.Compact(&doc, v.PolicyVersion.Document); err != nil {
			return nil, fmt.Errorf("policies/%s: %v", p.PolicyName, err)
		}
		attachable := "0"
		if p.IsAttachable {
			attachable = "1"
		}
		fields := []string{p.PolicyName, p.Path, p.PolicyId, p.DefaultVersionId,
			strconv.FormatInt(p.CreateDate.Unix(), 10), strconv.FormatInt(p.UpdateDate.Unix(), 10),
			strconv.FormatInt(v.PolicyVersion.CreateDate.Unix(), 10), attachable, doc.String()}
		for _, f := range fields {
			if strings.ContainsAny(f, "\t\n") {
				return nil, fmt.Errorf("%s: a field holds a tab or a newline", p.PolicyName)
			}
		}
		b.WriteString(strings.Join(fields, "\t"))
		b.WriteByte('\n')
	}
	var z bytes.Buffer
	w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	w.Write(b.Bytes())
	if err := w.Close(); err != nil {
		return nil, err
	}
	return z.Bytes(), nil
}
