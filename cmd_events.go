package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"hiroba/model"
)

func init() {
	commands["events"] = command{
		usage: "  hiroba events --from DATE --to DATE [--json] [--community ID]   予定の一覧 (繰り返しを展開、--to の日を含む)\n",
		setup: func(fs *flag.FlagSet) func(opt options, args []string, stdout, stderr io.Writer) error {
			from := fs.String("from", "", "")
			to := fs.String("to", "", "")
			community := fs.String("community", "", "")
			return func(opt options, args []string, stdout, stderr io.Writer) error {
				if len(args) > 0 {
					return usageErrorf("余分な引数 %q があります (例: hiroba events --from 2027-01-01 --to 2027-01-31 --json)", args[0])
				}
				return runEvents(opt, *from, *to, *community, stdout)
			}
		},
	}
}

// eventsZone is the zone of the command line's dates and times.
var eventsZone = func() *time.Location {
	loc, err := time.LoadLocation(model.DefaultTimeZone)
	if err != nil {
		return time.FixedZone("JST", 9*3600)
	}
	return loc
}()

// maxEventsSpan bounds --from to --to, so that a typing mistake in a year
// does not expand weekly series over centuries.
const maxEventsSpan = 10 * 366

// eventsDate reads a YYYY-MM-DD flag as the start of that day in Tokyo.
func eventsDate(flagName, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, usageErrorf("--%s の日付を YYYY-MM-DD で指定してください (例: hiroba events --from 2027-01-01 --to 2027-01-31 --json)", flagName)
	}
	t, err := time.ParseInLocation("2006-01-02", s, eventsZone)
	if err != nil {
		return time.Time{}, usageErrorf("--%s の日付 %q を読めません。YYYY-MM-DD の形で、実在する日付を指定してください (例: 2027-01-20)", flagName, s)
	}
	return t, nil
}

// occurrenceJSON is one line of `hiroba events --json`.
type occurrenceJSON struct {
	EventID     string    `json:"event_id"`
	Title       string    `json:"title"`
	Community   string    `json:"community"`
	CommunityID string    `json:"community_id"`
	Start       time.Time `json:"start"` // in Asia/Tokyo
	End         time.Time `json:"end"`
	AllDay      bool      `json:"all_day"`
	Place       string    `json:"place"`
	OnlineURL   string    `json:"online_url,omitempty"`
	Recurring   bool      `json:"recurring,omitempty"`
	Moved       bool      `json:"moved,omitempty"`
	Going       int       `json:"going"`
	Capacity    int       `json:"capacity,omitempty"`
}

// runEvents lists the occurrences from the start of --from to the end of
// --to that the viewer can see, in order of start.
func runEvents(opt options, fromFlag, toFlag, community string, stdout io.Writer) error {
	from, err := eventsDate("from", fromFlag)
	if err != nil {
		return err
	}
	to, err := eventsDate("to", toFlag)
	if err != nil {
		return err
	}
	if to.Before(from) {
		return usageErrorf("--to (%s) が --from (%s) より前です", toFlag, fromFlag)
	}
	if to.Sub(from) > maxEventsSpan*24*time.Hour {
		return usageErrorf("期間が長すぎます。--from から --to までは 10 年以内にしてください")
	}
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
	ctx = model.WithViewer(ctx, id)
	if community != "" {
		if _, err := db.CommunityByID(ctx, community); err != nil {
			return fmt.Errorf("--community %s: %w", community, err)
		}
	}
	list, err := db.Occurrences(ctx, from, to.AddDate(0, 0, 1), community)
	if err != nil {
		return err
	}
	rows := make([]occurrenceJSON, 0, len(list))
	for _, o := range list {
		e := o.Event
		rows = append(rows, occurrenceJSON{
			EventID: e.ID, Title: e.Title, Community: e.CommunityName, CommunityID: e.CommunityID,
			Start: o.Start.In(eventsZone), End: o.End.In(eventsZone), AllDay: e.AllDay,
			Place: e.Place, OnlineURL: e.OnlineURL, Recurring: e.RRule != "", Moved: o.Moved,
			Going: o.Going, Capacity: e.Capacity,
		})
	}
	if opt.json {
		return writeJSON(stdout, rows)
	}
	for _, r := range rows {
		when := r.Start.Format("2006-01-02 15:04") + "-" + r.End.Format("15:04")
		if r.AllDay {
			when = r.Start.Format("2006-01-02") + " 終日      "
		}
		place := r.Place
		if place == "" && r.OnlineURL != "" {
			place = "オンライン"
		}
		fmt.Fprintf(stdout, "%s  %s  %s  %s\n", when, model.CleanLine(r.Title), model.CleanLine(place), r.EventID)
	}
	return nil
}
