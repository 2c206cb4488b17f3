package data_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/data/seed"
	"hiroba/model"
)

// peopleBenchDB makes a database of the scale generator's staff and
// profiles alone: ScalePeople(1), 8,000 staff, which takes under a
// second, so it is made afresh for each benchmark rather than kept.
func peopleBenchDB(b *testing.B) *data.DB {
	b.Helper()
	db := MustOpenDB(b)
	start := time.Now()
	if err := seed.ScalePeople(context.Background(), db, 1, time.Now()); err != nil {
		b.Fatal(err)
	}
	b.Logf("ScalePeople(1) took %v", time.Since(start).Round(time.Millisecond))
	return db
}

func firstStaff(b *testing.B, db *data.DB) context.Context {
	ids, err := data.QueryStrings(db, `SELECT id FROM staff ORDER BY created_at, id LIMIT 1`)
	if err != nil || len(ids) == 0 {
		b.Fatal(err)
	}
	return model.WithViewer(context.Background(), ids[0])
}

func BenchmarkSearchPeople(b *testing.B) {
	db := peopleBenchDB(b)
	ctx := firstStaff(b, db)
	koriyama := "01KOORIYAMA0000000000MUN01"
	for _, q := range []model.PeopleQuery{
		{Text: "税務課 経験"},
		{Text: "育休"},
		{Text: "LoGoチャット", MunicipalityID: koriyama},
		{Text: "固定資産税 RPA"},
	} {
		b.Run(q.Text, func(b *testing.B) {
			var n int
			for b.Loop() {
				ms, err := db.SearchPeople(ctx, q)
				if err != nil {
					b.Fatal(err)
				}
				n = len(ms)
			}
			b.ReportMetric(float64(n), "found")
		})
	}
}

// BenchmarkProposeScale proposes pairs for 300 juniors (the most recently
// joined) among 400 seniors who joined ten or more years ago, with the
// generator's profiles; it logs the fairness figures once.
func BenchmarkProposeScale(b *testing.B) {
	db := peopleBenchDB(b)
	ctx := firstStaff(b, db)
	juniors, err := data.QueryStrings(db, `SELECT staff_id FROM staff_profiles ORDER BY joined_year DESC, staff_id LIMIT 300`)
	if err != nil {
		b.Fatal(err)
	}
	seniors, err := data.QueryStrings(db, `SELECT staff_id FROM staff_profiles
		WHERE joined_year <= (SELECT max(joined_year) FROM staff_profiles) - 10 ORDER BY staff_id LIMIT 400`)
	if err != nil || len(juniors) != 300 || len(seniors) != 400 {
		b.Fatalf("%d juniors, %d seniors: %v", len(juniors), len(seniors), err)
	}
	p := &model.Programme{Kind: model.ProgrammeMentor, Title: fmt.Sprintf("ベンチマーク %d", time.Now().UnixNano()), FiscalYear: model.FiscalYear(time.Now()), Cap: 2}
	if err := db.CreateProgramme(ctx, p, juniors); err != nil {
		b.Fatal(err)
	}
	if err := db.InviteFellows(ctx, p.ID, seniors); err != nil {
		b.Fatal(err)
	}
	if err := db.Bulk(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE programme_fellows SET answer = 'accepted' WHERE programme_id = ?`, p.ID)
		return err
	}); err != nil {
		b.Fatal(err)
	}
	var prop *model.Proposal
	for b.Loop() {
		if prop, err = db.Propose(ctx, p.ID); err != nil {
			b.Fatal(err)
		}
	}
	f := prop.Fairness
	b.Logf("paired %d/%d; %d share a topic (%.2f on average); %d across municipalities; juniors per fellow %d..%d",
		f.Paired, f.Juniors, f.WithShared, f.SharedTopics, f.CrossMunicipality, f.FellowLoadMin, f.FellowLoadMax)
	for _, m := range f.Municipalities {
		b.Logf("  %s: %d fellows, %d juniors", m.Municipality, m.Fellows, m.Juniors)
	}
}
