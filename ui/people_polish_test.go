package ui_test

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// enter on a person found opens their profile, as @ does; esc goes back
// to the results.
func TestPeopleEnterOpensTheProfile(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "ja", 80, 24)
	h.key("6", "/")
	h.typeText("育休")
	h.key("enter")
	h.mustShow("矢吹 大地")
	h.mustNotShow("プロフィール")
	h.key("enter")
	h.mustShow("プロフィール")
	h.checkFrame()
	h.key("esc")
	h.mustNotShow("プロフィール")
	h.mustShow("探す: 育休")
}

// The views of 人 read as 活動's do: only the one shown in brackets, the
// others as plain words; a click still switches.
func TestPeopleViewBarBracketsTheShownOne(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 80, 24)
	h.key("6")
	bar := strings.Split(h.screen(), "\n")[1]
	if !strings.Contains(bar, "[探す]") || strings.Contains(bar, "[フェロー") || !strings.Contains(bar, "フェロー(3)") {
		t.Fatalf("view bar %q", bar)
	}
	h.key("v")
	bar = strings.Split(h.screen(), "\n")[1]
	if strings.Contains(bar, "[探す]") || !strings.Contains(bar, "[フェロー") {
		t.Fatalf("view bar on フェロー %q", bar)
	}
	at := strings.Index(bar, "探す")
	h.send(tea.MouseClickMsg{X: len([]rune(bar[:at])) + 1, Y: 1, Button: tea.MouseLeft})
	if bar = strings.Split(h.screen(), "\n")[1]; !strings.Contains(bar, "[探す]") {
		t.Errorf("a click on 探す left %q", bar)
	}
}

// Before a search, and when the words find no one, the key line offers
// no moving through the list and no opening: the words, the municipality
// and the viewer's own profile stay. A search that finds people offers
// both.
func TestPeopleKeyLineOfAnEmptyList(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "ja", 80, 24)
	h.key("6")
	h.keyLineOffers([]string{"/ 探す", "e 編集"}, []string{"上/下", "開く"})
	h.key("/")
	h.typeText("育休")
	h.key("enter")
	h.keyLineOffers([]string{"上/下", "開く"}, nil)
	h.key("/")
	h.typeText("該当しない言葉")
	h.key("enter")
	h.mustShow("見つかりませんでした")
	h.keyLineOffers([]string{"/ 探す", "e 編集"}, []string{"上/下", "開く"})
}
