// Package awspolicies holds IAM's AWS managed policies (the policies of ARN
// arn:aws:iam::aws:policy/...) as dated public snapshots recorded them:
// each one's name, path, id, description, default version id and its
// document, its creation and update dates, the default version's creation
// date, whether it is attachable, and the older versions the snapshot's
// history holds, in the order IAM lists them (ListPolicies Scope=AWS).
// Facts only.
//
// The catalog (catalog.tsv.gz) and the history (history.tsv.gz), both
// embedded, are generated and committed. Their source is the MAMIP project
// (github.com/zoph-io/MAMIP), which records every AWS managed policy
// daily: policies-list.json is the output of ListPolicies --scope AWS,
// policies/<name> is GetPolicyVersion of each one's default version, and
// the file's git history holds the default versions it replaced. The
// descriptions are GetPolicy's, as github.com/udondan/iam-floyd's nightly
// job writes them (lib/generated/aws-managed-policies/iam-floyd.ts, a doc
// comment above each policy's path). To regenerate both from git clones of
// the two repositories (bare or not):
//
//	AWS_POLICIES_SNAPSHOT=/path/to/MAMIP AWS_POLICIES_COMMIT=<commit> AWS_POLICIES_DATE=<date> \
//	AWS_POLICIES_DESCRIPTIONS=/path/to/iam-floyd AWS_POLICIES_DESCRIPTIONS_COMMITS=<commit>[,<older commit>...] \
//		go generate ./fakeiam/internal/awspolicies
//
// The generator (generate.go) skips, saying so, when no snapshot is named
// or it does not hold the commit. Each file's first line names the
// sources and their commits (Snapshot reads the catalog's).
//
// The catalog, after gunzip: that first line, then one line per policy of
// tab-separated fields: name, path, policy id, default version id,
// CreateDate, UpdateDate and the default version's CreateDate (Unix
// seconds), attachable (1 or 0), the description ("" when the source has
// none), and the default version's document, its JSON compacted (the
// snapshot's key order and string escapes kept). It is read on first use
// (Load), once per process, and shared read-only: a fake that never asks
// for an AWS managed policy never reads it.
//
// The history, after gunzip: its first line, then one line per older
// version, a policy's together and newest first: name, version id,
// CreateDate (Unix seconds), and the delta that makes its document from
// the next newer version's (the first line's from the default's): ops
// separated by OpSep, "=<i>,<n>" copying n tokens of the newer document
// from its i-th (Tokens splits a document after each of , [ ] { }), and
// "+<text>" inserting text. A version MAMIP recorded in several texts
// (it re-ordered keys at times) has its newest. The generator finds the
// deltas as a shortest edit script (Myers' algorithm) and checks that each
// rebuilds its document. The history is read the first time an older
// version is asked for (Older), which rebuilds a policy's at each call: the
// fake keeps each policy's list once made.
package awspolicies

//go:generate go run generate.go -snapshot=$AWS_POLICIES_SNAPSHOT -commit=$AWS_POLICIES_COMMIT -date=$AWS_POLICIES_DATE -descriptions=$AWS_POLICIES_DESCRIPTIONS -descriptions-commits=$AWS_POLICIES_DESCRIPTIONS_COMMITS -out catalog.tsv.gz -history history.tsv.gz
