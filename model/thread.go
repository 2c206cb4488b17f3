package model

import (
	"context"
	"time"
)

// ThreadKind is what a thread is for.
type ThreadKind string

const (
	KindQuestion   ThreadKind = "question"   // 相談
	KindCall       ThreadKind = "call"       // 募集 (職場応援)
	KindIdea       ThreadKind = "idea"       // アイデア
	KindExperience ThreadKind = "experience" // 体験談
	KindNotice     ThreadKind = "notice"     // お知らせ
)

// ThreadKinds lists every kind in display order.
var ThreadKinds = []ThreadKind{KindQuestion, KindCall, KindIdea, KindExperience, KindNotice}

// Valid reports whether k is one of ThreadKinds.
func (k ThreadKind) Valid() bool {
	for _, v := range ThreadKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Support types of a call for help (職場応援).
const (
	SupportPlanning   = "planning"   // 企画参画
	SupportOperations = "operations" // 運営補助
	SupportBusy       = "busy"       // 繁忙期応援
)

// Thread is a question, call, idea, experience report or notice.
type Thread struct {
	ID            string     `json:"id"`
	CommunityID   string     `json:"community_id"`
	CommunityName string     `json:"community"`
	Kind          ThreadKind `json:"kind"`
	Title         string     `json:"title"`
	Body          string     `json:"body,omitempty"`
	Tags          []string   `json:"tags"`
	// AuthorID and AuthorName are empty for an anonymous thread unless the
	// viewer is its author (Mine); Anonymous says which. How to label the
	// author is the interface's (kit.AuthorName).
	AuthorID        string    `json:"author_id,omitempty"`
	AuthorName      string    `json:"author"`
	Anonymous       bool      `json:"anonymous"`
	Mine            bool      `json:"mine,omitempty"`
	ResolvedReplyID string    `json:"resolved_reply_id,omitempty"`
	ReplyCount      int       `json:"reply_count"`
	HelpfulCount    int       `json:"helpful_count"`
	CreatedAt       time.Time `json:"created_at"`
	LastActivityAt  time.Time `json:"last_activity_at"`
	Unread          bool      `json:"unread,omitempty"`
	Deleted         bool      `json:"deleted,omitempty"`
	Edited          bool      `json:"edited,omitempty"`
	Pinned          bool      `json:"pinned,omitempty"`
	// Following, MarkedHelpful, Applied and OnTeam are the viewer's own
	// state: following the thread, 参考になった given, applied to the call,
	// on the idea's team. CanModerate: the viewer organises the community.
	Following     bool `json:"following,omitempty"`
	MarkedHelpful bool `json:"marked_helpful,omitempty"`
	Applied       bool `json:"applied,omitempty"`
	OnTeam        bool `json:"on_team,omitempty"`
	CanModerate   bool `json:"-"`
	TeamSize      int  `json:"team_size,omitempty"`
	// A call for help has slots, a deadline and a place.
	SupportType string     `json:"support_type,omitempty"`
	Slots       int        `json:"slots,omitempty"`
	Deadline    *time.Time `json:"deadline,omitempty"`
	Place       string     `json:"place,omitempty"`
	Applicants  int        `json:"applicants,omitempty"`
}

// Resolved reports whether an answer has been accepted.
func (t *Thread) Resolved() bool { return t.ResolvedReplyID != "" }

// Thread limits, in characters.
const (
	MaxTitleLen = 120
	MaxBodyLen  = 100000
)

// Validate checks a thread before it is saved.
func (t *Thread) Validate() error {
	if !t.Kind.Valid() {
		return FieldError("kind", "err.kind", "種類を選んでください")
	}
	if err := checkText("title", t.Title, MaxTitleLen, true); err != nil {
		return err
	}
	return checkText("body", t.Body, MaxBodyLen, true)
}

// Reply is an answer or comment in a thread.
type Reply struct {
	ID           string `json:"id"`
	ThreadID     string `json:"thread_id"`
	AuthorID     string `json:"author_id,omitempty"`
	AuthorName   string `json:"author"`
	Anonymous    bool   `json:"anonymous"`
	Mine         bool   `json:"mine,omitempty"`
	Body         string `json:"body"`
	HelpfulCount int    `json:"helpful_count"`
	Accepted     bool   `json:"accepted,omitempty"`
	Deleted      bool   `json:"deleted,omitempty"`
	Edited       bool   `json:"edited,omitempty"`
	// Unread: the reply came after the viewer last read the thread.
	Unread bool `json:"unread,omitempty"`
	// MarkedHelpful: the viewer gave it 参考になった.
	MarkedHelpful bool `json:"marked_helpful,omitempty"`
	// QuoteID is the reply this one quotes, if any.
	QuoteID   string    `json:"quote_id,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// Validate checks a reply before it is saved.
func (r *Reply) Validate() error {
	return checkText("body", r.Body, MaxBodyLen, true)
}

// MaxCommentLen bounds a one-line comment, such as an application's.
const MaxCommentLen = 1000

// CheckComment checks an optional one-line comment.
func CheckComment(s string) error { return checkText("comment", s, MaxCommentLen, false) }

// ThreadFilter narrows FindThreads. Zero values select everything.
type ThreadFilter struct {
	Kind          ThreadKind
	CommunityID   string
	Status        string // "", "open" or "resolved"
	Query         string // words in the title or tags
	Mine          bool   // threads the viewer wrote
	Unread        bool   // threads with activity the viewer has not read
	Followed      bool   // threads the viewer follows
	Offset, Limit int    // Limit 0 means all
}

// Unread threads are those in communities the viewer belongs to, or that
// the viewer follows, with activity since the viewer last read them (or,
// never read, since joining or following).

// Applicant is someone who answered a call for help.
type Applicant struct {
	StaffID      string    `json:"staff_id"`
	Name         string    `json:"name"`
	Municipality string    `json:"municipality"`
	Department   string    `json:"department"`
	Comment      string    `json:"comment,omitempty"`
	At           time.Time `json:"at"`
}

// Kinds of inbox items.
const (
	InboxReply = "reply" // a new reply on a thread the viewer follows
	InboxPlan  = "plan"  // news of an activity plan (see InboxItem)
	// News of a handover note the viewer is named in or asked on (see
	// HandoverEvent), and an occurrence they answered that was cancelled
	// (model/inbox.go).
	InboxHandover  = "handover"
	InboxCancelled = "cancelled"
)

// InboxItem is something new for the viewer: a reply on a thread they
// follow (Kind InboxReply), or news of an activity plan (InboxPlan): a
// decision by someone else on the viewer's plan, or a plan waiting for
// the viewer's decision. For a plan, PlanID and PlanEvent (the action:
// approve, return, revoke, submit) are set, ThreadTitle holds the plan's
// title, AuthorName who acted and Snippet their comment (a request's
// purpose); ThreadID and ReplyID are empty.
type InboxItem struct {
	Kind        string `json:"kind"`
	ThreadID    string `json:"thread_id,omitempty"`
	ThreadTitle string `json:"thread_title"`
	ReplyID     string `json:"reply_id,omitempty"`
	PlanID      string `json:"plan_id,omitempty"`
	PlanEvent   string `json:"plan_event,omitempty"`
	// For a handover note: the note, what happened (NewsNamed ...)
	// and, for an answer, the question. For a cancelled occurrence: the
	// event and the occurrence's start (its original start).
	HandoverID      string     `json:"handover_id,omitempty"`
	HandoverEvent   string     `json:"handover_event,omitempty"`
	QuestionID      string     `json:"question_id,omitempty"`
	EventID         string     `json:"event_id,omitempty"`
	OccurrenceStart *time.Time `json:"occurrence_start,omitempty"`
	AuthorName      string     `json:"author"`
	Anonymous       bool       `json:"anonymous,omitempty"` // AuthorName is empty
	Snippet         string     `json:"snippet"`
	At              time.Time  `json:"at"`
}

// MaxUnreadCount caps ThreadService.UnreadCount: beyond it a count says
// "many", and counting further would read every thread of a busy
// community.
const MaxUnreadCount = 999

// ThreadService reads threads. Anonymous authors are hidden from everyone
// but the author in every result.
type ThreadService interface {
	// FindThreads returns one page, latest activity first, of threads in
	// communities the viewer can see, and the number of all matches.
	FindThreads(ctx context.Context, f ThreadFilter) ([]Thread, int, error)
	// ThreadByID returns the thread with its body.
	ThreadByID(ctx context.Context, id string) (*Thread, error)
	// Replies returns a thread's replies, oldest first.
	Replies(ctx context.Context, threadID string, offset, limit int) ([]Reply, error)
	// CreateThread saves t with the viewer as author and sets t.ID; the
	// author follows the thread. A members-only community takes posts from
	// its members only (EFORBIDDEN).
	CreateThread(ctx context.Context, t *Thread) error
	// CreateReply saves r in thread r.ThreadID with the viewer as author and
	// sets r.ID; the thread becomes the latest active.
	CreateReply(ctx context.Context, r *Reply) error
	// MarkRead records that the viewer has read the thread as it is now, so
	// that it is no longer Unread.
	MarkRead(ctx context.Context, threadID string) error

	// UpdateThread saves a new title, body, tags and anonymity; author only.
	UpdateThread(ctx context.Context, t *Thread) error
	// DeleteThread leaves 削除されました in place of the post; author only.
	DeleteThread(ctx context.Context, id string) error
	// UpdateReply saves a new body; author only.
	UpdateReply(ctx context.Context, r *Reply) error
	// DeleteReply leaves 削除されました; author only.
	DeleteReply(ctx context.Context, id string) error
	// Resolve marks replyID as the answer ("" unmarks); the asker or an
	// organiser of the community only.
	Resolve(ctx context.Context, threadID, replyID string) error
	// ToggleHelpful gives or takes back 参考になった on a thread or reply and
	// reports whether it is now given. Not on one's own post.
	ToggleHelpful(ctx context.Context, postID string) (bool, error)
	// Follow follows (on) or unfollows a thread.
	Follow(ctx context.Context, threadID string, on bool) error
	// Apply answers a call for help; supervisorAgreed (所属長了承済み) must
	// be true. A full call or one past its deadline refuses (ECONFLICT).
	Apply(ctx context.Context, threadID string, supervisorAgreed bool, comment string) error
	// Withdraw takes back the viewer's application.
	Withdraw(ctx context.Context, threadID string) error
	// Applicants lists who applied; only the poster sees them.
	Applicants(ctx context.Context, threadID string) ([]Applicant, error)
	// JoinTeam puts the viewer on an idea's team (一緒にやりたい), or takes
	// them off.
	JoinTeam(ctx context.Context, threadID string, on bool) error
	// Team lists an idea's team.
	Team(ctx context.Context, threadID string) ([]Applicant, error)
	// SetHidden and SetPinned are for organisers of the thread's community.
	SetHidden(ctx context.Context, postID string, hidden bool) error
	SetPinned(ctx context.Context, threadID string, pinned bool) error
	// UnreadCount is the number of unread threads.
	UnreadCount(ctx context.Context) (int, error)
	// Inbox returns what is new for the viewer, newest first: replies by
	// others on followed threads that the viewer has not read, news of
	// activity plans not yet marked read, the steps of handover notes the
	// viewer is in and cancelled occurrences they answered, not yet seen
	// (InboxItem, InboxService).
	Inbox(ctx context.Context, limit int) ([]InboxItem, error)
}
