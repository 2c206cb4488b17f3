package cli

import (
	"io"
	"unicode/utf8"

	"hiroba/model"
)

// cleanWriter cleans what a command writes as the screens clean text
// (model.CleanText: no C0 controls but newline and tab, no C1 controls,
// no bidirectional overrides), so that a row another program wrote into
// the file cannot drive the terminal through any output. A character cut
// between two writes is kept for the next; Flush writes what is left.
type cleanWriter struct {
	w     io.Writer
	carry []byte
}

func (c *cleanWriter) Write(p []byte) (int, error) {
	buf := append(c.carry, p...)
	cut := len(buf)
	for i := len(buf) - 1; i >= 0 && i >= len(buf)-utf8.UTFMax; i-- {
		if utf8.RuneStart(buf[i]) {
			if !utf8.FullRune(buf[i:]) {
				cut = i
			}
			break
		}
	}
	c.carry = append([]byte(nil), buf[cut:]...)
	if _, err := io.WriteString(c.w, model.CleanText(string(buf[:cut]))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes a last, incomplete character as CleanText reads it.
func (c *cleanWriter) Flush() error {
	if len(c.carry) == 0 {
		return nil
	}
	_, err := io.WriteString(c.w, model.CleanText(string(c.carry)))
	c.carry = nil
	return err
}
