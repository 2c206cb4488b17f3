package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"hiroba/data"
	"hiroba/model"
)

// postFlags posts a thread and prints its id.
func postFlags(fs *flag.FlagSet) runFunc {
	community := fs.String("community", "", "")
	kind := fs.String("kind", "", "") // 相談 (parseKind)
	title := fs.String("title", "", "")
	bodyFile := fs.String("body-file", "", "")
	tags := fs.String("tags", "", "")
	anonymous := fs.Bool("anonymous", false, "")
	return func(e *env, args []string) error {
		if len(args) > 0 {
			return usageErrorf("run.extra", strings.Join(args, " "))
		}
		if *community == "" {
			return usageErrorf("post.community")
		}
		k, err := parseKind(*kind)
		if err != nil {
			return err
		}
		if k == "" {
			k = model.KindQuestion
		}
		body, err := e.readBody(*bodyFile)
		if err != nil {
			return err
		}
		t := &model.Thread{CommunityID: *community, Kind: k, Title: *title, Body: body, Tags: strings.Fields(*tags), Anonymous: *anonymous}
		return e.withViewer(true, "post.doing", func(ctx context.Context, db *data.DB) error {
			if err := db.CreateThread(ctx, t); err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, t.ID)
			return nil
		})
	}
}

// parseKind reads --kind: a kind's id or its name (kindNames); "" is
// none.
func parseKind(s string) (model.ThreadKind, error) {
	if s == "" {
		return "", nil
	}
	if k, ok := kindNames[s]; ok {
		return k, nil
	}
	if k := model.ThreadKind(s); k.Valid() {
		return k, nil
	}
	return "", usageErrorf("post.kind", s)
}

// readBody reads a post's body from a file, or from standard input for "-".
func (e *env) readBody(path string) (string, error) {
	if path == "" {
		return "", usageErrorf("post.body")
	}
	var b []byte
	var err error
	if path == "-" {
		b, err = io.ReadAll(io.LimitReader(e.stdin, 4*model.MaxBodyLen+1))
	} else {
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return "", refusef(model.EINVALID, "post.body.read", err)
	}
	if !utf8.Valid(b) {
		return "", refusef(model.EINVALID, "post.body.utf8", path)
	}
	return string(b), nil
}
