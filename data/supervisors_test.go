package data_test

import (
	"strings"
	"testing"

	"hiroba/data"
	"hiroba/model"
)

func TestSupervisors(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	db := w.db

	t.Run("WhoDecides", func(t *testing.T) {
		for _, c := range []struct {
			who   *model.Staff
			scope string
			names string
		}{
			// Either supervisor of the section decides for its staff.
			{w.aoi, "財務部 財政課", "木村 恵, 熊谷 剛"},
			// A supervisor's plans go to the next one up, never to the
			// other supervisor of the same section.
			{w.kacho, "財務部", "大槻 浩二"},
			{w.hosa, "財務部", "大槻 浩二"},
			// A section without its own supervisor goes up to the 部長.
			{w.keiyaku, "財務部", "大槻 浩二"},
			// Nobody above the 部長 or anywhere in 須賀川市: the
			// administrator decides.
			{w.bucho, "", "人見 仁"},
			{w.suka, "", "人見 仁"},
		} {
			d, err := db.Deciders(as(c.who), "")
			if err != nil {
				t.Fatal(err)
			}
			if d.Scope != c.scope || staffNames(d.Staff) != c.names || d.ByAdministrators() != (c.scope == "") {
				t.Errorf("%s: scope %q by %s, want %q by %s", c.who.Name, d.Scope, staffNames(d.Staff), c.scope, c.names)
			}
		}
	})
	t.Run("EveryoneReadsTheList", func(t *testing.T) {
		list, err := db.Supervisors(as(w.ken), "")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range list {
			got = append(got, s.Scope+":"+s.Name)
		}
		want := "総務部 人事課:石川 誠 財務部:大槻 浩二 財務部 財政課:木村 恵 財務部 財政課:熊谷 剛"
		if joined := strings.Join(got, " "); joined != want {
			t.Errorf("supervisors of 郡山市:\n%s\nwant\n%s", joined, want)
		}
	})
	t.Run("ErrNotAdmin", func(t *testing.T) {
		wantKey(t, db.SetSupervisor(as(w.kacho), w.aoi.ID, true, ""), model.EFORBIDDEN, "err.activity.admin")
	})
	t.Run("ErrScopeOutsideTheirDepartment", func(t *testing.T) {
		wantKey(t, db.SetSupervisor(as(w.jinji), w.aoi.ID, true, "税務部"), model.EINVALID, "err.supervisor.scope")
		wantKey(t, db.SetSupervisor(as(w.jinji), w.aoi.ID, true, "財務部 財政"), model.EINVALID, "err.supervisor.scope")
	})
	t.Run("WholeMunicipality", func(t *testing.T) {
		// A 副市長 for the whole city: the 部長's plans go there now.
		fuku := MustCreateStaff(t, db, "片平 悟", koriyama, "市長公室")
		if err := db.SetSupervisor(as(w.jinji), fuku.ID, true, model.ScopeMunicipality); err != nil {
			t.Fatal(err)
		}
		d, _ := db.Deciders(as(w.bucho), "")
		if d.Scope != model.ScopeMunicipality || staffNames(d.Staff) != "片平 悟" {
			t.Errorf("the 部長's plans go to %q %s", d.Scope, staffNames(d.Staff))
		}
		if err := db.SetSupervisor(as(w.jinji), fuku.ID, false, ""); err != nil {
			t.Fatal(err)
		}
		if d, _ := db.Deciders(as(w.bucho), ""); d.Scope != "" {
			t.Errorf("after unmarking, the 部長's plans go to %q", d.Scope)
		}
	})
	t.Run("TransferEndsTheMark", func(t *testing.T) {
		w := newActivityWorld(t)
		if err := w.db.TransferStaff(as(w.jinji), w.hosa.ID, koriyama, "税務部 収納課"); err != nil {
			t.Fatal(err)
		}
		list, _ := w.db.Supervisors(as(w.aoi), koriyama)
		for _, s := range list {
			if s.ID == w.hosa.ID && !s.Lapsed {
				t.Error("a supervisor who moved still decides for their old section")
			}
		}
		if d, _ := w.db.Deciders(as(w.aoi), ""); staffNames(d.Staff) != "熊谷 剛" {
			t.Errorf("after the 課長補佐 moved, 財政課 is decided by %s", staffNames(d.Staff))
		}
	})
	t.Run("ErrTransferByMember", func(t *testing.T) {
		wantKey(t, db.TransferStaff(as(w.aoi), w.aoi.ID, koriyama, "総務部 人事課"), model.EFORBIDDEN, "err.activity.admin")
	})
}

// The reporting line is what the fellow programmes keep fellows out of.
func TestSupervisorLines(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	lines, err := data.SupervisorLines(w.db, []string{w.aoi.ID, w.kacho.ID, w.keiyaku.ID, w.bucho.ID, w.suka.ID})
	if err != nil {
		t.Fatal(err)
	}
	name := map[string]string{}
	for _, s := range []*model.Staff{w.kacho, w.hosa, w.bucho} {
		name[s.ID] = s.Name
	}
	got := func(s *model.Staff) string {
		var out []string
		for _, id := range lines[s.ID] {
			out = append(out, name[id])
		}
		return strings.Join(out, " ")
	}
	for _, c := range []struct {
		who  *model.Staff
		want string
	}{
		// Both supervisors of the section decide; the 部長 comes after.
		{w.aoi, "熊谷 剛 木村 恵 大槻 浩二"},
		{w.kacho, "大槻 浩二"},
		{w.keiyaku, "大槻 浩二"},
		{w.bucho, ""},
		{w.suka, ""},
	} {
		if line := got(c.who); line != c.want {
			t.Errorf("%s's reporting line: %q, want %q", c.who.Name, got(c.who), c.want)
		}
	}
}

func TestDailyMinutes(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	db := w.db
	wantKey(t, db.SetDailyMinutes(as(w.kacho), koriyama, 8*60), model.EFORBIDDEN, "err.activity.admin")
	wantKey(t, db.SetDailyMinutes(as(w.jinji), koriyama, 30), model.EINVALID, "err.workhours.range")
	if err := db.SetDailyMinutes(as(w.jinji), koriyama, 8*60); err != nil {
		t.Fatal(err)
	}
	l, err := db.Ledger(as(w.aoi), "", model.Date(2027, 4, 1))
	if err != nil {
		t.Fatal(err)
	}
	// April 2027 has 21 working days; 20% of 8 hours is 96 minutes.
	if l.DailyMinutes != 480 || l.Month.Cap != 21*96 {
		t.Errorf("with an 8-hour day: day %d, April cap %d", l.DailyMinutes, l.Month.Cap)
	}
	if m, _ := db.DailyMinutes(as(w.suka), ""); m != model.DefaultDailyMinutes {
		t.Errorf("須賀川市 works %d minutes a day, want the default", m)
	}
	if err := db.SetDailyMinutes(as(w.jinji), koriyama, 0); err != nil {
		t.Fatal(err)
	}
	if m, _ := db.DailyMinutes(as(w.aoi), ""); m != model.DefaultDailyMinutes {
		t.Errorf("after restoring, %d minutes", m)
	}
}
