package node_test

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/model"
)

var faultRounds = flag.Int("fault-rounds", 4, "how many times TestWritesSurviveLostLeaders kills the leader (and freezes it once more)")

// writeOutcome is what the fault test's writers saw.
type writeOutcome struct {
	mu                              sync.Mutex
	attempted, acknowledged, unsure int
	refused                         map[string]error // body: why
	acked                           []string         // bodies
	longest                         time.Duration    // the longest a write took to be answered
	lastAck                         time.Time
	longestGap                      time.Duration // the longest time with no write acknowledged
}

func (o *writeOutcome) record(body string, took time.Duration, err error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.attempted++
	o.longest = max(o.longest, took)
	if err != nil {
		o.refused[body] = err
		return
	}
	o.acknowledged++
	o.acked = append(o.acked, body)
	now := time.Now()
	if !o.lastAck.IsZero() {
		o.longestGap = max(o.longestGap, now.Sub(o.lastAck))
	}
	o.lastAck = now
}

// In the spirit of Jepsen: writers post replies through different nodes
// of a cluster of three processes while the leader is killed with
// SIGKILL and started again, round after round, and once frozen
// (SIGSTOP) for longer than a reply may take. Afterwards every reply that
// was acknowledged is on every node exactly once, no reply is there
// twice, the thread's reply count is the number of its replies, and
// PRAGMA integrity_check is ok on each node's copy.
//
//	go test -tags libsqlite3 -run TestWritesSurviveLostLeaders -v ./node -fault-rounds 10
func TestWritesSurviveLostLeaders(t *testing.T) {
	c := startProcesses(t, 3)
	setup := c.open(0)
	me, th := thread(t, setup)
	out := &writeOutcome{refused: map[string]error{}}
	stop := make(chan struct{})
	var writers sync.WaitGroup
	for w := range 4 {
		db := c.open(w % 3) // each writer asks a different node first
		writers.Add(1)
		go func() {
			defer writers.Done()
			ctx := model.WithViewer(context.Background(), me.ID)
			for k := 0; ; k++ {
				select {
				case <-stop:
					return
				default:
				}
				body := fmt.Sprintf("writer %d, reply %d", w, k)
				start := time.Now()
				err := db.CreateReply(ctx, &model.Reply{ThreadID: th.ID, Body: body})
				out.record(body, time.Since(start), err)
			}
		}()
	}
	time.Sleep(2 * time.Second)
	for round := range *faultRounds + 1 {
		leader := c.leader()
		if round == *faultRounds {
			// Frozen, not dead: its connections stay open and answer
			// nothing; the deadlines on every reply end the wait.
			leader.signal(syscall.SIGSTOP)
			time.Sleep(8 * time.Second)
			leader.signal(syscall.SIGCONT)
		} else {
			leader.kill()
			time.Sleep(3 * time.Second)
			c.start(leader)
		}
		time.Sleep(2 * time.Second)
	}
	close(stop)
	writers.Wait()

	for body, err := range out.refused {
		var e *model.Error
		if errors.As(err, &e) && e.Key == "err.cluster.unsure" {
			out.unsure++
		}
		t.Logf("refused %q: %v", body, err)
	}
	// Every node catches up; then each one's copy is read.
	cl := c.client(0)
	waitFor(t, time.Minute, "every node caught up", func() bool {
		status, err := cl.Status(context.Background())
		if err != nil {
			return false
		}
		for _, n := range status {
			if !n.Reachable || n.Behind != 0 {
				return false
			}
		}
		return len(status) == 3
	})
	lost, duplicated := 0, 0
	for _, p := range c.nodes {
		path, err := cl.CopyOf(context.Background(), p.addr)
		if err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(filepath.Dir(path))
		counts, replyCount := repliesIn(t, path, th.ID)
		total := 0
		for body, n := range counts {
			total += n
			if n > 1 {
				duplicated++
				t.Errorf("%s: %q is there %d times", p.addr, body, n)
			}
		}
		for _, body := range out.acked {
			if counts[body] == 0 {
				lost++
				t.Errorf("%s: acknowledged %q is not there", p.addr, body)
			}
		}
		if replyCount != total {
			t.Errorf("%s: the thread counts %d replies and has %d", p.addr, replyCount, total)
		}
		copyDB, err := data.Open(path, data.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		lines, err := copyDB.IntegrityCheck(context.Background())
		copyDB.Close()
		if err != nil || strings.Join(lines, "") != "ok" {
			t.Errorf("%s: integrity_check %v %v", p.addr, lines, err)
		}
	}
	t.Logf("%d leaders killed and restarted, 1 frozen for 8 s: writes attempted %d, acknowledged %d, refused %d (%d of them perhaps saved), lost %d, duplicated %d; longest write %s, longest time without an acknowledged write %s",
		*faultRounds, out.attempted, out.acknowledged, len(out.refused), out.unsure, lost, duplicated,
		out.longest.Round(time.Millisecond), out.longestGap.Round(time.Millisecond))
	if out.acknowledged < out.attempted/2 {
		t.Errorf("only %d of %d writes acknowledged", out.acknowledged, out.attempted)
	}
}

// repliesIn counts the replies of thread in the file at path by body,
// and reads the thread's own count.
func repliesIn(t testing.TB, path, thread string) (map[string]int, int) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT body, count(*) FROM replies WHERE thread_id = ? GROUP BY body`, thread)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	counts := map[string]int{}
	for rows.Next() {
		var body string
		var n int
		if err := rows.Scan(&body, &n); err != nil {
			t.Fatal(err)
		}
		counts[body] = n
	}
	var replyCount int
	if err := db.QueryRow(`SELECT reply_count FROM threads WHERE id = ?`, thread).Scan(&replyCount); err != nil {
		t.Fatal(err)
	}
	return counts, replyCount
}
