package data

import "sort"

// How a merge treats each table. A table not listed here (one a later
// migration added) is merged by the default rule: rows added, a row
// changed on both sides keeps the shared version and sets the laptop's
// aside, foreign keys checked.

// Conflict rules: what happens to a column group changed differently on
// both sides.
const (
	// ruleSetAside keeps the shared value and sets the laptop's aside.
	ruleSetAside = iota
	// ruleEditNote keeps the shared text of a post and the laptop's as an
	// edit note its author sees.
	ruleEditNote
	// ruleRevision keeps the shared text of a handover section; the
	// laptop's stays in the handover revision the laptop wrote, which the
	// merge adds to the note's history.
	ruleRevision
	// ruleLaterWins keeps whichever answer was given later.
	ruleLaterWins
	// ruleMax keeps the later time (read marks).
	ruleMax
)

// mergeRule says how the rows of one table merge.
type mergeRule struct {
	// groups name sets of columns that change together and conflict as a
	// whole: a post's text and its deletion, an answer. Columns in no
	// group form the group "row".
	groups map[string][]string
	// rules overrides the conflict rule of a group (default ruleSetAside).
	rules map[string]int
	// derived columns are recomputed after the merge, never compared:
	// counts, last activity. A new row brings the copy's value.
	derived []string
	// ignored columns are never compared; the earlier of two values is
	// kept (when a membership began).
	ignored []string
	// stamp is the column holding when the row last changed; applying a
	// change keeps the later of the two.
	stamp string
	// deleted is the soft-deletion column of a post, in its text group: a
	// deletion never wins over an edit.
	deleted string
	// actor is the staff member who wrote the row: a new row is set aside
	// unless they are an active staff member of the shared database.
	actor string
	// author is whose a kept row is (who sees it besides administrators);
	// empty means actor.
	author string
	// target is the column naming what a kept row belongs to (the thread
	// of a reply); empty means the first key column.
	target string
	// summary columns give a report item its text.
	summary []string
	// reportOnly: changes are reported, never applied (staff, keys,
	// settings, municipalities).
	reportOnly bool
	// appendOnly: the copy's new rows are added with the next number,
	// never matched by key (handover revisions).
	appendOnly bool
}

// mergeOrder is the order tables merge in: parents before children.
// Tables it does not name follow, in the schema's order.
var mergeOrder = []string{
	"municipalities", "staff", "staff_keys", "settings",
	"communities", "memberships",
	"threads", "replies", "helpful_marks", "call_applications", "idea_team", "follows",
	"handovers", "handover_sections", "handover_revisions", "handover_questions",
	"read_marks",
	"events", "event_exceptions", "rsvps",
	"drafts",
}

var mergeRules = map[string]mergeRule{
	"municipalities": {reportOnly: true, summary: []string{"name"}},
	"staff":          {reportOnly: true, summary: []string{"name"}},
	"staff_keys":     {reportOnly: true, author: "staff_id", summary: []string{"fingerprint"}},
	"settings":       {reportOnly: true, summary: []string{"key"}},
	"communities": {
		groups: map[string][]string{
			"profile": {"name", "category", "municipality_id", "summary", "description"},
			"access":  {"visibility"},
		},
		derived: []string{"last_activity_at", "member_count"},
		stamp:   "updated_at", actor: "created_by", summary: []string{"name"},
	},
	"memberships": {ignored: []string{"joined_at"}, actor: "staff_id"},
	"threads": {
		groups: map[string][]string{
			"text":       {"title", "body", "tags", "anonymous", "deleted_at"},
			"resolution": {"resolved_reply_id"},
			"pin":        {"pinned"},
			"moderation": {"hidden"},
		},
		rules:   map[string]int{"text": ruleEditNote},
		derived: []string{"reply_count", "helpful_count", "last_activity_at"},
		stamp:   "updated_at", deleted: "deleted_at", actor: "author_id", summary: []string{"title"},
	},
	"replies": {
		groups: map[string][]string{
			"text":       {"body", "anonymous", "deleted_at", "quote_reply_id"},
			"moderation": {"hidden"},
		},
		rules:   map[string]int{"text": ruleEditNote},
		derived: []string{"helpful_count"},
		stamp:   "updated_at", deleted: "deleted_at", actor: "author_id", target: "thread_id", summary: []string{"body"},
	},
	"helpful_marks":     {ignored: []string{"created_at"}, actor: "staff_id"},
	"call_applications": {ignored: []string{"created_at"}, actor: "staff_id", summary: []string{"comment"}},
	"idea_team":         {ignored: []string{"created_at"}, actor: "staff_id"},
	"follows":           {ignored: []string{"created_at"}, actor: "staff_id", target: "thread_id"},
	"read_marks":        {rules: map[string]int{"row": ruleMax}, actor: "staff_id", target: "target_id"},
	"handovers": {
		groups: map[string][]string{
			"note":      {"municipality_id", "department", "duty", "effective_date", "visibility"},
			"successor": {"successor_id", "successor_named_at"},
			"status":    {"status", "handed_over_at", "acknowledged_at", "ack_comment", "questions_until"},
		},
		derived: []string{"revision"},
		stamp:   "updated_at", actor: "predecessor_id", summary: []string{"duty"},
	},
	"handover_sections": {
		groups: map[string][]string{
			"text":     {"title", "body"},
			"position": {"position"},
		},
		rules:  map[string]int{"text": ruleRevision},
		target: "handover_id", summary: []string{"title"},
	},
	"handover_revisions": {appendOnly: true, actor: "author_id"},
	"handover_questions": {
		groups: map[string][]string{
			"question": {"body"},
			"answer":   {"answer", "answered_by", "answered_at"},
		},
		actor: "author_id", target: "handover_id", summary: []string{"body"},
	},
	"events": {
		groups: map[string][]string{"cancel": {"cancelled_at"}},
		stamp:  "updated_at", actor: "created_by", summary: []string{"title"},
	},
	"rsvps": {
		groups:  map[string][]string{"answer": {"response"}},
		rules:   map[string]int{"answer": ruleLaterWins},
		derived: []string{"waitlisted"},
		ignored: []string{"created_at"},
		stamp:   "updated_at", actor: "staff_id",
	},
	"drafts": {stamp: "updated_at", actor: "staff_id", summary: []string{"title", "body"}},
}

// boundTable is a table's rule bound to its columns in the shared schema.
type boundTable struct {
	tableInfo
	mergeRule
	// groupOf gives each compared column's group; derived, ignored, stamp
	// and key columns are not in it.
	groupOf   map[string]string
	groupCols map[string][]int // column indexes of each group
	groupList []string         // group names, sorted
	compared  []int            // indexes of every compared column
	index     map[string]int   // column index by name
}

func bindTable(t tableInfo) *boundTable {
	b := &boundTable{tableInfo: t, mergeRule: mergeRules[t.name],
		groupOf: map[string]string{}, groupCols: map[string][]int{}, index: map[string]int{}}
	skip := map[string]bool{}
	for _, c := range t.key {
		skip[c] = true
	}
	for _, c := range append(append([]string{b.stamp}, b.derived...), b.ignored...) {
		skip[c] = true
	}
	named := map[string]string{}
	for g, cols := range b.groups {
		for _, c := range cols {
			named[c] = g
		}
	}
	for i, c := range t.cols {
		b.index[c] = i
		if skip[c] {
			continue
		}
		g, ok := named[c]
		if !ok {
			g = "row"
		}
		b.groupOf[c] = g
		b.groupCols[g] = append(b.groupCols[g], i)
		b.compared = append(b.compared, i)
	}
	for g := range b.groupCols {
		b.groupList = append(b.groupList, g)
	}
	sort.Strings(b.groupList)
	return b
}

// rule returns the conflict rule of group g.
func (b *boundTable) rule(g string) int {
	if r, ok := b.rules[g]; ok {
		return r
	}
	return ruleSetAside
}

// value returns column col of row, or nil when the table has no such
// column or there is no row.
func (b *boundTable) value(row []any, col string) any {
	i, ok := b.index[col]
	if !ok || col == "" || row == nil {
		return nil
	}
	return row[i]
}
