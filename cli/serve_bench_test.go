package cli

import (
	"testing"
	"time"

	"hiroba/internal/sshload"
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
	people, thread := sshload.Audience(b, db, sessions)
	b.ResetTimer()
	var all []time.Duration
	posts := 0
	for n := 0; n < b.N; n++ {
		keys, posted := sshload.Browse(b, []string{addr}, db, people, thread, actions)
		all, posts = append(all, keys...), posts+posted
	}
	b.StopTimer()
	sshload.Report(b, all, "keys")
	b.ReportMetric(float64(posts), "posts")
}
