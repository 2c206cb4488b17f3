package kit

import (
	"fmt"

	"hiroba/model"
)

// The state machine's refusals in English, err.plan.<action>.<state>: one
// sentence per action, naming the state. The Japanese ones are the
// errors' own messages (model.PlanRefusal).
var (
	planRefusalsEN = map[model.PlanAction]string{
		model.ActEdit:     "A plan that is %s cannot be changed",
		model.ActSubmit:   "A plan that is %s cannot be submitted",
		model.ActDelete:   "A plan that is %s cannot be deleted (only drafts can; withdraw it instead)",
		model.ActWithdraw: "A plan that is %s cannot be withdrawn",
		model.ActApprove:  "A plan that is %s cannot be approved",
		model.ActReturn:   "A plan that is %s cannot be returned",
		model.ActRevoke:   "A plan that is %s has no approval to take back",
		model.ActRecord:   "Hours cannot be recorded on a plan that is %s (only on approved plans)",
		model.ActCancel:   "A plan that is %s is not withdrawn when its event is cancelled",
		model.ActMove:     "A plan that is %s does not follow its event when it moves",
	}
	planStatesEN = map[model.PlanState]string{
		model.PlanDraft: "a draft", model.PlanSubmitted: "waiting for a decision", model.PlanApproved: "approved",
		model.PlanReturned: "returned", model.PlanWithdrawn: "withdrawn", model.PlanDone: "done",
	}
)

func init() {
	for k, v := range activityJA {
		catalogJA[k] = v
	}
	for k, v := range activityEN {
		catalogEN[k] = v
	}
	for _, a := range model.PlanActions {
		for _, s := range model.PlanStates {
			if s.Allows(a) {
				continue
			}
			key := "err.plan." + string(a) + "." + string(s)
			catalogJA[key] = model.PlanRefusal(a, s)
			catalogEN[key] = fmt.Sprintf(planRefusalsEN[a], planStatesEN[s])
		}
	}
}
