package e2e

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestActivityCycleInTmux runs the real program in a terminal as a
// trainer does in front of new hires: 高野 葵 (the demo's person) writes
// and submits a plan; the trainer quits and comes back as 熊田 剛 with
// --as, who approves it; back as 高野, she records the hours and the
// figures of the 20% rule move. NO_COLOR is set: the bars read without
// colour.
func TestActivityCycleInTmux(t *testing.T) {
	t.Parallel()
	bin := program(t)
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	home := t.TempDir()
	db := filepath.Join(home, "demo.db")
	sock := filepath.Join(home, "tmux.sock")
	tmux := tmux(t, sock)
	defer exec.Command("tmux", "-S", sock, "kill-server").Run()
	env := "env HOME=" + home + " XDG_CONFIG_HOME=" + home + "/c XDG_DATA_HOME=" + home + "/d HIROBA_DB= TZ=Asia/Tokyo NO_COLOR=1 "
	session := 0
	var name string
	// open starts the program in a new terminal of 80x24.
	open := func(args string) {
		session++
		name = "activity-" + string(rune('0'+session))
		tmux("new-session", "-d", "-s", name, "-x", "80", "-y", "24", env+bin+" "+args+"; sleep 60")
	}
	screen := func() string { return tmux("capture-pane", "-p", "-t", name) }
	waitFor := func(want string) string { t.Helper(); return waitFor(t, screen, want) }
	keys := func(k ...string) {
		for _, key := range k {
			tmux("send-keys", "-t", name, key)
			time.Sleep(60 * time.Millisecond) // esc followed at once by a key reads as alt
		}
	}
	text := func(s string) { tmux("send-keys", "-t", name, "-l", s) }
	selected := func() string {
		for _, l := range strings.Split(screen(), "\n") {
			if strings.HasPrefix(l, ">") {
				return l
			}
		}
		return ""
	}
	// find moves the list down until the selected row holds title, a
	// row at a time: each j waits until the selection has moved, or on a
	// busy machine a frame drawn late let the next j pass the row by.
	find := func(title string) {
		t.Helper()
		keys("g")
		for i := 0; i < 30; i++ {
			row := selected()
			if strings.Contains(row, title) {
				return
			}
			keys("j")
			deadline := time.Now().Add(patience)
			for selected() == row {
				if time.Now().After(deadline) {
					t.Fatalf("j left the selection on %q, and no %q above it:\n%s", row, title, screen())
				}
				time.Sleep(20 * time.Millisecond)
			}
		}
		t.Fatalf("no %q in the list:\n%s", title, screen())
	}
	done := regexp.MustCompile(`#実施 (\S+)`)
	figures := func() string { return strings.Join(done.FindAllString(screen(), -1), " ") }
	const title = "決算統計の勉強会"

	// 高野 writes a plan from today over the next days (a span with a
	// working day whatever today is), and submits it.
	open("demo --db " + db)
	waitFor("コミュニティ")
	keys("5")
	waitFor("活動 (20%ルール)")
	waitFor("所属長: 熊田 剛")
	before := figures()
	keys("n")
	waitFor("活動計画を立てる")
	keys("Tab")
	text(title)
	keys("Tab", "Tab")
	text(time.Now().In(jstZone()).AddDate(0, 0, 10).Format("2006-01-02"))
	keys("Tab")
	text("1:30")
	keys("Tab")
	text("作業手順を課内で共有するため")
	keys("Tab")
	waitFor("[ 申請する ]")
	keys("Enter")
	waitFor("を申請しました")
	keys("q")

	// 熊田 approves it from his requests.
	open("--db " + db + " --as '熊田 剛'")
	waitFor("コミュニティ")
	keys("5")
	waitFor("[自分の活動]")
	keys("v")
	waitFor("[承認待ち")
	find(title)
	keys("a")
	waitFor("承認: 「" + title + "」(高野 葵)")
	text("課内の共有をお願いします")
	keys("Enter")
	waitFor("を承認しました")
	keys("q")

	// 高野 records the hours; the figures move.
	open("--db " + db + " --as '高野 葵'")
	waitFor("コミュニティ")
	keys("5")
	waitFor("活動 (20%ルール)")
	find(title)
	waitFor("課内の共有をお願いします")
	keys("t")
	waitFor("実績を記録")
	keys("Enter")
	waitFor("を記録しました")
	// The bars are read again after the message shows: on a busy machine
	// the frame with the new figures comes a little later.
	after := figures()
	for deadline := time.Now().Add(patience); after == before && time.Now().Before(deadline); after = figures() {
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("hours done before: %s; after: %s", before, after)
	if after == before {
		t.Errorf("the hours done did not move: %s", after)
	}
	if !strings.Contains(screen(), "[#") {
		t.Errorf("no bar of hours done:\n%s", screen())
	}
	keys("q")
}

// jstZone is city hall's time, where the demo's days are.
func jstZone() *time.Location {
	if loc, err := time.LoadLocation("Asia/Tokyo"); err == nil {
		return loc
	}
	return time.FixedZone("JST", 9*60*60)
}
