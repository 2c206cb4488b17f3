package cli

import (
	"context"
	"flag"
	"fmt"

	"hiroba/data"
	"hiroba/model"
)

// replyFlags replies to a thread and prints the reply's id.
func replyFlags(fs *flag.FlagSet) runFunc {
	bodyFile := fs.String("body-file", "", "")
	anonymous := fs.Bool("anonymous", false, "")
	return func(e *env, args []string) error {
		if len(args) != 1 {
			return usageErrorf("reply.thread")
		}
		body, err := e.readBody(*bodyFile)
		if err != nil {
			return err
		}
		r := &model.Reply{ThreadID: args[0], Body: body, Anonymous: *anonymous}
		return e.withViewer(true, "reply.doing", func(ctx context.Context, db *data.DB) error {
			if err := db.CreateReply(ctx, r); err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, r.ID)
			return nil
		})
	}
}
