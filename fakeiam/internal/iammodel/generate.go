//go:build ignore

// The generator of iam_model.go: see the package doc and package modelgen.
package main

import "github.com/fakeaws/fakeaws/fakeiam/internal/iammodel/modelgen"

func main() { modelgen.Main() }
