package kit

import (
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
)

// PlanOffer is the question a screen asks after something that may count
// under the 20% rule: saying 参加 to a marked event, joining an idea's
// team, writing a handover note. y opens the plan form for the target on
// the 活動 tab; any other key lets it be. The screen keeps the offer
// while it waits for the answer (and captures the keys meanwhile).
type PlanOffer struct {
	Target model.PlanTarget
}

// Ask puts the question on the status line, then done, the sentence
// that says what just happened: the question first, so that a narrow
// line cuts what happened rather than the y/n.
func (o *PlanOffer) Ask(cat *Catalog, done string) tea.Cmd {
	return StatusCmd(cat.T("plan.offer", done), true)
}

// Answer acts on the key pressed in reply.
func (o *PlanOffer) Answer(msg tea.KeyPressMsg) tea.Cmd {
	if msg.String() == "y" {
		return tea.Batch(StatusCmd("", false), PlanForCmd(o.Target))
	}
	return StatusCmd("", false)
}
