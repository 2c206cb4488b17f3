package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"hiroba/ical"
	"hiroba/model"
)

// ICSImportOptions says where new events go and how strictly.
type ICSImportOptions struct {
	// CommunityID is the community (an id or an exact name) that new
	// events go into; "" when every event is already known.
	CommunityID string
	// Strict refuses the whole file when any event cannot be imported,
	// instead of skipping that event.
	Strict bool
	// Move moves events whose UID lives in another community into
	// CommunityID; without it they are skipped, with a reason that says
	// so.
	Move bool
}

// ICSImport is what an import did. Skipped counts the private events
// left out (see Warnings) and the events of Skips.
type ICSImport struct {
	Created, Updated, Unchanged, Skipped int
	Warnings                             []error // keyed, each at its line
	Skips                                []ICSSkip
}

// ICSSkip is an event of the file that was not imported, and why: an
// error with a catalogue key, whose Japanese message names the line.
type ICSSkip struct {
	Line  int
	Title string
	Err   error
}

func (res *ICSImport) skip(line int, title string, err error) {
	res.Skips = append(res.Skips, ICSSkip{Line: line, Title: title, Err: err})
	res.Skipped++
}

// ImportICS reads an iCalendar file and saves its events in one
// transaction, event by event as they are read (ical.Scan), so that a
// large archive is never held whole. An event that cannot be read or
// saved is skipped, with its line and reason, and the others are saved;
// with Strict, any such event refuses the whole file instead. An event
// whose UID is already in the database is updated (in its own community,
// by an organiser of it or the event's creator; with Move, into
// opt.CommunityID); a new one goes into opt.CommunityID, of which the
// viewer must be a member. A file that is not iCalendar at all is refused
// with an EINVALID error that names the line.
func (db *DB) ImportICS(ctx context.Context, r io.Reader, opt ICSImportOptions) (*ICSImport, error) {
	in, done, err := rereadable(r)
	if err != nil {
		return nil, err
	}
	defer done()
	var res *ICSImport
	err = db.writeTx(ctx, func(tx *sql.Tx) error {
		// A busy transaction runs again whole: from the file's start,
		// counting from nothing.
		if _, err := in.Seek(0, io.SeekStart); err != nil {
			return err
		}
		res = &ICSImport{}
		// A larger page cache while the many rows go in (the file's
		// indexes take pages in no order), back to the connection's own
		// after.
		if _, err := tx.ExecContext(ctx, `PRAGMA cache_size = -16384`); err != nil {
			return err
		}
		defer tx.ExecContext(ctx, `PRAGMA cache_size = `+strconv.Itoa(-cacheKiB(false)))
		im, err := db.newImporter(ctx, tx, opt, res)
		if err != nil {
			return err
		}
		defer im.close()
		f, err := ical.Scan(in, func(e *ical.Event) error { return im.each(ctx, e) })
		if err != nil {
			return err
		}
		if opt.Strict && len(f.Problems) > 0 {
			return f.Problems[0].Err
		}
		res.Skipped += f.Skipped
		res.Warnings = append(f.Warnings, res.Warnings...)
		for _, p := range f.Problems {
			res.skip(p.Line, p.Title, p.Err)
		}
		return im.finish(ctx)
	})
	if err != nil {
		return nil, wrapOnce("iCalendar の取り込み", err)
	}
	sort.SliceStable(res.Skips, func(i, j int) bool { return res.Skips[i].Line < res.Skips[j].Line })
	return res, nil
}

// rereadable returns r as something a retried transaction can read again
// from the start: r itself when it can seek (a file), else a copy in a
// temporary file (standard input), removed by done.
func rereadable(r io.Reader) (io.ReadSeeker, func(), error) {
	if rs, ok := r.(io.ReadSeeker); ok {
		if _, err := rs.Seek(0, io.SeekCurrent); err == nil {
			return rs, func() {}, nil
		}
	}
	f, err := os.CreateTemp("", "hiroba-import-*.ics")
	if err != nil {
		return nil, nil, err
	}
	done := func() { f.Close(); os.Remove(f.Name()) }
	if _, err := io.Copy(f, io.LimitReader(r, ical.MaxBytes+1)); err != nil {
		done()
		return nil, nil, err
	}
	return f, done, nil
}

// importer is one import's state inside its transaction.
type importer struct {
	db       *DB
	tx       *sql.Tx
	me       *model.Staff
	target   *model.Community // nil: no community given
	opt      ICSImportOptions
	res      *ICSImport
	now      time.Time
	homeless int
	// batch are the events read and not yet saved: they are looked up
	// and inserted importBatch at a time, which costs a tenth of one
	// statement per event.
	batch  []*ical.Event
	insert *sql.Stmt // insertRows(importBatch), prepared once
}

// importBatch is how many events are saved together.
const importBatch = 200

// insertRows is insertEventSQL for n rows at once.
func insertRows(n int) string {
	head, values, _ := strings.Cut(insertEventSQL, "VALUES")
	values = strings.TrimSpace(values)
	return head + "VALUES " + strings.TrimSuffix(strings.Repeat(values+", ", n), ", ")
}

func (db *DB) newImporter(ctx context.Context, tx *sql.Tx, opt ICSImportOptions, res *ICSImport) (*importer, error) {
	me, err := actingStaff(ctx, tx)
	if err != nil {
		return nil, err
	}
	im := &importer{db: db, tx: tx, me: me, opt: opt, res: res, now: db.Now()}
	if opt.CommunityID != "" {
		if im.target, err = importTarget(ctx, tx, opt.CommunityID); err != nil {
			return nil, err
		}
	}
	if im.insert, err = tx.PrepareContext(ctx, insertRows(importBatch)); err != nil {
		return nil, err
	}
	return im, nil
}

func (im *importer) close() { im.insert.Close() }

// each takes one event read from the file; it is saved with the next
// importBatch (flush).
func (im *importer) each(ctx context.Context, e *ical.Event) error {
	im.batch = append(im.batch, e)
	if len(im.batch) < importBatch {
		return nil
	}
	return im.flush(ctx)
}

// flush saves the events of the batch with the event store's own rules:
// members of a community add events (as CreateEvent), its organisers and
// an event's creator change them, and rules are stored in canonical
// form. A refusal a person can act on (a model error) skips the event;
// with Strict it refuses the file. Refusals come before anything of the
// event is written, so a skipped event leaves nothing behind.
func (im *importer) flush(ctx context.Context) error {
	batch := im.batch
	im.batch = im.batch[:0]
	if len(batch) == 0 {
		return nil
	}
	uids := make([]string, len(batch))
	for i, e := range batch {
		uids[i] = e.UID
	}
	known, err := eventIDsByUID(ctx, im.tx, uids)
	if err != nil {
		return err
	}
	var rows []any
	var added []*ical.Event
	for _, e := range batch {
		seriesEnd, err := normalizeRule(&e.Event)
		if err == nil {
			if id, ok := known[e.UID]; ok {
				err = im.update(ctx, e, id, seriesEnd)
			} else if err = im.refuseNew(e); err == nil {
				e.CommunityID, e.OrganiserID = im.target.ID, im.me.ID
				rows = append(rows, eventRow(&e.Event, im.me.ID, im.now, seriesEnd)...)
				added = append(added, e)
			}
		} else {
			err = ical.AtLine(e.Line, err)
		}
		if err := im.refused(e, err); err != nil {
			return err
		}
	}
	if len(added) > 0 {
		stmt := im.insert
		if len(added) < importBatch {
			if stmt, err = im.tx.PrepareContext(ctx, insertRows(len(added))); err != nil {
				return err
			}
			defer stmt.Close()
		}
		if _, err := stmt.ExecContext(ctx, rows...); err != nil {
			return fmt.Errorf("予定の作成: %w", err)
		}
	}
	for _, e := range added {
		if err := saveChanges(ctx, im.tx, e.ID, e, false); err != nil {
			return err
		}
	}
	im.res.Created += len(added)
	return nil
}

// refused notes an event that was not saved for a reason a person can act
// on, and returns any other error (or any error with Strict).
func (im *importer) refused(e *ical.Event, err error) error {
	var me *model.Error
	switch {
	case err == nil:
		return nil
	case im.opt.Strict || !errors.As(err, &me):
		return err
	}
	if me.Key == "err.ics.community" {
		im.homeless++
	}
	im.res.skip(e.Line, e.Title, err)
	return nil
}

// eventIDsByUID returns the ids of the events with these UIDs.
func eventIDsByUID(ctx context.Context, tx *sql.Tx, uids []string) (map[string]string, error) {
	list, err := json.Marshal(uids)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT uid, id FROM events WHERE uid IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var uid, id string
		if err := rows.Scan(&uid, &id); err != nil {
			return nil, err
		}
		out[uid] = id
	}
	return out, rows.Err()
}

// finish says, when nothing could be imported for want of a community,
// which communities the viewer may import into.
func (im *importer) finish(ctx context.Context) error {
	if err := im.flush(ctx); err != nil {
		return err
	}
	if im.homeless > 0 && im.res.Created+im.res.Updated+im.res.Unchanged == 0 {
		if mine := memberList(ctx, im.tx, im.me.ID); len(mine) > 0 {
			return model.Keyed(model.EINVALID, "err.ics.nocommunity", "新しい予定が %d 件あります。取り込み先のコミュニティを指定してください。あなたが参加しているコミュニティ: %s",
				im.homeless, mine)
		}
		return model.Keyed(model.EINVALID, "err.ics.nocommunity.none", "新しい予定が %d 件あります。取り込み先のコミュニティを指定してください。あなたはまだどのコミュニティにも参加していません",
			im.homeless)
	}
	return nil
}

// refuseNew says why a new event cannot be added, or nil.
func (im *importer) refuseNew(e *ical.Event) error {
	switch {
	case e.Cancelled:
		return model.Keyed(model.ECONFLICT, "err.ics.cancelled", "%d 行目: 「%s」は中止の予定なので取り込みません", e.Line, e.Title)
	case im.target == nil:
		return model.Keyed(model.EINVALID, "err.ics.community", "%d 行目: 「%s」は新しい予定です。取り込み先のコミュニティを指定してください", e.Line, e.Title)
	}
	return nil
}

// update saves an event of the file over the stored event id.
func (im *importer) update(ctx context.Context, e *ical.Event, id string, seriesEnd *time.Time) error {
	tx, ev := im.tx, &e.Event
	old, err := eventByID(ctx, tx, id)
	if model.ErrorCode(err) == model.ENOTFOUND {
		return model.Keyed(model.EFORBIDDEN, "err.ics.hidden", "%d 行目: UID %s の予定は、あなたが見られないコミュニティにすでにあります", e.Line, ical.Excerpt(ev.UID))
	} else if err != nil {
		return err
	}
	forbidden := func() error {
		return model.Keyed(model.EFORBIDDEN, "err.ics.forbidden", "%d 行目: 「%s」はコミュニティ「%s」の予定です。変えられるのは作った人とコミュニティの世話役だけです", e.Line, old.Title, old.CommunityName)
	}
	if old.Cancelled {
		return model.Keyed(model.ECONFLICT, "err.ics.cancelledhere", "%d 行目: 「%s」は hiroba で中止になっているため、変えませんでした", e.Line, old.Title)
	}
	community := old.CommunityID
	if im.target != nil && im.target.ID != old.CommunityID {
		if !im.opt.Move {
			return model.Keyed(model.ECONFLICT, "err.ics.elsewhere", "%d 行目: 「%s」はコミュニティ「%s」にあります。「%s」に移すには --move を付けてください",
				e.Line, old.Title, old.CommunityName, im.target.Name)
		}
		community = im.target.ID
	}
	now := fmtTime(im.now)
	if e.Cancelled {
		if !old.CanEdit {
			return forbidden()
		}
		if err := cancelWhole(ctx, tx, im.now, id); err != nil {
			return err
		}
		im.res.Updated++
		return nil
	}
	if !e.HasCapacity {
		ev.Capacity = old.Capacity
	}
	if !e.HasTwentyPercent {
		ev.TwentyPercent = old.TwentyPercent
	}
	changed, err := importedChanged(ctx, tx, old, e)
	if err != nil {
		return err
	}
	if !changed && community == old.CommunityID {
		im.res.Unchanged++ // even for those who may not change it
		return nil
	}
	if !old.CanEdit {
		return forbidden()
	}
	if _, err := tx.ExecContext(ctx, `UPDATE events SET community_id = ?, title = ?, description = ?, starts_at = ?, ends_at = ?, all_day = ?,
		timezone = ?, place = ?, online_url = ?, capacity = ?, twenty_percent = ?, rrule = ?, series_ends_at = ?, updated_at = ?
		WHERE id = ?`, community, ev.Title, ev.Description, fmtTime(ev.Start), fmtTime(ev.End), ev.AllDay, ev.TimeZone, ev.Place,
		ev.OnlineURL, ev.Capacity, ev.TwentyPercent, ev.RRule, nullTimeArg(seriesEnd), now, id); err != nil {
		return fmt.Errorf("予定 %s の更新: %w", id, err)
	}
	if err := saveChanges(ctx, tx, id, e, true); err != nil {
		return err
	}
	// The plans for its occurrences follow them, as after an edit on the
	// screen (rekeyPlans): moved with the series, moved or cancelled one
	// by one as the file says, or withdrawn when no longer an occurrence.
	updated := *ev
	updated.ID = id
	if err := rekeyPlans(ctx, tx, im.now, id, &updated, time.Time{}, ev.Start.Sub(old.Start)); err != nil {
		return err
	}
	im.res.Updated++
	return nil
}

// importTarget finds the community new events go into, by id or exact
// name, and checks that the viewer may add events to it.
func importTarget(ctx context.Context, tx *sql.Tx, idOrName string) (*model.Community, error) {
	rows, err := tx.QueryContext(ctx, `SELECT c.id FROM communities c WHERE (c.id = @q OR c.name = @q) AND `+visibleCommunity,
		sql.Named("q", idOrName), sql.Named("viewer", model.ViewerFrom(ctx)))
	if err != nil {
		return nil, err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	switch len(ids) {
	case 0:
		return nil, model.Keyed(model.ENOTFOUND, "err.community.name_not_found", "コミュニティ「%s」が見つかりません", model.CleanLine(idOrName))
	case 1:
		return memberOf(ctx, tx, ids[0])
	}
	return nil, model.Keyed(model.EINVALID, "err.community.name_ambiguous", "「%s」という名前のコミュニティが %d つあります。ID で指定してください", model.CleanLine(idOrName), len(ids))
}

// memberList names the communities the staff member belongs to, for a
// message that asks which one to use.
func memberList(ctx context.Context, tx *sql.Tx, staffID string) model.List {
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.name FROM memberships m JOIN communities c ON c.id = m.community_id
		WHERE m.staff_id = ? ORDER BY m.role = 'organiser' DESC, c.name, c.id LIMIT 10`, staffID)
	if err != nil {
		return nil
	}
	defer rows.Close()
	var list model.List
	for rows.Next() {
		var id, name string
		if rows.Scan(&id, &name) == nil {
			list = append(list, fmt.Sprintf("%s (%s)", model.CleanLine(name), id))
		}
	}
	return list
}

// saveChanges writes the event's cancelled, moved and changed
// occurrences as the file has them, which is the source of the series:
// with replace, instead of those stored.
func saveChanges(ctx context.Context, tx *sql.Tx, id string, e *ical.Event, replace bool) error {
	if replace {
		if _, err := tx.ExecContext(ctx, `DELETE FROM event_exceptions WHERE event_id = ?`, id); err != nil {
			return err
		}
	}
	for _, x := range e.Changes {
		var start, end any
		if x.Moved() {
			start, end = fmtTime(x.Start), fmtTime(x.End)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO event_exceptions (event_id, occurrence_start, cancelled, new_start, new_end, title, place, description)
			VALUES (?, ?, ?, ?, ?, nullif(?, ''), nullif(?, ''), nullif(?, ''))`,
			id, fmtTime(x.Original), x.Cancelled, start, end, x.Title, x.Place, x.Description); err != nil {
			return fmt.Errorf("%d 行目の予定の例外: %w", e.Line, err)
		}
	}
	return nil
}

// importedChanged reports whether the file says anything about the stored
// event old that the database does not already hold. series_ends_at is
// left out: it follows from the start and the rule, and other writers
// store UNTIL there rather than the last start.
func importedChanged(ctx context.Context, tx *sql.Tx, old *model.Event, e *ical.Event) (bool, error) {
	ev := &e.Event
	if ev.Title != old.Title || ev.Description != old.Description || !ev.Start.Equal(old.Start) || !ev.End.Equal(old.End) ||
		ev.AllDay != old.AllDay || ev.TimeZone != old.TimeZone || ev.Place != old.Place || ev.OnlineURL != old.OnlineURL ||
		ev.Capacity != old.Capacity || ev.TwentyPercent != old.TwentyPercent || ev.RRule != old.RRule {
		return true, nil
	}
	var want []string
	for _, x := range e.Changes {
		want = append(want, exceptionKey(x))
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+exceptionColumns+` FROM event_exceptions WHERE event_id = ?`, old.ID)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	var have []string
	for rows.Next() {
		_, x, err := scanException(rows)
		if err != nil {
			return false, err
		}
		c := ical.Change{Original: x.original, Cancelled: x.cancelled, Start: x.start, End: x.end}
		if x.text != nil {
			c.Title, c.Place, c.Description = x.text.Title, x.text.Place, x.text.Description
		}
		have = append(have, exceptionKey(c))
	}
	if err := rows.Err(); err != nil {
		return false, err
	}
	sort.Strings(want)
	sort.Strings(have)
	return strings.Join(want, "\n") != strings.Join(have, "\n"), nil
}

// exceptionKey is a change as text, for comparing.
func exceptionKey(x ical.Change) string {
	if x.Cancelled {
		return fmtTime(x.Original) + " cancelled"
	}
	key := fmtTime(x.Original)
	if x.Moved() {
		key += " " + fmtTime(x.Start) + " " + fmtTime(x.End)
	}
	return key + "\x00" + x.Title + "\x00" + x.Place + "\x00" + x.Description
}
