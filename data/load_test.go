package data_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/data/datatest"
	"hiroba/model"
)

// The writer child: the test binary run again with these variables set.
const (
	envWriter    = "HIROBA_TEST_WRITER" // "load" or "kill"
	envDB        = "HIROBA_TEST_DB"
	envShared    = "HIROBA_TEST_SHARED"
	envStaff     = "HIROBA_TEST_STAFF"
	envCommunity = "HIROBA_TEST_COMMUNITY"
	envWrites    = "HIROBA_TEST_WRITES"
	// HIROBA_LOAD_WRITES sets the writes per process of TestLoad, and
	// HIROBA_KILLS the kills of TestKilledWriter in WAL mode (and 2/5 of
	// it in network-share mode); the defaults keep the tests short on a
	// small machine.
	envLoadWrites = "HIROBA_LOAD_WRITES"
	envKills      = "HIROBA_KILLS"
)

// TestHelperWriter is not a test: it is the writing process of TestLoad
// and TestKilledWriter. It posts threads and replies as one staff member,
// reading between writes, and prints "post ID" after each commit and
// "draft N" after each saved draft. It stops at the first error.
func TestHelperWriter(t *testing.T) {
	mode := os.Getenv(envWriter)
	if mode == "" {
		t.Skip("run by TestLoad and TestKilledWriter")
	}
	out := bufio.NewWriter(os.Stdout)
	fail := func(err error) {
		fmt.Fprintf(out, "error %v\n", err)
		out.Flush()
		os.Exit(3)
	}
	db, err := data.Open(os.Getenv(envDB), data.Options{Shared: os.Getenv(envShared) == "1"})
	if err != nil {
		fail(err)
	}
	ctx := model.WithViewer(context.Background(), os.Getenv(envStaff))
	community := os.Getenv(envCommunity)
	writes, _ := strconv.Atoi(os.Getenv(envWrites))
	var mine []string
	for i := 0; writes <= 0 || i < writes; i++ {
		if mode == "kill" {
			// The draft of what is being typed, saved before the post.
			d := &model.Draft{Context: "reply:load", Body: fmt.Sprintf("書きかけの返信 %d", i)}
			if err := db.SaveDraft(ctx, d); err != nil {
				fail(err)
			}
			fmt.Fprintf(out, "draft %d\n", i)
			out.Flush()
		}
		var id string
		if len(mine) == 0 || i%5 == 0 {
			th := &model.Thread{CommunityID: community, Kind: model.KindQuestion,
				Title: fmt.Sprintf("負荷試験の相談 %d", i), Body: "窓口の問い合わせ記録はどう残していますか。"}
			err = db.CreateThread(ctx, th)
			id = th.ID
			if err == nil {
				mine = append(mine, th.ID)
			}
		} else {
			r := &model.Reply{ThreadID: mine[rand.IntN(len(mine))], Body: fmt.Sprintf("うちでは台帳に記録しています (%d)", i)}
			err = db.CreateReply(ctx, r)
			id = r.ID
		}
		if err != nil {
			fail(err)
		}
		fmt.Fprintf(out, "post %s\n", id)
		if mode == "kill" {
			out.Flush()
		}
		// Reads between writes, as a person browsing would.
		if _, _, err := db.FindThreads(ctx, model.ThreadFilter{Limit: 20}); err != nil {
			fail(err)
		}
		if _, err := db.ThreadByID(ctx, mine[len(mine)-1]); err != nil {
			fail(err)
		}
	}
	out.Flush()
	db.Close()
	os.Exit(0)
}

// writerSetup makes a database with one open community and n staff members
// who joined it.
func writerSetup(t *testing.T, path string, shared bool, n int) (community string, staff []string) {
	t.Helper()
	db := datatest.OpenNew(t, path, data.Options{Shared: shared})
	defer db.Close()
	for i := 0; i < n; i++ {
		s := MustCreateStaff(t, db, fmt.Sprintf("職員 %d", i+1), koriyama, "総務部 総務課")
		staff = append(staff, s.ID)
		if i == 0 {
			community = MustCreateCommunity(t, db, as(s), "庶務担当者の会", model.CategoryLearning, "", model.VisibilityOpen).ID
		} else if err := db.Join(as(s), community); err != nil {
			t.Fatal(err)
		}
	}
	return community, staff
}

func writerCmd(path string, shared bool, mode, staff, community string, writes int) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriter$", "-test.count=1")
	sh := "0"
	if shared {
		sh = "1"
	}
	cmd.Env = append(os.Environ(), envWriter+"="+mode, envDB+"="+path, envShared+"="+sh,
		envStaff+"="+staff, envCommunity+"="+community, envWrites+"="+strconv.Itoa(writes))
	return cmd
}

// postsAll checks that every id is a thread or a reply in the database and
// that the file is sound. unreported is how many posts may have been
// committed without the writer living to report them (one per kill).
func postsAll(t *testing.T, path string, ids []string, unreported int) {
	t.Helper()
	db, err := data.Open(path, data.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lines, err := db.IntegrityCheck(context.Background())
	if err != nil || len(lines) != 1 || lines[0] != "ok" {
		t.Fatalf("integrity_check: %v %v", lines, err)
	}
	have := map[string]bool{}
	for _, q := range []string{`SELECT id FROM threads`, `SELECT id FROM replies`} {
		rows, err := data.QueryStrings(db, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range rows {
			have[id] = true
		}
	}
	missing := 0
	for _, id := range ids {
		if !have[id] {
			missing++
		}
	}
	if missing > 0 || len(have) < len(ids) || len(have) > len(ids)+unreported {
		t.Fatalf("%d of %d committed posts missing; the file has %d", missing, len(ids), len(have))
	}
}

// TestLoad runs 8 writing processes of 24 posts each at once on one file,
// in WAL mode and in network-share mode at the same time, each reading
// between its writes: no write fails (busy is waited for inside the data
// layer), all 192 are there afterwards, none twice, and the file checks
// ok. HIROBA_LOAD_WRITES=500 runs 8x500. Run it while the machine is busy
// (stress -c 2) to see that the waiting is long enough.
func TestLoad(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("16 processes writing at once: not with -short")
	}
	writes := 24
	if n, err := strconv.Atoi(os.Getenv(envLoadWrites)); err == nil && n > 0 {
		writes = n
	}
	const procs = 8
	for _, shared := range []bool{false, true} {
		t.Run(map[bool]string{false: "WAL", true: "Shared"}[shared], func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "load.db")
			community, staff := writerSetup(t, path, shared, procs)
			start := time.Now()
			var mu sync.Mutex
			var ids []string
			var wg sync.WaitGroup
			for p := 0; p < procs; p++ {
				wg.Add(1)
				go func(p int) {
					defer wg.Done()
					out, err := writerCmd(path, shared, "load", staff[p], community, writes).Output()
					var mine []string
					for _, l := range strings.Split(string(out), "\n") {
						if id, ok := strings.CutPrefix(l, "post "); ok {
							mine = append(mine, id)
						} else if strings.HasPrefix(l, "error ") {
							t.Errorf("process %d: %s", p, l)
						}
					}
					if err != nil {
						t.Errorf("process %d: %v", p, err)
					}
					if len(mine) != writes {
						t.Errorf("process %d committed %d of %d writes", p, len(mine), writes)
					}
					mu.Lock()
					ids = append(ids, mine...)
					mu.Unlock()
				}(p)
			}
			wg.Wait()
			elapsed := time.Since(start)
			postsAll(t, path, ids, 0)
			t.Logf("%d processes x %d writes: %v (%.0f writes/s)", procs, writes, elapsed.Round(time.Millisecond), float64(len(ids))/elapsed.Seconds())
		})
	}
}

// TestKilledWriter kills a writing process with SIGKILL at random moments,
// 15 times in WAL mode and 6 in network-share mode (HIROBA_KILLS=50 for
// 50 and 20), on the same file each: the file opens and checks ok, every
// post the process reported as committed is there, and its last saved
// draft can be read back.
func TestKilledWriter(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("21 processes killed: not with -short")
	}
	for _, c := range []struct {
		shared bool
		kills  int
	}{{false, 15}, {true, 6}} {
		t.Run(map[bool]string{false: "WAL", true: "Shared"}[c.shared], func(t *testing.T) {
			t.Parallel()
			if n, err := strconv.Atoi(os.Getenv(envKills)); err == nil && n > 0 {
				c.kills = map[bool]int{false: n, true: max(n*2/5, 1)}[c.shared]
			}
			path := filepath.Join(t.TempDir(), "kill.db")
			community, staff := writerSetup(t, path, c.shared, 1)
			var ids []string
			for k := 0; k < c.kills; k++ {
				cmd := writerCmd(path, c.shared, "kill", staff[0], community, 0)
				stdout, err := cmd.StdoutPipe()
				if err != nil {
					t.Fatal(err)
				}
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				lastDraft := -1
				// Kill after a random number of posts, so that the kill
				// lands anywhere in a write.
				after := 1 + rand.IntN(12)
				sc := bufio.NewScanner(stdout)
				posts := 0
				for sc.Scan() {
					l := sc.Text()
					if id, ok := strings.CutPrefix(l, "post "); ok {
						ids = append(ids, id)
						posts++
						if posts == after {
							time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
							cmd.Process.Signal(syscall.SIGKILL)
						}
					} else if n, ok := strings.CutPrefix(l, "draft "); ok {
						lastDraft, _ = strconv.Atoi(n)
					} else if strings.HasPrefix(l, "error ") {
						t.Fatalf("kill %d: %s", k, l)
					}
				}
				cmd.Wait()
				if st := cmd.ProcessState; st == nil || st.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
					t.Fatalf("kill %d: the writer was not killed: %v", k, cmd.ProcessState)
				}
				// The draft saved last before the kill is there (or a later
				// one whose save finished as the process died).
				db, err := data.Open(path, data.Options{Shared: c.shared})
				if err != nil {
					t.Fatalf("kill %d: %v", k, err)
				}
				d, err := db.DraftByContext(model.WithViewer(context.Background(), staff[0]), "reply:load")
				db.Close()
				if err != nil {
					t.Fatalf("kill %d: draft: %v", k, err)
				}
				var n int
				fmt.Sscanf(d.Body, "書きかけの返信 %d", &n)
				if n < lastDraft {
					t.Fatalf("kill %d: draft %q, but %d was saved", k, d.Body, lastDraft)
				}
			}
			postsAll(t, path, ids, c.kills)
			t.Logf("%d kills, %d committed posts all present", c.kills, len(ids))
		})
	}
}
