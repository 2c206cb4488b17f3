package calendar

import (
	"context"
	"fmt"
	"strings"

	"hiroba/model"
	"hiroba/ui/kit"
)

// eventData is what an occurrence's detail shows: the occurrence with its
// event read afresh (the month holds no description) and, for those who
// may edit the event, who answered.
type eventData struct {
	occ       model.Occurrence
	attendees []model.Attendee
}

// loadEvent reads what the detail of o shows; it runs in a command.
func loadEvent(ctx context.Context, store kit.Store, o model.Occurrence) (eventData, error) {
	if isPairMeeting(o) {
		return eventData{occ: o}, nil // a 面談: all it has came with it
	}
	ev, err := store.EventByID(ctx, o.Event.ID)
	if err != nil {
		return eventData{}, err
	}
	o.Event = o.Shown(ev) // with what this occurrence says of its own
	ev = o.Event
	d := eventData{occ: o}
	if ev.CanEdit {
		d.attendees, err = store.Attendees(ctx, ev.ID, originalStart(o))
	}
	return d, err
}

// renderEvent draws an occurrence's detail at w cells: title, time and
// rule, community, place, attendance and, for those who may edit it, who
// answered; then the description.
func renderEvent(d eventData, w int, cat *kit.Catalog, st kit.Styles) kit.Document {
	o, ev, atts := d.occ, d.occ.Event, d.attendees
	var b strings.Builder
	line := func(x string) { b.WriteString(kit.Clip(x, w) + "\n") }
	// wrapped writes a label and its value, wrap fitting the value to
	// the cells beside the label.
	wrapped := func(label string, wrap func(w int) string) {
		for i, l := range strings.Split(wrap(max(w-kit.Width(label)-2, 10)), "\n") {
			if i == 0 {
				line(st.Label.Render(label+": ") + l)
			} else {
				line(strings.Repeat(" ", kit.Width(label)+2) + l)
			}
		}
	}
	field := func(label, value string) {
		if value != "" {
			wrapped(label, func(w int) string { return kit.WrapWords(value, w) })
		}
	}
	for _, l := range strings.Split(kit.WrapWords(kit.Clean(ev.Title), w), "\n") {
		line(st.Heading.Render(l))
	}
	if ev.Cancelled {
		line(st.Error.Render(cat.T("cal.is.cancelled")))
	}
	line(st.Badge.Render(when(o, cat)) + "  " + st.Muted.Render(kit.Clean(ev.CommunityName)))
	if o.Moved && !o.OriginalStart.IsZero() {
		line(st.BadgeWarn.Render(cat.T("cal.moved", cat.Date(o.OriginalStart)+" "+cat.Clock(o.OriginalStart))))
	}
	field(cat.T("cal.rule"), describeRule(ev, cat))
	field(cat.T("cal.place"), kit.Clean(ev.Place))
	field(cat.T("cal.online"), kit.Clean(ev.OnlineURL))
	var facts []string
	if ev.Capacity > 0 {
		facts = append(facts, cat.T("cal.capacity", ev.Capacity))
	}
	if a := attendance(o, cat); a != "" {
		facts = append(facts, a)
	}
	if len(facts) > 0 {
		line(strings.Join(facts, "  "))
	}
	if ev.TwentyPercent {
		line(st.BadgeGood.Render(cat.T("cal.20pct")))
	}
	field(cat.T("cal.organiser"), kit.Clean(ev.OrganiserName))
	if a := myAnswer(o, cat, st); a != "" {
		line(cat.T("cal.my.answer", a))
	}
	if ev.CanEdit {
		b.WriteString("\n")
		line(st.Title.Render(cat.T("cal.attendees")))
		groups := map[string][]string{}
		order := []string{"yes", "waitlisted", "maybe", "no"}
		for _, a := range atts {
			k := a.Response
			if a.Waitlisted {
				k = "waitlisted"
			}
			groups[k] = append(groups[k], kit.Clean(a.Name))
		}
		if len(atts) == 0 {
			line("  " + st.Muted.Render(cat.T("cal.attendees.none")))
		}
		for _, k := range order {
			if names := groups[k]; len(names) > 0 {
				wrapped("  "+cat.T("cal.me."+k)+fmt.Sprintf(" (%d)", len(names)), func(w int) string { return kit.WrapList(names, cat.T("list.sep"), w) })
			}
		}
	}
	if strings.TrimSpace(ev.Description) != "" {
		b.WriteString("\n" + kit.RenderMarkdown(ev.Description, w, cat))
	}
	return kit.Document{Text: strings.TrimRight(b.String(), "\n")}
}

// when writes an occurrence's date and time.
func when(o model.Occurrence, cat *kit.Catalog) string {
	if o.Event.AllDay {
		return cat.Date(o.Start) + " " + cat.T("cal.allday")
	}
	return cat.Date(o.Start) + " " + timeRange(o, cat)
}

// timeRange writes an occurrence's hours, or 終日.
func timeRange(o model.Occurrence, cat *kit.Catalog) string {
	if o.Event.AllDay {
		return cat.T("cal.allday")
	}
	return cat.Clock(o.Start) + "-" + cat.Clock(o.End)
}

// attendance writes how many are coming and whether it is full.
func attendance(o model.Occurrence, cat *kit.Catalog) string {
	var parts []string
	if o.Event.Capacity > 0 {
		parts = append(parts, cat.T("cal.going.cap", o.Going, o.Event.Capacity))
		if o.Going >= o.Event.Capacity {
			parts = append(parts, cat.T("cal.full"))
		}
	} else if o.Going > 0 {
		parts = append(parts, cat.T("cal.going", o.Going))
	}
	if o.Waiting > 0 {
		parts = append(parts, cat.T("cal.waiting", o.Waiting))
	}
	return strings.Join(parts, " ")
}

// myAnswer is the viewer's RSVP as a short badge, or "".
func myAnswer(o model.Occurrence, cat *kit.Catalog, st kit.Styles) string {
	switch {
	case o.MyWaitlisted:
		return st.BadgeWarn.Render("[" + cat.T("cal.me.waitlisted") + "]")
	case o.MyResponse == model.RSVPYes:
		return st.BadgeGood.Render("[" + cat.T("cal.me.yes") + "]")
	case o.MyResponse == model.RSVPMaybe:
		return st.BadgeWarn.Render("[" + cat.T("cal.me.maybe") + "]")
	case o.MyResponse == model.RSVPNo:
		return st.Muted.Render("[" + cat.T("cal.me.no") + "]")
	}
	return ""
}

// placeOf is where an occurrence is: the room, オンライン, or both.
func placeOf(e *model.Event, cat *kit.Catalog) string {
	place := kit.Clean(e.Place)
	if e.OnlineURL != "" {
		if place != "" {
			place += " + "
		}
		place += cat.T("cal.online")
	}
	return place
}
