package model

import (
	"context"
	"time"
)

// What happened to a handover note, as its inbox item says it
// (InboxItem.HandoverEvent): the viewer was named its successor, it was
// handed over to them, their successor acknowledged it, or their question
// on it was answered.
const (
	NewsNamed        = "named"
	NewsHandedOver   = "handed"
	NewsAcknowledged = "acknowledged"
	NewsAnswered     = "answered"
)

// InboxService marks what the inbox said as seen, so that it leaves the
// inbox.
type InboxService interface {
	// MarkHandoverRead records that the viewer read note id: its news
	// (named, handed over, acknowledged, answered) leave their inbox.
	MarkHandoverRead(ctx context.Context, id string) error
	// MarkCancellationSeen records that the viewer saw that the
	// occurrence of event eventID originally at start was cancelled.
	MarkCancellationSeen(ctx context.Context, eventID string, start time.Time) error
}
