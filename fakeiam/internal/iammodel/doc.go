// Package iammodel holds IAM's input constraints, generated from IAM's
// service model: for each of IAM's operations, its input members in the
// model's order, each with its type, whether it is required, its length or
// value bounds, its pattern (the model's text, as IAM prints it in
// messages) and its enum values, down through lists and structures. Facts
// only: no documentation text.
//
// The table (iam_model.go) is generated and committed. To regenerate it
// from the model the AWS CLI's botocore ships:
//
//	go generate ./fakeiam/internal/iammodel
//
// The generator (generate.go, running package modelgen) finds the model
// with python3 (botocore's data/iam/2010-05-08/service-2.json.gz); the flag
// -model or the environment variable IAM_MODEL names another file (JSON,
// gzipped or not). Another service of the same protocol is one more
// go:generate line: STS's table (sts_model.go, for GetCallerIdentity) is
// "go run generate.go -service sts -var STS -out sts_model.go" (its model
// beside IAM's, or $STS_MODEL). TestTableIsGenerated regenerates each table
// in memory and fails on any difference; it skips, saying so, where a model
// is absent.
//
// Patterns are Java regular expressions; Compile turns one into a matcher
// (see Pattern).
package iammodel

//go:generate go run generate.go -service iam -var IAM -out iam_model.go
//go:generate go run generate.go -service sts -var STS -out sts_model.go
