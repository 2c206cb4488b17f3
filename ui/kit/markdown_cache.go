package kit

import (
	"container/list"
	"sync"
)

// mdCache keeps rendered documents for every session of the process (one
// `hiroba serve` serves them all), least recently used first out, within
// maxBytes of text: the documents and their rendered forms.
type mdCache struct {
	mu       sync.Mutex
	maxBytes int
	bytes    int
	entries  map[mdKey]*list.Element
	order    *list.List // of *mdEntry, most recently used at the front
}

// mdKey names a rendered document: its text, how it looks, and the width
// it was wrapped at (0 for glamour's output before wrapping, which every
// width shares).
type mdKey struct {
	text  string
	style mdStyle
	width int
}

type mdEntry struct {
	key mdKey
	out string
}

func newMDCache(maxBytes int) *mdCache {
	return &mdCache{maxBytes: maxBytes, entries: map[mdKey]*list.Element{}, order: list.New()}
}

func (c *mdCache) get(k mdKey) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[k]
	if !ok {
		return "", false
	}
	c.order.MoveToFront(e)
	return e.Value.(*mdEntry).out, true
}

func (c *mdCache) put(k mdKey, out string) {
	size := len(k.text) + len(out)
	if size > c.maxBytes/4 {
		return // one document must not push out all the others
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[k]; ok {
		return
	}
	c.entries[k] = c.order.PushFront(&mdEntry{key: k, out: out})
	c.bytes += size
	for c.bytes > c.maxBytes {
		last := c.order.Back()
		e := last.Value.(*mdEntry)
		c.order.Remove(last)
		delete(c.entries, e.key)
		c.bytes -= len(e.key.text) + len(e.out)
	}
}

func (c *mdCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries = map[mdKey]*list.Element{}
	c.order.Init()
	c.bytes = 0
}

// size is the bytes held, for tests.
func (c *mdCache) size() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes
}
