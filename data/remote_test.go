package data_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"flag"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"hiroba/data"
	"hiroba/data/datatest"
	"hiroba/model"
)

// With -commit-faults every test that opens its database with MustOpenDB
// opens it through faultyCommits, so that every write of every test is
// made while COMMITs fail: go test ./data/ -commit-faults.
var commitFaults = flag.Bool("commit-faults", false, "open test databases through a connection whose COMMITs fail, after committing or before")

// faultyCommits connects to a SQLite file through a connection whose
// COMMITs fail the two ways a cluster's do, in turn: one in three
// commits and then says it failed (its reply was lost, as a leader's
// "receive: header: EOF"), one in three fails without committing (the
// leader was lost before), one in three succeeds.
type faultyCommits struct {
	dsn     string
	commits atomic.Int64
	lied    atomic.Int64 // COMMITs that committed and said they failed
	down    atomic.Bool  // no connection can be made: the cluster is out of reach
}

var (
	errReplyLost  = errors.New("call exec-sql (budget 0s): receive: header: EOF")
	errLeaderLost = errors.New("driver: bad connection (leadership lost)")
)

func transientFault(err error) bool {
	return errors.Is(err, errReplyLost) || errors.Is(err, errLeaderLost) || errors.Is(err, driver.ErrBadConn)
}

func (f *faultyCommits) Connect(context.Context) (driver.Conn, error) {
	if f.down.Load() {
		return nil, errLeaderLost
	}
	c, err := (&sqlite3.SQLiteDriver{}).Open(f.dsn)
	if err != nil {
		return nil, err
	}
	return &faultyConn{SQLiteConn: c.(*sqlite3.SQLiteConn), f: f}, nil
}

func (f *faultyCommits) Driver() driver.Driver { return &sqlite3.SQLiteDriver{} }

type faultyConn struct {
	*sqlite3.SQLiteConn
	f *faultyCommits
}

// ResetSession and QueryContext drop a connection made before the cluster
// went out of reach, as a lost leader's connections are.
func (c *faultyConn) ResetSession(context.Context) error {
	if c.f.down.Load() {
		return driver.ErrBadConn
	}
	return nil
}

func (c *faultyConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if c.f.down.Load() {
		return nil, driver.ErrBadConn
	}
	return c.SQLiteConn.QueryContext(ctx, query, args)
}

func (c *faultyConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if c.f.down.Load() {
		return nil, driver.ErrBadConn
	}
	tx, err := c.SQLiteConn.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &faultyTx{Tx: tx, f: c.f}, nil
}

func (c *faultyConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

type faultyTx struct {
	driver.Tx
	f *faultyCommits
}

func (t *faultyTx) Commit() error {
	switch t.f.commits.Add(1) % 3 {
	case 1:
		if err := t.Tx.Commit(); err != nil {
			return err
		}
		t.f.lied.Add(1)
		return errReplyLost
	case 2:
		t.Tx.Rollback()
		return errLeaderLost
	}
	return t.Tx.Commit()
}

// openFaulty opens a new database at path through faultyCommits: a copy
// of the migrated one (datatest.OpenNew), as MustOpenDB's are; migrating
// anew through the connector (openFaultyNew) took twice the time.
func openFaulty(tb testing.TB, path string) (*data.DB, *faultyCommits) {
	tb.Helper()
	datatest.OpenNew(tb, path, data.Options{}).Close()
	return openFaultyNew(tb, path)
}

// openFaultyNew makes a database at path through faultyCommits, migrating
// it there.
func openFaultyNew(tb testing.TB, path string) (*data.DB, *faultyCommits) {
	tb.Helper()
	f := &faultyCommits{dsn: "file:" + path + "?_foreign_keys=on&_busy_timeout=10000&_txlock=immediate&_journal_mode=WAL"}
	backup := func(ctx context.Context, out string) error {
		conn, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
		if err != nil {
			return err
		}
		defer conn.Close()
		_, err = conn.ExecContext(ctx, `VACUUM INTO ?`, out)
		return err
	}
	db, err := data.OpenRemote(data.Remote{Name: path, Connector: f, Transient: transientFault, Backup: backup}, data.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db, f
}

// The writes of a form said they failed while the cluster was out of
// reach; the person saves again with the same text, and the form gives
// what it creates the id it gave the first time: one thread, not two.
func TestSavingAgainAfterAnUnknownOutcomeWritesOnce(t *testing.T) {
	t.Parallel()
	db := MustOpenDB(t)
	asker := MustCreateStaff(t, db, "相馬 結衣", koriyama, "総務課")
	c := &model.Community{Name: "庶務担当者の会", Category: model.CategoryLearning, Visibility: model.VisibilityOpen, Summary: "問い合わせの記録を比べる", Description: "月に一度、記録の仕方を見せ合います"}
	if err := db.CreateCommunity(as(asker), c); err != nil {
		t.Fatal(err)
	}
	id := model.NewID(db.Now())
	for range 2 {
		th := &model.Thread{ID: id, CommunityID: c.ID, Kind: model.KindQuestion, Title: "電話の記録", Body: "皆さんはどう記録していますか"}
		if err := db.CreateThread(as(asker), th); err != nil {
			t.Fatal(err)
		}
		if th.ID != id || th.Title != "電話の記録" {
			t.Fatalf("saved again: %+v", th)
		}
	}
	got, err := data.QueryStrings(db, `SELECT title FROM threads`)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, ",") != "電話の記録" {
		t.Errorf("threads after saving twice: %q", got)
	}
	replyID := model.NewID(db.Now())
	for range 2 {
		if err := db.CreateReply(as(asker), &model.Reply{ID: replyID, ThreadID: id, Body: "共有の表に一行ずつです"}); err != nil {
			t.Fatal(err)
		}
	}
	got, err = data.QueryStrings(db, `SELECT CAST(reply_count AS TEXT) || ' ' || (SELECT count(*) FROM replies) FROM threads`)
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != "1 1" {
		t.Errorf("reply count and replies after saving a reply twice: %s", got[0])
	}
}

// Every kind of write a person makes is done once though its COMMIT says
// it failed after committing, or fails before: a community, a thread and
// a reply, a handover note and a revision of it, a question, an event and
// an answer to it, a mark of helpfulness (a toggle) and a draft.
func TestWritesAreDoneOnceThroughFailingCommits(t *testing.T) {
	t.Parallel()
	db, f := openFaulty(t, t.TempDir()+"/hiroba.db")
	asker := MustCreateStaff(t, db, "相馬 結衣", koriyama, "総務部 総務課")
	helper := MustCreateStaff(t, db, "蒲生 拓海", koriyama, "総務部 総務課")
	ctx, other := as(asker), as(helper)
	c := &model.Community{Name: "庶務担当者の会", Category: model.CategoryLearning, Visibility: model.VisibilityOpen,
		Summary: "問い合わせの記録を比べる", Description: "月に一度、記録の仕方を見せ合います"}
	must(t, db.CreateCommunity(ctx, c))
	must(t, db.Join(other, c.ID))
	th := &model.Thread{CommunityID: c.ID, Kind: model.KindQuestion, Title: "電話の記録", Body: "皆さんはどう記録していますか"}
	must(t, db.CreateThread(ctx, th))
	r := &model.Reply{ThreadID: th.ID, Body: "共有の表に一行ずつ書いています"}
	must(t, db.CreateReply(other, r))
	on, err := db.ToggleHelpful(ctx, r.ID)
	must(t, err)
	h := &model.Handover{Duty: "文書管理", EffectiveDate: model.Date(2027, 4, 1)}
	must(t, db.CreateHandover(ctx, h))
	sections := append(h.Sections, model.HandoverSection{Title: "よくある問い合わせ", Body: "開示請求の窓口"})
	h2, err := db.SaveSections(ctx, h.ID, h.Revision, sections)
	must(t, err)
	must(t, db.SetSuccessor(ctx, h.ID, helper.ID))
	_, err = db.AskQuestion(other, h.ID, "保存年限の表はどこですか")
	must(t, err)
	start := model.Date(2027, 5, 19).Add(15 * time.Hour)
	e := &model.Event{CommunityID: c.ID, Title: "記録の見せ合い", Start: start, End: start.Add(time.Hour)}
	must(t, db.CreateEvent(ctx, e))
	_, err = db.SetRSVP(other, e.ID, e.Start, model.RSVPYes)
	must(t, err)
	must(t, db.SaveDraft(ctx, &model.Draft{Context: "reply:" + th.ID, Body: "書きかけ"}))

	if f.lied.Load() < 5 {
		t.Fatalf("only %d COMMITs said they failed after committing: nothing was tested", f.lied.Load())
	}
	if !on {
		t.Error("the helpful mark was toggled off again by its second run")
	}
	if h2.Revision != h.Revision+1 || len(h2.Sections) != len(h.Sections)+1 {
		t.Errorf("revision %d with %d sections after one save of %d", h2.Revision, len(h2.Sections), len(h.Sections))
	}
	for table, want := range map[string]string{
		"communities": "1", "memberships": "2", "threads": "1", "replies": "1", "helpful_marks": "1",
		"handovers": "1", "handover_revisions": "2", "handover_questions": "1", "events": "1", "rsvps": "1", "drafts": "1",
	} {
		got, err := data.QueryStrings(db, `SELECT CAST(count(*) AS TEXT) FROM `+table)
		must(t, err)
		if got[0] != want {
			t.Errorf("%s: %s rows, want %s", table, got[0], want)
		}
	}
	got, err := data.QueryStrings(db, `SELECT CAST(reply_count AS TEXT) FROM threads`)
	must(t, err)
	if got[0] != "1" {
		t.Errorf("reply count %s after one reply", got[0])
	}
}

// A cluster out of reach: the screens are told while it lasts, and a
// write is refused after lostPatience with a sentence that says nothing
// was changed and the text is kept.
func TestOutOfReach(t *testing.T) {
	db, f := openFaulty(t, t.TempDir()+"/hiroba.db")
	asker := MustCreateStaff(t, db, "相馬 結衣", koriyama, "総務部 総務課")
	// Only the outage is waited out for a short time: the writes around it
	// meet the commits that fail on purpose (faultyTx), whose retries took
	// more than 100 ms on a busy machine.
	restore := data.SetLostPatience(100 * time.Millisecond)
	defer restore()
	db.Changes()
	if db.Reconnecting() {
		t.Fatal("reconnecting while in reach")
	}
	f.down.Store(true)
	db.LookNow()
	db.Changes()
	if !db.Reconnecting() {
		t.Error("not reconnecting while out of reach")
	}
	err := db.SaveDraft(as(asker), &model.Draft{Context: "thread:new", Body: "書きかけ"})
	var e *model.Error
	if !errors.As(err, &e) || e.Key != "err.cluster.unreachable" || e.Code != model.EIO {
		t.Fatalf("got %v", err)
	}
	f.down.Store(false)
	restore()
	db.LookNow()
	db.Changes()
	if db.Reconnecting() {
		t.Error("still reconnecting once in reach again")
	}
	must(t, db.SaveDraft(as(asker), &model.Draft{Context: "thread:new", Body: "書きかけ"}))
}

// A database a newer hiroba migrated (another node upgraded first) is
// refused, as such a file is, and left as it was.
func TestRemoteOfANewerSchemaIsRefused(t *testing.T) {
	t.Parallel()
	path := t.TempDir() + "/hiroba.db"
	db, _ := openFaultyNew(t, path)
	MustExec(t, db, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from_the_future.sql', '2030-01-01T00:00:00.000Z')`, data.SchemaVersion()+1)
	db.Close()
	f := &faultyCommits{dsn: "file:" + path + "?_foreign_keys=on&_busy_timeout=10000"}
	_, err := data.OpenRemote(data.Remote{Name: path, Connector: f, Transient: transientFault}, data.Options{})
	var e *model.Error
	if !errors.As(err, &e) || e.Key != "err.db.newer_schema" {
		t.Fatalf("a newer schema through a remote: %v", err)
	}
}

// A cluster has no file to mark as shared: the setting is refused, and
// says why, before anything is switched.
func TestNoSharedSettingOnACluster(t *testing.T) {
	t.Parallel()
	db, _ := openFaulty(t, t.TempDir()+"/cluster.db")
	wantKey(t, db.SetShared(data.AsOperator(context.Background()), true), model.EUNSUPPORTED, "err.cluster.no_shared")
	if db.Shared {
		t.Fatal("the cluster's database says it is shared")
	}
}
