package cli

import (
	"context"
	"flag"
	"strings"

	"hiroba/data"
	"hiroba/model"
)

// searchFlags searches threads, replies, notes, events and communities the
// viewer can read, as JSON.
func searchFlags(fs *flag.FlagSet) runFunc {
	limit := fs.Int("limit", 50, "")
	return func(e *env, args []string) error {
		query := strings.TrimSpace(strings.Join(args, " "))
		if query == "" {
			return usageErrorf("search.query")
		}
		if *limit < 1 {
			return usageErrorf("search.limit")
		}
		return listJSON(e, func(ctx context.Context, db *data.DB) ([]model.SearchResult, error) {
			return db.Search(ctx, query, *limit)
		})
	}
}
