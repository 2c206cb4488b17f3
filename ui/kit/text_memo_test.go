package kit

import "testing"

// A pane kept drawn is drawn again whenever its text or size changes, and
// is then what Block draws: a frame never shows the pane before.
func TestBlockMemoDrawsWhatChanged(t *testing.T) {
	var m BlockMemo
	for _, c := range []struct {
		s    string
		w, h int
	}{
		{"郡山市の相談\n返信 3件", 20, 3},
		{"郡山市の相談\n返信 3件", 20, 3},
		{"郡山市の相談\n返信 4件", 20, 3},
		{"郡山市の相談\n返信 4件", 12, 3},
		{"郡山市の相談\n返信 4件", 12, 1},
		{"郡山市の相談\n返信 3件", 20, 3},
		{"", 5, 0},
		{"", 5, 2},
	} {
		if got, want := m.Block(c.s, c.w, c.h), Block(c.s, c.w, c.h); got != want {
			t.Errorf("Block(%q, %d, %d) kept = %q, want %q", c.s, c.w, c.h, got, want)
		}
	}
}
