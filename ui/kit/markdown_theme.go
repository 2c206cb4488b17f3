package kit

import (
	gansi "charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
)

// markdownBase is glamour's style for a light or a dark background, with
// the colours that read under 4.5:1 on such a background (links, rules,
// inline code, the first heading's bar) replaced by ones that read, and
// code blocks in one colour: the highlighter's many colours are made for
// one background only. TestMarkdownContrast measures every colour.
func markdownBase(light bool) gansi.StyleConfig {
	if light {
		s := styles.LightStyleConfig
		s.Heading.Color = strPtr("25")
		s.H1.Color, s.H1.BackgroundColor = strPtr("231"), strPtr("25")
		s.H6.Color = strPtr("25")
		s.HorizontalRule.Color = strPtr("241")
		s.Link.Color = strPtr("24")
		s.LinkText.Color = strPtr("22")
		s.Image.Color = strPtr("125")
		s.ImageText.Color = strPtr("241")
		s.Code.Color, s.Code.BackgroundColor = strPtr("124"), strPtr("254")
		s.CodeBlock.Color = strPtr("236")
		s.CodeBlock.Chroma, s.CodeBlock.Theme = nil, ""
		return s
	}
	s := styles.DarkStyleConfig
	s.H1.Color, s.H1.BackgroundColor = strPtr("231"), strPtr("24")
	s.HorizontalRule.Color = strPtr("247")
	s.Link.Color = strPtr("73")
	s.ImageText.Color = strPtr("247")
	s.Code.Color, s.Code.BackgroundColor = strPtr("210"), strPtr("236")
	s.CodeBlock.Color = strPtr("250")
	s.CodeBlock.Chroma, s.CodeBlock.Theme = nil, ""
	return s
}

// SetLight chooses the markdown style for a light (or dark) background.
// The app calls it once it knows the terminal's background, before any
// screen renders.
func (c *Catalog) SetLight(light bool) { c.light = light }

// Light reports whether markdown is drawn for a light background.
func (c *Catalog) Light() bool { return c.light }
