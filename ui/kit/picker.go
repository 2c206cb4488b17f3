package kit

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
)

// Option is one choice of a picker. Keys is more text that typing may
// match, such as the reading of a name (こおりやま koriyama for 郡山市).
type Option struct {
	Value string
	Label string
	Keys  string
}

// MunicipalityOption is a municipality as a choice, matched by its
// reading too.
func MunicipalityOption(id, name string) Option {
	kana, romaji := model.MunicipalityReading(name)
	return Option{Value: id, Label: name, Keys: kana + " " + romaji}
}

// matchText is what typed words are looked for in: the label and the
// keys, with Latin letters folded (ＬｏＧｏ is logo) and hiragana as
// katakana, so that かふぇ finds カフェ.
func matchText(s string) string { return foldKana(model.FoldText(s)) }

// foldKana writes hiragana as katakana.
func foldKana(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0x3041 && r <= 0x3096 {
			return r + 0x60
		}
		return r
	}, s)
}

// Picker is a small list to choose one option from, drawn over a screen.
// One made with NewFilterPicker narrows its options to what is typed.
type Picker struct {
	title   string
	options []Option
	shown   []int // the options shown, all unless filtered
	cursor  int   // into shown
	top     int
	filter  *LineInput
	// MaxWidth, when set, is the most cells the box may take, border
	// included: labels are cut to fit.
	MaxWidth int
}

func NewPicker(title string, options []Option, current string) *Picker {
	p := &Picker{title: title, options: tellApart(options)}
	p.refilter()
	for i, o := range options {
		if o.Value == current {
			p.cursor = i
		}
	}
	return p
}

// NewFilterPicker is a picker with a field on top: typing keeps the
// options whose label or keys hold every word typed (Latin letters and
// full-width forms folded, as people search does, and hiragana matching
// katakana); the arrow keys move and enter chooses. For lists of people,
// communities and municipalities. The field has the real cursor, for
// IME.
func NewFilterPicker(title string, options []Option, current string) *Picker {
	p := NewPicker(title, options, current)
	p.filter = &LineInput{Limit: 40}
	return p
}

// refilter shows the options that hold every word of the filter, keeping
// the cursor on the option it was on when that one is still shown.
func (p *Picker) refilter() {
	was := -1
	if p.cursor < len(p.shown) {
		was = p.shown[p.cursor]
	}
	var words []string
	if p.filter != nil {
		words = strings.Fields(matchText(p.filter.Value()))
	}
	p.shown, p.cursor, p.top = p.shown[:0], 0, 0
	for i, o := range p.options {
		label := matchText(o.Label + " " + o.Keys)
		ok := true
		for _, w := range words {
			if !strings.Contains(label, w) {
				ok = false
				break
			}
		}
		if ok {
			if i == was {
				p.cursor = len(p.shown)
			}
			p.shown = append(p.shown, i)
		}
	}
}

// tellApart adds to each option whose label another one shares the end of
// its value (a staff member's or a community's ID), which typing finds
// too: two people of the same name in the same department look the same
// otherwise. It returns options itself when every label is its own.
func tellApart(options []Option) []Option {
	labels := make(map[string]int, len(options))
	for _, o := range options {
		labels[o.Label]++
	}
	var out []Option
	for i, o := range options {
		if labels[o.Label] < 2 || len(o.Value) < idTail {
			continue
		}
		if out == nil {
			out = slices.Clone(options)
		}
		tail := o.Value[len(o.Value)-idTail:]
		out[i].Label += "  ID …" + tail
		out[i].Keys += " " + tail
	}
	if out == nil {
		return options
	}
	return out
}

// idTail is how many of an ID's last characters tell namesakes apart.
const idTail = 4

// Update moves the cursor, or edits the filter; it returns done when the
// person chose (ok) or gave up (!ok).
func (p *Picker) Update(c *Common, msg tea.Msg) (done, ok bool) {
	if p.filter != nil {
		return p.filterUpdate(msg)
	}
	kp, isKey := msg.(tea.KeyPressMsg)
	if !isKey {
		return false, false
	}
	k := c.Keys
	switch {
	case key.Matches(kp, k.Up):
		p.move(-1)
	case key.Matches(kp, k.Down):
		p.move(1)
	case key.Matches(kp, k.Top):
		p.cursor = 0
	case key.Matches(kp, k.Bottom):
		p.cursor = max(len(p.shown)-1, 0)
	case kp.String() == "enter":
		return true, len(p.shown) > 0
	case kp.String() == "esc" || kp.String() == "q":
		return true, false
	}
	return false, false
}

func (p *Picker) filterUpdate(msg tea.Msg) (done, ok bool) {
	if kp, isKey := msg.(tea.KeyPressMsg); isKey {
		switch kp.String() {
		case "up", "ctrl+p":
			p.move(-1)
			return false, false
		case "down", "ctrl+n", "tab":
			p.move(1)
			return false, false
		case "pgup":
			p.move(-10)
			return false, false
		case "pgdown":
			p.move(10)
			return false, false
		case "enter":
			return true, len(p.shown) > 0
		case "esc":
			return true, false
		case "/":
			if p.filter.Value() == "" {
				// The filter line begins with "/", the key that opens
				// every other filter: typed first, it would be looked for.
				return false, false
			}
		}
	}
	if p.filter.Update(msg) {
		p.refilter()
	}
	return false, false
}

func (p *Picker) move(d int) {
	p.cursor = min(max(p.cursor+d, 0), max(len(p.shown)-1, 0))
}

// Selected is the option under the cursor; the zero Option when the
// filter left none.
func (p *Picker) Selected() Option {
	if p.cursor >= len(p.shown) {
		return Option{}
	}
	return p.options[p.shown[p.cursor]]
}

// Index is the position among all options of the option under the
// cursor, -1 when the filter left none.
func (p *Picker) Index() int {
	if p.cursor >= len(p.shown) {
		return -1
	}
	return p.shown[p.cursor]
}

// View draws the picker in a box centred over a screen of w x h, at most
// h lines high. The box keeps its size while the filter narrows the list,
// so that it does not jump as one types.
func (p *Picker) View(c *Common, h int) string {
	st := c.Styles
	extra := 4 // border and title
	if p.filter != nil {
		extra++
	}
	rows := max(min(len(p.options), h-extra), 1)
	if p.cursor < p.top {
		p.top = p.cursor
	} else if p.cursor >= p.top+rows {
		p.top = p.cursor - rows + 1
	}
	w := Width(p.title)
	for _, o := range p.options {
		w = max(w, Width(o.Label)+2)
	}
	if p.filter != nil {
		w = max(w, 30)
	}
	if p.MaxWidth > 0 {
		w = min(w, p.MaxWidth-4)
	}
	lines := []string{st.Heading.Render(Fit(p.title, w))}
	if p.filter != nil {
		field, _ := p.filter.View(w - 2)
		lines = append(lines, st.Key.Render("/ ")+field)
	}
	for i := p.top; i < p.top+rows; i++ {
		switch {
		case i >= len(p.shown):
			if i == 0 {
				lines = append(lines, st.Muted.Render(Fit("  "+c.Cat.T("picker.none"), w)))
			} else {
				lines = append(lines, Fit("", w))
			}
		case i == p.cursor:
			lines = append(lines, st.Selected.Render(Fit("> "+p.options[p.shown[i]].Label, w)))
		default:
			lines = append(lines, Fit("  "+p.options[p.shown[i]].Label, w))
		}
	}
	return st.Overlay.Render(strings.Join(lines, "\n"))
}

// Cursor is the real cursor in the filter field of a picker drawn with
// Overlay over a screen of w x h, for IME input; nil for a picker without
// a filter.
func (p *Picker) Cursor(c *Common, w, h int) *tea.Cursor {
	if p.filter == nil {
		return nil
	}
	box := strings.Split(p.View(c, h), "\n")
	x := max((w-Width(box[0]))/2, 0)
	y := max((h-len(box))/2, 0)
	innerW := Width(box[0]) - 4 // border and padding
	_, col := p.filter.View(innerW - 2)
	// Border and padding, then "/ ", on the line under the title.
	return tea.NewCursor(x+2+2+col, y+2)
}

// Filtering reports whether the picker has a field that takes typing.
func (p *Picker) Filtering() bool { return p.filter != nil }

// Overlay draws box over the middle of base, which is w x h.
func Overlay(base, box string, w, h int) string {
	lines := strings.Split(Block(base, w, h), "\n")
	boxLines := strings.Split(box, "\n")
	bw := Width(boxLines[0])
	x := max((w-bw)/2, 0)
	y := max((h-len(boxLines))/2, 0)
	for i, bl := range boxLines {
		if y+i >= len(lines) {
			break
		}
		l := lines[y+i]
		lines[y+i] = cutLeft(l, x) + Fit(bl, min(bw, w-x)) + cutRight(l, x+bw, w)
	}
	return strings.Join(lines, "\n")
}
