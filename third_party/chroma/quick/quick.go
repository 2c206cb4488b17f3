// Package quick is a stand-in for chroma's one-call highlighter.
package quick

import "io"

// Highlight writes source as it is: hiroba does not colour code.
func Highlight(w io.Writer, source, lexer, formatter, style string) error {
	_, err := io.WriteString(w, source)
	return err
}
