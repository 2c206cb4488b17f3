// hiroba (広場) is a terminal app where municipal staff of a regional area
// find purpose-based communities, consult each other, hand over their
// duties and see the community calendar.
//
// main parses the command line and wires the interface to the database.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"hiroba/data"
	"hiroba/data/seed"
	"hiroba/model"
	"hiroba/ui"
)

// Version is set at build time with -ldflags "-X main.Version=...".
var Version = "0.1.0-dev"

const usage = `hiroba (広場) — 広域圏の職員のための目的別コミュニティ

使い方:
  hiroba [--db PATH] [--as STAFF] [--lang ja|en]   画面を開く
  hiroba demo [--db PATH]                          デモデータで開く
  hiroba version                                   版を表示
  hiroba check [--db PATH]                         データベースを検査
  hiroba backup [--db PATH] OUT                    一貫したコピーを作る
  hiroba communities [--db PATH] --json            コミュニティの一覧 (JSON)
  hiroba staff [--db PATH] --json                  職員の一覧 (JSON)
  hiroba seed --db PATH --scale N                  ベンチマーク用の大きなデータ
%s

共通のオプション:
  --db PATH     データベース (既定: $HIROBA_DB、なければ $XDG_DATA_HOME/hiroba/hiroba.db)
  --as STAFF    この職員として開く (id か正確な名前)
  --lang LANG   表示言語 ja (既定) か en
  --shared      ネットワーク共有上のファイル用 (WAL を使わない)
`

// options are the flags every command accepts.
type options struct {
	db     string
	as     string
	lang   string
	shared bool
	json   bool
	scale  float64
	dbSet  bool // --db was given on the command line
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// command is a subcommand kept in its own file. setup adds the command's
// own flags to fs and returns what runs it with the positional arguments.
type command struct {
	usage string // lines for the usage text, each ending in a newline
	setup func(fs *flag.FlagSet) func(opt options, args []string, stdout, stderr io.Writer) error
}

// commands are the subcommands registered by cmd_*.go files.
var commands = map[string]command{}

// globalValueFlags take a value in the next argument when written without =.
var globalValueFlags = map[string]bool{"db": true, "as": true, "lang": true, "scale": true}

// commandName finds the subcommand: the first argument that is neither a
// flag nor a global flag's value.
func commandName(args []string) (string, []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && globalValueFlags[name] {
				i++
			}
			continue
		}
		return a, append(append([]string{}, args[:i]...), args[i+1:]...)
	}
	return "", args
}

func usageText() string {
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	var extra strings.Builder
	for _, name := range names {
		extra.WriteString(commands[name].usage)
	}
	return fmt.Sprintf(usage, extra.String())
}

// run is the whole program; it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	cmd, args := commandName(args)
	var opt options
	fs := flag.NewFlagSet("hiroba", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&opt.db, "db", "", "")
	fs.StringVar(&opt.as, "as", "", "")
	fs.StringVar(&opt.lang, "lang", "", "")
	fs.BoolVar(&opt.shared, "shared", false, "")
	fs.BoolVar(&opt.json, "json", false, "")
	fs.Float64Var(&opt.scale, "scale", 0, "")
	var runCommand func(opt options, args []string, stdout, stderr io.Writer) error
	if c, ok := commands[cmd]; ok {
		runCommand = c.setup(fs)
	}
	rest, err := parseInterspersed(fs, args)
	if err != nil || cmd == "help" {
		if errors.Is(err, flag.ErrHelp) || cmd == "help" {
			fmt.Fprint(stdout, usageText())
			return 0
		}
		fmt.Fprintf(stderr, "hiroba: %v\n\n%s", err, usageText())
		return 2
	}
	fs.Visit(func(f *flag.Flag) { opt.dbSet = opt.dbSet || f.Name == "db" })
	if opt.db == "" {
		opt.db = defaultDBPath()
	}

	var runErr error
	switch cmd {
	case "":
		if len(rest) > 0 {
			fmt.Fprintf(stderr, "hiroba: %q というコマンドはありません\n\n%s", rest[0], usageText())
			return 2
		}
		runErr = runUI(opt, "")
	case "demo":
		runErr = runDemo(opt)
	case "version":
		fmt.Fprintf(stdout, "hiroba %s (schema %d)\n", Version, data.SchemaVersion())
	case "check":
		return runCheck(opt, stdout, stderr)
	case "backup":
		if len(rest) != 1 {
			fmt.Fprintf(stderr, "hiroba backup: 出力先のファイルを一つ指定してください\n")
			return 2
		}
		runErr = runBackup(opt, rest[0], stdout)
	case "communities":
		runErr = runCommunities(opt, stdout)
	case "staff":
		runErr = runStaff(opt, stdout)
	case "seed":
		runErr = runSeed(opt, stderr)
	default:
		if runCommand == nil {
			fmt.Fprintf(stderr, "hiroba: %q というコマンドはありません\n\n%s", cmd, usageText())
			return 2
		}
		runErr = runCommand(opt, rest, stdout, stderr)
	}
	var usageErr *usageError
	if errors.As(runErr, &usageErr) {
		fmt.Fprintf(stderr, "hiroba %s: %s\n", cmd, usageErr.msg)
		return 2
	}
	if runErr != nil {
		msg := model.ErrorMessage(runErr)
		var e *model.Error
		if errors.As(runErr, &e) && fieldNames[e.Field] != "" {
			msg = fieldNames[e.Field] + ": " + msg
		}
		fmt.Fprintf(stderr, "hiroba: %s\n", model.CleanText(msg))
		return 1
	}
	return 0
}

// fieldNames name the fields of a refused input, so that a message such as
// 入力してください says what to fill in.
var fieldNames = map[string]string{
	"title": "タイトル", "body": "本文", "kind": "種類", "name": "名前", "summary": "概要", "description": "説明",
	"comment": "コメント", "slots": "募集人数", "deadline": "締め切り", "place": "場所", "department": "所属",
}

// usageError is a command line that cannot be run as written: exit 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// parseInterspersed parses flags that may stand before, between or after
// the positional arguments, and returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

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

func open(opt options, readOnly bool) (*data.DB, error) {
	return data.Open(opt.db, data.Options{Shared: opt.shared, ReadOnly: readOnly})
}

// viewer finds who acts: --as, else the person this machine remembers for
// the database, else nobody ("").
func viewer(ctx context.Context, db *data.DB, opt options) (string, error) {
	if opt.as != "" {
		s, err := db.StaffByIDOrName(ctx, opt.as)
		if err != nil {
			return "", fmt.Errorf("--as %s: %w", opt.as, err)
		}
		return s.ID, nil
	}
	id := data.Profiles{Path: data.DefaultProfilesPath()}.Get(db.Path)
	if id == "" {
		return "", nil
	}
	if _, err := db.StaffByID(ctx, id); err != nil {
		// The database was replaced since: ask again.
		return "", nil
	}
	return id, nil
}

func runUI(opt options, staffID string) error {
	db, err := open(opt, false)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	if staffID == "" {
		if staffID, err = viewer(ctx, db, opt); err != nil {
			return err
		}
	}
	profiles := data.Profiles{Path: data.DefaultProfilesPath()}
	app := ui.New(ui.Config{
		Store:    db,
		Lang:     ui.LangFromEnv(opt.lang),
		StaffID:  staffID,
		ReadOnly: db.ReadOnly,
		Location: displayLocation(),
		Remember: func(id string) error { return profiles.Set(db.Path, id) },
		// Others' changes to the file appear within about a second.
		LiveEvery: ui.LiveInterval,
	})
	_, err = tea.NewProgram(app).Run()
	return err
}

// runDemo opens the demo data: in a temporary database removed on exit, or
// written once to --db when it is given.
func runDemo(opt options) error {
	if !opt.dbSet {
		dir, err := os.MkdirTemp("", "hiroba-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		opt.db = filepath.Join(dir, "demo.db")
	}
	db, err := open(opt, false)
	if err != nil {
		return err
	}
	staffID, err := seed.Demo(context.Background(), db, time.Now())
	db.Close()
	if err != nil {
		return err
	}
	if opt.as != "" {
		staffID = ""
	}
	return runUI(opt, staffID)
}

func runCheck(opt options, stdout, stderr io.Writer) int {
	db, err := open(opt, true)
	if err != nil {
		fmt.Fprintf(stderr, "hiroba check: %s\n", model.ErrorMessage(err))
		return 1
	}
	defer db.Close()
	ctx := context.Background()
	v, err := db.Version(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "hiroba check: %s: %v\n", db.Path, err)
		return 1
	}
	lines, err := db.IntegrityCheck(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "hiroba check: %s: %v\n", db.Path, err)
		return 1
	}
	fmt.Fprintf(stdout, "%s\nschema: %d (this hiroba: %d)\n", db.Path, v, data.SchemaVersion())
	for _, l := range lines {
		fmt.Fprintf(stdout, "integrity_check: %s\n", l)
	}
	if len(lines) != 1 || lines[0] != "ok" || v != data.SchemaVersion() {
		return 1
	}
	return 0
}

func runBackup(opt options, out string, stdout io.Writer) error {
	db, err := open(opt, true)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(context.Background(), out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\n", out)
	return nil
}

// displayLocation is the zone times are shown in: Japan's, where every
// community meets, unless TZ names another. A machine left at UTC (a
// server, a fresh laptop) would otherwise show 16:30 as 07:30.
func displayLocation() *time.Location {
	if os.Getenv("TZ") == "" {
		if loc, err := time.LoadLocation("Asia/Tokyo"); err == nil {
			return loc
		}
	}
	return time.Local
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// withViewer opens the database (read-only unless write), finds who acts
// (--as, else the person this machine remembers) and runs fn as them. A
// command that writes needs someone: doing names the action for the
// message when nobody is known.
func withViewer(opt options, write bool, doing string, fn func(ctx context.Context, db *data.DB) error) error {
	db, err := open(opt, !write)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	id, err := viewer(ctx, db, opt)
	if err != nil {
		return err
	}
	if write && id == "" {
		return model.Errorf(model.EFORBIDDEN, "誰として%sか分かりません。--as で職員の ID か名前を指定してください", doing)
	}
	return fn(model.WithViewer(ctx, id), db)
}

// listJSON opens the database read-only, acting as the viewer, and writes
// what list returns as a JSON array.
func listJSON[T any](opt options, stdout io.Writer, list func(ctx context.Context, db *data.DB) ([]T, error)) error {
	if !opt.json {
		return model.Errorf(model.EINVALID, "いまは --json での出力だけに対応しています")
	}
	return withViewer(opt, false, "", func(ctx context.Context, db *data.DB) error {
		rows, err := list(ctx, db)
		if err != nil {
			return err
		}
		if rows == nil {
			rows = []T{}
		}
		return writeJSON(stdout, rows)
	})
}

func runCommunities(opt options, stdout io.Writer) error {
	return listJSON(opt, stdout, func(ctx context.Context, db *data.DB) ([]model.Community, error) {
		list, _, err := db.FindCommunities(ctx, model.CommunityFilter{})
		return list, err
	})
}

func runStaff(opt options, stdout io.Writer) error {
	return listJSON(opt, stdout, func(ctx context.Context, db *data.DB) ([]model.Staff, error) {
		return db.FindStaff(ctx, 0, 0)
	})
}

func runSeed(opt options, stderr io.Writer) error {
	if opt.scale <= 0 {
		return model.Errorf(model.EINVALID, "--scale に正の数を指定してください (例: 1 や 0.01)")
	}
	db, err := open(opt, false)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	last := ""
	err = seed.Scale(context.Background(), db, opt.scale, time.Now(), func(stage string, done, total int) {
		if stage != last || done == total {
			fmt.Fprintf(stderr, "%s %s/%s\n", stage, strconv.Itoa(done), strconv.Itoa(total))
			last = stage
		}
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%s: %.1f秒\n", db.Path, time.Since(start).Seconds())
	return nil
}
