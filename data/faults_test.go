package data_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"hiroba/data"
	"hiroba/data/datatest"
	"hiroba/data/faultfs"
	"hiroba/internal/memtmp"
	"hiroba/model"
)

// faultWorld is a database with one staff member and one community, at
// path, closed; open it with openFault.
type faultWorld struct {
	path      string
	staff     string
	community string
}

func newFaultWorld(t *testing.T, dir string) *faultWorld {
	t.Helper()
	w := &faultWorld{path: filepath.Join(dir, "hiroba.db")}
	db := datatest.OpenNew(t, w.path, data.Options{})
	s := MustCreateStaff(t, db, "安積 花子", koriyama, "総務課")
	w.staff = s.ID
	w.community = MustCreateCommunity(t, db, as(s), "庶務担当者の会", model.CategoryLearning, "", model.VisibilityOpen).ID
	mustPost(t, db, as(s), w.community, "照会の回答管理", "庶務の照会は一覧表で管理しています。", false)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *faultWorld) post(db *data.DB, body string) error {
	ctx := model.WithViewer(context.Background(), w.staff)
	return db.CreateThread(ctx, &model.Thread{CommunityID: w.community, Kind: model.KindQuestion, Title: "書きかけの相談", Body: body})
}

// wantKeyed checks that err is a model error of code and key whose
// message names the file.
func wantKeyed(t *testing.T, err error, code, key, path string) {
	t.Helper()
	var e *model.Error
	if !errors.As(err, &e) || e.Code != code || e.Key != key {
		t.Fatalf("err %#v, want %s (%s)", err, code, key)
	}
	if !strings.Contains(e.Message, path) {
		t.Fatalf("%q does not name %s", e.Message, path)
	}
}

// TestFileGoneUnderARunningProgram: the database file removed, moved
// away or replaced by another while hiroba has it open: the next write
// is refused with EGONE naming the file, and nothing is written, neither
// to a new file at the path nor to the file moved away or put in its
// place.
func TestFileGoneUnderARunningProgram(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		do   func(t *testing.T, w *faultWorld)
	}{
		{"Removed", func(t *testing.T, w *faultWorld) {
			if err := os.Remove(w.path); err != nil {
				t.Fatal(err)
			}
		}},
		{"Moved", func(t *testing.T, w *faultWorld) {
			if err := os.Rename(w.path, w.path+".moved"); err != nil {
				t.Fatal(err)
			}
		}},
		{"Replaced", func(t *testing.T, w *faultWorld) {
			other := newFaultWorld(t, t.TempDir())
			if err := os.Rename(other.path, w.path); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			w := newFaultWorld(t, dir)
			db, err := data.Open(w.path, data.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := w.post(db, "消える前の一通目"); err != nil {
				t.Fatal(err)
			}
			c.do(t, w)
			refused := "消えたファイルへの二通目"
			wantKeyed(t, w.post(db, refused), model.EGONE, "err.db.gone", w.path)
			db.Close()
			// Not in the file moved away or put in its place, nor in a
			// journal or a new file beside them.
			if in := faultfs.FilesContaining(t, dir, refused); len(in) > 0 {
				t.Fatalf("the refused post was written to %v", in)
			}
			if c.name == "Removed" {
				if _, err := os.Stat(w.path); !errors.Is(err, os.ErrNotExist) {
					t.Fatalf("a file appeared at %s: %v", w.path, err)
				}
			}
		})
	}
}

// TestTamperedMigrations: a schema_migrations table edited by hand is
// refused at opening with ECORRUPT (err.db.migrations_tampered), and the
// file is left as it was.
func TestTamperedMigrations(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ name, edit string }{
		// The record of a migration lost: running it again would meet its
		// own tables.
		{"RowDeleted", `DELETE FROM schema_migrations WHERE version = 2`},
		// Every migration recorded, but what one made is gone.
		{"ObjectMissing", `DROP TABLE search_old`},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := newFaultWorld(t, t.TempDir())
			raw, err := sql.Open("sqlite3", w.path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := raw.Exec(c.edit); err != nil {
				t.Fatal(err)
			}
			raw.Close()
			before, _ := os.ReadFile(w.path)
			_, err = data.Open(w.path, data.Options{})
			wantKeyed(t, err, model.ECORRUPT, "err.db.migrations_tampered", w.path)
			if after, _ := os.ReadFile(w.path); !bytes.Equal(before, after) {
				t.Fatal("the file was changed")
			}
		})
	}
}

// TestDamagedFile: a file whose pages were overwritten is refused with
// ECORRUPT naming it, and left as it was.
func TestDamagedFile(t *testing.T) {
	t.Parallel()
	w := newFaultWorld(t, t.TempDir())
	b, err := os.ReadFile(w.path)
	if err != nil {
		t.Fatal(err)
	}
	// Keep the header, overwrite the first page's b-tree and the rest.
	for i := 100; i < len(b); i++ {
		b[i] = 0xA5
	}
	if err := os.WriteFile(w.path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = data.Open(w.path, data.Options{})
	var e *model.Error
	if !errors.As(err, &e) || e.Code != model.ECORRUPT || e.Key == "" || !strings.Contains(e.Message, w.path) {
		t.Fatalf("err %#v, want a keyed corrupt error naming the file", err)
	}
	if after, _ := os.ReadFile(w.path); !bytes.Equal(b, after) {
		t.Fatal("the file was changed")
	}
}

// TestDiskFull: on a full file system a post is refused with EFULL naming
// the file, and the file is sound and as it was.
func TestDiskFull(t *testing.T) {
	t.Parallel()
	dir := faultfs.MountTmpfs(t, "4m")
	w := newFaultWorld(t, dir)
	db, err := data.Open(w.path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := model.WithViewer(context.Background(), w.staff)
	count := func() int {
		_, n, err := db.FindThreads(ctx, model.ThreadFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	free := faultfs.Fill(t, dir)
	body := strings.Repeat("ディスクがいっぱいのときの相談です。", 2000)
	wantKeyed(t, w.post(db, body), model.EFULL, "err.db.disk_full", w.path)
	if after := count(); after != before {
		t.Fatalf("%d threads, had %d", after, before)
	}
	lines, err := db.IntegrityCheck(context.Background())
	if err != nil || len(lines) != 1 || lines[0] != "ok" {
		t.Fatalf("integrity_check: %v %v", lines, err)
	}
	// Space freed, the same post is saved.
	free()
	if err := w.post(db, body); err != nil {
		t.Fatalf("after space was freed: %v", err)
	}
}

// TestReadOnlyFileSystem: a database on a drive mounted read-only opens
// (for reading: it is not "no such file"), shows what it holds, and a
// write is refused with EREADONLY saying the drive is read-only.
func TestReadOnlyFileSystem(t *testing.T) {
	t.Parallel()
	dir := faultfs.MountTmpfs(t, "8m")
	w := newFaultWorld(t, dir)
	faultfs.ReadOnly(t, dir, "8m")
	db, err := data.Open(w.path, data.Options{})
	if err != nil {
		t.Fatalf("opening on a read-only drive: %v", err)
	}
	defer db.Close()
	ctx := model.WithViewer(context.Background(), w.staff)
	list, _, err := db.FindThreads(ctx, model.ThreadFilter{Limit: 10})
	if err != nil || len(list) != 1 {
		t.Fatalf("reading: %d threads, %v", len(list), err)
	}
	wantKeyed(t, w.post(db, "読み取り専用のドライブ"), model.EREADONLY, "err.db.read_only_fs", w.path)
	// A new database cannot be made there either, and says why.
	path := filepath.Join(dir, "new.db")
	_, err = data.Open(path, data.Options{})
	wantKeyed(t, err, model.EREADONLY, "err.db.read_only_fs", path)
}

// TestReadOnlyFileAndFolder: a file that may not be written, and a file
// in a folder that may not be written (SQLite keeps its journal beside
// the file), open for reading, and a write is refused with EREADONLY
// saying which. Root may write anything, so as root the writing side runs
// as the user nobody in a child process.
func TestReadOnlyFileAndFolder(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, key string
		fileMode  os.FileMode
		dirMode   os.FileMode
	}{
		{"File", "err.db.read_only_file", 0o444, 0o777},
		{"Folder", "err.db.read_only_dir", 0o666, 0o555},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "share")
			if err := os.Mkdir(dir, 0o777); err != nil {
				t.Fatal(err)
			}
			// Nobody must reach the folder.
			os.Chmod(filepath.Dir(dir), 0o755)
			os.Chmod(filepath.Dir(filepath.Dir(dir)), 0o755)
			w := newFaultWorld(t, dir)
			os.Remove(w.path + "-wal")
			os.Remove(w.path + "-shm")
			if err := os.Chmod(w.path, c.fileMode); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(dir, c.dirMode); err != nil {
				t.Fatal(err)
			}
			out := runAsNobody(t, "readonly", w)
			if want := "code " + model.EREADONLY + " key " + c.key; !strings.Contains(out, want) {
				t.Fatalf("the writer said %q, want %q", out, want)
			}
			if !strings.Contains(out, "threads 1") {
				t.Fatalf("the writer could not read: %q", out)
			}
		})
	}
}

// TestHelperFaults is not a test: it is the process TestReadOnlyFileAndFolder
// runs as nobody. It opens the database, reads, tries to post, and
// prints what happened.
func TestHelperFaults(t *testing.T) {
	t.Parallel()
	if os.Getenv(envWriter) != "readonly" {
		t.Skip("run by TestReadOnlyFileAndFolder")
	}
	w := &faultWorld{path: os.Getenv(envDB), staff: os.Getenv(envStaff), community: os.Getenv(envCommunity)}
	db, err := data.Open(w.path, data.Options{})
	if err != nil {
		fmt.Printf("open %v\n", err)
		os.Exit(3)
	}
	list, _, err := db.FindThreads(model.WithViewer(context.Background(), w.staff), model.ThreadFilter{Limit: 10})
	fmt.Printf("threads %d %v\n", len(list), err)
	var e *model.Error
	if err := w.post(db, "読み取り専用のファイル"); errors.As(err, &e) {
		fmt.Printf("code %s key %s: %s\n", e.Code, e.Key, e.Message)
	} else {
		fmt.Printf("error %v\n", err)
	}
	db.Close()
	os.Exit(0)
}

// runAsNobody runs TestHelperFaults on w, as the user nobody when this
// process is root (which may write anything), and returns what it printed.
func runAsNobody(t *testing.T, mode string, w *faultWorld) string {
	t.Helper()
	bin := os.Args[0]
	cmd := exec.Command(bin, "-test.run=^TestHelperFaults$", "-test.count=1")
	if os.Geteuid() == 0 {
		// The test binary may sit in a folder nobody cannot enter; the
		// test's own folder may be in memory, where nothing may be run.
		binDir, err := os.MkdirTemp(memtmp.Disk(), "hiroba-nobody-")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.RemoveAll(binDir) })
		os.Chmod(binDir, 0o755)
		copyBin := filepath.Join(binDir, "hiroba.test")
		in, err := os.Open(bin)
		if err != nil {
			t.Fatal(err)
		}
		out, err := os.OpenFile(copyBin, os.O_CREATE|os.O_WRONLY, 0o755)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(out, in); err != nil {
			t.Fatal(err)
		}
		in.Close()
		out.Close()
		cmd = exec.Command(copyBin, "-test.run=^TestHelperFaults$", "-test.count=1")
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		cmd.Dir = "/"
	}
	cmd.Env = append(os.Environ(), envWriter+"="+mode, envDB+"="+w.path, envStaff+"="+w.staff,
		envCommunity+"="+w.community, "HOME=/", "GOCOVERDIR=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return string(out)
}
