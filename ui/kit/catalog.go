package kit

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"hiroba/model"
)

// Catalog holds every string of the interface in one language, and writes
// dates and ages in it, in the person's time zone. Keys are the same in
// both catalogues (catalog_ja.go, catalog_en.go); a key missing from one
// falls back to Japanese, the default language.
type Catalog struct {
	Lang string
	// Loc is the time zone dates are shown in; Now the clock that ages
	// ("3日前") count from.
	Loc     *time.Location
	Now     func() time.Time
	entries map[string]string
	// ones are the language's singulars by the key of their plural
	// (singularsOf); nil in Japanese.
	ones  map[string]string
	light bool // markdown for a light background (SetLight)
}

// NewCatalog returns the catalogue for lang ("ja" or "en"; anything else
// is Japanese) showing dates in loc (nil: the local zone) and ages from
// now (nil: the real clock).
func NewCatalog(lang string, loc *time.Location, now func() time.Time) *Catalog {
	c := &Catalog{Lang: "ja", Loc: loc, Now: now, entries: catalogJA}
	if lang == "en" {
		c.Lang, c.entries, c.ones = "en", catalogEN, singularsEN()
	}
	if c.Loc == nil {
		c.Loc = time.Local
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// T returns the entry for key formatted with args. Where the count, the
// first whole number among args, is 1 and the language has an entry for
// it, key.one (English "1 plan" beside "%d plans"), that entry is used;
// one that says the count in words ("Every week on %s" beside "Every %d
// weeks on %s") has no %d, and is formatted without the count.
func (c *Catalog) T(key string, args ...any) string {
	s, ok := c.entries[key]
	if one, found := c.ones[key]; found {
		if i := countAt(args); i >= 0 && args[i] == 1 {
			s = one
			if !strings.Contains(one, "%d") {
				args = append(args[:i:i], args[i+1:]...)
			}
		}
	}
	if !ok {
		if s, ok = catalogJA[key]; !ok {
			s = key
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// singularsEN is English's key.one entries by key, found once: T is on
// every frame's path, and looked key+".one" up at each call with a count
// of 1.
var singularsEN = sync.OnceValue(func() map[string]string { return singularsOf(catalogEN) })

// singularsOf returns the entries named key.one of entries whose key is
// an entry too, by that key.
func singularsOf(entries map[string]string) map[string]string {
	ones := map[string]string{}
	for k, one := range entries {
		if base, ok := strings.CutSuffix(k, ".one"); ok {
			if _, plural := entries[base]; plural {
				ones[base] = one
			}
		}
	}
	return ones
}

// countAt returns the index of the count among args, the first whole
// number; -1 where there is none.
func countAt(args []any) int {
	for i, a := range args {
		if _, ok := a.(int); ok {
			return i
		}
	}
	return -1
}

// Err returns what to tell the person about err, in their language: the
// entry of its key, with an error among the arguments said the same way
// and a model.List joined as the language joins words; its Japanese
// message when the key has no entry.
func (c *Catalog) Err(err error) string {
	var e *model.Error
	if errors.As(err, &e) {
		if e.Key != "" {
			if _, ok := c.entries[e.Key]; ok {
				return c.T(e.Key, c.Args(e.Args)...)
			}
		}
		return e.Message
	}
	return err.Error()
}

// Args returns the arguments of a keyed error as this language says them.
func (c *Catalog) Args(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		switch a := a.(type) {
		case error:
			out[i] = c.Err(a)
		case model.List:
			out[i] = strings.Join(a, c.T("list.sep"))
		case model.Minutes:
			out[i] = c.Duration(int(a))
		default:
			out[i] = a
		}
	}
	return out
}

// Duration writes minutes as a person reads them: 1時間30分, 2時間, 45分
// (1h30m, 2h, 45m); a negative amount with a minus.
func (c *Catalog) Duration(minutes int) string {
	sign := ""
	if minutes < 0 {
		sign, minutes = "-", -minutes
	}
	h, m := model.SplitMinutes(minutes)
	switch {
	case h == 0:
		return sign + c.T("plan.dur.m", m)
	case m == 0:
		return sign + c.T("plan.dur.h", h)
	}
	return sign + c.T("plan.dur.hm", h, m)
}

// Category returns the display name of a community category.
func (c *Catalog) Category(k model.Category) string { return c.T("category." + string(k)) }

// Kind returns the display name of a thread kind.
func (c *Catalog) Kind(k model.ThreadKind) string { return c.T("kind." + string(k)) }

// KindWidth is the cells of a column of thread kinds: the longest kind in
// the catalogue's language and a space (Experience in English, お知らせ in
// Japanese), so that a kind is never cut into the title after it.
func (c *Catalog) KindWidth() int {
	w := 0
	for _, k := range model.ThreadKinds {
		w = max(w, Width(c.Kind(k)))
	}
	return w + 1
}

// Weekday is the short name of a day of the week, such as 水.
func (c *Catalog) Weekday(d time.Weekday) string { return c.T(fmt.Sprintf("weekday.%d", d)) }

// Ago says how long ago t was, in words.
func (c *Catalog) Ago(t time.Time) string {
	d := c.Now().Sub(t)
	switch {
	case d < time.Minute:
		return c.T("ago.now")
	case d < time.Hour:
		return c.T("ago.minutes", int(d/time.Minute))
	case d < 24*time.Hour:
		return c.T("ago.hours", int(d/time.Hour))
	case d < 30*24*time.Hour:
		return c.T("ago.days", int(d/(24*time.Hour)))
	case d < 365*24*time.Hour:
		return c.T("ago.months", int(d/(30*24*time.Hour)))
	}
	return c.T("ago.years", int(d/(365*24*time.Hour)))
}

// Date writes a local date such as 11月20日(金).
func (c *Catalog) Date(t time.Time) string {
	t = t.In(c.Loc)
	return c.T("date.md", int(t.Month()), t.Day(), c.Weekday(t.Weekday()), c.Month(t.Month()))
}

// StepComment is the comment of a plan's step as shown: for a move
// (model.MoveComment) the two days as dates such as 12月16日(水) →
// 12月18日(金); any other as it is.
func (c *Catalog) StepComment(kind, comment string) string {
	if kind != string(model.ActMove) {
		return comment
	}
	from, to, ok := model.ParseMoveComment(comment, c.Loc)
	if !ok {
		return comment
	}
	return c.Date(from) + " → " + c.Date(to)
}

// DateYMD writes a local date with its year.
func (c *Catalog) DateYMD(t time.Time) string {
	t = t.In(c.Loc)
	return c.T("date.ymd", t.Year(), int(t.Month()), t.Day(), c.Month(t.Month()))
}

// Month is a month's short name (Nov; in Japanese 11月), for dates
// written in words.
func (c *Catalog) Month(m time.Month) string { return c.T(fmt.Sprintf("month.%d", m)) }

// Clock writes a local time of day.
func (c *Catalog) Clock(t time.Time) string { return t.In(c.Loc).Format("15:04") }
