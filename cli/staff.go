package cli

import (
	"context"

	"hiroba/data"
	"hiroba/model"
)

// runStaff lists the staff, as JSON.
func runStaff(e *env, _ []string) error {
	return listJSON(e, func(ctx context.Context, db *data.DB) ([]model.Staff, error) {
		return db.FindStaff(ctx, 0, 0)
	})
}
