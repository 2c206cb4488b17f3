package kit

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Styles are every style of the interface, in one place.
type Styles struct {
	TabActive   lipgloss.Style
	TabInactive lipgloss.Style
	Title       lipgloss.Style
	Muted       lipgloss.Style
	// Selected is the row or line the keys act on; SelectedDim the same
	// in a pane that does not have the keys.
	Selected    lipgloss.Style
	SelectedDim lipgloss.Style
	Badge       lipgloss.Style
	BadgeGood   lipgloss.Style
	BadgeWarn   lipgloss.Style
	Error       lipgloss.Style
	Notice      lipgloss.Style
	Status      lipgloss.Style
	Key         lipgloss.Style
	Separator   lipgloss.Style
	// Focus is the separator beside the pane that has the keys.
	Focus       lipgloss.Style
	Label       lipgloss.Style
	FieldActive lipgloss.Style
	// Input is a text field that is not a pane of its own, such as the
	// first start's name.
	Input   lipgloss.Style
	Heading lipgloss.Style
	Overlay lipgloss.Style
	// Confirm is a y/n question on the status line.
	Confirm lipgloss.Style
	// Mark is the small mark of a drill copy or a demo on the tab bar.
	Mark lipgloss.Style

	// The calendar's days.
	Sunday, Saturday, Today, Holiday lipgloss.Style

	// Colors are for styles made on the spot.
	Colors Palette
	// Theme is what the styles were made for.
	Theme Theme
}

// Theme is what the terminal shows the interface on: a light or a dark
// background, and whether colours can be used at all (NO_COLOR, a
// terminal of 16 colours or fewer).
type Theme struct {
	Light bool
	Mono  bool
}

// Palette is the interface's colours for one background. Every text
// colour reads at 4.5:1 or more (WCAG AA) on the backgrounds of the
// theme and on its own background where it has one (Sel, Dim, Tab);
// TestPaletteContrast measures them. They are colours of the xterm
// 256-colour table, so that a terminal of 256 colours shows them as
// they are.
type Palette struct {
	Accent, Muted, Good, Warn, Error color.Color
	SelFg, SelBg                     color.Color // the selection
	DimFg, DimBg                     color.Color // a selection without the keys; a field
	TabFg, TabBg                     color.Color // the active tab
}

// Backgrounds are the terminal backgrounds a palette is made to read
// on: the darkest and the lightest of what such terminals use.
func (t Theme) Backgrounds() []color.Color {
	if t.Light {
		return []color.Color{lipgloss.Color("#ffffff"), lipgloss.Color("#eeeeee")}
	}
	return []color.Color{lipgloss.Color("#000000"), lipgloss.Color("#303030")}
}

// darkPalette and lightPalette are the two palettes; the numbers are the
// xterm table's.
var (
	darkPalette = Palette{
		Accent: lipgloss.Color("#5fafd7"), // 74
		Muted:  lipgloss.Color("#9e9e9e"), // 247
		Good:   lipgloss.Color("#5faf5f"), // 71
		Warn:   lipgloss.Color("#d7af5f"), // 179
		Error:  lipgloss.Color("#ff8787"), // 210
		SelFg:  lipgloss.Color("#ffffff"), // 231
		SelBg:  lipgloss.Color("#005f87"), // 24
		DimFg:  lipgloss.Color("#eeeeee"), // 255
		DimBg:  lipgloss.Color("#444444"), // 238
		TabFg:  lipgloss.Color("#ffffff"), // 231
		TabBg:  lipgloss.Color("#005f87"), // 24
	}
	lightPalette = Palette{
		Accent: lipgloss.Color("#005faf"), // 25
		Muted:  lipgloss.Color("#626262"), // 241
		Good:   lipgloss.Color("#005f00"), // 22
		Warn:   lipgloss.Color("#875f00"), // 94
		Error:  lipgloss.Color("#af0000"), // 124
		SelFg:  lipgloss.Color("#000000"), // 16
		SelBg:  lipgloss.Color("#afd7ff"), // 153
		DimFg:  lipgloss.Color("#000000"), // 16
		DimBg:  lipgloss.Color("#d0d0d0"), // 252
		TabFg:  lipgloss.Color("#ffffff"), // 231
		TabBg:  lipgloss.Color("#005faf"), // 25
	}
)

// DefaultStyles returns the styles for a dark background, the theme
// until the terminal says otherwise.
// Choice draws one of a line of views to switch between: the one shown in
// brackets ([すべて]), each other as wide, between spaces, so that moving
// the choice moves nothing else on the line.
func (st Styles) Choice(label string, on bool) string {
	if on {
		return st.Key.Render("[" + label + "]")
	}
	return st.Muted.Render(" " + label + " ")
}

func DefaultStyles() Styles { return NewStyles(Theme{}) }

// NewStyles returns hiroba's styles for t. Without colours, what colour
// marks is marked another way: the selection in reverse video, the pane
// that has the keys with a solid bar, a field underlined.
func NewStyles(t Theme) Styles {
	if t.Mono {
		return monoStyles(t)
	}
	p := darkPalette
	if t.Light {
		p = lightPalette
	}
	fg := func(c color.Color) lipgloss.Style { return lipgloss.NewStyle().Foreground(c) }
	return Styles{
		TabActive:   lipgloss.NewStyle().Bold(true).Foreground(p.TabFg).Background(p.TabBg).Padding(0, 1),
		TabInactive: fg(p.Muted).Padding(0, 1),
		Title:       lipgloss.NewStyle().Bold(true),
		Muted:       fg(p.Muted),
		Selected:    lipgloss.NewStyle().Background(p.SelBg).Foreground(p.SelFg),
		SelectedDim: lipgloss.NewStyle().Background(p.DimBg).Foreground(p.DimFg),
		Badge:       fg(p.Accent),
		BadgeGood:   fg(p.Good),
		BadgeWarn:   fg(p.Warn),
		Error:       fg(p.Error),
		Notice:      fg(p.Good),
		Status:      fg(p.Muted),
		Key:         fg(p.Accent),
		Separator:   fg(p.Muted),
		Focus:       fg(p.Accent).Bold(true),
		Label:       fg(p.Muted),
		FieldActive: fg(p.Accent).Bold(true),
		Input:       lipgloss.NewStyle().Background(p.DimBg).Foreground(p.DimFg),
		Heading:     fg(p.Accent).Bold(true),
		Overlay:     lipgloss.NewStyle().Border(lipgloss.ASCIIBorder()).BorderForeground(p.Accent).Padding(0, 1),
		Confirm:     fg(p.Warn).Bold(true),
		Mark:        fg(p.Warn).Bold(true),

		Sunday:   fg(p.Error),
		Saturday: fg(p.Accent),
		Today:    fg(p.Good).Bold(true).Underline(true),
		Holiday:  fg(p.Error),

		Colors: p,
		Theme:  t,
	}
}

// monoStyles are the styles without colours: bold, underline and
// reverse video, which NO_COLOR leaves.
func monoStyles(t Theme) Styles {
	plain := lipgloss.NewStyle()
	bold := plain.Bold(true)
	none := lipgloss.NoColor{}
	return Styles{
		TabActive:   bold.Reverse(true).Padding(0, 1),
		TabInactive: plain.Padding(0, 1),
		Title:       bold,
		Muted:       plain,
		Selected:    plain.Reverse(true),
		SelectedDim: plain.Underline(true),
		Badge:       plain,
		BadgeGood:   plain,
		BadgeWarn:   bold,
		Error:       bold,
		Notice:      plain,
		Status:      plain,
		Key:         bold,
		Separator:   plain,
		Focus:       plain.Reverse(true),
		Label:       plain,
		FieldActive: bold.Underline(true),
		Input:       plain.Underline(true),
		Heading:     bold,
		Overlay:     plain.Border(lipgloss.ASCIIBorder()).Padding(0, 1),
		Confirm:     bold.Reverse(true),
		Mark:        bold, // its brackets mark it; reverse video is the active tab

		Sunday:   bold,
		Saturday: plain,
		Today:    bold.Underline(true),
		Holiday:  bold,

		Colors: Palette{Accent: none, Muted: none, Good: none, Warn: none, Error: none,
			SelFg: none, SelBg: none, DimFg: none, DimBg: none, TabFg: none, TabBg: none},
		Theme: t,
	}
}

// Palette is the theme's colours (all NoColor without colours).
func (t Theme) Palette() Palette { return NewStyles(t).Colors }
