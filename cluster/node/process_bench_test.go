package node_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"hiroba/data/seed"
	"hiroba/internal/sshload"
	"hiroba/model"
)

// BenchmarkFailover kills the leader of a cluster of three processes with
// SIGKILL while a writer posts replies, and times how long after the kill
// the next write is committed (it began after the kill, so the new leader
// committed it), then starts the old leader again. p50 and the worst over
// the rounds, in milliseconds.
//
//	go test -tags libsqlite3 -run '^$' -bench BenchmarkFailover -benchtime 5x ./node
func BenchmarkFailover(b *testing.B) {
	c := startProcesses(b, 3)
	db := c.open(1)
	me, th := thread(b, db)
	ctx := model.WithViewer(context.Background(), me.ID)
	var committed atomic.Int64 // when the last write that began after killedAt was acknowledged (UnixNano)
	var killedAt atomic.Int64
	stop := make(chan struct{})
	var writer sync.WaitGroup
	writer.Add(1)
	go func() {
		defer writer.Done()
		for k := 0; ; k++ {
			select {
			case <-stop:
				return
			default:
			}
			began := time.Now().UnixNano()
			if err := db.CreateReply(ctx, &model.Reply{ThreadID: th.ID, Body: fmt.Sprintf("書き込み %d", k)}); err == nil && began > killedAt.Load() {
				committed.CompareAndSwap(0, time.Now().UnixNano())
			}
		}
	}()
	var took []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		leader := c.leader()
		committed.Store(0)
		killedAt.Store(time.Now().UnixNano())
		leader.kill()
		for committed.Load() == 0 {
			time.Sleep(5 * time.Millisecond)
		}
		took = append(took, time.Duration(committed.Load()-killedAt.Load()))
		c.start(leader)
		time.Sleep(2 * time.Second)
	}
	b.StopTimer()
	close(stop)
	writer.Wait()
	sshload.Report(b, took, "failovers")
}

// BenchmarkServe50SessionsOverThreeNodes is cli's BenchmarkServe50Sessions
// on a cluster: fifty SSH sessions spread over three node processes, each
// browsing and now and then posting a reply that every other session, on
// its own node, then shows live. It reports the time from a key press to
// the first screen update the key caused, and each node's memory (RSS)
// and folder (raft log and snapshots) afterwards.
//
//	go test -tags libsqlite3 -run '^$' -bench BenchmarkServe50SessionsOverThreeNodes -benchtime 1x ./node
func BenchmarkServe50SessionsOverThreeNodes(b *testing.B) {
	const sessions, actions = 50, 30
	c := startProcesses(b, 3)
	db := c.open(0)
	// The demo's communities and threads, for the cursor to move over.
	if _, err := seed.Demo(context.Background(), db, time.Now()); err != nil {
		b.Fatal(err)
	}
	people, th := sshload.Audience(b, db, sessions)
	var addrs []string
	for _, n := range c.nodes {
		addrs = append(addrs, n.ssh)
	}
	b.ResetTimer()
	var all []time.Duration
	for n := 0; n < b.N; n++ {
		keys, _ := sshload.Browse(b, addrs, db, people, th, actions)
		all = append(all, keys...)
	}
	b.StopTimer()
	sshload.Report(b, all, "keys")
	var rss, dir float64
	for _, p := range c.nodes {
		rss = max(rss, residentMB(p))
		dir = max(dir, folderMB(p.dir))
	}
	b.ReportMetric(rss, "node-rss-MB")
	b.ReportMetric(dir, "node-folder-MB")
}

// residentMB is the node process's resident memory, in megabytes.
func residentMB(p *nodeProcess) float64 {
	p.mu.Lock()
	pid := p.cmd.Process.Pid
	p.mu.Unlock()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// folderMB is what the files of dir take, in megabytes.
func folderMB(dir string) float64 {
	var total int64
	filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			total += info.Size()
		}
		return nil
	})
	return float64(total) / (1 << 20)
}
