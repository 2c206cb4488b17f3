package communities

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// communityForm creates a community, or edits one the person organises.
type communityForm struct {
	c       *kit.Common
	editing *model.Community // nil when creating
	created kit.CreatedID    // of the community it creates

	name, summary kit.LineInput
	category      int
	scope         int
	visibility    int
	scopes        []kit.Option
	desc          textarea.Model

	focus    int
	errs     map[string]string
	general  string
	preview  bool
	rendered string      // the description as previewed, rendered on ctrl+p
	picker   *kit.Picker // the municipalities, filtered as one types
	closed   bool
	saving   bool
	initial  string
	width    int
	height   int
}

// Form fields, in tab order.
const (
	fieldName = iota
	fieldCategory
	fieldScope
	fieldVisibility
	fieldSummary
	fieldDescription
	fieldCount
)

var visibilities = []string{model.VisibilityOpen, model.VisibilityMembers}

// formFields are the fields by the name a refusal gives them.
var formFields = map[string]int{"name": fieldName, "category": fieldCategory, "municipality": fieldScope, "scope": fieldScope,
	"visibility": fieldVisibility, "summary": fieldSummary, "description": fieldDescription}

type communitySavedMsg struct {
	name string
	err  error
}

const labelWidth = 18

func newCommunityForm(c *kit.Common, editing *model.Community, scopes []kit.Option) *communityForm {
	f := &communityForm{c: c, editing: editing, scopes: scopes, errs: map[string]string{}}
	f.name.Limit = model.MaxCommunityNameLen
	f.summary.Limit = model.MaxCommunitySummaryLen
	f.desc = textarea.New()
	f.desc.ShowLineNumbers = false
	f.desc.Prompt = "  "
	f.desc.CharLimit = model.MaxDescriptionLen
	f.desc.SetVirtualCursor(false)
	if editing != nil {
		f.name.SetValue(editing.Name)
		f.summary.SetValue(editing.Summary)
		f.desc.SetValue(model.CleanText(editing.Description))
		for i, k := range model.Categories {
			if k == editing.Category {
				f.category = i
			}
		}
		for i, o := range scopes {
			if o.Value == editing.MunicipalityID || (editing.MunicipalityID == "" && o.Value == model.AreaWide) {
				f.scope = i
			}
		}
		if editing.Visibility == model.VisibilityMembers {
			f.visibility = 1
		}
	} else if c.Me != nil {
		// A new community starts in the person's own municipality.
		for i, o := range scopes {
			if o.Value == c.Me.MunicipalityID {
				f.scope = i
			}
		}
	}
	f.initial = f.snapshot()
	return f
}

func (f *communityForm) snapshot() string {
	return strings.Join([]string{f.name.Value(), f.summary.Value(), f.desc.Value(), string(rune('0' + f.category)), string(rune('0' + f.scope)), string(rune('0' + f.visibility))}, "\x00")
}

// Dirty is true when the form holds input that is not saved.
func (f *communityForm) Dirty() bool { return f.snapshot() != f.initial }

func (f *communityForm) Focus() tea.Cmd {
	f.focus = fieldName
	f.desc.Blur()
	return nil
}

func (f *communityForm) SetSize(w, h int) {
	if f.preview && w != f.width {
		f.rendered = kit.RenderMarkdown(f.desc.Value(), w-2, f.c.Cat)
	}
	f.width, f.height = w, h
	f.desc.SetWidth(w - 2)
	f.desc.SetHeight(f.descHeight())
}

func (f *communityForm) descHeight() int {
	used := 2 + fieldDescription + 1 + 2 // title, blank, fields, label, help + general error
	for range f.errs {
		used++
	}
	return max(f.height-used, 3)
}

func (f *communityForm) community() *model.Community {
	com := &model.Community{}
	if f.editing != nil {
		*com = *f.editing
	}
	com.Name = strings.TrimSpace(f.name.Value())
	com.Summary = strings.TrimSpace(f.summary.Value())
	com.Description = f.desc.Value()
	com.Category = model.Categories[f.category]
	com.Visibility = visibilities[f.visibility]
	com.MunicipalityID = f.scopes[f.scope].Value
	if com.MunicipalityID == model.AreaWide {
		com.MunicipalityID = ""
	}
	return com
}

// Failed shows a save error, next to its field when it has one.
func (f *communityForm) Failed(err error) tea.Cmd {
	f.saving = false
	var e *model.Error
	if errors.As(err, &e) && e.Field != "" {
		f.errs[e.Field] = f.c.Cat.Err(err)
		if i, ok := formFields[e.Field]; ok {
			f.setFocus(i)
		}
		f.SetSize(f.width, f.height)
		return nil
	}
	f.general = f.c.Cat.Err(err)
	return nil
}

func (f *communityForm) save() tea.Cmd {
	com := f.community()
	f.errs = map[string]string{}
	f.general = ""
	if err := com.Validate(); err != nil {
		return f.Failed(err)
	}
	f.saving = true
	store, ctx, editing := f.c.Store, f.c.Ctx(), f.editing != nil
	if !editing {
		com.ID = f.created.For(f.c.Now())
	}
	return func() tea.Msg {
		var err error
		if editing {
			err = store.UpdateCommunity(ctx, com)
		} else {
			err = store.CreateCommunity(ctx, com)
		}
		return communitySavedMsg{name: com.Name, err: err}
	}
}

// Update handles a message meant for the form; ok is false for messages
// that are not the form's.
func (f *communityForm) Update(msg tea.Msg) (tea.Cmd, bool) {
	if d, ok := msg.(kit.DiscardMsg); ok {
		f.closed = f.closed || d.Form == f
		return nil, d.Form == f
	}
	key, isKey := msg.(tea.KeyPressMsg)
	if !isKey {
		if _, paste := msg.(tea.PasteMsg); !paste {
			return nil, false
		}
	}
	if f.picker != nil {
		if done, ok := f.picker.Update(f.c, msg); done {
			if ok {
				f.scope = f.picker.Index()
			}
			f.picker = nil
		}
		return nil, true
	}
	if isKey && key.String() == "enter" && f.focus == fieldScope {
		f.picker = kit.NewFilterPicker(f.c.Cat.T("form.scope"), f.scopes, f.scopes[f.scope].Value)
		return nil, true
	}
	if isKey {
		switch key.String() {
		case "esc":
			if f.preview {
				f.preview = false
			} else if f.Dirty() {
				return kit.AskDiscard(f.c, f), true
			} else {
				f.closed = true
			}
			return nil, true
		case "ctrl+s":
			if f.saving {
				return nil, true
			}
			return f.save(), true
		case "ctrl+p":
			f.preview = !f.preview
			if f.preview {
				f.rendered = kit.RenderMarkdown(f.desc.Value(), f.width-2, f.c.Cat)
			}
			return nil, true
		case "tab":
			f.setFocus((f.focus + 1) % fieldCount)
			return nil, true
		case "shift+tab":
			f.setFocus((f.focus + fieldCount - 1) % fieldCount)
			return nil, true
		}
	}
	if f.preview {
		return nil, true
	}
	switch f.focus {
	case fieldName:
		if f.name.Update(msg) {
			delete(f.errs, "name")
		}
	case fieldSummary:
		if f.summary.Update(msg) {
			delete(f.errs, "summary")
		}
	case fieldDescription:
		var cmd tea.Cmd
		f.desc, cmd = f.desc.Update(msg)
		delete(f.errs, "description")
		return cmd, true
	case fieldCategory, fieldScope, fieldVisibility:
		if !isKey {
			break
		}
		d := 0
		switch key.String() {
		case "right", "l", "space", " ":
			d = 1
		case "left", "h":
			d = -1
		case "up", "k":
			f.setFocus(f.focus - 1)
		case "down", "j", "enter":
			f.setFocus(f.focus + 1)
		}
		switch f.focus {
		case fieldCategory:
			f.category = (f.category + d + len(model.Categories)) % len(model.Categories)
		case fieldScope:
			f.scope = (f.scope + d + len(f.scopes)) % len(f.scopes)
		case fieldVisibility:
			f.visibility = (f.visibility + d + len(visibilities)) % len(visibilities)
		}
	}
	if isKey && key.String() == "enter" && (f.focus == fieldName || f.focus == fieldSummary) {
		f.setFocus(f.focus + 1)
	}
	return nil, true
}

func (f *communityForm) setFocus(i int) {
	f.focus = min(max(i, 0), fieldCount-1)
	if f.focus == fieldDescription {
		f.desc.Focus()
	} else {
		f.desc.Blur()
	}
}

// View draws the form in exactly width x height.
func (f *communityForm) View() string {
	st, cat := f.c.Styles, f.c.Cat
	title := cat.T("form.new.community")
	if f.editing != nil {
		title = cat.T("form.edit.community")
	}
	lines := []string{" " + st.Heading.Render(title), ""}
	label := func(field int, key string) string {
		s := " " + kit.Fit(cat.T(key), kit.LabelWidth-1)
		if f.focus == field {
			return st.FieldActive.Render(s)
		}
		return st.Label.Render(s)
	}
	choice := func(field int, text string) string { return kit.Choice(st, text, f.focus == field) }
	fieldW := f.width - kit.LabelWidth - 1
	errLine := func(field string) {
		if e, ok := f.errs[field]; ok {
			lines = append(lines, strings.Repeat(" ", kit.LabelWidth)+st.Error.Render(kit.Clip(e, fieldW)))
		}
	}
	nameView, _ := f.name.View(fieldW)
	lines = append(lines, label(fieldName, "form.name")+nameView)
	errLine("name")
	lines = append(lines, label(fieldCategory, "form.category")+choice(fieldCategory, cat.Category(model.Categories[f.category])))
	errLine("category")
	scope := choice(fieldScope, kit.Clean(f.scopes[f.scope].Label))
	if f.focus == fieldScope {
		scope += st.Muted.Render("  " + cat.T("form.scope.pick"))
	}
	lines = append(lines, label(fieldScope, "form.scope")+scope)
	lines = append(lines, label(fieldVisibility, "form.visibility")+choice(fieldVisibility, cat.T("visibility."+visibilities[f.visibility])))
	errLine("visibility")
	summaryView, _ := f.summary.View(fieldW)
	lines = append(lines, label(fieldSummary, "form.summary")+summaryView)
	errLine("summary")
	if f.preview {
		lines = append(lines, " "+st.FieldActive.Render(cat.T("form.preview")))
		lines = append(lines, f.rendered)
	} else {
		lines = append(lines, label(fieldDescription, "form.description"))
		errLine("description")
		lines = append(lines, f.desc.View())
	}
	body := kit.Block(strings.Join(lines, "\n"), f.width, f.height-2)
	foot := st.Muted.Render(cat.T("form.help"))
	if f.general != "" {
		foot = st.Error.Render(f.general)
	}
	out := body + "\n\n" + kit.Fit(" "+foot, f.width)
	if f.picker != nil {
		out = kit.Overlay(out, f.picker.View(f.c, f.height), f.width, f.height)
	}
	return out
}

// Cursor is the real terminal cursor in the focused text field.
func (f *communityForm) Cursor() *tea.Cursor {
	if f.picker != nil {
		return f.picker.Cursor(f.c, f.width, f.height)
	}
	if f.preview {
		return nil
	}
	fieldW := f.width - kit.LabelWidth - 1
	row := 2
	errBefore := func(fields ...string) int {
		n := 0
		for _, k := range fields {
			if _, ok := f.errs[k]; ok {
				n++
			}
		}
		return n
	}
	switch f.focus {
	case fieldName:
		_, col := f.name.View(fieldW)
		return tea.NewCursor(kit.LabelWidth+col, row)
	case fieldSummary:
		_, col := f.summary.View(fieldW)
		return tea.NewCursor(kit.LabelWidth+col, row+4+errBefore("name", "category", "visibility"))
	case fieldDescription:
		c := f.desc.Cursor()
		if c == nil {
			return nil
		}
		c.Y += row + 6 + errBefore("name", "category", "visibility", "summary", "description")
		return c
	}
	return nil
}
