package seed

import (
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"hiroba/model"
)

// The handover notes and events of a generated database (Scale).

var duties = []string{
	"庶務", "予算・決算", "文書管理", "会計年度任用職員の任用", "議会対応", "窓口（転入・転出）", "児童手当",
	"固定資産税（家屋）", "住民税の申告受付", "避難所運営", "観光SNS発信", "補助金の交付", "委託契約",
	"保育所の入所", "介護保険の認定", "道路占用許可", "成人式の運営", "情報公開", "選挙事務", "広報紙の編集",
}

func (s *scaler) writeHandovers() error {
	total := s.size["handovers"]
	const rowsPer = 8 // the note, six sections, one revision
	return s.batches("引き継ぎ", total, batchRows/rowsPer, []string{
		`INSERT INTO handovers (id, municipality_id, department, duty, predecessor_id, successor_id, effective_date, status, visibility,
			handed_over_at, acknowledged_at, ack_comment, questions_until, revision, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
		`INSERT INTO handover_sections (id, handover_id, position, title, body) VALUES (?, ?, ?, ?, ?)`,
		`INSERT INTO handover_revisions (handover_id, number, author_id, created_at, sections) VALUES (?, 1, ?, ?, ?)`,
	}, func(e *execer, st []*sql.Stmt, i int) {
		pred := s.staff[s.rng.IntN(len(s.staff))]
		// The successor is someone of the same municipality, or anyone in a
		// tiny database; a few notes have no successor yet (未定).
		succ := ""
		if same := s.byMuni[pred.muni]; len(same) > 1 {
			succ = s.staff[pick(s.rng, same)].id
		} else if len(s.staff) > 1 {
			succ = s.staff[s.rng.IntN(len(s.staff))].id
		}
		if succ == pred.id || s.rng.IntN(20) == 0 {
			succ = ""
		}
		// Transfers take effect on 1 April: one of the last five, or the next.
		l := s.now.In(jst)
		year := l.Year() - s.rng.IntN(6)
		if l.Month() >= time.April {
			year++
		}
		effective := time.Date(year, time.April, 1, 0, 0, 0, 0, jst)
		created := effective.AddDate(0, 0, -20-s.rng.IntN(40))
		if created.After(s.now) {
			created = s.now.AddDate(0, 0, -s.rng.IntN(30)-1)
		}
		status := model.HandoverAcknowledged
		switch x := s.rng.IntN(10); {
		case effective.After(s.now) || succ == "" || x < 2:
			status = model.HandoverDraft
		case x < 4:
			status = model.HandoverHandedOver
		}
		updated := created.Add(time.Duration(1+s.rng.IntN(10*24)) * time.Hour)
		var handed, acked any
		if status != model.HandoverDraft {
			h := effective.AddDate(0, 0, -3)
			handed, updated = ts(h), h
			if status == model.HandoverAcknowledged {
				a := effective.AddDate(0, 0, 2)
				acked, updated = ts(a), a
			}
		}
		if updated.After(s.now) {
			updated = s.now
		}
		duty := pick(s.rng, duties)
		id := model.NewID(created)
		e.stmt(st[0], id, s.muniIDs[pred.muni], pred.department, duty, pred.id, nullable(succ), day(effective), status,
			pick(s.rng, []string{model.HandoverVisDepartment, model.HandoverVisMunicipality, model.HandoverVisArea}),
			handed, acked, "", day(effective.AddDate(1, 0, -1)), ts(created), ts(updated))
		sections := make([]sectionJSON, len(model.DefaultSectionTitles))
		for k, title := range model.DefaultSectionTitles {
			sections[k] = sectionJSON{title, sectionBody(s.rng, k, duty, pred.department)}
			e.stmt(st[1], model.NewID(created), id, k, title, sections[k].Body)
		}
		js, err := json.Marshal(sections)
		if err != nil && e.err == nil {
			e.err = err
		}
		e.stmt(st[2], id, pred.id, ts(updated), string(js))
	})
}

// recurringRules are the shapes of the recurring events; monthly rules by
// weekday place their first occurrence on such a day.
var recurringRules = []string{
	"FREQ=WEEKLY", "FREQ=WEEKLY;INTERVAL=2", "FREQ=MONTHLY", "FREQ=MONTHLY;BYDAY=3WE", "FREQ=MONTHLY;BYDAY=2FR", "FREQ=YEARLY",
}

func (s *scaler) writeEvents() error {
	total := s.size["events"]
	return s.batches("イベント", total, batchRows/3, []string{
		`INSERT INTO events (id, uid, community_id, title, description, starts_at, ends_at, all_day, timezone, place, online_url, capacity,
			organiser_id, twenty_percent, rrule, series_ends_at, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'Asia/Tokyo', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		`INSERT INTO rsvps (event_id, occurrence_start, staff_id, response, waitlisted, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)`,
	}, func(e *execer, st []*sql.Stmt, i int) {
		ci := s.rng.IntN(len(s.communities))
		c := &s.communities[ci]
		organiser := c.members[0]
		if s.rng.IntN(3) == 0 {
			organiser = pick(s.rng, c.members)
		}
		d := s.now.In(jst).AddDate(0, 0, s.rng.IntN(545)-365)
		start := time.Date(d.Year(), d.Month(), min(d.Day(), 28), 9+s.rng.IntN(9), 30*s.rng.IntN(2), 0, 0, jst)
		rrule, seriesEnd := "", any(nil)
		if i%20 == 0 { // 5% recurring
			rrule = pick(s.rng, recurringRules)
			if r := parseRule(rrule); r.byday && r.nth > 0 {
				start = nthWeekday(start.Year(), start.Month(), r.nth, r.weekday, start.Hour(), start.Minute())
			}
			if s.rng.IntN(5) < 2 {
				until := start.AddDate(0, 3+s.rng.IntN(9), 0).UTC()
				rrule += ";UNTIL=" + until.Format(untilFormat)
				seriesEnd = ts(until)
			}
		}
		start = start.UTC()
		end := start.Add(time.Duration(30*(1+s.rng.IntN(6))) * time.Minute)
		// A quarter online only, a quarter hybrid, the rest in a room.
		place, online := pick(s.rng, places), "https://meet.koriyama-kouiki.example/e"+strconv.Itoa(i)
		switch s.rng.IntN(4) {
		case 0:
			place = ""
		case 1:
		default:
			online = ""
		}
		capacity := 0
		if s.rng.IntN(10) < 3 {
			capacity = 10 * (1 + s.rng.IntN(5))
		}
		created := start.AddDate(0, 0, -7-s.rng.IntN(30))
		if created.After(s.now) {
			created = s.now
		}
		id := model.NewID(created)
		topic := pick(s.rng, scaleTopics)
		e.stmt(st[0], id, strings.ToLower(id)+"@hiroba", c.id, strings.Replace(pick(s.rng, eventPatterns), "%s", topic, 1),
			threadBody(s.rng, topic), ts(start), ts(end), place, online, capacity, s.staff[organiser].id, s.rng.IntN(2) == 0,
			rrule, seriesEnd, s.staff[organiser].id, ts(created), ts(created))
		// RSVPs on one-off events with a capacity: their occurrence is the
		// event itself.
		if capacity > 0 && rrule == "" {
			for k, m := range s.otherMembers(c, -1, s.rng.IntN(capacity/2+1)) {
				at := created.Add(time.Duration(k+1) * time.Hour)
				if at.After(s.now) {
					at = s.now
				}
				e.stmt(st[1], id, ts(start), s.staff[m].id, pick(s.rng, []string{"yes", "yes", "yes", "maybe", "no"}), ts(at), ts(at))
			}
		}
	})
}
