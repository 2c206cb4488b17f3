package communities

import (
	"context"
	"strings"

	"hiroba/model"
	"hiroba/ui/kit"
)

// communityData is what a community's document shows.
type communityData struct {
	com     *model.Community
	members []model.Member // the first few
	total   int            // members in all
	threads []model.Thread
	events  []model.Occurrence
}

// load reads what the detail pane shows of a community; it runs in a
// command.
func (s *Screen) load(ctx context.Context, x model.Community) (communityData, error) {
	store := s.c.Store
	var d communityData
	var err error
	if d.com, err = store.CommunityByID(ctx, x.ID); err != nil {
		return d, err
	}
	if d.members, d.total, err = store.Members(ctx, x.ID, 12); err != nil {
		return d, err
	}
	if d.threads, _, err = store.FindThreads(ctx, model.ThreadFilter{CommunityID: x.ID, Limit: 5}); err != nil {
		return d, err
	}
	now := s.c.Now()
	d.events, err = store.Occurrences(ctx, now, now.AddDate(0, 4, 0), x.ID)
	return d, err
}

// renderCommunity draws a community's document at w cells: what it is,
// its organisers and members, its latest threads and next events.
func renderCommunity(d communityData, w int, cat *kit.Catalog, st kit.Styles) kit.Document {
	com := d.com
	var b strings.Builder
	line := func(s string) { b.WriteString(kit.Clip(s, w) + "\n") }
	line(st.Heading.Render(kit.Clean(com.Name)))
	place := kit.Clean(com.Municipality)
	if com.MunicipalityID == "" {
		place = cat.T("area")
	}
	line(st.Badge.Render(cat.Category(com.Category)) + "  " + place + "  " + cat.T("visibility."+com.Visibility) + "  " + cat.T("community.members", com.MemberCount))
	if com.Summary != "" {
		line(st.Muted.Render(kit.Clean(com.Summary)))
	}
	b.WriteString("\n" + kit.RenderMarkdown(com.Description, w, cat) + "\n\n")

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
	b.WriteString(kit.WrapWords(strings.Join(orgs, sep), w) + "\n\n")
	line(st.Title.Render(cat.T("community.members", d.total)))
	more := ""
	if rest := d.total - len(d.members); rest > 0 {
		more = sep + cat.T("community.more.members", rest)
	}
	b.WriteString(kit.WrapWords(strings.Join(regular, sep)+more, w) + "\n\n")

	line(st.Title.Render(cat.T("community.threads")))
	if len(d.threads) == 0 {
		line(st.Muted.Render("  " + cat.T("none")))
	}
	for _, t := range d.threads {
		line("  " + st.Badge.Render(kit.Fit(cat.Kind(t.Kind), 9)) + kit.Clean(t.Title))
		line("    " + st.Muted.Render(kit.AuthorName(cat, t.AuthorName, t.Anonymous, t.Mine)+"  "+cat.Ago(t.LastActivityAt)+"  "+cat.T("thread.replies", t.ReplyCount)))
	}
	b.WriteString("\n")
	line(st.Title.Render(cat.T("community.events")))
	if len(d.events) == 0 {
		line(st.Muted.Render("  " + cat.T("none")))
	}
	for i, o := range d.events {
		if i == 5 {
			break
		}
		line("  " + st.Badge.Render(cat.Date(o.Start)+" "+cat.Clock(o.Start)) + "  " + kit.Clean(o.Event.Title))
	}
	return kit.Document{Text: strings.TrimRight(b.String(), "\n")}
}
