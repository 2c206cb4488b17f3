package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"hiroba/model"
)

// post is a thread or a reply as the write paths need it.
type post struct {
	isReply  bool
	id       string
	threadID string
	authorID string
	deleted  bool
	thread   *model.Thread
}

// postByID finds a thread or reply the viewer can see.
func postByID(ctx context.Context, tx *sql.Tx, id string) (*post, error) {
	var p post
	var deleted sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT thread_id, author_id, deleted_at FROM replies WHERE id = ? AND hidden = 0`, id).
		Scan(&p.threadID, &p.authorID, &deleted)
	switch {
	case err == nil:
		p.isReply = true
	case errors.Is(err, sql.ErrNoRows):
		p.threadID = id
	default:
		return nil, err
	}
	t, err := threadByID(ctx, tx, p.threadID)
	if err != nil {
		return nil, err
	}
	p.id, p.thread = id, t
	if !p.isReply {
		p.deleted = t.Deleted
		if err := tx.QueryRowContext(ctx, `SELECT author_id FROM threads WHERE id = ?`, id).Scan(&p.authorID); err != nil {
			return nil, err
		}
	} else {
		p.deleted = deleted.Valid
	}
	return &p, nil
}

// ownPost returns the viewer's post id, refusing anyone but its author.
func ownPost(ctx context.Context, tx *sql.Tx, id string) (*post, error) {
	me, err := actingStaff(ctx, tx)
	if err != nil {
		return nil, err
	}
	p, err := postByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if p.authorID != me.ID {
		return nil, model.Keyed(model.EFORBIDDEN, "err.post.not_mine", "自分の投稿だけを編集・削除できます")
	}
	if p.deleted {
		return nil, model.Keyed(model.ECONFLICT, "err.post.deleted", "この投稿は削除されています")
	}
	return p, nil
}

// UpdateThread saves a new title, body, tags and anonymity; author only.
func (db *DB) UpdateThread(ctx context.Context, t *model.Thread) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		if _, err := ownPost(ctx, tx, t.ID); err != nil {
			return err
		}
		at := fmtTime(db.Now())
		_, err := tx.ExecContext(ctx, `UPDATE threads SET title = ?, body = ?, tags = ?, anonymous = ?, updated_at = ? WHERE id = ?`,
			model.CleanLine(strings.TrimSpace(t.Title)), model.CleanText(t.Body),
			strings.Join(strings.Fields(model.CleanLine(strings.Join(t.Tags, " "))), " "), t.Anonymous, at, t.ID)
		if err != nil {
			return fmt.Errorf("相談の更新: %w", err)
		}
		updated, err := threadByID(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		*t = *updated
		return nil
	})
}

// DeleteThread empties the post and leaves 削除されました in its place, so
// that the replies keep their context.
func (db *DB) DeleteThread(ctx context.Context, id string) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		if _, err := ownPost(ctx, tx, id); err != nil {
			return err
		}
		at := fmtTime(db.Now())
		_, err := tx.ExecContext(ctx, `UPDATE threads SET body = '', deleted_at = ?, updated_at = ? WHERE id = ?`, at, at, id)
		return err
	})
}

// UpdateReply saves a new body; author only.
func (db *DB) UpdateReply(ctx context.Context, r *model.Reply) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		if _, err := ownPost(ctx, tx, r.ID); err != nil {
			return err
		}
		r.Body = model.CleanText(r.Body)
		_, err := tx.ExecContext(ctx, `UPDATE replies SET body = ?, updated_at = ? WHERE id = ?`, r.Body, fmtTime(db.Now()), r.ID)
		return err
	})
}

// DeleteReply empties the reply and leaves 削除されました. A deleted
// accepted answer no longer resolves its thread.
func (db *DB) DeleteReply(ctx context.Context, id string) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		p, err := ownPost(ctx, tx, id)
		if err != nil {
			return err
		}
		if !p.isReply {
			return model.Keyed(model.ENOTFOUND, "err.reply.not_found", "返信が見つかりません")
		}
		at := fmtTime(db.Now())
		if _, err := tx.ExecContext(ctx, `UPDATE replies SET body = '', deleted_at = ?, updated_at = ? WHERE id = ?`, at, at, id); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE threads SET resolved_reply_id = NULL WHERE id = ? AND resolved_reply_id = ?`, p.threadID, id)
		return err
	})
}

// threadTx runs fn in a write transaction as the acting staff member, on
// a thread the viewer can see: the start of every action on a thread.
func (db *DB) threadTx(ctx context.Context, threadID string, fn func(tx *sql.Tx, me *model.Staff, t *model.Thread) error) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		me, err := actingStaff(ctx, tx)
		if err != nil {
			return err
		}
		t, err := threadByID(ctx, tx, threadID)
		if err != nil {
			return err
		}
		return fn(tx, me, t)
	})
}

// Resolve marks replyID as the thread's answer, or unmarks it ("").
func (db *DB) Resolve(ctx context.Context, threadID, replyID string) error {
	return db.threadTx(ctx, threadID, func(tx *sql.Tx, _ *model.Staff, t *model.Thread) error {
		if !t.Mine && !t.CanModerate {
			return model.Keyed(model.EFORBIDDEN, "err.thread.resolve_forbidden", "解決済みにできるのは質問した人とコミュニティの世話役だけです")
		}
		if replyID == "" {
			_, err := tx.ExecContext(ctx, `UPDATE threads SET resolved_reply_id = NULL WHERE id = ?`, t.ID)
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM replies WHERE id = ? AND thread_id = ? AND hidden = 0 AND deleted_at IS NULL`,
			replyID, t.ID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return model.Keyed(model.ENOTFOUND, "err.thread.answer_not_found", "回答にする返信が見つかりません")
		}
		_, err := tx.ExecContext(ctx, `UPDATE threads SET resolved_reply_id = ? WHERE id = ?`, replyID, t.ID)
		return err
	})
}

// ToggleHelpful gives or takes back 参考になった and keeps the post's count.
func (db *DB) ToggleHelpful(ctx context.Context, postID string) (bool, error) {
	var given bool
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		me, err := actingStaff(ctx, tx)
		if err != nil {
			return err
		}
		p, err := postByID(ctx, tx, postID)
		if err != nil {
			return err
		}
		if p.authorID == me.ID {
			return model.Keyed(model.ECONFLICT, "err.post.helpful_own", "自分の投稿には「参考になった」を付けられません")
		}
		table := "threads"
		if p.isReply {
			table = "replies"
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM helpful_marks WHERE post_id = ? AND staff_id = ?`, postID, me.ID)
		if err != nil {
			return err
		}
		delta := -1
		if n, _ := res.RowsAffected(); n == 0 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO helpful_marks (post_id, staff_id, created_at) VALUES (?, ?, ?)`,
				postID, me.ID, fmtTime(db.Now())); err != nil {
				return err
			}
			delta, given = 1, true
		}
		_, err = tx.ExecContext(ctx, `UPDATE `+table+` SET helpful_count = max(helpful_count + ?, 0) WHERE id = ?`, delta, postID)
		return err
	})
	return given, err
}

// Follow follows or unfollows a thread the viewer can see.
func (db *DB) Follow(ctx context.Context, threadID string, on bool) error {
	return db.threadTx(ctx, threadID, func(tx *sql.Tx, me *model.Staff, t *model.Thread) error {
		if !on {
			_, err := tx.ExecContext(ctx, `DELETE FROM follows WHERE staff_id = ? AND thread_id = ?`, me.ID, t.ID)
			return err
		}
		at := fmtTime(db.Now())
		if err := follow(ctx, tx, me.ID, t.ID, at); err != nil {
			return err
		}
		// Following starts from what is there now: only later replies are new.
		return markRead(ctx, tx, me.ID, t.ID, max(at, fmtTime(t.LastActivityAt)))
	})
}

// Apply answers a call for help. The supervisor's agreement is required;
// a full call or one past its deadline takes no more.
func (db *DB) Apply(ctx context.Context, threadID string, supervisorAgreed bool, comment string) error {
	if !supervisorAgreed {
		return model.FieldError("supervisor_agreed", "err.supervisor", "応募には所属長の了承が必要です。了承を得てから応募してください")
	}
	if err := model.CheckComment(comment); err != nil {
		return err
	}
	return db.threadTx(ctx, threadID, func(tx *sql.Tx, me *model.Staff, t *model.Thread) error {
		if err := requireNoSupervisor(ctx, tx, me); err != nil {
			return err // ApplyWithPlan instead
		}
		switch {
		case t.Kind != model.KindCall:
			return model.Keyed(model.EINVALID, "err.call.not_call", "応募できるのは募集だけです")
		case t.Deleted:
			return model.Keyed(model.ECONFLICT, "err.call.deleted", "この募集は削除されました")
		case t.Mine:
			return model.Keyed(model.ECONFLICT, "err.call.own", "自分の募集には応募できません")
		case t.Applied:
			return model.Keyed(model.ECONFLICT, "err.call.applied", "すでに応募しています")
		case t.Slots > 0 && t.Applicants >= t.Slots:
			return model.Keyed(model.ECONFLICT, "err.call.full", "「%s」は定員(%d人)に達したため、締め切りました", t.Title, t.Slots)
		case t.Deadline != nil && db.Now().After(*t.Deadline):
			return model.Keyed(model.ECONFLICT, "err.call.past_deadline", "「%s」は応募の締め切りを過ぎています", t.Title)
		}
		at := fmtTime(db.Now())
		if _, err := tx.ExecContext(ctx, `INSERT INTO call_applications (thread_id, staff_id, supervisor_agreed, comment, created_at)
			VALUES (?, ?, 1, ?, ?)`, t.ID, me.ID, model.CleanLine(strings.TrimSpace(comment)), at); err != nil {
			return err
		}
		return follow(ctx, tx, me.ID, t.ID, at)
	})
}

// Withdraw takes back the viewer's application, and the plan it came
// with, approved or still waiting for the supervisor.
func (db *DB) Withdraw(ctx context.Context, threadID string) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		me, err := actingStaff(ctx, tx)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM call_applications WHERE thread_id = ? AND staff_id = ?`, threadID, me.ID)
		if err != nil {
			return err
		}
		plans, err := db.withdrawCallPlans(ctx, tx, me.ID, threadID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 && plans == 0 {
			return model.Keyed(model.ENOTFOUND, "err.call.not_applied", "この募集には応募していません")
		}
		return nil
	})
}

// Applicants lists who applied to a call, for its poster only.
func (db *DB) Applicants(ctx context.Context, threadID string) ([]model.Applicant, error) {
	var out []model.Applicant
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		t, err := threadByID(ctx, tx, threadID)
		if err != nil {
			return err
		}
		if !t.Mine {
			return model.Keyed(model.EFORBIDDEN, "err.call.applicants_forbidden", "応募者を見られるのは募集した人だけです")
		}
		out, err = people(ctx, tx, `SELECT s.id, s.name, coalesce(mu.name, ''), s.department, x.comment, x.created_at
			FROM call_applications x JOIN staff s ON s.id = x.staff_id LEFT JOIN municipalities mu ON mu.id = s.municipality_id
			WHERE x.thread_id = ? ORDER BY x.created_at`, t.ID)
		return err
	})
	return out, err
}

// JoinTeam puts the viewer on an idea's team (一緒にやりたい) or takes them off.
func (db *DB) JoinTeam(ctx context.Context, threadID string, on bool) error {
	return db.threadTx(ctx, threadID, func(tx *sql.Tx, me *model.Staff, t *model.Thread) error {
		if t.Kind != model.KindIdea {
			return model.Keyed(model.EINVALID, "err.idea.team_not_idea", "「一緒にやりたい」はアイデアにだけ使えます")
		}
		if !on {
			_, err := tx.ExecContext(ctx, `DELETE FROM idea_team WHERE thread_id = ? AND staff_id = ?`, t.ID, me.ID)
			return err
		}
		at := fmtTime(db.Now())
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO idea_team (thread_id, staff_id, created_at) VALUES (?, ?, ?)`, t.ID, me.ID, at); err != nil {
			return err
		}
		return follow(ctx, tx, me.ID, t.ID, at)
	})
}

// Team lists an idea's team, for anyone who can see the idea.
func (db *DB) Team(ctx context.Context, threadID string) ([]model.Applicant, error) {
	var out []model.Applicant
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		t, err := threadByID(ctx, tx, threadID)
		if err != nil {
			return err
		}
		out, err = people(ctx, tx, `SELECT s.id, s.name, coalesce(mu.name, ''), s.department, '', x.created_at
			FROM idea_team x JOIN staff s ON s.id = x.staff_id LEFT JOIN municipalities mu ON mu.id = s.municipality_id
			WHERE x.thread_id = ? ORDER BY x.created_at`, t.ID)
		return err
	})
	return out, err
}

func people(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]model.Applicant, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return collect(rows, func(row rowScanner) (*model.Applicant, error) {
		var a model.Applicant
		var at string
		if err := row.Scan(&a.StaffID, &a.Name, &a.Municipality, &a.Department, &a.Comment, &at); err != nil {
			return nil, err
		}
		a.At = parseTime(at)
		return &a, nil
	})
}

// SetHidden hides a post from everyone, or shows it again; organisers of
// the community only.
func (db *DB) SetHidden(ctx context.Context, postID string, hidden bool) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		if _, err := actingStaff(ctx, tx); err != nil {
			return err
		}
		table, threadID := "threads", postID
		var rt string
		if err := tx.QueryRowContext(ctx, `SELECT thread_id FROM replies WHERE id = ?`, postID).Scan(&rt); err == nil {
			table, threadID = "replies", rt
		}
		var community string
		if err := tx.QueryRowContext(ctx, `SELECT community_id FROM threads WHERE id = ?`, threadID).Scan(&community); err != nil {
			return model.Keyed(model.ENOTFOUND, "err.post.not_found", "投稿が見つかりません")
		}
		if err := checkOrganiser(ctx, tx, community); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE `+table+` SET hidden = ? WHERE id = ?`, hidden, postID)
		return err
	})
}

// SetPinned pins a notice to the top of its community's list, or unpins it.
func (db *DB) SetPinned(ctx context.Context, threadID string, pinned bool) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		t, err := threadByID(ctx, tx, threadID)
		if err != nil {
			return err
		}
		if err := checkOrganiser(ctx, tx, t.CommunityID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE threads SET pinned = ? WHERE id = ?`, pinned, t.ID)
		return err
	})
}

func checkOrganiser(ctx context.Context, tx *sql.Tx, communityID string) error {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM memberships WHERE community_id = ? AND staff_id = ? AND role = 'organiser'`,
		communityID, model.ViewerFrom(ctx)).Scan(&n)
	if err != nil {
		return err
	}
	if n == 0 {
		return model.Keyed(model.EFORBIDDEN, "err.community.organiser_only", "この操作はコミュニティの世話役だけができます")
	}
	return nil
}

// UnreadCount is the number of unread threads the viewer can see
// (unreadColumn, as FindThreads with Unread lists them), at most
// model.MaxUnreadCount+1. It starts from the viewer's memberships and
// follows, so that it reads only the threads of those communities active
// since the viewer joined, through the threads_listed index: the rule
// finds no others.
//
// Each side of the union stops at the cap on its own: SQLite builds a
// UNION whole before a LIMIT outside it applies, which read every thread
// of the viewer's communities (about 6,000, 15 ms, at the benchmark scale)
// before the first screen. The count is the same: if either side reaches
// the cap, so does the union.
func (db *DB) UnreadCount(ctx context.Context) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, unreadCountQuery, sql.Named("viewer", model.ViewerFrom(ctx))).Scan(&n)
	if err != nil {
		return 0, wrapOnce("未読の数", err)
	}
	return n, nil
}

// unreadCountQuery writes its cap in, as limitOffset does: a bound LIMIT
// is planned anew at every use, and every session counts at every change.
var unreadCountQuery = strings.ReplaceAll(`SELECT count(*) FROM (
	SELECT id FROM (SELECT p.id FROM memberships m
		JOIN threads p ON p.community_id = m.community_id AND p.hidden = 0 AND p.last_activity_at > m.joined_at
		WHERE m.staff_id = @viewer AND `+unreadAt("p.last_activity_at", "p.id", followedAt("p.id"), "m.joined_at")+`
		LIMIT @cap)
	UNION
	SELECT id FROM (SELECT p.id FROM follows f
		JOIN threads p ON p.id = f.thread_id AND p.hidden = 0
		JOIN communities c ON c.id = p.community_id
		WHERE f.staff_id = @viewer AND `+visibleCommunity+` AND `+unreadAt("p.last_activity_at", "p.id", "f.created_at", joinedAt("p.community_id"))+`
		LIMIT @cap)
	LIMIT @cap)`, "@cap", strconv.Itoa(model.MaxUnreadCount+1))

// Inbox returns the newest unread replies by others on followed threads,
// and the news of activity plans (planInbox), newest first.
func (db *DB) Inbox(ctx context.Context, limit int) ([]model.InboxItem, error) {
	if limit <= 0 {
		limit = 100
	}
	var out []model.InboxItem
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT t.id, t.title, p.id, `+authorNameColumn+`, p.anonymous, substr(p.body, 1, 200), p.created_at
			FROM follows f
			JOIN threads t ON t.id = f.thread_id AND t.hidden = 0
			JOIN communities c ON c.id = t.community_id
			JOIN replies p ON p.thread_id = t.id AND p.hidden = 0 AND p.deleted_at IS NULL AND p.author_id <> @viewer
			JOIN staff a ON a.id = p.author_id
			WHERE f.staff_id = @viewer AND `+visibleCommunity+`
			AND `+unreadAt("t.last_activity_at", "t.id", "f.created_at", joinedAt("t.community_id"))+`
			AND `+unreadAt("p.created_at", "t.id", "f.created_at", joinedAt("t.community_id"))+`
			ORDER BY p.created_at DESC, p.id DESC LIMIT @limit`, append(viewerArgs(ctx), sql.Named("limit", limit))...)
		if err != nil {
			return err
		}
		out, err = collect(rows, func(row rowScanner) (*model.InboxItem, error) {
			it := model.InboxItem{Kind: model.InboxReply}
			var at string
			if err := row.Scan(&it.ThreadID, &it.ThreadTitle, &it.ReplyID, &it.AuthorName, &it.Anonymous, &it.Snippet, &at); err != nil {
				return nil, err
			}
			it.At = parseTime(at)
			it.Snippet = strings.Join(strings.Fields(model.CleanLine(it.Snippet)), " ")
			return &it, nil
		})
		if err != nil {
			return err
		}
		plans, err := planInbox(ctx, tx, db.Now(), limit)
		if err != nil {
			return err
		}
		news, err := handoverNews(ctx, tx, db.Now(), limit)
		if err != nil {
			return err
		}
		cancelled, err := cancelledNews(ctx, tx, db.Now(), limit)
		out = mergeInbox(out, append(append(plans, news...), cancelled...), limit)
		return err
	})
	if err != nil {
		return nil, wrapOnce("受信箱", err)
	}
	return out, nil
}
