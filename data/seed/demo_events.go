package seed

import "time"

// Meeting places and online rooms of the demo. The online addresses use
// the reserved .example domain so that nobody joins a real meeting from a
// projector.
const (
	roomKoriyama3F = "郡山市役所 本庁舎3階 第1会議室"
	roomKoriyama5F = "郡山市役所 本庁舎5階 第2会議室"
	onlineCafe     = "https://meet.koriyama-kouiki.example/ikukyu-cafe"
	onlineKikeru   = "https://meet.koriyama-kouiki.example/soudan"
)

// demoEvents fill the calendar from a month ago to three months ahead.
var demoEvents = []demoEvent{
	{
		community: "kikeru", title: "相談タイム（毎月第3水曜日）",
		description: `業務の不明点、今さら聞けないこと、なんでもどうぞ。

- 予約不要・途中参加OK
- オンラインでも参加できます
- 20%ルールの活用対象です（所属長に一声かけてから）`,
		start: monthlyNth(-1, 3, time.Wednesday, 15, 0), minutes: 60, place: roomKoriyama3F, onlineURL: onlineKikeru,
		organiser: "tomo", twenty: true, rrule: "FREQ=MONTHLY;BYDAY=3WE",
		rsvps: []demoRSVP{{"aoi", "yes"}, {"yui", "yes"}, {"rina", "maybe"}, {"megumi", "yes"}, {"sota", "no"}},
	},
	{
		community: "ikukyu", title: "産休・育休カフェ",
		description: `産休・育休を考えている人と、取った人がゆるく話すランチタイムのカフェです。

- お弁当持参でどうぞ
- カメラオフ・途中入退室OK
- 男性の育休の相談も歓迎`,
		start: monthlyNth(-1, 2, time.Friday, 12, 10), minutes: 40, place: roomKoriyama5F, onlineURL: onlineCafe,
		organiser: "mana", twenty: true, rrule: "FREQ=MONTHLY;BYDAY=2FR", capacity: 15,
		rsvps: []demoRSVP{{"kohei", "yes"}, {"nanami", "yes"}, {"takuya", "yes"}, {"yuki", "maybe"}, {"aoi", "maybe"}},
	},
	{
		community: "ouen", title: "広域圏 20%ルール交流会",
		description: `年に一度、20%ルールを活用している職員と、これから参加してみたい職員が集まる交流会です。

## プログラム
1. 各コミュニティの活動紹介（1団体3分）
2. テーマ別のテーブルトーク
3. 懇親会（希望者のみ・会費制）`,
		start: daysFrom(48, 14, 0), minutes: 180, place: "郡山市中央公民館 多目的ホール", capacity: 80,
		organiser: "masa", twenty: true, rrule: "FREQ=YEARLY",
		rsvps: []demoRSVP{{"aoi", "yes"}, {"rie", "yes"}, {"mana", "yes"}, {"shota", "yes"}, {"naoko", "yes"}, {"takumi", "maybe"}, {"ryo", "yes"}, {"kazuya", "yes"}},
	},
	{
		community: "saigai", title: "職員避難訓練",
		description: `全職員を対象とした避難訓練です。

- 地震発生を想定し、各階の避難経路で庁舎前の広場へ避難
- 避難完了後、各課の点呼結果を総務課へ報告
- 窓口のお客様の誘導も訓練します`,
		start: daysFrom(20, 10, 0), minutes: 60, place: "郡山市役所 本庁舎（全館）",
		organiser: "kenta",
	},
	{
		community: "saigai", title: "災害対応体験談を聞く会",
		description: `職員避難訓練の午後に、実際に災害対応をした職員の話を聞きます。

## 話す人
- 台風のとき避難所にいた職員
- 地震の夜に庁舎の被害確認をした職員

質問は匿名でもOKです。`,
		start: daysFrom(20, 14, 0), minutes: 90, onlineURL: "https://meet.koriyama-kouiki.example/saigai",
		organiser: "yuto", twenty: true, capacity: 100,
		rsvps: []demoRSVP{{"jun", "yes"}, {"aoi", "yes"}, {"satoru", "yes"}, {"osamu", "yes"}, {"keiko", "maybe"}},
	},
	{
		community: "saigai", title: "避難所開設のチェックリストを一緒に回る会",
		description: "避難所担当になった職員向けに、実際の避難所でチェックリストを確認します。鍵の開け方、備蓄品、簡易トイレの組み立てまで。",
		start:       daysFrom(-18, 14, 0), minutes: 120, place: "鏡石町 中央公民館", capacity: 12,
		organiser: "jun", twenty: true,
		rsvps: []demoRSVP{{"yuto", "yes"}, {"satoru", "yes"}, {"yoko", "yes"}},
	},
	{
		community: "shomu", title: "庶務担当者の会（旅費）",
		description: `今回のテーマは**旅費**です。

- 用務先が2か所あるときの経路
- 研修参加時の旅費
- 旅費システムの入力ミスが多いところ`,
		start: monthlyNth(0, 4, time.Thursday, 15, 30), minutes: 30, place: roomKoriyama5F,
		organiser: "shun", twenty: true, rrule: "FREQ=MONTHLY;INTERVAL=2;BYDAY=4TH",
		rsvps: []demoRSVP{{"ai", "yes"}, {"sayaka", "yes"}, {"aoi", "yes"}},
	},
	{
		community: "logo", title: "LoGoチャット 通知設定ミニ講座（15分）",
		description: "「通知が多すぎる」を解決する15分の講座です。画面共有で実際に設定します。録画は後日スレッドに載せます。",
		start:       daysFrom(9, 12, 15), minutes: 15, onlineURL: "https://meet.koriyama-kouiki.example/logo",
		organiser: "rie", twenty: true,
	},
	{
		community: "logo", title: "掲示板の整理ハンズオン",
		description: `自分の自治体の掲示板を、その場で一緒に整理します。

## 持ち物
- ノートPC（グループウェアにログインできるもの）
- いまの掲示板のカテゴリ一覧

会場とオンラインの併用です。`,
		start: daysFrom(27, 14, 0), minutes: 90, place: roomKoriyama5F, onlineURL: "https://meet.koriyama-kouiki.example/logo",
		organiser: "rie", twenty: true, capacity: 20,
		rsvps: []demoRSVP{{"shota", "yes"}, {"ayaka", "yes"}, {"osamu", "yes"}, {"shun", "maybe"}},
	},
	{
		community: "logo", title: "使い方カタログ キックオフ",
		description: "各市町村の掲示板・スペースの使い方カタログづくりのキックオフです。30分だけ、進め方を決めます。",
		start:       daysFrom(2, 16, 30), minutes: 30, onlineURL: "https://meet.koriyama-kouiki.example/logo",
		organiser: "rie", twenty: true,
		rsvps: []demoRSVP{{"ayaka", "yes"}, {"shota", "yes"}, {"osamu", "yes"}, {"aoi", "yes"}},
	},
	{
		community: "ido", title: "座談会「こども部ってどんなところ？」",
		description: `こども支援課・保育課の若手と中堅が、仕事の中身や職場の雰囲気を話します。

人事評価や異動の内示に関わる話はしません。`,
		start: daysFrom(16, 17, 30), minutes: 60, place: roomKoriyama3F, capacity: 30,
		organiser: "masa",
		rsvps:     []demoRSVP{{"yui", "yes"}, {"mana", "yes"}, {"yuki", "yes"}, {"aoi", "maybe"}},
	},
	{
		community: "ido", title: "座談会「税務部ってどんなところ？」",
		description: "賦課と収納、それぞれの課の職員が話しました。資料はスレッドに載せています。",
		start:       daysFrom(-24, 17, 30), minutes: 60, place: roomKoriyama3F, capacity: 30,
		organiser: "tomo",
		rsvps:     []demoRSVP{{"yui", "yes"}, {"takeshi", "yes"}},
	},
	{
		community: "hizei", title: "非税収入アイデア会議（第2回）",
		description: `## 議題
1. ネーミングライツ：小規模施設の提案募集型
2. 公用車の広告枠：各市町村の台数の集計結果
3. ふるさと納税の使い道の見せ方（猪苗代町の事例）`,
		start: daysFrom(12, 17, 0), minutes: 60, onlineURL: "https://meet.koriyama-kouiki.example/hizei",
		organiser: "aoi", twenty: true,
		rsvps: []demoRSVP{{"takashi", "yes"}, {"kazuya", "yes"}, {"haruka", "yes"}, {"takeshi", "maybe"}},
	},
	{
		community: "hizei", title: "非税収入アイデア会議（第1回）",
		description: "キックオフ。自己紹介と、それぞれの市町村で気になっている税外収入のテーマを出し合いました。",
		start:       daysFrom(-20, 17, 0), minutes: 60, onlineURL: "https://meet.koriyama-kouiki.example/hizei",
		organiser: "aoi", twenty: true,
		rsvps: []demoRSVP{{"takashi", "yes"}, {"kazuya", "yes"}, {"haruka", "yes"}},
	},
	{
		community: "mentor", title: "メンター交流会",
		description: "メンターどうしで、この半年の面談の様子を共有します（メンバー限定）。",
		start:       daysFrom(33, 15, 0), minutes: 90, place: roomKoriyama5F,
		organiser: "keiko", twenty: true,
		rsvps: []demoRSVP{{"tomo", "yes"}, {"mai", "yes"}, {"masa", "yes"}},
	},
	{
		community: "miryoku", title: "土曜まち歩き（三春町）",
		description: "三春駅前に10時集合、町の中心部を2時間ほど歩きます。業務ではなく自由参加です。",
		start:       saturdayFrom(10, 10, 0), minutes: 120, place: "三春駅前", capacity: 20,
		organiser: "yusuke",
		rsvps:     []demoRSVP{{"nanami", "yes"}, {"aoi", "yes"}, {"naoko", "yes"}, {"kotone", "yes"}, {"taiga", "maybe"}},
	},
	{
		community: "miryoku", title: "SNS写真講座：スマホで「伝わる」1枚を",
		description: "観光担当でなくても歓迎。スマホでの構図、光の使い方、縦型動画の撮り方を1時間で。",
		start:       daysFrom(40, 15, 0), minutes: 60, onlineURL: "https://meet.koriyama-kouiki.example/sns",
		organiser: "haruka", twenty: true, capacity: 50,
		rsvps: []demoRSVP{{"naoko", "yes"}, {"kazuya", "yes"}, {"kotone", "yes"}, {"yusuke", "yes"}},
	},
	{
		community: "ouen", title: "観光物産フェア 応援スタッフ説明会",
		description: "運営補助に申し込んだ方向けの事前説明会です。当日の配置と動線を説明します。",
		start:       daysFrom(-6, 17, 30), minutes: 30, onlineURL: "https://meet.koriyama-kouiki.example/fair",
		organiser: "yusuke",
		rsvps:     []demoRSVP{{"yui", "yes"}, {"kotone", "yes"}, {"ryo", "yes"}, {"aoi", "yes"}},
	},
	{
		community: "ouen", title: "広域圏 観光物産フェア（運営補助）",
		description: "応援スタッフの集合は8:30、会場のスタッフ控室です。ビブスを受け取ってください。",
		start:       saturdayFrom(3, 9, 0), minutes: 420, place: "ビッグパレットふくしま 多目的展示ホール",
		organiser: "yusuke",
		rsvps:     []demoRSVP{{"yui", "yes"}, {"kotone", "yes"}, {"aoi", "yes"}},
	},
	{
		community: "hikitsugi", title: "引き継ぎ書もくもく会",
		description: `引き継ぎ書を書く時間を、みんなで確保します。

- 各自の引き継ぎ書を黙々と書く（60分）
- 最後の15分で、困っている項目を相談

年度末までの毎週木曜日です。`,
		start: weekdayFrom(14, time.Thursday, 16, 30), minutes: 75, place: "三春町役場 2階 会議室",
		organiser: "takumi", twenty: true, rrule: "FREQ=WEEKLY;BYDAY=TH", until: 56,
		rsvps: []demoRSVP{{"nanami", "yes"}},
	},
	{
		community: "desaki", title: "出先から本庁へ 新任者のつどい",
		description: "今年度、支所・出先から本庁に異動した職員の情報交換会です。先輩職員も参加します。",
		start:       daysFrom(-10, 17, 30), minutes: 60, place: "二本松市役所 3階 会議室",
		organiser: "mai",
		rsvps:     []demoRSVP{{"ryo", "yes"}, {"emi", "yes"}},
	},
	{
		community: "kacho", title: "課長に聞く：議会答弁の書き方",
		description: "会議録検索の使い方から、答弁の構成まで。若手向けの勉強会です。",
		start:       daysFrom(24, 15, 30), minutes: 60, place: "田村市役所 本庁舎 大会議室", onlineURL: "https://meet.koriyama-kouiki.example/tamura",
		organiser: "osamu", twenty: true, capacity: 30,
		rsvps: []demoRSVP{{"rina", "yes"}, {"yuto", "yes"}, {"naoko", "maybe"}},
	},
	{
		community: "kaizen", title: "業務改善ラボ 成果発表（紙の回覧ゼロ）",
		description: "子育て支援課で1か月試した、回覧機能への置き換えの結果を発表します。",
		start:       daysFrom(6, 16, 0), minutes: 45, place: "本宮市役所 2階 201会議室",
		organiser: "ayaka", cancelled: true,
	},
	{
		community: "ichinen", title: "当初予算要求 締切",
		description: "各課の当初予算の要求資料の提出期限です（郡山市の例）。市町村ごとに日程は異なります。",
		start:       allDayFrom(30), allDay: true,
		organiser: "mai", rrule: "FREQ=YEARLY",
	},
	{
		community: "ichinen", title: "定例会 開会",
		description: "市議会の定例会の開会日です（郡山市の例）。一般質問の通告から答弁の作成までの流れは、スレッドを見てください。",
		start:       allDayFrom(62), allDay: true,
		organiser: "masa", rrule: "FREQ=YEARLY",
	},
}
