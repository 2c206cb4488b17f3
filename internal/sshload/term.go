// Package sshload drives hiroba's SSH sessions as people at terminals do:
// for the tests of `hiroba serve`, and for the benchmark of many sessions
// at once, on one server (cli) or spread over a cluster's nodes (the
// cluster module). It is test support, imported by tests only.
package sshload

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// Patience bounds every wait for a server: generous, because a busy
// machine serves slowly.
const Patience = 60 * time.Second

// Term is one person at a terminal connected to a server.
type Term struct {
	tb     testing.TB
	client *gossh.Client
	sess   *gossh.Session
	stdin  io.Writer
	mu     sync.Mutex
	out    bytes.Buffer
	mark   int       // what was read before the last Expect
	seen   chan bool // a signal for every chunk of output
	closed chan struct{}
}

// NewKey makes a person's SSH key.
func NewKey(tb testing.TB) gossh.Signer {
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

// Dial connects with key and opens an 80x24 terminal; hostKey nil takes
// any host key.
func Dial(tb testing.TB, addr string, key gossh.Signer, hostKey gossh.HostKeyCallback) *Term {
	tb.Helper()
	if hostKey == nil {
		hostKey = gossh.InsecureIgnoreHostKey()
	}
	client, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: "staff", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)}, HostKeyCallback: hostKey, Timeout: Patience,
	})
	if err != nil {
		tb.Fatal(err)
	}
	sess, err := client.NewSession()
	if err != nil {
		tb.Fatal(err)
	}
	t := &Term{tb: tb, client: client, sess: sess, seen: make(chan bool, 1), closed: make(chan struct{})}
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
	tb.Cleanup(t.Close)
	return t
}

// Closed is closed when the server has ended the session.
func (t *Term) Closed() <-chan struct{} { return t.closed }

// Close ends the session.
func (t *Term) Close() {
	t.sess.Close()
	t.client.Close()
}

// Send types s.
func (t *Term) Send(s string) {
	if _, err := io.WriteString(t.stdin, s); err != nil {
		t.tb.Fatal(err)
	}
}

// Text is what arrived since the last Expect, without escape sequences.
func (t *Term) Text() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return ansi.Strip(string(t.out.Bytes()[t.mark:]))
}

// Expect waits until want has been drawn since the last Expect.
func (t *Term) Expect(want string, within time.Duration) {
	t.tb.Helper()
	deadline := time.After(within)
	for {
		if strings.Contains(t.Text(), want) {
			t.skip()
			return
		}
		select {
		case <-t.seen:
		case <-t.closed:
			if !strings.Contains(t.Text(), want) {
				t.tb.Fatalf("session ended without showing %q:\n%s", want, t.Text())
			}
		case <-deadline:
			t.tb.Fatalf("no %q within %v; the screen got:\n%s", want, within, t.Text())
		}
	}
}

// skip forgets what arrived so far: Text starts after it.
func (t *Term) skip() {
	t.mu.Lock()
	t.mark = t.out.Len()
	t.mu.Unlock()
}

// settle waits until the terminal has had no output for quiet, or until
// within has passed.
func (t *Term) settle(quiet, within time.Duration) {
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
