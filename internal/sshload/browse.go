package sshload

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"hiroba/data"
	"hiroba/model"
)

// Person is the staff member of one session.
type Person struct {
	Key  gossh.Signer
	ID   string
	Name string
}

// Browse opens a session for each person at once, person i's on
// addrs[i % len(addrs)], waits until each shows its person's name and
// municipality, and has each act actions times, 150 to 400 ms apart:
// pressing keys (moving the cursor, switching tabs) and, every tenth
// action, replying to thread through db, which the other sessions then
// show live. It returns the time from each key press to the first screen
// update that answered it, and how many replies were posted.
func Browse(tb testing.TB, addrs []string, db *data.DB, people []Person, thread *model.Thread, actions int) ([]time.Duration, int) {
	terms := make([]*Term, len(people))
	var wg sync.WaitGroup
	for i := range people {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			terms[i] = Dial(tb, addrs[i%len(addrs)], people[i].Key, nil)
		}(i)
	}
	wg.Wait()
	for i, t := range terms {
		t.Expect(people[i].Name+" 郡山市", 30*time.Second)
	}
	var mu sync.Mutex
	var all []time.Duration
	var posts atomic.Int64
	for i, t := range terms {
		wg.Add(1)
		go func(i int, t *Term) {
			defer wg.Done()
			var mine []time.Duration
			pressed := 0
			for a := 0; a < actions; a++ {
				time.Sleep(time.Duration(150+rand.IntN(250)) * time.Millisecond)
				if a%10 == 9 {
					posts.Add(1)
					if err := db.CreateReply(model.WithViewer(context.Background(), people[i].ID),
						&model.Reply{ThreadID: thread.ID, Body: fmt.Sprintf("%s の返信 %d", people[i].Name, a)}); err != nil {
						tb.Error(err)
					}
					continue
				}
				keys := []string{"j", "j", "k", "2", "1"}
				k := keys[pressed%len(keys)]
				pressed++
				// Drop what came before, then time the key's answer.
				select {
				case <-t.seen:
				default:
				}
				t.skip()
				start := time.Now()
				t.Send(k)
				want := map[string]string{"2": "相談", "1": "コミュニティ"}[k]
				// A key unanswered for 5 s counts as slow (Report); for 30 s,
				// as a session that hangs (an error). On a machine that other
				// work keeps busy, a few seconds happen.
				deadline := time.After(30 * time.Second)
			wait:
				for {
					select {
					case <-t.seen:
						if want == "" || strings.Contains(t.Text(), want) {
							break wait
						}
					case <-deadline:
						tb.Errorf("session %d: no answer to %q after %d keys:\n%s", i, k, pressed, t.Text())
						break wait
					}
				}
				mine = append(mine, time.Since(start))
				if want != "" {
					// A tab shown anew loads its list and first item: the
					// next keys act on them once they are drawn.
					t.settle(200*time.Millisecond, 5*time.Second)
				}
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		}(i, t)
	}
	wg.Wait()
	for _, t := range terms {
		t.Close()
	}
	return all, int(posts.Load())
}

// Report reports the p50, p95 and worst of durations, in milliseconds,
// and how many there were, counted as what (keys, writes...).
func Report(b *testing.B, durations []time.Duration, what string) {
	if len(durations) == 0 {
		b.Fatal("nothing measured")
	}
	sort.Slice(durations, func(i, j int) bool { return durations[i] < durations[j] })
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(durations[len(durations)/2]), "p50-ms")
	b.ReportMetric(ms(durations[len(durations)*95/100]), "p95-ms")
	b.ReportMetric(ms(durations[len(durations)-1]), "max-ms")
	b.ReportMetric(float64(len(durations)), what)
	slow := 0
	for _, d := range durations {
		if d > Slow {
			slow++
		}
	}
	b.ReportMetric(float64(slow), "slow-"+what)
}

// Slow is how long a key or write may take before Report counts it as slow.
const Slow = 5 * time.Second
