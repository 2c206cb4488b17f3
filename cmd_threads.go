package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"hiroba/data"
	"hiroba/model"
)

func init() {
	commands["threads"] = command{
		usage: "  hiroba threads [--db PATH] --json [--kind K] [--community ID] [--status open|resolved] [--limit N]  相談の一覧 (JSON)\n",
		setup: func(fs *flag.FlagSet) func(opt options, args []string, stdout, stderr io.Writer) error {
			kind := fs.String("kind", "", "")
			community := fs.String("community", "", "")
			status := fs.String("status", "", "")
			limit := fs.Int("limit", 0, "")
			return func(opt options, args []string, stdout, stderr io.Writer) error {
				if len(args) > 0 {
					return usageErrorf("余分な引数があります: %s", strings.Join(args, " "))
				}
				k, err := parseKind(*kind)
				if err != nil {
					return err
				}
				switch *status {
				case "", "open", "resolved":
				default:
					return usageErrorf("--status は open か resolved です (%q は使えません)", *status)
				}
				if *limit < 0 {
					return usageErrorf("--limit は 0 以上の数です")
				}
				f := model.ThreadFilter{Kind: k, CommunityID: *community, Status: *status, Limit: *limit}
				return listJSON(opt, stdout, func(ctx context.Context, db *data.DB) ([]model.Thread, error) {
					list, _, err := db.FindThreads(ctx, f)
					return list, err
				})
			}
		},
	}
	commands["post"] = command{
		usage: "  hiroba post [--db PATH] --community ID --kind 相談 --title T --body-file F [--anonymous] [--as STAFF]  投稿して ID を表示\n",
		setup: func(fs *flag.FlagSet) func(opt options, args []string, stdout, stderr io.Writer) error {
			community := fs.String("community", "", "")
			kind := fs.String("kind", "相談", "")
			title := fs.String("title", "", "")
			bodyFile := fs.String("body-file", "", "")
			tags := fs.String("tags", "", "")
			anonymous := fs.Bool("anonymous", false, "")
			return func(opt options, args []string, stdout, stderr io.Writer) error {
				if len(args) > 0 {
					return usageErrorf("余分な引数があります: %s", strings.Join(args, " "))
				}
				if *community == "" {
					return usageErrorf("--community でコミュニティの ID を指定してください (hiroba communities --json で分かります)")
				}
				k, err := parseKind(*kind)
				if err != nil {
					return err
				}
				if k == "" {
					k = model.KindQuestion
				}
				body, err := readBody(*bodyFile)
				if err != nil {
					return err
				}
				t := &model.Thread{CommunityID: *community, Kind: k, Title: *title, Body: body, Tags: strings.Fields(*tags), Anonymous: *anonymous}
				return withViewer(opt, true, "投稿する", func(ctx context.Context, db *data.DB) error {
					if err := db.CreateThread(ctx, t); err != nil {
						return err
					}
					fmt.Fprintln(stdout, t.ID)
					return nil
				})
			}
		},
	}
	commands["reply"] = command{
		usage: "  hiroba reply [--db PATH] THREAD --body-file F [--anonymous] [--as STAFF]  返信して ID を表示\n",
		setup: func(fs *flag.FlagSet) func(opt options, args []string, stdout, stderr io.Writer) error {
			bodyFile := fs.String("body-file", "", "")
			anonymous := fs.Bool("anonymous", false, "")
			return func(opt options, args []string, stdout, stderr io.Writer) error {
				if len(args) != 1 {
					return usageErrorf("返信する相談の ID を一つ指定してください")
				}
				body, err := readBody(*bodyFile)
				if err != nil {
					return err
				}
				r := &model.Reply{ThreadID: args[0], Body: body, Anonymous: *anonymous}
				return withViewer(opt, true, "返信する", func(ctx context.Context, db *data.DB) error {
					if err := db.CreateReply(ctx, r); err != nil {
						return err
					}
					fmt.Fprintln(stdout, r.ID)
					return nil
				})
			}
		},
	}
}

// kindNames are the names a thread kind can be given by on the command
// line: its Japanese display name or its id.
var kindNames = map[string]model.ThreadKind{
	"相談": model.KindQuestion, "募集": model.KindCall, "アイデア": model.KindIdea, "体験談": model.KindExperience, "お知らせ": model.KindNotice,
}

func parseKind(s string) (model.ThreadKind, error) {
	if s == "" {
		return "", nil
	}
	if k, ok := kindNames[s]; ok {
		return k, nil
	}
	if k := model.ThreadKind(s); k.Valid() {
		return k, nil
	}
	return "", usageErrorf("--kind は 相談、募集、アイデア、体験談、お知らせ のどれかです (%q は使えません)", s)
}

// readBody reads a post's body from a file, or from standard input for "-".
func readBody(path string) (string, error) {
	if path == "" {
		return "", usageErrorf("--body-file で本文のファイルを指定してください (- は標準入力)")
	}
	var b []byte
	var err error
	if path == "-" {
		b, err = io.ReadAll(io.LimitReader(os.Stdin, 4*model.MaxBodyLen+1))
	} else {
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return "", model.Errorf(model.EINVALID, "本文のファイルを読めません: %v", err)
	}
	if !utf8.Valid(b) {
		return "", model.Errorf(model.EINVALID, "%s: 文字コードが正しくありません (UTF-8 で保存してください)", path)
	}
	return string(b), nil
}
