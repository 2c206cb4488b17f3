package seed

import (
	"context"
	"fmt"
	"os"
	"time"

	"hiroba/data"
	"hiroba/model"
)

// A demo file made before (hiroba demo --db PATH) opens as it is, signed
// in as the demo's person; --reset makes it anew for the next class.

// DemoSignIn is the staff member a demo database made before signs in
// as, found by name.
func DemoSignIn(ctx context.Context, db *data.DB) (string, error) {
	for _, s := range demoStaffList {
		if s.key == demoSignIn {
			st, err := db.StaffByIDOrName(ctx, s.name)
			if err != nil {
				return "", err
			}
			return st.ID, nil
		}
	}
	return "", fmt.Errorf("seed: no demo staff %q", demoSignIn)
}

// ResetDemo writes a fresh demo to path over a demo that `hiroba demo`
// made there before (or where there is no file); any other file is
// ECONFLICT and left as it is. The new demo is written beside the old
// one and put in its place only once whole.
func ResetDemo(ctx context.Context, path string, now time.Time) error {
	if _, err := os.Stat(path); err == nil {
		// Read-only: a file that is no demo is left byte for byte.
		db, err := data.Open(path, data.Options{ReadOnly: true})
		if err != nil {
			return err
		}
		demo, err := db.IsDemo(ctx)
		if cerr := db.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		if !demo {
			return model.Keyed(model.ECONFLICT, "err.demo.notdemo", "%s は hiroba demo で作ったデモのファイルではないため、作り直しません", path)
		}
	}
	fresh := path + ".new"
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(fresh + suffix)
	}
	db, err := data.Open(fresh, data.Options{})
	if err != nil {
		return err
	}
	_, err = Demo(ctx, db, now)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(fresh)
		return err
	}
	// The old file's journal must not be read into the new one.
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	return os.Rename(fresh, path)
}
