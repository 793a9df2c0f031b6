// Package awspolicies holds IAM's AWS managed policies (the policies of ARN
// arn:aws:iam::aws:policy/...) as a dated public snapshot recorded them:
// each one's name, path, id, default version id and its document, its
// creation and update dates, the default version's creation date, and
// whether it is attachable, in the order IAM lists them (ListPolicies
// Scope=AWS). Facts only.
//
// The catalog (catalog.tsv.gz, embedded) is generated and committed. Its
// source is the MAMIP project (github.com/zoph-io/MAMIP), which records
// every AWS managed policy daily: policies-list.json is the output of
// ListPolicies --scope AWS, and policies/<name> is GetPolicyVersion of
// each one's default version. To regenerate it from a checkout of that
// repository:
//
//	AWS_POLICIES_SNAPSHOT=/path/to/MAMIP AWS_POLICIES_COMMIT=<commit> AWS_POLICIES_DATE=<date> \
//		go generate ./fakeiam/internal/awspolicies
//
// The generator (generate.go) skips, saying so, when no snapshot is named
// or the directory is absent. The catalog's first line names the source,
// its commit and date (Snapshot reads it).
//
// Format, after gunzip: that first line, then one line per policy of
// tab-separated fields: name, path, policy id, default version id,
// CreateDate, UpdateDate and the default version's CreateDate (Unix
// seconds), attachable (1 or 0), and the default version's document, its
// JSON compacted (the snapshot's key order and string escapes kept). The
// catalog is read on first use (Load), once per process, and shared
// read-only: a fake that never asks for an AWS managed policy never reads
// it.
package awspolicies

//go:generate go run generate.go -snapshot=$AWS_POLICIES_SNAPSHOT -commit=$AWS_POLICIES_COMMIT -date=$AWS_POLICIES_DATE -out catalog.tsv.gz
