package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"hiroba/data"
	"hiroba/model"
)

// adminFlags adds the 20% rule's settings to `hiroba admin`: who is a
// supervisor (所属長) of what, and how long a working day is in a
// municipality. Like the rest of admin they act as the operator.
func adminFlags(fs *flag.FlagSet) runFunc {
	scope := fs.String("scope", "", "")
	return func(e *env, args []string) error {
		if len(args) > 0 && args[0] == "supervisor" {
			return e.adminSupervisor(args[1:], *scope)
		}
		if *scope != "" {
			return usageErrorf("admin.scope.only")
		}
		if len(args) > 0 && args[0] == "workday" {
			return e.adminWorkday(args[1:])
		}
		return runAdmin(e, args)
	}
}

// adminSupervisor marks a staff member as supervisor of scope (their own
// department when ""), or unmarks them.
func (e *env) adminSupervisor(args []string, scope string) error {
	if len(args) != 2 || (args[1] != "on" && args[1] != "off") {
		return usageErrorf("admin.supervisor.args")
	}
	on := args[1] == "on"
	if !on && scope != "" {
		return usageErrorf("admin.scope.only")
	}
	db, err := e.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := data.AsOperator(context.Background())
	s, err := db.StaffByIDOrName(ctx, args[0])
	if err != nil {
		return err
	}
	if err := db.SetSupervisor(ctx, s.ID, on, scope); err != nil {
		return err
	}
	if !on {
		fmt.Fprint(e.stdout, e.msg("admin.supervisor.off", model.CleanLine(s.Name), s.ID))
		return nil
	}
	shown := model.NormalizeDepartment(model.CleanLine(scope))
	switch shown {
	case model.ScopeMunicipality:
		fmt.Fprint(e.stdout, e.msg("admin.supervisor.all", model.CleanLine(s.Name), s.ID, model.CleanLine(s.Municipality)))
		return nil
	case "":
		shown = model.NormalizeDepartment(model.CleanLine(s.Department))
	}
	fmt.Fprint(e.stdout, e.msg("admin.supervisor.on", model.CleanLine(s.Name), s.ID, model.CleanLine(s.Municipality), shown))
	return nil
}

// adminWorkday sets the length of a working day in a municipality, from
// which the 20% cap is worked out: minutes (465) or hours as the 活動 tab
// reads them (7:45, 7時間45分); "default" restores 7 h 45 min.
func (e *env) adminWorkday(args []string) error {
	if len(args) != 2 {
		return usageErrorf("admin.workday.args")
	}
	minutes, err := strconv.Atoi(args[1])
	switch {
	case args[1] == "default":
		minutes = 0
	case err != nil:
		if minutes, err = model.ParseHours(args[1]); err != nil {
			return usageErrorf("admin.workday.length", args[1])
		}
	}
	db, err := e.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := data.AsOperator(context.Background())
	m, err := municipality(ctx, db, args[0])
	if err != nil {
		return err
	}
	if err := db.SetDailyMinutes(ctx, m.ID, minutes); err != nil {
		return err
	}
	if minutes, err = db.DailyMinutes(ctx, m.ID); err != nil {
		return err
	}
	fmt.Fprint(e.stdout, e.msg("admin.workday.set", model.CleanLine(m.Name), strings.TrimSpace(e.names.Duration(minutes))))
	return nil
}
