package cli

import (
	"context"
	"log"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"hiroba/data"
	"hiroba/data/datatest"
	"hiroba/data/seed"
	"hiroba/internal/sshload"
	"hiroba/model"
)

// demoServer opens a copy of the demo, seeded once for the tests.
var demoServer = datatest.Template(data.Options{}, func(db *data.DB) error {
	_, err := seed.Demo(context.Background(), db, time.Now())
	return err
})

// startServer serves a demo database on 127.0.0.1 and returns its address.
func startServer(tb testing.TB, cfg serveConfig) (*data.DB, string, *sshload.Log) {
	tb.Helper()
	db := demoServer(tb, filepath.Join(tb.TempDir(), "server.db"), data.Options{})
	addr, logs := serveDB(tb, db, cfg)
	return db, addr, logs
}

// patience bounds every wait for the server (sshload.Patience): a test
// that passes waits only as long as the server takes.
const patience = sshload.Patience

func serveDB(tb testing.TB, db *data.DB, cfg serveConfig) (string, *sshload.Log) {
	tb.Helper()
	if cfg.maxSessions == 0 {
		cfg.maxSessions = 100
	}
	if cfg.recheck == 0 {
		// Approval and revocation show within a tenth of a second.
		cfg.recheck = 100 * time.Millisecond
	}
	logs := &sshload.Log{}
	srv, err := newServer(db, cfg, log.New(logs, "", 0))
	if err != nil {
		tb.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	go srv.ssh.Serve(ln)
	tb.Cleanup(func() { srv.ssh.Close() })
	return ln.Addr().String(), logs
}

// TestServeSignUpApproveRevoke walks one unknown key from the sign-up form
// to the content, and a revoked key to its message.
func TestServeSignUpApproveRevoke(t *testing.T) {
	t.Parallel()
	db, addr, logs := startServer(t, serveConfig{})
	ctx := data.AsOperator(context.Background())

	key := sshload.NewKey(t)
	term := sshload.Dial(t, addr, key, nil)
	// The sign-up form, with the server's lead rather than the desk's.
	term.Expect("この SSH 鍵で覚えます", patience)
	term.Send("鈴木 陽菜\r")   // name, then enter moves on
	term.Send("\r\r")      // the municipalities, to choose by typing: 郡山市, the first
	term.Send("総務部 総務課\r") // department; enter saves
	term.Expect("管理者の承認をお待ちください", patience)
	if strings.Contains(term.Text(), "産休・育休カフェ") {
		t.Fatal("content shown before approval")
	}

	s, err := db.StaffByKey(context.Background(), gossh.FingerprintSHA256(key.PublicKey()))
	if err != nil || s.Status != model.StaffPending || s.Name != "鈴木 陽菜" {
		t.Fatalf("pending staff %+v %v", s, err)
	}
	// Content stays out of reach through the data layer too.
	if _, _, err := db.FindCommunities(model.WithViewer(context.Background(), s.ID), model.CommunityFilter{}); model.ErrorCode(err) != model.EFORBIDDEN {
		t.Fatalf("pending staff read communities: %v", err)
	}
	if err := db.ApproveStaff(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	// The waiting screen turns into the app by itself.
	term.Expect("鈴木 陽菜 郡山市", patience) // the tab bar's signed-in person

	// Revoked while connected: the app gives way to the message.
	if err := db.RevokeStaff(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	term.Expect("停止されています", patience)

	// And a new connection with the key sees only the message.
	again := sshload.Dial(t, addr, key, nil)
	again.Expect("この鍵での利用は停止されています", patience)
	if txt := again.Text(); strings.Contains(txt, "はじめまして") || strings.Contains(txt, "産休") {
		t.Fatalf("revoked key saw more than the message:\n%s", txt)
	}
	again.Send("q")
	select {
	case <-again.Closed():
	case <-time.After(patience):
		t.Fatal("q did not end the session")
	}
	if l := logs.String(); !strings.Contains(l, "接続 127.0.0.1") || !strings.Contains(l, "切断") {
		t.Fatalf("server log lacks connections:\n%s", l)
	}
}

// TestServeHostKeyKept checks that a second start presents the same host
// key, so that clients do not see a changed server.
func TestServeHostKeyKept(t *testing.T) {
	t.Parallel()
	db, addr, _ := startServer(t, serveConfig{})
	var first gossh.PublicKey
	sshload.Dial(t, addr, sshload.NewKey(t), func(_ string, _ net.Addr, k gossh.PublicKey) error { first = k; return nil }).Expect("はじめまして", patience)
	addr2, _ := serveDB(t, db, serveConfig{})
	sshload.Dial(t, addr2, sshload.NewKey(t), gossh.FixedHostKey(first)).Expect("はじめまして", patience)
}

// TestServeCapsSessions turns away the session over --max-sessions.
func TestServeCapsSessions(t *testing.T) {
	t.Parallel()
	_, addr, _ := startServer(t, serveConfig{maxSessions: 1})
	sshload.Dial(t, addr, sshload.NewKey(t), nil).Expect("はじめまして", patience)
	sshload.Dial(t, addr, sshload.NewKey(t), nil).Expect("上限", patience)
}

// TestServeIdleSessionEnds closes a session nobody types in.
func TestServeIdleSessionEnds(t *testing.T) {
	t.Parallel()
	_, addr, _ := startServer(t, serveConfig{idle: 300 * time.Millisecond})
	term := sshload.Dial(t, addr, sshload.NewKey(t), nil)
	term.Expect("はじめまして", patience)
	select {
	case <-term.Closed():
	case <-time.After(patience):
		t.Fatal("idle session still open")
	}
}
