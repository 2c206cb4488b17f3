package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"hiroba/data"
	"hiroba/model"
)

func icsFlags(fs *flag.FlagSet) runFunc {
	community := fs.String("community", "", "")
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	strict := fs.Bool("strict", false, "")
	move := fs.Bool("move", false, "")
	return func(e *env, args []string) error {
		sub := ""
		if len(args) > 0 {
			sub = args[0]
		}
		switch sub {
		case "export":
			if len(args) > 1 {
				return usageErrorf("run.extra", strings.Join(args[1:], " "))
			}
			var ex data.ICSExport
			var err error
			if ex.From, err = icsDate("--from", *from, 0); err != nil {
				return err
			}
			// --to is the last day, included.
			if ex.To, err = icsDate("--to", *to, 1); err != nil {
				return err
			}
			if !ex.From.IsZero() && !ex.To.IsZero() && !ex.From.Before(ex.To) {
				return usageErrorf("ics.order", *to, *from)
			}
			ex.CommunityID = *community
			return e.exportICS(ex)
		case "import":
			if len(args) != 2 {
				return usageErrorf("ics.import.file")
			}
			if *from != "" || *to != "" {
				return usageErrorf("ics.import.span")
			}
			if *move && *community == "" {
				return usageErrorf("ics.move.only")
			}
			return e.importICS(args[1], data.ICSImportOptions{CommunityID: *community, Strict: *strict, Move: *move})
		}
		return usageErrorf("ics.sub")
	}
}

// icsDate reads a YYYY-MM-DD date as midnight in Asia/Tokyo, plus days;
// "" is the zero time (no bound).
func icsDate(flagName, s string, days int) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02", s, tokyo)
	if err != nil {
		return time.Time{}, usageErrorf("ics.date", flagName, s)
	}
	return t.AddDate(0, 0, days), nil
}

func (e *env) exportICS(ex data.ICSExport) error {
	return e.withViewer(false, "", func(ctx context.Context, db *data.DB) error {
		w := bufio.NewWriter(e.stdout)
		if _, err := db.ExportICS(ctx, w, ex); err != nil {
			return err
		}
		return w.Flush()
	})
}

// importICS reads file ("-" for standard input): the events it can, each
// one skipped said on standard error with its line and why; with
// opt.Strict all of them or, when anything is wrong, none.
func (e *env) importICS(file string, opt data.ICSImportOptions) error {
	in, name := e.stdin, e.msg("ics.stdin")
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return refusef(model.ENOTFOUND, "ics.open", file, errors.Unwrap(err))
		}
		defer f.Close()
		in, name = f, file
	}
	var res *data.ICSImport
	err := e.withViewer(true, "ics.doing", func(ctx context.Context, db *data.DB) (err error) {
		res, err = db.ImportICS(ctx, in, opt)
		return err
	})
	// New events with no community: the command line says how to give one.
	var me *model.Error
	switch {
	case err == nil:
	case errors.As(err, &me) && me.Key == "err.ics.nocommunity":
		return refusef(me.Code, "ics.homeless", append([]any{name}, me.Args...)...)
	case errors.As(err, &me) && me.Key == "err.ics.nocommunity.none":
		return refusef(me.Code, "ics.homeless.none", append([]any{name}, me.Args...)...)
	default:
		return refusef(model.ErrorCode(err), "ics.refused", name, strings.TrimSuffix(e.errText(err), e.msg("ics.stop")))
	}
	for _, w := range res.Warnings {
		fmt.Fprint(e.stderr, e.msg("ics.warning", name, model.CleanLine(e.errText(w))))
	}
	for _, s := range res.Skips {
		fmt.Fprint(e.stderr, e.msg("ics.skipped", name, model.CleanLine(e.errText(s.Err))))
	}
	fmt.Fprint(e.stdout, e.msg("ics.imported", name, res.Created, res.Updated, res.Unchanged, res.Skipped))
	return nil
}
