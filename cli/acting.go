package cli

import (
	"context"
	"fmt"

	"hiroba/data"
	"hiroba/model"
)

// Who acts in the commands for administrators and 人事課 (ledger,
// snapshot, merge, admin): --as names a staff member, and the data layer
// lets them see and do what that person may; without --as the command
// acts as the operator (data.AsOperator), as `hiroba admin` does:
// whoever can read the file can read every row of it anyway, and a
// server's operator need not be a staff member.

// operatorUnlessAs opens the database (read-only unless write) and runs fn
// as --as, or as the operator when --as is not given.
func (e *env) operatorUnlessAs(write bool, fn func(ctx context.Context, db *data.DB) error) error {
	db, err := e.open(!write)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	if e.as == "" {
		return fn(data.AsOperator(ctx), db)
	}
	id, err := e.viewer(ctx, db)
	if err != nil {
		return err
	}
	return fn(model.WithViewer(ctx, id), db)
}

// municipality finds a municipality by id or exact name ("郡山市"), so
// that nobody has to look an id up; "" is "".
// knownCommunity refuses a --community filter that names no community the
// viewer can see, rather than listing nothing.
func knownCommunity(ctx context.Context, db *data.DB, id string) error {
	if id == "" {
		return nil
	}
	if _, err := db.CommunityByID(ctx, id); err != nil {
		return fmt.Errorf("--community %s: %w", model.CleanLine(id), err)
	}
	return nil
}

func municipality(ctx context.Context, db *data.DB, idOrName string) (model.Municipality, error) {
	if idOrName == "" {
		return model.Municipality{}, nil
	}
	all, err := db.Municipalities(ctx)
	if err != nil {
		return model.Municipality{}, err
	}
	for _, m := range all {
		if m.ID == idOrName || m.Name == idOrName {
			return m, nil
		}
	}
	return model.Municipality{}, refusef(model.ENOTFOUND, "run.municipality", idOrName)
}
