package main

import (
	"context"
	"flag"
	"io"
	"strings"

	"hiroba/data"
	"hiroba/document"
	"hiroba/model"
)

func init() {
	commands["handover"] = command{
		usage: "  hiroba handover export [--db PATH] ID [--format md]  引き継ぎ書を印刷用の Markdown で書き出す\n",
		setup: func(fs *flag.FlagSet) func(opt options, args []string, stdout, stderr io.Writer) error {
			format := fs.String("format", "md", "")
			return func(opt options, args []string, stdout, stderr io.Writer) error {
				if len(args) == 0 || args[0] != "export" {
					return usageErrorf("サブコマンドを指定してください: hiroba handover export ID [--format md]")
				}
				if len(args) != 2 {
					return usageErrorf("書き出す引き継ぎ書の ID を一つ指定してください")
				}
				if *format != "md" {
					return usageErrorf("--format は md だけに対応しています (%q は使えません)", *format)
				}
				return runHandoverExport(opt, args[1], stdout)
			}
		},
	}
	commands["handovers"] = command{
		usage: "  hiroba handovers [--db PATH] --json [--status S] [--mine]  引き継ぎ書の一覧 (JSON)\n",
		setup: func(fs *flag.FlagSet) func(opt options, args []string, stdout, stderr io.Writer) error {
			status := fs.String("status", "", "")
			mine := fs.Bool("mine", false, "")
			return func(opt options, args []string, stdout, stderr io.Writer) error {
				if len(args) > 0 {
					return usageErrorf("余分な引数があります: %s", strings.Join(args, " "))
				}
				switch *status {
				case "", model.HandoverDraft, model.HandoverHandedOver, model.HandoverAcknowledged:
				default:
					return usageErrorf("--status は draft、handed_over、acknowledged のどれかです (%q は使えません)", *status)
				}
				f := model.HandoverFilter{Status: *status}
				if *mine {
					f.Mine = model.MineAsEither
				}
				return listJSON(opt, stdout, func(ctx context.Context, db *data.DB) ([]model.Handover, error) {
					list, _, err := db.FindHandovers(ctx, f)
					return list, err
				})
			}
		},
	}
}

func runHandoverExport(opt options, id string, stdout io.Writer) error {
	db, err := open(opt, true)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	who, err := viewer(ctx, db, opt)
	if err != nil {
		return err
	}
	ctx = model.WithViewer(ctx, who)
	h, err := db.HandoverByID(ctx, id)
	if err != nil {
		return err
	}
	qs, err := db.Questions(ctx, id)
	if err != nil {
		return err
	}
	_, err = io.WriteString(stdout, document.Handover(h, qs))
	return err
}
