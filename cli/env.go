package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"hiroba/data"
	"hiroba/model"
)

// tokyo is the zone of the command line's dates and times: Japan's, where
// every community meets.
var tokyo = (&model.Event{TimeZone: model.DefaultTimeZone}).Location()

// defaultDBPath is $HIROBA_DB, else $XDG_DATA_HOME/hiroba/hiroba.db, else
// ~/.local/share/hiroba/hiroba.db.
func defaultDBPath() string {
	if p := os.Getenv("HIROBA_DB"); p != "" {
		return p
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			home = "."
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "hiroba", "hiroba.db")
}

// displayLocation is the zone times are shown in: Japan's, where every
// community meets, unless TZ names another. A machine left at UTC (a
// server, a fresh laptop) would otherwise show 16:30 as 07:30.
func displayLocation() *time.Location {
	if os.Getenv("TZ") == "" {
		return tokyo
	}
	return time.Local
}

var indexing sync.Once

// reportIndexing says on standard error how far the first open after the
// search migration has come: it indexes every row, which takes minutes on
// a large database. data.IndexProgress is one hook for the process, so it
// writes to the process's standard error whoever runs, in the language of
// the first run.
func reportIndexing(lang string) {
	indexing.Do(func() {
		var mu sync.Mutex
		var last time.Time
		data.IndexProgress = func(done, total int, elapsed time.Duration) {
			mu.Lock()
			defer mu.Unlock()
			switch {
			case done == 0:
				fmt.Fprint(os.Stderr, say(lang, "search.index", total))
			case done == total:
				fmt.Fprint(os.Stderr, say(lang, "search.index.done", total, elapsed.Round(time.Second)))
			case time.Since(last) >= 10*time.Second:
				fmt.Fprint(os.Stderr, say(lang, "search.index.step", done, total, elapsed.Round(time.Second)))
			default:
				return
			}
			last = time.Now()
		}
	})
}

// open opens the command line's database (--db, or a target the
// extension opens), read-only when asked.
func (e *env) open(readOnly bool) (*data.DB, error) {
	return e.openWith(data.Options{ReadOnly: readOnly})
}

// openWith is open with opt (its ReadOnly, ReadSoon); --shared is the
// command line's.
func (e *env) openWith(opt data.Options) (*data.DB, error) {
	if t, ok := e.target(); ok {
		return e.openTarget(t, opt.ReadOnly)
	}
	opt.Shared = e.shared
	return data.Open(e.db, opt)
}

// viewer finds who acts: --as, else the person this machine remembers for
// the database, else nobody ("").
func (e *env) viewer(ctx context.Context, db *data.DB) (string, error) {
	s, err := e.viewerStaff(ctx, db)
	if s == nil {
		return "", err
	}
	return s.ID, nil
}

// viewerStaff is viewer's person as read from the database; nil for
// nobody.
func (e *env) viewerStaff(ctx context.Context, db *data.DB) (*model.Staff, error) {
	if e.as != "" {
		s, err := db.StaffByIDOrName(ctx, e.as)
		if err != nil {
			return nil, fmt.Errorf("--as %s: %w", e.as, err)
		}
		return s, nil
	}
	id := data.Profiles{Path: data.DefaultProfilesPath()}.Get(db.Path)
	if id == "" {
		return nil, nil
	}
	s, err := db.StaffByID(ctx, id)
	if err != nil {
		// The database was replaced since: ask again.
		return nil, nil
	}
	return s, nil
}

// withViewer opens the database (read-only unless write), finds who acts
// (--as, else the person this machine remembers) and runs fn as them. A
// command that writes needs someone: doing (a message key) names the
// action for the message when nobody is known.
func (e *env) withViewer(write bool, doing string, fn func(ctx context.Context, db *data.DB) error) error {
	db, err := e.open(!write)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	id, err := e.viewer(ctx, db)
	if err != nil {
		return err
	}
	if write && id == "" {
		return refusef(model.EFORBIDDEN, "run.nobody", e.msg(doing))
	}
	return fn(model.WithViewer(ctx, id), db)
}

// listJSON opens the database read-only, acting as the viewer, and writes
// what list returns as a JSON array.
func listJSON[T any](e *env, list func(ctx context.Context, db *data.DB) ([]T, error)) error {
	if !e.json {
		return refusef(model.EINVALID, "run.json.only")
	}
	return e.withViewer(false, "", func(ctx context.Context, db *data.DB) error {
		rows, err := list(ctx, db)
		if err != nil {
			return err
		}
		return writeList(e, rows)
	})
}

// writeList writes rows as a JSON array, [] when there are none.
func writeList[T any](e *env, rows []T) error {
	if rows == nil {
		rows = []T{}
	}
	return e.writeJSON(rows)
}

// writeJSON writes v in the one shape of every --json output (json.go).
func (e *env) writeJSON(v any) error {
	js, err := shapeJSON(v, displayLocation())
	if err != nil {
		return err
	}
	_, err = e.stdout.Write(js)
	return err
}
