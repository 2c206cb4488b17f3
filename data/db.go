// Package data keeps hiroba's data in SQLite. It is the only package that
// speaks SQL: it opens and migrates the file, and implements the store
// interfaces of package model. Every public method runs in its own
// transaction and enforces what the context's viewer may see and do.
package data

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"hiroba/model"

	sqlite3 "github.com/mattn/go-sqlite3"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Options say how to open a database.
type Options struct {
	// ReadOnly opens without writing anything, even migrations.
	ReadOnly bool
	// Shared uses rollback journaling instead of WAL, for a file on a
	// network share (SMB, NFS) where WAL's shared memory is unsafe.
	Shared bool
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// ReadSoon says the caller reads at once, as the interface does for
	// its first screen: a reader connection is made while the writer's
	// checks the file. Each connection reads the whole schema first
	// (about 1.5 ms); on two cores the two readings overlap. It changes
	// nothing for a new file, a read-only one, one with a WAL or journal
	// beside it (checked first, as before) or one opened --shared.
	ReadSoon bool
}

// DB is an open hiroba database.
type DB struct {
	Path string
	// ReadOnly is true when the file could not be written (or Options said
	// so); every write then fails with model.EREADONLY.
	ReadOnly bool
	Shared   bool
	Now      func() time.Time

	write *sql.DB // one connection, BEGIN IMMEDIATE; nil when read-only
	// writer makes write's connection (setJournal).
	writer *writerConnector
	read   *sql.DB // several connections, query_only
	watch  watch   // notices commits, for live updates (watch.go)
	// searchReady: the schema has the search index, which every write
	// transaction keeps up to date (search.go).
	searchReady bool
	// cal keeps the calendar's index of every event (calendar_index.go).
	cal calCache
	// hasCounters: the schema has change_counters (migration 0005);
	// publicCounter: they count public writes too (migration 0006).
	hasCounters, publicCounter bool
	// load is set between BeginLoad and EndLoad (load.go): writes are
	// then not indexed for search as they are made.
	load *load
	// opened is the file as it was opened, to notice it removed or
	// replaced before a write (checkFile); readOnlyWhy says why a file
	// that was to be written could not be (faults.go).
	opened      os.FileInfo
	readOnlyWhy *model.Error
	// checkpoints copies the WAL back into the file off the write path
	// (checkpoint.go).
	checkpoints *checkpointer
	// match is search's query of one bucket, prepared once (search.go).
	match preparedMatch
	// remote is set when the database is reached through another driver
	// (remote.go); lost counts what is being tried again meanwhile.
	remote *Remote
	lost   atomic.Int32
	// receipts: the schema has write_receipts (migration 12), which every
	// write fills and prunes now and then (write.go).
	receipts       bool
	receiptsPruned atomic.Int64
}

// sqliteHeader is how every SQLite 3 database file begins.
var sqliteHeader = []byte("SQLite format 3\x00")

// Open opens the hiroba database at path, creating and migrating it if it
// does not exist. A file that is not SQLite, is damaged, belongs to another
// program or was written by a newer hiroba is refused with a model.Error
// that names the file, and left exactly as it was.
func Open(path string, opt Options) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("data: %s: %w", path, err)
	}
	db := &DB{Path: abs, ReadOnly: opt.ReadOnly, Shared: opt.Shared, Now: opt.Now}
	if db.Now == nil {
		db.Now = time.Now
	}

	exists, err := checkHeader(abs)
	if err != nil {
		return nil, err
	}
	unprobed, interrupted := false, false
	if !exists {
		if opt.ReadOnly {
			return nil, model.Keyed(model.ENOTFOUND, "err.db.not_found", "%s: データベースがありません。ファイルの場所を確かめてください", abs)
		}
		if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
			if errors.Is(err, syscall.EROFS) {
				return nil, readOnlyFS(abs)
			}
			return nil, model.Keyed(model.EREADONLY, "err.db.cannot_make_folder", "%s: フォルダを作れません (%v)。書き込める場所を指定してください", abs, err)
		}
		if why := readOnlyReason(abs); why != nil {
			return nil, why
		}
	} else {
		if !db.ReadOnly {
			if db.readOnlyWhy = readOnlyReason(abs); db.readOnlyWhy != nil {
				db.ReadOnly = true
			}
		}
		if db.ReadOnly || pendingChanges(abs) {
			marked, err := probe(abs)
			switch {
			case err != nil && !db.ReadOnly && isInterrupted(err):
				// A write was cut off (its process killed) and left a
				// journal to roll back, which a reader may not do. The
				// writer's first connection reads the file as probe
				// would, rolling the write back first, as SQLite does
				// for whoever opens such a file to write.
				unprobed, interrupted = true, true
			case err != nil:
				return nil, err
			}
			// A file an administrator marked as shared always opens so.
			db.Shared = db.Shared || marked
		} else {
			// The writer's first connection reads the file as probe would,
			// before it sets any journal mode: each connection reads the
			// whole schema first (260 objects, 2 to 3 ms), and a probe of
			// its own came before every first frame and every test's file.
			// A file with a WAL or journal beside it is probed as before,
			// as a connection that can write would fold those into it.
			unprobed = true
		}
	}

	if db.read, err = sql.Open("sqlite3", db.dsn(true)); err != nil {
		return nil, fmt.Errorf("data: open %s: %w", abs, err)
	}
	db.read.SetMaxOpenConns(4)
	db.read.SetMaxIdleConns(readersIdle)
	db.read.SetConnMaxIdleTime(time.Minute)
	if !db.ReadOnly {
		var early chan struct{}
		if unprobed && opt.ReadSoon && !db.Shared && !interrupted {
			early = make(chan struct{})
			go func() {
				defer close(early)
				if conn, err := db.read.Conn(context.Background()); err == nil {
					conn.Close()
				}
			}()
		}
		db.writer = newWriterConnector(db.firstWriterDSN())
		db.write = sql.OpenDB(db.writer)
		// One writer connection: SQLite has one writer at a time anyway, and
		// queueing here is kinder than SQLITE_BUSY.
		db.write.SetMaxOpenConns(1)
		if unprobed {
			marked, err := probeConn(db.write, abs)
			if early != nil {
				<-early
			}
			if err != nil {
				db.write.Close()
				db.read.Close()
				return nil, err
			}
			db.Shared = db.Shared || marked
		}
		if err := db.setJournal(context.Background()); err != nil {
			db.write.Close()
			db.read.Close()
			if errors.Is(err, errFileInUse) {
				return nil, sharedOpenError(abs)
			}
			return nil, db.wrapWriteErr(fmt.Errorf("data: %s: %w", abs, err))
		}
	}
	if !db.ReadOnly {
		if err := db.prepareSchema(context.Background()); err != nil {
			db.Close()
			return nil, err
		}
		if err := db.startCheckpoints(); err != nil {
			db.Close()
			return nil, db.wrapWriteErr(err)
		}
	}
	if err := db.retry(context.Background(), db.readCounters); err != nil {
		db.Close()
		return nil, db.wrapWriteErr(fmt.Errorf("data: %s: %w", abs, err))
	}
	if db.opened, err = os.Stat(abs); err != nil {
		db.Close()
		return nil, goneError(abs)
	}
	return db, nil
}

// prepareSchema brings a writable database's schema up to date, checks
// it, and indexes for search what was left unindexed.
func (db *DB) prepareSchema(ctx context.Context) error {
	if err := db.migrate(ctx); err != nil {
		return err
	}
	if err := db.checkSchema(ctx); err != nil {
		return err
	}
	return db.openSearch(ctx)
}

// readCounters notes which change counters the schema has: a file of an
// older schema opened read-only may have none. It asks the writer when
// there is one: opening makes no reader connection unless asked to
// (ReadSoon).
func (db *DB) readCounters() error {
	conn := db.read
	if db.write != nil {
		conn = db.write
	}
	var n int
	if err := conn.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'change_counters'`).Scan(&n); err != nil || n == 0 {
		return err
	}
	db.hasCounters = true
	if err := conn.QueryRow(`SELECT count(*) FROM change_counters WHERE name = 'public'`).Scan(&n); err != nil {
		return err
	}
	db.publicCounter = n > 0
	if err := conn.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'write_receipts'`).Scan(&n); err != nil {
		return err
	}
	db.receipts = n > 0
	return nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// checkHeader reports whether a non-empty file exists at path, and refuses
// one that does not begin like a SQLite database.
func checkHeader(path string) (bool, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, openFileError(path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return false, openFileError(path, err)
	}
	if st.IsDir() {
		return false, model.Keyed(model.EINVALID, "err.db.is_dir", "%s: フォルダです。データベースファイルを指定してください", path)
	}
	if st.Size() == 0 {
		return false, nil
	}
	head := make([]byte, len(sqliteHeader))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, sqliteHeader) {
		return false, model.Keyed(model.ECORRUPT, "err.db.not_sqlite", "%s: SQLite のデータベースではありません。ファイルには手を触れていません。開くファイルを確かめてください", path)
	}
	return true, nil
}

// probe opens an existing file read-only and refuses it unless it is a
// sound hiroba database of a schema this program knows. It reports
// whether an administrator marked the file as shared, read on the same
// connection: each connection reads the whole schema (260 objects, about
// 2 ms), and a second one for the mark came before every first frame.
func probe(path string) (shared bool, err error) {
	// immutable=1 reads the file as it is, creating no journal or shm file.
	shared, err = probeWith(path, "mode=ro&immutable=1")
	var e *model.Error
	if errors.As(err, &e) && e.Code == model.ECORRUPT && e.Key != "err.db.load_unfinished" {
		// It reads without locks: another process may have been copying
		// its WAL into the file meanwhile. Read it again as a reader that
		// takes the locks and reads the WAL; only that one is believed.
		if again, err := probeWith(path, "mode=ro&_busy_timeout=10000"); err == nil || model.ErrorCode(err) == model.ECORRUPT {
			return again, err
		}
		return false, err
	}
	if err == nil && pendingChanges(path) {
		// The mark may sit in a WAL or journal that an immutable read
		// does not see: ask a reader that takes the locks.
		shared = storedShared(path)
	}
	return shared, err
}

// pendingChanges reports whether the file has a WAL with frames in it or
// a rollback journal beside it: changes its own pages may not hold yet.
func pendingChanges(path string) bool {
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() > 0 {
		return true
	}
	_, err := os.Stat(path + "-journal")
	return err == nil
}

func probeWith(path, params string) (shared bool, err error) {
	conn, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+params)
	if err != nil {
		return false, openFileError(path, err)
	}
	defer conn.Close()
	return probeConn(conn, path)
}

// probeConn refuses the file at path, read through conn, unless it is a
// sound hiroba database of a schema this program knows, and reports
// whether it is marked as shared. It writes nothing.
func probeConn(conn *sql.DB, path string) (shared bool, err error) {
	var tables int
	if err := conn.QueryRow(`SELECT count(*) FROM sqlite_master`).Scan(&tables); err != nil {
		return false, corruptError(path, err)
	}
	if tables == 0 {
		return false, nil
	}
	var known int
	if err := conn.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&known); err != nil {
		return false, corruptError(path, err)
	}
	if known == 0 {
		return false, model.Keyed(model.EUNSUPPORTED, "err.db.other_program", "%s: hiroba のデータベースではありません (他のプログラムのファイルです)。ファイルには手を触れていません。開くファイルを確かめてください", path)
	}
	var version int
	if err := conn.QueryRow(`SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&version); err != nil {
		return false, corruptError(path, err)
	}
	if latest := len(migrations()); version > latest {
		return false, newerSchemaError(path, version, latest)
	}
	var loading int
	if err := conn.QueryRow(`SELECT count(*) FROM sqlite_master m, settings s WHERE m.name = 'settings' AND s.key = ?`, settingLoading).Scan(&loading); err == nil && loading > 0 {
		return false, model.Keyed(model.ECORRUPT, "err.db.load_unfinished", "%s: データの生成が途中で止まったファイルです。このファイルを削除して、もう一度生成してください。ファイルには手を触れていません", path)
	}
	var v string
	err = conn.QueryRow(`SELECT value FROM settings WHERE key = ?`, settingShared).Scan(&v)
	return err == nil && v == "on", nil
}

func newerSchemaError(path string, version, latest int) error {
	return model.Keyed(model.EUNSUPPORTED, "err.db.newer_schema", "%s: 新しい hiroba で作られたデータベースです (スキーマ %d、この hiroba は %d まで)。hiroba を更新してください。ファイルには手を触れていません", path, version, latest)
}

func corruptError(path string, err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrReadonly {
		// A reader met a journal it may not roll back.
		return interruptedError(path)
	}
	if errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked) {
		// The probe reads through a connection that takes locks (Open).
		return busyOpenError(path)
	}
	if errors.As(err, &se) && (se.Code == sqlite3.ErrNotADB || se.Code == sqlite3.ErrCorrupt) {
		return corruptDBError(path, err)
	}
	if errors.As(err, &se) && se.Code == sqlite3.ErrIoErr {
		return ioError(path, err)
	}
	return model.Keyed(model.ECORRUPT, "err.db.unreadable", "%s: 読めません (%v)。ファイルには手を触れていません。バックアップから戻すか、管理者に相談してください", path, err)
}

// Close closes the database.
func (db *DB) Close() error {
	db.checkpoints.close()
	db.match.close()
	db.watch.close()
	var err error
	if db.write != nil {
		err = db.write.Close()
	}
	if db.read != nil {
		if e := db.read.Close(); err == nil {
			err = e
		}
	}
	if db.remote != nil && db.remote.Close != nil {
		if e := db.remote.Close(); err == nil {
			err = e
		}
	}
	return err
}

type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in order; file names begin
// with their version number. They are read once: every Open asks for
// them several times. The slice is shared; nobody may change it.
var migrations = sync.OnceValue(func() []migration {
	entries, err := migrationFS.ReadDir("migrations")
	if err != nil {
		panic(err)
	}
	var out []migration
	for _, e := range entries {
		num, _, _ := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if err != nil {
			panic("data: migration without a number: " + e.Name())
		}
		b, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			panic(err)
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out
})

// SchemaVersion is the newest schema this program knows.
func SchemaVersion() int { return len(migrations()) }

func (db *DB) migrate(ctx context.Context) error {
	return db.pauseTracking(ctx, func() error { return db.migrateTo(ctx, SchemaVersion()) })
}

// migrateTo applies the migrations up to version, each in its own
// transaction, and records each.
func (db *DB) migrateTo(ctx context.Context, version int) error {
	if err := db.retry(ctx, func() error {
		_, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)
		return err
	}); err != nil {
		return db.wrapWriteErr(err)
	}
	// What is recorded is never unrecorded: a migration recorded here
	// needs no transaction of its own (opening an up-to-date file wrote
	// 16 of them). One recorded meanwhile by another process is found
	// again inside the transaction.
	done, err := recordedMigrations(ctx, db.write)
	if err != nil {
		return db.wrapWriteErr(err)
	}
	recorded := len(done)
	applied := 0
	defer func() {
		if applied > 0 {
			// A migration that rewrites a large table leaves its pages in
			// the WAL (28 MB for plan_events at scale 1), which every
			// reader then looks through until a clean close folds it into
			// the file; fold it in now. A reader of another process may
			// hold it: then it stays for the checkpointer, as before.
			db.write.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
		}
	}()
	for _, m := range migrations() {
		if m.version > version {
			break
		}
		if done[m.version] {
			continue
		}
		err := db.writeTx(ctx, func(tx *sql.Tx) error {
			var n int
			if err := tx.QueryRow(`SELECT count(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n); err != nil || n > 0 {
				return err
			}
			if _, err := tx.Exec(m.sql); err != nil {
				var se sqlite3.Error
				if recorded > 0 && errors.As(err, &se) && se.Code == sqlite3.ErrError {
					// A file that had migrations already meets objects of
					// one it had no record of: the record lost it.
					return tamperedError(db.Path, fmt.Sprintf("%s: %v", m.name, err))
				}
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
			_, err := tx.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`, m.version, m.name, fmtTime(db.Now()))
			return err
		})
		if err != nil {
			return fmt.Errorf("%s: %w", db.Path, err)
		}
		applied++
	}
	return nil
}

// recordedMigrations returns the versions schema_migrations records.
func recordedMigrations(ctx context.Context, conn *sql.DB) (map[int]bool, error) {
	rows, err := conn.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	done := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		done[v] = true
	}
	return done, rows.Err()
}

// Version returns the schema version the database has.
func (db *DB) Version(ctx context.Context) (int, error) {
	var v int
	err := db.read.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// IntegrityCheck runs PRAGMA integrity_check and returns its lines; a sound
// database gives exactly "ok". SQLite 3.44 and later also compare each
// FTS index with the text in its content table; search_fts keeps none
// (migration 7), so that comparison always fails and is left out. The
// index's own tables are checked like every other.
func (db *DB) IntegrityCheck(ctx context.Context) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		if strings.HasPrefix(s, "malformed inverted index for FTS4 table main.search_fts") ||
			strings.HasPrefix(s, "unable to validate the inverted index for FTS4 table main.search_fts") {
			continue
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		out = []string{"ok"}
	}
	return out, rows.Err()
}

// Backup writes a consistent copy of the database to out, which must not
// exist, while others may go on writing.
func (db *DB) Backup(ctx context.Context, out string) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	if _, err := os.Stat(abs); err == nil {
		return model.Keyed(model.ECONFLICT, "err.backup.exists", "%s: すでにあります。上書きはしません", abs)
	}
	if db.remote != nil {
		return db.remoteBackup(ctx, abs)
	}
	// VACUUM INTO reads one snapshot, so the copy is consistent while
	// others write. It needs a connection that is not query_only; a
	// read-only one is enough, and takes no write lock.
	conn, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: db.Path}).EscapedPath()+"?mode=ro&_busy_timeout=10000")
	if err != nil {
		return fmt.Errorf("%s: %w", db.Path, err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `VACUUM INTO ?`, abs); err != nil {
		return fmt.Errorf("%s: %w", abs, err)
	}
	return nil
}

// Bulk runs fn in one write transaction. It is for the generators of demo
// and benchmark data, which write many rows at once.
func (db *DB) Bulk(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return db.writeTx(ctx, fn)
}

// IsEmpty reports whether the database holds no staff yet.
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM staff LIMIT 1)`).Scan(&n)
	return n == 0, err
}

func (db *DB) readOnlyError() error {
	if db.readOnlyWhy != nil {
		return db.readOnlyWhy
	}
	return model.Keyed(model.EREADONLY, "err.db.read_only_open", "%s: 読み取り専用で開いているため保存できません。書き込むには読み取り専用にせずに開いてください", db.Path)
}

// readTx runs fn in a read transaction, so that it sees one snapshot. A
// viewer who is not an approved staff member (pending, revoked or unknown)
// reads nothing: see checkViewer in admin.go. The first read, which takes
// the file's shared lock, waits for writers like a write (retry); fn then
// runs once.
func (db *DB) readTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	var tx *sql.Tx
	err := db.retry(ctx, func() (err error) {
		if tx, err = db.read.BeginTx(ctx, nil); err != nil {
			return err
		}
		if model.ViewerFrom(ctx) == "" {
			// A query, not Exec: a cluster refuses to Exec what returns a row.
			var version int
			err = tx.QueryRowContext(ctx, `PRAGMA schema_version`).Scan(&version)
		} else {
			err = checkViewer(ctx, tx)
		}
		if err != nil {
			tx.Rollback()
		}
		return err
	})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}

// timeFormat stores times in UTC with milliseconds, so that text order is
// time order.
const timeFormat = "2006-01-02T15:04:05.000Z"

func fmtTime(t time.Time) string { return t.UTC().Format(timeFormat) }

// FormatTime is how times are stored, for the data generators.
func FormatTime(t time.Time) string { return fmtTime(t) }

func parseTime(s string) time.Time {
	t, err := time.Parse(timeFormat, s)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s)
	}
	return t
}

// nullTime parses a nullable time column.
func nullTime(s sql.NullString) *time.Time {
	if !s.Valid || s.String == "" {
		return nil
	}
	t := parseTime(s.String)
	return &t
}

const dateFormat = "2006-01-02"
