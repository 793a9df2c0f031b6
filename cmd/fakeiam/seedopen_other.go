//go:build !unix

package main

// openNoWait is 0 where the platform has no O_NONBLOCK: there, a file
// swapped for a pipe between the Stat and the Open of a bodyFile would be
// opened waiting for a writer (an accepted race: the seed's author owns
// the files it names).
const openNoWait = 0
