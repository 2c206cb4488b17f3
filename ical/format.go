// Package ical reads and writes iCalendar (RFC 5545) files: the events of
// Google Calendar, Outlook and Garoon exports in, hiroba's calendar out. It
// knows the format and hiroba's event model, and nothing of how events are
// stored: data/ saves what Read returns and loads what Write needs.
package ical

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"hiroba/model"

	"golang.org/x/text/encoding/japanese"
)

// This file reads and writes the grammar: content lines, folding,
// parameters, components and TEXT escaping. github.com/emersion/go-ical was
// tried first and is used by the tests as an independent parser of what we
// write, but it cannot serve here: it neither folds the lines it writes nor
// says on which line an error is, it panics on "DTSTART;TZID=Asia/Tokyo"
// without a colon, it drops everything after an unescaped comma in SUMMARY,
// and it refuses the "\:" that some exporters write.

// MaxBytes bounds the size of a file to import: a year of a busy
// community's calendar is a few hundred kilobytes, a whole region's
// archive of 100,000 events about 40 MB.
const MaxBytes = 128 << 20

// property is one unfolded content line: NAME;PARAM=v,v:VALUE.
type property struct {
	Line   int // the first physical line, counted from 1
	Name   string
	Params map[string][]string // names in upper case
	Value  string
}

// param returns the first value of the parameter, or "".
func (p *property) param(name string) string {
	if v := p.Params[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// component is BEGIN:NAME ... END:NAME with its properties and nested
// components, in file order.
type component struct {
	Line     int
	Name     string
	Props    []*property
	Children []*component
	// Err is the first fault inside the component (a line that is not
	// a property, a BEGIN without its END): the component is broken and
	// is skipped, while the rest of the file is read.
	Err error
}

// fault notes the first fault of a component.
func (c *component) fault(err error) {
	if c.Err == nil {
		c.Err = err
	}
}

// prop returns the first property with that name, or nil.
func (c *component) prop(name string) *property {
	for _, p := range c.Props {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// all returns every property with that name.
func (c *component) all(name string) []*property {
	var out []*property
	for _, p := range c.Props {
		if p.Name == name {
			out = append(out, p)
		}
	}
	return out
}

// LineError is a fault in the file at a line; its message begins with the
// line number, so that a person can find it in an editor.
func LineError(line int, format string, args ...any) error {
	return model.Errorf(model.EINVALID, "%d 行目: %s", line, fmt.Sprintf(format, args...))
}

// decodeText returns the file as text. A file that is not UTF-8 but
// reads cleanly as Shift_JIS (older Japanese groupware) is converted;
// other bad bytes are left for parse, which names their line. Folding
// may split a UTF-8 character (Google's export does), so the check is made
// on unfolded text.
func decodeText(b []byte) string {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) // Outlook's byte order mark
	if utf8.Valid(unfoldRE.ReplaceAll(b, nil)) {
		return string(b)
	}
	if s, err := japanese.ShiftJIS.NewDecoder().Bytes(b); err == nil && !bytes.ContainsRune(s, utf8.RuneError) {
		return string(s)
	}
	return string(b)
}

// unfoldRE matches a fold: a line end followed by one space or tab.
var unfoldRE = regexp.MustCompile("\r?\n[ \t]")

// parse reads every VCALENDAR in the text. It refuses, with the line,
// anything that is not well-formed: a line without a colon, a bad
// parameter, a property outside a component, BEGIN and END that do not
// match. Blank lines are allowed; lines may end in CRLF or LF.
func parse(text string) ([]*component, error) {
	type physical struct {
		line int
		text string
	}
	var logical []physical
	for i, raw := range strings.Split(text, "\n") {
		raw = strings.TrimSuffix(raw, "\r")
		if raw != "" && (raw[0] == ' ' || raw[0] == '\t') && len(logical) > 0 {
			// A folded line: CRLF and one space or tab were inserted.
			logical[len(logical)-1].text += raw[1:]
			continue
		}
		logical = append(logical, physical{i + 1, raw})
	}

	var calendars []*component
	var stack []*component
	// closeTo pops the stack down to depth n; the components popped
	// without their END are broken.
	closeTo := func(n int) {
		for len(stack) > n {
			top := stack[len(stack)-1]
			top.fault(LineError(top.Line, "BEGIN:%s が END:%s で閉じられていません", top.Name, top.Name))
			stack = stack[:len(stack)-1]
		}
	}
	for _, l := range logical {
		if strings.TrimSpace(l.text) == "" {
			continue
		}
		var p *property
		var err error
		if !utf8.ValidString(l.text) {
			err = LineError(l.line, "文字コードが読めません (UTF-8 で保存してください)")
		} else {
			p, err = parseContentLine(l.line, l.text)
		}
		if err != nil {
			if len(stack) == 0 {
				return nil, err
			}
			stack[len(stack)-1].fault(err)
			continue
		}
		switch p.Name {
		case "BEGIN":
			name := strings.ToUpper(strings.TrimSpace(p.Value))
			if name == "" {
				err := LineError(p.Line, "BEGIN の後に部品の名前がありません")
				if len(stack) == 0 {
					return nil, err
				}
				stack[len(stack)-1].fault(err)
				continue
			}
			c := &component{Line: p.Line, Name: name}
			if len(stack) == 0 {
				if name != "VCALENDAR" {
					return nil, LineError(p.Line, "iCalendar のファイルは BEGIN:VCALENDAR で始まります (BEGIN:%s があります)", name)
				}
				calendars = append(calendars, c)
				stack = append(stack, c)
				continue
			}
			switch name {
			case "VCALENDAR": // the one open was not closed
				closeTo(0)
				calendars = append(calendars, c)
				stack = append(stack, c)
				continue
			case "VEVENT": // an event never holds another: the one open was not closed
				for i := len(stack) - 1; i >= 1; i-- {
					if stack[i].Name == "VEVENT" {
						closeTo(i)
						break
					}
				}
			}
			top := stack[len(stack)-1]
			top.Children = append(top.Children, c)
			stack = append(stack, c)
		case "END":
			name := strings.ToUpper(strings.TrimSpace(p.Value))
			if len(stack) == 0 {
				return nil, LineError(p.Line, "END:%s に対応する BEGIN がありません", name)
			}
			i := len(stack) - 1
			for i >= 0 && stack[i].Name != name {
				i--
			}
			if i < 0 {
				top := stack[len(stack)-1]
				top.fault(LineError(p.Line, "END:%s がありますが、閉じるべきは %d 行目の BEGIN:%s です", name, top.Line, top.Name))
				continue
			}
			closeTo(i + 1)
			stack = stack[:i]
		default:
			if len(stack) == 0 {
				return nil, LineError(p.Line, "BEGIN:VCALENDAR の外に %s があります", p.Name)
			}
			top := stack[len(stack)-1]
			top.Props = append(top.Props, p)
		}
	}
	closeTo(1) // a calendar left open is read; what is open inside it is broken
	if len(calendars) == 0 {
		return nil, LineError(1, "iCalendar のファイルではありません (BEGIN:VCALENDAR がありません)")
	}
	return calendars, nil
}

// parseContentLine reads NAME *(";" param) ":" value (RFC 5545 3.1).
func parseContentLine(line int, s string) (*property, error) {
	i := 0
	for i < len(s) && isNameByte(s[i]) {
		i++
	}
	if i == 0 {
		return nil, LineError(line, "行の始めにプロパティ名がありません: %s", Excerpt(s))
	}
	p := &property{Line: line, Name: strings.ToUpper(s[:i])}
	s = s[i:]
	for len(s) > 0 && s[0] == ';' {
		s = s[1:]
		j := 0
		for j < len(s) && isNameByte(s[j]) {
			j++
		}
		if j == 0 || j == len(s) || s[j] != '=' {
			return nil, LineError(line, "%s のパラメータが「名前=値」の形になっていません", p.Name)
		}
		name := strings.ToUpper(s[:j])
		s = s[j+1:]
		for {
			var v string
			if len(s) > 0 && s[0] == '"' {
				end := strings.IndexByte(s[1:], '"')
				if end < 0 {
					return nil, LineError(line, "%s のパラメータ %s の「\"」が閉じられていません", p.Name, name)
				}
				v, s = s[1:1+end], s[2+end:]
			} else {
				end := strings.IndexAny(s, ";:,\"")
				if end < 0 {
					end = len(s)
				}
				if end < len(s) && s[end] == '"' {
					return nil, LineError(line, "%s のパラメータ %s の途中に「\"」があります", p.Name, name)
				}
				v, s = s[:end], s[end:]
			}
			if p.Params == nil {
				p.Params = map[string][]string{}
			}
			p.Params[name] = append(p.Params[name], v)
			if len(s) > 0 && s[0] == ',' {
				s = s[1:]
				continue
			}
			break
		}
	}
	if len(s) == 0 || s[0] != ':' {
		return nil, LineError(line, "%s の後に「:」がありません", p.Name)
	}
	p.Value = s[1:]
	return p, nil
}

func isNameByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
}

// Excerpt is the start of a bad line, cleaned, for an error message.
func Excerpt(s string) string {
	s = model.CleanLine(s)
	if utf8.RuneCountInString(s) > 30 {
		s = string([]rune(s)[:30]) + "..."
	}
	return s
}

// unescapeText reads a TEXT value (RFC 5545 3.3.11). It is lenient: an
// unknown escape such as "\:" keeps the character.
func unescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// escapeText writes a TEXT value: backslash, semicolon, comma and newline
// escaped.
var escapeText = strings.NewReplacer(`\`, `\\`, `;`, `\;`, `,`, `\,`, "\n", `\n`).Replace

// lineWriter writes content lines folded at 75 octets, never inside a UTF-8
// character, each ending in CRLF. The first error sticks.
type lineWriter struct {
	w   io.Writer
	buf []byte
	err error
}

// maxLineOctets is the longest line RFC 5545 3.1 allows, without CRLF.
const maxLineOctets = 75

// prop writes NAME[;params]:value; params are already formatted, such as
// ";TZID=Asia/Tokyo".
func (w *lineWriter) prop(name, params, value string) {
	if w.err != nil {
		return
	}
	line := name + params + ":" + value
	w.buf = w.buf[:0]
	limit := maxLineOctets
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		w.buf = append(w.buf, line[:cut]...)
		w.buf = append(w.buf, "\r\n "...)
		line = line[cut:]
		limit = maxLineOctets - 1 // the leading space counts
	}
	w.buf = append(w.buf, line...)
	w.buf = append(w.buf, "\r\n"...)
	_, w.err = w.w.Write(w.buf)
}

// text writes a TEXT property, escaped; empty values are left out.
func (w *lineWriter) text(name, value string) {
	if value != "" {
		w.prop(name, "", escapeText(value))
	}
}
