package cli

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"hiroba/data"
	"hiroba/model"
)

// snapshotFlags takes a drill copy (訓練用コピー) of the database for a
// laptop with no network: one file that hiroba opens like any database
// and that `hiroba merge` takes back afterwards. Administrators, or the
// operator without --as.
func snapshotFlags(fs *flag.FlagSet) runFunc {
	out := fs.String("out", "", "")
	muni := fs.String("municipality", "", "")
	return func(e *env, args []string) error {
		if len(args) > 0 {
			return usageErrorf("run.extra", strings.Join(args, " "))
		}
		if *out == "" {
			return usageErrorf("snapshot.out")
		}
		return e.operatorUnlessAs(false, func(ctx context.Context, db *data.DB) error {
			m, err := municipality(ctx, db, *muni)
			if err != nil {
				return err
			}
			s, err := db.Snapshot(ctx, *out, model.SnapshotOptions{MunicipalityID: m.ID})
			if err != nil {
				return err
			}
			if e.json {
				return e.writeJSON(s)
			}
			what := e.msg("snapshot.all")
			if s.MunicipalityID != "" {
				what = e.msg("snapshot.one", model.CleanLine(s.Municipality))
			}
			fmt.Fprint(e.stdout, e.msg("snapshot.done", s.Path, humanSize(s.Size), what,
				s.TakenAt.In(displayLocation()).Format("2006-01-02 15:04")))
			fmt.Fprint(e.stdout, e.msg("snapshot.laptop", filepath.Base(s.Path)))
			return nil
		})
	}
}

// humanSize writes a file size as people read it: 812 KB, 12.3 MB.
func humanSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", (n+512)>>10)
	}
	return fmt.Sprintf("%d B", n)
}
