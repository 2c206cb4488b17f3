package cli

import (
	"context"
	"os"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"

	"hiroba/data"
	"hiroba/data/seed"
	"hiroba/ui"
)

// runUI opens the interface as whoever --as names or this machine
// remembers; with nobody, it asks.
func runUI(e *env, _ []string) error {
	return e.openUI("")
}

// openUI opens the interface as staffID, or as runUI's person for "".
func (e *env) openUI(staffID string) error {
	db, err := e.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	if staffID == "" {
		if staffID, err = e.viewer(ctx, db); err != nil {
			return err
		}
	}
	profiles := data.Profiles{Path: data.DefaultProfilesPath()}
	app := ui.New(ui.Config{
		Store:    db,
		Lang:     ui.LangFromEnv(e.lang),
		Theme:    ui.ThemeFromEnv(e.theme, os.Getenv("COLORFGBG")),
		StaffID:  staffID,
		ReadOnly: db.ReadOnly,
		DBPath:   db.Path,
		Location: displayLocation(),
		Remember: func(id string) error { return profiles.Set(db.Path, id) },
		// Others' changes to the file appear within about a second.
		LiveEvery: ui.LiveInterval,
	})
	// Left alone, Bubble Tea reads the terminal even when standard input
	// is a pipe; other streams are a caller's own.
	var opts []tea.ProgramOption
	if e.stdin != os.Stdin {
		opts = append(opts, tea.WithInput(e.stdin))
	}
	if e.stdout != os.Stdout {
		opts = append(opts, tea.WithOutput(e.stdout))
	}
	_, err = tea.NewProgram(app, opts...).Run()
	return err
}

// runDemo opens the demo data: in a temporary database removed on exit, or
// written once to --db when it is given.
func runDemo(e *env, _ []string) error {
	if !e.dbSet {
		dir, err := os.MkdirTemp("", "hiroba-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		e.db = filepath.Join(dir, "demo.db")
	}
	db, err := e.open(false)
	if err != nil {
		return err
	}
	staffID, err := seed.Demo(context.Background(), db, time.Now())
	db.Close()
	if err != nil {
		return err
	}
	if e.as != "" {
		staffID = ""
	}
	return e.openUI(staffID)
}
