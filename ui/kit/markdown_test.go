package kit

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// hostile is text other people could post to drive a terminal.
var hostile = []struct{ name, text string }{
	{"ClearScreen", "前\x1b[2J後"},
	{"OSC52Clipboard", "前\x1b]52;c;ZWNobyBoaQ==\x07後"},
	{"OSC8Link", "前\x1b]8;;http://example.com\x1b\\リンク\x1b]8;;\x1b\\後"},
	{"Bell", "前\a後"},
	{"RightToLeftOverride", "前\u202e後"},
	{"ParagraphSeparator", "前\u2029後"},
	{"C1CSI", "前\u009b2J後"},
	{"EntityESC", "前&#27;[2J後"},
	{"HexEntityESC", "前&#x1b;]52;c;ZWNobw==&#x07;後"},
}

// onlySGR reports whether every escape sequence in s is a colour or style
// (SGR) sequence, and no other control character is present.
func onlySGR(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == 0x1b {
			j := i + 1
			if j >= len(s) || s[j] != '[' {
				return false
			}
			k := j + 1
			for k < len(s) && (s[k] >= '0' && s[k] <= '9' || s[k] == ';' || s[k] == ':') {
				k++
			}
			if k >= len(s) || s[k] != 'm' {
				return false
			}
			i = k
			continue
		}
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
			return false
		}
	}
	for _, r := range s {
		if r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x2028 || r == 0x2029 {
			return false
		}
	}
	return true
}

func TestMarkdownIsSafe(t *testing.T) {
	for _, tc := range hostile {
		t.Run(tc.name, func(t *testing.T) {
			doc := "# 見出し " + tc.text + "\n\n本文 " + tc.text + "\n\n- 項目 " + tc.text + "\n\n`" + tc.text + "`\n"
			out := RenderMarkdown(doc, 40, NewCatalog("ja", nil, nil))
			if !onlySGR(out) {
				t.Fatalf("unsafe output: %q", out)
			}
			if !strings.Contains(ansi.Strip(out), "前") || !strings.Contains(ansi.Strip(out), "後") {
				t.Fatalf("text around the sequence was lost: %q", ansi.Strip(out))
			}
		})
	}
}

func TestCleanLineIsSafe(t *testing.T) {
	for _, tc := range hostile {
		if got := Clean(tc.text); !onlySGR(got) || strings.ContainsRune(got, '\n') {
			t.Errorf("%s: clean gave %q", tc.name, got)
		}
	}
}

func TestClipKeepsCellBoundary(t *testing.T) {
	s := "産休・育休カフェ（郡山市）"
	for w := 1; w < 30; w++ {
		got := Clip(s, w)
		if Width(got) > w {
			t.Fatalf("clip(%d) = %q is %d cells", w, got, Width(got))
		}
		if Fit(s, w) != got+strings.Repeat(" ", w-Width(got)) {
			t.Fatalf("fit(%d) is not clip padded", w)
		}
	}
	if got := Clip(s, 9); got != "産休・育…" {
		t.Fatalf("clip(9) = %q", got)
	}
}

func TestMarkdownWrapsJapaneseToWidth(t *testing.T) {
	doc := strings.Repeat("庶務担当者同士で問い合わせの管理方法を共有します。", 6)
	for _, w := range []int{20, 37, 60} {
		for _, l := range strings.Split(RenderMarkdown(doc, w, NewCatalog("ja", nil, nil)), "\n") {
			if Width(l) > w {
				t.Fatalf("width %d: line of %d cells: %q", w, Width(l), ansi.Strip(l))
			}
		}
	}
}

// The cache of rendered documents, which every session of a server
// shares, stays within its bytes however many documents pass through it,
// and keeps the ones used most recently.
func TestMarkdownCacheIsBounded(t *testing.T) {
	c := newMDCache(64 << 10)
	style := mdStyle{image: "画像"}
	body := strings.Repeat("庶務担当者同士で問い合わせの管理方法を共有します。", 20)
	for i := range 500 {
		c.put(mdKey{text: body + strconv.Itoa(i), style: style, width: 80}, body)
		if _, ok := c.get(mdKey{text: body + "0", style: style, width: 80}); !ok {
			t.Fatalf("the document used each time was dropped after %d others", i)
		}
	}
	if c.size() > 64<<10 {
		t.Fatalf("the cache holds %d bytes, more than %d", c.size(), 64<<10)
	}
	if _, ok := c.get(mdKey{text: body + "1", style: style, width: 80}); ok {
		t.Fatal("an old document that was never used again is still kept")
	}
}

// Width measures text as ansi does, quickly for what is common: every
// character alone, and lines mixing colours, Japanese and other scripts.
func TestWidthAgreesWithAnsi(t *testing.T) {
	for r := rune(0x20); r < 0x10000; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		s := "a" + string(r) + "\x1b[1m語\x1b[m"
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Fatalf("%U: Width %d, ansi %d", r, got, want)
		}
	}
	for _, s := range []string{"産休・育休カフェ（郡山市）", "\x1b[38;5;73m郡山市\x1b[m 649人", "e\u0301te", "👩‍👩‍👧 家族", "ｶﾀｶﾅ と ひらがな", "\x1b]8;;https://example.jp\x07リンク\x1b]8;;\x07", "タブ\tと改行"} {
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Fatalf("%q: Width %d, ansi %d", s, got, want)
		}
	}
}

// A post may hold HTML, by habit or pasted from a web page: the reader sees
// its text, never its tags, comments or attributes, nor what a script or a
// style block says, and entities read as the characters they stand for.
// (Tags inside a paragraph are markdown's raw HTML, each sanitized alone:
// the text between them is the paragraph's, as with bluemonday itself.)
func TestMarkdownShowsTheTextOfHTML(t *testing.T) {
	cat := NewCatalog("ja", time.UTC, time.Now)
	doc := "申請は<b>今週中</b>に<!-- 内部メモ -->お願いします。\n\n" +
		"<div class=\"note\" onclick=\"x()\">様式A &amp; 様式B を添付</div>\n\n" +
		"<script>alert('見せない')</script>\n\n" +
		"<style>p { color: red }</style>\n\n" +
		"<p>締切:<br>12月<title>隠す</title>5日</p>\n"
	out := ansi.Strip(RenderMarkdown(doc, 60, cat))
	for _, want := range []string{"今週中", "お願いします", "様式A & 様式B を添付", "締切:", "12月", "5日"} {
		if !strings.Contains(out, want) {
			t.Errorf("%q is missing from:\n%s", want, out)
		}
	}
	for _, gone := range []string{"<", ">", "内部メモ", "note", "onclick", "見せない", "alert", "color", "隠す", "&amp;"} {
		if strings.Contains(out, gone) {
			t.Errorf("%q shows in:\n%s", gone, out)
		}
	}
}

// WarmMarkdown leaves a renderer of the catalogue's language and palette
// ready for the first document, and the document drawn with it is the
// same as one drawn without.
func TestWarmMarkdownLeavesARendererReady(t *testing.T) {
	cat := NewCatalog("ja", time.UTC, time.Now)
	cat.SetLight(true)
	style := mdStyle{image: cat.T("markdown.image"), light: true}
	doc := "## 集まり\n\n毎月 **第3水曜日** の15時から。"
	ForgetMarkdown()
	cold := RenderMarkdown(doc, 40, cat)
	markdown.mu.Lock()
	delete(markdown.idle, style)
	markdown.mu.Unlock()
	ForgetMarkdown()
	if msg := WarmMarkdown(cat)(); msg != nil {
		t.Fatalf("the warm-up brought a message: %v", msg)
	}
	markdown.mu.Lock()
	ready := len(markdown.idle[style])
	markdown.mu.Unlock()
	if ready == 0 {
		t.Fatal("no renderer ready after the warm-up")
	}
	if warm := RenderMarkdown(doc, 40, cat); warm != cold {
		t.Errorf("drawn after the warm-up:\n%s\nwithout:\n%s", warm, cold)
	}
}
