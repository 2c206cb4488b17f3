package ical_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"hiroba/fuzzcost"
	"hiroba/ical"
	"hiroba/model"
)

// FuzzRead reads any bytes as an iCalendar file: no panic; either a
// refusal with a line, or events whose text is clean and whose times make
// sense, with every event left out said with its line; and (when fuzzing)
// no input slower than 100 ms. Fuzz for real with
// `go test ./ical -run X -fuzz FuzzRead -fuzztime 10m`; go test runs the
// seeds (the files of testdata and testdata/fuzz).
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.ics"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20270101T090000Z\r\nRRULE:FREQ=HOURLY;INTERVAL=24;BYHOUR=5\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nBEGIN:VEVENT\nEND:VCALENDAR\nEND:VEVENT\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		var file *ical.File
		var err error
		took, slow := fuzzcost.Slow(func() { file, err = ical.Read(bytes.NewReader(b)) }, 100*time.Millisecond)
		if slow {
			t.Fatalf("%v for %d bytes", took, len(b))
		}
		if err != nil {
			if model.ErrorCode(err) != model.EINVALID || !strings.Contains(model.ErrorMessage(err), "行目") && !strings.Contains(model.ErrorMessage(err), "大きすぎます") {
				t.Fatalf("refused without a line: %v", err)
			}
			return
		}
		for _, p := range file.Problems {
			if p.Line < 1 || model.ErrorCode(p.Err) != model.EINVALID {
				t.Fatalf("problem %+v", p)
			}
		}
		for _, e := range file.Events {
			if e.End.Before(e.Start) || e.Title == "" || !utf8.ValidString(e.Title+e.Description+e.Place) ||
				e.Title != model.CleanLine(e.Title) || e.Description != model.CleanText(e.Description) {
				t.Fatalf("event %+v", e.Event)
			}
		}
	})
}
