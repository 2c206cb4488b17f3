package data_test

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"hiroba/data"
)

func TestProfiles(t *testing.T) {
	t.Run("RoundTrip", func(t *testing.T) {
		dir := t.TempDir()
		p := data.Profiles{Path: filepath.Join(dir, "設定", "hiroba", "profiles.json")}
		koriyamaDB := filepath.Join(dir, "郡山市.db")
		drillDB := filepath.Join(dir, "避難訓練.db")
		if got := p.Get(koriyamaDB); got != "" {
			t.Fatalf("before Set: %q", got)
		}
		if err := p.Set(koriyamaDB, "01HANAKO00000000000000000A"); err != nil {
			t.Fatal(err)
		}
		if err := p.Set(drillDB, "01JIRO0000000000000000000B"); err != nil {
			t.Fatal(err)
		}
		if got := p.Get(koriyamaDB); got != "01HANAKO00000000000000000A" {
			t.Fatalf("got %q", got)
		}
		if got := p.Get(drillDB); got != "01JIRO0000000000000000000B" {
			t.Fatalf("got %q", got)
		}
		if err := p.Set(koriyamaDB, "01SABURO000000000000000000"); err != nil {
			t.Fatal(err)
		}
		if got := p.Get(koriyamaDB); got != "01SABURO000000000000000000" {
			t.Fatalf("after overwrite %q", got)
		}
		if got := p.Get(drillDB); got != "01JIRO0000000000000000000B" {
			t.Fatalf("other database forgotten: %q", got)
		}
		entries, _ := os.ReadDir(filepath.Dir(p.Path))
		if len(entries) != 1 {
			t.Fatalf("temporary files left: %v", entries)
		}
		if runtime.GOOS != "windows" {
			st, err := os.Stat(filepath.Dir(p.Path))
			if err != nil || st.Mode().Perm() != 0o700 {
				t.Fatalf("folder mode %v %v", st.Mode(), err)
			}
		}
	})
	t.Run("RelativePathIsAbsolute", func(t *testing.T) {
		dir := t.TempDir()
		t.Chdir(dir)
		p := data.Profiles{Path: filepath.Join(dir, "profiles.json")}
		if err := p.Set("hiroba.db", "01HANAKO00000000000000000A"); err != nil {
			t.Fatal(err)
		}
		if got := p.Get(filepath.Join(dir, "hiroba.db")); got != "01HANAKO00000000000000000A" {
			t.Fatalf("got %q", got)
		}
	})
	t.Run("Forget", func(t *testing.T) {
		p := data.Profiles{Path: filepath.Join(t.TempDir(), "profiles.json")}
		p.Set("/srv/hiroba.db", "01HANAKO00000000000000000A")
		if err := p.Set("/srv/hiroba.db", ""); err != nil {
			t.Fatal(err)
		}
		if got := p.Get("/srv/hiroba.db"); got != "" {
			t.Fatalf("got %q", got)
		}
	})
	t.Run("ErrBrokenFile", func(t *testing.T) {
		p := data.Profiles{Path: filepath.Join(t.TempDir(), "profiles.json")}
		os.WriteFile(p.Path, []byte("{壊れた"), 0o600)
		if got := p.Get("/srv/hiroba.db"); got != "" {
			t.Fatalf("got %q", got)
		}
		if err := p.Set("/srv/hiroba.db", "01HANAKO00000000000000000A"); err == nil {
			t.Fatal("a broken file was overwritten")
		}
	})
	t.Run("DefaultPath", func(t *testing.T) {
		t.Setenv("XDG_CONFIG_HOME", "/tmp/xdg")
		if got := data.DefaultProfilesPath(); got != filepath.Join("/tmp/xdg", "hiroba", "profiles.json") {
			t.Fatalf("got %q", got)
		}
		t.Setenv("XDG_CONFIG_HOME", "")
		home, err := os.UserHomeDir()
		if err != nil {
			t.Skip("no home folder")
		}
		if got := data.DefaultProfilesPath(); got != filepath.Join(home, ".config", "hiroba", "profiles.json") {
			t.Fatalf("got %q", got)
		}
	})
}
