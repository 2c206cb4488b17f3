package kit

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// LabelWidth is the width of a form's labels, values starting after it.
const LabelWidth = 18

// StyleRow fits a row's lines to w cells; a selected row is drawn plain on
// the selection colour across the whole width, dimmer when dim (the list
// does not have the keys).
func StyleRow(st Styles, lines []string, w int, selected, dim bool) []string {
	for i, l := range lines {
		if selected {
			l = Fit(ansi.Strip(l), w)
			if dim {
				l = st.SelectedDim.Render(l)
			} else {
				l = st.Selected.Render(l)
			}
		} else {
			l = Fit(l, w)
		}
		lines[i] = l
	}
	return lines
}

// AuthorName is how every list, thread, search result and inbox entry
// labels a post's author: 匿名 for an anonymous post, 匿名 (あなた) when
// it is the person's own (mine), the name otherwise. Text that others
// will read, such as a quote, passes mine false.
func AuthorName(cat *Catalog, name string, anonymous, mine bool) string {
	switch {
	case anonymous && mine:
		return cat.T("thread.anonymous") + " " + cat.T("thread.mine")
	case anonymous:
		return cat.T("thread.anonymous")
	}
	return Clean(name)
}

// Next is the filter choice after cur: from all (the zero value) to the
// first of choices, on to the last, then back to all.
func Next[T comparable](choices []T, cur T) T {
	var all T
	if cur == all {
		return choices[0]
	}
	for i, c := range choices {
		if c == cur && i+1 < len(choices) {
			return choices[i+1]
		}
	}
	return all
}

// RowCache keeps the lines of list rows drawn for the frames that follow:
// a server draws every session's list again for each message the session
// takes. K must hold everything a row's look depends on (the item, the
// width, whether selected, any time shown as "3分前"); Styles changes
// (another theme) empty it. It keeps a few hundred rows.
type RowCache[K comparable] struct {
	rows  map[K][]string
	style Look
}

// Look tells Styles apart, for what is kept drawn: NewStyles makes them
// from the theme alone, and zero Styles (no colours at all) have no
// palette. Rendering a sample to compare instead cost a server 4% of its
// time, twice for every row of every frame.
type Look struct {
	theme Theme
	plain bool
}

// Look is what the styles draw with (Look).
func (st Styles) Look() Look { return Look{st.Theme, st.Colors.Accent == nil} }

// Lines returns the row for k, drawn by draw the first time.
func (c *RowCache[K]) Lines(st Styles, k K, draw func() []string) []string {
	if look := st.Look(); c.rows == nil || look != c.style || len(c.rows) > 500 {
		c.rows, c.style = map[K][]string{}, look
	}
	if lines, ok := c.rows[k]; ok {
		return append([]string(nil), lines...)
	}
	lines := draw()
	c.rows[k] = append([]string(nil), lines...)
	return lines
}

// MetaLine is a list row's second line in exactly w cells: lead (an
// indent and badges, drawn as given), then names (a category, a
// community, a place, an author: styled by the caller) and, at the right
// end, numbers (a count, an age). A narrow row cuts the names and never
// the numbers: the first ones first, each down to minName cells before
// the next is cut, so that rows keep the same names whatever their
// lengths; where all are that short and still do not fit, the first ones
// go.
func MetaLine(st Styles, w int, lead string, names, numbers []string) string {
	return metaLine(st, w, lead, names, numbers, false)
}

// AuthorMetaLine is MetaLine for a row whose last name is a person's: a
// name cut short reads as someone else's, so it is whole wherever it fits
// alone. The names before it share what it leaves, and go where they
// cannot keep minName cells.
func AuthorMetaLine(st Styles, w int, lead string, names []string, author string, numbers []string) string {
	return metaLine(st, w, lead, append(append([]string(nil), names...), author), numbers, true)
}

func metaLine(st Styles, w int, lead string, names, numbers []string, lastWhole bool) string {
	var ns []string
	for _, n := range names {
		if n != "" {
			ns = append(ns, n)
		}
	}
	nums := strings.Join(numbers, "  ")
	// Two spaces before the numbers, and the row's last cell free.
	room := w - Width(lead) - Width(nums) - 3
	for len(ns) > 0 {
		if cut, ok := shareNames(ns, room-2*(len(ns)-1), lastWhole && len(ns) > 1); ok {
			ns = cut
			break
		}
		ns = ns[1:]
	}
	var kept []string
	for _, n := range ns {
		if n != "" {
			kept = append(kept, n)
		}
	}
	text := Clip(strings.Join(kept, "  "), max(room, 0))
	gap := max(w-Width(lead)-Width(text)-Width(nums)-1, 1)
	return Clip(lead+text+strings.Repeat(" ", gap)+st.Muted.Render(nums), w)
}

// minName is the fewest cells a name is cut to in a row: a name cut
// shorter (国分…) says too little, and a name the row can keep whole goes
// before it.
const minName = 6

// shareNames cuts names to fit avail cells together: the first ones
// first, each down to minName before the next is cut, so that a short
// later name does not keep a first one a long one would drop; with
// lastWhole the last is not cut at all. A cut that comes out narrower
// than asked (a wide character does not fit the last cell) leaves the
// difference to the names after it. ok is false when they cannot fit.
func shareNames(names []string, avail int, lastWhole bool) ([]string, bool) {
	widths := make([]int, len(names))
	over := -avail
	for i, n := range names {
		widths[i] = Width(n)
		over += widths[i]
	}
	out := append([]string(nil), names...)
	for i := range out {
		if over <= 0 || lastWhole && i == len(out)-1 {
			break
		}
		if cut := min(over, widths[i]-minName); cut > 0 {
			// A cut never ends in a space before its ellipsis.
			out[i] = strings.Replace(Clip(names[i], widths[i]-cut), " …", "…", 1)
			over -= widths[i] - Width(out[i])
		}
	}
	return out, over <= 0
}
