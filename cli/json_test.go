package cli

import (
	"strings"
	"testing"
	"time"

	"hiroba/model"
)

// TestJSONShape shows the shape of every --json output on records of
// several kinds: every field present, null for what is missing, false for
// false, [] for no items, times in the data's zone, dates as dates, and
// text cleaned of C1 and bidirectional controls.
func TestJSONShape(t *testing.T) {
	t.Parallel()
	type inner struct {
		Note string `json:"note,omitempty"`
	}
	type record struct {
		inner
		OwnID     string     `json:"own_id" cli:"id"`
		Title     string     `json:"title"`
		Done      bool       `json:"done,omitempty"`
		At        time.Time  `json:"at"`
		Never     time.Time  `json:"never,omitempty"`
		Due       time.Time  `json:"due" format:"date"`
		Closed    *time.Time `json:"closed,omitempty"`
		Tags      []string   `json:"tags,omitempty"`
		Counts    map[string]int
		Hidden    string `json:"-"`
		Reference *model.Staff
	}
	r := record{inner: inner{Note: "\u009b31m注意\u202e"}, OwnID: "01ABC", Title: "相談タイム\x1b[2J",
		At: time.Date(2027, 1, 20, 6, 0, 0, 0, time.UTC), Due: time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC)}
	js, err := shapeJSON([]record{r}, (&model.Event{}).Location())
	if err != nil {
		t.Fatal(err)
	}
	want := `[
  {
    "note": "31m注意",
    "id": "01ABC",
    "title": "相談タイム[2J",
    "done": false,
    "at": "2027-01-20T15:00:00+09:00",
    "never": null,
    "due": "2027-04-01",
    "closed": null,
    "tags": [],
    "Counts": {},
    "Reference": null
  }
]
`
	if string(js) != want {
		t.Fatalf("got\n%s\nwant\n%s", js, want)
	}
	if ny, _ := time.LoadLocation("America/New_York"); !strings.Contains(mustShape(t, r, ny), `"at": "2027-01-20T01:00:00-05:00"`) {
		t.Fatal("TZ is not followed")
	}
}

func mustShape(t *testing.T, v any, loc *time.Location) string {
	js, err := shapeJSON(v, loc)
	if err != nil {
		t.Fatal(err)
	}
	return string(js)
}
