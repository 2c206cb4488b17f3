package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
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
	Warnings                             []string
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
// transaction. An event that cannot be read or saved is skipped, with its
// line and reason, and the others are saved; with Strict, any such event
// refuses the whole file instead. An event whose UID is already in the
// database is updated (in its own community, by an organiser of it or the
// event's creator; with Move, into opt.CommunityID); a new one goes into
// opt.CommunityID, of which the viewer must be a member. A file that is
// not iCalendar at all is refused with an EINVALID error that names the
// line (ical.Read).
func (db *DB) ImportICS(ctx context.Context, r io.Reader, opt ICSImportOptions) (*ICSImport, error) {
	f, err := ical.Read(r)
	if err != nil {
		return nil, err
	}
	if opt.Strict && len(f.Problems) > 0 {
		return nil, f.Problems[0].Err
	}
	var res *ICSImport
	err = db.writeTx(ctx, func(tx *sql.Tx) error {
		// A busy transaction runs again whole: count from nothing each time.
		res = &ICSImport{Skipped: f.Skipped, Warnings: slices.Clone(f.Warnings)}
		for _, p := range f.Problems {
			res.skip(p.Line, p.Title, p.Err)
		}
		return db.saveImported(ctx, tx, f.Events, opt, res)
	})
	if err != nil {
		return nil, wrapOnce("iCalendar の取り込み", err)
	}
	sort.SliceStable(res.Skips, func(i, j int) bool { return res.Skips[i].Line < res.Skips[j].Line })
	return res, nil
}

// importer is one import's state inside its transaction.
type importer struct {
	db     *DB
	tx     *sql.Tx
	me     *model.Staff
	target *model.Community // nil: no community given
	opt    ICSImportOptions
	res    *ICSImport
	now    time.Time
}

// saveImported writes the events read from a file, in the caller's
// transaction, with the event store's own rules: members of a community
// add events (insertEvent, as CreateEvent), its organisers and an event's
// creator change them, and rules are stored in canonical form. Without
// Strict each event is saved under a savepoint, so that one refused is
// undone alone.
func (db *DB) saveImported(ctx context.Context, tx *sql.Tx, events []*ical.Event, opt ICSImportOptions, res *ICSImport) error {
	me, err := actingStaff(ctx, tx)
	if err != nil {
		return err
	}
	im := &importer{db: db, tx: tx, me: me, opt: opt, res: res, now: db.Now()}
	if opt.CommunityID != "" {
		if im.target, err = importTarget(ctx, tx, opt.CommunityID); err != nil {
			return err
		}
	}
	homeless := 0
	for _, e := range events {
		if !opt.Strict {
			if _, err := tx.ExecContext(ctx, `SAVEPOINT import_event`); err != nil {
				return err
			}
		}
		err := im.save(ctx, e)
		var me *model.Error
		switch {
		case err == nil:
		case opt.Strict || !errors.As(err, &me):
			return err
		default:
			if _, rerr := tx.ExecContext(ctx, `ROLLBACK TO import_event`); rerr != nil {
				return rerr
			}
			if me.Key == "err.ics.community" {
				homeless++
			}
			res.skip(e.Line, e.Title, err)
		}
		if !opt.Strict {
			if _, err := tx.ExecContext(ctx, `RELEASE import_event`); err != nil {
				return err
			}
		}
	}
	if homeless > 0 && res.Created+res.Updated+res.Unchanged == 0 {
		// Nothing could be imported for want of a community: say which.
		return model.Keyed(model.EINVALID, "err.ics.nocommunity", "新しい予定が %d 件あります。取り込み先のコミュニティを指定してください%s",
			homeless, memberList(ctx, tx, me.ID))
	}
	return nil
}

// save imports one event.
func (im *importer) save(ctx context.Context, e *ical.Event) error {
	tx, ev := im.tx, &e.Event
	seriesEnd, err := normalizeRule(ev)
	if err != nil {
		return lineError(e.Line, err)
	}
	var id string
	err = tx.QueryRowContext(ctx, `SELECT id FROM events WHERE uid = ?`, ev.UID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		switch {
		case e.Cancelled:
			return model.Keyed(model.ECONFLICT, "err.ics.cancelled", "%d 行目: 「%s」は中止の予定なので取り込みません", e.Line, ev.Title)
		case im.target == nil:
			return model.Keyed(model.EINVALID, "err.ics.community", "%d 行目: 「%s」は新しい予定です。取り込み先のコミュニティを指定してください", e.Line, ev.Title)
		}
		ev.CommunityID, ev.OrganiserID = im.target.ID, im.me.ID
		if err := insertNewEvent(ctx, tx, ev, im.me.ID, im.now, seriesEnd); err != nil {
			return lineError(e.Line, err)
		}
		if err := saveChanges(ctx, tx, ev.ID, e, false); err != nil {
			return err
		}
		im.res.Created++
		return nil
	} else if err != nil {
		return fmt.Errorf("UID %s: %w", ev.UID, err)
	}

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
		if _, err := tx.ExecContext(ctx, `UPDATE events SET cancelled_at = ?, updated_at = ? WHERE id = ?`, now, now, id); err != nil {
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
	im.res.Updated++
	return nil
}

// lineError puts the line of the file in front of a model error's
// Japanese message; its key and arguments stay for other languages.
func lineError(line int, err error) error {
	var me *model.Error
	if !errors.As(err, &me) {
		return err
	}
	out := *me
	out.Message = fmt.Sprintf("%d 行目: %s", line, me.Message)
	return &out
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
		return nil, model.Errorf(model.ENOTFOUND, "コミュニティ「%s」が見つかりません", model.CleanLine(idOrName))
	case 1:
		return memberOf(ctx, tx, ids[0])
	}
	return nil, model.Errorf(model.EINVALID, "「%s」という名前のコミュニティが %d つあります。ID で指定してください", model.CleanLine(idOrName), len(ids))
}

// memberList names the communities the staff member belongs to, for a
// message that asks which one to use.
func memberList(ctx context.Context, tx *sql.Tx, staffID string) string {
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.name FROM memberships m JOIN communities c ON c.id = m.community_id
		WHERE m.staff_id = ? ORDER BY m.role = 'organiser' DESC, c.name, c.id LIMIT 10`, staffID)
	if err != nil {
		return ""
	}
	defer rows.Close()
	var list []string
	for rows.Next() {
		var id, name string
		if rows.Scan(&id, &name) == nil {
			list = append(list, fmt.Sprintf("%s (%s)", model.CleanLine(name), id))
		}
	}
	if len(list) == 0 {
		return "。あなたはまだどのコミュニティにも参加していません"
	}
	return "。あなたが参加しているコミュニティ: " + strings.Join(list, "、")
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
