package kit

import (
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
)

// PlanOffer is the question a screen asks after something that may count
// under the 20% rule: saying 参加 to a marked event, joining an idea's
// team, writing a handover note. y opens the plan form for the target on
// the 活動 tab; any other key lets it be.
type PlanOffer struct {
	Target model.PlanTarget
}

// Ask asks the question (Confirm), with done, the sentence that says
// what just happened, after it: a narrow line cuts what happened rather
// than the question.
func (o *PlanOffer) Ask(cat *Catalog, done string) tea.Cmd {
	return Confirm(cat.T("plan.offer", done), PlanForCmd(o.Target))
}
