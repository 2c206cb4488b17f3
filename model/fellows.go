package model

// フェロー・メンター: an administrator (人事課) opens a programme for a
// fiscal year and the new staff it covers (juniors), invites seniors to
// stand as fellows, and pairs them: hiroba proposes, the administrator
// swaps, fixes and confirms. A confirmed pair has a private space, a
// thread and 面談 dates only the two can read; the administrator sees
// figures (last met, number of 面談, twice-yearly answers) and never the
// content. The fellows of a programme share a members-only community
// (メンター同士), created with it.
//
// Error keys (Error.Key), for the catalogues; Message holds the Japanese:
// err.programme.kind, err.programme.year, err.programme.cap,
// err.programme.closed, err.programme.both, err.programme.not_invited,
// err.programme.admin, err.pair.not_found, err.pair.ended,
// err.pair.self, err.pair.department, err.pair.supervisor, err.pair.cap,
// err.pair.not_junior, err.pair.not_fellow, err.pair.taken,
// err.pair.state, err.pair.reason, err.meeting.end, err.meeting.length,
// err.feedback.score; and err.required, err.toolong, err.utf8.

import (
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"
)

// ProgrammeKind is フェロー (安中市: a senior with no working interest in
// the junior listens to their worries) or メンター (小田原市: a senior of
// another department meets new staff regularly).
type ProgrammeKind string

const (
	ProgrammeFellow ProgrammeKind = "fellow"
	ProgrammeMentor ProgrammeKind = "mentor"
)

// Programme states.
const (
	ProgrammeOpen   = "open"
	ProgrammeClosed = "closed"
)

// Programme is one year's fellow or mentor scheme.
type Programme struct {
	ID         string        `json:"id"`
	Kind       ProgrammeKind `json:"kind"`
	Title      string        `json:"title"`
	FiscalYear int           `json:"fiscal_year"`
	// Cap is how many juniors one fellow may take at most.
	Cap    int    `json:"cap"`
	Status string `json:"status"`
	// CommunityID is the fellows' own community (メンター同士).
	CommunityID string     `json:"community_id"`
	CreatedBy   string     `json:"created_by"`
	CreatedAt   time.Time  `json:"created_at"`
	ClosedAt    *time.Time `json:"closed_at,omitempty"`
	// Invitation is the viewer's answer to being asked to stand as a
	// fellow (Invitation*), "" when they were not asked; filled by
	// Programmes and ProgrammeByID, so that the invited can answer.
	Invitation string `json:"invitation,omitempty"`
	// Counts, filled by the store.
	Juniors int `json:"juniors"`
	Fellows int `json:"fellows"` // accepted
	Pairs   int `json:"pairs"`   // not ended
}

// Programme limits.
const (
	MaxFellowCap       = 5
	DefaultFellowCap   = 2
	MaxEndReasonLen    = 500
	MaxPairMessageLen  = 10000
	MaxFeedbackComment = 500
	MaxMeetingHours    = 8
)

// Validate checks a programme as an administrator opens it, at now.
func (p *Programme) Validate(now time.Time) error {
	if p.Kind != ProgrammeFellow && p.Kind != ProgrammeMentor {
		return FieldError("kind", "err.programme.kind", "フェローかメンターかを選んでください")
	}
	if err := checkText("title", p.Title, MaxTitleLen, true); err != nil {
		return err
	}
	if fy := FiscalYear(now); p.FiscalYear < fy-1 || p.FiscalYear > fy+1 {
		return FieldError("fiscal_year", "err.programme.year", "年度は %d 年度から %d 年度までで選んでください", fy-1, fy+1)
	}
	if p.Cap < 1 || p.Cap > MaxFellowCap {
		return FieldError("cap", "err.programme.cap", "一人のフェローが受け持つ人数は 1 から %d までです", MaxFellowCap)
	}
	return nil
}

// Fellow invitation states.
const (
	InvitationPending  = "invited"
	InvitationAccepted = "accepted"
	InvitationDeclined = "declined"
)

// Roles in a programme, and who ended a pair (Pair.EndedBy: these two,
// RoleAdmin, or EndedByProgramme when the programme was closed).
const (
	RoleJunior       = "junior"
	RoleFellow       = "fellow"
	EndedByProgramme = "programme"
)

// ProgrammeMember is a junior or an invited fellow of a programme, as the
// administrator sees them.
type ProgrammeMember struct {
	Staff  Staff   `json:"staff"`
	Role   string  `json:"role"`             // RoleJunior or RoleFellow
	Answer string  `json:"answer,omitempty"` // fellows: Invitation*
	Topics []Topic `json:"topics,omitempty"`
	// Load is how many juniors a fellow has (not ended); for a junior, 1
	// when paired.
	Load int `json:"load"`
}

// PairStatus is where a pair stands.
type PairStatus string

const (
	PairProposed  PairStatus = "proposed"  // by hiroba; replaced by the next proposal
	PairFixed     PairStatus = "fixed"     // kept by the administrator
	PairConfirmed PairStatus = "confirmed" // running: the two see each other and their space
	PairEnded     PairStatus = "ended"
)

// Pair is a junior and their fellow.
type Pair struct {
	ID           string     `json:"id"`
	ProgrammeID  string     `json:"programme_id"`
	Programme    string     `json:"programme"` // title
	Junior       Staff      `json:"junior"`
	Fellow       Staff      `json:"fellow"`
	Status       PairStatus `json:"status"`
	SharedTopics []string   `json:"shared_topics"`
	ConfirmedAt  *time.Time `json:"confirmed_at,omitempty"`
	EndedAt      *time.Time `json:"ended_at,omitempty"`
	// EndedBy is RoleJunior, RoleFellow, RoleAdmin or EndedByProgramme.
	EndedBy   string `json:"ended_by,omitempty"`
	EndReason string `json:"end_reason,omitempty"`
	// Unread counts the other's messages the viewer has not read (MyPairs).
	Unread int `json:"unread,omitempty"`
}

// Fairness sums up a set of pairs, so that an administrator can judge a
// proposal: how many topics the pairs share, and how the juniors spread
// over the fellows and their municipalities.
type Fairness struct {
	Juniors  int `json:"juniors"`
	Paired   int `json:"paired"`
	Unpaired int `json:"unpaired"`
	// SharedTopics is the mean number of shared topics per pair;
	// WithShared how many pairs share at least one.
	SharedTopics float64 `json:"shared_topics"`
	WithShared   int     `json:"with_shared"`
	// CrossMunicipality is how many pairs are of two municipalities.
	CrossMunicipality int `json:"cross_municipality"`
	// FellowLoadMin and Max are the fewest and most juniors of a fellow
	// who stands (accepted), unused fellows included.
	FellowLoadMin int `json:"fellow_load_min"`
	FellowLoadMax int `json:"fellow_load_max"`
	// Municipalities: per municipality of the fellows, how many stand and
	// how many juniors they have.
	Municipalities []MunicipalityLoad `json:"municipalities"`
}

// MunicipalityLoad is one line of Fairness.Municipalities.
type MunicipalityLoad struct {
	Municipality string `json:"municipality"`
	Fellows      int    `json:"fellows"`
	Juniors      int    `json:"juniors"`
}

// Proposal is what Propose returns: every pair the programme now has that
// is not ended (proposed ones new), the juniors left without a fellow, and
// the figures.
type Proposal struct {
	Pairs    []Pair   `json:"pairs"`
	Unpaired []Staff  `json:"unpaired"`
	Fairness Fairness `json:"fairness"`
}

// PairMessage is one message of a pair's private thread.
type PairMessage struct {
	ID        string    `json:"id"`
	PairID    string    `json:"pair_id"`
	Author    Staff     `json:"author"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}

// PairMeeting is a 面談 of a pair, on their calendars alone.
type PairMeeting struct {
	ID     string    `json:"id"`
	PairID string    `json:"pair_id"`
	Start  time.Time `json:"start"`
	End    time.Time `json:"end"`
	Place  string    `json:"place,omitempty"`
	// Note is for the two, e.g. what to bring.
	Note string `json:"note,omitempty"`
	// TwentyPercent: the 面談 counts under the 20% rule.
	TwentyPercent bool   `json:"twenty_percent"`
	Cancelled     bool   `json:"cancelled,omitempty"`
	CreatedBy     string `json:"created_by"`
	With          Staff  `json:"with"` // the other of the pair, for the viewer
}

// Validate checks a 面談 as one of the two schedules it.
func (m *PairMeeting) Validate() error {
	if !m.End.After(m.Start) {
		return FieldError("end", "err.meeting.end", "終わりは始まりより後にしてください")
	}
	if m.End.Sub(m.Start) > MaxMeetingHours*time.Hour {
		return FieldError("end", "err.meeting.length", "面談は %d 時間までです", MaxMeetingHours)
	}
	if err := checkText("place", m.Place, MaxEventPlaceLen, false); err != nil {
		return err
	}
	return checkText("note", m.Note, MaxFeedbackComment, false)
}

// PairFeedback is one side's answer for a half year: three scores from 1
// to 5 and a comment that only administrators read.
type PairFeedback struct {
	PairID string `json:"pair_id"`
	Period string `json:"period"` // FeedbackPeriod
	Side   string `json:"side"`   // RoleJunior or RoleFellow
	// 話しやすさ, 役に立った, 続けたい.
	Ease     int       `json:"ease"`
	Useful   int       `json:"useful"`
	Continue int       `json:"continue"`
	Comment  string    `json:"comment,omitempty"`
	At       time.Time `json:"at"`
}

// Validate checks the scores and the comment.
func (f *PairFeedback) Validate() error {
	for _, s := range []struct {
		field string
		v     int
	}{{"ease", f.Ease}, {"useful", f.Useful}, {"continue", f.Continue}} {
		if s.v < 1 || s.v > 5 {
			return FieldError(s.field, "err.feedback.score", "1 から 5 で答えてください")
		}
	}
	return checkText("comment", f.Comment, MaxFeedbackComment, false)
}

// FeedbackPeriod names the half of the fiscal year t is in: "2025-1" for
// April to September 2025, "2025-2" for October 2025 to March 2026. Each
// side answers once per period (a second answer replaces the first).
func FeedbackPeriod(t time.Time) string {
	half := "1"
	if m := t.In(japan).Month(); m >= time.October || m < time.April {
		half = "2"
	}
	return strconv.Itoa(FiscalYear(t)) + "-" + half
}

// LapseAfter is how long a running pair may go without a 面談 before the
// administrator's view flags it.
const LapseAfter = 2 * 30 * 24 * time.Hour

// PairStat is one pair as the administrator monitors it: figures, never
// the pair's messages or meeting notes.
type PairStat struct {
	PairID      string     `json:"pair_id"`
	Junior      Staff      `json:"junior"`
	Fellow      Staff      `json:"fellow"`
	Status      PairStatus `json:"status"`
	ConfirmedAt *time.Time `json:"confirmed_at,omitempty"`
	LastMet     *time.Time `json:"last_met,omitempty"`
	Meetings    int        `json:"meetings"` // held, not cancelled
	Messages    int        `json:"messages"` // how many, never what
	// Lapsed: running, and no 面談 for LapseAfter (counted from the
	// confirmation when they never met).
	Lapsed    bool           `json:"lapsed"`
	EndedAt   *time.Time     `json:"ended_at,omitempty"`
	EndedBy   string         `json:"ended_by,omitempty"`
	EndReason string         `json:"end_reason,omitempty"`
	Feedback  []PairFeedback `json:"feedback"`
}

// WriteStatsCSV writes the figures of a programme's pairs as CSV with a
// header: names, municipalities, state, dates and counts, and the latest
// scores of each side. Comments and reasons, which people wrote, are left
// out, so that the file can be passed on.
func WriteStatsCSV(w io.Writer, stats []PairStat) error {
	cw := csv.NewWriter(w)
	header := []string{"pair_id", "junior", "junior_municipality", "fellow", "fellow_municipality",
		"status", "confirmed_at", "last_met", "meetings", "messages", "lapsed", "ended_at", "ended_by",
		"junior_period", "junior_ease", "junior_useful", "junior_continue",
		"fellow_period", "fellow_ease", "fellow_useful", "fellow_continue"}
	if err := cw.Write(header); err != nil {
		return err
	}
	day := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.In(japan).Format("2006-01-02")
	}
	for _, s := range stats {
		row := []string{s.PairID, s.Junior.Name, s.Junior.Municipality, s.Fellow.Name, s.Fellow.Municipality,
			string(s.Status), day(s.ConfirmedAt), day(s.LastMet), strconv.Itoa(s.Meetings), strconv.Itoa(s.Messages),
			strconv.FormatBool(s.Lapsed), day(s.EndedAt), s.EndedBy}
		for _, side := range []string{RoleJunior, RoleFellow} {
			latest := []string{"", "", "", ""}
			for _, f := range s.Feedback {
				if f.Side == side && f.Period >= latest[0] {
					latest = []string{f.Period, strconv.Itoa(f.Ease), strconv.Itoa(f.Useful), strconv.Itoa(f.Continue)}
				}
			}
			row = append(row, latest...)
		}
		for i := range row {
			row[i] = strings.TrimLeft(CleanLine(row[i]), "=+-@") // no formulas in a spreadsheet
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// FellowService runs fellow and mentor programmes. Methods marked
// "administrator" refuse anyone else with EFORBIDDEN. A pair's space
// (messages, meetings) is for the two alone: to anyone else, the
// administrator included, it does not exist (ENOTFOUND).
type FellowService interface {
	// CreateProgramme opens a programme (administrator) with its juniors,
	// and the fellows' community; it sets p.ID and p.CommunityID.
	CreateProgramme(ctx context.Context, p *Programme, juniorIDs []string) error
	// Programmes returns every programme to an administrator, and to
	// anyone else those they are a junior or a fellow of; newest first.
	Programmes(ctx context.Context) ([]Programme, error)
	ProgrammeByID(ctx context.Context, id string) (*Programme, error)
	// AddJuniors and RemoveJunior change who a programme covers
	// (administrator); a junior with a running pair cannot be removed.
	AddJuniors(ctx context.Context, programmeID string, staffIDs []string) error
	RemoveJunior(ctx context.Context, programmeID, staffID string) error
	// InviteFellows asks seniors to stand (administrator).
	InviteFellows(ctx context.Context, programmeID string, staffIDs []string) error
	// AnswerInvitation is the invited senior's yes or no; yes makes them a
	// member of the fellows' community.
	AnswerInvitation(ctx context.Context, programmeID string, accept bool) error
	// ProgrammeMembers lists juniors and fellows with topics and load
	// (administrator).
	ProgrammeMembers(ctx context.Context, programmeID string) ([]ProgrammeMember, error)
	// Propose replaces the proposed pairs by new ones for every junior
	// without a pair, keeping fixed and confirmed pairs (administrator).
	Propose(ctx context.Context, programmeID string) (*Proposal, error)
	// Pairs lists a programme's pairs, ended ones too (administrator).
	Pairs(ctx context.Context, programmeID string) ([]Pair, error)
	// PairJunior pairs a junior with a fellow by hand, as a fixed pair,
	// replacing the junior's proposed pair (administrator).
	PairJunior(ctx context.Context, programmeID, juniorID, fellowID string) (*Pair, error)
	// SwapFellows exchanges the fellows of two pairs not yet confirmed.
	SwapFellows(ctx context.Context, pairA, pairB string) error
	// FixPair keeps a proposed pair through the next proposal, or lets
	// it go again.
	FixPair(ctx context.Context, pairID string, fixed bool) error
	// Unpair removes a pair not yet confirmed (administrator).
	Unpair(ctx context.Context, pairID string) error
	// ConfirmPairs starts every proposed and fixed pair; it returns how
	// many (administrator).
	ConfirmPairs(ctx context.Context, programmeID string) (int, error)
	// CloseProgramme ends the programme and its running pairs
	// (administrator).
	CloseProgramme(ctx context.Context, programmeID string) error
	// ProgrammeStats returns the figures of every confirmed or ended pair
	// (administrator); see WriteStatsCSV.
	ProgrammeStats(ctx context.Context, programmeID string) ([]PairStat, error)

	// MyPairs returns the viewer's confirmed and ended pairs, either side.
	MyPairs(ctx context.Context) ([]Pair, error)
	// EndPair ends a running pair: either of the two, or an
	// administrator; the reason is required and the administrator sees it.
	EndPair(ctx context.Context, pairID, reason string) error
	// PairMessages returns a pair's thread, oldest first, to the two.
	PairMessages(ctx context.Context, pairID string, offset, limit int) ([]PairMessage, error)
	PostPairMessage(ctx context.Context, pairID, body string) (*PairMessage, error)
	// MarkPairRead marks the pair's thread read for the viewer.
	MarkPairRead(ctx context.Context, pairID string) error
	// MyFeedback returns the viewer's own answers to a pair's half-yearly
	// questions, the newest half year first: the two read what they
	// answered; the other of the pair never does.
	MyFeedback(ctx context.Context, pairID string) ([]PairFeedback, error)
	// PairMeetings returns a pair's 面談, cancelled ones too, to the two.
	PairMeetings(ctx context.Context, pairID string) ([]PairMeeting, error)
	// MyPairMeetings returns the viewer's 面談 in [from, to), for their
	// calendar, of every running pair.
	MyPairMeetings(ctx context.Context, from, to time.Time) ([]PairMeeting, error)
	// SchedulePairMeeting adds a 面談 (either of the two); sets m.ID.
	SchedulePairMeeting(ctx context.Context, m *PairMeeting) error
	CancelPairMeeting(ctx context.Context, meetingID string) error
	// AnswerFeedback records the viewer's answer for the current period
	// (f.Period and f.Side are set by the store).
	AnswerFeedback(ctx context.Context, f *PairFeedback) error
}
