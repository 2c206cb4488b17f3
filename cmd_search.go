package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"hiroba/data"
	"hiroba/model"
)

func init() {
	commands["search"] = command{
		usage: "  hiroba search [--db PATH] QUERY --json [--limit N]   相談・返信・引き継ぎ書・予定・コミュニティを検索 (JSON)\n",
		setup: func(fs *flag.FlagSet) func(opt options, args []string, stdout, stderr io.Writer) error {
			limit := fs.Int("limit", 50, "")
			return func(opt options, args []string, stdout, stderr io.Writer) error {
				query := strings.TrimSpace(strings.Join(args, " "))
				if query == "" {
					return usageErrorf("検索する言葉を指定してください (例: hiroba search 育休 --json)")
				}
				if *limit < 1 {
					return usageErrorf("--limit は 1 以上の数です")
				}
				return listJSON(opt, stdout, func(ctx context.Context, db *data.DB) ([]model.SearchResult, error) {
					return db.Search(ctx, query, *limit)
				})
			}
		},
	}
	// The first open after the search migration indexes every row, which
	// takes minutes on a large database: say so on standard error.
	var mu sync.Mutex
	var last time.Time
	data.IndexProgress = func(done, total int, elapsed time.Duration) {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case done == 0:
			fmt.Fprintf(os.Stderr, "hiroba: 検索の索引を作っています (%d 件、初回だけです)...\n", total)
		case done == total:
			fmt.Fprintf(os.Stderr, "hiroba: 検索の索引ができました (%d 件、%s)\n", total, elapsed.Round(time.Second))
		case time.Since(last) >= 10*time.Second:
			fmt.Fprintf(os.Stderr, "hiroba: 検索の索引 %d / %d 件 (%s)\n", done, total, elapsed.Round(time.Second))
		default:
			return
		}
		last = time.Now()
	}
}
