package model

import "context"

type viewerKey struct{}

// WithViewer returns a context that acts as the staff member with this id.
// Every store method reads the viewer from its context and enforces what
// that person may see and do.
func WithViewer(ctx context.Context, staffID string) context.Context {
	return context.WithValue(ctx, viewerKey{}, staffID)
}

// ViewerFrom returns the staff id the context acts as, or "" for nobody.
func ViewerFrom(ctx context.Context) string {
	id, _ := ctx.Value(viewerKey{}).(string)
	return id
}
