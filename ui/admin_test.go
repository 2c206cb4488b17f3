package ui_test

import (
	"context"
	"testing"

	"hiroba/data"
	"hiroba/model"
)

func TestAdminLayer(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 80, 24)
	ctx := context.Background()
	k := &model.KeySignup{Staff: model.Staff{Name: "鈴木 陽菜", MunicipalityID: "01KOORIYAMA0000000000MUN16", Department: "企画政策課"},
		Fingerprint: "SHA256:suzuki", PublicKey: "ssh-ed25519 AAAAsuzuki"}
	if err := h.db.SignUpWithKey(ctx, k); err != nil {
		t.Fatal(err)
	}

	t.Run("NotAdministrator", func(t *testing.T) {
		h.key("M")
		h.mustShow("職員の管理は管理者だけができます")
		h.mustNotShow("鈴木 陽菜")
		h.key("esc")
		h.checkFrame()
	})

	t.Run("ApproveAndRevoke", func(t *testing.T) {
		var adminID string
		list, err := h.db.Accounts(data.AsOperator(ctx))
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range list {
			if a.Admin {
				adminID = a.ID
			}
		}
		ah := startHarness(t, h.db, adminID, "ja", 80, 24)
		ah.key("M")
		ah.mustShow("承認待ち 1 人")
		ah.mustShow("鈴木 陽菜")
		ah.checkFrame()
		ah.key("a")
		ah.mustShow("鈴木 陽菜 さんを承認しました")
		ah.mustShow("承認待ち 0 人")
		if s, _ := h.db.StaffByKey(ctx, "SHA256:suzuki"); s.Status != model.StaffActive {
			t.Fatalf("status %s after approval", s.Status)
		}
		// Another person waits; the first row is theirs. Revoking asks first.
		k2 := &model.KeySignup{Staff: model.Staff{Name: "佐藤 蓮", MunicipalityID: "01KOORIYAMA0000000000MUN02", Department: "税務課"},
			Fingerprint: "SHA256:sato", PublicKey: "ssh-ed25519 AAAAsato"}
		if err := h.db.SignUpWithKey(ctx, k2); err != nil {
			t.Fatal(err)
		}
		ah.key("esc", "M")
		ah.mustShow("承認待ち 1 人")
		ah.key("r")
		ah.mustShow("佐藤 蓮 さんの利用を停止しますか")
		ah.key("n")
		if s, _ := h.db.StaffByKey(ctx, "SHA256:sato"); s.Status != model.StaffPending {
			t.Fatalf("status %s after n", s.Status)
		}
		ah.key("r", "y")
		ah.mustShow("佐藤 蓮 さんの利用を停止しました")
		if s, _ := h.db.StaffByKey(ctx, "SHA256:sato"); s.Status != model.StaffRevoked {
			t.Fatalf("status %s after revocation", s.Status)
		}
		ah.checkFrame()
	})
}
