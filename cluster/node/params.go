package node

import (
	"context"
	"database/sql/driver"
	"fmt"
	"strconv"

	dqdriver "github.com/canonical/go-dqlite/driver"
)

// go-dqlite binds a statement's arguments by their order alone, while
// hiroba names some (sql.Named("viewer", ...) for @viewer, used more than
// once in a query). namedConn puts each argument where SQLite numbers its
// parameter: a parameter is numbered where it first appears, a name used
// again keeps its number, ?NNN sets it.

// paramNames returns the parameters of query in SQLite's numbering: the
// name of each, without its sign, or "" for a ? (whose argument is the
// next one without a name).
func paramNames(query string) []string {
	var out []string
	number := map[string]int{}
	set := func(i int, name string) {
		for len(out) < i {
			out = append(out, "")
		}
		out[i-1] = name
	}
	for i := 0; i < len(query); i++ {
		switch c := query[i]; c {
		case '\'', '"', '`':
			i = skipQuoted(query, i, c)
		case '[':
			i = skipQuoted(query, i, ']')
		case '-':
			if i+1 < len(query) && query[i+1] == '-' {
				for i < len(query) && query[i] != '\n' {
					i++
				}
			}
		case '/':
			if i+1 < len(query) && query[i+1] == '*' {
				end := i + 2
				for end+1 < len(query) && !(query[end] == '*' && query[end+1] == '/') {
					end++
				}
				i = end + 1
			}
		case '?':
			j := i + 1
			for j < len(query) && query[j] >= '0' && query[j] <= '9' {
				j++
			}
			n := len(out) + 1
			if j > i+1 {
				n, _ = strconv.Atoi(query[i+1 : j])
			}
			set(n, "")
			i = j - 1
		case ':', '@', '$':
			j := i + 1
			for j < len(query) && nameByte(query[j]) {
				j++
			}
			if j == i+1 {
				continue
			}
			name := query[i+1 : j]
			if _, seen := number[name]; !seen {
				number[name] = len(out) + 1
				set(number[name], name)
			}
			i = j - 1
		}
	}
	return out
}

func nameByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// skipQuoted returns the index of the quote that closes the one at i; a
// doubled quote is part of the text.
func skipQuoted(s string, i int, end byte) int {
	for j := i + 1; j < len(s); j++ {
		if s[j] == end {
			if end != ']' && j+1 < len(s) && s[j+1] == end {
				j++
				continue
			}
			return j
		}
	}
	return len(s)
}

// bind orders args by the parameters of names (paramNames). Arguments
// without a name fill the ?s in their order.
func bind(names []string, args []driver.NamedValue) ([]driver.NamedValue, error) {
	named := false
	for _, a := range args {
		named = named || a.Name != ""
	}
	if !named {
		return args, nil
	}
	byName := map[string]driver.NamedValue{}
	var plain []driver.NamedValue
	for _, a := range args {
		if a.Name != "" {
			byName[a.Name] = a
		} else {
			plain = append(plain, a)
		}
	}
	out := make([]driver.NamedValue, len(names))
	for i, name := range names {
		var v driver.NamedValue
		if name != "" {
			a, ok := byName[name]
			if !ok {
				return nil, fmt.Errorf("no argument for parameter %s", name)
			}
			v = a
		} else if len(plain) > 0 {
			v, plain = plain[0], plain[1:]
		}
		out[i] = driver.NamedValue{Ordinal: i + 1, Value: v.Value}
	}
	return out, nil
}

// namedConn is a go-dqlite connection that binds named arguments.
type namedConn struct {
	*dqdriver.Conn
}

func (c *namedConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	args, err := bind(paramNames(query), args)
	if err != nil {
		return nil, err
	}
	return c.Conn.ExecContext(ctx, query, args)
}

func (c *namedConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	args, err := bind(paramNames(query), args)
	if err != nil {
		return nil, err
	}
	return c.Conn.QueryContext(ctx, query, args)
}

func (c *namedConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	s, err := c.Conn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	return &namedStmt{Stmt: s.(*dqdriver.Stmt), names: paramNames(query)}, nil
}

func (c *namedConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

// namedStmt is a prepared statement that binds named arguments.
type namedStmt struct {
	*dqdriver.Stmt
	names []string
}

// NumInput is -1: a name used twice is one parameter but may be given
// once, so the count of arguments is not checked here.
func (s *namedStmt) NumInput() int { return -1 }

func (s *namedStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	args, err := bind(s.names, args)
	if err != nil {
		return nil, err
	}
	return s.Stmt.ExecContext(ctx, args)
}

func (s *namedStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	args, err := bind(s.names, args)
	if err != nil {
		return nil, err
	}
	return s.Stmt.QueryContext(ctx, args)
}
