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

// occurrenceJSON is one line of `hiroba events --json`: an occurrence,
// with its event's id, iCalendar UID and what it says (its own title,
// place and description when the occurrence has them). An all-day
// occurrence's start and end are dates (the end the day after its last,
// as in iCalendar); others are times.
type occurrenceJSON struct {
	ID            string    `json:"id"` // the event's
	UID           string    `json:"uid"`
	Title         string    `json:"title"`
	Community     string    `json:"community"`
	CommunityID   string    `json:"community_id"`
	Start         any       `json:"start"`
	End           any       `json:"end"`
	AllDay        bool      `json:"all_day"`
	TimeZone      string    `json:"timezone"`
	Place         string    `json:"place"`
	OnlineURL     string    `json:"online_url"`
	Description   *string   `json:"description"` // only an occurrence's own; the event's is in `hiroba ics export`
	Recurring     bool      `json:"recurring"`
	RRule         *string   `json:"rrule"`
	OriginalStart time.Time `json:"original_start"`
	Moved         bool      `json:"moved"`
	Going         int       `json:"going"`
	Waiting       int       `json:"waiting"`
	Capacity      *int      `json:"capacity"` // null: no limit
	TwentyPercent bool      `json:"twenty_percent"`
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
		if err := knownCommunity(ctx, db, community); err != nil {
			return err
		}
		var err error
		list, err = db.Occurrences(ctx, from, to.AddDate(0, 0, 1), community)
		return err
	})
	if err != nil {
		return err
	}
	if e.json {
		rows := make([]occurrenceJSON, 0, len(list))
		for _, o := range list {
			rows = append(rows, eventJSON(o))
		}
		return e.writeJSON(rows)
	}
	loc := displayLocation()
	for _, o := range list {
		ev := o.Event
		when := o.Start.In(loc).Format("2006-01-02 15:04") + "-" + o.End.In(loc).Format("15:04")
		if ev.AllDay {
			when = o.Start.In(ev.Location()).Format("2006-01-02") + e.msg("events.allday")
		}
		place := ev.Place
		if place == "" && ev.OnlineURL != "" {
			place = e.msg("events.online")
		}
		fmt.Fprintf(e.stdout, "%s  %s  %s  %s\n", when, model.CleanLine(ev.Title), model.CleanLine(place), ev.ID)
	}
	return nil
}

func eventJSON(o model.Occurrence) occurrenceJSON {
	ev := o.Event
	r := occurrenceJSON{ID: ev.ID, UID: ev.UID, Title: ev.Title, Community: ev.CommunityName, CommunityID: ev.CommunityID,
		Start: o.Start, End: o.End, AllDay: ev.AllDay, TimeZone: ev.Location().String(), Place: ev.Place, OnlineURL: ev.OnlineURL,
		Recurring: ev.RRule != "", OriginalStart: o.OriginalStart, Moved: o.Moved, Going: o.Going, Waiting: o.Waiting,
		TwentyPercent: ev.TwentyPercent}
	if ev.AllDay {
		r.Start, r.End = o.Start.In(ev.Location()).Format("2006-01-02"), o.End.In(ev.Location()).Format("2006-01-02")
	}
	if ev.RRule != "" {
		r.RRule = &ev.RRule
	}
	if o.Text != nil && o.Text.Description != "" {
		r.Description = &o.Text.Description
	}
	if ev.Capacity > 0 {
		r.Capacity = &ev.Capacity
	}
	return r
}
