package seed

import (
	"context"
	"database/sql"
	"math/rand/v2"
	"strings"
	"time"

	"hiroba/data"
	"hiroba/model"
)

// Profiles at scale: most staff write one, with the departments they
// passed through and a few topics; some hide it from search.

// Topics staff at scale are happy to be asked about, by kind.
var (
	scaleWorkTopics = []string{
		"予算要求", "決算", "固定資産税", "住民税", "滞納整理", "窓口対応", "戸籍", "国民健康保険",
		"児童手当", "保育所の入所", "介護保険", "障がい福祉", "議会対応", "文書管理", "庶務", "契約事務",
		"補助金の申請", "選挙事務", "避難所運営", "観光PR", "広報紙", "公共施設の管理", "道路の維持管理", "上下水道の料金",
	}
	scaleSystemTopics = []string{
		"LoGoチャット", "LoGoフォーム", "財務会計システム", "税務システム", "住民記録システム", "電子決裁",
		"kintone", "RPA", "Excelマクロ", "GIS", "Canva",
	}
	scaleExperienceTopics = []string{
		"育休取得", "産休・育休からの復帰", "介護休暇", "災害対応", "県への派遣", "国への出向", "新採研修の講師",
		"自主研修グループの運営", "時短勤務", "社会人経験者採用",
	}
)

// profileShare is the share of staff with a profile; hiddenShare of those
// hide it from search.
const (
	profileShare = 0.75
	hiddenShare  = 0.03
)

// ScalePeople writes the staff of Scale(n) and their profiles, nothing
// else: for benchmarks of people search and pairing, which need no
// threads. A database that already has staff is refused with ECONFLICT.
func ScalePeople(ctx context.Context, db *data.DB, n float64, now time.Time) error {
	s := &scaler{
		db: db, ctx: ctx, now: now.UTC().Truncate(time.Millisecond), progress: func(string, int, int) {},
		size: ScaleSizes(n),
		rng:  rand.New(rand.NewPCG(0x6869726f, 0x6261)), // Scale's: the same staff
	}
	if err := s.writeStaff(); err != nil {
		return err
	}
	return s.writeProfiles()
}

// writeProfiles writes a profile for about three in four staff: a year
// they joined, a past department for every three to five years since, and
// one to five topics.
func (s *scaler) writeProfiles() error {
	rng := rand.New(rand.NewPCG(0x6869726f, 0x6a696e)) // apart from the other stages
	fy := model.FiscalYear(s.now)
	var ids []string
	var profiles []*model.Profile
	for _, st := range s.staff {
		if rng.Float64() >= profileShare {
			continue
		}
		departments := scaleCityDepartments
		if !strings.HasSuffix(s.muniNames[st.muni], "市") {
			departments = scaleTownDepartments
		}
		p := &model.Profile{JoinedYear: fy - rng.IntN(30), Hidden: rng.Float64() < hiddenShare}
		// Back from the current post, which began one to four years ago.
		end := fy - 1 - rng.IntN(4)
		for end >= p.JoinedYear && len(p.History) < 6 {
			from := max(p.JoinedYear, end-2-rng.IntN(3))
			dept := pick(rng, departments)
			if dept == st.department {
				dept = pick(rng, departments)
			}
			if dept == st.department {
				break
			}
			p.History = append(p.History, model.PastPost{Department: dept, FromYear: from, ToYear: end})
			end = from - 1
		}
		seen := map[string]bool{}
		for k := 1 + rng.IntN(5); k > 0; k-- {
			t := model.Topic{Kind: model.TopicWork, Label: pick(rng, scaleWorkTopics)}
			switch x := rng.IntN(10); {
			case x >= 8:
				t = model.Topic{Kind: model.TopicExperience, Label: pick(rng, scaleExperienceTopics)}
			case x >= 5:
				t = model.Topic{Kind: model.TopicSystem, Label: pick(rng, scaleSystemTopics)}
			}
			if !seen[t.Label] {
				seen[t.Label] = true
				p.Topics = append(p.Topics, t)
			}
		}
		ids, profiles = append(ids, st.id), append(profiles, p)
	}
	s.progress("プロフィール", 0, len(ids))
	err := s.db.Bulk(s.ctx, func(tx *sql.Tx) error {
		return data.WriteProfiles(s.ctx, tx, ids, profiles, s.now)
	})
	if err == nil {
		s.progress("プロフィール", len(ids), len(ids))
	}
	return err
}
