package kit

// カレンダーの相互運用 (issue 15)。catalog_calendar.go を参照。
var catalogCalendarJA = map[string]string{
	"cal.rule.custom": "カスタムの繰り返し",
	"cal.rule.next":   "次は %s",
	"ef.repeat.7":     "カスタムの繰り返し (そのまま残す)",

	// Rules (package recur)
	"err.rrule.part":       "「%s」を読めません (名前=値 の形にしてください)",
	"err.rrule.twice":      "%s が二度あります",
	"err.rrule.unknown":    "%s という指定は RRULE にありません",
	"err.rrule.freq":       "FREQ (繰り返しの単位) がありません",
	"err.rrule.tooshort":   "FREQ=%s には対応していません (毎時より細かい繰り返しは使えません)",
	"err.rrule.value":      "%s=%s は使えません",
	"err.rrule.countuntil": "UNTIL と COUNT は同時に使えません",
	"err.rrule.notwith":    "%s は FREQ=%s の規則では使えません",
	"err.rrule.nth":        "BYDAY の %s (第何週か) は、毎月か毎年 (BYWEEKNO なし) の規則でだけ使えます",
	"err.rrule.setpos":     "BYSETPOS はほかの BY の指定 (BYDAY など) と一緒に使ってください",
	"err.rrule.until":      "UNTIL=%s は日時として読めません (例: 20270331T145959Z)",
	"err.event.split":      "「%s」の繰り返しは hiroba では分けられません (%s)",

	// iCalendar import (data/ics_import.go); the line comes first
	"err.ics.cancelled":        "%d 行目: 「%s」は中止の予定なので取り込みません",
	"err.ics.community":        "%d 行目: 「%s」は新しい予定です。取り込み先のコミュニティを指定してください",
	"err.ics.nocommunity":      "新しい予定が %d 件あります。取り込み先のコミュニティを指定してください。あなたが参加しているコミュニティ: %s",
	"err.ics.nocommunity.none": "新しい予定が %d 件あります。取り込み先のコミュニティを指定してください。あなたはまだどのコミュニティにも参加していません",
	"err.ics.hidden":           "%d 行目: UID %s の予定は、あなたが見られないコミュニティにすでにあります",
	"err.ics.forbidden":        "%d 行目: 「%s」はコミュニティ「%s」の予定です。変えられるのは作った人とコミュニティの世話役だけです",
	"err.ics.cancelledhere":    "%d 行目: 「%s」は hiroba で中止になっているため、変えませんでした",
	"err.ics.elsewhere":        "%d 行目: 「%s」はコミュニティ「%s」にあります。「%s」に移すには --move を付けてください",
}
