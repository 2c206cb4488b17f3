package data_test

import (
	"context"
	"testing"

	"hiroba/model"
)

// BenchmarkIsAdmin is what every session start asks twice (the counts of
// the 活動 and 人 tabs), on the scale-1 file of benchEventsDB, where
// nobody holds the role: for the first active staff member, who
// administers, and for the staff member listed first, who does not.
func BenchmarkIsAdmin(b *testing.B) {
	db, member := benchEventsDB(b)
	first := firstStaff(b, db)
	for _, c := range []struct {
		name  string
		ctx   context.Context
		admin bool
	}{{"Administrator", first, true}, {"Member", member, model.ViewerFrom(member) == model.ViewerFrom(first)}} {
		b.Run(c.name, func(b *testing.B) {
			loop(b, func() {
				if ok, err := db.IsAdmin(c.ctx); err != nil || ok != c.admin {
					b.Fatal(ok, err)
				}
			})
		})
	}
}
