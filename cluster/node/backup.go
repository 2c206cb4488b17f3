package node

import (
	"context"
	"crypto/tls"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/canonical/go-dqlite/client"
	_ "github.com/mattn/go-sqlite3" // the dumps are read as SQLite files

	"hiroba/data"
)

// A cluster's database is copied with dqlite's dump, which hands over the
// database file and its WAL as one node has them (VACUUM INTO, which a
// file's backup uses, does nothing on a cluster). The two are written to
// a folder of their own and read with SQLite.

// dump writes the database as the node at address has it into a new
// folder, as the file hiroba.db and its WAL, and returns the file's path.
func dump(ctx context.Context, address string, dialTLS *tls.Config) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cl, err := client.New(ctx, address, client.WithDialFunc(dial(dialTLS)), client.WithLogFunc(quiet))
	if err != nil {
		return "", err
	}
	defer cl.Close()
	files, err := cl.Dump(ctx, databaseName)
	if err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "hiroba-dump-")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "hiroba.db")
	for _, f := range files {
		name := path
		if f.Name == databaseName+"-wal" {
			name += "-wal"
		} else if f.Name != databaseName {
			continue
		}
		if err := os.WriteFile(name, f.Data, 0o600); err != nil {
			os.RemoveAll(dir)
			return "", err
		}
	}
	return path, nil
}

// backup writes a consistent copy of the cluster's database, as its
// leader has it, into the new file out: an ordinary hiroba file that the
// program without a cluster opens.
func backup(ctx context.Context, store client.NodeStore, dialTLS *tls.Config, out string) error {
	cl, err := client.FindLeader(ctx, store, client.WithDialFunc(dial(dialTLS)), client.WithLogFunc(quiet))
	if err != nil {
		return err
	}
	leader, err := cl.Leader(ctx)
	cl.Close()
	if err != nil {
		return err
	}
	path, err := dump(ctx, leader.Address, dialTLS)
	if err != nil {
		return err
	}
	defer os.RemoveAll(filepath.Dir(path))
	copied, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath())
	if err != nil {
		return err
	}
	defer copied.Close()
	if _, err := copied.ExecContext(ctx, `VACUUM INTO ?`, out); err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	// The copy must open as any hiroba file does.
	db, err := data.Open(out, data.Options{ReadOnly: true})
	if err != nil {
		os.Remove(out)
		return err
	}
	return db.Close()
}

// changesOn is the count of public changes in the database as the node at
// address has it (the change counter every write moves).
func changesOn(ctx context.Context, address string, dialTLS *tls.Config) (int64, error) {
	path, err := dump(ctx, address, dialTLS)
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(filepath.Dir(path))
	copied, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath())
	if err != nil {
		return 0, err
	}
	defer copied.Close()
	var n int64
	err = copied.QueryRowContext(ctx, `SELECT n FROM change_counters WHERE name = 'public'`).Scan(&n)
	return n, err
}
