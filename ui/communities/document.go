package communities

import (
	"context"
	"strings"
	"time"

	"hiroba/model"
	"hiroba/ui/kit"
)

// communityData is what a community's document shows.
type communityData struct {
	com     *model.Community
	members []model.Member // the first few
	total   int            // members in all
	threads []model.Thread
	// threadTotal is how many threads the community has in all.
	threadTotal int
	events      []model.Occurrence
	// eventsRead is false while the events are on their way: the pane
	// reads them after its first part is drawn (Screen.load).
	eventsRead bool
}

// Anchors of a community's document: a thread or an event listed in it,
// which its page opens with enter.
const (
	anchorThread = "t:"
	anchorEvent  = "e:"
)

// How much of a community the detail pane beside the list reads, and
// how much its page (page.go).
var (
	paneLimits = docLimits{members: 12, threads: 5, events: 5}
	pageLimits = docLimits{members: 40, threads: 20, events: 12}
)

type docLimits struct{ members, threads, events int }

// load reads what the detail pane shows of a community, but its events;
// it runs in a command. The events, below the first screen of the pane at
// 80x24 and 100x30, follow (loadEvents): on the scale-1 file they were a
// third of the first screen's reads (about 2 ms of a new process's CPU).
func (s *Screen) load(ctx context.Context, x model.Community) (communityData, error) {
	lim := paneLimits
	lim.events = 0
	return loadCommunity(ctx, s.c, x.ID, lim)
}

// loadEvents reads the next events of the community of d, in the command
// after load's.
func (s *Screen) loadEvents(ctx context.Context, d communityData) (communityData, error) {
	return readEvents(ctx, s.c, d, paneLimits.events)
}

// readEvents reads into d at most n of its community's events in the
// next four months.
func readEvents(ctx context.Context, c *kit.Common, d communityData, n int) (communityData, error) {
	now := c.Now()
	events, err := c.Store.NextOccurrences(ctx, now, now.AddDate(0, 4, 0), d.com.ID, n)
	if err != nil {
		return d, err
	}
	d.events, d.eventsRead = events, true
	return d, nil
}

// loadCommunity reads community id with at most lim of its members,
// latest threads and next events (the next four months).
//
// The reads follow one another on one reading connection. Read beside the
// rest, the events took a second connection, and making one reads the
// whole schema (259 objects): on 2 busy cores in tmux the first frame's
// process spent 4 ms more CPU and drew the first full frame 2.5 ms later
// (issue 16, medians of 21 traced starts).
func loadCommunity(ctx context.Context, c *kit.Common, id string, lim docLimits) (d communityData, err error) {
	store := c.Store
	if d.com, err = store.CommunityByID(ctx, id); err != nil {
		return d, err
	}
	if d.members, d.total, err = store.Members(ctx, id, lim.members); err != nil {
		return d, err
	}
	if d.threads, d.threadTotal, err = store.FindThreads(ctx, model.ThreadFilter{CommunityID: id, Limit: lim.threads}); err != nil {
		return d, err
	}
	if lim.events == 0 {
		return d, nil
	}
	return readEvents(ctx, c, d, lim.events)
}

// renderCommunity draws a community's document at w cells: what it is,
// its organisers and members, its latest threads and next events, each
// thread and event an anchor.
func renderCommunity(d communityData, w int, cat *kit.Catalog, st kit.Styles) kit.Document {
	com := d.com
	var b strings.Builder
	var anchors []kit.Anchor
	n := 0
	line := func(s string) { b.WriteString(kit.Clip(s, w) + "\n"); n++ }
	block := func(s string) {
		b.WriteString(s + "\n")
		n += strings.Count(s, "\n") + 1
	}
	line(st.Heading.Render(kit.Clean(com.Name)))
	place := kit.Clean(com.Municipality)
	if com.MunicipalityID == "" {
		place = cat.T("area")
	}
	// The facts under the name wrap between themselves rather than being
	// cut: beside the list at 80 columns they are wider than the pane,
	// and the member count, last, was what the cut took (in English the
	// list's rows leave the count to this pane). Each is clipped to a line
	// first so that WrapList never has to break one inside its colours.
	const gap = "  "
	facts := []string{st.Badge.Render(cat.Category(com.Category)), place, cat.T("visibility." + com.Visibility), cat.T("community.members", com.MemberCount)}
	for i, f := range facts {
		facts[i] = kit.Clip(f, w-len(gap))
	}
	for _, l := range strings.Split(kit.WrapList(facts, gap, w), "\n") {
		line(l)
	}
	if com.Summary != "" {
		for _, l := range strings.Split(kit.WrapWords(kit.Clean(com.Summary), w), "\n") {
			line(st.Muted.Render(l))
		}
	}
	block("\n" + kit.RenderMarkdown(com.Description, w, cat) + "\n")

	var orgs, regular []string
	for _, m := range d.members {
		if m.Role == model.MemberOrganiser {
			orgs = append(orgs, kit.Clean(m.Staff.Name)+" ("+kit.Clean(m.Staff.Municipality)+")")
		} else {
			regular = append(regular, kit.Clean(m.Staff.Name))
		}
	}
	sep := cat.T("list.sep")
	line(st.Title.Render(cat.T("community.organisers")))
	block(kit.WrapList(orgs, sep, w) + "\n")
	line(st.Title.Render(cat.T("community.members", d.total)))
	if rest := d.total - len(d.members); rest > 0 {
		regular = append(regular, cat.T("community.more.members", rest))
	}
	block(kit.WrapList(regular, sep, w) + "\n")

	line(st.Title.Render(cat.T("community.threads")))
	if len(d.threads) == 0 {
		line(st.Muted.Render("  " + cat.T("none")))
	}
	for _, t := range d.threads {
		anchors = append(anchors, kit.Anchor{ID: anchorThread + t.ID, Line: n})
		line("  " + st.Badge.Render(kit.Fit(cat.Kind(t.Kind), cat.KindWidth())) + kit.Clean(t.Title))
		line("    " + st.Muted.Render(kit.AuthorName(cat, t.AuthorName, t.Anonymous, t.Mine)+"  "+cat.T("thread.replies", t.ReplyCount)+"  "+cat.Ago(t.LastActivityAt)))
	}
	if rest := d.threadTotal - len(d.threads); rest > 0 {
		line(st.Muted.Render("  " + cat.T("community.more.threads", rest)))
	}
	line("")
	line(st.Title.Render(cat.T("community.events")))
	switch {
	case !d.eventsRead:
		line(st.Muted.Render("  " + cat.T("loading")))
	case len(d.events) == 0:
		line(st.Muted.Render("  " + cat.T("none")))
	}
	for _, o := range d.events {
		// The occurrence's start rides with the event, so that its row
		// opens that date, not the series' next.
		anchors = append(anchors, kit.Anchor{ID: anchorEvent + o.Event.ID + "@" + o.Start.UTC().Format(time.RFC3339), Line: n})
		line("  " + st.Badge.Render(cat.Date(o.Start)+" "+cat.Clock(o.Start)) + "  " + kit.Clean(o.Event.Title))
	}
	return kit.Document{Text: strings.TrimRight(b.String(), "\n"), Anchors: anchors}
}
