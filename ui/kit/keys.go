package kit

import "charm.land/bubbles/v2/key"

// KeyMap holds every key binding. Help texts come from the catalogue and
// use ASCII names ("up", not an arrow glyph) so they never widen.
type KeyMap struct {
	Quit, Help, NextTab, PrevTab, Tab1, Tab2, Tab3, Tab4, Tab5 key.Binding

	Up, Down, Top, Bottom, PageUp, PageDown, Open, Back key.Binding

	Filter, Category, Municipality, ClearFilter key.Binding
	Join, New, Edit                             key.Binding

	// Search and Inbox work from every tab.
	Search, Inbox, Admin key.Binding

	// The 相談 screen: list filters, then what acts on an open thread.
	Kind, Status, CommunityPick, View, NextUnread                         key.Binding
	Reply, Quote, NextPost, PrevPost, JumpAnswer, Answer, Helpful, Follow key.Binding
	Delete, Apply, People, Hide, Pin                                      key.Binding

	// 人: its tab, and the profile of the person a screen names (a post's
	// author, a member, a predecessor or successor).
	Tab6, Profile key.Binding

	// ActAs switches the person the program acts as, in a demo.
	ActAs key.Binding

	// The keys of a list that filters as one types, or of a text filter,
	// where every letter is text: moving, choosing, going back.
	PickMove, PickChoose, PickBack key.Binding
}

// PickerHelp is the key line of a list that filters as one types (a
// filter picker, a search picker): j and k are letters there, so the
// screen's keys under it would mislead.
func (k KeyMap) PickerHelp() []key.Binding {
	return []key.Binding{k.PickMove, k.PickChoose, k.PickBack}
}

// TypingHelp is the key line while a text filter takes the keys: enter
// keeps the words and goes back to the list, as esc does.
func (k KeyMap) TypingHelp() []key.Binding { return []key.Binding{k.PickChoose, k.PickBack} }

// NewKeyMap returns the key bindings with help in the catalogue's language.
func NewKeyMap(c *Catalog) KeyMap {
	b := func(help string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(keys[0], c.T(help)))
	}
	k := KeyMap{
		Quit:    b("key.quit", "q", "ctrl+c"),
		Help:    b("key.help", "?"),
		NextTab: b("key.next.tab", "tab"),
		PrevTab: b("key.prev.tab", "shift+tab"),
		Tab1:    b("tab.communities", "1"),
		Tab2:    b("tab.threads", "2"),
		Tab3:    b("tab.handovers", "3"),
		Tab4:    b("tab.calendar", "4"),
		Tab5:    b("tab.activity", "5"),

		Up:       b("key.up", "k", "up"),
		Down:     b("key.down", "j", "down"),
		Top:      b("key.top", "g", "home"),
		Bottom:   b("key.bottom", "G", "end"),
		PageUp:   b("key.pgup", "pgup", "ctrl+b"),
		PageDown: b("key.pgdown", "pgdown", "ctrl+f", " "),
		Open:     b("key.open", "enter", "l", "right"),
		Back:     b("key.back", "esc", "h", "left"),

		Filter:       b("key.filter", "/"),
		Category:     b("key.category", "c"),
		Municipality: b("key.muni", "m"),
		ClearFilter:  b("key.clear", "x"),
		Join:         b("key.join", "s"),
		New:          b("key.new", "n"),
		Edit:         b("key.edit", "e"),

		Search: b("key.search", "ctrl+k", "S"),
		Inbox:  b("key.inbox", "i"),
		Admin:  b("key.admin", "M"),

		Kind:          b("key.kind", "t"),
		Status:        b("key.status", "o"),
		CommunityPick: b("key.community", "c"),
		View:          b("key.view", "v"),
		NextUnread:    b("key.next.unread", "u"),
		Reply:         b("key.reply", "r"),
		Quote:         b("key.quote", "R"),
		NextPost:      b("key.next.post", "]"),
		PrevPost:      b("key.prev.post", "["),
		JumpAnswer:    b("key.jump.answer", "a"),
		Answer:        b("key.answer", "A"),
		Helpful:       b("key.helpful", "+"),
		Follow:        b("key.follow", "f"),
		Delete:        b("key.delete", "d"),
		Apply:         b("key.apply", "s"),
		People:        b("key.people", "L"),
		Hide:          b("key.hide", "H"),
		Pin:           b("key.pin", "P"),
	}
	k.Tab6 = b("tab.people", "6")
	k.Profile = b("key.profile", "@")
	k.ActAs = b("key.actas", "U")
	k.PickMove = key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("up/down", c.T("key.pick.move")))
	k.PickChoose = b("key.pick.choose", "enter")
	k.PickBack = b("key.back", "esc")
	k.Search.SetHelp("S ctrl+k", c.T("key.search"))
	k.Up.SetHelp("j/k", c.T("key.up")+"/"+c.T("key.down"))
	k.PageDown.SetHelp("pgdn", c.T("key.pgdown"))
	k.Open.SetHelp("enter", c.T("key.open"))
	k.Back.SetHelp("esc", c.T("key.back"))
	k.Tab1.SetHelp("1-6", c.T("key.tabs"))
	return k
}
