package kit

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Styles are every style of the interface, in one place.
type Styles struct {
	TabActive   lipgloss.Style
	TabInactive lipgloss.Style
	TabBar      lipgloss.Style
	Title       lipgloss.Style
	Muted       lipgloss.Style
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
	Label       lipgloss.Style
	FieldActive lipgloss.Style
	Heading     lipgloss.Style
	Overlay     lipgloss.Style

	// The calendar's days.
	Sunday, Saturday, Today, Holiday lipgloss.Style

	// Colors are for styles made on the spot, such as a search match on
	// the selected row's background.
	Colors Palette
}

// Palette is the interface's colours.
type Palette struct {
	Accent, Muted, Good, Warn, Error color.Color
}

var (
	colAccent = lipgloss.Color("#5FAFD7")
	colMuted  = lipgloss.Color("#8A8A8A")
	colGood   = lipgloss.Color("#5FAF5F")
	colWarn   = lipgloss.Color("#D7AF5F")
	colError  = lipgloss.Color("#FF5F5F")
	colSelBg  = lipgloss.Color("#304A5E")
	colBarBg  = lipgloss.Color("#262626")
)

// DefaultStyles returns hiroba's styles; they read on dark and light
// backgrounds alike.
func DefaultStyles() Styles {
	var fg color.Color = lipgloss.Color("#EEEEEE")
	return Styles{
		TabActive:   lipgloss.NewStyle().Bold(true).Foreground(fg).Background(colSelBg).Padding(0, 1),
		TabInactive: lipgloss.NewStyle().Foreground(colMuted).Padding(0, 1),
		TabBar:      lipgloss.NewStyle().Background(colBarBg),
		Title:       lipgloss.NewStyle().Bold(true),
		Muted:       lipgloss.NewStyle().Foreground(colMuted),
		Selected:    lipgloss.NewStyle().Background(colSelBg).Foreground(fg),
		SelectedDim: lipgloss.NewStyle().Background(lipgloss.Color("#3A3A3A")),
		Badge:       lipgloss.NewStyle().Foreground(colAccent),
		BadgeGood:   lipgloss.NewStyle().Foreground(colGood),
		BadgeWarn:   lipgloss.NewStyle().Foreground(colWarn),
		Error:       lipgloss.NewStyle().Foreground(colError),
		Notice:      lipgloss.NewStyle().Foreground(colGood),
		Status:      lipgloss.NewStyle().Foreground(colMuted),
		Key:         lipgloss.NewStyle().Foreground(colAccent),
		Separator:   lipgloss.NewStyle().Foreground(lipgloss.Color("#4E4E4E")),
		Label:       lipgloss.NewStyle().Foreground(colMuted),
		FieldActive: lipgloss.NewStyle().Foreground(colAccent).Bold(true),
		Heading:     lipgloss.NewStyle().Bold(true).Foreground(colAccent),
		Overlay:     lipgloss.NewStyle().Border(lipgloss.ASCIIBorder()).BorderForeground(colAccent).Padding(0, 1),

		Sunday:   lipgloss.NewStyle().Foreground(colError),
		Saturday: lipgloss.NewStyle().Foreground(colAccent),
		Today:    lipgloss.NewStyle().Bold(true).Underline(true).Foreground(colGood),
		Holiday:  lipgloss.NewStyle().Foreground(colError),

		Colors: Palette{Accent: colAccent, Muted: colMuted, Good: colGood, Warn: colWarn, Error: colError},
	}
}
