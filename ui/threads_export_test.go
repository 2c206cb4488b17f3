package ui

import tea "charm.land/bubbletea/v2"

// OpenThreadMsg is what the search and the inbox send to show a thread,
// scrolled to the post anchor (a reply id, or "").
func OpenThreadMsg(id, anchor string) tea.Msg {
	return openMsg{Kind: openThread, ID: id, Anchor: anchor}
}

// OpenCommunityMsg is what the search sends to show a community.
func OpenCommunityMsg(id string) tea.Msg { return openMsg{Kind: openCommunity, ID: id} }
