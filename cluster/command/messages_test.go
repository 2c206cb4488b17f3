package command

import (
	"regexp"
	"testing"
)

// Both languages say every message, with the same arguments.
func TestMessagesInBothLanguages(t *testing.T) {
	verbs := regexp.MustCompile(`%(\[\d+\])?[dsv]`)
	for key, ja := range messages["ja"] {
		en, ok := messages["en"][key]
		if !ok {
			t.Errorf("%s: no English", key)
			continue
		}
		if a, b := verbs.FindAllString(ja, -1), verbs.FindAllString(en, -1); len(a) != len(b) {
			t.Errorf("%s: %v in Japanese, %v in English", key, a, b)
		}
	}
	for key := range messages["en"] {
		if _, ok := messages["ja"][key]; !ok {
			t.Errorf("%s: no Japanese", key)
		}
	}
}
