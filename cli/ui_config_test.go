package cli

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"testing"

	"hiroba/data"
	"hiroba/model"
)

// The interface starts with the person --as names and, read with them,
// the tab bar's marks: demo data, a drill copy. Started as a person by id
// (a switch in the demo), the app reads them itself.
func TestUIConfigHandsTheMarksOver(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	shared := filepath.Join(dir, "demo.db")
	db := demoServer(t, shared, data.Options{})
	staff, err := db.FindStaff(model.WithViewer(context.Background(), ""), 0, 1)
	if err != nil || len(staff) == 0 {
		t.Fatal("no staff", err)
	}
	me := staff[0]
	drill := filepath.Join(dir, "drill.hiroba")
	var out, errs bytes.Buffer
	if code := Run([]string{"snapshot", "--out", drill, "--db", shared}, nil, &out, &errs); code != 0 {
		t.Fatalf("snapshot: exit %d %s", code, errs.String())
	}
	for _, c := range []struct {
		path  string
		drill bool
	}{{shared, false}, {drill, true}} {
		db, err := data.Open(c.path, data.Options{})
		if err != nil {
			t.Fatal(err)
		}
		e := &env{options: options{db: c.path, as: me.ID}, stdout: io.Discard, stderr: io.Discard}
		cfg, err := e.uiConfig(context.Background(), db, "")
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Me == nil || cfg.Me.ID != me.ID || !cfg.Demo || (cfg.Drill != nil) != c.drill {
			t.Errorf("%s: Me %v, Demo %v, Drill %v", filepath.Base(c.path), cfg.Me, cfg.Demo, cfg.Drill)
		}
		cfg, err = e.uiConfig(context.Background(), db, me.ID)
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Me != nil || cfg.Demo || cfg.Drill != nil || cfg.StaffID != me.ID {
			t.Errorf("%s as %s: Me %v, Demo %v, Drill %v", filepath.Base(c.path), me.ID, cfg.Me, cfg.Demo, cfg.Drill)
		}
		db.Close()
	}
}
