package model

import "context"

// DrillService reads what disaster drills leave in a database: whether it
// is a drill copy (nil when not), the reports of the merges done into it
// (administrators), and the rows those merges kept aside: edit notes and
// set-aside rows, to their author, and all of them to administrators;
// either may mark a kept row done. Taking a copy and merging one are for
// the command line (data.DB's Snapshot and Merge).
type DrillService interface {
	DrillCopy(ctx context.Context) (*DrillCopy, error)
	// DrillStaff returns, on a drill copy, the staff it was taken with who
	// may sign in: whom a person at the laptop chooses themselves from,
	// rather than registering anew (a merge takes no one registered on a
	// laptop, and sets aside what they wrote). Nil on a database that is
	// no drill copy.
	DrillStaff(ctx context.Context) ([]Staff, error)
	MergeReports(ctx context.Context) ([]MergeReport, error)
	KeptRows(ctx context.Context, targetID string) ([]KeptRow, error)
	// SetKeptDone marks a kept row done (dealt with), or not done again;
	// marking it done again keeps the first time. ENOTFOUND for a row the
	// viewer does not see.
	SetKeptDone(ctx context.Context, id string, done bool) error
}
