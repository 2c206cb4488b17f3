// Package styles is a stand-in for chroma's registry of styles.
package styles

import "github.com/alecthomas/chroma/v2"

// Registry holds the registered styles by name.
var Registry = map[string]*chroma.Style{}

// Register adds style to the registry.
func Register(style *chroma.Style) *chroma.Style {
	Registry[style.Name] = style
	return style
}
