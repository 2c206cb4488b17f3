package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"time"

	"hiroba/model"
)

// Remote is a database reached through another database/sql driver than
// SQLite's own: a dqlite cluster, which the cluster module (cluster/)
// opens. There is no file here, so none of a file's care applies: no
// pragmas, no journal mode, no checkpoints, no check that the file is
// still the one opened. The schema is migrated through the writer, as on
// a file; a cluster sends it to its leader, so it is migrated once.
type Remote struct {
	// Name is what messages say where a file's path would be (DB.Path).
	Name string
	// Connector makes connections to the database.
	Connector driver.Connector
	// Transient reports whether err means that the connection was lost
	// or the database moved (a cluster electing a new leader): what was
	// being done is tried again (retry, writePrivateTx).
	Transient func(error) bool
	// Backup writes a consistent copy of the database into a new
	// ordinary hiroba file at out (DB.Backup).
	Backup func(ctx context.Context, out string) error
	// Close, if set, runs after the database's connections are closed.
	Close func() error
}

// OpenRemote opens the database r reaches, migrating it unless
// opt.ReadOnly. opt.Shared means nothing there.
func OpenRemote(r Remote, opt Options) (*DB, error) {
	db := &DB{Path: r.Name, ReadOnly: opt.ReadOnly, Now: opt.Now, remote: &r}
	if db.Now == nil {
		db.Now = time.Now
	}
	db.read = sql.OpenDB(r.Connector)
	db.read.SetMaxOpenConns(4)
	db.read.SetConnMaxIdleTime(time.Minute)
	ctx := context.Background()
	if err := db.retry(ctx, db.refuseNewer); err != nil {
		db.Close()
		return nil, err
	}
	if !db.ReadOnly {
		db.write = sql.OpenDB(r.Connector)
		// One writer of this process at a time, as on a file: the
		// cluster takes one write transaction at a time in all.
		db.write.SetMaxOpenConns(1)
		if err := db.prepareSchema(ctx); err != nil {
			db.Close()
			return nil, err
		}
	}
	if err := db.retry(ctx, db.readCounters); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// refuseNewer refuses a database a newer hiroba has migrated (another
// node, upgraded first), as Open refuses such a file: this program does
// not know what the newer schema means.
func (db *DB) refuseNewer() error {
	var tables, version int
	if err := db.read.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&tables); err != nil || tables == 0 {
		return err
	}
	if err := db.read.QueryRow(`SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&version); err != nil {
		return err
	}
	if latest := SchemaVersion(); version > latest {
		return newerSchemaError(db.Path, version, latest)
	}
	return nil
}

// transient reports whether err means that the remote database is out of
// reach for the moment (Remote.Transient); never for a file.
func (db *DB) transient(err error) bool {
	if db.remote == nil || db.remote.Transient == nil || errors.Is(err, context.Canceled) {
		return false
	}
	return db.remote.Transient(err)
}

// Reconnecting reports whether the database is out of reach for the
// moment: something is being tried again because the connection was lost,
// or the last look for changes (Changes) could not reach it. The screens
// say so while it lasts. A file never is.
func (db *DB) Reconnecting() bool {
	return db.lost.Load() > 0 || db.watch.lost.Load()
}

// lostError is what a person is told when the remote database stayed out
// of reach: if a COMMIT was what failed, it may have been done, and saving
// again is safe (the forms give what they create its id once).
func (db *DB) lostError(err error) error {
	var commit *commitError
	if errors.As(err, &commit) {
		return model.Keyed(model.EIO, "err.cluster.unsure", "保存の途中でクラスタとの接続が切れ、保存されたか分かりません。もう一度保存してください (二重にはなりません) (%v)", err)
	}
	return model.Keyed(model.EIO, "err.cluster.unreachable", "クラスタにつながらないため、何も変えていません。書いた文は残っています。しばらくしてから、もう一度お試しください (%v)", err)
}

// remoteBackup writes the remote database's copy to the new file out
// (Backup).
func (db *DB) remoteBackup(ctx context.Context, out string) error {
	if db.remote.Backup == nil {
		return model.Keyed(model.EUNSUPPORTED, "err.cluster.no_backup", "%s: このデータベースのコピーは取れません", db.Path)
	}
	return db.remote.Backup(ctx, out)
}
