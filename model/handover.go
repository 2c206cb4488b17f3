package model

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// Handover states.
const (
	HandoverDraft        = "draft"        // 作成中
	HandoverHandedOver   = "handed_over"  // 引継済み
	HandoverAcknowledged = "acknowledged" // 受領確認済み
)

// Handover note visibility, beyond predecessor and successor.
const (
	HandoverVisDepartment   = "department"
	HandoverVisMunicipality = "municipality"
	HandoverVisArea         = "area"
)

// DefaultSectionTitles are the sections a new handover note starts with.
var DefaultSectionTitles = []string{"業務概要", "年間スケジュール", "関係先・連絡先", "進行中の案件", "注意点・よくある質問", "参考資料・ファイルの場所"}

// HandoverSection is one markdown section of a handover note.
type HandoverSection struct {
	ID       string `json:"id"`
	Position int    `json:"position"`
	Title    string `json:"title"`
	Body     string `json:"body"`
}

// Handover is a handover note (引き継ぎ書) for one duty (担当業務).
type Handover struct {
	ID              string     `json:"id"`
	MunicipalityID  string     `json:"municipality_id"`
	Municipality    string     `json:"municipality"`
	Department      string     `json:"department"`
	Duty            string     `json:"duty"`
	PredecessorID   string     `json:"predecessor_id"`
	PredecessorName string     `json:"predecessor"`
	SuccessorID     string     `json:"successor_id,omitempty"` // "" is 未定
	SuccessorName   string     `json:"successor,omitempty"`
	EffectiveDate   time.Time  `json:"effective_date" format:"date"`
	Status          string     `json:"status"`
	Visibility      string     `json:"visibility"`
	HandedOverAt    *time.Time `json:"handed_over_at,omitempty"`
	AcknowledgedAt  *time.Time `json:"acknowledged_at,omitempty"`
	AckComment      string     `json:"ack_comment,omitempty"`
	// QuestionsUntil is the last day follow-up questions are taken; it is
	// set when the note is handed over, a year later by default.
	QuestionsUntil *time.Time        `json:"questions_until,omitempty" format:"date"`
	CreatedAt      time.Time         `json:"created_at"`
	UpdatedAt      time.Time         `json:"updated_at"`
	Revision       int               `json:"revision"`
	Sections       []HandoverSection `json:"sections,omitempty"`
}

// Who the viewer is on a note, for HandoverFilter.Mine.
const (
	MineAsPredecessor = "predecessor"
	MineAsSuccessor   = "successor"
	MineAsEither      = "either"
)

// HandoverFilter narrows FindHandovers. Zero values select everything the
// viewer may read.
type HandoverFilter struct {
	Status string
	// Mine keeps the notes where the viewer is the predecessor, the
	// successor, or either (MineAs...).
	Mine string
	// Department keeps the notes of this department of the viewer's
	// municipality.
	Department    string
	Query         string // words, each in the duty, department or a section title
	Offset, Limit int    // Limit 0 means all
}

// Handover limits, in characters.
const (
	MaxDutyLen           = 120
	MaxSectionTitleLen   = 60
	MaxSectionBodyLen    = 100000
	MaxSections          = 30
	MaxAckCommentLen     = 2000
	MaxQuestionLen       = 10000
	MaxHandoverDepartLen = MaxDepartmentLen
)

// Validate checks the facts of a note before it is saved: the duty, the
// department, the effective date and the visibility.
func (h *Handover) Validate() error {
	if err := checkText("duty", h.Duty, MaxDutyLen, true); err != nil {
		return err
	}
	if err := checkText("department", h.Department, MaxHandoverDepartLen, false); err != nil {
		return err
	}
	if h.EffectiveDate.IsZero() {
		return FieldError("effective_date", "err.hand.date", "異動日を YYYY-MM-DD で入力してください")
	}
	switch h.Visibility {
	case HandoverVisDepartment, HandoverVisMunicipality, HandoverVisArea:
	default:
		return FieldError("visibility", "err.hand.visibility", "公開範囲を選んでください")
	}
	return nil
}

// ValidateSections checks the sections of a note before they are saved:
// at least one, at most MaxSections, each with a title.
func ValidateSections(sections []HandoverSection) error {
	if len(sections) == 0 {
		return FieldError("sections", "err.hand.nosections", "見出しが一つもありません")
	}
	if len(sections) > MaxSections {
		return FieldError("sections", "err.hand.toomany", "見出しは %d 個までです", MaxSections)
	}
	for _, s := range sections {
		if err := checkText("section_title", s.Title, MaxSectionTitleLen, true); err != nil {
			return err
		}
		if err := checkText("section_body", s.Body, MaxSectionBodyLen, false); err != nil {
			return err
		}
	}
	return nil
}

// HandoverRevision is the note's sections as one save left them. Number 1
// is the note as created.
type HandoverRevision struct {
	Number     int               `json:"number"`
	AuthorID   string            `json:"author_id"`
	AuthorName string            `json:"author"`
	CreatedAt  time.Time         `json:"created_at"`
	Sections   []HandoverSection `json:"sections,omitempty"`
}

// HandoverQuestion is a follow-up question on a note, and its answer once
// the predecessor has given one. Answered questions stay with the note,
// so that the next successor reads them too.
type HandoverQuestion struct {
	ID             string     `json:"id"`
	HandoverID     string     `json:"handover_id"`
	Duty           string     `json:"duty"` // the note's duty, for an inbox
	AuthorID       string     `json:"author_id"`
	AuthorName     string     `json:"author"`
	Body           string     `json:"body"`
	Answer         string     `json:"answer,omitempty"`
	AnsweredByName string     `json:"answered_by,omitempty"`
	CreatedAt      time.Time  `json:"created_at"`
	AnsweredAt     *time.Time `json:"answered_at,omitempty"`
}

// Answered reports whether the question has its answer.
func (q *HandoverQuestion) Answered() bool { return q.AnsweredAt != nil }

// Diff line kinds.
const (
	DiffSame    = ' '
	DiffRemoved = '-'
	DiffAdded   = '+'
	DiffGap     = '~' // unchanged lines left out between two changes
)

// DiffLine is one line of a section's diff.
type DiffLine struct {
	Op   rune   `json:"op"`
	Text string `json:"text"`
}

// Section change kinds.
const (
	SectionSame    = "same"
	SectionChanged = "changed"
	SectionAdded   = "added"
	SectionRemoved = "removed"
)

// SectionDiff is how one section differs between two revisions. A renamed
// section has OldTitle set; a moved one has its old and new positions.
type SectionDiff struct {
	Title       string     `json:"title"`
	OldTitle    string     `json:"old_title,omitempty"`
	Change      string     `json:"change"`
	OldPosition int        `json:"old_position"`
	NewPosition int        `json:"new_position"`
	Lines       []DiffLine `json:"lines,omitempty"`
}

// ScheduleItem is one line of a 年間スケジュール section that names a
// month, to be sent to the calendar as a yearly event.
type ScheduleItem struct {
	Month int    `json:"month"`
	Text  string `json:"text"`
}

// HandoverService reads and writes handover notes. Every method acts as
// the context's viewer: reads return only notes the viewer may read (the
// predecessor, the successor, staff of the same department of the same
// municipality, and the municipality or area when the note is opened to
// them); changes are refused with EFORBIDDEN or ECONFLICT and a Japanese
// message.
type HandoverService interface {
	FindHandovers(ctx context.Context, f HandoverFilter) ([]Handover, int, error)
	// HandoverByID returns the note with its sections in order.
	HandoverByID(ctx context.Context, id string) (*Handover, error)

	// CreateHandover saves a new draft note with the viewer as its
	// predecessor, in the viewer's municipality, with the sections of
	// DefaultSectionTitles (or h.Sections when given); it is revision 1.
	CreateHandover(ctx context.Context, h *Handover) error
	// UpdateHandover changes the duty, department, effective date and
	// visibility; the predecessor only.
	UpdateHandover(ctx context.Context, h *Handover) error
	// SaveSections replaces the note's sections (added, renamed, reordered
	// or edited) and keeps a revision. base is the revision the editor
	// started from: a note saved by someone else since is ECONFLICT.
	SaveSections(ctx context.Context, id string, base int, sections []HandoverSection) (*Handover, error)
	// SetSuccessor names the successor; "" is 未定. The predecessor only,
	// before acknowledgement.
	SetSuccessor(ctx context.Context, id, successorID string) error
	// MarkHandedOver moves a draft to handed_over; the predecessor only.
	// questionsUntil nil means a year after today.
	MarkHandedOver(ctx context.Context, id string, questionsUntil *time.Time) error
	// Acknowledge confirms receipt; the successor only, of a handed-over
	// note.
	Acknowledge(ctx context.Context, id, comment string) error
	// Revisions returns the note's revisions, newest first, without their
	// sections.
	Revisions(ctx context.Context, id string) ([]HandoverRevision, error)
	// DiffRevisions compares revision from with revision to, section by
	// section, in the order of to.
	DiffRevisions(ctx context.Context, id string, from, to int) ([]SectionDiff, error)
	// Questions returns the note's questions, oldest first.
	Questions(ctx context.Context, id string) ([]HandoverQuestion, error)
	// AskQuestion saves a question from the viewer, who may read the note,
	// until its QuestionsUntil day has passed.
	AskQuestion(ctx context.Context, id, body string) (*HandoverQuestion, error)
	// AnswerQuestion saves the predecessor's answer.
	AnswerQuestion(ctx context.Context, questionID, answer string) error
	// QuestionsForMe returns the unanswered questions on notes where the
	// viewer is the predecessor, newest first: the inbox's entries.
	QuestionsForMe(ctx context.Context) ([]HandoverQuestion, error)
	// AddScheduleToCalendar makes each item a yearly all-day event on the
	// first day of its month in community communityID, organised by the
	// viewer, who must be the predecessor or the successor and a member of
	// the community. It returns the number of events made.
	AddScheduleToCalendar(ctx context.Context, id, communityID string, items []ScheduleItem) (int, error)
}

// Schedule returns the note's yearly schedule: the items of its sections
// titled 年間スケジュール (DefaultSectionTitles[1]), in their order.
func (h *Handover) Schedule() []ScheduleItem {
	var out []ScheduleItem
	for _, s := range h.Sections {
		if s.Title == DefaultSectionTitles[1] {
			out = append(out, ScheduleItems(s.Body)...)
		}
	}
	return out
}

// ScheduleItems finds the lines of a 年間スケジュール section that begin
// with a month: "| 10月 | 予算要求 |", "- 10月: 予算要求", "6〜7月 交付税の算定"
// (a range counts from its first month). Digits may be full-width.
func ScheduleItems(body string) []ScheduleItem {
	var out []ScheduleItem
	for _, line := range strings.Split(body, "\n") {
		line = strings.Map(func(r rune) rune {
			if r >= '０' && r <= '９' {
				return r - '０' + '0'
			}
			return r
		}, line)
		line = strings.TrimLeft(strings.TrimSpace(line), "|-*+ \t")
		i := 0
		for i < len(line) && i < 2 && line[i] >= '0' && line[i] <= '9' {
			i++
		}
		if i == 0 {
			continue
		}
		month, _ := strconv.Atoi(line[:i])
		rest := line[i:]
		// A range such as 6〜7月 or 6-7月.
		for _, sep := range []string{"〜", "~", "-", "－", "～"} {
			if strings.HasPrefix(rest, sep) {
				rest = strings.TrimLeft(rest[len(sep):], "0123456789")
				break
			}
		}
		if !strings.HasPrefix(rest, "月") || month < 1 || month > 12 {
			continue
		}
		rest = strings.TrimPrefix(rest, "月")
		var cells []string
		for _, c := range strings.Split(rest, "|") {
			c = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(c), ":：、"))
			if c != "" {
				cells = append(cells, c)
			}
		}
		if text := strings.Join(cells, " "); text != "" {
			out = append(out, ScheduleItem{Month: month, Text: CleanLine(text)})
		}
	}
	return out
}
