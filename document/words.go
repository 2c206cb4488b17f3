package document

import "hiroba/model"

// The words of a printed handover note, in Japanese and in English: the
// same keys (TestWords). Dates are layouts of time.Format.
var (
	wordsJA = map[string]string{
		"title": "# 引き継ぎ書: ", "item": "項目", "value": "内容",
		"municipality": "自治体", "department": "所属", "duty": "担当業務",
		"predecessor": "前任", "successor": "後任", "undecided": "未定", "effective": "異動日",
		"status": "状態", "created": "作成", "handed_over_at": "引継", "acknowledged_at": "受領確認",
		"questions": "質問の受付", "until": "%s まで", "revision": "版", "revised": "第%d版 (%s 更新)",
		"ack_comment": "> 受領確認のコメント: ", "empty": "(記載なし)",
		"questions_head": "## 引き継ぎ後の質問と回答", "question": "### Q. %s (%s、%s)", "answer": "**A.** (%s、%s)",
		"day": "2006年1月2日", "when": "2006年1月2日 15:04",
		model.HandoverDraft: "作成中", model.HandoverHandedOver: "引継済み", model.HandoverAcknowledged: "受領確認済み",
	}
	wordsEN = map[string]string{
		"title": "# Handover note: ", "item": "Item", "value": "Details",
		"municipality": "Municipality", "department": "Department", "duty": "Duty",
		"predecessor": "Predecessor", "successor": "Successor", "undecided": "not decided", "effective": "Transfer date",
		"status": "Status", "created": "Created", "handed_over_at": "Handed over", "acknowledged_at": "Acknowledged",
		"questions": "Questions", "until": "open until %s", "revision": "Revision", "revised": "%d (updated %s)",
		"ack_comment": "> The successor's comment: ", "empty": "(nothing written)",
		"questions_head": "## Questions and answers after the handover", "question": "### Q. %s (%s, %s)", "answer": "**A.** (%s, %s)",
		"day": "2 January 2006", "when": "2 January 2006 15:04",
		model.HandoverDraft: "draft", model.HandoverHandedOver: "handed over", model.HandoverAcknowledged: "acknowledged",
	}
)
