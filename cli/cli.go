// Package cli is hiroba's command line: it parses the arguments, opens the
// database and wires it to the interface, the SSH server or one of the
// commands that script the data. Each command has its own file; the table
// below lists them all and is what `hiroba help` prints.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"hiroba/model"
	"hiroba/ui"
	"hiroba/ui/kit"
)

// Version is set at build time with -ldflags "-X hiroba/cli.Version=...".
var Version = "0.1.0-dev"

// command is one line of the table: its name (the first argument; "" opens
// the interface) and setup, which adds the command's own flags to fs and
// returns what runs it with the positional arguments. Its lines of the
// usage text are the message usage.<name>.
type command struct {
	name  string
	setup func(fs *flag.FlagSet) runFunc
}

type runFunc func(e *env, args []string) error

// commands are every command, in the order `hiroba help` lists them.
// "help" itself (and -h anywhere) prints that list.
var commands = []command{
	{"", noFlags(runUI)},
	{"demo", demoFlags},
	{"version", noFlags(runVersion)},
	{"check", noFlags(runCheck)},
	{"backup", noFlags(runBackup)},
	{"communities", noFlags(runCommunities)},
	{"staff", noFlags(runStaff)},
	{"seed", noFlags(runSeed)},
	{"admin", adminFlags},
	{"ledger", ledgerFlags},
	{"people", peopleFlags},
	{"fellows", fellowsFlags},
	{"snapshot", snapshotFlags},
	{"merge", mergeFlags},
	{"events", eventsFlags},
	{"handover", handoverFlags},
	{"handovers", handoversFlags},
	{"holidays", noFlags(runHolidays)},
	{"ics", icsFlags},
	{"post", postFlags},
	{"reply", replyFlags},
	{"search", searchFlags},
	{"serve", serveFlags},
	{"threads", threadsFlags},
}

func noFlags(run runFunc) func(*flag.FlagSet) runFunc {
	return func(*flag.FlagSet) runFunc { return run }
}

// usage is the text of `hiroba help` in lang.
func usage(lang string) string {
	var b strings.Builder
	b.WriteString(say(lang, "usage.head"))
	for _, c := range commands {
		b.WriteString(say(lang, "usage."+c.name))
	}
	b.WriteString(say(lang, "usage.tail"))
	return b.String()
}

// helpFor is the help of one command, `hiroba help CMD` or `hiroba CMD
// --help`: its lines of the list, the options every command accepts,
// and where the whole list is. Any other topic gets the whole list.
func helpFor(lang, topic string) string {
	for _, c := range commands {
		if c.name == topic && topic != "" {
			return say(lang, "usage.head") + say(lang, "usage."+c.name) + say(lang, "usage.tail") + say(lang, "usage.more")
		}
	}
	return usage(lang)
}

// options are the flags every command accepts.
type options struct {
	db      string
	as      string
	lang    string
	theme   string // light, dark or "": ask the terminal
	shared  bool
	json    bool
	scale   float64
	dbSet   bool   // --db was given on the command line
	cluster string // --cluster DIR: this machine's folder of a cluster (extend.go)
}

// env is one run of the program: its options and its streams. lang is
// the language it speaks, "ja" or "en" (--lang, else the environment's);
// names is the interface's catalogue in that language, which says the
// errors of model and data and names what the interface names.
type env struct {
	options
	stdin          io.Reader
	stdout, stderr io.Writer
	names          *kit.Catalog
	serving        bool // the database is opened for serve (Target.Serve)
}

// Run is the whole program: it runs the command that args name, with the
// streams given, and returns the exit status: 0 done, 1 refused or
// failed, 2 a command line that cannot be run as written.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	name, args := commandName(args)
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	fs := flag.NewFlagSet("hiroba", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&e.db, "db", "", "")
	fs.StringVar(&e.as, "as", "", "")
	fs.StringVar(&e.lang, "lang", "", "")
	fs.StringVar(&e.theme, "theme", "", "")
	fs.BoolVar(&e.shared, "shared", false, "")
	fs.BoolVar(&e.json, "json", false, "")
	fs.Float64Var(&e.scale, "scale", 0, "")
	fs.StringVar(&e.cluster, "cluster", "", "")
	var run runFunc
	for _, c := range commands {
		if c.name == name {
			run = c.setup(fs)
		}
	}
	rest, err := parseInterspersed(fs, args)
	switch e.lang {
	case "", "ja", "en":
		e.lang = ui.LangFromEnv(e.lang)
	default:
		fmt.Fprint(stderr, say(ui.LangFromEnv(""), "run.lang", e.lang))
		return 2
	}
	e.names = kit.NewCatalog(e.lang, tokyo, nil)
	reportIndexing(e.lang)
	if err != nil || name == "help" {
		if errors.Is(err, flag.ErrHelp) || name == "help" {
			topic := name
			if name == "help" && len(rest) > 0 {
				topic = rest[0]
			}
			fmt.Fprint(stdout, helpFor(e.lang, topic))
			return 0
		}
		fmt.Fprint(stderr, e.msg("run.flags", err, usage(e.lang)))
		return 2
	}
	fs.Visit(func(f *flag.Flag) { e.dbSet = e.dbSet || f.Name == "db" })
	if e.db == "" {
		e.db = defaultDBPath()
	}
	if name == "" && len(rest) > 0 {
		name, run = rest[0], nil
	}
	if run == nil {
		fmt.Fprint(stderr, e.msg("run.unknown", name, usage(e.lang)))
		return 2
	}
	if e.theme != "" && e.theme != "light" && e.theme != "dark" {
		return e.exit(name, usageErrorf("run.theme", e.theme))
	}
	switch name {
	case "", "demo", "ics":
		// The screens write the terminal's own sequences; an iCalendar
		// file needs its CRLF, and ical.Write cleans each field.
	default:
		out, errs := &cleanWriter{w: stdout}, &cleanWriter{w: stderr}
		defer out.Flush()
		defer errs.Flush()
		e.stdout, e.stderr = out, errs
	}
	return e.exit(name, run(e, rest))
}

// exit says what err means and returns the exit status.
func (e *env) exit(name string, err error) int {
	var status exitStatus
	var usageErr *usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &status):
		return int(status)
	case errors.As(err, &usageErr):
		fmt.Fprint(e.stderr, e.msg("run.usage", name, e.msg(usageErr.key, usageErr.args...)))
		return 2
	}
	fmt.Fprint(e.stderr, e.msg("run.error", model.CleanText(e.errText(err))))
	return 1
}

// errText is what err says to the person: a refusal of the command line
// in its own words, an error of model or data in the catalogue's, with
// the name of the field at fault in front; the message of any other.
func (e *env) errText(err error) string {
	var me *model.Error
	if !errors.As(err, &me) {
		return err.Error()
	}
	if me.Key != "" && hasMsg(me.Key) {
		return e.msg(me.Key, e.names.Args(me.Args)...)
	}
	text := e.names.Err(me)
	if hasMsg("field." + me.Field) {
		text = e.msg("field."+me.Field) + ": " + text
	}
	return text
}

// exitStatus ends a command that has already said what went wrong.
type exitStatus int

func (s exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(s)) }

// usageError is a command line that cannot be run as written: exit 2.
// It is said in the person's language when the run ends.
type usageError struct {
	key  string
	args []any
}

func (e *usageError) Error() string { return say("ja", e.key, e.args...) }

// usageErrorf is the usage error of the message key.
func usageErrorf(key string, args ...any) error {
	return &usageError{key: key, args: args}
}

// refusef is a model.Error of code whose text is the message key, keyed
// so that the run's end says it in the person's language.
func refusef(code, key string, args ...any) error {
	return &model.Error{Code: code, Key: key, Args: args, Message: say("ja", key, args...)}
}

// globalValueFlags take a value in the next argument when written without =.
var globalValueFlags = map[string]bool{"db": true, "as": true, "lang": true, "theme": true, "scale": true, "cluster": true}

// commandName finds the command: the first argument that is neither a flag
// nor a global flag's value.
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
