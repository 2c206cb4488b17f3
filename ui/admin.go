package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"hiroba/model"
	"hiroba/ui/kit"
)

// admin is the administrator's layer: the people who signed up over SSH,
// waiting first, to approve; everyone else, to revoke; and the 20% rule's
// supervisors and working day (admin_rules.go). The data layer refuses
// anyone but an administrator, whatever this screen shows.
type admin struct {
	c        *kit.Common
	store    model.AdminService
	accounts []model.Account
	cursor   int
	top      int
	err      string
	loaded   bool
	rules    adminRules
	w, h     int
}

type accountsMsg struct {
	list []model.Account
	err  error
}

type accountChangedMsg struct {
	name, key string
	err       error
}

func newAdmin(c *kit.Common) screen {
	a := &admin{c: c}
	a.store, _ = c.Store.(model.AdminService)
	return a
}

func (a *admin) Init() tea.Cmd { return a.load() }

func (a *admin) load() tea.Cmd {
	if a.store == nil {
		return nil
	}
	store, ctx := a.store, a.c.Ctx()
	return func() tea.Msg {
		list, err := store.Accounts(ctx)
		return accountsMsg{list: list, err: err}
	}
}

func (a *admin) SetSize(w, h int) tea.Cmd { a.w, a.h = w, h; return nil }
func (a *admin) Capturing() bool          { return true }
func (a *admin) Dirty() bool              { return false }
func (a *admin) Cursor() *tea.Cursor {
	if a.rules.prompt != nil {
		return a.rules.prompt.Cursor(a.c, a.w, a.h-1)
	}
	return nil
}
func (a *admin) ShortHelp() []key.Binding  { return nil }
func (a *admin) FullHelp() [][]key.Binding { return nil }

func (a *admin) Update(msg tea.Msg) tea.Cmd {
	if cmd, ok := a.rulesUpdate(msg); ok {
		return cmd
	}
	switch msg := msg.(type) {
	case accountsMsg:
		a.loaded = true
		a.err = ""
		if msg.err != nil {
			a.err = a.c.Cat.Err(msg.err)
			a.accounts = nil
		} else {
			a.accounts = msg.list
		}
		a.cursor = min(a.cursor, max(len(a.accounts)-1, 0))
		return a.loadRules()
	case accountChangedMsg:
		if msg.err != nil {
			return kit.StatusCmd(a.c.Cat.Err(msg.err), true)
		}
		return tea.Batch(kit.StatusCmd(a.c.Cat.T(msg.key, kit.Clean(msg.name)), false), a.load())
	case kit.DataChangedMsg:
		return a.load()
	case tea.KeyPressMsg:
		return a.key(msg)
	}
	return nil
}

func (a *admin) key(msg tea.KeyPressMsg) tea.Cmd {
	if cmd, ok := a.rulesKey(msg); ok {
		return cmd
	}
	switch msg.String() {
	case "esc", "q", a.c.Keys.Admin.Keys()[0]:
		return closeLayer
	case "j", "down":
		a.cursor = min(a.cursor+1, max(len(a.accounts)-1, 0))
	case "k", "up":
		a.cursor = max(a.cursor-1, 0)
	case "a":
		if acc, ok := a.selected(); ok && acc.Status != model.StaffActive {
			return a.change(acc, true)
		}
	case "r":
		if acc, ok := a.selected(); ok && acc.Status != model.StaffRevoked {
			return kit.Confirm(a.c.Cat.T("admin.confirm", kit.Clean(acc.Name)), a.change(acc, false))
		}
	}
	return nil
}

func (a *admin) selected() (model.Account, bool) {
	if a.cursor < 0 || a.cursor >= len(a.accounts) {
		return model.Account{}, false
	}
	return a.accounts[a.cursor], true
}

// change approves or revokes acc in a command.
func (a *admin) change(acc model.Account, approve bool) tea.Cmd {
	store, ctx := a.store, a.c.Ctx()
	return func() tea.Msg {
		if approve {
			return accountChangedMsg{name: acc.Name, key: "admin.approved", err: store.ApproveStaff(ctx, acc.ID)}
		}
		return accountChangedMsg{name: acc.Name, key: "admin.revoked", err: store.RevokeStaff(ctx, acc.ID)}
	}
}

// View draws the title, the count waiting and one line per person, in
// exactly w x h.
func (a *admin) View() string {
	st, cat := a.c.Styles, a.c.Cat
	lines := []string{" " + st.Heading.Render(cat.T("admin.title"))}
	switch {
	case a.store == nil:
		lines = append(lines, "", " "+st.Error.Render(cat.T("admin.forbidden")))
	case a.err != "":
		lines = append(lines, "", " "+st.Error.Render(kit.Clean(a.err)))
	case !a.loaded:
		lines = append(lines, "", " "+st.Muted.Render(cat.T("loading")))
	case len(a.accounts) == 0:
		lines = append(lines, "", " "+st.Muted.Render(cat.T("admin.empty")))
	default:
		waiting := 0
		for _, acc := range a.accounts {
			if acc.Status == model.StaffPending {
				waiting++
			}
		}
		lines = append(lines, " "+st.Muted.Render(cat.T("admin.lead", waiting)), " "+st.Muted.Render(a.rulesLine()))
		rows := max(a.h-len(lines)-2, 1)
		if a.cursor < a.top {
			a.top = a.cursor
		} else if a.cursor >= a.top+rows {
			a.top = a.cursor - rows + 1
		}
		for i := a.top; i < min(a.top+rows, len(a.accounts)); i++ {
			lines = append(lines, a.row(a.accounts[i], i == a.cursor))
		}
	}
	body := kit.Block(strings.Join(lines, "\n"), a.w, a.h-1)
	if a.rules.prompt != nil {
		body = kit.Overlay(body, a.rules.prompt.View(a.c, a.w), a.w, a.h-1)
	}
	return body + "\n" + kit.Fit(" "+st.Muted.Render(cat.T("admin.help")), a.w)
}

// mark begins a row: > for the selection, so that it shows without
// colour too.
func mark(selected bool) string {
	if selected {
		return ">"
	}
	return " "
}

func (a *admin) row(acc model.Account, selected bool) string {
	st, cat := a.c.Styles, a.c.Cat
	status := cat.T("status." + acc.Status)
	switch acc.Status {
	case model.StaffPending:
		status = st.BadgeWarn.Render(kit.Fit(status, 10))
	case model.StaffRevoked:
		status = st.Error.Render(kit.Fit(status, 10))
	default:
		status = st.BadgeGood.Render(kit.Fit(status, 10))
	}
	role := a.rulesRole(acc)
	if acc.Admin {
		role = strings.TrimSpace(cat.T("admin.badge") + " " + role)
	}
	line := mark(selected) + status + kit.Fit(kit.Clean(acc.Name), 16) + kit.Fit(kit.Clean(acc.Municipality), 10) +
		kit.Fit(kit.Clean(acc.Department), max(a.w-63, 10)) + kit.Fit(role, 15) + kit.Fit(fmt.Sprint(acc.Keys), 4)
	if selected {
		return st.Selected.Render(kit.Fit(ansi.Strip(line), a.w))
	}
	return kit.Fit(line, a.w)
}
