package model

// 人: who knows what. A staff member's profile adds to name, municipality
// and department (which every approved colleague sees) the places they
// worked before (異動歴) and the topics they are happy to be asked about
// (聞いてOK); both are optional and shown only to approved staff. People
// search finds colleagues by those, and says which field matched.
//
// Error keys (Error.Key), for the catalogues; Message holds the Japanese:
// err.profile.joined_year, err.profile.year_range, err.profile.years,
// err.profile.before_joined, err.profile.overlap, err.profile.history_count,
// err.profile.topic_count, err.profile.topic_kind,
// err.profile.topic_duplicate, err.profile.own, err.people.query; and
// err.required, err.toolong, err.utf8 as for other forms.

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
)

// TopicKind says what a 聞いてOK topic is about.
type TopicKind string

const (
	TopicWork       TopicKind = "work"       // 業務: 固定資産税, 予算要求
	TopicSystem     TopicKind = "system"     // システム: LoGoチャット, 財務会計
	TopicExperience TopicKind = "experience" // 経験: 育休取得, 災害対応
)

// TopicKinds in the order a profile shows them.
var TopicKinds = []TopicKind{TopicWork, TopicSystem, TopicExperience}

func (k TopicKind) valid() bool {
	return k == TopicWork || k == TopicSystem || k == TopicExperience
}

// Topic is one thing a person is happy to be asked about.
type Topic struct {
	Kind  TopicKind `json:"kind"`
	Label string    `json:"label"`
	// Note says more, e.g. "2022年度に10か月" for 育休取得.
	Note string `json:"note,omitempty"`
}

// PastPost is one place a person worked before (異動歴): a department from
// one fiscal year (年度, April to March) to another, both included.
type PastPost struct {
	// Municipality is "" for the person's own; otherwise where they were
	// seconded (派遣), e.g. 福島県.
	Municipality string `json:"municipality,omitempty"`
	Department   string `json:"department"`
	FromYear     int    `json:"from_year"`
	ToYear       int    `json:"to_year"`
}

// Profile is a staff member as colleagues may look them up.
type Profile struct {
	Staff Staff `json:"staff"`
	// JoinedYear is the fiscal year they joined (入庁年度); 0 if not said.
	JoinedYear int        `json:"joined_year,omitempty"`
	History    []PastPost `json:"history"` // oldest first
	Topics     []Topic    `json:"topics"`  // by kind, in the order written
	// Hidden keeps the profile out of people search, and shows others
	// only name, municipality and department wherever they click the
	// name; the person still sees it whole.
	Hidden    bool       `json:"hidden"`
	UpdatedAt *time.Time `json:"updated_at,omitempty"` // nil: never written
}

// Profile limits.
const (
	MaxPastPosts           = 30
	MaxTopics              = 30
	MaxTopicLen            = 40
	MaxTopicNoteLen        = 200
	MaxPastMunicipalityLen = 40
	EarliestYear           = 1960
	MaxPeopleQueryLen      = 100
)

// Validate checks a profile as its owner wrote it, at now (which decides
// the current fiscal year). It returns the first problem as a FieldError;
// the field names a row, e.g. "history.2" or "topics.0".
func (p *Profile) Validate(now time.Time) error {
	fy := FiscalYear(now)
	if p.JoinedYear != 0 && (p.JoinedYear < EarliestYear || p.JoinedYear > fy) {
		return FieldError("joined_year", "err.profile.joined_year", "入庁年度は %d 年度から %d 年度までで入力してください", EarliestYear, fy)
	}
	if len(p.History) > MaxPastPosts {
		return FieldError("history", "err.profile.history_count", "異動歴は %d 件までです", MaxPastPosts)
	}
	for i, h := range p.History {
		field := fmt.Sprintf("history.%d", i)
		if err := checkText(field, h.Department, MaxDepartmentLen, true); err != nil {
			return err
		}
		if err := checkText(field, h.Municipality, MaxPastMunicipalityLen, false); err != nil {
			return err
		}
		if h.FromYear < EarliestYear || h.FromYear > fy || h.ToYear < EarliestYear || h.ToYear > fy {
			return FieldError(field, "err.profile.year_range", "%s: 年度は %d 年度から %d 年度までで入力してください", h.Department, EarliestYear, fy)
		}
		if h.FromYear > h.ToYear {
			return FieldError(field, "err.profile.years", "%s: 終わりの年度 (%d) が始まりの年度 (%d) より前です", h.Department, h.ToYear, h.FromYear)
		}
		if p.JoinedYear != 0 && h.FromYear < p.JoinedYear {
			return FieldError(field, "err.profile.before_joined", "%s: 入庁年度 (%d) より前の年度です", h.Department, p.JoinedYear)
		}
	}
	order := make([]int, len(p.History))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return p.History[order[a]].FromYear < p.History[order[b]].FromYear })
	for k := 1; k < len(order); k++ {
		prev, cur := p.History[order[k-1]], p.History[order[k]]
		if cur.FromYear <= prev.ToYear {
			return FieldError(fmt.Sprintf("history.%d", order[k]), "err.profile.overlap",
				"%s (%d-%d年度) と %s (%d-%d年度) の年度が重なっています", prev.Department, prev.FromYear, prev.ToYear, cur.Department, cur.FromYear, cur.ToYear)
		}
	}
	if len(p.Topics) > MaxTopics {
		return FieldError("topics", "err.profile.topic_count", "聞いてOKの話題は %d 件までです", MaxTopics)
	}
	seen := map[string]bool{}
	for i, t := range p.Topics {
		field := fmt.Sprintf("topics.%d", i)
		if !t.Kind.valid() {
			return FieldError(field, "err.profile.topic_kind", "話題の種類 (業務・システム・経験) を選んでください")
		}
		if err := checkText(field, t.Label, MaxTopicLen, true); err != nil {
			return err
		}
		if err := checkText(field, t.Note, MaxTopicNoteLen, false); err != nil {
			return err
		}
		key := FoldText(strings.TrimSpace(t.Label))
		if seen[key] {
			return FieldError(field, "err.profile.topic_duplicate", "「%s」は二度書かれています", strings.TrimSpace(t.Label))
		}
		seen[key] = true
	}
	return nil
}

// Clean returns the profile as it is stored: text cleaned of control
// sequences and trimmed, history oldest first, topics grouped by kind in
// the order written.
func (p Profile) Clean() Profile {
	out := p
	out.History = make([]PastPost, len(p.History))
	for i, h := range p.History {
		h.Department = strings.TrimSpace(CleanLine(h.Department))
		h.Municipality = strings.TrimSpace(CleanLine(h.Municipality))
		out.History[i] = h
	}
	sort.SliceStable(out.History, func(a, b int) bool { return out.History[a].FromYear < out.History[b].FromYear })
	out.Topics = make([]Topic, 0, len(p.Topics))
	for _, k := range TopicKinds {
		for _, t := range p.Topics {
			if t.Kind == k {
				t.Label = strings.TrimSpace(CleanLine(t.Label))
				t.Note = strings.TrimSpace(CleanLine(t.Note))
				out.Topics = append(out.Topics, t)
			}
		}
	}
	return out
}

// SharedTopics returns the labels of a's topics that b also has, compared
// folded (FoldText), in a's order.
func SharedTopics(a, b []Topic) []string {
	have := make(map[string]bool, len(b))
	for _, t := range b {
		have[FoldText(t.Label)] = true
	}
	var out []string
	for _, t := range a {
		if have[FoldText(t.Label)] {
			out = append(out, t.Label)
		}
	}
	return out
}

// FiscalYear returns the fiscal year (年度) of t in Japan: April to March,
// so 2025-03-31 is in 2024年度.
func FiscalYear(t time.Time) int {
	l := t.In(japan)
	if l.Month() < time.April {
		return l.Year() - 1
	}
	return l.Year()
}

// japan is a fixed zone, so that fiscal years need no tzdata; Japan has no
// daylight saving time.
var japan = time.FixedZone("JST", 9*60*60)

// Where a people search matched, for MatchReason.Field.
const (
	MatchName       = "name"
	MatchDepartment = "department" // the current one
	MatchHistory    = "history"    // a past department
	MatchWork       = "work"       // a 業務 topic
	MatchSystem     = "system"     // a システム topic
	MatchExperience = "experience" // an 経験 topic
)

// MatchReason says why a person was found: the field and the text in it
// that matched.
type MatchReason struct {
	Field string `json:"field"`
	Text  string `json:"text"`
}

// PersonMatch is one person a search found.
type PersonMatch struct {
	Staff   Staff         `json:"staff"`
	Reasons []MatchReason `json:"reasons"`
}

// PeopleQuery is a people search.
type PeopleQuery struct {
	// Text is words, all of which must match (in any field), e.g.
	// "税務課 経験" or "育休". Words such as 経験 that only say "has done"
	// are dropped (see PeopleTerms).
	Text string
	// MunicipalityID keeps only staff of that municipality; "" for all.
	MunicipalityID string
	Limit          int // 0: 50
}

// PeopleService reads and writes profiles and finds people. Every read
// is for approved (active) staff only: anyone else gets EFORBIDDEN.
type PeopleService interface {
	// ProfileByStaff returns a person's profile; a person who never wrote
	// one has an empty one. ENOTFOUND for an unknown or revoked person.
	ProfileByStaff(ctx context.Context, staffID string) (*Profile, error)
	// SaveProfile replaces the viewer's own profile (history, topics,
	// joined year, hidden) after Validate; nothing is saved on error.
	SaveProfile(ctx context.Context, p *Profile) error
	// SetProfileHidden switches the viewer's own profile out of people
	// search, or back.
	SetProfileHidden(ctx context.Context, hidden bool) error
	// SearchPeople finds active staff whose profile is not hidden, best
	// matches first (more fields matched, then by name).
	SearchPeople(ctx context.Context, q PeopleQuery) ([]PersonMatch, error)
}
