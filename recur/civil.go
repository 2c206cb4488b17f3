package recur

import "time"

// Civil days are days since 1970-01-01, without a zone: what rules count
// in. The conversions are Howard Hinnant's, exact for the Gregorian
// calendar in every year.

func civilDays(y int, m time.Month, d int) int {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (int(m) + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func civilFromDays(z int) (int, time.Month, int) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := (mp+2)%12 + 1
	if m <= 2 {
		y++
	}
	return y, time.Month(m), d
}

func weekday(day int) time.Weekday { return time.Weekday((day%7 + 7 + 4) % 7) } // 1970-01-01 was a Thursday

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func floorDiv64(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func ceilDiv(a, b int) int { return -floorDiv(-a, b) }

// wallTime is the instant of a wall clock (a civil day and seconds into
// it) in loc, as RFC 5545 3.3.5 reads local times: one that a change of
// clocks skips is read with the offset before the change (02:30 becomes
// 03:30 summer time), and one that happens twice is the first.
func wallTime(day, sec int, loc *time.Location) time.Time {
	wall := int64(day)*86400 + int64(sec)
	_, before := time.Unix(wall-86400, 0).In(loc).Zone()
	_, after := time.Unix(wall+86400, 0).In(loc).Zone()
	if before == after {
		return time.Unix(wall-int64(before), 0).In(loc)
	}
	// A change of clocks is near: try the offset before it, then after.
	for _, off := range []int{before, after} {
		t := time.Unix(wall-int64(off), 0).In(loc)
		if _, o := t.Zone(); o == off {
			return t
		}
	}
	return time.Unix(wall-int64(before), 0).In(loc)
}
