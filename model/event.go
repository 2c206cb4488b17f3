package model

// For the calendar UI and iCalendar work, beyond the agreed names:
//   - Recurrence also has Month (yearly in a given month, needed with Nth)
//     and Freq FreqDaily (imported rules; FREQ=DAILY;BYDAY=... reads as
//     weekly). It is the form's subset; every RFC 5545 rule is read and
//     expanded by package recur, which data uses. See
//     event_recurrence.go.
//   - Event also has TimeZone, CreatedBy, UpdatedAt and SeriesEnd (set by
//     the store: the last start of a series that ends).
//   - Occurrences leaves Event.Description empty (it is the largest column
//     and a month holds thousands of events): EventByID has it.
//   - EventService also has OccurrenceDays, for the month grid.
//   - EventByID returns a cancelled event with Cancelled set, instead of
//     ENOTFOUND, so that a detail view can say 中止.
//   - Attendees shows names only to those who may edit the event; others
//     get their own answer (counts are on every Occurrence).
//   - Creating an event is for members of the community; editing, moving
//     and cancelling for its creator and the community's organisers.
// Error keys (model.Error.Key), for the catalogues; Message holds the
// Japanese text: err.event.community, err.event.start, err.event.end,
// err.event.capacity, err.event.url, err.event.timezone, err.event.rrule
// (its argument-free prefix is 繰り返しの規則を読めません), err.event.count,
// err.event.interval, err.event.nodate, err.event.organiser,
// err.event.response; and err.required, err.toolong, err.utf8 as for
// other forms.

import (
	"context"
	"strings"
	"sync"
	"time"
)

// RSVP responses: 参加, 未定, 不参加.
const (
	RSVPYes   = "yes"
	RSVPMaybe = "maybe"
	RSVPNo    = "no"
)

// DefaultTimeZone is the zone events are written and expanded in unless
// they say otherwise.
const DefaultTimeZone = "Asia/Tokyo"

// Event limits, in characters.
const (
	MaxEventTitleLen       = MaxTitleLen
	MaxEventDescriptionLen = 100000
	MaxEventPlaceLen       = 200
	MaxEventURLLen         = 2000
)

// Event is a community event: consultation hours, an exchange meeting, a
// café, a drill. A recurring event has an RRULE (RFC 5545) and expands into
// occurrences.
type Event struct {
	ID            string    `json:"id"`
	CommunityID   string    `json:"community_id"`
	CommunityName string    `json:"community"`
	Title         string    `json:"title"`
	Description   string    `json:"description,omitempty"`
	Start         time.Time `json:"start"` // the first occurrence
	End           time.Time `json:"end"`
	AllDay        bool      `json:"all_day"`
	// TimeZone is the IANA zone the rule repeats in; "" means
	// DefaultTimeZone.
	TimeZone      string `json:"timezone,omitempty"`
	Place         string `json:"place,omitempty"`
	OnlineURL     string `json:"online_url,omitempty"`
	Capacity      int    `json:"capacity,omitempty"` // 0: no limit
	OrganiserID   string `json:"organiser_id"`       // "" on create: the viewer
	OrganiserName string `json:"organiser"`
	// TwentyPercent says the event counts under the regional 20% rule.
	TwentyPercent bool   `json:"twenty_percent"`
	RRule         string `json:"rrule,omitempty"`
	// SeriesEnd is the start of the last occurrence of a series that ends
	// (UNTIL or COUNT); nil for a one-off event or a series without end.
	SeriesEnd *time.Time `json:"series_end,omitempty"`
	// UID is the iCalendar UID; CreateEvent keeps one that is set (import).
	UID       string    `json:"uid"`
	CreatedBy string    `json:"created_by,omitempty"`
	UpdatedAt time.Time `json:"updated_at"`
	Cancelled bool      `json:"cancelled,omitempty"`
	// CanEdit says the viewer may change the event: its creator or an
	// organiser of its community.
	CanEdit bool `json:"can_edit,omitempty"`
	// Next are the series' next starts from now (at most NextStarts), set
	// by EventByID: a rule the screens cannot put in words is shown by
	// its dates.
	Next []time.Time `json:"-"`
}

// NextStarts is how many of a series' next starts EventByID gives.
const NextStarts = 3

// Location returns the event's time zone, DefaultTimeZone for "" or an
// unknown name.
func (e *Event) Location() *time.Location {
	name := e.TimeZone
	if name == "" {
		name = DefaultTimeZone
	}
	if loc, ok := Zone(name); ok {
		return loc
	}
	if loc, ok := Zone(DefaultTimeZone); ok {
		return loc
	}
	return time.FixedZone("JST", 9*3600)
}

// zones keeps every zone looked up by name, and the names that are none.
var zones sync.Map // string -> *time.Location (nil: no such zone)

// Zone returns the time zone named name (an IANA name such as Asia/Tokyo),
// read from the zone database once for the process: reading one costs 5
// to 18 µs, and an export or a listing asks for one per date it writes.
// ok is false for a name that is not a zone.
func Zone(name string) (*time.Location, bool) {
	if v, ok := zones.Load(name); ok {
		loc := v.(*time.Location)
		return loc, loc != nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		loc = nil
	}
	zones.Store(name, loc)
	return loc, loc != nil
}

// Validate checks an event before it is saved. Its rule is checked where
// it is read (recur.Check, which model may not import): data refuses a
// rule it cannot expand or that gives no date.
func (e *Event) Validate() error {
	if err := checkText("title", e.Title, MaxEventTitleLen, true); err != nil {
		return err
	}
	if strings.TrimSpace(e.CommunityID) == "" {
		return FieldError("community", "err.event.community", "コミュニティを選んでください")
	}
	if e.Start.IsZero() {
		return FieldError("start", "err.event.start", "開始日時を入れてください")
	}
	if e.End.Before(e.Start) {
		return FieldError("end", "err.event.end", "終了 (%s) が開始 (%s) より前です", e.End.In(e.Location()).Format("2006-01-02 15:04"), e.Start.In(e.Location()).Format("2006-01-02 15:04"))
	}
	if e.Capacity < 0 {
		return FieldError("capacity", "err.event.capacity", "定員は 0 以上にしてください (0 は制限なし)")
	}
	if err := checkText("place", e.Place, MaxEventPlaceLen, false); err != nil {
		return err
	}
	if err := checkText("online_url", e.OnlineURL, MaxEventURLLen, false); err != nil {
		return err
	}
	if u := strings.TrimSpace(e.OnlineURL); u != "" && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
		return FieldError("online_url", "err.event.url", "オンラインの URL は https:// で始めてください")
	}
	if err := checkText("description", e.Description, MaxEventDescriptionLen, false); err != nil {
		return err
	}
	if e.TimeZone != "" {
		if _, ok := Zone(e.TimeZone); !ok {
			return FieldError("timezone", "err.event.timezone", "タイムゾーン %s は使えません", e.TimeZone)
		}
	}
	if len(e.RRule) > 1000 {
		return FieldError("rrule", "err.toolong", "長すぎます (%d 文字まで、いまは %d 文字)", 1000, len(e.RRule))
	}
	return nil
}

// Attendee is one person's answer to one occurrence.
type Attendee struct {
	StaffID    string    `json:"staff_id"`
	Name       string    `json:"name"`
	Response   string    `json:"response"` // RSVPYes, RSVPMaybe or RSVPNo
	Waitlisted bool      `json:"waitlisted,omitempty"`
	At         time.Time `json:"at"` // when this answer was given; the waiting list's order
}

// Occurrence is one date of an event; for a one-off event, the event itself.
type Occurrence struct {
	Event *Event    `json:"-"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// OriginalStart is where the rule put this occurrence: the key of its
	// exception (cancel, move) and of its RSVPs. It equals Start unless the
	// occurrence was moved.
	OriginalStart time.Time `json:"original_start"`
	Moved         bool      `json:"moved,omitempty"`
	Going         int       `json:"going"`   // answered yes and has a place
	Waiting       int       `json:"waiting"` // answered yes, on the waiting list
	// MyResponse is the viewer's answer, "" for none.
	MyResponse   string `json:"my_response,omitempty"`
	MyWaitlisted bool   `json:"my_waitlisted,omitempty"`
	// Text is what this occurrence says instead of its series; nil when
	// it says nothing of its own. Event already shows it (Shown).
	Text *OccurrenceText `json:"-"`
}

// OccurrenceText is what one occurrence of a series says instead of the
// series, as a RECURRENCE-ID with its own SUMMARY, LOCATION or
// DESCRIPTION does. An empty field says what the series says.
type OccurrenceText struct {
	Title, Place, Description string
}

// Shown returns e as this occurrence shows it: a copy with the
// occurrence's own title, place and description, or e itself when it has
// none.
func (o Occurrence) Shown(e *Event) *Event {
	if o.Text == nil || e == nil {
		return e
	}
	c := *e
	if o.Text.Title != "" {
		c.Title = o.Text.Title
	}
	if o.Text.Place != "" {
		c.Place = o.Text.Place
	}
	if o.Text.Description != "" {
		c.Description = o.Text.Description
	}
	return &c
}

// EventService reads and writes events. Every method sees only events of
// communities the viewer can see: members-only communities' events do not
// exist for non-members (ENOTFOUND). Writing is for the event's creator
// and the community's organisers (EFORBIDDEN otherwise); creating is for
// members of the community.
type EventService interface {
	// Occurrences returns every occurrence that overlaps [from, to) (starts
	// before to and ends after from), in order of start; communityID ""
	// means all communities the viewer can see. Cancelled events and
	// occurrences are left out; moved ones appear at their new time. The
	// events' Description is left empty: see EventByID.
	Occurrences(ctx context.Context, from, to time.Time, communityID string) ([]Occurrence, error)
	// NextOccurrences is Occurrences cut to its first n, for a pane that
	// shows a few: only those are read in full.
	NextOccurrences(ctx context.Context, from, to time.Time, communityID string, n int) ([]Occurrence, error)
	// OccurrenceDays counts the occurrences that Occurrences would return,
	// per day of from's location ("2006-01-02"); an occurrence over
	// several days counts on each. Days without any are absent. It is the
	// month grid's light query.
	OccurrenceDays(ctx context.Context, from, to time.Time, communityID string) (map[string]int, error)
	// Agenda is Occurrences for a screen: only the first perDay
	// occurrences of each day (by start; 0 keeps all), with how many each
	// day has in all, as OccurrenceDays counts them.
	Agenda(ctx context.Context, from, to time.Time, perDay int, communityID string) ([]Occurrence, map[string]int, error)
	// EventByID returns the event with its description and, for a
	// series, its next starts (Next), also when it was cancelled
	// (Cancelled set).
	EventByID(ctx context.Context, id string) (*Event, error)
	// CreateEvent saves e and sets its ID, UID, CreatedBy and the names.
	// The viewer must be a member of the community. A recurring event's
	// Start moves to the rule's first date if it is not one.
	CreateEvent(ctx context.Context, e *Event) error
	// UpdateEvent changes the whole series. RSVPs and exceptions follow
	// their occurrences when the start moves; those whose occurrence no
	// longer exists are dropped.
	UpdateEvent(ctx context.Context, e *Event) error
	// UpdateFollowing changes the occurrence whose original start is from
	// and all that follow: the old series ends before from, and e (its
	// Start and End being the new times of that occurrence) is saved as a
	// new series, whose id it returns. RSVPs and exceptions from then on go
	// with it. At the series' first occurrence it is UpdateEvent.
	UpdateFollowing(ctx context.Context, e *Event, from time.Time) (string, error)
	// CancelFollowing cancels the occurrence whose original start is from
	// and all that follow, in one step: the series ends before from. At
	// the series' first occurrence it is CancelEvent.
	CancelFollowing(ctx context.Context, eventID string, from time.Time) error
	// MoveOccurrence moves one occurrence; the others stay.
	MoveOccurrence(ctx context.Context, eventID string, originalStart, newStart, newEnd time.Time) error
	// CancelledOccurrences returns the occurrences cancelled one by one
	// (a date of a series, or a one-off event) that would have overlapped
	// [from, to), in order of start, for a day's list to show as 中止. A
	// series cancelled whole or from a date on is not among them.
	CancelledOccurrences(ctx context.Context, from, to time.Time, communityID string) ([]Occurrence, error)
	// CancelOccurrence cancels one occurrence; the others stay.
	CancelOccurrence(ctx context.Context, eventID string, originalStart time.Time) error
	// CancelEvent cancels the event, every occurrence of it.
	CancelEvent(ctx context.Context, eventID string) error
	// SetRSVP records the viewer's answer to one occurrence. A yes beyond
	// the capacity goes on the waiting list (waitlisted true), in order of
	// answer; when someone with a place answers maybe or no, the first on
	// the list gets the place. An occurrence that has ended, or was
	// cancelled, takes no answers (ECONFLICT).
	SetRSVP(ctx context.Context, eventID string, originalStart time.Time, response string) (waitlisted bool, err error)
	// Attendees returns the answers to one occurrence: those with a place
	// in order of answer, then the waiting list, then maybe, then no. Only
	// those who may edit the event see everyone; others see only their own
	// answer (the counts are on Occurrence), because taking part in, say,
	// a parental-leave café is not everyone's business.
	Attendees(ctx context.Context, eventID string, originalStart time.Time) ([]Attendee, error)
	// MyEvents returns the occurrences overlapping [from, to) that the
	// viewer answered yes to (with a place or waiting), in order of start.
	MyEvents(ctx context.Context, from, to time.Time) ([]Occurrence, error)
}
