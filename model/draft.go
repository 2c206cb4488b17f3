package model

import (
	"context"
	"time"
)

// Draft is text being written, saved as it is typed so that quitting, a
// crash or a closed terminal loses nothing. Context names what is being
// written, such as "thread:<community id>", "reply:<thread id>" or
// "handover:<id>:<section id>"; each person has at most one draft per
// context.
type Draft struct {
	Context   string            `json:"context"`
	Title     string            `json:"title,omitempty"`
	Body      string            `json:"body"`
	Meta      map[string]string `json:"meta,omitempty"` // other fields of the form
	UpdatedAt time.Time         `json:"updated_at"`
}

// DraftService keeps the viewer's drafts. Drafts are private: nobody but
// their writer can read them.
type DraftService interface {
	// SaveDraft stores d for the viewer, replacing the draft of the same
	// context.
	SaveDraft(ctx context.Context, d *Draft) error
	// DraftByContext returns the viewer's draft for context, or ENOTFOUND.
	DraftByContext(ctx context.Context, context string) (*Draft, error)
	// DeleteDraft removes the viewer's draft for context, if any.
	DeleteDraft(ctx context.Context, context string) error
}
