package data

import (
	"sort"
	"strings"

	"hiroba/model"
)

// mergeRow merges one row the copy changed.
//
// The copy's changes are always taken against the base the snapshot
// recorded, never against what an earlier merge of the same snapshot id
// took in: one drill file may have been copied to several laptops, whose
// copies share the id and not their changes, and what the first of them
// merged is then, for the next, a change of the shared side like any
// other (a conflict, never overwritten). The ledger only says what of
// this snapshot is already merged, so that merging a copy again changes
// nothing. (A laptop that goes on after its copy was merged is the same
// case: its later edit of a row it had merged is kept as a conflict.)
func (m *merger) mergeRow(b *boundTable, ch rowChange) error {
	led, err := m.ledger(b.name, ch.key)
	if err != nil {
		return err
	}
	hc, eb := b.rowHash(ch.copy), b.rowHash(ch.base)
	// "*" holds the version of the row this snapshot merged last;
	// "*<hash>" each version merged before another copy's replaced it.
	e, merged := led["*"]
	_, earlier := led["*"+hc]
	switch {
	case merged && e.hash == hc, earlier:
		m.report.AlreadyMerged++
		return nil
	case eb == hc:
		return nil // changed and changed back
	}
	s, err := m.current(b, ch.keyVals)
	if err != nil {
		return err
	}
	if merged {
		if b.rowHash(s) == hc {
			// The row is already as this copy has it.
			m.report.AlreadyMerged++
			return nil
		}
		if err := m.record(m.snap, b.name, ch.key, "*"+e.hash, e.hash, e.stamp, e.outcome); err != nil {
			return err
		}
	}
	c := m.count(b.name)
	switch {
	case b.reportOnly:
		row := ch.copy
		if row == nil {
			row = ch.base
		}
		c.Reported++
		m.item(b, ch.key, model.MergeReported, "merge.reason.not_applied", row, "")
		return m.record(m.snap, b.name, ch.key, "*", hc, "", "reported")
	case b.appendOnly:
		return m.appendRow(b, ch, hc)
	case ch.copy == nil:
		return m.deleted(b, ch, s, eb)
	case s == nil:
		return m.added(b, ch, hc, eb == absent)
	}
	if err := m.keepEarliest(b, ch.keyVals, s, ch.copy); err != nil {
		return err
	}
	if b.rowHash(s) == hc {
		c.Same++
		if err := m.bumpStamp(b, ch.keyVals, b.stampOf(s), b.stampOf(ch.copy)); err != nil {
			return err
		}
		return m.recordRow(b, ch, hc, "same")
	}
	return m.mergeGroups(b, ch, s, led, hc)
}

// keepEarliest keeps the earlier of the two values of each ignored column
// (when a follow or a membership began), whichever side has it.
func (m *merger) keepEarliest(b *boundTable, keyVals, s, copy []any) error {
	for _, col := range b.ignored {
		cv, _ := b.value(copy, col).(string)
		sv, _ := b.value(s, col).(string)
		if cv == "" || cv >= sv {
			continue
		}
		if _, err := m.exec(`UPDATE main.`+ident(b.name)+` SET `+ident(col)+` = ? WHERE `+keyWhere(b.key, ""), append([]any{cv}, keyVals...)...); err != nil {
			return err
		}
	}
	return nil
}

// recordRow records the row and each of its groups as the copy has them.
func (m *merger) recordRow(b *boundTable, ch rowChange, hc, outcome string) error {
	stamp := b.stampOf(ch.copy)
	for _, g := range b.groupList {
		if err := m.record(m.snap, b.name, ch.key, g, b.groupHash(ch.copy, g), stamp, outcome); err != nil {
			return err
		}
	}
	return m.record(m.snap, b.name, ch.key, "*", hc, stamp, outcome)
}

// deleted merges a row the copy deleted: the shared row goes unless it
// changed meanwhile, or another copy wrote it (even as it was: a copy of
// one municipality adds what its base lacked), when it is kept and
// reported.
func (m *merger) deleted(b *boundTable, ch rowChange, s []any, eb string) error {
	c := m.count(b.name)
	if s == nil {
		c.Same++
		return m.record(m.snap, b.name, ch.key, "*", absent, "", "same")
	}
	written, err := m.exists(`SELECT 1 FROM merge_ledger WHERE tbl = ? AND row_key = ? AND grp = '*' AND snapshot_id <> ?
		AND hash <> '-' AND outcome IN ('applied', 'same')`, b.name, ch.key, m.snap)
	if err != nil {
		return err
	}
	switch {
	case b.rowHash(s) != eb || written:
		c.Conflicts++
		m.item(b, ch.key, model.MergeConflict, "merge.reason.kept", s, "")
		return m.record(m.snap, b.name, ch.key, "*", absent, "", "conflict")
	}
	if _, err := m.exec(`DELETE FROM main.`+ident(b.name)+` WHERE `+keyWhere(b.key, ""), ch.keyVals...); err != nil {
		return err
	}
	c.Deleted++
	m.touch(b, s)
	return m.record(m.snap, b.name, ch.key, "*", absent, "", "applied")
}

// added merges a row the shared database does not have: new on the laptop
// (isNew), or deleted on the shared side and changed on the laptop, when it
// comes back. A row that cannot be applied is set aside.
func (m *merger) added(b *boundTable, ch rowChange, hc string, isNew bool) error {
	c := m.count(b.name)
	reason, err := m.applicable(b, ch.copy)
	if err != nil {
		return err
	}
	if reason == "" {
		stamp := ""
		if !isNew && b.stamp != "" {
			// As if the change had been applied in place.
			stamp = max(b.stampOf(ch.copy), b.stampOf(ch.base))
		}
		if err := m.insert(b, ch.copy, stamp); isConstraint(err) {
			reason = "merge.reason.refused"
		} else if err != nil {
			return err
		}
	}
	if reason != "" {
		id, err := m.keep(m.snap, b, ch.key, "*", model.KeptSetAside, reason, ch.copy)
		if err != nil {
			return err
		}
		c.SetAside++
		m.item(b, ch.key, model.MergeSetAside, reason, ch.copy, id)
		return m.record(m.snap, b.name, ch.key, "*", hc, b.stampOf(ch.copy), "set_aside")
	}
	m.touch(b, ch.copy)
	if isNew {
		c.Added++
		m.clock(b, ch.copy)
	} else {
		c.Conflicts++
		m.item(b, ch.key, model.MergeConflict, "merge.reason.restored", ch.copy, "")
	}
	return m.recordRow(b, ch, hc, "applied")
}

// clock counts a new row stamped before the copy was taken or after the
// merge: the laptop's clock was wrong.
func (m *merger) clock(b *boundTable, row []any) {
	at, _ := b.value(row, "created_at").(string)
	switch {
	case at == "":
	case at < m.taken:
		m.report.ClockBehind++
	case at > m.now:
		m.report.ClockAhead++
	}
}

// mergeGroups merges a row both sides have, group by group: a group only
// the copy changed is applied, one changed on both sides goes by the
// group's rule.
func (m *merger) mergeGroups(b *boundTable, ch rowChange, s []any, led map[string]ledgerEntry, hc string) error {
	c := m.count(b.name)
	applied, conflict, setAside := false, false, false
	stamp := b.stampOf(ch.copy)
	for _, g := range b.groupList {
		hcg, ebg := b.groupHash(ch.copy, g), b.groupHash(ch.base, g)
		if e, ok := led[g]; ok && e.hash == hcg {
			continue // merged before, as the copy has it
		}
		if hcg == ebg {
			continue
		}
		hsg := b.groupHash(s, g)
		outcome := "same"
		switch {
		case hsg == hcg:
			if b.laterWins() {
				if err := m.bumpStamp(b, ch.keyVals, b.stampOf(s), stamp); err != nil {
					return err
				}
			}
		case hsg == ebg:
			ok, err := m.apply(b, ch, g, hcg)
			if err != nil {
				return err
			}
			outcome = "applied"
			if !ok {
				outcome, setAside = "set_aside", true
			}
		default:
			var err error
			if outcome, err = m.conflict(b, ch, s, g, hcg, hsg); err != nil {
				return err
			}
			// Two read marks are no conflict: the later is kept.
			conflict = conflict || b.rule(g) != ruleMax
			setAside = setAside || outcome == "set_aside"
		}
		applied = applied || outcome == "applied"
		if err := m.record(m.snap, b.name, ch.key, g, hcg, stamp, outcome); err != nil {
			return err
		}
	}
	if !b.laterWins() {
		if err := m.bumpStamp(b, ch.keyVals, b.stampOf(s), stamp); err != nil {
			return err
		}
	}
	outcome := "same"
	switch {
	case conflict:
		c.Conflicts++
		outcome = "conflict"
	case setAside:
		c.SetAside++
		outcome = "set_aside"
	case applied:
		c.Updated++
		outcome = "applied"
	default:
		c.Same++
	}
	if applied {
		m.touch(b, ch.copy)
	}
	return m.record(m.snap, b.name, ch.key, "*", hc, stamp, outcome)
}

// apply writes group g of the copy's row; a value the shared database
// refuses (a successor it does not know) or an answer it does not have (a
// reply set aside) is set aside instead.
func (m *merger) apply(b *boundTable, ch rowChange, g, hcg string) (bool, error) {
	reason := ""
	if answer, _ := b.value(ch.copy, "resolved_reply_id").(string); b.name == "threads" && g == "resolution" && answer != "" {
		ok, err := m.exists(`SELECT 1 FROM main.replies WHERE id = ?`, answer)
		if err != nil {
			return false, err
		}
		if !ok {
			reason = "merge.reason.missing_parent"
		}
	}
	if reason == "" {
		err := m.update(b, ch.keyVals, ch.copy, g)
		if !isConstraint(err) {
			return err == nil, err
		}
		reason = "merge.reason.refused"
	}
	id, err := m.keep(m.snap, b, ch.key, g, model.KeptSetAside, reason, ch.copy)
	if err != nil {
		return false, err
	}
	m.item(b, ch.key, model.MergeSetAside, reason, ch.copy, id)
	return false, nil
}

// rankAbove reports whether version a stays in place over version b when
// two copies changed the same text: an edit over a deletion, then the
// later stamp, then the larger hash, so that the order of merges does not
// matter.
func rankAbove(aEdit bool, aStamp, aHash string, bEdit bool, bStamp, bHash string) bool {
	if aEdit != bEdit {
		return aEdit
	}
	if aStamp != bStamp {
		return aStamp > bStamp
	}
	return aHash > bHash
}

// conflict resolves group g changed on both sides and returns the
// copy's outcome.
func (m *merger) conflict(b *boundTable, ch rowChange, s []any, g, hcg, hsg string) (string, error) {
	rule := b.rule(g)
	stamp := b.stampOf(ch.copy)
	switch rule {
	case ruleMax:
		for _, i := range b.groupCols[g] {
			cv, _ := ch.copy[i].(string)
			sv, _ := s[i].(string)
			if cv > sv {
				return m.applied(m.apply(b, ch, g, hcg))
			}
		}
		return "same", nil
	case ruleLaterWins:
		m.item(b, ch.key, model.MergeConflict, "merge.reason.later_wins", ch.copy, "")
		if rankAbove(true, stamp, hcg, true, b.stampOf(s), hsg) {
			return m.applied(m.apply(b, ch, g, hcg))
		}
		return "conflict", nil
	}
	cDel, sDel := b.deletedIn(ch.copy, g), b.deletedIn(s, g)
	owner, ownerStamp, err := m.owner(b.name, ch.key, g, hsg)
	if err != nil {
		return "", err
	}
	if cDel && sDel {
		// Deleted on both sides: one deletion stays, the same whichever
		// copy came first.
		if owner != "" && rankAbove(false, stamp, hcg, false, ownerStamp, hsg) {
			return m.applied(m.apply(b, ch, g, hcg))
		}
		return "same", nil
	}
	if owner != "" {
		// Another copy's merge put the shared value there: the two copies'
		// versions are ranked, and the other copy's steps aside as it
		// would have had it come second.
		if rankAbove(!cDel, stamp, hcg, !sDel, ownerStamp, hsg) {
			ok, err := m.apply(b, ch, g, hcg)
			if err != nil || !ok {
				return "set_aside", err
			}
			if err := m.stepAside(owner, b, ch.key, g, s, sDel, ""); err != nil {
				return "", err
			}
			return "applied", m.record(owner, b.name, ch.key, g, hsg, ownerStamp, "lost")
		}
		return "conflict", m.stepAside(m.snap, b, ch.key, g, ch.copy, cDel, "")
	}
	if cDel { // deleted on the laptop, changed on the shared side: kept
		m.item(b, ch.key, model.MergeConflict, "merge.reason.kept", s, "")
		return "conflict", nil
	}
	// A post deleted on the shared side stays deleted: what was replied to
	// it meanwhile is set aside however the copies are merged. The
	// laptop's text stays in an edit note.
	reason := ""
	if sDel {
		reason = "merge.reason.deleted_shared"
	}
	return "conflict", m.stepAside(m.snap, b, ch.key, g, ch.copy, false, reason)
}

func (m *merger) applied(ok bool, err error) (string, error) {
	if err != nil || !ok {
		return "set_aside", err
	}
	return "applied", nil
}

// stepAside keeps the version of group g in row, from copy snap, that
// does not stay in place: an edit note for a post, nothing for a handover
// section (the copy's revision holds it), a set-aside row otherwise; a
// deletion needs nothing kept. why, when not "", is the reason of an
// edit note.
func (m *merger) stepAside(snap string, b *boundTable, key, g string, row []any, deleted bool, why string) error {
	var id, reason string
	var err error
	switch {
	case deleted:
		reason = "merge.reason.kept"
	case b.rule(g) == ruleEditNote:
		reason = "merge.reason.edited_both"
		if why != "" {
			reason = why
		}
		id, err = m.keep(snap, b, key, g, model.KeptEditNote, reason, row)
	case b.rule(g) == ruleRevision:
		reason = "merge.reason.in_revision"
	default:
		reason = "merge.reason.conflict"
		id, err = m.keep(snap, b, key, g, model.KeptSetAside, reason, row)
	}
	m.item(b, key, model.MergeConflict, reason, row, id)
	return err
}

// appendRow adds a revision the copy wrote to the note's history, with
// the note's next number: both sides number their revisions from the
// same base. One already there (same note, author, time and text) is not
// added twice. History is never rewritten: a revision the copy changed or
// removed is left as the shared side has it.
func (m *merger) appendRow(b *boundTable, ch rowChange, hc string) error {
	c := m.count(b.name)
	if ch.base != nil || ch.copy == nil {
		c.Same++
		return m.record(m.snap, b.name, ch.key, "*", hc, "", "same")
	}
	reason, err := m.applicable(b, ch.copy)
	if err != nil {
		return err
	}
	if reason != "" {
		return m.added(b, ch, hc, true)
	}
	seq := b.key[len(b.key)-1]
	var conds []string
	var args []any
	for i, col := range b.cols {
		if col != seq {
			conds = append(conds, ident(col)+" IS ?")
			args = append(args, ch.copy[i])
		}
	}
	same, err := m.exists(`SELECT 1 FROM main.`+ident(b.name)+` WHERE `+strings.Join(conds, " AND "), args...)
	if err != nil {
		return err
	}
	if same {
		c.Same++
		return m.record(m.snap, b.name, ch.key, "*", hc, "", "same")
	}
	parents := b.key[:len(b.key)-1]
	pargs := make([]any, len(parents))
	for i, p := range parents {
		pargs[i] = b.value(ch.copy, p)
	}
	row, err := m.queryRow(`SELECT coalesce(max(`+ident(seq)+`), 0) + 1 FROM main.`+ident(b.name)+` WHERE `+keyWhere(parents, ""), pargs...)
	if err != nil {
		return err
	}
	var next int64
	if err := row.Scan(&next); err != nil {
		return err
	}
	vals := append([]any{}, ch.copy...)
	vals[b.index[seq]] = next
	if err := m.insert(b, vals, ""); err != nil {
		return err
	}
	c.Added++
	m.touch(b, vals)
	return m.record(m.snap, b.name, ch.key, "*", hc, "", "applied")
}

// touch notes the rows whose derived values depend on row of table b.
func (m *merger) touch(b *boundTable, row []any) {
	str := func(col string) string { s, _ := b.value(row, col).(string); return s }
	switch b.name {
	case "threads":
		m.threads[str("id")] = true
		m.communities[str("community_id")] = true
	case "replies":
		m.threads[str("thread_id")] = true
		m.replies[str("id")] = true
	case "helpful_marks":
		m.threads[str("post_id")] = true
		m.replies[str("post_id")] = true
	case "memberships":
		m.communities[str("community_id")] = true
	case "handover_sections", "handover_revisions":
		m.handovers[str("handover_id")] = true
	case "rsvps":
		m.occurrences[[2]string{str("event_id"), str("occurrence_start")}] = true
	case "events":
		m.events[str("id")] = true
	case "event_exceptions":
		m.exceptions[[2]string{str("event_id"), str("occurrence_start")}] = true
	case "staff_profiles", "staff_history", "staff_topics":
		m.people[str("staff_id")] = true
	}
}

// sortedOccurrences returns a set of (event id, occurrence start) pairs
// in order.
func sortedOccurrences(set map[[2]string]bool) [][2]string {
	out := make([][2]string, 0, len(set))
	for o := range set {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0]+out[i][1] < out[j][0]+out[j][1] })
	return out
}

func sortedKeys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		if k != "" {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
