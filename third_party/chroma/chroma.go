// Package chroma is a stand-in for github.com/alecthomas/chroma/v2 with the
// names glamour's code blocks use; see README.md.
package chroma

// TokenType is a kind of token a style colours.
type TokenType int

// The token types glamour sets colours for.
const (
	Background TokenType = iota
	Text
	Error
	Comment
	CommentPreproc
	Keyword
	KeywordReserved
	KeywordNamespace
	KeywordType
	Operator
	Punctuation
	Name
	NameBuiltin
	NameTag
	NameAttribute
	NameClass
	NameConstant
	NameDecorator
	NameException
	NameFunction
	NameOther
	Literal
	LiteralNumber
	LiteralDate
	LiteralString
	LiteralStringEscape
	GenericDeleted
	GenericEmph
	GenericInserted
	GenericStrong
	GenericSubheading
)

// StyleEntries are a style's colours by token type.
type StyleEntries map[TokenType]string

// Style is a named set of colours.
type Style struct {
	Name    string
	Entries StyleEntries
}

// MustNewStyle returns the style named name.
func MustNewStyle(name string, entries StyleEntries) *Style {
	return &Style{Name: name, Entries: entries}
}
