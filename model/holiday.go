package model

import (
	"sort"
	"sync"
	"time"
)

// Holiday is one Japanese public holiday: a national holiday (国民の祝日),
// a substitute holiday (振替休日) or a citizens' holiday (国民の休日).
type Holiday struct {
	Date time.Time `json:"-"` // midnight UTC of the date
	Name string    `json:"name"`
}

// The years Holidays knows: the equinox formula it uses holds from 1980
// to 2099.
const (
	HolidayFirstYear = 1980
	HolidayLastYear  = 2099
)

// Names of the days that are holidays by their kind rather than by a law
// of their own.
const (
	HolidaySubstitute = "振替休日"
	HolidayCitizens   = "国民の休日"
)

// oneOffHolidays are days made holidays by a law of their own, for one
// year only. They count as national holidays for the rules on substitute
// and citizens' holidays (2019-04-30 and 05-02 follow from that rule).
var oneOffHolidays = map[[3]int]string{
	{1989, 2, 24}:  "昭和天皇の大喪の礼",
	{1990, 11, 12}: "即位礼正殿の儀",
	{1993, 6, 9}:   "皇太子徳仁親王の結婚の儀",
	{2019, 5, 1}:   "天皇の即位の日",
	{2019, 10, 22}: "即位礼正殿の儀",
}

var holidayCache sync.Map // year -> map[int]string keyed by month*100+day

// Holidays returns the year's holidays in date order; nil for a year
// outside HolidayFirstYear..HolidayLastYear.
func Holidays(year int) []Holiday {
	days := holidaysOf(year)
	out := make([]Holiday, 0, len(days))
	for md, name := range days {
		out = append(out, Holiday{Date: time.Date(year, time.Month(md/100), md%100, 0, 0, 0, 0, time.UTC), Name: name})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}

// HolidayName returns the name of the holiday on the date, and false when
// the date is a working day (or its year is outside the known range).
func HolidayName(y int, m time.Month, d int) (string, bool) {
	name, ok := holidaysOf(y)[int(m)*100+d]
	return name, ok
}

func holidaysOf(year int) map[int]string {
	if year < HolidayFirstYear || year > HolidayLastYear {
		return nil
	}
	if v, ok := holidayCache.Load(year); ok {
		return v.(map[int]string)
	}
	v, _ := holidayCache.LoadOrStore(year, computeHolidays(year))
	return v.(map[int]string)
}

// computeHolidays applies the Act on National Holidays (国民の祝日に関する
// 法律) as it stood in the year, with the special laws of 1989, 1990, 1993,
// 2019, 2020 and 2021.
func computeHolidays(y int) map[int]string {
	days := map[int]string{}
	set := func(m time.Month, d int, name string) { days[int(m)*100+d] = name }

	set(time.January, 1, "元日")
	if y < 2000 {
		set(time.January, 15, "成人の日")
	} else {
		set(time.January, nthMonday(y, time.January, 2), "成人の日")
	}
	set(time.February, 11, "建国記念の日")
	switch {
	case y >= 2020:
		set(time.February, 23, "天皇誕生日")
	case y >= 1989 && y <= 2018:
		set(time.December, 23, "天皇誕生日")
	}
	set(time.March, vernalEquinox(y), "春分の日")
	switch {
	case y <= 1988:
		set(time.April, 29, "天皇誕生日")
	case y <= 2006:
		set(time.April, 29, "みどりの日")
	default:
		set(time.April, 29, "昭和の日")
	}
	set(time.May, 3, "憲法記念日")
	if y >= 2007 {
		set(time.May, 4, "みどりの日")
	}
	set(time.May, 5, "こどもの日")
	switch {
	case y == 2020:
		set(time.July, 23, "海の日")
	case y == 2021:
		set(time.July, 22, "海の日")
	case y >= 2003:
		set(time.July, nthMonday(y, time.July, 3), "海の日")
	case y >= 1996:
		set(time.July, 20, "海の日")
	}
	switch {
	case y == 2020:
		set(time.August, 10, "山の日")
	case y == 2021:
		set(time.August, 8, "山の日")
	case y >= 2016:
		set(time.August, 11, "山の日")
	}
	if y >= 2003 {
		set(time.September, nthMonday(y, time.September, 3), "敬老の日")
	} else {
		set(time.September, 15, "敬老の日")
	}
	set(time.September, autumnalEquinox(y), "秋分の日")
	switch {
	case y == 2020:
		set(time.July, 24, "スポーツの日")
	case y == 2021:
		set(time.July, 23, "スポーツの日")
	case y >= 2022:
		set(time.October, nthMonday(y, time.October, 2), "スポーツの日")
	case y >= 2000:
		set(time.October, nthMonday(y, time.October, 2), "体育の日")
	default:
		set(time.October, 10, "体育の日")
	}
	set(time.November, 3, "文化の日")
	set(time.November, 23, "勤労感謝の日")
	for k, name := range oneOffHolidays {
		if k[0] == y {
			set(time.Month(k[1]), k[2], name)
		}
	}

	national := make(map[int]bool, len(days))
	for md := range days {
		national[md] = true
	}
	date := func(md int) time.Time { return time.Date(y, time.Month(md/100), md%100, 0, 0, 0, 0, time.UTC) }
	key := func(t time.Time) int {
		if t.Year() != y {
			return -1
		}
		return int(t.Month())*100 + t.Day()
	}

	// 振替休日 (since 1973): a national holiday on a Sunday gives the next
	// day off; from 2007 the next day that is not a national holiday.
	// (1 January on a Sunday gives 2 January; 31 December is never a
	// holiday, so the substitute never crosses into the next year.)
	for md := range national {
		t := date(md)
		if t.Weekday() != time.Sunday {
			continue
		}
		next := t.AddDate(0, 0, 1)
		if y >= 2007 {
			for national[key(next)] {
				next = next.AddDate(0, 0, 1)
			}
		} else if national[key(next)] {
			continue
		}
		if k := key(next); k > 0 {
			days[k] = HolidaySubstitute
		}
	}

	// 国民の休日 (since the amendment of December 1985): a day between two
	// national holidays. Until 2006 a Sunday or a substitute holiday did
	// not count; from 2007 only a national holiday is excluded, which in
	// practice means the same.
	if y >= 1986 {
		for t := date(101); t.Year() == y; t = t.AddDate(0, 0, 1) {
			md := key(t)
			if national[md] || !national[key(t.AddDate(0, 0, -1))] || !national[key(t.AddDate(0, 0, 1))] {
				continue
			}
			if _, taken := days[md]; taken || t.Weekday() == time.Sunday {
				continue
			}
			days[md] = HolidayCitizens
		}
	}
	return days
}

// nthMonday is the day of the month of its nth Monday.
func nthMonday(y int, m time.Month, n int) int {
	first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Weekday()
	return 1 + (int(time.Monday)-int(first)+7)%7 + 7*(n-1)
}

// vernalEquinox and autumnalEquinox are the days of 春分の日 and 秋分の日 by
// the usual approximation of the equinoxes in Japan time, exact from 1980
// to 2099; the Cabinet Office announces each year's dates in February of
// the year before, from the same astronomy.
func vernalEquinox(y int) int {
	return int(20.8431 + 0.242194*float64(y-1980) - float64((y-1980)/4))
}

func autumnalEquinox(y int) int {
	return int(23.2488 + 0.242194*float64(y-1980) - float64((y-1980)/4))
}

var holidayNamesEN = map[string]string{
	"元日":              "New Year's Day",
	"成人の日":            "Coming of Age Day",
	"建国記念の日":          "National Foundation Day",
	"天皇誕生日":           "The Emperor's Birthday",
	"春分の日":            "Vernal Equinox Day",
	"昭和の日":            "Showa Day",
	"憲法記念日":           "Constitution Memorial Day",
	"みどりの日":           "Greenery Day",
	"こどもの日":           "Children's Day",
	"海の日":             "Marine Day",
	"山の日":             "Mountain Day",
	"敬老の日":            "Respect for the Aged Day",
	"秋分の日":            "Autumnal Equinox Day",
	"体育の日":            "Health and Sports Day",
	"スポーツの日":          "Sports Day",
	"文化の日":            "Culture Day",
	"勤労感謝の日":          "Labour Thanksgiving Day",
	"昭和天皇の大喪の礼":       "Funeral of Emperor Showa",
	"即位礼正殿の儀":         "Enthronement Ceremony",
	"皇太子徳仁親王の結婚の儀":    "Wedding of Crown Prince Naruhito",
	"天皇の即位の日":         "Enthronement Day",
	HolidaySubstitute: "Substitute Holiday",
	HolidayCitizens:   "Citizens' Holiday",
}

// HolidayNameEN is the English name of a holiday named name in Japanese.
func HolidayNameEN(name string) string { return holidayNamesEN[name] }
