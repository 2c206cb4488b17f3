package handovers

import (
	"context"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"hiroba/model"
	"hiroba/ui/kit"
)

// revisionsView lists a note's revisions and shows what changed between
// two of them, section by section: removed lines marked "-", added lines
// "+", each in its colour.
type revisionsView struct {
	c      *kit.Common
	note   model.Handover
	revs   []model.HandoverRevision
	err    error
	cursor int
	base   int // the revision number chosen to compare against; 0 none
	closed bool
	width  int
	height int

	// The diff, when one is shown.
	diffing  bool
	from, to int
	diff     *kit.Reader[[]model.SectionDiff]
	diffErr  error
}

type revisionsLoadedMsg struct {
	v    *revisionsView
	revs []model.HandoverRevision
	err  error
}

func newRevisionsView(c *kit.Common, h model.Handover) *revisionsView {
	render := func(d []model.SectionDiff, w int) kit.Document { return renderDiff(d, w, c.Cat, c.Styles) }
	return &revisionsView{c: c, note: h, diff: kit.NewReader(c, render)}
}

func (v *revisionsView) Init() tea.Cmd {
	store, ctx, id := v.c.Store, v.c.Ctx(), v.note.ID
	return func() tea.Msg {
		revs, err := store.Revisions(ctx, id)
		return revisionsLoadedMsg{v: v, revs: revs, err: err}
	}
}

func (v *revisionsView) SetSize(w, h int) tea.Cmd {
	v.width, v.height = w, h
	v.diff.Pane.SetSize(w, h-3)
	if v.diffing {
		return v.loadDiff()
	}
	return nil
}

func (v *revisionsView) Update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case revisionsLoadedMsg:
		if msg.v != v {
			return nil, false
		}
		v.revs, v.err = msg.revs, msg.err
		return nil, true
	case tea.KeyPressMsg:
		return v.key(msg), true
	}
	if v.diff.Owns(msg) {
		_, cmd := v.diff.Update(msg)
		return cmd, true
	}
	return nil, false
}

func (v *revisionsView) key(msg tea.KeyPressMsg) tea.Cmd {
	if v.diffing {
		switch {
		case msg.String() == "esc" || msg.String() == "q":
			v.diffing = false
		case msg.String() == "up" || msg.String() == "k":
			v.diff.Pane.Scroll(-1)
		case msg.String() == "down" || msg.String() == "j":
			v.diff.Pane.Scroll(1)
		case msg.String() == "pgup" || msg.String() == "ctrl+b":
			v.diff.Pane.PageUp()
		case msg.String() == "pgdown" || msg.String() == "ctrl+f" || msg.String() == " " || msg.String() == "space":
			v.diff.Pane.PageDown()
		case msg.String() == "g" || msg.String() == "home":
			v.diff.Pane.Top()
		case msg.String() == "G" || msg.String() == "end":
			v.diff.Pane.Bottom()
		}
		return nil
	}
	switch {
	case msg.String() == "esc" || msg.String() == "q":
		v.closed = true
	case msg.String() == "up" || msg.String() == "k":
		v.cursor = max(v.cursor-1, 0)
	case msg.String() == "down" || msg.String() == "j":
		v.cursor = min(v.cursor+1, max(len(v.revs)-1, 0))
	case msg.String() == "space" || msg.String() == " ":
		if v.cursor < len(v.revs) {
			n := v.revs[v.cursor].Number
			if v.base == n {
				v.base = 0
			} else {
				v.base = n
			}
		}
	case msg.String() == "enter":
		if len(v.revs) < 2 {
			return kit.StatusCmd(v.c.Cat.T("hand.rev.one"), true)
		}
		to := v.revs[v.cursor].Number
		from := v.base
		if from == 0 || from == to {
			// Against the revision before it; the first against the second.
			if v.cursor+1 < len(v.revs) {
				from = v.revs[v.cursor+1].Number
			} else {
				from, to = to, v.revs[v.cursor-1].Number
			}
		}
		if from > to {
			from, to = to, from
		}
		v.from, v.to, v.diffing = from, to, true
		v.diff.Clear()
		return v.loadDiff()
	}
	return nil
}

func (v *revisionsView) loadDiff() tea.Cmd {
	store, id, from, to := v.c.Store, v.note.ID, v.from, v.to
	return v.diff.Load(fmt.Sprint(from, "-", to), func(ctx context.Context) ([]model.SectionDiff, error) {
		return store.DiffRevisions(ctx, id, from, to)
	})
}

// renderDiff draws the diff of two revisions at width w: each section
// under its heading with what happened to it, then its changed lines,
// wrapped, "-" in red and "+" in green; unchanged sections take one line.
func renderDiff(diffs []model.SectionDiff, w int, cat *kit.Catalog, st kit.Styles) kit.Document {
	var b strings.Builder
	changed := 0
	for _, d := range diffs {
		if d.Change == model.SectionSame && d.OldPosition == d.NewPosition {
			b.WriteString(st.Muted.Render(kit.Clip("   "+kit.Clean(d.Title)+"  ("+cat.T("hand.diff.same")+")", w)) + "\n")
			continue
		}
		changed++
		badge := ""
		switch d.Change {
		case model.SectionAdded:
			badge = st.BadgeGood.Render(cat.T("hand.diff.added"))
		case model.SectionRemoved:
			badge = st.Error.Render(cat.T("hand.diff.gone"))
		default:
			badge = st.BadgeWarn.Render(cat.T("hand.diff.edit"))
		}
		b.WriteString("\n" + kit.Clip(st.Title.Render("## "+kit.Clean(d.Title))+"  "+badge, w) + "\n")
		if d.OldTitle != "" {
			b.WriteString(kit.Clip(st.Muted.Render("   "+cat.T("hand.diff.rename", kit.Clean(d.OldTitle))), w) + "\n")
		}
		if d.OldPosition >= 0 && d.NewPosition >= 0 && d.OldPosition != d.NewPosition {
			b.WriteString(kit.Clip(st.Muted.Render("   "+cat.T("hand.diff.moved", d.OldPosition+1, d.NewPosition+1)), w) + "\n")
		}
		for _, l := range d.Lines {
			var style = st.Muted
			prefix := "  "
			switch l.Op {
			case model.DiffRemoved:
				style, prefix = st.Error, "- "
			case model.DiffAdded:
				style, prefix = st.Notice, "+ "
			case model.DiffGap:
				var n int
				fmt.Sscan(l.Text, &n)
				b.WriteString(st.Muted.Render(kit.Clip("  "+cat.T("hand.diff.gap", n), w)) + "\n")
				continue
			}
			text := model.CleanLine(strings.ReplaceAll(l.Text, "\t", "    "))
			for i, part := range strings.Split(kit.WrapWords(text, w-2), "\n") {
				p := prefix
				if i > 0 {
					p = strings.Repeat(" ", len(prefix))
				}
				b.WriteString(style.Render(p+part) + "\n")
			}
		}
	}
	if changed == 0 {
		return kit.Document{Text: st.Muted.Render(cat.T("hand.diff.none")) + "\n\n" + b.String()}
	}
	return kit.Document{Text: strings.TrimRight(b.String(), "\n")}
}

func (v *revisionsView) View() string {
	st, cat := v.c.Styles, v.c.Cat
	if v.diffing {
		head := " " + st.Heading.Render(kit.Clip(cat.T("hand.diff.title", v.from, v.to, kit.Clean(v.note.Duty)), v.width-2))
		return kit.Fit(head, v.width) + "\n" + v.diff.Pane.View() + "\n\n" + kit.Fit(" "+st.Muted.Render(cat.T("hand.diff.help")), v.width)
	}
	lines := []string{" " + st.Heading.Render(kit.Clip(cat.T("hand.rev.title", kit.Clean(v.note.Duty)), v.width-2)), ""}
	if v.err != nil {
		lines = append(lines, " "+st.Error.Render(cat.Err(v.err)))
	}
	rows := v.height - 5
	top := max(0, v.cursor-rows+1)
	for i := top; i < len(v.revs) && i < top+rows; i++ {
		r := v.revs[i]
		mark := ""
		if r.Number == v.base {
			mark = "  " + st.BadgeWarn.Render("["+cat.T("hand.rev.base")+"]")
		}
		row := fmt.Sprintf("%s  %s %s  %s", kit.Fit(cat.T("hand.rev.row", r.Number), 10), v.c.Cat.DateYMD(r.CreatedAt), v.c.Cat.Clock(r.CreatedAt), kit.Clean(r.AuthorName))
		if i == v.cursor {
			lines = append(lines, st.Selected.Render(kit.Fit(" > "+row+ansi.Strip(mark), v.width)))
		} else {
			lines = append(lines, kit.Fit("   "+row+mark, v.width))
		}
	}
	body := kit.Block(strings.Join(lines, "\n"), v.width, v.height-2)
	return body + "\n\n" + kit.Fit(" "+st.Muted.Render(cat.T("hand.rev.help")), v.width)
}
