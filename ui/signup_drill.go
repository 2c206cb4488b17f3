package ui

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// On a drill copy (訓練用コピー, drill.go) the first start does not ask
// who one is: it says the file is a drill copy and lists the staff the
// copy was taken with, narrowed by typing, to choose oneself from; the
// choice is remembered as a sign-up is. A person registered on a laptop
// is not taken back by the merge, and everything they write there is
// set aside (README, 避難訓練で使う): so registering anew is one esc
// away, but the form says what it leads to and asks again (y/n) before
// it saves. Only the App's own first start does this; a server's
// sign-up is for an SSH key and never lets one choose a person.

// drillStaffMsg brings the staff a drill copy was taken with.
type drillStaffMsg struct {
	staff []model.Staff
	err   error
}

// onDrill turns the form into a drill copy's, and reads whom to choose
// from.
func (f *signupForm) onDrill(d *model.DrillCopy) tea.Cmd {
	store, ok := f.c.Store.(model.DrillService)
	if !ok || d == nil {
		return nil
	}
	f.drill = d
	return func() tea.Msg {
		staff, err := store.DrillStaff(context.Background())
		return drillStaffMsg{staff: staff, err: err}
	}
}

// drillStaff opens the list of the staff that came.
func (f *signupForm) drillStaff(msg drillStaffMsg) {
	if msg.err != nil {
		f.err = f.c.Cat.Err(msg.err)
		return
	}
	f.staff = msg.staff
	f.openPeople()
}

// openPeople shows the list of whom to sign in as, over the form.
func (f *signupForm) openPeople() {
	if len(f.staff) == 0 {
		return
	}
	opts := make([]kit.Option, len(f.staff))
	for i, s := range f.staff {
		opts[i] = staffOption(s)
	}
	f.people = kit.NewFilterPicker(f.c.Cat.T("drill.signup.pick"), opts, "")
}

// choosePerson gives msg to the list of staff: a choice signs them in and
// is remembered; esc leaves the form to register anew, under its
// warning.
func (f *signupForm) choosePerson(msg tea.Msg) tea.Cmd {
	done, ok := f.people.Update(f.c, msg)
	if !done {
		return nil
	}
	i := f.people.Index()
	f.people = nil
	if !ok || i < 0 || f.saving {
		return nil
	}
	s, remember := f.staff[i], f.remember
	f.saving = true
	return func() tea.Msg {
		if remember != nil {
			if err := remember(s.ID); err != nil {
				return signupDoneMsg{err: err}
			}
		}
		return signupDoneMsg{staff: &s}
	}
}

// drillHead is the top of a drill copy's first start: what the file is,
// what to do, and what registering anew leads to.
func (f *signupForm) drillHead() []string {
	st, cat := f.c.Styles, f.c.Cat
	taken := f.drill.TakenAt
	lines := []string{"  " + st.Title.Render(cat.T("drill.signup.title", cat.Date(taken)+" "+cat.Clock(taken)))}
	wrap := func(key string, style func(...string) string) {
		for _, l := range strings.Split(kit.WrapWords(cat.T(key), f.width-4), "\n") {
			lines = append(lines, "  "+style(l))
		}
	}
	wrap("drill.signup.lead", st.Muted.Render)
	wrap("drill.signup.warn", st.Error.Render)
	return lines
}

// staffOption is a staff member as a choice: name, municipality and
// department, matched by the municipality's reading too.
func staffOption(s model.Staff) kit.Option {
	kana, romaji := model.MunicipalityReading(s.Municipality)
	return kit.Option{Value: s.ID, Label: kit.Clean(s.Name) + "  " + kit.Clean(s.Municipality) + " " + kit.Clean(s.Department), Keys: kana + " " + romaji}
}
