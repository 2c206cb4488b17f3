// Package e2e holds the end-to-end tests: they build the real program
// and run it as a person would, in a terminal (tmux) and from a shell.
// The command line itself is tested in-process in cli/; -short skips
// these.
package e2e
