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
	picker   *kit.Picker // the municipalities, filtered as one types
	focus    int         // 0 name, 1 municipality, 2 department
	err      string
	errField int // the field err is about, -1 for none
	saving   bool
	width    int
	height   int
	// create saves the person (Store.CreateStaff). A server sets
	// it to sign up with the SSH key, pending approval (serve.go).
	create func(ctx context.Context, s *model.Staff) error
	lead   string // catalogue key of the line under the title
	// drill is set on a drill copy (signup_drill.go): people lists the
	// staff it was taken with to choose from; asking is the y/n before
	// registering someone new all the same.
	drill  *model.DrillCopy
	staff  []model.Staff
	people *kit.Picker
	asking bool
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
	f := &signupForm{c: c, remember: remember, create: c.Store.CreateStaff, lead: "signup.lead", errField: -1}
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
	case drillStaffMsg:
		f.drillStaff(msg)
		return nil
	case signupDoneMsg:
		f.saving = false
		if msg.err != nil {
			f.fail(msg.err)
			return nil
		}
		done := func() tea.Msg { return meLoadedMsg{staff: msg.staff} }
		return tea.Batch(done, kit.StatusCmd(f.c.Cat.T("signup.done", kit.Clean(msg.staff.Name)), false))
	case tea.KeyPressMsg:
		switch {
		case f.people != nil:
			return f.choosePerson(msg)
		case f.picker != nil:
			f.pick(msg)
			return nil
		case f.asking:
			f.asking = false
			if msg.String() == "y" {
				return f.register()
			}
			return nil
		case f.drill != nil && msg.String() == "esc":
			f.openPeople()
			return nil
		}
		switch msg.String() {
		case "tab", "down":
			f.focus = (f.focus + 1) % 3
			return nil
		case "shift+tab", "up":
			f.focus = (f.focus + 2) % 3
			return nil
		case "enter":
			switch f.focus {
			case 1:
				f.openPicker("")
			case 2:
				return f.save()
			default:
				f.focus++
			}
			return nil
		}
		switch f.focus {
		case 0:
			f.changed(0, f.name.Update(msg))
		case 1:
			switch msg.String() {
			case "right", "space", " ":
				f.muni = (f.muni + 1) % max(len(f.munis), 1)
				f.changed(1, true)
			case "left":
				f.muni = (f.muni + max(len(f.munis), 1) - 1) % max(len(f.munis), 1)
				f.changed(1, true)
			default:
				// Typing a name or its reading looks the municipality up.
				if msg.Text != "" && msg.Mod&^tea.ModShift == 0 {
					f.openPicker(msg.Text)
				}
			}
		case 2:
			f.changed(2, f.dept.Update(msg))
		}
	case tea.PasteMsg:
		switch {
		case f.people != nil:
			return f.choosePerson(msg)
		case f.picker != nil:
			f.pick(msg)
		case f.focus == 0:
			f.changed(0, f.name.Update(msg))
		case f.focus == 2:
			f.changed(2, f.dept.Update(msg))
		}
	}
	return nil
}

// openPicker lists the municipalities to choose from by typing, with
// typed already in its field.
func (f *signupForm) openPicker(typed string) {
	opts := make([]kit.Option, len(f.munis))
	for i, m := range f.munis {
		opts[i] = kit.MunicipalityOption(m.ID, m.Name)
	}
	current := ""
	if f.muni < len(f.munis) {
		current = f.munis[f.muni].ID
	}
	f.picker = kit.NewFilterPicker(f.c.Cat.T("signup.muni"), opts, current)
	if typed != "" {
		f.picker.Update(f.c, tea.PasteMsg{Content: typed})
	}
}

// pick gives msg to the municipality picker; a choice moves on to the
// department.
func (f *signupForm) pick(msg tea.Msg) {
	done, ok := f.picker.Update(f.c, msg)
	if !done {
		return
	}
	if i := f.picker.Index(); ok && i >= 0 {
		f.muni = i
		f.changed(1, true)
		f.focus = 2
	}
	f.picker = nil
}

// changed clears the error about field once its text changed.
func (f *signupForm) changed(field int, did bool) {
	if did && f.errField == field {
		f.err, f.errField = "", -1
	}
}

// fail shows why the person was not signed up, and puts the cursor in
// the field at fault.
func (f *signupForm) fail(err error) {
	f.err, f.errField = f.fieldLabel(err)+f.c.Cat.Err(err), -1
	var e *model.Error
	if errors.As(err, &e) {
		if i, ok := map[string]int{"name": 0, "municipality": 1, "department": 2}[e.Field]; ok {
			f.errField, f.focus = i, i
		}
	}
}

// save registers the person the form describes; on a drill copy it asks
// first (signup_drill.go).
func (f *signupForm) save() tea.Cmd {
	if f.saving || len(f.munis) == 0 {
		return nil
	}
	if err := f.staffMember().Validate(); err != nil {
		f.fail(err)
		return nil
	}
	if f.drill != nil {
		f.asking = true
		return nil
	}
	return f.register()
}

// staffMember is the person the form describes.
func (f *signupForm) staffMember() *model.Staff {
	return &model.Staff{Name: f.name.Trimmed(), Department: f.dept.Trimmed(), MunicipalityID: f.munis[f.muni].ID, Municipality: f.munis[f.muni].Name}
}

// register saves the person the form describes, and remembers them.
func (f *signupForm) register() tea.Cmd {
	if f.saving || len(f.munis) == 0 {
		return nil
	}
	s := f.staffMember()
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

// head is the top of the form: the app's name, what is asked and why.
func (f *signupForm) head() []string {
	st, cat := f.c.Styles, f.c.Cat
	lines := []string{"", "  " + st.Heading.Render(cat.T("app.name")), ""}
	if f.drill != nil {
		return append(append(lines, f.drillHead()...), "")
	}
	return append(lines, "  "+st.Title.Render(cat.T("signup.title")), "  "+st.Muted.Render(cat.T(f.lead)), "")
}

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
	muni = st.Input.Render(kit.Fit(muni, fieldW))
	if f.focus == 1 {
		muni += st.Muted.Render("  " + cat.T("signup.muni.hint"))
	}
	name, _ := f.name.View(fieldW)
	dept, _ := f.dept.View(fieldW)
	head := f.head()
	lines := append(head[:len(head):len(head)],
		label(0, "signup.name")+st.Input.Render(name),
		"",
		label(1, "signup.muni")+muni,
		"",
		label(2, "signup.dept")+st.Input.Render(dept),
		"",
	)
	switch {
	case f.asking:
		text := cat.T("drill.signup.ask", kit.Clean(f.name.Trimmed()))
		for _, l := range kit.ConfirmLines(f.c, text, f.width-1) {
			lines = append(lines, " "+l)
		}
	case f.err != "":
		lines = append(lines, "  "+st.Error.Render(f.err))
	}
	var file []string
	if f.c.DBPath != "" {
		file = []string{"", "  " + st.Muted.Render(kit.Clip(cat.T("signup.file", kit.Clean(f.c.DBPath)), f.width-4))}
	}
	help := f.help()
	bodyH := f.height - len(help)
	if f.people != nil {
		// The list of staff under the drill copy's head, instead of the
		// fields, and the file below it.
		rest := max(bodyH-len(head)-len(file), 1)
		f.people.MaxWidth = f.width
		box := kit.Overlay("", f.people.View(f.c, rest), f.width, rest)
		body := kit.Block(strings.Join(head, "\n")+"\n"+box+"\n"+strings.Join(file, "\n"), f.width, bodyH)
		return body + "\n" + strings.Join(help, "\n")
	}
	body := kit.Block(strings.Join(append(lines, file...), "\n"), f.width, bodyH)
	if f.picker != nil {
		f.picker.MaxWidth = f.width
		body = kit.Overlay(body, f.picker.View(f.c, bodyH), f.width, bodyH)
	}
	return body + "\n" + strings.Join(help, "\n")
}

// help is the keys of the form at the bottom, on two lines where one
// is too narrow for them: a hint cut short hides the key that signs up.
func (f *signupForm) help() []string {
	key := "signup.help"
	switch {
	case f.people != nil:
		key = "drill.signup.help.pick"
	case f.drill != nil:
		key = "drill.signup.help.form"
	}
	return kit.StatusLines(f.c.Cat.T(key), "", f.c.Styles.Muted, f.width, 2)
}

func (f *signupForm) Cursor() *tea.Cursor {
	head := len(f.head())
	if f.people != nil {
		var file int
		if f.c.DBPath != "" {
			file = 2
		}
		cur := f.people.Cursor(f.c, f.width, max(f.height-len(f.help())-head-file, 1))
		if cur != nil {
			cur.Y += head
		}
		return cur
	}
	if f.picker != nil {
		return f.picker.Cursor(f.c, f.width, f.height-len(f.help()))
	}
	fieldW := min(f.width-signupLabel-4, 40)
	switch f.focus {
	case 0:
		_, col := f.name.View(fieldW)
		return tea.NewCursor(signupLabel+col, head)
	case 2:
		_, col := f.dept.View(fieldW)
		return tea.NewCursor(signupLabel+col, head+4)
	}
	return nil
}
