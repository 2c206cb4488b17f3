package cli_test

import (
	"encoding/json"
	"regexp"
)

// dateValue is a date-only value of the JSON shape.
var dateValue = regexp.MustCompile(`": "(\d{4}-\d{2}-\d{2})"`)

// unmarshalShaped decodes a --json output into model types, whose dates
// are time.Time: a date becomes its UTC midnight, as the store keeps it.
func unmarshalShaped(out string, v any) error {
	return json.Unmarshal([]byte(dateValue.ReplaceAllString(out, `": "${1}T00:00:00Z"`)), v)
}
