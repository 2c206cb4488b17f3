package model

import "fmt"

// The words of the 20% rule in both languages: the error messages that
// ActivityError and ActivityFieldError key, and the names a screen shows
// for states, actions, targets and categories. The screens add these to
// their catalogues (ActivityCatalog); the Japanese text here is also
// every error's Message, so it is written once.

var activityJA = map[string]string{
	"err.plan.target":           "活動の対象を選んでください",
	"err.plan.target.missing":   "活動の対象が見つかりません。削除されたか、見られない場所にあります",
	"err.plan.date":             "日付を YYYY-MM-DD で入力してください",
	"err.plan.range":            "終了日 (%s) が開始日 (%s) より前です",
	"err.plan.range.long":       "一つの計画の期間は %d 日までです。分けて申請してください",
	"err.plan.hours":            "時間は 0 より多くしてください",
	"err.plan.hours.format":     "時間は 1.5 や 1:30 のように入力してください (分単位)",
	"err.plan.hours.day":        "勤務日 %d 日では %d時間%d分 までです。1日の勤務時間を超える計画は立てられません",
	"err.plan.noworkday":        "選んだ日に勤務日がありません (土日・祝日・年末年始)。20％ルールは勤務時間の中で使います",
	"err.plan.past":             "始まった日を過ぎた計画は申請できません。20％ルールは事前に所属長と調整して使います",
	"err.plan.event.cancelled":  "「%s」のこの回は中止になりました",
	"err.plan.event.notmarked":  "「%s」は20％ルールの対象になっていません。自由記述の計画にしてください",
	"err.plan.handover.notmine": "引き継ぎ書の前任者か後任者だけが、その引き継ぎの計画を立てられます",
	"err.plan.kind.call":        "応募の計画を立てられるのは募集だけです",
	"err.plan.kind.idea":        "チームの計画を立てられるのはアイデアだけです",
	"err.plan.call.closed":      "「%s」は締め切ったか定員に達しました",
	"err.plan.call.deleted":     "この募集は削除されました",
	"err.plan.call.own":         "自分の募集には応募できません",
	"err.plan.call.applied":     "この募集にはすでに応募しています",
	"err.plan.call.pending":     "この募集への応募は、すでに所属長に申請しています",
	"err.plan.call.needsplan":   "所属長 (%s) が登録されています。応募は活動計画として所属長に申請してください",
	"err.plan.notfound":         "活動計画が見つかりません",
	"err.plan.notmine":          "自分の活動計画だけを変更できます",
	"err.plan.self":             "自分の活動計画は自分では判断できません。上位の所属長か管理者が判断します",
	"err.plan.notdecider":       "この計画を判断できるのは、申請した人の所属長 (%s) です",
	"err.plan.notdecider.admin": "この計画を判断できるのは管理者です (申請した人の所属に所属長がいません)",
	"err.plan.overcap.confirm":  "この計画で %d年%d月 が上限 (%d時間%d分) を超えます。超えることを認める理由を添えて承認してください",
	"err.plan.overcap.reason":   "上限を超えて承認する理由を入力してください",
	"err.plan.return.comment":   "差し戻す理由を入力してください",
	"err.plan.revoke.comment":   "承認を取り消す理由を入力してください (例: 繁忙期のため)",
	"err.plan.actual.early":     "実績は活動の日 (%s) から記録できます",
	"err.plan.actual.over":      "承認された時間 (%d時間%d分) を超えています。超える分は新しい計画として申請してください",
	"err.plan.ledger.forbidden": "この職員の活動は、本人・所属長・管理者だけが見られます",
	"err.plan.notsupervisor":    "所属長として登録されていません。管理者に登録を依頼してください",
	"err.supervisor.scope":      "所属長の範囲は、その職員の所属 (%s) か、その上位にしてください",
	"err.supervisor.inactive":   "%s さんは承認されていないか停止中です。先に承認してください",
	"err.activity.admin":        "この設定は管理者だけができます",
	"err.workhours.range":       "1日の勤務時間は %d 分から %d 分の間にしてください",
	"err.report.period":         "月 (YYYY-MM) か年度 (例: 2027) を指定してください",

	"plan.state.draft":     "下書き",
	"plan.state.submitted": "申請中",
	"plan.state.approved":  "承認済み",
	"plan.state.returned":  "差し戻し",
	"plan.state.withdrawn": "取り下げ",
	"plan.state.done":      "実施済み",

	"plan.action.create":   "作成",
	"plan.action.edit":     "変更",
	"plan.action.submit":   "申請",
	"plan.action.delete":   "削除",
	"plan.action.withdraw": "取り下げ",
	"plan.action.approve":  "承認",
	"plan.action.return":   "差し戻し",
	"plan.action.revoke":   "承認の取り消し",
	"plan.action.record":   "実績の記録",

	"plan.target.community": "コミュニティ",
	"plan.target.event":     "イベント",
	"plan.target.call":      "募集",
	"plan.target.idea":      "アイデア",
	"plan.target.handover":  "引き継ぎ",
	"plan.target.free":      "自由記述",

	"plan.category.learning":     "学び合い",
	"plan.category.experience":   "経験の共有",
	"plan.category.consultation": "相談",
	"plan.category.worklife":     "ワークライフバランス",
	"plan.category.local":        "地元理解・魅力発掘・発信",
	"plan.category.support":      "職場応援",
	"plan.category.handover":     "引き継ぎ",
	"plan.category.idea":         "アイデア",
	"plan.category.other":        "その他",

	"plan.use.ok":   "余裕あり",
	"plan.use.near": "上限間近",
	"plan.use.over": "上限超過",

	"plan.scope.municipality": "自治体全体",
	"plan.scope.admin":        "管理者",
}

var activityEN = map[string]string{
	"err.plan.target":           "Choose what the activity is for",
	"err.plan.target.missing":   "What the activity is for was not found: it was deleted or is somewhere you cannot see",
	"err.plan.date":             "Enter the date as YYYY-MM-DD",
	"err.plan.range":            "The last day (%s) is before the first (%s)",
	"err.plan.range.long":       "One plan may span at most %d days. Split it into several",
	"err.plan.hours":            "Enter more than zero hours",
	"err.plan.hours.format":     "Enter hours such as 1.5 or 1:30 (whole minutes)",
	"err.plan.hours.day":        "%d working days hold at most %dh%02dm. A plan cannot take more than the working day",
	"err.plan.noworkday":        "The dates have no working day (weekends, public and year-end holidays). The 20 percent rule is for working time",
	"err.plan.past":             "A plan whose first day has passed cannot be submitted. The 20 percent rule is arranged with your supervisor in advance",
	"err.plan.event.cancelled":  "This occurrence of \"%s\" was cancelled",
	"err.plan.event.notmarked":  "\"%s\" does not count under the 20 percent rule. Make a plan in your own words instead",
	"err.plan.handover.notmine": "Only the predecessor or the successor of a handover note can plan time for it",
	"err.plan.kind.call":        "Only a call for help can be applied to",
	"err.plan.kind.idea":        "Only an idea has a team to plan time for",
	"err.plan.call.closed":      "\"%s\" is closed or full",
	"err.plan.call.deleted":     "This call was deleted",
	"err.plan.call.own":         "You cannot apply to your own call",
	"err.plan.call.applied":     "You have already applied to this call",
	"err.plan.call.pending":     "Your application to this call is already waiting for your supervisor",
	"err.plan.call.needsplan":   "You have a supervisor (%s): apply through an activity plan for them to approve",
	"err.plan.notfound":         "Activity plan not found",
	"err.plan.notmine":          "You can change only your own activity plans",
	"err.plan.self":             "Nobody decides on their own plans: the next supervisor up or an administrator does",
	"err.plan.notdecider":       "This plan is for the applicant's supervisors to decide (%s)",
	"err.plan.notdecider.admin": "This plan is for an administrator to decide (the applicant has no supervisor)",
	"err.plan.overcap.confirm":  "This plan takes %d-%02d over the cap (%dh%02dm). Approve it with a reason for going over",
	"err.plan.overcap.reason":   "Say why you approve going over the cap",
	"err.plan.return.comment":   "Say why you return the plan",
	"err.plan.revoke.comment":   "Say why you take the approval back (e.g. the busy season)",
	"err.plan.actual.early":     "Hours can be recorded from the day of the activity (%s)",
	"err.plan.actual.over":      "More than the approved %dh%02dm. Submit a new plan for the rest",
	"err.plan.ledger.forbidden": "Only the person, their supervisors and administrators can see their activity",
	"err.plan.notsupervisor":    "You are not registered as a supervisor. Ask an administrator",
	"err.supervisor.scope":      "A supervisor's scope is their department (%s) or a level above it",
	"err.supervisor.inactive":   "%s is not approved or is suspended. Approve them first",
	"err.activity.admin":        "Only administrators can change this",
	"err.workhours.range":       "A working day is between %d and %d minutes",
	"err.report.period":         "Give a month (YYYY-MM) or a fiscal year (e.g. 2027)",

	"plan.state.draft":     "Draft",
	"plan.state.submitted": "Submitted",
	"plan.state.approved":  "Approved",
	"plan.state.returned":  "Returned",
	"plan.state.withdrawn": "Withdrawn",
	"plan.state.done":      "Done",

	"plan.action.create":   "Created",
	"plan.action.edit":     "Changed",
	"plan.action.submit":   "Submitted",
	"plan.action.delete":   "Deleted",
	"plan.action.withdraw": "Withdrawn",
	"plan.action.approve":  "Approved",
	"plan.action.return":   "Returned",
	"plan.action.revoke":   "Approval taken back",
	"plan.action.record":   "Hours recorded",

	"plan.target.community": "Community",
	"plan.target.event":     "Event",
	"plan.target.call":      "Call for help",
	"plan.target.idea":      "Idea",
	"plan.target.handover":  "Handover",
	"plan.target.free":      "Other",

	"plan.category.learning":     "Learning together",
	"plan.category.experience":   "Sharing experience",
	"plan.category.consultation": "Consultation",
	"plan.category.worklife":     "Work-life balance",
	"plan.category.local":        "Local attractions",
	"plan.category.support":      "Workplace support",
	"plan.category.handover":     "Handover",
	"plan.category.idea":         "Ideas",
	"plan.category.other":        "Other",

	"plan.use.ok":   "Room left",
	"plan.use.near": "Near the cap",
	"plan.use.over": "Over the cap",

	"plan.scope.municipality": "Whole municipality",
	"plan.scope.admin":        "Administrators",
}

// The state machine's refusals, err.plan.<action>.<state>: one sentence
// per action, naming the state as an adjective.
var (
	actionRefusalJA = map[PlanAction]string{
		ActEdit:     "%s計画は変更できません",
		ActSubmit:   "%s計画は申請できません",
		ActDelete:   "%s計画は削除できません (削除できるのは下書きだけです。取り下げてください)",
		ActWithdraw: "%s計画は取り下げられません",
		ActApprove:  "%s計画は承認できません",
		ActReturn:   "%s計画は差し戻せません",
		ActRevoke:   "%s計画は承認を取り消せません (取り消せるのは承認済みの計画だけです)",
		ActRecord:   "%s計画には実績を記録できません (記録できるのは承認済みの計画だけです)",
	}
	actionRefusalEN = map[PlanAction]string{
		ActEdit:     "A plan that is %s cannot be changed",
		ActSubmit:   "A plan that is %s cannot be submitted",
		ActDelete:   "A plan that is %s cannot be deleted (only drafts can; withdraw it instead)",
		ActWithdraw: "A plan that is %s cannot be withdrawn",
		ActApprove:  "A plan that is %s cannot be approved",
		ActReturn:   "A plan that is %s cannot be returned",
		ActRevoke:   "A plan that is %s has no approval to take back",
		ActRecord:   "Hours cannot be recorded on a plan that is %s (only on approved plans)",
	}
	stateAdjectiveJA = map[PlanState]string{
		PlanDraft: "下書きの", PlanSubmitted: "申請中の", PlanApproved: "承認済みの",
		PlanReturned: "差し戻された", PlanWithdrawn: "取り下げられた", PlanDone: "実施済みの",
	}
	stateAdjectiveEN = map[PlanState]string{
		PlanDraft: "a draft", PlanSubmitted: "waiting for a decision", PlanApproved: "approved",
		PlanReturned: "returned", PlanWithdrawn: "withdrawn", PlanDone: "done",
	}
)

func init() {
	for _, a := range PlanActions {
		for _, s := range PlanStates {
			if s.Allows(a) {
				continue
			}
			key := "err.plan." + string(a) + "." + string(s)
			activityJA[key] = fmt.Sprintf(actionRefusalJA[a], stateAdjectiveJA[s])
			activityEN[key] = fmt.Sprintf(actionRefusalEN[a], stateAdjectiveEN[s])
		}
	}
}

// ActivityCatalog returns the 20% rule's entries for a screen's
// catalogue in lang ("en", else Japanese), as a copy.
func ActivityCatalog(lang string) map[string]string {
	from := activityJA
	if lang == "en" {
		from = activityEN
	}
	out := make(map[string]string, len(from))
	for k, v := range from {
		out[k] = v
	}
	return out
}

// ActivityError returns a keyed error of the 20% rule: code, the
// catalogue key, and its Japanese text formatted with args as Message.
func ActivityError(code, key string, args ...any) *Error {
	return Keyed(code, key, activityText(key), args...)
}

// ActivityFieldError is ActivityError for a form field (EINVALID).
func ActivityFieldError(field, key string, args ...any) *Error {
	return FieldError(field, key, activityText(key), args...)
}

func activityText(key string) string {
	if s, ok := activityJA[key]; ok {
		return s
	}
	panic("model: no catalogue entry " + key) // a mistake in this package, caught by its tests
}
