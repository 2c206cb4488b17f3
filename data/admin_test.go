package data_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"hiroba/data"
	"hiroba/data/datatest"
	"hiroba/model"
)

// TestAccessControl walks every read path with a non-member, a person who
// signed up over SSH and is not approved yet, and a revoked one.
func TestAccessControl(t *testing.T) {
	t.Parallel()
	db := MustOpenTestDB(t)
	ctx := context.Background()
	organiser := MustCreateStaff(t, db, "遠藤 美咲", koriyama, "総務部 総務課")
	outsider := MustCreateStaff(t, db, "菅野 大輔", sukagawa, "建設部 道路課")
	revoked := MustCreateStaff(t, db, "渡部 千尋", koriyama, "総務部 総務課")
	pending := &model.KeySignup{Staff: model.Staff{Name: "橋本 芽衣", MunicipalityID: koriyama, Department: "総務部 総務課"},
		Fingerprint: "SHA256:pendingkey", PublicKey: "ssh-ed25519 AAAApending"}
	if err := db.SignUpWithKey(ctx, pending); err != nil {
		t.Fatal(err)
	}

	open := MustCreateCommunity(t, db, as(organiser), "庶務担当者の会", model.CategoryLearning, "", model.VisibilityOpen)
	closed := MustCreateCommunity(t, db, as(organiser), "人事異動 準備室", model.CategoryConsultation, koriyama, model.VisibilityMembers)
	if err := db.Join(as(revoked), open.ID); err != nil {
		t.Fatal(err)
	}
	openThread := MustCreateThread(t, db, as(organiser), open.ID, "問い合わせ記録の付け方", false)
	secret := MustCreateThread(t, db, as(organiser), closed.ID, "内示前の配置案について", false)
	MustCreateReply(t, db, as(organiser), secret.ID, "案は来週共有します。", false)
	start := time.Date(2027, 1, 20, 6, 0, 0, 0, time.UTC)
	openEvent := MustCreateEvent(t, db, open.ID, organiser, "庶務の交流会", start, start.Add(time.Hour), "", nil)
	secretEvent := MustCreateEvent(t, db, closed.ID, organiser, "配置案の検討会", start, start.Add(time.Hour), "", nil)
	note := MustCreateHandover(t, db, koriyama, "総務部 総務課", "文書管理", organiser, nil, model.HandoverVisDepartment)
	if err := db.RevokeStaff(data.AsOperator(ctx), revoked.ID); err != nil {
		t.Fatal(err)
	}
	from, to := start.Add(-24*time.Hour), start.Add(24*time.Hour)

	// reads lists every read path; each returns what it found ("" for
	// nothing) and its error.
	reads := map[string]func(ctx context.Context) (string, error){
		"FindCommunities": func(ctx context.Context) (string, error) {
			list, _, err := db.FindCommunities(ctx, model.CommunityFilter{})
			var names []string
			for _, c := range list {
				names = append(names, c.Name)
			}
			return strings.Join(names, ","), err
		},
		"CommunityByID": func(ctx context.Context) (string, error) {
			c, err := db.CommunityByID(ctx, closed.ID)
			if c != nil {
				return c.Name, err
			}
			return "", err
		},
		"FindThreads": func(ctx context.Context) (string, error) {
			list, _, err := db.FindThreads(ctx, model.ThreadFilter{})
			return titles(list), err
		},
		"ThreadByID": func(ctx context.Context) (string, error) {
			th, err := db.ThreadByID(ctx, secret.ID)
			if th != nil {
				return th.Title, err
			}
			return "", err
		},
		"Replies": func(ctx context.Context) (string, error) {
			rs, err := db.Replies(ctx, secret.ID, 0, 0)
			if len(rs) > 0 {
				return rs[0].Body, err
			}
			return "", err
		},
		"FindHandovers": func(ctx context.Context) (string, error) {
			list, _, err := db.FindHandovers(ctx, model.HandoverFilter{})
			if len(list) > 0 {
				return list[0].Duty, err
			}
			return "", err
		},
		"HandoverByID": func(ctx context.Context) (string, error) {
			h, err := db.HandoverByID(ctx, note)
			if h != nil {
				return h.Duty, err
			}
			return "", err
		},
		"Occurrences": func(ctx context.Context) (string, error) {
			occ, err := db.Occurrences(ctx, from, to, "")
			var names []string
			for _, o := range occ {
				names = append(names, o.Event.Title)
			}
			return strings.Join(names, ","), err
		},
		"EventByID": func(ctx context.Context) (string, error) {
			e, err := db.EventByID(ctx, secretEvent)
			if e != nil {
				return e.Title, err
			}
			return "", err
		},
		"Search": func(ctx context.Context) (string, error) {
			res, err := db.Search(ctx, "配置案", 20)
			return strings.Repeat("x", len(res)), err
		},
		"FindStaff": func(ctx context.Context) (string, error) {
			list, err := db.FindStaff(ctx, 0, 0)
			return strings.Repeat("x", len(list)), err
		},
	}

	t.Run("NonMember", func(t *testing.T) {
		for name, read := range reads {
			got, err := read(as(outsider))
			if strings.Contains(got, "人事異動") || strings.Contains(got, "内示") || strings.Contains(got, "配置案") ||
				strings.Contains(got, "案は来週") || strings.Contains(got, "文書管理") {
				t.Errorf("%s: a non-member sees %q", name, got)
			}
			if err != nil && model.ErrorCode(err) != model.ENOTFOUND {
				t.Errorf("%s: %v", name, err)
			}
		}
		// What is open stays readable for them.
		if th, err := db.ThreadByID(as(outsider), openThread.ID); err != nil || th.Title != openThread.Title {
			t.Errorf("open thread: %v", err)
		}
		if _, err := db.EventByID(as(outsider), openEvent); err != nil {
			t.Errorf("open event: %v", err)
		}
	})
	for _, c := range []struct{ name, id string }{{"Unapproved", pending.ID}, {"Revoked", revoked.ID}} {
		t.Run(c.name, func(t *testing.T) {
			ctx := model.WithViewer(context.Background(), c.id)
			for name, read := range reads {
				got, err := read(ctx)
				if got != "" {
					t.Errorf("%s: sees %q", name, got)
				}
				wantCode(t, err, model.EFORBIDDEN)
			}
			// Writing is refused as well.
			wantCode(t, db.CreateThread(ctx, &model.Thread{CommunityID: open.ID, Kind: model.KindQuestion, Title: "質問です", Body: "本文"}), model.EFORBIDDEN)
		})
	}
	t.Run("ApprovedReads", func(t *testing.T) {
		if err := db.ApproveStaff(data.AsOperator(ctx), pending.ID); err != nil {
			t.Fatal(err)
		}
		if th, err := db.ThreadByID(model.WithViewer(ctx, pending.ID), openThread.ID); err != nil || th.Title != openThread.Title {
			t.Fatalf("approved staff: %v", err)
		}
	})
}

func TestAdministration(t *testing.T) {
	t.Parallel()
	db := MustOpenTestDB(t)
	ctx := context.Background()
	first := MustCreateStaff(t, db, "佐藤 一郎", koriyama, "総務部 人事課")
	second := MustCreateStaff(t, db, "高橋 花", nihonmatsu, "市民部 市民課")
	k := &model.KeySignup{Staff: model.Staff{Name: "伊藤 健", MunicipalityID: miharu, Department: "企画政策課"},
		Fingerprint: "SHA256:abc", PublicKey: "ssh-ed25519 AAAAabc"}

	t.Run("SignUpWithKeyIsPending", func(t *testing.T) {
		if err := db.SignUpWithKey(ctx, k); err != nil {
			t.Fatal(err)
		}
		s, err := db.StaffByKey(ctx, "SHA256:abc")
		if err != nil || s.ID != k.ID || s.Status != model.StaffPending || s.Municipality != "三春町" {
			t.Fatalf("%+v %v", s, err)
		}
		wantCode(t, db.SignUpWithKey(ctx, k), model.ECONFLICT)
		_, err = db.StaffByKey(ctx, "SHA256:unknown")
		wantCode(t, err, model.ENOTFOUND)
	})
	t.Run("FirstStaffIsAdministrator", func(t *testing.T) {
		if ok, err := db.IsAdmin(as(first)); !ok || err != nil {
			t.Fatalf("first staff: %v %v", ok, err)
		}
		if ok, _ := db.IsAdmin(as(second)); ok {
			t.Fatal("second staff is administrator")
		}
		list, err := db.Accounts(as(first))
		if err != nil || len(list) != 3 || list[0].Status != model.StaffPending || list[0].Name != "伊藤 健" || !list[1].Admin && !list[2].Admin {
			t.Fatalf("accounts %+v %v", list, err)
		}
	})
	t.Run("OnlyAdministratorsManage", func(t *testing.T) {
		wantCode(t, db.ApproveStaff(as(second), k.ID), model.EFORBIDDEN)
		_, err := db.Accounts(as(second))
		wantCode(t, err, model.EFORBIDDEN)
		wantCode(t, db.RevokeStaff(model.WithViewer(ctx, k.ID), first.ID), model.EFORBIDDEN)
		wantCode(t, db.ApproveStaff(ctx, k.ID), model.EFORBIDDEN) // nobody
		wantCode(t, db.RevokeStaff(as(first), first.ID), model.ECONFLICT)
	})
	t.Run("ApproveRevokeGrant", func(t *testing.T) {
		if err := db.ApproveStaff(as(first), k.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.GrantAdmin(as(first), second.ID); err != nil {
			t.Fatal(err)
		}
		// Granting keeps the first staff member an administrator.
		for _, s := range []*model.Staff{first, second} {
			if ok, _ := db.IsAdmin(as(s)); !ok {
				t.Fatalf("%s is not administrator", s.Name)
			}
		}
		if err := db.RevokeStaff(as(second), k.ID); err != nil {
			t.Fatal(err)
		}
		s, _ := db.StaffByKey(ctx, "SHA256:abc")
		if s.Status != model.StaffRevoked {
			t.Fatalf("status %s", s.Status)
		}
		wantCode(t, db.GrantAdmin(data.AsOperator(ctx), k.ID), model.ECONFLICT)
	})
}

// TestAdministratorRule: while any active staff member holds the role,
// only they administer; while none does, the first active staff member
// does. Pending and revoked staff never count, whatever their role.
func TestAdministratorRule(t *testing.T) {
	t.Parallel()
	db := MustOpenTestDB(t)
	ctx := context.Background()
	op := data.AsOperator(ctx)
	pending := &model.KeySignup{Staff: model.Staff{Name: "橋本 芽衣", MunicipalityID: koriyama, Department: "総務部 総務課"},
		Fingerprint: "SHA256:earliest", PublicKey: "ssh-ed25519 AAAAearliest"}
	if err := db.SignUpWithKey(ctx, pending); err != nil {
		t.Fatal(err)
	}
	a := MustCreateStaff(t, db, "阿部 真理子", koriyama, "総務部 人事課")
	b := MustCreateStaff(t, db, "菅野 大輔", sukagawa, "建設部 道路課")
	c := MustCreateStaff(t, db, "渡部 千尋", miharu, "企画政策課")
	// admins names the administrators the 職員の管理 screen marks.
	admins := func() string {
		t.Helper()
		list, err := db.Accounts(op)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, s := range list {
			if s.Admin {
				names = append(names, s.Name)
			}
		}
		return strings.Join(names, ",")
	}
	step := func(what string, err error, want string) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if got := admins(); got != want {
			t.Fatalf("%s: administrators %q, want %q", what, got, want)
		}
	}
	step("nobody granted, the pending one signed up first", nil, "阿部 真理子")
	step("the first one revoked", db.RevokeStaff(op, a.ID), "菅野 大輔")
	if ok, err := db.IsAdmin(as(b)); !ok || err != nil {
		t.Fatalf("the first active staff member: %v %v", ok, err)
	}
	step("a role granted", db.GrantAdmin(op, c.ID), "菅野 大輔,渡部 千尋")
	step("the first one approved again", db.ApproveStaff(op, a.ID), "菅野 大輔,渡部 千尋")
	if ok, err := db.IsAdmin(as(a)); ok || err != nil {
		t.Fatalf("the first staff member beside granted ones: %v %v", ok, err)
	}
	if err := db.RevokeStaff(op, b.ID); err != nil {
		t.Fatal(err)
	}
	step("every granted one revoked", db.RevokeStaff(op, c.ID), "阿部 真理子")
	if ok, err := db.IsAdmin(as(a)); !ok || err != nil {
		t.Fatalf("the first active staff member again: %v %v", ok, err)
	}
}

// TestSharedSetting marks a file as shared: every later open uses the
// rollback journal without being told. It holds with readers open, as
// the interface has them (ReadSoon makes one while the file opens).
func TestSharedSetting(t *testing.T) {
	t.Parallel()
	for _, soon := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "share.db")
		db := datatest.OpenNew(t, path, data.Options{ReadSoon: soon})
		if db.Shared {
			t.Fatal("new file opened shared")
		}
		tick(db, time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC))
		admin := MustCreateStaff(t, db, "佐藤 一郎", koriyama, "総務部 人事課")
		other := MustCreateStaff(t, db, "高橋 花", koriyama, "市民部 市民課")
		if _, err := db.FindStaff(as(admin), 0, 10); err != nil { // a reader, left open
			t.Fatal(err)
		}
		wantCode(t, db.SetShared(as(other), true), model.EFORBIDDEN)
		if err := db.SetShared(as(admin), true); err != nil {
			t.Fatalf("ReadSoon %v: %v", soon, err)
		}
		if _, err := db.FindStaff(as(admin), 0, 10); err != nil {
			t.Fatal(err)
		}
		db.Close()
		if _, err := os.Stat(path + "-wal"); err == nil {
			t.Fatal("a WAL file is left next to a shared database")
		}
		db, err := data.Open(path, data.Options{ReadSoon: soon})
		if err != nil {
			t.Fatal(err)
		}
		if !db.Shared {
			t.Fatal("a file marked shared opened in WAL mode")
		}
		MustCreateStaff(t, db, "伊藤 健", miharu, "企画政策課")
		if mode := journalMode(t, db); mode != "delete" {
			t.Fatalf("ReadSoon %v: journal mode %q", soon, mode)
		}
		if err := db.SetShared(data.AsOperator(context.Background()), false); err != nil {
			t.Fatal(err)
		}
		db.Close()
		db, err = data.Open(path, data.Options{ReadSoon: soon})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindStaff(as(admin), 0, 10); err != nil {
			t.Fatal(err)
		}
		if db.Shared || journalMode(t, db) != "wal" {
			t.Fatalf("ReadSoon %v: still shared after off", soon)
		}
		db.Close()
	}
}

// TestSharedMarkInWAL opens a file whose shared mark sits in its WAL, not
// yet in the file itself (as a program that stopped before copying its
// WAL back leaves it): it still opens shared.
func TestSharedMarkInWAL(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "share.db")
	db := datatest.OpenNew(t, path, data.Options{})
	db.Close()
	other, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.Exec(`PRAGMA wal_autocheckpoint = 0`); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Exec(`INSERT INTO settings (key, value) VALUES ('shared', 'on')
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`); err != nil {
		t.Fatal(err)
	}
	// The file and its WAL as they are now, as a crash would leave them.
	copied := filepath.Join(dir, "copy.db")
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(path + suffix)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(copied+suffix, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if st, err := os.Stat(copied + "-wal"); err != nil || st.Size() == 0 {
		t.Fatalf("the mark is not in the WAL (%v)", err)
	}
	db, err = data.Open(copied, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !db.Shared {
		t.Fatal("a file marked shared in its WAL opened in WAL mode")
	}
}

// A file still in WAL mode but marked shared (by a program that wrote
// the mark and no more) opens shared and leaves WAL, also with a reader
// made while it opens (ReadSoon): the reader does not hold the file.
func TestSharedMarkInAFileInWALMode(t *testing.T) {
	t.Parallel()
	for _, soon := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "share.db")
		db := datatest.OpenNew(t, path, data.Options{})
		db.Close()
		other, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := other.Exec(`INSERT INTO settings (key, value) VALUES ('shared', 'on')
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`); err != nil {
			t.Fatal(err)
		}
		other.Close()
		if _, err := os.Stat(path + "-wal"); err == nil {
			t.Fatal("a WAL is left beside the file")
		}
		db, err = data.Open(path, data.Options{ReadSoon: soon})
		if err != nil {
			t.Fatalf("ReadSoon %v: %v", soon, err)
		}
		if _, err := db.FindStaff(data.AsOperator(context.Background()), 0, 1); err != nil {
			t.Fatal(err)
		}
		if !db.Shared || journalMode(t, db) != "delete" {
			t.Errorf("ReadSoon %v: shared %v, journal %q", soon, db.Shared, journalMode(t, db))
		}
		db.Close()
	}
}

// Marking a file shared while another hiroba has it open cannot leave
// WAL: the command says so at once, names the file, writes no mark (a
// mark that could not take effect would refuse every later open), and
// both keep working. Once the other closes, it succeeds.
func TestSharedSettingWhileAnotherHasTheFile(t *testing.T) {
	// Not parallel: it shortens every Open's patience while it runs.
	defer data.SetLeaveWALPatience(50 * time.Millisecond)()
	path := filepath.Join(t.TempDir(), "share.db")
	db := datatest.OpenNew(t, path, data.Options{})
	tick(db, time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC))
	admin := MustCreateStaff(t, db, "佐藤 一郎", koriyama, "総務部 人事課")
	other, err := data.Open(path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.FindStaff(as(admin), 0, 10); err != nil {
		t.Fatal(err)
	}
	err = db.SetShared(as(admin), true)
	var me *model.Error
	if !errors.As(err, &me) || me.Key != "err.db.shared_in_use" || !strings.Contains(err.Error(), path) {
		t.Fatalf("err %v, want the file in use by another hiroba", err)
	}
	if db.Shared || journalMode(t, db) != "wal" {
		t.Fatal("the journal changed")
	}
	var marks int
	if err := other.Bulk(context.Background(), func(tx *sql.Tx) error {
		return tx.QueryRow(`SELECT count(*) FROM settings WHERE key = 'shared' AND value = 'on'`).Scan(&marks)
	}); err != nil || marks != 0 {
		t.Fatalf("the mark was written (%d, %v)", marks, err)
	}
	MustCreateStaff(t, db, "高橋 花", koriyama, "市民部 市民課")
	// Opened --shared meanwhile, as a colleague on the share would: the
	// sentence is about opening, not about a setting.
	_, err = data.Open(path, data.Options{Shared: true})
	if !errors.As(err, &me) || me.Key != "err.db.shared_open" || !strings.Contains(err.Error(), path) {
		t.Fatalf("opened --shared: %v, want the file open without --shared elsewhere", err)
	}
	if staff, err := other.FindStaff(as(admin), 0, 10); err != nil || len(staff) != 2 {
		t.Fatalf("the other reads %d staff, %v", len(staff), err)
	}
	other.Close()
	if err := db.SetShared(as(admin), true); err != nil {
		t.Fatal(err)
	}
	if !db.Shared || journalMode(t, db) != "delete" {
		t.Fatal("not shared once the other closed")
	}
}

func journalMode(t *testing.T, db *data.DB) string {
	var mode string
	if err := db.Bulk(context.Background(), func(tx *sql.Tx) error { return tx.QueryRow(`PRAGMA journal_mode`).Scan(&mode) }); err != nil {
		t.Fatal(err)
	}
	return mode
}

// TestWriteErrorsSayWhy checks the sentences for a full disk and a file
// that cannot be written.
func TestWriteErrorsSayWhy(t *testing.T) {
	db := MustOpenTestDB(t)
	defer data.SetBusyPatience(50 * time.Millisecond)()
	for _, c := range []struct {
		err       error
		code, key string
	}{
		{sqlite3.Error{Code: sqlite3.ErrFull}, model.EFULL, "err.db.disk_full"},
		{sqlite3.Error{Code: sqlite3.ErrIoErr, ExtendedCode: sqlite3.ErrIoErrWrite, SystemErrno: syscall.ENOSPC}, model.EFULL, "err.db.disk_full"},
		{sqlite3.Error{Code: sqlite3.ErrIoErr, ExtendedCode: sqlite3.ErrIoErrFsync, SystemErrno: syscall.EIO}, model.EIO, "err.db.io"},
		{sqlite3.Error{Code: sqlite3.ErrReadonly, ExtendedCode: sqlite3.ErrReadonlyDbMoved}, model.EGONE, "err.db.gone"},
		{sqlite3.Error{Code: sqlite3.ErrBusy}, model.ECONFLICT, "err.db.busy"},
		{sqlite3.Error{Code: sqlite3.ErrCorrupt}, model.ECORRUPT, "err.db.corrupt"},
	} {
		err := db.Bulk(context.Background(), func(*sql.Tx) error { return c.err })
		var e *model.Error
		if !errors.As(err, &e) || e.Code != c.code || e.Key != c.key || !strings.Contains(e.Message, db.Path) {
			t.Errorf("%v: %#v, want %s %s naming the file", c.err, err, c.code, c.key)
		}
	}
}

// TestChanges sees a write by another connection, as another process
// would make it, and this process's own; not a draft.
func TestChanges(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "live.db")
	a := datatest.OpenNew(t, path, data.Options{})
	b, err := data.Open(path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	before := a.Changes()
	a.LookNow()
	if a.Changes() != before {
		t.Fatal("changes without a write")
	}
	MustCreateStaff(t, b, "佐藤 一郎", koriyama, "総務部 人事課")
	a.LookNow() // Changes reads data_version at most every 150 ms
	if a.Changes() == before {
		t.Fatal("a write by another connection went unnoticed")
	}
	own := b.Changes()
	staff := MustCreateStaff(t, b, "高橋 花", koriyama, "市民部 市民課")
	if b.Changes() == own {
		t.Fatal("an own write went unnoticed")
	}
	// A draft is nobody else's business: another process does not read
	// its screens again for it.
	a.LookNow()
	before = a.Changes()
	if err := b.SaveDraft(model.WithViewer(context.Background(), staff.ID), &model.Draft{Context: "reply:x", Body: "書きかけの返信"}); err != nil {
		t.Fatal(err)
	}
	a.LookNow()
	if a.Changes() != before {
		t.Fatal("a draft saved elsewhere counted as a change")
	}
}
