package data

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"hiroba/model"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// What a person can meet on disk and file problems, as model errors that
// name the file, say what happened and what to do, with the catalogue key
// of each sentence (the ui's catalogue has the same in English). In every
// case the file is left as it was: a write that fails is rolled back.

func goneError(path string) error {
	return model.Keyed(model.EGONE, "err.db.gone", "%s: データベースのファイルが、開いたあとで削除・移動または別のファイルに置き換えられました。どこにも書き込んでいません。hiroba を終了し、ファイルを確かめてから開き直してください", path)
}

func diskFullError(path string) error {
	return model.Keyed(model.EFULL, "err.db.disk_full", "%s: ディスクがいっぱいで保存できませんでした。ファイルは保存前のままです。不要なファイルを消して空きを作ってから、もう一度保存してください", path)
}

func ioError(path string, err error) error {
	return model.Keyed(model.EIO, "err.db.io", "%s: ディスクの読み書きに失敗しました (%v)。ファイルは保存前のままです。ディスクやネットワークドライブの接続を確かめてから、もう一度お試しください", path, err)
}

func busyError(path string) error {
	return model.Keyed(model.ECONFLICT, "err.db.busy", "%s: ほかの人の書き込みが長く続いているため保存できませんでした。しばらくしてから、もう一度保存してください", path)
}

// sharedInUseError: leaving WAL needs the file to itself, and another
// process has it open (a running hiroba keeps it open in WAL mode):
// SetShared's sentence. sharedOpenError is Open's, for a file opened
// --shared or marked shared.
func sharedInUseError(path string) error {
	return model.Keyed(model.ECONFLICT, "err.db.shared_in_use", "%s: ほかの hiroba がこのファイルを開いているため、共有の設定を変えられません。ファイルはそのままです。このファイルを開いている hiroba をすべて閉じてから、もう一度実行してください", path)
}

func sharedOpenError(path string) error {
	return model.Keyed(model.ECONFLICT, "err.db.shared_open", "%s: ほかの hiroba がこのファイルを --shared なしで開いているため、共有モードで開けません。ファイルには手を触れていません。ほかの hiroba を閉じてから、もう一度開いてください", path)
}

// sharedOnClusterError: a cluster has no file to mark.
func sharedOnClusterError(path string) error {
	return model.Keyed(model.EUNSUPPORTED, "err.cluster.no_shared", "%s: クラスタには共有の設定がありません。共有モードはネットワーク共有に置いたファイルのためのものです", path)
}

// interruptedError: a write to the file was cut off and left a journal
// to roll back, which a read-only opening cannot do (Open's writable
// opening does it: isInterrupted).
func interruptedError(path string) error {
	return model.Keyed(model.ECORRUPT, "err.db.interrupted", "%s: 書き込みの途中で止まったファイルのため、読み取り専用では開けません。ファイルには手を触れていません。書き込める状態で一度開くと、止まる前の状態に戻ります", path)
}

func isInterrupted(err error) bool {
	var e *model.Error
	return errors.As(err, &e) && e.Key == "err.db.interrupted"
}

// busyOpenError: another program held the file locked through all of
// the busy timeout while it was being opened.
func busyOpenError(path string) error {
	return model.Keyed(model.ECONFLICT, "err.db.busy_open", "%s: ほかのプログラムがファイルを使い続けているため開けませんでした。ファイルには手を触れていません。しばらくしてから、もう一度開いてください", path)
}

func corruptDBError(path string, err error) error {
	return model.Keyed(model.ECORRUPT, "err.db.corrupt", "%s: データベースが壊れています (%v)。ファイルには手を触れていません。バックアップから戻すか、管理者に相談してください", path, err)
}

func tamperedError(path string, why string) error {
	return model.Keyed(model.ECORRUPT, "err.db.migrations_tampered", "%s: スキーマの記録 (schema_migrations) が書き換えられているため、安全に開けません (%s)。ファイルには手を触れていません。バックアップから戻すか、管理者に相談してください", path, why)
}

// readOnlyReason says why the file at path (or, if there is none yet, a
// new file there) cannot be written by this process, or returns nil if it
// can: a read-only drive, a read-only (or forbidden) file, or a folder
// where SQLite cannot put its journal.
func readOnlyReason(path string) *model.Error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	switch {
	case err == nil:
		f.Close()
	case errors.Is(err, syscall.EROFS):
		return readOnlyFS(path)
	case !errors.Is(err, fs.ErrNotExist):
		return readOnlyFile(path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".hiroba-probe-*")
	if err == nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil
	}
	if errors.Is(err, syscall.EROFS) {
		return readOnlyFS(path)
	}
	return model.Keyed(model.EREADONLY, "err.db.read_only_dir", "%s: ファイルのあるフォルダに書き込めないため保存できません (作業用のファイルを置けません)。フォルダの書き込み許可を確かめてください", path)
}

func readOnlyFile(path string) *model.Error {
	return model.Keyed(model.EREADONLY, "err.db.read_only_file", "%s: ファイルが読み取り専用か、書き込む権限がないため保存できません。ファイルの書き込み許可を確かめるか、管理者に相談してください", path)
}

func readOnlyFS(path string) *model.Error {
	return model.Keyed(model.EREADONLY, "err.db.read_only_fs", "%s: 読み取り専用のドライブにあるため保存できません。ファイルはそのままです。書き込める場所にコピーして開いてください", path)
}

// openFileError turns what opening or reading the file met into a
// sentence a person can act on.
func openFileError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return model.Keyed(model.EFORBIDDEN, "err.db.no_read_permission", "%s: ファイルを読む権限がありません。ファイルの読み取り許可を確かめるか、管理者に相談してください", path)
	case errors.Is(err, syscall.EIO):
		return ioError(path, err)
	}
	return model.Keyed(model.EINTERNAL, "err.db.cannot_open", "%s: 開けません (%v)。ファイルの場所と許可を確かめてください", path, err)
}

// checkFile refuses a write when the file at db.Path is no longer the
// file that was opened (removed, moved away, or replaced by another):
// SQLite would go on writing to the old file, which nobody will see again.
func (db *DB) checkFile() error {
	if db.opened == nil {
		return nil
	}
	now, err := os.Stat(db.Path)
	if err != nil || !os.SameFile(now, db.opened) {
		return goneError(db.Path)
	}
	return nil
}

// wrapWriteErr turns the SQLite errors a person can act on into model
// errors; others pass through.
func (db *DB) wrapWriteErr(err error) error {
	var se sqlite3.Error
	if err == nil || !errors.As(err, &se) {
		return err
	}
	switch se.Code {
	case sqlite3.ErrReadonly:
		if se.ExtendedCode == sqlite3.ErrReadonlyDbMoved {
			return goneError(db.Path)
		}
		if why := readOnlyReason(db.Path); why != nil {
			return why
		}
		return readOnlyFile(db.Path)
	case sqlite3.ErrFull:
		return diskFullError(db.Path)
	case sqlite3.ErrIoErr:
		if errors.Is(se.SystemErrno, syscall.ENOSPC) || errors.Is(se.SystemErrno, syscall.EDQUOT) {
			return diskFullError(db.Path)
		}
		if errors.Is(se.SystemErrno, syscall.EROFS) {
			return readOnlyFS(db.Path)
		}
		if db.checkFile() != nil {
			return goneError(db.Path)
		}
		return ioError(db.Path, err)
	case sqlite3.ErrCantOpen, sqlite3.ErrPerm:
		if db.checkFile() != nil {
			return goneError(db.Path)
		}
		if why := readOnlyReason(db.Path); why != nil {
			return why
		}
		return openFileError(db.Path, err)
	case sqlite3.ErrBusy, sqlite3.ErrLocked:
		return busyError(db.Path)
	case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
		return corruptDBError(db.Path, err)
	}
	return err
}

// checkSchema refuses a file whose schema_migrations says it has every
// migration while something they make is missing: the record was edited
// by hand (a row added, or one deleted and the migration run again on a
// schema that has it). Otherwise writes would fail later with SQLite's
// own words ("no such table").
func (db *DB) checkSchema(ctx context.Context) error {
	want, err := latestSchema()
	if err != nil {
		return err
	}
	rows, err := db.write.QueryContext(ctx, `SELECT type, name FROM sqlite_master`)
	if err != nil {
		return db.wrapWriteErr(err)
	}
	have := map[[2]string]bool{}
	for rows.Next() {
		var k [2]string
		if err := rows.Scan(&k[0], &k[1]); err != nil {
			rows.Close()
			return err
		}
		have[k] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, k := range want {
		if !have[k] && !(db.load != nil && k[0] == "index") {
			return tamperedError(db.Path, k[0]+" "+k[1]+" がありません")
		}
	}
	return nil
}

// ReadOnlyReason says why the file was opened read-only, as a model error
// whose sentence says what to do (a read-only drive, file or folder, or
// opened so); nil when it can be written.
func (db *DB) ReadOnlyReason() error {
	if !db.ReadOnly {
		return nil
	}
	return db.readOnlyError()
}
