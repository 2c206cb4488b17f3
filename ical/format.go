// Package ical reads and writes iCalendar (RFC 5545) files: the events of
// Google Calendar, Outlook and Garoon exports in, hiroba's calendar out. It
// knows the format and hiroba's event model, and nothing of how events are
// stored: data/ saves what Read returns and loads what Write needs.
package ical

import (
	"bufio"
	"bytes"
	"errors"
	"io"
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

// LineError is a fault in the file at a line, the catalogue's sentence
// key (ja its Japanese, formatted with args) after the line number, so
// that a person can find it in an editor.
func LineError(line int, key, ja string, args ...any) error {
	return AtLine(line, model.Keyed(model.EINVALID, key, ja, args...))
}

// AtLine is err, such as a refused event, at a line of the file: the line
// comes first in every language, and err is said as its own key says. Its
// code is err's, EINVALID for an error that has none.
func AtLine(line int, err error) error {
	code := model.EINVALID
	var me *model.Error
	if errors.As(err, &me) {
		code = me.Code
	}
	return model.Keyed(code, "err.ical.line", "%d 行目: %s", line, err)
}

// lines reads a file's logical lines: folds undone (a line end followed
// by one space or tab), each line with the number of its first physical
// line, a leading byte order mark (Outlook's) dropped, CRLF or LF. A line
// that is not UTF-8 but reads cleanly as Shift_JIS (older Japanese
// groupware) is converted; folding may split a UTF-8 character (Google's
// export does), so the check is made on the unfolded line. It reads at
// most MaxBytes.
type lines struct {
	r        *bufio.Reader
	physical int   // physical lines read
	read     int64 // bytes read
	held     []byte
	heldAt   int
	has      bool // held is a logical line being built
	err      error
}

func newLines(r io.Reader) *lines {
	return &lines{r: bufio.NewReaderSize(io.LimitReader(r, MaxBytes+1), 64<<10)}
}

// next returns the next logical line; ok is false at the end of the file
// or on a read error (l.err).
func (l *lines) next() (line int, text string, ok bool) {
	for {
		raw, err := l.r.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			// A physical line longer than the buffer: read it whole.
			rest, err2 := l.r.ReadBytes('\n')
			raw, err = append(append([]byte(nil), raw...), rest...), err2
		}
		l.read += int64(len(raw))
		if l.read > MaxBytes {
			l.err = model.Keyed(model.EINVALID, "err.ical.too_big", "ファイルが大きすぎます (%d MB まで)", MaxBytes>>20)
			return 0, "", false
		}
		if len(raw) > 0 {
			l.physical++
			if l.physical == 1 {
				raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
			}
			raw = bytes.TrimSuffix(bytes.TrimSuffix(raw, []byte("\n")), []byte("\r"))
			if len(raw) > 0 && (raw[0] == ' ' || raw[0] == '\t') && l.has {
				l.held = append(l.held, raw[1:]...) // a fold
			} else {
				line, text, ok = l.heldAt, decodeLine(l.held), l.has
				l.held, l.heldAt, l.has = append(l.held[:0], raw...), l.physical, true
				if ok {
					return line, text, true
				}
			}
		}
		if err != nil {
			if err != io.EOF {
				l.err = err
				return 0, "", false
			}
			line, text, ok = l.heldAt, decodeLine(l.held), l.has
			l.has = false
			return line, text, ok
		}
	}
}

// decodeLine returns a logical line as text: UTF-8 as it is, else its
// Shift_JIS reading when that is clean, else as it is (parse names it).
func decodeLine(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	if s, err := japanese.ShiftJIS.NewDecoder().Bytes(b); err == nil && !bytes.ContainsRune(s, utf8.RuneError) {
		return string(s)
	}
	return string(b)
}

// scan reads the file's components. Each component directly inside a
// VCALENDAR is given to child when it ends (and then forgotten, so that a
// large file is never held whole); the calendar, with its own properties
// only, is given to child first (on its BEGIN, with the properties of its
// header read later) and a nil child marks its END. scan refuses, with
// the line, a file that is not iCalendar at all: no VCALENDAR, text
// outside it, END without BEGIN. A fault inside a component (a line that
// is not a property, a BEGIN without its END) breaks that component only
// (component.Err). Blank lines are allowed.
func scan(r io.Reader, child func(cal, c *component) error) error {
	l := newLines(r)
	var cal *component
	var stack []*component // inside cal
	calendars := 0
	// closeTo pops the stack down to depth n; the components popped
	// without their END are broken.
	closeTo := func(n int) error {
		for len(stack) > n {
			top := stack[len(stack)-1]
			top.fault(LineError(top.Line, "err.ical.not_closed", "BEGIN:%s が END:%s で閉じられていません", top.Name, top.Name))
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				if err := child(cal, top); err != nil {
					return err
				}
			}
		}
		return nil
	}
	endCalendar := func() error {
		if err := closeTo(0); err != nil {
			return err
		}
		c := cal
		cal = nil
		return child(c, nil)
	}
	for {
		line, text, ok := l.next()
		if !ok {
			break
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		var p *property
		var err error
		if !utf8.ValidString(text) {
			err = LineError(line, "err.ical.encoding", "文字コードが読めません (UTF-8 で保存してください)")
		} else {
			p, err = parseContentLine(line, text)
		}
		if err != nil {
			if cal == nil {
				return err
			}
			if len(stack) == 0 {
				continue // a bad line in the calendar's header: nothing to break
			}
			stack[len(stack)-1].fault(err)
			continue
		}
		switch p.Name {
		case "BEGIN":
			name := strings.ToUpper(strings.TrimSpace(p.Value))
			if name == "" {
				err := LineError(p.Line, "err.ical.begin_name", "BEGIN の後に部品の名前がありません")
				if len(stack) == 0 {
					return err
				}
				stack[len(stack)-1].fault(err)
				continue
			}
			c := &component{Line: p.Line, Name: name}
			switch {
			case cal == nil && name != "VCALENDAR":
				return LineError(p.Line, "err.ical.begin_first", "iCalendar のファイルは BEGIN:VCALENDAR で始まります (BEGIN:%s があります)", name)
			case name == "VCALENDAR":
				if cal != nil { // the one open was not closed
					if err := endCalendar(); err != nil {
						return err
					}
				}
				cal = c
				calendars++
				if err := child(cal, cal); err != nil {
					return err
				}
				continue
			case name == "VEVENT": // an event never holds another: the one open was not closed
				for i := len(stack) - 1; i >= 0; i-- {
					if stack[i].Name == "VEVENT" {
						if err := closeTo(i); err != nil {
							return err
						}
						break
					}
				}
			}
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.Children = append(top.Children, c)
			}
			stack = append(stack, c)
		case "END":
			name := strings.ToUpper(strings.TrimSpace(p.Value))
			if cal == nil {
				return LineError(p.Line, "err.ical.end_unmatched", "END:%s に対応する BEGIN がありません", name)
			}
			if name == "VCALENDAR" {
				if err := endCalendar(); err != nil {
					return err
				}
				continue
			}
			i := len(stack) - 1
			for i >= 0 && stack[i].Name != name {
				i--
			}
			if i < 0 {
				if len(stack) > 0 {
					top := stack[len(stack)-1]
					top.fault(LineError(p.Line, "err.ical.end_mismatch", "END:%s がありますが、閉じるべきは %d 行目の BEGIN:%s です", name, top.Line, top.Name))
				}
				continue
			}
			if err := closeTo(i + 1); err != nil {
				return err
			}
			done := stack[i]
			stack = stack[:i]
			if i == 0 {
				if err := child(cal, done); err != nil {
					return err
				}
			}
		default:
			switch {
			case cal == nil:
				return LineError(p.Line, "err.ical.outside", "BEGIN:VCALENDAR の外に %s があります", p.Name)
			case len(stack) == 0:
				cal.Props = append(cal.Props, p)
			default:
				top := stack[len(stack)-1]
				top.Props = append(top.Props, p)
			}
		}
	}
	if l.err != nil {
		return l.err
	}
	if cal != nil { // a calendar left open is read; what is open inside it is broken
		if err := endCalendar(); err != nil {
			return err
		}
	}
	if calendars == 0 {
		return LineError(1, "err.ical.not_ical", "iCalendar のファイルではありません (BEGIN:VCALENDAR がありません)")
	}
	return nil
}

// parse reads a whole text into its calendars, their components kept:
// for VTIMEZONE tests and small texts.
func parse(text string) ([]*component, error) {
	var out []*component
	err := scan(strings.NewReader(text), func(cal, c *component) error {
		switch {
		case c == cal:
			out = append(out, cal)
		case c != nil:
			cal.Children = append(cal.Children, c)
		}
		return nil
	})
	return out, err
}

// parseContentLine reads NAME *(";" param) ":" value (RFC 5545 3.1).
func parseContentLine(line int, s string) (*property, error) {
	i := 0
	for i < len(s) && isNameByte(s[i]) {
		i++
	}
	if i == 0 {
		return nil, LineError(line, "err.ical.no_name", "行の始めにプロパティ名がありません: %s", Excerpt(s))
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
			return nil, LineError(line, "err.ical.param_form", "%s のパラメータが「名前=値」の形になっていません", p.Name)
		}
		name := strings.ToUpper(s[:j])
		s = s[j+1:]
		for {
			var v string
			if len(s) > 0 && s[0] == '"' {
				end := strings.IndexByte(s[1:], '"')
				if end < 0 {
					return nil, LineError(line, "err.ical.param_quote", "%s のパラメータ %s の「\"」が閉じられていません", p.Name, name)
				}
				v, s = s[1:1+end], s[2+end:]
			} else {
				end := strings.IndexAny(s, ";:,\"")
				if end < 0 {
					end = len(s)
				}
				if end < len(s) && s[end] == '"' {
					return nil, LineError(line, "err.ical.param_stray_quote", "%s のパラメータ %s の途中に「\"」があります", p.Name, name)
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
		return nil, LineError(line, "err.ical.colon", "%s の後に「:」がありません", p.Name)
	}
	p.Value = s[1:]
	return p, nil
}

func isNameByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
}

// Excerpt is the start of a bad line, cleaned, for an error message.
func Excerpt(s string) string { return model.Excerpt(s, 30) }

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
