package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"hiroba/data"
	"hiroba/model"
)

func init() {
	commands["admin"] = command{
		usage: "  hiroba admin list [--json]                       職員と承認待ちの一覧\n" +
			"  hiroba admin approve|revoke|grant ID             承認 / 利用停止 / 管理者に指定\n" +
			"  hiroba admin shared on|off                       ネットワーク共有モードを記録\n",
		setup: func(fs *flag.FlagSet) func(opt options, args []string, stdout, stderr io.Writer) error {
			return runAdmin
		},
	}
}

// runAdmin manages staff from the machine that holds the database. It acts
// as the operator (data.AsOperator): whoever can write the file can change
// anything in it, and a server's operator need not be a staff member.
func runAdmin(opt options, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageErrorf("サブコマンドを指定してください: list, approve ID, revoke ID, grant ID, shared on|off")
	}
	sub, rest := args[0], args[1:]
	one := func() (string, error) {
		if len(rest) != 1 {
			return "", usageErrorf("%s には職員 ID を一つ指定してください", sub)
		}
		return rest[0], nil
	}
	ctx := data.AsOperator(context.Background())
	switch sub {
	case "list":
		if len(rest) > 0 {
			return usageErrorf("list に引数は要りません")
		}
		db, err := open(opt, true)
		if err != nil {
			return err
		}
		defer db.Close()
		accounts, err := db.Accounts(ctx)
		if err != nil {
			return err
		}
		if opt.json {
			if accounts == nil {
				accounts = []model.Account{}
			}
			return writeJSON(stdout, accounts)
		}
		rows := [][]string{{"ID", "状態", "管理者", "鍵", "氏名", "自治体", "所属"}}
		for _, a := range accounts {
			admin := ""
			if a.Admin {
				admin = "管理者"
			}
			rows = append(rows, []string{a.ID, statusWord(a.Status), admin, fmt.Sprint(a.Keys),
				model.CleanLine(a.Name), model.CleanLine(a.Municipality), model.CleanLine(a.Department)})
		}
		writeColumns(stdout, rows)
		return nil
	case "approve", "revoke", "grant":
		id, err := one()
		if err != nil {
			return err
		}
		db, err := open(opt, false)
		if err != nil {
			return err
		}
		defer db.Close()
		s, err := db.StaffByIDOrName(ctx, id)
		if err != nil {
			return err
		}
		done := ""
		switch sub {
		case "approve":
			err, done = db.ApproveStaff(ctx, s.ID), "承認しました"
		case "revoke":
			err, done = db.RevokeStaff(ctx, s.ID), "利用を停止しました"
		case "grant":
			err, done = db.GrantAdmin(ctx, s.ID), "管理者にしました"
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s さん (%s) を%s\n", model.CleanLine(s.Name), s.ID, done)
		return nil
	case "shared":
		if len(rest) != 1 || (rest[0] != "on" && rest[0] != "off") {
			return usageErrorf("shared には on か off を指定してください")
		}
		db, err := open(opt, false)
		if err != nil {
			return err
		}
		defer db.Close()
		if err := db.SetShared(ctx, rest[0] == "on"); err != nil {
			return err
		}
		if rest[0] == "on" {
			fmt.Fprintf(stdout, "%s: ネットワーク共有モードにしました。これからは --shared なしでも WAL を使わずに開きます\n", db.Path)
		} else {
			fmt.Fprintf(stdout, "%s: ネットワーク共有モードをやめました (WAL で開きます)\n", db.Path)
		}
		return nil
	}
	return usageErrorf("%q というサブコマンドはありません (list, approve, revoke, grant, shared)", strings.TrimSpace(sub))
}

func statusWord(status string) string {
	switch status {
	case model.StaffPending:
		return "承認待ち"
	case model.StaffRevoked:
		return "停止"
	}
	return "利用中"
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
