package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"hiroba/model"
)

// defaultPeopleLimit is how many people a search returns unless told.
const defaultPeopleLimit = 50

// peopleFields are people_text's searchable columns and the MatchReason
// field each stands for, in the order reasons are given.
var peopleFields = []struct{ column, field string }{
	{"history", model.MatchHistory},
	{"experience", model.MatchExperience},
	{"work", model.MatchWork},
	{"system", model.MatchSystem},
	{"department", model.MatchDepartment},
	{"name", model.MatchName},
}

// SearchPeople finds active staff whose profile is not hidden and in
// whose profile every word of the query appears, each in any field. It
// reads people_text whole (about 2 MB at 8,000 staff) and matches in Go,
// so that Japanese needs no word splitting: 税務 is found in 税務課 as a
// substring. Results: most fields matched first, then by municipality and
// name; each says which lines matched.
func (db *DB) SearchPeople(ctx context.Context, q model.PeopleQuery) ([]model.PersonMatch, error) {
	terms, err := model.PeopleTerms(q.Text)
	if err != nil {
		return nil, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = defaultPeopleLimit
	}
	var out []model.PersonMatch
	err = db.readTx(ctx, func(tx *sql.Tx) error {
		if err := profileReader(ctx, tx); err != nil {
			return err
		}
		if len(terms) == 0 {
			return nil
		}
		var w where
		w.add(`s.status = 'active'`)
		w.add(`NOT coalesce(p.hidden, 0)`)
		if q.MunicipalityID != "" {
			w.add(`t.municipality_id = @muni`, sql.Named("muni", q.MunicipalityID))
		}
		// Words of kanji and kana alone are found the same in the stored
		// text as in its folded form, so SQLite can drop the rows that
		// lack them before Go reads them; other words are matched in Go.
		for i, alts := range terms {
			if !foldInvariant(alts) {
				continue
			}
			var or []string
			for k, a := range alts {
				name := fmt.Sprintf("t%d_%d", i, k)
				or = append(or, `instr(t.history || t.experience || t.work || t.system || t.department || t.name, @`+name+`) > 0`)
				w.args = append(w.args, sql.Named(name, a))
			}
			w.conds = append(w.conds, "("+strings.Join(or, " OR ")+")")
		}
		rows, err := tx.QueryContext(ctx, `SELECT t.staff_id, mu.sort, s.name, t.history, t.experience, t.work, t.system, t.department, t.name
			FROM people_text t
			JOIN staff s ON s.id = t.staff_id
			JOIN municipalities mu ON mu.id = s.municipality_id
			LEFT JOIN staff_profiles p ON p.staff_id = t.staff_id
			`+w.String(), w.args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		type found struct {
			id      string
			sort    int
			name    string
			reasons []model.MatchReason
			fields  int
		}
		var hits []found
		texts := make([]string, len(peopleFields))
		for rows.Next() {
			var f found
			dest := []any{&f.id, &f.sort, &f.name}
			for i := range texts {
				dest = append(dest, &texts[i])
			}
			if err := rows.Scan(dest...); err != nil {
				return err
			}
			if f.reasons, f.fields = matchPerson(terms, texts); f.reasons != nil {
				hits = append(hits, f)
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		sort.Slice(hits, func(i, j int) bool {
			a, b := hits[i], hits[j]
			if a.fields != b.fields {
				return a.fields > b.fields
			}
			if a.sort != b.sort {
				return a.sort < b.sort
			}
			if a.name != b.name {
				return a.name < b.name
			}
			return a.id < b.id
		})
		if len(hits) > limit {
			hits = hits[:limit]
		}
		for _, h := range hits {
			s, err := staffByID(ctx, tx, h.id)
			if err != nil {
				return err
			}
			out = append(out, model.PersonMatch{Staff: *s, Reasons: h.reasons})
		}
		return nil
	})
	if err != nil {
		return nil, wrapOnce("職員の検索", err)
	}
	return out, nil
}

// matchPerson returns why a person matches every term (alternatives of
// each, folded) given their fields' texts in peopleFields order, and how
// many fields matched; nil when a term matches nowhere. A line is one
// value: a past department, a topic, the department, the name.
func matchPerson(terms [][]string, texts []string) ([]model.MatchReason, int) {
	var reasons []model.MatchReason
	fields := map[string]bool{}
	for _, alts := range terms {
		matched := false
		for i, text := range texts {
			if text == "" {
				continue
			}
			folded := model.FoldText(text)
			if !containsAny(folded, alts) {
				continue
			}
			for _, line := range strings.Split(text, "\n") {
				if containsAny(model.FoldText(line), alts) {
					r := model.MatchReason{Field: peopleFields[i].field, Text: line}
					if !hasReason(reasons, r) {
						reasons = append(reasons, r)
					}
					fields[r.Field] = true
					matched = true
				}
			}
		}
		if !matched {
			return nil, 0
		}
	}
	return reasons, len(fields)
}

// foldInvariant reports whether every alternative is free of ASCII and
// spaces, so that FoldText cannot change whether a text contains it.
func foldInvariant(alts []string) bool {
	for _, a := range alts {
		for i := 0; i < len(a); i++ {
			if a[i] < 0x80 {
				return false
			}
		}
		if strings.ContainsRune(a, 0x3000) || model.FoldText(a) != a {
			return false
		}
	}
	return true
}

func containsAny(s string, alts []string) bool {
	for _, a := range alts {
		if strings.Contains(s, a) {
			return true
		}
	}
	return false
}

func hasReason(rs []model.MatchReason, r model.MatchReason) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}
