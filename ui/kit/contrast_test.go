package kit

import (
	"fmt"
	"image/color"
	"math"
	"reflect"
	"testing"

	gansi "charm.land/glamour/v2/ansi"
	"charm.land/lipgloss/v2"
)

// luminance is the WCAG relative luminance of c.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	ch := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func isColor(c color.Color) bool {
	_, none := c.(lipgloss.NoColor)
	return c != nil && !none
}

func hex(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
}

// TestPaletteContrast measures every text colour of both palettes
// against what it is drawn on: a style's own background, else the
// darkest and the lightest background of terminals of its theme. A
// style that sets a background must set the text colour too, since the
// terminal's own is unknown (dark grey under black text was the first
// start's field on a light terminal).
func TestPaletteContrast(t *testing.T) {
	for _, th := range []Theme{{Light: false}, {Light: true}} {
		st := NewStyles(th)
		name := map[bool]string{true: "light", false: "dark"}[th.Light]
		check := func(what string, fg, bg color.Color) {
			t.Helper()
			bgs := th.Backgrounds()
			if isColor(bg) {
				bgs = []color.Color{bg}
			}
			for _, b := range bgs {
				if r := contrast(fg, b); r < 4.5 {
					t.Errorf("%s %s: %s on %s is %.2f:1, under 4.5:1", name, what, hex(fg), hex(b), r)
				}
			}
		}
		v := reflect.ValueOf(st)
		styles := 0
		for i := range v.NumField() {
			s, ok := v.Field(i).Interface().(lipgloss.Style)
			if !ok {
				continue
			}
			styles++
			field := v.Type().Field(i).Name
			fg, bg := s.GetForeground(), s.GetBackground()
			switch {
			case isColor(fg):
				check(field, fg, bg)
			case isColor(bg):
				t.Errorf("%s %s: a background (%s) without a text colour", name, field, hex(bg))
			}
			if b := s.GetBorderTopForeground(); isColor(b) {
				check(field+" border", b, nil)
			}
		}
		if styles < 20 {
			t.Fatalf("only %d styles found", styles)
		}
		p := st.Colors
		for what, c := range map[string]color.Color{"Accent": p.Accent, "Muted": p.Muted, "Good": p.Good, "Warn": p.Warn, "Error": p.Error} {
			check("palette "+what, c, nil)
		}
		check("selection", p.SelFg, p.SelBg)
		check("dim selection", p.DimFg, p.DimBg)
		check("active tab", p.TabFg, p.TabBg)
	}
}

// TestMonoStylesMarkWithoutColour: without colours the selection, the
// pane with the keys, a field and a question are still marked.
func TestMonoStylesMarkWithoutColour(t *testing.T) {
	st := NewStyles(Theme{Mono: true})
	v := reflect.ValueOf(st)
	for i := range v.NumField() {
		s, ok := v.Field(i).Interface().(lipgloss.Style)
		if !ok {
			continue
		}
		if isColor(s.GetForeground()) || isColor(s.GetBackground()) {
			t.Errorf("mono %s has a colour", v.Type().Field(i).Name)
		}
	}
	for what, s := range map[string]lipgloss.Style{"Selected": st.Selected, "Focus": st.Focus, "Confirm": st.Confirm, "TabActive": st.TabActive} {
		if !s.GetReverse() {
			t.Errorf("mono %s is not in reverse video", what)
		}
	}
	for what, s := range map[string]lipgloss.Style{"SelectedDim": st.SelectedDim, "Input": st.Input} {
		if !s.GetUnderline() {
			t.Errorf("mono %s is not underlined", what)
		}
	}
}

// TestMarkdownContrast measures every colour of the markdown styles of
// both backgrounds, as TestPaletteContrast does for the palettes.
func TestMarkdownContrast(t *testing.T) {
	for _, light := range []bool{false, true} {
		th := Theme{Light: light}
		cfg := markdownStyle("image", light)
		n := 0
		var walk func(path string, v reflect.Value)
		walk = func(path string, v reflect.Value) {
			switch v.Kind() {
			case reflect.Pointer:
				if !v.IsNil() {
					walk(path, v.Elem())
				}
			case reflect.Struct:
				if p, ok := v.Interface().(gansi.StylePrimitive); ok && p.Color != nil {
					n++
					fg := lipgloss.Color(*p.Color)
					bgs := th.Backgrounds()
					if p.BackgroundColor != nil {
						bgs = []color.Color{lipgloss.Color(*p.BackgroundColor)}
					}
					for _, b := range bgs {
						if r := contrast(fg, b); r < 4.5 {
							t.Errorf("light=%v %s: %s (%s) on %s is %.2f:1", light, path, *p.Color, hex(fg), hex(b), r)
						}
					}
				}
				for i := range v.NumField() {
					if v.Type().Field(i).IsExported() {
						walk(path+"."+v.Type().Field(i).Name, v.Field(i))
					}
				}
			}
		}
		walk("markdown", reflect.ValueOf(cfg))
		t.Logf("light=%v: %d colours", light, n)
		if n < 8 {
			t.Fatalf("light=%v: only %d colours found", light, n)
		}
	}
}
