package ui

import (
	"context"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"hiroba/model"
	"hiroba/ui/kit"
)

// KeyStore tells a server who holds an SSH key, and signs up the holder of
// an unknown one. data.DB implements it.
type KeyStore interface {
	// StaffByKey returns the staff member of a key fingerprint, whatever
	// their state, or ENOTFOUND.
	StaffByKey(ctx context.Context, fingerprint string) (*model.Staff, error)
	// SignUpWithKey registers a pending staff member with the key.
	SignUpWithKey(ctx context.Context, k *model.KeySignup) error
}

// SessionConfig is one SSH session of `hiroba serve`.
type SessionConfig struct {
	Config      // Store, Lang, Now, Location, LiveEvery; StaffID is ignored
	Keys        KeyStore
	Fingerprint string // SHA256:... of the key the person connected with
	PublicKey   string // the key in authorized_keys form
	// Recheck is how often the session looks at the person's state: the
	// waiting screen for approval, the app for revocation. 0 means 2 s.
	Recheck time.Duration
	// Idle ends a session without a key press for this long; 0 never.
	Idle time.Duration
	// Context ends with the SSH session; the session's background checks
	// stop with it.
	Context context.Context
}

// Session is the root model of an SSH session: the key decides what the
// person sees. An unknown key gets only the sign-up form, a pending one a
// waiting screen, a revoked one a message; only an active staff member
// gets the app, which reads as them.
type Session struct {
	cfg     SessionConfig
	c       *kit.Common
	state   sessionState
	signup  *signupForm
	app     *App
	me      *model.Staff
	err     string
	width   int
	height  int
	lastKey time.Time
	// theme is what the session's terminal said of itself, handed to
	// the app when it starts.
	theme     kit.Theme
	themeSeen bool
}

type sessionState int

const (
	sessionLooking sessionState = iota
	sessionSignup
	sessionWaiting
	sessionRevoked
	sessionApp
)

// keyCheckedMsg is what the key store said about the session's key.
type keyCheckedMsg struct {
	staff *model.Staff
	err   error
}

type idleCheckMsg struct{}

// NewSession returns the model of one SSH session.
func NewSession(cfg SessionConfig) *Session {
	if cfg.Recheck <= 0 {
		cfg.Recheck = 2 * time.Second
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Location == nil {
		cfg.Location = time.Local
	}
	if cfg.Context == nil {
		cfg.Context = context.Background()
	}
	c := kit.NewCommon(cfg.Store, kit.NewCatalog(cfg.Lang, cfg.Location, cfg.Now), false)
	s := &Session{cfg: cfg, c: c, lastKey: time.Now()}
	s.theme = kit.Theme{Light: cfg.Theme == "light", Mono: cfg.Mono}
	s.themeSeen = cfg.Theme != ""
	c.SetTheme(s.theme)
	return s
}

func (s *Session) Init() tea.Cmd {
	var ask tea.Cmd
	if s.cfg.Theme == "" {
		ask = tea.RequestBackgroundColor
	}
	return tea.Batch(s.checkKey(), s.idleTick(), ask)
}

func (s *Session) checkKey() tea.Cmd {
	keys, fp := s.cfg.Keys, s.cfg.Fingerprint
	return func() tea.Msg {
		st, err := keys.StaffByKey(context.Background(), fp)
		return keyCheckedMsg{staff: st, err: err}
	}
}

// recheck looks at the key's state every cfg.Recheck and answers only when
// it changed (approved, revoked), so that a waiting or working session
// costs no redraw meanwhile.
func (s *Session) recheck() tea.Cmd {
	keys, fp, every, ctx := s.cfg.Keys, s.cfg.Fingerprint, s.cfg.Recheck, s.cfg.Context
	status := ""
	if s.me != nil {
		status = s.me.Status
	}
	// A state changes only in a write, which moves the store's change
	// count: the key is read again only then (50 sessions reading theirs
	// every tenth of a second took 5% of a server's time), and at least
	// every keyRereadEvery, for a file changed by hand.
	watcher, _ := keys.(changeWatcher)
	return func() tea.Msg {
		// The first look reads the key whatever the count: it may have
		// moved before this command started.
		var seen uint64
		if watcher != nil {
			seen = watcher.Changes()
		}
		var read time.Time
		for {
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(every):
			}
			if watcher != nil {
				if n := watcher.Changes(); n != seen {
					seen = n
				} else if time.Since(read) < keyRereadEvery {
					continue
				}
			}
			read = time.Now()
			st, err := keys.StaffByKey(context.Background(), fp)
			if err == nil && st.Status != status {
				return keyCheckedMsg{staff: st}
			}
		}
	}
}

// keyRereadEvery is how often a session reads its key's state however
// quiet the store says it is.
const keyRereadEvery = time.Minute

func (s *Session) idleTick() tea.Cmd {
	if s.cfg.Idle <= 0 {
		return nil
	}
	return tea.Tick(min(s.cfg.Idle, time.Minute), func(time.Time) tea.Msg { return idleCheckMsg{} })
}

func (s *Session) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.BackgroundColorMsg:
		if !s.themeSeen {
			s.theme.Light, s.themeSeen = !msg.IsDark(), true
			s.c.SetTheme(s.theme)
		}
	case tea.ColorProfileMsg:
		s.theme.Mono = msg.Profile > colorprofile.Unknown && msg.Profile <= colorprofile.ANSI
		s.c.SetTheme(s.theme)
	case tea.WindowSizeMsg:
		s.width, s.height = msg.Width, msg.Height
		if s.signup != nil {
			s.signup.SetSize(msg.Width, msg.Height)
		}
	case tea.KeyPressMsg:
		s.lastKey = time.Now()
		if s.state != sessionApp {
			return s, s.key(msg)
		}
	case idleCheckMsg:
		if time.Since(s.lastKey) >= s.cfg.Idle {
			// Drafts are saved as they are typed, so nothing is lost.
			return s, tea.Quit
		}
		return s, s.idleTick()
	case keyCheckedMsg:
		return s, s.keyChecked(msg)
	case meLoadedMsg:
		if s.state == sessionSignup {
			// The sign-up form saved a pending staff member.
			s.signup = nil
			s.me, s.state = msg.staff, sessionWaiting
			return s, s.recheck()
		}
	case kit.StatusMsg:
		if s.state == sessionSignup {
			return s, nil // the form's "welcome": the waiting screen says more
		}
	}
	switch s.state {
	case sessionApp:
		_, cmd := s.app.Update(msg)
		return s, cmd
	case sessionSignup:
		return s, s.signup.Update(msg)
	}
	return s, nil
}

func (s *Session) key(msg tea.KeyPressMsg) tea.Cmd {
	if msg.String() == "ctrl+c" {
		return tea.Quit
	}
	switch s.state {
	case sessionSignup:
		return s.signup.Update(msg)
	case sessionWaiting, sessionRevoked:
		if msg.String() == "q" || msg.String() == "esc" {
			return tea.Quit
		}
	}
	return nil
}

// keyChecked moves the session to what the key's state allows.
func (s *Session) keyChecked(msg keyCheckedMsg) tea.Cmd {
	if msg.err != nil {
		if model.ErrorCode(msg.err) == model.ENOTFOUND && s.state == sessionLooking {
			s.state = sessionSignup
			s.signup = newSignup(s.c, nil)
			s.signup.lead = "serve.signup.lead"
			keys, fp, pub := s.cfg.Keys, s.cfg.Fingerprint, s.cfg.PublicKey
			s.signup.create = func(ctx context.Context, st *model.Staff) error {
				k := &model.KeySignup{Staff: *st, Fingerprint: fp, PublicKey: pub}
				if err := keys.SignUpWithKey(ctx, k); err != nil {
					return err
				}
				*st = k.Staff
				return nil
			}
			s.signup.SetSize(s.width, s.height)
			return s.signup.Init()
		}
		if s.state == sessionLooking {
			s.err = s.c.Cat.Err(msg.err)
		}
		return s.recheck()
	}
	s.me = msg.staff
	switch msg.staff.Status {
	case model.StaffRevoked:
		s.state, s.app = sessionRevoked, nil
		return nil // nothing more to wait for
	case model.StaffPending:
		s.state = sessionWaiting
		return s.recheck()
	}
	if s.state == sessionApp {
		return s.recheck()
	}
	s.state = sessionApp
	cfg := s.cfg.Config
	cfg.StaffID, cfg.Remember = msg.staff.ID, nil
	// What the terminal said of itself came to the session before the
	// app was made.
	cfg.Mono = s.theme.Mono
	if s.themeSeen {
		cfg.Theme = map[bool]string{true: "light", false: "dark"}[s.theme.Light]
	}
	s.app = New(cfg)
	_, size := s.app.Update(tea.WindowSizeMsg{Width: s.width, Height: s.height})
	return tea.Batch(s.app.Init(), size, s.recheck())
}

func (s *Session) View() tea.View {
	if s.state == sessionApp {
		return s.app.View()
	}
	var v tea.View
	v.AltScreen = true
	v.WindowTitle = s.c.Cat.T("app.name")
	if s.width < MinWidth || s.height < MinHeight {
		if s.width > 0 {
			v.SetContent(kit.Clip(s.c.Cat.T("too.small", MinWidth, MinHeight, s.width, s.height), s.width))
		}
		return v
	}
	if s.state == sessionSignup {
		v.SetContent(s.signup.View())
		v.Cursor = s.signup.Cursor()
		return v
	}
	v.SetContent(s.notice())
	return v
}

// notice is the waiting, revoked or error screen: a few lines, nothing of
// the content.
func (s *Session) notice() string {
	st, cat := s.c.Styles, s.c.Cat
	lines := []string{"", "  " + st.Heading.Render(cat.T("app.name")), ""}
	help := "serve.quit.help"
	switch {
	case s.err != "":
		lines = append(lines, "  "+st.Error.Render(kit.Clean(s.err)))
	case s.state == sessionLooking:
		lines = append(lines, "  "+st.Muted.Render(cat.T("loading")))
	case s.state == sessionRevoked:
		lines = append(lines, "  "+st.Error.Render(cat.T("serve.revoked.title")), "", "  "+cat.T("serve.revoked.lead"))
	case s.state == sessionWaiting:
		lines = append(lines, "  "+st.Title.Render(cat.T("serve.waiting.title")), "", "  "+cat.T("serve.waiting.lead"), "")
		if s.me != nil {
			lines = append(lines,
				"  "+st.Label.Render(kit.Fit(cat.T("signup.name"), 20))+kit.Clean(s.me.Name),
				"  "+st.Label.Render(kit.Fit(cat.T("signup.muni"), 20))+kit.Clean(s.me.Municipality),
				"  "+st.Label.Render(kit.Fit(cat.T("signup.dept"), 20))+kit.Clean(s.me.Department),
				"  "+st.Label.Render(kit.Fit(cat.T("serve.key"), 20))+kit.Clean(s.cfg.Fingerprint),
				"", "  "+st.Muted.Render(cat.T("serve.waiting.id", s.me.ID)))
		}
	}
	body := kit.Block(strings.Join(lines, "\n"), s.width, s.height-1)
	return body + "\n" + kit.Fit("  "+st.Muted.Render(cat.T(help)), s.width)
}
