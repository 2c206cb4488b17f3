package seed

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"hiroba/model"
)

// Phrase tables for Scale. The text only has to look plausible in lists
// and benchmarks of search and rendering: titles like real ones, bodies of
// a few sentences of markdown.

// scaleSurnames and scaleGivenNames make the generated staff. Every
// combination is fictional; TestDemoNamesAreFictional checks them against
// the seed documents too.
var scaleSurnames = []string{
	"佐藤", "鈴木", "高橋", "田中", "伊藤", "山本", "中村", "小林", "加藤", "吉田",
	"山田", "佐々木", "山口", "松田", "井上", "木村", "林", "清水", "山崎", "森",
	"池田", "阿久津", "菅野", "大内", "渡部", "国分", "円谷", "矢吹", "根本", "安斎",
	"鈴村", "宗形", "橋爪", "二瓶", "永山", "三瓶", "猪狩", "本多", "菊池", "押山",
}

var scaleGivenNames = []string{
	"翔", "陽菜", "大輝", "美月", "蓮", "結菜", "悠真", "葵", "湊", "凛",
	"颯", "花音", "陸", "彩乃", "健一", "裕子", "和彦", "智子", "直樹", "恵",
	"隆之", "由美", "博之", "明美", "拓真", "千尋", "航", "真央", "亮", "沙耶",
}

var scaleCityDepartments = []string{
	"総務部 総務課", "総務部 人事課", "総務部 危機管理室", "財務部 財政課", "財務部 契約検査課",
	"税務部 市民税課", "税務部 資産税課", "税務部 収納課", "市民部 市民課", "市民部 国保年金課",
	"こども部 こども支援課", "こども部 保育課", "保健福祉部 高齢福祉課", "保健福祉部 障がい福祉課",
	"保健福祉部 健康づくり課", "産業部 商工観光課", "産業部 農政課", "建設部 道路河川課",
	"建設部 都市計画課", "上下水道局 総務課", "教育委員会 学校教育課", "教育委員会 生涯学習課",
	"政策開発部 企画政策課", "政策開発部 DX戦略課", "会計課", "議会事務局",
}

var scaleTownDepartments = []string{
	"総務課", "企画政策課", "税務課", "住民課", "保健福祉課", "子育て支援課", "産業振興課",
	"商工観光課", "建設課", "上下水道課", "教育委員会 教育総務課", "教育委員会 生涯学習課", "会計室", "議会事務局",
}

// scaleTopics are the matters threads and events are about.
var scaleTopics = []string{
	"会計年度任用職員の勤怠入力", "旅費の経路計算", "起案文書の書き方", "庁内照会の回答管理", "公用車の運転日誌",
	"予算要求資料の積算根拠", "決算の成果説明書", "議会答弁の作成", "一般質問の通告への対応", "文書の保存年限",
	"情報公開請求への対応", "個人情報の持ち出し", "窓口での本人確認", "電話応対の名乗り方", "苦情対応の記録",
	"LoGoチャットのグループ整理", "掲示板のカテゴリ整理", "スペース機能の権限設定", "RPA の導入", "Excel マクロの引き継ぎ",
	"避難所の開設準備", "備蓄品の点検", "職員の安否確認", "児童手当の申請勧奨", "保育所の入所申込",
	"ふるさと納税の返礼品", "ネーミングライツの募集", "広報紙の広告枠", "観光SNSの投稿計画", "イベントの写真の許諾",
	"時間外勤務の申請", "年休の計画的な取得", "育休の取り方", "時短勤務の調整", "介護休暇の申請",
	"物品購入の見積合わせ", "委託契約の仕様書", "補助金の実績報告", "国庫補助の申請", "地方債の借入",
	"固定資産税の家屋評価", "住民税の申告受付", "転入転出の手続き", "マイナンバーカードの交付", "選挙事務の応援",
	"新採職員のOJT", "メンター面談の進め方", "異動希望の出し方", "引き継ぎ書の書き方", "年度末の物品の整理",
}

var questionSuffixes = []string{
	"について", "の進め方を教えてください", "で困っています", "、みなさんの所属ではどうしていますか",
	"の締切はいつですか", "の手順が分かりません", "、どこまでやればいいですか", "の注意点を教えてください",
}

var ideaPatterns = []string{
	"%sを広域圏で共同化したい", "%sをテンプレート化しませんか", "%sを電子化したい", "%sの見える化を提案します",
	"%sのチェックリストを作りたい", "%sを若手で見直してみませんか",
}

var experiencePatterns = []string{
	"%sを見直してみた結果", "%sで学んだこと", "はじめての%s、やってみて分かったこと", "%sで失敗した話",
	"%sを1年担当して", "%sを効率化できました",
}

var noticePatterns = []string{
	"%sの手引きを更新しました", "%sの勉強会のお知らせ", "%sの様式が変わります", "%sについての照会（回答期限あり）",
}

var callPatterns = []struct{ support, pattern string }{
	{model.SupportOperations, "【運営補助】%sの運営スタッフ募集"},
	{model.SupportOperations, "【運営補助】%sの会場案内"},
	{model.SupportBusy, "【繁忙期応援】%sの補助"},
	{model.SupportBusy, "【繁忙期応援】%sの窓口応援"},
	{model.SupportPlanning, "【企画参画】%sの企画メンバー募集"},
}

var callSubjects = []string{
	"市民マラソン大会", "観光物産フェア", "成人を祝う会", "防災フェア", "健康まつり", "住民税の申告受付",
	"転入転出の繁忙期", "選挙の期日前投票", "若手職員研修", "移住相談会", "ふるさと納税の発送", "敬老会",
}

var places = []string{
	"本庁舎3階 第1会議室", "本庁舎5階 第2会議室", "本庁舎1階 市民ホール", "中央公民館 多目的ホール",
	"総合体育館 会議室", "保健センター 研修室", "役場2階 会議室", "文化センター 小ホール",
}

var openingLines = []string{
	"今年度から%sを担当しています。",
	"%sについて、所属内で意見が分かれています。",
	"異動してきたばかりで、%sの進め方がよく分かりません。",
	"%sで、毎年同じところでつまずいている気がします。",
	"前任者から引き継いだ%sについて、確認させてください。",
	"%sの件で、他の市町村のやり方を知りたいです。",
}

var bodyHeadings = []string{"状況", "困っていること", "試したこと", "知りたいこと", "背景"}

var bodyBullets = []string{
	"前任者の資料が共有フォルダにない", "締切が短く、課内の確認が間に合わない", "担当者によってやり方が違う",
	"マニュアルが数年前のまま", "問い合わせが月末に集中する", "システムの入力項目が多い",
	"関係課との役割分担があいまい", "紙とデータの二重管理になっている", "繁忙期と重なる",
	"過去の経緯を知っている人が異動した", "県への報告様式が毎年変わる", "住民からの問い合わせが増えている",
}

var closingLines = []string{
	"みなさんの所属でのやり方を教えてください。",
	"初歩的な質問ですみませんが、よろしくお願いします。",
	"経験のある方、アドバイスをいただけると助かります。",
	"同じ悩みを持つ方がいれば、一緒に考えたいです。",
	"参考になる資料があれば教えてください。",
}

var replyLines = []string{
	"うちの課では、締切の3日前に一度声をかけるようにしています。",
	"同じことで困っていました。共有ありがとうございます。",
	"前任のときは、共有フォルダの一覧で管理していました。",
	"係長に確認したところ、例規集の規程どおりで問題ないそうです。",
	"県の手引きの最新版に、同じ事例が載っていました。",
	"庶務担当者の会でも話題になっていたので、資料を探してみます。",
	"一度、関係課と打ち合わせをしてみてはどうでしょうか。",
	"チェックリストを作ると、担当が変わっても迷わないですよ。",
	"うちの町では、月初にまとめて処理しています。",
	"参考になりました。さっそく試してみます。",
	"昨年度の資料を共有フォルダに置きました。",
	"電話で確認するより、メールで記録を残した方が後で助かります。",
	"繁忙期だけでも応援を頼めるといいですね。",
	"マニュアルの該当ページを確認してみてください。",
	"私も最初は同じところで迷いました。",
	"**締切** だけは必ず守るように、と前任から言われています。",
}

var eventPatterns = []string{
	"%s勉強会", "%sミニ講座（15分）", "%sの相談タイム", "%sの意見交換会", "%sの事例共有会",
}

// pick returns a random element of list.
func pick[T any](rng *rand.Rand, list []T) T { return list[rng.IntN(len(list))] }

// threadTitle returns a title for a thread of kind about topic.
func threadTitle(rng *rand.Rand, kind model.ThreadKind, topic string) (title, support string) {
	switch kind {
	case model.KindCall:
		c := pick(rng, callPatterns)
		return fmt.Sprintf(c.pattern, pick(rng, callSubjects)), c.support
	case model.KindIdea:
		return fmt.Sprintf(pick(rng, ideaPatterns), topic), ""
	case model.KindExperience:
		return fmt.Sprintf(pick(rng, experiencePatterns), topic), ""
	case model.KindNotice:
		return fmt.Sprintf(pick(rng, noticePatterns), topic), ""
	}
	return topic + pick(rng, questionSuffixes), ""
}

// threadBody returns a few sentences of markdown about topic.
func threadBody(rng *rand.Rand, topic string) string {
	var b strings.Builder
	fmt.Fprintf(&b, pick(rng, openingLines), topic)
	b.WriteString("\n\n## ")
	b.WriteString(pick(rng, bodyHeadings))
	b.WriteString("\n")
	for i, n := 0, 2+rng.IntN(3); i < n; i++ {
		b.WriteString("- ")
		b.WriteString(pick(rng, bodyBullets))
		b.WriteString("\n")
	}
	b.WriteString("\n")
	b.WriteString(pick(rng, closingLines))
	return b.String()
}

// replyBody returns one to three sentences.
func replyBody(rng *rand.Rand) string {
	n := 1 + rng.IntN(3)
	parts := make([]string, n)
	for i := range parts {
		parts[i] = pick(rng, replyLines)
	}
	return strings.Join(parts, "")
}

// communityName returns a name for a community of a category, prefixed
// with the municipality for a municipal one.
func communityName(rng *rand.Rand, cat model.Category, muni string) string {
	var name string
	topic := pick(rng, scaleTopics)
	switch cat {
	case model.CategoryLearning:
		name = pick(rng, []string{"%s勉強会", "%sを学ぶ会", "%s活用術"})
	case model.CategoryExperience:
		name = pick(rng, []string{"%sの体験談", "%sノウハウ共有", "%sの先輩に聞く"})
	case model.CategoryConsultation:
		name = pick(rng, []string{"%s相談室", "%sの悩み相談", "%s改善ラボ"})
	case model.CategoryWorkLife:
		name, topic = pick(rng, []string{"子育て職員のつどい%s", "介護と仕事の両立を話す会%s", "産休・育休カフェ%s", "ワークライフ相談室%s"}), ""
	case model.CategoryLocal:
		name, topic = pick(rng, []string{"まちの魅力発信隊%s", "地元グルメ探訪%s", "観光SNS発信チーム%s", "まち歩きの会%s"}), ""
	case model.CategorySupport:
		name, topic = pick(rng, []string{"職場応援ボード%s", "繁忙期応援%s", "イベント運営補助%s"}), ""
	}
	name = fmt.Sprintf(name, topic)
	if muni != "" {
		name = muni + " " + name
	}
	return name
}

// sectionBody returns the markdown of one handover section.
func sectionBody(rng *rand.Rand, position int, duty, department string) string {
	var b strings.Builder
	switch position {
	case 0:
		fmt.Fprintf(&b, "%sの%sを担当します。\n\n## 主な仕事\n", department, duty)
		for i := 0; i < 4; i++ {
			fmt.Fprintf(&b, "- %sに関する%s\n", duty, pick(rng, []string{"受付と審査", "台帳の管理", "関係課との調整", "県への報告", "問い合わせ対応", "予算の執行管理"}))
		}
		b.WriteString("\n繁忙期は年度末と年度初めです。")
	case 1:
		b.WriteString("| 月 | 主な作業 |\n| --- | --- |\n")
		for _, m := range []string{"4月", "6月", "9月", "11月", "1月", "3月"} {
			fmt.Fprintf(&b, "| %s | %s |\n", m, pick(rng, []string{"前年度の実績の取りまとめ", "県への報告", "補正予算の要求", "当初予算の要求", "関係団体との会議", "次年度の準備", "監査への対応"}))
		}
	case 2:
		b.WriteString("## 庁内\n")
		for i := 0; i < 3; i++ {
			fmt.Fprintf(&b, "- %s：%s\n", pick(rng, scaleCityDepartments), pick(rng, []string{"予算の相談", "データの提供", "窓口の連携", "契約の手続き"}))
		}
		b.WriteString("\n## 庁外\n- 福島県の担当課：制度の解釈の照会先\n- 近隣市町村の担当者：様式や事例の共有\n")
	case 3:
		for i := 1; i <= 3; i++ {
			fmt.Fprintf(&b, "%d. %s：%s\n", i, pick(rng, scaleTopics), pick(rng, []string{"回答待ち", "資料作成中", "来月に打ち合わせ予定", "決裁中", "関係課と調整中"}))
		}
		b.WriteString("\n経緯は共有フォルダの「進行中」にメモを残しています。")
	case 4:
		b.WriteString("## 注意点\n")
		for i := 0; i < 3; i++ {
			fmt.Fprintf(&b, "- %s\n", pick(rng, bodyBullets))
		}
		fmt.Fprintf(&b, "\n## よくある質問\n- **Q. %sの締切は？** 毎年同じ時期です。年間スケジュールを見てください\n", duty)
	default:
		fmt.Fprintf(&b, "- 共有フォルダ：¥¥fs01¥%s¥%s\n- マニュアル：同フォルダ「マニュアル」\n- 過去の経緯：同フォルダ「経緯」（年度別）\n- 例規集：該当する規則・要綱", department, duty)
	}
	return b.String()
}
