package cli

import (
	"fmt"

	"hiroba/model"
)

// messagesJA is every sentence the command line writes, by key: the usage
// text (usage.<command> is that command's lines of `hiroba help`), the
// refusals, the results and the server's log. messagesEN says the same
// in English, with the same keys and arguments.
var messagesJA = map[string]string{
	"usage.head": "hiroba (広場) — 広域圏の職員のための目的別コミュニティ\n\n使い方:\n",
	"usage.more": "\nすべてのコマンド: hiroba help\n",
	"usage.tail": "\n\n共通のオプション:\n" +
		"  --db PATH     データベース (既定: $HIROBA_DB、なければ $XDG_DATA_HOME/hiroba/hiroba.db)\n" +
		"  --as STAFF    この職員として開く (id か正確な名前)\n" +
		"  --lang LANG   表示言語 ja (既定) か en\n" +
		"  --theme T     画面の背景 light か dark (既定: 端末に尋ねる。COLORFGBG があればそれ)\n" +
		"  --shared      ネットワーク共有上のファイル用 (WAL を使わない)\n" +
		"  --cluster DIR クラスタのこの機械のフォルダ (証明書。ノードではノードそのもの。--db dqlite://... と組み合わせも可)\n" +
		"\n管理用のコマンド (admin, ledger, snapshot, merge) は、--as がなければファイルの持ち主 (運用者) として\n" +
		"すべてを扱い、--as があればその職員に許された範囲で動きます。\n",
	"usage.":            "  hiroba [--db PATH] [--as STAFF] [--lang ja|en] [--theme light|dark]  画面を開く\n",
	"usage.demo":        "  hiroba demo [--db PATH [--reset]]                デモデータで開く (--reset: 前に作ったデモを作り直す)\n",
	"usage.version":     "  hiroba version                                   版を表示\n",
	"usage.check":       "  hiroba check [--db PATH]                         データベースを検査\n",
	"usage.backup":      "  hiroba backup [--db PATH] OUT                    一貫したコピーを作る\n",
	"usage.communities": "  hiroba communities [--db PATH] --json            コミュニティの一覧 (JSON)\n",
	"usage.staff":       "  hiroba staff [--db PATH] --json                  職員の一覧 (JSON)\n",
	"usage.seed":        "  hiroba seed --db PATH --scale N                  ベンチマーク用の大きなデータ\n",
	"usage.admin": "  hiroba admin list [--json]                       職員と承認待ちの一覧\n" +
		"  hiroba admin approve|revoke|grant ID             承認 / 利用停止 / 管理者に指定\n" +
		"  hiroba admin shared on|off                       ネットワーク共有モードを記録\n" +
		"  hiroba admin supervisor ID on|off [--scope S]    所属長に指定 / 指定を外す (20%ルール)\n" +
		"  hiroba admin workday MUNICIPALITY 7:45           1日の勤務時間 (20%ルールの上限のもと)\n",
	"usage.events":    "  hiroba events --from DATE --to DATE [--json] [--community ID]   予定の一覧 (繰り返しを展開、--to の日を含む)\n",
	"usage.handover":  "  hiroba handover export [--db PATH] ID [--format md]  引き継ぎ書を印刷用の Markdown で書き出す\n",
	"usage.handovers": "  hiroba handovers [--db PATH] --json [--status S] [--mine]  引き継ぎ書の一覧 (JSON)\n",
	"usage.holidays":  "  hiroba holidays YEAR [--json]                    その年の祝日・休日 (1980-2099)\n",
	"usage.ics": "  hiroba ics export [--db PATH] [--community ID] [--from DATE --to DATE]  予定を iCalendar で書き出す\n" +
		"  hiroba ics import [--db PATH] FILE [--community ID] [--strict] [--move]  iCalendar の予定を取り込む (同じ UID は更新。\n" +
		"                                                   読めない予定は飛ばして行と理由を表示、--strict は一つでもあれば何も取り込まない)\n",
	"usage.post":   "  hiroba post [--db PATH] --community ID --kind 相談 --title T --body-file F [--anonymous] [--as STAFF]  投稿して ID を表示\n",
	"usage.reply":  "  hiroba reply [--db PATH] THREAD --body-file F [--anonymous] [--as STAFF]  返信して ID を表示\n",
	"usage.search": "  hiroba search [--db PATH] QUERY --json [--limit N]   相談・返信・引き継ぎ書・予定・コミュニティを検索 (JSON)\n",
	"usage.serve": "  hiroba serve [--listen ADDR] [--db PATH | --cluster DIR] [--idle 30m] [--max-sessions 100]\n" +
		"                                                   SSH で画面を提供 (鍵ごとに登録と承認)\n",
	"usage.ledger": "  hiroba ledger [--month 2027-04 | --fiscal-year 2027] [--municipality ID] [--department NAME] [--json | --format csv]\n" +
		"                                                   20%ルールの集計 (個人・所属・分類ごと。既定は今月)\n",
	"usage.people": "  hiroba people search QUERY --json [--municipality ID] [--limit N]  話題・異動歴・経験で人を探す (理由つき)\n",
	"usage.fellows": "  hiroba fellows list [PROGRAMME] | propose PROGRAMME | pair PROGRAMME JUNIOR FELLOW | unpair PAIR [--json]\n" +
		"                                                   フェロー・メンター制度の組 (管理者が --as で)\n" +
		"  hiroba fellows stats PROGRAMME --format csv      制度の状況を CSV で (数字だけ、中身なし)\n",
	"usage.snapshot": "  hiroba snapshot --out FILE [--municipality ID]   訓練用コピーを作る (ネットワークのない訓練用)\n",
	"usage.merge": "  hiroba merge FILE [--dry-run] [--json]           訓練用コピーを取り込む (--dry-run は試すだけ)\n" +
		"  hiroba merge --list [--json]                     これまでの取り込みの記録\n",
	"usage.threads": "  hiroba threads [--db PATH] --json [--kind K] [--community ID] [--status open|resolved] [--limit N]  相談の一覧 (JSON)\n",

	// How Run reports what went wrong.
	"demo.reset.db":      "--reset は --db で指定したデモのファイルに使います",
	"demo.reset.refused": "%s は hiroba demo で作ったデモのファイルではないため、作り直しません。デモは新しいファイルに作ってください",
	"demo.reset.done":    "%s のデモを作り直しました\n",
	"run.theme":          "--theme は light か dark です (%q は使えません)",
	"run.lang":           "hiroba: --lang は ja (日本語) か en (English) です (%q は使えません)\n",
	"run.flags":          "hiroba: %v\n\n%s",
	"run.unknown":        "hiroba: %q というコマンドはありません\n\n%s",
	"run.usage":          "hiroba %s: %s\n",
	"run.error":          "hiroba: %s\n",
	"run.nobody":         "誰として%sか分かりません。--as で職員の ID か名前を指定してください",
	"run.json.only":      "いまは --json での出力だけに対応しています",
	"run.extra":          "余分な引数があります: %s",

	// The names of the fields of a refused input, so that a message such
	// as 入力してください says what to fill in.
	"field.title": "タイトル", "field.body": "本文", "field.kind": "種類", "field.name": "名前", "field.summary": "概要",
	"field.description": "説明", "field.comment": "コメント", "field.slots": "募集人数", "field.deadline": "締め切り",
	"field.place": "場所", "field.department": "所属",

	"version":          "hiroba %s (schema %d)\n",
	"check.error":      "hiroba check: %s\n",
	"check.error.file": "hiroba check: %s: %v\n",
	"check.schema":     "%s\nschema: %d (this hiroba: %d)\n",
	"check.integrity":  "integrity_check: %s\n",
	"backup.out":       "出力先のファイルを一つ指定してください",
	"seed.scale":       "--scale に正の数を指定してください (例: 1 や 0.01)",
	"seed.done":        "%s: %.1f秒\n",

	"admin.sub":            "サブコマンドを指定してください: list, approve ID, revoke ID, grant ID, shared on|off, supervisor ID on|off, workday MUNICIPALITY TIME",
	"admin.one":            "%s には職員 ID を一つ指定してください",
	"admin.list.args":      "list に引数は要りません",
	"admin.shared.args":    "shared には on か off を指定してください",
	"admin.unknown":        "%q というサブコマンドはありません (list, approve, revoke, grant, shared, supervisor, workday)",
	"admin.approved":       "%s さん (%s) を承認しました\n",
	"admin.revoked":        "%s さん (%s) を利用を停止しました\n",
	"admin.granted":        "%s さん (%s) を管理者にしました\n",
	"admin.shared.on":      "%s: ネットワーク共有モードにしました。これからは --shared なしでも WAL を使わずに開きます\n",
	"admin.shared.off":     "%s: ネットワーク共有モードをやめました (WAL で開きます)\n",
	"admin.col.id":         "ID",
	"admin.col.status":     "状態",
	"admin.col.admin":      "管理者",
	"admin.col.keys":       "鍵",
	"admin.col.name":       "氏名",
	"admin.col.town":       "自治体",
	"admin.col.department": "所属",
	"admin.admin":          "管理者",
	"admin.status.pending": "承認待ち",
	"admin.status.revoked": "停止",
	"admin.status.active":  "利用中",

	"events.extra":   "余分な引数 %q があります (例: hiroba events --from 2027-01-01 --to 2027-01-31 --json)",
	"events.missing": "--%s の日付を YYYY-MM-DD で指定してください (例: hiroba events --from 2027-01-01 --to 2027-01-31 --json)",
	"events.bad":     "--%s の日付 %q を読めません。YYYY-MM-DD の形で、実在する日付を指定してください (例: 2027-01-20)",
	"events.order":   "--to (%s) が --from (%s) より前です",
	"events.span":    "期間が長すぎます。--from から --to までは 10 年以内にしてください",
	"events.allday":  " 終日      ",
	"events.online":  "オンライン",

	"handover.sub":     "サブコマンドを指定してください: hiroba handover export ID [--format md]",
	"handover.id":      "書き出す引き継ぎ書の ID を一つ指定してください",
	"handover.format":  "--format は md だけに対応しています (%q は使えません)",
	"handovers.status": "--status は draft、handed_over、acknowledged のどれかです (%q は使えません)",

	"holidays.year":  "年を一つ指定してください (例: hiroba holidays 2027 --json)",
	"holidays.nan":   "%q は年ではありません。西暦の数字で指定してください (例: 2027)",
	"holidays.range": "%d 年の祝日は分かりません。%d 年から %d 年までを指定してください",

	"ics.sub":         "サブコマンドを指定してください: hiroba ics export か hiroba ics import FILE",
	"ics.order":       "--to (%s) が --from (%s) より前です",
	"ics.date":        "%s %s は日付として読めません (例: 2027-04-01)",
	"ics.import.file": "取り込む iCalendar ファイルを一つ指定してください (標準入力なら -)",
	"ics.import.span": "--from と --to は export でだけ使えます",
	"ics.stdin":       "標準入力",
	"ics.open":        "%s: 開けません (%v)",
	"ics.doing":       "取り込む",
	// What the command line says instead of data's err.ics.nocommunity:
	// how to give the community.
	"ics.homeless":      "%s: 新しい予定が %d 件あります。取り込み先のコミュニティを --community ID で指定してください。あなたが参加しているコミュニティ: %s。何も取り込んでいません",
	"ics.homeless.none": "%s: 新しい予定が %d 件あります。取り込み先のコミュニティを --community ID で指定してください。あなたはまだどのコミュニティにも参加していません。何も取り込んでいません",
	"ics.refused":       "%s: %s。何も取り込んでいません",
	"ics.stop":          "。",
	"ics.warning":       "hiroba ics import: %s: %s\n",
	"ics.imported":      "%s: 新規 %d 件、更新 %d 件、変更なし %d 件、取り込まず %d 件\n",
	"ics.skipped":       "hiroba ics import: %s: 取り込みませんでした: %s\n",
	"ics.move.only":     "--move には --community (移す先のコミュニティ) が要ります",

	"search.query":      "検索する言葉を指定してください (例: hiroba search 育休 --json)",
	"search.limit":      "--limit は 1 以上の数です",
	"search.index":      "hiroba: 検索の索引を作っています (%d 件、初回だけです)...\n",
	"search.index.done": "hiroba: 検索の索引ができました (%d 件、%s)\n",
	"search.index.step": "hiroba: 検索の索引 %d / %d 件 (%s)\n",

	"threads.status": "--status は open か resolved です (%q は使えません)",
	"threads.limit":  "--limit は 0 以上の数です",
	"post.community": "--community でコミュニティの ID を指定してください (hiroba communities --json で分かります)",
	"post.doing":     "投稿する",
	"post.kind":      "--kind は 相談、募集、アイデア、体験談、お知らせ のどれかです (%q は使えません)",
	"post.body":      "--body-file で本文のファイルを指定してください (- は標準入力)",
	"post.body.read": "本文のファイルを読めません: %v",
	"post.body.utf8": "%s: 文字コードが正しくありません (UTF-8 で保存してください)",
	"reply.thread":   "返信する相談の ID を一つ指定してください",
	"reply.doing":    "返信する",

	"run.municipality": "自治体 %q はありません。自治体の ID か正確な名前 (例: 郡山市) を指定してください",

	"admin.scope.only":      "--scope は hiroba admin supervisor ID on と一緒にだけ使えます",
	"admin.supervisor.args": "supervisor には職員 (ID か正確な名前) と on か off を指定してください (例: hiroba admin supervisor \"熊田 剛\" on --scope 財務部)",
	"admin.supervisor.on":   "%s さん (%s) を %s %s の所属長にしました\n",
	"admin.supervisor.all":  "%s さん (%s) を %s全体の所属長にしました\n",
	"admin.supervisor.off":  "%s さん (%s) の所属長の指定を外しました\n",
	"admin.workday.args":    "workday には自治体 (ID か名前) と1日の勤務時間を指定してください (例: hiroba admin workday 郡山市 7:45。既定に戻すなら default)",
	"admin.workday.length":  "%q を勤務時間として読めません。分 (465) か 7:45、7時間45分 の形で指定してください",
	"admin.workday.set":     "%s: 1日の勤務時間を %s にしました (20%%ルールの上限はその 20%%)\n",

	"ledger.format":       "--format は text、csv、json のどれかです (%q は使えません)",
	"ledger.period.both":  "--month と --fiscal-year はどちらか一方だけを指定してください",
	"ledger.month":        "--month %q を読めません。YYYY-MM の形で指定してください (例: 2027-04)",
	"ledger.fiscal":       "%d年度",
	"ledger.monthly":      "%d年%d月",
	"ledger.head":         "活動の集計 (20%%ルール)  %s  %s - %s",
	"ledger.people":       "個人",
	"ledger.departments":  "所属の合計",
	"ledger.categories":   "分類の合計",
	"ledger.none":         "  (なし)\n",
	"ledger.hidden":       "職員が %[2]d 人に満たない所属 %[1]d か所は、一人ひとりが分からないよう合計を出していません\n",
	"ledger.col.planned":  "計画",
	"ledger.col.approved": "承認",
	"ledger.col.done":     "実績",
	"ledger.col.cap":      "上限",
	"ledger.col.people":   "人数",
	"ledger.col.category": "分類",
	"ledger.col.plans":    "件数",

	"people.sub":   "サブコマンドを指定してください: hiroba people search QUERY --json",
	"people.query": "探す言葉を指定してください (例: hiroba people search 育休 --json)",

	"fellows.sub":             "サブコマンドを指定してください: list, propose, pair, unpair, stats",
	"fellows.unknown":         "%q というサブコマンドはありません (list, propose, pair, unpair, stats)",
	"fellows.args.list":       "list に指定できるのは制度の ID 一つだけです (なければ制度の一覧)",
	"fellows.args.propose":    "propose には制度の ID を一つ指定してください",
	"fellows.args.pair":       "pair には制度の ID、後輩、フェローを指定してください (職員は ID か正確な名前)",
	"fellows.args.unpair":     "unpair には組の ID を一つ指定してください",
	"fellows.args.stats":      "stats には制度の ID を一つ指定してください",
	"fellows.stats.format":    "stats は --format csv で書き出します (面談の回数などの数字だけで、中身は含みません)",
	"fellows.doing":           "フェロー制度を運営する",
	"fellows.col.kind":        "種類",
	"fellows.col.title":       "名前",
	"fellows.col.year":        "年度",
	"fellows.col.juniors":     "後輩",
	"fellows.col.fellows":     "フェロー",
	"fellows.col.pairs":       "組",
	"fellows.col.junior":      "後輩",
	"fellows.col.fellow":      "フェロー",
	"fellows.col.shared":      "共通の話題",
	"fellows.open":            "実施中",
	"fellows.closed":          "終了",
	"fellows.unpaired.junior": "組なし: %s (%s)\n",
	"fellows.unpaired":        "組 %s を外しました\n",
	"fellows.paired":          "%s さんと %s さんを組にしました (固定。確定は画面の人タブで。組 %s)\n",

	"snapshot.out":    "書き出すファイルを --out で指定してください (例: hiroba snapshot --out drill.hiroba)",
	"snapshot.all":    "広域圏のすべて",
	"snapshot.one":    "%sの職員が見られる内容",
	"snapshot.done":   "訓練用コピーを作りました: %s (%s、%s、%s 時点)\n",
	"snapshot.laptop": "ノートパソコンで: hiroba --db %s\n(ノートパソコン1台に1つずつ作ってください。1つのファイルを2台にコピーすると同じ1台とみなされ、両方で同じ投稿を直したときに競合として示されません)\n",

	"merge.file":          "取り込む訓練用コピーのファイルを一つ指定してください (例: hiroba merge drill.hiroba --dry-run)",
	"merge.list.args":     "--list はほかの引数なしで使ってください",
	"merge.list.none":     "取り込みの記録はまだありません\n",
	"merge.copy":          "訓練用コピー %s (%s に作成)\n",
	"merge.already":       "このコピーはすでに取り込み済みです (%d 件)。何も変更していません\n",
	"merge.nothing":       "このコピーには取り込む変更がありません。何も変更していません\n",
	"merge.dry":           "試しに取り込んだ場合の結果です (--dry-run)。データベースは何も変更していません\n",
	"merge.done":          "取り込みました\n",
	"merge.partly":        "(ほかに %d 件は前回の取り込みで取り込み済みです)\n",
	"merge.total":         "合計",
	"merge.items":         "確認が必要なもの %d 件:\n",
	"merge.summary":       "「%s」",
	"merge.anonymous":     " (匿名)",
	"merge.author":        " (%s さん)",
	"merge.item":          "  [%s] %s\n      %s\n",
	"merge.clock":         "ノートパソコンの時計がずれていたようです (作成より前の時刻 %d 件、取り込みより後の時刻 %d 件)。取り込みの結果は時計に左右されません。同じ予定への二つの返事だけは、時刻の後の方を残しています\n",
	"merge.kept":          "取り込みの記録はデータベースに残しました (記録 %s。hiroba merge --list で一覧)。編集メモと保留にした内容は、書いた人と管理者の受信箱 (i) に出ます\n",
	"merge.col.table":     "内容",
	"merge.col.added":     "新規",
	"merge.col.updated":   "更新",
	"merge.col.deleted":   "削除",
	"merge.col.same":      "同じ",
	"merge.col.conflicts": "競合",
	"merge.col.set_aside": "保留",
	"merge.col.reported":  "報告のみ",
	"merge.col.merged":    "取り込み",
	"merge.col.taken":     "コピーの作成",

	"serve.extra":       "余計な引数があります: %s",
	"serve.as":          "--as は使えません。SSH では鍵が本人を示します",
	"serve.max":         "--max-sessions は 1 以上にしてください",
	"serve.readonly":    "%s: 書き込めないファイルです。サーバーには書き込めるデータベースが必要です",
	"serve.listen":      "%s で待ち受けできません: %v",
	"serve.listening":   "%s で待ち受けています (データベース %s、ホスト鍵 %s)",
	"serve.stopping":    "終了します",
	"serve.ssh":         "SSH サーバー",
	"serve.unknown.key": "未登録の鍵",
	"serve.connected":   "接続 %s %s %s %dx%d TERM=%s",
	"serve.gone":        "切断 %s %s %s",
	"serve.full.log":    "満員のため断りました %s (%d 人まで)",
	"serve.full":        "hiroba: 接続数が上限に達しています。しばらくしてからもう一度お試しください。",
	"serve.key.read":    "%s: ホスト鍵を読めません: %v",
	"serve.key.make":    "%s: ホスト鍵を作れません: %v",
	"serve.key.write":   "%s: ホスト鍵を書けません: %v",

	// A cluster (extend.go): the program built from cluster/ opens one.
	"cluster.unsupported": "この hiroba はクラスタに対応していません。クラスタには cluster/ で作る hiroba を使ってください (README の「クラスタ」)",
	"serve.cluster.only":  "クラスタの画面を SSH で提供するのはノードだけです。--cluster DIR でノードのフォルダを指定してください",
}

// kindNames are the names a thread kind can be given by on the command
// line besides its id.
var kindNames = map[string]model.ThreadKind{
	"相談": model.KindQuestion, "募集": model.KindCall, "アイデア": model.KindIdea, "体験談": model.KindExperience, "お知らせ": model.KindNotice,
}

// say is the message under key in lang ("en" is English, anything else
// Japanese), formatted with args: in Japanese when English has none, as
// the screens' catalogue does, and the key itself when neither has it
// (TestMessages finds every key the code uses).
func say(lang, key string, args ...any) string {
	s, ok := messagesEN[key]
	if lang != "en" || !ok {
		s, ok = messagesJA[key]
	}
	if !ok {
		return key
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// msg is the message under key in the person's language.
func (e *env) msg(key string, args ...any) string { return say(e.lang, key, args...) }

func hasMsg(key string) bool {
	_, ok := messagesJA[key]
	return ok
}
