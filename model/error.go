// Package model holds hiroba's domain: the types staff talk about, their
// validation rules, error codes and the store interfaces that data/
// implements. It uses the standard library only.
package model

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes. A caller branches on the code; the message is for a person.
const (
	EINVALID     = "invalid"     // input breaks a rule; Message says which
	ENOTFOUND    = "not_found"   // nothing with that id is visible to the viewer
	EFORBIDDEN   = "forbidden"   // the viewer may not do this
	ECONFLICT    = "conflict"    // the state does not allow it (already joined, full call)
	EUNSUPPORTED = "unsupported" // e.g. a database written by a newer hiroba
	ECORRUPT     = "corrupt"     // the file is not a sound hiroba database
	EREADONLY    = "read_only"   // the database was opened read-only
	EGONE        = "gone"        // the database file was removed, moved or replaced while open
	EFULL        = "disk_full"   // the disk (or quota) is full
	EIO          = "io"          // the disk or the network share failed to read or write
	EINTERNAL    = "internal"
)

// Error is an error a person can act on. Message is written for the user in
// Japanese, the default language; Key and Args, when set, name the entry of
// the UI's catalogue that says the same in the person's language. An
// argument that is itself an error is said in that language too (a line
// number around a validation error), and a List is joined with that
// language's separator.
type Error struct {
	Code    string
	Message string
	Field   string // the form field at fault, if any
	Key     string
	Args    []any
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s", e.Field, e.Message)
	}
	return e.Message
}

// FieldError returns an EINVALID error tied to a form field. Key names the
// catalogue entry; ja is its Japanese text, formatted with args.
func FieldError(field, key, ja string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Key: key, Args: args, Message: fmt.Sprintf(ja, messages(args)...)}
}

// Keyed returns an *Error with the code whose message a catalogue names:
// key is the entry (both languages must have it), ja its Japanese text,
// formatted with args, for callers with no catalogue at hand. New errors a
// person can see are written this way.
func Keyed(code, key, ja string, args ...any) *Error {
	return &Error{Code: code, Key: key, Args: args, Message: fmt.Sprintf(ja, messages(args)...)}
}

// List is an argument of a keyed error that names several things, such
// as communities to choose from: 、 joins them in Japanese, and a
// catalogue joins them in its own language.
type List []string

func (l List) String() string { return strings.Join(l, "、") }

// messages returns args with each error replaced by its message, so that
// an error inside another reads as a sentence, without its field's name.
func messages(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if err, ok := a.(error); ok {
			a = ErrorMessage(err)
		}
		out[i] = a
	}
	return out
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the human message of the first *Error in err's chain,
// or err.Error() for any other error.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
}
