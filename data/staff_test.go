package data_test

import (
	"context"
	"database/sql"
	"strings"
	"sync"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/model"
)

// Municipalities of the migration's seed rows.
const (
	koriyama    = "01KOORIYAMA0000000000MUN01" // 郡山市
	sukagawa    = "01KOORIYAMA0000000000MUN02" // 須賀川市
	nihonmatsu  = "01KOORIYAMA0000000000MUN03" // 二本松市
	inawashiro  = "01KOORIYAMA0000000000MUN09" // 猪苗代町
	miharu      = "01KOORIYAMA0000000000MUN16" // 三春町
	municipalNo = 17
)

// tick makes the database clock start at start and advance one second per
// reading, so that every write has its own time.
func tick(db *data.DB, start time.Time) {
	var mu sync.Mutex
	now := start
	db.Now = func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now = now.Add(time.Second)
		return now
	}
}

// MustOpenTestDB is MustOpenDB with a ticking clock from 2027-01-04 09:00 JST.
func MustOpenTestDB(tb testing.TB) *data.DB {
	db := MustOpenDB(tb)
	tick(db, time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC))
	return db
}

// MustCreateStaff registers a staff member.
func MustCreateStaff(tb testing.TB, db *data.DB, name, municipalityID, department string) *model.Staff {
	tb.Helper()
	s := &model.Staff{Name: name, MunicipalityID: municipalityID, Department: department}
	if err := db.CreateStaff(context.Background(), s); err != nil {
		tb.Fatal(err)
	}
	return s
}

// as returns a context that acts as s.
func as(s *model.Staff) context.Context {
	return model.WithViewer(context.Background(), s.ID)
}

// MustExec runs statements directly, for rows no service writes yet.
func MustExec(tb testing.TB, db *data.DB, query string, args ...any) {
	tb.Helper()
	if err := db.Bulk(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(query, args...)
		return err
	}); err != nil {
		tb.Fatal(err)
	}
}

// MustQueryInt reads one number directly from the database.
func MustQueryInt(tb testing.TB, db *data.DB, query string, args ...any) int {
	tb.Helper()
	var n int
	if err := db.Bulk(context.Background(), func(tx *sql.Tx) error {
		return tx.QueryRow(query, args...).Scan(&n)
	}); err != nil {
		tb.Fatal(err)
	}
	return n
}

func wantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if got := model.ErrorCode(err); got != code {
		tb.Fatalf("error %v (code %q), want code %q", err, got, code)
	}
}

func TestMunicipalities(t *testing.T) {
	t.Parallel()
	db := MustOpenTestDB(t)
	ms, err := db.Municipalities(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != municipalNo || ms[0].Name != "郡山市" || ms[1].Name != "須賀川市" || ms[16].Name != "小野町" {
		t.Fatalf("municipalities %v", ms)
	}
}

func TestCreateStaff(t *testing.T) {
	t.Parallel()
	t.Run("OK", func(t *testing.T) {
		db := MustOpenTestDB(t)
		s := &model.Staff{Name: "安積 花子", MunicipalityID: koriyama, Department: "政策開発課"}
		if err := db.CreateStaff(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		if !model.ValidID(s.ID) || s.Municipality != "郡山市" || s.Status != model.StaffActive || s.Role != model.RoleMember || s.CreatedAt.IsZero() {
			t.Fatalf("created %+v", s)
		}
		got, err := db.StaffByID(context.Background(), s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "安積 花子" || got.Department != "政策開発課" || got.Municipality != "郡山市" || !got.CreatedAt.Equal(s.CreatedAt) {
			t.Fatalf("read back %+v", got)
		}
	})
	for _, tc := range []struct {
		name string
		s    model.Staff
	}{
		{"ErrNameRequired", model.Staff{Name: "  ", MunicipalityID: koriyama, Department: "税務課"}},
		{"ErrNameInvalidUTF8", model.Staff{Name: "安積\xff", MunicipalityID: koriyama, Department: "税務課"}},
		{"ErrNameTooLong", model.Staff{Name: strings.Repeat("長", model.MaxNameLen+1), MunicipalityID: koriyama, Department: "税務課"}},
		{"ErrDepartmentRequired", model.Staff{Name: "安積 花子", MunicipalityID: koriyama}},
		{"ErrMunicipalityRequired", model.Staff{Name: "安積 花子", Department: "税務課"}},
		{"ErrUnknownMunicipality", model.Staff{Name: "安積 花子", MunicipalityID: "01NOWHERE00000000000000000", Department: "税務課"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := MustOpenTestDB(t)
			s := tc.s
			wantCode(t, db.CreateStaff(context.Background(), &s), model.EINVALID)
			if n := MustQueryInt(t, db, `SELECT count(*) FROM staff`); n != 0 {
				t.Fatalf("%d staff saved", n)
			}
		})
	}
}

func TestFindStaff(t *testing.T) {
	t.Parallel()
	db := MustOpenTestDB(t)
	MustCreateStaff(t, db, "三春 一郎", miharu, "企画課")
	MustCreateStaff(t, db, "須賀 次郎", sukagawa, "総務課")
	MustCreateStaff(t, db, "郡 三郎", koriyama, "税務課")
	MustCreateStaff(t, db, "安積 花子", koriyama, "政策開発課")
	ctx := context.Background()

	t.Run("OrderedByMunicipalityThenName", func(t *testing.T) {
		all, err := db.FindStaff(ctx, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range all {
			got = append(got, s.Municipality+"/"+s.Name)
		}
		// 安 (U+5B89) sorts before 郡 (U+90E1) in the database's binary order.
		want := "郡山市/安積 花子,郡山市/郡 三郎,須賀川市/須賀 次郎,三春町/三春 一郎"
		if strings.Join(got, ",") != want {
			t.Fatalf("got %v, want %v", got, want)
		}
	})
	t.Run("Page", func(t *testing.T) {
		page, err := db.FindStaff(ctx, 1, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) != 2 || page[0].Name != "郡 三郎" || page[1].Name != "須賀 次郎" {
			t.Fatalf("page %+v", page)
		}
	})
}

func TestStaffByIDOrName(t *testing.T) {
	t.Parallel()
	db := MustOpenTestDB(t)
	hanako := MustCreateStaff(t, db, "安積 花子", koriyama, "政策開発課")
	MustCreateStaff(t, db, "佐藤 健", koriyama, "税務課")
	MustCreateStaff(t, db, "佐藤 健", sukagawa, "市民課")
	ctx := context.Background()

	t.Run("ByID", func(t *testing.T) {
		s, err := db.StaffByIDOrName(ctx, hanako.ID)
		if err != nil || s.ID != hanako.ID {
			t.Fatalf("%+v %v", s, err)
		}
	})
	t.Run("ByName", func(t *testing.T) {
		s, err := db.StaffByIDOrName(ctx, "安積 花子")
		if err != nil || s.ID != hanako.ID || s.Municipality != "郡山市" {
			t.Fatalf("%+v %v", s, err)
		}
	})
	t.Run("ByNameAsTyped", func(t *testing.T) {
		ken := MustCreateStaff(t, db, "Ken Sato", miharu, "総務課")
		for name, want := range map[string]string{"安積花子": hanako.ID, "安積　花子": hanako.ID, " 安積  花子 ": hanako.ID,
			"ＫＥＮ ＳＡＴＯ": ken.ID, "kensato": ken.ID} {
			s, err := db.StaffByIDOrName(ctx, name)
			if err != nil || s.ID != want {
				t.Errorf("%q: %+v %v", name, s, err)
			}
		}
	})
	t.Run("ErrAmbiguousName", func(t *testing.T) {
		_, err := db.StaffByIDOrName(ctx, "佐藤健")
		wantCode(t, err, model.ECONFLICT)
		_, err = db.StaffByIDOrName(ctx, "佐藤 健")
		wantCode(t, err, model.ECONFLICT)
		if !strings.Contains(model.ErrorMessage(err), "ID") {
			t.Fatalf("message %q does not tell to use the id", model.ErrorMessage(err))
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := db.StaffByIDOrName(ctx, "山田 太郎")
		wantCode(t, err, model.ENOTFOUND)
		_, err = db.StaffByID(ctx, "01ZZZZZZZZZZZZZZZZZZZZZZZZ")
		wantCode(t, err, model.ENOTFOUND)
	})
}
