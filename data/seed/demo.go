package seed

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"hiroba/data"
	"hiroba/model"
)

// The demo's content lives in tables of structs in the demo_*.go files; this
// file turns them into rows. Times are written relative to now, so the demo
// always looks current: threads from the last three months, events from a
// month ago to three months ahead.

// demoSignIn is the key of the staff member one signs in as: a second-year
// member of 郡山市's 財政課 who organises 非税収入アイデア会議, belongs to
// several other communities and is waiting to acknowledge a handover note.
const demoSignIn = "aoi"

type demoStaff struct {
	key, name, municipality, department string
}

type demoCommunity struct {
	key      string
	name     string
	category model.Category
	// municipality is "" for a community of the whole area.
	municipality string
	visibility   string
	summary      string
	description  string
	ago          int // days since it was created
	organisers   []string
	// members join besides the organisers and everyone who takes part in a
	// thread or event of the community.
	members []string
	// extra is how many more staff, drawn at random, belong to it.
	extra int
}

type demoThread struct {
	community string
	kind      model.ThreadKind
	title     string
	tags      string
	author    string
	anonymous bool
	pinned    bool
	ago       float64 // days since it was posted
	body      string
	replies   []demoReply
	// resolved is the 1-based number of the accepted reply; 0 for none.
	resolved int
	// helpful is how many staff marked the thread 参考になった.
	helpful int
	call    *demoCall
	team    []string // 一緒にやりたい, for ideas
}

// demoReply is one reply. who is a staff key; "@op" is the thread's author
// (anonymous if the thread is), and a key prefixed with "?" answers
// anonymously.
type demoReply struct {
	who, body string
}

type demoCall struct {
	support    string
	slots      int
	deadline   int // days after the call was posted
	place      string
	applicants []demoApplicant
}

type demoApplicant struct {
	who, comment string
}

type demoHandover struct {
	municipality string
	department   string
	duty         string
	predecessor  string
	successor    string // "" for 未定
	status       string
	visibility   string
	// effective is days from now to the transfer date; negative is past.
	effective  int
	ackComment string
	sections   [6]string // bodies, in the order of model.DefaultSectionTitles
	questions  []demoQuestion
}

type demoQuestion struct {
	who, body, answer string
}

type demoEvent struct {
	community   string
	title       string
	description string
	start       func(now time.Time) time.Time
	minutes     int
	allDay      bool
	place       string
	onlineURL   string
	capacity    int
	organiser   string
	twenty      bool   // counts under the 20% rule
	rrule       string // "" for a one-off event
	// until is the days after the first occurrence that the series ends;
	// 0 for a series without end. It adds UNTIL to rrule.
	until     int
	cancelled bool
	rsvps     []demoRSVP
}

type demoRSVP struct {
	who, response string
}

// Demo writes the demo data to an empty database and returns the id of the
// staff member to sign in as. A database that already has staff is refused
// with ECONFLICT and left as it was.
func Demo(ctx context.Context, db *data.DB, now time.Time) (staffID string, err error) {
	now = now.UTC().Truncate(time.Millisecond)
	err = db.Bulk(ctx, func(tx *sql.Tx) error {
		if err := refuseUnlessEmpty(tx, db); err != nil {
			return err
		}
		w, err := newDemoWriter(tx, now)
		if err != nil {
			return err
		}
		w.staff()
		w.plan()
		w.communities()
		w.threads()
		w.handovers()
		w.events()
		w.people(ctx)
		w.activity()
		staffID = w.ids[demoSignIn]
		if w.err == nil {
			// The mark of a demo: the interface says デモ, and
			// `hiroba demo --reset` may write over this file.
			_, w.err = tx.Exec(`INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)`, data.SettingDemo, now.Format(time.RFC3339))
		}
		return w.err
	})
	if err != nil {
		return "", err
	}
	return staffID, nil
}

type demoWriter struct {
	execer
	now  time.Time
	rng  *rand.Rand
	muni map[string]string
	ids  map[string]string // staff key -> id
	// per-thread plan
	plans []threadPlan
	// per-community membership, by community key
	members     map[string][]membership
	communityID map[string]string
}

type threadPlan struct {
	id        string
	created   time.Time
	last      time.Time
	replies   []replyPlan
	resolved  string // reply id
	community string
}

type replyPlan struct {
	id        string
	author    string // staff key
	anonymous bool
	at        time.Time
}

type membership struct {
	who    string
	role   string
	joined time.Time
}

func newDemoWriter(tx *sql.Tx, now time.Time) (*demoWriter, error) {
	muni, err := municipalities(tx)
	if err != nil {
		return nil, err
	}
	return &demoWriter{
		execer:      execer{tx: tx},
		now:         now,
		rng:         rand.New(rand.NewPCG(2024, 4)), // fixed: the same demo every time
		muni:        muni,
		ids:         map[string]string{},
		members:     map[string][]membership{},
		communityID: map[string]string{},
	}, nil
}

// municipalityID returns the id of a municipality the migration inserted;
// a name that is not there is a mistake in the tables of this package.
func (w *demoWriter) municipalityID(name string) string {
	id, ok := w.muni[name]
	if !ok && w.err == nil {
		w.err = fmt.Errorf("seed: no municipality %q", name)
	}
	return id
}

// staffID returns the id of a staff key; an unknown key is a mistake in
// the tables of this package.
func (w *demoWriter) staffID(key string) string {
	id, ok := w.ids[key]
	if !ok && w.err == nil {
		w.err = fmt.Errorf("seed: no demo staff %q", key)
	}
	return id
}

func (w *demoWriter) staff() {
	created := w.now.AddDate(0, -8, 0)
	for i, s := range demoStaffList {
		at := created.Add(time.Duration(i) * time.Hour)
		id := model.NewID(at)
		w.ids[s.key] = id
		role := model.RoleMember
		if s.key == "masa" { // 人事課: looks after the platform
			role = model.RoleAdmin
		}
		w.exec(`INSERT INTO staff (id, name, municipality_id, department, role, status, created_at) VALUES (?, ?, ?, ?, ?, 'active', ?)`,
			id, s.name, w.municipalityID(s.municipality), s.department, role, ts(at))
	}
}

// workTime moves t into office hours (8:30 to 18:30 in Japan, weekdays),
// spreading posts of one day by i; it never moves t after the latest
// allowed moment.
func workTime(t, latest time.Time, i int) time.Time {
	l := t.In(jst)
	w := time.Date(l.Year(), l.Month(), l.Day(), 8, 30, 0, 0, jst).Add(time.Duration(i*37%600) * time.Minute)
	switch w.Weekday() {
	case time.Saturday:
		w = w.AddDate(0, 0, -1)
	case time.Sunday:
		w = w.AddDate(0, 0, -2)
	}
	if w.After(latest) {
		return t
	}
	return w.UTC()
}

// officeHours moves a reply written at night or at the weekend to the next
// working morning, as most staff answer from their desks; a reply that would
// then be in the future keeps its time.
func officeHours(t, latest time.Time, i int) time.Time {
	l := t.In(jst)
	if h := l.Hour(); h >= 8 && h < 20 && l.Weekday() != time.Saturday && l.Weekday() != time.Sunday {
		return t
	}
	m := time.Date(l.Year(), l.Month(), l.Day(), 8, 35, 0, 0, jst).Add(time.Duration(i*29%200) * time.Minute)
	if l.Hour() >= 20 {
		m = m.AddDate(0, 0, 1)
	}
	for m.Weekday() == time.Saturday || m.Weekday() == time.Sunday {
		m = m.AddDate(0, 0, 1)
	}
	if m.After(latest) {
		return t
	}
	return m.UTC()
}

// replyGaps are the hours between replies: some fast, some the next day.
var replyGaps = []float64{1.5, 4, 20, 3, 26, 6, 47, 2}

// plan decides every thread's times and ids, and who belongs to which
// community, before anything that depends on them is written.
func (w *demoWriter) plan() {
	latest := w.now.Add(-10 * time.Minute)
	participants := map[string]map[string]time.Time{} // community -> staff -> first activity
	touch := func(community, who string, at time.Time) {
		m := participants[community]
		if m == nil {
			m = map[string]time.Time{}
			participants[community] = m
		}
		if first, ok := m[who]; !ok || at.Before(first) {
			m[who] = at
		}
	}
	for i, t := range demoThreads {
		created := workTime(w.now.Add(-time.Duration(t.ago*24*float64(time.Hour))), latest, i)
		p := threadPlan{id: model.NewID(created), created: created, last: created, community: t.community}
		touch(t.community, t.author, created)
		// Offsets of the replies; squeezed when they would reach past now.
		offsets := make([]float64, len(t.replies))
		total := 0.0
		for j := range t.replies {
			total += replyGaps[(i+j)%len(replyGaps)]
			offsets[j] = total
		}
		room := latest.Sub(created).Hours()
		scale := 1.0
		if total > room {
			scale = room / total
		}
		prev := created
		for j, r := range t.replies {
			at := officeHours(created.Add(time.Duration(offsets[j]*scale*float64(time.Hour))), latest, i+j)
			if !at.After(prev) {
				at = prev.Add(7 * time.Minute)
			}
			prev = at
			who, anon := r.who, false
			if who == "@op" {
				who, anon = t.author, t.anonymous
			} else if strings.HasPrefix(who, "?") {
				who, anon = who[1:], true
			}
			rp := replyPlan{id: model.NewID(at), author: who, anonymous: anon, at: at}
			p.replies = append(p.replies, rp)
			p.last = at
			touch(t.community, who, at)
			if t.resolved == j+1 {
				p.resolved = rp.id
			}
		}
		for _, who := range t.team {
			touch(t.community, who, created.Add(time.Hour))
		}
		if t.call != nil {
			for _, a := range t.call.applicants {
				touch(t.community, a.who, created.Add(time.Hour))
			}
		}
		w.plans = append(w.plans, p)
	}
	for _, e := range demoEvents {
		at := w.now.AddDate(0, 0, -40)
		touch(e.community, e.organiser, at)
		for _, r := range e.rsvps {
			touch(e.community, r.who, at)
		}
	}

	for _, c := range demoCommunities {
		created := workTime(w.now.AddDate(0, 0, -c.ago), w.now, c.ago)
		var list []membership
		seen := map[string]bool{}
		add := func(who, role string, joined time.Time) {
			if seen[who] {
				return
			}
			seen[who] = true
			if first, ok := participants[c.key][who]; ok && !joined.Before(first) {
				joined = first.Add(-time.Duration(1+len(list)%20) * time.Hour)
			}
			if joined.Before(created) {
				joined = created
			}
			list = append(list, membership{who, role, joined})
		}
		joinedAt := func() time.Time {
			return created.Add(time.Duration(w.rng.IntN(c.ago*24)+1) * time.Hour)
		}
		for _, who := range c.organisers {
			add(who, model.MemberOrganiser, created)
		}
		for _, who := range c.members {
			add(who, model.MemberRegular, joinedAt())
		}
		// Participants in a stable order, so the demo is the same each time.
		var keys []string
		for who := range participants[c.key] {
			keys = append(keys, who)
		}
		sort.Strings(keys)
		for _, who := range keys {
			add(who, model.MemberRegular, joinedAt())
		}
		for n, tries := 0, 0; n < c.extra && tries < 1000; tries++ {
			s := demoStaffList[w.rng.IntN(len(demoStaffList))]
			if c.municipality != "" && s.municipality != c.municipality && w.rng.IntN(4) > 0 {
				continue // municipal communities are mostly that town's staff
			}
			if !seen[s.key] {
				add(s.key, model.MemberRegular, joinedAt())
				n++
			}
		}
		sort.SliceStable(list, func(i, j int) bool { return list[i].joined.Before(list[j].joined) })
		w.members[c.key] = list
	}
}

func (w *demoWriter) communities() {
	last := map[string]time.Time{}
	for _, p := range w.plans {
		if p.last.After(last[p.community]) {
			last[p.community] = p.last
		}
	}
	for _, c := range demoCommunities {
		created := workTime(w.now.AddDate(0, 0, -c.ago), w.now, c.ago)
		id := model.NewID(created)
		w.communityID[c.key] = id
		activity := created
		if last[c.key].After(activity) {
			activity = last[c.key]
		}
		var muni any
		if c.municipality != "" {
			muni = w.municipalityID(c.municipality)
		}
		w.exec(`INSERT INTO communities (id, name, category, municipality_id, visibility, summary, description, created_by, created_at, updated_at, last_activity_at, member_count)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, c.name, string(c.category), muni, c.visibility, c.summary, c.description,
			w.staffID(c.organisers[0]), ts(created), ts(created), ts(activity), len(w.members[c.key]))
		for _, m := range w.members[c.key] {
			w.exec(`INSERT INTO memberships (community_id, staff_id, role, joined_at) VALUES (?, ?, ?, ?)`,
				id, w.staffID(m.who), m.role, ts(m.joined))
		}
	}
}

// markers picks n distinct members of a community other than the author,
// to mark a post helpful.
func (w *demoWriter) markers(community, author string, n int) []string {
	list := w.members[community]
	var out []string
	for _, k := range w.rng.Perm(len(list)) {
		if len(out) == n {
			break
		}
		if who := list[k].who; who != author {
			out = append(out, who)
		}
	}
	return out
}

// mark writes helpful marks on a post, dated between the post and now, and
// returns how many it wrote.
func (w *demoWriter) mark(postID string, at time.Time, who []string) int {
	for i, k := range who {
		when := at.Add(w.now.Sub(at) * time.Duration(i+1) / time.Duration(len(who)+2))
		w.exec(`INSERT INTO helpful_marks (post_id, staff_id, created_at) VALUES (?, ?, ?)`, postID, w.staffID(k), ts(when))
	}
	return len(who)
}

func (w *demoWriter) threads() {
	member := map[string]bool{}
	for c, list := range w.members {
		for _, m := range list {
			if m.who == demoSignIn {
				member[c] = true
			}
		}
	}
	for i, t := range demoThreads {
		p := w.plans[i]
		// Marks first, so that the counters are known when the rows are written.
		threadMarkers := w.markers(t.community, t.author, t.helpful)
		replyMarkers := make([][]string, len(p.replies))
		for j, r := range p.replies {
			switch {
			case r.id == p.resolved:
				replyMarkers[j] = w.markers(t.community, r.author, 2+i%3)
			case j == 0 && len(p.replies) >= 3:
				replyMarkers[j] = w.markers(t.community, r.author, 1)
			}
		}
		var support, deadline, place any
		var slots any
		if c := t.call; c != nil {
			support, slots, place = c.support, c.slots, c.place
			d := p.created.In(jst).AddDate(0, 0, c.deadline)
			deadline = ts(time.Date(d.Year(), d.Month(), d.Day(), 17, 15, 0, 0, jst))
		}
		w.exec(`INSERT INTO threads (id, community_id, kind, title, body, tags, author_id, anonymous, resolved_reply_id, reply_count, helpful_count, pinned,
				created_at, updated_at, last_activity_at, support_type, slots, deadline, place)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			p.id, w.communityID[t.community], string(t.kind), t.title, t.body, t.tags, w.staffID(t.author), t.anonymous,
			nullable(p.resolved), len(p.replies), len(threadMarkers), t.pinned,
			ts(p.created), ts(p.created), ts(p.last), support, slots, deadline, place)
		w.mark(p.id, p.created, threadMarkers)

		followed := map[string]bool{t.author: true}
		w.exec(`INSERT INTO follows (staff_id, thread_id, created_at) VALUES (?, ?, ?)`, w.staffID(t.author), p.id, ts(p.created))
		for j, r := range p.replies {
			w.exec(`INSERT INTO replies (id, thread_id, author_id, anonymous, body, helpful_count, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				r.id, p.id, w.staffID(r.author), r.anonymous, t.replies[j].body, len(replyMarkers[j]), ts(r.at), ts(r.at))
			w.mark(r.id, r.at, replyMarkers[j])
			if !followed[r.author] {
				followed[r.author] = true
				w.exec(`INSERT INTO follows (staff_id, thread_id, created_at) VALUES (?, ?, ?)`, w.staffID(r.author), p.id, ts(r.at))
			}
		}
		for k, who := range t.team {
			at := p.created.Add(time.Duration(k+1) * p.last.Sub(p.created) / time.Duration(len(t.team)+1))
			w.exec(`INSERT INTO idea_team (thread_id, staff_id, created_at) VALUES (?, ?, ?)`, p.id, w.staffID(who), ts(at))
		}
		if t.call != nil {
			for k, a := range t.call.applicants {
				at := p.created.Add(time.Duration(k+1) * w.now.Sub(p.created) / time.Duration(len(t.call.applicants)+2))
				w.exec(`INSERT INTO call_applications (thread_id, staff_id, supervisor_agreed, comment, created_at) VALUES (?, ?, 1, ?, ?)`,
					p.id, w.staffID(a.who), a.comment, ts(at))
			}
		}
		// The sign-in member has read what is older than a day and a half,
		// so the demo shows a few unread threads and not forty.
		if member[t.community] && (p.last.Before(w.now.Add(-36*time.Hour)) || t.author == demoSignIn) {
			w.exec(`INSERT INTO read_marks (staff_id, target_id, read_at) VALUES (?, ?, ?)`, w.staffID(demoSignIn), p.id, ts(p.last))
		}
	}
}

// sectionJSON is a section as handover_revisions keeps it.
type sectionJSON struct {
	Title string `json:"title"`
	Body  string `json:"body"`
}

// transferDate returns when a transfer takes effect, in Japan: for a note
// still being written (days > 0), the next 1 April, when most transfers
// (異動) happen; for a past one, the first of the month of now+days, as
// mid-year transfers and leave replacements take effect on the first.
func transferDate(now time.Time, days int) time.Time {
	l := now.In(jst)
	if days > 0 {
		april := time.Date(l.Year(), time.April, 1, 0, 0, 0, 0, jst)
		if !april.After(l) {
			april = april.AddDate(1, 0, 0)
		}
		return april
	}
	d := l.AddDate(0, 0, days)
	return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, jst)
}

func (w *demoWriter) handovers() {
	for i, h := range demoHandovers {
		effective := transferDate(w.now, h.effective)
		created := effective.AddDate(0, 0, -30-i*3)
		if created.After(w.now) {
			created = w.now.AddDate(0, 0, -7-i)
		}
		created = workTime(created, w.now, i)
		updated := created.Add(time.Duration(3+i) * 24 * time.Hour)
		var handed, acked any
		switch h.status {
		case model.HandoverHandedOver, model.HandoverAcknowledged:
			at := workTime(effective.AddDate(0, 0, -3), w.now, i)
			if at.After(w.now) {
				at = w.now.Add(-2 * time.Hour)
			}
			handed, updated = ts(at), at
			if h.status == model.HandoverAcknowledged {
				ack := workTime(effective.AddDate(0, 0, 2), w.now, i+3)
				if ack.After(w.now) {
					ack = w.now.Add(-time.Hour)
				}
				acked, updated = ts(ack), ack
			}
		}
		if updated.After(w.now) {
			updated = w.now.Add(-30 * time.Minute)
		}
		id := model.NewID(created)
		sections := make([]sectionJSON, len(model.DefaultSectionTitles))
		for k, title := range model.DefaultSectionTitles {
			sections[k] = sectionJSON{title, h.sections[k]}
		}
		revision, err := json.Marshal(sections)
		if err != nil && w.err == nil {
			w.err = err
		}
		w.exec(`INSERT INTO handovers (id, municipality_id, department, duty, predecessor_id, successor_id, effective_date, status, visibility,
				handed_over_at, acknowledged_at, ack_comment, questions_until, revision, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
			id, w.municipalityID(h.municipality), h.department, h.duty, w.staffID(h.predecessor), nullable(w.optionalStaff(h.successor)),
			day(effective), h.status, h.visibility, handed, acked, h.ackComment, day(effective.AddDate(1, 0, -1)), ts(created), ts(updated))
		for k, s := range sections {
			w.exec(`INSERT INTO handover_sections (id, handover_id, position, title, body) VALUES (?, ?, ?, ?, ?)`,
				model.NewID(created), id, k, s.Title, s.Body)
		}
		w.exec(`INSERT INTO handover_revisions (handover_id, number, author_id, created_at, sections) VALUES (?, 1, ?, ?, ?)`,
			id, w.staffID(h.predecessor), ts(updated), string(revision))
		for k, q := range h.questions {
			asked := updated.Add(time.Duration(k+1) * w.now.Sub(updated) / time.Duration(len(h.questions)+2))
			var answeredBy, answeredAt any
			if q.answer != "" {
				answeredBy, answeredAt = w.staffID(h.predecessor), ts(asked.Add(w.now.Sub(asked)/3))
			}
			w.exec(`INSERT INTO handover_questions (id, handover_id, author_id, body, answer, answered_by, created_at, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				model.NewID(asked), id, w.staffID(q.who), q.body, q.answer, answeredBy, ts(asked), answeredAt)
		}
	}
}

func (w *demoWriter) optionalStaff(key string) string {
	if key == "" {
		return ""
	}
	return w.staffID(key)
}

// untilFormat is how RRULE's UNTIL is written: UTC, basic format.
const untilFormat = "20060102T150405Z"

func (w *demoWriter) events() {
	for i, e := range demoEvents {
		start := e.start(w.now).UTC()
		end := start.Add(time.Duration(e.minutes) * time.Minute)
		if e.allDay {
			end = start.AddDate(0, 0, 1)
		}
		created := w.now.AddDate(0, 0, -45+i)
		if created.After(start) {
			created = start.AddDate(0, 0, -14)
		}
		id := model.NewID(created)
		rrule, seriesEnd := e.rrule, any(nil)
		if e.until > 0 {
			until := start.AddDate(0, 0, e.until)
			rrule += ";UNTIL=" + until.Format(untilFormat)
			seriesEnd = ts(until)
		}
		var cancelled any
		if e.cancelled {
			cancelled = ts(w.now.AddDate(0, 0, -2))
		}
		organiser := w.staffID(e.organiser)
		w.exec(`INSERT INTO events (id, uid, community_id, title, description, starts_at, ends_at, all_day, timezone, place, online_url, capacity,
				organiser_id, twenty_percent, rrule, series_ends_at, cancelled_at, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'Asia/Tokyo', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, strings.ToLower(id)+"@hiroba", w.communityID[e.community], e.title, e.description, ts(start), ts(end), e.allDay,
			e.place, e.onlineURL, e.capacity, organiser, e.twenty, rrule, seriesEnd, cancelled, organiser, ts(created), ts(created))
		// RSVPs are for the next occurrence still to come (or the event
		// itself when it is one-off).
		occurrence := start
		if e.rrule != "" {
			occurrence = nextOccurrence(e.rrule, start, w.now)
		}
		for k, r := range e.rsvps {
			at := created.Add(time.Duration(k+1) * time.Hour * 5)
			if at.After(w.now) {
				at = w.now.Add(-time.Duration(k+1) * time.Minute)
			}
			waitlisted := e.capacity > 0 && r.response == "yes" && countYes(e.rsvps[:k]) >= e.capacity
			w.exec(`INSERT INTO rsvps (event_id, occurrence_start, staff_id, response, waitlisted, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				id, ts(occurrence), w.staffID(r.who), r.response, waitlisted, ts(at), ts(at))
		}
	}
}

func countYes(rs []demoRSVP) int {
	n := 0
	for _, r := range rs {
		if r.response == "yes" {
			n++
		}
	}
	return n
}
