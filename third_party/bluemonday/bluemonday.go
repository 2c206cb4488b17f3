// Package bluemonday is what glamour needs of the HTML sanitizer of the
// same name: StrictPolicy().Sanitize, the text of an HTML fragment
// without its elements, attributes and comments. See README.md.
package bluemonday

import (
	"html"
	"strings"

	nethtml "golang.org/x/net/html"
)

// Policy is the strict policy: no element is kept.
type Policy struct{}

// StrictPolicy returns the policy that keeps no element, attribute or
// comment of a fragment, only its text.
func StrictPolicy() *Policy { return &Policy{} }

// skipContent holds the elements whose content is not text a reader is
// shown, as bluemonday leaves it out: scripts, styles, frames, objects and
// titles.
var skipContent = map[string]bool{
	"frame": true, "frameset": true, "iframe": true, "noembed": true,
	"noframes": true, "noscript": true, "nostyle": true, "object": true,
	"script": true, "style": true, "title": true,
}

// Sanitize returns the text of s, HTML-escaped, without its elements,
// attributes and comments, and without the content of the elements
// skipContent names.
func (p *Policy) Sanitize(s string) string {
	z := nethtml.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skipping := 0
	for {
		switch z.Next() {
		case nethtml.ErrorToken:
			return b.String()
		case nethtml.TextToken:
			if skipping == 0 {
				b.WriteString(html.EscapeString(string(z.Text())))
			}
		case nethtml.StartTagToken:
			if name, _ := z.TagName(); skipContent[strings.ToLower(string(name))] {
				skipping++
			}
		case nethtml.EndTagToken:
			if name, _ := z.TagName(); skipContent[strings.ToLower(string(name))] && skipping > 0 {
				skipping--
			}
		}
	}
}
