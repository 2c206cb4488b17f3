package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"hiroba/model"
)

var _ model.ThreadService = (*DB)(nil)

// The author of an anonymous post is known only to the author: these
// expressions decide it in SQL, so that no read path can hand the id or
// the name out; to anyone else both are empty, and p.anonymous and
// mineColumn say why. They take @viewer; p is the post (thread or
// reply), a its author.
const (
	authorIDColumn   = `CASE WHEN p.anonymous = 0 OR p.author_id = @viewer THEN p.author_id ELSE '' END`
	authorNameColumn = `CASE WHEN p.anonymous = 0 OR p.author_id = @viewer THEN a.name ELSE '' END`
	mineColumn       = `p.author_id = @viewer`
)

// unreadAt is the unread rule, the one place it is written: whether
// activity at the time at (SQL) in a thread is new to @viewer, given
// when the viewer followed the thread and joined its community (SQL,
// NULL when not; followedAt and joinedAt write them for a thread). It is
// new to a follower after the viewer last read the thread, or, never
// read, after following it; to a member who does not follow it, after
// the viewer last read it and joined the community (what happened before
// one joined is not news); to anyone else, never. The read mark comes
// first, so that a thread read since is settled with one lookup.
func unreadAt(at, thread, followed, joined string) string {
	return `(` + at + ` > coalesce((SELECT rm.read_at FROM read_marks rm WHERE rm.staff_id = @viewer AND rm.target_id = ` + thread + `),
		` + followed + `, ` + joined + `, '9999') AND (` + at + ` > ` + joined + ` OR ` + followed + ` IS NOT NULL))`
}

// followedAt is when @viewer followed the thread (SQL), NULL if not.
func followedAt(thread string) string {
	return `(SELECT uf.created_at FROM follows uf WHERE uf.staff_id = @viewer AND uf.thread_id = ` + thread + `)`
}

// joinedAt is when @viewer joined the community (SQL), NULL if not.
func joinedAt(community string) string {
	return `(SELECT um.joined_at FROM memberships um WHERE um.community_id = ` + community + ` AND um.staff_id = @viewer)`
}

// unreadColumn decides whether thread p has activity the viewer has not
// read.
var unreadColumn = unreadAt("p.last_activity_at", "p.id", followedAt("p.id"), joinedAt("p.community_id"))

// threadColumns are read by scanThread; body is the expression for the
// body column.
func threadColumns(body string) string {
	return `p.id, p.community_id, c.name, p.kind, p.title, ` + body + `, p.tags,
	` + authorIDColumn + `, ` + authorNameColumn + `, p.anonymous, ` + mineColumn + `,
	coalesce(p.resolved_reply_id, ''), p.reply_count, p.helpful_count, p.created_at, p.last_activity_at,
	` + unreadColumn + `,
	p.deleted_at IS NOT NULL, p.updated_at > p.created_at, p.pinned,
	EXISTS (SELECT 1 FROM follows vf WHERE vf.staff_id = @viewer AND vf.thread_id = p.id),
	EXISTS (SELECT 1 FROM helpful_marks vh WHERE vh.staff_id = @viewer AND vh.post_id = p.id),
	p.kind = 'call' AND EXISTS (SELECT 1 FROM call_applications va WHERE va.staff_id = @viewer AND va.thread_id = p.id),
	p.kind = 'idea' AND EXISTS (SELECT 1 FROM idea_team vt WHERE vt.staff_id = @viewer AND vt.thread_id = p.id),
	EXISTS (SELECT 1 FROM memberships vo WHERE vo.community_id = p.community_id AND vo.staff_id = @viewer AND vo.role = 'organiser'),
	CASE WHEN p.kind = 'idea' THEN (SELECT count(*) FROM idea_team ct WHERE ct.thread_id = p.id) ELSE 0 END,
	coalesce(p.support_type, ''), coalesce(p.slots, 0), p.deadline, coalesce(p.place, ''),
	CASE WHEN p.kind = 'call' THEN (SELECT count(*) FROM call_applications ca WHERE ca.thread_id = p.id) ELSE 0 END`
}

// threadFrom joins a thread p to its community c and author a.
const threadFrom = ` FROM threads p
	JOIN communities c ON c.id = p.community_id
	JOIN staff a ON a.id = p.author_id `

func scanThread(row rowScanner) (*model.Thread, error) {
	var t model.Thread
	var tags, created, active string
	var deadline sql.NullString
	if err := row.Scan(&t.ID, &t.CommunityID, &t.CommunityName, &t.Kind, &t.Title, &t.Body, &tags,
		&t.AuthorID, &t.AuthorName, &t.Anonymous, &t.Mine,
		&t.ResolvedReplyID, &t.ReplyCount, &t.HelpfulCount, &created, &active,
		&t.Unread, &t.Deleted, &t.Edited, &t.Pinned,
		&t.Following, &t.MarkedHelpful, &t.Applied, &t.OnTeam, &t.CanModerate, &t.TeamSize,
		&t.SupportType, &t.Slots, &deadline, &t.Place, &t.Applicants); err != nil {
		return nil, err
	}
	t.Tags = strings.Fields(tags)
	if t.Tags == nil {
		t.Tags = []string{}
	}
	t.CreatedAt, t.LastActivityAt = parseTime(created), parseTime(active)
	t.Deadline = nullDateOrTime(deadline)
	if t.Deleted {
		t.Body = ""
	}
	return &t, nil
}

// viewerArgs are the named arguments every thread and reply query takes.
func viewerArgs(ctx context.Context) []any {
	return []any{sql.Named("viewer", model.ViewerFrom(ctx))}
}

// FindThreads returns one page, latest activity first, of the threads in
// communities the viewer can see, and the number of all matches. Threads
// hidden by a moderator are left out; deleted ones stay, marked Deleted.
// The list leaves Body empty: ThreadByID has it.
func (db *DB) FindThreads(ctx context.Context, f model.ThreadFilter) ([]model.Thread, int, error) {
	var out []model.Thread
	var total int
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		out, total, err = findThreads(ctx, tx, f)
		return err
	})
	if err != nil {
		return nil, 0, wrapOnce("相談の一覧", err)
	}
	return out, total, nil
}

func findThreads(ctx context.Context, tx *sql.Tx, f model.ThreadFilter) ([]model.Thread, int, error) {
	w := where{args: viewerArgs(ctx)}
	w.add(`p.hidden = 0`)
	w.add(visibleCommunity)
	if f.Kind != "" {
		w.add(`p.kind = @kind`, sql.Named("kind", string(f.Kind)))
	}
	if f.CommunityID != "" {
		w.add(`p.community_id = @community`, sql.Named("community", f.CommunityID))
	}
	switch f.Status {
	case "open":
		w.add(`p.resolved_reply_id IS NULL`)
	case "resolved":
		w.add(`p.resolved_reply_id IS NOT NULL`)
	}
	for i, word := range strings.Fields(f.Query) {
		name := fmt.Sprintf("word%d", i)
		w.add(`(p.title LIKE @`+name+` ESCAPE '\' OR p.tags LIKE @`+name+` ESCAPE '\')`, sql.Named(name, likePattern(word)))
	}
	if f.Mine {
		w.add(`p.author_id = @viewer`)
	}
	if f.Followed {
		w.add(`p.id IN (SELECT thread_id FROM follows WHERE staff_id = @viewer)`)
	}
	if f.Unread {
		w.add(unreadColumn)
	}

	rows, err := tx.QueryContext(ctx, `SELECT `+threadColumns(`''`)+threadFrom+w.String()+`
		ORDER BY p.last_activity_at DESC, p.id DESC`+limitOffset(f.Offset, f.Limit), w.args...)
	if err != nil {
		return nil, 0, err
	}
	out, err := collect(rows, scanThread)
	if err != nil {
		return nil, 0, err
	}
	total, err := countMatches(ctx, tx, f.Offset, f.Limit, len(out),
		`SELECT count(*) FROM threads p JOIN communities c ON c.id = p.community_id `+w.String(), w.args)
	return out, total, err
}

// ThreadByID returns the thread with its body (empty when deleted), or
// ENOTFOUND when it does not exist, is hidden, or is in a community the
// viewer cannot see.
func (db *DB) ThreadByID(ctx context.Context, id string) (*model.Thread, error) {
	var t *model.Thread
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		t, err = threadByID(ctx, tx, id)
		return err
	})
	return t, err
}

func threadByID(ctx context.Context, tx *sql.Tx, id string) (*model.Thread, error) {
	args := append(viewerArgs(ctx), sql.Named("id", id))
	t, err := scanThread(tx.QueryRowContext(ctx, `SELECT `+threadColumns(`p.body`)+threadFrom+`
		WHERE p.id = @id AND p.hidden = 0 AND `+visibleCommunity, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, model.Keyed(model.ENOTFOUND, "err.thread.not_found", "相談が見つかりません。削除されたか、参加者だけに公開されたコミュニティのものです")
	} else if err != nil {
		return nil, fmt.Errorf("相談 %s: %w", id, err)
	}
	return t, nil
}

// Replies returns a thread's replies, oldest first; limit 0 means all.
// Replies hidden by a moderator are left out; deleted ones stay, marked
// Deleted with an empty body.
func (db *DB) Replies(ctx context.Context, threadID string, offset, limit int) ([]model.Reply, error) {
	var out []model.Reply
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		t, err := threadByID(ctx, tx, threadID)
		if err != nil {
			return err
		}
		w := where{args: append(viewerArgs(ctx), sql.Named("thread", t.ID), sql.Named("resolved", t.ResolvedReplyID))}
		w.args = append(w.args, sql.Named("community", t.CommunityID))
		rows, err := tx.QueryContext(ctx, `SELECT p.id, p.thread_id, `+authorIDColumn+`, `+authorNameColumn+`,
			p.anonymous, `+mineColumn+`, CASE WHEN p.deleted_at IS NULL THEN p.body ELSE '' END,
			p.helpful_count, p.id = @resolved, p.deleted_at IS NOT NULL, p.updated_at > p.created_at,
			p.author_id <> @viewer AND `+unreadAt("p.created_at", "@thread", followedAt("@thread"), joinedAt("@community"))+`,
			EXISTS (SELECT 1 FROM helpful_marks vh WHERE vh.staff_id = @viewer AND vh.post_id = p.id),
			coalesce(p.quote_reply_id, ''), p.created_at
			FROM replies p JOIN staff a ON a.id = p.author_id
			WHERE p.thread_id = @thread AND p.hidden = 0
			ORDER BY p.created_at, p.id`+limitOffset(offset, limit), w.args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r model.Reply
			var created string
			if err := rows.Scan(&r.ID, &r.ThreadID, &r.AuthorID, &r.AuthorName, &r.Anonymous, &r.Mine, &r.Body,
				&r.HelpfulCount, &r.Accepted, &r.Deleted, &r.Edited, &r.Unread, &r.MarkedHelpful, &r.QuoteID, &created); err != nil {
				return err
			}
			r.CreatedAt = parseTime(created)
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, wrapOnce("返信の一覧", err)
	}
	return out, nil
}

// CreateThread saves t with the viewer as its author, in a community the
// viewer can see (and belongs to, if it is members-only). It sets t.ID
// (unless the caller gave one, see givenID), the times and the author
// fields; the author then follows the thread and has read it.
func (db *DB) CreateThread(ctx context.Context, t *model.Thread) error {
	if err := t.Validate(); err != nil {
		return err
	}
	switch t.SupportType {
	case "", model.SupportPlanning, model.SupportOperations, model.SupportBusy:
	default:
		return model.FieldError("support_type", "err.support_type", "応援の種類を選んでください")
	}
	if t.Slots < 0 {
		return model.FieldError("slots", "err.slots", "募集人数は 0 以上にしてください")
	}
	now := db.Now()
	id := givenID(t.ID, now)
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		me, err := actingStaff(ctx, tx)
		if err != nil {
			return err
		}
		done, err := written(ctx, tx, "threads", "author_id", id, me.ID)
		if err != nil {
			return err
		}
		if done {
			t.ID = id
			return db.reload(ctx, tx, t)
		}
		if err := checkPostable(ctx, tx, t.CommunityID); err != nil {
			return err
		}
		at := fmtTime(now)
		t.ID = id
		t.Title = model.CleanLine(strings.TrimSpace(t.Title))
		t.Body = model.CleanText(t.Body)
		t.Tags = strings.Fields(model.CleanLine(strings.Join(t.Tags, " ")))
		t.Place = model.CleanLine(strings.TrimSpace(t.Place))
		var deadline sql.NullString
		if t.Deadline != nil {
			deadline = sql.NullString{String: fmtTime(*t.Deadline), Valid: true}
		}
		var slots sql.NullInt64
		if t.Kind == model.KindCall || t.Slots > 0 {
			slots = sql.NullInt64{Int64: int64(t.Slots), Valid: true}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO threads (id, community_id, kind, title, body, tags, author_id, anonymous,
			created_at, updated_at, last_activity_at, support_type, slots, deadline, place)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			t.ID, t.CommunityID, string(t.Kind), t.Title, t.Body, strings.Join(t.Tags, " "), me.ID, t.Anonymous,
			at, at, at, nullString(t.SupportType), slots, deadline, nullString(t.Place)); err != nil {
			return fmt.Errorf("相談の投稿: %w", err)
		}
		if err := afterPost(ctx, tx, me.ID, t, at); err != nil {
			return err
		}
		return db.reload(ctx, tx, t)
	})
}

// reload reads thread t back as it was saved.
func (db *DB) reload(ctx context.Context, tx *sql.Tx, t *model.Thread) error {
	saved, err := threadByID(ctx, tx, t.ID)
	if err != nil {
		return err
	}
	*t = *saved
	return nil
}

// givenID is the id the caller gave what it creates, or a new one. A form
// gives the same id each time it saves the same text, so that saving
// again after an unknown outcome (a cluster out of reach, remote.go)
// finds the first save instead of making a second (written).
func givenID(id string, now time.Time) string {
	if model.ValidID(id) {
		return id
	}
	return model.NewID(now)
}

// written reports whether table already has the row id, made by the
// viewer me (its column by): the same save made again finds it there, and
// is done. A row of that id by anyone else is refused.
func written(ctx context.Context, tx *sql.Tx, table, by, id, me string) (bool, error) {
	var author string
	err := tx.QueryRowContext(ctx, `SELECT `+by+` FROM `+table+` WHERE id = ?`, id).Scan(&author)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, err
	case author != me:
		return false, model.Keyed(model.ECONFLICT, "err.id.taken", "%s はすでに使われている ID です", id)
	}
	return true, nil
}

// CreateReply saves r in a thread the viewer can see, with the viewer as
// its author, and sets r.ID (unless the caller gave one, see givenID) and
// the author fields. The thread and its
// community become the latest active, and the author follows the thread.
func (db *DB) CreateReply(ctx context.Context, r *model.Reply) error {
	if err := r.Validate(); err != nil {
		return err
	}
	now := db.Now()
	id := givenID(r.ID, now)
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		me, err := actingStaff(ctx, tx)
		if err != nil {
			return err
		}
		done, err := written(ctx, tx, "replies", "author_id", id, me.ID)
		if err != nil {
			return err
		}
		if done {
			var at string
			err = tx.QueryRowContext(ctx, `SELECT created_at FROM replies WHERE id = ?`, id).Scan(&at)
			r.ID, r.AuthorID, r.AuthorName, r.Mine, r.CreatedAt = id, me.ID, me.Name, true, parseTime(at)
			return err
		}
		t, err := threadByID(ctx, tx, r.ThreadID)
		if err != nil {
			return err
		}
		if t.Deleted {
			return model.Keyed(model.ECONFLICT, "err.thread.deleted", "「%s」は削除されたため、返信できません", t.Title)
		}
		if err := checkPostable(ctx, tx, t.CommunityID); err != nil {
			return err
		}
		at := fmtTime(now)
		r.ID = id
		r.Body = model.CleanText(r.Body)
		if _, err := tx.ExecContext(ctx, `INSERT INTO replies (id, thread_id, author_id, anonymous, body, quote_reply_id, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, r.ID, t.ID, me.ID, r.Anonymous, r.Body, nullString(r.QuoteID), at, at); err != nil {
			return fmt.Errorf("返信の投稿: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE threads SET reply_count = reply_count + 1, last_activity_at = ? WHERE id = ?`,
			at, t.ID); err != nil {
			return fmt.Errorf("返信の投稿: %w", err)
		}
		if err := afterPost(ctx, tx, me.ID, t, at); err != nil {
			return err
		}
		r.ThreadID, r.AuthorID, r.AuthorName, r.Mine = t.ID, me.ID, me.Name, true
		r.CreatedAt = parseTime(at)
		r.HelpfulCount, r.Accepted, r.Deleted = 0, false, false
		return nil
	})
}

// MarkRead records that the viewer has read the thread as it is now.
func (db *DB) MarkRead(ctx context.Context, threadID string) error {
	return db.writePrivateTx(ctx, func(tx *sql.Tx) error {
		me, err := actingStaff(ctx, tx)
		if err != nil {
			return err
		}
		t, err := threadByID(ctx, tx, threadID)
		if err != nil {
			return err
		}
		// Another machine's clock may run ahead: never mark read earlier
		// than the last activity.
		at := fmtTime(db.Now())
		if last := fmtTime(t.LastActivityAt); last > at {
			at = last
		}
		return markRead(ctx, tx, me.ID, t.ID, at)
	})
}

func markRead(ctx context.Context, tx *sql.Tx, staffID, targetID, at string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO read_marks (staff_id, target_id, read_at) VALUES (?, ?, ?)
		ON CONFLICT (staff_id, target_id) DO UPDATE SET read_at = max(read_at, excluded.read_at)`, staffID, targetID, at)
	if err != nil {
		return fmt.Errorf("既読の記録: %w", err)
	}
	return nil
}

func follow(ctx context.Context, tx *sql.Tx, staffID, threadID, at string) error {
	_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO follows (staff_id, thread_id, created_at) VALUES (?, ?, ?)`,
		staffID, threadID, at)
	if err != nil {
		return fmt.Errorf("フォローの記録: %w", err)
	}
	return nil
}

// touchCommunity makes the community the latest active as of at.
func touchCommunity(ctx context.Context, tx *sql.Tx, communityID, at string) error {
	_, err := tx.ExecContext(ctx, `UPDATE communities SET last_activity_at = max(last_activity_at, ?) WHERE id = ?`, at, communityID)
	if err != nil {
		return fmt.Errorf("コミュニティの更新: %w", err)
	}
	return nil
}

// nullDateOrTime parses a nullable column that holds a date ('YYYY-MM-DD',
// read as midnight UTC) or a time.
func nullDateOrTime(s sql.NullString) *time.Time {
	if !s.Valid || s.String == "" {
		return nil
	}
	if len(s.String) == len(dateFormat) {
		if t, err := time.Parse(dateFormat, s.String); err == nil {
			return &t
		}
	}
	return nullTime(s)
}

// checkPostable refuses a post to a community the viewer cannot see, or to
// a members-only community the viewer has not joined.
func checkPostable(ctx context.Context, tx *sql.Tx, communityID string) error {
	c, err := communityByID(ctx, tx, communityID)
	if err != nil {
		return err
	}
	if !c.CanPost() {
		return model.Keyed(model.EFORBIDDEN, "err.thread.members_only", "「%s」に投稿できるのは参加者だけです", c.Name)
	}
	return nil
}

// afterPost is what every post to thread t does besides its own row: the
// community becomes the latest active, and the author follows the thread
// and has read it as it now is.
func afterPost(ctx context.Context, tx *sql.Tx, authorID string, t *model.Thread, at string) error {
	if err := touchCommunity(ctx, tx, t.CommunityID, at); err != nil {
		return err
	}
	if err := follow(ctx, tx, authorID, t.ID, at); err != nil {
		return err
	}
	return markRead(ctx, tx, authorID, t.ID, at)
}
