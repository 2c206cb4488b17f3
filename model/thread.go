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

// AnonymousName is what everyone but the author sees instead of an
// anonymous author's name.
const AnonymousName = "匿名"

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
	// viewer is its author; Anonymous says which.
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
	ID           string    `json:"id"`
	ThreadID     string    `json:"thread_id"`
	AuthorID     string    `json:"author_id,omitempty"`
	AuthorName   string    `json:"author"`
	Anonymous    bool      `json:"anonymous"`
	Mine         bool      `json:"mine,omitempty"`
	Body         string    `json:"body"`
	HelpfulCount int       `json:"helpful_count"`
	Accepted     bool      `json:"accepted,omitempty"`
	Deleted      bool      `json:"deleted,omitempty"`
	CreatedAt    time.Time `json:"created_at"`
}

// Validate checks a reply before it is saved.
func (r *Reply) Validate() error {
	return checkText("body", r.Body, MaxBodyLen, true)
}

// ThreadFilter narrows FindThreads. Zero values select everything.
type ThreadFilter struct {
	Kind          ThreadKind
	CommunityID   string
	Status        string // "", "open" or "resolved"
	Query         string // words in the title
	Offset, Limit int    // Limit 0 means all
}

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
}
