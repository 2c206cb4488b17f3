package kit

import (
	"time"

	"hiroba/model"
)

// CreatedID is the id a form gives what it creates: made at its first
// save and given again at every save after, so that a save whose outcome
// was unknown (a cluster out of reach while it committed) and is made
// again finds the first instead of making a second. A form that closes
// after saving is made anew, with a new id.
type CreatedID struct{ id string }

// For returns the id, making it at now the first time.
func (c *CreatedID) For(now time.Time) string {
	if c.id == "" {
		c.id = model.NewID(now)
	}
	return c.id
}
