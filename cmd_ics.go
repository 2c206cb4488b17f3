package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"hiroba/data"
	"hiroba/model"
)

func init() {
	commands["ics"] = command{
		usage: "  hiroba ics export [--db PATH] [--community ID] [--from DATE --to DATE]  予定を iCalendar で書き出す\n" +
			"  hiroba ics import [--db PATH] FILE [--community ID]  iCalendar の予定を取り込む (同じ UID は更新)\n",
		setup: func(fs *flag.FlagSet) func(opt options, args []string, stdout, stderr io.Writer) error {
			community := fs.String("community", "", "")
			from := fs.String("from", "", "")
			to := fs.String("to", "", "")
			return func(opt options, args []string, stdout, stderr io.Writer) error {
				sub := ""
				if len(args) > 0 {
					sub = args[0]
				}
				switch sub {
				case "export":
					if len(args) > 1 {
						return usageErrorf("余分な引数があります: %s", strings.Join(args[1:], " "))
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
						return usageErrorf("--to (%s) が --from (%s) より前です", *to, *from)
					}
					ex.CommunityID = *community
					return runICSExport(opt, ex, stdout)
				case "import":
					if len(args) != 2 {
						return usageErrorf("取り込む iCalendar ファイルを一つ指定してください (標準入力なら -)")
					}
					if *from != "" || *to != "" {
						return usageErrorf("--from と --to は export でだけ使えます")
					}
					return runICSImport(opt, args[1], *community, stdout, stderr)
				}
				return usageErrorf("サブコマンドを指定してください: hiroba ics export か hiroba ics import FILE")
			}
		},
	}
}

// icsDate reads a YYYY-MM-DD date as midnight in Asia/Tokyo, plus days;
// "" is the zero time (no bound).
func icsDate(flagName, s string, days int) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	loc, err := time.LoadLocation(model.DefaultTimeZone)
	if err != nil {
		return time.Time{}, err
	}
	t, err := time.ParseInLocation("2006-01-02", s, loc)
	if err != nil {
		return time.Time{}, usageErrorf("%s %s は日付として読めません (例: 2027-04-01)", flagName, s)
	}
	return t.AddDate(0, 0, days), nil
}

func runICSExport(opt options, ex data.ICSExport, stdout io.Writer) error {
	db, err := open(opt, true)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	id, err := viewer(ctx, db, opt)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	if _, err := db.ExportICS(model.WithViewer(ctx, id), w, ex); err != nil {
		return err
	}
	return w.Flush()
}

func runICSImport(opt options, file, community string, stdout, stderr io.Writer) error {
	var in io.Reader = os.Stdin
	name := "標準入力"
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return model.Errorf(model.ENOTFOUND, "%s: 開けません (%v)", file, errors.Unwrap(err))
		}
		defer f.Close()
		in, name = f, file
	}
	var res *data.ICSImport
	err := withViewer(opt, true, "取り込む", func(ctx context.Context, db *data.DB) (err error) {
		res, err = db.ImportICS(ctx, in, community)
		return err
	})
	if err != nil {
		msg := model.ErrorMessage(err)
		if community == "" && strings.Contains(msg, "取り込み先のコミュニティを指定してください") {
			msg = strings.Replace(msg, "取り込み先のコミュニティを指定してください", "取り込み先のコミュニティを --community ID で指定してください", 1)
		}
		return model.Errorf(model.ErrorCode(err), "%s: %s。何も取り込んでいません", name, strings.TrimSuffix(msg, "。"))
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "hiroba ics import: %s: %s\n", name, model.CleanLine(w))
	}
	fmt.Fprintf(stdout, "%s: 新規 %d 件、更新 %d 件、変更なし %d 件、取り込まず %d 件\n", name, res.Created, res.Updated, res.Unchanged, res.Skipped)
	return nil
}
