package kit

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"hiroba/model"
)

// Every string of the interface must exist in both languages; a missing
// English entry would show Japanese to someone who asked for English.
func TestCatalogsHaveTheSameKeys(t *testing.T) {
	var missing []string
	for k := range catalogJA {
		if _, ok := catalogEN[k]; !ok {
			missing = append(missing, "en:"+k)
		}
	}
	for k := range catalogEN {
		if _, ok := catalogJA[k]; !ok && !singular(k) {
			missing = append(missing, "ja:"+k)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("keys missing from a catalogue:\n%s", strings.Join(missing, "\n"))
	}
}

// singular reports whether k is the English singular of an entry
// (plan.list.title.one beside plan.list.title), which Japanese does
// without.
func singular(k string) bool {
	base, ok := strings.CutSuffix(k, ".one")
	_, hasBase := catalogJA[base]
	return ok && hasBase
}

// A singular takes the arguments of its plural, or, saying the count in
// words (Every day), those but the count; it is used when the count, the
// first whole number, is 1: 1 plan, 2 plans; Japanese, which has none,
// says 計画 1件 either way.
func TestSingulars(t *testing.T) {
	for k, one := range catalogEN {
		if !singular(k) {
			continue
		}
		if _, ok := catalogJA[k]; ok {
			t.Errorf("%s: a Japanese singular, or an entry named like one", k)
		}
		base := strings.TrimSuffix(k, ".one")
		want := verbs(catalogEN[base])
		if !strings.Contains(one, "%d") {
			want = withoutCount(want)
		}
		if fmt.Sprint(verbs(one)) != fmt.Sprint(want) {
			t.Errorf("%s: %q takes other arguments than %q", k, one, catalogEN[base])
		}
		// Formatted as the plural is called, with a count of 1.
		var args []any
		plural := verbs(catalogEN[base])
		for i := 1; i <= len(plural); i++ {
			if plural[i] == 'd' {
				args = append(args, 1)
			} else {
				args = append(args, "x")
			}
		}
		if got := NewCatalog("en", nil, nil).T(base, args...); strings.Contains(got, "%!") {
			t.Errorf("%s with a count of 1 formats as %q", base, got)
		}
	}
	en, ja := NewCatalog("en", nil, nil), NewCatalog("ja", nil, nil)
	for _, c := range []struct {
		got, want string
	}{
		{en.T("plan.list.title", 1), "1 plan"}, {en.T("plan.list.title", 2), "2 plans"}, {en.T("plan.list.title", 0), "0 plans"},
		{en.T("plan.list.of", "高野 葵", 1), "高野 葵: 1 plan"}, {en.T("count", 1), "1 item"},
		{en.T("plan.fig.cap.days", "7h45m", 1), "cap 7h45m (1 working day)"},
		{en.T("thread.replies", 1), "1 reply"}, {en.T("thread.replies", 3), "3 replies"}, {en.T("people", 1), "1 member"},
		{en.T("cal.rule.on.fromend", 1), "1 day before the last day"}, {en.T("cal.rule.on.fromend", 2), "2 days before the last day"},
		{en.T("cal.rule.days", 1), "Every day"}, {en.T("cal.rule.days", 3), "Every 3 days"},
		{en.T("cal.rule.weeks", 1, "Wed"), "Every week on Wed"}, {en.T("cal.rule.weeks", 2, "Wed"), "Every 2 weeks on Wed"},
		{en.T("err.pair.cap", "高野 葵", 1, 3), "高野 葵 already takes 1 junior (at most 3)"},
		{en.T("prog.member.junior", 0), "0 pairs"}, {en.T("count.threads", 1), "1 thread"},
		{ja.T("plan.list.title", 1), "計画 1件"}, {ja.T("count", 1), "1件"},
	} {
		if c.got != c.want {
			t.Errorf("%q, want %q", c.got, c.want)
		}
	}
}

// Both languages of an entry take the same arguments, so that the same
// call formats either; a language may leave an argument out only where
// the entry numbers them (第%[1]d%[2]s曜日 / the %[3]s %[2]s).
func TestCatalogsTakeTheSameArguments(t *testing.T) {
	for k, ja := range catalogJA {
		en, ok := catalogEN[k]
		if !ok {
			continue
		}
		jv, ev := verbs(ja), verbs(en)
		if len(jv) == 0 && len(ev) == 0 {
			continue // never formatted: a bare % is text
		}
		args := map[int]byte{}
		for _, vs := range []map[int]byte{jv, ev} {
			for i, v := range vs {
				if w, ok := args[i]; ok && w != v {
					t.Errorf("%s: argument %d is %%%c in one language and %%%c in the other", k, i, w, v)
				}
				args[i] = v
			}
		}
		var sample []any
		for i := 1; i <= len(args); i++ {
			if args[i] == 'd' {
				sample = append(sample, 1)
			} else {
				sample = append(sample, "x")
			}
		}
		for _, s := range []string{ja, en} {
			if out := fmt.Sprintf(s, sample...); strings.Contains(out, "%!") {
				t.Errorf("%s: %q formats as %q", k, s, out)
			}
		}
	}
}

// withoutCount returns the verbs of an entry as they are without its
// count, the first %d: the arguments after it move up by one.
func withoutCount(vs map[int]byte) map[int]byte {
	count := 0
	for i, v := range vs {
		if v == 'd' && (count == 0 || i < count) {
			count = i
		}
	}
	out := map[int]byte{}
	for i, v := range vs {
		switch {
		case i < count || count == 0:
			out[i] = v
		case i > count:
			out[i-1] = v
		}
	}
	return out
}

// verbs returns the verbs of an entry by the argument they format (%[2]s
// is the second), widths dropped (%02d is d); a % that begins no verb,
// such as 20% rule, is text.
func verbs(s string) map[int]byte {
	out := map[int]byte{}
	next := 1
	for i := 0; i+1 < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		j := i + 1
		if s[j] == '%' {
			i = j
			continue
		}
		arg := next
		if s[j] == '[' {
			end := strings.IndexByte(s[j:], ']')
			if end < 0 {
				continue
			}
			fmt.Sscanf(s[j+1:j+end], "%d", &arg)
			j += end + 1
		}
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j < len(s) && strings.IndexByte("sdvqxf", s[j]) >= 0 {
			out[arg] = s[j]
			next = arg + 1
			i = j
		}
	}
	return out
}

// Every refusal of the plans' state machine has an entry, and nothing
// else does.
func TestCatalogsHaveEveryPlanRefusal(t *testing.T) {
	for _, a := range model.PlanActions {
		for _, s := range model.PlanStates {
			key := fmt.Sprintf("err.plan.%s.%s", a, s)
			if _, ok := catalogEN[key]; ok == s.Allows(a) {
				t.Errorf("%s on %s: entry %v, allowed %v", a, s, ok, s.Allows(a))
			}
		}
	}
}
