package cli

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"hiroba/data"
	"hiroba/model"
)

// BenchmarkServe50Sessions serves the demo to 50 SSH sessions at once, each
// a person browsing (switching tabs, moving the cursor) and now and then
// posting a reply, which every other session then shows live. It reports
// the time from a key press to the first screen update the key caused:
// p50, p95 and the worst, in milliseconds, and how many keys waited more
// than 5 s (slow-keys).
//
//	go test -run '^$' -bench BenchmarkServe50Sessions -benchtime 1x ./cli
func BenchmarkServe50Sessions(b *testing.B) {
	const sessions, actions = 50, 30
	db, addr, _ := startServer(b, serveConfig{maxSessions: 100})
	op := data.AsOperator(context.Background())
	var community string
	if list, _, err := db.FindCommunities(context.Background(), model.CommunityFilter{}); err == nil {
		for _, c := range list {
			if c.Visibility == model.VisibilityOpen {
				community = c.ID
				break
			}
		}
	}
	type person struct {
		key  gossh.Signer
		id   string
		name string
	}
	people := make([]person, sessions)
	for i := range people {
		k := newKey(b)
		ks := &model.KeySignup{Staff: model.Staff{Name: fmt.Sprintf("試験 職員%02d", i), MunicipalityID: "01KOORIYAMA0000000000MUN01", Department: "総務部 総務課"},
			Fingerprint: gossh.FingerprintSHA256(k.PublicKey()), PublicKey: "bench"}
		if err := db.SignUpWithKey(context.Background(), ks); err != nil {
			b.Fatal(err)
		}
		if err := db.ApproveStaff(op, ks.ID); err != nil {
			b.Fatal(err)
		}
		people[i] = person{key: k, id: ks.ID, name: ks.Name}
	}
	thread := &model.Thread{CommunityID: community, Kind: model.KindQuestion, Title: "負荷試験のスレッド", Body: "返信をどうぞ。"}
	if err := db.CreateThread(model.WithViewer(context.Background(), people[0].id), thread); err != nil {
		b.Fatal(err)
	}

	b.ResetTimer()
	var all []time.Duration
	posts, slow := 0, 0
	for n := 0; n < b.N; n++ {
		terms := make([]*sshTerm, sessions)
		var wg sync.WaitGroup
		for i := range people {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				terms[i] = dial(b, addr, people[i].key, nil)
			}(i)
		}
		wg.Wait()
		for i, t := range terms {
			t.expect(people[i].name+" 郡山市", 30*time.Second)
		}
		var mu sync.Mutex
		for i, t := range terms {
			wg.Add(1)
			go func(i int, t *sshTerm) {
				defer wg.Done()
				ctx := model.WithViewer(context.Background(), people[i].id)
				var mine []time.Duration
				pressed := 0
				for a := 0; a < actions; a++ {
					time.Sleep(time.Duration(150+rand.IntN(250)) * time.Millisecond)
					if a%10 == 9 {
						// A post, which all the others show live.
						if err := db.CreateReply(ctx, &model.Reply{ThreadID: thread.ID, Body: fmt.Sprintf("%s の返信 %d", people[i].name, a)}); err != nil {
							b.Error(err)
						}
						mu.Lock()
						posts++
						mu.Unlock()
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
					t.mu.Lock()
					t.mark = t.out.Len()
					t.mu.Unlock()
					start := time.Now()
					t.send(k)
					want := map[string]string{"2": "相談", "1": "コミュニティ"}[k]
					// A key unanswered for 5 s counts as slow; for 30 s, as a
					// session that hangs (an error). On a machine that other
					// work keeps busy, a few seconds happen.
					deadline := time.After(30 * time.Second)
				wait:
					for {
						select {
						case <-t.seen:
							if want == "" || strings.Contains(t.text(), want) {
								break wait
							}
						case <-deadline:
							b.Errorf("session %d: no answer to %q after %d keys:\n%s", i, k, pressed, t.text())
							break wait
						}
					}
					mine = append(mine, time.Since(start))
					if time.Since(start) > 5*time.Second {
						mu.Lock()
						slow++
						mu.Unlock()
					}
					if want != "" {
						// A tab shown anew loads its list and first item:
						// the next keys act on them once they are drawn.
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
			t.close()
		}
	}
	b.StopTimer()
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	if len(all) == 0 {
		b.Fatal("nothing measured")
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(all[len(all)/2]), "p50-ms")
	b.ReportMetric(ms(all[len(all)*95/100]), "p95-ms")
	b.ReportMetric(ms(all[len(all)-1]), "max-ms")
	b.ReportMetric(float64(len(all)), "keys")
	b.ReportMetric(float64(posts), "posts")
	b.ReportMetric(float64(slow), "slow-keys")
}

// settle waits until the terminal has had no output for quiet, or until
// within has passed.
func (t *sshTerm) settle(quiet, within time.Duration) {
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		select {
		case <-t.seen:
		case <-time.After(quiet):
			return
		case <-t.closed:
			return
		}
	}
}
