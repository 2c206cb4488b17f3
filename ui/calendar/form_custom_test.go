package calendar

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
	"hiroba/ui/kit/kittest"
)

// TestFormKeepsARuleItCannotShow edits an imported series whose rule the
// form cannot put in words (Outlook's last working day of the month): the
// repeat row says so, a changed title is saved with the rule as it was,
// and choosing another repeat replaces it.
func TestFormKeepsARuleItCannotShow(t *testing.T) {
	t.Parallel()
	c := kit.NewCommon(nil, kittest.Catalog("ja"), false)
	start := time.Date(2027, 1, 29, 17, 0, 0, 0, c.Loc())
	rule := "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"
	ev := &model.Event{ID: "e1", CommunityID: "c1", CommunityName: "庶務担当者の会", Title: "月末の締め確認", Start: start, End: start.Add(30 * time.Minute), RRule: rule}
	f := newEventForm(c, ev, model.Occurrence{Event: ev, Start: ev.Start, End: ev.End}, scopeAll, nil, start)
	f.SetSize(80, 40)
	if view := f.View(); !strings.Contains(view, "カスタムの繰り返し (そのまま残す)") {
		t.Fatalf("repeat row:\n%s", view)
	}
	f.title.SetValue("月末の締め確認 (本庁舎)")
	if e, _, _ := f.event(); e.RRule != rule || e.Title != "月末の締め確認 (本庁舎)" {
		t.Fatalf("saved %q %q", e.Title, e.RRule)
	}
	f.focus = efRepeat
	f.Update(tea.KeyPressMsg{Code: tea.KeyRight})
	if e, _, _ := f.event(); e.RRule != "" || f.repeat != repeatNone {
		t.Fatalf("after choosing なし: %q", e.RRule)
	}
}
