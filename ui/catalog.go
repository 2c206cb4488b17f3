package ui

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"hiroba/model"
)

// Catalog holds every string of the interface in one language. Keys are
// the same in every catalogue; a key missing from a catalogue falls back
// to Japanese, the default language.
type Catalog struct {
	Lang    string
	entries map[string]string
}

// NewCatalog returns the catalogue for lang ("ja" or "en"); anything else
// is Japanese.
func NewCatalog(lang string) *Catalog {
	if lang == "en" {
		return &Catalog{Lang: "en", entries: catalogEN}
	}
	return &Catalog{Lang: "ja", entries: catalogJA}
}

// LangFromEnv picks the interface language: an explicit choice wins, then
// an English LC_ALL, LC_MESSAGES or LANG; Japanese otherwise.
func LangFromEnv(explicit string) string {
	if explicit != "" {
		if strings.HasPrefix(explicit, "en") {
			return "en"
		}
		return "ja"
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" {
			if strings.HasPrefix(s, "en") {
				return "en"
			}
			return "ja"
		}
	}
	return "ja"
}

// addCatalog adds one screen's entries to both catalogues; screens kept in
// their own files call it from init. A key defined twice is a mistake that
// would show the wrong words, so it panics at start.
func addCatalog(ja, en map[string]string) {
	for _, pair := range []struct{ into, from map[string]string }{{catalogJA, ja}, {catalogEN, en}} {
		for k, v := range pair.from {
			if _, dup := pair.into[k]; dup {
				panic("ui: catalogue key defined twice: " + k)
			}
			pair.into[k] = v
		}
	}
}

// T returns the entry for key formatted with args.
func (c *Catalog) T(key string, args ...any) string {
	s, ok := c.entries[key]
	if !ok {
		if s, ok = catalogJA[key]; !ok {
			s = key
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Err returns what to tell the person about err, in their language.
func (c *Catalog) Err(err error) string {
	var e *model.Error
	if errors.As(err, &e) {
		if e.Key != "" {
			if _, ok := c.entries[e.Key]; ok {
				return c.T(e.Key, e.Args...)
			}
		}
		return e.Message
	}
	return err.Error()
}

// Category returns the display name of a community category.
func (c *Catalog) Category(k model.Category) string { return c.T("category." + string(k)) }

// Kind returns the display name of a thread kind.
func (c *Catalog) Kind(k model.ThreadKind) string { return c.T("kind." + string(k)) }
