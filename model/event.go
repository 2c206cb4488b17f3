package model

import (
	"context"
	"time"
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
	Start         time.Time `json:"start"`
	End           time.Time `json:"end"`
	AllDay        bool      `json:"all_day"`
	Place         string    `json:"place,omitempty"`
	OnlineURL     string    `json:"online_url,omitempty"`
	Capacity      int       `json:"capacity,omitempty"`
	OrganiserID   string    `json:"organiser_id"`
	OrganiserName string    `json:"organiser"`
	// TwentyPercent says the event counts under the regional 20% rule.
	TwentyPercent bool   `json:"twenty_percent"`
	RRule         string `json:"rrule,omitempty"`
	UID           string `json:"uid"`
}

// Occurrence is one date of an event; for a one-off event, the event itself.
type Occurrence struct {
	Event *Event    `json:"-"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// EventService reads events the viewer may see.
type EventService interface {
	// Occurrences returns every occurrence that overlaps [from, to) (starts
	// before to and ends after from), in order of start; communityID ""
	// means all communities the viewer can see.
	Occurrences(ctx context.Context, from, to time.Time, communityID string) ([]Occurrence, error)
	EventByID(ctx context.Context, id string) (*Event, error)
}
