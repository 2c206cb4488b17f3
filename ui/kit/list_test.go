package kit

import (
	"context"
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// A list of smaller pages (WithPageSize) reads only its first page before
// its first screen, and moving down through it brings every row in
// order, each page asked once, at its own offset.
func TestListOfSmallerPages(t *testing.T) {
	all := make([]string, 130)
	for i := range all {
		all[i] = fmt.Sprintf("相談 %03d", i)
	}
	var asked []string
	l := NewPagedList(func(_ context.Context, offset, limit int) ([]string, int, error) {
		asked = append(asked, fmt.Sprintf("%d+%d", offset, limit))
		return all[offset:min(offset+limit, len(all))], len(all), nil
	}).WithPageSize(40)
	l.SetRows(10)
	ctx := context.Background()
	var run func(cmd tea.Cmd)
	run = func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		switch msg := cmd().(type) {
		case tea.BatchMsg:
			for _, c := range msg {
				run(c)
			}
		case nil:
		default:
			_, next := l.Update(ctx, msg)
			run(next)
		}
	}
	run(l.Reset(ctx))
	if len(asked) != 1 || asked[0] != "0+40" {
		t.Fatalf("the first screen asked %v, want one page of 40", asked)
	}
	for i := range all {
		if got, ok := l.Selected(); !ok || got != all[i] {
			t.Fatalf("row %d: %q (loaded %v), want %q; asked %v", i, got, ok, all[i], asked)
		}
		run(l.Move(ctx, 1))
	}
	if fmt.Sprint(asked) != "[0+40 40+40 80+40 120+40]" {
		t.Errorf("pages asked %v", asked)
	}
}

// On a terminal taller than two pages, every page on the screen is read
// at once, not only the first and the last.
func TestTallScreenOfSmallerPages(t *testing.T) {
	all := make([]string, 200)
	for i := range all {
		all[i] = fmt.Sprintf("相談 %03d", i)
	}
	l := NewPagedList(func(_ context.Context, offset, limit int) ([]string, int, error) {
		return all[offset:min(offset+limit, len(all))], len(all), nil
	}).WithPageSize(40)
	l.SetRows(130)
	ctx := context.Background()
	cmds := []tea.Cmd{l.Reset(ctx)}
	for len(cmds) > 0 {
		cmd := cmds[0]
		cmds = cmds[1:]
		if cmd == nil {
			continue
		}
		switch msg := cmd().(type) {
		case tea.BatchMsg:
			cmds = append(cmds, msg...)
		case nil:
		default:
			_, next := l.Update(ctx, msg)
			cmds = append(cmds, next)
		}
	}
	for i := range 130 {
		if got, ok := l.At(i); !ok || got != all[i] {
			t.Fatalf("row %d on the screen: %q, loaded %v", i, got, ok)
		}
	}
}
