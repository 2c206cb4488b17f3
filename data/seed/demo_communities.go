package seed

import "hiroba/model"

// demoCommunities are the purpose-based communities of the demo, one or
// more for every category of the proposal, area-wide and municipal.
var demoCommunities = []demoCommunity{
	{
		key: "kikeru", name: "知っててあたりまえのことでも聞ける場所", category: model.CategoryConsultation,
		visibility: model.VisibilityOpen, ago: 420, organisers: []string{"tomo", "ai"}, extra: 14,
		members: []string{"aoi", "yui", "rina", "sota", "megumi"},
		summary: "「今さら聞けない」を気軽に。匿名でも質問できます。毎月第3水曜日には対面の相談タイムも。",
		description: `## この場所について

異動したばかり、採用されたばかり、あるいは何年やっていても「今さら聞けない」ことはあります。
ここは**どんな初歩的な質問でも歓迎**する相談の場です。

## 使い方

- 質問は**匿名**でも投稿できます（回答する側も匿名可）
- 解決したら、役に立った回答を「解決済み」にしてください。次に同じことで困った人が助かります
- 個人情報・非公開情報は書かないでください

## 対面の相談タイム

毎月**第3水曜日 15:00〜16:00**、郡山市役所 本庁舎3階 第1会議室で開いています。
予約不要・途中参加OK。20%ルールの活用対象です（所属長に一声かけてから来てください）。
`,
	},
	{
		key: "shomu", name: "庶務担当者の会", category: model.CategoryLearning, municipality: "郡山市",
		visibility: model.VisibilityOpen, ago: 300, organisers: []string{"shun"}, extra: 8,
		members: []string{"ai", "aoi", "sayaka"},
		summary: "各課の庶務担当どうしで、照会回答の管理や課内のメール確認など「研修では教わらないやり方」を共有します。",
		description: `## 目的

庶務の仕事は研修で一通り学べますが、**照会回答の管理方法**や**メールの課内確認方法**は所属ごとにばらばらです。
それぞれのやり方を持ち寄って、精度も効率も上げていきましょう。

## 主なテーマ

1. 庁内照会・調査の受付と回答期限の管理
2. 課内メール・回覧の確認ルール
3. 旅費・物品購入・会計年度任用職員の勤怠などの定型事務
4. 年度末・年度始めの繁忙期の乗り切り方

## 集まり

おおむね2か月に1回、第4木曜日の午後に30分だけ集まります。資料は事前にスレッドに載せます。
`,
	},
	{
		key: "saigai", name: "災害対応体験談", category: model.CategoryExperience,
		visibility: model.VisibilityOpen, ago: 520, organisers: []string{"kenta", "yuto"}, extra: 16,
		members: []string{"aoi", "jun", "satoru", "keiko"},
		summary: "令和元年東日本台風や福島県沖地震で実際に対応した職員の体験を残し、次の災害に備えます。",
		description: `## なぜ体験談を集めるのか

災害対応は基礎自治体職員に必須のスキルですが、経験できる機会は多くありません。
実際に対応した職員の記憶は、異動や退職とともに失われていきます。

## 聞きたいこと・書いてほしいこと

- 発生直後の**初動**（誰から連絡が来て、最初に何をしたか）
- 職員自身がどう身を守ったか、どこに避難したか
- 職員として特に大変だったこと
- 業務と生活・家族をどう調整したか

## お願い

つらい記憶を書くことになる方もいると思います。無理のない範囲で、匿名での投稿も歓迎します。
職員避難訓練のあとに、体験談を聞く会を開いています。
`,
	},
	{
		key: "logo", name: "LoGoチャット・グループウェア活用術", category: model.CategoryLearning,
		visibility: model.VisibilityOpen, ago: 380, organisers: []string{"rie"}, extra: 18,
		members: []string{"aoi", "shun", "ayaka", "shota", "osamu"},
		summary: "LoGoチャット、ガルーンの掲示板やスペースなど、同じシステムを使う市町村どうしで使い方のコツを交換します。",
		description: `## こんな人に

- 掲示板が「お知らせの墓場」になっている
- スペース機能を入れたけれど、誰も使っていない
- LoGoチャットのグループが増えすぎて追えない

同じシステムでも、使いこなせている自治体とそうでない自治体があります。**活用例の紹介**と**操作の実践**、今の使い方の見直しをしていきます。

## ルール

- スクリーンショットを貼るときは、個人名・個人情報を必ず消してください
- 製品の不具合は各自治体の情報システム担当へ。ここでは「使い方」の話をします
`,
	},
	{
		key: "ikukyu", name: "産休・育休カフェ", category: model.CategoryWorkLife,
		visibility: model.VisibilityOpen, ago: 260, organisers: []string{"mana", "takuya"}, extra: 10,
		members: []string{"yuki", "kohei", "nanami", "aoi"},
		summary: "産休・育休を考えている人と、実際に取った人がゆるく話せる場所。男性の育休の相談も歓迎です。",
		description: `## どんな場所？

産休・育休の制度は知っていても、「実際どうだったか」は取った人に聞くのがいちばんです。
制度を使おうか迷っている人と、使った経験のある人がつながる場所です。

## 話題の例

- 制度の使い方（手続きの順番、共済組合・給与の担当への連絡）
- 取ってみての感想、復帰してからの働き方
- 職場への伝え方、引き継ぎの進め方
- 各市町村のサポートブック（郡山市の「パパママ応援手帳」など）

## カフェ

毎月第2金曜日の昼休みに、会議室とオンラインで開いています。お弁当を食べながらどうぞ。
`,
	},
	{
		key: "ouen", name: "職場応援ボード", category: model.CategorySupport,
		visibility: model.VisibilityOpen, ago: 240, organisers: []string{"masa", "takashi"}, extra: 20,
		members: []string{"aoi", "yui", "ryo"},
		summary: "企画参画・運営補助・繁忙期応援の募集と申込の掲示板です。申し込みは所属長の了承を得てから。",
		description: `## 募集する所属の方へ

- 件名の頭に【企画参画】【運営補助】【繁忙期応援】のどれかを付けてください
- 人数・期間・場所・締切・必要なスキルをはっきり書いてください
- 応援に来てくれた人の所属長へのお礼も忘れずに

## 応募する方へ

広域圏版**20%ルール**の範囲で参加できます。

1. 通常業務を最優先に、参加できる時間を確認する
2. **所属長と事前に調整**し、了承を得る
3. スレッドの「申し込む」から申し込む（所属長了承済みのチェックが必要です）
`,
	},
	{
		key: "ido", name: "異動希望先を知る", category: model.CategoryLearning, municipality: "郡山市",
		visibility: model.VisibilityOpen, ago: 200, organisers: []string{"masa"}, extra: 12,
		members: []string{"aoi", "yui", "tomo", "keiko"},
		summary: "異動希望を出したい部署の「実際の雰囲気」を、そこで働く職員に聞ける場所です。",
		description: `## 背景

異動希望を出したい部署はあっても、実際の雰囲気はよくわかりません。特に**出先と本庁**の違いは、行ってみないとわからないことばかりです。

## ここでできること

- 部署の仕事の中身、繁忙期、職場の雰囲気を質問する
- 年1回の座談会（各部の若手・中堅が話します）に参加する

## お願い

人事評価や異動の内示に関わる話はしません。あくまで「職場を知る」ための場です。
`,
	},
	{
		key: "hizei", name: "非税収入アイデア会議", category: model.CategoryConsultation,
		visibility: model.VisibilityOpen, ago: 75, organisers: []string{"aoi"}, extra: 7,
		members: []string{"takeshi", "takashi", "kazuya", "haruka"},
		summary: "ネーミングライツ、広告収入、ふるさと納税…税以外の収入のアイデアを、市町村の枠を越えて出し合います。",
		description: `## 一緒に考えませんか

財政課で歳入を担当していると、税収だけでは足りないという話を毎年のように聞きます。
**税外収入のアイデア出し**をしたい！ 一緒にやりたい・考えたい人を広域圏全体で募集しています。

## テーマの例

- ネーミングライツ（施設・歩道橋・トイレなど）
- 広報紙・公用車・封筒・庁舎の広告枠
- ふるさと納税の返礼品・使い道の見せ方
- 遊休資産の貸付・売却

## 進め方

1. アイデアはスレッドに「アイデア」として投稿
2. 「一緒にやりたい」を押した人でチームを作る
3. 月1回のオンライン会議で、形にできそうなものを検討
`,
	},
	{
		key: "mentor", name: "メンター同士の相談室", category: model.CategoryLearning,
		visibility: model.VisibilityMembers, ago: 330, organisers: []string{"keiko"}, extra: 5,
		members: []string{"masa", "tomo", "mai", "takeshi"},
		summary: "新採職員のメンターを務める職員どうしの相談室。メンティーの話が出るためメンバー限定です。",
		description: `## メンバー限定にしている理由

メンティーとの面談の様子や悩みを具体的に相談できるよう、**メンバーだけが見られる**場所にしています。
ここで知った話は外に出さないでください。

## 話すこと

- メンターとしてどんなアドバイスをしたか、うまくいかなかったこと
- 面談の頻度、声のかけ方
- 所属の違う「斜めの先輩」として関わるときの距離感

参加希望の方は、主催者に一声かけてください。
`,
	},
	{
		key: "miryoku", name: "広域圏まちの魅力発掘隊", category: model.CategoryLocal,
		visibility: model.VisibilityOpen, ago: 280, organisers: []string{"naoko", "yusuke"}, extra: 12,
		members: []string{"kotone", "haruka", "kazuya", "taiga"},
		summary: "17市町村の職員が「ここがいい」と思う場所・もの・人を持ち寄り、点から面へ発信していきます。",
		description: `## 目的

業務の中で横断的につながりながら、地域の魅力を掘り起こし、整理し、共有する仕組みをつくります。

- 職員間の広域連携の強化
- 観光担当者の SNS 発信スキルの向上
- 観光担当以外で、観光振興に関心がある職員の参加の機会

## やっていること

- 「職員おすすめスポット」の持ち寄り
- 各市町村の観光担当の SNS 運用ノウハウの共有
- 土曜日のまち歩き（自由参加）
`,
	},
	{
		key: "sns", name: "猪苗代 観光SNS発信チーム", category: model.CategoryLocal, municipality: "猪苗代町",
		visibility: model.VisibilityOpen, ago: 150, organisers: []string{"haruka"}, extra: 4,
		members: []string{"shota", "naoko"},
		summary: "猪苗代町の観光アカウントの投稿を、観光担当以外の職員も一緒に考えるチームです。",
		description: `## チームについて

町の観光 SNS の企画・撮影・投稿を、商工観光課だけでなく関心のある職員で分担しています。

## 投稿のルール

- 人物が写る写真は**必ず本人の許諾**を取る（許諾書の様式はスレッドにあります）
- 投稿前に商工観光課の担当が最終確認をします
- 季節の情報は2週間前から準備
`,
	},
	{
		key: "suka_ouen", name: "須賀川市 繁忙期応援", category: model.CategorySupport, municipality: "須賀川市",
		visibility: model.VisibilityOpen, ago: 180, organisers: []string{"saori"}, extra: 6,
		members: []string{"takuya", "daichi", "satoru"},
		summary: "須賀川市役所内で、繁忙期の課に他の課から応援に入るための募集の場です。",
		description: `## しくみ

定型業務の多い部で、繁忙期の課がある場合に、それ以外の課から応援を募集します。
郡山市で実施済みの取り組みを須賀川市でも試行しています。

## 応援に入る前に

- 所属長の了承を得てから申し込んでください
- 初日に30分程度の説明があります
- 個人情報を扱う業務は、守秘義務の確認書を提出してもらいます
`,
	},
	{
		key: "kaizen", name: "本宮市 業務改善ラボ", category: model.CategoryConsultation, municipality: "本宮市",
		visibility: model.VisibilityOpen, ago: 210, organisers: []string{"ayaka"}, extra: 6,
		members: []string{"kazuya", "kohei"},
		summary: "「この作業、もっと楽にできないか」を持ち寄って、小さく試して、結果を共有する場です。",
		description: `## やり方

1. 困っている作業をスレッドに書く（どのくらい時間がかかっているかも）
2. 同じ悩みを持つ人、解決した経験のある人がコメント
3. 小さく試して、結果を**体験談**として残す

## これまでのテーマ

- 紙の回覧の電子化
- 定型メールのテンプレート化
- RPA・Excel マクロの小さな導入
`,
	},
	{
		key: "hikitsugi", name: "三春町 引き継ぎ書をみんなで", category: model.CategoryExperience, municipality: "三春町",
		visibility: model.VisibilityOpen, ago: 160, organisers: []string{"takumi"}, extra: 5,
		members: []string{"nanami"},
		summary: "引き継ぎ書を書く時間がとれない問題を、みんなで時間を決めて書くことで解決しようという集まりです。",
		description: `## 背景

引き継ぎ書を作る時間はなかなかとれません。異動が決まってから慌てて書くと、大事なことが抜け落ちます。

## やっていること

- 異動の有無にかかわらず、通年で定期的に引き継ぎ書を書く時間を確保する（20%ルール活用）
- 年度末は毎週木曜の夕方に「もくもく会」
- 良い引き継ぎ書の書き方・項目を共有する

異動した最初の1年は、引き継いだ側から受けた側へ様子を見に行く時間にも使えます。
`,
	},
	{
		key: "desaki", name: "出先から本庁へ（二本松市）", category: model.CategoryExperience, municipality: "二本松市",
		visibility: model.VisibilityOpen, ago: 190, organisers: []string{"mai"}, extra: 5,
		members: []string{"ryo", "emi"},
		summary: "支所・出先機関から本庁に異動した人が、先輩に聞いたり経験を共有したりする場所です。",
		description: `## こんな人のために

- 支所から本庁に異動して、議会や予算の流れがわからない
- 本庁の「当たり前」についていけない
- 逆に、本庁から出先に行って戸惑っている

## 先輩から

同じ道を通った職員が、気づいたことを体験談として書いています。質問はいつでもどうぞ。
`,
	},
	{
		key: "kacho", name: "田村市 係長・課長に聞く会", category: model.CategoryExperience, municipality: "田村市",
		visibility: model.VisibilityOpen, ago: 230, organisers: []string{"osamu"}, extra: 5,
		members: []string{"yuto", "rina", "naoko"},
		summary: "職歴の長い係長・課長のノウハウを、若手職員が気軽に聞ける場所です。",
		description: `## 趣旨

優秀な職員のノウハウは個人にとどまりがちです。議会答弁、予算要求、住民対応など、長く務めてきた方の経験を残していきます。

## 先生役の方へ

答えにくい質問には答えなくて大丈夫です。「自分ならこうする」という一言だけでも、若手には大きな助けになります。
`,
	},
	{
		key: "ichinen", name: "市役所の一年の流れ", category: model.CategoryLearning,
		visibility: model.VisibilityOpen, ago: 350, organisers: []string{"mai", "masa"}, extra: 15,
		members: []string{"aoi", "yui", "ryo", "rina"},
		summary: "議会、予算要求、決算…役所の一年の流れを、若手向けにまとめて共有します。",
		description: `## なぜ「一年の流れ」か

2か所目に異動して、議会や予算の流れもわからないまま答弁作成をしていた──そんな経験を次の人にさせないために。

## 主な流れ（市の例）

| 時期 | できごと |
| --- | --- |
| 4月 | 人事異動、新年度の予算執行開始 |
| 6月 | 6月定例会 |
| 8〜9月 | 決算審査、9月定例会 |
| 10〜11月 | 当初予算の要求 |
| 12月 | 12月定例会、予算査定 |
| 2〜3月 | 3月定例会（当初予算の審議） |

町村では議会の時期が少し違います。各市町村の版をスレッドに載せています。
`,
	},
}
