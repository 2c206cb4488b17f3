package seed

import (
	"context"
	"fmt"
	"time"

	"hiroba/data"
	"hiroba/model"
)

// 人 in the demo: profiles with past departments and 聞いてOK topics, and a
// fellow programme that has run for about five months, with pairs that
// meet regularly, one that lapsed, one ended and one just started. Years
// are relative to the demo's fiscal year, so the demo always looks current.

type demoProfile struct {
	who    string
	joined int // fiscal years before now's that they joined
	// history: past departments, each {department, from, to} in years
	// before now's fiscal year.
	history []demoPost
	work    []string
	systems []string
	// experience topics; a note after " / ".
	experience []model.Topic
	hidden     bool
}

type demoPost struct {
	department string
	from, to   int
}

func exp(label, note string) model.Topic {
	return model.Topic{Kind: model.TopicExperience, Label: label, Note: note}
}

var demoProfiles = []demoProfile{
	{who: "aoi", joined: 1, work: []string{"予算編成の補助"}, systems: []string{"LoGoチャット"}},
	{who: "takeshi", joined: 12, history: []demoPost{{"税務部 資産税課", 12, 8}, {"総務部 総務課", 7, 4}}, work: []string{"予算要求", "固定資産税", "議会答弁の準備"}, systems: []string{"財務会計システム"}},
	{who: "shun", joined: 6, history: []demoPost{{"市民部 市民課", 6, 3}}, work: []string{"文書管理", "庶務"}, systems: []string{"LoGoチャット", "電子決裁"}},
	{who: "ai", joined: 9, history: []demoPost{{"こども部 保育課", 9, 6}, {"総務部 人事課", 5, 3}}, work: []string{"庶務", "給与事務"}, experience: []model.Topic{exp("育休取得", "1年間。復帰後は時短勤務"), exp("産休・育休からの復帰", "")}},
	{who: "masa", joined: 20, history: []demoPost{{"税務部 市民税課", 20, 15}, {"財務部 財政課", 14, 9}, {"総務部 総務課", 8, 4}}, work: []string{"人事評価", "研修の企画", "フェロー制度"}, experience: []model.Topic{exp("災害対応", "令和元年東日本台風で避難所運営")}},
	{who: "kenta", joined: 10, history: []demoPost{{"建設部 道路維持課", 10, 6}}, work: []string{"避難所運営", "防災訓練の企画"}, experience: []model.Topic{exp("災害対応", "令和元年東日本台風、令和4年福島県沖地震")}},
	{who: "rie", joined: 8, history: []demoPost{{"市民部 市民課", 8, 5}, {"総務部 情報政策課", 4, 2}}, work: []string{"RPA", "業務改善"}, systems: []string{"LoGoフォーム", "kintone", "UiPath"}},
	{who: "tomo", joined: 15, history: []demoPost{{"税務部 市民税課", 15, 10}, {"財務部 契約検査課", 9, 5}}, work: []string{"滞納整理", "住民税", "窓口対応"}, systems: []string{"税務システム"}},
	{who: "yui", joined: 0, work: []string{"窓口対応"}, experience: []model.Topic{exp("新採研修", "")}},
	{who: "mana", joined: 7, history: []demoPost{{"保健福祉部 障がい福祉課", 7, 3}}, work: []string{"児童手当", "ケースワーク"}, experience: []model.Topic{exp("育児休業", "2回取得")}},
	{who: "keiko", joined: 18, history: []demoPost{{"市民部 市民課", 18, 14}, {"総務部 総務課", 13, 8}, {"こども部 こども支援課", 7, 3}}, work: []string{"健診事業", "庶務"}, experience: []model.Topic{exp("育休取得", ""), exp("介護休暇", "親の介護で半年")}},
	{who: "yusuke", joined: 5, history: []demoPost{{"産業観光部 農林課", 5, 3}}, work: []string{"SNS発信", "イベント運営"}, systems: []string{"Instagram", "Canva"}},
	{who: "daichi", joined: 9, history: []demoPost{{"税務課", 9, 5}}, work: []string{"子育て支援", "住民税"}, experience: []model.Topic{exp("育休取得", "3か月。男性職員で課内初")}},
	{who: "saori", joined: 11, history: []demoPost{{"財務部 財政課", 11, 7}}, work: []string{"予算要求", "議会対応"}, systems: []string{"財務会計システム"}},
	{who: "takashi", joined: 14, history: []demoPost{{"総務部 総務課", 14, 10}, {"市民福祉部 市民課", 9, 5}}, work: []string{"予算要求", "予算編成の補助", "決算"}, systems: []string{"財務会計システム", "LoGoチャット"}},
	{who: "takuya", joined: 0, work: []string{"戸籍", "窓口対応"}},
	{who: "yuto", joined: 6, history: []demoPost{{"産業部 農林課", 6, 3}}, work: []string{"防災訓練の企画"}, experience: []model.Topic{exp("災害対応", "")}},
	{who: "osamu", joined: 22, history: []demoPost{{"市民部 市民課", 22, 17}, {"市民部 税務課", 16, 10}, {"産業部 観光交流課", 9, 4}}, work: []string{"窓口対応", "戸籍", "住民税"}},
	{who: "rina", joined: 0, work: []string{"窓口対応"}, systems: []string{"LoGoチャット"}},
	{who: "emi", joined: 13, history: []demoPost{{"市民部 市民課", 13, 9}, {"教育委員会 学校教育課", 8, 4}}, work: []string{"介護保険", "窓口対応"}, experience: []model.Topic{exp("介護休暇", "")}},
	{who: "mai", joined: 10, history: []demoPost{{"福祉部 社会福祉課", 10, 6}}, work: []string{"研修の企画", "人事評価"}, hidden: true},
	{who: "kohei", joined: 0, work: []string{"子育て支援"}, experience: []model.Topic{exp("新採研修", "")}},
	{who: "takumi", joined: 8, history: []demoPost{{"総務課", 8, 4}}, work: []string{"固定資産税", "住民税"}, systems: []string{"税務システム"}},
	{who: "jun", joined: 16, history: []demoPost{{"税務課", 16, 11}, {"健康福祉課", 10, 5}}, work: []string{"庶務", "選挙事務"}, experience: []model.Topic{exp("災害対応", "")}},
	{who: "sota", joined: 0, work: []string{"庶務"}, systems: []string{"LoGoチャット"}},
}

// demoPairs are the programme's pairs: junior, fellow, and how it went.
var demoPairs = []struct {
	junior, fellow string
	state          string // "regular", "lapsed", "ended", "new"
}{
	{"aoi", "takashi", "regular"},
	{"yui", "keiko", "regular"},
	{"takuya", "osamu", "lapsed"},
	{"rina", "emi", "ended"},
	{"kohei", "tomo", "new"},
	{"sota", "jun", "regular"},
}

// demoPairMessages are what 高野 葵 (the demo's sign-in) and her fellow
// wrote: days after confirmation, who, text.
var demoPairMessages = []struct {
	day  int
	who  string
	body string
}{
	{2, "takashi", "フェローを務めます関根です。須賀川市の財政課にいます。予算のことでも、職場のことでも、気軽に書いてください。"},
	{3, "aoi", "高野です。よろしくお願いします。予算要求の時期が近づいていて、課内の誰に何を聞けばいいのか分からず不安です。"},
	{4, "takashi", "1年目はみんなそうです。最初の面談でその年の流れをお話ししますね。来週の木曜17時半はいかがですか。"},
	{35, "aoi", "先日はありがとうございました。教えていただいた査定資料の作り方で、係長に褒められました。"},
	{95, "aoi", "決算の時期も教えてください。次回の面談でお願いできますか。"},
	{96, "takashi", "もちろんです。去年の自分の資料を持っていきます。"},
}

// people writes the profiles and the programme.
func (w *demoWriter) people(ctx context.Context) {
	if w.err != nil {
		return
	}
	fy := model.FiscalYear(w.now)
	var ids []string
	var profiles []*model.Profile
	for _, d := range demoProfiles {
		p := &model.Profile{Hidden: d.hidden}
		if d.joined > 0 || len(d.history) > 0 {
			p.JoinedYear = fy - d.joined
		}
		for _, h := range d.history {
			p.History = append(p.History, model.PastPost{Department: h.department, FromYear: fy - h.from, ToYear: fy - h.to})
		}
		for _, l := range d.work {
			p.Topics = append(p.Topics, model.Topic{Kind: model.TopicWork, Label: l})
		}
		for _, l := range d.systems {
			p.Topics = append(p.Topics, model.Topic{Kind: model.TopicSystem, Label: l})
		}
		p.Topics = append(p.Topics, d.experience...)
		ids, profiles = append(ids, w.staffID(d.who)), append(profiles, p)
	}
	if err := data.WriteProfiles(ctx, w.tx, ids, profiles, w.now); err != nil {
		w.err = fmt.Errorf("seed: profiles: %w", err)
		return
	}
	w.programme()
}

// programme writes a fellow programme confirmed about five months ago.
func (w *demoWriter) programme() {
	started := workTime(w.now.AddDate(0, 0, -160), w.now, 3)
	confirmed := started.AddDate(0, 0, 14)
	fy := model.FiscalYear(started)
	admin := w.staffID("masa")
	juniors := map[string]bool{}
	fellows := map[string]bool{}
	for _, p := range demoPairs {
		juniors[p.junior], fellows[p.fellow] = true, true
	}
	fellows["saori"] = true // stands, not yet needed

	community := model.NewID(started)
	w.communityID["fellows"] = community
	members := 1 + len(fellows)
	w.exec(`INSERT INTO communities (id, name, category, municipality_id, visibility, summary, description, created_by, created_at, updated_at, last_activity_at, member_count)
		VALUES (?, ?, 'learning', NULL, 'members', ?, ?, ?, ?, ?, ?, ?)`,
		community, fmt.Sprintf("フェロー同士 (%d年度)", fy), "新規採用職員フェロー制度のフェローが互いに相談し合う場です",
		"フェローを務める職員のためのコミュニティです。面談の進め方や悩みを共有してください。後輩職員の個人的な相談内容は書かないでください。",
		admin, ts(started), ts(started), ts(started), members)
	w.exec(`INSERT INTO memberships (community_id, staff_id, role, joined_at) VALUES (?, ?, 'organiser', ?)`, community, admin, ts(started))

	id := model.NewID(started)
	w.exec(`INSERT INTO fellow_programmes (id, kind, title, fiscal_year, cap, status, community_id, created_by, created_at)
		VALUES (?, 'fellow', ?, ?, 2, 'open', ?, ?, ?)`, id, fmt.Sprintf("%d年度 新規採用職員フェロー制度", fy), fy, community, admin, ts(started))
	for _, d := range demoPairs {
		w.exec(`INSERT INTO programme_juniors (programme_id, staff_id, added_at) VALUES (?, ?, ?)`, id, w.staffID(d.junior), ts(started))
	}
	for _, s := range demoStaffList { // in the list's order, so the demo is the same each time
		if !fellows[s.key] {
			continue
		}
		key := s.key
		answered := started.AddDate(0, 0, 3)
		w.exec(`INSERT INTO programme_fellows (programme_id, staff_id, answer, invited_at, answered_at) VALUES (?, ?, 'accepted', ?, ?)`,
			id, w.staffID(key), ts(started), ts(answered))
		w.exec(`INSERT INTO memberships (community_id, staff_id, role, joined_at) VALUES (?, ?, 'member', ?)`, community, w.staffID(key), ts(answered))
	}
	// Asked last week and not yet answered, so that a trainer can show
	// the invitation from the senior's side (--as 矢吹大地).
	w.exec(`INSERT INTO programme_fellows (programme_id, staff_id, answer, invited_at) VALUES (?, ?, 'invited', ?)`,
		id, w.staffID(demoInvited), ts(w.now.AddDate(0, 0, -6)))
	for i, d := range demoPairs {
		w.pair(id, i, d.junior, d.fellow, d.state, confirmed)
	}
}

// demoInvited is the senior asked to stand as a fellow who has not
// answered.
const demoInvited = "daichi"

// pair writes one pair with its 面談, messages and answers.
func (w *demoWriter) pair(programme string, i int, junior, fellow, state string, confirmed time.Time) {
	id := model.NewID(confirmed.Add(time.Duration(i) * time.Minute))
	since := confirmed
	if state == "new" {
		since = w.now.AddDate(0, 0, -12)
	}
	w.exec(`INSERT INTO fellow_pairs (id, programme_id, junior_id, fellow_id, status, created_at, confirmed_at) VALUES (?, ?, ?, ?, 'confirmed', ?, ?)`,
		id, programme, w.staffID(junior), w.staffID(fellow), ts(confirmed.AddDate(0, 0, -3)), ts(since))
	// 面談: every four weeks from a week after confirmation until now, and
	// the next one ahead; a lapsed pair stopped after two.
	var days []int
	switch state {
	case "regular":
		for d := 7; since.AddDate(0, 0, d).Before(w.now); d += 28 {
			days = append(days, d)
		}
		days = append(days, days[len(days)-1]+28)
	case "lapsed":
		days = []int{8, 40}
	case "ended":
		days = []int{7, 35, 63}
	case "new":
		days = []int{16}
	}
	for k, d := range days {
		day := since.AddDate(0, 0, d).In(jst)
		start := time.Date(day.Year(), day.Month(), day.Day(), 17, 30, 0, 0, jst)
		for start.Weekday() == time.Saturday || start.Weekday() == time.Sunday {
			start = start.AddDate(0, 0, 1)
		}
		place := []string{"本庁舎 2階 相談室", "オンライン (LoGoチャットのビデオ通話)", "庁舎 1階 打合せスペース"}[k%3]
		w.exec(`INSERT INTO pair_meetings (id, pair_id, starts_at, ends_at, place, twenty_percent, created_by, created_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)`,
			model.NewID(start), id, ts(start), ts(start.Add(45*time.Minute)), place, w.staffID(junior), ts(since.AddDate(0, 0, max(d-5, 0))))
	}
	if state == "ended" {
		w.exec(`UPDATE fellow_pairs SET status = 'ended', ended_at = ?, ended_by = 'junior', end_reason = ? WHERE id = ?`,
			ts(since.AddDate(0, 0, 80)), "フェローの方が育休に入られるため、いったん終了したいです。これまでありがとうございました。", id)
	}
	if junior == demoSignIn {
		for _, m := range demoPairMessages {
			at := officeHours(since.AddDate(0, 0, m.day), w.now, m.day)
			w.exec(`INSERT INTO pair_messages (id, pair_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)`,
				model.NewID(at), id, w.staffID(m.who), m.body, ts(at))
		}
		w.exec(`INSERT INTO pair_reads (pair_id, staff_id, read_at) VALUES (?, ?, ?)`, id, w.staffID(fellow), ts(w.now))
	}
	if state != "new" {
		answered := since.AddDate(0, 0, 100)
		if answered.After(w.now) {
			answered = w.now.Add(-time.Hour)
		}
		scores := map[string][3]int{"regular": {5, 4, 5}, "lapsed": {3, 2, 3}, "ended": {4, 3, 2}}[state]
		w.exec(`INSERT INTO pair_feedback (pair_id, side, period, ease, useful, continue, comment, created_at) VALUES (?, 'junior', ?, ?, ?, ?, ?, ?)`,
			id, model.FeedbackPeriod(answered), scores[0], scores[1], scores[2], map[string]string{
				"regular": "気軽に相談できて心強いです。",
				"lapsed":  "お互い忙しく、最近は会えていません。",
				"ended":   "",
			}[state], ts(answered))
	}
}
