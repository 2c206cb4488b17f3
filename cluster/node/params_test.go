package node

import (
	"database/sql/driver"
	"reflect"
	"testing"
)

// Parameters are numbered as SQLite numbers them, so that go-dqlite's
// binding by order gives each its argument.
func TestParamNames(t *testing.T) {
	for _, c := range []struct {
		query string
		want  []string
	}{
		{`SELECT * FROM t WHERE a = ? AND b = ?`, []string{"", ""}},
		{`SELECT @viewer, ? FROM t WHERE x = @viewer OR y = :anonymous`, []string{"viewer", "", "anonymous"}},
		{`SELECT '@not', "?", [x?], ?2, ? -- @comment ?
			/* :also ? */ FROM t`, []string{"", "", ""}},
		{`SELECT 'it''s @x', $name, ?`, []string{"name", ""}},
	} {
		if got := paramNames(c.query); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %q, want %q", c.query, got, c.want)
		}
	}
}

func TestBindPutsNamedArgumentsInPlace(t *testing.T) {
	args := []driver.NamedValue{
		{Ordinal: 1, Value: "渡部"},
		{Name: "anonymous", Ordinal: 2, Value: "匿名"},
		{Name: "viewer", Ordinal: 3, Value: "01VIEWER"},
	}
	got, err := bind(paramNames(`SELECT @viewer, ?, @anonymous, @viewer`), args)
	if err != nil {
		t.Fatal(err)
	}
	var values []any
	for _, a := range got {
		values = append(values, a.Value)
	}
	if want := []any{"01VIEWER", "渡部", "匿名"}; !reflect.DeepEqual(values, want) {
		t.Errorf("bound %v, want %v", values, want)
	}
	if _, err := bind(paramNames(`SELECT @missing`), args); err == nil {
		t.Error("a parameter without its argument was bound")
	}
}
