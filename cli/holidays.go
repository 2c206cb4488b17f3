package cli

import (
	"fmt"
	"strconv"

	"hiroba/model"
)

// holidayJSON is one line of `hiroba holidays YEAR --json`.
type holidayJSON struct {
	Date   string `json:"date"` // YYYY-MM-DD
	Name   string `json:"name"`
	NameEN string `json:"name_en"`
}

// runHolidays lists the year's public holidays; it needs no database.
func runHolidays(e *env, args []string) error {
	if len(args) != 1 {
		return usageErrorf("holidays.year")
	}
	year, err := strconv.Atoi(args[0])
	if err != nil {
		return usageErrorf("holidays.nan", args[0])
	}
	if year < model.HolidayFirstYear || year > model.HolidayLastYear {
		return usageErrorf("holidays.range", year, model.HolidayFirstYear, model.HolidayLastYear)
	}
	list := []holidayJSON{}
	for _, h := range model.Holidays(year) {
		list = append(list, holidayJSON{Date: h.Date.Format("2006-01-02"), Name: h.Name, NameEN: model.HolidayNameEN(h.Name)})
	}
	if e.json {
		return e.writeJSON(list)
	}
	for _, h := range list {
		fmt.Fprintf(e.stdout, "%s  %s\n", h.Date, h.Name)
	}
	return nil
}
