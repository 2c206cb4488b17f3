package cli

import (
	"context"
	"flag"
	"strings"

	"hiroba/data"
	"hiroba/model"
)

// threadsFlags lists the threads the viewer can read, as JSON.
func threadsFlags(fs *flag.FlagSet) runFunc {
	kind := fs.String("kind", "", "")
	community := fs.String("community", "", "")
	status := fs.String("status", "", "")
	limit := fs.Int("limit", 0, "")
	return func(e *env, args []string) error {
		if len(args) > 0 {
			return usageErrorf("run.extra", strings.Join(args, " "))
		}
		k, err := parseKind(*kind)
		if err != nil {
			return err
		}
		switch *status {
		case "", "open", "resolved":
		default:
			return usageErrorf("threads.status", *status)
		}
		if *limit < 0 {
			return usageErrorf("threads.limit")
		}
		f := model.ThreadFilter{Kind: k, CommunityID: *community, Status: *status, Limit: *limit}
		return listJSON(e, func(ctx context.Context, db *data.DB) ([]model.Thread, error) {
			if err := knownCommunity(ctx, db, f.CommunityID); err != nil {
				return nil, err
			}
			list, _, err := db.FindThreads(ctx, f)
			return list, err
		})
	}
}
