package kittest

import (
	"bytes"
	"fmt"
	"image/color"
	"sort"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"

	"hiroba/ui/kit"
)

// A styled screen is a frame as its golden file shows it: the text
// without colours, then a map of the styles, one letter a cell, then a
// legend that names each letter's style and its colours. A reviewer
// reads where the selection is (S), which pane has the keys (F, the bar
// beside it) and the active tab (T) from the map, and a palette change
// from the legend. Lines with no style at all are left out of the map;
// "." is text without a style.

// role is one of the styles of kit.Styles that a map letter names.
type role struct {
	letter byte
	name   string
	style  func(kit.Styles) lipgloss.Style
}

// roles are the styles a cell is named after, the first that matches
// winning where two look the same (without colours Selected and Focus
// are both reverse video). Those with letter 0 only add their name to
// the legend of the letter whose style they share.
var roles = []role{
	{'S', "Selected", func(s kit.Styles) lipgloss.Style { return s.Selected }},
	{'D', "SelectedDim", func(s kit.Styles) lipgloss.Style { return s.SelectedDim }},
	{'T', "TabActive", func(s kit.Styles) lipgloss.Style { return s.TabActive }},
	{'F', "Focus", func(s kit.Styles) lipgloss.Style { return s.Focus }},
	{'C', "Confirm", func(s kit.Styles) lipgloss.Style { return s.Confirm }},
	{'K', "Mark", func(s kit.Styles) lipgloss.Style { return s.Mark }},
	{'I', "Input", func(s kit.Styles) lipgloss.Style { return s.Input }},
	{'A', "FieldActive", func(s kit.Styles) lipgloss.Style { return s.FieldActive }},
	{'B', "Title", func(s kit.Styles) lipgloss.Style { return s.Title }},
	{'E', "Error", func(s kit.Styles) lipgloss.Style { return s.Error }},
	{'H', "Heading", func(s kit.Styles) lipgloss.Style { return s.Heading }},
	{'Y', "Today", func(s kit.Styles) lipgloss.Style { return s.Today }},
	{'k', "Key", func(s kit.Styles) lipgloss.Style { return s.Key }},
	{'a', "Badge", func(s kit.Styles) lipgloss.Style { return s.Badge }},
	{'g', "BadgeGood", func(s kit.Styles) lipgloss.Style { return s.BadgeGood }},
	{'w', "BadgeWarn", func(s kit.Styles) lipgloss.Style { return s.BadgeWarn }},
	{'m', "Muted", func(s kit.Styles) lipgloss.Style { return s.Muted }},
	{0, "TabInactive", func(s kit.Styles) lipgloss.Style { return s.TabInactive }},
	{0, "Status", func(s kit.Styles) lipgloss.Style { return s.Status }},
	{0, "Separator", func(s kit.Styles) lipgloss.Style { return s.Separator }},
	{0, "Label", func(s kit.Styles) lipgloss.Style { return s.Label }},
	{0, "Notice", func(s kit.Styles) lipgloss.Style { return s.Notice }},
	{0, "Sunday", func(s kit.Styles) lipgloss.Style { return s.Sunday }},
	{0, "Saturday", func(s kit.Styles) lipgloss.Style { return s.Saturday }},
	{0, "Holiday", func(s kit.Styles) lipgloss.Style { return s.Holiday }},
}

// others are the letters of styles no role has (the documents' own
// colours), given in the order they first appear.
const others = "0123456789bcdfhijlnopqrstuvxyz"

// Screen is frame as a golden file shows it, drawn with st. A frame
// drawn without colours is shown as a terminal without colours shows
// it, every colour dropped (NO_COLOR, colorprofile.Ascii).
func Screen(frame string, st kit.Styles) string {
	lines := shown(frame, st)
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(strings.TrimRight(l.String(), " ") + "\n")
	}

	named := roleStyles(st)
	letterOf := map[uv.Style]byte{}
	var order []uv.Style // the styles of the frame, as they first appear
	unnamed := 0
	b.WriteString("--- styles\n")
	for y, l := range lines {
		row := make([]byte, 0, len(l))
		for x := 0; x < len(l); x++ {
			c := l[x]
			s := c.Style
			letter, ok := letterOf[s]
			if !ok {
				letter = letterFor(s, named)
				if letter == 0 {
					letter = '?'
					if unnamed < len(others) {
						letter = others[unnamed]
					}
					unnamed++
				}
				letterOf[s] = letter
				order = append(order, s)
			}
			for range max(c.Width, 1) {
				row = append(row, letter)
			}
			if c.Width > 1 {
				x += c.Width - 1
			}
		}
		if t := strings.TrimRight(string(row), "."); t != "" {
			fmt.Fprintf(&b, "%02d %s\n", y, t)
		}
	}

	b.WriteString("--- legend\n")
	sort.SliceStable(order, func(i, j int) bool {
		return legendRank(letterOf[order[i]]) < legendRank(letterOf[order[j]])
	})
	for _, s := range order {
		letter := letterOf[s]
		if letter == '.' {
			continue
		}
		desc := describe(s, st.Colors)
		if names := namesOf(s, named); names != "" {
			desc = names + ": " + desc
		}
		fmt.Fprintf(&b, "%c  %s\n", letter, desc)
	}
	return b.String()
}

// Selected is the number of cells below the tab bar drawn in st's
// selection style, in runs of two or more (a bar a cell wide beside a
// pane is the focus, not a selection): 0 when nothing shows which row
// the keys act on.
func Selected(frame string, st kit.Styles) int {
	sel := cellStyle(st.Selected)
	if sel == (uv.Style{}) {
		return 0
	}
	n := 0
	for _, l := range shown(frame, st)[1:] {
		run := 0
		for _, c := range l {
			switch {
			case c.Width == 0: // the second cell of a wide character
			case c.Style == sel:
				run += c.Width
			default:
				if run > 1 {
					n += run
				}
				run = 0
			}
		}
		if run > 1 {
			n += run
		}
	}
	return n
}

// DrawnIn reports for each line of frame whether it shows text and
// every cell of it but blanks is drawn in s, as the status line's y/n
// question is in Confirm.
func DrawnIn(frame string, st kit.Styles, s lipgloss.Style) []bool {
	want := cellStyle(s)
	lines := shown(frame, st)
	in := make([]bool, len(lines))
	for y, l := range lines {
		for _, c := range l {
			if c.Content == " " || c.Content == "" {
				continue
			}
			if c.Style != want {
				in[y] = false
				break
			}
			in[y] = true
		}
	}
	return in
}

// shown is frame as a terminal shows it when hiroba draws with st: one
// without colours drops them all.
func shown(frame string, st kit.Styles) []uv.Line {
	if st.Theme.Mono {
		var b bytes.Buffer
		w := &colorprofile.Writer{Forward: &b, Profile: colorprofile.Ascii}
		if _, err := w.WriteString(frame); err == nil {
			frame = b.String()
		}
	}
	return cells(frame)
}

// cells is frame as a terminal shows it, a line of cells a line.
func cells(frame string) []uv.Line {
	ss := uv.NewStyledString(frame)
	buf := uv.NewScreenBuffer(max(ss.UnicodeWidth(), 1), ss.Height())
	ss.Draw(buf, buf.Bounds())
	lines := make([]uv.Line, buf.Height())
	for y := range lines {
		lines[y] = buf.Line(y)
	}
	return lines
}

type namedStyle struct {
	role
	cell uv.Style
}

func roleStyles(st kit.Styles) []namedStyle {
	out := make([]namedStyle, len(roles))
	for i, r := range roles {
		out[i] = namedStyle{r, cellStyle(r.style(st))}
	}
	return out
}

// cellStyle is the style a cell drawn with s has.
func cellStyle(s lipgloss.Style) uv.Style {
	for _, l := range cells(s.Render("x")) {
		for _, c := range l {
			if c.Content == "x" {
				return c.Style
			}
		}
	}
	return uv.Style{}
}

// letterFor is the letter of s: "." without a style, the first role
// drawn so, else 0.
func letterFor(s uv.Style, named []namedStyle) byte {
	if s == (uv.Style{}) {
		return '.'
	}
	for _, r := range named {
		if r.letter != 0 && r.cell == s {
			return r.letter
		}
	}
	return 0
}

// legendRank puts the roles first, in their order, then the others.
func legendRank(letter byte) int {
	for i, r := range roles {
		if r.letter == letter {
			return i
		}
	}
	return len(roles) + strings.IndexByte(others, letter)
}

// namesOf names the roles drawn as s.
func namesOf(s uv.Style, named []namedStyle) string {
	var names []string
	for _, r := range named {
		if r.cell == s {
			names = append(names, r.name)
		}
	}
	return strings.Join(names, " ")
}

// describe says what s does: its attributes, then its colours by their
// names in p and their values.
func describe(s uv.Style, p kit.Palette) string {
	var parts []string
	for _, a := range []struct {
		bit  uint8
		name string
	}{{uv.AttrBold, "bold"}, {uv.AttrFaint, "faint"}, {uv.AttrItalic, "italic"}, {uv.AttrReverse, "reverse"}, {uv.AttrStrikethrough, "strike"}} {
		if s.Attrs&a.bit != 0 {
			parts = append(parts, a.name)
		}
	}
	if s.Underline != uv.UnderlineNone {
		parts = append(parts, "underline")
	}
	if s.Fg != nil {
		parts = append(parts, "fg "+colorName(s.Fg, p))
	}
	if s.Bg != nil {
		parts = append(parts, "bg "+colorName(s.Bg, p))
	}
	return strings.Join(parts, ", ")
}

// colorName is c as #rrggbb, after the names it has in p.
func colorName(c color.Color, p kit.Palette) string {
	hex := func(c color.Color) string {
		if c == nil {
			return ""
		}
		if _, none := c.(lipgloss.NoColor); none {
			return ""
		}
		r, g, b, _ := c.RGBA()
		return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
	}
	v := hex(c)
	switch c := c.(type) {
	case ansi.BasicColor:
		v = fmt.Sprintf("ansi %d", c)
	case ansi.IndexedColor:
		v = fmt.Sprintf("xterm %d", c)
	}
	var names []string
	for _, n := range []struct {
		name string
		c    color.Color
	}{{"Accent", p.Accent}, {"Muted", p.Muted}, {"Good", p.Good}, {"Warn", p.Warn}, {"Error", p.Error},
		{"SelFg", p.SelFg}, {"SelBg", p.SelBg}, {"DimFg", p.DimFg}, {"DimBg", p.DimBg}, {"TabFg", p.TabFg}, {"TabBg", p.TabBg}} {
		if h := hex(n.c); h != "" && h == hex(c) {
			names = append(names, n.name)
		}
	}
	if len(names) == 0 {
		return v
	}
	return strings.Join(names, "/") + " " + v
}
