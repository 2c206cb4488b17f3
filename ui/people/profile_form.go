package people

import (
	"errors"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// profileForm edits the viewer's own profile: the year they joined, past
// departments with their years, the topics they are happy to be asked
// about, and whether search finds them. Labels and values keep one column
// each; a refusal shows under the row at fault, which gets the focus.
type profileForm struct {
	kit.FormKeys
	c       *kit.Common
	joined  kit.LineInput
	history []*historyRow
	topics  []*topicRow
	hidden  bool

	cells   []cell // what tab moves through, rebuilt when rows change
	focus   int
	errs    map[string]string // by the store's field: joined_year, history.N, topics.N
	general string
	initial string
	width   int
	height  int
	// order maps a row of the saved profile back to the form's row:
	// blank rows are not saved.
	historyOrder, topicOrder []int
}

type historyRow struct{ dept, from, to, muni kit.LineInput }

type topicRow struct {
	kind        int // index in model.TopicKinds
	label, note kit.LineInput
}

// cell is one stop of the focus: a field of a row, a button, or a choice.
type cell struct {
	kind string // "joined", "dept", "from", "to", "muni", "kind", "label", "note", "addHistory", "addTopic", "hidden"
	row  int
}

type profileSavedMsg struct{ err error }

func newProfileForm(c *kit.Common, p *model.Profile) *profileForm {
	f := &profileForm{c: c, errs: map[string]string{}, hidden: p.Hidden}
	f.joined.Limit = 4
	if p.JoinedYear > 0 {
		f.joined.SetValue(strconv.Itoa(p.JoinedYear))
	}
	for _, h := range p.History {
		r := f.addHistory()
		r.dept.SetValue(h.Department)
		r.from.SetValue(strconv.Itoa(h.FromYear))
		r.to.SetValue(strconv.Itoa(h.ToYear))
		r.muni.SetValue(h.Municipality)
	}
	for _, t := range p.Topics {
		r := f.addTopic()
		for i, k := range model.TopicKinds {
			if k == t.Kind {
				r.kind = i
			}
		}
		r.label.SetValue(t.Label)
		r.note.SetValue(t.Note)
	}
	f.layoutCells()
	f.initial = f.snapshot()
	return f
}

func (f *profileForm) addHistory() *historyRow {
	r := &historyRow{}
	r.dept.Limit, r.muni.Limit = model.MaxDepartmentLen, model.MaxPastMunicipalityLen
	r.from.Limit, r.to.Limit = 4, 4
	f.history = append(f.history, r)
	return r
}

func (f *profileForm) addTopic() *topicRow {
	r := &topicRow{}
	r.label.Limit, r.note.Limit = model.MaxTopicLen, model.MaxTopicNoteLen
	f.topics = append(f.topics, r)
	return r
}

// layoutCells lists the focus stops in the order they are drawn.
func (f *profileForm) layoutCells() {
	f.cells = []cell{{kind: "joined"}}
	for i := range f.history {
		f.cells = append(f.cells, cell{"dept", i}, cell{"from", i}, cell{"to", i}, cell{"muni", i})
	}
	f.cells = append(f.cells, cell{kind: "addHistory"})
	for i := range f.topics {
		f.cells = append(f.cells, cell{"kind", i}, cell{"label", i}, cell{"note", i})
	}
	f.cells = append(f.cells, cell{kind: "addTopic"}, cell{kind: "hidden"})
	f.focus = min(f.focus, len(f.cells)-1)
}

func (f *profileForm) snapshot() string {
	parts := []string{f.joined.Value(), strconv.FormatBool(f.hidden)}
	for _, r := range f.history {
		parts = append(parts, r.dept.Value(), r.from.Value(), r.to.Value(), r.muni.Value())
	}
	for _, r := range f.topics {
		parts = append(parts, strconv.Itoa(r.kind), r.label.Value(), r.note.Value())
	}
	return strings.Join(parts, "\x00")
}

// Dirty is true when the form holds input that is not saved.
func (f *profileForm) Dirty() bool { return f.snapshot() != f.initial }

func (f *profileForm) SetSize(w, h int) { f.width, f.height = w, h }

// input is the text field of a cell, nil for buttons and choices.
func (f *profileForm) input(c cell) *kit.LineInput {
	switch c.kind {
	case "joined":
		return &f.joined
	case "dept":
		return &f.history[c.row].dept
	case "from":
		return &f.history[c.row].from
	case "to":
		return &f.history[c.row].to
	case "muni":
		return &f.history[c.row].muni
	case "label":
		return &f.topics[c.row].label
	case "note":
		return &f.topics[c.row].note
	}
	return nil
}

// errKey is the store's field name of a cell's row.
func (f *profileForm) errKey(c cell) string {
	switch c.kind {
	case "joined":
		return "joined_year"
	case "dept", "from", "to", "muni":
		return "history." + strconv.Itoa(c.row)
	case "kind", "label", "note":
		return "topics." + strconv.Itoa(c.row)
	}
	return ""
}

// year reads a year field; full-width digits are fine.
func year(in kit.LineInput) (int, bool) {
	s := model.FoldText(in.Trimmed())
	if s == "" {
		return 0, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// profile is what the form says, blank rows left out; it notes which
// form row each saved row came from, and refuses a year that is not a
// number with the row's field name.
func (f *profileForm) profile() (*model.Profile, string, error) {
	p := &model.Profile{Hidden: f.hidden, History: []model.PastPost{}, Topics: []model.Topic{}}
	cat := f.c.Cat
	var ok bool
	if p.JoinedYear, ok = year(f.joined); !ok {
		return nil, "joined_year", errors.New(cat.T("people.form.year.number"))
	}
	f.historyOrder, f.topicOrder = nil, nil
	for i, r := range f.history {
		if r.dept.Trimmed() == "" && r.from.Trimmed() == "" && r.to.Trimmed() == "" && r.muni.Trimmed() == "" {
			continue
		}
		from, ok1 := year(r.from)
		to, ok2 := year(r.to)
		if !ok1 || !ok2 {
			return nil, "history." + strconv.Itoa(i), errors.New(cat.T("people.form.year.number"))
		}
		if to == 0 {
			to = from
		}
		p.History = append(p.History, model.PastPost{Department: r.dept.Trimmed(), Municipality: r.muni.Trimmed(), FromYear: from, ToYear: to})
		f.historyOrder = append(f.historyOrder, i)
	}
	for i, r := range f.topics {
		if r.label.Trimmed() == "" && r.note.Trimmed() == "" {
			continue
		}
		p.Topics = append(p.Topics, model.Topic{Kind: model.TopicKinds[r.kind], Label: r.label.Trimmed(), Note: r.note.Trimmed()})
		f.topicOrder = append(f.topicOrder, i)
	}
	return p, "", nil
}

// failed shows a refusal under the row at fault and moves the focus there.
func (f *profileForm) failed(err error) {
	f.Saving = false
	var e *model.Error
	if !errors.As(err, &e) || e.Field == "" {
		f.general = f.c.Cat.Err(err)
		return
	}
	f.fieldError(e.Field, f.c.Cat.Err(err))
}

// Closed is true once the form was saved or given up.
func (f *profileForm) Closed() bool { return f.FormKeys.Closed }

// fieldError puts text under the form row of the store's field (a row of
// the saved profile: history.N, topics.N) and focuses that row.
func (f *profileForm) fieldError(field, text string) {
	kind, n, _ := strings.Cut(field, ".")
	row, _ := strconv.Atoi(n)
	switch {
	case kind == "history" && n != "" && row < len(f.historyOrder):
		row = f.historyOrder[row]
	case kind == "topics" && n != "" && row < len(f.topicOrder):
		row = f.topicOrder[row]
	}
	if n == "" {
		// The whole list (too many rows): shown at its first row.
		row = 0
	}
	key := kind
	if kind == "history" || kind == "topics" {
		key = kind + "." + strconv.Itoa(row)
	}
	f.errs[key] = text
	for i, c := range f.cells {
		if f.errKey(c) == key {
			f.focus = i
			return
		}
	}
}

func (f *profileForm) save() tea.Cmd {
	f.errs, f.general = map[string]string{}, ""
	p, field, err := f.profile()
	if err != nil {
		f.fieldError(field, err.Error())
		return nil
	}
	if err := p.Validate(f.c.Now()); err != nil {
		f.failed(err)
		return nil
	}
	store, ctx := f.c.Store, f.c.Ctx()
	return func() tea.Msg { return profileSavedMsg{err: store.SaveProfile(ctx, p)} }
}

// Update handles keys and pastes; ok is false for messages that are not
// the form's.
func (f *profileForm) Update(msg tea.Msg) (tea.Cmd, bool) {
	cmd, ours, done := f.Key(f.c, msg, f.Dirty(), f.save)
	if !ours || done {
		return cmd, ours
	}
	cur := f.cells[f.focus]
	k, isKey := msg.(tea.KeyPressMsg)
	if isKey {
		switch k.String() {
		case "tab", "down":
			f.focus = (f.focus + 1) % len(f.cells)
			return nil, true
		case "shift+tab", "up":
			f.focus = (f.focus + len(f.cells) - 1) % len(f.cells)
			return nil, true
		case "ctrl+x":
			f.removeRow(cur)
			return nil, true
		case "enter":
			switch cur.kind {
			case "addHistory":
				f.addHistory()
				f.layoutCells()
				f.focusCell(cell{"dept", len(f.history) - 1})
			case "addTopic":
				f.addTopic()
				f.layoutCells()
				f.focusCell(cell{"kind", len(f.topics) - 1})
			default:
				f.focus = (f.focus + 1) % len(f.cells)
			}
			return nil, true
		case "left", "right", "space", " ", "h", "l":
			if cur.kind == "kind" || cur.kind == "hidden" {
				if cur.kind == "hidden" {
					f.hidden = !f.hidden
				} else {
					r := f.topics[cur.row]
					r.kind = (r.kind + choiceStep(k.String()) + len(model.TopicKinds)) % len(model.TopicKinds)
					delete(f.errs, f.errKey(cur))
				}
				return nil, true
			}
		}
	}
	if in := f.input(cur); in != nil && in.Update(msg) {
		delete(f.errs, f.errKey(cur))
	}
	return nil, true
}

func (f *profileForm) focusCell(want cell) {
	for i, c := range f.cells {
		if c == want {
			f.focus = i
		}
	}
}

// removeRow takes the focused history or topic row away.
func (f *profileForm) removeRow(c cell) {
	switch c.kind {
	case "dept", "from", "to", "muni":
		f.history = append(f.history[:c.row], f.history[c.row+1:]...)
	case "kind", "label", "note":
		f.topics = append(f.topics[:c.row], f.topics[c.row+1:]...)
	default:
		return
	}
	f.errs = map[string]string{}
	f.layoutCells()
}
