package activity

import (
	"context"
	"strings"
	"time"

	"hiroba/model"
	"hiroba/ui/kit"
)

// What a plan may be for, as the form's picker offers it: the options of
// one kind of target that match the words typed.

// targetLimit bounds the options read for one filter.
const targetLimit = 50

// eventReach is how far ahead the picker offers event occurrences.
const eventReach = 3 // months

// targetValue writes a target as an option's value: the id, and for an
// event occurrence its original start.
func targetValue(t model.PlanTarget) string {
	if t.OccurrenceStart == nil {
		return t.ID
	}
	return t.ID + "@" + t.OccurrenceStart.UTC().Format(time.RFC3339Nano)
}

// parseTarget reads an option's value back into a target of kind.
func parseTarget(kind model.PlanTargetKind, value string) model.PlanTarget {
	t := model.PlanTarget{Kind: kind, ID: value}
	if id, at, ok := strings.Cut(value, "@"); ok {
		if start, err := time.Parse(time.RFC3339Nano, at); err == nil {
			t.ID, t.OccurrenceStart = id, &start
		}
	}
	return t
}

// targetOptions returns a loader of the targets of kind that match the
// words: communities, 20%-marked event occurrences of the next months,
// calls for help, ideas, and the handover notes the person writes or
// receives.
func targetOptions(c *kit.Common, kind model.PlanTargetKind) func(ctx context.Context, q string) ([]kit.Option, error) {
	store, cat := c.Store, c.Cat
	return func(ctx context.Context, q string) ([]kit.Option, error) {
		var out []kit.Option
		switch kind {
		case model.TargetCommunity:
			list, _, err := store.FindCommunities(ctx, model.CommunityFilter{Query: q, Limit: targetLimit})
			if err != nil {
				return nil, err
			}
			for _, x := range list {
				out = append(out, kit.Option{Value: x.ID, Label: x.Name})
			}
		case model.TargetCall, model.TargetIdea:
			k := model.KindCall
			if kind == model.TargetIdea {
				k = model.KindIdea
			}
			list, _, err := store.FindThreads(ctx, model.ThreadFilter{Kind: k, Query: q, Limit: targetLimit})
			if err != nil {
				return nil, err
			}
			for _, x := range list {
				out = append(out, kit.Option{Value: x.ID, Label: x.Title + "  (" + x.CommunityName + ")"})
			}
		case model.TargetHandover:
			list, _, err := store.FindHandovers(ctx, model.HandoverFilter{Mine: model.MineAsEither, Query: q, Limit: targetLimit})
			if err != nil {
				return nil, err
			}
			for _, x := range list {
				out = append(out, kit.Option{Value: x.ID, Label: x.Duty + "  (" + x.Department + ")"})
			}
		case model.TargetEvent:
			from := c.Now()
			occ, err := store.Occurrences(ctx, from, from.AddDate(0, eventReach, 0), "")
			if err != nil {
				return nil, err
			}
			words := strings.Fields(strings.ToLower(q))
			for _, o := range occ {
				if !o.Event.TwentyPercent || o.Event.Cancelled || !containsAll(strings.ToLower(o.Event.Title), words) {
					continue
				}
				start := o.OriginalStart
				if start.IsZero() {
					start = o.Start
				}
				label := cat.Date(o.Start) + " " + cat.Clock(o.Start) + "  " + o.Event.Title
				out = append(out, kit.Option{Value: targetValue(model.PlanTarget{ID: o.Event.ID, OccurrenceStart: &start}), Label: label})
				if len(out) == targetLimit {
					break
				}
			}
		}
		return out, nil
	}
}

func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}
