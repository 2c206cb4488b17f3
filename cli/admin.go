package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"hiroba/data"
	"hiroba/model"
)

// runAdmin manages staff from the machine that holds the database. It acts
// as the operator (data.AsOperator): whoever can write the file can change
// anything in it, and a server's operator need not be a staff member.
func runAdmin(e *env, args []string) error {
	if len(args) == 0 {
		return usageErrorf("admin.sub")
	}
	sub, rest := args[0], args[1:]
	ctx := data.AsOperator(context.Background())
	switch sub {
	case "list":
		if len(rest) > 0 {
			return usageErrorf("admin.list.args")
		}
		return e.listAccounts(ctx)
	case "approve", "revoke", "grant":
		if len(rest) != 1 {
			return usageErrorf("admin.one", sub)
		}
		return e.changeAccount(ctx, sub, rest[0])
	case "shared":
		if len(rest) != 1 || (rest[0] != "on" && rest[0] != "off") {
			return usageErrorf("admin.shared.args")
		}
		db, err := e.open(false)
		if err != nil {
			return err
		}
		defer db.Close()
		if err := db.SetShared(ctx, rest[0] == "on"); err != nil {
			return err
		}
		done := "admin.shared.off"
		if rest[0] == "on" {
			done = "admin.shared.on"
		}
		fmt.Fprint(e.stdout, e.msg(done, db.Path))
		return nil
	}
	return usageErrorf("admin.unknown", strings.TrimSpace(sub))
}

func (e *env) listAccounts(ctx context.Context) error {
	db, err := e.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	accounts, err := db.Accounts(ctx)
	if err != nil {
		return err
	}
	if e.json {
		if accounts == nil {
			accounts = []model.Account{}
		}
		return e.writeJSON(accounts)
	}
	rows := [][]string{{e.msg("admin.col.id"), e.msg("admin.col.status"), e.msg("admin.col.admin"), e.msg("admin.col.keys"),
		e.msg("admin.col.name"), e.msg("admin.col.town"), e.msg("admin.col.department")}}
	for _, a := range accounts {
		admin := ""
		if a.Admin {
			admin = e.msg("admin.admin")
		}
		rows = append(rows, []string{a.ID, e.statusWord(a.Status), admin, fmt.Sprint(a.Keys),
			model.CleanLine(a.Name), model.CleanLine(a.Municipality), model.CleanLine(a.Department)})
	}
	writeColumns(e.stdout, rows)
	return nil
}

// changeAccount approves, revokes or makes an administrator of the staff
// member of an id or exact name.
func (e *env) changeAccount(ctx context.Context, sub, idOrName string) error {
	db, err := e.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	s, err := db.StaffByIDOrName(ctx, idOrName)
	if err != nil {
		return err
	}
	change, done := db.ApproveStaff, "admin.approved"
	switch sub {
	case "revoke":
		change, done = db.RevokeStaff, "admin.revoked"
	case "grant":
		change, done = db.GrantAdmin, "admin.granted"
	}
	if err := change(ctx, s.ID); err != nil {
		return err
	}
	fmt.Fprint(e.stdout, e.msg(done, model.CleanLine(s.Name), s.ID))
	return nil
}

func (e *env) statusWord(status string) string {
	switch status {
	case model.StaffPending:
		return e.msg("admin.status.pending")
	case model.StaffRevoked:
		return e.msg("admin.status.revoked")
	}
	return e.msg("admin.status.active")
}

// writeColumns aligns rows by display width, so that Japanese names line
// up in a terminal.
func writeColumns(w io.Writer, rows [][]string) {
	widths := map[int]int{}
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], ansi.StringWidth(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(c)+2))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}
