package cli

import (
	"bytes"
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"time"

	"hiroba/model"
)

// Every --json output has one shape (the README's "JSON" section), made
// here from whatever a command returns, so that no command can differ:
//
//   - every field is present: omitempty is ignored; a missing time,
//     date or record (a nil pointer) is null, an empty list [], false is
//     false;
//   - a record's own id is "id" (a field tagged cli:"id" is renamed);
//   - times are RFC 3339 in the zone of the data (displayLocation:
//     Asia/Tokyo unless TZ says otherwise); a field tagged format:"date"
//     is a date, YYYY-MM-DD;
//   - text written by people is cleaned as the screens clean it: no C0 or
//     C1 controls (newline and tab stay), no bidirectional overrides.

var (
	timeType      = reflect.TypeFor[time.Time]()
	marshalerType = reflect.TypeFor[json.Marshaler]()
)

// shapeJSON encodes v in the shape above, indented.
func shapeJSON(v any, loc *time.Location) ([]byte, error) {
	var b bytes.Buffer
	if err := writeShaped(&b, reflect.ValueOf(v), false, loc); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

func writeShaped(b *bytes.Buffer, v reflect.Value, date bool, loc *time.Location) error {
	if !v.IsValid() {
		b.WriteString("null")
		return nil
	}
	if v.Type() == timeType {
		t := v.Interface().(time.Time)
		switch {
		case t.IsZero():
			b.WriteString("null")
		case date:
			b.WriteString(`"` + t.UTC().Format("2006-01-02") + `"`) // dates are kept as UTC midnight
		default:
			b.WriteString(`"` + t.In(loc).Format(time.RFC3339) + `"`)
		}
		return nil
	}
	if v.Kind() != reflect.Pointer && v.Kind() != reflect.Interface && v.Type().Implements(marshalerType) {
		js, err := v.Interface().(json.Marshaler).MarshalJSON()
		if err != nil {
			return err
		}
		b.Write(js)
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("null")
			return nil
		}
		return writeShaped(b, v.Elem(), date, loc)
	case reflect.String:
		js, err := json.Marshal(model.CleanText(v.String()))
		if err != nil {
			return err
		}
		b.Write(js)
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			js, err := json.Marshal(v.Interface())
			b.Write(js)
			return err
		}
		b.WriteByte('[')
		for i := range v.Len() {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := writeShaped(b, v.Index(i), date, loc); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			name, _ := json.Marshal(model.CleanText(k.String()))
			b.Write(name)
			b.WriteByte(':')
			if err := writeShaped(b, v.MapIndex(k), date, loc); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	case reflect.Struct:
		b.WriteByte('{')
		first := true
		if err := writeFields(b, v, &first, loc); err != nil {
			return err
		}
		b.WriteByte('}')
	default:
		js, err := json.Marshal(v.Interface())
		if err != nil {
			return err
		}
		b.Write(js)
	}
	return nil
}

// writeFields writes a struct's fields, those of embedded structs in
// its place, as encoding/json does.
func writeFields(b *bytes.Buffer, v reflect.Value, first *bool, loc *time.Location) error {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" || !f.IsExported() && !f.Anonymous {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			if err := writeFields(b, v.Field(i), first, loc); err != nil {
				return err
			}
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if rename := f.Tag.Get("cli"); rename != "" {
			name = rename
		}
		if !*first {
			b.WriteByte(',')
		}
		*first = false
		js, _ := json.Marshal(name)
		b.Write(js)
		b.WriteByte(':')
		if err := writeShaped(b, v.Field(i), f.Tag.Get("format") == "date", loc); err != nil {
			return err
		}
	}
	return nil
}
