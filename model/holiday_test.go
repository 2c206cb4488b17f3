package model_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"hiroba/model"
)

// knownHolidays are the lists published by the Cabinet Office (内閣府
// 「国民の祝日について」) for recent years, and for older years the
// calendars of the time; written out by hand, not computed.
var knownHolidays = map[int]string{
	1980: `01-01 元日, 01-15 成人の日, 02-11 建国記念の日, 03-20 春分の日, 04-29 天皇誕生日, 05-03 憲法記念日,
		05-05 こどもの日, 09-15 敬老の日, 09-23 秋分の日, 10-10 体育の日, 11-03 文化の日, 11-23 勤労感謝の日,
		11-24 振替休日`,
	1989: `01-01 元日, 01-02 振替休日, 01-15 成人の日, 01-16 振替休日, 02-11 建国記念の日, 02-24 昭和天皇の大喪の礼,
		03-21 春分の日, 04-29 みどりの日, 05-03 憲法記念日, 05-04 国民の休日, 05-05 こどもの日, 09-15 敬老の日,
		09-23 秋分の日, 10-10 体育の日, 11-03 文化の日, 11-23 勤労感謝の日, 12-23 天皇誕生日`,
	1990: `01-01 元日, 01-15 成人の日, 02-11 建国記念の日, 02-12 振替休日, 03-21 春分の日, 04-29 みどりの日,
		04-30 振替休日, 05-03 憲法記念日, 05-04 国民の休日, 05-05 こどもの日, 09-15 敬老の日, 09-23 秋分の日,
		09-24 振替休日, 10-10 体育の日, 11-03 文化の日, 11-12 即位礼正殿の儀, 11-23 勤労感謝の日, 12-23 天皇誕生日,
		12-24 振替休日`,
	2019: `01-01 元日, 01-14 成人の日, 02-11 建国記念の日, 03-21 春分の日, 04-29 昭和の日, 04-30 国民の休日,
		05-01 天皇の即位の日, 05-02 国民の休日, 05-03 憲法記念日, 05-04 みどりの日, 05-05 こどもの日, 05-06 振替休日,
		07-15 海の日, 08-11 山の日, 08-12 振替休日, 09-16 敬老の日, 09-23 秋分の日, 10-14 体育の日,
		10-22 即位礼正殿の儀, 11-03 文化の日, 11-04 振替休日, 11-23 勤労感謝の日`,
	2020: `01-01 元日, 01-13 成人の日, 02-11 建国記念の日, 02-23 天皇誕生日, 02-24 振替休日, 03-20 春分の日,
		04-29 昭和の日, 05-03 憲法記念日, 05-04 みどりの日, 05-05 こどもの日, 05-06 振替休日, 07-23 海の日,
		07-24 スポーツの日, 08-10 山の日, 09-21 敬老の日, 09-22 秋分の日, 11-03 文化の日, 11-23 勤労感謝の日`,
	2021: `01-01 元日, 01-11 成人の日, 02-11 建国記念の日, 02-23 天皇誕生日, 03-20 春分の日, 04-29 昭和の日,
		05-03 憲法記念日, 05-04 みどりの日, 05-05 こどもの日, 07-22 海の日, 07-23 スポーツの日, 08-08 山の日,
		08-09 振替休日, 09-20 敬老の日, 09-23 秋分の日, 11-03 文化の日, 11-23 勤労感謝の日`,
	2024: `01-01 元日, 01-08 成人の日, 02-11 建国記念の日, 02-12 振替休日, 02-23 天皇誕生日, 03-20 春分の日,
		04-29 昭和の日, 05-03 憲法記念日, 05-04 みどりの日, 05-05 こどもの日, 05-06 振替休日, 07-15 海の日,
		08-11 山の日, 08-12 振替休日, 09-16 敬老の日, 09-22 秋分の日, 09-23 振替休日, 10-14 スポーツの日,
		11-03 文化の日, 11-04 振替休日, 11-23 勤労感謝の日`,
	2025: `01-01 元日, 01-13 成人の日, 02-11 建国記念の日, 02-23 天皇誕生日, 02-24 振替休日, 03-20 春分の日,
		04-29 昭和の日, 05-03 憲法記念日, 05-04 みどりの日, 05-05 こどもの日, 05-06 振替休日, 07-21 海の日,
		08-11 山の日, 09-15 敬老の日, 09-23 秋分の日, 10-13 スポーツの日, 11-03 文化の日, 11-23 勤労感謝の日,
		11-24 振替休日`,
	2026: `01-01 元日, 01-12 成人の日, 02-11 建国記念の日, 02-23 天皇誕生日, 03-20 春分の日, 04-29 昭和の日,
		05-03 憲法記念日, 05-04 みどりの日, 05-05 こどもの日, 05-06 振替休日, 07-20 海の日, 08-11 山の日,
		09-21 敬老の日, 09-22 国民の休日, 09-23 秋分の日, 10-12 スポーツの日, 11-03 文化の日, 11-23 勤労感謝の日`,
	2099: `01-01 元日, 01-12 成人の日, 02-11 建国記念の日, 02-23 天皇誕生日, 03-20 春分の日, 04-29 昭和の日,
		05-03 憲法記念日, 05-04 みどりの日, 05-05 こどもの日, 05-06 振替休日, 07-20 海の日, 08-11 山の日,
		09-21 敬老の日, 09-22 国民の休日, 09-23 秋分の日, 10-12 スポーツの日, 11-03 文化の日, 11-23 勤労感謝の日`,
}

func TestHolidaysMatchPublishedLists(t *testing.T) {
	for year, list := range knownHolidays {
		t.Run(fmt.Sprint(year), func(t *testing.T) {
			var want []string
			for _, f := range strings.Split(list, ",") {
				want = append(want, strings.Join(strings.Fields(f), " "))
			}
			var got []string
			for _, h := range model.Holidays(year) {
				if h.Date.Year() != year || h.Date.Location() != time.UTC || h.Date.Hour() != 0 {
					t.Errorf("%v: not midnight UTC of a date in %d", h.Date, year)
				}
				got = append(got, h.Date.Format("01-02")+" "+h.Name)
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("holidays of %d:\ngot  %v\nwant %v", year, got, want)
			}
		})
	}
}

func TestHolidayName(t *testing.T) {
	for _, c := range []struct {
		y    int
		m    time.Month
		d    int
		name string
	}{
		{2026, time.November, 23, "勤労感謝の日"},
		{2026, time.September, 22, "国民の休日"},
		{2008, time.May, 6, "振替休日"}, // みどりの日 on a Sunday: the next non-holiday, from 2007
		{1997, time.May, 4, ""},     // 1997: a Sunday between two holidays stays a Sunday
		{1998, time.May, 4, "振替休日"}, // before 2007 a Monday after a Sunday holiday is 振替, not 国民の休日
		{1999, time.January, 15, "成人の日"},
		{2000, time.January, 10, "成人の日"},
		{2018, time.December, 23, "天皇誕生日"},
		{2019, time.December, 23, ""},
		{2019, time.February, 23, ""},
		{2002, time.July, 20, "海の日"},
		{1995, time.July, 20, ""},
		{2015, time.August, 11, ""},
		{2016, time.August, 11, "山の日"},
		{2006, time.April, 29, "みどりの日"},
		{2007, time.April, 29, "昭和の日"},
		{2002, time.September, 15, "敬老の日"},
		{2009, time.September, 22, "国民の休日"},
		{2015, time.September, 22, "国民の休日"},
		{1993, time.June, 9, "皇太子徳仁親王の結婚の儀"},
		{2026, time.November, 20, ""},
	} {
		name, ok := model.HolidayName(c.y, c.m, c.d)
		if name != c.name || ok != (c.name != "") {
			t.Errorf("HolidayName(%d, %d, %d) = %q, %v; want %q", c.y, c.m, c.d, name, ok, c.name)
		}
	}
}

func TestHolidaysOutsideTheKnownYears(t *testing.T) {
	for _, y := range []int{1979, 2100, 0, -5} {
		if h := model.Holidays(y); len(h) != 0 {
			t.Errorf("Holidays(%d) = %v, want none", y, h)
		}
		if _, ok := model.HolidayName(y, time.January, 1); ok {
			t.Errorf("HolidayName(%d, 1, 1) is a holiday; the year is outside the known range", y)
		}
	}
}

// Every year of the range has the fixed holidays, 12 to 24 days off, and
// no substitute holiday that is not preceded by a Sunday holiday (or a run
// of holidays starting on one).
func TestHolidaysEveryYearAreSound(t *testing.T) {
	for y := model.HolidayFirstYear; y <= model.HolidayLastYear; y++ {
		hs := model.Holidays(y)
		if len(hs) < 12 || len(hs) > 24 {
			t.Errorf("%d: %d holidays", y, len(hs))
		}
		for i, h := range hs {
			if model.HolidayNameEN(h.Name) == "" {
				t.Errorf("%d: %s has no English name", y, h.Name)
			}
			if h.Name != model.HolidaySubstitute {
				continue
			}
			j := i - 1
			for j >= 0 && hs[j].Date.Equal(hs[j+1].Date.AddDate(0, 0, -1)) && hs[j].Date.Weekday() != time.Sunday {
				j--
			}
			if j < 0 || hs[j].Date.Weekday() != time.Sunday || !hs[j].Date.Equal(hs[j+1].Date.AddDate(0, 0, -1)) {
				t.Errorf("%d: 振替休日 on %s follows no Sunday holiday", y, h.Date.Format("01-02"))
			}
		}
		for _, md := range [][2]int{{1, 1}, {2, 11}, {5, 3}, {5, 5}, {11, 3}, {11, 23}} {
			if _, ok := model.HolidayName(y, time.Month(md[0]), md[1]); !ok {
				t.Errorf("%d-%02d-%02d is not a holiday", y, md[0], md[1])
			}
		}
	}
}
