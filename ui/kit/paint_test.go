package kit

import (
	"testing"

	"charm.land/lipgloss/v2"
)

// A paint draws every line exactly as lipgloss draws it, in every style of
// every theme; a style with padding or a width is left to lipgloss.
func TestPaintDrawsAsLipgloss(t *testing.T) {
	lines := []string{"", " ", "郡山市の相談", "返信 3件  12/01 09:30", "-- 返信 2/5 ---------", "\x1b[1m太字\x1b[m のあと",
		"タブ\tのある行", "二行\nの文", "  前後に空白  "}
	for _, theme := range []Theme{{}, {Light: true}, {Mono: true}} {
		st := NewStyles(theme)
		for name, style := range map[string]lipgloss.Style{
			"Title": st.Title, "Muted": st.Muted, "Separator": st.Separator, "Key": st.Key, "BadgeGood": st.BadgeGood,
			"BadgeWarn": st.BadgeWarn, "Badge": st.Badge, "Heading": st.Heading, "Selected": st.Selected, "TabActive": st.TabActive,
			"Error": st.Error, "Label": st.Label, "Input": st.Input, "Overlay": st.Overlay,
		} {
			p := NewPaint(style)
			for _, l := range lines {
				if got, want := p.Render(l), style.Render(l); got != want {
					t.Errorf("%+v %s: Render(%q) = %q, lipgloss draws %q", theme, name, l, got, want)
				}
			}
		}
	}
	if p := NewPaint(lipgloss.NewStyle().Padding(0, 1)); p.plain {
		t.Error("a padded style is drawn with a paint")
	}
	if p := NewPaint(NewStyles(Theme{}).Muted); !p.plain {
		t.Error("a style of one colour is left to lipgloss")
	}
}
