package threads

import (
	"errors"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// threadForm writes a new thread, a reply, or an edit of either. The body
// is a composer; everything typed is kept as a draft until it is posted.
type threadForm struct {
	c    *kit.Common
	mode int
	// thread is the thread replied to or edited; reply the reply edited.
	thread *model.Thread
	reply  *model.Reply

	communities []kit.Option
	community   int
	kind        int
	title, tags kit.LineInput
	anonymous   bool
	support     int
	slots       kit.LineInput
	deadline    kit.LineInput
	place       kit.LineInput
	body        *kit.Composer

	fields  []int // the fields this mode shows, in tab order
	focus   int   // index into fields
	errs    map[string]string
	general string
	notice  string // what the foot says instead of the keys until the first change
	// keepCommunity: the new thread was asked for in its community (a
	// community's page, the list's filter), which a draft does not change.
	keepCommunity bool
	restored      bool // a draft was restored: ctrl+r throws it away
	picker        *kit.Picker
	saving        bool
	closed        bool
	closing       bool // esc was pressed: the form closes once its draft is written
	drafts        *kit.DraftSaver
	initial       string
	width         int
	height        int
	posted        string        // the id of what was saved, when closed after saving
	created       kit.CreatedID // of the thread or reply the form creates
	quoteFor      string        // the reply being quoted
}

// Form modes.
const (
	formNewThread = iota
	formEditThread
	formReply
	formEditReply
)

// Thread form fields.
const (
	tfCommunity = iota
	tfKind
	tfTitle
	tfTags
	tfAnonymous
	tfSupport
	tfSlots
	tfDeadline
	tfPlace
	tfBody
)

var supportTypes = []string{model.SupportPlanning, model.SupportOperations, model.SupportBusy}

// threadSavedMsg says a post was saved (or why not).
type threadSavedMsg struct {
	form     *threadForm
	threadID string
	err      error
}

// newThreadForm opens a form. communities are where the person may post
// (for a new thread); current is the community to start in.
func newThreadForm(c *kit.Common, mode int, thread *model.Thread, reply *model.Reply, communities []kit.Option, current string) *threadForm {
	f := &threadForm{c: c, mode: mode, thread: thread, reply: reply, communities: communities, errs: map[string]string{}}
	f.title.Limit = model.MaxTitleLen
	f.tags.Limit = 200
	f.slots.Limit = 4
	f.deadline.Limit = 10
	f.place.Limit = 200
	f.body = kit.NewComposer(c, model.MaxBodyLen)
	for i, o := range communities {
		if o.Value == current {
			f.community = i
		}
	}
	draftKey := ""
	switch mode {
	case formNewThread:
		draftKey = "thread:new"
	case formEditThread:
		draftKey = "edit:" + thread.ID
		f.title.SetValue(thread.Title)
		f.tags.SetValue(strings.Join(thread.Tags, " "))
		f.anonymous = thread.Anonymous
		f.body.SetValue(thread.Body)
		for i, k := range model.ThreadKinds {
			if k == thread.Kind {
				f.kind = i
			}
		}
	case formReply:
		draftKey = "reply:" + thread.ID
		// The asker of an anonymous thread replies anonymously unless they
		// choose otherwise: a named reply would reveal them.
		f.anonymous = thread.Anonymous && thread.Mine
	case formEditReply:
		draftKey = "edit:" + reply.ID
		f.anonymous = reply.Anonymous
		f.body.SetValue(reply.Body)
	}
	f.drafts = kit.NewDraftSaver(c, draftKey)
	f.layoutFields()
	f.initial = f.snapshot()
	return f
}

// quote starts a reply with the quoted post as a markdown quote.
func (f *threadForm) quote(author, body, replyID string) {
	var b strings.Builder
	b.WriteString("> " + author + ":\n")
	for _, l := range strings.Split(strings.TrimSpace(body), "\n") {
		b.WriteString("> " + l + "\n")
	}
	b.WriteString("\n")
	f.body.SetValue(b.String())
	f.quoteFor = replyID
	f.initial = f.snapshot()
}

// layoutFields decides which fields show: the call fields for a 募集.
func (f *threadForm) layoutFields() {
	switch f.mode {
	case formNewThread:
		f.fields = []int{tfCommunity, tfKind, tfTitle, tfTags, tfAnonymous}
		if model.ThreadKinds[f.kind] == model.KindCall {
			f.fields = append(f.fields, tfSupport, tfSlots, tfDeadline, tfPlace)
		}
	case formEditThread:
		f.fields = []int{tfTitle, tfTags, tfAnonymous}
	default:
		f.fields = []int{tfAnonymous}
	}
	f.fields = append(f.fields, tfBody)
}

func (f *threadForm) field() int { return f.fields[f.focus] }

func (f *threadForm) snapshot() string {
	return strings.Join([]string{strconv.Itoa(f.community), strconv.Itoa(f.kind), f.title.Value(), f.tags.Value(),
		strconv.FormatBool(f.anonymous), strconv.Itoa(f.support), f.slots.Value(), f.deadline.Value(), f.place.Value(), f.body.Value()}, "\x00")
}

// Dirty is true when the form holds text that is not posted.
func (f *threadForm) Dirty() bool { return f.snapshot() != f.initial }

// Init looks for a draft to offer back, and focuses the first field.
func (f *threadForm) Init() tea.Cmd {
	f.setFocus(0)
	if f.mode == formReply || f.mode == formEditReply {
		f.setFocus(len(f.fields) - 1)
	}
	return tea.Batch(kit.LoadDraft(f.c, f.drafts.Context()), f.body.Focus())
}

func (f *threadForm) draft() model.Draft {
	meta := map[string]string{
		"community": "", "kind": string(model.ThreadKinds[f.kind]), "tags": f.tags.Value(),
		"anonymous": strconv.FormatBool(f.anonymous), "support": supportTypes[f.support],
		"slots": f.slots.Value(), "deadline": f.deadline.Value(), "place": f.place.Value(), "quote": f.quoteFor,
	}
	if len(f.communities) > 0 {
		meta["community"] = f.communities[f.community].Value
	}
	return model.Draft{Title: f.title.Value(), Body: f.body.Value(), Meta: meta}
}

// restore fills the form from a draft.
func (f *threadForm) restore(d *model.Draft) {
	f.title.SetValue(d.Title)
	f.body.SetValue(d.Body)
	f.tags.SetValue(d.Meta["tags"])
	f.anonymous = d.Meta["anonymous"] == "true"
	f.slots.SetValue(d.Meta["slots"])
	f.deadline.SetValue(d.Meta["deadline"])
	f.place.SetValue(d.Meta["place"])
	f.quoteFor = d.Meta["quote"]
	for i, o := range f.communities {
		if o.Value == d.Meta["community"] {
			f.community = i
		}
	}
	for i, k := range model.ThreadKinds {
		if string(k) == d.Meta["kind"] {
			f.kind = i
		}
	}
	for i, s := range supportTypes {
		if s == d.Meta["support"] {
			f.support = i
		}
	}
	f.layoutFields()
	f.setFocus(len(f.fields) - 1)
}

func (f *threadForm) SetSize(w, h int) {
	f.width, f.height = w, h
	f.body.SetSize(w-2, f.bodyHeight())
}

// bodyHeight is what is left for the composer under the fields and above
// the help line (or the lines of an error).
func (f *threadForm) bodyHeight() int { return max(f.height-f.topLines()-len(f.foot()), 3) }

// foot is the line under the form: its keys, or what went wrong, wrapped
// on up to three lines so that a long error is read whole.
func (f *threadForm) foot() []string {
	st, cat := f.c.Styles, f.c.Cat
	text, style, plain := cat.T("form.thread.help"), st.Muted, true
	switch {
	case f.saving:
		text = cat.T("form.saving")
	case f.general != "":
		text, style, plain = f.general, st.Error, false
	case f.notice != "":
		text, style, plain = f.notice, st.Notice, false
	case f.body.Error() != "":
		text, style, plain = f.body.Error(), st.Error, false
	}
	if plain {
		return []string{kit.Fit(" "+style.Render(text), f.width)}
	}
	lines := strings.Split(kit.Wrap(text, max(f.width-2, 10)), "\n")
	if len(lines) > 3 {
		lines = lines[:3]
		lines[2] = kit.Clip(lines[2]+"…", f.width-2)
	}
	for i, l := range lines {
		lines[i] = kit.Fit(" "+style.Render(l), f.width)
	}
	return lines
}

// Update handles a message meant for the form. ok is false for messages
// that are not the form's.
func (f *threadForm) Update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case kit.DraftLoadedMsg:
		if msg.Context != f.drafts.Context() || msg.Draft == nil || msg.Draft.Body == "" && msg.Draft.Title == "" {
			return nil, msg.Context == f.drafts.Context()
		}
		if msg.Draft.Body == f.body.Value() && msg.Draft.Title == f.title.Value() {
			return nil, true
		}
		if f.Dirty() {
			// Typed before the draft was read: what is on the screen is
			// kept, and becomes the draft.
			return nil, true
		}
		// The form opens where the person left it, as "esc keeps the
		// draft" promised, and says so. It asked first (y/n) and took
		// every other key meanwhile: a new user pressed Tab, typed, and
		// an n in the text threw the draft away (new-user trial).
		d := msg.Draft
		when := f.c.Cat.DateYMD(d.UpdatedAt) + " " + f.c.Cat.Clock(d.UpdatedAt)
		asked, quoted, quoteFor := f.community, "", ""
		if q := strings.TrimSpace(f.body.Value()); f.mode == formReply && q != "" && !strings.Contains(d.Body, q) {
			// R asked for a quote the draft does not have: both are kept.
			quoted, quoteFor = f.body.Value(), f.quoteFor
		}
		f.restore(d)
		f.restored = true
		f.notice = f.c.Cat.T("composer.draft.restored", when)
		switch {
		case quoted != "":
			f.body.SetValue(strings.TrimRight(f.body.Value(), "\n") + "\n\n" + quoted)
			f.quoteFor = quoteFor
			f.notice = f.c.Cat.T("composer.draft.restored.quote", when)
		case f.mode == formNewThread && f.keepCommunity && f.community != asked && asked < len(f.communities):
			// A new thread asked for in a community stays there; the
			// draft written for another says so.
			drafted := f.communities[f.community].Label
			f.community = asked
			f.notice = f.c.Cat.T("composer.draft.restored.in", when, kit.Clean(drafted), kit.Clean(f.communities[asked].Label))
		}
		return nil, true
	case draftRevertMsg:
		if msg.form != f {
			return nil, false
		}
		// The form as it opened: the posted text for an edit, an empty
		// one for a new post or reply. The draft goes.
		old := f.drafts
		current := ""
		if f.community < len(f.communities) {
			current = f.communities[f.community].Value
		}
		fresh := newThreadForm(f.c, f.mode, f.thread, f.reply, f.communities, current)
		fresh.keepCommunity = f.keepCommunity
		fresh.notice = f.c.Cat.T("composer.draft.reverted")
		fresh.SetSize(f.width, f.height)
		*f = *fresh
		f.setFocus(0)
		if f.mode == formReply || f.mode == formEditReply {
			f.setFocus(len(f.fields) - 1)
		}
		return tea.Batch(old.Discard(), f.body.Focus()), true
	case kit.EditorDoneMsg:
		cmd := f.body.Update(msg)
		return tea.Batch(cmd, f.afterChange()), true
	case threadSavedMsg:
		if msg.form != f {
			return nil, false
		}
		f.saving = false
		if msg.err != nil {
			f.failed(msg.err)
			return func() tea.Msg { return kit.WriteFailedMsg{Err: msg.err} }, true
		}
		f.closed, f.posted = true, msg.threadID
		return f.drafts.Discard(), true
	}
	if cmd, ok, err := f.drafts.Update(msg); ok {
		switch {
		case err != nil:
			// Never closed as if kept: the text stays, and how to keep it.
			f.closing = false
			f.general = f.c.Cat.T("composer.draft.unsaved", f.c.Cat.Err(err))
			f.SetSize(f.width, f.height)
		case f.closing && f.drafts.Saved():
			f.closed = true
		}
		return cmd, true
	}
	key, isKey := msg.(tea.KeyPressMsg)
	if !isKey {
		if _, paste := msg.(tea.PasteMsg); !paste {
			return f.body.Update(msg), false
		}
	}
	if f.picker != nil {
		if done, ok := f.picker.Update(f.c, msg); done {
			if ok {
				f.community = f.picker.Index()
			}
			f.picker = nil
			return f.afterChange(), true
		}
		return nil, true
	}
	if isKey {
		switch key.String() {
		case "ctrl+r":
			if !f.restored {
				break
			}
			revert := func() tea.Msg { return draftRevertMsg{form: f} }
			return kit.ConfirmOr(f.c.Cat.T("composer.draft.revert.ask"), revert, nil), true
		case "esc":
			if f.body.Previewing() {
				f.body.TogglePreview()
				return nil, true
			}
			if !f.Dirty() || f.drafts.Saved() && f.drafts.Err() == nil {
				f.closed = true
				return nil, true
			}
			f.closing = true
			return f.drafts.Changed(f.draft()), true
		case "ctrl+s":
			if f.saving {
				return nil, true
			}
			return f.save(), true
		case "tab":
			f.setFocus((f.focus + 1) % len(f.fields))
			return nil, true
		case "shift+tab":
			f.setFocus((f.focus + len(f.fields) - 1) % len(f.fields))
			return nil, true
		case "ctrl+p":
			f.setFocus(len(f.fields) - 1)
			f.body.TogglePreview()
			return nil, true
		}
	}
	var cmd tea.Cmd
	switch f.field() {
	case tfTitle:
		f.title.Update(msg)
	case tfTags:
		f.tags.Update(msg)
	case tfSlots:
		f.slots.Update(msg)
	case tfDeadline:
		f.deadline.Update(msg)
	case tfPlace:
		f.place.Update(msg)
	case tfBody:
		cmd = f.body.Update(msg)
	default:
		if isKey && f.field() == tfCommunity && f.typesName(key) {
			// Typing on the community opens its list, narrowed by what
			// is typed: the letters went nowhere and a space moved to
			// the next community unseen (new-user trial).
			f.picker = kit.NewFilterPicker(f.c.Cat.T("form.community"), f.communities, f.communities[f.community].Value)
			f.picker.Update(f.c, msg)
			return nil, true
		}
		if isKey {
			f.choose(key.String())
		}
	}
	if isKey && key.String() == "enter" && f.field() != tfBody && f.field() != tfCommunity {
		f.setFocus(f.focus + 1)
	}
	return tea.Batch(cmd, f.afterChange()), true
}

// draftRevertMsg is the person's yes to throwing the restored draft away
// (ctrl+r).
type draftRevertMsg struct{ form *threadForm }

// typesName is true for a key that types a character other than the
// choice fields' own (h, j, k, l and space: choose).
func (f *threadForm) typesName(k tea.KeyPressMsg) bool {
	if len(f.communities) == 0 || k.Text == "" || k.Mod&(tea.ModCtrl|tea.ModAlt) != 0 {
		return false
	}
	switch k.Text {
	case "h", "j", "k", "l", " ":
		return false
	}
	return true
}

// choose changes a choice field with left/right or space.
func (f *threadForm) choose(k string) {
	d := 0
	switch k {
	case "right", "l", "space", " ":
		d = 1
	case "left", "h":
		d = -1
	case "up", "k":
		f.setFocus(f.focus - 1)
	case "down", "j":
		f.setFocus(f.focus + 1)
	case "enter":
		if f.field() == tfCommunity && len(f.communities) > 0 {
			f.picker = kit.NewFilterPicker(f.c.Cat.T("form.community"), f.communities, f.communities[f.community].Value)
		}
	}
	if d == 0 {
		return
	}
	switch f.field() {
	case tfCommunity:
		if n := len(f.communities); n > 0 {
			f.community = (f.community + d + n) % n
		}
	case tfKind:
		f.kind = (f.kind + d + len(model.ThreadKinds)) % len(model.ThreadKinds)
		f.layoutFields()
		f.SetSize(f.width, f.height)
	case tfAnonymous:
		f.anonymous = !f.anonymous
	case tfSupport:
		f.support = (f.support + d + len(supportTypes)) % len(supportTypes)
	}
}

// afterChange saves a draft when the input changed.
func (f *threadForm) afterChange() tea.Cmd {
	f.body.Changed()
	f.notice = ""
	snap := f.snapshot()
	if snap == f.initial || f.closed {
		return nil
	}
	return f.drafts.Changed(f.draft())
}

func (f *threadForm) setFocus(i int) {
	f.focus = min(max(i, 0), len(f.fields)-1)
	if f.field() == tfBody {
		f.body.Focus()
	} else {
		f.body.Blur()
	}
}

// failed shows a save error next to its field when it has one; the text
// stays in the form and in its draft.
func (f *threadForm) failed(err error) {
	var e *model.Error
	if errors.As(err, &e) && e.Field != "" {
		f.errs[e.Field] = f.c.Cat.Err(err)
		for i, fl := range f.fields {
			if threadFieldName(fl) == e.Field {
				f.setFocus(i)
			}
		}
	} else {
		f.general = f.c.Cat.Err(err)
	}
	f.SetSize(f.width, f.height)
}

func threadFieldName(field int) string {
	return [...]string{"community", "kind", "title", "tags", "anonymous", "support_type", "slots", "deadline", "place", "body"}[field]
}

// save checks the input and posts it in a tea.Cmd.
func (f *threadForm) save() tea.Cmd {
	f.errs = map[string]string{}
	f.general = ""
	store, ctx := f.c.Store, f.c.Ctx()
	var run func() (string, error)
	switch f.mode {
	case formNewThread, formEditThread:
		t := &model.Thread{Title: strings.TrimSpace(f.title.Value()), Body: f.body.Value(), Tags: strings.Fields(f.tags.Value()), Anonymous: f.anonymous}
		if f.mode == formEditThread {
			edit := *f.thread
			edit.Title, edit.Body, edit.Tags, edit.Anonymous = t.Title, t.Body, t.Tags, t.Anonymous
			t = &edit
		} else {
			t.Kind = model.ThreadKinds[f.kind]
			if len(f.communities) == 0 {
				f.errs["community"] = f.c.Cat.T("form.thread.no.community")
				f.SetSize(f.width, f.height)
				return nil
			}
			t.CommunityID = f.communities[f.community].Value
			if t.Kind == model.KindCall {
				if err := f.callFields(t); err != nil {
					f.failed(err)
					return nil
				}
			}
		}
		if err := t.Validate(); err != nil {
			f.failed(err)
			return nil
		}
		editing := f.mode == formEditThread
		run = func() (string, error) {
			if editing {
				return t.ID, store.UpdateThread(ctx, t)
			}
			err := store.CreateThread(ctx, t)
			return t.ID, err
		}
		if !editing {
			t.ID = f.created.For(f.c.Now())
		}
	default:
		r := &model.Reply{Body: f.body.Value(), Anonymous: f.anonymous, QuoteID: f.quoteFor}
		if err := r.Validate(); err != nil {
			f.failed(err)
			return nil
		}
		if f.mode == formEditReply {
			r.ID = f.reply.ID
			threadID := f.reply.ThreadID
			run = func() (string, error) { return threadID, store.UpdateReply(ctx, r) }
		} else {
			r.ThreadID, r.ID = f.thread.ID, f.created.For(f.c.Now())
			run = func() (string, error) { return r.ThreadID, store.CreateReply(ctx, r) }
		}
	}
	f.saving = true
	return func() tea.Msg {
		id, err := run()
		return threadSavedMsg{form: f, threadID: id, err: err}
	}
}

// callFields reads the 募集 fields: slots, a deadline date and a place.
func (f *threadForm) callFields(t *model.Thread) error {
	t.SupportType = supportTypes[f.support]
	if s := strings.TrimSpace(f.slots.Value()); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 999 {
			return model.FieldError("slots", "err.slots.range", "募集人数は 1 から 999 の数字で入力してください")
		}
		t.Slots = n
	}
	if s := strings.TrimSpace(f.deadline.Value()); s != "" {
		d, err := time.ParseInLocation("2006-01-02", s, f.c.Loc())
		if err != nil {
			return model.FieldError("deadline", "err.deadline", "締め切りは 2026-12-01 の形で入力してください")
		}
		// The deadline lasts the whole day.
		end := d.AddDate(0, 0, 1).Add(-time.Second)
		if end.Before(f.c.Now()) {
			return model.FieldError("deadline", "err.deadline.past", "締め切りが過去の日付です")
		}
		t.Deadline = &end
	}
	t.Place = strings.TrimSpace(f.place.Value())
	return nil
}
