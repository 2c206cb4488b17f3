package cli

import (
	"context"

	"hiroba/data"
	"hiroba/model"
)

// runCommunities lists the communities the viewer can see, as JSON.
func runCommunities(e *env, _ []string) error {
	return listJSON(e, func(ctx context.Context, db *data.DB) ([]model.Community, error) {
		list, _, err := db.FindCommunities(ctx, model.CommunityFilter{})
		return list, err
	})
}
