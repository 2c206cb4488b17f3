package cli

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"os/signal"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/wish/v2"
	"charm.land/wish/v2/activeterm"
	bm "charm.land/wish/v2/bubbletea"
	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"hiroba/data"
	"hiroba/model"
	"hiroba/ui"
)

// serveFlags serves the interface over SSH: one database, one program per
// session, a sign-up form for every unknown key.
func serveFlags(fs *flag.FlagSet) runFunc {
	var sc serveConfig
	fs.StringVar(&sc.listen, "listen", ":2222", "")
	fs.DurationVar(&sc.idle, "idle", 30*time.Minute, "")
	fs.IntVar(&sc.maxSessions, "max-sessions", 100, "")
	return func(e *env, args []string) error {
		if len(args) > 0 {
			return usageErrorf("serve.extra", strings.Join(args, " "))
		}
		if e.as != "" {
			return usageErrorf("serve.as")
		}
		if sc.maxSessions < 1 {
			return usageErrorf("serve.max")
		}
		if t, ok := e.target(); ok && t.Cluster == "" {
			return usageErrorf("serve.cluster.only")
		}
		e.serving = true
		db, err := e.open(false)
		if err != nil {
			return err
		}
		defer db.Close()
		if db.ReadOnly {
			return refusef(model.EREADONLY, "serve.readonly", db.Path)
		}
		sc.lang = e.lang
		sc.hostKey = e.hostKeyFor(db)
		srv, err := newServer(db, sc, log.New(e.stderr, "hiroba serve: ", log.LstdFlags))
		if err != nil {
			return err
		}
		ln, err := net.Listen("tcp", sc.listen)
		if err != nil {
			return refusef(model.EINVALID, "serve.listen", sc.listen, err)
		}
		srv.logf("serve.listening", ln.Addr(), db.Path, sc.hostKey)
		stop := make(chan os.Signal, 1)
		signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
		defer signal.Stop(stop)
		go func() {
			<-stop
			srv.logf("serve.stopping")
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			srv.ssh.Shutdown(ctx)
		}()
		if err := srv.ssh.Serve(ln); err != nil && !errors.Is(err, ssh.ErrServerClosed) {
			return err
		}
		return nil
	}
}

type serveConfig struct {
	listen      string
	idle        time.Duration
	maxSessions int
	lang        string
	liveEvery   time.Duration // 0: ui.LiveInterval
	recheck     time.Duration // how often a session looks at its key's state; 0: the ui's default
	hostKey     string        // the host key's file; "": next to the database
}

// server is `hiroba serve`: one database, one SSH server, one Bubble Tea
// program per session.
type server struct {
	db       *data.DB
	cfg      serveConfig
	ssh      *ssh.Server
	log      *log.Logger
	sessions atomic.Int64
}

// logf logs the message key.
func (s *server) logf(key string, args ...any) { s.log.Print(say(s.cfg.lang, key, args...)) }

// newServer prepares the SSH server; the host key is made once, next to
// the database, and kept.
func newServer(db *data.DB, cfg serveConfig, logger *log.Logger) (*server, error) {
	if cfg.liveEvery == 0 {
		cfg.liveEvery = ui.LiveInterval
	}
	s := &server{db: db, cfg: cfg, log: logger}
	if cfg.hostKey == "" {
		cfg.hostKey = hostKeyPath(db.Path)
	}
	keyPEM, err := loadHostKey(cfg.hostKey)
	if err != nil {
		return nil, err
	}
	opts := []ssh.Option{
		wish.WithHostKeyPEM(keyPEM),
		// Every key may knock: an unknown one gets the sign-up form only.
		// Without a key there is no identity, so no way in.
		wish.WithPublicKeyAuth(func(ssh.Context, ssh.PublicKey) bool { return true }),
		wish.WithMiddleware(
			bm.Middleware(s.teaHandler),
			activeterm.Middleware(),
			s.limit,
			s.logging,
		),
	}
	if cfg.idle > 0 {
		// The session ends itself after cfg.idle without a key press; this
		// only closes connections that went silent without saying so.
		opts = append(opts, wish.WithIdleTimeout(cfg.idle+time.Minute))
	}
	if s.ssh, err = wish.NewServer(opts...); err != nil {
		return nil, fmt.Errorf("%s: %w", say(cfg.lang, "serve.ssh"), err)
	}
	return s, nil
}

// logging writes one line when a session starts and one when it ends.
func (s *server) logging(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		start := time.Now()
		fp := fingerprint(sess.PublicKey())
		who := say(s.cfg.lang, "serve.unknown.key")
		if st, err := s.db.StaffByKey(context.Background(), fp); err == nil {
			who = fmt.Sprintf("%s (%s, %s)", st.Name, st.ID, st.Status)
		}
		pty, _, _ := sess.Pty()
		s.logf("serve.connected", sess.RemoteAddr(), fp, model.CleanLine(who), pty.Window.Width, pty.Window.Height, model.CleanLine(pty.Term))
		next(sess)
		s.logf("serve.gone", sess.RemoteAddr(), fp, time.Since(start).Round(time.Second))
	}
}

// limit turns sessions away once cfg.maxSessions are open.
func (s *server) limit(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if n := s.sessions.Add(1); n > int64(s.cfg.maxSessions) {
			s.sessions.Add(-1)
			s.logf("serve.full.log", sess.RemoteAddr(), s.cfg.maxSessions)
			wish.Println(sess, say(sessionLang(sess.Environ(), s.cfg.lang), "serve.full"))
			_ = sess.Exit(1)
			return
		}
		defer s.sessions.Add(-1)
		next(sess)
	}
}

// teaHandler gives each session its own model: its own size, colours
// (from the session's TERM and environment) and identity (its key).
func (s *server) teaHandler(sess ssh.Session) (tea.Model, []tea.ProgramOption) {
	key := sess.PublicKey()
	if key == nil {
		return nil, nil
	}
	m := ui.NewSession(ui.SessionConfig{
		Config: ui.Config{
			Store:     s.db,
			Lang:      sessionLang(sess.Environ(), s.cfg.lang),
			Location:  displayLocation(),
			LiveEvery: s.cfg.liveEvery,
		},
		Keys:        s.db,
		Recheck:     s.cfg.recheck,
		Fingerprint: fingerprint(key),
		PublicKey:   strings.TrimSpace(string(gossh.MarshalAuthorizedKey(key))),
		Idle:        s.cfg.idle,
		Context:     sess.Context(),
	})
	return m, nil
}

// sessionLang is the server's language unless the client sent an English
// LANG or LC_ALL.
func sessionLang(env []string, fallback string) string {
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		if (k == "LANG" || k == "LC_ALL") && v != "" {
			return ui.LangFromEnv(v)
		}
	}
	return fallback
}

func fingerprint(key ssh.PublicKey) string {
	if key == nil {
		return ""
	}
	return gossh.FingerprintSHA256(key)
}

// hostKeyPath is where the server's host key is kept: next to the
// database, so that a backup of the folder keeps the server's identity.
func hostKeyPath(dbPath string) string { return dbPath + ".hostkey" }

// loadHostKey reads the host key, making an Ed25519 one (mode 0600) the
// first time.
func loadHostKey(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err == nil {
		return b, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, refusef(model.EINTERNAL, "serve.key.read", path, err)
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	block, err := gossh.MarshalPrivateKey(priv, "hiroba host key")
	if err != nil {
		return nil, err
	}
	b = pem.EncodeToMemory(block)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, refusef(model.EINTERNAL, "serve.key.make", path, err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return nil, refusef(model.EINTERNAL, "serve.key.write", path, err)
	}
	return b, f.Close()
}
