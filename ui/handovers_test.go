package ui_test

import (
	"fmt"
	"testing"
)

// handoverHarness opens the demo on the 引き継ぎ tab as 高野 葵, successor
// of the 財政課 note from 熊田 剛.
func handoverHarness(t *testing.T, w, h int) *harness {
	t.Helper()
	hs := newDemoHarness(t, "ja", w, h)
	hs.key("3")
	return hs
}

func TestHandoverScreenGolden(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			h := handoverHarness(t, size[0], size[1])
			h.checkFrame()
			h.mustShow("引継済み")
			h.mustShow("受領確認済み")
			h.mustShow("作成中")
			h.mustShow("未定")
			h.golden(fmt.Sprintf("handover_list_%dx%d", size[0], size[1]))
		})
	}
}
