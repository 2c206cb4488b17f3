package cli

import (
	"context"
	"flag"
	"io"

	"hiroba/data"
	"hiroba/document"
)

func handoverFlags(fs *flag.FlagSet) runFunc {
	format := fs.String("format", "md", "")
	return func(e *env, args []string) error {
		if len(args) == 0 || args[0] != "export" {
			return usageErrorf("handover.sub")
		}
		if len(args) != 2 {
			return usageErrorf("handover.id")
		}
		if *format != "md" {
			return usageErrorf("handover.format", *format)
		}
		return e.exportHandover(args[1])
	}
}

// exportHandover writes the note, with its answered questions, as
// Markdown to print and file.
func (e *env) exportHandover(id string) error {
	return e.withViewer(false, "", func(ctx context.Context, db *data.DB) error {
		h, err := db.HandoverByID(ctx, id)
		if err != nil {
			return err
		}
		qs, err := db.Questions(ctx, id)
		if err != nil {
			return err
		}
		_, err = io.WriteString(e.stdout, document.Handover(h, qs, e.lang))
		return err
	})
}
