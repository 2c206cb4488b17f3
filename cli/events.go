package cli

import (
	"context"
	"flag"
	"fmt"
	"time"

	"hiroba/data"
	"hiroba/model"
)

func eventsFlags(fs *flag.FlagSet) runFunc {
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	community := fs.String("community", "", "")
	return func(e *env, args []string) error {
		if len(args) > 0 {
			return usageErrorf("events.extra", args[0])
		}
		return e.events(*from, *to, *community)
	}
}

// maxEventsSpan bounds --from to --to, so that a typing mistake in a year
// does not expand weekly series over centuries.
const maxEventsSpan = 10 * 366

// eventsDate reads a YYYY-MM-DD flag as the start of that day in Tokyo.
func eventsDate(flagName, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, usageErrorf("events.missing", flagName)
	}
	t, err := time.ParseInLocation("2006-01-02", s, tokyo)
	if err != nil {
		return time.Time{}, usageErrorf("events.bad", flagName, s)
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

// events lists the occurrences from the start of --from to the end of
// --to that the viewer can see, in order of start.
func (e *env) events(fromFlag, toFlag, community string) error {
	from, err := eventsDate("from", fromFlag)
	if err != nil {
		return err
	}
	to, err := eventsDate("to", toFlag)
	if err != nil {
		return err
	}
	if to.Before(from) {
		return usageErrorf("events.order", toFlag, fromFlag)
	}
	if to.Sub(from) > maxEventsSpan*24*time.Hour {
		return usageErrorf("events.span")
	}
	var list []model.Occurrence
	err = e.withViewer(false, "", func(ctx context.Context, db *data.DB) error {
		if community != "" {
			if _, err := db.CommunityByID(ctx, community); err != nil {
				return fmt.Errorf("--community %s: %w", community, err)
			}
		}
		var err error
		list, err = db.Occurrences(ctx, from, to.AddDate(0, 0, 1), community)
		return err
	})
	if err != nil {
		return err
	}
	rows := make([]occurrenceJSON, 0, len(list))
	for _, o := range list {
		ev := o.Event
		rows = append(rows, occurrenceJSON{
			EventID: ev.ID, Title: ev.Title, Community: ev.CommunityName, CommunityID: ev.CommunityID,
			Start: o.Start.In(tokyo), End: o.End.In(tokyo), AllDay: ev.AllDay,
			Place: ev.Place, OnlineURL: ev.OnlineURL, Recurring: ev.RRule != "", Moved: o.Moved,
			Going: o.Going, Capacity: ev.Capacity,
		})
	}
	if e.json {
		return e.writeJSON(rows)
	}
	for _, r := range rows {
		when := r.Start.Format("2006-01-02 15:04") + "-" + r.End.Format("15:04")
		if r.AllDay {
			when = r.Start.Format("2006-01-02") + e.msg("events.allday")
		}
		place := r.Place
		if place == "" && r.OnlineURL != "" {
			place = e.msg("events.online")
		}
		fmt.Fprintf(e.stdout, "%s  %s  %s  %s\n", when, model.CleanLine(r.Title), model.CleanLine(place), r.EventID)
	}
	return nil
}
