package data

// QueryStrings runs a query of one text column on the read pool, for
// tests that check rows no service lists.
func QueryStrings(db *DB, query string) ([]string, error) {
	rows, err := db.read.Query(query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// ForgetCalendar drops the calendar's in-memory index, as a change to any
// event by anyone would, so that benchmarks can measure the read after it.
func ForgetCalendar(db *DB) {
	db.cal.mu.Lock()
	db.cal.index, db.cal.access = nil, nil
	db.cal.mu.Unlock()
}
