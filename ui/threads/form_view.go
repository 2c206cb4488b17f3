package threads

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// View draws the form in exactly width x height.
func (f *threadForm) View() string {
	st, cat := f.c.Styles, f.c.Cat
	title := map[int]string{formNewThread: cat.T("form.thread.new"), formEditThread: cat.T("form.thread.edit"),
		formReply: cat.T("form.reply.new"), formEditReply: cat.T("form.reply.edit")}[f.mode]
	if f.thread != nil && f.mode != formEditThread {
		title += "  " + st.Muted.Render(kit.Clean(f.thread.Title))
	}
	lines := []string{" " + st.Heading.Render(title), ""}
	fieldW := f.width - kit.LabelWidth - 1
	label := func(field int, key string) string {
		s := " " + kit.Fit(cat.T(key), kit.LabelWidth-1)
		if f.field() == field {
			return st.FieldActive.Render(s)
		}
		return st.Label.Render(s)
	}
	choice := func(field int, text string) string { return kit.Choice(st, text, f.field() == field) }
	for _, fl := range f.fields {
		var l string
		switch in, key := f.line(fl); {
		case in != nil:
			v, _ := in.View(fieldW)
			l = label(fl, key) + v
		case fl == tfCommunity:
			name := cat.T("form.thread.no.community")
			if len(f.communities) > 0 {
				name = kit.Clean(f.communities[f.community].Label)
			}
			l = label(fl, "form.community") + choice(fl, name)
			if f.field() == fl {
				l += st.Muted.Render("  " + cat.T("form.pick"))
			}
		case fl == tfKind:
			l = label(fl, "form.kind") + choice(fl, cat.Kind(model.ThreadKinds[f.kind]))
		case fl == tfAnonymous:
			l = label(fl, "form.anonymous") + choice(fl, cat.T("form.anonymous."+strconv.FormatBool(f.anonymous)))
		case fl == tfSupport:
			l = label(fl, "form.support") + choice(fl, cat.T("support."+supportTypes[f.support]))
		case fl == tfBody:
			head := cat.T("form.body")
			if f.body.Previewing() {
				head = cat.T("form.preview")
			}
			l = " " + st.Label.Render(head)
			if f.field() == fl {
				l = " " + st.FieldActive.Render(head)
			}
			if e, ok := f.errs["body"]; ok {
				l += "  " + st.Error.Render(e)
			}
			lines = append(lines, kit.Clip(l, f.width))
			continue
		}
		lines = append(lines, kit.Clip(l, f.width))
		if e, ok := f.errs[threadFieldName(fl)]; ok {
			lines = append(lines, strings.Repeat(" ", kit.LabelWidth)+st.Error.Render(kit.Clip(e, fieldW)))
		}
	}
	top := strings.Join(lines, "\n")
	v := top + "\n" + kit.Indent(f.body.View(), 2)
	foot := f.foot()
	body := kit.Block(v, f.width, f.height-len(foot))
	out := body + "\n" + strings.Join(foot, "\n")
	if f.picker != nil {
		out = kit.Overlay(out, f.picker.View(f.c, f.height), f.width, f.height)
	}
	return out
}

// topLines is the number of lines above the composer.
func (f *threadForm) topLines() int {
	n := 2 + len(f.fields)
	for _, fl := range f.fields {
		if _, ok := f.errs[threadFieldName(fl)]; ok && fl != tfBody {
			n++
		}
	}
	return n
}

// Cursor is the real terminal cursor in the focused text field.
func (f *threadForm) Cursor() *tea.Cursor {
	if f.picker != nil {
		return f.picker.Cursor(f.c, f.width, f.height)
	}
	fieldW := f.width - kit.LabelWidth - 1
	row := 2
	for _, fl := range f.fields {
		var in *kit.LineInput
		switch fl {
		case tfTitle:
			in = &f.title
		case tfTags:
			in = &f.tags
		case tfSlots:
			in = &f.slots
		case tfDeadline:
			in = &f.deadline
		case tfPlace:
			in = &f.place
		}
		if fl == f.field() {
			if fl == tfBody {
				c := f.body.Cursor()
				if c == nil {
					return nil
				}
				c.X += 2
				c.Y += f.topLines()
				return c
			}
			if in == nil {
				return nil
			}
			_, col := in.View(fieldW)
			return tea.NewCursor(kit.LabelWidth+col, row)
		}
		row++
		if _, ok := f.errs[threadFieldName(fl)]; ok {
			row++
		}
	}
	return nil
}

// line is a field of one line of text and its label's key; nil for the
// other fields.
func (f *threadForm) line(field int) (*kit.LineInput, string) {
	switch field {
	case tfTitle:
		return &f.title, "form.title"
	case tfTags:
		return &f.tags, "form.tags"
	case tfSlots:
		return &f.slots, "form.slots"
	case tfDeadline:
		return &f.deadline, "form.deadline"
	case tfPlace:
		return &f.place, "form.place"
	}
	return nil, ""
}
