package ui

func init() {
	addCatalog(map[string]string{
		"serve.signup.lead":   "このサーバーを使うには登録と管理者の承認が必要です。この SSH 鍵で覚えます。",
		"serve.waiting.title": "登録を受け付けました。管理者の承認をお待ちください",
		"serve.waiting.lead":  "承認されるとこの画面が自動で切り替わります。閉じても、同じ鍵でまた接続できます。",
		"serve.waiting.id":    "管理者に伝える職員 ID: %s",
		"serve.key":           "SSH 鍵",
		"serve.revoked.title": "この鍵での利用は停止されています",
		"serve.revoked.lead":  "再開については管理者に問い合わせてください。",
		"serve.quit.help":     "q: 終了",

		"admin.title":     "職員の管理",
		"admin.lead":      "承認待ち %d 人",
		"admin.approved":  "%s さんを承認しました",
		"admin.revoked":   "%s さんの利用を停止しました",
		"admin.confirm":   "%s さんの利用を停止しますか (y/n)",
		"admin.forbidden": "職員の管理は管理者だけができます",
		"admin.empty":     "職員がいません",
		"admin.help":      "j/k: 選ぶ  a: 承認  r: 停止  esc: 閉じる",
		"status.active":   "利用中",
		"status.pending":  "承認待ち",
		"status.revoked":  "停止",
		"admin.badge":     "管理者",
	}, map[string]string{
		"serve.signup.lead":   "This server needs you to sign up and an administrator to approve you. Your SSH key is remembered.",
		"serve.waiting.title": "Thank you. Please wait for an administrator to approve you",
		"serve.waiting.lead":  "This screen changes by itself once you are approved. You may close it and connect again with the same key.",
		"serve.waiting.id":    "Staff ID to give your administrator: %s",
		"serve.key":           "SSH key",
		"serve.revoked.title": "Access with this key has been revoked",
		"serve.revoked.lead":  "Please ask your administrator.",
		"serve.quit.help":     "q: quit",

		"admin.title":     "Staff administration",
		"admin.lead":      "%d waiting for approval",
		"admin.approved":  "Approved %s",
		"admin.revoked":   "Revoked access of %s",
		"admin.confirm":   "Revoke access of %s? (y/n)",
		"admin.forbidden": "Only administrators manage staff",
		"admin.empty":     "No staff",
		"admin.help":      "j/k: select  a: approve  r: revoke  esc: close",
		"status.active":   "active",
		"status.pending":  "pending",
		"status.revoked":  "revoked",
		"admin.badge":     "admin",
	})
}
