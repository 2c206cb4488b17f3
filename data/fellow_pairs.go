package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"

	"hiroba/model"
)

// reportingLines returns, for each of ids, the staff ids of their
// supervisors, nearest first, for the rule that a fellow is never in the
// junior's reporting line. The same-department rule
// (model.SameDepartment) applies besides.
func reportingLines(ctx context.Context, tx *sql.Tx, ids []string) (map[string][]string, error) {
	return supervisorLines(ctx, tx, ids)
}

// programmeCandidates returns a programme's juniors and accepted fellows
// who are active, as the matching sees them: department, topics and
// reporting line.
func programmeCandidates(ctx context.Context, tx *sql.Tx, programmeID string) (juniors, fellows map[string]model.MatchCandidate, err error) {
	juniors, fellows = map[string]model.MatchCandidate{}, map[string]model.MatchCandidate{}
	rows, err := tx.QueryContext(ctx, `SELECT m.role, s.id, s.name, s.municipality_id, mu.name, s.department
		FROM (SELECT staff_id, 'junior' AS role FROM programme_juniors WHERE programme_id = @p
			UNION ALL SELECT staff_id, 'fellow' FROM programme_fellows WHERE programme_id = @p AND answer = 'accepted') m
		JOIN staff s ON s.id = m.staff_id JOIN municipalities mu ON mu.id = s.municipality_id
		WHERE s.status = 'active'`, sql.Named("p", programmeID))
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var role string
		var c model.MatchCandidate
		if err := rows.Scan(&role, &c.ID, &c.Name, &c.MunicipalityID, &c.Municipality, &c.Department); err != nil {
			return nil, nil, err
		}
		if role == model.RoleJunior {
			juniors[c.ID] = c
		} else {
			fellows[c.ID] = c
		}
		ids = append(ids, c.ID)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	topics, err := tx.QueryContext(ctx, `SELECT t.staff_id, t.kind, t.label FROM staff_topics t
		WHERE t.staff_id IN (SELECT staff_id FROM programme_juniors WHERE programme_id = @p
			UNION SELECT staff_id FROM programme_fellows WHERE programme_id = @p AND answer = 'accepted')
		ORDER BY t.staff_id, t.position`, sql.Named("p", programmeID))
	if err != nil {
		return nil, nil, err
	}
	defer topics.Close()
	byStaff := map[string][]model.Topic{}
	for topics.Next() {
		var id string
		var t model.Topic
		if err := topics.Scan(&id, &t.Kind, &t.Label); err != nil {
			return nil, nil, err
		}
		byStaff[id] = append(byStaff[id], t)
	}
	if err := topics.Err(); err != nil {
		return nil, nil, err
	}
	lines, err := reportingLines(ctx, tx, ids)
	if err != nil {
		return nil, nil, err
	}
	for _, m := range []map[string]model.MatchCandidate{juniors, fellows} {
		for id, c := range m {
			c.Topics, c.ReportingLine = byStaff[id], lines[id]
			m[id] = c
		}
	}
	return juniors, fellows, nil
}

// pairColumns read a pair with both people; x is fellow_pairs, p its
// programme, j and f the two, jm and fm their municipalities.
const pairColumns = `x.id, x.programme_id, p.title, x.status, x.confirmed_at, x.ended_at, coalesce(x.ended_by, ''), x.end_reason,
	j.id, j.name, j.municipality_id, jm.name, j.department,
	f.id, f.name, f.municipality_id, fm.name, f.department`

const pairFrom = ` FROM fellow_pairs x JOIN fellow_programmes p ON p.id = x.programme_id
	JOIN staff j ON j.id = x.junior_id JOIN municipalities jm ON jm.id = j.municipality_id
	JOIN staff f ON f.id = x.fellow_id JOIN municipalities fm ON fm.id = f.municipality_id `

func scanPair(row rowScanner) (*model.Pair, error) {
	var x model.Pair
	var confirmed, ended sql.NullString
	if err := row.Scan(&x.ID, &x.ProgrammeID, &x.Programme, &x.Status, &confirmed, &ended, &x.EndedBy, &x.EndReason,
		&x.Junior.ID, &x.Junior.Name, &x.Junior.MunicipalityID, &x.Junior.Municipality, &x.Junior.Department,
		&x.Fellow.ID, &x.Fellow.Name, &x.Fellow.MunicipalityID, &x.Fellow.Municipality, &x.Fellow.Department); err != nil {
		return nil, err
	}
	x.ConfirmedAt, x.EndedAt = nullTime(confirmed), nullTime(ended)
	x.SharedTopics = []string{}
	return &x, nil
}

// pairByID returns a pair whoever asks; callers check who.
func pairByID(ctx context.Context, tx *sql.Tx, id string) (*model.Pair, error) {
	x, err := scanPair(tx.QueryRowContext(ctx, `SELECT `+pairColumns+pairFrom+`WHERE x.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, model.Keyed(model.ENOTFOUND, "err.pair.not_found", "この組は見つかりません")
	}
	return x, err
}

// withSharedTopics fills each pair's SharedTopics from the two's topics.
func withSharedTopics(ctx context.Context, tx *sql.Tx, pairs []model.Pair) error {
	cache := map[string][]model.Topic{}
	topics := func(id string) ([]model.Topic, error) {
		if t, ok := cache[id]; ok {
			return t, nil
		}
		t, err := topicsOf(ctx, tx, id)
		cache[id] = t
		return t, err
	}
	for i := range pairs {
		a, err := topics(pairs[i].Junior.ID)
		if err != nil {
			return err
		}
		b, err := topics(pairs[i].Fellow.ID)
		if err != nil {
			return err
		}
		if s := model.SharedTopics(a, b); s != nil {
			pairs[i].SharedTopics = s
		}
	}
	return nil
}

// programmePairs returns a programme's pairs, ended ones last, by the
// juniors' municipality and name.
func programmePairs(ctx context.Context, tx *sql.Tx, programmeID string, withEnded bool) ([]model.Pair, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+pairColumns+pairFrom+`
		WHERE x.programme_id = @p AND (@ended OR x.status <> 'ended')
		ORDER BY x.status = 'ended', jm.sort, j.name, x.id`, sql.Named("p", programmeID), sql.Named("ended", withEnded))
	if err != nil {
		return nil, err
	}
	out, err := collect(rows, scanPair)
	if err != nil {
		return nil, err
	}
	return out, withSharedTopics(ctx, tx, out)
}

// programmeState returns what pairing starts from: the candidates and
// the pairs not ended.
func programmeState(ctx context.Context, tx *sql.Tx, programmeID string) (juniors, fellows map[string]model.MatchCandidate, pairs []model.Pair, err error) {
	if juniors, fellows, err = programmeCandidates(ctx, tx, programmeID); err != nil {
		return nil, nil, nil, err
	}
	pairs, err = programmePairs(ctx, tx, programmeID, false)
	return juniors, fellows, pairs, err
}

// Pairs lists a programme's pairs, ended ones too (administrator).
func (db *DB) Pairs(ctx context.Context, programmeID string) ([]model.Pair, error) {
	var out []model.Pair
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		if _, err := programmeAdmin(ctx, tx); err != nil {
			return err
		}
		if _, err := programmeByID(ctx, tx, programmeID); err != nil {
			return err
		}
		out, err = programmePairs(ctx, tx, programmeID, true)
		return err
	})
	return out, wrapOnce("組の一覧", err)
}

// Propose replaces the proposed pairs by new ones for every junior
// without a fixed or running pair, and returns the programme's pairs with
// the figures (administrator).
func (db *DB) Propose(ctx context.Context, programmeID string) (*model.Proposal, error) {
	var out *model.Proposal
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		p, _, err := openProgrammeForAdmin(ctx, tx, programmeID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM fellow_pairs WHERE programme_id = ? AND status = 'proposed'`, programmeID); err != nil {
			return err
		}
		juniors, fellows, kept, err := programmeState(ctx, tx, programmeID)
		if err != nil {
			return err
		}
		in := model.MatchInput{Cap: p.Cap, Load: map[string]int{}}
		if in.Ended, err = endedPartners(ctx, tx, programmeID); err != nil {
			return err
		}
		pairedJunior := map[string]bool{}
		for _, x := range kept {
			in.Load[x.Fellow.ID]++
			pairedJunior[x.Junior.ID] = true
		}
		for id, c := range juniors {
			if !pairedJunior[id] {
				in.Juniors = append(in.Juniors, c)
			}
		}
		for _, c := range fellows {
			in.Fellows = append(in.Fellows, c)
		}
		proposed, _ := model.ProposePairs(in)
		now := db.Now()
		st, err := tx.PrepareContext(ctx, `INSERT INTO fellow_pairs (id, programme_id, junior_id, fellow_id, status, created_at) VALUES (?, ?, ?, ?, 'proposed', ?)`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, m := range proposed {
			if _, err := st.ExecContext(ctx, model.NewID(now), programmeID, m.JuniorID, m.FellowID, fmtTime(now)); err != nil {
				return err
			}
		}
		out, err = proposalOf(ctx, tx, programmeID, juniors, fellows)
		return err
	})
	if err != nil {
		return nil, wrapOnce("組み合わせの提案", err)
	}
	return out, nil
}

// endedPartners returns, by junior id, the fellows whose pair with that
// junior ended in the programme.
func endedPartners(ctx context.Context, tx *sql.Tx, programmeID string) (map[string][]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT junior_id, fellow_id FROM fellow_pairs
		WHERE programme_id = ? AND status = 'ended' ORDER BY junior_id, fellow_id`, programmeID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var junior, fellow string
		if err := rows.Scan(&junior, &fellow); err != nil {
			return nil, err
		}
		out[junior] = append(out[junior], fellow)
	}
	return out, rows.Err()
}

// proposalOf sums up a programme's pairs that are not ended.
func proposalOf(ctx context.Context, tx *sql.Tx, programmeID string, juniors, fellows map[string]model.MatchCandidate) (*model.Proposal, error) {
	pairs, err := programmePairs(ctx, tx, programmeID, false)
	if err != nil {
		return nil, err
	}
	out := &model.Proposal{Pairs: pairs, Unpaired: []model.Staff{}}
	paired := map[string]bool{}
	var matched []model.MatchedPair
	for _, x := range pairs {
		paired[x.Junior.ID] = true
		matched = append(matched, model.MatchedPair{JuniorID: x.Junior.ID, FellowID: x.Fellow.ID, Shared: x.SharedTopics})
	}
	var fellowList []model.MatchCandidate
	for _, c := range fellows {
		fellowList = append(fellowList, c)
	}
	sort.Slice(fellowList, func(i, j int) bool { return fellowList[i].ID < fellowList[j].ID })
	out.Fairness = model.MatchFairness(fellowList, juniors, matched, len(juniors))
	for id := range juniors {
		if !paired[id] {
			s, err := staffByID(ctx, tx, id)
			if err != nil {
				return nil, err
			}
			out.Unpaired = append(out.Unpaired, *s)
		}
	}
	sort.Slice(out.Unpaired, func(i, j int) bool { return out.Unpaired[i].Name < out.Unpaired[j].Name })
	return out, nil
}

// checkPair refuses a junior and fellow that break a hard rule, including
// the cap: the fellow's pairs other than except count.
func checkPair(ctx context.Context, tx *sql.Tx, p *model.Programme, juniors, fellows map[string]model.MatchCandidate, juniorID, fellowID, except string) error {
	if juniorID == fellowID {
		return model.Keyed(model.EINVALID, "err.pair.self", "自分自身とは組めません")
	}
	j, ok := juniors[juniorID]
	if !ok {
		return model.Keyed(model.EINVALID, "err.pair.not_junior", "この職員は「%s」の対象 (後輩職員) ではありません", p.Title)
	}
	f, ok := fellows[fellowID]
	if !ok {
		return model.Keyed(model.EINVALID, "err.pair.not_fellow", "この職員は「%s」のフェローを引き受けていません", p.Title)
	}
	if err := model.PairAllowed(j, f); err != nil {
		return err
	}
	var load int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM fellow_pairs WHERE programme_id = ? AND fellow_id = ? AND status <> 'ended' AND id <> ?`,
		p.ID, fellowID, except).Scan(&load); err != nil {
		return err
	}
	if load >= p.Cap {
		return model.Keyed(model.ECONFLICT, "err.pair.cap", "%s さんはすでに %d 人を受け持っています (上限 %d 人)", f.Name, load, p.Cap)
	}
	return nil
}

// PairJunior pairs a junior with a fellow by hand as a fixed pair,
// replacing the junior's pair not yet confirmed (administrator).
func (db *DB) PairJunior(ctx context.Context, programmeID, juniorID, fellowID string) (*model.Pair, error) {
	var out *model.Pair
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		p, _, err := openProgrammeForAdmin(ctx, tx, programmeID)
		if err != nil {
			return err
		}
		juniors, fellows, err := programmeCandidates(ctx, tx, programmeID)
		if err != nil {
			return err
		}
		var current, status string
		err = tx.QueryRowContext(ctx, `SELECT id, status FROM fellow_pairs WHERE programme_id = ? AND junior_id = ? AND status <> 'ended'`,
			programmeID, juniorID).Scan(&current, &status)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if status == string(model.PairConfirmed) {
			return model.Keyed(model.ECONFLICT, "err.pair.taken", "%s さんの組はすでに確定しています。先に組を終了してください", juniors[juniorID].Name)
		}
		if err := checkPair(ctx, tx, p, juniors, fellows, juniorID, fellowID, current); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM fellow_pairs WHERE id = ?`, current); err != nil {
			return err
		}
		now := db.Now()
		id := model.NewID(now)
		if _, err := tx.ExecContext(ctx, `INSERT INTO fellow_pairs (id, programme_id, junior_id, fellow_id, status, created_at) VALUES (?, ?, ?, ?, 'fixed', ?)`,
			id, programmeID, juniorID, fellowID, fmtTime(now)); err != nil {
			return err
		}
		if out, err = pairByID(ctx, tx, id); err != nil {
			return err
		}
		list := []model.Pair{*out}
		err = withSharedTopics(ctx, tx, list)
		out = &list[0]
		return err
	})
	return out, wrapOnce("組の指定", err)
}

// pendingPairForAdmin returns a pair not yet confirmed of an open
// programme, for an administrator.
func pendingPairForAdmin(ctx context.Context, tx *sql.Tx, pairID string) (*model.Pair, *model.Programme, error) {
	if _, err := programmeAdmin(ctx, tx); err != nil {
		return nil, nil, err
	}
	x, err := pairByID(ctx, tx, pairID)
	if err != nil {
		return nil, nil, err
	}
	p, _, err := openProgrammeForAdmin(ctx, tx, x.ProgrammeID)
	if err != nil {
		return nil, nil, err
	}
	if x.Status != model.PairProposed && x.Status != model.PairFixed {
		return nil, nil, model.Keyed(model.ECONFLICT, "err.pair.state", "確定済みの組は変更できません。先に組を終了してください")
	}
	return x, p, nil
}

// SwapFellows exchanges the fellows of two pairs of one programme not yet
// confirmed; both become fixed, as the administrator chose them.
func (db *DB) SwapFellows(ctx context.Context, pairA, pairB string) error {
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		a, p, err := pendingPairForAdmin(ctx, tx, pairA)
		if err != nil {
			return err
		}
		b, _, err := pendingPairForAdmin(ctx, tx, pairB)
		if err != nil {
			return err
		}
		if a.ProgrammeID != b.ProgrammeID {
			return model.Keyed(model.EINVALID, "err.pair.not_fellow", "この職員は「%s」のフェローを引き受けていません", p.Title)
		}
		juniors, fellows, err := programmeCandidates(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		// Each fellow keeps their load, so only the rules other than the
		// cap can fail.
		for _, c := range [][2]string{{a.Junior.ID, b.Fellow.ID}, {b.Junior.ID, a.Fellow.ID}} {
			if err := model.PairAllowed(juniors[c[0]], fellows[c[1]]); err != nil {
				return err
			}
		}
		for _, u := range [][2]string{{a.ID, b.Fellow.ID}, {b.ID, a.Fellow.ID}} {
			if _, err := tx.ExecContext(ctx, `UPDATE fellow_pairs SET fellow_id = ?, status = 'fixed' WHERE id = ?`, u[1], u[0]); err != nil {
				return err
			}
		}
		return nil
	})
	return wrapOnce("フェローの入れ替え", err)
}

// FixPair keeps a proposed pair through the next proposal, or lets it go.
func (db *DB) FixPair(ctx context.Context, pairID string, fixed bool) error {
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		if _, _, err := pendingPairForAdmin(ctx, tx, pairID); err != nil {
			return err
		}
		status := model.PairProposed
		if fixed {
			status = model.PairFixed
		}
		_, err := tx.ExecContext(ctx, `UPDATE fellow_pairs SET status = ? WHERE id = ?`, status, pairID)
		return err
	})
	return wrapOnce("組の固定", err)
}

// Unpair removes a pair not yet confirmed (administrator).
func (db *DB) Unpair(ctx context.Context, pairID string) error {
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		if _, _, err := pendingPairForAdmin(ctx, tx, pairID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM fellow_pairs WHERE id = ?`, pairID)
		return err
	})
	return wrapOnce("組の解除", err)
}

// ConfirmPairs starts every proposed and fixed pair, after checking the
// rules again (a department may have changed at a transfer); one pair
// that breaks a rule confirms none.
func (db *DB) ConfirmPairs(ctx context.Context, programmeID string) (int, error) {
	var n int
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		p, _, err := openProgrammeForAdmin(ctx, tx, programmeID)
		if err != nil {
			return err
		}
		juniors, fellows, pairs, err := programmeState(ctx, tx, programmeID)
		if err != nil {
			return err
		}
		var ids []string
		for _, x := range pairs {
			if x.Status == model.PairConfirmed {
				continue
			}
			if err := checkPair(ctx, tx, p, juniors, fellows, x.Junior.ID, x.Fellow.ID, x.ID); err != nil {
				return withPairNames(err, &x)
			}
			ids = append(ids, x.ID)
		}
		if len(ids) == 0 {
			return nil
		}
		res, err := tx.ExecContext(ctx, `UPDATE fellow_pairs SET status = 'confirmed', confirmed_at = ?
			WHERE programme_id = ? AND status IN ('proposed', 'fixed')`, fmtTime(db.Now()), programmeID)
		if err != nil {
			return err
		}
		affected, err := res.RowsAffected()
		n = int(affected)
		return err
	})
	return n, wrapOnce("組の確定", err)
}

// withPairNames says which pair broke a rule, keeping the error's code
// and key.
func withPairNames(err error, x *model.Pair) error {
	var e *model.Error
	if !errors.As(err, &e) {
		return err
	}
	out := *e
	out.Message = fmt.Sprintf("%s さんと %s さん: %s", x.Junior.Name, x.Fellow.Name, e.Message)
	return &out
}

// CloseProgramme ends a programme: its running pairs end with it and its
// unconfirmed ones go (administrator).
func (db *DB) CloseProgramme(ctx context.Context, programmeID string) error {
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		if _, _, err := openProgrammeForAdmin(ctx, tx, programmeID); err != nil {
			return err
		}
		now := fmtTime(db.Now())
		if _, err := tx.ExecContext(ctx, `DELETE FROM fellow_pairs WHERE programme_id = ? AND status IN ('proposed', 'fixed')`, programmeID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE fellow_pairs SET status = 'ended', ended_at = ?, ended_by = 'programme'
			WHERE programme_id = ? AND status = 'confirmed'`, now, programmeID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE fellow_programmes SET status = 'closed', closed_at = ? WHERE id = ?`, now, programmeID)
		return err
	})
	return wrapOnce("制度の終了", err)
}
