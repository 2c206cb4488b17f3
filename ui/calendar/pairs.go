package calendar

import (
	"context"
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// 面談 of the viewer's fellow pairs. The store keeps them apart from
// events, so that no one but the two ever reads them (no community, no
// search, no export); the calendar reads them on its own
// (MyPairMeetings) and shows each as an occurrence of an event of its
// own, whose id names the pair. They are changed on the 人 tab: enter on
// one opens the pair's space there.

// pairPrefix begins the id of the event standing for a 面談:
// pair:<pair id>/<meeting id>.
const pairPrefix = "pair:"

func isPairMeeting(o model.Occurrence) bool {
	return o.Event != nil && strings.HasPrefix(o.Event.ID, pairPrefix)
}

// pairOf is the pair a 面談 occurrence belongs to.
func pairOf(o model.Occurrence) string {
	id, _, _ := strings.Cut(strings.TrimPrefix(o.Event.ID, pairPrefix), "/")
	return id
}

// meetingsIn reads the viewer's 面談 in [from, to) as occurrences, and
// counts them by local day into counts when it is not nil; it runs in a
// command.
func meetingsIn(ctx context.Context, store kit.Store, cat *kit.Catalog, from, to time.Time, counts map[string]int) ([]model.Occurrence, error) {
	ms, err := store.MyPairMeetings(ctx, from, to)
	var out []model.Occurrence
	for _, m := range ms {
		if counts != nil {
			counts[m.Start.In(cat.Loc).Format("2006-01-02")]++
		}
		out = append(out, meetingOccurrence(m, cat))
	}
	return out, err
}

// merged is a and b in order of start.
func merged(a, b []model.Occurrence) []model.Occurrence {
	if len(b) == 0 {
		return a
	}
	out := append(append([]model.Occurrence{}, a...), b...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out
}

// meetingOccurrence shows a 面談 as an occurrence the viewer attends.
func meetingOccurrence(m model.PairMeeting, cat *kit.Catalog) model.Occurrence {
	note := cat.T("cal.pair.open")
	if m.Note != "" {
		note = m.Note + "\n\n" + note
	}
	ev := &model.Event{ID: pairPrefix + m.PairID + "/" + m.ID, Title: cat.T("cal.pair.title", m.With.Name),
		CommunityName: cat.T("cal.pair.where"), Place: m.Place, Description: note,
		Start: m.Start, End: m.End, TwentyPercent: m.TwentyPercent}
	return model.Occurrence{Event: ev, Start: m.Start, End: m.End, OriginalStart: m.Start, MyResponse: model.RSVPYes}
}

// pairKey answers the keys that would change an event when a 面談 is
// selected: it is changed in its pair's space, which enter opens from its
// detail.
func (s *Screen) pairKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	o, ok := s.selected()
	if !ok || !isPairMeeting(o) {
		return nil, false
	}
	ck := s.keys
	switch {
	case key.Matches(msg, ck.Yes, ck.Answer, ck.Edit, ck.Cancel):
		return kit.StatusCmd(s.c.Cat.T("cal.pair.here"), true), true
	case s.mode == calDetail && msg.String() == "enter":
		return kit.OpenCmd(kit.OpenPair, pairOf(o), ""), true
	}
	return nil, false
}
