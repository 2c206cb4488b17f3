package calendar

import (
	"testing"
	"time"

	"hiroba/model"
	"hiroba/ui/kit"
	"hiroba/ui/kit/kittest"
)

// hours is a monthly consultation hour that the viewer organises: full,
// with a waiting list, moved this month, and answered by five people:
// at 44 cells the names of those coming take two lines, broken between
// names.
func hours() eventData {
	start := time.Date(2026, 11, 18, 6, 0, 0, 0, time.UTC)
	ev := &model.Event{ID: "e1", CommunityName: "なんでも相談室", Title: "対面の相談タイム（毎月第3水曜日）",
		Start: start, End: start.Add(time.Hour), RRule: "FREQ=MONTHLY;BYDAY=3WE", Place: "郡山市役所 本庁舎3階 第1会議室",
		OnlineURL: "https://meet.example.jp/soudan", Capacity: 3, OrganiserName: "岩崎 愛", TwentyPercent: true, CanEdit: true,
		Description: "予約不要・途中参加OK。**所属長に一声かけてから**来てください。"}
	moved := start.AddDate(0, 0, 1)
	return eventData{
		occ: model.Occurrence{Event: ev, Start: moved, End: moved.Add(time.Hour), OriginalStart: start, Moved: true,
			Going: 3, Waiting: 1, MyResponse: model.RSVPYes},
		attendees: []model.Attendee{
			{Name: "国分 結衣", Response: model.RSVPYes}, {Name: "大内 里奈", Response: model.RSVPYes},
			{Name: "長谷川 修", Response: model.RSVPYes}, {Name: "岩崎 愛", Response: model.RSVPYes}, {Name: "安田 颯太", Response: model.RSVPYes, Waitlisted: true},
			{Name: "小松 悟", Response: model.RSVPNo},
		},
	}
}

func TestEventDocument(t *testing.T) {
	t.Parallel()
	kittest.Documents(t, "event", func(cat *kit.Catalog, w int) kit.Document { return renderEvent(hours(), w, cat, kit.DefaultStyles()) },
		kittest.Size{Lang: "ja", Width: 44}, kittest.Size{Lang: "ja", Width: 78}, kittest.Size{Lang: "en", Width: 60})
}
