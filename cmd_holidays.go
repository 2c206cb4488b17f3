package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"

	"hiroba/model"
)

func init() {
	commands["holidays"] = command{
		usage: "  hiroba holidays YEAR [--json]                    その年の祝日・休日 (1980-2099)\n",
		setup: func(fs *flag.FlagSet) func(opt options, args []string, stdout, stderr io.Writer) error {
			return runHolidays
		},
	}
}

// holidayJSON is one line of `hiroba holidays YEAR --json`.
type holidayJSON struct {
	Date   string `json:"date"` // YYYY-MM-DD
	Name   string `json:"name"`
	NameEN string `json:"name_en"`
}

// runHolidays lists the year's public holidays; it needs no database.
func runHolidays(opt options, args []string, stdout, stderr io.Writer) error {
	if len(args) != 1 {
		return usageErrorf("年を一つ指定してください (例: hiroba holidays 2027 --json)")
	}
	year, err := strconv.Atoi(args[0])
	if err != nil {
		return usageErrorf("%q は年ではありません。西暦の数字で指定してください (例: 2027)", args[0])
	}
	if year < model.HolidayFirstYear || year > model.HolidayLastYear {
		return usageErrorf("%d 年の祝日は分かりません。%d 年から %d 年までを指定してください", year, model.HolidayFirstYear, model.HolidayLastYear)
	}
	list := []holidayJSON{}
	for _, h := range model.Holidays(year) {
		list = append(list, holidayJSON{Date: h.Date.Format("2006-01-02"), Name: h.Name, NameEN: model.HolidayNameEN(h.Name)})
	}
	if opt.json {
		return writeJSON(stdout, list)
	}
	for _, h := range list {
		fmt.Fprintf(stdout, "%s  %s\n", h.Date, h.Name)
	}
	return nil
}
