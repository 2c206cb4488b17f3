package cli

import (
	"context"
	"flag"
	"strings"

	"hiroba/data"
	"hiroba/model"
)

// handoversFlags lists the notes the viewer may read, as JSON.
func handoversFlags(fs *flag.FlagSet) runFunc {
	status := fs.String("status", "", "")
	mine := fs.Bool("mine", false, "")
	return func(e *env, args []string) error {
		if len(args) > 0 {
			return usageErrorf("run.extra", strings.Join(args, " "))
		}
		switch *status {
		case "", model.HandoverDraft, model.HandoverHandedOver, model.HandoverAcknowledged:
		default:
			return usageErrorf("handovers.status", *status)
		}
		f := model.HandoverFilter{Status: *status}
		if *mine {
			f.Mine = model.MineAsEither
		}
		return listJSON(e, func(ctx context.Context, db *data.DB) ([]model.Handover, error) {
			list, _, err := db.FindHandovers(ctx, f)
			return list, err
		})
	}
}
