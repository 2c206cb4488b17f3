package seed

import (
	"context"
	"database/sql"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"hiroba/data"
	"hiroba/model"
)

// scaleBase is the size of a Scale(1) database: about a regional area of
// twenty municipalities that has used hiroba for a few years.
var scaleBase = map[string]int{
	"staff":       8000,
	"communities": 1000,
	"memberships": 60000,
	"threads":     100000,
	"replies":     1000000,
	"handovers":   20000,
	"events":      50000,
}

// scaleMunicipalities are added to the migration's seventeen, so that a
// large database spans more of Fukushima than こおりやま広域圏.
var scaleMunicipalities = []string{"福島市", "白河市", "会津若松市"}

const (
	// longThreads at n=1 have longThreadReplies replies each, for
	// benchmarks of opening a long thread.
	longThreads       = 5
	longThreadReplies = 300
	// batchRows is about how many rows one transaction writes: large
	// enough that commits cost little, small enough to report progress.
	batchRows = 50000
)

// ScaleSizes returns the number of rows Scale(n) writes to each table,
// by table name. Every count is the n=1 size times n, at least 1;
// memberships cannot exceed every staff member in every community.
func ScaleSizes(n float64) map[string]int {
	out := map[string]int{}
	for k, v := range scaleBase {
		out[k] = scaled(n, v)
	}
	if max := out["staff"] * out["communities"]; out["memberships"] > max {
		out["memberships"] = max
	}
	if out["memberships"] < out["communities"] {
		out["memberships"] = out["communities"] // every community has its organiser
	}
	out["handover_sections"] = 6 * out["handovers"]
	out["municipalities"] = 17 + len(scaleMunicipalities)
	return out
}

func scaled(n float64, base int) int {
	return max(1, int(math.Round(float64(base)*n)))
}

// Scale writes a large generated database for benchmarks: ScaleSizes(n)
// rows. The content is the same for the same n and now (ids aside, which
// are fresh ULIDs). A database that already has staff is refused with
// ECONFLICT. progress, if not nil, is called after each transaction with
// the stage's name and how far it is.
func Scale(ctx context.Context, db *data.DB, n float64, now time.Time, progress func(stage string, done, total int)) error {
	if !(n > 0) || n > 100 {
		return model.Keyed(model.EINVALID, "err.seed.scale", "規模は 0 より大きく 100 以下にしてください (%v)", n)
	}
	if progress == nil {
		progress = func(string, int, int) {}
	}
	s := &scaler{
		db: db, ctx: ctx, now: now.UTC().Truncate(time.Millisecond), progress: progress,
		size: ScaleSizes(n),
		rng:  rand.New(rand.NewPCG(0x6869726f, 0x6261)), // fixed: the same data for the same n
	}
	s.longThreads = min(scaled(n, longThreads), s.size["threads"])
	// The generator owns the new file: it writes without syncing or
	// indexing, and indexes for search in bulk at the end (data.BeginLoad).
	if err := db.BeginLoad(ctx); err != nil {
		return err
	}
	for _, stage := range []func() error{s.writeStaff, s.planCommunities, s.planThreads, s.writeCommunities, s.writeThreads, s.writeReplies, s.writeHandovers, s.writeEvents, s.writeProfiles, s.writeActivity} {
		if err := stage(); err != nil {
			db.AbandonLoad()
			return err
		}
	}
	return db.EndLoad(ctx, func(done, total int) { progress(StageIndex, done, total) })
}

// StageIndex is the name of Scale's last stage, indexing for search.
const StageIndex = "検索の索引"

// reseed gives a transaction of a stage its own random numbers, drawn
// from the stage and the transaction's first row, so that a transaction
// run again (the data layer retries one that met a busy file) writes the
// same rows.
func (s *scaler) reseed(stage string, start int) {
	h := uint64(14695981039346656037)
	for _, b := range []byte(stage) {
		h = (h ^ uint64(b)) * 1099511628211
	}
	s.rng = rand.New(rand.NewPCG(h, uint64(start)))
}

type scaler struct {
	db          *data.DB
	ctx         context.Context
	now         time.Time
	rng         *rand.Rand
	progress    func(string, int, int)
	size        map[string]int
	longThreads int

	muniIDs     []string
	muniNames   []string
	staff       []scaleStaff
	byMuni      [][]int // staff indexes by municipality index
	communities []scaleCommunity
	threads     []scaleThread
	replyAt     []int64 // reply times in ms, threads[i].firstReply onwards
}

type scaleStaff struct {
	id         string
	muni       int
	department string
}

type scaleCommunity struct {
	id         string
	muni       int // -1: area-wide
	category   model.Category
	visibility string
	created    time.Time
	last       time.Time
	members    []int // staff indexes; the first is the organiser
	weight     float64
}

type scaleThread struct {
	id          string
	community   int
	kind        model.ThreadKind
	author      int
	anonymous   bool
	created     time.Time
	last        time.Time
	firstReply  int // index into scaler.replyAt
	replies     int
	accepted    int // reply index, -1 for none
	acceptedID  string
	helpful     int // marks on the thread
	acceptMarks int // marks on the accepted reply
}

// batches runs write for items [0, total) in transactions of per items,
// preparing queries once per transaction, and reports progress.
func (s *scaler) batches(stage string, total, per int, queries []string, write func(e *execer, stmts []*sql.Stmt, i int)) error {
	s.progress(stage, 0, total)
	for start := 0; start < total; start += per {
		end := min(start+per, total)
		err := s.db.Bulk(s.ctx, func(tx *sql.Tx) error {
			s.reseed(stage, start)
			stmts := make([]*sql.Stmt, len(queries))
			for k, q := range queries {
				st, err := tx.PrepareContext(s.ctx, q)
				if err != nil {
					return err
				}
				defer st.Close()
				stmts[k] = st
			}
			e := &execer{tx: tx}
			for i := start; i < end; i++ {
				write(e, stmts, i)
				if e.err != nil {
					return e.err
				}
			}
			return s.ctx.Err()
		})
		if err != nil {
			return err
		}
		s.progress(stage, end, total)
	}
	return nil
}

func (s *scaler) writeStaff() error {
	total := s.size["staff"]
	s.progress("職員", 0, total)
	return s.db.Bulk(s.ctx, func(tx *sql.Tx) error {
		s.reseed("職員", 0)
		s.muniIDs, s.muniNames, s.staff = nil, nil, nil
		if err := refuseUnlessEmpty(tx, s.db); err != nil {
			return err
		}
		e := &execer{tx: tx}
		for i, name := range scaleMunicipalities {
			e.exec(`INSERT OR IGNORE INTO municipalities (id, name, sort) VALUES (?, ?, ?)`, model.NewID(s.now), name, 18+i)
		}
		if e.err != nil {
			return e.err
		}
		rows, err := tx.Query(`SELECT id, name FROM municipalities ORDER BY sort, name`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id, name string
			if err := rows.Scan(&id, &name); err != nil {
				rows.Close()
				return err
			}
			s.muniIDs, s.muniNames = append(s.muniIDs, id), append(s.muniNames, name)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		// Larger cities have more staff: 郡山市 first, then by list order.
		weights := make([]float64, len(s.muniIDs))
		for i, name := range s.muniNames {
			weights[i] = 1
			switch {
			case name == "郡山市":
				weights[i] = 12
			case name == "福島市":
				weights[i] = 10
			case strings.HasSuffix(name, "市"):
				weights[i] = 4
			}
		}
		cum := cumulative(weights)
		s.byMuni = make([][]int, len(s.muniIDs))
		st, err := tx.Prepare(`INSERT INTO staff (id, name, municipality_id, department, role, status, created_at) VALUES (?, ?, ?, ?, 'member', 'active', ?)`)
		if err != nil {
			return err
		}
		defer st.Close()
		for i := 0; i < total; i++ {
			m := choose(s.rng, cum)
			if i < len(s.muniIDs) {
				m = i // every municipality has someone
			}
			dept := pick(s.rng, scaleCityDepartments)
			if !strings.HasSuffix(s.muniNames[m], "市") {
				dept = pick(s.rng, scaleTownDepartments)
			}
			at := s.now.AddDate(0, 0, -1200).Add(time.Duration(i) * time.Minute)
			id := model.NewID(at)
			name := pick(s.rng, scaleSurnames) + " " + pick(s.rng, scaleGivenNames)
			e.stmt(st, id, name, s.muniIDs[m], dept, ts(at))
			s.staff = append(s.staff, scaleStaff{id, m, dept})
			s.byMuni[m] = append(s.byMuni[m], i)
		}
		if e.err == nil {
			s.progress("職員", total, total)
		}
		return e.err
	})
}

// cumulative returns the running sums of weights, for choose.
func cumulative(weights []float64) []float64 {
	out := make([]float64, len(weights))
	sum := 0.0
	for i, w := range weights {
		sum += w
		out[i] = sum
	}
	return out
}

// choose returns an index with probability proportional to its weight.
func choose(rng *rand.Rand, cum []float64) int {
	x := rng.Float64() * cum[len(cum)-1]
	return min(sort.SearchFloat64s(cum, x), len(cum)-1)
}

// planCommunities decides each community's size (a long tail: a few large,
// most small), municipality and members.
func (s *scaler) planCommunities() error {
	total, staff := s.size["communities"], len(s.staff)
	membersOnly := int(math.Round(float64(total) * 0.1))
	sizes := make([]int, total)
	weights := make([]float64, total)
	sum := 0.0
	for i := range weights {
		weights[i] = 1 / math.Pow(float64(i+1), 0.7)
		sum += weights[i]
	}
	target, have := s.size["memberships"], 0
	for i := range sizes {
		sizes[i] = min(staff, max(1, int(float64(target)*weights[i]/sum)))
		have += sizes[i]
	}
	// Even out rounding so that the total is exact.
	for i := 0; have != target; i = (i + 1) % total {
		if have < target && sizes[i] < staff {
			sizes[i]++
			have++
		} else if have > target && sizes[i] > 1 {
			sizes[i]--
			have--
		}
	}
	s.rng.Shuffle(total, func(i, j int) { sizes[i], sizes[j] = sizes[j], sizes[i] })

	for i := 0; i < total; i++ {
		c := scaleCommunity{
			muni:       -1,
			category:   model.Categories[i%len(model.Categories)],
			visibility: model.VisibilityOpen,
			created:    s.now.AddDate(0, 0, -30-s.rng.IntN(1100)),
			weight:     float64(sizes[i]),
		}
		if i%10 < 6 {
			c.muni = s.rng.IntN(len(s.muniIDs))
		}
		if i < membersOnly {
			c.visibility = model.VisibilityMembers
		}
		c.members = s.pickMembers(c.muni, sizes[i])
		s.communities = append(s.communities, c)
	}
	return nil
}

// pickMembers picks k distinct staff, mostly of the municipality for a
// municipal community.
func (s *scaler) pickMembers(muni, k int) []int {
	if k*2 > len(s.staff) {
		perm := s.rng.Perm(len(s.staff))
		return perm[:k]
	}
	seen := make(map[int]bool, k)
	out := make([]int, 0, k)
	for len(out) < k {
		var i int
		if muni >= 0 && len(s.byMuni[muni]) > 0 && s.rng.IntN(10) < 7 {
			i = pick(s.rng, s.byMuni[muni])
		} else {
			i = s.rng.IntN(len(s.staff))
		}
		if !seen[i] {
			seen[i] = true
			out = append(out, i)
		}
	}
	return out
}

// otherMembers picks up to k distinct members of community c other than
// staff member not.
func (s *scaler) otherMembers(c *scaleCommunity, not, k int) []int {
	k = min(k, len(c.members)-1)
	if k <= 0 {
		return nil
	}
	var out []int
	for _, j := range s.rng.Perm(len(c.members)) {
		if m := c.members[j]; m != not {
			out = append(out, m)
			if len(out) == k {
				break
			}
		}
	}
	return out
}

var kindWeights = cumulative([]float64{55, 10, 10, 15, 10}) // model.ThreadKinds order

// planThreads decides every thread's community, author, times, reply count
// and counters, and every reply's time, so that the counters are written
// with the rows.
func (s *scaler) planThreads() error {
	total, replies := s.size["threads"], s.size["replies"]
	span := 730 * 24 * time.Hour
	created := make([]int64, total)
	for i := range created {
		created[i] = s.now.Add(-time.Duration(s.rng.Int64N(int64(span)))).UnixMilli()
	}
	sort.Slice(created, func(i, j int) bool { return created[i] < created[j] })

	cw := make([]float64, len(s.communities))
	for i, c := range s.communities {
		cw[i] = c.weight
	}
	ccum := cumulative(cw)

	counts := make([]int, total)
	// A few long threads, spread over the years, for benchmarks of opening
	// a long thread; the rest of the replies go to threads with a long
	// tail (most have a handful, some dozens).
	long := map[int]bool{}
	left := replies
	for k := 0; k < s.longThreads && left > 0; k++ {
		i := (k*total/s.longThreads + total/(2*s.longThreads)) % total
		long[i] = true
		counts[i] = min(longThreadReplies, left)
		left -= counts[i]
	}
	tw := make([]float64, total)
	for i := range tw {
		if !long[i] {
			tw[i] = math.Exp(s.rng.NormFloat64() * 0.9)
		}
	}
	tcum := cumulative(tw)
	if tcum[total-1] == 0 { // every thread is long: share what is left evenly
		for i := range tw {
			tw[i] = 1
		}
		tcum = cumulative(tw)
	}
	for ; left > 0; left-- {
		counts[choose(s.rng, tcum)]++
	}

	s.threads = make([]scaleThread, total)
	s.replyAt = make([]int64, 0, replies)
	nowMS := s.now.UnixMilli()
	for i := range s.threads {
		ci := choose(s.rng, ccum)
		c := &s.communities[ci]
		t := scaleThread{
			community: ci,
			kind:      model.ThreadKinds[choose(s.rng, kindWeights)],
			author:    pick(s.rng, c.members),
			created:   time.UnixMilli(created[i]).UTC(),
			replies:   counts[i],
			accepted:  -1,
		}
		t.id = model.NewID(t.created)
		t.anonymous = t.kind == model.KindQuestion && s.rng.IntN(10) == 0
		// Replies come within days, or weeks for long threads.
		window := int64(float64(3*24*time.Hour/time.Millisecond) * s.rng.ExpFloat64())
		if long[i] {
			window = int64(60 * 24 * time.Hour / time.Millisecond)
		}
		window = max(1, min(window, nowMS-created[i]))
		t.firstReply = len(s.replyAt)
		for k := 0; k < t.replies; k++ {
			s.replyAt = append(s.replyAt, created[i]+1+s.rng.Int64N(window))
		}
		at := s.replyAt[t.firstReply:]
		sort.Slice(at, func(a, b int) bool { return at[a] < at[b] })
		t.last = t.created
		if t.replies > 0 {
			t.last = time.UnixMilli(at[len(at)-1]).UTC()
			if t.kind == model.KindQuestion && s.rng.IntN(10) < 4 {
				t.accepted = s.rng.IntN(t.replies)
				t.acceptedID = model.NewID(time.UnixMilli(at[t.accepted]))
				t.acceptMarks = min(1+s.rng.IntN(4), len(c.members)-1)
			}
		}
		if s.rng.IntN(5) == 0 {
			t.helpful = min(1+s.rng.IntN(6), len(c.members)-1)
		}
		if t.created.Before(c.created.AddDate(0, 0, 8)) {
			c.created = t.created.AddDate(0, 0, -8-s.rng.IntN(30))
		}
		if t.last.After(c.last) {
			c.last = t.last
		}
		s.threads[i] = t
	}
	return nil
}

func (s *scaler) writeCommunities() error {
	type row struct{ c, m int } // community, member index; m -1 is the community row
	var rows []row
	for ci, c := range s.communities {
		rows = append(rows, row{ci, -1})
		for m := range c.members {
			rows = append(rows, row{ci, m})
		}
	}
	return s.batches("コミュニティ", len(rows), batchRows, []string{
		`INSERT INTO communities (id, name, category, municipality_id, visibility, summary, description, created_by, created_at, updated_at, last_activity_at, member_count)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		`INSERT INTO memberships (community_id, staff_id, role, joined_at) VALUES (?, ?, ?, ?)`,
	}, func(e *execer, st []*sql.Stmt, i int) {
		r := rows[i]
		c := &s.communities[r.c]
		if r.m < 0 {
			c.id = model.NewID(c.created)
			last := c.created
			if c.last.After(last) {
				last = c.last
			}
			var muni any
			name := ""
			if c.muni >= 0 {
				muni, name = s.muniIDs[c.muni], s.muniNames[c.muni]
			}
			title := communityName(s.rng, c.category, name)
			summary := title + "について、" + pick(s.rng, []string{"市町村の枠を越えて話し合います。", "経験を共有します。", "気軽に相談できる場です。", "一緒に考える仲間を募集しています。"})
			description := "## この場所について\n\n" + summary + "\n\n## ルール\n\n- 個人情報は書かない\n- 通常業務を最優先に、20%ルールの範囲で\n- 参加は所属長と調整のうえで\n"
			e.stmt(st[0], c.id, title, string(c.category), muni, c.visibility, summary, description,
				s.staff[c.members[0]].id, ts(c.created), ts(c.created), ts(last), len(c.members))
			return
		}
		role, joined := model.MemberRegular, c.created.Add(time.Duration(1+s.rng.IntN(7*24))*time.Hour)
		if r.m == 0 {
			role, joined = model.MemberOrganiser, c.created
		}
		if joined.After(s.now) {
			joined = s.now
		}
		e.stmt(st[1], c.id, s.staff[c.members[r.m]].id, role, ts(joined))
	})
}

func (s *scaler) writeThreads() error {
	return s.batches("スレッド", len(s.threads), batchRows/3, []string{
		`INSERT INTO threads (id, community_id, kind, title, body, tags, author_id, anonymous, resolved_reply_id, reply_count, helpful_count,
			created_at, updated_at, last_activity_at, support_type, slots, deadline, place)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		`INSERT INTO follows (staff_id, thread_id, created_at) VALUES (?, ?, ?)`,
		`INSERT INTO helpful_marks (post_id, staff_id, created_at) VALUES (?, ?, ?)`,
		`INSERT INTO call_applications (thread_id, staff_id, supervisor_agreed, comment, created_at) VALUES (?, ?, 1, '', ?)`,
		`INSERT INTO idea_team (thread_id, staff_id, created_at) VALUES (?, ?, ?)`,
	}, func(e *execer, st []*sql.Stmt, i int) {
		t := &s.threads[i]
		c := &s.communities[t.community]
		topic := pick(s.rng, scaleTopics)
		title, support := threadTitle(s.rng, t.kind, topic)
		var supportType, slots, deadline, place any
		if t.kind == model.KindCall {
			n := 1 + s.rng.IntN(10)
			supportType, slots, place = support, n, pick(s.rng, places)
			deadline = ts(t.created.AddDate(0, 0, 7+s.rng.IntN(24)))
		}
		e.stmt(st[0], t.id, c.id, string(t.kind), title, threadBody(s.rng, topic), strings.Fields(topic)[0], s.staff[t.author].id, t.anonymous,
			nullable(t.acceptedID), t.replies, t.helpful, ts(t.created), ts(t.created), ts(t.last), supportType, slots, deadline, place)
		e.stmt(st[1], s.staff[t.author].id, t.id, ts(t.created))
		for _, m := range s.otherMembers(c, t.author, t.helpful) {
			e.stmt(st[2], t.id, s.staff[m].id, ts(t.last))
		}
		switch t.kind {
		case model.KindCall:
			for _, m := range s.otherMembers(c, t.author, s.rng.IntN(slots.(int)+1)) {
				e.stmt(st[3], t.id, s.staff[m].id, ts(t.created.Add(time.Hour)))
			}
		case model.KindIdea:
			for _, m := range s.otherMembers(c, t.author, s.rng.IntN(5)) {
				e.stmt(st[4], t.id, s.staff[m].id, ts(t.created.Add(time.Hour)))
			}
		}
	})
}

// writeReplies writes every reply in time order, across threads, the way
// a database that has been in use grew.
func (s *scaler) writeReplies() error {
	type ref struct {
		at     int64
		thread int32
		idx    int32
	}
	refs := make([]ref, 0, len(s.replyAt))
	for ti := range s.threads {
		t := &s.threads[ti]
		for k := 0; k < t.replies; k++ {
			refs = append(refs, ref{s.replyAt[t.firstReply+k], int32(ti), int32(k)})
		}
	}
	sort.Slice(refs, func(i, j int) bool {
		a, b := refs[i], refs[j]
		if a.at != b.at {
			return a.at < b.at
		}
		if a.thread != b.thread {
			return a.thread < b.thread
		}
		return a.idx < b.idx
	})
	s.replyAt = nil
	return s.batches("返信", len(refs), batchRows, []string{
		`INSERT INTO replies (id, thread_id, author_id, anonymous, body, helpful_count, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		`INSERT INTO helpful_marks (post_id, staff_id, created_at) VALUES (?, ?, ?)`,
	}, func(e *execer, st []*sql.Stmt, i int) {
		r := refs[i]
		t := &s.threads[r.thread]
		c := &s.communities[t.community]
		at := time.UnixMilli(r.at).UTC()
		author := pick(s.rng, c.members)
		if s.rng.IntN(6) == 0 {
			author = t.author // the asker thanks or adds detail
		}
		anonymous := author == t.author && t.anonymous
		id, marks := "", 0
		if int(r.idx) == t.accepted {
			id, marks = t.acceptedID, t.acceptMarks
		} else {
			id = model.NewID(at)
		}
		markers := s.otherMembers(c, author, marks)
		e.stmt(st[0], id, t.id, s.staff[author].id, anonymous, replyBody(s.rng), len(markers), ts(at), ts(at))
		for _, m := range markers {
			e.stmt(st[1], id, s.staff[m].id, ts(at.Add(time.Hour)))
		}
	})
}
