package cli

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"log"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"hiroba/data"
	"hiroba/data/seed"
	"hiroba/model"
)

// startServer serves a demo database on 127.0.0.1 and returns its address.
func startServer(tb testing.TB, cfg serveConfig) (*data.DB, string, *bytes.Buffer) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "server.db")
	db, err := data.Open(path, data.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := seed.Demo(context.Background(), db, time.Now()); err != nil {
		tb.Fatal(err)
	}
	addr, logs := serveDB(tb, db, cfg)
	return db, addr, logs
}

// patience bounds every wait for the server: generous, because a busy
// machine may take seconds; a test that passes waits only as long as the
// server takes.
const patience = 60 * time.Second

func serveDB(tb testing.TB, db *data.DB, cfg serveConfig) (string, *bytes.Buffer) {
	tb.Helper()
	if cfg.maxSessions == 0 {
		cfg.maxSessions = 100
	}
	if cfg.recheck == 0 {
		// Approval and revocation show within a tenth of a second.
		cfg.recheck = 100 * time.Millisecond
	}
	logs := &lockedBuffer{}
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
	return ln.Addr().String(), &logs.buf
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// sshTerm is one person at a terminal connected to the server.
type sshTerm struct {
	tb     testing.TB
	client *gossh.Client
	sess   *gossh.Session
	stdin  io.Writer
	mu     sync.Mutex
	out    bytes.Buffer
	mark   int       // what was read before the last expect
	seen   chan bool // a signal for every chunk of output
	closed chan struct{}
}

func newKey(tb testing.TB) gossh.Signer {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// dial connects with key and opens an 80x24 terminal.
func dial(tb testing.TB, addr string, key gossh.Signer, hostKey gossh.HostKeyCallback) *sshTerm {
	tb.Helper()
	if hostKey == nil {
		hostKey = gossh.InsecureIgnoreHostKey()
	}
	client, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: "staff", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)}, HostKeyCallback: hostKey, Timeout: patience,
	})
	if err != nil {
		tb.Fatal(err)
	}
	sess, err := client.NewSession()
	if err != nil {
		tb.Fatal(err)
	}
	t := &sshTerm{tb: tb, client: client, sess: sess, seen: make(chan bool, 1), closed: make(chan struct{})}
	if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		tb.Fatal(err)
	}
	if t.stdin, err = sess.StdinPipe(); err != nil {
		tb.Fatal(err)
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		tb.Fatal(err)
	}
	go func() {
		defer close(t.closed)
		buf := make([]byte, 32<<10)
		for {
			n, err := stdout.Read(buf)
			if n > 0 {
				t.mu.Lock()
				t.out.Write(buf[:n])
				t.mu.Unlock()
				select {
				case t.seen <- true:
				default:
				}
			}
			if err != nil {
				return
			}
		}
	}()
	tb.Cleanup(t.close)
	return t
}

func (t *sshTerm) close() {
	t.sess.Close()
	t.client.Close()
}

func (t *sshTerm) send(s string) {
	if _, err := io.WriteString(t.stdin, s); err != nil {
		t.tb.Fatal(err)
	}
}

// text is what arrived since the last expect, without escape sequences.
func (t *sshTerm) text() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return ansi.Strip(string(t.out.Bytes()[t.mark:]))
}

// expect waits until want has been drawn since the last expect.
func (t *sshTerm) expect(want string, within time.Duration) {
	t.tb.Helper()
	deadline := time.After(within)
	for {
		if strings.Contains(t.text(), want) {
			t.mu.Lock()
			t.mark = t.out.Len()
			t.mu.Unlock()
			return
		}
		select {
		case <-t.seen:
		case <-t.closed:
			if !strings.Contains(t.text(), want) {
				t.tb.Fatalf("session ended without showing %q:\n%s", want, t.text())
			}
		case <-deadline:
			t.tb.Fatalf("no %q within %v; the screen got:\n%s", want, within, t.text())
		}
	}
}

// TestServeSignUpApproveRevoke walks one unknown key from the sign-up form
// to the content, and a revoked key to its message.
func TestServeSignUpApproveRevoke(t *testing.T) {
	t.Parallel()
	db, addr, logs := startServer(t, serveConfig{})
	ctx := data.AsOperator(context.Background())

	key := newKey(t)
	term := dial(t, addr, key, nil)
	// The sign-up form, with the server's lead rather than the desk's.
	term.expect("この SSH 鍵で覚えます", patience)
	term.send("鈴木 陽菜\r")   // name, then enter moves on
	term.send("\r\r")      // the municipalities, to choose by typing: 郡山市, the first
	term.send("総務部 総務課\r") // department; enter saves
	term.expect("管理者の承認をお待ちください", patience)
	if strings.Contains(term.text(), "産休・育休カフェ") {
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
	term.expect("鈴木 陽菜 郡山市", patience) // the tab bar's signed-in person

	// Revoked while connected: the app gives way to the message.
	if err := db.RevokeStaff(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	term.expect("停止されています", patience)

	// And a new connection with the key sees only the message.
	again := dial(t, addr, key, nil)
	again.expect("この鍵での利用は停止されています", patience)
	if txt := again.text(); strings.Contains(txt, "はじめまして") || strings.Contains(txt, "産休") {
		t.Fatalf("revoked key saw more than the message:\n%s", txt)
	}
	again.send("q")
	select {
	case <-again.closed:
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
	dial(t, addr, newKey(t), func(_ string, _ net.Addr, k gossh.PublicKey) error { first = k; return nil }).expect("はじめまして", patience)
	addr2, _ := serveDB(t, db, serveConfig{})
	dial(t, addr2, newKey(t), gossh.FixedHostKey(first)).expect("はじめまして", patience)
}

// TestServeCapsSessions turns away the session over --max-sessions.
func TestServeCapsSessions(t *testing.T) {
	t.Parallel()
	_, addr, _ := startServer(t, serveConfig{maxSessions: 1})
	dial(t, addr, newKey(t), nil).expect("はじめまして", patience)
	dial(t, addr, newKey(t), nil).expect("上限", patience)
}

// TestServeIdleSessionEnds closes a session nobody types in.
func TestServeIdleSessionEnds(t *testing.T) {
	t.Parallel()
	_, addr, _ := startServer(t, serveConfig{idle: 300 * time.Millisecond})
	term := dial(t, addr, newKey(t), nil)
	term.expect("はじめまして", patience)
	select {
	case <-term.closed:
	case <-time.After(patience):
		t.Fatal("idle session still open")
	}
}
