package ui

// What the App draws: the tab bar, the screen or layer on top, the
// status lines and the help.

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/ui/kit"
)

// View draws the tab bar, the active screen and the status line, each
// exactly as wide as the terminal.
func (a *App) View() tea.View {
	var v tea.View
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = a.c.Cat.T("app.name")
	if a.quitting {
		return v
	}
	if !a.fits() {
		if a.width > 0 {
			v.SetContent(kit.Clip(a.c.Cat.T("too.small", MinWidth, MinHeight, a.width, a.height), a.width))
		}
		return v
	}
	if a.signup != nil {
		v.SetContent(a.signup.View())
		v.Cursor = a.signup.Cursor()
		return v
	}
	if a.c.Me == nil {
		v.SetContent(kit.Block(strings.Join(a.statusLines(), "\n"), a.width, a.height))
		return v
	}
	top := a.current()
	if a.layer != nil {
		top = a.layer
	}
	body := ""
	if a.layer != nil || a.started[a.active] {
		// A screen not started has no size yet: after U, the screens are
		// made anew and start once the person is read.
		body = top.View()
	}
	if a.showHelp {
		body = a.helpView()
	}
	if a.actAs != nil {
		a.actAs.MaxWidth = a.width
		body = kit.Overlay(body, a.actAs.View(a.c, a.bodyHeight()), a.width, a.bodyHeight())
	}
	body = a.frameMemo.body.Block(body, a.width, a.bodyHeight())
	if a.gone != nil {
		body = a.goneBox(body, a.width, a.bodyHeight())
	}
	v.SetContent(a.frame(a.tabBar(), body, a.statusLines()))
	if a.actAs != nil {
		if cur := a.actAs.Cursor(a.c, a.width, a.bodyHeight()); cur != nil {
			cur.Y++
			v.Cursor = cur
		}
	} else if !a.showHelp && a.gone == nil {
		if cur := top.Cursor(); cur != nil {
			cur.Y++ // below the tab bar
			v.Cursor = cur
		}
	}
	return v
}

// frame puts the tab bar over body, whose last lines the status lines
// cover. The frame is mostly the one before (BlockMemo): it is put
// together again only when a part changed.
func (a *App) frame(bar, body string, status []string) string {
	m := &a.frameMemo
	joined := strings.Join(status, "\n")
	if m.out != "" && m.bar == bar && m.in == body && m.status == joined {
		return m.out
	}
	lines := strings.Split(body, "\n")
	lines = append(lines[:len(lines)-(len(status)-1)], status...)
	m.bar, m.in, m.status = bar, body, joined
	m.out = bar + "\n" + strings.Join(lines, "\n")
	return m.out
}

// frameMemo is the last frame and what it was put together from.
type frameMemo struct {
	body            kit.BlockMemo
	bar, in, status string
	out             string
}

// tabBar is the first line: the program's name, the tabs, and on the
// right the marks (drill, demo, read-only) and whom the program acts as.
// Where that does not fit whole, the municipality goes first; where the
// name still does not fit, the tabs close up (one space between them,
// the active one still marked).
func (a *App) tabBar() string {
	// The bar is the same frame after frame, and drawing it took 5% of a
	// server's time: it is drawn again only when what it shows changed.
	// A drill's mark is not remembered (its room changes with the tabs).
	var from string
	if a.drill == nil {
		from = a.tabBarFrom()
		if a.tabMemo.from == from && a.tabMemo.look == a.c.Styles.Look() && a.tabMemo.text != "" {
			a.tabHits = a.tabMemo.hits
			return a.tabMemo.text
		}
	}
	bar := a.tabLine(false)
	if me := a.c.Me; me != nil && !strings.Contains(bar.person, kit.Clean(me.Name)) {
		if tight := a.tabLine(true); kit.Width(tight.person) > kit.Width(bar.person) {
			bar = tight
		}
	}
	a.tabHits = bar.hits
	a.tabMemo = tabBarMemo{tabBarLine: bar, look: a.c.Styles.Look(), from: from}
	return bar.text
}

// tabBarMemo is a tab bar drawn and what it was drawn from (tabBarFrom).
type tabBarMemo struct {
	tabBarLine
	look kit.Look
	from string
}

// lineMemo is a line drawn and what it was drawn from.
type lineMemo struct {
	look       kit.Look
	from, text string
}

// tabBarFrom is everything the tab bar shows but a drill's mark, in one
// string: the width, the tabs with their badges, which is active, the
// marks and the person (the theme is the memo's look).
func (a *App) tabBarFrom() string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(a.width))
	b.WriteByte('|')
	b.WriteString(strconv.Itoa(a.active))
	b.WriteByte('|')
	for i, k := range a.tabKeys {
		b.WriteString(a.c.Cat.T(k))
		if bd, ok := a.screens[i].(badged); ok {
			b.WriteByte('(')
			b.WriteString(bd.Badge())
		}
		b.WriteByte('|')
	}
	b.WriteString(strconv.FormatBool(a.demo) + strconv.FormatBool(a.c.ReadOnly))
	if me := a.c.Me; me != nil {
		b.WriteString("|" + me.Name + "|" + me.Municipality)
	}
	return b.String()
}

// tabBarLine is a tab bar drawn: its text, where each tab is, and the
// person as shown.
type tabBarLine struct {
	text   string
	hits   []span
	person string
}

func (a *App) tabLine(tight bool) tabBarLine {
	st := a.c.Styles
	var b strings.Builder
	x := 0
	// Six tabs, badges and a read-only notice leave no room at 80 columns
	// for the whole name: the short one keeps the notice whole.
	name := " " + a.c.Cat.T("app.name") + " "
	if a.width < 100 {
		name = " " + a.c.Cat.T("app.short") + " "
	}
	if (a.drill != nil || a.demo) && a.width < 100 {
		name = " " // the drill or demo mark takes the room of the name (drill.go)
	}
	b.WriteString(st.Title.Render(name))
	x += kit.Width(name)
	var hits []span
	inactive := st.TabInactive
	if tight {
		inactive = inactive.Padding(0)
	}
	for i, k := range a.tabKeys {
		label := a.c.Cat.T(k)
		if b, ok := a.screens[i].(badged); ok && b.Badge() != "" {
			label += "(" + b.Badge() + ")"
		}
		cell := inactive.Render(label)
		if i == a.active {
			cell = st.TabActive.Render(label)
		}
		// One space on each side of every label, the active tab's own
		// padding where it has one, so that the labels keep their columns
		// whichever tab is active.
		if tight && i != a.active && i-1 != a.active {
			b.WriteString(" ")
			x++
		}
		w := kit.Width(cell)
		hits = append(hits, span{x, x + w})
		b.WriteString(cell)
		x += w
	}
	if tight && a.active != len(a.tabKeys)-1 {
		b.WriteString(" ")
		x++
	}
	left := b.String()
	// On the right, who is signed in; a read-only notice goes before and
	// is the last to be cut when the tabs leave little room.
	room := max(a.width-kit.Width(left)-1, 0)
	// The marks before the person. The read-only notice is kept whole
	// longest; then a drill copy's, shortened to leave the demo's room
	// too (a trainer's drill copy of the demo has both); the demo's goes
	// first when there is not room for all.
	readOnly := ""
	if a.c.ReadOnly {
		readOnly = st.Error.Render("[" + a.c.Cat.T("readonly") + "]")
	}
	marks := room - kit.Width(readOnly)
	demo := a.demoMark()
	if kit.Width(demo) > marks {
		demo = ""
	}
	drill := a.drillMark(marks - kit.Width(demo))
	if a.drill != nil && drill == "" {
		if drill = a.drillMark(marks); drill != "" {
			demo = ""
		}
	}
	notice := kit.Clip(demo+drill+readOnly, room)
	person := ""
	if me := a.c.Me; me != nil {
		person = kit.Clean(me.Name) + " " + kit.Clean(me.Municipality) + " "
	}
	lead := ""
	if notice != "" {
		lead = " "
	}
	rest := max(room-kit.Width(notice)-kit.Width(lead), 0)
	if me := a.c.Me; me != nil && kit.Width(person) > rest {
		// The name whole rather than the municipality cut.
		person = kit.Clean(me.Name) + " "
	}
	if (a.drill != nil || a.demo) && rest < 6 {
		rest = 0 // a name cut to a letter or two says nothing beside the mark
	}
	person = kit.Clip(person, rest)
	if person != "" {
		person = lead + person
	}
	right := notice + st.Muted.Render(person)
	gap := a.width - kit.Width(left) - kit.Width(right)
	return tabBarLine{text: kit.Fit(left+strings.Repeat(" ", max(gap, 0))+right, a.width), hits: hits, person: person}
}

// statusLines are the bottom of the screen: a question, a sentence (a
// long one takes up to three lines, over the bottom of the screen above
// it, until the next key), or the keys of what is shown.
func (a *App) statusLines() []string {
	st := a.c.Styles
	if a.ask != nil {
		return kit.ConfirmLines(a.c, a.ask.text, a.width)
	}
	if a.live.reconnecting {
		// A cluster is electing a new leader: what is done now waits.
		return []string{kit.Fit(st.Notice.Render(a.c.Cat.T("status.reconnecting")), a.width)}
	}
	if a.status != "" {
		style := st.Notice
		if a.isErr {
			style = st.Error
		}
		return kit.StatusLines(a.status, "", style, a.width, 3)
	}
	if a.c.Me == nil {
		return []string{strings.Repeat(" ", a.width)}
	}
	top := a.current()
	if a.layer != nil {
		top = a.layer
	}
	if a.actAs != nil {
		return []string{a.keys(a.c.Keys.PickerHelp(), false)}
	}
	return []string{a.keyLine(top)}
}

// keyLine is the keys of what is shown, as many as fit, ending with ?
// (every key) while the keys are commands; a key that does not fit is
// left out whole, never cut.
func (a *App) keyLine(top screen) string {
	bindings := top.ShortHelp()
	if a.canGoBack && a.layer == nil && !top.Capturing() {
		// esc goes back to the tab the open came from, and says where.
		k := a.c.Keys.Back
		back := []key.Binding{key.NewBinding(key.WithKeys("esc"),
			key.WithHelp("esc", a.c.Cat.T("back.to", a.c.Cat.T(a.tabKeys[a.cameFrom]))))}
		for _, b := range bindings {
			if !slices.Equal(b.Keys(), k.Keys()) {
				back = append(back, b)
			}
		}
		bindings = back
	}
	return a.keys(bindings, !top.Capturing())
}

// keys is the key line of bindings, ending with ? and q when commands
// is true (not while the person types).
func (a *App) keys(bindings []key.Binding, commands bool) string {
	// The line is the same frame after frame, and drawing it took 5% of
	// a server's time: it is drawn again only when its keys changed.
	var from strings.Builder
	from.WriteString(strconv.Itoa(a.width))
	from.WriteString(strconv.FormatBool(commands))
	for _, b := range append([]key.Binding{a.c.Keys.Help, a.c.Keys.Quit}, bindings...) {
		if b.Enabled() {
			h := b.Help()
			from.WriteString("|" + h.Key + "\x00" + h.Desc)
		}
	}
	look := a.c.Styles.Look()
	if a.keyMemo.from == from.String() && a.keyMemo.look == look && a.keyMemo.text != "" {
		return a.keyMemo.text
	}
	line := a.drawKeys(bindings, commands)
	a.keyMemo = lineMemo{look: look, from: from.String(), text: line}
	return line
}

func (a *App) drawKeys(bindings []key.Binding, commands bool) string {
	st, k := a.c.Styles, a.c.Keys
	item := func(b key.Binding) string {
		h := b.Help()
		return st.Key.Render(h.Key) + " " + st.Muted.Render(h.Desc)
	}
	const sep = "  "
	room := a.width - 1
	var tail []string
	if commands {
		// While the person types, ? and q are text, not commands.
		tail = append(tail, item(k.Help))
		if q := item(k.Quit); kit.Width(q) < room/4 {
			tail = append(tail, q)
		}
	}
	var end string
	if len(tail) > 0 {
		end = strings.Join(tail, sep)
	}
	used := kit.Width(end)
	var out []string
	for _, b := range bindings {
		if !b.Enabled() {
			continue
		}
		it := item(b)
		w := kit.Width(it) + len(sep)
		if used+w > room {
			if len(tail) > 1 {
				// Give up q before a key of the screen: ? lists it.
				used -= kit.Width(end) - kit.Width(tail[0])
				tail = tail[:1]
				end = tail[0]
				if used+w <= room {
					out = append(out, it)
					used += w
					continue
				}
			}
			break
		}
		out = append(out, it)
		used += w
	}
	if end != "" {
		out = append(out, end)
	}
	return kit.Fit(" "+strings.Join(out, sep), a.width)
}

// helpView lists every key: the global ones, then those of what is
// shown, group by group, in as many columns as the height needs. A group
// stays in one column unless it is taller than one; a key already listed
// with the same words is not listed again. Columns are as wide as what
// they hold where the screen is narrow, a description too long for the
// room left is cut, never a key.
func (a *App) helpView() string {
	k, cat, st := a.c.Keys, a.c.Cat, a.c.Styles
	top := a.current()
	if a.layer != nil {
		top = a.layer
	}
	type entry struct{ key, desc, title string }
	global := []key.Binding{k.Tab1, k.NextTab, k.PrevTab, k.Search, k.Inbox, k.Admin, k.Profile}
	if a.demo {
		global = append(global, k.ActAs)
	}
	global = append(global, k.Help, k.Quit)
	var blocks [][]entry
	seen := map[string]bool{}
	title := ""
	for i, g := range append([][]key.Binding{global}, top.FullHelp()...) {
		switch i {
		case 0:
			title = cat.T("help.global")
		case 1:
			title = cat.T("help.screen")
		}
		var b []entry
		for _, bind := range g {
			h := bind.Help()
			if h.Key == "" || seen[h.Key+"\x00"+h.Desc] {
				continue
			}
			seen[h.Key+"\x00"+h.Desc] = true
			b = append(b, entry{key: h.Key, desc: h.Desc})
		}
		if len(b) == 0 {
			continue
		}
		if title != "" {
			b = append([]entry{{title: title}}, b...)
			title = ""
		}
		blocks = append(blocks, b)
	}
	rows := max(a.bodyHeight()-2, 4)
	var cols [][]entry
	var cur []entry
	for _, b := range blocks {
		if len(cur) > 0 && len(cur)+1+len(b) > rows && len(b) <= rows {
			cols, cur = append(cols, cur), nil
		}
		if len(cur) > 0 {
			cur = append(cur, entry{})
		}
		for _, e := range b {
			if len(cur) == rows {
				cols, cur = append(cols, cur), nil
			}
			cur = append(cur, e)
		}
	}
	if len(cur) > 0 {
		cols = append(cols, cur)
	}
	// Each column's keys and descriptions, then its width: an equal share
	// of the screen where every column fits in one, else what it holds,
	// the widest cut until all fit.
	const gap = 2
	room := a.width - 1 - gap*(len(cols)-1)
	keyW, widths := make([]int, len(cols)), make([]int, len(cols))
	for c, col := range cols {
		for _, e := range col {
			keyW[c] = max(keyW[c], kit.Width(e.key))
		}
		for _, e := range col {
			widths[c] = max(widths[c], keyW[c]+1+kit.Width(e.desc), kit.Width(e.title))
		}
	}
	if share := room / max(len(cols), 1); slices.Max(append(widths, 0)) <= share {
		for c := range widths {
			widths[c] = share
		}
	}
	for sum(widths) > room {
		c := 0
		for i := range widths {
			if widths[i]-keyW[i] > widths[c]-keyW[c] {
				c = i
			}
		}
		if widths[c]-keyW[c] <= 5 {
			break
		}
		widths[c]--
	}
	lines := make([]string, rows)
	for c, col := range cols {
		for r := 0; r < rows; r++ {
			cell := ""
			switch {
			case r >= len(col):
			case col[r].title != "":
				cell = st.Title.Render(col[r].title)
			case col[r].key != "":
				cell = st.Key.Render(kit.Fit(col[r].key, keyW[c]+1)) + kit.Clip(col[r].desc, widths[c]-keyW[c]-1)
			}
			if c > 0 {
				lines[r] += strings.Repeat(" ", gap)
			}
			lines[r] += kit.Fit(cell, widths[c])
		}
	}
	return " " + st.Heading.Render(cat.T("help.title")) + "\n\n" + kit.Indent(strings.Join(lines, "\n"), 1)
}

// sum adds ns.
func sum(ns []int) int {
	t := 0
	for _, n := range ns {
		t += n
	}
	return t
}
