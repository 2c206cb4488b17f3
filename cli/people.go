package cli

import (
	"context"
	"flag"
	"strings"

	"hiroba/data"
	"hiroba/model"
)

// peopleFlags finds colleagues by topic, past department or experience
// ("税務課 経験", "育休"), as JSON with why each matched. It acts as --as,
// else the person this machine remembers, else the operator; whoever
// asks, a profile hidden from search is never found.
func peopleFlags(fs *flag.FlagSet) runFunc {
	muni := fs.String("municipality", "", "")
	limit := fs.Int("limit", 50, "")
	return func(e *env, args []string) error {
		if len(args) == 0 || args[0] != "search" {
			return usageErrorf("people.sub")
		}
		query := strings.TrimSpace(strings.Join(args[1:], " "))
		if query == "" {
			return usageErrorf("people.query")
		}
		if *limit < 1 {
			return usageErrorf("search.limit")
		}
		if !e.json {
			return refusef(model.EINVALID, "run.json.only")
		}
		return e.withViewer(false, "", func(ctx context.Context, db *data.DB) error {
			if model.ViewerFrom(ctx) == "" {
				ctx = data.AsOperator(ctx)
			}
			m, err := municipality(ctx, db, *muni)
			if err != nil {
				return err
			}
			found, err := db.SearchPeople(ctx, model.PeopleQuery{Text: query, MunicipalityID: m.ID, Limit: *limit})
			if err != nil {
				return err
			}
			return writeList(e, found)
		})
	}
}
