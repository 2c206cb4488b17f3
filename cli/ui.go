package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"hiroba/data"
	"hiroba/data/seed"
	"hiroba/model"
	"hiroba/ui"
)

// runUI opens the interface as whoever --as names or this machine
// remembers; with nobody, it asks.
func runUI(e *env, _ []string) error {
	return e.openUI("")
}

// openUI opens the interface as staffID, or as runUI's person for "".
func (e *env) openUI(staffID string) error {
	painted := startupGC()
	defer painted()
	// The first screen reads at once: a reader connection is made while
	// the file is checked.
	db, err := e.openWith(data.Options{ReadSoon: true})
	if err != nil {
		return err
	}
	defer db.Close()
	cfg, err := e.uiConfig(context.Background(), db, staffID)
	if err != nil {
		return err
	}
	cfg.Painted = painted
	app := ui.New(cfg)
	// Left alone, Bubble Tea reads the terminal even when standard input
	// is a pipe; other streams are a caller's own.
	var opts []tea.ProgramOption
	if e.stdin != os.Stdin {
		opts = append(opts, tea.WithInput(e.stdin))
	}
	if e.stdout != os.Stdout {
		opts = append(opts, tea.WithOutput(e.stdout))
	} else {
		// lipgloss detected the profile of standard output when the
		// program started, as Bubble Tea would again: in tmux that runs
		// `tmux info` (about 8 ms) before the first frame.
		opts = append(opts, tea.WithColorProfile(lipgloss.Writer.Profile))
	}
	// A frame is drawn at the renderer's next tick after it is ready: at
	// 120 a second instead of 60 the first full frame waits about 4 ms
	// less, and so does every key's answer.
	opts = append(opts, tea.WithFPS(120))
	_, err = tea.NewProgram(app, opts...).Run()
	return err
}

// uiConfig is what the interface starts with on db, as staffID or, for
// "", as the person --as names or this machine remembers: that person is
// read here, and with them the tab bar's marks (demo data, a drill copy),
// on the connection the first screen reads on next (ui.Config.Me).
func (e *env) uiConfig(ctx context.Context, db *data.DB, staffID string) (ui.Config, error) {
	var me *model.Staff
	var demo bool
	var drill *model.DrillCopy
	if staffID == "" {
		var err error
		if me, err = e.viewerStaff(ctx, db); err != nil {
			return ui.Config{}, err
		}
		if me != nil {
			// As the app would, a mark that cannot be read is not shown.
			demo, _ = db.IsDemo(ctx)
			drill, _ = db.DrillCopy(ctx)
		}
	}
	profiles := data.Profiles{Path: data.DefaultProfilesPath()}
	return ui.Config{
		Store:    db,
		Lang:     e.lang,
		Theme:    ui.ThemeFromEnv(e.theme, os.Getenv("COLORFGBG")),
		StaffID:  staffID,
		Me:       me,
		Demo:     demo,
		Drill:    drill,
		ReadOnly: db.ReadOnly,
		// A read-only drive or file says so, and what to do, at start.
		ReadOnlyWhy: db.ReadOnlyReason(),
		DBPath:      db.Path,
		Location:    displayLocation(),
		Remember:    func(id string) error { return profiles.Set(db.Path, id) },
		// Others' changes to the file appear within about a second.
		LiveEvery: ui.LiveInterval,
		Terminal:  questionTerminal(e),
	}, nil
}

// startupGC lets the heap grow to five times what it keeps, instead of
// twice, until the first frame is on the screen, and returns what puts
// the collector back as it was (at the latest after startupGCFor). The
// collection that came while the database opened took a core from the
// first frame: in tmux on 2 cores the frame came 8 ms sooner without it
// (issue 16). What opening and the first screen make is a few megabytes.
func startupGC() (restore func()) {
	old := debug.SetGCPercent(400)
	if old < 0 || old >= 400 {
		// GOGC=off, or already as free: leave it.
		debug.SetGCPercent(old)
		return func() {}
	}
	var once sync.Once
	restore = func() { once.Do(func() { debug.SetGCPercent(old) }) }
	time.AfterFunc(startupGCFor, restore)
	return restore
}

// startupGCFor bounds startupGC for a first screen that never settles,
// such as the first start's form.
const startupGCFor = 2 * time.Second

func demoFlags(fs *flag.FlagSet) runFunc {
	reset := fs.Bool("reset", false, "")
	return func(e *env, args []string) error {
		if *reset {
			if !e.dbSet {
				return usageErrorf("demo.reset.db")
			}
			if err := resetDemo(e); err != nil {
				return err
			}
		}
		return runDemo(e, args)
	}
}

// resetDemo writes a fresh demo over the file --db names (seed.ResetDemo),
// and says so.
func resetDemo(e *env) error {
	err := seed.ResetDemo(context.Background(), e.db, time.Now())
	if model.ErrorCode(err) == model.ECONFLICT {
		return refusef(model.ECONFLICT, "demo.reset.refused", e.db)
	}
	if err != nil {
		return err
	}
	fmt.Fprint(e.stderr, e.msg("demo.reset.done", e.db))
	return nil
}

// runDemo opens the demo data: in a temporary database removed on exit, or
// written once to --db when it is given; a demo file made before opens as
// it is (--reset makes it anew).
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
	demo, err := db.IsDemo(context.Background())
	if err != nil {
		db.Close()
		return err
	}
	var staffID string
	if demo {
		staffID, err = seed.DemoSignIn(context.Background(), db)
	} else {
		staffID, err = seed.Demo(context.Background(), db, time.Now())
	}
	db.Close()
	if err != nil {
		return err
	}
	if e.as != "" {
		staffID = ""
	}
	return e.openUI(staffID)
}

// questionTerminal is the terminal the interface may ask its questions on
// directly: standard output when the program draws there and reads its
// answers from standard input; nil otherwise.
func questionTerminal(e *env) io.Writer {
	if e.stdin != os.Stdin || e.stdout != os.Stdout {
		return nil
	}
	if st, err := os.Stdout.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return os.Stdout
}
