package model

import "strings"

// Who decides on a person's plans.
//
// Departments are free text per municipality, written as staff write
// them: the levels from the largest down, separated by spaces, such as
// "財務部 財政課" or, in a small town, "総務課". hiroba reads that text as
// a path: "財務部 財政課" lies under "財務部", which lies under the whole
// municipality (ScopeMunicipality).
//
// An administrator marks a staff member as supervisor (所属長) with a
// scope: by default their own department; a level above it for a head of
// a division (部長: "財務部"); or the whole municipality (副市長, or the
// 総務課長 of a small town). A department may have several supervisors
// (課長 and 課長補佐): any of them may decide.
//
// The supervisors who decide on a person's plans are those of the
// nearest scope at or above the person's department that has a
// supervisor other than the person; "the next one up" is the next such
// scope. A supervisor's own plans start one level above their own scope,
// so that nobody decides their own plans and a 課長補佐 does not decide
// the 課長's. When no scope up to the whole municipality has a
// supervisor, the administrators decide.
//
// A supervisor oversees (sees the figures of) everyone at or under their
// scope, except supervisors of the same or a wider scope.

// ScopeMunicipality is the scope of a supervisor of a whole municipality.
const ScopeMunicipality = "*"

// NormalizeDepartment writes a department's levels separated by one
// space: "財務部　財政課" (an ideographic space) and "財務部  財政課" are
// both "財務部 財政課".
func NormalizeDepartment(d string) string { return strings.Join(strings.Fields(d), " ") }

// InScope reports whether department dept is scope or lies under it.
// Both are compared as normalized paths, level by level.
func InScope(dept, scope string) bool {
	if scope == ScopeMunicipality {
		return true
	}
	d, s := strings.Fields(dept), strings.Fields(scope)
	if len(s) == 0 || len(s) > len(d) {
		return false
	}
	for i := range s {
		if d[i] != s[i] {
			return false
		}
	}
	return true
}

// ParentScope is the scope one level up: "財務部 財政課" gives "財務部",
// "財務部" gives ScopeMunicipality, and ScopeMunicipality gives "" (the
// administrators).
func ParentScope(scope string) string {
	if scope == ScopeMunicipality || scope == "" {
		return ""
	}
	f := strings.Fields(scope)
	if len(f) <= 1 {
		return ScopeMunicipality
	}
	return strings.Join(f[:len(f)-1], " ")
}

// DecidingScope returns the scope whose supervisors decide on the plans
// of a person of department dept, who is themselves supervisor of scope
// own ("" when they are not); "" means the administrators. supervised
// reports whether a scope has a supervisor other than the person.
func DecidingScope(dept, own string, supervised func(scope string) bool) string {
	start := NormalizeDepartment(dept)
	if own != "" {
		start = ParentScope(own)
	}
	if start == "" && own == "" {
		start = ScopeMunicipality // no department: the municipality decides
	}
	for s := start; s != ""; s = ParentScope(s) {
		if supervised(s) {
			return s
		}
	}
	return ""
}

// Oversees reports whether a supervisor of scope sup sees the individual
// figures of a person of department dept who is supervisor of scope own
// ("" when they are not).
func Oversees(sup, dept, own string) bool {
	if !InScope(dept, sup) {
		return false
	}
	return own == "" || own != sup && InScope(own, sup)
}
