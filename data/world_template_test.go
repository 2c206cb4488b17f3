package data_test

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/data/datatest"
)

// worldTemplate makes a test world once for the test binary and gives
// each test a copy of its file (datatest.Template): building a world is
// up to fourteen write transactions, which each of twenty tests did anew.
// build makes the world on db with the Must helpers, as a test would,
// with the clock it sets on db; open gives a test its copy of the file,
// the clock going on from where building left it, and its own copy of
// the world (clone). With -commit-faults every test builds its world
// anew through the failing connector, as before.
func worldTemplate[W any](build func(tb testing.TB, db *data.DB) (W, *clock), clone func(w W, db *data.DB, c *clock) W) (open func(t *testing.T) W) {
	var world W
	var reached clock
	file := datatest.Template(data.Options{}, func(db *data.DB) (err error) {
		defer func() {
			if r := recover(); r != nil {
				f, ok := r.(fillFailed)
				if !ok {
					panic(r)
				}
				err = f
			}
		}()
		w, c := build(fillTB{}, db)
		world, reached.now = w, c.now
		return nil
	})
	return func(t *testing.T) W {
		t.Helper()
		if *commitFaults {
			w, _ := build(t, MustOpenDB(t))
			return w
		}
		db := file(t, filepath.Join(t.TempDir(), "hiroba.db"), data.Options{})
		c := &clock{now: reached.now}
		db.Now = c.read
		return clone(world, db, c)
	}
}

// testClock sets on db the clock of MustOpenTestDB: from 2027-01-04 09:00
// in Tokyo, a second later at each reading.
func testClock(db *data.DB) *clock {
	c := &clock{now: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)}
	db.Now = c.read
	return c
}

// fillTB lets a template's build use the Must helpers: a failure ends
// the fill with its message, which every test of the world then fails
// with.
type fillTB struct{ testing.TB }

type fillFailed string

func (f fillFailed) Error() string { return string(f) }

func (fillTB) Helper()                        {}
func (fillTB) Fatal(args ...any)              { panic(fillFailed(fmt.Sprint(args...))) }
func (fillTB) Fatalf(format string, a ...any) { panic(fillFailed(fmt.Sprintf(format, a...))) }
