package ui

import (
	"context"
	"errors"
	"strings"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// signupForm asks a person who they are on their first start against a
// database: name, municipality and department.
type signupForm struct {
	c        *kit.Common
	remember func(staffID string) error
	name     kit.LineInput
	dept     kit.LineInput
	munis    []model.Municipality
	muni     int
	focus    int // 0 name, 1 municipality, 2 department
	err      string
	saving   bool
	width    int
	height   int
	// create saves the person (Store.CreateStaff). A server sets
	// it to sign up with the SSH key, pending approval (serve.go).
	create func(ctx context.Context, s *model.Staff) error
	lead   string // catalogue key of the line under the title
}

// municipalitiesMsg carries the choices of the municipality field.
type municipalitiesMsg struct {
	munis []model.Municipality
	err   error
}

type signupDoneMsg struct {
	staff *model.Staff
	err   error
}

func newSignup(c *kit.Common, remember func(string) error) *signupForm {
	f := &signupForm{c: c, remember: remember, create: c.Store.CreateStaff, lead: "signup.lead"}
	f.name.Limit = model.MaxNameLen
	f.dept.Limit = model.MaxDepartmentLen
	return f
}

func (f *signupForm) Init() tea.Cmd {
	store := f.c.Store
	return func() tea.Msg {
		m, err := store.Municipalities(context.Background())
		return municipalitiesMsg{munis: m, err: err}
	}
}

func (f *signupForm) SetSize(w, h int) { f.width, f.height = w, h }

func (f *signupForm) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case municipalitiesMsg:
		f.munis = msg.munis
		if msg.err != nil {
			f.err = f.c.Cat.Err(msg.err)
		}
		return nil
	case signupDoneMsg:
		f.saving = false
		if msg.err != nil {
			f.err = f.c.Cat.Err(msg.err)
			return nil
		}
		done := func() tea.Msg { return meLoadedMsg{staff: msg.staff} }
		return tea.Batch(done, kit.StatusCmd(f.c.Cat.T("signup.done", kit.Clean(msg.staff.Name)), false))
	case tea.KeyPressMsg:
		switch msg.String() {
		case "tab", "down":
			f.focus = (f.focus + 1) % 3
			return nil
		case "shift+tab", "up":
			f.focus = (f.focus + 2) % 3
			return nil
		case "enter":
			if f.focus < 2 {
				f.focus++
				return nil
			}
			return f.save()
		}
		switch f.focus {
		case 0:
			f.name.Update(msg)
		case 1:
			switch msg.String() {
			case "right", "l", "space", " ":
				f.muni = (f.muni + 1) % max(len(f.munis), 1)
			case "left", "h":
				f.muni = (f.muni + max(len(f.munis), 1) - 1) % max(len(f.munis), 1)
			}
		case 2:
			f.dept.Update(msg)
		}
	case tea.PasteMsg:
		if f.focus == 0 {
			f.name.Update(msg)
		} else if f.focus == 2 {
			f.dept.Update(msg)
		}
	}
	return nil
}

func (f *signupForm) save() tea.Cmd {
	if f.saving || len(f.munis) == 0 {
		return nil
	}
	s := &model.Staff{Name: f.name.Trimmed(), Department: f.dept.Trimmed(), MunicipalityID: f.munis[f.muni].ID, Municipality: f.munis[f.muni].Name}
	if err := s.Validate(); err != nil {
		f.err = f.fieldLabel(err) + f.c.Cat.Err(err)
		return nil
	}
	f.saving = true
	create, remember := f.create, f.remember
	return func() tea.Msg {
		if err := create(context.Background(), s); err != nil {
			return signupDoneMsg{err: err}
		}
		if remember != nil {
			if err := remember(s.ID); err != nil {
				return signupDoneMsg{err: err}
			}
		}
		return signupDoneMsg{staff: s}
	}
}

func (f *signupForm) fieldLabel(err error) string {
	var e *model.Error
	if errors.As(err, &e) {
		switch e.Field {
		case "name":
			return f.c.Cat.T("signup.name") + ": "
		case "department":
			return f.c.Cat.T("signup.dept") + ": "
		case "municipality":
			return f.c.Cat.T("signup.muni") + ": "
		}
	}
	return ""
}

const signupLabel = 22

func (f *signupForm) View() string {
	st, cat := f.c.Styles, f.c.Cat
	fieldW := min(f.width-signupLabel-4, 40)
	label := func(i int, key string) string {
		s := "  " + kit.Fit(cat.T(key), signupLabel-2)
		if f.focus == i {
			return st.FieldActive.Render(s)
		}
		return st.Label.Render(s)
	}
	muni := ""
	if len(f.munis) > 0 {
		muni = f.munis[f.muni].Name
	}
	if f.focus == 1 {
		muni = st.Key.Render("< ") + muni + st.Key.Render(" >")
	} else {
		muni = "  " + muni
	}
	name, _ := f.name.View(fieldW)
	dept, _ := f.dept.View(fieldW)
	lines := []string{
		"",
		"  " + st.Heading.Render(cat.T("app.name")),
		"",
		"  " + st.Title.Render(cat.T("signup.title")),
		"  " + st.Muted.Render(cat.T(f.lead)),
		"",
		label(0, "signup.name") + st.Input.Render(name),
		"",
		label(1, "signup.muni") + muni,
		"",
		label(2, "signup.dept") + st.Input.Render(dept),
		"",
	}
	if f.err != "" {
		lines = append(lines, "  "+st.Error.Render(f.err))
	}
	body := kit.Block(strings.Join(lines, "\n"), f.width, f.height-1)
	return body + "\n" + kit.Fit("  "+st.Muted.Render(cat.T("signup.help")), f.width)
}

func (f *signupForm) Cursor() *tea.Cursor {
	fieldW := min(f.width-signupLabel-4, 40)
	switch f.focus {
	case 0:
		_, col := f.name.View(fieldW)
		return tea.NewCursor(signupLabel+col, 6)
	case 2:
		_, col := f.dept.View(fieldW)
		return tea.NewCursor(signupLabel+col, 10)
	}
	return nil
}
