//go:build unix

package main

import "syscall"

// openNoWait opens a file without waiting: a named pipe put where a
// regular file was checked to be opens at once (and is then refused by
// the handle's mode) instead of waiting for a writer.
const openNoWait = syscall.O_NONBLOCK
