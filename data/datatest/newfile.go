package datatest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"hiroba/data"
)

// OpenNew opens a new database at path with opt, closed when the test
// ends. It is a copy of one migrated once for the test binary, with an
// identity of its own (database_id, as migration 0009 gives each file):
// a copy opens four times faster than a file migrated anew. Tests of
// opening and migrating make their files with data.Open.
func OpenNew(tb testing.TB, path string, opt data.Options) *data.DB {
	tb.Helper()
	return openCopy(tb, migratedFile, path, opt)
}

// Template returns a func that opens, for a test, a copy of a database
// made once for the test binary: a new database opened with made and
// filled by fill. Each copy is opened with the test's options, has an
// identity of its own and is closed when the test ends. Filling a file
// once instead of in each test is what it is for: a migration and the
// demo data cost 70 ms each, a copy a few.
func Template(made data.Options, fill func(db *data.DB) error) func(tb testing.TB, path string, opt data.Options) *data.DB {
	file := sync.OnceValues(func() ([]byte, error) {
		return makeFile(func(path string) error {
			b, err := migratedFile()
			if err != nil {
				return err
			}
			if err := os.WriteFile(path, b, 0o644); err != nil {
				return err
			}
			db, err := data.Open(path, made)
			if err != nil {
				return err
			}
			err = fill(db)
			if e := db.Close(); err == nil {
				err = e
			}
			return err
		})
	})
	return func(tb testing.TB, path string, opt data.Options) *data.DB {
		tb.Helper()
		return openCopy(tb, file, path, opt)
	}
}

// openCopy writes the file file returns at path and opens it with opt,
// closed when the test ends, with an identity of its own.
func openCopy(tb testing.TB, file func() ([]byte, error), path string, opt data.Options) *data.DB {
	tb.Helper()
	b, err := file()
	if err == nil {
		err = os.WriteFile(path, b, 0o644)
	}
	if err != nil {
		tb.Fatal(err)
	}
	db, err := data.Open(path, opt)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	NewIdentity(tb, db)
	return db
}

// NewIdentity gives a copied database a database_id of its own, as every
// file made anew has: merges and drill copies tell files apart by it.
func NewIdentity(tb testing.TB, db *data.DB) {
	tb.Helper()
	err := db.Bulk(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE settings SET value = lower(hex(randomblob(16))) WHERE key = 'database_id'`)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// migratedFile is the bytes of a newly migrated database, made once.
var migratedFile = sync.OnceValues(func() ([]byte, error) {
	return makeFile(func(path string) error {
		db, err := data.Open(path, data.Options{})
		if err != nil {
			return err
		}
		return db.Close()
	})
})

// makeFile returns the bytes of the database write makes at the path it
// is given, in a folder of its own, removed after. A closed database is
// one file: a WAL left beside it would be lost.
func makeFile(write func(path string) error) ([]byte, error) {
	dir, err := os.MkdirTemp("", "hiroba-test-template-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "hiroba.db")
	if err := write(path); err != nil {
		return nil, err
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		return nil, fmt.Errorf("datatest: %s-wal is left after closing", path)
	}
	return os.ReadFile(path)
}
